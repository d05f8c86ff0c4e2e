//! The app's own file chooser, for when the system's cannot be shown (no
//! XDG portal and no zenity, or `CONVENTION_FILE_DIALOG=builtin`): the
//! `egui_file` dialog, in French, opening where the system's would, with
//! the folders of the recent files beside it. It answers over later frames,
//! so what the file was asked for waits with it ([`Purpose`]).
//!
//! `egui_file` rather than `egui-file-dialog`: the latter's last release
//! (0.15) is built on egui 0.36, and this app on egui 0.37.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Align2, RichText};
use egui_file::{DialogType, FileDialog, State};

use super::{Command, FileKind};
use crate::ui::theme;

/// What a file is asked for: done once the chooser answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open a draft.
    Open,
    /// Start an untitled copy of a draft.
    Copy,
    /// Import a signed convention.
    ImportDocx,
    /// Import the remarks of a reviewed DOCX.
    ImportReview,
    /// Compare the draft with another.
    Compare,
    /// Read a folder as a portfolio.
    Portfolio,
    /// Use a folder's template for the draft.
    Template,
    /// Save the draft there, then go on with `then` (what waited for the
    /// save: quitting, opening another draft…).
    Save {
        /// What to do once saved.
        then: Option<Command>,
    },
    /// Export the draft (or its redline) there.
    Export {
        /// Write a DOCX.
        docx: bool,
        /// Write a PDF.
        pdf: bool,
        /// The redline rather than the document.
        redline: bool,
    },
    /// Write the fiche de synthèse there.
    Summary,
    /// Write the avenant there.
    Avenant {
        /// Write a DOCX.
        docx: bool,
        /// Write a PDF.
        pdf: bool,
    },
}

/// What the chooser is asked: a file to open, where to save, or a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// A file of this kind to open.
    Open(FileKind),
    /// Where to save a file of this kind, offering a name.
    Save(FileKind, String),
    /// A folder.
    Folder,
}

/// The built-in chooser: at most one dialog open, with what it is for.
#[derive(Default)]
pub struct Chooser {
    /// The dialog shown, and what waits for its answer.
    open: Option<Pending>,
    /// Why the system's dialogs cannot be shown, once known: from then on
    /// the app asks this chooser directly.
    pub unavailable: Option<String>,
}

/// A dialog shown, what it asks, what it is for and for which draft.
struct Pending {
    dialog: FileDialog,
    request: Request,
    purpose: Purpose,
    session: Option<u64>,
}

/// The chooser's answer: the path chosen (with its kind's extension, for a
/// file to save), what it was asked for, and the [`Session::id`] of the
/// draft open when it was asked (`None`: none was).
///
/// [`Session::id`]: super::Session::id
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The file or folder chosen.
    pub path: PathBuf,
    /// What it is for.
    pub purpose: Purpose,
    /// The draft it was asked for.
    pub session: Option<u64>,
}

