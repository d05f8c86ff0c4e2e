//! The DOCX exports checked against the ECMA-376 schemas (transitional,
//! kept with their source under `tests/fixtures/ecma376/`) with xmllint:
//! every XML part of the reference, of a long draft, of a redline, of an
//! avenant and of an export with remarks, as `convention` writes them;
//! and each package whole, without a part nothing points to.
//!
//! Word's extensions are read as Word reads them (ECMA-376 Part 3): the
//! attributes and elements of the namespaces a part declares ignorable
//! (`w14:paraId`…) are set aside before validation. `commentsExtended.xml`
//! (`w15`, [MS-DOCX]) has no ECMA schema: its threads are checked against
//! the comments instead.

mod common;
mod tools;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone as _, Utc};
use common::{REFERENCE, convention, stderr};
use convention::model::{
    self, Article, Comment, Draft, Field, Money, Reply, RgpdRow, Subject, YearRow,
};

/// Where the schemas are.
const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ecma376");
/// The markup-compatibility namespace.
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Word 2012's namespace, of `commentsExtended.xml`.
const W15: &str = "http://schemas.microsoft.com/office/word/2012/wordml";
/// Word 2010's namespace, of paragraph ids.
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";

/// The schema a part is checked against, from its name; `None` for Word's
/// own `commentsExtended.xml`, which ECMA-376 does not define.
fn schema_of(part: &str) -> Option<&'static str> {
    Some(match part {
        "[Content_Types].xml" => "opc-contentTypes.xsd",
        "docProps/core.xml" => "core-properties.xsd",
        "docProps/app.xml" => "shared-documentPropertiesExtended.xsd",
        "docProps/custom.xml" => "shared-documentPropertiesCustom.xsd",
        "word/commentsExtended.xml" => return None,
        part if part.ends_with(".rels") => "opc-relationships.xsd",
        part if part.starts_with("word/") && part.ends_with(".xml") => "wordprocessingml.xsd",
        part => panic!("{part}: a part the test does not know"),
    })
}

/// A part as Word reads it: without the attributes and elements of the
/// namespaces its root declares ignorable, nor the declaration itself.
fn without_ignorable(xml: &str) -> String {
    let document = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = document.root_element();
    let ignorable: BTreeSet<&str> = root
        .attribute((MC, "Ignorable"))
        .unwrap_or("")
        .split_whitespace()
        .map(|prefix| {
            // Word refuses a part whose ignorable prefixes are not declared.
            root.lookup_namespace_uri(Some(prefix))
                .unwrap_or_else(|| panic!("mc:Ignorable names {prefix}, never declared"))
        })
        .collect();
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    for node in root.descendants().filter(roxmltree::Node::is_element) {
        if node
            .tag_name()
            .namespace()
            .is_some_and(|uri| ignorable.contains(uri))
        {
            cut.push(node.range());
            continue;
        }
        for attribute in node.attributes() {
            if attribute
                .namespace()
                .is_some_and(|uri| uri == MC || ignorable.contains(uri))
            {
                cut.push(attribute.range());
            }
        }
    }
    cut.sort_by_key(|range| range.start);
    let mut out = String::with_capacity(xml.len());
    let mut at = 0;
    for range in cut {
        if range.start < at {
            continue; // inside an element already cut
        }
        out.push_str(&xml[at..range.start]);
        at = range.end;
    }
    out.push_str(&xml[at..]);
    out
}

/// The schema violations of every part of a DOCX, each line naming the
/// export and the part; `None` when xmllint is not installed.
fn violations(name: &str, docx: &[u8], folder: &Path) -> Option<Vec<String>> {
    let parts = tools::docx_parts(docx);
    let folder = folder.join(name);
    std::fs::create_dir_all(&folder).expect("a folder");
    let mut by_schema: BTreeMap<&str, Vec<PathBuf>> = BTreeMap::new();
    let mut out = Vec::new();
    for (part, text) in &parts {
        let Some(schema) = schema_of(part) else {
            out.extend(comment_threads(&parts, part));
            continue;
        };
        let file = folder.join(part.replace('/', "_"));
        std::fs::write(&file, without_ignorable(text)).expect("written");
        by_schema.entry(schema).or_default().push(file);
    }
    for (schema, files) in by_schema {
        let found = tools::xmllint_schema(&Path::new(SCHEMAS).join(schema), &files)?;
        out.extend(found.into_iter().map(|line| format!("{name}: {line}")));
    }
    Some(out)
}

