//! The place gazetteer: countries, admin1 regions, the admin2 units of
//! conflict countries and towns of the world, found in article text and
//! looked up by name.
//!
//! The built-in data is GeoNames (CC BY 4.0) as generated into
//! `assets/places.tsv` by `tools/gen_gazetteer.py`, with admin1 names as
//! ACLED writes them (`assets/acled_admin1.tsv`) and press spellings of
//! towns (`assets/place_aliases.tsv`), plus the hand-written country table
//! `assets/countries.tsv` (English names as ACLED writes them, French
//! names, demonyms). All are compiled into the binary (the generator folds
//! the tables into `places.tsv`) and parsed on first use. A desk's
//! `gazetteer.toml` adds local places and spellings on top (see
//! [`Gazetteer::with_desk_file`]).
//!
//! Storage is compact: every display string lives once in one arena and
//! places refer to it by offsets; coordinates are fixed-point integers.
//! The matcher over all names (an Aho-Corasick automaton) is built once, the
//! first time [`Gazetteer::find_places`] runs.

mod builtin;
mod desk;
mod fold;
mod stopwords;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::desk::{Desk, Problem};
use crate::model::Span;

pub use desk::GazetteerError;
use fold::{Folded, capital_mask, fold_into, fold_name, place_capital_mask, word_initials};

/// What kind of place a name stands for; decides ACLED's geo_precision
/// (a region alone is precision 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    /// An admin1 division (region, state, province, governorate).
    Region,
    /// A populated place.
    Town,
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::Town => "town",
        })
    }
}

/// Index of a place in its gazetteer; only meaningful for the gazetteer
/// that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(pub u32);

/// A country of the country table.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2, e.g. "NE".
    pub code: &'static str,
    /// English name as ACLED writes it, e.g. "Democratic Republic of Congo".
    pub name: &'static str,
    /// Other English names and abbreviations ("DRC", "DR Congo").
    pub other_names: Vec<&'static str>,
    /// French names ("Niger", "République démocratique du Congo").
    pub french_names: Vec<&'static str>,
    /// English demonyms, singular ("Nigerien").
    pub demonyms: Vec<&'static str>,
    /// French demonyms, masculine and feminine singular ("nigérien",
    /// "nigérienne").
    pub french_demonyms: Vec<&'static str>,
}

/// One place, borrowed from its gazetteer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place<'g> {
    pub id: PlaceId,
    pub kind: PlaceKind,
    /// The place's own name ("Tillabéri"; a country's English name).
    pub name: &'g str,
    /// English country name as ACLED writes it.
    pub country: &'g str,
    pub country_code: &'g str,
    /// Admin1 name ("Tillabéri"); a region's own name; empty for a country
    /// or when GeoNames has none.
    pub admin1: &'g str,
    /// Admin2 name ("Say"); empty when unknown. An admin2 unit's own name
    /// (see [`Place::is_admin2_unit`]).
    pub admin2: &'g str,
    pub latitude: f64,
    pub longitude: f64,
    /// True for places from a desk's `gazetteer.toml`.
    pub local: bool,
}

impl Place<'_> {
    /// An admin2 unit (a province, department, cercle or territory: kind
    /// region, with its own name as admin2) rather than an admin1 region.
    pub fn is_admin2_unit(&self) -> bool {
        self.kind == PlaceKind::Region && !self.admin2.is_empty()
    }
}

/// A place name found in a text: where, and every place it may stand for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceMatch {
    /// Byte range of the name in the original text, on char boundaries.
    pub span: Span,
    /// All places with that name, best first by kind and rank (see
    /// [`Gazetteer::resolve`] to choose with the article's countries).
    pub candidates: Vec<PlaceId>,
}

/// A country named in a text, by name ("Niger", "RDC") or by demonym
/// ("nigérienne", "Malian").
#[derive(Clone, Debug, PartialEq)]
pub struct CountryMention<'g> {
    pub span: Span,
    pub country: &'g Country,
    pub by_demonym: bool,
}

/// A range of the gazetteer's string arena.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Str {
    start: u32,
    len: u32,
}

/// Coordinates are stored in units of 1e-5 degree (about a metre).
const COORD_SCALE: f64 = 100_000.0;

