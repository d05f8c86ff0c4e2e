//! The body of a reviewed DOCX (`word/document.xml`), walked once in
//! document order: where each comment sits (the field anchors around it,
//! the words it covers, the article of the heading before it), and the
//! reviewer's tracked changes, grouped into proposals.
//!
//! The anchors are the invisible bookmarks the export puts around every
//! paragraph and table cell, named by [`FieldPath::anchor`]; Word and
//! LibreOffice keep them when they save.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use roxmltree::Node;

use super::reviewed::{Edit, Place, Remark, RemarkKind};
use super::xml::{attr, in_w, is_named, is_w, parse_wall_date};
use crate::model::{Article, FieldPath};

/// A paragraph this long or shorter is shown whole in a proposal; in a
/// longer one, the words around the change.
const SHORT_PARAGRAPH: usize = 120;
/// The words of context on each side of a change in a long paragraph.
const CONTEXT_WORDS: usize = 6;
/// The most of a comment's words kept to find the field they are about
/// (in bytes): a range that never closes would otherwise hold the rest of
/// the document.
const QUOTE_LIMIT: usize = 4096;
/// The most anchors a range opened outside any takes from inside it (a
/// reviewer's selection of a few paragraphs has a few).
const INHERITED_LIMIT: usize = 16;

/// What the body says.
#[derive(Debug, Default)]
pub(super) struct Body {
    /// Where each comment sits, by its `w:id`, with its position (in
    /// characters of text before it).
    pub places: HashMap<String, (usize, Place)>,
    /// The tracked changes, as proposals, with their positions.
    pub proposals: Vec<(usize, Remark)>,
}

/// Walks the body of `document.xml`, placing the comments of `known` ids
/// (those of `comments.xml`).
pub(super) fn read(document: &roxmltree::Document<'_>, known: &HashSet<&str>) -> Body {
    let mut walker = Walker {
        known: known.iter().map(|id| (*id).to_owned()).collect(),
        ..Walker::default()
    };
    walker.walk(document.root_element());
    // A comment whose range never closes still has its place.
    for (id, range) in std::mem::take(&mut walker.ranges) {
        let at = range.at;
        let place = range.place(&walker.read);
        walker.places.entry(id).or_insert((at, place));
    }
    Body {
        places: walker.places,
        proposals: walker.proposals,
    }
}

/// The text of a paragraph as it reads (a comment's, a heading's): its
/// `w:t`, tabs and breaks as spaces and line breaks; deleted text is not
/// read.
pub(super) fn plain_text(paragraph: Node<'_, '_>) -> String {
    let mut text = String::new();
    for node in paragraph.descendants() {
        if is_w(node, "t") {
            // Without the soft hyphens the export puts in justified text.
            text.extend(
                node.text()
                    .unwrap_or_default()
                    .chars()
                    .filter(|&c| c != '\u{ad}'),
            );
        } else if in_run(node) && (is_w(node, "tab") || is_w(node, "noBreakHyphen")) {
            text.push(if is_w(node, "tab") { ' ' } else { '-' });
        } else if in_run(node) && (is_w(node, "br") || is_w(node, "cr")) {
            text.push('\n');
        }
    }
    text
}

/// Whether `node` is directly in a run (a `w:tab` of a run, not of a
/// paragraph's tab stops).
fn in_run(node: Node<'_, '_>) -> bool {
    node.parent().is_some_and(|parent| is_w(parent, "r"))
}

/// An anchor open at the point of the walk.
#[derive(Debug)]
struct Anchor {
    /// Its `w:id`, which its `w:bookmarkEnd` names.
    id: String,
    /// The field it stands for.
    path: FieldPath,
    /// Where it opened, in characters of text.
    at: usize,
    /// Its number in the export (`_cv12_…`), to order anchors opened at
    /// the same place as the export wrote them, whatever order an editor
    /// saved them in.
    serial: usize,
    /// The how-manieth anchor opened in the walk.
    opened: usize,
}

