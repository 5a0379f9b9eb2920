//! Gazetteer speed: parsing the built-in data, building the name matchers
//! (once per process), finding places in article text (whole 1 MB and
//! sentence by sentence, as the extractor calls it), lookups and completion.
//!
//! Run: `cargo bench --bench gazetteer`; medians in
//! target/criterion/gazetteer_*/*/new/estimates.json. Samples are this
//! thread's CPU time (see `support`): the machine is shared.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::gazetteer::Gazetteer;
use support::timed;

const ARTICLES: [&str; 2] = [
    include_str!("../data/articles/000_6c3fd43af7480c36.txt"),
    include_str!("../data/articles/003_269570726b719da9.txt"),
];

/// About 1 MB of real news text: the seed articles repeated.
fn corpus() -> String {
    let mut text = String::new();
    while text.len() < 1_000_000 {
        for article in ARTICLES {
            text.push_str(article);
            text.push('\n');
        }
    }
    text
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("gazetteer_build");
    group.sample_size(10);
    group.bench_function("parse_builtin", |b| {
        b.iter_custom(|iters| timed(iters, Gazetteer::load_builtin))
    });
    group.bench_function("parse_and_build_matchers", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                let g = Gazetteer::load_builtin();
                g.warm();
                g
            })
        })
    });
    group.finish();
}

fn find(c: &mut Criterion) {
    let g = Gazetteer::builtin();
    g.warm();
    let text = corpus();
    let sentences: Vec<&str> = text.split_inclusive(['.', '\n']).collect();
    let mut group = c.benchmark_group("gazetteer_find");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("find_places_1MB", |b| {
        b.iter_custom(|iters| timed(iters, || g.find_places(black_box(&text))))
    });
    group.bench_function("find_places_by_sentence_1MB", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                sentences
                    .iter()
                    .map(|s| g.find_places(black_box(s)).len())
                    .sum::<usize>()
            })
        })
    });
    group.bench_function("find_country_mentions_1MB", |b| {
        b.iter_custom(|iters| timed(iters, || g.find_country_mentions(black_box(&text))))
    });
    group.finish();
}

fn lookups(c: &mut Criterion) {
    let g = Gazetteer::builtin();
    let mut group = c.benchmark_group("gazetteer_lookup");
    group.bench_function("lookup", |b| {
        b.iter_custom(|iters| timed(iters, || g.lookup(black_box("Tillaberi"))))
    });
    group.bench_function("complete_prefix_3", |b| {
        b.iter_custom(|iters| timed(iters, || g.complete(black_box("Nia"), 10)))
    });
    group.bench_function("complete_prefix_1", |b| {
        b.iter_custom(|iters| timed(iters, || g.complete(black_box("s"), 10)))
    });
    group.finish();
}

criterion_group!(benches, build, find, lookups);
criterion_main!(benches);
