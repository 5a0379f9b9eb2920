//! The real app drawn to ratatui's TestBackend on a copy of the seed desk
//! with hand-written candidates (tests/fixtures/seed-candidates).

use std::fs;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::desk::Desk;
use crate::keymap::{Key, KeyCode, Keymap};
use crate::model::{Field, Status};
use crate::review::Scope;

const EN: &str = "000_6c3fd43af7480c36";
const FR: &str = "003_269570726b719da9";

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `data/` with the fixture candidates, in a folder named `seed`
/// so the status line does not depend on the temp dir's name.
pub(crate) fn seed_desk() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("seed");
    for (from, to) in [
        (manifest().join("data/articles"), root.join("articles")),
        (
            manifest().join("tests/fixtures/seed-candidates/extracted"),
            root.join("extracted"),
        ),
    ] {
        fs::create_dir_all(&to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    (dir, root)
}

fn fixed_time() -> Timestamp {
    Timestamp::from_second(1_692_144_000).unwrap()
}

fn open(root: &Path, reviewer: &str) -> App {
    open_with(root, reviewer, Keymap::default_keys())
}

fn open_with(root: &Path, reviewer: &str, keymap: Keymap) -> App {
    let options = Options {
        reviewer: reviewer.to_string(),
        keymap,
        theme: Theme::color(),
    };
    let mut app = App::open(Desk::open(root).unwrap(), options).unwrap();
    app.set_clock(fixed_time);
    app.finish_scan();
    app
}

/// Draws one frame once every write is on disk, so "saved" is stable.
fn draw(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    assert_eq!(app.flush(), None);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(Key::new(KeyCode::Char(c)));
    }
}

fn enter(app: &mut App) {
    app.handle_key(Key::new(KeyCode::Enter));
}

/// The cells of the first place `needle` is drawn, as (x, y) positions.
fn find(buffer: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        // A wide character's cell is followed by cells it hides.
        let mut cells: Vec<(u16, &str)> = Vec::new();
        let mut hidden = 0;
        for x in area.left()..area.right() {
            let symbol = buffer[(x, y)].symbol();
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            hidden = symbol.width().saturating_sub(1);
            cells.push((x, symbol));
        }
        let row: String = cells.iter().map(|(_, s)| *s).collect();
        if let Some(byte) = row.find(needle) {
            // Cells hold whole graphemes: pick the cells whose text lies in the match.
            let mut start = 0;
            let mut found = Vec::new();
            for &(x, symbol) in &cells {
                if start >= byte && start < byte + needle.len() {
                    found.push((x, y));
                }
                start += symbol.len();
            }
            return found;
        }
    }
    panic!("`{needle}` is not on screen:\n{buffer:?}");
}

fn backgrounds(buffer: &Buffer, needle: &str) -> Vec<Color> {
    let mut colors: Vec<Color> = find(buffer, needle)
        .into_iter()
        .map(|p| buffer[p].bg)
        .collect();
    colors.dedup();
    colors
}

#[test]
fn main_screen_at_80x24_highlights_the_evidence() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("main_80x24", terminal.backend());
    let buffer = terminal.backend().buffer();
    // The selected field is event_type: its evidence ("ambush") is strongest.
    assert_eq!(
        backgrounds(buffer, "ambush by"),
        [Color::LightRed, Color::Reset]
    );
    // Other evidence of the selected event is highlighted, plain text is not.
    assert_eq!(backgrounds(buffer, "17 of its"), [Color::Yellow]);
    assert_eq!(backgrounds(buffer, "on Tuesday"), [Color::Yellow]);
    assert_eq!(backgrounds(buffer, "deadliest attack"), [Color::Reset]);
    // Where the view is in the article, on its bottom border.
    find(buffer, "─ lines 1-20 of ");
}

#[test]
fn main_screen_wide() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    let terminal = draw(&mut app, 160, 45);
    insta::assert_snapshot!("main_160x45", terminal.backend());
    let buffer = terminal.backend().buffer();
    assert_eq!(backgrounds(buffer, "Tillaberi region"), [Color::Yellow]);
}

/// The events pane's rows (header first) as text, without its borders.
fn event_rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    // The title is drawn after the corner and a space.
    let (title, y) = find(buffer, "Events (")[0];
    let right = buffer.area.width - 1;
    (y + 1..buffer.area.height)
        .map(|row| {
            (title - 1..right)
                .map(|col| buffer[(col, row)].symbol())
                .collect::<String>()
        })
        .take_while(|line| !line.starts_with('─'))
        .collect()
}

#[test]
fn the_events_list_at_80_columns_shortens_types_and_gives_the_place_room() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    let terminal = draw(&mut app, 80, 24);
    assert_eq!(
        event_rows(&terminal),
        [
            "  type    date       place    dead",
            "· Battles 2023-08-15 Koutoug… 17  ",
            "· Battles 2023-08-15 Tillabe… 100 ",
        ]
    );
    press(&mut app, ":set event_type Violence against civilians");
    enter(&mut app);
    press(&mut app, "j:set event_type Strategic developments");
    enter(&mut app);
    let terminal = draw(&mut app, 80, 24);
    // ACLED's short names, whole; the header is cut as values are.
    assert_eq!(
        event_rows(&terminal),
        [
            "  type        date       pla… dead",
            "✎ VAC         2023-08-15 Kou… 17  ",
            "✎ Strat. dev. 2023-08-15 Til… 100 ",
        ]
    );
    // Wide panes keep the full names.
    let terminal = draw(&mut app, 160, 45);
    let rows = event_rows(&terminal);
    assert!(rows[1].contains("Violence against civilians"), "{rows:?}");
    assert!(rows[2].contains("Strategic developments"), "{rows:?}");
}

#[test]
fn tab_moves_the_strong_highlight_to_the_field_and_scrolls_to_it() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    for _ in 0..13 {
        app.handle_key(Key::new(KeyCode::Tab));
    }
    assert_eq!(app.state().field, Field::Fatalities);
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    assert_eq!(backgrounds(buffer, "17 of its"), [Color::LightRed]);
    assert_eq!(
        backgrounds(buffer, "ambush by"),
        [Color::Yellow, Color::Reset]
    );

    // The wounded evidence is further down: selecting it scrolls there.
    app.handle_key(Key::new(KeyCode::Tab));
    let terminal = draw(&mut app, 60, 14);
    let buffer = terminal.backend().buffer();
    assert_eq!(backgrounds(buffer, "20 soldiers"), [Color::LightRed]);
}

