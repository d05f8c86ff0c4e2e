//! Step « Export »: the findings summary, the template, the choice to
//! include the open comments, the DOCX and PDF exports, and printing.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use super::{Command, Comparison, theme};
use crate::rules::Tally;

/// What the export step remembers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportState {
    /// The user agreed to export a draft that has errors.
    pub confirm_non_compliant: bool,
    /// The outcome of the last export: what was written, or why not.
    pub outcome: Option<Result<String, String>>,
    /// The number of the avenant to write.
    pub avenant_number: u32,
    /// Its date of effect as typed (empty: at its signature).
    pub avenant_effect: String,
    /// How many open comments the draft has, set by the app before the
    /// step is drawn; the choice below is shown only when there are some.
    pub open_comments: usize,
    /// The user asked for the open comments to go with the export (Word
    /// comments in the DOCX, « Remarques » at the end of the PDF).
    pub include_comments: bool,
    /// The folder of the template the draft renders with, set by the app
    /// before the step is drawn; `None`: the built-in template.
    pub template: Option<PathBuf>,
}

impl Default for ExportState {
    fn default() -> Self {
        Self {
            confirm_non_compliant: false,
            outcome: None,
            avenant_number: 1,
            avenant_effect: String::new(),
            open_comments: 0,
            include_comments: false,
            template: None,
        }
    }
}

/// Shows the export choices; returns the export asked for.
pub fn export_ui(
    ui: &mut Ui,
    total: Tally,
    state: &mut ExportState,
    comparison: Option<&Comparison<'_>>,
) -> Option<Command> {
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
    if let Some(chosen) = template_ui(ui, state.template.as_deref()) {
        command = Some(chosen);
    }
    comments_ui(ui, state);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(allowed, theme::primary_button("Exporter en PDF…"))
            .clicked()
        {
            command = Some(Command::Export {
                docx: false,
                pdf: true,
                redline: false,
            });
        }
        if ui
            .add_enabled(allowed, egui_button("Exporter en DOCX…"))
            .clicked()
        {
            command = Some(Command::Export {
                docx: true,
                pdf: false,
                redline: false,
            });
        }
        if ui
            .add_enabled(allowed, egui_button("Exporter les deux…"))
            .clicked()
        {
            command = Some(Command::Export {
                docx: true,
                pdf: true,
                redline: false,
            });
        }
    });
    ui.label(
        RichText::new("« Les deux » : le PDF est écrit à côté du DOCX, sous le même nom.")
            .color(theme::MUTED)
            .small(),
    );
    ui.add_space(4.0);
    if ui
        .button("Imprimer…")
        .on_hover_text("Ouvre le PDF dans la visionneuse du système, qui l'imprime (Ctrl+P).")
        .clicked()
    {
        command = Some(Command::Print);
    }
    if let Some(comparison) = comparison {
        ui.add_space(10.0);
        ui.label(
            RichText::new(format!("Modifications depuis « {} »", comparison.name))
                .heading()
                .color(theme::INSERTED),
        );
        ui.label(format!(
            "Le DOCX porte {} en suivi des modifications : Word et LibreOffice permettent de les accepter ou de les refuser une à une. Le PDF les montre soulignées ou barrées, et s'ouvre sur leur liste.",
            crate::rules::count_of(
                comparison.changes.len(),
                "modification",
                "modifications"
            )
        ));
        let enabled = allowed && !comparison.changes.is_empty();
        ui.horizontal(|ui| {
            for (text, docx, pdf) in [
                ("Modifications en DOCX…", true, false),
                ("Modifications en PDF…", false, true),
                ("Modifications, les deux…", true, true),
            ] {
                if ui.add_enabled(enabled, egui_button(text)).clicked() {
                    command = Some(Command::Export {
                        docx,
                        pdf,
                        redline: true,
                    });
                }
            }
        });
        ui.add_space(10.0);
        ui.label(RichText::new("Avenant").heading().color(theme::ACCENT));
        ui.label(format!(
            "Si « {} » est la convention signée, l'avenant en réécrit les articles modifiés (« L'article 5 est remplacé par les dispositions suivantes : … »).",
            comparison.name
        ));
        ui.horizontal(|ui| {
            let shown = ui.label("Numéro de l'avenant");
            ui.add(egui::DragValue::new(&mut state.avenant_number).range(1..=99))
                .labelled_by(shown.id);
            let shown = ui.label("Date d'effet (facultative)");
            ui.add(
                egui::TextEdit::singleline(&mut state.avenant_effect)
                    .hint_text("JJ/MM/AAAA")
                    .desired_width(140.0),
            )
            .labelled_by(shown.id);
        });
        ui.label(
            RichText::new("Sans date d'effet, l'avenant prend effet à sa signature.")
                .color(theme::MUTED)
                .small(),
        );
        ui.horizontal(|ui| {
            for (text, docx, pdf) in [
                ("Avenant en DOCX…", true, false),
                ("Avenant en PDF…", false, true),
                ("Avenant, les deux…", true, true),
            ] {
                if ui.add_enabled(enabled, egui_button(text)).clicked() {
                    command = Some(Command::Avenant { docx, pdf });
                }
            }
        });
    }
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

