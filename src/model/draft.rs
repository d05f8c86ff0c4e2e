//! The draft: everything a convention says that varies from one to the next.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Budget, Chorus, Commitment, Object, Party, Review, RgpdRow, date, standard};

/// The version of the draft format this program reads and writes.
pub const FORMAT_VERSION: u32 = 3;

/// The oldest version of the draft format this program reads. Version 1
/// had no review block (it reads with an empty review); version 2 had no
/// Startup d'État nor programme label (they read empty, but a beneficiary
/// typed as « la Startup d'État « X » » gives the Startup d'État's name:
/// see [`super::io::parse`]).
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// A convention de délégation de gestion being drafted: the content of a
/// draft file (`format_version` 3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(
    title = "Brouillon de convention de délégation de gestion",
    description = "Format des brouillons de Convention (DINUM). Les montants sont des euros exacts au centime, les dates sont au format AAAA-MM-JJ."
)]
pub struct Draft {
    /// Address of the JSON Schema, for editors that validate as you type.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the format: 3 (version 1 and 2 files still open, and are
    /// saved as version 3).
    pub format_version: u32,
    /// Title of the document.
    #[serde(default = "standard::title")]
    pub title: String,
    /// The ministry that delegates its credits.
    #[serde(default)]
    pub delegant: Party,
    /// The service that spends them: the DINUM.
    #[serde(default)]
    pub delegataire: Party,
    /// The texts cited after « Vu », one per entry, without the « Vu ».
    #[serde(default, deserialize_with = "crate::model::limits::capped")]
    pub visas: Vec<String>,
    /// The object: beneficiary, purpose, phase.
    #[serde(default)]
    pub object: Object,
    /// The délégant's « autres engagements » of Article 2. Absent: the
    /// standard list.
    #[serde(
        default = "standard::commitments",
        deserialize_with = "crate::model::limits::capped"
    )]
    pub commitments: Vec<Commitment>,
    /// The UO and the yearly AE/CP schedule.
    #[serde(default)]
    pub budget: Budget,
    /// The Chorus references.
    #[serde(default)]
    pub chorus: Chorus,
    /// Where and when the convention is signed.
    #[serde(default)]
    pub signature: Signature,
    /// The last day of the convention.
    #[serde(default, with = "date::optional_iso")]
    #[schemars(with = "Option<NaiveDate>")]
    pub end_date: Option<NaiveDate>,
    /// Notice for ending the delegation early, in months (Article 7).
    #[serde(default = "standard::notice_months")]
    pub notice_months: u32,
    /// Annexe 1: who answers for what under the RGPD.
    #[serde(default, deserialize_with = "crate::model::limits::capped_rgpd")]
    pub rgpd_matrix: Vec<RgpdRow>,
    /// The review: status, its history, the reviewers' comments. Absent
    /// for a draft nobody has reviewed yet (and in version 1 files).
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
}

/// Where and when the parties sign.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Signature {
    /// The city, e.g. « Paris ».
    #[serde(default)]
    pub place: String,
    /// The day of signature, which is also when the convention takes effect.
    #[serde(default, with = "date::optional_iso")]
    #[schemars(with = "Option<NaiveDate>")]
    pub date: Option<NaiveDate>,
}

impl Draft {
    /// A new draft: the standard text (visas, commitments, RGPD matrix, the
    /// DINUM as délégataire) and nothing specific to a convention yet.
    pub fn blank() -> Self {
        Self {
            schema: None,
            format_version: FORMAT_VERSION,
            title: standard::title(),
            delegant: Party::default(),
            delegataire: standard::dinum(),
            visas: standard::visas(),
            object: Object::default(),
            commitments: standard::commitments(),
            budget: Budget::default(),
            chorus: Chorus::default(),
            signature: Signature {
                place: "Paris".to_owned(),
                date: None,
            },
            end_date: None,
            notice_months: standard::notice_months(),
            rgpd_matrix: standard::rgpd_matrix(),
            review: Review::default(),
        }
    }

    /// The draft without what is not its content: its review and the
    /// address of its schema, at the oldest format version that says it
    /// (version 2 unless it names a Startup d'État or a programme label).
    /// Two drafts with the same content give the same document and the same
    /// hash, and a draft that uses nothing of version 3 keeps the hash its
    /// documents were exported with before (a reviewed DOCX of then still
    /// imports).
    pub fn content(&self) -> Draft {
        // A Startup d'État read from a version 2 beneficiary (« la Startup
        // d'État « X » », see the migration) says nothing the beneficiary
        // did not: the content stays version 2's, and so does its hash, so
        // documents exported before the upgrade still match their draft.
        let startup = &self.object.startup;
        let derived = startup.url.trim().is_empty()
            && !startup.name.trim().is_empty()
            && super::Startup::named_in(&self.object.beneficiary)
                .is_some_and(|name| name == startup.name.trim());
        let mut content = Draft {
            schema: None,
            review: Review::default(),
            ..self.clone()
        };
        if derived {
            content.object.startup = Default::default();
        }
        let uses_version_3 =
            !content.object.startup.is_empty() || !content.budget.programme_label.is_empty();
        content.format_version = if uses_version_3 { FORMAT_VERSION } else { 2 };
        content
    }

    /// Whether the draft is signed, and so changes only by avenant.
    pub fn is_signed(&self) -> bool {
        self.review.status == super::Status::Signe
    }

    /// How many rows a list of the draft has (0 for a field that is not a
    /// list).
    pub fn row_count(&self, list: super::Field) -> usize {
        use super::Field;
        match list {
            Field::Visas => self.visas.len(),
            Field::Commitments => self.commitments.len(),
            Field::Schedule => self.budget.schedule.len(),
            Field::Activites => self.chorus.activites.len(),
            Field::RgpdMatrix => self.rgpd_matrix.len(),
            _ => 0,
        }
    }

    /// The first and last budget years the convention covers: the year of
    /// signature to the year of its end. `None` while either date is
    /// missing, outside [`super::date::PLAUSIBLE_YEARS`] or the end comes
    /// first.
    pub fn period_years(&self) -> Option<(i32, i32)> {
        use chrono::Datelike;
        let (signed, end) = (self.signature.date?, self.end_date?);
        if !super::date::plausible(signed) || !super::date::plausible(end) {
            return None;
        }
        let (start, end) = (signed.year(), end.year());
        (start <= end).then_some((start, end))
    }
}

impl Default for Draft {
    fn default() -> Self {
        Self::blank()
    }
}

json_object!(Draft, Signature);
