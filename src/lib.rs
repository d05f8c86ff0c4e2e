//! Convention drafts, checks and exports conventions de délégation de
//! gestion (décret n° 2004-1085) between a ministry and the DINUM.
//!
//! Data flows one way: a draft file is parsed into the [`model`]; the
//! [`rules`] read the model and return findings; the [`document`] tree is
//! rendered from it and written by the [`export`] writers; [`review`]
//! compares two drafts; the desktop app (feature `gui`) edits the model and
//! shows the findings.

#[cfg(feature = "gui")]
pub mod app;
pub mod assets;
pub mod cli;
pub mod document;
pub mod escape;
pub mod export;
pub mod import;
pub mod model;
pub mod portfolio;
pub mod review;
pub mod rules;
pub mod summary;
pub mod timing;
#[cfg(feature = "gui")]
pub mod ui;
