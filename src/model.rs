//! The event record and everything an analyst decides about it.
//!
//! Nothing here knows about files or terminals: the desk (`crate::desk`)
//! stores these types as TOML and the TUI only reads them.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Article ids are file stems of `articles/<id>.txt`.
pub type ArticleId = String;
/// Event ids are `<article id>#<tag>`: stable across re-extraction, so links
/// and decisions keep pointing at the same event.
pub type EventId = String;

/// A byte range `[start, end)` of an article's text. Always on char
/// boundaries; written to TOML as `[start, end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "(usize, usize)", into = "(usize, usize)")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers, or `None` when it does not fit `text`
    /// (out of range or not on char boundaries).
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    pub fn contains(&self, byte: usize) -> bool {
        self.start <= byte && byte < self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<(usize, usize)> for Span {
    fn from((start, end): (usize, usize)) -> Self {
        Span { start, end }
    }
}

impl From<Span> for (usize, usize) {
    fn from(span: Span) -> Self {
        (span.start, span.end)
    }
}

/// ACLED's six event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventType {
    Battles,
    #[serde(rename = "Violence against civilians")]
    ViolenceAgainstCivilians,
    #[serde(rename = "Explosions/Remote violence")]
    ExplosionsRemoteViolence,
    Riots,
    Protests,
    #[serde(rename = "Strategic developments")]
    StrategicDevelopments,
}

impl EventType {
    pub const ALL: [EventType; 6] = [
        EventType::Battles,
        EventType::ViolenceAgainstCivilians,
        EventType::ExplosionsRemoteViolence,
        EventType::Riots,
        EventType::Protests,
        EventType::StrategicDevelopments,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EventType::Battles => "Battles",
            EventType::ViolenceAgainstCivilians => "Violence against civilians",
            EventType::ExplosionsRemoteViolence => "Explosions/Remote violence",
            EventType::Riots => "Riots",
            EventType::Protests => "Protests",
            EventType::StrategicDevelopments => "Strategic developments",
        }
    }

    /// The sub-event types ACLED allows under this type.
    pub fn sub_types(self) -> impl Iterator<Item = SubEventType> {
        SubEventType::ALL
            .into_iter()
            .filter(move |s| s.event_type() == self)
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for EventType {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventType::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| FieldError::NotOneOf {
                field: Field::EventType,
                value: s.to_string(),
                allowed: EventType::ALL.iter().map(|t| t.name()).collect(),
            })
    }
}

macro_rules! sub_event_types {
    ($($variant:ident => $name:literal, $parent:ident;)*) => {
        /// ACLED's 25 sub-event types; each belongs to one [`EventType`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum SubEventType {
            $(#[serde(rename = $name)] $variant,)*
        }

        impl SubEventType {
            pub const ALL: [SubEventType; 25] = [$(SubEventType::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(SubEventType::$variant => $name,)* }
            }

            pub fn event_type(self) -> EventType {
                match self { $(SubEventType::$variant => EventType::$parent,)* }
            }
        }
    };
}

sub_event_types! {
    ArmedClash => "Armed clash", Battles;
    GovernmentRegainsTerritory => "Government regains territory", Battles;
    NonStateActorOvertakesTerritory => "Non-state actor overtakes territory", Battles;
    ChemicalWeapon => "Chemical weapon", ExplosionsRemoteViolence;
    AirDroneStrike => "Air/drone strike", ExplosionsRemoteViolence;
    SuicideBomb => "Suicide bomb", ExplosionsRemoteViolence;
    ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack", ExplosionsRemoteViolence;
    RemoteExplosiveLandmineIed => "Remote explosive/landmine/IED", ExplosionsRemoteViolence;
    Grenade => "Grenade", ExplosionsRemoteViolence;
    SexualViolence => "Sexual violence", ViolenceAgainstCivilians;
    Attack => "Attack", ViolenceAgainstCivilians;
    AbductionForcedDisappearance => "Abduction/forced disappearance", ViolenceAgainstCivilians;
    PeacefulProtest => "Peaceful protest", Protests;
    ProtestWithIntervention => "Protest with intervention", Protests;
    ExcessiveForceAgainstProtesters => "Excessive force against protesters", Protests;
    ViolentDemonstration => "Violent demonstration", Riots;
    MobViolence => "Mob violence", Riots;
    Agreement => "Agreement", StrategicDevelopments;
    Arrests => "Arrests", StrategicDevelopments;
    ChangeToGroupActivity => "Change to group/activity", StrategicDevelopments;
    DisruptedWeaponsUse => "Disrupted weapons use", StrategicDevelopments;
    HeadquartersOrBaseEstablished => "Headquarters or base established", StrategicDevelopments;
    LootingPropertyDestruction => "Looting/property destruction", StrategicDevelopments;
    NonViolentTransferOfTerritory => "Non-violent transfer of territory", StrategicDevelopments;
    Other => "Other", StrategicDevelopments;
}

