//! Drawing the review screen. Views only read the state; the one thing
//! they keep is the article's wrap (per text and width) and its scroll.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, TableState, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::link::Links;
use crate::model::{EventFields, EventType, Field, ReviewEvent};
use crate::review::{Command, FILTER_SYNTAX, Level, Purpose, ReviewState, Scope};

use super::app::{App, Mode, SaveState, TableRows};
use super::input::LineInput;
use super::link_view::ClusterInfo;
use super::select::next_grapheme;
use super::text_search::TextProgress;
use super::theme::{Theme, status_mark};
use super::wrap::Wrapped;
use crate::review::add::clamp_span;
use crate::review::stats::{DeskStats, MapPlace, map_bounds, places_of};
use ratatui::widgets::canvas::{Canvas, Map as WorldMap, MapResolution, Points};
use ratatui::widgets::{Bar, BarChart, BarGroup, LineGauge};

/// Below this size the screen says so instead of drawing a cramped desk.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;

impl App {
    /// Draws the whole screen for one frame.
    pub fn draw(&mut self, frame: &mut Frame) {
        let area = frame.area();
        self.drawn();
        self.edit_cursor = None;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            draw_too_small(frame, area);
            return;
        }
        let [main, status, bottom] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(main);
        self.prepare_cluster_info();
        self.draw_article(frame, left);
        let right = if self.show_map {
            let [panes, map] =
                Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(right);
            self.draw_map(frame, map);
            panes
        } else {
            right
        };
        let clusters = Clusters {
            links: self.links.links(),
            shown: self
                .state
                .selected_event_id()
                .and_then(|event| self.links.shown(event)),
        };
        (self.layout.events, self.layout.fields) =
            draw_events_and_fields(frame, right, &self.state, &clusters, &self.theme);
        if let Mode::Edit { field, input, .. } = &self.mode {
            // The editor in place of the field's value, cursor in it.
            let fields = self.layout.fields;
            let index = Field::ALL.iter().position(|f| f == field);
            if let Some((y, height)) = index.and_then(|i| fields.row_of(i)) {
                // The label column (15) and the table's column spacing.
                let x = fields.x + 16;
                let width = fields.width.saturating_sub(16);
                let (shown, cursor) = input.window(usize::from(width.saturating_sub(1)));
                frame.render_widget(Clear, Rect::new(x, y, width, height));
                let editor =
                    Paragraph::new(Line::from(shown.to_string())).style(self.theme.editing);
                frame.render_widget(editor, Rect::new(x, y, width, 1));
                let column =
                    (usize::from(x) + cursor).min(usize::from(x + width).saturating_sub(1));
                self.edit_cursor = Some(Position::new(column as u16, y));
            }
            let hint = cut_parts(
                &[(" Enter sets · Esc cancels ".to_string(), self.theme.header)],
                usize::from(fields.width),
            );
            let at = Rect::new(fields.x, fields.y + fields.height, fields.width, 1);
            frame.render_widget(hint, at.intersection(frame.area()));
        }
        self.draw_status(frame, status);
        self.draw_bottom(frame, bottom);
        self.draw_links(frame, main);
        match &self.mode {
            Mode::Help(_) => self.draw_help(frame, main),
            Mode::Stats(stats) => {
                let complete = self.scanner.is_none();
                draw_stats(frame, main, stats, complete, &self.theme)
            }
            Mode::Articles {
                query,
                scope,
                matches,
                selected,
                problem,
            } => self.draw_articles(
                frame,
                main,
                ArticleList {
                    query,
                    scope: *scope,
                    matches,
                    selected: *selected,
                    problem: problem.as_deref(),
                },
            ),
            Mode::Pick {
                field,
                choices,
                selected,
            } => {
                let labels: Vec<String> = choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("{} {}", i + 1, c.label))
                    .collect();
                let title = format!(" {field} ");
                draw_list_popup(frame, right, &labels, Some(*selected), &title, &self.theme);
            }
            Mode::CommandLine(input) if !input.text().trim().is_empty() => {
                // While Tab cycles, the list it cycles through, its choice marked.
                let (typed, chosen) = match &self.tab_cycle {
                    Some((typed, at)) => (typed.as_str(), Some(*at)),
                    None => (input.text(), None),
                };
                let completions = self.completions_of(typed);
                if completions.len() > 1 {
                    let first = chosen.map_or(0, |at| (at + 1).saturating_sub(8));
                    let shown = &completions[first..completions.len().min(first + 8)];
                    let title = " Tab completes, again cycles ";
                    let marked = chosen.map(|at| at - first);
                    draw_list_popup(frame, right, shown, marked, title, &self.theme);
                }
            }
            Mode::Edit {
                completions,
                selected,
                ..
            } if !completions.is_empty() => {
                let title = " places: Tab to choose, Enter sets ";
                draw_list_popup(frame, right, completions, *selected, title, &self.theme);
            }
            _ => {}
        }
    }

    fn draw_article(&mut self, frame: &mut Frame, area: Rect) {
        let state = &self.state;
        let title = match &state.article {
            Some(loaded) => format!(
                " {}/{} {} ",
                state.index + 1,
                state.article_count,
                loaded.article.display_title()
            ),
            None => format!(" {}/{} ", state.index + 1, state.article_count),
        };
        let title = cut_parts(
            &[(title, Style::new())],
            usize::from(area.width.saturating_sub(2)),
        );
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.theme.border)
            .title(title.bold());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(loaded) = &state.article else {
            let text = state
                .load_error
                .as_deref()
                .unwrap_or("This desk has no articles.");
            let paragraph = Paragraph::new(text)
                .style(self.theme.error)
                .wrap(Wrap { trim: false });
            frame.render_widget(paragraph, inner);
            return;
        };
        let text = &loaded.article.text;
        let width = usize::from(inner.width);
        let stale =
            !matches!(&self.wrapped, Some((id, w)) if id == loaded.id() && w.width == width.max(1));
        if stale {
            self.wrapped = Some((loaded.id().to_string(), Wrapped::new(text, width)));
            self.reveal = true;
        }
        let height = usize::from(inner.height);
        self.viewport = height;
        let matches = self.search_matches().to_vec();
        let Some(loaded) = &self.state.article else {
            return;
        };
        let text = &loaded.article.text;
        let Some((_, wrapped)) = &self.wrapped else {
            return;
        };
        let highlights = highlights(self, text, &matches);
        if let Some(at) = self.reveal_at.take() {
            let line = wrapped.line_of(at);
            if line < self.scroll || line >= self.scroll + height {
                self.scroll = line.saturating_sub(height / 3);
            }
            self.reveal = false;
        }
        if self.reveal {
            self.reveal = false;
            if let Some(target) = reveal_target(&highlights) {
                let line = wrapped.line_of(target);
                if line < self.scroll || line >= self.scroll + height {
                    self.scroll = line.saturating_sub(height / 3);
                }
            }
        }
        self.scroll = self.scroll.min(wrapped.len().saturating_sub(height));
        self.layout.article = TableRows {
            x: inner.x,
            y: inner.y,
            width: inner.width,
            height: inner.height,
            offset: self.scroll,
            tall: None,
        };
        let lines: Vec<Line> = wrapped
            .lines
            .iter()
            .skip(self.scroll)
            .take(height)
            .map(|range| styled_line(text, range.clone(), &highlights, &self.theme))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        // Where the view is in a long article, on the bottom border.
        if wrapped.len() > height {
            let label = format!(
                " lines {}-{} of {} ",
                self.scroll + 1,
                (self.scroll + height).min(wrapped.len()),
                wrapped.len()
            );
            let width = label.width() as u16;
            if area.width > width + 2 {
                let at = Rect::new(area.right() - width - 1, area.bottom() - 1, width, 1);
                frame.render_widget(Line::styled(label, self.theme.dim), at);
            }
        }
    }

    fn draw_status(&self, frame: &mut Frame, area: Rect) {
        let state = &self.state;
        let desk_name = self.desk.root().file_name().map_or_else(
            || self.desk.root().display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let progress = &state.progress;
        let counted = if progress.is_complete() {
            String::new()
        } else {
            format!(" (counting {}/{})", progress.known(), state.article_count)
        };
        let save = match self.save_state() {
            SaveState::Saved => Span::raw("saved"),
            SaveState::Saving => Span::raw("saving…"),
            SaveState::Failed(reason) => {
                Span::styled(format!("SAVE FAILED: {reason}"), self.theme.error)
            }
            SaveState::ReadOnly => Span::raw("not saving"),
        };
        let mut spans = vec![
            Span::styled(format!(" {desk_name} "), self.theme.header),
            Span::raw(format!(
                "│ article {}/{} │ {}/{} events reviewed{counted} │ ",
                (state.index + 1).min(state.article_count),
                state.article_count,
                progress.reviewed(),
                progress.total(),
            )),
            save,
            Span::raw(format!(" │ {}", state.reviewer)),
        ];
        if let Some(holder) = &state.read_only {
            // The holder reads "alice (pid 42, since ...)": the name is enough here;
            // the message line has the rest.
            let who = holder.split(" (").next().unwrap_or(holder);
            spans.insert(
                1,
                Span::styled(format!(" READ-ONLY: {who} has it "), self.theme.read_only),
            );
        }
        let bar = self.theme.dim.not_dim().reversed();
        // The gauge only where the line has room for it after the text.
        let text_width = Line::from(spans.clone()).width() as u16;
        let gauge_width = area.width.saturating_sub(text_width + 1).min(24);
        let [text, gauge] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(gauge_width)]).areas(area);
        frame.render_widget(Paragraph::new(Line::from(spans)).style(bar), text);
        if gauge_width >= 10 {
            let ratio = if progress.total() == 0 {
                0.0
            } else {
                progress.reviewed() as f64 / progress.total() as f64
            };
            let widget = LineGauge::default()
                .ratio(ratio.clamp(0.0, 1.0))
                .label(format!("{:>3.0}%", ratio * 100.0))
                .filled_style(self.theme.header)
                .unfilled_style(self.theme.dim)
                .style(bar);
            frame.render_widget(widget, gauge);
        }
    }

    fn draw_bottom(&self, frame: &mut Frame, area: Rect) {
        let prompt = match &self.mode {
            Mode::CommandLine(input) => Some((":".to_string(), input)),
            Mode::Edit { field, input, .. } => Some((format!("{field}: "), input)),
            _ => None,
        };
        if let Some((prompt, input)) = prompt {
            let room = usize::from(area.width).saturating_sub(prompt.width());
            let (shown, cursor) = input.window(room);
            let column = area.x as usize + prompt.width() + cursor;
            let column = column.min(usize::from(area.right().saturating_sub(1))) as u16;
            let line = Line::from(vec![
                Span::styled(prompt, self.theme.header),
                Span::raw(shown.to_string()),
            ]);
            frame.render_widget(Paragraph::new(line), area);
            // A field edited in place has its cursor there.
            let cursor = match (&self.mode, self.edit_cursor) {
                (Mode::Edit { .. }, Some(at)) => at,
                _ => Position::new(column, area.y),
            };
            frame.set_cursor_position(cursor);
            return;
        }
        let line = match (&self.message, &self.mode) {
            (Some(message), _) if message.level == Level::Error => {
                Line::styled(message.text.clone(), self.theme.error)
            }
            (_, Mode::Select(selection)) => {
                let text = match selection.purpose {
                    Some(Purpose::Add) => {
                        "select: hjkl w b ) ( move · Space mark · s sentence · Enter: add event · Esc"
                    }
                    Some(Purpose::Anchor) => {
                        "select: hjkl w b ) ( move · Space mark · s sentence · Enter: new evidence · Esc"
                    }
                    None => {
                        "selected: a add event · A new evidence for the field · hjkl w b adjust · Esc"
                    }
                };
                Line::styled(text, self.theme.header)
            }
            (None, Mode::Links(view)) => {
                let keys = match view.cluster {
                    Some(_) => super::link_view::CLUSTER_KEYS,
                    None => super::link_view::SUGGESTION_KEYS,
                };
                Line::styled(format!("link:{keys}"), self.theme.header)
            }
            (_, Mode::Pick { .. }) => Line::styled(
                "pick: j/k move · 1-9 picks at once · Enter picks · Esc cancels",
                self.theme.header,
            ),
            (Some(message), _) => Line::raw(message.text.clone()),
            (None, _) => self.key_hints(usize::from(area.width)),
        };
        frame.render_widget(Paragraph::new(line), area);
    }

    /// The bar of the most used keys, from the keymap (gitui's command
    /// bar), as many whole hints as `width` holds, help first.
    fn key_hints(&self, width: usize) -> Line<'static> {
        let hints = [
            (Command::Help, "help"),
            (Command::NextEvent, "event"),
            (Command::NextField, "field"),
            (Command::Confirm, "confirm"),
            (Command::Reject { reason: None }, "reject"),
            (Command::Edit, "edit"),
            (Command::NextArticle, "article"),
            (Command::Undo, "undo"),
            (Command::CommandLine, "command"),
            (Command::Quit, "quit"),
        ];
        let mut spans = Vec::new();
        let mut used = 0;
        for (command, label) in hints {
            if let Some(key) = self.keymap.keys_for(&command).first() {
                let key = key.to_string();
                let label = format!(" {label}  ");
                used += key.width() + label.width();
                if used > width + 2 {
                    break;
                }
                spans.push(Span::styled(key, self.theme.header));
                spans.push(Span::styled(label, self.theme.dim));
            }
        }
        Line::from(spans)
    }

    fn draw_articles(&self, frame: &mut Frame, area: Rect, list: ArticleList) {
        let ArticleList {
            query,
            scope,
            matches,
            selected,
            problem,
        } = list;
        let popup = centered(area, 90, 90);
        frame.render_widget(Clear, popup);
        let scanning = if self.articles.len() < self.state.article_count {
            format!(
                " (reading {}/{})",
                self.articles.len(),
                self.state.article_count
            )
        } else {
            String::new()
        };
        let text = self.text_search.as_ref();
        let in_text = match text.map(|t| (t.progress, t.hit_count())) {
            None | Some((TextProgress::Idle, _)) => String::new(),
            Some((TextProgress::Waiting, _)) => " · text: waiting for typing to pause".to_string(),
            Some((TextProgress::Reading { read, total }, hits)) => {
                format!(" · text: {hits} so far, reading {read}/{total}")
            }
            Some((TextProgress::Done { .. }, hits)) => format!(" · {hits} in text"),
            Some((TextProgress::Capped { read, total }, hits)) => {
                format!(" · {hits} in text (stopped at {read}/{total}: narrow the query)")
            }
        };
        let title = format!(
            " Articles: {} of {}{scanning} · showing {}{in_text} ",
            matches.len(),
            self.state.article_count,
            scope.name()
        );
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.theme.border_focus)
            .title(Line::from(title).bold());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [search, list, preview, hint] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(2),
        ])
        .areas(inner);
        // The selected article's text around the match, when its text
        // matched the query.
        let selected_hit = (matches.get(selected))
            .and_then(|&i| self.articles.get(i))
            .and_then(|entry| text?.hit(entry.index));
        if let Some(hit) = selected_hit {
            let (before, rest) = hit.snippet.split_at(hit.snippet_match.start);
            let (found, after) = rest.split_at(hit.snippet_match.len());
            let line = Line::from(vec![
                Span::styled("text: ", self.theme.dim),
                Span::raw(before),
                Span::styled(found, self.theme.matched),
                Span::raw(after),
            ]);
            frame.render_widget(Paragraph::new(line), preview);
        }
        let hint_line = match problem {
            Some(reason) => Line::styled(reason.to_string(), self.theme.error),
            None => Line::styled(
                format!(
                    "Tab all/pending/flagged · Enter opens · Esc closes · filters: {FILTER_SYNTAX}"
                ),
                self.theme.dim,
            ),
        };
        frame.render_widget(Paragraph::new(hint_line).wrap(Wrap { trim: true }), hint);
        let prompt = Line::from(vec![
            Span::styled("/ ", self.theme.header),
            Span::raw(query.text()),
        ]);
        frame.render_widget(Paragraph::new(prompt), search);
        let column = (usize::from(search.x) + 2 + query.cursor_column())
            .min(usize::from(search.right().saturating_sub(1)));
        frame.set_cursor_position(Position::new(column as u16, search.y));
        let widths = [
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(3),
            Constraint::Length(10),
            Constraint::Fill(3),
            Constraint::Fill(1),
        ];
        let columns = column_widths(&widths, list.width);
        let cut = |text: &str, column: usize, style: Style| {
            let width = usize::from(columns.get(column).copied().unwrap_or(0));
            cut_parts(&[(text.to_string(), style)], width)
        };
        // Only the visible window of matches is turned into rows.
        let height = usize::from(list.height).max(1);
        let first = selected.saturating_sub(height - 1);
        let rows = matches.iter().skip(first).take(height).filter_map(|&i| {
            let entry = self.articles.get(i)?;
            let mut counts = self.state.progress.counts(entry.index).map_or_else(
                || "?".to_string(),
                |c| format!("{}/{}", c.reviewed, c.total),
            );
            let events = self.summaries.get(entry.index).and_then(Option::as_deref);
            if events.is_some_and(|e| e.iter().any(|s| s.flagged)) {
                counts.push_str(" ⚑");
            }
            let published = entry.published.map(|d| d.to_string()).unwrap_or_default();
            let current = if entry.index == self.state.index {
                "▶"
            } else {
                " "
            };
            // Articles found by their text (not their title) say so.
            let by_text = text.is_some_and(|t| t.hit(entry.index).is_some());
            let id_cell = match by_text {
                true => cut_parts(
                    &[
                        ("text ".to_string(), self.theme.header),
                        (entry.id.clone(), self.theme.dim),
                    ],
                    usize::from(columns.get(5).copied().unwrap_or(0)),
                ),
                false => cut(&entry.id, 5, self.theme.dim),
            };
            Some(Row::new(vec![
                Cell::from(format!("{current}{:>5}", entry.index + 1)),
                Cell::from(counts),
                Cell::from(entry.language.clone()),
                Cell::from(published).style(self.theme.dim),
                Cell::from(cut(&entry.title, 4, Style::new())),
                Cell::from(id_cell),
            ]))
        });
        let table = Table::new(rows, widths).row_highlight_style(self.theme.selected);
        let mut state = TableState::new().with_selected(Some(selected - first));
        frame.render_stateful_widget(table, list, &mut state);
    }

    /// The map: the desk's region, the article's events as dots, the
    /// selected event's place marked and named.
    fn draw_map(&mut self, frame: &mut Frame, area: Rect) {
        let selected = self.state.selected_event().and_then(|event| {
            let fields = event.fields();
            let place = fields.location.clone().or_else(|| fields.admin1.clone());
            Some((
                fields.latitude?,
                fields.longitude?,
                place.unwrap_or_default(),
            ))
        });
        let title = match &selected {
            Some((lat, lon, place)) => format!(" Map: {place} ({lat:.2}, {lon:.2}) "),
            None => " Map: the selected event has no coordinates ".to_string(),
        };
        let (linked, linked_count) = self.linked_places();
        let marked: Vec<(f64, f64)> = (selected.iter().map(|(lat, lon, _)| (*lat, *lon)))
            .chain(linked.iter().map(|p| (p.latitude, p.longitude)))
            .collect();
        // Before the scan has framed the desk's events, frame the marks.
        let framed = (self.map_bounds)
            .or_else(|| map_bounds(marked.iter().copied()))
            .unwrap_or(((-180.0, 180.0), (-90.0, 90.0)));
        let ((mut x0, mut x1), (mut y0, mut y1)) = framed;
        for &(lat, lon) in &marked {
            (x0, x1) = (x0.min(lon - 2.0), x1.max(lon + 2.0));
            (y0, y1) = (y0.min(lat - 2.0), y1.max(lat + 2.0));
        }
        let others: Vec<(f64, f64)> = self
            .state
            .article
            .iter()
            .flat_map(|a| &a.events)
            .filter_map(|e| Some((e.fields().longitude?, e.fields().latitude?)))
            .collect();
        // Read for the desk's region (a few ms over the whole gazetteer), not
        // for each event's marks: moving between events never reads it.
        if let Some(places) = &self.state.places
            && self.map_context.as_ref().is_none_or(|(b, _)| *b != framed)
        {
            self.map_context = Some((framed, MapContext::of(places.gazetteer(), framed)));
        }
        let context = self.map_context.as_ref().map(|(_, c)| c);
        let towns = context.map_or(&[][..], |c| c.towns.as_slice());
        // Region names where they do not run into the marks' or each other's.
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        // As the canvas places its labels.
        let cell = |lon: f64, lat: f64| {
            let column = (lon - x0) / (x1 - x0) * f64::from(inner.width.saturating_sub(1));
            let row = (y1 - lat) / (y1 - y0) * f64::from(inner.height.saturating_sub(1));
            (column.max(0.0) as usize, row.max(0.0) as usize)
        };
        let mut taken: Vec<(usize, usize, usize)> = Vec::new();
        let mut free = |lon: f64, lat: f64, label: &str| {
            let (column, row) = cell(lon, lat);
            let end = column + label.width() + 1;
            let clear = taken
                .iter()
                .all(|&(r, start, stop)| r != row || end <= start || stop <= column);
            if clear {
                taken.push((row, column, end));
            }
            clear
        };
        for (lat, lon, name) in selected.iter() {
            free(*lon, *lat, &format!("✖ {name}"));
        }
        for place in &linked {
            free(
                place.longitude,
                place.latitude,
                &format!("◆ {}", place.name),
            );
        }
        let regions: Vec<&(f64, f64, String)> = context
            .map(|c| c.regions.iter())
            .into_iter()
            .flatten()
            .filter(|(lon, lat, name)| free(*lon, *lat, name))
            .collect();
        let color = self.theme.map_color();
        let dim = self.theme.dim.fg(color.0);
        let linked_style = self.theme.linked.bold();
        let mut legend = vec![
            Span::raw(" "),
            Span::styled("✖", color.2),
            Span::raw(" this event "),
        ];
        if linked_count > 0 {
            let located = match linked.len() {
                n if n == linked_count => format!(" {n} linked "),
                n => format!(" {n} of {linked_count} linked located "),
            };
            legend.extend([Span::styled("◆", linked_style), Span::raw(located)]);
        }
        legend.extend([Span::styled("•", color.1), Span::raw(" this article ")]);
        let canvas = Canvas::default()
            .block(
                Block::new()
                    .borders(Borders::ALL)
                    .border_style(self.theme.border)
                    .title(title.bold())
                    .title_bottom(Line::from(legend)),
            )
            .marker(ratatui::symbols::Marker::Braille)
            .x_bounds([x0, x1])
            .y_bounds([y0, y1])
            .paint(move |ctx| {
                ctx.draw(&WorldMap {
                    resolution: MapResolution::High,
                    color: color.0,
                });
                // Inland there is no coast to draw: the gazetteer's towns
                // and regions show where the marks are.
                ctx.draw(&Points {
                    coords: towns,
                    color: color.0,
                });
                for (lon, lat, name) in regions.iter() {
                    ctx.print(*lon, *lat, Line::styled(name.clone(), dim));
                }
                ctx.layer();
                ctx.draw(&Points {
                    coords: &others,
                    color: color.1,
                });
                for place in &linked {
                    let label = format!("◆ {}", place.name);
                    ctx.print(
                        place.longitude,
                        place.latitude,
                        Line::styled(label, linked_style),
                    );
                }
                if let Some((lat, lon, place)) = &selected {
                    ctx.print(*lon, *lat, Line::styled(format!("✖ {place}"), color.2));
                }
            });
        frame.render_widget(canvas, area);
    }

    /// The places of the events linked to the selected one, from the
    /// scan's summaries (no disk read), and how many events it is linked to.
    fn linked_places(&self) -> (Vec<MapPlace>, usize) {
        let Some(event) = self.state.selected_event_id() else {
            return (Vec::new(), 0);
        };
        let Some(cluster) = self.links.links().and_then(|l| l.cluster_of(event)) else {
            return (Vec::new(), 0);
        };
        let others: Vec<&str> = cluster.member_ids().filter(|m| *m != event).collect();
        let places = places_of(others.iter().copied(), |article| {
            let index = self.desk.article_index(article)?;
            self.summaries.get(index)?.as_deref()
        });
        (places, others.len())
    }
}

