//! Drawing: laid-out pages turned into printpdf operations, with the
//! header, the marking, the footnotes and the footer of every page, then
//! the fonts, subset to the characters drawn.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, Color, ColorArray, Destination, HighlightingMode, Line, LinePoint,
    LinkAnnotation, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix,
};

use super::PdfError;
use super::fonts::{ASCENT, DESCENT, Face, Fonts, Measure};
use super::layout::{
    BODY_BOTTOM, MARGIN_SIDE, NOTE_BAND, Owner, PAGE_HEIGHT, PAGE_WIDTH, Page, Placed, Run,
    TEXT_WIDTH, TextLine,
};
use super::lines::{Ink, RunStyle};
use super::tags::{Kind, Tags, artifact};
use crate::document::geometry;
use crate::document::{Meta, Revision};

/// Header: where its baseline and its rule sit, from the top of the page,
/// as in the DOCX: one line of the body's pitch at the header distance,
/// its rule 4 pt under that line.
const HEADER_BASELINE: f32 = geometry::HEADER_DISTANCE + baseline_in_line(HEADER_SIZE);
const HEADER_RULE: f32 = geometry::HEADER_DISTANCE + geometry::BODY.line + 4.0;
const HEADER_SIZE: f32 = geometry::HEADER_SIZE;
const MARK_SIZE: f32 = 9.5;
/// Footer: baselines of the page number and of the provenance line, from
/// the bottom of the page, as in the DOCX: two lines of the body's pitch
/// ending at the footer distance.
const FOLIO_BASELINE: f32 =
    geometry::FOOTER_DISTANCE + 2.0 * geometry::BODY.line - baseline_in_line(FOLIO_SIZE);
const FOLIO_SIZE: f32 = geometry::FOOTER_SIZE;
const PROVENANCE_BASELINE: f32 =
    geometry::FOOTER_DISTANCE + geometry::BODY.line - baseline_in_line(PROVENANCE_SIZE);
const PROVENANCE_SIZE: f32 = geometry::PROVENANCE_SIZE;

/// From the top of a line of the body's pitch to the baseline of text of
/// `size` centred in it.
const fn baseline_in_line(size: f32) -> f32 {
    (geometry::BODY.line - size * (ASCENT + DESCENT)) / 2.0 + size * ASCENT
}
/// The footnote rule's length.
const NOTE_RULE: f32 = 4.0 * 72.0 / 2.54;
/// Line widths.
const BORDER: f32 = 0.5;
const RULE: f32 = 0.4;
/// Redlines: the change bar's distance left of the text and its width;
/// the underline's and the strike's place and thickness, in ems.
const CHANGE_BAR_GAP: f32 = 8.0;
const CHANGE_BAR: f32 = 1.2;
const UNDERLINE_DROP: f32 = 0.12;
const STRIKE_RISE: f32 = 0.28;
const DECORATION: f32 = 0.055;

/// A bookmark: its title and where it points.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Bookmark {
    /// The entry's text.
    pub title: String,
    /// The page, from 0.
    pub page: usize,
    /// The y it points at, from the bottom of the page.
    pub y: f32,
}

/// Where a paragraph of the document starts on its page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spot {
    /// The paragraph's index in [`crate::document::Document::paragraphs`].
    pub paragraph: usize,
    /// The page, from 0.
    pub page: usize,
    /// The y of its first line's top, from the bottom of the page.
    pub y: f32,
}

/// Where each paragraph starts, in page order: the first spot of each
/// paragraph that reached a page (an empty one has none).
pub(crate) fn spots(pages: &[Page]) -> Vec<Spot> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        for placed in &page.body {
            for mark in &placed.chunk.marks {
                if seen.insert(mark.paragraph) {
                    out.push(Spot {
                        paragraph: mark.paragraph,
                        page: index,
                        y: placed.top - mark.top,
                    });
                }
            }
        }
    }
    out
}

/// What [`draw`] makes: the printpdf document, and what is added to it
/// afterwards with lopdf.
pub(crate) struct Drawing {
    /// Pages and fonts.
    pub document: PdfDocument,
    /// The bookmarks, in document order.
    pub bookmarks: Vec<Bookmark>,
    /// Where the paragraphs start.
    pub spots: Vec<Spot>,
    /// The content stream of the diagonal marking, drawn under every page.
    pub watermark: Option<Vec<u8>>,
    /// The structure of the document and its marked content, page by page.
    pub tags: Tags,
}

