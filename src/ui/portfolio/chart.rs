//! The portfolio's chart: AE and CP per year, each bar stacked by délégant,
//! drawn with egui's painter.

use std::collections::BTreeMap;

use eframe::egui::{self, Align2, Color32, FontId, RichText, Sense, Stroke, Ui, vec2};

use super::super::theme;
use crate::model::Money;
use crate::portfolio::{Entry, Totals};

/// Colours of the délégants, in turn (distinct, readable on white).
const PALETTE: [Color32; 8] = [
    Color32::from_rgb(0x00, 0x00, 0x91),
    Color32::from_rgb(0xc0, 0x5a, 0x00),
    Color32::from_rgb(0x18, 0x75, 0x3c),
    Color32::from_rgb(0x8a, 0x2b, 0x9e),
    Color32::from_rgb(0x00, 0x7c, 0x9c),
    Color32::from_rgb(0xb3, 0x00, 0x3c),
    Color32::from_rgb(0x6e, 0x6e, 0x00),
    Color32::from_rgb(0x53, 0x53, 0x53),
];

/// The amounts the chart draws: per year, per délégant, AE and CP (in
/// cents).
pub fn stacks(entries: &[&Entry]) -> BTreeMap<i32, BTreeMap<String, (i64, i64)>> {
    let mut stacks: BTreeMap<i32, BTreeMap<String, (i64, i64)>> = BTreeMap::new();
    for ((delegant, year), totals) in Totals::by_delegant_and_year(entries.iter().copied()) {
        stacks
            .entry(year)
            .or_default()
            .insert(delegant, (totals.ae.cents(), totals.cp.cents()));
    }
    stacks
}

/// Draws the chart of `entries`, with its legend; `delegants` fixes the
/// colours (each délégant keeps its colour whatever the filters).
pub fn chart_ui(ui: &mut Ui, entries: &[&Entry], delegants: &[String]) {
    let stacks = stacks(entries);
    if stacks.is_empty() {
        ui.label(RichText::new("Aucun montant à représenter.").color(theme::MUTED));
        return;
    }
    let colour = |key: &str| {
        let index = delegants.iter().position(|d| d == key).unwrap_or(0);
        PALETTE[index % PALETTE.len()]
    };
    let max = stacks
        .values()
        .flat_map(|by| {
            let ae: i64 = by.values().map(|c| c.0.max(0)).sum();
            let cp: i64 = by.values().map(|c| c.1.max(0)).sum();
            [ae, cp]
        })
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let width = (stacks.len() as f32 * 110.0 + 80.0).min(ui.available_width());
    let (rect, response) = ui.allocate_exact_size(vec2(width, 200.0), Sense::hover());
    // A screen reader hears the figures the bars draw.
    let summary: Vec<String> = stacks
        .iter()
        .map(|(year, by)| {
            let ae: i64 = by.values().map(|c| c.0).sum();
            let cp: i64 = by.values().map(|c| c.1).sum();
            format!(
                "{year} : AE {}, CP {}",
                money(ae).to_french(),
                money(cp).to_french()
            )
        })
        .collect();
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("Graphique des AE et CP par année : {}", summary.join(" ; ")),
        )
    });
    let painter = ui.painter_at(rect);
    let left = rect.left() + 70.0;
    let baseline = rect.bottom() - 22.0;
    let height = 160.0;
    let axis = Stroke::new(1.0, Color32::from_gray(150));
    painter.line_segment(
        [
            egui::pos2(left, baseline),
            egui::pos2(rect.right(), baseline),
        ],
        axis,
    );
    painter.line_segment(
        [
            egui::pos2(left, baseline - height),
            egui::pos2(left, baseline),
        ],
        axis,
    );
    painter.text(
        egui::pos2(left - 4.0, baseline - height),
        Align2::RIGHT_TOP,
        money(max as i64).to_french(),
        FontId::proportional(11.0),
        theme::MUTED,
    );
    painter.text(
        egui::pos2(left - 4.0, baseline),
        Align2::RIGHT_BOTTOM,
        "0",
        FontId::proportional(11.0),
        theme::MUTED,
    );
    let slot = (rect.right() - left - 10.0) / stacks.len() as f32;
    for (i, (year, by)) in stacks.iter().enumerate() {
        let x = left + 10.0 + slot * i as f32;
        let bar = (slot * 0.32).min(36.0);
        for (offset, pick, name) in [(0.0, 0, "AE"), (bar + 4.0, 1, "CP")] {
            let mut top = baseline;
            for (key, cell) in by {
                let amount = if pick == 0 { cell.0 } else { cell.1 };
                let h = amount.max(0) as f32 / max * height;
                let piece = egui::Rect::from_min_max(
                    egui::pos2(x + offset, top - h),
                    egui::pos2(x + offset + bar, top),
                );
                painter.rect_filled(piece, 0.0, colour(key));
                top -= h;
            }
            painter.text(
                egui::pos2(x + offset + bar / 2.0, top - 2.0),
                Align2::CENTER_BOTTOM,
                name,
                FontId::proportional(11.0),
                theme::TEXT,
            );
        }
        painter.text(
            egui::pos2(x + bar + 2.0, baseline + 3.0),
            Align2::CENTER_TOP,
            year.to_string(),
            FontId::proportional(12.0),
            theme::TEXT,
        );
    }
    ui.horizontal_wrapped(|ui| {
        let shown: std::collections::BTreeSet<&String> =
            stacks.values().flat_map(|by| by.keys()).collect();
        for key in shown {
            ui.label(RichText::new(format!("■ {key}")).color(colour(key)));
        }
        ui.label(
            RichText::new("barres : AE à gauche, CP à droite, empilées par délégant")
                .color(theme::MUTED),
        );
    });
}

fn money(cents: i64) -> Money {
    Money::from_cents(cents).unwrap_or(Money::ZERO)
}
