//! The driver: holds the review state, turns keys into commands, performs
//! the effects `update` returns (loads on this thread, writes on the writer
//! thread) and keeps what only the screen needs (mode, scroll, message).

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use jiff::Timestamp;

use crate::desk::{Desk, DeskError, DeskLock, LockOutcome};
use crate::gazetteer::Gazetteer;
use crate::keymap::{Key, KeyCode, Keymap};
use crate::model::Field;
use crate::review::command::{common_prefix, complete};
use crate::review::{
    ArticleEntry, ArticleFilter, ArticleSearch, Choice, Command, Effect, Level, LoadedArticle,
    Message, OnLoad, Places, ReviewState, Scope, article_failed, article_loaded, complete_place,
    open_article, parse_command_line, refused, update,
};

use super::help::HelpView;
use super::input::LineInput;
use super::persist::{self, Job, Position, Scanned, Writer};
use super::select::{
    TextSelection, next_grapheme, next_sentence, next_word, previous_grapheme, previous_sentence,
    previous_word, sentence_around, vertical,
};
use super::text_search::TextSearch;
use super::theme::Theme;
use super::wrap::Wrapped;
use crate::review::stats::{DeskStats, EventSummary, map_bounds};
use crate::review::{Purpose, find_all};

/// How many articles past the last position are searched at start for a
/// pending event, so resuming never reads the whole desk.
const RESUME_SCAN: usize = 200;

/// What the keys currently do.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    Normal,
    CommandLine(LineInput),
    Help(HelpView),
    /// Editing one field in place; `completions` are places for `location`.
    Edit {
        field: Field,
        input: LineInput,
        completions: Vec<String>,
        selected: Option<usize>,
    },
    /// The article list: fuzzy search over titles and ids, filtered by
    /// the scope (Tab) and the filters typed in the query.
    Articles {
        query: LineInput,
        scope: Scope,
        /// Positions in the scanned article list, best match first.
        matches: Vec<usize>,
        selected: usize,
        /// Why the query's filters cannot be read (the matches are the
        /// last good query's).
        problem: Option<String>,
    },
    /// The desk's events counted per status, type and country.
    Stats(DeskStats),
    /// Events of other articles that may be the same real-world event.
    Links(Box<super::link_view::LinkView>),
    /// Selecting article text for a new event or new evidence.
    Select(TextSelection),
    /// Choosing a field's value from a fixed list.
    Pick {
        field: Field,
        choices: Vec<Choice>,
        selected: usize,
    },
}

/// How many place completions are offered at once.
const COMPLETIONS: usize = 8;

/// How the desk is opened.
pub struct Options {
    pub reviewer: String,
    pub keymap: Keymap,
    pub theme: Theme,
}

pub struct App {
    pub(super) desk: Arc<Desk>,
    pub(super) state: ReviewState,
    pub(super) keymap: Keymap,
    pub(super) theme: Theme,
    pub(super) mode: Mode,
    pub(super) message: Option<Message>,
    writer: Option<Writer>,
    pub(super) scanner: Option<Receiver<Vec<Scanned>>>,
    /// Every article's title, in desk order, as the scan reads them.
    pub(super) articles: Vec<ArticleEntry>,
    /// The article list's search, kept between keystrokes and fed as the
    /// scan brings entries, so that typing does no work per article.
    article_search: ArticleSearch,
    /// The list's search over article text, started at the first query.
    pub(super) text_search: Option<TextSearch>,
    /// Each article's events in brief, for the stats view and the map.
    pub(super) summaries: Vec<Option<Vec<EventSummary>>>,
    /// The map's region: around every located event of the desk.
    pub(super) map_bounds: Option<((f64, f64), (f64, f64))>,
    /// The lowest and highest (latitude, longitude) of the located events
    /// scanned so far.
    located: Option<[(f64, f64); 2]>,
    pub(super) show_map: bool,
    /// The gazetteer's towns and regions in the map's bounds.
    pub(super) map_context: Option<MapBackdrop>,
    /// The text searched in articles, and its matches in the article on
    /// screen (found once per article and query).
    pub(super) search: Option<String>,
    pub(super) matches: Option<(String, Vec<std::ops::Range<usize>>)>,
    /// A byte of the article to bring into view at the next draw.
    pub(super) reveal_at: Option<usize>,
    /// The match of the search last brought into view.
    match_at: Option<usize>,
    /// Where the in-place field editor put its cursor in the last frame.
    pub(super) edit_cursor: Option<ratatui::layout::Position>,
    /// Whether the mouse is captured (the loop turns capture on and off).
    pub(super) mouse: bool,
    /// Where the panes were drawn, for mouse clicks.
    pub(super) layout: PaneLayout,
    /// The left button held down over the article.
    drag: Option<Drag>,
    /// The command line as typed before Tab began cycling its completions,
    /// and the completion shown.
    pub(super) tab_cycle: Option<(String, usize)>,
    /// The gazetteer, loaded off the UI thread.
    places: Option<Receiver<Result<Places, String>>>,
    /// First visible visual line of the article.
    pub(super) scroll: usize,
    /// Scroll to the selected evidence at the next draw.
    pub(super) reveal: bool,
    /// Height of the article pane at the last draw, for page scrolling.
    pub(super) viewport: usize,
    /// The loaded article wrapped at the pane's width.
    pub(super) wrapped: Option<(String, Wrapped)>,
    quit: bool,
    dirty: bool,
    pub(super) clock: fn() -> Timestamp,
    /// Links being edited and the desk's index for suggestions.
    pub(super) links: super::link_view::LinkPane,
    _lock: Option<DeskLock>,
}

