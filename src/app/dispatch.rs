//! Command dispatch: each [`Command`] applied once per frame, those that
//! would drop unsaved changes asking first, those signed with the user's
//! name asking it the first time.

use eframe::egui::{self, ViewportCommand};

use super::chooser::Purpose;
use super::modals::Modal;
use super::{Command, ConventionApp, FileKind, Session, recovery};
use crate::model::{self, Draft, Status};

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
            | Command::NewSuccessor
            | Command::Open(_)
            | Command::ImportDocx(_)
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
                self.save(false, None);
            }
            Command::SaveAs => {
                self.save(true, None);
            }
            Command::Print => self.print(),
            Command::ChooseTemplate(folder) => self.choose_template(folder),
            Command::BuiltinTemplate => self.use_builtin_template(),
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
            Command::Export { docx, pdf, redline } => self.export(docx, pdf, redline, None),
            Command::CompareWith(path) => self.compare_with(path),
            Command::Avenant { docx, pdf } => self.avenant(docx, pdf, None),
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
            Command::OpenPortfolio(folder) => self.open_portfolio(folder),
            Command::ShowPortfolio(shown) => {
                self.portfolio_shown = shown && self.portfolio.is_some();
            }
            Command::AskAuthor => self.ask_author(None),
            Command::SaveSummary => self.save_summary(None),
            Command::ShowCarnet => self.carnet.open = true,
            Command::SetStatus(status) => {
                let unsigning = self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.draft.is_signed() && status != Status::Signe);
                if unsigning {
                    self.modal = Some(Modal::Unsign { to: status });
                } else {
                    self.review(command);
                }
            }
            Command::ImportReview { path, force } => self.import_review(path, force),
            Command::AddComment { .. } | Command::Reply { .. } | Command::Resolve { .. } => {
                self.review(command);
            }
        }
    }

    /// Opens the dialog asking the user's name; `then` runs once it is
    /// given.
    pub(super) fn ask_author(&mut self, then: Option<Command>) {
        self.author_input = self.prefs.author.clone();
        self.author_focus = true;
        self.modal = Some(Modal::Author { then });
    }

    /// Applies a change to the review, in the user's name: asks it first
    /// if it is not known yet.
    pub(super) fn review(&mut self, command: Command) {
        let author = self.prefs.author.trim().to_owned();
        if author.is_empty() {
            self.ask_author(Some(command));
            return;
        }
        let Some(session) = &mut self.session else {
            return;
        };
        let now = chrono::Utc::now();
        let notice = match command {
            Command::AddComment { about, text } => {
                session.edit_review(|review| {
                    review.add_comment(about, &author, now, &text);
                });
                "Remarque ajoutée.".to_owned()
            }
            Command::Reply { id, text } => {
                session.edit_review(|review| {
                    if let Some(comment) = review.comment_mut(&id) {
                        comment.replies.push(model::Reply {
                            author: author.clone(),
                            date: now,
                            text: text.trim().to_owned(),
                        });
                    }
                });
                "Réponse ajoutée.".to_owned()
            }
            Command::Resolve { id, resolved } => {
                session.edit_review(|review| {
                    if let Some(comment) = review.comment_mut(&id) {
                        comment.resolved = resolved;
                    }
                });
                if resolved {
                    "Remarque résolue.".to_owned()
                } else {
                    "Remarque rouverte.".to_owned()
                }
            }
            Command::SetStatus(status) => {
                session.edit_review(|review| review.set_status(status, &author, now));
                format!("Statut : {}.", status.label())
            }
            // Nothing else changes the review.
            _ => return,
        };
        self.say(notice);
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
            Command::NewSuccessor => self.new_successor(),
            Command::NewFromCopy => {
                let folder = self.folder();
                if let Some(path) = self.ask_open(FileKind::Draft, folder.as_deref(), Purpose::Copy)
                {
                    self.copy_from(&path);
                }
            }
            Command::Open(path) => {
                let path = match path {
                    Some(path) => Some(path),
                    None => {
                        let folder = self.folder();
                        self.ask_open(FileKind::Draft, folder.as_deref(), Purpose::Open)
                    }
                };
                if let Some(path) = path {
                    self.open(&path);
                }
            }
            Command::ImportDocx(path) => self.import_docx(path),
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
