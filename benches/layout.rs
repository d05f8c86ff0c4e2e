//! How the PDF layout grows with the length of a text: one cell of the
//! RGPD annex holding 1, 2 and 4 MB, of words or of one word without a
//! space (cut anywhere, as browsers do). Linear layout shows times
//! doubling with the size, and alike with or without spaces.

use std::hint::black_box;

use convention::document::{self, RenderOptions};
use convention::export::pdf;
use convention::model;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// The reference, its first RGPD cell replaced by `text`.
fn tree_with(text: String) -> document::Document {
    let mut draft = model::example();
    draft.rgpd_matrix[0].delegant = text;
    document::render(&draft, &RenderOptions::default()).expect("renders")
}

fn layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("PDF of one long RGPD cell");
    group.sample_size(10);
    for megabytes in [1, 2, 4] {
        let size = megabytes << 20;
        group.throughput(Throughput::Bytes(size as u64));
        let words = tree_with("mot long ".repeat(size / 9));
        let word = tree_with("x".repeat(size));
        group.bench_with_input(
            BenchmarkId::new("words", format!("{megabytes} MB")),
            &words,
            |b, tree| b.iter(|| pdf::write_pdf(black_box(tree))),
        );
        group.bench_with_input(
            BenchmarkId::new("no space", format!("{megabytes} MB")),
            &word,
            |b, tree| b.iter(|| pdf::write_pdf(black_box(tree))),
        );
    }
    group.finish();
}

criterion_group!(benches, layout);
criterion_main!(benches);
