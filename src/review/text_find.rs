//! Finding words in article text whatever their case, accents and line
//! breaks: `tillaberi` finds `Tillabéri`, `région de\nTahoua` is found by
//! `region de tahoua`. Used by the in-article find and by the article
//! list's search over every article's text.
//!
//! Text is folded one char for one char (lower case, accents dropped, as
//! nucleo folds titles), and a run of whitespace folds to one space, so a
//! match in the folded text maps back to a byte range of the original.

use std::ops::Range;

use nucleo_matcher::chars::{normalize, to_lower_case};

/// A query for the desk-wide text search shorter than this (in chars,
/// spaces aside) is not run: two letters match nearly every article.
pub const MIN_QUERY_CHARS: usize = 3;

/// How much of the text around a match a snippet shows, in chars.
const SNIPPET_BEFORE: usize = 30;
const SNIPPET_CHARS: usize = 110;

/// One char as compared: lower case, accents dropped, typographic
/// apostrophes and hyphens as typed on a keyboard (`l'armée` finds
/// `l’armée`).
fn fold_char(c: char) -> char {
    match c {
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        _ => normalize(to_lower_case(c)),
    }
}

/// Folds `text` into `out` (cleared first); with `offsets`, also records for
/// each byte of `out` the byte of `text` its char came from, plus one entry
/// for the end, so that a folded range maps back to the original.
fn fold_into(text: &str, out: &mut String, mut offsets: Option<&mut Vec<u32>>) {
    out.clear();
    if let Some(offsets) = offsets.as_deref_mut() {
        offsets.clear();
    }
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        let folded = if c.is_whitespace() {
            if in_space {
                continue;
            }
            in_space = true;
            ' '
        } else {
            in_space = false;
            fold_char(c)
        };
        out.push(folded);
        if let Some(offsets) = offsets.as_deref_mut() {
            offsets.resize(out.len(), at as u32);
        }
    }
    if let Some(offsets) = offsets {
        offsets.push(text.len() as u32);
    }
}

/// A query folded as text is: lower case, no accents, single spaces, trimmed.
pub fn fold_query(query: &str) -> String {
    let mut folded = String::new();
    fold_into(query.trim(), &mut folded, None);
    folded
}

/// A text folded with the way back to its bytes.
struct Folded {
    text: String,
    offsets: Vec<u32>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            offsets: Vec::with_capacity(text.len() + 1),
        };
        fold_into(text, &mut folded.text, Some(&mut folded.offsets));
        folded
    }

    /// The bytes of the original text that `range` of the folded text
    /// came from.
    fn original(&self, range: Range<usize>) -> Range<usize> {
        let start = self.offsets[range.start] as usize;
        let end = self.offsets[range.end] as usize;
        start..end
    }
}

/// Every place `query` occurs in `text`, folded, as byte ranges of `text`
/// that do not overlap, in order.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle = fold_query(query);
    if needle.is_empty() {
        return Vec::new();
    }
    let folded = Folded::new(text);
    folded
        .text
        .match_indices(&needle)
        .map(|(at, found)| folded.original(at..at + found.len()))
        .collect()
}

/// A query over article text: every word must occur (anywhere, folded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextQuery {
    /// The query as typed, trimmed.
    typed: String,
    /// The whole query folded.
    phrase: String,
    /// Its distinct words, longest first (the rarest, likely, rejects
    /// soonest).
    words: Vec<String>,
}

/// Where a text query matched an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextHit {
    /// The bytes of the first match in the text: the whole query if it
    /// occurs as a phrase, else the first of its words.
    pub at: Range<usize>,
    /// What the in-article find should look for: the query when it occurs
    /// as a phrase, else the word matched at `at`.
    pub find: String,
    /// The text around the match on one line, and the match's bytes in it.
    pub snippet: String,
    pub snippet_match: Range<usize>,
}

impl TextQuery {
    /// The query in `text`, or `None` when it is too short to be worth a
    /// pass over the desk.
    pub fn parse(text: &str) -> Option<TextQuery> {
        let phrase = fold_query(text);
        if phrase.chars().filter(|c| *c != ' ').count() < MIN_QUERY_CHARS {
            return None;
        }
        let mut words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        words.dedup();
        Some(TextQuery {
            typed: text.trim().to_string(),
            phrase,
            words,
        })
    }

    /// The query as typed.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// Whether every word occurs in `text`. `scratch` is reused between
    /// calls so that a pass over the desk allocates once.
    pub fn matches(&self, text: &str, scratch: &mut String) -> bool {
        fold_into(text, scratch, None);
        self.words
            .iter()
            .all(|word| scratch.contains(word.as_str()))
    }

    /// Where the query matches `text`, with a snippet; `None` when a word
    /// is missing.
    pub fn find(&self, text: &str, scratch: &mut String) -> Option<TextHit> {
        if !self.matches(text, scratch) {
            return None;
        }
        let folded = Folded::new(text);
        let (at, find) = match folded.text.find(&self.phrase) {
            Some(at) => (at..at + self.phrase.len(), self.typed.clone()),
            None => {
                let (at, word) = (self.words.iter())
                    .filter_map(|word| Some((folded.text.find(word.as_str())?, word)))
                    .min()?;
                let find = (self.typed.split_whitespace())
                    .find(|typed| fold_query(typed) == *word)
                    .unwrap_or(word)
                    .to_string();
                (at..at + word.len(), find)
            }
        };
        let at = folded.original(at);
        let (snippet, snippet_match) = snippet(text, at.clone());
        Some(TextHit {
            at,
            find,
            snippet,
            snippet_match,
        })
    }
}

