//! The `convention` command as a user runs it: check, new, schema, rules.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

mod common;

use common::{REFERENCE, convention, stderr};

fn reference() -> Value {
    serde_json::from_str(REFERENCE).expect("reference is JSON")
}

/// Writes a draft into a fresh folder and returns the folder and the path.
fn write_draft(name: &str, content: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join(name);
    std::fs::write(&path, content).expect("write draft");
    (folder, path)
}

fn check_json(path: &Path) -> (i32, Vec<Value>) {
    let output = convention(&[
        "check",
        "--format",
        "json",
        path.to_str().expect("utf-8 path"),
    ]);
    let report: Value = serde_json::from_slice(&output.stdout).expect("stdout is a JSON object");
    let files = report["files"].as_array().expect("one object per file");
    assert_eq!(files.len(), 1, "{report:#}");
    assert_eq!(files[0]["file"], json!(path.to_str().expect("utf-8")));
    let findings = files[0]["findings"]
        .as_array()
        .expect("the file's findings")
        .clone();
    (output.status.code().expect("exit code"), findings)
}

#[test]
fn check_reports_open_remarks_and_a_validated_draft_that_still_has_some() {
    let mut draft = reference();
    draft["review"] = json!({
        "status": "valide",
        "history": [{"status": "valide", "author": "Claire", "date": "2022-05-10T08:00:00Z"}],
        "comments": [
            {"id": "c1", "about": "budget.schedule[0].cp", "author": "Claire",
             "date": "2022-05-02T09:31:00Z", "text": "CP à revoir"},
            {"id": "c2", "about": "Article 7", "author": "Claire",
             "date": "2022-05-02T09:32:00Z", "text": "Préavis ?", "resolved": true}
        ]
    });
    let (_dir, path) = write_draft("relu.json", &draft.to_string());
    let (code, findings) = check_json(&path);
    assert_eq!(code, 0, "remarks do not fail the check");
    let review: Vec<(&str, &str, &str)> = findings
        .iter()
        .filter(|f| f["rule"].as_str().is_some_and(|r| r.starts_with("review.")))
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default(),
                f["severity"].as_str().unwrap_or_default(),
                f["path"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        review,
        vec![
            ("review.open-comment", "info", "budget.schedule[0].cp"),
            ("review.settled-with-open-comments", "warning", "title"),
        ]
    );
    let text = convention(&["check", path.to_str().expect("utf-8 path")]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("« CP à revoir »"), "{stdout}");
    assert!(
        !stdout.contains("Préavis"),
        "a resolved remark is not reported: {stdout}"
    );
}

#[test]
fn the_reference_checks_without_error() {
    let (_dir, path) = write_draft("reference.json", REFERENCE);
    let (code, findings) = check_json(&path);
    assert_eq!(code, 0);
    let summary: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().expect("rule"),
                f["severity"].as_str().expect("severity"),
                f["path"].as_str().expect("path"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "budget.year-outside-period",
                "warning",
                "budget.schedule[1].year"
            ),
            ("budget.small-total", "info", "budget.schedule"),
        ]
    );
    for finding in &findings {
        assert!(finding["message"].as_str().is_some_and(|m| m.len() > 20));
    }
    assert_eq!(findings[0]["legal_basis"], json!("LOLF, art. 15"));
    // Machine ids stay; the field's label for people comes beside them.
    assert_eq!(findings[0]["label"], json!("Exercice 2023 — année"));
}

#[test]
fn text_output_has_one_line_per_finding() {
    let (_dir, path) = write_draft("reference.json", REFERENCE);
    let output = convention(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout.clone()).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // The severity in French, the field by its label and its path.
    assert!(
        lines[0].starts_with(&format!(
            "{}: avertissement : Exercice 2023 — année (budget.schedule[1].year) : L'année 2023 ",
            path.display()
        )),
        "{stdout}"
    );
    assert!(lines[1].contains(": information : Échéancier des crédits (budget.schedule) : "));
    assert!(
        lines[0].ends_with("[budget.year-outside-period]"),
        "{stdout}"
    );
    for word in ["error", "warning", "info"] {
        assert!(!stdout.contains(&format!(": {word}:")), "{stdout}");
    }
    assert!(stderr(&output).contains("aucune erreur"));
}

