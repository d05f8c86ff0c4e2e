//! The RGPD responsibility matrix of Annexe 1.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One row of the matrix: a topic and what each party answers for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct RgpdRow {
    /// The topic, e.g. « Violation de données ».
    #[serde(default)]
    pub topic: String,
    /// What the DINUM (délégataire) answers for. Paragraphs are separated
    /// by line breaks.
    #[serde(default)]
    pub delegataire: String,
    /// What the délégant answers for. Paragraphs are separated by line
    /// breaks.
    #[serde(default)]
    pub delegant: String,
}

impl RgpdRow {
    /// A row from its three texts.
    pub fn new(topic: &str, delegataire: &str, delegant: &str) -> Self {
        Self {
            topic: topic.to_owned(),
            delegataire: delegataire.to_owned(),
            delegant: delegant.to_owned(),
        }
    }
}

json_object!(RgpdRow);
