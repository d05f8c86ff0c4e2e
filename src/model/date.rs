//! Dates as drafts write them (`YYYY-MM-DD`) and as the documents print them
//! (« 19 mai 2022 »).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serializer};

/// The French names of the months, January first.
pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Reads an ISO date, refusing impossible ones (2022-02-30) with a French
/// message.
pub fn parse_iso(text: &str) -> Result<NaiveDate, String> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(format!(
            "date « {text} » illisible : le format attendu est AAAA-MM-JJ (exemple : 2022-05-19)"
        ));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("la date « {text} » n'existe pas dans le calendrier"))
}

/// The forms [`parse_human`] reads, as its messages say them.
const HUMAN_FORMS: &str = "une date s'écrit 19/05/2022, 19 mai 2022 ou 2022-05-19";

/// Reads a date typed by a person: ISO (`2022-05-19`) or French
/// (`19/05/2022`, `19 mai 2022`, `1er mai 2022`).
pub fn parse_human(text: &str) -> Result<NaiveDate, String> {
    read_human(text.trim()).map_err(|reason| {
        if reason.contains("illisible") {
            reason
        } else {
            format!("{reason} ; {HUMAN_FORMS}")
        }
    })
}

fn read_human(text: &str) -> Result<NaiveDate, String> {
    match parse_iso(text) {
        Ok(date) => return Ok(date),
        // ISO in shape, but not a day of the calendar (2022-02-30).
        Err(reason) if !reason.contains("illisible") => return Err(reason),
        Err(_) => {}
    }
    if let Some((day, rest)) = text.split_once('/')
        && let Some((month, year)) = rest.split_once('/')
    {
        let numbers = (
            day.trim().parse::<u32>(),
            month.trim().parse::<u32>(),
            year.trim().parse::<i32>(),
        );
        if let (Ok(day), Ok(month), Ok(year)) = numbers {
            return NaiveDate::from_ymd_opt(year, month, day)
                .ok_or_else(|| format!("la date « {text} » n'existe pas dans le calendrier"));
        }
    }
    parse_french_words(text).ok_or_else(|| {
        if french_words_shape(text) {
            format!("la date « {text} » n'existe pas dans le calendrier")
        } else {
            format!("date « {text} » illisible : {HUMAN_FORMS}")
        }
    })
}

/// Whether a text reads « day month year » with a month's name, whatever
/// the day: « 30 février 2022 » is a date that does not exist, not an
/// unreadable one.
fn french_words_shape(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year] = words[..] else {
        return false;
    };
    day.strip_suffix("er").unwrap_or(day).parse::<u32>().is_ok()
        && MONTHS.contains(&month.to_lowercase().as_str())
        && year.parse::<i32>().is_ok()
}

