//! The cap on every list of a draft, applied while the file is read.
//!
//! A 4 Mio draft may hold a million one-letter visas, and its export a
//! few kilobytes of memory for each: the reader refuses a list longer than
//! [`MAX_LIST`] at its place, before the rest is even read, so that no
//! draft under the size cap asks for gigabytes. Far smaller lengths are
//! already implausible, and warned about by the rules
//! (`content.long-list`).

use serde::Deserialize;
use serde::de::{SeqAccess, Visitor};

/// The longest list a draft may hold: visas, years, activités, engagements,
/// rows of the RGPD matrix, remarks, their replies, changes of status.
/// The reference convention has 2 visas, 12 RGPD rows and 1 or 2 years.
pub const MAX_LIST: usize = 10_000;

/// The message of a list over [`MAX_LIST`].
pub fn too_long_message() -> String {
    format!(
        "liste trop longue : plus de {} éléments ; Convention en lit {} au plus par liste (une convention en a quelques dizaines : le fichier est sans doute fabriqué ou abîmé)",
        french_count(MAX_LIST),
        french_count(MAX_LIST)
    )
}

/// A count the French way: « 1 234 567 », with narrow no-break spaces.
pub fn french_count(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(digit);
    }
    out
}

/// Deserializes a list of at most [`MAX_LIST`] items; a longer one is
/// refused at its `MAX_LIST + 1`-th item, without reading further.
pub(crate) fn capped<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Capped<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Capped<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("une liste")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // The hint comes from the file: trusted only up to the cap.
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element()? {
                if items.len() == MAX_LIST {
                    return Err(super::json_error::french(too_long_message()));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(Capped(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Lists {
        #[serde(deserialize_with = "capped")]
        items: Vec<u8>,
    }

    #[test]
    fn a_list_up_to_the_cap_reads_and_one_more_is_refused() {
        let list = |n: usize| format!("{{\"items\": [{}]}}", vec!["1"; n].join(","));
        let read: Lists = serde_json::from_str(&list(MAX_LIST)).expect("reads");
        assert_eq!(read.items.len(), MAX_LIST);
        let error = serde_json::from_str::<Lists>(&list(MAX_LIST + 1)).unwrap_err();
        assert!(
            error.to_string().starts_with(&too_long_message()),
            "{error}"
        );
        let error = serde_json::from_str::<Lists>("{\"items\": 3}").unwrap_err();
        assert!(error.to_string().contains("une liste"), "{error}");
    }
}
