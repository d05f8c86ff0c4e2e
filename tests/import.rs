//! Import of signed conventions: our own exports come back as the drafts
//! they were made from, field for field; the same documents re-saved by
//! LibreOffice (as DOCX and as ODT), and the reference's own text laid out
//! by LibreOffice from HTML, give back every fact; the command writes the
//! draft and says what it found, with its exit codes.
//!
//! What a DOCX cannot carry, and so is not compared: the review block and
//! the address of the schema (not part of the text), a party's gender when
//! it is the one its name suggests (the text says « dénommé(e) » either
//! way), two line breaks in an RGPD cell (they come back as one), an RGPD
//! cell's `*italics*` (read as plain text), curly apostrophes (read as
//! `'`), and spaces at either end of a value.

mod common;
mod tools;

use std::path::Path;

use chrono::{NaiveDate, TimeZone as _, Utc};
use convention::document::{self, RenderOptions};
use convention::export::docx::write_docx;
use convention::import::{ImportError, import_document_at};
use convention::model::{
    self, Activite, Commitment, Draft, Field, Gender, Money, Party, Phase, Representative, RgpdRow,
    YearRow, guess_gender,
};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 20, 0, 0)
        .single()
        .expect("a valid time")
}

/// Our DOCX of a draft, made in-process.
fn export(draft: &Draft) -> Vec<u8> {
    let tree = document::render(draft, &RenderOptions::default()).expect("the draft renders");
    write_docx(&tree).expect("a DOCX")
}

/// What a document can say of a draft (see the file's note).
fn comparable(draft: &Draft) -> Draft {
    let mut draft = draft.content();
    for party in [&mut draft.delegant, &mut draft.delegataire] {
        if party.gender == Some(guess_gender(&party.name)) {
            party.gender = None;
        }
    }
    for row in &mut draft.rgpd_matrix {
        for cell in [&mut row.delegataire, &mut row.delegant] {
            while cell.contains("\n\n") {
                *cell = cell.replace("\n\n", "\n");
            }
            // The cells' italics are read as plain text.
            *cell = cell.replace('*', "");
        }
    }
    draft
}

/// Compares two drafts field by field, naming the first that differs.
fn assert_same(imported: &Draft, original: &Draft) {
    let (imported, original) = (comparable(imported), comparable(original));
    let left = serde_json::to_value(&imported).expect("json");
    let right = serde_json::to_value(&original).expect("json");
    let (left, right) = (
        left.as_object().expect("an object"),
        right.as_object().expect("an object"),
    );
    for (key, value) in right {
        assert_eq!(left.get(key), Some(value), "the field « {key} » differs");
    }
    assert_eq!(imported, original);
}

