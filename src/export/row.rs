//! The exported records: one per event ([`ExportRow`]) or one per
//! real-world event ([`ByEventRow`]), with the names outside tools rely on
//! (`article`, `event_id`, `status`, the ACLED fields, `cluster`,
//! `reviewer`, `source`, `original`).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{EventFields, EventType, ReviewEvent, Status, SubEventType};

/// The event record's fields as exported: unlike [`EventFields`]'s own
/// serialisation, every key is written, as `null` when empty, so that JSON
/// readers find all of them (TOML, which has no null, leaves them out).
/// A serde "remote" mirror of [`EventFields`], so the compiler checks that
/// the two agree.
#[derive(Serialize, Deserialize)]
#[serde(remote = "EventFields")]
pub struct RecordFields {
    pub event_type: Option<EventType>,
    pub sub_event_type: Option<SubEventType>,
    pub event_date: Option<Date>,
    pub time_precision: Option<u8>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub geo_precision: Option<u8>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub fatalities: Option<u32>,
    pub wounded: Option<u32>,
    pub notes: Option<String>,
}

/// An event as exported, keys in SPEC order.
///
/// `original` holds the extractor's values of the fields the analyst
/// corrected; it is `null` (left out in TOML, an empty cell in CSV) when the
/// analyst corrected nothing. A corrected field the extractor had left empty
/// does not appear in it, so a correction that only filled blanks gives `{}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportRow {
    pub article: String,
    pub event_id: String,
    pub status: Status,
    #[serde(flatten, with = "RecordFields")]
    pub fields: EventFields,
    /// Shared by events linked as one real-world event, else `None`.
    pub cluster: Option<String>,
    /// Who decided; `None` for pending events.
    pub reviewer: Option<String>,
    /// The article's `source` from its front matter.
    pub source: Option<String>,
    #[serde(default)]
    pub original: Option<EventFields>,
}

impl ExportRow {
    /// The row for one of `article`'s events. `source` comes from the
    /// article's front matter, `cluster` from the links.
    pub fn new(
        article: &str,
        event: &ReviewEvent,
        source: Option<&str>,
        cluster: Option<String>,
    ) -> Self {
        let decision = event.decision.as_ref();
        let original = decision
            .filter(|d| !d.corrected.is_empty())
            .map(|decision| {
                let mut original = EventFields::default();
                for &field in &decision.corrected {
                    original.copy_field(field, &decision.original);
                }
                original
            });
        ExportRow {
            article: article.to_string(),
            event_id: event.id().to_string(),
            status: event.status(),
            fields: event.fields().clone(),
            cluster,
            reviewer: decision.map(|d| d.reviewer.clone()),
            source: source.map(str::to_string),
            original,
        }
    }
}

/// One real-world event (`--by-event`): a link cluster, or an event linked
/// to no other. Fields follow the cluster's rules (`crate::link::resolve`):
/// the lowest reported fatalities unless an analyst set the cluster's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ByEventRow {
    /// The link cluster's id; `None` for an event linked to no other.
    pub cluster: Option<String>,
    /// The member events exported, in export order.
    pub event_ids: Vec<String>,
    /// Their articles, each once, in export order.
    pub articles: Vec<String>,
    #[serde(flatten, with = "RecordFields")]
    pub fields: EventFields,
    /// The articles' sources, each once, joined with `; `.
    pub source: Option<String>,
    /// How `fatalities` was chosen: `lowest` (ACLED's rule) or `analyst`;
    /// `None` for an unlinked event or when no member reports a toll.
    pub fatalities_rule: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::testing;
    use crate::model::{Candidate, Decision, Field};

    fn candidate() -> Candidate {
        let mut fields = EventFields::default();
        fields.set(Field::Fatalities, "17").unwrap();
        Candidate {
            id: "a#x1".into(),
            background: false,
            confidence: 0.9,
            fields,
            evidence: Default::default(),
            field_confidence: Default::default(),
            casualties: Default::default(),
        }
    }

    fn decision(corrected: Vec<Field>) -> Decision {
        let mut fields = EventFields::default();
        fields.set(Field::Fatalities, "18").unwrap();
        fields.set(Field::Notes, "revised").unwrap();
        let at = "2023-11-20T09:00:00Z";
        Decision {
            corrected,
            original: EventFields {
                fatalities: Some(17),
                // Not a corrected field: must not leak into `original`.
                admin1: Some("stale".into()),
                ..EventFields::default()
            },
            ..testing::decision(Status::Corrected, "alice", at, fields)
        }
    }

    #[test]
    fn pending_rows_have_no_reviewer_and_no_original() {
        let event = ReviewEvent {
            candidate: Some(candidate()),
            decision: None,
        };
        let row = ExportRow::new("a", &event, Some("RFI"), None);
        assert_eq!(row.status, Status::Pending);
        assert_eq!(row.reviewer, None);
        assert_eq!(row.original, None);
        assert_eq!(row.fields.fatalities, Some(17));
        assert_eq!(row.source.as_deref(), Some("RFI"));
    }

    #[test]
    fn original_holds_only_corrected_fields_with_a_value() {
        let event = ReviewEvent {
            candidate: Some(candidate()),
            decision: Some(decision(vec![Field::Fatalities, Field::Notes])),
        };
        let row = ExportRow::new("a", &event, None, Some("c1".into()));
        assert_eq!(row.fields.fatalities, Some(18));
        assert_eq!(
            row.original,
            Some(EventFields {
                fatalities: Some(17),
                ..EventFields::default()
            })
        );
        assert_eq!(row.reviewer.as_deref(), Some("alice"));
        assert_eq!(row.cluster.as_deref(), Some("c1"));
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(json["original"], serde_json::json!({"fatalities": 17}));
        assert!(json["admin2"].is_null());
    }
}
