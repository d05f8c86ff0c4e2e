//! The desktop app driven headless, as a person would: widgets are found by
//! their accessible names (what a screen reader says), typed into, clicked.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use convention::app::{AppConfig, Command, ConventionApp, ScriptedDialogs, Step};
use convention::model::{self, Money};
use eframe::egui::{self, Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};

/// Ctrl as winit reports it on Linux and Windows.
const CTRL: Modifiers = Modifiers {
    ctrl: true,
    command: true,
    ..Modifiers::NONE
};

struct Fixture {
    harness: Harness<'static, ConventionApp>,
    folder: tempfile::TempDir,
}

impl Fixture {
    /// The app with no draft, recovery copies in a temporary folder and
    /// dialogs answering `answers` in turn.
    fn new(answers: Vec<Option<PathBuf>>) -> Self {
        let folder = tempfile::tempdir().expect("tempdir");
        let harness = Self::harness(folder.path(), answers, None);
        Self { harness, folder }
    }

    fn harness(
        folder: &Path,
        answers: Vec<Option<PathBuf>>,
        file: Option<PathBuf>,
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

    /// The app with the example opened as a new draft.
    fn with_example(answers: Vec<Option<PathBuf>>) -> Self {
        let mut fixture = Self::new(answers);
        fixture.command(Command::NewFromExample);
        fixture
    }

    /// The example with its délégant's « Territorialité » cell emptied, as
    /// the signed reference left it, opened from a file.
    fn with_empty_territorialite() -> Self {
        let mut fixture = Self::new(vec![]);
        let mut draft = model::example();
        draft.rgpd_matrix[10].delegant.clear();
        let file = fixture.folder.path().join("territorialite.json");
        model::save(&file, &draft).expect("save");
        fixture.command(Command::Open(Some(file)));
        fixture
    }

    fn command(&mut self, command: Command) {
        let ctx = self.harness.ctx.clone();
        self.harness.state_mut().run_command(&ctx, command);
        self.harness.run();
    }

    fn go_to(&mut self, step: Step) {
        self.command(Command::GoTo(step));
    }

    /// Replaces a field's text, as a user selecting all and typing.
    fn type_into(&mut self, label: &str, text: &str) {
        self.harness.get_by_label(label).focus();
        self.harness.run();
        self.harness.key_press_modifiers(CTRL, Key::A);
        self.harness.run();
        self.harness.get_by_label(label).type_text(text);
        self.harness.run();
    }

    fn click(&mut self, label: &str) {
        self.harness.get_by_label(label).click_accesskit();
        self.harness.run();
    }

    fn value(&self, label: &str) -> String {
        self.harness.get_by_label(label).value().unwrap_or_default()
    }

    fn draft(&self) -> &model::Draft {
        &self
            .harness
            .state()
            .session()
            .expect("a draft is open")
            .draft
    }

    fn errors(&self) -> usize {
        self.harness
            .state()
            .session()
            .expect("a draft is open")
            .total()
            .errors
    }

    fn shows(&self, text: &str) -> bool {
        self.harness
            .query_all_by_label_contains(text)
            .next()
            .is_some()
    }

    /// Lets egui's clock run (each step is 0.25 s).
    fn wait(&mut self, seconds: f32) {
        self.harness.run_steps((seconds / 0.25).ceil() as usize);
    }
}

#[test]
fn the_start_page_offers_new_open_recent_and_the_example() {
    let fixture = Fixture::new(vec![]);
    for label in [
        "Nouveau brouillon",
        "Nouveau à partir de l'exemple (MEAE – DINUM, 2022)",
        "Nouveau à partir d'une copie d'un brouillon…",
        "Ouvrir un brouillon…",
        "Importer un DOCX…",
    ] {
        fixture.harness.get_by_label(label);
    }
    assert!(fixture.shows("Fichiers récents"));
    // The example is shown as it will print.
    assert!(fixture.shows("Ministère de l’Europe et des Affaires étrangères"));
    assert_eq!(fixture.harness.state().window_title(), "Convention");
}

#[test]
fn a_blank_draft_filled_step_by_step_checks_clean() {
    let mut fixture = Fixture::new(vec![]);
    fixture.click("Nouveau brouillon");
    assert!(fixture.errors() > 10, "a blank draft has much to fill");

    // Parties.
    fixture.type_into("Nom complet (délégant)", "Ministère de la Culture");
    fixture.type_into("Nom court (sigle employé dans le texte) (délégant)", "MC");
    fixture.type_into("Adresse (délégant)", "182 rue Saint-Honoré, 75001 Paris");
    fixture.type_into(
        "Représentant (civilité, prénom, nom) (délégant)",
        "Mme Alice MARTIN",
    );
    fixture.type_into("Qualité du représentant (délégant)", "Secrétaire générale");
    fixture.type_into(
        "Représentant (civilité, prénom, nom) (délégataire)",
        "Mme Stéphanie SCHAER",
    );
    fixture.type_into(
        "Qualité du représentant (délégataire)",
        "Directrice interministérielle du numérique",
    );
    assert_eq!(
        fixture
            .harness
            .state()
            .session()
            .expect("open")
            .tally(Step::Parties)
            .errors,
        0
    );

    // Objet et visas.
    fixture.click("Étape suivante");
    fixture.type_into(
        "Bénéficiaire (équipe ou service, avec son article)",
        "le service des musées",
    );
    fixture.type_into(
        "Objet : ce que les crédits permettront (commence par un verbe)",
        "financer la construction d'un service numérique",
    );
    fixture.click("Phase : Construction");
    assert!(fixture.shows("permettre au service des musées de financer"));
    assert!(fixture.shows("afin d'accompagner les Startups d'État du service des musées"));
    fixture.type_into(
        "Startup d'État accompagnée (vide pour un service qui en héberge plusieurs)",
        "Rétro-Archives",
    );
    fixture.type_into(
        "Page beta.gouv.fr de la Startup d'État",
        "https://beta.gouv.fr/startups/retro-archives.html",
    );
    assert!(
        fixture
            .shows("afin d'accompagner la Startup d'État « Rétro-Archives » du service des musées")
    );
    assert_eq!(fixture.draft().object.startup.name, "Rétro-Archives");

    // Budget: UO and two years.
    fixture.click("Étape suivante");
    fixture.type_into("Unité opérationnelle (UO)", "0175-CDIN-DNUM");
    fixture.go_to(Step::Signature);
    fixture.type_into("Date de signature", "15/03/2025");
    fixture.type_into("Date de fin", "31/12/2026");
    fixture.go_to(Step::Budget);
    fixture.click("Ajouter une année");
    fixture.click("Ajouter une année");
    fixture.type_into("AE 2025", "80 000");
    fixture.type_into("CP 2025", "40 000");
    fixture.type_into("CP 2026", "40 000");
    assert_eq!(
        fixture.draft().budget.total_cp(),
        Money::from_euros(80_000).expect("small")
    );

    // Chorus.
    fixture.go_to(Step::Chorus);
    fixture.type_into("Domaine fonctionnel", "0175-02");
    fixture.click("Reprendre l'UO");
    fixture.click("Ajouter une activité");
    fixture.type_into("Code (activité 1)", "017502ABCD12");
    fixture.type_into("Centre de coût", "MCSGNUM001");

    let findings = fixture.harness.state().session().expect("open").findings();
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == convention::rules::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(fixture.errors(), 0);
}

#[test]
fn a_cp_above_the_ae_shows_an_error_that_goes_when_fixed() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.type_into("CP 2022", "45 000");
    assert_eq!(
        fixture.draft().budget.schedule[0].cp,
        Money::from_euros(45_000).expect("small")
    );
    assert!(fixture.shows("dépassent les AE cumulées"));
    assert!(fixture.errors() > 0);
    fixture.type_into("CP 2022", "30000");
    assert!(!fixture.shows("dépassent les AE cumulées"));
    assert_eq!(fixture.errors(), 0);
}

#[test]
fn an_unreadable_amount_gives_its_example_in_the_field_s_form() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.type_into("CP 2022", "trente mille");
    assert!(fixture.shows("n'est pas un montant (exemple attendu\u{a0}: 30\u{202f}000,00)"));
    assert!(!fixture.shows("30000.00"));
}

#[test]
fn clicking_a_finding_opens_its_step_and_focuses_its_field() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Chorus);
    fixture.type_into("Centre de coût", "AECDSI40");
    fixture.go_to(Step::Relecture);
    let finding = fixture
        .harness
        .get_by_label_contains("Centre de coût : « AECDSI40 » compte 8 caractères");
    finding.click_accesskit();
    fixture.harness.run();
    let session = fixture.harness.state().session().expect("open");
    assert_eq!(session.step, Step::Chorus);
    assert!(fixture.harness.get_by_label("Centre de coût").is_focused());
}

#[test]
fn relecture_names_fields_as_the_field_table_does() {
    let mut fixture = Fixture::with_empty_territorialite();
    fixture.go_to(Step::Relecture);
    // The reference's zero 2023 row and its empty Territorialité cell.
    assert!(fixture.shows("→ Exercice 2023 — année"));
    assert!(fixture.shows("→ Annexe RGPD, « Territorialité » — délégant"));
    assert!(!fixture.shows("rgpd_matrix["), "no JSON path for people");
}

#[test]
fn undo_and_redo_cover_edits() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.type_into(
        "Nom court (sigle employé dans le texte) (délégant)",
        "MINEUR",
    );
    fixture.wait(2.0);
    assert_eq!(fixture.draft().delegant.short_name, "MINEUR");
    fixture.harness.key_press_modifiers(CTRL, Key::Z);
    fixture.harness.run();
    assert_eq!(fixture.draft().delegant.short_name, "MEAE");
    assert_eq!(
        fixture.value("Nom court (sigle employé dans le texte) (délégant)"),
        "MEAE"
    );
    fixture
        .harness
        .key_press_modifiers(CTRL | Modifiers::SHIFT, Key::Z);
    fixture.harness.run();
    assert_eq!(fixture.draft().delegant.short_name, "MINEUR");
}