/// Builds the printpdf document (pages and fonts), the bookmarks and the
/// diagonal marking; every piece of text is marked as content of the
/// element [`Tags`] holds for it, or as an artifact.
pub(crate) fn draw(
    meta: &Meta,
    pages: &[Page],
    fonts: &Fonts,
    mut tags: Tags,
) -> Result<Drawing, PdfError> {
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    let mut bookmarks = Vec::new();
    let total = pages.len();
    let mut pdf_pages = Vec::with_capacity(total);
    for (index, page) in pages.iter().enumerate() {
        let mut canvas = Canvas {
            ops: Vec::new(),
            used: &mut used,
            fonts,
            tags: &mut tags,
            page: index,
            annotations: 0,
        };
        canvas.header(meta);
        for placed in &page.body {
            canvas.chunk(placed);
            if let Some(title) = &placed.chunk.bookmark {
                bookmarks.push(Bookmark {
                    title: title.clone(),
                    page: index,
                    y: placed.top,
                });
            }
        }
        canvas.footnotes(page);
        canvas.footer(meta, index + 1, total);
        pdf_pages.push(PdfPage::new(Mm(210.0), Mm(297.0), canvas.ops));
    }
    let mut document = PdfDocument::new(&meta.title);
    document.pages = pdf_pages;
    let _phase = crate::timing::phase("PDF : polices");
    for (face, chars) in &used {
        let (id, font) = fonts.subset(*face, chars)?;
        document.resources.fonts.map.insert(id, font);
    }
    Ok(Drawing {
        document,
        bookmarks,
        spots: spots(pages),
        watermark: meta
            .watermark
            .as_deref()
            .and_then(|mark| watermark(fonts, mark)),
        tags,
    })
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb::new(r, g, b, None))
}

fn ink(ink: Ink) -> Color {
    match ink {
        Ink::Text => rgb(0.0, 0.0, 0.0),
        Ink::Link => rgb(0.0, 0.2, 0.6),
        Ink::Grey => rgb(0.4, 0.4, 0.4),
        Ink::Red => rgb(0.75, 0.0, 0.0),
    }
}

/// The colour of inserted and deleted text (both 5:1 or more on white).
fn revision_ink(revision: Revision) -> Color {
    match revision {
        Revision::Inserted => rgb(0.0, 0.32, 0.68),
        Revision::Deleted => rgb(0.72, 0.0, 0.0),
    }
}

/// The colour a run of text is drawn in.
fn style_ink(style: &RunStyle) -> Color {
    style.revision.map_or_else(|| ink(style.ink), revision_ink)
}

/// One page's operations, and the characters drawn with each face.
struct Canvas<'a> {
    ops: Vec<Op>,
    used: &'a mut BTreeMap<Face, BTreeSet<char>>,
    fonts: &'a Fonts,
    /// Where marked content is recorded.
    tags: &'a mut Tags,
    /// The page, from 0.
    page: usize,
    /// The link annotations made on the page so far.
    annotations: usize,
}

