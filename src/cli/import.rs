//! `convention import`: a signed convention (DOCX or ODT) read back into
//! a draft, with the report of what was found.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{exit, one_line, replaces_input, report_failure, shown};
use crate::model::io::{Durability, write_atomically};

/// Imports `file` into `output` (by default the same name, `.json`,
/// beside it), never over an existing file without `force`; prints the
/// report. Exit 0 when complete, 1 when required fields are missing (the
/// draft is written), 2 when the file cannot be read or is no convention.
pub(super) fn import(file: &Path, output: Option<&Path>, force: bool) -> anyhow::Result<u8> {
    let output: PathBuf = output.map_or_else(|| file.with_extension("json"), Path::to_path_buf);
    if replaces_input(
        &output,
        [file],
        "c'est le document importé : le brouillon le remplacerait ; choisissez un autre nom avec -o",
    ) {
        return Ok(exit::FAILURE);
    }
    if output.is_dir() {
        eprintln!(
            "convention: {}: c'est un dossier ; indiquez le nom du brouillon à écrire (par exemple {})",
            shown(&output),
            output.join("convention.json").display()
        );
        return Ok(exit::FAILURE);
    }
    if output.exists() && !force {
        eprintln!(
            "convention: {}: le fichier existe déjà (ajoutez --force pour le remplacer)",
            shown(&output)
        );
        return Ok(exit::FAILURE);
    }
    let bytes = match crate::import::read_document(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("convention: {}: {error}", shown(file));
            return Ok(exit::FAILURE);
        }
    };
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = match crate::import::import_document(&bytes, &name) {
        Ok(imported) => imported,
        Err(error) => {
            // The message names the document; the path says where it is.
            report_failure(file, &error);
            return Ok(exit::FAILURE);
        }
    };
    let json = crate::model::io::to_json(&imported.draft);
    if let Err(error) = write_atomically(&output, json.as_bytes(), Durability::Flushed) {
        eprintln!("convention: {}", one_line(&error.to_string()));
        return Ok(exit::FAILURE);
    }
    let mut out = std::io::stdout().lock();
    // The report quotes the document's text: no control character of its
    // reaches the terminal, and each line stays one line.
    for line in imported.report.lines() {
        writeln!(out, "{}", one_line(&line))?;
    }
    out.flush()?;
    let report = &imported.report;
    if report.is_complete() {
        eprintln!("convention: {}: brouillon écrit", shown(&output));
        Ok(exit::OK)
    } else {
        eprintln!(
            "convention: {}: brouillon écrit, incomplet : {} (marqués en remarques « {} »)",
            shown(&output),
            crate::rules::count_of(
                report.missing_required(),
                "champ obligatoire manquant",
                "champs obligatoires manquants"
            ),
            crate::import::AUTHOR
        );
        Ok(exit::FINDINGS)
    }
}
