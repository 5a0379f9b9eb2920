//! The review state machine driven through commands, on an in-memory desk.

use jiff::Timestamp;
use proptest::prelude::*;

use super::testing::SimDesk;
use super::*;
use crate::model::{Field, Status};

fn set(field: Field, value: &str) -> Command {
    Command::Set {
        field,
        value: value.to_string(),
    }
}

fn status_of(desk: &SimDesk, article: &str, event: &str) -> Option<Status> {
    Some(desk.reviewed.get(article)?.get(event)?.status)
}

#[test]
fn confirm_saves_a_decision_with_reviewer_and_time() {
    let mut desk = SimDesk::new(&[2, 1]);
    let mut state = desk.start("alice");
    assert_eq!(state.selected_event_id(), Some("art0#x0"));
    desk.send(&mut state, Command::Confirm);
    let decision = desk.reviewed["art0"].get("art0#x0").unwrap();
    assert_eq!(decision.status, Status::Confirmed);
    assert_eq!(decision.reviewer, "alice");
    assert_eq!(
        decision.decided_at,
        Timestamp::from_second(desk.clock).unwrap()
    );
    assert_eq!(
        state.progress.counts(0),
        Some(Counts {
            reviewed: 1,
            total: 2
        })
    );
    assert_eq!(desk.journal.len(), 1);
}

#[test]
fn set_corrects_and_keeps_the_original() {
    let mut desk = SimDesk::new(&[2]);
    let mut state = desk.start("alice");
    desk.send(&mut state, Command::NextEvent);
    desk.send(&mut state, set(Field::Fatalities, "18"));
    let decision = desk.reviewed["art0"].get("art0#x1").unwrap();
    assert_eq!(decision.status, Status::Corrected);
    assert_eq!(decision.fields.fatalities, Some(18));
    assert_eq!(decision.original.fatalities, Some(11));
    assert_eq!(decision.corrected, vec![Field::Fatalities]);
    assert_eq!(desk.last_message(), "art0#x1: fatalities = 18 (corrected)");
}

#[test]
fn a_correction_says_the_value_stored_not_the_one_typed() {
    let mut desk = SimDesk::new(&[1]);
    let mut state = desk.start("alice");
    for (field, typed, said) in [
        (Field::EventDate, "14 août 2023", "event_date = 2023-08-14"),
        (Field::EventDate, "16/08/2023", "event_date = 2023-08-16"),
        (
            Field::EventType,
            "riots",
            "event_type = Riots, sub_event_type cleared",
        ),
        (
            Field::SubEventType,
            "MOB VIOLENCE",
            "sub_event_type = Mob violence",
        ),
        (Field::TimePrecision, " 2 ", "time_precision = 2"),
        (Field::Latitude, "14.512345678", "latitude = 14.5123"),
        (Field::GeoPrecision, "3", "geo_precision = 3"),
        (Field::Fatalities, "0018", "fatalities = 18"),
        (
            Field::Actor1,
            "  Rioters (Niger) ",
            "actor1 = Rioters (Niger)",
        ),
        (Field::Location, "", "location cleared"),
    ] {
        desk.send(&mut state, set(field, typed));
        assert_eq!(
            desk.last_message(),
            format!("art0#x0: {said} (corrected)"),
            "{field} typed as `{typed}`"
        );
    }
}

#[test]
fn an_invalid_value_is_refused_and_nothing_is_saved() {
    let mut desk = SimDesk::new(&[1]);
    let mut state = desk.start("alice");
    let now = Timestamp::UNIX_EPOCH;
    let effects = update(&mut state, set(Field::EventDate, "someday"), now);
    assert_eq!(effects.len(), 1, "{effects:?}");
    let Effect::Message(message) = &effects[0] else {
        panic!("expected a message, got {effects:?}");
    };
    assert_eq!(message.level, Level::Error);
    assert!(message.text.contains("not a date"), "{}", message.text);
    assert_eq!(state.history.undo_len(), 0);
    assert_eq!(state.selected_event().unwrap().status(), Status::Pending);
}

