//! The help screen: every binding and command of the registry with its
//! description, then the keys of the screen's modes, wrapped to the
//! window, scrolled by line and filtered as the analyst types.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};
use unicode_width::UnicodeWidthStr;

use crate::keymap::{Key, KeyCode};
use crate::review::{COMMANDS, parse_command_line};

use super::app::{App, Mode, edit_line};
use super::input::LineInput;
use super::theme::Theme;
use super::wrap::Wrapped;

/// The help screen's scroll and filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpView {
    /// First visible line of the help's text.
    pub scroll: usize,
    /// Visible lines at the last draw, for paging.
    pub page: usize,
    /// Only entries containing this text (any case) are shown.
    pub filter: LineInput,
    /// Whether keys go to the filter (after `/`).
    pub typing: bool,
}

impl HelpView {
    pub fn scroll_by(&mut self, lines: isize) {
        self.scroll = self.scroll.saturating_add_signed(lines);
    }

    /// Applies a key; false when it closes the help.
    pub fn key(&mut self, key: Key) -> bool {
        let page = self.page.max(2) as isize - 1;
        if self.typing {
            match key.code {
                KeyCode::Esc => {
                    self.filter = LineInput::default();
                    self.typing = false;
                }
                KeyCode::Enter => self.typing = false,
                KeyCode::Backspace if self.filter.text().is_empty() => self.typing = false,
                KeyCode::Down => self.scroll_by(1),
                KeyCode::Up => self.scroll_by(-1),
                KeyCode::PageDown => self.scroll_by(page),
                KeyCode::PageUp => self.scroll_by(-page),
                _ => {
                    if edit_line(&mut self.filter, key) {
                        self.scroll = 0;
                    }
                }
            }
            return true;
        }
        match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?') => return false,
            KeyCode::Char('c') if key.ctrl => return false,
            KeyCode::Char('/') => self.typing = true,
            KeyCode::Down | KeyCode::Char('j') => self.scroll_by(1),
            KeyCode::Up | KeyCode::Char('k') => self.scroll_by(-1),
            KeyCode::Char('d') if key.ctrl => self.scroll_by(page),
            KeyCode::Char('u') if key.ctrl => self.scroll_by(-page),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll_by(page),
            KeyCode::PageUp => self.scroll_by(-page),
            KeyCode::Home | KeyCode::Char('g') => self.scroll = 0,
            // The draw clamps the scroll to the last page.
            KeyCode::End | KeyCode::Char('G') => self.scroll = usize::MAX,
            _ => {}
        }
        true
    }
}

/// One entry of help: its keys, how to type it, what it does.
pub type HelpRow = (String, String, String);

/// Help rows: every registry command with its keys, then any binding that
/// runs a command with arguments (`set fatalities 0`).
pub fn help_rows(app: &App) -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = COMMANDS
        .iter()
        .map(|spec| {
            let keys = parse_command_line(spec.name)
                .map(|command| app.keymap.keys_for(&command))
                .unwrap_or_default();
            let prefix = if keys.is_empty() { ":" } else { "" };
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            let usage = format!("{prefix}{}", spec.usage());
            (keys.join(" "), usage, spec.doc.to_string())
        })
        .collect();
    for binding in app.keymap.bindings() {
        if parse_command_line(binding.command.name()).ok().as_ref() != Some(&binding.command) {
            rows.push((
                binding.key.to_string(),
                binding.command.to_string(),
                binding.desc.clone(),
            ));
        }
    }
    rows
}

