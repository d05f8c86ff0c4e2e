//! The command line's own words in French: clap writes its help headings,
//! its help and version flags, its help subcommand, its defaults and its
//! usage errors in English. Here the help is rebuilt with French words
//! (our own `-h`/`--help`, `-V`/`--version` and `help`, headings, defaults
//! and possible values), and each kind of usage error, with what clap
//! knows of it (the argument, the value, the valid values, a suggestion),
//! is said in a French sentence of ours.

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory as _, FromArgMatches as _};

use super::{Cli, exit, one_line};

/// The help's layout: clap's own, with a French heading for the usage.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// The name of our help subcommand.
const HELP: &str = "help";

/// Reads the command line. Help and version are printed here (exit 0); a
/// usage error is said in French, with where to find help (exit 2).
pub(super) fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let mut command = command();
    if let Some(word) = unknown_word(&command, &args) {
        say(&unknown_subcommand(&command, &word), &[]);
        return Err(ExitCode::from(exit::FAILURE));
    }
    let matches = match command.try_get_matches_from_mut(&args) {
        Ok(matches) => matches,
        Err(error) => return Err(report(&command, &error, &args)),
    };
    if let Some((HELP, asked)) = matches.subcommand() {
        let path: Vec<String> = asked
            .get_many::<String>("commande")
            .map(|words| words.cloned().collect())
            .unwrap_or_default();
        return Err(help_of(&mut command, &path));
    }
    Cli::from_arg_matches(&matches).map_err(|error| report(&command, &error, &args))
}

/// The command line's definition, every help text in French.
pub(super) fn command() -> Command {
    french(Cli::command())
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version"),
        )
        .subcommand(
            Command::new(HELP)
                .about("Affiche l'aide, ou celle d'une sous-commande (convention help export)")
                .disable_help_flag(true)
                .help_template(TEMPLATE)
                .arg(
                    Arg::new("commande")
                        .value_name("COMMANDE")
                        .num_args(0..)
                        .action(ArgAction::Append)
                        .help("La sous-commande dont afficher l'aide"),
                ),
        )
}

/// `command` and its subcommands with French help: our own help flag,
/// no help subcommand of clap's, French headings, defaults and values.
fn french(command: Command) -> Command {
    command
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .mut_args(french_arg)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche l'aide (--help : en détail)")
                .long_help("Affiche l'aide (-h : en résumé)"),
        )
        .mut_subcommands(french)
}

/// An argument whose default and possible values clap would announce in
/// English: said in its help in French instead.
fn french_arg(arg: Arg) -> Arg {
    // Flags have possible values too (true, false), never shown.
    if !arg.get_action().takes_values() {
        return arg;
    }
    let values = arg.get_possible_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let long = arg
        .get_long_help()
        .map_or_else(|| help.clone(), ToString::to_string);
    let mut short_notes = Vec::new();
    let mut long_notes = String::new();
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|value| value.get_name()).collect();
        short_notes.push(format!("valeurs : {}", names.join(", ")));
        long_notes.push_str("\n\nValeurs possibles :");
        for value in &values {
            match value.get_help() {
                Some(about) => {
                    long_notes.push_str(&format!("\n- {} : {about}", value.get_name()));
                }
                None => long_notes.push_str(&format!("\n- {}", value.get_name())),
            }
        }
    }
    if !defaults.is_empty() {
        let default = format!("par défaut : {}", defaults.join(" "));
        long_notes.push_str(&format!("\n\n[{default}]"));
        short_notes.push(default);
    }
    arg.hide_possible_values(true)
        .hide_default_value(true)
        .help(format!("{help} [{}]", short_notes.join(" ; ")))
        .long_help(format!("{long}{long_notes}"))
}

/// Prints the help of the subcommand `path` names (`export`, `review
/// import`), or of the whole command; exit 0, or 2 for an unknown name.
fn help_of(command: &mut Command, path: &[String]) -> ExitCode {
    // Every subcommand's usage named in full (« convention export »).
    command.build();
    let mut here = command;
    for name in path {
        if here.find_subcommand(name).is_none() {
            say(&unknown_subcommand(here, name), &[]);
            return ExitCode::from(exit::FAILURE);
        }
        let Some(sub) = here.find_subcommand_mut(name) else {
            return ExitCode::from(exit::FAILURE);
        };
        here = sub;
    }
    print!("{}", here.render_long_help());
    ExitCode::from(exit::OK)
}

/// Prints help and version as clap does (exit 0); says a usage error in
/// French (exit 2).
fn report(command: &Command, error: &clap::Error, args: &[OsString]) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Standard output closed: nothing more to say.
            let _ = error.print();
            ExitCode::from(exit::OK)
        }
        // A subcommand that needs one of its own (`review`): its help, on
        // standard error.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(exit::FAILURE)
        }
        _ => {
            say(&sentence(error), &subcommand_path(command, args));
            ExitCode::from(exit::FAILURE)
        }
    }
}

