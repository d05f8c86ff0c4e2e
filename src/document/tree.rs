//! The document tree: what both the DOCX and the PDF writers (and the app's
//! preview) walk, so the formats cannot drift apart.

/// A whole document: its properties and its blocks, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Properties for the file's metadata, headers and footers.
    pub meta: Meta,
    /// The content.
    pub blocks: Vec<Block>,
}

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
    Title(Vec<Inline>),
    /// A heading: level 1 for articles and annexes, level 2 for their
    /// sections.
    Heading {
        /// 1 or 2.
        level: u8,
        /// The heading's text.
        content: Vec<Inline>,
    },
    /// A paragraph of running text.
    Paragraph(Paragraph),
    /// A bulleted list; each item is a paragraph's inlines.
    List(Vec<Vec<Inline>>),
    /// A table.
    Table(Table),
    /// Side-by-side signature blocks, one per party, without borders.
    Signatures(Vec<Vec<Paragraph>>),
    /// Start a new page.
    PageBreak,
}

/// A paragraph: inlines and an alignment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, with its styles.
    pub content: Vec<Inline>,
    /// How lines sit between the margins.
    pub align: Align,
}

impl Paragraph {
    /// A left-aligned paragraph.
    pub fn new(content: Vec<Inline>) -> Self {
        Self {
            content,
            align: Align::default(),
        }
    }
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
                italic: false,
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
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: paragraphs, and whether it is emphasised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell's paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// The plain text of the document, block by block, for tests, search
    /// and comparison. Notes are given in brackets where they are called.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Title(content) | Block::Heading { content, .. } => {
                    push_inlines(&mut out, content);
                    out.push('\n');
                }
                Block::Paragraph(paragraph) => {
                    push_inlines(&mut out, &paragraph.content);
                    out.push('\n');
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str("- ");
                        push_inlines(&mut out, item);
                        out.push('\n');
                    }
                }
                Block::Table(table) => {
                    for row in &table.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|cell| {
                                let mut text = String::new();
                                for (i, paragraph) in cell.paragraphs.iter().enumerate() {
                                    if i > 0 {
                                        text.push(' ');
                                    }
                                    push_inlines(&mut text, &paragraph.content);
                                }
                                text
                            })
                            .collect();
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
                Block::PageBreak => {}
            }
            out.push('\n');
        }
        out
    }
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
        }
    }
}
