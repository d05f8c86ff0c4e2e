//! Any text as an amount or a date: parsed values print back to
//! themselves, and nothing panics.
#![no_main]

use convention::model::{Money, date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for parsed in [Money::parse_plain(text), Money::parse_human(text)] {
        if let Ok(amount) = parsed {
            assert_eq!(Money::parse_plain(&amount.to_plain()), Ok(amount));
            assert_eq!(Money::parse_human(&amount.to_french()), Ok(amount));
        }
    }
    for parsed in [
        date::parse_iso(text).ok(),
        date::parse_human(text).ok(),
        date::parse_french_words(text),
    ] {
        if let Some(day) = parsed {
            assert_eq!(date::parse_human(&date::french_short(day)), Ok(day));
            assert_eq!(date::parse_french_words(&date::french_long(day)), Some(day));
        }
    }
});
