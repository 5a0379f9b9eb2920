//! The link view (`l`): events of other articles that may be the same
//! real-world event as the selected one, ranked with the reasons in words;
//! the suggestion's article beside the current one, its evidence
//! highlighted; one key links or unlinks. The cluster panel (`c`) shows each
//! field's value for the real-world event with the rule that gave it and,
//! where members disagree, every value with its sources; the analyst sets
//! the value or accepts the default rule. Link changes are saved by the
//! writer thread at once and are steps of the review's undo history: `u`
//! and Ctrl-r undo and redo them in the view or after leaving it, across
//! restarts.
//!
//! The desk's index of events is built once, off the UI thread, the first
//! time the view opens; a suggestion then costs one index query, whatever
//! the desk's size.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::desk::Desk;
use crate::keymap::{Key, KeyCode};
use crate::link::{
    Change, LinkEditor, LinkEvent, LinkIndex, LinkRequest, Links, Rule, Suggestion, Toggled,
    Variant, default_rule, disagreements, member_fields, reasons_line, resolve,
};
use crate::model::{EventFields, Field};
use crate::review::{
    Command, Direction, Effect, Level, Message, StepChange, links_restored, record_links,
};

use super::app::{App, Mode, edit_line};
use super::input::LineInput;
use super::persist::Job;
use super::theme::Theme;
use super::view::cut_parts;
use super::view::{Mark, styled_line};
use super::wrap::Wrapped;

/// How many suggestions the view lists.
const SUGGESTIONS: usize = 10;

/// What the driver keeps of linking between views: the links being edited
/// and the desk's index (or the thread building it).
#[derive(Default)]
pub struct LinkPane {
    editor: Option<LinkEditor>,
    index: Option<LinkIndex>,
    building: Option<Receiver<LinkIndex>>,
    /// The selected event's cluster as the normal screen shows it, read
    /// once per cluster and dropped when links or decisions change.
    shown: Option<ClusterInfo>,
}

/// A cluster as the normal screen shows it: its id and, for each member,
/// one line (event, article title, date, toll).
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterInfo {
    pub id: String,
    pub members: Vec<(String, String)>,
}

impl LinkPane {
    /// The links, once loaded.
    pub fn links(&self) -> Option<&Links> {
        self.editor.as_ref().map(LinkEditor::links)
    }

    /// The cluster shown for the selected event, if it is `event`'s.
    pub fn shown(&self, event: &str) -> Option<&ClusterInfo> {
        self.shown
            .as_ref()
            .filter(|info| info.members.iter().any(|(id, _)| id == event))
    }

    /// Forgets the shown cluster (links or decisions changed).
    pub fn forget_shown(&mut self) {
        self.shown = None;
    }
}

/// The open link view.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkView {
    /// The event suggestions are for: the review's selected event.
    pub event: String,
    summary: String,
    pub suggestions: Vec<Suggestion>,
    /// Each suggestion in brief: type, date, place, toll.
    summaries: Vec<String>,
    /// The index is still being built.
    pub indexing: bool,
    pub selected: usize,
    other: Option<OtherArticle>,
    scroll: usize,
    pub cluster: Option<ClusterPanel>,
}

/// The selected suggestion's article, with its evidence.
#[derive(Clone, Debug, PartialEq)]
struct OtherArticle {
    event: String,
    title: String,
    text: String,
    evidence: Vec<Range<usize>>,
    wrapped: Option<Wrapped>,
}

/// The cluster of the view's event: a row per field with a value.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterPanel {
    pub id: String,
    pub members: Vec<String>,
    pub rows: Vec<ClusterRow>,
    pub selected: usize,
    /// Typing a value for the selected row.
    pub input: Option<LineInput>,
}

/// One field of the real-world event.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterRow {
    pub field: Field,
    pub value: String,
    pub rule: Rule,
    /// Every value members report, when they disagree.
    pub variants: Vec<Variant>,
}

impl App {
    /// Performs what the review asked of the links.
    pub(super) fn link_request(&mut self, request: LinkRequest) {
        if !self.ensure_editor() {
            return;
        }
        match request {
            LinkRequest::Open { event } => self.open_link_view(event),
            LinkRequest::Link { event, other } => {
                if let Err(text) = self.check_event_exists(&other) {
                    return self.link_message(Level::Error, text);
                }
                self.change_links(|editor, who, now| {
                    editor.link(&event, &other, who, now)?;
                    Ok(format!("linked {event} and {other}"))
                });
            }
            LinkRequest::Unlink { event } => self.change_links(|editor, _, _| {
                editor.unlink(&event)?;
                Ok(format!("{event} unlinked"))
            }),
        }
    }

