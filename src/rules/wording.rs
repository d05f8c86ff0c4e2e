//! Wording rules: what a jurist re-reading the convention corrects in the
//! typed text — a visa citing a text without « n° », « Etat » without its
//! accent, « interim » for « intérim », a name written two ways, « CEDEX »
//! and « Cedex » mixed. Each finding gives its fix.

use super::Emitter;
use crate::model::{Draft, Field, FieldPath};

/// The kinds of texts a visa cites by number.
const CITED: [&str; 5] = ["décret", "loi", "ordonnance", "arrêté", "circulaire"];

pub(super) fn visa_number(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, visa) in draft.visas.iter().enumerate() {
        let unnumbered = unnumbered_citations(visa);
        if unnumbered.is_empty() {
            continue;
        }
        let fixed: Vec<String> = unnumbered
            .iter()
            .map(|(kind, number)| format!("« {kind} n° {number} »"))
            .collect();
        let cited: Vec<String> = unnumbered
            .iter()
            .map(|(kind, number)| format!("« {kind} {number} »"))
            .collect();
        out.warning(
            Field::Visa.at(index),
            format!(
                "{} : {} — le numéro d'un texte cité s'écrit après « n° ». Écrivez {}.",
                Field::Visa.at(index).label_in(draft),
                cited.join(", "),
                fixed.join(", ")
            ),
        );
    }
}

/// The texts cited by their number without « n° »: (« décret »,
/// « 2004-1085 »).
fn unnumbered_citations(text: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    for pair in words.windows(2) {
        // « l'arrêté » is the arrêté.
        let kind = pair[0]
            .rsplit(['\'', '’'])
            .next()
            .unwrap_or_default()
            .trim_start_matches(|c: char| !c.is_alphabetic());
        let number = pair[1].trim_end_matches(|c: char| !c.is_ascii_digit());
        let is_kind = CITED.contains(&kind.to_lowercase().as_str());
        let is_number = number.split_once(['-', '\u{2011}']).is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        });
        if is_kind && is_number {
            found.push((kind.to_owned(), number.to_owned()));
        }
    }
    found
}

pub(super) fn etat(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (path, text) in texts(draft, out) {
        if has_word(text, |word| word == "Etat" || word == "Etats") {
            out.warning(
                path,
                format!(
                    "{} : « Etat » s'écrit avec son accent, même en capitale : « État ».",
                    path.label_in(draft)
                ),
            );
        }
    }
}

pub(super) fn interim(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (path, text) in texts(draft, out) {
        if has_word(text, |word| {
            let word = word.to_lowercase();
            word == "interim" || word.starts_with("interimaire")
        }) {
            out.warning(
                path,
                format!(
                    "{} : « interim » s'écrit avec un accent : « intérim » (« par intérim »).",
                    path.label_in(draft)
                ),
            );
        }
    }
}

pub(super) fn name_two_ways(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let names = [
        (Field::DelegantName, draft.delegant.name.trim()),
        (Field::DelegantShortName, draft.delegant.short_name.trim()),
        (Field::DelegataireName, draft.delegataire.name.trim()),
        (
            Field::DelegataireShortName,
            draft.delegataire.short_name.trim(),
        ),
    ];
    // Visas quote the titles of texts as the Journal officiel writes them:
    // they are not the draft's own wording.
    let texts: Vec<(FieldPath, Vec<char>)> = texts(draft, out)
        .into_iter()
        .filter(|(path, _)| path.field() != Field::Visa)
        .map(|(path, text)| (path, text.chars().collect()))
        .collect();
    let mut reported: Vec<(FieldPath, String)> = Vec::new();
    for (field, name) in names {
        if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        let name_chars: Vec<char> = name.chars().collect();
        for (path, text) in &texts {
            if *path == field.path() {
                continue;
            }
            for other in spellings(text, &name_chars) {
                if same_spelling(&other, name) || reported.contains(&(*path, other.clone())) {
                    continue;
                }
                out.warning(
                    *path,
                    format!(
                        "{} : « {other} » s'écrit « {name} » ailleurs ({}) ; écrivez ce nom d'une seule façon.",
                        path.label_in(draft),
                        field.path().label_in(draft).to_lowercase()
                    ),
                );
                reported.push((*path, other));
            }
        }
    }
}

pub(super) fn cedex(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let mut found: Vec<(FieldPath, String)> = Vec::new();
    for (path, text) in texts(draft, out) {
        for word in words(text) {
            if word.eq_ignore_ascii_case("cedex") && !found.contains(&(path, word.to_owned())) {
                found.push((path, word.to_owned()));
            }
        }
    }
    let mixed = found.iter().any(|(_, word)| *word != found[0].1);
    if !mixed {
        return;
    }
    let mut named: Vec<FieldPath> = Vec::new();
    for (path, word) in &found {
        if word == "CEDEX" || named.contains(path) {
            continue;
        }
        named.push(*path);
        out.warning(
            *path,
            format!(
                "{} : « {word} » ici, une autre graphie ailleurs ; écrivez « CEDEX » partout, en capitales, comme la norme postale.",
                path.label_in(draft)
            ),
        );
    }
}

/// Every text of the draft's fields that is not blank, with its field
/// (the review block, which is no field, left out).
fn texts<'s>(draft: &Draft, out: &Emitter<'_, 's>) -> Vec<(FieldPath, &'s str)> {
    out.texts(draft)
        .iter()
        .filter_map(|text| Some((text.field?, text.text)))
        .filter(|(_, text)| !text.trim().is_empty())
        .collect()
}

/// The words of a text (letters and digits; apostrophes part them).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

