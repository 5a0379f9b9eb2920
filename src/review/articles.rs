//! The article list: what the desk holds, filtered and fuzzy-searched.
//!
//! Entries come from the background scan; searching is one pass over them
//! with nucleo's matcher (helix's), best matches first.

use jiff::civil::Date;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::progress::Progress;

/// One article as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleEntry {
    pub index: usize,
    pub id: String,
    pub title: String,
    pub language: String,
    pub published: Option<Date>,
}

/// Which articles the list keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// Only articles with events still pending (or not yet counted).
    pub pending_only: bool,
    /// Only articles in this language (`en`, `fr`).
    pub language: Option<String>,
}

impl ArticleFilter {
    fn keeps(&self, entry: &ArticleEntry, progress: &Progress) -> bool {
        let pending =
            !self.pending_only || progress.counts(entry.index).is_none_or(|c| c.has_pending());
        let language = self
            .language
            .as_ref()
            .is_none_or(|l| l.eq_ignore_ascii_case(&entry.language));
        pending && language
    }
}

/// Searches titles and ids: the positions in `entries` of the articles the
/// filter keeps that match `query`, best first (all, in desk order, when
/// the query is empty).
pub fn search_articles(
    entries: &[ArticleEntry],
    progress: &Progress,
    filter: &ArticleFilter,
    query: &str,
) -> Vec<usize> {
    let kept = entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| filter.keeps(entry, progress));
    if query.trim().is_empty() {
        return kept.map(|(i, _)| i).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
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
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Counts;

    fn entry(index: usize, title: &str, language: &str) -> ArticleEntry {
        ArticleEntry {
            index,
            id: format!("a{index}"),
            title: title.to_string(),
            language: language.to_string(),
            published: None,
        }
    }

    fn entries() -> Vec<ArticleEntry> {
        vec![
            entry(0, "Niger junta says 17 soldiers killed in ambush", "en"),
            entry(1, "Niger : au moins 29 soldats tués dans l’attaque", "fr"),
            entry(2, "Floods in Mali", "en"),
        ]
    }

    #[test]
    fn fuzzy_search_ranks_the_best_match_first() {
        let progress = Progress::new(3);
        let all = ArticleFilter::default();
        assert_eq!(search_articles(&entries(), &progress, &all, ""), [0, 1, 2]);
        assert_eq!(
            search_articles(&entries(), &progress, &all, "soldats tues"),
            [1]
        );
        assert_eq!(search_articles(&entries(), &progress, &all, "ambsh"), [0]);
        // An id matches too, and ranks above a scattered fuzzy match.
        assert_eq!(search_articles(&entries(), &progress, &all, "a2")[0], 2);
        assert!(search_articles(&entries(), &progress, &all, "zzzz").is_empty());
    }

    #[test]
    fn filters_keep_pending_articles_and_a_language() {
        let mut progress = Progress::new(3);
        progress.observed(
            0,
            Counts {
                reviewed: 1,
                total: 1,
            },
        );
        progress.observed(
            1,
            Counts {
                reviewed: 0,
                total: 3,
            },
        );
        let pending = ArticleFilter {
            pending_only: true,
            ..ArticleFilter::default()
        };
        assert_eq!(
            search_articles(&entries(), &progress, &pending, ""),
            [1, 2],
            "2 is not counted yet"
        );
        let french = ArticleFilter {
            language: Some("FR".into()),
            ..ArticleFilter::default()
        };
        assert_eq!(
            search_articles(&entries(), &progress, &french, "niger"),
            [1]
        );
    }
}
