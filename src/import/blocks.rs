//! A document as a flat sequence of blocks: paragraphs (text, heading
//! level, footnotes) and tables (rows of cells of paragraphs), read from a
//! DOCX body (`word/document.xml`, with `word/footnotes.xml`) or an ODT
//! one (`content.xml`) with roxmltree, never by searching the raw XML.

use std::collections::HashMap;

use roxmltree::Node;

use crate::review::import::package;
use crate::review::import::xml::{attr, is_w};

/// A paragraph: its text, tidied (see [`tidy`]), line breaks kept as `\n`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Paragraph {
    /// The text.
    pub text: String,
    /// Its heading level, when its style says it is a heading (0 for a
    /// title).
    pub heading: Option<u8>,
    /// The text of the footnotes it calls, in order.
    pub notes: Vec<String>,
}

/// A table: rows of cells, each cell its paragraphs (a table inside a
/// cell gives its cells' paragraphs, in order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Table {
    /// The rows, top to bottom.
    pub rows: Vec<Vec<Vec<Paragraph>>>,
}

/// A block of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Block {
    /// A paragraph or a heading.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// Why the body cannot be read: the part and what is wrong.
pub(super) type PartError = crate::review::import::ImportError;

/// OpenDocument's text, table and office namespaces.
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// Whether `node` is the element `name` of one of `spaces`.
fn is(node: Node<'_, '_>, spaces: &[&str], name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|space| spaces.contains(&space))
}

/// Reads a DOCX body and its footnotes.
pub(super) fn read_docx(document: &str, footnotes: Option<&str>) -> Result<Vec<Block>, PartError> {
    let notes = match footnotes {
        Some(text) => {
            let xml = package::parse("word/footnotes.xml", text)?;
            docx_notes(&xml)
        }
        None => HashMap::new(),
    };
    let xml = package::parse("word/document.xml", document)?;
    let mut blocks = Vec::new();
    if let Some(body) = xml.root_element().children().find(|n| is_w(*n, "body")) {
        docx_container(body, &notes, &mut blocks);
    }
    Ok(blocks)
}

/// The footnotes by id, each its paragraphs' text joined.
fn docx_notes(xml: &roxmltree::Document<'_>) -> HashMap<String, String> {
    xml.root_element()
        .children()
        .filter(|n| is_w(*n, "footnote"))
        .filter(|n| attr(*n, "type").is_none_or(|kind| kind == "normal"))
        .filter_map(|note| {
            let id = attr(note, "id")?.to_owned();
            let texts: Vec<String> = note
                .descendants()
                .filter(|n| is_w(*n, "p"))
                .map(|p| docx_paragraph(p, &HashMap::new()).text)
                .filter(|text| !text.is_empty())
                .collect();
            Some((id, texts.join(" ")))
        })
        .collect()
}

/// The blocks of a body, a cell or a content control.
fn docx_container(node: Node<'_, '_>, notes: &HashMap<String, String>, out: &mut Vec<Block>) {
    for child in node.children() {
        if is_w(child, "p") {
            out.push(Block::Paragraph(docx_paragraph(child, notes)));
        } else if is_w(child, "tbl") {
            out.push(Block::Table(docx_table(child, notes)));
        } else if is_w(child, "sdt") || is_w(child, "customXml") || is_w(child, "sdtContent") {
            docx_container(child, notes, out);
        }
    }
}

fn docx_table(table: Node<'_, '_>, notes: &HashMap<String, String>) -> Table {
    let rows = table
        .descendants()
        .filter(|n| is_w(*n, "tr"))
        // Rows of this table only, not of a table in a cell.
        .filter(|row| row.ancestors().find(|a| is_w(*a, "tbl")) == Some(table))
        .map(|row| {
            row.children()
                .filter(|n| is_w(*n, "tc") || is_w(*n, "sdt"))
                .flat_map(|cell| {
                    if is_w(cell, "sdt") {
                        cell.descendants()
                            .filter(|n| is_w(*n, "tc"))
                            .collect::<Vec<_>>()
                    } else {
                        vec![cell]
                    }
                })
                .map(|cell| {
                    let mut blocks = Vec::new();
                    docx_container(cell, notes, &mut blocks);
                    flatten(blocks)
                })
                .collect()
        })
        .collect();
    Table { rows }
}

/// The paragraphs of a cell's blocks, a nested table's cells in order.
fn flatten(blocks: Vec<Block>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => out.push(paragraph),
            Block::Table(table) => {
                out.extend(table.rows.into_iter().flatten().flatten());
            }
        }
    }
    out
}

fn docx_paragraph(paragraph: Node<'_, '_>, notes: &HashMap<String, String>) -> Paragraph {
    let mut text = String::new();
    let mut called = Vec::new();
    for node in paragraph.descendants() {
        if is_w(node, "t") {
            text.push_str(node.text().unwrap_or_default());
        } else if is_w(node, "tab") && node.parent().is_some_and(|p| is_w(p, "r")) {
            text.push(' ');
        } else if is_w(node, "br") || is_w(node, "cr") {
            text.push('\n');
        } else if is_w(node, "noBreakHyphen") {
            text.push('-');
        } else if is_w(node, "footnoteReference")
            && let Some(note) = attr(node, "id").and_then(|id| notes.get(id))
        {
            called.push(tidy(note));
        }
    }
    let properties = paragraph.children().find(|n| is_w(*n, "pPr"));
    let style = properties
        .and_then(|p| p.children().find(|n| is_w(*n, "pStyle")))
        .and_then(|s| attr(s, "val"));
    let outline = properties
        .and_then(|p| p.children().find(|n| is_w(*n, "outlineLvl")))
        .and_then(|o| attr(o, "val"))
        .and_then(|v| v.parse::<u8>().ok())
        .map(|level| level.saturating_add(1));
    Paragraph {
        text: tidy(&text),
        heading: style.and_then(heading_of_style).or(outline),
        notes: called,
    }
}