#[test]
fn undo_reverts_a_removed_year() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.click("Supprimer l'année 2023");
    fixture.wait(2.0);
    assert_eq!(fixture.draft().budget.schedule.len(), 1);
    fixture.command(Command::Undo);
    assert_eq!(fixture.draft().budget.schedule.len(), 2);
    fixture.harness.get_by_label("AE 2023");
}

#[test]
fn saving_then_reopening_gives_the_same_draft() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("culture.json");
    let mut fixture = Fixture::with_example(vec![Some(path.clone())]);
    fixture.type_into(
        "Nom court (sigle employé dans le texte) (délégant)",
        "MEAE2",
    );
    fixture.harness.key_press_modifiers(CTRL, Key::S);
    fixture.harness.run();
    assert!(path.exists(), "Ctrl+S asked where and saved");
    let saved = fixture.draft().clone();
    assert!(!fixture.harness.state().session().expect("open").is_dirty());
    assert_eq!(
        fixture.harness.state().window_title(),
        "culture.json — Convention"
    );

    let mut reopened = Fixture::new(vec![]);
    reopened.command(Command::Open(Some(path.clone())));
    assert_eq!(reopened.draft(), &saved);
    assert_eq!(model::load(&path).expect("reads"), saved);
    assert!(
        reopened
            .harness
            .state()
            .preferences()
            .recent
            .iter()
            .any(|p| p.ends_with("culture.json"))
    );
}

#[test]
fn export_writes_the_docx_and_the_pdf() {
    let folder = tempfile::tempdir().expect("tempdir");
    let docx = folder.path().join("convention.docx");
    let mut fixture = Fixture::with_example(vec![Some(docx.clone())]);
    fixture.go_to(Step::Export);
    fixture.click("Exporter les deux…");
    let pdf = docx.with_extension("pdf");
    let docx_bytes = std::fs::read(&docx).expect("docx written");
    let pdf_bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(docx_bytes.starts_with(b"PK"));
    assert!(pdf_bytes.starts_with(b"%PDF"));
    assert!(fixture.shows("Exporté :"));
}

#[test]
fn exporting_a_draft_with_errors_needs_a_confirmation_and_marks_it() {
    let folder = tempfile::tempdir().expect("tempdir");
    let pdf = folder.path().join("projet.pdf");
    let mut fixture = Fixture::new(vec![Some(pdf.clone())]);
    fixture.click("Nouveau brouillon");
    fixture.go_to(Step::Export);
    fixture.click("Exporter en PDF…");
    assert!(
        !pdf.exists(),
        "the button is disabled while there are errors"
    );
    fixture.click("Exporter quand même un projet, chaque page marquée « PROJET — non conforme »");
    fixture.click("Exporter en PDF…");
    assert!(pdf.exists());
    assert!(fixture.shows("PROJET — non conforme"));
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.type_into("Nom complet (délégant)", "Ministère modifié");
    fixture
        .harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    fixture.harness.step();
    let commands = &fixture.harness.output().viewport_output[&ViewportId::ROOT].commands;
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    fixture.harness.run();
    assert!(fixture.shows("Modifications non enregistrées"));
    fixture.click("Annuler");
    assert!(!fixture.shows("Modifications non enregistrées"));
    assert_eq!(fixture.draft().delegant.name, "Ministère modifié");
}

#[test]
fn opening_another_draft_over_unsaved_changes_asks_and_can_discard() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.type_into("Nom complet (délégant)", "Ministère modifié");
    fixture.command(Command::NewBlank);
    assert!(fixture.shows("Modifications non enregistrées"));
    fixture.click("Ne pas enregistrer");
    assert_eq!(fixture.draft().delegant.name, "");
}

#[test]
fn next_and_previous_walk_through_every_step() {
    let mut fixture = Fixture::with_example(vec![]);
    for expected in Step::ALL.into_iter().skip(1) {
        fixture.click("Étape suivante");
        assert_eq!(
            fixture.harness.state().session().expect("open").step,
            expected
        );
    }
    assert!(fixture.harness.query_by_label("Étape suivante").is_none());
    fixture.click("Étape précédente");
    assert_eq!(
        fixture.harness.state().session().expect("open").step,
        Step::Relecture
    );
    fixture.harness.key_press_modifiers(CTRL, Key::PageUp);
    fixture.harness.run();
    assert_eq!(
        fixture.harness.state().session().expect("open").step,
        Step::Signature
    );
}

#[test]
fn the_side_panel_jumps_to_a_step_and_counts_its_findings() {
    let mut fixture = Fixture::with_empty_territorialite();
    fixture.click("Annexe RGPD");
    assert_eq!(
        fixture.harness.state().session().expect("open").step,
        Step::Rgpd
    );
    fixture.harness.get_by_label("Ajouter une ligne");
    let session = fixture.harness.state().session().expect("open");
    assert_eq!(
        session.tally(Step::Rgpd).warnings,
        1,
        "the empty Territorialité cell"
    );
}

#[test]
fn unreadable_amounts_are_kept_flagged_and_never_saved() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.type_into("AE 2022", "30 000,5,5");
    assert_eq!(
        fixture.value("AE 2022"),
        "30 000,5,5",
        "what was typed stays"
    );
    assert!(fixture.shows("n'a pas été pris en compte"));
    fixture.wait(1.0);
    assert_eq!(
        fixture
            .harness
            .query_all_by_label_contains("pas été pris en compte")
            .count(),
        1,
        "said once, under the table"
    );
    assert_eq!(
        fixture.draft().budget.schedule[0].ae,
        Money::from_euros(30_000).expect("small")
    );
    assert!(
        fixture.errors() > 0,
        "an unreadable amount is an error to fix"
    );
    fixture.type_into("AE 2022", "30 000,50");
    assert_eq!(fixture.draft().budget.schedule[0].ae.cents(), 3_000_050);
    assert!(!fixture.shows("n'a pas été pris en compte"));
}

#[test]
fn rgpd_rows_can_be_added_moved_removed_and_reset() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Rgpd);
    let count = fixture.draft().rgpd_matrix.len();
    fixture.click("Ajouter une ligne");
    assert_eq!(fixture.draft().rgpd_matrix.len(), count + 1);
    fixture.type_into(&format!("Sujet (ligne {})", count + 1), "Hébergement");
    fixture.click(&format!("Monter la ligne {}", count + 1));
    assert_eq!(fixture.draft().rgpd_matrix[count - 1].topic, "Hébergement");
    fixture.click("Supprimer la ligne 1");
    assert_eq!(fixture.draft().rgpd_matrix.len(), count);
    fixture.click("Rétablir la matrice type");
    assert_eq!(fixture.draft().rgpd_matrix, model::standard::rgpd_matrix());
}

#[test]
fn a_multi_line_rgpd_cell_keeps_its_paragraphs() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Rgpd);
    fixture.type_into("Délégant (ligne 11)", "Premier paragraphe");
    fixture.harness.key_press(Key::Enter);
    fixture.harness.run();
    fixture
        .harness
        .get_by_label("Délégant (ligne 11)")
        .type_text("Second");
    fixture.harness.run();
    assert_eq!(
        fixture.draft().rgpd_matrix[10].delegant,
        "Premier paragraphe\nSecond"
    );
    assert_eq!(
        fixture
            .harness
            .state()
            .session()
            .expect("open")
            .tally(Step::Rgpd)
            .warnings,
        0
    );
}

#[test]
fn autosave_writes_a_copy_that_the_next_start_offers_to_restore() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.type_into("Nom complet (délégant)", "Texte jamais enregistré");
    fixture.wait(31.0);
    let folder = fixture.folder.path().join("recuperation");
    let copies: Vec<_> = std::fs::read_dir(&folder)
        .expect("recovery folder")
        .collect();
    assert_eq!(copies.len(), 1, "one recovery copy after 30 s");
    // A crash: the app goes away without cleaning up.
    std::mem::forget(fixture.harness);

    let mut next = Fixture {
        harness: Fixture::harness(fixture.folder.path(), vec![], None),
        folder: fixture.folder,
    };
    assert!(next.shows("Brouillon récupéré"));
    next.click("Restaurer Sans titre");
    assert_eq!(next.draft().delegant.name, "Texte jamais enregistré");
    assert!(next.harness.state().session().expect("open").is_dirty());
}

#[test]
fn a_step_change_also_writes_the_recovery_copy() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.type_into("Nom complet (délégant)", "Changement");
    fixture.click("Étape suivante");
    let folder = fixture.folder.path().join("recuperation");
    assert_eq!(
        std::fs::read_dir(&folder).expect("recovery folder").count(),
        1
    );
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_draft_opens() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("depose.json");
    std::fs::write(&path, model::EXAMPLE_JSON).expect("write");
    let mut fixture = Fixture::new(vec![]);
    fixture
        .harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    fixture.harness.run();
    let session = fixture
        .harness
        .state()
        .session()
        .expect("the dropped draft is open");
    assert_eq!(session.path.as_deref(), Some(path.as_path()));
}

#[test]
fn a_bad_file_gives_an_error_that_names_it() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("casse.json");
    std::fs::write(&path, "{ \"format_version\": 1, ").expect("write");
    let fixture = Fixture {
        harness: Fixture::harness(folder.path(), vec![], Some(path)),
        folder,
    };
    assert!(fixture.harness.state().session().is_none());
    assert!(fixture.shows("casse.json"));
    assert!(fixture.shows("ne peut pas être ouvert"));
}

#[test]
fn the_title_shows_the_file_and_the_unsaved_mark() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("titre.json");
    std::fs::write(&path, model::EXAMPLE_JSON).expect("write");
    let mut fixture = Fixture {
        harness: Fixture::harness(folder.path(), vec![], Some(path)),
        folder,
    };
    assert_eq!(
        fixture.harness.state().window_title(),
        "titre.json — Convention"
    );
    fixture.type_into("Nom court (sigle employé dans le texte) (délégant)", "X");
    assert_eq!(
        fixture.harness.state().window_title(),
        "● titre.json — Convention"
    );
}