/// What is wrong with `commentsExtended.xml`: each of its entries names
/// the last paragraph of a comment, and its parent another comment's.
fn comment_threads(parts: &BTreeMap<String, String>, part: &str) -> Vec<String> {
    let comments = roxmltree::Document::parse(&parts["word/comments.xml"]).expect("comments");
    let paragraphs: BTreeSet<&str> = comments
        .descendants()
        .filter_map(|node| node.attribute((W14, "paraId")))
        .collect();
    let extended = roxmltree::Document::parse(&parts[part]).expect("commentsExtended");
    let root = extended.root_element();
    let mut out = Vec::new();
    if root.tag_name().namespace() != Some(W15) || root.tag_name().name() != "commentsEx" {
        out.push(format!("{part}: root {:?}", root.tag_name()));
    }
    for entry in root.children().filter(roxmltree::Node::is_element) {
        for attribute in ["paraId", "paraIdParent"] {
            if let Some(id) = entry.attribute((W15, attribute))
                && !paragraphs.contains(id)
            {
                out.push(format!("{part}: {attribute} {id} names no comment"));
            }
        }
        if entry.attribute((W15, "paraId")).is_none() {
            out.push(format!("{part}: an entry without paraId"));
        }
    }
    out
}

/// What is wrong with the package as a whole: a part without a content
/// type, a declared part missing, a relationship to nothing, a part no
/// relationship reaches.
fn package_faults(docx: &[u8]) -> Vec<String> {
    let parts = tools::docx_parts(docx);
    let mut faults = Vec::new();
    let types = roxmltree::Document::parse(&parts["[Content_Types].xml"]).expect("types");
    let mut defaults = BTreeSet::new();
    let mut overrides = BTreeSet::new();
    for node in types.root_element().children().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "Default" => {
                defaults.insert(
                    node.attribute("Extension")
                        .expect("an extension")
                        .to_owned(),
                );
            }
            "Override" => {
                let name = node.attribute("PartName").expect("a part name");
                overrides.insert(name.trim_start_matches('/').to_owned());
            }
            other => faults.push(format!("[Content_Types].xml: {other}")),
        }
    }
    for declared in &overrides {
        if !parts.contains_key(declared) {
            faults.push(format!("{declared}: declared, not in the package"));
        }
    }
    let mut reached = BTreeSet::new();
    for (rels, text) in parts.iter().filter(|(name, _)| name.ends_with(".rels")) {
        // `word/_rels/document.xml.rels` speaks for `word/document.xml`,
        // its targets relative to `word/`.
        let base = rels.split("_rels/").next().unwrap_or("");
        let source = format!(
            "{base}{}",
            rels.rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".rels")
        );
        if !source.is_empty() && !parts.contains_key(&source) {
            faults.push(format!(
                "{rels}: relationships of a part not in the package"
            ));
        }
        let relationships = roxmltree::Document::parse(text).expect("relationships");
        for relationship in relationships
            .root_element()
            .children()
            .filter(|n| n.is_element())
        {
            if relationship.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = relationship.attribute("Target").expect("a target");
            let target = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("{base}{target}"),
            };
            if !parts.contains_key(&target) {
                faults.push(format!("{rels}: {target} is not in the package"));
            }
            reached.insert(target);
        }
    }
    for name in parts.keys() {
        if name == "[Content_Types].xml" || name.ends_with(".rels") {
            continue;
        }
        if !reached.contains(name) {
            faults.push(format!("{name}: no relationship reaches it"));
        }
        let extension = name.rsplit('.').next().unwrap_or("");
        if !overrides.contains(name) && !defaults.contains(extension) {
            faults.push(format!("{name}: no content type"));
        }
    }
    faults
}

/// A long draft: twenty years of schedule, a hundred RGPD rows with line
/// breaks; without its UO, so that its pages are marked non-compliant.
fn long_draft() -> Draft {
    let mut draft = model::example();
    draft.budget.uo = String::new();
    draft.budget.schedule = (0..20)
        .map(|n| YearRow {
            year: 2022 + n,
            ae: Money::from_cents(1_000_000 + i64::from(n) * 12_345).expect("an amount"),
            cp: Money::from_cents(900_000 + i64::from(n) * 10_001).expect("an amount"),
        })
        .collect();
    draft.end_date = NaiveDate::from_ymd_opt(2041, 12, 31);
    for n in 0..100 {
        draft.rgpd_matrix.push(RgpdRow::new(
            &format!("Sujet n° {}", n + 1),
            &format!("Première ligne ({n})\nSeconde ligne, 30 000 €"),
            if n % 3 == 0 {
                ""
            } else {
                "Le délégant répond\nseul"
            },
        ));
    }
    draft
}

