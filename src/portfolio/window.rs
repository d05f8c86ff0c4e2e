//! A span of time after a date, as `--ending-within` takes it: `6m`,
//! `90j`, `1a`.

use chrono::{Days, Months, NaiveDate};

/// A number of days, months or years: the window of « ends within ».
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Window {
    /// So many days.
    Days(u32),
    /// So many calendar months (the same day, months later; the month's
    /// last day when it has fewer).
    Months(u32),
    /// So many years, counted as twelve months each.
    Years(u32),
}

/// Why a text is not a window.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "« {0} » n'est pas une durée : un nombre suivi de j (jours), m (mois) ou a (ans), par exemple 90j, 6m, 1a (ou 90d, 1y)"
)]
pub struct WindowError(pub String);

impl Window {
    /// Six months: the default window.
    pub const DEFAULT: Window = Window::Months(6);

    /// Reads `90j`, `90d`, `90 jours`, `6m`, `6 mois`, `1a`, `1y`, `1 an`,
    /// `2 ans` (case and spaces aside).
    pub fn parse(text: &str) -> Result<Self, WindowError> {
        let error = || WindowError(text.to_owned());
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let split = compact
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(error)?;
        let (digits, unit) = compact.split_at(split);
        let count: u32 = digits.parse().map_err(|_| error())?;
        if count > 1000 {
            return Err(error());
        }
        match unit {
            "j" | "jour" | "jours" | "d" | "day" | "days" => Ok(Window::Days(count)),
            "m" | "mois" | "month" | "months" => Ok(Window::Months(count)),
            "a" | "an" | "ans" | "y" | "year" | "years" => Ok(Window::Years(count)),
            _ => Err(error()),
        }
    }

    /// The last day of the window that opens on `at` (`at` itself for a
    /// window of zero); `None` past the calendar's end.
    pub fn end_from(self, at: NaiveDate) -> Option<NaiveDate> {
        match self {
            Window::Days(days) => at.checked_add_days(Days::new(u64::from(days))),
            Window::Months(months) => at.checked_add_months(Months::new(months)),
            Window::Years(years) => at.checked_add_months(Months::new(years.checked_mul(12)?)),
        }
    }

    /// In French: « 6 mois », « 90 jours », « 1 an ».
    pub fn french(self) -> String {
        match self {
            Window::Days(n) => crate::rules::count_of(n as usize, "jour", "jours"),
            Window::Months(n) => format!("{n} mois"),
            Window::Years(n) => crate::rules::count_of(n as usize, "an", "ans"),
        }
    }
}

impl std::str::FromStr for Window {
    type Err = WindowError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.french())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn windows_read_in_french_and_english() {
        for (text, window) in [
            ("6m", Window::Months(6)),
            ("6 mois", Window::Months(6)),
            ("90j", Window::Days(90)),
            ("90d", Window::Days(90)),
            ("90 Jours", Window::Days(90)),
            ("1a", Window::Years(1)),
            ("1y", Window::Years(1)),
            ("2 ans", Window::Years(2)),
        ] {
            assert_eq!(Window::parse(text), Ok(window), "{text}");
        }
        for bad in ["", "6", "m", "6 semaines", "-3m", "99999j"] {
            assert!(Window::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_window_ends_on_the_same_day_months_later() {
        assert_eq!(
            Window::Months(6).end_from(day("2024-08-31")),
            Some(day("2025-02-28"))
        );
        assert_eq!(
            Window::Days(90).end_from(day("2024-01-01")),
            Some(day("2024-03-31"))
        );
        assert_eq!(
            Window::Years(1).end_from(day("2024-02-29")),
            Some(day("2025-02-28"))
        );
        assert_eq!(Window::Days(1).french(), "1 jour");
        assert_eq!(Window::Years(2).to_string(), "2 ans");
    }
}
