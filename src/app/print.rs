//! « Imprimer… »: the PDF, written to a temporary file, handed to the
//! system's viewer (which prints it), through the `open` crate's launchers
//! (xdg-open, gio…, `open` on macOS, `start` on Windows). The launcher runs
//! on a thread of its own, as xdg-open may wait for the viewer; its failure,
//! and no viewer at all, are said with the temporary file's path, so the
//! user can still print it. The viewer may read the file at any time, so
//! it is kept; the folders of prints more than a day old go at the next
//! print.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

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

/// The start of the name of a print's temporary folder.
const FOLDER_PREFIX: &str = "convention-impression-";

/// How long a print's folder is kept: long enough for any viewer to have
/// read it.
const KEPT: Duration = Duration::from_secs(24 * 60 * 60);

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
    let root = tempfile::env::temp_dir();
    remove_old_prints(&root, SystemTime::now());
    let folder = tempfile::Builder::new()
        .prefix(FOLDER_PREFIX)
        .tempdir_in(&root)
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

/// Removes from `root` the folders earlier prints left there (named
/// `convention-impression-…`, real folders, not links) last changed more
/// than a day before `now`. Returns how many went; one that cannot be read
/// or removed stays, unsaid: it is only a temporary file.
pub fn remove_old_prints(root: &Path, now: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(root) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|name| name.starts_with(FOLDER_PREFIX))
        })
        .filter(|entry| {
            // `DirEntry::metadata` does not follow a link.
            entry.metadata().is_ok_and(|meta| {
                meta.is_dir()
                    && meta.modified().is_ok_and(|changed| {
                        now.duration_since(changed).is_ok_and(|age| age > KEPT)
                    })
            })
        })
        .filter(|entry| std::fs::remove_dir_all(entry.path()).is_ok())
        .count()
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
                "Aucune visionneuse PDF n'a pu s'ouvrir sur cet ordinateur : ouvrez le PDF vous-même pour l'imprimer.\nLe document à imprimer est ici : {file}\n(détail technique : {error})"
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
    fn only_our_print_folders_more_than_a_day_old_are_removed() {
        let root = tempfile::tempdir().expect("tempdir");
        let old = root.path().join("convention-impression-abc");
        std::fs::create_dir(&old).expect("folder");
        std::fs::write(old.join("culture.pdf"), "%PDF").expect("file");
        let other = root.path().join("autre-dossier");
        std::fs::create_dir(&other).expect("folder");
        let file = root.path().join("convention-impression-fichier");
        std::fs::write(&file, "pas un dossier").expect("file");
        #[cfg(unix)]
        {
            let target = root.path().join("cible");
            std::fs::create_dir(&target).expect("folder");
            std::os::unix::fs::symlink(&target, root.path().join("convention-impression-lien"))
                .expect("link");
        }
        let now = SystemTime::now();
        assert_eq!(remove_old_prints(root.path(), now), 0, "all are recent");
        assert!(old.exists());
        let later = now + KEPT + Duration::from_secs(60);
        assert_eq!(remove_old_prints(root.path(), later), 1);
        assert!(!old.exists(), "the old print's folder went");
        assert!(other.exists() && file.exists(), "nothing else");
        #[cfg(unix)]
        assert!(root.path().join("cible").exists(), "a link is not followed");
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
