//! Page layout: the document tree measured into chunks (lines of text,
//! table rows, signature blocks), then laid on A4 pages with keeps,
//! repeated table headers, and footnotes at the foot of the page that
//! calls them.
//!
//! A chunk is what cannot be cut between two pages: a line of a paragraph,
//! a table row, the signature block. Chunks marked `keep_with_next` travel
//! with the following one (headings with what follows, the first two and
//! the last two lines of a paragraph, header rows with the first row).
//! Only a row taller than a whole page is ever cut, between its lines.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::rc::Rc;

use super::fonts::{ASCENT, DESCENT, Face, Fonts, Measure as _};
use super::lines::{Frag, Ink, Piece, RunStyle, Span, break_lines};
use crate::document::geometry::{
    self, BODY, BORDER, BULLET_INDENT, CELL, CELL_PAD_X, CELL_PAD_Y, HEADING1, HEADING2,
    KEEP_TABLE_ROWS, LIST_INDENT, LIST_ITEM, NOTE, SIGNATURE, SIGNATURE_PAD, SIGNATURE_ROOM,
    TABLE_GAP, TITLE, TextGeometry,
};
use crate::document::hyphenation::soft_hyphens;
use crate::document::{
    Align, Block, Document, Inline, Paragraph, Revision, Row, Table, push_inlines,
};

/// A4, in points.
pub(crate) const PAGE_WIDTH: f32 = geometry::PAGE_WIDTH;
/// See [`PAGE_WIDTH`].
pub(crate) const PAGE_HEIGHT: f32 = geometry::PAGE_HEIGHT;
/// Left and right margins.
pub(crate) const MARGIN_SIDE: f32 = geometry::MARGIN_SIDE;
/// The width of the text.
pub(crate) const TEXT_WIDTH: f32 = geometry::TEXT_WIDTH;
/// Where the body starts, from the bottom of the page.
const BODY_TOP: f32 = PAGE_HEIGHT - geometry::MARGIN_TOP;
/// Where the body (footnotes included) ends.
pub(crate) const BODY_BOTTOM: f32 = geometry::MARGIN_BOTTOM;
/// Footnotes: text size, indent after the number, and the band above them
/// that holds the separating rule.
pub(crate) const NOTE_SIZE: f32 = NOTE.size;
const NOTE_INDENT: f32 = 10.0;
/// The band is LibreOffice's room between the body and the DOCX's notes:
/// at most 11.5 pt as measured (a line ending 11.55 pt above the first
/// note fits), 6 pt matching every page end of `tests/pagination.rs` and
/// of 37 more drafts tried.
pub(crate) const NOTE_BAND: f32 = 6.0;
/// A footnote call: its size and how far it is raised, relative to the text.
const CALL_SCALE: f32 = 0.62;
const CALL_RISE: f32 = 0.36;
/// Rounding slack when comparing heights.
const EPSILON: f32 = 0.01;

/// A run of text at its final horizontal position.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Run {
    /// Where it starts, from the left edge of the page.
    pub x: f32,
    /// How much each of its spaces widens (justification), in points.
    pub extra: f32,
    /// The text and its style.
    pub frag: Frag,
}

impl Run {
    /// Its width as drawn.
    pub(crate) fn width(&self) -> f32 {
        self.frag.width + self.extra * self.frag.gaps() as f32
    }
}

/// A line of text, placed within its chunk.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TextLine {
    /// From the top of the chunk to the top of the line.
    pub top: f32,
    /// The line's height.
    pub height: f32,
    /// From the top of the line to its baseline.
    pub baseline: f32,
    /// Its runs, left to right.
    pub runs: Vec<Run>,
    /// What it belongs to, for the tagged PDF's structure tree.
    pub owner: Owner,
}

/// What a line of text belongs to in the document: the structure element
/// its marked content goes to in the tagged PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A paragraph, by its index in [`Document::paragraphs`].
    Paragraph(usize),
    /// A footnote, by its number - 1.
    Note(usize),
    /// Not content: a table's header rows repeated on a later page.
    Artifact,
}

impl TextLine {
    fn notes(&self) -> impl Iterator<Item = usize> + '_ {
        self.runs.iter().filter_map(|run| run.frag.note)
    }
}

/// The borders and shading of a table row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Frame {
    /// The column edges, left to right, from the left edge of the page.
    pub edges: Vec<f32>,
    /// Whether the row is a header row (shaded).
    pub header: bool,
}

/// How a row belongs to its table.
#[derive(Clone, Debug)]
pub(crate) struct RowOf {
    /// The table's header rows, repeated at the top of a new page.
    header: Rc<Vec<Chunk>>,
    /// Whether this row is itself a header row.
    is_header: bool,
}

/// What is never cut between pages (see the module's notes).
#[derive(Clone, Debug)]
pub(crate) struct Chunk {
    /// Its height.
    pub height: f32,
    /// Space above it, dropped at the top of a page.
    space_before: f32,
    /// Whether it must sit on the same page as the next chunk.
    keep_with_next: bool,
    /// Whether it starts a new page.
    break_before: bool,
    /// Its text.
    pub lines: Vec<TextLine>,
    /// Borders, for a table row.
    pub frame: Option<Frame>,
    /// Its table, for a table row.
    row_of: Option<RowOf>,
    /// The title of a bookmark pointing here.
    pub bookmark: Option<String>,
    /// Where the document's paragraphs start in it.
    pub marks: Vec<Mark>,
}

/// Where a paragraph of the document starts within a chunk.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Mark {
    /// The paragraph's index in [`Document::paragraphs`].
    pub paragraph: usize,
    /// Its first line's top, down from the chunk's top.
    pub top: f32,
}

impl Chunk {
    fn new(height: f32, lines: Vec<TextLine>) -> Self {
        Self {
            height,
            space_before: 0.0,
            keep_with_next: false,
            break_before: false,
            lines,
            frame: None,
            row_of: None,
            bookmark: None,
            marks: Vec::new(),
        }
    }

    fn notes(&self) -> Vec<usize> {
        self.lines.iter().flat_map(TextLine::notes).collect()
    }
}

/// What is left of a chunk taller than a page while it is cut between its
/// lines, page after page. Its lines stay in the chunk, read from cursors,
/// so each cut costs the lines it places, not all those left: a cell of
/// megabytes is cut in time linear in its length.
struct Rest<'c> {
    /// The chunk being cut.
    chunk: &'c Chunk,
    /// Its lines, as runs whose tops increase (one per column of a row):
    /// the next line of each run still to place, and the run's end.
    lines: Vec<(usize, usize)>,
    /// Its marks, in runs the same way.
    marks: Vec<(usize, usize)>,
    /// How far up what is left has moved: the height already placed.
    shift: f32,
    /// The height of what is left.
    height: f32,
    /// Whether a part was placed already (the rest then has no space
    /// before, no page break and no bookmark of its own).
    cut: bool,
}

