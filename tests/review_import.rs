//! `convention review import` on DOCX files a reviewer commented with
//! another program than ours: python-docx comments, a reply and a tracked
//! change on an export (tests/fixtures/reviewed: the committed file, and
//! the same made again from the current export when python-docx ≥ 1.2 is
//! installed), and the same export saved again by LibreOffice. Also the
//! refusals, the exit statuses, and a second import that adds nothing.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use chrono::{DateTime, Utc};
use convention::model::review::{Comment, Reply, Subject};
use convention::model::{self, Article, Draft, Field};

mod common;
mod tools;

use common::{convention, stderr};

/// The committed fixture: the draft, the reviewed DOCX made from its
/// export, and the script that made it.
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reviewed");

/// The reviewer of the fixture.
const REVIEWER: &str = "Claire Martin (MEAE)";

/// The fixture's draft and reviewed DOCX, copied into a fresh folder.
fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = folder.path().join("relu.docx");
    let draft = folder.path().join("convention.json");
    std::fs::copy(Path::new(FIXTURES).join("reviewed.docx"), &docx).expect("copy the DOCX");
    std::fs::copy(Path::new(FIXTURES).join("convention.json"), &draft).expect("copy the draft");
    (folder, docx, draft)
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn import(docx: &Path, draft: &Path, force: bool) -> std::process::Output {
    let mut args = vec!["review", "import", text(docx), text(draft)];
    if force {
        args.push("--force");
    }
    convention(&args)
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("a date")
}

fn with_text<'a>(draft: &'a Draft, start: &str) -> &'a Comment {
    draft
        .review
        .comments
        .iter()
        .find(|c| c.text.starts_with(start))
        .unwrap_or_else(|| panic!("no comment « {start} » in {:#?}", draft.review.comments))
}

/// What make_fixture.py did, as the draft should now say it.
fn assert_the_reviewers_remarks(draft: &Draft) {
    let comments = &draft.review.comments;
    assert_eq!(comments.len(), 5, "{comments:#?}");

    let cp = with_text(draft, "Les CP 2022");
    assert_eq!(cp.about, Subject::Field(Field::ScheduleCp.at(0)));
    assert_eq!(cp.author, REVIEWER);
    assert_eq!(cp.date, utc("2024-06-03T10:15:00Z"));
    assert_eq!(
        cp.text,
        "Les CP 2022 doivent suivre le service fait.\nÀ revoir avec le CBCM."
    );
    assert_eq!(
        cp.replies,
        [Reply {
            author: "Paul Durand (DINUM)".into(),
            date: utc("2024-06-04T09:00:00Z"),
            text: "Vu avec le CBCM : montant confirmé.".into(),
        }]
    );
    assert!(
        comments
            .iter()
            .all(|c| !c.text.starts_with("Vu avec le CBCM")),
        "a reply is not a comment of its own"
    );

    let annex = with_text(draft, "Préciser qui tient le registre.");
    assert_eq!(annex.about, Subject::Field(Field::RgpdDelegataire.at(0)));
    assert_eq!(annex.author, REVIEWER);

    let preamble = with_text(draft, "Paragraphe à raccourcir.");
    assert_eq!(preamble.about, Subject::Article(Article::Preamble));

    let total = with_text(draft, "Total à recouper");
    assert_eq!(total.about.article(), Some(Article::Numbered(5)));

    let proposal = with_text(draft, "Proposition");
    assert_eq!(
        proposal.text,
        "Proposition : « Représenté par M. Fabien FIESCHI, Directeur du numérique, » → « Représenté par M. Fabien FIESCHI, Directeur général de l'administration, »"
    );
    assert_eq!(
        proposal.about,
        Subject::Field(Field::DelegantRepresentativeTitle.path())
    );
    assert_eq!(proposal.author, REVIEWER);
    assert_eq!(proposal.date, utc("2024-06-03T10:35:00Z"));
    assert_eq!(
        draft.delegant.representative.title, "Directeur du numérique",
        "a proposal is not applied"
    );
    assert!(comments.iter().all(Comment::is_open));
}

