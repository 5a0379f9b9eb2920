//! `factdesk extract`: the built-in extractor over a whole desk, on all
//! cores.
//!
//! Articles are independent, so they are extracted in parallel (rayon),
//! each read, extracted and saved (atomically, through the desk) by one
//! worker; nothing is held in memory beyond the articles in flight. The
//! caller holds the desk lock: this module only writes `extracted/` files,
//! never decisions.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::actors::ActorBook;
use super::{ArticleText, extract_guarded};
use crate::desk::{CandidateFile, Desk, DeskError, Problem};
use crate::gazetteer::{Gazetteer, GazetteerError};
use crate::model::Provenance;

/// What a batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Articles extracted and saved.
    pub extracted: usize,
    /// Articles that already had candidates (without `force`).
    pub skipped: usize,
    /// Candidate events saved in all.
    pub events: usize,
    /// Articles in a language the extractor does not read: saved with no
    /// events, so they are not retried.
    pub unsupported: usize,
    /// Articles that could not be read or saved, with why.
    pub failed: Vec<String>,
}

/// Why a batch could not start.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    #[error(transparent)]
    Actors(#[from] Problem),
    #[error(transparent)]
    Desk(#[from] DeskError),
}

/// The gazetteer and armed-group list of a desk: the built-in ones,
/// extended by `gazetteer.toml` and `actors.toml` when the desk has them.
pub struct Resources {
    gazetteer: Option<Gazetteer>,
    actors: Option<ActorBook>,
}

impl Resources {
    pub fn of(desk: &Desk) -> Result<Resources, BatchError> {
        let gazetteer_path = desk.gazetteer_path();
        let gazetteer = if gazetteer_path.exists() {
            Some(Gazetteer::with_desk_file(&gazetteer_path)?)
        } else {
            None
        };
        let actors_path = desk.root().join(super::actors::DESK_FILE);
        let actors = if actors_path.exists() {
            Some(ActorBook::with_desk_file(&actors_path)?)
        } else {
            None
        };
        Ok(Resources { gazetteer, actors })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        self.gazetteer.as_ref().unwrap_or(Gazetteer::builtin())
    }

    pub fn actors(&self) -> &ActorBook {
        self.actors.as_ref().unwrap_or(ActorBook::builtin())
    }
}

/// Extracts every article of `desk` that has no candidates yet (all of
/// them with `force`) and saves each one's candidates. A progress bar is
/// drawn on stderr when it is a terminal.
///
/// With nothing to do it returns at once, without loading the gazetteer: the
/// review screen calls this before its first frame.
pub fn extract_desk(desk: &Desk, force: bool) -> Result<BatchReport, BatchError> {
    let done = if force {
        Default::default()
    } else {
        desk.ids_with_candidates()?
    };
    let todo: Vec<&String> = desk
        .article_ids()
        .iter()
        .filter(|id| !done.contains(id.as_str()))
        .collect();
    if todo.is_empty() {
        return Ok(BatchReport {
            skipped: desk.article_ids().len(),
            ..BatchReport::default()
        });
    }
    let resources = Resources::of(desk)?;
    let progress = Progress::new(todo.len());
    let report = Mutex::new(BatchReport {
        skipped: desk.article_ids().len() - todo.len(),
        ..BatchReport::default()
    });
    todo.par_iter().for_each(|id| {
        let outcome = extract_one(desk, &resources, id);
        progress.tick();
        // A poisoned lock means another worker panicked; its report is
        // still the best we have.
        let mut report = report.lock().unwrap_or_else(|e| e.into_inner());
        match outcome {
            Ok(Some(events)) => {
                report.extracted += 1;
                report.events += events;
            }
            Ok(None) => report.unsupported += 1,
            Err(err) => report.failed.push(err),
        }
    });
    progress.finish();
    let mut report = report.into_inner().unwrap_or_else(|e| e.into_inner());
    report.failed.sort();
    Ok(report)
}

/// Extracts and saves one article; `None` when its language is not read.
/// If the extractor fails on it, nothing is written for it.
fn extract_one(desk: &Desk, resources: &Resources, id: &str) -> Result<Option<usize>, String> {
    let article = desk.load_article(id).map_err(|e| e.to_string())?;
    let (events, supported) = match ArticleText::of(&article) {
        Some(text) => (
            extract_guarded(&text, resources.gazetteer(), resources.actors())?,
            true,
        ),
        None => (Vec::new(), false),
    };
    let count = events.len();
    desk.save_candidates(&CandidateFile {
        article: id.to_string(),
        extractor: Provenance::builtin(),
        events,
    })
    .map_err(|e| e.to_string())?;
    Ok(supported.then_some(count))
}

/// A one-line progress bar on stderr, drawn only when stderr is a
/// terminal, at most ten times a second.
struct Progress {
    total: usize,
    done: AtomicUsize,
    draw: Option<Mutex<Instant>>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let draw = std::io::stderr()
            .is_terminal()
            .then(|| Mutex::new(Instant::now() - Duration::from_secs(1)));
        Progress {
            total,
            done: AtomicUsize::new(0),
            draw,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let Some(last) = &self.draw else { return };
        let Ok(mut last) = last.try_lock() else {
            return;
        };
        if last.elapsed() >= Duration::from_millis(100) || done == self.total {
            *last = Instant::now();
            self.draw(done);
        }
    }

    fn draw(&self, done: usize) {
        const WIDTH: usize = 30;
        let filled = (done * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        let mut err = std::io::stderr().lock();
        // Progress is a courtesy: a failed write to stderr changes nothing.
        let _ = write!(
            err,
            "\rextracting [{}{}] {done}/{}",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            self.total
        );
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.draw.is_some() && self.total > 0 {
            self.draw(self.done.load(Ordering::Relaxed));
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn desk_with(articles: &[(&str, &str)]) -> (tempfile::TempDir, Desk) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("articles")).unwrap();
        for (id, text) in articles {
            fs::write(dir.path().join(format!("articles/{id}.txt")), text).unwrap();
        }
        let desk = Desk::open(dir.path()).unwrap();
        (dir, desk)
    }

    const ATTACK: &str = "+++\npublished = 2024-03-05\nlanguage = \"en\"\n+++\n\
        Gunmen killed 12 villagers in an attack on Monday in northern Burkina Faso, residents said.\n";

    #[test]
    fn extracts_articles_without_candidates_then_only_with_force() {
        let (_dir, desk) = desk_with(&[
            ("a", ATTACK),
            ("b", "+++\nlanguage = \"de\"\n+++\nKein Ereignis.\n"),
        ]);
        let report = extract_desk(&desk, false).unwrap();
        assert_eq!(
            (report.extracted, report.unsupported, report.skipped),
            (1, 1, 0)
        );
        assert!(report.failed.is_empty());
        let saved = desk.load_candidates("a").unwrap().unwrap();
        assert_eq!(saved.events.len(), report.events);
        assert_eq!(saved.events[0].fields.fatalities, Some(12));
        assert!(
            desk.load_candidates("b")
                .unwrap()
                .unwrap()
                .events
                .is_empty()
        );

        let again = extract_desk(&desk, false).unwrap();
        assert_eq!((again.extracted, again.skipped), (0, 2));
        let forced = extract_desk(&desk, true).unwrap();
        assert_eq!((forced.extracted, forced.skipped), (1, 0));
        assert_eq!(desk.load_candidates("a").unwrap().unwrap(), saved);
    }

    #[test]
    fn a_bad_article_is_reported_and_the_rest_go_on() {
        let (_dir, desk) = desk_with(&[("a", ATTACK), ("bad", "+++\nnope = 1\n+++\ntext")]);
        let report = extract_desk(&desk, false).unwrap();
        assert_eq!(report.extracted, 1);
        assert_eq!(report.failed.len(), 1);
        assert!(
            report.failed[0].contains("bad.txt:2:1"),
            "{:?}",
            report.failed
        );
    }

    #[test]
    fn a_bad_desk_actors_file_stops_the_batch_with_its_position() {
        let (dir, desk) = desk_with(&[("a", ATTACK)]);
        fs::write(dir.path().join("actors.toml"), "[[group]]\nname = 3\n").unwrap();
        let err = extract_desk(&desk, false).err().unwrap().to_string();
        assert!(err.contains("actors.toml:2:"), "{err}");
        assert!(desk.load_candidates("a").unwrap().is_none());
    }
}
