//! Command dispatch: each [`Command`] applied once per frame, those that
//! would drop unsaved changes asking first.

use eframe::egui::{self, ViewportCommand};

use super::modals::Modal;
use super::{Command, ConventionApp, Session, recovery};
use crate::model::{self, Draft};

impl ConventionApp {
    /// Commands that would drop unsaved changes ask first.
    pub(super) fn guarded(&mut self, command: Command) {
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.modal = Some(Modal::Unsaved { then: command });
        } else {
            self.perform(command);
        }
    }

    pub(super) fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewBlank
            | Command::NewFromExample
            | Command::NewFromCopy
            | Command::Open(_)
            | Command::CloseDraft => self.guarded(command),
            Command::Quit => {
                if self.session.as_ref().is_some_and(Session::is_dirty) {
                    self.modal = Some(Modal::Unsaved {
                        then: Command::Quit,
                    });
                } else {
                    self.quit(ctx);
                }
            }
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::GoTo(step) => {
                let file = self.recovery_file();
                if let Some(session) = &mut self.session {
                    session.go_to(step);
                    if let Some(file) = file {
                        session.autosave(&file, ctx.input(|i| i.time), true);
                    }
                }
            }
            Command::Focus(path) => {
                if let Some(session) = &mut self.session {
                    session.focus(path);
                }
            }
            Command::Undo => {
                if let Some(session) = &mut self.session
                    && session.undo()
                {
                    self.say("Modification annulée.");
                }
            }
            Command::Redo => {
                if let Some(session) = &mut self.session
                    && session.redo()
                {
                    self.say("Modification rétablie.");
                }
            }
            Command::Export { docx, pdf, redline } => self.export(docx, pdf, redline),
            Command::CompareWith(path) => self.compare_with(path),
            Command::Avenant { docx, pdf } => self.avenant(docx, pdf),
            Command::StopComparing => {
                if let Some(session) = &mut self.session {
                    session.stop_comparing();
                    self.say("Comparaison terminée.");
                }
            }
            Command::RestoreRecovery(file) => self.restore(&file),
            Command::DiscardRecovery(file) => {
                recovery::remove(&file);
                self.recoveries.retain(|found| found.file != file);
                if self.recoveries.is_empty() && self.modal == Some(Modal::Recovery) {
                    self.modal = None;
                }
            }
            Command::TogglePreview => self.prefs.show_preview = !self.prefs.show_preview,
        }
    }

    /// Runs a command once any unsaved changes have been dealt with.
    pub(super) fn perform(&mut self, command: Command) {
        match command {
            Command::NewBlank => {
                self.start(Session::new(Draft::blank(), None));
                self.say("Nouveau brouillon : commencez par les parties.");
            }
            Command::NewFromExample => {
                self.start(Session::new(model::example(), None));
                self.say("Nouveau brouillon à partir de l'exemple MEAE – DINUM 2022.");
            }
            Command::NewFromCopy => {
                let folder = self.folder();
                if let Some(path) = self.dialogs.pick_draft(folder.as_deref()) {
                    match model::load(&path) {
                        Ok(draft) => {
                            self.start(Session::new(draft, None));
                            self.say(format!(
                                "Copie de {} : enregistrez-la sous un nouveau nom.",
                                path.display()
                            ));
                        }
                        Err(error) => {
                            self.fail(format!("Ce brouillon ne peut pas être copié.\n{error}"))
                        }
                    }
                }
            }
            Command::Open(path) => {
                let path = match path {
                    Some(path) => Some(path),
                    None => {
                        let folder = self.folder();
                        self.dialogs.pick_draft(folder.as_deref())
                    }
                };
                if let Some(path) = path {
                    self.open(&path);
                }
            }
            Command::CloseDraft => {
                self.discard_own_recovery();
                self.session = None;
            }
            other => {
                // Quit is handled by the caller, which has the context.
                debug_assert!(matches!(other, Command::Quit), "{other:?}");
            }
        }
    }

    pub(super) fn quit(&mut self, ctx: &egui::Context) {
        self.discard_own_recovery();
        self.allowed_to_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }
}
