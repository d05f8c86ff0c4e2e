//! `convention import` on conventions Convention did not write: the corpus
//! of tests/fixtures/import/corpus (DOCX and one ODT, made by python-docx and
//! LibreOffice, see its make.py), each document against the facts written
//! by hand beside it;
//! our own export of the reference, as written and saved again by
//! LibreOffice; and the command's contract (exit statuses, the draft
//! written with its gaps marked, no file replaced without --force,
//! nothing half-written).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use convention::model::review::Subject;
use convention::model::{self, Draft, Field};
use serde_json::Value;

mod common;
mod tools;

use common::{convention, stderr};

/// The corpus: `tuning/` (what the importer was tuned on) and `heldout/`
/// (kept aside from the tuning).
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/corpus");

/// The bundled reference draft.
const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/convention-meae-dinum-2022.json"
);

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// `convention import DOCX -o DRAFT` (and `--force` when asked).
fn import(docx: &Path, draft: &Path, force: bool) -> std::process::Output {
    let mut args = vec!["import", text(docx), "-o", text(draft)];
    if force {
        args.push("--force");
    }
    convention(&args)
}

/// The draft a successful import wrote, as the program reads drafts.
fn imported(docx: &Path, folder: &Path) -> (std::process::Output, Draft) {
    let draft = folder.join("importe.json");
    let output = import(docx, &draft, false);
    assert!(
        draft.is_file(),
        "{}: no draft written (exit {:?}): {}",
        docx.display(),
        output.status.code(),
        stderr(&output)
    );
    let loaded = model::io::load(&draft)
        .unwrap_or_else(|error| panic!("the imported draft does not load: {error}"));
    (output, loaded)
}

/// Every way `actual` differs from `expected`, a partial draft: each key
/// of an object in `expected` must be in `actual` with the same value; a
/// list must have as many items, each compared so.
fn differences(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match actual.get(key) {
                    Some(found) => differences(value, found, &here, out),
                    None => out.push(format!("{here}: absent, {value} attendu")),
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) => {
            if expected.len() != actual.len() {
                out.push(format!(
                    "{path}: {} éléments au lieu de {} : {}",
                    actual.len(),
                    expected.len(),
                    Value::Array(actual.clone())
                ));
            }
            for (index, (expected, actual)) in expected.iter().zip(actual).enumerate() {
                differences(expected, actual, &format!("{path}[{index}]"), out);
            }
        }
        (expected, actual) if expected == actual => {}
        (expected, actual) => out.push(format!("{path}: {actual} au lieu de {expected}")),
    }
}

/// Imports one corpus document and compares every fact of its
/// `.facts.json` with the draft; fails with the list of all differences.
fn check_corpus_document(relative: &str) {
    let docx = ["docx", "odt"]
        .iter()
        .map(|extension| Path::new(CORPUS).join(format!("{relative}.{extension}")))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("no {relative}.docx nor .odt"));
    let facts = Path::new(CORPUS).join(format!("{relative}.facts.json"));
    let expected: Value =
        serde_json::from_slice(&std::fs::read(&facts).expect("the facts file")).expect("JSON");
    let folder = tempfile::tempdir().expect("tempdir");
    let (output, draft) = imported(&docx, folder.path());
    let actual = serde_json::to_value(&draft).expect("a draft serializes");
    let mut found = Vec::new();
    differences(&expected, &actual, "", &mut found);
    assert!(
        found.is_empty() && output.status.code() == Some(0),
        "{relative}: exit {:?}, {} fait(s) faux :\n  {}\nstderr: {}",
        output.status.code(),
        found.len(),
        found.join("\n  "),
        stderr(&output)
    );
}

macro_rules! corpus {
    ($($test:ident => $relative:literal),+ $(,)?) => {
        $(
            #[test]
            fn $test() {
                check_corpus_document($relative);
            }
        )+

        /// Every document of the corpus has its test above, and its facts.
        #[test]
        fn every_corpus_document_is_tested() {
            let tested = [$($relative),+];
            let mut found = Vec::new();
            for folder in ["tuning", "heldout"] {
                for entry in std::fs::read_dir(Path::new(CORPUS).join(folder)).expect("a folder") {
                    let path = entry.expect("an entry").path();
                    if path.extension().is_some_and(|e| e == "docx" || e == "odt") {
                        let stem = path.file_stem().expect("a name").to_string_lossy();
                        assert!(
                            path.with_extension("facts.json").is_file(),
                            "{} has no facts file",
                            path.display()
                        );
                        found.push(format!("{folder}/{stem}"));
                    }
                }
            }
            found.sort();
            let mut tested: Vec<String> = tested.iter().map(|s| s.to_string()).collect();
            tested.sort();
            assert_eq!(found, tested);
        }
    };
}