#[test]
fn one_cause_gives_one_finding() {
    // 2025 to 2027, one CP typed ten times too big in 2025, and an end
    // typed before the signature.
    let mut draft = reference();
    draft["signature"]["date"] = json!("2025-03-15");
    draft["end_date"] = json!("2025-01-31");
    draft["budget"]["schedule"] = json!([
        {"year": 2025, "ae": "100000.50", "cp": "400000.00"},
        {"year": 2026, "ae": "100000.00", "cp": "50000.00"},
        {"year": 2027, "ae": "100000.00", "cp": "50000.00"}
    ]);
    let (_dir, path) = write_draft("cause.json", &draft.to_string());
    let output = convention(&["check", path.to_str().expect("utf-8")]);
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains("[budget.") || line.contains("[dates."))
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].contains(": erreur : Exercice 2025 — CP (budget.schedule[0].cp) : Fin 2025 : ")
            && lines[0].contains("c'est encore le cas fin 2026 et fin 2027."),
        "{stdout}"
    );
    assert!(
        lines[1].ends_with("[dates.end-after-signature]"),
        "{stdout}"
    );
}

/// A fault put into the reference: the rule it must trip and where.
struct Fault {
    what: &'static str,
    mutate: fn(&mut Value),
    rule: &'static str,
    path: &'static str,
}

fn faults() -> Vec<Fault> {
    vec![
        Fault {
            what: "negative AE",
            mutate: |d| d["budget"]["schedule"][0]["ae"] = json!("-10.00"),
            rule: "budget.negative-amount",
            path: "budget.schedule[0].ae",
        },
        Fault {
            what: "a year twice",
            mutate: |d| d["budget"]["schedule"][1]["year"] = json!(2022),
            rule: "budget.duplicate-year",
            path: "budget.schedule[1].year",
        },
        Fault {
            what: "no AE at all",
            mutate: |d| d["budget"]["schedule"][0]["ae"] = json!("0"),
            rule: "budget.total-ae",
            path: "budget.schedule[0].ae",
        },
        Fault {
            what: "empty schedule",
            mutate: |d| d["budget"]["schedule"] = json!([]),
            rule: "budget.total-ae",
            path: "budget.schedule",
        },
        Fault {
            what: "CP above AE",
            mutate: |d| d["budget"]["schedule"][0]["cp"] = json!("30000.01"),
            rule: "budget.cp-exceeds-ae",
            path: "budget.schedule[0].cp",
        },
        Fault {
            what: "money outside the period",
            mutate: |d| d["budget"]["schedule"][1]["ae"] = json!(100),
            rule: "budget.year-outside-period",
            path: "budget.schedule[1].year",
        },
        Fault {
            what: "titre 2 with AE different from CP",
            mutate: |d| {
                d["budget"]["hors_titre_2"] = json!(false);
                d["budget"]["schedule"][0]["cp"] = json!("20000");
            },
            rule: "budget.titre-2",
            path: "budget.schedule[0].cp",
        },
        Fault {
            what: "malformed UO",
            mutate: |d| d["budget"]["uo"] = json!("105-CRES-DNUM"),
            rule: "chorus.uo-format",
            path: "budget.uo",
        },
        Fault {
            what: "malformed centre financier",
            mutate: |d| d["chorus"]["centre_financier"] = json!("0105-CRES"),
            rule: "chorus.centre-financier-format",
            path: "chorus.centre_financier",
        },
        Fault {
            what: "centre financier other than the UO",
            mutate: |d| d["chorus"]["centre_financier"] = json!("0105-CRES-DAJ1"),
            rule: "chorus.centre-financier-uo",
            path: "chorus.centre_financier",
        },
        Fault {
            what: "malformed domaine fonctionnel",
            mutate: |d| d["chorus"]["domaine_fonctionnel"] = json!("0105-6-08"),
            rule: "chorus.domaine-fonctionnel-format",
            path: "chorus.domaine_fonctionnel",
        },
        Fault {
            what: "malformed activité",
            mutate: |d| d["chorus"]["activites"][0]["code"] = json!("010501A614"),
            rule: "chorus.activite-format",
            path: "chorus.activites[0].code",
        },
        Fault {
            what: "no activité",
            mutate: |d| d["chorus"]["activites"] = json!([]),
            rule: "chorus.activite-required",
            path: "chorus.activites",
        },
        Fault {
            what: "malformed centre de coût",
            mutate: |d| d["chorus"]["centre_de_cout"] = json!("AECDSI40"),
            rule: "chorus.centre-de-cout-format",
            path: "chorus.centre_de_cout",
        },
        Fault {
            what: "another programme in the domaine fonctionnel",
            mutate: |d| d["chorus"]["domaine_fonctionnel"] = json!("0129-06-08"),
            rule: "chorus.one-programme",
            path: "chorus.domaine_fonctionnel",
        },
        Fault {
            what: "another programme in an activité",
            mutate: |d| {
                d["chorus"]["activites"]
                    .as_array_mut()
                    .expect("list")
                    .push(json!({ "code": "012901A61404", "label": "" }))
            },
            rule: "chorus.one-programme",
            path: "chorus.activites[1].code",
        },
        Fault {
            what: "representative without a name",
            mutate: |d| d["delegant"]["representative"]["name"] = json!(" "),
            rule: "parties.required",
            path: "delegant.representative.name",
        },
        Fault {
            what: "délégataire without address",
            mutate: |d| d["delegataire"]["address"] = json!(""),
            rule: "parties.required",
            path: "delegataire.address",
        },
        Fault {
            what: "the same party twice",
            mutate: |d| d["delegataire"] = d["delegant"].clone(),
            rule: "parties.distinct",
            path: "delegataire.name",
        },
        Fault {
            what: "no signature date",
            mutate: |d| d["signature"]["date"] = json!(null),
            rule: "dates.signature-required",
            path: "signature.date",
        },
        Fault {
            what: "no end date",
            mutate: |d| {
                d.as_object_mut().expect("object").remove("end_date");
            },
            rule: "dates.end-required",
            path: "end_date",
        },
        Fault {
            what: "end before signature",
            mutate: |d| d["end_date"] = json!("2022-01-31"),
            rule: "dates.end-after-signature",
            path: "end_date",
        },
        Fault {
            what: "no purpose",
            mutate: |d| d["object"]["purpose"] = json!(""),
            rule: "content.purpose",
            path: "object.purpose",
        },
        Fault {
            what: "empty RGPD matrix",
            mutate: |d| d["rgpd_matrix"] = json!([]),
            rule: "rgpd.matrix-required",
            path: "rgpd_matrix",
        },
        Fault {
            what: "RGPD row without topic",
            mutate: |d| d["rgpd_matrix"][2]["topic"] = json!(""),
            rule: "rgpd.topic-required",
            path: "rgpd_matrix[2].topic",
        },
    ]
}