/// What a highlighted stretch of the article is, weakest first: a later
/// kind wins where two overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Mark {
    Evidence,
    FieldEvidence,
    Match,
    Selection,
    Cursor,
}

/// The stretches to highlight: the selected event's evidence, the selected
/// field's evidence, and the text selection with its cursor when selecting.
fn highlights(app: &App, text: &str, matches: &[Range<usize>]) -> Vec<(Range<usize>, Mark)> {
    let state = &app.state;
    let mut marks: Vec<(Range<usize>, Mark)> = Vec::new();
    marks.extend(matches.iter().map(|m| (m.clone(), Mark::Match)));
    if let Some(event) = state.selected_event() {
        for (field, spans) in event.evidence() {
            let mark = if *field == state.field {
                Mark::FieldEvidence
            } else {
                Mark::Evidence
            };
            marks.extend(
                spans
                    .iter()
                    .filter_map(|s| clamp_span(text, *s))
                    .map(|s| (s.start..s.end, mark)),
            );
        }
    }
    if let Mode::Select(selection) = &app.mode {
        if let Some(span) = selection.range(text) {
            marks.push((span.start..span.end, Mark::Selection));
        }
        let cursor = selection.cursor.min(text.len());
        marks.push((cursor..next_grapheme(text, cursor), Mark::Cursor));
    }
    marks
}

