//! Test fixtures: candidates with evidence, and an in-memory desk that
//! performs effects the way the TUI driver does.

use std::collections::{BTreeMap, VecDeque};

use jiff::Timestamp;

use crate::desk::{Article, CandidateFile, DecisionFile, Meta};
use crate::model::{Candidate, Decision, EventFields, Evidence, Field, Provenance, Span, Status};

use super::{
    Command, Effect, JournalEntry, LoadedArticle, Message, OnLoad, ReviewState, article_loaded,
    links_restored, open_article, record_links, update,
};
use crate::link::{LinkRequest, Links};

pub const TEXT: &str = "On Tuesday 17 soldiers were killed near Koutougou. Lundi soir, 29 soldats ont été tués à Tahoua.";

/// A Battles candidate near Koutougou with `fatalities` killed and evidence.
pub fn candidate(id: &str, fatalities: u32) -> Candidate {
    let mut fields = EventFields::default();
    for (field, value) in [
        (Field::EventType, "Battles"),
        (Field::SubEventType, "Armed clash"),
        (Field::EventDate, "2023-08-15"),
        (Field::Location, "Koutougou"),
    ] {
        fields.set(field, value).expect("fixture values are valid");
    }
    fields.fatalities = Some(fatalities);
    let evidence = Evidence::from([
        (Field::EventDate, vec![Span::new(3, 10)]),
        (Field::Fatalities, vec![Span::new(11, 13)]),
        (Field::Location, vec![Span::new(40, 49)]),
    ]);
    Candidate {
        id: id.to_string(),
        background: false,
        confidence: 0.8,
        fields,
        evidence,
        field_confidence: BTreeMap::new(),
        casualties: BTreeMap::new(),
    }
}

/// A decision file with one confirmed event, distinct for each `n`.
pub fn confirmed_file(article: &str, n: u32) -> DecisionFile {
    let candidate = candidate(&format!("{article}#x1"), n);
    let mut file = DecisionFile::empty(article);
    file.upsert(Decision {
        id: candidate.id,
        status: Status::Confirmed,
        reviewer: "alice".into(),
        decided_at: Timestamp::from_second(1_700_000_000 + i64::from(n)).expect("valid time"),
        background: false,
        flagged: false,
        reason: None,
        note: None,
        provenance: Provenance::builtin(),
        fields: candidate.fields,
        corrected: Vec::new(),
        original: EventFields::default(),
        evidence: candidate.evidence,
    });
    file
}

/// A desk in memory that performs effects as the TUI's driver does.
#[derive(Default)]
pub struct SimDesk {
    pub articles: Vec<(Article, Option<CandidateFile>)>,
    pub reviewed: BTreeMap<String, DecisionFile>,
    pub journal: Vec<JournalEntry>,
    pub links: Links,
    pub messages: Vec<Message>,
    pub quit: bool,
    pub clock: i64,
}

impl SimDesk {
    /// `events[i]` candidates in article `i`.
    pub fn new(events: &[usize]) -> SimDesk {
        let articles = events
            .iter()
            .enumerate()
            .map(|(i, &count)| {
                let id = format!("art{i}");
                let article = Article {
                    id: id.clone(),
                    meta: Meta {
                        language: "en".into(),
                        ..Meta::default()
                    },
                    text: TEXT.to_string(),
                };
                let candidates = (count > 0).then(|| CandidateFile {
                    article: id.clone(),
                    extractor: Provenance::builtin(),
                    events: (0..count)
                        .map(|e| candidate(&format!("{id}#x{e}"), 10 + e as u32))
                        .collect(),
                });
                (article, candidates)
            })
            .collect();
        SimDesk {
            articles,
            clock: 1_700_000_000,
            ..SimDesk::default()
        }
    }

    /// A review state on this desk with its first article loaded.
    pub fn start(&mut self, reviewer: &str) -> ReviewState {
        let mut state = ReviewState::new(self.articles.len(), reviewer);
        let effects = open_article(&mut state, 0, OnLoad::FirstEvent);
        self.perform(&mut state, effects);
        state
    }

    pub fn load(&self, index: usize) -> LoadedArticle {
        let (article, candidates) = self.articles[index].clone();
        let decisions = self
            .reviewed
            .get(&article.id)
            .cloned()
            .unwrap_or_else(|| DecisionFile::empty(&article.id));
        LoadedArticle::new(index, article, candidates, decisions)
    }

    /// Sends one command at the next tick of the clock.
    pub fn send(&mut self, state: &mut ReviewState, command: Command) {
        self.clock += 1;
        let now = Timestamp::from_second(self.clock).expect("valid time");
        let effects = update(state, command, now);
        self.perform(state, effects);
    }

    pub fn perform(&mut self, state: &mut ReviewState, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::LoadArticle(index) => {
                    let loaded = self.load(index);
                    queue.extend(article_loaded(state, loaded));
                }
                Effect::SaveDecisions(file) if file.events.is_empty() => {
                    self.reviewed.remove(&file.article);
                }
                Effect::SaveDecisions(file) => {
                    self.reviewed.insert(file.article.clone(), file);
                }
                Effect::Journal(entry) => self.journal.push(entry),
                Effect::Links(request) => queue.extend(self.change_links(state, request)),
                Effect::RestoreLinks {
                    direction,
                    expected,
                    target,
                } => {
                    let outcome = self
                        .links
                        .restore(&expected, &target)
                        .map_err(|e| e.to_string());
                    queue.extend(links_restored(state, direction, outcome));
                }
                Effect::Message(message) => self.messages.push(message),
                Effect::Quit => self.quit = true,
                Effect::FindArticle(id) => {
                    let index = self.articles.iter().position(|(a, _)| a.id == id);
                    match index {
                        Some(index) => {
                            queue.extend(open_article(state, index, OnLoad::FirstEvent));
                        }
                        None => self.messages.push(Message {
                            level: super::Level::Error,
                            text: format!("no article `{id}`"),
                        }),
                    }
                }
                Effect::Scroll { .. }
                | Effect::OpenHelp
                | Effect::OpenCommandLine
                | Effect::TypeCommand(_)
                | Effect::Search(_)
                | Effect::NextMatch(_)
                | Effect::OpenArticles
                | Effect::SelectText(_)
                | Effect::OpenStats
                | Effect::ToggleMap
                | Effect::ToggleMouse
                | Effect::Edit { .. } => {}
            }
        }
    }

    /// Links or unlinks as the TUI does, recording the step.
    fn change_links(&mut self, state: &mut ReviewState, request: LinkRequest) -> Vec<Effect> {
        let when = Timestamp::from_second(self.clock).expect("valid time");
        let (event, changed) = match request {
            LinkRequest::Open { .. } => return Vec::new(),
            LinkRequest::Link { event, other } => {
                let changed = self.links.link(&event, &other, &state.reviewer, when);
                (event, changed)
            }
            LinkRequest::Unlink { event } => {
                let changed = self.links.unlink(&event);
                (event, changed)
            }
        };
        match changed {
            Ok(change) => {
                let step = self.links.step(change);
                record_links(state, &event, "link".into(), step)
            }
            Err(err) => {
                self.messages.push(Message {
                    level: super::Level::Error,
                    text: err.to_string(),
                });
                Vec::new()
            }
        }
    }

    pub fn last_message(&self) -> &str {
        self.messages.last().map_or("", |m| m.text.as_str())
    }
}