/// A comment's range, open at the point of the walk.
#[derive(Debug)]
struct Range {
    /// The fields around its start.
    fields: Vec<FieldPath>,
    /// Whether no anchor was around its start: the anchors opened inside
    /// it then stand for it (a reviewer who selected a whole paragraph
    /// may start the range before the paragraph's anchor).
    inherit: bool,
    /// The fields whose anchors opened inside it so far.
    spanned: Vec<FieldPath>,
    /// Where its words start in [`Walker::read`], in bytes.
    quoted_from: usize,
    /// The article of the heading before it.
    article: Option<Article>,
    /// Where it starts.
    at: usize,
}

impl Range {
    /// Its place, its words being those of `read` since it started (at
    /// most [`QUOTE_LIMIT`] bytes of them).
    fn place(self, read: &str) -> Place {
        let words = read.get(self.quoted_from..).unwrap_or_default();
        let mut end = words.len().min(QUOTE_LIMIT);
        while !words.is_char_boundary(end) {
            end -= 1;
        }
        // A range over several cells of one row (a reviewer who selected
        // the row) is about the row.
        let cells: Vec<FieldPath> = self
            .fields
            .first()
            .into_iter()
            .chain(&self.spanned)
            .copied()
            .collect();
        let row = cells.first().and_then(|cell| cell.row_path());
        let one_row = cells.len() > 1
            && cells
                .iter()
                .any(|cell| Some(*cell) != cells.first().copied())
            && cells.iter().all(|cell| cell.row_path() == row);
        let fields = match row {
            Some(row) if one_row => vec![row],
            _ => self.fields,
        };
        Place {
            fields,
            quoted: words[..end].trim().to_owned(),
            article: self.article,
        }
    }
}

/// A tracked change's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    /// Inserted text (`w:ins`, `w:moveTo`).
    Inserted,
    /// Deleted text (`w:del`, `w:moveFrom`).
    Deleted,
}

/// The tracked change the walk is in.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Revision {
    change: Change,
    author: String,
    date: Option<DateTime<Utc>>,
}

/// A stretch of a paragraph's text: unchanged, or one revision.
#[derive(Debug)]
struct Segment {
    revision: Option<Revision>,
    text: String,
    /// The fields around its start.
    fields: Vec<FieldPath>,
    /// Where it starts.
    at: usize,
}

/// The state of the walk.
#[derive(Debug, Default)]
struct Walker {
    /// The ids of the comments of `comments.xml`: the ranges of others
    /// are not followed.
    known: HashSet<String>,
    anchors: Vec<Anchor>,
    /// The anchors of the current paragraph that closed where they
    /// opened (an empty table cell, an empty field's paragraph), with that
    /// place: a comment or an insertion there is about them.
    empty: Vec<(FieldPath, usize)>,
    opened: usize,
    article: Option<Article>,
    offset: usize,
    ranges: HashMap<String, Range>,
    /// The text as exported, so far (inserted words left out): the
    /// comments' ranges take their words from it.
    read: String,
    places: HashMap<String, (usize, Place)>,
    revision: Option<Revision>,
    paragraph: Vec<Segment>,
    proposals: Vec<(usize, Remark)>,
}

