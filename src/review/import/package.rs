//! The parts of a DOCX package a review import reads, taken out of the ZIP
//! archive as text: the body, the comments and their Word 2012–2018
//! extensions, the file's properties. The bounded reading of a part and
//! the guarded XML parse also serve [`crate::import`], which reads the
//! body of a DOCX or ODT document.

use std::io::{Cursor, Read as _};

use super::ImportError;

/// The body.
pub(super) const DOCUMENT: &str = "word/document.xml";
/// The comments' text, author and date.
pub(super) const COMMENTS: &str = "word/comments.xml";
/// Which comment answers which, and which are done (Word 2013+,
/// LibreOffice).
pub(super) const COMMENTS_EXTENDED: &str = "word/commentsExtended.xml";
/// The comments' durable ids (Word 2019+).
pub(super) const COMMENTS_IDS: &str = "word/commentsIds.xml";
/// The comments' dates in UTC, by durable id (Word 2019+).
pub(super) const COMMENTS_EXTENSIBLE: &str = "word/commentsExtensible.xml";
/// The custom properties: our « Empreinte du brouillon ».
pub(super) const CUSTOM: &str = "docProps/custom.xml";
/// The core properties: when the file was saved.
pub(super) const CORE: &str = "docProps/core.xml";

/// No part of a reviewed convention comes near this: a larger one is
/// refused rather than inflated in memory.
const PART_LIMIT: u64 = 64 * 1024 * 1024;
/// The most XML nodes a part may have (a convention's body has some tens
/// of thousands): a part with more is refused before it fills the memory.
const NODES_LIMIT: u32 = 4_000_000;
/// The deepest a part's elements may nest (Word's tables within tables
/// stay far below): the body is walked element by element, and a deeper
/// one is refused rather than walked.
pub(super) const DEPTH_LIMIT: usize = 256;

/// The text of the parts read, by name; a part the package lacks is
/// `None`, except the body, which every DOCX has.
#[derive(Debug, Default)]
pub(super) struct Package {
    /// `word/document.xml`.
    pub document: String,
    /// `word/comments.xml`.
    pub comments: Option<String>,
    /// `word/commentsExtended.xml`.
    pub comments_extended: Option<String>,
    /// `word/commentsIds.xml`.
    pub comments_ids: Option<String>,
    /// `word/commentsExtensible.xml`.
    pub comments_extensible: Option<String>,
    /// `docProps/custom.xml`.
    pub custom: Option<String>,
    /// `docProps/core.xml`.
    pub core: Option<String>,
}

impl Package {
    /// Opens the archive and reads the parts.
    pub fn read(bytes: &[u8]) -> Result<Package, ImportError> {
        if !bytes.starts_with(b"PK") {
            return Err(ImportError::NotDocx(not_a_zip(bytes).to_owned()));
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| ImportError::NotDocx(format!("archive ZIP {}", zip_reason(&error))))?;
        let mut part = |name: &str| read_part(&mut archive, name);
        let document = part(DOCUMENT)?.ok_or_else(|| {
            ImportError::NotDocx(format!(
                "l'archive n'a pas de partie {DOCUMENT} (document Word)"
            ))
        })?;
        Ok(Package {
            document,
            comments: part(COMMENTS)?,
            comments_extended: part(COMMENTS_EXTENDED)?,
            comments_ids: part(COMMENTS_IDS)?,
            comments_extensible: part(COMMENTS_EXTENSIBLE)?,
            custom: part(CUSTOM)?,
            core: part(CORE)?,
        })
    }
}

/// Reads the parts `names` of a ZIP archive (a DOCX or an ODT package)
/// as text, each bounded in size; a part the archive lacks is `None`.
/// The bytes must start as a ZIP archive does (`PK`).
pub(crate) fn read_parts(bytes: &[u8], names: &[&str]) -> Result<Vec<Option<String>>, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| ImportError::NotDocx(format!("archive ZIP {}", zip_reason(&error))))?;
    names
        .iter()
        .map(|name| read_part(&mut archive, name))
        .collect()
}

