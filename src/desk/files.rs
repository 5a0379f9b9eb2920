//! The per-article TOML files: machine candidates (`extracted/<id>.toml`)
//! and the analysts' decisions (`reviewed/<id>.toml`).
//!
//! Both are written with a fixed key order (struct order, fields in SPEC
//! order) so that a save changes only the lines of the decision made.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::problem::Problem;
use crate::model::{Candidate, Decision, Provenance};

/// `extracted/<id>.toml`: what an extractor proposed for one article.
/// Regenerable; never hand-edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateFile {
    pub article: String,
    pub extractor: Provenance,
    #[serde(default, rename = "event")]
    pub events: Vec<Candidate>,
}

/// `reviewed/<id>.toml`: every decision made on one article's events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionFile {
    pub article: String,
    #[serde(default, rename = "event")]
    pub events: Vec<Decision>,
}

impl DecisionFile {
    pub fn empty(article: &str) -> Self {
        DecisionFile {
            article: article.to_string(),
            events: Vec::new(),
        }
    }

    pub fn get(&self, event_id: &str) -> Option<&Decision> {
        self.events.iter().find(|d| d.id == event_id)
    }

    /// Replaces the decision on `decision.id`, or appends it.
    pub fn upsert(&mut self, decision: Decision) {
        match self.events.iter_mut().find(|d| d.id == decision.id) {
            Some(slot) => *slot = decision,
            None => self.events.push(decision),
        }
    }

    pub fn remove(&mut self, event_id: &str) -> Option<Decision> {
        let index = self.events.iter().position(|d| d.id == event_id)?;
        Some(self.events.remove(index))
    }
}

const CANDIDATE_HEADER: &str = "# Machine candidates for one article, written by `factdesk extract` or \
`factdesk import`.\n# Regenerable: do not edit; decisions live in reviewed/.\n\n";
const DECISION_HEADER: &str = "# The analysts' decisions for one article, written by factdesk.\n\
# `fields` hold the values as reviewed; `original` the extractor's values of corrected fields.\n\n";

/// Serialises a desk file with its explanatory header.
pub fn render_candidates(file: &CandidateFile) -> Result<String, toml::ser::Error> {
    Ok(format!("{CANDIDATE_HEADER}{}", toml::to_string(file)?))
}

pub fn render_decisions(file: &DecisionFile) -> Result<String, toml::ser::Error> {
    Ok(format!("{DECISION_HEADER}{}", toml::to_string(file)?))
}

/// Parses a desk TOML file, turning errors into `path:line:column` problems.
pub fn parse_toml<T: for<'de> Deserialize<'de>>(path: &Path, text: &str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|err| Problem::from_toml(path, text, 0, &err))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{EventFields, Field, Span, Status};

    fn decision() -> Decision {
        let mut fields = EventFields::default();
        fields.set(Field::EventType, "Battles").unwrap();
        fields.set(Field::SubEventType, "Armed clash").unwrap();
        fields.set(Field::EventDate, "2023-08-15").unwrap();
        fields.set(Field::Fatalities, "18").unwrap();
        fields.set(Field::Latitude, "14.6325").unwrap();
        let original = EventFields {
            fatalities: Some(17),
            ..EventFields::default()
        };
        Decision {
            id: "a#x1".into(),
            status: Status::Corrected,
            reviewer: "alice".into(),
            decided_at: "2026-11-22T04:30:00Z".parse().unwrap(),
            background: false,
            flagged: false,
            reason: None,
            note: Some("toll \"updated\"".into()),
            provenance: Provenance::builtin(),
            fields,
            corrected: vec![Field::Fatalities],
            original,
            evidence: BTreeMap::from([(Field::Fatalities, vec![Span::new(3, 5)])]),
        }
    }

    #[test]
    fn decisions_round_trip_through_toml() {
        let mut file = DecisionFile::empty("a");
        file.upsert(decision());
        let text = render_decisions(&file).unwrap();
        assert!(text.contains("event_type = \"Battles\""), "{text}");
        assert!(text.contains("event_date = \"2023-08-15\""), "{text}");
        assert!(text.contains("fatalities = [[3, 5]]"), "{text}");
        let back: DecisionFile = parse_toml(Path::new("r.toml"), &text).unwrap();
        assert_eq!(back, file);
    }

    #[test]
    fn rendering_is_stable() {
        let mut file = DecisionFile::empty("a");
        file.upsert(decision());
        let once = render_decisions(&file).unwrap();
        let back: DecisionFile = parse_toml(Path::new("r.toml"), &once).unwrap();
        assert_eq!(render_decisions(&back).unwrap(), once);
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let text =
            "article = \"a\"\n\n[[event]]\nid = \"a#x1\"\nstatus = \"confirmed\"\nbogus = 1\n";
        let err = parse_toml::<DecisionFile>(Path::new("r.toml"), text).unwrap_err();
        assert!(err.message.contains("bogus"), "{err}");
        assert!(err.line >= 3, "{err}");
    }

    #[test]
    fn bad_status_is_refused() {
        let mut file = DecisionFile::empty("a");
        file.upsert(decision());
        let text = render_decisions(&file)
            .unwrap()
            .replace("status = \"corrected\"", "status = \"maybe\"");
        let err = parse_toml::<DecisionFile>(Path::new("r.toml"), &text).unwrap_err();
        let line = text.lines().position(|l| l.contains("maybe")).unwrap() + 1;
        assert_eq!(err.line, line, "{err}");
    }
}
