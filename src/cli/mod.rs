//! The `convention` command: the headless subcommands (new, schema, check,
//! export, portfolio, diff, avenant, import, summary, review, rules), one file each when they grow,
//! and the way into the desktop app.

mod avenant;
mod check;
mod diff;
mod export;
mod import;
mod portfolio;
mod review;
mod summary;
mod usage;

pub use portfolio::PortfolioFormat;
pub use review::ReviewCommand;
pub use summary::SummaryFormat;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::escape::json_for_terminal;
pub use crate::escape::one_line;
use crate::model::{self, Draft};
use crate::rules;

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
    /// Ouvre FICHIER en le comparant à cette version antérieure.
    #[arg(long, value_name = "ANCIEN", requires = "file")]
    pub compare: Option<PathBuf>,
    /// Ouvre l'application sur le portefeuille de ce dossier (tous ses
    /// brouillons, sous-dossiers compris).
    #[arg(long, value_name = "DOSSIER", conflicts_with = "file")]
    pub portfolio: Option<PathBuf>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Affiche un brouillon vierge (ou l'exemple, ou la convention qui
    /// suit une autre) au format JSON.
    New {
        /// Le brouillon de l'exemple (convention MEAE–DINUM de 2022).
        #[arg(long, conflicts_with = "from")]
        example: bool,
        /// La convention de la période suivante : garde les parties, l'objet,
        /// l'UO, les références Chorus, les engagements et l'annexe RGPD ;
        /// efface la date de signature, les montants et la relecture ;
        /// l'échéancier passe aux années qui suivent l'ancienne fin.
        #[arg(long, value_name = "ANCIEN.json")]
        from: Option<PathBuf>,
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
    /// Prend des fichiers, des dossiers (parcourus en profondeur, fichiers
    /// *.json ; un JSON qui n'est pas un brouillon est ignoré avec une note)
    /// et des motifs (« dossier/*.json », développés par le programme). Avec
    /// plusieurs brouillons, un bilan termine la sortie. Code de sortie : 0
    /// sans erreur (avertissements admis), 1 si un brouillon a une erreur, 2
    /// si un fichier est illisible (même si d'autres ont des erreurs).
    Check {
        /// Format de sortie (json : un objet par fichier et un bilan).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Brouillons, dossiers ou motifs à vérifier.
        #[arg(required = true, value_name = "CHEMIN")]
        files: Vec<PathBuf>,
    },
    /// Exporte des brouillons en DOCX et en PDF.
    ///
    /// Sans --docx ni --pdf, écrit les deux à côté du brouillon (avec
    /// --against : FICHIER-modifications.docx et .pdf), ou dans --out-dir.
    /// Un brouillon qui a des erreurs est refusé, sauf avec --allow-errors :
    /// chaque page porte alors « PROJET — non conforme ». Plusieurs
    /// brouillons (fichiers, dossiers, motifs) : chacun est exporté, même
    /// après un refus, et un bilan termine. Code de sortie : 0 tout écrit,
    /// 1 un brouillon refusé, 2 un fichier illisible ou impossible à écrire.
    Export {
        /// Brouillons, dossiers ou motifs à exporter.
        #[arg(required = true, value_name = "CHEMIN")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        outputs: Outputs,
        /// Écrit les DOCX et PDF dans ce dossier (créé s'il manque), sous
        /// le nom de leur brouillon.
        #[arg(long, value_name = "DOSSIER", conflicts_with_all = ["docx", "pdf"])]
        out_dir: Option<PathBuf>,
        /// Une version antérieure : exporte les modifications depuis elle,
        /// en modifications suivies (DOCX) et en marques de révision (PDF).
        #[arg(long, value_name = "ANCIEN")]
        against: Option<PathBuf>,
        /// Auteur des modifications suivies (par défaut « Convention »).
        #[arg(long, value_name = "NOM", requires = "against")]
        author: Option<String>,
        /// Joint les remarques ouvertes du brouillon : commentaires Word
        /// dans le DOCX, section « Remarques » (avec les pages) à la fin du
        /// PDF.
        #[arg(long)]
        comments: bool,
    },
    /// Compare deux brouillons et liste ce qui a changé, par étape et par
    /// article.
    ///
    /// Code de sortie : 0 s'ils disent la même chose, 1 s'ils diffèrent, 2 si
    /// l'un est illisible. La mise en forme du fichier (ordre des champs,
    /// espaces, « 30000 » ou « 30000.00 ») n'est pas une modification.
    Diff {
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// L'ancienne version.
        #[arg(value_name = "ANCIEN")]
        old: PathBuf,
        /// La nouvelle version.
        #[arg(value_name = "NOUVEAU")]
        new: PathBuf,
    },
    /// Écrit l'avenant qui fait de la convention signée sa nouvelle
    /// version : les articles modifiés, avec leur nouvelle rédaction.
    ///
    /// Sans --docx ni --pdf, écrit les deux à côté de NOUVEAU
    /// (NOUVEAU-avenant-N.docx et .pdf). La nouvelle version est vérifiée
    /// sur la période de la convention modifiée (de sa signature à la
    /// nouvelle fin). Code de sortie : 0 écrit, 1 refusé (rien n'a changé,
    /// ce n'est pas la même convention, ou des erreurs), 2 fichier illisible.
    Avenant {
        /// La convention signée.
        #[arg(value_name = "SIGNÉE")]
        signed: PathBuf,
        /// Sa nouvelle version.
        #[arg(value_name = "NOUVEAU")]
        new: PathBuf,
        /// Numéro de l'avenant.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = usage::avenant_number)]
        number: u32,
        /// Date d'effet (19/05/2024, 19 mai 2024 ou 2024-05-19) ; sans elle,
        /// l'avenant prend effet à sa signature.
        #[arg(long = "date-effet", value_name = "DATE")]
        effect: Option<String>,
        #[command(flatten)]
        outputs: Outputs,
    },
    /// Le portefeuille : une ligne par convention, les totaux par année,
    /// par délégant et par programme, les conventions qui se terminent
    /// bientôt.
    ///
    /// Prend des fichiers, des dossiers et des motifs comme check. Les
    /// brouillons qui ont des erreurs comptent dans les totaux (leur ligne
    /// dit combien). Code de sortie : 0, ou 2 si un fichier est illisible.
    Portfolio {
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = PortfolioFormat::Text)]
        format: PortfolioFormat,
        /// Date du jour pour les jours restants (19/05/2024, 19 mai 2024 ou
        /// 2024-05-19) ; par défaut aujourd'hui.
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Fenêtre des conventions qui se terminent bientôt : 90j (jours),
        /// 6m (mois), 1a (an) ; aussi 90d, 1y.
        #[arg(long = "ending-within", value_name = "DURÉE", default_value = "6m")]
        ending_within: crate::portfolio::Window,
        /// Écrit dans ce fichier (atomiquement) au lieu de la sortie standard.
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Brouillons, dossiers ou motifs.
        #[arg(required = true, value_name = "CHEMIN")]
        paths: Vec<PathBuf>,
    },
    /// Importe une convention signée (DOCX ou ODT) en brouillon : les
    /// parties, les visas, l'objet, l'UO, l'échéancier AE/CP, les
    /// références Chorus, les dates, le préavis, l'annexe RGPD, les
    /// engagements.
    ///
    /// Sans -o, écrit ANCIEN.json à côté du document. Affiche chaque champ
    /// trouvé avec la phrase d'où il vient, les champs non trouvés, les
    /// valeurs à vérifier et les passages non reconnus, qui sont aussi
    /// des remarques du brouillon, sur leurs champs. Code de sortie : 0
    /// tout champ obligatoire trouvé, 1 il en manque (le brouillon est
    /// écrit quand même), 2 fichier illisible ou qui n'est pas une
    /// convention.
    Import {
        /// La convention signée, en DOCX ou en ODT.
        #[arg(value_name = "ANCIEN.docx")]
        file: PathBuf,
        /// Le brouillon à écrire (par défaut : ANCIEN.json à côté).
        #[arg(short, long, value_name = "BROUILLON.json")]
        output: Option<PathBuf>,
        /// Remplace le brouillon s'il existe déjà.
        #[arg(long)]
        force: bool,
    },
    /// La fiche de synthèse d'un brouillon, pour le circuit de
    /// validation : les parties, l'objet, la période, les AE et CP par
    /// année et leurs totaux, les références Chorus, les constats et le
    /// statut de relecture.
    ///
    /// Sans -o ni --format, en texte sur la sortie standard. En PDF
    /// (--format pdf, ou -o FICHE.pdf) : une page A4, écrite dans -o ou à
    /// côté du brouillon (NOM-synthese.pdf) ; au-delà de ce qui tient, les
    /// dernières années sont résumées en une ligne. Code de sortie : 0
    /// écrit, 2 brouillon illisible ou fichier impossible à écrire.
    Summary {
        /// Le brouillon.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Le fichier à écrire (atomiquement).
        #[arg(short, long, value_name = "FICHE.pdf")]
        output: Option<PathBuf>,
        /// Format : text ou pdf (par défaut : pdf si -o finit par .pdf,
        /// sinon text).
        #[arg(long, value_enum)]
        format: Option<SummaryFormat>,
    },
    /// La relecture : importer les remarques d'un DOCX relu.
    Review {
        /// Sous-commande de relecture.
        #[command(subcommand)]
        command: ReviewCommand,
    },
    /// Liste les règles de vérification.
    Rules,
}

