//! The embedded Liberation Sans faces and their fallback, DejaVu Sans (for
//! the Greek, Cyrillic, Hebrew, Arabic… that Liberation lacks): advance
//! widths for the layout, the characters no face has and what replaces
//! them, and the subsets that are embedded in the file.

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use printpdf::{FontId, ParsedFont, PdfFont};
use sha2::Digest as _;
use ttf_parser::GlyphId;

use super::PdfError;

/// One of the four faces of Liberation Sans, or one of the two of DejaVu
/// Sans that stand in for the characters Liberation lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// DejaVu Sans, for the regular and italic faces (DejaVu's oblique is
    /// not shipped: such characters are drawn upright).
    Fallback,
    /// DejaVu Sans Bold, for the bold faces.
    FallbackBold,
}

/// How many faces there are.
const FACES: usize = 6;

impl Face {
    /// Every face, in a fixed order.
    #[cfg(test)]
    pub(crate) const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The face for a bold and italic combination.
    pub(crate) fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The DejaVu face that stands in for this one.
    fn fallback(self) -> Face {
        match self {
            Face::Regular | Face::Italic | Face::Fallback => Face::Fallback,
            Face::Bold | Face::BoldItalic | Face::FallbackBold => Face::FallbackBold,
        }
    }

    /// The resource name in content streams. Chosen by us so the output is
    /// stable, and never `F1`…`F14`, which printpdf keeps for the standard
    /// 14 fonts.
    pub(crate) fn resource(self) -> &'static str {
        match self {
            Face::Regular => "LibSansR",
            Face::Bold => "LibSansB",
            Face::Italic => "LibSansI",
            Face::BoldItalic => "LibSansBI",
            Face::Fallback => "DejaVuSansR",
            Face::FallbackBold => "DejaVuSansB",
        }
    }

    /// The PostScript name, written (with a subset tag) as /BaseFont.
    fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "LiberationSans",
            Face::Bold => "LiberationSans-Bold",
            Face::Italic => "LiberationSans-Italic",
            Face::BoldItalic => "LiberationSans-BoldItalic",
            Face::Fallback => "DejaVuSans",
            Face::FallbackBold => "DejaVuSans-Bold",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => crate::assets::SANS_REGULAR,
            Face::Bold => crate::assets::SANS_BOLD,
            Face::Italic => crate::assets::SANS_ITALIC,
            Face::BoldItalic => crate::assets::SANS_BOLD_ITALIC,
            Face::Fallback => crate::assets::FALLBACK_REGULAR,
            Face::FallbackBold => crate::assets::FALLBACK_BOLD,
        }
    }
}

/// Measures text: the advance of a character in thousandths of an em.
///
/// The layout is written against this trait so the line breaker can be
/// tested with simple made-up widths.
pub(crate) trait Measure {
    /// The advance of `c` in `face`, in 1/1000 em, exactly as the viewer
    /// will move the pen.
    fn advance(&self, face: Face, c: char) -> u32;

    /// The advance of `c` in `face`, in 1/1000 em, not rounded: what the
    /// line breaker weighs to fit a line as LibreOffice fits it (the pen
    /// moves by [`Measure::advance`]).
    fn exact_advance(&self, face: Face, c: char) -> f32 {
        self.advance(face, c) as f32
    }

    /// The width of `text` in points at `size`.
    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let units: u64 = text.chars().map(|c| u64::from(self.advance(face, c))).sum();
        units as f32 * size / 1000.0
    }
}

/// What to draw for a character of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Clean {
    /// This character (the original or a stand-in the face has).
    Char(char),
    /// A breaking space.
    Space,
    /// Nothing: invisible formatting characters.
    Drop,
}

