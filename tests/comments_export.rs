//! `convention export --comments`: the draft's open comments as Word
//! comments in the DOCX (around the paragraph of their field, replies
//! threaded), as a « Remarques » section with pages at the end of the PDF,
//! and the anchors (bookmarks, named destinations) that name the fields of
//! every paragraph.

mod common;
mod tools;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{TimeZone as _, Utc};
use convention::document::{self, Document, Remark, RenderOptions};
use convention::export::docx::{write_docx, write_docx_with};
use convention::export::pdf::{write_pdf, write_pdf_with};
use convention::model::{self, Article, Comment, Draft, Field, FieldPath, Reply, Subject};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The CP of the first year of the schedule.
fn cp() -> FieldPath {
    Field::ScheduleCp.at(0)
}

/// The fourth row of the RGPD matrix, whole.
fn rgpd_row() -> FieldPath {
    Field::RgpdRow.at(3)
}

fn comment(id: &str, about: Subject, author: &str, day: u32, text: &str) -> Comment {
    Comment {
        id: id.to_owned(),
        about,
        author: author.to_owned(),
        date: Utc
            .with_ymd_and_hms(2022, 5, day, 14, 30, 0)
            .single()
            .expect("a date"),
        text: text.to_owned(),
        resolved: false,
        replies: Vec::new(),
    }
}

/// An answer of 20 May 2022 at 9:00 UTC.
fn reply(author: &str, text: &str) -> Reply {
    Reply {
        author: author.to_owned(),
        date: Utc
            .with_ymd_and_hms(2022, 5, 20, 9, 0, 0)
            .single()
            .expect("a date"),
        text: text.to_owned(),
    }
}

/// The reference draft with five comments, one of them resolved.
fn commented() -> Draft {
    let mut draft = model::example();
    let mut on_cp = comment(
        "c1",
        Subject::Field(cp()),
        "Jeanne Martin",
        19,
        "Montant des CP à vérifier",
    );
    on_cp
        .replies
        .push(reply("Paul Durand", "Vérifié avec la direction du budget"));
    let mut resolved = comment("c5", Subject::Field(cp()), "Léa Petit", 22, "Réglé depuis");
    resolved.resolved = true;
    draft.review.comments = vec![
        on_cp,
        comment(
            "c2",
            Subject::Article(Article::Numbered(5)),
            "Jeanne Martin",
            19,
            "Article à relire",
        ),
        comment(
            "c3",
            Subject::Document,
            "Léa Petit",
            21,
            "Relecture d'ensemble",
        ),
        comment(
            "c4",
            Subject::Field(rgpd_row()),
            "Léa Petit",
            21,
            "Ligne RGPD à reprendre",
        ),
        resolved,
    ];
    draft
}

fn render(draft: &Draft) -> Document {
    document::render(draft, &RenderOptions::default()).expect("the draft renders")
}

/// The archive's entries as text.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    tools::docx_parts(bytes)
}

