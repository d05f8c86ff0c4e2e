//! `convention export`: a draft to DOCX and PDF.

use std::io::Write;
use std::path::Path;

use super::check::{Checked, print_text};
use super::{Outputs, exit, load_or_say, one_line, shown};
use crate::rules::{self, Severity, Tally};

/// Exports `file`; with `against` (an earlier version and the author of
/// the changes), its redline; with `comments`, its open comments too.
pub(super) fn export(
    file: &Path,
    outputs: &Outputs,
    against: Option<(&Path, String)>,
    comments: bool,
) -> anyhow::Result<u8> {
    use crate::export::job::{Against, ExportError, ExportRequest};
    let Some(draft) = load_or_say(file) else {
        return Ok(exit::FAILURE);
    };
    let against = match against {
        None => None,
        Some((old, author)) => match load_or_say(old) {
            Some(earlier) => Some(Against {
                draft: earlier,
                file: Some(old.to_owned()),
                name: old.file_name().map_or_else(
                    || old.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                author,
                date: crate::review::redline::saved_at(file),
            }),
            None => return Ok(exit::FAILURE),
        },
    };
    let suffix = if against.is_some() {
        "-modifications"
    } else {
        ""
    };
    let (docx, pdf) = outputs.or_beside(file, suffix);
    let request = ExportRequest {
        docx,
        pdf,
        template: outputs.template(),
        allow_errors: outputs.allow_errors,
        draft_file: Some(file.to_owned()),
        against,
        comments,
    };
    match crate::export::job::export(&draft, &request) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            for path in &report.written {
                writeln!(out, "{}", shown(path))?;
            }
            out.flush()?;
            if let (Some(count), Some(against)) = (report.changes, &request.against) {
                let count = match count {
                    0 => "aucune modification".to_owned(),
                    n => rules::count_of(n, "modification suivie", "modifications suivies"),
                };
                eprintln!(
                    "convention: {}: {count} depuis {}",
                    shown(file),
                    one_line(&against.name)
                );
            }
            if comments {
                let joined = match report.remarks {
                    0 => "aucune remarque ouverte à joindre".to_owned(),
                    n => format!(
                        "{} jointe{}",
                        rules::open_remarks(n),
                        if n > 1 { "s" } else { "" }
                    ),
                };
                eprintln!("convention: {}: {joined}", shown(file));
            }
            if report.marked {
                eprintln!(
                    "convention: {}: exporté malgré {} — pages marquées « {} »",
                    shown(file),
                    Tally::of(&report.findings).french(),
                    crate::document::NON_COMPLIANT_MARK
                );
            } else if !report.findings.is_empty() {
                eprintln!(
                    "convention: {}: exporté ; {} à examiner (détail : convention check)",
                    shown(file),
                    Tally::of(&report.findings).french_remarks()
                );
            }
            Ok(exit::OK)
        }
        Err(ExportError::HasErrors { findings, .. }) => {
            let checked = [Checked {
                file,
                result: Ok(findings.clone()),
            }];
            print_text(&checked)?;
            let count = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            eprintln!(
                "convention: {}: export refusé, {} à corriger (ou --allow-errors pour un projet marqué « {} »)",
                shown(file),
                rules::count_of(count, "erreur", "erreurs"),
                crate::document::NON_COMPLIANT_MARK
            );
            Ok(exit::FINDINGS)
        }
        Err(error) => {
            eprintln!(
                "convention: {}: {}",
                shown(file),
                one_line(&error.to_string())
            );
            Ok(exit::FAILURE)
        }
    }
}
