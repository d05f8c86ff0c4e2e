//! The clauses of the text: the title, the object (beneficiary, purpose,
//! phase), the UO and titre 2, the end date, the notice, the place and
//! date of signature, and the commitments of Article 2.

use super::parse::{find_date, fold, months};
use super::reading::Reading;
use crate::model::{Article, Commitment, Field, Phase, date};

pattern!(permit, r"(?i)\bpermettre\s+(à|au|aux)\s+(.+)$");
pattern!(
    accompany,
    r"(?i)accompagner\s+(?:les|la|le)\s+start-?\s?ups?\s+d'[ée]tat\s+(.+?)\**\s*(?:,|\s+en suivant|\.|$)"
);
pattern!(
    accompany_one,
    r#"(?i)accompagner\s+(la\s+start-?\s?up\s+d'[ée]tat\s+[«"“]\s*(.+?)\s*[»"”])(.*)$"#
);
pattern!(startup_page, r"\(\s*(https?://[^\s)]+)\s*\)");
pattern!(
    programme_named,
    r#"(?i)\bdu\s+programme\s+\d{1,4}\s+[«"“]\s*(.+?)\s*[»"”]"#
);
pattern!(
    phase_clause,
    r"(?i)li[ée]e?s?\s+(?:à|a)\s+la\s+phase\s+(?:d'|de\s+)([a-zéèêàç]+)"
);
pattern!(
    phase_any,
    r"(?i)\bphase\s+(?:d'|de\s+)(investigation|construction|acc[ée]l[ée]ration|consolidation|transfert)"
);
pattern!(
    code,
    r"\b(?:[A-Z0-9]{2,4}/)?\d{4}-[A-Z0-9]{2,6}-[A-Z0-9]{2,6}\b"
);
pattern!(uo_mention, r"(?i)unit[ée]\s+op[ée]rationnelle|\bUO\b");
pattern!(
    hors_titre_2,
    r"(?i)\bhors\s+(?:du\s+)?titre\s*(?:2|II)\b|\bhors\s+T2\b"
);
pattern!(titre_2, r"(?i)\b(?:de|du|en)\s+titre\s*(?:2|II)\b");
pattern!(
    until,
    r"(?i)(?:jusqu'(?:au|à)|prend\s+fin\s+(?:le|au)|expire\s+(?:le|au)|s'ach[èe]ve\s+(?:le|au)|se\s+termine\s+(?:le|au)|au\s+plus\s+tard\s+le|échéance\s+(?:au|le)|terme\s+(?:au|le))\s*"
);
pattern!(
    notice,
    r"(?i)pr[ée]avis\b(?:\s+[^\s\d]+){0,4}?\s+(?:de\s+|d')?(\S+(?:\s*\(\s*\d+\s*\))?)\s+mois"
);
pattern!(
    year_end,
    r"(?i)jusqu'(?:au|à)\s+(?:la\s+fin|terme|l'issue)\s+(?:de\s+l'|du\s+)(?:exercice|année|gestion)\s+(?:budgétaire\s+)?(\d{4})"
);
pattern!(
    done_at,
    r"(?i)\bfait\b[^\n]*?\bà\s+([^,\n]+?)\s*(?:,|\s+le\b|$)"
);

/// Reads every clause of this file.
pub(super) fn read(reading: &mut Reading<'_>) {
    read_title(reading);
    read_object(reading);
    read_budget_clauses(reading);
    read_dates(reading);
    read_commitments(reading);
}

/// The title: the first line, when it names a convention.
fn read_title(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    if let Some(i) = (0..doc.lines.len()).find(|&i| {
        let line = &doc.lines[i];
        let text = reading.text(i).trim();
        line.cell.is_none()
            && line.article.is_none()
            && fold(text).starts_with("convention")
            && text.len() < 200
            && !text.contains('\n')
    }) {
        let title = reading.text(i).trim().to_owned();
        reading.draft.title = title.clone();
        reading.found(i, Field::Title.path(), title);
    }
}

/// « de l'atelier numérique » → « l'atelier numérique »; « du service »
/// → « le service »; « des équipes » → « les équipes ».
fn undo_de(text: &str) -> String {
    let text = text.trim();
    for (prefix, article) in [
        ("de la ", "la "),
        ("de l'", "l'"),
        ("du ", "le "),
        ("des ", "les "),
        ("d'", ""),
        ("de ", ""),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return format!("{article}{rest}");
        }
    }
    text.to_owned()
}

