//! The article list: what the desk holds, filtered and fuzzy-searched.
//!
//! Entries come from the background scan, with each article's events in
//! brief (their countries, whether one is flagged); searching is one pass
//! over them with nucleo's matcher (helix's), best matches first. Filters
//! are typed in the query (`lang:fr country:niger since:2023-08`) beside
//! the fuzzy text; Tab cycles all / pending / flagged.

use std::collections::HashSet;

use jiff::civil::Date;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use rayon::prelude::*;

use super::progress::Progress;
use super::stats::EventSummary;

/// One article as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleEntry {
    pub index: usize,
    pub id: String,
    pub title: String,
    pub language: String,
    pub published: Option<Date>,
}

/// Which articles the list keeps by their events' state (Tab cycles).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    All,
    /// Articles with events still pending (or not yet counted).
    Pending,
    /// Articles with an event flagged for later.
    Flagged,
}

impl Scope {
    pub fn next(self) -> Scope {
        match self {
            Scope::All => Scope::Pending,
            Scope::Pending => Scope::Flagged,
            Scope::Flagged => Scope::All,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Scope::All => "all",
            Scope::Pending => "pending",
            Scope::Flagged => "flagged",
        }
    }
}

/// Which articles the list keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    pub scope: Scope,
    /// Only articles in this language (`en`, `fr`).
    pub language: Option<String>,
    /// Only articles with an event in this country (any case; `_` for a space).
    pub country: Option<String>,
    /// Only articles published on or after this day.
    pub since: Option<Date>,
    /// Only articles published on or before this day.
    pub until: Option<Date>,
}

/// The filter keys a query understands, for the list's hint line.
pub const FILTER_SYNTAX: &str = "lang:fr country:niger since:2023-08 until:2023-09-30";

impl ArticleFilter {
    /// Splits a typed query into its filters and the text left to fuzzy
    /// match. `key:value` words with a known key are filters (a value may be
    /// quoted: `country:"burkina faso"`); every other word is text. A key
    /// with no value yet (still being typed) filters nothing.
    pub fn parse(scope: Scope, query: &str) -> Result<(ArticleFilter, String), String> {
        let mut filter = ArticleFilter {
            scope,
            ..ArticleFilter::default()
        };
        let mut text = Vec::new();
        for word in words(query) {
            let Some((key, value)) = word.split_once(':') else {
                text.push(word);
                continue;
            };
            let value = value.trim_matches('"');
            let known = matches!(
                key.to_lowercase().as_str(),
                "lang" | "language" | "country" | "since" | "until"
            );
            if !known {
                text.push(word);
                continue;
            }
            if value.is_empty() {
                continue;
            }
            match key.to_lowercase().as_str() {
                "lang" | "language" => filter.language = Some(value.to_string()),
                "country" => filter.country = Some(value.replace('_', " ")),
                "since" => filter.since = Some(first_day(value)?),
                _ => filter.until = Some(last_day(value)?),
            }
        }
        Ok((filter, text.join(" ")))
    }

    /// Whether the filter keeps an article; `events` is its events in brief
    /// (`None` until the scan reaches it).
    #[cfg(test)]
    fn keeps(
        &self,
        entry: &ArticleEntry,
        progress: &Progress,
        events: Option<&[EventSummary]>,
    ) -> bool {
        self.keeps_language(&entry.language)
            && self.keeps_date(entry.published)
            && self.keeps_by_events(entry.index, progress, || events)
    }

    fn keeps_language(&self, language: &str) -> bool {
        (self.language.as_ref()).is_none_or(|l| l.eq_ignore_ascii_case(language))
    }

    fn keeps_date(&self, published: Option<Date>) -> bool {
        self.since.is_none() && self.until.is_none()
            || published.is_some_and(|day| {
                self.since.is_none_or(|since| day >= since)
                    && self.until.is_none_or(|until| day <= until)
            })
    }

