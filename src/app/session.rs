//! An open draft: its file, what was last saved, its findings, undo history,
//! the text typed in fields that is not valid yet, the remark being written,
//! and where the wizard is.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui::util::undoer::{Settings, Undoer};

use super::recovery;
use crate::document::{self, Document, RenderOptions, TemplateSource};
use crate::model::{Draft, FieldPath, Review, Status, Step};
use crate::review::{self, Change};
use crate::rules::{self, Finding, Tally};
use crate::ui::field::Drawn;
use crate::ui::{FocusRequest, Inputs, Remarks};

/// How often a recovery copy is written while there are unsaved changes.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

/// The rule whose findings the app shows as the remarks themselves, under
/// their fields and in the Relecture step.
const SHOWN_AS_REMARKS: &str = "review.open-comment";

/// The rules' findings, but those on open remarks: the app shows the
/// remarks.
fn check(draft: &Draft) -> Vec<Finding> {
    let mut findings = rules::check(draft);
    findings.retain(|finding| finding.rule != SHOWN_AS_REMARKS);
    findings
}

/// The draft an open one is compared with.
#[derive(Clone, Debug)]
pub struct Base {
    /// That draft.
    pub draft: Draft,
    /// Its file.
    pub path: PathBuf,
}

impl Base {
    /// Its file's name, for people.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// An open draft.
pub struct Session {
    /// The draft being edited.
    pub draft: Draft,
    /// Its file, once it has one.
    pub path: Option<PathBuf>,
    /// The draft as last opened or saved: differences are unsaved changes.
    pub saved: Draft,
    /// The step shown.
    pub step: Step,
    /// Text typed in parsed fields.
    pub inputs: Inputs,
    /// A field to focus.
    pub focus: Option<FocusRequest>,
    /// The fields the step drew in the last frame.
    pub drawn: Drawn,
    /// The remark or answer being written, and the resolved remarks shown.
    pub remarks: Remarks,
    /// The template the exports and the preview render with: chosen in the
    /// export step, remembered in the preferences by the draft's file, never
    /// in the draft.
    pub template: TemplateSource,
    /// The draft it is compared with, in compare mode.
    base: Option<Base>,
    /// The changes from the base, for the draft as last checked.
    changes: Vec<Change>,
    undoer: Undoer<Draft>,
    findings: Vec<Finding>,
    checked: Draft,
    preview: Option<(Draft, Result<Document, String>)>,
    last_recovery: Option<(f64, Draft)>,
    /// Tells this session from every other of the run (see [`Session::id`]).
    id: u64,
}

/// The id of the next session.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Session {
    /// A session on a draft read from `path`, or an untitled one.
    pub fn new(draft: Draft, path: Option<PathBuf>) -> Self {
        let findings = check(&draft);
        let settings = Settings {
            max_undos: 200,
            stable_time: 0.8,
            auto_save_interval: 10.0,
        };
        let mut undoer = Undoer::with_settings(settings);
        undoer.add_undo(&draft);
        Self {
            saved: draft.clone(),
            checked: draft.clone(),
            draft,
            path,
            step: Step::default(),
            inputs: Inputs::default(),
            focus: None,
            drawn: Drawn::default(),
            remarks: Remarks::default(),
            template: TemplateSource::Builtin,
            base: None,
            changes: Vec::new(),
            undoer,
            findings,
            preview: None,
            last_recovery: None,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// What tells this session from any other opened in the run: an
    /// answer asked for one session is not given to another.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Whether anything would be lost by closing the draft: it has no
    /// file yet (a new draft, a copy, an import), its content differs from
    /// what was last saved or opened, or a field holds text not accepted
    /// yet (an amount or a date that does not read) or a remark being
    /// written. The one notion of « unsaved » the title, the status bar and
    /// every question before closing use.
    pub fn is_dirty(&self) -> bool {
        self.path.is_none() || self.has_changes() || self.has_pending_text()
    }

    /// Whether the draft differs from what was last saved or opened.
    pub fn has_changes(&self) -> bool {
        self.draft != self.saved
    }

    /// Whether a field holds text the draft has not taken: an amount or a
    /// date that does not read, a remark or an answer being written.
    pub fn has_pending_text(&self) -> bool {
        !self.inputs.findings().is_empty() || self.remarks.pending_text().is_some()
    }

    /// What would be lost besides the draft's changes, for people: the
    /// fields whose text is not accepted, and a remark being written.
    pub fn pending_texts(&self) -> Vec<String> {
        let mut texts: Vec<String> = self
            .inputs
            .findings()
            .iter()
            .map(|finding| {
                format!(
                    "{} : {}",
                    finding.path.label_in(&self.draft),
                    finding.message
                )
            })
            .collect();
        if let Some(text) = self.remarks.pending_text() {
            texts.push(format!("la remarque en cours d'écriture (« {text} »)"));
        }
        texts
    }

    /// The file name, or « Sans titre ».
    pub fn name(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Sans titre".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The window title: unsaved mark, name, the review status once the
    /// draft has left « Brouillon », app.
    pub fn window_title(&self) -> String {
        let mark = if self.is_dirty() { "● " } else { "" };
        match self.draft.review.status {
            Status::Brouillon => format!("{mark}{} — Convention", self.name()),
            status => format!("{mark}{} — {} — Convention", self.name(), status.label()),
        }
    }

    /// How many open remarks a step shows: those on its fields; for
    /// Relecture, those on an article or the whole draft, which have no
    /// field of their own.
    pub fn open_remarks_in(&self, step: Step) -> usize {
        self.draft
            .review
            .open_comments()
            .filter(|comment| match comment.about {
                crate::model::Subject::Field(path) => path.step() == step,
                _ => step == Step::Relecture,
            })
            .count()
    }

    /// Changes the review (a remark, an answer, the status): an edit like
    /// the others, unsaved until saved, and undone in one step.
    pub fn edit_review(&mut self, edit: impl FnOnce(&mut Review)) {
        // What was typed just before is its own undo point.
        self.undoer.add_undo(&self.draft);
        edit(&mut self.draft.review);
        self.undoer.add_undo(&self.draft);
    }

    /// All findings: text that does not read, then the rules'.
    pub fn findings(&self) -> Vec<Finding> {
        let mut all = self.inputs.findings();
        all.extend(self.findings.iter().cloned());
        all
    }

    /// The findings of one field.
    pub fn findings_at(&self, path: FieldPath) -> Vec<&Finding> {
        self.findings.iter().filter(|f| f.path == path).collect()
    }

    /// The counts of a step's findings.
    pub fn tally(&self, step: Step) -> Tally {
        let inputs = self.inputs.findings();
        Tally::of(
            inputs
                .iter()
                .chain(self.findings.iter())
                .filter(|f| f.path.step() == step),
        )
    }

    /// The counts of all findings.
    pub fn total(&self) -> Tally {
        let inputs = self.inputs.findings();
        Tally::of(inputs.iter().chain(self.findings.iter()))
    }

    /// After each frame: re-checks a changed draft and records undo points.
    pub fn refresh(&mut self, time: f64) {
        if self.draft != self.checked {
            self.findings = check(&self.draft);
            self.checked = self.draft.clone();
            self.compare();
        }
        self.undoer.feed_state(time, &self.draft);
        if let Some(focus) = &mut self.focus
            && !focus.next_frame()
        {
            self.focus = None;
        }
    }

    /// Renders with `template` from now on.
    pub fn set_template(&mut self, template: TemplateSource) {
        self.template = template;
        self.preview = None;
    }

    /// Compares the draft with `base` from now on.
    pub fn compare_with(&mut self, base: Base) {
        self.base = Some(base);
        self.preview = None;
        self.compare();
    }

    /// Leaves compare mode.
    pub fn stop_comparing(&mut self) {
        self.base = None;
        self.preview = None;
        self.changes.clear();
    }

    /// The draft compared with, in compare mode.
    pub fn base(&self) -> Option<&Base> {
        self.base.as_ref()
    }

    /// The changes from the draft compared with (none outside compare
    /// mode).
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// How many changes a step's fields have.
    pub fn changes_in(&self, step: Step) -> usize {
        self.changes.iter().filter(|c| c.step() == step).count()
    }

    fn compare(&mut self) {
        self.changes = match &self.base {
            Some(base) => review::diff(&base.draft, &self.draft),
            None => Vec::new(),
        };
    }

    /// Whether an undo point is being formed (the draft changed lately).
    pub fn is_settling(&self) -> bool {
        self.undoer.is_in_flux()
    }

    /// Undoes the last edit.
    pub fn undo(&mut self) -> bool {
        let previous = self.undoer.undo(&self.draft).cloned();
        self.apply_history(previous)
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> bool {
        let next = self.undoer.redo(&self.draft).cloned();
        self.apply_history(next)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.undoer.has_undo(&self.draft)
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.undoer.has_redo(&self.draft)
    }

    fn apply_history(&mut self, state: Option<Draft>) -> bool {
        match state {
            Some(state) => {
                self.draft = state;
                // Typed text that did not read belongs to the state left.
                self.inputs.clear();
                true
            }
            None => false,
        }
    }

    /// Records that the draft was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved = self.draft.clone();
    }

    /// Shows a step; on leaving a form step, a recovery copy is written.
    pub fn go_to(&mut self, step: Step) {
        self.step = step;
    }

    /// Puts the focus on the field at `path`, on its step.
    pub fn focus(&mut self, path: FieldPath) {
        self.step = path.step();
        self.focus = Some(FocusRequest::new(path));
    }

    /// The document as the exports would render it (with the draft's
    /// template), rendered again only when the draft or the template
    /// changed.
    pub fn preview(&mut self) -> &Result<Document, String> {
        if self
            .preview
            .as_ref()
            .is_some_and(|(rendered, _)| *rendered != self.draft)
        {
            self.preview = None;
        }
        let (draft, findings, base) = (&self.draft, &self.findings, &self.base);
        let template = &self.template;
        &self
            .preview
            .get_or_insert_with(|| {
                let options = RenderOptions {
                    non_compliant: rules::has_errors(findings),
                    template: template.clone(),
                };
                let document = match base {
                    // In compare mode, the redline.
                    Some(base) => review::redline_drafts(
                        &base.draft,
                        draft,
                        &options,
                        &review::Attribution::new(None, None),
                    ),
                    None => document::render(draft, &options),
                };
                (draft.clone(), document.map_err(|e| e.to_string()))
            })
            .1
    }

    /// Writes a recovery copy if there are unsaved changes not yet copied
    /// and `force` is set or the last copy is older than 30 seconds.
    /// Returns the seconds until the next copy is due, if one will be.
    pub fn autosave(&mut self, file: &Path, now: f64, force: bool) -> Option<f64> {
        if !self.has_changes() {
            return None;
        }
        let interval = AUTOSAVE_EVERY.as_secs_f64();
        let (last_time, unchanged) = match &self.last_recovery {
            Some((time, draft)) => (*time, *draft == self.draft),
            None => (f64::NEG_INFINITY, false),
        };
        if unchanged {
            return None;
        }
        let due = now - last_time >= interval;
        if (force || due) && recovery::write(file, &self.draft, self.path.as_deref()).is_ok() {
            self.last_recovery = Some((now, self.draft.clone()));
            return Some(interval);
        }
        Some((interval - (now - last_time)).max(0.5))
    }

    /// Whether a recovery copy was written since the last save.
    pub fn has_recovery_copy(&self) -> bool {
        self.last_recovery.is_some()
    }

    /// Forgets the recovery state (after a save).
    pub fn recovery_done(&mut self) {
        self.last_recovery = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dirty_follows_the_saved_state_and_undo() {
        let mut session = Session::new(crate::model::example(), Some("/tmp/x.json".into()));
        assert!(!session.is_dirty());
        session.draft.notice_months = 4;
        session.refresh(0.0);
        assert!(session.is_dirty());
        assert_eq!(session.window_title(), "● x.json — Convention");
        session.refresh(2.0);
        assert!(session.undo());
        assert_eq!(session.draft.notice_months, 3);
        assert!(!session.is_dirty());
        assert!(session.redo());
        assert_eq!(session.draft.notice_months, 4);
    }

    #[test]
    fn a_remark_and_a_status_are_edits_undone_one_at_a_time() {
        let mut session = Session::new(crate::model::example(), Some("/tmp/x.json".into()));
        let now = chrono::Utc::now();
        session.edit_review(|review| {
            review.add_comment(crate::model::Field::Uo.path().into(), "Claire", now, "UO ?");
        });
        session.edit_review(|review| {
            review.add_comment(crate::model::Subject::Document, "Claire", now, "Relire");
        });
        assert_eq!(session.open_remarks_in(Step::Budget), 1);
        assert_eq!(session.open_remarks_in(Step::Relecture), 1);
        assert!(session.undo());
        session.edit_review(|review| review.set_status(Status::EnRelecture, "Claire", now));
        session.refresh(0.1);
        assert!(session.is_dirty());
        assert_eq!(
            session.window_title(),
            "● x.json — En relecture — Convention"
        );
        assert!(session.undo());
        assert_eq!(session.draft.review.status, Status::Brouillon);
        assert_eq!(session.draft.review.comments.len(), 1);
        assert!(session.undo());
        assert!(session.draft.review.is_empty());
        assert!(!session.is_dirty());
    }

    #[test]
    fn findings_are_refreshed_after_edits() {
        let mut session = Session::new(crate::model::example(), None);
        assert_eq!(session.tally(Step::Budget).errors, 0);
        session.draft.budget.schedule[0].cp =
            crate::model::Money::from_euros(40_000).expect("small");
        session.refresh(0.0);
        assert_eq!(
            session.tally(Step::Budget).errors,
            1,
            "once, at 2022, naming 2023 where it is still over"
        );
        assert!(session.is_dirty());
    }

    #[test]
    fn autosave_waits_thirty_seconds_unless_forced() {
        let folder = tempfile::tempdir().expect("tempdir");
        let file = folder.path().join("recuperation-1.json");
        let mut session = Session::new(crate::model::example(), Some("/tmp/x.json".into()));
        assert_eq!(session.autosave(&file, 0.0, true), None, "nothing to save");
        session.draft.notice_months = 5;
        assert!(session.autosave(&file, 100.0, false).is_some());
        assert!(file.exists());
        session.draft.notice_months = 6;
        let wait = session.autosave(&file, 110.0, false).expect("pending");
        assert!((wait - 20.0).abs() < 1e-9);
        session.autosave(&file, 131.0, false);
        let copy: recovery::Recovery =
            serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
        assert_eq!(copy.draft.notice_months, 6);
    }
}
