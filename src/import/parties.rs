//! The two parties at the head of a convention — name, short name from
//! « ci-après dénommé(e) », address, representative and title — and the
//! visas, in paragraphs or in a table.

use super::parse::fold;
use super::reading::Reading;
use crate::model::{Field, Gender, Party, guess_gender};

/// The fields of one party.
struct Fields {
    name: Field,
    short_name: Field,
    address: Field,
    gender: Field,
    representative: Field,
    title: Field,
}

const DELEGANT: Fields = Fields {
    name: Field::DelegantName,
    short_name: Field::DelegantShortName,
    address: Field::DelegantAddress,
    gender: Field::DelegantGender,
    representative: Field::DelegantRepresentativeName,
    title: Field::DelegantRepresentativeTitle,
};

const DELEGATAIRE: Fields = Fields {
    name: Field::DelegataireName,
    short_name: Field::DelegataireShortName,
    address: Field::DelegataireAddress,
    gender: Field::DelegataireGender,
    representative: Field::DelegataireRepresentativeName,
    title: Field::DelegataireRepresentativeTitle,
};

pattern!(
    after_pattern,
    r"(?i)ci-?\s*apr[èe]s\s*,?\s*(?:d[ée]nomm[ée](?P<fem>e)?s?|d[ée]sign[ée]e?s?|appel[ée]e?s?|nomm[ée]e?s?)?"
);
pattern!(
    represented_pattern,
    r"(?i)\brepr[ée]sent[ée]e?s?\s+(?:par\s+)?"
);
pattern!(
    address_pattern,
    r"(?i)(?:^\s*(?:adresse(?:\s+postale)?|si[èe]ge(?:\s+social)?)\s*:?\s*|\b(?:sis|sise|situ[ée]e?|domicili[ée]e?|dont le si[èe]ge est(?: situ[ée])?)\s+(?:au\s+|à\s+l'adresse\s+|à\s+)?)"
);
pattern!(quoted_pattern, r#"[«"“]\s*([^»"”]+?)\s*[»"”]"#);
pattern!(postal_pattern, r"\b\d{2}\s?\d{3}\b|(?i)cedex");
pattern!(visa_pattern, r"^(?i)vu\b\s*:?\s*");

/// Reads the parties and the visas.
pub(super) fn read(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    // The « ci-après » lines close each party's description.
    let mut closes: Vec<usize> = (0..doc.lines.len())
        .filter(|&i| {
            after_pattern().is_match(&close_text(reading, i))
                && quoted_pattern().is_match(reading.text(i))
        })
        .filter(|&i| {
            let text = fold(reading.text(i));
            text.contains("delegant") || text.contains("delegataire")
        })
        .collect();
    if closes.len() < 2 {
        // « ci-après dénommé « le MEAE » » alone: the first two before the
        // articles, in order.
        let first_article = doc
            .lines
            .iter()
            .position(|line| matches!(line.article, Some(crate::model::Article::Numbered(_))))
            .unwrap_or(doc.lines.len());
        closes = (0..first_article)
            .filter(|&i| {
                after_pattern().is_match(&close_text(reading, i))
                    && quoted_pattern().is_match(reading.text(i))
            })
            .collect();
    }
    closes.truncate(2);
    let mut start = 0;
    let mut roles_taken = [false, false];
    for (order, &close) in closes.iter().enumerate() {
        let text = fold(reading.text(close));
        let delegataire = if text.contains("delegataire") && !text.contains("delegant ") {
            true
        } else if text.contains("delegant") && !text.contains("delegataire") {
            false
        } else {
            order == 1
        };
        let role = usize::from(delegataire);
        if roles_taken[role] {
            continue;
        }
        roles_taken[role] = true;
        let fields = if delegataire { &DELEGATAIRE } else { &DELEGANT };
        let lines: Vec<usize> = (start..=close).collect();
        let party = read_party(reading, &lines, close, fields);
        if delegataire {
            reading.draft.delegataire = party;
        } else {
            reading.draft.delegant = party;
        }
        start = close + 1;
    }
    read_visas(reading);
}

/// Reads one party from its lines, the last being its « ci-après » line.
fn read_party(reading: &mut Reading<'_>, lines: &[usize], close: usize, fields: &Fields) -> Party {
    let mut party = Party::default();
    // Lines that open the parties carry no field.
    let is_opening = |text: &str| {
        let folded = fold(text.trim().trim_end_matches([':', ',', '.']));
        matches!(
            folded.as_str(),
            "entre"
                | "et"
                | "entre les soussignes"
                | "d'une part"
                | "d'autre part"
                | "les parties"
                | ""
        )
    };
    // The party's lines, as far up as its opening (« Entre », « Et »).
    let first = lines
        .iter()
        .rposition(|&i| {
            is_opening(reading.text(i))
                || reading.doc.lines[i].heading
                || reading.doc.lines[i]
                    .text
                    .to_lowercase()
                    .starts_with("convention")
        })
        .map_or(0, |at| at + 1);
    for &i in lines {
        if is_opening(reading.text(i)) {
            reading.use_line(i);
        }
    }
    let lines: Vec<usize> = lines[first..]
        .iter()
        .copied()
        .filter(|&i| !is_opening(reading.text(i)))
        .collect();
    for &i in &lines {
        reading.use_line(i);
    }
    // Everything of the party in one text, so that a party written in one
    // sentence reads as one written in lines.
    let mut name_line = None;
    let mut short_from_name = None;
    // Every piece of text, a line broken in two being two pieces.
    let pieces: Vec<(usize, &str)> = lines
        .iter()
        .flat_map(|&i| {
            reading
                .text(i)
                .split('\n')
                .map(str::trim)
                .filter(|piece| !piece.is_empty())
                .map(move |piece| (i, piece))
        })
        .collect();
    let mut skip = std::collections::HashSet::new();
    for (k, &(i, piece)) in pieces.iter().enumerate() {
        if skip.contains(&k) {
            continue;
        }
        // The piece after a label alone (« Adresse : », « Représenté
        // par : »), in the next paragraph or cell.
        let doc = reading.doc;
        let next = |k: usize| {
            pieces
                .get(k + 1)
                .filter(|(j, _)| *j != close || !after_pattern().is_match(&doc.lines[*j].text))
                .copied()
        };
        if let Some(found) = represented_pattern().find(piece) {
            let mut rest = cut_before_after(&piece[found.end()..])
                .trim()
                .trim_start_matches(':')
                .trim();
            let mut at = i;
            if rest.is_empty()
                && let Some((j, following)) = next(k)
            {
                rest = cut_before_after(following);
                at = j;
                skip.insert(k + 1);
            }
            let (name, title) = split_representative(rest);
            if !name.is_empty() && party.representative.name.is_empty() {
                party.representative.name = name.to_owned();
                reading.found(at, fields.representative.path(), name);
                let title = if title.is_empty() {
                    // The title alone on the next line.
                    match next(if at == i { k } else { k + 1 }) {
                        Some((j, following))
                            if !address_pattern().is_match(following)
                                && !after_pattern().is_match(following)
                                && following.len() < 150 =>
                        {
                            skip.insert(if at == i { k + 1 } else { k + 2 });
                            reading.use_line(j);
                            following.trim().trim_end_matches([',', ';', '.']).trim()
                        }
                        _ => "",
                    }
                } else {
                    title
                };
                if !title.is_empty() {
                    party.representative.title = title.to_owned();
                    reading.found(at, fields.title.path(), title);
                }
            }
            if found.start() == 0 {
                continue;
            }
        }
        if let Some(found) = address_pattern().find(piece)
            && party.address.is_empty()
        {
            let mut rest = piece[found.end()..].trim();
            let mut at = i;
            if rest.is_empty()
                && let Some((j, following)) = next(k)
            {
                rest = following;
                at = j;
                skip.insert(k + 1);
            }
            let rest = cut_at(rest, &[", représent", ", Représent", ",représent"]);
            let address = cut_before_after(rest)
                .trim()
                .trim_end_matches([',', ';'])
                .trim();
            if !address.is_empty() {
                party.address = address.to_owned();
                reading.found(at, fields.address.path(), address);
            }
            if found.start() == 0 {
                continue;
            }
        }
        if i == close && after_pattern().find(piece).is_some_and(|m| m.start() == 0) {
            continue;
        }
        if name_line.is_none() {
            let name = clean_name(piece);
            if !name.is_empty() && !is_label(&name) {
                let (name, short) = split_short(&name);
                short_from_name = short;
                party.name = name.clone();
                name_line = Some(i);
                reading.found(i, fields.name.path(), name);
            }
        }
    }
    // A representative whose title is on the next line.
    if !party.representative.name.is_empty() && party.representative.title.is_empty() {
        reading.unsure(
            fields.title.path(),
            "qualité du représentant introuvable après son nom",
        );
    }
    // An address without its label: the line with a postal code.
    if party.address.is_empty()
        && let Some(&i) = lines.iter().find(|&&i| {
            Some(i) != name_line
                && !represented_pattern().is_match(reading.text(i))
                && !after_pattern().is_match(reading.text(i))
                && postal_pattern().is_match(reading.text(i))
        })
    {
        let address = reading
            .text(i)
            .trim()
            .trim_end_matches([',', ';'])
            .to_owned();
        party.address = address.clone();
        reading.found(i, fields.address.path(), address);
        reading.unsure(
            fields.address.path(),
            "adresse reconnue à son code postal, sans libellé « Adresse »",
        );
    }
    // The short name and gender from « ci-après dénommé(e) « le X » ».
    let close_text = close_text(reading, close);
    let close_text = close_text.as_str();
    if let Some(after) = after_pattern().captures(close_text) {
        let feminine_word = after.name("fem").is_some();
        let rest = &close_text[after.get(0).map_or(0, |m| m.end())..];
        let named = quoted_pattern()
            .captures_iter(rest)
            .filter_map(|c| c.get(1).map(|m| m.as_str().trim().to_owned()))
            .find(|quoted| {
                let folded = fold(quoted);
                !folded.contains("delegant") && !folded.contains("delegataire")
            });
        if let Some(named) = named {
            let (article, short) = strip_article(&named);
            party.short_name = short.to_owned();
            reading.found(close, fields.short_name.path(), short);
            let gender = match article {
                "la" => Gender::Feminin,
                "le" => Gender::Masculin,
                _ if feminine_word => Gender::Feminin,
                _ if after
                    .get(0)
                    .is_some_and(|m| fold(m.as_str()).contains("denomme")) =>
                {
                    Gender::Masculin
                }
                _ => guess_gender(&party.name),
            };
            if gender != guess_gender(&party.name) {
                party.gender = Some(gender);
                let word = match gender {
                    Gender::Feminin => "féminin",
                    Gender::Masculin => "masculin",
                };
                reading.found(close, fields.gender.path(), word);
            }
            if let Some(from_name) = short_from_name
                && from_name != party.short_name
            {
                reading.unsure(
                    fields.short_name.path(),
                    format!(
                        "le nom donne « {from_name} » entre parenthèses, « ci-après » dit « {} »",
                        party.short_name
                    ),
                );
            }
        } else if let Some(short) = short_from_name {
            party.short_name = short.clone();
            reading.found(close, fields.short_name.path(), short);
        }
    }
    party
}

/// Whether a piece is only a label of a party's table (« Délégant »,
/// « Nom : »).
fn is_label(text: &str) -> bool {
    matches!(
        fold(text.trim_end_matches([':', ' '])).as_str(),
        "delegant"
            | "delegataire"
            | "le delegant"
            | "le delegataire"
            | "nom"
            | "denomination"
            | "partie"
    )
}

/// The text of a party's closing line: the line, or, when its « ci-après
/// dénommé » stands alone in the cell or line above, both.
fn close_text(reading: &Reading<'_>, line: usize) -> String {
    let text = reading.text(line);
    if after_pattern().is_match(text) || line == 0 {
        return text.to_owned();
    }
    let above = reading.text(line - 1);
    if after_pattern().is_match(above) && !quoted_pattern().is_match(above) {
        format!("{above} {text}")
    } else {
        text.to_owned()
    }
}

/// Cuts a text before its « ci-après » clause.
fn cut_before_after(text: &str) -> &str {
    match after_pattern().find(text) {
        Some(found) => &text[..found.start()],
        None => text,
    }
}

fn cut_at<'t>(text: &'t str, marks: &[&str]) -> &'t str {
    let end = marks
        .iter()
        .filter_map(|mark| text.find(mark))
        .min()
        .unwrap_or(text.len());
    &text[..end]
}

