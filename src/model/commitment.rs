//! A commitment of the délégant toward beta.gouv practice (Article 2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One of the « autres engagements » of Article 2, with an optional note
/// (usually the address of the guide it refers to).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Commitment {
    /// The commitment, starting with a verb: « mesurer et diffuser l'impact
    /// des services développés… ».
    #[serde(default)]
    pub text: String,
    /// A footnote for the commitment, e.g. the address of a guide.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Commitment {
    /// A commitment from its text and note.
    pub fn new(text: &str, note: &str) -> Self {
        Self {
            text: text.to_owned(),
            note: note.to_owned(),
        }
    }
}

json_object!(Commitment);
