//! The redline: the new version's document with every difference from the
//! old one as a tracked change, built on the document tree so that the DOCX
//! writer, the PDF writer and the preview all show it.
//!
//! Blocks are aligned first (identical paragraphs by their text, then the
//! others paired by likeness), then, inside a pair, table rows (by the row
//! of the draft they were rendered from, matched by [`super::rows`]),
//! cells, list items and signature lines; paired paragraphs are compared
//! word by word with `similar`. Accepting every change gives the new
//! version's document exactly, rejecting every change the old one's
//! ([`Document::accepted`], [`Document::rejected`]).

use std::collections::HashMap;
use std::ops::Range;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use super::diff::{self, Change};
use super::rows::{RowPair, likeness};
use crate::document::{
    self, Block, Cell, Document, Inline, Paragraph, RenderError, RenderOptions, Revision, Row,
    Style, Table,
};
use crate::model::field::{FIELDS, Kind};
use crate::model::{Article, Draft, Field, FieldPath};

/// Below this likeness (0 to 1, by words) two paragraphs are not one
/// paragraph reworded, but one deleted and another inserted.
const SAME_PARAGRAPH: f32 = 0.35;

/// Who signs the tracked changes, and when.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attribution {
    /// The author Word shows beside each change.
    pub author: String,
    /// Their date, `YYYY-MM-DDTHH:MM:SSZ`; empty for none (Word then shows
    /// no date).
    pub date: String,
}

impl Attribution {
    /// The author given, or « Convention »; the date given, which is the
    /// time the new version was saved (see [`saved_at`]), never the clock,
    /// so that the same files give the same redline.
    pub fn new(author: Option<&str>, date: Option<String>) -> Self {
        Self {
            author: author
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .unwrap_or("Convention")
                .to_owned(),
            date: date.unwrap_or_default(),
        }
    }
}

/// When a draft's file was last written, in UTC, as tracked changes date
/// themselves: the time its changes were made.
pub fn saved_at(file: &std::path::Path) -> Option<String> {
    let modified = std::fs::metadata(file).ok()?.modified().ok()?;
    let time: chrono::DateTime<chrono::Utc> = modified.into();
    Some(time.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// For each list of the draft, the new index of each old row kept.
#[derive(Clone, Debug, Default)]
pub struct RowMap {
    kept: HashMap<(Field, usize), usize>,
}

impl RowMap {
    /// The rows of every list of `old` matched with those of `new`.
    pub fn of(old: &Draft, new: &Draft) -> Self {
        let mut kept = HashMap::new();
        let lists = FIELDS.iter().filter(|info| info.kind == Kind::List);
        for list in lists.map(|info| info.field) {
            for pair in diff::pairs(old, new, list) {
                if let RowPair::Both { old, new, .. } = pair {
                    kept.insert((list, old), new);
                }
            }
        }
        Self { kept }
    }

    /// Whether a field of the old draft and one of the new are the same
    /// field: the same value, or the same column of rows matched.
    fn same_field(&self, old: FieldPath, new: FieldPath) -> bool {
        match (old.row(), old.field().list()) {
            (Some(index), Some(list)) => {
                old.field() == new.field()
                    && self
                        .new_index(list, index)
                        .is_some_and(|i| Some(i) == new.row())
            }
            _ => old == new,
        }
    }

    /// Where row `index` of `list` in the old draft is in the new one.
    fn new_index(&self, list: Field, index: usize) -> Option<usize> {
        self.kept.get(&(list, index)).copied()
    }
}

/// Renders both drafts with the same template and returns the new one's
/// document with the changes from the old one tracked.
pub fn redline_drafts(
    old: &Draft,
    new: &Draft,
    options: &RenderOptions,
    attribution: &Attribution,
) -> Result<Document, RenderError> {
    let before = document::render(old, options)?;
    let after = document::render(new, options)?;
    let mut document = redline(&before, &after, &RowMap::of(old, new));
    document
        .meta
        .revision_author
        .clone_from(&attribution.author);
    document.meta.revision_date.clone_from(&attribution.date);
    Ok(document)
}

/// The new document with its differences from the old one as tracked
/// changes; `rows` says which rows of the drafts' lists are the same.
pub fn redline(old: &Document, new: &Document, rows: &RowMap) -> Document {
    let mut blocks = Vec::with_capacity(new.blocks.len());
    let alike = |a: &Block, b: &Block| block_likeness(a, b, rows);
    for step in align(&old.blocks, &new.blocks, block_key, alike) {
        match step {
            Aligned::Both(o, n) => {
                blocks.extend(merge_blocks(&old.blocks[o], &new.blocks[n], rows))
            }
            Aligned::Old(o) => blocks.extend(marked_block(&old.blocks[o], Revision::Deleted)),
            Aligned::New(n) => blocks.extend(marked_block(&new.blocks[n], Revision::Inserted)),
        }
    }
    Document {
        meta: new.meta.clone(),
        blocks,
    }
}

/// One step of an alignment of two sequences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Aligned {
    /// An old item and the new item it became.
    Both(usize, usize),
    /// An old item with no counterpart.
    Old(usize),
    /// A new item with no counterpart.
    New(usize),
}

/// Aligns two sequences: items with equal keys in the longest common run,
/// then, among those left between two such runs, pairs whose likeness is
/// given (`Some`), in order, the most alike first.
fn align<T, K: Eq + std::hash::Hash>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
    alike: impl Fn(&T, &T) -> Option<f32>,
) -> Vec<Aligned> {
    let old_keys: Vec<K> = old.iter().map(&key).collect();
    let new_keys: Vec<K> = new.iter().map(&key).collect();
    align_keys(&old_keys, &new_keys, |o, n| alike(&old[o], &new[n]))
}

