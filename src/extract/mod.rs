//! The built-in extractor: reads an article and proposes candidate events
//! with the evidence for every field it fills.
//!
//! One pass finds the words that report violence ([`triggers`]) and the
//! named groups ([`actors`]) over the whole text; only the sentences that
//! contain such words are read further (counts, dates, places, see
//! [`facts`]), and [`assemble`] groups them into one event per incident.
//! Everything compiled (word lists, automata) is built once per process.

pub mod actors;
pub mod assemble;
pub mod batch;
pub mod clauses;
pub mod dates;
pub mod facts;
pub mod language;
pub mod lexicon;
pub mod numbers;
pub mod sentences;
pub mod triggers;

pub use language::{Language, detect_language};

use jiff::civil::Date;

use crate::desk::Article;
use crate::gazetteer::{Gazetteer, PlaceKind};
use crate::model::{Candidate, Span};
use actors::ActorBook;
use assemble::Read;
use clauses::{ClauseKind, Relative};
use facts::{Facts, RawPlaces, Reader};
use triggers::{find_cues, is_incident_cue};

/// An article as the extractor reads it.
#[derive(Clone, Copy, Debug)]
pub struct ArticleText<'a> {
    pub id: &'a str,
    /// The body, after any front matter: evidence spans index into it.
    pub text: &'a str,
    pub language: Language,
    /// Relative dates ("on Tuesday") resolve against it; without it they
    /// stay unresolved.
    pub published: Option<Date>,
    /// The headline, when there is one: it often names the country the
    /// text takes for granted. Read for context only (evidence is always
    /// in the text).
    pub title: Option<&'a str>,
}

impl<'a> ArticleText<'a> {
    /// A desk article as the extractor reads it; `None` when it is written
    /// in a language the extractor does not read.
    pub fn of(article: &'a Article) -> Option<ArticleText<'a>> {
        Some(ArticleText {
            id: &article.id,
            text: &article.text,
            language: Language::from_code(&article.meta.language)?,
            published: article.meta.published,
            title: article.meta.title.as_deref(),
        })
    }
}

/// The candidate events of an article, with the built-in list of armed
/// groups.
pub fn extract(article: &ArticleText, gazetteer: &Gazetteer) -> Vec<Candidate> {
    extract_with(article, gazetteer, ActorBook::builtin())
}

/// [`extract_with`], with a panic of the extractor turned into an error
/// naming the article, so that one bad article cannot stop a batch. The
/// panic's own message (with its source position) still goes to stderr.
pub fn extract_guarded(
    article: &ArticleText,
    gazetteer: &Gazetteer,
    actors: &ActorBook,
) -> Result<Vec<Candidate>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_with(article, gazetteer, actors)
    }))
    .map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        format!(
            "{}: the extractor failed ({why}); please report it",
            article.id
        )
    })
}

