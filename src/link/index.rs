//! `LinkIndex`: every event of a desk filed by country and month, so that
//! the suggestions for one event score only the events that could be the
//! same incident (same country or a border country, nearby months), never
//! the whole desk.

use std::collections::HashMap;

use rayon::prelude::*;

use super::score::{LinkEvent, Reason, explain, score};
use crate::desk::{Desk, DeskError};
use crate::model::Status;

/// Bucket for events whose country is unknown.
const NO_COUNTRY: u64 = 0;
/// Bucket for events with neither a date nor a dated article.
const NO_MONTH: i32 = i32::MIN;

/// A ranked candidate for "the same real-world event".
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub event: String,
    pub score: f32,
    /// Strongest support first; negative weights count against.
    pub reasons: Vec<Reason>,
}

/// The desk's events, filed for linking. Rejected events are left out:
/// they are not events.
#[derive(Debug, Default)]
pub struct LinkIndex {
    events: Vec<Option<LinkEvent>>,
    slots: HashMap<String, u32>,
    buckets: HashMap<(u64, i32), Vec<u32>>,
}

impl LinkIndex {
    pub fn new(events: impl IntoIterator<Item = LinkEvent>) -> LinkIndex {
        let mut index = LinkIndex::default();
        for event in events {
            index.upsert(event);
        }
        index
    }

    /// Reads every article's events, in parallel. Articles that cannot be
    /// read are left out and returned with their error.
    pub fn build(desk: &Desk) -> (LinkIndex, Vec<DeskError>) {
        let loaded: Vec<Result<Vec<LinkEvent>, DeskError>> = desk
            .article_ids()
            .par_iter()
            .map(|id| article_events(desk, id))
            .collect();
        let mut errors = Vec::new();
        let mut events = Vec::new();
        for result in loaded {
            match result {
                Ok(found) => events.extend(found),
                Err(err) => errors.push(err),
            }
        }
        (LinkIndex::new(events), errors)
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&LinkEvent> {
        let slot = *self.slots.get(id)?;
        self.events.get(slot as usize)?.as_ref()
    }

    /// Adds an event, or replaces the one with its id (after an edit).
    pub fn upsert(&mut self, event: LinkEvent) {
        self.remove(&event.id);
        let slot = match u32::try_from(self.events.len()) {
            Ok(slot) => slot,
            Err(_) => return,
        };
        for key in bucket_keys(&event) {
            self.buckets.entry(key).or_default().push(slot);
        }
        self.slots.insert(event.id.clone(), slot);
        self.events.push(Some(event));
    }

    /// Takes an event out (rejected, or gone from its article).
    pub fn remove(&mut self, id: &str) -> Option<LinkEvent> {
        let slot = self.slots.remove(id)?;
        let event = self.events.get_mut(slot as usize)?.take()?;
        for key in bucket_keys(&event) {
            if let Some(bucket) = self.buckets.get_mut(&key) {
                bucket.retain(|&s| s != slot);
            }
        }
        Some(event)
    }

    /// The `limit` events of other articles most likely to be the same
    /// real-world event as `event`, best first.
    pub fn suggest(&self, event: &LinkEvent, limit: usize) -> Vec<Suggestion> {
        let mut slots: Vec<u32> = query_keys(event)
            .filter_map(|key| self.buckets.get(&key))
            .flatten()
            .copied()
            .collect();
        slots.sort_unstable();
        slots.dedup();
        let article = event.article();
        let mut scored: Vec<(f32, &LinkEvent)> = slots
            .into_iter()
            .filter_map(|slot| self.events.get(slot as usize)?.as_ref())
            .filter(|other| other.article() != article)
            .map(|other| (score(event, other), other))
            .collect();
        let better = |a: &(f32, &LinkEvent), b: &(f32, &LinkEvent)| {
            b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id))
        };
        if scored.len() > limit && limit > 0 {
            scored.select_nth_unstable_by(limit - 1, better);
        }
        scored.truncate(limit);
        scored.sort_by(better);
        scored
            .into_iter()
            .map(|(_, other)| {
                let (score, reasons) = explain(event, other);
                Suggestion {
                    event: other.id.clone(),
                    score,
                    reasons,
                }
            })
            .collect()
    }
}

