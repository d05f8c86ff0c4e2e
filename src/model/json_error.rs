//! serde_json's errors said in French, from what they are rather than from
//! their English wording.
//!
//! The category (`Category::Syntax`, `Eof`, `Data`, `Io`), the line and the
//! column come from serde_json; the field's path from serde_path_to_error.
//! A syntax error is described from the text at its place (what character
//! is there, what precedes it, how deep the nesting is). A data error is
//! either one of ours (the model's own deserializers say it in French
//! through [`french`], which records it) or serde's: what serde knows then
//! (missing field, unknown variant, wrong type…) exists only in its
//! message, which [`problem`] alone reads, falling back to a French
//! sentence for anything it does not recognize. No English reaches the
//! user.

use std::cell::RefCell;
use std::fmt::Display;

/// serde_json's limit of nested objects and lists.
const DEPTH_LIMIT: usize = 128;

/// What serde_json's « syntax » error on a well-formed text means: a
/// number too large for its field, or a value other than a word where one
/// of a list of words (an enum's value) is expected.
pub(super) fn well_formed_but_refused(text: &str, line: usize, column: usize) -> String {
    let offset = byte_offset(text, line, column);
    let near = |index: usize| text.as_bytes().get(index).copied();
    let number = [near(offset), offset.checked_sub(1).and_then(near)]
        .into_iter()
        .flatten()
        .any(|b| b.is_ascii_digit());
    if number {
        "nombre hors limites pour ce champ".to_owned()
    } else {
        "type incorrect : l'une des valeurs admises, un texte entre guillemets, est attendue ici (voir « convention schema »)".to_owned()
    }
}

/// The byte of serde_json's place: `line` from 1, `column` the bytes read
/// on that line, the faulty one included (0: the line break before).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column).saturating_sub(1).min(text.len())
}

thread_local! {
    /// The last French message a model deserializer gave, on this thread.
    static OURS: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A deserialization error said in French by the model: recorded, so the
/// loader knows the message is ours and shows it as it is.
pub(crate) fn french<E: serde::de::Error>(message: impl Display) -> E {
    let message = message.to_string();
    let error = E::custom(&message);
    OURS.with(|ours| *ours.borrow_mut() = Some(message));
    error
}

/// Forgets the last French message (before a new parse).
pub(super) fn forget_french() {
    OURS.with(|ours| ours.borrow_mut().take());
}

/// What is wrong with a JSON text that does not parse, in French, from the
/// category and the place of serde_json's error.
pub(super) fn syntax_message(text: &str, error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => "le fichier s'arrête avant la fin du JSON (fichier tronqué ?)".to_owned(),
        Category::Io => "lecture interrompue".to_owned(),
        Category::Syntax | Category::Data => {
            format!(
                "JSON invalide : {}",
                at_place(text, error.line(), error.column())
            )
        }
    }
}

/// What is wrong with a value that has the wrong type or content, in
/// French. `error` is a `Category::Data` error.
pub(super) fn data_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    if let Some(ours) = OURS.with(|ours| ours.borrow_mut().take())
        && full.starts_with(&ours)
    {
        return ours;
    }
    // serde_json adds the place to the message; the error has it apart.
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    problem(message).french()
}

