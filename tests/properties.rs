//! Properties over many generated inputs (proptest): the draft loader never
//! panics and answers a draft or a French error naming the file; amounts
//! and dates read back what they print; the markup parser never panics and
//! reads escaped text literally. `PROPTEST_CASES` raises the number of
//! cases for a longer run; `cargo fuzz` (fuzz/) goes further.

use std::path::Path;

use chrono::{Datelike as _, NaiveDate};
use proptest::prelude::*;

use convention::document::markup;
use convention::document::{Inline, Style};
use convention::model::{self, Money, date};

mod common;

use common::REFERENCE;

/// Words an English message would have; none may reach the user.
const ENGLISH: &[&str] = &[
    "invalid type",
    "invalid value",
    "invalid length",
    "unknown field",
    "unknown variant",
    "hex escape",
    "key must",
    "expected",
    "missing field",
    "at line",
    "EOF",
    "trailing",
    "recursion",
];

/// Cases per property: 512, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(512)
}

/// Parses bytes as a draft; on error, checks the message names the file
/// and is French.
fn load(bytes: &[u8]) -> Result<(), TestCaseError> {
    match model::io::parse(Path::new("essai.json"), bytes) {
        Ok(draft) => {
            // A draft that reads saves to a text that reads the same.
            let again = model::io::parse(
                Path::new("essai.json"),
                model::io::to_json(&draft).as_bytes(),
            );
            prop_assert_eq!(again.ok(), Some(draft));
        }
        Err(error) => {
            let message = error.to_string();
            prop_assert!(message.starts_with("essai.json: "), "{}", message);
            for english in ENGLISH {
                prop_assert!(
                    !message.contains(english),
                    "English « {} »: {}",
                    english,
                    message
                );
            }
        }
    }
    Ok(())
}

/// A JSON value of any shape, a few levels deep.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| serde_json::json!(f)),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every place of the reference where a value can be put: its paths as
/// lists of keys and indexes.
fn places(value: &serde_json::Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let mut next = here.clone();
                next.push(key.clone());
                places(inner, next, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                let mut next = here.clone();
                next.push(index.to_string());
                places(inner, next, out);
            }
        }
        _ => {}
    }
}

fn reference() -> serde_json::Value {
    serde_json::from_str(REFERENCE).expect("the reference")
}

fn put(value: &mut serde_json::Value, path: &[String], new: serde_json::Value) {
    let mut node = value;
    for key in path {
        node = match node {
            serde_json::Value::Object(map) => map.get_mut(key).expect("key"),
            serde_json::Value::Array(items) => &mut items[key.parse::<usize>().expect("index")],
            _ => unreachable!("a place is a container's"),
        };
    }
    *node = new;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_bytes_give_a_draft_or_a_french_error(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        load(&bytes)?;
    }

    #[test]
    fn any_text_gives_a_draft_or_a_french_error(text in "[\\[\\]{}\":,0-9a-z \\\\\n.-]{0,200}") {
        load(text.as_bytes())?;
    }

    #[test]
    fn the_reference_cut_or_damaged_anywhere_is_handled(
        cut in 0usize..REFERENCE.len(),
        at in 0usize..REFERENCE.len(),
        byte in any::<u8>(),
    ) {
        load(&REFERENCE.as_bytes()[..cut])?;
        let mut damaged = REFERENCE.as_bytes().to_vec();
        damaged[at] = byte;
        load(&damaged)?;
        damaged.insert(at, byte);
        load(&damaged)?;
    }

    #[test]
    fn any_value_anywhere_in_the_reference_is_handled(place in any::<prop::sample::Index>(), value in any_json()) {
        let mut draft = reference();
        let mut all = Vec::new();
        places(&draft, Vec::new(), &mut all);
        let path = place.get(&all).clone();
        put(&mut draft, &path, value);
        load(draft.to_string().as_bytes())?;
    }

    #[test]
    fn amounts_read_back_what_they_print(cents in -99_999_999_999_999i64..=99_999_999_999_999) {
        let amount = Money::from_cents(cents).expect("in range");
        prop_assert_eq!(Money::parse_plain(&amount.to_plain()), Ok(amount));
        prop_assert_eq!(Money::parse_human(&amount.to_french()), Ok(amount));
        prop_assert_eq!(Money::parse_human(&amount.to_french_number()), Ok(amount));
    }

    #[test]
    fn dates_read_back_what_they_print(days in 0i64..3_000_000) {
        let day = NaiveDate::from_ymd_opt(1, 1, 1).expect("day one") + chrono::Days::new(days as u64);
        prop_assume!(day.year() <= 9999);
        let iso = day.format("%Y-%m-%d").to_string();
        prop_assert_eq!(date::parse_iso(&iso), Ok(day));
        prop_assert_eq!(date::parse_human(&iso), Ok(day));
        prop_assert_eq!(date::parse_human(&date::french_short(day)), Ok(day));
        prop_assert_eq!(date::parse_french_words(&date::french_long(day)), Some(day));
    }

    #[test]
    fn date_parsers_never_panic(text in "\\PC{0,24}") {
        let _ = date::parse_iso(&text);
        let _ = date::parse_human(&text);
        let _ = date::parse_french_words(&text);
    }

    #[test]
    fn the_markup_parser_never_panics(text in "[-#*|<>\\[\\]^:\\\\ \n`a-zé«»!?;:/.0-9]{0,160}") {
        let _ = markup::parse(&text);
        let _ = markup::inlines(&text);
    }

    #[test]
    fn escaped_text_reads_literally(text in "[-#*|<>\\[\\]^:\\\\ a-zé«»!?;/.0-9]{0,80}") {
        let inlines = markup::inlines(&markup::escape(&text));
        let mut read = String::new();
        for inline in &inlines {
            match inline {
                // Typography may raise an ordinal's letters (« 1er »), and
                // nothing else.
                Inline::Text { text, style } => {
                    let plain = Style { superscript: false, ..*style };
                    prop_assert_eq!(plain, Style::default(), "no style from {:?}", text);
                    read.push_str(text);
                }
                // An address typed as such is a link, shown as typed.
                Inline::Link { text: shown, url } => {
                    prop_assert!(url.starts_with("http"), "{:?} from {:?}", url, text);
                    read.push_str(shown);
                }
                other => prop_assert!(false, "{:?} from {:?}", other, text),
            }
        }
        let plain = |s: &str| s.replace(['\u{a0}', '\u{202f}'], " ");
        prop_assert_eq!(plain(&read), plain(&markup::french_spacing(&text)));
    }
}
