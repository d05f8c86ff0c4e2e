//! The DOCX writer: walks the document tree and returns the bytes of a Word
//! file with real styles (Title, Heading 1, Heading 2), footnotes, bulleted
//! lists, tables whose header rows repeat on each page, and a header and a
//! footer on every page.
//!
//! docx-rs 0.4.22 builds the file, but lacks a few things a legal document
//! needs, so the parts it produces are patched before they are packed:
//! our own `Normal` style and document language in `styles.xml`,
//! `<w:tblHeader/>` for repeated header rows, `<w:footnoteRef/>` in front of
//! each note's text and the notes' separator lines, and `core.xml` /
//! `custom.xml` written here (docx-rs has no setter for the title, and
//! writes custom properties in random order, unescaped). Each patch checks that docx-rs wrote exactly what it expects
//! and fails with an error otherwise, so an upgrade cannot silently produce
//! a wrong file.
//!
//! The output is deterministic: every paragraph and note id is assigned
//! here (docx-rs draws them from process-wide counters), the file dates come
//! from the document's date, and the archive is re-packed with fixed
//! timestamps.
//!
//! Every paragraph rendered from fields of the draft lies inside hidden
//! bookmarks, one per field, named by [`crate::model::FieldPath::anchor`]
//! (`_cv12_budget_schedule_0_cp`), numbered in reading order: what a
//! reviewer marks in the file can be traced back to its field. Reviewers'
//! remarks, when asked for, become Word comments around the paragraph they
//! are about, replies threaded (`commentsExtended.xml`), initials patched
//! in; without them, the empty comment parts docx-rs always writes are left
//! out of the package.
//!
//! A redline tree becomes real tracked changes: `w:ins` and `w:del` (the
//! deleted text in `w:delText`) around changed runs, inserted or deleted
//! paragraph marks, and inserted or deleted table rows (`w:trPr`), each
//! with the document's revision author and date. Their ids, which docx-rs
//! also draws from a process-wide counter, are numbered again in order.
//!
//! Last, the `order` pass puts the children of every property element in the
//! order the ECMA-376 schema requires, which Word enforces.

mod order;

use std::borrow::Cow;
use std::io::{Cursor, Read as _, Write as _};

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, BreakType, BuildXML as _, Delete,
    DeleteInstrText, Docx, FieldCharType, Footer, Footnote, Header, HeightRule, IndentLevel,
    Insert, InstrText, Level, LevelJc, LevelText, LineSpacing, LineSpacingType, NumPages,
    NumberFormat, Numbering, NumberingId, PageMargin, PageNum, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, RunProperty, Shading, ShdType,
    SpecialIndentType, Start, StyleType, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, VertAlignType, WidthType, XMLDocx,
};

use super::xml::{push_escaped, xml_escape, xml_safe};
use crate::document::geometry::{
    self, BODY, BORDER, BULLET_INDENT, CELL, CELL_PAD_X, CELL_PAD_Y, FOOTER_SIZE, HEADER_SIZE,
    HEADING1, HEADING2, KEEP_TABLE_ROWS, LIST_INDENT, LIST_ITEM, NOTE, PROVENANCE_SIZE, SIGNATURE,
    SIGNATURE_PAD, SIGNATURE_ROOM, TABLE_GAP, TITLE, TextGeometry, half_points, twips,
};
use crate::document::hyphenation::soft_hyphens;
use crate::document::{self as tree, Align, Block, Inline, Meta, Remark, Revision};

