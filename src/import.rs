//! `factdesk import FILE [DIR]`: candidate events from an external
//! extractor (an LLM pipeline, a spaCy model), as JSON Lines.
//!
//! One JSON object per line, one event per object (blank lines are
//! skipped; `-` reads standard input). The schema, documented with an
//! example in `docs/import.md`:
//!
//! ```json
//! {"article": "000_6c3fd43af7480c36",
//!  "extractor": {"name": "llm-pipeline", "version": "2024-05"},
//!  "id": "e1",
//!  "confidence": 0.82,
//!  "background": false,
//!  "fields": {"event_type": "Battles", "event_date": "2023-08-15", "fatalities": 17},
//!  "evidence": [{"field": "fatalities", "quote": "17 of its soldiers"},
//!               {"field": "location", "bytes": [427, 436]},
//!               {"field": "event_date", "chars": [10, 19]}],
//!  "field_confidence": {"fatalities": 0.9}}
//! ```
//!
//! - `article` (required): an article id of the desk (`articles/<id>.txt`).
//! - `extractor` (required): `name` and optional `version`, recorded as the
//!   candidates' provenance.
//! - `id` (optional): the extractor's own stable id for the event, letters,
//!   digits, `.`, `_`, `-`. Without one, the id is a hash of the event's
//!   content, so re-importing the same event keeps its id (and the
//!   analyst's decision on it) and a changed event gets a new one instead
//!   of inheriting a decision made on something else. The event id is
//!   `<article>#<extractor name>-<id or hash>`.
//! - `confidence` (optional, 0 to 1, default 0.5), `background` (optional).
//! - `fields`: the event record's fields (SPEC.md) by name; strings or
//!   numbers, validated as `:set` validates them; `null` leaves a field empty.
//! - `evidence`: per field, one of `bytes` or `chars` (`[start, end)` of
//!   the article body after its front matter, in bytes or in characters)
//!   or `quote` (exact text found in the article; `occurrence`, 1-based,
//!   picks a later match).
//! - `field_confidence` (optional): per field, 0 to 1.
//!
//! Each bad line is reported as `FILE:LINE:COLUMN: reason` and skipped; the
//! good lines are imported. An article's candidates come from one extractor
//! at a time: the import replaces the article's `extracted/<id>.toml`
//! (whichever extractor wrote it). Decisions in `reviewed/` are never
//! touched: a decision on an event the new candidates no longer propose is
//! kept, and the review shows it as decided.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::desk::{CandidateFile, Desk, DeskError, LockOutcome, Problem, line_column};
use crate::model::{Candidate, EventFields, Evidence, Field, Provenance, Span};

/// The command line of `factdesk import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// A JSON Lines file of candidate events (see docs/import.md), or `-`
    /// for standard input.
    pub file: PathBuf,
    /// The desk directory.
    #[arg(default_value = "data")]
    pub dir: PathBuf,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Articles whose candidates were written.
    pub articles: usize,
    pub events: usize,
    /// Articles whose earlier candidates (from which extractor) were replaced.
    pub replaced: Vec<(String, Provenance)>,
    /// Decisions on events the new candidates no longer propose; kept.
    pub kept_decisions: usize,
    /// One per refused line (or file), in line order.
    pub problems: Vec<Problem>,
}

/// Why the import could not run at all (bad lines are not this).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Desk(#[from] DeskError),
    #[error("{0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0} is open by {1}; try again when it is closed")]
    Locked(PathBuf, String),
}

impl ImportArgs {
    /// Takes the desk lock, reads FILE and imports it.
    pub fn run(&self) -> Result<ImportReport, ImportError> {
        let desk = Desk::open(&self.dir)?;
        let who = std::env::var("USER").unwrap_or_else(|_| "factdesk import".to_string());
        let _lock = match desk.lock(&who)? {
            LockOutcome::Acquired(lock) => lock,
            LockOutcome::HeldBy(holder) => {
                return Err(ImportError::Locked(self.dir.clone(), holder));
            }
        };
        let bytes = if self.file.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|err| ImportError::Read(self.file.clone(), err))?;
            bytes
        } else {
            std::fs::read(&self.file).map_err(|err| ImportError::Read(self.file.clone(), err))?
        };
        let name = if self.file.as_os_str() == "-" {
            Path::new("<stdin>")
        } else {
            &self.file
        };
        Ok(import(&desk, name, &bytes))
    }
}

