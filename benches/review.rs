//! The review screen at 100 and at 100,000 articles: opening the desk to
//! the first frame, and a keystroke (next/previous event) redrawn.
//!
//! SPEC: first frame under 0.3 s at 100,000 articles; a keystroke redrawn
//! in under 4 ms at the 99th percentile and no slower than at 100 articles.
//! Frames are drawn to ratatui's TestBackend at 120x40: this measures our
//! work (state, layout, wrap, widgets, buffer diff), not the terminal's.
//! Run: `cargo bench --bench review`. FACTDESK_BENCH_ARTICLES sets the
//! large size.

use std::fs;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::desk::Desk;
use factdesk::keymap::{Key, KeyCode, Keymap};
use factdesk::tui::{App, Options, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const TEXT: &str = "Niger's junta on Wednesday said 17 of its soldiers had been killed in an ambush by insurgents near the Burkina Faso border. The ambush took place on Tuesday near the town of Koutougou in the Tillaberi region. ";

fn make_desk(root: &Path, articles: usize) {
    for folder in ["articles", "extracted"] {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    let body = TEXT.repeat(20);
    for i in 0..articles {
        let id = format!("{i:07}");
        fs::write(
            root.join(format!("articles/{id}.txt")),
            format!("+++\ntitle = \"Article {i}\"\npublished = 2023-08-16\nlanguage = \"en\"\n+++\n{body}"),
        )
        .unwrap();
        let events: String = (1..=3)
            .map(|n| {
                format!(
                    "[[event]]\nid = \"{id}#x{n}\"\nconfidence = 0.8\n[event.fields]\nevent_type = \"Battles\"\nfatalities = {n}\nlocation = \"Koutougou\"\n[event.evidence]\nfatalities = [[32, 66]]\nlocation = [[{}, {}]]\n",
                    200 * n,
                    200 * n + 9
                )
            })
            .collect();
        fs::write(
            root.join(format!("extracted/{id}.toml")),
            format!("article = \"{id}\"\n[extractor]\nextractor = \"bench\"\n{events}"),
        )
        .unwrap();
    }
}

fn open(root: &Path) -> App {
    let options = Options {
        reviewer: "bench".into(),
        keymap: Keymap::default_keys(),
        theme: Theme::color(),
    };
    App::open(Desk::open(root).unwrap(), options).unwrap()
}

fn bench_review(c: &mut Criterion) {
    let large: usize = std::env::var("FACTDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    for size in [100, large] {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        make_desk(dir.path(), size);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        c.bench_function(&format!("first frame, {size} articles"), |b| {
            b.iter(|| {
                let mut app = open(dir.path());
                terminal.draw(|frame| app.draw(frame)).unwrap();
            })
        });
        let mut app = open(dir.path());
        let mut down = true;
        c.bench_function(&format!("keystroke redrawn, {size} articles"), |b| {
            b.iter(|| {
                let key = if down { 'j' } else { 'k' };
                down = !down;
                app.handle_key(Key::new(KeyCode::Char(key)));
                app.tick();
                terminal.draw(|frame| app.draw(frame)).unwrap();
            })
        });
    }
}

criterion_group!(benches, bench_review);
criterion_main!(benches);
