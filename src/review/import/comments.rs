//! The comments of a DOCX (`word/comments.xml`), with what Word and
//! LibreOffice add beside them: which comment answers which and which are
//! done (`commentsExtended.xml`), and their dates in UTC
//! (`commentsIds.xml` and `commentsExtensible.xml`, Word 2019+).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::package::{self, Package};
use super::xml::{attr, children, is_w, parse_date, parse_wall_date};
use super::{ImportError, body};

/// One `w:comment`, with what the other parts say of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct FileComment {
    /// Its `w:id`, which the body's comment marks name.
    pub id: String,
    /// `w:author`.
    pub author: String,
    /// Its date: the UTC one of `commentsExtensible.xml` when there is
    /// one, else `w:date` read as UTC.
    pub date: Option<DateTime<Utc>>,
    /// Its paragraphs, joined by line breaks.
    pub text: String,
    /// The comment it answers, by `w:id`.
    pub parent: Option<String>,
    /// Marked done (`w15:done`).
    pub done: bool,
}

/// The comments of the package, in the order of `comments.xml`.
pub(super) fn read(package: &Package) -> Result<Vec<FileComment>, ImportError> {
    let Some(text) = &package.comments else {
        return Ok(Vec::new());
    };
    let xml = package::parse(package::COMMENTS, text)?;
    let threads = threads(package)?;
    let utc_dates = utc_dates(package)?;
    // Each comment is known to the other parts by its last paragraph's
    // `w14:paraId`.
    let mut by_paragraph: HashMap<String, String> = HashMap::new();
    let mut comments = Vec::new();
    for node in xml
        .root_element()
        .children()
        .filter(|n| is_w(*n, "comment"))
    {
        let Some(id) = attr(node, "id") else {
            continue;
        };
        let paragraphs: Vec<_> = node.descendants().filter(|n| is_w(*n, "p")).collect();
        let text = paragraphs
            .iter()
            .map(|paragraph| body::plain_text(*paragraph).trim().to_owned())
            .collect::<Vec<_>>()
            .join("\n");
        let para_id = paragraphs.last().and_then(|p| attr(*p, "paraId"));
        let thread = para_id.and_then(|para| threads.get(para));
        if let Some(para) = para_id {
            by_paragraph.insert(para.to_owned(), id.to_owned());
        }
        let date = para_id
            .and_then(|para| utc_dates.get(para).copied())
            .or_else(|| attr(node, "date").and_then(parse_wall_date));
        comments.push((
            FileComment {
                id: id.to_owned(),
                author: attr(node, "author").unwrap_or_default().trim().to_owned(),
                date,
                text: text.trim().to_owned(),
                parent: None,
                done: thread.is_some_and(|t| t.done),
            },
            thread.and_then(|t| t.parent.clone()),
        ));
    }
    Ok(comments
        .into_iter()
        .map(|(mut comment, parent_paragraph)| {
            comment.parent = parent_paragraph
                .and_then(|para| by_paragraph.get(&para).cloned())
                .filter(|parent| parent != &comment.id);
            comment
        })
        .collect())
}

/// What `commentsExtended.xml` says of a comment.
struct Thread {
    /// The `w14:paraId` of the comment it answers.
    parent: Option<String>,
    /// Whether it is done.
    done: bool,
}

/// `commentsExtended.xml`, by the `w14:paraId` of each comment's last
/// paragraph.
fn threads(package: &Package) -> Result<HashMap<String, Thread>, ImportError> {
    let Some(text) = &package.comments_extended else {
        return Ok(HashMap::new());
    };
    let xml = package::parse(package::COMMENTS_EXTENDED, text)?;
    Ok(children(xml.root_element(), "commentEx")
        .filter_map(|node| {
            let thread = Thread {
                parent: attr(node, "paraIdParent").map(str::to_owned),
                done: matches!(attr(node, "done"), Some("1" | "true" | "on")),
            };
            Some((attr(node, "paraId")?.to_owned(), thread))
        })
        .collect())
}

/// The UTC dates of `commentsExtensible.xml`, by paragraph id through
/// `commentsIds.xml`.
fn utc_dates(package: &Package) -> Result<HashMap<String, DateTime<Utc>>, ImportError> {
    let (Some(ids), Some(extensible)) = (&package.comments_ids, &package.comments_extensible)
    else {
        return Ok(HashMap::new());
    };
    let ids = package::parse(package::COMMENTS_IDS, ids)?;
    let extensible = package::parse(package::COMMENTS_EXTENSIBLE, extensible)?;
    let dates: HashMap<&str, DateTime<Utc>> =
        children(extensible.root_element(), "commentExtensible")
            .filter_map(|node| {
                let date = parse_date(attr(node, "dateUtc")?)?;
                Some((attr(node, "durableId")?, date))
            })
            .collect();
    Ok(children(ids.root_element(), "commentId")
        .filter_map(|node| {
            let date = dates.get(attr(node, "durableId")?)?;
            Some((attr(node, "paraId")?.to_owned(), *date))
        })
        .collect())
}