/// The runs of increasing values in `tops`, as ranges of indices.
fn increasing_runs(tops: impl Iterator<Item = f32>) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut previous: Option<f32> = None;
    let mut start = 0;
    let mut count = 0;
    for (index, top) in tops.enumerate() {
        if previous.is_some_and(|p| top <= p) {
            runs.push((start, index));
            start = index;
        }
        previous = Some(top);
        count = index + 1;
    }
    if count > start {
        runs.push((start, count));
    }
    runs
}

impl<'c> Rest<'c> {
    fn new(chunk: &'c Chunk) -> Self {
        Self {
            chunk,
            lines: increasing_runs(chunk.lines.iter().map(|line| line.top)),
            marks: increasing_runs(chunk.marks.iter().map(|mark| mark.top)),
            shift: 0.0,
            height: chunk.height,
            cut: false,
        }
    }

    fn pad(&self) -> f32 {
        if self.chunk.frame.is_some() {
            CELL_PAD_Y
        } else {
            0.0
        }
    }

    /// A line still to place, moved up to the rest's top.
    fn line(&self, index: usize) -> Option<TextLine> {
        self.chunk.lines.get(index).map(|line| TextLine {
            top: line.top - self.shift,
            ..line.clone()
        })
    }

    /// A mark still to place, moved up to the rest's top.
    fn mark(&self, index: usize) -> Option<Mark> {
        self.chunk.marks.get(index).map(|mark| Mark {
            top: (mark.top - self.shift).max(0.0),
            ..*mark
        })
    }

    /// Whether what is left fits in `room` with its notes.
    fn fits(&self, room: f32, paginator: &Paginator<'_>) -> bool {
        // Notes only add height: a rest taller than the room never fits,
        // and its notes are then not counted (that would read every line
        // left, at every page).
        if self.height > room + EPSILON {
            return false;
        }
        let notes: Vec<usize> = self
            .lines
            .iter()
            .flat_map(|&(next, end)| self.chunk.lines[next..end].iter())
            .flat_map(TextLine::notes)
            .collect();
        self.height + paginator.notes_need(&notes) <= room + EPSILON
    }

    /// The first part of what is left, cut between lines so that it fits in
    /// `available` points; `None` when not even one line fits or nothing
    /// needs cutting.
    fn next_part(&mut self, available: f32) -> Option<Chunk> {
        let pad = self.pad();
        let limit = available - pad;
        // Where to cut: the top of the highest line that does not fit. In
        // each run, the lines before it fit; they are the only ones read.
        let mut cut = f32::INFINITY;
        for &(next, end) in &self.lines {
            let over = self.chunk.lines[next..end]
                .iter()
                .map(|line| (line.top - self.shift, line.height))
                .find(|(top, height)| top + height > limit + EPSILON);
            if let Some((top, _)) = over {
                cut = cut.min(top);
            }
        }
        if !cut.is_finite() || cut <= pad + EPSILON {
            return None;
        }
        let mut lines = Vec::new();
        for run in 0..self.lines.len() {
            let (mut next, end) = self.lines[run];
            while let Some(line) = (next < end).then(|| self.line(next)).flatten() {
                if line.top >= cut {
                    break;
                }
                lines.push(line);
                next += 1;
            }
            self.lines[run].0 = next;
        }
        let mut marks = Vec::new();
        for run in 0..self.marks.len() {
            let (mut next, end) = self.marks[run];
            while let Some(mark) = (next < end).then(|| self.mark(next)).flatten() {
                if mark.top >= cut {
                    break;
                }
                marks.push(mark);
                next += 1;
            }
            self.marks[run].0 = next;
        }
        let height = lines
            .iter()
            .map(|line| line.top + line.height)
            .fold(0.0, f32::max)
            + pad;
        let part = Chunk {
            height: height.min(available),
            keep_with_next: false,
            lines,
            marks,
            ..self.shell()
        };
        let moved = cut - pad;
        self.shift += moved;
        self.height = (self.height - moved).max(pad * 2.0);
        self.cut = true;
        Some(part)
    }

    /// The chunk's own fields, without lines or marks, as they are for
    /// what is left.
    fn shell(&self) -> Chunk {
        let chunk = self.chunk;
        Chunk {
            height: self.height,
            space_before: if self.cut { 0.0 } else { chunk.space_before },
            keep_with_next: chunk.keep_with_next,
            break_before: !self.cut && chunk.break_before,
            lines: Vec::new(),
            frame: chunk.frame.clone(),
            row_of: chunk.row_of.clone(),
            bookmark: if self.cut {
                None
            } else {
                chunk.bookmark.clone()
            },
            marks: Vec::new(),
        }
    }

    /// What is left, as a chunk.
    fn into_chunk(self) -> Chunk {
        let lines = self
            .lines
            .iter()
            .flat_map(|&(next, end)| next..end)
            .filter_map(|index| self.line(index))
            .collect();
        let marks = self
            .marks
            .iter()
            .flat_map(|&(next, end)| next..end)
            .filter_map(|index| self.mark(index))
            .collect();
        Chunk {
            lines,
            marks,
            ..self.shell()
        }
    }
}

/// A chunk on a page.
#[derive(Clone, Debug)]
pub(crate) struct Placed {
    /// The y of its top, from the bottom of the page.
    pub top: f32,
    /// The chunk.
    pub chunk: Chunk,
}

/// One page: its body and its footnotes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    /// The chunks, top to bottom.
    pub body: Vec<Placed>,
    /// The footnote lines, their tops measured from the top of the first.
    pub notes: Vec<TextLine>,
    /// The height of the footnote area, its rule included (0 without notes).
    pub notes_height: f32,
}

impl Page {
    /// Adds a footnote line, `gap_before` under the previous one (none
    /// above the first of the page, nor under the last: LibreOffice's
    /// spacing of the DOCX's notes).
    fn add_note_line(&mut self, mut line: TextLine, gap_before: f32) {
        if self.notes.is_empty() {
            self.notes_height = NOTE_BAND;
        } else {
            self.notes_height += gap_before;
        }
        line.top = self.notes_height - NOTE_BAND;
        self.notes_height += line.height;
        self.notes.push(line);
    }