corpus! {
    tuning_culture_2023 => "tuning/culture-2023",
    tuning_interieur_2019_dinsic => "tuning/interieur-2019-dinsic",
    tuning_sante_2024 => "tuning/sante-2024",
    tuning_travail_2021 => "tuning/travail-2021",
    tuning_agriculture_2022 => "tuning/agriculture-2022",
    tuning_meae_2022_libreoffice => "tuning/meae-2022-libreoffice",
    tuning_education_2024_odt => "tuning/education-2024",
    heldout_transition_ecologique_2020_dinsic => "heldout/transition-ecologique-2020-dinsic",
    heldout_justice_2023 => "heldout/justice-2023",
    heldout_armees_2025 => "heldout/armees-2025",
    heldout_economie_2021 => "heldout/economie-2021",
    heldout_solidarites_2020_dinsic => "heldout/solidarites-2020-dinsic",
}

/// What a document says of an RGPD cell: its paragraphs come back one a
/// line, its `*italics*` as plain text (as in `tests/import.rs`).
fn as_printed(draft: &Draft) -> Draft {
    let mut draft = draft.content();
    for row in &mut draft.rgpd_matrix {
        for cell in [&mut row.delegataire, &mut row.delegant] {
            while cell.contains("\n\n") {
                *cell = cell.replace("\n\n", "\n");
            }
            *cell = cell.replace('*', "");
        }
    }
    draft
}

/// The reference exported by Convention, then imported: the same content,
/// field for field (the review block holds what the import says about it),
/// but for what a document cannot carry (see [`as_printed`]).
fn assert_same_content(imported: &Draft, original: &Draft, what: &str) {
    let mut found = Vec::new();
    differences(
        &serde_json::to_value(as_printed(original)).expect("serializes"),
        &serde_json::to_value(as_printed(imported)).expect("serializes"),
        "",
        &mut found,
    );
    assert!(
        found.is_empty(),
        "{what}: {} champ(s) faux :\n  {}",
        found.len(),
        found.join("\n  ")
    );
}

fn export_reference(folder: &Path) -> PathBuf {
    let docx = folder.join("reference.docx");
    let output = convention(&["export", REFERENCE, "--docx", text(&docx)]);
    assert!(output.status.success(), "export: {}", stderr(&output));
    docx
}

#[test]
fn our_export_of_the_reference_comes_back_field_for_field() {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = export_reference(folder.path());
    let (output, draft) = imported(&docx, folder.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let original = model::io::load(Path::new(REFERENCE)).expect("the reference");
    assert_same_content(&draft, &original, "export du brouillon de référence");
}

#[test]
fn our_export_saved_again_by_libreoffice_comes_back_field_for_field() {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = export_reference(folder.path());
    let Some(resaved) =
        tools::libreoffice_convert(&docx, folder.path(), "docx:MS Word 2007 XML", "docx")
    else {
        return;
    };
    let (output, draft) = imported(&resaved, folder.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let original = model::io::load(Path::new(REFERENCE)).expect("the reference");
    assert_same_content(&draft, &original, "export réenregistré par LibreOffice");
}

/// The files in a folder, sorted.
fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("a folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| !name.starts_with("profil") && name != "libreoffice")
        .collect();
    names.sort();
    names
}

/// Asserts exit 2, an error naming the file, and nothing written.
fn assert_refused_unreadable(docx: &Path, folder: &Path) {
    let draft = folder.join("importe.json");
    let before = files_in(folder);
    let output = import(docx, &draft, false);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}: {}",
        docx.display(),
        stderr(&output)
    );
    // The program's own refusal (not a usage error), naming the file.
    let name = docx.file_name().expect("a name").to_string_lossy();
    assert!(
        stderr(&output).contains(name.as_ref()) && !stderr(&output).contains("Usage:"),
        "the error names the file: {}",
        stderr(&output)
    );
    assert!(!draft.exists(), "no draft for an unreadable file");
    assert_eq!(files_in(folder), before, "nothing left behind");
}

#[test]
fn a_file_that_is_not_a_docx_is_refused_with_exit_2() {
    let folder = tempfile::tempdir().expect("tempdir");
    let fake = folder.path().join("convention.docx");
    std::fs::write(&fake, "Convention de délégation de gestion\nEntre…\n").expect("write");
    assert_refused_unreadable(&fake, folder.path());

    let missing = folder.path().join("absente.docx");
    assert_refused_unreadable(&missing, folder.path());
}