/// Why a DOCX file could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// docx-rs did not write what the writer patches: the library's output
    /// changed, and the file would be wrong.
    #[error("sortie inattendue de docx-rs ({0}) ; le fichier n'a pas été produit")]
    UnexpectedOutput(&'static str),
    /// The archive could not be assembled.
    #[error("archive impossible à assembler : {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Copying a part into the archive failed.
    #[error("archive impossible à assembler : {0}")]
    Io(#[from] std::io::Error),
}

/// Writes the document as a DOCX file and returns its bytes. The same
/// document always gives the same bytes.
pub fn write_docx(document: &tree::Document) -> Result<Vec<u8>, DocxError> {
    write_docx_with(document, &[])
}

/// Writes the document with reviewers' remarks as Word comments, each
/// around the paragraph it is about ([`tree::Document::place_of`]), its
/// replies threaded under it. Without remarks, the file has no comments
/// part at all.
pub fn write_docx_with(
    document: &tree::Document,
    remarks: &[Remark],
) -> Result<Vec<u8>, DocxError> {
    let _phase = crate::timing::phase("DOCX");
    pack(parts(document, remarks)?)
}

/// The document's package parts, patched and with their properties.
fn parts(document: &tree::Document, remarks: &[Remark]) -> Result<XMLDocx, DocxError> {
    let mut writer = Writer {
        changes: Changes {
            author: xml_safe(&document.meta.revision_author),
            date: revision_date(&document.meta.revision_date),
        },
        ..Writer::default()
    };
    writer.place_remarks(document, remarks);
    let header = writer.header(&document.meta);
    let footer = writer.footer(&document.meta);
    for (index, block) in document.blocks.iter().enumerate() {
        writer.block(block, document.blocks.get(index + 1));
    }
    writer.finish_body();

    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(twips(geometry::MARGIN_TOP))
                .bottom(twips(geometry::MARGIN_BOTTOM))
                .left(twips(geometry::MARGIN_SIDE))
                .right(twips(geometry::MARGIN_SIDE))
                .header(twips(geometry::HEADER_DISTANCE))
                .footer(twips(geometry::FOOTER_DISTANCE))
                .gutter(0),
        )
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .default_tab_stop(709)
        .header(header)
        .footer(footer)
        .add_abstract_numbering(bullets())
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for style in styles() {
        docx = docx.add_style(style);
    }
    for child in writer.body {
        docx = match child {
            Child::Paragraph(paragraph) => docx.add_paragraph(*paragraph),
            Child::Table(table) => docx.add_table(*table),
        };
    }

    let mut xml = docx.build();
    patch_styles(&mut xml)?;
    if writer.initials.is_empty() {
        drop_comment_parts(&mut xml)?;
    } else {
        set_initials(&mut xml.comments, &writer.initials)?;
    }
    replace_exact(
        &mut xml.document,
        TABLE_HEADER_MARK,
        "<w:tblHeader />",
        writer.header_rows,
        "lignes d'en-tête de tableau",
    )?;
    for (mark, revision, header) in ROW_MARKS {
        let tag = match revision {
            Revision::Inserted => "w:ins",
            Revision::Deleted => "w:del",
        };
        let repeat = if header { "<w:tblHeader />" } else { "" };
        let to = format!(
            r#"{repeat}<{tag} w:id="0" w:author="{}" w:date="{}" />"#,
            xml_escape(&writer.changes.author),
            writer.changes.date.as_deref().unwrap_or(UNDATED)
        );
        let count = writer.revised_rows.get(&(revision, header)).copied();
        replace_exact(
            &mut xml.document,
            &row_mark_xml(mark),
            &to,
            count.unwrap_or(0),
            "lignes modifiées",
        )?;
    }
    let mut next_id = 1;
    for part in [&mut xml.document, &mut xml.footnotes] {
        renumber_revisions(part, &mut next_id)?;
        if writer.changes.date.is_none() {
            // Undated changes: the attribute is optional.
            let undated = format!(r#" w:date="{UNDATED}""#);
            if let Ok(text) = std::str::from_utf8(part)
                && text.contains(&undated)
            {
                *part = text.replace(&undated, "").into_bytes();
            }
        }
    }
    replace_exact(
        &mut xml.footnotes,
        FOOTNOTE_MARK_XML,
        "<w:footnoteRef />",
        writer.notes,
        "appels de note",
    )?;
    if writer.notes > 0 {
        add_footnote_separators(&mut xml)?;
    } else {
        // Without notes, docx-rs still writes a notes part, which no
        // relationship reaches: it is left out of the package.
        xml.footnotes.clear();
    }
    xml.doc_props.core = core_xml(&document.meta).into_bytes();
    xml.doc_props.custom = custom_xml(&[
        ("Version du modèle", &document.meta.template_version),
        (tree::DRAFT_HASH_PROPERTY, &document.meta.draft_hash),
    ])
    .into_bytes();
    // Last, once every patch has found what docx-rs wrote: the children
    // of property elements in the order the schema requires (Word refuses
    // other orders).
    order::schema_order(&mut xml)?;
    Ok(xml)
}

// Page geometry (crate::document::geometry), in twentieths of a point
// (twips) and text sizes in half-points.

/// A4 width.
const PAGE_WIDTH: u32 = twips(geometry::PAGE_WIDTH).unsigned_abs();
/// A4 height.
const PAGE_HEIGHT: u32 = twips(geometry::PAGE_HEIGHT).unsigned_abs();
/// The width between the margins.
const TEXT_WIDTH: usize = PAGE_WIDTH as usize - 2 * twips(geometry::MARGIN_SIDE) as usize;

/// The body font. LibreOffice substitutes the metric-compatible Liberation
/// Sans where Arial is missing.
const FONT: &str = "Arial";
/// Body text size, in half-points.
const BODY_SIZE: usize = half_points(BODY.size);

/// The numbering id of bulleted lists (docx-rs always writes its own
/// numbering 1, so ours starts at 2).
const BULLETS: usize = 2;

/// The row height that marks a header row until it is replaced with
/// `<w:tblHeader />` (docx-rs has no API for it).
const TABLE_HEADER_HEIGHT: f32 = 4242.0;
/// The XML docx-rs writes for that height.
const TABLE_HEADER_MARK: &str = r#"<w:trHeight w:val="4242" w:hRule="exact" />"#;
/// The row heights that mark an inserted or deleted row (a header row or
/// not) until they are replaced with `<w:ins />` or `<w:del />`: docx-rs
/// would write those first in `w:trPr`, where the schema wants them last.
const ROW_MARKS: [(u32, Revision, bool); 4] = [
    (4243, Revision::Inserted, false),
    (4244, Revision::Deleted, false),
    (4245, Revision::Inserted, true),
    (4246, Revision::Deleted, true),
];

/// The XML docx-rs writes for the row height `mark`.
fn row_mark_xml(mark: u32) -> String {
    format!(r#"<w:trHeight w:val="{mark}" w:hRule="exact" />"#)
}

/// The height marking a revised row.
fn row_mark(revision: Revision, header: bool) -> f32 {
    ROW_MARKS
        .iter()
        .find(|(_, r, h)| *r == revision && *h == header)
        .map_or(0.0, |(mark, _, _)| *mark as f32)
}
/// The text that stands for `<w:footnoteRef />` until it is replaced. Its
/// control characters are stripped from all user text, so it cannot occur
/// otherwise.
const FOOTNOTE_MARK: &str = "\u{1}footnoteRef\u{1}";
/// The XML docx-rs writes for that text.
const FOOTNOTE_MARK_XML: &str = "<w:t xml:space=\"preserve\">\u{1}footnoteRef\u{1}</w:t>";
/// The empty `Normal` style docx-rs always writes, replaced with ours.
const BUILTIN_NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;
/// The end of the default run properties, where the language is added.
const DEFAULT_RUN_PROPERTIES_END: &str = "</w:rPr></w:rPrDefault>";
/// Dates for the file's properties when the document has none.
const FALLBACK_DATE: &str = "2000-01-01T00:00:00Z";

/// Grey of the header rows' background.
const HEADER_ROW_FILL: &str = "D9D9D9";
/// Grey of the header and footer text.
const GREY: &str = "595959";
/// Red of the non-compliance marking.
const RED: &str = "C00000";
/// Colour of addresses.
const LINK_BLUE: &str = "0563C1";

/// A top-level element of the body.
enum Child {
    Paragraph(Box<docx_rs::Paragraph>),
    Table(Box<docx_rs::Table>),
}

/// The date docx-rs writes when none is given, taken out of undated
/// changes once written.
const UNDATED: &str = "1970-01-01T00:00:00Z";

/// A revision date as Word writes it: the wall-clock time here of a full
/// time, or a day at midnight; `None` when there is none (or it does not read).
fn revision_date(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(time) = chrono::DateTime::parse_from_rfc3339(text) {
        // Word's convention, as for comments: the wall-clock time, which
        // Word and LibreOffice show as it is.
        return Some(
            crate::model::date::to_wall_clock(time.with_timezone(&chrono::Utc))
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
        );
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(|day| day.format("%Y-%m-%dT00:00:00Z").to_string())
}

/// Who made the tracked changes of a redline, and when.
#[derive(Default)]
struct Changes {
    /// The author, as Word shows it.
    author: String,
    /// The date, `YYYY-MM-DDTHH:MM:SS` (wall clock), if any.
    date: Option<String>,
}

impl Changes {
    fn date(&self) -> String {
        self.date.clone().unwrap_or_else(|| UNDATED.to_owned())
    }

    fn insert(&self) -> Insert {
        Insert::new_with_empty()
            .author(self.author.clone())
            .date(self.date())
    }

    fn delete(&self) -> Delete {
        Delete::new().author(self.author.clone()).date(self.date())
    }

    /// The run properties of a paragraph mark inserted or deleted.
    fn mark(&self, revision: Revision) -> RunProperty {
        match revision {
            Revision::Inserted => RunProperty::new().insert(self.insert()),
            Revision::Deleted => RunProperty::new().delete(self.delete()),
        }
    }
}

/// Walks the tree, numbering paragraphs and notes as it goes.
struct Writer {
    /// The last paragraph id given.
    paragraph_id: u32,
    /// How many notes were written.
    notes: usize,
    /// How many header rows were marked.
    header_rows: usize,
    /// A page break waits for the next block.
    page_break: bool,
    /// The body so far.
    body: Vec<Child>,
    /// Who made the tracked changes, and when.
    changes: Changes,
    /// How many rows were marked inserted or deleted, by revision and
    /// whether they are header rows.
    revised_rows: std::collections::BTreeMap<(Revision, bool), usize>,
    /// The last anchor's serial number (also its bookmark id).
    anchors: usize,
    /// How many of the tree's paragraphs were written.
    written: usize,
    /// The comments to put around paragraphs, by the paragraph's index in
    /// the tree (a remark, then its replies).
    comments_at: std::collections::BTreeMap<usize, Vec<docx_rs::Comment>>,
    /// Each comment's id and its author's initials, which docx-rs does not
    /// write.
    initials: Vec<(usize, String)>,
}

impl Default for Writer {
    fn default() -> Self {
        Self {
            // Word wants paragraph ids below 0x80000000; these stay clear of
            // the low ids docx-rs would give paragraphs it adds itself.
            paragraph_id: 0x1000_0000,
            notes: 0,
            header_rows: 0,
            page_break: false,
            body: Vec::new(),
            changes: Changes::default(),
            revised_rows: std::collections::BTreeMap::new(),
            anchors: 0,
            written: 0,
            comments_at: std::collections::BTreeMap::new(),
            initials: Vec::new(),
        }
    }
}

/// Character formatting of a run.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    superscript: bool,
    /// Whether words may be cut with a hyphen (justified text): soft
    /// hyphens where [`crate::document::hyphenation`] puts them, the same
    /// the PDF cuts at.
    hyphenate: bool,
}

impl Look {
    fn with(self, style: tree::Style) -> Self {
        Look {
            bold: self.bold || style.bold,
            italic: self.italic || style.italic,
            superscript: self.superscript || style.superscript,
            hyphenate: self.hyphenate,
        }
    }

    /// Justified text, its words cut with a hyphen where they may be.
    fn justified(hyphenate: bool) -> Self {
        Look {
            hyphenate,
            ..Look::default()
        }
    }

    fn run(self) -> Run {
        let mut run = Run::new();
        if self.bold {
            run = run.bold();
        }
        if self.italic {
            run = run.italic();
        }
        if self.superscript {
            run.run_property = run.run_property.vert_align(VertAlignType::SuperScript);
        }
        run
    }
}

impl Writer {
    /// A new paragraph with its own id.
    fn paragraph(&mut self) -> docx_rs::Paragraph {
        self.paragraph_id = self.paragraph_id.saturating_add(1);
        docx_rs::Paragraph::new().id(format!("{:08X}", self.paragraph_id))
    }

    /// A new paragraph of the body, starting a page if one was asked for.
    fn body_paragraph(&mut self) -> docx_rs::Paragraph {
        let paragraph = self.paragraph();
        if std::mem::take(&mut self.page_break) {
            paragraph.page_break_before(true)
        } else {
            paragraph
        }
    }

    fn push_paragraph(&mut self, paragraph: docx_rs::Paragraph) {
        self.body.push(Child::Paragraph(Box::new(paragraph)));
    }

    /// Keeps the last paragraph on the same page as what follows it.
    fn keep_last_with_next(&mut self) {
        if let Some(Child::Paragraph(paragraph)) = self.body.last_mut() {
            paragraph.property = paragraph.property.clone().keep_next(true);
        }
    }

    /// Before a table: honours a pending page break with an empty
    /// paragraph (a break inside a table is not reliable), or keeps the
    /// paragraph that introduces the table with it.
    fn before_table(&mut self) {
        if self.page_break {
            let spacer = self
                .body_paragraph()
                .line_spacing(spacer_spacing(geometry::BREAK_SPACER));
            self.push_paragraph(spacer);
        } else {
            self.keep_last_with_next();
        }
    }

    /// After a table: a small gap, which also keeps two tables in a row from
    /// merging into one.
    fn after_table(&mut self) {
        let spacer = self.paragraph().line_spacing(spacer_spacing(TABLE_GAP));
        self.push_paragraph(spacer);
    }

    /// Makes sure the body holds a paragraph (Word wants one).
    fn finish_body(&mut self) {
        if self.body.is_empty() {
            let paragraph = self.paragraph();
            self.push_paragraph(paragraph);
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Title(paragraph) => {
                let out = self.body_paragraph().style("Title");
                let out = self.content(out, paragraph, Look::default());
                self.push_paragraph(out);
            }
            Block::Heading { level, text } => {
                let style = if *level >= 2 { "Heading2" } else { "Heading1" };
                let out = self.body_paragraph().style(style);
                let out = self.content(out, text, Look::default());
                self.push_paragraph(out);
            }
            Block::Paragraph(paragraph) => {
                let mut out = self.body_paragraph();
                if paragraph.align != Align::Justify {
                    out = out.align(alignment(paragraph.align));
                }
                if geometry::keeps_with_next(paragraph, next) {
                    out = out.keep_next(true);
                }
                let look = Look::justified(paragraph.align == Align::Justify);
                let out = self.content(out, paragraph, look);
                self.push_paragraph(out);
            }
            Block::List(items) => {
                let count = items.len();
                for (index, item) in items.iter().enumerate() {
                    let mut paragraph = self
                        .body_paragraph()
                        .style("ListParagraph")
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
                    if index + 1 == count {
                        // The list ends with the body's usual gap.
                        paragraph = paragraph.line_spacing(spacing(TextGeometry {
                            after: BODY.after,
                            ..LIST_ITEM
                        }));
                    }
                    let paragraph = self.content(paragraph, item, Look::justified(true));
                    self.push_paragraph(paragraph);
                }
            }
            Block::Table(table) => self.table(table),
            Block::Signatures(columns) => self.signatures(columns),
            Block::PageBreak => {
                // Set on the next paragraph: a paragraph holding only a break
                // gives a blank page when the previous page is just full.
                if !self.body.is_empty() {
                    self.page_break = true;
                }
            }
        }
    }

    /// Adds a tree paragraph's content to a paragraph, marks the
    /// paragraph inserted or deleted if it is, and puts it inside one
    /// hidden bookmark per field it shows (see [`crate::model::FieldPath::anchor`]).
    fn content(
        &mut self,
        mut out: docx_rs::Paragraph,
        paragraph: &tree::Paragraph,
        look: Look,
    ) -> docx_rs::Paragraph {
        if let Some(revision) = paragraph.revision {
            out.property = out
                .property
                .clone()
                .run_property(self.changes.mark(revision));
        }
        let mut anchors = Vec::with_capacity(paragraph.source.len());
        for path in &paragraph.source {
            self.anchors += 1;
            out = out.add_bookmark_start(self.anchors, path.anchor(self.anchors));
            anchors.push(self.anchors);
        }
        let comments = self.comments_at.remove(&self.written).unwrap_or_default();
        self.written += 1;
        for comment in &comments {
            out = out.add_comment_start(comment.clone());
        }
        out = self.inlines(out, &paragraph.content, look);
        for comment in &comments {
            out = out.add_comment_end(comment.id);
        }
        for id in anchors.into_iter().rev() {
            out = out.add_bookmark_end(id);
        }
        out
    }

    /// Makes the remarks' comments and says which paragraph each goes
    /// around. Comment ids count from 1, a remark's replies after it.
    fn place_remarks(&mut self, document: &tree::Document, remarks: &[Remark]) {
        let mut id = 0;
        for remark in remarks {
            let Some(place) = document.place_of(remark.about) else {
                continue;
            };
            id += 1;
            let parent = id;
            let mut comments = vec![self.comment(id, &remark.author, remark.date, &remark.text)];
            for reply in &remark.replies {
                id += 1;
                comments.push(
                    self.comment(id, &reply.author, reply.date, &reply.text)
                        .parent_comment_id(parent),
                );
            }
            self.comments_at.entry(place).or_default().extend(comments);
        }
    }

    /// One Word comment: one paragraph (docx-rs would list a comment of
    /// several paragraphs once per paragraph), line feeds as breaks.
    fn comment(
        &mut self,
        id: usize,
        author: &str,
        date: chrono::DateTime<chrono::Utc>,
        text: &str,
    ) -> docx_rs::Comment {
        self.initials.push((id, tree::initials(author)));
        let paragraph = self.paragraph();
        let paragraph = match text_run(Run::new(), text) {
            Some(run) => paragraph.add_run(run),
            None => paragraph,
        };
        docx_rs::Comment::new(id)
            .author(xml_escape(author))
            // Word's convention: the author's wall-clock time, which Word
            // and LibreOffice show as it is.
            .date(
                crate::model::date::to_wall_clock(date)
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
            )
            .add_paragraph(paragraph)
    }

    /// Adds the runs of inlines to a paragraph; inserted and deleted
    /// content goes into `w:ins` and `w:del`.
    fn inlines(
        &mut self,
        mut paragraph: docx_rs::Paragraph,
        inlines: &[Inline],
        look: Look,
    ) -> docx_rs::Paragraph {
        for inline in inlines {
            match inline {
                Inline::Revised { revision, content } => {
                    let deleted = *revision == Revision::Deleted;
                    let runs = self.runs(content, look, deleted);
                    if runs.is_empty() {
                        continue;
                    }
                    paragraph = match revision {
                        Revision::Inserted => paragraph.add_insert(
                            runs.into_iter()
                                .fold(self.changes.insert(), |insert, run| insert.add_run(run)),
                        ),
                        Revision::Deleted => paragraph.add_delete(
                            runs.into_iter()
                                .fold(self.changes.delete(), |delete, run| delete.add_run(run)),
                        ),
                    };
                }
                other => {
                    for run in self.runs(std::slice::from_ref(other), look, false) {
                        paragraph = paragraph.add_run(run);
                    }
                }
            }
        }
        paragraph
    }

    /// The runs of inlines; for deleted content, with `w:delText`.
    fn runs(&mut self, inlines: &[Inline], look: Look, deleted: bool) -> Vec<Run> {
        let mut runs = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Text { text, style } => {
                    let text = if look.hyphenate {
                        soft_hyphens(text)
                    } else {
                        Cow::Borrowed(text.as_str())
                    };
                    runs.extend(text_run_as(look.with(*style).run(), &text, deleted));
                }
                Inline::Link { text, url } => runs.extend(link_runs(look, text, url, deleted)),
                Inline::Note(content) => {
                    let note = self.footnote(content);
                    runs.push(Run::new().add_footnote_reference(note));
                }
                Inline::LineBreak => runs.push(Run::new().add_break(BreakType::TextWrapping)),
                // A change within a change: the outer one rules.
                Inline::Revised { content, .. } => runs.extend(self.runs(content, look, deleted)),
            }
        }
        runs
    }

    /// A footnote with the next number.
    fn footnote(&mut self, content: &[Inline]) -> Footnote {
        self.notes += 1;
        // Footnote::new() draws an id from a process-wide counter: replace it.
        let mut note = Footnote::new();
        note.id = self.notes;
        // A note inside a note cannot be a footnote: it is given in brackets.
        let flat: Vec<Inline> = content
            .iter()
            .map(|inline| match inline {
                Inline::Note(inner) => {
                    let mut text = String::new();
                    tree::push_inlines(&mut text, &[Inline::Note(inner.clone())]);
                    Inline::text(text)
                }
                other => other.clone(),
            })
            .collect();
        let paragraph = self
            .paragraph()
            .style("FootnoteText")
            .add_run(
                Run::new()
                    .style("FootnoteReference")
                    .add_text(FOOTNOTE_MARK),
            )
            .add_run(Run::new().add_text(" "));
        let paragraph = self.inlines(paragraph, &flat, Look::default());
        note.add_content(paragraph)
    }

    fn table(&mut self, table: &tree::Table) {
        let columns = table.column_count();
        if table.rows.is_empty() || columns == 0 {
            return;
        }
        let widths = column_widths(&table.widths, columns);
        let header_rows = table.header_rows.min(table.rows.len());
        // A short table is kept on one page; a long one may break between
        // rows, never inside one.
        let keep_together = table.rows.len() <= KEEP_TABLE_ROWS;
        let empty = tree::Cell::default();
        let mut rows = Vec::with_capacity(table.rows.len());
        for (row_index, row) in table.rows.iter().enumerate() {
            let header = row_index < header_rows;
            let keep_next = header || (keep_together && row_index + 1 < table.rows.len());
            let look = Look {
                bold: header,
                ..Look::default()
            };
            let mut cells = Vec::with_capacity(columns);
            for (column, width) in widths.iter().enumerate() {
                let cell = row.cells.get(column).unwrap_or(&empty);
                let align = table.aligns.get(column).copied().unwrap_or(Align::Left);
                let mut out = TableCell::new()
                    .width(*width, WidthType::Dxa)
                    .vertical_align(VAlignType::Top);
                if header {
                    out = out.shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill(HEADER_ROW_FILL),
                    );
                }
                for paragraph in self.cell_paragraphs(&cell.paragraphs, align, look) {
                    let paragraph = if keep_next {
                        paragraph.keep_next(true)
                    } else {
                        paragraph
                    };
                    out = out.add_paragraph(paragraph);
                }
                cells.push(out);
            }
            let mut out = TableRow::new(cells).cant_split();
            if let Some(revision) = row.revision {
                out = out
                    .row_height(row_mark(revision, header))
                    .height_rule(HeightRule::Exact);
                *self.revised_rows.entry((revision, header)).or_default() += 1;
            } else if header {
                out = out
                    .row_height(TABLE_HEADER_HEIGHT)
                    .height_rule(HeightRule::Exact);
                self.header_rows += 1;
            }
            rows.push(out);
        }
        let border = |position| {
            TableBorder::new(position)
                .border_type(BorderType::Single)
                // In eighths of a point.
                .size((BORDER * 8.0) as usize)
                .color("000000")
        };
        let out = docx_rs::Table::new(rows)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(
                TableBorders::new()
                    .set(border(TableBorderPosition::Top))
                    .set(border(TableBorderPosition::Left))
                    .set(border(TableBorderPosition::Bottom))
                    .set(border(TableBorderPosition::Right))
                    .set(border(TableBorderPosition::InsideH))
                    .set(border(TableBorderPosition::InsideV)),
            )
            .margins(TableCellMargins::new().margin(
                to_usize(twips(CELL_PAD_Y)),
                to_usize(twips(CELL_PAD_X)),
                to_usize(twips(CELL_PAD_Y)),
                to_usize(twips(CELL_PAD_X)),
            ));
        self.before_table();
        self.body.push(Child::Table(Box::new(out)));
        self.after_table();
        // The gap after a table inserted or deleted whole goes with it.
        let whole = table.rows.first().and_then(|row| row.revision);
        if let Some(revision) = whole
            && table.rows.iter().all(|row| row.revision == Some(revision))
            && let Some(Child::Paragraph(gap)) = self.body.last_mut()
        {
            gap.property = gap
                .property
                .clone()
                .run_property(self.changes.mark(revision));
        }
    }

    /// The paragraphs of a cell: at least one, as Word requires.
    fn cell_paragraphs(
        &mut self,
        paragraphs: &[tree::Paragraph],
        align: Align,
        look: Look,
    ) -> Vec<docx_rs::Paragraph> {
        let mut out: Vec<docx_rs::Paragraph> = paragraphs
            .iter()
            .map(|paragraph| {
                let cell = self.paragraph().style("TableText").align(alignment(align));
                self.content(cell, paragraph, look)
            })
            .collect();
        if out.is_empty() {
            out.push(self.paragraph().style("TableText"));
        }
        out
    }

    /// Side-by-side signature blocks, without borders, with room to sign
    /// under each « Pour le … » line.
    fn signatures(&mut self, columns: &[Vec<tree::Paragraph>]) {
        if columns.is_empty() {
            return;
        }
        let width = TEXT_WIDTH / columns.len();
        let mut cells = Vec::with_capacity(columns.len());
        for column in columns {
            let mut cell = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Top);
            for (number, paragraph) in column.iter().enumerate() {
                if number == 1 {
                    // The room for the signature itself, under « Pour le … »
                    // and above the name: about 2.5 cm.
                    let room = self
                        .paragraph()
                        .style("Signature")
                        .keep_next(true)
                        .line_spacing(spacer_spacing(SIGNATURE_ROOM));
                    cell = cell.add_paragraph(room);
                }
                // Kept together within the cell; the last line is not tied
                // to what follows the table (the annex, on its own page),
                // which would push the signatures onto a page of their own.
                let last = number + 1 == column.len();
                let out = self.paragraph().style("Signature").keep_next(!last);
                let out = if paragraph.align == Align::Justify {
                    out
                } else {
                    out.align(alignment(paragraph.align))
                };
                cell = cell.add_paragraph(self.content(out, paragraph, Look::default()));
            }
            cells.push(cell);
        }
        let out = docx_rs::Table::new(vec![TableRow::new(cells).cant_split()])
            .set_grid(vec![width; columns.len()])
            .width(width * columns.len(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(TableBorders::new().clear_all())
            .margins(TableCellMargins::new().margin(0, to_usize(twips(SIGNATURE_PAD)), 0, 0));
        self.before_table();
        // The signatures never stand alone on a page: the paragraph before
        // « Fait à … » goes with them.
        let count = self.body.len();
        if count >= 2
            && let Some(Child::Paragraph(paragraph)) = self.body.get_mut(count - 2)
        {
            paragraph.property = paragraph.property.clone().keep_next(true);
        }
        self.body.push(Child::Table(Box::new(out)));
        self.after_table();
    }

    /// The header: the non-compliance marking when there is one, then the
    /// parties, small and grey.
    fn header(&mut self, meta: &Meta) -> Header {
        let mut header = Header::new();
        if let Some(mark) = &meta.watermark {
            let paragraph = self
                .paragraph()
                .style("Header")
                .align(AlignmentType::Center);
            let run = Run::new().bold().color(RED).size(24);
            if let Some(run) = text_run(run, mark) {
                header = header.add_paragraph(paragraph.add_run(run));
            }
        }
        // A thin rule under the parties, as on the PDF's pages.
        let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
            .val(BorderType::Single)
            .size(4)
            .space(4)
            .color("999999");
        let paragraph = self
            .paragraph()
            .style("Header")
            .set_borders(ParagraphBorders::with_empty().set(rule));
        let paragraph = match text_run(Run::new(), &meta.header) {
            Some(run) => paragraph.add_run(run),
            None => paragraph,
        };
        header.add_paragraph(paragraph)
    }

    /// The footer: « Page N / M », then the provenance line, smaller.
    fn footer(&mut self, meta: &Meta) -> Footer {
        let pages = self
            .paragraph()
            .style("Footer")
            .add_run(Run::new().add_text("Page "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" / "))
            .add_num_pages(NumPages::new());
        let provenance = self.paragraph().style("Footer");
        let small = Run::new().size(half_points(PROVENANCE_SIZE)).color(GREY);
        let provenance = match text_run(small, &meta.provenance()) {
            Some(run) => provenance.add_run(run),
            None => provenance,
        };
        Footer::new().add_paragraph(pages).add_paragraph(provenance)
    }
}