#[derive(Clone, Debug)]
struct PlaceRec {
    name: Str,
    admin1: Str,
    admin2: Str,
    lat: i32,
    lon: i32,
    country: u16,
    kind: PlaceKind,
    local: bool,
    /// A town that shares its name with its admin1 or admin2 (usually the
    /// division's seat): preferred among towns of the same name.
    seat: bool,
}

/// This entry's name may only match text written in capitals ("DRC", "US").
const CAPS_ONLY: u8 = 1;
/// This entry is never proposed by `find_places` (stopword, too short).
const NOT_IN_TEXT: u8 = 2;

/// One name of one place, in the folded name index.
#[derive(Clone, Copy, Debug)]
struct NameEntry {
    /// `" name "` folded, in `Gazetteer::folded`.
    folded: Str,
    place: u32,
    flags: u8,
    /// Which words of the name are capitalised (see `fold::capital_mask`).
    capitals: u16,
}

/// The automaton over folded names and, per pattern, its entries.
struct Matcher {
    automaton: AhoCorasick,
    /// Pattern `i` stands for `names[entries[i]]`.
    entries: Vec<Range<u32>>,
}

/// The gazetteer: built-in data, optionally extended by a desk file.
pub struct Gazetteer {
    strings: String,
    places: Vec<PlaceRec>,
    countries: Vec<Country>,
    /// Sorted by folded name, then by rank: lookups and completion are
    /// binary searches.
    names: Vec<NameEntry>,
    folded: String,
    /// Folded name or demonym -> country and whether it is a demonym, for
    /// `country_by_name_or_demonym`.
    country_words: HashMap<String, (u16, bool)>,
    matcher: OnceLock<Matcher>,
    country_matcher: OnceLock<CountryMatcher>,
}

struct CountryMatcher {
    automaton: AhoCorasick,
    /// Per pattern: country index, whether it is a demonym, name flags and
    /// capitals.
    patterns: Vec<(u16, bool, u8, u16)>,
}

