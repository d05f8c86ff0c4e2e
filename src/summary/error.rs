//! Why a fiche de synthèse could not be written.

/// Why a fiche de synthèse could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// The PDF writer failed.
    #[error("fiche de synthèse : {0}")]
    Pdf(#[from] crate::export::pdf::PdfError),
    /// The PDF written could not be read back to count its pages.
    #[error("fiche de synthèse : PDF illisible ({0})")]
    Reread(String),
    /// Even the shortest form of the fiche takes more than one page.
    #[error("fiche de synthèse : elle ne tient pas sur une page, même abrégée")]
    TooLong,
}
