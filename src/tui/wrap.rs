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

    /// The byte offset of the grapheme drawn at display `column` of visual
    /// line `line`, as the view draws it: wide characters cover two
    /// columns, accents and other zero-width marks none, and a column past
    /// the line's end is its last grapheme. Lines past the end are the last.
    pub fn offset_at(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(range) = self.lines.get(line).or(self.lines.last()) else {
            return 0;
        };
        let mut left = 0;
        let mut last = range.start;
        for (offset, grapheme) in text[range.clone()].grapheme_indices(true) {
            let width = cell_width(grapheme);
            if width == 0 {
                continue;
            }
            last = range.start + offset;
            left += width;
            if column < left {
                break;
            }
        }
        last
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// Columns a grapheme takes on screen as ratatui draws the article: a tab
/// is drawn as one space, other control characters are not drawn.
pub fn cell_width(grapheme: &str) -> usize {
    match grapheme {
        "\t" => 1,
        g if g.contains(char::is_control) => 0,
        g => g.width(),
    }
}

fn wrap_paragraph(paragraph: &str, base: usize, width: usize, lines: &mut Vec<Range<usize>>) {
    let mut line_start = 0;
    let mut line_width = 0;
    // Just after the last whitespace on the line, and the width up to there.
    let mut last_break: Option<(usize, usize)> = None;
    for (offset, grapheme) in paragraph.grapheme_indices(true) {
        let w = cell_width(grapheme);
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
                        slice
                            .trim_end()
                            .graphemes(true)
                            .map(cell_width)
                            .sum::<usize>()
                            <= width
                            || slice.graphemes(true).count() == 1,
                        "{slice:?} wider than {width}"
                    );
                    assert!(line.start >= covered, "lines are in order");
                    covered = line.end;
                }
                assert_eq!(covered, text.len());
            }
        }
    }

    /// The text of the grapheme at (line, column).
    fn at<'a>(text: &'a str, wrapped: &Wrapped, line: usize, column: usize) -> &'a str {
        let offset = wrapped.offset_at(text, line, column);
        let end = text[offset..]
            .graphemes(true)
            .next()
            .map_or(offset, |g| offset + g.len());
        &text[offset..end]
    }

    #[test]
    fn a_cell_maps_to_the_grapheme_drawn_there() {
        let text = "Tué à Tahoua\n東京で17人 👍🏽x\n\ne\u{301}te\u{301}\tfin";
        let wrapped = Wrapped::new(text, 11);
        assert_eq!(
            texts(text, &wrapped),
            [
                "Tué à ",
                "Tahoua",
                "東京で17人 ",
                "👍🏽x",
                "",
                "e\u{301}te\u{301}\tfin"
            ]
        );
        assert_eq!(at(text, &wrapped, 0, 2), "é", "an accent is one column");
        assert_eq!(at(text, &wrapped, 0, 4), "à");
        assert_eq!(at(text, &wrapped, 1, 0), "T");
        // Both cells of a wide character are that character.
        assert_eq!(at(text, &wrapped, 2, 0), "東");
        assert_eq!(at(text, &wrapped, 2, 1), "東");
        assert_eq!(at(text, &wrapped, 2, 2), "京");
        assert_eq!(at(text, &wrapped, 2, 6), "1");
        assert_eq!(at(text, &wrapped, 2, 9), "人");
        assert_eq!(at(text, &wrapped, 3, 1), "👍🏽");
        assert_eq!(at(text, &wrapped, 3, 2), "x");
        // Past a line's end: its last grapheme; an empty line: its newline.
        assert_eq!(at(text, &wrapped, 1, 40), "a");
        assert_eq!(at(text, &wrapped, 4, 3), "\n");
        // A combining accent joins its letter; a tab is one column.
        assert_eq!(at(text, &wrapped, 5, 0), "e\u{301}");
        assert_eq!(at(text, &wrapped, 5, 2), "e\u{301}");
        assert_eq!(at(text, &wrapped, 5, 3), "\t");
        assert_eq!(at(text, &wrapped, 5, 4), "f");
        assert_eq!(at(text, &wrapped, 99, 0), "e\u{301}", "past the last line");
        assert_eq!(Wrapped::new("", 10).offset_at("", 3, 3), 0);
    }

    #[test]
    fn every_cell_of_a_line_maps_inside_it_on_a_grapheme_boundary() {
        let text = "👍🏽👍🏽 emoji e\u{301}te\u{301} 東京で17人の兵士 🇳🇪🇳🇪 tab\there\u{0}nul";
        for width in 1..20 {
            let wrapped = Wrapped::new(text, width);
            for (line, range) in wrapped.lines.iter().enumerate() {
                let mut previous = range.start;
                for column in 0..width + 3 {
                    let offset = wrapped.offset_at(text, line, column);
                    assert!(offset >= previous, "columns map in order");
                    assert!(range.is_empty() || range.contains(&offset));
                    assert!(
                        text[..offset].graphemes(true).map(str::len).sum::<usize>() == offset,
                        "{offset} is a grapheme boundary"
                    );
                    previous = offset;
                }
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