/// [`align`] over keys already known; `alike` takes an old and a new index.
fn align_keys<K: Eq + std::hash::Hash>(
    old_keys: &[K],
    new_keys: &[K],
    alike: impl Fn(usize, usize) -> Option<f32>,
) -> Vec<Aligned> {
    let mut out = Vec::with_capacity(old_keys.len().max(new_keys.len()));
    for op in capture_diff_slices(Algorithm::Myers, old_keys, new_keys) {
        let (tag, olds, news) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            out.extend(olds.zip(news).map(|(o, n)| Aligned::Both(o, n)));
        } else {
            pair_range(olds, news, &alike, &mut out);
        }
    }
    out
}

/// Pairs, in order, the items of a range that differ: each new item with
/// the most alike old item not passed yet. Old items passed over are
/// deleted, and come before the new items inserted at the same place.
fn pair_range(
    olds: Range<usize>,
    news: Range<usize>,
    alike: &impl Fn(usize, usize) -> Option<f32>,
    out: &mut Vec<Aligned>,
) {
    let mut next_old = olds.start;
    let mut inserted = Vec::new();
    for n in news {
        let best = (next_old..olds.end)
            .filter_map(|o| alike(o, n).map(|score| (o, score)))
            .fold(None, |best: Option<(usize, f32)>, (o, score)| match best {
                Some((_, top)) if top >= score => best,
                _ => Some((o, score)),
            });
        match best {
            Some((o, _)) => {
                out.extend((next_old..o).map(Aligned::Old));
                out.append(&mut inserted);
                out.push(Aligned::Both(o, n));
                next_old = o + 1;
            }
            None => inserted.push(Aligned::New(n)),
        }
    }
    out.extend((next_old..olds.end).map(Aligned::Old));
    out.append(&mut inserted);
}

/// What makes two blocks the same at first sight.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum BlockKey {
    Title(String),
    Heading(u8, String),
    Paragraph(String),
    List,
    Table(usize, String),
    Signatures(usize),
    PageBreak,
}