impl fmt::Display for SubEventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SubEventType {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SubEventType::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| FieldError::NotOneOf {
                field: Field::SubEventType,
                value: s.to_string(),
                allowed: SubEventType::ALL.iter().map(|t| t.name()).collect(),
            })
    }
}

/// The fields of the event record, in SPEC order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    EventType,
    SubEventType,
    EventDate,
    TimePrecision,
    Country,
    Admin1,
    Admin2,
    Location,
    Latitude,
    Longitude,
    GeoPrecision,
    Actor1,
    Actor2,
    Fatalities,
    Wounded,
    Notes,
}

impl Field {
    pub const ALL: [Field; 16] = [
        Field::EventType,
        Field::SubEventType,
        Field::EventDate,
        Field::TimePrecision,
        Field::Country,
        Field::Admin1,
        Field::Admin2,
        Field::Location,
        Field::Latitude,
        Field::Longitude,
        Field::GeoPrecision,
        Field::Actor1,
        Field::Actor2,
        Field::Fatalities,
        Field::Wounded,
        Field::Notes,
    ];

    /// The snake_case name used in TOML, JSONL and the `:set` command.
    pub fn name(self) -> &'static str {
        match self {
            Field::EventType => "event_type",
            Field::SubEventType => "sub_event_type",
            Field::EventDate => "event_date",
            Field::TimePrecision => "time_precision",
            Field::Country => "country",
            Field::Admin1 => "admin1",
            Field::Admin2 => "admin2",
            Field::Location => "location",
            Field::Latitude => "latitude",
            Field::Longitude => "longitude",
            Field::GeoPrecision => "geo_precision",
            Field::Actor1 => "actor1",
            Field::Actor2 => "actor2",
            Field::Fatalities => "fatalities",
            Field::Wounded => "wounded",
            Field::Notes => "notes",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Field {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Field::ALL
            .into_iter()
            .find(|f| f.name() == s.trim())
            .ok_or_else(|| FieldError::UnknownField(s.to_string()))
    }
}

/// Why a value was refused for a field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FieldError {
    #[error(
        "unknown field `{0}` (fields: event_type, sub_event_type, event_date, time_precision, country, admin1, admin2, location, latitude, longitude, geo_precision, actor1, actor2, fatalities, wounded, notes)"
    )]
    UnknownField(String),
    #[error("{field}: `{value}` is not one of: {}", allowed.join(", "))]
    NotOneOf {
        field: Field,
        value: String,
        allowed: Vec<&'static str>,
    },
    #[error("{field}: `{value}` is not a date (use YYYY-MM-DD)")]
    NotADate { field: Field, value: String },
    #[error("{field}: `{value}` is not a whole number of 0 or more")]
    NotACount { field: Field, value: String },
    #[error("{field}: `{value}` is not a number between {min} and {max}")]
    OutOfRange {
        field: Field,
        value: String,
        min: f64,
        max: f64,
    },
    #[error("sub_event_type: `{sub}` belongs to {parent}, not to {event_type}")]
    SubTypeMismatch {
        sub: SubEventType,
        parent: EventType,
        event_type: EventType,
    },
}