/// The files an export writes, and how: shared by `export` and `avenant`.
#[derive(Debug, Args)]
pub struct Outputs {
    /// Fichier DOCX à écrire.
    #[arg(long, value_name = "SORTIE.docx")]
    pub docx: Option<PathBuf>,
    /// Fichier PDF à écrire.
    #[arg(long, value_name = "SORTIE.pdf")]
    pub pdf: Option<PathBuf>,
    /// Dossier d'un autre modèle (convention.md.j2 ; pour un avenant,
    /// avenant.md.j2 s'il en a un).
    #[arg(long, value_name = "DOSSIER")]
    pub template: Option<PathBuf>,
    /// Écrit malgré les erreurs, pages marquées « PROJET — non conforme ».
    #[arg(long)]
    pub allow_errors: bool,
}

impl Outputs {
    /// The DOCX and PDF asked for; without either, both beside `draft`,
    /// `suffix` added to its name (« -modifications »).
    pub fn or_beside(&self, draft: &Path, suffix: &str) -> (Option<PathBuf>, Option<PathBuf>) {
        if self.docx.is_some() || self.pdf.is_some() {
            return (self.docx.clone(), self.pdf.clone());
        }
        (
            Some(beside(draft, suffix, "docx")),
            Some(beside(draft, suffix, "pdf")),
        )
    }

