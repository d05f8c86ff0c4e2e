//! The `convention export` command as a user runs it: both files by
//! default, refusals that protect the user's files, clear errors, no
//! half-written file, the same bytes each time.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;

use common::{REFERENCE, convention, stderr};

fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A fresh folder holding `reference.json`.
fn folder_with_reference() -> (tempfile::TempDir, PathBuf) {
    folder_with("reference.json", REFERENCE)
}

fn folder_with(name: &str, content: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join(name);
    std::fs::write(&path, content).expect("write draft");
    (folder, path)
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("read folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn with_errors() -> String {
    let mut value: Value = serde_json::from_str(REFERENCE).expect("json");
    value["budget"]["schedule"][0]["cp"] = Value::String("99999.00".to_owned());
    serde_json::to_string_pretty(&value).expect("json")
}

#[test]
fn without_options_both_files_go_beside_the_draft() {
    let (folder, draft) = folder_with_reference();
    let output = convention(&["export", arg(&draft)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let listed = String::from_utf8_lossy(&output.stdout);
    assert!(listed.contains("reference.docx") && listed.contains("reference.pdf"));
    assert_eq!(
        names_in(folder.path()),
        ["reference.docx", "reference.json", "reference.pdf"]
    );
    let docx = std::fs::read(folder.path().join("reference.docx")).expect("docx");
    let pdf = std::fs::read(folder.path().join("reference.pdf")).expect("pdf");
    assert!(docx.starts_with(b"PK\x03\x04"));
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(std::fs::read_to_string(&draft).expect("draft"), REFERENCE);
    // The reference's warnings are recalled, not hidden.
    assert!(
        stderr(&output).contains("1 avertissement,"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_same_draft_gives_the_same_docx_every_time() {
    let (folder, draft) = folder_with_reference();
    let first = folder.path().join("a.docx");
    let second = folder.path().join("b.docx");
    for out in [&first, &second] {
        let output = convention(&["export", arg(&draft), "--docx", arg(out)]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    assert_eq!(
        std::fs::read(&first).expect("a"),
        std::fs::read(&second).expect("b")
    );
}

#[test]
fn a_draft_with_errors_is_refused_unless_forced() {
    let (folder, draft) = folder_with("faux.json", &with_errors());
    let pdf = folder.path().join("faux.pdf");
    let refused = convention(&["export", arg(&draft), "--pdf", arg(&pdf)]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stdout).into_owned() + &stderr(&refused);
    assert!(said.contains("budget.schedule[0].cp"), "{said}");
    assert!(said.contains("--allow-errors"), "{said}");
    assert!(!pdf.exists(), "nothing is written when refused");

    let forced = convention(&["export", arg(&draft), "--pdf", arg(&pdf), "--allow-errors"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert!(stderr(&forced).contains("PROJET"), "{}", stderr(&forced));
    assert!(pdf.is_file());
}

#[test]
fn an_unwritable_destination_names_the_path_and_leaves_nothing() {
    let (folder, draft) = folder_with_reference();
    let out = folder.path().join("absent").join("sortie.pdf");
    let output = convention(&["export", arg(&draft), "--pdf", arg(&out)]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains(arg(&out)), "{message}");
    assert!(message.contains("introuvable"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert_eq!(names_in(folder.path()), ["reference.json"]);
}

#[test]
fn a_bad_second_destination_writes_neither_file() {
    let (folder, draft) = folder_with_reference();
    let docx = folder.path().join("ok.docx");
    let pdf = folder.path().join("absent").join("a.pdf");
    let output = convention(&[
        "export",
        arg(&draft),
        "--docx",
        arg(&docx),
        "--pdf",
        arg(&pdf),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains(arg(&pdf)), "{message}");
    assert!(message.contains("aucun fichier n'a été écrit"), "{message}");
    assert!(output.stdout.is_empty(), "nothing is listed as written");
    assert_eq!(names_in(folder.path()), ["reference.json"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_target_is_refused_and_the_other_file_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    let (folder, draft) = folder_with_reference();
    let docx = folder.path().join("c.docx");
    let pdf = folder.path().join("c.pdf");
    std::fs::write(&docx, "ancien docx").expect("write");
    std::fs::write(&pdf, "ancien pdf").expect("write");
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let output = convention(&[
        "export",
        arg(&draft),
        "--docx",
        arg(&docx),
        "--pdf",
        arg(&pdf),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("lecture seule"), "{message}");
    assert!(message.contains("aucun fichier n'a été écrit"), "{message}");
    assert_eq!(std::fs::read(&docx).expect("docx"), b"ancien docx");
    assert_eq!(std::fs::read(&pdf).expect("pdf"), b"ancien pdf");
    // A save over a read-only draft is refused the same way.
    let output = convention(&["new", "-o", arg(&pdf.with_extension("json")), "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = pdf.with_extension("json");
    std::fs::set_permissions(&json, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&json).expect("json");
    let output = convention(&["new", "--example", "-o", arg(&json), "--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("lecture seule"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&json).expect("json"), before);
    let leftovers: Vec<String> = names_in(folder.path())
        .into_iter()
        .filter(|name| name.starts_with(".convention-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_export_never_replaces_the_draft_itself() {
    let (folder, draft) = folder_with("brouillon.pdf", REFERENCE);
    // Also through another spelling of the same path.
    let other_spelling = folder.path().join(".").join("brouillon.pdf");
    for out in [&draft, &other_spelling] {
        let output = convention(&["export", arg(&draft), "--pdf", arg(out)]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("brouillon lui-même"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(std::fs::read_to_string(&draft).expect("draft"), REFERENCE);
}

#[test]
fn docx_and_pdf_cannot_share_a_file_nor_swap_extensions() {
    let (folder, draft) = folder_with_reference();
    let docx = folder.path().join("sortie.docx");
    let pdf = folder.path().join("sortie.pdf");
    let swapped = convention(&["export", arg(&draft), "--docx", arg(&pdf)]);
    assert_eq!(swapped.status.code(), Some(2));
    assert!(stderr(&swapped).contains(".docx"), "{}", stderr(&swapped));
    let swapped = convention(&["export", arg(&draft), "--pdf", arg(&docx)]);
    assert_eq!(swapped.status.code(), Some(2));
    // Upper case extensions are fine.
    let upper = folder.path().join("SORTIE.PDF");
    let output = convention(&["export", arg(&draft), "--pdf", arg(&upper)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(names_in(folder.path()), ["SORTIE.PDF", "reference.json"]);
}

#[cfg(unix)]
#[test]
fn devices_and_folders_are_not_replaced() {
    use std::os::unix::fs::FileTypeExt as _;
    let (folder, draft) = folder_with_reference();
    let dir = folder.path().join("dossier.pdf");
    std::fs::create_dir(&dir).expect("mkdir");
    let output = convention(&["export", arg(&draft), "--pdf", arg(&dir)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("dossier"), "{}", stderr(&output));
    assert!(dir.is_dir());

    // A link named like a PDF that points at a device: the device stays.
    let link = folder.path().join("nul.pdf");
    std::os::unix::fs::symlink("/dev/null", &link).expect("symlink");
    let output = convention(&["export", arg(&draft), "--pdf", arg(&link)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("fichier ordinaire"),
        "{}",
        stderr(&output)
    );
    let null = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(null.file_type().is_char_device());
}

#[cfg(unix)]
#[test]
fn a_link_is_followed_and_kept() {
    let (folder, draft) = folder_with_reference();
    let real = folder.path().join("archive");
    std::fs::create_dir(&real).expect("mkdir");
    let target = real.join("convention.pdf");
    std::fs::write(&target, b"old").expect("old file");
    let link = folder.path().join("dernier.pdf");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let output = convention(&["export", arg(&draft), "--pdf", arg(&link)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read(&target)
            .expect("target")
            .starts_with(b"%PDF-")
    );
    assert_eq!(
        names_in(&real),
        ["convention.pdf"],
        "no temporary file left"
    );
}

#[test]
fn template_problems_are_named() {
    let (folder, draft) = folder_with_reference();
    let pdf = folder.path().join("sortie.pdf");
    let missing = folder.path().join("modeles");
    let export_with_template = || {
        convention(&[
            "export",
            arg(&draft),
            "--pdf",
            arg(&pdf),
            "--template",
            arg(&missing),
        ])
    };
    let output = export_with_template();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("introuvable"),
        "{}",
        stderr(&output)
    );

    std::fs::create_dir(&missing).expect("mkdir");
    std::fs::write(
        missing.join("convention.md.j2"),
        "# Titre\n\nLigne deux\n{% if %}\n",
    )
    .expect("template");
    let output = export_with_template();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("convention.md.j2"), "{message}");
    assert!(message.contains("ligne 4"), "{message}");
    assert!(!pdf.exists());
}

#[test]
fn hostile_text_exports_without_a_crash() {
    let mut value: Value = serde_json::from_str(REFERENCE).expect("json");
    let long_word = "x".repeat(5000);
    value["object"]["purpose"] = Value::String(format!(
        "<w:p> & \"quotes\" ]]> \u{1}\u{7}\u{1b} {long_word} ** _ # | {{{{ }}}}"
    ));
    value["delegant"]["name"] = Value::String("A\u{0}B & <C>".to_owned());
    let text = serde_json::to_string(&value).expect("json");
    let (folder, draft) = folder_with("hostile.json", &text);
    let output = convention(&["export", arg(&draft), "--allow-errors"]);
    assert!(
        matches!(output.status.code(), Some(0)),
        "{}",
        stderr(&output)
    );
    assert!(folder.path().join("hostile.pdf").is_file());
    assert!(folder.path().join("hostile.docx").is_file());
}
