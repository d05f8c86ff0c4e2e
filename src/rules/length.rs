//! The length rule: a field of more than [`LONG_FIELD`] characters is
//! almost surely a slip (a whole file pasted into a cell), and makes
//! documents of hundreds of pages.

use super::Emitter;
pub(super) use crate::model::limits::french_count;
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

/// The lists of a draft and the length over which each is implausible: a
/// convention has a few visas (the reference 2), a dozen rows of RGPD
/// matrix (12), one to five years. Far below the reader's cap
/// ([`crate::model::limits::MAX_LIST`]).
pub const PLAUSIBLE_LISTS: [(&str, usize); 5] = [
    ("visas", 100),
    ("commitments", 100),
    ("budget.schedule", 30),
    ("chorus.activites", 100),
    ("rgpd_matrix", 500),
];

pub(super) fn long_list(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let lengths = [
        draft.visas.len(),
        draft.commitments.len(),
        draft.budget.schedule.len(),
        draft.chorus.activites.len(),
        draft.rgpd_matrix.len(),
    ];
    for ((list, plausible), length) in PLAUSIBLE_LISTS.into_iter().zip(lengths) {
        if length <= plausible {
            continue;
        }
        let Ok(path) = list.parse::<FieldPath>() else {
            continue;
        };
        out.warning(
            path,
            format!(
                "{} : {} éléments, soit plus de {} ; une convention en a bien moins : la liste a sans doute été remplie par erreur, et ferait un document de centaines de pages.",
                path.label_in(draft),
                french_count(length),
                french_count(plausible)
            ),
        );
    }
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
    fn a_long_list_is_named() {
        let mut draft = reference();
        assert!(fired(&draft, "content.long-list").is_empty());
        draft.visas = vec!["le décret".to_owned(); 101];
        draft.rgpd_matrix = vec![draft.rgpd_matrix[0].clone(); 500];
        draft.budget.schedule = vec![draft.budget.schedule[0].clone(); 31];
        assert_eq!(
            fired(&draft, "content.long-list"),
            [warning("visas"), warning("budget.schedule")]
        );
        let findings = crate::rules::check(&draft);
        let message = &findings
            .iter()
            .find(|f| f.rule == "content.long-list" && f.path.to_string() == "visas")
            .expect("found")
            .message;
        assert!(
            message.contains(": 101 éléments, soit plus de 100 ;"),
            "{message}"
        );
    }

    #[test]
    fn counts_read_the_french_way() {
        assert_eq!(french_count(7), "7");
        assert_eq!(french_count(100_000), "100\u{202f}000");
        assert_eq!(french_count(1_234_567), "1\u{202f}234\u{202f}567");
    }
}
