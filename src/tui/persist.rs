//! The driver's work with the disk, off the UI thread: a writer thread that
//! saves decisions, the undo journal and the last position in order; a
//! scanner thread that counts the desk's progress; and the small state
//! files in `.factdesk/`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use serde::{Deserialize, Serialize};

use crate::desk::{DecisionFile, Desk, parse_toml, write_atomic};
use crate::model::{ReviewEvent, merge_events};
use crate::review::history::UNDO_LIMIT;
use crate::review::stats::EventSummary;
use crate::review::{ArticleEntry, Counts, History, JournalEntry, parse_journal};

const JOURNAL_FILE: &str = "undo.jsonl";
const POSITION_FILE: &str = "position.toml";

/// Where the analyst was when the desk was last closed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// Reads the last position; a missing or unreadable file means "start at
/// the beginning" (it is only a convenience, never data).
pub fn read_position(desk: &Desk) -> Option<Position> {
    let path = desk.state_dir().join(POSITION_FILE);
    let text = fs::read_to_string(&path).ok()?;
    parse_toml(&path, &text).ok()
}

fn write_position(desk: &Desk, position: &Position) -> io::Result<()> {
    let text = toml::to_string(position).map_err(io::Error::other)?;
    write_atomic(&desk.state_dir().join(POSITION_FILE), text.as_bytes())
}

/// Reads the undo journal and rebuilds the history; says how many torn
/// lines were skipped. A journal much longer than the history it holds is
/// rewritten compacted.
pub fn load_history(desk: &Desk) -> io::Result<(History, usize)> {
    let path = desk.state_dir().join(JOURNAL_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok((History::default(), 0)),
        Err(err) => return Err(err),
    };
    let (entries, skipped) = parse_journal(&text);
    let lines = entries.len();
    let history = History::replay(entries, |id| desk.article_index(id));
    if lines > 2 * UNDO_LIMIT || !skipped.is_empty() {
        let mut compacted = String::new();
        for entry in history.compacted() {
            compacted.push_str(&entry.to_line().map_err(io::Error::other)?);
        }
        write_atomic(&path, compacted.as_bytes())?;
    }
    Ok((history, skipped.len()))
}

/// One write for the writer thread.
#[derive(Debug)]
pub enum Job {
    Decisions(DecisionFile),
    Journal(JournalEntry),
    Position(Position),
    /// The whole `links.toml`, as rendered.
    Links(String),
}

/// What the writer thread says after each job.
#[derive(Debug)]
pub enum Saved {
    Done,
    Failed(String),
}

/// The writer thread: jobs are written in the order they were sent, each
/// durably, so a kill loses at most the job in flight.
pub struct Writer {
    jobs: Option<Sender<Job>>,
    reports: Receiver<Saved>,
    thread: Option<JoinHandle<()>>,
    sent: u64,
    done: u64,
    failure: Option<String>,
}

impl Writer {
    pub fn spawn(desk: Arc<Desk>) -> Writer {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (report_tx, reports) = mpsc::channel();
        let thread = thread::spawn(move || {
            let mut journal = JournalWriter::new(desk.state_dir().join(JOURNAL_FILE));
            for job in job_rx {
                let result = match &job {
                    Job::Decisions(file) => save_decisions(&desk, file),
                    Job::Journal(entry) => journal.append(entry),
                    Job::Position(position) => write_position(&desk, position)
                        .map_err(|err| format!("{}: {err}", desk.state_dir().display())),
                    Job::Links(text) => write_atomic(&desk.links_path(), text.as_bytes())
                        .map_err(|err| format!("{}: {err}", desk.links_path().display())),
                };
                let report = match result {
                    Ok(()) => Saved::Done,
                    Err(message) => Saved::Failed(message),
                };
                if report_tx.send(report).is_err() {
                    break;
                }
            }
        });
        Writer {
            jobs: Some(jobs),
            reports,
            thread: Some(thread),
            sent: 0,
            done: 0,
            failure: None,
        }
    }

