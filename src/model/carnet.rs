//! The carnet des parties: the délégants of earlier drafts (name, short
//! name, address, who signs and as what), gathered as drafts are opened
//! and saved, offered again as the drafter types a délégant's name. Kept
//! with the app's preferences; no user interface here.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization as _;

use super::{Contact, Party};

/// How many parties the carnet keeps (the least recently seen go first).
pub const CARNET_LIMIT: usize = 200;

/// The parties remembered, most recently seen first, one per name (names
/// compared without case, accents or extra spaces).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Carnet {
    /// The contacts, most recently seen first.
    pub contacts: Vec<Contact>,
}

impl Carnet {
    /// Remembers a party: a new name goes first; a known one moves first,
    /// its fields updated with those the party fills in (an empty field
    /// keeps what was known). A party without a name is passed over.
    /// Returns whether the carnet changed.
    pub fn collect(&mut self, party: &Party) -> bool {
        let seen = Contact::of(party);
        let key = folded(&seen.name);
        if key.is_empty() {
            return false;
        }
        let before = self.contacts.first().cloned();
        let position = self.contacts.iter().position(|c| folded(&c.name) == key);
        let contact = match position {
            None => seen,
            Some(index) => {
                let mut known = self.contacts.remove(index);
                let fields = [
                    (&mut known.name, seen.name),
                    (&mut known.short_name, seen.short_name),
                    (&mut known.address, seen.address),
                    (&mut known.representative, seen.representative),
                    (&mut known.title, seen.title),
                ];
                for (field, value) in fields {
                    if !value.is_empty() {
                        *field = value;
                    }
                }
                known.gender = seen.gender.or(known.gender);
                known
            }
        };
        let changed = before.as_ref() != Some(&contact);
        self.contacts.insert(0, contact);
        self.contacts.truncate(CARNET_LIMIT);
        changed
    }

    /// The contacts `typed` may start, best first: those whose name starts
    /// with it, then those whose short name does, then those with a word of
    /// the name that does (« affaires » finds « Ministère de l'Europe et des
    /// Affaires étrangères »); without case or accents. Each contact is
    /// given with its index. Nothing for fewer than two letters, nor for
    /// the exact name of a contact already typed in full.
    pub fn matches(&self, typed: &str) -> Vec<(usize, &Contact)> {
        let typed = folded(typed);
        if typed.chars().count() < 2 {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, usize, &Contact)> = self
            .contacts
            .iter()
            .enumerate()
            .filter_map(|(index, contact)| {
                let name = folded(&contact.name);
                if name == typed {
                    return None;
                }
                let rank = if name.starts_with(&typed) {
                    0
                } else if folded(&contact.short_name).starts_with(&typed) {
                    1
                } else if from_a_word(&name, &typed) {
                    2
                } else {
                    return None;
                };
                Some((rank, index, contact))
            })
            .collect();
        ranked.sort_by_key(|&(rank, index, _)| (rank, index));
        ranked
            .into_iter()
            .map(|(_, index, contact)| (index, contact))
            .collect()
    }

    /// Forgets the contact at `index` (nothing when there is none).
    pub fn remove(&mut self, index: usize) {
        if index < self.contacts.len() {
            self.contacts.remove(index);
        }
    }
}

/// Whether `typed` starts at a word of `name` (« affaires etr » in
/// « ministere de l'europe et des affaires etrangeres »).
fn from_a_word(name: &str, typed: &str) -> bool {
    let mut previous = None;
    name.char_indices().any(|(index, c)| {
        let starts = c.is_alphanumeric() && previous.is_none_or(|p: char| !p.is_alphanumeric());
        previous = Some(c);
        starts && name[index..].starts_with(typed)
    })
}

/// The text as names are compared: lower case, without accents, spaces
/// collapsed, typographic apostrophes as plain ones.
pub fn folded(text: &str) -> String {
    let bare: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Representative;

    fn party(name: &str, short: &str, signatory: &str) -> Party {
        Party {
            name: name.into(),
            short_name: short.into(),
            address: format!("Adresse de {short}"),
            gender: None,
            representative: Representative {
                name: signatory.into(),
                title: "Directeur".into(),
            },
        }
    }

    #[test]
    fn collects_once_per_name_and_updates() {
        let mut carnet = Carnet::default();
        assert!(carnet.collect(&party("Ministère de la Culture", "MC", "Mme A")));
        assert!(carnet.collect(&party("Ministère de l'Europe", "MEAE", "M. B")));
        // The same name, typed otherwise: one contact, updated, first again.
        let mut again = party("  ministere de la  CULTURE ", "", "Mme C");
        again.address.clear();
        assert!(carnet.collect(&again));
        assert_eq!(carnet.contacts.len(), 2);
        let culture = &carnet.contacts[0];
        assert_eq!(culture.representative, "Mme C");
        assert_eq!(
            culture.short_name, "MC",
            "an empty field keeps what was known"
        );
        assert_eq!(culture.address, "Adresse de MC");
        // Seen again unchanged: nothing to store.
        assert!(!carnet.collect(&again));
        assert!(!carnet.collect(&Party::default()), "no name, no contact");
    }

    #[test]
    fn the_carnet_is_bounded() {
        let mut carnet = Carnet::default();
        for i in 0..CARNET_LIMIT + 5 {
            carnet.collect(&party(&format!("Ministère {i}"), "M", "X"));
        }
        assert_eq!(carnet.contacts.len(), CARNET_LIMIT);
        assert_eq!(
            carnet.contacts[0].name,
            format!("Ministère {}", CARNET_LIMIT + 4)
        );
    }

    #[test]
    fn matches_by_prefix_without_accents_or_case() {
        let mut carnet = Carnet::default();
        carnet.collect(&party(
            "Ministère de l'Europe et des Affaires étrangères",
            "MEAE",
            "M. B",
        ));
        carnet.collect(&party("Ministère de la Culture", "MC", "Mme A"));
        carnet.collect(&party("Agence du numérique", "ANUM", "M. D"));
        let names = |typed: &str| -> Vec<String> {
            carnet
                .matches(typed)
                .into_iter()
                .map(|(_, contact)| contact.short_name.clone())
                .collect()
        };
        assert_eq!(names("minis"), ["MC", "MEAE"], "most recent first");
        assert_eq!(names("MINISTERE DE LA C"), ["MC"]);
        assert_eq!(names("meae"), ["MEAE"]);
        assert_eq!(
            names("etrang"),
            ["MEAE"],
            "a word of the name, accents aside"
        );
        assert_eq!(names("Affaires étr"), ["MEAE"], "words of the name");
        assert_eq!(names("l'europe"), ["MEAE"]);
        assert_eq!(names("numérique"), ["ANUM"]);
        assert!(names("m").is_empty(), "one letter is too few");
        assert!(
            names("Ministère de la Culture").is_empty(),
            "already typed in full"
        );
        assert!(names("xyz").is_empty());
    }

    #[test]
    fn a_contact_fills_a_party_and_back() {
        let original = party("Ministère de la Culture", "MC", "Mme A");
        let contact = Contact::of(&original);
        assert_eq!(contact.party(), original);
        assert_eq!(contact.label(), "Ministère de la Culture (MC)");
    }

    #[test]
    fn folding_drops_accents_case_and_spaces() {
        assert_eq!(
            folded("  Ministère de l’Éducation  NATIONALE "),
            "ministere de l'education nationale"
        );
        assert_eq!(folded("Œuvre"), "œuvre");
    }
}
