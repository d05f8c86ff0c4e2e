//! The wizard's panels: the steps on the left (with their findings and open
//! remarks), the current step's form (disabled for a signed draft), and the
//! document preview beside it when the window is wide enough.

use eframe::egui::{self, RichText, ScrollArea, Ui};

use super::{Command, ConventionApp, Session, Step};
use crate::model::Draft;
use crate::ui::{self, Comparison, Form, theme};

/// A step's form: it edits the draft through the form's fields.
type FormUi = fn(&mut Ui, &mut Draft, &mut Form<'_>);

/// The narrowest central area (in points) that holds the form and the
/// preview side by side.
const PREVIEW_MIN_AREA: f32 = 1000.0;

impl ConventionApp {
    /// The side panel, the form and the preview of the open draft.
    pub(super) fn wizard_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(session) = &mut self.session else {
            return;
        };
        egui::Panel::left("etapes")
            .resizable(false)
            .exact_size(250.0)
            .show(ui, |ui| Self::steps_ui(session, ui, commands));
        let show_preview = self.prefs.show_preview;
        egui::CentralPanel::default().show(ui, |ui| {
            let area = ui.available_rect_before_wrap();
            // Beside a narrow form the preview would crush both: it
            // comes back when the window (or the text) allows.
            if !show_preview || area.width() < PREVIEW_MIN_AREA {
                if show_preview {
                    ui.label(
                        RichText::new(
                            "Aperçu masqué : la fenêtre est trop étroite (agrandissez-la, ou réduisez le texte avec Ctrl+-).",
                        )
                        .small()
                        .color(theme::MUTED),
                    );
                }
                self.step_ui(ui, commands);
                return;
            }
            // The form on the left, the preview on the right.
            let preview_width = (area.width() * 0.38).clamp(300.0, 720.0);
            let split = area.right() - preview_width;
            let form_rect = area.with_max_x(split - 10.0);
            let preview_rect = area.with_min_x(split + 6.0);
            ui.painter().vline(
                split - 2.0,
                area.y_range(),
                ui.visuals().widgets.noninteractive.bg_stroke,
            );
            ui.scope_builder(egui::UiBuilder::new().max_rect(form_rect), |ui| {
                self.step_ui(ui, commands);
            });
            ui.scope_builder(egui::UiBuilder::new().max_rect(preview_rect), |ui| {
                let Some(session) = &mut self.session else {
                    return;
                };
                let step = session.step;
                let find = if self.preview_step == Some(step) {
                    None
                } else {
                    self.preview_step = Some(step);
                    step.preview_anchor()
                };
                let offset = self.preview_offset.take();
                ui.horizontal(|ui| {
                    ui.label(RichText::new("Aperçu").heading());
                    ui.label(RichText::new("le texte de l'export, mise en page simplifiée").color(theme::MUTED));
                });
                let mut scroll = ScrollArea::vertical()
                    .id_salt("apercu")
                    .auto_shrink([false, false]);
                if let Some(offset) = offset {
                    scroll = scroll.vertical_scroll_offset(offset);
                }
                let found = scroll
                    .show(ui, |ui| match session.preview() {
                        Ok(document) => ui::preview_ui(ui, document, find),
                        Err(error) => {
                            ui.label(RichText::new(error).color(theme::ERROR));
                            None
                        }
                    })
                    .inner;
                // Found this frame, scrolled to on the next.
                if let Some(found) = found {
                    self.preview_offset = Some(found);
                    ui.ctx().request_repaint();
                }
            });
        });
    }

    pub(super) fn steps_ui(session: &Session, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.add_space(6.0);
        ui.label(RichText::new("Étapes").heading());
        ui.add_space(4.0);
        for (number, step) in Step::ALL.into_iter().enumerate() {
            let tally = session.tally(step);
            ui.horizontal(|ui| {
                let selected = session.step == step;
                let text = RichText::new(format!("{}. {}", number + 1, step.title()));
                let text = if selected {
                    text.strong().color(theme::ACCENT)
                } else {
                    text
                };
                let response = ui
                    .selectable_label(selected, text)
                    .accessible_name(step.title());
                if response.clicked() && !selected {
                    commands.push(Command::GoTo(step));
                }
                let open = session.open_remarks_in(step);
                if open > 0 {
                    let count = crate::rules::open_remarks(open);
                    open_remarks_ui(ui, open, &count);
                }
                if step.is_form() {
                    let changes = session.changes_in(step);
                    if changes > 0 {
                        ui.label(RichText::new(format!("Δ{changes}")).color(theme::INSERTED))
                            .on_hover_text(crate::rules::count_of(
                                changes,
                                "modification",
                                "modifications",
                            ));
                    }
                    if tally.errors > 0 {
                        ui.label(RichText::new(format!("■{}", tally.errors)).color(theme::ERROR))
                            .on_hover_text(crate::rules::count_of(
                                tally.errors,
                                "erreur",
                                "erreurs",
                            ));
                    }
                    if tally.warnings > 0 {
                        ui.label(
                            RichText::new(format!("▲{}", tally.warnings)).color(theme::WARNING),
                        )
                        .on_hover_text(crate::rules::count_of(
                            tally.warnings,
                            "avertissement",
                            "avertissements",
                        ));
                    }
                }
            });
        }
    }

    pub(super) fn step_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(session) = &mut self.session else {
            return;
        };
        let step = session.step;
        ui.label(
            RichText::new(format!(
                "Étape {} sur {}",
                step.index() + 1,
                Step::ALL.len()
            ))
            .color(theme::MUTED),
        );
        ui.label(
            RichText::new(step.title())
                .size(24.0)
                .strong()
                .color(theme::ACCENT),
        );
        ui.add_space(4.0);
        if let Some(base) = session.base() {
            let count = session.changes().len();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "Δ Comparaison avec « {} » : {}",
                            base.name(),
                            match count {
                                0 => "aucune modification".to_owned(),
                                n => crate::rules::count_of(n, "modification", "modifications"),
                            }
                        ))
                        .color(theme::INSERTED),
                    );
                    if ui.button("Quitter la comparaison").clicked() {
                        commands.push(Command::StopComparing);
                    }
                });
            });
            ui.add_space(4.0);
        }
        if session.draft.is_signed() {
            signed_banner(ui);
        }
        let findings = session.findings();
        let total = session.total();
        let changes = session.changes().to_vec();
        let base_name = session.base().map(|base| base.name());
        let comparison = base_name.as_deref().map(|name| Comparison {
            name,
            changes: &changes,
        });
        let navigation_height = 44.0;
        let mut scroll = ScrollArea::vertical()
            .id_salt(("etape", step.id()))
            .auto_shrink([false, false])
            .max_height((ui.available_height() - navigation_height).max(80.0));
        if std::mem::take(&mut self.fresh) {
            scroll = scroll.vertical_scroll_offset(0.0);
            ui.memory_mut(|memory| {
                if let Some(id) = memory.focused() {
                    memory.surrender_focus(id);
                }
            });
        }
        scroll.show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(860.0));
            let form_ui: Option<FormUi> = match step {
                Step::Parties => Some(ui::parties_ui),
                Step::Objet => Some(ui::objet_ui),
                Step::Budget => Some(ui::budget_ui),
                Step::Chorus => Some(ui::chorus_ui),
                Step::Engagements => Some(ui::engagements_ui),
                Step::Rgpd => Some(ui::rgpd_ui),
                Step::Signature => Some(ui::signature_ui),
                Step::Relecture | Step::Export => None,
            };
            match form_ui {
                Some(form_ui) => {
                    // The draft as the frame began: the remarks read it
                    // while the form edits it.
                    let before = session.draft.clone();
                    let mut form = Form::new(&findings, &mut session.focus, &mut session.inputs)
                        .with_changes(&changes)
                        .with_remarks(&before, &mut session.remarks)
                        .with_carnet(&self.prefs.carnet);
                    let draft = &mut session.draft;
                    // A signed draft changes only by avenant; its
                    // remarks stay open to discussion.
                    ui.add_enabled_ui(!before.is_signed(), |ui| {
                        form_ui(ui, draft, &mut form);
                    });
                    session.drawn = std::mem::take(&mut form.drawn);
                    commands.append(&mut form.commands);
                }
                None if step == Step::Relecture => {
                    ui::relecture_ui(
                        ui,
                        &session.draft,
                        &findings,
                        total,
                        comparison.as_ref(),
                        &mut session.remarks,
                        commands,
                    );
                    session.drawn = Default::default();
                }
                None => {
                    self.export.open_comments = session.draft.review.open_comments().count();
                    self.export.template = match &session.template {
                        crate::document::TemplateSource::Builtin => None,
                        crate::document::TemplateSource::Folder(folder) => Some(folder.clone()),
                    };
                    if let Some(command) =
                        ui::export_ui(ui, total, &mut self.export, comparison.as_ref())
                    {
                        commands.push(command);
                    }
                    session.drawn = Default::default();
                }
            }
            ui.add_space(20.0);
        });
        ui.separator();
        ui.horizontal(|ui| {
            if let Some(previous) = step.previous()
                && ui
                    .button(format!("← {}", previous.title()))
                    .accessible_name("Étape précédente")
                    .clicked()
            {
                commands.push(Command::GoTo(previous));
            }
            if let Some(next) = step.next()
                && ui
                    .add(theme::primary_button(&format!("{} →", next.title())))
                    .accessible_name("Étape suivante")
                    .clicked()
            {
                commands.push(Command::GoTo(next));
            }
        });
    }
}

