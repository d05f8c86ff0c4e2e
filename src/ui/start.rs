//! The start page: new draft, open, import a signed DOCX, recent files,
//! and the bundled example shown as it will print.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use super::preview::preview_ui;
use super::{Command, theme};
use crate::document::Document;

/// Draws the start page; returns what the user chose.
pub fn start_ui(ui: &mut Ui, recent: &[PathBuf], example: Option<&Document>) -> Option<Command> {
    let mut command = None;
    let wide = ui.available_width() > 900.0;
    let actions = |ui: &mut Ui, command: &mut Option<Command>| {
        ui.label(
            RichText::new("Convention")
                .size(30.0)
                .strong()
                .color(theme::ACCENT),
        );
        ui.label(
            RichText::new("Rédiger et vérifier une convention de délégation de gestion").size(17.0),
        );
        ui.add_space(14.0);
        let new = ui.add(theme::primary_button("Nouveau brouillon"));
        if new.clicked() {
            *command = Some(Command::NewBlank);
        }
        if ui
            .button("Nouveau à partir de l'exemple (MEAE – DINUM, 2022)")
            .clicked()
        {
            *command = Some(Command::NewFromExample);
        }
        if ui
            .button("Nouveau à partir d'une copie d'un brouillon…")
            .clicked()
        {
            *command = Some(Command::NewFromCopy);
        }
        if ui.button("Ouvrir un brouillon…").clicked() {
            *command = Some(Command::Open(None));
        }
        if ui.button("Ouvrir un portefeuille (dossier)…").clicked() {
            *command = Some(Command::OpenPortfolio(None));
        }
        if ui
            .button("Importer un DOCX…")
            .on_hover_text("Une convention déjà signée, lue dans son fichier Word : elle devient un nouveau brouillon.")
            .clicked()
        {
            *command = Some(Command::ImportDocx(None));
        }
        ui.label(
            RichText::new(
                "Vous pouvez aussi déposer sur la fenêtre un brouillon (.json) ou une convention signée (.docx, .odt).",
            )
            .color(theme::MUTED),
        );
        ui.add_space(14.0);
        ui.label(
            RichText::new("Fichiers récents")
                .heading()
                .color(theme::ACCENT),
        );
        if recent.is_empty() {
            ui.label(RichText::new("Aucun pour l'instant.").color(theme::MUTED));
        }
        for path in recent {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let folder = path
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let response = ui
                .add_enabled(path.exists(), egui::Button::new(name.clone()))
                .on_hover_text(path.display().to_string())
                .accessible_name(format!("Ouvrir le fichier récent {name}"));
            if response.clicked() {
                *command = Some(Command::Open(Some(path.clone())));
            }
            ui.label(RichText::new(folder).small().color(theme::MUTED));
        }
        ui.add_space(14.0);
        ui.label(
            RichText::new(
                "Vos brouillons restent sur cet ordinateur : Convention n'utilise pas le réseau.",
            )
            .small()
            .color(theme::MUTED),
        );
    };
    if wide {
        ui.columns(2, |columns| {
            columns[0].with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                actions(ui, &mut command);
            });
            example_ui(&mut columns[1], example);
        });
    } else {
        actions(ui, &mut command);
        ui.add_space(14.0);
        example_ui(ui, example);
    }
    command
}

fn example_ui(ui: &mut Ui, example: Option<&Document>) {
    ui.label(RichText::new("Exemple").heading().color(theme::ACCENT));
    ui.label(
        RichText::new(
            "La convention MEAE – DINUM signée en 2022, telle que Convention l'exporte ; « Nouveau à partir de l'exemple » en fait un brouillon.",
        )
        .color(theme::MUTED),
    );
    if let Some(document) = example {
        egui::ScrollArea::vertical()
            .id_salt("apercu-exemple")
            .show(ui, |ui| {
                preview_ui(ui, document, None);
            });
    }
}