#[test]
fn amounts_typed_the_french_way_are_understood() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.type_into("AE 2023", "12 345,67 €");
    assert_eq!(fixture.draft().budget.schedule[1].ae.cents(), 1_234_567);
    fixture.type_into("CP 2023", "12345.6");
    assert_eq!(fixture.draft().budget.schedule[1].cp.cents(), 1_234_560);
}

#[test]
fn adding_a_year_keeps_the_schedule_sorted_and_focuses_it() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.click("Ajouter une année");
    let years: Vec<i32> = fixture
        .draft()
        .budget
        .schedule
        .iter()
        .map(|r| r.year)
        .collect();
    assert_eq!(years, [2022, 2023, 2024]);
    assert!(fixture.harness.get_by_label("AE 2024").is_focused());
}

/// Drafts that, between them, make every rule fire at least once.
fn drafts_that_fire_every_rule() -> Vec<model::Draft> {
    let euros = |n: i64| Money::from_euros(n).expect("small");
    let row = |year, ae, cp| model::YearRow {
        year,
        ae: euros(ae),
        cp: euros(cp),
    };
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let activite = |code: &str| model::Activite {
        code: code.to_owned(),
        label: String::new(),
    };

    let mut blank = model::Draft::blank();
    blank.visas.push(String::new());

    let mut faulty = model::example();
    faulty.signature.date = day(2022, 12, 5);
    faulty.end_date = day(2024, 12, 31);
    faulty.budget.hors_titre_2 = false;
    faulty.budget.schedule = vec![
        row(2021, 10, 10),
        row(2022, 60_000, 70_000),
        row(2022, 1, -1),
        row(2025, 0, 0),
    ];
    faulty.visas = vec!["le décret n° 2014-1085 du 14 octobre 2004".to_owned()];
    faulty.commitments[0].text.clear();
    faulty.chorus.centre_financier = "0105-CRES-AUTR".to_owned();
    faulty.chorus.activites = vec![
        activite("010501A61404"),
        activite("010501A61404"),
        activite("0224XX"),
        activite("022401A61404"),
    ];
    faulty.notice_months = 0;
    faulty.rgpd_matrix[0].topic.clear();
    // A page that is not a web address (`content.startup-page`).
    faulty.object.startup.name = "Rétro-Archives".to_owned();
    faulty.object.startup.url = "fiche beta".to_owned();

    let mut small = model::example();
    small.budget.schedule = vec![row(2022, 30_000, 20_000)];
    small.notice_months = 24;
    // A programme of the Culture on a convention of the MEAE.
    small.budget.uo = "0224-CRES-DNUM".to_owned();
    // A character no PDF font has (`content.unshown-characters`): Apple's
    // logo, in the private use area, which egui's own icon font draws.
    small.title.push_str(" \u{f8ff}");

    let mut odd = model::example();
    odd.end_date = day(2021, 1, 1);
    odd.delegataire.name = odd.delegant.name.clone();
    odd.rgpd_matrix.clear();
    odd.signature.place.clear();
    // Over the 100,000 characters of `content.long-field`.
    odd.visas.push("long ".repeat(20_001));
    // A programme that is not in the list.
    odd.budget.uo = "0999-CRES-DNUM".to_owned();

    let mut reviewed = model::example();
    let noon = chrono::DateTime::from_timestamp(1_652_961_600, 0).expect("a date");
    let uo = model::Subject::Field(model::Field::Uo.path());
    reviewed.review.add_comment(uo, "Claire", noon, "UO ?");
    reviewed
        .review
        .add_comment(model::Subject::Document, "Claire", noon, "Relire");
    // A remark about an article the built-in template does not have.
    reviewed.review.add_comment(
        model::Subject::Article(model::Article::Numbered(99)),
        "Claire",
        noon,
        "Article 99 ?",
    );
    reviewed
        .review
        .set_status(model::Status::Valide, "Claire", noon);
    // Beyond what is plausible: a total over 10¹⁰ € and an end in 2150.
    let mut implausible = model::example();
    implausible.budget.schedule[0].ae = euros(20_000_000_000);
    implausible.end_date = day(2150, 12, 31);
    // More visas than a convention ever has (`content.long-list`).
    implausible.visas = vec![implausible.visas[0].clone(); 101];
    // What a jurist corrects (`wording.*`): a visa without « n° », « Etat »,
    // « interim », a name written two ways, « CEDEX » and « Cedex » mixed.
    let mut worded = model::example();
    worded.visas[0] = "le décret 2004-1085 du 14 octobre 2004 relatif à l'Etat".to_owned();
    worded.delegant.representative.title = "Directeur du numérique par interim".to_owned();
    worded.object.purpose = "aider le ministère de l'Europe et des Affaires étrangères".to_owned();
    worded.delegataire.address = "20 avenue de Ségur – TSA 30719 – 75334 PARIS Cedex 07".to_owned();
    // An empty RGPD responsibility (`rgpd.empty-cell`), as the signed
    // reference has one.
    worded.rgpd_matrix[10].delegant.clear();
    vec![blank, faulty, small, odd, reviewed, implausible, worded]
}

#[test]
fn every_field_a_rule_names_is_shown_by_its_step_with_its_message() {
    let folder = tempfile::tempdir().expect("tempdir");
    let mut fired = std::collections::BTreeSet::new();
    for (number, draft) in drafts_that_fire_every_rule().into_iter().enumerate() {
        let findings = convention::rules::check(&draft);
        fired.extend(findings.iter().map(|f| f.rule));
        let file = folder.path().join(format!("brouillon-{number}.json"));
        model::save(&file, &draft).expect("save");
        let mut fixture = Fixture::new(vec![]);
        fixture.command(Command::Open(Some(file)));
        for step in Step::ALL.into_iter().filter(|s| s.is_form()) {
            fixture.go_to(step);
            let session = fixture.harness.state().session().expect("open");
            for finding in findings.iter().filter(|f| f.path.step() == step) {
                assert!(
                    session.drawn.fields.contains(&finding.path),
                    "brouillon {number}, {}: no field of « {} » shows {}",
                    finding.rule,
                    step.title(),
                    finding.path
                );
                assert!(
                    session.drawn.messages.contains(&finding.path),
                    "brouillon {number}, {}: the message at {} is not shown",
                    finding.rule,
                    finding.path
                );
            }
        }
    }
    let silent: Vec<&str> = convention::rules::RULES
        .iter()
        .map(|rule| rule.id)
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(silent.is_empty(), "no test draft fires {silent:?}");
}

/// The reference saved as `v1.json` in `folder`, opened, and compared with
/// itself: the state of a reviewer about to change it.
fn comparing_with_the_reference(folder: &Path, answers: Vec<Option<PathBuf>>) -> Fixture {
    let old = folder.join("v1.json");
    model::save(&old, &model::example()).expect("save");
    let mut fixture = Fixture::new(answers);
    fixture.command(Command::Open(Some(old.clone())));
    fixture.command(Command::CompareWith(Some(old)));
    fixture
}

#[test]
fn compare_mode_marks_each_changed_field_with_its_old_value() {
    let folder = tempfile::tempdir().expect("tempdir");
    let mut fixture = comparing_with_the_reference(folder.path(), vec![]);
    assert!(fixture.shows("Comparaison avec « v1.json » : aucune modification"));
    fixture.type_into(
        "Qualité du représentant (délégant)",
        "Directeur général de l'administration",
    );
    assert!(fixture.shows("Comparaison avec « v1.json » : 1 modification"));
    assert!(fixture.shows("Δ Modifié — avant\u{a0}: Directeur du numérique"));
    assert!(
        fixture.shows("Δ1"),
        "the side panel counts the step's changes"
    );

    fixture.go_to(Step::Budget);
    fixture.type_into("CP 2023", "15 000");
    fixture.type_into("AE 2023", "15 000");
    fixture.click("Ajouter une année");
    assert!(fixture.shows("Δ CP 2023\u{a0}: modifié — avant\u{a0}: 0\u{a0}€"));
    assert!(fixture.shows("Δ Exercice 2024\u{a0}: ligne ajoutée"));
    fixture.go_to(Step::Rgpd);
    fixture.click("Supprimer la ligne 1");
    assert!(fixture.shows("Δ Supprimé\u{a0}: Annexe RGPD, «\u{a0}Respect de la vie privée"));
    let session = fixture.harness.state().session().expect("open");
    assert_eq!(session.changes_in(Step::Budget), 3);
    assert_eq!(session.changes().len(), 5);
}

#[test]
fn compare_mode_lists_the_changes_for_review_and_previews_the_redline() {
    let folder = tempfile::tempdir().expect("tempdir");
    let mut fixture = comparing_with_the_reference(folder.path(), vec![]);
    fixture.go_to(Step::Signature);
    fixture.type_into("Date de fin", "31/12/2024");
    fixture.go_to(Step::Relecture);
    assert!(fixture.shows("Modifications depuis « v1.json »"));
    let change = fixture.harness.get_by_label_contains(
        "Δ Date de fin\u{a0}: 31\u{a0}décembre 2022 → 31\u{a0}décembre 2024",
    );
    change.click_accesskit();
    fixture.harness.run();
    let session = fixture.harness.state_mut().session_mut().expect("open");
    assert_eq!(
        session.step,
        Step::Signature,
        "a click opens the field's step"
    );
    let preview = session.preview().as_ref().expect("renders");
    assert!(preview.has_revisions(), "the preview shows the redline");
    assert!(fixture.harness.get_by_label("Date de fin").is_focused());
}

#[test]
fn compare_mode_exports_the_redline_and_is_left_in_one_click() {
    let folder = tempfile::tempdir().expect("tempdir");
    let out = folder.path().join("relecture.docx");
    let mut fixture = comparing_with_the_reference(folder.path(), vec![Some(out.clone())]);
    fixture.type_into(
        "Représentant (civilité, prénom, nom) (délégant)",
        "Mme Claire DUPONT",
    );
    fixture.go_to(Step::Export);
    fixture.click("Modifications en DOCX…");
    assert!(out.is_file(), "{:?}", fixture.harness.state().notice());
    let mut xml = String::new();
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("a DOCX");
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("the body"),
        &mut xml,
    )
    .expect("read");
    assert!(xml.contains("<w:ins ") && xml.contains("<w:delText"));
    assert!(!xml.contains("w:date="), "unsaved changes are undated");
    assert!(fixture.shows("1 modification suivie"));

    fixture.click("Quitter la comparaison");
    assert!(!fixture.shows("Comparaison avec"));
    let session = fixture.harness.state_mut().session_mut().expect("open");
    assert!(session.changes().is_empty());
    assert!(!session.preview().as_ref().expect("renders").has_revisions());
}

