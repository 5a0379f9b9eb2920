//! A cluster's values where its members disagree.
//!
//! Outlets report one attack with different tolls (17 vs 117 killed) and
//! dates ("on Tuesday" vs "last month"). Each field has a default rule,
//! ACLED's where ACLED has one: the lowest reported fatalities, the most
//! precise date, the most precise place; the value most members report for
//! the rest. An analyst can set any field's value instead; the store
//! records which rule gave each value that was chosen.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::store::Cluster;
use crate::model::{EventFields, EventId, Field};

/// How a cluster value was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Set by an analyst.
    Analyst,
    /// The lowest number any member reports (ACLED's fatalities rule).
    Lowest,
    /// The date of the member with the best time precision (earliest on a tie).
    MostPreciseDate,
    /// The place of the member with the best geo precision.
    MostPrecisePlace,
    /// The value most members report (the first member's on a tie).
    MostReported,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::Analyst => "analyst",
            Rule::Lowest => "lowest",
            Rule::MostPreciseDate => "most-precise-date",
            Rule::MostPrecisePlace => "most-precise-place",
            Rule::MostReported => "most-reported",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The rule a field follows when no analyst chose its value.
pub fn default_rule(field: Field) -> Rule {
    match field {
        Field::Fatalities | Field::Wounded => Rule::Lowest,
        Field::EventDate | Field::TimePrecision => Rule::MostPreciseDate,
        Field::Country
        | Field::Admin1
        | Field::Admin2
        | Field::Location
        | Field::Latitude
        | Field::Longitude
        | Field::GeoPrecision => Rule::MostPrecisePlace,
        Field::EventType | Field::SubEventType | Field::Actor1 | Field::Actor2 | Field::Notes => {
            Rule::MostReported
        }
    }
}

const DATE_FIELDS: [Field; 2] = [Field::EventDate, Field::TimePrecision];
const PLACE_FIELDS: [Field; 7] = [
    Field::Country,
    Field::Admin1,
    Field::Admin2,
    Field::Location,
    Field::Latitude,
    Field::Longitude,
    Field::GeoPrecision,
];

/// One real-world event's record: each field's value, the rule that gave
/// it, and which members report that value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterRecord {
    pub fields: EventFields,
    /// Only fields that have a value.
    pub rules: BTreeMap<Field, Rule>,
    /// For each field with a value, the members reporting exactly it.
    pub sources: BTreeMap<Field, Vec<EventId>>,
}

/// The cluster's values from its members' current fields (`(event id,
/// fields)`; members missing from the desk are simply absent).
pub fn resolve(cluster: &Cluster, members: &[(&str, &EventFields)]) -> ClusterRecord {
    let mut members: Vec<(&str, &EventFields)> = members.to_vec();
    members.sort_by(|a, b| a.0.cmp(b.0));
    let mut fields = EventFields::default();
    let mut rules = BTreeMap::new();

    let date_source = members
        .iter()
        .filter_map(|(_, f)| f.event_date.map(|d| (f.time_precision.unwrap_or(1), d, *f)))
        .min_by_key(|(precision, date, _)| (*precision, *date))
        .map(|(_, _, f)| f);
    let place_source = members
        .iter()
        .filter(|(_, f)| PLACE_FIELDS.iter().any(|&p| f.get(p).is_some()))
        .min_by_key(|(_, f)| {
            (
                f.location.is_none(),
                f.geo_precision.unwrap_or(3),
                f.latitude.is_none(),
                f.admin1.is_none(),
            )
        })
        .map(|(_, f)| *f);
    for (source, group) in [
        (date_source, &DATE_FIELDS[..]),
        (place_source, &PLACE_FIELDS),
    ] {
        if let Some(source) = source {
            for &field in group {
                fields.copy_field(field, source);
            }
        }
    }
    fields.fatalities = members.iter().filter_map(|(_, f)| f.fatalities).min();
    fields.wounded = members.iter().filter_map(|(_, f)| f.wounded).min();
    for field in Field::ALL {
        if default_rule(field) == Rule::MostReported
            && let Some(value) = most_reported(&members, field)
        {
            // Values come from valid records, so they set without error.
            let _ = fields.set(field, &value);
        }
    }
    for field in Field::ALL {
        if fields.get(field).is_some() {
            rules.insert(field, default_rule(field));
        }
    }
    for chosen in &cluster.values {
        if fields.set(chosen.field, &chosen.value).is_ok() {
            rules.insert(chosen.field, chosen.rule);
        }
    }
    let sources = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let value = fields.get(field)?;
            let agreeing = members
                .iter()
                .filter(|(_, f)| f.get(field).as_deref() == Some(value.as_str()))
                .map(|(id, _)| id.to_string())
                .collect();
            Some((field, agreeing))
        })
        .collect();
    ClusterRecord {
        fields,
        rules,
        sources,
    }
}

/// The value `field`'s default rule gives from the members now, whatever
/// an analyst chose before (what accepting the rule records).
pub fn rule_value(
    cluster: &Cluster,
    members: &[(&str, &EventFields)],
    field: Field,
) -> Option<String> {
    let by_rule = Cluster {
        values: Vec::new(),
        ..cluster.clone()
    };
    resolve(&by_rule, members).fields.get(field)
}

