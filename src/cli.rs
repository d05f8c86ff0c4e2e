//! The `convention` command: the headless subcommands (new, schema, check,
//! export, rules), and the way into the desktop app.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::model::{self, Draft, LoadError};
use crate::rules::{self, Finding, Severity, Tally};

/// Rédiger, vérifier et exporter les conventions de délégation de gestion.
///
/// Sans sous-commande, ouvre l'application (avec FICHIER s'il est donné).
#[derive(Debug, Parser)]
#[command(name = "convention", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Sous-commande (sans elle : l'application de bureau).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Brouillon à ouvrir dans l'application.
    #[arg(value_name = "FICHIER")]
    pub file: Option<PathBuf>,
    /// Ouvre la fenêtre, en enregistre une capture PNG dans ce fichier, puis quitte.
    #[arg(long, value_name = "SORTIE.png")]
    pub screenshot: Option<PathBuf>,
    /// Étape à afficher (avec --screenshot) : parties, objet, budget, chorus,
    /// engagements, rgpd, signature, relecture, export.
    #[arg(long, value_name = "ÉTAPE", requires = "screenshot")]
    pub step: Option<String>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Affiche un brouillon vierge (ou l'exemple) au format JSON.
    New {
        /// Le brouillon de l'exemple (convention MEAE–DINUM de 2022).
        #[arg(long)]
        example: bool,
        /// Écrit dans ce fichier au lieu de la sortie standard.
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Remplace le fichier s'il existe.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Affiche le schéma JSON du format des brouillons.
    Schema,
    /// Vérifie des brouillons et liste ce qui ne va pas.
    ///
    /// Code de sortie : 0 sans erreur (avertissements admis), 1 si un
    /// brouillon a une erreur, 2 si un fichier est illisible.
    Check {
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Brouillons à vérifier.
        #[arg(required = true, value_name = "FICHIER")]
        files: Vec<PathBuf>,
    },
    /// Exporte un brouillon en DOCX et en PDF.
    ///
    /// Sans --docx ni --pdf, écrit les deux à côté du brouillon. Un
    /// brouillon qui a des erreurs est refusé (code 1), sauf avec
    /// --allow-errors : chaque page porte alors « PROJET — non conforme ».
    Export {
        /// Le brouillon à exporter.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Fichier DOCX à écrire.
        #[arg(long, value_name = "SORTIE.docx")]
        docx: Option<PathBuf>,
        /// Fichier PDF à écrire.
        #[arg(long, value_name = "SORTIE.pdf")]
        pdf: Option<PathBuf>,
        /// Dossier d'un autre modèle (contenant convention.md.j2).
        #[arg(long, value_name = "DOSSIER")]
        template: Option<PathBuf>,
        /// Exporte malgré les erreurs, pages marquées « PROJET — non conforme ».
        #[arg(long)]
        allow_errors: bool,
    },
    /// Liste les règles de vérification.
    Rules,
}

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Une ligne par constat.
    Text,
    /// Un tableau JSON de constats.
    Json,
}

/// Exit statuses shared by the subcommands.
pub mod exit {
    /// Everything went well (warnings allowed).
    pub const OK: u8 = 0;
    /// A draft has errors.
    pub const FINDINGS: u8 = 1;
    /// A file could not be read, parsed or written.
    pub const FAILURE: u8 = 2;
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("convention: {}", one_line(&format!("{error:#}")));
            ExitCode::from(exit::FAILURE)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Some(Command::New {
            example,
            output,
            force,
        }) => new(example, output.as_deref(), force),
        Some(Command::Schema) => {
            write_stdout(model::json_schema().as_bytes())?;
            Ok(exit::OK)
        }
        Some(Command::Check { format, files }) => check(&files, format),
        Some(Command::Export {
            file,
            docx,
            pdf,
            template,
            allow_errors,
        }) => export(&file, docx, pdf, template, allow_errors),
        Some(Command::Rules) => list_rules(),
        None => open_app(cli.file, cli.screenshot, cli.step),
    }
}

#[cfg(feature = "gui")]
fn open_app(
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    step: Option<String>,
) -> anyhow::Result<u8> {
    crate::app::run(crate::app::Launch {
        file,
        screenshot,
        step,
    })
}

#[cfg(not(feature = "gui"))]
fn open_app(
    _file: Option<PathBuf>,
    _screenshot: Option<PathBuf>,
    _step: Option<String>,
) -> anyhow::Result<u8> {
    use clap::CommandFactory as _;
    let mut out = std::io::stdout().lock();
    write!(out, "{}", Cli::command().render_help())?;
    writeln!(
        out,
        "\nCe programme a été compilé sans l'application de bureau (fonctionnalité « gui »)."
    )?;
    Ok(exit::OK)
}

fn new(example: bool, output: Option<&Path>, force: bool) -> anyhow::Result<u8> {
    let text = if example {
        model::EXAMPLE_JSON.to_owned()
    } else {
        model::io::to_json(&Draft::blank())
    };
    match output {
        None => write_stdout(text.as_bytes())?,
        Some(path) => {
            if path.is_dir() {
                anyhow::bail!(
                    "{}: c'est un dossier ; indiquez le nom du fichier à créer (par exemple {})",
                    path.display(),
                    path.join("convention.json").display()
                );
            }
            if path.exists() && !force {
                anyhow::bail!(
                    "{}: le fichier existe déjà (ajoutez --force pour le remplacer)",
                    path.display()
                );
            }
            model::io::write_atomically(path, text.as_bytes(), model::io::Durability::Flushed)?;
        }
    }
    Ok(exit::OK)
}

/// One checked file: its findings, or why it could not be read.
struct Checked<'a> {
    file: &'a Path,
    result: Result<Vec<Finding>, LoadError>,
}

fn check(files: &[PathBuf], format: Format) -> anyhow::Result<u8> {
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

fn print_text(checked: &[Checked<'_>]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for Checked { file, result } in checked {
        match result {
            Ok(findings) => {
                for finding in findings {
                    writeln!(
                        out,
                        "{}: {}: {}: {} [{}]",
                        file.display(),
                        finding.severity.id(),
                        finding.path,
                        one_line(&finding.message),
                        finding.rule
                    )?;
                }
                out.flush()?;
                eprintln!("{}: {}", file.display(), Tally::of(findings).french());
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
    write_stdout(text.as_bytes())
}

fn export(
    file: &Path,
    docx: Option<PathBuf>,
    pdf: Option<PathBuf>,
    template: Option<PathBuf>,
    allow_errors: bool,
) -> anyhow::Result<u8> {
    use crate::document::TemplateSource;
    use crate::export::job::{ExportError, ExportRequest};
    let draft = match model::load(file) {
        Ok(draft) => draft,
        Err(error) => {
            eprintln!("convention: {}", one_line(&error.to_string()));
            return Ok(exit::FAILURE);
        }
    };
    let (docx, pdf) = if docx.is_none() && pdf.is_none() {
        (
            Some(file.with_extension("docx")),
            Some(file.with_extension("pdf")),
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
    };
    match crate::export::job::export(&draft, &request) {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            for path in &report.written {
                writeln!(out, "{}", path.display())?;
            }
            out.flush()?;
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

fn list_rules() -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    for rule in rules::RULES {
        match rule.legal_basis {
            Some(basis) => writeln!(out, "{}\t{} ({basis})", rule.id, rule.summary)?,
            None => writeln!(out, "{}\t{}", rule.id, rule.summary)?,
        }
    }
    Ok(exit::OK)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Keeps a message on one line: control characters become spaces.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
