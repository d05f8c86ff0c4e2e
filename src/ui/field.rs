//! The form's fields: a visible label, an accessible name, the findings of
//! the field underneath it, keyboard focus on request, and for amounts and
//! dates the text as typed, kept even while it does not read.

use chrono::NaiveDate;
use eframe::egui::{self, Align, Id, Response, RichText, StrokeKind, TextEdit, Ui};

use crate::app::session::{FocusRequest, Inputs};
use crate::app::theme;
use crate::model::{Money, date};
use crate::rules::{Finding, Severity};

/// What every field needs besides its value: the findings to show, a focus
/// request to honour, the buffers of parsed fields.
pub struct Form<'a> {
    /// The draft's findings (rules and unreadable input).
    pub findings: &'a [Finding],
    /// A field to focus, if any.
    pub focus: &'a mut Option<FocusRequest>,
    /// Text typed in amount and date fields.
    pub inputs: &'a mut Inputs,
}

/// The id of the widget editing the field at `path`.
pub fn field_id(path: &str) -> Id {
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

impl Form<'_> {
    /// The findings of the field at `path`.
    pub fn at(&self, path: &str) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.path == path)
    }

    /// The most serious finding's severity at `path`.
    pub fn worst(&self, path: &str) -> Option<Severity> {
        self.at(path).map(|f| f.severity).min()
    }

    /// Gives the widget the focus if it is the one asked for, and scrolls to
    /// it.
    pub fn claim_focus(&mut self, response: &Response, path: &str) {
        if let Some(focus) = self.focus.as_mut()
            && focus.claims(path)
        {
            response.request_focus();
            response.scroll_to_me(Some(Align::Center));
            response.ctx.request_repaint();
        }
    }

    /// Draws the findings of the field at `path`, one line each.
    pub fn messages(&self, ui: &mut Ui, path: &str) {
        for finding in self.at(path) {
            finding_label(ui, finding);
        }
    }

    /// Finishes a field: frame in the colour of its worst finding, focus,
    /// findings underneath.
    fn finish(&mut self, ui: &mut Ui, response: &Response, path: &str) {
        if let Some(severity) = self.worst(path) {
            ui.painter().rect_stroke(
                response.rect.expand(1.0),
                3.0,
                egui::Stroke::new(1.5, severity_color(severity)),
                StrokeKind::Outside,
            );
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
        path: &str,
        value: &mut String,
        hint: &str,
    ) -> Response {
        let shown = ui.label(label);
        let response = ui.add(
            TextEdit::singleline(value)
                .id(field_id(path))
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        );
        let response = name_field(response, &shown, label, group);
        self.finish(ui, &response, path);
        response
    }

    /// A text field of several lines.
    pub fn multiline(
        &mut self,
        ui: &mut Ui,
        label: &str,
        group: &str,
        path: &str,
        value: &mut String,
        rows: usize,
    ) -> Response {
        let shown = ui.label(label);
        let response = ui.add(
            TextEdit::multiline(value)
                .id(field_id(path))
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        );
        let response = name_field(response, &shown, label, group);
        self.finish(ui, &response, path);
        response
    }

    /// An amount, typed the French way (« 30 000,50 ») or plainly
    /// (« 30000.5 »). Text that does not read stays in the field, marked,
    /// and the draft keeps its last good value.
    pub fn money(&mut self, ui: &mut Ui, name: &str, path: &str, value: &mut Money) -> Response {
        let buffer = self.inputs.buffer(path, value.to_french_number());
        let response = ui
            .add(
                TextEdit::singleline(&mut buffer.text)
                    .id(field_id(path))
                    .desired_width(130.0)
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
        let unreadable = buffer.error.clone();
        self.finish_parsed(ui, &response, path, unreadable.as_deref());
        response
    }

    /// A date, typed as 19/05/2022, 19 mai 2022 or 2022-05-19. Empty means
    /// no date.
    pub fn date(
        &mut self,
        ui: &mut Ui,
        label: &str,
        path: &str,
        value: &mut Option<NaiveDate>,
    ) -> Response {
        let shown = ui.label(label);
        let formatted = value.map(date::french_short).unwrap_or_default();
        let buffer = self.inputs.buffer(path, formatted);
        let response = ui
            .add(
                TextEdit::singleline(&mut buffer.text)
                    .id(field_id(path))
                    .hint_text("JJ/MM/AAAA")
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
        let unreadable = buffer.error.clone();
        self.finish_parsed(ui, &response, path, unreadable.as_deref());
        if let Some(day) = value {
            ui.label(
                RichText::new(date::french_long(*day))
                    .color(theme::MUTED)
                    .small(),
            );
        }
        response
    }

    fn finish_parsed(
        &mut self,
        ui: &mut Ui,
        response: &Response,
        path: &str,
        unreadable: Option<&str>,
    ) {
        match unreadable {
            Some(error) => {
                ui.painter().rect_stroke(
                    response.rect.expand(1.0),
                    3.0,
                    egui::Stroke::new(1.5, theme::ERROR),
                    StrokeKind::Outside,
                );
                self.claim_focus(response, path);
                ui.label(
                    RichText::new(format!("■ Non pris en compte : {error}")).color(theme::ERROR),
                );
                self.messages(ui, path);
            }
            None => self.finish(ui, response, path),
        }
    }
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
                finding.message
            ))
            .color(severity_color(finding.severity)),
        )
        .wrap(),
    )
}