/// The parsed faces, shared by every export of the process.
pub(crate) struct Fonts {
    /// Each face's tables, read the first time a document uses it
    /// (ttf-parser reads lazily: this is nearly free).
    faces: [OnceLock<Option<ttf_parser::Face<'static>>>; FACES],
    /// Each face's glyph and advance for the characters French text uses
    /// most, looked up once: the line breaker asks for every character of
    /// every word it tries.
    glyphs: [[AtomicU64; CACHED]; FACES],
}

/// The characters whose glyphs are cached: Latin up to U+02FF, then the
/// General Punctuation and Currency blocks (U+2000–U+20FF: dashes, quotes,
/// narrow no-break space, ellipsis, €).
const CACHED: usize = 0x300 + 0x100;

/// The cache slot of a character, if it has one.
fn slot(c: char) -> Option<usize> {
    match u32::from(c) {
        code @ 0..0x300 => Some(code as usize),
        code @ 0x2000..0x2100 => Some(0x300 + (code - 0x2000) as usize),
        _ => None,
    }
}

/// A cached glyph: bit 63 set once looked up; bits 16–31 the glyph (0 for
/// none), bits 0–15 the advance in font units.
const LOOKED_UP: u64 = 1 << 63;

/// Liberation Sans' ascender and descender, as fractions of the size
/// (hhea: 1854 and 434 units of 2048).
pub(crate) const ASCENT: f32 = 0.905;
/// See [`ASCENT`].
pub(crate) const DESCENT: f32 = 0.212;

static FONTS: Fonts = Fonts {
    faces: [const { OnceLock::new() }; FACES],
    glyphs: [const { [const { AtomicU64::new(0) }; CACHED] }; FACES],
};

impl Fonts {
    /// The faces, each parsed once per process when first needed.
    pub(crate) fn get() -> Result<&'static Fonts, PdfError> {
        // The regular face is always needed; parsing it here reports a
        // broken build early rather than in the middle of a layout.
        FONTS.parsed(Face::Regular).ok_or_else(|| {
            PdfError::Font("les polices Liberation Sans intégrées sont illisibles".into())
        })?;
        Ok(&FONTS)
    }

