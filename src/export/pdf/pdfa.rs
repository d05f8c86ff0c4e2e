//! The file as saved: printpdf's objects post-processed with lopdf into
//! PDF/A-2b (version 1.7, XMP metadata matching the Info dictionary, an
//! sRGB output intent, printable annotations), with bookmarks, named
//! destinations for the paragraphs' field anchors, fixed
//! dates and an /ID derived from the content, so the same document always
//! gives the same bytes.

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{PdfDocument, PdfSaveOptions};
use sha2::Digest as _;

use super::PdfError;
use super::content;
use super::draw::{Bookmark, Drawing, Spot};
use super::layout::{MARGIN_SIDE, PAGE_HEIGHT, PAGE_WIDTH};
use crate::document::Meta;
use crate::export::xml::xml_escape;

/// The output intent's profile: sRGB IEC61966-2.1 (see
/// assets/icc/LICENSE-sRGB.txt).
const SRGB_PROFILE: &[u8] = include_bytes!("../../../assets/icc/sRGB.icc");

/// The application, as named in the file's properties.
const CREATOR: &str = "Convention";

/// The date the file bears when the document has none.
const FALLBACK_DATE: (i32, u8, u8) = (2000, 1, 1);

/// The longest property or bookmark title written, in characters.
const MAX_PROPERTY: usize = 2000;

/// A 16-byte placeholder for the /ID, patched once the bytes are known.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Saves the document as PDF/A-2b bytes. The drawing is taken, so that
/// its pages' operations are freed as soon as their streams are written
/// (the memory they held is reused for the file's objects, rather than
/// fresh pages asked of the system).
pub(crate) fn save(
    mut drawing: Drawing,
    meta: &Meta,
    anchors: &[Vec<String>],
) -> Result<Vec<u8>, PdfError> {
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    // The pages' streams are written here; printpdf makes the rest from a
    // shell of the document (see `content`), whose streams are replaced.
    let source = &mut drawing.document;
    let contents = content::encode(&source.pages, &source.resources.fonts)?;
    let pages = content::shell_pages(&source.pages, &contents.shown);
    drop(std::mem::take(&mut source.pages));
    let shell = PdfDocument {
        metadata: std::mem::take(&mut source.metadata),
        resources: std::mem::take(&mut source.resources),
        bookmarks: std::mem::take(&mut source.bookmarks),
        pages,
    };
    let mut pdf = shell.to_lopdf_document(&options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Save(error.msg.clone()));
    }
    page_streams(&mut pdf, contents.streams)?;
    // The export's provenance, not the signature: see Meta::provenance_date.
    let date = document_date(&meta.provenance_date);
    pdf.version = "1.7".into();
    info(&mut pdf, meta, date)?;
    let metadata = pdf.add_object(xmp_stream(meta, date));
    let profile = pdf.add_object(Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        SRGB_PROFILE.to_vec(),
    ));
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        (
            "OutputConditionIdentifier",
            Object::string_literal("sRGB IEC61966-2.1"),
        ),
        (
            "RegistryName",
            Object::string_literal("http://www.color.org"),
        ),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    let outlines = outline(&mut pdf, &drawing.bookmarks);
    let destinations = destinations(&pdf, &drawing.spots, anchors);
    if let Some(content) = &drawing.watermark {
        underlay(&mut pdf, content)?;
    }
    {
        let catalog = pdf.catalog_mut().map_err(structure)?;
        catalog.set("Metadata", Object::Reference(metadata));
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
        catalog.set("Lang", Object::string_literal("fr-FR"));
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        if let Some(destinations) = destinations {
            catalog.set(
                "Names",
                Dictionary::from_iter(vec![("Dests", Object::Dictionary(destinations))]),
            );
        }
        if let Some(outlines) = outlines {
            catalog.set("Outlines", Object::Reference(outlines));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
    printable_annotations(&mut pdf)?;
    drawing.tags.write(&mut pdf)?;
    super::fonts::Fonts::get()?.describe(&mut pdf);
    compress_streams(&mut pdf)?;
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|error| PdfError::Save(error.to_string()))?;
    patch_id(&mut bytes)?;
    Ok(bytes)
}