/// Line spacing for an empty paragraph of exactly `height` points.
fn spacer_spacing(height: f32) -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(0)
        .line(twips(height))
        .line_rule(LineSpacingType::Exact)
}

/// The spacing of a kind of text: its exact line pitch, the space before
/// and after.
fn spacing(kind: TextGeometry) -> LineSpacing {
    LineSpacing::new()
        .before(twips(kind.before).unsigned_abs())
        .after(twips(kind.after).unsigned_abs())
        .line(twips(kind.line))
        .line_rule(LineSpacingType::Exact)
}

/// A length in twips as docx-rs's table margins take it.
fn to_usize(twips: i32) -> usize {
    usize::try_from(twips).unwrap_or(0)
}

fn alignment(align: Align) -> AlignmentType {
    match align {
        Align::Left => AlignmentType::Left,
        // "both" is the justification Word and LibreOffice know; docx-rs's
        // `Justified` writes a value LibreOffice ignores.
        Align::Justify => AlignmentType::Both,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// Column widths in twips, proportional to the relative widths over the
/// text width. Missing widths count as the average of the others; if all
/// are zero, columns are equal.
fn column_widths(relative: &[u32], columns: usize) -> Vec<usize> {
    let given: Vec<u64> = relative.iter().map(|w| u64::from(*w)).collect();
    let filler = match given.iter().filter(|w| **w > 0).count() {
        0 => 1,
        nonzero => (given.iter().sum::<u64>() / nonzero as u64).max(1),
    };
    let mut weights: Vec<u64> = (0..columns)
        .map(|i| given.get(i).copied().unwrap_or(filler))
        .collect();
    if weights.iter().all(|w| *w == 0) {
        weights = vec![1; columns];
    }
    let total: u64 = weights.iter().sum();
    let text = TEXT_WIDTH as u64;
    let mut widths: Vec<usize> = weights
        .iter()
        .map(|w| usize::try_from(text * w / total.max(1)).unwrap_or(0).max(1))
        .collect();
    // Rounding leftovers go to the last column, so the table fills the line.
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut()
        && used < TEXT_WIDTH
    {
        *last += TEXT_WIDTH - used;
    }
    widths
}

/// The runs of an address: a HYPERLINK field around the text, so that no
/// relationship is needed (docx-rs numbers those from a process-wide
/// counter and lists them in random order). Plain text when the address is
/// empty.
fn link_runs(look: Look, text: &str, url: &str, deleted: bool) -> Vec<Run> {
    let shown = look.run().color(LINK_BLUE).underline("single");
    let Some(shown) = text_run_as(shown, text, deleted) else {
        return Vec::new();
    };
    let target = field_url(url);
    if target.is_empty() {
        return vec![shown];
    }
    let instruction = format!(" HYPERLINK \"{target}\" ");
    let begin = Run::new().add_field_char(FieldCharType::Begin, false);
    let begin = if deleted {
        begin.add_delete_instr_text(DeleteInstrText::Unsupported(instruction))
    } else {
        begin.add_instr_text(InstrText::Unsupported(instruction))
    };
    vec![
        begin.add_field_char(FieldCharType::Separate, false),
        shown,
        Run::new().add_field_char(FieldCharType::End, false),
    ]
}

/// An address as it may sit, quoted, in a field instruction that docx-rs
/// writes without escaping: XML specials escaped, and the characters that
/// would end the quotes or break the field percent-encoded.
fn field_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in xml_safe(url).chars() {
        match c {
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            ' ' => out.push_str("%20"),
            c if c.is_whitespace() || c.is_control() => {}
            c => push_escaped(&mut out, c),
        }
    }
    out
}

/// A run of text: characters XML forbids are dropped, line feeds become
/// line breaks and tabs become tabs (docx-rs would delete the line feeds).
/// `None` when nothing is left to show.
fn text_run(run: Run, text: &str) -> Option<Run> {
    text_run_as(run, text, false)
}

/// Like [`text_run`]; deleted text is written as `w:delText`.
fn text_run_as(mut run: Run, text: &str, deleted: bool) -> Option<Run> {
    let clean = xml_safe(text).replace("\r\n", "\n").replace('\r', "\n");
    if clean.is_empty() {
        return None;
    }
    for (line_index, line) in clean.split('\n').enumerate() {
        if line_index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (part_index, part) in line.split('\t').enumerate() {
            if part_index > 0 {
                run = run.add_tab();
            }
            if !part.is_empty() {
                run = if deleted {
                    run.add_delete_text(part)
                } else {
                    run.add_text(part)
                };
            }
        }
    }
    Some(run)
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// Body text: Arial, justified, with the body's size, line pitch and
/// spacing (crate::document::geometry), without widows and orphans.
fn normal_style() -> docx_rs::Style {
    let mut normal = docx_rs::Style::new("Normal", StyleType::Paragraph)
        .name("Normal")
        .fonts(fonts())
        .size(BODY_SIZE)
        .line_spacing(spacing(BODY))
        .align(AlignmentType::Both);
    normal.paragraph_property = normal.paragraph_property.widow_control(true);
    normal
}

/// The styles besides Normal, each with its geometry. Heading names are
/// Word's built-in ones (« heading 1 »), which Word and LibreOffice show in
/// their navigation.
fn styles() -> Vec<docx_rs::Style> {
    let paragraph = |id: &str, name: &str, kind: TextGeometry| {
        docx_rs::Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(half_points(kind.size))
            .line_spacing(spacing(kind))
    };

    let mut title = paragraph("Title", "Title", TITLE)
        .bold()
        .align(AlignmentType::Center);
    title.paragraph_property = title.paragraph_property.keep_next(true).keep_lines(true);

    let mut heading1 = paragraph("Heading1", "heading 1", HEADING1)
        .bold()
        .align(AlignmentType::Left)
        .outline_lvl(0);
    heading1.paragraph_property = heading1.paragraph_property.keep_next(true).keep_lines(true);

    let mut heading2 = paragraph("Heading2", "heading 2", HEADING2)
        .bold()
        .align(AlignmentType::Left)
        .outline_lvl(1);
    heading2.paragraph_property = heading2.paragraph_property.keep_next(true).keep_lines(true);

    let hanging = twips(LIST_INDENT - BULLET_INDENT);
    let list = paragraph("ListParagraph", "List Paragraph", LIST_ITEM).indent(
        Some(twips(LIST_INDENT)),
        Some(SpecialIndentType::Hanging(hanging)),
        None,
        None,
    );

    let table_text = paragraph("TableText", "Table Text", CELL).align(AlignmentType::Left);

    let signature = paragraph("Signature", "Signature", SIGNATURE).align(AlignmentType::Left);

    let footnote_text = paragraph("FootnoteText", "footnote text", NOTE).align(AlignmentType::Left);

    // docx-rs gives a footnote's call this style and nothing else, so the
    // style must raise it.
    let mut footnote_reference =
        docx_rs::Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    footnote_reference.run_property = footnote_reference
        .run_property
        .vert_align(VertAlignType::SuperScript);

    let header = docx_rs::Style::new("Header", StyleType::Paragraph)
        .name("header")
        .based_on("Normal")
        .next("Normal")
        .size(half_points(HEADER_SIZE))
        .color(GREY)
        .align(AlignmentType::Right)
        .line_spacing(LineSpacing::new().before(0).after(0));

    let footer = docx_rs::Style::new("Footer", StyleType::Paragraph)
        .name("footer")
        .based_on("Normal")
        .next("Normal")
        .size(half_points(FOOTER_SIZE))
        .color(GREY)
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0));

    vec![
        title,
        heading1,
        heading2,
        list,
        table_text,
        signature,
        footnote_text,
        footnote_reference,
        header,
        footer,
    ]
}