    /// Takes in the index once its thread has built it.
    pub(super) fn poll_links(&mut self) {
        let Some(building) = &self.links.building else {
            return;
        };
        match building.try_recv() {
            Ok(index) => {
                self.links.index = Some(index);
                self.links.building = None;
                if let Mode::Links(view) = &self.mode {
                    let event = view.event.clone();
                    self.open_link_view(event);
                }
                self.mark_dirty();
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.links.building = None,
        }
    }

    /// Waits for the index (tests).
    pub fn finish_links(&mut self) {
        if let Some(index) = self.links.building.take().and_then(|rx| rx.recv().ok()) {
            self.links.index = Some(index);
            if let Mode::Links(view) = &self.mode {
                let event = view.event.clone();
                self.open_link_view(event);
            }
        }
    }

    pub(super) fn links_key(&mut self, mut view: LinkView, key: Key) {
        if let Some(panel) = view.cluster.take() {
            return self.cluster_key(view, panel, key);
        }
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return,
            KeyCode::Down | KeyCode::Char('j') => self.select_suggestion(&mut view, 1),
            KeyCode::Up | KeyCode::Char('k') => self.select_suggestion(&mut view, -1),
            KeyCode::Char('J') | KeyCode::PageDown => view.scroll += 1,
            KeyCode::Char('K') | KeyCode::PageUp => view.scroll = view.scroll.saturating_sub(1),
            KeyCode::Enter | KeyCode::Char(' ' | 'l') => {
                if let Some(other) = view.suggestions.get(view.selected).map(|s| s.event.clone()) {
                    let event = view.event.clone();
                    self.change_links(|editor, who, now| {
                        Ok(match editor.toggle(&event, &other, who, now)? {
                            Toggled::Linked(id) => format!("linked {other}: cluster {id}"),
                            Toggled::Unlinked(id) => format!("unlinked {other} from {id}"),
                        })
                    });
                }
            }
            KeyCode::Char('u') => self.travel_links(true),
            KeyCode::Char('r') if key.ctrl => self.travel_links(false),
            KeyCode::Char('c') => match self.cluster_panel(&view.event) {
                Some(panel) => view.cluster = Some(panel),
                None => self.link_message(
                    Level::Info,
                    format!(
                        "{} is not linked yet (Enter links a suggestion)",
                        view.event
                    ),
                ),
            },
            _ => {}
        }
        self.mode = Mode::Links(Box::new(view));
    }