/// Where to scroll: the selection cursor, else the selected field's
/// evidence, else the event's.
fn reveal_target(highlights: &[(Range<usize>, Mark)]) -> Option<usize> {
    let strongest = highlights.iter().map(|(_, mark)| *mark).max()?;
    highlights
        .iter()
        .filter(|(_, mark)| *mark == strongest)
        .map(|(range, _)| range.start)
        .min()
}

/// One visual line, cut into spans where highlights start and end. Cuts
/// are moved onto grapheme boundaries so a highlight never splits a
/// character from its accent.
pub(super) fn styled_line<'a>(
    text: &'a str,
    line: Range<usize>,
    highlights: &[(Range<usize>, Mark)],
    theme: &Theme,
) -> Line<'a> {
    let slice = &text[line.clone()];
    let mut graphemes: Vec<usize> = slice
        .grapheme_indices(true)
        .map(|(i, _)| line.start + i)
        .collect();
    graphemes.push(line.end);
    let snap = |offset: usize| {
        graphemes[graphemes
            .partition_point(|&g| g <= offset)
            .saturating_sub(1)]
    };
    let mut cuts = vec![line.start, line.end];
    for (range, _) in highlights {
        if range.start < line.end && line.start < range.end {
            cuts.push(snap(range.start.max(line.start)));
            cuts.push(snap(range.end.min(line.end)));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .map(|pair| {
            let (start, end) = (pair[0], pair[1]);
            let mark = highlights
                .iter()
                .filter(|(r, _)| r.start <= start && start < r.end)
                .map(|(_, mark)| *mark)
                .max();
            let style = match mark {
                Some(Mark::Cursor) => theme.cursor,
                Some(Mark::Selection) => theme.selection,
                Some(Mark::Match) => theme.matched,
                Some(Mark::FieldEvidence) => theme.evidence_field,
                Some(Mark::Evidence) => theme.evidence,
                None => Style::new(),
            };
            Span::styled(text[start..end].replace('\t', " "), style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

/// What the events and fields panes show of the links.
struct Clusters<'a> {
    links: Option<&'a Links>,
    /// The selected event's cluster, with its members in brief.
    shown: Option<&'a ClusterInfo>,
}

impl Clusters<'_> {
    /// The marker of a linked event in the events pane: its cluster's id
    /// (without the `c-` and cut to 6 characters) and size.
    fn marker(&self, event: &str) -> Option<String> {
        let cluster = self.links?.cluster_of(event)?;
        let id = cluster.id.strip_prefix("c-").unwrap_or(&cluster.id);
        let short: String = id.chars().take(6).collect();
        Some(format!("⛓ {short} ({})", cluster.members.len()))
    }
}

fn draw_events_and_fields(
    frame: &mut Frame,
    area: Rect,
    state: &ReviewState,
    clusters: &Clusters,
    theme: &Theme,
) -> (TableRows, TableRows) {
    let events = state
        .article
        .as_ref()
        .map_or(&[][..], |a| a.events.as_slice());
    let wanted = events.len() as u16 + 3;
    let [top, bottom] = Layout::vertical([
        Constraint::Length(wanted.min(area.height / 2).max(4)),
        Constraint::Min(3),
    ])
    .areas(area);
    (
        draw_events(frame, top, state, events, clusters, theme),
        draw_fields(frame, bottom, state, clusters.shown, theme),
    )
}

/// The rows of a table drawn in `area` inside a border, below `header` rows.
fn table_rows(area: Rect, header: u16, offset: usize) -> TableRows {
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    TableRows {
        x: inner.x,
        y: inner.y + header,
        width: inner.width,
        height: inner.height.saturating_sub(header),
        offset,
        tall: None,
    }
}

fn draw_events(
    frame: &mut Frame,
    area: Rect,
    state: &ReviewState,
    events: &[ReviewEvent],
    clusters: &Clusters,
    theme: &Theme,
) -> TableRows {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(format!(" Events ({}) ", events.len()).bold());
    if events.is_empty() {
        let paragraph = Paragraph::new("No events proposed for this article.")
            .style(theme.dim)
            .block(block);
        frame.render_widget(paragraph, area);
        return TableRows::default();
    }
    let width = area.width.saturating_sub(2);
    // Narrow panes (an 80-column terminal) show the status as its mark
    // alone and the types by ACLED's short names.
    let wide = width >= 48;
    let kinds: Vec<TypeCell> = events
        .iter()
        .map(|event| TypeCell::of(event, !wide, clusters.marker(event.id())))
        .collect();
    let layout = EventColumns::of(width, wide, &kinds, events);
    let rows = events.iter().zip(&kinds).map(|(event, kind)| {
        let fields = event.fields();
        let status = event.status();
        let value = |field| fields.get(field).unwrap_or_default();
        let status_cell = if layout.wide {
            format!("{} {}", status_mark(status), status.name())
        } else {
            status_mark(status).to_string()
        };
        Row::new(vec![
            Cell::from(status_cell),
            Cell::from(kind.line(layout.width_of(1), wide, theme)),
            Cell::from(value(Field::EventDate)),
            Cell::from(cut_parts(
                &[(place_of(fields), Style::new())],
                layout.width_of(3),
            )),
            Cell::from(value(Field::Fatalities)),
        ])
        .style(theme.status(status))
    });
    let header = Row::new(layout.headers().iter().enumerate().map(|(column, title)| {
        cut_parts(
            &[(title.to_string(), Style::new())],
            layout.width_of(column),
        )
    }))
    .style(theme.header);
    let widths = layout.constraints;
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(theme.selected)
        .block(block);
    let mut table_state = TableState::new().with_selected(Some(state.event));
    frame.render_stateful_widget(table, area, &mut table_state);
    table_rows(area, 1, table_state.offset())
}

/// The place an event is listed under: its location, else its admin1.
fn place_of(fields: &EventFields) -> String {
    fields
        .location
        .clone()
        .or_else(|| fields.admin1.clone())
        .unwrap_or_default()
}

/// An event's type as the events table lists it: its name, in full or
/// short, between its flag and background marks, then its cluster.
struct TypeCell {
    flag: &'static str,
    name: &'static str,
    background: &'static str,
    cluster: Option<String>,
}

impl TypeCell {
    fn of(event: &ReviewEvent, short: bool, cluster: Option<String>) -> TypeCell {
        let flagged = event.decision.as_ref().is_some_and(|d| d.flagged);
        TypeCell {
            flag: if flagged { "⚑ " } else { "" },
            name: match event.fields().event_type {
                Some(kind) if short => short_type_name(kind),
                Some(kind) => kind.name(),
                None => "",
            },
            background: if event.background() { " (bg)" } else { "" },
            cluster: cluster.map(|marker| format!(" {marker}")),
        }
    }

    fn marked(&self) -> String {
        format!("{}{}{}", self.flag, self.name, self.background)
    }

    fn width(&self) -> u16 {
        (self.marked().width() + self.cluster.as_deref().map_or(0, str::width)) as u16
    }

    /// The cell in `width` cells. Cut from the end, except in narrow panes
    /// where the marks stay whole and the name gives way to them.
    fn line(&self, width: usize, wide: bool, theme: &Theme) -> Line<'static> {
        let marks = self.flag.width() + self.background.width();
        if !wide && self.marked().width() > width && width > marks + 1 {
            let name = cut_parts(&[(self.name.to_string(), Style::new())], width - marks);
            return Line::from(format!("{}{name}{}", self.flag, self.background));
        }
        let mut parts = vec![(self.marked(), Style::new())];
        if let Some(cluster) = &self.cluster {
            parts.push((cluster.clone(), theme.linked));
        }
        cut_parts(&parts, width)
    }
}

/// The columns of the events table in `width` cells. Wide panes give the
/// type two shares and the place one; narrow ones give the type what its
/// widest cell needs, leaving the place at least `PLACE_MIN` (or a short
/// name whole), and the place the rest.
struct EventColumns {
    wide: bool,
    constraints: [Constraint; 5],
    widths: Vec<u16>,
}

/// The place keeps at least this many cells in narrow panes.
const PLACE_MIN: u16 = 6;

impl EventColumns {
    fn of(width: u16, wide: bool, kinds: &[TypeCell], events: &[ReviewEvent]) -> EventColumns {
        let constraints = if wide {
            [
                Constraint::Length(11),
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Length(6),
            ]
        } else {
            let killed = events
                .iter()
                .filter_map(|e| e.fields().fatalities)
                .map(|n| n.to_string().len() as u16)
                .fold(4, u16::max);
            // Status, date, killed and the four gaps between five columns.
            let room = width.saturating_sub(1 + 10 + killed + 4);
            let widest = kinds.iter().map(TypeCell::width).max().unwrap_or(0);
            // A type name stays whole while the place keeps 4 cells ("Ti…").
            let name = kinds.iter().map(|k| k.name.width() as u16).max();
            let whole = name.unwrap_or(0).min(room.saturating_sub(4));
            let kind = widest.min(room.saturating_sub(PLACE_MIN).max(room / 2).max(whole));
            [
                Constraint::Length(1),
                Constraint::Length(kind),
                Constraint::Length(10),
                Constraint::Fill(1),
                Constraint::Length(killed),
            ]
        };
        EventColumns {
            wide,
            constraints,
            widths: column_widths(&constraints, width),
        }
    }

    fn width_of(&self, column: usize) -> usize {
        usize::from(self.widths.get(column).copied().unwrap_or(0))
    }

    fn headers(&self) -> [&'static str; 5] {
        if self.wide {
            ["status", "type", "date", "place", "killed"]
        } else {
            ["", "type", "date", "place", "dead"]
        }
    }
}

/// ACLED's usual short forms of its event types, for narrow columns.
fn short_type_name(kind: EventType) -> &'static str {
    match kind {
        EventType::Battles => "Battles",
        EventType::ViolenceAgainstCivilians => "VAC",
        EventType::ExplosionsRemoteViolence => "Explosions",
        EventType::Riots => "Riots",
        EventType::Protests => "Protests",
        EventType::StrategicDevelopments => "Strat. dev.",
    }
}

/// The selected event's cluster under its fields: the cluster's id and
/// every other member in brief. Returns the area left for the fields.
fn draw_cluster(
    frame: &mut Frame,
    area: Rect,
    event: &str,
    info: &ClusterInfo,
    theme: &Theme,
) -> Rect {
    let others: Vec<&(String, String)> =
        info.members.iter().filter(|(id, _)| id != event).collect();
    let wanted = others.len() as u16 + 3;
    let [fields, cluster] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(wanted.min(area.height / 2)),
    ])
    .areas(area);
    let mut lines = vec![Line::from(vec![
        Span::styled("⛓ cluster ", theme.linked),
        Span::styled(info.id.clone(), theme.linked.bold()),
        Span::raw(format!(" · {} events", info.members.len())),
    ])];
    lines.extend(others.iter().map(|(id, brief)| {
        Line::from(vec![
            Span::styled(format!("{id} "), theme.header),
            Span::raw(brief.clone()),
        ])
    }));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Linked (l opens the link view) ");
    frame.render_widget(Paragraph::new(lines).block(block), cluster);
    fields
}

