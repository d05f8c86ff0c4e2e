//! What the « Portefeuille » view shows of a loaded portfolio: its filters,
//! its sort, and the rows that pass them. No drawing here.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::model::Status;
use crate::model::programmes::Catalogue;
use crate::portfolio::{Entry, Portfolio, Window};

/// A column the table can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The draft's file name.
    File,
    /// The délégant (its short name, else its name).
    Delegant,
    /// The beneficiary.
    Beneficiary,
    /// The UO's programme.
    Programme,
    /// The last day.
    End,
    /// The review status.
    Status,
    /// Total AE.
    Ae,
    /// Total CP.
    Cp,
    /// Errors, then warnings.
    Findings,
}

impl Column {
    /// Every sortable column, in the table's order.
    pub const ALL: [Column; 9] = [
        Column::File,
        Column::Delegant,
        Column::Beneficiary,
        Column::Programme,
        Column::End,
        Column::Status,
        Column::Ae,
        Column::Cp,
        Column::Findings,
    ];

    /// The column's heading.
    pub fn title(self) -> &'static str {
        match self {
            Column::File => "Fichier",
            Column::Delegant => "Délégant",
            Column::Beneficiary => "Bénéficiaire",
            Column::Programme => "Programme",
            Column::End => "Fin",
            Column::Status => "Statut",
            Column::Ae => "AE",
            Column::Cp => "CP",
            Column::Findings => "Constats",
        }
    }

    /// The column as a screen reader says it after « Trier par ».
    pub fn spoken(self) -> &'static str {
        match self {
            Column::File => "fichier",
            Column::Delegant => "délégant",
            Column::Beneficiary => "bénéficiaire",
            Column::Programme => "programme",
            Column::End => "date de fin",
            Column::Status => "statut",
            Column::Ae => "AE",
            Column::Cp => "CP",
            Column::Findings => "constats",
        }
    }

    fn compare(self, a: &Entry, b: &Entry) -> Ordering {
        match self {
            Column::File => a.file.file_name().cmp(&b.file.file_name()),
            Column::Delegant => a.delegant_key().cmp(b.delegant_key()),
            Column::Beneficiary => a.beneficiary.cmp(&b.beneficiary),
            Column::Programme => a.programme.cmp(&b.programme),
            Column::End => a.end.cmp(&b.end),
            Column::Status => status_rank(a.status).cmp(&status_rank(b.status)),
            Column::Ae => a.total_ae.cents().cmp(&b.total_ae.cents()),
            Column::Cp => a.total_cp.cents().cmp(&b.total_cp.cents()),
            Column::Findings => (a.errors, a.warnings).cmp(&(b.errors, b.warnings)),
        }
    }
}

fn status_rank(status: Status) -> usize {
    Status::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(usize::MAX)
}

/// A loaded portfolio and how the user looks at it.
pub struct PortfolioView {
    /// The folder it was read from.
    pub folder: PathBuf,
    /// The conventions read, the unreadable files, the skipped ones.
    pub portfolio: Portfolio,
    /// Only this délégant (its key, as the totals group it), or all.
    pub delegant: Option<String>,
    /// Only conventions with an amount in this year, or all.
    pub year: Option<i32>,
    /// Only this status, or all.
    pub status: Option<Status>,
    /// « Se termine dans » as typed (`6m`, `90j`); empty for no filter.
    pub ending_within: String,
    /// The column sorted by, and whether upward.
    pub sort: (Column, bool),
}

impl PortfolioView {
    /// The view of `portfolio`, read from `folder`, unfiltered, sorted by
    /// end date.
    pub fn new(folder: PathBuf, portfolio: Portfolio) -> Self {
        Self {
            folder,
            portfolio,
            delegant: None,
            year: None,
            status: None,
            ending_within: String::new(),
            sort: (Column::End, true),
        }
    }

    /// The délégants of the portfolio, as the totals group them.
    pub fn delegants(&self) -> Vec<String> {
        let keys: BTreeSet<&str> = self
            .portfolio
            .entries
            .iter()
            .map(Entry::delegant_key)
            .collect();
        keys.into_iter().map(str::to_owned).collect()
    }

    /// The window typed in « Se termine dans »: `Ok(None)` when empty.
    pub fn window(&self) -> Result<Option<Window>, String> {
        let text = self.ending_within.trim();
        if text.is_empty() {
            return Ok(None);
        }
        Window::parse(text).map(Some).map_err(|e| e.to_string())
    }

    /// Sorts by `column`; a second click on the same column turns the
    /// order round.
    pub fn sort_by(&mut self, column: Column) {
        self.sort = if self.sort.0 == column {
            (column, !self.sort.1)
        } else {
            (column, true)
        };
    }