#[test]
fn each_fault_is_an_error_at_its_field() {
    for fault in faults() {
        let mut draft = reference();
        (fault.mutate)(&mut draft);
        let (_dir, path) = write_draft("fault.json", &draft.to_string());
        let (code, findings) = check_json(&path);
        assert_eq!(code, 1, "{}: exit status", fault.what);
        let hit = findings.iter().any(|f| {
            f["rule"] == json!(fault.rule)
                && f["path"] == json!(fault.path)
                && f["severity"] == json!("error")
        });
        assert!(
            hit,
            "{}: expected {} at {}, got {findings:#?}",
            fault.what, fault.rule, fault.path
        );
    }
}

/// Puts every Chorus code of the draft on `programme`.
fn programme_everywhere(draft: &mut Value, programme: &str) {
    let uo = format!("{programme}-CRES-DNUM");
    draft["budget"]["uo"] = json!(uo);
    draft["chorus"]["centre_financier"] = json!(uo);
    draft["chorus"]["domaine_fonctionnel"] = json!(format!("{programme}-06-08"));
    draft["chorus"]["activites"][0]["code"] = json!(format!("{programme}01A61404"));
}

/// A warning put into the reference: the draft still passes.
#[test]
fn warnings_do_not_fail_the_check() {
    type Case = (fn(&mut Value), &'static str, &'static str);
    let cases: Vec<Case> = vec![
        (
            |d| d["visas"] = json!(["le décret n° 2019-1088 du 25 octobre 2019"]),
            "content.visa-decret-2004-1085",
            "visas",
        ),
        (
            |d| {
                d["visas"][1] = json!(
                    "le décret n° 2014-1085 du 14 octobre 2004 relatif à la délégation de gestion"
                )
            },
            "content.decree-year",
            "visas[1]",
        ),
        (
            |d| d["budget"]["schedule"][0]["cp"] = json!("20000"),
            "budget.cp-below-ae",
            "budget.schedule",
        ),
        (
            |d| d["rgpd_matrix"][0]["delegant"] = json!(""),
            "rgpd.empty-cell",
            "rgpd_matrix[0].delegant",
        ),
        (
            // Every code on programme 0224 (Culture), the délégant being the
            // MEAE.
            |d| programme_everywhere(d, "0224"),
            "chorus.programme-ministry",
            "budget.uo",
        ),
        (
            |d| programme_everywhere(d, "0999"),
            "chorus.programme-known",
            "budget.uo",
        ),
    ];
    for (mutate, rule, field) in cases {
        let mut draft = reference();
        mutate(&mut draft);
        let (_dir, path) = write_draft("warning.json", &draft.to_string());
        let (code, findings) = check_json(&path);
        assert_eq!(code, 0, "{rule}");
        assert!(
            findings.iter().any(|f| f["rule"] == json!(rule)
                && f["path"] == json!(field)
                && f["severity"] == json!("warning")),
            "{rule} at {field}: {findings:#?}"
        );
    }
}