fn block_key(block: &Block) -> BlockKey {
    match block {
        Block::Title(paragraph) => BlockKey::Title(paragraph.text()),
        Block::Heading { level, text } => BlockKey::Heading(*level, text.text()),
        Block::Paragraph(paragraph) => BlockKey::Paragraph(paragraph.text()),
        Block::List(_) => BlockKey::List,
        Block::Table(table) => BlockKey::Table(
            columns(table),
            table.rows.first().map(row_text).unwrap_or_default(),
        ),
        Block::Signatures(columns) => BlockKey::Signatures(columns.len()),
        Block::PageBreak => BlockKey::PageBreak,
    }
}

/// How alike two blocks are, when they may be one block changed.
fn block_likeness(old: &Block, new: &Block, rows: &RowMap) -> Option<f32> {
    match (old, new) {
        (Block::Title(a), Block::Title(b)) => Some(1.0 + likeness(&a.text(), &b.text())),
        (Block::Heading { level: la, text: a }, Block::Heading { level: lb, text: b })
            if la == lb =>
        {
            paragraph_likeness(a, b, rows)
        }
        (Block::Paragraph(a), Block::Paragraph(b)) => paragraph_likeness(a, b, rows),
        (Block::List(_), Block::List(_)) | (Block::PageBreak, Block::PageBreak) => Some(1.0),
        (Block::Table(a), Block::Table(b)) if columns(a) == columns(b) => Some(1.0),
        (Block::Signatures(a), Block::Signatures(b)) if a.len() == b.len() => Some(1.0),
        _ => None,
    }
}

/// How alike two paragraphs are: by their words, with a bonus for being
/// rendered from the same fields (the same rows of the draft's lists, as
/// `rows` matches them: after a swap, the same place is another row).
fn paragraph_likeness(old: &Paragraph, new: &Paragraph, rows: &RowMap) -> Option<f32> {
    let words = likeness(&old.text(), &new.text());
    let same_fields = !new.source.is_empty()
        && old.source.len() == new.source.len()
        && old
            .source
            .iter()
            .zip(&new.source)
            .all(|(before, after)| rows.same_field(*before, *after));
    let score = words + if same_fields { 0.5 } else { 0.0 };
    (score >= SAME_PARAGRAPH).then_some(score)
}

fn columns(table: &Table) -> usize {
    table
        .rows
        .iter()
        .map(|row| row.cells.len())
        .max()
        .unwrap_or(0)
        .max(table.widths.len())
}

fn row_text(row: &Row) -> String {
    let cells: Vec<String> = row.cells.iter().map(Cell::text).collect();
    cells.join(" | ")
}

/// Two blocks found to be one block changed, as one block with its
/// changes; a pair that cannot be merged (a table whose columns changed)
/// is the old block deleted and the new one inserted.
fn merge_blocks(old: &Block, new: &Block, rows: &RowMap) -> Vec<Block> {
    if old == new {
        return vec![new.clone()];
    }
    match (old, new) {
        (Block::Title(a), Block::Title(b)) => vec![Block::Title(merge_paragraphs(a, b))],
        (Block::Heading { text: a, .. }, Block::Heading { level, text: b }) => {
            vec![Block::Heading {
                level: *level,
                text: merge_paragraphs(a, b),
            }]
        }
        (Block::Paragraph(a), Block::Paragraph(b)) => {
            vec![Block::Paragraph(merge_paragraphs(a, b))]
        }
        (Block::List(a), Block::List(b)) => vec![Block::List(merge_paragraph_lists(a, b, rows))],
        (Block::Table(a), Block::Table(b)) if columns(a) == columns(b) => {
            vec![Block::Table(merge_tables(a, b, rows))]
        }
        (Block::Signatures(a), Block::Signatures(b)) if a.len() == b.len() => {
            vec![Block::Signatures(
                a.iter()
                    .zip(b)
                    .map(|(a, b)| merge_paragraph_lists(a, b, rows))
                    .collect(),
            )]
        }
        (Block::PageBreak, Block::PageBreak) => vec![Block::PageBreak],
        _ => marked_block(old, Revision::Deleted)
            .into_iter()
            .chain(marked_block(new, Revision::Inserted))
            .collect(),
    }
}

