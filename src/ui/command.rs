//! Actions that cross the app, returned while drawing and applied once per
//! frame.

use std::path::PathBuf;

use crate::model::review::{Status, Subject};
use crate::model::{FieldPath, Step};

/// An action the app applies after drawing a frame.
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Start a blank draft.
    NewBlank,
    /// Start a draft from the bundled example.
    NewFromExample,
    /// Start an untitled copy of a draft chosen in a dialog.
    NewFromCopy,
    /// Start the convention of the next period from the open draft:
    /// same parties, object, UO, Chorus and RGPD; no date of signature,
    /// no amounts, no review.
    NewSuccessor,
    /// Write the open draft's fiche de synthèse (one-page PDF), asking
    /// where.
    SaveSummary,
    /// Show the carnet des parties, to edit or delete its entries.
    ShowCarnet,
    /// Open a draft: the one given, or one chosen in a dialog.
    Open(Option<PathBuf>),
    /// Read every draft of a folder (the one given, or one chosen in a
    /// dialog) and show the « Portefeuille » view.
    OpenPortfolio(Option<PathBuf>),
    /// Show the portfolio read last (`true`), or go back to the draft or
    /// the start page (`false`).
    ShowPortfolio(bool),
    /// Read a convention signed in Word (the DOCX or ODT given, or one
    /// chosen in a dialog) into a new draft, not saved yet, and show what the import
    /// found, missed and doubted.
    ImportDocx(Option<PathBuf>),
    /// Save to the draft's file (asks for one if it has none).
    Save,
    /// Save under a new name.
    SaveAs,
    /// Print: the PDF, written to a temporary file, handed to the system's
    /// viewer.
    Print,
    /// Render the draft with the template of a folder (the one given, or
    /// one chosen in a dialog), remembered for this draft.
    ChooseTemplate(Option<PathBuf>),
    /// Render the draft with the built-in template again.
    BuiltinTemplate,
    /// Close the draft and show the start page.
    CloseDraft,
    /// Quit the app.
    Quit,
    /// Show a step.
    GoTo(Step),
    /// Show the step of a field and put the keyboard focus in it.
    Focus(FieldPath),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Export: ask where, then write.
    Export {
        /// Write a DOCX.
        docx: bool,
        /// Write a PDF.
        pdf: bool,
        /// Write the redline against the draft compared with, rather than
        /// the plain document.
        redline: bool,
    },
    /// Compare the draft with another one (the one given, or one chosen in a
    /// dialog): the form, the preview and the review show what changed.
    CompareWith(Option<PathBuf>),
    /// Write the avenant that turns the draft compared with (the signed
    /// convention) into this one: ask where, then write.
    Avenant {
        /// Write a DOCX.
        docx: bool,
        /// Write a PDF.
        pdf: bool,
    },
    /// Leave compare mode.
    StopComparing,
    /// Restore an autosaved draft after a crash.
    RestoreRecovery(PathBuf),
    /// Forget an autosaved draft.
    DiscardRecovery(PathBuf),
    /// Show or hide the document preview.
    TogglePreview,
    /// Add a remark about a field, an article or the whole draft, in the
    /// user's name.
    AddComment {
        /// What it is about.
        about: Subject,
        /// What it says.
        text: String,
    },
    /// Answer a remark, in the user's name.
    Reply {
        /// The remark's identifier (`c3`).
        id: String,
        /// What the answer says.
        text: String,
    },
    /// Mark a remark as dealt with, or open it again.
    Resolve {
        /// The remark's identifier.
        id: String,
        /// Resolved (`true`) or open again (`false`).
        resolved: bool,
    },
    /// Move the draft to a review status (leaving « Signé » asks first).
    SetStatus(Status),
    /// Ask the user's name, which signs remarks and changes of status.
    AskAuthor,
    /// Bring in the comments and tracked changes of a DOCX a reviewer
    /// sent back (the one given, or one chosen in a dialog).
    ImportReview {
        /// The reviewed DOCX.
        path: Option<PathBuf>,
        /// Import it even if it was not exported from this draft.
        force: bool,
    },
}
