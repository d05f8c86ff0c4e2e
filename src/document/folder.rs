//! A template folder's files: its main template and what it includes. Only
//! regular files inside the folder are read, links followed (a template
//! handed over by someone else must not print `/etc/passwd` or a key of
//! the user's into a convention), each through the bounded reader so a
//! FIFO or a device cannot hang the render.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use minijinja::ErrorKind;

use crate::model::read::ReadError;

/// Why a file of a template folder was not read.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// The name is not a plain name relative to the folder.
    #[error(
        "« {0} » n'est pas un fichier du dossier du modèle : un nom relatif à ce dossier est attendu (sans « .. », « \\ » ni « : », pas un chemin absolu)"
    )]
    Outside(String),
    /// A hidden file (a segment starting with a dot).
    #[error("« {0} » est un fichier caché : il n'est pas lu")]
    Hidden(String),
    /// The name leads out of the folder through a link.
    #[error("« {0} » mène hors du dossier du modèle (lien symbolique) : il n'est pas lu")]
    Escapes(String),
    /// The file cannot be read.
    #[error("« {name} » : {reason}")]
    Unreadable {
        /// The name in the folder.
        name: String,
        /// Why.
        reason: ReadError,
    },
}

/// A template folder.
#[derive(Debug)]
pub struct TemplateFolder {
    /// The folder as given, for messages.
    given: PathBuf,
    /// The folder with its links resolved.
    root: PathBuf,
    /// The last name an include asked for that the folder does not hold.
    missing: Mutex<Option<String>>,
}

impl TemplateFolder {
    /// The folder at `path`, which must exist.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        Ok(Self {
            given: path.to_owned(),
            root: std::fs::canonicalize(path)?,
            missing: Mutex::new(None),
        })
    }

    /// The text of the file `name` of the folder (a name relative to it,
    /// with `/` between folders), `None` when there is no such file.
    pub fn read(&self, name: &str) -> Result<Option<String>, FolderError> {
        let Some(path) = self.resolve(name)? else {
            return Ok(None);
        };
        read_template(&path)
            .map(Some)
            .map_err(|reason| FolderError::Unreadable {
                name: name.to_owned(),
                reason,
            })
    }

    /// Where the file `name` is, links resolved, if it is in the folder.
    fn resolve(&self, name: &str) -> Result<Option<PathBuf>, FolderError> {
        // Windows' drive letters (`C:`), UNC paths (`\\server\…`) and
        // backslashes are refused on every system: a template folder moves
        // from one to the other.
        if name.contains(['\\', ':', '\0']) || name.starts_with('/') {
            return Err(FolderError::Outside(name.to_owned()));
        }
        let relative = Path::new(name);
        for component in relative.components() {
            match component {
                Component::Normal(segment) if segment.to_string_lossy().starts_with('.') => {
                    return Err(FolderError::Hidden(name.to_owned()));
                }
                Component::Normal(_) | Component::CurDir => {}
                Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                    return Err(FolderError::Outside(name.to_owned()));
                }
            }
        }
        let path = match std::fs::canonicalize(self.root.join(relative)) {
            Ok(path) => path,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(FolderError::Unreadable {
                    name: name.to_owned(),
                    reason: ReadError::Io(error),
                });
            }
        };
        if path.starts_with(&self.root) {
            Ok(Some(path))
        } else {
            Err(FolderError::Escapes(name.to_owned()))
        }
    }

    /// The path of a file of the folder, for messages.
    pub fn display(&self, name: &str) -> String {
        self.given.join(name).display().to_string()
    }

    /// The last name an include asked for that the folder does not hold.
    pub fn missing(&self) -> Option<String> {
        self.missing.lock().ok().and_then(|missing| missing.clone())
    }

    /// minijinja's loader for the files the main template includes (or
    /// imports, or extends): a missing file is `None`, so that `ignore
    /// missing` works; any other refusal is an error, its detail said in
    /// French.
    pub fn loader(
        self: Arc<Self>,
    ) -> impl Fn(&str) -> Result<Option<String>, minijinja::Error> + Send + Sync + 'static {
        move |name| match self.read(name) {
            Ok(Some(text)) => Ok(Some(text)),
            Ok(None) => {
                if let Ok(mut missing) = self.missing.lock() {
                    *missing = Some(name.to_owned());
                }
                Ok(None)
            }
            Err(error) => Err(minijinja::Error::new(
                ErrorKind::BadInclude,
                error.to_string(),
            )),
        }
    }
}

