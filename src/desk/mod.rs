//! A desk is a directory: `articles/`, `extracted/`, `reviewed/`,
//! `links.toml`, `gazetteer.toml`. This module reads and writes it; it knows
//! nothing of terminals.
//!
//! Opening a desk lists article ids only (one directory read); an article's
//! text and files are read when asked for, and a save writes one article's
//! file, so nothing here grows with the size of the desk except `open`.

mod article;
mod atomic;
mod check;
mod files;
mod lock;
mod problem;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use article::{Article, Meta, parse_article, render_article};
pub use atomic::{write_atomic, write_atomic_with};
pub use check::check_desk;
pub use files::{CandidateFile, DecisionFile, parse_toml, render_candidates, render_decisions};
pub use lock::{DeskLock, LOCK_FILE, LockOutcome};
pub use problem::{Problem, line_column};

use crate::model::ReviewEvent;

/// Anything that can go wrong reading or writing a desk.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0}")]
    Problem(#[from] Problem),
    #[error("{0}: not a desk (it has no articles/ folder)")]
    NotADesk(PathBuf),
    #[error("no article `{0}` in this desk")]
    NoArticle(String),
    #[error("{path}: cannot write: {message}")]
    Render { path: PathBuf, message: String },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> DeskError + '_ {
    move |source| DeskError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// An open desk: its root and the sorted ids of its articles.
#[derive(Debug)]
pub struct Desk {
    root: PathBuf,
    ids: Vec<String>,
}

impl Desk {
    /// Opens the desk at `root` by listing `articles/*.txt`.
    pub fn open(root: &Path) -> Result<Desk, DeskError> {
        let articles = root.join("articles");
        if !articles.is_dir() {
            return Err(DeskError::NotADesk(root.to_path_buf()));
        }
        let mut ids = Vec::new();
        for entry in fs::read_dir(&articles).map_err(io_error(&articles))? {
            let entry = entry.map_err(io_error(&articles))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with('.') {
                continue;
            }
            if let Some(id) = name.strip_suffix(".txt") {
                ids.push(id.to_string());
            }
        }
        ids.sort_unstable();
        Ok(Desk {
            root: root.to_path_buf(),
            ids,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Article ids in file-name order.
    pub fn article_ids(&self) -> &[String] {
        &self.ids
    }

    pub fn article_index(&self, id: &str) -> Option<usize> {
        self.ids
            .binary_search_by(|probe| probe.as_str().cmp(id))
            .ok()
    }

    /// The ids that start with `prefix`, in order (the ids are sorted, so
    /// this is two binary searches, whatever the desk's size).
    pub fn ids_starting_with(&self, prefix: &str) -> &[String] {
        let start = self.ids.partition_point(|id| id.as_str() < prefix);
        let len = self.ids[start..].partition_point(|id| id.starts_with(prefix));
        &self.ids[start..start + len]
    }

    pub fn article_path(&self, id: &str) -> PathBuf {
        self.root.join("articles").join(format!("{id}.txt"))
    }

    pub fn candidates_path(&self, id: &str) -> PathBuf {
        self.root.join("extracted").join(format!("{id}.toml"))
    }

    pub fn decisions_path(&self, id: &str) -> PathBuf {
        self.root.join("reviewed").join(format!("{id}.toml"))
    }

    pub fn links_path(&self) -> PathBuf {
        self.root.join("links.toml")
    }

    pub fn gazetteer_path(&self) -> PathBuf {
        self.root.join("gazetteer.toml")
    }

    /// Folder for factdesk's own state (undo history, last position).
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(".factdesk")
    }

    /// Takes the desk's write lock for `who`, or says who holds it. The
    /// holder sweeps away temp files left by a writer that was killed.
    pub fn lock(&self, who: &str) -> Result<LockOutcome, DeskError> {
        let outcome =
            lock::acquire(&self.root, who).map_err(io_error(&self.root.join(LOCK_FILE)))?;
        if matches!(outcome, LockOutcome::Acquired(_)) {
            for folder in ["extracted", "reviewed", ".factdesk", ""] {
                atomic::remove_stale_temp_files(&self.root.join(folder));
            }
        }
        Ok(outcome)
    }

    pub fn load_article(&self, id: &str) -> Result<Article, DeskError> {
        let path = self.article_path(id);
        let bytes = fs::read(&path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => DeskError::NoArticle(id.to_string()),
            _ => DeskError::Io {
                path: path.clone(),
                source,
            },
        })?;
        Ok(parse_article(&path, id, &bytes)?)
    }

    /// Ids of the articles that have a candidates file: one directory
    /// listing, not one `stat` per article.
    pub fn ids_with_candidates(&self) -> Result<std::collections::HashSet<String>, DeskError> {
        let dir = self.root.join("extracted");
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Default::default()),
            Err(source) => return Err(DeskError::Io { path: dir, source }),
        };
        let mut ids = std::collections::HashSet::new();
        for entry in entries {
            let name = entry.map_err(io_error(&dir))?.file_name();
            if let Some(id) = name.to_str().and_then(|n| n.strip_suffix(".toml"))
                && !id.starts_with('.')
            {
                ids.insert(id.to_string());
            }
        }
        Ok(ids)
    }

    /// The machine candidates of an article, `None` if it was never extracted.
    pub fn load_candidates(&self, id: &str) -> Result<Option<CandidateFile>, DeskError> {
        let path = self.candidates_path(id);
        let Some(text) = read_optional(&path)? else {
            return Ok(None);
        };
        Ok(Some(parse_toml(&path, &text)?))
    }

    /// The decisions on an article's events (empty if none yet).
    pub fn load_decisions(&self, id: &str) -> Result<DecisionFile, DeskError> {
        let path = self.decisions_path(id);
        match read_optional(&path)? {
            Some(text) => Ok(parse_toml(&path, &text)?),
            None => Ok(DecisionFile::empty(id)),
        }
    }

    /// An article's events as the analyst sees them (decisions over candidates).
    pub fn load_events(&self, id: &str) -> Result<Vec<ReviewEvent>, DeskError> {
        let candidates = self.load_candidates(id)?;
        let decisions = self.load_decisions(id)?;
        let candidates = candidates.map(|c| c.events).unwrap_or_default();
        Ok(crate::model::merge_events(&candidates, &decisions.events))
    }

    pub fn save_candidates(&self, file: &CandidateFile) -> Result<(), DeskError> {
        let path = self.candidates_path(&file.article);
        let text = render_candidates(file).map_err(|err| DeskError::Render {
            path: path.clone(),
            message: err.to_string(),
        })?;
        write_atomic(&path, text.as_bytes()).map_err(io_error(&path))
    }

    /// Saves one article's decisions, atomically and durably.
    pub fn save_decisions(&self, file: &DecisionFile) -> Result<(), DeskError> {
        let path = self.decisions_path(&file.article);
        let text = render_decisions(file).map_err(|err| DeskError::Render {
            path: path.clone(),
            message: err.to_string(),
        })?;
        write_atomic(&path, text.as_bytes()).map_err(io_error(&path))
    }
}