#[test]
fn the_review_scenario_saves_and_shows_the_original() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "cj:set fatalities 18");
    assert!(matches!(app.mode(), Mode::CommandLine(_)));
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("command_line", terminal.backend());
    enter(&mut app);
    assert_eq!(app.flush(), None);
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("after_correction", terminal.backend());

    let desk = Desk::open(&root).unwrap();
    let decisions = desk.load_decisions(EN).unwrap();
    let first = decisions.get(&format!("{EN}#x1")).unwrap();
    assert_eq!(first.status, Status::Confirmed);
    assert_eq!(first.reviewer, "alice");
    assert_eq!(first.decided_at, fixed_time());
    let second = decisions.get(&format!("{EN}#x2")).unwrap();
    assert_eq!(second.status, Status::Corrected);
    assert_eq!(second.fields.fatalities, Some(18));
    assert_eq!(second.original.fatalities, Some(100));
}

#[test]
fn an_invalid_value_is_refused_in_the_status_line() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, ":set event_date someday");
    enter(&mut app);
    let message = app.message().unwrap();
    assert!(message.text.contains("not a date"), "{}", message.text);
    let terminal = draw(&mut app, 80, 24);
    find(terminal.backend().buffer(), "not a date");
    assert_eq!(app.flush(), None);
    assert!(!Desk::open(&root).unwrap().decisions_path(EN).exists());
}

/// The text of every row of the screen.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn help_lists_every_command_from_the_registry() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "?");
    let terminal = draw(&mut app, 160, 45);
    insta::assert_snapshot!("help_160x45", terminal.backend());
    let rows = help_rows(&app);
    for spec in crate::review::COMMANDS {
        assert!(
            rows.iter().any(|(_, usage, _)| usage.contains(spec.name)),
            "{} missing from help",
            spec.name
        );
    }
    app.handle_key(Key::new(KeyCode::Esc));
    assert_eq!(app.mode(), &Mode::Normal);
}

/// Scrolls the help to its end at 80x24, collecting every line shown.
fn scroll_help_through(app: &mut App) -> String {
    let mut seen = String::new();
    let mut last = String::new();
    loop {
        let screen = screen_text(&draw(app, 80, 24));
        if screen == last {
            return seen;
        }
        seen.push_str(&screen);
        last = screen;
        app.handle_key(key(KeyCode::PageDown));
    }
}

#[test]
fn help_at_80x24_scrolls_through_every_binding_in_full() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "?");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("help_80x24", terminal.backend());
    let first = screen_text(&terminal);
    assert!(first.contains("Help: lines 1-"), "{first}");
    let seen = scroll_help_through(&mut app);
    // Every word of every description is on some screen: nothing is cut.
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || "│─┐┌└┘".contains(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let shown: std::collections::HashSet<String> = words(&seen).into_iter().collect();
    for (keys, usage, doc) in help_rows(&app) {
        for word in words(&keys)
            .into_iter()
            .chain(words(&usage))
            .chain(words(&doc))
        {
            assert!(shown.contains(&word), "`{word}` of `{doc}` never shown");
        }
    }
    let Mode::Help(help) = app.mode() else {
        panic!("expected the help");
    };
    assert!(help.scroll > 0);
    let end = help.scroll;
    press(&mut app, "g");
    draw(&mut app, 80, 24);
    press(&mut app, "G");
    let last = screen_text(&draw(&mut app, 80, 24));
    assert!(last.contains("Close"), "G shows the last entry:\n{last}");
    let Mode::Help(help) = app.mode() else {
        panic!("expected the help");
    };
    assert_eq!(help.scroll, end, "G stops at the last page");

    // The wheel scrolls the help when the mouse is on.
    press(&mut app, "g");
    app.mouse = true;
    app.handle_mouse(MouseInput::WheelDown);
    let Mode::Help(help) = app.mode() else {
        panic!("expected the help");
    };
    assert_eq!(help.scroll, 3);
}

#[test]
fn help_filters_as_you_type() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "?/undo");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("help_filtered", terminal.backend());
    let screen = screen_text(&terminal);
    assert!(screen.contains("/ undo"));
    assert!(screen.contains("Undo the last"), "{screen}");
    assert!(!screen.contains("next_article"), "{screen}");
    assert_eq!(terminal.backend().cursor_position(), Position::new(9, 2));
    enter(&mut app);
    press(&mut app, "q");
    assert_eq!(app.mode(), &Mode::Normal, "q closes once typing is done");
    assert!(!app.should_quit());
}

#[test]
fn too_small_is_a_clear_screen_and_no_size_panics() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    let terminal = draw(&mut app, 40, 10);
    insta::assert_snapshot!("too_small", terminal.backend());
    press(&mut app, "n");
    for width in [0, 1, 2, 5, 20, 49, 50, 51, 79, 200] {
        for height in [0, 1, 2, 5, 11, 12, 13, 24, 60] {
            draw(&mut app, width, height);
        }
    }
}

#[test]
fn french_evidence_is_highlighted_exactly() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "n");
    assert_eq!(app.state().selected_event_id(), Some(&*format!("{FR}#x1")));
    // event_date selected: "lundi soir" is the strong highlight.
    app.handle_key(Key::new(KeyCode::Tab));
    app.handle_key(Key::new(KeyCode::Tab));
    let terminal = draw(&mut app, 90, 30);
    let buffer = terminal.backend().buffer();
    assert_eq!(
        backgrounds(buffer, "de lundi"),
        [Color::Reset, Color::LightRed]
    );
    assert_eq!(
        backgrounds(buffer, "soir dans"),
        [Color::LightRed, Color::Reset]
    );
    assert_eq!(backgrounds(buffer, "région de Tahoua"), [Color::Yellow]);
    assert_eq!(backgrounds(buffer, "deuil national"), [Color::Reset]);
}

