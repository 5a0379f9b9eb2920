//! Parsing the built-in data compiled into the binary: the country table
//! (`assets/countries.tsv`) and the GeoNames places (`assets/places.tsv`,
//! format described in `tools/gen_gazetteer.py`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::fold::{fold_name, has_division_word};
use super::{Country, Gazetteer, PlaceKind, PlaceRec, Str, country_words, name_flags};

const COUNTRIES_TSV: &str = include_str!("../../assets/countries.tsv");
const PLACES_TSV: &str = include_str!("../../assets/places.tsv");

/// Parses the built-in data. The assets are part of the source tree and a
/// unit test parses them, so a failure here is a build defect, not a user
/// error: it panics with the asset line.
pub(super) fn load() -> Gazetteer {
    match parse(COUNTRIES_TSV, PLACES_TSV) {
        Ok(gazetteer) => gazetteer,
        Err(e) => panic!("built-in gazetteer asset is corrupt: {e}"),
    }
}

pub(super) fn parse(countries_tsv: &'static str, places_tsv: &str) -> Result<Gazetteer, String> {
    let countries = parse_countries(countries_tsv)?;
    let mut g = Gazetteer {
        strings: String::with_capacity(places_tsv.len() / 4),
        places: Vec::with_capacity(places_tsv.len() / 40),
        countries,
        names: Vec::with_capacity(places_tsv.len() / 36),
        folded: String::with_capacity(places_tsv.len() / 4),
        country_words: HashMap::new(),
        matcher: OnceLock::new(),
        country_matcher: OnceLock::new(),
    };
    let by_code: HashMap<&str, u16> = g
        .countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code, i as u16))
        .collect();
    for (i, country) in g.countries.iter().enumerate() {
        for (word, demonym) in country_words(country) {
            if let Some(key) = fold_name(&word) {
                g.country_words.entry(key).or_insert((i as u16, demonym));
            }
        }
    }

    let mut country: Option<u16> = None;
    let mut admin1: HashMap<&str, Str> = HashMap::new();
    let mut admin2: HashMap<(&str, &str), Str> = HashMap::new();
    for (n, line) in places_tsv.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |what: &str| format!("assets/places.tsv:{}: {what}", n + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["C", code, lat, lon] => {
                let index = *by_code
                    .get(code)
                    .ok_or_else(|| at(&format!("country {code} is not in assets/countries.tsv")))?;
                admin1.clear();
                admin2.clear();
                country = Some(index);
                add_country(
                    &mut g,
                    index,
                    coord(lat).ok_or_else(|| at("bad latitude"))?,
                    coord(lon).ok_or_else(|| at("bad longitude"))?,
                );
            }
            ["R", code, name, others, lat, lon] => {
                let country = country.ok_or_else(|| at("region before any country"))?;
                let name_str = g.intern(name);
                admin1.insert(code, name_str);
                let names = [name_str, name_str, Str::default()];
                let rec = record(PlaceKind::Region, country, names, lat, lon).map_err(at)?;
                let place = g.add_place(rec);
                add_region_names(&mut g, place, name, others);
            }
            ["D", a1, a2, name] => {
                let name = g.intern(name);
                admin2.insert((a1, a2), name);
            }
            ["A", a1, _, name, others, lat, lon] => {
                let country = country.ok_or_else(|| at("admin2 unit before any country"))?;
                let name_str = g.intern(name);
                let region = *admin1
                    .get(a1)
                    .ok_or_else(|| at(&format!("admin2 unit of unknown admin1 {a1}")))?;
                let names = [name_str, region, name_str];
                let rec = record(PlaceKind::Region, country, names, lat, lon).map_err(at)?;
                let place = g.add_place(rec);
                for n in std::iter::once(*name).chain(other_names(others)) {
                    g.add_name(place, n, name_flags(n));
                }
            }
            ["T", name, a1, a2, lat, lon, others @ ..] if others.len() <= 1 => {
                let country = country.ok_or_else(|| at("town before any country"))?;
                let names = [
                    g.intern(name),
                    admin1.get(a1).copied().unwrap_or_default(),
                    admin2.get(&(*a1, *a2)).copied().unwrap_or_default(),
                ];
                let rec = record(PlaceKind::Town, country, names, lat, lon).map_err(at)?;
                let seat = is_seat(&g, &rec);
                let place = g.add_place(PlaceRec { seat, ..rec });
                g.add_name(place, name, 0);
                for n in others.iter().flat_map(|o| other_names(o)) {
                    g.add_name(place, n, name_flags(n));
                }
            }
            _ => return Err(at("unexpected line")),
        }
    }
    g.finish();
    Ok(g)
}

