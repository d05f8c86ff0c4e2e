//! What an import found, missed, doubted and could not place.

use std::fmt;

use super::{Found, Missing, Unmatched, Unsure};
use crate::rules::count_of;

/// What an import found in a document and what it did not: each field
/// found with the sentence it came from, each field not found, each value
/// it is unsure of, and the text that matched no known clause. All but
/// the fields found are also in the imported draft's review block, as
/// comments by [`AUTHOR`](super::AUTHOR) on their fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The name of the document read, as given.
    pub source: String,
    /// The fields found, in the order of the document.
    pub found: Vec<Found>,
    /// The fields not found, in the order of the draft format.
    pub missing: Vec<Missing>,
    /// The values read but doubtful, to confirm.
    pub unsure: Vec<Unsure>,
    /// The text that matched no known clause, kept beside the nearest
    /// field.
    pub unmatched: Vec<Unmatched>,
}

impl ImportReport {
    /// Whether every required field was found (unsure values and
    /// unmatched text do not count against it).
    pub fn is_complete(&self) -> bool {
        !self.missing.iter().any(|missing| missing.required)
    }

    /// How many required fields were not found.
    pub fn missing_required(&self) -> usize {
        self.missing
            .iter()
            .filter(|missing| missing.required)
            .count()
    }

    /// One line saying how the import went: « 42 champs trouvés, 1 champ
    /// obligatoire manquant, 2 valeurs à vérifier, 1 passage non reconnu ».
    pub fn summary(&self) -> String {
        let mut parts = vec![count_of(self.found.len(), "champ trouvé", "champs trouvés")];
        let required = self.missing_required();
        if required > 0 {
            parts.push(count_of(
                required,
                "champ obligatoire manquant",
                "champs obligatoires manquants",
            ));
        }
        let optional = self.missing.len() - required;
        if optional > 0 {
            parts.push(count_of(
                optional,
                "champ facultatif absent",
                "champs facultatifs absents",
            ));
        }
        if !self.unsure.is_empty() {
            parts.push(count_of(
                self.unsure.len(),
                "valeur à vérifier",
                "valeurs à vérifier",
            ));
        }
        if !self.unmatched.is_empty() {
            parts.push(count_of(
                self.unmatched.len(),
                "passage non reconnu",
                "passages non reconnus",
            ));
        }
        parts.join(", ")
    }

    /// The report as lines of French text: the summary, then the fields
    /// found with their sentence, the fields missing, the values to check
    /// and the text not recognised.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "Import de « {} » : {}",
            self.source,
            self.summary()
        )];
        if !self.missing.is_empty() {
            lines.push(String::new());
            lines.push("Champs non trouvés :".to_owned());
            lines.extend(self.missing.iter().map(|item| format!("  - {item}")));
        }
        if !self.unsure.is_empty() {
            lines.push(String::new());
            lines.push("Valeurs à vérifier :".to_owned());
            lines.extend(self.unsure.iter().map(|item| format!("  - {item}")));
        }
        if !self.unmatched.is_empty() {
            lines.push(String::new());
            lines.push("Passages non reconnus (gardés en remarque) :".to_owned());
            lines.extend(self.unmatched.iter().map(|item| format!("  - {item}")));
        }
        if !self.found.is_empty() {
            lines.push(String::new());
            lines.push("Champs trouvés :".to_owned());
            for item in &self.found {
                let value = if item.value.trim().is_empty() {
                    "(vide)"
                } else {
                    item.value.as_str()
                };
                lines.push(format!("  - {} : {value}", item.path.label()));
                lines.push(format!("      « {} »", item.sentence));
            }
        }
        lines
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// « 1 champ trouvé », « 2 champs trouvés », and « 0 champ trouvé » (the
/// singular for zero, as French writes it).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    #[test]
    fn a_report_is_complete_when_no_required_field_is_missing() {
        let mut report = ImportReport {
            source: "ancienne.docx".to_owned(),
            ..ImportReport::default()
        };
        report.missing.push(Missing {
            path: Field::AxeMinisteriel1.path(),
            required: false,
        });
        assert!(report.is_complete());
        report.missing.push(Missing {
            path: Field::Uo.path(),
            required: true,
        });
        assert!(!report.is_complete());
        assert_eq!(
            report.summary(),
            "0 champ trouvé, 1 champ obligatoire manquant, 1 champ facultatif absent"
        );
        assert!(report.to_string().contains("Champs non trouvés"));
    }
}