impl App {
    /// Opens the desk for review: takes the lock (or goes read-only),
    /// replays the undo journal, and opens the article to resume at.
    pub fn open(desk: Desk, options: Options) -> Result<App, DeskError> {
        let desk = Arc::new(desk);
        let mut state = ReviewState::new(desk.article_ids().len(), &options.reviewer);
        let mut messages = Vec::new();
        let (lock, writer) = match desk.lock(&options.reviewer)? {
            LockOutcome::Acquired(lock) => (Some(lock), Some(Writer::spawn(desk.clone()))),
            LockOutcome::HeldBy(holder) => {
                messages.push(format!(
                    "read-only: {holder} has this desk open; nothing you do is saved"
                ));
                state.read_only = Some(holder);
                (None, None)
            }
        };
        if writer.is_some() {
            match persist::load_history(&desk) {
                Ok((history, skipped)) => {
                    state.history = history;
                    if skipped > 0 {
                        messages.push(format!(
                            "undo history: {skipped} torn line(s) skipped (a crash mid-write)"
                        ));
                    }
                }
                Err(err) => messages.push(format!("undo history unreadable: {err}")),
            }
        }
        let mut app = App {
            scanner: Some(persist::spawn_scanner(desk.clone())),
            articles: Vec::new(),
            article_search: ArticleSearch::default(),
            text_search: None,
            summaries: Vec::new(),
            map_bounds: None,
            located: None,
            show_map: false,
            map_context: None,
            search: None,
            matches: None,
            reveal_at: None,
            match_at: None,
            edit_cursor: None,
            mouse: false,
            layout: PaneLayout::default(),
            drag: None,
            tab_cycle: None,
            places: Some(spawn_places(&desk)),
            desk,
            state,
            keymap: options.keymap,
            theme: options.theme,
            mode: Mode::Normal,
            message: None,
            writer,
            scroll: 0,
            reveal: true,
            viewport: 0,
            wrapped: None,
            quit: false,
            dirty: true,
            clock: Timestamp::now,
            links: Default::default(),
            _lock: lock,
        };
        let (index, on_load) = resume_point(&app.desk);
        let effects = open_article(&mut app.state, index, on_load);
        app.perform(effects);
        app.ensure_editor();
        if let Some(text) = messages.pop() {
            app.message = Some(Message {
                level: Level::Error,
                text,
            });
        }
        Ok(app)
    }

    /// Replaces the clock that stamps decisions (tests use a fixed time).
    pub fn set_clock(&mut self, clock: fn() -> Timestamp) {
        self.clock = clock;
    }

    pub fn state(&self) -> &ReviewState {
        &self.state
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether the analyst turned the mouse on.
    pub fn mouse_wanted(&self) -> bool {
        self.mouse
    }

    /// Whether something changed since the last draw.
    pub fn needs_draw(&self) -> bool {
        self.dirty
    }

    pub(super) fn drawn(&mut self) {
        self.dirty = false;
    }

    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// Where saving stands, for the status line.
    pub fn save_state(&self) -> SaveState<'_> {
        match &self.writer {
            None => SaveState::ReadOnly,
            Some(writer) => match writer.failure() {
                Some(failure) => SaveState::Failed(failure),
                None if writer.in_flight() > 0 => SaveState::Saving,
                None => SaveState::Saved,
            },
        }
    }

    /// No input for a tick: a drag resting past the article's top or
    /// bottom edge keeps scrolling that way.
    pub fn idle(&mut self) {
        if let Some(Drag {
            moved: true,
            last: (column, row),
            ..
        }) = self.drag
        {
            let pane = self.layout.article;
            if row < pane.y || row >= pane.y + pane.height {
                self.drag_to(column, row);
            }
        }
    }

    /// Takes in background reports (writes done, progress counted, the
    /// gazetteer loaded).
    pub fn tick(&mut self) {
        self.poll_links();
        if self.text_search.as_mut().is_some_and(TextSearch::poll) {
            self.research();
            self.dirty = true;
        }
        if self.writer.as_mut().is_some_and(Writer::poll) {
            self.dirty = true;
        }
        if let Some(places) = &self.places {
            match places.try_recv() {
                Ok(loaded) => self.take_places(loaded),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.places = None,
            }
        }
        let Some(scanner) = self.scanner.take() else {
            return;
        };
        loop {
            match scanner.try_recv() {
                Ok(batch) => self.take_scanned(batch),
                Err(TryRecvError::Empty) => {
                    self.scanner = Some(scanner);
                    return;
                }
                Err(TryRecvError::Disconnected) => {
                    // The scan is complete: an open list shows every article.
                    self.research();
                    return;
                }
            }
        }
    }

    fn take_places(&mut self, loaded: Result<Places, String>) {
        self.places = None;
        match loaded {
            Ok(places) => self.state.places = Some(places),
            Err(reason) => {
                self.message = Some(Message {
                    level: Level::Error,
                    text: reason,
                })
            }
        }
        self.dirty = true;
    }

    /// Waits for the progress scan and the gazetteer (tests and benchmarks).
    pub fn finish_scan(&mut self) {
        if let Some(loaded) = self.places.take().and_then(|rx| rx.recv().ok()) {
            self.take_places(loaded);
        }
        if let Some(scanner) = self.scanner.take() {
            for batch in scanner {
                self.take_scanned(batch);
            }
        }
    }

    /// Waits for the article list's text search and shows its hits (tests
    /// and benchmarks).
    pub fn finish_text_search(&mut self) {
        if let Some(text_search) = &mut self.text_search {
            text_search.wait();
            self.research();
        }
    }

