//! The form's fields: a visible label, an accessible name, the findings of
//! the field underneath it, its remarks (a discreet button beside it, the
//! threads under it), keyboard focus on request, and for amounts and dates
//! the text as typed, kept even while it does not read.

use chrono::NaiveDate;
use eframe::egui::{self, Align, Id, Response, RichText, StrokeKind, TextEdit, Ui};

use super::remarks::{self, Placement, Remarks};
use super::{Command, FocusRequest, INPUT_RULE, Inputs, theme};
use crate::model::field::Kind;
use crate::model::{Draft, FieldPath, Money, Subject, date};
use crate::review::diff::shown;
use crate::review::{Change, ChangeKind};
use crate::rules::{Finding, Severity};

/// What every field needs besides its value: the findings to show, a focus
/// request to honour, the buffers of parsed fields; and what it drew.
pub struct Form<'a> {
    /// The draft's findings (rules and unreadable input).
    pub findings: &'a [Finding],
    /// A field to focus, if any.
    pub focus: &'a mut Option<FocusRequest>,
    /// Text typed in amount and date fields.
    pub inputs: &'a mut Inputs,
    /// What was drawn, for the app (and its tests) to know.
    pub drawn: Drawn,
    /// In compare mode, the changes from the draft compared with, each
    /// shown under its field with the old value.
    pub changes: &'a [Change],
    /// The draft as the frame began (its remarks, its fields' names) and
    /// the remarks' editors; without them, fields take no remarks.
    remarks: Option<(&'a Draft, &'a mut Remarks)>,
    /// What the remarks asked for (add, reply, resolve), for the app to
    /// apply.
    pub commands: Vec<Command>,
    /// The carnet des parties, whose délégants are offered as the
    /// délégant's name is typed; none in forms without it.
    pub carnet: Option<&'a crate::model::Carnet>,
}

/// The fields a step drew in a frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    /// The fields that have a widget (which can take the focus).
    pub fields: Vec<FieldPath>,
    /// The fields whose findings were shown.
    pub messages: Vec<FieldPath>,
}

/// The id of the widget editing the field at `path`.
pub fn field_id(path: FieldPath) -> Id {
    Id::unique(("champ", path))
}

/// The accessible name of a field: its label, and its group when the same
/// label appears elsewhere (« Nom (délégant) »).
pub fn accessible_name(label: &str, group: &str) -> String {
    if group.is_empty() {
        label.to_owned()
    } else {
        format!("{label} ({group})")
    }
}

/// Names a field for screen readers: by its visible label, or, when that
/// label repeats on the screen, by the label and its group.
fn name_field(response: Response, shown: &Response, label: &str, group: &str) -> Response {
    if group.is_empty() {
        response.labelled_by(shown.id)
    } else {
        response.accessible_name(accessible_name(label, group))
    }
}

impl<'a> Form<'a> {
    /// A form over these findings, focus request and typed text.
    pub fn new(
        findings: &'a [Finding],
        focus: &'a mut Option<FocusRequest>,
        inputs: &'a mut Inputs,
    ) -> Self {
        Self {
            findings,
            focus,
            inputs,
            drawn: Drawn::default(),
            changes: &[],
            remarks: None,
            commands: Vec::new(),
            carnet: None,
        }
    }

    /// The same form, where every field takes remarks: `draft` is the
    /// draft as the frame began, for its remarks and its fields' names.
    pub fn with_remarks(mut self, draft: &'a Draft, remarks: &'a mut Remarks) -> Self {
        self.remarks = Some((draft, remarks));
        self
    }

    /// The discreet button that opens the editor of a remark about the
    /// field at `path` (« Commenter : <its name> »).
    pub fn comment_button(&mut self, ui: &mut Ui, path: FieldPath) {
        if let Some((draft, remarks)) = self.remarks.as_mut() {
            let label = path.label_in(draft);
            remarks::comment_button(ui, remarks, Subject::Field(path), &label);
        }
    }

    /// The remarks about the field at `path`, and the editor of a new one
    /// if it is open.
    pub fn threads(&mut self, ui: &mut Ui, path: FieldPath) {
        self.threads_placed(ui, path, Placement::UnderField);
    }

    /// The remarks about a cell (or a row) of a table, shown under the
    /// table after a line naming the cell.
    pub fn cell_threads(&mut self, ui: &mut Ui, path: FieldPath) {
        self.threads_placed(ui, path, Placement::UnderTable);
    }