/// « convention: MESSAGE », then where the help is.
fn say(message: &str, path: &[String]) {
    let mut help = String::from("convention");
    for name in path {
        help.push(' ');
        help.push_str(name);
    }
    eprintln!("convention: {message}");
    eprintln!("convention: pour l'aide : {help} --help");
}

/// The subcommands named on the command line, outermost first (`review
/// import`): the help a usage error points to.
fn subcommand_path(command: &Command, args: &[OsString]) -> Vec<String> {
    let mut path = Vec::new();
    let mut here = command;
    for arg in args.iter().skip(1) {
        let Some(word) = arg.to_str() else { continue };
        if let Some(sub) = here.find_subcommand(word) {
            path.push(word.to_owned());
            here = sub;
        }
    }
    path
}

/// The first word of the command line when it is neither a subcommand nor
/// a file to open: a subcommand mistyped (`convention chekc`). A word that
/// names an existing file, or looks like a file name (with a dot or a
/// slash), is left for the app to open.
fn unknown_word(command: &Command, args: &[OsString]) -> Option<String> {
    let word = args.get(1)?.to_str()?;
    if word.starts_with('-') || command.find_subcommand(word).is_some() {
        return None;
    }
    let looks_like_a_file = word.contains(['.', '/', '\\']);
    if Path::new(word).exists() || (looks_like_a_file && args.len() <= 2) {
        return None;
    }
    Some(word.to_owned())
}

/// « sous-commande inconnue : « chekc » (vouliez-vous dire « check » ?) ».
fn unknown_subcommand(command: &Command, word: &str) -> String {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect();
    let mut message = format!("sous-commande inconnue : « {} »", one_line(word));
    match closest(word, &names) {
        Some(name) => message.push_str(&format!(" ; vouliez-vous dire « {name} » ?")),
        None => message.push_str(&format!(
            " ; les sous-commandes sont : {}",
            names.join(", ")
        )),
    }
    message
}

/// The name nearest to `word`, if near enough (the same measure and
/// threshold as clap's own suggestions).
fn closest<'a>(word: &str, names: &'a [String]) -> Option<&'a str> {
    names
        .iter()
        .map(|name| (strsim::jaro(word, name), name))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.as_str())
}