impl Walker {
    fn walk(&mut self, node: Node<'_, '_>) {
        if !node.is_element() {
            return;
        }
        if is_named(node, "AlternateContent") {
            // The same content twice (for this program, and for older
            // ones): read it once.
            if let Some(choice) = node.children().find(|n| n.is_element()) {
                self.walk_children(choice);
            }
            return;
        }
        if !in_w(node) {
            self.walk_children(node);
            return;
        }
        let name = node.tag_name().name();
        match name {
            "bookmarkStart" => self.open_anchor(node),
            "bookmarkEnd" => {
                if let Some(id) = attr(node, "id") {
                    let offset = self.offset;
                    let empty = &mut self.empty;
                    self.anchors.retain(|anchor| {
                        let closing = anchor.id == id;
                        if closing && anchor.at == offset {
                            empty.push((anchor.path, offset));
                        }
                        !closing
                    });
                }
            }
            "commentRangeStart" => {
                if let Some(id) = attr(node, "id")
                    && self.known.contains(id)
                {
                    let fields = self.fields();
                    self.ranges.insert(
                        id.to_owned(),
                        Range {
                            inherit: fields.is_empty(),
                            fields,
                            spanned: Vec::new(),
                            quoted_from: self.read.len(),
                            article: self.article,
                            at: self.offset,
                        },
                    );
                }
            }
            "commentRangeEnd" => {
                if let Some(id) = attr(node, "id")
                    && let Some(range) = self.ranges.remove(id)
                {
                    let at = range.at;
                    let place = range.place(&self.read);
                    self.places.insert(id.to_owned(), (at, place));
                }
            }
            "commentReference" => {
                if let Some(id) = attr(node, "id")
                    && self.known.contains(id)
                    && !self.places.contains_key(id)
                    && !self.ranges.contains_key(id)
                {
                    let place = Place {
                        fields: self.fields(),
                        quoted: String::new(),
                        article: self.article,
                    };
                    self.places.insert(id.to_owned(), (self.offset, place));
                }
            }
            // Without the soft hyphens the export puts in justified text.
            "t" | "delText" => self.text(&node.text().unwrap_or_default().replace('\u{ad}', "")),
            "tab" | "br" | "cr" if in_run(node) => self.text(" "),
            "noBreakHyphen" if in_run(node) => self.text("-"),
            "ins" | "moveTo" => self.revision(node, Change::Inserted),
            "del" | "moveFrom" => self.revision(node, Change::Deleted),
            "p" => self.paragraph(node),
            // Field codes are not text; properties (`w:rPr`, `w:pPr`…)
            // hold no text, and their `w:ins` and `w:del` only mark a
            // paragraph mark or a row.
            "instrText" | "delInstrText" => {}
            _ if name.ends_with("Pr") || name.ends_with("PrChange") => {}
            _ => self.walk_children(node),
        }
    }

    fn walk_children(&mut self, node: Node<'_, '_>) {
        for child in node.children() {
            self.walk(child);
        }
    }

    /// The fields whose anchors are open here, the innermost first: the
    /// latest opened, and of those opened at the same place, the first.
    /// Where none is open, those of the paragraph's empty anchors closed
    /// here: Word and LibreOffice put a comment on an empty cell after
    /// its bookmark, not inside.
    fn fields(&self) -> Vec<FieldPath> {
        if self.anchors.is_empty() {
            let mut fields: Vec<FieldPath> = Vec::new();
            for (path, at) in &self.empty {
                if *at == self.offset && !fields.contains(path) {
                    fields.push(*path);
                }
            }
            return fields;
        }
        let mut anchors: Vec<&Anchor> = self.anchors.iter().collect();
        anchors.sort_by(|a, b| b.at.cmp(&a.at).then(a.serial.cmp(&b.serial)));
        let mut fields: Vec<FieldPath> = Vec::new();
        for anchor in anchors {
            if !fields.contains(&anchor.path) {
                fields.push(anchor.path);
            }
        }
        fields
    }