/// The candidate events of an article, with a desk's list of armed groups.
pub fn extract_with(
    article: &ArticleText,
    gazetteer: &Gazetteer,
    actors: &ActorBook,
) -> Vec<Candidate> {
    let text = article.text;
    let sentences = sentences::split(text);
    let cues = find_cues(text, article.language);
    let groups = actors.find(text);
    let reader = Reader {
        text,
        dateline: dateline_end(text),
        language: article.language,
        published: article.published,
        gazetteer,
        actors,
    };

    // The sentences worth reading: those with words that report an
    // incident. The first sentence (often the lead) is read for places
    // too, as it usually names the article's country.
    let mut picked: Vec<Picked> = Vec::new();
    let (mut c, mut g) = (0, 0);
    let clauses = sentences
        .iter()
        .enumerate()
        .flat_map(|(ordinal, &sentence)| {
            clauses::split(text, &cues, sentence)
                .into_iter()
                .map(move |clause| (ordinal, trim(text, clause.span), clause.kind))
        });
    for (ordinal, sentence, kind) in clauses {
        let cue_range = range_within(&cues, &mut c, sentence, |x| x.0);
        let group_range = range_within(&groups, &mut g, sentence, |x| x.span);
        let incident = cues[cue_range.clone()]
            .iter()
            .any(|(_, cue)| is_incident_cue(cue))
            || !group_range.is_empty();
        // "Thousands gathered in Ouagadougou on Saturday. The rally took
        // place without incident": the sentence before a definite
        // reference may be the only one that says where and when.
        if incident
            && refers_back(text, &cues[cue_range.clone()])
            && let Some(before) = ordinal.checked_sub(1)
        {
            match picked.last_mut() {
                Some(p) if p.ordinal == before => p.incident = true,
                Some(p) if p.ordinal > before => {}
                _ => {
                    let previous = sentences[before];
                    let cue_range = range_within(&cues, &mut 0, previous, |x| x.0);
                    let group_range = range_within(&groups, &mut 0, previous, |x| x.span);
                    let raw = reader.raw_places(previous, &cues[cue_range.clone()]);
                    picked.push(Picked {
                        ordinal: before,
                        sentence: previous,
                        kind: ClauseKind::Main,
                        cues: cue_range,
                        groups: group_range,
                        incident: true,
                        raw,
                    });
                }
            }
        }
        if incident || ordinal == 0 {
            let raw = reader.raw_places(sentence, &cues[cue_range.clone()]);
            picked.push(Picked {
                ordinal,
                sentence,
                kind,
                cues: cue_range,
                groups: group_range,
                incident,
                raw,
            });
        }
    }

    let context = context_countries(gazetteer, &picked, article.title);
    let names: Vec<&str> = context.iter().map(|c| c.0).collect();
    let context_of_places = facts::Context {
        regions: named_regions(gazetteer, &picked, &names),
        names,
        support: context.iter().map(|c| (c.1, c.2)).collect(),
    };
    let mut read: Vec<Read<'_>> = Vec::new();
    for p in picked.iter().filter(|p| p.incident) {
        let mut facts = reader.read(
            p.sentence,
            &cues[p.cues.clone()],
            &groups[p.groups.clone()],
            &p.raw,
            &context_of_places,
        );
        match p.kind {
            ClauseKind::Comparison => {
                if let Some(main) = read.last().filter(|r| r.ordinal == p.ordinal) {
                    compared_with(&mut facts, &main.facts);
                }
            }
            ClauseKind::Sequel(relative) => told_relative(&mut facts, relative),
            ClauseKind::Main => {}
        }
        read.push(Read {
            ordinal: p.ordinal,
            facts,
        });
    }
    let setting = assemble::Setting {
        country: article_country(&read, &context),
        region: sole_region(&read),
    };
    assemble::assemble(&reader, article.id, &read, setting)
}

/// A clause that tells another incident, placed in time from the one
/// told before ("a week after ...", "two days later", "the same day"):
/// it starts an incident of its own, unless "the same day" names no
/// other place.
fn told_relative(facts: &mut Facts<'_>, relative: Relative) {
    let elsewhere = facts.places.iter().any(|p| !p.border);
    if relative.same_day && !elsewhere {
        return;
    }
    facts.new_incident = Some(relative.span);
    facts.relative = Some(relative);
    facts.previous |= relative.background;
}

/// "The deadliest attack on the army since the one in May, which killed
/// eight": the earlier incident is of the kind the main clause names, so
/// its trigger and the forces it names are the earlier one's too.
fn compared_with<'g>(clause: &mut Facts<'g>, main: &Facts<'g>) {
    use triggers::Side;
    if clause.triggers.is_empty() {
        clause
            .triggers
            .extend(main.triggers.iter().filter(|t| !t.2).take(1).copied());
    }
    let armed = |side: Side| matches!(side, Side::Military | Side::Police);
    let names_victims = clause
        .actors
        .iter()
        .any(|a| matches!(a.actor, facts::ActorRef::Party(s) if armed(s)));
    if names_victims {
        return;
    }
    for a in &main.actors {
        if let facts::ActorRef::Party(side) = a.actor
            && armed(side)
        {
            clause.targets.push((a.span, side));
        }
    }
}

/// Whether the sentence's first trigger has a definite article ("the
/// rally", "l'attaque", "cette embuscade").
fn refers_back(text: &str, cues: &[(Span, triggers::Cue)]) -> bool {
    let Some(trigger) = cues.iter().find_map(|(s, c)| match c {
        triggers::Cue::Event { plural: false, .. } => Some(*s),
        _ => None,
    }) else {
        return false;
    };
    let before = text[..trigger.start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "the" | "this" | "that" | "l" | "la" | "le" | "cette" | "cet" | "ce"
    )
}

/// The end of a wire dateline at the start of the text ("OUAGADOUGOU,
/// March 4 (Reuters) -", "ABUJA, Nigeria (AP) —", "NIAMEY (AFP) -"), or 0:
/// a city in capitals or an agency in brackets, then a dash, before any
/// full stop, within the first 160 bytes.
fn dateline_end(text: &str) -> usize {
    let lead = text.len() - text.trim_start().len();
    let mut end = (lead + 160).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[lead..end];
    let Some((dash, len)) = [" - ", " — ", " – "]
        .iter()
        .filter_map(|d| head.find(d).map(|i| (i, d.len())))
        .min()
    else {
        return 0;
    };
    let prefix = &head[..dash];
    let city_in_capitals = prefix
        .split(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase));
    let agency = prefix.contains('(') && prefix.ends_with(')');
    if prefix.contains(['.', '\n']) || !(city_in_capitals || agency) {
        return 0;
    }
    lead + dash + len
}