#[test]
fn sound_variants_pass() {
    type Variant = (&'static str, fn(&mut Value));
    let variants: Vec<Variant> = vec![
        (
            "several years, paid later than committed, with cents and JSON numbers",
            |d| {
                d["end_date"] = json!("2024-12-31");
                d["budget"]["schedule"] = json!([
                    { "year": 2022, "ae": 80000.5, "cp": "20000.25" },
                    { "year": 2023, "ae": "0", "cp": 40000 },
                    { "year": 2024, "ae": 0, "cp": "20000.25" }
                ]);
            },
        ),
        (
            "several activités and a two-part domaine fonctionnel",
            |d| {
                d["chorus"]["domaine_fonctionnel"] = json!("0105-06");
                d["chorus"]["activites"] = json!([
                    { "code": "010501A61404", "label": "domaine action diplomatique" },
                    { "code": "010501A61405", "label": "" }
                ]);
            },
        ),
        ("a centre financier with its Chorus prefix", |d| {
            d["chorus"]["centre_financier"] = json!("AE00/0105-CRES-DNUM");
        }),
        ("rows in any order", |d| {
            d["end_date"] = json!("2023-12-31");
            d["budget"]["schedule"] = json!([
                { "year": 2023, "ae": "0.00", "cp": "30000.00" },
                { "year": 2022, "ae": "60000.00", "cp": "30000.00" }
            ]);
        }),
    ];
    for (what, mutate) in variants {
        let mut draft = reference();
        mutate(&mut draft);
        let (_dir, path) = write_draft("sound.json", &draft.to_string());
        let (code, findings) = check_json(&path);
        let errors: Vec<&Value> = findings
            .iter()
            .filter(|f| f["severity"] == json!("error"))
            .collect();
        assert_eq!((code, errors.len()), (0, 0), "{what}: {errors:#?}");
    }
}

#[test]
fn unreadable_files_exit_2_with_one_clear_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    };
    let mut with_version = reference();
    with_version["format_version"] = json!(4);
    let cases: Vec<(PathBuf, &str)> = vec![
        (dir.path().join("missing.json"), "introuvable"),
        (write("empty.json", b""), "vide"),
        (write("truncated.json", &REFERENCE.as_bytes()[..900]), "tronqué"),
        (write("garbage.bin", &[0xff, 0x00, 0x13, 0x88, 0xfe, 0x41]), "UTF-8"),
        (write("docx.json", b"PK\x03\x04\x14\x00\x06\x00"), "ZIP"),
        (write("syntax.json", b"{\n  \"format_version\": 1,\n  \"title\": \"x\",,\n}"), "ligne 3, colonne"),
        (write("newer.json", with_version.to_string().as_bytes()), "plus récente"),
        (write("exponent.json", REFERENCE.replace("\"30000.00\"", "3e4").as_bytes()), "budget.schedule[0].ae"),
        (write("decimals.json", REFERENCE.replace("\"30000.00\"", "\"30000.001\"").as_bytes()), "deux décimales"),
        (write("huge.json", REFERENCE.replace("\"30000.00\"", "1000000000000").as_bytes()), "1 000 milliards"),
        (write("word.json", REFERENCE.replace("\"30000.00\"", "\"trente mille\"").as_bytes()), "n'est pas un montant"),
        (write("date.json", REFERENCE.replace("2022-05-19", "2022-02-30").as_bytes()), "signature.date"),
        (write("isodate.json", REFERENCE.replace("2022-05-19", "19/05/2022").as_bytes()), "AAAA-MM-JJ"),
        (write("year.json", REFERENCE.replace("\"year\": 2022", "\"year\": \"2022\"").as_bytes()), "budget.schedule[0].year"),
        (write("phase.json", REFERENCE.replace("\"acceleration\"", "\"beta\"").as_bytes()), "object.phase"),
        (write("bool.json", REFERENCE.replace("\"hors_titre_2\": true", "\"hors_titre_2\": \"oui\"").as_bytes()), "budget.hors_titre_2"),
        (write("array.json", b"[1, 2, 3]"), "objet"),
        (write("positional.json", REFERENCE.replace(
            "{\n      \"name\": \"M. Fabien FIESCHI\",\n      \"title\": \"Directeur du numérique\"\n    }",
            "[\"M. Fabien FIESCHI\", \"Directeur du numérique\"]",
        ).as_bytes()), "delegant.representative"),
        (write("typo.json", REFERENCE.replace("\"short_name\": \"MEAE\"", "\"shortname\": \"MEAE\"").as_bytes()), "delegant.shortname"),
    ];
    for (path, expected) in cases {
        let output = convention(&["check", path.to_str().expect("utf-8")]);
        let message = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {message}",
            path.display()
        );
        assert_eq!(message.lines().count(), 1, "{}: {message}", path.display());
        let file_name = path.file_name().expect("name").to_string_lossy();
        assert!(message.contains(&*file_name), "{message} names {file_name}");
        assert!(
            message.contains(expected),
            "{}: {message} should say {expected}",
            path.display()
        );
        assert!(!message.contains("panicked"));
    }
}

