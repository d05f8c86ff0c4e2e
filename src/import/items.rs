//! The items of an import report: a field found, a field missing, a value
//! to check, a passage not recognised.

use std::fmt;

use crate::model::FieldPath;

/// A field found in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The field (for a list, each row's fields are found one by one).
    pub path: FieldPath,
    /// The value as put in the draft, written for people (« 30 000,00 € »,
    /// « 31/12/2022 »).
    pub value: String,
    /// The sentence (paragraph or table cell) it was read from.
    pub sentence: String,
}

/// A field the document did not give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// The field, left empty (or at its standard value) in the draft.
    pub path: FieldPath,
    /// Whether a convention must have it: a missing required field makes
    /// the import incomplete.
    pub required: bool,
}

/// A value read but doubtful, for the drafter to confirm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsure {
    /// The field.
    pub path: FieldPath,
    /// Why it is doubtful, in French: « deux montants différents pour
    /// 2023 », « phase déduite du mot « accélération » ».
    pub reason: String,
}

/// A passage of the document that matched no known clause, kept so that
/// nothing is dropped silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmatched {
    /// The field nearest to where it stood in the document.
    pub near: FieldPath,
    /// The passage, as written.
    pub text: String,
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.required {
            "obligatoire"
        } else {
            "facultatif"
        };
        write!(f, "{} ({kind})", self.path.label())
    }
}

impl fmt::Display for Unsure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} : {}", self.path.label(), self.reason)
    }
}

impl fmt::Display for Unmatched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "près de « {} » : « {} »", self.near.label(), self.text)
    }
}