/// One line of the import file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    article: String,
    extractor: ExtractorName,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    confidence: Option<f32>,
    #[serde(default)]
    background: bool,
    #[serde(default)]
    fields: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    evidence: Vec<EvidenceItem>,
    #[serde(default)]
    field_confidence: BTreeMap<String, f32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractorName {
    name: String,
    #[serde(default)]
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceItem {
    field: String,
    #[serde(default)]
    bytes: Option<(usize, usize)>,
    #[serde(default)]
    chars: Option<(usize, usize)>,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    occurrence: Option<usize>,
}

/// A line that parsed, with where it came from.
struct Parsed<'a> {
    number: usize,
    text: &'a str,
    line: Line,
}

/// A refusal of one line: the reason, and the JSON key it concerns (to
/// point the column at it).
struct Refusal {
    key: Option<String>,
    message: String,
}

impl Refusal {
    fn at(key: &str, message: impl fmt::Display) -> Self {
        Refusal {
            key: Some(key.to_string()),
            message: message.to_string(),
        }
    }
}

/// Imports the JSON Lines in `bytes` (read from `path`, named in problems)
/// into `desk`. Never fails as a whole: every refusal is a problem.
pub fn import(desk: &Desk, path: &Path, bytes: &[u8]) -> ImportReport {
    let mut report = ImportReport::default();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let prefix = String::from_utf8_lossy(&bytes[..err.valid_up_to()]);
            report.problems.push(Problem::at_offset(
                path,
                &prefix,
                prefix.len(),
                "the file is not valid UTF-8",
            ));
            return report;
        }
    };
    let mut by_article: BTreeMap<String, Vec<Parsed>> = BTreeMap::new();
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(raw) {
            Ok(line) if desk.article_index(&line.article).is_none() => {
                let refusal = Refusal::at(
                    "article",
                    format!("no article `{}` in this desk", line.article),
                );
                report.problems.push(problem(path, number, raw, refusal));
            }
            Ok(line) => by_article
                .entry(line.article.clone())
                .or_default()
                .push(Parsed {
                    number,
                    text: raw,
                    line,
                }),
            Err(err) => report.problems.push(json_problem(path, number, raw, &err)),
        }
    }
    let outcomes: Vec<ArticleOutcome> = by_article
        .par_iter()
        .map(|(article, lines)| import_article(desk, path, article, lines))
        .collect();
    for outcome in outcomes {
        if outcome.events > 0 {
            report.articles += 1;
            report.events += outcome.events;
        }
        report.replaced.extend(outcome.replaced);
        report.kept_decisions += outcome.kept_decisions;
        report.problems.extend(outcome.problems);
    }
    report
        .problems
        .sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    report
}

#[derive(Default)]
struct ArticleOutcome {
    events: usize,
    replaced: Option<(String, Provenance)>,
    kept_decisions: usize,
    problems: Vec<Problem>,
}

