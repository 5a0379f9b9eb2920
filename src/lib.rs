//! factdesk: review machine-extracted conflict events from news articles.
//!
//! The core (model, desk, extract, review, link, export) knows nothing of
//! terminals; only `tui` imports ratatui.

pub mod desk;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod import;
pub mod keymap;
pub mod link;
pub mod model;
pub mod review;
pub mod stats;
pub mod tui;
