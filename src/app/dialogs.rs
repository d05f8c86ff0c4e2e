//! File choosing, behind a trait so tests can give paths without dialogs.

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
    /// Where to save a file of this kind, or `None` if the user cancels.
    fn save_file(&mut self, kind: FileKind, folder: Option<&Path>, name: &str) -> Option<PathBuf>;
    /// A folder to read, or `None` if the user cancels.
    fn pick_folder(&mut self, folder: Option<&Path>) -> Option<PathBuf>;
}

/// The system's file dialogs (XDG portal, or zenity, on Linux).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn pick_file(&mut self, kind: FileKind, folder: Option<&Path>) -> Option<PathBuf> {
        let title = match kind {
            FileKind::Draft => "Ouvrir un brouillon de convention",
            FileKind::Docx => "Importer les remarques d'un DOCX relu",
            FileKind::SignedDocx => "Importer une convention signée (DOCX)",
            FileKind::Pdf => "Ouvrir un PDF",
        };
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind.description(), kind.accepted());
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        dialog.pick_file()
    }

    fn save_file(&mut self, kind: FileKind, folder: Option<&Path>, name: &str) -> Option<PathBuf> {
        let title = match kind {
            FileKind::Draft => "Enregistrer le brouillon",
            FileKind::Docx | FileKind::SignedDocx => "Exporter en DOCX",
            FileKind::Pdf => "Exporter en PDF",
        };
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(kind.description(), &[kind.extension()])
            .set_file_name(name);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        dialog.save_file().map(|path| with_extension(path, kind))
    }

    fn pick_folder(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        let mut dialog =
            rfd::FileDialog::new().set_title("Ouvrir un portefeuille : le dossier des brouillons");
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        dialog.pick_folder()
    }
}

/// Adds the kind's extension when the user typed a name without it.
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
}

impl ScriptedDialogs {
    /// Dialogs that will answer these paths in turn.
    pub fn answering(answers: impl IntoIterator<Item = Option<PathBuf>>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            asked: Vec::new(),
        }
    }
}

impl Dialogs for ScriptedDialogs {
    fn pick_file(&mut self, _kind: FileKind, _folder: Option<&Path>) -> Option<PathBuf> {
        self.asked.push(None);
        self.answers.pop_front().flatten()
    }

    fn save_file(
        &mut self,
        kind: FileKind,
        _folder: Option<&Path>,
        _name: &str,
    ) -> Option<PathBuf> {
        self.asked.push(Some(kind));
        self.answers.pop_front().flatten()
    }

    fn pick_folder(&mut self, _folder: Option<&Path>) -> Option<PathBuf> {
        self.asked.push(None);
        self.answers.pop_front().flatten()
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
