//! Link suggestions for one event in a desk of 100,000 articles.
//!
//! Issue bar: under 50 ms per event, from an index built once (by country
//! and month), never a scan of the desk. The generated desk is deliberately
//! dense: 100,000 articles with three events each, all in six Sahel
//! countries over five years, about 1,000 events per country and month, so
//! a query scores thousands of candidates. Run: `cargo bench --bench link`.
//! FACTDESK_BENCH_ARTICLES changes the size.
//!
//! `factdesk link suggest` on the command line is benched on a desk of
//! FACTDESK_BENCH_LINK_DESK_ARTICLES (default 20,000) generated on disk the
//! same way (FACTDESK_BENCH_DESK=DIR keeps it for the next run): the
//! command, which reads only the articles its buckets need (keys kept in
//! `.factdesk/`), beside building the whole desk's index per call as it
//! used to.

use std::collections::BTreeMap;
use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::desk::{CandidateFile, Desk, Meta, render_article};
use factdesk::link::{LinkArgs, LinkCommand, LinkEvent, LinkIndex};
use factdesk::model::{Candidate, EventFields, Field, Provenance};

const COUNTRIES: [(&str, &[&str], &str); 6] = [
    (
        "Niger",
        &["Tillaberi", "Tahoua", "Diffa", "Niamey"],
        "Burkina Faso",
    ),
    ("Mali", &["Mopti", "Gao", "Segou", "Timbuktu"], "Niger"),
    (
        "Burkina Faso",
        &["Sahel", "Centre-Nord", "Est", "Nord"],
        "Mali",
    ),
    ("Nigeria", &["Borno", "Yobe", "Zamfara", "Katsina"], "Niger"),
    ("Chad", &["Lac", "Ouaddai", "Tibesti", "Salamat"], "Sudan"),
    (
        "Cameroon",
        &["Far North", "North-West", "South-West", "East"],
        "Nigeria",
    ),
];
const TYPES: [&str; 3] = [
    "Battles",
    "Violence against civilians",
    "Explosions/Remote violence",
];

/// A small deterministic generator, so every run benches the same desk.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

