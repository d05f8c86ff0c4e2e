//! Preferences kept between runs (recent files, preview, the user's name,
//! the carnet des parties): never the drafts themselves, which live in
//! their own files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The key of the preferences in eframe's storage.
pub const KEY: &str = "convention.preferences";

/// How many recent files are remembered.
const RECENT_LIMIT: usize = 10;

/// What the app remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Drafts opened or saved lately, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether the document preview is shown beside the form.
    pub show_preview: bool,
    /// The user's name, which signs remarks and changes of status; empty
    /// until asked the first time it is needed.
    pub author: String,
    /// The délégants of the drafts opened and saved, offered again as a
    /// délégant's name is typed.
    pub carnet: crate::model::Carnet,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            show_preview: true,
            author: String::new(),
            carnet: crate::model::Carnet::default(),
        }
    }
}

impl Preferences {
    /// Reads the preferences from their stored text. Text that does not
    /// decode gives the defaults and a warning to show.
    pub fn decode(text: Option<&str>) -> (Self, Option<String>) {
        match text {
            None => (Self::default(), None),
            Some(text) => match ron::from_str(text) {
                Ok(prefs) => (prefs, None),
                Err(error) => (
                    Self::default(),
                    Some(format!(
                        "Préférences illisibles, valeurs par défaut rétablies ({error})."
                    )),
                ),
            },
        }
    }

    /// The text to store.
    pub fn encode(&self) -> String {
        ron::to_string(self).unwrap_or_default()
    }

    /// Puts a file at the head of the recent files.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Forgets a file (when it no longer opens).
    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_text() {
        let mut prefs = Preferences::default();
        prefs.remember(Path::new("/tmp/a.json"));
        prefs.remember(Path::new("/tmp/b.json"));
        prefs.remember(Path::new("/tmp/a.json"));
        assert_eq!(
            prefs.recent,
            [PathBuf::from("/tmp/a.json"), PathBuf::from("/tmp/b.json")]
        );
        let (again, warning) = Preferences::decode(Some(&prefs.encode()));
        assert_eq!((again, warning), (prefs, None));
        let (defaults, warning) = Preferences::decode(Some("(recent: 12"));
        assert_eq!(defaults, Preferences::default());
        assert!(warning.is_some());
        assert_eq!(Preferences::decode(None), (Preferences::default(), None));
    }

    #[test]
    fn preferences_stored_before_the_name_still_read() {
        let (prefs, warning) = Preferences::decode(Some("(recent: [], show_preview: false)"));
        assert_eq!(warning, None);
        assert!(!prefs.show_preview);
        assert_eq!(prefs.author, "");
        let mut named = prefs.clone();
        named.author = "Claire Martin".into();
        assert_eq!(Preferences::decode(Some(&named.encode())).0, named);
    }

    #[test]
    fn the_carnet_is_kept_and_older_preferences_have_none() {
        let mut prefs = Preferences::default();
        prefs.carnet.collect(&crate::model::example().delegant);
        let (again, warning) = Preferences::decode(Some(&prefs.encode()));
        assert_eq!(warning, None);
        assert_eq!(again.carnet, prefs.carnet);
        assert_eq!(again.carnet.contacts[0].short_name, "MEAE");
        let (older, warning) = Preferences::decode(Some("(recent: [], author: \"Claire\")"));
        assert_eq!(warning, None);
        assert!(older.carnet.contacts.is_empty());
    }

    #[test]
    fn the_list_is_bounded() {
        let mut prefs = Preferences::default();
        for i in 0..20 {
            prefs.remember(Path::new(&format!("/tmp/{i}.json")));
        }
        assert_eq!(prefs.recent.len(), RECENT_LIMIT);
        assert_eq!(prefs.recent[0], PathBuf::from("/tmp/19.json"));
    }
}