    fn take_scanned(&mut self, batch: Vec<Scanned>) {
        self.summaries.resize(self.state.article_count, None);
        for scanned in batch {
            let index = scanned.entry.index;
            self.state.progress.scanned(index, scanned.counts);
            if let Some(slot @ None) = self.summaries.get_mut(index) {
                let places = scanned.summaries.iter().filter_map(|e| e.coordinates);
                self.located = extent(self.located, places);
                *slot = Some(scanned.summaries);
            }
            self.articles.push(scanned.entry);
        }
        self.article_search.file(&self.articles);
        // From the extent so far: no pass over the whole desk per batch.
        self.map_bounds = map_bounds(self.located.iter().flatten().copied());
        self.dirty = true;
    }

    /// Waits until every decision sent so far is on disk.
    pub fn flush(&mut self) -> Option<String> {
        let writer = self.writer.as_mut()?;
        let failure = writer.finish();
        self.writer = Some(Writer::spawn(self.desk.clone()));
        failure
    }

    /// Saves the position and waits for every write; returns a failure to
    /// report after the terminal is restored.
    pub fn close(&mut self) -> Option<String> {
        self.save_position();
        self.writer.as_mut()?.finish()
    }

    pub fn handle_key(&mut self, key: Key) {
        self.dirty = true;
        // Esc and then a key, typed quickly, reach us as Alt and that key
        // (the terminal's meta prefix is Esc): unless Alt+key is bound,
        // take it as the two keys, as helix does.
        if key.alt && (!matches!(self.mode, Mode::Normal) || self.keymap.command(&key).is_none()) {
            self.handle_key(Key::new(KeyCode::Esc));
            return self.handle_key(Key { alt: false, ..key });
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => {
                self.message = None;
                match self.keymap.command(&key).cloned() {
                    Some(command) => {
                        self.dispatch(command);
                    }
                    // Esc, unbound, puts away what the search highlighted.
                    None if key == Key::new(KeyCode::Esc) => {
                        self.search = None;
                        self.matches = None;
                    }
                    None => {
                        self.message = Some(Message {
                            level: Level::Info,
                            text: format!("{key} is not bound (? shows every key)"),
                        })
                    }
                }
            }
            Mode::CommandLine(input) => self.command_line_key(input, key),
            Mode::Help(mut help) => {
                if help.key(key) {
                    self.mode = Mode::Help(help);
                }
            }
            Mode::Edit {
                field,
                input,
                completions,
                selected,
            } => self.edit_key(field, input, completions, selected, key),
            Mode::Pick {
                field,
                choices,
                selected,
            } => self.pick_key(field, choices, selected, key),
            Mode::Articles {
                query,
                scope,
                matches,
                selected,
                problem,
            } => self.articles_key(query, scope, matches, selected, problem, key),
            Mode::Select(selection) => self.select_key(selection, key),
            Mode::Links(view) => self.links_key(*view, key),
            Mode::Stats(stats) => {
                if !matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | 's')
                ) {
                    self.mode = Mode::Stats(stats);
                }
            }
        }
    }

    /// Re-runs the article search into the open list, if it is open.
    fn research(&mut self) {
        let Mode::Articles {
            query,
            scope,
            matches,
            selected,
            problem,
        } = &mut self.mode
        else {
            return;
        };
        // The text search reads the desk in the background; its hits so
        // far follow the title matches.
        let words = ArticleFilter::parse(*scope, query.text())
            .map_or_else(|_| String::new(), |(_, text)| text);
        let desk = &self.desk;
        let text_search = self
            .text_search
            .get_or_insert_with(|| TextSearch::spawn(desk.clone()));
        text_search.set_query(&words);
        let articles = &self.articles;
        let text_hits: Vec<usize> = (text_search.hits().iter().copied())
            .filter(|&index| articles.get(index).is_some_and(|e| e.index == index))
            .collect();
        let found = self.article_search.search_with_text(
            &self.articles,
            &self.state.progress,
            &self.summaries,
            *scope,
            query.text(),
            &text_hits,
        );
        match found {
            Ok(found) => {
                *selected = (*selected).min(found.len().saturating_sub(1));
                *matches = found;
                *problem = None;
            }
            Err(reason) => *problem = Some(reason),
        }
    }

    /// Stops reading the desk for the list's query (the list is closed).
    fn stop_text_search(&mut self) {
        if let Some(text_search) = &mut self.text_search {
            text_search.set_query("");
        }
    }

    fn open_articles(&mut self) {
        self.summarize_current();
        self.mode = Mode::Articles {
            query: LineInput::default(),
            scope: Scope::All,
            matches: Vec::new(),
            selected: 0,
            problem: None,
        };
        self.research();
        if let Mode::Articles {
            matches, selected, ..
        } = &mut self.mode
        {
            *selected = matches
                .iter()
                .position(|&i| self.articles[i].index == self.state.index)
                .unwrap_or(0);
        }
    }

    fn start_selection(&mut self, purpose: Purpose) {
        let Some(article) = &self.state.article else {
            return;
        };
        let evidence = self
            .state
            .selected_event()
            .and_then(|e| e.evidence().get(&self.state.field)?.first().copied());
        let first_visible = self
            .wrapped
            .as_ref()
            .and_then(|(_, w)| w.lines.get(self.scroll))
            .map_or(0, |line| line.start);
        let cursor = match (purpose, evidence) {
            (Purpose::Anchor, Some(span)) => span.start,
            _ => first_visible,
        };
        let text = &article.article.text;
        let cursor = previous_grapheme(text, next_grapheme(text, cursor.min(text.len())));
        self.mode = Mode::Select(TextSelection {
            purpose: Some(purpose),
            cursor,
            mark: None,
        });
    }

    /// Adds an event from the selection, or makes it the selected field's
    /// evidence; a refused command keeps the selection open.
    fn commit_selection(&mut self, selection: TextSelection, purpose: Purpose) {
        let Some(span) = self
            .state
            .article
            .as_ref()
            .and_then(|a| selection.range(&a.article.text))
        else {
            self.mode = Mode::Select(selection);
            return;
        };
        let command = match purpose {
            Purpose::Add => Command::Add { span: Some(span) },
            Purpose::Anchor => Command::Anchor { span: Some(span) },
        };
        if self.dispatch(command) {
            self.mode = Mode::Select(selection);
        }
    }

    fn select_key(&mut self, mut selection: TextSelection, key: Key) {
        // The keys of `add` and `anchor` commit the selection too, whatever
        // started it: a mouse selection waits for one of them.
        let commit = match self.keymap.command(&key) {
            Some(Command::Add { span: None }) => Some(Purpose::Add),
            Some(Command::Anchor { span: None }) => Some(Purpose::Anchor),
            _ if key.code == KeyCode::Enter => selection.purpose,
            _ => None,
        };
        if let Some(purpose) = commit {
            return self.commit_selection(selection, purpose);
        }
        let Some(article) = &self.state.article else {
            return;
        };
        let text = article.article.text.as_str();
        let at = selection.cursor;
        let wrapped = self.wrapped.as_ref().map(|(_, w)| w);
        let line = |lines: isize| wrapped.map_or(at, |w| vertical(text, w, at, lines));
        selection.cursor = match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter => {
                self.message = Some(Message {
                    level: Level::Info,
                    text: "a adds an event from the selection, A makes it the field's evidence"
                        .to_string(),
                });
                at
            }
            KeyCode::Char(' ' | 'v') => {
                selection.mark = match selection.mark {
                    Some(_) => None,
                    None => Some(at),
                };
                at
            }
            KeyCode::Char('s') => {
                let (start, end) = sentence_around(text, at);
                selection.mark = Some(start);
                previous_grapheme(text, end)
            }
            KeyCode::Right | KeyCode::Char('l') => {
                next_grapheme(text, at).min(previous_grapheme(text, text.len()))
            }
            KeyCode::Left | KeyCode::Char('h') => previous_grapheme(text, at),
            KeyCode::Char('w') => next_word(text, at).min(previous_grapheme(text, text.len())),
            KeyCode::Char('b') => previous_word(text, at),
            KeyCode::Char(')') => next_sentence(text, at),
            KeyCode::Char('(') => previous_sentence(text, at),
            KeyCode::Down | KeyCode::Char('j') => line(1),
            KeyCode::Up | KeyCode::Char('k') => line(-1),
            KeyCode::PageDown => line(self.viewport.max(2) as isize - 1),
            KeyCode::PageUp => line(1 - self.viewport.max(2) as isize),
            _ => at,
        };
        self.reveal = true;
        self.mode = Mode::Select(selection);
    }

    fn articles_key(
        &mut self,
        mut query: LineInput,
        mut scope: Scope,
        matches: Vec<usize>,
        selected: usize,
        problem: Option<String>,
        key: Key,
    ) {
        let count = matches.len().max(1);
        let mut selected = selected;
        let mut changed = false;
        match key.code {
            KeyCode::Esc => {
                self.stop_text_search();
                return;
            }
            KeyCode::Enter => {
                if let Some(entry) = matches.get(selected).and_then(|&i| self.articles.get(i)) {
                    let index = entry.index;
                    // A hit in the text (not the title) opens on its match.
                    let find = (self.text_search.as_ref())
                        .and_then(|t| t.hit(index))
                        .map(|hit| hit.find.clone());
                    let effects = open_article(&mut self.state, index, OnLoad::FirstEvent);
                    self.perform(effects);
                    self.reveal = true;
                    if let Some(find) = find {
                        self.perform(vec![Effect::Search(find)]);
                    }
                }
                self.stop_text_search();
                return;
            }
            KeyCode::Down => selected = (selected + 1) % count,
            KeyCode::Up => selected = (selected + count - 1) % count,
            KeyCode::Char('n') if key.ctrl => selected = (selected + 1) % count,
            KeyCode::Char('p') if key.ctrl => selected = (selected + count - 1) % count,
            KeyCode::PageDown => selected = (selected + 10).min(count - 1),
            KeyCode::PageUp => selected = selected.saturating_sub(10),
            KeyCode::Tab => {
                scope = scope.next();
                changed = true;
            }
            _ => changed = edit_line(&mut query, key),
        }
        self.mode = Mode::Articles {
            query,
            scope,
            matches,
            selected: if changed { 0 } else { selected },
            problem,
        };
        if changed {
            self.research();
        }
    }

    /// Sets `field` to `value`; a refused value leaves the mode open so the
    /// analyst can fix it, with the reason in the status line.
    fn submit(&mut self, field: Field, value: String, mode: Mode) {
        if self.dispatch(Command::Set { field, value }) {
            self.mode = mode;
            return;
        }
        // A new event type clears a sub-type it does not allow: ask for
        // one of its own at once rather than leave the field empty.
        let sub_type_cleared = (self.state.selected_event())
            .is_some_and(|event| event.fields().sub_event_type.is_none());
        if field == Field::EventType && sub_type_cleared {
            let sub_type = Field::SubEventType;
            if !self.dispatch(Command::SelectField { field: sub_type }) {
                self.dispatch(Command::Edit);
            }
        }
    }

    fn edit_key(
        &mut self,
        field: Field,
        mut input: LineInput,
        mut completions: Vec<String>,
        mut selected: Option<usize>,
        key: Key,
    ) {
        let count = completions.len();
        match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter => {
                let value = selected
                    .and_then(|i| completions.get(i).cloned())
                    .unwrap_or_else(|| input.text().to_string());
                let mode = Mode::Edit {
                    field,
                    input,
                    completions,
                    selected,
                };
                return self.submit(field, value, mode);
            }
            KeyCode::Tab | KeyCode::Down if count > 0 => {
                selected = Some(selected.map_or(0, |i| (i + 1) % count));
            }
            KeyCode::BackTab | KeyCode::Up if count > 0 => {
                selected = Some(selected.map_or(count - 1, |i| (i + count - 1) % count));
            }
            _ => {
                if edit_line(&mut input, key) {
                    completions = self.completions(field, input.text());
                    selected = None;
                }
            }
        }
        self.mode = Mode::Edit {
            field,
            input,
            completions,
            selected,
        };
    }

    fn completions(&self, field: Field, typed: &str) -> Vec<String> {
        match (&self.state.places, field) {
            (Some(places), Field::Location) => complete_place(places, typed, COMPLETIONS),
            _ => Vec::new(),
        }
    }

    fn pick_key(&mut self, field: Field, choices: Vec<Choice>, selected: usize, key: Key) {
        let count = choices.len().max(1);
        let selected = match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return,
            KeyCode::Enter => {
                let value = choices.get(selected).map(|c| c.value.clone());
                let mode = Mode::Pick {
                    field,
                    choices,
                    selected,
                };
                if let Some(value) = value {
                    self.submit(field, value, mode);
                }
                return;
            }
            KeyCode::Char(c @ '1'..='9') if (c as usize - '1' as usize) < choices.len() => {
                let value = choices[c as usize - '1' as usize].value.clone();
                let mode = Mode::Pick {
                    field,
                    choices,
                    selected,
                };
                return self.submit(field, value, mode);
            }
            KeyCode::Down | KeyCode::Tab | KeyCode::Char('j') => (selected + 1) % count,
            KeyCode::Up | KeyCode::BackTab | KeyCode::Char('k') => (selected + count - 1) % count,
            KeyCode::Home | KeyCode::Char('g') => 0,
            KeyCode::End | KeyCode::Char('G') => count - 1,
            _ => selected,
        };
        self.mode = Mode::Pick {
            field,
            choices,
            selected,
        };
    }

    /// Runs one command through the state machine and performs its
    /// effects; true when the command was refused.
    pub fn dispatch(&mut self, command: Command) -> bool {
        let before = (self.state.index, self.state.event, self.state.field);
        let effects = update(&mut self.state, command, (self.clock)());
        let refused = refused(&effects);
        // Before the effects load another article (confirm_next): the
        // decision changed this one.
        self.summarize_current();
        self.perform(effects);
        self.summarize_current();
        if before != (self.state.index, self.state.event, self.state.field) {
            self.reveal = true;
        }
        self.dirty = true;
        refused
    }

    /// The search's matches in the article on screen.
    pub(super) fn search_matches(&mut self) -> &[std::ops::Range<usize>] {
        let (Some(query), Some(article)) = (&self.search, &self.state.article) else {
            return &[];
        };
        let stale = !matches!(&self.matches, Some((id, _)) if id == article.id());
        if stale {
            let found = find_all(&article.article.text, query);
            self.matches = Some((article.id().to_string(), found));
        }
        self.matches
            .as_ref()
            .map_or(&[], |(_, found)| found.as_slice())
    }

    /// Brings the next (or previous) match into view; `from_top` starts at
    /// the first visible line, else after the last match shown.
    fn jump_to_match(&mut self, forward: bool, from_top: bool) {
        let first_visible = self
            .wrapped
            .as_ref()
            .and_then(|(_, w)| w.lines.get(self.scroll))
            .map_or(0, |line| line.start);
        let here = match (from_top, self.match_at) {
            (false, Some(at)) => at,
            _ => first_visible,
        };
        let query = self.search.clone().unwrap_or_default();
        let found = self.search_matches().to_vec();
        let target = if from_top {
            found.iter().find(|m| m.start >= here)
        } else if forward {
            found.iter().find(|m| m.start > here)
        } else {
            found.iter().rev().find(|m| m.start < here)
        };
        let target = target.or(if forward { found.first() } else { found.last() });
        self.message = Some(Message {
            level: Level::Info,
            text: match target {
                Some(m) => {
                    let number = found.iter().position(|f| f == m).unwrap_or(0) + 1;
                    format!(
                        "`{query}`: match {number} of {} (] next, [ previous)",
                        found.len()
                    )
                }
                None => format!("`{query}` is not in this article"),
            },
        });
        self.match_at = target.map(|m| m.start);
        self.reveal_at = self.match_at;
    }

    /// Refreshes the summary of the article on screen (it may have changed).
    fn summarize_current(&mut self) {
        let Some(article) = &self.state.article else {
            return;
        };
        self.summaries.resize(self.state.article_count, None);
        if let Some(slot) = self.summaries.get_mut(article.index) {
            *slot = Some(EventSummary::of_all(&article.events));
        }
    }

    /// A mouse event: the wheel scrolls the article (or the help), a click
    /// selects the event or field under it, and pressing, dragging and
    /// releasing over the article selects its text.
    pub fn handle_mouse(&mut self, mouse: MouseInput) {
        if !self.mouse {
            return;
        }
        let article_mode = matches!(self.mode, Mode::Normal | Mode::Select(_));
        match mouse {
            MouseInput::WheelDown | MouseInput::WheelUp => {
                let lines = if mouse == MouseInput::WheelDown {
                    3
                } else {
                    -3
                };
                match &mut self.mode {
                    Mode::Help(help) => help.scroll_by(lines as isize),
                    _ if article_mode => self.scroll_by(lines, false),
                    _ => return,
                }
            }
            MouseInput::Down { column, row } if article_mode => {
                if let Some(at) = self.article_offset(column, row) {
                    self.drag = Some(Drag {
                        anchor: at,
                        moved: false,
                        last: (column, row),
                    });
                } else if self.mode == Mode::Normal {
                    self.click(column, row);
                }
            }
            MouseInput::Drag { column, row } => self.drag_to(column, row),
            MouseInput::Up { column, row } => {
                match self.drag.take() {
                    Some(drag) if drag.moved => {
                        self.drag = Some(drag);
                        self.drag_to(column, row);
                        self.drag = None;
                    }
                    // A click in the article while selecting moves the cursor.
                    Some(drag) => {
                        if let Mode::Select(selection) = &mut self.mode {
                            selection.cursor = drag.anchor;
                            selection.mark = None;
                        }
                    }
                    None => return,
                }
            }
            MouseInput::Down { .. } => return,
        }
        self.dirty = true;
    }

    /// Extends the mouse selection to the cell under the pointer; past the
    /// article's top or bottom edge, scrolls a line that way first.
    fn drag_to(&mut self, column: u16, row: u16) {
        let Some(mut drag) = self.drag.take() else {
            return;
        };
        let pane = self.layout.article;
        if row < pane.y {
            self.scroll = self.scroll.saturating_sub(1);
        } else if row >= pane.y + pane.height {
            let lines = self.wrapped.as_ref().map_or(0, |(_, w)| w.len());
            self.scroll = (self.scroll + 1).min(lines.saturating_sub(usize::from(pane.height)));
        }
        self.layout.article.offset = self.scroll;
        let inside_row = row.clamp(pane.y, (pane.y + pane.height).saturating_sub(1));
        let inside_column = column.clamp(pane.x, (pane.x + pane.width).saturating_sub(1));
        let Some(cursor) = self.article_offset(inside_column, inside_row) else {
            return;
        };
        drag.moved = true;
        drag.last = (column, row);
        let purpose = match &self.mode {
            Mode::Select(selection) => selection.purpose,
            _ => None,
        };
        self.mode = Mode::Select(TextSelection {
            purpose,
            cursor,
            mark: Some(drag.anchor),
        });
        self.drag = Some(drag);
        self.dirty = true;
    }

    /// The byte of the article drawn at a cell of the article pane.
    fn article_offset(&self, column: u16, row: u16) -> Option<usize> {
        let pane = self.layout.article;
        let line = pane.row_at(column, row)?;
        let text = &self.state.article.as_ref()?.article.text;
        let (_, wrapped) = self.wrapped.as_ref()?;
        Some(wrapped.offset_at(text, line, usize::from(column - pane.x)))
    }

    /// A click on the events or fields pane selects the row under it.
    fn click(&mut self, column: u16, row: u16) {
        let layout = self.layout;
        if let Some(i) = layout.events.row_at(column, row) {
            self.dispatch(Command::SelectEvent { number: i + 1 });
        } else if let Some(&field) = layout
            .fields
            .row_at(column, row)
            .and_then(|i| Field::ALL.get(i))
        {
            self.dispatch(Command::SelectField { field });
        }
    }

    fn command_line_key(&mut self, mut input: LineInput, key: Key) {
        match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter => {
                match parse_command_line(input.text()) {
                    Ok(command) => {
                        self.dispatch(command);
                    }
                    Err(reason) => {
                        self.message = Some(Message {
                            level: Level::Error,
                            text: reason,
                        })
                    }
                }
                return;
            }
            KeyCode::Backspace if input.text().is_empty() => return,
            KeyCode::Char('c') if key.ctrl => return,
            KeyCode::Tab | KeyCode::BackTab => {
                input = self.tab_complete(input, key.code == KeyCode::Tab);
                self.mode = Mode::CommandLine(input);
                return;
            }
            _ => {
                edit_line(&mut input, key);
            }
        }
        self.tab_cycle = None;
        self.mode = Mode::CommandLine(input);
    }

    /// The article `id` names: its id, or the start of exactly one id.
    fn find_article(&self, id: &str) -> Result<usize, String> {
        if let Some(index) = self.desk.article_index(id) {
            return Ok(index);
        }
        let count = self.desk.article_ids().len();
        match self.desk.ids_starting_with(id) {
            [] if id.parse::<usize>().is_ok() => Err(format!(
                "no article {id}: this desk has {count}, and no id starts with `{id}`"
            )),
            [] => Err(format!("no article `{id}` in this desk")),
            [one] => self.desk.article_index(one).ok_or_else(String::new),
            [first, second, ..] => Err(format!(
                "{} articles start with `{id}` ({first}, {second}, …): Tab completes",
                self.desk.ids_starting_with(id).len()
            )),
        }
    }

    /// The command line's completions: command and field names, and for
    /// `goto` the desk's article ids.
    pub(super) fn completions_of(&self, line: &str) -> Vec<String> {
        const IDS_SHOWN: usize = 50;
        let trimmed = line.trim_start();
        if let Some((command @ ("goto" | "article"), rest)) = trimmed.split_once(' ') {
            let prefix = rest.trim_start();
            if !prefix.contains(char::is_whitespace) {
                return (self.desk.ids_starting_with(prefix).iter())
                    .take(IDS_SHOWN)
                    .map(|id| format!("{command} {id}"))
                    .collect();
            }
        }
        complete(line)
    }

    /// Tab extends the line to what every completion shares; when that adds
    /// nothing, Tab and Shift-Tab cycle through the completions.
    fn tab_complete(&mut self, input: LineInput, forward: bool) -> LineInput {
        if let Some((typed, at)) = &self.tab_cycle {
            let completions = self.completions_of(typed);
            if completions.get(*at).map(String::as_str) == Some(input.text()) {
                let count = completions.len();
                let next = if forward {
                    (at + 1) % count
                } else {
                    (at + count - 1) % count
                };
                self.tab_cycle = Some((typed.clone(), next));
                return LineInput::with_text(&completions[next]);
            }
        }
        let completions = self.completions_of(input.text());
        let prefix = common_prefix(&completions);
        if prefix.len() > input.text().trim_start().len() {
            self.tab_cycle = None;
            return LineInput::with_text(&prefix);
        }
        if completions.len() < 2 {
            return input;
        }
        // Past the completion already typed, if one is.
        let count = completions.len();
        let first = match completions.iter().position(|c| c == input.text()) {
            Some(at) if forward => (at + 1) % count,
            Some(at) => (at + count - 1) % count,
            None if forward => 0,
            None => count - 1,
        };
        self.tab_cycle = Some((input.text().to_string(), first));
        LineInput::with_text(&completions[first])
    }

    pub(super) fn perform(&mut self, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::LoadArticle(index) => queue.extend(self.load(index)),
                Effect::SaveDecisions(file) => {
                    self.links.forget_shown();
                    self.write(Job::Decisions(file));
                }
                Effect::Journal(entry) => self.write(Job::Journal(entry)),
                Effect::RestoreLinks {
                    direction,
                    expected,
                    target,
                } => queue.extend(self.restore_links(direction, &expected, &target)),
                Effect::Message(message) => self.message = Some(message),
                Effect::Scroll { lines, page } => self.scroll_by(lines, page),
                Effect::OpenHelp => self.mode = Mode::Help(HelpView::default()),
                Effect::OpenCommandLine => {
                    self.tab_cycle = None;
                    self.mode = Mode::CommandLine(LineInput::default());
                }
                Effect::TypeCommand(text) => {
                    self.tab_cycle = None;
                    self.mode = Mode::CommandLine(LineInput::with_text(&text))
                }
                Effect::Search(query) => {
                    self.search = Some(query);
                    self.matches = None;
                    self.jump_to_match(true, true);
                }
                Effect::NextMatch(forward) => self.jump_to_match(forward, false),
                Effect::OpenArticles => self.open_articles(),
                Effect::SelectText(purpose) => self.start_selection(purpose),
                Effect::OpenStats => {
                    self.summarize_current();
                    let stats = DeskStats::count(self.summaries.iter().flatten().flatten());
                    self.mode = Mode::Stats(stats);
                }
                Effect::Links(request) => self.link_request(request),
                Effect::ToggleMap => self.show_map = !self.show_map,
                Effect::ToggleMouse => {
                    self.mouse = !self.mouse;
                    let text = if self.mouse {
                        "mouse on: click events and fields, drag over the text to select it (then a or A), wheel scrolls; M turns it off"
                    } else {
                        "mouse off: the terminal selects text again"
                    };
                    self.message = Some(Message {
                        level: Level::Info,
                        text: text.to_string(),
                    });
                }
                Effect::Edit {
                    field,
                    value,
                    choices: Some(choices),
                } => {
                    let selected = choices.iter().position(|c| c.value == value).unwrap_or(0);
                    self.mode = Mode::Pick {
                        field,
                        choices,
                        selected,
                    };
                }
                Effect::Edit { field, value, .. } => {
                    self.mode = Mode::Edit {
                        field,
                        input: LineInput::with_text(&value),
                        completions: Vec::new(),
                        selected: None,
                    };
                }
                Effect::FindArticle(id) => match self.find_article(&id) {
                    Ok(index) => {
                        queue.extend(open_article(&mut self.state, index, OnLoad::FirstEvent))
                    }
                    Err(reason) => {
                        self.message = Some(Message {
                            level: Level::Error,
                            text: reason,
                        })
                    }
                },
                Effect::Quit => self.quit = true,
            }
        }
    }

    fn load(&mut self, index: usize) -> Vec<Effect> {
        self.scroll = 0;
        self.reveal = true;
        let effects = match load_article(&self.desk, index) {
            Ok(loaded) => article_loaded(&mut self.state, loaded),
            Err(err) => article_failed(&mut self.state, index, err.to_string()),
        };
        self.save_position();
        effects
    }

    pub(super) fn write(&mut self, job: Job) {
        if let Some(writer) = &mut self.writer {
            writer.send(job);
        }
    }

    fn save_position(&mut self) {
        let Some(article) = self.desk.article_ids().get(self.state.index) else {
            return;
        };
        let position = Position {
            article: article.clone(),
            event: self.state.selected_event_id().map(str::to_string),
        };
        self.write(Job::Position(position));
    }

    fn scroll_by(&mut self, lines: i32, page: bool) {
        let step = if page {
            self.viewport.saturating_sub(2).max(1)
        } else {
            1
        };
        let amount = step * lines.unsigned_abs() as usize;
        self.scroll = if lines < 0 {
            self.scroll.saturating_sub(amount)
        } else {
            self.scroll + amount
        };
    }
}