/// « M. Fabien FIESCHI, Directeur du numérique, » → the name and the
/// title; « X en qualité de directeur » too.
fn split_representative(text: &str) -> (&str, &str) {
    let text = text.trim().trim_end_matches([',', ';', '.']).trim();
    if let Some((name, title)) = text.split_once(", ") {
        let title = title.trim().trim_end_matches(',').trim();
        let title = [
            "en sa qualité de ",
            "en qualité de ",
            "agissant en qualité de ",
        ]
        .iter()
        .find_map(|lead| title.strip_prefix(lead))
        .unwrap_or(title);
        // « …, dûment habilité(e) à cet effet » says nothing of the title.
        let title = title
            .find(", dûment")
            .or_else(|| title.find(", habilit"))
            .map_or(title, |at| &title[..at]);
        // « le directeur du numérique, M. Paul Roy »: the title first.
        let starts_with_civility = |text: &str| {
            ["M. ", "Mme ", "Monsieur ", "Madame ", "Mlle "]
                .iter()
                .any(|civility| text.starts_with(civility))
        };
        let lower_first = name.chars().next().is_some_and(char::is_lowercase);
        if lower_first && starts_with_civility(title) && !starts_with_civility(name) {
            let (_, bare) = strip_article(name);
            let bare = ["son ", "sa "]
                .iter()
                .find_map(|lead| bare.strip_prefix(lead))
                .unwrap_or(bare);
            return (title.trim(), bare.trim());
        }
        return (name.trim(), title.trim());
    }
    if let Some(at) = text.find(" en qualité de ") {
        return (
            text[..at].trim(),
            text[at + " en qualité de ".len()..].trim(),
        );
    }
    (text, "")
}

