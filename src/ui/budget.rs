//! Step « Budget »: the UO, titre 2, and the yearly AE/CP schedule with its
//! running totals and a small chart.

use chrono::Datelike;
use eframe::egui::{self, Align2, Color32, FontId, RichText, Sense, Stroke, Ui, vec2};

use super::{FocusRequest, Form, theme};
use crate::model::{Draft, Field, Money, YearRow, code};

/// The width of an amount field: « 999 999 999 999,99 » fits.
const AMOUNT_WIDTH: f32 = 108.0;

/// Edits the budget.
pub fn budget_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    form.text(
        ui,
        "Unité opérationnelle (UO)",
        "",
        Field::Uo.path(),
        &mut draft.budget.uo,
        "0105-CRES-DNUM",
    );
    if draft.budget.uo.trim().is_empty() || code::parse_uo(&draft.budget.uo).is_err() {
        hint(
            ui,
            "Format : PPPP-BBBB-UUUU (programme sur 4 chiffres, BOP, UO).",
        );
    }
    super::programme::programme_ui(ui, &draft.budget.uo);
    if let Ok(uo) = code::parse_uo(&draft.budget.uo) {
        // The list's label, when it has the programme, is the example: an
        // empty field gives it to the document.
        let listed = crate::model::programmes::Catalogue::built_in()
            .programme(uo.programme)
            .map_or_else(|| "libellé du programme".to_owned(), |p| p.label.clone());
        form.text(
            ui,
            "Libellé du programme (vide : celui de la liste des programmes)",
            "",
            Field::ProgrammeLabel.path(),
            &mut draft.budget.programme_label,
            &listed,
        );
    }
    ui.horizontal(|ui| {
        let response = ui.checkbox(
            &mut draft.budget.hors_titre_2,
            "Crédits hors titre 2 (hors dépenses de personnel, le cas usuel)",
        );
        form.claim_focus(&response, Field::HorsTitre2.path());
        form.comment_button(ui, Field::HorsTitre2.path());
    });
    form.messages(ui, Field::HorsTitre2.path());
    if !draft.budget.hors_titre_2 {
        hint(
            ui,
            "Crédits de titre 2 : les AE et les CP doivent être égaux chaque année.",
        );
    }
    ui.add_space(6.0);
    let period = draft.period_years();
    match (draft.signature.date, draft.end_date, period) {
        (Some(start), Some(end), Some((first, last))) => {
            let years = if first == last {
                format!("l'année {first}")
            } else {
                format!("les années {first} à {last}")
            };
            ui.label(format!(
                "La convention couvre {years} (signature le {}, fin le {}).",
                crate::model::date::french_long(start),
                crate::model::date::french_long(end)
            ));
        }
        _ => hint(
            ui,
            "Indiquez les dates de signature et de fin (étape « Durée et signature ») pour vérifier les années.",
        ),
    }

    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Échéancier des crédits")
                .heading()
                .color(theme::ACCENT),
        );
        form.comment_button(ui, Field::Schedule.path());
    });
    schedule_ui(ui, draft, form, period);
    ui.add_space(10.0);
    if !draft.budget.schedule.is_empty() {
        chart_ui(ui, draft);
    }
}

fn hint(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).color(theme::MUTED));
}

