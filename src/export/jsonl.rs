//! JSON Lines: one object per record, keys in SPEC order, `null` when empty.

use super::{ExportError, Record};

pub(super) fn render<R: Record>(rows: &[R], out: &mut Vec<u8>) -> Result<(), ExportError> {
    for row in rows {
        serde_json::to_writer(&mut *out, row)?;
        out.push(b'\n');
    }
    Ok(())
}