#[test]
fn accents_emoji_and_cjk_never_misalign_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("uni");
    fs::create_dir_all(root.join("articles")).unwrap();
    fs::create_dir_all(root.join("extracted")).unwrap();
    let text =
        "Titre\nAttaque à Tahoua 👍🏽: 東京で17人の兵士が死亡。 e\u{301}te\u{301} Koutougou\tfin.";
    fs::write(root.join("articles/u.txt"), text).unwrap();
    let span = |needle: &str| {
        let start = text.find(needle).unwrap();
        format!("[[{start}, {}]]", start + needle.len())
    };
    // The location's span deliberately ends inside "é" and runs past the end.
    let bad_end = text.find("te\u{301}").unwrap() + 3;
    let candidates = format!(
        "article = \"u\"\n[extractor]\nextractor = \"t\"\n[[event]]\nid = \"u#x1\"\nconfidence = 0.5\n[event.fields]\nfatalities = 17\n[event.evidence]\nevent_type = {}\nfatalities = {}\nlocation = [[{bad_end}, {}]]\nnotes = [[{}, 9999]]\n",
        span("東京で17人"),
        span("👍🏽"),
        bad_end + 1,
        text.len() - 2,
    );
    fs::write(root.join("extracted/u.toml"), candidates).unwrap();
    let mut app = open(&root, "alice");
    for width in 50..90 {
        let terminal = draw(&mut app, width, 14);
        let buffer = terminal.backend().buffer();
        let cjk = find(buffer, "東京で17人");
        assert!(
            cjk.iter().all(|&p| buffer[p].bg == Color::LightRed),
            "width {width}"
        );
        let after = find(buffer, "の兵");
        assert_eq!(buffer[after[0]].bg, Color::Reset, "width {width}");
        assert_eq!(backgrounds(buffer, "👍🏽"), [Color::Yellow], "width {width}");
        assert_eq!(
            backgrounds(buffer, "Tahoua"),
            [Color::Reset],
            "width {width}"
        );
    }
}

#[test]
fn a_second_session_is_read_only_and_says_who_holds_the_desk() {
    let (_dir, root) = seed_desk();
    let _first = open(&root, "alice");
    let mut second = open(&root, "bob");
    assert!(
        second
            .state()
            .read_only
            .as_deref()
            .unwrap()
            .starts_with("alice")
    );
    let terminal = draw(&mut second, 80, 24);
    find(terminal.backend().buffer(), "READ-ONLY: alice");
    press(&mut second, "c");
    assert!(second.message().unwrap().text.contains("read-only"));
    assert_eq!(second.close(), None);
    assert!(!Desk::open(&root).unwrap().decisions_path(EN).exists());
}

#[test]
fn reopening_resumes_at_the_first_pending_event() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "cjcn");
    press(&mut app, "c");
    assert_eq!(app.close(), None);
    drop(app);
    let reopened = open(&root, "alice");
    assert_eq!(reopened.state().index, 1);
    assert_eq!(
        reopened.state().selected_event_id(),
        Some(&*format!("{FR}#x2"))
    );
    assert_eq!(reopened.state().progress.reviewed(), 3);
    assert_eq!(reopened.state().progress.total(), 5);
}

#[test]
fn undo_persists_across_sessions() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "x");
    assert_eq!(app.close(), None);
    drop(app);
    let mut reopened = open(&root, "alice");
    press(&mut reopened, "u");
    assert_eq!(reopened.close(), None);
    assert!(!Desk::open(&root).unwrap().decisions_path(EN).exists());
}

fn key(code: KeyCode) -> Key {
    Key::new(code)
}

fn select_field(app: &mut App, field: Field) {
    while app.state().field != field {
        app.handle_key(key(KeyCode::Tab));
    }
}

fn saved(root: &Path, article: &str, tag: &str) -> crate::model::Decision {
    let decisions = Desk::open(root).unwrap().load_decisions(article).unwrap();
    decisions
        .get(&format!("{article}#{tag}"))
        .cloned()
        .unwrap_or_else(|| panic!("no decision on {article}#{tag}"))
}

#[test]
fn e_edits_the_field_in_place() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    select_field(&mut app, Field::Fatalities);
    press(&mut app, "e");
    app.handle_key(key(KeyCode::Backspace));
    press(&mut app, "8");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("edit", terminal.backend());
    // The editor sits on the field's row, in the editing style, cursor after
    // what was typed.
    let buffer = terminal.backend().buffer();
    let row = find(buffer, "fatalities     18");
    let (x, y) = *row.last().unwrap();
    let typed = (x - 1, y);
    assert_eq!(buffer[typed].symbol(), "1");
    assert_eq!(buffer[typed].bg, Color::LightCyan, "the editing style");
    assert_eq!(
        terminal.backend().cursor_position(),
        Position::new(x + 1, y)
    );
    find(buffer, "└ Enter sets · Esc cancels ─");
    enter(&mut app);
    assert_eq!(app.mode(), &Mode::Normal);
    draw(&mut app, 80, 24);
    let decision = saved(&root, EN, "x1");
    assert_eq!(decision.status, Status::Corrected);
    assert_eq!(decision.fields.fatalities, Some(18));
    assert_eq!(decision.original.fatalities, Some(17));
}

#[test]
fn an_invalid_edit_stays_open_with_the_reason() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    select_field(&mut app, Field::Wounded);
    press(&mut app, "eabc");
    enter(&mut app);
    assert!(matches!(app.mode(), Mode::Edit { .. }), "{:?}", app.mode());
    assert!(app.message().unwrap().text.contains("20abc"));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.mode(), &Mode::Normal);
    draw(&mut app, 80, 24);
    assert!(!Desk::open(&root).unwrap().decisions_path(EN).exists());
}

#[test]
fn fixed_values_are_picked_from_a_list() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "e");
    let Mode::Pick {
        choices, selected, ..
    } = app.mode()
    else {
        panic!("expected a pick list, got {:?}", app.mode());
    };
    assert_eq!(
        (choices.len(), *selected),
        (6, 0),
        "opens on the current value"
    );
    press(&mut app, "jj");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("pick_list", terminal.backend());
    let buffer = terminal.backend().buffer();
    assert!(find(buffer, "3 Explosions").iter().all(|&p| {
        buffer[p]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    }));
    enter(&mut app);
    draw(&mut app, 80, 24);
    let decision = saved(&root, EN, "x1");
    assert_eq!(
        decision.fields.get(Field::EventType).as_deref(),
        Some("Explosions/Remote violence")
    );
    assert_eq!(
        decision.fields.sub_event_type, None,
        "Armed clash no longer fits"
    );
    assert_eq!(
        decision.corrected,
        vec![Field::EventType, Field::SubEventType]
    );
    // The cleared sub-type is asked for at once, among those of the new
    // type; a digit picks at once.
    let Mode::Pick { field, choices, .. } = app.mode() else {
        panic!("expected the sub-type's pick list, got {:?}", app.mode());
    };
    assert_eq!((*field, choices.len()), (Field::SubEventType, 6));
    press(&mut app, "2");
    draw(&mut app, 80, 24);
    assert_eq!(
        saved(&root, EN, "x1")
            .fields
            .get(Field::SubEventType)
            .as_deref(),
        Some("Air/drone strike")
    );
}

