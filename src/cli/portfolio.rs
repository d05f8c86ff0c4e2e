//! `convention portfolio`: many conventions at once — a row each, the
//! totals per year, per délégant and per programme, those ending soon — as
//! text, JSON or CSV.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::ValueEnum;

use super::check::unreadable_and_skipped;
use super::{exit, one_line, replaces_input, shown, write_stdout};
use crate::model::{Money, date};
use crate::portfolio::{Entry, Portfolio, Totals, Window};
use crate::rules::count_of;

/// How `portfolio` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PortfolioFormat {
    /// Des tableaux à lire.
    Text,
    /// Un objet JSON (montants exacts en chaînes « 30000.00 »).
    Json,
    /// Du CSV pour un tableur : « ; », UTF-8 avec BOM, virgule décimale.
    Csv,
}

/// What `portfolio` is asked.
pub(super) struct Request<'a> {
    pub(super) paths: &'a [PathBuf],
    pub(super) format: PortfolioFormat,
    pub(super) at: Option<&'a str>,
    pub(super) window: Window,
    pub(super) output: Option<&'a Path>,
}

/// Reads the portfolio and prints it (or writes it to `-o`, atomically).
/// Exit status: 2 if a file could not be read, else 0 (a draft's errors
/// are counted in its row, not in the status).
pub(super) fn portfolio(request: &Request<'_>) -> anyhow::Result<u8> {
    let at = match request.at {
        Some(text) => date::parse_human(text)
            .map_err(|reason| anyhow::anyhow!("--at « {text} » : {reason}"))?,
        None => date::local_day(chrono::Utc::now()),
    };
    let portfolio = Portfolio::load(request.paths, at);
    for problem in &portfolio.unreadable {
        eprintln!("convention: {}", one_line(&problem.to_string()));
    }
    for skipped in &portfolio.skipped {
        super::check::note_skipped(skipped);
    }
    if let Some(path) = request.output {
        let read = portfolio
            .entries
            .iter()
            .map(|entry| entry.file.as_path())
            .chain(portfolio.unreadable.iter().map(|problem| problem.path()));
        if replaces_input(
            path,
            read,
            "c'est l'un des fichiers lus : le portefeuille le remplacerait",
        ) {
            return Ok(exit::FAILURE);
        }
    }
    let bytes = match request.format {
        PortfolioFormat::Text => text(&portfolio, request.window).into_bytes(),
        PortfolioFormat::Json => {
            let mut text = serde_json::to_string_pretty(&json(&portfolio, request.window))
                .context("sérialisation du portefeuille")?;
            text.push('\n');
            super::json_for_terminal(&text).into_bytes()
        }
        PortfolioFormat::Csv => crate::portfolio::csv::to_csv(&portfolio)
            .map_err(|error| anyhow::anyhow!("écriture du CSV : {error}"))?,
    };
    match request.output {
        None => write_stdout(&bytes)?,
        Some(path) => {
            if path.is_dir() {
                anyhow::bail!(
                    "{}: c'est un dossier ; indiquez le nom du fichier à écrire (par exemple {})",
                    path.display(),
                    path.join("portefeuille.csv").display()
                );
            }
            crate::model::io::write_atomically(
                path,
                &bytes,
                crate::model::io::Durability::Flushed,
            )?;
        }
    }
    eprintln!(
        "convention: bilan : {}, dont {} ; {}",
        count_of(portfolio.entries.len(), "convention", "conventions"),
        match portfolio.with_errors() {
            0 => "aucune avec des erreurs".to_owned(),
            n => format!("{n} avec des erreurs"),
        },
        unreadable_and_skipped(portfolio.unreadable.len(), portfolio.skipped.len())
    );
    Ok(if portfolio.unreadable.is_empty() {
        exit::OK
    } else {
        exit::FAILURE
    })
}

/// An amount for people, cents always shown so that columns align:
/// « 30 000,00 € », « 1 234,50 € ».
fn euros(money: Money) -> String {
    let number = money.to_french_number();
    if number.contains(',') {
        format!("{number}\u{a0}€")
    } else {
        format!("{number},00\u{a0}€")
    }
}

fn day(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "—".to_owned(), |d| d.format("%d/%m/%Y").to_string())
}

