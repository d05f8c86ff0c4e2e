//! Writers that turn the document tree into files.

pub mod docx;
pub mod job;
pub(crate) mod parallel;
pub mod pdf;
pub(crate) mod xml;
