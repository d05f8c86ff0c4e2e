//! Sums of AE and CP over conventions, exact to the cent: per year, per
//! délégant, per programme.

use std::collections::BTreeMap;

use super::Entry;
use crate::model::Money;
use crate::model::code::Programme;

/// What a group of conventions adds up to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// How many conventions count in it (for a year: those with a row for
    /// that year).
    pub conventions: usize,
    /// The sum of their AE.
    pub ae: Money,
    /// The sum of their CP.
    pub cp: Money,
}

impl Totals {
    fn add(&mut self, ae: Money, cp: Money) {
        self.conventions += 1;
        self.ae = super::add(self.ae, ae);
        self.cp = super::add(self.cp, cp);
    }

    /// The whole of `entries`.
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Totals {
        let mut totals = Totals::default();
        for entry in entries {
            totals.add(entry.total_ae, entry.total_cp);
        }
        totals
    }

    /// Per budget year, in year order: each convention's AE and CP of that
    /// year.
    pub fn by_year<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> BTreeMap<i32, Totals> {
        let mut groups: BTreeMap<i32, Totals> = BTreeMap::new();
        for entry in entries {
            for amounts in &entry.years {
                groups
                    .entry(amounts.year)
                    .or_default()
                    .add(amounts.ae, amounts.cp);
            }
        }
        groups
    }

    /// Per délégant ([`Entry::delegant_key`]), in name order: each
    /// convention's total AE and CP.
    pub fn by_delegant<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
    ) -> BTreeMap<String, Totals> {
        let mut groups: BTreeMap<String, Totals> = BTreeMap::new();
        for entry in entries {
            groups
                .entry(entry.delegant_key().to_owned())
                .or_default()
                .add(entry.total_ae, entry.total_cp);
        }
        groups
    }

    /// Per programme of the UO, in number order; `None` gathers the
    /// conventions whose UO is missing or malformed.
    pub fn by_programme<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
    ) -> BTreeMap<Option<Programme>, Totals> {
        let mut groups: BTreeMap<Option<Programme>, Totals> = BTreeMap::new();
        for entry in entries {
            groups
                .entry(entry.programme)
                .or_default()
                .add(entry.total_ae, entry.total_cp);
        }
        groups
    }

    /// Per délégant and year (for a chart of each year's AE/CP stacked by
    /// ministry): each convention's AE and CP of that year.
    pub fn by_delegant_and_year<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
    ) -> BTreeMap<(String, i32), Totals> {
        let mut groups: BTreeMap<(String, i32), Totals> = BTreeMap::new();
        for entry in entries {
            for amounts in &entry.years {
                groups
                    .entry((entry.delegant_key().to_owned(), amounts.year))
                    .or_default()
                    .add(amounts.ae, amounts.cp);
            }
        }
        groups
    }
}
