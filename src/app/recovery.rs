//! Crash recovery: the draft being edited is copied to a recovery file every
//! 30 seconds and at each step change; the next start offers to restore
//! what a crash left behind.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Draft;

/// What a recovery file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// The draft's own file, if it had one.
    pub path: Option<PathBuf>,
    /// When the copy was made, for people (local time).
    pub saved_at: String,
    /// The draft as it was.
    pub draft: Draft,
}

/// A recovery file found at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The recovery file itself.
    pub file: PathBuf,
    /// Its content.
    pub recovery: Recovery,
}

/// A recovery file of its own for a new window, inside `folder`: named after
/// the process and the instant, so two windows never share one.
pub fn new_file(folder: &Path) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    folder.join(format!("recuperation-{}-{nanos}.json", std::process::id()))
}

/// Writes a recovery copy atomically.
pub fn write(
    file: &Path,
    draft: &Draft,
    path: Option<&Path>,
) -> Result<(), crate::model::SaveError> {
    if let Some(folder) = file.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    let recovery = Recovery {
        path: path.map(Path::to_owned),
        saved_at: chrono::Local::now().format("%d/%m/%Y à %H:%M").to_string(),
        draft: draft.clone(),
    };
    let text = serde_json::to_string_pretty(&recovery).unwrap_or_default();
    crate::model::io::write_atomically(file, text.as_bytes(), crate::model::io::Durability::Flushed)
}

/// Removes a recovery file; a missing one is fine.
pub fn remove(file: &Path) {
    let _ = std::fs::remove_file(file);
}

/// The recovery files left in `folder` by other runs, newest first. Files
/// that do not read are skipped.
pub fn find(folder: &Path, own: &Path) -> Vec<Found> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(std::time::SystemTime, Found)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|file| {
            file != own
                && file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("recuperation-") && n.ends_with(".json"))
        })
        .filter_map(|file| {
            // Like a draft: a regular file under the cap, or it is passed over.
            let bytes =
                crate::model::read::read_regular(&file, crate::model::MAX_FILE_BYTES).ok()?;
            let recovery: Recovery = serde_json::from_slice(&bytes).ok()?;
            let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok()?;
            Some((modified, Found { file, recovery }))
        })
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_copy_is_found_by_the_next_run() {
        let folder = tempfile::tempdir().expect("tempdir");
        let mine = new_file(folder.path());
        let mut draft = Draft::blank();
        draft.object.purpose = "texte non enregistré".into();
        write(&mine, &draft, Some(Path::new("/tmp/x.json"))).expect("write");
        let other = folder.path().join("recuperation-2.json");
        assert_eq!(
            find(folder.path(), &mine),
            Vec::new(),
            "own file is not offered"
        );
        let found = find(folder.path(), &other);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].recovery.draft, draft);
        assert_eq!(
            found[0].recovery.path.as_deref(),
            Some(Path::new("/tmp/x.json"))
        );
        remove(&mine);
        assert!(find(folder.path(), &other).is_empty());
    }

    #[test]
    fn unreadable_files_are_skipped() {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::write(folder.path().join("recuperation-9.json"), "{").expect("write");
        std::fs::write(folder.path().join("autre.json"), "{}").expect("write");
        assert!(find(folder.path(), Path::new("/nowhere")).is_empty());
    }
}