/// « à l'atelier » → « l'atelier »; « au service » → « le service ».
fn undo_a(preposition: &str, text: &str) -> String {
    match preposition.to_lowercase().as_str() {
        "au" => format!("le {text}"),
        "aux" => format!("les {text}"),
        _ => text.to_owned(),
    }
}

/// The beneficiary and purpose, from the préambule's « pour permettre à X
/// de Y » checked against Article 1's « accompagner les Startups d'État
/// de X »; the phase from « liées à la phase de X ».
fn read_object(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    let mut beneficiary_from_article = None;
    // One Startup d'État: « accompagner la Startup d'État « X » », maybe
    // with its page and the service that carries it (format version 3).
    let mut one_startup = None;
    for i in 0..doc.lines.len() {
        if let Some(found) = accompany_one().captures(reading.text(i)) {
            let phrase = found.get(1).map_or("", |m| m.as_str()).to_owned();
            let name = found.get(2).map_or("", |m| m.as_str()).trim().to_owned();
            let rest = found.get(3).map_or("", |m| m.as_str());
            reading.draft.object.startup.name = name.clone();
            reading.found(i, Field::StartupName.path(), name);
            if let Some(page) = startup_page().captures(rest) {
                let url = page.get(1).map_or("", |m| m.as_str()).to_owned();
                reading.draft.object.startup.url = url.clone();
                reading.found(i, Field::StartupUrl.path(), url);
            }
            let before = rest.split(['(', ',']).next().unwrap_or("");
            let before = before.split(" en suivant").next().unwrap_or("").trim();
            let carrier = undo_de(before.trim_end_matches('*').trim());
            let carried = before.starts_with("de ")
                || before.starts_with("du ")
                || before.starts_with("des ")
                || before.starts_with("d'");
            beneficiary_from_article = Some((i, if carried { carrier } else { phrase.clone() }));
            one_startup = Some(phrase);
            break;
        }
    }
    for i in 0..doc.lines.len() {
        if one_startup.is_some() {
            break;
        }
        if let Some(found) = accompany().captures(reading.text(i)) {
            let beneficiary = undo_de(found.get(1).map_or("", |m| m.as_str()));
            if !beneficiary.is_empty() {
                beneficiary_from_article = Some((i, beneficiary));
                break;
            }
        }
    }
    let mut done = false;
    for i in 0..doc.lines.len() {
        let text = reading.text(i);
        let Some(found) = permit().captures(text) else {
            continue;
        };
        let preposition = found.get(1).map_or("à", |m| m.as_str());
        let rest = found
            .get(2)
            .map_or("", |m| m.as_str())
            .trim()
            .trim_end_matches('.')
            .trim();
        // Where the beneficiary ends: after the one Article 1 names, or
        // before the first « de » that opens a verb.
        let split = beneficiary_from_article
            .as_ref()
            .and_then(|(_, beneficiary)| {
                let (_, bare) = strip_article_for(preposition, beneficiary);
                rest.strip_prefix(bare.as_str())
                    .map(|after| (bare.clone(), after.to_owned()))
            })
            .or_else(|| split_at_verb(rest));
        let Some((bare, after)) = split else {
            continue;
        };
        let purpose = after
            .trim()
            .strip_prefix("de ")
            .or_else(|| after.trim().strip_prefix("d'"))
            .unwrap_or(after.trim())
            .trim()
            .to_owned();
        let beneficiary = undo_a(preposition, &bare);
        if beneficiary_from_article.is_none() {
            reading.unsure(
                Field::Beneficiary.path(),
                "bénéficiaire séparé de l'objet au premier verbe, sans l'article 1 pour le confirmer",
            );
        }
        reading.draft.object.beneficiary = beneficiary.clone();
        reading.found(i, Field::Beneficiary.path(), beneficiary);
        reading.draft.object.purpose = purpose.clone();
        reading.found(i, Field::Purpose.path(), purpose);
        done = true;
        break;
    }
    if let Some((i, beneficiary)) = beneficiary_from_article {
        reading.use_line(i);
        if !done {
            reading.draft.object.beneficiary = beneficiary.clone();
            reading.found(i, Field::Beneficiary.path(), beneficiary);
        }
    }
    // « permettre à la Startup d'État « X » » is what an empty beneficiary
    // gives when the Startup d'État is named.
    if let Some(phrase) = one_startup
        && reading.draft.object.beneficiary == phrase
    {
        reading.draft.object.beneficiary.clear();
    }
    // The phase.
    let mut phase = None;
    for i in 0..doc.lines.len() {
        if let Some(found) = phase_clause().captures(reading.text(i))
            && let Some(p) = phase_of(found.get(1).map_or("", |m| m.as_str()))
        {
            phase = Some((i, p, true));
            break;
        }
    }
    if phase.is_none() {
        // A phase named in Article 1, or else in a sentence about the
        // spending (not the préambule's nor Article 2's standard text).
        let about_spending = |i: usize| {
            let folded = fold(reading.text(i));
            doc.lines[i].article != Some(Article::Preamble)
                && (folded.contains("depense")
                    || folded.contains("autorisation")
                    || folded.contains("credits"))
        };
        phase = (0..doc.lines.len())
            .filter(|&i| doc.lines[i].article == Some(Article::Numbered(1)) || about_spending(i))
            .find_map(|i| {
                let found = phase_any().captures(reading.text(i))?;
                Some((i, phase_of(found.get(1)?.as_str())?, false))
            });
    }
    if let Some((i, p, sure)) = phase {
        reading.draft.object.phase = Some(p);
        reading.found(i, Field::Phase.path(), p.french());
        if !sure {
            reading.unsure(
                Field::Phase.path(),
                format!(
                    "« {} » lu dans l'article 1, hors de la phrase qui la fixe",
                    p.french()
                ),
            );
        }
    }
}

