//! The DOCX export read back: the reference convention's file, its parts and
//! properties, determinism, odd text, and (when LibreOffice is installed)
//! what LibreOffice makes of it.

mod tools;

use std::collections::BTreeMap;
use std::path::Path;

use convention::document::{
    self, Align, Block, Cell, Document, Inline, Meta, Paragraph, RenderOptions, Revision, Row,
    Style, Table,
};
use convention::export::docx::write_docx;
use convention::model::{self, Draft};
use proptest::prelude::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn render(draft: &Draft, non_compliant: bool) -> Document {
    let options = RenderOptions {
        non_compliant,
        ..RenderOptions::default()
    };
    document::render(draft, &options).expect("the draft renders")
}

fn reference() -> Document {
    render(&model::example(), false)
}

/// The archive's entries as text, each XML part checked to be well-formed.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let parts = tools::docx_parts(bytes);
    for (name, text) in &parts {
        if (name.ends_with(".xml") || name.ends_with(".rels"))
            && let Err(error) = roxmltree::Document::parse(text)
        {
            panic!("{name} is not well-formed XML: {error}");
        }
    }
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "docProps/core.xml",
    ] {
        assert!(parts.contains_key(required), "{required} is missing");
    }
    parts
}

fn is_w(node: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

fn w_attribute<'a>(node: &roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// The text of each paragraph of a part, with its style id.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let tree = roxmltree::Document::parse(xml).expect("well-formed");
    tree.descendants()
        .filter(|node| is_w(node, "p"))
        .map(|paragraph| {
            let style = paragraph
                .descendants()
                .find(|node| is_w(node, "pStyle"))
                .and_then(|node| w_attribute(&node, "val"))
                .unwrap_or("")
                .to_owned();
            let mut text = String::new();
            for node in paragraph.descendants() {
                if is_w(&node, "t") {
                    text.push_str(node.text().unwrap_or(""));
                } else if is_w(&node, "br") {
                    text.push('\n');
                } else if is_w(&node, "tab") && node.parent().is_some_and(|p| is_w(&p, "r")) {
                    text.push('\t');
                }
            }
            (style, text)
        })
        .collect()
}

/// All the text of a part, one paragraph a line, with ordinary spaces.
/// The text as it reads: no-break spaces as spaces, without the soft
/// hyphens of justified text (invisible but where a line ends on them).
fn text(xml: &str) -> String {
    let lines: Vec<String> = paragraphs(xml).into_iter().map(|(_, text)| text).collect();
    lines
        .join("\n")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace('\u{ad}', "")
}

fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    document::push_inlines(&mut out, inlines);
    out
}

