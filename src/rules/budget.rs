//! Budget rules: amounts, the AE/CP schedule, the period of the convention.

use super::Emitter;
use crate::model::{Draft, Field, Money};

/// The amount under which the DINUM rarely signs a convention.
const USUAL_MINIMUM_EUROS: i64 = 50_000;

/// The total above which an amount is a typing mistake: 10 milliards
/// d'euros (10¹⁰ €), more than a whole ministry's operating budget is ever
/// delegated by one convention.
pub const PLAUSIBLE_MAXIMUM_EUROS: i64 = 10_000_000_000;

pub(super) fn plausible_total(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (field, name, total) in [
        (Field::ScheduleAe, "AE", draft.budget.total_ae()),
        (Field::ScheduleCp, "CP", draft.budget.total_cp()),
    ] {
        if total.cents() <= PLAUSIBLE_MAXIMUM_EUROS * 100 {
            continue;
        }
        // The row that weighs most is the likeliest typo.
        let row = draft
            .budget
            .schedule
            .iter()
            .enumerate()
            .max_by_key(|(_, row)| if name == "AE" { row.ae } else { row.cp })
            .map_or(0, |(index, _)| index);
        out.error(
            field.at(row),
            format!(
                "Le total des {name} ({}) dépasse 10 milliards d'euros : ce montant n'est pas plausible pour une convention de délégation de gestion. Vérifiez les zéros et la virgule.",
                total.to_french()
            ),
        );
    }
}

pub(super) fn negative_amount(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, row) in draft.budget.schedule.iter().enumerate() {
        // Autorisations (feminine), crédits (masculine).
        for (field, name, negative, amount) in [
            (Field::ScheduleAe, "AE", "négatives", row.ae),
            (Field::ScheduleCp, "CP", "négatifs", row.cp),
        ] {
            if amount.is_negative() {
                out.error(
                    field.at(index),
                    format!(
                        "Les {name} de {} sont {negative} ({}) : un montant mis à disposition est positif ou nul.",
                        row.year,
                        amount.to_french()
                    ),
                );
            }
        }
    }
}

pub(super) fn duplicate_year(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let schedule = &draft.budget.schedule;
    for (index, row) in schedule.iter().enumerate() {
        if let Some(first) = schedule[..index].iter().position(|r| r.year == row.year) {
            out.error(
                Field::ScheduleYear.at(index),
                format!(
                    "L'année {} figure deux fois dans l'échéancier (lignes {} et {}) : regroupez les montants sur une seule ligne.",
                    row.year,
                    first + 1,
                    index + 1
                ),
            );
        }
    }
}

pub(super) fn total_ae_positive(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if draft.budget.schedule.is_empty() {
        out.error(
            Field::Schedule.path(),
            "L'échéancier est vide : ajoutez au moins une année avec ses AE et ses CP.",
        );
    } else if draft.budget.total_ae().cents() <= 0 {
        let total = draft.budget.total_ae();
        let state = if total.cents() == 0 {
            "est nul".to_owned()
        } else {
            format!("est négatif ({})", total.to_french())
        };
        out.error(
            Field::ScheduleAe.at(0),
            format!(
                "Le total des AE {state} : la convention doit mettre des crédits à disposition."
            ),
        );
    }
}

/// One finding, at the first year whose cumulative CP pass the cumulative
/// AE: one amount too many there keeps the later years over too, and the
/// message names them rather than repeat itself for each.
pub(super) fn cp_within_ae(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let over: Vec<_> = draft
        .budget
        .cumulative()
        .into_iter()
        .filter(|step| step.cp > step.ae)
        .collect();
    let Some((first, later)) = over.split_first() else {
        return;
    };
    let mut later_years: Vec<i32> = later.iter().map(|step| step.year).collect();
    later_years.dedup();
    let also = match later_years.as_slice() {
        [] => String::new(),
        [one] => format!(" ; c'est encore le cas fin {one}"),
        [rest @ .., last] => format!(
            " ; c'est encore le cas fin {} et fin {last}",
            rest.iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", fin ")
        ),
    };
    out.error(
        Field::ScheduleCp.at(first.index),
        format!(
            "Fin {} : les CP cumulés ({}) dépassent les AE cumulées ({}){also}. On ne peut payer que ce qui a été engagé : réduisez les CP ou avancez des AE.",
            first.year,
            first.cp.to_french(),
            first.ae.to_french()
        ),
    );
}

