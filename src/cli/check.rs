//! `convention check`: every finding of every draft, as text or JSON, from
//! files, folders and patterns, with a summary when there are several.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;

use super::{Format, exit, json_for_terminal, one_line, shown, write_stdout};
use crate::model::Draft;
use crate::portfolio::{Inputs, Loaded, Skipped, Unreadable};
use crate::rules::{self, Finding, Severity, Tally, count_of};

/// One checked file: its findings, or why it could not be read.
pub(super) struct Checked {
    pub(super) file: PathBuf,
    pub(super) result: Result<Vec<Finding>, Unreadable>,
    /// The label of each finding's field, as the draft names it
    /// (« Exercice 2025 — CP »), in the order of the findings.
    pub(super) labels: Vec<String>,
}

impl Checked {
    /// The findings of `draft`, read from `file`.
    pub(super) fn findings(file: PathBuf, draft: &Draft, findings: Vec<Finding>) -> Self {
        let labels = findings.iter().map(|f| f.path.label_in(draft)).collect();
        Self {
            file,
            result: Ok(findings),
            labels,
        }
    }
}

/// What a batch came to: the counts its summary and exit status say.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Summary {
    /// Drafts read and checked.
    pub(super) drafts: usize,
    /// Of them, those with at least one error.
    pub(super) with_errors: usize,
    /// Paths that gave no draft.
    pub(super) unreadable: usize,
    /// JSON files found in folders that are not drafts.
    pub(super) skipped: usize,
}

impl Summary {
    fn count(&mut self, checked: &Checked) {
        match &checked.result {
            Ok(findings) => {
                self.drafts += 1;
                if rules::has_errors(findings) {
                    self.with_errors += 1;
                }
            }
            Err(_) => self.unreadable += 1,
        }
    }

    /// 2 if a file could not be read, else 1 if a draft has an error, else
    /// 0; and 2 when nothing at all was found to check.
    pub(super) fn exit_status(&self) -> u8 {
        if self.unreadable > 0 || self.drafts == 0 {
            exit::FAILURE
        } else if self.with_errors > 0 {
            exit::FINDINGS
        } else {
            exit::OK
        }
    }

    /// « 58 brouillons vérifiés, dont 3 avec des erreurs ; 2 fichiers
    /// illisibles ; 1 fichier ignoré (pas un brouillon, ou pas un fichier
    /// ordinaire) ».
    pub(super) fn french(&self) -> String {
        let mut text = match (self.drafts, self.with_errors) {
            (0, _) => "aucun brouillon vérifié".to_owned(),
            (n, 0) => format!(
                "{}, aucun avec des erreurs",
                count_of(n, "brouillon vérifié", "brouillons vérifiés")
            ),
            (n, e) => format!(
                "{}, dont {e} avec des erreurs",
                count_of(n, "brouillon vérifié", "brouillons vérifiés")
            ),
        };
        text.push_str(" ; ");
        text.push_str(&unreadable_and_skipped(self.unreadable, self.skipped));
        text
    }
}

/// « aucun fichier illisible », « 2 fichiers illisibles ; 1 fichier ignoré
/// (pas un brouillon, ou pas un fichier ordinaire) »: each skipped file
/// has had its own line saying which.
pub(super) fn unreadable_and_skipped(unreadable: usize, skipped: usize) -> String {
    let mut text = match unreadable {
        0 => "aucun fichier illisible".to_owned(),
        n => count_of(n, "fichier illisible", "fichiers illisibles"),
    };
    if skipped > 0 {
        text.push_str(&format!(
            " ; {} (pas un brouillon, ou pas un fichier ordinaire)",
            count_of(skipped, "fichier ignoré", "fichiers ignorés")
        ));
    }
    text
}

pub(super) fn check(paths: &[PathBuf], format: Format) -> anyhow::Result<u8> {
    let inputs = Inputs::expand(paths);
    let several = inputs.several();
    let mut summary = Summary::default();
    let mut checked = Vec::new();
    let mut skipped = Vec::new();
    for loaded in inputs.load() {
        let one = match loaded {
            Loaded::Draft { path, draft } => {
                let findings = rules::check(&draft);
                Checked::findings(path, &draft, findings)
            }
            Loaded::Unreadable(problem) => Checked {
                file: problem.path().to_owned(),
                result: Err(problem),
                labels: Vec::new(),
            },
            Loaded::Skipped(file) => {
                summary.skipped += 1;
                note_skipped(&file);
                skipped.push(file);
                continue;
            }
        };
        summary.count(&one);
        match format {
            // Said as it comes: a long batch shows its progress.
            Format::Text => print_text(&one)?,
            Format::Json => checked.push(one),
        }
    }
    match format {
        Format::Text => {
            if several {
                eprintln!("convention: bilan : {}", summary.french());
            }
        }
        Format::Json => print_json(&checked, &skipped, &summary)?,
    }
    Ok(summary.exit_status())
}

/// Says on standard error that a found JSON file is not a draft.
pub(super) fn note_skipped(skipped: &Skipped) {
    eprintln!("convention: {}", one_line(&skipped.to_string()));
}