    /// The template to render with.
    pub fn template(&self) -> crate::document::TemplateSource {
        self.template.clone().map_or(
            crate::document::TemplateSource::Builtin,
            crate::document::TemplateSource::Folder,
        )
    }
}

/// `NOM{suffix}.{extension}` beside `file` (`NOM.json`), the name's bytes
/// kept as they are: a name that is not UTF-8 stays itself, so two such
/// drafts never share an output.
fn beside(file: &Path, suffix: &str, extension: &str) -> PathBuf {
    let mut name = file
        .file_stem()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(suffix);
    name.push(".");
    name.push(extension);
    file.with_file_name(name)
}

/// Reads a draft; when it cannot be read, says why on standard error.
fn load_or_say(file: &Path) -> Option<Draft> {
    match model::load(file) {
        Ok(draft) => Some(draft),
        Err(error) => {
            eprintln!("convention: {}", one_line(&error.to_string()));
            None
        }
    }
}

/// Whether writing `output` would replace one of the files `read` (the
/// drafts a command reads, through links and hard links: see
/// [`model::staging::same_file`]); if so, says so on standard error, as
/// `export` refuses it, and nothing is to be written. `reason` says what
/// the file is and what would replace it (« c'est le brouillon lui-même :
/// la fiche le remplacerait »).
fn replaces_input<'a>(
    output: &Path,
    read: impl IntoIterator<Item = &'a Path>,
    reason: &str,
) -> bool {
    let replaced = read
        .into_iter()
        .any(|input| model::staging::same_file(output, input));
    if replaced {
        eprintln!(
            "convention: {}: {reason} ; rien n'a été écrit",
            shown(output)
        );
    }
    replaced
}

/// How `check` and `diff` print what they found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Une ligne par constat ou par modification.
    Text,
    /// Un tableau JSON.
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
    crate::timing::start_from_environment();
    let _phase = crate::timing::phase("commande");
    let cli = match usage::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
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
            from,
            output,
            force,
        }) => new(example, from.as_deref(), output.as_deref(), force),
        Some(Command::Schema) => {
            write_stdout(model::json_schema().as_bytes())?;
            Ok(exit::OK)
        }
        Some(Command::Check { format, files }) => check::check(&files, format),
        Some(Command::Export {
            files,
            outputs,
            out_dir,
            against,
            author,
            comments,
        }) => export::export(
            &files,
            &outputs,
            &export::Options {
                against: against
                    .as_deref()
                    .map(|old| (old, author.unwrap_or_default())),
                comments,
                out_dir: out_dir.as_deref(),
            },
        ),
        Some(Command::Portfolio {
            format,
            at,
            ending_within,
            output,
            paths,
        }) => portfolio::portfolio(&portfolio::Request {
            paths: &paths,
            format,
            at: at.as_deref(),
            window: ending_within,
            output: output.as_deref(),
        }),
        Some(Command::Diff { format, old, new }) => diff::diff(&old, &new, format),
        Some(Command::Avenant {
            signed,
            new,
            number,
            effect,
            outputs,
        }) => avenant::avenant(&signed, &new, number, effect.as_deref(), &outputs),
        Some(Command::Import {
            file,
            output,
            force,
        }) => import::import(&file, output.as_deref(), force),
        Some(Command::Summary {
            file,
            output,
            format,
        }) => summary::summary(&file, output.as_deref(), format),
        Some(Command::Review { command }) => review::review(command),
        Some(Command::Rules) => list_rules(),
        None => open_app(
            cli.file,
            cli.screenshot,
            cli.step,
            cli.compare,
            cli.portfolio,
        ),
    }
}

