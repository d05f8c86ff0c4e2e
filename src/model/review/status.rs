//! Where a draft stands in its review: drafted, under review, approved,
//! signed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The review status of a draft.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being drafted by the DINUM.
    #[default]
    Brouillon,
    /// Sent to the ministry for review.
    EnRelecture,
    /// Approved by both parties, ready to sign.
    Valide,
    /// Signed: it changes only by avenant.
    Signe,
}

impl Status {
    /// Every status, in the order a convention goes through them.
    pub const ALL: [Status; 4] = [
        Status::Brouillon,
        Status::EnRelecture,
        Status::Valide,
        Status::Signe,
    ];

    /// Its identifier in draft files and reports: `en_relecture`.
    pub fn id(self) -> &'static str {
        match self {
            Status::Brouillon => "brouillon",
            Status::EnRelecture => "en_relecture",
            Status::Valide => "valide",
            Status::Signe => "signe",
        }
    }

    /// Its name for people: « En relecture ».
    pub fn label(self) -> &'static str {
        match self {
            Status::Brouillon => "Brouillon",
            Status::EnRelecture => "En relecture",
            Status::Valide => "Validé",
            Status::Signe => "Signé",
        }
    }

    /// The status an identifier names.
    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.id() == id)
    }
}
