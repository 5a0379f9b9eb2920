//! JSON Lines: one object per event, keys in SPEC order, `null` when empty.

use super::{ExportError, ExportRow, RowFormat};

pub(super) struct Jsonl;

impl RowFormat for Jsonl {
    fn render(&self, rows: &[ExportRow], out: &mut Vec<u8>) -> Result<(), ExportError> {
        for row in rows {
            serde_json::to_writer(&mut *out, row)?;
            out.push(b'\n');
        }
        Ok(())
    }
}
