//! The PDF writer: the document tree laid out on A4 pages in Liberation
//! Sans (embedded, subset) and saved as PDF/A-2b with printpdf.
//!
//! We lay text out ourselves (printpdf's html feature is off): lines are
//! broken by measuring glyph advances and justified with TJ offsets
//! ([`lines`]); chunks are paginated with keeps, repeated table headers and
//! footnotes ([`layout`]); every page gets its header, marking and footer
//! once the page count is known ([`draw`]); the file is post-processed for
//! PDF/A-2b and a reproducible /ID ([`pdfa`]).
//!
//! PDF/A-2b status: the file carries what PDF/A-2b asks for and that we
//! could check (version 1.7 with a binary comment, every font embedded
//! with a ToUnicode map and no .notdef glyph shown, XMP with
//! `pdfaid:part 2`/`conformance B` matching the Info dictionary, an sRGB
//! output intent, no transparency, encryption or JavaScript, printable
//! URI link annotations, a trailer /ID). It has not been through veraPDF,
//! which could not be installed here: run it once before claiming
//! conformance. Known small gaps a strict validator may flag: the /W
//! widths are rounded down to 1/1000 em (printpdf), and the font
//! descriptors' CapHeight equals the ascent and StemV is estimated.

mod draw;
mod fonts;
mod layout;
mod lines;
mod pdfa;

use crate::document::Document;

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be read or subset.
    #[error("police : {0}")]
    Font(String),
    /// The file could not be assembled.
    #[error("enregistrement : {0}")]
    Save(String),
}

/// Lays the document out and returns the bytes of the PDF file. The same
/// document always gives the same bytes; nothing is read from the clock.
pub fn write_pdf(document: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::Fonts::get()?;
    let pages = layout::layout(document, fonts);
    let (pdf, bookmarks) = draw::draw(&document.meta, &pages, fonts)?;
    pdfa::save(&pdf, &document.meta, &bookmarks)
}
