//! Date rules: signature and end, their order, late signatures, notice.

use chrono::Datelike;

use super::{Emitter, blank};
use crate::model::{Draft, Field, date};

pub(super) fn signature_required(draft: &Draft, out: &mut Emitter<'_>) {
    if draft.signature.date.is_none() {
        out.error(
            Field::SignatureDate.path(),
            "Indiquez la date de signature : la convention prend effet ce jour-là.",
        );
    }
}

pub(super) fn place_required(draft: &Draft, out: &mut Emitter<'_>) {
    if blank(&draft.signature.place) {
        out.error(
            Field::SignaturePlace.path(),
            "Indiquez le lieu de signature (« Fait à … »).",
        );
    }
}

pub(super) fn end_required(draft: &Draft, out: &mut Emitter<'_>) {
    if draft.end_date.is_none() {
        out.error(
            Field::EndDate.path(),
            "Indiquez la date de fin de la convention (Article 7).",
        );
    }
}

pub(super) fn end_after_signature(draft: &Draft, out: &mut Emitter<'_>) {
    if let (Some(signed), Some(end)) = (draft.signature.date, draft.end_date)
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

pub(super) fn late_signature(draft: &Draft, out: &mut Emitter<'_>) {
    let Some(signed) = draft.signature.date else {
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

pub(super) fn notice(draft: &Draft, out: &mut Emitter<'_>) {
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
