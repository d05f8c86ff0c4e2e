//! The values of a convention as other tools write them: amounts
//! (« 30 000€ », « 30 000,00 € », « 30.000 », in thousands under a k€
//! header), dates (« 31/12/2022 », « 31 décembre 2022 », « 1er janvier
//! 2023 »), a notice in words (« trois mois », « 3 mois »).

use chrono::NaiveDate;

use crate::model::Money;

/// Reads an amount of euros. `thousands` multiplies it by 1 000 (a
/// column headed « k€ »). A dot or a comma followed by exactly three
/// digits separates thousands (« 30.000 », « 1,250,000 »); the last of
/// a dot and a comma, followed by one or two digits, is the decimal
/// separator. `None` for what is not an amount.
pub(super) fn amount(text: &str, thousands: bool) -> Option<Money> {
    // « 30 000 € (trente mille euros) »: the figures only.
    let text = text.split('(').next().unwrap_or(text).trim();
    let text = ["TTC", "HT", "ttc", "ht"]
        .iter()
        .find_map(|tax| text.strip_suffix(tax))
        .unwrap_or(text);
    let mut compact: String = text
        .trim()
        .trim_end_matches(['.', ';'])
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{202f}' | '\'' | '*'))
        .collect();
    let lower = compact.to_lowercase();
    for suffix in ["keuros", "k€", "keur", "euros", "euro", "eur", "€", "e"] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            compact.truncate(lower.len() - suffix.len());
            break;
        }
    }
    let compact = compact.trim_start_matches('€');
    if compact.is_empty() || compact == "-" || compact == "—" {
        return None;
    }
    let (negative, digits) = match compact.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, compact),
    };
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    // The decimal separator: the last separator, when one or two digits
    // follow it.
    let last = digits.rfind([',', '.']);
    let (whole, fraction) = match last {
        Some(at) if matches!(digits.len() - at - 1, 1 | 2) => (&digits[..at], &digits[at + 1..]),
        _ => (digits, ""),
    };
    // What is left of the separators groups thousands, by three.
    let groups: Vec<&str> = whole.split([',', '.']).collect();
    if groups.iter().skip(1).any(|group| group.len() != 3) || groups[0].is_empty() {
        return None;
    }
    let whole: String = groups.concat();
    let plain = if fraction.is_empty() {
        whole
    } else {
        format!("{whole}.{fraction}")
    };
    let money = Money::parse_plain(&plain).ok()?;
    let cents = if thousands {
        money.cents().checked_mul(1000)?
    } else {
        money.cents()
    };
    Money::from_cents(if negative { -cents } else { cents })
}

use crate::model::date::MONTHS;

/// Finds the first date in `text`: « 31/12/2022 », « 31.12.2022 »,
/// « 31-12-2022 », « 2022-12-31 », « 31 décembre 2022 », « 1er janvier
/// 2023 » (months with or without accents, any case). Returns the date
/// and where it starts and ends in `text`.
pub(super) fn find_date(text: &str) -> Option<(NaiveDate, usize, usize)> {
    let pattern = date_pattern();
    for found in pattern.captures_iter(text) {
        let whole = found.get(0)?;
        let date = if let (Some(d), Some(m), Some(y)) =
            (found.name("d"), found.name("m"), found.name("y"))
        {
            let year = year_of(y.as_str())?;
            NaiveDate::from_ymd_opt(year, m.as_str().parse().ok()?, d.as_str().parse().ok()?)
        } else if let (Some(y), Some(m), Some(d)) =
            (found.name("iy"), found.name("im"), found.name("id"))
        {
            NaiveDate::from_ymd_opt(
                y.as_str().parse().ok()?,
                m.as_str().parse().ok()?,
                d.as_str().parse().ok()?,
            )
        } else if let (Some(d), Some(m), Some(y)) =
            (found.name("wd"), found.name("wm"), found.name("wy"))
        {
            let month = month_of(m.as_str())?;
            NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, month, d.as_str().parse().ok()?)
        } else {
            None
        };
        if let Some(date) = date {
            return Some((date, whole.start(), whole.end()));
        }
    }
    None
}

