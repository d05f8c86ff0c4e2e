//! The drafts a batch command is given: files, folders searched
//! recursively, and patterns the program expands itself (Windows shells
//! leave `*.json` as typed, and a quoted pattern reaches us as it is on
//! every system). One expansion and one reading, shared by `check`,
//! `export`, `portfolio` and the app's portfolio view.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Skipped, Unreadable};
use crate::model::{self, Draft};

/// How a file came to be in a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Named on the command line: it must be a draft.
    Named,
    /// Found in a folder or by a pattern: a JSON file that is not a draft
    /// is skipped with a note.
    Found,
}

/// One file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The file, as given or as joined under its folder
    /// (`dossier/2024/meae.json`).
    pub path: PathBuf,
    /// Named or found.
    pub origin: Origin,
}

/// What reading one input gave.
#[derive(Debug)]
pub enum Loaded {
    /// A draft, read and parsed.
    Draft {
        /// Its file.
        path: PathBuf,
        /// The draft.
        draft: Box<Draft>,
    },
    /// A path that gave no draft, and why.
    Unreadable(Unreadable),
    /// A JSON file found in a folder that is not a draft.
    Skipped(Skipped),
}

/// The files of a batch, in the order given (a folder's files in name
/// order, at every depth), each once; and, in their place, the paths that
/// gave none (a folder without drafts, a pattern that matches nothing).
/// Expanding lists folders but reads no file: [`Inputs::load`] reads them
/// one at a time, so a batch of 10,000 drafts never holds them all.
#[derive(Debug, Default)]
pub struct Inputs {
    items: Vec<Result<Input, Unreadable>>,
    /// Whether several files were asked for: more than one path, or any
    /// folder or pattern (which may hold one file today and ten tomorrow).
    several: bool,
}

impl Inputs {
    /// Expands what the user gave. A path that exists is taken as it is (a
    /// file, or a folder searched recursively for `*.json` files, hidden
    /// ones and hidden folders left out); one that does not exist and holds
    /// `*`, `?` or `[` is a pattern (`dossier/**/*.json`,
    /// `conventions-202?.json`) whose `*.json` matches are taken, folders
    /// matched searched like folders; any other is a file, which will be
    /// said missing when read.
    pub fn expand(paths: &[impl AsRef<Path>]) -> Self {
        let mut inputs = Inputs {
            items: Vec::new(),
            several: paths.len() > 1,
        };
        let mut seen = HashSet::new();
        for path in paths {
            let path = path.as_ref();
            if path.is_dir() {
                inputs.several = true;
                let before = inputs.items.len();
                inputs.walk(path, &mut seen);
                // A FIFO named `*.json` is no draft: a folder of only such
                // is said empty (after they are said skipped).
                let found = inputs.items[before..].iter().any(|item| match item {
                    Ok(input) => std::fs::metadata(&input.path).is_ok_and(|m| m.is_file()),
                    Err(_) => true,
                });
                if !found {
                    inputs.items.push(Err(Unreadable::EmptyFolder {
                        path: path.to_owned(),
                    }));
                }
            } else if !path.exists() && is_pattern(path) {
                inputs.several = true;
                inputs.expand_pattern(path, &mut seen);
            } else {
                inputs.push(path.to_owned(), Origin::Named, &mut seen);
            }
        }
        inputs
    }

    /// The files and the problems, in order.
    pub fn items(&self) -> &[Result<Input, Unreadable>] {
        &self.items
    }

    /// Whether several drafts were asked for (several paths, a folder or a
    /// pattern), rather than one file: batch commands then end with a
    /// summary.
    pub fn several(&self) -> bool {
        self.several
    }

    /// How many files and problems there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing at all was given.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Reads the files one at a time, in order; a problem met while
    /// expanding comes out in its place as [`Loaded::Unreadable`].
    pub fn load(self) -> impl Iterator<Item = Loaded> {
        self.items.into_iter().map(|item| match item {
            Ok(input) => load(input),
            Err(problem) => Loaded::Unreadable(problem),
        })
    }