/// The template the draft renders with, and the buttons to change it.
fn template_ui(ui: &mut Ui, folder: Option<&std::path::Path>) -> Option<Command> {
    let mut command = None;
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let shown = match folder {
            None => "Modèle : intégré (le texte de la convention type)".to_owned(),
            Some(folder) => format!("Modèle : dossier {}", folder.display()),
        };
        ui.label(RichText::new(shown).strong());
        if ui.button("Choisir un dossier de modèle…").clicked() {
            command = Some(Command::ChooseTemplate(None));
        }
        if folder.is_some() && ui.button("Revenir au modèle intégré").clicked() {
            command = Some(Command::BuiltinTemplate);
        }
    });
    ui.label(
        RichText::new(
            "Un dossier de modèle contient convention.md.j2 (et avenant.md.j2 s'il en a un). Le choix est retenu pour ce brouillon, sur cet ordinateur.",
        )
        .color(theme::MUTED)
        .small(),
    );
    command
}

/// The choice to export the open comments too, when the draft has some.
fn comments_ui(ui: &mut Ui, state: &mut ExportState) {
    if state.open_comments == 0 {
        return;
    }
    ui.add_space(6.0);
    ui.checkbox(
        &mut state.include_comments,
        format!("Inclure les remarques ouvertes ({})", state.open_comments),
    );
    ui.label(
        RichText::new(
            "En commentaires Word dans le DOCX, à côté de ce dont elles parlent ; dans une liste « Remarques », avec les pages, à la fin du PDF.",
        )
        .color(theme::MUTED)
        .small(),
    );
}

fn egui_button(text: &str) -> eframe::egui::Button<'static> {
    eframe::egui::Button::new(text.to_owned())
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;

    fn step(state: ExportState) -> Harness<'static, ExportState> {
        let mut installed = false;
        Harness::new_ui_state(
            move |ui, state: &mut ExportState| {
                // The app's fonts, which have « ● ».
                if !installed {
                    theme::install(ui.ctx());
                    installed = true;
                }
                let _ = export_ui(ui, Tally::default(), state, None);
            },
            state,
        )
    }

    #[test]
    fn open_comments_can_go_with_the_export() {
        let mut harness = step(ExportState {
            open_comments: 3,
            ..ExportState::default()
        });
        harness
            .get_by_label("Inclure les remarques ouvertes (3)")
            .click();
        harness.run();
        assert!(harness.state().include_comments);
    }

    #[test]
    fn without_open_comments_there_is_no_choice() {
        let harness = step(ExportState::default());
        assert!(
            harness
                .query_by_label_contains("Inclure les remarques")
                .is_none()
        );
    }
}