/// One file's findings on standard output, a line each, then its tally on
/// standard error; or why it could not be read, on standard error. A line
/// says the severity in French, the field by its label and its path, the
/// message and the rule: `d.json: erreur : Exercice 2025 — CP
/// (budget.schedule[0].cp) : Fin 2025 : … [budget.cp-exceeds-ae]`.
pub(super) fn print_text(checked: &Checked) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let file = shown(&checked.file);
    match &checked.result {
        Ok(findings) => {
            for (index, finding) in findings.iter().enumerate() {
                let label = match checked.labels.get(index) {
                    Some(label) => label.clone(),
                    None => finding.path.label(),
                };
                writeln!(
                    out,
                    "{file}: {} : {} ({}) : {} [{}]",
                    finding.severity.french(),
                    one_line(&label),
                    finding.path,
                    one_line(&finding.message),
                    finding.rule
                )?;
            }
            out.flush()?;
            eprintln!("{file}: {}", Tally::of(findings).french());
        }
        Err(error) => {
            out.flush()?;
            eprintln!("convention: {}", one_line(&error.to_string()));
        }
    }
    Ok(())
}

/// A file as `check --format json` prints it.
#[derive(serde::Serialize)]
struct JsonFile<'a> {
    file: String,
    /// `ok` (no error; warnings allowed), `errors` or `unreadable`.
    status: &'static str,
    errors: usize,
    warnings: usize,
    infos: usize,
    remarks: usize,
    findings: Vec<JsonFinding<'a>>,
}

/// A finding as `check --format json` prints it.
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    path: String,
    /// The field's name for people, « Exercice 2025 — CP » (absent for a
    /// file that cannot be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    legal_basis: Option<&'a str>,
    /// For a file that cannot be read: where in it, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// A JSON file left aside, as `check --format json` prints it.
#[derive(serde::Serialize)]
struct JsonSkipped {
    file: String,
    reason: &'static str,
}

/// What `check --format json` prints: the files, the JSON files left
/// aside, the summary.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
    skipped: Vec<JsonSkipped>,
    summary: JsonSummary,
}

/// The summary as `check --format json` prints it.
#[derive(serde::Serialize)]
struct JsonSummary {
    /// Files checked or unreadable (the skipped ones apart).
    files: usize,
    drafts: usize,
    drafts_with_errors: usize,
    drafts_without_errors: usize,
    unreadable: usize,
    skipped: usize,
    errors: usize,
    warnings: usize,
    exit_status: u8,
}

fn print_json(checked: &[Checked], skipped: &[Skipped], summary: &Summary) -> anyhow::Result<()> {
    let mut files = Vec::with_capacity(checked.len());
    let (mut errors, mut warnings) = (0, 0);
    for Checked {
        file,
        result,
        labels,
    } in checked
    {
        let file = file.display().to_string();
        match result {
            Ok(findings) => {
                let tally = Tally::of(findings);
                errors += tally.errors;
                warnings += tally.warnings;
                files.push(JsonFile {
                    file,
                    status: if tally.errors > 0 { "errors" } else { "ok" },
                    errors: tally.errors,
                    warnings: tally.warnings,
                    infos: tally.infos,
                    remarks: tally.remarks,
                    findings: findings
                        .iter()
                        .enumerate()
                        .map(|(index, f)| JsonFinding {
                            rule: f.rule,
                            severity: f.severity,
                            path: f.path.to_string(),
                            label: Some(
                                labels.get(index).cloned().unwrap_or_else(|| f.path.label()),
                            ),
                            message: f.message.clone(),
                            legal_basis: f.legal_basis,
                            line: None,
                            column: None,
                        })
                        .collect(),
                });
            }
            Err(error) => {
                eprintln!("convention: {}", one_line(&error.to_string()));
                files.push(JsonFile {
                    file,
                    status: "unreadable",
                    errors: 1,
                    warnings: 0,
                    infos: 0,
                    remarks: 0,
                    findings: vec![JsonFinding {
                        rule: "file.unreadable",
                        severity: Severity::Error,
                        path: error.field().unwrap_or_default().to_owned(),
                        label: None,
                        message: error.reason(),
                        legal_basis: None,
                        line: error.position().map(|(line, _)| line),
                        column: error.position().map(|(_, column)| column),
                    }],
                });
            }
        }
    }
    let report = JsonReport {
        files,
        skipped: skipped
            .iter()
            .map(|s| JsonSkipped {
                file: s.path.display().to_string(),
                reason: s.note,
            })
            .collect(),
        summary: JsonSummary {
            files: summary.drafts + summary.unreadable,
            drafts: summary.drafts,
            drafts_with_errors: summary.with_errors,
            drafts_without_errors: summary.drafts - summary.with_errors,
            unreadable: summary.unreadable,
            skipped: summary.skipped,
            errors,
            warnings,
            exit_status: summary.exit_status(),
        },
    };
    let mut text = serde_json::to_string_pretty(&report).context("sérialisation des constats")?;
    text.push('\n');
    write_stdout(json_for_terminal(&text).as_bytes())
}