fn is_w(node: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

fn w<'a>(node: &roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// Every part is declared with a content type and named by a
/// relationship, and every relationship names a part: no orphan.
fn assert_package_is_whole(parts: &BTreeMap<String, String>) {
    let types = &parts["[Content_Types].xml"];
    let rels = &parts["word/_rels/document.xml.rels"];
    for name in parts.keys() {
        if name.ends_with(".rels") || name == "[Content_Types].xml" {
            continue;
        }
        assert!(
            types.contains(&format!("PartName=\"/{name}\"")),
            "{name} has no content type"
        );
        if let Some(local) = name.strip_prefix("word/")
            && local != "document.xml"
        {
            assert!(
                rels.contains(&format!("Target=\"{local}\"")),
                "{name} is named by no relationship"
            );
        }
    }
    let tree = roxmltree::Document::parse(rels).expect("well-formed");
    for relationship in tree
        .descendants()
        .filter(|n| n.has_tag_name("Relationship"))
    {
        let target = relationship.attribute("Target").expect("a target");
        if relationship.attribute("TargetMode") != Some("External") {
            assert!(
                parts.contains_key(&format!("word/{target}")),
                "{target} is named but missing"
            );
        }
    }
    let tree = roxmltree::Document::parse(types).expect("well-formed");
    for item in tree.descendants().filter(|n| n.has_tag_name("Override")) {
        let part = item.attribute("PartName").expect("a part name");
        assert!(
            parts.contains_key(part.trim_start_matches('/')),
            "{part} has a content type but is missing"
        );
    }
}

/// The paths named by the bookmarks that enclose the paragraph `paragraph`
/// (started before it and not ended, or started in it).
fn anchored_paths(
    document: &roxmltree::Document<'_>,
    paragraph: roxmltree::Node<'_, '_>,
) -> Vec<FieldPath> {
    let mut open: BTreeMap<String, String> = BTreeMap::new();
    for node in document.descendants() {
        if node == paragraph {
            break;
        }
        if is_w(&node, "bookmarkStart") {
            open.insert(
                w(&node, "id").expect("an id").to_owned(),
                w(&node, "name").expect("a name").to_owned(),
            );
        } else if is_w(&node, "bookmarkEnd") {
            open.remove(w(&node, "id").expect("an id"));
        }
    }
    let inside = paragraph
        .descendants()
        .filter(|n| is_w(n, "bookmarkStart"))
        .filter_map(|n| w(&n, "name").map(str::to_owned));
    open.into_values()
        .chain(inside)
        .filter_map(|name| FieldPath::from_anchor(&name))
        .collect()
}

fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| is_w(n, "t"))
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn open_comments_become_word_comments_around_their_paragraph() {
    let draft = commented();
    let remarks = Remark::open_in(&draft);
    assert_eq!(remarks.len(), 4, "the resolved comment is left out");
    let bytes = write_docx_with(&render(&draft), &remarks).expect("a DOCX");
    assert_eq!(
        bytes,
        write_docx_with(&render(&draft), &remarks).expect("a DOCX"),
        "the same draft, the same bytes"
    );
    let parts = unzip(&bytes);
    assert_package_is_whole(&parts);

    // comments.xml: author, initials, date, text of each, replies included.
    let comments_xml = &parts["word/comments.xml"];
    let comments = roxmltree::Document::parse(comments_xml).expect("well-formed");
    let mut by_text: BTreeMap<String, (String, String, String, String)> = BTreeMap::new();
    for node in comments.descendants().filter(|n| is_w(n, "comment")) {
        by_text.insert(
            text_of(node),
            (
                w(&node, "id").expect("an id").to_owned(),
                w(&node, "author").expect("an author").to_owned(),
                w(&node, "initials").expect("initials").to_owned(),
                w(&node, "date").expect("a date").to_owned(),
            ),
        );
    }
    assert_eq!(by_text.len(), 5, "{by_text:?}");
    assert!(!by_text.contains_key("Réglé depuis"));
    let (cp_id, author, initials, date) = &by_text["Montant des CP à vérifier"];
    // Word's convention: the wall-clock time where the export is made.
    let written = "2022-05-19T14:30:00Z".parse().expect("a date");
    let wall = model::date::to_wall_clock(written)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    assert_eq!(
        (author.as_str(), initials.as_str(), date.as_str()),
        ("Jeanne Martin", "JM", wall.as_str())
    );
    let (reply_id, author, initials, _) = &by_text["Vérifié avec la direction du budget"];
    assert_eq!((author.as_str(), initials.as_str()), ("Paul Durand", "PD"));

    // The reply is threaded under its comment (commentsExtended.xml).
    let extended = &parts["word/commentsExtended.xml"];
    let paragraph_id = |id: &str| -> String {
        let node = comments
            .descendants()
            .find(|n| is_w(n, "comment") && w(n, "id") == Some(id))
            .expect("the comment");
        let paragraph = node.children().find(|n| is_w(n, "p")).expect("a paragraph");
        paragraph
            .attributes()
            .find(|a| a.name() == "paraId")
            .expect("a paraId")
            .value()
            .to_owned()
    };
    assert!(
        extended.contains(&format!(
            "w15:paraId=\"{}\" w15:paraIdParent=\"{}\"",
            paragraph_id(reply_id),
            paragraph_id(cp_id)
        )),
        "{extended}"
    );
    assert_eq!(extended.matches("<w15:commentEx ").count(), 5);

    // Each range: start, end and reference in the paragraph of its subject.
    let xml = &parts["word/document.xml"];
    let body = roxmltree::Document::parse(xml).expect("well-formed");
    let paragraph_of = |id: &str| {
        let start = body
            .descendants()
            .find(|n| is_w(n, "commentRangeStart") && w(n, "id") == Some(id))
            .unwrap_or_else(|| panic!("no range for comment {id}"));
        let paragraph = start
            .ancestors()
            .find(|n| is_w(n, "p"))
            .expect("in a paragraph");
        for (what, tag) in [
            ("end", "commentRangeEnd"),
            ("reference", "commentReference"),
        ] {
            assert!(
                paragraph
                    .descendants()
                    .any(|n| is_w(&n, tag) && w(&n, "id") == Some(id)),
                "the {what} of comment {id} is not in its paragraph"
            );
        }
        paragraph
    };
    let on_cp = paragraph_of(cp_id);
    assert!(anchored_paths(&body, on_cp).contains(&cp()));
    let shown = text_of(on_cp).replace(['\u{a0}', '\u{202f}'], " ");
    assert_eq!(shown, "30 000 €");
    assert_eq!(
        paragraph_of(reply_id),
        on_cp,
        "the reply sits with its comment"
    );
    let on_row = paragraph_of(&by_text["Ligne RGPD à reprendre"].0);
    assert!(
        anchored_paths(&body, on_row)
            .iter()
            .any(|path| rgpd_row().contains(*path)),
        "the row's comment is not on one of its cells"
    );
    let on_article = paragraph_of(&by_text["Article à relire"].0);
    assert!(text_of(on_article).starts_with("Article\u{a0}5"));
    let on_document = paragraph_of(&by_text["Relecture d'ensemble"].0);
    assert_eq!(
        text_of(on_document),
        render(&draft)
            .blocks
            .iter()
            .find_map(|block| match block {
                document::Block::Title(title) => Some(title.text()),
                _ => None,
            })
            .expect("a title")
    );
}

