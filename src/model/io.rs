//! Reading and writing draft files: strict parsing with errors that name the
//! file and the place, and atomic saves.

use std::path::{Path, PathBuf};

use super::json_error;
use super::read::{MAX_FILE_BYTES, ReadError, foreign_encoding, read_regular};
pub use super::staging::{Durability, Staging};
use super::{Draft, FORMAT_VERSION, OLDEST_FORMAT_VERSION};

/// Why a draft could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("{}: lecture impossible : {}", .path.display(), io_reason(.cause))]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said. Not a `source`: the message already says
        /// it in French, and error chains would repeat it in English.
        cause: std::io::Error,
    },
    /// The path names a folder.
    #[error("{}: c'est un dossier, pas un fichier de brouillon", .path.display())]
    Directory {
        /// The folder.
        path: PathBuf,
    },
    /// The path names a FIFO, a device or a socket, or a file over
    /// [`MAX_FILE_BYTES`]: refused without reading it.
    #[error("{}: {cause}", .path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// Why.
        cause: ReadError,
    },
    /// The file holds nothing.
    #[error("{}: le fichier est vide", .path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is not JSON text at all.
    #[error("{}: {reason}", .path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// What it looks like instead.
        reason: String,
    },
    /// The JSON is malformed or cut short.
    #[error("{}: ligne {line}, colonne {column} : {message}", .path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line of the fault, from 1.
        line: usize,
        /// Column of the fault, from 1.
        column: usize,
        /// What is wrong, in French.
        message: String,
    },
    /// The JSON is well formed but a field has the wrong type or value.
    #[error(
        "{}: {} (ligne {line}, colonne {column}) : {message}",
        .path.display(),
        if .field.is_empty() { "le document" } else { .field.as_str() }
    )]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The JSON path of the field, e.g. `budget.schedule[0].ae`; empty
        /// for the document as a whole.
        field: String,
        /// Line of the fault, from 1.
        line: usize,
        /// Column of the fault, from 1.
        column: usize,
        /// What is wrong, in French.
        message: String,
    },
    /// The file was written by a newer program.
    #[error(
        "{}: format_version (ligne {line}, colonne {column}) : ce brouillon (version {found}) vient d'une version plus récente de Convention (ce programme lit la version {supported}) ; mettez Convention à jour pour l'ouvrir",
        .path.display()
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Line of the version's value, from 1.
        line: usize,
        /// Column of the version's value, from 1.
        column: usize,
        /// The version in the file.
        found: u64,
        /// The version this program reads.
        supported: u32,
    },
    /// The version is missing or not one this program knows.
    #[error("{}: format_version (ligne {line}, colonne {column}) : {message}", .path.display())]
    Version {
        /// The file.
        path: PathBuf,
        /// Line of the version's value (or, when it is missing, of the end
        /// of the document), from 1.
        line: usize,
        /// Column of the same, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Read { path, .. }
            | LoadError::Directory { path }
            | LoadError::Refused { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotText { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::Invalid { path, .. }
            | LoadError::TooNew { path, .. }
            | LoadError::Version { path, .. } => path,
        }
    }

    /// The JSON path of the faulty field, when the error is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            LoadError::Invalid { field, .. } if !field.is_empty() => Some(field),
            LoadError::TooNew { .. } | LoadError::Version { .. } => Some("format_version"),
            _ => None,
        }
    }

    /// Line and column of the fault (from 1), when the error has a place.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Syntax { line, column, .. }
            | LoadError::Invalid { line, column, .. }
            | LoadError::TooNew { line, column, .. }
            | LoadError::Version { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    /// What is wrong, without the file, the field and the place (for
    /// output that gives them apart).
    pub fn reason(&self) -> String {
        match self {
            LoadError::Syntax { message, .. }
            | LoadError::Invalid { message, .. }
            | LoadError::Version { message, .. } => message.clone(),
            other => {
                let full = other.to_string();
                let prefix = format!("{}: ", other.path().display());
                match full.strip_prefix(&prefix) {
                    Some(rest) => rest.to_owned(),
                    None => full,
                }
            }
        }
    }
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}: écriture impossible : {}", .path.display(), io_reason(.cause))]
pub struct SaveError {
    /// The destination.
    pub path: PathBuf,
    /// What the system said. Not a `source`: the message already says it in
    /// French, and error chains would repeat it in English with the
    /// temporary file's name.
    pub cause: std::io::Error,
}