    fn cluster_key(&mut self, mut view: LinkView, mut panel: ClusterPanel, key: Key) {
        if let Some(mut input) = panel.input.take() {
            match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(row) = panel.rows.get(panel.selected) {
                        let (field, value) = (row.field, input.text().to_string());
                        let cluster = panel.id.clone();
                        self.change_links(|editor, who, now| {
                            editor.set_value(&cluster, field, &value, who, now)?;
                            Ok(format!("{field} of the cluster set to {value}"))
                        });
                    }
                    return self.reopen_panel(view, panel.selected);
                }
                _ => {
                    edit_line(&mut input, key);
                    panel.input = Some(input);
                }
            }
            view.cluster = Some(panel);
            self.mode = Mode::Links(Box::new(view));
            return;
        }
        let field = panel.rows.get(panel.selected).map(|row| row.field);
        match (key.code, field) {
            (KeyCode::Esc | KeyCode::Char('q' | 'c'), _) => {
                self.mode = Mode::Links(Box::new(view));
                return;
            }
            (KeyCode::Down | KeyCode::Char('j'), _) => {
                panel.selected = (panel.selected + 1).min(panel.rows.len().saturating_sub(1));
            }
            (KeyCode::Up | KeyCode::Char('k'), _) => {
                panel.selected = panel.selected.saturating_sub(1);
            }
            (KeyCode::Enter | KeyCode::Char('e'), Some(_)) => {
                let value = panel.rows[panel.selected].value.clone();
                panel.input = Some(LineInput::with_text(&value));
            }
            (KeyCode::Char('d'), Some(field)) => {
                let members = self.member_fields(&panel.members);
                let borrowed: Vec<(&str, &EventFields)> =
                    members.iter().map(|(id, f)| (id.as_str(), f)).collect();
                let cluster = panel.id.clone();
                self.change_links(|editor, who, now| {
                    let (value, rule) =
                        editor.accept_default(&cluster, field, &borrowed, who, now)?;
                    Ok(format!("{field} = {value} accepted ({rule})"))
                });
                return self.reopen_panel(view, panel.selected);
            }
            (KeyCode::Char('x'), Some(field)) => {
                let cluster = panel.id.clone();
                self.change_links(|editor, who, now| {
                    editor.set_value(&cluster, field, "", who, now)?;
                    Ok(format!("{field} follows its default rule again"))
                });
                return self.reopen_panel(view, panel.selected);
            }
            (KeyCode::Char('u'), _) => {
                self.travel_links(true);
                return self.reopen_panel(view, panel.selected);
            }
            (KeyCode::Char('r'), _) if key.ctrl => {
                self.travel_links(false);
                return self.reopen_panel(view, panel.selected);
            }
            _ => {}
        }
        view.cluster = Some(panel);
        self.mode = Mode::Links(Box::new(view));
    }

    /// The panel again after a change (the cluster may have gone).
    fn reopen_panel(&mut self, mut view: LinkView, selected: usize) {
        view.cluster = self.cluster_panel(&view.event).map(|mut panel| {
            panel.selected = selected.min(panel.rows.len().saturating_sub(1));
            panel
        });
        self.mode = Mode::Links(Box::new(view));
    }

    /// Reads the selected event's cluster members once, so the normal
    /// screen can name them; nothing is read while it stays the same.
    pub(super) fn prepare_cluster_info(&mut self) {
        let Some(event) = self.state.selected_event_id().map(str::to_string) else {
            return;
        };
        if self.links.shown(&event).is_some() {
            return;
        }
        let Some(cluster) = self.links.links().and_then(|l| l.cluster_of(&event)) else {
            return;
        };
        let id = cluster.id.clone();
        let ids: Vec<String> = cluster.member_ids().map(str::to_string).collect();
        let members = ids
            .into_iter()
            .map(|member| {
                let line = self.member_line(&member);
                (member, line)
            })
            .collect();
        self.links.shown = Some(ClusterInfo { id, members });
    }

    /// One member in brief: its article's title, date and toll.
    fn member_line(&self, member: &str) -> String {
        let Some((article, _)) = member.split_once('#') else {
            return "not an event id".to_string();
        };
        let title = match self.desk.load_article(article) {
            Ok(loaded) => loaded.display_title().to_string(),
            Err(_) => return format!("article `{article}` is unreadable"),
        };
        let fields = match member_fields(&self.desk, [member]) {
            Ok(mut found) if !found.is_empty() => found.remove(0).1,
            Ok(_) => return format!("event missing · {title}"),
            Err(_) => return format!("events unreadable · {title}"),
        };
        let value = |field| fields.get(field).unwrap_or_else(|| "?".to_string());
        format!(
            "{} · killed {} · {title}",
            value(Field::EventDate),
            value(Field::Fatalities)
        )
    }

    pub(super) fn ensure_editor(&mut self) -> bool {
        if self.links.editor.is_some() {
            return true;
        }
        match Links::load(&self.desk) {
            Ok(links) => {
                self.links.editor = Some(LinkEditor::new(links));
                true
            }
            Err(err) => {
                self.link_message(Level::Error, format!("links: {err}"));
                false
            }
        }
    }

    fn open_link_view(&mut self, event: String) {
        let query = self.state.article.as_ref().and_then(|loaded| {
            let found = loaded.events.iter().find(|e| e.id() == event)?;
            Some(LinkEvent::from_review(&loaded.article, found))
        });
        let Some(query) = query else {
            return self.link_message(Level::Error, format!("{event} is not on screen"));
        };
        if self.links.index.is_none() && self.links.building.is_none() {
            self.links.building = Some(spawn_index(self.desk.clone()));
        }
        let (suggestions, summaries) = match &mut self.links.index {
            Some(index) => {
                // The analyst may have corrected the event since the index
                // was built: score it as it stands now.
                index.upsert(query.clone());
                let suggestions = index.suggest(&query, SUGGESTIONS);
                let summaries = suggestions
                    .iter()
                    .map(|s| {
                        index
                            .get(&s.event)
                            .map(LinkEvent::summary)
                            .unwrap_or_default()
                    })
                    .collect();
                (suggestions, summaries)
            }
            None => (Vec::new(), Vec::new()),
        };
        let mut view = LinkView {
            event,
            summary: query.summary(),
            indexing: self.links.index.is_none(),
            suggestions,
            summaries,
            selected: 0,
            other: None,
            scroll: 0,
            cluster: None,
        };
        self.load_other(&mut view);
        self.mode = Mode::Links(Box::new(view));
    }

    fn select_suggestion(&mut self, view: &mut LinkView, step: isize) {
        let last = view.suggestions.len().saturating_sub(1);
        view.selected = view.selected.saturating_add_signed(step).min(last);
        view.scroll = 0;
        self.load_other(view);
    }

    /// Reads the selected suggestion's article (one article's files).
    fn load_other(&mut self, view: &mut LinkView) {
        view.other = None;
        let Some(suggestion) = view.suggestions.get(view.selected) else {
            return;
        };
        let Some((article_id, _)) = suggestion.event.split_once('#') else {
            return;
        };
        let loaded = self
            .desk
            .article_index(article_id)
            .ok_or_else(|| format!("no article `{article_id}`"))
            .and_then(|index| {
                super::app::load_article(&self.desk, index).map_err(|err| err.to_string())
            });
        match loaded {
            Ok(loaded) => {
                let evidence = loaded
                    .events
                    .iter()
                    .find(|e| e.id() == suggestion.event)
                    .map(|e| {
                        e.evidence()
                            .values()
                            .flatten()
                            .filter(|s| loaded.article.text.get(s.start..s.end).is_some())
                            .map(|s| s.start..s.end)
                            .collect()
                    })
                    .unwrap_or_default();
                view.other = Some(OtherArticle {
                    event: suggestion.event.clone(),
                    title: loaded.article.display_title().to_string(),
                    text: loaded.article.text,
                    evidence,
                    wrapped: None,
                });
            }
            Err(text) => self.link_message(Level::Error, text),
        }
    }

    fn check_event_exists(&self, event: &str) -> Result<(), String> {
        let (article, _) = event
            .split_once('#')
            .ok_or_else(|| format!("`{event}` is not an event id (<article>#<tag>)"))?;
        if self.desk.article_index(article).is_none() {
            return Err(format!("no article `{article}` in this desk"));
        }
        let events = self
            .desk
            .load_events(article)
            .map_err(|err| err.to_string())?;
        if events.iter().any(|e| e.id() == event) {
            Ok(())
        } else {
            Err(format!("article `{article}` has no event `{event}`"))
        }
    }

    /// Applies one change to the links, saves them and records the change
    /// in the review's undo history, or says why not.
    fn change_links(
        &mut self,
        change: impl FnOnce(
            &mut LinkEditor,
            &str,
            jiff::Timestamp,
        ) -> Result<String, crate::link::LinkError>,
    ) {
        if let Some(holder) = &self.state.read_only {
            let text = format!("read-only: {holder} has this desk open; links not changed");
            return self.link_message(Level::Error, text);
        }
        let now = (self.clock)();
        let who = self.state.reviewer.clone();
        let Some(editor) = self.links.editor.as_mut() else {
            return;
        };
        match change(editor, &who, now) {
            Ok(text) => {
                let step = editor.take_step();
                self.save_links();
                let event = self
                    .state
                    .selected_event_id()
                    .unwrap_or_default()
                    .to_string();
                if let Some(step) = step {
                    let effects = record_links(&mut self.state, &event, text.clone(), step);
                    self.perform(effects);
                }
                self.link_message(Level::Info, text);
            }
            Err(err) => self.link_message(Level::Error, err.to_string()),
        }
    }

    /// `u` and Ctrl-r in the link view: the review's undo, when its next
    /// step is a link change on this article (anything else would leave
    /// the view; Esc first).
    fn travel_links(&mut self, undo: bool) {
        let direction = if undo {
            Direction::Undo
        } else {
            Direction::Redo
        };
        let here = self.state.article.as_ref().map(|a| a.index);
        match self.state.history.next(direction) {
            Some(step)
                if matches!(step.change, StepChange::Links { .. })
                    && Some(step.article_index) == here =>
            {
                self.dispatch(if undo { Command::Undo } else { Command::Redo });
            }
            Some(_) => self.link_message(
                Level::Info,
                format!(
                    "the next {} is not a link change here: Esc, then {}",
                    direction.name(),
                    if undo { "u" } else { "Ctrl-r" }
                ),
            ),
            None => self.link_message(Level::Info, format!("nothing to {}", direction.name())),
        }
    }

    /// Performs [`Effect::RestoreLinks`] and reports back to the review.
    pub(super) fn restore_links(
        &mut self,
        direction: Direction,
        expected: &Change,
        target: &Change,
    ) -> Vec<Effect> {
        let outcome = if self.ensure_editor() {
            match self.links.editor.as_mut() {
                Some(editor) => editor.restore(expected, target).map_err(|e| e.to_string()),
                None => Err("links are not loaded".to_string()),
            }
        } else {
            Err("links are unreadable".to_string())
        };
        if outcome.is_ok() {
            self.save_links();
        }
        links_restored(&mut self.state, direction, outcome)
    }

    fn save_links(&mut self) {
        self.links.forget_shown();
        let Some(editor) = &self.links.editor else {
            return;
        };
        match editor.links().render() {
            Ok(text) => self.write(Job::Links(text)),
            Err(err) => self.link_message(Level::Error, format!("links: {err}")),
        }
    }

    fn link_message(&mut self, level: Level, text: String) {
        self.message = Some(Message { level, text });
    }

    /// Each member's current fields; an unreadable article is reported.
    fn member_fields(&mut self, members: &[String]) -> Vec<(String, EventFields)> {
        match member_fields(&self.desk, members.iter().map(String::as_str)) {
            Ok(found) => found,
            Err(err) => {
                self.link_message(Level::Error, err.to_string());
                Vec::new()
            }
        }
    }

    fn cluster_panel(&mut self, event: &str) -> Option<ClusterPanel> {
        let members: Vec<String> = self
            .links
            .editor
            .as_ref()?
            .links()
            .cluster_of(event)?
            .member_ids()
            .map(str::to_string)
            .collect();
        let fields = self.member_fields(&members);
        let cluster = self.links.editor.as_ref()?.links().cluster_of(event)?;
        let borrowed: Vec<(&str, &EventFields)> =
            fields.iter().map(|(id, f)| (id.as_str(), f)).collect();
        let record = resolve(cluster, &borrowed);
        let disagree = disagreements(&borrowed);
        let rows = Field::ALL
            .into_iter()
            .filter(|&field| field != Field::Notes)
            .filter_map(|field| {
                let variants = disagree
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                let value = record.fields.get(field);
                (value.is_some() || !variants.is_empty()).then(|| ClusterRow {
                    field,
                    value: value.unwrap_or_default(),
                    rule: record
                        .rules
                        .get(&field)
                        .copied()
                        .unwrap_or(default_rule(field)),
                    variants,
                })
            })
            .collect();
        Some(ClusterPanel {
            id: cluster.id.clone(),
            members,
            rows,
            selected: 0,
            input: None,
        })
    }

    /// Whether the view's event and this suggestion are one cluster.
    fn is_linked(&self, event: &str, other: &str) -> bool {
        self.links
            .editor
            .as_ref()
            .is_some_and(|editor| editor.linked(event, other))
    }

    /// Draws the view over the right-hand panes.
    pub(super) fn draw_links(&mut self, frame: &mut Frame, area: Rect) {
        let Mode::Links(view) = &self.mode else {
            return;
        };
        let linked: Vec<bool> = view
            .suggestions
            .iter()
            .map(|s| self.is_linked(&view.event, &s.event))
            .collect();
        let [_, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        frame.render_widget(Clear, right);
        let theme = self.theme;
        if let Mode::Links(view) = &mut self.mode {
            draw_view(frame, right, view, &linked, &theme);
        }
    }
}

