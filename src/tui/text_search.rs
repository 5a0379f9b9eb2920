//! The article list's search over every article's text, off the UI thread.
//!
//! Article text is not in the desk's index (one file per article, 100,000
//! of them), so a worker thread reads them in desk order once the query has
//! stood still for [`DEBOUNCE`], and streams the hits back in batches. Each
//! query carries a generation: a newer one makes the worker drop the scan
//! in flight at the next article, and the UI drops reports of older ones.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use crate::desk::Desk;
use crate::review::{TextHit, TextQuery};

/// How long the query must stand still before the desk is read.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// How often the worker reports while it reads.
const REPORT_EVERY: Duration = Duration::from_millis(100);

/// More hits than this end the scan: the query should be narrowed.
pub const HIT_LIMIT: usize = 5000;

struct Request {
    generation: u64,
    query: TextQuery,
}

/// What the worker says while it reads the desk for one query.
struct Report {
    generation: u64,
    /// Hits by article index, in desk order.
    hits: Vec<(usize, TextHit)>,
    read: usize,
    done: bool,
}

/// Where the text search stands, for the list's title and status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProgress {
    /// No query long enough to search text.
    Idle,
    /// Waiting for the query to stand still.
    Waiting,
    Reading {
        read: usize,
        total: usize,
    },
    Done {
        total: usize,
    },
    /// Stopped after [`HIT_LIMIT`] hits.
    Capped {
        read: usize,
        total: usize,
    },
}

/// The UI side: sends queries, takes hits in as they come.
pub struct TextSearch {
    requests: Sender<Request>,
    reports: Receiver<Report>,
    generation: Arc<AtomicU64>,
    query: Option<TextQuery>,
    hits: HashMap<usize, TextHit>,
    /// Article indices of the hits, in the order they came (desk order).
    order: Vec<usize>,
    total: usize,
    pub progress: TextProgress,
}

impl TextSearch {
    pub fn spawn(desk: Arc<Desk>) -> TextSearch {
        let (requests, request_rx) = mpsc::channel();
        let (report_tx, reports) = mpsc::channel();
        let generation = Arc::new(AtomicU64::new(0));
        let current = generation.clone();
        let total = desk.article_ids().len();
        thread::spawn(move || worker(&desk, &request_rx, &report_tx, &current));
        TextSearch {
            requests,
            reports,
            generation,
            query: None,
            hits: HashMap::new(),
            order: Vec::new(),
            total,
            progress: TextProgress::Idle,
        }
    }

    /// Searches for `text` (the query's words, filters aside); a query too
    /// short or the same as before changes nothing in flight. Returns
    /// whether the hits were cleared.
    pub fn set_query(&mut self, text: &str) -> bool {
        let query = TextQuery::parse(text);
        if query.as_ref().map(TextQuery::typed) == self.query.as_ref().map(TextQuery::typed) {
            return false;
        }
        // A new generation stops the scan in flight at its next article.
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.hits.clear();
        self.order.clear();
        self.progress = match &query {
            Some(_) => TextProgress::Waiting,
            None => TextProgress::Idle,
        };
        if let Some(query) = &query {
            let request = Request {
                generation,
                query: query.clone(),
            };
            if self.requests.send(request).is_err() {
                self.progress = TextProgress::Idle;
            }
        }
        self.query = query;
        true
    }

    /// Takes in the worker's reports; returns whether hits came.
    pub fn poll(&mut self) -> bool {
        let current = self.generation.load(Ordering::SeqCst);
        let mut changed = false;
        loop {
            let report = match self.reports.try_recv() {
                Ok(report) => report,
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return changed,
            };
            if report.generation != current {
                continue;
            }
            changed = true;
            for (index, hit) in report.hits {
                if self.hits.insert(index, hit).is_none() {
                    self.order.push(index);
                }
            }
            self.progress = match (report.done, self.order.len() >= HIT_LIMIT) {
                (true, true) => TextProgress::Capped {
                    read: report.read,
                    total: self.total,
                },
                (true, false) => TextProgress::Done { total: self.total },
                (false, _) => TextProgress::Reading {
                    read: report.read,
                    total: self.total,
                },
            };
        }
    }

    /// Waits until the scan for the current query is done (tests).
    pub fn wait(&mut self) {
        while matches!(
            self.progress,
            TextProgress::Waiting | TextProgress::Reading { .. }
        ) {
            thread::sleep(Duration::from_millis(5));
            self.poll();
        }
    }

    /// The article indices whose text matches, in desk order.
    pub fn hits(&self) -> &[usize] {
        &self.order
    }

    pub fn hit(&self, index: usize) -> Option<&TextHit> {
        self.hits.get(&index)
    }

    pub fn hit_count(&self) -> usize {
        self.order.len()
    }
}

impl Drop for TextSearch {
    fn drop(&mut self) {
        // Stops a scan in flight; the worker ends when the channel closes.
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

fn worker(
    desk: &Desk,
    requests: &Receiver<Request>,
    reports: &Sender<Report>,
    current: &AtomicU64,
) {
    let Ok(mut request) = requests.recv() else {
        return;
    };
    loop {
        // Debounce: a newer query within the wait replaces this one.
        loop {
            match requests.recv_timeout(DEBOUNCE) {
                Ok(newer) => request = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if scan(desk, &request, reports, current).is_err() {
            return;
        }
        request = match requests.recv() {
            Ok(next) => next,
            Err(_) => return,
        };
    }
}

/// Reads the desk in order for one query, reporting every
/// [`REPORT_EVERY`]; stops when a newer generation exists. An article that
/// cannot be read is skipped (the scan's list already names it).
fn scan(
    desk: &Desk,
    request: &Request,
    reports: &Sender<Report>,
    current: &AtomicU64,
) -> Result<(), mpsc::SendError<Report>> {
    let mut scratch = String::new();
    let mut hits = Vec::new();
    let mut found = 0;
    let mut last_report = Instant::now();
    let ids = desk.article_ids();
    for (index, id) in ids.iter().enumerate() {
        if current.load(Ordering::SeqCst) != request.generation {
            return Ok(());
        }
        if let Ok(article) = desk.load_article(id)
            && let Some(hit) = request.query.find(&article.text, &mut scratch)
        {
            hits.push((index, hit));
            found += 1;
        }
        let done = index + 1 == ids.len() || found >= HIT_LIMIT;
        if done || last_report.elapsed() >= REPORT_EVERY {
            last_report = Instant::now();
            reports.send(Report {
                generation: request.generation,
                hits: std::mem::take(&mut hits),
                read: index + 1,
                done,
            })?;
        }
        if done {
            return Ok(());
        }
    }
    reports.send(Report {
        generation: request.generation,
        hits,
        read: ids.len(),
        done: true,
    })
}