#[test]
fn json_output_lists_unreadable_files_too() {
    let (_dir, path) = write_draft("empty.json", "");
    let (code, findings) = check_json(&path);
    assert_eq!(code, 2);
    assert_eq!(findings[0]["rule"], json!("file.unreadable"));
    assert_eq!(findings[0]["message"], json!("le fichier est vide"));

    // A syntax error gives its place apart, and the message alone.
    let (_dir, path) = write_draft("cut.json", "{\n  \"format_version\": 1,\n  \"title\": ");
    let (code, findings) = check_json(&path);
    assert_eq!(code, 2);
    assert_eq!(findings[0]["line"], json!(3));
    assert!(findings[0]["column"].as_u64().is_some());
    let message = findings[0]["message"].as_str().expect("message");
    assert!(
        !message.contains("cut.json") && !message.contains("ligne"),
        "{message}"
    );
}

#[test]
fn the_worst_file_decides_the_exit_status() {
    let (_a, good) = write_draft("good.json", REFERENCE);
    let mut faulty = reference();
    faulty["budget"]["uo"] = json!("");
    let (_b, bad) = write_draft("bad.json", &faulty.to_string());
    let (_c, broken) = write_draft("broken.json", "{");
    let run = |files: &[&Path]| {
        let mut args = vec!["check"];
        args.extend(files.iter().map(|p| p.to_str().expect("utf-8")));
        convention(&args).status.code()
    };
    assert_eq!(run(&[&good]), Some(0));
    assert_eq!(run(&[&good, &bad]), Some(1));
    assert_eq!(run(&[&bad, &broken, &good]), Some(2));
}

#[test]
fn check_leaves_its_input_alone() {
    let (_dir, path) = write_draft("reference.json", REFERENCE);
    let before = std::fs::metadata(&path)
        .expect("metadata")
        .modified()
        .expect("mtime");
    convention(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), REFERENCE);
    let after = std::fs::metadata(&path)
        .expect("metadata")
        .modified()
        .expect("mtime");
    assert_eq!(before, after);
}

