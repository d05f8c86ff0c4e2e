//! The document tree: what both the DOCX and the PDF writers (and the app's
//! preview) walk, so the formats cannot drift apart.
//!
//! Every paragraph, heading and table cell knows the fields of the draft it
//! was rendered from (its `source`), so that a finding, a change or a
//! comment can be placed in the document. A redline tree also carries
//! tracked changes: spans of text inserted or deleted, and paragraphs and
//! table rows inserted or deleted whole; [`Document::accepted`] and
//! [`Document::rejected`] give the text with all of them accepted or
//! rejected.

use crate::model::FieldPath;

/// The fields of the draft a piece of the document was rendered from, in
/// the order they appear, each once.
pub type Source = Vec<FieldPath>;

/// The fields of several pieces as one source: in order, each once.
pub fn joined_source<'a>(paths: impl IntoIterator<Item = &'a FieldPath>) -> Source {
    let mut source = Source::new();
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        add_unique(&mut source, &mut seen, *path);
    }
    source
}

/// Adds a path to a source unless it is there already: a look along the
/// source while it is short, a set of its paths beyond (a cell of 20 000
/// activities would otherwise take seconds). `seen` starts empty and is
/// kept for the next paths of the same source.
pub(crate) fn add_unique(
    source: &mut Source,
    seen: &mut std::collections::HashSet<FieldPath>,
    path: FieldPath,
) {
    const SHORT: usize = 16;
    if source.len() < SHORT {
        if !source.contains(&path) {
            source.push(path);
        }
        return;
    }
    if seen.is_empty() {
        seen.extend(source.iter().copied());
    }
    if seen.insert(path) {
        source.push(path);
    }
}

/// A whole document: its properties and its blocks, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Properties for the file's metadata, headers and footers.
    pub meta: Meta,
    /// The content.
    pub blocks: Vec<Block>,
}

/// The name of the DOCX custom property that holds [`Meta::draft_hash`]:
/// written by the DOCX writer, read back by the review import to tell
/// whether a reviewed file is an export of the draft.
pub const DRAFT_HASH_PROPERTY: &str = "Empreinte du brouillon";

/// Document properties.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Title, e.g. « Convention de délégation de gestion ».
    pub title: String,
    /// Subject, e.g. « Délégation de gestion MEAE – DINUM ».
    pub subject: String,
    /// Author: the délégataire.
    pub author: String,
    /// Keywords for the file's properties.
    pub keywords: Vec<String>,
    /// Text at the head of every page, e.g. « MEAE – DINUM ».
    pub header: String,
    /// The template's version.
    pub template_version: String,
    /// A short hash of the draft's content, to tell versions apart.
    pub draft_hash: String,
    /// When set, every page carries this marking (e.g. « PROJET — non
    /// conforme ») because the draft still has errors.
    pub watermark: Option<String>,
    /// The date the document bears (signature date), as `YYYY-MM-DD`, used
    /// for the file's dates instead of the clock so exports are
    /// reproducible. Empty when the draft has none.
    pub date: String,
    /// The day the export stands for, `YYYY-MM-DD`: that of the last
    /// dated event of the draft's review (status change, remark, reply),
    /// empty when it has none. The PDF is dated with it (a fixed date when
    /// empty), so the same draft gives the same file.
    pub provenance_date: String,
    /// In a redline: who made the tracked changes, as Word shows it.
    pub revision_author: String,
    /// In a redline: the date of the tracked changes, `YYYY-MM-DDTHH:MM:SSZ`
    /// (or a day, `YYYY-MM-DD`); empty for undated changes.
    pub revision_date: String,
}

impl Meta {
    /// The discreet provenance line printed in every footer.
    pub fn provenance(&self) -> String {
        format!(
            "Modèle {} · brouillon {}",
            self.template_version, self.draft_hash
        )
    }
}

/// A block of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The document's title.
    Title(Paragraph),
    /// A heading: level 1 for articles and annexes, level 2 for their
    /// sections.
    Heading {
        /// 1 or 2.
        level: u8,
        /// The heading's text.
        text: Paragraph,
    },
    /// A paragraph of running text.
    Paragraph(Paragraph),
    /// A bulleted list, one paragraph an item.
    List(Vec<Paragraph>),
    /// A table.
    Table(Table),
    /// Side-by-side signature blocks, one per party, without borders.
    Signatures(Vec<Vec<Paragraph>>),
    /// Start a new page.
    PageBreak,
}

/// A paragraph: inlines, an alignment, the fields it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, with its styles.
    pub content: Vec<Inline>,
    /// How lines sit between the margins.
    pub align: Align,
    /// The fields of the draft it was rendered from.
    pub source: Source,
    /// In a redline, whether the paragraph itself (its mark, in Word's
    /// terms) was inserted or deleted.
    pub revision: Option<Revision>,
}

impl Paragraph {
    /// A paragraph in the default alignment (justified).
    pub fn new(content: Vec<Inline>) -> Self {
        Self {
            content,
            ..Self::default()
        }
    }

    /// Its plain text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        push_inlines(&mut out, &self.content);
        out
    }
}

