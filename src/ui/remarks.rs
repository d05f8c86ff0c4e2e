//! Reviewers' remarks in the form: the discreet button beside a field that
//! opens an editor, and under the field the threads (author, date, text,
//! replies; reply, resolve, reopen). They stay usable in a signed draft,
//! whose form is disabled: a signed convention is still discussed, never
//! edited.

use std::collections::BTreeSet;

use chrono::{DateTime, Local, Utc};
use eframe::egui::{self, Id, Key, Modifiers, RichText, Ui, UiBuilder};

use super::{Command, theme};
use crate::model::{Comment, Subject};

/// What the remarks show besides the draft: the editor open, if any, and
/// the subjects whose resolved remarks are unfolded.
#[derive(Clone, Debug, Default)]
pub struct Remarks {
    editor: Option<Editor>,
    unfolded: BTreeSet<Subject>,
}

/// The one editor open: a new remark, or an answer to one.
#[derive(Clone, Debug)]
struct Editor {
    target: Target,
    text: String,
    /// The keyboard focus goes into it on its first frame.
    focus: bool,
    /// Whether its text field had the focus at the end of the last frame
    /// (Escape takes the focus away before the frame is drawn).
    had_focus: bool,
}

/// What an editor writes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// A new remark about this subject.
    New(Subject),
    /// An answer to the remark with this identifier.
    Reply(String),
}

/// How an editor was left this frame.
enum Outcome {
    Open,
    Submitted(String),
    Cancelled,
}

impl Remarks {
    /// Opens the editor of a new remark about `about`, with the keyboard
    /// focus in it.
    pub fn open(&mut self, about: Subject) {
        self.editor = Some(Editor {
            target: Target::New(about),
            text: String::new(),
            focus: true,
            had_focus: false,
        });
    }

    /// Opens again, with its text, the editor a remark or an answer came
    /// from (when the name it needed was not given): nothing typed is lost.
    pub fn restore(&mut self, command: &Command) {
        let (target, text) = match command {
            Command::AddComment { about, text } => (Target::New(*about), text),
            Command::Reply { id, text } => (Target::Reply(id.clone()), text),
            _ => return,
        };
        self.editor = Some(Editor {
            target,
            text: text.clone(),
            focus: true,
            had_focus: false,
        });
    }

    /// The text of the remark or answer being written, if there is any:
    /// not in the draft yet, so closing the draft would lose it.
    pub fn pending_text(&self) -> Option<&str> {
        self.editor
            .as_ref()
            .map(|editor| editor.text.trim())
            .filter(|text| !text.is_empty())
    }

    fn open_reply(&mut self, id: &str) {
        self.editor = Some(Editor {
            target: Target::Reply(id.to_owned()),
            text: String::new(),
            focus: true,
            had_focus: false,
        });
    }

    /// Draws the editor if it writes `target`; closes it when submitted or
    /// cancelled, and returns the text submitted.
    fn editor_ui(&mut self, ui: &mut Ui, target: &Target, name: &str) -> Option<String> {
        let editor = self.editor.as_mut().filter(|e| &e.target == target)?;
        let submit = match target {
            Target::New(_) => "Ajouter la remarque",
            Target::Reply(_) => "Ajouter la réponse",
        };
        match editor_ui(ui, editor, name, submit) {
            Outcome::Open => None,
            Outcome::Cancelled => {
                self.editor = None;
                None
            }
            Outcome::Submitted(text) => {
                self.editor = None;
                Some(text)
            }
        }
    }
}

/// The id of the editor's text field.
fn editor_id() -> Id {
    Id::unique("remarque-editeur")
}

/// A multiline field with « Ajouter… » and « Annuler »; Escape cancels,
/// Ctrl+Entrée adds.
fn editor_ui(ui: &mut Ui, editor: &mut Editor, name: &str, submit: &str) -> Outcome {
    let id = editor_id();
    let focused = editor.had_focus || ui.memory(|m| m.has_focus(id));
    if focused && ui.input(|i| i.key_pressed(Key::Escape)) {
        return Outcome::Cancelled;
    }
    let shortcut = focused && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
    let mut outcome = Outcome::Open;
    egui::Frame::group(ui.style())
        .fill(theme::ACCENT_LIGHT)
        .show(ui, |ui| {
            ui.set_width(ui.available_width().min(620.0));
            let response = ui.add(
                egui::TextEdit::multiline(&mut editor.text)
                    .id(id)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text(
                        RichText::new("Votre remarque…")
                            .italics()
                            .color(theme::MUTED),
                    ),
            );
            let response = response.accessible_name(name);
            editor.had_focus = response.has_focus();
            if editor.focus {
                editor.focus = false;
                response.request_focus();
                response.scroll_to_me(None);
            }
            let ready = !editor.text.trim().is_empty();
            ui.horizontal(|ui| {
                let add = ui.add_enabled(ready, theme::primary_button(submit));
                if (add.clicked() || shortcut) && ready {
                    outcome = Outcome::Submitted(editor.text.trim().to_owned());
                }
                if ui.button("Annuler").clicked() {
                    outcome = Outcome::Cancelled;
                }
                ui.label(
                    RichText::new("Ctrl+Entrée pour ajouter, Échap pour annuler")
                        .small()
                        .color(theme::MUTED),
                );
            });
        });
    outcome
}