    fn parsed(&self, face: Face) -> Option<&ttf_parser::Face<'static>> {
        self.faces
            .get(face.index())?
            .get_or_init(|| ttf_parser::Face::parse(face.bytes(), 0).ok())
            .as_ref()
    }

    fn glyph(&self, face: Face, c: char) -> Option<u16> {
        self.glyph_and_advance(face, c)
            .map(|(gid, _)| gid)
            .filter(|&gid| gid != 0)
    }

    /// The glyph of `c` (0 when the face lacks it) and its advance in font
    /// units; `None` only if the face cannot be read.
    fn glyph_and_advance(&self, face: Face, c: char) -> Option<(u16, u16)> {
        let cache = slot(c).map(|i| &self.glyphs[face.index()][i]);
        if let Some(cached) = cache {
            let packed = cached.load(Ordering::Relaxed);
            if packed & LOOKED_UP != 0 {
                return Some(((packed >> 16) as u16, packed as u16));
            }
        }
        let font = self.parsed(face)?;
        let gid = font.glyph_index(c).unwrap_or(GlyphId(0));
        let advance = font.glyph_hor_advance(gid).unwrap_or(0);
        if let Some(cached) = cache {
            cached.store(
                LOOKED_UP | (u64::from(gid.0) << 16) | u64::from(advance),
                Ordering::Relaxed,
            );
        }
        Some((gid.0, advance))
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has(&self, face: Face, c: char) -> bool {
        self.glyph(face, c).is_some()
    }

    /// The face that draws `c` for text set in `face`: `face` itself,
    /// unless it lacks `c` and its DejaVu fallback has it.
    pub(crate) fn drawn_with(&self, face: Face, c: char) -> Face {
        if self.has(face, c) {
            return face;
        }
        let fallback = face.fallback();
        if fallback != face && self.has(fallback, c) {
            fallback
        } else {
            face
        }
    }

    /// Whether the PDF shows `c` as itself (in Liberation Sans or in its
    /// fallback, whatever the face) or as a look-alike; `false` when it
    /// becomes « ? ». Spaces and invisible characters count as shown.
    pub(crate) fn shows(&self, c: char) -> bool {
        c == '?'
            || [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic]
                .into_iter()
                .all(|face| self.clean(face, c) != Clean::Char('?'))
    }

    /// What to draw for `c` in `face`: the character itself when the face
    /// has it, else a look-alike, else the character itself when the
    /// fallback has it (see [`Fonts::drawn_with`]), else `?`. Never a
    /// character that would show as an empty box.
    pub(crate) fn clean(&self, face: Face, c: char) -> Clean {
        match c {
            ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                return Clean::Space;
            }
            // Soft hyphen, zero-width characters, word joiner, BOM,
            // variation selectors, bidi marks: invisible.
            '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{e0100}'..='\u{e01ef}' => return Clean::Drop,
            c if c.is_control() => return Clean::Drop,
            _ => {}
        }
        if self.has(face, c) {
            return Clean::Char(c);
        }
        let stand_in = match c {
            // Breaking spaces of other widths.
            '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200a}' | '\u{205f}' | '\u{3000}' => {
                return Clean::Space;
            }
            // No-break spaces.
            '\u{2007}' | '\u{202f}' => '\u{a0}',
            // Hyphens and dashes.
            '\u{2010}' | '\u{2011}' | '\u{2043}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => '-',
            '\u{2012}' | '\u{2015}' => '\u{2013}',
            // Quotes and apostrophes.
            '\u{2032}' | '\u{02bc}' | '\u{ff07}' => '\'',
            '\u{2033}' | '\u{ff02}' => '"',
            '\u{2024}' => '.',
            '\u{2044}' | '\u{2215}' => '/',
            _ if self.drawn_with(face, c) != face => return Clean::Char(c),
            _ => '?',
        };
        if self.has(face, stand_in) {
            Clean::Char(stand_in)
        } else if stand_in == '\u{a0}' {
            Clean::Char(' ')
        } else {
            Clean::Char('?')
        }
    }

    /// Replaces, in `text`, what `face` cannot show (see [`Fonts::clean`]);
    /// breaking spaces become U+0020.
    pub(crate) fn clean_text(&self, face: Face, text: &str) -> String {
        text.chars()
            .filter_map(|c| match self.clean(face, c) {
                Clean::Char(c) => Some(c),
                Clean::Space => Some(' '),
                Clean::Drop => None,
            })
            .collect()
    }

    /// The subset of `face` holding `chars`, ready to register in the
    /// document. Its cmap maps the characters to the subset's glyphs, so
    /// text items keep working; its name carries a tag derived from the
    /// characters, so the same text gives the same file.
    pub(crate) fn subset(
        &self,
        face: Face,
        chars: &BTreeSet<char>,
    ) -> Result<(FontId, PdfFont), PdfError> {
        let fail =
            |reason: String| PdfError::Font(format!("{} : {reason}", face.postscript_name()));
        let glyphs: Vec<(char, u16)> = chars
            .iter()
            .filter_map(|&c| Some((c, self.glyph(face, c)?)))
            .collect();
        let bytes =
            super::subset::subset(face.bytes(), &glyphs).map_err(|e| fail(e.to_string()))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| fail("le sous-ensemble est illisible".into()))?;
        parsed.font_name = Some(format!(
            "{}+{}",
            subset_tag(face, chars),
            face.postscript_name()
        ));
        Ok((FontId(face.resource().to_owned()), PdfFont::new(parsed)))
    }
}

/// A closed contour of a glyph outline: points in ems from the pen's
/// start, y up; `true` marks the two control points before each end point
/// of a cubic Bézier curve.
pub(crate) type Contour = Vec<(f32, f32, bool)>;

impl Fonts {
    /// The outlines of `text` set in `face` on one line, to draw it as
    /// shapes rather than text (the diagonal marking, which must not get in
    /// the way of text extraction). `None` if the glyphs cannot be read.
    pub(crate) fn outlines(&self, face: Face, text: &str) -> Option<Vec<Contour>> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::outline::OutlineBuilder as _;
        use allsorts::tables::glyf::{GlyfVisitorContext, LocaGlyf};

