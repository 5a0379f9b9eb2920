//! A one-line text editor whose cursor moves by grapheme, so French
//! accents, emoji and CJK text edit and display correctly.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The text being typed and the cursor, a byte offset on a grapheme boundary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    pub fn with_text(text: &str) -> LineInput {
        LineInput {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        // A combining mark joins the grapheme before it: keep the cursor
        // on a grapheme boundary.
        self.cursor = self.next_boundary_at_or_after(self.cursor);
    }

    /// Deletes the grapheme before the cursor.
    pub fn backspace(&mut self) {
        let start = self.previous_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the grapheme under the cursor.
    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.previous_boundary();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes from the start of the line to the cursor (Ctrl-u).
    pub fn clear_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Display columns before the cursor, where the terminal cursor goes.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.cursor].width()
    }

    /// The part of the text to show in `width` columns so the cursor is
    /// in view (the line scrolls sideways past the right edge), and the
    /// cursor's column in it.
    pub fn window(&self, width: usize) -> (&str, usize) {
        let width = width.max(1);
        let mut start = 0;
        // Drop graphemes from the left until the cursor fits, leaving its cell.
        while self.text[start..self.cursor].width() >= width {
            start += self.text[start..]
                .graphemes(true)
                .next()
                .map_or(self.text.len() - start, str::len);
        }
        let column = self.text[start..self.cursor].width();
        let mut end = start;
        let mut used = 0;
        for g in self.text[start..].graphemes(true) {
            used += g.width();
            if used > width {
                break;
            }
            end += g.len();
        }
        (&self.text[start..end], column)
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn next_boundary_at_or_after(&self, offset: usize) -> usize {
        let mut position = 0;
        for g in self.text.graphemes(true) {
            if position >= offset {
                return position;
            }
            position += g.len();
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineInput {
        let mut input = LineInput::default();
        text.chars().for_each(|c| input.insert(c));
        input
    }

    #[test]
    fn moves_and_deletes_whole_graphemes() {
        let mut input = typed("été 👍🏽 東京");
        assert_eq!(input.text(), "été 👍🏽 東京");
        assert_eq!(input.cursor_column(), 3 + 1 + 2 + 1 + 4);
        input.backspace();
        assert_eq!(input.text(), "été 👍🏽 東");
        input.left();
        input.left();
        input.backspace();
        assert_eq!(
            input.text(),
            "été  東",
            "the emoji with its skin tone goes at once"
        );
        input.home();
        input.delete();
        assert_eq!(input.text(), "té  東");
        input.end();
        input.insert('!');
        assert_eq!(input.text(), "té  東!");
    }

    #[test]
    fn a_combining_accent_joins_its_letter() {
        let mut input = typed("e\u{301}t");
        input.left();
        input.left();
        assert_eq!(input.cursor_column(), 0);
        input.right();
        input.backspace();
        assert_eq!(input.text(), "t");
    }

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        let mut input = LineInput::with_text("Au moins 29 soldats ont été tués");
        assert_eq!(input.window(100), (input.text(), 32));
        let (shown, column) = input.window(10);
        assert_eq!((shown, column), (" été tués", 9), "the end in view");
        input.home();
        assert_eq!(input.window(10), ("Au moins 2", 0));
        let wide = LineInput::with_text("東京で17人");
        let (shown, column) = wide.window(5);
        assert_eq!((shown, column), ("17人", 4));
        assert_eq!(LineInput::default().window(0), ("", 0));
    }

    #[test]
    fn edges_never_panic() {
        let mut input = LineInput::default();
        input.backspace();
        input.delete();
        input.left();
        input.right();
        input.clear_to_start();
        assert_eq!(input, LineInput::default());
        let mut input = LineInput::with_text("abc");
        input.left();
        input.clear_to_start();
        assert_eq!(input.text(), "c");
    }
}
