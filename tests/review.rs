//! Reviewing, run as a reviewer would: `convention diff` between two
//! versions, and the redline export, whose tracked changes are accepted and
//! rejected here, in the DOCX's own XML, to give back each version's plain
//! export exactly.

mod common;
mod tools;

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use common::{REFERENCE, convention, stderr};

/// The reference and a new version of it: a year's amounts, the end date,
/// a representative's position, an RGPD cell, a year added, a visa removed
/// and an RGPD row inserted in the middle.
fn versions(folder: &Path) -> (PathBuf, PathBuf) {
    let old = folder.join("v1.json");
    std::fs::write(&old, REFERENCE).expect("write v1");
    let mut draft: serde_json::Value = serde_json::from_str(REFERENCE).expect("JSON");
    draft["budget"]["schedule"][1] =
        serde_json::json!({"year": 2023, "ae": "15000.00", "cp": "15000.00"});
    draft["budget"]["schedule"]
        .as_array_mut()
        .expect("a schedule")
        .push(serde_json::json!({"year": 2024, "ae": 10000, "cp": "10000"}));
    draft["end_date"] = "2024-12-31".into();
    draft["delegant"]["representative"]["title"] = "Directeur général de l'administration".into();
    draft["rgpd_matrix"][10]["delegant"] = "Sans objet".into();
    draft["rgpd_matrix"].as_array_mut().expect("a matrix").insert(
        3,
        serde_json::json!({"topic": "Registre des traitements", "delegataire": "Tient le registre de ses traitements.", "delegant": "Tient le registre du traitement."}),
    );
    draft["visas"].as_array_mut().expect("visas").remove(1);
    let new = folder.join("v2.json");
    std::fs::write(&new, serde_json::to_string_pretty(&draft).expect("JSON")).expect("write v2");
    // Saved on 1 March 2024 at 10:00 UTC: the date its changes bear.
    std::fs::File::options()
        .write(true)
        .open(&new)
        .expect("open v2")
        .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_709_287_200))
        .expect("date v2");
    (old, new)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn diff_lists_each_change_with_its_label_grouped_by_step_and_article() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    let output = convention(&["diff", path(&old), path(&new)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    for expected in [
        "Parties\n  Qualité du représentant du délégant : Directeur du numérique → Directeur général de l'administration",
        "Objet et visas — Visas\n  Visa 2 : supprimé (le décret n° 2019-1088",
        "Budget (UO, AE/CP) — Article 5 : Exécution financière de la délégation\n  Exercice 2023 — AE : 0\u{a0}€ → 15\u{202f}000\u{a0}€\n  Exercice 2023 — CP : 0\u{a0}€ → 15\u{202f}000\u{a0}€\n  Exercice 2024 : ajouté (AE 10\u{202f}000\u{a0}€, CP 10\u{202f}000\u{a0}€)",
        "Annexe RGPD — Annexe 1 : tableau de répartition des responsabilités RGPD\n  Annexe RGPD, « Registre des traitements » : ajouté",
        "  Annexe RGPD, « Territorialité » — délégant : Sans objet. → Sans objet",
        "Durée et signature — Article 7 : Durée et résiliation de la convention\n  Date de fin : 31\u{a0}décembre 2022 → 31\u{a0}décembre 2024",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // One insertion in the middle of the matrix, not a cascade.
    assert_eq!(text.matches("Annexe RGPD").count(), 3, "{text}");
    assert!(
        stderr(&output).contains("8 modifications"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn diff_in_json_gives_path_label_old_new_and_kind() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    let output = convention(&["diff", "--format", "json", path(&old), path(&new)]);
    assert_eq!(output.status.code(), Some(1));
    let changes: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).expect("a JSON array");
    let cp = changes
        .iter()
        .find(|c| c["path"] == "budget.schedule[1].cp")
        .expect("the 2023 CP");
    assert_eq!(cp["label"], "Exercice 2023 — CP");
    assert_eq!(cp["kind"], "changed");
    assert_eq!(cp["old"], "0\u{a0}€");
    assert_eq!(cp["new"], "15\u{202f}000\u{a0}€");
    assert_eq!(cp["step"], "budget");
    assert_eq!(cp["article"], "Article 5");
    let added = changes
        .iter()
        .find(|c| c["path"] == "rgpd_matrix[3]")
        .expect("the new row");
    assert_eq!(
        (added["kind"].as_str(), added["old"].is_null()),
        (Some("added"), true)
    );
    let removed = changes
        .iter()
        .find(|c| c["kind"] == "removed")
        .expect("the visa");
    assert_eq!(removed["path"], "visas[1]");
}

#[test]
fn diff_exits_zero_for_a_reformatted_copy_and_two_for_an_unreadable_file() {
    let folder = tempfile::tempdir().expect("tempdir");
    let old = folder.path().join("v1.json");
    std::fs::write(&old, REFERENCE).expect("write");
    // Keys in another order, other spaces, amounts written otherwise.
    let mut value: serde_json::Value = serde_json::from_str(REFERENCE).expect("JSON");
    value["budget"]["schedule"][0]["ae"] = serde_json::json!(30000);
    value["budget"]["schedule"][0]["cp"] = "30000.00".into();
    value["signature"]["place"] = " Paris ".into();
    let mut object: Vec<(String, serde_json::Value)> = value
        .as_object()
        .expect("an object")
        .clone()
        .into_iter()
        .collect();
    object.reverse();
    let reordered: serde_json::Map<String, serde_json::Value> = object.into_iter().collect();
    let copy = folder.path().join("copie.json");
    std::fs::write(&copy, serde_json::to_string(&reordered).expect("JSON")).expect("write");
    let output = convention(&["diff", path(&old), path(&copy)]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(output.stdout.is_empty());
    assert!(stderr(&output).contains("aucune modification"));

    let broken = folder.path().join("casse.json");
    std::fs::write(&broken, "{ \"format_version\": 1,").expect("write");
    let output = convention(&["diff", path(&old), path(&broken)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("casse.json"),
        "{}",
        stderr(&output)
    );
    let output = convention(&["diff", path(&old)]);
    assert_eq!(output.status.code(), Some(2), "a usage error");
}

/// The archive's parts, by name.
fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut parts = HashMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("an entry");
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_ok() {
            parts.insert(entry.name().to_owned(), text);
        }
    }
    parts
}

/// Which tracked changes a reading keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Resolve {
    /// Every change accepted.
    Accept,
    /// Every change rejected.
    Reject,
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn is(node: roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

/// The change a reading removes: insertions when rejecting, deletions
/// when accepting.
fn removed_tag(resolve: Resolve) -> &'static str {
    match resolve {
        Resolve::Accept => "del",
        Resolve::Reject => "ins",
    }
}

/// Whether a paragraph's own mark is removed by the reading (`w:pPr/w:rPr`
/// holding `w:ins` or `w:del`), or a row's (`w:trPr`).
fn mark_removed(node: roxmltree::Node<'_, '_>, properties: &str, resolve: Resolve) -> bool {
    node.children()
        .filter(|c| is(*c, properties))
        .flat_map(|properties| {
            let inner: Vec<_> = properties
                .children()
                .filter(|c| is(*c, "rPr"))
                .flat_map(|rpr| rpr.children())
                .chain(properties.children())
                .collect();
            inner
        })
        .any(|c| is(c, removed_tag(resolve)))
}

/// The text of a paragraph as the reading leaves it: runs kept, footnotes
/// called given in brackets.
fn paragraph_text(
    node: roxmltree::Node<'_, '_>,
    resolve: Resolve,
    notes: &HashMap<String, String>,
    out: &mut String,
) {
    for child in node.children() {
        if is(child, removed_tag(resolve)) || is(child, "pPr") || is(child, "rPr") {
            continue;
        }
        if is(child, "t") || is(child, "delText") {
            out.push_str(child.text().unwrap_or_default());
        } else if is(child, "tab") {
            out.push('\t');
        } else if is(child, "br") {
            out.push('\n');
        } else if is(child, "footnoteReference") {
            let id = child.attribute((W, "id")).unwrap_or_default();
            out.push_str(&format!("[{}]", notes.get(id).map_or("?", String::as_str)));
        } else {
            paragraph_text(child, resolve, notes, out);
        }
    }
}

/// Every paragraph of a part, in order (table cells included), as the
/// reading leaves them; a paragraph or row whose mark the reading removes
/// goes (its content is removed with it, as this export writes it).
fn paragraphs(
    node: roxmltree::Node<'_, '_>,
    resolve: Resolve,
    notes: &HashMap<String, String>,
    out: &mut Vec<String>,
) {
    for child in node.children() {
        if is(child, "p") {
            if mark_removed(child, "pPr", resolve) {
                let mut text = String::new();
                paragraph_text(child, resolve, notes, &mut text);
                assert!(text.is_empty(), "a removed paragraph keeps {text:?}");
                continue;
            }
            let mut text = String::new();
            paragraph_text(child, resolve, notes, &mut text);
            out.push(text);
        } else if is(child, "tr") && mark_removed(child, "trPr", resolve) {
            continue;
        } else {
            paragraphs(child, resolve, notes, out);
        }
    }
}

/// The body's paragraphs of a DOCX, with every change accepted or
/// rejected.
fn resolved_text(docx: &Path, resolve: Resolve) -> Vec<String> {
    let parts = unzip(&std::fs::read(docx).expect("read the DOCX"));
    let mut notes = HashMap::new();
    if let Some(xml) = parts.get("word/footnotes.xml") {
        let document = roxmltree::Document::parse(xml).expect("footnotes XML");
        for note in document.descendants().filter(|n| is(*n, "footnote")) {
            let mut text = Vec::new();
            paragraphs(note, resolve, &HashMap::new(), &mut text);
            let id = note.attribute((W, "id")).unwrap_or_default().to_owned();
            notes.insert(id, text.join(" ").trim().to_owned());
        }
    }
    let document = roxmltree::Document::parse(&parts["word/document.xml"]).expect("document XML");
    let body = document
        .descendants()
        .find(|n| is(*n, "body"))
        .expect("a body");
    let mut out = Vec::new();
    paragraphs(body, resolve, &notes, &mut out);
    out
}

fn export(args: &[&str]) {
    let output = convention(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn the_redline_docx_accepts_to_the_new_export_and_rejects_to_the_old() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    let out = |name: &str| folder.path().join(name);
    export(&["export", path(&old), "--docx", path(&out("v1.docx"))]);
    export(&["export", path(&new), "--docx", path(&out("v2.docx"))]);
    let output = convention(&[
        "export",
        path(&new),
        "--against",
        path(&old),
        "--docx",
        path(&out("rouge.docx")),
        "--author",
        "Ministère <relecture> & Cie",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("8 modifications suivies depuis v1.json"),
        "{}",
        stderr(&output)
    );

    let xml = &unzip(&std::fs::read(out("rouge.docx")).expect("read"))["word/document.xml"];
    roxmltree::Document::parse(xml).expect("well-formed");
    assert!(xml.matches("<w:ins ").count() >= 8, "insertions");
    assert!(xml.matches("<w:del ").count() >= 6, "deletions");
    assert!(xml.contains("<w:delText xml:space=\"preserve\">du numérique</w:delText>"));
    assert!(xml.contains("w:author=\"Ministère &lt;relecture&gt; &amp; Cie\""));
    assert!(
        xml.contains("w:date=\"2024-03-01T10:00:00\"") && !xml.contains("1970-01-01"),
        "when the new version was saved, not the clock"
    );

    let accepted = resolved_text(&out("rouge.docx"), Resolve::Accept);
    let rejected = resolved_text(&out("rouge.docx"), Resolve::Reject);
    let plain_new = resolved_text(&out("v2.docx"), Resolve::Accept);
    let plain_old = resolved_text(&out("v1.docx"), Resolve::Accept);
    assert_eq!(
        accepted, plain_new,
        "accepting every change gives the new export"
    );
    assert_eq!(
        rejected, plain_old,
        "rejecting every change gives the old export"
    );
    assert_ne!(plain_new, plain_old);

    // The same drafts give the same file.
    export(&[
        "export",
        path(&new),
        "--against",
        path(&old),
        "--docx",
        path(&out("rouge-2.docx")),
        "--author",
        "Ministère <relecture> & Cie",
    ]);
    assert_eq!(
        std::fs::read(out("rouge.docx")).expect("read"),
        std::fs::read(out("rouge-2.docx")).expect("read")
    );
}

#[test]
fn the_redline_pdf_opens_on_the_changes_and_marks_them() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    let pdf = folder.path().join("rouge.pdf");
    export(&[
        "export",
        path(&new),
        "--against",
        path(&old),
        "--pdf",
        path(&pdf),
    ]);
    let Some(text) = tools::pdftotext(&pdf, true) else {
        return;
    };
    let first_page = text.split('\u{c}').next().unwrap_or_default();
    for expected in [
        "Modifications proposées",
        "« v2.json » par rapport à « v1.json »",
        "Article 5 : Exécution financière de la délégation",
        "Exercice 2024 : ajouté",
        "Date de fin : 31 décembre 2022 → 31 décembre 2024",
    ] {
        assert!(
            first_page
                .replace(['\u{a0}', '\u{202f}'], " ")
                .contains(expected),
            "{expected:?} not on the first page:\n{first_page}"
        );
    }
    // Both versions' words are there, the deleted ones struck through (the
    // typed apostrophe printed curly).
    assert!(text.contains("du numérique") && text.contains("général de l’administration"));
}

#[test]
fn libreoffice_shows_the_redline_as_tracked_changes() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    let docx = folder.path().join("rouge.docx");
    export(&[
        "export",
        path(&new),
        "--against",
        path(&old),
        "--docx",
        path(&docx),
    ]);
    let Some(pdf) = tools::libreoffice_pdf(&docx, folder.path()) else {
        return;
    };
    let Some(text) = tools::pdftotext(&pdf, false) else {
        return;
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // LibreOffice shows changes as it opens a document that has some: the
    // deleted text stays visible, struck through, beside the new.
    for expected in [
        "Directeur du numériquegénéral de l’administration",
        "Registre des traitements",
        "31 décembre 20222024",
        "Sans objet",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in LibreOffice's rendering"
        );
    }
}

#[test]
fn a_redline_never_replaces_either_draft() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (_, new) = versions(folder.path());
    // An old version oddly named, which a --pdf could replace.
    let odd = folder.path().join("ancien.pdf");
    std::fs::write(&odd, REFERENCE).expect("write");
    let output = convention(&[
        "export",
        path(&new),
        "--against",
        path(&odd),
        "--pdf",
        &format!("{}/./ancien.pdf", path(folder.path())),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("version comparée"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&odd).expect("read"), REFERENCE);
    let output = convention(&["export", path(&new), "--author", "X"]);
    assert_eq!(output.status.code(), Some(2), "--author needs --against");
    // Without names, the redline goes beside the draft under its own name.
    export(&["export", path(&new), "--against", path(&odd)]);
    assert!(folder.path().join("v2-modifications.docx").is_file());
    assert!(folder.path().join("v2-modifications.pdf").is_file());
    assert!(!folder.path().join("v2.docx").exists());
}

#[test]
fn the_avenant_rewrites_exactly_the_modified_articles() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    let docx = folder.path().join("avenant.docx");
    let pdf = folder.path().join("avenant.pdf");
    let output = convention(&[
        "avenant",
        path(&old),
        path(&new),
        "--number",
        "2",
        "--date-effet",
        "01/09/2022",
        "--docx",
        path(&docx),
        "--pdf",
        path(&pdf),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "ces modifications ne figurent dans aucun article de l'avenant : Visa 2 : supprimé"
        ),
        "{}",
        stderr(&output)
    );
    let Some(text) = tools::pdftotext(&pdf, true) else {
        return;
    };
    // Curly apostrophes read as typed (the typography is checked in
    // `tests/typography.rs`).
    let text = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'");
    for expected in [
        "Avenant n° 2 à la convention de délégation de gestion signée le 19 mai 2022",
        "Vu la convention de délégation de gestion signée le 19 mai 2022 entre le MEAE et la DINUM",
        "Article 1 : Objet de l'avenant",
        "modifier les articles 5 et 7 et l'annexe 1 de la convention",
        "Article 2 : Modification de l'article 5",
        "| 2024 |",
        "Article 3 : Modification de l'article 7",
        "Elle est conclue jusqu'au 31 décembre 2024.",
        "Article 4 : Modification de l'annexe 1",
        "L'annexe 1 de la convention, « tableau de répartition des responsabilités RGPD », est remplacée par le tableau suivant :",
        "Registre des traitements",
        "Article 5 : Date d'effet et autres stipulations",
        "prend effet le 1er septembre 2022",
        "Les autres stipulations de la convention demeurent inchangées.",
        "Représenté par M. Fabien FIESCHI, Directeur général de l'administration",
    ] {
        let expected = expected.replace("| 2024 |", "2024 10 000 € 10 000 €");
        assert!(
            text.contains(&expected),
            "{expected:?} not in the avenant:\n{text}"
        );
    }
    for absent in [
        "Article 1 : Objet de la délégation",
        "Article 8",
        "Préambule Au sein de la DINUM",
    ] {
        assert!(
            !text.contains(absent),
            "{absent:?}: unchanged parts are not repeated"
        );
    }
    // Word's reader of choice here opens the DOCX.
    if let Some(rendered) = tools::libreoffice_pdf(&docx, folder.path())
        && let Some(text) = tools::pdftotext(&rendered, false)
    {
        assert!(text.contains("Objet de l’avenant"));
    }
}

#[test]
fn an_avenant_is_refused_with_its_reason() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    let output = convention(&["avenant", path(&old), path(&old)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("les deux brouillons disent la même chose"),
        "{}",
        stderr(&output)
    );

    let mut other: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&new).expect("read")).expect("JSON");
    other["delegant"]["name"] = "Ministère de la Culture".into();
    let culture = folder.path().join("culture.json");
    std::fs::write(&culture, other.to_string()).expect("write");
    let output = convention(&["avenant", path(&old), path(&culture)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("le délégant diffère"),
        "{}",
        stderr(&output)
    );

    other["delegant"]["name"] = "Ministère de l'Europe et des Affaires étrangères".into();
    other["budget"]["uo"] = "0105-CRES-AUTR".into();
    other["chorus"]["centre_financier"] = "0105-CRES-AUTR".into();
    let uo = folder.path().join("uo.json");
    std::fs::write(&uo, other.to_string()).expect("write");
    let output = convention(&["avenant", path(&old), path(&uo)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("l'UO diffère"),
        "{}",
        stderr(&output)
    );
    for file in ["uo", "culture", "v1", "v2"] {
        assert!(!folder.path().join(format!("{file}-avenant-1.pdf")).exists());
    }
}

#[test]
fn a_2024_avenant_to_a_2022_convention_keeps_its_2022_credits() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (old, new) = versions(folder.path());
    // The new version dated as the avenant: checked alone, its 2022 credits
    // fall outside its period.
    let mut dated: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&new).expect("read")).expect("JSON");
    dated["signature"]["date"] = "2024-03-01".into();
    let file = folder.path().join("v2-2024.json");
    std::fs::write(&file, dated.to_string()).expect("write");
    let check = convention(&["check", path(&file)]);
    assert_eq!(check.status.code(), Some(1), "refused alone");
    let output = convention(&[
        "avenant",
        path(&old),
        path(&file),
        "--pdf",
        path(&folder.path().join("a.pdf")),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}
