//! The pages' content streams, written straight from the drawing's
//! operations. printpdf would turn each operation into lopdf objects and
//! lopdf would print every glyph code through `format!` and every number
//! through the float formatter: a quarter of a whole export's time. Here
//! each operation is written once into the stream's bytes, in the same
//! operators printpdf emits; printpdf still builds everything else (fonts,
//! pages, annotations) from a shell holding the links and one line of
//! text per font, whose stream is then replaced (see [`super::pdfa`]).

use std::collections::BTreeMap;

use printpdf::{Color, FontId, Op, PaintMode, PdfFontHandle, PdfFontMap, PdfPage, TextItem};

use super::PdfError;

/// The streams of the pages, in order, and for each font the character
/// each glyph shown stands for (the last one shown, as printpdf keeps it),
/// from which the shell's text is made.
pub(crate) struct Contents {
    /// One content stream per page.
    pub streams: Vec<Vec<u8>>,
    /// Per font, each glyph shown and the character it was shown for.
    pub shown: BTreeMap<FontId, BTreeMap<u16, char>>,
}

/// A font's glyph codes as the pages look them up, character by
/// character: those below [`TABLED`] in a table, the others in the font's
/// own map; and the character last shown with each glyph.
struct Codes<'a> {
    map: &'a BTreeMap<u32, u16>,
    table: Vec<Option<u16>>,
    shown: Vec<Option<char>>,
}

/// The characters whose codes are looked up in a table: Latin, then the
/// General Punctuation and Currency blocks (quotes, dashes, €).
const TABLED: u32 = 0x2100;

impl<'a> Codes<'a> {
    fn new(map: &'a BTreeMap<u32, u16>) -> Self {
        let mut table = vec![None; TABLED as usize];
        let mut glyphs = 0;
        for (&c, &gid) in map {
            glyphs = glyphs.max(usize::from(gid) + 1);
            if let Some(slot) = table.get_mut(c as usize) {
                *slot = Some(gid);
            }
        }
        Self {
            map,
            table,
            shown: vec![None; glyphs],
        }
    }

    /// The code of `c`, noted as shown; 0 (.notdef) if the font lacks it,
    /// as printpdf writes it.
    fn code(&mut self, c: char) -> u16 {
        let code = u32::from(c);
        let gid = match self.table.get(code as usize) {
            Some(gid) => *gid,
            None => self.map.get(&code).copied(),
        };
        let Some(gid) = gid else { return 0 };
        if let Some(slot) = self.shown.get_mut(usize::from(gid)) {
            *slot = Some(c);
        }
        gid
    }
}

/// Writes the content stream of every page.
pub(crate) fn encode(pages: &[PdfPage], fonts: &PdfFontMap) -> Result<Contents, PdfError> {
    let mut codes: BTreeMap<&FontId, Codes<'_>> = fonts
        .map
        .iter()
        .map(|(id, font)| (id, Codes::new(&font.parsed_font.codepoint_to_glyph)))
        .collect();
    let streams = pages
        .iter()
        .map(|page| encode_page(&page.ops, &mut codes))
        .collect::<Result<Vec<_>, _>>()?;
    let shown = codes
        .into_iter()
        .map(|(id, codes)| {
            let glyphs: BTreeMap<u16, char> = codes
                .shown
                .iter()
                .enumerate()
                .filter_map(|(gid, c)| Some((u16::try_from(gid).ok()?, (*c)?)))
                .collect();
            (id.clone(), glyphs)
        })
        .filter(|(_, glyphs)| !glyphs.is_empty())
        .collect();
    Ok(Contents { streams, shown })
}