impl Canvas<'_> {
    /// Draws what `draw` draws as an artifact: of pagination (`Header`,
    /// `Footer`) or, without a subtype, of layout (rules, borders…).
    fn artifact(&mut self, pagination: Option<&str>, draw: impl FnOnce(&mut Self)) {
        let start = self.ops.len();
        draw(self);
        if self.ops.len() > start {
            self.ops.insert(start, artifact(pagination));
            self.ops.push(Op::EndMarkedContent);
        }
    }

    /// Shows text items in a face at a position (already in the text
    /// section, with the colour set).
    /// The characters `face` lacks and its fallback has are shown in the
    /// fallback: the font switches between runs, the pen moving on.
    fn show(&mut self, face: Face, size: f32, matrix: TextMatrix, items: Vec<TextItem>) {
        let mut matrix = Some(matrix);
        for (face, items) in by_face(self.fonts, face, items) {
            let chars = self.used.entry(face).or_default();
            for item in &items {
                if let TextItem::Text(text) = item {
                    chars.extend(text.chars());
                }
            }
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(printpdf::FontId(face.resource().to_owned())),
                size: Pt(size),
            });
            if let Some(matrix) = matrix.take() {
                self.ops.push(Op::SetTextMatrix { matrix });
            }
            self.ops.push(Op::ShowText { items });
        }
    }

    /// A single string at a position.
    fn text(&mut self, text: &str, face: Face, size: f32, color: Color, x: f32, y: f32) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFillColor { col: color });
        self.show(
            face,
            size,
            TextMatrix::Translate(Pt(x), Pt(y)),
            vec![TextItem::Text(text.to_owned())],
        );
        self.ops.push(Op::EndTextSection);
    }

    /// `text`, cleaned for the face and shortened with an ellipsis to fit.
    fn fitted(&self, text: &str, face: Face, size: f32, width: f32) -> String {
        fitted(self.fonts, text, face, size, width)
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Color) {
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetOutlineColor { col: color });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: [from, to]
                    .into_iter()
                    .map(|(x, y)| LinePoint {
                        p: Point { x: Pt(x), y: Pt(y) },
                        bezier: false,
                    })
                    .collect(),
                is_closed: false,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, color: Color) {
        self.ops.push(Op::SaveGraphicsState);
        self.ops.push(Op::SetFillColor { col: color });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(width),
                height: Pt(height),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// The marking (red, left) and the header text (grey, right), over a
    /// rule: an artifact.
    fn header(&mut self, meta: &Meta) {
        self.artifact(Some("Header"), |canvas| canvas.header_content(meta));
    }

    fn header_content(&mut self, meta: &Meta) {
        let y = PAGE_HEIGHT - HEADER_BASELINE;
        let mut any = false;
        let mut used_left = 0.0;
        if let Some(mark) = &meta.watermark {
            let text = self.fitted(mark, Face::Bold, MARK_SIZE, TEXT_WIDTH * 0.6);
            used_left = self.fonts.width(Face::Bold, MARK_SIZE, &text) + 12.0;
            self.text(&text, Face::Bold, MARK_SIZE, ink(Ink::Red), MARGIN_SIDE, y);
            any = true;
        }
        if !meta.header.trim().is_empty() {
            let text = self.fitted(
                &meta.header,
                Face::Regular,
                HEADER_SIZE,
                TEXT_WIDTH - used_left,
            );
            let width = self.fonts.width(Face::Regular, HEADER_SIZE, &text);
            let x = PAGE_WIDTH - MARGIN_SIDE - width;
            self.text(&text, Face::Regular, HEADER_SIZE, ink(Ink::Grey), x, y);
            any = true;
        }
        if any {
            let rule = PAGE_HEIGHT - HEADER_RULE;
            self.line(
                (MARGIN_SIDE, rule),
                (PAGE_WIDTH - MARGIN_SIDE, rule),
                RULE,
                rgb(0.6, 0.6, 0.6),
            );
        }
    }

    /// "N / M" and the provenance line, centred: an artifact.
    fn footer(&mut self, meta: &Meta, number: usize, total: usize) {
        self.artifact(Some("Footer"), |canvas| {
            canvas.footer_content(meta, number, total);
        });
    }

    fn footer_content(&mut self, meta: &Meta, number: usize, total: usize) {
        let folio = format!("Page {number} / {total}");
        let width = self.fonts.width(Face::Regular, FOLIO_SIZE, &folio);
        self.text(
            &folio,
            Face::Regular,
            FOLIO_SIZE,
            rgb(0.25, 0.25, 0.25),
            (PAGE_WIDTH - width) / 2.0,
            FOLIO_BASELINE,
        );
        let provenance = self.fitted(
            &meta.provenance(),
            Face::Regular,
            PROVENANCE_SIZE,
            TEXT_WIDTH,
        );
        let width = self
            .fonts
            .width(Face::Regular, PROVENANCE_SIZE, &provenance);
        self.text(
            &provenance,
            Face::Regular,
            PROVENANCE_SIZE,
            ink(Ink::Grey),
            (PAGE_WIDTH - width) / 2.0,
            PROVENANCE_BASELINE,
        );
    }

    /// A chunk: shading, text, then borders.
    fn chunk(&mut self, placed: &Placed) {
        let chunk = &placed.chunk;
        let bottom = placed.top - chunk.height;
        if let Some(frame) = &chunk.frame
            && frame.header
            && let (Some(&left), Some(&right)) = (frame.edges.first(), frame.edges.last())
        {
            self.artifact(None, |canvas| {
                canvas.fill(
                    left,
                    bottom,
                    right - left,
                    chunk.height,
                    rgb(0.88, 0.88, 0.88),
                );
            });
        }
        for line in &chunk.lines {
            self.text_line(line, placed.top);
        }
        if let Some(frame) = &chunk.frame
            && let (Some(&left), Some(&right)) = (frame.edges.first(), frame.edges.last())
        {
            self.artifact(None, |canvas| {
                let color = rgb(0.3, 0.3, 0.3);
                canvas.line(
                    (left, placed.top),
                    (right, placed.top),
                    BORDER,
                    color.clone(),
                );
                canvas.line((left, bottom), (right, bottom), BORDER, color.clone());
                for &x in &frame.edges {
                    canvas.line((x, placed.top), (x, bottom), BORDER, color.clone());
                }
            });
        }
    }

    /// The footnotes above the footer, under a short rule.
    fn footnotes(&mut self, page: &Page) {
        if page.notes.is_empty() {
            return;
        }
        let area_top = BODY_BOTTOM + page.notes_height;
        let rule = area_top - NOTE_BAND / 2.0;
        self.artifact(None, |canvas| {
            canvas.line(
                (MARGIN_SIDE, rule),
                (MARGIN_SIDE + NOTE_RULE, rule),
                RULE,
                rgb(0.0, 0.0, 0.0),
            );
        });
        for line in &page.notes {
            self.text_line(line, area_top - NOTE_BAND);
        }
    }

    /// A line of runs, in one text section; `origin` is the y its `top` is
    /// measured down from.
    fn text_line(&mut self, line: &TextLine, origin: f32) {
        if line.runs.iter().all(|run| run.frag.text.is_empty()) {
            return;
        }
        let baseline = origin - line.top - line.baseline;
        let owner = line.owner;
        if owner == Owner::Artifact {
            // A repeated table header: drawn, not read again (and without
            // its links).
            self.artifact(None, |canvas| {
                canvas.ops.push(Op::StartTextSection);
                for run in &line.runs {
                    canvas.run(run, baseline);
                }
                canvas.ops.push(Op::EndTextSection);
            });
            self.artifact(None, |canvas| canvas.revision_marks(line, origin, baseline));
            return;
        }
        let labelled = self.tags.starts_with_label(owner);
        self.ops.push(Op::StartTextSection);
        // Text runs in a row share one sequence; a label, a footnote call
        // and each part of a link have their own.
        let mut open_text = false;
        for (index, run) in line.runs.iter().enumerate() {
            let kind = if labelled && index == 0 {
                Kind::Label
            } else if let Some(note) = run.frag.note {
                Kind::Call(note)
            } else if let (Some(url), Some(annotation)) =
                (run.frag.link.as_deref(), self.link(run, baseline))
            {
                Kind::Link {
                    url: url.to_owned(),
                    text: run.frag.text.clone(),
                    annotation,
                }
            } else if let Some(revision) = run.frag.style.revision {
                Kind::Revised {
                    revision,
                    text: run.frag.text.clone(),
                }
            } else {
                Kind::Text
            };
            let text = kind == Kind::Text;
            if !(text && open_text) {
                if open_text {
                    self.ops.push(Op::EndMarkedContent);
                }
                let begin = self.tags.begin(self.page, owner, kind);
                self.ops.push(begin);
            }
            self.run(run, baseline);
            open_text = text;
            if !text {
                self.ops.push(Op::EndMarkedContent);
            }
        }
        if open_text {
            self.ops.push(Op::EndMarkedContent);
        }
        self.ops.push(Op::EndTextSection);
        self.artifact(None, |canvas| {
            for run in &line.runs {
                canvas.link_underline(run, baseline);
            }
            canvas.revision_marks(line, origin, baseline);
        });
    }

    /// A run's colour and text, in a text section.
    fn run(&mut self, run: &Run, baseline: f32) {
        self.ops.push(Op::SetFillColor {
            col: style_ink(&run.frag.style),
        });
        let style = run.frag.style;
        let matrix = TextMatrix::Translate(Pt(run.x), Pt(baseline + style.rise));
        self.show(
            style.face,
            style.size,
            matrix,
            run.frag.text_items(run.extra),
        );
    }

    /// A link's run underlined in its colour, as readers expect a link to
    /// look (a redline's own underline or strike takes its place).
    fn link_underline(&mut self, run: &Run, baseline: f32) {
        let style = run.frag.style;
        let width = run.width();
        if style.ink != Ink::Link || style.revision.is_some() || width <= 0.0 {
            return;
        }
        let y = baseline + style.rise - style.size * UNDERLINE_DROP;
        self.line(
            (run.x, y),
            (run.x + width, y),
            (style.size * DECORATION).max(0.4),
            ink(Ink::Link),
        );
    }

    /// Inserted text underlined, deleted text struck through, and a bar in
    /// the margin beside a line that holds either.
    fn revision_marks(&mut self, line: &TextLine, origin: f32, baseline: f32) {
        let mut revised = false;
        for run in &line.runs {
            let style = run.frag.style;
            let Some(revision) = style.revision else {
                continue;
            };
            revised = true;
            let y = baseline
                + style.rise
                + match revision {
                    Revision::Inserted => -style.size * UNDERLINE_DROP,
                    Revision::Deleted => style.size * STRIKE_RISE,
                };
            let width = run.width();
            if width > 0.0 {
                self.line(
                    (run.x, y),
                    (run.x + width, y),
                    (style.size * DECORATION).max(0.4),
                    revision_ink(revision),
                );
            }
        }
        if revised {
            let x = MARGIN_SIDE - CHANGE_BAR_GAP;
            let top = origin - line.top;
            self.line(
                (x, top),
                (x, top - line.height),
                CHANGE_BAR,
                rgb(0.2, 0.2, 0.2),
            );
        }
    }

    /// A clickable area over a link's run; its index among the page's
    /// annotations, `None` when the run is no link one can follow.
    fn link(&mut self, run: &Run, baseline: f32) -> Option<usize> {
        let target = run.frag.link.as_deref()?;
        let action = match internal_page(target) {
            Some(page) => Actions::Goto(Destination::Xyz {
                page,
                left: None,
                top: None,
                zoom: None,
            }),
            None => Actions::Uri(safe_uri(target)?),
        };
        let size = run.frag.style.size;
        self.ops.push(Op::LinkAnnotation {
            link: LinkAnnotation::new(
                Rect {
                    x: Pt(run.x),
                    y: Pt(baseline - size * DESCENT),
                    width: Pt(run.width()),
                    height: Pt(size * (ASCENT + DESCENT)),
                    mode: None,
                    winding_order: None,
                },
                action,
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(ColorArray::Transparent),
                Some(HighlightingMode::Invert),
            ),
        });
        self.annotations += 1;
        Some(self.annotations - 1)
    }
}

