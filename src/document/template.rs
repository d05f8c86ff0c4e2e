//! Templates: the convention's text with its variable parts, rendered with
//! minijinja into the light markup, then parsed into the document tree.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::{Environment, ErrorKind, Value};
use sha2::Digest as _;

use super::context::{self, Context, Text};
use super::folder::{FolderError, TemplateFolder};
use super::limits::{self, BoundedOutput, Limits};
use super::markup;
use super::tree::{Document, Meta};
use crate::model::Draft;
use crate::model::read::ReadError;

/// The main template's file name, in the built-in set and in a template
/// folder.
pub const MAIN: &str = "convention.md.j2";

/// The avenant's template: in a template folder if it has one, else built
/// in.
pub const AVENANT: &str = "avenant.md.j2";

/// The built-in template.
const BUILTIN: &str = include_str!("../../templates/convention.md.j2");

/// The built-in avenant template.
const BUILTIN_AVENANT: &str = include_str!("../../templates/avenant.md.j2");

/// The marking on every page of a draft exported despite its errors.
pub const NON_COMPLIANT_MARK: &str = "PROJET — non conforme";

/// Where the template comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TemplateSource {
    /// The template built into the program.
    #[default]
    Builtin,
    /// A folder holding `convention.md.j2` (and anything it includes).
    Folder(PathBuf),
}

/// Why a document could not be produced from a template.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The template folder or its main file cannot be read.
    #[error("{}: modèle illisible : {reason}", .path.display())]
    Unreadable {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The template has an error.
    #[error("{file}, ligne {line} : {message}")]
    Template {
        /// The template file.
        file: String,
        /// The line in that file (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The template wrote more markup than a render may (see
    /// [`Limits`]).
    #[error(
        "{file} : le modèle produit trop de texte (plus de {}, la limite pour ce brouillon) : une boucle trop longue ?",
        limits::mio(*.cap)
    )]
    TooLong {
        /// The template file.
        file: String,
        /// The cap, in bytes of markup.
        cap: u64,
    },
    /// The text the template produced is not valid markup.
    #[error("{file} : {source}")]
    Markup {
        /// The template file.
        file: String,
        /// The fault and its line in the produced text.
        source: markup::MarkupError,
    },
}

/// How to render.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Which template.
    pub template: TemplateSource,
    /// Mark every page as a non-compliant draft.
    pub non_compliant: bool,
}

/// Renders a draft into the document tree.
pub fn render(draft: &Draft, options: &RenderOptions) -> Result<Document, RenderError> {
    render_with(&options.template, MAIN, &Context::new(draft), |version| {
        meta(draft, version, options.non_compliant)
    })
}

/// Renders the main template `main` of a source with these variables
/// into the document tree; `meta` makes the properties from the template's
/// version.
pub fn render_with(
    source: &TemplateSource,
    main: &'static str,
    variables: &impl serde::Serialize,
    meta: impl FnOnce(String) -> Meta,
) -> Result<Document, RenderError> {
    let rendered = run(
        source,
        main,
        Value::from(minijinja::value::Serde(variables)),
    )?;
    markup::parse_document(&rendered.text, meta(rendered.version)).map_err(|source| {
        RenderError::Markup {
            file: rendered.file,
            source,
        }
    })
}

/// The template's rendered markup, before parsing (for template authors),
/// without its source marks.
pub fn render_markup(draft: &Draft, source: &TemplateSource) -> Result<String, RenderError> {
    let variables = Value::from(minijinja::value::Serde(Context::new(draft)));
    Ok(markup::take_sources(&run(source, MAIN, variables)?.text).0)
}

/// What a template produced.
struct Rendered {
    /// The markup, with its source marks.
    text: String,
    /// The template's `template_version`.
    version: String,
    /// The main template's file, for messages.
    file: String,
}

/// Renders the main template `main` of a source with these variables,
/// within the [`Limits`] of their size: a template that loops or writes
/// without end is stopped with an error naming it.
fn run(
    source: &TemplateSource,
    main: &'static str,
    variables: Value,
) -> Result<Rendered, RenderError> {
    let limits = Limits::for_data(&variables);
    run_within(source, main, variables, limits)
}

/// [`run`] within these limits.
fn run_within(
    source: &TemplateSource,
    main: &'static str,
    variables: Value,
    limits: Limits,
) -> Result<Rendered, RenderError> {
    let (mut environment, file, folder) = environment(source, main, limits.output)?;
    environment.set_fuel(Some(limits.fuel));
    let failure = Failure {
        file: &file,
        folder: folder.as_deref(),
        fuel: limits.fuel,
    };
    let template = environment
        .get_template(main)
        .map_err(|error| failure.of(&error))?;
    let mut output = BoundedOutput::new(limits.output);
    let captured = template.render_captured_to(variables, &mut output);
    if output.exceeded() {
        return Err(RenderError::TooLong {
            file,
            cap: limits.output,
        });
    }
    let version = captured
        .map_err(|error| failure.of(&error))?
        .state()
        .lookup("template_version")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "sans version".to_owned());
    Ok(Rendered {
        text: output.into_text(),
        version,
        file,
    })
}