/// Deflates every stream worth it, at the fast level, with one compressor
/// for the whole file.
/// lopdf's own pass set up a new one per stream at the slowest level, which
/// took a third of the export's time.
fn compress_streams(pdf: &mut lopdf::Document) -> Result<(), PdfError> {
    let mut compressor = flate2::Compress::new(flate2::Compression::fast(), true);
    for object in pdf.objects.values_mut() {
        match object {
            Object::Stream(stream)
                if stream.allows_compression
                    && stream.dict.get(b"Filter").is_err()
                    && stream.content.len() >= SMALL_STREAM =>
            {
                compress(&mut compressor, stream)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Deflates one stream with `compressor`, unless that saves nothing.
fn compress(compressor: &mut flate2::Compress, stream: &mut Stream) -> Result<(), PdfError> {
    compressor.reset();
    let mut output = Vec::with_capacity(stream.content.len() / 2 + 64);
    loop {
        let consumed = compressor.total_in() as usize;
        let status = compressor
            .compress_vec(
                &stream.content[consumed..],
                &mut output,
                flate2::FlushCompress::Finish,
            )
            .map_err(|error| PdfError::Save(error.to_string()))?;
        if status == flate2::Status::StreamEnd {
            break;
        }
        output.reserve(output.capacity().max(1024));
    }
    if output.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(output);
    }
    Ok(())
}

/// Puts the pages' own streams in place of the shell's.
fn page_streams(pdf: &mut lopdf::Document, streams: Vec<Vec<u8>>) -> Result<(), PdfError> {
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    if pages.len() != streams.len() {
        return Err(PdfError::Save(format!(
            "{} pages pour {} flux",
            pages.len(),
            streams.len()
        )));
    }
    for (page, bytes) in pages.into_iter().zip(streams) {
        let contents = pdf
            .get_dictionary(page)
            .and_then(|page| page.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(structure)?;
        match pdf.get_object_mut(contents).map_err(structure)? {
            Object::Stream(stream) => stream.set_content(bytes),
            _ => return Err(PdfError::Save("flux de page introuvable".into())),
        }
    }
    Ok(())
}

/// Streams up to this many bytes are left as they are.
const SMALL_STREAM: usize = 256;

fn structure(error: lopdf::Error) -> PdfError {
    PdfError::Save(format!("structure inattendue : {error}"))
}

/// The document's date (`YYYY-MM-DD`) if valid, else 2000-01-01.
fn document_date(date: &str) -> (i32, u8, u8) {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return FALLBACK_DATE;
    };
    let (Ok(year), Ok(month), Ok(day)) =
        (year.parse::<i32>(), month.parse::<u8>(), day.parse::<u8>())
    else {
        return FALLBACK_DATE;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if !(1000..=9999).contains(&year) || day == 0 || day > days {
        return FALLBACK_DATE;
    }
    (year, month, day)
}

/// A text string for the Info dictionary: PDFDocEncoding-safe ASCII as is,
/// anything else in UTF-16BE.
pub(super) fn text_string(text: &str) -> Object {
    if text.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// At most [`MAX_PROPERTY`] characters: PDF/A caps strings at 32,767 bytes.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(MAX_PROPERTY) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The properties, each once, as both Info and XMP hold them (empty ones
/// left out of both).
struct Properties {
    title: String,
    author: String,
    subject: String,
    keywords: String,
}

impl Properties {
    fn new(meta: &Meta) -> Self {
        let clean = |text: &str| -> String {
            let text = text
                .chars()
                .filter(|c| !c.is_control() && !matches!(c, '\u{fffe}' | '\u{ffff}'))
                .collect::<String>();
            shorten(&text.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        let keywords: Vec<String> = meta
            .keywords
            .iter()
            .map(|k| clean(k))
            .filter(|k| !k.is_empty())
            .collect();
        Self {
            title: clean(&meta.title),
            author: clean(&meta.author),
            subject: clean(&meta.subject),
            keywords: keywords.join(", "),
        }
    }
}

fn producer() -> String {
    format!(
        "{CREATOR} {} (printpdf 0.12.8, lopdf 0.44)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Replaces printpdf's Info dictionary with one that matches the XMP.
fn info(pdf: &mut lopdf::Document, meta: &Meta, date: (i32, u8, u8)) -> Result<(), PdfError> {
    let properties = Properties::new(meta);
    let (year, month, day) = date;
    let stamp = format!("D:{year:04}{month:02}{day:02}000000Z");
    let mut dictionary = Dictionary::new();
    for (key, value) in [
        ("Title", &properties.title),
        ("Author", &properties.author),
        ("Subject", &properties.subject),
        ("Keywords", &properties.keywords),
    ] {
        if !value.is_empty() {
            dictionary.set(key, text_string(value));
        }
    }
    dictionary.set("Creator", text_string(CREATOR));
    dictionary.set("Producer", text_string(&producer()));
    dictionary.set("CreationDate", Object::string_literal(stamp.clone()));
    dictionary.set("ModDate", Object::string_literal(stamp));
    match pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => pdf.set_object(id, dictionary),
        Err(_) => {
            let id = pdf.add_object(dictionary);
            pdf.trailer.set("Info", Object::Reference(id));
        }
    }
    Ok(())
}

/// The XMP metadata packet, uncompressed, as PDF/A wants it.
fn xmp_stream(meta: &Meta, date: (i32, u8, u8)) -> Stream {
    let properties = Properties::new(meta);
    let (year, month, day) = date;
    let stamp = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
    let mut fields = String::new();
    if !properties.title.is_empty() {
        fields.push_str(&format!(
            "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n",
            xml_escape(&properties.title)
        ));
    }
    if !properties.author.is_empty() {
        fields.push_str(&format!(
            "   <dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml_escape(&properties.author)
        ));
    }
    if !properties.subject.is_empty() {
        fields.push_str(&format!(
            "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml_escape(&properties.subject)
        ));
    }
    if !properties.keywords.is_empty() {
        fields.push_str(&format!(
            "   <pdf:Keywords>{}</pdf:Keywords>\n",
            xml_escape(&properties.keywords)
        ));
    }
    let packet = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
  <rdf:Description rdf:about=\"\"
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"
    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"
    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"
    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">
   <dc:format>application/pdf</dc:format>
{fields}   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end=\"w\"?>",
        producer = xml_escape(&producer()),
    );
    let mut stream = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        packet.into_bytes(),
    );
    stream.allows_compression = false;
    stream
}

/// The named destinations of the paragraphs' anchors, `anchors[i]` being
/// the names of paragraph `i`: a name tree of one node, its names sorted as
/// the format requires, each pointing at the top of its paragraph's first
/// line. `None` when no paragraph has an anchor.
fn destinations(
    pdf: &lopdf::Document,
    spots: &[Spot],
    anchors: &[Vec<String>],
) -> Option<Dictionary> {
    let pages = pdf.get_pages();
    let mut named: Vec<(&str, Object)> = Vec::new();
    for spot in spots {
        let Some(names) = anchors.get(spot.paragraph) else {
            continue;
        };
        let Some(page) = u32::try_from(spot.page + 1)
            .ok()
            .and_then(|number| pages.get(&number))
        else {
            continue;
        };
        for name in names {
            named.push((
                name,
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Real(MARGIN_SIDE),
                    Object::Real(spot.y + 2.0),
                    Object::Null,
                ]),
            ));
        }
    }
    if named.is_empty() {
        return None;
    }
    // The root of a name tree has no /Limits.
    named.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut array = Vec::with_capacity(named.len() * 2);
    for (name, destination) in named {
        array.push(Object::string_literal(name));
        array.push(destination);
    }
    Some(Dictionary::from_iter(vec![("Names", Object::Array(array))]))
}

/// A flat outline, one entry per bookmark, in document order.
fn outline(pdf: &mut lopdf::Document, bookmarks: &[Bookmark]) -> Option<ObjectId> {
    let pages = pdf.get_pages();
    let entries: Vec<(&Bookmark, ObjectId)> = bookmarks
        .iter()
        .filter_map(|bookmark| {
            let number = u32::try_from(bookmark.page + 1).ok()?;
            Some((bookmark, *pages.get(&number)?))
        })
        .collect();
    if entries.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| pdf.new_object_id()).collect();
    for (index, ((bookmark, page), id)) in entries.iter().zip(&ids).enumerate() {
        let mut item = Dictionary::from_iter(vec![
            ("Title", text_string(&shorten(&bookmark.title))),
            ("Parent", Object::Reference(root)),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Real(MARGIN_SIDE),
                    Object::Real(bookmark.y + 12.0),
                    Object::Null,
                ]),
            ),
        ]);
        if let Some(previous) = index.checked_sub(1).and_then(|i| ids.get(i)) {
            item.set("Prev", Object::Reference(*previous));
        }
        if let Some(next) = ids.get(index + 1) {
            item.set("Next", Object::Reference(*next));
        }
        pdf.set_object(*id, item);
    }
    let (Some(first), Some(last)) = (ids.first(), ids.last()) else {
        return None;
    };
    pdf.set_object(
        root,
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference(*first)),
            ("Last", Object::Reference(*last)),
            ("Count", Object::Integer(ids.len() as i64)),
        ]),
    );
    Some(root)
}