/// A party's name as written at its head, without « Entre », its article
/// (« Le Ministère » → « Ministère »), nor what follows a comma when the
/// rest of the party is on the same line.
fn clean_name(text: &str) -> String {
    let mut name = text.trim();
    for opening in ["Entre ", "ENTRE ", "entre ", "Et ", "ET ", "et "] {
        if let Some(rest) = name.strip_prefix(opening) {
            name = rest;
        }
    }
    let name = name.trim_end_matches([',', ';', ':', '.']).trim();
    let name = if represented_pattern().is_match(name) || address_pattern().is_match(name) {
        name.split(", ").next().unwrap_or(name)
    } else {
        name
    };
    let name = cut_before_after(name).trim().trim_end_matches(',').trim();
    let (_, rest) = strip_article(name);
    rest.trim_matches('*').trim().to_owned()
}

/// « Direction interministérielle du numérique (DINUM) » → the name and
/// « DINUM ».
fn split_short(name: &str) -> (String, Option<String>) {
    if let Some(open) = name.rfind(" (")
        && name.ends_with(')')
    {
        let short = &name[open + 2..name.len() - 1];
        if !short.is_empty() && !short.contains(' ') && short.chars().any(char::is_uppercase) {
            return (name[..open].trim().to_owned(), Some(short.to_owned()));
        }
    }
    (name.to_owned(), None)
}

