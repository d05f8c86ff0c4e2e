//! A portfolio: many conventions read at once, with what could not be read.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::{Entry, Inputs, Loaded, Skipped, Totals, Unreadable, Window};
use crate::model::code::Programme;

/// Conventions read from files, folders and patterns, seen from one date:
/// a row each, and the files that gave none.
#[derive(Debug)]
pub struct Portfolio {
    /// The date days to the end and « ends within » count from (today, or
    /// `--at`).
    pub at: NaiveDate,
    /// One row per draft read, in the order found (the app sorts its own).
    /// Drafts with errors are in, with their counts: their amounts count in
    /// the totals.
    pub entries: Vec<Entry>,
    /// The paths that gave no draft, each with its reason in French
    /// (`Display` gives path and reason: « x.json: le fichier est vide »).
    pub unreadable: Vec<Unreadable>,
    /// The JSON files found in folders that are not drafts.
    pub skipped: Vec<Skipped>,
}

impl Portfolio {
    /// Reads every draft that `paths` give (files, folders searched
    /// recursively, patterns: see [`Inputs::expand`]), runs the rules on
    /// each and keeps its row; a draft is dropped once its row is made, so
    /// memory grows with the rows, not the drafts.
    pub fn load(paths: &[impl AsRef<Path>], at: NaiveDate) -> Self {
        Self::from_inputs(Inputs::expand(paths), at)
    }

    /// Like [`Portfolio::load`], from inputs already expanded.
    pub fn from_inputs(inputs: Inputs, at: NaiveDate) -> Self {
        let mut portfolio = Portfolio {
            at,
            entries: Vec::new(),
            unreadable: Vec::new(),
            skipped: Vec::new(),
        };
        for loaded in inputs.load() {
            match loaded {
                Loaded::Draft { path, draft } => {
                    let findings = crate::rules::check(&draft);
                    portfolio.entries.push(Entry::new(&path, &draft, &findings));
                }
                Loaded::Unreadable(problem) => portfolio.unreadable.push(problem),
                Loaded::Skipped(skipped) => portfolio.skipped.push(skipped),
            }
        }
        portfolio
    }

    /// Every budget year any convention has a row for, in order.
    pub fn years(&self) -> Vec<i32> {
        self.by_year().into_keys().collect()
    }

    /// The whole portfolio's AE and CP.
    pub fn total(&self) -> Totals {
        Totals::of(&self.entries)
    }

    /// Totals per budget year ([`Totals::by_year`]).
    pub fn by_year(&self) -> BTreeMap<i32, Totals> {
        Totals::by_year(&self.entries)
    }

    /// Totals per délégant ([`Totals::by_delegant`]).
    pub fn by_delegant(&self) -> BTreeMap<String, Totals> {
        Totals::by_delegant(&self.entries)
    }

    /// Totals per programme ([`Totals::by_programme`]).
    pub fn by_programme(&self) -> BTreeMap<Option<Programme>, Totals> {
        Totals::by_programme(&self.entries)
    }

    /// Totals per programme, each named by its number, or « (UO illisible) »
    /// for the conventions whose UO gives none: the rows of a table.
    pub fn by_programme_named(&self) -> Vec<(String, Totals)> {
        self.by_programme()
            .into_iter()
            .map(|(programme, totals)| {
                (
                    programme.map_or_else(|| "(UO illisible)".to_owned(), |p| p.to_string()),
                    totals,
                )
            })
            .collect()
    }

    /// The conventions whose last day falls within `window` from
    /// [`Portfolio::at`] (from `at` itself to the window's last day, both
    /// included), soonest first. Those already ended are not in.
    pub fn ending_within(&self, window: Window) -> Vec<&Entry> {
        let Some(last) = window.end_from(self.at) else {
            return Vec::new();
        };
        let mut ending: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|entry| entry.end.is_some_and(|end| self.at <= end && end <= last))
            .collect();
        ending.sort_by_key(|entry| entry.end);
        ending
    }

    /// How many drafts have at least one error.
    pub fn with_errors(&self) -> usize {
        self.entries.iter().filter(|entry| entry.errors > 0).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, YearRow};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn entry(name: &str, short: &str, end: &str, rows: &[(i32, i64, i64)]) -> Entry {
        let mut draft = crate::model::example();
        draft.delegant.short_name = short.to_owned();
        if short.is_empty() {
            draft.delegant.name.clear();
        }
        draft.end_date = Some(day(end));
        draft.budget.schedule = rows
            .iter()
            .map(|&(year, ae, cp)| YearRow {
                year,
                ae: Money::from_cents(ae).expect("small"),
                cp: Money::from_cents(cp).expect("small"),
            })
            .collect();
        Entry::new(Path::new(name), &draft, &[])
    }

    #[test]
    fn totals_are_exact_and_ending_soon_takes_both_edges() {
        let portfolio = Portfolio {
            at: day("2024-06-01"),
            entries: vec![
                entry("a", "MEAE", "2024-06-01", &[(2023, 10, 1), (2024, 1, 10)]),
                entry("b", "MC", "2024-12-01", &[(2024, 5, 5)]),
                entry("c", "MEAE", "2024-12-02", &[(2024, 7, 3)]),
                entry("d", "", "2024-05-31", &[(2022, 2, 2)]),
            ],
            unreadable: Vec::new(),
            skipped: Vec::new(),
        };
        let cents = |t: &Totals| (t.conventions, t.ae.cents(), t.cp.cents());
        let years: Vec<(i32, (usize, i64, i64))> = portfolio
            .by_year()
            .iter()
            .map(|(year, t)| (*year, cents(t)))
            .collect();
        assert_eq!(
            years,
            [(2022, (1, 2, 2)), (2023, (1, 10, 1)), (2024, (3, 13, 18))]
        );
        let delegants: Vec<(String, (usize, i64, i64))> = portfolio
            .by_delegant()
            .iter()
            .map(|(name, t)| (name.clone(), cents(t)))
            .collect();
        assert_eq!(
            delegants,
            [
                ("(délégant non renseigné)".to_owned(), (1, 2, 2)),
                ("MC".to_owned(), (1, 5, 5)),
                ("MEAE".to_owned(), (2, 18, 14)),
            ]
        );
        assert_eq!(cents(&portfolio.total()), (4, 25, 21));
        let ending: Vec<&str> = portfolio
            .ending_within(Window::Months(6))
            .iter()
            .map(|e| e.file.to_str().expect("utf-8"))
            .collect();
        assert_eq!(ending, ["a", "b"]);
        assert_eq!(portfolio.years(), [2022, 2023, 2024]);
    }
}