#[test]
fn read_only_refuses_every_change_and_says_who_holds_the_desk() {
    let mut desk = SimDesk::new(&[1]);
    let mut state = desk.start("bob");
    state.read_only = Some("alice (pid 42)".into());
    for command in [
        Command::Confirm,
        Command::Reject { reason: None },
        set(Field::Wounded, "2"),
        Command::Undo,
        Command::Redo,
    ] {
        desk.send(&mut state, command);
        assert!(desk.last_message().contains("alice (pid 42)"));
    }
    assert!(desk.reviewed.is_empty());
    desk.send(&mut state, Command::NextEvent);
    desk.send(&mut state, Command::Quit);
    assert!(desk.quit, "navigation and quit still work");
}

#[test]
fn events_and_articles_are_walked_with_clear_edges() {
    let mut desk = SimDesk::new(&[2, 0, 1]);
    let mut state = desk.start("alice");
    desk.send(&mut state, Command::PrevEvent);
    assert!(desk.last_message().contains("first event"));
    desk.send(&mut state, Command::NextEvent);
    desk.send(&mut state, Command::NextEvent);
    assert!(desk.last_message().contains("last event"));
    assert_eq!(state.selected_event_id(), Some("art0#x1"));
    desk.send(&mut state, Command::NextArticle);
    assert_eq!(state.index, 1);
    assert_eq!(state.selected_event(), None);
    desk.send(&mut state, Command::NextEvent);
    assert!(desk.last_message().contains("no events"));
    desk.send(&mut state, Command::NextArticle);
    assert_eq!(state.selected_event_id(), Some("art2#x0"));
    desk.send(&mut state, Command::NextArticle);
    assert!(desk.last_message().contains("last article"));
    desk.send(&mut state, Command::PrevArticle);
    desk.send(&mut state, Command::PrevArticle);
    assert_eq!(state.selected_event_id(), Some("art0#x0"));
}

#[test]
fn fields_cycle_both_ways() {
    let mut desk = SimDesk::new(&[1]);
    let mut state = desk.start("alice");
    assert_eq!(state.field, Field::EventType);
    desk.send(&mut state, Command::PrevField);
    assert_eq!(state.field, Field::Notes);
    desk.send(&mut state, Command::NextField);
    desk.send(&mut state, Command::NextField);
    assert_eq!(state.field, Field::SubEventType);
}

#[test]
fn undo_goes_back_to_the_article_of_the_step() {
    let mut desk = SimDesk::new(&[1, 2]);
    let mut state = desk.start("alice");
    desk.send(&mut state, Command::Confirm);
    desk.send(&mut state, Command::NextArticle);
    desk.send(&mut state, Command::NextEvent);
    desk.send(&mut state, Command::Reject { reason: None });
    assert_eq!(status_of(&desk, "art1", "art1#x1"), Some(Status::Rejected));
    desk.send(&mut state, Command::PrevArticle);
    desk.send(&mut state, Command::Undo);
    assert_eq!(state.index, 1, "undo opens the article it changes");
    assert_eq!(state.selected_event_id(), Some("art1#x1"));
    assert!(!desk.reviewed.contains_key("art1"), "empty file removed");
    desk.send(&mut state, Command::Undo);
    assert_eq!(state.index, 0);
    assert!(desk.reviewed.is_empty());
    desk.send(&mut state, Command::Undo);
    assert!(desk.last_message().contains("nothing to undo"));
    desk.send(&mut state, Command::Redo);
    assert_eq!(status_of(&desk, "art0", "art0#x0"), Some(Status::Confirmed));
    desk.send(&mut state, Command::Redo);
    assert_eq!(state.index, 1);
    assert_eq!(status_of(&desk, "art1", "art1#x1"), Some(Status::Rejected));
    desk.send(&mut state, Command::Redo);
    assert!(desk.last_message().contains("nothing to redo"));
    assert_eq!(state.progress.reviewed(), 2);
}