/// The article « à X » takes off: « à l'atelier » keeps « l'atelier »,
/// « au service » has lost « le ».
fn strip_article_for(preposition: &str, beneficiary: &str) -> (String, String) {
    let bare = match preposition.to_lowercase().as_str() {
        "au" => beneficiary.strip_prefix("le ").unwrap_or(beneficiary),
        "aux" => beneficiary.strip_prefix("les ").unwrap_or(beneficiary),
        _ => beneficiary,
    };
    (preposition.to_owned(), bare.to_owned())
}

/// Splits « l'atelier numérique de recourir à… » before the « de » that
/// opens a verb in the infinitive.
fn split_at_verb(text: &str) -> Option<(String, String)> {
    let mut from = 0;
    while let Some(at) = text[from..].find(" d").map(|at| at + from) {
        let rest = &text[at + 1..];
        let word = rest
            .strip_prefix("de ")
            .or_else(|| rest.strip_prefix("d'"))
            .and_then(|after| after.split([' ', ',']).next());
        if let Some(word) = word {
            let folded = fold(word);
            if folded.len() > 3
                && (folded.ends_with("er") || folded.ends_with("ir") || folded.ends_with("re"))
            {
                return Some((text[..at].to_owned(), rest.to_owned()));
            }
        }
        from = at + 2;
    }
    None
}

fn phase_of(word: &str) -> Option<Phase> {
    let folded = fold(word);
    Phase::ALL.into_iter().find(|p| fold(p.id()) == folded)
}

/// The UO and whether the credits are hors titre 2.
fn read_budget_clauses(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    let mut codes: Vec<(usize, String)> = Vec::new();
    for i in 0..doc.lines.len() {
        let text = reading.text(i);
        if doc.lines[i].cell.is_some() {
            continue;
        }
        if let Some(mention) = uo_mention().find(text)
            && let Some(found) = code().find(&text[mention.end()..])
        {
            codes.push((i, found.as_str().to_owned()));
        }
    }
    if let Some((i, uo)) = codes.first().cloned() {
        reading.draft.budget.uo = uo.clone();
        reading.found(i, Field::Uo.path(), uo.clone());
        // « … (UO) X du programme 224 « Label » »: a label other than the
        // list's is the draft's own.
        if let Some(found) = programme_named().captures(reading.text(i)) {
            let label = found.get(1).map_or("", |m| m.as_str()).to_owned();
            let listed = crate::model::code::parse_uo(&uo).ok().and_then(|uo| {
                crate::model::programmes::Catalogue::built_in()
                    .programme(uo.programme)
                    .map(|p| p.label.clone())
            });
            if listed.as_deref() != Some(label.as_str()) {
                reading.draft.budget.programme_label = label.clone();
            }
            reading.found(i, Field::ProgrammeLabel.path(), label);
        }
        for (j, other) in &codes[1..] {
            reading.use_line(*j);
            if *other != uo {
                reading.unsure(
                    Field::Uo.path(),
                    format!("le texte cite aussi l'UO « {other} »"),
                );
            }
        }
    }
    for i in 0..doc.lines.len() {
        let text = reading.text(i);
        if hors_titre_2().is_match(text) {
            reading.draft.budget.hors_titre_2 = true;
            reading.found(i, Field::HorsTitre2.path(), "hors titre 2");
            break;
        }
        if titre_2().is_match(text) && !fold(text).contains("hors") {
            reading.draft.budget.hors_titre_2 = false;
            reading.found(i, Field::HorsTitre2.path(), "titre 2");
            break;
        }
    }
}