/// A year of two digits is of this century.
fn year_of(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    Some(if text.len() == 2 { 2000 + year } else { year })
}

/// The number of a French month, accents and case aside.
fn month_of(text: &str) -> Option<u32> {
    let wanted = fold(text);
    MONTHS
        .iter()
        .position(|name| fold(name) == wanted)
        .and_then(|index| u32::try_from(index + 1).ok())
}

/// Lower case without accents, for comparing words.
pub(super) fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

pattern!(
    date_pattern,
    r"(?i)\b(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})\b|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b|(?P<wd>\d{1,2})(?:er|ᵉʳ|e)?\s+(?P<wm>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+(?P<wy>\d{4})\b)"
);

/// The numbers a notice is written with, in words.
const NUMBERS: [&str; 12] = [
    "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
];

/// Reads a number of months written in words or digits: « trois »,
/// « 3 », « trois (3) », « un ».
pub(super) fn months(text: &str) -> Option<u32> {
    let text = fold(text.trim());
    let word = text.split([' ', '(']).next()?;
    if let Ok(number) = word.parse::<u32>() {
        return Some(number);
    }
    let word = if word == "une" { "un" } else { word };
    NUMBERS
        .iter()
        .position(|name| *name == word)
        .and_then(|index| u32::try_from(index + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn euros(cents: i64) -> Option<Money> {
        Money::from_cents(cents)
    }

    #[test]
    fn amounts_read_as_conventions_write_them() {
        for (text, cents) in [
            ("30 000€", 3_000_000),
            ("30 000 €", 3_000_000),
            ("30\u{a0}000,00\u{a0}€", 3_000_000),
            ("30\u{202f}000,50 €", 3_000_050),
            ("30.000", 3_000_000),
            ("30.000,5", 3_000_050),
            ("1.234.567,89 €", 123_456_789),
            ("1,234,567.89", 123_456_789),
            ("30000.5", 3_000_050),
            ("0€", 0),
            ("0,00 €", 0),
            ("12 345,67 euros", 1_234_567),
            ("45 000 EUR", 4_500_000),
            ("45 000 € TTC", 4_500_000),
            ("30 000 € (trente mille euros)", 3_000_000),
            ("**30 000 €**", 3_000_000),
        ] {
            assert_eq!(amount(text, false), euros(cents), "{text}");
        }
        assert_eq!(amount("30", true), euros(3_000_000));
        assert_eq!(amount("12,5", true), euros(1_250_000));
        for wrong in [
            "",
            "-",
            "abc",
            "30 000 000 000 000",
            "2022 et 2023",
            "1.2.3",
        ] {
            assert_eq!(amount(wrong, false), None, "{wrong}");
        }
    }

    #[test]
    fn dates_read_in_figures_and_in_words() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let date = |text: &str| find_date(text).map(|(date, _, _)| date);
        assert_eq!(date("jusqu'au 31/12/2022."), day(2022, 12, 31));
        assert_eq!(date("jusqu'au 31 décembre 2022 inclus"), day(2022, 12, 31));
        assert_eq!(date("le 1er janvier 2023"), day(2023, 1, 1));
        assert_eq!(date("le 19 MAI 2022"), day(2022, 5, 19));
        assert_eq!(date("le 3 fevrier 2024"), day(2024, 2, 3));
        assert_eq!(date("au 2022-12-31"), day(2022, 12, 31));
        assert_eq!(date("le 31.12.22"), day(2022, 12, 31));
        assert_eq!(date("le 31/02/2022"), None);
        assert_eq!(date("décret 2004-1085"), None);
    }

    #[test]
    fn notices_read_in_words_and_figures() {
        assert_eq!(months("trois"), Some(3));
        assert_eq!(months("3"), Some(3));
        assert_eq!(months("trois (3)"), Some(3));
        assert_eq!(months("un"), Some(1));
        assert_eq!(months("Six"), Some(6));
        assert_eq!(months("douze"), Some(12));
        assert_eq!(months("quelques"), None);
    }
}