#[test]
fn new_prints_a_blank_draft_that_reads_back() {
    let output = convention(&["new"]);
    assert_eq!(output.status.code(), Some(0));
    let draft: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(draft["format_version"], json!(3));
    assert_eq!(draft["delegant"]["name"], json!(""));
    let (_dir, path) = write_draft("blank.json", &String::from_utf8_lossy(&output.stdout));
    let (code, findings) = check_json(&path);
    assert_eq!(code, 1, "a blank draft has errors to fix");
    assert!(findings.iter().any(|f| f["path"] == json!("delegant.name")));
}

#[test]
fn new_example_is_the_reference() {
    let output = convention(&["new", "--example"]);
    assert_eq!(output.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(printed, reference());
}

#[test]
fn the_standard_text_of_new_and_of_the_example_draws_no_finding() {
    // What every new draft starts from: the title, the DINUM, the visas,
    // the commitments, the notice and the RGPD matrix.
    let standard = [
        "title",
        "delegataire.name",
        "delegataire.short_name",
        "delegataire.address",
        "visas",
        "commitments",
        "notice_months",
        "rgpd_matrix",
    ];
    for args in [&["new"][..], &["new", "--example"][..]] {
        let output = convention(args);
        assert_eq!(output.status.code(), Some(0));
        let (_dir, path) = write_draft("nouveau.json", &String::from_utf8_lossy(&output.stdout));
        let (_, findings) = check_json(&path);
        let from_standard: Vec<&Value> = findings
            .iter()
            .filter(|f| {
                let path = f["path"].as_str().unwrap_or_default();
                standard.iter().any(|s| path.starts_with(s))
                    || f["rule"]
                        .as_str()
                        .unwrap_or_default()
                        .starts_with("wording.")
            })
            .collect();
        assert!(from_standard.is_empty(), "{args:?}: {from_standard:?}");
    }
}

#[test]
fn new_writes_a_file_but_never_over_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nouvelle.json");
    let target = path.to_str().expect("utf-8");
    assert_eq!(convention(&["new", "-o", target]).status.code(), Some(0));
    let refused = convention(&["new", "--example", "-o", target]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("existe déjà"));
    assert_eq!(
        convention(&["new", "--example", "-o", target, "--force"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), REFERENCE);
}

#[test]
fn the_published_schema_is_the_one_the_program_prints() {
    let output = convention(&["schema"]);
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8(output.stdout).expect("utf-8");
    let schema: Value = serde_json::from_str(&printed).expect("JSON");
    assert!(schema["properties"]["format_version"].is_object());
    assert!(schema["$defs"]["Money"].is_object());
    let published = include_str!("../schema/convention.schema.json");
    assert_eq!(
        printed, published,
        "schema/convention.schema.json is stale: run `cargo run -- schema > schema/convention.schema.json`"
    );
}

#[test]
fn rules_are_listed_with_their_ids() {
    let output = convention(&["rules"]);
    let text = String::from_utf8(output.stdout).expect("utf-8");
    assert!(text.contains("budget.cp-exceeds-ae\t"));
    assert!(text.lines().count() > 30);
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::io::Read as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_convention"))
        .arg("schema")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let mut errors = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut errors)
        .expect("read");
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(0), "{errors}");
    assert!(!errors.contains("panicked"));
}

#[test]
fn without_the_gui_feature_no_gui_crate_is_in_the_tree() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--no-default-features",
            "--edges",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        tree.contains("docx-rs") && tree.contains("printpdf"),
        "the exports stay: {tree}"
    );
    for gui in ["egui", "eframe", "winit", "glow ", "rfd ", "accesskit"] {
        assert!(
            !tree.lines().any(|line| line.starts_with(gui)),
            "{gui} is in the headless tree"
        );
    }
}

#[test]
fn a_remark_is_dated_in_local_time_as_the_app_shows_it() {
    // Written on 19 May 2022 at 23:30 UTC: 20 May at 01:30 in Paris.
    let mut draft = reference();
    draft["format_version"] = json!(2);
    draft["review"] = json!({"comments": [{
        "id": "c1",
        "about": "budget.uo",
        "author": "Claire (MEAE)",
        "date": "2022-05-19T23:30:00Z",
        "text": "UO à confirmer."
    }]});
    let (_folder, path) = write_draft("relu.json", &draft.to_string());
    let day_in = |zone: &str| -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_convention"))
            .args(["check", path.to_str().expect("utf-8")])
            .env("TZ", zone)
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        stdout
            .lines()
            .find(|line| line.contains("[review.open-comment]"))
            .unwrap_or_else(|| panic!("no open remark in {stdout}"))
            .to_owned()
    };
    // POSIX zones, which need no time zone database.
    assert!(day_in("CET-1CEST,M3.5.0,M10.5.0/3").contains("Claire (MEAE), le 20/05/2022"));
    assert!(day_in("UTC0").contains("Claire (MEAE), le 19/05/2022"));
}