/// The end date, the notice, the place and date of signature.
fn read_dates(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    for i in 0..doc.lines.len() {
        let text = reading.text(i);
        let Some(found) = until().find(text) else {
            continue;
        };
        if let Some((day, start, _)) = find_date(&text[found.end()..])
            && start < 3
        {
            reading.draft.end_date = Some(day);
            reading.found(i, Field::EndDate.path(), date::french_short(day));
            break;
        }
    }
    // « jusqu'à la fin de l'exercice 2024 »: its 31 December, a doubt.
    if reading.draft.end_date.is_none() {
        for i in 0..doc.lines.len() {
            let Some(found) = year_end().captures(reading.text(i)) else {
                continue;
            };
            let Some(day) = found
                .get(1)
                .and_then(|year| year.as_str().parse().ok())
                .and_then(|year| chrono::NaiveDate::from_ymd_opt(year, 12, 31))
            else {
                continue;
            };
            reading.draft.end_date = Some(day);
            reading.found(i, Field::EndDate.path(), date::french_short(day));
            reading.unsure(
                Field::EndDate.path(),
                "lue comme le 31 décembre de l'exercice nommé, le texte ne donnant pas de jour",
            );
            break;
        }
    }
    // « pour la période du 1er janvier 2023 au 31 décembre 2024 ».
    if reading.draft.end_date.is_none() {
        for i in 0..doc.lines.len() {
            let text = reading.text(i);
            let folded = fold(text);
            if !(folded.contains("convention")
                || folded.contains("duree")
                || folded.contains("periode"))
            {
                continue;
            }
            let Some((_, _, first_end)) = find_date(text) else {
                continue;
            };
            let rest = &text[first_end..];
            if let Some(after) = rest.trim_start().strip_prefix("au ")
                && let Some((day, start, _)) = find_date(after)
                && start == 0
            {
                reading.draft.end_date = Some(day);
                reading.found(i, Field::EndDate.path(), date::french_short(day));
                reading.unsure(
                    Field::EndDate.path(),
                    "lue comme la fin de la période « du … au … », sans « jusqu'au »",
                );
                break;
            }
        }
    }
    for i in 0..doc.lines.len() {
        if let Some(found) = notice().captures(reading.text(i))
            && let Some(count) = found.get(1).and_then(|m| months(m.as_str()))
        {
            reading.draft.notice_months = count;
            reading.found(
                i,
                Field::NoticeMonths.path(),
                crate::document::context::months_in_words(count),
            );
            break;
        }
    }
    for i in 0..doc.lines.len() {
        let text = reading.text(i);
        let Some(found) = done_at().captures(text) else {
            continue;
        };
        let place = found.get(1).map_or("", |m| m.as_str()).trim();
        let place = place.trim_end_matches([',', '.']).trim();
        if place.is_empty() || place.len() > 60 {
            continue;
        }
        reading.draft.signature.place = place.to_owned();
        reading.found(i, Field::SignaturePlace.path(), place);
        let after = &text[found.get(0).map_or(0, |m| m.end())..];
        let day = find_date(after).map(|(day, _, _)| (i, day)).or_else(|| {
            // The date on a line of its own: « Le 19 mai 2022 », in the
            // signatures' columns.
            (i + 1..doc.lines.len().min(i + 8)).find_map(|next| {
                let text = reading.text(next);
                (fold(text).trim_start().starts_with("le ") && text.len() < 60)
                    .then(|| find_date(text).map(|(day, _, _)| (next, day)))
                    .flatten()
            })
        });
        if let Some((line, day)) = day {
            reading.draft.signature.date = Some(day);
            reading.found(line, Field::SignatureDate.path(), date::french_short(day));
        }
        break;
    }
    if reading.draft.signature.place.is_empty() {
        read_place_date(reading);
    }
}