/// `items` set in `face`, cut into runs each drawn in one face (see
/// [`Fonts::drawn_with`]); offsets stay with the run they follow. Text
/// that `face` covers gives the items back as they are, in one run.
fn by_face(fonts: &Fonts, face: Face, items: Vec<TextItem>) -> Vec<(Face, Vec<TextItem>)> {
    let covered = items.iter().all(|item| match item {
        TextItem::Text(text) => text.chars().all(|c| fonts.drawn_with(face, c) == face),
        _ => true,
    });
    if covered {
        return vec![(face, items)];
    }
    let mut runs: Vec<(Face, Vec<TextItem>)> = Vec::new();
    for item in items {
        let TextItem::Text(text) = item else {
            match runs.last_mut() {
                Some((_, last)) => last.push(item),
                None => runs.push((face, vec![item])),
            }
            continue;
        };
        for c in text.chars() {
            let drawn = fonts.drawn_with(face, c);
            match runs.last_mut() {
                Some((last_face, last)) if *last_face == drawn => match last.last_mut() {
                    Some(TextItem::Text(open)) => open.push(c),
                    _ => last.push(TextItem::Text(c.to_string())),
                },
                _ => runs.push((drawn, vec![TextItem::Text(c.to_string())])),
            }
        }
    }
    runs
}