#[test]
fn location_completes_from_the_gazetteer_and_fills_the_place() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    select_field(&mut app, Field::Location);
    press(&mut app, "e");
    app.handle_key(Key::ctrl('u'));
    press(&mut app, "Niame");
    let Mode::Edit { completions, .. } = app.mode() else {
        panic!("expected the editor");
    };
    assert!(
        completions.iter().any(|c| c.starts_with("Niamey (")),
        "{completions:?}"
    );
    app.handle_key(key(KeyCode::Tab));
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("place_completion", terminal.backend());
    enter(&mut app);
    draw(&mut app, 80, 24);
    let decision = saved(&root, EN, "x1");
    assert_eq!(decision.fields.location.as_deref(), Some("Niamey"));
    assert_eq!(decision.fields.country.as_deref(), Some("Niger"));
    assert!(
        decision
            .fields
            .latitude
            .is_some_and(|lat| (lat - 13.5).abs() < 0.5)
    );
    assert_eq!(decision.original.location.as_deref(), Some("Koutougou"));
    // The status line says what was stored: the place, then what it filled.
    let said = &app.message().unwrap().text;
    assert!(
        said.starts_with(&format!("{EN}#x1: location = Niamey, admin1 = Niamey, ")),
        "{said}"
    );
    assert!(said.contains(", latitude = 13."), "{said}");
}

#[test]
fn dates_accept_the_forms_analysts_type() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, ":set event_date 14/08/2023");
    enter(&mut app);
    draw(&mut app, 80, 24);
    assert_eq!(
        saved(&root, EN, "x1")
            .fields
            .get(Field::EventDate)
            .as_deref(),
        Some("2023-08-14")
    );
    let said = &app.message().unwrap().text;
    assert_eq!(
        said,
        &format!("{EN}#x1: event_date = 2023-08-14 (corrected)")
    );
}

#[test]
fn confirm_next_walks_the_pending_events_across_articles() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "C");
    assert_eq!(app.state().selected_event_id(), Some(&*format!("{EN}#x2")));
    press(&mut app, "C");
    assert_eq!(app.state().selected_event_id(), Some(&*format!("{FR}#x1")));
    press(&mut app, "P");
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("no pending event before")
    );
    press(&mut app, "jjC");
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("no pending event after")
    );
    press(&mut app, "P");
    assert_eq!(app.state().selected_event_id(), Some(&*format!("{FR}#x2")));
    assert_eq!(app.state().progress.reviewed(), 3);
}

#[test]
fn goto_flag_and_note() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, ":goto 2");
    enter(&mut app);
    assert_eq!(app.state().index, 1);
    press(&mut app, &format!(":goto {EN}"));
    enter(&mut app);
    assert_eq!(app.state().index, 0);
    press(&mut app, ":goto nowhere");
    enter(&mut app);
    assert!(app.message().unwrap().text.contains("no article `nowhere`"));
    // The start of an id is enough, even when it reads as a number.
    press(&mut app, ":goto 003");
    enter(&mut app);
    assert_eq!(app.state().index, 1);
    press(&mut app, ":goto 0");
    enter(&mut app);
    let message = &app.message().unwrap().text;
    assert!(message.contains("2 articles start with `0`"), "{message}");
    press(&mut app, ":goto 9");
    enter(&mut app);
    let message = &app.message().unwrap().text;
    assert!(
        message.contains("no article 9: this desk has 2"),
        "{message}"
    );
    press(&mut app, ":goto 00");
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(
        command_line(&app),
        format!("goto {EN}"),
        "Tab cycles the ids"
    );
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(command_line(&app), format!("goto {FR}"));
    app.handle_key(key(KeyCode::BackTab));
    enter(&mut app);
    assert_eq!(app.state().index, 0);
    press(&mut app, "f:note toll disputed: 17 or 117");
    enter(&mut app);
    press(&mut app, ":reject not in Niger");
    enter(&mut app);
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("flag_reason_note_80x24", terminal.backend());
    let buffer = terminal.backend().buffer();
    // Seen at the smallest usual size: the flag, the reason and the note.
    find(buffer, "rejected ⚑ flagged");
    find(buffer, "✗ ⚑ Battles");
    find(buffer, "reason: not in Niger · note: tol…");
    press(&mut app, "u");
    draw(&mut app, 80, 24);
    let decision = saved(&root, EN, "x1");
    assert!(decision.flagged);
    assert_eq!(decision.note.as_deref(), Some("toll disputed: 17 or 117"));
    assert_eq!(decision.status, Status::Pending);
}

#[test]
fn the_command_line_completes_names() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, ":set fat");
    app.handle_key(key(KeyCode::Tab));
    press(&mut app, "18");
    assert!(matches!(app.mode(), Mode::CommandLine(input) if input.text() == "set fatalities 18"));
    app.handle_key(key(KeyCode::Esc));
    press(&mut app, ":con");
    let terminal = draw(&mut app, 80, 24);
    find(terminal.backend().buffer(), "confirm_next");
    app.handle_key(key(KeyCode::Tab));
    assert!(matches!(app.mode(), Mode::CommandLine(input) if input.text() == "confirm"));
    // Tab again cycles through what it cannot decide between, Shift-Tab back.
    let line = |app: &App| match app.mode() {
        Mode::CommandLine(input) => input.text().to_string(),
        other => panic!("expected the command line, got {other:?}"),
    };
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(line(&app), "confirm_all");
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    assert!(
        find(buffer, "confirm_all ").iter().all(|&p| buffer[p]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)),
        "the choice is marked in the list"
    );
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(line(&app), "confirm_next");
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(line(&app), "confirm");
    app.handle_key(key(KeyCode::BackTab));
    assert_eq!(line(&app), "confirm_next");
    app.handle_key(key(KeyCode::Esc));
    press(&mut app, ":set a");
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(line(&app), "set admin1 ");
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(line(&app), "set admin2 ");
    press(&mut app, "x");
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(line(&app), "set admin2 x", "typing ends the cycle");
    app.handle_key(key(KeyCode::Esc));
    press(&mut app, ":field wou");
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(line(&app), "field wounded");
    enter(&mut app);
    assert_eq!(app.state().field, Field::Wounded);
}

#[test]
fn the_article_list_finds_articles_by_fuzzy_title_and_filters_pending() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "cjc/");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("article_list", terminal.backend());
    press(&mut app, "soldats tues");
    let Mode::Articles { matches, .. } = app.mode() else {
        panic!("expected the article list");
    };
    assert_eq!(matches.len(), 1);
    enter(&mut app);
    assert_eq!(app.state().index, 1);
    assert_eq!(app.mode(), &Mode::Normal);

    press(&mut app, "/");
    app.handle_key(key(KeyCode::Tab));
    let Mode::Articles { matches, scope, .. } = app.mode() else {
        panic!("expected the article list");
    };
    assert_eq!(*scope, Scope::Pending);
    assert_eq!(matches.len(), 1, "the English article is fully reviewed");
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    find(buffer, "showing pending");
    assert!(find(buffer, "0/3").iter().all(|&p| {
        buffer[p]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    }));
}

