//! `update(state, command) -> effects`: the review logic in one place.
//!
//! The state machine never touches a disk or a terminal. It returns effects
//! as data; a driver (the TUI, or a test) performs them in order and feeds
//! loaded articles back through [`article_loaded`].

use jiff::Timestamp;

use crate::desk::DecisionFile;
use crate::model::Field;

use super::command::Command;
use super::decide::{Action, Signature, decide};
use super::history::{Direction, JournalEntry, Step};
use super::state::{LoadedArticle, OnLoad, ReviewState};

/// Something the driver must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Load the article at this index and hand it to [`article_loaded`].
    LoadArticle(usize),
    /// Write one article's decisions (atomically, durably).
    SaveDecisions(DecisionFile),
    /// Append to the undo journal.
    Journal(JournalEntry),
    Message(Message),
    /// Scroll the article by this many lines (pages when `page`).
    Scroll {
        lines: i32,
        page: bool,
    },
    OpenHelp,
    OpenCommandLine,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// A line for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

fn info(text: impl Into<String>) -> Effect {
    Effect::Message(Message {
        level: Level::Info,
        text: text.into(),
    })
}

fn error(text: impl Into<String>) -> Effect {
    Effect::Message(Message {
        level: Level::Error,
        text: text.into(),
    })
}

/// Applies one command. `now` is the time recorded with a decision.
pub fn update(state: &mut ReviewState, command: Command, now: Timestamp) -> Vec<Effect> {
    match command {
        Command::NextEvent => move_event(state, 1),
        Command::PrevEvent => move_event(state, -1),
        Command::NextField => move_field(state, 1),
        Command::PrevField => move_field(state, -1),
        Command::NextArticle => move_article(state, 1),
        Command::PrevArticle => move_article(state, -1),
        Command::Confirm => decide_selected(state, Action::Confirm, "confirm".into(), now),
        Command::Reject => decide_selected(state, Action::Reject, "reject".into(), now),
        Command::Set { field, ref value } => {
            let line = command.to_string();
            decide_selected(state, Action::Set(field, value), line, now)
        }
        Command::Undo => start_travel(state, Direction::Undo),
        Command::Redo => start_travel(state, Direction::Redo),
        Command::ScrollDown => vec![Effect::Scroll {
            lines: 1,
            page: false,
        }],
        Command::ScrollUp => vec![Effect::Scroll {
            lines: -1,
            page: false,
        }],
        Command::PageDown => vec![Effect::Scroll {
            lines: 1,
            page: true,
        }],
        Command::PageUp => vec![Effect::Scroll {
            lines: -1,
            page: true,
        }],
        Command::Help => vec![Effect::OpenHelp],
        Command::CommandLine => vec![Effect::OpenCommandLine],
        Command::Quit => vec![Effect::Quit],
    }
}

/// Opens the article at `index` and selects as `on_load` says once it arrives.
pub fn open_article(state: &mut ReviewState, index: usize, on_load: OnLoad) -> Vec<Effect> {
    if index >= state.article_count {
        return vec![error("this desk has no articles")];
    }
    state.on_load = on_load;
    vec![Effect::LoadArticle(index)]
}

/// Takes in an article the driver loaded after [`Effect::LoadArticle`].
pub fn article_loaded(state: &mut ReviewState, loaded: LoadedArticle) -> Vec<Effect> {
    state.index = loaded.index;
    state.load_error = None;
    state.progress.observed(loaded.index, loaded.counts());
    let on_load = std::mem::take(&mut state.on_load);
    state.event = match &on_load {
        OnLoad::FirstEvent | OnLoad::Travel(_) => 0,
        OnLoad::FirstPending => loaded
            .events
            .iter()
            .position(|e| e.status() == crate::model::Status::Pending)
            .unwrap_or(0),
        OnLoad::Select(id) => loaded.event_index(id).unwrap_or(0),
    };
    state.article = Some(loaded);
    match on_load {
        OnLoad::Travel(direction) => finish_travel(state, direction),
        _ => Vec::new(),
    }
}

/// The article at `index` could not be loaded: stay there and say why.
pub fn article_failed(state: &mut ReviewState, index: usize, reason: String) -> Vec<Effect> {
    state.index = index;
    state.article = None;
    state.event = 0;
    state.on_load = OnLoad::default();
    state.load_error = Some(reason.clone());
    vec![error(reason)]
}

fn move_event(state: &mut ReviewState, delta: isize) -> Vec<Effect> {
    let Some(article) = &state.article else {
        return Vec::new();
    };
    let count = article.events.len();
    match state.event.checked_add_signed(delta) {
        Some(next) if next < count => {
            state.event = next;
            Vec::new()
        }
        _ if count == 0 => vec![info("no events in this article (n: next article)")],
        _ if delta > 0 => vec![info("last event of this article (n: next article)")],
        _ => vec![info("first event of this article (p: previous article)")],
    }
}

