//! The light markup templates are written in, and its parser into the
//! document tree.
//!
//! Blocks, one per group of lines (blank lines separate them):
//!
//! | markup                         | block                                   |
//! |--------------------------------|-----------------------------------------|
//! | `# Titre`                      | the document's title                    |
//! | `## Article 1 : …`             | heading, level 1                        |
//! | `### Section`                  | heading, level 2                        |
//! | lines of text                  | a paragraph (lines joined by a space)   |
//! | `- item` (then indented lines) | a bulleted list                         |
//! | `\| a \| b \|` lines           | a table; a `\|---\|--:\|` line under the first rows makes them headers (a first line of that form only gives widths); dashes give relative widths, a final `:` right-aligns |
//! | `::: pagebreak`                | a new page                              |
//! | `::: center` … `:::`           | centred paragraphs (also `right`, `left`) |
//! | `::: signatures` … `:::`       | side-by-side signature blocks, one line a paragraph, `---` between parties |
//!
//! Inside text: `**bold**`, `*italic*`, `<https://…>` or a bare `https://…`
//! (a link), `<br>` (a line break), `^[note]` (a footnote), and `\` before
//! any of `\ * | < > [ ] ^ # - :` to write it literally. Every text is
//! then typeset the French way (no-break spaces, curly apostrophes,
//! superscript ordinals: see `typography`).
//!
//! A value printed from the draft is preceded by a source mark, invisible
//! and of no width: U+E000, the field's path, U+E001 (private-use
//! characters, which [`escape`] removes from the draft's text). The parser
//! takes the marks out and records the paths in the `source` of the
//! paragraph, heading or cell they fall in.

use std::str::FromStr as _;

use super::tree::{
    Align, Block, Cell, Document, Inline, Paragraph, Row, Source, Style, Table, joined_source,
};
use crate::model::FieldPath;

/// Opens a source mark.
const SOURCE_OPEN: char = '\u{E000}';
/// Closes a source mark.
const SOURCE_CLOSE: char = '\u{E001}';

/// Opens an include mark.
const INCLUDE_OPEN: char = '\u{E002}';
/// Closes an include mark.
const INCLUDE_CLOSE: char = '\u{E003}';

/// A paragraph that stands for blocks to put in its place once the text is
/// parsed (an avenant's new wording of an article): its key between two
/// private-use characters, which [`escape`] removes from the draft's text.
pub fn include_mark(key: &str) -> String {
    format!("{INCLUDE_OPEN}{key}{INCLUDE_CLOSE}")
}

/// The key of a paragraph that is an include mark and nothing else.
pub fn include_key(text: &str) -> Option<&str> {
    text.trim()
        .strip_prefix(INCLUDE_OPEN)?
        .strip_suffix(INCLUDE_CLOSE)
        .filter(|key| !key.contains([INCLUDE_OPEN, INCLUDE_CLOSE]))
}

/// The mark that tells the parser the text after it comes from `path`.
pub fn source_mark(path: FieldPath) -> String {
    format!("{SOURCE_OPEN}{path}{SOURCE_CLOSE}")
}

