//! CSV with ACLED's column names, in ACLED's order, for the columns ACLED
//! has; factdesk's own columns follow. Quoting is the `csv` crate's, so
//! quotes, commas and newlines inside values survive a real CSV reader.

use std::io::Write;

use super::row::{ByEventRow, ExportRow};
use super::{ExportError, Record};
use crate::model::{EventFields, Field};

/// The ACLED columns we fill, in their order in ACLED files; `source` is
/// the article's (or, by event, the articles') source, the rest are fields.
const ACLED: [(&str, Option<Field>); 16] = [
    ("event_date", Some(Field::EventDate)),
    ("time_precision", Some(Field::TimePrecision)),
    ("event_type", Some(Field::EventType)),
    ("sub_event_type", Some(Field::SubEventType)),
    ("actor1", Some(Field::Actor1)),
    ("actor2", Some(Field::Actor2)),
    ("country", Some(Field::Country)),
    ("admin1", Some(Field::Admin1)),
    ("admin2", Some(Field::Admin2)),
    ("location", Some(Field::Location)),
    ("latitude", Some(Field::Latitude)),
    ("longitude", Some(Field::Longitude)),
    ("geo_precision", Some(Field::GeoPrecision)),
    ("source", None),
    ("notes", Some(Field::Notes)),
    ("fatalities", Some(Field::Fatalities)),
];

/// ACLED's columns followed by `extra`.
fn columns(extra: &[&'static str]) -> Vec<&'static str> {
    ACLED
        .iter()
        .map(|(name, _)| *name)
        .chain(extra.iter().copied())
        .collect()
}

/// The ACLED cells of a record: values as an analyst types them (ISO
/// dates, coordinates with 4 decimals), empty cells for empty values.
fn acled_cells(fields: &EventFields, source: Option<&str>) -> Vec<String> {
    ACLED
        .iter()
        .map(|(_, field)| match field {
            Some(field) => fields.get(*field).unwrap_or_default(),
            None => source.unwrap_or_default().to_string(),
        })
        .collect()
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn joined(values: &[String]) -> String {
    values.join("; ")
}

impl Record for ExportRow {
    fn csv_columns() -> Vec<&'static str> {
        columns(&[
            "wounded", "article", "event_id", "status", "cluster", "reviewer", "original",
        ])
    }

    /// `original` is a JSON object, an empty cell when nothing was corrected.
    fn csv_cells(&self) -> Result<Vec<String>, ExportError> {
        let mut cells = acled_cells(&self.fields, self.source.as_deref());
        let original = match &self.original {
            Some(original) => serde_json::to_string(original)?,
            None => String::new(),
        };
        cells.extend([
            self.fields.get(Field::Wounded).unwrap_or_default(),
            self.article.clone(),
            self.event_id.clone(),
            self.status.to_string(),
            text(&self.cluster),
            text(&self.reviewer),
            original,
        ]);
        Ok(cells)
    }
}

impl Record for ByEventRow {
    fn csv_columns() -> Vec<&'static str> {
        columns(&[
            "wounded",
            "cluster",
            "event_ids",
            "articles",
            "fatalities_rule",
        ])
    }

    /// Lists are joined with `; `, as `source` is.
    fn csv_cells(&self) -> Result<Vec<String>, ExportError> {
        let mut cells = acled_cells(&self.fields, self.source.as_deref());
        cells.extend([
            self.fields.get(Field::Wounded).unwrap_or_default(),
            text(&self.cluster),
            joined(&self.event_ids),
            joined(&self.articles),
            text(&self.fatalities_rule),
        ]);
        Ok(cells)
    }
}

pub(super) fn write_header<R: Record>(out: &mut dyn Write) -> Result<(), ExportError> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(R::csv_columns())?;
    writer.flush()?;
    Ok(())
}

pub(super) fn render<R: Record>(rows: &[R], out: &mut Vec<u8>) -> Result<(), ExportError> {
    let mut writer = ::csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    for row in rows {
        writer.write_record(row.csv_cells()?)?;
    }
    writer.flush()?;
    Ok(())
}