#[test]
fn without_comments_there_is_no_comments_part() {
    let draft = commented();
    for bytes in [
        write_docx(&render(&draft)).expect("a DOCX"),
        write_docx_with(&render(&draft), &[]).expect("a DOCX"),
    ] {
        let parts = unzip(&bytes);
        assert_package_is_whole(&parts);
        for name in parts.keys() {
            assert!(!name.contains("comments"), "{name}");
        }
        assert!(!parts["[Content_Types].xml"].contains("comments"));
        assert!(!parts["word/_rels/document.xml.rels"].contains("comments"));
        assert!(!parts["word/document.xml"].contains("commentRange"));
    }
    // The PDF too is the same as without remarks.
    let document = render(&draft);
    assert!(write_pdf(&document).expect("a PDF") == write_pdf_with(&document, &[]).expect("a PDF"));
}

#[test]
fn the_command_exports_comments_only_when_asked() {
    let folder = tempfile::tempdir().expect("a folder");
    let draft_file = folder.path().join("relue.json");
    model::save(&draft_file, &commented()).expect("saved");
    let path = |name: &str| folder.path().join(name).display().to_string();
    let with = common::convention(&[
        "export",
        &path("relue.json"),
        "--docx",
        &path("avec.docx"),
        "--pdf",
        &path("avec.pdf"),
        "--comments",
    ]);
    assert!(with.status.success(), "{}", common::stderr(&with));
    assert!(
        common::stderr(&with).contains("4 remarques ouvertes jointes"),
        "{}",
        common::stderr(&with)
    );
    let without =
        common::convention(&["export", &path("relue.json"), "--docx", &path("sans.docx")]);
    assert!(without.status.success(), "{}", common::stderr(&without));
    let with = unzip(&std::fs::read(path("avec.docx")).expect("read"));
    let without = unzip(&std::fs::read(path("sans.docx")).expect("read"));
    assert!(with["word/comments.xml"].contains("Ligne RGPD à reprendre"));
    assert!(!without.contains_key("word/comments.xml"));
}

/// The PDF's pages as pdftotext reads them, spaces made plain.
fn pdf_pages(bytes: &[u8], folder: &Path) -> Option<Vec<String>> {
    let file = folder.join("remarques.pdf");
    std::fs::write(&file, bytes).expect("write the PDF");
    let text = tools::pdftotext(&file, false)?;
    Some(
        text.replace(['\u{a0}', '\u{202f}'], " ")
            .split('\u{c}')
            .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|page| !page.is_empty())
            .collect(),
    )
}