/// The text around `at` on one line (whitespace runs as one space), cut
/// with an ellipsis, and where `at` lies in it.
fn snippet(text: &str, at: Range<usize>) -> (String, Range<usize>) {
    let start = text[..at.start]
        .char_indices()
        .rev()
        .nth(SNIPPET_BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut found = 0..0;
    let mut last_space = out.is_empty();
    for (chars, (i, c)) in text[start..].char_indices().enumerate() {
        let i = start + i;
        if i == at.start {
            found.start = out.len();
        }
        if i == at.end {
            found.end = out.len();
        }
        if chars >= SNIPPET_CHARS && i >= at.end {
            out.push('…');
            return (out, found);
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    if at.end >= text.len() {
        found.end = out.len();
    }
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Des hommes armés ont attaqué Tillabéri.\nLa région de\n  Tahoua reste calme. 🙂 東京 été.";

    #[test]
    fn finds_whatever_the_case_and_accents() {
        let found = find_all(TEXT, "TILLABERI");
        assert_eq!(found.len(), 1);
        assert_eq!(&TEXT[found[0].clone()], "Tillabéri");
        assert_eq!(&TEXT[find_all(TEXT, "ÉTÉ")[0].clone()], "été");
        assert_eq!(&TEXT[find_all(TEXT, "ete")[0].clone()], "été");
        assert_eq!(&TEXT[find_all(TEXT, "armes")[0].clone()], "armés");
        assert!(find_all(TEXT, "").is_empty());
        assert!(find_all(TEXT, "   ").is_empty());
        assert!(find_all(TEXT, "absent").is_empty());
    }

    #[test]
    fn typographic_apostrophes_match_typed_ones() {
        let text = "L’armée a riposté ; l‑ambassadeur";
        assert_eq!(&text[find_all(text, "l'armee")[0].clone()], "L’armée");
        assert_eq!(&text[find_all(text, "l-amb")[0].clone()], "l‑amb");
    }

    #[test]
    fn a_phrase_matches_across_a_line_break() {
        let found = find_all(TEXT, "région de tahoua");
        assert_eq!(found.len(), 1);
        assert_eq!(&TEXT[found[0].clone()], "région de\n  Tahoua");
    }

    #[test]
    fn emoji_and_cjk_keep_char_boundaries() {
        let found = find_all(TEXT, "東京");
        assert_eq!(&TEXT[found[0].clone()], "東京");
        let found = find_all(TEXT, "🙂 東");
        assert_eq!(&TEXT[found[0].clone()], "🙂 東");
    }

    #[test]
    fn matches_do_not_overlap_and_come_in_order() {
        let found = find_all("aaaa", "aa");
        assert_eq!(found, vec![0..2, 2..4]);
    }

    #[test]
    fn a_query_needs_every_word_in_any_order() {
        let query = TextQuery::parse("tahoua Tillaberi").unwrap();
        let mut scratch = String::new();
        assert!(query.matches(TEXT, &mut scratch));
        let hit = query.find(TEXT, &mut scratch).unwrap();
        assert_eq!(&TEXT[hit.at.clone()], "Tillabéri", "the earliest word");
        assert_eq!(hit.find, "Tillaberi", "found again as typed");
        let missing = TextQuery::parse("tahoua niamey").unwrap();
        assert!(!missing.matches(TEXT, &mut scratch));
        assert_eq!(missing.find(TEXT, &mut scratch), None);
    }

    #[test]
    fn a_phrase_found_whole_is_what_the_article_find_looks_for() {
        let query = TextQuery::parse("Région de Tahoua").unwrap();
        let hit = query.find(TEXT, &mut String::new()).unwrap();
        assert_eq!(&TEXT[hit.at.clone()], "région de\n  Tahoua");
        assert_eq!(hit.find, "Région de Tahoua");
        assert_eq!(&hit.snippet[hit.snippet_match.clone()], "région de Tahoua");
    }

    #[test]
    fn short_queries_are_not_run() {
        assert_eq!(TextQuery::parse("ab"), None);
        assert_eq!(TextQuery::parse(" a b "), None);
        assert!(TextQuery::parse("abc").is_some());
        assert!(TextQuery::parse("été").is_some());
    }

    #[test]
    fn snippets_are_one_line_cut_around_the_match() {
        let text = format!(
            "{}\n\nLe bilan est de 17 morts.{}",
            "x ".repeat(100),
            " y".repeat(200)
        );
        let query = TextQuery::parse("bilan").unwrap();
        let hit = query.find(&text, &mut String::new()).unwrap();
        assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'));
        assert!(!hit.snippet.contains('\n'));
        assert_eq!(&hit.snippet[hit.snippet_match.clone()], "bilan");
        assert!(hit.snippet.chars().count() <= SNIPPET_CHARS + 2);
        let at_end = TextQuery::parse("calme").unwrap();
        let hit = at_end.find("très calme", &mut String::new()).unwrap();
        assert_eq!(hit.snippet, "très calme");
        assert_eq!(&hit.snippet[hit.snippet_match.clone()], "calme");
    }

    proptest::proptest! {
        #[test]
        fn ranges_lie_on_char_boundaries(text in "\\PC{0,80}", query in "\\PC{0,6}") {
            for range in find_all(&text, &query) {
                proptest::prop_assert!(text.is_char_boundary(range.start));
                proptest::prop_assert!(text.is_char_boundary(range.end));
                proptest::prop_assert!(range.start < range.end);
            }
            if let Some(query) = TextQuery::parse(&query)
                && let Some(hit) = query.find(&text, &mut String::new())
            {
                    proptest::prop_assert!(text.is_char_boundary(hit.at.start));
                    proptest::prop_assert!(hit.snippet.is_char_boundary(hit.snippet_match.start));
                    proptest::prop_assert!(hit.snippet.is_char_boundary(hit.snippet_match.end));
            }
        }
    }
}
