//! The dialogs over the window: unsaved changes, drafts to recover, errors.

use eframe::egui::{self, RichText};

use super::{Command, ConventionApp, Session};
use crate::ui::theme;

/// A dialog over the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Modal {
    /// The draft has unsaved changes; `then` waits for the answer.
    Unsaved { then: Command },
    /// Drafts left by a crash, offered for restoring.
    Recovery,
    /// Something went wrong.
    Error(String),
}

impl ConventionApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let id = egui::Id::unique("fenetre-modale");
        let response = egui::Modal::new(id).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &modal {
                Modal::Unsaved { then } => {
                    let name = self.session.as_ref().map(Session::name).unwrap_or_default();
                    ui.heading("Modifications non enregistrées");
                    ui.label(format!("Enregistrer les modifications de « {name} » avant de continuer ?"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.add(theme::primary_button("Enregistrer")).clicked() {
                            close = true;
                            if self.save(false) {
                                self.continue_with(ctx, then.clone());
                            }
                        }
                        if ui.button("Ne pas enregistrer").clicked() {
                            close = true;
                            if let Some(session) = &mut self.session {
                                session.saved = session.draft.clone();
                            }
                            self.continue_with(ctx, then.clone());
                        }
                        if ui.button("Annuler").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Recovery => {
                    ui.heading("Brouillon récupéré");
                    ui.label("Convention s'est arrêté sans que ces modifications soient enregistrées. Voulez-vous les restaurer ?");
                    ui.add_space(6.0);
                    for found in &self.recoveries {
                        let name = found
                            .recovery
                            .path
                            .as_deref()
                            .map_or_else(|| "Sans titre".to_owned(), |p| p.display().to_string());
                        ui.label(RichText::new(format!("{name} — copie du {}", found.recovery.saved_at)).strong());
                        ui.horizontal(|ui| {
                            if ui.button("Restaurer").accessible_name(format!("Restaurer {name}")).clicked() {
                                commands.push(Command::RestoreRecovery(found.file.clone()));
                            }
                            if ui.button("Supprimer la copie").accessible_name(format!("Supprimer la copie de {name}")).clicked() {
                                commands.push(Command::DiscardRecovery(found.file.clone()));
                            }
                        });
                    }
                    ui.add_space(6.0);
                    if ui.button("Plus tard").clicked() {
                        close = true;
                    }
                }
                Modal::Error(message) => {
                    ui.heading("Opération impossible");
                    for line in message.lines() {
                        ui.label(line);
                    }
                    ui.add_space(6.0);
                    if ui.button("Fermer").clicked() {
                        close = true;
                    }
                }
            }
        });
        if response.should_close() {
            close = true;
        }
        if close && self.modal.as_ref() == Some(&modal) {
            self.modal = None;
        }
    }

    pub(super) fn continue_with(&mut self, ctx: &egui::Context, then: Command) {
        if then == Command::Quit {
            self.quit(ctx);
        } else {
            self.perform(then);
        }
    }
}
