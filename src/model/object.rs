//! The object of the delegation: whom it serves, for what, at which phase.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Startup;

/// What the delegation pays for, as stated in the préambule and Article 1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Object {
    /// The team or service that benefits, with its article, e.g.
    /// « l'atelier numérique »: a service that hosts Startups d'État, or
    /// the one that carries [`Object::startup`] (then it may stay empty).
    #[serde(default)]
    pub beneficiary: String,
    /// The one Startup d'État the delegation serves, if it serves one
    /// (format version 3; left out of the file when empty).
    #[serde(default, skip_serializing_if = "Startup::is_empty")]
    pub startup: Startup,
    /// What the credits let it do, starting with a verb, e.g. « recourir à
    /// des prestations de coaching ».
    #[serde(default)]
    pub purpose: String,
    /// The Startup d'État phase the spending belongs to.
    #[serde(default)]
    pub phase: Option<Phase>,
}

/// The phases of a Startup d'État, as named in the préambule.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Understanding the problem and deciding whether to invest.
    Investigation,
    /// Building a first minimal service.
    Construction,
    /// Improving, extending and deploying a useful service.
    Acceleration,
    /// Finding a lasting home for the service.
    Consolidation,
    /// Handing the service over to its future owner.
    Transfert,
}

impl Phase {
    /// Every phase, in the order a service goes through them.
    pub const ALL: [Phase; 5] = [
        Phase::Investigation,
        Phase::Construction,
        Phase::Acceleration,
        Phase::Consolidation,
        Phase::Transfert,
    ];

    /// The phase's name in a sentence: « phase d'accélération ».
    pub fn french(self) -> &'static str {
        match self {
            Phase::Investigation => "phase d'investigation",
            Phase::Construction => "phase de construction",
            Phase::Acceleration => "phase d'accélération",
            Phase::Consolidation => "phase de consolidation",
            Phase::Transfert => "phase de transfert",
        }
    }

    /// The phase's short label for menus: « Accélération ».
    pub fn label(self) -> &'static str {
        match self {
            Phase::Investigation => "Investigation",
            Phase::Construction => "Construction",
            Phase::Acceleration => "Accélération",
            Phase::Consolidation => "Consolidation",
            Phase::Transfert => "Transfert",
        }
    }

    /// The identifier used in draft files: `acceleration`.
    pub fn id(self) -> &'static str {
        match self {
            Phase::Investigation => "investigation",
            Phase::Construction => "construction",
            Phase::Acceleration => "acceleration",
            Phase::Consolidation => "consolidation",
            Phase::Transfert => "transfert",
        }
    }
}

json_object!(Object);
