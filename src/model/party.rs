//! A party to the convention: the délégant or the délégataire.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One of the two parties, as named at the head of the convention.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Party {
    /// Full name, e.g. « Ministère de l'Europe et des Affaires étrangères ».
    #[serde(default)]
    pub name: String,
    /// Short name used in the text, e.g. « MEAE ».
    #[serde(default)]
    pub short_name: String,
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Grammatical gender of the short name, which decides « le MEAE » or
    /// « la DINUM ». Absent: guessed from the full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// The person who signs for the party.
    #[serde(default)]
    pub representative: Representative,
}

/// The person who represents a party and signs for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Representative {
    /// Name as written in the convention, e.g. « M. Fabien FIESCHI ».
    #[serde(default)]
    pub name: String,
    /// Position, e.g. « Directeur du numérique ».
    #[serde(default)]
    pub title: String,
}

/// Grammatical gender of a party's name in French.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// « le ministère », « le MEAE ».
    Masculin,
    /// « la direction », « la DINUM ».
    Feminin,
}

/// First words of administration names that are feminine in French.
const FEMININE_HEADS: &[&str] = &[
    "agence",
    "autorité",
    "caisse",
    "commission",
    "cour",
    "délégation",
    "direction",
    "école",
    "haute",
    "inspection",
    "mission",
    "préfecture",
    "présidence",
    "région",
    "université",
];

impl Party {
    /// The gender to write with: the one given, or else the one of the
    /// first word of the full name (« Direction … » is feminine).
    pub fn effective_gender(&self) -> Gender {
        self.gender.unwrap_or_else(|| guess_gender(&self.name))
    }

    /// Whether the name holds anything at all (a blank party).
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty()
            && self.short_name.trim().is_empty()
            && self.address.trim().is_empty()
            && self.representative.name.trim().is_empty()
            && self.representative.title.trim().is_empty()
    }
}

/// Guesses the gender of an administration's name from its first word.
pub fn guess_gender(name: &str) -> Gender {
    let first = name
        .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .find(|word| !word.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    if FEMININE_HEADS.contains(&first.as_str()) {
        Gender::Feminin
    } else {
        Gender::Masculin
    }
}

json_object!(Party, Representative);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gender_is_guessed_from_the_first_word() {
        assert_eq!(
            guess_gender("Ministère de l'Europe et des Affaires étrangères"),
            Gender::Masculin
        );
        assert_eq!(
            guess_gender("Direction Interministérielle du Numérique"),
            Gender::Feminin
        );
        assert_eq!(guess_gender("  agence nationale"), Gender::Feminin);
        assert_eq!(guess_gender(""), Gender::Masculin);
    }

    #[test]
    fn an_explicit_gender_wins() {
        let party = Party {
            name: "Direction X".into(),
            gender: Some(Gender::Masculin),
            ..Party::default()
        };
        assert_eq!(party.effective_gender(), Gender::Masculin);
    }
}