/// A block inserted or deleted whole. A page break is not text: a deleted
/// one goes, an inserted one stays.
fn marked_block(block: &Block, revision: Revision) -> Option<Block> {
    let mark = |paragraph: &Paragraph| marked_paragraph(paragraph, revision);
    Some(match block {
        Block::Title(paragraph) => Block::Title(mark(paragraph)),
        Block::Heading { level, text } => Block::Heading {
            level: *level,
            text: mark(text),
        },
        Block::Paragraph(paragraph) => Block::Paragraph(mark(paragraph)),
        Block::List(items) => Block::List(items.iter().map(mark).collect()),
        Block::Table(table) => Block::Table(Table {
            rows: table
                .rows
                .iter()
                .map(|row| marked_row(row, revision))
                .collect(),
            ..table.clone()
        }),
        Block::Signatures(columns) => Block::Signatures(
            columns
                .iter()
                .map(|column| column.iter().map(mark).collect())
                .collect(),
        ),
        Block::PageBreak => match revision {
            Revision::Inserted => Block::PageBreak,
            Revision::Deleted => return None,
        },
    })
}

/// A paragraph inserted or deleted whole, its mark included.
fn marked_paragraph(paragraph: &Paragraph, revision: Revision) -> Paragraph {
    let content = if paragraph.content.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Revised {
            revision,
            content: paragraph.content.clone(),
        }]
    };
    Paragraph {
        content,
        revision: Some(revision),
        ..paragraph.clone()
    }
}

fn marked_row(row: &Row, revision: Revision) -> Row {
    Row {
        cells: row
            .cells
            .iter()
            .map(|cell| Cell {
                paragraphs: cell
                    .paragraphs
                    .iter()
                    .map(|paragraph| marked_paragraph(paragraph, revision))
                    .collect(),
                source: cell.source.clone(),
            })
            .collect(),
        revision: Some(revision),
    }
}

/// Two lists of paragraphs (list items, a cell's paragraphs, a signature
/// column) merged: kept, changed, inserted and deleted paragraphs.
fn merge_paragraph_lists(old: &[Paragraph], new: &[Paragraph], rows: &RowMap) -> Vec<Paragraph> {
    // One paragraph on each side (a cell's text, most often) is one
    // paragraph changed, however much.
    if let ([before], [after]) = (old, new) {
        return vec![merge_paragraphs(before, after)];
    }
    align(old, new, Paragraph::text, |a, b| {
        paragraph_likeness(a, b, rows)
    })
    .into_iter()
    .map(|step| match step {
        Aligned::Both(o, n) => merge_paragraphs(&old[o], &new[n]),
        Aligned::Old(o) => marked_paragraph(&old[o], Revision::Deleted),
        Aligned::New(n) => marked_paragraph(&new[n], Revision::Inserted),
    })
    .collect()
}

/// What identifies a table row: the draft's row it shows, else its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum RowKey {
    /// A row of a list of the draft, by its index in the new draft.
    Listed(Field, usize),
    /// A row of a list that only the old draft has.
    Gone(Field, usize),
    /// Any other row (headers, totals), by its first cell.
    Text(String),
}

/// The row of the draft a table row was rendered from, when all its
/// fields belong to one.
fn listed_row(row: &Row) -> Option<FieldPath> {
    let source = row.source();
    let first = source.first()?.row_path()?;
    source
        .iter()
        .all(|path| path.row_path() == Some(first))
        .then_some(first)
}

