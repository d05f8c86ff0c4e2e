//! Chorus rules: code formats, the centre financier, one programme for all.

use super::Emitter;
use crate::model::code::{
    Programme, parse_activite, parse_centre_de_cout, parse_domaine_fonctionnel, parse_uo,
};
use crate::model::programmes::Catalogue;
use crate::model::{Draft, Field, FieldPath};

pub(super) fn uo_format(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if let Err(reason) = parse_uo(&draft.budget.uo) {
        out.error(Field::Uo.path(), format!("UO : {reason}."));
    }
}

pub(super) fn centre_financier_format(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if let Err(reason) = parse_uo(&draft.chorus.centre_financier) {
        out.error(
            Field::CentreFinancier.path(),
            format!("Centre financier : {reason}."),
        );
    }
}

pub(super) fn centre_financier_is_uo(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let (Ok(uo), Ok(centre)) = (
        parse_uo(&draft.budget.uo),
        parse_uo(&draft.chorus.centre_financier),
    ) else {
        return;
    };
    if uo.canonical != centre.canonical {
        out.error(
            Field::CentreFinancier.path(),
            format!(
                "Le centre financier ({}) n'est pas l'UO de la délégation ({}) : les crédits délégués sont ceux de l'UO.",
                centre.canonical, uo.canonical
            ),
        );
    }
}

pub(super) fn domaine_fonctionnel_format(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if let Err(reason) = parse_domaine_fonctionnel(&draft.chorus.domaine_fonctionnel) {
        out.error(
            Field::DomaineFonctionnel.path(),
            format!("Domaine fonctionnel : {reason}."),
        );
    }
}

pub(super) fn activite_required(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if draft.chorus.activites.is_empty() {
        out.error(
            Field::Activites.path(),
            "Aucune activité Chorus : ajoutez au moins l'activité sur laquelle imputer la dépense.",
        );
    }
}

pub(super) fn activite_format(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, activite) in draft.chorus.activites.iter().enumerate() {
        if let Err(reason) = parse_activite(&activite.code) {
            out.error(
                Field::ActiviteCode.at(index),
                format!("Activité : {reason}."),
            );
        }
    }
}

pub(super) fn activite_duplicate(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let activites = &draft.chorus.activites;
    for (index, activite) in activites.iter().enumerate() {
        if activite.code.trim().is_empty() {
            continue;
        }
        if activites[..index].iter().any(|a| a.code == activite.code) {
            out.warning(
                Field::ActiviteCode.at(index),
                format!(
                    "L'activité {} est citée deux fois : supprimez le doublon.",
                    activite.code
                ),
            );
        }
    }
}

pub(super) fn centre_de_cout_format(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if let Err(reason) = parse_centre_de_cout(&draft.chorus.centre_de_cout) {
        out.error(
            Field::CentreDeCout.path(),
            format!("Centre de coût : {reason}."),
        );
    }
}

pub(super) fn programme_known(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let Ok(uo) = parse_uo(&draft.budget.uo) else {
        return;
    };
    let catalogue = Catalogue::built_in();
    if catalogue.programme(uo.programme).is_none() {
        out.warning(
            Field::Uo.path(),
            format!(
                "UO : programme {} inconnu : il ne figure pas parmi les programmes du budget général de la loi de finances pour {} ; vérifiez le numéro.",
                uo.programme, catalogue.source.annee
            ),
        );
    }
}

pub(super) fn programme_ministry(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let Ok(uo) = parse_uo(&draft.budget.uo) else {
        return;
    };
    let catalogue = Catalogue::built_in();
    let Some(programme) = catalogue.programme(uo.programme) else {
        return;
    };
    let Some(ministry) = catalogue.ministry_of(programme) else {
        return;
    };
    let delegant = &draft.delegant;
    let named: Vec<&str> = catalogue
        .ministries_named_in(&[&delegant.name, &delegant.short_name])
        .map(|m| m.key.as_str())
        .collect();
    // A délégant that names no known ministry (an agency, a misspelling)
    // cannot be compared.
    if named.is_empty() || named.contains(&ministry.key.as_str()) {
        return;
    }
    out.warning(
        Field::Uo.path(),
        format!(
            "Le programme {} « {} » relève du {} ({}), pas du délégant « {} » : vérifiez l'UO ou le délégant.",
            programme.number,
            programme.label,
            lower_first(&ministry.minister),
            programme.mission,
            delegant.name.trim()
        ),
    );
}

