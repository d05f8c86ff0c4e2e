//! Date rules: signature and end, their order, late signatures, notice.

use chrono::Datelike;

use super::{Emitter, blank};
use crate::model::{Draft, Field, date};

pub(super) fn signature_required(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if draft.signature.date.is_none() {
        out.error(
            Field::SignatureDate.path(),
            "Indiquez la date de signature : la convention prend effet ce jour-là.",
        );
    }
}

pub(super) fn place_required(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if blank(&draft.signature.place) {
        out.error(
            Field::SignaturePlace.path(),
            "Indiquez le lieu de signature (« Fait à … »).",
        );
    }
}

pub(super) fn end_required(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if draft.end_date.is_none() {
        out.error(
            Field::EndDate.path(),
            "Indiquez la date de fin de la convention (Article 7).",
        );
    }
}

pub(super) fn plausible_years(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (field, what, day) in [
        (Field::SignatureDate, "de signature", draft.signature.date),
        (Field::EndDate, "de fin", draft.end_date),
    ] {
        if let Some(day) = day
            && !date::plausible(day)
        {
            out.error(
                field.path(),
                format!(
                    "La date {what} « {} » est en l'an {} : une convention se date entre {} et {}. Vérifiez l'année.",
                    day.format("%Y-%m-%d"),
                    day.year(),
                    date::PLAUSIBLE_YEARS.start(),
                    date::PLAUSIBLE_YEARS.end()
                ),
            );
        }
    }
}

/// The signature and end dates, when both are given and plausible (an
/// implausible one has its own error and is not quoted elsewhere).
fn plausible_dates(draft: &Draft) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let (signed, end) = (draft.signature.date?, draft.end_date?);
    (date::plausible(signed) && date::plausible(end)).then_some((signed, end))
}

pub(super) fn end_after_signature(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if let Some((signed, end)) = plausible_dates(draft)
        && end <= signed
    {
        out.error(
            Field::EndDate.path(),
            format!(
                "La convention se termine le {} mais n'est signée que le {} : la fin doit venir après la signature.",
                date::french_long(end),
                date::french_long(signed)
            ),
        );
    }
}

pub(super) fn late_signature(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let Some(signed) = draft.signature.date.filter(|day| date::plausible(*day)) else {
        return;
    };
    let paid_that_year = draft
        .budget
        .schedule
        .iter()
        .any(|row| row.year == signed.year() && !row.cp.is_zero());
    if paid_that_year && (signed.month(), signed.day()) > (11, 30) {
        out.warning(
            Field::SignatureDate.path(),
            format!(
                "Signée le {}, la convention prévoit des CP en {} : après le 30 novembre, aucun nouveau paiement n'est fait dans l'année. Reportez ces CP sur l'année suivante.",
                date::french_long(signed),
                signed.year()
            ),
        );
    }
}

pub(super) fn notice(draft: &Draft, out: &mut Emitter<'_, '_>) {
    match draft.notice_months {
        0 => out.error(
            Field::NoticeMonths.path(),
            "Le préavis de résiliation est de zéro mois : indiquez une durée (trois mois d'usage).",
        ),
        1..=12 => {}
        months => out.warning(
            Field::NoticeMonths.path(),
            format!("Un préavis de {months} mois est inhabituel (trois mois d'usage) : vérifiez la durée."),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_are_required() {
        let mut draft = reference();
        draft.signature.date = None;
        draft.end_date = None;
        draft.signature.place.clear();
        assert_eq!(
            fired(&draft, "dates.signature-required"),
            [error("signature.date")]
        );
        assert_eq!(fired(&draft, "dates.end-required"), [error("end_date")]);
        assert_eq!(
            fired(&draft, "dates.place-required"),
            [error("signature.place")]
        );
        for id in [
            "dates.signature-required",
            "dates.end-required",
            "dates.place-required",
        ] {
            assert!(fired(&reference(), id).is_empty());
        }
    }

    #[test]
    fn the_end_comes_after_the_signature() {
        let mut draft = reference();
        draft.end_date = day(2022, 5, 19);
        assert_eq!(
            fired(&draft, "dates.end-after-signature"),
            [error("end_date")]
        );
        draft.end_date = day(2021, 12, 31);
        assert_eq!(
            fired(&draft, "dates.end-after-signature"),
            [error("end_date")]
        );
        assert!(fired(&reference(), "dates.end-after-signature").is_empty());
    }

    #[test]
    fn years_outside_2000_2100_are_errors_and_quoted_nowhere_else() {
        let mut draft = reference();
        draft.signature.date = day(0, 5, 19);
        draft.end_date = day(2101, 1, 1);
        assert_eq!(
            fired(&draft, "dates.plausible-year"),
            [error("signature.date"), error("end_date")]
        );
        let findings = crate::rules::check(&draft);
        let said: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert!(
            said.iter()
                .any(|m| m.contains("« 0000-05-19 » est en l'an 0")),
            "{said:?}"
        );
        for message in &said {
            assert!(!message.contains("mai 0"), "{message}");
            assert!(!message.contains("années 0"), "{message}");
        }
        draft.signature.date = day(2000, 1, 1);
        draft.end_date = day(2100, 12, 31);
        assert!(fired(&draft, "dates.plausible-year").is_empty());
        assert!(fired(&reference(), "dates.plausible-year").is_empty());
    }

    #[test]
    fn late_signatures_with_payments_that_year() {
        let mut draft = reference();
        draft.signature.date = day(2022, 12, 5);
        assert_eq!(
            fired(&draft, "dates.late-signature"),
            [warning("signature.date")]
        );
        draft.signature.date = day(2022, 11, 30);
        assert!(fired(&draft, "dates.late-signature").is_empty());
    }

    #[test]
    fn notice_length() {
        let mut draft = reference();
        draft.notice_months = 0;
        assert_eq!(fired(&draft, "dates.notice"), [error("notice_months")]);
        draft.notice_months = 24;
        assert_eq!(fired(&draft, "dates.notice"), [warning("notice_months")]);
        assert!(fired(&reference(), "dates.notice").is_empty());
    }
}