/// Takes the source marks out of text: the text without them, and the
/// paths they named, each once. A mark that does not close, or names no
/// field, is dropped.
pub fn take_sources(text: &str) -> (String, Source) {
    if !text.contains(SOURCE_OPEN) {
        return (text.to_owned(), Source::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut source = Source::new();
    let mut seen = std::collections::HashSet::new();
    let mut rest = text;
    while let Some(open) = rest.find(SOURCE_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + SOURCE_OPEN.len_utf8()..];
        match after.find(SOURCE_CLOSE) {
            Some(close) => {
                if let Ok(path) = FieldPath::from_str(&after[..close]) {
                    super::tree::add_unique(&mut source, &mut seen, path);
                }
                rest = &after[close + SOURCE_CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    (out, source)
}

/// Whether a line holds nothing but spaces and source marks.
fn is_blank(line: &str) -> bool {
    take_sources(line).0.trim().is_empty()
}

/// A paragraph from a line of markup, its marks taken out.
fn sourced(text: &str, align: Align) -> Paragraph {
    let (text, source) = take_sources(text);
    Paragraph {
        content: inlines(text.trim()),
        align,
        source,
        revision: None,
    }
}

/// A fault in the markup, with its line (from 1) in the rendered text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ligne {line} du texte produit : {message}")]
pub struct MarkupError {
    /// Line of the rendered text.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Characters that `\` makes literal, and that the template escaping
/// protects in values taken from the draft.
pub const SPECIALS: &[char] = &['\\', '*', '|', '<', '>', '[', ']', '^', '#', '-', ':'];

/// Parses marked-up text into blocks.
pub fn parse(text: &str) -> Result<Vec<Block>, MarkupError> {
    let mut parser = Parser {
        lines: text.lines().collect(),
        position: 0,
        align: None,
        blocks: Vec::new(),
    };
    parser.run()?;
    Ok(parser.blocks)
}

/// Parses marked-up text into a document with the given properties.
pub fn parse_document(text: &str, meta: super::tree::Meta) -> Result<Document, MarkupError> {
    Ok(Document {
        meta,
        blocks: parse(text)?,
    })
}

struct Parser<'a> {
    lines: Vec<&'a str>,
    position: usize,
    /// Alignment set by an open `::: center` (or `right`, `left`) fence.
    align: Option<Align>,
    blocks: Vec<Block>,
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> MarkupError {
        MarkupError {
            line: self.position + 1,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<&'a str> {
        self.lines.get(self.position).copied()
    }

    fn run(&mut self) -> Result<(), MarkupError> {
        while let Some(line) = self.peek() {
            let trimmed = line.trim_end();
            if is_blank(trimmed) {
                self.position += 1;
            } else if let Some(directive) = trimmed.strip_prefix(":::") {
                self.directive(directive.trim())?;
            } else if let Some(rest) = trimmed.strip_prefix("### ") {
                self.position += 1;
                let text = sourced(rest, Align::Left);
                self.blocks.push(Block::Heading { level: 2, text });
            } else if let Some(rest) = trimmed.strip_prefix("## ") {
                self.position += 1;
                let text = sourced(rest, Align::Left);
                self.blocks.push(Block::Heading { level: 1, text });
            } else if let Some(rest) = trimmed.strip_prefix("# ") {
                self.position += 1;
                self.blocks.push(Block::Title(sourced(rest, Align::Center)));
            } else if trimmed.starts_with("- ") || trimmed == "-" {
                self.list();
            } else if trimmed.starts_with('|') {
                self.table()?;
            } else {
                self.paragraph();
            }
        }
        if self.align.is_some() {
            return Err(self.error("un bloc « ::: » n'est pas refermé par « ::: »"));
        }
        Ok(())
    }

    fn directive(&mut self, name: &str) -> Result<(), MarkupError> {
        match name {
            "pagebreak" => {
                self.position += 1;
                self.blocks.push(Block::PageBreak);
            }
            "center" | "right" | "left" | "justify" => {
                if self.align.is_some() {
                    return Err(self.error("un bloc d'alignement est déjà ouvert"));
                }
                self.position += 1;
                self.align = Some(match name {
                    "center" => Align::Center,
                    "right" => Align::Right,
                    "left" => Align::Left,
                    _ => Align::Justify,
                });
            }
            "" => {
                if self.align.take().is_none() {
                    return Err(self.error("« ::: » ferme un bloc qui n'a pas été ouvert"));
                }
                self.position += 1;
            }
            "signatures" => self.signatures()?,
            other => {
                return Err(self.error(format!(
                    "bloc « ::: {other} » inconnu (admis : pagebreak, center, right, left, signatures)"
                )));
            }
        }
        Ok(())
    }

    fn paragraph(&mut self) {
        let mut text = String::new();
        while let Some(line) = self.peek() {
            let trimmed = line.trim();
            let starts_block = is_blank(trimmed)
                || trimmed.starts_with(":::")
                || trimmed.starts_with("# ")
                || trimmed.starts_with("## ")
                || trimmed.starts_with("### ")
                || trimmed.starts_with("- ")
                || trimmed.starts_with('|');
            if starts_block && !text.is_empty() {
                break;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(trimmed);
            self.position += 1;
        }
        self.blocks.push(Block::Paragraph(sourced(
            &text,
            self.align.unwrap_or_default(),
        )));
    }

    fn list(&mut self) {
        let mut items: Vec<String> = Vec::new();
        while let Some(line) = self.peek() {
            if let Some(rest) = line.strip_prefix("- ") {
                items.push(rest.trim().to_owned());
            } else if line == "-" {
                items.push(String::new());
            } else if line.starts_with("  ") && !is_blank(line) {
                if let Some(last) = items.last_mut() {
                    last.push(' ');
                    last.push_str(line.trim());
                }
            } else {
                break;
            }
            self.position += 1;
        }
        self.blocks.push(Block::List(
            items
                .iter()
                .map(|item| sourced(item, Align::Justify))
                .collect(),
        ));
    }

    fn table(&mut self) -> Result<(), MarkupError> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header_rows = 0;
        let mut shape: Option<(Vec<u32>, Vec<Align>)> = None;
        let start = self.position;
        while let Some(line) = self.peek() {
            let line = line.trim();
            if !line.starts_with('|') {
                break;
            }
            let cells = split_row(line);
            if let Some(separator) = separator_shape(&cells) {
                if shape.is_some() {
                    return Err(self.error("un tableau n'a qu'une ligne de séparation « |---| »"));
                }
                header_rows = rows.len();
                shape = Some(separator);
            } else {
                rows.push(cells);
            }
            self.position += 1;
        }
        let columns = shape
            .as_ref()
            .map(|(widths, _)| widths.len())
            .or_else(|| rows.iter().map(Vec::len).max())
            .unwrap_or(0);
        if let Some(index) = rows.iter().position(|row| row.len() != columns) {
            return Err(MarkupError {
                line: start + index + 1 + usize::from(shape.is_some() && index >= header_rows),
                message: format!(
                    "cette ligne de tableau a {} cellules au lieu de {columns}",
                    rows[index].len()
                ),
            });
        }
        let (widths, aligns) =
            shape.unwrap_or_else(|| (vec![1; columns], vec![Align::Left; columns]));
        let rows = rows
            .iter()
            .map(|row| {
                Row::new(
                    row.iter()
                        .zip(&aligns)
                        .map(|(text, align)| cell(text, *align))
                        .collect(),
                )
            })
            .collect();
        self.blocks.push(Block::Table(Table {
            widths,
            aligns,
            header_rows,
            rows,
        }));
        Ok(())
    }

    fn signatures(&mut self) -> Result<(), MarkupError> {
        let opening = self.position;
        self.position += 1;
        let mut columns: Vec<Vec<Paragraph>> = vec![Vec::new()];
        loop {
            let Some(line) = self.peek() else {
                self.position = opening;
                return Err(self.error("le bloc « ::: signatures » n'est pas refermé par « ::: »"));
            };
            self.position += 1;
            let line = line.trim();
            if line == ":::" {
                break;
            } else if line == "---" {
                columns.push(Vec::new());
            } else if !is_blank(line)
                && let Some(column) = columns.last_mut()
            {
                column.push(sourced(line, Align::Left));
            }
        }
        self.blocks.push(Block::Signatures(columns));
        Ok(())
    }
}

/// Splits `| a | b \| c |` into its cells, honouring escapes.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push('\\');
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            '|' => cells.push(std::mem::take(&mut current).trim().to_owned()),
            other => current.push(other),
        }
    }
    if !current.trim().is_empty() {
        cells.push(current.trim().to_owned());
    }
    cells
}

/// Reads a `|---|--:|` line: relative widths and alignments.
fn separator_shape(cells: &[String]) -> Option<(Vec<u32>, Vec<Align>)> {
    if cells.is_empty() {
        return None;
    }
    let mut widths = Vec::new();
    let mut aligns = Vec::new();
    for cell in cells {
        let dashes = cell.trim_start_matches(':').trim_end_matches(':');
        if dashes.is_empty() || !dashes.chars().all(|c| c == '-') {
            return None;
        }
        widths.push(dashes.len() as u32);
        aligns.push(match (cell.starts_with(':'), cell.ends_with(':')) {
            (true, true) => Align::Center,
            (false, true) => Align::Right,
            _ => Align::Left,
        });
    }
    Some((widths, aligns))
}

/// A cell's text: `<br><br>` separates paragraphs, `<br>` breaks lines.
fn cell(text: &str, align: Align) -> Cell {
    let paragraphs: Vec<Paragraph> = text
        .split("<br><br>")
        .map(|part| sourced(part, align))
        .collect();
    let source = joined_source(paragraphs.iter().flat_map(|p| &p.source));
    Cell { paragraphs, source }
}

/// Parses inline markup.
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut builder = InlineBuilder::default();
    let chars: Vec<char> = text.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let rest = &chars[index..];
        if c == '\\' && index + 1 < chars.len() {
            builder.push(chars[index + 1]);
            index += 2;
        } else if starts_with(rest, "**") {
            builder.style.bold = !builder.style.bold;
            builder.flush();
            index += 2;
        } else if c == '*' {
            builder.style.italic = !builder.style.italic;
            builder.flush();
            index += 1;
        } else if starts_with(rest, "<br>") {
            builder.flush();
            builder.out.push(Inline::LineBreak);
            index += 4;
        } else if c == '<'
            && let Some(end) = rest.iter().position(|&c| c == '>')
            && is_url(&rest[1..end].iter().collect::<String>())
        {
            let url: String = rest[1..end].iter().collect();
            builder.link(url);
            index += end + 1;
        } else if (starts_with(rest, "https://") || starts_with(rest, "http://"))
            && (index == 0 || chars[index - 1].is_whitespace() || chars[index - 1] == '(')
        {
            let length = rest
                .iter()
                .position(|c| c.is_whitespace())
                .unwrap_or(rest.len());
            let mut url: String = rest[..length].iter().collect();
            while url.ends_with(['.', ',', ';', ':', ')', '»']) {
                url.pop();
            }
            index += url.chars().count();
            builder.link(url);
        } else if starts_with(rest, "^[")
            && let Some(end) = closing_bracket(&chars, index + 2)
        {
            let note: String = chars[index + 2..end].iter().collect();
            builder.flush();
            builder.out.push(Inline::Note(inlines(&note)));
            index = end + 1;
        } else {
            builder.push(c);
            index += 1;
        }
    }
    builder.finish()
}

/// An address as people read it: « …/Int%C3%A9gration%20du%20bouton »
/// shown « …/Intégration du bouton » (the link keeps the encoded form). An
/// encoding that does not decode to plain text is shown as it is.
fn readable_url(url: &str) -> String {
    match percent_encoding::percent_decode_str(url).decode_utf8() {
        Ok(decoded) if !decoded.chars().any(char::is_control) => decoded.into_owned(),
        _ => url.to_owned(),
    }
}

fn starts_with(chars: &[char], prefix: &str) -> bool {
    prefix
        .chars()
        .enumerate()
        .all(|(index, expected)| chars.get(index) == Some(&expected))
}

fn is_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://") || text.starts_with("www."))
        && !text.chars().any(char::is_whitespace)
}

