//! Party rules: each party is fully named and represented, and they differ.

use super::{Emitter, blank};
use crate::model::field::{DELEGANT, DELEGATAIRE, PartyFields};
use crate::model::{Draft, Field, Party};

fn parties(draft: &Draft) -> [(PartyFields, &'static str, &Party); 2] {
    [
        (DELEGANT, "du délégant", &draft.delegant),
        (DELEGATAIRE, "du délégataire", &draft.delegataire),
    ]
}

pub(super) fn required(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (fields, of_party, party) in parties(draft) {
        let [name, short_name, _gender, address, representative, title] = fields;
        let fields = [
            (name, "le nom", &party.name),
            (
                short_name,
                "le nom court (sigle employé dans le texte)",
                &party.short_name,
            ),
            (address, "l'adresse", &party.address),
            (
                representative,
                "le nom du représentant",
                &party.representative.name,
            ),
            (
                title,
                "la qualité du représentant",
                &party.representative.title,
            ),
        ];
        for (field, what, value) in fields {
            if blank(value) {
                out.error(field.path(), format!("Indiquez {what} {of_party}."));
            }
        }
    }
}

pub(super) fn distinct(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let same = |a: &str, b: &str| !blank(a) && a.trim().to_lowercase() == b.trim().to_lowercase();
    let (delegant, delegataire) = (&draft.delegant, &draft.delegataire);
    if same(&delegant.name, &delegataire.name) {
        out.error(
            Field::DelegataireName.path(),
            format!(
                "Le délégant et le délégataire portent le même nom (« {} ») : une délégation de gestion lie deux services différents.",
                delegataire.name.trim()
            ),
        );
    } else if same(&delegant.short_name, &delegataire.short_name) {
        out.error(
            Field::DelegataireShortName.path(),
            format!(
                "Le délégant et le délégataire ont le même nom court (« {} ») : le texte ne pourrait pas les distinguer.",
                delegataire.short_name.trim()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn every_party_field_is_required() {
        let mut draft = reference();
        draft.delegant.representative.name = "  ".into();
        draft.delegataire.address.clear();
        assert_eq!(
            fired(&draft, "parties.required"),
            [
                error("delegant.representative.name"),
                error("delegataire.address")
            ]
        );
        assert!(fired(&reference(), "parties.required").is_empty());
    }

    #[test]
    fn the_parties_differ() {
        let mut draft = reference();
        draft.delegant.short_name = "dinum".into();
        assert_eq!(
            fired(&draft, "parties.distinct"),
            [error("delegataire.short_name")]
        );
        draft.delegant = draft.delegataire.clone();
        assert_eq!(
            fired(&draft, "parties.distinct"),
            [error("delegataire.name")]
        );
        assert!(fired(&reference(), "parties.distinct").is_empty());
    }
}
