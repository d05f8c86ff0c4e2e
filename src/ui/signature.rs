//! Step « Durée et signature »: end date, notice, place and date of
//! signature.

use chrono::{Datelike, NaiveDate};
use eframe::egui::{self, RichText, Ui};

use super::{Form, theme};
use crate::document::context::months_in_words;
use crate::model::{Draft, Field};

/// Edits the duration and the signature.
pub fn signature_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.label(RichText::new("Signature").heading().color(theme::ACCENT));
    form.text(
        ui,
        "Lieu de signature",
        "",
        Field::SignaturePlace.path(),
        &mut draft.signature.place,
        "Paris",
    );
    form.date(
        ui,
        "Date de signature",
        Field::SignatureDate.path(),
        &mut draft.signature.date,
    );
    ui.label(RichText::new("La convention prend effet à sa signature.").color(theme::MUTED));

    ui.add_space(10.0);
    ui.label(RichText::new("Durée").heading().color(theme::ACCENT));
    form.date(
        ui,
        "Date de fin",
        Field::EndDate.path(),
        &mut draft.end_date,
    );
    if let Some(signed) = draft.signature.date {
        let end_of_year = NaiveDate::from_ymd_opt(signed.year(), 12, 31);
        if end_of_year.is_some() && draft.end_date != end_of_year {
            let text = format!("Fin au 31 décembre {}", signed.year());
            if ui.button(text).clicked() {
                draft.end_date = end_of_year;
            }
        }
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Préavis de résiliation (mois)");
        form.comment_button(ui, Field::NoticeMonths.path());
    });
    ui.horizontal(|ui| {
        let response = ui
            .add(
                egui::DragValue::new(&mut draft.notice_months)
                    .range(0..=36)
                    .speed(0.1),
            )
            .accessible_name("Préavis de résiliation (mois)");
        form.claim_focus(&response, Field::NoticeMonths.path());
        ui.label(
            RichText::new(format!(
                "« un préavis de {} »",
                months_in_words(draft.notice_months)
            ))
            .color(theme::MUTED),
        );
    });
    form.messages(ui, Field::NoticeMonths.path());
}
