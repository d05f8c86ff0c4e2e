//! The portfolio as CSV, the way French finance tools (LibreOffice Calc,
//! Excel in French) open it: `;` between fields, UTF-8 with a byte order
//! mark, a decimal comma, euros with their cents and no thousands
//! separator (so every amount reads as a number), dates as `19/05/2022`.
//!
//! One file holds it all, in sections separated by a blank line, each with
//! its header row: the conventions; the totals per year; per délégant; per
//! programme; and, when some files could not be read, those files.

use std::io::Write;

use super::{Entry, NO_DELEGANT, Portfolio, Totals};
use crate::model::Money;

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header of the conventions' section before the year columns.
const HEAD: [&str; 12] = [
    "Fichier",
    "Délégant",
    "Délégant (nom court)",
    "Bénéficiaire",
    "Programme",
    "UO",
    "Début",
    "Fin",
    "Jours avant la fin",
    "Statut",
    "AE totales (€)",
    "CP totaux (€)",
];

/// The portfolio as CSV bytes (with the byte order mark).
pub fn to_csv(portfolio: &Portfolio) -> Result<Vec<u8>, csv::Error> {
    let mut bytes = Vec::new();
    write_csv(portfolio, &mut bytes)?;
    Ok(bytes)
}

/// Writes the portfolio as CSV to `out`, byte order mark first.
pub fn write_csv(portfolio: &Portfolio, mut out: impl Write) -> Result<(), csv::Error> {
    out.write_all(BOM)?;
    let years = portfolio.years();
    {
        let mut table = writer(&mut out);
        let mut header: Vec<String> = HEAD.iter().map(|h| (*h).to_owned()).collect();
        for year in &years {
            header.push(format!("AE {year} (€)"));
            header.push(format!("CP {year} (€)"));
        }
        header.push("Erreurs".to_owned());
        header.push("Avertissements".to_owned());
        table.write_record(&header)?;
        for entry in &portfolio.entries {
            table.write_record(row(entry, portfolio.at, &years))?;
        }
        table.flush()?;
    }
    section(
        &mut out,
        "Année",
        portfolio
            .by_year()
            .into_iter()
            .map(|(year, totals)| (year.to_string(), totals)),
    )?;
    section(
        &mut out,
        "Délégant",
        portfolio
            .by_delegant()
            .into_iter()
            .map(|(name, totals)| (text(&name), totals)),
    )?;
    section(
        &mut out,
        "Programme",
        portfolio.by_programme_named().into_iter(),
    )?;
    if !portfolio.unreadable.is_empty() {
        out.write_all(b"\r\n")?;
        let mut table = writer(&mut out);
        table.write_record(["Fichier illisible", "Motif"])?;
        for problem in &portfolio.unreadable {
            table.write_record([
                text(&problem.path().display().to_string()),
                text(&problem.reason()),
            ])?;
        }
        table.flush()?;
    }
    out.flush()?;
    Ok(())
}

fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out)
}

/// A blank line, a header (`what`, Conventions, AE, CP) and a row per group.
fn section(
    mut out: impl Write,
    what: &str,
    groups: impl Iterator<Item = (String, Totals)>,
) -> Result<(), csv::Error> {
    out.write_all(b"\r\n")?;
    let mut table = writer(&mut out);
    table.write_record([what, "Conventions", "AE (€)", "CP (€)"])?;
    for (name, totals) in groups {
        table.write_record([
            name,
            totals.conventions.to_string(),
            amount(totals.ae),
            amount(totals.cp),
        ])?;
    }
    table.flush()?;
    Ok(())
}

