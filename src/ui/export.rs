//! Step « Export »: the findings summary and the DOCX and PDF exports.

use eframe::egui::{RichText, Ui};

use super::{Command, theme};
use crate::rules::Tally;

/// What the export step remembers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportState {
    /// The user agreed to export a draft that has errors.
    pub confirm_non_compliant: bool,
    /// The outcome of the last export: what was written, or why not.
    pub outcome: Option<Result<String, String>>,
}

/// Shows the export choices; returns the export asked for.
pub fn export_ui(ui: &mut Ui, total: Tally, state: &mut ExportState) -> Option<Command> {
    let mut command = None;
    ui.label("Le document est produit à partir du modèle de convention, avec le même contenu en DOCX (pour Word ou LibreOffice) et en PDF (pour signature et publication).");
    ui.add_space(6.0);
    if total.errors == 0 {
        ui.label(
            RichText::new(format!("● Prêt : {}.", total.french()))
                .color(theme::SUCCESS)
                .strong(),
        );
        state.confirm_non_compliant = false;
    } else {
        ui.label(
            RichText::new(format!(
                "■ Le brouillon a encore {} (voir l'étape « Relecture »).",
                total.french()
            ))
            .color(theme::ERROR)
            .strong(),
        );
        ui.checkbox(
            &mut state.confirm_non_compliant,
            "Exporter quand même un projet, chaque page marquée « PROJET — non conforme »",
        );
    }
    let allowed = total.errors == 0 || state.confirm_non_compliant;
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(allowed, theme::primary_button("Exporter en PDF…"))
            .clicked()
        {
            command = Some(Command::Export {
                docx: false,
                pdf: true,
            });
        }
        if ui
            .add_enabled(allowed, egui_button("Exporter en DOCX…"))
            .clicked()
        {
            command = Some(Command::Export {
                docx: true,
                pdf: false,
            });
        }
        if ui
            .add_enabled(allowed, egui_button("Exporter les deux…"))
            .clicked()
        {
            command = Some(Command::Export {
                docx: true,
                pdf: true,
            });
        }
    });
    ui.label(
        RichText::new("« Les deux » : le PDF est écrit à côté du DOCX, sous le même nom.")
            .color(theme::MUTED)
            .small(),
    );
    match &state.outcome {
        Some(Ok(message)) => {
            ui.add_space(6.0);
            ui.label(RichText::new(format!("● {message}")).color(theme::SUCCESS));
        }
        Some(Err(message)) => {
            ui.add_space(6.0);
            ui.label(RichText::new(format!("■ {message}")).color(theme::ERROR));
        }
        None => {}
    }
    command
}

fn egui_button(text: &str) -> eframe::egui::Button<'static> {
    eframe::egui::Button::new(text.to_owned())
}
