//! The app's screens: one file per wizard step, plus the start page, the
//! preview and the shared field widgets. Plain `*_ui` functions taking the
//! part of the model they edit, returning the [`Command`]s the app is to
//! apply. The app builds on this module; this module knows nothing of the
//! app.

mod budget;
pub mod carnet;
mod chorus;
mod command;
mod engagements;
pub mod export;
pub mod field;
mod focus;
mod inputs;
mod list;
mod objet;
mod parties;
pub mod portfolio;
pub mod preview;
mod programme;
mod relecture;
pub mod remarks;
mod rgpd;
mod signature;
mod start;
pub mod theme;

pub use budget::budget_ui;
pub use chorus::chorus_ui;
pub use command::Command;
pub use engagements::engagements_ui;
pub use export::{ExportState, export_ui};
pub use field::Form;
pub use focus::FocusRequest;
pub use inputs::{Buffer, INPUT_RULE, Inputs};
pub use objet::objet_ui;
pub use parties::parties_ui;
pub use preview::preview_ui;
pub use relecture::relecture_ui;
pub use remarks::Remarks;
pub use rgpd::rgpd_ui;
pub use signature::signature_ui;
pub use start::start_ui;

/// In compare mode: the draft compared with, by name, and the changes from
/// it.
#[derive(Clone, Copy, Debug)]
pub struct Comparison<'a> {
    /// The file name of the draft compared with.
    pub name: &'a str,
    /// The changes from it.
    pub changes: &'a [crate::review::Change],
}