#[test]
fn undo_survives_a_restart_through_the_journal() {
    let mut desk = SimDesk::new(&[1, 1]);
    let mut state = desk.start("alice");
    desk.send(&mut state, set(Field::Fatalities, "18"));
    desk.send(&mut state, Command::NextArticle);
    desk.send(&mut state, Command::Confirm);
    desk.send(&mut state, Command::Undo);
    let lines: String = desk
        .journal
        .iter()
        .map(|entry| entry.to_line().unwrap())
        .collect();

    let mut restarted = desk.start("alice");
    let (entries, skipped) = parse_journal(&lines);
    assert!(skipped.is_empty());
    restarted.history = History::replay(entries, |id| {
        id.strip_prefix("art").and_then(|n| n.parse().ok())
    });
    desk.send(&mut restarted, Command::NextArticle);
    desk.send(&mut restarted, Command::Redo);
    assert_eq!(status_of(&desk, "art1", "art1#x0"), Some(Status::Confirmed));
    desk.send(&mut restarted, Command::Undo);
    desk.send(&mut restarted, Command::Undo);
    assert_eq!(restarted.index, 0);
    assert!(desk.reviewed.is_empty());
}

fn link(other: &str) -> Command {
    Command::Link {
        other: Some(other.to_string()),
    }
}

#[test]
fn link_changes_undo_in_turn_with_decisions_from_another_article() {
    let mut desk = SimDesk::new(&[1, 1]);
    let mut state = desk.start("alice");
    desk.send(&mut state, link("art1#x0"));
    desk.send(&mut state, Command::Confirm);
    desk.send(&mut state, Command::NextArticle);
    desk.send(&mut state, Command::Unlink);
    assert!(desk.links.is_empty());
    desk.send(&mut state, Command::Undo);
    assert!(desk.links.cluster_of("art0#x0").is_some());
    assert!(desk.last_message().starts_with("undid"));
    desk.send(&mut state, Command::Undo);
    assert_eq!(
        desk.last_message(),
        "undid confirm on art0#x0",
        "says which event of which article"
    );
    assert!(desk.reviewed.is_empty());
    assert_eq!(state.index, 0, "undo goes to the step's article");
    desk.send(&mut state, Command::Undo);
    assert!(desk.links.is_empty());
    desk.send(&mut state, Command::Redo);
    assert!(desk.links.cluster_of("art1#x0").is_some());
    assert_eq!(state.history.redo_len(), 2);
}

#[test]
fn a_link_undo_never_overwrites_links_changed_behind_its_back() {
    let mut desk = SimDesk::new(&[1, 1]);
    let mut state = desk.start("alice");
    desk.send(&mut state, link("art1#x0"));
    // `factdesk link remove` from another shell.
    desk.links.unlink("art1#x0").unwrap();
    desk.send(&mut state, Command::Undo);
    assert!(
        desk.last_message().contains("changed since"),
        "{}",
        desk.last_message()
    );
    assert!(desk.links.is_empty());
    assert_eq!(state.history.undo_len(), 0);
}

#[test]
fn undo_never_overwrites_a_file_changed_behind_its_back() {
    let mut desk = SimDesk::new(&[1, 1]);
    let mut state = desk.start("alice");
    desk.send(&mut state, Command::Confirm);
    desk.send(&mut state, Command::NextArticle);
    // Someone edits art0's decisions outside this session (a git merge).
    let mut edited = desk.reviewed["art0"].clone();
    edited.events[0].note = Some("merged".into());
    desk.reviewed.insert("art0".into(), edited.clone());
    desk.send(&mut state, Command::Undo);
    assert!(desk.last_message().contains("changed since"));
    assert_eq!(desk.reviewed["art0"], edited);
    assert_eq!(state.history.undo_len(), 0);
}

