//! What the review desk knows: where the analyst is and the article open there.

use crate::desk::{Article, CandidateFile, DecisionFile};
use crate::model::{Candidate, EventId, Field, Provenance, ReviewEvent};

use super::edit::Places;
use super::history::{Direction, History};
use super::progress::{Counts, Progress};

/// The article on screen with its candidates and decisions.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedArticle {
    /// Position of the article in the desk.
    pub index: usize,
    pub article: Article,
    pub extractor: Provenance,
    pub candidates: Vec<Candidate>,
    pub decisions: DecisionFile,
    /// Decisions over candidates, in article order; kept in step with `decisions`.
    pub events: Vec<ReviewEvent>,
}

impl LoadedArticle {
    pub fn new(
        index: usize,
        article: Article,
        candidates: Option<CandidateFile>,
        decisions: DecisionFile,
    ) -> LoadedArticle {
        let (extractor, candidates) = match candidates {
            Some(file) => (file.extractor, file.events),
            None => (Provenance::builtin(), Vec::new()),
        };
        let events = crate::model::merge_events(&candidates, &decisions.events);
        LoadedArticle {
            index,
            article,
            extractor,
            candidates,
            decisions,
            events,
        }
    }

    pub fn id(&self) -> &str {
        &self.article.id
    }

    /// Replaces the decisions and re-merges the events.
    pub fn set_decisions(&mut self, decisions: DecisionFile) {
        self.events = crate::model::merge_events(&self.candidates, &decisions.events);
        self.decisions = decisions;
    }

    pub fn counts(&self) -> Counts {
        Counts::of(&self.events)
    }

    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id() == id)
    }
}

/// What to select once a requested article has arrived.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum OnLoad {
    #[default]
    FirstEvent,
    FirstPending,
    Select(EventId),
    /// Undo or redo the next step of the history there.
    Travel(Direction),
    /// The first pending event (the last when going backward); if there is
    /// none, keep searching the following articles.
    Pending {
        forward: bool,
    },
}

/// The whole state of the review desk, free of terminals and disks.
#[derive(Clone, Debug)]
pub struct ReviewState {
    pub reviewer: String,
    /// Who holds the desk lock when this session is read-only.
    pub read_only: Option<String>,
    pub article_count: usize,
    /// The article the analyst is on (loaded or not).
    pub index: usize,
    pub article: Option<LoadedArticle>,
    /// Why the article at `index` could not be loaded.
    pub load_error: Option<String>,
    /// Selected event within the article.
    pub event: usize,
    /// Selected field of the event.
    pub field: Field,
    pub history: History,
    pub progress: Progress,
    /// The gazetteer, once the driver has loaded it, for place completion.
    pub places: Option<Places>,
    pub(super) on_load: OnLoad,
}

impl ReviewState {
    pub fn new(article_count: usize, reviewer: &str) -> ReviewState {
        ReviewState {
            reviewer: reviewer.to_string(),
            read_only: None,
            article_count,
            index: 0,
            article: None,
            load_error: None,
            event: 0,
            field: Field::ALL[0],
            history: History::default(),
            progress: Progress::new(article_count),
            places: None,
            on_load: OnLoad::default(),
        }
    }

    pub fn selected_event(&self) -> Option<&ReviewEvent> {
        self.article.as_ref()?.events.get(self.event)
    }

    /// Id of the selected event, if any.
    pub fn selected_event_id(&self) -> Option<&str> {
        self.selected_event().map(|e| e.id())
    }
}