/// Bullets: « • », then « – » and « ◦ » for deeper levels.
fn bullets() -> AbstractNumbering {
    let level = |index: usize, glyph: &str| {
        let indent = twips(LIST_INDENT) * (1 + i32::try_from(index).unwrap_or(0));
        Level::new(
            index,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new(glyph),
            LevelJc::new("left"),
        )
        .indent(
            Some(indent),
            Some(SpecialIndentType::Hanging(twips(
                LIST_INDENT - BULLET_INDENT,
            ))),
            None,
            None,
        )
        .fonts(fonts())
    };
    AbstractNumbering::new(BULLETS)
        .add_level(level(0, "\u{2022}"))
        .add_level(level(1, "\u{2013}"))
        .add_level(level(2, "\u{25E6}"))
}

/// Puts our Normal style in place of docx-rs's empty one, and the French
/// language in the default run properties.
fn patch_styles(xml: &mut XMLDocx) -> Result<(), DocxError> {
    let normal = String::from_utf8(normal_style().build())
        .map_err(|_| DocxError::UnexpectedOutput("style Normal"))?;
    let opening = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
    if normal.matches(opening).count() != 1 {
        return Err(DocxError::UnexpectedOutput("style Normal"));
    }
    let normal = normal.replacen(
        opening,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
        1,
    );
    replace_exact(&mut xml.styles, BUILTIN_NORMAL, &normal, 1, "style Normal")?;
    replace_exact(
        &mut xml.styles,
        DEFAULT_RUN_PROPERTIES_END,
        r#"<w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA" /></w:rPr></w:rPrDefault>"#,
        1,
        "propriétés par défaut",
    )
}

