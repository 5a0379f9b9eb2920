//! The curated dataset as one TOML file: a `[dataset]` header (desk,
//! factdesk version, counts, and the export time only when asked), then one
//! `[[event]]` table per event. Empty values are left out (TOML has no null).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::row::ExportRow;
use super::{ExportError, Record, Summary, desk_name};
use crate::desk::{Desk, Problem, parse_toml};
use crate::model::Status;

/// The `[dataset]` table at the top of a TOML export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetHeader {
    /// The desk's folder name.
    pub desk: String,
    pub factdesk_version: String,
    /// Only with `--timestamp`: exports are byte-for-byte reproducible otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<jiff::Timestamp>,
    /// Article events exported (by event: the events the records merge).
    pub events: usize,
    pub articles: usize,
    /// Events per status (statuses with none are left out).
    pub status: BTreeMap<Status, usize>,
    /// With `--by-event`: how many real-world events (records) there are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_world_events: Option<usize>,
}

impl DatasetHeader {
    pub fn new(desk: &Desk, summary: &Summary, timestamp: Option<jiff::Timestamp>) -> Self {
        DatasetHeader {
            desk: desk_name(desk),
            factdesk_version: env!("CARGO_PKG_VERSION").to_string(),
            exported_at: timestamp,
            events: summary.events,
            articles: summary.articles,
            status: summary.per_status.clone(),
            real_world_events: summary.real_world_events,
        }
    }
}

/// A TOML export read back: rows are [`ExportRow`]s, or
/// [`super::ByEventRow`]s for a `--by-event` export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "R: Deserialize<'de>"))]
pub struct Dataset<R = ExportRow> {
    pub dataset: DatasetHeader,
    #[serde(default, rename = "event")]
    pub events: Vec<R>,
}

/// Parses a TOML export; errors name `path:line:column`.
pub fn read_dataset<R: for<'de> Deserialize<'de>>(
    path: &Path,
    text: &str,
) -> Result<Dataset<R>, Problem> {
    parse_toml(path, text)
}

const COMMENT: &str = "# A curated event dataset exported by factdesk.\n\
# One [[event]] table per event, in article order; empty values are left out.\n\n";

pub(super) fn write_header(out: &mut dyn Write, header: &DatasetHeader) -> Result<(), ExportError> {
    #[derive(Serialize)]
    struct Head<'a> {
        dataset: &'a DatasetHeader,
    }
    out.write_all(COMMENT.as_bytes())?;
    out.write_all(::toml::to_string(&Head { dataset: header })?.as_bytes())?;
    Ok(())
}

/// Appends `[[event]]` tables; the header comes first, written apart.
pub(super) fn render<R: Record>(rows: &[R], out: &mut Vec<u8>) -> Result<(), ExportError> {
    #[derive(Serialize)]
    struct Events<'a, R> {
        event: &'a [R],
    }
    if !rows.is_empty() {
        out.push(b'\n');
        out.extend_from_slice(::toml::to_string(&Events { event: rows })?.as_bytes());
    }
    Ok(())
}