    fn push(&mut self, path: PathBuf, origin: Origin, seen: &mut HashSet<PathBuf>) {
        // The same file reached twice (named, and in its folder) is read
        // once.
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            self.items.push(Ok(Input { path, origin }));
        }
    }

    /// A broken link, said once however many ways lead to it.
    fn push_link(&mut self, path: PathBuf, reason: &'static str, seen: &mut HashSet<PathBuf>) {
        let key = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => std::fs::canonicalize(parent)
                .map(|parent| parent.join(name))
                .unwrap_or_else(|_| path.clone()),
            _ => path.clone(),
        };
        if seen.insert(key) {
            self.items.push(Err(Unreadable::Link { path, reason }));
        }
    }

    /// Searches a folder, following symbolic links (to files and to
    /// folders; a link back to a folder above is said, not followed
    /// forever). A `*.json` name that is not a folder is taken, whatever it
    /// is: reading it says whether it is a draft, a FIFO (skipped) or a
    /// broken link (unreadable).
    fn walk(&mut self, folder: &Path, seen: &mut HashSet<PathBuf>) {
        let walker = walkdir::WalkDir::new(folder)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    if !entry.file_type().is_dir() && is_json(entry.path()) {
                        self.push(entry.into_path(), Origin::Found, seen);
                    }
                }
                Err(error) => {
                    let path = error.path().unwrap_or(folder).to_owned();
                    if error.loop_ancestor().is_some() {
                        self.push_link(path, LOOP, seen);
                    } else if let Some(reason) = link_problem(&path) {
                        // A broken link of another name is no draft.
                        if is_json(&path) {
                            self.push_link(path, reason, seen);
                        }
                    } else {
                        let cause = error.into_io_error().unwrap_or_else(|| {
                            std::io::Error::other("boucle de liens symboliques")
                        });
                        self.items.push(Err(Unreadable::Folder { path, cause }));
                    }
                }
            }
        }
    }

    fn expand_pattern(&mut self, pattern: &Path, seen: &mut HashSet<PathBuf>) {
        let options = glob::MatchOptions {
            case_sensitive: !cfg!(windows),
            require_literal_separator: true,
            require_literal_leading_dot: true,
        };
        let text = pattern.to_string_lossy();
        let matches = match glob::glob_with(&text, options) {
            Ok(matches) => matches,
            Err(error) => {
                self.items.push(Err(Unreadable::BadPattern {
                    pattern: pattern.to_owned(),
                    message: format!(
                        "{} (caractère {})",
                        translate_pattern_error(error.msg),
                        error.pos + 1
                    ),
                }));
                return;
            }
        };
        let before = self.items.len();
        for found in matches {
            match found {
                Ok(path) if path.is_dir() => self.walk(&path, seen),
                Ok(path) if is_json(&path) => self.push(path, Origin::Found, seen),
                Ok(_) => {}
                Err(error) => {
                    let path = error.path().to_owned();
                    self.items.push(Err(Unreadable::Folder {
                        path,
                        cause: error.into(),
                    }));
                }
            }
        }
        if self.items.len() == before {
            self.items.push(Err(Unreadable::NoMatch {
                pattern: pattern.to_owned(),
            }));
        }
    }
}

/// Reads one input. A found file that fails to read as a draft but is
/// well-formed JSON without a `format_version` at its top is skipped; one
/// that is not even JSON is unreadable (it may be a damaged draft).
pub fn load(input: Input) -> Loaded {
    let Input { path, origin } = input;
    if origin == Origin::Found
        && std::fs::metadata(&path).is_ok_and(|m| !m.is_file() && !m.is_dir())
    {
        return Loaded::Skipped(Skipped::not_a_file(path));
    }
    let bytes = match model::io::read_draft_bytes(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            if let Some(reason) = link_problem(&path) {
                return Loaded::Unreadable(Unreadable::Link { path, reason });
            }
            return Loaded::Unreadable(error.into());
        }
    };
    match model::io::parse(&path, &bytes) {
        Ok(draft) => Loaded::Draft {
            path,
            draft: Box::new(draft),
        },
        Err(_) if origin == Origin::Found && is_other_json(&bytes) => {
            Loaded::Skipped(Skipped::not_a_draft(path))
        }
        Err(error) => Loaded::Unreadable(error.into()),
    }
}