fn merge_tables(old: &Table, new: &Table, rows: &RowMap) -> Table {
    // A row of one of the draft's lists is known by its index in the new
    // draft (an old row by the index the row matching gives it); another
    // row by its first cell.
    let key = |row: &Row, old_side: bool| match listed_row(row) {
        Some(path) => {
            let list = path.field().list().unwrap_or(path.field());
            let index = path.row().unwrap_or(0);
            if !old_side {
                RowKey::Listed(list, index)
            } else if let Some(new_index) = rows.new_index(list, index) {
                RowKey::Listed(list, new_index)
            } else {
                RowKey::Gone(list, index)
            }
        }
        None => RowKey::Text(row.cells.first().map(Cell::text).unwrap_or_default()),
    };
    let old_keys: Vec<RowKey> = old.rows.iter().map(|row| key(row, true)).collect();
    let new_keys: Vec<RowKey> = new.rows.iter().map(|row| key(row, false)).collect();
    // Rows of the draft's lists are matched by the draft; other rows, which
    // the template writes, may be reworded.
    let alike = |o: usize, n: usize| -> Option<f32> {
        match (&old_keys[o], &new_keys[n]) {
            (RowKey::Text(_), RowKey::Text(_)) => {
                let score = likeness(&row_text(&old.rows[o]), &row_text(&new.rows[n]));
                (score >= super::rows::SAME_ROW).then_some(score)
            }
            _ => None,
        }
    };
    let mut merged = Vec::with_capacity(new.rows.len());
    let mut header_rows = 0;
    let mut in_header = true;
    for step in align_keys(&old_keys, &new_keys, alike) {
        let (row, header) = match step {
            Aligned::Both(o, n) => (
                merge_rows(&old.rows[o], &new.rows[n], rows),
                n < new.header_rows,
            ),
            Aligned::Old(o) => (
                marked_row(&old.rows[o], Revision::Deleted),
                o < old.header_rows,
            ),
            Aligned::New(n) => (
                marked_row(&new.rows[n], Revision::Inserted),
                n < new.header_rows,
            ),
        };
        if in_header && header {
            header_rows += 1;
        } else {
            in_header = false;
        }
        merged.push(row);
    }
    Table {
        widths: new.widths.clone(),
        aligns: new.aligns.clone(),
        header_rows,
        rows: merged,
    }
}

fn merge_rows(old: &Row, new: &Row, rows: &RowMap) -> Row {
    if old == new {
        return new.clone();
    }
    let empty = Cell::default();
    Row {
        cells: new
            .cells
            .iter()
            .enumerate()
            .map(|(index, cell)| {
                let before = old.cells.get(index).unwrap_or(&empty);
                Cell {
                    paragraphs: merge_paragraph_lists(&before.paragraphs, &cell.paragraphs, rows),
                    source: cell.source.clone(),
                }
            })
            .collect(),
        revision: None,
    }
}

/// A piece of a paragraph as words are compared: a word, a run of spaces
/// or one punctuation mark, in its style; or a link, a note, a line break
/// whole.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Token {
    Text(String, Style),
    Whole(Inline),
}

impl Token {
    /// Spaces and punctuation: an island of them between two changes is
    /// better shown as part of the change.
    fn is_filler(&self) -> bool {
        match self {
            Token::Text(text, _) => !text.chars().any(char::is_alphanumeric),
            Token::Whole(Inline::LineBreak) => true,
            Token::Whole(_) => false,
        }
    }
}

/// Whether a character belongs to a word: letters, digits, and the
/// apostrophes and hyphens inside words (« l'atelier », « 0105-CRES-DNUM »).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

fn tokens(inlines: &[Inline]) -> Vec<Token> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => {
                let chars: Vec<char> = text.chars().collect();
                let mut current = String::new();
                let mut current_kind = None;
                for (index, &c) in chars.iter().enumerate() {
                    // « 30 000 » is one number: the space between its
                    // groups of digits is part of it.
                    let in_number = matches!(c, '\u{202f}' | '\u{a0}' | ',')
                        && index > 0
                        && chars[index - 1].is_ascii_digit()
                        && chars.get(index + 1).is_some_and(char::is_ascii_digit);
                    let kind = if in_word(c) || in_number {
                        0
                    } else if c.is_whitespace() {
                        1
                    } else {
                        2
                    };
                    let joins = current_kind == Some(kind) && kind != 2;
                    if !joins && !current.is_empty() {
                        out.push(Token::Text(std::mem::take(&mut current), *style));
                    }
                    current.push(c);
                    current_kind = Some(kind);
                }
                if !current.is_empty() {
                    out.push(Token::Text(current, *style));
                }
            }
            Inline::Revised { content, .. } => out.extend(tokens(content)),
            whole => out.push(Token::Whole(whole.clone())),
        }
    }
    out
}