/// Reads and parses a draft file: a regular file of at most
/// [`MAX_FILE_BYTES`].
pub fn load(path: &Path) -> Result<Draft, LoadError> {
    let bytes = read_draft_bytes(path)?;
    parse(path, &bytes)
}

/// Reads a draft file's bytes as [`load`] does, without parsing them: only a
/// regular file of at most [`MAX_FILE_BYTES`].
pub fn read_draft_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_regular(path, MAX_FILE_BYTES).map_err(|cause| match cause {
        ReadError::Directory => LoadError::Directory {
            path: path.to_owned(),
        },
        ReadError::Io(cause) => LoadError::Read {
            path: path.to_owned(),
            cause,
        },
        cause => LoadError::Refused {
            path: path.to_owned(),
            cause,
        },
    })
}

/// Parses the bytes of a draft; `path` only names the file in errors.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Draft, LoadError> {
    let _phase = crate::timing::phase("lecture du brouillon");
    let path_buf = || path.to_owned();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty { path: path_buf() });
    }
    if let Some(reason) = foreign_format(bytes) {
        return Err(LoadError::NotText {
            path: path_buf(),
            reason: reason.to_owned(),
        });
    }
    if let Some(encoding) = foreign_encoding(bytes) {
        return Err(LoadError::NotText {
            path: path_buf(),
            reason: format!(
                "ce texte est encodé en {encoding} ; Convention lit les brouillons en UTF-8 : enregistrez-le en UTF-8 (« Enregistrer sous », codage UTF-8)"
            ),
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            return Err(LoadError::NotText {
                path: path_buf(),
                reason: format!(
                    "ce n'est pas un texte UTF-8 (octet invalide à la position {}) : fichier binaire ou mal encodé",
                    error.valid_up_to()
                ),
            });
        }
    };
    if let Some(position) = text.find('\0') {
        return Err(LoadError::NotText {
            path: path_buf(),
            reason: format!(
                "ce n'est pas un brouillon JSON : caractère nul à l'octet {position} (fichier binaire ?)"
            ),
        });
    }
    json_error::forget_french();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result: Result<Draft, _> = serde_path_to_error::deserialize(&mut deserializer);
    match result {
        Ok(mut draft) => {
            deserializer
                .end()
                .map_err(|error| syntax(path, text, &error))?;
            check_version(path, text, u64::from(draft.format_version))?;
            let replies = super::limits::replies_in_all(&draft);
            if replies > super::limits::MAX_REPLIES {
                let (line, column) =
                    json_error::place_of(text, "review.comments").unwrap_or((1, 1));
                return Err(LoadError::Invalid {
                    path: path_buf(),
                    field: "review.comments".to_owned(),
                    line,
                    column,
                    message: format!(
                        "trop de réponses : {} en tout, Convention en lit {} au plus pour l'ensemble des remarques (le fichier est sans doute fabriqué ou abîmé)",
                        super::limits::french_count(replies),
                        super::limits::french_count(super::limits::MAX_REPLIES)
                    ),
                });
            }
            migrate(&mut draft);
            Ok(draft)
        }
        Err(error) => {
            // A newer file may not fit this program's model at all: say that
            // first, rather than the first field it trips on.
            if let Some(found) = probe_version(text) {
                check_version(path, text, found)?;
            }
            Err(describe(path, text, error))
        }
    }
}