    pub fn send(&mut self, job: Job) {
        if let Some(jobs) = &self.jobs {
            if jobs.send(job).is_ok() {
                self.sent += 1;
            } else {
                self.failure = Some("the writer stopped; decisions are not being saved".into());
            }
        }
    }

    /// Takes in the writer's reports; true if anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Ok(report) = self.reports.try_recv() {
            self.take(report);
            changed = true;
        }
        changed
    }

    fn take(&mut self, report: Saved) {
        self.done += 1;
        match report {
            Saved::Done => {}
            Saved::Failed(message) => self.failure = Some(message),
        }
    }

    /// Jobs sent but not yet written.
    pub fn in_flight(&self) -> u64 {
        self.sent - self.done
    }

    /// The last failure, if any: shown until the analyst quits.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Waits for every job to be written, then stops the thread.
    pub fn finish(&mut self) -> Option<String> {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.poll();
        self.failure.clone()
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Saves one article's decisions; an empty file is removed, so undoing an
/// article's only decision leaves the desk exactly as it was.
fn save_decisions(desk: &Desk, file: &DecisionFile) -> Result<(), String> {
    if !file.events.is_empty() {
        return desk.save_decisions(file).map_err(|err| err.to_string());
    }
    let path = desk.decisions_path(&file.article);
    match fs::remove_file(&path) {
        Ok(()) => sync_parent(&path).map_err(|err| format!("{}: {err}", path.display())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(format!("{}: {err}", path.display())),
    }
}

fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) => File::open(dir)?.sync_all(),
        None => Ok(()),
    }
}

/// Appends journal lines, each fsynced before the next job.
struct JournalWriter {
    path: PathBuf,
    file: Option<File>,
}

impl JournalWriter {
    fn new(path: PathBuf) -> JournalWriter {
        JournalWriter { path, file: None }
    }

    fn append(&mut self, entry: &JournalEntry) -> Result<(), String> {
        let fail = |err: io::Error| format!("{}: {err}", self.path.display());
        let line = entry.to_line().map_err(|err| fail(io::Error::other(err)))?;
        if self.file.is_none() {
            if let Some(dir) = self.path.parent() {
                fs::create_dir_all(dir).map_err(fail)?;
            }
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .map_err(fail)?;
            self.file = Some(file);
        }
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.write_all(line.as_bytes()).map_err(fail)?;
        file.sync_data().map_err(fail)
    }
}

/// One article as the background scan saw it.
#[derive(Clone, Debug, PartialEq)]
pub struct Scanned {
    pub counts: Counts,
    pub summaries: Vec<EventSummary>,
    pub entry: ArticleEntry,
}

/// Reads every article's title and counts its reviewed / total events in a
/// background thread, reporting in batches so the first frame never waits
/// for the desk.
pub fn spawn_scanner(desk: Arc<Desk>) -> Receiver<Vec<Scanned>> {
    const BATCH: usize = 256;
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for (index, id) in desk.article_ids().iter().enumerate() {
            batch.push(scan_article(&desk, index, id));
            if batch.len() == BATCH && tx.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
        }
        let _ = tx.send(batch);
    });
    rx
}

fn scan_article(desk: &Desk, index: usize, id: &str) -> Scanned {
    let entry = match desk.load_article(id) {
        Ok(article) => ArticleEntry {
            index,
            id: id.to_string(),
            title: article.display_title().to_string(),
            language: article.meta.language.clone(),
            published: article.meta.published,
        },
        Err(_) => ArticleEntry {
            index,
            id: id.to_string(),
            title: format!("{id} (unreadable: see factdesk check)"),
            language: String::new(),
            published: None,
        },
    };
    let events = article_events(desk, id);
    Scanned {
        counts: Counts::of(&events),
        summaries: EventSummary::of_all(&events),
        entry,
    }
}

