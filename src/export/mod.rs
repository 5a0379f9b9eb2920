//! `factdesk export`: the reviewed desk as a curated dataset in JSON Lines,
//! CSV (ACLED column names) or a single TOML file.
//!
//! Articles are read in parallel, a chunk at a time, and each chunk's output
//! is written before the next is read, so memory stays flat whatever the
//! size of the desk. Only an article's small files are read, plus its front
//! matter (for `source`) when one of its events is exported; no article text
//! is kept. Output order is fixed: article id, then the article's event order.
//!
//! `--by-event` groups the exported events by link cluster
//! (`crate::link`), one record per real-world event; it keeps the events'
//! rows (not their texts) in memory, since a cluster spans articles.

mod args;
mod by_event;
mod csv;
mod jsonl;
mod row;
mod toml;

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use serde::Serialize;

use crate::desk::{CandidateFile, Desk, DeskError, write_atomic_with};
use crate::link::Links;
use crate::model::{Decision, EventFields, ReviewEvent, Status, merge_events};

pub use args::ExportArgs;
pub use by_event::group_by_event;
pub use row::{ByEventRow, ExportRow, RecordFields};
pub use toml::{Dataset, DatasetHeader, read_dataset};

/// The output formats of `factdesk export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line, every key always present (null when empty).
    Jsonl,
    /// ACLED column names first, then factdesk's own columns.
    Csv,
    /// One TOML dataset file: a `[dataset]` header, then `[[event]]` tables.
    Toml,
}

/// Which events are exported. Empty lists mean "any".
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    pub statuses: Vec<Status>,
    /// Matched without regard to case.
    pub countries: Vec<String>,
    /// Inclusive bounds on `event_date`; an event without a date fails them.
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub reviewers: Vec<String>,
}

impl Default for Filter {
    /// The curated events: confirmed, corrected, added.
    fn default() -> Self {
        Filter {
            statuses: Status::ALL.into_iter().filter(|s| s.is_curated()).collect(),
            countries: Vec::new(),
            since: None,
            until: None,
            reviewers: Vec::new(),
        }
    }
}

impl Filter {
    /// Every status, pending and rejected included (`--all`).
    pub fn all() -> Self {
        Filter {
            statuses: Status::ALL.to_vec(),
            ..Filter::default()
        }
    }

    /// Whether events nobody has decided on can pass; when not, articles
    /// without decisions are skipped without reading their candidates.
    fn wants_pending(&self) -> bool {
        self.statuses.contains(&Status::Pending)
    }

    pub fn keeps(&self, event: &ReviewEvent) -> bool {
        let reviewer = event.decision.as_ref().map(|d| d.reviewer.as_str());
        self.keeps_values(event.status(), event.fields(), reviewer)
    }

    pub fn keeps_decision(&self, decision: &Decision) -> bool {
        self.keeps_values(decision.status, &decision.fields, Some(&decision.reviewer))
    }

    fn keeps_values(&self, status: Status, fields: &EventFields, reviewer: Option<&str>) -> bool {
        let date_ok = |bound: Option<Date>, ok: fn(Date, Date) -> bool| match bound {
            None => true,
            Some(bound) => fields.event_date.is_some_and(|date| ok(date, bound)),
        };
        self.statuses.contains(&status)
            && (self.countries.is_empty()
                || fields.country.as_deref().is_some_and(|country| {
                    self.countries
                        .iter()
                        .any(|wanted| wanted.trim().eq_ignore_ascii_case(country.trim()))
                }))
            && date_ok(self.since, |date, since| date >= since)
            && date_ok(self.until, |date, until| date <= until)
            && (self.reviewers.is_empty()
                || reviewer.is_some_and(|r| self.reviewers.iter().any(|wanted| wanted == r)))
    }
}

/// Everything `export` needs to know besides the desk.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub format: Format,
    pub filter: Filter,
    /// One record per real-world event (link cluster) instead of per event.
    pub by_event: bool,
    /// Written into the TOML header when given; left out otherwise so that
    /// the same desk always exports to the same bytes.
    pub timestamp: Option<jiff::Timestamp>,
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Article events exported (by event: merged into the records).
    pub events: usize,
    /// Articles with at least one exported event.
    pub articles: usize,
    pub per_status: BTreeMap<Status, usize>,
    /// With `--by-event`: the records written, one per real-world event.
    pub real_world_events: Option<usize>,
}

impl Summary {
    fn add_article(&mut self, rows: &[ExportRow]) {
        if rows.is_empty() {
            return;
        }
        self.articles += 1;
        self.events += rows.len();
        for row in rows {
            *self.per_status.entry(row.status).or_default() += 1;
        }
    }
}