#[test]
fn compare_mode_writes_the_avenant_or_says_why_not() {
    let folder = tempfile::tempdir().expect("tempdir");
    let first = folder.path().join("avenant.pdf");
    let mut fixture = comparing_with_the_reference(folder.path(), vec![Some(first.clone())]);
    fixture.type_into(
        "Représentant (civilité, prénom, nom) (délégant)",
        "Mme Claire DUPONT",
    );
    fixture.go_to(Step::Export);
    fixture.click("Avenant en PDF…");
    assert!(!first.exists());
    assert!(fixture.shows("Avenant impossible : aucun article de la convention ne change"));

    fixture.go_to(Step::Signature);
    fixture.type_into("Date de fin", "31/12/2023");
    fixture.go_to(Step::Export);
    fixture.type_into("Date d'effet (facultative)", "01/09/2022");
    fixture.click("Avenant en PDF…");
    assert!(
        first.is_file(),
        "asked where only once: {:?}",
        fixture.harness.state().notice()
    );
    assert!(fixture.shows("Avenant n° 1 écrit"));
}

/// The accessible name of the buttons of a remark by `author` saying
/// `text`.
fn remark(verb: &str, author: &str, text: &str) -> String {
    format!("{verb} {author} : « {text} »")
}

impl Fixture {
    /// Gives the name asked the first time a remark or a status needs it.
    fn give_name(&mut self, name: &str) {
        assert!(self.shows("Prénom et nom"), "the name is asked");
        self.harness.get_by_label("Prénom et nom").type_text(name);
        self.harness.run();
        self.click("Valider");
        assert!(!self.shows("Prénom et nom"));
    }

    /// Writes a remark in the open editor and adds it.
    fn write_remark(&mut self, editor: &str, text: &str) {
        self.harness.get_by_label(editor).type_text(text);
        self.harness.run();
        self.click("Ajouter la remarque");
    }

    /// Opens a menu of the menu bar, and a submenu in it.
    fn menu(&mut self, path: &[&str]) {
        for item in path {
            self.harness.get_by_label(item).click();
            self.harness.run();
        }
    }

    fn disabled(&self, label: &str) -> bool {
        use egui_kittest::kittest::NodeT as _;
        self.harness
            .get_by_label(label)
            .accesskit_node()
            .is_disabled()
    }

    fn open_remarks(&self, count: &str) -> usize {
        self.harness.query_all_by_label(count).count()
    }
}

#[test]
fn a_remark_is_added_by_keyboard_with_its_author_and_date() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    // From the field, Shift+Tab reaches its comment button.
    fixture
        .harness
        .get_by_label("Unité opérationnelle (UO)")
        .focus();
    fixture.harness.run();
    fixture
        .harness
        .key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    fixture.harness.run();
    let button = "Commenter : Unité opérationnelle (UO)";
    assert!(fixture.harness.get_by_label(button).is_focused());
    fixture.harness.key_press(Key::Enter);
    fixture.harness.run();
    let editor = "Remarque sur : Unité opérationnelle (UO)";
    assert!(
        fixture.harness.get_by_label(editor).is_focused(),
        "the focus goes into the editor"
    );
    fixture
        .harness
        .get_by_label(editor)
        .type_text("UO à confirmer");
    fixture.harness.run();
    fixture.harness.key_press_modifiers(CTRL, Key::Enter);
    fixture.harness.run();
    fixture.give_name("Claire Martin");

    let comments = &fixture.draft().review.comments;
    assert_eq!(comments.len(), 1);
    let comment = comments[0].clone();
    assert_eq!(comment.author, "Claire Martin");
    assert_eq!(comment.text, "UO à confirmer");
    assert_eq!(
        comment.about,
        model::Subject::Field(model::Field::Uo.path())
    );
    assert!(fixture.shows("Claire Martin"));
    let date = convention::ui::remarks::french_datetime(comment.date);
    assert!(fixture.shows(&date), "the date shows as {date}");
    assert!(fixture.harness.query_by_label(editor).is_none());
    assert!(fixture.harness.state().session().expect("open").is_dirty());
}

#[test]
fn escape_cancels_a_remark() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture
        .harness
        .get_by_label("Commenter : Unité opérationnelle (UO)")
        .click();
    fixture.harness.run();
    let editor = "Remarque sur : Unité opérationnelle (UO)";
    fixture.harness.get_by_label(editor).type_text("brouillon");
    fixture.harness.run();
    fixture.harness.key_press(Key::Escape);
    fixture.harness.run();
    assert!(fixture.harness.query_by_label(editor).is_none());
    assert!(fixture.draft().review.comments.is_empty());
    assert!(!fixture.shows("Prénom et nom"), "nothing asked");
}

#[test]
fn a_remark_is_answered_resolved_and_reopened_and_counted_by_step() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    assert_eq!(fixture.open_remarks("1 remarque ouverte"), 0);
    // With the mouse, on a cell of the schedule.
    fixture
        .harness
        .get_by_label("Commenter : Exercice 2022 — CP")
        .click();
    fixture.harness.run();
    fixture.write_remark("Remarque sur : Exercice 2022 — CP", "CP 2022 à revoir");
    fixture.give_name("Paul Durand");
    assert_eq!(fixture.open_remarks("1 remarque ouverte"), 1, "side panel");

    let whose = |verb| remark(verb, "Paul Durand", "CP 2022 à revoir");
    fixture.click(&whose("Répondre à"));
    fixture
        .harness
        .get_by_label(&whose("Réponse à"))
        .type_text("Revu avec le CBCM");
    fixture.harness.run();
    fixture.click("Ajouter la réponse");
    assert!(!fixture.shows("Prénom et nom"), "the name is asked once");
    let comment = fixture.draft().review.comments[0].clone();
    assert_eq!(comment.replies.len(), 1);
    assert_eq!(comment.replies[0].author, "Paul Durand");
    assert!(fixture.shows("Revu avec le CBCM"));

    fixture.click(&whose("Résoudre la remarque de"));
    assert!(fixture.draft().review.comments[0].resolved);
    assert_eq!(fixture.open_remarks("1 remarque ouverte"), 0);
    assert!(!fixture.shows("Revu avec le CBCM"), "folded");
    fixture.click("Afficher : 1 remarque résolue (Exercice 2022 — CP)");
    assert!(fixture.shows("Revu avec le CBCM"));
    fixture.click(&whose("Rouvrir la remarque de"));
    assert!(!fixture.draft().review.comments[0].resolved);
    assert_eq!(fixture.open_remarks("1 remarque ouverte"), 1);
}

#[test]
fn relecture_lists_open_remarks_and_a_click_focuses_the_field() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Chorus);
    fixture.click("Commenter : Centre de coût");
    fixture.write_remark("Remarque sur : Centre de coût", "Code à vérifier");
    fixture.give_name("Claire Martin");
    fixture.go_to(Step::Relecture);
    assert!(fixture.shows("Code à vérifier"));
    assert!(fixture.shows("1 remarque ouverte."));
    // A remark on the whole draft is written and answered here.
    fixture.click("Commenter : Ensemble du brouillon");
    fixture.write_remark("Remarque sur : Ensemble du brouillon", "Relire l'article 5");
    assert_eq!(
        fixture.draft().review.comments[1].about,
        model::Subject::Document
    );
    assert!(fixture.shows("Relire l'article 5"));
    fixture.click(&remark(
        "Résoudre la remarque de",
        "Claire Martin",
        "Relire l'article 5",
    ));
    assert!(fixture.draft().review.comments[1].resolved);

    fixture.click("Aller au champ « Centre de coût »");
    let session = fixture.harness.state().session().expect("open");
    assert_eq!(session.step, Step::Chorus);
    assert!(fixture.harness.get_by_label("Centre de coût").is_focused());
}

#[test]
fn the_status_is_set_from_the_file_menu_and_shown_in_the_title() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.menu(&["Fichier", "Statut", "En relecture"]);
    fixture.give_name("Claire Martin");
    let review = &fixture.draft().review;
    assert_eq!(review.status, model::Status::EnRelecture);
    assert_eq!(review.history.len(), 1);
    assert_eq!(review.history[0].author, "Claire Martin");
    assert_eq!(
        fixture.harness.state().window_title(),
        "● Sans titre — En relecture — Convention"
    );
    fixture.menu(&["Fichier", "Statut", "Validé"]);
    assert!(!fixture.shows("Prénom et nom"), "asked once");
    assert_eq!(fixture.draft().review.history.len(), 2);
    assert_eq!(
        fixture.harness.state().preferences().author,
        "Claire Martin"
    );
}

#[test]
fn a_signed_draft_is_read_only_but_takes_remarks() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("signee.json");
    let mut draft = model::example();
    draft.review.set_status(
        model::Status::Signe,
        "DINUM",
        chrono::DateTime::from_timestamp(1_653_000_000, 0).expect("a date"),
    );
    model::save(&path, &draft).expect("save");
    let mut fixture = Fixture {
        harness: Fixture::harness(folder.path(), vec![], Some(path)),
        folder,
    };
    assert!(fixture.shows("Convention signée : elle ne change que par avenant"));
    assert_eq!(
        fixture.harness.state().window_title(),
        "signee.json — Signé — Convention"
    );
    let name = "Nom complet (délégant)";
    assert!(fixture.disabled(name));
    fixture.go_to(Step::Budget);
    assert!(fixture.disabled("AE 2022"));
    assert!(fixture.disabled("Ajouter une année"));

    // Still discussed.
    fixture.click("Commenter : Exercice 2022 — AE");
    fixture.write_remark("Remarque sur : Exercice 2022 — AE", "Montant à justifier");
    fixture.give_name("Claire Martin");
    assert_eq!(fixture.draft().review.comments.len(), 1);
    assert!(fixture.shows("Montant à justifier"));

    // Leaving « Signé » asks first.
    fixture.menu(&["Fichier", "Statut", "Brouillon"]);
    assert!(fixture.draft().is_signed());
    fixture.click("Garder « Signé »");
    assert!(fixture.draft().is_signed());
    fixture.menu(&["Fichier", "Statut", "Brouillon"]);
    fixture.click("Repasser en « Brouillon »");
    assert!(!fixture.draft().is_signed());
    assert!(!fixture.disabled("AE 2022"));
    assert!(!fixture.shows("Convention signée : elle ne change que par avenant"));
}

