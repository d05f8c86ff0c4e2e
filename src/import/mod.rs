//! A convention signed in Word (DOCX, or ODT) read back into a draft: the
//! document is read into a flat sequence of paragraphs and tables, each
//! field of the draft is looked for in its clauses, and what was found,
//! missed or doubted is said in an [`ImportReport`] and, as comments by
//! « Import » on their fields, in the draft's review block.
//!
//! Distinct from [`crate::review::import`], which brings back the comments
//! a reviewer wrote in one of our own exports.

/// Declares `fn $name() -> &'static Regex`: a fixed pattern, compiled
/// once. Every pattern is exercised by the tests, so compiling one cannot
/// fail at run time.
macro_rules! pattern {
    ($name:ident, $text:expr) => {
        fn $name() -> &'static regex::Regex {
            static CELL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
            CELL.get_or_init(|| {
                regex::Regex::new($text).unwrap_or_else(|error| unreachable!("{error}"))
            })
        }
    };
}

mod blocks;
mod clauses;
mod doc;
mod error;
mod items;
mod parse;
mod parties;
mod reading;
mod report;
mod tables;
mod unmatched;

pub use error::ImportError;
pub use items::{Found, Missing, Unmatched, Unsure};
pub use report::ImportReport;

use chrono::{DateTime, Utc};

use crate::model::{Draft, Field};

/// The most paragraphs (table cells included) a document may have: a
/// convention has some hundreds, and the finders compare paragraphs with
/// each other, so a much longer document is refused rather than read for
/// minutes.
pub const PARAGRAPH_LIMIT: usize = 20_000;

/// The largest document read (64 Mio): more than a draft's cap, as a signed
/// Word file may carry scanned signatures and logos.
pub const DOCUMENT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a document to import: a regular file (a FIFO or a device is
/// refused at once, never waited on) of at most [`DOCUMENT_MAX_BYTES`].
pub fn read_document(path: &std::path::Path) -> Result<Vec<u8>, crate::model::read::ReadError> {
    crate::model::read::read_regular(path, DOCUMENT_MAX_BYTES)
}

/// The author of the comments an import leaves in the draft.
pub const AUTHOR: &str = "Import";

/// A document read back: the draft and what the import says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The draft, with what was found; the fields not found are empty.
    /// Its review block holds, as open comments by [`AUTHOR`], a summary
    /// on the whole draft, and each missing field, doubtful value and
    /// passage not recognised on its field (status: brouillon).
    pub draft: Draft,
    /// What was found, missed, doubted, not recognised.
    pub report: ImportReport,
}

/// Reads a signed convention (DOCX, or ODT) into a draft. `name` names the
/// file in messages and in the report. The comments are dated now.
pub fn import_document(bytes: &[u8], name: &str) -> Result<Imported, ImportError> {
    use chrono::SubsecRound as _;
    import_document_at(bytes, name, Utc::now().trunc_subsecs(0))
}

/// Refuses a draft that could not be read back as saved: over the size cap
/// of draft files (a document of huge paragraphs) or with a list over its
/// cap. The import must not write a file the program cannot open.
fn reopens(draft: &Draft, name: &str) -> Result<(), ImportError> {
    let json = crate::model::io::to_json(draft);
    let size = json.len() as u64;
    let cap = crate::model::read::MAX_FILE_BYTES;
    let reason = if size > cap {
        crate::model::read::ReadError::TooLarge { size, cap }.to_string()
    } else {
        match crate::model::io::parse(std::path::Path::new(name), json.as_bytes()) {
            Ok(_) => return Ok(()),
            Err(error) => match error.field() {
                Some(field) => format!("{field} : {}", error.reason()),
                None => error.reason(),
            },
        }
    };
    Err(ImportError::TooLarge {
        name: name.to_owned(),
        reason: reason.replace(
            "le fichier est trop grand",
            "le brouillon serait trop grand",
        ),
    })
}

