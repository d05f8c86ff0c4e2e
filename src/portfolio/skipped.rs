//! A JSON file found in a folder or by a pattern that is not a draft, and
//! so is left aside with a note rather than counted as unreadable.

use std::path::PathBuf;

/// A `*.json` file met while searching a folder or expanding a pattern that
/// is well-formed JSON but not a draft (no `format_version` at its top: a
/// schema, a settings file, another program's data). Named on the command
/// line, the same file would be an [`Unreadable`](super::Unreadable) draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
}

impl Skipped {
    /// The note said about it, in French, without the path.
    pub const NOTE: &str =
        "fichier JSON ignoré : ce n'est pas un brouillon (pas de format_version)";
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), Self::NOTE)
    }
}
