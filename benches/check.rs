//! How long reading and checking a draft takes.

use std::hint::black_box;
use std::path::Path;

use convention::{model, rules};
use criterion::{Criterion, criterion_group, criterion_main};

fn check(c: &mut Criterion) {
    let bytes = model::EXAMPLE_JSON.as_bytes();
    let draft = model::example();
    c.bench_function("parse reference draft", |b| {
        b.iter(|| model::io::parse(Path::new("reference.json"), black_box(bytes)))
    });
    c.bench_function("rules on reference draft", |b| {
        b.iter(|| rules::check(black_box(&draft)))
    });
    c.bench_function("parse and check reference draft", |b| {
        b.iter(|| {
            let draft = model::io::parse(Path::new("reference.json"), black_box(bytes))
                .expect("reference parses");
            rules::check(&draft)
        })
    });
}

criterion_group!(benches, check);
criterion_main!(benches);
