//! Exports of a small hand-built desk (tests/fixtures/desk): golden files of
//! each format, and round trips through real TOML and CSV readers.

use std::path::Path;
use std::process::Command;

use factdesk::desk::Desk;
use factdesk::export::{
    ByEventRow, Dataset, ExportOptions, ExportRow, Filter, Format, Summary, export, export_to,
    read_dataset,
};
use factdesk::model::Status;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/desk");

fn options(format: Format, filter: Filter) -> ExportOptions {
    ExportOptions {
        format,
        filter,
        by_event: false,
        timestamp: None,
    }
}

fn export_fixture(format: Format, filter: Filter) -> (String, Summary) {
    export_with(options(format, filter))
}

fn export_with(options: ExportOptions) -> (String, Summary) {
    let desk = Desk::open(Path::new(FIXTURE)).unwrap();
    let mut out = Vec::new();
    let summary = export(&desk, &options, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), summary)
}

fn by_event(format: Format, filter: Filter) -> (String, Summary) {
    export_with(ExportOptions {
        by_event: true,
        ..options(format, filter)
    })
}

fn jsonl_rows(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn jsonl_golden_all() {
    let (text, summary) = export_fixture(Format::Jsonl, Filter::all());
    assert_eq!(summary.events, 8);
    insta::assert_snapshot!("jsonl_all", text);
}

#[test]
fn csv_golden_curated() {
    let (text, _) = export_fixture(Format::Csv, Filter::default());
    insta::assert_snapshot!("csv_curated", text);
}

#[test]
fn toml_golden_curated() {
    let (text, _) = export_fixture(Format::Toml, Filter::default());
    insta::assert_snapshot!("toml_curated", text);
}

#[test]
fn by_event_goldens() {
    insta::assert_snapshot!(
        "by_event_jsonl",
        by_event(Format::Jsonl, Filter::default()).0
    );
    insta::assert_snapshot!("by_event_csv", by_event(Format::Csv, Filter::default()).0);
}

#[test]
fn by_event_merges_clusters_with_the_lowest_toll_or_the_analysts() {
    let (text, summary) = by_event(Format::Jsonl, Filter::default());
    assert_eq!(summary.events, 5);
    assert_eq!(summary.real_world_events, Some(3));
    let records = jsonl_rows(&text);
    assert_eq!(records.len(), 3);
    let koutougou = &records[0];
    assert_eq!(koutougou["cluster"], "c-koutougou");
    assert_eq!(
        koutougou["event_ids"],
        serde_json::json!(["a1#x1", "a4#x1"])
    );
    assert_eq!(koutougou["articles"], serde_json::json!(["a1", "a4"]));
    // 18 (corrected) and 17 reported: ACLED keeps the lowest.
    assert_eq!(koutougou["fatalities"], 17);
    assert_eq!(koutougou["fatalities_rule"], "lowest");
    assert_eq!(koutougou["source"], "RFI; Le Monde");
    // The most precise place is the one with coordinates.
    assert_eq!(koutougou["latitude"], 14.6325);
    let alone = &records[1];
    assert!(alone["cluster"].is_null());
    assert_eq!(alone["event_ids"], serde_json::json!(["a1#x2"]));
    assert_eq!(alone["source"], "RFI");
    assert!(alone["fatalities_rule"].is_null());
    let tahoua = &records[2];
    // The analyst set 30; the rejected member (29 too) is not exported.
    assert_eq!(tahoua["event_ids"], serde_json::json!(["a2#a1", "a4#x2"]));
    assert_eq!(tahoua["fatalities"], 30);
    assert_eq!(tahoua["fatalities_rule"], "analyst");
    assert_eq!(tahoua["source"], "Al Jazeera, \"Arabic\" desk; Le Monde");
}

#[test]
fn by_event_toml_loads_back() {
    let (jsonl, _) = by_event(Format::Jsonl, Filter::all());
    let expected: Vec<ByEventRow> = jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let (toml, _) = by_event(Format::Toml, Filter::all());
    let dataset: Dataset<ByEventRow> = read_dataset(Path::new("export.toml"), &toml).unwrap();
    assert_eq!(dataset.events, expected);
    assert_eq!(dataset.dataset.real_world_events, Some(expected.len()));
    // --all: the pending a1#x3 and a3#x1 stand alone; a2#x1 joins Tahoua.
    assert_eq!(expected.len(), 5);
}

#[test]
fn jsonl_has_exactly_the_spec_keys_in_order() {
    let (text, _) = export_fixture(Format::Jsonl, Filter::all());
    let spec = [
        "article",
        "event_id",
        "status",
        "event_type",
        "sub_event_type",
        "event_date",
        "time_precision",
        "country",
        "admin1",
        "admin2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "actor1",
        "actor2",
        "fatalities",
        "wounded",
        "notes",
        "cluster",
        "reviewer",
        "source",
        "original",
    ];
    for line in text.lines() {
        // Key order as written, read without a map that reorders.
        let row: ExportRow = serde_json::from_str(line).unwrap();
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = spec.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected, "{line}");
        let positions: Vec<usize> = spec
            .iter()
            .map(|key| line.find(&format!("\"{key}\":")).unwrap())
            .collect();
        assert!(positions.is_sorted(), "keys out of SPEC order: {line}");
        assert!(!row.event_id.is_empty());
    }
}

