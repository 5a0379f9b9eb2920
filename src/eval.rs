//! `factdesk eval`: the extractor measured against the analysts' decisions.
//!
//! **Gold.** In every article that has decisions, the confirmed, corrected
//! and added events are the gold, with their fields as reviewed. Rejected
//! events are not gold, so an extracted event that matches nothing counts
//! against precision. Articles without any decision are not judged.
//!
//! **Predictions.** By default the built-in extractor runs afresh on every
//! judged article (the desk's `gazetteer.toml` and `actors.toml` apply), so
//! the figures are those of the extractor as built; with `--saved` the
//! candidates stored in `extracted/` are judged instead (e.g. those of an
//! imported extractor).
//!
//! **Matching.** Events are matched within one article only. Every pair of
//! a gold and a predicted event gets a score:
//!
//! - 3 when their evidence overlaps: a byte range given for the event
//!   type, fatalities, wounded or notes of one overlaps such a range of the
//!   other (the anchor of the incident; the country's range is often shared
//!   by several events, so it does not count);
//! - 1 for each of event date (at the gold's time precision), place (location, or admin1 when either has
//!   no location), fatalities and event type on which they agree.
//!
//! A pair with a score of at least 2 may match: overlapping evidence, or
//! two agreements (for gold events added without evidence). Pairs are then
//! taken greedily, highest score first (ties: earlier gold event, then
//! earlier predicted event), each event at most once. Event precision is
//! matched / predicted, recall matched / gold.
//!
//! **Fields.** For each matched pair and each field the gold event has a
//! value for, the prediction is right when it has the same value: text
//! compared without case or accents, numbers exactly, dates at the gold's
//! time precision (the day; within 7 days for a week; the month). A
//! field's accuracy is right / (matched pairs whose gold has that field).

use std::fmt::Write as _;

use serde::Serialize;

use crate::desk::{Desk, DeskError};
use crate::extract::batch::{BatchError, Resources};
use crate::extract::{ArticleText, extract_guarded};
use crate::model::{Candidate, Decision, EventFields, Evidence, Field, Span};

/// The fields judged, in the order they are reported.
pub const FIELDS: [Field; 9] = [
    Field::EventType,
    Field::SubEventType,
    Field::EventDate,
    Field::Country,
    Field::Admin1,
    Field::Location,
    Field::Fatalities,
    Field::Actor1,
    Field::Actor2,
];

/// Evidence of these fields anchors an event in the text.
const ANCHOR_FIELDS: [Field; 4] = [
    Field::EventType,
    Field::Fatalities,
    Field::Wounded,
    Field::Notes,
];

/// Where predictions come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Predictions {
    /// Run the built-in extractor now.
    Fresh,
    /// The candidates saved in `extracted/`.
    Saved,
}

/// One event as the judge sees it.
#[derive(Clone, Copy, Debug)]
pub struct Judged<'a> {
    pub fields: &'a EventFields,
    pub evidence: &'a Evidence,
}

impl<'a> From<&'a Candidate> for Judged<'a> {
    fn from(c: &'a Candidate) -> Self {
        Judged {
            fields: &c.fields,
            evidence: &c.evidence,
        }
    }
}

impl<'a> From<&'a Decision> for Judged<'a> {
    fn from(d: &'a Decision) -> Self {
        Judged {
            fields: &d.fields,
            evidence: &d.evidence,
        }
    }
}

/// Accuracy of one field over the matched events.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldScore {
    pub field: Field,
    pub right: usize,
    /// Matched events whose gold has this field.
    pub judged: usize,
    pub accuracy: Option<f64>,
}

/// A gold or predicted event left unmatched, for the curious.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    pub article: String,
    /// "missed" (gold, not found) or "spurious" (predicted, not gold).
    pub kind: &'static str,
    pub summary: String,
}

/// A matched event whose field the prediction got wrong.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mismatch {
    pub article: String,
    pub field: Field,
    pub gold: String,
    pub predicted: Option<String>,
}

/// Event-level and field-level figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalReport {
    pub articles: usize,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub fields: Vec<FieldScore>,
    pub misses: Vec<Miss>,
    pub mismatches: Vec<Mismatch>,
}