/// Brings a draft of an older format version to the current one, which is
/// how it is then saved. A version 1 draft is a version 2 draft with an
/// empty review. A version 2 draft is a version 3 draft with no Startup
/// d'État and no programme label, except that a beneficiary typed as one
/// Startup d'État (« la Startup d'État « Rétro-Archives » », the only way
/// version 2 had to say it) names it: Article 1 then reads « la Startup
/// d'État « Rétro-Archives » », not « les Startups d'État de la Startup
/// d'État … ».
fn migrate(draft: &mut Draft) {
    if draft.format_version < 3
        && draft.object.startup.name.trim().is_empty()
        && let Some(name) = super::Startup::named_in(&draft.object.beneficiary)
    {
        draft.object.startup.name = name;
    }
    draft.format_version = FORMAT_VERSION;
}

fn syntax(path: &Path, text: &str, error: &serde_json::Error) -> LoadError {
    LoadError::Syntax {
        path: path.to_owned(),
        line: error.line(),
        // serde_json counts a fault before a line's first character as
        // column 0; editors count from 1.
        column: error.column().max(1),
        message: json_error::shorten(&json_error::syntax_message(text, error)),
    }
}

/// Reads `format_version` from a JSON text that may not otherwise fit.
fn probe_version(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Probe {
        format_version: Option<serde::de::IgnoredAny>,
    }
    #[derive(serde::Deserialize)]
    struct Version {
        format_version: u64,
    }
    let probe: Probe = serde_json::from_str(text).ok()?;
    probe.format_version?;
    serde_json::from_str::<Version>(text)
        .ok()
        .map(|v| v.format_version)
}

fn check_version(path: &Path, text: &str, found: u64) -> Result<(), LoadError> {
    let (line, column) = json_error::place_of(text, "format_version").unwrap_or((1, 1));
    if found > u64::from(FORMAT_VERSION) {
        Err(LoadError::TooNew {
            path: path.to_owned(),
            line,
            column,
            found,
            supported: FORMAT_VERSION,
        })
    } else if found < u64::from(OLDEST_FORMAT_VERSION) {
        Err(LoadError::Version {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "la version {found} n'existe pas (la première est {OLDEST_FORMAT_VERSION})"
            ),
        })
    } else {
        Ok(())
    }
}

fn describe(
    path: &Path,
    text: &str,
    error: serde_path_to_error::Error<serde_json::Error>,
) -> LoadError {
    // A path holds the file's own keys: an unknown one may be of any length.
    let field = json_error::shorten(&error.path().to_string());
    let inner = error.into_inner();
    if inner.classify() != serde_json::error::Category::Data {
        // serde_json says « syntax » too for a well-formed value: a number
        // out of its field's range, or not a word where one of a list of
        // words is expected (an enum).
        // (A `Value`, not `IgnoredAny`: the latter skips strings unread.)
        let well_formed = serde_json::from_str::<serde_json::Value>(text).is_ok();
        if !(well_formed && !field.is_empty() && field != ".") {
            return syntax(path, text, &inner);
        }
        return LoadError::Invalid {
            path: path.to_owned(),
            field,
            line: inner.line(),
            column: inner.column().max(1),
            message: json_error::well_formed_but_refused(text, inner.line(), inner.column()),
        };
    }
    let message = json_error::shorten(&json_error::data_message(&inner));
    let missing_version = message == json_error::Problem::MissingField("format_version").french();
    if field == "format_version" || missing_version {
        // serde_json places a wrong value after it; the value's start is
        // where to look. A missing version is placed at the document's end.
        let (line, column) = json_error::place_of(text, "format_version")
            .unwrap_or((inner.line(), inner.column().max(1)));
        return LoadError::Version {
            path: path.to_owned(),
            line,
            column,
            message,
        };
    }
    // A fault in a field of an object read whole is placed by serde_json at
    // the object's end: the field's own value is where to look.
    let (mut line, mut column) = (inner.line(), inner.column().max(1));
    if !field.is_empty()
        && field != "."
        && !message.starts_with("champ obligatoire absent")
        && !super::limits::is_too_long_message(&message)
        && json_error::at_container_end(text, inner.line(), inner.column())
        && let Some(place) = json_error::place_of(text, &field)
    {
        (line, column) = place;
    }
    LoadError::Invalid {
        path: path.to_owned(),
        field: if field == "." { String::new() } else { field },
        line,
        column,
        message,
    }
}

