//! Styles of the review screen. With `NO_COLOR` set, highlights use
//! modifiers only (underline, reverse, bold), readable on any background.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Evidence of the selected event.
    pub evidence: Style,
    /// Evidence of the selected field: stronger than the event's.
    pub evidence_field: Style,
    /// Matches of the search in the article.
    pub matched: Style,
    /// Text being selected, and the selection cursor.
    pub selection: Style,
    pub cursor: Style,
    /// The selected row of a list or table.
    pub selected: Style,
    /// A field's value being edited in place.
    pub editing: Style,
    pub header: Style,
    pub dim: Style,
    pub error: Style,
    pub read_only: Style,
    pub border: Style,
    pub border_focus: Style,
    /// Cluster markers of linked events.
    pub linked: Style,
    color: bool,
}

impl Theme {
    /// Colours unless `NO_COLOR` is set (https://no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::plain(),
            _ => Theme::color(),
        }
    }

    pub fn color() -> Theme {
        Theme {
            evidence: Style::new().fg(Color::Black).bg(Color::Yellow),
            evidence_field: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Black).bg(Color::LightGreen),
            selection: Style::new().fg(Color::White).bg(Color::Blue),
            cursor: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            editing: Style::new()
                .fg(Color::Black)
                .bg(Color::LightCyan)
                .add_modifier(Modifier::UNDERLINED),
            header: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            read_only: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            border: Style::new(),
            border_focus: Style::new().fg(Color::Cyan),
            linked: Style::new().fg(Color::LightBlue),
            color: true,
        }
    }

    pub fn plain() -> Theme {
        Theme {
            evidence: Style::new().add_modifier(Modifier::UNDERLINED),
            evidence_field: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            cursor: Style::new()
                .add_modifier(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            editing: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().add_modifier(Modifier::DIM),
            error: Style::new().add_modifier(Modifier::BOLD),
            read_only: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            border: Style::new(),
            border_focus: Style::new().add_modifier(Modifier::BOLD),
            linked: Style::new().add_modifier(Modifier::ITALIC),
            color: false,
        }
    }

    /// Colours of the map: coastlines, the article's events, the selected place.
    pub fn map_color(&self) -> (Color, Color, Style) {
        if self.color {
            (
                Color::DarkGray,
                Color::Yellow,
                Style::new()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
            )
        } else {
            (
                Color::Reset,
                Color::Reset,
                Style::new().add_modifier(Modifier::BOLD),
            )
        }
    }

    pub fn status(&self, status: Status) -> Style {
        if !self.color {
            return match status {
                Status::Pending => Style::new(),
                Status::Rejected => self.dim,
                _ => Style::new().add_modifier(Modifier::BOLD),
            };
        }
        match status {
            Status::Pending => Style::new(),
            Status::Confirmed => Style::new().fg(Color::Green),
            Status::Corrected => Style::new().fg(Color::Cyan),
            Status::Rejected => Style::new().fg(Color::Red),
            Status::Added => Style::new().fg(Color::Magenta),
        }
    }
}

/// A one-character mark for each status, readable without colour.
pub fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Pending => "·",
        Status::Confirmed => "✓",
        Status::Corrected => "✎",
        Status::Rejected => "✗",
        Status::Added => "+",
    }
}