    fn threads_placed(&mut self, ui: &mut Ui, path: FieldPath, placement: Placement) {
        if let Some((draft, remarks)) = self.remarks.as_mut() {
            let label = path.label_in(draft);
            remarks::threads_ui(
                ui,
                &draft.review.comments,
                Subject::Field(path),
                &label,
                placement,
                remarks,
                &mut self.commands,
            );
        }
    }

    /// The same form, showing these changes (compare mode).
    pub fn with_changes(mut self, changes: &'a [Change]) -> Self {
        self.changes = changes;
        self
    }

    /// The same form, offering the carnet's délégants.
    pub fn with_carnet(mut self, carnet: &'a crate::model::Carnet) -> Self {
        self.carnet = Some(carnet);
        self
    }

    /// Whether the field at `path` changed from the draft compared with.
    pub fn changed(&self, path: FieldPath) -> bool {
        self.changes
            .iter()
            .any(|c| c.path == path && c.kind == ChangeKind::Changed)
    }

    /// What the field at `path` shows of the changes: its own change, or,
    /// on a row's first field, the row's; on a list, its removed rows.
    fn change_notes(&self, path: FieldPath) -> Vec<String> {
        let first_of_row = match path.field().kind() {
            Kind::Row => true,
            Kind::Column => {
                path.field().parent().and_then(|row| row.columns().next()) == Some(path.field())
            }
            Kind::Value | Kind::List => false,
        };
        let mut notes = Vec::new();
        for change in self.changes {
            let about_row = first_of_row && path.row_path() == Some(change.path);
            let text = match change.kind {
                ChangeKind::Changed if change.path == path => {
                    format!("modifié — avant : {}", shown(change.old.as_deref()))
                }
                ChangeKind::Added if about_row => "ligne ajoutée".to_owned(),
                ChangeKind::Moved if about_row => {
                    format!("ligne déplacée — avant : {}", shown(change.old.as_deref()))
                }
                ChangeKind::Removed if change.path.list() == Some(path) => format!(
                    "supprimé : {} ({})",
                    change.label,
                    shown(change.old.as_deref())
                ),
                _ => continue,
            };
            notes.push(text);
        }
        notes
    }

    /// Draws the change notes of a field, in the redline's blue; `name`
    /// introduces them when they are shown away from the field (under a
    /// table).
    fn draw_changes(&self, ui: &mut Ui, path: FieldPath, name: Option<&str>) {
        for note in self.change_notes(path) {
            let text = match name {
                Some(name) => format!("Δ {name} : {note}"),
                None => format!("Δ {}", crate::document::context::capitalize_first(&note)),
            };
            ui.add(
                egui::Label::new(
                    RichText::new(crate::document::markup::french_spacing(&text))
                        .color(theme::INSERTED),
                )
                .wrap(),
            );
        }
    }

