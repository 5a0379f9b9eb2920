//! Sentence splitting for news text, English and French.
//!
//! News paragraphs are lines, so a line break that follows a full stop, or
//! that starts a line with a capital, ends a sentence; a line broken in the
//! middle of a sentence (lowercase on both sides) does not. Inside a line, a
//! `.`, `!`, `?` or `…` ends a sentence when whitespace and a sentence start
//! (capital, digit, opening quote) follow, except after abbreviations
//! ("Gen.", "M.", "Mme") and initials ("John F. Kennedy"). Closing quotes and
//! brackets after the stop stay with the sentence (`... ended." He`,
//! `... terminé. » Puis`).
//!
//! Sentences are bounded to [`MAX_SENTENCE`] bytes so that text without
//! punctuation (a 10 MB single line) still costs linear time downstream.

use crate::model::Span;

/// The longest sentence handed to the extractor; longer runs are cut at a
/// space. Real sentences stay far below this.
pub const MAX_SENTENCE: usize = 1_500;

/// Words that end with a full stop without ending a sentence. Compared
/// case-sensitively against the word before the stop.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Adm",
    "Brig", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "St", "Mt", "Ft", "Jr", "Sr", "No",
    "Nos", "vs", "etc", "approx", "Inc", "Ltd", "Corp", "Co", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mme", "Mmes", "Mlle", "Mlles", "MM", "Me",
    "Mgr", "Pr", "cf", "env", "av", "art", "al", "p", "pp", "vol", "fig", "km",
];

/// Splits `text` into sentences: trimmed, non-empty byte ranges on char
/// boundaries, in order, never overlapping.
pub fn split(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let cut = match b {
            b'\n' => line_break_ends_sentence(text, i).then_some(i + 1),
            b'.' | b'!' | b'?' => stop_ends_sentence(text, start, i),
            // U+2026 HORIZONTAL ELLIPSIS, three bytes.
            0xE2 if bytes[i..].starts_with("…".as_bytes()) => stop_ends_sentence(text, start, i),
            _ => None,
        };
        if let Some(end) = cut {
            push_trimmed(text, start, end, &mut sentences);
            start = end;
            i = end;
            continue;
        }
        if i - start >= MAX_SENTENCE {
            let end = forced_cut(text, start, i);
            push_trimmed(text, start, end, &mut sentences);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut sentences);
    sentences
}

/// Where a sentence that grew past [`MAX_SENTENCE`] is cut: after the last
/// space in its final quarter, else at the nearest char boundary.
fn forced_cut(text: &str, start: usize, at: usize) -> usize {
    let floor = start + MAX_SENTENCE * 3 / 4;
    if let Some(space) = text.as_bytes()[floor..at]
        .iter()
        .rposition(|&b| b == b' ' || b == b'\t')
    {
        return floor + space + 1;
    }
    let mut end = at.max(start + 1);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let slice = &text[start..end];
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let s = start + trimmed_start;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

/// A line break ends a sentence unless the line before ends in the middle
/// of a sentence and the next line goes on in lowercase (a hard wrap).
fn line_break_ends_sentence(text: &str, newline: usize) -> bool {
    let before = text[..newline].trim_end();
    let after = text[newline + 1..].trim_start_matches([' ', '\t', '\r']);
    let Some(last) = before.chars().next_back() else {
        return true;
    };
    let Some(next) = after.chars().next() else {
        return true;
    };
    if next == '\n' || matches!(last, '.' | '!' | '?' | '…' | ':' | ';') || is_closing(last) {
        return true;
    }
    !(next.is_lowercase() && (last.is_alphanumeric() || last == ','))
}

/// The end (exclusive) of a sentence closed by the stop at `stop`, or `None`
/// when the stop does not end one.
fn stop_ends_sentence(text: &str, start: usize, stop: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let stop_len = if bytes[stop] == 0xE2 { 3 } else { 1 };
    // Runs of stops ("?!", "...") end together.
    let mut end = stop + stop_len;
    while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
        end += 1;
    }
    // Closing quotes and brackets, possibly after a French no-break space.
    let mut rest = &text[end..];
    loop {
        let spaced = rest.trim_start_matches(['\u{a0}', '\u{202f}', ' ']);
        match spaced.chars().next() {
            Some(c) if is_closing(c) => {
                let skip = rest.len() - spaced.len() + c.len_utf8();
                end += skip;
                rest = &text[end..];
            }
            _ => break,
        }
    }
    let after = &text[end..];
    let next_start = after.trim_start_matches(|c: char| c.is_whitespace());
    if next_start.len() == after.len() && !after.is_empty() {
        // No whitespace after the stop: "3.5", "U.S.A", "example.com".
        return None;
    }
    if bytes[stop] == b'.' && stop_len == 1 && end == stop + 1 && is_abbreviation(text, start, stop)
    {
        return None;
    }
    match next_start.chars().next() {
        None => Some(end),
        Some(c) if c.is_uppercase() || c.is_numeric() || is_opening(c) || c == '-' || c == '—' => {
            Some(end)
        }
        Some(_) => None,
    }
}

