//! The length rule: a field of more than [`LONG_FIELD`] characters is
//! almost surely a slip (a whole file pasted into a cell), and makes
//! documents of hundreds of pages.

use super::Emitter;
use crate::model::{Draft, FieldPath};

/// How many characters a field may hold before a warning.
pub const LONG_FIELD: usize = 100_000;

pub(super) fn long_field(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let mut found: Vec<(FieldPath, usize)> = Vec::new();
    for text in out.texts(draft) {
        if text.text.len() <= LONG_FIELD {
            continue;
        }
        let count = text.text.chars().count();
        // A text that no field names counts for the list it is in.
        if count > LONG_FIELD
            && let Some(path) = text.field_or_list()
        {
            found.push((path, count));
        }
    }
    for (path, count) in found {
        out.warning(
            path,
            format!(
                "{} : {} caractères, soit plus de {} ; un texte si long est sans doute collé par erreur, et fait un document de centaines de pages.",
                path.label_in(draft),
                french_count(count),
                french_count(LONG_FIELD)
            ),
        );
    }
}

/// A count the French way: « 1 234 567 », with narrow no-break spaces.
pub(super) fn french_count(count: usize) -> String {
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn a_long_field_is_named() {
        let mut draft = reference();
        assert!(fired(&draft, "content.long-field").is_empty());
        draft.rgpd_matrix[3].delegant = "x".repeat(LONG_FIELD + 1);
        draft.title = "é".repeat(LONG_FIELD);
        draft.visas[1] = "v ".repeat(LONG_FIELD);
        assert_eq!(
            fired(&draft, "content.long-field"),
            [warning("rgpd_matrix[3].delegant"), warning("visas[1]")]
        );
        let findings = crate::rules::check(&draft);
        let message = &findings
            .iter()
            .find(|f| f.rule == "content.long-field" && f.path.to_string() == "visas[1]")
            .expect("found")
            .message;
        assert!(message.contains(": 200\u{202f}000 caractères"), "{message}");
        assert!(message.contains("plus de 100\u{202f}000 ;"), "{message}");
    }

    #[test]
    fn counts_read_the_french_way() {
        assert_eq!(french_count(7), "7");
        assert_eq!(french_count(100_000), "100\u{202f}000");
        assert_eq!(french_count(1_234_567), "1\u{202f}234\u{202f}567");
    }
}