    fn open_anchor(&mut self, node: Node<'_, '_>) {
        let (Some(id), Some(name)) = (attr(node, "id"), attr(node, "name")) else {
            return;
        };
        let Some(path) = FieldPath::from_anchor(name) else {
            return;
        };
        self.opened += 1;
        let serial = name
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .split('_')
            .next()
            .and_then(|digits| digits.parse().ok())
            .unwrap_or(self.opened);
        self.anchors.push(Anchor {
            id: id.to_owned(),
            path,
            at: self.offset,
            serial,
            opened: self.opened,
        });
        for range in self.ranges.values_mut() {
            if range.inherit
                && range.fields.len() < INHERITED_LIMIT
                && !range.fields.contains(&path)
            {
                range.fields.push(path);
            }
            if range.spanned.len() < INHERITED_LIMIT {
                range.spanned.push(path);
            }
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let inserted = self
            .revision
            .as_ref()
            .is_some_and(|r| r.change == Change::Inserted);
        if !inserted {
            // The draft has the text as exported: deleted words are its
            // words, inserted ones are not.
            self.read.push_str(text);
        }
        match self.paragraph.last_mut() {
            Some(last) if last.revision == self.revision => last.text.push_str(text),
            _ => {
                let segment = Segment {
                    revision: self.revision.clone(),
                    text: text.to_owned(),
                    fields: self.fields(),
                    at: self.offset,
                };
                self.paragraph.push(segment);
            }
        }
        self.offset += text.chars().count();
    }

    fn revision(&mut self, node: Node<'_, '_>, change: Change) {
        let outer = self.revision.clone();
        if change == Change::Deleted && outer.as_ref().is_some_and(|r| r.change == Change::Inserted)
        {
            // A reviewer's own insertion, deleted again: neither the old
            // text nor the new.
            return;
        }
        self.revision = Some(Revision {
            change,
            author: attr(node, "author").unwrap_or_default().trim().to_owned(),
            date: attr(node, "date").and_then(parse_wall_date),
        });
        self.walk_children(node);
        self.revision = outer;
    }

    fn paragraph(&mut self, node: Node<'_, '_>) {
        if is_heading(node) {
            self.article = Article::of_heading(&plain_text(node));
        }
        let outer = std::mem::take(&mut self.paragraph);
        let outer_empty = std::mem::take(&mut self.empty);
        let opened_before = self.opened;
        self.walk_children(node);
        self.empty = outer_empty;
        // The export closes every anchor in the paragraph that opens it;
        // one left open (LibreOffice 7.4 loses the end of an empty
        // bookmark when it saves) must not claim what follows.
        self.anchors.retain(|anchor| anchor.opened <= opened_before);
        let segments = std::mem::replace(&mut self.paragraph, outer);
        self.propose(&segments);
    }

    /// The proposals of a paragraph: each run of adjacent changes (a
    /// deletion and the insertion that replaces it) is one.
    fn propose(&mut self, segments: &[Segment]) {
        // The paragraph's text as exported, once, and where each segment
        // starts in it: a paragraph of many changes is read once, not once
        // a change.
        let mut old = String::new();
        let mut starts = Vec::with_capacity(segments.len() + 1);
        for segment in segments {
            starts.push(old.len());
            if segment
                .revision
                .as_ref()
                .is_none_or(|r| r.change == Change::Deleted)
            {
                old.push_str(&segment.text);
            }
        }
        starts.push(old.len());
        let paragraph = OldText {
            text: &old,
            starts: &starts,
        };
        let mut start = 0;
        while start < segments.len() {
            if self.proposals.len() > super::REMARK_LIMIT {
                // Too many to import: the caller refuses the file.
                return;
            }
            if segments[start].revision.is_none() {
                start += 1;
                continue;
            }
            let end = segments[start..]
                .iter()
                .position(|s| s.revision.is_none())
                .map_or(segments.len(), |n| start + n);
            let proposal = self.proposal(segments, start, end, &paragraph);
            self.proposals.push(proposal);
            start = end;
        }
    }

    /// The proposal of `segments[start..end]`.
    fn proposal(
        &self,
        segments: &[Segment],
        start: usize,
        end: usize,
        paragraph: &OldText<'_>,
    ) -> (usize, Remark) {
        let changed = |change: Change| -> String {
            segments[start..end]
                .iter()
                .filter(|s| s.revision.as_ref().is_some_and(|r| r.change == change))
                .map(|s| s.text.as_str())
                .collect()
        };
        let before = &paragraph.text[..paragraph.starts[start]];
        let after = &paragraph.text[paragraph.starts[end]..];
        let (old, new) = (changed(Change::Deleted), changed(Change::Inserted));
        // Counted in characters only where bytes cannot tell.
        let bytes = paragraph.text.len();
        let short = bytes <= SHORT_PARAGRAPH
            || (bytes <= 4 * SHORT_PARAGRAPH && paragraph.text.chars().count() <= SHORT_PARAGRAPH);
        let (old_shown, new_shown) = if short {
            (
                format!("{before}{old}{after}"),
                format!("{before}{new}{after}"),
            )
        } else {
            let (before, cut_before) = last_words(before, CONTEXT_WORDS);
            let (after, cut_after) = first_words(after, CONTEXT_WORDS);
            let open = if cut_before { "…" } else { "" };
            let close = if cut_after { "…" } else { "" };
            (
                format!("{open}{before}{old}{after}{close}"),
                format!("{open}{before}{new}{after}{close}"),
            )
        };
        let shown = |text: &str| match tidy(text).as_str() {
            "" => None,
            tidy => Some(format!("« {tidy} »")),
        };
        let text = format!(
            "Proposition : {} → {}",
            shown(&old_shown).unwrap_or_else(|| "(rien)".to_owned()),
            shown(&new_shown).unwrap_or_else(|| "(supprimé)".to_owned())
        );
        let first = &segments[start];
        let revision = first.revision.clone().unwrap_or(Revision {
            change: Change::Inserted,
            author: String::new(),
            date: None,
        });
        let fields = segments[start..end]
            .iter()
            .map(|s| &s.fields)
            .find(|fields| !fields.is_empty())
            .cloned()
            .unwrap_or_default();
        let edit = Edit {
            removed: tidy(&old),
            inserted: if new.trim().is_empty() {
                String::new()
            } else {
                tidy(&format!(
                    "{}{new}{}",
                    last_words(before, 1).0,
                    first_words(after, 1).0
                ))
            },
        };
        let quoted = if old.trim().is_empty() {
            last_words(before, 3).0
        } else {
            old
        };
        let remark = Remark {
            kind: RemarkKind::Proposal,
            place: Place {
                fields,
                quoted: quoted.trim().to_owned(),
                article: self.article,
            },
            author: revision.author,
            date: revision.date,
            text,
            resolved: false,
            replies: Vec::new(),
            edit: Some(edit),
        };
        (first.at, remark)
    }
}

/// A paragraph's text as exported (deleted words in, inserted ones out),
/// and where each of its segments starts in it, in bytes (one more, for
/// its end).
struct OldText<'a> {
    text: &'a str,
    starts: &'a [usize],
}