    /// The rows that pass the filters, in the chosen order (a window that
    /// does not read filters nothing: its error is shown beside it).
    pub fn rows(&self) -> Vec<&Entry> {
        let at = self.portfolio.at;
        let last_day = self
            .window()
            .ok()
            .flatten()
            .map(|window| window.end_from(at));
        let mut rows: Vec<&Entry> = self
            .portfolio
            .entries
            .iter()
            .filter(|e| {
                self.delegant
                    .as_deref()
                    .is_none_or(|d| e.delegant_key() == d)
            })
            .filter(|e| self.year.is_none_or(|y| has_amounts_in(e, y)))
            .filter(|e| self.status.is_none_or(|s| e.status == s))
            .filter(|e| match last_day {
                None => true,
                Some(last_day) => e.end.is_some_and(|end| {
                    end >= at && last_day.is_none_or(|last_day| end <= last_day)
                }),
            })
            .collect();
        let (column, upward) = self.sort;
        rows.sort_by(|a, b| {
            let order = column.compare(a, b).then_with(|| a.file.cmp(&b.file));
            if upward { order } else { order.reverse() }
        });
        rows
    }
}

/// Whether `entry` has an AE or CP other than zero in `year` (a zero row
/// left in a schedule does not make a convention « of » that year).
fn has_amounts_in(entry: &Entry, year: i32) -> bool {
    entry
        .years
        .iter()
        .any(|row| row.year == year && !(row.ae.is_zero() && row.cp.is_zero()))
}

/// The programme of an entry in a short form: `0105 Action de la France…`.
pub fn programme_text(entry: &Entry) -> String {
    match entry.programme {
        None => String::new(),
        Some(number) => match Catalogue::built_in().programme(number) {
            Some(programme) => format!("{number} {}", programme.label),
            None => format!("{number} (inconnu)"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, Money, YearRow};
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Three drafts: the reference (MEAE, 2022), one of the Culture ending
    /// in March 2024, one of the Armées ending in 2026.
    fn view() -> (tempfile::TempDir, PortfolioView) {
        let folder = tempfile::tempdir().unwrap();
        let reference = model::example();
        model::save(&folder.path().join("a-meae.json"), &reference).unwrap();
        let mut culture = model::example();
        culture.delegant.name = "Ministère de la Culture".into();
        culture.delegant.short_name = "MC".into();
        culture.end_date = Some(date(2024, 3, 31));
        culture.budget.schedule = vec![YearRow {
            year: 2023,
            ae: Money::from_euros(80_000).unwrap(),
            cp: Money::from_euros(80_000).unwrap(),
        }];
        model::save(&folder.path().join("b-culture.json"), &culture).unwrap();
        let mut armees = model::example();
        armees.delegant.name = "Ministère des Armées".into();
        armees.delegant.short_name = "MINARM".into();
        armees.end_date = Some(date(2026, 12, 31));
        armees.review.status = Status::Signe;
        model::save(&folder.path().join("c-armees.json"), &armees).unwrap();
        let portfolio = Portfolio::load(&[folder.path()], date(2024, 1, 1));
        let view = PortfolioView::new(folder.path().to_owned(), portfolio);
        (folder, view)
    }

    fn names(rows: &[&Entry]) -> Vec<String> {
        rows.iter()
            .map(|e| e.file.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn filters_narrow_the_rows() {
        let (_folder, mut view) = view();
        assert_eq!(view.rows().len(), 3);
        assert_eq!(view.delegants(), ["MC", "MEAE", "MINARM"]);
        view.delegant = Some("MC".into());
        assert_eq!(names(&view.rows()), ["b-culture.json"]);
        view.delegant = None;
        view.year = Some(2023);
        assert_eq!(names(&view.rows()), ["b-culture.json"]);
        view.year = None;
        view.status = Some(Status::Signe);
        assert_eq!(names(&view.rows()), ["c-armees.json"]);
        view.status = None;
        view.ending_within = "6m".into();
        assert_eq!(names(&view.rows()), ["b-culture.json"]);
        view.ending_within = "3a".into();
        assert_eq!(names(&view.rows()), ["b-culture.json", "c-armees.json"]);
        view.ending_within = "bientôt".into();
        assert!(view.window().is_err());
        assert_eq!(view.rows().len(), 3);
    }

    #[test]
    fn sorting_twice_turns_the_order_round() {
        let (_folder, mut view) = view();
        view.sort_by(Column::Ae);
        assert_eq!(names(&view.rows())[0], "a-meae.json");
        view.sort_by(Column::Ae);
        assert_eq!(names(&view.rows())[0], "b-culture.json");
        view.sort_by(Column::Delegant);
        assert_eq!(
            names(&view.rows()),
            ["b-culture.json", "a-meae.json", "c-armees.json"]
        );
    }

    #[test]
    fn programmes_are_named() {
        let (_folder, view) = view();
        let entry = &view.portfolio.entries[0];
        assert_eq!(
            programme_text(entry),
            "0105 Action de la France en Europe et dans le monde"
        );
    }
}
