//! How long producing the documents takes: template, DOCX, PDF, the
//! review's diff and redline, the open remarks going with the export and
//! coming back from a reviewed DOCX; and, in the same run, LibreOffice
//! converting the same DOCX to PDF.

use std::hint::black_box;

use convention::document::{self, RenderOptions};
use convention::export::{docx, pdf};
use convention::model::{self, Money, YearRow};
use convention::review;
use criterion::{Criterion, criterion_group, criterion_main};

fn export(c: &mut Criterion) {
    let draft = model::example();
    let options = RenderOptions::default();
    let tree = document::render(&draft, &options).expect("reference renders");
    c.bench_function("render reference (template + markup)", |b| {
        b.iter(|| document::render(black_box(&draft), &options))
    });
    c.bench_function("write DOCX", |b| {
        b.iter(|| docx::write_docx(black_box(&tree)))
    });
    c.bench_function("write PDF", |b| b.iter(|| pdf::write_pdf(black_box(&tree))));
    c.bench_function("export reference: render + DOCX + PDF", |b| {
        b.iter(|| {
            let tree = document::render(black_box(&draft), &options).expect("renders");
            (docx::write_docx(&tree), pdf::write_pdf(&tree))
        })
    });
}

/// The same DOCX converted to PDF by LibreOffice, in the same run, when
/// `soffice` is installed: the comparison the export is measured against.
fn libreoffice(c: &mut Criterion) {
    let available = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !available {
        eprintln!("soffice is not installed: the comparison with LibreOffice is skipped");
        return;
    }
    let folder = tempfile::tempdir().expect("tempdir");
    let tree = document::render(&model::example(), &RenderOptions::default()).expect("renders");
    let docx_path = folder.path().join("reference.docx");
    std::fs::write(&docx_path, docx::write_docx(&tree).expect("docx")).expect("write");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        folder.path().join("profile").display()
    );
    let convert = || {
        let status = std::process::Command::new("soffice")
            .args(["--headless", &profile, "--convert-to", "pdf", "--outdir"])
            .arg(folder.path().join("out"))
            .arg(&docx_path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("soffice runs");
        assert!(status.success());
    };
    // The first conversion creates LibreOffice's profile: not counted.
    convert();
    let mut group = c.benchmark_group("versus LibreOffice");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(20));
    group.bench_function("soffice --headless --convert-to pdf (same DOCX)", |b| {
        b.iter(convert)
    });
    group.finish();
}

/// The reference and a new version: amounts, a year added, the end date,
/// a representative, an RGPD row inserted.
fn versions() -> (model::Draft, model::Draft) {
    let old = model::example();
    let mut new = old.clone();
    new.budget.schedule[1].ae = Money::from_euros(15_000).expect("small");
    new.budget.schedule[1].cp = Money::from_euros(15_000).expect("small");
    new.budget.schedule.push(YearRow {
        year: 2024,
        ae: Money::from_euros(10_000).expect("small"),
        cp: Money::from_euros(10_000).expect("small"),
    });
    new.end_date = chrono::NaiveDate::from_ymd_opt(2024, 12, 31);
    new.delegant.representative.title = "Directeur général de l'administration".into();
    new.rgpd_matrix
        .insert(3, model::RgpdRow::new("Registre", "Tient", "Vérifie"));
    (old, new)
}

fn review(c: &mut Criterion) {
    let (old, new) = versions();
    let options = RenderOptions::default();
    let attribution = review::Attribution::new(None, None);
    c.bench_function("diff of two versions", |b| {
        b.iter(|| review::diff(black_box(&old), black_box(&new)))
    });
    c.bench_function("redline tree (two renders + alignment)", |b| {
        b.iter(|| review::redline_drafts(black_box(&old), black_box(&new), &options, &attribution))
    });
    c.bench_function("redline export: tree + DOCX + PDF", |b| {
        b.iter(|| {
            let tree = review::redline_drafts(&old, &new, &options, &attribution).expect("renders");
            (docx::write_docx(&tree), pdf::write_pdf(&tree))
        })
    });
    c.bench_function("avenant (three renders + DOCX)", |b| {
        b.iter(|| {
            let written = review::avenant(&old, &new, &review::AvenantOptions::default())
                .expect("an avenant");
            docx::write_docx(&written.document)
        })
    });
}

/// The python-docx fixture of the tests: the example's export, commented.
const REVIEWED_DOCX: &[u8] = include_bytes!("../tests/fixtures/reviewed/reviewed.docx");

fn remarks(c: &mut Criterion) {
    let mut draft = model::example();
    let reviewed = review::read_review(REVIEWED_DOCX).expect("the fixture reads");
    review::import::import(&mut draft, &reviewed, true).expect("imports");
    let remarks = document::Remark::open_in(&draft);
    let tree = document::render(&draft, &RenderOptions::default()).expect("renders");
    c.bench_function(
        &format!("export with {} remarks: DOCX + PDF", remarks.len()),
        |b| {
            b.iter(|| {
                (
                    docx::write_docx_with(black_box(&tree), &remarks),
                    pdf::write_pdf_with(black_box(&tree), &remarks),
                )
            })
        },
    );
    c.bench_function("export without remarks: DOCX + PDF", |b| {
        b.iter(|| {
            (
                docx::write_docx(black_box(&tree)),
                pdf::write_pdf(black_box(&tree)),
            )
        })
    });
    c.bench_function("review import of a commented DOCX: read + place", |b| {
        b.iter(|| {
            let mut draft = model::example();
            let reviewed = review::read_review(black_box(REVIEWED_DOCX)).expect("reads");
            review::import::import(&mut draft, &reviewed, true).expect("imports")
        })
    });
}

criterion_group!(benches, export, review, remarks, libreoffice);
criterion_main!(benches);
