//! The desk lock: one writer per desk. The OS releases the lock when its
//! process dies, so a lock left by a killed process never blocks anyone.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::Path;

/// Held while a process may write to the desk; released on drop or death.
#[derive(Debug)]
pub struct DeskLock {
    _file: File,
}

/// What happened when we asked for the lock.
#[derive(Debug)]
pub enum LockOutcome {
    Acquired(DeskLock),
    /// Another live process holds it; the text says who (user, pid, since).
    HeldBy(String),
}

pub const LOCK_FILE: &str = ".factdesk.lock";

/// Tries to take the desk's lock without waiting.
pub fn acquire(desk_root: &Path, who: &str) -> io::Result<LockOutcome> {
    let path = desk_root.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => {
            let holder = format!(
                "{who} (pid {}, since {})",
                std::process::id(),
                jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC")
            );
            file.set_len(0)?;
            file.rewind()?;
            file.write_all(holder.as_bytes())?;
            file.sync_all()?;
            Ok(LockOutcome::Acquired(DeskLock { _file: file }))
        }
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            file.read_to_string(&mut holder)?;
            let holder = holder.trim();
            Ok(LockOutcome::HeldBy(if holder.is_empty() {
                "another factdesk process".to_string()
            } else {
                holder.to_string()
            }))
        }
        Err(TryLockError::Error(err)) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire(dir.path(), "alice").unwrap();
        assert!(matches!(first, LockOutcome::Acquired(_)));
        match acquire(dir.path(), "bob").unwrap() {
            LockOutcome::HeldBy(holder) => assert!(holder.starts_with("alice (pid"), "{holder}"),
            LockOutcome::Acquired(_) => panic!("second lock granted"),
        }
        drop(first);
        assert!(matches!(
            acquire(dir.path(), "bob").unwrap(),
            LockOutcome::Acquired(_)
        ));
    }
}
