//! The draft's texts as it is saved, each with its place
//! (`rgpd_matrix[3].delegant`): made once per check, from one serialisation
//! of the draft, for the rules that read every text (length, characters
//! the PDF cannot show, wording).

use crate::model::FieldPath;

/// A text of the saved draft and where it is.
pub(super) struct Text<'a> {
    /// Its place in the saved draft (`rgpd_matrix[3].delegant`).
    pub at: String,
    /// The field at that place, when the place is a field; texts that no
    /// field names (the cells of some lists) have none.
    pub field: Option<FieldPath>,
    /// The text.
    pub text: &'a str,
}

impl Text<'_> {
    /// The field at this place, or else the list the place is in.
    pub fn field_or_list(&self) -> Option<FieldPath> {
        self.field.or_else(|| {
            let (list, _) = self.at.split_once('[')?;
            list.parse().ok()
        })
    }
}

/// Every text under `value`, the draft as saved, in the order of the file.
pub(super) fn collect(value: &serde_json::Value) -> Vec<Text<'_>> {
    let mut texts = Vec::new();
    each_string(value, &mut String::new(), &mut texts);
    texts
}

/// Collects the strings under `value` and their places, `at` being the
/// place of `value`.
fn each_string<'a>(value: &'a serde_json::Value, at: &mut String, texts: &mut Vec<Text<'a>>) {
    match value {
        serde_json::Value::String(text) => texts.push(Text {
            at: at.clone(),
            field: at.parse().ok(),
            text,
        }),
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = at.len();
                at.push('[');
                at.push_str(&index.to_string());
                at.push(']');
                each_string(item, at, texts);
                at.truncate(length);
            }
        }
        serde_json::Value::Object(entries) => {
            for (key, item) in entries {
                let length = at.len();
                if !at.is_empty() {
                    at.push('.');
                }
                at.push_str(key);
                each_string(item, at, texts);
                at.truncate(length);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_name_fields_rows_and_lists() {
        let value = serde_json::json!({
            "title": "Convention",
            "visas": ["Vu le décret"],
            "rgpd_matrix": [{"delegant": "a"}],
            "n": 3,
        });
        let texts = collect(&value);
        let at = |place: &str| {
            texts
                .iter()
                .find(|text| text.at == place)
                .unwrap_or_else(|| panic!("{place} not found"))
        };
        assert_eq!(texts.len(), 3);
        assert_eq!(at("title").field, Some(crate::model::Field::Title.path()));
        assert_eq!(at("visas[0]").text, "Vu le décret");
        assert_eq!(
            at("rgpd_matrix[0].delegant")
                .field_or_list()
                .map(|p| p.to_string())
                .as_deref(),
            Some("rgpd_matrix[0].delegant")
        );
    }
}
