//! CSV with ACLED's column names, in ACLED's order, for the columns ACLED
//! has; factdesk's own columns follow. Quoting is the `csv` crate's, so
//! quotes, commas and newlines inside values survive a real CSV reader.

use std::io::Write;

use super::{ExportError, ExportRow, RowFormat};

/// ACLED columns first (their order in ACLED files), then ours.
pub const COLUMNS: [&str; 23] = [
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "wounded",
    "article",
    "event_id",
    "status",
    "cluster",
    "reviewer",
    "original",
];

pub(super) struct Csv;

pub(super) fn write_header(out: &mut dyn Write) -> Result<(), ExportError> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    writer.flush()?;
    Ok(())
}

impl RowFormat for Csv {
    fn render(&self, rows: &[ExportRow], out: &mut Vec<u8>) -> Result<(), ExportError> {
        let mut writer = ::csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        for row in rows {
            writer.write_record(record(row)?)?;
        }
        writer.flush()?;
        Ok(())
    }
}

/// One row's cells in [`COLUMNS`] order; empty values are empty cells,
/// coordinates have the record's 4 decimals, `original` is a JSON object
/// (empty cell when nothing was corrected).
fn record(row: &ExportRow) -> Result<[String; 23], ExportError> {
    fn text(value: &Option<String>) -> String {
        value.clone().unwrap_or_default()
    }
    fn show<T: ToString>(value: Option<T>) -> String {
        value.map(|v| v.to_string()).unwrap_or_default()
    }
    let coordinate = |value: Option<f64>| value.map(|v| format!("{v:.4}")).unwrap_or_default();
    let original = match &row.original {
        Some(original) => serde_json::to_string(original)?,
        None => String::new(),
    };
    Ok([
        show(row.event_date),
        show(row.time_precision),
        show(row.event_type),
        show(row.sub_event_type),
        text(&row.actor1),
        text(&row.actor2),
        text(&row.country),
        text(&row.admin1),
        text(&row.admin2),
        text(&row.location),
        coordinate(row.latitude),
        coordinate(row.longitude),
        show(row.geo_precision),
        text(&row.source),
        text(&row.notes),
        show(row.fatalities),
        show(row.wounded),
        row.article.clone(),
        row.event_id.clone(),
        row.status.to_string(),
        text(&row.cluster),
        text(&row.reviewer),
        original,
    ])
}