#[test]
fn undo_takes_a_remark_back() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.click("Commenter : Unité opérationnelle (UO)");
    fixture.write_remark("Remarque sur : Unité opérationnelle (UO)", "UO ?");
    fixture.give_name("Claire Martin");
    assert_eq!(fixture.draft().review.comments.len(), 1);
    fixture.harness.key_press_modifiers(CTRL, Key::Z);
    fixture.harness.run();
    assert!(fixture.draft().review.comments.is_empty());
    assert!(!fixture.shows("UO ?"));
    fixture
        .harness
        .key_press_modifiers(CTRL | Modifiers::SHIFT, Key::Z);
    fixture.harness.run();
    assert_eq!(fixture.draft().review.comments.len(), 1);
}

#[test]
fn a_remark_on_any_field_shows_on_its_step() {
    let folder = tempfile::tempdir().expect("tempdir");
    let file = folder.path().join("remarques.json");
    let mut draft = model::example();
    let noon = chrono::DateTime::from_timestamp(1_652_961_600, 0).expect("a date");
    for (number, info) in model::field::FIELDS.iter().enumerate() {
        let path = if info.field.in_row() {
            info.field.at(0)
        } else {
            info.field.path()
        };
        let text = format!("remarque n° {number}");
        draft.review.add_comment(path.into(), "A", noon, &text);
    }
    model::save(&file, &draft).expect("save");
    let mut fixture = Fixture::new(vec![]);
    fixture.command(Command::Open(Some(file)));
    for step in Step::ALL.into_iter().filter(|s| s.is_form()) {
        fixture.go_to(step);
        for comment in &draft.review.comments {
            if comment.about.step() == step {
                assert!(
                    fixture.harness.query_by_label(&comment.text).is_some(),
                    "« {} » does not show the remark on {}",
                    step.title(),
                    comment.about
                );
                // A cell is commented on by its own button or, for the
                // year of the schedule, by its row's.
                let model::Subject::Field(path) = comment.about else {
                    panic!("a field");
                };
                let button = |path: model::FieldPath| {
                    let label = path.label_in(&draft);
                    fixture
                        .harness
                        .query_by_label(&format!("Commenter : {label}"))
                        .is_some()
                };
                assert!(
                    button(path) || path.row_path().is_some_and(button),
                    "no comment button for {path}"
                );
            }
        }
    }
}

#[test]
fn a_remark_waiting_for_a_name_not_given_is_not_lost() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    fixture.click("Commenter : Unité opérationnelle (UO)");
    let editor = "Remarque sur : Unité opérationnelle (UO)";
    fixture.write_remark(editor, "UO à confirmer");
    assert!(fixture.shows("Prénom et nom"));
    fixture.click("Annuler");
    assert!(fixture.draft().review.comments.is_empty());
    assert_eq!(fixture.value(editor), "UO à confirmer");
    fixture.click("Ajouter la remarque");
    fixture.give_name("Claire Martin");
    assert_eq!(fixture.draft().review.comments.len(), 1);
}

/// The committed fixture: the example, and its export commented by
/// python-docx (tests/fixtures/reviewed).
fn reviewed_fixture() -> (PathBuf, PathBuf) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reviewed");
    (folder.join("convention.json"), folder.join("reviewed.docx"))
}

#[test]
fn the_remarks_of_a_reviewed_docx_come_in_from_the_file_menu_as_one_edit() {
    let folder = tempfile::tempdir().expect("tempdir");
    let (draft, docx) = reviewed_fixture();
    let file = folder.path().join("convention.json");
    std::fs::copy(&draft, &file).expect("copy");
    let mut fixture = Fixture::new(vec![Some(docx.clone())]);
    fixture.command(Command::Open(Some(file.clone())));
    fixture.command(Command::ImportReview {
        path: None,
        force: false,
    });
    let comments = fixture.draft().review.comments.clone();
    assert!(comments.len() >= 4, "{comments:?}");
    let cp = "budget.schedule[0].cp".parse().expect("a field");
    assert!(
        comments
            .iter()
            .any(|c| c.about == model::Subject::Field(cp) && !c.author.is_empty()),
        "{comments:?}"
    );
    assert!(
        comments.iter().any(|c| c.text.starts_with("Proposition :")),
        "{comments:?}"
    );
    assert!(fixture.shows("importé"), "the summary is said");
    // An edit like any other: unsaved, and undone in one step.
    assert!(fixture.harness.state().session().expect("open").is_dirty());
    fixture.harness.key_press_modifiers(CTRL, Key::Z);
    fixture.harness.run();
    assert!(fixture.draft().review.comments.is_empty());
    // The same file again, after a redo, adds nothing.
    fixture
        .harness
        .key_press_modifiers(CTRL | Modifiers::SHIFT, Key::Z);
    fixture.harness.run();
    fixture.command(Command::ImportReview {
        path: Some(docx),
        force: false,
    });
    assert_eq!(fixture.draft().review.comments, comments);
}

#[test]
fn a_docx_of_another_draft_is_imported_only_when_the_user_says_so() {
    let (_, docx) = reviewed_fixture();
    let folder = tempfile::tempdir().expect("tempdir");
    let other = folder.path().join("autre.json");
    let mut draft = model::example();
    draft.notice_months = 6;
    model::save(&other, &draft).expect("save");
    let mut fixture = Fixture::new(vec![]);
    fixture.command(Command::Open(Some(other)));
    fixture.command(Command::ImportReview {
        path: Some(docx),
        force: false,
    });
    assert!(fixture.shows("Ce DOCX vient d'un autre brouillon"));
    assert!(fixture.draft().review.comments.is_empty());
    fixture.click("Importer quand même");
    assert!(!fixture.draft().review.comments.is_empty());
}

#[test]
fn a_file_that_is_not_a_docx_is_refused_with_its_name() {
    let folder = tempfile::tempdir().expect("tempdir");
    let fake = folder.path().join("relu.docx");
    std::fs::write(&fake, "pas un docx").expect("write");
    let mut fixture = Fixture::with_example(vec![]);
    fixture.command(Command::ImportReview {
        path: Some(fake),
        force: false,
    });
    assert!(fixture.shows("Les remarques ne peuvent pas être importées."));
    assert!(fixture.shows("relu.docx"));
    assert!(fixture.draft().review.comments.is_empty());
}

#[test]
fn the_remarks_of_a_table_s_cells_name_their_cell() {
    // Under the schedule, a remark on the AE of 2022 and one on its CP
    // would otherwise look alike.
    let folder = tempfile::tempdir().expect("tempdir");
    let file = folder.path().join("cellules.json");
    let mut draft = model::example();
    let noon = chrono::DateTime::from_timestamp(1_652_961_600, 0).expect("a date");
    let ae = model::Field::ScheduleAe.at(0);
    let cp = model::Field::ScheduleCp.at(0);
    draft
        .review
        .add_comment(ae.into(), "A", noon, "Sur les AE.");
    draft
        .review
        .add_comment(cp.into(), "B", noon, "Sur les CP.");
    let uo = model::Field::Uo.path();
    draft.review.add_comment(uo.into(), "C", noon, "Sur l'UO.");
    model::save(&file, &draft).expect("save");
    let mut fixture = Fixture::new(vec![]);
    fixture.command(Command::Open(Some(file)));
    fixture.go_to(Step::Budget);
    for path in [ae, cp] {
        let heading = format!("Sur « {} » :", path.label_in(&draft));
        assert!(fixture.shows(&heading), "no « {heading} »");
    }
    // A field shown with its remarks beside it needs no such line.
    assert!(fixture.shows("Sur l'UO."));
    assert!(!fixture.shows(&format!("Sur « {} » :", uo.label_in(&draft))));
}

#[test]
fn the_uo_shows_its_programme_label_mission_and_ministry() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Budget);
    assert!(fixture.shows(
        "Programme 0105 « Action de la France en Europe et dans le monde » — mission « Action extérieure de l'État » — Ministre des affaires étrangères"
    ));
    fixture.go_to(Step::Chorus);
    assert!(fixture.shows("Programme 0105 « Action de la France en Europe et dans le monde »"));
    // Another ministry's programme: named, and the rule says whose it is.
    fixture.go_to(Step::Budget);
    fixture.type_into("Unité opérationnelle (UO)", "0224-CRES-DNUM");
    fixture.wait(1.0);
    assert!(
        fixture
            .shows("Programme 0224 « Transmission des savoirs et démocratisation de la culture »")
    );
    assert!(fixture.shows("relève du ministre de la culture et de la communication"));
    fixture.type_into("Unité opérationnelle (UO)", "0999-CRES-DNUM");
    fixture.wait(1.0);
    // The rule's message, and the line under the field.
    assert!(fixture.shows("programme 0999 inconnu"));
    assert!(fixture.shows("Programme 0999 : absent de la liste des programmes du budget général"));
}