/// Recognizes files people open by mistake instead of a draft.
fn foreign_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some(
            "ce n'est pas un brouillon JSON mais une archive ZIP (un document Word ?) : ouvrez le brouillon .json",
        )
    } else if bytes.starts_with(b"%PDF") {
        Some("ce n'est pas un brouillon JSON mais un PDF")
    } else {
        None
    }
}

/// What the system said, in French: every error number a file operation
/// commonly meets has its sentence (the system's own words are English);
/// any other is given by its number. Errors made by this program carry a
/// French sentence already and are kept as they are.
pub(crate) fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    // Numbers the standard library puts under no kind of their own (or
    // under one too broad to say what happened).
    #[cfg(unix)]
    if let Some(code) = error.raw_os_error() {
        let said = match code {
            libc::ELOOP => Some("boucle de liens symboliques (ou trop de liens à suivre)"),
            libc::ENAMETOOLONG => Some("nom de fichier ou chemin trop long"),
            libc::EPERM => Some("opération non permise"),
            libc::EIO => Some("erreur d'entrée-sortie du disque ou du réseau"),
            libc::ENXIO | libc::ENODEV => Some("périphérique absent"),
            libc::EMFILE | libc::ENFILE => Some("trop de fichiers ouverts"),
            libc::EOVERFLOW => Some("fichier trop grand pour être lu"),
            libc::EINVAL => Some("opération impossible sur ce fichier"),
            libc::ETXTBSY => Some("fichier en cours d'exécution"),
            _ => None,
        };
        if let Some(said) = said {
            return said.to_owned();
        }
    }
    match error.kind() {
        ErrorKind::NotFound => "fichier ou dossier introuvable".to_owned(),
        ErrorKind::PermissionDenied => "permission refusée".to_owned(),
        ErrorKind::IsADirectory => "c'est un dossier".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "système de fichiers en lecture seule".to_owned(),
        ErrorKind::StorageFull => "disque plein".to_owned(),
        ErrorKind::NotADirectory => "un élément du chemin n'est pas un dossier".to_owned(),
        ErrorKind::DirectoryNotEmpty => "le dossier n'est pas vide".to_owned(),
        ErrorKind::AlreadyExists => "le fichier existe déjà".to_owned(),
        ErrorKind::InvalidFilename => "nom de fichier invalide".to_owned(),
        ErrorKind::FileTooLarge => "fichier trop grand".to_owned(),
        ErrorKind::OutOfMemory => "mémoire insuffisante".to_owned(),
        ErrorKind::QuotaExceeded => "quota de disque dépassé".to_owned(),
        ErrorKind::ResourceBusy => "fichier ou périphérique occupé".to_owned(),
        ErrorKind::CrossesDevices => {
            "le fichier et sa destination sont sur deux systèmes de fichiers".to_owned()
        }
        ErrorKind::TooManyLinks => "trop de liens vers ce fichier".to_owned(),
        ErrorKind::StaleNetworkFileHandle => {
            "fichier réseau devenu inaccessible (partage déconnecté ?)".to_owned()
        }
        ErrorKind::NotSeekable => "ce n'est pas un fichier ordinaire (tube ?)".to_owned(),
        ErrorKind::BrokenPipe => "tube fermé par le programme qui lisait".to_owned(),
        ErrorKind::WouldBlock => "fichier momentanément indisponible".to_owned(),
        ErrorKind::UnexpectedEof => "fin de fichier inattendue".to_owned(),
        ErrorKind::Interrupted => "lecture ou écriture interrompue".to_owned(),
        ErrorKind::TimedOut => "délai dépassé".to_owned(),
        _ => match error.raw_os_error() {
            Some(code) => format!("erreur du système n° {code}"),
            None => error.to_string(),
        },
    }
}

