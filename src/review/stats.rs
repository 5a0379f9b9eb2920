//! What the desk holds, counted: events per status, per type and per
//! country, and where they are. Built from one small summary per event,
//! collected by the background scan and refreshed for the article that
//! changes, so opening the stats view or the map never reads the desk.

use std::collections::BTreeMap;

use crate::model::{ReviewEvent, Status};

/// The little of an event the stats, the map and the article list's
/// filters need.
#[derive(Clone, Debug, PartialEq)]
pub struct EventSummary {
    pub id: String,
    pub status: Status,
    pub event_type: Option<&'static str>,
    pub country: Option<String>,
    /// The most specific place named: location, else admin2, else admin1.
    pub place: Option<String>,
    pub coordinates: Option<(f64, f64)>,
    /// Flagged by the analyst for later.
    pub flagged: bool,
}

impl EventSummary {
    pub fn of(event: &ReviewEvent) -> EventSummary {
        let fields = event.fields();
        EventSummary {
            id: event.id().to_string(),
            status: event.status(),
            event_type: fields.event_type.map(|t| t.name()),
            country: fields.country.clone(),
            place: (fields.location.as_ref())
                .or(fields.admin2.as_ref())
                .or(fields.admin1.as_ref())
                .cloned(),
            coordinates: fields.latitude.zip(fields.longitude),
            flagged: event.decision.as_ref().is_some_and(|d| d.flagged),
        }
    }

    pub fn of_all(events: &[ReviewEvent]) -> Vec<EventSummary> {
        events.iter().map(EventSummary::of).collect()
    }
}

/// Counts for the stats view, each sorted largest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeskStats {
    pub by_status: Vec<(String, u64)>,
    pub by_type: Vec<(String, u64)>,
    pub by_country: Vec<(String, u64)>,
}

impl DeskStats {
    pub fn count<'a>(events: impl IntoIterator<Item = &'a EventSummary>) -> DeskStats {
        let mut status = BTreeMap::new();
        let mut types = BTreeMap::new();
        let mut countries = BTreeMap::new();
        for event in events {
            *status.entry(event.status.name().to_string()).or_insert(0) += 1;
            let event_type = event.event_type.unwrap_or("(no type)").to_string();
            *types.entry(event_type).or_insert(0) += 1;
            let country = event
                .country
                .clone()
                .unwrap_or_else(|| "(no country)".into());
            *countries.entry(country).or_insert(0) += 1;
        }
        DeskStats {
            by_status: largest_first(status),
            by_type: largest_first(types),
            by_country: largest_first(countries),
        }
    }
}

fn largest_first(counts: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// The region to show on the map: the box around every place given as
/// (latitude, longitude), widened so a single place still shows its
/// surroundings; `None` when there is none. Returned as
/// ((min lon, max lon), (min lat, max lat)).
pub fn map_bounds(
    places: impl IntoIterator<Item = (f64, f64)>,
) -> Option<((f64, f64), (f64, f64))> {
    const MARGIN: f64 = 4.0;
    let mut bounds: Option<((f64, f64), (f64, f64))> = None;
    for (lat, lon) in places {
        let ((x0, x1), (y0, y1)) = bounds.unwrap_or(((lon, lon), (lat, lat)));
        bounds = Some(((x0.min(lon), x1.max(lon)), (y0.min(lat), y1.max(lat))));
    }
    bounds.map(|((x0, x1), (y0, y1))| {
        (
            ((x0 - MARGIN).max(-180.0), (x1 + MARGIN).min(180.0)),
            ((y0 - MARGIN).max(-90.0), (y1 + MARGIN).min(90.0)),
        )
    })
}

/// A place to mark on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPlace {
    pub latitude: f64,
    pub longitude: f64,
    pub name: String,
}

/// The located places of some events (event ids `<article>#<tag>`), each
/// looked up among its article's events in brief (`events_of` gives them by
/// article id, `None` if not scanned yet); events without coordinates are
/// left out, and a place is given once however many events name it.
pub fn places_of<'a, 'b>(
    events: impl IntoIterator<Item = &'a str>,
    events_of: impl Fn(&str) -> Option<&'b [EventSummary]>,
) -> Vec<MapPlace> {
    let mut places: Vec<MapPlace> = Vec::new();
    for id in events {
        let Some((article, _)) = id.split_once('#') else {
            continue;
        };
        let Some(summary) = events_of(article).and_then(|e| e.iter().find(|s| s.id == id)) else {
            continue;
        };
        let Some((latitude, longitude)) = summary.coordinates else {
            continue;
        };
        let place = MapPlace {
            latitude,
            longitude,
            name: summary.place.clone().unwrap_or_else(|| id.to_string()),
        };
        if !places.contains(&place) {
            places.push(place);
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(status: Status, event_type: Option<&'static str>, country: &str) -> EventSummary {
        EventSummary {
            id: "a#x1".into(),
            status,
            event_type,
            country: Some(country.to_string()),
            place: None,
            coordinates: None,
            flagged: false,
        }
    }

    #[test]
    fn counts_are_sorted_largest_first() {
        let events = [
            summary(Status::Pending, Some("Battles"), "Niger"),
            summary(Status::Confirmed, Some("Battles"), "Niger"),
            summary(Status::Pending, None, "Mali"),
        ];
        let stats = DeskStats::count(&events);
        assert_eq!(
            stats.by_status,
            [("pending".into(), 2), ("confirmed".into(), 1)]
        );
        assert_eq!(
            stats.by_type,
            [("Battles".into(), 2), ("(no type)".into(), 1)]
        );
        assert_eq!(stats.by_country[0], ("Niger".into(), 2));
    }

    #[test]
    fn the_map_frames_the_located_events() {
        let mut a = summary(Status::Pending, None, "Niger");
        a.coordinates = Some((13.5, 2.1));
        let mut b = a.clone();
        b.coordinates = Some((14.9, 5.3));
        let ((x0, x1), (y0, y1)) =
            map_bounds([&a, &b].into_iter().filter_map(|e| e.coordinates)).unwrap();
        assert!(x0 < 2.1 && x1 > 5.3 && y0 < 13.5 && y1 > 14.9);
        assert_eq!(map_bounds([]), None);
    }

    #[test]
    fn places_of_linked_events_come_from_their_articles_summaries() {
        let located = |id: &str, place: Option<&str>, at: (f64, f64)| EventSummary {
            id: id.into(),
            place: place.map(str::to_string),
            coordinates: Some(at),
            ..summary(Status::Pending, None, "Niger")
        };
        let en = vec![
            located("en#x1", Some("Niamey"), (13.5, 2.1)),
            summary(Status::Pending, None, "Niger"),
        ];
        let fr = vec![
            located("fr#x2", Some("Agadez"), (17.0, 8.0)),
            located("fr#x3", None, (14.9, 5.3)),
            located("fr#x4", Some("Agadez"), (17.0, 8.0)),
        ];
        let events_of = |article: &str| match article {
            "en" => Some(en.as_slice()),
            "fr" => Some(fr.as_slice()),
            _ => None,
        };
        let members = [
            "fr#x2", "fr#x3", "fr#x4", "fr#x9", "gone#x1", "a#x1", "no-tag",
        ];
        let places = places_of(members, events_of);
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Agadez", "fr#x3"],
            "unlocated, unknown and repeated places are left out; an unnamed place shows its event"
        );
        assert_eq!((places[0].latitude, places[0].longitude), (17.0, 8.0));
        assert!(places_of(["en#x1"], events_of)[0].name == "Niamey");
    }
}
