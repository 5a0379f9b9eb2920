//! Export of a whole generated desk, JSONL and CSV, curated and `--all`.
//!
//! SPEC: the whole desk of 100,000 articles exported in under 3 s on 2
//! cores. Each generated article has ~2.5 KB of text, two candidate events
//! with evidence, and two thirds of the articles have decisions (confirmed,
//! corrected with an original value, rejected, added). Output goes to a
//! sink so that only the export is measured.
//! Run: `cargo bench --bench export`; FACTDESK_BENCH_ARTICLES sets the size
//! (default 20,000; multiply the median by 100,000 / size to extrapolate).
//! FACTDESK_BENCH_DESK=DIR keeps the generated desk in DIR and reuses it on
//! the next run (generating 100,000 articles takes a while).
//!
//! Samples are the process's CPU time, all rayon threads together (the
//! machine is shared, so wall-clock time mostly measures the neighbours);
//! on two idle cores the wall-clock time is about half of it.

use std::fs;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::desk::{CandidateFile, DecisionFile, Desk, Meta, render_article};
use factdesk::export::{ExportOptions, Filter, Format, export};
use factdesk::model::{Candidate, Decision, EventFields, Field, Provenance, Span, Status};

const PARAGRAPH: &str = "Niger's junta on Wednesday said 17 of its soldiers had been killed in an \
ambush by insurgents near the Burkina Faso border, the deadliest attack since military officers \
seized power in a coup at the end of July. The ambush took place on Tuesday about 60 kilometres \
from the capital Niamey, in a south-western area that borders Burkina Faso, the defence ministry \
said. An army detachment was \"the victim of a terrorist ambush near the town of Koutougou\" in the \
Tillaberi region, according to a statement.\n";

fn fields(i: usize, k: usize) -> EventFields {
    let mut fields = EventFields::default();
    let set = |fields: &mut EventFields, field, value: &str| fields.set(field, value).unwrap();
    set(&mut fields, Field::EventType, "Battles");
    set(&mut fields, Field::SubEventType, "Armed clash");
    set(&mut fields, Field::EventDate, "2023-08-15");
    set(&mut fields, Field::TimePrecision, "1");
    set(&mut fields, Field::Country, "Niger");
    set(&mut fields, Field::Admin1, "Tillaberi");
    set(&mut fields, Field::Location, "Koutougou");
    set(&mut fields, Field::Latitude, "14.6325");
    set(&mut fields, Field::Longitude, "1.5103");
    set(&mut fields, Field::GeoPrecision, "1");
    set(&mut fields, Field::Actor1, "Military Forces of Niger");
    set(&mut fields, Field::Actor2, "Islamic State Sahel");
    set(&mut fields, Field::Fatalities, &(i % 40 + k).to_string());
    set(
        &mut fields,
        Field::Notes,
        "Ambush near \"Koutougou\", Tillaberi; soldiers killed.",
    );
    fields
}

fn candidate(id: &str, k: usize, i: usize) -> Candidate {
    Candidate {
        id: format!("{id}#x{k}"),
        background: k == 1,
        confidence: 0.8,
        fields: fields(i, k),
        evidence: [
            (Field::Fatalities, vec![Span::new(32, 34)]),
            (Field::Location, vec![Span::new(440, 449)]),
            (Field::EventDate, vec![Span::new(245, 255)]),
        ]
        .into(),
        field_confidence: Default::default(),
        casualties: Default::default(),
    }
}

fn decision(candidate: &Candidate, status: Status) -> Decision {
    let mut fields = candidate.fields.clone();
    let mut original = EventFields::default();
    let mut corrected = Vec::new();
    if status == Status::Corrected {
        original.copy_field(Field::Fatalities, &fields);
        fields.fatalities = fields.fatalities.map(|n| n + 1);
        corrected.push(Field::Fatalities);
    }
    Decision {
        id: candidate.id.clone(),
        status,
        reviewer: "bench".into(),
        decided_at: jiff::Timestamp::UNIX_EPOCH,
        background: candidate.background,
        flagged: false,
        reason: None,
        note: None,
        provenance: Provenance::builtin(),
        fields,
        corrected,
        original,
        evidence: candidate.evidence.clone(),
    }
}

fn make_desk(root: &Path, articles: usize) {
    fs::create_dir_all(root.join("articles")).unwrap();
    let desk = Desk::open(root).unwrap();
    let text = PARAGRAPH.repeat(4);
    for i in 0..articles {
        let id = format!("{i:07}");
        let meta = Meta {
            title: Some(format!("Article {i}")),
            source: Some(["RFI", "AFP", "Reuters, \"Africa\""][i % 3].into()),
            url: None,
            published: Some(jiff::civil::date(2023, 8, 16)),
            language: "en".into(),
        };
        fs::write(desk.article_path(&id), render_article(&meta, &text)).unwrap();
        let events: Vec<Candidate> = (0..2).map(|k| candidate(&id, k, i)).collect();
        let statuses = [Status::Confirmed, Status::Corrected, Status::Rejected];
        if i % 3 != 2 {
            let mut decisions = DecisionFile::empty(&id);
            for (k, event) in events.iter().enumerate() {
                decisions.upsert(decision(event, statuses[(i + k) % 3]));
            }
            desk.save_decisions(&decisions).unwrap();
        }
        desk.save_candidates(&CandidateFile {
            article: id,
            extractor: Provenance::builtin(),
            events,
        })
        .unwrap();
    }
}

fn bench_export(c: &mut Criterion) {
    let size: usize = std::env::var("FACTDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let temp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let root = match std::env::var_os("FACTDESK_BENCH_DESK") {
        Some(dir) => Path::new(&dir).join(size.to_string()),
        None => temp.path().to_path_buf(),
    };
    if !root.join("articles").is_dir() {
        make_desk(&root, size);
    }
    let desk = Desk::open(&root).unwrap();
    for (name, format, filter, by_event) in [
        ("jsonl curated", Format::Jsonl, Filter::default(), false),
        ("jsonl --all", Format::Jsonl, Filter::all(), false),
        ("csv --all", Format::Csv, Filter::all(), false),
        ("jsonl --by-event", Format::Jsonl, Filter::default(), true),
    ] {
        let options = ExportOptions {
            format,
            filter,
            by_event,
            timestamp: None,
        };
        c.bench_function(&format!("export {name}, desk of {size} articles"), |b| {
            b.iter_custom(|iters| {
                let started = process_cpu_time();
                for _ in 0..iters {
                    export(&desk, &options, &mut std::io::sink()).unwrap();
                }
                process_cpu_time().saturating_sub(started)
            })
        });
    }
}

/// The CPU time this process (every thread) has used.
fn process_cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)");
    std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench_export
}
criterion_main!(benches);