    /// The height a footnote line with `gap_before` adds to the page.
    fn note_line_need(&self, note: &NoteLine) -> f32 {
        let above = if self.notes.is_empty() {
            NOTE_BAND
        } else {
            note.gap_before
        };
        note.line.height + above
    }
}

/// Lays a document out on pages (at least one).
pub(crate) fn layout(document: &Document, fonts: &Fonts) -> Vec<Page> {
    let mut builder = Builder {
        fonts,
        chunks: Vec::new(),
        notes: Vec::new(),
        space_after: 0.0,
        break_next: false,
        block_starts: Vec::new(),
        paragraphs: 0,
    };
    for (index, block) in document.blocks.iter().enumerate() {
        let next = document.blocks.get(index + 1);
        builder.block(block, next);
    }
    let mut paginator = Paginator {
        notes: &builder.notes,
        pages: Vec::new(),
        page: Page::default(),
        y: BODY_TOP,
        fresh: true,
        flowed: false,
        carry: VecDeque::new(),
    };
    paginator.run(&builder.chunks);
    paginator.finish()
}

/// The style of a block's text.
#[derive(Clone, Copy)]
struct Base {
    size: f32,
    bold: bool,
    /// Whether its words may be cut with a hyphen (justified text).
    hyphenate: bool,
}

/// Measures blocks into chunks.
struct Builder<'a> {
    fonts: &'a Fonts,
    chunks: Vec<Chunk>,
    /// Footnote bodies, by number - 1; their lines' tops from the first.
    notes: Vec<Vec<TextLine>>,
    /// The space the previous block wants below it.
    space_after: f32,
    /// Whether the next chunk starts a new page.
    break_next: bool,
    /// Where each block's chunks start.
    block_starts: Vec<usize>,
    /// How many of the document's paragraphs were measured.
    paragraphs: usize,
}

