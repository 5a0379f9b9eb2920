//! Linking end to end: the evaluation set's accuracy bar, the command line
//! with its lock and durable links file, and the seed desk's two reports of
//! the Koutougou ambush finding each other.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use factdesk::desk::{Desk, LockOutcome};
use factdesk::link::{Gold, LinkEvent, LinkIndex, Links, evaluate};

fn linkset() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/linkset")
}

#[test]
fn the_evaluation_set_meets_the_bar() {
    let desk = Desk::open(&linkset()).unwrap();
    let (index, errors) = LinkIndex::build(&desk);
    assert!(errors.is_empty(), "{errors:?}");
    let gold = Gold::load(&linkset().join("gold.toml")).unwrap();
    let report = evaluate(&index, &gold).unwrap();
    assert!(report.queries >= 40, "{report}");
    assert!(report.top1_rate() >= 0.80, "{report}");
    assert!(report.top3_rate() >= 0.95, "{report}");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn factdesk(args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .env("USER", "tester")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const EN: &str = "sahelmonitor-2023-08-16-koutougou#x1";
const FR: &str = "agenceouest-2023-10-03-tabatol#x2";
const FR_OTHER: &str = "journaldufleuve-2023-08-16-koutougou#x1";

#[test]
fn the_command_line_suggests_links_and_keeps_links_toml() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&linkset(), dir.path());
    let desk_dir = dir.path().to_str().unwrap();

    let (ok, out, err) = factdesk(&["link", "suggest", FR, desk_dir, "--limit", "3"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("same toll 17; both near the Burkina Faso border"),
        "{out}"
    );
    let (ok, out, _) = factdesk(&["link", "suggest", FR, desk_dir, "--json"]);
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &json["suggestions"][0];
    assert!(first["score"].as_f64().unwrap() > 5.0, "{json}");
    assert!(
        first["reasons"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("same toll 17")
    );

    let (ok, out, err) = factdesk(&["link", "add", EN, FR, desk_dir]);
    assert!(ok, "{err}");
    assert!(out.contains(EN) && out.contains(FR), "{out}");
    let (ok, _, err) = factdesk(&["link", "add", FR_OTHER, EN, desk_dir]);
    assert!(ok, "{err}");
    let (ok, _, err) = factdesk(&["link", "set", FR, "fatalities", "17", desk_dir]);
    assert!(ok, "{err}");
    let (ok, _, err) = factdesk(&["link", "accept", FR, "event_date", desk_dir]);
    assert!(ok, "{err}");

    let desk = Desk::open(dir.path()).unwrap();
    let links = Links::load(&desk).unwrap();
    let cluster = links.cluster_of(FR).unwrap();
    assert_eq!(cluster.members.len(), 3);
    assert_eq!(cluster.members[0].linked_by, "tester");
    let date = cluster.value(factdesk::model::Field::EventDate).unwrap();
    assert_eq!(
        (date.value.as_str(), date.rule.name()),
        ("2023-08-15", "most-precise-date")
    );

    let (ok, out, _) = factdesk(&["link", "suggest", FR, desk_dir]);
    assert!(ok);
    assert!(out.contains("[linked, c-"), "{out}");
    let (ok, out, _) = factdesk(&["link", "show", EN, desk_dir]);
    assert!(ok);
    assert!(out.contains("fatalities = 17  (analyst;"), "{out}");
    assert!(out.contains("members disagree on:"), "{out}");
    let (ok, out, _) = factdesk(&["check", desk_dir]);
    assert!(ok, "{out}");

    // A second writer is refused and told who holds the desk.
    let held = match desk.lock("alice").unwrap() {
        LockOutcome::Acquired(lock) => lock,
        LockOutcome::HeldBy(holder) => panic!("unexpected holder {holder}"),
    };
    let before = fs::read_to_string(desk.links_path()).unwrap();
    let (ok, _, err) = factdesk(&["link", "remove", EN, desk_dir]);
    assert!(!ok);
    assert!(err.contains("in use by alice"), "{err}");
    assert_eq!(fs::read_to_string(desk.links_path()).unwrap(), before);
    drop(held);

    for event in [EN, FR_OTHER] {
        let (ok, _, err) = factdesk(&["link", "remove", event, desk_dir]);
        assert!(ok, "{err}");
    }
    assert!(Links::load(&desk).unwrap().is_empty());
    let (ok, _, err) = factdesk(&["link", "add", EN, "nosuch#x1", desk_dir]);
    assert!(!ok && err.contains("nosuch"), "{err}");
}

#[test]
fn check_reports_a_link_to_an_event_that_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&linkset(), dir.path());
    let desk_dir = dir.path().to_str().unwrap();
    let (ok, _, err) = factdesk(&["link", "add", EN, FR, desk_dir]);
    assert!(ok, "{err}");
    fs::remove_file(
        dir.path()
            .join("extracted/agenceouest-2023-10-03-tabatol.toml"),
    )
    .unwrap();
    let (ok, out, _) = factdesk(&["check", desk_dir]);
    assert!(!ok);
    assert!(
        out.contains("links.toml:")
            && out.contains(&format!("linked event `{FR}` no longer exists")),
        "{out}"
    );
}