/// Inlines from tokens, adjacent text in one style joined.
fn inlines_of(tokens: &[Token]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for token in tokens {
        let inline = match token {
            Token::Text(text, style) => Inline::Text {
                text: text.clone(),
                style: *style,
            },
            Token::Whole(inline) => inline.clone(),
        };
        document::push_merged(&mut out, inline);
    }
    out
}

/// One stretch of a word comparison.
#[derive(Clone, Debug)]
struct Stretch {
    equal: bool,
    old: Range<usize>,
    new: Range<usize>,
}

/// Two versions of a paragraph as one, its words inserted and deleted.
fn merge_paragraphs(old: &Paragraph, new: &Paragraph) -> Paragraph {
    if old.content == new.content {
        return new.clone();
    }
    let (before, after) = (tokens(&old.content), tokens(&new.content));
    let mut stretches: Vec<Stretch> = capture_diff_slices(Algorithm::Myers, &before, &after)
        .iter()
        .map(|op| {
            let (tag, old, new) = op.as_tag_tuple();
            Stretch {
                equal: tag == DiffTag::Equal,
                old,
                new,
            }
        })
        .collect();
    // A few spaces or marks kept between two changes read better inside
    // one change: « ~~du numérique~~ __général de l'administration__ »
    // rather than a word at a time.
    let count = stretches.len();
    for index in 1..count.saturating_sub(1) {
        let island = &stretches[index];
        if island.equal
            && island.old.len() <= 2
            && before[island.old.clone()].iter().all(Token::is_filler)
            && !stretches[index - 1].equal
            && !stretches[index + 1].equal
        {
            stretches[index].equal = false;
        }
    }
    let mut content = Vec::new();
    let mut pending: Option<Stretch> = None;
    let flush = |pending: &mut Option<Stretch>, content: &mut Vec<Inline>| {
        if let Some(change) = pending.take() {
            let deleted = inlines_of(&before[change.old]);
            let inserted = inlines_of(&after[change.new]);
            if !deleted.is_empty() {
                content.push(Inline::Revised {
                    revision: Revision::Deleted,
                    content: deleted,
                });
            }
            if !inserted.is_empty() {
                content.push(Inline::Revised {
                    revision: Revision::Inserted,
                    content: inserted,
                });
            }
        }
    };
    for stretch in stretches {
        if stretch.equal {
            flush(&mut pending, &mut content);
            content.extend(inlines_of(&after[stretch.new]));
        } else {
            pending = Some(match pending.take() {
                Some(previous) => Stretch {
                    equal: false,
                    old: previous.old.start..stretch.old.end.max(previous.old.end),
                    new: previous.new.start..stretch.new.end.max(previous.new.end),
                },
                None => stretch,
            });
        }
    }
    flush(&mut pending, &mut content);
    Paragraph {
        content: join_text(content),
        revision: None,
        ..new.clone()
    }
}

/// Joins adjacent plain text in one style.
fn join_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        document::push_merged(&mut out, inline);
    }
    out
}