/// The draft as saved: pretty JSON in the model's field order, with a final
/// newline.
pub fn to_json(draft: &Draft) -> String {
    // A draft is plain data (strings, numbers, booleans): serializing it
    // cannot fail.
    let mut text = serde_json::to_string_pretty(draft).unwrap_or_default();
    text.push('\n');
    text
}

/// Saves a draft atomically: the text goes to a temporary file beside the
/// destination, which then replaces it in one rename. A failed save leaves
/// the previous file as it was.
/// A draft the reader would refuse (over the size cap, or with a list over
/// its cap) is not written: nothing the program saves fails to open again.
pub fn save(path: &Path, draft: &Draft) -> Result<(), SaveError> {
    let json = to_json(draft);
    let refused = |reason: String| SaveError {
        path: path.to_owned(),
        cause: std::io::Error::other(format!(
            "ce brouillon ne pourrait pas être rouvert : {reason}"
        )),
    };
    if let Some((list, length, cap)) = super::limits::list_over_cap(draft) {
        return Err(refused(format!(
            "la liste {list} a {} éléments, Convention en lit {} au plus",
            super::limits::french_count(length),
            super::limits::french_count(cap)
        )));
    }
    let size = json.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(refused(
            ReadError::TooLarge {
                size,
                cap: MAX_FILE_BYTES,
            }
            .to_string()
            .replace("le fichier est trop grand", "il serait trop grand"),
        ));
    }
    write_atomically(path, json.as_bytes(), Durability::Flushed)
}

