//! The carnet des parties fed from the drafts of a portfolio folder (the
//! drafts opened and saved feed it in `files`).

use std::path::Path;

use super::ConventionApp;
use crate::model;

impl ConventionApp {
    /// Adds the délégant of each readable draft among `files` to the carnet.
    pub(super) fn collect_parties<'a>(&mut self, files: impl IntoIterator<Item = &'a Path>) {
        for file in files {
            if let Ok(draft) = model::load(file) {
                self.prefs.carnet.collect(&draft.delegant);
            }
        }
    }
}