/// The content types and relationship of the comment parts, which docx-rs
/// always declares.
const COMMENT_PARTS: [(&str, &str); 2] = [
    (
        r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml" />"#,
        "",
    ),
    (
        r#"<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml" />"#,
        r#"<Relationship Id="rId5" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml" />"#,
    ),
];

/// Takes out the empty comment parts docx-rs always writes (one of them
/// named by no relationship), their content types and relationship: a
/// file without comments has no comments part.
fn drop_comment_parts(xml: &mut XMLDocx) -> Result<(), DocxError> {
    for (content_type, relationship) in COMMENT_PARTS {
        replace_exact(
            &mut xml.content_type,
            content_type,
            "",
            1,
            "types de contenu",
        )?;
        if !relationship.is_empty() {
            replace_exact(&mut xml.document_rels, relationship, "", 1, "relations")?;
        }
    }
    if std::str::from_utf8(&xml.comments).is_ok_and(|text| text.contains("<w:comment ")) {
        return Err(DocxError::UnexpectedOutput("commentaires"));
    }
    xml.comments.clear();
    xml.comments_extended.clear();
    Ok(())
}

/// Writes each comment's initials, which docx-rs leaves empty: in one
/// pass over the part, each comment's opening tag found once (a file of
/// thousands of remarks is not searched once a remark).
fn set_initials(comments: &mut Vec<u8>, initials: &[(usize, String)]) -> Result<(), DocxError> {
    let unexpected = || DocxError::UnexpectedOutput("commentaires");
    let text = String::from_utf8(std::mem::take(comments)).map_err(|_| unexpected())?;
    let mut wanted: std::collections::HashMap<usize, &str> = initials
        .iter()
        .map(|(id, letters)| (*id, letters.as_str()))
        .collect();
    if wanted.len() != initials.len() {
        return Err(unexpected());
    }
    let opening = "<w:comment w:id=\"";
    let empty = " w:initials=\"\"";
    let mut out = String::with_capacity(text.len() + 8 * initials.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(opening) {
        let after = &rest[at + opening.len()..];
        let digits = after.find('"').ok_or_else(unexpected)?;
        let end = after.find('>').ok_or_else(unexpected)?;
        let tag_end = at + opening.len() + end;
        let id: Option<usize> = after[..digits].parse().ok();
        match id.and_then(|id| wanted.remove(&id)) {
            Some(letters) => {
                let tag = &rest[..tag_end];
                let place = tag[at..].find(empty).map(|offset| at + offset);
                let place = place.ok_or_else(unexpected)?;
                out.push_str(&tag[..place]);
                out.push_str(&format!(" w:initials=\"{}\"", xml_escape(letters)));
                out.push_str(&tag[place + empty.len()..]);
            }
            // A comment written twice, or one not asked for.
            None if id.is_some_and(|id| initials.iter().any(|(known, _)| *known == id)) => {
                return Err(unexpected());
            }
            None => out.push_str(&rest[..tag_end]),
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    if !wanted.is_empty() {
        return Err(unexpected());
    }
    *comments = out.into_bytes();
    Ok(())
}

/// Adds the separator lines above the notes, as Word writes them (docx-rs
/// writes none; LibreOffice draws its own, Word expects them).
fn add_footnote_separators(xml: &mut XMLDocx) -> Result<(), DocxError> {
    let first = r#"<w:footnote w:id="1">"#;
    let separators = concat!(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:separator /></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:id="1">"#,
    );
    replace_exact(&mut xml.footnotes, first, separators, 1, "notes")?;
    replace_exact(
        &mut xml.settings,
        "<w:compat>",
        r#"<w:footnotePr><w:footnote w:id="-1" /><w:footnote w:id="0" /></w:footnotePr><w:compat>"#,
        1,
        "réglages des notes",
    )
}

/// Numbers the tracked changes of a part from `next`, in order: docx-rs
/// draws their ids from a process-wide counter.
fn renumber_revisions(part: &mut Vec<u8>, next: &mut usize) -> Result<(), DocxError> {
    let text = std::str::from_utf8(part).map_err(|_| DocxError::UnexpectedOutput("révisions"))?;
    if !text.contains("<w:ins ") && !text.contains("<w:del ") {
        return Ok(());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let found = ["<w:ins w:id=\"", "<w:del w:id=\""]
            .iter()
            .filter_map(|tag| rest.find(tag).map(|at| (at, tag.len())))
            .min();
        let Some((at, length)) = found else {
            break;
        };
        let value_start = at + length;
        let value_end = rest[value_start..]
            .find('"')
            .map(|end| value_start + end)
            .ok_or(DocxError::UnexpectedOutput("révisions"))?;
        out.push_str(&rest[..value_start]);
        out.push_str(&next.to_string());
        *next += 1;
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    *part = out.into_bytes();
    Ok(())
}

/// Replaces every occurrence of `from` in an XML part, which must occur
/// exactly `expected` times.
fn replace_exact(
    part: &mut Vec<u8>,
    from: &str,
    to: &str,
    expected: usize,
    what: &'static str,
) -> Result<(), DocxError> {
    let text = std::str::from_utf8(part).map_err(|_| DocxError::UnexpectedOutput(what))?;
    if text.matches(from).count() != expected {
        return Err(DocxError::UnexpectedOutput(what));
    }
    if expected > 0 {
        *part = text.replace(from, to).into_bytes();
    }
    Ok(())
}

/// The file's date: the document's date at midnight UTC, or a fixed date.
fn file_date(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map(|date| date.format("%Y-%m-%dT00:00:00Z").to_string())
        .unwrap_or_else(|_| FALLBACK_DATE.to_owned())
}

/// `docProps/core.xml`: title, subject, author, keywords, description,
/// language and dates.
fn core_xml(meta: &Meta) -> String {
    let date = file_date(&meta.date);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{author}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords>",
            "<dc:description>{description}</dc:description>",
            "<dc:language>fr-FR</dc:language>",
            "<cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = xml_escape(&meta.title),
        subject = xml_escape(&meta.subject),
        author = xml_escape(&meta.author),
        keywords = xml_escape(&meta.keywords.join(", ")),
        description = xml_escape(&meta.provenance()),
        date = date,
    )
}

/// `docProps/custom.xml`: text properties, in the given order.
fn custom_xml(properties: &[(&str, &str)]) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
    ));
    for (index, (name, value)) in properties.iter().enumerate() {
        // Property ids start at 2; the format id is the one for user
        // defined properties.
        out.push_str(&format!(
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            index + 2,
            xml_escape(name),
            xml_escape(value)
        ));
    }
    out.push_str("</Properties>");
    out
}

