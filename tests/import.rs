//! `factdesk import`: the documented example, a file of good and bad lines,
//! and what an import may and may not replace.

use std::fs;
use std::path::Path;
use std::process::Command;

use factdesk::desk::{CandidateFile, Desk};
use factdesk::import::import;
use factdesk::model::{Field, Provenance};

/// A desk holding copies of the `data/` articles.
fn sample_desk() -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    fs::create_dir_all(&articles).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    for entry in fs::read_dir(source).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
    }
    let desk = Desk::open(dir.path()).unwrap();
    (dir, desk)
}

/// The ```jsonl block of docs/import.md.
fn documented_example() -> String {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/import.md")).unwrap();
    let start = doc.find("```jsonl\n").unwrap() + "```jsonl\n".len();
    let end = start + doc[start..].find("```").unwrap();
    doc[start..end].to_string()
}

const EN: &str = "000_6c3fd43af7480c36";
const FR: &str = "003_269570726b719da9";

#[test]
fn the_documented_example_imports_with_its_evidence() {
    let (_dir, desk) = sample_desk();
    let report = import(
        &desk,
        Path::new("example.jsonl"),
        documented_example().as_bytes(),
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.articles, report.events), (2, 2));
    let file = desk.load_candidates(EN).unwrap().unwrap();
    assert_eq!(
        file.extractor,
        Provenance {
            extractor: "llm-pipeline".into(),
            version: "2024-05".into()
        }
    );
    let event = &file.events[0];
    assert_eq!(event.id, format!("{EN}#llm-pipeline-koutougou"));
    assert_eq!(event.fields.fatalities, Some(17));
    assert_eq!(event.field_confidence[&Field::Fatalities], 0.95);
    let text = desk.load_article(EN).unwrap().text;
    let quoted = |field: Field| event.evidence[&field][0].slice(&text).unwrap().to_string();
    assert_eq!(quoted(Field::Fatalities), "17 of its soldiers");
    assert_eq!(quoted(Field::EventDate), "Tuesday");
    assert_eq!(quoted(Field::Admin1), "Tillaberi");
    // Character offsets in the French article land past its accents right.
    let fr = desk.load_candidates(FR).unwrap().unwrap();
    let fr_text = desk.load_article(FR).unwrap().text;
    let location = fr.events[0].evidence[&Field::Location][0];
    assert_eq!(location.slice(&fr_text), Some("Tahoua"));
    assert!(fr.events[0].id.starts_with(&format!("{FR}#llm-pipeline-h")));
}

