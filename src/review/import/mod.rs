//! The Word round trip: what a reviewer did to an exported DOCX in Word or
//! LibreOffice (comments, their replies, tracked changes), brought back
//! into the draft as its review comments, each on the field of the
//! invisible anchor it sits in. Tracked changes become proposals, never
//! applied.
//!
//! Two steps, so that the app can read the file, then ask: [`read_review`]
//! reads the DOCX alone; [`import`] matches it to a draft and adds what is
//! not there yet.

mod body;
mod comments;
mod error;
pub(crate) mod package;
mod reviewed;
mod summary;
pub(crate) mod xml;

pub use error::ImportError;
pub use reviewed::{Edit, Place, Remark, RemarkKind, RemarkReply, ReviewedDocx};
pub use summary::{ImportSummary, Undated};

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::model::review::{Comment, Reply, Review, Subject};
use crate::model::{Draft, FieldPath};
use package::Package;
use xml::{attr, is_named, parse_date};

/// The name of the DOCX property that holds the hash of the draft it was
/// exported from.
pub const HASH_PROPERTY: &str = crate::document::DRAFT_HASH_PROPERTY;

/// The most comments and tracked changes a DOCX may bring (a convention's
/// review makes some dozens): each is compared with the draft's comments,
/// so a file with many more is refused rather than imported for minutes.
pub const REMARK_LIMIT: usize = 5_000;

/// The author given to a remark whose file names none.
const NO_AUTHOR: &str = "(auteur inconnu)";

/// Reads what a reviewer did to a DOCX: its comments with their replies,
/// its tracked changes as proposals, each with its place; and the hash of
/// the draft it was exported from.
pub fn read_review(bytes: &[u8]) -> Result<ReviewedDocx, ImportError> {
    let package = Package::read(bytes)?;
    let document = package::parse(package::DOCUMENT, &package.document)?;
    let comments = comments::read(&package)?;
    if comments.len() > REMARK_LIMIT {
        return Err(ImportError::TooMany {
            limit: REMARK_LIMIT,
        });
    }

    let known: HashSet<&str> = comments.iter().map(|c| c.id.as_str()).collect();
    let body = body::read(&document, &known);
    // A reply is kept with the comment its thread starts from.
    let index: HashMap<&str, usize> = comments
        .iter()
        .enumerate()
        .rev()
        .map(|(at, comment)| (comment.id.as_str(), at))
        .collect();
    let root_of = |at: usize| -> usize {
        let mut current = at;
        // A bound on the chain: a loop of answers has no root.
        for _ in 0..comments.len() {
            match comments[current]
                .parent
                .as_deref()
                .and_then(|parent| index.get(parent))
            {
                Some(&parent) => current = parent,
                None => break,
            }
        }
        current
    };
    let mut replies_of: HashMap<usize, Vec<RemarkReply>> = HashMap::new();
    for (at, reply) in comments.iter().enumerate() {
        if reply.parent.is_some() {
            replies_of
                .entry(root_of(at))
                .or_default()
                .push(RemarkReply {
                    author: reply.author.clone(),
                    date: reply.date,
                    text: reply.text.clone(),
                });
        }
    }
    let mut placed: Vec<(usize, Remark)> = Vec::new();
    for (at, comment) in comments.iter().enumerate() {
        if comment.parent.is_some() {
            continue;
        }
        let replies = replies_of.remove(&at).unwrap_or_default();
        let (at, place) = body
            .places
            .get(&comment.id)
            .cloned()
            .unwrap_or((usize::MAX, Place::default()));
        placed.push((
            at,
            Remark {
                kind: RemarkKind::Comment,
                place,
                author: comment.author.clone(),
                date: comment.date,
                text: comment.text.clone(),
                resolved: comment.done,
                replies,
                edit: None,
            },
        ));
    }
    placed.extend(body.proposals);
    if placed.len() > REMARK_LIMIT {
        return Err(ImportError::TooMany {
            limit: REMARK_LIMIT,
        });
    }
    // Stable: a comment comes before a change at the same place.
    placed.sort_by_key(|(at, _)| *at);

    Ok(ReviewedDocx {
        draft_hash: draft_hash(&package)?,
        saved: saved(&package)?,
        remarks: placed.into_iter().map(|(_, remark)| remark).collect(),
    })
}

/// The « Empreinte du brouillon » of `docProps/custom.xml`.
fn draft_hash(package: &Package) -> Result<Option<String>, ImportError> {
    let Some(text) = &package.custom else {
        return Ok(None);
    };
    let xml = package::parse(package::CUSTOM, text)?;
    Ok(xml
        .root_element()
        .children()
        .filter(|n| is_named(*n, "property"))
        .find(|n| attr(*n, "name").is_some_and(|name| name.trim() == HASH_PROPERTY))
        .and_then(|property| property.children().find(|n| n.is_element()))
        .and_then(|value| value.text())
        .map(|hash| hash.trim().to_owned())
        .filter(|hash| !hash.is_empty()))
}