    /// The findings of the field at `path`.
    pub fn at(&self, path: FieldPath) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.path == path)
    }

    /// The most serious finding's severity at `path`.
    pub fn worst(&self, path: FieldPath) -> Option<Severity> {
        self.at(path).map(|f| f.severity).min()
    }

    /// Records the widget of the field at `path`; gives it the focus if it
    /// is the one asked for, and scrolls to it.
    pub fn claim_focus(&mut self, response: &Response, path: FieldPath) {
        self.drawn.fields.push(path);
        if let Some(focus) = self.focus.as_mut()
            && focus.claims(path)
        {
            response.request_focus();
            response.scroll_to_me(Some(Align::Center));
            response.ctx.request_repaint();
        }
    }

    /// Draws the findings of the field at `path`, one line each, its
    /// changes in compare mode, and its remarks.
    pub fn messages(&mut self, ui: &mut Ui, path: FieldPath) {
        self.drawn.messages.push(path);
        for finding in self.at(path) {
            finding_label(ui, finding);
        }
        self.draw_changes(ui, path, None);
        self.threads(ui, path);
    }

    /// Finishes a field: frame in the colour of its worst finding, focus,
    /// findings underneath.
    fn finish(&mut self, ui: &mut Ui, response: &Response, path: FieldPath) {
        if let Some(severity) = self.worst(path) {
            frame(ui, response, severity);
        } else if self.changed(path) {
            frame_in(ui, response, theme::INSERTED);
        }
        self.claim_focus(response, path);
        self.messages(ui, path);
    }

    /// A one-line text field.
    pub fn text(
        &mut self,
        ui: &mut Ui,
        label: &str,
        group: &str,
        path: FieldPath,
        value: &mut String,
        hint: &str,
    ) -> Response {
        let edit = TextEdit::singleline(value).hint_text(example_hint(hint));
        self.labelled(ui, label, group, path, edit)
    }

    /// A text field of several lines.
    pub fn multiline(
        &mut self,
        ui: &mut Ui,
        label: &str,
        group: &str,
        path: FieldPath,
        value: &mut String,
        rows: usize,
    ) -> Response {
        let edit = TextEdit::multiline(value).desired_rows(rows);
        self.labelled(ui, label, group, path, edit)
    }

    /// A full-width text field under its label, named, with its findings.
    fn labelled(
        &mut self,
        ui: &mut Ui,
        label: &str,
        group: &str,
        path: FieldPath,
        edit: TextEdit<'_>,
    ) -> Response {
        let shown = self.label_ui(ui, label, path);
        let response = ui.add(edit.id(field_id(path)).desired_width(f32::INFINITY));
        let response = name_field(response, &shown, label, group);
        self.finish(ui, &response, path);
        response
    }

    /// An amount in a table cell, typed the French way (« 30 000,50 ») or
    /// plainly (« 30000.5 »). Text that does not read stays in the field,
    /// marked, and the draft keeps its last good value. The cell is framed in
    /// the colour of its findings, which the table shows below itself with
    /// [`Form::cell_messages`], so that a long message does not widen its
    /// column.
    pub fn money_cell(
        &mut self,
        ui: &mut Ui,
        name: &str,
        path: FieldPath,
        value: &mut Money,
        width: f32,
    ) -> Response {
        // A grid cell offers its column's last width: claim the field's own.
        let (response, unreadable) = ui
            .horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 0.0;
                let input = ui
                    .vertical(|ui| {
                        ui.set_min_width(width);
                        self.money_input(ui, name, path, value, width)
                    })
                    .inner;
                self.comment_button(ui, path);
                input
            })
            .inner;
        let worst = if unreadable {
            Some(Severity::Error)
        } else {
            self.worst(path)
        };
        if let Some(severity) = worst {
            frame(ui, &response, severity);
        } else if self.changed(path) {
            frame_in(ui, &response, theme::INSERTED);
        }
        self.claim_focus(&response, path);
        response
    }

    /// The messages of a table cell drawn with [`Form::money_cell`], each
    /// introduced by the cell's name.
    pub fn cell_messages(&mut self, ui: &mut Ui, name: &str, path: FieldPath) {
        if let Some(error) = self.unreadable_not_reported(path) {
            ui.label(RichText::new(format!("■ {name} : {error}")).color(theme::ERROR));
        }
        self.drawn.messages.push(path);
        for finding in self.at(path) {
            finding_label(ui, finding);
        }
        self.draw_changes(ui, path, Some(name));
        self.cell_threads(ui, path);
    }

    fn money_input(
        &mut self,
        ui: &mut Ui,
        name: &str,
        path: FieldPath,
        value: &mut Money,
        width: f32,
    ) -> (Response, bool) {
        let buffer = self.inputs.buffer(path, value.to_french_number());
        let response = ui
            .add(
                TextEdit::singleline(&mut buffer.text)
                    .id(field_id(path))
                    .desired_width(width)
                    .align(egui::Align2::RIGHT_CENTER),
            )
            .accessible_name(name);
        if response.changed() {
            match Money::parse_human(&buffer.text) {
                Ok(amount) => {
                    *value = amount;
                    buffer.synced = amount.to_french_number();
                    buffer.error = None;
                }
                Err(crate::model::MoneyError::Empty) => {
                    *value = Money::ZERO;
                    buffer.synced = Money::ZERO.to_french_number();
                    buffer.error = None;
                }
                Err(error) => buffer.error = Some(error.to_string()),
            }
        }
        if response.lost_focus() && buffer.error.is_none() {
            buffer.text = value.to_french_number();
        }
        (response, buffer.error.is_some())
    }

    /// Why the text at `path` does not read, unless the findings already
    /// say it (they are computed once a frame, before the field is edited).
    fn unreadable_not_reported(&self, path: FieldPath) -> Option<String> {
        let unreadable = self.inputs.unreadable(path)?;
        let reported = self.at(path).any(|f| f.rule == INPUT_RULE);
        (!reported).then_some(unreadable)
    }

    /// A date, typed as 19/05/2022, 19 mai 2022 or 2022-05-19. Empty means
    /// no date.
    pub fn date(
        &mut self,
        ui: &mut Ui,
        label: &str,
        path: FieldPath,
        value: &mut Option<NaiveDate>,
    ) -> Response {
        let shown = self.label_ui(ui, label, path);
        let formatted = value.map(date::french_short).unwrap_or_default();
        let buffer = self.inputs.buffer(path, formatted);
        let response = ui
            .add(
                TextEdit::singleline(&mut buffer.text)
                    .id(field_id(path))
                    .hint_text(RichText::new("JJ/MM/AAAA").italics().color(theme::MUTED))
                    .desired_width(140.0),
            )
            .labelled_by(shown.id);
        if response.changed() {
            let text = buffer.text.trim();
            if text.is_empty() {
                *value = None;
                buffer.synced = String::new();
                buffer.error = None;
            } else {
                match date::parse_human(text) {
                    Ok(day) => {
                        *value = Some(day);
                        buffer.synced = date::french_short(day);
                        buffer.error = None;
                    }
                    Err(error) => buffer.error = Some(error),
                }
            }
        }
        if response.lost_focus() && buffer.error.is_none() {
            buffer.text = value.map(date::french_short).unwrap_or_default();
        }
        let unreadable = buffer.error.is_some();
        self.finish_parsed(ui, &response, path, unreadable);
        if let Some(day) = value {
            ui.label(
                RichText::new(date::french_long(*day))
                    .color(theme::MUTED)
                    .small(),
            );
        }
        response
    }

    /// A field's visible label, with its comment button beside it.
    fn label_ui(&mut self, ui: &mut Ui, label: &str, path: FieldPath) -> Response {
        ui.horizontal(|ui| {
            let shown = ui.label(label);
            self.comment_button(ui, path);
            shown
        })
        .inner
    }

    fn finish_parsed(
        &mut self,
        ui: &mut Ui,
        response: &Response,
        path: FieldPath,
        unreadable: bool,
    ) {
        if !unreadable {
            self.finish(ui, response, path);
            return;
        }
        frame(ui, response, Severity::Error);
        self.claim_focus(response, path);
        if let Some(error) = self.unreadable_not_reported(path) {
            ui.label(RichText::new(format!("■ {error}")).color(theme::ERROR));
        }
        self.messages(ui, path);
    }
}

