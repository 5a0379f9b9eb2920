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
        })
    }
}

/// The candidate events of an article, with the built-in list of armed
/// groups.
pub fn extract(article: &ArticleText, gazetteer: &Gazetteer) -> Vec<Candidate> {
    extract_with(article, gazetteer, ActorBook::builtin())
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
            split_since(&cues, sentence)
                .into_iter()
                .map(move |clause| (ordinal, trim(text, clause)))
        });
    for (ordinal, sentence) in clauses {
        let cue_range = range_within(&cues, &mut c, sentence, |x| x.0);
        let group_range = range_within(&groups, &mut g, sentence, |x| x.span);
        let incident = cues[cue_range.clone()]
            .iter()
            .any(|(_, cue)| is_incident_cue(cue))
            || !group_range.is_empty();
        if incident || ordinal == 0 {
            picked.push(Picked {
                ordinal,
                sentence,
                cues: cue_range,
                groups: group_range,
                incident,
                raw: reader.raw_places(sentence),
            });
        }
    }

    let context = context_countries(gazetteer, &picked);
    let context_of_places = facts::Context {
        names: context.iter().map(|c| c.0).collect(),
        support: context.iter().map(|c| (c.1, c.2)).collect(),
    };
    let read: Vec<Read<'_>> = picked
        .iter()
        .filter(|p| p.incident)
        .map(|p| Read {
            ordinal: p.ordinal,
            facts: reader.read(
                p.sentence,
                &cues[p.cues.clone()],
                &groups[p.groups.clone()],
                &p.raw,
                &context_of_places,
            ),
        })
        .collect();
    let article_country = article_country(&read, &context);
    assemble::assemble(&reader, article.id, &read, article_country)
}

/// "The attack is the deadliest since an ambush in December that killed
/// 29 soldiers": a clause opened by "since"/"depuis" that tells another
/// incident is read as a sentence of its own.
fn split_since(cues: &[(Span, triggers::Cue)], sentence: Span) -> Vec<Span> {
    use triggers::Cue;
    let start = cues.partition_point(|c| c.0.start < sentence.start);
    let inside = cues[start..].iter().take_while(|c| c.0.end <= sentence.end);
    let mut seen_incident = false;
    let mut since = None;
    for c in inside {
        let incident = matches!(c.1, Cue::Outcome { .. } | Cue::Event { .. });
        if c.1 == Cue::Since && seen_incident && since.is_none() {
            since = Some(c.0.start);
        } else if incident {
            if let Some(at) = since {
                return vec![Span::new(sentence.start, at), Span::new(at, sentence.end)];
            }
            seen_incident = true;
        }
    }
    vec![sentence]
}

fn trim(text: &str, span: Span) -> Span {
    let slice = &text[span.start..span.end];
    let start = span.start + (slice.len() - slice.trim_start().len());
    Span::new(start, start + slice.trim().len())
}

struct Picked<'g> {
    ordinal: usize,
    sentence: Span,
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
fn context_countries<'g>(
    gazetteer: &'g Gazetteer,
    picked: &[Picked<'g>],
) -> Vec<(&'g str, Span, usize)> {
    let mut counts: Vec<(&'g str, Span, usize)> = Vec::new();
    let mut add = |name: &'g str, span: Span| match counts.iter_mut().find(|c| c.0 == name) {
        Some(c) => c.2 += 1,
        None => counts.push((name, span, 1)),
    };
    for p in picked {
        for m in &p.raw.countries {
            add(m.country.name, m.span);
        }
        // A place name that exists in one country only names it too.
        for m in &p.raw.matches {
            let mut countries = m.candidates.iter().map(|&id| gazetteer.place(id).country);
            if let Some(first) = countries.next()
                && countries.all(|c| c == first)
            {
                add(first, m.span);
            }
        }
    }
    // Stable: ties keep the order of first mention.
    counts.sort_by_key(|c| std::cmp::Reverse(c.2));
    counts
}

/// The article's own country: the most mentioned among the places of its
/// incident sentences that are not neighbours, else the most mentioned
/// country of the article.
fn article_country<'g>(
    read: &[Read<'g>],
    context: &[(&'g str, Span, usize)],
) -> Option<(&'g str, Span)> {
    let mut counts: Vec<(&'g str, Span, usize)> = Vec::new();
    for r in read {
        for p in facts_places(&r.facts) {
            let Some(place) = p.place else { continue };
            let weight = if place.kind == PlaceKind::Country {
                1
            } else {
                2
            };
            match counts.iter_mut().find(|c| c.0 == place.country) {
                Some(c) => c.2 += weight,
                None => counts.push((place.country, p.span, weight)),
            }
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.2));
    counts
        .first()
        .or(context.first())
        .map(|(name, span, _)| (*name, *span))
}

fn facts_places<'a, 'g>(facts: &'a Facts<'g>) -> impl Iterator<Item = &'a facts::PlaceFact<'g>> {
    facts.places.iter().filter(|p| !p.border)
}