impl Gazetteer {
    /// The built-in world gazetteer, parsed on first use.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(builtin::load)
    }

    /// A fresh, uncached parse of the built-in data; [`Gazetteer::builtin`]
    /// is what callers want, this is for measuring the parse.
    pub fn load_builtin() -> Gazetteer {
        builtin::load()
    }

    /// Builds the matchers now rather than at the first
    /// [`Gazetteer::find_places`] (a few hundred milliseconds for the world
    /// data): call it off the UI thread to have them ready.
    pub fn warm(&self) {
        self.matcher.get_or_init(|| self.build_matcher());
        self.country_matcher
            .get_or_init(|| self.build_country_matcher());
    }

    /// The built-in gazetteer extended by a desk's `gazetteer.toml`. Errors
    /// name `path:line:column`.
    pub fn with_desk_file(path: &Path) -> Result<Gazetteer, GazetteerError> {
        let text = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::with_desk_text(path, &text)
    }

    /// Like [`Gazetteer::with_desk_file`] on text already read; `path` only
    /// names the file in errors.
    pub fn with_desk_text(path: &Path, text: &str) -> Result<Gazetteer, GazetteerError> {
        let mut gazetteer = Gazetteer::builtin().clone_data();
        desk::extend(&mut gazetteer, path, text)?;
        gazetteer.finish();
        Ok(gazetteer)
    }

    /// Number of places (countries, regions and towns).
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place with this id. Panics on an id from another gazetteer.
    pub fn place(&self, id: PlaceId) -> Place<'_> {
        let rec = &self.places[id.0 as usize];
        let country = &self.countries[rec.country as usize];
        Place {
            id,
            kind: rec.kind,
            name: self.str(rec.name),
            country: country.name,
            country_code: country.code,
            admin1: self.str(rec.admin1),
            admin2: self.str(rec.admin2),
            latitude: f64::from(rec.lat) / COORD_SCALE,
            longitude: f64::from(rec.lon) / COORD_SCALE,
            local: rec.local,
        }
    }

    /// Every country of the table.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this ISO code ("NE"), English or French name
    /// ("Niger", "RDC", "Côte d'Ivoire") or demonym ("nigérienne",
    /// "Burkinabe", "Malians"): accent- and case-insensitive, whole string.
    pub fn country_by_name_or_demonym(&self, word: &str) -> Option<&Country> {
        let by_code = (word.len() == 2)
            .then(|| {
                self.countries
                    .iter()
                    .find(|c| c.code.eq_ignore_ascii_case(word))
            })
            .flatten();
        if by_code.is_some() {
            return by_code;
        }
        let key = fold_name(word)?;
        self.country_words
            .get(&key)
            .map(|&(i, _)| &self.countries[i as usize])
    }

    /// Places with exactly this name (accent- and case-insensitive), best
    /// ranked first.
    pub fn lookup(&self, name: &str) -> Vec<Place<'_>> {
        let Some(key) = fold_name(name) else {
            return Vec::new();
        };
        let start = self
            .names
            .partition_point(|e| self.fold_str(e.folded) < key.as_str());
        let end = start + self.names[start..].partition_point(|e| self.fold_str(e.folded) == key);
        let mut ids: Vec<u32> = self.names[start..end].iter().map(|e| e.place).collect();
        self.rank(&mut ids);
        ids.dedup();
        ids.into_iter().map(|i| self.place(PlaceId(i))).collect()
    }

    /// Up to `limit` places with a name starting with `prefix` (folded),
    /// for location completion. Best first: an exact name, the desk's own
    /// places, countries, division seats (the town before its same-named
    /// region, as in `resolve`), regions, then shorter names.
    /// A binary search in the sorted name index, then at most
    /// `COMPLETION_WINDOW` names read, whatever the gazetteer's size.
    pub fn complete(&self, prefix: &str, limit: usize) -> Vec<Place<'_>> {
        const COMPLETION_WINDOW: usize = 2048;
        let Some(key) = fold_name(prefix) else {
            return Vec::new();
        };
        let key = key.trim_end_matches(' ');
        let start = self
            .names
            .partition_point(|e| self.fold_str(e.folded) < key);
        let mut hits: Vec<_> = self.names[start..]
            .iter()
            .take(COMPLETION_WINDOW)
            .map(|e| (self.fold_str(e.folded), e.place))
            .take_while(|(name, _)| name.starts_with(key))
            .map(|(name, place)| {
                let rec = &self.places[place as usize];
                let prominence = match rec.kind {
                    PlaceKind::Country => 0,
                    PlaceKind::Town if rec.seat => 1,
                    PlaceKind::Region => 2,
                    PlaceKind::Town => 3,
                };
                let exact = name.len() == key.len() + 1;
                ((!exact, !rec.local, prominence, name.len(), name), place)
            })
            .collect();
        hits.sort_unstable();
        let mut places: Vec<u32> = Vec::with_capacity(limit);
        for (_, place) in hits {
            if places.len() >= limit {
                break;
            }
            if !places.contains(&place) {
                places.push(place);
            }
        }
        places.into_iter().map(|i| self.place(PlaceId(i))).collect()
    }

    /// Every place name in `text`: whole words, accent- and
    /// case-insensitive, leftmost-longest ("Burkina Faso", not "Faso"),
    /// starting with a capital letter in the text (place names are proper
    /// nouns), with spans on the original text.
    pub fn find_places(&self, text: &str) -> Vec<PlaceMatch> {
        let matcher = self.matcher.get_or_init(|| self.build_matcher());
        let mut found = Vec::new();
        for_each_word_match(&matcher.automaton, text, |pattern, span, original| {
            if ends_a_longer_name(text, span.start) {
                return false;
            }
            let range = &matcher.entries[pattern];
            let mut candidates: Vec<u32> = self.names[range.start as usize..range.end as usize]
                .iter()
                .filter(|e| {
                    e.flags & NOT_IN_TEXT == 0 && written_as_name(original, e.flags, e.capitals)
                })
                .map(|e| e.place)
                .collect();
            if candidates.is_empty() {
                return false;
            }
            self.rank(&mut candidates);
            candidates.dedup();
            found.push(PlaceMatch {
                span,
                candidates: candidates.into_iter().map(PlaceId).collect(),
            });
            true
        });
        found
    }

    /// Chooses the place a match most likely means. `context_countries` are
    /// the countries the article mentions (ISO codes or English names),
    /// most mentioned first. With a context, only candidates in those
    /// countries are considered (a country candidate always is); `None`
    /// when none is. Among the rest: countries, then towns (the seat of a
    /// division first, then desk places), then regions; within each, the
    /// most mentioned country first. Without a context the best overall,
    /// except that a region name several countries share ("Nord", "Est",
    /// "Nord-Ouest") is not guessed.
    pub fn resolve(&self, m: &PlaceMatch, context_countries: &[&str]) -> Option<Place<'_>> {
        let context_index = |place: &Place<'_>| {
            context_countries.iter().position(|c| {
                c.eq_ignore_ascii_case(place.country_code) || c.eq_ignore_ascii_case(place.country)
            })
        };
        if context_countries.is_empty() {
            let first = self.place(*m.candidates.first()?);
            let shared = first.kind == PlaceKind::Region
                && m.candidates.iter().any(|&id| {
                    self.places[id.0 as usize].country != self.places[first.id.0 as usize].country
                });
            return (!shared).then_some(first);
        }
        m.candidates
            .iter()
            .map(|&id| self.place(id))
            .filter_map(|place| match place.kind {
                PlaceKind::Country => Some((0, 0, place)),
                _ => context_index(&place).map(|i| (self.rank_key(place.id.0).0, i, place)),
            })
            .min_by_key(|&(kind, index, _)| (kind, index))
            .map(|(_, _, place)| place)
    }

    /// Countries named in `text` by name or demonym, leftmost-longest,
    /// whole words, any case for demonyms ("l'armée nigérienne"), a capital
    /// first letter for names.
    pub fn find_country_mentions(&self, text: &str) -> Vec<CountryMention<'_>> {
        let matcher = self
            .country_matcher
            .get_or_init(|| self.build_country_matcher());
        let mut found = Vec::new();
        for_each_word_match(&matcher.automaton, text, |pattern, span, original| {
            let (country, by_demonym, flags, capitals) = matcher.patterns[pattern];
            let taken = by_demonym || written_as_name(original, flags, capitals);
            if taken {
                found.push(CountryMention {
                    span,
                    country: &self.countries[country as usize],
                    by_demonym,
                });
            }
            taken
        });
        found
    }

    fn str(&self, s: Str) -> &str {
        &self.strings[s.start as usize..(s.start + s.len) as usize]
    }

    fn fold_str(&self, s: Str) -> &str {
        &self.folded[s.start as usize..(s.start + s.len) as usize]
    }

    /// Sorts place ids best first: countries, towns (seats, then desk
    /// places), admin1 regions, admin2 units; ties by id, so the order is
    /// stable.
    fn rank(&self, ids: &mut [u32]) {
        ids.sort_by_key(|&i| (self.rank_key(i), i));
    }

    fn rank_key(&self, i: u32) -> (u8, bool, bool) {
        let rec = &self.places[i as usize];
        let kind = match rec.kind {
            PlaceKind::Country => 0,
            PlaceKind::Town => 1,
            // An admin2 unit after the admin1 of the same name.
            PlaceKind::Region if rec.admin2.len > 0 => 3,
            PlaceKind::Region => 2,
        };
        (kind, !rec.seat, !rec.local)
    }

    /// A copy of the data without the built automata, to extend.
    fn clone_data(&self) -> Gazetteer {
        Gazetteer {
            strings: self.strings.clone(),
            places: self.places.clone(),
            countries: self.countries.clone(),
            names: self.names.clone(),
            folded: self.folded.clone(),
            country_words: self.country_words.clone(),
            matcher: OnceLock::new(),
            country_matcher: OnceLock::new(),
        }
    }

    fn intern(&mut self, s: &str) -> Str {
        let start = self.strings.len() as u32;
        self.strings.push_str(s);
        Str {
            start,
            len: s.len() as u32,
        }
    }

    /// Adds a place; its names are added with [`Gazetteer::add_name`].
    fn add_place(&mut self, rec: PlaceRec) -> u32 {
        self.places.push(rec);
        (self.places.len() - 1) as u32
    }

    /// Adds `name` as a name of place `place` (call [`Gazetteer::finish`]
    /// once all are added). Names shorter than three letters, demonyms and
    /// stopwords (see `stopwords`) are kept for lookups but never found in
    /// text.
    fn add_name(&mut self, place: u32, name: &str, mut flags: u8) {
        let Some(key) = fold_name(name) else {
            return;
        };
        let letters = key.chars().filter(|c| *c != ' ').count();
        let kind = self.places[place as usize].kind;
        // "Somali" (a region of Ethiopia) in text is nearly always the
        // demonym; "Somali region" still matches.
        let demonym =
            kind != PlaceKind::Country && self.country_words.get(&key).is_some_and(|&(_, d)| d);
        let word = key.trim();
        let listed = stopwords::is_listed(word);
        let stopword = match kind {
            PlaceKind::Country => false,
            PlaceKind::Town => listed,
            PlaceKind::Region => listed && !stopwords::FRENCH_REGION_WORDS.contains(&word),
        };
        if (letters < 3 && flags & CAPS_ONLY == 0) || demonym || stopword {
            flags |= NOT_IN_TEXT;
        }
        let start = self.folded.len() as u32;
        self.folded.push_str(&key);
        self.names.push(NameEntry {
            folded: Str {
                start,
                len: key.len() as u32,
            },
            place,
            flags,
            capitals: place_capital_mask(name, &key),
        });
    }

    /// Sorts the name index (folded name, then rank) and merges duplicates.
    fn finish(&mut self) {
        let mut names = std::mem::take(&mut self.names);
        names.sort_by(|a, b| {
            self.fold_str(a.folded)
                .cmp(self.fold_str(b.folded))
                .then_with(|| self.rank_key(a.place).cmp(&self.rank_key(b.place)))
                .then(a.place.cmp(&b.place))
        });
        // Two spellings of one place that fold alike ("Tillabéri Region",
        // "Tillabéri region") become one entry with the looser rules.
        names.dedup_by(|later, kept| {
            let same = kept.place == later.place
                && self.fold_str(kept.folded) == self.fold_str(later.folded);
            if same {
                kept.flags &= later.flags;
                kept.capitals &= later.capitals;
            }
            same
        });
        self.names = names;
    }

    fn build_matcher(&self) -> Matcher {
        let mut patterns: Vec<&str> = Vec::new();
        let mut entries = Vec::new();
        let mut start = 0;
        while start < self.names.len() {
            let key = self.fold_str(self.names[start].folded);
            let end =
                start + self.names[start..].partition_point(|e| self.fold_str(e.folded) == key);
            if self.names[start..end]
                .iter()
                .any(|e| e.flags & NOT_IN_TEXT == 0)
            {
                patterns.push(key);
                entries.push(start as u32..end as u32);
            }
            start = end;
        }
        Matcher {
            automaton: build_automaton(&patterns),
            entries,
        }
    }

    fn build_country_matcher(&self) -> CountryMatcher {
        let mut by_key: HashMap<String, (u16, bool, u8, u16)> = HashMap::new();
        for (i, country) in self.countries.iter().enumerate() {
            for (word, by_demonym) in country_words(country) {
                if let Some(key) = fold_name(&word) {
                    by_key.entry(key).or_insert((
                        i as u16,
                        by_demonym,
                        name_flags(&word),
                        capital_mask(&word),
                    ));
                }
            }
        }
        let mut pairs: Vec<(String, (u16, bool, u8, u16))> = by_key.into_iter().collect();
        pairs.sort();
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        CountryMatcher {
            automaton: build_automaton(&keys),
            patterns: pairs.iter().map(|(_, v)| *v).collect(),
        }
    }
}