/// Parts up to this many bytes are stored rather than deflated.
const SMALL_PART: usize = 8192;

/// Packs the parts into the archive, in docx-rs's order and under its
/// names, with fixed timestamps and permissions and without directory
/// entries: the bytes depend neither on the clock nor on the `zip` crate's
/// features. The document never has images, add-ins or custom XML; should
/// docx-rs ever give such parts, they are packed by docx-rs and re-packed.
fn pack(xml: XMLDocx) -> Result<Vec<u8>, DocxError> {
    if !xml.media.is_empty() || xml.taskpanes.is_some() || !xml.custom_items.is_empty() {
        return repack(xml);
    }
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &xml.content_type),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), &xml.doc_props.core),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &xml.document_rels),
        ("word/document.xml".into(), &xml.document),
        ("word/styles.xml".into(), &xml.styles),
        ("word/settings.xml".into(), &xml.settings),
        ("word/fontTable.xml".into(), &xml.font_table),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), &xml.numberings),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
        ("word/footnotes.xml".into(), &xml.footnotes),
    ];
    for (kind, items, rels) in [
        ("header", &xml.headers, &xml.header_rels),
        ("footer", &xml.footers, &xml.footer_rels),
    ] {
        for (index, item) in items.iter().enumerate() {
            let number = index + 1;
            parts.push((format!("word/{kind}{number}.xml"), item));
            if let Some(rels) = rels.get(index) {
                parts.push((format!("word/_rels/{kind}{number}.xml.rels"), rels));
            }
        }
    }
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Parts left empty (the comment parts of a file without comments) are
    // not packed.
    for (name, data) in parts.into_iter().filter(|(_, data)| !data.is_empty()) {
        writer.start_file(name, part_options(data.len()))?;
        writer.write_all(data)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// How a part of `size` bytes is archived: small parts are stored, since
/// setting up a compressor costs more than it saves on a few kilobytes;
/// larger ones are deflated at the fastest level, as the PDF's streams
/// are: level 6 took about three times as long on the reference's
/// 70 kB `document.xml` for a file 5 kB (13 %) smaller.
fn part_options(size: usize) -> zip::write::SimpleFileOptions {
    let options = zip::write::SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::DEFAULT)
        .unix_permissions(0o644);
    if size > SMALL_PART {
        options
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1))
    } else {
        options.compression_method(zip::CompressionMethod::Stored)
    }
}

