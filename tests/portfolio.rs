//! Many drafts at once, as a finance team runs them: `check`, `export` and
//! `portfolio` over a folder of generated conventions (three ministries,
//! several years, some faulty, one unreadable, one JSON file that is not a
//! draft, a nested folder, a pattern), against sums computed here apart.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Value, json};

mod common;
mod tools;

use common::{REFERENCE, convention, stderr};

/// The date the portfolio is seen from, and its six-month window's end.
const AT: &str = "2024-06-01";
const UNTIL: &str = "2024-12-01";

/// One generated convention, as this test knows it apart from the program.
struct Generated {
    path: PathBuf,
    delegant: &'static str,
    end: NaiveDate,
    /// (year, AE cents, CP cents)
    rows: Vec<(i32, i64, i64)>,
    faulty: bool,
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
}

fn euros(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A folder of drafts: `root/<ministry>/…`, one nested deeper, a broken
/// one, a JSON file that is not a draft, and `extra/` reached by a pattern.
fn generate(root: &Path) -> Vec<Generated> {
    let ministries = [
        (
            "MEAE",
            "Ministère de l'Europe et des Affaires étrangères",
            "0105",
        ),
        ("MC", "Ministère de la Culture", "0224"),
        ("MTE", "Ministère de la Transition écologique", "0217"),
    ];
    // Ends at the window's edges, given to the conventions that end in 2024.
    let mut edges = vec!["2024-06-01", "2024-12-01", "2024-12-02", "2024-05-31"].into_iter();
    let mut generated = Vec::new();
    for i in 0..24i64 {
        let (short, name, programme) = ministries[(i % 3) as usize];
        let first = 2022 + (i % 4) as i32;
        let years = 1 + (i % 3) as i32;
        let last = first + years - 1;
        let edge = if last == 2024 { edges.next() } else { None };
        let end = edge.map_or_else(
            || NaiveDate::from_ymd_opt(last, 12, 31).expect("a date"),
            day,
        );
        let faulty = i % 7 == 3;
        let rows: Vec<(i32, i64, i64)> = (0..years)
            .map(|k| {
                let ae = 1_000_000 + i * 123_457 + i64::from(k) * 10_001;
                // CP above AE is an error (LOLF art. 8): the faulty ones.
                let cp = if faulty { ae + 99 } else { ae - (i * 13) % 100 };
                (first + k, ae, cp)
            })
            .collect();
        let mut draft: Value = serde_json::from_str(REFERENCE).expect("JSON");
        draft["delegant"]["name"] = json!(name);
        draft["delegant"]["short_name"] = json!(short);
        draft["object"]["beneficiary"] = json!(format!("la startup d'État n° {i}"));
        let uo = format!("{programme}-CDIR-DNUM");
        draft["budget"]["uo"] = json!(uo);
        draft["chorus"]["centre_financier"] = json!(uo);
        draft["chorus"]["domaine_fonctionnel"] = json!(format!("{programme}-06"));
        draft["chorus"]["activites"] =
            json!([{"code": format!("{programme}01A61404"), "label": "activité"}]);
        draft["signature"]["date"] = json!(format!("{first}-03-15"));
        draft["end_date"] = json!(end.format("%Y-%m-%d").to_string());
        draft["budget"]["schedule"] = rows
            .iter()
            .map(|&(year, ae, cp)| json!({"year": year, "ae": euros(ae), "cp": euros(cp)}))
            .collect();
        let folder = match i {
            0..=15 => root.join(short),
            16..=19 => root.join(short).join("archives").join(first.to_string()),
            _ => root.join("extra"),
        };
        std::fs::create_dir_all(&folder).expect("folder");
        let path = folder.join(format!("convention-{i:02}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&draft).expect("JSON")).expect("write");
        generated.push(Generated {
            path,
            delegant: short,
            end,
            rows,
            faulty,
        });
    }
    std::fs::write(root.join("MC").join("cassé.json"), &REFERENCE[..700]).expect("write");
    std::fs::write(root.join("réglages.json"), "{\"thème\": \"clair\"}").expect("write");
    std::fs::write(root.join("MEAE").join("notes.txt"), "pas un brouillon").expect("write");
    generated
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The paths a user gives: the folder without `extra/`, and `extra/` by a
/// pattern the program expands itself.
fn paths(root: &Path) -> Vec<String> {
    let mut paths: Vec<String> = ["MEAE", "MC", "MTE"]
        .iter()
        .map(|m| arg(&root.join(m)).to_owned())
        .collect();
    paths.push(arg(&root.join("réglages.json").with_file_name("*.json")).to_owned());
    paths.push(arg(&root.join("extra").join("convention-*.json")).to_owned());
    paths
}

fn run(args: &[&str], paths: &[String]) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(paths.iter().map(String::as_str));
    convention(&all)
}

fn cents(value: &Value) -> i64 {
    let text = value.as_str().expect("an amount as a string");
    let (whole, fraction) = text.split_once('.').expect("a decimal point");
    whole.parse::<i64>().expect("euros") * 100 + fraction.parse::<i64>().expect("cents")
}

/// The sums this test computes from what it generated: per year and per
/// délégant, (conventions, AE cents, CP cents).
type Sums<K> = BTreeMap<K, (usize, i64, i64)>;

fn expected(generated: &[Generated]) -> (Sums<i32>, Sums<String>) {
    let mut by_year: Sums<i32> = BTreeMap::new();
    let mut by_delegant: Sums<String> = BTreeMap::new();
    for g in generated {
        for &(year, ae, cp) in &g.rows {
            let sum = by_year.entry(year).or_default();
            *sum = (sum.0 + 1, sum.1 + ae, sum.2 + cp);
        }
        let sum = by_delegant.entry(g.delegant.to_owned()).or_default();
        let (ae, cp) = g
            .rows
            .iter()
            .fold((0, 0), |(a, c), &(_, ae, cp)| (a + ae, c + cp));
        *sum = (sum.0 + 1, sum.1 + ae, sum.2 + cp);
    }
    (by_year, by_delegant)
}

#[test]
fn portfolio_totals_ending_soon_and_problems_match_an_independent_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let generated = generate(dir.path());
    let output = run(
        &[
            "portfolio",
            "--format",
            "json",
            "--at",
            AT,
            "--ending-within",
            "6m",
        ],
        &paths(dir.path()),
    );
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "an unreadable file: {said}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");

    let conventions = report["conventions"].as_array().expect("rows");
    assert_eq!(conventions.len(), generated.len());
    let (by_year, by_delegant) = expected(&generated);
    let got_years: Sums<i32> = report["totals"]["by_year"]
        .as_array()
        .expect("by year")
        .iter()
        .map(|t| {
            let year = i32::try_from(t["year"].as_i64().expect("year")).expect("a year");
            let count = usize::try_from(t["conventions"].as_u64().expect("count")).expect("count");
            (year, (count, cents(&t["ae"]), cents(&t["cp"])))
        })
        .collect();
    assert_eq!(got_years, by_year);
    let got_delegants: Sums<String> = report["totals"]["by_delegant"]
        .as_array()
        .expect("by délégant")
        .iter()
        .map(|t| {
            let count = usize::try_from(t["conventions"].as_u64().expect("count")).expect("count");
            (
                t["delegant"].as_str().expect("name").to_owned(),
                (count, cents(&t["ae"]), cents(&t["cp"])),
            )
        })
        .collect();
    assert_eq!(got_delegants, by_delegant);
    let programmes: Vec<&str> = report["totals"]["by_programme"]
        .as_array()
        .expect("by programme")
        .iter()
        .map(|t| t["programme"].as_str().expect("a programme"))
        .collect();
    assert_eq!(programmes, ["0105", "0217", "0224"]);

    // Ending within six months of 1 June 2024: from that day to 1 December,
    // both included, soonest first.
    let (at, until) = (day(AT), day(UNTIL));
    let mut ending: Vec<&Generated> = generated
        .iter()
        .filter(|g| at <= g.end && g.end <= until)
        .collect();
    ending.sort_by_key(|g| g.end);
    let ending: Vec<String> = ending.iter().map(|g| arg(&g.path).to_owned()).collect();
    let ends: Vec<NaiveDate> = generated.iter().map(|g| g.end).collect();
    assert!(ends.contains(&day("2024-12-02")) && ends.contains(&day("2024-05-31")));
    assert_eq!(ending.len(), 2, "the two edges of the window are in");
    assert_eq!(report["ending_within"]["files"], json!(ending));
    assert_eq!(report["ending_within"]["until"], json!(UNTIL));
    let first_ending = conventions
        .iter()
        .find(|c| c["file"] == json!(ending[0]))
        .expect("its row");
    assert_eq!(first_ending["days_to_end"], json!(0));

    // Errors are counted in their rows, not dropped from the totals.
    let faulty = generated.iter().filter(|g| g.faulty).count();
    assert!(faulty >= 3);
    let with_errors = conventions
        .iter()
        .filter(|c| c["errors"].as_u64() > Some(0))
        .count();
    assert_eq!(with_errors, faulty);

    let broken = dir.path().join("MC").join("cassé.json");
    assert_eq!(report["unreadable"][0]["file"], json!(arg(&broken)));
    assert_eq!(
        report["skipped"],
        json!([arg(&dir.path().join("réglages.json"))])
    );
    assert!(said.contains("cassé.json"), "{said}");
    assert!(
        said.contains("réglages.json: fichier JSON ignoré"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "bilan : 24 conventions, dont {faulty} avec des erreurs ; 1 fichier illisible ; 1 fichier ignoré (pas un brouillon, ou pas un fichier ordinaire)"
        )),
        "{said}"
    );
}