/// A folder of four drafts (the reference, a Culture convention ending in
/// two months, an Armées one signed and ending in three years, a faulty
/// one), a JSON file that is no draft, and an unreadable draft.
fn portfolio_folder() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("tempdir");
    let today = chrono::Local::now().date_naive();
    let save = |name: &str, draft: &model::Draft| {
        model::save(&folder.path().join(name), draft).expect("saved");
    };
    save("a-meae.json", &model::example());
    let mut culture = model::example();
    culture.delegant.name = "Ministère de la Culture".into();
    culture.delegant.short_name = "MC".into();
    culture.end_date = Some(today + chrono::Days::new(60));
    save("b-culture.json", &culture);
    let mut armees = model::example();
    armees.delegant.name = "Ministère des Armées".into();
    armees.delegant.short_name = "MINARM".into();
    armees.end_date = Some(today + chrono::Days::new(3 * 365));
    armees.review.status = model::Status::Signe;
    save("c-armees.json", &armees);
    let mut faulty = model::example();
    faulty.budget.schedule[0].cp = Money::from_euros(90_000).expect("an amount");
    save("d-faulty.json", &faulty);
    std::fs::write(
        folder.path().join("notes.json"),
        "{\"titre\": \"pas un brouillon\"}",
    )
    .expect("written");
    std::fs::write(
        folder.path().join("e-broken.json"),
        "{\"format_version\": 1, \"budget\": ",
    )
    .expect("written");
    folder
}

fn rows_shown(fixture: &Fixture) -> Vec<String> {
    fixture
        .harness
        .query_all_by_label_contains("Ouvrir ")
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label.ends_with(".json"))
        .collect()
}

#[test]
fn the_portfolio_view_reads_a_folder_filters_sorts_totals_and_opens_a_draft() {
    let folder = portfolio_folder();
    let mut fixture = Fixture::new(vec![Some(folder.path().to_owned())]);
    fixture.click("Ouvrir un portefeuille (dossier)…");
    let (view, shown) = fixture.harness.state().portfolio().expect("a portfolio");
    assert!(shown);
    assert_eq!(view.portfolio.entries.len(), 4);
    assert!(fixture.shows("4 conventions lues"));
    assert!(fixture.shows("1 fichier illisible"));
    assert!(fixture.shows("1 fichier ignoré"));
    assert_eq!(
        rows_shown(&fixture),
        [
            "Ouvrir a-meae.json",
            "Ouvrir d-faulty.json",
            "Ouvrir b-culture.json",
            "Ouvrir c-armees.json"
        ]
    );
    // Totals: 4 × 30 000 € of AE in 2022.
    assert!(fixture.shows("Totaux"));
    assert!(fixture.shows("120\u{202f}000\u{a0}€"));
    assert!(fixture.shows("Programme 0105"));
    assert!(fixture.shows("Année 2022"));
    assert!(fixture.shows("Graphique des AE et CP par année : 2022 : AE 120\u{202f}000\u{a0}€"));

    // « Se termine dans » 6 months: the Culture convention only.
    fixture.type_into("Se termine dans", "6m");
    assert_eq!(rows_shown(&fixture), ["Ouvrir b-culture.json"]);
    assert!(fixture.shows("1 convention affichée sur 4"));
    fixture.type_into("Se termine dans", "bientôt");
    assert!(fixture.shows("« bientôt » n'est pas une durée"));
    fixture.click("Effacer les filtres");
    assert_eq!(rows_shown(&fixture).len(), 4);

    // The status filter, through its list.
    fixture.click("Statut");
    fixture.click("Statut : Signé");
    assert_eq!(rows_shown(&fixture), ["Ouvrir c-armees.json"]);
    fixture.click("Effacer les filtres");

    // Sorting by délégant, then the other way round.
    fixture.click("Trier par délégant");
    assert_eq!(rows_shown(&fixture)[0], "Ouvrir b-culture.json");
    fixture.click("Trier par délégant");
    assert_eq!(rows_shown(&fixture)[0], "Ouvrir c-armees.json");

    // A click on a row opens the draft; the portfolio can be shown again.
    fixture.click("Ouvrir b-culture.json");
    assert_eq!(fixture.draft().delegant.short_name, "MC");
    assert!(!fixture.harness.state().portfolio().expect("kept").1);
    fixture.command(Command::ShowPortfolio(true));
    assert!(fixture.shows("Ouvrir b-culture.json"));
}

#[test]
fn the_portfolio_is_reached_by_keyboard() {
    let folder = portfolio_folder();
    let mut fixture = Fixture::new(vec![]);
    fixture.command(Command::OpenPortfolio(Some(folder.path().to_owned())));
    // Tab goes through the buttons, the filters and the table's headings.
    let mut seen = Vec::new();
    for _ in 0..40 {
        fixture.harness.key_press(Key::Tab);
        fixture.harness.run();
        let focused = By::new().predicate(|node| node.is_focused());
        if let Some(node) = fixture.harness.query(focused) {
            seen.push(node.accesskit_node().label().unwrap_or_default());
        }
    }
    for label in [
        "Recharger le dossier",
        "Se termine dans",
        "Trier par AE",
        "Ouvrir a-meae.json",
    ] {
        assert!(
            seen.iter().any(|s| s == label),
            "{label} not reached: {seen:?}"
        );
    }
}

/// A document of the import corpus (tests/fixtures/import/corpus).
fn import_fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import/corpus")
        .join(relative)
}

#[test]
fn a_signed_docx_imported_from_the_start_page_opens_as_an_unsaved_draft() {
    let folder = tempfile::tempdir().expect("tempdir");
    let saved = folder.path().join("culture.json");
    let docx = import_fixture("tuning/culture-2023.docx");
    let mut fixture = Fixture::new(vec![Some(docx), Some(saved.clone())]);
    fixture.click("Importer un DOCX…");
    let session = fixture
        .harness
        .state()
        .session()
        .expect("the imported draft is open");
    assert_eq!(session.path, None, "not saved yet");
    assert!(session.is_dirty(), "closing it asks first");
    assert_eq!(
        fixture.harness.state().window_title(),
        "● Sans titre — Convention"
    );
    assert_eq!(fixture.draft().delegant.short_name, "MC");
    assert_eq!(fixture.draft().budget.uo, "0224-CSNU-DNUM");
    // The report: what was found, missed, doubted.
    assert!(fixture.shows("Convention importée"));
    assert!(fixture.shows("champs trouvés"));
    assert!(fixture.shows("culture-2023.docx"));
    fixture.click("Fermer");
    assert!(!fixture.shows("Convention importée"));
    // Saving asks where.
    fixture.command(Command::Save);
    let reread = model::load(&saved).expect("saved where asked");
    assert_eq!(&reread, fixture.draft());
    assert_eq!(
        fixture.harness.state().window_title(),
        "culture.json — Convention"
    );
}

#[test]
fn a_docx_imported_from_the_file_menu_shows_its_gaps_as_remarks_beside_their_fields() {
    let docx = import_fixture("incomplete/culture-2023-sans-date-de-fin.docx");
    let mut fixture = Fixture::with_example(vec![Some(docx)]);
    fixture.menu(&["Fichier", "Importer un DOCX…"]);
    // The example, never saved, is asked about first.
    fixture.click("Ne pas enregistrer");
    assert_eq!(
        fixture.draft().delegant.short_name,
        "MC",
        "replaces the example"
    );
    assert_eq!(fixture.draft().end_date, None);
    assert!(fixture.shows("Convention importée"));
    assert!(fixture.shows("Des champs obligatoires n'ont pas été trouvés"));
    assert!(fixture.shows("Date de fin (obligatoire)"));
    let remark = fixture
        .draft()
        .review
        .comments
        .iter()
        .find(|c| c.about == model::Subject::Field(model::Field::EndDate.path()))
        .cloned()
        .expect("the missing end date is a remark");
    assert!(
        !remark.text.contains("tests/fixtures"),
        "a remark names the file, not where it was on this computer: {}",
        remark.text
    );
    let first_line = remark.text.lines().next().unwrap_or_default().to_owned();
    fixture.click("Voir à l'étape Relecture");
    let session = fixture.harness.state().session().expect("open");
    assert_eq!(session.step, Step::Relecture);
    assert!(fixture.shows(&first_line), "listed in Relecture");
    fixture.go_to(Step::Signature);
    assert!(fixture.shows(&first_line), "shown beside the end date");
}

#[test]
fn importing_a_docx_over_unsaved_changes_asks_first() {
    let docx = import_fixture("tuning/culture-2023.docx");
    let mut fixture = Fixture::with_example(vec![]);
    fixture.type_into("Nom complet (délégant)", "Ministère modifié");
    fixture.command(Command::ImportDocx(Some(docx)));
    assert!(fixture.shows("Modifications non enregistrées"));
    fixture.click("Annuler");
    assert_eq!(fixture.draft().delegant.name, "Ministère modifié");
}

#[test]
fn a_file_that_is_not_a_convention_is_refused_with_its_name_and_the_draft_stays() {
    let folder = tempfile::tempdir().expect("tempdir");
    let fake = folder.path().join("faux.docx");
    std::fs::write(&fake, "pas un docx").expect("write");
    let mut fixture = Fixture::with_example(vec![]);
    fixture.command(Command::ImportDocx(Some(fake)));
    fixture.click("Ne pas enregistrer");
    assert!(fixture.shows("Ce DOCX ne peut pas être importé."));
    assert!(fixture.shows("faux.docx"));
    assert_eq!(fixture.draft().delegant.short_name, "MEAE");
}

#[test]
fn a_dropped_docx_is_imported_rather_than_opened() {
    let docx = import_fixture("tuning/culture-2023.docx");
    let mut fixture = Fixture::new(vec![]);
    fixture
        .harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(docx)));
    fixture.harness.run();
    let session = fixture
        .harness
        .state()
        .session()
        .expect("the dropped DOCX is imported");
    assert_eq!(session.path, None);
    assert_eq!(fixture.draft().delegant.short_name, "MC");
    assert!(fixture.shows("Convention importée"));
}

#[test]
fn an_odt_given_at_launch_is_imported() {
    let folder = tempfile::tempdir().expect("tempdir");
    let odt = import_fixture("tuning/education-2024.odt");
    let fixture = Fixture {
        harness: Fixture::harness(folder.path(), vec![], Some(odt)),
        folder,
    };
    let session = fixture
        .harness
        .state()
        .session()
        .expect("the ODT is imported");
    assert_eq!(session.path, None);
    assert_eq!(fixture.draft().delegant.short_name, "MENJ");
    assert!(fixture.shows("Convention importée"));
}