fn move_field(state: &mut ReviewState, delta: isize) -> Vec<Effect> {
    let fields = Field::ALL.len() as isize;
    let current = Field::ALL
        .iter()
        .position(|&f| f == state.field)
        .unwrap_or(0) as isize;
    state.field = Field::ALL[(current + delta).rem_euclid(fields) as usize];
    Vec::new()
}

fn move_article(state: &mut ReviewState, delta: isize) -> Vec<Effect> {
    match state.index.checked_add_signed(delta) {
        Some(next) if next < state.article_count => open_article(state, next, OnLoad::FirstEvent),
        _ if delta > 0 => vec![info("last article of the desk")],
        _ => vec![info("first article of the desk")],
    }
}

/// The refusal of any change when the desk is open read-only.
fn read_only_refusal(state: &ReviewState) -> Option<Effect> {
    let holder = state.read_only.as_ref()?;
    Some(error(format!(
        "read-only: the desk is locked by {holder}; nothing is saved"
    )))
}

fn decide_selected(
    state: &mut ReviewState,
    action: Action<'_>,
    command: String,
    now: Timestamp,
) -> Vec<Effect> {
    if let Some(refusal) = read_only_refusal(state) {
        return vec![refusal];
    }
    let signature = Signature {
        reviewer: &state.reviewer,
        now,
    };
    let Some(article) = &mut state.article else {
        return vec![error("no article is open")];
    };
    let Some(event) = article.events.get(state.event) else {
        return vec![error("no event selected")];
    };
    let decision = match decide(event, &article.extractor, action, signature) {
        Ok(Some(decision)) => decision,
        Ok(None) => return vec![info(format!("{command}: nothing changes"))],
        Err(reason) => return vec![error(reason)],
    };
    let event_id = decision.id.clone();
    let status = decision.status;
    let before = article.decisions.clone();
    let mut after = before.clone();
    after.upsert(decision);
    article.set_decisions(after.clone());
    state.progress.observed(article.index, article.counts());
    let step = Step {
        article: article.id().to_string(),
        article_index: article.index,
        event: event_id.clone(),
        command: command.clone(),
        before,
        after: after.clone(),
    };
    state.history.record(step.clone());
    vec![
        Effect::SaveDecisions(after),
        Effect::Journal(JournalEntry::Do(step)),
        info(format!("{event_id}: {command} ({status})")),
    ]
}

/// Undo and redo go to the step's article first, so the analyst sees what
/// changes, then apply once it is loaded.
fn start_travel(state: &mut ReviewState, direction: Direction) -> Vec<Effect> {
    if let Some(refusal) = read_only_refusal(state) {
        return vec![refusal];
    }
    let Some(step) = state.history.next(direction) else {
        return vec![info(format!("nothing to {}", direction.name()))];
    };
    let target = step.article_index;
    if state.article.as_ref().is_some_and(|a| a.index == target) {
        return finish_travel(state, direction);
    }
    open_article(state, target, OnLoad::Travel(direction))
}

fn finish_travel(state: &mut ReviewState, direction: Direction) -> Vec<Effect> {
    let Some(step) = state.history.next(direction).cloned() else {
        return Vec::new();
    };
    let (expected, target, verb) = match direction {
        Direction::Undo => (&step.after, step.before.clone(), "undid"),
        Direction::Redo => (&step.before, step.after.clone(), "redid"),
    };
    match restore(state, expected, target, &step.event) {
        Ok(save) => {
            state.history.travelled(direction);
            vec![
                save,
                Effect::Journal(direction.journal_entry()),
                info(format!("{verb} {}", step.command)),
            ]
        }
        Err(reason) => {
            state.history.drop_next(direction);
            vec![error(reason)]
        }
    }
}

/// Replaces the loaded article's decisions with `target`, provided they are
/// still `expected`: a file changed behind our back (a merge, a hand edit)
/// is never overwritten by an old snapshot.
fn restore(
    state: &mut ReviewState,
    expected: &DecisionFile,
    target: DecisionFile,
    event: &str,
) -> Result<Effect, String> {
    let Some(article) = &mut state.article else {
        return Err("no article is open".to_string());
    };
    if &article.decisions != expected {
        return Err(format!(
            "reviewed/{}.toml changed since that step; it is left as it is",
            article.id()
        ));
    }
    article.set_decisions(target.clone());
    state.progress.observed(article.index, article.counts());
    if let Some(index) = article.event_index(event) {
        state.event = index;
    }
    state.event = state.event.min(article.events.len().saturating_sub(1));
    Ok(Effect::SaveDecisions(target))
}