/// Why a link leads nowhere readable.
const LOOP: &str = "boucle de liens symboliques (le lien mène, de lien en lien, à lui-même ou à un dossier qui le contient)";

/// Why a path that is a symbolic link leads to no file: its target is
/// missing, or links lead round in a loop. `None` when the path is not a
/// link, or a link to something that exists.
fn link_problem(path: &Path) -> Option<&'static str> {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link(path) || std::fs::metadata(path).is_ok() {
        return None;
    }
    // Follow the links by hand (the system's word for a loop differs from
    // one system to the next): a chain longer than the system allows is a
    // loop.
    let mut current = path.to_owned();
    for _ in 0..64 {
        let Ok(target) = std::fs::read_link(&current) else {
            return Some("le lien ne se lit pas");
        };
        current = match current.parent() {
            Some(parent) => parent.join(target),
            None => target,
        };
        if !is_link(&current) {
            return Some(if current.exists() {
                "la cible du lien ne se lit pas"
            } else {
                "lien cassé : sa cible n'existe pas"
            });
        }
    }
    Some(LOOP)
}

/// Whether the bytes are JSON whose top is not an object with a
/// `format_version`: another program's file, not a draft.
fn is_other_json(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(serde_json::Value::Object(map)) => !map.contains_key("format_version"),
        Ok(_) => true,
        Err(_) => false,
    }
}