/// The values of one event record. Every field is optional: the extractor
/// fills what it can, the analyst the rest.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<EventType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_event_type: Option<SubEventType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_precision: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo_precision: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wounded: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Rounds a coordinate to the 4 decimals of the record.
pub fn round_coordinate(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

impl EventFields {
    /// The value of `field` as an analyst reads and types it, `None` when empty.
    pub fn get(&self, field: Field) -> Option<String> {
        match field {
            Field::EventType => self.event_type.map(|t| t.name().to_string()),
            Field::SubEventType => self.sub_event_type.map(|t| t.name().to_string()),
            Field::EventDate => self.event_date.map(|d| d.to_string()),
            Field::TimePrecision => self.time_precision.map(|p| p.to_string()),
            Field::Country => self.country.clone(),
            Field::Admin1 => self.admin1.clone(),
            Field::Admin2 => self.admin2.clone(),
            Field::Location => self.location.clone(),
            Field::Latitude => self.latitude.map(|v| format!("{v:.4}")),
            Field::Longitude => self.longitude.map(|v| format!("{v:.4}")),
            Field::GeoPrecision => self.geo_precision.map(|p| p.to_string()),
            Field::Actor1 => self.actor1.clone(),
            Field::Actor2 => self.actor2.clone(),
            Field::Fatalities => self.fatalities.map(|n| n.to_string()),
            Field::Wounded => self.wounded.map(|n| n.to_string()),
            Field::Notes => self.notes.clone(),
        }
    }

    /// Parses and validates `value` for `field` and stores it; an empty
    /// value clears the field. On error nothing changes.
    ///
    /// Dates here are ISO only; the review layer accepts more forms and
    /// normalises them before calling this.
    pub fn set(&mut self, field: Field, value: &str) -> Result<(), FieldError> {
        let value = value.trim();
        if value.is_empty() {
            self.clear(field);
            return Ok(());
        }
        let text = || Some(value.to_string());
        match field {
            Field::EventType => {
                let event_type: EventType = value.parse()?;
                if self
                    .sub_event_type
                    .is_some_and(|s| s.event_type() != event_type)
                {
                    self.sub_event_type = None;
                }
                self.event_type = Some(event_type);
            }
            Field::SubEventType => {
                let sub: SubEventType = value.parse()?;
                match self.event_type {
                    Some(t) if t != sub.event_type() => {
                        return Err(FieldError::SubTypeMismatch {
                            sub,
                            parent: sub.event_type(),
                            event_type: t,
                        });
                    }
                    _ => {}
                }
                self.event_type = Some(sub.event_type());
                self.sub_event_type = Some(sub);
            }
            Field::EventDate => {
                let date: Date = value.parse().map_err(|_| FieldError::NotADate {
                    field,
                    value: value.to_string(),
                })?;
                self.event_date = Some(date);
            }
            Field::TimePrecision => self.time_precision = Some(parse_precision(field, value)?),
            Field::GeoPrecision => self.geo_precision = Some(parse_precision(field, value)?),
            Field::Country => self.country = text(),
            Field::Admin1 => self.admin1 = text(),
            Field::Admin2 => self.admin2 = text(),
            Field::Location => self.location = text(),
            Field::Latitude => self.latitude = Some(parse_coordinate(field, value, 90.0)?),
            Field::Longitude => self.longitude = Some(parse_coordinate(field, value, 180.0)?),
            Field::Actor1 => self.actor1 = text(),
            Field::Actor2 => self.actor2 = text(),
            Field::Fatalities => self.fatalities = Some(parse_count(field, value)?),
            Field::Wounded => self.wounded = Some(parse_count(field, value)?),
            Field::Notes => self.notes = text(),
        }
        Ok(())
    }

    pub fn clear(&mut self, field: Field) {
        match field {
            Field::EventType => self.event_type = None,
            Field::SubEventType => self.sub_event_type = None,
            Field::EventDate => self.event_date = None,
            Field::TimePrecision => self.time_precision = None,
            Field::Country => self.country = None,
            Field::Admin1 => self.admin1 = None,
            Field::Admin2 => self.admin2 = None,
            Field::Location => self.location = None,
            Field::Latitude => self.latitude = None,
            Field::Longitude => self.longitude = None,
            Field::GeoPrecision => self.geo_precision = None,
            Field::Actor1 => self.actor1 = None,
            Field::Actor2 => self.actor2 = None,
            Field::Fatalities => self.fatalities = None,
            Field::Wounded => self.wounded = None,
            Field::Notes => self.notes = None,
        }
    }

    /// Copies one field's value from `other`, whatever it is (even empty).
    pub fn copy_field(&mut self, field: Field, other: &EventFields) {
        match field {
            Field::EventType => self.event_type = other.event_type,
            Field::SubEventType => self.sub_event_type = other.sub_event_type,
            Field::EventDate => self.event_date = other.event_date,
            Field::TimePrecision => self.time_precision = other.time_precision,
            Field::Country => self.country = other.country.clone(),
            Field::Admin1 => self.admin1 = other.admin1.clone(),
            Field::Admin2 => self.admin2 = other.admin2.clone(),
            Field::Location => self.location = other.location.clone(),
            Field::Latitude => self.latitude = other.latitude,
            Field::Longitude => self.longitude = other.longitude,
            Field::GeoPrecision => self.geo_precision = other.geo_precision,
            Field::Actor1 => self.actor1 = other.actor1.clone(),
            Field::Actor2 => self.actor2 = other.actor2.clone(),
            Field::Fatalities => self.fatalities = other.fatalities,
            Field::Wounded => self.wounded = other.wounded,
            Field::Notes => self.notes = other.notes.clone(),
        }
    }

    /// The fields whose values differ between `self` and `other`.
    pub fn differing_fields(&self, other: &EventFields) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|&f| self.get(f) != other.get(f))
            .collect()
    }
}

