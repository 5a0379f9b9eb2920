//! `factdesk stats [DIR] [--json]`: where a desk stands. Events per
//! status, event type, country and reviewer; progress; the pace of review
//! from the recorded decision times; and the fields analysts correct most
//! often, which is where the extractor is weakest.
//!
//! Articles are read in parallel and tallied without keeping their events;
//! a candidates file is parsed only when some of its events are undecided
//! (see `export::article_events`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::desk::{Desk, DeskError};
use crate::export::article_events;
use crate::model::{Field, ReviewEvent, Status};

/// The key for events whose type or country is not known yet.
pub const UNKNOWN: &str = "(none)";

/// A desk's statistics, as `--json` prints them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    pub articles: usize,
    pub events: usize,
    /// Events with a decision (every status but pending).
    pub reviewed: usize,
    /// Every status, with zero counts too.
    pub per_status: BTreeMap<Status, usize>,
    pub per_event_type: BTreeMap<String, usize>,
    pub per_country: BTreeMap<String, usize>,
    pub per_reviewer: BTreeMap<String, ReviewerStats>,
    /// Decisions per hour in which anyone decided anything.
    pub decisions_per_hour: Option<f64>,
    /// Fields by how often analysts corrected them, most corrected first.
    pub corrections: Vec<FieldCorrections>,
}

/// One reviewer's work.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReviewerStats {
    pub decisions: usize,
    pub per_status: BTreeMap<Status, usize>,
    /// Clock hours (UTC) in which the reviewer recorded a decision.
    pub active_hours: usize,
    /// `decisions / active_hours`: the pace while at the desk.
    pub decisions_per_hour: f64,
}

/// How often one field was corrected.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldCorrections {
    pub field: Field,
    pub corrected: usize,
    /// Share of the extractor's events the analysts kept (confirmed or
    /// corrected) in which this field had to be corrected.
    pub rate: f64,
}

/// Counts gathered from articles; merged across threads.
#[derive(Default)]
struct Tally {
    articles: usize,
    per_status: BTreeMap<Status, usize>,
    per_event_type: BTreeMap<String, usize>,
    per_country: BTreeMap<String, usize>,
    per_reviewer: BTreeMap<String, BTreeMap<Status, usize>>,
    /// (reviewer, hour since the epoch) of each decision.
    hours: BTreeSet<(String, i64)>,
    corrected: BTreeMap<Field, usize>,
}

impl Tally {
    fn add(mut self, event: &ReviewEvent) -> Tally {
        let status = event.status();
        *self.per_status.entry(status).or_default() += 1;
        let fields = event.fields();
        let event_type = fields.event_type.map_or(UNKNOWN, |t| t.name());
        *self
            .per_event_type
            .entry(event_type.to_string())
            .or_default() += 1;
        let country = fields.country.as_deref().unwrap_or(UNKNOWN);
        *self.per_country.entry(country.to_string()).or_default() += 1;
        if let Some(decision) = &event.decision {
            let reviewer = self
                .per_reviewer
                .entry(decision.reviewer.clone())
                .or_default();
            *reviewer.entry(status).or_default() += 1;
            let hour = decision.decided_at.as_second().div_euclid(3600);
            self.hours.insert((decision.reviewer.clone(), hour));
            for &field in &decision.corrected {
                *self.corrected.entry(field).or_default() += 1;
            }
        }
        self
    }

    fn merge(mut self, other: Tally) -> Tally {
        fn sum<K: Ord>(into: &mut BTreeMap<K, usize>, from: BTreeMap<K, usize>) {
            for (key, count) in from {
                *into.entry(key).or_default() += count;
            }
        }
        self.articles += other.articles;
        sum(&mut self.per_status, other.per_status);
        sum(&mut self.per_event_type, other.per_event_type);
        sum(&mut self.per_country, other.per_country);
        for (reviewer, counts) in other.per_reviewer {
            sum(self.per_reviewer.entry(reviewer).or_default(), counts);
        }
        self.hours.extend(other.hours);
        sum(&mut self.corrected, other.corrected);
        self
    }