/// The app with dialogs that can never be shown, as on a desktop without
/// an XDG portal or zenity.
///
/// The chooser (the `egui_file` crate) leaves its two text fields without
/// an accessible name: the accessibility check, on for every other test,
/// is off here.
fn without_dialogs() -> Fixture {
    let folder = tempfile::tempdir().expect("tempdir");
    let mut config = AppConfig::for_tests(&folder.path().join("recuperation"));
    config.dialogs = Box::new(ScriptedDialogs::unavailable());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(12)
        .with_accessibility_check(false)
        .build_eframe(move |cc| ConventionApp::new(cc, config));
    harness.run();
    Fixture { harness, folder }
}

impl Fixture {
    /// Types a file's full path into the built-in chooser's name field
    /// (found by the name it offers) and clicks its button.
    fn choose_in_builtin(&mut self, offered: &str, path: &Path, button: &str) {
        let field = || {
            By::new()
                .role(egui::accesskit::Role::TextInput)
                .value(offered)
        };
        self.harness.get(field()).focus();
        self.harness.run();
        self.harness.key_press_modifiers(CTRL, Key::A);
        self.harness.run();
        self.harness
            .get(field())
            .type_text(&path.display().to_string());
        self.harness.run();
        self.click(button);
    }

    /// Whether the app let its window close.
    fn closing(&self) -> bool {
        self.harness.state().is_closing()
    }
}

#[test]
fn without_a_dialog_backend_saving_goes_through_the_built_in_chooser() {
    let mut fixture = without_dialogs();
    fixture.command(Command::NewFromExample);
    fixture.harness.key_press_modifiers(CTRL, Key::S);
    fixture.harness.run();
    assert!(
        fixture.shows("Le sélecteur de fichiers du système ne peut pas s'afficher"),
        "said, not silent"
    );
    assert!(
        fixture.shows("Enregistrer le brouillon"),
        "the built-in chooser"
    );
    let path = fixture.folder.path().join("culture.json");
    fixture.choose_in_builtin("convention-meae-dinum-2022.json", &path, "Enregistrer");
    assert_eq!(model::load(&path).expect("saved"), *fixture.draft());
    assert!(fixture.shows("Enregistré :"));
    assert!(!fixture.harness.state().session().expect("open").is_dirty());

    // The next dialog goes straight to the chooser, with the recent folder.
    fixture
        .harness
        .key_press_modifiers(CTRL.plus(Modifiers::SHIFT), Key::S);
    fixture.harness.run();
    assert!(fixture.shows("Dossiers récents"));
    let folder_name = fixture
        .folder
        .path()
        .canonicalize()
        .expect("exists")
        .file_name()
        .expect("named")
        .to_string_lossy()
        .into_owned();
    fixture.harness.get_by_label(&folder_name);
    fixture.click("Annuler");
    assert!(!fixture.shows("Dossiers récents"), "cancelled");
}

#[test]
fn without_a_dialog_backend_saving_before_quitting_saves_then_quits() {
    let mut fixture = without_dialogs();
    fixture.command(Command::NewBlank);
    fixture.command(Command::Quit);
    assert!(fixture.shows("Ce brouillon n'a jamais été enregistré"));
    fixture.click("Enregistrer");
    assert!(!fixture.closing(), "not before it is saved");
    let path = fixture.folder.path().join("nouveau.json");
    fixture.choose_in_builtin("convention-dinum.json", &path, "Enregistrer");
    assert!(path.exists());
    assert!(fixture.closing());
}

#[test]
fn the_built_in_chooser_holds_the_window_and_answers_only_its_own_draft() {
    let mut fixture = without_dialogs();
    fixture.command(Command::NewFromExample);
    fixture.harness.key_press_modifiers(CTRL, Key::S);
    fixture.harness.run();
    assert!(fixture.shows("Enregistrer le brouillon"));
    assert!(
        fixture.disabled("Fichier"),
        "the menus wait for the chooser"
    );
    assert!(
        fixture.disabled("Nom complet (délégant)"),
        "the wizard waits for the chooser"
    );
    assert!(
        fixture.disabled("Annexe RGPD"),
        "the steps wait for the chooser"
    );

    // Asking again leaves the question asked first open.
    fixture.command(Command::SaveSummary);
    assert!(fixture.shows("Un sélecteur de fichiers est déjà ouvert"));
    assert!(fixture.shows("Enregistrer le brouillon"));

    // Another draft in the meantime (as a command may still start one):
    // the file chosen for the first is not given to it.
    fixture.command(Command::NewBlank);
    fixture.click("Ne pas enregistrer");
    assert_eq!(fixture.draft().delegant.name, "", "the blank draft");
    let path = fixture.folder.path().join("culture.json");
    fixture.choose_in_builtin("convention-meae-dinum-2022.json", &path, "Enregistrer");
    assert!(
        !path.exists(),
        "nothing written under the first draft's name"
    );
    assert!(fixture.shows("n'a pas servi : le brouillon ouvert n'est plus celui"));
    assert!(
        fixture
            .harness
            .state()
            .session()
            .expect("open")
            .path
            .is_none()
    );
    fixture.click("Fermer");
    assert!(!fixture.disabled("Fichier"), "the window is back");
}

#[test]
fn a_save_before_quitting_waits_in_the_built_in_chooser_whatever_else_asks() {
    let mut fixture = without_dialogs();
    fixture.command(Command::NewBlank);
    fixture.command(Command::Quit);
    fixture.click("Enregistrer");
    fixture.command(Command::Export {
        docx: false,
        pdf: true,
        redline: false,
    });
    assert!(fixture.shows("Un sélecteur de fichiers est déjà ouvert"));
    let path = fixture.folder.path().join("nouveau.json");
    fixture.choose_in_builtin("convention-dinum.json", &path, "Enregistrer");
    assert!(path.exists());
    assert!(fixture.closing(), "the quit waiting for the save goes on");
}

#[test]
fn saving_in_the_built_in_chooser_over_a_file_asks_first() {
    let mut fixture = without_dialogs();
    fixture.command(Command::NewFromExample);
    let existing = fixture.folder.path().join("convention.json");
    std::fs::write(&existing, "ancien").expect("write");
    // « convention », the extension added after the chooser answers.
    let typed = fixture.folder.path().join("convention");
    fixture.harness.key_press_modifiers(CTRL, Key::S);
    fixture.harness.run();
    fixture.choose_in_builtin("convention-meae-dinum-2022.json", &typed, "Enregistrer");
    assert!(fixture.shows("Remplacer « convention.json » ?"));
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), "ancien");
    fixture.click("Annuler");
    assert_eq!(std::fs::read_to_string(&existing).expect("read"), "ancien");
    assert!(fixture.shows("Rien n'a été écrit : « convention.json » inchangé."));
    assert!(
        fixture
            .harness
            .state()
            .session()
            .expect("open")
            .path
            .is_none()
    );

    fixture.harness.key_press_modifiers(CTRL, Key::S);
    fixture.harness.run();
    fixture.choose_in_builtin("convention-meae-dinum-2022.json", &typed, "Enregistrer");
    fixture.click("Remplacer");
    assert_eq!(model::load(&existing).expect("saved"), *fixture.draft());
    assert!(fixture.shows("Enregistré :"));
}

#[test]
fn a_file_the_system_dialog_did_not_ask_about_is_replaced_only_if_the_user_says_so() {
    let folder = tempfile::tempdir().expect("tempdir");
    let json = folder.path().join("convention.json");
    let pdf = folder.path().join("convention.pdf");
    std::fs::write(&json, "ancien").expect("write");
    std::fs::write(&pdf, "ancien").expect("write");
    let mut fixture = Fixture::with_example(vec![
        // Typed without its extension: the dialog did not ask.
        Some(folder.path().join("convention")),
        // The draft's own file: nothing to ask.
        Some(folder.path().join("convention")),
        // The DOCX is new, the PDF beside it is not.
        Some(folder.path().join("convention.docx")),
        Some(folder.path().join("convention.docx")),
    ]);
    fixture.command(Command::SaveAs);
    assert!(fixture.shows("Remplacer « convention.json » ?"));
    assert_eq!(std::fs::read_to_string(&json).expect("read"), "ancien");
    fixture.click("Remplacer");
    assert_eq!(model::load(&json).expect("saved"), *fixture.draft());

    fixture.type_into("Nom complet (délégant)", "Ministère modifié");
    fixture.command(Command::SaveAs);
    assert!(!fixture.shows("Fichier existant"), "its own file");
    assert_eq!(
        model::load(&json).expect("saved").delegant.name,
        "Ministère modifié"
    );

    fixture.go_to(Step::Export);
    fixture.click("Exporter les deux…");
    assert!(fixture.shows("Remplacer « convention.pdf » ?"));
    fixture.click("Annuler");
    assert!(
        !folder.path().join("convention.docx").exists(),
        "nothing written before the answer"
    );
    assert_eq!(std::fs::read_to_string(&pdf).expect("read"), "ancien");
    fixture.click("Exporter les deux…");
    fixture.click("Remplacer");
    assert!(folder.path().join("convention.docx").exists());
    assert!(std::fs::read(&pdf).expect("read").starts_with(b"%PDF"));
}

#[test]
fn a_copy_is_unsaved_and_quitting_asks() {
    let folder = tempfile::tempdir().expect("tempdir");
    let source = folder.path().join("source.json");
    std::fs::write(&source, model::EXAMPLE_JSON).expect("write");
    let mut fixture = Fixture::new(vec![Some(source)]);
    fixture.command(Command::NewFromCopy);
    assert!(fixture.shows("● Pas encore enregistré"));
    assert!(
        !fixture.shows("Enregistré"),
        "never « Enregistré » for a copy"
    );
    assert_eq!(
        fixture.harness.state().window_title(),
        "● Sans titre — Convention"
    );
    fixture.menu(&["Fichier", "Quitter"]);
    assert!(fixture.shows("Modifications non enregistrées"));
    fixture.click("Annuler");
    assert!(!fixture.closing());
    fixture.command(Command::Quit);
    fixture.click("Ne pas enregistrer");
    assert!(fixture.closing());
}

