//! The Chorus imputation: where the spending is recorded in the State's
//! financial system.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The budget and analytical references of Article 5.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Chorus {
    /// Axe ministériel 1, when the ministry uses one (often empty).
    #[serde(default)]
    pub axe_ministeriel_1: String,
    /// Domaine fonctionnel: `PPPP-AA` or `PPPP-AA-SS`, e.g. `0105-06-08`.
    #[serde(default)]
    pub domaine_fonctionnel: String,
    /// Centre financier, the same as the UO: `PPPP-BBBB-UUUU`.
    #[serde(default)]
    pub centre_financier: String,
    /// The activités, at least one.
    #[serde(default, deserialize_with = "crate::model::limits::capped")]
    pub activites: Vec<Activite>,
    /// Centre de coût: 10 letters or digits, e.g. `AECDSI4092`.
    #[serde(default)]
    pub centre_de_cout: String,
}

/// One Chorus activité.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Activite {
    /// 12 characters, the first 4 being the programme, e.g. `010501A61404`.
    #[serde(default)]
    pub code: String,
    /// What the code stands for, e.g. « domaine action diplomatique ».
    #[serde(default)]
    pub label: String,
}

json_object!(Chorus, Activite);