/// Suggestions for one event, by id, from an index of the whole desk.
fn top_suggestion(index: &LinkIndex, event: &LinkEvent) -> String {
    index
        .suggest(event, 1)
        .first()
        .map(|s| s.event.clone())
        .unwrap_or_default()
}

#[test]
fn the_koutougou_reports_in_the_set_find_each_other() {
    let desk = Desk::open(&linkset()).unwrap();
    let (index, _) = LinkIndex::build(&desk);
    let gold = Gold::load(&linkset().join("gold.toml")).unwrap();
    let koutougou = gold
        .incidents
        .iter()
        .find(|i| i.name == "koutougou")
        .unwrap();
    for event in [EN, FR] {
        let top = top_suggestion(&index, index.get(event).unwrap());
        assert!(koutougou.events.contains(&top), "{event} -> {top}");
    }
}

/// The seed desk extracted by the built-in extractor: the English report
/// of the Koutougou ambush (2023-08-15) and the French article's background
/// mention ("17 soldats ... le mois dernier ... frontière avec le Burkina
/// Faso") are each other's top suggestion.
#[test]
fn on_the_seed_desk_the_koutougou_ambush_and_its_french_mention_find_each_other() {
    use factdesk::desk::CandidateFile;
    use factdesk::extract::{ArticleText, extract};
    use factdesk::gazetteer::Gazetteer;
    use factdesk::model::Provenance;

    let dir = tempfile::tempdir().unwrap();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_dir(&seed.join("articles"), &dir.path().join("articles"));
    let desk = Desk::open(dir.path()).unwrap();
    for id in desk.article_ids() {
        let article = desk.load_article(id).unwrap();
        let text = ArticleText::of(&article).unwrap();
        let events = extract(&text, Gazetteer::builtin());
        desk.save_candidates(&CandidateFile {
            article: id.clone(),
            extractor: Provenance::builtin(),
            events,
        })
        .unwrap();
    }
    let (index, errors) = LinkIndex::build(&desk);
    assert!(errors.is_empty(), "{errors:?}");
    let find = |article: &str, pick: &dyn Fn(&factdesk::model::Candidate) -> bool| {
        let file = desk.load_candidates(article).unwrap().unwrap();
        let found: Vec<String> = file
            .events
            .iter()
            .filter(|c| pick(c))
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(found.len(), 1, "{article}: {:#?}", file.events);
        found[0].clone()
    };
    let english = find("000_6c3fd43af7480c36", &|c| {
        c.fields.event_date == Some(jiff::civil::date(2023, 8, 15))
    });
    let french = find("003_269570726b719da9", &|c| {
        c.background && c.fields.fatalities == Some(17)
    });
    let suggestions = index.suggest(index.get(&english).unwrap(), 3);
    assert_eq!(suggestions[0].event, french, "{suggestions:#?}");
    let reasons = factdesk::link::reasons_line(&suggestions[0].reasons);
    assert!(reasons.contains("same toll 17"), "{reasons}");
    assert!(
        reasons.contains("both near the Burkina Faso border"),
        "{reasons}"
    );
    let back = top_suggestion(&index, index.get(&french).unwrap());
    assert_eq!(back, english);
}