/// `text`, cleaned for the face and shortened with an ellipsis to fit.
fn fitted(fonts: &Fonts, text: &str, face: Face, size: f32, width: f32) -> String {
    let text: String = fonts
        .clean_text(face, text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if fonts.width(face, size, &text) <= width {
        return text;
    }
    let room = width - fonts.width(face, size, "…");
    let mut used = 0.0;
    let mut end = 0;
    for (index, c) in text.char_indices() {
        used += fonts.advance(face, c) as f32 * size / 1000.0;
        if used > room {
            break;
        }
        end = index + c.len_utf8();
    }
    format!("{}…", text.get(..end).unwrap_or_default().trim_end())
}

/// The marking, large and light across the page: a content stream that
/// fills its outlines, for a form XObject drawn under every page. Shapes,
/// not text: rotated text would scramble the reading order of extracted
/// text (the header carries the marking as text).
fn watermark(fonts: &Fonts, mark: &str) -> Option<Vec<u8>> {
    let face = Face::Bold;
    let text = fitted(fonts, mark, face, 1.0, f32::INFINITY);
    let unit = fonts.width(face, 1.0, &text);
    let contours = fonts.outlines(face, &text)?;
    if unit <= 0.0 || contours.is_empty() {
        return None;
    }
    let angle = PAGE_HEIGHT.atan2(PAGE_WIDTH);
    let diagonal = PAGE_WIDTH.hypot(PAGE_HEIGHT);
    let size = (diagonal * 0.6 / unit).min(90.0);
    let (sin, cos) = angle.sin_cos();
    // Centre the text on the page's centre, half a cap height below.
    let (dx, dy) = (-unit * size / 2.0, -size * 0.35);
    let place = |x: f32, y: f32| {
        let (x, y) = (x * size + dx, y * size + dy);
        format!(
            "{:.2} {:.2}",
            PAGE_WIDTH / 2.0 + x * cos - y * sin,
            PAGE_HEIGHT / 2.0 + x * sin + y * cos
        )
    };
    let mut content = String::from("q 0.98 0.88 0.88 rg\n");
    for contour in &contours {
        let mut points = contour.iter();
        let Some(&(x, y, _)) = points.next() else {
            continue;
        };
        content.push_str(&format!("{} m\n", place(x, y)));
        while let Some(&(x, y, control)) = points.next() {
            if control
                && let (Some(&(x2, y2, true)), Some(&(x3, y3, false))) =
                    (points.next(), points.next())
            {
                content.push_str(&format!(
                    "{} {} {} c\n",
                    place(x, y),
                    place(x2, y2),
                    place(x3, y3)
                ));
            } else {
                content.push_str(&format!("{} l\n", place(x, y)));
            }
        }
        content.push_str("h\n");
    }
    content.push_str("f Q\n");
    Some(content.into_bytes())
}

/// A link's address as a URI action may hold it (7-bit ASCII), for web and
/// mail addresses only.
/// The page (from 1) a link `#page=N` leads to within the document, as
/// PDF readers understand the fragment; `None` for any other address.
fn internal_page(url: &str) -> Option<usize> {
    url.trim()
        .strip_prefix("#page=")?
        .parse()
        .ok()
        .filter(|page| *page > 0)
}

fn safe_uri(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
    {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic()
            && !matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '{' | '|' | '}')
        {
            out.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, Document, Inline, Paragraph};

    #[test]
    fn runs_switch_to_the_fallback_and_back() {
        let fonts = Fonts::get().expect("fonts");
        let plain = vec![TextItem::Text("Délégation – 30 € ".into())];
        assert_eq!(
            by_face(fonts, Face::Bold, plain.clone()),
            [(Face::Bold, plain)]
        );
        let items = vec![
            TextItem::Text("le mot ".into()),
            TextItem::Offset(-20.0),
            TextItem::Text("عربي ✓ fin".into()),
        ];
        let text = |s: &str| TextItem::Text(s.to_owned());
        assert_eq!(
            by_face(fonts, Face::Italic, items),
            [
                (Face::Italic, vec![text("le mot "), TextItem::Offset(-20.0)]),
                (Face::Fallback, vec![text("عربي")]),
                (Face::Italic, vec![text(" ")]),
                (Face::Fallback, vec![text("✓")]),
                (Face::Italic, vec![text(" fin")]),
            ]
        );
    }

    /// The outline colours and line widths drawn on the first page.
    fn strokes(document: &Document) -> Vec<(String, f32)> {
        let fonts = Fonts::get().expect("fonts");
        let pages = super::super::layout::layout(document, fonts);
        let mut used = BTreeMap::new();
        let mut tags = Tags::new(document);
        let mut canvas = Canvas {
            ops: Vec::new(),
            used: &mut used,
            fonts,
            tags: &mut tags,
            page: 0,
            annotations: 0,
        };
        for placed in &pages[0].body {
            canvas.chunk(placed);
        }
        let mut out = Vec::new();
        let mut color = String::new();
        for op in canvas.ops {
            match op {
                Op::SetOutlineColor { col } => color = format!("{col:?}"),
                Op::SetOutlineThickness { pt } => out.push((color.clone(), pt.0)),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn revisions_are_underlined_struck_and_barred_in_the_margin() {
        let plain = Document {
            blocks: vec![Block::Paragraph(Paragraph::new(vec![Inline::text(
                "Texte.",
            )]))],
            ..Document::default()
        };
        assert!(strokes(&plain).is_empty());
        let revised = Document {
            blocks: vec![Block::Paragraph(Paragraph::new(vec![
                Inline::text("Directeur "),
                Inline::Revised {
                    revision: Revision::Deleted,
                    content: vec![Inline::text("du numérique")],
                },
                Inline::Revised {
                    revision: Revision::Inserted,
                    content: vec![Inline::text("général")],
                },
            ]))],
            ..Document::default()
        };
        let drawn = strokes(&revised);
        let color = |revision| format!("{:?}", revision_ink(revision));
        assert_eq!(
            drawn
                .iter()
                .filter(|(c, _)| *c == color(Revision::Deleted))
                .count(),
            1,
            "one strike"
        );
        assert_eq!(
            drawn
                .iter()
                .filter(|(c, _)| *c == color(Revision::Inserted))
                .count(),
            1,
            "one underline"
        );
        assert!(
            drawn.iter().any(|(_, width)| *width == CHANGE_BAR),
            "a change bar: {drawn:?}"
        );
    }

    #[test]
    fn links_are_underlined_in_their_colour() {
        let linked = Document {
            blocks: vec![Block::Paragraph(Paragraph::new(vec![
                Inline::text("Voir "),
                Inline::Link {
                    text: "https://beta.gouv.fr/".into(),
                    url: "https://beta.gouv.fr/".into(),
                },
            ]))],
            ..Document::default()
        };
        let drawn = strokes(&linked);
        let link = format!("{:?}", ink(Ink::Link));
        assert_eq!(
            drawn.iter().filter(|(c, _)| *c == link).count(),
            1,
            "one underline: {drawn:?}"
        );
    }

    #[test]
    fn page_links_stay_in_the_document() {
        assert_eq!(internal_page("#page=4"), Some(4));
        assert_eq!(internal_page(" #page=12 "), Some(12));
        for other in ["#page=0", "#page=x", "page=4", "https://a.fr/#page=4"] {
            assert_eq!(internal_page(other), None, "{other}");
        }
    }

    #[test]
    fn link_addresses_become_ascii_uris() {
        assert_eq!(
            safe_uri(" https://a.fr/x y "),
            Some("https://a.fr/x%20y".into())
        );
        assert_eq!(
            safe_uri("https://a.fr/é"),
            Some("https://a.fr/%C3%A9".into())
        );
        assert_eq!(safe_uri("javascript:alert(1)"), None);
        assert_eq!(
            safe_uri("HTTPS://A.FR/(x)"),
            Some("HTTPS://A.FR/(x)".into())
        );
    }
}
