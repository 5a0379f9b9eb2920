//! Undo and redo of decisions and links, across articles and across restarts.
//!
//! A decision step keeps the whole decision file of its article before and
//! after the change (a few kilobytes at most), so undoing writes back exactly
//! what was there, whatever the change was. A link step keeps the clusters
//! it touched, before and after; its article is the one whose event the
//! analyst was on. The driver appends every step, undo and
//! redo to a journal (`.factdesk/undo.jsonl`, one JSON object a line, fsynced)
//! and replays it at start; a line torn by a kill is skipped.

use serde::{Deserialize, Serialize};

use crate::desk::DecisionFile;
use crate::link::LinkStep;
use crate::model::{ArticleId, EventId};

/// How many steps are kept; older ones fall off the bottom.
pub const UNDO_LIMIT: usize = 1000;

/// One undoable change to one article's decisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub article: ArticleId,
    /// Position of the article in the desk, resolved from `article` at replay.
    #[serde(skip)]
    pub article_index: usize,
    /// The event the change was about, selected again on undo and redo.
    pub event: EventId,
    /// The command as typed, e.g. `set fatalities 18`, for messages.
    pub command: String,
    #[serde(flatten)]
    pub change: StepChange,
}

/// What a step changed. Untagged and flattened so journals written before
/// links were undoable (`before` and `after` beside `article`) still read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StepChange {
    /// The article's decision file.
    Decisions {
        before: DecisionFile,
        after: DecisionFile,
    },
    /// The desk's links.
    Links { links: LinkStep },
}

/// Which way through the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Undo => "undo",
            Direction::Redo => "redo",
        }
    }

    /// The verb for messages: "undid", "redid".
    pub fn past(self) -> &'static str {
        match self {
            Direction::Undo => "undid",
            Direction::Redo => "redid",
        }
    }

    pub fn journal_entry(self) -> JournalEntry {
        match self {
            Direction::Undo => JournalEntry::Undo,
            Direction::Redo => JournalEntry::Redo,
        }
    }
}

/// One line of the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalEntry {
    Do(Step),
    Undo,
    Redo,
}

impl JournalEntry {
    /// The entry as one journal line, with its newline.
    pub fn to_line(&self) -> Result<String, serde_json::Error> {
        let mut line = serde_json::to_string(self)?;
        line.push('\n');
        Ok(line)
    }
}

/// The undo and redo stacks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a new change; it clears what could be redone.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        self.undo.push(step);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// The step that undo (or redo) would apply next.
    pub fn next(&self, direction: Direction) -> Option<&Step> {
        self.stacks(direction).0.last()
    }

    /// Moves the next step to the other stack once it has been applied.
    pub fn travelled(&mut self, direction: Direction) {
        let (from, to) = self.stacks_mut(direction);
        if let Some(step) = from.pop() {
            to.push(step);
        }
    }

    /// Drops the next step (its article changed behind our back).
    pub fn drop_next(&mut self, direction: Direction) {
        self.stacks_mut(direction).0.pop();
    }

    fn stacks(&self, direction: Direction) -> (&Vec<Step>, &Vec<Step>) {
        match direction {
            Direction::Undo => (&self.undo, &self.redo),
            Direction::Redo => (&self.redo, &self.undo),
        }
    }

    fn stacks_mut(&mut self, direction: Direction) -> (&mut Vec<Step>, &mut Vec<Step>) {
        match direction {
            Direction::Undo => (&mut self.undo, &mut self.redo),
            Direction::Redo => (&mut self.redo, &mut self.undo),
        }
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    fn apply(&mut self, entry: JournalEntry) {
        match entry {
            JournalEntry::Do(step) => self.record(step),
            JournalEntry::Undo => self.travelled(Direction::Undo),
            JournalEntry::Redo => self.travelled(Direction::Redo),
        }
    }

    /// Rebuilds the stacks from journal entries. `resolve` maps an article
    /// id to its index in the desk; steps on articles that left the desk are
    /// dropped.
    pub fn replay(
        entries: impl IntoIterator<Item = JournalEntry>,
        resolve: impl Fn(&str) -> Option<usize>,
    ) -> History {
        let mut history = History::default();
        for entry in entries {
            history.apply(entry);
        }
        let keep = |steps: Vec<Step>| -> Vec<Step> {
            steps
                .into_iter()
                .filter_map(|mut step| {
                    step.article_index = resolve(&step.article)?;
                    Some(step)
                })
                .collect()
        };
        History {
            undo: keep(history.undo),
            redo: keep(history.redo),
        }
    }

    /// The shortest journal that replays to this history, for compaction.
    pub fn compacted(&self) -> Vec<JournalEntry> {
        let mut entries: Vec<JournalEntry> =
            self.undo.iter().cloned().map(JournalEntry::Do).collect();
        entries.extend(self.redo.iter().rev().cloned().map(JournalEntry::Do));
        entries.extend(std::iter::repeat_n(JournalEntry::Undo, self.redo.len()));
        entries
    }
}

