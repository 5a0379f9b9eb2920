//! `update(state, command) -> effects`: the review logic in one place.
//!
//! The state machine never touches a disk or a terminal. It returns effects
//! as data; a driver (the TUI, or a test) performs them in order and feeds
//! loaded articles back through [`article_loaded`].

use jiff::Timestamp;

use std::ops::Range;

use crate::desk::DecisionFile;
use crate::gazetteer::Gazetteer;
use crate::model::{Decision, EventFields, Field, Provenance, ReviewEvent, Span, Status};

use super::add::{clamp_span, next_added_id, prefill};
use super::command::Command;
use super::decide::{Action, Signature, decide};
use super::edit::{Choice, pick_list, values_to_set};
use super::history::{Direction, JournalEntry, Step, StepChange};
use super::state::{LoadedArticle, OnLoad, ReviewState};
use crate::link::{Change, LinkStep};

/// Something the driver must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Load the article at this index and hand it to [`article_loaded`].
    LoadArticle(usize),
    /// Write one article's decisions (atomically, durably).
    SaveDecisions(DecisionFile),
    /// Append to the undo journal.
    Journal(JournalEntry),
    /// Undo or redo a link step: put back the clusters of `target`,
    /// provided those of `expected` are still there, and hand the outcome
    /// to [`links_restored`].
    RestoreLinks {
        direction: Direction,
        expected: Change,
        target: Change,
    },
    Message(Message),
    /// Open an editor on `field` holding `value`, or a pick list of `choices`.
    Edit {
        field: Field,
        value: String,
        choices: Option<Vec<Choice>>,
    },
    /// Open the article with this id (the driver knows the ids).
    FindArticle(String),
    /// Let the analyst select article text, then run `add` or `anchor` on it.
    SelectText(Purpose),
    /// Scroll the article by this many lines (pages when `page`).
    Scroll {
        lines: i32,
        page: bool,
    },
    OpenHelp,
    OpenCommandLine,
    /// Open the command line with this text already typed.
    TypeCommand(String),
    /// Highlight the matches of this text in the article.
    Search(String),
    /// Scroll to the next (`true`) or previous match of the search.
    NextMatch(bool),
    OpenArticles,
    OpenStats,
    /// Open the link view, or change the links, for the selected event.
    Links(crate::link::LinkRequest),
    ToggleMap,
    ToggleMouse,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// What a text selection is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A new event whose evidence is the selection.
    Add,
    /// New evidence for the selected field of the selected event.
    Anchor,
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