/// The buckets a match for `event` may be filed under.
pub(super) fn query_keys(event: &LinkEvent) -> impl Iterator<Item = (u64, i32)> {
    let mut countries = vec![event.country_key().unwrap_or(NO_COUNTRY), NO_COUNTRY];
    countries.extend(event.border_keys());
    countries.sort_unstable();
    countries.dedup();
    let months = event.months_to_search();
    countries.into_iter().flat_map(move |country| {
        months
            .clone()
            .into_iter()
            .flatten()
            .chain([NO_MONTH])
            .map(move |month| (country, month))
    })
}

/// The buckets an event is filed under: its country and the countries whose
/// border it is near, for each month its date may fall in.
pub(super) fn bucket_keys(event: &LinkEvent) -> Vec<(u64, i32)> {
    let mut countries = vec![event.country_key().unwrap_or(NO_COUNTRY)];
    countries.extend(event.border_keys());
    countries.sort_unstable();
    countries.dedup();
    let months: Vec<i32> = match event.months() {
        Some(months) => months.collect(),
        None => vec![NO_MONTH],
    };
    countries
        .iter()
        .flat_map(|&country| months.iter().map(move |&month| (country, month)))
        .collect()
}

/// The current fields of a cluster's members, read from their articles'
/// files; members whose article or event is gone are left out.
pub fn member_fields<'a>(
    desk: &Desk,
    members: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<(String, crate::model::EventFields)>, DeskError> {
    let mut found = Vec::new();
    for id in members {
        let Some(article) = super::store::article_of(id) else {
            continue;
        };
        if desk.article_index(article).is_none() {
            continue;
        }
        if let Some(event) = desk
            .load_events(article)?
            .into_iter()
            .find(|e| e.id() == id)
        {
            found.push((id.to_string(), event.fields().clone()));
        }
    }
    Ok(found)
}

/// One article's events as the linker sees them, rejected ones left out.
pub fn article_events(desk: &Desk, id: &str) -> Result<Vec<LinkEvent>, DeskError> {
    let events = desk.load_events(id)?;
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let article = desk.load_article(id)?;
    Ok(events
        .iter()
        .filter(|e| e.status() != Status::Rejected)
        .map(|e| LinkEvent::from_review(&article, e))
        .collect())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{EventFields, Field};

    fn event(id: &str, country: &str, date: &str, toll: &str) -> LinkEvent {
        let mut fields = EventFields::default();
        for (field, value) in [
            (Field::Country, country),
            (Field::EventDate, date),
            (Field::TimePrecision, "1"),
            (Field::Fatalities, toll),
        ] {
            fields.set(field, value).unwrap();
        }
        LinkEvent::new(id, &fields, false, &BTreeMap::new(), None, "")
    }

    #[test]
    fn suggests_other_articles_best_first() {
        let index = LinkIndex::new([
            event("a#1", "Niger", "2023-08-15", "17"),
            event("a#2", "Niger", "2023-08-15", "17"),
            event("b#1", "Niger", "2023-08-15", "17"),
            event("c#1", "Niger", "2023-08-16", "9"),
            event("d#1", "Niger", "2023-08-30", "17"),
            event("e#1", "Mali", "2023-08-15", "17"),
            event("f#1", "Niger", "2021-08-15", "17"),
        ]);
        let query = index.get("a#1").unwrap().clone();
        let found: Vec<String> = index
            .suggest(&query, 10)
            .into_iter()
            .map(|s| s.event)
            .collect();
        assert_eq!(
            found,
            ["b#1", "c#1", "d#1"],
            "same article, Mali, 2021 never seen"
        );
        let top = index.suggest(&query, 1);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].event, "b#1");
        assert!(top[0].reasons.iter().any(|r| r.text == "same toll 17"));
    }

    #[test]
    fn upsert_replaces_and_remove_forgets() {
        let mut index = LinkIndex::new([
            event("a#1", "Niger", "2023-08-15", "17"),
            event("b#1", "Niger", "2023-08-15", "17"),
        ]);
        index.upsert(event("b#1", "Mali", "2023-08-15", "17"));
        assert_eq!(index.len(), 2);
        let query = index.get("a#1").unwrap().clone();
        assert!(index.suggest(&query, 5).is_empty());
        index.upsert(event("b#1", "Niger", "2023-08-14", "17"));
        assert_eq!(index.suggest(&query, 5).len(), 1);
        assert!(index.remove("b#1").is_some());
        assert!(index.suggest(&query, 5).is_empty());
        assert!(index.get("b#1").is_none());
    }
}
