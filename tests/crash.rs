//! Crash safety: a process killed with SIGKILL in the middle of saving
//! decisions never leaves a half-written file, and the desk still loads.
//!
//! The test re-runs its own binary as the child that saves in a loop
//! (selected by an environment variable), kills it at varying moments, then
//! checks every file of the desk.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use factdesk::desk::{DecisionFile, Desk, check_desk};
use factdesk::model::{Decision, EventFields, Field, Provenance, Status};

const CHILD_ENV: &str = "FACTDESK_CRASH_CHILD_DESK";

fn decision_file(article: &str, round: u32) -> DecisionFile {
    let events = (0..20)
        .map(|i| {
            let mut fields = EventFields::default();
            fields
                .set(Field::Fatalities, &(round + i).to_string())
                .unwrap();
            fields
                .set(
                    Field::Notes,
                    &"a long note to make the file span many blocks ".repeat(40),
                )
                .unwrap();
            Decision::new(
                format!("{article}#x{i:06}"),
                Status::Confirmed,
                "crash",
                jiff::Timestamp::UNIX_EPOCH,
                Provenance::builtin(),
                fields,
            )
        })
        .collect();
    DecisionFile {
        article: article.to_string(),
        events,
    }
}

/// The child: saves decisions as fast as it can until it is killed.
#[test]
fn crash_child_saves_forever() {
    let Ok(root) = std::env::var(CHILD_ENV) else {
        return; // Only does work when started by `kill_during_saves_leaves_a_loadable_desk`.
    };
    let desk = Desk::open(Path::new(&root)).unwrap();
    let ids = desk.article_ids().to_vec();
    for round in 0.. {
        for id in &ids {
            desk.save_decisions(&decision_file(id, round)).unwrap();
        }
    }
}

#[test]
fn kill_during_saves_leaves_a_loadable_desk() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    fs::create_dir_all(dir.path().join("articles")).unwrap();
    for i in 0..3 {
        fs::write(dir.path().join(format!("articles/a{i}.txt")), "Text.").unwrap();
    }
    let exe = std::env::current_exe().unwrap();
    for attempt in 0..8u64 {
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child_saves_forever", "--nocapture"])
            .env(CHILD_ENV, dir.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(40 + attempt * 37));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let desk = Desk::open(dir.path()).unwrap();
        let problems = check_desk(&desk);
        assert!(problems.is_empty(), "after kill {attempt}: {problems:#?}");
        for id in desk.article_ids() {
            // Every file is either absent (never saved) or whole.
            let decisions = desk.load_decisions(id).unwrap();
            assert!(decisions.events.is_empty() || decisions.events.len() == 20);
        }
    }
    let saved = (0..3)
        .filter(|i| dir.path().join(format!("reviewed/a{i}.toml")).exists())
        .count();
    assert!(
        saved > 0,
        "the child never saved anything before being killed"
    );
    // The next writer to take the lock sweeps the killed writer's temp files.
    let desk = Desk::open(dir.path()).unwrap();
    let _lock = desk.lock("next").unwrap();
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("reviewed"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