#[test]
fn the_pdf_ends_with_the_remarks_and_their_pages() {
    let draft = commented();
    let document = render(&draft);
    let remarks = Remark::open_in(&draft);
    let bytes = write_pdf_with(&document, &remarks).expect("a PDF");
    assert!(bytes == write_pdf_with(&document, &remarks).expect("a PDF"));
    let folder = tempfile::tempdir().expect("a folder");
    let Some(pages) = pdf_pages(&bytes, folder.path()) else {
        return;
    };
    let Some(plain) = pdf_pages(&write_pdf(&document).expect("a PDF"), folder.path()) else {
        return;
    };
    // The document's pages are unchanged; one page is added.
    assert_eq!(pages.len(), plain.len() + 1);
    let last = pages.last().expect("a last page");
    assert!(last.starts_with("MEAE – DINUM Remarques"), "{last}");
    assert!(last.contains("4 remarques ouvertes"), "{last}");
    for remark in &remarks {
        let heading = format!("{} — page ", remark.label);
        let at = last
            .find(&heading)
            .unwrap_or_else(|| panic!("« {heading} » is not on the last page: {last}"));
        let number: usize = last[at + heading.len()..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|digits| digits.parse().ok())
            .expect("a page number");
        // What the remark is about is printed on that page.
        let page = &pages[number - 1];
        let expected = match remark.about {
            Subject::Document => "Convention de délégation de gestion".to_owned(),
            Subject::Article(article) => article.heading(),
            Subject::Field(path) if path == cp() => "2022 30 000 € 30 000 €".to_owned(),
            Subject::Field(_) => "Violation de données".to_owned(),
        };
        assert!(
            page.contains(&expected),
            "« {expected} » not on page {number}: {page}"
        );
        // Typeset as the document's text is (« d’ensemble »).
        let text = document::typography::typeset(&remark.text);
        assert!(last.contains(text.as_str()), "{last}");
    }
    assert!(
        last.contains("Jeanne Martin, le 19 mai 2022 : Montant des CP à vérifier"),
        "{last}"
    );
    assert!(
        last.contains(
            "Réponse de Paul Durand, le 20 mai 2022 : Vérifié avec la direction du budget"
        ),
        "{last}"
    );
    assert!(!last.contains("Réglé depuis"));
    assert!(!plain.iter().any(|page| page.contains("Remarques")));
    // Each « page N » is a link to that page.
    let mut targets = page_links(&bytes);
    targets.sort_unstable();
    let mut said: Vec<u32> = last
        .match_indices(" — page ")
        .filter_map(|(at, found)| {
            last[at + found.len()..]
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .collect();
    said.sort_unstable();
    assert_eq!(targets, said);
}

/// The pages that the GoTo links of a PDF's last page lead to.
fn page_links(bytes: &[u8]) -> Vec<u32> {
    let pdf = lopdf::Document::load_mem(bytes).expect("a PDF lopdf reads");
    let pages = pdf.get_pages();
    let numbers: BTreeMap<lopdf::ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let last = pages.values().last().expect("a page");
    let page = pdf.get_dictionary(*last).expect("the page");
    let Ok(annotations) = page.get(b"Annots") else {
        return Vec::new();
    };
    let annotations = match annotations {
        lopdf::Object::Reference(id) => pdf.get_object(*id).expect("annotations"),
        other => other,
    };
    annotations
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|annotation| {
            let annotation = match annotation {
                lopdf::Object::Reference(id) => pdf.get_dictionary(*id).ok()?,
                other => other.as_dict().ok()?,
            };
            let action = annotation.get(b"A").ok()?.as_dict().ok()?;
            if action.get(b"S").ok()?.as_name().ok()? != b"GoTo" {
                return None;
            }
            let destination = action.get(b"D").ok()?.as_array().ok()?;
            numbers
                .get(&destination.first()?.as_reference().ok()?)
                .copied()
        })
        .collect()
}

/// The named destinations of a PDF: name → page number (from 1).
fn destinations(bytes: &[u8]) -> BTreeMap<String, u32> {
    let pdf = lopdf::Document::load_mem(bytes).expect("a PDF lopdf reads");
    let pages: BTreeMap<lopdf::ObjectId, u32> =
        pdf.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let catalog = pdf.catalog().expect("a catalog");
    let names = catalog
        .get(b"Names")
        .and_then(lopdf::Object::as_dict)
        .expect("a /Names dictionary");
    let dests = names
        .get(b"Dests")
        .and_then(lopdf::Object::as_dict)
        .expect("a /Dests tree");
    let array = dests
        .get(b"Names")
        .and_then(lopdf::Object::as_array)
        .expect("one leaf of names");
    let mut out = BTreeMap::new();
    let mut previous: Option<Vec<u8>> = None;
    for pair in array.chunks(2) {
        let name = pair[0].as_str().expect("a name").to_vec();
        if let Some(previous) = &previous {
            assert!(previous < &name, "names out of order");
        }
        let destination = pair[1].as_array().expect("an explicit destination");
        let page = destination[0].as_reference().expect("a page");
        out.insert(
            String::from_utf8(name.clone()).expect("ASCII"),
            pages[&page],
        );
        previous = Some(name);
    }
    out
}

#[test]
fn the_pdf_has_the_docx_anchors_as_named_destinations() {
    let draft = model::example();
    let document = render(&draft);
    let pdf = destinations(&write_pdf(&document).expect("a PDF"));
    let docx = unzip(&write_docx(&document).expect("a DOCX"));
    let xml = roxmltree::Document::parse(&docx["word/document.xml"]).expect("well-formed");
    let bookmarks: BTreeSet<String> = xml
        .descendants()
        .filter(|n| is_w(n, "bookmarkStart"))
        .filter_map(|n| w(&n, "name").map(str::to_owned))
        .collect();
    let named: BTreeSet<String> = pdf.keys().cloned().collect();
    assert_eq!(named, bookmarks);
    assert!(
        named
            .iter()
            .all(|name| FieldPath::from_anchor(name).is_some())
    );
    // The schedule's CP is on the page that shows the schedule.
    let folder = tempfile::tempdir().expect("a folder");
    let Some(pages) = pdf_pages(&write_pdf(&document).expect("a PDF"), folder.path()) else {
        return;
    };
    let (name, page) = pdf
        .iter()
        .find(|(name, _)| FieldPath::from_anchor(name) == Some(cp()))
        .expect("an anchor on the CP");
    assert!(
        pages[*page as usize - 1].contains("2022 30 000 € 30 000 €"),
        "{name} points at page {page}"
    );
}

#[test]
fn libreoffice_shows_the_comments() {
    let draft = commented();
    let bytes = write_docx_with(&render(&draft), &Remark::open_in(&draft)).expect("a DOCX");
    let folder = tempfile::tempdir().expect("a folder");
    let input = folder.path().join("relue.docx");
    std::fs::write(&input, bytes).expect("write the DOCX");
    let Some(flat) = tools::libreoffice_convert(&input, folder.path(), "fodt", "fodt") else {
        return;
    };
    let text = std::fs::read_to_string(flat).expect("the flat ODT");
    let tree = roxmltree::Document::parse(&text).expect("well-formed");
    const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    const DC: &str = "http://purl.org/dc/elements/1.1/";
    let annotations: Vec<(String, String)> = tree
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(OFFICE) && n.tag_name().name() == "annotation")
        .map(|annotation| {
            let author = annotation
                .children()
                .find(|n| n.tag_name().namespace() == Some(DC) && n.tag_name().name() == "creator")
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_owned();
            let said: String = annotation
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            (author, said)
        })
        .collect();
    for (author, said) in [
        ("Jeanne Martin", "Montant des CP à vérifier"),
        ("Paul Durand", "Vérifié avec la direction du budget"),
        ("Jeanne Martin", "Article à relire"),
        ("Léa Petit", "Relecture d'ensemble"),
        ("Léa Petit", "Ligne RGPD à reprendre"),
    ] {
        assert!(
            annotations
                .iter()
                .any(|(a, s)| a == author && s.contains(said)),
            "LibreOffice shows no comment by {author} saying « {said} »: {annotations:?}"
        );
    }
    assert_eq!(annotations.len(), 5);
}