    fn finish(self) -> Stats {
        let mut per_status: BTreeMap<Status, usize> =
            Status::ALL.into_iter().map(|s| (s, 0)).collect();
        for (status, count) in &self.per_status {
            per_status.insert(*status, *count);
        }
        let events: usize = per_status.values().sum();
        let pending = per_status[&Status::Pending];
        let per_reviewer: BTreeMap<String, ReviewerStats> = self
            .per_reviewer
            .into_iter()
            .map(|(reviewer, per_status)| {
                let decisions = per_status.values().sum();
                let active_hours = self.hours.iter().filter(|(r, _)| *r == reviewer).count();
                let stats = ReviewerStats {
                    decisions,
                    per_status,
                    active_hours,
                    decisions_per_hour: rate(decisions, active_hours),
                };
                (reviewer, stats)
            })
            .collect();
        let desk_hours: BTreeSet<i64> = self.hours.iter().map(|(_, hour)| *hour).collect();
        let reviewed = events - pending;
        let kept = per_status[&Status::Confirmed] + per_status[&Status::Corrected];
        let mut corrections: Vec<FieldCorrections> = self
            .corrected
            .into_iter()
            .map(|(field, corrected)| FieldCorrections {
                field,
                corrected,
                rate: rate(corrected, kept),
            })
            .collect();
        corrections.sort_by(|a, b| b.corrected.cmp(&a.corrected).then(a.field.cmp(&b.field)));
        Stats {
            articles: self.articles,
            events,
            reviewed,
            per_status,
            per_event_type: self.per_event_type,
            per_country: self.per_country,
            per_reviewer,
            decisions_per_hour: (!desk_hours.is_empty()).then(|| rate(reviewed, desk_hours.len())),
            corrections,
        }
    }
}

fn rate(count: usize, per: usize) -> f64 {
    if per == 0 {
        0.0
    } else {
        count as f64 / per as f64
    }
}

/// Reads every article's events and counts them. A file that does not
/// parse stops the count with its `path:line:column`.
pub fn desk_stats(desk: &Desk) -> Result<Stats, DeskError> {
    let tally = desk
        .article_ids()
        .par_iter()
        .try_fold(Tally::default, |mut tally, id| {
            let decisions = desk.load_decisions(id)?.events;
            tally.articles += 1;
            let events = article_events(desk, id, decisions, true)?;
            Ok::<Tally, DeskError>(events.iter().fold(tally, Tally::add))
        })
        .try_reduce(Tally::default, |a, b| Ok(a.merge(b)))?;
    Ok(tally.finish())
}

/// The statistics as a few readable tables.
pub fn render_text(stats: &Stats) -> String {
    let mut out = String::new();
    let percent = |part: usize, whole: usize| 100.0 * rate(part, whole);
    let _ = writeln!(
        out,
        "{} articles, {} events; reviewed {} of {} ({:.1}%)",
        stats.articles,
        stats.events,
        stats.reviewed,
        stats.events,
        percent(stats.reviewed, stats.events)
    );
    if let Some(pace) = stats.decisions_per_hour {
        let _ = writeln!(out, "pace: {pace:.1} decisions per active hour");
    }
    let by_status: Vec<(String, usize)> = stats
        .per_status
        .iter()
        .map(|(status, count)| (status.to_string(), *count))
        .collect();
    table(&mut out, "status", &by_status);
    table(&mut out, "event type", &by_count(&stats.per_event_type));
    table(&mut out, "country", &by_count(&stats.per_country));
    if !stats.per_reviewer.is_empty() {
        let _ = writeln!(out, "\nreviewer");
        let width = stats.per_reviewer.keys().map(|r| r.chars().count()).max();
        for (reviewer, r) in &stats.per_reviewer {
            let _ = writeln!(
                out,
                "  {reviewer:<width$}  {:>7} decisions  {:>4} active hours  {:>6.1} per hour",
                r.decisions,
                r.active_hours,
                r.decisions_per_hour,
                width = width.unwrap_or(0)
            );
        }
    }
    if !stats.corrections.is_empty() {
        let _ = writeln!(
            out,
            "\nmost corrected fields (share of kept extractor events)"
        );
        for c in &stats.corrections {
            let _ = writeln!(
                out,
                "  {:<14}  {:>7}  {:>5.1}%",
                c.field.name(),
                c.corrected,
                100.0 * c.rate
            );
        }
    }
    out
}

