//! Link suggestions for one event in a desk of 100,000 articles.
//!
//! Issue bar: under 50 ms per event, from an index built once (by country
//! and month), never a scan of the desk. The generated desk is deliberately
//! dense: 100,000 articles with three events each, all in six Sahel
//! countries over five years, about 1,000 events per country and month, so
//! a query scores thousands of candidates. Run: `cargo bench --bench link`.
//! FACTDESK_BENCH_ARTICLES changes the size.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::link::{LinkEvent, LinkIndex};
use factdesk::model::{EventFields, Field};

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

fn event(rng: &mut Lcg, article: usize, tag: usize) -> LinkEvent {
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
    LinkEvent::new(
        &format!("{article:07}#x{tag}"),
        &fields,
        rng.next(10) == 0,
        &BTreeMap::new(),
        Some(published),
        &context,
    )
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

criterion_group!(benches, bench);
criterion_main!(benches);