/// The map's bounds and what the gazetteer shows within them.
pub(super) type MapBackdrop = (((f64, f64), (f64, f64)), super::view::MapContext);

/// A mouse event, as the loop hands it over (left button only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MouseInput {
    Down { column: u16, row: u16 },
    Drag { column: u16, row: u16 },
    Up { column: u16, row: u16 },
    WheelDown,
    WheelUp,
}

/// The left button held down over the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Drag {
    /// The byte under the press: the selection's fixed end.
    anchor: usize,
    /// Whether the pointer moved since the press (else it is a click).
    moved: bool,
    /// Where the pointer was last, for scrolling while it rests past an edge.
    last: (u16, u16),
}

/// The rows of a drawn table: where its first row is and which item it shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableRows {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
    /// The item in the first visible row.
    pub offset: usize,
    /// An item drawn taller than one row (the selected field, wrapped),
    /// and its height.
    pub tall: Option<(usize, u16)>,
}

impl TableRows {
    /// The screen row where `item` starts and its height, when visible.
    pub fn row_of(&self, item: usize) -> Option<(u16, u16)> {
        let mut top = self.y;
        for shown in self.offset.. {
            let height = match self.tall {
                Some((tall, height)) if tall == shown => height,
                _ => 1,
            };
            if top >= self.y + self.height {
                return None;
            }
            if shown == item {
                return Some((top, height.min(self.y + self.height - top)));
            }
            top += height;
        }
        None
    }