#[test]
fn libreoffice_keeps_the_anchors_when_it_saves_as_docx() {
    let document = render(&model::example());
    let bytes = write_docx(&document).expect("a DOCX");
    let folder = tempfile::tempdir().expect("a folder");
    let input = folder.path().join("ancres.docx");
    std::fs::write(&input, &bytes).expect("write the DOCX");
    let Some(saved) =
        tools::libreoffice_convert(&input, folder.path(), "docx:MS Word 2007 XML", "docx")
    else {
        return;
    };
    let names = |bytes: &[u8]| -> BTreeSet<String> {
        let parts = unzip(bytes);
        let xml = roxmltree::Document::parse(&parts["word/document.xml"]).expect("well-formed");
        xml.descendants()
            .filter(|n| is_w(n, "bookmarkStart"))
            .filter_map(|n| w(&n, "name").map(str::to_owned))
            .filter(|name| FieldPath::from_anchor(name).is_some())
            .collect()
    };
    let ours = names(&bytes);
    let resaved = names(&std::fs::read(saved).expect("read"));
    assert_eq!(resaved, ours);
}

#[test]
fn a_redline_with_comments_puts_them_on_its_text_not_on_its_summary() {
    use convention::export::job::{Against, ExportRequest, export};
    let folder = tempfile::tempdir().expect("a folder");
    let mut new = commented();
    new.delegant.representative.title = "Directeur général".to_owned();
    new.budget.schedule[0].cp = "25000".parse().expect("an amount");
    let request = ExportRequest {
        docx: Some(folder.path().join("modifs.docx")),
        pdf: Some(folder.path().join("modifs.pdf")),
        against: Some(Against {
            draft: model::example(),
            file: None,
            name: "v1.json".to_owned(),
            author: "Relecture".to_owned(),
            date: None,
        }),
        comments: true,
        ..ExportRequest::default()
    };
    let report = export(&new, &request).expect("exported");
    assert_eq!(report.remarks, 4);
    assert!(report.changes.is_some_and(|count| count >= 2));
    let docx = unzip(&std::fs::read(folder.path().join("modifs.docx")).expect("read"));
    assert!(docx["word/comments.xml"].contains("Montant des CP à vérifier"));
    let bytes = std::fs::read(folder.path().join("modifs.pdf")).expect("read");
    // The summary's lines are not anchors: the names are the DOCX's.
    let docx_names: BTreeSet<String> = roxmltree::Document::parse(&docx["word/document.xml"])
        .expect("well-formed")
        .descendants()
        .filter(|n| is_w(n, "bookmarkStart"))
        .filter_map(|n| w(&n, "name").map(str::to_owned))
        .collect();
    let pdf_names: BTreeSet<String> = destinations(&bytes).into_keys().collect();
    assert_eq!(pdf_names, docx_names);
    let Some(pages) = pdf_pages(&bytes, folder.path()) else {
        return;
    };
    let last = pages.last().expect("a last page");
    let heading = "Exercice 2022 — CP — page ";
    let at = last.find(heading).unwrap_or_else(|| panic!("{last}"));
    let number: usize = last[at + heading.len()..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|digits| digits.parse().ok())
        .expect("a page number");
    assert!(number > 1, "the remark points at the summary");
    assert!(
        pages[number - 1].contains("Année AE CP"),
        "page {number}: {}",
        pages[number - 1]
    );
}