#[test]
fn the_article_list_finds_articles_by_their_text() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    // In the French article's text, not in any title; typed without accents.
    press(&mut app, "/ambassadeur de france");
    app.finish_text_search();
    assert_eq!(listed(&app), vec![FR]);
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("article_list_text", terminal.backend());
    let buffer = terminal.backend().buffer();
    find(buffer, "1 in text");
    find(buffer, "text 003_");
    let matched = find(buffer, "ambassadeur de France");
    assert!(!matched.is_empty(), "the text around the match");
    for &p in &matched {
        assert_eq!(buffer[p].bg, Color::LightGreen, "the match in the preview");
    }

    retype(&mut app, "ambassadeur lang:en");
    app.finish_text_search();
    assert!(listed(&app).is_empty(), "filters apply to text hits");
    retype(&mut app, "soldats");
    app.finish_text_search();
    assert_eq!(listed(&app), vec![FR], "a title match is listed once");

    retype(&mut app, "ambassadeur");
    app.finish_text_search();
    enter(&mut app);
    assert_eq!(app.state().index, 1);
    assert_eq!(app.mode(), &Mode::Normal);
    let message = &app.message().unwrap().text;
    assert!(message.contains("`ambassadeur`: match 1 of 1"), "{message}");
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let shown = find(buffer, "ambassadeur");
    assert!(!shown.is_empty(), "the article is scrolled to the match");
    assert!(shown.iter().all(|&p| buffer[p].bg == Color::LightGreen));
}

/// The text of the open command line.
fn command_line(app: &App) -> String {
    match app.mode() {
        Mode::CommandLine(input) => input.text().to_string(),
        other => panic!("expected the command line, got {other:?}"),
    }
}

/// The ids of the articles the open list shows, in order.
fn listed(app: &App) -> Vec<&str> {
    let Mode::Articles { matches, .. } = app.mode() else {
        panic!("expected the article list");
    };
    matches
        .iter()
        .map(|&i| app.articles[i].id.as_str())
        .collect()
}

fn retype(app: &mut App, query: &str) {
    app.handle_key(Key {
        ctrl: true,
        ..key(KeyCode::Char('u'))
    });
    press(app, query);
}

#[test]
fn the_article_list_filters_by_flag_language_country_and_date() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, ":set country Mali");
    enter(&mut app);
    press(&mut app, "nf/");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Tab));
    assert_eq!(listed(&app), [FR], "only the French article has a flag");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("article_list_flagged", terminal.backend());
    let buffer = terminal.backend().buffer();
    find(buffer, "showing flagged");
    find(buffer, "0/3 ⚑");
    find(buffer, "Tab all/pending/flagged");

    app.handle_key(key(KeyCode::Tab));
    press(&mut app, "country:mali");
    assert_eq!(listed(&app), [EN], "the country set a moment ago counts");
    retype(&mut app, "country:niger");
    assert_eq!(listed(&app), [EN, FR]);
    retype(&mut app, "lang:fr since:2023-09 until:2023-10-31");
    assert_eq!(listed(&app), [FR]);
    retype(&mut app, "since:2023-08-01 until:2023-09-30 niger");
    assert_eq!(listed(&app), [EN]);

    press(&mut app, " until:2023-1");
    assert!(listed(&app).is_empty(), "January 2023 is before both");
    retype(&mut app, "lang:en since:2023-13");
    assert_eq!(listed(&app), [EN], "a bad filter keeps the last good list");
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let reason = find(buffer, "since: `2023-13` is not a day");
    assert_eq!(buffer[reason[0]].fg, Color::Red);
    enter(&mut app);
    assert_eq!(app.state().index, 0);
}

#[test]
fn stats_count_the_desk_per_status_type_and_country() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "cjx");
    press(&mut app, "s");
    let Mode::Stats(stats) = app.mode() else {
        panic!("expected the stats view");
    };
    assert_eq!(
        stats.by_status,
        [
            ("pending".to_string(), 3),
            ("confirmed".to_string(), 1),
            ("rejected".to_string(), 1)
        ]
    );
    assert_eq!(stats.by_type, [("Battles".to_string(), 5)]);
    let terminal = draw(&mut app, 100, 30);
    insta::assert_snapshot!("stats", terminal.backend());
    let screen = format!("{:?}", terminal.backend());
    assert!(
        screen.contains(" Desk: 5 events (Esc closes) "),
        "the whole desk is counted: the title says so"
    );
    press(&mut app, "q");
    assert_eq!(app.mode(), &Mode::Normal);
    assert!(!app.should_quit(), "q closes the view, not the desk");
}

#[test]
fn the_map_marks_the_selected_place() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, ":set location Niamey");
    enter(&mut app);
    press(&mut app, "m");
    let terminal = draw(&mut app, 100, 40);
    insta::assert_snapshot!("map", terminal.backend());
    let buffer = terminal.backend().buffer();
    find(buffer, "Map: Niamey (13.5");
    let mark = find(buffer, "✖ Niamey");
    assert_eq!(buffer[mark[0]].fg, Color::LightRed);
    // Inland, with no coast in view, the gazetteer's regions give bearings.
    let region = find(buffer, "Centre-Nord");
    assert_eq!(buffer[region[0]].fg, Color::DarkGray);
    press(&mut app, "m");
    let terminal = draw(&mut app, 100, 40);
    assert!(!format!("{:?}", terminal.backend().buffer()).contains("Map:"));
}

#[test]
fn the_map_marks_linked_events_places_apart() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, ":set location Niamey");
    enter(&mut app);
    press(&mut app, &format!(":link {FR}#x3"));
    enter(&mut app);
    press(&mut app, "njj");
    let linked = format!("{FR}#x3");
    assert_eq!(app.state().selected_event_id(), Some(linked.as_str()));
    // The French mention geocoded to the wrong town, far from the ambush.
    press(&mut app, ":set location Agadez");
    enter(&mut app);
    press(&mut app, "m");
    let terminal = draw(&mut app, 100, 40);
    insta::assert_snapshot!("map_linked", terminal.backend());
    let buffer = terminal.backend().buffer();
    assert_eq!(buffer[find(buffer, "✖ Agadez")[0]].fg, Color::LightRed);
    let niamey = find(buffer, "◆ Niamey");
    assert_eq!(buffer[niamey[0]].fg, Color::LightBlue);
    let legend = find(buffer, "◆ 1 linked");
    assert_eq!(buffer[legend[0]].fg, Color::LightBlue);
    assert!(
        legend[0].1 > niamey[0].1,
        "the legend is on the map's bottom border"
    );

    // An event that is not linked has no linked marks; reopening the desk
    // finds the links again.
    press(&mut app, "k");
    let terminal = draw(&mut app, 100, 40);
    assert!(!format!("{:?}", terminal.backend().buffer()).contains('◆'));
    assert_eq!(app.close(), None);
    drop(app);
    let mut app = open(&root, "alice");
    press(&mut app, &format!(":goto {FR}"));
    enter(&mut app);
    press(&mut app, "jjm");
    assert_eq!(app.state().selected_event_id(), Some(linked.as_str()));
    let terminal = draw(&mut app, 100, 40);
    find(terminal.backend().buffer(), "◆ Niamey");
}

