//! The review block of a draft (format version 2): where the draft stands
//! in its review, who moved it there and when, and the reviewers' comments,
//! each about a field, an article or the whole draft.

mod comment;
mod status;
mod subject;

pub use comment::{Comment, Reply};
pub use status::Status;
pub use subject::{Subject, UnknownSubject};

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The review of a draft: its status, the history of that status, and the
/// comments. Empty for a draft nobody has reviewed yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Review {
    /// Where the draft stands: `brouillon`, `en_relecture`, `valide` or
    /// `signe`.
    #[serde(default)]
    pub status: Status,
    /// Each change of status, oldest first.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::model::limits::capped"
    )]
    pub history: Vec<StatusChange>,
    /// The comments, in the order they were made, each with its own
    /// identifier.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "distinct_ids"
    )]
    pub comments: Vec<Comment>,
}

/// One change of status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct StatusChange {
    /// The status the draft went to.
    pub status: Status,
    /// Who changed it.
    pub author: String,
    /// When, in UTC.
    #[serde(with = "crate::model::date::moment")]
    #[schemars(with = "DateTime<Utc>")]
    pub date: DateTime<Utc>,
}

json_object!(Review, StatusChange);

/// The comments of a file, refused when two share an identifier or one
/// has none: the app resolves and answers a comment by its identifier.
fn distinct_ids<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Comment>, D::Error> {
    let comments: Vec<Comment> = crate::model::limits::capped(deserializer)?;
    let mut seen = std::collections::HashMap::new();
    for (index, comment) in comments.iter().enumerate() {
        let id = comment.id.trim();
        if id.is_empty() {
            return Err(crate::model::json_error::french(format!(
                "la remarque n° {} n'a pas d'identifiant (« id » : « c{} » par exemple)",
                index + 1,
                index + 1
            )));
        }
        if let Some(first) = seen.insert(id, index) {
            return Err(crate::model::json_error::french(format!(
                "l'identifiant « {id} » est celui de deux remarques (n° {} et n° {}) : chacune doit avoir le sien",
                first + 1,
                index + 1
            )));
        }
    }
    Ok(comments)
}

impl Review {
    /// Whether there is nothing to say: a draft never reviewed.
    pub fn is_empty(&self) -> bool {
        self == &Review::default()
    }

    /// The comments still open.
    pub fn open_comments(&self) -> impl Iterator<Item = &Comment> {
        self.comments.iter().filter(|comment| comment.is_open())
    }

    /// The comment with this identifier.
    pub fn comment(&self, id: &str) -> Option<&Comment> {
        self.comments.iter().find(|comment| comment.id == id)
    }

    /// The comment with this identifier, to change it.
    pub fn comment_mut(&mut self, id: &str) -> Option<&mut Comment> {
        self.comments.iter_mut().find(|comment| comment.id == id)
    }

    /// The identifier the next comment gets: one more than the highest
    /// `cN` in use, so identifiers are never reused, even after a removal
    /// of the last one by hand.
    pub fn next_id(&self) -> String {
        let highest = self
            .comments
            .iter()
            .filter_map(|comment| comment.id.strip_prefix('c')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("c{}", highest + 1)
    }

    /// Adds an open comment and returns its identifier.
    pub fn add_comment(
        &mut self,
        about: Subject,
        author: &str,
        date: DateTime<Utc>,
        text: &str,
    ) -> String {
        let id = self.next_id();
        self.comments.push(Comment {
            id: id.clone(),
            about,
            author: author.trim().to_owned(),
            date,
            text: text.trim().to_owned(),
            resolved: false,
            replies: Vec::new(),
        });
        id
    }

    /// Adds `comment` under a fresh identifier unless the same comment is
    /// already there; returns whether it was added.
    pub fn add_unless_present(&mut self, mut comment: Comment) -> bool {
        if let Some(existing) = self
            .comments
            .iter_mut()
            .find(|existing| existing.same_as(&comment))
        {
            // A reply written since the last import still comes in.
            for reply in comment.replies {
                if !existing.replies.contains(&reply) {
                    existing.replies.push(reply);
                }
            }
            return false;
        }
        comment.id = self.next_id();
        self.comments.push(comment);
        true
    }

    /// Moves the draft to `status`, noting who and when. Setting the
    /// status it already has changes nothing.
    pub fn set_status(&mut self, status: Status, author: &str, date: DateTime<Utc>) {
        if self.status == status {
            return;
        }
        self.status = status;
        self.history.push(StatusChange {
            status,
            author: author.trim().to_owned(),
            date,
        });
    }

    /// How many comments are open about the fields of `step` (comments
    /// about the whole draft count for the Relecture step).
    pub fn open_in_step(&self, step: crate::model::Step) -> usize {
        self.open_comments()
            .filter(|comment| comment.about.step() == step)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    fn at(hour: u32) -> DateTime<Utc> {
        use chrono::TimeZone as _;
        Utc.with_ymd_and_hms(2022, 5, 19, hour, 0, 0)
            .single()
            .expect("a valid time")
    }

    #[test]
    fn comments_get_stable_identifiers() {
        let mut review = Review::default();
        let about = Subject::Field(Field::Uo.path());
        assert_eq!(review.add_comment(about, "A", at(9), "un"), "c1");
        assert_eq!(review.add_comment(about, "A", at(10), "deux"), "c2");
        review.comments.remove(0);
        assert_eq!(review.add_comment(about, "A", at(11), "trois"), "c3");
    }

    #[test]
    fn the_same_comment_comes_in_once() {
        let mut review = Review::default();
        let about = Subject::Field(Field::Uo.path());
        review.add_comment(about, "Relectrice", at(9), "UO à confirmer");
        let mut again = review.comments[0].clone();
        again.id = "w0".into();
        again.replies.push(Reply {
            author: "DINUM".into(),
            date: at(10),
            text: "Confirmée".into(),
        });
        assert!(!review.add_unless_present(again.clone()));
        assert!(!review.add_unless_present(again));
        assert_eq!(review.comments.len(), 1);
        assert_eq!(review.comments[0].replies.len(), 1);
    }

    #[test]
    fn status_changes_are_kept_once_each() {
        let mut review = Review::default();
        assert!(review.is_empty());
        review.set_status(Status::EnRelecture, "Claire", at(9));
        review.set_status(Status::EnRelecture, "Claire", at(10));
        review.set_status(Status::Valide, "Paul", at(11));
        assert_eq!(review.history.len(), 2);
        assert_eq!(review.status, Status::Valide);
        assert!(!review.is_empty());
    }

    #[test]
    fn open_comments_are_counted_by_step() {
        let mut review = Review::default();
        review.add_comment(Field::Uo.path().into(), "A", at(9), "x");
        review.add_comment(Field::ScheduleCp.at(1).into(), "A", at(9), "y");
        review.add_comment(Subject::Document, "A", at(9), "z");
        review.comments[1].resolved = true;
        assert_eq!(review.open_in_step(crate::model::Step::Budget), 1);
        assert_eq!(review.open_in_step(crate::model::Step::Relecture), 1);
    }
}
