//! `convention export`: drafts to DOCX and PDF, one or many (files,
//! folders, patterns), each beside its draft or into `--out-dir`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::check::{Checked, note_skipped, print_text, unreadable_and_skipped};
use super::{Outputs, exit, load_or_say, one_line, report_failure, shown};
use crate::model::Draft;
use crate::portfolio::{Inputs, Loaded};
use crate::rules::{self, Severity, Tally, count_of};

/// What `export` does besides the outputs: an earlier version to compare
/// with (and the author of the changes), the open comments, a folder to
/// write into.
pub(super) struct Options<'a> {
    pub(super) against: Option<(&'a Path, String)>,
    pub(super) comments: bool,
    pub(super) out_dir: Option<&'a Path>,
}

/// How one draft's export ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Written,
    /// Refused: the draft has errors.
    Refused,
    /// A file could not be read or written.
    Failed,
}

/// Exports the drafts `paths` give; with `against` (one draft only), its
/// redline; with `comments`, the open comments too. Several drafts: each
/// is exported in turn, past any refused, and a summary ends the run.
pub(super) fn export(
    paths: &[PathBuf],
    outputs: &Outputs,
    options: &Options<'_>,
) -> anyhow::Result<u8> {
    let inputs = Inputs::expand(paths);
    if inputs.several() {
        if outputs.docx.is_some() || outputs.pdf.is_some() {
            anyhow::bail!(
                "--docx et --pdf nomment les sorties d'un seul brouillon ; pour en exporter plusieurs, écrivez-les à côté de chacun (sans option) ou dans un dossier (--out-dir DOSSIER)"
            );
        }
        if options.against.is_some() {
            anyhow::bail!(
                "--against compare un seul brouillon à sa version antérieure : donnez-en un seul"
            );
        }
    }
    if let Some(folder) = options.out_dir {
        std::fs::create_dir_all(folder).map_err(|cause| {
            anyhow::anyhow!(
                "{}: création du dossier impossible : {}",
                shown(folder),
                crate::model::io::io_reason(&cause)
            )
        })?;
    }
    let several = inputs.several();
    let mut written = 0;
    let mut refused: Vec<PathBuf> = Vec::new();
    let mut failed: Vec<PathBuf> = Vec::new();
    let mut skipped = 0;
    // Two drafts of one run must not write the same file (one name in
    // --out-dir, `x.json` and `x.JSON`): each destination, by its real
    // folder and its name's bytes, and the draft that writes it.
    let mut taken: HashMap<PathBuf, PathBuf> = HashMap::new();
    for loaded in inputs.load() {
        let (file, draft) = match loaded {
            Loaded::Draft { path, draft } => (path, draft),
            Loaded::Unreadable(problem) => {
                eprintln!("convention: {}", one_line(&problem.to_string()));
                failed.push(problem.path().to_owned());
                continue;
            }
            Loaded::Skipped(file) => {
                note_skipped(&file);
                skipped += 1;
                continue;
            }
        };
        let destinations = destinations(&file, outputs, options);
        let clash = [&destinations.0, &destinations.1]
            .into_iter()
            .flatten()
            .find_map(|path| taken.get(&real(path)).map(|first| (path, first)));
        if let Some((path, first)) = clash {
            eprintln!(
                "convention: {}: non exporté : {} s'écrit déjà dans {} ; renommez l'un des deux",
                shown(&file),
                shown(first),
                shown(path)
            );
            failed.push(file);
            continue;
        }
        for path in [&destinations.0, &destinations.1].into_iter().flatten() {
            taken.insert(real(path), file.clone());
        }
        match export_one(&file, &draft, destinations, outputs, options)? {
            Outcome::Written => written += 1,
            Outcome::Refused => refused.push(file),
            Outcome::Failed => failed.push(file),
        }
    }
    if several {
        eprintln!(
            "convention: bilan : {} ; {} ; {}",
            match written {
                0 => "aucun brouillon exporté".to_owned(),
                n => count_of(n, "brouillon exporté", "brouillons exportés"),
            },
            match refused.len() {
                0 => "aucun refusé pour erreurs".to_owned(),
                n => format!("{} pour erreurs", count_of(n, "refusé", "refusés")),
            },
            unreadable_and_skipped(failed.len(), skipped)
                .replace(
                    "fichier illisible",
                    "fichier illisible ou impossible à écrire"
                )
                .replace(
                    "fichiers illisibles",
                    "fichiers illisibles ou impossibles à écrire"
                ),
        );
        for file in &refused {
            eprintln!("convention: refusé : {}", shown(file));
        }
        for file in &failed {
            eprintln!("convention: en échec : {}", shown(file));
        }
    }
    Ok(
        if !failed.is_empty() || (written == 0 && refused.is_empty()) {
            exit::FAILURE
        } else if !refused.is_empty() {
            exit::FINDINGS
        } else {
            exit::OK
        },
    )
}

/// Where the draft `file` is exported: `--docx` and `--pdf`, or beside it
/// (in `--out-dir` if given), `-modifications` added with `--against`.
fn destinations(
    file: &Path,
    outputs: &Outputs,
    options: &Options<'_>,
) -> (Option<PathBuf>, Option<PathBuf>) {
    let suffix = if options.against.is_some() {
        "-modifications"
    } else {
        ""
    };
    let beside = match options.out_dir {
        Some(folder) => folder.join(file.file_name().unwrap_or_default()),
        None => file.to_owned(),
    };
    outputs.or_beside(&beside, suffix)
}

/// A destination by its real folder (links and `..` resolved) and its
/// name, byte for byte: two paths to one file give the same.
fn real(path: &Path) -> PathBuf {
    match (
        std::fs::canonicalize(crate::model::staging::folder_of(path)),
        path.file_name(),
    ) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_owned(),
    }
}

/// Exports one draft read from `file`, saying what was written.
fn export_one(
    file: &Path,
    draft: &Draft,
    (docx, pdf): (Option<PathBuf>, Option<PathBuf>),
    outputs: &Outputs,
    options: &Options<'_>,
) -> anyhow::Result<Outcome> {
    use crate::export::job::{Against, ExportError, ExportRequest};
    let against = match &options.against {
        None => None,
        Some((old, author)) => match load_or_say(old) {
            Some(earlier) => Some(Against {
                draft: earlier,
                file: Some((*old).to_owned()),
                name: old.file_name().map_or_else(
                    || old.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                author: author.clone(),
                date: crate::review::redline::saved_at(file),
            }),
            None => return Ok(Outcome::Failed),
        },
    };
    let comments = options.comments;
    let request = ExportRequest {
        docx,
        pdf,
        template: outputs.template(),
        allow_errors: outputs.allow_errors,
        draft_file: Some(file.to_owned()),
        against,
        comments,
    };
    match crate::export::job::export(draft, &request) {
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
            Ok(Outcome::Written)
        }
        Err(ExportError::HasErrors { findings, .. }) => {
            let count = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            print_text(&Checked::findings(file.to_owned(), draft, findings))?;
            eprintln!(
                "convention: {}: export refusé, {} à corriger (ou --allow-errors pour un projet marqué « {} »)",
                shown(file),
                rules::count_of(count, "erreur", "erreurs"),
                crate::document::NON_COMPLIANT_MARK
            );
            Ok(Outcome::Refused)
        }
        Err(error) => {
            report_failure(file, &error);
            Ok(Outcome::Failed)
        }
    }
}
