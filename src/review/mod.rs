//! Reviewing: what changed from one draft to another, the redline that
//! shows it in the document, and the avenant that writes it into a signed
//! convention. No user interface here.

pub mod diff;
pub mod rows;

pub use diff::{Change, ChangeKind, diff};
pub mod redline;

pub use redline::{Attribution, redline_drafts};
pub mod avenant;

pub use avenant::{AvenantError, AvenantOptions, avenant};
pub mod import;

pub use import::{ImportError, ImportSummary, ReviewedDocx, read_review};