/// The index of the `]` that closes a bracket opened before `from`.
fn closing_bracket(chars: &[char], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut index = from;
    while index < chars.len() {
        match chars[index] {
            '\\' => index += 1,
            '[' => depth += 1,
            ']' if depth == 0 => return Some(index),
            ']' => depth -= 1,
            _ => {}
        }
        index += 1;
    }
    None
}

#[derive(Default)]
struct InlineBuilder {
    out: Vec<Inline>,
    text: String,
    style: Style,
    /// The style the pending text was written in.
    text_style: Style,
}

impl InlineBuilder {
    fn push(&mut self, c: char) {
        if self.text.is_empty() {
            self.text_style = self.style;
        }
        self.text.push(c);
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.out
                .extend(super::typography::styled(&text, self.text_style));
        }
        self.text_style = self.style;
    }

    fn link(&mut self, url: String) {
        self.flush();
        let target = if url.starts_with("www.") {
            format!("https://{url}")
        } else {
            url.clone()
        };
        self.out.push(Inline::Link {
            text: readable_url(&url),
            url: target,
        });
    }

    fn finish(mut self) -> Vec<Inline> {
        self.flush();
        self.out
    }
}

pub use super::typography::french_spacing;

/// Escapes text taken from a draft so that it reads literally in the
/// markup: specials get a `\`, line breaks become `<br>`, other control
/// characters are dropped. An address typed as such (`https://…` after a
/// space or at the start) is left as it is, so the parser makes it a link,
/// unless it holds a character of the markup's own.
pub fn escape(text: &str) -> String {
    escape_with(text, false)
}

