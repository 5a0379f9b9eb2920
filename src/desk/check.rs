//! `factdesk check`: every file of a desk validated, every problem located.

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use super::files::{CandidateFile, DecisionFile, parse_toml};
use super::problem::Problem;
use super::{Desk, DeskError, read_optional};
use crate::model::Evidence;

/// Validates articles, candidate and decision files; returns every problem
/// found, sorted by file and position. Reading stops at nothing: one bad
/// file does not hide the others.
pub fn check_desk(desk: &Desk) -> Vec<Problem> {
    let mut problems: Vec<Problem> = desk
        .article_ids()
        .par_iter()
        .flat_map_iter(|id| check_article(desk, id))
        .collect();
    for (folder, kind) in [("extracted", "candidates"), ("reviewed", "decisions")] {
        problems.extend(orphan_files(desk, folder, kind));
    }
    problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    problems
}

fn check_article(desk: &Desk, id: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let text = match desk.load_article(id) {
        Ok(article) => Some(article.text),
        Err(err) => {
            problems.push(as_problem(err, &desk.article_path(id)));
            None
        }
    };
    let candidates_path = desk.candidates_path(id);
    match read_and_parse::<CandidateFile>(&candidates_path) {
        Ok(Some((file_text, file))) => {
            problems.extend(article_key(&candidates_path, &file_text, &file.article, id));
            if let Some(text) = &text {
                for event in &file.events {
                    problems.extend(check_evidence(
                        &candidates_path,
                        &file_text,
                        &event.id,
                        &event.evidence,
                        text,
                    ));
                }
            }
        }
        Ok(None) => {}
        Err(problem) => problems.push(problem),
    }
    let decisions_path = desk.decisions_path(id);
    match read_and_parse::<DecisionFile>(&decisions_path) {
        Ok(Some((file_text, file))) => {
            problems.extend(article_key(&decisions_path, &file_text, &file.article, id));
            for (index, decision) in file.events.iter().enumerate() {
                if file.events[..index].iter().any(|d| d.id == decision.id) {
                    problems.push(at_event(
                        &decisions_path,
                        &file_text,
                        &decision.id,
                        format!("event `{}` is decided twice in this file", decision.id),
                    ));
                }
                if let Some(text) = &text {
                    problems.extend(check_evidence(
                        &decisions_path,
                        &file_text,
                        &decision.id,
                        &decision.evidence,
                        text,
                    ));
                }
            }
        }
        Ok(None) => {}
        Err(problem) => problems.push(problem),
    }
    problems
}

fn read_and_parse<T: for<'de> serde::Deserialize<'de>>(
    path: &Path,
) -> Result<Option<(String, T)>, Problem> {
    let text = match read_optional(path) {
        Ok(Some(text)) => text,
        Ok(None) => return Ok(None),
        Err(err) => return Err(as_problem(err, path)),
    };
    let parsed = parse_toml(path, &text)?;
    Ok(Some((text, parsed)))
}

fn as_problem(err: DeskError, path: &Path) -> Problem {
    match err {
        DeskError::Problem(problem) => problem,
        other => Problem::whole_file(path, other.to_string()),
    }
}

fn article_key(path: &Path, file_text: &str, article: &str, id: &str) -> Option<Problem> {
    (article != id).then(|| {
        let offset = file_text.find("article").unwrap_or(0);
        Problem::at_offset(
            path,
            file_text,
            offset,
            format!("article = \"{article}\" but the file belongs to article `{id}`"),
        )
    })
}

/// Points at the `id = "..."` line of an event in its file.
fn at_event(path: &Path, file_text: &str, event_id: &str, message: String) -> Problem {
    let needle = format!("id = \"{event_id}\"");
    let offset = file_text.find(&needle).unwrap_or(0);
    Problem::at_offset(path, file_text, offset, message)
}

fn check_evidence(
    path: &Path,
    file_text: &str,
    event_id: &str,
    evidence: &Evidence,
    article_text: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (field, spans) in evidence {
        for span in spans {
            if span.slice(article_text).is_none() || span.is_empty() {
                problems.push(at_event(
                    path,
                    file_text,
                    event_id,
                    format!(
                        "event `{event_id}`: evidence for {field} [{}, {}] does not fit the article text \
                         ({} bytes; ranges must be non-empty and on character boundaries)",
                        span.start,
                        span.end,
                        article_text.len()
                    ),
                ));
            }
        }
    }
    problems
}

/// Files in `extracted/` or `reviewed/` whose article does not exist.
fn orphan_files(desk: &Desk, folder: &str, kind: &str) -> Vec<Problem> {
    let dir = desk.root().join(folder);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            let id = name.strip_suffix(".toml")?;
            (!name.starts_with('.') && desk.article_index(id).is_none()).then(|| {
                Problem::whole_file(
                    &entry.path(),
                    format!("{kind} for article `{id}`, but there is no articles/{id}.txt"),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::tests::desk_with as desk;

    #[test]
    fn clean_desk_has_no_problems() {
        let (_dir, desk) = desk(&[("articles/a.txt", "+++\ntitle = \"A\"\n+++\nText")]);
        assert!(check_desk(&desk).is_empty());
    }

    #[test]
    fn reports_every_bad_file_with_positions() {
        let (_dir, desk) = desk(&[
            ("articles/a.txt", "+++\ntitle = \"A\"\n"),
            ("articles/b.txt", "Text é"),
            (
                "extracted/b.toml",
                "article = \"b\"\n[extractor]\nextractor = \"x\"\n\n[[event]]\nid = \"b#x1\"\nconfidence = 0.5\n[event.fields]\n[event.evidence]\nfatalities = [[5, 6]]\n",
            ),
            ("reviewed/zz.toml", "article = \"zz\"\n"),
        ]);
        let problems: Vec<String> = check_desk(&desk).iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains("articles/a.txt:1:1: front matter"),
            "{problems:#?}"
        );
        assert!(
            problems[1].contains("extracted/b.toml:6:1: event `b#x1`"),
            "{problems:#?}"
        );
        assert!(
            problems[2].contains("reviewed/zz.toml:1:1:"),
            "{problems:#?}"
        );
    }
}