/// Anything that stops an export. Desk errors name `path:line:column`.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Desk(#[from] DeskError),
    #[error("writing the export: {0}")]
    Io(#[from] io::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing TOML: {0}")]
    Toml(#[from] ::toml::ser::Error),
}

/// Articles read in parallel before their output is written.
const CHUNK: usize = 2048;

/// A record type that can be exported in every format.
pub trait Record: Serialize + Send {
    fn csv_columns() -> Vec<&'static str>;
    fn csv_cells(&self) -> Result<Vec<String>, ExportError>;
}

/// Writes `rows` in `format`, without a document header.
fn render<R: Record>(format: Format, rows: &[R], out: &mut Vec<u8>) -> Result<(), ExportError> {
    match format {
        Format::Jsonl => jsonl::render(rows, out),
        Format::Csv => csv::render(rows, out),
        Format::Toml => toml::render(rows, out),
    }
}

/// Writes the desk's events that pass `options.filter` to `out`.
pub fn export(
    desk: &Desk,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<Summary, ExportError> {
    let links = Links::load(desk)?;
    if options.format != Format::Toml {
        return write_body(desk, &links, options, out);
    }
    // The TOML header carries the counts, so the body is gathered first.
    let mut body = Vec::new();
    let summary = write_body(desk, &links, options, &mut body)?;
    toml::write_header(out, &DatasetHeader::new(desk, &summary, options.timestamp))?;
    out.write_all(&body)?;
    Ok(summary)
}

/// Everything but the TOML header: the CSV header and the records.
fn write_body(
    desk: &Desk,
    links: &Links,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<Summary, ExportError> {
    if !options.by_event {
        if options.format == Format::Csv {
            csv::write_header::<ExportRow>(out)?;
        }
        return stream(desk, links, options, out);
    }
    let mut rows = Vec::new();
    let mut summary = for_each_chunk(desk, links, &options.filter, |chunk| {
        rows.extend(chunk.into_iter().flatten());
        Ok(())
    })?;
    let records = group_by_event(rows, links);
    summary.real_world_events = Some(records.len());
    if options.format == Format::Csv {
        csv::write_header::<ByEventRow>(out)?;
    }
    let mut bytes = Vec::new();
    render(options.format, &records, &mut bytes)?;
    out.write_all(&bytes)?;
    Ok(summary)
}

/// Exports to `path` atomically (a failed export leaves any old file
/// untouched), or to standard output when `path` is `None`.
pub fn export_to(
    desk: &Desk,
    options: &ExportOptions,
    path: Option<&Path>,
) -> Result<Summary, ExportError> {
    match path {
        Some(path) => {
            let mut summary = Summary::default();
            write_atomic_with(path, |out| -> Result<(), ExportError> {
                summary = export(desk, options, out)?;
                Ok(())
            })?;
            Ok(summary)
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let summary = export(desk, options, &mut out)?;
            out.flush()?;
            Ok(summary)
        }
    }
}

/// Reads the desk a chunk of articles at a time, in parallel, and hands
/// each chunk's rows (one `Vec` per article, in article order) to `each`.
fn for_each_chunk(
    desk: &Desk,
    links: &Links,
    filter: &Filter,
    mut each: impl FnMut(Vec<Vec<ExportRow>>) -> Result<(), ExportError>,
) -> Result<Summary, ExportError> {
    let mut summary = Summary::default();
    for chunk in desk.article_ids().chunks(CHUNK) {
        let rows = chunk
            .par_iter()
            .map(|id| article_rows(desk, links, id, filter))
            .collect::<Result<Vec<_>, DeskError>>()?;
        for article in &rows {
            summary.add_article(article);
        }
        each(rows)?;
    }
    Ok(summary)
}

/// Writes each article's rows as they are read, rendering in parallel.
fn stream(
    desk: &Desk,
    links: &Links,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<Summary, ExportError> {
    for_each_chunk(desk, links, &options.filter, |chunk| {
        let rendered = chunk
            .par_iter()
            .map(|rows| {
                let mut bytes = Vec::new();
                render(options.format, rows, &mut bytes)?;
                Ok(bytes)
            })
            .collect::<Result<Vec<Vec<u8>>, ExportError>>()?;
        for bytes in rendered {
            out.write_all(&bytes)?;
        }
        Ok(())
    })
}

/// The rows of one article's events that pass `filter`, in event order.
pub fn article_rows(
    desk: &Desk,
    links: &Links,
    id: &str,
    filter: &Filter,
) -> Result<Vec<ExportRow>, DeskError> {
    let mut decisions = desk.load_decisions(id)?.events;
    let with_pending = filter.wants_pending();
    if !with_pending {
        // Only decided events can pass: drop the others before reading more.
        decisions.retain(|decision| filter.keeps_decision(decision));
    }
    let events: Vec<ReviewEvent> = article_events(desk, id, decisions, with_pending)?
        .into_iter()
        .filter(|event| filter.keeps(event))
        .collect();
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let source = desk.load_article(id)?.meta.source;
    Ok(events
        .iter()
        .map(|event| {
            let cluster = links.cluster_of(event.id()).map(|c| c.id.clone());
            ExportRow::new(id, event, source.as_deref(), cluster)
        })
        .collect())
}

/// An article's events in event order, as `Desk::load_events` gives them,
/// but reading no more than needed: parsing TOML is most of an export's
/// time, so the candidates file is parsed only when `with_pending` asks for
/// events nobody has decided on and there are some; otherwise only its
/// event ids are picked out, for the order.
pub fn article_events(
    desk: &Desk,
    id: &str,
    decisions: Vec<Decision>,
    with_pending: bool,
) -> Result<Vec<ReviewEvent>, DeskError> {
    if decisions.is_empty() && !with_pending {
        return Ok(Vec::new());
    }
    let (order, text) = candidate_order(desk, id)?;
    let undecided = |candidate: &String| !decisions.iter().any(|d| d.id == *candidate);
    if with_pending && order.iter().any(undecided) {
        let candidates = match text {
            Some(text) => {
                let path = desk.candidates_path(id);
                crate::desk::parse_toml::<CandidateFile>(&path, &text)?.events
            }
            None => (desk.load_candidates(id)?)
                .map(|file| file.events)
                .unwrap_or_default(),
        };
        return Ok(merge_events(&candidates, &decisions));
    }
    let events = decisions.into_iter().map(decided).collect();
    Ok(in_event_order(events, &order))
}

fn decided(decision: Decision) -> ReviewEvent {
    ReviewEvent {
        candidate: None,
        decision: Some(decision),
    }
}

/// Orders decided events as `merge_events` does: the extractor's order
/// first, then events it does not propose, in decision order.
fn in_event_order(mut events: Vec<ReviewEvent>, candidate_ids: &[String]) -> Vec<ReviewEvent> {
    events.sort_by_key(|event| {
        candidate_ids
            .iter()
            .position(|id| id == event.id())
            .unwrap_or(candidate_ids.len())
    });
    events
}

/// The ids of an article's candidates in extractor order, and the file's
/// text when it was read whole (to be parsed only if needed). Only the
/// order is needed when every exported event has a decision, so the ids
/// are picked from the `id = ` line that `render_candidates` writes first
/// in each `[[event]]` table instead of parsing the whole file (parsing is
/// most of an export's time); a file that does not look like that is
/// parsed in full.
fn candidate_order(desk: &Desk, id: &str) -> Result<(Vec<String>, Option<String>), DeskError> {
    let text = match fs::read_to_string(desk.candidates_path(id)) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), None)),
        Err(_) => None,
    };
    match text.as_deref().and_then(scan_candidate_ids) {
        Some(ids) => Ok((ids, text)),
        None => Ok((
            desk.load_candidates(id)?
                .map(|file| file.events.into_iter().map(|c| c.id).collect())
                .unwrap_or_default(),
            None,
        )),
    }
}