/// A tracked change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Revision {
    /// Text, a paragraph or a row that the new version adds.
    Inserted,
    /// Text, a paragraph or a row that the new version removes.
    Deleted,
}

/// Horizontal alignment of a paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    /// Flush left, ragged right.
    Left,
    /// Both edges flush (the last line flush left).
    #[default]
    Justify,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// A piece of inline content.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Inline {
    /// Text in one style.
    Text {
        /// The characters.
        text: String,
        /// Bold, italic.
        style: Style,
    },
    /// An address shown as text.
    Link {
        /// The text shown.
        text: String,
        /// Where it leads.
        url: String,
    },
    /// A footnote: its number appears here, its text at the foot of the
    /// page.
    Note(Vec<Inline>),
    /// A forced line break.
    LineBreak,
    /// In a redline: content inserted or deleted.
    Revised {
        /// Inserted or deleted.
        revision: Revision,
        /// What was inserted or deleted.
        content: Vec<Inline>,
    },
}

impl Inline {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Inline::Text {
            text: text.into(),
            style: Style::default(),
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Inline::Text {
            text: text.into(),
            style: Style {
                bold: true,
                ..Style::default()
            },
        }
    }
}

/// Character style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// Bold weight.
    pub bold: bool,
    /// Italic slant.
    pub italic: bool,
    /// Raised and smaller, as the letters of « 1er » or « 2e ».
    pub superscript: bool,
}

/// A table: column widths, rows, and how many rows form the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Relative column widths (any unit); their count is the column count.
    pub widths: Vec<u32>,
    /// Alignment of the text in each column.
    pub aligns: Vec<Align>,
    /// How many leading rows are headers, repeated on each page.
    pub header_rows: usize,
    /// The rows; each has one cell per column.
    pub rows: Vec<Row>,
}

impl Table {
    /// How many columns the table has: its widths, or its widest row when
    /// a row has more cells. Both writers and the PDF's tags count so.
    pub fn column_count(&self) -> usize {
        self.rows
            .iter()
            .map(|row| row.cells.len())
            .max()
            .unwrap_or(0)
            .max(self.widths.len())
    }
}

/// A table row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// In a redline, whether the row was inserted or deleted whole.
    pub revision: Option<Revision>,
}

impl Row {
    /// A row of these cells.
    pub fn new(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            revision: None,
        }
    }

    /// The fields its cells were rendered from.
    pub fn source(&self) -> Source {
        joined_source(self.cells.iter().flat_map(|cell| &cell.source))
    }
}

/// A table cell: its paragraphs and the fields it shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell's paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// The fields of the draft it was rendered from.
    pub source: Source,
}

impl Cell {
    /// Its plain text, paragraphs separated by a space.
    pub fn text(&self) -> String {
        let texts: Vec<String> = self.paragraphs.iter().map(Paragraph::text).collect();
        texts.join(" ")
    }
}

impl Document {
    /// The plain text of the document, block by block, for tests, search
    /// and comparison. Notes are given in brackets where they are called.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(paragraph)
                | Block::Heading {
                    text: paragraph, ..
                }
                | Block::Paragraph(paragraph) => {
                    push_inlines(&mut out, &paragraph.content);
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str("- ");
                        push_inlines(&mut out, &item.content);
                        out.push('\n');
                    }
                }
                Block::Table(table) => {
                    for row in &table.rows {
                        let cells: Vec<String> = row.cells.iter().map(Cell::text).collect();
                        out.push_str("| ");
                        out.push_str(&cells.join(" | "));
                        out.push_str(" |\n");
                    }
                }
                Block::Signatures(columns) => {
                    for column in columns {
                        for paragraph in column {
                            push_inlines(&mut out, &paragraph.content);
                            out.push('\n');
                        }
                    }
                }
                // Not text: a page break leaves no trace here.
                Block::PageBreak => continue,
            }
            out.push('\n');
        }
        out
    }
}

impl Document {
    /// The document with every tracked change accepted: what the new
    /// version says.
    pub fn accepted(&self) -> Document {
        self.resolved(Revision::Inserted)
    }

    /// The document with every tracked change rejected: what the old
    /// version said.
    pub fn rejected(&self) -> Document {
        self.resolved(Revision::Deleted)
    }

    /// Whether the document holds any tracked change.
    pub fn has_revisions(&self) -> bool {
        let rows = self.blocks.iter().any(|block| match block {
            Block::Table(table) => table.rows.iter().any(|row| row.revision.is_some()),
            _ => false,
        });
        rows || self
            .paragraphs()
            .any(|paragraph| paragraph.revision.is_some() || has_revised(&paragraph.content))
    }

