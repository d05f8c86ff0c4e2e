//! Asking for a file or a folder: the system's dialog, or, when it cannot
//! be shown, the app's own chooser (said once), whose answer comes on a
//! later frame and resumes what asked.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::chooser::{Purpose, Request};
use super::{ConventionApp, FileKind};

impl ConventionApp {
    /// A file of `kind` to open, starting in `folder`: the path now, or
    /// `None` if the user cancelled or the built-in chooser took over (it
    /// then resumes `purpose` itself).
    pub(super) fn ask_open(
        &mut self,
        kind: FileKind,
        folder: Option<&Path>,
        purpose: Purpose,
    ) -> Option<PathBuf> {
        if self.chooser.unavailable.is_none() {
            if let Some(path) = self.dialogs.pick_file(kind, folder) {
                return Some(path);
            }
            if !self.native_unavailable() {
                return None;
            }
        }
        self.chooser.ask(Request::Open(kind), folder, purpose);
        None
    }

    /// Where to save a file of `kind`, offering `name`: see
    /// [`ConventionApp::ask_open`].
    pub(super) fn ask_save(
        &mut self,
        kind: FileKind,
        folder: Option<&Path>,
        name: &str,
        purpose: Purpose,
    ) -> Option<PathBuf> {
        if self.chooser.unavailable.is_none() {
            if let Some(path) = self.dialogs.save_file(kind, folder, name) {
                return Some(path);
            }
            if !self.native_unavailable() {
                return None;
            }
        }
        self.chooser
            .ask(Request::Save(kind, name.to_owned()), folder, purpose);
        None
    }

    /// A folder: see [`ConventionApp::ask_open`].
    pub(super) fn ask_folder(
        &mut self,
        folder: Option<&Path>,
        purpose: Purpose,
    ) -> Option<PathBuf> {
        if self.chooser.unavailable.is_none() {
            if let Some(path) = self.dialogs.pick_folder(folder) {
                return Some(path);
            }
            if !self.native_unavailable() {
                return None;
            }
        }
        self.chooser.ask(Request::Folder, folder, purpose);
        None
    }

    /// Whether the system's dialog just failed to show; if so, says it
    /// (once: the built-in chooser is used from then on).
    fn native_unavailable(&mut self) -> bool {
        let Some(reason) = self.dialogs.unavailable() else {
            return false;
        };
        self.say(format!(
            "Le sélecteur de fichiers du système ne peut pas s'afficher ({reason}) : Convention utilise le sien."
        ));
        self.chooser.unavailable = Some(reason);
        true
    }

    /// Draws the built-in chooser if it is open, and does what waited for
    /// its answer.
    pub(super) fn chooser_ui(&mut self, ctx: &egui::Context) {
        let recent = self.prefs.recent.clone();
        if let Some((path, purpose)) = self.chooser.show(ctx, &recent) {
            self.resume(ctx, purpose, path);
        }
    }

    /// Does what a file was asked for, now that it is chosen.
    fn resume(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open(&path),
            Purpose::Copy => self.copy_from(&path),
            Purpose::ImportDocx => self.import_docx(Some(path)),
            Purpose::ImportReview => self.import_review(Some(path), false),
            Purpose::Compare => self.compare_with(Some(path)),
            Purpose::Portfolio => self.open_portfolio(Some(path)),
            Purpose::Template => self.choose_template(Some(path)),
            Purpose::Save { then } => {
                if self.save_to(path)
                    && let Some(then) = then
                {
                    self.continue_with(ctx, then);
                }
            }
            Purpose::Export { docx, pdf, redline } => {
                self.export(docx, pdf, redline, Some(path));
            }
            Purpose::Avenant { docx, pdf } => self.avenant(docx, pdf, Some(path)),
            Purpose::Summary => self.save_summary(Some(path)),
        }
    }
}