#[test]
fn check_over_a_folder_gives_each_file_and_a_summary_with_both_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let generated = generate(dir.path());
    let faulty = generated.iter().filter(|g| g.faulty).count();
    let paths = paths(dir.path());
    let output = run(&["check", "--format", "json"], &paths);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let files = report["files"].as_array().expect("files");
    assert_eq!(files.len(), generated.len() + 1);
    for g in &generated {
        let file = files
            .iter()
            .find(|f| f["file"] == json!(arg(&g.path)))
            .unwrap_or_else(|| panic!("{} is checked", g.path.display()));
        let status = if g.faulty { "errors" } else { "ok" };
        assert_eq!(file["status"], json!(status), "{file:#}");
        assert_eq!(
            file["errors"].as_u64() > Some(0),
            g.faulty,
            "{}",
            g.path.display()
        );
        let listed = file["findings"].as_array().expect("findings").len();
        let counted = ["errors", "warnings", "infos", "remarks"]
            .iter()
            .map(|k| file[k].as_u64().expect("a count"))
            .sum::<u64>();
        assert_eq!(listed as u64, counted);
    }
    let broken = files
        .iter()
        .find(|f| f["status"] == json!("unreadable"))
        .expect("the broken file");
    assert!(
        broken["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("cassé.json"))
    );
    assert_eq!(broken["findings"][0]["rule"], json!("file.unreadable"));
    let summary = &report["summary"];
    assert_eq!(summary["drafts"], json!(generated.len()));
    assert_eq!(summary["drafts_with_errors"], json!(faulty));
    assert_eq!(
        summary["drafts_without_errors"],
        json!(generated.len() - faulty)
    );
    assert_eq!(summary["unreadable"], json!(1));
    assert_eq!(summary["skipped"], json!(1));
    assert_eq!(summary["exit_status"], json!(2));

    // In text, the summary says both counts: the unreadable file does not
    // hide the drafts with errors.
    let text = run(&["check"], &paths);
    assert_eq!(text.status.code(), Some(2));
    let said = stderr(&text);
    let last = said.lines().last().expect("a summary");
    assert_eq!(
        last,
        format!(
            "convention: bilan : 24 brouillons vérifiés, dont {faulty} avec des erreurs ; 1 fichier illisible ; 1 fichier ignoré (pas un brouillon, ou pas un fichier ordinaire)"
        )
    );

    // Without the broken file, the drafts with errors decide: 1; without
    // them either, 0.
    std::fs::remove_file(dir.path().join("MC").join("cassé.json")).expect("remove");
    assert_eq!(run(&["check"], &paths).status.code(), Some(1));
    for g in generated.iter().filter(|g| g.faulty) {
        std::fs::remove_file(&g.path).expect("remove");
    }
    let clean = run(&["check"], &paths);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert!(stderr(&clean).contains("aucun avec des erreurs ; aucun fichier illisible"));
}