#[test]
fn default_is_curated_and_all_adds_pending_and_rejected() {
    let (curated, _) = export_fixture(Format::Jsonl, Filter::default());
    let statuses: Vec<String> = jsonl_rows(&curated)
        .iter()
        .map(|row| row["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        statuses,
        ["corrected", "confirmed", "added", "confirmed", "confirmed"]
    );

    let (all, summary) = export_fixture(Format::Jsonl, Filter::all());
    let rows = jsonl_rows(&all);
    let ids: Vec<&str> = rows
        .iter()
        .map(|row| row["event_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "a1#x1", "a1#x2", "a1#x3", "a2#x1", "a2#a1", "a3#x1", "a4#x1", "a4#x2"
        ]
    );
    assert_eq!(summary.per_status[&Status::Pending], 2);
    assert_eq!(summary.per_status[&Status::Rejected], 1);
    let pending = &rows[2];
    assert_eq!(pending["status"], "pending");
    assert!(pending["reviewer"].is_null());
    let corrected = &rows[0];
    assert_eq!(corrected["fatalities"], 18);
    assert_eq!(corrected["original"]["fatalities"], 17);
    assert_eq!(corrected["reviewer"], "alice");
    assert_eq!(corrected["source"], "RFI");
    assert_eq!(corrected["cluster"], "c-koutougou");
    assert_eq!(rows[6]["cluster"], "c-koutougou");
    assert!(rows[1]["cluster"].is_null());
    assert!(rows[1]["original"].is_null());
    // An article without front matter has no source.
    assert!(rows[5]["source"].is_null());
}

#[test]
fn filters_narrow_the_export() {
    let export_ids = |filter: Filter| -> Vec<String> {
        let (text, _) = export_fixture(Format::Jsonl, filter);
        jsonl_rows(&text)
            .iter()
            .map(|row| row["event_id"].as_str().unwrap().to_string())
            .collect()
    };
    let since = Filter {
        since: Some(jiff::civil::date(2023, 8, 14)),
        ..Filter::all()
    };
    assert_eq!(
        export_ids(since),
        ["a1#x1", "a2#x1", "a2#a1", "a4#x1", "a4#x2"]
    );
    let until = Filter {
        until: Some(jiff::civil::date(2023, 8, 15)),
        ..Filter::default()
    };
    assert_eq!(export_ids(until), ["a1#x1", "a1#x2", "a4#x1"]);
    let country = Filter {
        countries: vec!["mali".into()],
        ..Filter::all()
    };
    assert_eq!(export_ids(country), ["a3#x1"]);
    let reviewer = Filter {
        reviewers: vec!["bob".into()],
        ..Filter::all()
    };
    assert_eq!(export_ids(reviewer), ["a1#x2", "a4#x1", "a4#x2"]);
    let rejected = Filter {
        statuses: vec![Status::Rejected],
        ..Filter::default()
    };
    assert_eq!(export_ids(rejected), ["a2#x1"]);
}

#[test]
fn toml_export_loads_back_to_the_same_events() {
    let (jsonl, _) = export_fixture(Format::Jsonl, Filter::all());
    let expected: Vec<ExportRow> = jsonl
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let (toml, summary) = export_fixture(Format::Toml, Filter::all());
    let dataset: Dataset = read_dataset(Path::new("export.toml"), &toml).unwrap();
    assert_eq!(dataset.events, expected);
    assert_eq!(dataset.dataset.events, summary.events);
    assert_eq!(dataset.dataset.articles, 4);
    assert_eq!(dataset.dataset.status, summary.per_status);
    assert_eq!(dataset.dataset.exported_at, None);
}

#[test]
fn csv_reads_back_with_the_same_tricky_values() {
    let (text, _) = export_fixture(Format::Csv, Filter::all());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 8);
    let (jsonl, _) = export_fixture(Format::Jsonl, Filter::all());
    for (record, row) in records.iter().zip(jsonl_rows(&jsonl)) {
        for name in [
            "notes", "location", "actor2", "source", "event_id", "country",
        ] {
            let expected = row[name].as_str().unwrap_or("");
            assert_eq!(&record[column(name)], expected, "{name}");
        }
    }
    // Quotes, commas, a newline, Arabic and CJK all came through.
    assert!(records[0][column("notes")].contains("\"Koutougou\", Tillaberi;"));
    assert!(records[0][column("notes")].contains('\n'));
    assert_eq!(&records[4][column("location")], "Tahoua, \"تاهوا\"");
    assert_eq!(&records[5][column("notes")], "冲突, 3人死亡");
    assert_eq!(
        &headers.iter().take(3).collect::<Vec<_>>(),
        &["event_date", "time_precision", "event_type"]
    );
}

#[test]
fn output_file_is_written_whole_and_matches_stdout() {
    let desk = Desk::open(Path::new(FIXTURE)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.jsonl");
    let options = options(Format::Jsonl, Filter::all());
    export_to(&desk, &options, Some(&path)).unwrap();
    let (expected, _) = export_fixture(Format::Jsonl, Filter::all());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn the_binary_exports_all_as_jsonl() {
    let output = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(["export", FIXTURE, "--all", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let (expected, _) = export_fixture(Format::Jsonl, Filter::all());
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
}

#[test]
fn a_bad_reviewed_file_stops_the_export_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::create_dir_all(dir.path().join("reviewed")).unwrap();
    std::fs::write(dir.path().join("articles/a.txt"), "Text").unwrap();
    std::fs::write(
        dir.path().join("reviewed/a.toml"),
        "article = \"a\"\n[[event]]\nid = 3\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg("export")
        .arg(dir.path())
        .args(["-o"])
        .arg(dir.path().join("out.jsonl"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("reviewed/a.toml:3:"), "{stderr}");
    assert!(!dir.path().join("out.jsonl").exists());
}
