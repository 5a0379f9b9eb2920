//! From sentences to events: one event per real incident.
//!
//! A news report tells an incident over several sentences: the toll, then
//! where, then when, then the wounded, then the attackers' losses. A
//! sentence joins the incident being told unless something says it is
//! another one:
//!
//! - a marker: "another attack", "in a separate incident", "previously",
//!   "une autre attaque", "par ailleurs";
//! - a different date, place (town more than [`SAME_PLACE_KM`] away, another
//!   region or country) or toll (a new count for the same victims with a
//!   new, indefinite trigger: "an attack ... killed 5 soldiers");
//! - distance: a sentence with its own count more than [`MAX_GAP`]
//!   sentences after the incident's last one starts a new incident, unless
//!   it refers back ("the attack", "l'attaque", "took place", "also").
//!
//! A sentence that refers back joins the latest incident it agrees with,
//! however far. Incidents the article mentions as context (dated weeks
//! before publication, or introduced by "previously") are marked
//! background; they are still events.
//!
//! Field rules (ACLED):
//!
//! - fatalities: for each side, the lowest count reported (ACLED's
//!   lowest-number rule); sides added up; a count of "people" is a total
//!   that the sides may detail (or, beside a single count of civilians,
//!   another report of the same dead: the lowest is kept). A belligerent's
//!   claim of enemy losses ("the army said it killed 40", "plusieurs
//!   dizaines de terroristes ont été tués") is added as ACLED adds every
//!   side, and kept in `casualties` as "assailants (claimed)" so that the
//!   reviewer sees it and may take it out. A claim that only says
//!   "neutralised" or "eliminated" (killed or captured) is not added beside
//!   a stated toll: 17, not 117, for the seed ambush (the conservative
//!   value its notes give); it is still shown in `casualties`.
//! - event date: a date next to the incident's words; else any date in its
//!   sentences; else the date of the statement reporting it (time
//!   precision 2: the incident happened on or shortly before); else, for an
//!   incident that is the news of the day (not background), the
//!   publication date with time precision 2. Without a publication date,
//!   relative dates stay unresolved and the date is left empty.
//! - place: the most specific place of the incident's sentences; a town
//!   said plainly is geo precision 1, "near X" or "N km from X" 2, a region
//!   alone 3 (its name as location, as ACLED does with a region's seat).
//!   A country named as a neighbour ("near the Mali border") is never the
//!   place. The country follows the place, else the article's country.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::actors;
use super::facts::{
    ActorMention, ActorRef, Casualty, DateFact, DateRole, Facts, Modifier, PlaceFact, Reader,
};
use super::triggers::{Outcome, Side, Trigger};
use crate::gazetteer::{PlaceKind, distance_km};
use crate::model::{Candidate, EventFields, EventType, Evidence, Field, Span, SubEventType};

/// Sentences with their own count this far after an incident start a new
/// one unless they refer back.
pub const MAX_GAP: usize = 2;
/// Two towns closer than this can be one incident ("near X", then "in Y").
pub const SAME_PLACE_KM: f64 = 100.0;
/// A sentence that refers back ("the attack") is matched against this
/// many of the latest incidents, and each incident's first sentences only,
/// so that the work stays linear in the length of the text.
pub const LOOK_BACK: usize = 8;

/// Incidents dated more than this many days before publication are
/// background.
pub const BACKGROUND_DAYS: i32 = 10;

/// What the whole article says about where it happens.
#[derive(Clone, Copy, Default)]
pub struct Setting<'g> {
    /// The article's own country and its first mention (an empty span:
    /// named in the headline only).
    pub country: Option<(&'g str, Span)>,
    /// The one region all the article's known places lie in, if they do:
    /// the region of a village the gazetteer does not know.
    pub region: Option<PlaceFact<'g>>,
}

/// A sentence read, with its position among the article's sentences.
pub struct Read<'g> {
    pub ordinal: usize,
    pub facts: Facts<'g>,
}

struct Incident {
    /// Indexes into the read sentences, in text order; the first is the anchor.
    members: Vec<usize>,
    last_ordinal: usize,
    /// When its anchor says it happened relative to the incident before
    /// ("the same day", "two days later") and gives no date of its own.
    relative_date: Option<DateFact>,
}

