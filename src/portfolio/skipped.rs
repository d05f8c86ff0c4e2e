//! A JSON file found in a folder or by a pattern that is not a draft (or
//! not a file at all: a FIFO, a socket, a device), and so is left aside
//! with a note rather than counted as unreadable.

use std::path::PathBuf;

/// A `*.json` file met while searching a folder or expanding a pattern that
/// is well-formed JSON but not a draft (no `format_version` at its top: a
/// schema, a settings file, another program's data). Named on the command
/// line, the same file would be an [`Unreadable`](super::Unreadable) draft.
/// Also a `*.json` name in a folder that is no regular file (a FIFO, a
/// socket, a device): reading it would block or never end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// The note said about it, in French, without the path.
    pub note: &'static str,
}

impl Skipped {
    /// The note about a JSON file that is not a draft.
    pub const NOTE: &str =
        "fichier JSON ignoré : ce n'est pas un brouillon (pas de format_version)";

    /// The note about a name that is not a regular file.
    pub const NOT_A_FILE: &str =
        "ignoré : ce n'est pas un fichier ordinaire (tube nommé, socket ou périphérique)";

    /// A JSON file that is not a draft.
    pub fn not_a_draft(path: PathBuf) -> Self {
        Skipped {
            path,
            note: Self::NOTE,
        }
    }

    /// A name that is not a regular file.
    pub fn not_a_file(path: PathBuf) -> Self {
        Skipped {
            path,
            note: Self::NOT_A_FILE,
        }
    }
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.note)
    }
}