/// A date and time the French way, in local time: « 19/05/2022 14:30 ».
pub fn french_datetime(date: DateTime<Utc>) -> String {
    date.with_timezone(&Local)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// The first words of a remark, to tell it from others for screen
/// readers.
fn excerpt(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    let mut short: String = line.chars().take(40).collect();
    if short.chars().count() < line.chars().count() || text.lines().nth(1).is_some() {
        short.push('…');
    }
    short
}

/// The discreet button beside a field that opens the editor of a new
/// remark about it; `label` names the field (« Commenter : Unité
/// opérationnelle (UO) »).
pub fn comment_button(ui: &mut Ui, remarks: &mut Remarks, about: Subject, label: &str) {
    island(ui, ("bouton", about), |ui| {
        let size = egui::vec2(16.0, 20.0);
        let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), ""));
        let response = response
            .on_hover_text(format!("Ajouter une remarque sur « {label} »"))
            .accessible_name(format!("Commenter : {label}"));
        if ui.is_rect_visible(rect) {
            let active = response.hovered() || response.has_focus();
            if active {
                ui.painter().rect_stroke(
                    rect,
                    3.0,
                    egui::Stroke::new(1.5, theme::ACCENT),
                    egui::StrokeKind::Inside,
                );
            }
            let color = if active { theme::ACCENT } else { theme::MUTED };
            bubble(ui.painter(), rect.shrink2(egui::vec2(2.0, 5.0)), color);
        }
        if response.clicked() {
            remarks.open(about);
        }
    });
}

/// A speech bubble drawn in `rect` (the fonts have no such sign): the mark
/// of remarks, on the buttons and in the side panel.
pub fn bubble(painter: &egui::Painter, rect: egui::Rect, color: egui::Color32) {
    let body = rect.with_max_y(rect.bottom() - rect.height() * 0.3);
    let stroke = egui::Stroke::new(1.3, color);
    painter.rect_stroke(body, 2.0, stroke, egui::StrokeKind::Middle);
    let left = body.left() + body.width() * 0.25;
    painter.line_segment(
        [
            egui::pos2(left, body.bottom()),
            egui::pos2(left, rect.bottom()),
        ],
        stroke,
    );
    painter.line_segment(
        [
            egui::pos2(left, rect.bottom()),
            egui::pos2(left + body.width() * 0.3, body.bottom()),
        ],
        stroke,
    );
}

/// Where a field's remarks are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Right under the field.
    UnderField,
    /// Under the table of a cell, away from it: after a line naming the
    /// cell (« Sur « Exercice 2022 — AE » : »), which tells one cell's
    /// remarks from its neighbour's.
    UnderTable,
}

/// Under a field (or its table): the editor of a new remark about it if
/// open, its open remarks, and its resolved ones folded behind a toggle.
/// `label` names the field.
pub fn threads_ui(
    ui: &mut Ui,
    comments: &[Comment],
    about: Subject,
    label: &str,
    placement: Placement,
    remarks: &mut Remarks,
    commands: &mut Vec<Command>,
) {
    let here: Vec<&Comment> = comments.iter().filter(|c| c.about == about).collect();
    let editing = remarks
        .editor
        .as_ref()
        .is_some_and(|e| e.target == Target::New(about));
    if here.is_empty() && !editing {
        return;
    }
    island(ui, ("fils", about), |ui| {
        if placement == Placement::UnderTable {
            ui.label(
                RichText::new(format!("Sur « {label} » :"))
                    .small()
                    .color(theme::MUTED),
            );
        }
        if let Some(text) =
            remarks.editor_ui(ui, &Target::New(about), &format!("Remarque sur : {label}"))
        {
            commands.push(Command::AddComment { about, text });
        }
        for comment in here.iter().filter(|c| c.is_open()) {
            thread_ui(ui, comment, remarks, commands);
        }
        let resolved: Vec<&&Comment> = here.iter().filter(|c| !c.is_open()).collect();
        if resolved.is_empty() {
            return;
        }
        let unfolded = remarks.unfolded.contains(&about);
        let count =
            crate::rules::count_of(resolved.len(), "remarque résolue", "remarques résolues");
        let toggle = if unfolded {
            format!("Masquer {count}")
        } else {
            format!("Afficher {count}")
        };
        let response = ui
            .add(
                egui::Button::new(RichText::new(toggle).small().color(theme::MUTED))
                    .frame_when_inactive(false),
            )
            .accessible_name(format!(
                "{} : {count} ({label})",
                if unfolded { "Masquer" } else { "Afficher" }
            ));
        if response.clicked() {
            if unfolded {
                remarks.unfolded.remove(&about);
            } else {
                remarks.unfolded.insert(about);
            }
        }
        if unfolded {
            for comment in resolved {
                thread_ui(ui, comment, remarks, commands);
            }
        }
    });
}

