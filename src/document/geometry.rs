//! The page geometry of the exported documents, said once: page size,
//! margins, the size, line pitch and spacing of each kind of block, table
//! padding, indents and which blocks keep with the next. The DOCX writer
//! reads it in twips and half-points, the PDF layout in points, so the PDF
//! and LibreOffice's rendering of the DOCX break pages at the same places.
//!
//! Every length is a whole number of twips (1/20 pt) and every text size a
//! whole number of half-points, so the DOCX says exactly what the PDF lays
//! out. Line pitches are exact (the DOCX's `w:lineRule="exact"`), not
//! multiples of the font's height, which each renderer computes its own way.
//!
//! How LibreOffice spaces the DOCX's blocks, and the PDF layout follows:
//! between two paragraphs, the larger of the space after the first and the
//! space before the second (measured: 6 pt after and 18 pt before give
//! 18 pt); the
//! space before a block is dropped at the top of a page the text flowed
//! onto, kept at the top of the first page and after a forced page break;
//! a table row is as tall as its cells' lines and the space after each of
//! their paragraphs, plus the cell padding above and below and one border.

use super::{Block, Inline, Paragraph, push_inlines};

/// The size, line pitch and spacing of one kind of text block, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextGeometry {
    /// The text size.
    pub size: f32,
    /// The distance between two baselines (exact).
    pub line: f32,
    /// Space above the block.
    pub before: f32,
    /// Space below the block.
    pub after: f32,
}

/// A4 width, in points (11 906 twips).
pub const PAGE_WIDTH: f32 = 595.3;
/// A4 height, in points (16 838 twips).
pub const PAGE_HEIGHT: f32 = 841.9;
/// Left and right margins: 2 cm.
pub const MARGIN_SIDE: f32 = 56.7;
/// Top margin, 2.5 cm: the header sits inside it.
pub const MARGIN_TOP: f32 = 70.85;
/// Bottom margin, 2.5 cm: the footer sits inside it.
pub const MARGIN_BOTTOM: f32 = 70.85;
/// From the top edge of the page to the header, 1.25 cm.
pub const HEADER_DISTANCE: f32 = 35.45;
/// From the bottom edge of the page to the footer, 1.25 cm.
pub const FOOTER_DISTANCE: f32 = 35.45;
/// The width of the text between the margins.
pub const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_SIDE;

/// Running text (also list items and the signature blocks).
pub const BODY: TextGeometry = TextGeometry {
    size: 11.0,
    line: 13.75,
    before: 0.0,
    after: 6.0,
};
/// The document's title.
pub const TITLE: TextGeometry = TextGeometry {
    size: 17.0,
    line: 21.25,
    before: 12.0,
    after: 18.0,
};
/// Level-1 headings: articles and annexes.
pub const HEADING1: TextGeometry = TextGeometry {
    size: 12.0,
    line: 15.0,
    before: 16.0,
    after: 6.0,
};
/// Level-2 headings: sections of an article.
pub const HEADING2: TextGeometry = TextGeometry {
    size: 11.0,
    line: 13.75,
    before: 10.0,
    after: 4.0,
};
/// A list item; the last item of a list has the body's space after.
pub const LIST_ITEM: TextGeometry = TextGeometry {
    size: BODY.size,
    line: BODY.line,
    before: 0.0,
    after: 3.0,
};
/// A paragraph in a table cell.
pub const CELL: TextGeometry = TextGeometry {
    size: 9.5,
    line: 12.0,
    before: 0.0,
    after: 2.0,
};
/// A footnote.
pub const NOTE: TextGeometry = TextGeometry {
    size: 8.5,
    line: 10.5,
    before: 0.0,
    after: 2.0,
};
/// A paragraph of a signature block: no space between them.
pub const SIGNATURE: TextGeometry = TextGeometry {
    size: BODY.size,
    line: BODY.line,
    before: 0.0,
    after: 0.0,
};
/// The running header's text size.
pub const HEADER_SIZE: f32 = 9.0;
/// The footer's text size (« Page N / M »).
pub const FOOTER_SIZE: f32 = 9.0;
/// The provenance line's text size, in the footer.
pub const PROVENANCE_SIZE: f32 = 7.0;