/// « le MEAE » → (« le », « MEAE »); « l'ANCT » → (« l' », « ANCT »).
fn strip_article(text: &str) -> (&'static str, &str) {
    let text = text.trim();
    for (article, prefix) in [
        ("le", "le "),
        ("la", "la "),
        ("les", "les "),
        ("l'", "l'"),
        ("le", "Le "),
        ("la", "La "),
        ("les", "Les "),
        ("l'", "L'"),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return (article, rest.trim());
        }
    }
    ("", text)
}

/// The visas: « Vu le décret… », each line one, or the lines after a
/// « Vu : » alone.
fn read_visas(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    let visa = visa_pattern();
    let mut open = false;
    let mut visas = Vec::new();
    for i in 0..doc.lines.len() {
        let line = &doc.lines[i];
        if matches!(
            line.article,
            Some(crate::model::Article::Numbered(_) | crate::model::Article::Preamble)
        ) {
            break;
        }
        if line.heading || line.article.is_some() {
            continue;
        }
        let text = reading.text(i).trim();
        let folded = fold(text);
        if folded.starts_with("il a ete convenu") || folded.starts_with("il est convenu") {
            reading.use_line(i);
            break;
        }
        let body = if let Some(found) = visa.find(text) {
            let rest = &text[found.end()..];
            if rest.trim().is_empty() {
                open = true;
                reading.use_line(i);
                continue;
            }
            rest
        } else if open && !text.is_empty() {
            text.trim_start_matches(['-', '•', '–', ' '])
        } else {
            continue;
        };
        let body = body.trim().trim_end_matches([',', ';', '.']).trim();
        if body.is_empty() {
            continue;
        }
        let index = visas.len();
        visas.push(body.to_owned());
        reading.found(i, Field::Visa.at(index), body);
    }
    reading.draft.visas = visas;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_article_and_short_name() {
        assert_eq!(
            clean_name("Le Ministère de l'Europe et des Affaires étrangères"),
            "Ministère de l'Europe et des Affaires étrangères"
        );
        assert_eq!(
            split_short("Direction Interministérielle du Numérique (DINUM)"),
            (
                "Direction Interministérielle du Numérique".to_owned(),
                Some("DINUM".to_owned())
            )
        );
        assert_eq!(
            clean_name(
                "Entre le ministère de la Culture, sis 182 rue Saint-Honoré, représenté par X"
            ),
            "ministère de la Culture"
        );
        assert_eq!(
            split_representative("M. Fabien FIESCHI, Directeur du numérique,"),
            ("M. Fabien FIESCHI", "Directeur du numérique")
        );
        assert_eq!(
            split_representative("Mme Anne Roy, en sa qualité de directrice"),
            ("Mme Anne Roy", "directrice")
        );
        assert_eq!(
            split_representative(
                "M. Luc Roy, Directeur du numérique, dûment habilité à cet effet,"
            ),
            ("M. Luc Roy", "Directeur du numérique")
        );
        assert_eq!(
            split_representative("son directeur du numérique, M. Paul Roy"),
            ("M. Paul Roy", "directeur du numérique")
        );
    }
}
