//! The budget: the UO whose credits are delegated and the yearly AE/CP schedule.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Money;

/// The credits the délégant makes available, year by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Budget {
    /// The unité opérationnelle, e.g. `0105-CRES-DNUM`.
    #[serde(default)]
    pub uo: String,
    /// The label of the UO's programme as the convention names it, e.g.
    /// « Transmission des savoirs et démocratisation de la culture ». Empty:
    /// the label of the built-in list of programmes, when it has the
    /// programme (format version 3; left out of the file when empty). The
    /// programme's number is the UO's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub programme_label: String,
    /// Whether the credits are outside personnel spending (titre 2), as
    /// they normally are for the DINUM.
    #[serde(default = "yes")]
    pub hors_titre_2: bool,
    /// One row per year: autorisations d'engagement and crédits de paiement.
    #[serde(default, deserialize_with = "crate::model::limits::capped")]
    pub schedule: Vec<YearRow>,
}

fn yes() -> bool {
    true
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            uo: String::new(),
            programme_label: String::new(),
            hors_titre_2: true,
            schedule: Vec::new(),
        }
    }
}

/// The amounts made available for one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct YearRow {
    /// The budget year.
    pub year: i32,
    /// Autorisations d'engagement: what may be committed.
    pub ae: Money,
    /// Crédits de paiement: what may be paid.
    pub cp: Money,
}

impl Budget {
    /// The sum of the AE of every year.
    pub fn total_ae(&self) -> Money {
        Money::sum(self.schedule.iter().map(|row| &row.ae))
    }

    /// The sum of the CP of every year.
    pub fn total_cp(&self) -> Money {
        Money::sum(self.schedule.iter().map(|row| &row.cp))
    }

    /// The indices of the rows in year order (ties keep file order).
    pub fn indices_by_year(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.schedule.len()).collect();
        order.sort_by_key(|&index| self.schedule[index].year);
        order
    }

    /// Year by year, in year order: the row's index, its year, and the AE
    /// and CP accumulated up to and including it.
    pub fn cumulative(&self) -> Vec<Cumulative> {
        let mut ae = 0i64;
        let mut cp = 0i64;
        self.indices_by_year()
            .into_iter()
            .map(|index| {
                let row = &self.schedule[index];
                ae = ae.saturating_add(row.ae.cents());
                cp = cp.saturating_add(row.cp.cents());
                Cumulative {
                    index,
                    year: row.year,
                    ae: Money::from_cents(ae).unwrap_or(row.ae),
                    cp: Money::from_cents(cp).unwrap_or(row.cp),
                }
            })
            .collect()
    }
}

/// The running totals of a schedule at one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cumulative {
    /// Index of the row in the schedule as stored.
    pub index: usize,
    /// The row's year.
    pub year: i32,
    /// AE from the first year up to this one.
    pub ae: Money,
    /// CP from the first year up to this one.
    pub cp: Money,
}

json_object!(Budget, YearRow);

#[cfg(test)]
mod tests {
    use super::*;

    fn row(year: i32, ae: i64, cp: i64) -> YearRow {
        YearRow {
            year,
            ae: Money::from_euros(ae).expect("small"),
            cp: Money::from_euros(cp).expect("small"),
        }
    }

    #[test]
    fn cumulative_follows_year_order_not_file_order() {
        let budget = Budget {
            schedule: vec![row(2024, 10, 30), row(2023, 50, 20)],
            ..Budget::default()
        };
        let steps = budget.cumulative();
        assert_eq!(steps[0].year, 2023);
        assert_eq!(steps[0].index, 1);
        assert_eq!(steps[1].ae, Money::from_euros(60).expect("small"));
        assert_eq!(steps[1].cp, Money::from_euros(50).expect("small"));
        assert_eq!(budget.total_ae().cents(), 6000);
    }
}
