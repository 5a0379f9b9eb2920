//! The review desk as a pure state machine: named commands go in, effects
//! (save these decisions, load that article, show this message) come out.
//! No terminal and no disk here; `crate::tui` drives it.

pub mod add;
pub mod articles;
pub mod command;
pub mod decide;
pub mod edit;
pub mod history;
pub mod progress;
pub mod state;
pub mod stats;
pub mod text_find;
pub mod update;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

pub use articles::{
    ArticleEntry, ArticleFilter, ArticleSearch, FILTER_SYNTAX, Scope, search_articles,
};
pub use command::{COMMANDS, Command, CommandSpec, parse_command_line};
pub use edit::{Choice, Places, complete_place, pick_list};
pub use history::{Direction, History, JournalEntry, Step, StepChange, parse_journal};
pub use progress::{Counts, Progress};
pub use state::{LoadedArticle, OnLoad, ReviewState};
pub use text_find::{TextHit, TextQuery, find_all};
pub use update::{
    Effect, Level, Message, Purpose, article_failed, article_loaded, links_restored, open_article,
    record_links, refused, update,
};