#[test]
fn the_mouse_is_off_until_asked_then_clicks_select() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    draw(&mut app, 120, 40);
    let events = app.layout.events;
    let click = MouseInput::Down {
        column: events.x + 3,
        row: events.y + 1,
    };
    app.handle_mouse(click);
    assert_eq!(app.state().event, 0, "off by default");
    press(&mut app, "M");
    assert!(app.mouse_wanted());
    app.handle_mouse(click);
    assert_eq!(app.state().event, 1);
    let terminal = draw(&mut app, 120, 40);
    let wounded = find(terminal.backend().buffer(), "wounded ");
    app.handle_mouse(MouseInput::Down {
        column: wounded[0].0,
        row: wounded[0].1,
    });
    assert_eq!(app.state().field, Field::Wounded);
    app.handle_mouse(MouseInput::WheelDown);
    press(&mut app, "M");
    assert!(!app.mouse_wanted());
}

#[test]
fn a_adds_an_event_from_a_selection_and_d_deletes_it() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "n");
    press(&mut app, "a");
    assert!(matches!(app.mode(), Mode::Select(_)));
    // To "Jeudi dernier": move down until the cursor's sentence is that one.
    let text = app.state().article.as_ref().unwrap().article.text.clone();
    let target = text.find("Jeudi dernier").unwrap();
    while let Mode::Select(selection) = app.mode() {
        if selection.cursor >= target {
            break;
        }
        press(&mut app, "w");
    }
    press(&mut app, "s");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("add_from_selection", terminal.backend());
    let buffer = terminal.backend().buffer();
    assert_eq!(backgrounds(buffer, "des centaines"), [Color::Blue]);
    enter(&mut app);
    assert_eq!(app.mode(), &Mode::Normal);
    let added = app.state().selected_event().unwrap();
    assert_eq!(added.id(), format!("{FR}#a1"));
    assert_eq!(added.status(), Status::Added);
    assert_eq!(added.fields().fatalities, Some(12), "{:?}", added.fields());
    assert_eq!(
        added.fields().get(Field::EventDate).as_deref(),
        Some("2023-09-28")
    );
    draw(&mut app, 80, 24);
    let decision = saved(&root, FR, "a1");
    assert_eq!(decision.provenance.extractor, "analyst");
    let note = decision.evidence[&Field::Notes][0];
    assert!(text[note.start..note.end].starts_with("Jeudi dernier"));

    press(&mut app, "D");
    draw(&mut app, 80, 24);
    assert!(
        Desk::open(&root)
            .unwrap()
            .load_decisions(FR)
            .unwrap()
            .events
            .is_empty()
    );
    press(&mut app, "u");
    draw(&mut app, 80, 24);
    assert_eq!(saved(&root, FR, "a1").status, Status::Added);
    // The extractor's events are rejected, not deleted.
    press(&mut app, ":select 1");
    enter(&mut app);
    press(&mut app, "D");
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("only events you added")
    );
}

#[test]
fn evidence_is_re_anchored_to_a_new_selection() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    select_field(&mut app, Field::Fatalities);
    press(&mut app, "A");
    let Mode::Select(selection) = app.mode() else {
        panic!("expected a selection");
    };
    let text = app.state().article.as_ref().unwrap().article.text.clone();
    assert_eq!(
        selection.cursor,
        text.find("17 of its").unwrap(),
        "starts at the evidence"
    );
    press(&mut app, " ll");
    enter(&mut app);
    draw(&mut app, 80, 24);
    let decision = saved(&root, EN, "x1");
    let span = decision.evidence[&Field::Fatalities][0];
    assert_eq!(&text[span.start..span.end], "17 ");
    assert_eq!(
        decision.status,
        Status::Pending,
        "evidence alone decides nothing"
    );
}

#[test]
fn find_highlights_matches_and_walks_them() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "F");
    assert!(matches!(app.mode(), Mode::CommandLine(input) if input.text() == "find "));
    press(&mut app, "NIAMEY");
    enter(&mut app);
    assert!(
        app.message().unwrap().text.contains("match 1 of 3"),
        "{:?}",
        app.message()
    );
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    assert_eq!(backgrounds(buffer, "Niamey"), [Color::LightGreen]);
    press(&mut app, "]]");
    assert!(app.message().unwrap().text.contains("match 3 of 3"));
    let terminal = draw(&mut app, 80, 24);
    find(terminal.backend().buffer(), "In Niamey, residents");
    press(&mut app, "]");
    assert!(
        app.message().unwrap().text.contains("match 1 of 3"),
        "wraps around"
    );
    press(&mut app, "[");
    assert!(app.message().unwrap().text.contains("match 3 of 3"));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.message(), None, "Esc says nothing");
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    assert_eq!(
        backgrounds(buffer, "Niamey"),
        [Color::Reset],
        "and clears the matches"
    );
    press(&mut app, ":find Ouagadougou");
    enter(&mut app);
    assert!(app.message().unwrap().text.contains("not in this article"));
}

fn alt(c: char) -> Key {
    Key {
        alt: true,
        ..key(KeyCode::Char(c))
    }
}

#[test]
fn an_unbound_alt_key_is_esc_then_the_key() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    select_field(&mut app, Field::Fatalities);
    press(&mut app, "e5");
    // Esc then j, typed fast: the edit is cancelled, then j moves on.
    app.handle_key(alt('j'));
    assert_eq!(app.mode(), &Mode::Normal);
    assert_eq!(app.state().event, 1);
    press(&mut app, "?");
    app.handle_key(alt('q'));
    assert_eq!(app.mode(), &Mode::Normal, "Esc closed the help");
    assert!(app.should_quit(), "and q quit");
    assert_eq!(app.flush(), None);
    assert!(!Desk::open(&root).unwrap().decisions_path(EN).exists());
}