/// An example shown in an empty field, set apart from real values: « ex. : »,
/// italic, in the muted colour.
fn example_hint(example: &str) -> egui::WidgetText {
    if example.is_empty() {
        return egui::WidgetText::default();
    }
    RichText::new(format!("ex. : {example}"))
        .italics()
        .color(theme::MUTED)
        .into()
}

/// Frames a field in the colour of a severity.
fn frame(ui: &Ui, response: &Response, severity: Severity) {
    frame_in(ui, response, severity_color(severity));
}

/// Frames a field in a colour.
fn frame_in(ui: &Ui, response: &Response, color: egui::Color32) {
    ui.painter().rect_stroke(
        response.rect.expand(1.0),
        3.0,
        egui::Stroke::new(1.5, color),
        StrokeKind::Outside,
    );
}

/// The colour of a severity.
pub fn severity_color(severity: Severity) -> egui::Color32 {
    match severity {
        Severity::Error => theme::ERROR,
        Severity::Warning => theme::WARNING,
        Severity::Info => theme::INFO,
    }
}

/// The sign of a severity, and its word for screen readers.
pub fn severity_sign(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "■ Erreur :",
        Severity::Warning => "▲ Attention :",
        Severity::Info => "● Info :",
    }
}

/// One finding as a coloured, wrapped line.
pub fn finding_label(ui: &mut Ui, finding: &Finding) -> Response {
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "{} {}",
                severity_sign(finding.severity),
                // Guillemets and colons keep to their words across lines.
                crate::document::markup::french_spacing(&finding.message)
            ))
            .color(severity_color(finding.severity)),
        )
        .wrap(),
    )
}
