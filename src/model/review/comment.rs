//! A reviewer's comment on a draft, with its replies.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Subject;

/// A remark on one field, one article or the whole draft, made in the app
/// or brought back from a DOCX a reviewer commented in Word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Comment {
    /// Its identifier in this draft, stable across saves: `c1`, `c2`…
    pub id: String,
    /// What it is about: a field path, an article or `document`.
    pub about: Subject,
    /// Who wrote it.
    pub author: String,
    /// When, in UTC (`2022-05-19T14:30:00Z`).
    #[serde(with = "crate::model::date::moment")]
    #[schemars(with = "DateTime<Utc>")]
    pub date: DateTime<Utc>,
    /// What it says.
    pub text: String,
    /// Whether it has been dealt with.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub resolved: bool,
    /// The answers to it, oldest first.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::model::limits::capped"
    )]
    pub replies: Vec<Reply>,
}

/// An answer to a comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Reply {
    /// Who wrote it.
    pub author: String,
    /// When, in UTC.
    #[serde(with = "crate::model::date::moment")]
    #[schemars(with = "DateTime<Utc>")]
    pub date: DateTime<Utc>,
    /// What it says.
    pub text: String,
}

impl Comment {
    /// Whether it still waits for an answer or a change.
    pub fn is_open(&self) -> bool {
        !self.resolved
    }

    /// Whether `other` says the same thing about the same subject, by the
    /// same author at the same time: the same comment, brought in twice.
    pub fn same_as(&self, other: &Comment) -> bool {
        self.about == other.about
            && self.author.trim() == other.author.trim()
            && self.date == other.date
            && self.text.trim() == other.text.trim()
    }
}

json_object!(Comment, Reply);