/// Rows by descending count, then name.
fn by_count(counts: &BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut rows: Vec<(String, usize)> = counts.iter().map(|(k, v)| (k.clone(), *v)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

fn table(out: &mut String, title: &str, rows: &[(String, usize)]) {
    let _ = writeln!(out, "\n{title}");
    let width = rows.iter().map(|(name, _)| name.chars().count()).max();
    for (name, count) in rows {
        let _ = writeln!(
            out,
            "  {name:<width$}  {count:>7}",
            width = width.unwrap_or(0)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::testing;
    use crate::model::{Decision, EventFields};

    fn decided(status: Status, reviewer: &str, at: &str, corrected: Vec<Field>) -> ReviewEvent {
        let mut fields = EventFields::default();
        fields.set(Field::EventType, "Battles").unwrap();
        let decision = Decision {
            corrected,
            ..testing::decision(status, reviewer, at, fields)
        };
        ReviewEvent {
            candidate: None,
            decision: Some(decision),
        }
    }

    #[test]
    fn pace_counts_decisions_per_active_clock_hour() {
        let events = [
            decided(Status::Confirmed, "alice", "2023-11-20T09:05:00Z", vec![]),
            decided(Status::Confirmed, "alice", "2023-11-20T09:55:00Z", vec![]),
            decided(
                Status::Corrected,
                "alice",
                "2023-11-20T11:10:00Z",
                vec![Field::Fatalities],
            ),
            decided(Status::Rejected, "bob", "2023-11-20T09:30:00Z", vec![]),
        ];
        let stats = events.iter().fold(Tally::default(), Tally::add).finish();
        let alice = &stats.per_reviewer["alice"];
        assert_eq!((alice.decisions, alice.active_hours), (3, 2));
        assert_eq!(alice.decisions_per_hour, 1.5);
        // Desk-wide: 4 decisions in the hours 09 and 11.
        assert_eq!(stats.decisions_per_hour, Some(2.0));
        assert_eq!(stats.per_status[&Status::Pending], 0);
        assert_eq!(stats.reviewed, 4);
        // 1 correction among 3 kept extractor events.
        assert_eq!(stats.corrections[0].field, Field::Fatalities);
        assert!((stats.corrections[0].rate - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(stats.per_event_type["Battles"], 4);
        assert_eq!(stats.per_country[UNKNOWN], 4);
    }

    #[test]
    fn merging_tallies_adds_them_up() {
        let one = decided(Status::Confirmed, "alice", "2023-11-20T09:05:00Z", vec![]);
        let two = decided(Status::Added, "alice", "2023-11-20T09:15:00Z", vec![]);
        let merged = Tally::default()
            .add(&one)
            .merge(Tally::default().add(&two))
            .finish();
        let single = [one, two]
            .iter()
            .fold(Tally::default(), Tally::add)
            .finish();
        assert_eq!(merged, single);
        assert_eq!(merged.per_reviewer["alice"].active_hours, 1);
    }

    #[test]
    fn an_empty_desk_has_no_pace() {
        let stats = Tally::default().finish();
        assert_eq!(stats.decisions_per_hour, None);
        assert_eq!(stats.events, 0);
        assert!(render_text(&stats).contains("reviewed 0 of 0 (0.0%)"));
    }
}