/// What serde said went wrong with a value.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Problem<'a> {
    /// A required field is absent.
    MissingField(&'a str),
    /// A field is not one of the struct's.
    UnknownField {
        /// Its name.
        name: &'a str,
        /// The fields there may be.
        allowed: Vec<&'a str>,
    },
    /// A value is not one of the enum's.
    UnknownVariant {
        /// The value.
        name: &'a str,
        /// The values there may be.
        allowed: Vec<&'a str>,
    },
    /// A field is given twice.
    DuplicateField(&'a str),
    /// A value of one kind where another is expected.
    WrongType {
        /// What was there.
        found: Kind<'a>,
        /// What was expected.
        expected: Kind<'a>,
    },
    /// A value of the right kind, out of range.
    WrongValue {
        /// What was there.
        found: Kind<'a>,
        /// What was expected.
        expected: Kind<'a>,
    },
    /// A list of the wrong length.
    WrongLength,
    /// Something serde said that is not one of the above.
    Unknown,
}

/// A kind of JSON value, as serde names them.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    /// A whole number, with its literal when known.
    Integer(Option<&'a str>),
    /// A whole number not below zero.
    Unsigned,
    /// A number with a fraction, with its literal when known.
    Float(Option<&'a str>),
    /// A string.
    Text,
    /// `true` or `false`.
    Boolean,
    /// An object.
    Object,
    /// A list.
    List,
    /// `null`.
    Null,
    /// Said by the model's own code, in French.
    French(&'a str),
    /// Not recognized.
    Other,
}

/// Reads serde's message (its de::Error wording: « missing field `x` »,
/// « invalid type: string "a", expected u32 »…) into what it says. The
/// only place where an English message is read; whatever it does not
/// recognize is [`Problem::Unknown`].
pub(super) fn problem(message: &str) -> Problem<'_> {
    fn quoted(text: &str) -> Vec<&str> {
        text.split('`').skip(1).step_by(2).collect()
    }
    fn first(text: &str) -> &str {
        text.split('`').nth(1).unwrap_or_default()
    }
    let (head, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    if let Some(rest) = head.strip_prefix("missing field ") {
        Problem::MissingField(first(rest))
    } else if let Some(rest) = head.strip_prefix("duplicate field ") {
        Problem::DuplicateField(first(rest))
    } else if let Some(rest) = head.strip_prefix("unknown field ") {
        Problem::UnknownField {
            name: first(rest),
            allowed: quoted(expected),
        }
    } else if let Some(rest) = head.strip_prefix("unknown variant ") {
        Problem::UnknownVariant {
            name: first(rest),
            allowed: quoted(expected),
        }
    } else if let Some(found) = head.strip_prefix("invalid type: ") {
        Problem::WrongType {
            found: kind(found),
            expected: kind(expected),
        }
    } else if let Some(found) = head.strip_prefix("invalid value: ") {
        Problem::WrongValue {
            found: kind(found),
            expected: kind(expected),
        }
    } else if head.starts_with("invalid length ") {
        Problem::WrongLength
    } else {
        Problem::Unknown
    }
}

/// serde's name of a value (`Unexpected`) or of what a visitor expects.
fn kind(text: &str) -> Kind<'_> {
    let text = text.trim();
    fn literal(rest: &str) -> Option<&str> {
        rest.trim()
            .strip_prefix('`')
            .and_then(|r| r.strip_suffix('`'))
    }
    let word = text.split_whitespace().next().unwrap_or_default();
    match word {
        "integer" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => {
            Kind::Integer(text.strip_prefix("integer").and_then(literal))
        }
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => Kind::Unsigned,
        "floating" | "f32" | "f64" => {
            Kind::Float(text.strip_prefix("floating point").and_then(literal))
        }
        "string" | "char" => Kind::Text,
        "boolean" => Kind::Boolean,
        "map" | "struct" => Kind::Object,
        "sequence" | "tuple" => Kind::List,
        "null" | "unit" => Kind::Null,
        "a" | "an" => match text.split_whitespace().nth(1).unwrap_or_default() {
            "string" | "borrowed" | "character" => Kind::Text,
            "boolean" => Kind::Boolean,
            "map" => Kind::Object,
            "sequence" | "tuple" => Kind::List,
            "integer" => Kind::Integer(None),
            _ => Kind::Other,
        },
        // The model's `expecting` texts (« un objet »).
        "un" | "une" => Kind::French(text),
        _ => Kind::Other,
    }
}

impl Kind<'_> {
    /// « un texte est attendu », « une liste est attendue ».
    fn expected(&self) -> String {
        let name = self.french(false);
        if name.starts_with("une ") {
            format!("{name} est attendue")
        } else {
            format!("{name} est attendu")
        }
    }

    /// « un nombre entier », « -3 », « un texte »…
    fn french(&self, with_literal: bool) -> String {
        match self {
            Kind::Integer(Some(literal)) | Kind::Float(Some(literal)) if with_literal => {
                (*literal).to_owned()
            }
            Kind::Integer(_) => "un nombre entier".to_owned(),
            Kind::Unsigned => "un nombre entier positif ou nul".to_owned(),
            Kind::Float(_) => "un nombre à virgule".to_owned(),
            Kind::Text => "un texte".to_owned(),
            Kind::Boolean => "un booléen (true ou false)".to_owned(),
            Kind::Object => "un objet".to_owned(),
            Kind::List => "une liste".to_owned(),
            Kind::Null => "null".to_owned(),
            Kind::French(text) => (*text).to_owned(),
            Kind::Other => "une autre valeur".to_owned(),
        }
    }
}

impl Problem<'_> {
    /// The problem in a French sentence.
    pub(super) fn french(&self) -> String {
        let list = |names: &[&str]| {
            names
                .iter()
                .map(|name| format!("« {name} »"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Problem::MissingField(name) => format!("champ obligatoire absent : « {name} »"),
            Problem::DuplicateField(name) => format!("champ présent deux fois : « {name} »"),
            Problem::UnknownField { name, allowed } if allowed.is_empty() => {
                format!("champ inconnu : « {name} »")
            }
            Problem::UnknownField { name, allowed } => {
                format!(
                    "champ inconnu : « {name} » (champs admis : {})",
                    list(allowed)
                )
            }
            Problem::UnknownVariant { name, allowed } => format!(
                "valeur inconnue : « {name} » (valeurs admises : {})",
                list(allowed)
            ),
            Problem::WrongType { found, expected } => format!(
                "type incorrect : {} ici, pas {}",
                expected.expected(),
                found.french(false)
            ),
            // A number the field's type cannot hold (a year of
            // 4294967296), other than a negative one where none may be.
            Problem::WrongValue {
                found: found @ (Kind::Integer(_) | Kind::Float(_)),
                expected: expected @ (Kind::Integer(_) | Kind::Unsigned | Kind::Float(_)),
            } if !(matches!(expected, Kind::Unsigned)
                && matches!(found, Kind::Integer(Some(n)) if n.starts_with('-'))) =>
            {
                format!(
                    "nombre hors limites pour ce champ : {}",
                    found.french(true)
                )
            }
            Problem::WrongValue { found, expected } => format!(
                "valeur incorrecte : {} ici, pas {}",
                expected.expected(),
                found.french(true)
            ),
            Problem::WrongLength => "liste de longueur incorrecte".to_owned(),
            Problem::Unknown => {
                "valeur refusée : elle n'a pas la forme attendue pour ce champ (voir « convention schema »)"
                    .to_owned()
            }
        }
    }
}

/// What is wrong at a place of a JSON text that does not parse, judged
/// from the text itself. `line` counts from 1; `column` is serde_json's
/// (the bytes read on that line, the faulty one included).
fn at_place(text: &str, line: usize, column: usize) -> String {
    let offset = byte_offset(text, line, column);
    let scan = Scan::up_to(text.as_bytes(), offset);
    let here = text.get(offset..).and_then(|rest| rest.chars().next());
    let shown = |c: char| {
        if c.is_control() {
            format!("le caractère de contrôle U+{:04X}", u32::from(c))
        } else if let Some(name) = invisible_name(c) {
            format!("le caractère invisible U+{:04X} ({name})", u32::from(c))
        } else {
            format!("« {c} »")
        }
    };
    let opening = usize::from(!scan.in_string && matches!(here, Some('[' | '{')));
    if scan.depth + opening >= DEPTH_LIMIT {
        return format!(
            "imbrication trop profonde : plus de {DEPTH_LIMIT} objets ou listes les uns dans les autres"
        );
    }
    if scan.escape_at.is_some() {
        return "séquence d'échappement invalide dans un texte (\\n, \\t, \\\", \\\\, \\/ ou \\u suivi de quatre chiffres hexadécimaux désignant un caractère valide)".to_owned();
    }
    if scan.in_string {
        return match here {
            Some(c) if c.is_control() => {
                "caractère de contrôle dans un texte : écrivez \\n pour un saut de ligne, \\t pour une tabulation".to_owned()
            }
            Some(c) => format!("texte invalide à {}", shown(c)),
            None => "texte non refermé".to_owned(),
        };
    }
    let Some(c) = here else {
        return "le texte s'arrête au milieu d'une valeur".to_owned();
    };
    let before = scan.last_significant;
    match (before, c) {
        (Some(b'a'..=b'z' | b'A'..=b'Z'), _) => {
            "mot inconnu : seuls true, false et null s'écrivent sans guillemets ; un texte s'écrit entre guillemets droits « \" »".to_owned()
        }
        (Some(b'-' | b'+' | b'.'), _) | (Some(b'0'..=b'9'), '0'..='9' | '.' | 'e' | 'E') => {
            "nombre invalide : écrivez-le comme 3, -3 ou 3.5".to_owned()
        }
        (Some(b','), ',') => "virgule en double".to_owned(),
        (_, '/') => "les commentaires (// ou /* */) ne sont pas admis en JSON".to_owned(),
        (Some(b','), '}' | ']') => format!("virgule en trop avant {}", shown(c)),
        (Some(_), _) if scan.depth == 0 && scan.finished => {
            "caractères en trop après la fin du JSON".to_owned()
        }
        (Some(b'"' | b'}' | b']' | b'0'..=b'9'), '"' | '{' | '[' | '0'..='9' | '-' | 't' | 'f' | 'n') => {
            format!("une virgule « , » (ou, après un nom de champ, « : ») manque avant {}", shown(c))
        }
        (_, '0'..='9' | '-' | '+' | '.') => "nombre invalide ou hors limites".to_owned(),
        (_, '\'') => {
            "les textes et les noms de champ s'écrivent entre guillemets droits « \" », pas « ' »".to_owned()
        }
        (_, c) if c.is_alphabetic() => format!(
            "{} inattendu : seuls true, false et null s'écrivent sans guillemets ; un texte s'écrit entre guillemets droits « \" »",
            shown(c)
        ),
        _ => format!("{} inattendu ici", shown(c)),
    }
}

/// The name of a character that shows as nothing or as a plain space, so
/// that a message names it rather than quoting it (« «  » inattendu » says
/// nothing); `None` for a character that shows as itself.
pub(crate) fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FEFF}' => "indicateur d'ordre des octets",
        '\u{00A0}' => "espace insécable",
        '\u{202F}' => "espace fine insécable",
        '\u{2007}' => "espace tabulaire",
        '\u{2009}' => "espace fine",
        '\u{200A}' => "espace ultrafine",
        '\u{2000}'..='\u{2006}' | '\u{2008}' => "espace typographique",
        '\u{3000}' => "espace idéographique",
        '\u{200B}' => "espace sans chasse",
        '\u{200C}' => "antiliant sans chasse",
        '\u{200D}' => "liant sans chasse",
        '\u{2060}' => "gluon de mots",
        '\u{00AD}' => "trait d'union conditionnel",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "marque de direction",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "contrôle bidirectionnel",
        '\u{2028}' => "séparateur de lignes",
        '\u{2029}' => "séparateur de paragraphes",
        '\u{FFFD}' => "caractère de remplacement",
        c if c.is_whitespace() && c != ' ' => "espace",
        '\u{E000}'..='\u{F8FF}' => "usage privé",
        _ => return None,
    })
}