#[test]
fn nothing_to_read_is_a_failure_said_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("vide")).expect("folder");
    let output = convention(&["check", arg(&dir.path().join("vide"))]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("vide: aucun brouillon (fichier *.json) dans ce dossier"),
        "{}",
        stderr(&output)
    );
    let output = convention(&["portfolio", arg(&dir.path().join("*.json"))]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("ne correspond à ce motif"));
}

#[test]
fn the_csv_holds_every_section_and_opens_in_calc_with_numbers_as_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let generated = generate(dir.path());
    let csv = dir.path().join("sorties").join("portefeuille.csv");
    std::fs::create_dir_all(csv.parent().expect("a folder")).expect("folder");
    let mut args = vec!["portfolio", "--format", "csv", "--at", AT, "-o", arg(&csv)];
    let paths = paths(dir.path());
    args.extend(paths.iter().map(String::as_str));
    let output = convention(&args);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "written to the file, not printed");
    let bytes = std::fs::read(&csv).expect("the CSV is written");
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM")).expect("UTF-8");
    let sections: Vec<Vec<Vec<&str>>> = text
        .split("\r\n\r\n")
        .map(|section| {
            section
                .lines()
                .filter(|line| !line.is_empty())
                .map(|line| line.split(';').collect())
                .collect()
        })
        .collect();
    assert_eq!(
        sections.len(),
        5,
        "conventions, years, délégants, programmes, unreadable"
    );
    assert_eq!(sections[0].len(), generated.len() + 1);
    assert_eq!(sections[0][0][0], "Fichier");
    // Amounts: a decimal comma, two decimals, no grouping.
    let euros_fr = |cents: i64| format!("{},{:02}", cents / 100, cents % 100);
    let (by_year, by_delegant) = expected(&generated);
    let years: Vec<Vec<String>> = by_year
        .iter()
        .map(|(year, (n, ae, cp))| {
            vec![
                year.to_string(),
                n.to_string(),
                euros_fr(*ae),
                euros_fr(*cp),
            ]
        })
        .collect();
    assert_eq!(sections[1][0], ["Année", "Conventions", "AE (€)", "CP (€)"]);
    assert_eq!(sections[1][1..], years[..]);
    let delegants: Vec<Vec<String>> = by_delegant
        .iter()
        .map(|(name, (n, ae, cp))| vec![name.clone(), n.to_string(), euros_fr(*ae), euros_fr(*cp)])
        .collect();
    assert_eq!(
        sections[2][0],
        ["Délégant", "Conventions", "AE (€)", "CP (€)"]
    );
    assert_eq!(sections[2][1..], delegants[..]);
    assert_eq!(sections[3][0][0], "Programme");
    assert_eq!(sections[4][0], ["Fichier illisible", "Motif"]);

    // Calc reads the amounts as numbers, the dates as dates.
    let Some(sheet) = tools::libreoffice_calc(&csv, dir.path()) else {
        return;
    };
    let (first_year, (_, ae, _)) = by_year.iter().next().expect("a year");
    let value = format!("{}", *ae as f64 / 100.0);
    assert!(
        sheet.contains(&format!(
            "office:value-type=\"float\" office:value=\"{value}\""
        )),
        "the {first_year} AE total ({value}) is a number in Calc"
    );
    assert!(sheet.contains("office:value-type=\"date\" office:date-value=\"2022-03-15\""));
    assert!(
        !sheet.contains(&format!(">{}<", euros_fr(*ae))),
        "not left as text"
    );
}