/// Packs with docx-rs, then re-packs as [`pack`] does.
fn repack(xml: XMLDocx) -> Result<Vec<u8>, DocxError> {
    let mut packed = Cursor::new(Vec::new());
    xml.pack(&mut packed)?;
    let mut archive = zip::ZipArchive::new(Cursor::new(packed.into_inner()))?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut data = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_owned();
        data.clear();
        entry.read_to_end(&mut data)?;
        if data.is_empty() {
            continue;
        }
        writer.start_file(name, part_options(data.len()))?;
        writer.write_all(&data)?;
    }
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_the_parts_ourselves_gives_what_docx_rs_packing_gives() {
        let document = crate::document::render(
            &crate::model::example(),
            &crate::document::RenderOptions::default(),
        )
        .expect("renders");
        let ours = pack(parts(&document, &[]).expect("parts")).expect("packs");
        let through_docx_rs = repack(parts(&document, &[]).expect("parts")).expect("packs");
        assert_eq!(ours, through_docx_rs);
    }

    #[test]
    fn field_addresses_cannot_leave_their_quotes() {
        assert_eq!(
            field_url("https://a.fr/?q=\"x\" y&z<\\"),
            "https://a.fr/?q=%22x%22%20y&amp;z&lt;%5C"
        );
        assert_eq!(field_url("\u{1}"), "");
    }

    #[test]
    fn column_widths_fill_the_text_width() {
        let widths = column_widths(&[12, 17, 17], 3);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(widths[0] < widths[1] && widths[1].abs_diff(widths[2]) <= 2);
        // Fewer widths than columns, zero widths, no widths at all.
        assert_eq!(column_widths(&[1], 3).iter().sum::<usize>(), TEXT_WIDTH);
        assert_eq!(column_widths(&[0, 0], 2), [TEXT_WIDTH / 2, TEXT_WIDTH / 2]);
        assert_eq!(column_widths(&[], 1), [TEXT_WIDTH]);
        let huge = column_widths(&[u32::MAX, u32::MAX, 1], 3);
        assert_eq!(huge.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(huge[2] >= 1);
    }

    #[test]
    fn file_dates_come_from_the_document_or_a_fixed_date() {
        assert_eq!(file_date("2022-05-19"), "2022-05-19T00:00:00Z");
        assert_eq!(file_date(""), FALLBACK_DATE);
        assert_eq!(file_date("19/05/2022"), FALLBACK_DATE);
    }

    #[test]
    fn a_patch_that_does_not_match_is_an_error_not_a_panic() {
        let mut part = b"<a><b /></a>".to_vec();
        assert!(matches!(
            replace_exact(&mut part, "<c />", "<d />", 1, "test"),
            Err(DocxError::UnexpectedOutput("test"))
        ));
        assert!(replace_exact(&mut part, "<b />", "<d />", 2, "test").is_err());
        replace_exact(&mut part, "<b />", "<d />", 1, "test").expect("one match");
        assert_eq!(part, b"<a><d /></a>");
        let mut invalid = vec![0xff, 0xfe];
        assert!(replace_exact(&mut invalid, "x", "y", 0, "test").is_err());
    }

    #[test]
    fn properties_are_escaped_and_ordered() {
        let meta = Meta {
            title: "A & <B>".to_owned(),
            keywords: vec!["un".to_owned(), "deux\u{1}".to_owned()],
            date: "2022-05-19".to_owned(),
            ..Meta::default()
        };
        let core = core_xml(&meta);
        assert!(core.contains("<dc:title>A &amp; &lt;B&gt;</dc:title>"));
        assert!(core.contains("<cp:keywords>un, deux</cp:keywords>"));
        assert!(core.contains(">2022-05-19T00:00:00Z</dcterms:created>"));
        let custom = custom_xml(&[("b", "1"), ("a", "x\"y")]);
        let b = custom.find("name=\"b\"").expect("b");
        let a = custom.find("name=\"a\"").expect("a");
        assert!(b < a && custom.contains("pid=\"3\" name=\"a\"><vt:lpwstr>x&quot;y<"));
    }

    #[test]
    fn text_runs_turn_line_feeds_into_breaks() {
        let run = text_run(Run::new(), "a\nb\tc\r\nd").expect("text");
        let xml = String::from_utf8(run.build()).expect("utf-8");
        assert_eq!(xml.matches("<w:br").count(), 2);
        assert_eq!(xml.matches("<w:tab").count(), 1);
        assert!(text_run(Run::new(), "\u{1}\u{FFFE}").is_none());
    }
}

