//! The fiche de synthèse: one A4 page for the approval circuit, with the
//! parties, object, period, AE/CP per year and totals, Chorus codes,
//! findings and review status of a draft. Text for the terminal, or a PDF
//! written by the export's own PDF writer from a small document tree.

mod error;
mod fiche;
mod page;
mod text;

pub use error::SummaryError;
pub use fiche::{Fiche, YearLine};
pub use page::Limits;