/// The shell's pages: each page's link annotations only (printpdf makes
/// the /Annots from them), and on the first page one line per font showing
/// the characters of `shown`, so that printpdf embeds each font with the
/// widths and the ToUnicode map of exactly the glyphs the pages show.
pub(crate) fn shell_pages(
    pages: &[PdfPage],
    shown: &BTreeMap<FontId, BTreeMap<u16, char>>,
) -> Vec<PdfPage> {
    pages
        .iter()
        .enumerate()
        .map(|(index, page)| {
            let mut ops: Vec<Op> = page
                .ops
                .iter()
                .filter(|op| matches!(op, Op::LinkAnnotation { .. }))
                .cloned()
                .collect();
            if index == 0 {
                for (font, glyphs) in shown {
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font.clone()),
                        size: printpdf::Pt(1.0),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(glyphs.values().collect())],
                    });
                    ops.push(Op::EndTextSection);
                }
            }
            PdfPage {
                media_box: page.media_box.clone(),
                trim_box: page.trim_box.clone(),
                crop_box: page.crop_box.clone(),
                ops,
            }
        })
        .collect()
}

/// A page's stream.
fn encode_page(ops: &[Op], codes: &mut BTreeMap<&FontId, Codes<'_>>) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::with_capacity(ops.len() * 24);
    let mut font: Option<&FontId> = None;
    for op in ops {
        match op {
            Op::SaveGraphicsState => out.extend_from_slice(b"q\n"),
            Op::RestoreGraphicsState => out.extend_from_slice(b"Q\n"),
            Op::StartTextSection => out.extend_from_slice(b"BT\n"),
            Op::EndTextSection => out.extend_from_slice(b"ET\n"),
            Op::SetFillColor { col } => color(&mut out, col, false),
            Op::SetOutlineColor { col } => color(&mut out, col, true),
            Op::SetOutlineThickness { pt } => {
                number(&mut out, pt.0);
                out.extend_from_slice(b" w\n");
            }
            Op::SetFont { font: handle, size } => {
                font = match handle {
                    PdfFontHandle::External(id) => Some(id),
                    PdfFontHandle::Builtin(_) => {
                        return Err(unsupported("police standard non prise en charge"));
                    }
                };
                name(&mut out, handle.get_resource_name().as_bytes());
                out.push(b' ');
                number(&mut out, size.0);
                out.extend_from_slice(b" Tf\n");
            }
            Op::SetTextMatrix { matrix } => {
                for value in matrix.as_array() {
                    number(&mut out, value);
                    out.push(b' ');
                }
                out.extend_from_slice(b"Tm\n");
            }
            Op::ShowText { items } => {
                let id = font.ok_or_else(|| unsupported("texte sans police"))?;
                let glyphs = codes
                    .get_mut(id)
                    .ok_or_else(|| unsupported("police inconnue"))?;
                let single = matches!(items.as_slice(), [TextItem::Text(_)]);
                if !single {
                    out.push(b'[');
                }
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(b' ');
                    }
                    match item {
                        TextItem::Text(text) => {
                            out.push(b'<');
                            for c in text.chars() {
                                hex(&mut out, glyphs.code(c));
                            }
                            out.push(b'>');
                        }
                        TextItem::Offset(offset) => number(&mut out, *offset),
                        TextItem::GlyphIds(_) => {
                            return Err(unsupported("glyphes non pris en charge"));
                        }
                    }
                }
                out.extend_from_slice(if single { b" Tj\n" } else { b"] TJ\n" });
            }
            Op::DrawLine { line } => {
                if line.points.iter().any(|point| point.bezier) {
                    return Err(unsupported("courbes non prises en charge"));
                }
                for (index, point) in line.points.iter().enumerate() {
                    number(&mut out, point.p.x.0);
                    out.push(b' ');
                    number(&mut out, point.p.y.0);
                    out.extend_from_slice(if index == 0 { b" m\n" } else { b" l\n" });
                }
                if !line.points.is_empty() {
                    out.extend_from_slice(if line.is_closed { b"h\nS\n" } else { b"S\n" });
                }
            }
            Op::DrawRectangle { rectangle } => {
                for value in [
                    rectangle.x.0,
                    rectangle.y.0,
                    rectangle.width.0,
                    rectangle.height.0,
                ] {
                    number(&mut out, value);
                    out.push(b' ');
                }
                out.extend_from_slice(b"re\n");
                let winding = rectangle.winding_order.unwrap_or_default();
                let paint: &[&str] = match rectangle.mode {
                    Some(PaintMode::Clip) => &[winding.get_clip_op(), "n"],
                    Some(PaintMode::Fill) => &[winding.get_fill_op()],
                    Some(PaintMode::Stroke) => &["S"],
                    Some(PaintMode::FillStroke) => &[winding.get_fill_stroke_op()],
                    None => match rectangle.winding_order {
                        Some(order) => &[order.get_clip_op(), "n"],
                        None => &["n"],
                    },
                };
                for operator in paint {
                    out.extend_from_slice(operator.as_bytes());
                    out.push(b'\n');
                }
            }
            // In the shell's pages: printpdf makes the page's /Annots.
            Op::LinkAnnotation { .. } => {}
            Op::BeginMarkedContent { tag } => {
                name(&mut out, tag.as_bytes());
                out.extend_from_slice(b" BMC\n");
            }
            Op::BeginMarkedContentWithProperties { tag, properties } => {
                let operation = lopdf::content::Operation::new(
                    "BDC",
                    vec![
                        lopdf::Object::Name(tag.as_bytes().to_vec()),
                        properties.to_lopdf(),
                    ],
                );
                let bytes = lopdf::content::Content {
                    operations: vec![operation],
                }
                .encode()
                .map_err(|error| PdfError::Save(error.to_string()))?;
                out.extend_from_slice(&bytes);
                out.push(b'\n');
            }
            Op::EndMarkedContent | Op::EndMarkedContentWithProperties => {
                out.extend_from_slice(b"EMC\n");
            }
            _ => return Err(unsupported("opération non prise en charge")),
        }
    }
    Ok(out)
}