#[cfg(test)]
mod initials_tests {
    use super::*;

    fn part(ids: impl Iterator<Item = usize>) -> Vec<u8> {
        let comments: String = ids
            .map(|id| format!(r#"<w:comment w:id="{id}" w:author="A" w:date="2024-05-19T14:30:00Z" w:initials=""><w:p/></w:comment>"#))
            .collect();
        format!("<w:comments>{comments}</w:comments>").into_bytes()
    }

    #[test]
    fn thousands_of_comments_get_their_initials_in_one_pass() {
        let count = 20_000;
        let mut comments = part(1..=count);
        let initials: Vec<(usize, String)> = (1..=count)
            .map(|id| {
                (
                    id,
                    if id == 7 {
                        "A&B".to_owned()
                    } else {
                        "JM".to_owned()
                    },
                )
            })
            .collect();
        let start = std::time::Instant::now();
        set_initials(&mut comments, &initials).expect("set");
        // Once a remark, the search took minutes for 20 000: a guard against
        // that, not a speed target (a shared machine may be loaded).
        assert!(start.elapsed() < std::time::Duration::from_secs(60));
        let text = String::from_utf8(comments).expect("text");
        assert_eq!(text.matches(r#"w:initials="JM""#).count(), count - 1);
        assert!(text.contains(r#"<w:comment w:id="7" w:author="A" w:date="2024-05-19T14:30:00Z" w:initials="A&amp;B">"#));
        assert!(!text.contains(r#"w:initials="""#));
    }

    #[test]
    fn a_comment_missing_or_written_twice_is_unexpected() {
        let initials = vec![(1, "A".to_owned()), (2, "B".to_owned())];
        let mut missing = part(1..=1);
        assert!(set_initials(&mut missing, &initials).is_err());
        let mut twice = part([1, 2, 2].into_iter());
        assert!(set_initials(&mut twice, &initials).is_err());
        let mut right = part(1..=2);
        assert!(set_initials(&mut right, &initials).is_ok());
    }
}