fn draw_fields(
    frame: &mut Frame,
    area: Rect,
    state: &ReviewState,
    cluster: Option<&ClusterInfo>,
    theme: &Theme,
) -> TableRows {
    let Some(event) = state.selected_event() else {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" Fields ".bold());
        frame.render_widget(block, area);
        return TableRows::default();
    };
    let area = match cluster {
        Some(info) => draw_cluster(frame, area, event.id(), info, theme),
        None => area,
    };
    let decision = event.decision.as_ref();
    // The article is in the other pane's title: the event's own tag is enough.
    let tag = event
        .id()
        .rsplit_once('#')
        .map_or(event.id(), |(_, tag)| tag);
    let flag = if decision.is_some_and(|d| d.flagged) {
        " ⚑ flagged"
    } else {
        ""
    };
    // What confirm_all's threshold is compared with.
    let confidence = event
        .confidence()
        .map(|c| format!(" · conf {c:.2}"))
        .unwrap_or_default();
    let room = usize::from(area.width.saturating_sub(2));
    let mut title = format!(" Event {tag} · {}{flag}{confidence} ", event.status());
    // A narrow pane drops the word before it drops the facts.
    if title.width() > room {
        title = title.replacen(" Event ", " ", 1);
    }
    // The analyst's reason and note on the bottom border, seen at any size.
    let mut remarks = Vec::new();
    if let Some(reason) = decision.and_then(|d| d.reason.as_deref()) {
        remarks.push(format!("reason: {reason}"));
    }
    if let Some(note) = decision.and_then(|d| d.note.as_deref()) {
        remarks.push(format!("note: {note}"));
    }
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(cut_parts(&[(title, Style::new())], room).bold());
    if !remarks.is_empty() {
        let remarks = format!(" {} ", remarks.join(" · "));
        block = block.title_bottom(cut_parts(&[(remarks, theme.header)], room));
    }
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let widths = [Constraint::Length(15), Constraint::Fill(1)];
    let value_width = usize::from(column_widths(&widths, inner.width)[1]);
    let selected = Field::ALL.iter().position(|&f| f == state.field);
    let mut tall = None;
    let rows: Vec<Row> = Field::ALL
        .iter()
        .enumerate()
        .map(|(i, &field)| {
            let evidence = event.evidence().get(&field).is_some_and(|s| !s.is_empty());
            let mark = if evidence {
                Span::styled("▌", theme.evidence)
            } else {
                Span::raw(" ")
            };
            let mut value = vec![(event.fields().get(field).unwrap_or_default(), Style::new())];
            if let Some(decision) = decision.filter(|d| d.corrected.contains(&field)) {
                let original = decision
                    .original
                    .get(field)
                    .unwrap_or_else(|| "empty".into());
                value.push((format!("  (was {original})"), theme.dim));
            }
            // The selected field's value in full, wrapped; the others on
            // one line, an ellipsis where they are cut.
            let lines = if Some(i) == selected {
                let lines = wrap_parts(&value, value_width);
                let height = (lines.len() as u16).clamp(1, inner.height.max(1));
                if height > 1 {
                    tall = Some((i, height));
                }
                lines
            } else {
                vec![cut_parts(&value, value_width)]
            };
            let height = lines.len() as u16;
            Row::new(vec![
                Cell::from(Line::from(vec![mark, Span::raw(field.name())])),
                Cell::from(ratatui::text::Text::from(lines)),
            ])
            .height(height.clamp(1, inner.height.max(1)))
        })
        .collect();
    let table = Table::new(rows, widths)
        .row_highlight_style(theme.selected)
        .block(block);
    let mut table_state = TableState::new().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut table_state);
    TableRows {
        tall,
        ..table_rows(area, 0, table_state.offset())
    }
}

