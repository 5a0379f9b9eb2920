//! Whole-word phrase matching for the extractor's word lists.
//!
//! A [`Lexicon`] compiles phrases once into one Aho-Corasick automaton
//! (leftmost-longest, ASCII case-insensitive) and finds them in a single pass
//! over the text. Each phrase is also matched in the spellings news text
//! uses for it: with either apostrophe (`'` or `’`), without French accents
//! ("Etat islamique"), and with an accented first letter in capitals
//! ("État"). Phrases written in capitals only ("IS", "EI", "JNIM") are
//! acronyms and match only in capitals, so "is" never reads as a group.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::Span;

/// Phrases to find, each with the value it stands for.
pub struct Lexicon<T> {
    matcher: AhoCorasick,
    /// Per pattern: the value and, for acronyms, the exact spelling.
    entries: Vec<(T, Option<Box<str>>)>,
}

impl<T: Copy> Lexicon<T> {
    /// Compiles `phrases`. Empty phrases are ignored; when two phrases are
    /// spelled alike, the first one given wins.
    pub fn new<'p>(phrases: impl IntoIterator<Item = (&'p str, T)>) -> Self {
        let phrases: Vec<(&str, T)> = phrases
            .into_iter()
            .map(|(p, v)| (p.trim(), v))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        let key = |s: &str, acronym: bool| {
            if acronym {
                s.to_string()
            } else {
                s.to_ascii_lowercase()
            }
        };
        // A variant never takes the spelling of a phrase of its own:
        // "massacré" without its accent is not "massacre".
        let originals: std::collections::HashSet<String> =
            phrases.iter().map(|(p, _)| key(p, is_acronym(p))).collect();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (phrase, value) in phrases {
            let acronym = is_acronym(phrase);
            for (i, variant) in spellings(phrase).into_iter().enumerate() {
                let k = key(&variant, acronym);
                if i > 0 && originals.contains(&k) {
                    continue;
                }
                if seen.insert(k) {
                    entries.push((value, acronym.then(|| variant.clone().into_boxed_str())));
                    patterns.push(variant);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("word lists compile: they are small and fixed at build time");
        Lexicon { matcher, entries }
    }

    /// Every whole-word occurrence in `text`, in order, never overlapping.
    pub fn find<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (Span, T)> + 't {
        self.matcher.find_iter(text).filter_map(move |m| {
            let (value, exact) = &self.entries[m.pattern().as_usize()];
            let (start, end) = (m.start(), m.end());
            if !is_word_boundary(text, start) || !is_word_boundary(text, end) {
                return None;
            }
            if exact.as_deref().is_some_and(|e| &text[start..end] != e) {
                return None;
            }
            Some((Span::new(start, end), *value))
        })
    }
}

/// Whether a word may start or end at byte `at`: the characters on each
/// side are not both letters or digits. Offsets inside a character are
/// never boundaries.
pub fn is_word_boundary(text: &str, at: usize) -> bool {
    if !text.is_char_boundary(at) {
        return false;
    }
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// "IS", "EI", "JNIM", "M23": capitals and digits only, with a capital.
fn is_acronym(phrase: &str) -> bool {
    phrase.chars().any(|c| c.is_ascii_uppercase())
        && phrase
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The spellings of `phrase` to match: itself, with the other apostrophe,
/// without accents, and with an accented first letter in capitals.
fn spellings(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    let plain = strip_accents(phrase);
    if plain != phrase {
        out.push(plain);
    }
    let with_capital: Vec<String> = out
        .iter()
        .filter_map(|s| {
            let first = s.chars().next()?;
            (!first.is_ascii() && first.is_lowercase()).then(|| {
                let mut capital: String = first.to_uppercase().collect();
                capital.push_str(&s[first.len_utf8()..]);
                capital
            })
        })
        .collect();
    out.extend(with_capital);
    let apostrophes: Vec<String> = out
        .iter()
        .filter(|s| s.contains(['\'', '’']))
        .map(|s| {
            if s.contains('\'') {
                s.replace('\'', "’")
            } else {
                s.replace('’', "'")
            }
        })
        .collect();
    out.extend(apostrophes);
    out
}

/// Replaces the accented Latin letters of French (and a few more) with
/// their plain letter.
pub fn strip_accents(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'À' | 'Â' | 'Ä' | 'Á' => 'A',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'î' | 'ï' | 'í' => 'i',
            'Î' | 'Ï' | 'Í' => 'I',
            'ô' | 'ö' | 'ó' => 'o',
            'Ô' | 'Ö' | 'Ó' => 'O',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'Ù' | 'Û' | 'Ü' | 'Ú' => 'U',
            'ç' => 'c',
            'Ç' => 'C',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(lexicon: &Lexicon<u8>, text: &str) -> Vec<(String, u8)> {
        lexicon
            .find(text)
            .map(|(s, v)| (text[s.start..s.end].to_string(), v))
            .collect()
    }

    #[test]
    fn whole_words_longest_first_any_case() {
        let lexicon = Lexicon::new([("armed", 1), ("armed men", 2), ("kill", 3)]);
        assert_eq!(
            found(&lexicon, "Armed men came; the killer did not KILL."),
            vec![("Armed men".into(), 2), ("KILL".into(), 3)]
        );
    }

    #[test]
    fn spelling_variants_of_french_phrases() {
        let lexicon = Lexicon::new([("l'armée", 1), ("état islamique", 2)]);
        assert_eq!(
            found(
                &lexicon,
                "L’armée face à l'Etat islamique et à l’État islamique"
            ),
            vec![
                ("L’armée".into(), 1),
                ("Etat islamique".into(), 2),
                ("État islamique".into(), 2)
            ]
        );
    }

    #[test]
    fn a_variant_never_takes_another_phrase() {
        let lexicon = Lexicon::new([("massacré", 1), ("massacre", 2)]);
        assert_eq!(
            found(&lexicon, "le massacre, ils ont massacré"),
            vec![("massacre".into(), 2), ("massacré".into(), 1)]
        );
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let lexicon = Lexicon::new([("IS", 1), ("EI", 2)]);
        assert_eq!(
            found(&lexicon, "This is IS, ei and EI."),
            vec![("IS".into(), 1), ("EI".into(), 2)]
        );
    }

    #[test]
    fn boundaries_inside_multibyte_text() {
        assert!(is_word_boundary("é a", 2));
        assert!(!is_word_boundary("éa", 1));
        assert!(!is_word_boundary("éa", 2));
        assert!(is_word_boundary("", 0));
    }
}