/// The reference, its previous version changed in several places (an
/// amount, a year, a name, a row removed and one added), for a redline and
/// an avenant.
fn changed() -> Draft {
    let mut draft = model::example();
    let cents = |c: i64| Money::from_cents(c).expect("an amount");
    draft.budget.schedule[0].ae = cents(3_500_000);
    draft.budget.schedule.push(YearRow {
        year: 2024,
        ae: cents(100_000),
        cp: cents(100_000),
    });
    draft.end_date = NaiveDate::from_ymd_opt(2024, 12, 31);
    draft.delegataire.representative.name = "Mme Stéphanie SCHAER".to_owned();
    draft.rgpd_matrix.remove(0);
    draft
        .rgpd_matrix
        .push(RgpdRow::new("Nouveau sujet", "Faire", "Contrôler"));
    draft
}

/// The reference with open remarks, one answered, on a field, an article
/// and the whole draft.
fn commented() -> Draft {
    let mut draft = model::example();
    let at = |day: u32| {
        Utc.with_ymd_and_hms(2022, 5, day, 14, 30, 0)
            .single()
            .expect("a date")
    };
    let comment = |id: &str, about: Subject, day: u32, text: &str| Comment {
        id: id.to_owned(),
        about,
        author: "Jeanne Martin".to_owned(),
        date: at(day),
        text: text.to_owned(),
        resolved: false,
        replies: Vec::new(),
    };
    let mut on_cp = comment(
        "c1",
        Subject::Field(Field::ScheduleCp.at(0)),
        19,
        "Montant des CP à vérifier",
    );
    on_cp.replies.push(Reply {
        author: "Paul Durand".to_owned(),
        date: at(20),
        text: "Vérifié".to_owned(),
    });
    draft.review.comments = vec![
        on_cp,
        comment(
            "c2",
            Subject::Article(Article::Numbered(5)),
            19,
            "Article à relire",
        ),
        comment("c3", Subject::Document, 21, "Relecture d'ensemble"),
    ];
    draft
}

/// Writes a draft as a file `convention` reads.
fn save(draft: &Draft, file: &Path) -> String {
    std::fs::write(file, serde_json::to_string_pretty(draft).expect("JSON")).expect("written");
    file.to_str().expect("a UTF-8 path").to_owned()
}