#[test]
fn a_zip_that_is_not_a_docx_is_refused_with_exit_2() {
    let folder = tempfile::tempdir().expect("tempdir");
    let archive = folder.path().join("archive.docx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&archive).expect("create"));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .expect("an entry");
    zip.write_all(b"Convention de delegation de gestion")
        .expect("write");
    zip.finish().expect("finish");
    assert_refused_unreadable(&archive, folder.path());
}

#[test]
fn a_docx_that_is_not_a_convention_is_refused_with_exit_2() {
    // A DOCX, but a letter: nothing of a convention in it.
    let folder = tempfile::tempdir().expect("tempdir");
    let letter = folder.path().join("courrier.docx");
    let docx = replace_body(
        &std::fs::read(Path::new(CORPUS).join("tuning/culture-2023.docx")).expect("the fixture"),
        r#"<w:p><w:r><w:t>Madame, je vous prie de trouver ci-joint le compte rendu de la réunion du 3 mars.</w:t></w:r></w:p>"#,
    );
    std::fs::write(&letter, docx).expect("write");
    assert_refused_unreadable(&letter, folder.path());
}

/// The DOCX with its `word/document.xml` changed by `change`.
fn with_document_xml(docx: &[u8], change: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("an entry");
        let name = entry.name().to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if name == "word/document.xml" {
            bytes = change(String::from_utf8(bytes).expect("UTF-8")).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("an entry");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// The DOCX with its body's content replaced by `paragraphs` (kept: the
/// section properties).
fn replace_body(docx: &[u8], paragraphs: &str) -> Vec<u8> {
    with_document_xml(docx, |xml| {
        let start = xml.find("<w:body>").expect("a body") + "<w:body>".len();
        let end = xml.rfind("<w:sectPr").expect("section properties");
        format!("{}{paragraphs}{}", &xml[..start], &xml[end..])
    })
}

#[test]
fn a_convention_missing_a_required_part_gives_exit_1_and_its_draft_with_the_gaps_marked() {
    // tuning/culture-2023 without the sentence of its end date.
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = Path::new(CORPUS).join("incomplete/culture-2023-sans-date-de-fin.docx");

    let draft_path = folder.path().join("importe.json");
    let output = import(&docx, &draft_path, false);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let draft = model::io::load(&draft_path).expect("the draft is still written");
    assert_eq!(draft.end_date, None);
    // What was found is there all the same.
    assert_eq!(draft.delegant.short_name, "MC");
    assert_eq!(draft.budget.uo, "0224-CSNU-DNUM");
    // The gap is marked: a remark on the end date, for the drafter.
    assert!(
        draft
            .review
            .comments
            .iter()
            .any(|c| c.about == Subject::Field(Field::EndDate.path())),
        "no remark on the missing end date: {:#?}",
        draft.review.comments
    );
}

#[test]
fn an_existing_draft_is_replaced_only_with_force() {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = Path::new(CORPUS).join("tuning/culture-2023.docx");
    let draft = folder.path().join("existant.json");
    std::fs::write(&draft, "ne pas écraser").expect("write");

    let refused = import(&docx, &draft, false);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("existant.json"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(
        std::fs::read_to_string(&draft).expect("read"),
        "ne pas écraser"
    );
    assert_eq!(files_in(folder.path()), ["existant.json"]);

    let forced = import(&docx, &draft, true);
    assert!(
        matches!(forced.status.code(), Some(0 | 1)),
        "{}",
        stderr(&forced)
    );
    model::io::load(&draft).expect("replaced by a draft");
    assert_eq!(
        files_in(folder.path()),
        ["existant.json"],
        "no temporary file left"
    );
}

#[test]
fn a_draft_that_cannot_be_written_leaves_nothing_behind() {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = Path::new(CORPUS).join("tuning/culture-2023.docx");
    // A folder where the draft should go: it cannot be replaced by a file.
    let draft = folder.path().join("dossier.json");
    std::fs::create_dir(&draft).expect("mkdir");
    let output = import(&docx, &draft, true);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&draft.display().to_string())
            && !stderr(&output).contains("Usage:"),
        "the error names the destination: {}",
        stderr(&output)
    );
    assert!(draft.is_dir(), "the folder is still there");
    assert_eq!(files_in(folder.path()), ["dossier.json"]);
    assert_eq!(files_in(&draft), Vec::<String>::new());
}

#[test]
fn without_o_the_draft_goes_beside_the_document() {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = folder.path().join("ancienne.docx");
    std::fs::copy(Path::new(CORPUS).join("tuning/culture-2023.docx"), &docx).expect("copy");
    let output = convention(&["import", text(&docx)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let draft = model::io::load(&folder.path().join("ancienne.json")).expect("ancienne.json");
    assert_eq!(draft.delegant.short_name, "MC");
    assert_eq!(files_in(folder.path()), ["ancienne.docx", "ancienne.json"]);
}