/// Over every step of a signed draft: why nothing can be edited, and how a
/// signed convention changes.
fn signed_banner(ui: &mut Ui) {
    egui::Frame::group(ui.style())
        .fill(theme::ACCENT_LIGHT)
        .show(ui, |ui| {
            ui.set_width(ui.available_width().min(860.0));
            ui.label(
                RichText::new("Convention signée : elle ne change que par avenant.")
                    .strong()
                    .color(theme::ACCENT),
            );
            ui.add(
                egui::Label::new(
                    RichText::new(
                        "Pour la faire évoluer : Fichier › Nouveau à partir d'une copie…, modifiez la copie, comparez-la avec cette convention (Fichier › Comparer avec…), puis exportez l'avenant à l'étape Export. Les remarques restent possibles ; le statut se change dans Fichier › Statut.",
                    )
                    .color(theme::MUTED),
                )
                .wrap(),
            );
        });
    ui.add_space(4.0);
}

/// A step's count of open remarks: a bubble and the number, named for
/// screen readers (« 2 remarques ouvertes »).
fn open_remarks_ui(ui: &mut Ui, open: usize, count: &str) {
    let galley = ui.painter().layout_no_wrap(
        open.to_string(),
        egui::TextStyle::Body.resolve(ui.style()),
        theme::INFO,
    );
    let icon = 14.0;
    let size = egui::vec2(icon + 2.0 + galley.size().x, galley.size().y.max(icon));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    // An image with a text alternative: a label's name would be its text.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, count));
    let bubble = egui::Rect::from_center_size(
        egui::pos2(rect.left() + icon / 2.0, rect.center().y),
        egui::vec2(icon, icon),
    );
    ui::remarks::bubble(ui.painter(), bubble, theme::INFO);
    let text_at = egui::pos2(
        rect.left() + icon + 2.0,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter().galley(text_at, galley, theme::INFO);
    response.on_hover_text(count);
}