fn trim(text: &str, span: Span) -> Span {
    let slice = &text[span.start..span.end];
    let start = span.start + (slice.len() - slice.trim_start().len());
    Span::new(start, start + slice.trim().len())
}

struct Picked<'g> {
    ordinal: usize,
    sentence: Span,
    /// The sentence, or the part of it that tells another incident.
    kind: ClauseKind,
    cues: std::ops::Range<usize>,
    groups: std::ops::Range<usize>,
    incident: bool,
    raw: RawPlaces<'g>,
}

/// The range of `items` (sorted by start) that lies inside `sentence`,
/// moving `cursor` past it. Items that straddle sentences are skipped.
fn range_within<T>(
    items: &[T],
    cursor: &mut usize,
    sentence: Span,
    span: impl Fn(&T) -> Span,
) -> std::ops::Range<usize> {
    while *cursor < items.len() && span(&items[*cursor]).start < sentence.start {
        *cursor += 1;
    }
    let start = *cursor;
    while *cursor < items.len() && span(&items[*cursor]).end <= sentence.end {
        *cursor += 1;
    }
    start..*cursor
}

/// The countries the article names (by name, demonym or unambiguous
/// place), most mentioned first, each with its first mention.
///
/// A country counts when the article names it (by name or demonym, or in
/// its headline, see [`title_countries`]), or when two or more of its
/// places that exist in that country only are named: one lone village
/// that shares its name with a place abroad ("Solhan", "Welingara") does
/// not make the article about that country.
fn context_countries<'g>(
    gazetteer: &'g Gazetteer,
    picked: &[Picked<'g>],
    title: Option<&str>,
) -> Vec<(&'g str, Span, usize)> {
    // Name, first mention, times named, places named.
    let mut counts: Vec<(&'g str, Span, usize, usize)> = Vec::new();
    let mut add = |name: &'g str, span: Span, named: usize, places: usize| match counts
        .iter_mut()
        .find(|c| c.0 == name)
    {
        Some(c) => {
            c.2 += named;
            c.3 += places;
        }
        None => counts.push((name, span, named, places)),
    };
    for p in picked {
        for &(span, country) in &p.raw.countries {
            add(country, span, 1, 0);
        }
        for m in &p.raw.matches {
            let mut places = m.candidates.iter().map(|&id| gazetteer.place(id));
            if let Some(first) = places.next()
                && first.kind != PlaceKind::Country
                && places.all(|p| p.country == first.country)
            {
                add(first.country, m.span, 0, 1);
            }
        }
    }
    for country in title
        .map(|t| title_countries(gazetteer, t))
        .unwrap_or_default()
    {
        // Named in the headline only: no span in the text.
        add(country, Span::new(0, 0), 1, 0);
    }
    let mut context: Vec<(&'g str, Span, usize)> = counts
        .into_iter()
        .filter(|c| c.2 > 0 || c.3 >= 2)
        .map(|c| (c.0, c.1, c.2 + c.3))
        .collect();
    // Stable: ties keep the order of first mention.
    context.sort_by_key(|c| std::cmp::Reverse(c.2));
    context
}

/// The regions (country, admin1) that the places of the picked sentences
/// name without doubt: a region, or a town all of whose namesakes in the
/// context countries lie in one region ("Coyuca de Benítez", "Guerrero").
fn named_regions<'g>(
    gazetteer: &'g Gazetteer,
    picked: &[Picked<'g>],
    countries: &[&str],
) -> Vec<(&'g str, &'g str)> {
    let in_context = |p: &crate::gazetteer::Place<'_>| {
        countries
            .iter()
            .any(|c| c.eq_ignore_ascii_case(p.country) || c.eq_ignore_ascii_case(p.country_code))
    };
    let mut found = Vec::new();
    for m in picked.iter().flat_map(|p| &p.raw.matches) {
        let mut places = (m.candidates.iter())
            .map(|&id| gazetteer.place(id))
            .filter(|p| p.kind != PlaceKind::Country && !p.admin1.is_empty() && in_context(p));
        let Some(first) = places.next() else {
            continue;
        };
        if places.all(|p| p.country == first.country && p.admin1 == first.admin1)
            && !found.contains(&(first.country, first.admin1))
        {
            found.push((first.country, first.admin1));
        }
    }
    found
}

/// Countries a headline names, by name or demonym ("Niger : ...",
/// "Nigerian military drone strike ..."); when it names none, by a region
/// that only one country has: local press heads with the region and never
/// names its own country ("Extrême-Nord : trois soldats tués ..."). A
/// headline that names a country keeps it ("Mali : ... au Sahel" is not
/// Burkina Faso's Sahel region).
fn title_countries<'g>(gazetteer: &'g Gazetteer, title: &str) -> Vec<&'g str> {
    let mut found: Vec<&'g str> = Vec::new();
    let mut by_region: Vec<&'g str> = Vec::new();
    for m in gazetteer.find_places(title) {
        let mut places = m.candidates.iter().map(|&id| gazetteer.place(id));
        let Some(first) = places.next() else {
            continue;
        };
        let mut one_country = || places.all(|p| p.country == first.country);
        match first.kind {
            PlaceKind::Country => found.push(first.country),
            PlaceKind::Region if one_country() => by_region.push(first.country),
            _ => {}
        }
    }
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() > 3
            && let Some(country) = gazetteer.country_by_name_or_demonym(word)
        {
            found.push(country.name);
        }
    }
    if found.is_empty() {
        found = by_region;
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The article's own country: the most mentioned among the places of its
/// incident sentences that are not neighbours and the forces' demonyms
/// ("huit militaires béninois"), first mentioned first on a tie; else the
/// most mentioned country of the article. An empty span: named only in
/// the headline.
fn article_country<'g>(
    read: &[Read<'g>],
    context: &[(&'g str, Span, usize)],
) -> Option<(&'g str, Span)> {
    let mut counts: Vec<(&'g str, Span, usize)> = Vec::new();
    let mut add = |country: &'g str, span: Span, weight: usize| match counts
        .iter_mut()
        .find(|c| c.0 == country)
    {
        Some(c) => c.2 += weight,
        None => counts.push((country, span, weight)),
    };
    for r in read {
        for p in facts_places(&r.facts) {
            let Some(place) = p.place else { continue };
            let weight = if place.kind == PlaceKind::Country {
                1
            } else {
                2
            };
            add(place.country, p.span, weight);
        }
        for m in &r.facts.actors {
            if let Some(country) = m.country {
                add(country, m.span, 1);
            }
        }
    }
    counts.sort_by_key(|c| c.1.start);
    counts.sort_by_key(|c| std::cmp::Reverse(c.2));
    counts
        .first()
        .or(context.first())
        .map(|(name, span, _)| (*name, *span))
}

/// The region all the known places of the incident sentences lie in, when
/// there is exactly one.
fn sole_region<'g>(read: &[Read<'g>]) -> Option<facts::PlaceFact<'g>> {
    let mut found: Option<facts::PlaceFact<'g>> = None;
    for r in read {
        for p in facts_places(&r.facts) {
            let Some(place) = p.place else { continue };
            if place.kind == PlaceKind::Country || place.admin1.is_empty() {
                continue;
            }
            match found.and_then(|f| f.place) {
                None => found = Some(*p),
                Some(f) if f.admin1 == place.admin1 && f.country == place.country => {}
                Some(_) => return None,
            }
        }
    }
    found
}

fn facts_places<'a, 'g>(facts: &'a Facts<'g>) -> impl Iterator<Item = &'a facts::PlaceFact<'g>> {
    facts.places.iter().filter(|p| !p.border)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_event(text: &str, title: &str) -> crate::model::EventFields {
        let article = ArticleText {
            id: "t",
            text,
            language: Language::En,
            published: Some(jiff::civil::date(2024, 3, 6)),
            title: Some(title),
        };
        let found = extract(&article, Gazetteer::builtin());
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].fields.clone()
    }

    #[test]
    fn a_town_of_two_regions_is_the_one_in_the_region_named() {
        // Nigeria has a Gwaram in Jigawa and one in Bauchi.
        let fields = only_event(
            "Gunmen killed six farmers near Gwaram in Bauchi State on Monday, police said.",
            "Gunmen kill six farmers in Nigeria",
        );
        assert_eq!(fields.admin1.as_deref(), Some("Bauchi"));
        let latitude = fields.latitude.unwrap();
        assert!(
            (latitude - 10.23).abs() < 0.05,
            "Bauchi's Gwaram, not Jigawa's: {latitude}"
        );
    }

    #[test]
    fn the_state_of_x_is_the_region() {
        // Mexico has towns named Guerrero in two other states.
        let fields = only_event(
            "Gunmen ambushed a police convoy in the southern state of Guerrero on Monday, killing 13 officers.",
            "Police ambushed in Mexico",
        );
        assert_eq!(fields.admin1.as_deref(), Some("Guerrero"));
        assert_eq!(fields.geo_precision, Some(3));
    }
}
