//! The drafting aids that work on the whole draft: the next period's
//! convention from the open one, and its fiche de synthèse.

use super::files::{suggested_name, with_extension_of};
use super::{ConventionApp, FileKind, Session};
use crate::model::{Successor, io};
use crate::summary::Fiche;

impl ConventionApp {
    /// Replaces the open draft by the convention of the next period, not
    /// saved yet (the caller asked first about unsaved changes).
    pub(super) fn new_successor(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let successor = Successor::of(&session.draft);
        let from = session.path.as_deref().map_or_else(
            || "du brouillon ouvert".to_owned(),
            |path| format!("de {}", path.display()),
        );
        let (first, last) = (*successor.years.start(), *successor.years.end());
        let years = if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        };
        self.start(Session::new(successor.draft, None));
        self.say(format!(
            "Nouvelle convention pour {years} à partir {from} : date de signature, montants et relecture effacés ; enregistrez-la sous un nouveau nom."
        ));
    }

    /// Asks where, then writes the fiche de synthèse of the open draft.
    pub(super) fn save_summary(&mut self) {
        let folder = self.folder();
        let Some(session) = &self.session else {
            return;
        };
        let name = suggested_name(
            &session.draft,
            session.path.as_deref(),
            FileKind::Pdf,
            "-synthese",
        );
        let Some(path) = self
            .dialogs
            .save_file(FileKind::Pdf, folder.as_deref(), &name)
            .map(|path| with_extension_of(path, FileKind::Pdf))
        else {
            return;
        };
        let written = Fiche::of(&session.draft)
            .pdf()
            .map_err(|error| error.to_string())
            .and_then(|bytes| {
                io::write_atomically(&path, &bytes, io::Durability::Flushed)
                    .map_err(|error| error.to_string())
            });
        match written {
            Ok(()) => self.say(format!("Fiche de synthèse : {}", path.display())),
            Err(error) => self.fail(format!(
                "La fiche de synthèse n'a pas pu être écrite dans {}.\n{error}",
                path.display()
            )),
        }
    }
}
