//! `convention review`: the review loop from the command line. `review
//! import` brings the comments and tracked changes of a DOCX a reviewer
//! sent back into the draft it was exported from.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{exit, load_or_say, one_line, report_failure, shown};
use crate::model;
use crate::review::import::{self, ImportError};

/// The subcommands of `convention review`.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Importe dans le brouillon les commentaires et les modifications
    /// suivies d'un DOCX relu dans Word ou LibreOffice.
    ///
    /// Chaque commentaire, avec ses réponses, va sur le champ où il est
    /// placé (à défaut sur l'article) ; chaque modification suivie devient
    /// une proposition « Proposition : « ancien » → « nouveau » », jamais
    /// appliquée. Importer deux fois le même DOCX n'ajoute rien. Le
    /// brouillon est enregistré à sa place. Code de sortie : 0 importé, 1
    /// refusé (le DOCX vient d'un autre brouillon, ou n'est pas un export
    /// de Convention, sauf --force), 2 fichier illisible.
    Import {
        /// Le DOCX relu.
        #[arg(value_name = "RELU.docx")]
        docx: PathBuf,
        /// Le brouillon dont il a été exporté.
        #[arg(value_name = "BROUILLON.json")]
        draft: PathBuf,
        /// Importe même si le DOCX n'a pas été exporté de ce brouillon.
        #[arg(long)]
        force: bool,
    },
}

/// Runs a `review` subcommand.
pub(super) fn review(command: ReviewCommand) -> anyhow::Result<u8> {
    match command {
        ReviewCommand::Import { docx, draft, force } => import(&docx, &draft, force),
    }
}

/// Imports `docx`'s remarks into `draft_path`. Exit status: 0 imported (or
/// nothing new), 1 refused, 2 a file cannot be read or written.
fn import(docx: &Path, draft_path: &Path, force: bool) -> anyhow::Result<u8> {
    let Some(mut draft) = load_or_say(draft_path) else {
        return Ok(exit::FAILURE);
    };
    let bytes = match read(docx) {
        Ok(bytes) => bytes,
        Err(reason) => {
            eprintln!("convention: {}: lecture impossible : {reason}", shown(docx));
            return Ok(exit::FAILURE);
        }
    };
    let reviewed = match import::read_review(&bytes) {
        Ok(reviewed) => reviewed,
        Err(error) => {
            report_failure(docx, &error);
            return Ok(exit::FAILURE);
        }
    };
    let summary = match import::import(&mut draft, &reviewed, force) {
        Ok(summary) => summary,
        Err(error) => {
            eprintln!("convention: {}", refusal(&error, docx, draft_path));
            return Ok(if error.is_refusal() {
                exit::FINDINGS
            } else {
                exit::FAILURE
            });
        }
    };
    if summary.changed() {
        // A draft made read-only is not one to change behind its owner's
        // back (a rename would replace it all the same).
        if std::fs::metadata(draft_path).is_ok_and(|meta| meta.permissions().readonly()) {
            eprintln!(
                "convention: {}: le brouillon est en lecture seule : rien n'est importé (rendez-le modifiable, ou importez dans une copie)",
                shown(draft_path)
            );
            return Ok(exit::FAILURE);
        }
        model::io::save(draft_path, &draft)?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} → {}", shown(docx), shown(draft_path))?;
    // The places named are the draft's words (an RGPD topic): no control
    // character of theirs reaches the terminal.
    for line in summary.french().lines() {
        writeln!(out, "{}", one_line(line))?;
    }
    if summary.changed() {
        writeln!(out, "{} enregistré.", shown(draft_path))?;
    }
    out.flush()?;
    Ok(exit::OK)
}

/// The DOCX's bytes, or why they cannot be read: a regular file of at most
/// [`model::MAX_FILE_BYTES`].
fn read(docx: &Path) -> Result<Vec<u8>, String> {
    model::read::read_regular(docx, model::MAX_FILE_BYTES).map_err(|error| match error {
        model::read::ReadError::Io(error) => model::io::io_reason(&error),
        other => other.to_string(),
    })
}

/// Why the import was refused, naming both files and both hashes.
fn refusal(error: &ImportError, docx: &Path, draft: &Path) -> String {
    let (docx, draft) = (shown(docx), shown(draft));
    match error {
        ImportError::OtherDraft { found, expected } => format!(
            "{docx}: ce DOCX n'a pas été exporté de {draft} : son empreinte de brouillon est {found}, celle de {draft} est {expected} ; rien n'est importé (ajoutez --force pour importer ses remarques quand même)"
        ),
        ImportError::NoHash { expected } => format!(
            "{docx}: ce DOCX n'a pas d'empreinte de brouillon (propriété « {} ») : ce n'est pas un export de Convention, et rien ne dit qu'il vient de {draft} (empreinte {expected}) ; rien n'est importé (ajoutez --force pour importer ses remarques quand même)",
            import::HASH_PROPERTY
        ),
        other => format!("{docx}: {}", one_line(&other.to_string())),
    }
}