    /// The item under a click, if the click is on a row.
    pub fn row_at(&self, column: u16, row: u16) -> Option<usize> {
        let inside = column >= self.x
            && column < self.x + self.width
            && row >= self.y
            && row < self.y + self.height;
        if !inside {
            return None;
        }
        let mut top = self.y;
        (self.offset..).find(|&item| {
            let height = match self.tall {
                Some((tall, height)) if tall == item => height,
                _ => 1,
            };
            top += height;
            row < top
        })
    }
}

/// Where the panes were drawn last, for the mouse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaneLayout {
    /// The article's text: its rows are visual lines from the scroll on.
    pub article: TableRows,
    pub events: TableRows,
    pub fields: TableRows,
}

/// Applies an editing key to a line; true if the text changed.
pub(super) fn edit_line(input: &mut LineInput, key: Key) -> bool {
    let before = input.text().len();
    match key.code {
        KeyCode::Backspace => input.backspace(),
        KeyCode::Delete => input.delete(),
        KeyCode::Left => input.left(),
        KeyCode::Right => input.right(),
        KeyCode::Home => input.home(),
        KeyCode::End => input.end(),
        KeyCode::Char('u') if key.ctrl => input.clear_to_start(),
        KeyCode::Char(c) if !key.ctrl && !key.alt => input.insert(c),
        _ => return false,
    }
    input.text().len() != before
}