/// What a run printed on standard output.
fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn usage_errors_are_french_and_exit_2() {
    let (_folder, draft) = write_draft("d.json", REFERENCE);
    let d = draft.to_str().expect("utf-8");
    for (args, fragment) in [
        (
            vec!["export", d, "--out-dir", "x", "--pdf", "y.pdf"],
            "« --out-dir <DOSSIER> » ne peut pas être employé avec « --pdf <SORTIE.pdf> »",
        ),
        (
            vec!["avenant", d, d, "--number", "0"],
            "les avenants sont numérotés à partir de 1",
        ),
        (
            vec!["avenant", d, d, "--number", "99999999999"],
            "nombre trop grand",
        ),
        (
            vec!["check", "--format", "xml", d],
            "valeur « xml » inconnue ; valeurs possibles : text, json",
        ),
        (vec!["check", ""], "une valeur vide n'est pas admise"),
        (
            vec!["exprot", d],
            "sous-commande inconnue : « exprot » ; vouliez-vous dire « export » ?",
        ),
        (
            vec!["chekc"],
            "sous-commande inconnue : « chekc » ; vouliez-vous dire « check » ?",
        ),
        (vec!["help", "chekc"], "sous-commande inconnue : « chekc »"),
        (
            vec!["portfolio", d, "--ending-within", "6x"],
            "« 6x » n'est pas une durée",
        ),
        (
            vec!["export", "--docxx", "a.docx", d],
            "vouliez-vous dire « --docx » ?",
        ),
        (vec!["check"], "il manque l'argument « <CHEMIN>... »"),
        (vec!["rules", "extra"], "argument inattendu : « extra »"),
    ] {
        let output = convention(&args);
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            said.contains(fragment),
            "{args:?}: « {fragment} » not in {said}"
        );
        assert!(said.starts_with("convention: "), "{args:?}: {said}");
        assert!(said.contains("--help"), "{args:?}: no hint: {said}");
        for english in [
            "error:",
            "Usage",
            "For more information",
            "tip:",
            "invalid value",
        ] {
            assert!(!said.contains(english), "{args:?}: {english} in {said}");
        }
    }
}

#[test]
fn every_help_reads_french() {
    let mut commands: Vec<Vec<&str>> = vec![vec![]];
    for sub in [
        "new",
        "schema",
        "check",
        "export",
        "diff",
        "avenant",
        "portfolio",
        "import",
        "summary",
        "review",
        "rules",
    ] {
        commands.push(vec![sub]);
    }
    commands.push(vec!["review", "import"]);
    for command in commands {
        for flag in ["-h", "--help"] {
            let mut args = command.clone();
            args.push(flag);
            let output = convention(&args);
            let help = stdout_of(&output);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{args:?}: {}",
                stderr(&output)
            );
            assert!(
                help.contains("Utilisation : convention"),
                "{args:?}: {help}"
            );
            assert!(help.contains("Affiche l'aide"), "{args:?}: {help}");
            for english in [
                "Print",
                "Usage:",
                "Commands:",
                "[default:",
                "ossible values",
                "subcommand",
            ] {
                assert!(!help.contains(english), "{args:?}: {english} in {help}");
            }
        }
    }
    let output = convention(&["help", "export"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout_of(&output).contains("Utilisation : convention export"));
    let output = convention(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout_of(&output).starts_with("convention "));
}

/// Without the desktop app, a file given to open is refused (exit 2), not
/// answered with the help.
#[cfg(not(feature = "gui"))]
#[test]
fn without_the_app_a_file_to_open_exits_2() {
    let (_folder, draft) = write_draft("d.json", REFERENCE);
    let output = convention(&[draft.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("compilé sans l'application de bureau"));
    assert!(stderr(&output).contains("convention check"));
}