/// Runs `automaton`, built over `" name "` patterns, on `text` folded, and
/// calls `on_match` with each match's pattern index, its span on `text` and
/// the original words; `on_match` says whether it takes the match. Matches
/// are whole words and leftmost-longest; when the longest name is refused
/// ("Koutougou Haut" written "Koutougou haut"), the names inside it are
/// offered the same way, the longest at the same start first
/// ("Koutougou"). After a match taken, the search goes on from its closing
/// space so that adjacent names ("Niger Mali") are both found.
fn for_each_word_match(
    automaton: &AhoCorasick,
    text: &str,
    mut on_match: impl FnMut(usize, Span, &str) -> bool,
) {
    let mut folded = Folded::default();
    fold_into(text, &mut folded);
    let haystack = folded.text.as_bytes();
    let mut at = 0;
    while at < haystack.len() {
        let Some(mut m) = automaton.find(Input::new(haystack).range(at..)) else {
            break;
        };
        at = loop {
            let span = Span::new(folded.origin[m.start() + 1], folded.origin[m.end() - 1]);
            let taken = span
                .slice(text)
                .is_some_and(|original| on_match(m.pattern().as_usize(), span, original));
            if taken {
                break m.end() - 1;
            }
            // Shorter names end on an earlier space; leftmost-longest
            // offers the longest one at the same start first.
            let shorter = Input::new(haystack).range(m.start()..m.end() - 1);
            match automaton.find(shorter) {
                Some(next) => m = next,
                None => break m.end() - 1,
            }
        };
    }
}