/// Builds and writes one article's candidates from its lines.
fn import_article(desk: &Desk, path: &Path, article: &str, lines: &[Parsed]) -> ArticleOutcome {
    let mut outcome = ArticleOutcome::default();
    let refuse_all = |outcome: &mut ArticleOutcome, message: String| {
        for parsed in lines {
            let refusal = Refusal::at("article", &message);
            outcome
                .problems
                .push(problem(path, parsed.number, parsed.text, refusal));
        }
    };
    let text = match desk.load_article(article) {
        Ok(loaded) => loaded.text,
        Err(err) => {
            refuse_all(&mut outcome, format!("cannot read the article: {err}"));
            return outcome;
        }
    };
    let previous = match desk.load_candidates(article) {
        Ok(previous) => previous,
        Err(err) => {
            refuse_all(
                &mut outcome,
                format!("its candidates file is bad and is left as it is: {err}"),
            );
            return outcome;
        }
    };
    let Some(first) = lines.first() else {
        return outcome;
    };
    let extractor = Provenance {
        extractor: first.line.extractor.name.trim().to_string(),
        version: first.line.extractor.version.trim().to_string(),
    };
    let mut events: Vec<Candidate> = Vec::new();
    let mut tags: HashMap<String, usize> = HashMap::new();
    for parsed in lines {
        let result = check_extractor(&parsed.line, &extractor)
            .and_then(|()| candidate(article, &extractor.extractor, &parsed.line, &text));
        match result {
            Ok(mut candidate) => {
                let seen = tags.entry(candidate.id.clone()).or_default();
                *seen += 1;
                if *seen > 1 {
                    if parsed.line.id.is_some() {
                        let refusal =
                            Refusal::at("id", format!("event id `{}` is used twice", candidate.id));
                        outcome
                            .problems
                            .push(problem(path, parsed.number, parsed.text, refusal));
                        continue;
                    }
                    // The same event twice: number the repeats.
                    candidate.id = format!("{}-{seen}", candidate.id);
                }
                events.push(candidate);
            }
            Err(refusal) => {
                outcome
                    .problems
                    .push(problem(path, parsed.number, parsed.text, refusal))
            }
        }
    }
    if events.is_empty() {
        return outcome;
    }
    let file = CandidateFile {
        article: article.to_string(),
        extractor,
        events,
    };
    if let Err(err) = desk.save_candidates(&file) {
        refuse_all(&mut outcome, format!("cannot write the candidates: {err}"));
        return outcome;
    }
    outcome.events = file.events.len();
    outcome.replaced = previous.map(|previous| (article.to_string(), previous.extractor));
    outcome.kept_decisions = desk.load_decisions(article).map_or(0, |decisions| {
        decisions
            .events
            .iter()
            .filter(|d| d.status != crate::model::Status::Added)
            .filter(|d| !file.events.iter().any(|c| c.id == d.id))
            .count()
    });
    outcome
}

fn check_extractor(line: &Line, extractor: &Provenance) -> Result<(), Refusal> {
    if line.extractor.name.trim().is_empty() {
        return Err(Refusal::at("extractor", "extractor.name is empty"));
    }
    if line.extractor.name.trim() != extractor.extractor
        || line.extractor.version.trim() != extractor.version
    {
        return Err(Refusal::at(
            "extractor",
            format!(
                "this article's events in this file come from {}; an article's candidates \
                 come from one extractor at a time",
                describe(extractor)
            ),
        ));
    }
    Ok(())
}

/// The candidate a line describes, validated against the article text.
fn candidate(
    article: &str,
    extractor: &str,
    line: &Line,
    text: &str,
) -> Result<Candidate, Refusal> {
    let mut fields = EventFields::default();
    let mut values: Vec<(Field, String)> = Vec::new();
    for (name, value) in &line.fields {
        let field: Field = name.parse().map_err(|err| Refusal::at(name, err))?;
        let value = match value {
            serde_json::Value::Null => continue,
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Number(number) => number.to_string(),
            _ => {
                return Err(Refusal::at(
                    name,
                    format!("{name}: give a string or a number"),
                ));
            }
        };
        values.push((field, value));
    }
    // Field order: the event type before its sub-type.
    values.sort_by_key(|(field, _)| *field);
    for (field, value) in values {
        fields
            .set(field, &value)
            .map_err(|err| Refusal::at(field.name(), err))?;
    }
    let mut evidence = Evidence::new();
    for item in &line.evidence {
        let field: Field = item
            .field
            .parse()
            .map_err(|err| Refusal::at("evidence", err))?;
        let span = locate(item, text).map_err(|message| {
            let key = item.quote.as_deref().unwrap_or("evidence");
            Refusal::at(key, format!("evidence for {field}: {message}"))
        })?;
        evidence.entry(field).or_default().push(span);
    }
    let confidence = line.confidence.unwrap_or(0.5);
    if !(0.0..=1.0).contains(&confidence) {
        return Err(Refusal::at(
            "confidence",
            "confidence must be between 0 and 1",
        ));
    }
    let mut field_confidence = BTreeMap::new();
    for (name, &value) in &line.field_confidence {
        let field: Field = name
            .parse()
            .map_err(|err| Refusal::at("field_confidence", err))?;
        if !(0.0..=1.0).contains(&value) {
            return Err(Refusal::at(
                "field_confidence",
                format!("field_confidence.{name} must be between 0 and 1"),
            ));
        }
        field_confidence.insert(field, value);
    }
    let tag = match &line.id {
        Some(id) if is_tag(id) => id.clone(),
        Some(id) => {
            return Err(Refusal::at(
                "id",
                format!("id `{id}`: use letters, digits, `.`, `_` or `-`"),
            ));
        }
        None => format!(
            "h{:016x}",
            content_hash(&fields, &evidence, line.background)
        ),
    };
    Ok(Candidate {
        id: format!("{article}#{}-{tag}", slug(extractor)),
        background: line.background,
        confidence,
        fields,
        evidence,
        field_confidence,
        casualties: BTreeMap::new(),
    })
}

