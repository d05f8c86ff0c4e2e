//! `convention avenant`: the avenant that turns a signed convention into
//! its new version.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::check::{Checked, print_text};
use super::{exit, one_line};
use crate::document::TemplateSource;
use crate::export::job::{AvenantRequest, ExportError, export_avenant};
use crate::model::{self, date};
use crate::review::{AvenantError, AvenantOptions};
use crate::rules::{self, Severity, Tally};

/// What `convention avenant` was given.
pub(super) struct Arguments {
    pub signed: PathBuf,
    pub new: PathBuf,
    pub number: u32,
    pub effect: Option<String>,
    pub docx: Option<PathBuf>,
    pub pdf: Option<PathBuf>,
    pub template: Option<PathBuf>,
    pub allow_errors: bool,
}

fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// Writes the avenant. Exit status: 0 written, 1 refused (nothing changed,
/// not the same convention, errors in the new version), 2 a file cannot be
/// read or written.
pub(super) fn avenant(arguments: Arguments) -> anyhow::Result<u8> {
    let mut drafts = Vec::with_capacity(2);
    for file in [&arguments.signed, &arguments.new] {
        match model::load(file) {
            Ok(draft) => drafts.push(draft),
            Err(error) => {
                eprintln!("convention: {}", one_line(&error.to_string()));
                return Ok(exit::FAILURE);
            }
        }
    }
    let effect = match arguments.effect.as_deref().map(date::parse_human) {
        None => None,
        Some(Ok(day)) => Some(day),
        Some(Err(reason)) => {
            eprintln!("convention: --date-effet : {}", one_line(&reason));
            return Ok(exit::FAILURE);
        }
    };
    let number = arguments.number.max(1);
    let (docx, pdf) = if arguments.docx.is_none() && arguments.pdf.is_none() {
        let stem = arguments
            .new
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let base = arguments
            .new
            .with_file_name(format!("{stem}-avenant-{number}.json"));
        (
            Some(base.with_extension("docx")),
            Some(base.with_extension("pdf")),
        )
    } else {
        (arguments.docx, arguments.pdf)
    };
    let request = AvenantRequest {
        docx,
        pdf,
        options: AvenantOptions {
            number,
            effect,
            template: arguments
                .template
                .map_or(TemplateSource::Builtin, TemplateSource::Folder),
            non_compliant: false,
        },
        allow_errors: arguments.allow_errors,
        drafts: vec![arguments.signed.clone(), arguments.new.clone()],
    };
    let new = shown(&arguments.new);
    match export_avenant(&drafts[0], &drafts[1], &request) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            for path in &report.written {
                writeln!(out, "{}", path.display())?;
            }
            out.flush()?;
            if !report.unplaced.is_empty() {
                eprintln!(
                    "convention: {new}: ces modifications ne figurent dans aucun article de l'avenant : {}",
                    one_line(&report.unplaced.join(" ; "))
                );
            }
            if report.marked {
                eprintln!(
                    "convention: {new}: avenant écrit malgré {} — pages marquées « {} »",
                    Tally::of(&report.findings).french(),
                    crate::document::NON_COMPLIANT_MARK
                );
            }
            Ok(exit::OK)
        }
        Err(ExportError::Avenant(AvenantError::Render(error))) => {
            eprintln!("convention: {}", one_line(&error.to_string()));
            Ok(exit::FAILURE)
        }
        Err(ExportError::Avenant(refusal)) => {
            eprintln!(
                "convention: {} → {new} : avenant refusé, {}",
                shown(&arguments.signed),
                one_line(&refusal.to_string())
            );
            Ok(exit::FINDINGS)
        }
        Err(ExportError::HasErrors { findings, .. }) => {
            print_text(&[Checked {
                file: &arguments.new,
                result: Ok(findings.clone()),
            }])?;
            let count = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            eprintln!(
                "convention: {new}: avenant refusé, {} à corriger (vérifiées sur la période de la convention modifiée ; ou --allow-errors pour un projet marqué « {} »)",
                rules::count_of(count, "erreur", "erreurs"),
                crate::document::NON_COMPLIANT_MARK
            );
            Ok(exit::FINDINGS)
        }
        Err(error) => {
            eprintln!("convention: {new}: {}", one_line(&error.to_string()));
            Ok(exit::FAILURE)
        }
    }
}