fn row(entry: &Entry, at: chrono::NaiveDate, years: &[i32]) -> Vec<String> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string());
    let mut cells = vec![
        text(&entry.file.display().to_string()),
        text(&entry.delegant),
        text(
            if entry.delegant_short.is_empty() && entry.delegant.is_empty() {
                NO_DELEGANT
            } else {
                &entry.delegant_short
            },
        ),
        text(&entry.beneficiary),
        entry.programme.map(|p| p.to_string()).unwrap_or_default(),
        text(&entry.uo),
        date(entry.start).unwrap_or_default(),
        date(entry.end).unwrap_or_default(),
        entry
            .days_to_end(at)
            .map(|days| days.to_string())
            .unwrap_or_default(),
        entry.status.label().to_owned(),
        amount(entry.total_ae),
        amount(entry.total_cp),
    ];
    for &year in years {
        let amounts = entry.year(year);
        cells.push(amount(amounts.ae));
        cells.push(amount(amounts.cp));
    }
    cells.push(entry.errors.to_string());
    cells.push(entry.warnings.to_string());
    cells
}

/// An amount as a spreadsheet reads it in French: `30000,00`, `-12,30`.
pub fn amount(money: Money) -> String {
    let sign = if money.is_negative() { "-" } else { "" };
    format!(
        "{sign}{},{:02}",
        money.whole_euros().abs(),
        money.cents_part()
    )
}

/// A text from a draft, kept from reading as a formula: one that starts
/// with `=`, `+`, `-` or `@` gets a leading apostrophe, as spreadsheets
/// advise against formula injection. Line breaks and tabs become spaces;
/// other control and bidirectional characters, visible escapes (see
/// [`crate::escape::csv_cell`]).
fn text(value: &str) -> String {
    let clean = crate::escape::csv_cell(value);
    if clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_have_a_decimal_comma_and_no_grouping() {
        let money = |cents| Money::from_cents(cents).expect("small");
        assert_eq!(amount(money(3_000_000)), "30000,00");
        assert_eq!(amount(money(123_456_789)), "1234567,89");
        assert_eq!(amount(money(-1230)), "-12,30");
        assert_eq!(amount(money(5)), "0,05");
    }

    #[test]
    fn formulas_from_a_draft_stay_text() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("l'atelier\nnumérique"), "l'atelier numérique");
    }

    #[test]
    fn the_reference_gives_every_section() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("ref.json");
        std::fs::write(&file, crate::model::EXAMPLE_JSON).expect("write");
        std::fs::write(dir.path().join("vide.json"), "").expect("write");
        let at = chrono::NaiveDate::from_ymd_opt(2022, 6, 1).expect("date");
        let portfolio = Portfolio::load(&[dir.path()], at);
        let bytes = to_csv(&portfolio).expect("csv");
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).expect("utf-8");
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0].starts_with("Fichier;Délégant;"), "{text}");
        assert!(
            lines[0].ends_with(
                "AE 2022 (€);CP 2022 (€);AE 2023 (€);CP 2023 (€);Erreurs;Avertissements"
            )
        );
        assert!(lines[1].contains(";MEAE;"), "{text}");
        assert!(
            lines[1].contains(";0105;0105-CRES-DNUM;19/05/2022;"),
            "{text}"
        );
        assert!(
            lines[1].contains(";30000,00;30000,00;30000,00;30000,00;0,00;0,00;0;1"),
            "{text}"
        );
        assert_eq!(lines[2], "");
        assert_eq!(lines[3], "Année;Conventions;AE (€);CP (€)");
        assert_eq!(lines[4], "2022;1;30000,00;30000,00");
        assert_eq!(lines[5], "2023;1;0,00;0,00");
        assert_eq!(
            &lines[6..9],
            [
                "",
                "Délégant;Conventions;AE (€);CP (€)",
                "MEAE;1;30000,00;30000,00"
            ]
        );
        assert_eq!(
            &lines[9..12],
            [
                "",
                "Programme;Conventions;AE (€);CP (€)",
                "0105;1;30000,00;30000,00"
            ]
        );
        assert_eq!(lines[12], "");
        assert_eq!(lines[13], "Fichier illisible;Motif");
        assert!(
            lines[14].ends_with("vide.json;le fichier est vide"),
            "{text}"
        );
    }
}