/// What a page's stream cannot hold, said in French.
fn unsupported(what: &str) -> PdfError {
    PdfError::Save(format!("flux de page : {what}"))
}

/// A colour operator: `rg`/`RG`, `g`/`G` or `k`/`K`.
fn color(out: &mut Vec<u8>, color: &Color, stroke: bool) {
    let operator = match (color, stroke) {
        (Color::Rgb(_), false) => "rg",
        (Color::Rgb(_), true) => "RG",
        (Color::Greyscale(_), false) => "g",
        (Color::Greyscale(_), true) => "G",
        (Color::Cmyk(_) | Color::SpotColor(_), false) => "k",
        (Color::Cmyk(_) | Color::SpotColor(_), true) => "K",
    };
    for value in color.into_vec() {
        number(out, value);
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
    out.push(b'\n');
}

/// A name, `/` and its bytes, those outside the regular characters as
/// `#xx` (ISO 32000-1, 7.3.5).
fn name(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'/');
    for &byte in bytes {
        let regular = byte.is_ascii_graphic()
            && !matches!(
                byte,
                b'#' | b'/' | b'%' | b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}'
            );
        if regular {
            out.push(byte);
        } else {
            out.push(b'#');
            out.extend_from_slice(&hex_digits(byte));
        }
    }
}

/// A glyph code: four upper-case hexadecimal digits.
fn hex(out: &mut Vec<u8>, code: u16) {
    let [high, low] = code.to_be_bytes();
    out.extend_from_slice(&hex_digits(high));
    out.extend_from_slice(&hex_digits(low));
}

fn hex_digits(byte: u8) -> [u8; 2] {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    [
        DIGITS[usize::from(byte >> 4)],
        DIGITS[usize::from(byte & 0xF)],
    ]
}