/// How many characters of a value a message quotes, at most.
const QUOTED_MAX: usize = 60;

/// A message with every quoted value (« … ») and every unbroken run of
/// characters (a 100 000-digit number) cut to [`QUOTED_MAX`] characters,
/// ending with « … »: a message is one readable line, whatever the file
/// holds.
pub(crate) fn shorten(message: &str) -> String {
    // Quoted values first: « value ».
    let mut quoted = String::with_capacity(message.len().min(1024));
    let mut rest = message;
    while let Some(open) = rest.find("« ") {
        let (before, after) = rest.split_at(open + "« ".len());
        quoted.push_str(before);
        match after.find(" »") {
            Some(close) => {
                quoted.push_str(&cut(&after[..close]));
                rest = &after[close..];
            }
            None => {
                rest = after;
                break;
            }
        }
    }
    quoted.push_str(rest);
    // Then runs without spaces.
    let mut out = String::with_capacity(quoted.len());
    for word in quoted.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end_matches(char::is_whitespace);
        out.push_str(&cut(trimmed));
        out.push_str(&word[trimmed.len()..]);
    }
    out
}

/// A text cut to [`QUOTED_MAX`] characters, with « … » when cut.
fn cut(text: &str) -> String {
    match text.char_indices().nth(QUOTED_MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Line and column (from 1; the column in bytes, as serde_json counts) of
/// the value at `path` (`signature.date`, `budget.schedule[0].ae`, as
/// serde_path_to_error writes it) in `text`, if there is one. A small
/// scanner, without recursion: the text may not otherwise fit the model.
pub(crate) fn place_of(text: &str, path: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = skip_blanks(bytes, 0);
    for segment in path.split('.') {
        let (key, indices) = match segment.find('[') {
            Some(open) => (&segment[..open], &segment[open..]),
            None => (segment, ""),
        };
        if !key.is_empty() {
            at = member(text, at, key)?;
        }
        for index in indices.split(']').filter(|i| !i.is_empty()) {
            let index: usize = index.trim_start_matches('[').parse().ok()?;
            at = element(bytes, at, index)?;
        }
    }
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..at].matches('\n').count() + 1;
    Some((line, at - line_start + 1))
}

fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The end of the string starting at `at` (its opening quote), after its
/// closing quote.
fn skip_string(bytes: &[u8], mut at: usize) -> usize {
    at += 1;
    while at < bytes.len() && bytes[at] != b'"' {
        at += if bytes[at] == b'\\' { 2 } else { 1 };
    }
    at + 1
}

/// The end of the value starting at `at`.
fn skip_value(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'"') => skip_string(bytes, at),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut at = at;
            while at < bytes.len() {
                match bytes[at] {
                    b'"' => {
                        at = skip_string(bytes, at);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return at + 1;
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
            at
        }
        _ => {
            let mut at = at;
            while at < bytes.len()
                && !matches!(bytes[at], b',' | b'}' | b']')
                && !bytes[at].is_ascii_whitespace()
            {
                at += 1;
            }
            at
        }
    }
}

/// The start of the value of member `key` of the object at `at`.
fn member(text: &str, at: usize, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let mut at = skip_blanks(bytes, at + 1);
    while bytes.get(at) == Some(&b'"') {
        let end = skip_string(bytes, at);
        let name = text.get(at + 1..end.saturating_sub(1))?;
        at = skip_blanks(bytes, end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_blanks(bytes, at + 1);
        if name == key {
            return Some(at);
        }
        at = skip_blanks(bytes, skip_value(bytes, at));
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_blanks(bytes, at + 1);
    }
    None
}

/// The start of element `index` of the list at `at`.
fn element(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = skip_blanks(bytes, at + 1);
    for _ in 0..index {
        if matches!(bytes.get(at), None | Some(b']')) {
            return None;
        }
        at = skip_blanks(bytes, skip_value(bytes, at));
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at = skip_blanks(bytes, at + 1);
    }
    (!matches!(bytes.get(at), None | Some(b']'))).then_some(at)
}

/// Whether serde_json's place (`line`, `column`) is the end of an object
/// or a list, where it puts a fault found by code that read the object
/// whole (a model type's own deserializer).
pub(crate) fn at_container_end(text: &str, line: usize, column: usize) -> bool {
    matches!(
        text.as_bytes().get(byte_offset(text, line, column)),
        Some(b'}' | b']')
    )
}

/// The state of a JSON text up to a byte: a small scanner, enough to tell
/// where an error is (serde_json's errors do not say it).
struct Scan {
    /// Objects and lists open.
    depth: usize,
    /// Inside a string.
    in_string: bool,
    /// Where the last backslash escape inside the current string began.
    escape_at: Option<usize>,
    /// The last byte outside strings and spaces (a string's closing quote
    /// counts).
    last_significant: Option<u8>,
    /// Whether a whole value has been read at depth 0.
    finished: bool,
}

impl Scan {
    fn up_to(bytes: &[u8], end: usize) -> Scan {
        let mut scan = Scan {
            depth: 0,
            in_string: false,
            escape_at: None,
            last_significant: None,
            finished: false,
        };
        let mut escaped = false;
        for (index, &byte) in bytes.iter().enumerate().take(end) {
            if scan.in_string {
                if escaped {
                    escaped = false;
                } else if byte == b'\\' {
                    escaped = true;
                    scan.escape_at = Some(index);
                } else if byte == b'"' {
                    scan.in_string = false;
                    // An escape just before is still looked at.
                    scan.last_significant = Some(b'"');
                    scan.finished |= scan.depth == 0;
                }
                continue;
            }
            match byte {
                b'"' => {
                    scan.in_string = true;
                    scan.escape_at = None;
                }
                b'{' | b'[' => scan.depth += 1,
                b'}' | b']' => {
                    scan.depth = scan.depth.saturating_sub(1);
                    scan.finished |= scan.depth == 0;
                }
                b' ' | b'\t' | b'\n' | b'\r' => continue,
                _ => {}
            }
            scan.last_significant = Some(byte);
        }
        // The escape is the fault only if the fault is within it: `\n` is
        // two bytes, `\ud83d\ude00` (a surrogate pair) at most twelve.
        if let Some(at) = scan.escape_at {
            let extent = if bytes.get(at + 1) == Some(&b'u') {
                12
            } else {
                2
            };
            if end <= at || end - at >= extent {
                scan.escape_at = None;
            }
        }
        scan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_s_messages_are_read() {
        assert_eq!(
            problem("missing field `title`"),
            Problem::MissingField("title")
        );
        assert_eq!(
            problem("duplicate field `title`"),
            Problem::DuplicateField("title")
        );
        assert_eq!(
            problem("unknown field `x`, expected one of `a`, `b`"),
            Problem::UnknownField {
                name: "x",
                allowed: vec!["a", "b"]
            }
        );
        assert_eq!(
            problem("unknown field `x`, there are no fields"),
            Problem::UnknownField {
                name: "x",
                allowed: vec![]
            }
        );
        assert_eq!(
            problem("unknown variant `x`, expected `f` or `m`"),
            Problem::UnknownVariant {
                name: "x",
                allowed: vec!["f", "m"]
            }
        );
        assert_eq!(
            problem("invalid type: boolean `true`, expected a string"),
            Problem::WrongType {
                found: Kind::Boolean,
                expected: Kind::Text
            }
        );
        assert_eq!(
            problem("invalid type: sequence, expected un objet"),
            Problem::WrongType {
                found: Kind::List,
                expected: Kind::French("un objet")
            }
        );
        assert_eq!(
            problem("invalid value: integer `-3`, expected u32"),
            Problem::WrongValue {
                found: Kind::Integer(Some("-3")),
                expected: Kind::Unsigned
            }
        );
        assert_eq!(
            problem("invalid type: map, expected struct Draft"),
            Problem::WrongType {
                found: Kind::Object,
                expected: Kind::Object
            }
        );
        assert_eq!(
            problem("invalid length 3, expected a tuple of size 2"),
            Problem::WrongLength
        );
        assert_eq!(problem("something else entirely"), Problem::Unknown);
    }

    #[test]
    fn every_problem_is_said_in_french() {
        for message in [
            "missing field `title`",
            "invalid value: integer `-3`, expected u32",
            "invalid type: floating point `1.5`, expected i32",
            "invalid type: null, expected a boolean",
            "unknown variant `x`, expected one of `a`, `b`",
            "an English sentence serde_json might write one day",
        ] {
            let french = problem(message).french();
            for english in ["expected", "invalid", "missing", "field `", " or "] {
                assert!(!french.contains(english), "{message} → {french}");
            }
        }
        assert_eq!(
            problem("invalid value: integer `-3`, expected u32").french(),
            "valeur incorrecte : un nombre entier positif ou nul est attendu ici, pas -3"
        );
    }

    fn said(text: &str) -> String {
        let error = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        syntax_message(text, &error)
    }

    #[test]
    fn syntax_errors_are_told_from_the_text() {
        assert!(said("{\"a\": 1,}").contains("virgule en trop"));
        assert!(said("[1, 2,]").contains("virgule en trop"));
        assert!(said("{\"a\": 1 \"b\": 2}").contains("virgule « , »"));
        assert!(said("{\"a\" 1}").contains("« : »"), "{}", said("{\"a\" 1}"));
        assert!(said("{'a': 1}").contains("guillemets droits"));
        assert!(
            said("{\"a\": tru}").contains("true, false et null"),
            "{}",
            said("{\"a\": tru}")
        );
        assert!(said("{\"a\": \"x\ny\"}").contains("caractère de contrôle"));
        assert!(said("{\"a\": \"\\q\"}").contains("échappement"));
        assert!(said("{\"a\": \"\\ud8\", \"b\": 1}").contains("échappement"));
        assert!(said("{\"a\": 1,, \"b\": 1}").contains("virgule en double"));
        assert!(said("// x\n{}").contains("commentaires"));
        assert!(
            said("{\"a\": \"\\ud800\"}").contains("échappement"),
            "{}",
            said("{\"a\": \"\\ud800\"}")
        );
        assert!(said("{\"a\": -}").contains("nombre invalide"));
        assert!(said("{\"a\": 01}").contains("nombre invalide"));
        assert!(said("{\"a\": 1.}").contains("nombre invalide"));
        assert!(said("{\"a\": 1} x").contains("en trop après la fin"));
        assert!(said(&"[".repeat(200)).contains("imbrication trop profonde"));
        assert!(said("{\"a\": ").contains("tronqué"));
        assert!(said("{\"a\": @}").contains("« @ » inattendu"));
    }

    #[test]
    fn long_values_are_cut_and_invisible_characters_named() {
        let long = "1".repeat(100_000);
        let said = shorten(&format!("montant « {long} » refusé, pas {long}"));
        assert_eq!(
            said,
            format!(
                "montant « {}… » refusé, pas {}…",
                "1".repeat(60),
                "1".repeat(60)
            )
        );
        assert_eq!(shorten("« court » reste"), "« court » reste");
        assert_eq!(
            invisible_name('\u{feff}'),
            Some("indicateur d'ordre des octets")
        );
        assert_eq!(invisible_name('\u{a0}'), Some("espace insécable"));
        assert_eq!(invisible_name('a'), None);
        assert_eq!(invisible_name(' '), None);
    }

    #[test]
    fn a_value_is_found_by_its_path() {
        let text = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\\\"}\"}, 3]},\n  \"format_version\": 3\n}";
        assert_eq!(place_of(text, "format_version"), Some((3, 21)));
        assert_eq!(place_of(text, "a.b[1].c"), Some((2, 24)));
        assert_eq!(place_of(text, "a.b[2]"), Some((2, 33)));
        assert_eq!(place_of(text, "a.b[3]"), None);
        assert_eq!(place_of(text, "a.nope"), None);
        assert_eq!(place_of("[1]", "a"), None);
    }
}