fn import(bytes: &[u8], name: &str) -> convention::import::Imported {
    import_document_at(bytes, name, now()).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// A long draft: five years with cents, a feminine délégant named with
/// « l' », titre 2, three activités, many RGPD rows with line breaks,
/// commitments with and without notes, four visas.
fn long_draft() -> Draft {
    let mut draft = model::example();
    draft.delegant = Party {
        name: "Agence nationale de la cohésion des territoires".to_owned(),
        short_name: "ANCT".to_owned(),
        address: "20 avenue de Ségur, TSA 10717, 75334 Paris Cedex 07".to_owned(),
        gender: None,
        representative: Representative {
            name: "Mme Claire DUPONT-MARTIN".to_owned(),
            title: "Directrice générale déléguée au numérique".to_owned(),
        },
    };
    draft.delegataire.name =
        "Direction interministérielle du numérique et du système d'information et de communication de l'État".to_owned();
    draft.delegataire.short_name = "DINSIC".to_owned();
    draft.visas.push(
        "la loi organique n° 2001-692 du 1er août 2001 relative aux lois de finances".to_owned(),
    );
    draft
        .visas
        .push("l'arrêté du 3 avril 2023 portant organisation de la direction".to_owned());
    draft.object.beneficiary = "la direction des programmes de l'agence".to_owned();
    draft.object.purpose = "financer des équipes de développement et de conception".to_owned();
    draft.object.phase = Some(Phase::Consolidation);
    draft.budget.uo = "0112-CDIA-ANCT".to_owned();
    draft.budget.hors_titre_2 = false;
    let cents = |c: i64| Money::from_cents(c).expect("an amount");
    draft.budget.schedule = vec![
        YearRow {
            year: 2023,
            ae: cents(12_345_678),
            cp: cents(4_500_050),
        },
        YearRow {
            year: 2024,
            ae: cents(25_000_000),
            cp: cents(10_000_001),
        },
        YearRow {
            year: 2025,
            ae: cents(0),
            cp: cents(15_000_099),
        },
        YearRow {
            year: 2026,
            ae: cents(100_000_000_000),
            cp: cents(99_999_999_999),
        },
        YearRow {
            year: 2027,
            ae: cents(1),
            cp: cents(7_345_628),
        },
    ];
    draft.chorus.axe_ministeriel_1 = "CDIA-AXE1".to_owned();
    draft.chorus.domaine_fonctionnel = "0112-11-02".to_owned();
    draft.chorus.centre_financier = "0112-CDIA-ANCT".to_owned();
    draft.chorus.activites = vec![
        Activite {
            code: "011211A10001".to_owned(),
            label: "ingénierie numérique (territoires)".to_owned(),
        },
        Activite {
            code: "011211A10002".to_owned(),
            label: String::new(),
        },
        Activite {
            code: "011211A10003".to_owned(),
            label: "France services".to_owned(),
        },
    ];
    draft.chorus.centre_de_cout = "ANCT000042".to_owned();
    draft.signature.place = "Lyon".to_owned();
    draft.signature.date = NaiveDate::from_ymd_opt(2023, 3, 1);
    draft.end_date = NaiveDate::from_ymd_opt(2027, 6, 30);
    draft.notice_months = 6;
    draft.commitments.truncate(3);
    draft.commitments.push(Commitment::new(
        "publier les indicateurs du service chaque trimestre",
        "https://exemple.gouv.fr/indicateurs",
    ));
    for n in 0..10 {
        draft.rgpd_matrix.push(RgpdRow::new(
            &format!("Sujet complémentaire n° {}", n + 1),
            &format!("Première ligne pour la DINSIC ({n})\nSeconde ligne, 30 000 €"),
            if n % 3 == 0 {
                ""
            } else {
                "Le délégant répond seul\nde ce point"
            },
        ));
    }
    draft
}

#[test]
fn the_bundled_example_comes_back_from_its_export() {
    let original = model::example();
    let imported = import(&export(&original), "exemple.docx");
    assert_same(&imported.draft, &original);
    assert!(imported.report.is_complete(), "{}", imported.report);
    assert!(imported.report.unmatched.is_empty(), "{}", imported.report);
    assert!(imported.report.unsure.is_empty(), "{}", imported.report);
}

#[test]
fn one_startup_and_a_programme_label_come_back_from_their_export() {
    let mut draft = model::example();
    draft.object.beneficiary.clear();
    draft.object.startup.name = "Rétro-Archives".to_owned();
    draft.object.startup.url = "https://beta.gouv.fr/startups/retro-archives.html".to_owned();
    draft.budget.programme_label = "Diplomatie culturelle et d'influence".to_owned();
    let imported = import(&export(&draft), "startup.docx");
    assert_same(&imported.draft, &comparable(&draft));
    // Carried by a service that is the beneficiary.
    draft.object.beneficiary = "l'atelier numérique".to_owned();
    draft.object.startup.url.clear();
    draft.budget.programme_label.clear();
    let imported = import(&export(&draft), "carried.docx");
    assert_same(&imported.draft, &comparable(&draft));
}

#[test]
fn a_long_draft_comes_back_from_its_export() {
    let original = long_draft();
    let imported = import(&export(&original), "longue.docx");
    assert_same(&imported.draft, &original);
    assert!(imported.report.is_complete(), "{}", imported.report);
    assert!(imported.report.unmatched.is_empty(), "{}", imported.report);
}

#[test]
fn gaps_doubts_and_unknown_text_are_comments_on_their_fields() {
    let mut original = model::example();
    original.budget.uo.clear();
    original.chorus.centre_de_cout.clear();
    let imported = import(&export(&original), "lacunaire.docx");
    let report = &imported.report;
    assert!(!report.is_complete());
    let missing: Vec<Field> = report
        .missing
        .iter()
        .filter(|m| m.required)
        .map(|m| m.path.field())
        .collect();
    assert_eq!(missing, vec![Field::Uo, Field::CentreDeCout]);
    let comments = &imported.draft.review.comments;
    for field in [Field::Uo, Field::CentreDeCout] {
        assert!(
            comments
                .iter()
                .any(|c| c.about == field.path().into() && c.author == "Import"),
            "no comment on {field:?}"
        );
    }
    assert!(
        report
            .to_string()
            .contains("Unité opérationnelle (UO) (obligatoire)")
    );
}

#[test]
fn documents_that_are_not_conventions_are_refused_in_french() {
    assert!(matches!(
        import_document_at(b"", "vide.docx", now()),
        Err(ImportError::NotDocx { .. })
    ));
    let pdf = import_document_at(b"%PDF-1.7 ...", "scan.pdf", now()).expect_err("a PDF");
    assert!(pdf.to_string().contains("« scan.pdf »") && pdf.to_string().contains("PDF"));
    let broken = import_document_at(b"PK\x03\x04 tronqu\xc3\xa9", "abîmé.docx", now())
        .expect_err("a broken archive");
    assert!(broken.to_string().contains("« abîmé.docx »"), "{broken}");
    // A DOCX of something else.
    let mut letter = Draft::blank();
    letter.delegataire = Party::default();
    let tree = document::markup::parse_document(
        "# Lettre\n\nMadame, Monsieur,\n\nJe vous prie d'agréer mes salutations.\n",
        document::template::meta(&letter, "1".to_owned(), false),
    )
    .expect("markup");
    let bytes = write_docx(&tree).expect("a DOCX");
    let error = import_document_at(&bytes, "lettre.docx", now()).expect_err("not a convention");
    assert!(
        matches!(error, ImportError::NotConvention { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("n'est pas une convention"));
}

/// `docx` converted by LibreOffice (`to` as --convert-to takes it).
fn converted(
    docx: &[u8],
    name: &str,
    to: &str,
    extension: &str,
) -> Option<(Vec<u8>, tempfile::TempDir)> {
    let folder = tempfile::tempdir().expect("tempdir");
    let input = folder.path().join(name);
    std::fs::write(&input, docx).expect("written");
    let output = tools::libreoffice_convert(&input, folder.path(), to, extension)?;
    Some((std::fs::read(output).expect("read back"), folder))
}

/// The facts a convention must give back exactly.
fn assert_same_facts(imported: &Draft, original: &Draft) {
    assert_eq!(imported.delegant.name, original.delegant.name);
    assert_eq!(imported.delegant.short_name, original.delegant.short_name);
    assert_eq!(
        imported.delegant.representative,
        original.delegant.representative
    );
    assert_eq!(imported.delegataire.name, original.delegataire.name);
    assert_eq!(
        imported.delegataire.short_name,
        original.delegataire.short_name
    );
    assert_eq!(
        imported.delegataire.representative,
        original.delegataire.representative
    );
    assert_eq!(imported.budget.uo, original.budget.uo);
    assert_eq!(imported.budget.schedule, original.budget.schedule);
    assert_eq!(
        imported.chorus.domaine_fonctionnel,
        original.chorus.domaine_fonctionnel
    );
    assert_eq!(
        imported.chorus.centre_financier,
        original.chorus.centre_financier
    );
    assert_eq!(
        imported.chorus.centre_de_cout,
        original.chorus.centre_de_cout
    );
    let codes = |draft: &Draft| {
        draft
            .chorus
            .activites
            .iter()
            .map(|a| a.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(imported), codes(original));
    assert_eq!(imported.signature, original.signature);
    assert_eq!(imported.end_date, original.end_date);
    assert_eq!(imported.notice_months, original.notice_months);
}

#[test]
fn our_exports_resaved_by_libreoffice_come_back() {
    for original in [model::example(), long_draft()] {
        let docx = export(&original);
        for (to, extension) in [("docx:MS Word 2007 XML", "docx"), ("odt", "odt")] {
            let Some((bytes, _folder)) = converted(&docx, "convention.docx", to, extension) else {
                return;
            };
            let imported = import(&bytes, &format!("convention.{extension}"));
            assert_same_facts(&imported.draft, &original);
            assert_same(&imported.draft, &original);
        }
    }
}

#[test]
fn the_reference_text_laid_out_by_libreoffice_gives_back_every_fact() {
    let html = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/reference-meae-2022.html");
    let folder = tempfile::tempdir().expect("tempdir");
    let Some(docx) =
        tools::libreoffice_convert(&html, folder.path(), "docx:MS Word 2007 XML", "docx")
    else {
        return;
    };
    let imported = import(&std::fs::read(docx).expect("read"), "reference.docx");
    // The signed text as it was written, before the example's corrections
    // (« n° », « État », « intérim »).
    let mut reference = model::example();
    reference.delegataire.representative.title =
        "Directeur interministériel du numérique par interim".to_owned();
    reference.visas = vec![
        "le décret 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'Etat et le décret n° 2012-1246 du 7 novembre 2012 modifié relatif à la gestion budgétaire et comptable publique".to_owned(),
        "le décret n° 2019-1088 du 25 octobre 2019 relatif au système d'information et de communication de l'Etat et à la direction interministérielle du numérique et notamment son article 6".to_owned(),
    ];
    assert_same_facts(&imported.draft, &reference);
    assert_eq!(imported.draft.visas, reference.visas);
    assert_eq!(imported.draft.object, reference.object);
    assert_eq!(imported.draft.chorus, reference.chorus);
    assert_eq!(
        imported.draft.rgpd_matrix.len(),
        reference.rgpd_matrix.len()
    );
    // The notes typed as « ANSSI¹ » and « ¹ https://… » are found.
    assert_eq!(
        imported.draft.commitments.len(),
        reference.commitments.len()
    );
    assert_eq!(
        imported.draft.commitments[4].note,
        reference.commitments[4].note
    );
    assert!(imported.report.is_complete(), "{}", imported.report);
    assert_eq!(imported.draft.delegant.gender, None);
    assert_eq!(
        imported.draft.delegataire.effective_gender(),
        Gender::Feminin
    );
}

#[test]
fn the_command_writes_the_draft_beside_and_never_over_a_file() {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = folder.path().join("signée.docx");
    std::fs::write(&docx, export(&model::example())).expect("written");
    let docx_arg = docx.to_str().expect("utf-8");
    let out = common::convention(&["import", docx_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", common::stderr(&out));
    let written = folder.path().join("signée.json");
    let draft = model::load(&written).expect("a draft");
    assert_same(&draft, &model::example());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Champs trouvés"), "{stdout}");
    assert!(
        stdout.contains("« Fait à Paris, le 19 mai 2022 »"),
        "{stdout}"
    );
    // Not over the draft without --force.
    let again = common::convention(&["import", docx_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert!(common::stderr(&again).contains("--force"));
    let forced = common::convention(&["import", docx_arg, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    // Gaps: exit 1, the draft still written.
    let mut gaps = model::example();
    gaps.end_date = None;
    let gappy = folder.path().join("lacunes.docx");
    std::fs::write(&gappy, export(&gaps)).expect("written");
    let out_path = folder.path().join("sortie.json");
    let out = common::convention(&[
        "import",
        gappy.to_str().expect("utf-8"),
        "-o",
        out_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    assert!(out_path.is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Date de fin (obligatoire)"));
    // Not a DOCX: exit 2, nothing written.
    let json = folder.path().join("brouillon.json");
    std::fs::write(&json, common::REFERENCE).expect("written");
    let out = common::convention(&[
        "import",
        json.to_str().expect("utf-8"),
        "-o",
        folder.path().join("x.json").to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("n'est pas un document DOCX ni ODT"));
    assert!(!folder.path().join("x.json").exists());
}

/// Compares a draft with the facts a fixture must give back.
fn assert_facts(name: &str, draft: &Draft, facts: &serde_json::Value) {
    let json = serde_json::to_value(draft).expect("json");
    let expect = |path: &str, found: &serde_json::Value, wanted: &serde_json::Value| {
        assert_eq!(found, wanted, "{name}: {path}");
    };
    for role in ["delegant", "delegataire"] {
        for key in ["name", "short_name", "address", "representative"] {
            expect(
                &format!("{role}.{key}"),
                &json[role][key],
                &facts[role][key],
            );
        }
    }
    for key in ["beneficiary", "purpose", "phase"] {
        expect(key, &json["object"][key], &facts[key]);
    }
    expect("uo", &json["budget"]["uo"], &facts["uo"]);
    expect("schedule", &json["budget"]["schedule"], &facts["schedule"]);
    for key in [
        "domaine_fonctionnel",
        "centre_financier",
        "activites",
        "centre_de_cout",
    ] {
        expect(key, &json["chorus"][key], &facts[key]);
    }
    for key in ["end_date", "notice_months", "signature"] {
        expect(key, &json[key], &facts[key]);
    }
    assert_eq!(
        Some(draft.rgpd_matrix.len() as u64),
        facts["rgpd_rows"].as_u64(),
        "{name}: RGPD rows"
    );
}

/// Imports every convention of a fixtures folder (DOCX, and HTML laid
/// out as ODT by LibreOffice) and compares it with its facts.
fn check_folder(folder: &str) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let scratch = tempfile::tempdir().expect("tempdir");
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&folder)
        .expect("the fixtures")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let bytes = match path.extension().and_then(|e| e.to_str()) {
            Some("docx") => std::fs::read(&path).expect("read"),
            Some("html") => {
                let Some(odt) = tools::libreoffice_convert(&path, scratch.path(), "odt", "odt")
                else {
                    continue;
                };
                std::fs::read(odt).expect("read")
            }
            _ => continue,
        };
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let facts: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("facts.json")).expect("its facts"),
        )
        .expect("facts in JSON");
        let imported = import(&bytes, &name);
        assert_facts(&name, &imported.draft, &facts);
        assert!(imported.report.is_complete(), "{name}: {}", imported.report);
        // A sentence that is no clause of ours is kept, as a comment.
        if let Some(kept) = facts["unmatched"].as_str() {
            assert!(
                imported.report.unmatched.iter().any(|u| u.text == kept),
                "{name}: {}",
                imported.report
            );
            assert!(
                imported
                    .draft
                    .review
                    .comments
                    .iter()
                    .any(|c| c.text.contains(kept)),
                "{name}: no comment keeps « {kept} »"
            );
        }
        count += 1;
    }
    count
}

#[test]
fn conventions_laid_out_by_python_docx_give_back_every_fact() {
    // Made by tests/fixtures/import/make_variants.py: parties in a table,
    // the DINSIC, « ARTICLE 1 – », « Article 1er : », the annex first,
    // k€ columns in another order, cents, several activités, labels with
    // and without « : », dates in words and in figures.
    let count = check_folder("tests/fixtures/import/variants");
    assert!(count >= 3, "only {count} fixtures");
}

#[test]
fn conventions_kept_aside_from_the_tuning_give_back_every_fact() {
    // Made by tests/fixtures/import/make_heldout.py after the importer was
    // written, and passed at their first run: a party in one sentence,
    // years across the schedule, Chorus references in lines, « Paris, le
    // … » (laid out by LibreOffice as ODT); labels alone above their
    // values, « ARTICLE PREMIER », a Total row, an « Observations »
    // column, RGPD columns by role (python-docx).
    let count = check_folder("tests/fixtures/import/heldout");
    if tools::available("soffice") {
        assert_eq!(count, 2);
    }
}

#[test]
fn a_total_the_years_do_not_make_is_a_doubt_on_the_schedule() {
    let draft = model::example();
    let markup = document::template::render_markup(&draft, &document::TemplateSource::default())
        .expect("renders");
    let total = "| **Total** | **30\u{202f}000\u{a0}€** |";
    assert!(markup.contains(total), "{markup}");
    let changed = markup.replace(total, "| **Total** | **40\u{202f}000\u{a0}€** |");
    let tree = document::markup::parse_document(
        &changed,
        document::template::meta(&draft, "1".to_owned(), false),
    )
    .expect("markup");
    let imported = import(&write_docx(&tree).expect("a DOCX"), "total.docx");
    assert_eq!(imported.draft.budget.schedule, draft.budget.schedule);
    let doubt = imported
        .report
        .unsure
        .iter()
        .find(|u| u.path == Field::Schedule.path())
        .expect("a doubt on the schedule");
    assert!(doubt.reason.contains("40\u{202f}000"), "{}", doubt.reason);
}

#[test]
fn a_long_annex_imports_in_seconds_and_a_huge_document_is_refused() {
    let mut draft = model::example();
    draft.rgpd_matrix = (0..2000)
        .map(|n| {
            RgpdRow::new(
                &format!("Sujet {n}"),
                &format!("Texte {n} du délégataire"),
                "Sans objet",
            )
        })
        .collect();
    let bytes = export(&draft);
    let start = std::time::Instant::now();
    let imported = import(&bytes, "longue-annexe.docx");
    // About 1 s in a debug build.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(imported.draft.rgpd_matrix, draft.rgpd_matrix);
    draft.rgpd_matrix = (0..7000)
        .map(|n| RgpdRow::new(&format!("S{n}"), "a", "b"))
        .collect();
    let error = import_document_at(&export(&draft), "énorme.docx", now()).expect_err("refused");
    assert!(
        error.to_string().contains("20\u{202f}000 paragraphes"),
        "{error}"
    );
}

/// A FIFO or a device named as the document is refused at once, never
/// waited on or read without end.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_at_once() {
    let folder = tempfile::tempdir().expect("tempdir");
    let fifo = folder.path().join("convention.docx");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo");
    for (path, said) in [
        (fifo, "tube nommé"),
        (Path::new("/dev/zero").to_owned(), "périphérique"),
    ] {
        let (sender, receiver) = std::sync::mpsc::channel();
        let read = path.clone();
        std::thread::spawn(move || {
            let _ = sender.send(convention::import::read_document(&read).map(|b| b.len()));
        });
        // A guard against a hang, not a speed target.
        let result = receiver
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{} is still being read", path.display()));
        let error = result.expect_err("refused");
        assert!(error.to_string().contains(said), "{error}");
    }
}