#[test]
fn authors_and_texts_with_markup_or_controls_stay_valid_and_come_back_once() {
    let mut draft = model::example();
    let mut odd = comment(
        "c1",
        Subject::Field(cp()),
        "Dupont & Fils <DGFiP> \"x\"",
        19,
        "**gras** | <w:t>x</w:t> ]]> \u{1b}[31mrouge\u{7}",
    );
    odd.replies.push(reply("R]]>", "réponse <w:p> &amp;"));
    draft.review.comments.push(odd);
    let bytes = write_docx_with(&render(&draft), &Remark::open_in(&draft)).expect("a DOCX");
    for (name, text) in unzip(&bytes) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            roxmltree::Document::parse(&text)
                .unwrap_or_else(|error| panic!("{name} is not well-formed: {error}"));
        }
    }
    let reviewed = convention::review::import::read_review(&bytes).expect("read back");
    let comment = &reviewed.remarks[0];
    assert_eq!(comment.author, "Dupont & Fils <DGFiP> \"x\"");
    assert_eq!(comment.replies[0].author, "R]]>");
    // What XML cannot carry was left out; the draft's own comment is
    // still known as itself, so nothing comes in twice.
    let before = draft.review.clone();
    let summary = convention::review::import::import(&mut draft, &reviewed, false).expect("ours");
    assert!(!summary.changed(), "{}", summary.french());
    assert_eq!(draft.review, before);
}