#[test]
fn the_reference_has_word_styles_and_every_heading() {
    let document = reference();
    let parts = unzip(&write_docx(&document).expect("a DOCX"));

    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).expect("styles");
    let style = |id: &str| {
        styles
            .descendants()
            .find(|node| is_w(node, "style") && w_attribute(node, "styleId") == Some(id))
            .unwrap_or_else(|| panic!("style {id} is missing"))
    };
    let child_value = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.descendants()
            .find(|child| is_w(child, name))
            .and_then(|child| w_attribute(&child, "val").map(str::to_owned))
    };
    assert_eq!(
        child_value(style("Title"), "name").as_deref(),
        Some("Title")
    );
    assert_eq!(
        child_value(style("Heading1"), "name").as_deref(),
        Some("heading 1")
    );
    assert_eq!(
        child_value(style("Heading1"), "outlineLvl").as_deref(),
        Some("0")
    );
    assert_eq!(
        child_value(style("Heading2"), "name").as_deref(),
        Some("heading 2")
    );
    assert_eq!(
        child_value(style("Heading2"), "outlineLvl").as_deref(),
        Some("1")
    );
    let normal = style("Normal");
    assert_eq!(w_attribute(&normal, "default"), Some("1"));
    assert_eq!(child_value(normal, "jc").as_deref(), Some("both"));
    let font = normal
        .descendants()
        .find(|node| is_w(node, "rFonts"))
        .and_then(|node| w_attribute(&node, "ascii"));
    assert_eq!(font, Some("Arial"));
    let normals = styles
        .descendants()
        .filter(|node| is_w(node, "style") && w_attribute(node, "styleId") == Some("Normal"))
        .count();
    assert_eq!(normals, 1, "one Normal style only");

    // Every heading of the tree, in order, in its Word style.
    let expected: Vec<(String, String)> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Title(title) => Some(("Title".to_owned(), plain(&title.content))),
            Block::Heading { level, text } => {
                let style = if *level >= 2 { "Heading2" } else { "Heading1" };
                Some((style.to_owned(), plain(&text.content)))
            }
            _ => None,
        })
        .collect();
    let found: Vec<(String, String)> = paragraphs(&parts["word/document.xml"])
        .into_iter()
        .filter(|(style, _)| ["Title", "Heading1", "Heading2"].contains(&style.as_str()))
        .collect();
    assert_eq!(found, expected);
    let found: Vec<(String, String)> = found
        .into_iter()
        .map(|(style, text)| (style, text.replace(['\u{a0}', '\u{202f}'], " ")))
        .collect();
    for article in 1..=8 {
        let prefix = format!("Article {article} : ");
        assert!(
            found.iter().any(|(_, text)| text.starts_with(&prefix)),
            "{prefix}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(_, text)| text.starts_with("Annexe 1 : tableau de répartition"))
    );
}

#[test]
fn the_reference_carries_parties_amounts_and_codes() {
    let parts = unzip(&write_docx(&reference()).expect("a DOCX"));
    let body = text(&parts["word/document.xml"]);
    for expected in [
        "Ministère de l’Europe et des Affaires étrangères",
        "Direction Interministérielle du Numérique (DINUM)",
        "30 000 €",
        "trente mille euros (30 000 €)",
        "0105-CRES-DNUM",
        "0105-06-08",
        "010501A61404 (domaine action diplomatique)",
        "AECDSI4092",
        "https://beta.gouv.fr/approche/",
        "Fait à Paris, le 19 mai 2022",
        "Le MEAE,",
        "La DINUM,",
        "Territorialité",
    ] {
        assert!(body.contains(expected), "« {expected} » is missing");
    }
    // Notes are footnotes, not text in brackets.
    assert!(!body.contains("[https://"));
    // The section after the signatures starts a page.
    let document = roxmltree::Document::parse(&parts["word/document.xml"]).expect("document");
    let annex = document
        .descendants()
        .filter(|node| is_w(node, "p"))
        .find(|node| {
            node.descendants()
                .any(|t| is_w(&t, "t") && t.text().is_some_and(|t| t.starts_with("Annexe\u{a0}1")))
        })
        .expect("the annex heading");
    assert!(
        annex
            .descendants()
            .any(|node| is_w(&node, "pageBreakBefore"))
    );
}

