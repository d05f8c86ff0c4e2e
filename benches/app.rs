//! How long a frame of the app takes on its heaviest steps: the budget with
//! ten years, the RGPD matrix with thirty rows. Headless (layout, input,
//! accessibility tree; no GPU painting).

use convention::app::{AppConfig, Command, ConventionApp, Step};
use convention::model::{Money, RgpdRow, YearRow};
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui_kittest::Harness;

fn harness(step: Step, folder: &std::path::Path) -> Harness<'static, ConventionApp> {
    let config = AppConfig::for_tests(folder);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(20)
        .build_eframe(move |cc| ConventionApp::new(cc, config));
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run_command(&ctx, Command::NewFromExample);
    let session = harness.state_mut().session_mut().expect("open");
    session.draft.end_date = chrono::NaiveDate::from_ymd_opt(2031, 12, 31);
    session.draft.budget.schedule = (2022..2032)
        .map(|year| YearRow {
            year,
            ae: Money::from_euros(10_000).expect("small"),
            cp: Money::from_euros(10_000).expect("small"),
        })
        .collect();
    while session.draft.rgpd_matrix.len() < 30 {
        let n = session.draft.rgpd_matrix.len();
        session.draft.rgpd_matrix.push(RgpdRow::new(
            &format!("Sujet {n}"),
            "Mise en œuvre des mesures de sécurité nécessaires, y compris auprès des sous-traitants.",
            "Analyse de risque et homologation, instructions au sous-traitant.",
        ));
    }
    harness.state_mut().run_command(&ctx, Command::GoTo(step));
    harness.run();
    harness
}

fn frames(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("tempdir");
    for (name, step) in [
        ("frame: budget step, 10 years", Step::Budget),
        ("frame: RGPD step, 30 rows", Step::Rgpd),
        ("frame: parties step", Step::Parties),
    ] {
        let mut harness = harness(step, folder.path());
        c.bench_function(name, |b| b.iter(|| harness.step()));
    }
    c.bench_function("first frame: app start with the example", |b| {
        b.iter(|| {
            let mut config = AppConfig::for_tests(folder.path());
            config.file = Some(std::path::PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/convention-meae-dinum-2022.json"
            )));
            let mut harness = Harness::builder()
                .with_size(egui::vec2(1400.0, 900.0))
                .build_eframe(move |cc| ConventionApp::new(cc, config));
            harness.step();
            harness
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = frames
}
criterion_main!(benches);
