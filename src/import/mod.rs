//! A convention signed in Word (DOCX, or ODT) read back into a draft: the
//! document is read into a flat sequence of paragraphs and tables, each
//! field of the draft is looked for in its clauses, and what was found,
//! missed or doubted is said in an [`ImportReport`] and, as comments by
//! « Import » on their fields, in the draft's review block.
//!
//! Distinct from [`crate::review::import`], which brings back the comments
//! a reviewer wrote in one of our own exports.

mod error;
mod items;
mod report;

pub use error::ImportError;
pub use items::{Found, Missing, Unmatched, Unsure};
pub use report::ImportReport;

use chrono::{DateTime, Utc};

use crate::model::Draft;

/// The author of the comments an import leaves in the draft.
pub const AUTHOR: &str = "Import";

/// A document read back: the draft and what the import says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The draft, with what was found; the fields not found are empty, and
    /// every item of the report is a comment of its review block.
    pub draft: Draft,
    /// What was found, missed, doubted, not recognised.
    pub report: ImportReport,
}

/// Reads a signed convention (DOCX, or ODT) into a draft. `name` names the
/// file in messages and in the report. The comments are dated now.
pub fn import_document(bytes: &[u8], name: &str) -> Result<Imported, ImportError> {
    import_document_at(bytes, name, Utc::now())
}

/// [`import_document`], the comments dated `now` (for reproducible
/// drafts and tests).
pub fn import_document_at(
    bytes: &[u8],
    name: &str,
    now: DateTime<Utc>,
) -> Result<Imported, ImportError> {
    let _ = (bytes, now);
    Err(ImportError::NotConvention {
        name: name.to_owned(),
        reason: "l'import n'est pas encore écrit".to_owned(),
    })
}