fn parse_count(field: Field, value: &str) -> Result<u32, FieldError> {
    value.parse().map_err(|_| FieldError::NotACount {
        field,
        value: value.to_string(),
    })
}

fn parse_precision(field: Field, value: &str) -> Result<u8, FieldError> {
    match value {
        "1" => Ok(1),
        "2" => Ok(2),
        "3" => Ok(3),
        _ => Err(FieldError::NotOneOf {
            field,
            value: value.to_string(),
            allowed: vec!["1", "2", "3"],
        }),
    }
}

fn parse_coordinate(field: Field, value: &str, limit: f64) -> Result<f64, FieldError> {
    let out_of_range = || FieldError::OutOfRange {
        field,
        value: value.to_string(),
        min: -limit,
        max: limit,
    };
    let number: f64 = value.parse().map_err(|_| out_of_range())?;
    if !number.is_finite() || number.abs() > limit {
        return Err(out_of_range());
    }
    Ok(round_coordinate(number))
}

/// The review status of an event (SPEC: pending, confirmed, corrected,
/// rejected, added).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Pending,
    Confirmed,
    Corrected,
    Rejected,
    Added,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Pending,
        Status::Confirmed,
        Status::Corrected,
        Status::Rejected,
        Status::Added,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::Corrected => "corrected",
            Status::Rejected => "rejected",
            Status::Added => "added",
        }
    }

    /// Confirmed, corrected and added events make the curated dataset.
    pub fn is_curated(self) -> bool {
        matches!(self, Status::Confirmed | Status::Corrected | Status::Added)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.name() == s.trim())
            .ok_or_else(|| {
                format!("unknown status `{s}` (pending, confirmed, corrected, rejected, added)")
            })
    }
}

/// Who proposed an event: the built-in extractor, an imported one, or an analyst.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// e.g. "factdesk-rules", "spacy-pipeline", or "analyst".
    pub extractor: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
}