#[test]
fn a_bound_alt_key_keeps_its_binding() {
    let (_dir, root) = seed_desk();
    let user = "[review]\nkeymap = [{ on = \"<A-j>\", run = \"next_article\" }]\n";
    let user = crate::keymap::parse_keymap(Path::new("user.toml"), user).unwrap();
    let mut app = open_with(&root, "alice", Keymap::with_overrides(user));
    app.handle_key(alt('j'));
    assert_eq!(app.state().index, 1);
    assert_eq!(app.mode(), &Mode::Normal);
}

/// Turns the mouse on and drags over the article from the first cell of
/// `from` to the last cell of `to`, as drawn at `width`x`height`.
fn drag_select(app: &mut App, width: u16, height: u16, from: &str, to: &str) {
    if !app.mouse_wanted() {
        press(app, "M");
    }
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    let from = find(buffer, from)[0];
    let to = *find(buffer, to).last().unwrap();
    mouse_drag(app, from, to);
}

/// Press at `from`, drag half way and on to `to`, release there.
fn mouse_drag(app: &mut App, (x0, y0): (u16, u16), (x1, y1): (u16, u16)) {
    app.handle_mouse(MouseInput::Down {
        column: x0,
        row: y0,
    });
    app.handle_mouse(MouseInput::Drag {
        column: (x0 + x1) / 2,
        row: y1,
    });
    app.handle_mouse(MouseInput::Up {
        column: x1,
        row: y1,
    });
}

/// The article's text under the saved evidence of `field` of event `tag`.
fn saved_evidence(app: &App, root: &Path, article: &str, tag: &str, field: Field) -> String {
    let decision = saved(root, article, tag);
    let text = &app.state().article.as_ref().unwrap().article.text;
    let span = decision.evidence[&field][0];
    text[span.start..span.end].to_string()
}

fn selected_text(app: &App) -> String {
    let Mode::Select(selection) = app.mode() else {
        panic!("expected a selection, got {:?}", app.mode());
    };
    let text = &app.state().article.as_ref().unwrap().article.text;
    let span = selection.range(text).unwrap();
    text[span.start..span.end].to_string()
}

#[test]
fn a_mouse_drag_selects_text_and_a_adds_an_event_from_it() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    drag_select(&mut app, 80, 24, "ambush by", "insurgents");
    assert_eq!(selected_text(&app), "ambush by insurgents");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("mouse_selection", terminal.backend());
    let buffer = terminal.backend().buffer();
    // The key selection's styles: the selection, and its cursor at the end.
    assert_eq!(backgrounds(buffer, "ambush by"), [Color::Blue]);
    assert_eq!(
        backgrounds(buffer, "insurgents"),
        [Color::Blue, Color::LightCyan]
    );
    assert_eq!(backgrounds(buffer, "near the"), [Color::Reset]);
    find(buffer, "selected: a add event");

    press(&mut app, "a");
    assert_eq!(app.mode(), &Mode::Normal);
    let added = app.state().selected_event().unwrap();
    assert_eq!(added.id(), format!("{EN}#a1"));
    draw(&mut app, 80, 24);
    let evidence = saved_evidence(&app, &root, EN, "a1", Field::Notes);
    assert_eq!(evidence, "ambush by insurgents");
}

#[test]
fn a_mouse_selection_re_anchors_evidence_and_a_click_is_no_selection() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    select_field(&mut app, Field::Fatalities);
    press(&mut app, "M");
    let terminal = draw(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "deadliest")[0];
    app.handle_mouse(MouseInput::Down { column: x, row: y });
    app.handle_mouse(MouseInput::Up { column: x, row: y });
    assert_eq!(app.mode(), &Mode::Normal, "a click selects nothing");

    let (x, y) = find(terminal.backend().buffer(), "17 of its")[0];
    mouse_drag(&mut app, (x, y), (x + 1, y));
    assert_eq!(selected_text(&app), "17");
    press(&mut app, "A");
    assert_eq!(app.mode(), &Mode::Normal);
    draw(&mut app, 80, 24);
    let evidence = saved_evidence(&app, &root, EN, "x1", Field::Fatalities);
    assert_eq!(evidence, "17");
}

#[test]
fn dragging_past_the_article_edge_scrolls_it() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "M");
    let terminal = draw(&mut app, 80, 24);
    let (x, y) = find(terminal.backend().buffer(), "Niger's junta")[0];
    let pane = app.layout.article;
    assert_eq!(app.scroll, 0);
    app.handle_mouse(MouseInput::Down { column: x, row: y });
    for _ in 0..3 {
        app.handle_mouse(MouseInput::Drag {
            column: x + 5,
            row: pane.y + pane.height + 2,
        });
    }
    assert_eq!(app.scroll, 3, "a line per drag event past the bottom");
    let Mode::Select(selection) = app.mode() else {
        panic!("expected a selection");
    };
    let wrapped = &app.wrapped.as_ref().unwrap().1;
    assert_eq!(
        wrapped.line_of(selection.cursor),
        3 + usize::from(pane.height) - 1,
        "the cursor is on the last visible line"
    );
    // Resting there keeps scrolling while no input comes.
    app.idle();
    assert_eq!(app.scroll, 4);
    app.handle_mouse(MouseInput::Up {
        column: x + 5,
        row: pane.y + pane.height + 2,
    });
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    assert_eq!(app.scroll, 5);
    assert!(selected_text(&app).starts_with("Niger's junta"));
    assert_eq!(
        backgrounds(buffer, "seriously"),
        [Color::Blue],
        "the selection runs on below the first screen"
    );
    app.idle();
    assert_eq!(app.scroll, 5, "released: no more scrolling");
}

#[test]
fn a_mouse_selection_of_cjk_and_emoji_is_whole_characters() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("uni");
    fs::create_dir_all(root.join("articles")).unwrap();
    let text = "Titre\nAttaque à Tahoua 👍🏽: 東京で17人の兵士が死亡。 fin.";
    fs::write(root.join("articles/u.txt"), text).unwrap();
    let mut app = open(&root, "alice");
    press(&mut app, "M");
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    // From the right half of 東 to the right half of 人.
    let (x0, y) = find(buffer, "東")[0];
    let (x1, _) = find(buffer, "人")[0];
    app.handle_mouse(MouseInput::Down {
        column: x0 + 1,
        row: y,
    });
    app.handle_mouse(MouseInput::Up {
        column: x1 + 1,
        row: y,
    });
    assert_eq!(app.mode(), &Mode::Normal);
    app.handle_mouse(MouseInput::Down {
        column: x0 + 1,
        row: y,
    });
    app.handle_mouse(MouseInput::Drag {
        column: x1 + 1,
        row: y,
    });
    assert_eq!(selected_text(&app), "東京で17人");
    let (emoji, emoji_row) = find(buffer, "👍🏽")[0];
    app.handle_mouse(MouseInput::Drag {
        column: emoji + 1,
        row: emoji_row,
    });
    assert_eq!(selected_text(&app), "👍🏽: 東");
    let terminal = draw(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    assert_eq!(backgrounds(buffer, "👍🏽: "), [Color::LightCyan, Color::Blue]);
    assert_eq!(backgrounds(buffer, "東京"), [Color::Blue, Color::Reset]);
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.mode(), &Mode::Normal);
}