#[test]
fn bad_lines_are_reported_and_good_lines_kept() {
    let (_dir, desk) = sample_desk();
    let good_en = format!(
        r#"{{"article": "{EN}", "extractor": {{"name": "x"}}, "id": "e1", "fields": {{"fatalities": 17}}}}"#
    );
    let lines = [
        good_en.clone(),
        r#"{"article": "000_6c3fd43af7480c36", "extractor": {"name": "x"}, "fields": {"fatalities": -1}}"#.to_string(),
        r#"{"article": "000_6c3fd43af7480c36", "extractor": {"name": "x"} "fields": {}}"#.to_string(),
        String::new(),
        r#"{"article": "nope", "extractor": {"name": "x"}}"#.to_string(),
        format!(r#"{{"article": "{FR}", "extractor": {{"name": "x"}}, "evidence": [{{"field": "fatalities", "quote": "18 soldats"}}]}}"#),
        format!(r#"{{"article": "{FR}", "extractor": {{"name": "x"}}, "fields": {{"location": "Tahoua"}}}}"#),
        format!(r#"{{"article": "{FR}", "extractor": {{"name": "y"}}, "fields": {{}}}}"#),
        good_en.replace("17", "18"),
        format!(r#"{{"article": "{EN}", "extractor": {{"name": "x"}}, "colour": "red"}}"#),
    ];
    let text = lines.join("\n");
    let report = import(&desk, Path::new("in.jsonl"), text.as_bytes());
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "in.jsonl:2:76: fatalities: `-1` is not a whole number of 0 or more",
            "in.jsonl:3:64: expected `,` or `}`",
            "in.jsonl:5:2: no article `nope` in this desk",
            "in.jsonl:6:111: evidence for fatalities: quote \"18 soldats\" (occurrence 1) is not in the article text",
            "in.jsonl:8:37: this article's events in this file come from x; an article's candidates come from one extractor at a time",
            "in.jsonl:9:65: event id `000_6c3fd43af7480c36#x-e1` is used twice",
            "in.jsonl:10:72: unknown field `colour`, expected one of `article`, `extractor`, `id`, `confidence`, `background`, `fields`, `evidence`, `field_confidence`",
        ],
    );
    assert_eq!((report.articles, report.events), (2, 2));
    let en = desk.load_candidates(EN).unwrap().unwrap();
    assert_eq!(en.events.len(), 1);
    assert_eq!(en.events[0].fields.fatalities, Some(17));
    let fr = desk.load_candidates(FR).unwrap().unwrap();
    assert_eq!(fr.events[0].fields.location.as_deref(), Some("Tahoua"));
}

#[test]
fn decisions_are_never_touched_and_ids_stay_put() {
    let (dir, desk) = sample_desk();
    let reviewed = dir.path().join("reviewed");
    fs::create_dir_all(&reviewed).unwrap();
    let decision = format!(
        "article = \"{EN}\"\n\n[[event]]\nid = \"{EN}#x1\"\nstatus = \"confirmed\"\nreviewer = \"alice\"\n\
         decided_at = \"2023-11-20T09:05:00Z\"\n\n[event.provenance]\nextractor = \"factdesk-rules\"\n\n\
         [event.fields]\nfatalities = 17\n"
    );
    fs::write(reviewed.join(format!("{EN}.toml")), &decision).unwrap();
    // Built-in candidates first: the import replaces them and says so.
    let builtin = CandidateFile {
        article: EN.into(),
        extractor: Provenance::builtin(),
        events: Vec::new(),
    };
    desk.save_candidates(&builtin).unwrap();

    let example = documented_example();
    let first = import(&desk, Path::new("a.jsonl"), example.as_bytes());
    assert!(first.problems.is_empty());
    assert_eq!(first.replaced.len(), 1);
    assert_eq!(first.replaced[0].1, Provenance::builtin());
    assert_eq!(first.kept_decisions, 1);
    let candidates_path = desk.candidates_path(FR);
    let once = fs::read_to_string(&candidates_path).unwrap();

    let again = import(&desk, Path::new("a.jsonl"), example.as_bytes());
    assert!(again.problems.is_empty());
    assert_eq!(fs::read_to_string(&candidates_path).unwrap(), once);
    assert_eq!(
        fs::read_to_string(reviewed.join(format!("{EN}.toml"))).unwrap(),
        decision
    );
    // The decision still shows, beside the imported candidate.
    let events = desk.load_events(EN).unwrap();
    assert_eq!(events.len(), 2);
}

#[test]
fn a_bad_candidates_file_is_left_alone() {
    let (dir, desk) = sample_desk();
    let path = desk.candidates_path(EN);
    fs::create_dir_all(dir.path().join("extracted")).unwrap();
    fs::write(&path, "article = \"oops\n").unwrap();
    let line = format!(r#"{{"article": "{EN}", "extractor": {{"name": "x"}}}}"#);
    let report = import(&desk, Path::new("b.jsonl"), line.as_bytes());
    assert_eq!(report.problems.len(), 1);
    assert!(
        report.problems[0].message.contains("left as it is"),
        "{}",
        report.problems[0]
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "article = \"oops\n");
}

#[test]
fn the_binary_reports_bad_lines_and_exits_non_zero() {
    let (dir, _desk) = sample_desk();
    let file = dir.path().join("in.jsonl");
    fs::write(
        &file,
        format!(
            "{}\n{{\"article\": 3}}\n",
            documented_example().lines().next().unwrap()
        ),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg("import")
        .arg(&file)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:2:13: invalid type", file.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("imported 1 events for 1 articles"),
        "{stderr}"
    );
}