/// The list of changes that opens a redline PDF: what changed, article by
/// article, then a page break.
pub fn summary_blocks(changes: &[Change], old_name: &str, new_name: &str) -> Vec<Block> {
    let mut blocks = vec![
        Block::Title(Paragraph {
            align: document::Align::Center,
            ..Paragraph::new(vec![Inline::text("Modifications proposées")])
        }),
        Block::Paragraph(Paragraph::new(vec![Inline::text(format!(
            "Ce document montre « {new_name} » par rapport à « {old_name} » : le texte ajouté est souligné, le texte supprimé barré, et un trait dans la marge signale chaque ligne modifiée. {}.",
            crate::rules::count_of(changes.len(), "modification", "modifications")
        ))])),
    ];
    let mut articles: Vec<Article> = changes.iter().map(Change::article).collect();
    articles.sort();
    articles.dedup();
    for article in articles {
        blocks.push(Block::Heading {
            level: 2,
            text: Paragraph {
                align: document::Align::Left,
                ..Paragraph::new(vec![Inline::text(article.heading())])
            },
        });
        blocks.push(Block::List(
            changes
                .iter()
                .filter(|change| change.article() == article)
                .map(|change| Paragraph {
                    source: vec![change.path],
                    ..Paragraph::new(vec![Inline::text(format!(
                        "{}{}",
                        change.sentence(),
                        change.also()
                    ))])
                })
                .collect(),
        ));
    }
    if changes.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::new(vec![Inline::text(
            "Aucune modification.",
        )])));
    }
    blocks.push(Block::PageBreak);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, YearRow};

    fn text(s: &str) -> Inline {
        Inline::text(s)
    }

    fn paragraph(s: &str) -> Paragraph {
        Paragraph::new(vec![text(s)])
    }

    fn shown(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text { text, .. } => out.push_str(text),
                Inline::Revised { revision, content } => {
                    let (open, close) = match revision {
                        Revision::Inserted => ("[+", "+]"),
                        Revision::Deleted => ("[-", "-]"),
                    };
                    out.push_str(open);
                    out.push_str(&shown(content));
                    out.push_str(close);
                }
                other => {
                    let mut plain = String::new();
                    document::push_inlines(&mut plain, std::slice::from_ref(other));
                    out.push_str(&plain);
                }
            }
        }
        out
    }

    #[test]
    fn words_change_as_words() {
        let merged = merge_paragraphs(
            &paragraph("Représenté par M. X, Directeur du numérique,"),
            &paragraph("Représenté par M. X, Directeur général de l'administration,"),
        );
        assert_eq!(
            shown(&merged.content),
            "Représenté par M. X, Directeur [-du numérique-][+général de l'administration+],"
        );
        let merged = merge_paragraphs(
            &paragraph("30\u{202f}000\u{a0}€"),
            &paragraph("45\u{202f}000\u{a0}€"),
        );
        assert_eq!(
            shown(&merged.content),
            "[-30\u{202f}000-][+45\u{202f}000+]\u{a0}€",
            "an amount changes whole"
        );
    }

    #[test]
    fn accepting_gives_the_new_text_and_rejecting_the_old() {
        let cases = [
            (
                "Le délégant autorise la DINUM.",
                "Le délégant n'autorise plus la DINUM !",
            ),
            ("", "Tout nouveau."),
            ("Tout ancien.", ""),
            ("a b c", "c b a"),
        ];
        for (before, after) in cases {
            let merged = merge_paragraphs(&paragraph(before), &paragraph(after));
            let document = Document {
                blocks: vec![Block::Paragraph(merged)],
                ..Document::default()
            };
            assert_eq!(document.accepted().plain_text().trim(), after);
            assert_eq!(document.rejected().plain_text().trim(), before);
        }
    }

    fn changed_reference() -> (Draft, Draft) {
        let old = crate::model::example();
        let mut new = old.clone();
        new.budget.schedule[1].cp = Money::from_euros(15_000).expect("small");
        new.budget.schedule[1].ae = Money::from_euros(15_000).expect("small");
        new.budget.schedule.push(YearRow {
            year: 2024,
            ae: Money::from_euros(10_000).expect("small"),
            cp: Money::from_euros(10_000).expect("small"),
        });
        new.end_date = chrono::NaiveDate::from_ymd_opt(2024, 12, 31);
        new.delegant.representative.name = "Mme Claire DUPONT".into();
        new.rgpd_matrix[10].delegant = "Sans objet".into();
        new.rgpd_matrix.insert(
            2,
            crate::model::RgpdRow::new("Registre", "Tient", "Vérifie"),
        );
        new.visas.remove(1);
        (old, new)
    }

    #[test]
    fn the_redline_of_two_drafts_accepts_to_the_new_and_rejects_to_the_old() {
        let (old, new) = changed_reference();
        let options = RenderOptions::default();
        let attribution = Attribution::new(None, Some("2024-03-01T10:00:00Z".to_owned()));
        let red = redline_drafts(&old, &new, &options, &attribution).expect("renders");
        let before = document::render(&old, &options).expect("renders");
        let after = document::render(&new, &options).expect("renders");
        assert!(red.has_revisions());
        assert_eq!(red.accepted().plain_text(), after.plain_text());
        assert_eq!(red.rejected().plain_text(), before.plain_text());
        assert_eq!(red.accepted().blocks.len(), after.blocks.len());
        assert_eq!(red.meta.revision_author, "Convention");
        assert_eq!(red.meta.revision_date, "2024-03-01T10:00:00Z");
        // The inserted RGPD row is one row, not a cascade.
        let inserted_rows: usize = red
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Table(table) => Some(table),
                _ => None,
            })
            .flat_map(|table| table.rows.iter())
            .filter(|row| row.revision == Some(Revision::Inserted))
            .count();
        assert_eq!(inserted_rows, 2, "the 2024 row and the new RGPD row");
        let same = redline_drafts(&old, &old, &options, &attribution).expect("renders");
        assert!(!same.has_revisions());
    }

    #[test]
    fn swapped_items_are_moved_whole_not_rewritten_word_by_word() {
        let old = crate::model::example();
        let mut new = old.clone();
        new.commitments.swap(0, 3);
        let options = RenderOptions::default();
        let red = redline_drafts(&old, &new, &options, &Attribution::default()).expect("renders");
        let items: Vec<&Paragraph> = red
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::List(items) => Some(items.iter()),
                _ => None,
            })
            .flatten()
            .filter(|item| {
                item.revision.is_none()
                    && item
                        .content
                        .iter()
                        .any(|i| matches!(i, Inline::Revised { .. }))
            })
            .collect();
        assert!(items.is_empty(), "no item mixes two engagements: {items:?}");
        assert_eq!(
            red.accepted().plain_text(),
            document::render(&new, &options)
                .expect("renders")
                .plain_text()
        );
    }

    #[test]
    fn unlike_blocks_are_deleted_and_inserted() {
        let old = Document {
            blocks: vec![
                Block::Paragraph(paragraph("Premier paragraphe inchangé.")),
                Block::Paragraph(paragraph("Un texte sans rapport aucun.")),
            ],
            ..Document::default()
        };
        let new = Document {
            blocks: vec![
                Block::Paragraph(paragraph("Premier paragraphe inchangé.")),
                Block::Paragraph(paragraph("Tout autre chose ici.")),
                Block::PageBreak,
            ],
            ..Document::default()
        };
        let red = redline(&old, &new, &RowMap::default());
        let marks: Vec<Option<Revision>> = red
            .blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(p) => p.revision,
                _ => None,
            })
            .collect();
        assert_eq!(
            marks,
            [
                None,
                Some(Revision::Deleted),
                Some(Revision::Inserted),
                None
            ]
        );
        assert_eq!(red.accepted().plain_text(), new.plain_text());
        assert_eq!(red.rejected().plain_text(), old.plain_text());
    }

    #[test]
    fn the_summary_lists_changes_by_article() {
        let (old, new) = changed_reference();
        let changes = crate::review::diff(&old, &new);
        let blocks = summary_blocks(&changes, "v1.json", "v2.json");
        let text = Document {
            blocks,
            ..Document::default()
        }
        .plain_text();
        assert!(text.starts_with("Modifications proposées"));
        assert!(text.contains("Article 5 : Exécution financière de la délégation"));
        assert!(text.contains("- Exercice 2023 — CP : 0\u{a0}€ → 15\u{202f}000\u{a0}€"));
        let article5 = text.find("Article 5").expect("article 5");
        let article7 = text.find("Article 7").expect("article 7");
        assert!(article5 < article7, "in the order of the convention");
    }
}
