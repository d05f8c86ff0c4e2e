//! « Imprimer… »: the PDF, written to a temporary file, handed to the
//! system's viewer (which prints it), through the `open` crate's launchers
//! (xdg-open, gio…, `open` on macOS, `start` on Windows). The launcher runs
//! on a thread of its own, as xdg-open may wait for the viewer; its failure,
//! and no viewer at all, are said with the temporary file's path, so the
//! user can still print it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use eframe::egui;

use super::ConventionApp;
use super::files::suggested_name;
use crate::document::TemplateSource;
use crate::export::job::{ExportRequest, export};
use crate::model::Draft;

/// Opens a file in the system's viewer; an error if none could be started.
pub type Viewer = fn(&Path) -> std::io::Result<()>;

/// How long a launcher is watched for a failure before it is taken as
/// having handed the file over.
const HAND_OFF: Duration = Duration::from_secs(3);

/// The system's viewer, through the desktop's launchers.
pub fn system_viewer(path: &Path) -> std::io::Result<()> {
    open::that_detached_with_timeout(path, HAND_OFF)
}

/// A print on its way: the file, and the launcher's answer to come.
pub(super) struct Printing {
    file: PathBuf,
    answer: mpsc::Receiver<std::io::Result<()>>,
}

/// Writes the draft's PDF (with its template; marked « PROJET — non
/// conforme » if it has errors) into a new temporary folder, under the
/// draft's name. Returns the file, or why it could not be written.
pub fn print_file(
    draft: &Draft,
    path: Option<&Path>,
    template: &TemplateSource,
) -> Result<PathBuf, String> {
    let folder = tempfile::Builder::new()
        .prefix("convention-impression-")
        .tempdir()
        .map_err(|error| format!("dossier temporaire impossible à créer : {error}"))?
        .keep();
    let file = folder.join(suggested_name(draft, path, super::FileKind::Pdf, ""));
    let request = ExportRequest {
        pdf: Some(file.clone()),
        template: template.clone(),
        allow_errors: true,
        draft_file: path.map(Path::to_owned),
        ..ExportRequest::default()
    };
    export(draft, &request)
        .map(|_| file.clone())
        .map_err(|error| format!("{} : {error}", file.display()))
}

impl ConventionApp {
    /// Writes the PDF to print and hands it to the viewer.
    pub(super) fn print(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let file = match print_file(&session.draft, session.path.as_deref(), &session.template) {
            Ok(file) => file,
            Err(reason) => {
                self.fail(format!(
                    "Impression impossible : le PDF n'a pas pu être écrit.\n{reason}"
                ));
                return;
            }
        };
        let (send, answer) = mpsc::channel();
        let viewer = self.viewer;
        let handed = file.clone();
        std::thread::spawn(move || {
            // The app may have quit: no one to tell.
            let _ = send.send(viewer(&handed));
        });
        self.say(format!(
            "Impression : recherche d'une visionneuse PDF pour {}…",
            file.display()
        ));
        self.printing = Some(Printing { file, answer });
    }

    /// Says how the print went once the launcher has answered.
    pub(super) fn printing_ui(&mut self, ctx: &egui::Context) {
        let Some(printing) = &self.printing else {
            return;
        };
        let answer = match printing.answer.try_recv() {
            Ok(answer) => answer,
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                Err(std::io::Error::other("lanceur interrompu"))
            }
        };
        let file = printing.file.display().to_string();
        self.printing = None;
        match answer {
            Ok(()) => self.say(format!(
                "Le PDF est ouvert dans la visionneuse du système : imprimez-le de là ({file})."
            )),
            Err(error) => self.fail(format!(
                "Aucune visionneuse PDF n'a pu s'ouvrir sur cet ordinateur : ouvrez le document à imprimer vous-même, il est ici : {file}\n(détail technique : {error})"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_to_print_is_written_under_the_draft_s_name() {
        let draft = crate::model::example();
        let file = print_file(
            &draft,
            Some(Path::new("/d/culture.json")),
            &TemplateSource::Builtin,
        )
        .expect("written");
        assert_eq!(
            file.file_name().and_then(|n| n.to_str()),
            Some("culture.pdf")
        );
        let bytes = std::fs::read(&file).expect("read");
        assert!(bytes.starts_with(b"%PDF"));
        let folder = file.parent().expect("folder").to_owned();
        assert!(
            folder
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("convention-impression-"))
        );
        std::fs::remove_dir_all(folder).expect("cleaned");
    }

    #[test]
    fn the_viewer_is_the_desktop_s_launcher_given_the_file() {
        let file = Path::new("/tmp/convention-impression-x/culture.pdf");
        let commands = open::commands(file);
        let first = commands.first().expect("a launcher");
        if cfg!(target_os = "linux") {
            assert_eq!(first.get_program(), "xdg-open");
        }
        assert!(first.get_args().any(|arg| arg == file.as_os_str()));
    }

    #[test]
    fn a_bad_template_folder_is_said_with_the_file() {
        let folder = tempfile::tempdir().expect("tempdir");
        let error = print_file(
            &crate::model::example(),
            None,
            &TemplateSource::Folder(folder.path().to_owned()),
        )
        .expect_err("no template there");
        assert!(error.contains("convention-impression-"), "{error}");
    }
}
