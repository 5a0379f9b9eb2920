//! How good the suggestions are, on a desk whose `gold.toml` says which
//! events are one real-world incident.
//!
//! For every event whose incident is reported by another article, the
//! suggestions are asked for as an analyst would (`LinkIndex::suggest`) and
//! counted right when an event of the same incident comes first (top-1) or
//! among the first three (top-3). Events of no incident are distractors:
//! they are never asked about, only suggested.
//!
//! ```toml
//! [[incident]]
//! name = "Koutougou ambush, 2023-08-15"
//! events = ["rfi-en#x1", "bbc-fr#x3"]
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::index::LinkIndex;
use crate::desk::{DeskError, Problem};

/// Known answers: the incidents and their events.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    pub incidents: Vec<Incident>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub name: String,
    pub events: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGold {
    #[serde(default)]
    incident: Vec<RawIncident>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    name: String,
    events: Vec<Spanned<String>>,
}

impl Gold {
    /// Reads a gold file; an event listed twice is an error at its place.
    pub fn load(path: &Path) -> Result<Gold, DeskError> {
        let text = std::fs::read_to_string(path).map_err(|source| DeskError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let raw: RawGold =
            toml::from_str(&text).map_err(|err| Problem::from_toml(path, &text, 0, &err))?;
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut incidents = Vec::new();
        for incident in raw.incident {
            let mut events = Vec::new();
            for event in incident.events {
                if let Some(other) = seen.insert(event.get_ref().clone(), incident.name.clone()) {
                    return Err(Problem::at_offset(
                        path,
                        &text,
                        event.span().start,
                        format!(
                            "event `{}` is already in incident `{other}`",
                            event.get_ref()
                        ),
                    )
                    .into());
                }
                events.push(event.into_inner());
            }
            incidents.push(Incident {
                name: incident.name,
                events,
            });
        }
        Ok(Gold { incidents })
    }
}

/// Top-1 and top-3 accuracy, and the queries that missed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EvalReport {
    pub queries: usize,
    pub top1: usize,
    pub top3: usize,
    pub misses: Vec<Miss>,
}

/// A query whose top suggestion was not of its incident.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Miss {
    pub event: String,
    pub incident: String,
    /// The first three suggestions and their scores.
    pub got: Vec<(String, f32)>,
    /// 1-based rank of the first right suggestion within the first three.
    pub rank: Option<usize>,
}

impl EvalReport {
    pub fn top1_rate(&self) -> f64 {
        rate(self.top1, self.queries)
    }

    pub fn top3_rate(&self) -> f64 {
        rate(self.top3, self.queries)
    }
}

fn rate(hits: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} queries; top-1 {}/{} ({:.1}%); top-3 {}/{} ({:.1}%)",
            self.queries,
            self.top1,
            self.queries,
            100.0 * self.top1_rate(),
            self.top3,
            self.queries,
            100.0 * self.top3_rate()
        )?;
        for miss in &self.misses {
            let got: Vec<String> = miss
                .got
                .iter()
                .map(|(event, score)| format!("{event} ({score:.1})"))
                .collect();
            let rank = miss
                .rank
                .map_or("not in top 3".to_string(), |r| format!("right at {r}"));
            writeln!(
                f,
                "  miss {} [{}]: {rank}; got {}",
                miss.event,
                miss.incident,
                got.join(", ")
            )?;
        }
        Ok(())
    }
}

/// Asks for suggestions for every event of a reported-twice incident.
/// Fails if a gold event is not in the index (a typo, or a rejected event).
pub fn evaluate(index: &LinkIndex, gold: &Gold) -> Result<EvalReport, String> {
    let incident_of: HashMap<&str, &Incident> = gold
        .incidents
        .iter()
        .flat_map(|i| i.events.iter().map(move |e| (e.as_str(), i)))
        .collect();
    let mut report = EvalReport {
        queries: 0,
        top1: 0,
        top3: 0,
        misses: Vec::new(),
    };
    for incident in &gold.incidents {
        for event in &incident.events {
            let query = index
                .get(event)
                .ok_or_else(|| format!("gold event `{event}` is not an event of the desk"))?;
            let reported_elsewhere = incident.events.iter().any(|other| {
                index
                    .get(other)
                    .is_some_and(|o| o.article() != query.article())
            });
            if !reported_elsewhere {
                continue;
            }
            report.queries += 1;
            let suggestions = index.suggest(query, 3);
            let rank = suggestions
                .iter()
                .position(|s| {
                    incident_of
                        .get(s.event.as_str())
                        .is_some_and(|i| i.name == incident.name)
                })
                .map(|i| i + 1);
            match rank {
                Some(1) => report.top1 += 1,
                _ => report.misses.push(Miss {
                    event: event.clone(),
                    incident: incident.name.clone(),
                    got: suggestions
                        .iter()
                        .map(|s| (s.event.clone(), s.score))
                        .collect(),
                    rank,
                }),
            }
            if rank.is_some() {
                report.top3 += 1;
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::link::LinkEvent;
    use crate::model::{EventFields, Field};

    fn event(id: &str, date: &str, toll: &str) -> LinkEvent {
        let mut fields = EventFields::default();
        for (field, value) in [
            (Field::Country, "Niger"),
            (Field::EventDate, date),
            (Field::Fatalities, toll),
        ] {
            fields.set(field, value).unwrap();
        }
        LinkEvent::new(id, &fields, false, &BTreeMap::new(), None, "")
    }

    fn gold(text: &str) -> Result<Gold, DeskError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.toml");
        std::fs::write(&path, text).unwrap();
        Gold::load(&path)
    }

    #[test]
    fn counts_hits_and_misses() {
        let index = LinkIndex::new([
            event("a#1", "2023-08-15", "17"),
            event("b#1", "2023-08-15", "17"),
            event("c#1", "2023-08-15", "5"),
            event("d#1", "2023-08-16", "5"),
            event("e#1", "2023-08-15", "5"),
        ]);
        let gold = gold(
            "[[incident]]\nname = \"one\"\nevents = [\"a#1\", \"b#1\"]\n\
             [[incident]]\nname = \"two\"\nevents = [\"c#1\", \"d#1\"]\n",
        )
        .unwrap();
        let report = evaluate(&index, &gold).unwrap();
        assert_eq!(report.queries, 4);
        // c#1's best match is e#1 (same day, same toll), a distractor.
        assert_eq!(report.top1, 3, "{report}");
        assert_eq!(report.top3, 4, "{report}");
        assert_eq!(report.misses[0].event, "c#1");
        assert_eq!(report.misses[0].rank, Some(2));
        assert!(
            report
                .to_string()
                .starts_with("4 queries; top-1 3/4 (75.0%)")
        );
    }

    #[test]
    fn bad_gold_is_located_or_refused() {
        let err = gold("[[incident]]\nname = \"x\"\nevents = [\"a#1\"]\n[[incident]]\nname = \"y\"\nevents = [\"a#1\"]\n")
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("gold.toml:6:11: event `a#1` is already"),
            "{err}"
        );
        let index = LinkIndex::new([event("a#1", "2023-08-15", "17")]);
        let unknown = gold("[[incident]]\nname = \"x\"\nevents = [\"zz#1\"]\n").unwrap();
        assert!(evaluate(&index, &unknown).is_err());
    }
}
