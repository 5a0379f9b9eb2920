//! The `factdesk export` command line, kept beside the export it drives so
//! that `main.rs` only dispatches.

use std::path::PathBuf;

use jiff::civil::Date;

use super::{ExportError, ExportOptions, Filter, Format, Summary, export_to};
use crate::desk::Desk;
use crate::model::Status;

/// Export the reviewed events as a curated dataset.
///
/// By default only curated events (confirmed, corrected, added) are
/// written; `--all` adds pending and rejected ones, with their status.
/// Output goes to standard output unless `-o FILE` is given, in which case
/// FILE is replaced atomically. The output is deterministic: the same desk
/// exports to the same bytes.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The desk directory.
    #[arg(default_value = "data")]
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Every event: pending and rejected too (same as
    /// `--status pending,confirmed,corrected,rejected,added`).
    #[arg(long, conflicts_with = "status")]
    pub all: bool,
    /// One record per real-world event: linked events merged (sources
    /// joined with "; ", the lowest reported fatalities unless an analyst
    /// set the cluster's value), unlinked events as they are.
    #[arg(long)]
    pub by_event: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only these statuses (comma-separated or repeated); replaces the
    /// default curated set.
    #[arg(long, value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<Status>,
    /// Only events in these countries (comma-separated or repeated; any case).
    #[arg(long, value_delimiter = ',')]
    pub country: Vec<String>,
    /// Only events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<Date>,
    /// Only events on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<Date>,
    /// Only events decided by these reviewers (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub reviewer: Vec<String>,
    /// Record the export time in the TOML header (left out by default so
    /// that exports are reproducible).
    #[arg(long)]
    pub timestamp: bool,
}

fn now_to_the_second() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Second).unwrap_or(now)
}

fn parse_status(text: &str) -> Result<Status, String> {
    text.parse()
}

impl ExportArgs {
    pub fn options(&self) -> ExportOptions {
        let base = if self.all {
            Filter::all()
        } else {
            Filter::default()
        };
        ExportOptions {
            format: self.format,
            by_event: self.by_event,
            filter: Filter {
                statuses: if self.status.is_empty() {
                    base.statuses
                } else {
                    self.status.clone()
                },
                countries: self.country.clone(),
                since: self.since,
                until: self.until,
                reviewers: self.reviewer.clone(),
            },
            timestamp: self.timestamp.then(now_to_the_second),
        }
    }

    /// Runs the export the arguments describe.
    pub fn run(&self) -> Result<Summary, ExportError> {
        let desk = Desk::open(&self.dir)?;
        export_to(&desk, &self.options(), self.output.as_deref())
    }
}