/// Parses a journal. Lines that do not parse (a write torn by a kill) are
/// skipped; their 1-based numbers are returned so the driver can say so.
pub fn parse_journal(text: &str) -> (Vec<JournalEntry>, Vec<usize>) {
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(line) {
            Ok(entry) => entries.push(entry),
            Err(_) => skipped.push(number + 1),
        }
    }
    (entries, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::confirmed_file;

    fn step(n: u32) -> Step {
        Step {
            article: format!("art{}", n % 3),
            article_index: 0,
            event: format!("art{}#x1", n % 3),
            command: "confirm".into(),
            change: StepChange::Decisions {
                before: DecisionFile::empty(&format!("art{}", n % 3)),
                after: confirmed_file(&format!("art{}", n % 3), n),
            },
        }
    }

    /// A journal line as written before link steps existed.
    #[test]
    fn an_old_decision_line_still_reads() {
        let line = JournalEntry::Do(step(1)).to_line().unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        let fields = value["do"].as_object().unwrap();
        assert!(fields.contains_key("before") && fields.contains_key("after"));
        assert_eq!(parse_journal(&line).0, vec![JournalEntry::Do(step(1))]);
    }

    #[test]
    fn a_link_step_round_trips() {
        let mut links = crate::link::Links::default();
        let at = jiff::Timestamp::from_second(0).unwrap();
        let change = links.link("art1#x1", "art2#x3", "r", at).unwrap();
        let step = Step {
            article: "art1".into(),
            article_index: 0,
            event: "art1#x1".into(),
            command: "link art2#x3".into(),
            change: StepChange::Links {
                links: links.step(change),
            },
        };
        let line = JournalEntry::Do(step.clone()).to_line().unwrap();
        let (entries, skipped) = parse_journal(&line);
        assert!(skipped.is_empty(), "{line}");
        assert_eq!(entries, vec![JournalEntry::Do(step)]);
    }

    fn resolve(id: &str) -> Option<usize> {
        id.strip_prefix("art")?.parse().ok()
    }

    #[test]
    fn undo_then_new_change_clears_redo() {
        let mut history = History::default();
        history.record(step(1));
        history.record(step(2));
        history.travelled(Direction::Undo);
        assert_eq!(history.next_redo(), Some(&step(2)));
        history.record(step(3));
        assert_eq!(history.next_redo(), None);
        assert_eq!(history.undo_len(), 2);
    }

    #[test]
    fn the_journal_replays_to_the_same_stacks() {
        let mut history = History::default();
        let mut journal = String::new();
        let mut log = |history: &mut History, entry: JournalEntry| {
            journal.push_str(&entry.to_line().unwrap());
            history.apply(entry);
        };
        for n in 1..=5 {
            log(&mut history, JournalEntry::Do(step(n)));
        }
        log(&mut history, JournalEntry::Undo);
        log(&mut history, JournalEntry::Undo);
        log(&mut history, JournalEntry::Redo);
        let (entries, skipped) = parse_journal(&journal);
        assert!(skipped.is_empty());
        let replayed = History::replay(entries, resolve);
        assert_eq!(replayed.undo_len(), 4);
        assert_eq!(replayed.redo_len(), 1);
        assert_eq!(replayed.next_undo().unwrap().article_index, 1);
        let compacted = History::replay(replayed.compacted(), resolve);
        assert_eq!(compacted, replayed);
    }

    #[test]
    fn a_torn_last_line_is_skipped() {
        let mut journal = JournalEntry::Do(step(1)).to_line().unwrap();
        let torn = JournalEntry::Do(step(2)).to_line().unwrap();
        journal.push_str(&torn[..torn.len() / 2]);
        let (entries, skipped) = parse_journal(&journal);
        assert_eq!(entries, vec![JournalEntry::Do(step(1))]);
        assert_eq!(skipped, vec![2]);
    }

    #[test]
    fn steps_on_vanished_articles_are_dropped() {
        let mut gone = step(1);
        gone.article = "deleted".into();
        let history = History::replay([JournalEntry::Do(gone), JournalEntry::Do(step(2))], resolve);
        assert_eq!(history.undo_len(), 1);
        assert_eq!(history.next_undo().unwrap().article, "art2");
    }

    #[test]
    fn the_stack_is_bounded() {
        let mut history = History::default();
        for n in 0..(UNDO_LIMIT as u32 + 10) {
            history.record(step(n));
        }
        assert_eq!(history.undo_len(), UNDO_LIMIT);
    }
}