#[test]
fn a_new_draft_is_unsaved_and_quitting_asks() {
    let mut fixture = Fixture::new(vec![]);
    fixture.click("Nouveau brouillon");
    fixture.command(Command::Quit);
    assert!(fixture.shows("Modifications non enregistrées"));
    fixture.click("Annuler");
    assert!(fixture.harness.state().session().is_some());
    assert!(!fixture.closing());
}

#[test]
fn text_not_accepted_is_unsaved_and_quitting_or_closing_asks() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("saisie.json");
    std::fs::write(&path, model::EXAMPLE_JSON).expect("write");
    let mut fixture = Fixture {
        harness: Fixture::harness(folder.path(), vec![], Some(path)),
        folder,
    };
    assert!(fixture.shows("Enregistré"));
    fixture.go_to(Step::Signature);
    fixture.type_into("Date de fin", "31/02/20");
    let session = fixture.harness.state().session().expect("open");
    assert!(!session.has_changes(), "the draft kept its last good date");
    assert!(session.is_dirty(), "but the typed text would be lost");
    assert!(fixture.shows("● Saisie non prise en compte"));
    fixture.menu(&["Fichier", "Quitter"]);
    assert!(fixture.shows("Modifications non enregistrées"));
    assert!(
        fixture.shows("31/02/20"),
        "the text that would be lost is named"
    );
    fixture.click("Annuler");
    assert_eq!(fixture.value("Date de fin"), "31/02/20");
    fixture
        .harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    fixture.harness.step();
    let commands = &fixture.harness.output().viewport_output[&ViewportId::ROOT].commands;
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    fixture.harness.run();
    assert!(fixture.shows("Modifications non enregistrées"));
}

#[test]
fn opening_over_an_untitled_draft_asks_first() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("autre.json");
    std::fs::write(&path, model::EXAMPLE_JSON).expect("write");
    let mut fixture = Fixture::new(vec![]);
    fixture.click("Nouveau brouillon");
    fixture.command(Command::Open(Some(path)));
    assert!(fixture.shows("Modifications non enregistrées"));
    fixture.click("Ne pas enregistrer");
    assert_eq!(fixture.draft().delegant.short_name, "MEAE");
    assert!(fixture.shows("Enregistré"));
}

#[test]
fn every_add_button_focuses_the_new_row() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.go_to(Step::Objet);
    let visas = fixture.draft().visas.len();
    fixture.click("Ajouter un visa");
    assert!(
        fixture
            .harness
            .get_by_label(&format!("Visa {}", visas + 1))
            .is_focused()
    );
    fixture.go_to(Step::Chorus);
    let activites = fixture.draft().chorus.activites.len();
    fixture.click("Ajouter une activité");
    let code = format!("Code (activité {})", activites + 1);
    assert!(fixture.harness.get_by_label(&code).is_focused());
    fixture.harness.get_by_label(&code).type_text("0105");
    fixture.harness.run();
    assert_eq!(
        fixture.draft().chorus.activites[activites].code,
        "0105",
        "no keystroke lost"
    );
    fixture.go_to(Step::Engagements);
    let commitments = fixture.draft().commitments.len();
    fixture.click("Ajouter un engagement");
    assert!(
        fixture
            .harness
            .get_by_label(&format!("Texte (engagement {})", commitments + 1))
            .is_focused()
    );
    fixture.go_to(Step::Rgpd);
    let rows = fixture.draft().rgpd_matrix.len();
    fixture.click("Ajouter une ligne");
    assert!(
        fixture
            .harness
            .get_by_label(&format!("Sujet (ligne {})", rows + 1))
            .is_focused()
    );
}

#[test]
fn opening_a_file_shows_the_top_of_the_first_step() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("haut.json");
    std::fs::write(&path, model::EXAMPLE_JSON).expect("write");
    let mut fixture = Fixture {
        harness: Fixture::harness(folder.path(), vec![], Some(path.clone())),
        folder,
    };
    let top = fixture
        .harness
        .get_by_label("Nom complet (délégant)")
        .rect()
        .top();
    fixture.command(Command::Focus(
        model::Field::DelegataireRepresentativeTitle.path(),
    ));
    fixture.wait(1.0);
    let scrolled = fixture
        .harness
        .get_by_label("Nom complet (délégant)")
        .rect()
        .top();
    assert!(scrolled < top, "scrolled down: {scrolled} < {top}");
    fixture.go_to(Step::Budget);
    fixture.command(Command::Open(Some(path)));
    assert_eq!(
        fixture.harness.state().session().expect("open").step,
        Step::Parties
    );
    let again = fixture
        .harness
        .get_by_label("Nom complet (délégant)")
        .rect()
        .top();
    assert!((again - top).abs() < 1.0, "{again} ≠ {top}");
}

#[test]
fn printing_without_a_viewer_says_where_the_pdf_is() {
    let mut fixture = Fixture::with_example(vec![]);
    fixture.harness.key_press_modifiers(CTRL, Key::P);
    for _ in 0..50 {
        fixture.harness.run();
        if fixture.shows("Aucune visionneuse PDF n'a pu s'ouvrir") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(fixture.shows("Aucune visionneuse PDF n'a pu s'ouvrir"));
    let line = fixture
        .harness
        .query_all_by_label_contains("Le document à imprimer est ici : ")
        .next()
        .expect("the path is given")
        .value()
        .unwrap_or_default();
    let file = PathBuf::from(line.trim_start_matches("Le document à imprimer est ici : "));
    assert!(
        std::fs::read(&file)
            .unwrap_or_else(|error| panic!("{line:?}: {error}"))
            .starts_with(b"%PDF")
    );
    std::fs::remove_dir_all(file.parent().expect("folder")).expect("cleaned");
}

#[test]
fn a_template_folder_is_checked_shown_and_remembered_for_the_draft() {
    let folder = tempfile::tempdir().expect("tempdir");
    let path = folder.path().join("modele.json");
    std::fs::write(&path, model::EXAMPLE_JSON).expect("write");
    let mut fixture = Fixture {
        harness: Fixture::harness(folder.path(), vec![], Some(path.clone())),
        folder,
    };
    let empty = fixture.folder.path().join("vide");
    std::fs::create_dir(&empty).expect("mkdir");
    fixture.command(Command::ChooseTemplate(Some(empty)));
    assert!(fixture.shows("n'est pas un dossier de modèle"));
    fixture.click("Fermer");

    let templates = fixture.folder.path().join("modeles");
    std::fs::create_dir(&templates).expect("mkdir");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/convention.md.j2"),
    )
    .expect("template");
    let text = text.replacen("Entre\n", "Entre, selon le modèle à l’essai,\n", 1);
    std::fs::write(templates.join("convention.md.j2"), text).expect("write");
    fixture.command(Command::ChooseTemplate(Some(templates.clone())));
    assert!(
        fixture.shows("Entre, selon le modèle à l’essai,"),
        "the preview follows"
    );
    fixture.go_to(Step::Export);
    assert!(fixture.shows("Modèle : dossier"));
    let remembered = &fixture.harness.state().preferences().templates;
    assert_eq!(
        remembered.get(&path.canonicalize().expect("exists")),
        Some(&templates)
    );
    fixture.click("Revenir au modèle intégré");
    assert!(fixture.shows("Modèle : intégré"));
    assert!(fixture.harness.state().preferences().templates.is_empty());
}

#[test]
fn a_portfolio_keeps_the_unsaved_draft_and_opening_one_of_its_drafts_asks() {
    let portfolio = portfolio_folder();
    let mut fixture = Fixture::with_example(vec![]);
    fixture.type_into("Nom complet (délégant)", "Ministère modifié");
    fixture.command(Command::OpenPortfolio(Some(portfolio.path().to_owned())));
    fixture.click("Fermer le portefeuille");
    assert_eq!(
        fixture.draft().delegant.name,
        "Ministère modifié",
        "showing a portfolio loses nothing"
    );
    fixture.command(Command::ShowPortfolio(true));
    fixture.click("Ouvrir b-culture.json");
    assert!(fixture.shows("Modifications non enregistrées"));
    fixture.click("Annuler");
    assert_eq!(fixture.draft().delegant.name, "Ministère modifié");
}

#[test]
fn without_a_dialog_backend_opening_goes_through_the_built_in_chooser() {
    let mut fixture = without_dialogs();
    let first = fixture.folder.path().join("premier.json");
    let other = fixture.folder.path().join("autre.json");
    std::fs::write(&first, model::EXAMPLE_JSON).expect("write");
    let mut draft = model::example();
    draft.delegant.short_name = "AUTRE".into();
    model::save(&other, &draft).expect("saved");
    std::fs::write(fixture.folder.path().join("notes.txt"), "notes").expect("write");
    fixture.command(Command::Open(Some(first)));
    fixture.harness.key_press_modifiers(CTRL, Key::O);
    fixture.harness.run();
    assert!(fixture.shows("Ouvrir un brouillon de convention"));
    // The draft's folder, drafts only.
    assert!(fixture.shows("🗋 premier.json"));
    assert!(!fixture.shows("notes.txt"));
    fixture.click("🗋 autre.json");
    fixture.click("Ouvrir");
    assert_eq!(fixture.draft().delegant.short_name, "AUTRE");
    assert!(fixture.shows("Ouvert :"));
}

#[test]
fn save_and_export_failures_are_said_naming_the_file() {
    let folder = tempfile::tempdir().expect("tempdir");
    let draft = folder.path().join("absent").join("brouillon.json");
    let pdf = folder.path().join("absent").join("convention.pdf");
    let mut fixture = Fixture::with_example(vec![Some(draft), Some(pdf)]);
    fixture.command(Command::SaveAs);
    assert!(fixture.shows("L'enregistrement a échoué"));
    assert!(fixture.shows("brouillon.json"));
    fixture.click("Fermer");
    fixture.go_to(Step::Export);
    fixture.click("Exporter en PDF…");
    assert!(fixture.shows("Export impossible vers"));
    assert!(fixture.shows("convention.pdf"));
}