        let font = self.parsed(face)?;
        let per_em = f32::from(font.units_per_em().max(1));
        let data = ReadScope::new(face.bytes()).read::<FontData<'_>>().ok()?;
        let provider = data.table_provider(0).ok()?;
        let mut glyphs = LocaGlyf::load(&provider).ok()?;
        let mut context = GlyfVisitorContext::new(&mut glyphs, None);
        let mut sink = ContourSink {
            per_em,
            ..ContourSink::default()
        };
        for c in text.chars() {
            let Some(gid) = self.glyph(face, c) else {
                // Drawn in the fallback, which is not outlined here: a gap.
                sink.pen += self.advance(face, c) as f32 / 1000.0;
                continue;
            };
            context.visit(gid, None, &mut sink).ok()?;
            sink.finish();
            sink.pen += f32::from(font.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)) / per_em;
        }
        Some(sink.contours)
    }
}

/// Collects glyph outlines as contours (see [`Contour`]).
#[derive(Default)]
struct ContourSink {
    per_em: f32,
    /// Where the current glyph starts, in ems.
    pen: f32,
    current: Contour,
    last: (f32, f32),
    contours: Vec<Contour>,
}

impl ContourSink {
    fn point(&self, v: allsorts::pathfinder_geometry::vector::Vector2F) -> (f32, f32) {
        (self.pen + v.x() / self.per_em, v.y() / self.per_em)
    }

    fn push(&mut self, (x, y): (f32, f32), control: bool) {
        self.current.push((x, y, control));
        if !control {
            self.last = (x, y);
        }
    }

    fn finish(&mut self) {
        if self.current.len() > 1 {
            self.contours.push(std::mem::take(&mut self.current));
        } else {
            self.current.clear();
        }
    }
}

impl allsorts::outline::OutlineSink for ContourSink {
    fn move_to(&mut self, to: allsorts::pathfinder_geometry::vector::Vector2F) {
        self.finish();
        let to = self.point(to);
        self.push(to, false);
    }

    fn line_to(&mut self, to: allsorts::pathfinder_geometry::vector::Vector2F) {
        let to = self.point(to);
        self.push(to, false);
    }

    fn quadratic_curve_to(
        &mut self,
        control: allsorts::pathfinder_geometry::vector::Vector2F,
        to: allsorts::pathfinder_geometry::vector::Vector2F,
    ) {
        // The same curve as a cubic: controls two thirds of the way to
        // the quadratic's control point.
        let (x0, y0) = self.last;
        let (qx, qy) = self.point(control);
        let (x, y) = self.point(to);
        self.push(
            (x0 + 2.0 / 3.0 * (qx - x0), y0 + 2.0 / 3.0 * (qy - y0)),
            true,
        );
        self.push((x + 2.0 / 3.0 * (qx - x), y + 2.0 / 3.0 * (qy - y)), true);
        self.push((x, y), false);
    }

    fn cubic_curve_to(
        &mut self,
        control: allsorts::pathfinder_geometry::line_segment::LineSegment2F,
        to: allsorts::pathfinder_geometry::vector::Vector2F,
    ) {
        let first = self.point(control.from());
        let second = self.point(control.to());
        let to = self.point(to);
        self.push(first, true);
        self.push(second, true);
        self.push(to, false);
    }

    fn close(&mut self) {
        self.finish();
    }
}

/// A face's CapHeight and StemV, in 1/1000 em, as a font descriptor holds
/// them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Stems {
    /// The height of capital letters: the OS/2 table's sCapHeight, or the
    /// top of « H » when the table lacks it.
    pub cap_height: i64,
    /// The thickness of vertical stems. No table holds it: measured as
    /// the width of « l », a single vertical stem in a sans-serif, less
    /// what the slant adds in an italic (height × tan of the angle).
    pub stem_v: i64,
}

impl Fonts {
    /// The CapHeight and StemV of `face`, from the font itself.
    pub(crate) fn stems(&self, face: Face) -> Option<Stems> {
        let font = self.parsed(face)?;
        let scale = 1000.0 / f32::from(font.units_per_em().max(1));
        let glyph_box = |c: char| font.glyph_index(c).and_then(|g| font.glyph_bounding_box(g));
        let cap_height = font
            .capital_height()
            .filter(|&height| height > 0)
            .or_else(|| glyph_box('H').map(|rect| rect.y_max))?;
        let stem = glyph_box('l')?;
        let slant = font.italic_angle().abs().to_radians().tan();
        let width = f32::from(stem.x_max) - f32::from(stem.x_min);
        let height = f32::from(stem.y_max) - f32::from(stem.y_min);
        let stem_v = (width - height * slant).max(1.0);
        Some(Stems {
            cap_height: (f32::from(cap_height) * scale).round() as i64,
            stem_v: (stem_v * scale).round() as i64,
        })
    }