/// The keys of the screen's modes, which the keymap does not bind: each
/// section's title, then (keys, what they do).
const MODE_KEYS: &[(&str, &[(&str, &str)])] = &[
    (
        "Selecting text (after a or A, or with the mouse)",
        &[
            ("h l ← →", "Move the cursor a character"),
            ("w b", "Move to the next or previous word"),
            (") (", "Move to the next or previous sentence"),
            ("j k ↑ ↓ PgDn PgUp", "Move a line or a page"),
            (
                "Space v",
                "Set or drop the mark: the selection runs from it to the cursor",
            ),
            ("s", "Select the sentence around the cursor"),
            (
                "Enter",
                "Add the event (after a) or the new evidence (after A); without a mark, the cursor's sentence",
            ),
            (
                "a A",
                "Add an event from the selection, or make it the field's evidence",
            ),
            (
                "mouse",
                "With the mouse on (M): press, drag and release over the article",
            ),
            ("Esc", "Cancel"),
        ],
    ),
    (
        "Editing a field (e), the command line (:) and searches",
        &[
            ("Enter Esc", "Accept (refused values say why) or cancel"),
            ("← → Home End", "Move by character, to the start or the end"),
            (
                "Backspace Delete C-u",
                "Delete before or under the cursor, or up to it",
            ),
            ("Tab S-Tab", "Choose among the place or command completions"),
        ],
    ),
    (
        "Pick lists (event type, sub-event type, precisions)",
        &[
            ("j k g G", "Move; 1-9 picks that entry at once"),
            ("Enter Esc", "Pick or cancel"),
        ],
    ),
    (
        "Article list (/)",
        &[
            (
                "typing",
                "Fuzzy search over titles and ids; lang:fr country:niger since:2023-08 until:2023-09-30",
            ),
            (
                "pause typing",
                "Every article's text is searched too (3+ letters, every word, any case or accent); hits are tagged text",
            ),
            ("Tab", "All, pending, flagged articles"),
            ("↑ ↓ C-n C-p PgUp PgDn", "Move"),
            (
                "Enter Esc",
                "Open the article (on the match, for a text hit) or close the list",
            ),
        ],
    ),
    (
        "Link view (l): the same real-world event in other articles",
        &[
            ("j k", "Choose a suggestion; J K scroll its article"),
            (
                "Enter Space",
                "Link the event to the suggestion, or unlink it",
            ),
            ("c", "The cluster: its values and where members disagree"),
            (
                "e d x",
                "In the cluster: set a value, accept the rule's, back to the rule",
            ),
            ("u C-r", "Undo or redo a link change"),
            ("Esc q", "Back"),
        ],
    ),
    (
        "This help",
        &[
            ("j k PgDn PgUp g G", "Scroll (the mouse wheel too)"),
            (
                "/",
                "Filter the entries; Enter keeps the filter, Esc clears it",
            ),
            ("Esc q ?", "Close"),
        ],
    ),
];

/// The help's text wrapped to `width`, keeping only entries that contain
/// `filter`: each entry's keys and usage in columns, its description
/// wrapped beside them (or below them when the window is narrow).
pub fn help_lines(
    rows: &[HelpRow],
    filter: &str,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let filter = filter.trim().to_lowercase();
    let wanted = |parts: &[&str]| {
        filter.is_empty() || parts.iter().any(|p| p.to_lowercase().contains(&filter))
    };
    let mut sections: Vec<(&str, Vec<HelpRow>)> = vec![(
        "Keys and commands (: runs any command; keys from keymap.toml)",
        rows.iter()
            .filter(|(k, u, d)| wanted(&[k, u, d]))
            .cloned()
            .collect(),
    )];
    for (title, keys) in MODE_KEYS {
        let entries = keys
            .iter()
            .filter(|(k, d)| wanted(&[title, k, d]))
            .map(|(k, d)| (k.to_string(), String::new(), d.to_string()))
            .collect();
        sections.push((title, entries));
    }
    let widest = |pick: fn(&HelpRow) -> &str, most: usize| {
        sections[0]
            .1
            .iter()
            .map(|row| pick(row).width())
            .max()
            .unwrap_or(0)
            .min(most)
    };
    let keys_width = widest(|r| &r.0, 20);
    let usage_width = widest(|r| &r.1, 24);
    // Descriptions beside the keys and usage, or under the keys when the
    // window is too narrow for that.
    let indent = if width.saturating_sub(keys_width + usage_width + 2) >= 28 {
        keys_width + usage_width + 2
    } else {
        keys_width + 1
    };
    let wrap_width = width.saturating_sub(indent).max(10);
    let mut lines = Vec::new();
    for (title, entries) in sections.iter().filter(|(_, e)| !e.is_empty()) {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        let wrapped = Wrapped::new(title, width.max(10));
        for range in &wrapped.lines {
            let part = title[range.clone()].trim_end().to_string();
            lines.push(Line::styled(part, theme.header.underlined()));
        }
        for (keys, usage, doc) in entries {
            let mut label = vec![Span::styled(keys.clone(), theme.header)];
            if !usage.is_empty() {
                let pad = keys_width.saturating_sub(keys.width()) + 1;
                label.push(Span::raw(format!("{}{usage}", " ".repeat(pad))));
            }
            let label_width = Line::from(label.clone()).width();
            let wrapped = Wrapped::new(doc, wrap_width);
            let mut doc_lines = wrapped.lines.iter().map(|r| doc[r.clone()].trim_end());
            if label_width < indent {
                label.push(Span::raw(" ".repeat(indent - label_width)));
                let first = doc_lines.next().unwrap_or_default().to_string();
                label.push(Span::styled(first, theme.dim));
            }
            lines.push(Line::from(label));
            for rest in doc_lines {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(indent)),
                    Span::styled(rest.to_string(), theme.dim),
                ]));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            format!("Nothing in help contains `{filter}`."),
            theme.dim,
        ));
    }
    lines
}

