//! How likely two events, from different articles, are one real-world
//! event, with the reasons in words.
//!
//! The score adds evidence for and against, each piece weighted by how much
//! it tells apart the same incident from another one nearby:
//!
//! - **Date**, tolerant of each side's precision. A month-precision date
//!   covers its month; a week-precision one, three days either side. Vague
//!   dates are mostly backward-looking phrases ("last month", "le mois
//!   dernier", "recently") that writers use loosely, so the later side of a
//!   pair, when vague, may reach back well before its literal interval: an
//!   attack of 15 August told on 3 October as "le mois dernier" (September)
//!   still fits. No event happens after the article that reports it, so the
//!   publication date caps an interval, and an undated event is placed
//!   shortly before its article's publication.
//! - **Place**: the same named location, the same admin1, the distance
//!   between coordinates (with room for each side's geo precision), and
//!   "near the border with X" read from the event's notes and evidence.
//! - **Toll**: the same fatalities (or a count one side reports among the
//!   other's), the same wounded; far apart tolls count against.
//! - **Type and actors**: the same type or sub-type, the same named actors.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::text::{border_countries, country, name_key};
use crate::desk::Article;
use crate::model::{EventFields, EventType, ReviewEvent, SubEventType};

/// What the linker knows of one event: the fields that tell incidents apart,
/// prepared once so that comparing two events allocates nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkEvent {
    pub id: String,
    when: Option<When>,
    country: Option<Name>,
    admin1: Option<Name>,
    location: Option<Name>,
    coords: Option<Coords>,
    borders: Vec<Name>,
    fatalities: Option<u32>,
    wounded: Option<u32>,
    /// Other counts the article gives (e.g. soldiers 17, assailants 100).
    counts: Vec<u32>,
    event_type: Option<EventType>,
    sub_event_type: Option<SubEventType>,
    actors: Vec<Name>,
}

/// A name as shown, with a key that ignores case, accents and punctuation.
#[derive(Clone, Debug, PartialEq)]
struct Name {
    shown: Box<str>,
    key: u64,
}

impl Name {
    fn new(text: &str) -> Option<Name> {
        let text = text.trim();
        name_key(text).map(|key| Name {
            shown: text.into(),
            key,
        })
    }

    /// A country, under its English name whatever language it came in.
    fn country(text: &str) -> Option<Name> {
        Name::new(country(text).unwrap_or(text))
    }
}

/// When an event happened, as an interval of days.
#[derive(Clone, Copy, Debug, PartialEq)]
struct When {
    date: Date,
    /// 1 day, 2 week, 3 month; 0: no date, placed before publication.
    precision: u8,
    /// Mentioned as background, so its date is loose whatever its precision.
    background: bool,
    first: i32,
    last: i32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Coords {
    latitude: f64,
    longitude: f64,
    precision: u8,
}

/// Days an undated event may lie before its article's publication.
const UNDATED_WINDOW: i32 = 45;

impl When {
    fn new(
        date: Option<Date>,
        precision: Option<u8>,
        background: bool,
        published: Option<Date>,
    ) -> Option<When> {
        let published_day = published.map(day_number);
        let Some(date) = date else {
            let published = published?;
            let day = day_number(published);
            return Some(When {
                date: published,
                precision: 0,
                background,
                first: day - UNDATED_WINDOW,
                last: day,
            });
        };
        let precision = precision.unwrap_or(1).clamp(1, 3);
        let day = day_number(date);
        let (first, mut last) = match precision {
            1 => (day, day),
            2 => (day - 3, day + 3),
            _ => {
                let start = day - i32::from(date.day()) + 1;
                (start, start + i32::from(date.days_in_month()) - 1)
            }
        };
        if let Some(published) = published_day
            && published >= first
        {
            last = last.min(published);
        }
        Some(When {
            date,
            precision,
            background,
            first,
            last,
        })
    }

    /// Days either side this date may be off by, however it was written.
    fn tolerance(&self) -> i32 {
        let base = match self.precision {
            1 => 1,
            2 => 4,
            3 => 10,
            _ => 20,
        };
        base + if self.background { 5 } else { 0 }
    }

    /// How far back before its interval a vague date may reach: "last
    /// month" is said of events six or seven weeks old.
    fn reach_back(&self) -> i32 {
        let reach = match self.precision {
            1 => 0,
            2 => 7,
            3 => 45,
            _ => 30,
        };
        reach + if self.background { 7 } else { 0 }
    }