fn is_pattern(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// The glob crate's few messages, in French.
fn translate_pattern_error(message: &str) -> &str {
    match message {
        "wildcards are either regular `*` or recursive `**`" => {
            "un joker est « * » ou « ** », pas davantage d'étoiles"
        }
        "recursive wildcards must form a single path component" => {
            "« ** » doit former un élément du chemin à lui seul (dossier/**/*.json)"
        }
        "invalid range pattern" => "intervalle entre crochets mal formé (« [ » sans « ] » ?)",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(folder: &Path, name: &str, text: &str) -> PathBuf {
        let path = folder.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(&path, text).expect("write");
        path
    }

    fn names(inputs: &Inputs) -> Vec<String> {
        inputs
            .items()
            .iter()
            .map(|item| match item {
                Ok(input) => input.path.to_string_lossy().into_owned(),
                Err(problem) => format!("! {}", problem.reason()),
            })
            .collect()
    }

    #[test]
    fn a_folder_is_searched_recursively_for_json_files_in_name_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        write(root, "b.json", "{}");
        write(root, "a.json", "{}");
        write(root, "notes.txt", "");
        write(root, "export.docx", "");
        write(root, "sub/c.JSON", "{}");
        write(root, ".cache/d.json", "{}");
        write(root, ".e.json", "{}");
        let inputs = Inputs::expand(&[root]);
        let expected: Vec<String> = ["a.json", "b.json", "sub/c.JSON"]
            .iter()
            .map(|name| root.join(name).to_string_lossy().into_owned())
            .collect();
        assert_eq!(names(&inputs), expected);
        assert!(inputs.several());
        assert!(
            inputs
                .items()
                .iter()
                .all(|item| item.as_ref().is_ok_and(|i| i.origin == Origin::Found))
        );
    }

    #[test]
    fn patterns_are_expanded_and_a_file_is_read_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let a = write(root, "conv-2022.json", "{}");
        write(root, "conv-2023.json", "{}");
        write(root, "autre.json", "{}");
        write(root, "sous/conv-2024.json", "{}");
        let pattern = root.join("**").join("conv-*.json");
        let inputs = Inputs::expand(&[a.clone(), pattern]);
        assert_eq!(
            names(&inputs),
            vec![
                a.to_string_lossy().into_owned(),
                root.join("conv-2023.json").to_string_lossy().into_owned(),
                root.join("sous/conv-2024.json")
                    .to_string_lossy()
                    .into_owned(),
            ]
        );
        assert_eq!(
            inputs.items()[0].as_ref().map(|i| i.origin).ok(),
            Some(Origin::Named)
        );
        let single = Inputs::expand(&[a]);
        assert!(!single.several());
    }

    #[test]
    fn nothing_found_is_said_for_folders_and_patterns() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir(root.join("vide")).expect("folder");
        let inputs = Inputs::expand(&[
            root.join("vide"),
            root.join("*.json"),
            root.join("[.json"),
            root.join("absent.json"),
        ]);
        let said = names(&inputs);
        assert_eq!(said.len(), 4, "{said:?}");
        assert_eq!(
            said[0],
            "! aucun brouillon (fichier *.json) dans ce dossier"
        );
        assert_eq!(
            said[1],
            "! aucun brouillon (fichier *.json) ne correspond à ce motif"
        );
        assert!(said[2].starts_with("! motif invalide : "), "{said:?}");
        assert!(
            said[3].ends_with("absent.json"),
            "a plain missing file is read"
        );
    }

    #[test]
    fn found_json_that_is_not_a_draft_is_skipped_but_not_when_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let other = write(root, "package.json", "{\"name\": \"x\"}");
        write(root, "broken.json", "{\"format_version\": ");
        write(root, "draft.json", crate::model::EXAMPLE_JSON);
        let kinds: Vec<String> = Inputs::expand(&[root])
            .load()
            .map(|loaded| match loaded {
                Loaded::Draft { path, .. } => format!("draft {}", path.display()),
                Loaded::Unreadable(problem) => format!("unreadable {}", problem.path().display()),
                Loaded::Skipped(skipped) => format!("skipped {}", skipped.path.display()),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                format!("unreadable {}", root.join("broken.json").display()),
                format!("draft {}", root.join("draft.json").display()),
                format!("skipped {}", other.display()),
            ]
        );
        let named: Vec<Loaded> = Inputs::expand(&[other]).load().collect();
        assert!(matches!(named[..], [Loaded::Unreadable(_)]));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_fifos_and_broken_links_are_said() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let target = write(elsewhere.path(), "cible.json", crate::model::EXAMPLE_JSON);
        write(
            elsewhere.path(),
            "sub/deep.json",
            crate::model::EXAMPLE_JSON,
        );
        let scan = root.join("scan");
        std::fs::create_dir(&scan).expect("folder");
        symlink(&target, scan.join("a-link.json")).expect("link");
        symlink(elsewhere.path().join("sub"), scan.join("b-folder")).expect("link");
        symlink("nowhere.json", scan.join("c-dangling.json")).expect("link");
        symlink("d-loop.json", scan.join("d-loop.json")).expect("link");
        symlink(".", scan.join("e-up")).expect("link");
        symlink("nowhere.txt", scan.join("f-dangling.txt")).expect("link");
        let fifo = scan.join("g-fifo.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let kinds: Vec<String> = Inputs::expand(&[&scan])
            .load()
            .map(|loaded| {
                let name = |p: &Path| p.strip_prefix(&scan).expect("under").display().to_string();
                match loaded {
                    Loaded::Draft { path, .. } => format!("draft {}", name(&path)),
                    Loaded::Unreadable(problem) => {
                        format!("unreadable {}: {}", name(problem.path()), problem.reason())
                    }
                    Loaded::Skipped(skipped) => {
                        format!("skipped {}: {}", name(&skipped.path), skipped.note)
                    }
                }
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                "draft a-link.json".to_owned(),
                "draft b-folder/deep.json".to_owned(),
                "unreadable c-dangling.json: lien symbolique illisible : lien cassé : sa cible n'existe pas".to_owned(),
                format!("unreadable d-loop.json: lien symbolique illisible : {LOOP}"),
                format!("unreadable e-up: lien symbolique illisible : {LOOP}"),
                format!("skipped g-fifo.json: {}", Skipped::NOT_A_FILE),
            ]
        );
        // Named, a loop says so too.
        let named: Vec<Loaded> = Inputs::expand(&[scan.join("d-loop.json")]).load().collect();
        match &named[..] {
            [Loaded::Unreadable(problem)] => {
                assert!(problem.reason().contains("boucle"), "{problem}")
            }
            other => panic!("{other:?}"),
        }
    }
}
