//! Which buckets of the link index each article's events are filed under,
//! kept in `.factdesk/link-keys.json` so that `factdesk link suggest` reads
//! only the articles that could hold a match, not the whole desk.
//!
//! Each article's entry carries a stamp of its three files (article,
//! candidates, decisions: length, modification time, inode); an entry
//! whose stamp no longer matches the files is read again. Atomic saves
//! replace the inode, so even a rewrite within one clock tick is seen. The
//! file is a cache: missing, unreadable or from another version, it is
//! rebuilt, and failing to save it changes no answer.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::index::{LinkIndex, article_events, bucket_keys, query_keys};
use super::score::LinkEvent;
use crate::desk::{Desk, DeskError, write_atomic};

const KEYS_FILE: &str = "link-keys.json";

/// Bumped whenever what a bucket key means changes (`bucket_keys`, the
/// names it folds, the built-in borders); the crate version is checked too.
const FORMAT: u32 = 1;

/// A file as last seen: length, modification time in nanoseconds, inode;
/// `None` when the file did not exist.
type Stamp = Option<(u64, u128, u64)>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Filed {
    stamps: [Stamp; 3],
    keys: Vec<(u64, i32)>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct KeysFile {
    format: u32,
    factdesk: String,
    articles: HashMap<String, Filed>,
}

impl KeysFile {
    fn load(desk: &Desk) -> KeysFile {
        let path = desk.state_dir().join(KEYS_FILE);
        let parsed = fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<KeysFile>(&bytes).ok());
        match parsed {
            Some(file) if file.format == FORMAT && file.factdesk == env!("CARGO_PKG_VERSION") => {
                file
            }
            _ => KeysFile::default(),
        }
    }

    /// Saves the keys; a failure (a read-only desk) only costs the next
    /// run the reading again.
    fn save(&self, desk: &Desk) {
        if let Ok(bytes) = serde_json::to_vec(self) {
            let _ = write_atomic(&desk.state_dir().join(KEYS_FILE), &bytes);
        }
    }
}

fn stamp(path: &Path) -> io::Result<Stamp> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let modified = meta
        .modified()?
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Ok(Some((meta.len(), modified, inode)))
}

/// The stamps of an article's three files; `None` if one cannot be read
/// (the article is then read, which reports why).
fn stamps(desk: &Desk, id: &str) -> Option<[Stamp; 3]> {
    Some([
        stamp(&desk.article_path(id)).ok()?,
        stamp(&desk.candidates_path(id)).ok()?,
        stamp(&desk.decisions_path(id)).ok()?,
    ])
}