/// A usage error in a French sentence, from its kind and its context.
fn sentence(error: &clap::Error) -> String {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => Some(one_line(text)),
        _ => None,
    };
    let texts = |kind| match error.get(kind) {
        Some(ContextValue::String(text)) => vec![one_line(text)],
        Some(ContextValue::Strings(texts)) => texts.iter().map(|t| one_line(t)).collect(),
        _ => Vec::new(),
    };
    let number = |kind| match error.get(kind) {
        Some(ContextValue::Number(n)) => *n,
        _ => 0,
    };
    let quoted = |names: Vec<String>| {
        names
            .iter()
            .map(|name| format!("« {name} »"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_else(|| "?".to_owned());
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match error.kind() {
        ErrorKind::ArgumentConflict => {
            let prior = texts(ContextKind::PriorArg);
            match text(ContextKind::InvalidSubcommand) {
                Some(sub) => format!(
                    "la sous-commande « {sub} » ne peut pas suivre {}",
                    quoted(prior)
                ),
                None if prior == [arg.clone()] => {
                    format!("« {arg} » ne peut être donné qu'une fois")
                }
                None if prior.is_empty() => {
                    format!("« {arg} » ne peut pas être employé avec les autres arguments donnés")
                }
                None => format!("« {arg} » ne peut pas être employé avec {}", quoted(prior)),
            }
        }
        ErrorKind::NoEquals => {
            format!("« {arg} » : la valeur se donne après un signe égal (--option=valeur)")
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("« {arg} » : une valeur vide n'est pas admise")
        }
        ErrorKind::InvalidValue => {
            let valid = texts(ContextKind::ValidValue);
            let mut message = format!("« {arg} » : valeur « {value} » inconnue");
            if !valid.is_empty() {
                message.push_str(&format!(" ; valeurs possibles : {}", valid.join(", ")));
            }
            message
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|source| one_line(&source.to_string()))
                .unwrap_or_else(|| "valeur refusée".to_owned());
            format!("« {arg} » : valeur « {value} » invalide : {reason}")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("sous-commande inconnue : « {sub} »")
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = texts(ContextKind::InvalidArg);
            if missing.len() > 1 {
                format!("il manque les arguments {}", quoted(missing))
            } else {
                format!("il manque l'argument {}", quoted(missing))
            }
        }
        ErrorKind::MissingSubcommand => {
            let sub = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!(
                "« {sub} » attend une sous-commande : {}",
                texts(ContextKind::ValidSubcommand).join(", ")
            )
        }
        ErrorKind::InvalidUtf8 => {
            "un argument n'est pas du texte UTF-8 valide (nom copié d'un autre système ?)"
                .to_owned()
        }
        ErrorKind::TooManyValues => {
            format!("« {arg} » : valeur en trop « {value} »")
        }
        ErrorKind::TooFewValues => format!(
            "« {arg} » attend au moins {} valeurs, {} donnée(s)",
            number(ContextKind::MinValues),
            number(ContextKind::ActualNumValues)
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "« {arg} » attend {} valeurs, {} donnée(s)",
            number(ContextKind::ExpectedNumValues),
            number(ContextKind::ActualNumValues)
        ),
        ErrorKind::UnknownArgument => format!("argument inattendu : « {arg} »"),
        _ => "ligne de commande illisible".to_owned(),
    };
    let suggested = [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .flat_map(texts)
    .collect::<Vec<_>>();
    if !suggested.is_empty() {
        message.push_str(&format!(" ; vouliez-vous dire {} ?", quoted(suggested)));
    } else if error.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') {
        message.push_str(&format!(
            " ; pour un fichier dont le nom commence par « - », écrivez « -- » avant lui (-- {arg})"
        ));
    }
    message
}

/// `--number` of `avenant`: a whole number from 1.
pub(super) fn avenant_number(text: &str) -> Result<u32, String> {
    let digits = text.trim();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("un nombre entier est attendu (1, 2, 3…)".to_owned());
    }
    match digits.parse::<u32>() {
        Ok(0) => Err("les avenants sont numérotés à partir de 1".to_owned()),
        Ok(number) => Ok(number),
        Err(_) => Err("nombre trop grand pour un numéro d'avenant".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(args: &[&str]) -> String {
        let mut command = command();
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let error = command
            .try_get_matches_from_mut(&args)
            .expect_err("a usage error");
        sentence(&error)
    }

    #[test]
    fn usage_errors_are_french_sentences() {
        assert_eq!(
            error_of(&[
                "convention",
                "export",
                "d.json",
                "--out-dir",
                "x",
                "--pdf",
                "y.pdf"
            ]),
            "« --out-dir <DOSSIER> » ne peut pas être employé avec « --pdf <SORTIE.pdf> »"
        );
        assert_eq!(
            error_of(&["convention", "check", "--format", "xml", "d.json"]),
            "« --format <FORMAT> » : valeur « xml » inconnue ; valeurs possibles : text, json"
        );
        assert_eq!(
            error_of(&["convention", "avenant", "a", "b", "--number", "0"]),
            "« --number <N> » : valeur « 0 » invalide : les avenants sont numérotés à partir de 1"
        );
        assert_eq!(
            error_of(&["convention", "export", "--docxx", "a.docx", "d.json"]),
            "argument inattendu : « --docxx » ; vouliez-vous dire « --docx » ?"
        );
        assert_eq!(
            error_of(&["convention", "check"]),
            "il manque l'argument « <CHEMIN>... »"
        );
        assert_eq!(
            error_of(&["convention", "check", ""]),
            "« <CHEMIN>... » : une valeur vide n'est pas admise"
        );
    }

    #[test]
    fn a_mistyped_subcommand_is_named_with_the_nearest() {
        let command = command();
        let args = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
        let word = unknown_word(&command, &args(&["convention", "chekc"])).expect("unknown");
        assert_eq!(
            unknown_subcommand(&command, &word),
            "sous-commande inconnue : « chekc » ; vouliez-vous dire « check » ?"
        );
        assert_eq!(
            unknown_word(&command, &args(&["convention", "exprot", "d.json"])).as_deref(),
            Some("exprot")
        );
        assert_eq!(
            unknown_word(&command, &args(&["convention", "nouveau.json"])),
            None
        );
        assert_eq!(
            unknown_word(&command, &args(&["convention", "check", "x"])),
            None
        );
    }

    #[test]
    fn every_help_reads_french() {
        fn walk(command: &mut Command, seen: &mut usize) {
            for long in [false, true] {
                let help = if long {
                    command.render_long_help()
                } else {
                    command.render_help()
                }
                .to_string();
                for english in [
                    "Print help",
                    "Print version",
                    "Print this message",
                    "Usage:",
                    "Commands:",
                    "[default:",
                    "possible values",
                    "Possible values",
                ] {
                    assert!(
                        !help.contains(english),
                        "{english} in the help of {}:\n{help}",
                        command.get_name()
                    );
                }
                assert!(help.contains("Affiche l'aide"), "{help}");
            }
            *seen += 1;
            for sub in command.get_subcommands_mut() {
                walk(sub, seen);
            }
        }
        let mut command = command();
        command.build();
        let mut seen = 0;
        walk(&mut command, &mut seen);
        assert!(seen > 10, "{seen} commands");
    }
}
