//! `--by-event`: one record per real-world event. Events linked into one
//! cluster (`crate::link`) become one record whose values follow the
//! cluster's rules, ACLED's lowest reported fatalities among them, unless
//! an analyst set the cluster's value; an event linked to no other is a
//! record of its own. Only the exported events (those that passed the
//! filter) take part: a rejected member's toll does not count.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::row::{ByEventRow, ExportRow};
use crate::link::{Links, resolve};
use crate::model::{EventFields, Field};

/// Groups rows (in export order) into records, ordered by their first
/// member's place in the export.
pub fn group_by_event(rows: Vec<ExportRow>, links: &Links) -> Vec<ByEventRow> {
    let mut groups: Vec<Vec<ExportRow>> = Vec::new();
    let mut by_cluster: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let Some(cluster) = row.cluster.clone() else {
            groups.push(vec![row]);
            continue;
        };
        match by_cluster.entry(cluster) {
            Entry::Occupied(slot) => groups[*slot.get()].push(row),
            Entry::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push(vec![row]);
            }
        }
    }
    groups
        .iter()
        .filter_map(|members| record(members, links))
        .collect()
}

/// One group's record; `None` for an empty group.
fn record(members: &[ExportRow], links: &Links) -> Option<ByEventRow> {
    let first = members.first()?;
    let cluster = first.cluster.as_deref().and_then(|id| links.cluster(id));
    let (fields, fatalities_rule) = match cluster {
        Some(cluster) => {
            let pairs: Vec<(&str, &EventFields)> = members
                .iter()
                .map(|m| (m.event_id.as_str(), &m.fields))
                .collect();
            let resolved = resolve(cluster, &pairs);
            let rule = resolved
                .rules
                .get(&Field::Fatalities)
                .map(|rule| rule.name().to_string());
            (resolved.fields, rule)
        }
        None => (first.fields.clone(), None),
    };
    let sources = distinct(members.iter().filter_map(|m| m.source.as_deref()));
    Some(ByEventRow {
        cluster: first.cluster.clone(),
        event_ids: members.iter().map(|m| m.event_id.clone()).collect(),
        articles: distinct(members.iter().map(|m| m.article.as_str())),
        fields,
        source: (!sources.is_empty()).then(|| sources.join("; ")),
        fatalities_rule,
    })
}

/// Each value once, in order of first appearance.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        if !seen.iter().any(|s| s == value) {
            seen.push(value.to_string());
        }
    }
    seen
}
