//! The curated dataset as one TOML file: a `[dataset]` header (desk,
//! factdesk version, counts, and the export time only when asked), then one
//! `[[event]]` table per event. Empty values are left out (TOML has no null).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{ExportError, ExportRow, RowFormat, Summary, desk_name};
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
    pub events: usize,
    pub articles: usize,
    /// Events per status (statuses with none are left out).
    pub status: BTreeMap<Status, usize>,
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
        }
    }
}

/// A TOML export read back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub dataset: DatasetHeader,
    #[serde(default, rename = "event")]
    pub events: Vec<ExportRow>,
}

/// Parses a TOML export; errors name `path:line:column`.
pub fn read_dataset(path: &Path, text: &str) -> Result<Dataset, Problem> {
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

pub(super) struct Toml;

impl RowFormat for Toml {
    fn render(&self, rows: &[ExportRow], out: &mut Vec<u8>) -> Result<(), ExportError> {
        #[derive(Serialize)]
        struct Events<'a> {
            event: &'a [ExportRow],
        }
        if !rows.is_empty() {
            out.push(b'\n');
            out.extend_from_slice(::toml::to_string(&Events { event: rows })?.as_bytes());
        }
        Ok(())
    }
}
