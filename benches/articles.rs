//! The article list (`/`) at 100,000 articles: each keystroke in the list
//! searches every article the background scan has read, typed filters
//! (`lang:`, `country:`, `since:`, `until:`) and scope (Tab) included.
//! The scan's entries are built in memory here, as the list holds them.
//! "fresh" cases search from nothing (`search_articles`); "typing" types a
//! query key by key into one `ArticleSearch`, as the list does, then erases
//! it with Backspace: each iteration is one keystroke of that cycle.
//! "fresh" samples are this thread's CPU time (see `support`): the machine
//! is shared. "typing" samples are wall-clock time, as a keystroke that
//! scores many titles spreads them over rayon's threads
//! (`RAYON_NUM_THREADS=1` keeps it on one).
//!
//! SPEC: a keystroke redrawn in under 4 ms at the 99th percentile.
//! Run: `cargo bench --bench articles`. FACTDESK_BENCH_ARTICLES sets the size.

mod support;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::model::Status;
use factdesk::review::stats::EventSummary;
use factdesk::review::{ArticleEntry, ArticleSearch, Counts, Progress, Scope, search_articles};
use support::timed;

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
        let name = format!("article list: fresh {name}, {size} articles");
        c.bench_function(&name, |b| {
            b.iter_custom(|n| {
                timed(n, || {
                    search_articles(&entries, &progress, &events, scope, query)
                })
            })
        });
    }
    for (name, scope, query) in [
        ("fuzzy title", Scope::All, "ambush koutougou 4242"),
        (
            "filters then title",
            Scope::Pending,
            "lang:en country:mali since:2023-08 ambush",
        ),
    ] {
        let keystrokes = typed_then_erased(query);
        let mut search = ArticleSearch::default();
        let filed = timed(1, || search.file(&entries));
        eprintln!("{size} haystacks filed as the scan brings them: {filed:.2?}");
        let mut slowest = Duration::ZERO;
        for text in &keystrokes {
            let spent = timed(1, || {
                search.search(&entries, &progress, &events, scope, text)
            });
            slowest = slowest.max(spent);
            if std::env::var_os("FACTDESK_BENCH_VERBOSE").is_some() {
                eprintln!("  {text:?}: {spent:.2?}");
            }
        }
        eprintln!(
            "typing {query:?}: slowest of {} keystrokes {slowest:.2?}",
            keystrokes.len()
        );
        let mut next = 0;
        let name = format!("article list: typing {name}, per keystroke, {size} articles");
        c.bench_function(&name, |b| {
            b.iter_custom(|iterations| {
                wall(iterations, || {
                    let text = &keystrokes[next % keystrokes.len()];
                    next += 1;
                    search.search(&entries, &progress, &events, scope, text)
                })
            })
        });
    }
}

/// Runs `work` `iters` times and returns the wall-clock time it took.
fn wall<T>(iters: u64, mut work: impl FnMut() -> T) -> Duration {
    let started = Instant::now();
    for _ in 0..iters {
        std::hint::black_box(work());
    }
    started.elapsed()
}

/// The query as it stands after each key: typed char by char, then erased.
fn typed_then_erased(query: &str) -> Vec<String> {
    let typed: Vec<String> = query
        .char_indices()
        .map(|(i, c)| query[..i + c.len_utf8()].to_string())
        .collect();
    let erased = typed.iter().rev().skip(1).cloned().chain([String::new()]);
    typed.iter().cloned().chain(erased).collect()
}

criterion_group!(benches, bench_article_list);
criterion_main!(benches);
