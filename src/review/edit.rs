//! Helping the analyst type values: pick lists for fields with a fixed set
//! of values, dates in the forms people write them, and places from the
//! gazetteer that fill country, admin levels and coordinates at once.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

use crate::extract::dates::parse_date_input;
use crate::gazetteer::{Gazetteer, Place, PlaceKind};
use crate::model::{EventFields, EventType, Field, SubEventType};

/// One entry of a pick list: the value stored, and how it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

fn choice(value: &str, label: &str) -> Choice {
    Choice {
        value: value.to_string(),
        label: label.to_string(),
    }
}

/// The allowed values of `field`, when it has a fixed set: event types,
/// the sub-event types of the event's type, time and geo precision.
pub fn pick_list(field: Field, fields: &EventFields) -> Option<Vec<Choice>> {
    match field {
        Field::EventType => Some(
            EventType::ALL
                .iter()
                .map(|t| choice(t.name(), t.name()))
                .collect(),
        ),
        Field::SubEventType => {
            let subs: Vec<SubEventType> = match fields.event_type {
                Some(event_type) => event_type.sub_types().collect(),
                None => SubEventType::ALL.to_vec(),
            };
            Some(
                subs.iter()
                    .map(|s| choice(s.name(), &format!("{} ({})", s.name(), s.event_type())))
                    .collect(),
            )
        }
        Field::TimePrecision => Some(vec![
            choice("1", "1 the day is known"),
            choice("2", "2 only the week"),
            choice("3", "3 only the month"),
        ]),
        Field::GeoPrecision => Some(vec![
            choice("1", "1 the named place"),
            choice("2", "2 near it, or part of a region"),
            choice("3", "3 only the region"),
        ]),
        _ => None,
    }
}

/// The gazetteer the review desk completes and fills places from: the
/// built-in one, or the desk's extension of it.
#[derive(Clone)]
pub enum Places {
    Builtin(&'static Gazetteer),
    Desk(Arc<Gazetteer>),
}

impl Places {
    pub fn gazetteer(&self) -> &Gazetteer {
        match self {
            Places::Builtin(gazetteer) => gazetteer,
            Places::Desk(gazetteer) => gazetteer,
        }
    }
}

impl fmt::Debug for Places {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Places({} places)", self.gazetteer().len())
    }
}

/// How a place is written in completions: `Tabatol (Tahoua, Niger)`, and
/// `Niamey (region, Niger)` for a place that is not a town.
pub fn place_label(place: &Place<'_>) -> String {
    let kind = place.kind.to_string();
    let kind = (place.kind != PlaceKind::Town).then_some(kind.as_str());
    let qualifiers: Vec<&str> = kind
        .into_iter()
        .chain([place.admin1, place.country])
        .filter(|q| !q.is_empty() && *q != place.name)
        .collect();
    if qualifiers.is_empty() {
        place.name.to_string()
    } else {
        format!("{} ({})", place.name, qualifiers.join(", "))
    }
}

/// Places whose name starts with what was typed, as completion labels.
pub fn complete_place(places: &Places, prefix: &str, limit: usize) -> Vec<String> {
    if prefix.trim().is_empty() {
        return Vec::new();
    }
    places
        .gazetteer()
        .complete(prefix, limit)
        .iter()
        .map(place_label)
        .collect()
}

/// The place a typed location stands for: `Name (Admin1, Country)` picks
/// that one; a bare name picks the best ranked, preferring `country`.
fn find_place<'g>(
    gazetteer: &'g Gazetteer,
    typed: &str,
    country: Option<&str>,
) -> Option<Place<'g>> {
    let typed = typed.trim();
    let (name, qualifiers) = match typed.strip_suffix(')').and_then(|t| t.split_once(" (")) {
        Some((name, qualifiers)) => (name, Some(qualifiers)),
        None => (typed, None),
    };
    let places = gazetteer.lookup(name);
    match qualifiers {
        Some(qualifiers) => places
            .into_iter()
            .find(|p| place_label(p) == format!("{name} ({qualifiers})")),
        None => {
            let same_country = places.iter().find(|p| Some(p.country) == country).copied();
            same_country.or_else(|| places.first().copied())
        }
    }
}

