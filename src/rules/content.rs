//! Content rules: what décret n° 2004-1085 (art. 2) requires the written
//! delegation to state, and the texts it cites.

use chrono::Datelike;

use super::{Emitter, blank};
use crate::model::{Draft, Field, date};

/// Puts the dashes and spaces people type in legal references into one form.
fn normalize_dashes(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            '\u{a0}' | '\u{202f}' => ' ',
            other => other,
        })
        .collect()
}

pub(super) fn visa_2004_1085(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let cited = draft.visas.iter().any(|visa| {
        normalize_dashes(visa)
            .replace(' ', "")
            .contains("2004-1085")
    });
    if !cited {
        out.warning(
            Field::Visas.path(),
            "Les visas ne citent pas le décret n° 2004-1085 du 14 octobre 2004 relatif à la délégation de gestion dans les services de l'État, sur lequel repose la convention.",
        );
    }
}

/// A text cited with its number and date, e.g. « décret n° 2004-1085 du 14
/// octobre 2004 ».
#[derive(Debug, PartialEq, Eq)]
struct Citation {
    /// « décret », « loi » or « ordonnance ».
    kind: String,
    /// The number as written, e.g. `2004-1085`.
    number: String,
    /// The year the number starts with.
    number_year: i32,
    /// The date as written, e.g. « 14 octobre 2004 ».
    date: String,
    /// The year of that date.
    date_year: i32,
}

/// Finds numbered, dated citations of décrets, lois and ordonnances.
fn citations(text: &str) -> Vec<Citation> {
    let text = normalize_dashes(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let trim = |word: &str| -> String {
        word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    };
    let mut found = Vec::new();
    for (index, word) in words.iter().enumerate() {
        let number = trim(word);
        let Some((year, rest)) = number.split_once('-') else {
            continue;
        };
        let is_number = year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_digit());
        if !is_number {
            continue;
        }
        let kind = words[index.saturating_sub(4)..index]
            .iter()
            .rev()
            .map(|w| trim(w))
            .find(|w| w.starts_with("décret") || w == "loi" || w == "ordonnance");
        let Some(kind) = kind else {
            continue;
        };
        if words.get(index + 1).map(|w| trim(w)) != Some("du".to_owned()) {
            continue;
        }
        let Some(date_words) = words.get(index + 2..index + 5) else {
            continue;
        };
        let date_text = date_words
            .iter()
            .map(|w| trim(w))
            .collect::<Vec<_>>()
            .join(" ");
        let Some(date) = date::parse_french_words(&date_text) else {
            continue;
        };
        let Ok(number_year) = year.parse() else {
            continue;
        };
        found.push(Citation {
            kind: if kind.starts_with("décret") {
                "décret".into()
            } else {
                kind
            },
            number: number.clone(),
            number_year,
            date: date_text,
            date_year: date.year(),
        });
    }
    found
}

pub(super) fn decree_year(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, visa) in draft.visas.iter().enumerate() {
        for citation in citations(visa) {
            if citation.number_year != citation.date_year {
                out.warning(
                    Field::Visa.at(index),
                    format!(
                        "Le {} n° {} est daté du {} : l'année de son numéro ({}) ne correspond pas à celle de sa date ({}). Vérifiez le numéro ou la date.",
                        citation.kind,
                        citation.number,
                        citation.date,
                        citation.number_year,
                        citation.date_year
                    ),
                );
            }
        }
    }
}

pub(super) fn empty_visa(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, visa) in draft.visas.iter().enumerate() {
        if blank(visa) {
            out.warning(
                Field::Visa.at(index),
                format!(
                    "Le visa n° {} est vide : complétez-le ou supprimez-le.",
                    index + 1
                ),
            );
        }
    }
}

pub(super) fn purpose(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if blank(&draft.object.purpose) {
        out.error(
            Field::Purpose.path(),
            "Indiquez l'objet de la délégation : ce que les crédits permettront de faire (par exemple « recourir à des prestations de coaching »).",
        );
    }
}

pub(super) fn beneficiary(draft: &Draft, out: &mut Emitter<'_, '_>) {
    // One Startup d'État named is a beneficiary enough.
    if blank(&draft.object.beneficiary) && blank(&draft.object.startup.name) {
        out.error(
            Field::Beneficiary.path(),
            "Indiquez le bénéficiaire : l'équipe ou le service accompagné, avec son article (par exemple « l'atelier numérique »), ou le nom de la Startup d'État accompagnée.",
        );
    }
}

pub(super) fn phase(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if draft.object.phase.is_none() {
        out.error(
            Field::Phase.path(),
            "Choisissez la phase de la Startup d'État (investigation, construction, accélération, consolidation ou transfert) : l'article 1 la mentionne.",
        );
    }
}

pub(super) fn commitments(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, commitment) in draft.commitments.iter().enumerate() {
        if blank(&commitment.text) {
            out.error(
                Field::CommitmentText.at(index),
                format!(
                    "L'engagement n° {} est vide : complétez-le ou supprimez-le.",
                    index + 1
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn the_2004_1085_visa() {
        let mut draft = reference();
        draft.visas.remove(0);
        assert_eq!(
            fired(&draft, "content.visa-decret-2004-1085"),
            [warning("visas")]
        );
        draft
            .visas
            .push("le décret n°\u{a0}2004\u{2011}1085 du 14 octobre 2004".into());
        assert!(fired(&draft, "content.visa-decret-2004-1085").is_empty());
        assert!(fired(&reference(), "content.visa-decret-2004-1085").is_empty());
    }

    #[test]
    fn citations_are_found() {
        let found = citations(
            "Vu le décret n° 2012-1246 du 7 novembre 2012 et la loi organique n° 2001-692 du 1er août 2001,",
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].number, "2012-1246");
        assert_eq!(found[1].kind, "loi");
        assert_eq!(found[1].date_year, 2001);
        assert!(citations("arrêté du 3 mars 2020 et circulaire 5608/SG").is_empty());
    }

    #[test]
    fn a_decree_whose_number_and_date_disagree() {
        let mut draft = reference();
        draft.visas[1] =
            "le décret n° 2014-1085 du 14 octobre 2004 relatif à la délégation de gestion".into();
        assert_eq!(fired(&draft, "content.decree-year"), [warning("visas[1]")]);
        assert!(fired(&reference(), "content.decree-year").is_empty());
    }

    #[test]
    fn empty_visas() {
        let mut draft = reference();
        draft.visas.push(" ".into());
        assert_eq!(fired(&draft, "content.empty-visa"), [warning("visas[2]")]);
    }

    #[test]
    fn object_fields() {
        let mut draft = reference();
        draft.object.purpose.clear();
        draft.object.beneficiary = "\t".into();
        draft.object.phase = None;
        assert_eq!(fired(&draft, "content.purpose"), [error("object.purpose")]);
        assert_eq!(
            fired(&draft, "content.beneficiary"),
            [error("object.beneficiary")]
        );
        assert_eq!(fired(&draft, "content.phase"), [error("object.phase")]);
        draft.object.startup.name = "Rétro-Archives".into();
        assert!(fired(&draft, "content.beneficiary").is_empty());
        for id in ["content.purpose", "content.beneficiary", "content.phase"] {
            assert!(fired(&reference(), id).is_empty());
        }
    }

    #[test]
    fn empty_commitments() {
        let mut draft = reference();
        draft.commitments[2].text.clear();
        assert_eq!(
            fired(&draft, "content.commitments"),
            [error("commitments[2].text")]
        );
    }
}
