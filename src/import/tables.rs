//! The tables of a convention: the AE/CP schedule (any column order, or
//! years across; amounts in euros or in k€), the Chorus references (in a
//! table or in « label : value » lines), and the RGPD matrix of Annexe 1,
//! row by row, over as many tables as it was split into.

use super::blocks::{Block, Paragraph, Table};
use super::parse::{amount, fold};
use super::reading::Reading;
use crate::model::{Activite, Field, Money, RgpdRow, YearRow};

/// A cell's text, its paragraphs joined by line breaks.
fn cell_text(cell: &[Paragraph]) -> String {
    cell.iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// A row as one sentence: its cells' text, « | » between them.
fn row_text(row: &[Vec<Paragraph>]) -> String {
    row.iter()
        .map(|cell| cell_text(cell).replace('\n', " "))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A cell's text for matching: folded, on one line, without `*` and `:`.
fn label(cell: &[Paragraph]) -> String {
    fold(&cell_text(cell).replace('\n', " "))
        .trim_matches(|c: char| c == '*' || c == ':' || c.is_whitespace())
        .trim_end_matches(|c: char| c == ':' || c.is_whitespace())
        .to_owned()
}

/// Reads the tables, then the Chorus lines outside tables.
pub(super) fn read(reading: &mut Reading<'_>) {
    let doc = reading.doc;
    let mut rgpd_columns: Option<RgpdColumns> = None;
    let mut schedule_done = false;
    for (index, block) in doc.blocks.iter().enumerate() {
        let Block::Table(table) = block else {
            continue;
        };
        if !schedule_done && read_schedule(reading, index, table) {
            schedule_done = true;
            rgpd_columns = None;
            continue;
        }
        if read_chorus_table(reading, index, table) {
            rgpd_columns = None;
            continue;
        }
        match rgpd_header(reading, table) {
            Some(columns) => {
                read_rgpd(reading, index, table, &columns, true);
                rgpd_columns = Some(columns);
            }
            None => {
                if let Some(columns) = &rgpd_columns
                    && table.rows.iter().all(|row| row.len() == columns.width)
                {
                    read_rgpd(reading, index, table, columns, false);
                } else {
                    rgpd_columns = None;
                }
            }
        }
    }
    read_chorus_lines(reading);
}

/// Whether a header cell names the AE or the CP column.
fn is_ae(text: &str) -> bool {
    text == "ae"
        || text.starts_with("ae ")
        || text.starts_with("ae(")
        || text.contains("(ae)")
        || text.starts_with("autorisation")
        || text.contains(" ae ")
        || text.ends_with(" ae")
}

fn is_cp(text: &str) -> bool {
    text == "cp"
        || text.starts_with("cp ")
        || text.starts_with("cp(")
        || text.contains("(cp)")
        || text.starts_with("credits de paiement")
        || text.contains(" cp ")
        || text.ends_with(" cp")
}

pattern!(year_pattern, r"\b(19|20)\d{2}\b");
pattern!(activite_pattern, r"\b\d{4}[0-9A-Z]{8}\b");

fn year_in(text: &str) -> Option<i32> {
    year_pattern().find(text)?.as_str().parse().ok()
}

fn in_thousands(text: &str) -> bool {
    let folded = fold(text);
    folded.contains("k€")
        || folded.contains("keur")
        || folded.contains("milliers d'euros")
        || folded.contains("en milliers")
}

/// Reads the schedule from `table` when it is one; says whether it was.
fn read_schedule(reading: &mut Reading<'_>, index: usize, table: &Table) -> bool {
    // Years down, AE and CP across: the header row names both.
    let header = table.rows.iter().position(|row| {
        let labels: Vec<String> = row.iter().map(|cell| label(cell)).collect();
        labels.iter().any(|l| is_ae(l)) && labels.iter().any(|l| is_cp(l))
    });
    let caption_thousands = {
        let before = reading
            .doc
            .lines
            .iter()
            .rposition(|line| line.block < index)
            .map(|i| reading.text(i))
            .unwrap_or_default();
        in_thousands(before)
    };
    let mut rows: Vec<(i32, Money, Money, usize, String)> = Vec::new();
    let mut doubts = Vec::new();
    let mut totals: Option<(Option<Money>, Option<Money>)> = None;
    if let Some(header) = header {
        let labels: Vec<String> = table.rows[header].iter().map(|cell| label(cell)).collect();
        let Some(ae) = labels.iter().position(|l| is_ae(l)) else {
            return false;
        };
        let Some(cp) = labels.iter().position(|l| is_cp(l)) else {
            return false;
        };
        // A title row above the header (« Échéancier en k€ ») counts as
        // a caption.
        let caption_thousands = caption_thousands
            || table.rows[..header]
                .iter()
                .flatten()
                .any(|cell| in_thousands(&cell_text(cell)));
        let thousands_ae = caption_thousands || in_thousands(&labels[ae]);
        let thousands_cp = caption_thousands || in_thousands(&labels[cp]);
        let year_column = labels
            .iter()
            .position(|l| l.starts_with("annee") || l.starts_with("exercice"))
            .unwrap_or_else(|| {
                (0..labels.len())
                    .find(|c| *c != ae && *c != cp)
                    .unwrap_or(0)
            });
        for row in table.rows.iter().skip(header + 1) {
            if row
                .get(year_column)
                .is_some_and(|cell| label(cell).contains("total"))
            {
                let read = |column: usize, thousands: bool| {
                    row.get(column)
                        .map(|cell| cell_text(cell))
                        .and_then(|text| amount(&text, thousands || in_thousands(&text)))
                };
                totals = Some((read(ae, thousands_ae), read(cp, thousands_cp)));
            }
        }
        for (r, row) in table.rows.iter().enumerate().skip(header + 1) {
            let Some(year) = row
                .get(year_column)
                .filter(|cell| !label(cell).contains("total"))
                .and_then(|cell| year_in(&cell_text(cell)))
            else {
                continue;
            };
            let read = |column: usize, thousands: bool| {
                row.get(column)
                    .map(|cell| cell_text(cell))
                    .and_then(|text| amount(&text, thousands || in_thousands(&text)))
            };
            let line = reading.doc.cell_line(index, r, year_column).unwrap_or(0);
            let (a, c) = (read(ae, thousands_ae), read(cp, thousands_cp));
            if a.is_none() || c.is_none() {
                doubts.push(format!("montant illisible pour {year}, lu comme 0 €"));
            }
            rows.push((
                year,
                a.unwrap_or_default(),
                c.unwrap_or_default(),
                line,
                row_text(row),
            ));
        }
    } else {
        // Years across, AE and CP down.
        let Some(header) = table.rows.iter().position(|row| {
            row.iter()
                .skip(1)
                .filter(|cell| year_in(&cell_text(cell)).is_some())
                .count()
                >= 1
        }) else {
            return false;
        };
        let ae = table
            .rows
            .iter()
            .position(|row| row.first().is_some_and(|c| is_ae(&label(c))));
        let cp = table
            .rows
            .iter()
            .position(|row| row.first().is_some_and(|c| is_cp(&label(c))));
        let (Some(ae), Some(cp)) = (ae, cp) else {
            return false;
        };
        let thousands_ae = caption_thousands || in_thousands(&label(&table.rows[ae][0]));
        let thousands_cp = caption_thousands || in_thousands(&label(&table.rows[cp][0]));
        for (c, cell) in table.rows[header].iter().enumerate().skip(1) {
            let Some(year) = year_in(&cell_text(cell)) else {
                continue;
            };
            let read = |row: usize, thousands: bool| {
                table.rows[row]
                    .get(c)
                    .map(|cell| cell_text(cell))
                    .and_then(|text| amount(&text, thousands || in_thousands(&text)))
            };
            let line = reading.doc.cell_line(index, header, c).unwrap_or(0);
            let (a, p) = (read(ae, thousands_ae), read(cp, thousands_cp));
            if a.is_none() || p.is_none() {
                doubts.push(format!("montant illisible pour {year}, lu comme 0 €"));
            }
            let column = |row: usize| {
                table.rows[row]
                    .first()
                    .map(|cell| cell_text(cell))
                    .unwrap_or_default()
            };
            let text = |row: usize| {
                table.rows[row]
                    .get(c)
                    .map(|cell| cell_text(cell))
                    .unwrap_or_default()
            };
            let sentence = format!(
                "{year} | {} {} | {} {}",
                column(ae),
                text(ae),
                column(cp),
                text(cp)
            );
            rows.push((
                year,
                a.unwrap_or_default(),
                p.unwrap_or_default(),
                line,
                sentence,
            ));
        }
    }
    if rows.is_empty() {
        return false;
    }
    for line in reading.doc.lines_of(index).collect::<Vec<_>>() {
        reading.use_line(line);
    }
    let mut schedule = Vec::new();
    for (year, ae, cp, line, sentence) in rows {
        if schedule.iter().any(|row: &YearRow| row.year == year) {
            reading.unsure(
                Field::Schedule.path(),
                format!("l'exercice {year} figure deux fois"),
            );
        }
        let at = schedule.len();
        reading.found_in(
            line,
            Field::ScheduleYear.at(at),
            year.to_string(),
            sentence.clone(),
        );
        reading.found_in(
            line,
            Field::ScheduleAe.at(at),
            ae.to_french(),
            sentence.clone(),
        );
        reading.found_in(line, Field::ScheduleCp.at(at), cp.to_french(), sentence);
        schedule.push(YearRow { year, ae, cp });
    }
    // The table's own totals, when it gives them, check the reading.
    if let Some((total_ae, total_cp)) = totals {
        for (what, total, sum) in [
            (
                "AE",
                total_ae,
                Money::sum(schedule.iter().map(|row| &row.ae)),
            ),
            (
                "CP",
                total_cp,
                Money::sum(schedule.iter().map(|row| &row.cp)),
            ),
        ] {
            if let Some(total) = total
                && total != sum
            {
                doubts.push(format!(
                    "la ligne « Total » du tableau dit {} en {what}, les années lues font {}",
                    total.to_french(),
                    sum.to_french()
                ));
            }
        }
    }
    for doubt in doubts {
        reading.unsure(Field::Schedule.path(), doubt);
    }
    reading.draft.budget.schedule = schedule;
    true
}

/// The Chorus field a label names.
fn chorus_field(label: &str) -> Option<Field> {
    let label = label.trim_end_matches(|c: char| c == ':' || c.is_whitespace());
    let label = label.strip_prefix("code ").unwrap_or(label);
    match label {
        l if l.starts_with("axe ministeriel") => Some(Field::AxeMinisteriel1),
        l if l.starts_with("domaine fonctionnel") => Some(Field::DomaineFonctionnel),
        l if l.starts_with("centre financier") => Some(Field::CentreFinancier),
        l if l.starts_with("activite") => Some(Field::Activites),
        l if l.starts_with("centre de cout") => Some(Field::CentreDeCout),
        _ => None,
    }
}

/// Reads a Chorus references table; says whether it was one.
fn read_chorus_table(reading: &mut Reading<'_>, index: usize, table: &Table) -> bool {
    let labelled: Vec<(usize, Field)> = table
        .rows
        .iter()
        .enumerate()
        .filter_map(|(r, row)| Some((r, chorus_field(&label(row.first()?))?)))
        .collect();
    let mut pairs: Vec<(Field, String, usize, String)> = Vec::new();
    if labelled.len() >= 2 {
        for (r, row) in table.rows.iter().enumerate() {
            let value = row
                .get(1..)
                .unwrap_or_default()
                .iter()
                .map(|cell| cell_text(cell))
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            match labelled.iter().find(|(at, _)| *at == r) {
                Some(&(_, field)) => {
                    let line = (1..row.len())
                        .find_map(|c| {
                            reading
                                .doc
                                .cell_line(index, r, c)
                                .filter(|&l| !reading.text(l).is_empty())
                        })
                        .or_else(|| reading.doc.cell_line(index, r, 0))
                        .unwrap_or(0);
                    pairs.push((field, value, line, row_text(row)));
                }
                // A row without a label goes on with the one above
                // (« Activités » over several rows).
                None if row.first().is_some_and(|cell| label(cell).is_empty())
                    && !value.is_empty() =>
                {
                    if let Some((_, above, _, sentence)) = pairs.last_mut() {
                        above.push('\n');
                        above.push_str(&value);
                        sentence.push_str(" | ");
                        sentence.push_str(&value.replace('\n', " "));
                    }
                }
                None => {}
            }
        }
    } else {
        // Labels across the first row, values under them.
        let Some(header) = table.rows.first() else {
            return false;
        };
        let columns: Vec<(usize, Field)> = header
            .iter()
            .enumerate()
            .filter_map(|(c, cell)| Some((c, chorus_field(&label(cell))?)))
            .collect();
        if columns.len() < 2 || table.rows.len() < 2 {
            return false;
        }
        for (c, field) in columns {
            let value = table.rows[1]
                .get(c)
                .map(|cell| cell_text(cell))
                .unwrap_or_default();
            let line = reading.doc.cell_line(index, 1, c).unwrap_or(0);
            let sentence = format!("{} | {value}", cell_text(&header[c]));
            pairs.push((field, value, line, sentence));
        }
    }
    for line in reading.doc.lines_of(index).collect::<Vec<_>>() {
        reading.use_line(line);
    }
    for (field, value, line, sentence) in pairs {
        set_chorus(reading, field, &value, line, &sentence);
    }
    true
}

/// Reads « Domaine fonctionnel : 0105-06-08 » lines outside tables, for
/// the fields no table gave.
fn read_chorus_lines(reading: &mut Reading<'_>) {
    const LABELS: [&str; 7] = [
        "axe ministeriel 1",
        "axe ministeriel",
        "domaine fonctionnel",
        "centre financier",
        "activites",
        "activite",
        "centre de cout",
    ];
    let doc = reading.doc;
    for i in 0..doc.lines.len() {
        if doc.lines[i].cell.is_some() {
            continue;
        }
        let text = reading
            .text(i)
            .trim_start_matches(['-', '•', '–', ' ', '*']);
        // « Domaine fonctionnel : X », or without the colon when a value
        // follows the label.
        let (head, value) = match text.split_once(':') {
            Some((head, value)) if head.chars().count() <= 40 => {
                (head.to_owned(), value.to_owned())
            }
            _ => {
                let folded = fold(text);
                let Some(label) = LABELS.iter().find(|label| folded.starts_with(*label)) else {
                    continue;
                };
                // Folding keeps the letters' count: the value starts after
                // as many characters as the label has (plus « (s) »).
                let skip = label.chars().count();
                let rest: String = text.chars().skip(skip).collect();
                let rest = rest.trim_start_matches("(s)").trim_start_matches("s ");
                let rest = rest
                    .trim_start_matches([' ', '-', '–', '—', '='])
                    .to_owned();
                // A sentence that starts with the word is no reference:
                // a code (with digits) must follow.
                let code_follows = rest
                    .split_whitespace()
                    .next()
                    .is_some_and(|token| token.chars().any(|c| c.is_ascii_digit()));
                if !code_follows {
                    continue;
                }
                ((*label).to_owned(), rest)
            }
        };
        let Some(field) = chorus_field(&fold(head.trim().trim_matches('*'))) else {
            continue;
        };
        if reading.has(field) {
            continue;
        }
        let mut value = value.trim().to_owned();
        let mut sentence = reading.text(i).to_owned();
        // Activités listed on the lines below their label.
        if field == Field::Activites {
            for j in i + 1..doc.lines.len() {
                let next = reading
                    .text(j)
                    .trim_start_matches(['-', '•', '–', ' ', '*']);
                if doc.lines[j].cell.is_some() || !activite_pattern().is_match(next) {
                    break;
                }
                if activite_pattern().find(next).is_some_and(|m| m.start() > 0) {
                    break;
                }
                value.push('\n');
                value.push_str(next);
                sentence.push(' ');
                sentence.push_str(reading.text(j));
                reading.use_line(j);
            }
        }
        let sentence = sentence.replace('\n', " ");
        set_chorus(reading, field, value.trim(), i, &sentence);
    }
}

fn set_chorus(reading: &mut Reading<'_>, field: Field, value: &str, line: usize, sentence: &str) {
    let first_token = || {
        value
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_end_matches([',', ';', '.'])
            .to_owned()
    };
    let chorus = &mut reading.draft.chorus;
    match field {
        Field::AxeMinisteriel1 => {
            // Often empty: a row left blank says so, and is found.
            chorus.axe_ministeriel_1 = value.trim().to_owned();
            reading.found_in(line, field.path(), value.trim(), sentence.to_owned());
        }
        Field::DomaineFonctionnel | Field::CentreFinancier | Field::CentreDeCout => {
            let code = first_token();
            if code.is_empty() {
                reading.use_line(line);
                return;
            }
            match field {
                Field::DomaineFonctionnel => chorus.domaine_fonctionnel = code.clone(),
                Field::CentreFinancier => chorus.centre_financier = code.clone(),
                _ => chorus.centre_de_cout = code.clone(),
            }
            if value.split_whitespace().count() > 1 {
                reading.unsure(
                    field.path(),
                    format!("seul « {code} » est gardé de « {value} »"),
                );
            }
            reading.found_in(line, field.path(), code, sentence.to_owned());
        }
        Field::Activites => {
            let activites = activites(value);
            for (at, activite) in activites.iter().enumerate() {
                reading.found_in(
                    line,
                    Field::ActiviteCode.at(at),
                    activite.code.clone(),
                    sentence.to_owned(),
                );
                if !activite.label.is_empty() {
                    reading.found_in(
                        line,
                        Field::ActiviteLabel.at(at),
                        activite.label.clone(),
                        sentence.to_owned(),
                    );
                }
            }
            if activites.is_empty() && !value.trim().is_empty() {
                reading.unsure(
                    Field::Activites.path(),
                    format!("aucun code d'activité de 12 caractères dans « {value} »"),
                );
            }
            reading.draft.chorus.activites = activites;
        }
        _ => {}
    }
}

/// The activités of a cell: each code of 12 characters (the first 4 the
/// programme), with the words after it, without their brackets, as its
/// label.
fn activites(value: &str) -> Vec<Activite> {
    let found: Vec<regex::Match<'_>> = activite_pattern().find_iter(value).collect();
    found
        .iter()
        .enumerate()
        .map(|(at, m)| {
            let end = found.get(at + 1).map_or(value.len(), |next| next.start());
            let mut label = value[m.end()..end]
                .trim()
                .trim_start_matches(['-', '–', ':', ',', ' '])
                .trim_end_matches([',', ';', '-', '–', ' ', '\n'])
                .trim();
            if label.starts_with('(') && label.ends_with(')') {
                label = &label[1..label.len() - 1];
            }
            Activite {
                code: m.as_str().to_owned(),
                label: label.trim().replace('\n', " "),
            }
        })
        .collect()
}

/// Which columns of an RGPD table hold the topic and each party's part.
#[derive(Clone, Debug)]
struct RgpdColumns {
    topic: usize,
    delegataire: usize,
    delegant: usize,
    width: usize,
}

/// The columns of an RGPD table, from its header row: the délégant's
/// (« Délégant », its short name), the délégataire's (« DINUM »,
/// « DINSIC », « Délégataire », its short name), the topic the other.
fn rgpd_header(reading: &Reading<'_>, table: &Table) -> Option<RgpdColumns> {
    let header = table.rows.first()?;
    if header.len() < 3 {
        return None;
    }
    let labels: Vec<String> = header.iter().map(|cell| label(cell)).collect();
    let short = |name: &str| fold(name.trim());
    let delegant_short = short(&reading.draft.delegant.short_name);
    let delegataire_short = short(&reading.draft.delegataire.short_name);
    let delegataire = labels.iter().position(|l| {
        l.contains("delegataire")
            || l.contains("sous-traitant")
            || l.contains("dinum")
            || l.contains("dinsic")
            || (!delegataire_short.is_empty() && *l == delegataire_short)
    })?;
    let delegant = labels.iter().enumerate().position(|(c, l)| {
        c != delegataire
            && (l.contains("delegant")
                || l.contains("ministere")
                || l.contains("responsable de traitement")
                || l.contains("responsable du traitement")
                || l.contains("partenaire")
                || (!delegant_short.is_empty() && *l == delegant_short))
    })?;
    let topic = (0..labels.len()).find(|c| *c != delegant && *c != delegataire)?;
    Some(RgpdColumns {
        topic,
        delegataire,
        delegant,
        width: header.len(),
    })
}

/// Reads the rows of an RGPD table (after its header when it has one).
fn read_rgpd(
    reading: &mut Reading<'_>,
    index: usize,
    table: &Table,
    columns: &RgpdColumns,
    header: bool,
) {
    for line in reading.doc.lines_of(index).collect::<Vec<_>>() {
        reading.use_line(line);
    }
    for (r, row) in table.rows.iter().enumerate().skip(usize::from(header)) {
        let cell = |c: usize| row.get(c).map(|cell| cell_text(cell)).unwrap_or_default();
        let topic = cell(columns.topic).replace('\n', " ");
        let (delegataire, delegant) = (cell(columns.delegataire), cell(columns.delegant));
        if topic.is_empty() && delegataire.is_empty() && delegant.is_empty() {
            continue;
        }
        let at = reading.draft.rgpd_matrix.len();
        let line = reading.doc.cell_line(index, r, columns.topic).unwrap_or(0);
        reading.found(line, Field::RgpdTopic.at(at), topic.clone());
        reading.found(
            line,
            Field::RgpdDelegataire.at(at),
            delegataire.replace('\n', " / "),
        );
        reading.found(
            line,
            Field::RgpdDelegant.at(at),
            delegant.replace('\n', " / "),
        );
        reading
            .draft
            .rgpd_matrix
            .push(RgpdRow::new(&topic, &delegataire, &delegant));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activites_read_one_or_several_codes() {
        let one = activites("010501A61404 (domaine action diplomatique)");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].code, "010501A61404");
        assert_eq!(one[0].label, "domaine action diplomatique");
        let two = activites("010501A61404 - action diplomatique\n010501A61405 (coopération (UE))");
        assert_eq!(two.len(), 2);
        assert_eq!(two[0].label, "action diplomatique");
        assert_eq!(two[1].label, "coopération (UE)");
        let bare = activites("010501A61404 ; 010501A61405");
        assert_eq!(bare.len(), 2);
        assert_eq!(bare[0].label, "");
    }

    #[test]
    fn chorus_references_read_in_lines_with_or_without_colon() {
        let doc = super::super::doc::Doc::of_paragraphs(&[
            "Domaine fonctionnel 0224-04-02",
            "Centre financier – 0224-DGPA-MUSE",
            "Centre financier de la direction régionale.",
            "Activités :",
            "- 022404020001 (musées nationaux)",
            "- 022404020002 (monuments)",
            "Le reste du texte.",
            "Centre de coût : CULT000001",
        ]);
        let mut reading = Reading::new(&doc);
        read(&mut reading);
        let chorus = &reading.draft.chorus;
        assert_eq!(chorus.domaine_fonctionnel, "0224-04-02");
        assert_eq!(chorus.centre_financier, "0224-DGPA-MUSE");
        assert_eq!(chorus.centre_de_cout, "CULT000001");
        let codes: Vec<&str> = chorus.activites.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["022404020001", "022404020002"]);
        assert_eq!(chorus.activites[1].label, "monuments");
        assert!(!reading.is_used(2) && !reading.is_used(6));
    }

    fn table(rows: &[&[&str]]) -> Block {
        Block::Table(Table {
            rows: rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|text| {
                            vec![Paragraph {
                                text: (*text).to_owned(),
                                ..Paragraph::default()
                            }]
                        })
                        .collect()
                })
                .collect(),
        })
    }

    fn schedule_of(block: Block) -> Vec<(i32, i64, i64)> {
        let doc = super::super::doc::Doc::new(vec![block]);
        let mut reading = Reading::new(&doc);
        read(&mut reading);
        reading
            .draft
            .budget
            .schedule
            .iter()
            .map(|row| (row.year, row.ae.cents(), row.cp.cents()))
            .collect()
    }

    #[test]
    fn schedules_read_in_any_layout() {
        // Columns in another order, in k€ by a title row above the header.
        let swapped = table(&[
            &["Échéancier (en k€)"],
            &["CP", "Exercice", "AE"],
            &["20", "2023", "45,5"],
            &["25", "2024", "0"],
            &["45", "Total", "45,5"],
        ]);
        assert_eq!(
            schedule_of(swapped),
            [(2023, 4_550_000, 2_000_000), (2024, 0, 2_500_000)]
        );
        // Years across.
        let across = table(&[
            &["", "2023", "2024", "Total"],
            &[
                "Autorisations d'engagement (AE)",
                "30.000 €",
                "0 €",
                "30.000 €",
            ],
            &[
                "Crédits de paiement (CP)",
                "10 000,50 €",
                "19 999,50 €",
                "30 000 €",
            ],
        ]);
        assert_eq!(
            schedule_of(across),
            [(2023, 3_000_000, 1_000_050), (2024, 0, 1_999_950)]
        );
    }

    #[test]
    fn chorus_labels_read_with_or_without_colon() {
        assert_eq!(
            chorus_field("domaine fonctionnel :"),
            Some(Field::DomaineFonctionnel)
        );
        assert_eq!(chorus_field("activite(s)"), Some(Field::Activites));
        assert_eq!(chorus_field("activites"), Some(Field::Activites));
        assert_eq!(chorus_field("code activite"), Some(Field::Activites));
        assert_eq!(chorus_field("centre de cout"), Some(Field::CentreDeCout));
        assert_eq!(chorus_field("references chorus"), None);
        assert!(is_ae("ae") && is_ae("montant ae (k€)") && is_ae("autorisations d'engagement"));
        assert!(is_cp("cp") && !is_cp("centre"));
    }
}