/// An article's counts from its files; an unreadable file counts as none.
pub fn count_events(desk: &Desk, id: &str) -> Counts {
    Counts::of(&article_events(desk, id))
}

/// An article's events from its files; an unreadable file gives none.
fn article_events(desk: &Desk, id: &str) -> Vec<ReviewEvent> {
    let candidates = desk
        .load_candidates(id)
        .ok()
        .flatten()
        .map(|f| f.events)
        .unwrap_or_default();
    let decisions = desk
        .load_decisions(id)
        .map(|f| f.events)
        .unwrap_or_default();
    merge_events(&candidates, &decisions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Step, StepChange};

    fn desk() -> (tempfile::TempDir, Arc<Desk>) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("articles")).unwrap();
        for id in ["a", "b"] {
            fs::write(dir.path().join(format!("articles/{id}.txt")), "Text").unwrap();
        }
        let desk = Arc::new(Desk::open(dir.path()).unwrap());
        (dir, desk)
    }

    #[test]
    fn the_writer_saves_in_order_and_removes_emptied_files() {
        let (_dir, desk) = desk();
        let mut writer = Writer::spawn(desk.clone());
        let file = crate::review::testing::confirmed_file("a", 1);
        writer.send(Job::Decisions(file.clone()));
        writer.send(Job::Journal(JournalEntry::Do(Step {
            article: "a".into(),
            article_index: 0,
            event: "a#x1".into(),
            command: "confirm".into(),
            change: StepChange::Decisions {
                before: DecisionFile::empty("a"),
                after: file.clone(),
            },
        })));
        writer.send(Job::Position(Position {
            article: "b".into(),
            event: None,
        }));
        assert_eq!(writer.finish(), None);
        assert_eq!(writer.in_flight(), 0);
        assert_eq!(desk.load_decisions("a").unwrap(), file);
        assert_eq!(read_position(&desk).unwrap().article, "b");
        let (history, skipped) = load_history(&desk).unwrap();
        assert_eq!((history.undo_len(), skipped), (1, 0));

        let mut writer = Writer::spawn(desk.clone());
        writer.send(Job::Decisions(DecisionFile::empty("a")));
        assert_eq!(writer.finish(), None);
        assert!(!desk.decisions_path("a").exists());
    }

    #[test]
    fn a_torn_journal_is_compacted_and_still_loads() {
        let (_dir, desk) = desk();
        let step = JournalEntry::Do(Step {
            article: "b".into(),
            article_index: 0,
            event: "b#x1".into(),
            command: "reject".into(),
            change: StepChange::Decisions {
                before: DecisionFile::empty("b"),
                after: crate::review::testing::confirmed_file("b", 2),
            },
        });
        let line = step.to_line().unwrap();
        let path = desk.state_dir().join(JOURNAL_FILE);
        fs::create_dir_all(desk.state_dir()).unwrap();
        fs::write(&path, format!("{line}{}", &line[..20])).unwrap();
        let (history, skipped) = load_history(&desk).unwrap();
        assert_eq!((history.undo_len(), skipped), (1, 1));
        assert_eq!(history.next_undo().unwrap().article_index, 1);
        assert_eq!(fs::read_to_string(&path).unwrap(), line);
    }

    #[test]
    fn the_scanner_counts_every_article() {
        let (_dir, desk) = desk();
        desk.save_decisions(&crate::review::testing::confirmed_file("b", 3))
            .unwrap();
        let reports: Vec<Scanned> = spawn_scanner(desk).iter().flatten().collect();
        let counts: Vec<Counts> = reports.iter().map(|r| r.counts).collect();
        let one = Counts {
            reviewed: 1,
            total: 1,
        };
        assert_eq!(counts, [Counts::default(), one]);
        assert_eq!(reports[1].entry.id, "b");
        assert_eq!(reports[1].entry.title, "Text");
        assert_eq!(reports[1].entry.index, 1);
    }
}
