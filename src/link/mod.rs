//! Linking: which events, across articles and languages, are one
//! real-world event.
//!
//! - [`store`]: `links.toml`, the clusters of linked events, who linked them
//!   and the cluster values analysts set.
//! - [`values`]: a cluster's values where its members disagree (lowest
//!   reported fatalities, most precise date and place, or the analyst's).
//! - [`score`]: how likely two events are one, with reasons in words.
//! - [`index`]: the desk's events by country and month, for suggestions
//!   in a desk of any size.
//! - [`keys`]: which buckets each article is filed under, kept in
//!   `.factdesk/` so the command line reads only the articles a query needs.
//!
//! Links refer to event ids (`<article>#<tag>`), never to positions, so
//! re-extracting an article keeps them valid as long as the tag survives;
//! `factdesk check` reports the ones that did not.

mod args;
mod editor;
mod eval;
mod index;
mod keys;
mod score;
mod store;
mod text;
mod values;

pub use args::{LinkArgs, LinkCommand};
pub use editor::{LinkEditor, LinkRequest, Toggled};
pub use eval::{EvalReport, Gold, Incident, Miss, evaluate};
pub use index::{LinkIndex, Suggestion, article_events, member_fields};
pub use score::{LinkEvent, Reason, explain, reasons_line, score};

pub use store::{
    Change, Cluster, ClusterValue, LinkError, LinkStep, Links, Member, check_desk_links,
    check_links,
};
pub use values::{ClusterRecord, Rule, Variant, default_rule, disagreements, resolve, rule_value};