    /// Sets CapHeight and StemV in every font descriptor of `pdf` from the
    /// font it describes (found by its name, subset tag aside): printpdf
    /// writes the ascent as CapHeight and a guessed StemV.
    pub(crate) fn describe(&self, pdf: &mut lopdf::Document) {
        const ALL: [Face; FACES] = [
            Face::Regular,
            Face::Bold,
            Face::Italic,
            Face::BoldItalic,
            Face::Fallback,
            Face::FallbackBold,
        ];
        for object in pdf.objects.values_mut() {
            let lopdf::Object::Dictionary(dictionary) = object else {
                continue;
            };
            if !dictionary.has_type(b"FontDescriptor") {
                continue;
            }
            let Ok(name) = dictionary.get(b"FontName").and_then(lopdf::Object::as_name) else {
                continue;
            };
            let base = name.splitn(2, |&b| b == b'+').last().unwrap_or(name);
            let Some(stems) = ALL
                .into_iter()
                .find(|face| face.postscript_name().as_bytes() == base)
                .and_then(|face| self.stems(face))
            else {
                continue;
            };
            dictionary.set("CapHeight", lopdf::Object::Integer(stems.cap_height));
            dictionary.set("StemV", lopdf::Object::Integer(stems.stem_v));
        }
    }
}

impl Measure for Fonts {
    fn advance(&self, face: Face, c: char) -> u32 {
        let face = self.drawn_with(face, c);
        let (Some(font), Some((_, units))) = (self.parsed(face), self.glyph_and_advance(face, c))
        else {
            return 0;
        };
        let per_em = font.units_per_em().max(1);
        // Truncated, as printpdf writes the /W array: viewers advance by /W.
        (f32::from(units) * 1000.0 / f32::from(per_em)) as u32
    }

    fn exact_advance(&self, face: Face, c: char) -> f32 {
        let face = self.drawn_with(face, c);
        let (Some(font), Some((_, units))) = (self.parsed(face), self.glyph_and_advance(face, c))
        else {
            return 0.0;
        };
        f32::from(units) * 1000.0 / f32::from(font.units_per_em().max(1))
    }
}

