//! From a draft to a document: the template renders the convention's text
//! in a light markup, which is parsed into one document tree that every
//! writer (DOCX, PDF, the app's preview) walks.

pub mod context;
mod folder;
pub mod geometry;
pub mod hyphenation;
pub mod limits;
pub mod markup;
mod remark;
pub mod template;
mod tree;
pub mod typography;

pub use remark::{Remark, initials};
pub use template::{
    NON_COMPLIANT_MARK, RenderError, RenderOptions, TemplateSource, draft_hash, provenance_date,
    render,
};
pub use tree::{
    Align, Block, Cell, DRAFT_HASH_PROPERTY, Document, Inline, Meta, Paragraph, Revision, Row,
    Source, Style, Table, push_inlines, push_merged,
};
