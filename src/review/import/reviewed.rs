//! What a reviewer did to an exported DOCX, as read from the file: its
//! comments and tracked changes, each with the place it sits in, before
//! they are matched to a draft's fields.

use chrono::{DateTime, Utc};

use crate::model::{Article, FieldPath};

/// A DOCX a reviewer sent back, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewedDocx {
    /// The « Empreinte du brouillon » property of the file: the hash of
    /// the draft it was exported from; `None` for a DOCX that is not one
    /// of our exports.
    pub draft_hash: Option<String>,
    /// When the file was last saved (its `dcterms:modified`), if it says.
    pub saved: Option<DateTime<Utc>>,
    /// The comments and the proposals, in the order of the document.
    pub remarks: Vec<Remark>,
}

/// A comment or a tracked change of the reviewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remark {
    /// A comment or a proposal.
    pub kind: RemarkKind,
    /// Where it sits in the document.
    pub place: Place,
    /// Who made it (empty when the file does not say).
    pub author: String,
    /// When, read as UTC; `None` when the file does not say.
    pub date: Option<DateTime<Utc>>,
    /// What it says: a comment's paragraphs joined by line breaks, or
    /// « Proposition : « ancien » → « nouveau » ».
    pub text: String,
    /// Whether the reviewer marked it done.
    pub resolved: bool,
    /// The answers to a comment, in the order of the file.
    pub replies: Vec<RemarkReply>,
    /// For a proposal, what the change takes out and puts in.
    pub edit: Option<Edit>,
}

/// What a tracked change takes out and puts in, to tell a reviewer's
/// change from one the draft already has (a redline export's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edit {
    /// The words deleted.
    pub removed: String,
    /// The words inserted, with the word before and the word after them.
    pub inserted: String,
}

/// What a remark is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemarkKind {
    /// A comment (`w:comment`).
    Comment,
    /// A tracked change (`w:ins`, `w:del`), to be proposed, not applied.
    Proposal,
}

/// An answer to a comment, as read from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemarkReply {
    /// Who wrote it.
    pub author: String,
    /// When, read as UTC; `None` when the file does not say.
    pub date: Option<DateTime<Utc>>,
    /// What it says.
    pub text: String,
}

/// Where a remark sits in the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The fields whose anchors enclose it, the innermost first.
    pub fields: Vec<FieldPath>,
    /// The text it is about: the commented words, or the words a change
    /// takes out (or, for a mere insertion, the words before it).
    pub quoted: String,
    /// The article of the nearest heading before it.
    pub article: Option<Article>,
}