/// Where saving stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState<'a> {
    Saved,
    Saving,
    Failed(&'a str),
    ReadOnly,
}

/// Loads the gazetteer (the desk's `gazetteer.toml` over the built-in one)
/// in a background thread.
fn spawn_places(desk: &Desk) -> Receiver<Result<Places, String>> {
    let (tx, rx) = std::sync::mpsc::channel();
    let path = desk.gazetteer_path();
    std::thread::spawn(move || {
        let places = if path.is_file() {
            Gazetteer::with_desk_file(&path)
                .map(|g| Places::Desk(Arc::new(g)))
                .map_err(|err| format!("places: {err}"))
        } else {
            Ok(Places::Builtin(Gazetteer::builtin()))
        };
        let _ = tx.send(places);
    });
    rx
}

/// `corners` (lowest and highest latitude and longitude) grown to take in
/// `places`.
fn extent(
    corners: Option<[(f64, f64); 2]>,
    places: impl Iterator<Item = (f64, f64)>,
) -> Option<[(f64, f64); 2]> {
    places.fold(corners, |corners, (lat, lon)| {
        let [(lat0, lon0), (lat1, lon1)] = corners.unwrap_or([(lat, lon), (lat, lon)]);
        Some([
            (lat0.min(lat), lon0.min(lon)),
            (lat1.max(lat), lon1.max(lon)),
        ])
    })
}

