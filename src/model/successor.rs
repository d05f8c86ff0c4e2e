//! « Nouvelle convention à partir de celle-ci »: next period's draft from a
//! previous convention, keeping who and what, clearing when and how much.

use std::ops::RangeInclusive;

use chrono::{Datelike, Months};

use super::{Budget, Draft, Money, Review, Signature, YearRow, date};

/// The draft for the period after an earlier convention, and that period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Successor {
    /// The new draft: unsaved, unreviewed, its amounts at zero.
    pub draft: Draft,
    /// The budget years of the new period (the years after the old end,
    /// as many as the old convention covered).
    pub years: RangeInclusive<i32>,
}

/// The most years a next convention gets: more than any delegation runs.
const MAX_YEARS: i32 = 10;

impl Successor {
    /// The convention that follows `old`. Kept: the parties, title, visas,
    /// object, commitments, UO and titre 2, Chorus references, RGPD matrix,
    /// notice and place of signature. Cleared: the date of signature, the
    /// amounts (each year at zero) and the review (status, history,
    /// remarks). The schedule moves to the years after the old end, as many
    /// as the old period had, and the end date moves by that many years.
    pub fn of(old: &Draft) -> Self {
        let (first, last) = old_years(old);
        // A period of one to MAX_YEARS years, within the plausible years
        // (a typo such as 20255 must not make thousands of rows).
        let count = (last - first + 1).clamp(1, MAX_YEARS);
        let start = (last + 1).min(*date::PLAUSIBLE_YEARS.end() - count + 1);
        let years = start..=start + count - 1;
        let shift = u32::try_from(count).unwrap_or(1).saturating_mul(12);
        let end_date = old
            .end_date
            .and_then(|end| end.checked_add_months(Months::new(shift)));
        let schedule = years
            .clone()
            .map(|year| YearRow {
                year,
                ae: Money::ZERO,
                cp: Money::ZERO,
            })
            .collect();
        let draft = Draft {
            signature: Signature {
                place: old.signature.place.clone(),
                date: None,
            },
            end_date,
            budget: Budget {
                schedule,
                ..old.budget.clone()
            },
            review: Review::default(),
            ..old.content()
        };
        // A new draft is written in this version of the format, whatever the
        // old one's content needed.
        let draft = Draft {
            format_version: crate::model::FORMAT_VERSION,
            ..draft
        };
        Self { draft, years }
    }
}