/// Reads « 14 octobre 2004 » or « 1er août 2001 ».
pub fn parse_french_words(text: &str) -> Option<NaiveDate> {
    let mut words = text.split_whitespace();
    let day = words.next()?;
    let day: u32 = day.strip_suffix("er").unwrap_or(day).parse().ok()?;
    let month = words.next()?.to_lowercase();
    let month = MONTHS.iter().position(|name| *name == month)? as u32 + 1;
    let year: i32 = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The years a convention's dates may fall in: a signature or an end
/// outside them is a typing mistake (rule `dates.plausible-year`).
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Whether a date falls within [`PLAUSIBLE_YEARS`].
pub fn plausible(date: NaiveDate) -> bool {
    PLAUSIBLE_YEARS.contains(&date.year())
}

/// « 19 mai 2022 », « 1er janvier 2023 ». A year is written with four
/// digits, as it was typed (« 19 mai 0000 », never « 19 mai 0 »).
pub fn french_long(date: NaiveDate) -> String {
    let day = date.day();
    let day = if day == 1 {
        "1er".to_owned()
    } else {
        day.to_string()
    };
    // A no-break space ties the day to its month, as French typography
    // asks; the year may go to the next line.
    format!(
        "{day}\u{a0}{} {:04}",
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// The day a moment falls on where the program runs, as the app shows
/// remarks' dates: a remark written on 19 May at 23:30 UTC was written on
/// 20 May in Paris, and every list of remarks says so.
pub fn local_day(moment: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    moment.with_timezone(&chrono::Local).date_naive()
}

/// A moment as the wall-clock time where the program runs, the way Word
/// and LibreOffice write the `w:date` of a comment or a tracked change
/// (and show it again as it is, whatever the reader's time zone).
pub fn to_wall_clock(moment: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    moment.with_timezone(&chrono::Local).naive_local()
}

/// A wall-clock time where the program runs, as a moment: the reverse of
/// [`to_wall_clock`]. In the hour repeated when clocks go back, the first
/// of the two; in the hour skipped when they go forward, `None`.
pub fn from_wall_clock(time: chrono::NaiveDateTime) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::TimeZone as _;
    chrono::Local
        .from_local_datetime(&time)
        .earliest()
        .map(|moment| moment.with_timezone(&chrono::Utc))
}

/// « 19/05/2022 ».
pub fn french_short(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Serde for optional ISO dates: `null` or absent is no date.
pub mod optional_iso {
    use super::*;

    /// Writes `YYYY-MM-DD` or `null`.
    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.serialize_str(&date.format("%Y-%m-%d").to_string()),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `YYYY-MM-DD` or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        use crate::model::json_error::french;
        let value = serde_json::Value::deserialize(deserializer)?;
        match value {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(text) => parse_iso(&text).map(Some).map_err(french),
            other => Err(french(format!(
                "une date « AAAA-MM-JJ » ou null est attendue, pas {}",
                super::super::money::json_kind(&other)
            ))),
        }
    }
}

/// Serde for the review's moments: RFC 3339 with a zone
/// (`2022-05-19T14:30:00Z`), kept in UTC; refused in French otherwise.
pub mod moment {
    use chrono::{DateTime, FixedOffset, Utc};
    use serde::{Deserialize as _, Deserializer, Serialize as _, Serializer};

    /// What a moment of the review must look like.
    pub const EXPECTED: &str = "date invalide : une date et une heure avec leur fuseau sont attendues, par exemple « 2024-05-19T14:30:00Z » (UTC)";

    /// Writes it as chrono does (`2022-05-19T14:30:00Z`).
    pub fn serialize<S: Serializer>(
        moment: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        moment.serialize(serializer)
    }

    /// Reads what chrono reads, with a French message.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse::<DateTime<FixedOffset>>()
            .map(|moment| moment.with_timezone(&Utc))
            .map_err(|_| crate::model::json_error::french(EXPECTED))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    #[test]
    fn iso_dates_are_strict() {
        assert_eq!(parse_iso("2022-05-19"), Ok(date(2022, 5, 19)));
        assert!(
            parse_iso("2022-02-30")
                .unwrap_err()
                .contains("n'existe pas")
        );
        assert!(parse_iso("2022-5-19").unwrap_err().contains("AAAA-MM-JJ"));
        assert!(parse_iso("19/05/2022").is_err());
        assert!(parse_iso("2022-05-19T00:00").is_err());
    }

    #[test]
    fn people_may_type_french_dates() {
        assert_eq!(parse_human("19/05/2022"), Ok(date(2022, 5, 19)));
        assert_eq!(parse_human(" 19 mai 2022 "), Ok(date(2022, 5, 19)));
        assert_eq!(parse_human("1er août 2001"), Ok(date(2001, 8, 1)));
        assert!(parse_human("31/02/2022").is_err());
        assert!(parse_human("demain").is_err());
        for impossible in ["2022-02-30", "30/02/2022", "30 février 2022"] {
            let said = parse_human(impossible).unwrap_err();
            assert!(said.contains("n'existe pas dans le calendrier"), "{said}");
        }
        let said = parse_human("demain").unwrap_err();
        assert!(
            said.contains("19/05/2022") && said.contains("2022-05-19"),
            "{said}"
        );
    }

    #[test]
    fn long_french_form() {
        assert_eq!(french_long(date(2022, 5, 19)), "19\u{a0}mai 2022");
        assert_eq!(french_long(date(2023, 1, 1)), "1er\u{a0}janvier 2023");
        assert_eq!(french_long(date(0, 5, 19)), "19\u{a0}mai 0000");
        assert!(plausible(date(2000, 1, 1)) && plausible(date(2100, 12, 31)));
        assert!(!plausible(date(1999, 12, 31)) && !plausible(date(2101, 1, 1)));
        assert_eq!(french_short(date(2022, 12, 31)), "31/12/2022");
    }
}
