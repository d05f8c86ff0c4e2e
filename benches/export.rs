//! How long producing the documents takes: template, DOCX, PDF.

use std::hint::black_box;

use convention::document::{self, RenderOptions};
use convention::export::{docx, pdf};
use convention::model;
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

criterion_group!(benches, export);
criterion_main!(benches);