pub(super) fn cp_below_ae(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let (ae, cp) = (draft.budget.total_ae(), draft.budget.total_cp());
    if cp < ae && !draft.budget.schedule.is_empty() {
        let left = Money::from_cents(ae.cents() - cp.cents()).unwrap_or(ae);
        let (committed, would_remain) = if left.takes_plural() {
            ("engagés", "resteraient")
        } else {
            ("engagé", "resterait")
        };
        out.warning(
            Field::Schedule.path(),
            format!(
                "Le total des CP ({}) est inférieur au total des AE ({}) : {} {committed} {would_remain} à payer après la fin de l'échéancier.",
                cp.to_french(),
                ae.to_french(),
                left.to_french()
            ),
        );
    }
}

pub(super) fn year_outside_period(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let Some((first, last)) = draft.period_years() else {
        return;
    };
    // An end on or before the signature is one mistake, which
    // `dates.end-after-signature` reports: the period it gives means
    // nothing, and the years are not held against it.
    if let (Some(signed), Some(end)) = (draft.signature.date, draft.end_date)
        && end <= signed
    {
        return;
    }
    for (index, row) in draft.budget.schedule.iter().enumerate() {
        if (first..=last).contains(&row.year) {
            continue;
        }
        let period = if first == last {
            format!("l'année {first}")
        } else {
            format!("les années {first} à {last}")
        };
        if row.ae.is_zero() && row.cp.is_zero() {
            out.warning(
                Field::ScheduleYear.at(index),
                format!(
                    "L'année {} est hors de la période de la convention ({period}) ; sa ligne est à zéro : supprimez-la.",
                    row.year
                ),
            );
        } else {
            out.error(
                Field::ScheduleYear.at(index),
                format!(
                    "Des crédits sont prévus en {} alors que la convention couvre {period} : les crédits sont annuels, déplacez ces montants ou changez les dates.",
                    row.year
                ),
            );
        }
    }
}

pub(super) fn titre_2(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if draft.budget.hors_titre_2 {
        return;
    }
    for (index, row) in draft.budget.schedule.iter().enumerate() {
        if row.ae != row.cp {
            out.error(
                Field::ScheduleCp.at(index),
                format!(
                    "En {}, AE ({}) et CP ({}) diffèrent : pour des crédits de titre 2 (personnel), AE et CP sont égaux.",
                    row.year,
                    row.ae.to_french(),
                    row.cp.to_french()
                ),
            );
        }
    }
}

