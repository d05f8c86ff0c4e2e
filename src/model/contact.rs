//! One entry of the carnet des parties: a délégant as it fills a draft's
//! party.

use serde::{Deserialize, Serialize};

use super::{Gender, Party, Representative};

/// One party remembered: what fills a délégant's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// Full name, e.g. « Ministère de l'Europe et des Affaires étrangères ».
    pub name: String,
    /// Short name, e.g. « MEAE ».
    pub short_name: String,
    /// Postal address.
    pub address: String,
    /// Gender of the short name, when one was given.
    pub gender: Option<Gender>,
    /// Who signs, e.g. « M. Fabien FIESCHI ».
    pub representative: String,
    /// As what, e.g. « Directeur du numérique ».
    pub title: String,
}

impl Contact {
    /// The contact a party gives.
    pub fn of(party: &Party) -> Self {
        Self {
            name: party.name.split_whitespace().collect::<Vec<_>>().join(" "),
            short_name: party.short_name.trim().to_owned(),
            address: party.address.trim().to_owned(),
            gender: party.gender,
            representative: party.representative.name.trim().to_owned(),
            title: party.representative.title.trim().to_owned(),
        }
    }

    /// The party it fills in.
    pub fn party(&self) -> Party {
        Party {
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            address: self.address.clone(),
            gender: self.gender,
            representative: Representative {
                name: self.representative.clone(),
                title: self.title.clone(),
            },
        }
    }

    /// « Ministère … (MEAE) », as a suggestion reads.
    pub fn label(&self) -> String {
        if self.short_name.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.short_name)
        }
    }
}
