//! Why a document cannot be imported as a draft.

/// Why a document cannot be imported: it cannot be read, it is not a
/// DOCX (or ODT), or it does not read as a convention de délégation de
/// gestion. Each message names the file, as given to
/// [`import_document`](super::import_document).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The package is a ZIP archive, but a part of it cannot be read
    /// (truncated, corrupt, malformed XML, too large).
    #[error("« {name} » est illisible : {reason}")]
    Unreadable {
        /// The file's name, as given.
        name: String,
        /// What is wrong, in French, with the part and the place.
        reason: String,
    },
    /// The bytes are not a DOCX nor an ODT document (a PDF, an old .doc,
    /// a draft, an empty file…).
    #[error("« {name} » n'est pas un document DOCX ni ODT : {reason}")]
    NotDocx {
        /// The file's name, as given.
        name: String,
        /// What it looks like instead.
        reason: String,
    },
    /// The document reads, but says nothing of a convention de délégation
    /// de gestion: too few of its clauses were found.
    #[error("« {name} » n'est pas une convention de délégation de gestion : {reason}")]
    NotConvention {
        /// The file's name, as given.
        name: String,
        /// What was looked for and not found.
        reason: String,
    },
    /// The document reads, but the draft it gives could not be opened
    /// again: over the size cap of drafts, or a list over its cap.
    #[error("« {name} » donnerait un brouillon que Convention ne pourrait pas rouvrir : {reason}")]
    TooLarge {
        /// The file's name, as given.
        name: String,
        /// Which cap, in French.
        reason: String,
    },
}