fn most_reported(members: &[(&str, &EventFields)], field: Field) -> Option<String> {
    let variants = variants(members, field);
    // Stable: the first variant (first member's) wins a tie.
    let best = variants.iter().map(|v| v.events.len()).max()?;
    variants
        .into_iter()
        .find(|v| v.events.len() == best)
        .map(|v| v.value)
}

/// One value of a field and the members that report it.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub value: String,
    pub events: Vec<EventId>,
}

/// The distinct values of `field` among members, in order of first report.
fn variants(members: &[(&str, &EventFields)], field: Field) -> Vec<Variant> {
    let mut variants: Vec<Variant> = Vec::new();
    for (id, fields) in members {
        let Some(value) = fields.get(field) else {
            continue;
        };
        match variants.iter_mut().find(|v| v.value == value) {
            Some(variant) => variant.events.push(id.to_string()),
            None => variants.push(Variant {
                value,
                events: vec![id.to_string()],
            }),
        }
    }
    variants
}

/// The fields on which members disagree (two or more values), each with
/// its values and sources: what the cluster view shows. Notes are left
/// out: every outlet words them differently.
pub fn disagreements(members: &[(&str, &EventFields)]) -> Vec<(Field, Vec<Variant>)> {
    let mut members: Vec<(&str, &EventFields)> = members.to_vec();
    members.sort_by(|a, b| a.0.cmp(b.0));
    Field::ALL
        .into_iter()
        .filter(|&field| field != Field::Notes)
        .filter_map(|field| {
            let variants = variants(&members, field);
            (variants.len() > 1).then_some((field, variants))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::Links;

    fn fields(pairs: &[(Field, &str)]) -> EventFields {
        let mut fields = EventFields::default();
        for (field, value) in pairs {
            fields.set(*field, value).unwrap();
        }
        fields
    }

    fn koutougou() -> (EventFields, EventFields) {
        let english = fields(&[
            (Field::EventType, "Battles"),
            (Field::EventDate, "2023-08-15"),
            (Field::TimePrecision, "1"),
            (Field::Country, "Niger"),
            (Field::Admin1, "Tillaberi"),
            (Field::Location, "Koutougou"),
            (Field::GeoPrecision, "2"),
            (Field::Fatalities, "117"),
            (Field::Wounded, "20"),
        ]);
        let french = fields(&[
            (Field::EventType, "Battles"),
            (Field::EventDate, "2023-09-01"),
            (Field::TimePrecision, "3"),
            (Field::Country, "Niger"),
            (Field::GeoPrecision, "3"),
            (Field::Fatalities, "17"),
        ]);
        (english, french)
    }

    fn cluster() -> (Links, String) {
        let mut links = Links::default();
        links
            .link("en#x1", "fr#x3", "r", jiff::Timestamp::UNIX_EPOCH)
            .unwrap();
        let id = links.cluster_of("en#x1").unwrap().id.clone();
        (links, id)
    }

    #[test]
    fn default_rules_take_lowest_toll_and_most_precise_date_and_place() {
        let (english, french) = koutougou();
        let (links, id) = cluster();
        let cluster = links.cluster(&id).unwrap();
        let record = resolve(cluster, &[("fr#x3", &french), ("en#x1", &english)]);
        assert_eq!(record.fields.fatalities, Some(17));
        assert_eq!(record.sources[&Field::Fatalities], ["fr#x3"]);
        assert_eq!(record.rules[&Field::Fatalities], Rule::Lowest);
        assert_eq!(record.fields.event_date, english.event_date);
        assert_eq!(record.fields.time_precision, Some(1));
        assert_eq!(record.fields.location.as_deref(), Some("Koutougou"));
        assert_eq!(record.fields.admin1.as_deref(), Some("Tillaberi"));
        assert_eq!(record.rules[&Field::Location], Rule::MostPrecisePlace);
        assert_eq!(record.fields.wounded, Some(20));
        assert_eq!(record.sources[&Field::EventType], ["en#x1", "fr#x3"]);
    }

    #[test]
    fn an_analyst_value_wins_and_is_attributed() {
        let (english, french) = koutougou();
        let (mut links, id) = cluster();
        links
            .set_value(
                &id,
                Field::Fatalities,
                "117",
                "alice",
                jiff::Timestamp::UNIX_EPOCH,
            )
            .unwrap();
        let record = resolve(
            links.cluster(&id).unwrap(),
            &[("en#x1", &english), ("fr#x3", &french)],
        );
        assert_eq!(record.fields.fatalities, Some(117));
        assert_eq!(record.rules[&Field::Fatalities], Rule::Analyst);
        assert_eq!(record.sources[&Field::Fatalities], ["en#x1"]);
    }

    #[test]
    fn disagreements_list_each_value_with_its_sources() {
        let (english, french) = koutougou();
        let found = disagreements(&[("en#x1", &english), ("fr#x3", &french)]);
        let names: Vec<Field> = found.iter().map(|(f, _)| *f).collect();
        assert!(names.contains(&Field::Fatalities));
        assert!(names.contains(&Field::EventDate));
        assert!(!names.contains(&Field::EventType), "both say Battles");
        assert!(!names.contains(&Field::Wounded), "only one reports it");
        let (_, tolls) = found.iter().find(|(f, _)| *f == Field::Fatalities).unwrap();
        assert_eq!(tolls[0].value, "117");
        assert_eq!(tolls[1].events, ["fr#x3"]);
    }
}