/// The byte span an evidence item points at, or why it points nowhere.
fn locate(item: &EvidenceItem, text: &str) -> Result<Span, String> {
    let span = match (&item.bytes, &item.chars, &item.quote) {
        (Some((start, end)), None, None) => Span::new(*start, *end),
        (None, Some((start, end)), None) => {
            let byte_of = |char_index: usize| {
                text.char_indices()
                    .map(|(byte, _)| byte)
                    .chain(std::iter::once(text.len()))
                    .nth(char_index)
                    .ok_or_else(|| {
                        format!(
                            "character {char_index} is past the end ({} characters)",
                            text.chars().count()
                        )
                    })
            };
            Span::new(byte_of(*start)?, byte_of(*end)?)
        }
        (None, None, Some(quote)) => {
            if quote.is_empty() {
                return Err("the quote is empty".to_string());
            }
            let occurrence = item.occurrence.unwrap_or(1);
            let start = text
                .match_indices(quote.as_str())
                .nth(occurrence.saturating_sub(1))
                .map(|(start, _)| start)
                .ok_or_else(|| {
                    format!("quote {quote:?} (occurrence {occurrence}) is not in the article text")
                })?;
            Span::new(start, start + quote.len())
        }
        _ => return Err("give exactly one of `bytes`, `chars` or `quote`".to_string()),
    };
    if span.is_empty() || span.slice(text).is_none() {
        return Err(format!(
            "[{}, {}] does not fit the article text ({} bytes; ranges must be non-empty and \
             on character boundaries)",
            span.start,
            span.end,
            text.len()
        ));
    }
    Ok(span)
}

/// `name version`, or just `name` when there is no version.
pub fn describe(extractor: &Provenance) -> String {
    if extractor.version.is_empty() {
        extractor.extractor.clone()
    } else {
        format!("{} {}", extractor.extractor, extractor.version)
    }
}

