//! `factdesk stats` on the hand-built desk of tests/fixtures/desk.

use std::path::Path;
use std::process::Command;

use factdesk::desk::Desk;
use factdesk::model::{Field, Status};
use factdesk::stats::{desk_stats, render_text};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/desk");

#[test]
fn counts_progress_pace_and_corrections() {
    let desk = Desk::open(Path::new(FIXTURE)).unwrap();
    let stats = desk_stats(&desk).unwrap();
    assert_eq!((stats.articles, stats.events, stats.reviewed), (4, 8, 6));
    assert_eq!(stats.per_status[&Status::Pending], 2);
    assert_eq!(stats.per_status[&Status::Confirmed], 3);
    assert_eq!(stats.per_event_type["Battles"], 6);
    assert_eq!(stats.per_country["Mali"], 1);
    let alice = &stats.per_reviewer["alice"];
    // 09:05 and 10:15, 10:20: two clock hours.
    assert_eq!((alice.decisions, alice.active_hours), (3, 2));
    assert_eq!(stats.per_reviewer["bob"].decisions, 3);
    // Six decisions over the hours 09, 10 and 11.
    assert_eq!(stats.decisions_per_hour, Some(2.0));
    let fields: Vec<Field> = stats.corrections.iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::Fatalities, Field::Notes]);
    insta::assert_snapshot!("stats_text", render_text(&stats));
}

#[test]
fn json_for_scripts() {
    let output = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["stats", FIXTURE, "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["per_status"]["rejected"], 1);
    assert_eq!(json["reviewed"], 6);
    assert_eq!(json["corrections"][0]["field"], "fatalities");
    assert_eq!(json["per_reviewer"]["bob"]["per_status"]["confirmed"], 3);
}