/// Six capital letters derived from the face and the characters (ISO
/// 32000-1, 9.6.4).
fn subset_tag(face: Face, chars: &BTreeSet<char>) -> String {
    let mut hash = sha2::Sha256::new();
    hash.update(face.postscript_name().as_bytes());
    for c in chars {
        hash.update(u32::from(*c).to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().expect("fonts parse")
    }

    #[test]
    fn french_text_is_covered_by_every_face() {
        let text = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔŒÙÛÜ«»€–—’“”…•\u{a0}\u{202f}";
        for face in Face::ALL {
            for c in text.chars() {
                assert_eq!(fonts().clean(face, c), Clean::Char(c), "{face:?} {c:?}");
            }
        }
    }

    #[test]
    fn missing_characters_get_stand_ins() {
        let f = fonts();
        assert_eq!(f.clean(Face::Regular, '\u{2011}'), Clean::Char('-'));
        assert_eq!(f.clean(Face::Regular, '🎉'), Clean::Char('?'));
        assert!(!f.shows('🎉') && !f.shows('中') && f.shows('?') && f.shows('\u{2011}'));
        assert_eq!(f.clean(Face::Bold, '中'), Clean::Char('?'));
        assert_eq!(f.clean(Face::Regular, '\u{fffe}'), Clean::Char('?'));
        assert_eq!(f.clean(Face::Regular, '\u{7}'), Clean::Drop);
        assert_eq!(f.clean(Face::Regular, '\t'), Clean::Space);
        assert_eq!(f.clean_text(Face::Italic, "a\u{ad}b\tc\u{2011}d"), "ab c-d");
    }

    #[test]
    fn dejavu_draws_what_liberation_lacks() {
        let f = fonts();
        // Arabic, Armenian, a check mark: DejaVu's; Greek: Liberation's.
        for c in ['ع', 'Հ', '✓'] {
            assert_eq!(f.drawn_with(Face::Regular, c), Face::Fallback, "{c:?}");
            assert_eq!(f.drawn_with(Face::Italic, c), Face::Fallback, "{c:?}");
            assert_eq!(f.drawn_with(Face::BoldItalic, c), Face::FallbackBold);
            assert_eq!(f.clean(Face::Bold, c), Clean::Char(c), "{c:?}");
            assert!(f.shows(c), "{c:?}");
            assert_eq!(
                f.advance(Face::Regular, c),
                f.advance(Face::Fallback, c),
                "{c:?}"
            );
            assert!(f.advance(Face::Regular, c) > 0, "{c:?}");
        }
        assert_eq!(f.drawn_with(Face::Regular, 'Δ'), Face::Regular);
        assert_eq!(f.drawn_with(Face::Regular, '🎉'), Face::Regular);
        // Look-alikes win over the fallback: the reference stays as it was.
        assert_eq!(f.clean(Face::Regular, '\u{2011}'), Clean::Char('-'));
        let chars: BTreeSet<char> = "عربي ✓".chars().collect();
        let (id, font) = f.subset(Face::FallbackBold, &chars).expect("subset");
        assert_eq!(id.0, "DejaVuSansB");
        for c in &chars {
            assert_ne!(
                font.parsed_font.lookup_glyph_index(*c as u32),
                None,
                "{c:?}"
            );
        }
    }

    #[test]
    fn widths_are_those_of_the_w_array() {
        let f = fonts();
        // Liberation Sans: space 569/2048 em, "a" 1139/2048 em.
        assert_eq!(f.advance(Face::Regular, ' '), 277);
        assert_eq!(f.advance(Face::Regular, 'a'), 556);
        assert!((f.width(Face::Regular, 10.0, "aa") - 11.12).abs() < 1e-4);
        assert!(f.advance(Face::Bold, 'a') > 0);
    }

    #[test]
    fn outlines_follow_the_advances() {
        let contours = fonts().outlines(Face::Bold, "PROJET").expect("outlines");
        // P, R, O, J, E, T: at least one contour each, two for P, R and O.
        assert!(contours.len() >= 9, "{}", contours.len());
        let right = contours
            .iter()
            .flatten()
            .map(|&(x, _, _)| x)
            .fold(0.0, f32::max);
        let width = fonts().width(Face::Bold, 1.0, "PROJET");
        assert!(right > width * 0.9 && right <= width, "{right} {width}");
        assert_eq!(
            fonts().outlines(Face::Bold, "\u{3000}").map(|c| c.len()),
            Some(0)
        );
    }

    #[test]
    fn a_subset_maps_every_character_it_was_made_for() {
        let f = fonts();
        let chars: BTreeSet<char> = "Délégation – 30\u{202f}000\u{a0}€ «\u{a0}x\u{a0}»"
            .chars()
            .collect();
        let (id, font) = f.subset(Face::Bold, &chars).expect("subset");
        assert_eq!(id.0, "LibSansB");
        let parsed = &font.parsed_font;
        for c in &chars {
            let gid = parsed.lookup_glyph_index(*c as u32).unwrap_or(0);
            assert_ne!(gid, 0, "{c:?}");
            let width = parsed.get_glyph_width(gid).unwrap_or(0);
            let original = f
                .parsed(Face::Bold)
                .and_then(|p| p.glyph_hor_advance(GlyphId(f.glyph(Face::Bold, *c).unwrap_or(0))));
            assert_eq!(Some(width), original, "{c:?}");
        }
        let name = parsed.font_name.clone().unwrap_or_default();
        assert!(
            name.ends_with("+LiberationSans-Bold") && name.len() == 26,
            "{name}"
        );
        assert!(parsed.original_bytes.len() < 60_000);
    }
}