/// When the file was last saved (`dcterms:modified` of `docProps/core.xml`).
fn saved(package: &Package) -> Result<Option<DateTime<Utc>>, ImportError> {
    let Some(text) = &package.core else {
        return Ok(None);
    };
    let xml = package::parse(package::CORE, text)?;
    Ok(xml
        .root_element()
        .children()
        .find(|n| is_named(*n, "modified"))
        .and_then(|n| n.text())
        .and_then(parse_date))
}

/// Adds to the draft's review what the reviewed DOCX has and the draft
/// lacks: each comment on the field it sits in, each tracked change as a
/// proposal. A DOCX exported from another draft, or not by this program,
/// is refused unless `force`. Importing the same file twice adds nothing;
/// replies written since the last import still come in.
pub fn import(
    draft: &mut Draft,
    reviewed: &ReviewedDocx,
    force: bool,
) -> Result<ImportSummary, ImportError> {
    let expected = crate::document::draft_hash(draft);
    let refusal = match &reviewed.draft_hash {
        None => Some(ImportError::NoHash { expected }),
        Some(found) if *found != expected => Some(ImportError::OtherDraft {
            found: found.clone(),
            expected,
        }),
        Some(_) => None,
    };
    let mut summary = ImportSummary::default();
    if let Some(refusal) = refusal {
        if !force {
            return Err(refusal);
        }
        summary.forced = true;
    }
    let undated_as = match reviewed.saved {
        Some(saved) => Undated::Saved(saved),
        None => Undated::Imported(Utc::now()),
    };
    let (fallback, stable) = match undated_as {
        Undated::Saved(date) => (date, true),
        Undated::Imported(date) => (date, false),
    };
    // The draft's comments as an export writes them, to know them when
    // they come back: once, not once a remark of the file.
    let mut exported: HashMap<(String, DateTime<Utc>, String), usize> = HashMap::new();
    for (index, known) in draft.review.comments.iter().enumerate() {
        let key = (
            as_exported(&known.author),
            known.date,
            as_exported(&known.text),
        );
        exported.entry(key).or_insert(index);
    }
    let mut undated = 0;
    for remark in &reviewed.remarks {
        if already_made(remark, draft) {
            summary.made += 1;
            continue;
        }
        undated += usize::from(remark.date.is_none())
            + remark.replies.iter().filter(|r| r.date.is_none()).count();
        let mut comment = Comment {
            id: String::new(),
            about: subject(&remark.place, draft),
            author: author(&remark.author),
            date: remark.date.unwrap_or(fallback),
            text: remark.text.trim().to_owned(),
            resolved: remark.resolved,
            replies: remark
                .replies
                .iter()
                .map(|reply| Reply {
                    author: author(&reply.author),
                    date: reply.date.unwrap_or(fallback),
                    text: reply.text.trim().to_owned(),
                })
                .collect(),
        };
        if remark.date.is_some()
            && let Some(known) = exported
                .get(&(comment.author.clone(), comment.date, comment.text.clone()))
                .and_then(|index| draft.review.comments.get(*index))
        {
            // A comment of the draft, exported with it (`export
            // --comments`) and brought back: the draft knows better what
            // it is about than the paragraph it was put around, and what
            // it says (the characters XML cannot carry, which the export
            // left out).
            comment.about = known.about;
            comment.author = known.author.trim().to_owned();
            comment.text = known.text.trim().to_owned();
            for reply in &mut comment.replies {
                if let Some(same) = known.replies.iter().find(|r| {
                    as_exported(&r.author) == reply.author
                        && r.date == reply.date
                        && as_exported(&r.text) == reply.text
                }) {
                    *reply = same.clone();
                }
            }
        }
        let about = comment.about;
        let done = comment.resolved;
        let same = comment.clone();
        let replies_before = reply_count(&draft.review);
        // A date made up at the time of the import would make the same
        // remark new at each import: such remarks are matched without it.
        let loose =
            !stable && (remark.date.is_none() || remark.replies.iter().any(|r| r.date.is_none()));
        let added = if loose {
            add_loosely(&mut draft.review, comment, remark)
        } else {
            draft.review.add_unless_present(comment)
        };
        if added {
            match remark.kind {
                RemarkKind::Comment => summary.comments += 1,
                RemarkKind::Proposal => summary.proposals += 1,
            }
            summary.added_at(place_name(about, draft));
        } else {
            summary.already += 1;
            summary.replies += reply_count(&draft.review) - replies_before;
            // Marked done by the reviewer since: resolved here too.
            if done
                && let Some(known) = draft
                    .review
                    .comments
                    .iter_mut()
                    .find(|known| known.is_open() && known.same_as(&same))
            {
                known.resolved = true;
                summary.resolved += 1;
            }
        }
    }
    if undated > 0 {
        summary.undated = Some((undated, undated_as));
    }
    Ok(summary)
}