impl Builder<'_> {
    /// The next paragraph's mark, at `top` in its chunk.
    fn mark(&mut self, top: f32) -> Mark {
        let mark = Mark {
            paragraph: self.paragraphs,
            top,
        };
        self.paragraphs += 1;
        mark
    }

    /// Marks the start of the next paragraph on the first of its chunks.
    fn mark_first(&mut self, chunks: &mut [Chunk]) {
        let mark = self.mark(0.0);
        if let Some(first) = chunks.first_mut() {
            first.marks.push(mark);
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Title(paragraph) => {
                let chunks = self.heading_chunks(&paragraph.content, TITLE, Align::Center, false);
                self.push_block(chunks, TITLE.before, TITLE.after);
            }
            Block::Heading { level, text } => {
                let kind = if *level <= 1 { HEADING1 } else { HEADING2 };
                let chunks = self.heading_chunks(&text.content, kind, Align::Left, *level <= 1);
                self.push_block(chunks, kind.before, kind.after);
            }
            Block::Paragraph(paragraph) => {
                let keep = geometry::keeps_with_next(paragraph, next);
                let mut chunks = self.paragraph(paragraph, keep);
                self.mark_first(&mut chunks);
                self.push_block(chunks, BODY.before, BODY.after);
            }
            Block::List(items) => {
                self.list(items);
                // The last item introduces a table or the signatures: kept
                // whole with them, as the DOCX's (see `before_table`).
                if !items.is_empty()
                    && matches!(next, Some(Block::Table(_) | Block::Signatures(_)))
                    && let Some(&start) = self.block_starts.last()
                {
                    let last_item = self.chunks[start..]
                        .iter()
                        .rposition(|chunk| !chunk.marks.is_empty())
                        .map_or(start, |at| start + at);
                    for chunk in &mut self.chunks[last_item..] {
                        chunk.keep_with_next = true;
                    }
                }
            }
            Block::Table(table) => self.table(table),
            Block::Signatures(columns) => {
                // The signatures never stand alone on a page with « Fait à
                // … »: the paragraph before that goes with them, whole, as
                // LibreOffice lays out the DOCX.
                if let [.., before, last] = *self.block_starts.as_slice()
                    && let Some(chunks) = self.chunks.get_mut(before..last)
                {
                    for chunk in chunks {
                        chunk.keep_with_next = true;
                    }
                }
                self.signatures(columns);
            }
            Block::PageBreak => {
                self.break_next = true;
                self.space_after = 0.0;
            }
        }
    }

    /// The chunks of the title or a heading: its lines kept together and
    /// with what follows; a bookmark on the first for a level-1 heading.
    fn heading_chunks(
        &mut self,
        content: &[Inline],
        kind: TextGeometry,
        align: Align,
        bookmark: bool,
    ) -> Vec<Chunk> {
        let base = Base {
            size: kind.size,
            bold: true,
            hyphenate: false,
        };
        let pieces = self.pieces(content, base, false);
        let lines = self.text_lines(&pieces, MARGIN_SIDE, TEXT_WIDTH, align, kind);
        let lines = owned(Owner::Paragraph(self.paragraphs), lines);
        let mut chunks = lines_to_chunks(lines, |_, _| true);
        self.mark_first(&mut chunks);
        if bookmark && let Some(first) = chunks.first_mut() {
            let mut title = String::new();
            push_inlines(&mut title, content);
            first.bookmark = Some(title.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        chunks
    }

    /// Appends a block's chunks, with the space between blocks on its first:
    /// the larger of the space after the previous block and the space
    /// before this one, as LibreOffice spaces a DOCX.
    fn push_block(&mut self, mut chunks: Vec<Chunk>, before: f32, after: f32) {
        if let Some(first) = chunks.first_mut() {
            first.space_before = self.space_after.max(before);
            first.break_before = std::mem::take(&mut self.break_next);
            self.space_after = after;
            self.block_starts.push(self.chunks.len());
            self.chunks.append(&mut chunks);
        }
    }

    /// Before a table: a page break waiting is carried by an empty line,
    /// as in the DOCX.
    fn break_spacer(&mut self) {
        if self.break_next {
            self.push_block(
                vec![Chunk::new(geometry::BREAK_SPACER, Vec::new())],
                0.0,
                0.0,
            );
        }
    }

    /// The empty line after a table (the DOCX's spacer paragraph): a chunk
    /// of its own, which takes its room at the top of a page as a line does.
    fn push_table_gap(&mut self) {
        let mut gap = Chunk::new(TABLE_GAP, Vec::new());
        gap.space_before = std::mem::take(&mut self.space_after);
        self.chunks.push(gap);
    }

    fn paragraph(&mut self, paragraph: &Paragraph, keep_with_next: bool) -> Vec<Chunk> {
        let base = Base {
            size: BODY.size,
            bold: false,
            hyphenate: paragraph.align == Align::Justify,
        };
        let pieces = self.pieces(&paragraph.content, base, false);
        let lines = self.text_lines(&pieces, MARGIN_SIDE, TEXT_WIDTH, paragraph.align, BODY);
        let lines = owned(Owner::Paragraph(self.paragraphs), lines);
        // A paragraph that keeps with the next block is not split either:
        // LibreOffice moves it whole (measured on the paragraph before
        // « Fait à … »).
        lines_to_chunks(lines, |index, count| {
            keeps_lines(index, count) || keep_with_next
        })
    }

    fn list(&mut self, items: &[Paragraph]) {
        let base = Base {
            size: LIST_ITEM.size,
            bold: false,
            hyphenate: true,
        };
        let mut chunks = Vec::new();
        for (number, item) in items.iter().enumerate() {
            let pieces = self.pieces(&item.content, base, false);
            let mut lines = self.text_lines(
                &pieces,
                MARGIN_SIDE + LIST_INDENT,
                TEXT_WIDTH - LIST_INDENT,
                Align::Justify,
                LIST_ITEM,
            );
            lines = owned(Owner::Paragraph(self.paragraphs), lines);
            if let Some(first) = lines.first_mut() {
                let bullet = self.fonts.clean_text(Face::Regular, "•");
                let width = self.fonts.width(Face::Regular, LIST_ITEM.size, &bullet);
                first.runs.insert(
                    0,
                    Run {
                        x: MARGIN_SIDE + BULLET_INDENT,
                        extra: 0.0,
                        frag: Frag {
                            text: bullet,
                            style: RunStyle::new(Face::Regular, LIST_ITEM.size),
                            link: None,
                            note: None,
                            x: 0.0,
                            width,
                            gaps_before: 0,
                        },
                    },
                );
            }
            let mut item_chunks = lines_to_chunks(lines, keeps_lines);
            self.mark_first(&mut item_chunks);
            if number > 0
                && let Some(first) = item_chunks.first_mut()
            {
                first.space_before = LIST_ITEM.after.max(LIST_ITEM.before);
            }
            chunks.append(&mut item_chunks);
        }
        self.push_block(chunks, LIST_ITEM.before, BODY.after);
    }

    fn table(&mut self, table: &Table) {
        let edges = column_edges(table);
        if edges.len() < 2 || table.rows.is_empty() {
            return;
        }
        self.break_spacer();
        let header_rows = table.header_rows.min(table.rows.len());
        // A short table is kept on one page, as in the DOCX.
        let keep_together = table.rows.len() <= KEEP_TABLE_ROWS;
        let mut header: Vec<Chunk> = Vec::new();
        let mut body: Vec<Chunk> = Vec::new();
        for (index, row) in table.rows.iter().enumerate() {
            let is_header = index < header_rows;
            let mut chunk = self.row(table, row, &edges, is_header);
            let not_last = index + 1 < table.rows.len();
            // Header rows stay with each other and with the first row.
            chunk.keep_with_next = (is_header || keep_together) && not_last;
            if is_header {
                header.push(chunk);
            } else {
                body.push(chunk);
            }
        }
        // The copies repeated on later pages do not call their notes again.
        let repeated: Vec<Chunk> = header
            .iter()
            .map(|chunk| {
                let mut copy = chunk.clone();
                copy.marks.clear();
                for line in &mut copy.lines {
                    line.owner = Owner::Artifact;
                    for run in &mut line.runs {
                        run.frag.note = None;
                    }
                }
                copy
            })
            .collect();
        let repeated = Rc::new(repeated);
        let mut chunks = Vec::with_capacity(header.len() + body.len());
        for (chunks_of, is_header) in [(header, true), (body, false)] {
            for mut chunk in chunks_of {
                chunk.row_of = Some(RowOf {
                    header: Rc::clone(&repeated),
                    is_header,
                });
                chunks.push(chunk);
            }
        }
        self.push_block(chunks, 0.0, BORDER);
        self.push_table_gap();
    }

    /// A table row: each cell's paragraphs with their space after, inside
    /// the padding, under the row's top border.
    fn row(&mut self, table: &Table, row: &Row, edges: &[f32], is_header: bool) -> Chunk {
        let base = Base {
            size: CELL.size,
            bold: is_header,
            hyphenate: false,
        };
        let mut lines = Vec::new();
        let mut marks = Vec::new();
        let mut content_height: f32 = CELL.line + CELL.after;
        let start = BORDER + CELL_PAD_Y;
        for (column, pair) in edges.windows(2).enumerate() {
            let [left, right] = [pair[0], pair[1]];
            let Some(cell) = row.cells.get(column) else {
                continue;
            };
            let mut top = start;
            for paragraph in &cell.paragraphs {
                top += CELL.before;
                let mark = self.mark(top);
                marks.push(mark);
                let align = table.aligns.get(column).copied().unwrap_or(paragraph.align);
                let pieces = self.pieces(&paragraph.content, base, false);
                let width = (right - left - 2.0 * CELL_PAD_X).max(1.0);
                for mut line in self.text_lines(&pieces, left + CELL_PAD_X, width, align, CELL) {
                    line.top += top;
                    line.owner = Owner::Paragraph(mark.paragraph);
                    lines.push(line);
                }
                top = lines.last().map_or(top, |line| line.top + line.height) + CELL.after;
            }
            content_height = content_height.max(top - start);
        }
        let mut chunk = Chunk::new(start + content_height + CELL_PAD_Y, lines);
        chunk.marks = marks;
        chunk.frame = Some(Frame {
            edges: edges.to_vec(),
            header: is_header,
        });
        chunk
    }

    fn signatures(&mut self, columns: &[Vec<Paragraph>]) {
        if columns.is_empty() {
            return;
        }
        self.break_spacer();
        let width = TEXT_WIDTH / columns.len() as f32;
        let base = Base {
            size: SIGNATURE.size,
            bold: false,
            hyphenate: false,
        };
        let mut lines = Vec::new();
        let mut marks = Vec::new();
        let mut height: f32 = 0.0;
        for (index, column) in columns.iter().enumerate() {
            let left = MARGIN_SIDE + width * index as f32;
            let inner = width - SIGNATURE_PAD;
            let mut top: f32 = 0.0;
            for (number, paragraph) in column.iter().enumerate() {
                if number == 1 {
                    top += SIGNATURE_ROOM;
                }
                top += SIGNATURE.before;
                let mark = self.mark(top);
                marks.push(mark);
                let pieces = self.pieces(&paragraph.content, base, false);
                for mut line in self.text_lines(&pieces, left, inner, paragraph.align, SIGNATURE) {
                    line.top += top;
                    line.owner = Owner::Paragraph(mark.paragraph);
                    lines.push(line);
                }
                top = lines.last().map_or(top, |line| line.top + line.height) + SIGNATURE.after;
            }
            height = height.max(top);
        }
        let mut chunk = Chunk::new(height, lines);
        chunk.marks = marks;
        self.push_block(vec![chunk], 0.0, 0.0);
        self.push_table_gap();
    }

    /// A paragraph's text as pieces for the line breaker; a footnote is
    /// numbered and laid out on the way.
    fn pieces(&mut self, inlines: &[Inline], base: Base, in_note: bool) -> Vec<Piece> {
        let mut out = Vec::new();
        self.push_pieces(inlines, base, in_note, &mut out);
        out
    }

    fn push_pieces(&mut self, inlines: &[Inline], base: Base, in_note: bool, out: &mut Vec<Piece>) {
        for inline in inlines {
            match inline {
                Inline::Revised { revision, content } => {
                    let start = out.len();
                    self.push_pieces(content, base, in_note, out);
                    mark_revised(&mut out[start..], *revision);
                }
                Inline::Text { text, style } => {
                    let face = Face::new(base.bold || style.bold, style.italic);
                    let run = if style.superscript {
                        // « 1er »: raised and smaller, as a note's call.
                        RunStyle {
                            face,
                            ..call_style(base)
                        }
                    } else {
                        RunStyle::new(face, base.size)
                    };
                    let mut piece = self.span(text, run, None, None);
                    if base.hyphenate
                        && let Piece::Span(span) = &mut piece
                        && let Cow::Owned(cut) = soft_hyphens(&span.text)
                    {
                        span.text = cut;
                    }
                    out.push(piece);
                }
                Inline::Link { text, url } => {
                    let face = Face::new(base.bold, false);
                    let shown = if text.trim().is_empty() { url } else { text };
                    let style = RunStyle {
                        ink: Ink::Link,
                        ..RunStyle::new(face, base.size)
                    };
                    let url = Some(url.trim().to_owned()).filter(|u| !u.is_empty());
                    out.push(self.span(shown, style, url, None));
                }
                Inline::Note(content) if in_note => {
                    // A note within a note: its text in brackets.
                    out.push(self.span(" (", RunStyle::new(Face::Regular, base.size), None, None));
                    self.push_pieces(content, base, true, out);
                    out.push(self.span(")", RunStyle::new(Face::Regular, base.size), None, None));
                }
                Inline::Note(content) => {
                    let number = self.note(content);
                    out.push(self.span(
                        &(number + 1).to_string(),
                        call_style(base),
                        None,
                        Some(number),
                    ));
                }
                Inline::LineBreak => out.push(Piece::Break),
            }
        }
    }

    fn span(
        &self,
        text: &str,
        style: RunStyle,
        link: Option<String>,
        note: Option<usize>,
    ) -> Piece {
        Piece::Span(Span {
            text: self.fonts.clean_text(style.face, text),
            style,
            link,
            note,
        })
    }

    /// Numbers a footnote and lays its text out; returns its index.
    fn note(&mut self, content: &[Inline]) -> usize {
        let number = self.notes.len();
        self.notes.push(Vec::new());
        let base = Base {
            size: NOTE_SIZE,
            bold: false,
            hyphenate: false,
        };
        let pieces = self.pieces(content, base, true);
        let mut lines = self.text_lines(
            &pieces,
            MARGIN_SIDE + NOTE_INDENT,
            TEXT_WIDTH - NOTE_INDENT,
            Align::Left,
            NOTE,
        );
        lines = owned(Owner::Note(number), lines);
        if let Some(first) = lines.first_mut() {
            // In the note itself, the number sits on the baseline: it reads
            // (and extracts) as "1 text".
            let style = RunStyle::new(Face::Regular, NOTE_SIZE);
            let text = (number + 1).to_string();
            let width = self.fonts.width(style.face, style.size, &text);
            first.runs.insert(
                0,
                Run {
                    x: MARGIN_SIDE,
                    extra: 0.0,
                    frag: Frag {
                        text,
                        style,
                        link: None,
                        note: None,
                        x: 0.0,
                        width,
                        gaps_before: 0,
                    },
                },
            );
        }
        if let Some(slot) = self.notes.get_mut(number) {
            *slot = lines;
        }
        number
    }

    /// Breaks pieces into lines at `x`, `width` wide, and places their runs.
    fn text_lines(
        &self,
        pieces: &[Piece],
        x: f32,
        width: f32,
        align: Align,
        kind: TextGeometry,
    ) -> Vec<TextLine> {
        let mut top = 0.0;
        break_lines(pieces, width, self.fonts)
            .into_iter()
            .map(|line| {
                let line_size = line.size(kind.size);
                // Exact line pitch, whatever the sizes on the line.
                let height = kind.line;
                let baseline = (height - line_size * (ASCENT + DESCENT)) / 2.0 + line_size * ASCENT;
                let (start, extra) = line.spread(width, align);
                let runs = line
                    .frags
                    .into_iter()
                    .map(|frag| Run {
                        x: x + start + frag.x + extra * frag.gaps_before as f32,
                        extra,
                        frag,
                    })
                    .collect();
                let placed = TextLine {
                    top,
                    height,
                    baseline,
                    runs,
                    owner: Owner::Artifact,
                };
                top += height;
                placed
            })
            .collect()
    }
}

/// Lines of text, said to belong to `owner`.
fn owned(owner: Owner, mut lines: Vec<TextLine>) -> Vec<TextLine> {
    for line in &mut lines {
        line.owner = owner;
    }
    lines
}

/// Marks pieces as inserted or deleted text.
fn mark_revised(pieces: &mut [Piece], revision: Revision) {
    for piece in pieces {
        if let Piece::Span(span) = piece {
            span.style.revision = Some(revision);
        }
    }
}

/// The style of a footnote call in text of the given base.
fn call_style(base: Base) -> RunStyle {
    RunStyle {
        rise: base.size * CALL_RISE,
        ..RunStyle::new(Face::Regular, base.size * CALL_SCALE)
    }
}

/// Orphans and widows: the first line stays with the second, the one
/// before last with the last.
fn keeps_lines(index: usize, count: usize) -> bool {
    count >= 2 && (index == 0 || index + 2 == count)
}

/// One chunk per line; `keep(index, count)` says which stay with the next.
fn lines_to_chunks(lines: Vec<TextLine>, keep: impl Fn(usize, usize) -> bool) -> Vec<Chunk> {
    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(index, mut line)| {
            let height = line.height;
            line.top = 0.0;
            let mut chunk = Chunk::new(height, vec![line]);
            chunk.keep_with_next = keep(index, count);
            chunk
        })
        .collect()
}