impl App {
    /// Draws the help over `area`, clamping its scroll to the last page.
    pub(super) fn draw_help(&mut self, frame: &mut Frame, area: Rect) {
        let Mode::Help(help) = &self.mode else {
            return;
        };
        let popup = centered_popup(area);
        frame.render_widget(Clear, popup);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focus);
        let inner = block.inner(popup);
        let show_filter = help.typing || !help.filter.text().is_empty();
        let [filter_area, text_area] = Layout::vertical([
            Constraint::Length(u16::from(show_filter)),
            Constraint::Min(0),
        ])
        .areas(inner);
        // The scrollbar takes the right column, and a gap before it.
        let width = usize::from(text_area.width.saturating_sub(2));
        let lines = help_lines(&help_rows(self), help.filter.text(), width, &self.theme);
        let height = usize::from(text_area.height).max(1);
        let last_page = lines.len().saturating_sub(height);
        let scroll = help.scroll.min(last_page);
        let shown = format!(
            " Help: lines {}-{} of {} ",
            (scroll + 1).min(lines.len()),
            (scroll + height).min(lines.len()),
            lines.len()
        );
        let hint = if help.typing {
            " Enter keeps the filter · Esc clears it "
        } else {
            " j/k PgDn/PgUp g/G scroll · / filter · Esc closes "
        };
        let block = block
            .title(Line::from(shown).bold())
            .title_bottom(Line::styled(hint, self.theme.dim));
        frame.render_widget(block, popup);
        if show_filter {
            let prompt = Line::from(vec![
                Span::styled("/ ", self.theme.header),
                Span::raw(help.filter.text().to_string()),
            ]);
            frame.render_widget(Paragraph::new(prompt), filter_area);
            if help.typing {
                let column = (usize::from(filter_area.x) + 2 + help.filter.cursor_column())
                    .min(usize::from(filter_area.right().saturating_sub(1)));
                frame.set_cursor_position(Position::new(column as u16, filter_area.y));
            }
        }
        let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
        frame.render_widget(Paragraph::new(visible), text_area);
        let mut bar = ScrollbarState::new(last_page)
            .position(scroll)
            .viewport_content_length(height);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            text_area.inner(Margin::new(0, 0)),
            &mut bar,
        );
        if let Mode::Help(help) = &mut self.mode {
            help.scroll = scroll;
            help.page = height;
        }
    }
}

/// Most of `area`: the help needs all the room it can get.
fn centered_popup(area: Rect) -> Rect {
    area.inner(Margin::new(
        (area.width / 40).min(4),
        (area.height / 20).min(2),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(keys: &str, usage: &str, doc: &str) -> HelpRow {
        (keys.into(), usage.into(), doc.into())
    }

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn descriptions_wrap_in_full_and_the_filter_keeps_matching_entries() {
        let rows = [
            row(
                "c",
                "confirm",
                "Confirm the selected event as the extractor proposed it",
            ),
            row("x", "reject [REASON]", "Reject the selected event"),
        ];
        let lines = text(&help_lines(&rows, "", 50, &Theme::plain()));
        let all = lines.join(" ");
        for word in ["Confirm", "extractor", "proposed", "it", "Reject", "Esc"] {
            assert!(all.contains(word), "{word} in {lines:#?}");
        }
        assert!(
            lines.iter().all(|l| l.trim_end().width() <= 50),
            "{lines:#?}"
        );

        let lines = text(&help_lines(&rows, "REJECT", 50, &Theme::plain()));
        assert!(lines.iter().any(|l| l.contains("Reject the selected")));
        assert!(!lines.iter().any(|l| l.contains("Confirm")), "{lines:#?}");
        let lines = text(&help_lines(&rows, "no such words", 50, &Theme::plain()));
        assert_eq!(lines, ["Nothing in help contains `no such words`."]);
    }

    #[test]
    fn keys_scroll_filter_and_close() {
        let mut help = HelpView {
            page: 10,
            ..HelpView::default()
        };
        let press = |help: &mut HelpView, code| help.key(Key::new(code));
        assert!(press(&mut help, KeyCode::Char('j')));
        assert!(press(&mut help, KeyCode::PageDown));
        assert_eq!(help.scroll, 10);
        press(&mut help, KeyCode::Char('k'));
        press(&mut help, KeyCode::Char('g'));
        assert_eq!(help.scroll, 0);
        press(&mut help, KeyCode::Char('G'));
        assert_eq!(help.scroll, usize::MAX, "the draw clamps it");
        press(&mut help, KeyCode::Char('/'));
        for c in "q?".chars() {
            assert!(press(&mut help, KeyCode::Char(c)), "typed, not closing");
        }
        assert_eq!(help.filter.text(), "q?");
        assert_eq!(help.scroll, 0, "a new filter starts at the top");
        press(&mut help, KeyCode::Enter);
        assert!(!help.typing);
        assert_eq!(help.filter.text(), "q?");
        press(&mut help, KeyCode::Char('/'));
        press(&mut help, KeyCode::Esc);
        assert_eq!(help.filter.text(), "", "Esc while typing clears");
        assert!(!press(&mut help, KeyCode::Char('q')));
    }
}