fn spawn_index(desk: Arc<Desk>) -> Receiver<LinkIndex> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (index, _unreadable) = LinkIndex::build(&desk);
        let _ = tx.send(index);
    });
    rx
}

fn draw_view(frame: &mut Frame, area: Rect, view: &mut LinkView, linked: &[bool], theme: &Theme) {
    if let Some(panel) = &view.cluster {
        let [top, article] =
            Layout::vertical([Constraint::Percentage(65), Constraint::Min(3)]).areas(area);
        draw_cluster(frame, top, panel, theme);
        draw_other(frame, article, view, theme);
        return;
    }
    // The reasons in full, as many lines as they wrap to (up to 8).
    let reasons_lines = Wrapped::new(
        &reasons_text(view),
        usize::from(area.width.saturating_sub(2)),
    )
    .len() as u16;
    let [list, reasons, article] = Layout::vertical([
        Constraint::Length((view.suggestions.len() as u16 + 2).clamp(4, 12)),
        Constraint::Length(reasons_lines.clamp(1, 8) + 2),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_suggestions(frame, list, view, linked, theme);
    draw_reasons(frame, reasons, view, theme);
    draw_other(frame, article, view, theme);
}

fn draw_suggestions(
    frame: &mut Frame,
    area: Rect,
    view: &LinkView,
    linked: &[bool],
    theme: &Theme,
) {
    let title = format!(" Same event as {}? ", view.summary);
    let room = usize::from(area.width.saturating_sub(2));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(cut_parts(&[(title, ratatui::style::Style::new())], room).bold())
        .title_bottom(cut_parts(&[(SUGGESTION_KEYS.to_string(), theme.dim)], room));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.indexing {
        let text = "Indexing the desk's events for suggestions…";
        frame.render_widget(Paragraph::new(text).style(theme.dim), inner);
        return;
    }
    if view.suggestions.is_empty() {
        let text = "No event of another article in the same country and months.";
        frame.render_widget(Paragraph::new(text).style(theme.dim), inner);
        return;
    }
    let height = usize::from(inner.height);
    let first = view.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = view
        .suggestions
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, s)| {
            let mark = if linked.get(i).copied().unwrap_or(false) {
                "✓"
            } else {
                " "
            };
            let summary = view.summaries.get(i).map_or("", String::as_str);
            let line = Line::from(vec![
                Span::raw(format!("{mark} {:>5.1} ", s.score)),
                Span::raw(s.event.clone()),
                Span::styled(format!("  {summary}"), theme.dim),
            ]);
            if i == view.selected {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_reasons(frame: &mut Frame, area: Rect, view: &LinkView, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(" Why ");
    frame.render_widget(
        Paragraph::new(reasons_text(view))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

/// Why the selected suggestion is one: its score and reasons.
fn reasons_text(view: &LinkView) -> String {
    view.suggestions
        .get(view.selected)
        .map(|s| format!("{:.1}: {}", s.score, reasons_line(&s.reasons)))
        .unwrap_or_default()
}

/// The keys of the suggestions, and of the cluster panel.
pub(super) const SUGGESTION_KEYS: &str =
    " j/k choose · Enter link/unlink · c cluster · u undo · Esc ";
pub(super) const CLUSTER_KEYS: &str = " e set · d accept rule · x back to rule · u undo · Esc ";

fn draw_other(frame: &mut Frame, area: Rect, view: &mut LinkView, theme: &Theme) {
    let title = view.other.as_ref().map_or(String::new(), |other| {
        format!(" {} · {} ", other.event, other.title)
    });
    let room = usize::from(area.width.saturating_sub(2));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(cut_parts(&[(title, ratatui::style::Style::new())], room).bold());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(other) = &mut view.other else {
        return;
    };
    let width = usize::from(inner.width).max(1);
    if other.wrapped.as_ref().is_none_or(|w| w.width != width) {
        other.wrapped = Some(Wrapped::new(&other.text, width));
    }
    let Some(wrapped) = &other.wrapped else {
        return;
    };
    let height = usize::from(inner.height);
    // Start at the evidence, then let J/K scroll from there.
    let first_evidence = other
        .evidence
        .iter()
        .map(|r| r.start)
        .min()
        .map_or(0, |offset| wrapped.line_of(offset).saturating_sub(1));
    let top = (first_evidence + view.scroll).min(wrapped.len().saturating_sub(height));
    let marks: Vec<(Range<usize>, Mark)> = other
        .evidence
        .iter()
        .map(|r| (r.clone(), Mark::Evidence))
        .collect();
    let lines: Vec<Line> = wrapped
        .lines
        .iter()
        .skip(top)
        .take(height)
        .map(|range| styled_line(&other.text, range.clone(), &marks, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_cluster(frame: &mut Frame, area: Rect, panel: &ClusterPanel, theme: &Theme) {
    let title = format!(" Cluster {} · {} events ", panel.id, panel.members.len());
    let room = usize::from(area.width.saturating_sub(2));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(cut_parts(&[(title, ratatui::style::Style::new())], room).bold())
        .title_bottom(cut_parts(&[(CLUSTER_KEYS.to_string(), theme.dim)], room));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // A line per field, then a line per value when members disagree.
    let mut lines: Vec<(usize, Line)> = Vec::new();
    for (i, row) in panel.rows.iter().enumerate() {
        let value = match (&panel.input, i == panel.selected) {
            (Some(input), true) => format!("{}▏", input.text()),
            _ => row.value.clone(),
        };
        let line = Line::from(vec![
            Span::styled(format!("{:<15}", row.field.name()), theme.header),
            Span::raw(format!("{value} ")),
            Span::styled(format!("({})", row.rule), theme.dim),
        ]);
        let line = if i == panel.selected {
            line.style(theme.selected)
        } else {
            line
        };
        lines.push((i, line));
        for variant in &row.variants {
            let text = format!("  ≠ {}  {}", variant.value, variant.events.join(", "));
            lines.push((i, Line::styled(text, theme.error)));
        }
    }
    let height = usize::from(inner.height);
    let selected_line = lines
        .iter()
        .position(|(row, _)| *row == panel.selected)
        .unwrap_or(0);
    let first = selected_line.saturating_sub(height.saturating_sub(3));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(first)
        .take(height)
        .map(|(_, line)| line)
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::keymap::Keymap;
    use crate::tui::tests::seed_desk;
    use crate::tui::{Options, Theme};

    const EN_AMBUSH: &str = "000_6c3fd43af7480c36#x1";
    const FR_BACKGROUND: &str = "003_269570726b719da9#x3";

    fn open(root: &std::path::Path) -> App {
        let options = Options {
            reviewer: "alice".to_string(),
            keymap: Keymap::default_keys(),
            theme: Theme::color(),
        };
        let mut app = App::open(Desk::open(root).unwrap(), options).unwrap();
        app.set_clock(|| jiff::Timestamp::from_second(1_692_144_000).unwrap());
        app.finish_scan();
        app
    }

    fn key(app: &mut App, code: KeyCode) {
        app.handle_key(Key::new(code));
    }

    fn chars(app: &mut App, keys: &str) {
        for c in keys.chars() {
            key(app, KeyCode::Char(c));
        }
    }

    /// Types `:TEXT` and Enter.
    fn command(app: &mut App, text: &str) {
        chars(app, ":");
        chars(app, text);
        key(app, KeyCode::Enter);
    }

    fn view(app: &App) -> &LinkView {
        match app.mode() {
            Mode::Links(view) => view,
            other => panic!("not in the link view: {other:?}"),
        }
    }

    fn screen(app: &mut App) -> String {
        screen_at(app, 140, 40)
    }

    fn screen_at(app: &mut App, width: u16, height: u16) -> String {
        assert_eq!(app.flush(), None);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| app.draw(frame)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The links file once every write sent so far is done.
    fn links_on_disk(app: &mut App, root: &std::path::Path) -> Links {
        assert_eq!(app.flush(), None);
        Links::load(&Desk::open(root).unwrap()).unwrap()
    }

    #[test]
    fn at_80x24_the_reasons_are_whole_and_the_keys_on_the_bottom_line() {
        let (_dir, root) = seed_desk();
        let mut app = open(&root);
        chars(&mut app, "l");
        app.finish_links();
        let text = screen_at(&mut app, 80, 24);
        let reasons = reasons_text(view(&app));
        let shown: String = text
            .lines()
            .filter_map(|line| line.split('│').nth(3))
            .collect::<Vec<_>>()
            .join(" ");
        let shown: Vec<&str> = shown.split_whitespace().collect();
        for word in reasons.split_whitespace() {
            assert!(
                shown.contains(&word),
                "`{word}` of `{reasons}` cut:\n{text}"
            );
        }
        let bottom = text.lines().last().unwrap_or_default();
        assert!(bottom.starts_with("link: j/k choose"), "{text}");
        assert!(text.contains('…'), "cut titles say so:\n{text}");
    }

    #[test]
    fn l_suggests_the_french_mention_links_it_and_undoes() {
        let (_dir, root) = seed_desk();
        let mut app = open(&root);
        assert_eq!(app.state().selected_event_id(), Some(EN_AMBUSH));
        chars(&mut app, "l");
        assert!(view(&app).indexing || !view(&app).suggestions.is_empty());
        app.finish_links();
        let shown = view(&app);
        assert_eq!(shown.event, EN_AMBUSH);
        assert_eq!(shown.suggestions[0].event, FR_BACKGROUND);
        let text = screen(&mut app);
        assert!(text.contains("Same event as"), "{text}");
        assert!(text.contains("same toll 17"), "{text}");
        // The suggestion's article is shown at its evidence.
        assert!(text.contains("17 soldats"), "{text}");

        key(&mut app, KeyCode::Enter);
        assert!(
            app.message().is_some_and(|m| m.text.starts_with("linked")),
            "{:?}",
            app.message()
        );
        assert!(
            links_on_disk(&mut app, &root)
                .cluster_of(FR_BACKGROUND)
                .is_some()
        );
        assert!(screen(&mut app).contains("✓"));

        chars(&mut app, "u");
        assert!(links_on_disk(&mut app, &root).is_empty());
        app.handle_key(Key::ctrl('r'));
        let on_disk = links_on_disk(&mut app, &root);
        let cluster = on_disk.cluster_of(EN_AMBUSH).unwrap();
        assert!(cluster.contains(FR_BACKGROUND));
        assert_eq!(cluster.members[0].linked_by, "alice");

        // The same key unlinks.
        key(&mut app, KeyCode::Enter);
        assert!(links_on_disk(&mut app, &root).is_empty());
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.mode(), &Mode::Normal);
    }

    #[test]
    fn linked_events_show_their_cluster_from_the_normal_screen() {
        let (_dir, root) = seed_desk();
        let mut app = open(&root);
        command(&mut app, &format!("link {FR_BACKGROUND}"));
        assert_eq!(app.mode(), &Mode::Normal);
        let cluster = links_on_disk(&mut app, &root)
            .cluster_of(EN_AMBUSH)
            .map(|c| c.id.clone())
            .unwrap();
        assert_eq!(app.flush(), None);
        let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
        terminal.draw(|frame| app.draw(frame)).unwrap();
        let short = &cluster["c-".len().."c-".len() + 6];
        // Cluster ids are a hash of the first two members: stable.
        insta::assert_snapshot!("linked_event_main_screen", terminal.backend());
        let buffer = terminal.backend().buffer();
        let text = screen(&mut app);
        let marker = format!("⛓ {short} (2)");
        assert!(text.contains(&marker), "{text}");
        assert!(
            text.contains(&format!("⛓ cluster {cluster} · 2 events")),
            "{text}"
        );
        // The other member is named with its article, date and toll.
        let line = text
            .lines()
            .find(|l| l.contains(FR_BACKGROUND))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(line.contains("killed 17"), "{line}");
        // The marker is drawn in the linked style.
        let y = text.lines().position(|l| l.contains(&marker)).unwrap() as u16;
        let x = (0..buffer.area.width)
            .find(|&x| buffer[(x, y)].symbol() == "⛓")
            .unwrap();
        assert_eq!(buffer[(x, y)].fg, Theme::color().linked.fg.unwrap());

        // Unlinking drops the marker and the panel at once.
        command(&mut app, "unlink");
        let text = screen(&mut app);
        assert!(!text.contains("⛓"), "{text}");
    }

    #[test]
    fn u_outside_the_view_undoes_a_link_and_redo_survives_a_restart() {
        let (_dir, root) = seed_desk();
        let mut app = open(&root);
        chars(&mut app, "l");
        app.finish_links();
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Esc);
        chars(&mut app, "j");
        assert!(!links_on_disk(&mut app, &root).is_empty());
        chars(&mut app, "u");
        assert!(links_on_disk(&mut app, &root).is_empty());
        assert_eq!(app.state().selected_event_id(), Some(EN_AMBUSH));
        assert!(
            app.message()
                .is_some_and(|m| m.text.starts_with("undid linked")),
            "{:?}",
            app.message()
        );
        drop(app);

        let mut app = open(&root);
        app.handle_key(Key::ctrl('r'));
        let on_disk = links_on_disk(&mut app, &root);
        assert!(
            on_disk
                .cluster_of(EN_AMBUSH)
                .unwrap()
                .contains(FR_BACKGROUND)
        );
        chars(&mut app, "u");
        assert!(links_on_disk(&mut app, &root).is_empty());
    }

    #[test]
    fn the_cluster_panel_shows_disagreements_and_sets_values() {
        let (_dir, root) = seed_desk();
        let mut app = open(&root);
        command(&mut app, &format!("link {FR_BACKGROUND}"));
        assert!(
            links_on_disk(&mut app, &root)
                .cluster_of(EN_AMBUSH)
                .is_some()
        );

        chars(&mut app, "l");
        app.finish_links();
        chars(&mut app, "c");
        let panel = view(&app).cluster.clone().unwrap();
        let date = panel
            .rows
            .iter()
            .position(|r| r.field == Field::EventDate)
            .unwrap();
        assert_eq!(panel.rows[date].value, "2023-08-15");
        assert_eq!(panel.rows[date].rule, Rule::MostPreciseDate);
        assert_eq!(panel.rows[date].variants.len(), 2);
        let text = screen(&mut app);
        assert!(text.contains("Cluster c-"), "{text}");
        assert!(
            text.contains("≠ 2023-09-01  003_269570726b719da9#x3"),
            "{text}"
        );

        // Set the cluster's fatalities to 117: e, clear, type, Enter.
        let toll = panel
            .rows
            .iter()
            .position(|r| r.field == Field::Fatalities)
            .unwrap();
        for _ in 0..toll {
            chars(&mut app, "j");
        }
        chars(&mut app, "e");
        app.handle_key(Key::ctrl('u'));
        chars(&mut app, "117");
        key(&mut app, KeyCode::Enter);
        let value = |app: &mut App, root: &std::path::Path| {
            links_on_disk(app, root)
                .cluster_of(EN_AMBUSH)
                .and_then(|c| {
                    c.value(Field::Fatalities)
                        .map(|v| (v.value.clone(), v.rule))
                })
        };
        assert_eq!(
            value(&mut app, &root),
            Some(("117".to_string(), Rule::Analyst))
        );
        // Accept the default rule instead: the lowest toll, 17.
        chars(&mut app, "d");
        assert_eq!(
            value(&mut app, &root),
            Some(("17".to_string(), Rule::Lowest))
        );
        chars(&mut app, "u");
        assert_eq!(
            value(&mut app, &root),
            Some(("117".to_string(), Rule::Analyst))
        );
        chars(&mut app, "x");
        assert_eq!(value(&mut app, &root), None);
    }

    #[test]
    fn a_read_only_desk_shows_suggestions_but_changes_nothing() {
        let (_dir, root) = seed_desk();
        let desk = Desk::open(&root).unwrap();
        let _held = desk.lock("bob").unwrap();
        let mut app = open(&root);
        chars(&mut app, "l");
        app.finish_links();
        assert_eq!(view(&app).suggestions[0].event, FR_BACKGROUND);
        key(&mut app, KeyCode::Enter);
        assert!(
            app.message()
                .is_some_and(|m| m.level == Level::Error && m.text.contains("read-only")),
            "{:?}",
            app.message()
        );
        assert!(!desk.links_path().exists());
    }
}