impl Provenance {
    pub fn builtin() -> Self {
        Provenance {
            extractor: "factdesk-rules".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    pub fn analyst() -> Self {
        Provenance {
            extractor: "analyst".to_string(),
            version: String::new(),
        }
    }
}

/// Evidence: for each field, the byte ranges of the article that support it.
pub type Evidence = BTreeMap<Field, Vec<Span>>;

/// An event as the extractor (or an imported extractor) proposed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub id: EventId,
    /// Mentioned only as context ("last month 17 soldiers were killed").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub background: bool,
    /// Overall confidence in 0..=1, used to sort and bulk-confirm.
    pub confidence: f32,
    pub fields: EventFields,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: Evidence,
    /// Per-field confidence in 0..=1 where the extractor knows it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub field_confidence: BTreeMap<Field, f32>,
    /// Counts kept for the reviewer when fatalities add up several sides,
    /// e.g. "soldiers" = 17, "assailants" = 100.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub casualties: BTreeMap<String, u32>,
}

/// The analyst's decision about one event, with the event as it now stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: EventId,
    pub status: Status,
    pub reviewer: String,
    /// RFC 3339 timestamp of the last decision on this event.
    pub decided_at: jiff::Timestamp,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub background: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flagged: bool,
    /// Why an event was rejected, when the analyst said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A free-text note of the analyst's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub provenance: Provenance,
    /// The event's values as they now stand.
    pub fields: EventFields,
    /// Fields the analyst changed from the extractor's proposal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<Field>,
    /// The extractor's values of the corrected fields.
    #[serde(default, skip_serializing_if = "is_default_fields")]
    pub original: EventFields,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: Evidence,
}

impl Decision {
    /// A decision with nothing corrected, flagged, noted or evidenced yet.
    pub fn new(
        id: impl Into<EventId>,
        status: Status,
        reviewer: impl Into<String>,
        decided_at: jiff::Timestamp,
        provenance: Provenance,
        fields: EventFields,
    ) -> Self {
        Decision {
            id: id.into(),
            status,
            reviewer: reviewer.into(),
            decided_at,
            background: false,
            flagged: false,
            reason: None,
            note: None,
            provenance,
            fields,
            corrected: Vec::new(),
            original: EventFields::default(),
            evidence: Evidence::new(),
        }
    }
}

fn is_default_fields(fields: &EventFields) -> bool {
    *fields == EventFields::default()
}

/// One event as the analyst sees it: the decision if there is one, else
/// the candidate, pending.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewEvent {
    pub candidate: Option<Candidate>,
    pub decision: Option<Decision>,
}

impl ReviewEvent {
    pub fn id(&self) -> &str {
        match (&self.decision, &self.candidate) {
            (Some(d), _) => &d.id,
            (None, Some(c)) => &c.id,
            (None, None) => "",
        }
    }

    pub fn status(&self) -> Status {
        self.decision.as_ref().map_or(Status::Pending, |d| d.status)
    }

    pub fn fields(&self) -> &EventFields {
        match (&self.decision, &self.candidate) {
            (Some(d), _) => &d.fields,
            (None, Some(c)) => &c.fields,
            (None, None) => &EMPTY_FIELDS,
        }
    }

    pub fn evidence(&self) -> &Evidence {
        match (&self.decision, &self.candidate) {
            (Some(d), _) => &d.evidence,
            (None, Some(c)) => &c.evidence,
            (None, None) => &EMPTY_EVIDENCE,
        }
    }

    pub fn background(&self) -> bool {
        match (&self.decision, &self.candidate) {
            (Some(d), _) => d.background,
            (None, Some(c)) => c.background,
            (None, None) => false,
        }
    }

    pub fn confidence(&self) -> Option<f32> {
        self.candidate.as_ref().map(|c| c.confidence)
    }
}

static EMPTY_FIELDS: EventFields = EventFields {
    event_type: None,
    sub_event_type: None,
    event_date: None,
    time_precision: None,
    country: None,
    admin1: None,
    admin2: None,
    location: None,
    latitude: None,
    longitude: None,
    geo_precision: None,
    actor1: None,
    actor2: None,
    fatalities: None,
    wounded: None,
    notes: None,
};
static EMPTY_EVIDENCE: Evidence = BTreeMap::new();