/// A template file's text: a regular file of at most
/// [`MAX_FILE_BYTES`](crate::model::MAX_FILE_BYTES), in UTF-8.
pub fn read_template(path: &Path) -> Result<String, ReadError> {
    let bytes = crate::model::read::read_regular(path, crate::model::MAX_FILE_BYTES)?;
    String::from_utf8(bytes).map_err(|error| {
        let encoding = crate::model::read::foreign_encoding(error.as_bytes());
        ReadError::Io(std::io::Error::other(match encoding {
            Some(encoding) => {
                format!("ce texte est encodé en {encoding} ; enregistrez-le en UTF-8")
            }
            None => "ce n'est pas un texte UTF-8".to_owned(),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, TemplateFolder) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("a.j2"), "A").expect("write");
        std::fs::write(dir.path().join("sub/b.j2"), "B").expect("write");
        let folder = TemplateFolder::open(dir.path()).expect("opens");
        (dir, folder)
    }

    #[test]
    fn files_of_the_folder_are_read() {
        let (_dir, folder) = folder();
        assert_eq!(folder.read("a.j2").expect("reads").as_deref(), Some("A"));
        assert_eq!(folder.read("./a.j2").expect("reads").as_deref(), Some("A"));
        assert_eq!(
            folder.read("sub/b.j2").expect("reads").as_deref(),
            Some("B")
        );
        assert_eq!(folder.read("absent.j2").expect("no error"), None);
    }

    #[test]
    fn names_out_of_the_folder_are_refused() {
        let (_dir, folder) = folder();
        for name in [
            "/etc/passwd",
            "//server/share/x",
            "../a.j2",
            "sub/../../a.j2",
            "sub/../a.j2",
            "C:\\Windows\\win.ini",
            "C:/Windows/win.ini",
            "\\\\server\\share\\x",
            "sub\\b.j2",
            "a.j2\0",
        ] {
            let error = folder.read(name).expect_err(name);
            assert!(matches!(error, FolderError::Outside(_)), "{name}: {error}");
            assert!(error.to_string().contains(name), "{error}");
        }
        assert!(matches!(
            folder.read(".secret"),
            Err(FolderError::Hidden(_))
        ));
        assert!(matches!(
            folder.read("sub/.git/config"),
            Err(FolderError::Hidden(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn links_may_not_lead_out() {
        let (dir, folder) = folder();
        let outside = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside.path().join("secret"), "S").expect("write");
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, dir.path().join(name)).expect("link");
        };
        link(&outside.path().join("secret"), "secret.j2");
        link(outside.path(), "out");
        link(Path::new("/etc/passwd"), "passwd.j2");
        link(&dir.path().join("a.j2"), "inside.j2");
        link(Path::new("sub"), "also");
        for name in ["secret.j2", "out/secret", "passwd.j2"] {
            let error = folder.read(name).expect_err(name);
            assert!(matches!(error, FolderError::Escapes(_)), "{name}: {error}");
        }
        assert_eq!(
            folder.read("inside.j2").expect("reads").as_deref(),
            Some("A")
        );
        assert_eq!(
            folder.read("also/b.j2").expect("reads").as_deref(),
            Some("B")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_folder_is_refused_at_once() {
        let (dir, folder) = folder();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join("f.j2"))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let error = folder.read("f.j2").expect_err("a FIFO");
        assert!(error.to_string().contains("tube nommé"), "{error}");
        let error = folder.read("sub").expect_err("a folder");
        assert!(error.to_string().contains("dossier"), "{error}");
    }

    #[test]
    fn the_loader_remembers_what_is_missing() {
        let (_dir, folder) = folder();
        let folder = Arc::new(folder);
        let loader = Arc::clone(&folder).loader();
        assert_eq!(loader("absent.j2").expect("no error"), None);
        assert_eq!(folder.missing().as_deref(), Some("absent.j2"));
        let error = loader("/etc/passwd").expect_err("refused");
        assert_eq!(error.kind(), ErrorKind::BadInclude);
        assert!(
            error.detail().is_some_and(|d| d.contains("/etc/passwd")),
            "{error:?}"
        );
    }
}
