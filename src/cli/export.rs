//! `convention export`: a draft to DOCX and PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::check::{Checked, print_text};
use super::{exit, one_line};
use crate::model;
use crate::rules::{self, Severity, Tally};

/// The files asked for.
pub(super) struct Outputs {
    /// `--docx`.
    pub docx: Option<PathBuf>,
    /// `--pdf`.
    pub pdf: Option<PathBuf>,
}

/// Exports `file`; with `against` (an earlier version and the author of
/// the changes), its redline.
pub(super) fn export(
    file: &Path,
    outputs: Outputs,
    template: Option<PathBuf>,
    allow_errors: bool,
    against: Option<(&Path, String)>,
) -> anyhow::Result<u8> {
    use crate::document::TemplateSource;
    use crate::export::job::{Against, ExportError, ExportRequest};
    let draft = match model::load(file) {
        Ok(draft) => draft,
        Err(error) => {
            eprintln!("convention: {}", one_line(&error.to_string()));
            return Ok(exit::FAILURE);
        }
    };
    let against = match against {
        None => None,
        Some((old, author)) => match model::load(old) {
            Ok(earlier) => Some(Against {
                draft: earlier,
                file: Some(old.to_owned()),
                name: old.file_name().map_or_else(
                    || old.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                author,
                date: crate::review::redline::saved_at(file),
            }),
            Err(error) => {
                eprintln!("convention: {}", one_line(&error.to_string()));
                return Ok(exit::FAILURE);
            }
        },
    };
    let Outputs { docx, pdf } = outputs;
    let (docx, pdf) = if docx.is_none() && pdf.is_none() {
        let base = if against.is_some() {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            file.with_file_name(format!("{stem}-modifications.json"))
        } else {
            file.to_owned()
        };
        (
            Some(base.with_extension("docx")),
            Some(base.with_extension("pdf")),
        )
    } else {
        (docx, pdf)
    };
    let request = ExportRequest {
        docx,
        pdf,
        template: template.map_or(TemplateSource::Builtin, TemplateSource::Folder),
        allow_errors,
        draft_file: Some(file.to_owned()),
        against,
    };
    match crate::export::job::export(&draft, &request) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            for path in &report.written {
                writeln!(out, "{}", path.display())?;
            }
            out.flush()?;
            if let (Some(count), Some(against)) = (report.changes, &request.against) {
                let count = match count {
                    0 => "aucune modification".to_owned(),
                    n => rules::count_of(n, "modification suivie", "modifications suivies"),
                };
                eprintln!(
                    "convention: {}: {count} depuis {}",
                    one_line(&file.display().to_string()),
                    one_line(&against.name)
                );
            }
            if report.marked {
                eprintln!(
                    "convention: {}: exporté malgré {} — pages marquées « {} »",
                    file.display(),
                    Tally::of(&report.findings).french(),
                    crate::document::NON_COMPLIANT_MARK
                );
            } else if !report.findings.is_empty() {
                eprintln!(
                    "convention: {}: exporté ; {} à examiner (détail : convention check)",
                    file.display(),
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
                file.display(),
                rules::count_of(count, "erreur", "erreurs"),
                crate::document::NON_COMPLIANT_MARK
            );
            Ok(exit::FINDINGS)
        }
        Err(error) => {
            eprintln!(
                "convention: {}: {}",
                file.display(),
                one_line(&error.to_string())
            );
            Ok(exit::FAILURE)
        }
    }
}