/// Whether the word right before the stop at `stop` is an abbreviation or
/// an initial, so that the stop does not end the sentence.
fn is_abbreviation(text: &str, start: usize, stop: usize) -> bool {
    let before = &text[start..stop];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "F.", "U.S.", "J.-P." read as one word.
    let mut letters = word.split('.').filter(|w| !w.is_empty());
    let single_letters = letters
        .clone()
        .all(|w| w.chars().count() == 1 && w.chars().all(char::is_alphabetic));
    if single_letters
        && letters
            .next()
            .is_some_and(|w| w.chars().all(char::is_uppercase))
    {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_stops_followed_by_a_capital() {
        assert_eq!(
            sentences("Gunmen attacked a village. Five people died! Why? Nobody knows."),
            vec![
                "Gunmen attacked a village.",
                "Five people died!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials_inside() {
        assert_eq!(
            sentences(
                "Gen. Tiani met Mr. Smith and John F. Kennedy Jr. in the U.S. capital. He left."
            ),
            vec![
                "Gen. Tiani met Mr. Smith and John F. Kennedy Jr. in the U.S. capital.",
                "He left."
            ]
        );
        assert_eq!(
            sentences("M. Bazoum a été renversé. Mme Diallo a parlé."),
            vec!["M. Bazoum a été renversé.", "Mme Diallo a parlé."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("He said: \"We were attacked.\" The army denied it."),
            vec!["He said: \"We were attacked.\"", "The army denied it."]
        );
        assert_eq!(
            sentences("« Nous avons été attaqués. » Le ministre a confirmé."),
            vec!["« Nous avons été attaqués. »", "Le ministre a confirmé."]
        );
    }

    #[test]
    fn a_stop_before_lowercase_or_inside_a_number_does_not_split() {
        assert_eq!(
            sentences("About 3.5 km away, i.e. near the river, it burned."),
            vec!["About 3.5 km away, i.e. near the river, it burned."]
        );
    }

    #[test]
    fn lines_are_sentences_unless_hard_wrapped() {
        assert_eq!(
            sentences("Regional issue\nAnger grew in the\ncapital on Monday.\n\nNext paragraph"),
            vec![
                "Regional issue",
                "Anger grew in the\ncapital on Monday.",
                "Next paragraph"
            ]
        );
    }

    #[test]
    fn long_runs_are_cut_at_spaces_and_spans_stay_on_char_boundaries() {
        let text = "é".repeat(5_000) + " " + &"word ".repeat(2_000);
        let spans = split(&text);
        assert!(spans.len() > 2);
        for s in &spans {
            assert!(s.slice(&text).is_some());
            assert!(s.len() <= MAX_SENTENCE + 4);
        }
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn empty_and_blank_text_have_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \n\n\t ").is_empty());
        assert_eq!(sentences("..."), vec!["..."]);
    }
}