/// Reads a file that may not exist yet.
fn read_optional(path: &Path) -> Result<Option<String>, DeskError> {
    match fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|err| {
            let valid = err.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
            Problem::at_offset(path, &prefix, valid, "the file is not valid UTF-8").into()
        }),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(DeskError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Candidate, EventFields, Provenance};

    /// A desk in a temp folder with these files (path relative to the desk, text).
    pub(super) fn desk_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Desk) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("articles")).unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let desk = Desk::open(dir.path()).unwrap();
        (dir, desk)
    }

    #[test]
    fn open_lists_article_ids_sorted() {
        let (_dir, desk) = desk_with(&[
            ("articles/b.txt", "B"),
            ("articles/a.txt", "A"),
            ("articles/.hidden.txt", "x"),
            ("articles/notes.md", "x"),
        ]);
        assert_eq!(desk.article_ids(), ["a", "b"]);
        assert_eq!(desk.article_index("b"), Some(1));
    }

    #[test]
    fn ids_by_their_start() {
        let (_dir, desk) = desk_with(&[
            ("articles/010_b.txt", "B"),
            ("articles/001_a.txt", "A"),
            ("articles/011.txt", "C"),
            ("articles/1.txt", "D"),
        ]);
        assert_eq!(desk.ids_starting_with("01"), ["010_b", "011"]);
        assert_eq!(desk.ids_starting_with("0"), ["001_a", "010_b", "011"]);
        assert_eq!(desk.ids_starting_with("1"), ["1"]);
        assert!(desk.ids_starting_with("2").is_empty());
        assert_eq!(desk.ids_starting_with("").len(), 4);
    }

    #[test]
    fn not_a_desk() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Desk::open(dir.path()),
            Err(DeskError::NotADesk(_))
        ));
    }

    #[test]
    fn candidates_and_decisions_are_kept_apart() {
        let (_dir, desk) = desk_with(&[("articles/a.txt", "Text")]);
        assert!(desk.load_candidates("a").unwrap().is_none());
        assert!(desk.ids_with_candidates().unwrap().is_empty());
        let file = CandidateFile {
            article: "a".into(),
            extractor: Provenance::builtin(),
            events: vec![Candidate {
                id: "a#x1".into(),
                background: false,
                confidence: 0.5,
                fields: EventFields::default(),
                evidence: Default::default(),
                field_confidence: Default::default(),
                casualties: Default::default(),
            }],
        };
        desk.save_candidates(&file).unwrap();
        assert_eq!(desk.load_candidates("a").unwrap(), Some(file));
        assert!(desk.ids_with_candidates().unwrap().contains("a"));
        assert_eq!(desk.load_decisions("a").unwrap(), DecisionFile::empty("a"));
        assert!(!desk.decisions_path("a").exists());
        assert_eq!(desk.load_events("a").unwrap().len(), 1);
    }

    #[test]
    fn a_bad_reviewed_file_is_an_error_not_an_empty_file() {
        let (_dir, desk) = desk_with(&[
            ("articles/a.txt", "Text"),
            ("reviewed/a.toml", "article = \"a\"\n[[event]]\nid = 3\n"),
        ]);
        let err = desk.load_decisions("a").unwrap_err();
        assert!(err.to_string().contains("reviewed/a.toml:"), "{err}");
    }
}
