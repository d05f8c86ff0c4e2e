//! The hostile corpus (tests/hostile/): every case is refused cleanly
//! (exit 2 naming the file, in French, nothing written) or checked and
//! exported to sound files; within seconds, without a panic, the input
//! untouched. The stored cases are in `tests/hostile/cases.tsv`; those too
//! big or too special to store (over the size cap, a FIFO, /dev/zero,
//! 100 000 nested lists, huge lists, a hostile file name) are made here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
mod tools;

use common::REFERENCE;

/// How long one run may take (a debug build, on a loaded machine).
const PATIENCE: Duration = Duration::from_secs(60);

/// Runs `convention` with these arguments, killing it after [`PATIENCE`].
fn run(args: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_convention"))
        .env("TZ", "UTC")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("convention {args:?} still runs after {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What a run printed, both streams.
fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Checks what every run must do, whatever the input: no panic, no English
/// of the usual kinds, nothing that drives the terminal.
fn assert_sane(output: &Output, case: &str) {
    let text = said(output);
    assert!(!text.contains("panicked"), "{case}: {text}");
    for english in [
        "expected ",
        "invalid type",
        "missing field",
        "unknown field",
        "at line ",
        "error in ",
        "out of memory",
        "No such file",
    ] {
        assert!(
            !text.contains(english),
            "{case}: English « {english} »: {text}"
        );
    }
    for byte in [&output.stdout, &output.stderr] {
        assert!(
            !byte.contains(&0x1b),
            "{case}: a raw ESC reached the terminal"
        );
    }
    for c in ['\u{202e}', '\u{2066}', '\u{9b}', '\u{7}'] {
        assert!(!text.contains(c), "{case}: {c:?} reached the terminal");
    }
}

/// The files of a folder.
fn listing(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("list")
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// Exports `input` into a fresh folder and checks the outcome: on success
/// both files are there, the DOCX's XML parts well-formed, the PDF whole
/// (its text is returned: the DOCX's `word/document.xml`); on refusal the
/// folder is still empty.
fn assert_export(input: &Path, expected: i32, case: &str) -> Option<String> {
    let out = tempfile::tempdir().expect("tempdir");
    let (docx, pdf) = (out.path().join("a.docx"), out.path().join("a.pdf"));
    let output = run(&[
        "export".as_ref(),
        input.as_os_str(),
        "--docx".as_ref(),
        docx.as_os_str(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]);
    assert_sane(&output, case);
    assert_eq!(
        output.status.code(),
        Some(expected),
        "{case}: {}",
        said(&output)
    );
    if expected == 0 {
        let docx = std::fs::read(&docx).expect("the DOCX is written");
        let pdf = std::fs::read(&pdf).expect("the PDF is written");
        assert!(docx.starts_with(b"PK\x03\x04"), "{case}: DOCX");
        let parts = tools::docx_parts(&docx);
        for (name, text) in parts.iter().filter(|(name, _)| name.ends_with(".xml")) {
            if let Err(error) = roxmltree::Document::parse(text) {
                panic!("{case}: {name} is not well-formed XML: {error}");
            }
        }
        assert!(pdf.starts_with(b"%PDF-"), "{case}: PDF");
        let tail = &pdf[pdf.len().saturating_sub(16)..];
        assert!(
            tail.windows(5).any(|w| w == b"%%EOF"),
            "{case}: a whole PDF"
        );
        assert_eq!(listing(out.path()).len(), 2, "{case}: only the two files");
        parts.get("word/document.xml").cloned()
    } else {
        assert!(listing(out.path()).is_empty(), "{case}: written on refusal");
        None
    }
}

/// What the DOCX of some cases must say literally: the draft's text is
/// text, never markup, XML or template code.
const LITERALLY: &[(&str, &str)] = &[
    ("template-specials.json", "{{ 7 * 7 }} {% include"),
    ("xml-specials.json", "&lt;/w:t&gt;&lt;/w:r&gt;"),
    ("emoji-and-scripts.json", "עברית Ελληνικά Кириллица"),
];

/// Runs `check` on a file and returns what it printed, after the checks
/// every case passes.
fn check(input: &Path, expected: i32, case: &str) -> String {
    let output = run(&["check".as_ref(), input.as_os_str()]);
    assert_sane(&output, case);
    let text = said(&output);
    assert_eq!(output.status.code(), Some(expected), "{case}: {text}");
    if expected == 2 {
        let name = input.file_name().expect("name").to_string_lossy();
        // A hostile name is shown escaped (see the test on it).
        if !name.chars().any(char::is_control) {
            assert!(
                text.contains(&*name),
                "{case}: the file is not named: {text}"
            );
        }
    }
    text
}

#[test]
fn the_stored_corpus_gives_the_expected_exits_and_messages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let table = std::fs::read_to_string(root.join("cases.tsv")).expect("the table");
    let mut seen = Vec::new();
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let columns: Vec<&str> = line.split('\t').collect();
        let [file, check_exit, export_exit, fragment] = columns[..] else {
            panic!("a line of cases.tsv has not four columns: {line}");
        };
        let input = root.join("files").join(file);
        let before = std::fs::read(&input).unwrap_or_else(|e| panic!("{file}: {e}"));
        let text = check(&input, check_exit.parse().expect("exit"), file);
        // Every message is one readable line, whatever the file holds (a
        // quoted value is cut at 60 characters).
        let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(longest < 2000, "{file}: a line of {longest} characters");
        assert!(
            text.contains(fragment),
            "{file}: « {fragment} » not in: {text}"
        );
        if export_exit != "-" {
            let document = assert_export(&input, export_exit.parse().expect("exit"), file);
            if let Some((_, literal)) = LITERALLY.iter().find(|(name, _)| *name == file) {
                let document = document.expect("exported");
                assert!(
                    document.contains(literal),
                    "{file}: « {literal} » not in the DOCX"
                );
            }
        }
        assert_eq!(
            std::fs::read(&input).expect("reread"),
            before,
            "{file}: changed"
        );
        seen.push(file.to_owned());
    }
    // Every stored file has its line.
    for path in listing(&root.join("files")) {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(seen.contains(&name), "{name} has no line in cases.tsv");
    }
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_it_is_parsed() {
    let folder = tempfile::tempdir().expect("tempdir");
    let big = folder.path().join("gros.json");
    let mut text = REFERENCE.to_owned();
    let padding = " ".repeat(17 * 1024 * 1024);
    text.insert_str(1, &padding);
    std::fs::write(&big, &text).expect("write");
    let said = check(&big, 2, "gros.json");
    assert!(
        said.contains("trop grand") && said.contains("16 Mio"),
        "{said}"
    );
    assert_export(&big, 2, "gros.json");
}

#[cfg(unix)]
#[test]
fn a_fifo_and_a_device_are_refused_at_once() {
    let folder = tempfile::tempdir().expect("tempdir");
    let fifo = folder.path().join("x.json");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo");
    let start = Instant::now();
    let said = check(&fifo, 2, "FIFO");
    assert!(said.contains("tube nommé"), "{said}");
    assert_export(&fifo, 2, "FIFO");
    let said = check(Path::new("/dev/zero"), 2, "/dev/zero");
    assert!(said.contains("périphérique"), "{said}");
    assert_export(Path::new("/dev/zero"), 2, "/dev/zero");
    let said = check(folder.path(), 2, "a folder");
    assert!(said.contains("dossier"), "{said}");
    assert!(start.elapsed() < Duration::from_secs(30), "at once");
}

#[test]
fn deep_nesting_and_huge_lists_end_within_seconds() {
    let folder = tempfile::tempdir().expect("tempdir");
    let deep = folder.path().join("profond.json");
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = REFERENCE.replacen("\"2022-12-31\"", &nested, 1);
    std::fs::write(&deep, text).expect("write");
    let said = check(&deep, 2, "profond.json");
    assert!(said.contains("imbrication trop profonde"), "{said}");

    // At the reader's cap (10 000), a list reads, with a warning; one more
    // and the file is refused at that place. 20 000 visas, or a million
    // (4 Mio), are refused at once, not read into gigabytes.
    let with_visas = |count: usize, name: &str| {
        let mut draft: serde_json::Value = serde_json::from_str(REFERENCE).expect("json");
        draft["visas"] = serde_json::Value::Array(
            (0..count)
                .map(|i| serde_json::Value::String(format!("le décret n° {i}")))
                .collect(),
        );
        let path = folder.path().join(name);
        std::fs::write(&path, serde_json::to_string_pretty(&draft).expect("json")).expect("write");
        path
    };
    let at_cap = with_visas(10_000, "liste.json");
    let start = Instant::now();
    let said = check(&at_cap, 0, "liste.json");
    assert!(
        said.contains("10\u{202f}000 éléments, soit plus de 100 ;"),
        "{said}"
    );
    assert!(said.contains("[content.long-list]"), "{said}");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    for (count, name) in [(10_001, "liste-10001.json"), (20_000, "liste-20000.json")] {
        let said = check(&with_visas(count, name), 2, name);
        assert!(said.contains("visas (ligne 10"), "{said}");
        assert!(
            said.contains("liste trop longue : plus de 10\u{202f}000 éléments"),
            "{said}"
        );
    }
    let mut million = String::from("{\"format_version\": 3, \"visas\": [");
    million.push_str(&vec!["\"x\""; 1_000_000].join(","));
    million.push_str("]}");
    let million_path = folder.path().join("million.json");
    std::fs::write(&million_path, million).expect("write");
    let start = Instant::now();
    let said = check(&million_path, 2, "million.json");
    assert!(said.contains("liste trop longue"), "{said}");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );

    // Every list of the model has the cap.
    let reference: serde_json::Value = serde_json::from_str(REFERENCE).expect("json");
    let comment = serde_json::json!({"id": "c1", "about": "document", "author": "A",
        "date": "2022-05-02T09:31:00Z", "text": "x"});
    let change = serde_json::json!({"status": "en_relecture", "author": "A",
        "date": "2022-05-02T09:30:00Z"});
    let reply = serde_json::json!({"author": "A", "date": "2022-05-03T08:00:00Z", "text": "x"});
    let lists: [(&str, &[&str], serde_json::Value); 8] = [
        ("visas", &["visas"], serde_json::json!("x")),
        (
            "commitments",
            &["commitments"],
            serde_json::json!({"text": "x"}),
        ),
        (
            "budget.schedule",
            &["budget", "schedule"],
            reference["budget"]["schedule"][0].clone(),
        ),
        (
            "chorus.activites",
            &["chorus", "activites"],
            reference["chorus"]["activites"][0].clone(),
        ),
        (
            "rgpd_matrix",
            &["rgpd_matrix"],
            reference["rgpd_matrix"][0].clone(),
        ),
        ("review.history", &["review", "history"], change),
        (
            "review.comments[0].replies",
            &["review", "comments", "0", "replies"],
            reply,
        ),
        ("review.comments", &["review", "comments"], comment.clone()),
    ];
    for (field, at, item) in lists {
        let mut draft = reference.clone();
        draft["review"] = serde_json::json!({"comments": [comment.clone()]});
        let mut place = &mut draft;
        for key in at {
            place = match key.parse::<usize>() {
                Ok(index) => &mut place[index],
                Err(_) => &mut place[*key],
            };
        }
        let cap = if field == "rgpd_matrix" {
            convention::model::limits::MAX_RGPD_ROWS
        } else {
            convention::model::limits::MAX_LIST
        };
        let items: Vec<serde_json::Value> = (0..=cap)
            .map(|i| {
                let mut item = item.clone();
                if field == "review.comments" {
                    item["id"] = serde_json::json!(format!("c{i}"));
                }
                item
            })
            .collect();
        *place = serde_json::Value::Array(items);
        let name = format!("{field}.json");
        let path = folder.path().join(&name);
        std::fs::write(&path, draft.to_string()).expect("write");
        let said = check(&path, 2, &name);
        assert!(
            said.contains(&format!("{field} (ligne 1, colonne"))
                && said.contains("liste trop longue"),
            "{field}: {said}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_hostile_file_name_cannot_forge_output() {
    let folder = tempfile::tempdir().expect("tempdir");
    let name = "a\u{1b}[2J\u{1b}[1;1H\nconvention: tout va bien\u{202e}nosj.json";
    let hostile = folder.path().join(name);
    std::fs::write(&hostile, "{").expect("write");
    let said = check(&hostile, 2, "hostile name");
    assert_eq!(said.lines().count(), 1, "one line: {said}");
    assert!(said.contains("a\\u{1b}[2J"), "escaped: {said}");
    assert!(
        said.contains("\\nconvention: tout va bien\\u{202e}"),
        "{said}"
    );
    // A valid draft under that name: the findings' lines too.
    std::fs::write(&hostile, REFERENCE).expect("write");
    let output = run(&["check".as_ref(), hostile.as_os_str()]);
    assert_sane(&output, "hostile name, valid draft");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let start = format!("{}/a\\u{{1b}}[2J", folder.path().display());
    assert!(stdout.lines().count() > 0);
    for line in stdout.lines() {
        assert!(line.starts_with(&start), "{line}");
    }
}

#[test]
fn an_import_never_writes_a_draft_it_could_not_reopen() {
    // A 57 Kio DOCX of a few huge paragraphs: its draft (each paragraph in
    // its field and in a remark « Import ») would be 17,7 Mio, over the
    // 16 Mio that drafts are read up to.
    let docx =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/imports/big-paragraphs.docx");
    let folder = tempfile::tempdir().expect("tempdir");
    let draft = folder.path().join("gros.json");
    let output = run(&[
        "import".as_ref(),
        docx.as_os_str(),
        "-o".as_ref(),
        draft.as_os_str(),
    ]);
    assert_sane(&output, "import");
    let text = said(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("big-paragraphs.docx")
            && text.contains("ne pourrait pas rouvrir")
            && text.contains("16 Mio"),
        "{text}"
    );
    assert!(!draft.exists(), "nothing written");
}

/// A hostile template folder: its name, its main template, what else it
/// holds, and a fragment of the refusal.
struct HostileTemplate {
    case: &'static str,
    main: &'static str,
    setup: fn(&Path),
    fragment: &'static str,
}

/// Nothing more in the folder.
fn bare(_: &Path) {}

#[cfg(unix)]
fn link(target: &str, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("link");
}

#[cfg(unix)]
fn fifo(at: &Path) {
    let made = Command::new("mkfifo").arg(at).status().expect("mkfifo");
    assert!(made.success(), "mkfifo");
}

#[cfg(unix)]
#[test]
fn hostile_templates_are_refused_within_seconds_naming_the_template() {
    let loops =
        "# T\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n";
    let cases = [
        HostileTemplate {
            case: "absolute include",
            main: "# T\n\n{% include '/etc/passwd' %}\n",
            setup: bare,
            fragment: "ligne 3 : inclusion refusée : « /etc/passwd » n'est pas un fichier du dossier du modèle",
        },
        HostileTemplate {
            case: "include up",
            main: "# T\n\n{% include '../../../../../../etc/passwd' %}\n",
            setup: bare,
            fragment: "inclusion refusée : « ../../../../../../etc/passwd »",
        },
        HostileTemplate {
            case: "Windows drive",
            main: "# T\n\n{% include 'C:\\\\Windows\\\\win.ini' %}\n",
            setup: bare,
            fragment: "inclusion refusée : « C:\\Windows\\win.ini »",
        },
        HostileTemplate {
            case: "UNC path",
            main: "# T\n\n{% include '\\\\\\\\serveur\\\\partage\\\\m.j2' %}\n",
            setup: bare,
            fragment: "inclusion refusée : « \\\\serveur\\partage\\m.j2 »",
        },
        HostileTemplate {
            case: "link out",
            main: "# T\n\n{% include 'lien.j2' %}\n",
            setup: |folder| link("/etc/passwd", &folder.join("lien.j2")),
            fragment: "« lien.j2 » mène hors du dossier du modèle",
        },
        HostileTemplate {
            case: "include /dev/zero",
            main: "# T\n\n{% include 'z' %}\n",
            setup: |folder| link("/dev/zero", &folder.join("z")),
            fragment: "« z » mène hors du dossier du modèle",
        },
        HostileTemplate {
            case: "include a FIFO",
            main: "# T\n\n{% include 'f' %}\n",
            setup: |folder| fifo(&folder.join("f")),
            fragment: "« f » : ce n'est pas un fichier ordinaire mais un tube nommé",
        },
        HostileTemplate {
            case: "missing include",
            main: "# T\n\n{% include 'absent.j2' %}\n",
            setup: bare,
            fragment: "modèle inclus introuvable : « absent.j2 »",
        },
        HostileTemplate {
            case: "nested loops",
            main: loops,
            setup: bare,
            fragment: "ligne 3 : le modèle dépasse sa limite de calcul",
        },
        HostileTemplate {
            case: "huge string",
            main: "# T\n\n{{ 'x' * 100000000 }}\n",
            setup: bare,
            fragment: "limite de calcul",
        },
        HostileTemplate {
            case: "endless writing",
            main: "# T\n\n{% for i in range(100000) %}{{ 'x' * 5000 }}\n{% endfor %}\n",
            setup: bare,
            fragment: "le modèle produit trop de texte (plus de 4,1 Mio",
        },
        HostileTemplate {
            case: "huge range",
            main: "# T\n\n{% for i in range(100000000) %}x{% endfor %}\n",
            setup: bare,
            fragment: "range() : 100 000 éléments au plus",
        },
        HostileTemplate {
            case: "endless macro",
            main: "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n",
            setup: bare,
            fragment: "appels sans fin",
        },
        HostileTemplate {
            case: "includes itself",
            main: "{% include 'convention.md.j2' %}\n",
            setup: bare,
            fragment: "appels sans fin",
        },
        HostileTemplate {
            case: "main is /dev/zero",
            main: "",
            setup: |folder| {
                std::fs::remove_file(folder.join("convention.md.j2")).expect("remove");
                link("/dev/zero", &folder.join("convention.md.j2"));
            },
            fragment: "« convention.md.j2 » mène hors du dossier du modèle",
        },
        HostileTemplate {
            case: "main is a FIFO",
            main: "",
            setup: |folder| {
                std::fs::remove_file(folder.join("convention.md.j2")).expect("remove");
                fifo(&folder.join("convention.md.j2"));
            },
            fragment: "tube nommé",
        },
        HostileTemplate {
            case: "syntax",
            main: "# T\n{% if %}\n",
            setup: bare,
            fragment: "ligne 2 : erreur de syntaxe",
        },
    ];
    for case in cases {
        let folder = tempfile::tempdir().expect("tempdir");
        std::fs::write(folder.path().join("convention.md.j2"), case.main).expect("write");
        (case.setup)(folder.path());
        let drafts = tempfile::tempdir().expect("tempdir");
        let draft = drafts.path().join("d.json");
        std::fs::write(&draft, REFERENCE).expect("write");
        let out = tempfile::tempdir().expect("tempdir");
        let start = Instant::now();
        let output = run(&[
            "export".as_ref(),
            draft.as_os_str(),
            "--template".as_ref(),
            folder.path().as_os_str(),
            "--out-dir".as_ref(),
            out.path().as_os_str(),
        ]);
        let took = start.elapsed();
        assert_sane(&output, case.case);
        let text = said(&output);
        assert_eq!(output.status.code(), Some(2), "{}: {text}", case.case);
        assert!(
            text.contains("convention.md.j2") && text.contains(case.fragment),
            "{}: « {} » not in: {text}",
            case.case,
            case.fragment
        );
        assert!(!text.contains("root:"), "{}: {text}", case.case);
        assert_eq!(text.lines().count(), 1, "{}: {text}", case.case);
        assert!(listing(out.path()).is_empty(), "{}: written", case.case);
        assert!(took < Duration::from_secs(20), "{}: {took:?}", case.case);
    }
}

/// A stored case of the corpus.
fn stored(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile/files")
        .join(name)
}

#[test]
fn summary_portfolio_and_new_never_replace_a_draft_they_read() {
    let folder = tempfile::tempdir().expect("tempdir");
    let at = |name: &str| folder.path().join(name);
    for name in ["draft.json", "other.json", "d.pdf"] {
        std::fs::write(at(name), REFERENCE).expect("write");
    }
    std::fs::hard_link(at("draft.json"), at("hard.json")).expect("hard link");
    let folder_arg = folder.path().as_os_str();
    let cases: Vec<(&str, Vec<&std::ffi::OsStr>)> = vec![
        (
            "summary -o draft",
            vec![
                "summary".as_ref(),
                at("draft.json").into_os_string().leak(),
                "-o".as_ref(),
                at("draft.json").into_os_string().leak(),
            ],
        ),
        (
            "summary -o its hard link",
            vec![
                "summary".as_ref(),
                at("draft.json").into_os_string().leak(),
                "-o".as_ref(),
                at("hard.json").into_os_string().leak(),
            ],
        ),
        (
            "summary of a draft named .pdf",
            vec![
                "summary".as_ref(),
                at("d.pdf").into_os_string().leak(),
                "-o".as_ref(),
                at("d.pdf").into_os_string().leak(),
            ],
        ),
        (
            "portfolio -o draft",
            vec![
                "portfolio".as_ref(),
                at("draft.json").into_os_string().leak(),
                "-o".as_ref(),
                at("draft.json").into_os_string().leak(),
            ],
        ),
        (
            "portfolio --format json -o the second",
            vec![
                "portfolio".as_ref(),
                at("draft.json").into_os_string().leak(),
                at("other.json").into_os_string().leak(),
                "--format".as_ref(),
                "json".as_ref(),
                "-o".as_ref(),
                at("other.json").into_os_string().leak(),
            ],
        ),
        (
            "portfolio of the folder --format csv -o a draft in it",
            vec![
                "portfolio".as_ref(),
                folder_arg,
                "--format".as_ref(),
                "csv".as_ref(),
                "-o".as_ref(),
                at("draft.json").into_os_string().leak(),
            ],
        ),
        (
            "new --from -o the old one --force",
            vec![
                "new".as_ref(),
                "--from".as_ref(),
                at("draft.json").into_os_string().leak(),
                "-o".as_ref(),
                at("draft.json").into_os_string().leak(),
                "--force".as_ref(),
            ],
        ),
    ];
    for (case, args) in cases {
        let output = run(&args);
        assert_sane(&output, case);
        assert_eq!(output.status.code(), Some(2), "{case}: {}", said(&output));
        let text = said(&output);
        assert!(
            text.contains("le remplacerait") || text.contains("la remplacerait"),
            "{case}: {text}"
        );
        assert!(text.contains("rien n'a été écrit"), "{case}: {text}");
        for name in ["draft.json", "other.json", "d.pdf"] {
            assert_eq!(
                std::fs::read_to_string(at(name)).expect("read"),
                REFERENCE,
                "{case}: {name} changed"
            );
        }
    }
}

#[test]
fn typed_text_is_escaped_in_every_output() {
    let input = stored("typed-controls-everywhere.json");
    let input = input.as_os_str();
    for (case, args) in [
        ("summary", vec!["summary".as_ref(), input]),
        ("portfolio text", vec!["portfolio".as_ref(), input]),
        (
            "portfolio json",
            vec![
                "portfolio".as_ref(),
                input,
                "--format".as_ref(),
                "json".as_ref(),
            ],
        ),
        (
            "portfolio csv",
            vec![
                "portfolio".as_ref(),
                input,
                "--format".as_ref(),
                "csv".as_ref(),
            ],
        ),
        ("new --from", vec!["new".as_ref(), "--from".as_ref(), input]),
    ] {
        let output = run(&args);
        assert_sane(&output, case);
        assert_eq!(output.status.code(), Some(0), "{case}: {}", said(&output));
        // The CSV's rows end in CRLF, as spreadsheets expect.
        let stdout = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
        for c in ['\u{85}', '\u{202e}', '\u{9b}', '\r'] {
            assert!(!stdout.contains(c), "{case}: {c:?} printed raw");
        }
        if case == "summary" {
            // One line per fact: the forged line stays inside its own.
            assert!(
                !stdout.lines().any(|l| l.starts_with("convention: forged")),
                "{stdout}"
            );
            assert!(stdout.contains("\\u{1b}[2J"), "{stdout}");
        }
        if case.ends_with("json") || case == "new --from" {
            let value: serde_json::Value = serde_json::from_str(&stdout).expect("still JSON");
            // The same value: the override is still there, escaped.
            assert!(value.to_string().contains('\u{202e}'), "{case}: {stdout}");
            assert!(stdout.contains("\\u202e"), "{case}: {stdout}");
        }
    }
}

#[test]
fn the_import_report_escapes_the_documents_text() {
    let folder = tempfile::tempdir().expect("tempdir");
    let draft = folder.path().join("imported.json");
    let output = run(&[
        "import".as_ref(),
        stored("import-c1-bidi.docx").as_os_str(),
        "-o".as_ref(),
        draft.as_os_str(),
    ]);
    assert_sane(&output, "import c1 bidi");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        said(&output)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains('\u{85}'), "NEL printed raw: {stdout}");
    assert!(
        stdout.contains("\\u{9b}") && stdout.contains("\\u{202e}"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_said_in_french() {
    let folder = tempfile::tempdir().expect("tempdir");
    let looped = folder.path().join("loop.json");
    std::os::unix::fs::symlink(&looped, &looped).expect("link");
    let said = check(&looped, 2, "link loop");
    assert!(said.contains("boucle de liens symboliques"), "{said}");
    let long = folder.path().join(format!("{}.json", "n".repeat(300)));
    let said = check(&long, 2, "name too long");
    assert!(
        said.contains("nom de fichier ou chemin trop long"),
        "{said}"
    );
}

#[cfg(unix)]
#[test]
fn drafts_whose_names_are_not_utf8_keep_their_own_outputs() {
    use std::os::unix::ffi::OsStrExt as _;
    let folder = tempfile::tempdir().expect("tempdir");
    let named = |bytes: &[u8]| folder.path().join(std::ffi::OsStr::from_bytes(bytes));
    let (ff, fe) = (named(b"x\xff.json"), named(b"x\xfe.json"));
    std::fs::write(&ff, REFERENCE).expect("write");
    std::fs::write(&fe, REFERENCE).expect("write");
    let output = run(&["export".as_ref(), ff.as_os_str(), fe.as_os_str()]);
    assert_sane(&output, "names not UTF-8");
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    for name in [
        &b"x\xff.docx"[..],
        b"x\xff.pdf",
        b"x\xfe.docx",
        b"x\xfe.pdf",
    ] {
        assert!(named(name).is_file(), "{:?} missing", named(name));
    }
    assert!(said(&output).contains("x\\xff.json"), "{}", said(&output));
    // Two names, one output (x.json and x.JSON): the second is refused.
    let (lower, upper) = (named(b"y.json"), named(b"y.JSON"));
    std::fs::write(&lower, REFERENCE).expect("write");
    std::fs::write(&upper, REFERENCE).expect("write");
    let output = run(&["export".as_ref(), lower.as_os_str(), upper.as_os_str()]);
    assert_sane(&output, "one output for two drafts");
    assert_eq!(output.status.code(), Some(2), "{}", said(&output));
    assert!(
        said(&output).contains("s'écrit déjà dans"),
        "{}",
        said(&output)
    );
}
