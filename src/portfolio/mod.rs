//! Many conventions at once: the batch front door of `check`, `export` and
//! `portfolio` (files, folders, patterns), and the portfolio itself — a row
//! per convention, totals per year, délégant and programme, the
//! conventions ending soon, and its CSV. No user interface here: the app's
//! « Portefeuille » view and the CLI both read these types.
//!
//! ```no_run
//! use convention::portfolio::{Portfolio, Window};
//! let at = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
//! let portfolio = Portfolio::load(&["conventions/"], at);
//! for (year, totals) in portfolio.by_year() {
//!     println!("{year}: AE {} CP {}", totals.ae, totals.cp);
//! }
//! for entry in portfolio.ending_within(Window::DEFAULT) {
//!     println!("{} se termine le {:?}", entry.file.display(), entry.end);
//! }
//! let csv: Vec<u8> = convention::portfolio::csv::to_csv(&portfolio).expect("in memory");
//! # let _ = csv;
//! ```

pub mod csv;
mod entry;
mod inputs;
#[allow(clippy::module_inception)]
mod portfolio;
mod skipped;
mod totals;
mod unreadable;
mod window;

pub use entry::{Entry, NO_DELEGANT, YearAmounts};
pub use inputs::{Input, Inputs, Loaded, Origin, load};
pub use portfolio::Portfolio;
pub use skipped::Skipped;
pub use totals::Totals;
pub use unreadable::Unreadable;
pub use window::{Window, WindowError};

use crate::model::Money;

/// The sum of two amounts. Sums of a portfolio may pass the 10¹² € a single
/// amount is held to; they saturate rather than wrap, far beyond any real
/// budget.
fn add(a: Money, b: Money) -> Money {
    Money::sum([&a, &b])
}