fn schedule_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>, period: Option<(i32, i32)>) {
    let cumulative = draft.budget.cumulative();
    let mut remove = None;
    let mut resort = false;
    // Narrow windows scroll the table sideways rather than clip it.
    egui::ScrollArea::horizontal()
        .id_salt("echeancier-defilement")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("echeancier")
                .num_columns(7)
                .spacing(vec2(5.0, 6.0))
                .striped(true)
                .show(ui, |ui| {
                    for title in [
                        "Année",
                        "AE",
                        "CP",
                        "AE cumulées",
                        "CP cumulés",
                        "Position",
                        "",
                    ] {
                        ui.label(RichText::new(title).strong());
                    }
                    ui.end_row();
                    for step in &cumulative {
                        let index = step.index;
                        let Some(row) = draft.budget.schedule.get_mut(index) else {
                            continue;
                        };
                        let year = row.year;
                        let outside =
                            period.is_some_and(|(first, last)| year < first || year > last);
                        ui.vertical(|ui| {
                            let path = Field::ScheduleYear.at(index);
                            let response = ui
                                .horizontal(|ui| {
                                    // Narrow, so the table fits beside the preview.
                                    ui.spacing_mut().item_spacing.x = 0.0;
                                    ui.spacing_mut().button_padding.x = 5.0;
                                    let response = ui
                                        .add(
                                            egui::DragValue::new(&mut row.year)
                                                .range(2000..=2100)
                                                .speed(0.05),
                                        )
                                        .accessible_name(format!(
                                            "Année de la ligne {}",
                                            index + 1
                                        ))
                                        .on_hover_text(
                                            "Cliquez pour taper l'année, ou glissez pour la changer.",
                                        );
                                    // A remark on the year is one on its row.
                                    form.comment_button(ui, Field::ScheduleRow.at(index));
                                    response
                                })
                                .inner;
                            if response.lost_focus() || response.drag_stopped() {
                                resort = true;
                            }
                            form.claim_focus(&response, path);
                            if outside {
                                ui.label(
                                    RichText::new("hors période").color(theme::WARNING).small(),
                                );
                            }
                        });
                        form.money_cell(
                            ui,
                            &format!("AE {year}"),
                            Field::ScheduleAe.at(index),
                            &mut row.ae,
                            AMOUNT_WIDTH,
                        );
                        form.money_cell(
                            ui,
                            &format!("CP {year}"),
                            Field::ScheduleCp.at(index),
                            &mut row.cp,
                            AMOUNT_WIDTH,
                        );
                        ui.label(step.ae.to_french());
                        ui.label(step.cp.to_french());
                        if step.cp > step.ae {
                            ui.label(RichText::new("■ CP > AE").color(theme::ERROR))
                                .on_hover_text("Les CP cumulés dépassent les AE cumulées.");
                        } else {
                            ui.label(RichText::new("● CP ≤ AE").color(theme::SUCCESS))
                                .on_hover_text("Les CP cumulés restent dans les AE cumulées.");
                        }
                        if ui
                            .small_button("Supprimer")
                            .accessible_name(format!("Supprimer l'année {year}"))
                            .clicked()
                        {
                            remove = Some(index);
                        }
                        ui.end_row();
                    }
                    ui.label(RichText::new("Total").strong());
                    ui.label(RichText::new(draft.budget.total_ae().to_french()).strong());
                    ui.label(RichText::new(draft.budget.total_cp().to_french()).strong());
                    ui.end_row();
                });
        });
    // The rows' messages, full width under the table.
    for (index, row) in draft.budget.schedule.iter().enumerate() {
        let year = row.year;
        form.cell_messages(
            ui,
            &format!("Exercice {year}"),
            Field::ScheduleYear.at(index),
        );
        form.cell_messages(ui, &format!("AE {year}"), Field::ScheduleAe.at(index));
        form.cell_messages(ui, &format!("CP {year}"), Field::ScheduleCp.at(index));
        form.cell_threads(ui, Field::ScheduleRow.at(index));
    }
    form.messages(ui, Field::Schedule.path());

    if let Some(index) = remove {
        draft.budget.schedule.remove(index);
        form.inputs.forget(Field::Schedule.path());
    }
    if resort && !is_sorted(&draft.budget.schedule) {
        draft.budget.schedule.sort_by_key(|row| row.year);
        form.inputs.forget(Field::Schedule.path());
    }
    let add = ui.button("Ajouter une année");
    form.claim_focus(&add, Field::Schedule.path());
    if add.clicked() {
        let year = next_year(draft, period);
        draft.budget.schedule.push(YearRow {
            year,
            ae: Money::ZERO,
            cp: Money::ZERO,
        });
        draft.budget.schedule.sort_by_key(|row| row.year);
        form.inputs.forget(Field::Schedule.path());
        let index = draft
            .budget
            .schedule
            .iter()
            .position(|row| row.year == year)
            .unwrap_or(0);
        *form.focus = Some(FocusRequest::new(Field::ScheduleAe.at(index)));
    }
}

fn is_sorted(rows: &[YearRow]) -> bool {
    rows.windows(2).all(|pair| pair[0].year <= pair[1].year)
}

/// The year a new row gets: after the last one, or the first of the period,
/// or this year.
fn next_year(draft: &Draft, period: Option<(i32, i32)>) -> i32 {
    match draft.budget.schedule.iter().map(|row| row.year).max() {
        Some(last) => last + 1,
        None => period.map_or_else(|| chrono::Local::now().year(), |(first, _)| first),
    }
}

/// Bars of AE and CP per year.
fn chart_ui(ui: &mut Ui, draft: &Draft) {
    let mut rows: Vec<&YearRow> = draft.budget.schedule.iter().collect();
    rows.sort_by_key(|row| row.year);
    let max = rows
        .iter()
        .flat_map(|row| [row.ae.cents(), row.cp.cents()])
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let width = (rows.len() as f32 * 90.0 + 40.0).min(ui.available_width());
    let (rect, _) = ui.allocate_exact_size(vec2(width, 150.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let baseline = rect.bottom() - 20.0;
    let chart_height = 110.0;
    painter.line_segment(
        [
            egui::pos2(rect.left(), baseline),
            egui::pos2(rect.right(), baseline),
        ],
        Stroke::new(1.0, Color32::from_gray(150)),
    );
    let slot = (width - 20.0) / rows.len().max(1) as f32;
    let cp_color = Color32::from_rgb(0x8b, 0x8b, 0xf6);
    for (i, row) in rows.iter().enumerate() {
        let left = rect.left() + 10.0 + slot * i as f32 + slot * 0.15;
        let bar = slot * 0.3;
        for (offset, amount, color) in [(0.0, row.ae, theme::ACCENT), (bar, row.cp, cp_color)] {
            let height = (amount.cents().max(0) as f32 / max) * chart_height;
            let bar_rect = egui::Rect::from_min_max(
                egui::pos2(left + offset, baseline - height),
                egui::pos2(left + offset + bar - 2.0, baseline),
            );
            painter.rect_filled(bar_rect, 1.0, color);
        }
        painter.text(
            egui::pos2(left + bar, baseline + 3.0),
            Align2::CENTER_TOP,
            row.year.to_string(),
            FontId::proportional(12.0),
            theme::TEXT,
        );
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("■ AE").color(theme::ACCENT));
        ui.label(RichText::new("■ CP").color(cp_color));
        ui.label(RichText::new("par année").color(theme::MUTED));
    });
}