/// One remark: who, when, what, the answers, and what can be done with it.
/// A resolved remark is greyed.
pub fn thread_ui(
    ui: &mut Ui,
    comment: &Comment,
    remarks: &mut Remarks,
    commands: &mut Vec<Command>,
) {
    let open = comment.is_open();
    let (fill, ink) = if open {
        (egui::Color32::from_rgb(0xf4, 0xf6, 0xff), theme::TEXT)
    } else {
        (egui::Color32::from_gray(0xf2), theme::MUTED)
    };
    let whose = format!("{} : « {} »", comment.author, excerpt(&comment.text));
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, egui::Color32::from_gray(0xd0)))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.set_width(ui.available_width().min(620.0));
            byline(ui, &comment.author, comment.date, !open);
            ui.add(egui::Label::new(RichText::new(&comment.text).color(ink)).wrap());
            for reply in &comment.replies {
                ui.horizontal_top(|ui| {
                    ui.add_space(14.0);
                    ui.vertical(|ui| {
                        byline(ui, &reply.author, reply.date, true);
                        ui.add(egui::Label::new(RichText::new(&reply.text).color(ink)).wrap());
                    });
                });
            }
            let target = Target::Reply(comment.id.clone());
            if let Some(text) = remarks.editor_ui(ui, &target, &format!("Réponse à {whose}")) {
                commands.push(Command::Reply {
                    id: comment.id.clone(),
                    text,
                });
            }
            ui.horizontal(|ui| {
                let small = |text: &str| egui::Button::new(RichText::new(text).small());
                if open {
                    let replying = remarks.editor.as_ref().is_some_and(|e| e.target == target);
                    if !replying
                        && ui
                            .add(small("Répondre"))
                            .accessible_name(format!("Répondre à {whose}"))
                            .clicked()
                    {
                        remarks.open_reply(&comment.id);
                    }
                    if ui
                        .add(small("Résoudre"))
                        .accessible_name(format!("Résoudre la remarque de {whose}"))
                        .clicked()
                    {
                        commands.push(Command::Resolve {
                            id: comment.id.clone(),
                            resolved: true,
                        });
                    }
                } else {
                    ui.label(RichText::new("Résolue").small().color(theme::SUCCESS));
                    if ui
                        .add(small("Rouvrir"))
                        .accessible_name(format!("Rouvrir la remarque de {whose}"))
                        .clicked()
                    {
                        commands.push(Command::Resolve {
                            id: comment.id.clone(),
                            resolved: false,
                        });
                    }
                }
            });
        });
}

/// « Claire Martin · 19/05/2022 14:30 ».
fn byline(ui: &mut Ui, author: &str, date: DateTime<Utc>, muted: bool) {
    let color = if muted { theme::MUTED } else { theme::ACCENT };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new(author).strong().small().color(color));
        ui.label(
            RichText::new(format!("· {}", french_datetime(date)))
                .small()
                .color(theme::MUTED),
        );
    });
}

/// Draws `add` where `ui` would, enabled even when `ui` is disabled (the
/// form of a signed draft): egui cannot enable a child of a disabled Ui,
/// so the remarks get a root Ui of their own, on the same layer, clip
/// rectangle and accessibility parent, whose space is then taken in `ui`;
/// `salt` tells it from the other islands of `ui`.
pub fn island<R>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    if ui.is_enabled() {
        return add(ui);
    }
    let mut builder = UiBuilder::new()
        .layer_id(ui.layer_id())
        .max_rect(ui.available_rect_before_wrap())
        .layout(*ui.layout())
        .style(ui.style().clone())
        .accessibility_parent(ui.unique_id());
    if ui.is_sizing_pass() {
        builder = builder.sizing_pass();
    }
    if !ui.is_visible() {
        builder = builder.invisible();
    }
    let id = ui.unique_id().with(("remarques", salt));
    let mut child = Ui::new(ui.ctx().clone(), id, builder);
    child.set_clip_rect(ui.clip_rect());
    let inner = add(&mut child);
    ui.allocate_rect(child.min_rect(), egui::Sense::hover());
    inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_say_so() {
        assert_eq!(excerpt("UO à confirmer"), "UO à confirmer");
        assert_eq!(excerpt("un\ndeux"), "un…");
        let long = "é".repeat(50);
        assert_eq!(excerpt(&long).chars().count(), 41);
    }

    #[test]
    fn dates_read_the_french_way() {
        use chrono::TimeZone as _;
        let date = Utc
            .with_ymd_and_hms(2022, 5, 19, 12, 30, 0)
            .single()
            .expect("a valid time");
        let shown = french_datetime(date);
        assert!(shown.starts_with("19/05/2022 "), "{shown}");
        assert_eq!(shown.len(), "19/05/2022 14:30".len());
    }
}