/// The widths a `Table` gives its columns in `width` cells (its default
/// layout: packed from the left, one cell between columns).
fn column_widths(constraints: &[Constraint], width: u16) -> Vec<u16> {
    Layout::horizontal(constraints.iter().copied())
        .spacing(1)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

/// Styled pieces of text on one line of `width` cells: whole if they fit,
/// else cut with an ellipsis so nothing is hidden silently.
pub(super) fn cut_parts(parts: &[(String, Style)], width: usize) -> Line<'static> {
    let total: usize = parts.iter().map(|(text, _)| text.width()).sum();
    if total <= width {
        return Line::from(
            parts
                .iter()
                .map(|(text, style)| Span::styled(text.clone(), *style))
                .collect::<Vec<_>>(),
        );
    }
    let mut room = width.saturating_sub(1);
    let mut spans = Vec::new();
    let mut last_style = Style::new();
    for (text, style) in parts {
        let mut kept = String::new();
        for grapheme in text.graphemes(true) {
            let w = grapheme.width();
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            kept.push_str(grapheme);
        }
        if !kept.is_empty() {
            spans.push(Span::styled(kept, *style));
            last_style = *style;
        }
        if room == 0 {
            break;
        }
    }
    if width > 0 {
        spans.push(Span::styled("…", last_style));
    }
    Line::from(spans)
}