/// The files of a folder, but the profile LibreOffice may leave there.
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
        .filter(|name| !name.starts_with("profil"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_comments_of_another_program_come_back_on_their_fields() {
    let (folder, docx, draft) = fixture();
    let output = import(&docx, &draft, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(
        said.contains("4 commentaires et 1 proposition importés : ")
            && said.contains("1 sur « Exercice 2022 — CP »")
            && said.contains("1 sur « Qualité du représentant du délégant »")
            && said.contains("1 sur « Préambule »"),
        "{said}"
    );
    // Saved atomically: the draft reads, and no temporary file is left.
    let imported = model::load(&draft).expect("the draft still reads");
    assert_the_reviewers_remarks(&imported);
    assert_eq!(files_in(folder.path()), ["convention.json", "relu.docx"]);
    // The rest of the draft is as it was.
    let before = model::load(&Path::new(FIXTURES).join("convention.json")).expect("fixture");
    assert_eq!(imported.content(), before.content());
}

#[test]
fn importing_the_same_file_again_adds_nothing() {
    let (_folder, docx, draft) = fixture();
    assert_eq!(import(&docx, &draft, false).status.code(), Some(0));
    let once = std::fs::read(&draft).expect("the draft");
    let output = import(&docx, &draft, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("5 remarques du fichier étaient déjà dans le brouillon.")
            && stdout(&output).contains("Rien de nouveau"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read(&draft).expect("the draft"), once);
}

#[test]
fn a_docx_of_another_draft_is_refused_unless_forced() {
    let (_folder, docx, draft) = fixture();
    let mut other = model::load(&draft).expect("the draft");
    other.title = "Convention de délégation de gestion (version 2)".into();
    model::io::save(&draft, &other).expect("saved");
    let before = std::fs::read(&draft).expect("the draft");
    let in_docx = convention::review::read_review(&std::fs::read(&docx).expect("the DOCX"))
        .expect("readable")
        .draft_hash
        .expect("a hash");
    let of_draft = convention::document::draft_hash(&other);
    assert_ne!(in_docx, of_draft);

    let output = import(&docx, &draft, false);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    for needed in [text(&docx), text(&draft), &in_docx, &of_draft, "--force"] {
        assert!(message.contains(needed), "« {needed} » missing: {message}");
    }
    assert_eq!(std::fs::read(&draft).expect("the draft"), before);

    let output = import(&docx, &draft, true);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with(&format!("{} → ", text(&docx))));
    assert!(stdout(&output).contains("Attention"));
    let forced = model::load(&draft).expect("the draft");
    assert_eq!(forced.review.comments.len(), 5);
}

/// The fixture's DOCX without its properties: a DOCX that is not an
/// export of ours.
fn without_properties(docx: &Path) -> Vec<u8> {
    let bytes = std::fs::read(docx).expect("the DOCX");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("an entry");
        if entry.name() == "docProps/custom.xml" {
            continue;
        }
        let name = entry.name().to_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read");
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("an entry");
        out.write_all(&content).expect("written");
    }
    out.finish().expect("a ZIP").into_inner()
}

#[test]
fn a_docx_that_is_not_our_export_is_refused_unless_forced() {
    let (_folder, docx, draft) = fixture();
    std::fs::write(&docx, without_properties(&docx)).expect("written");
    let output = import(&docx, &draft, false);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(text(&docx))
            && message.contains(text(&draft))
            && message.contains("Empreinte du brouillon"),
        "{message}"
    );
    assert_eq!(import(&docx, &draft, true).status.code(), Some(0));
}

#[test]
fn unreadable_files_exit_with_2_naming_the_file() {
    let (folder, docx, draft) = fixture();
    let missing = folder.path().join("absent.docx");
    let cases = [
        (
            missing.clone(),
            draft.clone(),
            missing.clone(),
            "lecture impossible",
        ),
        // The draft given as the DOCX: not a DOCX.
        (
            draft.clone(),
            draft.clone(),
            draft.clone(),
            "c'est un fichier JSON (un brouillon ?) : donnez d'abord le DOCX relu",
        ),
        // The DOCX given as the draft: not a draft.
        (docx.clone(), docx.clone(), docx.clone(), ""),
        (
            docx.clone(),
            folder.path().join("absent.json"),
            folder.path().join("absent.json"),
            "lecture impossible",
        ),
    ];
    let before = std::fs::read(&draft).expect("the draft");
    for (reviewed, target, named, reason) in cases {
        let output = import(&reviewed, &target, false);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        let message = stderr(&output);
        assert!(
            message.contains(text(&named)) && message.contains(reason),
            "{message}"
        );
        assert_eq!(message.lines().count(), 1, "{message}");
    }
    assert_eq!(std::fs::read(&draft).expect("the draft"), before);
}

#[test]
fn a_read_only_draft_is_left_as_it_is() {
    let (_folder, docx, draft) = fixture();
    let before = std::fs::read(&draft).expect("the draft");
    let mut permissions = std::fs::metadata(&draft).expect("metadata").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&draft, permissions).expect("read-only");
    let output = import(&docx, &draft, false);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(text(&draft)) && message.contains("lecture seule : rien n'est importé"),
        "{message}"
    );
    assert_eq!(std::fs::read(&draft).expect("the draft"), before);
}