#[test]
fn long_values_wrap_when_selected_and_show_an_ellipsis_when_cut() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    let actor = "JNIM: Group for Support of Islam and Muslims";
    press(&mut app, &format!(":set actor1 {actor}"));
    enter(&mut app);
    select_field(&mut app, Field::Actor1);
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("long_value_80x24", terminal.backend());
    let screen = screen_text(&terminal);
    let fields: String = screen
        .lines()
        .map(|line| line.split('│').nth(3).unwrap_or_default().trim())
        .collect::<Vec<_>>()
        .join(" ");
    // The selected field's value and the extractor's original, in full.
    assert!(
        fields.contains(&format!("actor1 {actor}")) || {
            let words: Vec<&str> = actor.split(' ').collect();
            words.iter().all(|w| fields.contains(w))
        },
        "{screen}"
    );
    assert!(
        fields.contains("(was Military Forces of Niger)"),
        "{screen}"
    );
    let buffer = terminal.backend().buffer();
    assert!(
        find(buffer, "Muslims").iter().all(|&p| buffer[p]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)),
        "the wrapped lines are the selected row"
    );
    // Another long value, not selected, ends in an ellipsis.
    select_field(&mut app, Field::Notes);
    let terminal = draw(&mut app, 80, 24);
    let screen = screen_text(&terminal);
    assert!(
        screen
            .lines()
            .any(|line| line.contains("actor1") && line.contains('…')),
        "{screen}"
    );
    // Clicks still land on the right field below a tall row.
    press(&mut app, "M");
    select_field(&mut app, Field::Actor1);
    let terminal = draw(&mut app, 80, 40);
    let (x, y) = find(terminal.backend().buffer(), "wounded ")[0];
    app.handle_mouse(MouseInput::Down { column: x, row: y });
    app.handle_mouse(MouseInput::Up { column: x, row: y });
    assert_eq!(app.state().field, Field::Wounded);
}

#[test]
fn stats_count_a_decision_made_while_leaving_the_article() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    // The second C confirms the English article's last event and opens the French one.
    press(&mut app, "CC");
    assert_eq!(app.state().index, 1);
    press(&mut app, "s");
    let Mode::Stats(stats) = app.mode() else {
        panic!("expected the stats view");
    };
    assert_eq!(
        stats.by_status,
        [("pending".to_string(), 3), ("confirmed".to_string(), 2)]
    );
}

#[test]
fn editing_a_long_value_scrolls_the_line_to_the_cursor() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    let note =
        "A long note that runs well past the eighty columns of a small terminal, ending here";
    press(&mut app, &format!(":set notes {note}"));
    enter(&mut app);
    select_field(&mut app, Field::Notes);
    press(&mut app, "e!");
    let terminal = draw(&mut app, 80, 24);
    let bottom = screen_text(&terminal).lines().last().unwrap().to_string();
    assert!(bottom.starts_with("notes: "), "{bottom}");
    assert!(bottom.trim_end().ends_with("ending here!"), "{bottom}");
    // In place, the line scrolls so that the cursor stays in view.
    let end = find(terminal.backend().buffer(), "ending here!");
    let &(x, y) = end.last().unwrap();
    assert_eq!(
        terminal.backend().cursor_position(),
        Position::new(x + 1, y)
    );
    app.handle_key(key(KeyCode::Home));
    let terminal = draw(&mut app, 80, 24);
    let start = find(terminal.backend().buffer(), "A long note");
    let &(x, y) = start.first().unwrap();
    assert_eq!(terminal.backend().cursor_position(), Position::new(x, y));
}

#[test]
fn capital_x_asks_the_reason_then_rejects() {
    let (_dir, root) = seed_desk();
    let mut app = open(&root, "alice");
    press(&mut app, "X");
    assert!(matches!(app.mode(), Mode::CommandLine(input) if input.text() == "reject "));
    press(&mut app, "duplicate of the BBC report");
    enter(&mut app);
    draw(&mut app, 80, 24);
    let decision = saved(&root, EN, "x1");
    assert_eq!(decision.status, Status::Rejected);
    assert_eq!(
        decision.reason.as_deref(),
        Some("duplicate of the BBC report")
    );
    press(&mut app, ":type");
    enter(&mut app);
    assert!(app.message().unwrap().text.contains("needs the text"));
}

/// Every view at the smallest usual size and at a wide one, so a layout that
/// only works at one of them shows in the snapshots.
#[test]
fn every_view_at_80x24_and_160x45() {
    let (_dir, root) = seed_desk();
    let sizes = [(80, 24), (160, 45)];
    let snap = |app: &mut App, view: &str| {
        for (width, height) in sizes {
            let terminal = draw(app, width, height);
            insta::assert_snapshot!(format!("{view}_{width}x{height}"), terminal.backend());
        }
    };
    let mut app = open(&root, "alice");
    select_field(&mut app, Field::Fatalities);
    press(&mut app, "e");
    app.handle_key(key(KeyCode::Backspace));
    press(&mut app, "8");
    snap(&mut app, "view_edit");
    app.handle_key(key(KeyCode::Esc));
    select_field(&mut app, Field::EventType);
    press(&mut app, "e");
    assert!(matches!(app.mode(), Mode::Pick { .. }));
    snap(&mut app, "view_pick_list");
    app.handle_key(key(KeyCode::Esc));
    press(&mut app, "a)s");
    assert!(matches!(app.mode(), Mode::Select(_)));
    snap(&mut app, "view_add_from_selection");
    app.handle_key(key(KeyCode::Esc));
    press(&mut app, "/lang:fr");
    snap(&mut app, "view_article_list_filter");
    app.handle_key(key(KeyCode::Esc));
    press(&mut app, "m");
    snap(&mut app, "view_map");
    press(&mut app, "m");
    press(&mut app, "s");
    assert!(matches!(app.mode(), Mode::Stats(_)));
    snap(&mut app, "view_stats");
    app.handle_key(key(KeyCode::Esc));
    press(&mut app, "?");
    snap(&mut app, "view_help");
}