/// Running totals while articles are judged.
#[derive(Default)]
pub struct Tally {
    articles: usize,
    gold: usize,
    predicted: usize,
    matched: usize,
    right: [usize; FIELDS.len()],
    judged: [usize; FIELDS.len()],
    misses: Vec<Miss>,
    mismatches: Vec<Mismatch>,
}

impl Tally {
    /// Judges one article's predicted events against its gold events.
    pub fn add(&mut self, article: &str, gold: &[Judged<'_>], predicted: &[Judged<'_>]) {
        self.articles += 1;
        self.gold += gold.len();
        self.predicted += predicted.len();
        let pairs = match_events(gold, predicted);
        self.matched += pairs.len();
        for &(g, p) in &pairs {
            for (i, field) in FIELDS.iter().enumerate() {
                let Some(want) = gold[g].fields.get(*field) else {
                    continue;
                };
                self.judged[i] += 1;
                let got = predicted[p].fields.get(*field);
                let right = match field {
                    Field::EventDate => same_date(gold[g].fields, predicted[p].fields),
                    _ => got.as_deref().is_some_and(|got| same_value(&want, got)),
                };
                if right {
                    self.right[i] += 1;
                } else {
                    self.mismatches.push(Mismatch {
                        article: article.to_string(),
                        field: *field,
                        gold: want,
                        predicted: got,
                    });
                }
            }
        }
        let mut note = |kind, e: &Judged<'_>| {
            self.misses.push(Miss {
                article: article.to_string(),
                kind,
                summary: describe(e.fields),
            })
        };
        for (g, e) in gold.iter().enumerate() {
            if !pairs.iter().any(|&(pg, _)| pg == g) {
                note("missed", e);
            }
        }
        for (p, e) in predicted.iter().enumerate() {
            if !pairs.iter().any(|&(_, pp)| pp == p) {
                note("spurious", e);
            }
        }
    }

    pub fn report(self) -> EvalReport {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        EvalReport {
            articles: self.articles,
            gold: self.gold,
            predicted: self.predicted,
            matched: self.matched,
            precision: ratio(self.matched, self.predicted),
            recall: ratio(self.matched, self.gold),
            fields: FIELDS
                .iter()
                .enumerate()
                .map(|(i, &field)| FieldScore {
                    field,
                    right: self.right[i],
                    judged: self.judged[i],
                    accuracy: ratio(self.right[i], self.judged[i]),
                })
                .collect(),
            misses: self.misses,
            mismatches: self.mismatches,
        }
    }
}