/// The heading level a style's id or name says: « Heading1 », « Titre 2 »,
/// « heading 1 », « Title » (0).
fn heading_of_style(style: &str) -> Option<u8> {
    let lower = style.to_lowercase();
    if lower == "title" || lower == "titre" {
        return Some(0);
    }
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("titre"))?;
    rest.trim()
        .trim_start_matches('_')
        .parse::<u8>()
        .ok()
        .filter(|level| (1..=9).contains(level))
}

/// Reads an ODT body (`content.xml`).
pub(super) fn read_odt(content: &str) -> Result<Vec<Block>, PartError> {
    let xml = package::parse("content.xml", content)?;
    let mut blocks = Vec::new();
    let text = xml
        .root_element()
        .descendants()
        .find(|n| is(*n, &[OFFICE], "text"));
    if let Some(text) = text {
        odt_container(text, &mut blocks);
    }
    Ok(blocks)
}

fn odt_container(node: Node<'_, '_>, out: &mut Vec<Block>) {
    for child in node.children() {
        if is(child, &[TEXT], "p") || is(child, &[TEXT], "h") {
            out.push(Block::Paragraph(odt_paragraph(child)));
        } else if is(child, &[TABLE], "table") {
            out.push(Block::Table(odt_table(child)));
        } else if child.is_element()
            && matches!(
                child.tag_name().name(),
                "list" | "list-item" | "list-header" | "section" | "index-body"
            )
        {
            odt_container(child, out);
        }
    }
}

fn odt_table(table: Node<'_, '_>) -> Table {
    let rows = table
        .descendants()
        .filter(|n| is(*n, &[TABLE], "table-row"))
        .filter(|row| row.ancestors().find(|a| is(*a, &[TABLE], "table")) == Some(table))
        .map(|row| {
            row.children()
                .filter(|n| is(*n, &[TABLE], "table-cell"))
                .map(|cell| {
                    let mut blocks = Vec::new();
                    odt_container(cell, &mut blocks);
                    flatten(blocks)
                })
                .collect()
        })
        .collect();
    Table { rows }
}

fn odt_paragraph(paragraph: Node<'_, '_>) -> Paragraph {
    let mut text = String::new();
    let mut notes = Vec::new();
    odt_text(paragraph, &mut text, &mut notes);
    let heading = is(paragraph, &[TEXT], "h").then(|| {
        attr(paragraph, "outline-level")
            .and_then(|level| level.parse::<u8>().ok())
            .unwrap_or(1)
    });
    Paragraph {
        text: tidy(&text),
        heading,
        notes,
    }
}

/// The text under `node`, the notes apart.
fn odt_text(node: Node<'_, '_>, text: &mut String, notes: &mut Vec<String>) {
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or_default());
        } else if is(child, &[TEXT], "s") {
            let count = attr(child, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
            text.extend(std::iter::repeat_n(' ', count.min(1000)));
        } else if is(child, &[TEXT], "tab") {
            text.push(' ');
        } else if is(child, &[TEXT], "line-break") {
            text.push('\n');
        } else if is(child, &[TEXT], "note") {
            if let Some(body) = child.children().find(|n| is(*n, &[TEXT], "note-body")) {
                let mut note = String::new();
                let mut inner = Vec::new();
                for p in body.children().filter(|n| n.is_element()) {
                    if !note.is_empty() {
                        note.push(' ');
                    }
                    odt_text(p, &mut note, &mut inner);
                }
                notes.push(tidy(&note));
            }
        } else if child.is_element()
            && !matches!(child.tag_name().name(), "annotation" | "bookmark-ref")
        {
            odt_text(child, text, notes);
        }
    }
}

/// Text as the import compares it: curly apostrophes as `'`, no-break
/// and narrow spaces as spaces, runs of spaces as one, each line trimmed.
/// The values read keep these forms (a name written « l’Europe » comes
/// back as « l'Europe »).
pub(super) fn tidy(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '’' | '‘' | 'ʼ' => '\'',
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' => ' ',
            '\u{ad}' | '\u{200b}' => '\u{0}',
            other => other,
        })
        .filter(|c| *c != '\u{0}')
        .collect();
    text.split('\n')
        .map(|line| {
            line.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_tidied_for_comparison() {
        assert_eq!(
            tidy("  l’atelier\u{a0}\u{a0}numérique \n  x "),
            "l'atelier numérique\nx"
        );
        assert_eq!(heading_of_style("Heading1"), Some(1));
        assert_eq!(heading_of_style("Titre 2"), Some(2));
        assert_eq!(heading_of_style("Title"), Some(0));
        assert_eq!(heading_of_style("Normal"), None);
    }

    #[test]
    fn a_docx_body_reads_as_paragraphs_and_tables() {
        let body = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Article 1</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Un </w:t></w:r><w:r><w:t>texte</w:t><w:br/><w:t>suite</w:t><w:footnoteReference w:id="2"/></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let notes = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="0"><w:p/></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>https://exemple.fr</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let blocks = read_docx(body, Some(notes)).expect("readable");
        assert_eq!(blocks.len(), 3);
        let Block::Paragraph(first) = &blocks[0] else {
            panic!("a paragraph")
        };
        assert_eq!(first.heading, Some(1));
        let Block::Paragraph(second) = &blocks[1] else {
            panic!("a paragraph")
        };
        assert_eq!(second.text, "Un texte\nsuite");
        assert_eq!(second.notes, vec!["https://exemple.fr".to_owned()]);
        let Block::Table(table) = &blocks[2] else {
            panic!("a table")
        };
        assert_eq!(table.rows[0][1].len(), 2);
    }
}