/// What a file that is not a ZIP archive looks like.
fn not_a_zip(bytes: &[u8]) -> &'static str {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match start.iter().find(|b| !b.is_ascii_whitespace()) {
        None => "le fichier est vide",
        Some(b'{') => {
            "c'est un fichier JSON (un brouillon ?) : donnez d'abord le DOCX relu, puis le brouillon"
        }
        Some(_) if start.starts_with(b"%PDF") => {
            "c'est un PDF : les remarques s'importent depuis le DOCX exporté"
        }
        Some(_) if start.starts_with(b"\xD0\xCF\x11\xE0") => {
            "c'est un ancien document Word (.doc) : enregistrez-le au format .docx"
        }
        Some(_) => "ce n'est pas une archive ZIP",
    }
}

/// Why the zip crate cannot read an archive or a part, in French (its
/// own messages are English).
fn zip_reason(error: &zip::result::ZipError) -> &'static str {
    use zip::result::ZipError as Z;
    match error {
        Z::UnsupportedArchive(_) | Z::CompressionMethodNotSupported(_) | Z::InvalidPassword => {
            "d'un format non pris en charge (partie chiffrée, ou compressée autrement qu'en deflate)"
        }
        Z::FileNotFound => "incomplète (une partie manque)",
        _ => "illisible ou tronquée",
    }
}

/// A part's text; `None` when the archive lacks it.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ImportError> {
    let unreadable = |reason: String| ImportError::Part {
        part: name.to_owned(),
        reason,
    };
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(unreadable(format!("archive ZIP {}", zip_reason(&error)))),
    };
    let mut bytes = Vec::new();
    entry
        .take(PART_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| {
            unreadable(
                "données compressées corrompues (somme de contrôle fausse ou archive abîmée)"
                    .to_owned(),
            )
        })?;
    if bytes.len() as u64 > PART_LIMIT {
        return Err(unreadable("partie démesurée (plus de 64 Mio)".to_owned()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec())
        .map(Some)
        .map_err(|_| unreadable("ce n'est pas du texte UTF-8".to_owned()))
}

/// Parses a part's XML, refusing one whose nodes are too many or nest
/// too deep, or that declares a DTD (entities that expand without end).
pub(crate) fn parse<'input>(
    name: &str,
    text: &'input str,
) -> Result<roxmltree::Document<'input>, ImportError> {
    let unreadable = |reason: String| ImportError::Part {
        part: name.to_owned(),
        reason,
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|error| unreadable(french(&error)))?;
    // Nodes come in document order, a parent before its children.
    let mut depths = vec![0_usize; document.root().descendants().count() + 1];
    for node in document.root().descendants() {
        let depth = node
            .parent()
            .map_or(0, |parent| depths[parent.id().get_usize()] + 1);
        if depth > DEPTH_LIMIT {
            let at = document.text_pos_at(node.range().start);
            return Err(unreadable(format!(
                "éléments imbriqués sur plus de {DEPTH_LIMIT} niveaux (ligne {}, colonne {})",
                at.row, at.col
            )));
        }
        depths[node.id().get_usize()] = depth;
    }
    Ok(document)
}

/// A parse error of roxmltree, in French, with its line and column.
fn french(error: &roxmltree::Error) -> String {
    use roxmltree::Error as E;
    let what = match error {
        E::DtdDetected => {
            return "le XML déclare une DTD (entités), ce qu'un DOCX ne fait pas ; refusé par prudence".to_owned();
        }
        E::NodesLimitReached => {
            return format!("plus de {NODES_LIMIT} nœuds XML : partie démesurée");
        }
        E::AttributesLimitReached | E::NamespacesLimitReached => {
            return "trop d'attributs ou d'espaces de noms : partie démesurée".to_owned();
        }
        E::NoRootNode => return "le XML n'a pas d'élément racine".to_owned(),
        E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            return "le XML s'arrête avant sa fin (fichier tronqué ?)".to_owned();
        }
        E::UnexpectedCloseTag(expected, found, _) => {
            format!("balise fermante </{found}> là où </{expected}> était attendue")
        }
        E::UnknownEntityReference(name, _) => format!("entité inconnue &{name};"),
        E::MalformedEntityReference(_) | E::EntityReferenceLoop(_) => {
            "référence d'entité ou de caractère invalide".to_owned()
        }
        E::NonXmlChar(c, _) => format!("caractère interdit en XML (U+{:04X})", u32::from(*c)),
        E::DuplicatedAttribute(name, _) => format!("attribut {name} en double"),
        E::UnknownNamespace(prefix, _) => format!("préfixe d'espace de noms inconnu « {prefix} »"),
        _ => "XML mal formé".to_owned(),
    };
    let at = error.pos();
    format!("{what} (ligne {}, colonne {})", at.row, at.col)
}