/// The column edges of a table across the text width, from its relative
/// widths; a row may have more cells than widths, which get the average.
fn column_edges(table: &Table) -> Vec<f32> {
    let columns = table.column_count();
    if columns == 0 {
        return Vec::new();
    }
    let given: Vec<f64> = table.widths.iter().map(|&w| f64::from(w.max(1))).collect();
    let average = if given.is_empty() {
        1.0
    } else {
        given.iter().sum::<f64>() / given.len() as f64
    };
    let weights: Vec<f64> = (0..columns)
        .map(|index| given.get(index).copied().unwrap_or(average))
        .collect();
    let total: f64 = weights.iter().sum();
    let mut edges = Vec::with_capacity(columns + 1);
    let mut sum = 0.0;
    edges.push(MARGIN_SIDE);
    for weight in weights {
        sum += weight;
        edges.push(MARGIN_SIDE + (sum / total) as f32 * TEXT_WIDTH);
    }
    edges
}

/// A footnote line waiting for room.
struct NoteLine {
    line: TextLine,
    /// The space above it: between two notes, not within one.
    gap_before: f32,
}

/// Lays chunks on pages.
struct Paginator<'a> {
    notes: &'a [Vec<TextLine>],
    pages: Vec<Page>,
    page: Page,
    /// The top of the free space, from the bottom of the page.
    y: f32,
    /// Whether the page holds no chunk yet (repeated headers aside).
    fresh: bool,
    /// Whether the text flowed onto this page from the previous one: the
    /// space before its first chunk is then dropped, as LibreOffice and
    /// Word do (it is kept on the first page and after a forced break).
    flowed: bool,
    /// Footnote lines that did not fit on their page.
    carry: VecDeque<NoteLine>,
}