/// Lays rows out in columns; `right` says which columns align right.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], right: &[bool]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (index, cell) in cells.iter().enumerate() {
            let pad = widths[index].saturating_sub(cell.chars().count());
            if index > 0 {
                text.push_str("  ");
            }
            if right.get(index).copied().unwrap_or(false) {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                if index + 1 < cells.len() {
                    text.push_str(&" ".repeat(pad));
                }
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

fn totals_table(out: &mut String, what: &str, groups: Vec<(String, Totals)>) {
    let rows: Vec<Vec<String>> = groups
        .into_iter()
        .map(|(name, totals)| {
            vec![
                name,
                totals.conventions.to_string(),
                euros(totals.ae),
                euros(totals.cp),
            ]
        })
        .collect();
    table(
        out,
        &[what, "Conventions", "AE", "CP"],
        &rows,
        &[false, true, true, true],
    );
}

fn text(portfolio: &Portfolio, window: Window) -> String {
    let mut out = String::new();
    let at = day(Some(portfolio.at));
    let total = portfolio.total();
    let _ = writeln!(
        out,
        "Portefeuille au {at} : {}, AE {}, CP {}\n",
        count_of(portfolio.entries.len(), "convention", "conventions"),
        euros(total.ae),
        euros(total.cp)
    );
    let rows: Vec<Vec<String>> = portfolio
        .entries
        .iter()
        .map(|entry| {
            vec![
                shown(&entry.file),
                one_line(entry.delegant_key()),
                one_line(&entry.beneficiary),
                one_line(&entry.uo),
                day(entry.start),
                day(entry.end),
                entry
                    .days_to_end(portfolio.at)
                    .map_or_else(String::new, |d| d.to_string()),
                entry.status.label().to_owned(),
                euros(entry.total_ae),
                euros(entry.total_cp),
                entry.errors.to_string(),
                entry.warnings.to_string(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "Fichier",
            "Délégant",
            "Bénéficiaire",
            "UO",
            "Début",
            "Fin",
            "Jours",
            "Statut",
            "AE",
            "CP",
            "Err.",
            "Avert.",
        ],
        &rows,
        &[
            false, false, false, false, false, false, true, false, true, true, true, true,
        ],
    );
    out.push_str("\nTotaux par année\n");
    totals_table(
        &mut out,
        "Année",
        portfolio
            .by_year()
            .into_iter()
            .map(|(year, totals)| (year.to_string(), totals))
            .collect(),
    );
    out.push_str("\nTotaux par délégant\n");
    totals_table(
        &mut out,
        "Délégant",
        portfolio
            .by_delegant()
            .into_iter()
            .map(|(name, totals)| (one_line(&name), totals))
            .collect(),
    );
    out.push_str("\nTotaux par programme\n");
    totals_table(&mut out, "Programme", portfolio.by_programme_named());
    let ending = portfolio.ending_within(window);
    let _ = writeln!(
        out,
        "\nSe terminent d'ici {window} (jusqu'au {}) : {}",
        day(window.end_from(portfolio.at)),
        match ending.len() {
            0 => "aucune".to_owned(),
            n => count_of(n, "convention", "conventions"),
        }
    );
    for entry in ending {
        let _ = writeln!(
            out,
            "  {} ({}) — {} — {} — {}",
            day(entry.end),
            days_left(entry, portfolio.at),
            shown(&entry.file),
            one_line(entry.delegant_key()),
            one_line(&entry.beneficiary)
        );
    }
    if !portfolio.unreadable.is_empty() {
        out.push_str("\nFichiers illisibles\n");
        for problem in &portfolio.unreadable {
            let _ = writeln!(out, "  {}", one_line(&problem.to_string()));
        }
    }
    if !portfolio.skipped.is_empty() {
        out.push_str("\nFichiers ignorés\n");
        for skipped in &portfolio.skipped {
            let _ = writeln!(out, "  {}: {}", shown(&skipped.path), skipped.note);
        }
    }
    out
}

fn days_left(entry: &Entry, at: NaiveDate) -> String {
    match entry.days_to_end(at) {
        Some(0) => "aujourd'hui".to_owned(),
        Some(n) => format!(
            "dans {}",
            count_of(n.unsigned_abs() as usize, "jour", "jours")
        ),
        None => String::new(),
    }
}

/// The portfolio as `--format json` prints it: amounts are exact strings
/// (« 30000.00 »), dates ISO.
fn json(portfolio: &Portfolio, window: Window) -> serde_json::Value {
    use serde_json::json;
    let totals = |t: Totals| json!({"conventions": t.conventions, "ae": t.ae.to_plain(), "cp": t.cp.to_plain()});
    let iso = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let entry = |e: &Entry| {
        json!({
            "file": e.file.display().to_string(),
            "delegant": e.delegant,
            "delegant_short": e.delegant_short,
            "beneficiary": e.beneficiary,
            "programme": e.programme.map(|p| p.to_string()),
            "uo": e.uo,
            "start": iso(e.start),
            "end": iso(e.end),
            "days_to_end": e.days_to_end(portfolio.at),
            "status": e.status.id(),
            "total_ae": e.total_ae.to_plain(),
            "total_cp": e.total_cp.to_plain(),
            "years": e.years.iter().map(|y| json!({
                "year": y.year, "ae": y.ae.to_plain(), "cp": y.cp.to_plain()
            })).collect::<Vec<_>>(),
            "errors": e.errors,
            "warnings": e.warnings,
        })
    };
    let with = |key: &str, name: serde_json::Value, t: Totals| {
        let mut value = totals(t);
        value[key] = name;
        value
    };
    json!({
        "at": iso(Some(portfolio.at)),
        "conventions": portfolio.entries.iter().map(entry).collect::<Vec<_>>(),
        "totals": {
            "all": totals(portfolio.total()),
            "by_year": portfolio.by_year().into_iter()
                .map(|(year, t)| with("year", json!(year), t)).collect::<Vec<_>>(),
            "by_delegant": portfolio.by_delegant().into_iter()
                .map(|(name, t)| with("delegant", json!(name), t)).collect::<Vec<_>>(),
            "by_programme": portfolio.by_programme().into_iter()
                .map(|(p, t)| with("programme", json!(p.map(|p| p.to_string())), t)).collect::<Vec<_>>(),
        },
        "ending_within": {
            "window": window.french(),
            "until": iso(window.end_from(portfolio.at)),
            "files": portfolio.ending_within(window).iter()
                .map(|e| e.file.display().to_string()).collect::<Vec<_>>(),
        },
        "unreadable": portfolio.unreadable.iter().map(|p| json!({
            "file": p.path().display().to_string(),
            "message": p.reason(),
        })).collect::<Vec<_>>(),
        "skipped": portfolio.skipped.iter()
            .map(|s| s.path.display().to_string()).collect::<Vec<_>>(),
    })
}