fn scan_candidate_ids(text: &str) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == "[[event]]" {
            let id_line = lines.find(|l| !l.is_empty() && !l.starts_with('#'))?;
            if !id_line.starts_with("id ") && !id_line.starts_with("id=") {
                return None;
            }
            ids.push(plain_string_value(id_line).map_or_else(
                || {
                    let table: ::toml::Table = id_line.parse().ok()?;
                    Some(table.get("id")?.as_str()?.to_string())
                },
                |value| Some(value.to_string()),
            )?);
        }
    }
    Some(ids)
}

/// The value of a `key = "value"` line when it is a basic string without
/// escapes (what factdesk writes for ids); anything else is left to TOML.
fn plain_string_value(line: &str) -> Option<&str> {
    let (_, value) = line.split_once('=')?;
    let value = value.trim().strip_prefix('"')?.strip_suffix('"')?;
    (!value.contains(['"', '\\'])).then_some(value)
}

/// The desk's name as written in exports: its folder name, not the path it
/// was opened with, so exports do not depend on the working directory.
fn desk_name(desk: &Desk) -> String {
    let root: PathBuf = desk
        .root()
        .canonicalize()
        .unwrap_or_else(|_| desk.root().to_path_buf());
    root.file_name().map_or_else(
        || root.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Decisions for the tests of export and stats.
#[cfg(test)]
pub(crate) mod testing {
    use crate::model::{Decision, EventFields, Provenance, Status};

    /// A decision on `a#x1` by `reviewer` at `at` (RFC 3339), nothing corrected.
    pub fn decision(status: Status, reviewer: &str, at: &str, fields: EventFields) -> Decision {
        Decision::new(
            "a#x1",
            status,
            reviewer,
            at.parse().expect("test times are RFC 3339"),
            Provenance::builtin(),
            fields,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventFields, Field, Provenance};

    fn decided(status: Status, reviewer: &str, country: &str, date: &str) -> ReviewEvent {
        let mut fields = EventFields::default();
        fields.set(Field::Country, country).unwrap();
        fields.set(Field::EventDate, date).unwrap();
        let at = "2023-11-20T09:00:00Z";
        ReviewEvent {
            candidate: None,
            decision: Some(testing::decision(status, reviewer, at, fields)),
        }
    }

    fn candidate_file(notes: &str) -> String {
        let file = crate::desk::CandidateFile {
            article: "a".into(),
            extractor: Provenance::builtin(),
            events: ["a#x2", "a#\"q\"", "a#x1"]
                .into_iter()
                .map(|id| crate::model::Candidate {
                    id: id.into(),
                    background: false,
                    confidence: 0.5,
                    fields: EventFields {
                        notes: Some(notes.into()),
                        ..EventFields::default()
                    },
                    evidence: Default::default(),
                    field_confidence: Default::default(),
                    casualties: Default::default(),
                })
                .collect(),
        };
        crate::desk::render_candidates(&file).unwrap()
    }

    #[test]
    fn candidate_ids_are_scanned_in_file_order() {
        let ids = scan_candidate_ids(&candidate_file("plain")).unwrap();
        assert_eq!(ids, ["a#x2", "a#\"q\"", "a#x1"]);
        // A note holding a `[[event]]` line defeats the scan: full parse then.
        assert_eq!(
            scan_candidate_ids(&candidate_file("multi\n[[event]]\nline")),
            None
        );
    }

    #[test]
    fn decided_events_follow_the_extractor_order() {
        let mut first = decided(Status::Added, "a", "Niger", "2023-08-15");
        let mut second = decided(Status::Confirmed, "a", "Niger", "2023-08-15");
        let mut third = decided(Status::Confirmed, "a", "Niger", "2023-08-15");
        for (event, id) in [
            (&mut first, "a#a1"),
            (&mut second, "a#x2"),
            (&mut third, "a#x1"),
        ] {
            if let Some(decision) = event.decision.as_mut() {
                decision.id = id.into();
            }
        }
        let order = in_event_order(vec![first, second, third], &["a#x1".into(), "a#x2".into()]);
        let ids: Vec<&str> = order.iter().map(ReviewEvent::id).collect();
        assert_eq!(ids, ["a#x1", "a#x2", "a#a1"]);
    }

    #[test]
    fn default_filter_keeps_curated_statuses_only() {
        let filter = Filter::default();
        assert!(filter.keeps(&decided(Status::Confirmed, "a", "Niger", "2023-08-15")));
        assert!(filter.keeps(&decided(Status::Added, "a", "Niger", "2023-08-15")));
        assert!(!filter.keeps(&decided(Status::Rejected, "a", "Niger", "2023-08-15")));
        assert!(!filter.wants_pending());
        assert!(Filter::all().keeps(&decided(Status::Rejected, "a", "Niger", "2023-08-15")));
    }

    #[test]
    fn date_bounds_are_inclusive_and_need_a_date() {
        let filter = Filter {
            since: Some(jiff::civil::date(2023, 8, 15)),
            until: Some(jiff::civil::date(2023, 8, 31)),
            ..Filter::default()
        };
        assert!(filter.keeps(&decided(Status::Confirmed, "a", "Niger", "2023-08-15")));
        assert!(filter.keeps(&decided(Status::Confirmed, "a", "Niger", "2023-08-31")));
        assert!(!filter.keeps(&decided(Status::Confirmed, "a", "Niger", "2023-08-14")));
        assert!(!filter.keeps(&decided(Status::Confirmed, "a", "Niger", "2023-09-01")));
        assert!(!filter.keeps(&decided(Status::Confirmed, "a", "Niger", "")));
    }

    #[test]
    fn country_ignores_case_and_reviewer_must_match() {
        let filter = Filter {
            countries: vec!["niger".into(), "Mali".into()],
            reviewers: vec!["bob".into()],
            ..Filter::default()
        };
        assert!(filter.keeps(&decided(Status::Confirmed, "bob", "NIGER", "2023-08-15")));
        assert!(!filter.keeps(&decided(Status::Confirmed, "alice", "Niger", "2023-08-15")));
        assert!(!filter.keeps(&decided(Status::Confirmed, "bob", "Nigeria", "2023-08-15")));
    }
}