/// Styled pieces of text wrapped at words to lines of `width` cells.
fn wrap_parts(parts: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let text: String = parts.iter().map(|(t, _)| t.as_str()).collect();
    let mut bounds = Vec::new();
    let mut end = 0;
    for (part, style) in parts {
        end += part.len();
        bounds.push((end, *style));
    }
    let style_at = |offset: usize| {
        bounds
            .iter()
            .find(|(end, _)| offset < *end)
            .map_or(Style::new(), |(_, style)| *style)
    };
    let wrapped = super::wrap::Wrapped::new(&text, width);
    wrapped
        .lines
        .iter()
        .map(|range| {
            let mut spans: Vec<Span> = Vec::new();
            let mut start = range.start;
            for &(end, _) in bounds.iter().filter(|(end, _)| *end > range.start) {
                let stop = end.min(range.end);
                if stop > start {
                    spans.push(Span::styled(text[start..stop].to_string(), style_at(start)));
                    start = stop;
                }
                if stop == range.end {
                    break;
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// A list in a box at the bottom of `area`, the selected entry highlighted.
fn draw_list_popup(
    frame: &mut Frame,
    area: Rect,
    labels: &[String],
    selected: Option<usize>,
    title: &str,
    theme: &Theme,
) {
    let height = (labels.len() as u16 + 2).min(area.height);
    let popup = Rect {
        y: area.bottom().saturating_sub(height),
        height,
        ..area
    };
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Line::from(title.to_string()).bold());
    let rows = labels.iter().map(|label| Row::new([label.as_str()]));
    let table = Table::new(rows, [Constraint::Fill(1)])
        .row_highlight_style(theme.selected)
        .block(block);
    let mut state = TableState::new().with_selected(selected);
    frame.render_stateful_widget(table, popup, &mut state);
}

/// The stats view: bar charts of events per status, type and country.
/// While the scan still reads the desk, the title says the counts are partial.
fn draw_stats(frame: &mut Frame, area: Rect, stats: &DeskStats, complete: bool, theme: &Theme) {
    let popup = centered(area, 94, 94);
    frame.render_widget(Clear, popup);
    let total: u64 = stats.by_status.iter().map(|(_, n)| n).sum();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(match complete {
            true => format!(" Desk: {total} events (Esc closes) ").bold(),
            false => format!(" Desk: {total} events counted so far (Esc closes) ").bold(),
        });
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let columns = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Fill(1),
    ])
    .spacing(1)
    .areas::<3>(inner);
    for ((title, counts), area) in [
        ("per status", &stats.by_status),
        ("per type", &stats.by_type),
        ("per country", &stats.by_country),
    ]
    .into_iter()
    .zip(columns)
    {
        let bars: Vec<Bar> = counts
            .iter()
            .map(|(label, n)| {
                Bar::default()
                    .value(*n)
                    .text_value(n.to_string())
                    .label(Line::from(label.clone()))
            })
            .collect();
        let chart = BarChart::default()
            .block(Block::new().title(Line::from(title).bold()))
            .direction(ratatui::layout::Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme.header)
            .data(BarGroup::default().bars(&bars));
        frame.render_widget(chart, area);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small ({}x{}).\nfactdesk needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\nEnlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn centered(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    let [_, middle, _] = Layout::vertical([
        Constraint::Percentage((100 - height_percent) / 2),
        Constraint::Percentage(height_percent),
        Constraint::Percentage((100 - height_percent) / 2),
    ])
    .areas(area);
    let [_, center, _] = Layout::horizontal([
        Constraint::Percentage((100 - width_percent) / 2),
        Constraint::Percentage(width_percent),
        Constraint::Percentage((100 - width_percent) / 2),
    ])
    .areas(middle);
    center
}

/// What the map draws under its marks, from the gazetteer: every town in
/// the map's bounds as a dot, every region's name at its centre.
pub(super) struct MapContext {
    /// (longitude, latitude) of the towns.
    towns: Vec<(f64, f64)>,
    /// (longitude, latitude, name) of the regions.
    regions: Vec<(f64, f64, String)>,
}

impl MapContext {
    /// Reads the whole gazetteer once per bounds (not per frame).
    fn of(gazetteer: &crate::gazetteer::Gazetteer, bounds: ((f64, f64), (f64, f64))) -> MapContext {
        let ((x0, x1), (y0, y1)) = bounds;
        let mut context = MapContext {
            towns: Vec::new(),
            regions: Vec::new(),
        };
        for id in 0..gazetteer.len() {
            let place = gazetteer.place(crate::gazetteer::PlaceId(id as u32));
            let (lon, lat) = (place.longitude, place.latitude);
            if !(x0..=x1).contains(&lon) || !(y0..=y1).contains(&lat) {
                continue;
            }
            match place.kind {
                crate::gazetteer::PlaceKind::Town => context.towns.push((lon, lat)),
                crate::gazetteer::PlaceKind::Region if !place.is_admin2_unit() => {
                    context.regions.push((lon, lat, place.name.to_string()))
                }
                crate::gazetteer::PlaceKind::Region | crate::gazetteer::PlaceKind::Country => {}
            }
        }
        context
    }
}

/// The open article list, as the view draws it.
struct ArticleList<'a> {
    query: &'a LineInput,
    scope: Scope,
    matches: &'a [usize],
    selected: usize,
    problem: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<(String, Style)> {
        vec![(text.to_string(), Style::new())]
    }

    #[test]
    fn cut_values_end_in_an_ellipsis_within_the_width() {
        assert_eq!(cut_parts(&plain("Niger"), 5).to_string(), "Niger");
        assert_eq!(cut_parts(&plain("Koutougou"), 5).to_string(), "Kout…");
        assert_eq!(cut_parts(&plain("東京で17人"), 4).to_string(), "東…");
        assert_eq!(
            cut_parts(&plain("e\u{301}te\u{301}"), 2).to_string(),
            "e\u{301}…"
        );
        assert_eq!(cut_parts(&plain("abc"), 0).to_string(), "");
        let dim = Style::new().dim();
        let corrected = [
            ("18".to_string(), Style::new()),
            ("  (was 100)".to_string(), dim),
        ];
        let line = cut_parts(&corrected, 8);
        assert_eq!(line.to_string(), "18  (wa…");
        assert_eq!(line.spans.last().unwrap().style, dim);
    }

    #[test]
    fn wrapped_values_keep_every_word_and_their_styles() {
        let dim = Style::new().dim();
        let parts = [
            ("JNIM: Group for Support of Islam".to_string(), Style::new()),
            ("  (was Unidentified)".to_string(), dim),
        ];
        let lines = wrap_parts(&parts, 12);
        let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(
            text.concat().split_whitespace().collect::<Vec<_>>(),
            "JNIM: Group for Support of Islam (was Unidentified)"
                .split_whitespace()
                .collect::<Vec<_>>()
        );
        assert!(
            lines
                .iter()
                .all(|l| l.width() <= 12 || l.to_string().trim_end().width() <= 12)
        );
        let last = lines.last().unwrap();
        assert!(last.spans.iter().all(|s| s.style == dim), "{last:?}");
    }
}
