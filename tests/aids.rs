//! The drafting aids beside the form, used as a drafter would: the next
//! period's convention (`convention new --from`, Fichier › « Nouvelle
//! convention à partir de celle-ci »), the fiche de synthèse (`convention
//! summary`, one PDF page read back with pdfinfo and pdftotext), and the
//! carnet des parties in the app (offered as the délégant is typed,
//! filled on a click, or Enter when it is the only offer, edited in its
//! window).

mod common;
mod tools;

use std::path::Path;
use std::process::Command;

use common::{REFERENCE, convention, stderr};
use convention::model::{self, Draft, Money, YearRow};

/// Writes a draft to `path`.
fn write_draft(path: &Path, draft: &Draft) {
    std::fs::write(path, model::io::to_json(draft)).expect("draft written");
}

/// The number of pages pdfinfo counts; `None` without poppler.
fn pages(pdf: &Path) -> Option<usize> {
    if !tools::available("pdfinfo") {
        return None;
    }
    let output = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    assert!(
        output.status.success(),
        "pdfinfo failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let line = text
        .lines()
        .find(|line| line.starts_with("Pages:"))
        .expect("pdfinfo gives the pages");
    Some(
        line.trim_start_matches("Pages:")
            .trim()
            .parse()
            .expect("a number"),
    )
}

/// A long draft: 20 years, long texts, many activités and errors.
fn long_draft() -> Draft {
    let mut draft = model::example();
    draft.signature.date = chrono::NaiveDate::from_ymd_opt(2025, 1, 10);
    draft.end_date = chrono::NaiveDate::from_ymd_opt(2044, 12, 31);
    draft.object.purpose = "recourir à des prestations de coaching, de développement, de design et d'accompagnement au déploiement ".repeat(8);
    draft.delegant.address = "27-29 rue de la Convention, bâtiment B, escalier C, ".repeat(6);
    draft.budget.schedule = (2025..2045)
        .map(|year| YearRow {
            year,
            ae: Money::from_euros(10_000).expect("small"),
            // CP above AE every year: errors.
            cp: Money::from_euros(25_000).expect("small"),
        })
        .collect();
    for index in 0..9 {
        draft.chorus.activites.push(model::Activite {
            code: format!("01050{index}A61404"),
            label: "domaine action diplomatique et consulaire, avec une étiquette longue"
                .to_owned(),
        });
    }
    draft.budget.uo = "0105-CRES".to_owned();
    draft.chorus.centre_de_cout = "AE!".to_owned();
    draft
}

#[test]
fn new_from_keeps_the_parties_and_moves_to_the_next_period() {
    let folder = tempfile::tempdir().expect("tempdir");
    let old = folder.path().join("ancienne.json");
    let mut draft = model::example();
    draft.signature.date = chrono::NaiveDate::from_ymd_opt(2025, 3, 14);
    draft.end_date = chrono::NaiveDate::from_ymd_opt(2027, 12, 31);
    draft.budget.schedule = (2025..=2027)
        .map(|year| YearRow {
            year,
            ae: Money::from_euros(50_000).expect("small"),
            cp: Money::from_euros(50_000).expect("small"),
        })
        .collect();
    draft.review.status = model::Status::Valide;
    write_draft(&old, &draft);
    let new = folder.path().join("nouvelle.json");
    let output = convention(&[
        "new",
        "--from",
        old.to_str().expect("utf-8"),
        "-o",
        new.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("nouvelle convention pour 2028–2030"),
        "{}",
        stderr(&output)
    );
    let next = model::load(&new).expect("the new draft reads");
    assert_eq!(next.delegant, draft.delegant);
    assert_eq!(next.chorus, draft.chorus);
    assert_eq!(next.rgpd_matrix, draft.rgpd_matrix);
    assert_eq!(next.budget.uo, draft.budget.uo);
    assert_eq!(next.signature.date, None);
    assert_eq!(next.end_date, chrono::NaiveDate::from_ymd_opt(2030, 12, 31));
    let years: Vec<i32> = next.budget.schedule.iter().map(|row| row.year).collect();
    assert_eq!(years, [2028, 2029, 2030]);
    assert!(next.budget.total_ae().is_zero());
    assert_eq!(next.review.status, model::Status::Brouillon);
    // Never over an existing file without --force.
    let again = convention(&[
        "new",
        "--from",
        old.to_str().expect("utf-8"),
        "-o",
        new.to_str().expect("utf-8"),
    ]);
    assert_eq!(again.status.code(), Some(2));
    // An unreadable old draft is named.
    let missing = convention(&["new", "--from", "absente.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("absente.json"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn summary_as_text_holds_the_facts() {
    let folder = tempfile::tempdir().expect("tempdir");
    let file = folder.path().join("exemple.json");
    std::fs::write(&file, REFERENCE).expect("written");
    let output = convention(&["summary", file.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).expect("utf-8");
    for fact in [
        "Fiche de synthèse",
        "Ministère de l'Europe et des Affaires étrangères (MEAE)",
        "M. Fabien FIESCHI, Directeur du numérique",
        "l'atelier numérique",
        "du 19/05/2022 au 31/12/2022",
        "0105-CRES-DNUM",
        "AECDSI4092",
        "aucune erreur, 1 avertissement, 1 information",
        "Statut : Brouillon",
    ] {
        assert!(text.contains(fact), "missing « {fact} »:\n{text}");
    }
}

#[test]
fn the_fiche_is_one_page_with_the_facts_for_the_example_and_a_long_draft() {
    let folder = tempfile::tempdir().expect("tempdir");
    let example = folder.path().join("exemple.json");
    std::fs::write(&example, REFERENCE).expect("written");
    let long = folder.path().join("longue.json");
    write_draft(&long, &long_draft());
    for (draft, facts) in [
        (
            &example,
            vec![
                "Fiche de synthèse",
                "MEAE",
                "19/05/2022",
                "30 000",
                "AECDSI4092",
                "Brouillon",
            ],
        ),
        (
            &long,
            vec![
                "Fiche de synthèse",
                "2025",
                "(",
                "années)",
                "Total",
                "200 000",
                "500 000",
                "erreur",
            ],
        ),
    ] {
        let pdf = draft.with_extension("pdf");
        let output = convention(&[
            "summary",
            draft.to_str().expect("utf-8"),
            "-o",
            pdf.to_str().expect("utf-8"),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(pdf.is_file());
        if let Some(count) = pages(&pdf) {
            assert_eq!(count, 1, "{} takes {count} pages", pdf.display());
        }
        if let Some(text) = tools::pdftotext(&pdf, false) {
            for fact in facts {
                assert!(
                    text.contains(fact),
                    "{}: missing « {fact} »:\n{text}",
                    pdf.display()
                );
            }
        }
    }
    // --format pdf alone writes beside the draft.
    let output = convention(&["summary", "--format", "pdf", long.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(folder.path().join("longue-synthese.pdf").is_file());
}

#[cfg(feature = "gui")]
mod app {
    use std::path::{Path, PathBuf};

    use convention::app::{AppConfig, Command, ConventionApp, ScriptedDialogs, Step};
    use convention::model;
    use eframe::egui::{self, Key, Modifiers};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;

    const CTRL: Modifiers = Modifiers {
        ctrl: true,
        command: true,
        ..Modifiers::NONE
    };

    const NAME: &str = "Nom complet (délégant)";

    /// The app with `file` opened (its délégant goes to the carnet).
    fn app(
        folder: &Path,
        file: Option<PathBuf>,
        answers: Vec<Option<PathBuf>>,
    ) -> Harness<'static, ConventionApp> {
        let mut config = AppConfig::for_tests(&folder.join("recuperation"));
        config.dialogs = Box::new(ScriptedDialogs::answering(answers));
        config.file = file;
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .with_max_steps(12)
            .build_eframe(move |cc| ConventionApp::new(cc, config));
        harness.run();
        harness
    }

    fn command(harness: &mut Harness<'static, ConventionApp>, command: Command) {
        let ctx = harness.ctx.clone();
        harness.state_mut().run_command(&ctx, command);
        harness.run();
    }

    /// The example saved in `folder`, opened: a new blank draft then shows
    /// the Parties step.
    fn blank_after_the_example(folder: &Path) -> Harness<'static, ConventionApp> {
        let file = folder.join("exemple.json");
        std::fs::write(&file, super::REFERENCE).expect("written");
        let mut harness = app(folder, Some(file), vec![]);
        command(&mut harness, Command::NewBlank);
        command(&mut harness, Command::GoTo(Step::Parties));
        harness
    }

    fn type_name(harness: &mut Harness<'static, ConventionApp>, text: &str) {
        harness.get_by_label(NAME).focus();
        harness.run();
        harness.key_press_modifiers(CTRL, Key::A);
        harness.run();
        harness.get_by_label(NAME).type_text(text);
        harness.run();
    }

    fn delegant(harness: &Harness<'static, ConventionApp>) -> model::Party {
        harness
            .state()
            .session()
            .expect("a draft")
            .draft
            .delegant
            .clone()
    }

    #[test]
    fn the_carnet_offers_the_delegant_and_a_click_fills_the_party() {
        let folder = tempfile::tempdir().expect("tempdir");
        let mut harness = blank_after_the_example(folder.path());
        assert_eq!(harness.state().preferences().carnet.contacts.len(), 1);
        let offer = "Reprendre du carnet : Ministère de l'Europe et des Affaires étrangères (MEAE)";
        assert!(
            harness.query_by_label(offer).is_none(),
            "nothing typed, nothing offered"
        );
        type_name(&mut harness, "affaires étr");
        harness.get_by_label(offer).click_accesskit();
        harness.run();
        assert_eq!(delegant(&harness), model::example().delegant);
        assert!(
            harness.query_by_label(offer).is_none(),
            "filled: the offer goes"
        );
    }

    #[test]
    fn enter_in_the_name_takes_the_only_offer() {
        let folder = tempfile::tempdir().expect("tempdir");
        let mut harness = blank_after_the_example(folder.path());
        type_name(&mut harness, "minis");
        harness.key_press(Key::Enter);
        harness.run();
        let party = delegant(&harness);
        assert_eq!(party.short_name, "MEAE");
        assert_eq!(party.representative.name, "M. Fabien FIESCHI");
    }

    #[test]
    fn enter_among_several_offers_keeps_what_was_typed() {
        let folder = tempfile::tempdir().expect("tempdir");
        let mut other = model::example();
        other.delegant.name = "Ministère de la Culture".to_owned();
        other.delegant.short_name = "MC".to_owned();
        let file = folder.path().join("culture.json");
        super::write_draft(&file, &other);
        let example = folder.path().join("exemple.json");
        std::fs::write(&example, super::REFERENCE).expect("written");
        let mut harness = app(folder.path(), Some(example), vec![]);
        command(&mut harness, Command::Open(Some(file)));
        command(&mut harness, Command::NewBlank);
        command(&mut harness, Command::GoTo(Step::Parties));
        assert_eq!(harness.state().preferences().carnet.contacts.len(), 2);
        harness.get_by_label("Adresse (délégant)").focus();
        harness.run();
        harness
            .get_by_label("Adresse (délégant)")
            .type_text("1 rue de Valois");
        harness.run();
        assert_eq!(delegant(&harness).address, "1 rue de Valois");
        type_name(&mut harness, "minis");
        assert!(
            harness
                .query_by_label_contains("cliquez sur celui à reprendre")
                .is_some()
        );
        harness.key_press(Key::Enter);
        harness.run();
        let party = delegant(&harness);
        assert_eq!(party.name, "minis", "no guess among two");
        assert_eq!(party.address, "1 rue de Valois");
        assert_eq!(party.short_name, "");
        harness
            .get_by_label("Reprendre du carnet : Ministère de la Culture (MC)")
            .click_accesskit();
        harness.run();
        assert_eq!(delegant(&harness).short_name, "MC", "a click still fills");
    }

    #[test]
    fn the_carnet_window_edits_and_deletes() {
        let folder = tempfile::tempdir().expect("tempdir");
        let mut harness = blank_after_the_example(folder.path());
        command(&mut harness, Command::ShowCarnet);
        let label = "Ministère de l'Europe et des Affaires étrangères (MEAE)";
        harness
            .get_by_label(&format!("Modifier : {label}"))
            .click_accesskit();
        harness.run();
        let field = harness.get_by_label("Nom court (carnet)");
        field.focus();
        harness.run();
        harness.key_press_modifiers(CTRL, Key::A);
        harness.run();
        harness
            .get_by_label("Nom court (carnet)")
            .type_text("MEAE-DNUM");
        harness.run();
        assert_eq!(
            harness.state().preferences().carnet.contacts[0].short_name,
            "MEAE-DNUM"
        );
        let edited = "Ministère de l'Europe et des Affaires étrangères (MEAE-DNUM)";
        harness
            .get_by_label(&format!("Supprimer : {edited}"))
            .click_accesskit();
        harness.run();
        assert!(harness.state().preferences().carnet.contacts.is_empty());
    }

    #[test]
    fn saving_a_draft_feeds_the_carnet() {
        let folder = tempfile::tempdir().expect("tempdir");
        let file = folder.path().join("culture.json");
        let mut harness = app(folder.path(), None, vec![Some(file.clone())]);
        command(&mut harness, Command::NewBlank);
        assert!(harness.state().preferences().carnet.contacts.is_empty());
        harness
            .state_mut()
            .session_mut()
            .expect("a draft")
            .draft
            .delegant
            .name = "Ministère de la Culture".to_owned();
        command(&mut harness, Command::Save);
        assert!(file.is_file(), "{:?}", harness.state().notice());
        let carnet = &harness.state().preferences().carnet;
        assert_eq!(carnet.contacts.len(), 1);
        assert_eq!(carnet.contacts[0].name, "Ministère de la Culture");
    }

    #[test]
    fn a_portfolio_folder_feeds_the_carnet() {
        let folder = tempfile::tempdir().expect("tempdir");
        let drafts = folder.path().join("conventions");
        std::fs::create_dir(&drafts).expect("folder");
        for (file, name, short) in [
            ("mc.json", "Ministère de la Culture", "MC"),
            ("mte.json", "Ministère de la Transition écologique", "MTE"),
        ] {
            let mut draft = model::example();
            draft.delegant.name = name.to_owned();
            draft.delegant.short_name = short.to_owned();
            super::write_draft(&drafts.join(file), &draft);
        }
        let mut harness = app(folder.path(), None, vec![]);
        command(&mut harness, Command::OpenPortfolio(Some(drafts)));
        let mut shorts: Vec<String> = harness
            .state()
            .preferences()
            .carnet
            .contacts
            .iter()
            .map(|contact| contact.short_name.clone())
            .collect();
        shorts.sort();
        assert_eq!(shorts, ["MC", "MTE"]);
    }

    #[test]
    fn next_period_and_fiche_from_the_menu_commands() {
        let folder = tempfile::tempdir().expect("tempdir");
        let fiche = folder.path().join("fiche.pdf");
        let file = folder.path().join("exemple.json");
        std::fs::write(&file, super::REFERENCE).expect("written");
        let mut harness = app(folder.path(), Some(file), vec![Some(fiche.clone())]);
        command(&mut harness, Command::SaveSummary);
        assert!(fiche.is_file(), "{:?}", harness.state().notice());
        assert!(std::fs::read(&fiche).expect("read").starts_with(b"%PDF"));
        command(&mut harness, Command::NewSuccessor);
        let session = harness.state().session().expect("a draft");
        assert_eq!(session.path, None, "a new draft, not saved yet");
        assert_eq!(session.draft.delegant, model::example().delegant);
        assert_eq!(session.draft.signature.date, None);
        let years: Vec<i32> = session
            .draft
            .budget
            .schedule
            .iter()
            .map(|row| row.year)
            .collect();
        assert_eq!(years, [2023]);
        assert!(
            harness
                .state()
                .notice()
                .unwrap_or_default()
                .contains("Nouvelle convention pour 2023")
        );
    }
}
