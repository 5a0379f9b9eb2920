//! The article list (`/`) at 100,000 articles: each keystroke in the list
//! searches every article the background scan has read, typed filters
//! (`lang:`, `country:`, `since:`, `until:`) and scope (Tab) included.
//! The scan's entries are built in memory here, as the list holds them.
//!
//! SPEC: a keystroke redrawn in under 4 ms at the 99th percentile.
//! Run: `cargo bench --bench articles`. FACTDESK_BENCH_ARTICLES sets the size.

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::model::Status;
use factdesk::review::stats::EventSummary;
use factdesk::review::{ArticleEntry, Counts, Progress, Scope, search_articles};

/// What the background scan holds for `size` articles: titles, languages,
/// dates, and three events each (one in ten articles in Mali, one in fifty
/// with a flag, every third fully reviewed).
fn scanned(size: usize) -> (Vec<ArticleEntry>, Progress, Vec<Option<Vec<EventSummary>>>) {
    let mut progress = Progress::new(size);
    let mut entries = Vec::with_capacity(size);
    let mut events = Vec::with_capacity(size);
    for i in 0..size {
        let day = jiff::civil::date(2023, 1, 1) + jiff::Span::new().days((i % 365) as i64);
        entries.push(ArticleEntry {
            index: i,
            id: format!("{i:07}"),
            title: format!("Article {i}: soldiers killed in an ambush near Koutougou"),
            language: if i % 3 == 0 { "fr" } else { "en" }.to_string(),
            published: Some(day),
        });
        let country = if i % 10 == 0 { "Mali" } else { "Niger" };
        let summaries = (1..=3)
            .map(|n| EventSummary {
                id: format!("{i:07}#x{n}"),
                status: Status::Pending,
                event_type: Some("Battles"),
                country: Some(country.to_string()),
                place: Some("Koutougou".to_string()),
                coordinates: Some((13.3, 1.5)),
                flagged: n == 1 && i % 50 == 0,
            })
            .collect();
        events.push(Some(summaries));
        let reviewed = if i % 3 == 0 { 3 } else { 0 };
        progress.observed(i, Counts { reviewed, total: 3 });
    }
    (entries, progress, events)
}

fn bench_article_list(c: &mut Criterion) {
    let size: usize = std::env::var("FACTDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (entries, progress, events) = scanned(size);
    for (name, scope, query) in [
        ("fuzzy title", Scope::All, "ambush koutougou 4242"),
        (
            "pending, filters and title",
            Scope::Pending,
            "lang:en country:mali since:2023-08 until:2023-09-30 ambush",
        ),
        ("flagged", Scope::Flagged, ""),
    ] {
        c.bench_function(&format!("article list: {name}, {size} articles"), |b| {
            b.iter(|| search_articles(&entries, &progress, &events, scope, query))
        });
    }
}

criterion_group!(benches, bench_article_list);
criterion_main!(benches);