fn has_word(text: &str, test: impl Fn(&str) -> bool) -> bool {
    words(text).any(test)
}

/// The ways `name` is written in `text`, as whole words, case aside (and
/// apostrophes and spaces of either kind taken as one).
fn spellings(chars: &[char], name: &[char]) -> Vec<String> {
    let mut found = Vec::new();
    if name.is_empty() || chars.len() < name.len() {
        return found;
    }
    for start in 0..=chars.len() - name.len() {
        let end = start + name.len();
        let bounded = (start == 0 || !chars[start - 1].is_alphanumeric())
            && chars.get(end).is_none_or(|c| !c.is_alphanumeric());
        if bounded
            && chars[start..end]
                .iter()
                .zip(name)
                .all(|(a, b)| fold(*a) == fold(*b))
            && !in_address(chars, start, end)
        {
            found.push(chars[start..end].iter().collect());
        }
    }
    found
}

/// Whether `start..end` lies in an address or an e-mail (« dinum@… »,
/// « https://…/dinum »), whose case is not the text's.
fn in_address(chars: &[char], start: usize, end: usize) -> bool {
    let from = chars[..start]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let to = chars[end..]
        .iter()
        .position(|c| c.is_whitespace())
        .map_or(chars.len(), |p| end + p);
    let word: String = chars[from..to].iter().collect();
    word.contains('@') || word.contains("://") || word.starts_with("www.")
}

/// Whether two writings are the same but for apostrophes and spaces.
fn same_spelling(a: &str, b: &str) -> bool {
    let plain = |text: &str| -> String {
        text.chars()
            .map(|c| match c {
                '’' => '\'',
                '\u{a0}' | '\u{202f}' => ' ',
                other => other,
            })
            .collect()
    };
    plain(a) == plain(b)
}

/// A character with its case, its apostrophe and its space folded.
fn fold(c: char) -> char {
    match c {
        '’' => '\'',
        '\u{a0}' | '\u{202f}' => ' ',
        other => other.to_lowercase().next().unwrap_or(other),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::Draft;

    fn messages(draft: &Draft, id: &str) -> Vec<String> {
        crate::rules::check(draft)
            .into_iter()
            .filter(|f| f.rule == id)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn the_reference_and_a_new_draft_are_clean() {
        for draft in [reference(), Draft::blank()] {
            for id in [
                "wording.visa-number",
                "wording.etat",
                "wording.interim",
                "wording.name-two-ways",
                "wording.cedex",
            ] {
                assert!(
                    fired(&draft, id).is_empty(),
                    "{id}: {:?}",
                    fired(&draft, id)
                );
            }
        }
    }

    #[test]
    fn a_visa_without_number_sign_is_named_with_its_fix() {
        let mut draft = reference();
        draft.visas[0] =
            "le décret 2004-1085 du 14 octobre 2004 et la loi n° 2001-692 et l'arrêté 2020-12"
                .into();
        assert_eq!(fired(&draft, "wording.visa-number"), [warning("visas[0]")]);
        let message = &messages(&draft, "wording.visa-number")[0];
        assert!(
            message.contains("Écrivez « décret n° 2004-1085 », « arrêté n° 2020-12 »."),
            "{message}"
        );
        assert!(!message.contains("loi"), "{message}");
    }

    #[test]
    fn etat_and_interim_take_their_accent() {
        let mut draft = reference();
        draft.visas[1] = "le décret relatif à l'Etat".into();
        draft.delegataire.representative.title = "Directeur par interim".into();
        draft.object.purpose = "recourir aux Etats membres, à l'ÉTAT, à l'état des lieux".into();
        assert_eq!(
            fired(&draft, "wording.etat"),
            [warning("object.purpose"), warning("visas[1]")]
        );
        assert_eq!(
            fired(&draft, "wording.interim"),
            [warning("delegataire.representative.title")]
        );
        assert!(messages(&draft, "wording.etat")[0].contains("« État »"));
        assert!(messages(&draft, "wording.interim")[0].contains("« par intérim »"));
    }

    #[test]
    fn a_name_written_two_ways_is_found_once_a_field() {
        let mut draft = reference();
        draft.object.purpose =
            "aider le ministère de l'Europe et des Affaires étrangères et la Dinum, puis la Dinum"
                .into();
        draft.commitments[0].text =
            "écrire au Ministère de l’Europe et des Affaires étrangères, à dinum@beta.gouv.fr"
                .into();
        // A visa quotes a text's title as it was published.
        draft.visas[1] = "le décret relatif à la direction interministérielle du numérique".into();
        assert_eq!(
            fired(&draft, "wording.name-two-ways"),
            [warning("object.purpose"), warning("object.purpose")]
        );
        let found = messages(&draft, "wording.name-two-ways");
        assert!(
            found[0].contains("« ministère de l'Europe et des Affaires étrangères » s'écrit « Ministère de l'Europe et des Affaires étrangères » ailleurs"),
            "{}",
            found[0]
        );
        assert!(
            found[1].contains("« Dinum » s'écrit « DINUM »"),
            "{}",
            found[1]
        );
    }

    #[test]
    fn cedex_and_cedex_mixed_are_named() {
        let mut draft = reference();
        draft.delegataire.address = "20 avenue de Ségur – TSA 30719 – 75334 PARIS Cedex 07".into();
        assert_eq!(
            fired(&draft, "wording.cedex"),
            [warning("delegataire.address")]
        );
        assert!(messages(&draft, "wording.cedex")[0].contains("« Cedex » ici"));
        draft.delegant.address = "27 rue de la Convention, 75732 Paris Cedex 15".into();
        assert!(fired(&draft, "wording.cedex").is_empty(), "one way is fine");
    }
}
