//! Throughput of the count and date readers, which the extractor runs over
//! every sentence of every article (SPEC: extraction at 10 MB/s per core or
//! more, all stages together).
//!
//! Run: `cargo bench --bench readers`; criterion reports MB/s (medians in
//! target/criterion/readers/*/new/estimates.json).
//!
//! Samples are this thread's CPU time (see `support`): the machine is shared.

mod support;

use std::fs;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::extract::{Language, dates, detect_language, numbers};
use support::timed;

/// The sample desk's articles, front matter removed, one paragraph per line.
fn articles() -> Vec<(String, Language)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("data/articles") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("article");
        let body = match text.strip_prefix("+++") {
            Some(rest) => rest.split_once("\n+++").map_or(rest, |(_, body)| body),
            None => &text,
        };
        let lang = detect_language(body);
        out.push((body.to_string(), lang));
    }
    out
}

/// A reader under test: how many things it found in a text.
type Reader = fn(&str, Language) -> usize;

fn readers(c: &mut Criterion) {
    let articles = articles();
    let bytes: usize = articles.iter().map(|(t, _)| t.len()).sum();
    let whole: Vec<(&str, Language)> = articles.iter().map(|(t, l)| (t.as_str(), *l)).collect();
    // The extractor calls the readers sentence by sentence.
    let sentences: Vec<(&str, Language)> = articles
        .iter()
        .flat_map(|(t, lang)| t.split_inclusive(['.', '\n']).map(move |s| (s, *lang)))
        .collect();
    let readers: [(&str, Reader); 2] = [
        ("quantities", |t, lang| {
            numbers::find_quantities(t, lang).len()
        }),
        ("dates", |t, lang| dates::find_dates(t, lang).len()),
    ];
    let mut group = c.benchmark_group("readers");
    group.throughput(Throughput::Bytes(bytes as u64));
    for (name, read) in readers {
        for (unit, pieces) in [("by_article", &whole), ("by_sentence", &sentences)] {
            group.bench_function(format!("{name}_{unit}"), |b| {
                b.iter_custom(|iters| {
                    timed(iters, || {
                        pieces
                            .iter()
                            .map(|(text, lang)| read(text, *lang))
                            .sum::<usize>()
                    })
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
