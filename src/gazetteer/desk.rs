//! A desk's own `gazetteer.toml`: local places the world data lacks and
//! spellings the news use. Example (every key is shown; see
//! `data/gazetteer.toml` for a real one):
//!
//! ```toml
//! # A village, with where its coordinates come from.
//! [[place]]
//! name = "Koutougou"
//! country = "Niger"          # English name, French name or ISO code
//! admin1 = "Tillabéri"       # optional
//! admin2 = "Téra"            # optional
//! latitude = 14.63           # decimal degrees, north positive
//! longitude = 0.98           # decimal degrees, east positive
//! kind = "town"              # optional: "town" (default) or "region"
//! aliases = ["Koutougou"]    # optional: other spellings
//! source = "approximate"     # optional: where the coordinates come from
//!
//! # Another spelling of places already known (built-in or above).
//! [[alias]]
//! name = "Tillabery"
//! of = "Tillabéri"
//! country = "NE"             # optional: only places in this country
//! ```

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::fold::fold_name;
use super::{COORD_SCALE, Gazetteer, PlaceKind, PlaceRec, builtin};
use crate::desk::Problem;

/// A desk gazetteer that cannot be used, with where the problems are.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Every problem found, one `path:line:column: message` per line.
    #[error("{}", .0.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeskFile {
    #[serde(default)]
    place: Vec<Spanned<DeskPlace>>,
    #[serde(default)]
    alias: Vec<Spanned<DeskAlias>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeskPlace {
    name: Spanned<String>,
    country: Spanned<String>,
    #[serde(default)]
    admin1: Option<String>,
    #[serde(default)]
    admin2: Option<String>,
    latitude: Option<Spanned<f64>>,
    longitude: Option<Spanned<f64>>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    #[allow(dead_code, reason = "documentation for people; read, never used")]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeskAlias {
    name: Spanned<String>,
    of: Spanned<String>,
    #[serde(default)]
    country: Option<Spanned<String>>,
}

/// Adds the desk file's places and aliases to `g` (not yet finished).
/// A TOML syntax or schema error stops at once; otherwise every invalid
/// place or alias is reported, and none is added.
pub(super) fn extend(g: &mut Gazetteer, path: &Path, text: &str) -> Result<(), GazetteerError> {
    let problem =
        |span: Range<usize>, message: String| Problem::at_offset(path, text, span.start, message);
    let file: DeskFile = toml::from_str(text)
        .map_err(|e| GazetteerError::Invalid(vec![Problem::from_toml(path, text, 0, &e)]))?;
    let mut problems = Vec::new();
    for place in &file.place {
        if let Err((span, message)) = add_place(g, place) {
            problems.push(problem(span, message));
        }
    }
    // Aliases name places known once the desk's own places are indexed;
    // an alias of an alias is not followed.
    g.finish();
    let mut additions = Vec::new();
    for alias in &file.alias {
        match alias_targets(g, alias.get_ref()) {
            Ok(targets) => additions.extend(
                targets
                    .into_iter()
                    .map(|t| (t, alias.get_ref().name.get_ref())),
            ),
            Err((span, message)) => problems.push(problem(span, message)),
        }
    }
    if !problems.is_empty() {
        return Err(GazetteerError::Invalid(problems));
    }
    for (target, name) in additions {
        if g.places[target as usize].kind == PlaceKind::Region {
            builtin::add_region_names(g, target, name, "");
        } else {
            g.add_name(target, name, 0);
        }
    }
    Ok(())
}

/// What is wrong with an entry, and where.
type EntryError = (Range<usize>, String);