#[test]
fn notes_are_real_footnotes() {
    let document = reference();
    let expected: Vec<String> = document
        .blocks
        .iter()
        .flat_map(|block| match block {
            Block::List(items) => items.iter().map(|item| item.content.clone()).collect(),
            Block::Paragraph(paragraph) => vec![paragraph.content.clone()],
            _ => Vec::new(),
        })
        .flatten()
        .filter_map(|inline| match inline {
            Inline::Note(content) => Some(plain(&content)),
            _ => None,
        })
        .collect();
    assert_eq!(expected.len(), 3);

    let parts = unzip(&write_docx(&document).expect("a DOCX"));
    let footnotes = roxmltree::Document::parse(&parts["word/footnotes.xml"]).expect("footnotes");
    let notes: Vec<roxmltree::Node<'_, '_>> = footnotes
        .descendants()
        .filter(|node| is_w(node, "footnote") && w_attribute(node, "type").is_none())
        .collect();
    assert_eq!(notes.len(), 3);
    // The separator lines Word expects, declared in the settings.
    for (kind, id) in [("separator", "-1"), ("continuationSeparator", "0")] {
        assert!(footnotes.descendants().any(|node| is_w(&node, "footnote")
            && w_attribute(&node, "type") == Some(kind)
            && w_attribute(&node, "id") == Some(id)));
        assert!(parts["word/settings.xml"].contains(&format!(r#"<w:footnote w:id="{id}" />"#)));
    }
    for (index, (note, expected)) in notes.iter().zip(&expected).enumerate() {
        assert_eq!(
            w_attribute(note, "id"),
            Some((index + 1).to_string().as_str())
        );
        assert!(note.descendants().any(|node| is_w(&node, "footnoteRef")));
        let text: String = note
            .descendants()
            .filter(|node| is_w(node, "t"))
            .filter_map(|node| node.text())
            .collect();
        assert_eq!(text.trim(), expected);
    }
    let references = parts["word/document.xml"]
        .matches("<w:footnoteReference")
        .count();
    assert_eq!(references, 3);
    assert!(parts["[Content_Types].xml"].contains("footnotes"));
    assert!(parts["word/_rels/document.xml.rels"].contains("footnotes.xml"));
}

#[test]
fn header_and_footer_carry_the_parties_page_numbers_and_provenance() {
    let document = reference();
    let parts = unzip(&write_docx(&document).expect("a DOCX"));
    let header = text(&parts["word/header1.xml"]);
    assert_eq!(header, "MEAE – DINUM");
    let footer = &parts["word/footer1.xml"];
    assert!(footer.contains("<w:instrText>PAGE</w:instrText>"));
    assert!(footer.contains("<w:instrText>NUMPAGES</w:instrText>"));
    let footer_text = text(footer);
    assert!(footer_text.starts_with("Page 1 / 1\n"));
    assert!(footer_text.ends_with(&document.meta.provenance()));
    assert!(document.meta.provenance().contains("2022.3"));
    // One header and footer for all pages.
    let body = &parts["word/document.xml"];
    assert!(body.contains(r#"<w:headerReference w:type="default""#));
    assert!(body.contains(r#"<w:footerReference w:type="default""#));
    assert!(!body.contains("titlePg"));
    // A4, portrait.
    assert!(body.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
}

#[test]
fn a_non_compliant_draft_is_marked_on_every_page() {
    let document = render(&model::example(), true);
    let mark = document.meta.watermark.clone().expect("a marking");
    let parts = unzip(&write_docx(&document).expect("a DOCX"));
    let header = &parts["word/header1.xml"];
    assert_eq!(text(header), format!("{mark}\nMEAE – DINUM"));
    let tree = roxmltree::Document::parse(header).expect("header");
    let run = tree
        .descendants()
        .find(|node| is_w(node, "r") && node.descendants().any(|t| t.text() == Some(&mark)))
        .expect("the marking's run");
    assert!(run.descendants().any(|node| is_w(&node, "b")));
    assert!(
        run.descendants()
            .any(|node| is_w(&node, "color") && w_attribute(&node, "val") == Some("C00000"))
    );
    assert!(!text(&parts["word/header1.xml"]).is_empty());
    let unmarked = unzip(&write_docx(&reference()).expect("a DOCX"));
    assert!(!unmarked["word/header1.xml"].contains(&mark));
}

#[test]
fn tables_have_borders_widths_and_repeated_header_rows() {
    let document = reference();
    let tables: Vec<&Table> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .collect();
    // Where the signatures sit among the tables.
    let signatures_at = document
        .blocks
        .iter()
        .filter(|block| matches!(block, Block::Table(_) | Block::Signatures(_)))
        .position(|block| matches!(block, Block::Signatures(_)))
        .expect("signatures");
    let header_rows: usize = tables.iter().map(|table| table.header_rows).sum();
    assert_eq!(header_rows, 2, "budget and RGPD tables");

    let parts = unzip(&write_docx(&document).expect("a DOCX"));
    let xml = &parts["word/document.xml"];
    let tree = roxmltree::Document::parse(xml).expect("document");
    let mut docx_tables: Vec<roxmltree::Node<'_, '_>> = tree
        .descendants()
        .filter(|node| is_w(node, "tbl"))
        .collect();
    assert_eq!(docx_tables.len(), tables.len() + 1);
    let signatures = docx_tables.remove(signatures_at);
    assert_eq!(xml.matches("<w:tblHeader />").count(), header_rows);
    assert!(!xml.contains(r#"w:val="4242""#), "no marker left");
    for (table, docx_table) in tables.iter().zip(&docx_tables) {
        let rows: Vec<roxmltree::Node<'_, '_>> = docx_table
            .children()
            .filter(|node| is_w(node, "tr"))
            .collect();
        assert_eq!(rows.len(), table.rows.len());
        for (index, row) in rows.iter().enumerate() {
            assert!(row.descendants().any(|node| is_w(&node, "cantSplit")));
            let header = row.descendants().any(|node| is_w(&node, "tblHeader"));
            assert_eq!(header, index < table.header_rows);
            let shaded = row
                .descendants()
                .any(|node| is_w(&node, "shd") && w_attribute(&node, "fill") == Some("D9D9D9"));
            assert_eq!(shaded, header);
        }
        let grid: Vec<u64> = docx_table
            .descendants()
            .filter(|node| is_w(node, "gridCol"))
            .map(|node| {
                w_attribute(&node, "w")
                    .expect("w")
                    .parse()
                    .expect("a number")
            })
            .collect();
        assert_eq!(grid.len(), table.widths.len());
        assert_eq!(grid.iter().sum::<u64>(), 11_906 - 2 * 1_134);
        // Proportional to the relative widths.
        let total: u32 = table.widths.iter().sum();
        let first = u64::from(table.widths[0]) * 9_638 / u64::from(total);
        assert!(grid[0].abs_diff(first) <= 1);
        let borders = docx_table
            .descendants()
            .find(|node| is_w(node, "tblBorders"))
            .expect("borders");
        for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let border = borders
                .children()
                .find(|node| is_w(node, edge))
                .expect("an edge");
            assert_eq!(w_attribute(&border, "val"), Some("single"), "{edge}");
        }
    }
    // Right-aligned amounts in the budget table.
    let budget = docx_tables[0];
    let amount_cell = budget
        .descendants()
        .filter(|node| is_w(node, "tc"))
        .nth(4)
        .expect("2022's AE");
    assert!(
        amount_cell
            .descendants()
            .any(|node| is_w(&node, "jc") && w_attribute(&node, "val") == Some("right"))
    );
    // The signature table has no borders.
    let borders = signatures
        .descendants()
        .find(|node| is_w(node, "tblBorders"))
        .expect("borders");
    assert!(
        borders
            .children()
            .filter(|node| node.is_element())
            .all(|node| w_attribute(&node, "val") == Some("nil"))
    );
    assert_eq!(
        signatures
            .descendants()
            .filter(|node| is_w(node, "tc"))
            .count(),
        2
    );
}

#[test]
fn lists_are_real_bullet_lists() {
    let parts = unzip(&write_docx(&reference()).expect("a DOCX"));
    let numbering = roxmltree::Document::parse(&parts["word/numbering.xml"]).expect("numbering");
    let abstract_bullets = numbering
        .descendants()
        .find(|node| is_w(node, "abstractNum") && w_attribute(node, "abstractNumId") == Some("2"))
        .expect("our bullets");
    assert!(
        abstract_bullets
            .descendants()
            .any(|node| is_w(&node, "numFmt") && w_attribute(&node, "val") == Some("bullet"))
    );
    assert!(
        numbering
            .descendants()
            .any(|node| is_w(&node, "num") && w_attribute(&node, "numId") == Some("2"))
    );
    let items = paragraphs(&parts["word/document.xml"])
        .into_iter()
        .filter(|(style, _)| style == "ListParagraph")
        .count();
    assert_eq!(items, 2 + 7 + 2);
    assert_eq!(
        parts["word/document.xml"]
            .matches(r#"<w:numId w:val="2" />"#)
            .count(),
        items
    );
}

#[test]
fn properties_come_from_the_document_not_the_clock() {
    let document = reference();
    let parts = unzip(&write_docx(&document).expect("a DOCX"));
    let core = &parts["docProps/core.xml"];
    for expected in [
        "<dc:title>Convention de délégation de gestion</dc:title>",
        "<dc:subject>Délégation de gestion MEAE – DINUM</dc:subject>",
        "<dc:creator>Direction Interministérielle du Numérique</dc:creator>",
        "<cp:keywords>délégation de gestion, décret 2004-1085, MEAE, DINUM</cp:keywords>",
        "2022-05-19T00:00:00Z</dcterms:created>",
        "2022-05-19T00:00:00Z</dcterms:modified>",
    ] {
        assert!(core.contains(expected), "{expected}");
    }
    assert!(core.contains(&format!(
        "<dc:description>{}</dc:description>",
        document.meta.provenance()
    )));
    let custom = &parts["docProps/custom.xml"];
    assert!(custom.contains(r#"name="Version du modèle"><vt:lpwstr>2022.3</vt:lpwstr>"#));
    assert!(custom.contains(&format!(
        r#"name="Empreinte du brouillon"><vt:lpwstr>{}</vt:lpwstr>"#,
        document.meta.draft_hash
    )));

    // Without a date, a fixed one.
    let mut undated = document.clone();
    undated.meta.date.clear();
    let parts = unzip(&write_docx(&undated).expect("a DOCX"));
    assert!(parts["docProps/core.xml"].contains(">2000-01-01T00:00:00Z</dcterms:created>"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let document = reference();
    let first = write_docx(&document).expect("a DOCX");
    let second = write_docx(&document).expect("a DOCX");
    assert!(first == second, "two calls differ");
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let document = document.clone();
            std::thread::spawn(move || write_docx(&document).expect("a DOCX"))
        })
        .collect();
    for thread in threads {
        let bytes = thread.join().expect("the thread ends");
        assert!(bytes == first, "another thread gives other bytes");
    }
    // Fixed timestamps in the archive.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).expect("zip");
    for index in 0..archive.len() {
        let entry = archive.by_index(index).expect("entry");
        let modified = entry.last_modified().expect("a date");
        assert_eq!(
            (modified.year(), modified.month(), modified.day()),
            (1980, 1, 1)
        );
    }
}

fn text_inline(text: &str) -> Inline {
    Inline::Text {
        text: text.to_owned(),
        style: Style {
            bold: true,
            italic: true,
            ..Style::default()
        },
    }
}

#[test]
fn odd_documents_give_valid_files() {
    let nasty = "<&>\"' \u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}\u{FFFE}\u{FFFF}\u{D7FF}\u{E000} \t\r\n fin \u{1}footnoteRef\u{1} ]]> &amp; 😀";
    let long_word = "anticonstitutionnellement".repeat(400);
    let cell = |text: &str| Cell {
        paragraphs: vec![Paragraph::new(vec![Inline::text(text)])],
        ..Cell::default()
    };
    let empty = unzip(&write_docx(&Document::default()).expect("a DOCX"));
    assert!(!empty["word/settings.xml"].contains("footnotePr"));
    let document = Document {
        meta: Meta {
            title: nasty.to_owned(),
            subject: nasty.to_owned(),
            author: nasty.to_owned(),
            keywords: vec![nasty.to_owned(), String::new()],
            header: nasty.to_owned(),
            template_version: nasty.to_owned(),
            draft_hash: nasty.to_owned(),
            watermark: Some(nasty.to_owned()),
            date: "2022-13-45".to_owned(),
            provenance_date: "2022-13-45".to_owned(),
            revision_author: nasty.to_owned(),
            revision_date: "2022-13-45".to_owned(),
        },
        blocks: vec![
            Block::PageBreak,
            Block::Title(Paragraph::new(vec![text_inline(nasty)])),
            Block::Heading {
                level: 0,
                text: Paragraph::new(vec![Inline::LineBreak]),
            },
            Block::Heading {
                level: 9,
                text: Paragraph::default(),
            },
            Block::Paragraph(Paragraph {
                content: vec![
                    text_inline(nasty),
                    Inline::Link {
                        text: nasty.to_owned(),
                        url: format!("https://x.fr/\"{nasty}\\"),
                    },
                    Inline::Link {
                        text: String::new(),
                        url: "https://vide.fr".to_owned(),
                    },
                    Inline::Link {
                        text: "sans adresse".to_owned(),
                        url: String::new(),
                    },
                    Inline::Note(vec![
                        Inline::text(nasty),
                        Inline::Note(vec![Inline::text("note dans la note")]),
                        Inline::LineBreak,
                    ]),
                    Inline::Note(Vec::new()),
                    Inline::text(&long_word),
                    Inline::Revised {
                        revision: Revision::Inserted,
                        content: vec![text_inline(nasty), Inline::LineBreak],
                    },
                    Inline::Revised {
                        revision: Revision::Deleted,
                        content: vec![
                            text_inline(nasty),
                            Inline::Link {
                                text: nasty.to_owned(),
                                url: format!("https://x.fr/\"{nasty}"),
                            },
                            Inline::Note(vec![Inline::text(nasty)]),
                        ],
                    },
                    Inline::Revised {
                        revision: Revision::Inserted,
                        content: Vec::new(),
                    },
                ],
                align: Align::Right,
                revision: Some(Revision::Deleted),
                ..Paragraph::default()
            }),
            Block::List(Vec::new()),
            Block::List(vec![
                Paragraph::default(),
                Paragraph::new(vec![text_inline(nasty)]),
            ]),
            Block::Table(Table::default()),
            Block::Table(Table {
                widths: vec![0, 0, 0],
                aligns: Vec::new(),
                header_rows: 7,
                rows: vec![
                    Row {
                        cells: vec![cell(nasty)],
                        revision: Some(Revision::Inserted),
                    },
                    Row::default(),
                ],
            }),
            Block::Table(Table {
                widths: vec![1],
                aligns: vec![Align::Center],
                header_rows: 0,
                rows: vec![Row {
                    cells: vec![cell(&long_word), cell("extra"), Cell::default()],
                    revision: Some(Revision::Deleted),
                }],
            }),
            Block::PageBreak,
            Block::PageBreak,
            Block::Signatures(Vec::new()),
            Block::Signatures(vec![
                Vec::new(),
                vec![Paragraph::new(vec![text_inline(nasty)])],
            ]),
            Block::PageBreak,
        ],
    };
    let bytes = write_docx(&document).expect("a DOCX");
    let parts = unzip(&bytes);
    let body = text(&parts["word/document.xml"]);
    assert!(body.contains("<&>\"'"));
    assert!(body.contains(" fin "));
    assert!(body.contains("😀"));
    assert!(body.contains(&long_word));
    assert!(!body.contains('\u{1}'));
    // The marking and the notes made it, cleaned.
    assert!(text(&parts["word/header1.xml"]).contains("<&>\"'"));
    let notes = text(&parts["word/footnotes.xml"]);
    assert!(notes.contains("[note dans la note]"));
    assert_eq!(
        parts["word/footnotes.xml"]
            .matches("<w:footnoteRef />")
            .count(),
        3
    );
    // Tracked changes: deleted text and field instructions as such, ids
    // unique, the author cleaned, rows marked in w:trPr after the rest.
    let xml = &parts["word/document.xml"];
    assert!(xml.contains("<w:delText") && xml.contains("<w:delInstrText"));
    assert!(xml.contains("<w:tblHeader /><w:ins w:id="));
    assert!(xml.contains("<w:cantSplit /><w:del w:id="));
    let mut ids: Vec<&str> = xml
        .match_indices(" w:id=\"")
        .filter(|(at, _)| xml[..*at].ends_with("<w:ins") || xml[..*at].ends_with("<w:del"))
        .map(|(at, found)| {
            let rest = &xml[at + found.len()..];
            &rest[..rest.find('"').expect("closing quote")]
        })
        .collect();
    let count = ids.len();
    assert!(count >= 6, "{count} revisions");
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "revision ids are unique");
    assert!(parts["docProps/core.xml"].contains(">2000-01-01T00:00:00Z<"));
    assert!(parts["docProps/core.xml"].contains("&lt;&amp;&gt;&quot;&apos;"));
    // Header rows cannot outnumber rows; the empty table is left out.
    assert_eq!(
        parts["word/document.xml"]
            .matches("<w:tblHeader />")
            .count(),
        2
    );
    assert_eq!(parts["word/document.xml"].matches("<w:tbl>").count(), 3);
}

fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[<>&\"'\\\\\\x00-\\x1f\u{FFFE}\u{FFFF}*_^\\[\\]|#:`~{}%-]{0,40}",
        "[a-zé]{300,3000}",
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_text_in_a_draft_gives_a_valid_docx(
        beneficiary in odd_text(),
        topic in odd_text(),
        note in odd_text(),
        place in odd_text(),
        name in odd_text(),
    ) {
        let mut draft = model::example();
        draft.object.beneficiary = beneficiary;
        draft.rgpd_matrix[0].topic = topic;
        draft.commitments[0].note = note;
        draft.signature.place = place;
        draft.delegant.name = name.clone();
        draft.title = name;
        let Ok(document) = document::render(&draft, &RenderOptions::default()) else {
            // The template may refuse some text; that is not the writer's concern.
            return Ok(());
        };
        let bytes = write_docx(&document).expect("a DOCX");
        let parts = unzip(&bytes);
        prop_assert!(parts["word/document.xml"].contains("0105-CRES-DNUM"));
    }
}

/// Converts a DOCX to PDF with LibreOffice, in its own profile, and returns
/// the PDF's text; `None` (with a note) when LibreOffice or poppler is
/// missing.
fn libreoffice_text(docx: &[u8], folder: &Path) -> Option<String> {
    let input = folder.join("convention.docx");
    std::fs::write(&input, docx).expect("write the DOCX");
    let pdf = tools::libreoffice_pdf(&input, folder)?;
    let text = tools::pdftotext(&pdf, false)?;
    Some(text.replace(['\u{a0}', '\u{202f}'], " "))
}

#[test]
fn libreoffice_reads_the_reference() {
    let folder = tempfile::tempdir().expect("a folder");
    let document = render(&model::example(), true);
    let Some(text) = libreoffice_text(&write_docx(&document).expect("a DOCX"), folder.path())
    else {
        return;
    };
    for expected in [
        "Convention de délégation de gestion",
        "Ministère de l’Europe et des Affaires étrangères",
        "Direction Interministérielle du Numérique (DINUM)",
        "0105-CRES-DNUM",
        "trente mille euros",
        "30 000 €",
        "Article 8 : Publication de la délégation",
        "Page 1 /",
        "PROJET — non conforme",
        "Territorialité",
        "Modèle 2022.3",
    ] {
        assert!(
            text.contains(expected),
            "« {expected} » is not in the PDF:\n{text}"
        );
    }
    // The header row of the RGPD table is repeated on the annex's second
    // page, and each page says how many there are.
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .collect();
    let count = pages.len();
    assert!(count >= 6, "{count} pages");
    for (index, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} / {count}", index + 1)),
            "page {}",
            index + 1
        );
        assert!(page.contains("PROJET — non conforme"), "page {}", index + 1);
    }
    assert!(pages[count - 1].contains("Territorialité"));
}

/// The names of the bookmarks that enclose each paragraph of a part: those
/// started before it (or in it) and not ended before it starts, with the
/// paragraph's text.
fn bookmarked_paragraphs(xml: &str) -> Vec<(Vec<String>, String)> {
    let tree = roxmltree::Document::parse(xml).expect("well-formed");
    let mut open: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for node in tree.descendants() {
        if is_w(&node, "bookmarkStart") {
            let id = w_attribute(&node, "id").expect("an id").to_owned();
            let name = w_attribute(&node, "name").expect("a name").to_owned();
            open.insert(id, name);
        } else if is_w(&node, "p") {
            // Bookmarks that start inside the paragraph count for it; those
            // that end inside it were open when it started.
            let mut names: Vec<String> = open.values().cloned().collect();
            for inner in node.descendants().filter(|n| is_w(n, "bookmarkStart")) {
                names.push(w_attribute(&inner, "name").expect("a name").to_owned());
            }
            let text: String = node
                .descendants()
                .filter(|n| is_w(n, "t"))
                .filter_map(|n| n.text())
                .collect();
            out.push((names, text));
        } else if is_w(&node, "bookmarkEnd") {
            let id = w_attribute(&node, "id").expect("an id");
            assert!(open.remove(id).is_some(), "bookmark {id} ends unopened");
        }
    }
    assert!(open.is_empty(), "bookmarks never ended: {open:?}");
    out
}

#[test]
fn every_paragraph_with_a_source_lies_in_bookmarks_naming_its_fields() {
    let document = reference();
    let parts = unzip(&write_docx(&document).expect("a DOCX"));
    let xml = &parts["word/document.xml"];
    let found = bookmarked_paragraphs(xml);
    // Names: ours, short enough for Word, unique, ids unique too.
    let tree = roxmltree::Document::parse(xml).expect("well-formed");
    let starts: Vec<_> = tree
        .descendants()
        .filter(|n| is_w(n, "bookmarkStart"))
        .collect();
    let names: std::collections::BTreeSet<&str> = starts
        .iter()
        .map(|n| w_attribute(n, "name").expect("a name"))
        .collect();
    let ids: std::collections::BTreeSet<&str> = starts
        .iter()
        .map(|n| w_attribute(n, "id").expect("an id"))
        .collect();
    assert_eq!(names.len(), starts.len(), "bookmark names repeat");
    assert_eq!(ids.len(), starts.len(), "bookmark ids repeat");
    for name in &names {
        assert!(name.len() <= 40, "{name} is too long");
        assert!(model::FieldPath::from_anchor(name).is_some(), "{name}");
    }
    // The DOCX paragraphs inside our bookmarks are the tree's paragraphs
    // with a source, in order, each inside the bookmarks of its fields.
    let squeeze = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .take(16)
            .collect()
    };
    let expected: Vec<(Vec<model::FieldPath>, String)> = document
        .paragraphs()
        .filter(|p| !p.source.is_empty())
        .map(|p| {
            let text = p
                .content
                .iter()
                .filter(|inline| !matches!(inline, Inline::Note(_)))
                .cloned()
                .collect::<Vec<_>>();
            (p.source.clone(), squeeze(&plain(&text)))
        })
        .collect();
    let bookmarked: Vec<(Vec<model::FieldPath>, String)> = found
        .iter()
        .filter(|(names, _)| !names.is_empty())
        .map(|(names, text)| {
            let paths = names
                .iter()
                .map(|name| model::FieldPath::from_anchor(name).expect("ours"))
                .collect();
            (paths, squeeze(text))
        })
        .collect();
    assert!(
        expected.len() > 30,
        "{} paragraphs with a source",
        expected.len()
    );
    assert_eq!(bookmarked, expected);
    // The same document, the same names.
    assert_eq!(parts, unzip(&write_docx(&document).expect("a DOCX")));
}