    /// The scope and the country, which read the article's progress and
    /// its events in brief (`None` until the scan reaches it).
    fn keeps_by_events<'e>(
        &self,
        index: usize,
        progress: &Progress,
        events: impl Fn() -> Option<&'e [EventSummary]>,
    ) -> bool {
        let scope = match self.scope {
            Scope::All => true,
            Scope::Pending => progress.counts(index).is_none_or(|c| c.has_pending()),
            Scope::Flagged => events().is_some_and(|e| e.iter().any(|s| s.flagged)),
        };
        scope
            && self.country.as_ref().is_none_or(|wanted| {
                events().is_some_and(|e| {
                    e.iter()
                        .filter_map(|s| s.country.as_deref())
                        .any(|c| same_name(c, wanted))
                })
            })
    }
}

/// The words of a query; a double-quoted stretch stays in one word.
fn words(query: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in query.char_indices() {
        match c {
            '"' => {
                quoted = !quoted;
                start.get_or_insert(i);
            }
            c if c.is_whitespace() && !quoted => {
                if let Some(s) = start.take() {
                    words.push(&query[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        words.push(&query[s..]);
    }
    words
}

/// Names equal whatever their case (`Côte` and `CÔTE` alike).
fn same_name(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// A day, month or year as written (`2023-08-15`, `2023-08`, `2023`), read
/// as its parts.
fn date_parts(value: &str) -> Result<(i16, Option<i8>, Option<i8>), String> {
    let bad = || format!("`{value}` is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
    let mut parts = value.split('-');
    let year = parts.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
    let mut next = || parts.next().map(|p| p.parse::<i8>().map_err(|_| bad()));
    let month = next().transpose()?;
    let day = next().transpose()?;
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok((year, month, day))
}

/// The first day of what `value` names (`since:`).
fn first_day(value: &str) -> Result<Date, String> {
    let (year, month, day) = date_parts(value)?;
    Date::new(year, month.unwrap_or(1), day.unwrap_or(1))
        .map_err(|_| format!("since: `{value}` is not a day of the calendar"))
}

/// The last day of what `value` names (`until:`).
fn last_day(value: &str) -> Result<Date, String> {
    let (year, month, day) = date_parts(value)?;
    let first = Date::new(year, month.unwrap_or(12), day.unwrap_or(1))
        .map_err(|_| format!("until: `{value}` is not a day of the calendar"))?;
    Ok(match day {
        Some(_) => first,
        None => first.last_of_month(),
    })
}

/// Searches titles and ids: the positions in `entries` of the articles the
/// query's filters keep that match its text, best first (all, in desk
/// order, when there is no text). `events` holds each article's events in
/// brief, by article index. A query with a malformed filter gives the reason.
///
/// A fresh search each call; the list, which searches at every keystroke,
/// keeps an [`ArticleSearch`] instead.
pub fn search_articles(
    entries: &[ArticleEntry],
    progress: &Progress,
    events: &[Option<Vec<EventSummary>>],
    scope: Scope,
    query: &str,
) -> Result<Vec<usize>, String> {
    ArticleSearch::default().search(entries, progress, events, scope, query)
}

/// How many query prefixes keep their matches (for Backspace and for the
/// next keystroke to search within).
const KEPT_PREFIXES: usize = 32;

/// The article list's search, kept between keystrokes.
///
/// Each article's haystack (title and id, folded by nucleo) and the facts
/// the filters read (language, publication date) are filed once, as the
/// scan brings the entries ([`ArticleSearch::file`]). The fuzzy matches of
/// every query text typed so far are kept by prefix: a text that extends a
/// kept one is searched only among that one's candidates (a fuzzy match of
/// `abc` implies one of `ab`, and each added word narrows), and only its
/// last words are scored again; Backspace back to a kept text scores
/// nothing. Only the articles the filters keep are scored: the others stay
/// candidates, scored when a later filter keeps them, so the filters and
/// the scope (which change as the analyst decides) are always applied
/// afresh. Entries are the scan's, which only grow: articles added since a
/// text was searched are searched on its next use.
pub struct ArticleSearch {
    haystacks: Vec<Utf32String>,
    facts: Vec<Facts>,
    /// The distinct languages of the entries, by `Facts::language`.
    languages: Vec<String>,
    /// Query texts, each a prefix of the next, with their matches.
    kept: Vec<Searched>,
    matcher: Matcher,
}

impl Default for ArticleSearch {
    fn default() -> Self {
        ArticleSearch {
            haystacks: Vec::new(),
            facts: Vec::new(),
            languages: Vec::new(),
            kept: Vec::new(),
            matcher: Matcher::new(Config::DEFAULT),
        }
    }
}

/// What the filters read of an entry, packed so that a pass over the whole
/// desk stays in cache.
#[derive(Clone, Copy)]
struct Facts {
    index: u32,
    language: u16,
    published: Option<Date>,
}

/// One query text's fuzzy matches among the first `covered` entries.
struct Searched {
    text: String,
    /// `text[..head]` holds the words finished (followed by a space); only
    /// the words after it can still grow.
    head: usize,
    covered: usize,
    hits: Vec<Hit>,
    /// Entries that may match, not scored yet (no filter kept them).
    unscored: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Hit {
    position: u32,
    /// The score of the finished words alone.
    head_score: u32,
    score: u32,
}

impl Searched {
    /// Whether the matches of `text` are among this one's: `text` extends
    /// it, and neither holds nucleo's negation (`!`), anchor (`$`) or escape
    /// (`\`), after which a longer word can match more.
    fn narrows_to(&self, text: &str) -> bool {
        let plain = |t: &str| !t.contains(['!', '$', '\\']);
        text.starts_with(&self.text) && plain(&self.text) && plain(text)
    }
}

/// Where the finished words of a query text end: before its last space.
/// Nucleo's `\ ` escapes a space into a word, so a text with a backslash
/// is scored whole.
fn head_of(text: &str) -> usize {
    match text.contains('\\') {
        true => 0,
        false => text.rfind(' ').unwrap_or(0),
    }
}

fn pattern(text: &str) -> Pattern {
    Pattern::parse(text, CaseMatching::Ignore, Normalization::Smart)
}

impl ArticleSearch {
    /// As [`search_articles`], reusing what earlier keystrokes found.
    pub fn search(
        &mut self,
        entries: &[ArticleEntry],
        progress: &Progress,
        events: &[Option<Vec<EventSummary>>],
        scope: Scope,
        query: &str,
    ) -> Result<Vec<usize>, String> {
        self.search_with_text(entries, progress, events, scope, query, &[])
    }

    /// As [`ArticleSearch::search`], then the articles at `text_hits`
    /// (positions in `entries` whose text matched the query, found by a
    /// pass over the desk elsewhere) that the filters keep and the titles
    /// did not already bring, in the order given.
    pub fn search_with_text(
        &mut self,
        entries: &[ArticleEntry],
        progress: &Progress,
        events: &[Option<Vec<EventSummary>>],
        scope: Scope,
        query: &str,
        text_hits: &[usize],
    ) -> Result<Vec<usize>, String> {
        let (filter, text) = ArticleFilter::parse(scope, query)?;
        let text = text.trim();
        match text.is_empty() {
            true => self.file_facts(entries),
            false => self.file(entries),
        }
        let languages: Vec<bool> = (self.languages.iter())
            .map(|l| filter.keeps_language(l))
            .collect();
        let facts = &self.facts;
        let keeps = |position: u32| {
            let facts = facts[position as usize];
            let index = facts.index as usize;
            let brief = || events.get(index).and_then(Option::as_deref);
            languages[usize::from(facts.language)]
                && filter.keeps_date(facts.published)
                && filter.keeps_by_events(index, progress, brief)
        };
        if text.is_empty() {
            let all = 0..entries.len() as u32;
            return Ok(all.filter(|&p| keeps(p)).map(|p| p as usize).collect());
        }
        while let Some(last) = self.kept.last() {
            if last.text == text || last.narrows_to(text) {
                break;
            }
            self.kept.pop();
        }
        let mut scorer = Scorer {
            matcher: &mut self.matcher,
            haystacks: &self.haystacks,
            keeps: &keeps,
        };
        let searched = match self.kept.last_mut() {
            Some(last) if last.text == text => {
                scorer.complete(last);
                last
            }
            base => {
                let searched = scorer.narrow(base.map(|b| &*b), text);
                if self.kept.len() == KEPT_PREFIXES {
                    self.kept.remove(0);
                }
                self.kept.push(searched);
                let Some(last) = self.kept.last() else {
                    return Ok(Vec::new());
                };
                last
            }
        };
        let mut ranked: Vec<u64> = (searched.hits.iter())
            .filter(|hit| keeps(hit.position))
            .map(|hit| (u64::from(u32::MAX - hit.score) << 32) | u64::from(hit.position))
            .collect();
        ranked.sort_unstable();
        let mut found: Vec<usize> = ranked.into_iter().map(|key| key as u32 as usize).collect();
        if !text_hits.is_empty() {
            // Work in the number of hits and matches, never the desk's size.
            let wanted: HashSet<usize> = text_hits.iter().copied().collect();
            let by_title: HashSet<usize> = (found.iter().copied())
                .filter(|position| wanted.contains(position))
                .collect();
            found.extend(text_hits.iter().copied().filter(|&position| {
                position < entries.len() && !by_title.contains(&position) && keeps(position as u32)
            }));
        }
        Ok(found)
    }

    /// Files the entries not seen yet: their haystacks and the facts the
    /// filters read. The driver calls this as the scan's batches arrive, so
    /// that no keystroke does it. Fewer entries than before mean another
    /// list: everything is dropped.
    pub fn file(&mut self, entries: &[ArticleEntry]) {
        self.file_facts(entries);
        let mut haystack = String::new();
        for entry in &entries[self.haystacks.len()..] {
            haystack.clear();
            haystack.push_str(&entry.title);
            haystack.push(' ');
            haystack.push_str(&entry.id);
            self.haystacks.push(Utf32String::from(haystack.as_str()));
        }
    }

    /// Files what the filters read of the entries not seen yet (a search
    /// with no text needs no haystack).
    fn file_facts(&mut self, entries: &[ArticleEntry]) {
        if entries.len() < self.facts.len() {
            *self = ArticleSearch::default();
        }
        for entry in &entries[self.facts.len()..] {
            let language = match self.languages.iter().position(|l| *l == entry.language) {
                Some(known) => known,
                None => {
                    self.languages.push(entry.language.clone());
                    self.languages.len() - 1
                }
            };
            self.facts.push(Facts {
                index: entry.index as u32,
                language: language as u16,
                published: entry.published,
            });
        }
    }
}

/// Below this many candidates a keystroke scores them on its own thread;
/// above, on rayon's threads too (the order of the results never depends
/// on it: they are sorted by score, then position).
const PARALLEL_FROM: usize = 8192;

/// Scores entries for one search: only those the filters keep.
struct Scorer<'a, K> {
    matcher: &'a mut Matcher,
    haystacks: &'a [Utf32String],
    keeps: &'a K,
}

impl<K: Fn(u32) -> bool + Sync> Scorer<'_, K> {
    /// Searches `text` among the candidates of the kept text `base` (its
    /// hits are scored only on the words after its finished ones, those the
    /// filters drop become candidates) and among the entries it has not
    /// covered; with no base, among every entry.
    fn narrow(&mut self, base: Option<&Searched>, text: &str) -> Searched {
        let head = head_of(text);
        let mut searched = Searched {
            text: text.to_string(),
            head,
            covered: base.map_or(0, |b| b.covered),
            hits: Vec::new(),
            unscored: base.map_or_else(Vec::new, |b| b.unscored.clone()),
        };
        if let Some(base) = base {
            let (kept, dropped): (Vec<Hit>, Vec<Hit>) =
                base.hits.iter().partition(|hit| (self.keeps)(hit.position));
            searched
                .unscored
                .extend(dropped.iter().map(|hit| hit.position));
            let finished = pattern(&text[base.head..head]);
            let growing = pattern(&text[head..]);
            searched.hits = self.score(&kept, &finished, &growing);
        }
        self.complete(&mut searched);
        searched
    }

    /// Scores the candidates of `searched` that the filters now keep, and
    /// the entries it has not covered yet.
    fn complete(&mut self, searched: &mut Searched) {
        let covered = searched.covered as u32..self.haystacks.len() as u32;
        searched.unscored.extend(covered);
        searched.covered = self.haystacks.len();
        let (kept, unscored): (Vec<u32>, Vec<u32>) =
            (searched.unscored.iter()).partition(|&&position| (self.keeps)(position));
        searched.unscored = unscored;
        if kept.is_empty() {
            return;
        }
        let fresh: Vec<Hit> = (kept.into_iter())
            .map(|position| Hit {
                position,
                head_score: 0,
                score: 0,
            })
            .collect();
        let finished = pattern(&searched.text[..searched.head]);
        let growing = pattern(&searched.text[searched.head..]);
        let scored = self.score(&fresh, &finished, &growing);
        searched.hits.extend(scored);
    }

    /// The hits that match `finished` (words added to their head) and
    /// `growing` (the last words), with their new scores.
    fn score(&mut self, hits: &[Hit], finished: &Pattern, growing: &Pattern) -> Vec<Hit> {
        let haystacks = self.haystacks;
        let rescore = |matcher: &mut Matcher, hit: &Hit| {
            let haystack = haystacks[hit.position as usize].slice(..);
            let head_score = hit.head_score + finished.score(haystack, matcher)?;
            let score = head_score + growing.score(haystack, matcher)?;
            Some(Hit {
                score,
                head_score,
                ..*hit
            })
        };
        if hits.len() < PARALLEL_FROM {
            return hits
                .iter()
                .filter_map(|hit| rescore(self.matcher, hit))
                .collect();
        }
        hits.par_iter()
            .with_min_len(PARALLEL_FROM / 2)
            .map_init(|| Matcher::new(Config::DEFAULT), rescore)
            .flatten()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::review::Counts;

    fn entry(index: usize, title: &str, language: &str, published: &str) -> ArticleEntry {
        ArticleEntry {
            index,
            id: format!("a{index}"),
            title: title.to_string(),
            language: language.to_string(),
            published: published.parse().ok(),
        }
    }

    fn entries() -> Vec<ArticleEntry> {
        vec![
            entry(
                0,
                "Niger junta says 17 soldiers killed in ambush",
                "en",
                "2023-08-16",
            ),
            entry(
                1,
                "Niger : au moins 29 soldats tués dans l’attaque",
                "fr",
                "2023-10-03",
            ),
            entry(2, "Floods in Mali", "en", ""),
        ]
    }

    fn event(country: &str, flagged: bool) -> EventSummary {
        EventSummary {
            id: "a#x1".into(),
            status: Status::Pending,
            event_type: None,
            country: Some(country.to_string()),
            place: None,
            coordinates: None,
            flagged,
        }
    }

    /// Article 0 in Niger, article 1 in Niger and Burkina Faso with a flag,
    /// article 2 not scanned yet.
    fn events() -> Vec<Option<Vec<EventSummary>>> {
        vec![
            Some(vec![event("Niger", false)]),
            Some(vec![event("Niger", false), event("Burkina Faso", true)]),
            None,
        ]
    }

    fn search(progress: &Progress, scope: Scope, query: &str) -> Vec<usize> {
        search_articles(&entries(), progress, &events(), scope, query).unwrap()
    }

    #[test]
    fn fuzzy_search_ranks_the_best_match_first() {
        let progress = Progress::new(3);
        assert_eq!(search(&progress, Scope::All, ""), [0, 1, 2]);
        assert_eq!(search(&progress, Scope::All, "soldats tues"), [1]);
        assert_eq!(search(&progress, Scope::All, "ambsh"), [0]);
        // An id matches too, and ranks above a scattered fuzzy match.
        assert_eq!(search(&progress, Scope::All, "a2")[0], 2);
        assert!(search(&progress, Scope::All, "zzzz").is_empty());
    }

    #[test]
    fn scopes_keep_pending_or_flagged_articles() {
        let mut progress = Progress::new(3);
        let done = Counts {
            reviewed: 1,
            total: 1,
        };
        progress.observed(0, done);
        progress.observed(
            1,
            Counts {
                reviewed: 0,
                total: 3,
            },
        );
        assert_eq!(
            search(&progress, Scope::Pending, ""),
            [1, 2],
            "2 is not counted yet"
        );
        assert_eq!(search(&progress, Scope::Flagged, ""), [1]);
        assert_eq!(
            search(&progress, Scope::Flagged, "junta"),
            Vec::<usize>::new()
        );
        let cycle = [Scope::All, Scope::Pending, Scope::Flagged, Scope::All];
        assert!(cycle.windows(2).all(|w| w[0].next() == w[1]));
    }

    #[test]
    fn typed_filters_are_parsed_apart_from_the_text() {
        let (filter, text) = ArticleFilter::parse(
            Scope::Pending,
            r#"lang:fr niger country:"burkina faso" since:2023-08 until:2023-09-30 attaque"#,
        )
        .unwrap();
        assert_eq!(text, "niger attaque");
        assert_eq!(
            filter,
            ArticleFilter {
                scope: Scope::Pending,
                language: Some("fr".into()),
                country: Some("burkina faso".into()),
                since: Some(jiff::civil::date(2023, 8, 1)),
                until: Some(jiff::civil::date(2023, 9, 30)),
            }
        );
        let (filter, text) =
            ArticleFilter::parse(Scope::All, "Niger : until:2024 country:burkina_faso lang:")
                .unwrap();
        assert_eq!(text, "Niger :", "unknown keys and lone colons are text");
        assert_eq!(filter.until, Some(jiff::civil::date(2024, 12, 31)));
        assert_eq!(filter.country.as_deref(), Some("burkina faso"));
        assert_eq!(
            filter.language, None,
            "a key still being typed filters nothing"
        );
        let (filter, _) = ArticleFilter::parse(Scope::All, "until:2024-02").unwrap();
        assert_eq!(filter.until, Some(jiff::civil::date(2024, 2, 29)));
    }

    #[test]
    fn a_malformed_date_is_refused_with_the_reason() {
        for query in [
            "since:2023-13",
            "until:yesterday",
            "since:2023-02-30",
            "since:2023-1-2-3",
        ] {
            let err = ArticleFilter::parse(Scope::All, query).unwrap_err();
            assert!(
                err.contains(query.split_once(':').unwrap().1),
                "{query}: {err}"
            );
        }
        let progress = Progress::new(3);
        assert!(search_articles(&entries(), &progress, &events(), Scope::All, "since:x").is_err());
    }

    #[test]
    fn filters_keep_a_language_a_country_and_a_date_range() {
        let progress = Progress::new(3);
        assert_eq!(search(&progress, Scope::All, "lang:FR niger"), [1]);
        assert_eq!(search(&progress, Scope::All, "country:niger"), [0, 1]);
        assert_eq!(search(&progress, Scope::All, "country:BURKINA_faso"), [1]);
        assert_eq!(
            search(&progress, Scope::All, "country:nig"),
            Vec::<usize>::new()
        );
        assert_eq!(
            search(&progress, Scope::All, "since:2023-08-01 until:2023-09-30"),
            [0],
            "2 has no publication date"
        );
        assert_eq!(search(&progress, Scope::All, "since:2023-08-17"), [1]);
        assert_eq!(search(&progress, Scope::All, "until:2023-08-16"), [0]);
        assert_eq!(search(&progress, Scope::All, "lang:en"), [0, 2]);
    }

    /// The search as one plain pass, every word scored against every
    /// article: what the kept search must always agree with.
    fn plain_search(
        entries: &[ArticleEntry],
        progress: &Progress,
        events: &[Option<Vec<EventSummary>>],
        scope: Scope,
        query: &str,
    ) -> Result<Vec<usize>, String> {
        let (filter, text) = ArticleFilter::parse(scope, query)?;
        let kept = (0..entries.len()).filter(|&i| {
            let brief = events.get(entries[i].index).and_then(Option::as_deref);
            filter.keeps(&entries[i], progress, brief)
        });
        if text.trim().is_empty() {
            return Ok(kept.collect());
        }
        let pattern = Pattern::parse(&text, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut scored: Vec<(u32, usize)> = kept
            .filter_map(|i| {
                let haystack = format!("{} {}", entries[i].title, entries[i].id);
                let haystack = nucleo_matcher::Utf32Str::new(&haystack, &mut buffer);
                Some((pattern.score(haystack, &mut matcher)?, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(scored.into_iter().map(|(_, i)| i).collect())
    }

    #[test]
    fn typing_and_erasing_a_query_finds_what_a_fresh_search_finds() {
        let entries = entries();
        let progress = Progress::new(3);
        let mut search = ArticleSearch::default();
        let query = "niger  soldats tués";
        let typed = (1..=query.len()).filter(|&n| query.is_char_boundary(n));
        let erased = typed.clone().rev();
        for n in typed.chain(erased) {
            let found = search.search(&entries, &progress, &[], Scope::All, &query[..n]);
            let expected = plain_search(&entries, &progress, &[], Scope::All, &query[..n]);
            assert_eq!(found, expected, "{:?}", &query[..n]);
        }
        assert_eq!(
            search
                .search(&entries, &progress, &[], Scope::All, "soldats tués")
                .unwrap(),
            [1]
        );
    }

    #[test]
    fn articles_scanned_after_a_search_are_searched_on_the_next_keystroke() {
        let all = entries();
        let progress = Progress::new(3);
        let mut search = ArticleSearch::default();
        let first = search.search(&all[..1], &progress, &[], Scope::All, "nige");
        assert_eq!(first.unwrap(), [0]);
        let next = search.search(&all, &progress, &[], Scope::All, "niger");
        let plain = |query| plain_search(&all, &progress, &[], Scope::All, query);
        assert_eq!(next, plain("niger"));
        let again = search.search(&all, &progress, &[], Scope::All, "nige");
        assert_eq!(again, plain("nige"));
    }

    /// One step at the list: a key typed, a filter typed, Backspace, Tab,
    /// or the scan bringing more articles.
    #[derive(Clone, Debug)]
    enum Step {
        Type(char),
        Filter(&'static str),
        Erase,
        Tab,
        Scan,
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            6 => proptest::sample::select(
                "abnigeérst é!$^'\\:1".chars().collect::<Vec<_>>()
            )
            .prop_map(Step::Type),
            1 => proptest::sample::select(vec!["lang:fr ", " country:niger ", "since:2023-09 "])
                .prop_map(Step::Filter),
            2 => Just(Step::Erase),
            1 => Just(Step::Tab),
            1 => Just(Step::Scan),
        ]
    }

    fn title() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("[abnigeérstÉ '!$1^]{0,24}").unwrap()
    }

    proptest::proptest! {
        #[test]
        fn the_kept_search_always_agrees_with_a_plain_pass(
            titles in proptest::collection::vec(title(), 1..40),
            steps in proptest::collection::vec(step(), 1..40),
        ) {
            let all: Vec<ArticleEntry> = titles
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let language = if i % 2 == 0 { "en" } else { "fr" };
                    let published = ["2023-08-16", "2023-10-03", ""][i % 3];
                    entry(i, t, language, published)
                })
                .collect();
            let events: Vec<Option<Vec<EventSummary>>> = (0..all.len())
                .map(|i| (i % 4 != 3).then(|| vec![event(["Niger", "Mali"][i % 2], i % 3 == 0)]))
                .collect();
            let mut progress = Progress::new(all.len());
            for i in (0..all.len()).step_by(2) {
                progress.observed(i, Counts { reviewed: (i % 3) as u32, total: 2 });
            }
            let mut search = ArticleSearch::default();
            let mut scanned = all.len().div_ceil(2);
            let mut query = String::new();
            let mut scope = Scope::All;
            for step in steps {
                match step {
                    Step::Type(c) => query.push(c),
                    Step::Filter(f) => query.push_str(f),
                    Step::Erase => {
                        query.pop();
                    }
                    Step::Tab => scope = scope.next(),
                    Step::Scan => scanned = (scanned + 3).min(all.len()),
                }
                let entries = &all[..scanned];
                let found = search.search(entries, &progress, &events, scope, &query);
                let plain = plain_search(entries, &progress, &events, scope, &query);
                proptest::prop_assert_eq!(found, plain, "{:?} {:?}", query, scope);
            }
        }
    }
}