/// As [`escape`], and `*…*` around words stays italic (« principes de
/// *privacy by design* »): for the texts whose form the reference
/// convention keeps, the RGPD matrix's cells. A lone `*` reads literally.
pub fn escape_rich(text: &str) -> String {
    escape_with(text, true)
}

fn escape_with(text: &str, italics: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let text = text.replace("\r\n", "\n");
    let chars: Vec<char> = text.trim_end_matches('\n').chars().collect();
    let emphasis = if italics {
        emphasis_marks(&chars)
    } else {
        Vec::new()
    };
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if let Some(length) = plain_url_at(&chars, index) {
            out.extend(&chars[index..index + length]);
            index += length;
            continue;
        }
        match c {
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Unicode's non-characters and the byte-order mark have no
            // place in a document, and some readers choke on them; the
            // source marks' characters are the parser's own.
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' | SOURCE_OPEN | SOURCE_CLOSE | INCLUDE_OPEN
            | INCLUDE_CLOSE => {}
            '*' if emphasis.contains(&index) => out.push('*'),
            c if SPECIALS.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        index += 1;
    }
    out
}

/// The length of an address that starts at `index` as the parser reads a
/// bare one (after a space, a `(` or at the start), when it holds nothing
/// the markup would read otherwise.
fn plain_url_at(chars: &[char], index: usize) -> Option<usize> {
    let rest = &chars[index..];
    if !(starts_with(rest, "https://") || starts_with(rest, "http://")) {
        return None;
    }
    if index > 0 && !(chars[index - 1].is_whitespace() || chars[index - 1] == '(') {
        return None;
    }
    let length = rest
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(rest.len());
    let clean = rest[..length].iter().all(|&c| {
        !c.is_control()
            && !matches!(
                c,
                '|' | '<'
                    | '>'
                    | '\\'
                    | '['
                    | ']'
                    | '^'
                    | '*'
                    | '\u{feff}'
                    | '\u{fffe}'
                    | '\u{ffff}'
                    | SOURCE_OPEN
                    | SOURCE_CLOSE
                    | INCLUDE_OPEN
                    | INCLUDE_CLOSE
            )
    });
    clean.then_some(length)
}

