//! Events reviewed / total for the whole desk.
//!
//! A background scan reports each article's counts as it reads them; the
//! review state overwrites an article's counts whenever it loads or changes
//! that article. A scan report never overwrites what the state already
//! knows, so decisions made during the scan are counted exactly once.

use crate::model::{ReviewEvent, Status};

/// One article's events: how many are decided, out of how many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub reviewed: u32,
    pub total: u32,
}

impl Counts {
    pub fn of(events: &[ReviewEvent]) -> Counts {
        let total = events.len() as u32;
        let pending = events
            .iter()
            .filter(|e| e.status() == Status::Pending)
            .count() as u32;
        Counts {
            reviewed: total - pending,
            total,
        }
    }

    pub fn has_pending(self) -> bool {
        self.reviewed < self.total
    }
}

/// The desk's progress, article by article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    per_article: Vec<Option<Counts>>,
    known: usize,
    reviewed: u64,
    total: u64,
}

impl Progress {
    pub fn new(article_count: usize) -> Progress {
        Progress {
            per_article: vec![None; article_count],
            ..Progress::default()
        }
    }

    /// A count from the background scan: kept only if nothing newer is known.
    pub fn scanned(&mut self, index: usize, counts: Counts) {
        if matches!(self.per_article.get(index), Some(None)) {
            self.set(index, counts);
        }
    }

    /// A count from the article as loaded or just changed: always wins.
    pub fn observed(&mut self, index: usize, counts: Counts) {
        if index < self.per_article.len() {
            self.set(index, counts);
        }
    }

    fn set(&mut self, index: usize, counts: Counts) {
        match self.per_article[index].replace(counts) {
            Some(old) => {
                self.reviewed -= u64::from(old.reviewed);
                self.total -= u64::from(old.total);
            }
            None => self.known += 1,
        }
        self.reviewed += u64::from(counts.reviewed);
        self.total += u64::from(counts.total);
    }

    pub fn reviewed(&self) -> u64 {
        self.reviewed
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whether every article has been counted.
    pub fn is_complete(&self) -> bool {
        self.known == self.per_article.len()
    }

    /// Articles counted so far.
    pub fn known(&self) -> usize {
        self.known
    }

    pub fn counts(&self, index: usize) -> Option<Counts> {
        self.per_article.get(index).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(reviewed: u32, total: u32) -> Counts {
        Counts { reviewed, total }
    }

    #[test]
    fn a_scan_never_overwrites_what_the_state_saw() {
        let mut progress = Progress::new(3);
        progress.observed(1, counts(2, 3));
        progress.scanned(1, counts(0, 3));
        progress.scanned(0, counts(1, 1));
        assert_eq!((progress.reviewed(), progress.total()), (3, 4));
        assert!(!progress.is_complete());
        progress.scanned(2, counts(0, 5));
        progress.observed(1, counts(3, 3));
        assert_eq!((progress.reviewed(), progress.total()), (4, 9));
        assert!(progress.is_complete());
        progress.scanned(7, counts(1, 1));
        assert_eq!(progress.known(), 3);
    }
}