/// Writes bytes to a file atomically (temporary file in the same folder,
/// then renamed over the destination): readers see the old file or the new
/// one, never a part of it. A read-only file is refused, not replaced (see
/// [`super::staging`]).
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    durability: Durability,
) -> Result<(), SaveError> {
    let mut staging = Staging::new();
    staging.stage(path, bytes, durability)?;
    staging.commit().map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE: &str = include_str!("../../examples/convention-meae-dinum-2022.json");

    fn parse_text(text: &str) -> Result<Draft, LoadError> {
        parse(Path::new("d.json"), text.as_bytes())
    }

    fn with(mutate: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut value: serde_json::Value = serde_json::from_str(REFERENCE).expect("reference");
        mutate(&mut value);
        serde_json::to_string_pretty(&value).expect("json")
    }

    #[test]
    fn the_reference_reads_as_it_is() {
        let draft = parse_text(REFERENCE).expect("reference reads");
        assert_eq!(draft.delegant.short_name, "MEAE");
        assert_eq!(draft.budget.schedule.len(), 2);
        assert_eq!(draft.budget.total_ae().cents(), 3_000_000);
        assert_eq!(draft.rgpd_matrix.len(), 12);
        assert_eq!(draft.commitments, super::super::standard::commitments());
    }

    #[test]
    fn saving_then_reading_gives_the_same_draft() {
        let draft = parse_text(REFERENCE).expect("reference reads");
        let again = parse_text(&to_json(&draft)).expect("saved draft reads");
        assert_eq!(draft, again);
        assert_eq!(to_json(&draft), to_json(&again));
    }

    #[test]
    fn out_of_range_and_unknown_values_read_in_french() {
        let text = with(|v| v["notice_months"] = serde_json::json!(-3));
        let message = parse_text(&text).unwrap_err().to_string();
        assert!(
            message.ends_with("un nombre entier positif ou nul est attendu ici, pas -3"),
            "{message}"
        );
        let text = with(|v| v["delegant"]["gender"] = serde_json::json!("x"));
        let message = parse_text(&text).unwrap_err().to_string();
        assert!(message.contains("valeurs admises"), "{message}");
        assert!(!message.contains(" or "), "{message}");
    }

    #[test]
    fn type_errors_name_the_field() {
        let text = with(|v| v["budget"]["schedule"][1]["cp"] = serde_json::json!(true));
        let error = parse_text(&text).unwrap_err();
        assert_eq!(error.field(), Some("budget.schedule[1].cp"));
        assert!(
            error
                .to_string()
                .starts_with("d.json: budget.schedule[1].cp (ligne "),
            "{error}"
        );
    }

    #[test]
    fn a_review_s_bad_dates_and_shared_ids_are_said_in_french() {
        let comment = |id: &str, date: &str| serde_json::json!({"id": id, "about": "title", "author": "A", "date": date, "text": "t"});
        for date in [
            "2024-05-19T14:30:00",
            "hier",
            "2024-05-19T14:30:00Z en plus",
        ] {
            let text = with(|v| {
                v["format_version"] = serde_json::json!(2);
                v["review"] = serde_json::json!({"comments": [comment("c1", date)]});
            });
            let error = parse_text(&text).unwrap_err();
            assert_eq!(error.field(), Some("review.comments[0].date"), "{error}");
            assert!(
                error
                    .to_string()
                    .ends_with("par exemple « 2024-05-19T14:30:00Z » (UTC)"),
                "{error}"
            );
        }
        let ok = "2024-05-19T14:30:00Z";
        for (ids, said) in [
            (
                ["c1", "c1"],
                "l'identifiant « c1 » est celui de deux remarques (n° 1 et n° 2)",
            ),
            (["c1", " "], "la remarque n° 2 n'a pas d'identifiant"),
        ] {
            let text = with(|v| {
                v["format_version"] = serde_json::json!(2);
                v["review"] =
                    serde_json::json!({"comments": [comment(ids[0], ok), comment(ids[1], ok)]});
            });
            let error = parse_text(&text).unwrap_err();
            assert_eq!(error.field(), Some("review.comments"), "{error}");
            assert!(error.to_string().contains(said), "{error}");
        }
    }

    #[test]
    fn impossible_dates_are_refused_at_their_field() {
        let text = with(|v| v["signature"]["date"] = serde_json::json!("2022-02-30"));
        let error = parse_text(&text).unwrap_err();
        assert_eq!(error.field(), Some("signature.date"));
        assert!(error.to_string().contains("n'existe pas"));
    }

    #[test]
    fn a_version_2_file_opens_and_is_saved_as_version_3() {
        let v2 = include_str!("../../tests/fixtures/convention-v2.json");
        assert!(v2.contains("\"format_version\": 2,"));
        assert!(!v2.contains("startup") && !v2.contains("programme_label"));
        let draft = parse_text(v2).expect("a version 2 draft reads");
        assert_eq!(draft.format_version, FORMAT_VERSION);
        assert!(draft.object.startup.is_empty());
        assert!(draft.budget.programme_label.is_empty());
        assert_eq!(draft.review.status, crate::model::Status::EnRelecture);
        let saved = to_json(&draft);
        assert!(saved.contains("\"format_version\": 3,"), "{saved}");
        // Empty, the new fields are left out of the file, and of the hash.
        assert!(!saved.contains("startup") && !saved.contains("programme_label"));
        assert_eq!(parse_text(&saved).expect("saved draft reads"), draft);
        let content = to_json(&draft.content());
        assert!(content.contains("\"format_version\": 2,"), "{content}");
        let mut named = draft.clone();
        named.object.startup.name = "Rétro-Archives".into();
        let content = to_json(&named.content());
        assert!(content.contains("\"format_version\": 3,"), "{content}");
        assert!(content.contains("\"startup\": {"), "{content}");
        // The content, and so the exported documents' hash, is the same as
        // the example's, which is the same convention.
        assert_eq!(
            crate::document::draft_hash(&draft),
            crate::document::draft_hash(&parse_text(REFERENCE).expect("reads"))
        );
    }

    #[test]
    fn a_version_2_beneficiary_naming_one_startup_becomes_its_name() {
        let v2 = with(|v| {
            v["format_version"] = serde_json::json!(2);
            v["object"]["beneficiary"] = serde_json::json!("la Startup d'État « Rétro-Archives »");
        });
        let draft = parse_text(&v2).expect("reads");
        assert_eq!(draft.object.startup.name, "Rétro-Archives");
        // Read from the beneficiary, the name adds nothing to the content:
        // its hash stays version 2's, and DOCX exported before still match.
        let content = draft.content();
        assert!(content.object.startup.is_empty());
        assert_eq!(content.format_version, 2);
        let mut unmigrated = draft.clone();
        unmigrated.object.startup = Default::default();
        assert_eq!(
            crate::document::draft_hash(&draft),
            crate::document::draft_hash(&unmigrated)
        );
        // Version 3 says what it means: nothing is guessed.
        let v3 = v2.replace("\"format_version\": 2", "\"format_version\": 3");
        assert!(parse_text(&v3).expect("reads").object.startup.is_empty());
    }

    #[test]
    fn the_startup_and_programme_label_round_trip() {
        let text = with(|v| {
            v["format_version"] = serde_json::json!(3);
            v["object"]["startup"] = serde_json::json!({
                "name": "Rétro-Archives",
                "url": "https://beta.gouv.fr/startups/retro-archives.html"
            });
            v["budget"]["programme_label"] =
                serde_json::json!("Soutien aux politiques du ministère de la culture");
        });
        let draft = parse_text(&text).expect("reads");
        assert_eq!(draft.object.startup.name, "Rétro-Archives");
        assert_eq!(parse_text(&to_json(&draft)).expect("reads"), draft);
        let wrong = with(|v| v["object"]["startup"] = serde_json::json!({"nom": "X"}));
        let error = parse_text(&wrong).unwrap_err();
        assert!(
            error
                .field()
                .is_some_and(|f| f.starts_with("object.startup")),
            "{error}"
        );
    }

    #[test]
    fn a_version_1_file_opens_and_is_saved_as_version_3() {
        let v1 = include_str!("../../tests/fixtures/convention-v1.json");
        assert!(v1.contains("\"format_version\": 1,"));
        let draft = parse_text(v1).expect("a version 1 draft reads");
        assert_eq!(draft.format_version, FORMAT_VERSION);
        assert!(draft.review.is_empty());
        let saved = to_json(&draft);
        assert!(saved.contains("\"format_version\": 3,"), "{saved}");
        let again = parse_text(&saved).expect("saved draft reads");
        assert_eq!(draft, again);
        // The content, and so the exported documents' hash, is the same.
        assert_eq!(
            crate::document::draft_hash(&draft),
            crate::document::draft_hash(&parse_text(REFERENCE).expect("reads"))
        );
    }

    #[test]
    fn the_review_block_round_trips() {
        let text = with(|v| {
            v["review"] = serde_json::json!({
                "status": "en_relecture",
                "history": [{"status": "en_relecture", "author": "Claire", "date": "2022-05-02T09:30:00Z"}],
                "comments": [
                    {"id": "c1", "about": "budget.schedule[0].cp", "author": "Claire",
                     "date": "2022-05-02T09:31:00Z", "text": "CP à revoir",
                     "replies": [{"author": "Paul", "date": "2022-05-03T08:00:00Z", "text": "Fait"}]},
                    {"id": "c2", "about": "Article 5", "author": "Claire",
                     "date": "2022-05-02T09:32:00Z", "text": "Tournure", "resolved": true},
                    {"id": "c3", "about": "document", "author": "Claire",
                     "date": "2022-05-02T09:33:00Z", "text": "Relu"}
                ]
            });
        });
        let draft = parse_text(&text).expect("reads");
        assert_eq!(draft.review.status, crate::model::Status::EnRelecture);
        assert_eq!(draft.review.comments.len(), 3);
        assert_eq!(draft.review.open_comments().count(), 2);
        assert_eq!(draft.review.comments[0].replies[0].text, "Fait");
        let again = parse_text(&to_json(&draft)).expect("saved draft reads");
        assert_eq!(draft, again);
        // A comment about nothing known, or with an unknown status, is
        // refused with the place.
        let wrong = text.replace("\"Article 5\"", "\"Article cinq\"");
        let error = parse_text(&wrong).unwrap_err();
        assert_eq!(error.field(), Some("review.comments[1].about"), "{error}");
        let mut value: serde_json::Value = serde_json::from_str(&text).expect("json");
        value["review"]["status"] = serde_json::json!("relu");
        let error = parse_text(&value.to_string()).unwrap_err();
        assert_eq!(error.field(), Some("review.status"), "{error}");
    }

    #[test]
    fn a_list_where_a_word_is_expected_is_a_wrong_type_at_its_field() {
        let text = with(|v| v["object"]["phase"] = serde_json::json!([]));
        let error = parse_text(&text).unwrap_err();
        assert_eq!(error.field(), Some("object.phase"), "{error}");
        assert!(error.to_string().contains("valeurs admises"), "{error}");
        let text = with(|v| v["notice_months"] = serde_json::json!(0))
            .replace("\"notice_months\": 0", "\"notice_months\": 1e400");
        let error = parse_text(&text).unwrap_err();
        assert_eq!(error.field(), Some("notice_months"), "{error}");
        assert!(
            error
                .to_string()
                .ends_with("nombre hors limites pour ce champ"),
            "{error}"
        );
    }

    #[test]
    fn newer_versions_are_refused_with_a_clear_message() {
        let text = with(|v| {
            v["format_version"] = serde_json::json!(4);
            v["budget"] = serde_json::json!("changed in v4");
        });
        let error = parse_text(&text).unwrap_err();
        assert!(
            matches!(error, LoadError::TooNew { found: 4, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("plus récente"));
        let missing = with(|v| {
            v.as_object_mut().expect("object").remove("format_version");
        });
        assert_eq!(
            parse_text(&missing).unwrap_err().field(),
            Some("format_version")
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let error = parse_text("{\n  \"format_version\": 1,\n  \"title\" \"x\"\n}").unwrap_err();
        match error {
            LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 11)),
            other => panic!("unexpected {other}"),
        }
        let truncated = &REFERENCE[..REFERENCE.len() / 2];
        let error = parse_text(truncated).unwrap_err();
        assert!(error.to_string().contains("tronqué"), "{error}");
    }

    #[test]
    fn garbage_is_refused_without_panic() {
        for bytes in [
            &b""[..],
            b"   \n",
            b"\xff\xfe\x00garbage",
            b"PK\x03\x04rest",
            b"null",
            b"[]",
            b"42",
            b"{}",
            b"{\"format_version\": 1} extra",
            b"{\"format_version\": 1, \"delegant\": {\"representative\": [\"M. X\", \"Dir\"]}}",
            b"{\"format_version\": 1, \"budget\": {\"schedule\": [[2022, \"1.00\", \"1.00\"]]}}",
        ] {
            assert!(parse(Path::new("x.json"), bytes).is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn a_draft_that_would_not_reopen_is_not_saved() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("draft.json");
        let mut draft = Draft::blank();
        draft.visas = vec!["x".to_owned(); super::super::limits::MAX_LIST + 1];
        let error = save(&path, &draft).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("la liste visas a 10\u{202f}001 éléments"),
            "{error}"
        );
        draft.visas = vec!["x".repeat(1024 * 1024); 17];
        let error = save(&path, &draft).unwrap_err();
        assert!(error.to_string().contains("16 Mio"), "{error}");
        assert!(!path.exists());
    }

    #[test]
    fn atomic_save_replaces_the_file() {
        let folder = tempfile::tempdir().expect("tempdir");
        let path = folder.path().join("draft.json");
        std::fs::write(&path, "old").expect("write");
        save(&path, &Draft::blank()).expect("save");
        let reread = load(&path).expect("load");
        assert_eq!(reread, Draft::blank());
        let leftovers = std::fs::read_dir(folder.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn saves_keep_ordinary_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let folder = tempfile::tempdir().expect("tempdir");
        let fresh = folder.path().join("new.json");
        save(&fresh, &Draft::blank()).expect("save");
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&fresh), 0o644);
        let shared = folder.path().join("shared.json");
        std::fs::write(&shared, "old").expect("write");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).expect("chmod");
        save(&shared, &Draft::blank()).expect("save");
        assert_eq!(
            mode(&shared),
            0o664,
            "an existing file keeps its permissions"
        );
    }
}