/// Draws `content` under every page, through one form XObject: the
/// marking is stored once however many pages there are.
fn underlay(pdf: &mut lopdf::Document, content: &[u8]) -> Result<(), PdfError> {
    let form = pdf.add_object(Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Form".to_vec())),
            (
                "BBox",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Real(PAGE_WIDTH),
                    Object::Real(PAGE_HEIGHT),
                ]),
            ),
            ("Resources", Object::Dictionary(Dictionary::new())),
        ]),
        content.to_vec(),
    ));
    let call = pdf.add_object(Stream::new(
        Dictionary::new(),
        b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC q /Marking Do Q EMC\n".to_vec(),
    ));
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    for id in pages {
        let page = pdf.get_dictionary_mut(id).map_err(structure)?;
        let contents = page.get(b"Contents").map_err(structure)?.clone();
        page.set(
            "Contents",
            Object::Array(vec![Object::Reference(call), contents]),
        );
        let resources = page
            .get(b"Resources")
            .and_then(Object::as_reference)
            .map_err(structure)?;
        let resources = pdf.get_dictionary_mut(resources).map_err(structure)?;
        resources.set(
            "XObject",
            Dictionary::from_iter(vec![("Marking", Object::Reference(form))]),
        );
    }
    Ok(())
}

/// PDF/A: every annotation printable (/F 4); no empty /Annots arrays.
fn printable_annotations(pdf: &mut lopdf::Document) -> Result<(), PdfError> {
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    for id in pages {
        let page = pdf.get_dictionary_mut(id).map_err(structure)?;
        let empty =
            matches!(page.get(b"Annots"), Ok(Object::Array(annotations)) if annotations.is_empty());
        if empty {
            page.remove(b"Annots");
        } else if let Ok(Object::Array(annotations)) = page.get_mut(b"Annots") {
            for annotation in annotations.iter_mut() {
                if let Object::Dictionary(dictionary) = annotation {
                    dictionary.set("F", Object::Integer(4));
                }
            }
        }
    }
    Ok(())
}