/// Pairs (gold index, predicted index) by the rule in the module docs.
pub fn match_events(gold: &[Judged<'_>], predicted: &[Judged<'_>]) -> Vec<(usize, usize)> {
    let mut scored: Vec<(u32, usize, usize)> = Vec::new();
    for (g, ge) in gold.iter().enumerate() {
        for (p, pe) in predicted.iter().enumerate() {
            let score = pair_score(ge, pe);
            if score >= 2 {
                scored.push((score, g, p));
            }
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_gold = vec![false; gold.len()];
    let mut used_predicted = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (_, g, p) in scored {
        if !used_gold[g] && !used_predicted[p] {
            used_gold[g] = true;
            used_predicted[p] = true;
            pairs.push((g, p));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn pair_score(a: &Judged<'_>, b: &Judged<'_>) -> u32 {
    let anchors = |e: &Judged<'_>| -> Vec<Span> {
        ANCHOR_FIELDS
            .iter()
            .filter_map(|f| e.evidence.get(f))
            .flatten()
            .copied()
            .collect()
    };
    let (sa, sb) = (anchors(a), anchors(b));
    let overlap = sa.iter().any(|x| sb.iter().any(|y| x.overlaps(y)));
    let agree = |field: Field| match (a.fields.get(field), b.fields.get(field)) {
        (Some(x), Some(y)) => same_value(&x, &y),
        _ => false,
    };
    let place = if a.fields.location.is_some() && b.fields.location.is_some() {
        agree(Field::Location)
    } else {
        agree(Field::Admin1)
    };
    let agreements = [
        same_date(a.fields, b.fields),
        place,
        agree(Field::Fatalities),
        agree(Field::EventType),
    ];
    3 * u32::from(overlap) + agreements.iter().map(|&x| u32::from(x)).sum::<u32>()
}

/// The same date at the gold's time precision: the day (1), the week (2,
/// within 7 days) or the month (3).
fn same_date(gold: &EventFields, predicted: &EventFields) -> bool {
    let (Some(a), Some(b)) = (gold.event_date, predicted.event_date) else {
        return false;
    };
    match gold.time_precision.unwrap_or(1) {
        1 => a == b,
        2 => a.since(b).is_ok_and(|span| span.get_days().abs() <= 7),
        _ => (a.year(), a.month()) == (b.year(), b.month()),
    }
}

/// Equal without regard to case, accents, the apostrophe used or
/// surrounding spaces.
fn same_value(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

fn fold(s: &str) -> String {
    crate::extract::lexicon::strip_accents(s.trim())
        .to_lowercase()
        .replace('’', "'")
}

fn describe(f: &EventFields) -> String {
    let show = |field: Field| f.get(field).unwrap_or_else(|| "?".to_string());
    format!(
        "{} | {} | {} | {} killed",
        show(Field::EventDate),
        show(Field::SubEventType),
        f.location
            .as_deref()
            .or(f.admin1.as_deref())
            .or(f.country.as_deref())
            .unwrap_or("?"),
        show(Field::Fatalities),
    )
}

/// Why a desk could not be evaluated.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error(transparent)]
    Desk(#[from] DeskError),
    #[error(transparent)]
    Resources(#[from] BatchError),
}

/// Evaluates a desk: every article with decisions is judged.
pub fn eval_desk(desk: &Desk, predictions: Predictions) -> Result<EvalReport, EvalError> {
    let resources = match predictions {
        Predictions::Fresh => Some(Resources::of(desk)?),
        Predictions::Saved => None,
    };
    let mut tally = Tally::default();
    for id in desk.article_ids() {
        if !desk.decisions_path(id).exists() {
            continue;
        }
        let decisions = desk.load_decisions(id)?;
        if decisions.events.is_empty() {
            continue;
        }
        let gold: Vec<Judged<'_>> = decisions
            .events
            .iter()
            .filter(|d| d.status.is_curated())
            .map(Judged::from)
            .collect();
        let candidates = match &resources {
            Some(r) => {
                let article = desk.load_article(id)?;
                match ArticleText::of(&article) {
                    // An article the extractor fails on predicts nothing
                    // (its gold events count as missed) and is named.
                    Some(text) => {
                        extract_guarded(&text, r.gazetteer(), r.actors()).unwrap_or_else(|err| {
                            eprintln!("warning: {err}");
                            Vec::new()
                        })
                    }
                    None => Vec::new(),
                }
            }
            None => desk
                .load_candidates(id)?
                .map(|f| f.events)
                .unwrap_or_default(),
        };
        let predicted: Vec<Judged<'_>> = candidates.iter().map(Judged::from).collect();
        tally.add(id, &gold, &predicted);
    }
    Ok(tally.report())
}

/// The report as a table for the terminal.
pub fn render_table(report: &EvalReport) -> String {
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{:.1}%", x * 100.0));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} articles judged: {} gold events, {} predicted, {} matched",
        report.articles, report.gold, report.predicted, report.matched
    );
    let _ = writeln!(out, "event precision  {:>7}", pct(report.precision));
    let _ = writeln!(out, "event recall     {:>7}", pct(report.recall));
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<16} {:>8} {:>10}", "field", "accuracy", "right/n");
    for f in &report.fields {
        let _ = writeln!(
            out,
            "{:<16} {:>8} {:>10}",
            f.field.name(),
            pct(f.accuracy),
            format!("{}/{}", f.right, f.judged)
        );
    }
    out
}

/// The report as JSON (the same figures, plus the unmatched events).
pub fn render_json(report: &EvalReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventType;

    fn event(
        date: &str,
        location: &str,
        fatalities: u32,
        anchor: Option<(usize, usize)>,
    ) -> (EventFields, Evidence) {
        let mut fields = EventFields::default();
        fields.set(Field::EventDate, date).unwrap();
        fields.set(Field::Location, location).unwrap();
        fields.fatalities = Some(fatalities);
        fields.event_type = Some(EventType::Battles);
        let mut evidence = Evidence::new();
        if let Some((s, e)) = anchor {
            evidence.insert(Field::Notes, vec![Span::new(s, e)]);
            evidence.insert(Field::Country, vec![Span::new(0, 5)]);
        }
        (fields, evidence)
    }

    fn judged(events: &[(EventFields, Evidence)]) -> Vec<Judged<'_>> {
        events
            .iter()
            .map(|(fields, evidence)| Judged { fields, evidence })
            .collect()
    }

    #[test]
    fn evidence_overlap_matches_despite_wrong_fields() {
        let gold = [event("2023-08-15", "Koutougou", 17, Some((10, 50)))];
        let predicted = [event("2023-08-16", "Niamey", 117, Some((40, 90)))];
        assert_eq!(
            match_events(&judged(&gold), &judged(&predicted)),
            vec![(0, 0)]
        );
        // The better-scoring pair wins: overlap and type (4) over type,
        // date and place (3).
        let predicted = [
            event("2023-08-15", "Koutougou", 3, Some((200, 240))),
            event("2023-08-16", "Niamey", 117, Some((40, 90))),
        ];
        assert_eq!(
            match_events(&judged(&gold), &judged(&predicted)),
            vec![(0, 1)]
        );
    }

    #[test]
    fn a_shared_country_span_alone_does_not_match() {
        let gold = [event("2023-08-15", "Koutougou", 17, Some((10, 50)))];
        let predicted = [event("2023-09-01", "Tahoua", 3, Some((300, 340)))];
        // Both have country evidence [0, 5]; type agrees; that is 1 point.
        assert!(match_events(&judged(&gold), &judged(&predicted)).is_empty());
    }

    #[test]
    fn without_evidence_two_agreements_match_one_to_one() {
        let gold = [
            event("2023-08-15", "Koutougou", 17, None),
            event("2023-09-28", "Kandadji", 12, None),
        ];
        let predicted = [
            event("2023-09-28", "Tillabéri", 12, None),
            event("2023-08-15", "koutougou", 0, None),
        ];
        assert_eq!(
            match_events(&judged(&gold), &judged(&predicted)),
            vec![(0, 1), (1, 0)]
        );
    }

    #[test]
    fn tally_counts_precision_recall_and_fields() {
        let gold = [
            event("2023-08-15", "Koutougou", 17, None),
            event("2023-09-28", "Kandadji", 12, None),
        ];
        let predicted = [
            event("2023-08-15", "Koutougou", 18, None),
            event("2020-01-01", "Paris", 1, None),
        ];
        let mut tally = Tally::default();
        tally.add("a", &judged(&gold), &judged(&predicted));
        let report = tally.report();
        assert_eq!((report.gold, report.predicted, report.matched), (2, 2, 1));
        assert_eq!(report.precision, Some(0.5));
        assert_eq!(report.recall, Some(0.5));
        let score = |f: Field| report.fields.iter().find(|s| s.field == f).unwrap().clone();
        assert_eq!(
            (score(Field::Location).right, score(Field::Location).judged),
            (1, 1)
        );
        assert_eq!(
            (
                score(Field::Fatalities).right,
                score(Field::Fatalities).judged
            ),
            (0, 1)
        );
        assert_eq!(score(Field::Country).judged, 0);
        assert_eq!(score(Field::Country).accuracy, None);
        assert_eq!(report.misses.len(), 2);
        let table = render_table(&report);
        assert!(table.contains("event recall"), "{table}");
        assert!(table.contains("fatalities"), "{table}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&report)).unwrap();
        assert_eq!(json["matched"], 1);
        assert_eq!(json["fields"][6]["field"], "fatalities");
    }
}
