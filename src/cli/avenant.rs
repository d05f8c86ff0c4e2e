//! `convention avenant`: the avenant that turns a signed convention into
//! its new version.

use std::io::Write;
use std::path::Path;

use super::check::{Checked, print_text};
use super::{Outputs, exit, load_or_say, one_line, shown};
use crate::export::job::{AvenantRequest, ExportError, export_avenant};
use crate::model::date;
use crate::review::{AvenantError, AvenantOptions};
use crate::rules::{self, Severity, Tally};

/// Writes the avenant. Exit status: 0 written, 1 refused (nothing changed,
/// not the same convention, errors in the new version), 2 a file cannot be
/// read or written.
pub(super) fn avenant(
    signed: &Path,
    new_file: &Path,
    number: u32,
    effect: Option<&str>,
    outputs: &Outputs,
) -> anyhow::Result<u8> {
    let Some(signed_draft) = load_or_say(signed) else {
        return Ok(exit::FAILURE);
    };
    let Some(new_draft) = load_or_say(new_file) else {
        return Ok(exit::FAILURE);
    };
    let effect = match effect.map(date::parse_human) {
        None => None,
        Some(Ok(day)) => Some(day),
        Some(Err(reason)) => {
            eprintln!("convention: --date-effet : {}", one_line(&reason));
            return Ok(exit::FAILURE);
        }
    };
    let number = number.max(1);
    let (docx, pdf) = outputs.or_beside(new_file, &format!("-avenant-{number}"));
    let request = AvenantRequest {
        docx,
        pdf,
        options: AvenantOptions {
            number,
            effect,
            template: outputs.template(),
            non_compliant: false,
        },
        allow_errors: outputs.allow_errors,
        drafts: vec![signed.to_owned(), new_file.to_owned()],
    };
    let new = shown(new_file);
    match export_avenant(&signed_draft, &new_draft, &request) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            for path in &report.written {
                writeln!(out, "{}", shown(path))?;
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
                shown(signed),
                one_line(&refusal.to_string())
            );
            Ok(exit::FINDINGS)
        }
        Err(ExportError::HasErrors { findings, .. }) => {
            print_text(&Checked::findings(
                new_file.to_owned(),
                &new_draft,
                findings.clone(),
            ))?;
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