/// The indices of the `*` that open and close an italic span: an opening
/// one before a letter and after a space (or at the start), its closing
/// one after a letter and before a space or punctuation.
fn emphasis_marks(chars: &[char]) -> Vec<usize> {
    let mut marks = Vec::new();
    let mut open: Option<usize> = None;
    for (index, &c) in chars.iter().enumerate() {
        if c != '*' {
            continue;
        }
        let before = index.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(index + 1).copied();
        let opens = before.is_none_or(|b| b.is_whitespace() || "(«\u{a0}".contains(b))
            && after.is_some_and(char::is_alphanumeric);
        let closes = before.is_some_and(|b| b.is_alphanumeric() || ".)".contains(b))
            && after.is_none_or(|a| a.is_whitespace() || ".,;:!?)»".contains(a));
        match open {
            Some(start) if closes => {
                marks.push(start);
                marks.push(index);
                open = None;
            }
            _ if opens => open = Some(index),
            _ => {}
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn headings_paragraphs_and_lists() {
        let blocks = parse(
            "# Titre\n\n## Article 1\n\nUne ligne\net la suite.\n\n- un\n- deux\n  suite\n\n### Section",
        )
        .expect("valid");
        assert_eq!(
            blocks[0],
            Block::Title(Paragraph {
                align: Align::Center,
                ..Paragraph::new(vec![text("Titre")])
            })
        );
        assert_eq!(
            blocks[1],
            Block::Heading {
                level: 1,
                text: Paragraph {
                    align: Align::Left,
                    ..Paragraph::new(vec![text("Article\u{a0}1")])
                }
            }
        );
        assert_eq!(
            blocks[2],
            Block::Paragraph(Paragraph::new(vec![text("Une ligne et la suite.")]))
        );
        assert_eq!(
            blocks[3],
            Block::List(vec![
                Paragraph::new(vec![text("un")]),
                Paragraph::new(vec![text("deux suite")])
            ])
        );
        assert!(matches!(blocks[4], Block::Heading { level: 2, .. }));
    }

    #[test]
    fn inline_styles_links_and_notes() {
        let parsed =
            inlines("a **gras** et *italique* <https://beta.gouv.fr/> fin^[voir <br>note]");
        assert_eq!(parsed[0], text("a "));
        assert_eq!(parsed[1], Inline::bold("gras"));
        assert_eq!(
            parsed[3],
            Inline::Text {
                text: "italique".into(),
                style: Style {
                    italic: true,
                    ..Style::default()
                }
            }
        );
        assert_eq!(
            parsed[5],
            Inline::Link {
                text: "https://beta.gouv.fr/".into(),
                url: "https://beta.gouv.fr/".into()
            }
        );
        assert_eq!(
            parsed[7],
            Inline::Note(vec![text("voir "), Inline::LineBreak, text("note")])
        );
    }

    #[test]
    fn bare_urls_become_links_without_trailing_punctuation() {
        let parsed = inlines("sur https://observatoire.numerique.gouv.fr/ ; puis.");
        assert_eq!(
            parsed[1],
            Inline::Link {
                text: "https://observatoire.numerique.gouv.fr/".into(),
                url: "https://observatoire.numerique.gouv.fr/".into()
            }
        );
    }

    #[test]
    fn a_typed_address_becomes_a_link_and_shows_decoded() {
        let parsed = inlines(&escape(
            "voir https://a.fr/Int%C3%A9gration%20du%20bouton ; ou (https://b.fr/x).",
        ));
        assert_eq!(
            parsed[1],
            Inline::Link {
                text: "https://a.fr/Intégration du bouton".into(),
                url: "https://a.fr/Int%C3%A9gration%20du%20bouton".into()
            }
        );
        assert_eq!(
            parsed[3],
            Inline::Link {
                text: "https://b.fr/x".into(),
                url: "https://b.fr/x".into()
            }
        );
        // An address holding the markup's own characters stays text.
        for literal in ["https://a.fr/|x", "«https://a.fr/»", "https://a.fr/*x*"] {
            let parsed = inlines(&escape(literal));
            assert!(
                parsed.iter().all(|i| matches!(i, Inline::Text { .. })),
                "{literal}: {parsed:?}"
            );
        }
    }

    #[test]
    fn rich_text_keeps_its_italics_and_paragraphs_only() {
        let italic = |s: &str| Inline::Text {
            text: s.into(),
            style: Style {
                italic: true,
                ..Style::default()
            },
        };
        let parsed = inlines(&escape_rich(
            "les principes de *privacy by design*, les textes* **x**",
        ));
        assert_eq!(
            parsed,
            [
                text("les principes de "),
                italic("privacy by design"),
                text(", les textes* **x**"),
            ]
        );
        let blocks = parse(&format!(
            "| a |\n|---|\n| {} |",
            escape_rich("sans délai :\n\n● Notification.\n\n● Mise en œuvre.")
        ))
        .expect("valid");
        let Block::Table(table) = &blocks[0] else {
            panic!("a table")
        };
        let cell: Vec<String> = table.rows[1].cells[0]
            .paragraphs
            .iter()
            .map(Paragraph::text)
            .collect();
        assert_eq!(
            cell,
            ["sans délai\u{a0}:", "● Notification.", "● Mise en œuvre."]
        );
    }

    #[test]
    fn escaped_text_reads_literally() {
        let nasty = "**pas gras** | <https://x> ^[pas de note] # - : \\ fin\nligne\u{1}\u{feff}";
        let parsed = inlines(&escape(nasty));
        let mut plain = String::new();
        super::super::tree::push_inlines(&mut plain, &parsed);
        assert_eq!(
            plain,
            "**pas gras** | <https://x> ^[pas de note] # -\u{a0}: \\ fin ligne"
        );
        assert!(parsed.iter().all(|i| !matches!(i, Inline::Note(_))));
    }

    #[test]
    fn tables_with_headers_widths_and_alignment() {
        let blocks =
            parse("| Année | AE |\n|---|----:|\n| 2022 | 30 000 € |\n| **Total** | x<br><br>y |")
                .expect("valid");
        let Block::Table(table) = &blocks[0] else {
            panic!("a table")
        };
        assert_eq!(table.header_rows, 1);
        assert_eq!(table.widths, [3, 4]);
        assert_eq!(table.aligns, [Align::Left, Align::Right]);
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[2].cells[1].paragraphs.len(), 2);
        let no_header = parse("|--|------|\n| a | b |").expect("valid");
        let Block::Table(table) = &no_header[0] else {
            panic!("a table")
        };
        assert_eq!((table.header_rows, table.rows.len()), (0, 1));
    }

    #[test]
    fn ragged_tables_are_errors_with_their_line() {
        let error = parse("texte\n\n| a | b |\n|---|---|\n| c |").expect_err("ragged");
        assert_eq!(error.line, 5);
    }

    #[test]
    fn fences_align_and_sign() {
        let blocks = parse(
            "::: center\nEntre\n:::\n\n::: signatures\nLe MEAE,\nM. X\n---\nLa DINUM,\n:::\n\n::: pagebreak",
        )
        .expect("valid");
        assert_eq!(
            blocks[0],
            Block::Paragraph(Paragraph {
                align: Align::Center,
                ..Paragraph::new(vec![text("Entre")])
            })
        );
        let Block::Signatures(columns) = &blocks[1] else {
            panic!("signatures")
        };
        assert_eq!(columns.len(), 2);
        assert_eq!(columns[0].len(), 2);
        assert_eq!(blocks[2], Block::PageBreak);
        assert!(parse("::: center\nx").is_err());
        assert!(parse("::: signatures\nx").is_err());
        assert!(parse("::: colonnes").is_err());
    }

    #[test]
    fn source_marks_are_taken_out_and_recorded() {
        use crate::model::Field;
        let uo = source_mark(Field::Uo.path());
        let cp = source_mark(Field::ScheduleCp.at(1));
        let markup = format!(
            "# {title}Titre\n\nSur l'UO **{uo}0105-CRES-DNUM**, puis {uo}encore.\n\n| a | b |\n|---|---|\n| 2023 | {cp}15 000 € |\n\n{uo}\n\n::: signatures\n{uo}\n:::",
            title = source_mark(Field::Title.path())
        );
        let blocks = parse(&markup).expect("valid");
        let Block::Title(title) = &blocks[0] else {
            panic!("a title")
        };
        assert_eq!(title.source, [Field::Title.path()]);
        assert_eq!(title.text(), "Titre");
        let Block::Paragraph(paragraph) = &blocks[1] else {
            panic!("a paragraph")
        };
        assert_eq!(paragraph.source, [Field::Uo.path()], "each field once");
        assert_eq!(paragraph.text(), "Sur l’UO 0105-CRES-DNUM, puis encore.");
        assert_eq!(paragraph.content[1], Inline::bold("0105-CRES-DNUM"));
        let Block::Table(table) = &blocks[2] else {
            panic!("a table")
        };
        assert!(table.rows[1].cells[0].source.is_empty());
        assert_eq!(table.rows[1].cells[1].source, [Field::ScheduleCp.at(1)]);
        assert_eq!(table.rows[1].source(), [Field::ScheduleCp.at(1)]);
        // A line of nothing but an empty value is a blank line, as before.
        let Block::Signatures(columns) = &blocks[3] else {
            panic!("signatures, and no paragraph for the lone mark")
        };
        assert!(columns[0].is_empty());
        assert_eq!(blocks.len(), 4);
    }

    #[test]
    fn draft_text_cannot_forge_a_source_mark() {
        let forged = format!("a{}b", source_mark(crate::model::Field::Uo.path()));
        assert_eq!(escape(&forged), "abudget.uob");
        let (text, source) = take_sources("x\u{E000}budget.uo");
        assert_eq!((text.as_str(), source.len()), ("xbudget.uo", 0));
        let (_, source) = take_sources("\u{E000}nope\u{E001}y");
        assert!(source.is_empty());
        assert_eq!(escape(&include_mark("article-5")), "article\\-5");
        assert_eq!(include_key(&include_mark("article-5")), Some("article-5"));
        assert_eq!(include_key(&format!("x{}", include_mark("a"))), None);
    }
}