#[test]
fn the_summary_sends_no_control_character_of_the_draft_to_the_terminal() {
    let folder = tempfile::tempdir().expect("tempdir");
    let mut draft = model::example();
    draft.rgpd_matrix[0].topic = "Sujet \u{1b}]0;titre\u{7}\u{1b}[2J piégé".to_owned();
    let path = folder.path().join("convention.json");
    model::io::save(&path, &draft).expect("saved");
    let document = convention::document::render(&draft, &Default::default()).expect("renders");
    let exported = convention::export::docx::write_docx(&document).expect("a DOCX");
    // A reviewer's comment inside the anchor of the first RGPD row.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(exported)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("an entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("text");
        if entry.name() == "word/document.xml" {
            let at = text.find("_rgpd_matrix_0_topic").expect("the row's anchor");
            let at = at + text[at..].find("/>").expect("its end") + 2;
            text.insert_str(
                at,
                r#"<w:commentRangeStart w:id="0"/><w:r><w:t>x</w:t></w:r><w:commentRangeEnd w:id="0"/>"#,
            );
        }
        out.start_file(entry.name(), options).expect("a part");
        out.write_all(text.as_bytes()).expect("written");
    }
    out.start_file("word/comments.xml", options)
        .expect("a part");
    out.write_all(br#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Claire" w:date="2024-05-19T14:30:00Z"><w:p><w:r><w:t>Sujet ?</w:t></w:r></w:p></w:comment></w:comments>"#)
        .expect("written");
    let docx = folder.path().join("relu.docx");
    std::fs::write(&docx, out.finish().expect("a zip").into_inner()).expect("written");
    let output = import(&docx, &path, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(said.contains("1 commentaire importé : 1 sur « "), "{said}");
    assert!(said.contains("piégé"), "{said}");
    assert!(!said.contains(['\u{1b}', '\u{7}']), "{said:?}");
}

/// Whether python3 with python-docx ≥ 1.2 can run the fixture's script:
/// when it cannot, a note, or a failure where tools are required.
fn python_docx() -> bool {
    if !tools::available("python3") {
        return false;
    }
    let check = "import sys, docx; v = tuple(int(x) for x in docx.__version__.split('.')[:2]); sys.exit(0 if v >= (1, 2) else 1)";
    let found = Command::new("python3")
        .args(["-c", check])
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        if std::env::var_os("CONVENTION_REQUIRE_TOOLS").is_some() {
            panic!(
                "python-docx >= 1.2 is required here (CONVENTION_REQUIRE_TOOLS) but not installed"
            );
        }
        println!("note: python-docx >= 1.2 is not installed; check skipped");
    }
    found
}

#[test]
fn the_current_export_commented_by_python_docx_comes_back() {
    if !python_docx() {
        return;
    }
    let (folder, docx, draft) = fixture();
    let exported = export_of(&draft, folder.path());
    comment_with_python_docx(&exported, &docx);
    brings_back_the_reviewers_remarks(&docx, &draft);
}