/// Whether a remark is a tracked change the draft already has: one of a
/// redline export (`export --against`), not a reviewer's. Its fields'
/// values lack the words it deletes and have the words it inserts, in
/// place.
fn already_made(remark: &Remark, draft: &Draft) -> bool {
    let Some(edit) = &remark.edit else {
        return false;
    };
    // Words, not the punctuation of the text around the field.
    let words = |text: &str| {
        comparable(text)
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_owned()
    };
    let (removed, inserted) = (words(&edit.removed), words(&edit.inserted));
    if remark.place.fields.is_empty() || (removed.is_empty() && inserted.is_empty()) {
        return false;
    }
    let values: Vec<String> = remark
        .place
        .fields
        .iter()
        .map(|path| comparable(&super::diff::value(draft, *path)))
        .collect();
    let gone = removed.is_empty() || values.iter().all(|value| !value.contains(&removed));
    let there = inserted.is_empty() || values.iter().any(|value| value.contains(&inserted));
    gone && there
}

/// A draft's text as an export writes it (without the characters XML
/// cannot carry) and an import reads it back (trimmed).
fn as_exported(text: &str) -> String {
    crate::export::xml::xml_safe(text.trim()).trim().to_owned()
}

/// `author`, or a word for nobody.
fn author(author: &str) -> String {
    match author.trim() {
        "" => NO_AUTHOR.to_owned(),
        author => author.to_owned(),
    }
}

/// How many replies the review holds.
fn reply_count(review: &Review) -> usize {
    review.comments.iter().map(|c| c.replies.len()).sum()
}

/// Adds `comment` unless the review has it, comparing the dates only
/// where the file gave them.
fn add_loosely(review: &mut Review, comment: Comment, remark: &Remark) -> bool {
    let same = |existing: &Comment| {
        existing.about == comment.about
            && existing.author.trim() == comment.author.trim()
            && existing.text.trim() == comment.text.trim()
            && (remark.date.is_none() || existing.date == comment.date)
    };
    let Some(existing) = review.comments.iter_mut().find(|c| same(c)) else {
        return review.add_unless_present(comment);
    };
    for (reply, read) in comment.replies.into_iter().zip(&remark.replies) {
        let present = existing.replies.iter().any(|r| {
            r.author == reply.author
                && r.text == reply.text
                && (read.date.is_none() || r.date == reply.date)
        });
        if !present {
            existing.replies.push(reply);
        }
    }
    false
}

/// What a remark at `place` is about: the field of the anchor around it
/// (of several, the one whose value holds the words it is about, else the
/// innermost), else the article of the heading before it, else the whole
/// draft.
pub fn subject(place: &Place, draft: &Draft) -> Subject {
    let mut fields: Vec<FieldPath> = Vec::new();
    for path in place.fields.iter().map(|path| in_draft(*path, draft)) {
        if !fields.contains(&path) {
            fields.push(path);
        }
    }
    let place = &Place {
        fields,
        ..place.clone()
    };
    best_field(place, draft).map_or_else(
        || place.article.map_or(Subject::Document, Subject::Article),
        Subject::Field,
    )
}

/// `path`, or for a row the draft does not have (an anchor renamed by
/// hand, a row removed since the export), the list it would be in.
fn in_draft(path: FieldPath, draft: &Draft) -> FieldPath {
    match (path.row(), path.field().list()) {
        (Some(row), Some(list)) if row >= draft.row_count(list) => list.path(),
        _ => path,
    }
}

/// Of the fields around a place, the one it is about.
fn best_field(place: &Place, draft: &Draft) -> Option<FieldPath> {
    let quoted = comparable(&place.quoted);
    if !quoted.is_empty() && place.fields.len() > 1 {
        let values: Vec<(FieldPath, String)> = place
            .fields
            .iter()
            .map(|path| (*path, comparable(&super::diff::value(draft, *path))))
            .collect();
        let holding = values
            .iter()
            .find(|(_, value)| !value.is_empty() && value.contains(&quoted));
        let held = values
            .iter()
            .find(|(_, value)| !value.is_empty() && quoted.contains(value.as_str()));
        if let Some((path, _)) = holding.or(held) {
            return Some(*path);
        }
    }
    place.fields.first().copied()
}

/// Text as compared with a field's value: lower case, one space between
/// words, typographic apostrophes made plain.
fn comparable(text: &str) -> String {
    text.to_lowercase()
        .replace(['’', 'ʼ'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name of a subject in the summary: a field's label, an article's
/// short name.
fn place_name(about: Subject, draft: &Draft) -> String {
    match about {
        Subject::Field(path) => path.label_in(draft),
        Subject::Article(article) => article.name(),
        Subject::Document => summary::WHOLE_DRAFT.to_owned(),
    }
}

#[cfg(test)]
mod tests;