/// Pairs an article's candidates with its decisions, in article order:
/// candidates first (in extractor order), then decisions on events the
/// extractor no longer proposes (added events, or kept after re-extraction).
pub fn merge_events(candidates: &[Candidate], decisions: &[Decision]) -> Vec<ReviewEvent> {
    let mut events: Vec<ReviewEvent> = candidates
        .iter()
        .map(|c| ReviewEvent {
            candidate: Some(c.clone()),
            decision: decisions.iter().find(|d| d.id == c.id).cloned(),
        })
        .collect();
    for decision in decisions {
        if !candidates.iter().any(|c| c.id == decision.id) {
            events.push(ReviewEvent {
                candidate: None,
                decision: Some(decision.clone()),
            });
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_five_sub_types_each_under_one_type() {
        let total: usize = EventType::ALL.iter().map(|t| t.sub_types().count()).sum();
        assert_eq!(total, 25);
        assert_eq!(SubEventType::ArmedClash.event_type(), EventType::Battles);
        assert_eq!(
            SubEventType::RemoteExplosiveLandmineIed.event_type(),
            EventType::ExplosionsRemoteViolence
        );
    }

    #[test]
    fn set_validates_and_refuses_without_change() {
        let mut fields = EventFields::default();
        fields.set(Field::Fatalities, "18").unwrap();
        assert_eq!(fields.fatalities, Some(18));
        assert!(fields.set(Field::Fatalities, "eighteen").is_err());
        assert!(fields.set(Field::Fatalities, "-1").is_err());
        assert_eq!(fields.fatalities, Some(18));
        fields.set(Field::EventDate, "2023-08-15").unwrap();
        assert_eq!(fields.get(Field::EventDate).as_deref(), Some("2023-08-15"));
        assert!(fields.set(Field::EventDate, "2023-02-30").is_err());
        assert!(fields.set(Field::Latitude, "91").is_err());
        fields.set(Field::Latitude, "13.123456").unwrap();
        assert_eq!(fields.latitude, Some(13.1235));
        assert!(fields.set(Field::TimePrecision, "4").is_err());
    }

    #[test]
    fn sub_type_must_fit_the_type() {
        let mut fields = EventFields::default();
        fields.set(Field::EventType, "battles").unwrap();
        let err = fields.set(Field::SubEventType, "Attack").unwrap_err();
        assert!(matches!(err, FieldError::SubTypeMismatch { .. }));
        fields.set(Field::SubEventType, "Armed clash").unwrap();
        // Changing the type drops a sub-type that no longer fits.
        fields
            .set(Field::EventType, "Violence against civilians")
            .unwrap();
        assert_eq!(fields.sub_event_type, None);
    }

    #[test]
    fn empty_value_clears() {
        let mut fields = EventFields::default();
        fields.set(Field::Location, "Koutougou").unwrap();
        fields.set(Field::Location, "  ").unwrap();
        assert_eq!(fields.location, None);
    }

    #[test]
    fn field_names_round_trip() {
        for field in Field::ALL {
            assert_eq!(field.name().parse::<Field>().unwrap(), field);
        }
        assert!("fatality".parse::<Field>().is_err());
    }

    #[test]
    fn merge_keeps_decisions_on_vanished_candidates() {
        let candidate = Candidate {
            id: "a#x1".into(),
            background: false,
            confidence: 0.9,
            fields: EventFields::default(),
            evidence: Evidence::new(),
            field_confidence: BTreeMap::new(),
            casualties: BTreeMap::new(),
        };
        let decision = Decision {
            id: "a#a1".into(),
            status: Status::Added,
            reviewer: "r".into(),
            decided_at: jiff::Timestamp::UNIX_EPOCH,
            background: false,
            flagged: false,
            reason: None,
            note: None,
            provenance: Provenance::analyst(),
            fields: EventFields::default(),
            corrected: vec![],
            original: EventFields::default(),
            evidence: Evidence::new(),
        };
        let events = merge_events(&[candidate], &[decision]);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].status(), Status::Pending);
        assert_eq!(events[1].status(), Status::Added);
        assert_eq!(events[1].id(), "a#a1");
    }
}
