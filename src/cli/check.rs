//! `convention check`: every finding of every draft, as text or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Format, exit, json_for_terminal, one_line, shown, write_stdout};
use crate::model::{self, LoadError};
use crate::rules::{self, Finding, Severity, Tally};

/// One checked file: its findings, or why it could not be read.
pub(super) struct Checked<'a> {
    pub(super) file: &'a Path,
    pub(super) result: Result<Vec<Finding>, LoadError>,
}

pub(super) fn check(files: &[PathBuf], format: Format) -> anyhow::Result<u8> {
    let checked: Vec<Checked<'_>> = files
        .iter()
        .map(|file| Checked {
            file,
            result: model::load(file).map(|draft| rules::check(&draft)),
        })
        .collect();
    match format {
        Format::Text => print_text(&checked)?,
        Format::Json => print_json(&checked)?,
    }
    let unreadable = checked.iter().any(|c| c.result.is_err());
    let with_errors = checked
        .iter()
        .any(|c| c.result.as_ref().is_ok_and(|f| rules::has_errors(f)));
    Ok(if unreadable {
        exit::FAILURE
    } else if with_errors {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

pub(super) fn print_text(checked: &[Checked<'_>]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for Checked { file, result } in checked {
        match result {
            Ok(findings) => {
                for finding in findings {
                    writeln!(
                        out,
                        "{}: {}: {}: {} [{}]",
                        shown(file),
                        finding.severity.id(),
                        finding.path,
                        one_line(&finding.message),
                        finding.rule
                    )?;
                }
                out.flush()?;
                eprintln!("{}: {}", shown(file), Tally::of(findings).french());
            }
            Err(error) => {
                out.flush()?;
                eprintln!("convention: {}", one_line(&error.to_string()));
            }
        }
    }
    Ok(())
}

/// A finding as `check --format json` prints it.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    file: String,
    rule: &'a str,
    severity: Severity,
    path: String,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    legal_basis: Option<&'a str>,
    /// For a file that cannot be read: where in it, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

fn print_json(checked: &[Checked<'_>]) -> anyhow::Result<()> {
    let mut all = Vec::new();
    let messages: Vec<Option<String>> = checked
        .iter()
        .map(|c| c.result.as_ref().err().map(LoadError::reason))
        .collect();
    for (Checked { file, result }, message) in checked.iter().zip(&messages) {
        let file_name = file.display().to_string();
        match result {
            Ok(findings) => all.extend(findings.iter().map(|f| JsonFinding {
                file: file_name.clone(),
                rule: f.rule,
                severity: f.severity,
                path: f.path.to_string(),
                message: &f.message,
                legal_basis: f.legal_basis,
                line: None,
                column: None,
            })),
            Err(error) => {
                eprintln!("convention: {}", one_line(&error.to_string()));
                all.push(JsonFinding {
                    file: file_name,
                    rule: "file.unreadable",
                    severity: Severity::Error,
                    path: error.field().unwrap_or_default().to_owned(),
                    message: message.as_deref().unwrap_or_default(),
                    legal_basis: None,
                    line: error.position().map(|(line, _)| line),
                    column: error.position().map(|(_, column)| column),
                });
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&all).context("sérialisation des constats")?;
    text.push('\n');
    write_stdout(json_for_terminal(&text).as_bytes())
}