#[test]
fn a_failed_load_stays_on_the_article_and_says_why() {
    let mut desk = SimDesk::new(&[1, 1]);
    let mut state = desk.start("alice");
    let effects = article_failed(&mut state, 1, "articles/art1.txt:1:1: bad".into());
    assert!(matches!(&effects[0], Effect::Message(m) if m.level == Level::Error));
    assert_eq!(state.index, 1);
    assert!(state.article.is_none());
    desk.send(&mut state, Command::Confirm);
    assert!(desk.last_message().contains("no article"));
    desk.send(&mut state, Command::PrevArticle);
    assert_eq!(state.selected_event_id(), Some("art0#x0"));
}

#[test]
fn confirm_all_is_one_step_above_the_confidence() {
    let mut desk = SimDesk::new(&[3]);
    let mut state = desk.start("alice");
    desk.send(&mut state, Command::NextEvent);
    desk.send(&mut state, Command::Reject { reason: None });
    desk.send(&mut state, Command::ConfirmAll { min: 0.9 });
    assert!(desk.last_message().contains("no pending event"));
    desk.send(&mut state, Command::ConfirmAll { min: 0.5 });
    let file = &desk.reviewed["art0"];
    assert_eq!(file.get("art0#x0").unwrap().status, Status::Confirmed);
    assert_eq!(
        file.get("art0#x1").unwrap().status,
        Status::Rejected,
        "decided ones stay"
    );
    assert_eq!(file.get("art0#x2").unwrap().status, Status::Confirmed);
    desk.send(&mut state, Command::Undo);
    let file = &desk.reviewed["art0"];
    assert_eq!(file.events.len(), 1, "one undo takes the bulk back");
}

fn any_command() -> impl Strategy<Value = Command> {
    let field = prop::sample::select(vec![
        Field::EventType,
        Field::SubEventType,
        Field::EventDate,
        Field::Location,
        Field::Fatalities,
        Field::Notes,
    ]);
    let value = prop::sample::select(vec![
        "",
        "18",
        "17",
        "0",
        "x",
        "2023-08-16",
        "Battles",
        "Attack",
        "Riots",
        "Tahoua",
        "été",
    ]);
    prop_oneof![
        Just(Command::NextEvent),
        Just(Command::PrevEvent),
        Just(Command::NextField),
        Just(Command::NextArticle),
        Just(Command::PrevArticle),
        Just(Command::Confirm),
        Just(Command::Reject { reason: None }),
        Just(Command::Undo),
        Just(Command::Redo),
        Just(Command::ConfirmAll { min: 0.5 }),
        Just(Command::ToggleFlag),
        Just(Command::Add {
            span: Some(crate::model::Span::new(0, 20))
        }),
        Just(Command::Delete),
        prop::sample::select(vec!["art0#x0", "art0#x1", "art2#x0", "art2#x2", "art9#x1"]).prop_map(
            |other| Command::Link {
                other: Some(other.to_string())
            }
        ),
        Just(Command::Unlink),
        (field, value).prop_map(|(field, value)| set(field, value)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any sequence of commands followed by as many undos restores the
    /// desk's decisions and links exactly as they were.
    #[test]
    fn as_many_undos_restore_the_start(commands in prop::collection::vec(any_command(), 0..40)) {
        let mut desk = SimDesk::new(&[2, 0, 3]);
        desk.reviewed.insert("art2".into(), super::testing::confirmed_file("art2", 5));
        let at = jiff::Timestamp::from_second(0).unwrap();
        desk.links.link("art0#x1", "art2#x1", "bob", at).unwrap();
        let start = desk.reviewed.clone();
        let start_links = desk.links.render().unwrap();
        let mut state = desk.start("alice");
        let count = commands.len();
        for command in commands {
            desk.send(&mut state, command);
        }
        for _ in 0..count {
            desk.send(&mut state, Command::Undo);
        }
        prop_assert_eq!(&desk.reviewed, &start);
        prop_assert_eq!(desk.links.render().unwrap(), start_links);
        prop_assert_eq!(state.history.undo_len(), 0);
    }
}