/// The first and last budget years of the old convention: its period
/// (signature to end) when both dates are there, else the span of its
/// schedule, else the year of whichever date it has; this year when it has
/// nothing.
fn old_years(old: &Draft) -> (i32, i32) {
    if let Some((first, last)) = old.period_years()
        && date::PLAUSIBLE_YEARS.contains(&first)
        && date::PLAUSIBLE_YEARS.contains(&last)
    {
        return (first, last);
    }
    let years = old
        .budget
        .schedule
        .iter()
        .map(|row| row.year)
        .filter(|year| date::PLAUSIBLE_YEARS.contains(year));
    if let (Some(first), Some(last)) = (years.clone().min(), years.max()) {
        return (first, last);
    }
    let year = old
        .end_date
        .or(old.signature.date)
        .map(|date| date.year())
        .filter(|year| date::PLAUSIBLE_YEARS.contains(year))
        .unwrap_or_else(|| chrono::Local::now().year());
    (year, year)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Comment, Status, Subject};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn euros(amount: i64) -> Money {
        Money::from_euros(amount).expect("small")
    }

    /// A convention of 2025–2027, signed, reviewed and commented.
    fn three_years() -> Draft {
        let mut old = crate::model::example();
        old.signature.date = Some(date(2025, 3, 14));
        old.end_date = Some(date(2027, 12, 31));
        old.budget.schedule = (2025..=2027)
            .map(|year| YearRow {
                year,
                ae: euros(100_000),
                cp: euros(90_000),
            })
            .collect();
        old.review.status = Status::Signe;
        old.review.comments.push(Comment {
            id: "c1".into(),
            about: Subject::Document,
            author: "Claire".into(),
            date: chrono::DateTime::UNIX_EPOCH,
            text: "Vu".into(),
            resolved: false,
            replies: Vec::new(),
        });
        old.schema = Some("https://example.org/schema.json".into());
        old
    }

    #[test]
    fn keeps_parties_uo_chorus_rgpd_and_commitments() {
        let old = three_years();
        let new = Successor::of(&old).draft;
        assert_eq!(new.delegant, old.delegant);
        assert_eq!(new.delegataire, old.delegataire);
        assert_eq!(new.visas, old.visas);
        assert_eq!(new.object, old.object);
        assert_eq!(new.commitments, old.commitments);
        assert_eq!(new.budget.uo, old.budget.uo);
        assert_eq!(new.budget.hors_titre_2, old.budget.hors_titre_2);
        assert_eq!(new.chorus, old.chorus);
        assert_eq!(new.rgpd_matrix, old.rgpd_matrix);
        assert_eq!(new.notice_months, old.notice_months);
        assert_eq!(new.signature.place, old.signature.place);
        assert_eq!(new.title, old.title);
    }

    #[test]
    fn clears_dates_amounts_and_review() {
        let new = Successor::of(&three_years()).draft;
        assert_eq!(new.signature.date, None);
        assert!(
            new.budget
                .schedule
                .iter()
                .all(|row| row.ae.is_zero() && row.cp.is_zero())
        );
        assert_eq!(new.review, Review::default());
        assert_eq!(new.schema, None);
        assert!(!new.is_signed());
    }

    #[test]
    fn shifts_the_schedule_to_the_years_after_the_old_end() {
        let successor = Successor::of(&three_years());
        assert_eq!(successor.years, 2028..=2030);
        let years: Vec<i32> = successor
            .draft
            .budget
            .schedule
            .iter()
            .map(|r| r.year)
            .collect();
        assert_eq!(years, [2028, 2029, 2030]);
        assert_eq!(successor.draft.end_date, Some(date(2030, 12, 31)));
    }

    #[test]
    fn a_typo_in_a_year_gives_a_bounded_period_in_this_format() {
        let mut old = crate::model::example();
        old.signature.date = None;
        old.end_date = None;
        old.budget.schedule[0].year = 20255;
        old.budget.schedule[1].year = i32::MIN;
        let next = Successor::of(&old);
        assert!(next.draft.budget.schedule.len() <= MAX_YEARS as usize);
        assert!(
            next.draft
                .budget
                .schedule
                .iter()
                .all(|row| date::PLAUSIBLE_YEARS.contains(&row.year))
        );
        assert_eq!(next.draft.format_version, crate::model::FORMAT_VERSION);
        let mut far = crate::model::example();
        far.signature.date = chrono::NaiveDate::from_ymd_opt(2099, 1, 1);
        far.end_date = chrono::NaiveDate::from_ymd_opt(2100, 12, 31);
        far.budget.schedule.clear();
        let next = Successor::of(&far);
        assert!(next.years.end() <= date::PLAUSIBLE_YEARS.end());
    }

    #[test]
    fn the_example_gives_next_year() {
        // Signed and ended in 2022: one year, whatever its zero row of 2023.
        let successor = Successor::of(&crate::model::example());
        assert_eq!(successor.years, 2023..=2023);
        assert_eq!(successor.draft.end_date, Some(date(2023, 12, 31)));
        assert_eq!(successor.draft.budget.schedule.len(), 1);
    }

    #[test]
    fn without_dates_the_schedule_gives_the_period() {
        let mut old = three_years();
        old.signature.date = None;
        old.end_date = None;
        let successor = Successor::of(&old);
        assert_eq!(successor.years, 2028..=2030);
        assert_eq!(successor.draft.end_date, None);
    }

    #[test]
    fn an_end_on_the_29th_of_february_stays_in_february() {
        let mut old = three_years();
        old.signature.date = Some(date(2024, 1, 10));
        old.end_date = Some(date(2024, 2, 29));
        let successor = Successor::of(&old);
        assert_eq!(successor.years, 2025..=2025);
        assert_eq!(successor.draft.end_date, Some(date(2025, 2, 28)));
    }
}