/// A number to the thousandth (a thousandth of a point or of an em is far
/// below what any device shows), without trailing zeros: `12`, `-0.5`,
/// `785.28`.
fn number(out: &mut Vec<u8>, value: f32) {
    let scaled = (f64::from(value) * 1000.0).round();
    // Out of range or not a number: PDF readers take 0 (never in practice).
    let scaled = if scaled.is_finite() && scaled.abs() < 1e15 {
        scaled as i64
    } else {
        0
    };
    if scaled < 0 {
        out.push(b'-');
    }
    let magnitude = scaled.unsigned_abs();
    digits(out, magnitude / 1000);
    let mut fraction = magnitude % 1000;
    if fraction != 0 {
        out.push(b'.');
        let mut places = 3;
        while fraction % 10 == 0 {
            fraction /= 10;
            places -= 1;
        }
        let text = [
            b'0' + (fraction / 100 % 10) as u8,
            b'0' + (fraction / 10 % 10) as u8,
            b'0' + (fraction % 10) as u8,
        ];
        out.extend_from_slice(&text[3 - places..]);
    }
}

fn digits(out: &mut Vec<u8>, mut value: u64) {
    let mut buffer = [0u8; 20];
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&buffer[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, value);
        String::from_utf8(out).expect("ascii")
    }

    #[test]
    fn numbers_are_short_and_exact_to_the_thousandth() {
        assert_eq!(written(12.0), "12");
        assert_eq!(written(-0.5), "-0.5");
        assert_eq!(written(785.28), "785.28");
        assert_eq!(written(0.0004), "0");
        assert_eq!(written(-20.125), "-20.125");
        assert_eq!(written(0.07), "0.07");
        assert_eq!(written(f32::NAN), "0");
    }

    #[test]
    fn a_page_is_written_in_the_fonts_codes_and_its_shell_keeps_what_printpdf_needs() {
        use std::collections::BTreeSet;

        use super::super::fonts::{Face, Fonts};
        use printpdf::{Mm, Pt, TextMatrix};

        let fonts = Fonts::get().expect("fonts");
        let chars: BTreeSet<char> = "Ab é".chars().collect();
        let (id, font) = fonts.subset(Face::Regular, &chars).expect("subset");
        let mut map = PdfFontMap::default();
        map.map.insert(id.clone(), font);
        let ops = vec![
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(id.clone()),
                size: Pt(10.5),
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(72.0), Pt(700.25)),
            },
            Op::ShowText {
                items: vec![
                    TextItem::Text("Ab".into()),
                    TextItem::Offset(-12.5),
                    TextItem::Text("é".into()),
                ],
            },
            Op::EndTextSection,
        ];
        let page = PdfPage::new(Mm(210.0), Mm(297.0), ops);
        let contents = encode(std::slice::from_ref(&page), &map).expect("encodes");
        let code = |c: char| {
            let parsed = &map.map[&id].parsed_font;
            format!(
                "{:04X}",
                parsed.lookup_glyph_index(u32::from(c)).unwrap_or(0)
            )
        };
        let text = String::from_utf8(contents.streams[0].clone()).expect("ascii");
        assert_eq!(
            text,
            format!(
                "BT\n/LibSansR 10.5 Tf\n1 0 0 1 72 700.25 Tm\n[<{}{}> -12.5 <{}>] TJ\nET\n",
                code('A'),
                code('b'),
                code('é')
            )
        );
        assert_ne!(code('A'), "0000");
        let shown: BTreeSet<char> = contents.shown[&id].values().copied().collect();
        assert_eq!(shown, "Abé".chars().collect());
        let shell = shell_pages(&[page], &contents.shown);
        assert!(matches!(
            shell[0].ops.as_slice(),
            [
                Op::StartTextSection,
                Op::SetFont { .. },
                Op::ShowText { .. },
                Op::EndTextSection
            ]
        ));
    }

    #[test]
    fn names_and_codes_are_escaped_as_pdf_wants() {
        let mut out = Vec::new();
        name(&mut out, b"LibSansB");
        name(&mut out, b"a b#");
        hex(&mut out, 0x01AF);
        assert_eq!(out, b"/LibSansB/a#20b#2301AF");
    }
}