#[test]
fn export_of_a_folder_continues_past_refusals_and_reports_them_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let drafts = dir.path().join("brouillons");
    std::fs::create_dir(&drafts).expect("folder");
    std::fs::write(drafts.join("a.json"), REFERENCE).expect("write");
    let mut faulty: Value = serde_json::from_str(REFERENCE).expect("JSON");
    faulty["budget"]["uo"] = json!("");
    std::fs::write(drafts.join("b.json"), faulty.to_string()).expect("write");
    std::fs::write(drafts.join("c.json"), REFERENCE).expect("write");
    let out = dir.path().join("sorties");
    let output = convention(&["export", arg(&drafts), "--out-dir", arg(&out)]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "a refused draft: {said}");
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder is made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["a.docx", "a.pdf", "c.docx", "c.pdf"]);
    assert!(said.contains("b.json: export refusé, "), "{said}");
    assert!(
        said.contains(
            "bilan : 2 brouillons exportés ; 1 refusé pour erreurs ; aucun fichier illisible"
        ),
        "{said}"
    );
    let refused = format!("convention: refusé : {}", arg(&drafts.join("b.json")));
    assert_eq!(said.lines().last(), Some(refused.as_str()), "{said}");

    // An unreadable one: 2; beside each draft without --out-dir.
    std::fs::write(drafts.join("d.json"), "{").expect("write");
    let output = convention(&["export", arg(&drafts.join("*.json"))]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(drafts.join("a.docx").is_file() && drafts.join("c.pdf").is_file());
    assert!(!drafts.join("b.docx").exists());
    // Several drafts cannot share one --docx.
    let output = convention(&[
        "export",
        arg(&drafts),
        "--docx",
        arg(&dir.path().join("x.docx")),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--out-dir"));
}

/// A folder as a careless colleague leaves it: a link to a draft kept
/// elsewhere (with an error), a link to a folder of drafts, a broken link,
/// a link to itself, a link back to the folder, a FIFO named `.json`. The
/// three commands that walk folders follow the links, and say what they
/// skip and what they cannot read.
#[cfg(unix)]
#[test]
fn check_portfolio_and_export_follow_links_and_say_what_they_skip() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let mut faulty: Value = serde_json::from_str(REFERENCE).expect("json");
    faulty["budget"]["schedule"][0]["cp"] = json!("99999.00");
    let target = elsewhere.path().join("faulty.json");
    std::fs::write(&target, faulty.to_string()).expect("write");
    std::fs::create_dir(elsewhere.path().join("more")).expect("folder");
    std::fs::write(elsewhere.path().join("more/ok.json"), REFERENCE).expect("write");
    let scan = dir.path().join("scan");
    std::fs::create_dir(&scan).expect("folder");
    std::fs::write(scan.join("a.json"), REFERENCE).expect("write");
    symlink(&target, scan.join("b-link.json")).expect("link");
    symlink(elsewhere.path().join("more"), scan.join("c-folder")).expect("link");
    symlink("nowhere.json", scan.join("d-dangling.json")).expect("link");
    symlink("e-loop.json", scan.join("e-loop.json")).expect("link");
    symlink(".", scan.join("f-up")).expect("link");
    let made = std::process::Command::new("mkfifo")
        .arg(scan.join("g-fifo.json"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let folder = arg(&scan).to_owned();
    let problems = |said: &str| {
        assert!(
            said.contains("d-dangling.json: lien symbolique illisible : lien cassé"),
            "{said}"
        );
        assert!(
            said.contains("e-loop.json: lien symbolique illisible : boucle de liens symboliques"),
            "{said}"
        );
        assert!(
            said.contains("f-up: lien symbolique illisible : boucle"),
            "{said}"
        );
        assert!(
            said.contains("g-fifo.json: ignoré : ce n'est pas un fichier ordinaire"),
            "{said}"
        );
    };

    let output = run(&["check"], std::slice::from_ref(&folder));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("b-link.json: erreur"),
        "the linked draft is checked: {said}"
    );
    assert!(said.contains("c-folder/ok.json"), "{said}");
    assert!(
        said.contains("3 brouillons vérifiés, dont 1 avec des erreurs ; 3 fichiers illisibles"),
        "{said}"
    );
    problems(&said);

    let output = run(
        &["portfolio", "--format", "json"],
        std::slice::from_ref(&folder),
    );
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        report["conventions"].as_array().map(Vec::len),
        Some(3),
        "{report}"
    );
    problems(&said);

    let out = dir.path().join("out");
    let out_dir = arg(&out).to_owned();
    let output = run(
        &["export", "--allow-errors", "--out-dir", &out_dir],
        std::slice::from_ref(&folder),
    );
    let said = stderr(&output);
    problems(&said);
    for name in ["a.docx", "b-link.docx", "ok.docx"] {
        assert!(out.join(name).is_file(), "{name}: {said}");
    }
}
