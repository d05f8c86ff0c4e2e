//! Writers that turn the document tree into files.

pub mod docx;
pub mod job;
pub mod pdf;
pub(crate) mod xml;