/// A request about the selected event's links, or why there is none.
fn link_request(
    state: &ReviewState,
    request: impl FnOnce(String) -> crate::link::LinkRequest,
) -> Vec<Effect> {
    match state.selected_event_id() {
        Some(event) => vec![Effect::Links(request(event.to_string()))],
        None => vec![error("no event selected to link")],
    }
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
        Command::ConfirmNext => {
            let mut effects = decide_selected(state, Action::Confirm, "confirm".into(), now);
            if !refused(&effects) {
                effects.extend(move_pending(state, true));
            }
            effects
        }
        Command::ConfirmAll { min } => confirm_all(state, min, now),
        Command::Reject { ref reason } => {
            let line = command.to_string();
            decide_selected(state, Action::Reject(reason.clone()), line, now)
        }
        Command::ToggleFlag => decide_selected(state, Action::ToggleFlag, "flag".into(), now),
        Command::Note { ref text } => {
            let line = command.to_string();
            decide_selected(state, Action::Note(text.clone()), line, now)
        }
        Command::Set { field, ref value } => {
            let line = command.to_string();
            let values = match (&state.article, state.selected_event()) {
                (Some(article), Some(event)) => values_to_set(
                    field,
                    value,
                    event.fields(),
                    article.article.meta.published,
                    state.places.as_ref(),
                ),
                _ => vec![(field, value.clone())],
            };
            decide_selected(state, Action::Set(values), line, now)
        }
        Command::Edit => edit_selected(state),
        Command::Add { span: Some(span) } => add_event(state, span, now),
        Command::Add { span: None } => select_text(state, Purpose::Add),
        Command::Anchor { span: Some(span) } => {
            let field = state.field;
            let clamped = state
                .article
                .as_ref()
                .and_then(|a| clamp_span(&a.article.text, span));
            match clamped {
                Some(span) => {
                    let line = format!("anchor {} {}", span.start, span.end);
                    decide_selected(state, Action::Anchor(field, span), line, now)
                }
                None => vec![error("the selection is empty")],
            }
        }
        Command::Anchor { span: None } => select_text(state, Purpose::Anchor),
        Command::Delete => delete_event(state),
        Command::NextPending => move_pending(state, true),
        Command::PrevPending => move_pending(state, false),
        Command::Goto { article } => goto(state, article),
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
        Command::Articles => vec![Effect::OpenArticles],
        Command::Stats => vec![Effect::OpenStats],
        Command::Link { other } => link_request(state, |event| match other {
            Some(other) => crate::link::LinkRequest::Link { event, other },
            None => crate::link::LinkRequest::Open { event },
        }),
        Command::Unlink => link_request(state, |event| crate::link::LinkRequest::Unlink { event }),
        Command::SelectEvent { number } => {
            let count = state.article.as_ref().map_or(0, |a| a.events.len());
            if number <= count {
                state.event = number - 1;
                Vec::new()
            } else {
                vec![error(format!(
                    "no event {number}: this article has {count}"
                ))]
            }
        }
        Command::SelectField { field } => {
            state.field = field;
            Vec::new()
        }
        Command::ToggleMap => vec![Effect::ToggleMap],
        Command::ToggleMouse => vec![Effect::ToggleMouse],
        Command::CommandLine => vec![Effect::OpenCommandLine],
        Command::Type { text } => vec![Effect::TypeCommand(format!("{text} "))],
        Command::Find { query: Some(query) } => vec![Effect::Search(query)],
        Command::Find { query: None } => vec![Effect::TypeCommand("find ".into())],
        Command::NextMatch => vec![Effect::NextMatch(true)],
        Command::PrevMatch => vec![Effect::NextMatch(false)],
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
            .position(|e| e.status() == Status::Pending)
            .unwrap_or(0),
        OnLoad::Select(id) => loaded.event_index(id).unwrap_or(0),
        OnLoad::Pending { forward: true } => {
            first_pending(&loaded.events, 0..loaded.events.len(), true).unwrap_or(0)
        }
        OnLoad::Pending { forward: false } => {
            first_pending(&loaded.events, 0..loaded.events.len(), false).unwrap_or(0)
        }
    };
    let index = loaded.index;
    let has_pending = loaded.counts().has_pending();
    state.article = Some(loaded);
    match on_load {
        OnLoad::Travel(direction) => finish_travel(state, direction),
        OnLoad::Pending { forward } if !has_pending => {
            search_pending_articles(state, index, forward)
        }
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

/// Whether the effects carry an error: the command was refused.
pub fn refused(effects: &[Effect]) -> bool {
    effects
        .iter()
        .any(|e| matches!(e, Effect::Message(m) if m.level == Level::Error))
}

/// The first pending event in `range` (the last one when going backward).
fn first_pending(events: &[ReviewEvent], range: Range<usize>, forward: bool) -> Option<usize> {
    let pending = |&i: &usize| events[i].status() == Status::Pending;
    if forward {
        range.into_iter().find(pending)
    } else {
        range.into_iter().rev().find(pending)
    }
}

/// The next pending event: later in this article, else in the next article
/// whose counts say it has one (or whose counts are not known yet).
fn move_pending(state: &mut ReviewState, forward: bool) -> Vec<Effect> {
    if let Some(article) = &state.article {
        let range = if forward {
            state.event + 1..article.events.len()
        } else {
            0..state.event.min(article.events.len())
        };
        if let Some(event) = first_pending(&article.events, range, forward) {
            state.event = event;
            return Vec::new();
        }
    }
    search_pending_articles(state, state.index, forward)
}

fn search_pending_articles(state: &mut ReviewState, from: usize, forward: bool) -> Vec<Effect> {
    let maybe_pending = |i: &usize| state.progress.counts(*i).is_none_or(|c| c.has_pending());
    let next = if forward {
        (from + 1..state.article_count).find(maybe_pending)
    } else {
        (0..from.min(state.article_count)).rev().find(maybe_pending)
    };
    match next {
        Some(index) => open_article(state, index, OnLoad::Pending { forward }),
        None if forward => vec![info(
            "no pending event after this one: the rest of the desk is reviewed",
        )],
        None => vec![info("no pending event before this one")],
    }
}

fn select_text(state: &ReviewState, purpose: Purpose) -> Vec<Effect> {
    if let Some(refusal) = read_only_refusal(state) {
        return vec![refusal];
    }
    if state.article.is_none() {
        return vec![error("no article is open")];
    }
    if purpose == Purpose::Anchor && state.selected_event().is_none() {
        return vec![error("no event selected")];
    }
    vec![Effect::SelectText(purpose)]
}

fn edit_selected(state: &ReviewState) -> Vec<Effect> {
    if let Some(refusal) = read_only_refusal(state) {
        return vec![refusal];
    }
    let Some(event) = state.selected_event() else {
        return vec![error("no event selected")];
    };
    let field = state.field;
    vec![Effect::Edit {
        field,
        value: event.fields().get(field).unwrap_or_default(),
        choices: pick_list(field, event.fields()),
    }]
}

fn goto(state: &mut ReviewState, article: String) -> Vec<Effect> {
    // A number in range is a position; anything else an id or the start
    // of one (ids are often numbered too: `000_6c3f`).
    match article.parse::<usize>() {
        Ok(number) if (1..=state.article_count).contains(&number) => {
            open_article(state, number - 1, OnLoad::FirstEvent)
        }
        _ => vec![Effect::FindArticle(article)],
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
    action: Action,
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
    let asked = match &action {
        Action::Set(values) => values.first().map(|(field, _)| *field),
        _ => None,
    };
    let before = event.fields().clone();
    let decision = match decide(event, &article.extractor, action, signature) {
        Ok(Some(decision)) => decision,
        Ok(None) => {
            let status = event.status();
            return vec![info(format!(
                "{command}: nothing changes (the event is {status})"
            ))];
        }
        Err(reason) => return vec![error(reason)],
    };
    let done = match asked {
        Some(field) => stored(field, &before, &decision.fields),
        None => command.clone(),
    };
    let message = format!("{}: {done} ({})", decision.id, decision.status);
    let event_id = decision.id.clone();
    let mut after = article.decisions.clone();
    after.upsert(decision);
    commit(state, &event_id, command, after, message)
}

/// What a correction stored, as the record now holds it (a date typed
/// `14 août 2023` reads `event_date = 2023-08-14`): the field asked for
/// first, then any other field it changed (a place fills the admin levels
/// and coordinates; a new event type clears a sub-event type of another).
fn stored(asked: Field, before: &EventFields, after: &EventFields) -> String {
    let changed = Field::ALL
        .into_iter()
        .filter(|&field| field != asked && before.get(field) != after.get(field));
    std::iter::once(asked)
        .chain(changed)
        .map(|field| match after.get(field) {
            Some(value) => format!("{field} = {value}"),
            None => format!("{field} cleared"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Makes `after` the open article's decisions, as one undoable step.
fn commit(
    state: &mut ReviewState,
    event_id: &str,
    command: String,
    after: DecisionFile,
    message: String,
) -> Vec<Effect> {
    let Some(article) = &mut state.article else {
        return vec![error("no article is open")];
    };
    let before = article.decisions.clone();
    article.set_decisions(after.clone());
    state.progress.observed(article.index, article.counts());
    let step = Step {
        article: article.id().to_string(),
        article_index: article.index,
        event: event_id.to_string(),
        command,
        change: StepChange::Decisions {
            before,
            after: after.clone(),
        },
    };
    state.history.record(step.clone());
    vec![
        Effect::SaveDecisions(after),
        Effect::Journal(JournalEntry::Do(step)),
        info(message),
    ]
}

/// Confirms every pending event of the article at or above `min`
/// confidence in one step, so one undo takes it all back.
fn confirm_all(state: &mut ReviewState, min: f32, now: Timestamp) -> Vec<Effect> {
    if let Some(refusal) = read_only_refusal(state) {
        return vec![refusal];
    }
    let signature = Signature {
        reviewer: &state.reviewer,
        now,
    };
    let Some(article) = &state.article else {
        return vec![error("no article is open")];
    };
    let mut after = article.decisions.clone();
    let mut confirmed = 0;
    for event in &article.events {
        let sure = event.confidence().is_some_and(|c| c >= min);
        if event.status() != Status::Pending || !sure {
            continue;
        }
        if let Ok(Some(decision)) = decide(event, &article.extractor, Action::Confirm, signature) {
            after.upsert(decision);
            confirmed += 1;
        }
    }
    if confirmed == 0 {
        return vec![info(format!(
            "no pending event here has confidence {min} or more"
        ))];
    }
    let id = state.selected_event_id().unwrap_or_default().to_string();
    let message =
        format!("confirmed {confirmed} event(s) with confidence {min} or more (u undoes them all)");
    commit(state, &id, format!("confirm_all {min}"), after, message)
}

/// Adds an event from bytes `span` of the article, prefilled by the
/// extractor's readers, and selects it.
fn add_event(state: &mut ReviewState, span: Span, now: Timestamp) -> Vec<Effect> {
    if let Some(refusal) = read_only_refusal(state) {
        return vec![refusal];
    }
    let Some(article) = &state.article else {
        return vec![error("no article is open")];
    };
    let Some(span) = clamp_span(&article.article.text, span) else {
        return vec![error("the selection is empty")];
    };
    let gazetteer = match &state.places {
        Some(places) => places.gazetteer(),
        None => Gazetteer::builtin(),
    };
    let (fields, evidence) = prefill(&article.article, span, gazetteer);
    let id = next_added_id(article.id(), &article.events);
    let decision = Decision {
        id: id.clone(),
        status: Status::Added,
        reviewer: state.reviewer.clone(),
        decided_at: now,
        background: false,
        flagged: false,
        reason: None,
        note: None,
        provenance: Provenance::analyst(),
        fields,
        corrected: Vec::new(),
        original: Default::default(),
        evidence,
    };
    let mut after = article.decisions.clone();
    after.upsert(decision);
    let command = format!("add {} {}", span.start, span.end);
    let effects = commit(
        state,
        &id,
        command,
        after,
        format!("{id}: added from the selection"),
    );
    if let Some(index) = state.article.as_ref().and_then(|a| a.event_index(&id)) {
        state.event = index;
    }
    effects
}

/// Deletes the selected event if the analyst added it; the extractor's
/// events are rejected instead, so the decision stays on record.
fn delete_event(state: &mut ReviewState) -> Vec<Effect> {
    if let Some(refusal) = read_only_refusal(state) {
        return vec![refusal];
    }
    let Some(event) = state.selected_event() else {
        return vec![error("no event selected")];
    };
    if event.candidate.is_some() {
        return vec![error(
            "only events you added can be deleted; reject the extractor's (x)",
        )];
    }
    let id = event.id().to_string();
    let Some(article) = &state.article else {
        return vec![error("no article is open")];
    };
    let mut after = article.decisions.clone();
    after.remove(&id);
    let effects = commit(state, &id, "delete".into(), after, format!("{id}: deleted"));
    let count = state.article.as_ref().map_or(0, |a| a.events.len());
    state.event = state.event.min(count.saturating_sub(1));
    effects
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
    let (before, after) = match &step.change {
        StepChange::Decisions { before, after } => (before, after),
        StepChange::Links { links } => {
            let (expected, target) = match direction {
                Direction::Undo => (&links.after, &links.before),
                Direction::Redo => (&links.before, &links.after),
            };
            return vec![Effect::RestoreLinks {
                direction,
                expected: expected.clone(),
                target: target.clone(),
            }];
        }
    };
    let (expected, target) = match direction {
        Direction::Undo => (after, before.clone()),
        Direction::Redo => (before, after.clone()),
    };
    match restore(state, expected, target, &step.event) {
        Ok(save) => {
            state.history.travelled(direction);
            vec![
                save,
                Effect::Journal(direction.journal_entry()),
                info(travelled(direction, &step)),
            ]
        }
        Err(reason) => {
            state.history.drop_next(direction);
            vec![error(reason)]
        }
    }
}

/// Records a change the driver made to the links, on the selected event,
/// as one undoable step of the history.
pub fn record_links(
    state: &mut ReviewState,
    event: &str,
    command: String,
    links: LinkStep,
) -> Vec<Effect> {
    let Some(article) = &state.article else {
        return Vec::new();
    };
    let step = Step {
        article: article.id().to_string(),
        article_index: article.index,
        event: event.to_string(),
        command,
        change: StepChange::Links { links },
    };
    state.history.record(step.clone());
    vec![Effect::Journal(JournalEntry::Do(step))]
}

/// Takes in how [`Effect::RestoreLinks`] went: the step moves to the other
/// stack, or, if the links changed since, is dropped.
pub fn links_restored(
    state: &mut ReviewState,
    direction: Direction,
    outcome: Result<(), String>,
) -> Vec<Effect> {
    let Some(step) = state.history.next(direction).cloned() else {
        return Vec::new();
    };
    if let Err(reason) = outcome {
        state.history.drop_next(direction);
        return vec![error(reason)];
    }
    state.history.travelled(direction);
    if let Some(index) = state
        .article
        .as_ref()
        .and_then(|a| a.event_index(&step.event))
    {
        state.event = index;
    }
    vec![
        Effect::Journal(direction.journal_entry()),
        info(travelled(direction, &step)),
    ]
}

/// What an undo or redo did, and on which event (its id names the
/// article): it may be of another article than the one being read.
fn travelled(direction: Direction, step: &Step) -> String {
    let (verb, command, event) = (direction.past(), &step.command, &step.event);
    format!("{verb} {command} on {event}")
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
