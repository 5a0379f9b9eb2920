//! Selecting article text with the keyboard: a cursor that moves by
//! grapheme, word, sentence and visual line, and an optional mark.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;
use crate::review::Purpose;

use super::wrap::Wrapped;

/// A selection in progress: from `mark` (when set) to `cursor`, both byte
/// offsets on grapheme boundaries of the article's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSelection {
    /// What Enter makes of it; `None` for a selection made with the mouse,
    /// which waits for `a` (add) or `A` (re-anchor).
    pub purpose: Option<Purpose>,
    pub cursor: usize,
    pub mark: Option<usize>,
}

impl TextSelection {
    /// The selected bytes, the grapheme under the cursor included; with no
    /// mark, the sentence around the cursor.
    pub fn range(&self, text: &str) -> Option<Span> {
        let cursor = self.cursor.min(text.len());
        let (start, end) = match self.mark {
            Some(mark) => {
                let mark = mark.min(text.len());
                let (low, high) = (mark.min(cursor), mark.max(cursor));
                (low, next_grapheme(text, high))
            }
            None => sentence_around(text, cursor),
        };
        (start < end).then_some(Span::new(start, end))
    }
}

pub fn next_grapheme(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.graphemes(true).next())
        .map_or(text.len(), |g| at + g.len())
}

pub fn previous_grapheme(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.grapheme_indices(true).next_back())
        .map_or(0, |(i, _)| i)
}

/// The start of the next word after `at`.
pub fn next_word(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| {
            rest.split_word_bound_indices()
                .skip(1)
                .find(|(_, word)| word.chars().any(char::is_alphanumeric))
                .map(|(i, _)| at + i)
        })
        .unwrap_or(text.len())
}

/// The start of the word before `at`.
pub fn previous_word(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| {
            before
                .split_word_bound_indices()
                .rev()
                .find(|(_, word)| word.chars().any(char::is_alphanumeric))
                .map(|(i, _)| i)
        })
        .unwrap_or(0)
}

/// The sentence around `at`, without the spaces around it.
pub fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    for (start, sentence) in text.split_sentence_bound_indices() {
        if at < start + sentence.len() || start + sentence.len() == text.len() {
            let trimmed = sentence.trim_end();
            let lead = trimmed.len() - trimmed.trim_start().len();
            return (start + lead, start + trimmed.len());
        }
    }
    (at, at)
}

/// The start of the sentence after the one around `at` (its first
/// non-space byte), or `at` when that sentence is the last.
pub fn next_sentence(text: &str, at: usize) -> usize {
    text.split_sentence_bound_indices()
        .map(|(start, sentence)| start + (sentence.len() - sentence.trim_start().len()))
        .find(|&start| start > at && start < text.len())
        .unwrap_or(at)
}

/// The start of the sentence around `at`, or of the one before when `at`
/// is already at a sentence's start.
pub fn previous_sentence(text: &str, at: usize) -> usize {
    text.split_sentence_bound_indices()
        .map(|(start, sentence)| start + (sentence.len() - sentence.trim_start().len()))
        .take_while(|&start| start < at)
        .last()
        .unwrap_or(0)
}

/// The offset on the visual line `lines` away from the cursor's, at the
/// same grapheme column as far as that line allows.
pub fn vertical(text: &str, wrapped: &Wrapped, at: usize, lines: isize) -> usize {
    let current = wrapped.line_of(at);
    let Some(target) = current
        .checked_add_signed(lines)
        .and_then(|l| wrapped.lines.get(l))
    else {
        return at;
    };
    let Some(line) = wrapped.lines.get(current) else {
        return at;
    };
    let column = text[line.start..at.clamp(line.start, line.end)]
        .graphemes(true)
        .count();
    let target_text = &text[target.clone()];
    target_text.grapheme_indices(true).nth(column).map_or_else(
        || previous_grapheme(text, target.end).max(target.start),
        |(i, _)| target.start + i,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Au moins 29 soldats ont été tués. Lundi soir, l’attaque a eu lieu.";

    #[test]
    fn words_and_graphemes() {
        let tues = TEXT.find("tués").unwrap();
        assert_eq!(next_word(TEXT, 0), TEXT.find("moins").unwrap());
        assert_eq!(previous_word(TEXT, tues), TEXT.find("été").unwrap());
        let e = TEXT.find("été").unwrap();
        assert_eq!(next_grapheme(TEXT, e), e + 'é'.len_utf8());
        assert_eq!(previous_grapheme(TEXT, e + 2), e);
        assert_eq!(next_grapheme(TEXT, TEXT.len()), TEXT.len());
        assert_eq!(previous_word(TEXT, 0), 0);
    }

    #[test]
    fn sentences_forward_and_back() {
        let lundi = TEXT.find("Lundi").unwrap();
        assert_eq!(next_sentence(TEXT, 0), lundi);
        assert_eq!(next_sentence(TEXT, 5), lundi);
        assert_eq!(next_sentence(TEXT, lundi), lundi, "the last stays");
        assert_eq!(previous_sentence(TEXT, lundi + 3), lundi);
        assert_eq!(previous_sentence(TEXT, lundi), 0);
        assert_eq!(previous_sentence(TEXT, 0), 0);
        assert_eq!(next_sentence("", 0), 0);
    }

    #[test]
    fn with_no_mark_the_sentence_is_selected() {
        let selection = TextSelection {
            purpose: Some(Purpose::Add),
            cursor: TEXT.find("soir").unwrap(),
            mark: None,
        };
        let span = selection.range(TEXT).unwrap();
        assert_eq!(
            &TEXT[span.start..span.end],
            "Lundi soir, l’attaque a eu lieu."
        );
        let marked = TextSelection {
            mark: Some(TEXT.find("29").unwrap()),
            cursor: TEXT.find("soldats").unwrap() + "soldats".len() - 1,
            ..selection
        };
        let span = marked.range(TEXT).unwrap();
        assert_eq!(&TEXT[span.start..span.end], "29 soldats");
    }

    #[test]
    fn up_and_down_keep_the_column() {
        let wrapped = Wrapped::new(TEXT, 20);
        let at = TEXT.find("soldats").unwrap();
        let down = vertical(TEXT, &wrapped, at, 1);
        assert_eq!(wrapped.line_of(down), wrapped.line_of(at) + 1);
        assert_eq!(vertical(TEXT, &wrapped, down, -1), at);
        assert_eq!(vertical(TEXT, &wrapped, 0, -1), 0);
        let last = vertical(TEXT, &wrapped, at, 99);
        assert_eq!(last, at, "past the end stays put");
    }
}
