//! An article wrapped once per (text, width) into visual lines that know
//! their byte ranges. The view renders only the visible slice, and finds
//! the line of any evidence span by binary search: no re-wrapping per frame.
//!
//! Widths are those of unicode-width on graphemes, as ratatui measures
//! them, so a wrapped line never overflows its pane.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The visual lines of one text at one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wrapped {
    pub width: usize,
    /// Byte range of each visual line, without its newline.
    pub lines: Vec<Range<usize>>,
}

impl Wrapped {
    /// Wraps `text` at word boundaries to `width` columns; a word longer than
    /// the width is cut between graphemes.
    pub fn new(text: &str, width: usize) -> Wrapped {
        let width = width.max(1);
        let mut lines = Vec::new();
        let mut start = 0;
        for paragraph in text.split('\n') {
            wrap_paragraph(paragraph, start, width, &mut lines);
            start += paragraph.len() + 1;
        }
        Wrapped { width, lines }
    }

    /// The visual line that shows byte `offset` (the last line for offsets
    /// past the end).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|line| line.start <= offset)
            .saturating_sub(1)
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

fn wrap_paragraph(paragraph: &str, base: usize, width: usize, lines: &mut Vec<Range<usize>>) {
    let mut line_start = 0;
    let mut line_width = 0;
    // Just after the last whitespace on the line, and the width up to there.
    let mut last_break: Option<(usize, usize)> = None;
    for (offset, grapheme) in paragraph.grapheme_indices(true) {
        let w = grapheme.width();
        let fits = line_width + w <= width;
        if grapheme.chars().all(char::is_whitespace) {
            if !fits {
                lines.push(base + line_start..base + offset);
                line_start = offset + grapheme.len();
                line_width = 0;
                last_break = None;
                continue;
            }
            line_width += w;
            last_break = Some((offset + grapheme.len(), line_width));
            continue;
        }
        if !fits && line_width > 0 {
            match last_break.take() {
                Some((at, at_width)) if at > line_start => {
                    lines.push(base + line_start..base + at);
                    line_start = at;
                    line_width -= at_width;
                }
                _ => {
                    lines.push(base + line_start..base + offset);
                    line_start = offset;
                    line_width = 0;
                }
            }
        }
        line_width += w;
    }
    lines.push(base + line_start..base + paragraph.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, wrapped: &Wrapped) -> Vec<&'a str> {
        wrapped.lines.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn wraps_at_words_and_keeps_paragraphs() {
        let text = "The ambush took place on Tuesday\n\nnear Koutougou.";
        let wrapped = Wrapped::new(text, 12);
        assert_eq!(
            texts(text, &wrapped),
            [
                "The ambush ",
                "took place ",
                "on Tuesday",
                "",
                "near ",
                "Koutougou."
            ]
        );
        assert_eq!(wrapped.line_of(text.find("Tuesday").unwrap()), 2);
        assert_eq!(wrapped.line_of(text.find("Koutougou").unwrap()), 5);
        assert_eq!(wrapped.line_of(text.len() + 10), 5);
    }

    #[test]
    fn long_words_are_cut_between_graphemes() {
        let text = "abcdefghij";
        assert_eq!(texts(text, &Wrapped::new(text, 4)), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_and_combined_characters_never_overflow() {
        for text in [
            "Au moins 29 soldats ont été tués lors de l’attaque",
            "東京で17人の兵士が死亡した。東京で17人の兵士が死亡した。",
            "👍🏽👍🏽👍🏽 emoji e\u{301}te\u{301} 🇳🇪🇳🇪",
            "tab\there\u{0}nul",
        ] {
            for width in 1..30 {
                let wrapped = Wrapped::new(text, width);
                let mut covered = 0;
                for line in &wrapped.lines {
                    let slice = &text[line.clone()];
                    assert!(
                        slice.trim_end().width() <= width || slice.graphemes(true).count() == 1,
                        "{slice:?} wider than {width}"
                    );
                    assert!(line.start >= covered, "lines are in order");
                    covered = line.end;
                }
                assert_eq!(covered, text.len());
            }
        }
    }

    #[test]
    fn every_character_lands_on_some_line() {
        let text = "one two\nthree  four five six seven";
        let wrapped = Wrapped::new(text, 5);
        let shown: String = texts(text, &wrapped).concat();
        let without_spaces = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(without_spaces(&shown), without_spaces(text));
    }
}
