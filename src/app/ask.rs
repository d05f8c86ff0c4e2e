//! Asking for a file or a folder: the system's dialog, or, when it cannot
//! be shown, the app's own chooser (said once), whose answer comes on a
//! later frame and resumes what asked — for the draft it was asked for
//! only, and once the user has said whether to replace a file written
//! over.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::chooser::{Answer, Purpose, Request};
use super::dialogs::with_extension;
use super::modals::Modal;
use super::{ConventionApp, FileKind, Notice, Session};

impl ConventionApp {
    /// The id of the open draft, if any: what an answer is tied to.
    pub(super) fn session_id(&self) -> Option<u64> {
        self.session.as_ref().map(Session::id)
    }

    /// Shows the built-in chooser for `purpose`, on the open draft; not
    /// while it is open already, for what waits for it would be lost.
    fn ask_builtin(&mut self, request: Request, folder: Option<&Path>, purpose: Purpose) {
        if self.chooser.is_open() {
            self.notice = Some(Notice {
                text: "Un sélecteur de fichiers est déjà ouvert : choisissez-y un fichier ou fermez-le d'abord.".to_owned(),
                error: true,
            });
            return;
        }
        let session = self.session_id();
        self.chooser.ask(request, folder, purpose, session);
    }

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
        self.ask_builtin(Request::Open(kind), folder, purpose);
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
        self.ask_builtin(Request::Save(kind, name.to_owned()), folder, purpose);
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
        self.ask_builtin(Request::Folder, folder, purpose);
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
        if let Some(answer) = self.chooser.show(ctx, &recent)
            && self.still_for(&answer)
            && self.may_write(&answer.purpose, &answer.path, None)
        {
            self.resume(ctx, answer.purpose, answer.path);
        }
    }

    /// Whether the answer is for the draft open now; if not, says it is
    /// dropped.
    pub(super) fn still_for(&mut self, answer: &Answer) -> bool {
        if answer.session == self.session_id() {
            return true;
        }
        self.fail(format!(
            "{} n'a pas servi : le brouillon ouvert n'est plus celui pour lequel ce fichier a été demandé. Rien n'a été fait ; recommencez depuis le brouillon voulu.",
            answer.path.display()
        ));
        false
    }

    /// Whether what `purpose` writes at `path` may be written now: yes
    /// unless it would replace a file, other than the draft's own or the
    /// one `confirmed` (a system dialog asked about it), that is there
    /// already; then the user is asked first ([`Modal::Replace`]), and
    /// `purpose` resumes if they agree.
    pub(super) fn may_write(
        &mut self,
        purpose: &Purpose,
        path: &Path,
        confirmed: Option<&Path>,
    ) -> bool {
        let own = self
            .session
            .as_ref()
            .and_then(|s| s.path.as_deref())
            .map(same_file_key);
        let confirmed = confirmed.map(same_file_key);
        let files: Vec<PathBuf> = written_by(purpose, path)
            .into_iter()
            .filter(|file| file.exists())
            .filter(|file| {
                let key = same_file_key(file);
                Some(&key) != own.as_ref() && Some(&key) != confirmed.as_ref()
            })
            .collect();
        if files.is_empty() {
            return true;
        }
        self.modal = Some(Modal::Replace {
            files,
            answer: Answer {
                path: path.to_owned(),
                purpose: purpose.clone(),
                session: self.session_id(),
            },
        });
        false
    }

    /// Does what a file was asked for, now that it is chosen.
    pub(super) fn resume(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
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

/// The files that doing `purpose` with `path` writes: the draft, the
/// exports (a PDF beside its DOCX), the fiche; none for what only reads.
pub(super) fn written_by(purpose: &Purpose, path: &Path) -> Vec<PathBuf> {
    match *purpose {
        Purpose::Save { .. } => vec![with_extension(path.to_owned(), FileKind::Draft)],
        Purpose::Export { docx, pdf, .. } | Purpose::Avenant { docx, pdf } => {
            let (docx, pdf) = super::files::outputs(path.to_owned(), docx, pdf);
            docx.into_iter().chain(pdf).collect()
        }
        Purpose::Summary => vec![with_extension(path.to_owned(), FileKind::Pdf)],
        Purpose::Open
        | Purpose::Copy
        | Purpose::ImportDocx
        | Purpose::ImportReview
        | Purpose::Compare
        | Purpose::Portfolio
        | Purpose::Template => Vec::new(),
    }
}

/// A file's path as compared: its full path when it can be had.
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}
