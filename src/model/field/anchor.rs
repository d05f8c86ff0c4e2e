//! Field paths as the names of a document's invisible anchors (DOCX
//! bookmarks, PDF named destinations), so that what a reviewer marks in an
//! exported file can be traced back to the field it shows.
//!
//! Word allows letters, digits and `_` in a bookmark name, at most 40
//! characters, and hides the names that start with `_`. A field's anchor is
//! `_cv` and a serial number (names must be unique in a document, and one
//! field may be shown in several places), then the field path with `.`
//! and `[` `]` turned into `_`: `budget.schedule[0].cp` is
//! `_cv12_budget_schedule_0_cp`.

use super::{FIELDS, Field, FieldPath};

/// What every anchor name starts with.
pub const ANCHOR_PREFIX: &str = "_cv";

/// The longest name Word keeps for a bookmark.
pub const ANCHOR_MAX_LEN: usize = 40;

impl FieldPath {
    /// The name of the `serial`-th anchor of the document, placed on this
    /// field.
    pub fn anchor(self, serial: usize) -> String {
        format!("{ANCHOR_PREFIX}{serial}_{}", encode(&self.to_string()))
    }

    /// The field an anchor name stands for; `None` for a name that is not
    /// one of ours (a reviewer's own bookmark, `_GoBack`, `_Toc…`).
    pub fn from_anchor(name: &str) -> Option<FieldPath> {
        let rest = name.strip_prefix(ANCHOR_PREFIX)?;
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let encoded = rest[digits..].strip_prefix('_')?;
        FIELDS.iter().find_map(|info| {
            let pattern = encode(info.pattern);
            match pattern.split_once("[]") {
                None => (pattern == encoded).then(|| info.field.path()),
                Some((list, after)) => {
                    let list = list.to_owned() + "_";
                    let row = encoded.strip_prefix(&list)?.strip_suffix(after)?;
                    if row.is_empty() || !row.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    Some(Field::at(info.field, row.parse().ok()?))
                }
            }
        })
    }
}

/// `budget.schedule[0].cp` as `budget_schedule_0_cp`; a pattern's `[]`
/// is kept, for [`FieldPath::from_anchor`] to find the row.
fn encode(path: &str) -> String {
    path.replace("[]", "\u{0}")
        .replace(['.', '['], "_")
        .replace(']', "")
        .replace('\u{0}', "[]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_comes_back_from_its_anchor() {
        for info in &FIELDS {
            let paths = if info.field.in_row() {
                vec![info.field.at(0), info.field.at(7), info.field.at(123)]
            } else {
                vec![info.field.path()]
            };
            for path in paths {
                for serial in [0, 5, 9999] {
                    let name = path.anchor(serial);
                    assert_eq!(FieldPath::from_anchor(&name), Some(path), "{name}");
                    assert!(name.len() <= ANCHOR_MAX_LEN, "{name} is too long for Word");
                    assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
                }
            }
        }
        assert_eq!(
            "budget.schedule[0].cp"
                .parse::<FieldPath>()
                .expect("a path")
                .anchor(12),
            "_cv12_budget_schedule_0_cp"
        );
    }

    #[test]
    fn other_bookmarks_are_not_ours() {
        for name in [
            "_GoBack",
            "_Toc123",
            "_cv_title",
            "_cvx_title",
            "_cv1_nope",
            "_cv1_visas_x",
        ] {
            assert_eq!(FieldPath::from_anchor(name), None, "{name}");
        }
    }
}