/// The draft exported as `export.docx` in `folder`.
fn export_of(draft: &Path, folder: &Path) -> PathBuf {
    let exported = folder.join("export.docx");
    let output = convention(&["export", text(draft), "--docx", text(&exported)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    exported
}

/// `source` commented by python-docx as a reviewer would, into `docx`.
fn comment_with_python_docx(source: &Path, docx: &Path) {
    let status = tools::run(
        Command::new("python3")
            .arg(Path::new(FIXTURES).join("make_fixture.py"))
            .arg(source)
            .arg(docx),
        Duration::from_secs(60),
    );
    assert!(status.success(), "make_fixture.py failed: {status}");
}

/// Imports `docx` into `draft` and checks the reviewer's remarks are there.
fn brings_back_the_reviewers_remarks(docx: &Path, draft: &Path) {
    let output = import(docx, draft, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_the_reviewers_remarks(&model::load(draft).expect("the draft"));
}

/// `docx` saved again as DOCX by LibreOffice (in a profile of its own,
/// under `folder`); `None` when LibreOffice is not installed.
fn resaved_by_libreoffice(docx: &Path, folder: &Path) -> Option<PathBuf> {
    tools::libreoffice_convert(docx, folder, "docx:MS Word 2007 XML", "docx")
}

#[test]
fn an_export_saved_by_libreoffice_keeps_its_anchors_for_the_reviewer() {
    if !python_docx() {
        return;
    }
    let (folder, docx, draft) = fixture();
    let exported = export_of(&draft, folder.path());
    // The reviewer opens the export in LibreOffice and saves it, then
    // comments it with another program.
    let Some(saved) = resaved_by_libreoffice(&exported, folder.path()) else {
        return;
    };
    comment_with_python_docx(&saved, &docx);
    brings_back_the_reviewers_remarks(&docx, &draft);
}

#[test]
fn remarks_saved_by_libreoffice_come_back_on_their_fields() {
    let (folder, docx, draft) = fixture();
    let Some(saved) = resaved_by_libreoffice(&docx, folder.path()) else {
        return;
    };
    let output = import(&saved, &draft, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let imported = model::load(&draft).expect("the draft");
    let cp = Subject::Field(Field::ScheduleCp.at(0));
    for (start, about) in [
        ("Les CP 2022", cp),
        (
            "Préciser qui tient le registre.",
            Subject::Field(Field::RgpdDelegataire.at(0)),
        ),
        (
            "Paragraphe à raccourcir.",
            Subject::Article(Article::Preamble),
        ),
        (
            "Proposition : « Représenté par M. Fabien FIESCHI, Directeur du numérique, » → « Représenté par M. Fabien FIESCHI, Directeur général de l'administration, »",
            Subject::Field(Field::DelegantRepresentativeTitle.path()),
        ),
    ] {
        let comment = with_text(&imported, start);
        assert_eq!(comment.about, about, "{start}");
        assert_eq!(comment.author, REVIEWER, "{start}");
    }
    // LibreOffice writes the comments' own XML (and, in some versions,
    // drops which comment answers which): the answer is kept either way,
    // on the same field.
    let answer = "Vu avec le CBCM : montant confirmé.";
    let kept =
        imported.review.comments.iter().any(|c| {
            c.about == cp && (c.text == answer || c.replies.iter().any(|r| r.text == answer))
        });
    assert!(kept, "{:#?}", imported.review.comments);
}

#[test]
fn comments_exported_with_the_draft_come_back_once() {
    let (folder, _docx, draft) = fixture();
    let mut commented = model::load(&draft).expect("the draft");
    let review = &mut commented.review;
    let cp = Subject::Field(Field::ScheduleCp.at(0));
    let id = review.add_comment(cp, REVIEWER, utc("2024-06-03T10:15:00Z"), "CP 2022 ?");
    review
        .comment_mut(&id)
        .expect("the comment")
        .replies
        .push(Reply {
            author: "Paul Durand (DINUM)".into(),
            date: utc("2024-06-04T09:00:00Z"),
            text: "Confirmé.".into(),
        });
    let article = Subject::Article(Article::Numbered(7));
    review.add_comment(article, REVIEWER, utc("2024-06-03T11:00:00Z"), "Durée ?");
    let cell = Subject::Field(Field::RgpdDelegant.at(10));
    review.add_comment(cell, REVIEWER, utc("2024-06-03T11:30:00Z"), "Vide.");
    let whole = Subject::Document;
    review.add_comment(whole, REVIEWER, utc("2024-06-03T12:00:00Z"), "Tout relire.");
    let with_comments = folder.path().join("avec-remarques.json");
    model::io::save(&with_comments, &commented).expect("saved");
    let exported = folder.path().join("avec-remarques.docx");
    let output = convention(&[
        "export",
        text(&with_comments),
        "--comments",
        "--docx",
        text(&exported),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // Back into the draft they came from: nothing new.
    let before = std::fs::read(&with_comments).expect("the draft");
    let output = import(&exported, &with_comments, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Rien de nouveau"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read(&with_comments).expect("the draft"), before);

    // Into the same draft without them: each on its field or article.
    let output = import(&exported, &draft, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let imported = model::load(&draft).expect("the draft");
    assert_eq!(imported.review.comments.len(), 4);
    let back = with_text(&imported, "CP 2022 ?");
    assert_eq!((back.about, back.replies.len()), (cp, 1));
    assert_eq!(with_text(&imported, "Durée ?").about, article);
    assert_eq!(with_text(&imported, "Vide.").about, cell);
}

#[test]
fn the_changes_of_a_redline_export_are_not_proposed_again() {
    let (folder, _docx, draft) = fixture();
    let mut newer = model::load(&draft).expect("the draft");
    newer.delegant.representative.title = "Directeur général de l'administration".into();
    newer.end_date = chrono::NaiveDate::from_ymd_opt(2024, 12, 31);
    let new = folder.path().join("v2.json");
    model::io::save(&new, &newer).expect("saved");
    let redline = folder.path().join("v2-modifications.docx");
    let output = convention(&[
        "export",
        text(&new),
        "--against",
        text(&draft),
        "--docx",
        text(&redline),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = import(&redline, &new, false);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("que le brouillon contient déjà"),
        "{}",
        stdout(&output)
    );
    let imported = model::load(&new).expect("the draft");
    assert!(
        imported.review.comments.is_empty(),
        "{:#?}",
        imported.review.comments
    );
}