pattern!(
    place_date,
    r"^(?:À\s+|A\s+)?([A-ZÉ][\w\-' ]{1,40}),\s+le\s+(.+)$"
);

/// « Paris, le 19 mai 2022 » on a line of its own, after the articles.
fn read_place_date(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    for i in (0..doc.lines.len()).rev() {
        let text = reading.text(i).trim();
        let Some(found) = place_date().captures(text) else {
            continue;
        };
        let Some((day, _, _)) = found.get(2).and_then(|m| find_date(m.as_str())) else {
            continue;
        };
        let place = found.get(1).map_or("", |m| m.as_str()).trim();
        reading.draft.signature.place = place.to_owned();
        reading.found(i, Field::SignaturePlace.path(), place);
        reading.draft.signature.date = Some(day);
        reading.found(i, Field::SignatureDate.path(), date::french_short(day));
        break;
    }
}

/// The marks of notes typed as superscript digits.
const SUPERSCRIPTS: [char; 10] = ['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'];

/// The commitments of Article 2: the list after « s'engage à respecter
/// les bonnes pratiques… notamment : » (or under « Autres engagements »),
/// up to the item that ends with a full stop, each with its footnote.
fn read_commitments(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    let intro = (0..doc.lines.len()).find(|&i| {
        let folded = fold(reading.text(i));
        folded.contains("bonnes pratiques") && folded.contains("s'engage")
    });
    // Else the heading « Autres engagements », and the line after it when
    // it announces the list (« … notamment : »).
    let intro = intro.or_else(|| {
        let heading = (0..doc.lines.len()).find(|&i| {
            fold(reading.text(i).trim().trim_end_matches(':').trim()) == "autres engagements"
        })?;
        let next = heading + 1;
        Some(if reading.text(next).trim_end().ends_with(':') {
            reading.use_line(heading);
            next
        } else {
            heading
        })
    });
    let Some(intro) = intro else {
        return;
    };
    reading.use_line(intro);
    let mut commitments = Vec::new();
    for i in intro + 1..doc.lines.len() {
        let line = &doc.lines[i];
        if line.heading || line.cell.is_some() || line.article != doc.lines[intro].article {
            break;
        }
        let raw = reading.text(i).trim();
        if raw.is_empty() {
            continue;
        }
        let last = raw.ends_with('.') && !raw.ends_with("..");
        let text = raw
            .trim_start_matches(['-', '•', '–', '◦', '*', '·'])
            .trim()
            .trim_end_matches(['.', ';', ','])
            .trim()
            .trim_end_matches(SUPERSCRIPTS)
            .trim_end_matches('*')
            .trim();
        // A footnote Word made, or a mark (« ANSSI¹ ») whose note is a
        // paragraph of its own further on (« ¹ https://… »).
        let mark: String = raw
            .trim_end_matches(['.', ';', ',', ' '])
            .chars()
            .rev()
            .take_while(|c| SUPERSCRIPTS.contains(c))
            .collect();
        let note = line.notes.first().cloned().unwrap_or_else(|| {
            if mark.is_empty() {
                return String::new();
            }
            let mark: String = mark.chars().rev().collect();
            (i + 1..doc.lines.len())
                .find(|&j| {
                    reading.text(j).starts_with(mark.as_str())
                        && !reading.text(j)[mark.len()..].starts_with(SUPERSCRIPTS)
                })
                .map(|j| {
                    reading.use_line(j);
                    reading.text(j)[mark.len()..].trim().to_owned()
                })
                .unwrap_or_default()
        });
        let note = encoded_address(&note);
        let index = commitments.len();
        commitments.push(Commitment::new(text, &note));
        reading.found(i, Field::CommitmentText.at(index), text);
        if !note.is_empty() {
            reading.found(i, Field::CommitmentNote.at(index), note.clone());
        }
        if line.notes.len() > 1 {
            reading.unsure(
                Field::CommitmentNote.at(index),
                "l'engagement appelle plusieurs notes : seule la première est gardée",
            );
        }
        if last {
            break;
        }
    }
    reading.draft.commitments = commitments;
}

