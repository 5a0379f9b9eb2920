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
//! "text" cases measure the search over article text that a worker thread
//! runs beside the list: folding and matching alone (MB/s), a pass over a
//! desk on disk as the worker makes it (read, parse, match), and a keystroke
//! of the list while 5,000 text hits are merged after the title matches.
//!
//! SPEC: a keystroke redrawn in under 4 ms at the 99th percentile.
//! Run: `cargo bench --bench articles`. FACTDESK_BENCH_ARTICLES sets the size.

mod support;

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::desk::Desk;
use factdesk::model::Status;
use factdesk::review::stats::EventSummary;
use factdesk::review::{
    ArticleEntry, ArticleSearch, Counts, Progress, Scope, TextQuery, search_articles,
};
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

/// An article of about 3 KB in English or French, with accents, numbers
/// and place names that vary with `i`.
fn article_text(i: usize) -> String {
    let (en, fr) = (
        "Gunmen on motorcycles attacked the village of Koutougou {i} on Monday night, \
         killing {i} soldiers and wounding several civilians, a security source said. ",
        "Des hommes armés ont attaqué le poste de Tillabéri {i} dans la nuit de lundi à \
         mardi ; le bilan provisoire fait état de {i} morts, selon l’armée nigérienne. ",
    );
    let sentence = if i.is_multiple_of(3) { fr } else { en };
    sentence.replace("{i}", &i.to_string()).repeat(16)
}

fn bench_text_search(c: &mut Criterion) {
    let texts: Vec<String> = (0..2000).map(article_text).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("text search");
    group.throughput(Throughput::Bytes(bytes as u64));
    for typed in ["tillaberi 1999", "ambush in koutougou"] {
        let query = TextQuery::parse(typed).unwrap();
        let mut scratch = String::new();
        group.bench_function(format!("fold and match {typed:?}, {bytes} bytes"), |b| {
            b.iter(|| {
                (texts.iter())
                    .filter(|text| query.matches(text, &mut scratch))
                    .count()
            })
        });
    }
    // A pass over a desk on disk, as the worker reads it.
    let size = 5000;
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let mut on_disk = 0;
    for i in 0..size {
        let text = format!(
            "+++\ntitle = \"Article {i}\"\npublished = 2023-08-16\nlanguage = \"en\"\n+++\n{}",
            article_text(i)
        );
        on_disk += text.len();
        std::fs::write(articles.join(format!("{i:07}.txt")), text).unwrap();
    }
    let desk = Desk::open(dir.path()).unwrap();
    let query = TextQuery::parse("tillaberi 4242").unwrap();
    group.throughput(Throughput::Bytes(on_disk as u64));
    group.sample_size(10);
    group.bench_function(format!("read, parse and match a desk of {size}"), |b| {
        b.iter(|| {
            let mut scratch = String::new();
            (desk.article_ids().iter())
                .filter_map(|id| desk.load_article(id).ok())
                .filter(|article| query.find(&article.text, &mut scratch).is_some())
                .count()
        })
    });
    group.finish();

    // A keystroke of the list with 5,000 text hits to merge.
    let size: usize = std::env::var("FACTDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let (entries, progress, events) = scanned(size);
    let text_hits: Vec<usize> = (0..size).step_by((size / 5000).max(1)).collect();
    let mut search = ArticleSearch::default();
    search.file(&entries);
    let keystrokes = typed_then_erased("ambush koutougou 4242");
    let mut next = 0;
    c.bench_function(
        &format!("article list: typing with 5,000 text hits, per keystroke, {size} articles"),
        |b| {
            b.iter_custom(|iterations| {
                wall(iterations, || {
                    let text = &keystrokes[next % keystrokes.len()];
                    next += 1;
                    search.search_with_text(
                        &entries,
                        &progress,
                        &events,
                        Scope::All,
                        text,
                        &text_hits,
                    )
                })
            })
        },
    );
}

criterion_group!(benches, bench_article_list, bench_text_search);
criterion_main!(benches);