fn build_automaton(patterns: &[&str]) -> AhoCorasick {
    // Patterns are non-empty folded names, so building cannot fail short of
    // exceeding the automaton's state limits, which 16M states would need.
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .expect("gazetteer names fit an Aho-Corasick automaton")
}

/// "Ain Zara", "Dan Kano": is the name starting at `start` preceded by a
/// capitalised word that begins compound place names (see
/// `stopwords::NAME_PREFIXES`), with only a space or a hyphen between?
fn ends_a_longer_name(text: &str, start: usize) -> bool {
    let Some(before) = text[..start].strip_suffix([' ', '-']) else {
        return false;
    };
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    word.chars().next().is_some_and(char::is_uppercase)
        && fold_name(word).is_some_and(|w| stopwords::NAME_PREFIXES.contains(&w.trim()))
}

/// Does `original` read like a place name? Abbreviations must be all
/// capitals; otherwise every word capitalised in the name must not start
/// with a lowercase letter in the text ("Les attaques" is not "Les
/// Attaques"; caseless scripts pass), and a name without capitals needs one
/// somewhere in the text.
fn written_as_name(original: &str, flags: u8, capitals: u16) -> bool {
    if flags & CAPS_ONLY != 0 {
        return !original.chars().any(char::is_lowercase);
    }
    if capitals == 0 {
        return original.chars().any(char::is_uppercase);
    }
    word_initials(original)
        .take(16)
        .enumerate()
        .all(|(i, initial)| capitals & (1 << i) == 0 || !initial.is_lowercase())
}

