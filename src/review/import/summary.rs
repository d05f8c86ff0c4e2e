//! What an import brought into a draft, counted, and said in French.

use chrono::{DateTime, Utc};

use crate::rules::count_of;

/// What an import brought into a draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Comments added.
    pub comments: usize,
    /// Proposals (tracked changes) added.
    pub proposals: usize,
    /// Comments and proposals of the file already in the draft.
    pub already: usize,
    /// Tracked changes the draft already has (those of a redline
    /// export), left out.
    pub made: usize,
    /// Replies added to comments already in the draft.
    pub replies: usize,
    /// Comments of the draft the reviewer marked done, now resolved.
    pub resolved: usize,
    /// Where the added ones went, in the order of the document: the
    /// field's or the article's name, and how many.
    pub places: Vec<(String, usize)>,
    /// How many comments, proposals and replies had no date, and the date
    /// they were given instead.
    pub undated: Option<(usize, Undated)>,
    /// Whether the file was imported with `force` though it was not
    /// exported from this draft.
    pub forced: bool,
}

/// The date given to what a file left undated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undated {
    /// When the file was last saved, as its properties say.
    Saved(DateTime<Utc>),
    /// When it was imported: the file says neither.
    Imported(DateTime<Utc>),
}

/// The name of the whole draft, as a place in the summary.
pub(super) const WHOLE_DRAFT: &str = "l'ensemble du brouillon";

impl ImportSummary {
    /// Whether the draft changed.
    pub fn changed(&self) -> bool {
        self.comments + self.proposals + self.replies + self.resolved > 0
    }

    /// Counts one added remark at `place`.
    pub(super) fn added_at(&mut self, place: String) {
        match self.places.iter_mut().find(|(name, _)| *name == place) {
            Some((_, count)) => *count += 1,
            None => self.places.push((place, 1)),
        }
    }

    /// The summary in French, one sentence a line.
    pub fn french(&self) -> String {
        let mut lines = Vec::new();
        if self.forced {
            lines.push(
                "Attention : ce DOCX n'a pas été exporté de ce brouillon ; ses remarques sont importées quand même (--force).".to_owned(),
            );
        }
        let added = self.comments + self.proposals;
        if added > 0 {
            let what = match (self.comments, self.proposals) {
                (0, p) => count_of(p, "proposition importée", "propositions importées"),
                (c, 0) => count_of(c, "commentaire importé", "commentaires importés"),
                (c, p) => format!(
                    "{} et {} importés",
                    count_of(c, "commentaire", "commentaires"),
                    count_of(p, "proposition", "propositions")
                ),
            };
            let places: Vec<String> = self
                .places
                .iter()
                .map(|(place, count)| {
                    if place == WHOLE_DRAFT {
                        format!("{count} sur {place}")
                    } else {
                        format!("{count} sur « {place} »")
                    }
                })
                .collect();
            lines.push(format!("{what} : {}.", places.join(", ")));
        }
        if self.replies > 0 {
            lines.push(format!(
                "{} à des commentaires déjà présents.",
                count_of(self.replies, "réponse ajoutée", "réponses ajoutées")
            ));
        }
        if self.resolved > 0 {
            lines.push(if self.resolved == 1 {
                "1 commentaire marqué résolu dans le DOCX l'est maintenant dans le brouillon.".to_owned()
            } else {
                format!(
                    "{} commentaires marqués résolus dans le DOCX le sont maintenant dans le brouillon.",
                    self.resolved
                )
            });
        }
        if self.already > 0 {
            let already = if self.already == 1 {
                "1 remarque du fichier était déjà dans le brouillon.".to_owned()
            } else {
                format!(
                    "{} remarques du fichier étaient déjà dans le brouillon.",
                    self.already
                )
            };
            lines.push(already);
        }
        if self.made > 0 {
            lines.push(if self.made == 1 {
                "1 modification suivie que le brouillon contient déjà (celle d'un export des modifications) n'est pas reprise.".to_owned()
            } else {
                format!(
                    "{} modifications suivies que le brouillon contient déjà (celles d'un export des modifications) ne sont pas reprises.",
                    self.made
                )
            });
        }
        if !self.changed() {
            lines.push(if self.already == 0 && self.made == 0 {
                "Ce DOCX n'a ni commentaire ni modification suivie : rien à importer.".to_owned()
            } else {
                "Rien de nouveau : le brouillon est inchangé.".to_owned()
            });
        }
        if let Some((count, undated)) = self.undated {
            let (when, source) = match undated {
                Undated::Saved(date) => (date, "de l'enregistrement du DOCX"),
                Undated::Imported(date) => (
                    date,
                    "de l'import (le DOCX ne dit pas quand il a été enregistré)",
                ),
            };
            let undated = if count == 1 {
                "1 remarque ou réponse sans date reçoit".to_owned()
            } else {
                format!("{count} remarques ou réponses sans date reçoivent")
            };
            lines.push(format!(
                "{undated} la date {source} : le {}.",
                when.format("%d/%m/%Y à %H:%M UTC")
            ));
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_what_came_in_and_where() {
        let mut summary = ImportSummary {
            comments: 2,
            proposals: 1,
            already: 1,
            ..ImportSummary::default()
        };
        summary.added_at("Exercice 2022 — CP".to_owned());
        summary.added_at("Exercice 2022 — CP".to_owned());
        summary.added_at("Article 5".to_owned());
        assert_eq!(
            summary.french(),
            "2 commentaires et 1 proposition importés : 2 sur « Exercice 2022 — CP », 1 sur « Article 5 ».\n\
             1 remarque du fichier était déjà dans le brouillon."
        );
        assert!(summary.changed());
        let nothing = ImportSummary {
            already: 3,
            ..ImportSummary::default()
        };
        assert!(!nothing.changed());
        assert!(
            nothing
                .french()
                .ends_with("Rien de nouveau : le brouillon est inchangé.")
        );
    }
}