    /// Every paragraph of the document, in reading order: titles,
    /// headings, paragraphs, list items, table cells' paragraphs, signature
    /// lines.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks
            .iter()
            .flat_map(|block| -> Box<dyn Iterator<Item = &Paragraph> + '_> {
                match block {
                    Block::Title(paragraph)
                    | Block::Heading {
                        text: paragraph, ..
                    }
                    | Block::Paragraph(paragraph) => Box::new(std::iter::once(paragraph)),
                    Block::List(items) => Box::new(items.iter()),
                    Block::Table(table) => Box::new(
                        table
                            .rows
                            .iter()
                            .flat_map(|row| row.cells.iter())
                            .flat_map(|cell| cell.paragraphs.iter()),
                    ),
                    Block::Signatures(columns) => Box::new(columns.iter().flatten()),
                    Block::PageBreak => Box::new(std::iter::empty()),
                }
            })
    }

    /// Keeps what `kept` marks and drops the other kind of change.
    fn resolved(&self, kept: Revision) -> Document {
        let paragraphs = |list: &[Paragraph]| -> Vec<Paragraph> {
            list.iter()
                .filter_map(|paragraph| resolve_paragraph(paragraph, kept))
                .collect()
        };
        let mut blocks = Vec::with_capacity(self.blocks.len());
        for block in &self.blocks {
            let resolved = match block {
                Block::Title(paragraph) => resolve_paragraph(paragraph, kept).map(Block::Title),
                Block::Heading { level, text } => {
                    resolve_paragraph(text, kept).map(|text| Block::Heading {
                        level: *level,
                        text,
                    })
                }
                Block::Paragraph(paragraph) => {
                    resolve_paragraph(paragraph, kept).map(Block::Paragraph)
                }
                Block::List(items) => {
                    let items = paragraphs(items);
                    (!items.is_empty()).then_some(Block::List(items))
                }
                Block::Table(table) => {
                    let mut header_rows = table.header_rows;
                    let mut rows = Vec::with_capacity(table.rows.len());
                    for (index, row) in table.rows.iter().enumerate() {
                        if row.revision.is_some_and(|r| r != kept) {
                            if index < table.header_rows {
                                header_rows -= 1;
                            }
                            continue;
                        }
                        rows.push(Row {
                            cells: row
                                .cells
                                .iter()
                                .map(|cell| Cell {
                                    paragraphs: paragraphs(&cell.paragraphs),
                                    source: cell.source.clone(),
                                })
                                .collect(),
                            revision: None,
                        });
                    }
                    (!rows.is_empty()).then(|| {
                        Block::Table(Table {
                            rows,
                            header_rows,
                            ..table.clone()
                        })
                    })
                }
                Block::Signatures(columns) => Some(Block::Signatures(
                    columns.iter().map(|column| paragraphs(column)).collect(),
                )),
                Block::PageBreak => Some(Block::PageBreak),
            };
            blocks.extend(resolved);
        }
        Document {
            meta: self.meta.clone(),
            blocks,
        }
    }
}

/// A paragraph with the changes of one kind kept, the others dropped; `None`
/// when the paragraph itself goes.
fn resolve_paragraph(paragraph: &Paragraph, kept: Revision) -> Option<Paragraph> {
    if paragraph.revision.is_some_and(|r| r != kept) {
        return None;
    }
    Some(Paragraph {
        content: resolve_inlines(&paragraph.content, kept),
        revision: None,
        ..paragraph.clone()
    })
}

fn resolve_inlines(inlines: &[Inline], kept: Revision) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Revised { revision, content } => {
                if *revision == kept {
                    for inner in resolve_inlines(content, kept) {
                        push_merged(&mut out, inner);
                    }
                }
            }
            Inline::Note(content) => out.push(Inline::Note(resolve_inlines(content, kept))),
            other => push_merged(&mut out, other.clone()),
        }
    }
    out
}

fn has_revised(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Revised { .. } => true,
        Inline::Note(content) => has_revised(content),
        _ => false,
    })
}

/// Appends an inline, joining it to the previous text in the same style.
pub fn push_merged(out: &mut Vec<Inline>, inline: Inline) {
    if let (
        Some(Inline::Text { text, style }),
        Inline::Text {
            text: more,
            style: more_style,
        },
    ) = (out.last_mut(), &inline)
        && style == more_style
    {
        text.push_str(more);
        return;
    }
    out.push(inline);
}

/// Appends the text of inlines; line breaks become spaces.
pub fn push_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Link { text, .. } => out.push_str(text),
            Inline::Note(content) => {
                out.push_str(" [");
                push_inlines(out, content);
                out.push(']');
            }
            Inline::LineBreak => out.push(' '),
            Inline::Revised { content, .. } => push_inlines(out, content),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    #[test]
    fn a_joined_source_keeps_each_path_once_in_order() {
        // Past the short length too, where a set takes over.
        let paths: Vec<FieldPath> = (0..40)
            .flat_map(|i| [Field::ActiviteCode.at(i), Field::ActiviteLabel.at(i)])
            .collect();
        let twice: Vec<FieldPath> = paths.iter().chain(paths.iter().rev()).copied().collect();
        assert_eq!(joined_source(&twice), paths);
        let short = [
            Field::Title.path(),
            Field::Title.path(),
            Field::EndDate.path(),
        ];
        assert_eq!(
            joined_source(&short),
            [Field::Title.path(), Field::EndDate.path()]
        );
    }
}