fn is_tag(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The extractor's name as it appears in event ids.
fn slug(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// FNV-1a over the event's content: stable across runs and Rust versions
/// (unlike `std`'s hasher), so re-imports give the same ids.
fn content_hash(fields: &EventFields, evidence: &Evidence, background: bool) -> u64 {
    let content = serde_json::to_string(&(fields, evidence, background)).unwrap_or_default();
    content.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A problem on line `number`, at the first mention of the refused key.
fn problem(path: &Path, number: usize, raw: &str, refusal: Refusal) -> Problem {
    let offset = refusal
        .key
        .and_then(|key| raw.find(&serde_json::to_string(&key).unwrap_or_default()))
        .unwrap_or(0);
    Problem {
        path: path.to_path_buf(),
        line: number,
        column: line_column(raw, offset).1,
        message: refusal.message,
    }
}

/// A JSON syntax or schema error; serde_json's column counts bytes.
fn json_problem(path: &Path, number: usize, raw: &str, err: &serde_json::Error) -> Problem {
    let offset = err.column().saturating_sub(1);
    let message = err.to_string();
    // "... at line 1 column 9": the position is given in the prefix already.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(reason, _)| reason)
        .to_string();
    Problem {
        path: path.to_path_buf(),
        line: number,
        column: line_column(raw, offset).1,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Niger's junta said 17 of its soldiers died near Koutougou. Koutougou é 17.";

    fn item(json: &str) -> EvidenceItem {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn evidence_by_bytes_chars_and_quote() {
        let by_bytes = locate(&item(r#"{"field": "fatalities", "bytes": [19, 21]}"#), TEXT);
        assert_eq!(by_bytes.unwrap().slice(TEXT), Some("17"));
        let quote = locate(
            &item(r#"{"field": "location", "quote": "Koutougou"}"#),
            TEXT,
        )
        .unwrap();
        assert_eq!(quote.start, TEXT.find("Koutougou").unwrap());
        let second = item(r#"{"field": "location", "quote": "Koutougou", "occurrence": 2}"#);
        assert_eq!(
            locate(&second, TEXT).unwrap().start,
            TEXT.rfind("Koutougou").unwrap()
        );
        // After the two-byte é, characters and bytes part ways.
        let chars = TEXT.chars().count();
        let last = item(&format!(
            r#"{{"field": "fatalities", "chars": [{}, {}]}}"#,
            chars - 3,
            chars - 1
        ));
        assert_eq!(locate(&last, TEXT).unwrap().slice(TEXT), Some("17"));
    }

    #[test]
    fn evidence_that_points_nowhere_is_refused() {
        for bad in [
            r#"{"field": "fatalities", "bytes": [70, 999]}"#,
            r#"{"field": "fatalities", "bytes": [5, 5]}"#,
            r#"{"field": "fatalities", "quote": "18 soldiers"}"#,
            r#"{"field": "fatalities", "quote": "Koutougou", "occurrence": 3}"#,
            r#"{"field": "fatalities", "chars": [0, 999]}"#,
            r#"{"field": "fatalities", "quote": "17", "bytes": [19, 21]}"#,
            r#"{"field": "fatalities"}"#,
        ] {
            assert!(locate(&item(bad), TEXT).is_err(), "{bad}");
        }
        // The é is two bytes: a byte range may not cut it.
        let e = TEXT.find('é').unwrap();
        let cut = item(&format!(
            r#"{{"field": "notes", "bytes": [{}, {}]}}"#,
            e,
            e + 1
        ));
        assert!(locate(&cut, TEXT).is_err());
    }

    fn imported(fields: &str) -> Candidate {
        let line: Line = serde_json::from_str(&format!(
            r#"{{"article": "a", "extractor": {{"name": "My LLM"}}, "fields": {fields}}}"#
        ))
        .unwrap();
        candidate("a", "My LLM", &line, TEXT)
            .map_err(|r| r.message)
            .unwrap()
    }

    #[test]
    fn ids_are_stable_and_namespaced_by_extractor() {
        let one = imported(r#"{"fatalities": 17}"#);
        assert_eq!(one.id, imported(r#"{"fatalities": 17}"#).id);
        assert!(one.id.starts_with("a#my-llm-h"), "{}", one.id);
        assert_ne!(one.id, imported(r#"{"fatalities": 18}"#).id);
    }

    #[test]
    fn fields_are_validated_like_set() {
        let parse = |fields: &str| {
            let line: Line = serde_json::from_str(&format!(
                r#"{{"article": "a", "extractor": {{"name": "x"}}, "fields": {fields}}}"#
            ))
            .unwrap();
            candidate("a", "x", &line, TEXT).map_err(|r| r.message)
        };
        let ok = parse(r#"{"sub_event_type": "Armed clash", "event_type": "battles", "latitude": 14.63251, "admin2": null}"#)
            .unwrap();
        assert_eq!(ok.fields.event_type, Some(crate::model::EventType::Battles));
        assert_eq!(ok.fields.latitude, Some(14.6325));
        assert!(parse(r#"{"fatalities": -1}"#).is_err());
        assert!(parse(r#"{"fatalities": 1.5}"#).is_err());
        assert!(parse(r#"{"event_date": "2023-02-30"}"#).is_err());
        assert!(
            parse(r#"{"fatality": 3}"#)
                .unwrap_err()
                .contains("unknown field")
        );
        assert!(parse(r#"{"event_type": "Battles", "sub_event_type": "Attack"}"#).is_err());
        assert!(parse(r#"{"notes": ["a"]}"#).is_err());
    }

    #[test]
    fn columns_point_at_the_refused_key_in_characters() {
        let raw = r#"{"article": "é", "fields": {"fatalities": "x"}}"#;
        let refusal = Refusal::at("fatalities", "bad");
        let found = problem(Path::new("f.jsonl"), 4, raw, refusal);
        assert_eq!((found.line, found.column), (4, 29));
        let Err(err) = serde_json::from_str::<Line>(r#"{"article": "é", oops}"#) else {
            panic!("not JSON");
        };
        let found = json_problem(Path::new("f.jsonl"), 2, r#"{"article": "é", oops}"#, &err);
        assert_eq!(found.to_string(), "f.jsonl:2:18: key must be a string");
    }
}