/// A note that is an address, as a link holds it: the exports show an
/// encoded address decoded (« …/Intégration du bouton »), and it is read
/// back encoded (« …/Int%C3%A9gration%20du%20bouton »). Other notes are
/// left as they are.
fn encoded_address(note: &str) -> String {
    const SHOWN: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ');
    let is_address = note.starts_with("https://") || note.starts_with("http://");
    if is_address && note.contains(|c: char| c == ' ' || !c.is_ascii()) {
        percent_encoding::utf8_percent_encode(note, SHOWN).to_string()
    } else {
        note.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoded_address_is_read_back_encoded() {
        assert_eq!(
            encoded_address(
                "https://observatoire.numerique.gouv.fr/Aide/Intégration du bouton MonAvis"
            ),
            "https://observatoire.numerique.gouv.fr/Aide/Int%C3%A9gration%20du%20bouton%20MonAvis"
        );
        assert_eq!(encoded_address("voir le guide ici"), "voir le guide ici");
        assert_eq!(encoded_address("https://a.fr/x%20y"), "https://a.fr/x%20y");
    }

    fn notice_in(text: &str) -> Option<u32> {
        notice()
            .captures(text)
            .and_then(|found| months(found.get(1)?.as_str()))
    }

    #[test]
    fn notices_are_found_in_their_sentences() {
        assert_eq!(
            notice_in("sous réserve du respect d'un préavis de trois mois."),
            Some(3)
        );
        assert_eq!(notice_in("moyennant un préavis d'un mois"), Some(1));
        assert_eq!(notice_in("un préavis écrit de six (6) mois"), Some(6));
        assert_eq!(notice_in("un préavis minimal de 2 mois"), Some(2));
        assert_eq!(notice_in("sans préavis"), None);
    }

    #[test]
    fn place_and_date_read_with_or_without_fait_a() {
        let found = done_at()
            .captures("Fait en deux exemplaires à Paris, le 19 mai 2022")
            .expect("found");
        assert_eq!(found.get(1).map(|m| m.as_str()), Some("Paris"));
        let found = place_date()
            .captures("Lyon, le 3 mars 2023")
            .expect("found");
        assert_eq!(found.get(1).map(|m| m.as_str()), Some("Lyon"));
        assert!(
            place_date()
                .captures("Le délégant, le délégataire")
                .is_none_or(|f| { f.get(2).and_then(|m| find_date(m.as_str())).is_none() })
        );
        assert!(until().is_match("Elle prend fin le 31 décembre 2024."));
        assert!(year_end().is_match("Elle est conclue jusqu'à la fin de l'exercice 2024."));
    }

    #[test]
    fn an_end_date_reads_from_a_period_when_no_jusqu_au_says_it() {
        let doc = super::super::doc::Doc::of_paragraphs(&[
            "La convention couvre la période du 1er janvier 2023 au 31 décembre 2024.",
            "Les dépenses relèvent de la phase d'accélération du service.",
        ]);
        let mut reading = Reading::new(&doc);
        read(&mut reading);
        assert_eq!(
            reading.draft.end_date,
            chrono::NaiveDate::from_ymd_opt(2024, 12, 31)
        );
        assert_eq!(reading.draft.object.phase, Some(Phase::Acceleration));
    }

    #[test]
    fn commitments_read_under_their_heading_without_the_usual_sentence() {
        let doc = super::super::doc::Doc::of_paragraphs(&[
            "Article 2 : Obligations du délégant",
            "Autres engagements",
            "Le MC prend notamment les engagements suivants :",
            "- publier les codes sources¹ ;",
            "- mesurer l'impact du service.",
            "Le comité se réunit deux fois par an.",
            "¹ https://code.gouv.fr",
            "Article 3 : Obligations de la DINUM",
        ]);
        let mut reading = Reading::new(&doc);
        read(&mut reading);
        assert_eq!(
            reading.draft.commitments,
            vec![
                Commitment::new("publier les codes sources", "https://code.gouv.fr"),
                Commitment::new("mesurer l'impact du service", ""),
            ]
        );
        assert!(!reading.is_used(5));
    }

    #[test]
    fn a_beneficiary_comes_back_from_its_preposition() {
        assert_eq!(undo_de("de l'atelier numérique"), "l'atelier numérique");
        assert_eq!(undo_de("du service des visas"), "le service des visas");
        assert_eq!(undo_de("des équipes"), "les équipes");
        assert_eq!(
            split_at_verb("la direction de la communication de recourir à des prestations"),
            Some((
                "la direction de la communication".to_owned(),
                "de recourir à des prestations".to_owned()
            ))
        );
    }
}
