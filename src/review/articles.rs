//! The article list: what the desk holds, filtered and fuzzy-searched.
//!
//! Entries come from the background scan, with each article's events in
//! brief (their countries, whether one is flagged); searching is one pass
//! over them with nucleo's matcher (helix's), best matches first. Filters
//! are typed in the query (`lang:fr country:niger since:2023-08`) beside
//! the fuzzy text; Tab cycles all / pending / flagged.

use jiff::civil::Date;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

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
    fn keeps(
        &self,
        entry: &ArticleEntry,
        progress: &Progress,
        events: Option<&[EventSummary]>,
    ) -> bool {
        let scope = match self.scope {
            Scope::All => true,
            Scope::Pending => progress.counts(entry.index).is_none_or(|c| c.has_pending()),
            Scope::Flagged => events.is_some_and(|e| e.iter().any(|s| s.flagged)),
        };
        let language = self
            .language
            .as_ref()
            .is_none_or(|l| l.eq_ignore_ascii_case(&entry.language));
        let country = self.country.as_ref().is_none_or(|wanted| {
            events.is_some_and(|e| {
                e.iter()
                    .filter_map(|s| s.country.as_deref())
                    .any(|c| same_name(c, wanted))
            })
        });
        let dated = self.since.is_none() && self.until.is_none()
            || entry.published.is_some_and(|day| {
                self.since.is_none_or(|since| day >= since)
                    && self.until.is_none_or(|until| day <= until)
            });
        scope && language && country && dated
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
pub fn search_articles(
    entries: &[ArticleEntry],
    progress: &Progress,
    events: &[Option<Vec<EventSummary>>],
    scope: Scope,
    query: &str,
) -> Result<Vec<usize>, String> {
    let (filter, text) = ArticleFilter::parse(scope, query)?;
    let kept = entries.iter().enumerate().filter(|(_, entry)| {
        let brief = events.get(entry.index).and_then(Option::as_deref);
        filter.keeps(entry, progress, brief)
    });
    if text.trim().is_empty() {
        return Ok(kept.map(|(i, _)| i).collect());
    }
    let pattern = Pattern::parse(&text, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, usize)> = kept
        .filter_map(|(i, entry)| {
            let haystack = format!("{} {}", entry.title, entry.id);
            let score = pattern.score(Utf32Str::new(&haystack, &mut buffer), &mut matcher)?;
            Some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(scored.into_iter().map(|(_, i)| i).collect())
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
}