/// Groups read sentences into incidents and writes one candidate each.
pub fn assemble(
    reader: &Reader<'_>,
    article_id: &str,
    read: &[Read<'_>],
    setting: Setting<'_>,
) -> Vec<Candidate> {
    let incidents = group(read);
    let mut ids = std::collections::HashSet::with_capacity(incidents.len());
    let mut out = Vec::with_capacity(incidents.len());
    for incident in &incidents {
        let members: Vec<&Facts<'_>> = incident.members.iter().map(|&i| &read[i].facts).collect();
        let told_before = out.last().and_then(|c: &Candidate| {
            Some((c.fields.event_date?, c.fields.time_precision.unwrap_or(1)))
        });
        if let Some(mut candidate) = build(reader, &members, setting, told_before) {
            candidate.id = event_id(article_id, reader.text, members[0].span, &ids);
            ids.insert(candidate.id.clone());
            out.push(candidate);
        }
    }
    out
}

fn group(read: &[Read<'_>]) -> Vec<Incident> {
    let mut incidents: Vec<Incident> = Vec::new();
    // Whether each read sentence already belongs to an incident.
    let mut attached = vec![false; read.len()];
    for (i, r) in read.iter().enumerate() {
        let f = &r.facts;
        if !f.is_eventful() {
            // "The attackers, believed to be Boko Haram fighters, fled":
            // who did it, told right after the incident.
            if f.attribution
                && !f.generic
                && let Some(last) = incidents.last_mut()
                && r.ordinal == last.last_ordinal + 1
            {
                last.members.push(i);
                last.last_ordinal = r.ordinal;
                attached[i] = true;
            }
            continue;
        }
        let target = if f.toll_update && !incidents.is_empty() {
            // "The toll rose to 11 on Monday": the incident just told.
            Some(incidents.len() - 1)
        } else if f.new_incident.is_some() {
            None
        } else if f.anaphoric || f.occurred || f.also {
            let recent = incidents.len().saturating_sub(LOOK_BACK);
            incidents[recent..]
                .iter()
                .rposition(|inc| agrees(read, inc, f) && !conflicting_toll(read, inc, f))
                .map(|i| recent + i)
        } else {
            incidents.len().checked_sub(1).filter(|&last| {
                let inc = &incidents[last];
                let near = r.ordinal - inc.last_ordinal <= MAX_GAP || !f.is_anchor();
                near && agrees(read, inc, f) && !conflicting_toll(read, inc, f)
            })
        };
        match target {
            Some(t) => {
                incidents[t].members.push(i);
                incidents[t].last_ordinal = r.ordinal;
                attached[i] = true;
            }
            None if f.is_anchor() => {
                // A definite reference with nothing told before: the
                // sentence right before, read for it, is its antecedent.
                let antecedent = i.checked_sub(1).filter(|&j| {
                    f.anaphoric
                        && f.relative.is_none()
                        && read[j].ordinal + 1 == r.ordinal
                        && !read[j].facts.is_eventful()
                        && !attached[j]
                });
                for m in antecedent.into_iter().chain([i]) {
                    attached[m] = true;
                }
                let relative_date = f.relative.and_then(|rel| {
                    let before = incidents.last()?;
                    let date = before
                        .members
                        .iter()
                        .find_map(|&m| event_date_fact(&read[m].facts))
                        .or(before.relative_date)?;
                    Some(DateFact {
                        span: rel.span,
                        date: date
                            .date
                            .checked_add(jiff::Span::new().days(i64::from(rel.days)))
                            .ok()?,
                        precision: date.precision.max(rel.precision),
                        role: DateRole::Event,
                    })
                });
                incidents.push(Incident {
                    members: antecedent.into_iter().chain([i]).collect(),
                    last_ordinal: r.ordinal,
                    relative_date,
                })
            }
            None => {}
        }
    }
    incidents
}

/// Whether sentence `f` can tell the same incident as `inc`: no
/// disagreement on date or place.
fn agrees(read: &[Read<'_>], inc: &Incident, f: &Facts<'_>) -> bool {
    let members = || inc.members.iter().take(LOOK_BACK).map(|&i| &read[i].facts);
    let inc_date = members()
        .find_map(|m| event_date_fact(m))
        .or(inc.relative_date);
    if let (Some(a), Some(b)) = (inc_date, event_date_fact(f))
        && !same_time(a, b)
    {
        return false;
    }
    let mine = f.places.iter().filter(|p| !p.border);
    for p in mine {
        for q in members().flat_map(|m| m.places.iter().filter(|q| !q.border)) {
            if places_disagree(p, q) {
                return false;
            }
        }
    }
    true
}

/// A new count of victims already counted, brought by an indefinite new
/// trigger ("an attack killed 5 soldiers"), is another incident.
fn conflicting_toll(read: &[Read<'_>], inc: &Incident, f: &Facts<'_>) -> bool {
    if f.anaphoric || f.triggers.iter().all(|t| t.2) {
        return false;
    }
    f.casualties.iter().filter(|c| counts(c)).any(|c| {
        inc.members
            .iter()
            .take(LOOK_BACK)
            .flat_map(|&i| read[i].facts.casualties.iter())
            .any(|d| counts(d) && d.outcome == c.outcome && d.side == c.side && d.count != c.count)
    })
}

fn counts(c: &Casualty) -> bool {
    !c.subset && !c.claimed
}

fn event_date_fact(f: &Facts<'_>) -> Option<DateFact> {
    f.dates
        .iter()
        .filter(|d| d.role != DateRole::Report)
        .min_by_key(|d| d.role)
        .copied()
}

/// Whether two dates can be the same time, given their precision.
fn same_time(a: DateFact, b: DateFact) -> bool {
    match a.precision.max(b.precision) {
        1 => a.date == b.date,
        2 => days_between(a.date, b.date).abs() <= 7,
        _ => a.date.year() == b.date.year() && a.date.month() == b.date.month(),
    }
}

fn days_between(a: Date, b: Date) -> i32 {
    a.since(b).map_or(i32::MAX, |span| span.get_days())
}

/// Two places that cannot be where one incident happened.
fn places_disagree(p: &PlaceFact<'_>, q: &PlaceFact<'_>) -> bool {
    let approximate = |x: &PlaceFact<'_>| matches!(x.modifier, Modifier::Distance(_));
    if approximate(p) || approximate(q) {
        return false;
    }
    match (p.place, q.place) {
        (Some(a), Some(b)) => {
            if a.country != b.country {
                return true;
            }
            match (a.kind, b.kind) {
                (PlaceKind::Town, PlaceKind::Town) => {
                    a.name != b.name && distance_km(&a, &b) > SAME_PLACE_KM
                }
                (PlaceKind::Region, PlaceKind::Region) => a.admin1 != b.admin1,
                (PlaceKind::Town, PlaceKind::Region) | (PlaceKind::Region, PlaceKind::Town) => {
                    !a.admin1.is_empty() && !b.admin1.is_empty() && a.admin1 != b.admin1
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// Everything decided about one incident, with its evidence.
struct Draft {
    fields: EventFields,
    evidence: Evidence,
    confidence: BTreeMap<Field, f32>,
    casualties: BTreeMap<String, u32>,
}

impl Draft {
    fn set(&mut self, field: Field, spans: &[Span], confidence: f32) {
        let mut spans = spans.to_vec();
        spans.sort();
        spans.dedup();
        self.evidence.insert(field, spans);
        self.confidence.insert(field, confidence);
    }
}

fn build(
    reader: &Reader<'_>,
    members: &[&Facts<'_>],
    setting: Setting<'_>,
    told_before: Option<(Date, u8)>,
) -> Option<Candidate> {
    let mut draft = Draft {
        fields: EventFields::default(),
        evidence: Evidence::new(),
        confidence: BTreeMap::new(),
        casualties: BTreeMap::new(),
    };
    let anchor = members[0];
    let (place, country) = decide_place(reader, members, setting, &mut draft);
    let tolls = decide_tolls(members, &mut draft);
    let has_place = place || country.is_some();
    let has_count = tolls;
    // Without a count, an incident needs a place and words that are
    // violence or unrest by themselves ("an ambush", "a protest"), or an
    // attack with a party to it: "the minister attacked the opposition" is
    // not one.
    let telling = members.iter().flat_map(|m| m.triggers.iter()).any(|t| {
        !t.2 && (t.1 != Trigger::Attack
            || members.iter().any(|m| {
                !m.targets.is_empty()
                    || !m.victims.is_empty()
                    || m.actors.iter().any(|a| match a.actor {
                        ActorRef::Party(side) => side.is_armed(),
                        ActorRef::Group(_) => true,
                    })
            }))
    });
    if !(has_count || telling && has_place) {
        return None;
    }
    // People killed with nothing that says violence (no trigger, no armed
    // party or group): a road accident, a disaster, not ACLED's.
    let violence = members.iter().any(|m| {
        !m.triggers.is_empty()
            || m.actors.iter().any(|a| match a.actor {
                ActorRef::Party(side) => side.is_armed() || side == Side::Protesters,
                ActorRef::Group(_) => true,
            })
    });
    if !violence {
        return None;
    }
    let background = decide_date(reader, members, told_before, &mut draft);
    let kind = classify(members);
    draft.fields.event_type = Some(kind.sub.event_type());
    draft.fields.sub_event_type = Some(kind.sub);
    draft.set(Field::EventType, &kind.evidence, kind.confidence);
    draft.set(Field::SubEventType, &kind.evidence, kind.confidence);
    decide_actors(
        reader,
        members,
        &kind,
        country.unwrap_or(("", "")),
        &mut draft,
    );
    if draft.fields.fatalities.is_none() {
        // ACLED: no fatality reported is 0.
        draft.fields.fatalities = Some(0);
        draft.set(Field::Fatalities, &kind.evidence, 0.5);
    }
    let notes = summary(reader.text, anchor.span);
    draft.fields.notes = Some(notes);
    draft.set(Field::Notes, &[anchor.span], 1.0);
    let background = background || anchor.previous;
    let confidence = overall_confidence(&draft, background);
    Some(Candidate {
        id: String::new(),
        background,
        confidence,
        fields: draft.fields,
        evidence: draft.evidence,
        field_confidence: draft.confidence,
        casualties: draft.casualties,
    })
}

/// The anchor sentence on one line, at most 300 bytes.
fn summary(text: &str, span: Span) -> String {
    let sentence = &text[span.start..span.end];
    let mut out = String::with_capacity(sentence.len().min(304));
    for word in sentence.split_whitespace() {
        if out.len() + word.len() + 1 > 300 {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn overall_confidence(draft: &Draft, background: bool) -> f32 {
    let core = [
        Field::EventType,
        Field::EventDate,
        Field::Country,
        Field::Fatalities,
    ];
    let sum: f32 = core
        .iter()
        .map(|f| draft.confidence.get(f).copied().unwrap_or(0.2))
        .sum();
    let mean = sum / core.len() as f32;
    let mean = if background { mean * 0.9 } else { mean };
    (mean * 100.0).round() / 100.0
}

/// One side's count: the lowest reported, preferring counts the text
/// states over vague words ("11 soldiers" over "several dozen soldiers").
#[derive(Default)]
struct SideCount {
    precise: Option<u32>,
    vague: Option<u32>,
    spans: Vec<Span>,
    /// Some count of the side says its people died (not only that they
    /// were "neutralised").
    certain: bool,
}

impl SideCount {
    fn add(&mut self, c: &Casualty) {
        let slot = if c.vague {
            &mut self.vague
        } else {
            &mut self.precise
        };
        *slot = Some(slot.map_or(c.count, |n| n.min(c.count)));
        self.spans.extend([c.quantity, c.word]);
        self.certain |= !c.uncertain;
    }

    fn value(&self) -> u32 {
        self.precise.or(self.vague).unwrap_or(0)
    }
}

/// Fatalities and wounded, with each side's count kept when sides add up
/// or a side's count is a claim. Returns whether the incident has a count.
///
/// A count of "people" is a total that the sides may detail, so the toll
/// is the larger of it and the sum of the sides, except beside a single
/// count of civilians, which it reports again (the lowest is kept). A
/// party's claim of the losses it inflicted ("it killed 40 terrorists")
/// is added, as ACLED adds every side; the reviewer sees it labelled
/// "(claimed)" in the casualties. A claim of "neutralised" enemies is
/// added only when no other count is stated.
fn decide_tolls(members: &[&Facts<'_>], draft: &mut Draft) -> bool {
    let all: Vec<&Casualty> = members
        .iter()
        .flat_map(|m| m.casualties.iter())
        .filter(|c| !c.subset)
        .collect();
    let no_casualty = members.iter().find_map(|m| m.no_casualty);
    let mut found = false;
    for (outcome, field) in [
        (Outcome::Killed, Field::Fatalities),
        (Outcome::Wounded, Field::Wounded),
    ] {
        let mut sides: BTreeMap<(bool, Side), SideCount> = BTreeMap::new();
        for c in all.iter().filter(|c| c.outcome == outcome && !c.update) {
            sides.entry((c.claimed, c.side)).or_default().add(c);
        }
        // "The toll rose to 11": the latest toll replaces the first ones.
        let update = all
            .iter()
            .rfind(|c| c.outcome == outcome && c.update && !c.claimed);
        if let Some(u) = update {
            let count = sides.entry((false, u.side)).or_default();
            *count = SideCount::default();
            count.add(u);
        }
        if sides.is_empty() {
            continue;
        }
        found = true;
        let stated = sides.keys().any(|(claimed, _)| !claimed);
        // The victims' toll: "people" is a total the sides may detail,
        // except beside one count of civilians, which it then reports
        // again ("nine civilians" / "11 people": the lowest, 9).
        let people = sides.get(&(false, Side::People));
        let named: Vec<(Side, &SideCount)> = sides
            .iter()
            .filter(|((claimed, side), _)| !claimed && *side != Side::People)
            .map(|((_, side), n)| (*side, n))
            .collect();
        let detailed: u32 = named.iter().map(|(_, n)| n.value()).sum();
        // "ten dead, including seven civilians and three fighters": the
        // people are more than the civilians.
        let armed_among = members
            .iter()
            .flat_map(|m| m.casualties.iter())
            .any(|c| c.outcome == outcome && c.side.is_armed());
        let victims = match (people, named.as_slice()) {
            // A stated number over a vague word ("25 bodies" over "dozens
            // of civilians"), else the lowest.
            (Some(p), [(Side::Civilians | Side::Protesters | Side::Unnamed, n)])
                if !armed_among =>
            {
                match (p.precise.is_some(), n.precise.is_some()) {
                    (true, false) => p.value(),
                    (false, true) => n.value(),
                    _ => p.value().min(n.value()),
                }
            }
            (Some(p), _) => p.value().max(detailed),
            (None, _) => detailed,
        };
        // Losses a party claims to have inflicted are added (ACLED counts
        // every side, each at its lowest figure), unless the same side is
        // counted by someone else, or the claim only says "neutralised"
        // (killed or captured) beside a stated toll: the conservative
        // reading, 17 and not 117 for the seed ambush.
        let claimed: u32 = sides
            .iter()
            .filter(|((claimed, side), n)| {
                *claimed && !sides.contains_key(&(false, *side)) && (n.certain || !stated)
            })
            .map(|(_, n)| n.value())
            .sum();
        let value = victims + claimed;
        let claims_only = !stated;
        let spans: Vec<Span> = sides
            .values()
            .flat_map(|n| n.spans.iter().copied())
            .collect();
        let exact = sides.values().all(|n| n.precise.is_some());
        let confidence = match (claims_only, exact, sides.len() > 1) {
            (true, _, _) => 0.4,
            (false, true, false) => 0.9,
            (false, true, true) => 0.75,
            (false, false, _) => 0.6,
        };
        match outcome {
            Outcome::Killed => {
                draft.fields.fatalities = Some(value);
                if sides.len() > 1 || sides.keys().any(|(claimed, _)| *claimed) {
                    for ((claimed, side), n) in &sides {
                        let label = if *claimed && !n.certain && stated {
                            format!("{} (claimed, neutralised: not added)", side.label())
                        } else if *claimed {
                            format!("{} (claimed)", side.label())
                        } else {
                            side.label().to_string()
                        };
                        draft.casualties.insert(label, n.value());
                    }
                }
            }
            _ => draft.fields.wounded = Some(value),
        }
        draft.set(field, &spans, confidence);
    }
    if draft.fields.fatalities.is_none()
        && let Some(span) = no_casualty
    {
        draft.fields.fatalities = Some(0);
        draft.set(Field::Fatalities, &[span], 0.8);
        found = true;
    }
    // Abductions and the missing are counts of an incident too.
    found
        || all
            .iter()
            .any(|c| matches!(c.outcome, Outcome::Abducted | Outcome::Missing))
}

/// Sets the date; returns whether the incident is background by its date.
fn decide_date(
    reader: &Reader<'_>,
    members: &[&Facts<'_>],
    told_before: Option<(Date, u8)>,
    draft: &mut Draft,
) -> bool {
    let dates = || members.iter().flat_map(|m| m.dates.iter());
    // "The next day, ...": a day after the incident told before.
    let relative = members[0].relative.and_then(|r| {
        let (date, precision) = told_before?;
        let date = date
            .checked_add(jiff::Span::new().days(i64::from(r.days)))
            .ok()?;
        Some((
            DateFact {
                span: r.span,
                date,
                precision: precision.max(r.precision),
                role: DateRole::Event,
            },
            if r.precision == 1 { 0.7 } else { 0.5 },
        ))
    });
    let chosen = dates()
        .filter(|d| d.role == DateRole::Event)
        .chain(dates().filter(|d| d.role == DateRole::Loose))
        .next()
        .map(|d| (*d, if d.role == DateRole::Event { 0.85 } else { 0.6 }))
        .or(relative)
        .or_else(|| {
            dates().find(|d| d.role == DateRole::Report).map(|d| {
                let mut d = *d;
                d.precision = d.precision.max(2);
                (d, 0.4)
            })
        });
    let background = match (chosen, reader.published) {
        (Some((d, _)), Some(published)) => is_old(d, published),
        _ => false,
    };
    let chosen = chosen.or_else(|| {
        // The news of the day: the publication date, within the week.
        let published = reader.published?;
        let anchor = members.iter().flat_map(|m| m.triggers.iter()).next();
        let evidence = anchor.map(|t| t.0).or_else(|| {
            members
                .iter()
                .flat_map(|m| m.casualties.iter())
                .next()
                .map(|c| c.word)
        })?;
        let fallback = DateFact {
            span: evidence,
            date: published,
            precision: 2,
            role: DateRole::Report,
        };
        (!members[0].previous).then_some((fallback, 0.3))
    });
    if let Some((d, confidence)) = chosen {
        draft.fields.event_date = Some(d.date);
        draft.fields.time_precision = Some(d.precision);
        draft.set(Field::EventDate, &[d.span], confidence);
        draft.set(Field::TimePrecision, &[d.span], confidence);
    }
    background
}

/// Dated well before publication, or only to a month before the
/// publication's month.
fn is_old(d: DateFact, published: Date) -> bool {
    if d.precision >= 3 {
        let months = (i32::from(published.year()) * 12 + i32::from(published.month()))
            - (i32::from(d.date.year()) * 12 + i32::from(d.date.month()));
        return months >= 1;
    }
    days_between(published, d.date) > BACKGROUND_DAYS
}

/// Sets location, admin1/2, coordinates, geo precision and country.
/// Returns whether a place below the country was found, and the country
/// (ISO code, name) chosen.
fn decide_place<'g>(
    reader: &Reader<'g>,
    members: &[&Facts<'g>],
    setting: Setting<'g>,
    draft: &mut Draft,
) -> (bool, Option<(&'g str, &'g str)>) {
    let places: Vec<&PlaceFact<'g>> = members
        .iter()
        .flat_map(|m| m.places.iter())
        .filter(|p| !p.border)
        .collect();
    let anchor = members[0];
    let is_region = |p: &PlaceFact<'g>| p.kind() == PlaceKind::Region || p.area;
    let regions: Vec<&&PlaceFact<'g>> = places.iter().filter(|p| is_region(p)).collect();
    let in_region = |p: &PlaceFact<'g>| {
        let admin1 = p.place.map_or("", |pl| pl.admin1);
        regions.iter().any(|r| {
            r.place
                .is_some_and(|rp| !admin1.is_empty() && rp.admin1 == admin1)
        })
    };
    let score = |p: &PlaceFact<'g>| -> i32 {
        let how = match p.modifier {
            _ if p.district => 15,
            Modifier::At => 30,
            Modifier::Near(_) => 25,
            Modifier::Distance(_) => 10,
        };
        let region = if in_region(p) { 20 } else { 0 };
        let known = if p.place.is_some() { 5 } else { 0 };
        let introduced = if p.introduced { 10 } else { 0 };
        let in_anchor = if anchor.span.contains(p.span.start) {
            15
        } else {
            0
        };
        how + region + known + introduced + in_anchor
    };
    let town = places
        .iter()
        .filter(|p| p.kind() == PlaceKind::Town && !p.area)
        .max_by_key(|p| (score(p), std::cmp::Reverse(p.span.start)))
        .copied();
    let region = regions
        .iter()
        .find(|r| r.kind() == PlaceKind::Region)
        .or(regions.first())
        .map(|r| **r);
    let mut country: Option<(&'g str, &'g str)> = None;
    let mut country_span = None;
    let mut found = false;
    if let Some(t) = town {
        found = true;
        let name = &reader.text[t.span.start..t.span.end];
        let (precision, modifier_span) = match t.modifier {
            Modifier::At => (1, None),
            Modifier::Near(s) | Modifier::Distance(s) => (2, Some(s)),
        };
        let confidence = match (t.place.is_some(), precision) {
            _ if t.weak => 0.4,
            (true, 1) => 0.85,
            (true, _) => 0.7,
            (false, _) => 0.55,
        };
        match t.place {
            Some(p) => {
                draft.fields.location = Some(p.name.to_string());
                draft.fields.latitude = Some(crate::model::round_coordinate(p.latitude));
                draft.fields.longitude = Some(crate::model::round_coordinate(p.longitude));
                draft.set(Field::Latitude, &[t.span], confidence);
                draft.set(Field::Longitude, &[t.span], confidence);
                // A region named beside the town, in its country, is the
                // text's word on the town's region (the gazetteer's may
                // predate a new region: Inékar, "dans la région de Ménaka").
                let told = region
                    .filter(|r| r.kind() == PlaceKind::Region)
                    .and_then(|r| r.place.map(|rp| (r.span, rp)))
                    .filter(|(span, rp)| {
                        rp.country == p.country
                            && members.iter().any(|m| {
                                m.span.contains(span.start) && m.span.contains(t.span.start)
                            })
                    });
                if let Some((span, rp)) = told.filter(|(_, rp)| rp.admin1 != p.admin1) {
                    draft.fields.admin1 = Some(rp.admin1.to_string());
                    draft.set(Field::Admin1, &[span], confidence);
                } else if !p.admin1.is_empty() {
                    draft.fields.admin1 = Some(p.admin1.to_string());
                    let spans: Vec<Span> = std::iter::once(t.span)
                        .chain(region.filter(|r| in_region(r)).map(|r| r.span))
                        .collect();
                    draft.set(Field::Admin1, &spans, confidence);
                }
                if !p.admin2.is_empty() {
                    draft.fields.admin2 = Some(p.admin2.to_string());
                    draft.set(Field::Admin2, &[t.span], confidence * 0.9);
                }
                country = Some((p.country_code, p.country));
                country_span = Some(t.span);
            }
            None => {
                draft.fields.location = Some(name.to_string());
                // The region named, else that of a known place the village
                // is told beside ("the village of X, in the Nara area").
                let beside = places
                    .iter()
                    .filter(|p| p.place.is_some_and(|pl| pl.kind != PlaceKind::Country))
                    .min_by_key(|p| p.span.start.abs_diff(t.span.start));
                if let Some(r) = region
                    .or(beside.copied())
                    .or(setting.region.as_ref())
                    .and_then(|r| r.place.map(|p| (r.span, p)))
                {
                    draft.fields.admin1 = Some(r.1.admin1.to_string());
                    draft.set(Field::Admin1, &[r.0], 0.7);
                    country = Some((r.1.country_code, r.1.country));
                    country_span = Some(r.0);
                }
            }
        }
        draft.set(Field::Location, &[t.span], confidence);
        draft.fields.geo_precision = Some(precision);
        let spans: Vec<Span> = modifier_span.into_iter().chain([t.span]).collect();
        draft.set(Field::GeoPrecision, &spans, confidence);
    } else if let Some(r) = region.and_then(|r| r.place.map(|p| (r, p))) {
        found = true;
        let (fact, p) = r;
        draft.fields.location = Some(p.name.to_string());
        draft.fields.admin1 = Some(
            if p.admin1.is_empty() {
                p.name
            } else {
                p.admin1
            }
            .to_string(),
        );
        draft.fields.latitude = Some(crate::model::round_coordinate(p.latitude));
        draft.fields.longitude = Some(crate::model::round_coordinate(p.longitude));
        draft.fields.geo_precision = Some(3);
        for field in [
            Field::Location,
            Field::Admin1,
            Field::Latitude,
            Field::Longitude,
            Field::GeoPrecision,
        ] {
            draft.set(field, &[fact.span], 0.7);
        }
        country = Some((p.country_code, p.country));
        country_span = Some(fact.span);
    } else if let Some((fact, p)) = (setting.region.as_ref())
        .and_then(|r| r.place.map(|p| (r, p)))
        .filter(|(_, p)| !p.admin1.is_empty())
    {
        // No place of its own in an article whose places all lie in one
        // region: that region, at low confidence, and no location (the
        // reviewer names it or confirms the region).
        draft.fields.admin1 = Some(p.admin1.to_string());
        draft.set(Field::Admin1, &[fact.span], 0.4);
        country = Some((p.country_code, p.country));
        country_span = Some(fact.span);
    }
    if country.is_none()
        && let Some(c) = places
            .iter()
            .find(|p| p.kind() == PlaceKind::Country)
            .and_then(|p| p.place.map(|pl| (p.span, pl)))
    {
        country = Some((c.1.country_code, c.1.country));
        country_span = Some(c.0);
    }
    let mut country_confidence = match town {
        Some(t) if t.weak => 0.4,
        _ if found => 0.9,
        _ => 0.75,
    };
    if country.is_none()
        && let Some((name, span)) = setting.country
    {
        // Named only in the headline: the incident's own words stand in.
        let span = if span.is_empty() {
            members[0].span
        } else {
            span
        };
        let code = reader
            .gazetteer
            .country_by_name_or_demonym(name)
            .map_or("", |c| c.code);
        country = Some((code, name));
        country_span = Some(span);
        country_confidence = 0.6;
    }
    if let (Some((_, name)), Some(span)) = (country, country_span) {
        draft.fields.country = Some(name.to_string());
        draft.set(Field::Country, &[span], country_confidence);
    }
    (found, country)
}

/// The event type and sub-type, with the words that decided it.
struct Kind {
    sub: SubEventType,
    evidence: Vec<Span>,
    confidence: f32,
}

fn classify(members: &[&Facts<'_>]) -> Kind {
    // Plural triggers ("the killings", "les tueries") speak of other
    // events; they decide the kind only when nothing else does.
    let singular = members.iter().flat_map(|m| m.triggers.iter()).any(|t| !t.2);
    let triggers: Vec<(Span, Trigger)> = members
        .iter()
        .flat_map(|m| m.triggers.iter())
        .filter(|t| !(singular && t.2))
        .map(|t| (t.0, t.1))
        .collect();
    let first = |wanted: &[Trigger]| -> Option<Span> {
        triggers
            .iter()
            .find(|(_, t)| wanted.contains(t))
            .map(|(s, _)| *s)
    };
    let casualties: Vec<&Casualty> = members.iter().flat_map(|m| m.casualties.iter()).collect();
    let victim_sides: Vec<(Side, Span)> = casualties
        .iter()
        .filter(|c| !c.claimed && c.outcome != Outcome::Missing)
        .map(|c| (c.side, c.party.unwrap_or(c.quantity)))
        .chain(members.iter().flat_map(|m| m.victims.iter().copied()))
        .chain(
            members
                .iter()
                .flat_map(|m| m.targets.iter().map(|&(s, side)| (side, s))),
        )
        .collect();
    let armed_victim = victim_sides
        .iter()
        .find(|(side, _)| matches!(side, Side::Military | Side::Police | Side::Militia))
        .map(|(_, s)| *s);
    let attackers_killed = casualties
        .iter()
        .find(|c| c.side == Side::Attackers && c.outcome == Outcome::Killed)
        .map(|c| c.quantity);
    let civilian_victim = victim_sides
        .iter()
        .find(|(side, _)| matches!(side, Side::Civilians | Side::People | Side::Unnamed))
        .map(|(_, s)| *s);
    let killed = casualties
        .iter()
        .any(|c| c.outcome == Outcome::Killed && !c.claimed && c.count > 0);
    let abducted = casualties
        .iter()
        .find(|c| c.outcome == Outcome::Abducted)
        .map(|c| c.word);
    let protesters_killed = casualties
        .iter()
        .find(|c| c.side == Side::Protesters && c.outcome == Outcome::Killed)
        .map(|c| c.quantity);
    let kind = |sub, evidence: Vec<Option<Span>>, confidence| Kind {
        sub,
        evidence: evidence.into_iter().flatten().collect(),
        confidence,
    };
    use SubEventType as S;
    use Trigger as T;
    let battle = first(&[T::Ambush, T::Clash]);
    let ground_fight = battle.or(attackers_killed).is_some() && armed_victim.is_some();

    if let Some(s) = first(&[T::AirStrike]) {
        return kind(S::AirDroneStrike, vec![Some(s)], 0.85);
    }
    let protesters = members
        .iter()
        .flat_map(|m| m.actors.iter())
        .find(|a| a.actor == ActorRef::Party(Side::Protesters))
        .map(|a| a.span);
    let crowd = first(&[T::Protest, T::Riot, T::Mob]).or(protesters);
    // Clashes between a crowd and the police are the crowd's event, not a
    // battle, unless armed men or a group take part.
    let armed_men = members
        .iter()
        .flat_map(|m| m.actors.iter())
        .any(|a| match a.actor {
            ActorRef::Party(side) => side == Side::Attackers || side == Side::Militia,
            ActorRef::Group(_) => true,
        });
    // "trois personnes ont été tuées lors de heurts avec la police":
    // clashes with the police alone, no armed men, are a crowd's.
    let named_party = |wanted: Side| {
        members
            .iter()
            .flat_map(|m| m.actors.iter())
            .any(|a| a.actor == ActorRef::Party(wanted))
    };
    let police_clash = first(&[T::Clash])
        .filter(|_| !armed_men && named_party(Side::Police) && !named_party(Side::Military));
    let police_clash = police_clash.filter(|_| crowd.is_none());
    let crowd = crowd.or(police_clash);
    let clash = if crowd.is_some() && !armed_men {
        None
    } else {
        first(&[T::Clash])
    };
    // Fire opened on a crowd, a crowd storming a building: the crowd's
    // event, with the forces' response, unless armed men are there.
    let crowd_only = crowd.is_some() && !armed_men;
    let ground: &[Trigger] = if crowd_only {
        &[]
    } else {
        &[T::Ambush, T::Attack, T::Massacre]
    };
    let armed = clash.or(first(ground)).or(first(&[
        T::Ied,
        T::Suicide,
        T::Shelling,
        T::Grenade,
        T::Explosion,
        T::Abduction,
    ]));
    if let Some(c) = crowd
        && armed.is_none()
    {
        if let Some(s) = first(&[T::Mob]) {
            return kind(S::MobViolence, vec![Some(s)], 0.75);
        }
        if let Some(s) = first(&[T::Riot, T::Vandalism]).or(police_clash) {
            return kind(S::ViolentDemonstration, vec![Some(s)], 0.75);
        }
        // Protesters (or people at a protest) killed where the forces
        // intervened: excessive force.
        let repression = first(&[T::Repression]);
        let forces_there = members
            .iter()
            .flat_map(|m| m.actors.iter())
            .any(|a| matches!(a.actor, ActorRef::Party(Side::Police | Side::Military)));
        let crowd_killed = protesters_killed.or_else(|| {
            casualties
                .iter()
                .find(|c| {
                    c.outcome == Outcome::Killed
                        && !c.claimed
                        && matches!(c.side, Side::People | Side::Civilians | Side::Unnamed)
                })
                .map(|c| c.quantity)
        });
        if let Some(k) = crowd_killed
            && (protesters_killed.is_some() || repression.is_some() || forces_there)
        {
            return kind(
                S::ExcessiveForceAgainstProtesters,
                vec![Some(c), Some(k)],
                0.7,
            );
        }
        if let Some(r) = repression {
            return kind(S::ProtestWithIntervention, vec![Some(c), Some(r)], 0.75);
        }
        return kind(S::PeacefulProtest, vec![Some(c)], 0.75);
    }
    for (trigger, sub) in [
        (T::Suicide, S::SuicideBomb),
        (T::Ied, S::RemoteExplosiveLandmineIed),
        (T::Shelling, S::ShellingArtilleryMissileAttack),
        (T::Grenade, S::Grenade),
    ] {
        if let Some(s) = first(&[trigger]) {
            // Explosives used within a ground assault: ACLED codes the
            // whole as the armed clash.
            if ground_fight {
                return kind(
                    S::ArmedClash,
                    vec![battle.or(attackers_killed), Some(s)],
                    0.6,
                );
            }
            return kind(sub, vec![Some(s)], 0.8);
        }
    }
    if let Some(s) = first(&[T::SexualViolence]) {
        return kind(S::SexualViolence, vec![Some(s)], 0.7);
    }
    if let Some(a) = abducted.or(first(&[T::Abduction]))
        && !killed
    {
        return kind(S::AbductionForcedDisappearance, vec![Some(a)], 0.8);
    }
    if let Some(v) = armed_victim {
        return kind(S::ArmedClash, vec![armed, Some(v)], 0.8);
    }
    // A clash or an ambush where no civilian is named among the dead:
    // armed men fought ("plusieurs dizaines de morts de part et d'autre").
    let named_civilians = victim_sides
        .iter()
        .any(|(side, _)| *side == Side::Civilians);
    if let Some(b) = battle
        && !named_civilians
    {
        return kind(S::ArmedClash, vec![Some(b)], 0.7);
    }
    if let Some(k) = attackers_killed {
        return kind(S::ArmedClash, vec![armed, Some(k)], 0.65);
    }
    if let Some(s) = first(&[T::Explosion]) {
        return kind(S::RemoteExplosiveLandmineIed, vec![Some(s)], 0.6);
    }
    let massacre = first(&[T::Massacre]);
    let evidence = vec![massacre.or(armed), civilian_victim];
    let confidence = if civilian_victim.is_some() || massacre.is_some() {
        0.75
    } else {
        0.5
    };
    kind(S::Attack, evidence, confidence)
}

/// An actor decided, with its evidence.
#[derive(Clone)]
struct Named {
    name: String,
    spans: Vec<Span>,
    confidence: f32,
}

/// Who acted (actor1) and against whom (actor2), as ACLED codes them.
///
/// The victims of the incident's first stated toll decide the sides:
/// soldiers, police or militiamen killed were attacked by an armed group;
/// assailants killed were fought by the state's forces; civilians (and
/// "people") were attacked by whoever the text makes the subject or agent
/// (state forces, a named group) or else by an unidentified armed group.
/// Named groups resolve in the event's country; when several different
/// groups are named and none is said to have acted, the attacker is left
/// unidentified. Protests and riots: the country's protesters or rioters,
/// and the police when they intervened; air strikes: the state's forces.
fn decide_actors(
    reader: &Reader<'_>,
    members: &[&Facts<'_>],
    kind: &Kind,
    country: (&str, &str),
    draft: &mut Draft,
) {
    let mentions: Vec<&ActorMention<'_>> = members.iter().flat_map(|m| m.actors.iter()).collect();
    let country_name = country.1;
    let known = !country_name.is_empty();
    let force = |m: &ActorMention<'_>| {
        let of = m.country.unwrap_or(country_name);
        let name = match m.actor {
            ActorRef::Party(Side::Police) => actors::police_forces(of),
            _ => actors::military_forces(of),
        };
        Named {
            name,
            spans: vec![m.span],
            confidence: if m.country.is_some() { 0.8 } else { 0.7 },
        }
    };
    let is_force =
        |m: &&&ActorMention<'_>| matches!(m.actor, ActorRef::Party(Side::Military | Side::Police));
    let group = named_group(reader, members, &mentions, country);
    let attackers_span = mentions
        .iter()
        .find(|m| m.actor == ActorRef::Party(Side::Attackers))
        .map(|m| m.span);
    let armed_group = || {
        group.clone().or_else(|| {
            known.then(|| Named {
                name: actors::unidentified_armed_group(country_name),
                spans: attackers_span.map_or_else(|| kind.evidence.clone(), |s| vec![s]),
                confidence: 0.6,
            })
        })
    };
    let civilians = |span: Span| {
        known.then(|| Named {
            name: actors::civilians(country_name),
            spans: vec![span],
            confidence: 0.7,
        })
    };
    let state_agent = mentions.iter().find(|m| m.agent && is_force(m)).copied();
    let any_force = mentions.iter().find(is_force).copied();
    let state = || {
        state_agent.or(any_force).map(force).or_else(|| {
            known.then(|| Named {
                name: actors::military_forces(country_name),
                spans: kind.evidence.clone(),
                confidence: 0.5,
            })
        })
    };
    // In a battle the armed victims are the other side, even when named
    // among more dead ("14 people, including six VDP").
    let victims = if kind.sub.event_type() == EventType::Battles {
        armed_victims(members).or_else(|| primary_victims(members))
    } else {
        primary_victims(members)
    };
    // Two groups fighting each other, no state force among them.
    let groups = groups_named(reader, members, &mentions, country);
    if kind.sub == SubEventType::ArmedClash
        && groups.len() >= 2
        && any_force.is_none()
        && !matches!(victims, Some((Side::Civilians, _)))
    {
        for (field, g) in [(Field::Actor1, &groups[0]), (Field::Actor2, &groups[1])] {
            match field {
                Field::Actor1 => draft.fields.actor1 = Some(g.0.clone()),
                _ => draft.fields.actor2 = Some(g.0.clone()),
            }
            draft.set(field, &[g.1], 0.7);
        }
        return;
    }

    let (actor1, actor2) = match kind.sub.event_type() {
        EventType::Protests | EventType::Riots => {
            let crowd = if kind.sub.event_type() == EventType::Riots {
                actors::rioters(country_name)
            } else {
                actors::protesters(country_name)
            };
            let actor1 = known.then(|| Named {
                name: crowd,
                spans: kind.evidence.clone(),
                confidence: 0.7,
            });
            let actor2 = match kind.sub {
                SubEventType::MobViolence => victims.and_then(|(_, span)| civilians(span)),
                SubEventType::PeacefulProtest => None,
                _ => mentions
                    .iter()
                    .find(|m| matches!(m.actor, ActorRef::Party(Side::Police | Side::Military)))
                    .map(|m| force(m)),
            };
            // Excessive force: the forces acted, the protesters were hit.
            if kind.sub == SubEventType::ExcessiveForceAgainstProtesters {
                (actor2, actor1)
            } else {
                (actor1, actor2)
            }
        }
        _ => match victims {
            Some((side @ (Side::Military | Side::Police), span))
                if kind.sub != SubEventType::AirDroneStrike =>
            {
                let victim = mentions
                    .iter()
                    .find(|m| m.span == span && is_force(m))
                    .or_else(|| mentions.iter().find(is_force))
                    .map(|m| force(m))
                    .or_else(|| {
                        // Named only as a target ("a military post").
                        known.then(|| Named {
                            name: match side {
                                Side::Police => actors::police_forces(country_name),
                                _ => actors::military_forces(country_name),
                            },
                            spans: vec![span],
                            confidence: 0.6,
                        })
                    });
                (armed_group(), victim)
            }
            Some((Side::Militia, span)) => {
                // A militia named among the victims ("six members of the
                // VDP"), else an unnamed one.
                let named = mentions.iter().find_map(|m| match m.actor {
                    ActorRef::Group(g) if m.span == span => reader.actors.resolve(&g, country),
                    _ => None,
                });
                let name = named.map_or_else(
                    || actors::unidentified_militia(country_name),
                    str::to_string,
                );
                (
                    armed_group(),
                    (known || named.is_some()).then(|| Named {
                        name,
                        spans: vec![span],
                        confidence: 0.6,
                    }),
                )
            }
            // Assailants killed: by the state's forces when the text says
            // so ("the army killed 20 militants"); in a clash with no
            // agent named, the armed group stays the attacker.
            Some((Side::Attackers, _)) if state_agent.is_some() => (state(), armed_group()),
            Some((Side::Attackers, _)) => match any_force {
                Some(f) => (armed_group(), Some(force(f))),
                None => (state(), armed_group()),
            },
            Some((_, span)) => {
                let actor1 = if kind.sub == SubEventType::AirDroneStrike {
                    state()
                } else {
                    state_agent.map(force).or_else(armed_group)
                };
                (actor1, civilians(span))
            }
            None if kind.sub == SubEventType::AirDroneStrike => (state(), group.clone()),
            None => (armed_group(), any_force.map(force)),
        },
    };
    for (field, value) in [(Field::Actor1, actor1), (Field::Actor2, actor2)] {
        // A state's forces need the state: "Police Forces of " is no name.
        let Some(named) = value.filter(|n| !n.name.trim_end().ends_with(" of")) else {
            continue;
        };
        match field {
            Field::Actor1 => draft.fields.actor1 = Some(named.name),
            _ => draft.fields.actor2 = Some(named.name),
        }
        draft.set(field, &named.spans, named.confidence);
    }
}

/// The one named group of the incident, resolved in its country; among
/// several different ones, the one said to have acted.
fn named_group(
    reader: &Reader<'_>,
    members: &[&Facts<'_>],
    mentions: &[&ActorMention<'_>],
    country: (&str, &str),
) -> Option<Named> {
    let groups = groups_named(reader, members, mentions, country);
    let chosen = match groups.as_slice() {
        [one] => Some(one),
        many => many.iter().find(|g| g.2),
    }?;
    Some(Named {
        name: chosen.0.clone(),
        spans: vec![chosen.1],
        confidence: if chosen.2 { 0.85 } else { 0.75 },
    })
}

/// The distinct groups an incident names, in order, each with its first
/// mention and whether it is said to have acted; groups named among the
/// victims ("six members of the VDP") are left out.
fn groups_named(
    reader: &Reader<'_>,
    members: &[&Facts<'_>],
    mentions: &[&ActorMention<'_>],
    country: (&str, &str),
) -> Vec<(String, Span, bool)> {
    let mut victim_spans: Vec<Span> = members
        .iter()
        .flat_map(|m| m.casualties.iter().filter_map(|c| c.party))
        .collect();
    victim_spans.sort_unstable();
    let resolve = |m: &ActorMention<'_>| match m.actor {
        ActorRef::Group(g) => reader.actors.resolve(&g, country),
        ActorRef::Party(_) => None,
    };
    let victims: Vec<&str> = mentions
        .iter()
        .filter(|m| victim_spans.binary_search(&m.span).is_ok())
        .filter_map(|m| resolve(m))
        .collect();
    let mut groups: Vec<(String, Span, bool)> = Vec::new();
    for m in mentions {
        let Some(name) = resolve(m).filter(|n| !victims.contains(n)) else {
            continue;
        };
        match groups.iter_mut().find(|(n, _, _)| n == name) {
            Some(existing) => existing.2 |= m.agent,
            None => groups.push((name.to_string(), m.span, m.agent)),
        }
    }
    groups
}

/// The first armed side among the incident's dead, wounded or taken (its
/// subsets too), or among its targets.
fn armed_victims(members: &[&Facts<'_>]) -> Option<(Side, Span)> {
    let armed = |side: Side| matches!(side, Side::Military | Side::Police | Side::Militia);
    members
        .iter()
        .flat_map(|m| m.casualties.iter())
        .filter(|c| !c.claimed && armed(c.side))
        .map(|c| (c.side, c.party.unwrap_or(c.quantity)))
        .chain(members.iter().flat_map(|m| m.victims.iter().copied()))
        .chain(
            members
                .iter()
                .flat_map(|m| m.targets.iter().map(|&(span, side)| (side, span))),
        )
        .find(|(side, _)| armed(*side))
}

/// The side of the incident's first victims, with the words naming them:
/// the first stated toll, else a claimed one, else victims named without a
/// count, else the target ("a military convoy"). Unspecified "people" give
/// way to a more specific side named among the victims.
fn primary_victims(members: &[&Facts<'_>]) -> Option<(Side, Span)> {
    let casualties = || members.iter().flat_map(|m| m.casualties.iter());
    let named = |c: &Casualty| (c.side, c.party.unwrap_or(c.quantity));
    let mut sides = casualties()
        .filter(|c| !c.claimed && !c.subset && c.outcome != Outcome::Missing)
        .map(named)
        .chain(casualties().filter(|c| !c.claimed && !c.subset).map(named))
        .chain(casualties().filter(|c| !c.subset).map(named))
        .chain(members.iter().flat_map(|m| m.victims.iter().copied()))
        .chain(
            members
                .iter()
                .flat_map(|m| m.targets.iter().map(|&(span, side)| (side, span))),
        );
    let vague = |side: Side| matches!(side, Side::People | Side::Unnamed);
    let first = sides.next()?;
    if !vague(first.0) {
        return Some(first);
    }
    Some(sides.find(|(side, _)| !vague(*side)).unwrap_or(first))
}

/// `<article>#x<6 hex>`: a hash of the anchor sentence, with words in
/// lowercase and spaces normalised, so re-extraction of the same text gives
/// the same id. A collision within the article is salted away.
fn event_id(
    article: &str,
    text: &str,
    anchor: Span,
    taken: &std::collections::HashSet<String>,
) -> String {
    let sentence = &text[anchor.start..anchor.end];
    let mut salt = 0u32;
    loop {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |b: u8| {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        };
        for word in sentence.split_whitespace() {
            for c in word.chars().flat_map(char::to_lowercase) {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf).bytes().for_each(&mut feed);
            }
            feed(b' ');
        }
        for b in salt.to_le_bytes() {
            feed(b);
        }
        let id = format!("{article}#x{:06x}", (hash ^ (hash >> 24)) & 0xff_ffff);
        if !taken.contains(&id) {
            return id;
        }
        salt += 1;
    }
}
