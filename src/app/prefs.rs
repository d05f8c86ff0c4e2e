//! Preferences kept between runs (recent files, preview, the user's name,
//! the template chosen for each draft, the carnet des parties): never the drafts themselves, which
//! live in their own files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::document::TemplateSource;

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
    /// The template folder chosen for a draft, by the draft's file; a draft
    /// not listed renders with the built-in template.
    pub templates: BTreeMap<PathBuf, PathBuf>,
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
            templates: BTreeMap::new(),
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
        let path = key(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// The template remembered for the draft at `path`.
    pub fn template_for(&self, path: &Path) -> TemplateSource {
        self.templates
            .get(&key(path))
            .map_or(TemplateSource::Builtin, |folder| {
                TemplateSource::Folder(folder.clone())
            })
    }

    /// Remembers the template of the draft at `path`.
    pub fn set_template(&mut self, path: &Path, template: &TemplateSource) {
        match template {
            TemplateSource::Builtin => {
                self.templates.remove(&key(path));
            }
            TemplateSource::Folder(folder) => {
                self.templates.insert(key(path), folder.clone());
            }
        }
    }

    /// Forgets the template of each draft whose file is gone (one that
    /// cannot be looked at is kept); returns how many. Done as the
    /// preferences load, so the list does not grow for good.
    pub fn forget_missing_drafts(&mut self) -> usize {
        let before = self.templates.len();
        self.templates
            .retain(|draft, _| !matches!(draft.try_exists(), Ok(false)));
        before - self.templates.len()
    }

    /// Forgets a file (when it no longer opens).
    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}

/// A draft's file as the preferences name it: its full path when it can
/// be had.
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
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
    fn a_template_is_remembered_by_draft() {
        let mut prefs = Preferences::default();
        let folder = TemplateSource::Folder(PathBuf::from("/modeles/culture"));
        prefs.set_template(Path::new("/tmp/a.json"), &folder);
        assert_eq!(prefs.template_for(Path::new("/tmp/a.json")), folder);
        assert_eq!(
            prefs.template_for(Path::new("/tmp/b.json")),
            TemplateSource::Builtin
        );
        let (again, warning) = Preferences::decode(Some(&prefs.encode()));
        assert_eq!((again.clone(), warning), (prefs, None));
        let mut again = again;
        again.set_template(Path::new("/tmp/a.json"), &TemplateSource::Builtin);
        assert!(again.templates.is_empty());
    }

    #[test]
    fn the_templates_of_drafts_gone_are_forgotten() {
        let folder = tempfile::tempdir().expect("tempdir");
        let kept = folder.path().join("garde.json");
        std::fs::write(&kept, "{}").expect("write");
        let gone = folder.path().join("parti.json");
        std::fs::write(&gone, "{}").expect("write");
        let template = TemplateSource::Folder(PathBuf::from("/modeles/culture"));
        let mut prefs = Preferences::default();
        prefs.set_template(&kept, &template);
        prefs.set_template(&gone, &template);
        std::fs::remove_file(&gone).expect("removed");
        let (mut again, _) = Preferences::decode(Some(&prefs.encode()));
        assert_eq!(again.forget_missing_drafts(), 1);
        assert_eq!(again.template_for(&kept), template);
        assert_eq!(again.templates.len(), 1);
        assert_eq!(again.forget_missing_drafts(), 0);
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