/// Writes, in place of the placeholder /ID, the first 16 bytes of the
/// SHA-256 of the file (both entries: a new document).
fn patch_id(bytes: &mut [u8]) -> Result<(), PdfError> {
    let placeholder: String = ID_PLACEHOLDER.iter().map(|b| format!("{b:02X}")).collect();
    let needle = format!("<{placeholder}>");
    let trailer = bytes
        .windows(7)
        .rposition(|window| window == b"trailer")
        .ok_or_else(|| PdfError::Save("pas de trailer".into()))?;
    let digest = sha2::Sha256::digest(&*bytes);
    let id: String = digest.iter().take(16).map(|b| format!("{b:02X}")).collect();
    let mut patched = 0;
    let mut start = trailer;
    while let Some(offset) = bytes.get(start..).and_then(|rest| {
        rest.windows(needle.len())
            .position(|window| window == needle.as_bytes())
    }) {
        let at = start + offset + 1;
        if let Some(slot) = bytes.get_mut(at..at + id.len()) {
            slot.copy_from_slice(id.as_bytes());
            patched += 1;
        }
        start = at + id.len();
    }
    if patched == 2 {
        Ok(())
    } else {
        Err(PdfError::Save(format!("/ID introuvable ({patched} sur 2)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_the_document_or_a_fixed_fallback() {
        assert_eq!(document_date("2022-05-19"), (2022, 5, 19));
        assert_eq!(document_date("2024-02-29"), (2024, 2, 29));
        for bad in [
            "",
            "2023-02-29",
            "2022-13-01",
            "22-05-19",
            "2022-05-19-1",
            "abcd-ef-gh",
            "2022-04-31",
        ] {
            assert_eq!(document_date(bad), FALLBACK_DATE, "{bad}");
        }
    }

    #[test]
    fn info_strings_are_ascii_or_utf16() {
        assert_eq!(
            text_string("abc"),
            Object::String(b"abc".to_vec(), StringFormat::Literal)
        );
        assert_eq!(
            text_string("é"),
            Object::String(vec![0xFE, 0xFF, 0x00, 0xE9], StringFormat::Hexadecimal)
        );
    }

    #[test]
    fn xmp_escapes_markup() {
        let meta = Meta {
            title: "a < b & \"c\"\u{7}".into(),
            ..Meta::default()
        };
        let stream = xmp_stream(&meta, FALLBACK_DATE);
        let text = String::from_utf8(stream.content).expect("utf-8");
        assert!(text.contains("a &lt; b &amp; &quot;c&quot;</rdf:li>"));
        assert!(!text.contains('\u{7}'));
        assert!(text.contains("<xmp:CreateDate>2000-01-01T00:00:00Z</xmp:CreateDate>"));
        assert!(!text.contains("dc:creator"));
    }
}