/// An event's fields, the text around it, and its article's publication day.
fn fields(rng: &mut Lcg) -> (EventFields, String, jiff::civil::Date) {
    let (country, regions, neighbour) = COUNTRIES[rng.next(6) as usize];
    let region = regions[rng.next(4) as usize];
    let day = rng.next(5 * 365) as i64;
    let date = jiff::civil::date(2019, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .unwrap();
    let precision = [1, 1, 1, 2, 3][rng.next(5) as usize];
    let mut fields = EventFields::default();
    let place = format!("{region} town {}", rng.next(40));
    let lat = 10.0 + rng.next(8000) as f64 / 1000.0;
    let lon = -4.0 + rng.next(16000) as f64 / 1000.0;
    for (field, value) in [
        (Field::EventType, TYPES[rng.next(3) as usize].to_string()),
        (Field::EventDate, date.to_string()),
        (Field::TimePrecision, precision.to_string()),
        (Field::Country, country.to_string()),
        (Field::Admin1, region.to_string()),
        (Field::Location, place),
        (Field::Latitude, format!("{lat:.4}")),
        (Field::Longitude, format!("{lon:.4}")),
        (Field::Fatalities, rng.next(60).to_string()),
        (Field::Actor2, format!("Military Forces of {country}")),
    ] {
        fields.set(field, &value).unwrap();
    }
    let context = if rng.next(4) == 0 {
        format!("Soldiers were killed near the border with {neighbour}.")
    } else {
        String::new()
    };
    let published = date.checked_add(jiff::Span::new().days(2)).unwrap();
    (fields, context, published)
}

fn event(rng: &mut Lcg, article: usize, tag: usize) -> LinkEvent {
    let (fields, context, published) = fields(rng);
    LinkEvent::new(
        &format!("{article:07}#x{tag}"),
        &fields,
        rng.next(10) == 0,
        &BTreeMap::new(),
        Some(published),
        &context,
    )
}

/// A desk on disk: articles of a paragraph (the border mention, if any,
/// in their notes) with three extracted events each.
fn make_desk(root: &Path, articles: usize) {
    fs::create_dir_all(root.join("articles")).unwrap();
    let desk = Desk::open(root).unwrap();
    let mut rng = Lcg(7);
    for a in 0..articles {
        let id = format!("{a:07}");
        let mut published = None;
        let events = (0..3)
            .map(|tag| {
                let (mut fields, context, day) = fields(&mut rng);
                published.get_or_insert(day);
                if !context.is_empty() {
                    fields.set(Field::Notes, &context).unwrap();
                }
                Candidate {
                    id: format!("{id}#x{tag}"),
                    background: false,
                    confidence: 0.8,
                    fields,
                    evidence: Default::default(),
                    field_confidence: Default::default(),
                    casualties: Default::default(),
                }
            })
            .collect();
        let meta = Meta {
            title: Some(format!("Article {a}")),
            source: Some("RFI".into()),
            url: None,
            published,
            language: "en".into(),
        };
        let text = "Soldiers were killed in an ambush, the army said.\n".repeat(20);
        fs::write(desk.article_path(&id), render_article(&meta, &text)).unwrap();
        desk.save_candidates(&CandidateFile {
            article: id,
            extractor: Provenance::builtin(),
            events,
        })
        .unwrap();
    }
}

fn bench_command(c: &mut Criterion) {
    let size: usize = std::env::var("FACTDESK_BENCH_LINK_DESK_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let temp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let root = match std::env::var_os("FACTDESK_BENCH_DESK") {
        Some(dir) => Path::new(&dir).join(format!("link-{size}")),
        None => temp.path().to_path_buf(),
    };
    if !root.join("articles").is_dir() {
        make_desk(&root, size);
    }
    let desk = Desk::open(&root).unwrap();
    let queries: Vec<String> = (0..size)
        .step_by(997)
        .map(|a| format!("{a:07}#x1"))
        .collect();
    let mut next = 0;
    let mut group = c.benchmark_group("link suggest command");
    group.sample_size(10);
    group.bench_function(
        format!("reading what the query needs ({size} articles)"),
        |b| {
            b.iter(|| {
                let event = queries[next % queries.len()].clone();
                next += 1;
                let args = LinkArgs {
                    command: LinkCommand::Suggest {
                        event,
                        dir: root.clone(),
                        json: false,
                        limit: 5,
                    },
                };
                let mut out = Vec::new();
                args.run(&mut out).unwrap();
                out
            })
        },
    );
    group.bench_function(format!("whole desk read per call ({size} articles)"), |b| {
        b.iter(|| {
            let (index, _) = LinkIndex::build(&desk);
            let query = index.get(&queries[next % queries.len()]).unwrap().clone();
            next += 1;
            index.suggest(&query, 5)
        })
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    let articles: usize = std::env::var("FACTDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let mut rng = Lcg(42);
    let events: Vec<LinkEvent> = (0..articles)
        .flat_map(|a| (0..3).map(move |t| (a, t)))
        .map(|(a, t)| event(&mut rng, a, t))
        .collect();
    let queries: Vec<LinkEvent> = events.iter().step_by(997).cloned().collect();
    let started = Instant::now();
    let index = LinkIndex::new(events);
    eprintln!(
        "link index: {} events of {articles} articles filed in {:.2?}",
        index.len(),
        started.elapsed()
    );
    let mut next = 0;
    c.bench_function(&format!("link suggest top 5 ({articles} articles)"), |b| {
        b.iter(|| {
            let query = &queries[next % queries.len()];
            next += 1;
            black_box(index.suggest(query, 5))
        })
    });
}

criterion_group!(benches, bench, bench_command);
criterion_main!(benches);
