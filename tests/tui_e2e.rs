//! The real binary in a real terminal: tmux runs `factdesk review` on a
//! temporary copy of `data/` with candidates, keys are sent with send-keys,
//! the screen read with capture-pane, and the result read back through
//! `factdesk export` and `factdesk check`.
//!
//! They need tmux (`apt-get install tmux`; CI installs it) and fail, saying
//! so, where it is missing: a skipped end-to-end test would pass unseen.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_factdesk");
const EN: &str = "000_6c3fd43af7480c36";
const FR: &str = "003_269570726b719da9";
/// How long to wait for the screen to show something before giving up: a
/// readiness deadline for a slow machine, not a speed check.
const PATIENCE: Duration = Duration::from_secs(30);

fn require_tmux() {
    assert!(
        Command::new("tmux").arg("-V").output().is_ok(),
        "tmux is not installed: the end-to-end tests drive the real binary in tmux (apt-get install tmux)"
    );
}

/// A tmux server of our own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
    _home: tempfile::TempDir,
}

impl Tmux {
    /// Starts `factdesk review DESK --reviewer REVIEWER` in a 120x40 terminal.
    fn start(name: &str, desk: &Path, reviewer: &str) -> Tmux {
        let home = tempfile::tempdir().unwrap();
        let socket = format!("factdesk-e2e-{}-{name}", std::process::id());
        let command = format!(
            // `exec`: the pane's process is factdesk itself, so `pid()` and
            // kill -9 reach it, not a shell that would leave it running.
            "exec env XDG_CONFIG_HOME='{}' TERM=xterm-256color '{BIN}' review '{}' --reviewer '{reviewer}'",
            home.path().display(),
            desk.display()
        );
        let tmux = Tmux {
            socket,
            _home: home,
        };
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-x",
            "120",
            "-y",
            "40",
            "-s",
            "main",
            &command,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .unwrap()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    /// Sends keys as tmux names them (`c`, `Enter`, `Escape`); literal text with `-l`.
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "main", key]);
        }
    }

    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "`{text}` never appeared; the screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn running(&self) -> bool {
        self.run(&["has-session", "-t", "main"]).status.success()
    }

    fn wait_until_closed(&self) {
        let start = Instant::now();
        while self.running() {
            assert!(
                start.elapsed() < PATIENCE,
                "factdesk did not quit:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn pid(&self) -> u32 {
        let out = self.run(&["display-message", "-p", "-t", "main", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// A copy of `data/` with the hand-written seed candidates.
fn seed_desk() -> (tempfile::TempDir, PathBuf) {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    for (from, to) in [
        ("data/articles", "articles"),
        ("tests/fixtures/seed-candidates/extracted", "extracted"),
    ] {
        fs::create_dir_all(root.join(to)).unwrap();
        for entry in fs::read_dir(manifest.join(from)).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), root.join(to).join(entry.file_name())).unwrap();
        }
    }
    (dir, root)
}

fn factdesk(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn export_all(desk: &Path) -> Vec<serde_json::Value> {
    let out = factdesk(&[
        "export",
        desk.to_str().unwrap(),
        "--all",
        "--format",
        "jsonl",
    ]);
    assert!(
        out.status.success(),
        "export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn event<'a>(events: &'a [serde_json::Value], id: &str) -> &'a serde_json::Value {
    events
        .iter()
        .find(|e| e["event_id"] == id)
        .unwrap_or_else(|| panic!("{id} not exported: {events:#?}"))
}

#[test]
fn confirm_move_correct_quit_then_export() {
    require_tmux();
    let (_dir, desk) = seed_desk();
    let tmux = Tmux::start("review", &desk, "e2e-alice");
    tmux.wait_for("Events (2)");
    tmux.keys(&["c"]);
    tmux.wait_for("Event x1 · confirmed");
    tmux.wait_for("✓ confirmed");
    tmux.keys(&["j"]);
    tmux.wait_for("Event x2 · pending");
    tmux.keys(&[":"]);
    tmux.type_text("set fatalities 18");
    tmux.wait_for(":set fatalities 18");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("(was 100)");
    assert!(screen.contains("✎ corrected"), "{screen}");
    assert!(screen.contains("2/5 events reviewed"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_until_closed();

    let events = export_all(&desk);
    assert_eq!(events.len(), 5, "{events:#?}");
    let first = event(&events, &format!("{EN}#x1"));
    assert_eq!(first["status"], "confirmed");
    assert_eq!(first["reviewer"], "e2e-alice");
    assert_eq!(first["fatalities"], 17);
    let second = event(&events, &format!("{EN}#x2"));
    assert_eq!(second["status"], "corrected");
    assert_eq!(second["fatalities"], 18);
    assert_eq!(second["original"]["fatalities"], 100);
    assert_eq!(second["reviewer"], "e2e-alice");
    for tag in ["x1", "x2", "x3"] {
        assert_eq!(event(&events, &format!("{FR}#{tag}"))["status"], "pending");
    }

    // Reopening resumes at the first pending event: the French article.
    let tmux = Tmux::start("reopen", &desk, "e2e-alice");
    tmux.wait_for("2/2 Niger : au moins 29 soldats");
    tmux.wait_for("Event x1 · pending");
    // A second session on the same desk is read-only and says who has it.
    let second = Tmux::start("second", &desk, "e2e-bob");
    second.wait_for("READ-ONLY: e2e-alice");
    second.keys(&["q"]);
    second.wait_until_closed();
    tmux.keys(&["q"]);
    tmux.wait_until_closed();
}

#[test]
fn find_an_article_by_a_word_of_its_text_then_confirm_there() {
    require_tmux();
    let (_dir, desk) = seed_desk();
    let tmux = Tmux::start("text-search", &desk, "e2e-carol");
    tmux.wait_for("Events (2)");
    tmux.keys(&["/"]);
    tmux.wait_for("showing all");
    // Only in the French article's body, typed without its accents.
    tmux.type_text("vehicules kamikazes");
    let screen = tmux.wait_for("1 in text");
    assert!(screen.contains("text 003_"), "{screen}");
    assert!(
        screen.contains("véhicules kamikazes"),
        "the snippet:\n{screen}"
    );
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("`vehicules kamikazes`: match 1 of 1");
    assert!(
        screen.contains("2/2 Niger : au moins 29 soldats"),
        "{screen}"
    );
    tmux.keys(&["c"]);
    tmux.wait_for("Event x1 · confirmed");
    tmux.keys(&["q"]);
    tmux.wait_until_closed();

    let events = export_all(&desk);
    let confirmed = event(&events, &format!("{FR}#x1"));
    assert_eq!(confirmed["status"], "confirmed");
    assert_eq!(confirmed["reviewer"], "e2e-carol");
    assert_eq!(event(&events, &format!("{EN}#x1"))["status"], "pending");
}

#[test]
fn kill_9_while_saving_leaves_every_file_whole() {
    require_tmux();
    let (_dir, desk) = seed_desk();
    for round in 0..4 {
        let tmux = Tmux::start(&format!("crash{round}"), &desk, "e2e-crash");
        let screen = tmux.wait_for("events reviewed");
        assert!(!screen.contains("READ-ONLY"), "round {round}: {screen}");
        let pid = tmux.pid();
        // One change saved for sure (a flag always toggles), then a burst of decisions, undos and
        // moves, killed while it is being saved.
        let journal = desk.join(".factdesk/undo.jsonl");
        let before = fs::metadata(&journal).map_or(0, |m| m.len());
        tmux.type_text("f");
        let start = Instant::now();
        while fs::metadata(&journal).map_or(0, |m| m.len()) == before {
            assert!(
                start.elapsed() < PATIENCE,
                "round {round}: no decision was saved"
            );
            sleep(Duration::from_millis(20));
        }
        tmux.type_text(&"cjxkunpcxuj".repeat(8 + 5 * round));
        sleep(Duration::from_millis(20 * round as u64));
        let killed = Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        // kill(1) returns once the signal is sent; the lock is released only
        // when the process has exited, so the next round waits for that:
        // the leader turns zombie first, and the OS lock goes with the
        // last of its threads (one may be in an fsync).
        wait_until_dead(pid);
        wait_until_unlocked(&desk);
        drop(tmux);

        let check = factdesk(&["check", desk.to_str().unwrap()]);
        assert!(
            check.status.success(),
            "round {round}: {}{}",
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        export_all(&desk);
    }
    // The next session takes the lock (the killed one never blocks it) and
    // its undo history loads.
    let tmux = Tmux::start("after", &desk, "e2e-crash");
    let screen = tmux.wait_for("events reviewed");
    assert!(!screen.contains("READ-ONLY"), "{screen}");
    assert!(!screen.contains("unreadable"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_until_closed();
}

/// Waits until nobody holds the desk's lock (the OS releases it when the
/// holder's last thread is gone).
fn wait_until_unlocked(desk: &Path) {
    let start = Instant::now();
    let lock = fs::File::open(desk.join(".factdesk.lock")).unwrap();
    while lock.try_lock().is_err() {
        assert!(
            start.elapsed() < PATIENCE,
            "the lock outlived its killed holder"
        );
        sleep(Duration::from_millis(10));
    }
    lock.unlock().unwrap();
}

/// Waits until process `pid` has exited (gone, or a zombie awaiting its parent).
fn wait_until_dead(pid: u32) {
    let start = Instant::now();
    loop {
        let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let state = status
            .lines()
            .find_map(|line| line.strip_prefix("State:"))
            .map(str::trim);
        match state {
            None => return,
            Some(state) if state.starts_with('Z') || state.starts_with('X') => return,
            Some(_) => {}
        }
        assert!(start.elapsed() < PATIENCE, "process {pid} outlived kill -9");
        sleep(Duration::from_millis(10));
    }
}

#[test]
fn edit_pick_undo_redo_then_resume() {
    require_tmux();
    let (_dir, desk) = seed_desk();
    let tmux = Tmux::start("edit", &desk, "e2e-carol");
    tmux.wait_for("Events (2)");
    // Tab to the fatalities field and edit it in place.
    for _ in 0..13 {
        tmux.keys(&["Tab"]);
    }
    tmux.keys(&["e"]);
    tmux.wait_for("fatalities: 17");
    tmux.keys(&["BSpace"]);
    tmux.type_text("8");
    tmux.keys(&["Enter"]);
    tmux.wait_for("(was 17)");
    // Back to event_type: a pick list; 3 picks Explosions/Remote violence.
    for _ in 0..13 {
        tmux.keys(&["BTab"]);
    }
    tmux.keys(&["e"]);
    tmux.wait_for("pick: j/k move");
    tmux.keys(&["3"]);
    tmux.wait_for("(was Armed clash)");
    // The cleared sub-type is asked for at once; Esc leaves it empty.
    tmux.wait_for("┌ sub_event_type");
    tmux.keys(&["Escape"]);
    tmux.keys(&["u"]);
    let screen = tmux.wait_for("undid set event_type");
    assert!(!screen.contains("(was Armed clash)"), "{screen}");
    tmux.keys(&["C-r"]);
    tmux.wait_for("redid set event_type");
    tmux.wait_for("(was Armed clash)");
    tmux.keys(&["u"]);
    tmux.wait_for("undid set event_type");
    tmux.keys(&["q"]);
    tmux.wait_until_closed();

    // Reopening resumes at the first pending event: x1 is corrected.
    let tmux = Tmux::start("resume", &desk, "e2e-carol");
    tmux.wait_for("Event x2 · pending");
    tmux.keys(&["q"]);
    tmux.wait_until_closed();

    let events = export_all(&desk);
    let first = event(&events, &format!("{EN}#x1"));
    assert_eq!(first["status"], "corrected");
    assert_eq!(first["fatalities"], 18);
    assert_eq!(first["original"]["fatalities"], 17);
    assert_eq!(first["event_type"], "Battles", "the type change was undone");
    assert_eq!(first["reviewer"], "e2e-carol");
    assert_eq!(event(&events, &format!("{EN}#x2"))["status"], "pending");
}

/// `l` in the real terminal: the English Koutougou ambush's top suggestion
/// is the French article's background mention; Enter links them, and
/// `export --by-event` then has one record for the two, with both sources.
#[test]
fn link_the_ambush_across_languages_then_export_by_event() {
    require_tmux();
    let (_dir, desk) = seed_desk();
    let tmux = Tmux::start("link", &desk, "e2e-alice");
    tmux.wait_for("Events (2)");
    tmux.keys(&["l"]);
    tmux.wait_for("Same event as");
    let screen = tmux.wait_for(&format!("{FR}#x3"));
    let top = screen
        .lines()
        .find(|line| line.contains(&format!("{FR}#x")))
        .unwrap_or_default();
    assert!(top.contains(&format!("{FR}#x3")), "{screen}");
    tmux.wait_for("same toll 17");
    tmux.keys(&["Enter"]);
    tmux.wait_for(&format!("linked {FR}#x3"));
    tmux.keys(&["c"]);
    tmux.wait_for("Cluster c-");
    // One key at a time: Escape then a letter at once reads as Alt-letter.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Same event as");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Events (2)");
    tmux.keys(&["q"]);
    tmux.wait_until_closed();

    let out = factdesk(&[
        "export",
        desk.to_str().unwrap(),
        "--all",
        "--by-event",
        "--format",
        "jsonl",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let linked: Vec<&serde_json::Value> =
        records.iter().filter(|r| !r["cluster"].is_null()).collect();
    assert_eq!(linked.len(), 1, "{records:#?}");
    let record = linked[0];
    assert_eq!(
        record["event_ids"],
        serde_json::json!([format!("{EN}#x1"), format!("{FR}#x3")])
    );
    assert_eq!(record["source"], "RFI; AVEC BBC");
    assert_eq!(record["fatalities"], 17);
    // Four real-world events: the ambush once, plus the other four events.
    assert_eq!(records.len(), 4, "{records:#?}");
}

/// The (column, row) of the first place `needle` is on the screen, counted
/// in cells from 0 (the screen's text before it is one cell a character).
fn cell_of(screen: &str, needle: &str) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .find_map(|(row, line)| {
            let byte = line.find(needle)?;
            Some((line[..byte].chars().count(), row))
        })
        .unwrap_or_else(|| panic!("`{needle}` is not on screen:\n{screen}"))
}

/// Presses, drags and releases the left button as a terminal reports it
/// with SGR mouse reporting (1-based cells; 32 marks motion).
fn mouse_drag(tmux: &Tmux, from: (usize, usize), to: (usize, usize)) {
    let (x0, y0) = (from.0 + 1, from.1 + 1);
    let (x1, y1) = (to.0 + 1, to.1 + 1);
    tmux.type_text(&format!("\x1b[<0;{x0};{y0}M"));
    tmux.type_text(&format!("\x1b[<32;{x1};{y1}M"));
    tmux.type_text(&format!("\x1b[<0;{x1};{y1}m"));
}

/// Adds one event from a mouse selection and one from a key selection,
/// then leaves the help with Esc and q typed at once (read as Alt-q).
#[test]
fn add_events_from_mouse_and_key_selections_then_esc_q_quits() {
    require_tmux();
    let (_dir, desk) = seed_desk();
    let tmux = Tmux::start("add", &desk, "e2e-dana");
    tmux.wait_for("Events (2)");
    tmux.keys(&["M"]);
    let screen = tmux.wait_for("mouse on");
    let start = cell_of(&screen, "ambush by");
    let end = cell_of(&screen, "insurgents");
    mouse_drag(&tmux, start, (end.0 + "insurgents".len() - 1, end.1));
    tmux.wait_for("selected: a add event");
    tmux.keys(&["a"]);
    tmux.wait_for("Event a1 · added");
    tmux.keys(&["M"]);
    tmux.wait_for("mouse off");

    // With keys: a, ) to the third sentence, s selects it, Enter adds.
    tmux.keys(&["a"]);
    tmux.wait_for("Enter: add event");
    tmux.keys(&[")", ")", ")", "s", "Enter"]);
    tmux.wait_for("Event a2 · added");

    tmux.keys(&["?"]);
    tmux.wait_for("Help: lines 1-");
    tmux.type_text("\x1bq");
    tmux.wait_until_closed();

    let events = export_all(&desk);
    let mouse = event(&events, &format!("{EN}#a1"));
    assert_eq!(mouse["status"], "added");
    assert_eq!(mouse["notes"], "ambush by insurgents");
    assert_eq!(mouse["reviewer"], "e2e-dana");
    let keys = event(&events, &format!("{EN}#a2"));
    assert_eq!(keys["status"], "added");
    assert!(
        keys["notes"].as_str().is_some_and(|n| n.ends_with('.')),
        "a whole sentence: {keys}"
    );
}