/// Flags a name carries wherever it is written.
fn name_flags(name: &str) -> u8 {
    if is_abbreviation(name) { CAPS_ONLY } else { 0 }
}

/// "DRC", "US", "RDC": a name of two or more letters, all capitals.
fn is_abbreviation(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && name.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Every name (`false`) and demonym form (`true`) of a country, names
/// first.
fn country_words(country: &Country) -> Vec<(String, bool)> {
    let names = std::iter::once(&country.name)
        .chain(&country.other_names)
        .chain(&country.french_names)
        .map(|n| ((*n).to_string(), false));
    names
        .chain(demonym_forms(country).into_iter().map(|d| (d, true)))
        .collect()
}

/// Singular and plural forms of a country's demonyms in both languages.
fn demonym_forms(country: &Country) -> Vec<String> {
    let mut forms = Vec::new();
    for d in country.demonyms.iter().chain(&country.french_demonyms) {
        forms.push((*d).to_string());
        if !d.ends_with('s') && !d.ends_with('x') && !d.ends_with("ese") {
            forms.push(format!("{d}s"));
        }
    }
    forms
}

/// `factdesk check`'s part: the problems of the desk's `gazetteer.toml`, if
/// it has one (a desk without one uses the built-in gazetteer alone).
pub fn check_desk_gazetteer(desk: &Desk) -> Vec<Problem> {
    let path = desk.gazetteer_path();
    if !path.exists() {
        return Vec::new();
    }
    match Gazetteer::with_desk_file(&path) {
        Ok(_) => Vec::new(),
        Err(GazetteerError::Invalid(problems)) => problems,
        Err(GazetteerError::Io { path, source }) => {
            vec![Problem::whole_file(&path, source.to_string())]
        }
    }
}

/// Great-circle distance in kilometres between two points in degrees.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Great-circle distance between two places, in kilometres.
pub fn distance_km(a: &Place<'_>, b: &Place<'_>) -> f64 {
    haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
}

#[cfg(test)]
mod tests;