/// Whether a paragraph is a heading: a heading style (« Heading1 »,
/// « Titre1 ») or an outline level.
fn is_heading(paragraph: Node<'_, '_>) -> bool {
    let Some(properties) = paragraph.children().find(|n| is_w(*n, "pPr")) else {
        return false;
    };
    properties.children().any(|property| {
        is_w(property, "outlineLvl")
            || (is_w(property, "pStyle")
                && attr(property, "val").is_some_and(|style| {
                    let style = style.to_lowercase();
                    style.starts_with("heading") || style.starts_with("titre")
                }))
    })
}

/// The last `n` words of `text` (with the spaces before them), and
/// whether some were left out.
fn last_words(text: &str, n: usize) -> (String, bool) {
    let mut seen = 0;
    let mut in_word = false;
    for (index, c) in text.char_indices().rev() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == n {
                    return (text[index..].to_owned(), true);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    (text.to_owned(), false)
}

/// The first `n` words of `text` (with the spaces after the last one
/// left out), and whether some were left out.
fn first_words(text: &str, n: usize) -> (String, bool) {
    let mut seen = 0;
    let mut in_word = false;
    for (index, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == n {
                    let rest = &text[index..];
                    return (text[..index].to_owned(), !rest.trim().is_empty());
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    (text.to_owned(), false)
}

/// The text on one line: runs of spaces made one, ends trimmed; a lone
/// non-breaking space stays.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            if run.chars().count() == 1 && !run.contains(['\n', '\t', '\r']) {
                out.push_str(&run);
            } else {
                out.push(' ');
            }
            run.clear();
        }
        out.push(c);
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_words() {
        assert_eq!(
            last_words("un deux trois quatre ", 2),
            (" trois quatre ".to_owned(), true)
        );
        assert_eq!(last_words("un deux", 5), ("un deux".to_owned(), false));
        assert_eq!(
            first_words(" un deux trois", 2),
            (" un deux".to_owned(), true)
        );
        assert_eq!(first_words("un deux ", 2), ("un deux".to_owned(), false));
        assert_eq!(tidy("  a \u{a0}b\n c\u{a0}d "), "a b c\u{a0}d");
    }
}