/// A short hash of the draft's content: the same draft, however it was
/// formatted on disk, gives the same hash; its review (status, comments)
/// and its format version are not content, and leave the hash as it is.
pub fn draft_hash(draft: &Draft) -> String {
    let digest = sha2::Sha256::digest(crate::model::io::to_json(&draft.content()).as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The properties of a draft's document.
pub fn meta(draft: &Draft, template_version: String, non_compliant: bool) -> Meta {
    let delegant = draft.delegant.short_name.trim();
    let delegataire = draft.delegataire.short_name.trim();
    let parties = match (delegant.is_empty(), delegataire.is_empty()) {
        (false, false) => format!("{delegant} – {delegataire}"),
        (false, true) => delegant.to_owned(),
        (true, false) => delegataire.to_owned(),
        (true, true) => String::new(),
    };
    let subject = if parties.is_empty() {
        "Délégation de gestion".to_owned()
    } else {
        format!("Délégation de gestion {parties}")
    };
    Meta {
        title: draft.title.trim().to_owned(),
        subject,
        author: draft.delegataire.name.trim().to_owned(),
        keywords: [
            "délégation de gestion",
            "décret 2004-1085",
            delegant,
            delegataire,
        ]
        .iter()
        .filter(|k| !k.is_empty())
        .map(|k| (*k).to_owned())
        .collect(),
        header: parties,
        template_version,
        draft_hash: draft_hash(draft),
        watermark: non_compliant.then(|| NON_COMPLIANT_MARK.to_owned()),
        date: draft
            .signature
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        provenance_date: provenance_date(draft),
        revision_author: String::new(),
        revision_date: String::new(),
    }
}

/// The day of the last dated event of a draft's review, `YYYY-MM-DD`, or
/// empty (see [`Meta::provenance_date`]).
pub fn provenance_date(draft: &Draft) -> String {
    let review = &draft.review;
    review
        .history
        .iter()
        .map(|change| change.date)
        .chain(review.comments.iter().flat_map(|comment| {
            std::iter::once(comment.date).chain(comment.replies.iter().map(|reply| reply.date))
        }))
        .max()
        .map(|moment| moment.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The environment for a template source whose main template is `main`,
/// the main file's name for error messages, and the folder it reads. A
/// value is written or made a text only up to `cap` bytes: a list
/// repeated lazily (`[s] * 100000000`) costs minijinja nothing to make but
/// hundreds of Mio to write out.
fn environment(
    source: &TemplateSource,
    main: &'static str,
    cap: u64,
) -> Result<(Environment<'static>, String, Option<Arc<TemplateFolder>>), RenderError> {
    let mut environment = Environment::new();
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build();
    if let Ok(syntax) = syntax {
        environment.set_syntax(syntax);
    }
    environment.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    environment.set_formatter(move |out, _state, value| {
        let text = if let Some(text) = value.downcast_object_ref::<Text>() {
            let mut marked = markup::source_mark(text.path());
            marked.push_str(&markup::escape(text.as_str()));
            marked
        } else if value.is_safe() {
            limits::bounded_text(value, cap)?
        } else if value.is_none() || value.is_undefined() {
            String::new()
        } else {
            markup::escape(&limits::bounded_text(value, cap)?)
        };
        out.write_str(&text).map_err(|_| {
            minijinja::Error::new(ErrorKind::WriteFailure, "écriture du texte impossible")
        })
    });
    environment.add_filter("de", move |value: Value| map_text(&value, context::de, cap));
    environment.add_filter("a", move |value: Value| map_text(&value, context::a, cap));
    environment.add_filter("capfirst", move |value: Value| {
        map_text(&value, context::capitalize_first, cap)
    });
    environment.add_filter("link", move |value: Value| link_filter(&value, cap));
    environment.add_filter("rich", move |value: Value| rich_filter(&value, cap));
    // minijinja's own `string` makes the whole text before it counts it.
    environment.add_filter("string", move |value: Value| {
        if value.is_undefined() {
            Err(minijinja::Error::from(ErrorKind::UndefinedError))
        } else if value.kind() == minijinja::value::ValueKind::String {
            Ok(value)
        } else {
            limits::bounded_text(&value, cap).map(Value::from)
        }
    });
    let builtin = if main == AVENANT {
        BUILTIN_AVENANT
    } else {
        BUILTIN
    };
    // A folder must hold the convention's template; the avenant's is its
    // own only if it has one.
    let from_folder = match source {
        TemplateSource::Folder(folder) => main == MAIN || folder.join(main).is_file(),
        TemplateSource::Builtin => false,
    };
    match source {
        TemplateSource::Folder(folder) if from_folder => {
            let unreadable = |reason: String| RenderError::Unreadable {
                path: folder.join(main),
                reason,
            };
            if !folder.is_dir() {
                return Err(RenderError::Unreadable {
                    path: folder.clone(),
                    reason: if folder.exists() {
                        "ce n'est pas un dossier de modèle".to_owned()
                    } else {
                        "dossier de modèle introuvable".to_owned()
                    },
                });
            }
            let folder = TemplateFolder::open(folder)
                .map_err(|error| unreadable(ReadError::Io(error).to_string()))?;
            let text = match folder.read(main) {
                Ok(Some(text)) => text,
                Ok(None) => return Err(unreadable(format!("le dossier doit contenir {main}"))),
                Err(FolderError::Unreadable { reason, .. }) => {
                    return Err(unreadable(reason.to_string()));
                }
                Err(other) => return Err(unreadable(other.to_string())),
            };
            let display = folder.display(main);
            environment
                .add_template_owned(main.to_owned(), text)
                .map_err(|error| template_error(&display, &error))?;
            let folder = Arc::new(folder);
            environment.set_loader(Arc::clone(&folder).loader());
            Ok((environment, display, Some(folder)))
        }
        _ => {
            environment
                .add_template(main, builtin)
                .map_err(|error| template_error(main, &error))?;
            Ok((environment, format!("(modèle intégré) {main}"), None))
        }
    }
}

/// A filter over text: a draft's value stays tied to its field.
fn map_text(
    value: &Value,
    change: fn(&str) -> String,
    cap: u64,
) -> Result<Value, minijinja::Error> {
    Ok(match value.downcast_object_ref::<Text>() {
        Some(text) => Value::from_object(text.map(change)),
        None => Value::from(change(&limits::bounded_text(value, cap)?)),
    })
}

/// `{{ url | link }}`: an address as a link in the markup, any other text
/// escaped; a draft's value keeps its source mark.
fn link_filter(value: &Value, cap: u64) -> Result<Value, minijinja::Error> {
    let (whole, mark) = match value.downcast_object_ref::<Text>() {
        Some(text) => (text.as_str().to_owned(), markup::source_mark(text.path())),
        None => (limits::bounded_text(value, cap)?, String::new()),
    };
    let text = whole.trim();
    let is_url = (text.starts_with("https://") || text.starts_with("http://"))
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c == '>' || c.is_control());
    Ok(if is_url {
        Value::from_safe_string(format!("{mark}<{text}>"))
    } else {
        Value::from_safe_string(format!("{mark}{}", markup::escape(text)))
    })
}

/// `{{ text | rich }}`: a draft's text whose `*…*` stay italics and whose
/// blank lines part paragraphs (in a cell), the rest escaped; it keeps its
/// source mark.
fn rich_filter(value: &Value, cap: u64) -> Result<Value, minijinja::Error> {
    Ok(match value.downcast_object_ref::<Text>() {
        Some(text) => Value::from_safe_string(format!(
            "{}{}",
            markup::source_mark(text.path()),
            markup::escape_rich(text.as_str())
        )),
        None => Value::from_safe_string(markup::escape_rich(&limits::bounded_text(value, cap)?)),
    })
}

/// What an error of a render is said with.
struct Failure<'a> {
    /// The main template's file.
    file: &'a str,
    /// The folder the includes come from.
    folder: Option<&'a TemplateFolder>,
    /// The render's budget of steps.
    fuel: u64,
}

impl Failure<'_> {
    /// The error, said in French.
    fn of(&self, error: &minijinja::Error) -> RenderError {
        let innermost = innermost(error);
        let message = match innermost.kind() {
            ErrorKind::OutOfFuel => Some(format!(
                "le modèle dépasse sa limite de calcul pour ce brouillon ({} d'étapes ou {} de valeurs produites) : une boucle sans fin ou trop longue, ou une valeur trop grande ?",
                limits::millions(self.fuel),
                limits::mio(self.fuel.saturating_mul(limits::BYTES_PER_STEP))
            )),
            ErrorKind::TemplateNotFound => {
                self.folder.and_then(TemplateFolder::missing).map(|name| {
                    format!(
                        "modèle inclus introuvable : « {name} » n'est pas dans le dossier du modèle"
                    )
                })
            }
            // Only the folder's loader makes an include error of its own
            // (minijinja's wrap another error): its detail is French.
            ErrorKind::BadInclude => innermost
                .detail()
                .map(|detail| format!("inclusion refusée : {detail}")),
            _ => None,
        };
        match message {
            Some(message) => RenderError::Template {
                file: file_of(self.file, innermost),
                line: innermost.line().unwrap_or(0),
                message,
            },
            None => template_error(self.file, error),
        }
    }
}

/// The error inside an included template, the one to show: the innermost
/// of the chain, with its own file and line.
fn innermost(error: &minijinja::Error) -> &minijinja::Error {
    let mut error = error;
    while let Some(inner) = std::error::Error::source(error)
        .and_then(|source| source.downcast_ref::<minijinja::Error>())
    {
        error = inner;
    }
    error
}

/// The file an error is in: the main template's, or an included one's
/// name.
fn file_of(main: &str, error: &minijinja::Error) -> String {
    match error.name() {
        Some(name) if name != MAIN && name != AVENANT => name.to_owned(),
        _ => main.to_owned(),
    }
}

fn template_error(main: &str, error: &minijinja::Error) -> RenderError {
    let error = innermost(error);
    // minijinja's details are in English: the kind of error, said here,
    // and the place are what the message gives.
    let message = match error.kind() {
        ErrorKind::SyntaxError => "erreur de syntaxe",
        ErrorKind::UndefinedError => "variable ou attribut inconnu",
        ErrorKind::UnknownFilter => "filtre inconnu",
        ErrorKind::UnknownTest => "test inconnu",
        ErrorKind::UnknownFunction => "fonction inconnue",
        ErrorKind::UnknownMethod => "méthode inconnue",
        ErrorKind::UnknownBlock => "bloc inconnu",
        ErrorKind::TemplateNotFound => "modèle inclus introuvable",
        ErrorKind::BadInclude => "inclusion impossible",
        ErrorKind::InvalidOperation if is_recursion(error) => {
            "appels sans fin : un modèle s'inclut lui-même ou une macro s'appelle elle-même, directement ou non"
        }
        ErrorKind::InvalidOperation if has_detail(error, "range has too many") => {
            "range() : 100 000 éléments au plus"
        }
        ErrorKind::InvalidOperation if has_detail(error, "too large") => {
            "valeur trop grande (un texte ou une liste répétés trop de fois)"
        }
        ErrorKind::InvalidOperation => "opération impossible",
        ErrorKind::MissingArgument | ErrorKind::TooManyArguments => "mauvais nombre d'arguments",
        ErrorKind::BadEscape => "échappement invalide",
        ErrorKind::NonPrimitive | ErrorKind::NonKey | ErrorKind::CannotUnpack => {
            "valeur d'un type inattendu"
        }
        _ => "erreur du modèle",
    };
    RenderError::Template {
        file: file_of(main, error),
        line: error.line().unwrap_or(0),
        message: message.to_owned(),
    }
}

/// Whether minijinja's (English) detail of an error holds `words`: it has
/// no kind of its own for some limits, its detail names them.
fn has_detail(error: &minijinja::Error, words: &str) -> bool {
    error.detail().is_some_and(|detail| detail.contains(words))
}

/// Whether minijinja stopped on its limit of nested calls and includes.
fn is_recursion(error: &minijinja::Error) -> bool {
    has_detail(error, "recursion")
}

/// Whether a path is a template folder (for the command line).
pub fn is_template_folder(path: &Path) -> bool {
    path.join(MAIN).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Document {
        render(&crate::model::example(), &RenderOptions::default()).expect("reference renders")
    }

    #[test]
    fn the_reference_renders_with_its_facts() {
        let document = reference();
        let text = document.plain_text();
        for fact in [
            "Convention de délégation de gestion",
            "Le Ministère de l’Europe et des Affaires étrangères",
            "La Direction Interministérielle du Numérique (DINUM)",
            "27-29 rue de la Convention CS 91533 - 75732 Paris CEDEX 15",
            "M. Fabien FIESCHI, Directeur du numérique",
            "Xavier Albouy",
            "0105-CRES-DNUM",
            "0105-06-08",
            "010501A61404",
            "AECDSI4092",
            "trente mille euros",
            "19\u{a0}mai\u{a0}2022",
            "31\u{a0}décembre\u{a0}2022",
            "trois mois",
            "Territorialité",
            "permettre à l’atelier numérique de recourir à des prestations de coaching",
            "phase d’accélération",
            "Activité(s)\u{a0}:",
            "principes de privacy by design",
        ] {
            assert!(text.contains(fact), "missing {fact:?}");
        }
        assert_eq!(document.meta.header, "MEAE – DINUM");
        assert_eq!(document.meta.date, "2022-05-19");
        assert_eq!(document.meta.provenance_date, "", "a draft with no review");
        assert_eq!(document.meta.draft_hash.len(), 12);
        assert!(!document.meta.template_version.contains("sans"));
    }

    /// The plain text of a draft's document, spaces made plain.
    fn text_of(draft: &crate::model::Draft) -> String {
        render(draft, &RenderOptions::default())
            .expect("renders")
            .plain_text()
            .replace(['\u{a0}', '\u{202f}'], " ")
            .replace('’', "'")
    }

    #[test]
    fn article_1_serves_a_service_hosting_startups_or_one_startup() {
        // A service that hosts Startups d'État: the reference's wording.
        let text = text_of(&crate::model::example());
        assert!(
            text.contains(
                "afin d'accompagner les Startups d'État de l'atelier numérique, en suivant"
            ),
            "{text}"
        );
        // One Startup d'État, named in its field, with its page.
        let mut one = crate::model::example();
        one.object.beneficiary.clear();
        one.object.startup.name = "Rétro-Archives".into();
        one.object.startup.url = "https://beta.gouv.fr/startups/retro-archives.html".into();
        let text = text_of(&one);
        assert!(
            text.contains("afin d'accompagner la Startup d'État « Rétro-Archives » (https://beta.gouv.fr/startups/retro-archives.html), en suivant"),
            "{text}"
        );
        assert!(
            text.contains("permettre à la Startup d'État « Rétro-Archives » de recourir"),
            "{text}"
        );
        // Carried by a service: both are named.
        one.object.beneficiary = "l'atelier numérique".into();
        one.object.startup.url.clear();
        let text = text_of(&one);
        assert!(
            text.contains("accompagner la Startup d'État « Rétro-Archives » de l'atelier numérique, en suivant"),
            "{text}"
        );
        // The form's preview says what the template says.
        assert_eq!(
            context::accompanied(&one.object),
            "la Startup d'État « Rétro-Archives » de l'atelier numérique"
        );
        assert_eq!(
            context::accompanied(&crate::model::example().object),
            "les Startups d'État de l'atelier numérique"
        );
        // The whole phrase typed as the beneficiary: printed as it is.
        let mut typed = crate::model::example();
        typed.object.beneficiary = "les Startups d'État de l'atelier numérique".into();
        let text = text_of(&typed);
        assert!(
            text.contains(
                "afin d'accompagner les Startups d'État de l'atelier numérique, en suivant"
            ),
            "{text}"
        );
        // Typed as the beneficiary, as before format version 3, or both.
        for startup in ["", "Rétro-Archives"] {
            one.object.beneficiary = "la Startup d'État « Rétro-Archives »".into();
            one.object.startup.name = startup.into();
            let text = text_of(&one);
            assert!(
                text.contains(
                    "afin d'accompagner la Startup d'État « Rétro-Archives », en suivant"
                ),
                "{text}"
            );
            assert!(!text.contains("Startups d'État de la Startup"), "{text}");
            assert!(!text.contains("« Rétro-Archives » de la Startup"), "{text}");
            assert!(!text.contains("Startups d'État des Startups"), "{text}");
            assert_eq!(
                context::accompanied(&one.object),
                "la Startup d'État « Rétro-Archives »"
            );
        }
    }

    #[test]
    fn the_uo_sentence_names_its_programme() {
        let text = text_of(&crate::model::example());
        assert!(
            text.contains("(UO) 0105-CRES-DNUM du programme 105, dont le responsable"),
            "{text}"
        );
        // The built-in list's label (2013) is not printed: only the draft's.
        let mut culture = crate::model::example();
        culture.budget.uo = "0224-CRES-DNUM".into();
        assert!(text_of(&culture).contains("(UO) 0224-CRES-DNUM du programme 224, dont"));
        // The draft's label is printed; a programme the list lacks has its
        // number alone; a malformed UO, no programme.
        culture.budget.programme_label = "Soutien aux politiques du ministère de la culture".into();
        assert!(text_of(&culture).contains(
            "du programme 224 « Soutien aux politiques du ministère de la culture », dont"
        ));
        culture.budget.programme_label.clear();
        culture.budget.uo = "0363-CRES-DNUM".into();
        assert!(text_of(&culture).contains("(UO) 0363-CRES-DNUM du programme 363, dont"));
        culture.budget.uo = "363-CRES".into();
        assert!(text_of(&culture).contains("(UO) 363-CRES, dont"));
    }

    #[test]
    fn every_article_is_there() {
        let document = reference();
        let headings: Vec<String> = document
            .blocks
            .iter()
            .filter_map(|block| match block {
                super::super::tree::Block::Heading { level: 1, text } => Some(text.text()),
                _ => None,
            })
            .collect();
        for n in 1..=8 {
            assert!(
                headings
                    .iter()
                    .any(|h| h.starts_with(&format!("Article\u{a0}{n}\u{a0}:"))),
                "Article {n} in {headings:?}"
            );
        }
        assert!(
            headings
                .iter()
                .any(|h| h.starts_with("Annexe\u{a0}1\u{a0}:"))
        );
    }

    #[test]
    fn every_field_of_the_draft_is_placed_in_the_document() {
        use crate::model::field::{FIELDS, Kind};
        // The example, with the Startup d'État it leaves empty.
        let mut draft = crate::model::example();
        draft.object.startup.name = "Rétro-Archives".into();
        draft.object.startup.url = "https://beta.gouv.fr/startups/retro-archives.html".into();
        draft.budget.programme_label = "Action de la France en Europe et dans le monde".into();
        let document = render(&draft, &RenderOptions::default()).expect("renders");
        let mut placed: Vec<crate::model::FieldPath> = Vec::new();
        for paragraph in document.paragraphs() {
            placed.extend(&paragraph.source);
        }
        for block in &document.blocks {
            if let super::super::tree::Block::Table(table) = block {
                for row in &table.rows {
                    for cell in &row.cells {
                        placed.extend(&cell.source);
                    }
                }
            }
        }
        let rows = |field: crate::model::Field| match field.list() {
            Some(list) => draft.row_count(list),
            None => 1,
        };
        for info in &FIELDS {
            if !matches!(info.kind, Kind::Value | Kind::Column)
                && info.field != crate::model::Field::Visa
            {
                continue;
            }
            for index in 0..rows(info.field) {
                let path = if info.field.in_row() {
                    info.field.at(index)
                } else {
                    info.field.path()
                };
                // An empty value the template leaves out (a note) is placed
                // by its row.
                let by_row = crate::review::diff::value(&draft, path).is_empty()
                    && placed.iter().any(|other| {
                        other.row_path().is_some() && other.row_path() == path.row_path()
                    });
                assert!(
                    placed.contains(&path) || by_row,
                    "{path} is nowhere in the document"
                );
            }
        }
    }

    #[test]
    fn blocks_and_cells_know_their_fields() {
        use crate::model::Field;
        let document = reference();
        let with = |needle: &str| -> Vec<String> {
            document
                .paragraphs()
                .find(|p| p.text().contains(needle))
                .map(|p| p.source.iter().map(ToString::to_string).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            with("Représenté par"),
            [
                "delegant.gender",
                "delegant.representative.name",
                "delegant.representative.title"
            ]
        );
        assert_eq!(with("Fait à"), ["signature.place", "signature.date"]);
        assert!(with("Elle est conclue jusqu’au").contains(&"end_date".to_owned()));
        let cells: Vec<(String, Vec<crate::model::FieldPath>)> = document
            .blocks
            .iter()
            .filter_map(|block| match block {
                super::super::tree::Block::Table(table) => Some(table),
                _ => None,
            })
            .flat_map(|table| table.rows.iter())
            .flat_map(|row| row.cells.iter())
            .map(|cell| (cell.text(), cell.source.clone()))
            .collect();
        assert!(cells.contains(&("2023".to_owned(), vec![Field::ScheduleYear.at(1)])));
        assert!(cells.contains(&("Territorialité".to_owned(), vec![Field::RgpdTopic.at(10)])));
        assert!(
            cells
                .iter()
                .any(|(_, source)| source == &[Field::RgpdDelegant.at(10)])
        );
    }

    #[test]
    fn draft_text_cannot_inject_markup() {
        let mut draft = crate::model::example();
        draft.object.beneficiary = "**x** | ^[note] <br> # titre\n::: pagebreak".into();
        draft.rgpd_matrix[0].topic = "a | b | c".into();
        let document = render(&draft, &RenderOptions::default()).expect("renders");
        let text = document.plain_text();
        assert!(text.contains("**x** | ^[note] <br> # titre ::: pagebreak"));
    }

    #[test]
    fn the_provenance_date_is_the_review_s_last_event() {
        let mut draft = crate::model::example();
        let at = |seconds| chrono::DateTime::from_timestamp(seconds, 0).expect("a date");
        draft.review.add_comment(
            crate::model::Subject::Document,
            "Claire",
            at(1_700_000_000),
            "Vu.",
        );
        draft.review.add_comment(
            crate::model::Subject::Document,
            "Paul",
            at(1_650_000_000),
            "Lu.",
        );
        let meta = meta(&draft, String::new(), false);
        assert_eq!(meta.provenance_date, "2023-11-14");
        assert_eq!(meta.date, "2022-05-19", "the signature date is apart");
    }

    #[test]
    fn the_hash_ignores_formatting_but_not_content() {
        let draft = crate::model::example();
        let mut other = draft.clone();
        assert_eq!(draft_hash(&draft), draft_hash(&other));
        other.notice_months = 4;
        assert_ne!(draft_hash(&draft), draft_hash(&other));
    }

    #[test]
    fn template_errors_name_the_file_and_line() {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::write(folder.path().join(MAIN), "# Titre\n\n{{ delegant.nom }}\n").expect("write");
        let options = RenderOptions {
            template: TemplateSource::Folder(folder.path().to_owned()),
            non_compliant: false,
        };
        let error = render(&crate::model::example(), &options).expect_err("unknown attribute");
        let message = error.to_string();
        assert!(
            message.contains(MAIN) && message.contains("ligne 3"),
            "{message}"
        );
        std::fs::write(folder.path().join(MAIN), "{% if %}\n").expect("write");
        let message = render(&crate::model::example(), &options)
            .expect_err("syntax")
            .to_string();
        assert!(
            message.contains("ligne 1") && message.contains("syntaxe"),
            "{message}"
        );
        let missing = RenderOptions {
            template: TemplateSource::Folder(folder.path().join("absent")),
            non_compliant: false,
        };
        assert!(render(&crate::model::example(), &missing).is_err());
    }

    #[test]
    fn a_template_that_includes_itself_is_said_in_french() {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            folder.path().join(MAIN),
            "# Titre\n\n{% include 'boucle.j2' %}\n",
        )
        .expect("write");
        std::fs::write(
            folder.path().join("boucle.j2"),
            "x {% include 'boucle.j2' %}\n",
        )
        .expect("write");
        let options = RenderOptions {
            template: TemplateSource::Folder(folder.path().to_owned()),
            non_compliant: false,
        };
        let message = render(&crate::model::example(), &options)
            .expect_err("endless")
            .to_string();
        assert!(message.contains("boucle.j2"), "{message}");
        assert!(message.contains("sans fin"), "{message}");
        assert!(!message.contains("error"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn an_included_device_is_refused_not_read() {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::write(folder.path().join(MAIN), "{% include 'zero.j2' %}\n").expect("write");
        std::os::unix::fs::symlink("/dev/zero", folder.path().join("zero.j2")).expect("link");
        let options = RenderOptions {
            template: TemplateSource::Folder(folder.path().to_owned()),
            non_compliant: false,
        };
        let message = render(&crate::model::example(), &options)
            .expect_err("a device")
            .to_string();
        assert!(
            message.contains("inclusion refusée : « zero.j2 » mène hors du dossier"),
            "{message}"
        );
    }

    /// A template folder holding `text` as its main template, and its
    /// options.
    fn folder_with(text: &str) -> (tempfile::TempDir, RenderOptions) {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::write(folder.path().join(MAIN), text).expect("write");
        let options = RenderOptions {
            template: TemplateSource::Folder(folder.path().to_owned()),
            non_compliant: false,
        };
        (folder, options)
    }

    /// What rendering the reference with the main template `text` says.
    fn refusal(text: &str) -> String {
        let (_folder, options) = folder_with(text);
        render(&crate::model::example(), &options)
            .expect_err("refused")
            .to_string()
    }

    /// The variables of a draft's render.
    fn variables(draft: &Draft) -> Value {
        Value::from(minijinja::value::Serde(Context::new(draft)))
    }

    /// Renders a draft with the built-in template within a part of the
    /// limits its size gives it.
    fn within_part(draft: &Draft, part: u64) -> Result<Rendered, RenderError> {
        let variables = variables(draft);
        let limits = Limits::for_data(&variables);
        let part = Limits {
            fuel: limits.fuel / part,
            output: limits.output / part,
        };
        run_within(&TemplateSource::Builtin, MAIN, variables, part)
    }

    #[test]
    fn the_built_in_template_stays_far_within_its_limits() {
        // The reference: within a hundredth.
        let reference = within_part(&crate::model::example(), 100).expect("renders");
        assert!(reference.text.contains("Article"));
        // The largest drafts a service writes: 20 years, 100 RGPD rows, 60
        // visas, 30 commitments, 20 activities, long texts: within a tenth.
        let mut draft = crate::model::example();
        let year = draft.budget.schedule[0].clone();
        draft.budget.schedule = (0..20)
            .map(|i| crate::model::YearRow {
                year: 2022 + i,
                ..year.clone()
            })
            .collect();
        let row = draft.rgpd_matrix[4].clone();
        draft.rgpd_matrix = vec![row; 100];
        draft.visas = (0..60)
            .map(|i| format!("le décret n° 2022-{i} du 19 mai 2022 relatif à la délégation"))
            .collect();
        let commitment = draft.commitments[0].clone();
        draft.commitments = vec![commitment; 30];
        let activite = draft.chorus.activites[0].clone();
        draft.chorus.activites = vec![activite; 20];
        draft.object.purpose = "accompagner la transformation numérique ".repeat(250);
        draft.object.beneficiary = "l'atelier numérique ".repeat(50);
        let big = within_part(&draft, 10).expect("renders within a tenth");
        assert!(
            big.text.len() > reference.text.len() * 2,
            "{}",
            big.text.len()
        );
    }

    #[test]
    fn every_text_at_the_warning_length_renders() {
        // 100 000 characters: the length from which a field gets a
        // warning (rules::length), in every text a party's name too.
        let long = |seed: &str| seed.repeat(100_000 / seed.len());
        let mut draft = crate::model::example();
        draft.title = long("Titre ");
        for party in [&mut draft.delegant, &mut draft.delegataire] {
            party.name = long("Nom ");
            party.short_name = long("SIGLE");
            party.address = long("rue ");
            party.representative.name = long("Nom ");
            party.representative.title = long("titre ");
        }
        draft.visas = vec![long("vu "); 3];
        draft.object.beneficiary = long("bénéficiaire ");
        draft.object.purpose = long("objet ");
        draft.signature.place = long("Paris ");
        draft.rgpd_matrix[0].delegataire = long("mesure ");
        let document = render(&draft, &RenderOptions::default()).expect("renders");
        assert!(document.plain_text().len() > 1_000_000);
    }

    #[test]
    fn a_template_that_loops_without_end_is_stopped() {
        let message = refusal(
            "# T\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        );
        assert!(
            message.contains(MAIN) && message.contains("ligne 3"),
            "{message}"
        );
        assert!(
            message.contains("limite de calcul") && message.contains("1 million d'étapes"),
            "{message}"
        );
        // In an included file, the include is named.
        let (folder, options) = folder_with("# T\n\n{% include 'boucle.j2' %}\n");
        std::fs::write(
            folder.path().join("boucle.j2"),
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        )
        .expect("write");
        let message = render(&crate::model::example(), &options)
            .expect_err("endless")
            .to_string();
        assert!(
            message.starts_with("boucle.j2, ligne 1") && message.contains("limite de calcul"),
            "{message}"
        );
    }

    #[test]
    fn huge_values_are_refused_before_they_are_made() {
        for template in [
            "# T\n\n{{ 'x' * 100000000 }}\n",
            "# T\n\n{{ ('x' * 1000000) * 99 }}\n",
            "# T\n\n{% set s = 'x' * 1000000 %}{% for i in range(1000) %}{% set s = s ~ s %}{% endfor %}\n",
            "# T\n\n{{ range(100000) | join('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') * 100 }}\n",
            "# T\n\n{% set l = range(100000) | list %}{{ (l * 1000) | list | length }}\n",
        ] {
            let message = refusal(template);
            assert!(
                message.contains("limite de calcul"),
                "{template}: {message}"
            );
        }
        // A list repeated lazily costs nothing to make: made a text, it is
        // refused past the cap on the markup.
        for filter in [
            "",
            " | string",
            " | capfirst",
            " | de",
            " | a",
            " | link",
            " | rich",
        ] {
            let template = format!("# T\n\n{{{{ (['xxxxxxxxxx'] * 1000000){filter} }}}}\n");
            let message = refusal(&template);
            assert!(
                message.contains("ligne 3 : valeur trop grande"),
                "{template}: {message}"
            );
        }
    }

    #[test]
    fn a_template_that_writes_without_end_is_stopped() {
        let message = refusal("# T\n\n{% for i in range(100) %}{{ 'x' * 50000 }}\n{% endfor %}\n");
        assert!(
            message.contains(MAIN) && message.contains("trop de texte"),
            "{message}"
        );
        assert!(message.contains("4,1 Mio"), "{message}");
        // Just under: 3.8 Mio of markup is written.
        let (_folder, options) =
            folder_with("# T\n\n{% for i in range(80) %}{{ 'x' * 50000 }}\n\n{% endfor %}\n");
        let rendered =
            run(&options.template, MAIN, variables(&crate::model::example())).expect("renders");
        assert!(rendered.text.len() > 4_000_000);
    }

    #[test]
    fn limits_of_minijinja_are_said_in_french() {
        let message = refusal("# T\n\n{% for i in range(100000000) %}x{% endfor %}\n");
        assert!(message.contains("range() : 100 000"), "{message}");
        let message = refusal("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n");
        assert!(
            message.contains("sans fin") && message.contains("macro"),
            "{message}"
        );
    }

    #[test]
    fn includes_are_files_of_the_template_folder() {
        for name in [
            "/etc/passwd",
            "../../../../../../etc/passwd",
            "C:\\Windows\\win.ini",
            "\\\\serveur\\partage\\modele.j2",
            "sous\\dossier.j2",
        ] {
            let message = refusal(&format!(
                "# T\n\n{{% include '{}' %}}\n",
                name.replace('\\', "\\\\")
            ));
            assert!(
                message.contains(MAIN)
                    && message.contains("ligne 3")
                    && message.contains("inclusion refusée")
                    && message.contains(&format!("« {name} »")),
                "{name}: {message}"
            );
            assert!(!message.contains("root:"), "{message}");
        }
        let message = refusal("# T\n\n{% include 'absent.j2' %}\n");
        assert!(
            message.contains("modèle inclus introuvable : « absent.j2 »"),
            "{message}"
        );
        // `ignore missing` still works; `import` and `extends` read the
        // same way.
        let (folder, options) = folder_with(
            "# T\n\n{% include 'absent.j2' ignore missing %}{% include 'sous/a.j2' %}\n\n{% import 'sous/m.j2' as m %}{{ m.b() }}\n",
        );
        std::fs::create_dir(folder.path().join("sous")).expect("mkdir");
        std::fs::write(folder.path().join("sous/a.j2"), "Inclus.").expect("write");
        std::fs::write(
            folder.path().join("sous/m.j2"),
            "{% macro b() %}Importé.{% endmacro %}",
        )
        .expect("write");
        let text = render(&crate::model::example(), &options)
            .expect("renders")
            .plain_text();
        assert!(
            text.contains("Inclus.") && text.contains("Importé."),
            "{text}"
        );
        let message = refusal("{% extends '/etc/passwd' %}");
        assert!(message.contains("inclusion refusée"), "{message}");
        let message = refusal("# T\n\n{% import '/etc/passwd' as p %}\n");
        assert!(message.contains("inclusion refusée"), "{message}");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_template_folder_are_not_followed() {
        let (folder, options) = folder_with("# T\n\n{% include 'lien.j2' %}\n");
        std::os::unix::fs::symlink("/etc/passwd", folder.path().join("lien.j2")).expect("link");
        let message = render(&crate::model::example(), &options)
            .expect_err("refused")
            .to_string();
        assert!(
            message.contains("« lien.j2 » mène hors du dossier du modèle"),
            "{message}"
        );
        // The main template too.
        let other = tempfile::tempdir().expect("tempdir");
        std::fs::write(other.path().join("vrai.j2"), "# T\n").expect("write");
        std::fs::remove_file(folder.path().join(MAIN)).expect("remove");
        std::os::unix::fs::symlink(other.path().join("vrai.j2"), folder.path().join(MAIN))
            .expect("link");
        let message = render(&crate::model::example(), &options)
            .expect_err("refused")
            .to_string();
        assert!(message.contains("hors du dossier du modèle"), "{message}");
        // A folder reached through a link is read.
        let link = other.path().join("modele");
        std::os::unix::fs::symlink(folder.path(), &link).expect("link");
        std::fs::remove_file(folder.path().join(MAIN)).expect("remove");
        std::fs::write(folder.path().join(MAIN), "# T\n\n{% include 'a.j2' %}\n").expect("write");
        std::fs::write(folder.path().join("a.j2"), "Inclus.").expect("write");
        let linked = RenderOptions {
            template: TemplateSource::Folder(link),
            non_compliant: false,
        };
        let text = render(&crate::model::example(), &linked)
            .expect("renders")
            .plain_text();
        assert!(text.contains("Inclus."), "{text}");
    }

    /// The tables of a document, in order.
    fn tables(document: &Document) -> Vec<&super::super::tree::Table> {
        document
            .blocks
            .iter()
            .filter_map(|block| match block {
                super::super::tree::Block::Table(table) => Some(table),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_annex_keeps_the_reference_s_cells_and_names_the_parties() {
        use super::super::tree::{Inline, Style};
        let document = reference();
        let annex = *tables(&document).last().expect("the annex");
        let header: Vec<String> = annex.rows[0].cells.iter().map(|c| c.text()).collect();
        assert_eq!(header, ["", "DINUM", "MEAE"]);
        let breach = &annex.rows[4].cells[1];
        let paragraphs: Vec<String> = breach.paragraphs.iter().map(|p| p.text()).collect();
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        assert!(
            paragraphs[1].starts_with("● Notification"),
            "{paragraphs:?}"
        );
        assert!(
            paragraphs[2].starts_with("● Mise en œuvre"),
            "{paragraphs:?}"
        );
        let privacy = &annex.rows[1].cells[1].paragraphs[0].content;
        assert!(
            privacy.contains(&Inline::Text {
                text: "privacy by design".into(),
                style: Style {
                    italic: true,
                    ..Style::default()
                }
            }),
            "{privacy:?}"
        );
        assert!(!document.plain_text().contains('*'));
    }

    #[test]
    fn an_empty_axe_leaves_no_row_and_activites_read_as_the_reference() {
        let document = reference();
        let chorus = tables(&document)
            .into_iter()
            .find(|table| {
                table.rows[0].cells[0]
                    .text()
                    .starts_with("Références Chorus")
            })
            .expect("the Chorus table");
        let labels: Vec<String> = chorus.rows.iter().map(|row| row.cells[0].text()).collect();
        assert_eq!(
            labels,
            [
                "Références Chorus\u{a0}:",
                "Domaine fonctionnel\u{a0}:",
                "Centre financier\u{a0}:",
                "Activité(s)\u{a0}:",
                "Centre de coût\u{a0}:"
            ]
        );
        let mut draft = crate::model::example();
        draft.chorus.axe_ministeriel_1 = "AXE-1".into();
        let document = render(&draft, &RenderOptions::default()).expect("renders");
        assert!(
            document
                .plain_text()
                .contains("| Axe ministériel 1\u{a0}: | AXE-1 |")
        );
    }

    #[test]
    fn the_total_row_and_the_amount_in_words_are_options() {
        let text = reference().plain_text();
        assert!(text.contains("| Total |"));
        assert!(text.contains("s’élève à trente mille euros"));
        let folder = tempfile::tempdir().expect("tempdir");
        let template = BUILTIN
            .replace("{% set total_row = true %}", "{% set total_row = false %}")
            .replace(
                "{% set amounts_in_words = true %}",
                "{% set amounts_in_words = false %}",
            );
        std::fs::write(folder.path().join(MAIN), template).expect("write");
        let options = RenderOptions {
            template: TemplateSource::Folder(folder.path().to_owned()),
            non_compliant: false,
        };
        let text = render(&crate::model::example(), &options)
            .expect("renders")
            .plain_text();
        assert!(!text.contains("| Total |"), "{text}");
        assert!(!text.contains("trente mille euros"), "{text}");
        assert!(text.contains("| 2022 | 30"), "{text}");
    }

    #[test]
    fn no_annex_is_cited_that_is_not_there() {
        let text = reference().plain_text();
        assert!(!text.contains("référencée en annexe"));
        assert!(text.contains("une grille d’évaluation pourra être utilisée"));
    }

    #[test]
    fn non_compliant_drafts_are_marked() {
        let options = RenderOptions {
            non_compliant: true,
            ..RenderOptions::default()
        };
        let document = render(&crate::model::example(), &options).expect("renders");
        assert_eq!(document.meta.watermark.as_deref(), Some(NON_COMPLIANT_MARK));
    }
}
