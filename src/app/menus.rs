//! The menu bar and the status bar.

use eframe::egui::{self, KeyboardShortcut, RichText, Ui};

use super::shortcuts::{CLOSE, EXPORT, NEW, OPEN, PRINT, REDO, SAVE, SAVE_AS, UNDO};
use super::{Command, ConventionApp, Step};
use crate::model::Status;
use crate::ui::theme;

impl ConventionApp {
    pub(super) fn menu_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let ctx = ui.ctx().clone();
        let has_session = self.session.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("Fichier", |ui| {
                let item = |ui: &mut Ui, text: &str, shortcut: Option<&KeyboardShortcut>, enabled: bool| {
                    let mut button = egui::Button::new(text.to_owned());
                    if let Some(shortcut) = shortcut {
                        button = button.shortcut_text(ctx.format_shortcut(shortcut));
                    }
                    ui.add_enabled(enabled, button).clicked()
                };
                if item(ui, "Nouveau brouillon", Some(&NEW), true) {
                    commands.push(Command::NewBlank);
                }
                if item(ui, "Nouveau à partir de l'exemple", None, true) {
                    commands.push(Command::NewFromExample);
                }
                if item(ui, "Nouveau à partir d'une copie…", None, true) {
                    commands.push(Command::NewFromCopy);
                }
                if item(ui, "Nouvelle convention à partir de celle-ci", None, has_session) {
                    commands.push(Command::NewSuccessor);
                }
                if item(ui, "Ouvrir…", Some(&OPEN), true) {
                    commands.push(Command::Open(None));
                }
                if item(ui, "Ouvrir un portefeuille (dossier)…", None, true) {
                    commands.push(Command::OpenPortfolio(None));
                }
                let can_show = self.portfolio.is_some() && !self.portfolio_shown;
                if item(ui, "Afficher le portefeuille", None, can_show) {
                    commands.push(Command::ShowPortfolio(true));
                }
                if item(ui, "Importer un DOCX…", None, true) {
                    commands.push(Command::ImportDocx(None));
                }
                ui.menu_button("Fichiers récents", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("Aucun");
                    }
                    for path in &self.prefs.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::Open(Some(path.clone())));
                        }
                    }
                });
                ui.separator();
                if item(ui, "Enregistrer", Some(&SAVE), has_session) {
                    commands.push(Command::Save);
                }
                if item(ui, "Enregistrer sous…", Some(&SAVE_AS), has_session) {
                    commands.push(Command::SaveAs);
                }
                if item(ui, "Exporter…", Some(&EXPORT), has_session) {
                    commands.push(Command::GoTo(Step::Export));
                }
                if item(ui, "Fiche de synthèse (PDF)…", None, has_session) {
                    commands.push(Command::SaveSummary);
                }
                if item(ui, "Imprimer…", Some(&PRINT), has_session) {
                    commands.push(Command::Print);
                }
                ui.separator();
                if item(ui, "Comparer avec…", None, has_session) {
                    commands.push(Command::CompareWith(None));
                }
                let comparing = self.session.as_ref().is_some_and(|s| s.base().is_some());
                if item(ui, "Quitter la comparaison", None, comparing) {
                    commands.push(Command::StopComparing);
                }
                ui.separator();
                let status = self.session.as_ref().map(|s| s.draft.review.status);
                ui.add_enabled_ui(status.is_some(), |ui| {
                    ui.menu_button("Statut", |ui| {
                        for choice in Status::ALL {
                            if ui.radio(status == Some(choice), choice.label()).clicked()
                                && status != Some(choice)
                            {
                                commands.push(Command::SetStatus(choice));
                                ui.close();
                            }
                        }
                    });
                });
                if item(ui, "Votre nom…", None, true) {
                    commands.push(Command::AskAuthor);
                }
                if item(ui, "Carnet des parties…", None, true) {
                    commands.push(Command::ShowCarnet);
                }
                if item(ui, "Importer les remarques d'un DOCX…", None, has_session) {
                    commands.push(Command::ImportReview {
                        path: None,
                        force: false,
                    });
                }
                ui.separator();
                if item(ui, "Fermer le brouillon", Some(&CLOSE), has_session) {
                    commands.push(Command::CloseDraft);
                }
                if item(ui, "Quitter", None, true) {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Édition", |ui| {
                let (can_undo, can_redo) = self
                    .session
                    .as_ref()
                    .map_or((false, false), |s| (s.can_undo(), s.can_redo()));
                let undo = egui::Button::new("Annuler").shortcut_text(ctx.format_shortcut(&UNDO));
                if ui.add_enabled(can_undo, undo).clicked() {
                    commands.push(Command::Undo);
                }
                let redo = egui::Button::new("Rétablir").shortcut_text(ctx.format_shortcut(&REDO));
                if ui.add_enabled(can_redo, redo).clicked() {
                    commands.push(Command::Redo);
                }
            });
            ui.menu_button("Affichage", |ui| {
                let mut shown = self.prefs.show_preview;
                if ui.checkbox(&mut shown, "Aperçu du document").clicked() {
                    commands.push(Command::TogglePreview);
                }
                ui.separator();
                egui::gui_zoom::zoom_menu_buttons(ui);
            });
            ui.menu_button("Aide", |ui| {
                ui.label(format!("Convention {}", env!("CARGO_PKG_VERSION")));
                ui.label("Rédaction et vérification des conventions de délégation de gestion (décret n° 2004-1085).");
                ui.label("Aucune donnée ne quitte cet ordinateur : pas de réseau, pas de télémétrie.");
                ui.label("Raccourcis : Ctrl+S enregistrer, Ctrl+O ouvrir, Ctrl+E exporter, Ctrl+Z annuler, Ctrl+Maj+Z rétablir, Ctrl+Page suivante/précédente changer d'étape, Ctrl+P imprimer, Ctrl+Maj+P aperçu, Ctrl+ + / Ctrl+ - taille du texte.");
            });
        });
    }

    pub(super) fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(session) = &self.session {
                // « Enregistré » only when the file holds the draft as it
                // is, and nothing typed waits outside it.
                let state = if session.path.is_none() {
                    RichText::new("● Pas encore enregistré").color(theme::WARNING)
                } else if session.has_changes() {
                    RichText::new("● Modifié").color(theme::WARNING)
                } else if session.has_pending_text() {
                    RichText::new("● Saisie non prise en compte").color(theme::WARNING)
                } else {
                    RichText::new("Enregistré").color(theme::SUCCESS)
                };
                ui.label(state);
                ui.label(
                    session
                        .path
                        .as_deref()
                        .map_or_else(|| "Sans titre".to_owned(), |p| p.display().to_string()),
                );
                ui.separator();
                let status = session.draft.review.status;
                if status != Status::Brouillon {
                    ui.label(format!("Statut : {}", status.label()));
                    ui.separator();
                }
                ui.label(session.total().french());
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                let first_line = notice.text.lines().next().unwrap_or_default();
                let color = if notice.error {
                    theme::ERROR
                } else {
                    theme::MUTED
                };
                ui.label(RichText::new(first_line).color(color));
            }
        });
    }
}
