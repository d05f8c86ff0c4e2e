//! Why a path given to a batch command gave no draft: a file that cannot be
//! read as a draft, a folder without any, a pattern that matches nothing.

use std::path::{Path, PathBuf};

use crate::model::LoadError;
use crate::model::io::io_reason;

/// A path given to `check`, `export` or `portfolio` (or found under one)
/// that gave no draft, with the reason in French. Counted as « illisible »:
/// a batch with one exits with status 2.
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    /// A file that could not be read or parsed as a draft.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A folder with no `*.json` file at any depth.
    #[error("{}: aucun brouillon (fichier *.json) dans ce dossier", .path.display())]
    EmptyFolder {
        /// The folder.
        path: PathBuf,
    },
    /// A folder that could not be listed.
    #[error("{}: lecture du dossier impossible : {}", .path.display(), io_reason(.cause))]
    Folder {
        /// The folder, or the entry under it that could not be read.
        path: PathBuf,
        /// What the system said.
        cause: std::io::Error,
    },
    /// A symbolic link met in a folder that leads nowhere readable: its
    /// target is missing, or links lead round in a loop.
    #[error("{}: lien symbolique illisible : {reason}", .path.display())]
    Link {
        /// The link.
        path: PathBuf,
        /// Why, in French.
        reason: &'static str,
    },
    /// A pattern (`dossier/*.json`) that matches no draft.
    #[error("{}: aucun brouillon (fichier *.json) ne correspond à ce motif", .pattern.display())]
    NoMatch {
        /// The pattern as given.
        pattern: PathBuf,
    },
    /// A pattern that is not well formed (`dossier/[.json`).
    #[error("{}: motif invalide : {message}", .pattern.display())]
    BadPattern {
        /// The pattern as given.
        pattern: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}

impl Unreadable {
    /// The file, folder or pattern the problem is about.
    pub fn path(&self) -> &Path {
        match self {
            Unreadable::Load(error) => error.path(),
            Unreadable::EmptyFolder { path }
            | Unreadable::Folder { path, .. }
            | Unreadable::Link { path, .. } => path,
            Unreadable::NoMatch { pattern } | Unreadable::BadPattern { pattern, .. } => pattern,
        }
    }

    /// What is wrong, without the path (for output that gives it apart).
    pub fn reason(&self) -> String {
        match self {
            Unreadable::Load(error) => error.reason(),
            other => {
                let full = other.to_string();
                let prefix = format!("{}: ", other.path().display());
                match full.strip_prefix(&prefix) {
                    Some(rest) => rest.to_owned(),
                    None => full,
                }
            }
        }
    }

    /// The JSON path of the faulty field, when a draft has one at fault.
    pub fn field(&self) -> Option<&str> {
        match self {
            Unreadable::Load(error) => error.field(),
            _ => None,
        }
    }

    /// Line and column of the fault in the file (from 1), when it has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Unreadable::Load(error) => error.position(),
            _ => None,
        }
    }
}