impl Paginator<'_> {
    fn run(&mut self, chunks: &[Chunk]) {
        let mut start = 0;
        while start < chunks.len() {
            let mut end = start;
            while end + 1 < chunks.len() && chunks[end].keep_with_next {
                end += 1;
            }
            let group = &chunks[start..=end];
            if group[0].break_before && !self.fresh {
                self.new_page(Some(&group[0]));
                self.flowed = false;
            }
            let need = self.need(group);
            if need > self.room() + EPSILON && !self.fresh && need <= BODY_TOP - BODY_BOTTOM {
                self.new_page(Some(&group[0]));
            }
            for chunk in group {
                self.place(chunk);
            }
            start = end + 1;
        }
    }

    fn finish(mut self) -> Vec<Page> {
        while !self.carry.is_empty() {
            self.new_page(None);
        }
        self.pages.push(std::mem::take(&mut self.page));
        self.pages
    }

    /// The height left for chunks and their notes.
    fn room(&self) -> f32 {
        self.y - BODY_BOTTOM - self.page.notes_height
    }

    /// The height a group of chunks needs here, their notes included.
    fn need(&self, group: &[Chunk]) -> f32 {
        let mut height = 0.0;
        let mut notes = Vec::new();
        for (index, chunk) in group.iter().enumerate() {
            if index > 0 || !self.at_flowed_top() {
                height += chunk.space_before;
            }
            height += chunk.height;
            notes.extend(chunk.notes());
        }
        height + self.notes_need(&notes)
    }

    fn notes_need(&self, notes: &[usize]) -> f32 {
        let mut height: f32 = notes
            .iter()
            .filter_map(|&id| self.notes.get(id))
            .map(|lines| lines.iter().map(|line| line.height).sum::<f32>() + NOTE.after)
            .sum();
        if height > 0.0 && self.page.notes.is_empty() {
            // The band above the first note, and no gap.
            height += NOTE_BAND - NOTE.after;
        }
        height
    }

    /// Places one chunk: here if it fits, else on a new page, else cut.
    fn place(&mut self, chunk: &Chunk) {
        loop {
            if self.need(std::slice::from_ref(chunk)) <= self.room() + EPSILON {
                self.put(chunk.clone());
                return;
            }
            if self.fresh {
                break;
            }
            self.new_page(Some(chunk));
        }
        // Taller than a whole page: cut between lines, page after page.
        let mut rest = Rest::new(chunk);
        loop {
            match rest.next_part(self.room()) {
                Some(part) => {
                    self.put(part);
                    self.new_page(Some(chunk));
                }
                None => {
                    // Uncuttable: let it overflow.
                    self.put(rest.into_chunk());
                    return;
                }
            }
            if rest.fits(self.room(), self) {
                self.put(rest.into_chunk());
                return;
            }
        }
    }

    /// Whether the next chunk starts a page the text flowed onto.
    fn at_flowed_top(&self) -> bool {
        self.fresh && self.flowed
    }

    fn put(&mut self, chunk: Chunk) {
        if !self.at_flowed_top() {
            self.y -= chunk.space_before;
        }
        let top = self.y;
        self.y -= chunk.height;
        let notes = chunk.notes();
        self.page.body.push(Placed { top, chunk });
        self.fresh = false;
        for id in notes {
            let Some(lines) = self.notes.get(id) else {
                continue;
            };
            for (index, line) in lines.iter().enumerate() {
                let gap_before = if index == 0 { NOTE.after } else { 0.0 };
                self.note_line(NoteLine {
                    line: line.clone(),
                    gap_before,
                });
            }
        }
    }

    /// Adds a footnote line to the page if it fits and none is waiting.
    fn note_line(&mut self, note: NoteLine) {
        if self.carry.is_empty() && self.page.note_line_need(&note) <= self.room() + EPSILON {
            self.page.add_note_line(note.line, note.gap_before);
        } else {
            self.carry.push_back(note);
        }
    }

    /// Starts a new page: footnotes carried over first, then the table
    /// header if `next` is a row of a table that continues.
    fn new_page(&mut self, next: Option<&Chunk>) {
        self.pages.push(std::mem::take(&mut self.page));
        self.y = BODY_TOP;
        self.fresh = true;
        self.flowed = true;
        while let Some(note) = self.carry.front() {
            let fits = self.page.note_line_need(note) <= self.room() + EPSILON;
            if !fits && !self.page.notes.is_empty() {
                break;
            }
            if let Some(note) = self.carry.pop_front() {
                self.page.add_note_line(note.line, note.gap_before);
            }
        }
        if let Some(RowOf {
            header,
            is_header: false,
        }) = next.and_then(|chunk| chunk.row_of.as_ref())
        {
            for row in header.iter() {
                let top = self.y;
                self.y -= row.height;
                self.page.body.push(Placed {
                    top,
                    chunk: row.clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Cell, Meta, Row, Style};

    fn fonts() -> &'static Fonts {
        Fonts::get().expect("fonts")
    }

    fn text(s: &str) -> Inline {
        Inline::Text {
            text: s.to_owned(),
            style: Style::default(),
        }
    }

    fn paragraph(s: &str) -> Block {
        Block::Paragraph(Paragraph::new(vec![text(s)]))
    }

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            meta: Meta::default(),
            blocks,
        }
    }

    fn page_text(page: &Page) -> String {
        page.body
            .iter()
            .flat_map(|placed| placed.chunk.lines.iter())
            .flat_map(|line| line.runs.iter())
            .map(|run| run.frag.text.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn ordinals_and_note_calls_are_raised_and_smaller() {
        let blocks =
            crate::document::markup::parse("Le 1er juin, la 2e fois^[Une note.].").expect("valid");
        let pages = layout(&document(blocks), fonts());
        let runs: Vec<&Run> = pages[0]
            .body
            .iter()
            .flat_map(|placed| placed.chunk.lines.iter())
            .flat_map(|line| line.runs.iter())
            .collect();
        let run = |text: &str| {
            runs.iter()
                .find(|run| run.frag.text == text)
                .unwrap_or_else(|| panic!("no run {text:?} in {runs:?}"))
        };
        let body = run("Le 1").frag.style;
        assert_eq!(body.rise, 0.0);
        for raised in ["er", "e", "1"] {
            let style = run(raised).frag.style;
            assert!(style.rise > 0.0, "{raised}: {style:?}");
            assert!(style.size < body.size, "{raised}: {style:?}");
        }
        assert_eq!(run("1").frag.note, Some(0), "the call of the note");
    }

    #[test]
    fn an_empty_document_has_one_empty_page() {
        let pages = layout(&document(Vec::new()), fonts());
        assert_eq!(pages.len(), 1);
        assert!(pages[0].body.is_empty());
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let long = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8);
        for filler in 1..60 {
            let mut blocks: Vec<Block> = (0..filler).map(|_| paragraph("Une ligne.")).collect();
            blocks.push(Block::Heading {
                level: 1,
                text: Paragraph::new(vec![text("Article 9 : Titre")]),
            });
            blocks.push(paragraph(&long));
            let pages = layout(&document(blocks), fonts());
            for page in &pages {
                let last = page.body.last().expect("a chunk");
                assert!(
                    last.chunk.bookmark.is_none(),
                    "heading alone at the bottom after {filler} lines"
                );
            }
        }
    }

    #[test]
    fn table_headers_repeat_and_rows_stay_whole() {
        let cell = |s: &str| Cell {
            paragraphs: vec![Paragraph::new(vec![text(s)])],
            ..Cell::default()
        };
        let mut rows = vec![Row::new(vec![cell("Thème"), cell("Qui")])];
        for n in 0..80 {
            rows.push(Row::new(vec![
                cell(&format!("Ligne {n}")),
                cell(&"mot ".repeat(n % 7 * 10 + 1)),
            ]));
        }
        let table = Table {
            widths: vec![1, 2],
            aligns: vec![Align::Left, Align::Left],
            header_rows: 1,
            rows,
        };
        let pages = layout(&document(vec![Block::Table(table)]), fonts());
        assert!(pages.len() > 2);
        for page in &pages {
            let first = page.body.first().expect("rows");
            assert!(
                first.chunk.frame.as_ref().is_some_and(|f| f.header),
                "header first"
            );
            assert!(page_text(page).starts_with("Thème|Qui"));
            for placed in &page.body {
                assert!(placed.top - placed.chunk.height >= BODY_BOTTOM - EPSILON);
            }
        }
        // The rows, without the gap after the table.
        let rows: usize = pages
            .iter()
            .flat_map(|p| &p.body)
            .filter(|placed| placed.chunk.frame.is_some())
            .count();
        assert_eq!(rows, 81 + pages.len() - 1);
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_between_lines() {
        let cell = Cell {
            paragraphs: vec![Paragraph::new(vec![text(&"très long ".repeat(1500))])],
            ..Cell::default()
        };
        let table = Table {
            widths: vec![1],
            aligns: Vec::new(),
            header_rows: 0,
            rows: vec![Row::new(vec![cell])],
        };
        let pages = layout(&document(vec![Block::Table(table)]), fonts());
        assert!(pages.len() >= 2);
        for page in &pages {
            for placed in &page.body {
                assert!(placed.top - placed.chunk.height >= BODY_BOTTOM - EPSILON);
            }
        }
    }

    #[test]
    fn a_tall_row_of_several_columns_is_cut_without_losing_a_line() {
        // Two columns of different lengths, one of several paragraphs, one
        // a single word longer than a page: every character is placed once,
        // in order, each column on its side, and each part fits its page.
        let left: Vec<String> = (0..3).map(|i| format!("para{i} ").repeat(700)).collect();
        let right = "x".repeat(12_000);
        let cell = |texts: &[String]| Cell {
            paragraphs: texts
                .iter()
                .map(|t| Paragraph::new(vec![text(t)]))
                .collect(),
            ..Cell::default()
        };
        let table = Table {
            widths: vec![1, 1],
            aligns: Vec::new(),
            header_rows: 0,
            rows: vec![Row::new(vec![
                cell(&left),
                cell(std::slice::from_ref(&right)),
            ])],
        };
        let pages = layout(&document(vec![Block::Table(table)]), fonts());
        assert!(pages.len() >= 4, "{} pages", pages.len());
        let middle = PAGE_WIDTH / 2.0;
        let (mut seen_left, mut seen_right) = (String::new(), String::new());
        for page in &pages {
            for placed in &page.body {
                assert!(placed.top - placed.chunk.height >= BODY_BOTTOM - EPSILON);
                for line in &placed.chunk.lines {
                    assert!(line.top >= 0.0 && line.top + line.height <= placed.chunk.height);
                    for run in &line.runs {
                        let side = if run.x < middle {
                            &mut seen_left
                        } else {
                            &mut seen_right
                        };
                        side.push_str(&run.frag.text);
                    }
                }
            }
        }
        let squeeze = |t: &str| t.replace(' ', "");
        assert_eq!(squeeze(&seen_left), squeeze(&left.concat()));
        assert_eq!(seen_right, right);
    }

    #[test]
    fn footnotes_sit_on_the_page_that_calls_them() {
        let mut blocks = Vec::new();
        for n in 0..120 {
            blocks.push(Block::Paragraph(Paragraph::new(vec![
                text(&format!("Paragraphe {n} qui appelle une note")),
                Inline::Note(vec![text(&format!("Note {n}."))]),
                text(" et continue."),
            ])));
        }
        let pages = layout(&document(blocks), fonts());
        assert!(pages.len() > 2);
        for page in &pages {
            let calls: Vec<usize> = page
                .body
                .iter()
                .flat_map(|placed| placed.chunk.notes())
                .collect();
            let notes: Vec<String> = page
                .notes
                .iter()
                .map(|line| {
                    line.runs
                        .iter()
                        .map(|r| r.frag.text.as_str())
                        .collect::<String>()
                })
                .collect();
            assert_eq!(calls.len(), notes.len());
            for (call, note) in calls.iter().zip(&notes) {
                assert_eq!(note, &format!("{}Note {call}.", call + 1));
            }
            let lowest = page
                .body
                .iter()
                .map(|placed| placed.top - placed.chunk.height)
                .fold(f32::INFINITY, f32::min);
            assert!(lowest >= BODY_BOTTOM + page.notes_height - EPSILON);
        }
    }

    #[test]
    fn odd_tables_do_not_break_the_layout() {
        let cell = Cell {
            paragraphs: vec![Paragraph::new(vec![text("x")])],
            ..Cell::default()
        };
        let tables = [
            Table::default(),
            Table {
                widths: vec![1, 2, 3],
                rows: vec![Row::new(vec![cell.clone()]), Row::default()],
                ..Table::default()
            },
            Table {
                widths: Vec::new(),
                rows: vec![Row::new(vec![cell.clone(), cell.clone()])],
                header_rows: 5,
                ..Table::default()
            },
            Table {
                widths: vec![0, u32::MAX],
                rows: vec![Row::new(vec![cell.clone(), cell])],
                ..Table::default()
            },
        ];
        for table in tables {
            let pages = layout(&document(vec![Block::Table(table)]), fonts());
            assert_eq!(pages.len(), 1);
        }
        assert_eq!(column_edges(&Table::default()), Vec::<f32>::new());
    }
}

#[cfg(test)]
mod stretch_tests {
    use super::*;
    use crate::document::hyphenation::{SOFT_HYPHEN, soft_hyphens};
    use crate::model::{RgpdRow, example};

    /// The widest a space of a justified line may grow, in plain spaces,
    /// unless the next line starts with a word that may not be cut.
    const MAX_STRETCH: f32 = 2.5;

    /// A justified line: how much its spaces stretch (its widened space
    /// over a plain space), its text, and whether the first word of the
    /// next line has a cut whose head would have fitted in its slack.
    struct Stretch {
        ratio: f32,
        text: String,
        cut_would_fit: bool,
    }

    fn stretches(document: &Document) -> Vec<Stretch> {
        let fonts = Fonts::get().expect("fonts");
        let pages = layout(document, fonts);
        let lines: Vec<&TextLine> = pages
            .iter()
            .flat_map(|page| &page.body)
            .flat_map(|placed| &placed.chunk.lines)
            .collect();
        let text = |line: &TextLine| -> String {
            line.runs.iter().map(|r| r.frag.text.as_str()).collect()
        };
        let mut out = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            let Some(run) = line.runs.iter().find(|run| run.extra > 0.0) else {
                continue;
            };
            let style = run.frag.style;
            let space = fonts.width(style.face, style.size, " ");
            let gaps: usize = line.runs.iter().map(|r| r.frag.gaps()).sum();
            let slack = run.extra * gaps as f32;
            let next = lines
                .get(index + 1)
                .map(|next| text(next))
                .unwrap_or_default();
            let first = next.split(' ').next().unwrap_or_default();
            let cut = soft_hyphens(first);
            let cut_would_fit = cut.split_once(SOFT_HYPHEN).is_some_and(|(head, _)| {
                space + fonts.width(style.face, style.size, &format!("{head}-")) <= slack
            });
            out.push(Stretch {
                ratio: (space + run.extra) / space,
                text: text(line),
                cut_would_fit,
            });
        }
        out
    }

    fn check(document: &Document) -> usize {
        let all = stretches(document);
        assert!(!all.is_empty(), "no justified line");
        let mut loose = 0;
        for line in all.iter().filter(|line| line.ratio > MAX_STRETCH) {
            loose += 1;
            assert!(
                !line.cut_would_fit,
                "spaces {:.2} times as wide in « {} », and the next word could be cut",
                line.ratio, line.text
            );
        }
        loose
    }

    #[test]
    fn no_justified_line_stretches_its_spaces_beyond_the_ratio_when_a_cut_would_help() {
        let render = |draft| {
            crate::document::render(&draft, &crate::document::RenderOptions::default())
                .expect("renders")
        };
        // The reference has five loose lines, each before a word that may
        // not be cut (« Gamma », addresses, which LibreOffice does not
        // break either, and « 31 décembre 2022 », a date held whole by its
        // no-break spaces).
        let reference = render(example());
        assert!(stretches(&reference).len() > 50);
        let loose = check(&reference);
        assert!(loose <= 5, "{loose} loose lines");
        let mut long = example();
        long.rgpd_matrix = (0..40)
            .map(|i| RgpdRow::new(&format!("Thème {i}"), "Mise en œuvre", "Détermination"))
            .collect();
        check(&render(long));
    }

    #[test]
    fn justified_text_is_cut_with_hyphens_where_it_helps() {
        let long = "Les administrations partenaires conviennent réciproquement \
                    d'organiser régulièrement des démonstrations approfondies. "
            .repeat(12);
        let document = Document {
            meta: crate::document::Meta::default(),
            blocks: vec![Block::Paragraph(Paragraph::new(vec![Inline::text(long)]))],
        };
        assert!(
            stretches(&document)
                .iter()
                .any(|line| line.text.ends_with('-'))
        );
        check(&document);
    }
}