/// Where a list item's bullet starts, from the left margin (1 cm less the
/// hanging indent).
pub const BULLET_INDENT: f32 = 14.2;
/// Where a list item's text starts, from the left margin: 1 cm.
pub const LIST_INDENT: f32 = 28.35;

/// A table cell's padding left and right of its text.
pub const CELL_PAD_X: f32 = 5.0;
/// A table cell's padding above and below its text.
pub const CELL_PAD_Y: f32 = 2.5;
/// The width of a table's borders (the DOCX's `w:sz="4"`, in eighths).
pub const BORDER: f32 = 0.5;
/// The empty line after a table, which also keeps two tables apart.
pub const TABLE_GAP: f32 = 10.0;
/// The empty line that carries a page break right before a table (a
/// break inside a table is not reliable in the DOCX).
pub const BREAK_SPACER: f32 = 1.0;
/// A table of at most this many rows is kept on one page.
pub const KEEP_TABLE_ROWS: usize = 12;

/// The room left to sign in, under each signature column's first line.
pub const SIGNATURE_ROOM: f32 = 70.0;
/// The padding right of each signature column's text.
pub const SIGNATURE_PAD: f32 = 5.0;

/// A length in twips (1/20 pt), as the DOCX writes it.
pub const fn twips(points: f32) -> i32 {
    (points * 20.0).round() as i32
}

/// A text size in half-points, as the DOCX writes it.
pub const fn half_points(points: f32) -> usize {
    (points * 2.0).round() as usize
}

/// Whether a paragraph stays on the same page as the block after it: when
/// it introduces it (it ends with a colon), or that block is a list, a
/// table or the signatures.
pub fn keeps_with_next(paragraph: &Paragraph, next: Option<&Block>) -> bool {
    matches!(
        next,
        Some(Block::List(_) | Block::Table(_) | Block::Signatures(_))
    ) || ends_with_colon(&paragraph.content)
}

/// Whether text ends with a colon (it introduces what follows).
fn ends_with_colon(inlines: &[Inline]) -> bool {
    let mut text = String::new();
    push_inlines(&mut text, inlines);
    text.trim_end().ends_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_is_whole_twips_and_every_size_whole_half_points() {
        let lengths = [
            PAGE_WIDTH,
            PAGE_HEIGHT,
            MARGIN_SIDE,
            MARGIN_TOP,
            MARGIN_BOTTOM,
            HEADER_DISTANCE,
            FOOTER_DISTANCE,
            BULLET_INDENT,
            LIST_INDENT,
            CELL_PAD_X,
            CELL_PAD_Y,
            TABLE_GAP,
            BREAK_SPACER,
            SIGNATURE_ROOM,
            SIGNATURE_PAD,
        ];
        let texts = [
            BODY, TITLE, HEADING1, HEADING2, LIST_ITEM, CELL, NOTE, SIGNATURE,
        ];
        let all = lengths
            .into_iter()
            .chain(texts.iter().flat_map(|t| [t.line, t.before, t.after]));
        for length in all {
            let twentieths = length * 20.0;
            assert!(
                (twentieths - twentieths.round()).abs() < 1e-3,
                "{length} pt"
            );
        }
        let sizes = texts
            .iter()
            .map(|t| t.size)
            .chain([HEADER_SIZE, FOOTER_SIZE, PROVENANCE_SIZE]);
        for size in sizes {
            assert!(((size * 2.0) - (size * 2.0).round()).abs() < 1e-4, "{size}");
        }
        assert_eq!(twips(PAGE_WIDTH), 11_906);
        assert_eq!(twips(PAGE_HEIGHT), 16_838);
        assert_eq!(twips(MARGIN_SIDE), 1_134);
        assert_eq!(half_points(BODY.size), 22);
    }

    #[test]
    fn paragraphs_introducing_what_follows_keep_with_it() {
        let paragraph = |s: &str| Paragraph::new(vec![Inline::text(s)]);
        let list = Block::List(vec![paragraph("a")]);
        assert!(keeps_with_next(&paragraph("Le MEAE :"), None));
        assert!(keeps_with_next(&paragraph("Le MEAE"), Some(&list)));
        assert!(!keeps_with_next(
            &paragraph("Fin."),
            Some(&Block::Paragraph(paragraph("x")))
        ));
    }
}