/// « Ministre de la culture » becomes « ministre de la culture », to follow
/// « relève du ». « Premier ministre » and « Garde des sceaux » keep their
/// capital.
fn lower_first(text: &str) -> String {
    match text.strip_prefix("Ministre ") {
        Some(rest) => format!("ministre {rest}"),
        None => text.to_owned(),
    }
}

pub(super) fn one_programme(draft: &Draft, out: &mut Emitter<'_, '_>) {
    // Every well-formed code, with its field and name; malformed ones are
    // reported by the format rules.
    let mut codes: Vec<(FieldPath, &str, Programme)> = Vec::new();
    if let Ok(code) = parse_uo(&draft.budget.uo) {
        codes.push((Field::Uo.path(), "l'UO", code.programme));
    }
    if let Ok(code) = parse_uo(&draft.chorus.centre_financier) {
        codes.push((
            Field::CentreFinancier.path(),
            "le centre financier",
            code.programme,
        ));
    }
    if let Ok(code) = parse_domaine_fonctionnel(&draft.chorus.domaine_fonctionnel) {
        codes.push((
            Field::DomaineFonctionnel.path(),
            "le domaine fonctionnel",
            code.programme,
        ));
    }
    for (index, activite) in draft.chorus.activites.iter().enumerate() {
        if let Ok(code) = parse_activite(&activite.code) {
            codes.push((Field::ActiviteCode.at(index), "l'activité", code.programme));
        }
    }
    // The programme most codes share is taken as the right one; on a tie,
    // the UO's, as the subject of the delegation.
    let Some(programme) = majority(codes.iter().map(|(_, _, p)| *p)) else {
        return;
    };
    let Some((_, reference_name, _)) = codes.iter().find(|(_, _, p)| *p == programme) else {
        return;
    };
    for (path, name, other) in &codes {
        if *other != programme {
            out.error(
                *path,
                format!(
                    "{} relève du programme {other}, alors que {reference_name} relève du programme {programme} : tous les codes Chorus d'une délégation relèvent du même programme.",
                    capitalize(name)
                ),
            );
        }
    }
}