/// Reads one article with its candidates and decisions.
pub fn load_article(desk: &Desk, index: usize) -> Result<LoadedArticle, DeskError> {
    let id = desk
        .article_ids()
        .get(index)
        .ok_or_else(|| DeskError::NoArticle(format!("#{index}")))?;
    let article = desk.load_article(id)?;
    let candidates = desk.load_candidates(id)?;
    let decisions = desk.load_decisions(id)?;
    Ok(LoadedArticle::new(index, article, candidates, decisions))
}

/// Where to open the desk: the first pending event at or after the last
/// position (searching a bounded number of articles), else the last position.
fn resume_point(desk: &Desk) -> (usize, OnLoad) {
    let position = persist::read_position(desk);
    let start = position
        .as_ref()
        .and_then(|p| desk.article_index(&p.article))
        .unwrap_or(0);
    let ids = desk.article_ids();
    let end = ids.len().min(start + RESUME_SCAN);
    for (index, id) in ids.iter().enumerate().take(end).skip(start) {
        if persist::count_events(desk, id).has_pending() {
            return (index, OnLoad::FirstPending);
        }
    }
    let on_load = match position.and_then(|p| p.event) {
        Some(event) => OnLoad::Select(event),
        None => OnLoad::FirstEvent,
    };
    (start, on_load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extent_grows_batch_by_batch_to_the_same_bounds() {
        let places = [(13.05, 1.65), (14.89, 5.27), (12.0, 3.0), (16.97, 7.99)];
        let batched = places.chunks(2).fold(None, |corners, batch| {
            extent(corners, batch.iter().copied())
        });
        assert_eq!(batched, Some([(12.0, 1.65), (16.97, 7.99)]));
        assert_eq!(
            map_bounds(batched.iter().flatten().copied()),
            map_bounds(places.iter().copied())
        );
        assert_eq!(extent(None, std::iter::empty()), None);
    }
}