/// The buckets an article's events are filed under, each once.
fn article_keys(events: &[LinkEvent]) -> Vec<(u64, i32)> {
    let mut keys: Vec<(u64, i32)> = events.iter().flat_map(bucket_keys).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// An article read again: its events (or why they cannot be read) and its
/// new entry.
type Reread = (Result<Vec<LinkEvent>, DeskError>, Option<Filed>);

impl LinkIndex {
    /// An index of the events that may be the same incident as `query`:
    /// only the articles filed under the buckets it searches are read, as
    /// the keys kept in `.factdesk/` tell, and the articles changed since
    /// (checked by a stamp of their files). Suggestions for `query` from it
    /// are those of an index of the whole desk. Articles that cannot be read
    /// are left out and returned with their error.
    pub fn around(desk: &Desk, query: &LinkEvent) -> (LinkIndex, Vec<DeskError>) {
        let mut kept = KeysFile::load(desk);
        let ids = desk.article_ids();
        let current: Vec<Option<[Stamp; 3]>> = ids.par_iter().map(|id| stamps(desk, id)).collect();
        let stale: Vec<usize> = (0..ids.len())
            .filter(|&i| {
                let filed = kept.articles.get(&ids[i]);
                current[i].is_none() || filed.is_none_or(|f| Some(f.stamps) != current[i])
            })
            .collect();
        let reread: Vec<Reread> = stale
            .par_iter()
            .map(|&i| {
                let events = article_events(desk, &ids[i]);
                let filed = match (&events, current[i]) {
                    (Ok(events), Some(stamps)) => Some(Filed {
                        stamps,
                        keys: article_keys(events),
                    }),
                    _ => None,
                };
                (events, filed)
            })
            .collect();
        let wanted: HashSet<(u64, i32)> = query_keys(query).collect();
        let wanted_by = |keys: &[(u64, i32)]| keys.iter().any(|k| wanted.contains(k));
        let mut events = Vec::new();
        let mut errors = Vec::new();
        let mut changed = kept.articles.len() != ids.len();
        for (&i, (read, filed)) in stale.iter().zip(reread) {
            match read {
                Ok(found) => events.extend(found),
                Err(err) => errors.push(err),
            }
            changed = true;
            match filed {
                Some(filed) => kept.articles.insert(ids[i].clone(), filed),
                None => kept.articles.remove(&ids[i]),
            };
        }
        let stale: HashSet<usize> = stale.into_iter().collect();
        let matching: Vec<&String> = (0..ids.len())
            .filter(|i| !stale.contains(i))
            .map(|i| &ids[i])
            .filter(|id| kept.articles.get(*id).is_some_and(|f| wanted_by(&f.keys)))
            .collect();
        let read: Vec<Result<Vec<LinkEvent>, DeskError>> = matching
            .par_iter()
            .map(|id| article_events(desk, id))
            .collect();
        for result in read {
            match result {
                Ok(found) => events.extend(found),
                Err(err) => errors.push(err),
            }
        }
        if changed {
            kept.articles
                .retain(|id, _| desk.article_index(id).is_some());
            kept.format = FORMAT;
            kept.factdesk = env!("CARGO_PKG_VERSION").to_string();
            kept.save(desk);
        }
        (LinkIndex::new(events), errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::{CandidateFile, Meta, render_article};
    use crate::model::{Candidate, EventFields, Field, Provenance};

    fn candidate(id: &str, tag: usize, country: &str, date: &str) -> Candidate {
        let mut fields = EventFields::default();
        for (field, value) in [
            (Field::Country, country),
            (Field::EventDate, date),
            (Field::TimePrecision, "1"),
            (Field::Fatalities, "17"),
            (Field::EventType, "Battles"),
        ] {
            fields.set(field, value).unwrap();
        }
        Candidate {
            id: format!("{id}#x{tag}"),
            background: false,
            confidence: 0.8,
            fields,
            evidence: Default::default(),
            field_confidence: Default::default(),
            casualties: Default::default(),
        }
    }

    fn write(desk: &Desk, id: &str, events: &[(&str, &str)]) {
        let meta = Meta {
            title: Some(format!("Article {id}")),
            source: None,
            url: None,
            published: None,
            language: "en".into(),
        };
        fs::write(desk.article_path(id), render_article(&meta, "Text.")).unwrap();
        let events = (events.iter().enumerate())
            .map(|(tag, (country, date))| candidate(id, tag, country, date))
            .collect();
        desk.save_candidates(&CandidateFile {
            article: id.to_string(),
            extractor: Provenance::builtin(),
            events,
        })
        .unwrap();
    }

    /// The suggestions for `query` from the kept keys and from the whole desk.
    fn both(dir: &Path, query: &str) -> (Vec<String>, Vec<String>, usize) {
        let desk = Desk::open(dir).unwrap();
        let (whole, _) = LinkIndex::build(&desk);
        let event = whole.get(query).unwrap().clone();
        let (around, errors) = LinkIndex::around(&desk, &event);
        assert!(errors.is_empty(), "{errors:?}");
        let ids = |index: &LinkIndex| -> Vec<String> {
            let found = index.suggest(&event, 10).into_iter();
            found.map(|s| s.event).collect()
        };
        (ids(&around), ids(&whole), around.len())
    }

    #[test]
    fn suggests_as_the_whole_desk_does_reading_only_nearby_articles() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("articles")).unwrap();
        let desk = Desk::open(dir.path()).unwrap();
        write(&desk, "a", &[("Niger", "2023-08-15")]);
        write(
            &desk,
            "b",
            &[("Niger", "2023-08-16"), ("Chad", "2023-08-16")],
        );
        write(&desk, "c", &[("Niger", "2021-01-10")]);
        write(&desk, "d", &[("Mali", "2023-08-15")]);
        write(&desk, "e", &[("Niger", "2023-09-01")]);
        let (around, whole, filed) = both(dir.path(), "a#x0");
        assert_eq!(around, whole);
        assert_eq!(around, ["b#x0", "e#x0"]);
        assert_eq!(filed, 6, "the first time, every article is read");
        let (around, _, filed) = both(dir.path(), "a#x0");
        assert_eq!(around, ["b#x0", "e#x0"]);
        assert_eq!(filed, 4, "then c and d are not read");
        let keys = KeysFile::load(&desk);
        assert_eq!(keys.articles.len(), 5, "every article filed");

        // Changed files are read again: c moves to August 2023, d is gone,
        // f is new.
        write(&desk, "c", &[("Niger", "2023-08-14")]);
        fs::remove_file(desk.article_path("d")).unwrap();
        fs::remove_file(desk.candidates_path("d")).unwrap();
        write(&desk, "f", &[("Niger", "2023-08-15")]);
        let (around, whole, _) = both(dir.path(), "a#x0");
        assert_eq!(around, whole);
        assert_eq!(around, ["f#x0", "b#x0", "c#x0", "e#x0"]);
        let keys = KeysFile::load(&desk);
        assert!(keys.articles.contains_key("f") && !keys.articles.contains_key("d"));
    }

    #[test]
    fn a_damaged_keys_file_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("articles")).unwrap();
        let desk = Desk::open(dir.path()).unwrap();
        write(&desk, "a", &[("Niger", "2023-08-15")]);
        write(&desk, "b", &[("Niger", "2023-08-15")]);
        fs::create_dir_all(desk.state_dir()).unwrap();
        fs::write(desk.state_dir().join(KEYS_FILE), "{\"format\": 1, \"artic").unwrap();
        let (around, whole, _) = both(dir.path(), "a#x0");
        assert_eq!(
            (around.as_slice(), whole.as_slice()),
            (&["b#x0".to_string()][..], &["b#x0".to_string()][..])
        );
        assert_eq!(KeysFile::load(&desk).articles.len(), 2);
    }
}
