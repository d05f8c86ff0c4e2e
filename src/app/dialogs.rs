//! File choosing, behind a trait so tests can give paths without dialogs:
//! the system's dialogs, which say when they cannot be shown (the app then
//! uses its own chooser, `chooser.rs`), and scripted answers.

use std::path::{Path, PathBuf};

/// The kind of file a save dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A draft (`.json`).
    Draft,
    /// A Word document (`.docx`).
    Docx,
    /// A convention signed in Word, to import as a draft (`.docx`, or an
    /// OpenDocument `.odt`).
    SignedDocx,
    /// A PDF document (`.pdf`).
    Pdf,
}

impl FileKind {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Draft => "json",
            FileKind::Docx | FileKind::SignedDocx => "docx",
            FileKind::Pdf => "pdf",
        }
    }

    /// Every extension a dialog opening these files accepts: the
    /// kind's own, and `odt` for a convention to import.
    pub fn accepted(self) -> &'static [&'static str] {
        match self {
            FileKind::Draft => &["json"],
            FileKind::Docx => &["docx"],
            FileKind::SignedDocx => &["docx", "odt"],
            FileKind::Pdf => &["pdf"],
        }
    }

    /// How a dialog names these files.
    pub fn description(self) -> &'static str {
        match self {
            FileKind::Draft => "Brouillon de convention (JSON)",
            FileKind::Docx => "Document Word (DOCX)",
            FileKind::SignedDocx => "Convention signée (DOCX, ODT)",
            FileKind::Pdf => "Document PDF",
        }
    }
}

/// Asks the user for files.
pub trait Dialogs {
    /// A file of this kind to open, or `None` if the user cancels.
    fn pick_file(&mut self, kind: FileKind, folder: Option<&Path>) -> Option<PathBuf>;
    /// Where to save a file of this kind, as the dialog answered it (the
    /// name as typed, perhaps without its extension; a system dialog has
    /// asked before replacing that very file), or `None` if the user
    /// cancels.
    fn save_file(&mut self, kind: FileKind, folder: Option<&Path>, name: &str) -> Option<PathBuf>;
    /// A folder to read, or `None` if the user cancels.
    fn pick_folder(&mut self, folder: Option<&Path>) -> Option<PathBuf>;
    /// Why the last dialog asked for could not be shown, when it answered
    /// `None` without the user cancelling; taken once.
    fn unavailable(&mut self) -> Option<String> {
        None
    }
}

/// The environment variable that chooses the file dialogs: `builtin` for
/// the app's own chooser always (locked-down machines, tests), `native`
/// for the system's only, anything else or nothing for the system's with
/// the app's when the system's cannot be shown.
pub const DIALOG_VARIABLE: &str = "CONVENTION_FILE_DIALOG";

/// The system's file dialogs (XDG portal, or zenity, on Linux), which say
/// when they could not be shown.
#[derive(Debug, Default)]
pub struct NativeDialogs {
    /// Never ask the system: every dialog is said unavailable.
    builtin_only: bool,
    /// Never say a dialog unavailable.
    native_only: bool,
    /// Why the last dialog was not shown.
    failure: Option<String>,
}

impl NativeDialogs {
    /// The dialogs the environment asks for ([`DIALOG_VARIABLE`]).
    pub fn from_env() -> Self {
        let choice = std::env::var(DIALOG_VARIABLE).unwrap_or_default();
        Self {
            builtin_only: choice.eq_ignore_ascii_case("builtin"),
            native_only: choice.eq_ignore_ascii_case("native"),
            failure: None,
        }
    }

    /// Dialogs that never reach the system: the app's own chooser always.
    pub fn builtin_only() -> Self {
        Self {
            builtin_only: true,
            ..Self::default()
        }
    }