/// Adds country `index` as a place with all its names.
fn add_country(g: &mut Gazetteer, index: u16, lat: i32, lon: i32) {
    let country = g.countries[index as usize].clone();
    let name = g.intern(country.name);
    let place = g.add_place(PlaceRec {
        name,
        admin1: Str::default(),
        admin2: Str::default(),
        lat,
        lon,
        country: index,
        kind: PlaceKind::Country,
        local: false,
        seat: false,
    });
    let names = std::iter::once(country.name)
        .chain(country.other_names)
        .chain(country.french_names);
    for n in names {
        g.add_name(place, n, name_flags(n));
    }
}

/// A region is found by its names (ACLED's, GeoNames', the other names
/// news use: `others` is `|`-separated) and the generic phrases news use
/// ("région de Tillabéri", "Tillabéri region" in any case).
pub(super) fn add_region_names(g: &mut Gazetteer, place: u32, name: &str, others: &str) {
    for n in std::iter::once(name).chain(other_names(others)) {
        g.add_name(place, n, name_flags(n));
        // Not for abbreviations, nor for names that are phrases already
        // ("Tillabéri Region", "Province du Soum").
        if name_flags(n) != 0 || has_division_word(n) {
            continue;
        }
        g.add_name(place, &format!("{n} region"), 0);
        g.add_name(place, &format!("region of {n}"), 0);
        let elided = n
            .chars()
            .next()
            .is_some_and(|c| "AEIOUYÉÈÊÎÔÂ".contains(c) || "aeiouyéèêîôâ".contains(c));
        let french = if elided {
            format!("région d'{n}")
        } else {
            format!("région de {n}")
        };
        g.add_name(place, &french, 0);
    }
}

/// The names of a `|`-separated list.
fn other_names(list: &str) -> impl Iterator<Item = &str> {
    list.split('|').map(str::trim).filter(|n| !n.is_empty())
}

/// Is a town the seat of its admin1 or admin2 (same folded name)?
pub(super) fn is_seat(g: &Gazetteer, rec: &PlaceRec) -> bool {
    let name = fold_name(g.str(rec.name));
    name.is_some() && (name == fold_name(g.str(rec.admin1)) || name == fold_name(g.str(rec.admin2)))
}

/// A built-in place's record: `names` are its name, admin1 and admin2;
/// the coordinates are parsed from the asset's fields.
fn record(
    kind: PlaceKind,
    country: u16,
    [name, admin1, admin2]: [Str; 3],
    lat: &str,
    lon: &str,
) -> Result<PlaceRec, &'static str> {
    Ok(PlaceRec {
        name,
        admin1,
        admin2,
        lat: coord(lat).ok_or("bad latitude")?,
        lon: coord(lon).ok_or("bad longitude")?,
        country,
        kind,
        local: false,
        seat: false,
    })
}

/// A coordinate in 1e-5 degree units, as the asset writes it.
fn coord(text: &str) -> Option<i32> {
    text.parse().ok()
}

fn parse_countries(tsv: &'static str) -> Result<Vec<Country>, String> {
    let mut countries = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let list = |s: &'static str| -> Vec<&'static str> {
            s.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        };
        match line.split('\t').collect::<Vec<_>>().as_slice() {
            &[code, name, other, french, demonyms, french_demonyms] if code.len() == 2 => countries
                .push(Country {
                    code,
                    name,
                    other_names: list(other),
                    french_names: list(french),
                    demonyms: list(demonyms),
                    french_demonyms: list(french_demonyms),
                }),
            _ => {
                return Err(format!(
                    "assets/countries.tsv:{}: expected 6 tab-separated columns",
                    n + 1
                ));
            }
        }
    }
    Ok(countries)
}