    fn shown(&self) -> String {
        match self.precision {
            1 if self.background => format!("{} (background)", self.date),
            1 => self.date.to_string(),
            2 => format!("{} (week)", self.date),
            3 => format!("{} (month)", self.date.strftime("%Y-%m")),
            _ => format!("before {} (undated)", self.date),
        }
    }

    /// The month buckets (year * 12 + month - 1) a matching event's own
    /// interval may fall in, widest case: the other side vague and later.
    pub(crate) fn months_to_search(&self) -> std::ops::RangeInclusive<i32> {
        let back = self.reach_back() + self.tolerance() + 15;
        let ahead = 3 * 31 + self.tolerance();
        month_of_day(self.first - back)..=month_of_day(self.last + ahead)
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn day_number(date: Date) -> i32 {
    let (y, m, d) = (
        i32::from(date.year()),
        i32::from(date.month()),
        i32::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The month bucket of a day number.
fn month_of_day(day: i32) -> i32 {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i32::from(month <= 2);
    year * 12 + month - 1
}

impl LinkEvent {
    /// Prepares an event. `published` is its article's publication date;
    /// `context` is text about the event (its notes, the sentences of its
    /// evidence) where "near the border with X" is looked for.
    pub fn new(
        id: &str,
        fields: &EventFields,
        background: bool,
        casualties: &BTreeMap<String, u32>,
        published: Option<Date>,
        context: &str,
    ) -> LinkEvent {
        let text = |value: &Option<String>| value.as_deref().and_then(Name::new);
        let mut borders: Vec<Name> = Vec::new();
        for place in [fields.location.as_deref(), fields.notes.as_deref()]
            .into_iter()
            .flatten()
            .chain([context])
        {
            for country in border_countries(place) {
                if let Some(name) = Name::new(country)
                    && !borders.contains(&name)
                {
                    borders.push(name);
                }
            }
        }
        let mut counts: Vec<u32> = casualties.values().copied().filter(|&n| n > 0).collect();
        counts.sort_unstable();
        counts.dedup();
        let mut actors: Vec<Name> = Vec::new();
        for actor in [&fields.actor1, &fields.actor2] {
            if let Some(name) = text(actor)
                && !is_unidentified(&name.shown)
                && !actors.iter().any(|a| a.key == name.key)
            {
                actors.push(name);
            }
        }
        LinkEvent {
            id: id.to_string(),
            when: When::new(
                fields.event_date,
                fields.time_precision,
                background,
                published,
            ),
            country: fields.country.as_deref().and_then(Name::country),
            admin1: text(&fields.admin1),
            location: text(&fields.location),
            coords: fields
                .latitude
                .zip(fields.longitude)
                .map(|(latitude, longitude)| Coords {
                    latitude,
                    longitude,
                    precision: fields.geo_precision.unwrap_or(2),
                }),
            borders,
            fatalities: fields.fatalities,
            wounded: fields.wounded,
            counts,
            event_type: fields.event_type,
            sub_event_type: fields.sub_event_type,
            actors,
        }
    }

    /// An event of an article as the analyst now sees it; its evidence's
    /// sentences are the context read for border mentions.
    pub fn from_review(article: &Article, event: &ReviewEvent) -> LinkEvent {
        let empty = BTreeMap::new();
        let casualties = event.candidate.as_ref().map_or(&empty, |c| &c.casualties);
        let mut context = String::new();
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for span in event.evidence().values().flatten() {
            let sentence = sentence_around(&article.text, span.start, span.end);
            if !seen.contains(&sentence) {
                seen.push(sentence);
                if let Some(text) = article.text.get(sentence.0..sentence.1) {
                    context.push_str(text);
                    context.push('\n');
                }
            }
        }
        LinkEvent::new(
            event.id(),
            event.fields(),
            event.background(),
            casualties,
            article.meta.published,
            &context,
        )
    }

    /// A short description: "Battles, 2023-09 (month), Niger, 17 killed".
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(kind) = self
            .sub_event_type
            .map(|s| s.name())
            .or(self.event_type.map(|t| t.name()))
        {
            parts.push(kind.to_string());
        }
        if let Some(when) = self.when {
            parts.push(when.shown());
        }
        let place: Vec<&str> = [&self.location, &self.admin1, &self.country]
            .into_iter()
            .flatten()
            .map(|n| &*n.shown)
            .collect();
        if !place.is_empty() {
            parts.push(place.join(", "));
        }
        if let Some(&border) = self.borders.first().as_ref() {
            parts.push(format!("near the {} border", border.shown));
        }
        if let Some(toll) = self.fatalities {
            parts.push(format!("{toll} killed"));
        }
        parts.join("; ")
    }

    /// The article part of the event id.
    pub fn article(&self) -> &str {
        self.id
            .split_once('#')
            .map_or(&self.id, |(article, _)| article)
    }

    /// The country under which the index files this event, if known.
    pub(crate) fn country_key(&self) -> Option<u64> {
        self.country.as_ref().map(|c| c.key)
    }

    /// Countries whose border the event is near.
    pub(crate) fn border_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.borders.iter().map(|b| b.key)
    }

    pub(crate) fn months_to_search(&self) -> Option<std::ops::RangeInclusive<i32>> {
        self.when.map(|w| w.months_to_search())
    }

    /// The month buckets this event's interval covers.
    pub(crate) fn months(&self) -> Option<std::ops::RangeInclusive<i32>> {
        self.when
            .map(|w| month_of_day(w.first)..=month_of_day(w.last))
    }
}

/// "Unidentified Armed Group (Niger)" names no one: sharing it says nothing.
fn is_unidentified(actor: &str) -> bool {
    let lower = actor.trim_start().to_lowercase();
    lower.starts_with("unidentified") || lower.starts_with("unknown")
}

/// The byte range of the sentence (or line) holding `start..end`.
fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = start.min(text.len());
    let end = end.clamp(start, text.len());
    let is_break = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let from = text
        .get(..start)
        .and_then(|before| before.rfind(is_break))
        .map_or(0, |i| i + 1);
    let to = text
        .get(end..)
        .and_then(|after| after.find(is_break))
        .map_or(text.len(), |i| end + i + 1);
    (from, to.min(text.len()))
}

/// One piece of evidence for or against a link.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Reason {
    pub weight: f32,
    pub text: String,
}

/// Collects the score, and the reasons only when asked: ranking thousands
/// of candidates needs numbers, the few shown need words.
struct Tally {
    score: f32,
    reasons: Option<Vec<Reason>>,
}

impl Tally {
    fn add(&mut self, weight: f32, text: impl FnOnce() -> String) {
        self.score += weight;
        if let Some(reasons) = &mut self.reasons {
            reasons.push(Reason {
                weight,
                text: text(),
            });
        }
    }
}

/// The score of `a` and `b` being one real-world event (higher is more
/// likely; around 5 and up is a strong match).
pub fn score(a: &LinkEvent, b: &LinkEvent) -> f32 {
    let mut tally = Tally {
        score: 0.0,
        reasons: None,
    };
    compare(a, b, &mut tally);
    tally.score
}

/// The score with its reasons in words, strongest support first.
pub fn explain(a: &LinkEvent, b: &LinkEvent) -> (f32, Vec<Reason>) {
    let mut tally = Tally {
        score: 0.0,
        reasons: Some(Vec::new()),
    };
    compare(a, b, &mut tally);
    let mut reasons = tally.reasons.unwrap_or_default();
    reasons.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    (tally.score, reasons)
}

/// The reasons as one line: "same toll 17; both near the Burkina Faso border".
pub fn reasons_line(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn compare(a: &LinkEvent, b: &LinkEvent, tally: &mut Tally) {
    compare_tolls(a, b, tally);
    compare_places(a, b, tally);
    if let (Some(x), Some(y)) = (a.when, b.when) {
        compare_dates(x, y, tally);
    }
    compare_kinds(a, b, tally);
}

fn compare_tolls(a: &LinkEvent, b: &LinkEvent, tally: &mut Tally) {
    if let (Some(x), Some(y)) = (a.fatalities, b.fatalities) {
        let (low, high) = (x.min(y), x.max(y));
        if x == y && x > 0 {
            tally.add(3.5, || format!("same toll {x}"));
        } else if x == y {
            tally.add(0.3, || "no one killed in either".to_string());
        } else if low > 0 && (a.counts.contains(&y) || b.counts.contains(&x)) {
            // One side's toll is a part of the other's (17 soldiers of 117
            // dead); the parts may count different people, so weigh it less.
            tally.add(1.5, || format!("{low} killed in both (tolls {x} vs {y})"));
        } else if low == 0 {
            tally.add(-0.5, || format!("tolls {x} vs {y}"));
        } else if f64::from(low) / f64::from(high) >= 0.75 {
            tally.add(1.0, || format!("close tolls {x} vs {y}"));
        } else if f64::from(low) / f64::from(high) < 0.5 {
            tally.add(-1.5, || format!("tolls {x} vs {y}"));
        }
    }
    if let (Some(x), Some(y)) = (a.wounded, b.wounded)
        && x == y
        && x > 0
    {
        tally.add(1.0, || format!("same wounded {x}"));
    }
}

fn compare_places(a: &LinkEvent, b: &LinkEvent, tally: &mut Tally) {
    let same_location = match (&a.location, &b.location) {
        (Some(x), Some(y)) if x.key == y.key => {
            tally.add(3.0, || format!("same location {}", x.shown));
            true
        }
        _ => false,
    };
    match (a.coords, b.coords) {
        (Some(x), Some(y)) if !same_location => {
            let km = haversine_km(x, y);
            let room = place_room_km(x.precision) + place_room_km(y.precision);
            let precise = x.precision < 3 && y.precision < 3;
            if km <= room {
                tally.add(if precise { 2.0 } else { 0.7 }, || {
                    format!("{km:.0} km apart")
                });
            } else if km <= 3.0 * room {
                tally.add(0.5, || format!("{km:.0} km apart"));
            } else {
                tally.add(if precise { -2.5 } else { -1.0 }, || {
                    format!("{km:.0} km apart")
                });
            }
        }
        (None, _) | (_, None) => {
            if let (Some(x), Some(y)) = (&a.location, &b.location)
                && x.key != y.key
            {
                tally.add(-1.0, || {
                    format!("different places {} vs {}", x.shown, y.shown)
                });
            }
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (&a.admin1, &b.admin1) {
        if x.key == y.key {
            tally.add(1.5, || format!("both in {}", x.shown));
        } else {
            tally.add(-2.5, || format!("{} vs {}", x.shown, y.shown));
        }
    }
    if !a.borders.is_empty() && !b.borders.is_empty() {
        match a
            .borders
            .iter()
            .find(|x| b.borders.iter().any(|y| x.key == y.key))
        {
            Some(shared) => tally.add(2.0, || format!("both near the {} border", shared.shown)),
            None => tally.add(-1.5, || {
                format!(
                    "near the {} border vs near the {} border",
                    a.borders[0].shown, b.borders[0].shown
                )
            }),
        }
    }
    if let (Some(x), Some(y)) = (&a.country, &b.country)
        && x.key != y.key
    {
        let across =
            a.borders.iter().any(|n| n.key == y.key) || b.borders.iter().any(|n| n.key == x.key);
        if !across {
            tally.add(-3.0, || format!("{} vs {}", x.shown, y.shown));
        }
    }
}

/// Kilometres a place of this geo precision may be from where its
/// coordinates say: the named place, near it, or somewhere in a region.
fn place_room_km(precision: u8) -> f64 {
    match precision {
        1 => 5.0,
        2 => 20.0,
        _ => 75.0,
    }
}

fn haversine_km(a: Coords, b: Coords) -> f64 {
    crate::gazetteer::haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
}

fn compare_dates(x: When, y: When, tally: &mut Tally) {
    let (earlier, later) = if x.first <= y.first { (x, y) } else { (y, x) };
    let gap = (later.first - earlier.last)
        .max(earlier.first - later.last)
        .max(0);
    let room = x.tolerance() + y.tolerance() + later.reach_back();
    let best = match x.precision.max(y.precision) {
        1 => 3.0,
        2 => 2.0,
        3 => 1.5,
        _ => 0.5,
    };
    let weight = if gap == 0 {
        best
    } else {
        (best * (1.0 - gap as f32 / room as f32)).max(-4.0)
    };
    let both_days = x.precision == 1 && y.precision == 1;
    if both_days && x.date == y.date {
        tally.add(weight, || format!("same date {}", x.date));
    } else if weight >= 0.0 {
        tally.add(weight, || format!("dates {} vs {}", x.shown(), y.shown()));
    } else {
        tally.add(weight, || {
            format!("dates {} vs {} ({gap} days apart)", x.shown(), y.shown())
        });
    }
}

fn compare_kinds(a: &LinkEvent, b: &LinkEvent, tally: &mut Tally) {
    match (
        (a.event_type, a.sub_event_type),
        (b.event_type, b.sub_event_type),
    ) {
        ((_, Some(x)), (_, Some(y))) if x == y => tally.add(0.8, || format!("both {x}")),
        ((Some(x), _), (Some(y), _)) if x == y => tally.add(0.5, || format!("both {x}")),
        ((Some(x), _), (Some(y), _)) => tally.add(-0.7, || format!("{x} vs {y}")),
        _ => {}
    }
    let mut shared = 0;
    for actor in &a.actors {
        if shared < 2 && b.actors.iter().any(|o| o.key == actor.key) {
            shared += 1;
            tally.add(0.6, || format!("both name {}", actor.shown));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    fn event(id: &str, published: &str, pairs: &[(Field, &str)], context: &str) -> LinkEvent {
        let mut fields = EventFields::default();
        for (field, value) in pairs {
            fields.set(*field, value).unwrap();
        }
        LinkEvent::new(
            id,
            &fields,
            false,
            &BTreeMap::new(),
            Some(published.parse().unwrap()),
            context,
        )
    }

    fn koutougou_en() -> LinkEvent {
        event(
            "en#x1",
            "2023-08-16",
            &[
                (Field::EventType, "Battles"),
                (Field::SubEventType, "Armed clash"),
                (Field::EventDate, "2023-08-15"),
                (Field::TimePrecision, "1"),
                (Field::Country, "Niger"),
                (Field::Admin1, "Tillaberi"),
                (Field::Location, "Koutougou"),
                (Field::Actor1, "Unidentified Armed Group (Niger)"),
                (Field::Actor2, "Military Forces of Niger"),
                (Field::Fatalities, "17"),
                (Field::Wounded, "20"),
            ],
            "17 of its soldiers had been killed in an ambush by insurgents near the \
             Burkina Faso border",
        )
    }

    fn last_month_fr() -> LinkEvent {
        event(
            "fr#x3",
            "2023-10-03",
            &[
                (Field::EventType, "Battles"),
                (Field::EventDate, "2023-09-01"),
                (Field::TimePrecision, "3"),
                (Field::Country, "Niger"),
                (Field::Fatalities, "17"),
            ],
            "Au moins 17 soldats ont été tués le mois dernier lors d’une autre attaque \
             près de la frontière avec le Burkina Faso.",
        )
    }

    #[test]
    fn the_same_ambush_told_differently_scores_high_with_reasons() {
        let (value, reasons) = explain(&koutougou_en(), &last_month_fr());
        let line = reasons_line(&reasons);
        assert!(value > 5.0, "{value} {line}");
        assert!(
            line.starts_with("same toll 17; both near the Burkina Faso border"),
            "{line}"
        );
        assert!(
            line.contains("dates 2023-08-15 vs 2023-09 (month)"),
            "{line}"
        );
        assert_eq!(value, score(&last_month_fr(), &koutougou_en()), "symmetric");
    }

    #[test]
    fn a_different_attack_at_the_same_place_scores_below_the_same_attack() {
        let other_week = event(
            "b#x1",
            "2023-08-24",
            &[
                (Field::EventType, "Battles"),
                (Field::EventDate, "2023-08-22"),
                (Field::TimePrecision, "1"),
                (Field::Country, "Niger"),
                (Field::Admin1, "Tillabéri"),
                (Field::Location, "Koutougou"),
                (Field::Fatalities, "4"),
            ],
            "Four soldiers died near Koutougou.",
        );
        let (value, reasons) = explain(&koutougou_en(), &other_week);
        let line = reasons_line(&reasons);
        assert!(line.contains("same location Koutougou"), "{line}");
        assert!(line.contains("(7 days apart)"), "{line}");
        assert!(line.contains("tolls 17 vs 4"), "{line}");
        assert!(
            value < score(&koutougou_en(), &last_month_fr()) - 3.0,
            "{value} {line}"
        );
        assert!(value < 1.0, "{value} {line}");
    }

    #[test]
    fn the_same_toll_on_other_days_elsewhere_is_no_match() {
        let elsewhere = event(
            "c#x1",
            "2023-10-03",
            &[
                (Field::EventType, "Battles"),
                (Field::EventDate, "2023-10-02"),
                (Field::TimePrecision, "1"),
                (Field::Country, "Niger"),
                (Field::Admin1, "Tahoua"),
                (Field::Fatalities, "17"),
            ],
            "17 soldats tués près de la frontière avec le Mali",
        );
        let (value, reasons) = explain(&koutougou_en(), &elsewhere);
        let line = reasons_line(&reasons);
        assert!(line.contains("same toll 17"), "{line}");
        assert!(line.contains("Tillaberi vs Tahoua"), "{line}");
        assert!(
            line.contains("near the Burkina Faso border vs near the Mali border"),
            "{line}"
        );
        assert!(value < 0.0, "{value} {line}");
    }

    #[test]
    fn a_later_vague_date_reaches_back_but_an_earlier_one_does_not() {
        let day = |d: &str| When::new(Some(d.parse().unwrap()), Some(1), false, None).unwrap();
        let month = |d: &str, published: &str| {
            When::new(
                Some(d.parse().unwrap()),
                Some(3),
                false,
                Some(published.parse().unwrap()),
            )
            .unwrap()
        };
        let weight = |x: When, y: When| {
            let mut tally = Tally {
                score: 0.0,
                reasons: None,
            };
            compare_dates(x, y, &mut tally);
            tally.score
        };
        // "Last month" told on 3 October of 15 August: still fits.
        assert!(weight(day("2023-08-15"), month("2023-09-01", "2023-10-03")) > 0.5);
        // An August "this month" cannot be an October day.
        assert!(weight(day("2023-10-20"), month("2023-08-01", "2023-08-20")) < -1.0);
        // Inside the month.
        assert_eq!(
            weight(day("2023-09-12"), month("2023-09-01", "2023-10-03")),
            1.5
        );
        // Days: one apart still counts for, a week apart against.
        assert!(weight(day("2023-08-15"), day("2023-08-16")) > 1.0);
        assert_eq!(weight(day("2023-08-15"), day("2023-08-22")), -4.0);
    }

    #[test]
    fn coordinates_count_with_room_for_precision() {
        let at = |id: &str, lat: &str, lon: &str, precision: &str| {
            event(
                id,
                "2023-08-16",
                &[
                    (Field::Latitude, lat),
                    (Field::Longitude, lon),
                    (Field::GeoPrecision, precision),
                ],
                "",
            )
        };
        let niamey = at("a#1", "13.5116", "2.1254", "1");
        let near = at("b#1", "13.6", "2.2", "2");
        let tahoua = at("c#1", "14.8888", "5.2692", "1");
        let distance = |a: &LinkEvent, b: &LinkEvent| {
            let (_, reasons) = explain(a, b);
            reasons
                .into_iter()
                .find(|r| r.text.ends_with("km apart"))
                .unwrap()
        };
        let close = distance(&niamey, &near);
        assert_eq!(close.text, "13 km apart");
        assert!(close.weight > 0.0);
        let far = distance(&niamey, &tahoua);
        assert_eq!((far.text.as_str(), far.weight), ("372 km apart", -2.5));
    }

    #[test]
    fn months_and_days_count_on_the_calendar() {
        let date = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(day_number(date("1970-01-01")), 0);
        assert_eq!(
            day_number(date("2023-08-16")) - day_number(date("2023-08-15")),
            1
        );
        assert_eq!(
            day_number(date("2024-03-01")) - day_number(date("2024-02-28")),
            2
        );
        assert_eq!(month_of_day(day_number(date("2023-08-31"))), 2023 * 12 + 7);
        assert_eq!(month_of_day(day_number(date("2024-01-01"))), 2024 * 12);
        assert_eq!(month_of_day(day_number(date("1969-12-31"))), 1969 * 12 + 11);
    }

    #[test]
    fn evidence_sentences_are_the_context() {
        let text = "First sentence. Killed near the Mali border, it said.\nNext line.";
        let start = text.find("Killed").unwrap();
        let (from, to) = sentence_around(text, start + 2, start + 6);
        assert_eq!(&text[from..to], " Killed near the Mali border, it said.");
        assert_eq!(sentence_around(text, 0, 5), (0, 15));
        assert_eq!(sentence_around(text, 999, 999), (text.len(), text.len()));
    }
}
