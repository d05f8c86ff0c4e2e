//! The drafting aids that work on the whole draft: the next period's
//! convention from the open one, and its fiche de synthèse.

use super::dialogs::with_extension;
use super::files::suggested_name;
use std::path::PathBuf;

use super::chooser::Purpose;
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

    /// Writes the fiche de synthèse of the open draft to `to` (replacing a
    /// file there), or asks where first (the system's dialog, else the
    /// app's own chooser, which answers on a later frame) and before
    /// replacing a file.
    pub(super) fn save_summary(&mut self, to: Option<PathBuf>) {
        let folder = self.folder();
        let Some(session) = &self.session else {
            return;
        };
        let path = match to {
            Some(path) => path,
            None => {
                let name = suggested_name(
                    &session.draft,
                    session.path.as_deref(),
                    FileKind::Pdf,
                    "-synthese",
                );
                let Some(path) =
                    self.ask_save(FileKind::Pdf, folder.as_deref(), &name, Purpose::Summary)
                else {
                    return;
                };
                if !self.may_write(&Purpose::Summary, &path, Some(&path)) {
                    return;
                }
                path
            }
        };
        let path = with_extension(path, FileKind::Pdf);
        let Some(session) = &self.session else {
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