#[cfg(feature = "gui")]
fn open_app(
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    step: Option<String>,
    compare: Option<PathBuf>,
    portfolio: Option<PathBuf>,
) -> anyhow::Result<u8> {
    crate::app::run(crate::app::Launch {
        file,
        screenshot,
        step,
        compare,
        portfolio,
    })
}

#[cfg(not(feature = "gui"))]
fn open_app(
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    step: Option<String>,
    compare: Option<PathBuf>,
    portfolio: Option<PathBuf>,
) -> anyhow::Result<u8> {
    const NO_APP: &str =
        "ce programme a été compilé sans l'application de bureau (fonctionnalité « gui »)";
    if let Some(file) = &file {
        let file = shown(file);
        eprintln!(
            "convention: {file}: {NO_APP} : il ne peut pas l'ouvrir ; pour le vérifier : convention check {file} ; pour l'exporter : convention export {file}"
        );
        return Ok(exit::FAILURE);
    }
    if screenshot.is_some() || step.is_some() || compare.is_some() || portfolio.is_some() {
        eprintln!(
            "convention: {NO_APP} : --screenshot, --step, --compare et --portfolio ouvrent l'application ; pour le portefeuille en texte : convention portfolio DOSSIER"
        );
        return Ok(exit::FAILURE);
    }
    let mut out = std::io::stdout().lock();
    write!(out, "{}", usage::command().render_help())?;
    writeln!(
        out,
        "\nCe programme a été compilé sans l'application de bureau (fonctionnalité « gui »)."
    )?;
    Ok(exit::OK)
}

fn new(
    example: bool,
    from: Option<&Path>,
    output: Option<&Path>,
    force: bool,
) -> anyhow::Result<u8> {
    let text = if let Some(old) = from {
        let Some(draft) = load_or_say(old) else {
            return Ok(exit::FAILURE);
        };
        let successor = model::Successor::of(&draft);
        eprintln!(
            "convention: {}: nouvelle convention pour {}, à partir de celle-ci ; date de signature, montants et relecture effacés",
            shown(old),
            years_french(&successor.years)
        );
        model::io::to_json(&successor.draft)
    } else if example {
        model::EXAMPLE_JSON.to_owned()
    } else {
        model::io::to_json(&Draft::blank())
    };
    match output {
        // The same JSON value, C1 and bidirectional controls escaped.
        None => write_stdout(json_for_terminal(&text).as_bytes())?,
        Some(path) => {
            if replaces_input(
                path,
                from,
                "c'est la convention lue (--from) : la nouvelle la remplacerait",
            ) {
                return Ok(exit::FAILURE);
            }
            if path.is_dir() {
                anyhow::bail!(
                    "{}: c'est un dossier ; indiquez le nom du fichier à créer (par exemple {})",
                    shown(path),
                    shown(&path.join("convention.json"))
                );
            }
            if path.exists() && !force {
                anyhow::bail!(
                    "{}: le fichier existe déjà (ajoutez --force pour le remplacer)",
                    shown(path)
                );
            }
            model::io::write_atomically(path, text.as_bytes(), model::io::Durability::Flushed)?;
        }
    }
    Ok(exit::OK)
}

/// « 2028 » or « 2028–2030 ».
fn years_french(years: &std::ops::RangeInclusive<i32>) -> String {
    if years.start() == years.end() {
        years.start().to_string()
    } else {
        format!("{}–{}", years.start(), years.end())
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

/// A path for the terminal (see [`one_line`]).
pub fn shown(path: &Path) -> String {
    crate::escape::path(path)
}

/// Says on standard error what went wrong with `file`: « convention: FILE:
/// MESSAGE », both made safe for the terminal.
pub fn report_failure(file: &Path, error: &dyn std::fmt::Display) {
    eprintln!(
        "convention: {}: {}",
        shown(file),
        one_line(&error.to_string())
    );
}