fn add_place(g: &mut Gazetteer, place: &Spanned<DeskPlace>) -> Result<(), EntryError> {
    let p = place.get_ref();
    let name = p.name.get_ref().trim();
    if fold_name(name).is_none() {
        return Err((p.name.span(), "a place needs a name with letters".into()));
    }
    let country = country_index(g, &p.country).map_err(|m| (p.country.span(), m))?;
    let lat = coordinate(&p.latitude, "latitude", 90.0)
        .map_err(|(s, m)| (s.unwrap_or(place.span()), m))?;
    let lon = coordinate(&p.longitude, "longitude", 180.0)
        .map_err(|(s, m)| (s.unwrap_or(place.span()), m))?;
    let kind = match &p.kind {
        None => PlaceKind::Town,
        Some(k) if k.get_ref() == "town" => PlaceKind::Town,
        Some(k) if k.get_ref() == "region" => PlaceKind::Region,
        Some(k) => {
            let message = format!("kind must be \"town\" or \"region\", not {:?}", k.get_ref());
            return Err((k.span(), message));
        }
    };
    let name_str = g.intern(name);
    let admin1 = match kind {
        PlaceKind::Region => name_str,
        _ => {
            let given = p.admin1.as_deref().unwrap_or("").trim();
            let country_name = g.countries[country as usize].name;
            g.intern(known_admin1(country_name, given).unwrap_or(given))
        }
    };
    let admin2 = g.intern(p.admin2.as_deref().unwrap_or("").trim());
    let rec = PlaceRec {
        name: name_str,
        admin1,
        admin2,
        lat,
        lon,
        country,
        kind,
        local: true,
        seat: false,
    };
    let seat = kind == PlaceKind::Town && builtin::is_seat(g, &rec);
    let id = g.add_place(PlaceRec { seat, ..rec });
    if kind == PlaceKind::Region {
        builtin::add_region_names(g, id, name, "");
    } else {
        g.add_name(id, name, 0);
    }
    for alias in &p.aliases {
        g.add_name(id, alias, 0);
    }
    Ok(())
}

/// The built-in admin1 that `name` names in `country` ("Tillabéri",
/// "North Kivu"), as the built-in places write it ("Tillaberi",
/// "Nord-Kivu"), so that a desk village shares its region's admin1.
fn known_admin1(country: &str, name: &str) -> Option<&'static str> {
    Gazetteer::builtin()
        .lookup(name)
        .into_iter()
        .find(|p| p.kind == PlaceKind::Region && p.admin2.is_empty() && p.country == country)
        .map(|p| p.admin1)
}

/// The places an alias names (in its country, when given).
fn alias_targets(g: &Gazetteer, a: &DeskAlias) -> Result<Vec<u32>, EntryError> {
    if fold_name(a.name.get_ref()).is_none() {
        return Err((a.name.span(), "an alias needs a name with letters".into()));
    }
    let country = match &a.country {
        Some(c) => Some(country_index(g, c).map_err(|m| (c.span(), m))?),
        None => None,
    };
    let targets: Vec<u32> = g
        .lookup(a.of.get_ref())
        .iter()
        .filter(|p| country.is_none_or(|c| g.places[p.id.0 as usize].country == c))
        .map(|p| p.id.0)
        .collect();
    if targets.is_empty() {
        let where_ = if a.country.is_some() {
            " in that country"
        } else {
            ""
        };
        let message = format!(
            "no place named {:?}{where_} to be an alias of",
            a.of.get_ref()
        );
        return Err((a.of.span(), message));
    }
    Ok(targets)
}

fn country_index(g: &Gazetteer, name: &Spanned<String>) -> Result<u16, String> {
    let word = name.get_ref().trim();
    g.countries
        .iter()
        .position(|c| {
            c.code.eq_ignore_ascii_case(word)
                || [c.name]
                    .iter()
                    .chain(&c.other_names)
                    .chain(&c.french_names)
                    .any(|n| fold_name(n) == fold_name(word))
        })
        .map(|i| i as u16)
        .ok_or_else(|| format!("unknown country {word:?} (write its English name or ISO code, e.g. \"Niger\" or \"NE\")"))
}

type CoordError = (Option<Range<usize>>, String);

fn coordinate(value: &Option<Spanned<f64>>, what: &str, limit: f64) -> Result<i32, CoordError> {
    let Some(value) = value else {
        return Err((None, format!("missing {what} (decimal degrees)")));
    };
    let v = *value.get_ref();
    if !v.is_finite() || v.abs() > limit {
        return Err((
            Some(value.span()),
            format!("bad {what} {v}: must be between -{limit} and {limit}"),
        ));
    }
    Ok((v * COORD_SCALE).round() as i32)
}