impl Chooser {
    /// Whether a dialog is shown.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Shows a dialog for `request`, starting in `folder` (or the home
    /// folder), for `purpose` on the draft `session`. The caller makes
    /// sure none is open ([`Chooser::is_open`]): what waits for it would
    /// be lost.
    pub fn ask(
        &mut self,
        request: Request,
        folder: Option<&Path>,
        purpose: Purpose,
        session: Option<u64>,
    ) {
        let start = folder
            .filter(|f| f.is_dir())
            .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.to_owned()))
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("."));
        let (dialog, title) = match &request {
            Request::Open(kind) => {
                let accepted = kind.accepted();
                let dialog = FileDialog::open_file().show_files_filter(Box::new(move |path| {
                    path.extension().is_some_and(|extension| {
                        accepted
                            .iter()
                            .any(|accepted| extension.eq_ignore_ascii_case(accepted))
                    })
                }));
                (dialog, open_title(*kind))
            }
            Request::Save(kind, name) => (
                FileDialog::save_file().default_filename(name.clone()),
                save_title(*kind),
            ),
            Request::Folder => (
                FileDialog::select_folder(),
                match purpose {
                    Purpose::Template => "Choisir le dossier du modèle",
                    _ => "Ouvrir un portefeuille : le dossier des brouillons",
                },
            ),
        };
        let mut dialog = dialog
            .initial_path(start)
            .title(title)
            .id(egui::Id::unique("selecteur-integre"))
            .anchor(Align2::CENTER_CENTER, [130.0, 0.0])
            .default_size([600.0, 440.0])
            .open_button_text("Ouvrir".into())
            .save_button_text("Enregistrer".into())
            .cancel_button_text("Annuler".into())
            .new_folder_button_text("Nouveau dossier".into())
            .new_folder_name_text("Nouveau dossier".into())
            .rename_button_text("Renommer".into())
            .refresh_button_hover_text("Actualiser".into())
            .parent_folder_button_hover_text("Dossier parent".into())
            .file_label_text("Fichier :".into())
            .show_hidden_checkbox_text("Fichiers cachés".into())
            .show_rename(false);
        dialog.open();
        self.open = Some(Pending {
            dialog,
            request,
            purpose,
            session,
        });
    }

    /// Draws the dialog, if one is open, and beside it the recent
    /// folders; gives the answer once. Closed by the answer however it
    /// is read.
    pub fn show(&mut self, ctx: &egui::Context, recent: &[PathBuf]) -> Option<Answer> {
        let Pending { dialog, .. } = self.open.as_mut()?;
        let mut go_to = None;
        egui::Window::new("Dossiers récents")
            .id(egui::Id::unique("selecteur-integre-dossiers"))
            .anchor(Align2::CENTER_CENTER, [-310.0, 0.0])
            .collapsible(false)
            .resizable(false)
            .min_width(220.0)
            .max_width(220.0)
            .show(ctx, |ui| {
                let folders = recent_folders(recent);
                if folders.is_empty() {
                    ui.label(RichText::new("Aucun pour l'instant.").color(theme::MUTED));
                }
                for folder in folders {
                    let name = folder.file_name().map_or_else(
                        || folder.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    if ui
                        .button(name)
                        .on_hover_text(folder.display().to_string())
                        .clicked()
                    {
                        go_to = Some(folder);
                    }
                }
                if self.unavailable.is_some() {
                    ui.separator();
                    ui.label(
                        RichText::new(
                            "Le sélecteur de fichiers du système ne peut pas s'afficher : celui de Convention le remplace.",
                        )
                        .small()
                        .color(theme::MUTED),
                    );
                }
            });
        if let Some(folder) = go_to {
            dialog.set_path(folder);
        }
        dialog.show(ctx);
        if dialog.state() == State::Open {
            return None;
        }
        // Closed whatever follows: an answer without a path is none.
        let pending = self.open.take()?;
        if pending.dialog.state() != State::Selected {
            return None;
        }
        let dialog = &pending.dialog;
        let path = match (dialog.dialog_type(), &pending.request) {
            (DialogType::SelectFolder, _) => dialog
                .path()
                .map_or_else(|| dialog.directory().to_owned(), Path::to_owned),
            (_, Request::Save(kind, _)) => {
                super::dialogs::with_extension(dialog.path()?.to_owned(), *kind)
            }
            _ => dialog.path()?.to_owned(),
        };
        Some(Answer {
            path,
            purpose: pending.purpose,
            session: pending.session,
        })
    }
}

/// The folders of the recent files, newest first, each once.
pub fn recent_folders(recent: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = Vec::new();
    for folder in recent.iter().filter_map(|file| file.parent()) {
        if !folders.iter().any(|known| known == folder) {
            folders.push(folder.to_owned());
        }
    }
    folders
}

/// The title of a dialog opening a file of this kind.
pub fn open_title(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Draft => "Ouvrir un brouillon de convention",
        FileKind::Docx => "Importer les remarques d'un DOCX relu",
        FileKind::SignedDocx => "Importer une convention signée (DOCX)",
        FileKind::Pdf => "Ouvrir un PDF",
    }
}

/// The title of a dialog saving a file of this kind.
pub fn save_title(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Draft => "Enregistrer le brouillon",
        FileKind::Docx | FileKind::SignedDocx => "Exporter en DOCX",
        FileKind::Pdf => "Exporter en PDF",
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    use super::*;

    /// A dialog can say « chosen » without a path (`egui_file` does, for
    /// an open dialog allowing several files, when « Open » comes with no
    /// file its own): the chooser closes on that frame all the same, not
    /// on a later one, when the dialog says « closed ».
    #[test]
    fn an_answer_without_a_path_closes_the_chooser() {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::write(folder.path().join("a.json"), "{}").expect("write");
        let mut dialog = FileDialog::open_file()
            .initial_path(folder.path())
            .multi_select(true);
        dialog.open();
        let chooser = Chooser {
            open: Some(Pending {
                dialog,
                request: Request::Open(FileKind::Draft),
                purpose: Purpose::Open,
                session: None,
            }),
            unavailable: None,
        };
        let mut answers = Vec::new();
        // `egui_file`'s text fields have no accessible name.
        let mut harness = Harness::builder()
            .with_accessibility_check(false)
            .build_ui_state(
                move |ui, chooser: &mut Chooser| {
                    answers.extend(chooser.show(ui.ctx(), &[]));
                    assert_eq!(answers, []);
                },
                chooser,
            );
        harness.run();
        harness.get_by_label("🗋 a.json").click();
        harness.run();
        harness.get_by_label("Open").click();
        harness.step();
        assert!(
            !harness.state().is_open(),
            "closed on the frame of the answer"
        );
    }

    #[test]
    fn recent_folders_come_once_newest_first() {
        let recent = [
            PathBuf::from("/a/x.json"),
            PathBuf::from("/b/y.json"),
            PathBuf::from("/a/z.json"),
        ];
        assert_eq!(
            recent_folders(&recent),
            [PathBuf::from("/a"), PathBuf::from("/b")]
        );
    }
}