/// The values to set for `field` = `typed`: a date in any form the
/// analyst writes is made ISO (relative to the publication date); a known
/// place fills its admin levels and coordinates too. Anything else is
/// set as typed and validated by the model.
pub fn values_to_set(
    field: Field,
    typed: &str,
    fields: &EventFields,
    published: Option<Date>,
    places: Option<&Places>,
) -> Vec<(Field, String)> {
    let typed = typed.trim();
    match field {
        Field::EventDate if !typed.is_empty() => {
            let value = parse_date_input(typed, published.or(fields.event_date))
                .map_or_else(|| typed.to_string(), |date| date.to_string());
            vec![(field, value)]
        }
        Field::Location if !typed.is_empty() => {
            let place =
                places.and_then(|p| find_place(p.gazetteer(), typed, fields.country.as_deref()));
            match place {
                Some(place) => vec![
                    (Field::Location, place.name.to_string()),
                    (Field::Country, place.country.to_string()),
                    (Field::Admin1, place.admin1.to_string()),
                    (Field::Admin2, place.admin2.to_string()),
                    (Field::Latitude, format!("{:.4}", place.latitude)),
                    (Field::Longitude, format!("{:.4}", place.longitude)),
                ],
                None => vec![(field, typed.to_string())],
            }
        }
        _ => vec![(field, typed.to_string())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_types_are_those_of_the_event_type() {
        let mut fields = EventFields::default();
        assert_eq!(pick_list(Field::SubEventType, &fields).unwrap().len(), 25);
        fields.event_type = Some(EventType::Battles);
        let subs = pick_list(Field::SubEventType, &fields).unwrap();
        assert_eq!(subs.len(), 3);
        assert_eq!(subs[0].value, "Armed clash");
        assert_eq!(pick_list(Field::EventType, &fields).unwrap().len(), 6);
        assert_eq!(
            pick_list(Field::TimePrecision, &fields).unwrap()[2].value,
            "3"
        );
        assert_eq!(pick_list(Field::Fatalities, &fields), None);
    }

    #[test]
    fn dates_are_read_in_the_forms_people_write() {
        let published = Date::new(2023, 8, 16).ok();
        let fields = EventFields::default();
        for typed in ["2023-08-15", "15/08/2023", "15 août 2023", "Aug 15"] {
            assert_eq!(
                values_to_set(Field::EventDate, typed, &fields, published, None),
                vec![(Field::EventDate, "2023-08-15".to_string())],
                "{typed}"
            );
        }
        assert_eq!(
            values_to_set(Field::EventDate, "someday", &fields, published, None),
            vec![(Field::EventDate, "someday".to_string())],
            "left for the model to refuse with its reason"
        );
    }

    #[test]
    fn a_known_place_fills_admin_levels_and_coordinates() {
        let places = Places::Desk(Arc::new(
            Gazetteer::with_desk_text(
                std::path::Path::new("gazetteer.toml"),
                "[[place]]\nname = \"Koutougou\"\ncountry = \"Niger\"\nadmin1 = \"Tillaberi\"\nlatitude = 13.41\nlongitude = 1.52\n",
            )
            .unwrap(),
        ));
        let fields = EventFields::default();
        let values = values_to_set(Field::Location, "koutougou", &fields, None, Some(&places));
        assert!(
            values.contains(&(Field::Location, "Koutougou".into())),
            "{values:?}"
        );
        assert!(
            values.contains(&(Field::Country, "Niger".into())),
            "{values:?}"
        );
        assert!(
            values.contains(&(Field::Latitude, "13.4100".into())),
            "{values:?}"
        );
        let completions = complete_place(&places, "Kouto", 5);
        assert!(
            completions.iter().any(|c| c.starts_with("Koutougou (")),
            "{completions:?}"
        );
        let chosen = values_to_set(
            Field::Location,
            &completions[0],
            &fields,
            None,
            Some(&places),
        );
        assert_eq!(chosen[0].1, completions[0].split(" (").next().unwrap());
        assert_eq!(
            values_to_set(
                Field::Location,
                "Nowhere-sur-Mer",
                &fields,
                None,
                Some(&places)
            ),
            vec![(Field::Location, "Nowhere-sur-Mer".to_string())]
        );
    }
}