    /// Runs one of rfd's dialogs, noting why it was not shown if it was
    /// not.
    fn run(&mut self, dialog: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
        if self.builtin_only {
            self.failure = Some(format!(
                "sélecteur de fichiers du système écarté ({DIALOG_VARIABLE}=builtin)"
            ));
            return None;
        }
        let (answer, failure) = super::dialog_failure::watch(dialog);
        if !self.native_only {
            self.failure = failure;
        }
        answer
    }
}

impl Dialogs for NativeDialogs {
    fn unavailable(&mut self) -> Option<String> {
        self.failure.take()
    }

    fn pick_file(&mut self, kind: FileKind, folder: Option<&Path>) -> Option<PathBuf> {
        let title = super::chooser::open_title(kind);
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind.description(), kind.accepted());
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        self.run(|| dialog.pick_file())
    }

    fn save_file(&mut self, kind: FileKind, folder: Option<&Path>, name: &str) -> Option<PathBuf> {
        let title = super::chooser::save_title(kind);
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind.description(), &[kind.extension()])
            .set_file_name(name);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        // As answered: the app adds the extension, and asks before
        // replacing a file the dialog did not ask about.
        self.run(|| dialog.save_file())
    }

    fn pick_folder(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        let mut dialog =
            rfd::FileDialog::new().set_title("Ouvrir un portefeuille : le dossier des brouillons");
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        self.run(|| dialog.pick_folder())
    }
}

/// The path with the kind's extension added when the name lacks it
/// (`projet` → `projet.docx`; `projet.docx` is kept, whatever its case).
pub fn with_extension(path: PathBuf, kind: FileKind) -> PathBuf {
    let has_it = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(kind.extension()));
    if has_it {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(".");
        name.push(kind.extension());
        PathBuf::from(name)
    }
}

/// Dialogs that answer from a script: for tests, and for runs without a
/// display.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// The answers, in order; `None` means the user cancelled.
    pub answers: std::collections::VecDeque<Option<PathBuf>>,
    /// The kinds of the save dialogs that were shown.
    pub asked: Vec<Option<FileKind>>,
    /// No dialog can be shown: every one answers `None` and says so, as
    /// on a desktop without a portal or zenity.
    pub unavailable: bool,
}

impl ScriptedDialogs {
    /// Dialogs that will answer these paths in turn.
    pub fn answering(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            asked: Vec::new(),
            unavailable: false,
        }
    }

    /// Dialogs that can never be shown.
    pub fn unavailable() -> Self {
        Self {
            unavailable: true,
            ..Self::default()
        }
    }

    fn answer(&mut self) -> Option<PathBuf> {
        if self.unavailable {
            return None;
        }
        self.answers.pop_front().flatten()
    }
}

impl Dialogs for ScriptedDialogs {
    fn unavailable(&mut self) -> Option<String> {
        self.unavailable
            .then(|| "aucun sélecteur de fichiers du système (essai)".to_owned())
    }

    fn pick_file(&mut self, _kind: FileKind, _folder: Option<&Path>) -> Option<PathBuf> {
        self.asked.push(None);
        self.answer()
    }

    fn save_file(
        &mut self,
        kind: FileKind,
        _folder: Option<&Path>,
        _name: &str,
    ) -> Option<PathBuf> {
        self.asked.push(Some(kind));
        self.answer()
    }

    fn pick_folder(&mut self, _folder: Option<&Path>) -> Option<PathBuf> {
        self.asked.push(None);
        self.answer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_extensions_are_added() {
        assert_eq!(
            with_extension(PathBuf::from("/tmp/a"), FileKind::Pdf),
            PathBuf::from("/tmp/a.pdf")
        );
        assert_eq!(
            with_extension(PathBuf::from("/tmp/a.PDF"), FileKind::Pdf),
            PathBuf::from("/tmp/a.PDF")
        );
        assert_eq!(
            with_extension(PathBuf::from("/tmp/v1.2"), FileKind::Draft),
            PathBuf::from("/tmp/v1.2.json")
        );
    }
}
