//! One convention of a portfolio: what the finance team reads of it, in
//! one row.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::code::{Programme, parse_uo};
use crate::model::{Draft, Money, Status};
use crate::rules::{Finding, Tally};

/// The AE and CP of one budget year of a convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearAmounts {
    /// The budget year.
    pub year: i32,
    /// Autorisations d'engagement of that year.
    pub ae: Money,
    /// Crédits de paiement of that year.
    pub cp: Money,
}

/// One convention, read from its draft and its findings: one row of the
/// portfolio's table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The draft's file.
    pub file: PathBuf,
    /// The délégant's full name (« Ministère de l'Europe et des Affaires
    /// étrangères »).
    pub delegant: String,
    /// The délégant's short name (« MEAE »).
    pub delegant_short: String,
    /// The beneficiary: the team or Startup d'État funded.
    pub beneficiary: String,
    /// The UO as written in the draft.
    pub uo: String,
    /// The UO's programme, when the UO is well formed.
    pub programme: Option<Programme>,
    /// The start of the period: the signature date.
    pub start: Option<NaiveDate>,
    /// The end of the period: the convention's last day.
    pub end: Option<NaiveDate>,
    /// The review status.
    pub status: Status,
    /// The sum of the AE of every year.
    pub total_ae: Money,
    /// The sum of the CP of every year.
    pub total_cp: Money,
    /// AE and CP year by year, in year order, one per year (two rows of one
    /// year, a fault the rules report, are added up).
    pub years: Vec<YearAmounts>,
    /// The number of errors the rules found.
    pub errors: usize,
    /// The number of warnings the rules found.
    pub warnings: usize,
}

impl Entry {
    /// The row of the draft read from `file`, whose rules found `findings`.
    pub fn new(file: &Path, draft: &Draft, findings: &[Finding]) -> Self {
        let mut years: Vec<YearAmounts> = Vec::new();
        for index in draft.budget.indices_by_year() {
            let row = &draft.budget.schedule[index];
            match years.last_mut() {
                Some(last) if last.year == row.year => {
                    last.ae = super::add(last.ae, row.ae);
                    last.cp = super::add(last.cp, row.cp);
                }
                _ => years.push(YearAmounts {
                    year: row.year,
                    ae: row.ae,
                    cp: row.cp,
                }),
            }
        }
        let tally = Tally::of(findings);
        Self {
            file: file.to_owned(),
            delegant: draft.delegant.name.trim().to_owned(),
            delegant_short: draft.delegant.short_name.trim().to_owned(),
            beneficiary: draft.object.beneficiary.trim().to_owned(),
            uo: draft.budget.uo.trim().to_owned(),
            programme: parse_uo(draft.budget.uo.trim()).ok().map(|uo| uo.programme),
            start: draft.signature.date,
            end: draft.end_date,
            status: draft.review.status,
            total_ae: draft.budget.total_ae(),
            total_cp: draft.budget.total_cp(),
            years,
            errors: tally.errors,
            warnings: tally.warnings,
        }
    }

    /// The name its totals are grouped under: the short name, else the
    /// full name, else « (délégant non renseigné) ».
    pub fn delegant_key(&self) -> &str {
        if !self.delegant_short.is_empty() {
            &self.delegant_short
        } else if !self.delegant.is_empty() {
            &self.delegant
        } else {
            NO_DELEGANT
        }
    }

    /// Days from `at` to the last day of the convention: 0 on that day,
    /// negative once it has ended; `None` without an end date.
    pub fn days_to_end(&self, at: NaiveDate) -> Option<i64> {
        self.end.map(|end| (end - at).num_days())
    }

    /// AE and CP of `year` (zero for a year it has no row for).
    pub fn year(&self, year: i32) -> YearAmounts {
        self.years
            .iter()
            .find(|amounts| amounts.year == year)
            .copied()
            .unwrap_or(YearAmounts {
                year,
                ae: Money::ZERO,
                cp: Money::ZERO,
            })
    }
}

/// The group of the conventions whose délégant has no name at all.
pub const NO_DELEGANT: &str = "(délégant non renseigné)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::YearRow;

    #[test]
    fn the_reference_reads_as_one_row() {
        let draft = crate::model::example();
        let findings = crate::rules::check(&draft);
        let entry = Entry::new(Path::new("ref.json"), &draft, &findings);
        assert_eq!(entry.delegant_key(), "MEAE");
        assert_eq!(
            entry.programme.map(|p| p.to_string()).as_deref(),
            Some("0105")
        );
        assert_eq!(entry.total_ae.cents(), 3_000_000);
        assert_eq!(entry.errors, 0);
        assert_eq!(entry.warnings, 1);
        let end = entry.end.expect("an end date");
        assert_eq!(entry.days_to_end(end), Some(0));
        assert_eq!(entry.days_to_end(end - chrono::Days::new(10)), Some(10));
        assert_eq!(entry.days_to_end(end + chrono::Days::new(1)), Some(-1));
    }

    #[test]
    fn rows_of_one_year_add_up_in_year_order() {
        let mut draft = crate::model::example();
        let money = |cents| Money::from_cents(cents).expect("small");
        draft.budget.schedule = vec![
            YearRow {
                year: 2024,
                ae: money(1),
                cp: money(2),
            },
            YearRow {
                year: 2023,
                ae: money(10),
                cp: money(20),
            },
            YearRow {
                year: 2024,
                ae: money(100),
                cp: money(200),
            },
        ];
        let entry = Entry::new(Path::new("x.json"), &draft, &[]);
        assert_eq!(
            entry.years,
            vec![
                YearAmounts {
                    year: 2023,
                    ae: money(10),
                    cp: money(20)
                },
                YearAmounts {
                    year: 2024,
                    ae: money(101),
                    cp: money(202)
                },
            ]
        );
        assert_eq!(entry.year(2025).ae, Money::ZERO);
    }
}
