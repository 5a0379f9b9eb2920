//! Desk open and one durable save, at 100 and at 100,000 articles.
//!
//! SPEC: a decision durably saved (fsync) in under 10 ms whatever the desk's
//! size; opening must not grow with anything but one directory listing.
//! Run: `cargo bench --bench desk`. Set FACTDESK_BENCH_ARTICLES to change
//! the large size.

use std::fs;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::desk::{DecisionFile, Desk};
use factdesk::model::{Decision, EventFields, Field, Provenance, Status};

fn make_desk(root: &Path, articles: usize) {
    let dir = root.join("articles");
    fs::create_dir_all(&dir).unwrap();
    for i in 0..articles {
        fs::write(
            dir.join(format!("{i:07}.txt")),
            format!("+++\ntitle = \"Article {i}\"\npublished = 2023-08-16\n+++\nGunmen killed {i} people."),
        )
        .unwrap();
    }
}

fn decision(article: &str, n: u32) -> DecisionFile {
    let mut fields = EventFields::default();
    fields.set(Field::EventType, "Battles").unwrap();
    fields.set(Field::Fatalities, &n.to_string()).unwrap();
    DecisionFile {
        article: article.to_string(),
        events: vec![Decision::new(
            format!("{article}#x000001"),
            Status::Confirmed,
            "bench",
            jiff::Timestamp::UNIX_EPOCH,
            Provenance::builtin(),
            fields,
        )],
    }
}

fn bench_desk(c: &mut Criterion) {
    let large: usize = std::env::var("FACTDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    for size in [100, large] {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        make_desk(dir.path(), size);
        c.bench_function(&format!("open desk of {size} articles"), |b| {
            b.iter(|| Desk::open(dir.path()).unwrap())
        });
        let desk = Desk::open(dir.path()).unwrap();
        let id = desk.article_ids()[size / 2].clone();
        let mut n = 0;
        c.bench_function(&format!("save one decision durably, desk of {size}"), |b| {
            b.iter(|| {
                n += 1;
                desk.save_decisions(&decision(&id, n)).unwrap()
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_desk
}
criterion_main!(benches);