pub(super) fn small_total(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let total = draft.budget.total_ae();
    if total.cents() > 0 && total.whole_euros() < USUAL_MINIMUM_EUROS {
        out.info(
            Field::Schedule.path(),
            format!(
                "Le total des AE ({}) est sous 50 000 € : la DINUM signe rarement une convention de ce montant.",
                total.to_french()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity;
    use super::super::test_support::*;
    use crate::model::{Draft, Money, YearRow};
    use proptest::prelude::*;

    fn row(year: i32, ae: i64, cp: i64) -> YearRow {
        YearRow {
            year,
            ae: Money::from_euros(ae).expect("small"),
            cp: Money::from_euros(cp).expect("small"),
        }
    }

    /// The reference, signed in 2022 and ending in 2024, with this schedule.
    fn with_schedule(rows: Vec<YearRow>) -> Draft {
        let mut draft = reference();
        draft.end_date = chrono::NaiveDate::from_ymd_opt(2024, 12, 31);
        draft.budget.schedule = rows;
        draft
    }

    #[test]
    fn negative_amounts() {
        let draft = with_schedule(vec![row(2022, 60_000, -1)]);
        assert_eq!(
            fired(&draft, "budget.negative-amount"),
            [error("budget.schedule[0].cp")]
        );
        assert!(fired(&reference(), "budget.negative-amount").is_empty());
    }

    #[test]
    fn duplicate_years() {
        let draft = with_schedule(vec![
            row(2022, 60_000, 0),
            row(2023, 0, 30_000),
            row(2022, 1, 1),
        ]);
        assert_eq!(
            fired(&draft, "budget.duplicate-year"),
            [error("budget.schedule[2].year")]
        );
        assert!(fired(&reference(), "budget.duplicate-year").is_empty());
    }

    #[test]
    fn total_ae() {
        assert_eq!(
            fired(&with_schedule(vec![]), "budget.total-ae"),
            [error("budget.schedule")]
        );
        assert_eq!(
            fired(&with_schedule(vec![row(2022, 0, 0)]), "budget.total-ae"),
            [error("budget.schedule[0].ae")]
        );
        assert!(fired(&reference(), "budget.total-ae").is_empty());
    }

    #[test]
    fn cumulative_cp_may_not_pass_cumulative_ae() {
        let draft = with_schedule(vec![row(2023, 0, 40_000), row(2022, 60_000, 30_000)]);
        assert_eq!(
            fired(&draft, "budget.cp-exceeds-ae"),
            [error("budget.schedule[0].cp")]
        );
        // One CP typed ten times too big in 2022: one finding, at 2022,
        // naming the later years it keeps over.
        let typo = with_schedule(vec![
            row(2022, 30_000, 300_000),
            row(2023, 30_000, 30_000),
            row(2024, 30_000, 30_000),
        ]);
        let findings: Vec<_> = crate::rules::check(&typo)
            .into_iter()
            .filter(|f| f.rule == "budget.cp-exceeds-ae")
            .collect();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].path.to_string(), "budget.schedule[0].cp");
        assert!(
            findings[0]
                .message
                .starts_with("Fin 2022 : les CP cumulés (300\u{202f}000\u{a0}€) dépassent les AE cumulées (30\u{202f}000\u{a0}€) ; c'est encore le cas fin 2023 et fin 2024. "),
            "{}",
            findings[0].message
        );
        // Paying later than committing is sound.
        let later = with_schedule(vec![row(2022, 60_000, 20_000), row(2023, 0, 40_000)]);
        assert!(fired(&later, "budget.cp-exceeds-ae").is_empty());
        assert!(fired(&reference(), "budget.cp-exceeds-ae").is_empty());
    }

    #[test]
    fn cp_below_ae_is_a_warning() {
        let draft = with_schedule(vec![row(2022, 60_000, 50_000)]);
        assert_eq!(
            fired(&draft, "budget.cp-below-ae"),
            [warning("budget.schedule")]
        );
        // « 1 € engagé resterait », « 2 € engagés resteraient ».
        let said = |ae: i64, cp: i64| {
            let draft = with_schedule(vec![YearRow {
                year: 2022,
                ae: Money::from_cents(ae).expect("small"),
                cp: Money::from_cents(cp).expect("small"),
            }]);
            crate::rules::check(&draft)
                .into_iter()
                .find(|f| f.rule == "budget.cp-below-ae")
                .map(|f| f.message)
                .unwrap_or_default()
        };
        let one = said(6_000_000, 5_999_900);
        assert!(
            one.contains(" : 1\u{a0}€ engagé resterait à payer"),
            "{one}"
        );
        let half = said(6_000_000, 5_999_950);
        assert!(
            half.contains(" : 0,50\u{a0}€ engagé resterait à payer"),
            "{half}"
        );
        let two = said(6_000_000, 5_999_800);
        assert!(
            two.contains(" : 2\u{a0}€ engagés resteraient à payer"),
            "{two}"
        );
        assert!(fired(&reference(), "budget.cp-below-ae").is_empty());
    }

    #[test]
    fn years_outside_the_period() {
        let draft = with_schedule(vec![
            row(2021, 10, 10),
            row(2022, 60_000, 60_000),
            row(2025, 0, 0),
        ]);
        assert_eq!(
            fired(&draft, "budget.year-outside-period"),
            [
                error("budget.schedule[0].year"),
                warning("budget.schedule[2].year")
            ]
        );
        let mut undated = draft.clone();
        undated.signature.date = None;
        assert!(fired(&undated, "budget.year-outside-period").is_empty());
        // An end before the signature, in its year: the dates are wrong
        // (`dates.end-after-signature`), not the years of the schedule.
        let mut backwards = with_schedule(vec![
            row(2022, 60_000, 0),
            row(2023, 0, 30_000),
            row(2024, 0, 30_000),
        ]);
        backwards.end_date = chrono::NaiveDate::from_ymd_opt(2022, 1, 31);
        assert!(fired(&backwards, "budget.year-outside-period").is_empty());
        assert_eq!(
            fired(&backwards, "dates.end-after-signature"),
            [error("end_date")]
        );
        let inside = with_schedule(vec![row(2022, 60_000, 0), row(2024, 0, 60_000)]);
        assert!(fired(&inside, "budget.year-outside-period").is_empty());
    }

    #[test]
    fn titre_2_needs_equal_ae_and_cp() {
        let mut draft = with_schedule(vec![row(2022, 60_000, 60_000), row(2023, 0, 10)]);
        assert!(fired(&draft, "budget.titre-2").is_empty());
        draft.budget.hors_titre_2 = false;
        assert_eq!(
            fired(&draft, "budget.titre-2"),
            [error("budget.schedule[1].cp")]
        );
    }

    #[test]
    fn totals_over_ten_billion_euros_are_errors() {
        let cap = super::PLAUSIBLE_MAXIMUM_EUROS;
        let at_cap = with_schedule(vec![
            row(2022, cap / 2, cap / 2),
            row(2023, cap / 2, cap / 2),
        ]);
        assert!(fired(&at_cap, "budget.total-cap").is_empty());
        let over = with_schedule(vec![row(2022, cap / 2, cap / 2), row(2023, cap / 2 + 1, 1)]);
        assert_eq!(
            fired(&over, "budget.total-cap"),
            [error("budget.schedule[1].ae")]
        );
        let twenty_years: Vec<YearRow> = (2022..2042)
            .map(|year| YearRow {
                year,
                ae: Money::from_cents(99_999_999_999_999).expect("under the type's limit"),
                cp: Money::from_cents(99_999_999_999_999).expect("under the type's limit"),
            })
            .collect();
        let findings = fired(&with_schedule(twenty_years), "budget.total-cap");
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert!(fired(&reference(), "budget.total-cap").is_empty());
    }

    #[test]
    fn small_totals_are_noted() {
        let big = with_schedule(vec![row(2022, 50_000, 50_000)]);
        assert!(fired(&big, "budget.small-total").is_empty());
        assert_eq!(
            fired(&reference(), "budget.small-total"),
            [(Severity::Info, "budget.schedule".to_owned())]
        );
    }

    proptest! {
        /// The cumulative rule fires once exactly when some prefix (in year
        /// order) pays more than it commits.
        #[test]
        fn cp_rule_matches_its_definition(
            rows in proptest::collection::vec((2022i32..2025, 0i64..1_000_000, 0i64..1_000_000), 0..6)
        ) {
            let schedule: Vec<YearRow> = rows.iter().map(|&(y, ae, cp)| YearRow {
                year: y,
                ae: Money::from_cents(ae).expect("small"),
                cp: Money::from_cents(cp).expect("small"),
            }).collect();
            let draft = with_schedule(schedule);
            let mut sorted = rows.clone();
            sorted.sort_by_key(|r| r.0);
            let mut expected = 0;
            let (mut ae, mut cp) = (0, 0);
            for (_, a, c) in &sorted {
                ae += a;
                cp += c;
                if cp > ae { expected = 1; }
            }
            prop_assert_eq!(fired(&draft, "budget.cp-exceeds-ae").len(), expected);
        }

        /// Schedules that pay exactly what they commit each year, inside the
        /// period, with distinct years and at least 50 000 €, raise nothing.
        #[test]
        fn balanced_schedules_are_clean(amounts in proptest::collection::vec(0i64..1_000_000_000, 1..4)) {
            let schedule: Vec<YearRow> = amounts.iter().enumerate().map(|(i, &c)| YearRow {
                year: 2022 + i as i32,
                ae: Money::from_cents(c + 5_000_000).expect("small"),
                cp: Money::from_cents(c + 5_000_000).expect("small"),
            }).collect();
            let draft = with_schedule(schedule);
            let budget_findings: Vec<_> = crate::rules::check(&draft)
                .into_iter()
                .filter(|f| f.rule.starts_with("budget."))
                .collect();
            prop_assert!(budget_findings.is_empty(), "{:?}", budget_findings);
        }
    }
}
