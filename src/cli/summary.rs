//! `convention summary`: the fiche de synthèse of a draft, as text on
//! standard output or as a one-page PDF.

use std::path::Path;

use clap::ValueEnum;

use super::{exit, load_or_say, one_line, replaces_input, report_failure, shown, write_stdout};
use crate::model::io::{Durability, write_atomically};
use crate::summary::Fiche;

/// How `summary` writes the fiche.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Du texte (sur la sortie standard sans -o).
    Text,
    /// Une page A4 en PDF.
    Pdf,
}

/// Writes the fiche of `file`: text to standard output by default; a PDF
/// to `output`, or beside the draft (`NOM-synthese.pdf`) with `--format
/// pdf` alone. Without a format, `-o X.pdf` means a PDF. Exit 0 when
/// written, 2 when the draft cannot be read or the file written.
pub(super) fn summary(
    file: &Path,
    output: Option<&Path>,
    format: Option<SummaryFormat>,
) -> anyhow::Result<u8> {
    let format = format.unwrap_or_else(|| match output {
        Some(path) if has_pdf_extension(path) => SummaryFormat::Pdf,
        _ => SummaryFormat::Text,
    });
    let Some(draft) = load_or_say(file) else {
        return Ok(exit::FAILURE);
    };
    let destination = match format {
        SummaryFormat::Text => output.map(Path::to_path_buf),
        SummaryFormat::Pdf => Some(output.map_or_else(
            || super::beside(file, "-synthese", "pdf"),
            Path::to_path_buf,
        )),
    };
    if let Some(path) = &destination
        && replaces_input(
            path,
            [file],
            "c'est le brouillon lui-même : la fiche le remplacerait",
        )
    {
        return Ok(exit::FAILURE);
    }
    let fiche = Fiche::of(&draft);
    let bytes = match format {
        SummaryFormat::Text => fiche.text().into_bytes(),
        SummaryFormat::Pdf => match fiche.pdf() {
            Ok(bytes) => bytes,
            Err(error) => {
                report_failure(file, &error);
                return Ok(exit::FAILURE);
            }
        },
    };
    match destination {
        None => write_stdout(&bytes)?,
        Some(path) => {
            if path.is_dir() {
                eprintln!(
                    "convention: {}: c'est un dossier ; indiquez le nom du fichier à écrire (par exemple {})",
                    shown(&path),
                    shown(&path.join("fiche-de-synthese.pdf"))
                );
                return Ok(exit::FAILURE);
            }
            if let Err(error) = write_atomically(&path, &bytes, Durability::Flushed) {
                eprintln!("convention: {}", one_line(&error.to_string()));
                return Ok(exit::FAILURE);
            }
            println!("{}", shown(&path));
        }
    }
    Ok(exit::OK)
}

/// Whether the name ends in `.pdf`, whatever its case.
fn has_pdf_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"))
}