/// [`import_document`], the comments dated `now` (for reproducible
/// drafts and tests).
pub fn import_document_at(
    bytes: &[u8],
    name: &str,
    now: DateTime<Utc>,
) -> Result<Imported, ImportError> {
    let blocks = read_blocks(bytes, name)?;
    let doc = doc::Doc::new(blocks);
    if doc.lines.len() > PARAGRAPH_LIMIT {
        return Err(ImportError::NotConvention {
            name: name.to_owned(),
            reason: format!(
                "plus de {} paragraphes, quand une convention en a quelques centaines",
                crate::model::limits::french_count(PARAGRAPH_LIMIT)
            ),
        });
    }
    let mut reading = reading::Reading::new(&doc);
    parties::read(&mut reading);
    clauses::read(&mut reading);
    tables::read(&mut reading);
    let key_fields = [
        Field::DelegantName,
        Field::DelegataireName,
        Field::Uo,
        Field::Schedule,
        Field::DomaineFonctionnel,
        Field::CentreFinancier,
        Field::EndDate,
    ];
    let keys = key_fields.iter().filter(|f| reading.has(**f)).count();
    let text = doc.text();
    let mentions = parse::fold(&text).contains("delegation de gestion");
    if keys < 2 && !(mentions && reading.found_count() >= 3) {
        return Err(ImportError::NotConvention {
            name: name.to_owned(),
            reason: if text.trim().is_empty() {
                "le document est vide".to_owned()
            } else {
                "ni les parties, ni l'UO, ni l'échéancier AE/CP, ni les références Chorus n'y ont été trouvés".to_owned()
            },
        });
    }
    let unmatched = unmatched::find(&reading);
    let (draft, report) = reading.finish(name, unmatched, now);
    reopens(&draft, name)?;
    Ok(Imported { draft, report })
}

/// The MIME type an ODT package declares in its `mimetype` part.
const ODT_MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// Reads the body of a DOCX or an ODT into blocks.
fn read_blocks(bytes: &[u8], name: &str) -> Result<Vec<blocks::Block>, ImportError> {
    let not_docx = |reason: &str| ImportError::NotDocx {
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    if !bytes.starts_with(b"PK") {
        return Err(not_docx(not_a_zip(bytes)));
    }
    let unreadable = |error: crate::review::import::ImportError| match error {
        crate::review::import::ImportError::NotDocx(reason) => ImportError::NotDocx {
            name: name.to_owned(),
            reason,
        },
        other => ImportError::Unreadable {
            name: name.to_owned(),
            reason: other.to_string(),
        },
    };
    let parts = crate::review::import::package::read_parts(
        bytes,
        &[
            "word/document.xml",
            "word/footnotes.xml",
            "content.xml",
            "mimetype",
        ],
    )
    .map_err(unreadable)?;
    let mut parts = parts.into_iter();
    let (document, footnotes, content, mimetype) = (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    );
    if let Some(document) = document {
        return blocks::read_docx(&document, footnotes.as_deref()).map_err(unreadable);
    }
    match (content, mimetype) {
        (Some(content), Some(mimetype)) if mimetype.trim() == ODT_MIMETYPE => {
            blocks::read_odt(&content).map_err(unreadable)
        }
        (_, Some(mimetype)) if mimetype.starts_with("application/vnd.oasis") => Err(not_docx(
            "c'est un document OpenDocument, mais pas un texte (tableur, présentation ?)",
        )),
        _ => Err(not_docx(
            "l'archive ZIP n'a ni partie word/document.xml (DOCX) ni content.xml (ODT)",
        )),
    }
}

/// What a file that is not a ZIP archive looks like.
fn not_a_zip(bytes: &[u8]) -> &'static str {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match start.iter().find(|b| !b.is_ascii_whitespace()) {
        None => "le fichier est vide",
        Some(b'{') => "c'est un fichier JSON, peut-être déjà un brouillon",
        Some(_) if start.starts_with(b"%PDF") => {
            "c'est un PDF : importez le DOCX ou l'ODT d'origine (ou enregistrez le PDF en DOCX avec un traitement de texte)"
        }
        Some(_) if start.starts_with(b"\xD0\xCF\x11\xE0") => {
            "c'est un ancien document Word (.doc) : enregistrez-le au format .docx"
        }
        Some(_) if start.starts_with(b"{\\rtf") => {
            "c'est un document RTF : enregistrez-le au format .docx"
        }
        Some(_) => "ce n'est pas une archive ZIP",
    }
}