/// Runs `convention` and reads the DOCX it wrote.
fn exported(args: &[&str], docx: &Path) -> Vec<u8> {
    let output = convention(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    std::fs::read(docx).expect("the DOCX is written")
}

/// The five exports, as a user gets them from `convention`.
fn exports(folder: &Path) -> Vec<(&'static str, Vec<u8>)> {
    let reference = folder.join("reference.json");
    std::fs::write(&reference, REFERENCE).expect("written");
    let reference = reference.to_str().expect("UTF-8").to_owned();
    let long = save(&long_draft(), &folder.join("longue.json"));
    let changed = save(&changed(), &folder.join("v2.json"));
    let commented = save(&commented(), &folder.join("remarques.json"));
    let docx = |name: &str| folder.join(format!("{name}.docx"));
    let path = |name: &str| docx(name).to_str().expect("UTF-8").to_owned();
    vec![
        (
            "référence",
            exported(
                &["export", &reference, "--docx", &path("reference")],
                &docx("reference"),
            ),
        ),
        (
            "longue",
            exported(
                &["export", &long, "--allow-errors", "--docx", &path("longue")],
                &docx("longue"),
            ),
        ),
        (
            "modifications",
            exported(
                &[
                    "export",
                    &changed,
                    "--against",
                    &reference,
                    "--allow-errors",
                    "--docx",
                    &path("modifications"),
                ],
                &docx("modifications"),
            ),
        ),
        (
            "avenant",
            exported(
                &["avenant", &reference, &changed, "--docx", &path("avenant")],
                &docx("avenant"),
            ),
        ),
        (
            "remarques",
            exported(
                &[
                    "export",
                    &commented,
                    "--comments",
                    "--docx",
                    &path("remarques"),
                ],
                &docx("remarques"),
            ),
        ),
    ]
}

#[test]
fn every_part_of_every_export_is_valid_against_the_schema() {
    let folder = tempfile::tempdir().expect("a folder");
    let exports = exports(folder.path());
    let mut all = Vec::new();
    for (name, docx) in &exports {
        let parts = tools::docx_parts(docx);
        // What each export must exercise.
        let document = &parts["word/document.xml"];
        match *name {
            "modifications" => {
                assert!(document.contains("<w:del ") && document.contains("<w:ins "))
            }
            "remarques" => assert!(parts.contains_key("word/commentsExtended.xml")),
            "longue" => assert!(parts["word/header1.xml"].contains("PROJET")),
            _ => {}
        }
        let Some(found) = violations(name, docx, folder.path()) else {
            return;
        };
        all.extend(found);
    }
    assert!(
        all.is_empty(),
        "{} violations:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn every_package_is_whole() {
    let folder = tempfile::tempdir().expect("a folder");
    for (name, docx) in exports(folder.path()) {
        let faults = package_faults(&docx);
        assert!(faults.is_empty(), "{name}: {faults:#?}");
        let parts = tools::docx_parts(&docx);
        // The comment parts are there with remarks, and only then.
        assert_eq!(
            parts.contains_key("word/comments.xml"),
            name == "remarques",
            "{name}"
        );
    }
}

#[test]
fn the_check_sees_an_element_out_of_order_and_an_orphan_part() {
    let folder = tempfile::tempdir().expect("a folder");
    let reference = folder.path().join("reference.json");
    std::fs::write(&reference, REFERENCE).expect("written");
    let docx = folder.path().join("reference.docx");
    let bytes = exported(
        &[
            "export",
            reference.to_str().expect("UTF-8"),
            "--docx",
            docx.to_str().expect("UTF-8"),
        ],
        &docx,
    );
    // A paragraph's style moved after its other properties, as docx-rs
    // wrote it before the schema-order pass, and a part nothing points to.
    let mut parts = tools::docx_parts(&bytes);
    let document = parts.get_mut("word/document.xml").expect("the body");
    let (at, end) = document
        .match_indices("<w:pPr><w:pStyle ")
        .map(|(at, found)| at + found.len() - "<w:pStyle ".len())
        .map(|at| (at, at + document[at..].find("/>").expect("its end") + 2))
        .find(|(_, end)| !document[*end..].starts_with("</w:pPr>"))
        .expect("a styled paragraph with other properties");
    let style = document[at..end].to_owned();
    document.replace_range(at..end, "");
    let close = at
        + document[at..]
            .find("</w:pPr>")
            .expect("the end of the properties");
    document.insert_str(close, &style);
    parts.insert("word/orphan.xml".to_owned(), "<x/>".to_owned());
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in &parts {
        writer
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("an entry");
        std::io::Write::write_all(&mut writer, text.as_bytes()).expect("written");
    }
    let broken = writer.finish().expect("an archive").into_inner();
    let faults = package_faults(&broken);
    assert!(
        faults
            .iter()
            .any(|fault| fault.starts_with("word/orphan.xml: no relationship")),
        "{faults:?}"
    );
    parts.remove("word/orphan.xml");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in &parts {
        writer
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("an entry");
        std::io::Write::write_all(&mut writer, text.as_bytes()).expect("written");
    }
    let broken = writer.finish().expect("an archive").into_inner();
    let Some(found) = violations("désordonnée", &broken, folder.path()) else {
        return;
    };
    assert!(
        found
            .iter()
            .any(|line| line.contains("document.xml") && line.contains("pStyle")),
        "{found:?}"
    );
}

#[test]
fn ignorable_extensions_are_set_aside_and_nothing_else() {
    let xml = concat!(
        r#"<?xml version="1.0"?><w:document xmlns:w="urn:w" xmlns:w14="urn:w14" xmlns:x="urn:x" "#,
        r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14">"#,
        r#"<w:p w14:paraId="1" x:keep="1"><w14:extra><w:r/></w14:extra><w:r w:a="&amp;"/></w:p></w:document>"#
    );
    assert_eq!(
        without_ignorable(xml),
        concat!(
            r#"<?xml version="1.0"?><w:document xmlns:w="urn:w" xmlns:w14="urn:w14" xmlns:x="urn:x" "#,
            r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" >"#,
            r#"<w:p  x:keep="1"><w:r w:a="&amp;"/></w:p></w:document>"#
        )
    );
}