/// The most frequent item; on a tie, the one seen first.
fn majority<T: PartialEq + Copy>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(seen, _)| *seen == item) {
            Some((_, count)) => *count += 1,
            None => counts.push((item, 1)),
        }
    }
    let best = counts.iter().map(|(_, count)| *count).max()?;
    counts
        .into_iter()
        .find(|(_, count)| *count == best)
        .map(|(item, _)| item)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::Activite;

    #[test]
    fn formats() {
        let mut draft = reference();
        draft.budget.uo = "105-CRES-DNUM".into();
        draft.chorus.centre_financier = "0105-CRES".into();
        draft.chorus.domaine_fonctionnel = "0105-6".into();
        draft.chorus.centre_de_cout = "AECDSI40".into();
        draft.chorus.activites[0].code = "010501A6140".into();
        assert_eq!(fired(&draft, "chorus.uo-format"), [error("budget.uo")]);
        assert_eq!(
            fired(&draft, "chorus.centre-financier-format"),
            [error("chorus.centre_financier")]
        );
        assert_eq!(
            fired(&draft, "chorus.domaine-fonctionnel-format"),
            [error("chorus.domaine_fonctionnel")]
        );
        assert_eq!(
            fired(&draft, "chorus.centre-de-cout-format"),
            [error("chorus.centre_de_cout")]
        );
        assert_eq!(
            fired(&draft, "chorus.activite-format"),
            [error("chorus.activites[0].code")]
        );
        for id in [
            "chorus.uo-format",
            "chorus.centre-financier-format",
            "chorus.domaine-fonctionnel-format",
            "chorus.centre-de-cout-format",
            "chorus.activite-format",
        ] {
            assert!(fired(&reference(), id).is_empty(), "{id}");
        }
    }

    #[test]
    fn the_reference_programme_is_known_and_belongs_to_the_delegant() {
        // 0105, MEAE: both rules are silent.
        assert!(fired(&reference(), "chorus.programme-known").is_empty());
        assert!(fired(&reference(), "chorus.programme-ministry").is_empty());
    }

    #[test]
    fn an_unknown_programme_is_flagged() {
        let mut draft = reference();
        draft.budget.uo = "0999-CRES-DNUM".into();
        assert_eq!(
            fired(&draft, "chorus.programme-known"),
            [warning("budget.uo")]
        );
        let message = crate::rules::check(&draft)
            .into_iter()
            .find(|f| f.rule == "chorus.programme-known")
            .unwrap()
            .message;
        assert!(message.contains("programme 0999 inconnu"), "{message}");
        // An unknown programme has no ministry to compare.
        assert!(fired(&draft, "chorus.programme-ministry").is_empty());
    }

    #[test]
    fn a_programme_of_another_ministry_is_flagged_naming_both() {
        let mut draft = reference();
        draft.budget.uo = "0224-CRES-DNUM".into();
        assert!(fired(&draft, "chorus.programme-known").is_empty());
        assert_eq!(
            fired(&draft, "chorus.programme-ministry"),
            [warning("budget.uo")]
        );
        let message = crate::rules::check(&draft)
            .into_iter()
            .find(|f| f.rule == "chorus.programme-ministry")
            .unwrap()
            .message;
        assert!(message.contains("0224"), "{message}");
        assert!(message.contains("ministre de la culture"), "{message}");
        assert!(message.contains(&reference().delegant.name), "{message}");
    }

    #[test]
    fn other_sourced_programmes_match_their_ministries() {
        for (uo, delegant, short, flagged) in [
            (
                "0209-CRES-DNUM",
                "Ministère de l'Europe et des affaires étrangères",
                "MEAE",
                false,
            ),
            ("0175-PATR-DGPA", "Ministère de la Culture", "MC", false),
            (
                "0176-DGPN-CENT",
                "Ministère de l'Intérieur et des Outre-mer",
                "MIOM",
                false,
            ),
            ("0178-ARMT-ETAT", "Ministère des Armées", "MINARM", false),
            (
                "0129-SGG0-DINU",
                "Services du Premier ministre",
                "SPM",
                false,
            ),
            ("0176-DGPN-CENT", "Ministère de la Culture", "MC", true),
            ("0166-DSJ0-CENT", "Ministère des Armées", "MINARM", true),
            // An agency names no ministry: nothing to compare.
            (
                "0224-CRES-DNUM",
                "Agence nationale de la cohésion",
                "ANC",
                false,
            ),
        ] {
            let mut draft = reference();
            draft.budget.uo = uo.into();
            draft.chorus.centre_financier = uo.into();
            draft.delegant.name = delegant.into();
            draft.delegant.short_name = short.into();
            assert_eq!(
                !fired(&draft, "chorus.programme-ministry").is_empty(),
                flagged,
                "{uo} / {delegant}"
            );
        }
    }

    #[test]
    fn prefixed_and_two_part_codes_are_sound() {
        let mut draft = reference();
        draft.chorus.centre_financier = "AB00/0105-CRES-DNUM".into();
        draft.chorus.domaine_fonctionnel = "0105-06".into();
        assert!(
            crate::rules::check(&draft)
                .iter()
                .all(|f| !f.rule.starts_with("chorus."))
        );
    }

    #[test]
    fn centre_financier_must_be_the_uo() {
        let mut draft = reference();
        draft.chorus.centre_financier = "0105-CRES-DAJ1".into();
        assert_eq!(
            fired(&draft, "chorus.centre-financier-uo"),
            [error("chorus.centre_financier")]
        );
        assert!(fired(&reference(), "chorus.centre-financier-uo").is_empty());
    }

    #[test]
    fn activites() {
        let mut draft = reference();
        draft.chorus.activites.clear();
        assert_eq!(
            fired(&draft, "chorus.activite-required"),
            [error("chorus.activites")]
        );
        let mut two = reference();
        two.chorus.activites.push(Activite {
            code: "010501A61405".into(),
            label: String::new(),
        });
        assert!(
            crate::rules::check(&two)
                .iter()
                .all(|f| !f.rule.starts_with("chorus."))
        );
        two.chorus.activites.push(two.chorus.activites[0].clone());
        assert_eq!(
            fired(&two, "chorus.activite-duplicate"),
            [warning("chorus.activites[2].code")]
        );
    }

    #[test]
    fn one_programme_everywhere() {
        let mut draft = reference();
        draft.chorus.domaine_fonctionnel = "0129-06-08".into();
        draft.chorus.activites.push(Activite {
            code: "012901A61404".into(),
            label: String::new(),
        });
        assert_eq!(
            fired(&draft, "chorus.one-programme"),
            [
                error("chorus.domaine_fonctionnel"),
                error("chorus.activites[1].code")
            ]
        );
        assert!(fired(&reference(), "chorus.one-programme").is_empty());
    }

    #[test]
    fn the_odd_code_out_is_blamed_even_when_it_is_the_uo() {
        let mut draft = reference();
        draft.budget.uo = "0129-CRES-DNUM".into();
        assert_eq!(fired(&draft, "chorus.one-programme"), [error("budget.uo")]);
    }
}
