//! `DIR/links.toml`: clusters of events that are one real-world event.
//!
//! The file is written in a fixed order (clusters by id, members by event
//! id, values in field order) so that linking two events changes a few
//! lines and two analysts' files merge in git. Each member records who
//! linked it and when; each cluster value records who set it and by which
//! rule. A cluster id never changes once made, even as members come and go,
//! so exports and notes can cite it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::text::fnv1a;
use super::values::Rule;
use crate::desk::{Desk, DeskError, Problem, line_column, write_atomic};
use crate::model::{EventFields, EventId, Field};

/// One real-world event: the events (from any article) that report it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub id: String,
    /// Sorted by event id; two or more.
    #[serde(rename = "member")]
    pub members: Vec<Member>,
    /// Values an analyst chose for the cluster, in field order. Fields not
    /// here follow their default rule (see [`super::default_rule`]).
    #[serde(rename = "value", default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ClusterValue>,
}

impl Cluster {
    pub fn member_ids(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| m.event.as_str())
    }

    pub fn contains(&self, event: &str) -> bool {
        self.members.iter().any(|m| m.event == event)
    }

    /// The value an analyst recorded for `field`, if any.
    pub fn value(&self, field: Field) -> Option<&ClusterValue> {
        self.values.iter().find(|v| v.field == field)
    }
}

/// An event in a cluster, with who put it there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub event: EventId,
    pub linked_by: String,
    pub linked_at: Timestamp,
}

/// A cluster value the analyst chose: their own (`rule = "analyst"`) or the
/// one a default rule gave, accepted and so frozen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterValue {
    pub field: Field,
    /// As typed for the field (`EventFields::get` form), validated.
    pub value: String,
    pub rule: Rule,
    pub set_by: String,
    pub set_at: Timestamp,
}

/// Why a link operation was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LinkError {
    #[error("an event cannot be linked to itself (`{0}`)")]
    SameEvent(String),
    #[error("`{0}` is not an event id (expected <article>#<tag>)")]
    BadEventId(String),
    #[error("`{0}` and `{1}` are already linked (cluster {2})")]
    AlreadyLinked(String, String, String),
    #[error("`{0}` is not linked to any event")]
    NotLinked(String),
    #[error("`{0}` is neither a cluster id nor a linked event")]
    NoCluster(String),
    #[error("{0}")]
    Value(#[from] crate::model::FieldError),
    #[error("no member of the cluster reports {0}: its default rule gives nothing")]
    NoValue(Field),
    #[error("cluster {0} changed since that step; the links are left as they are")]
    Changed(String),
}

/// What a change replaced: each touched cluster as it was before (`None`:
/// it did not exist). [`Links::revert`] puts it back, which is undo; the
/// change it returns puts it back again, which is redo.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Change {
    before: Vec<(String, Option<Cluster>)>,
}

/// One change to the links as the review's undo history keeps it: the
/// clusters it touched, before and after (a few members each, whatever the
/// size of the desk).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkStep {
    pub before: Change,
    pub after: Change,
}

impl Change {
    /// Ids of the clusters this change touched.
    pub fn clusters(&self) -> impl Iterator<Item = &str> {
        self.before.iter().map(|(id, _)| id.as_str())
    }
}

/// All the links of a desk, indexed by event.
#[derive(Clone, Debug, Default)]
pub struct Links {
    clusters: BTreeMap<String, Cluster>,
    by_event: HashMap<EventId, String>,
    /// Where things stood in the file this was loaded from, for `check`.
    path: PathBuf,
    positions: HashMap<String, (usize, usize)>,
}

impl Links {
    /// Reads `DIR/links.toml`; a desk without one has no links.
    pub fn load(desk: &Desk) -> Result<Links, DeskError> {
        let path = desk.links_path();
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|err| {
                    let valid = err.utf8_error().valid_up_to();
                    let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
                    Problem::at_offset(&path, &prefix, valid, "the file is not valid UTF-8")
                })?;
                Ok(Links::parse(&path, &text)?)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Links {
                path,
                ..Links::default()
            }),
            Err(source) => Err(DeskError::Io { path, source }),
        }
    }

    /// Parses the text of a links file; `path` is used in problems.
    pub fn parse(path: &Path, text: &str) -> Result<Links, Problem> {
        let raw: RawFile =
            toml::from_str(text).map_err(|err| Problem::from_toml(path, text, 0, &err))?;
        let at = |span: std::ops::Range<usize>, message: String| {
            Problem::at_offset(path, text, span.start, message)
        };
        let mut links = Links {
            path: path.to_path_buf(),
            ..Links::default()
        };
        for raw_cluster in raw.cluster {
            let id = raw_cluster.id.get_ref().clone();
            if links.clusters.contains_key(&id) {
                return Err(at(
                    raw_cluster.id.span(),
                    format!("cluster id `{id}` is used twice"),
                ));
            }
            links
                .positions
                .insert(id.clone(), line_column(text, raw_cluster.id.span().start));
            let mut members: Vec<Member> = Vec::with_capacity(raw_cluster.member.len());
            for raw_member in raw_cluster.member {
                let event = raw_member.event.get_ref();
                if article_of(event).is_none() {
                    return Err(at(
                        raw_member.event.span(),
                        LinkError::BadEventId(event.clone()).to_string(),
                    ));
                }
                if let Some(other) = links.by_event.get(event) {
                    return Err(at(
                        raw_member.event.span(),
                        format!("event `{event}` is already a member of cluster `{other}`"),
                    ));
                }
                if members.iter().any(|m| &m.event == event) {
                    return Err(at(
                        raw_member.event.span(),
                        format!("event `{event}` is listed twice in cluster `{id}`"),
                    ));
                }
                links.positions.insert(
                    event.clone(),
                    line_column(text, raw_member.event.span().start),
                );
                members.push(Member {
                    event: raw_member.event.into_inner(),
                    linked_by: raw_member.linked_by,
                    linked_at: raw_member.linked_at,
                });
            }
            let mut values: Vec<ClusterValue> = Vec::with_capacity(raw_cluster.value.len());
            for raw_value in raw_cluster.value {
                let field = *raw_value.field.get_ref();
                if values.iter().any(|v| v.field == field) {
                    return Err(at(
                        raw_value.field.span(),
                        format!("cluster `{id}` sets {field} twice"),
                    ));
                }
                let value = validated(field, raw_value.value.get_ref())
                    .map_err(|err| at(raw_value.value.span(), err.to_string()))?;
                values.push(ClusterValue {
                    field,
                    value,
                    rule: raw_value.rule,
                    set_by: raw_value.set_by,
                    set_at: raw_value.set_at,
                });
            }
            members.sort_by(|a, b| a.event.cmp(&b.event));
            values.sort_by_key(|v| v.field);
            links.insert_cluster(Cluster {
                id,
                members,
                values,
            });
        }
        Ok(links)
    }

    /// The file's text: a header, then clusters in id order.
    pub fn render(&self) -> Result<String, toml::ser::Error> {
        let file = FileOut {
            cluster: self.clusters.values().collect(),
        };
        Ok(format!("{HEADER}{}", toml::to_string(&file)?))
    }

    /// Writes `DIR/links.toml` atomically and durably.
    pub fn save(&self, desk: &Desk) -> Result<(), DeskError> {
        let path = desk.links_path();
        let text = self.render().map_err(|err| DeskError::Render {
            path: path.clone(),
            message: err.to_string(),
        })?;
        write_atomic(&path, text.as_bytes()).map_err(|source| DeskError::Io { path, source })
    }

    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    /// Clusters in id order.
    pub fn clusters(&self) -> impl ExactSizeIterator<Item = &Cluster> {
        self.clusters.values()
    }

    pub fn cluster(&self, id: &str) -> Option<&Cluster> {
        self.clusters.get(id)
    }

    /// The cluster an event belongs to, if it is linked.
    pub fn cluster_of(&self, event: &str) -> Option<&Cluster> {
        self.by_event
            .get(event)
            .and_then(|id| self.clusters.get(id))
    }

    /// A cluster named by its id or by any of its members' event ids.
    pub fn find(&self, cluster_or_event: &str) -> Option<&Cluster> {
        self.cluster(cluster_or_event)
            .or_else(|| self.cluster_of(cluster_or_event))
    }

    /// Says that `a` and `b` are the same real-world event. If each is in a
    /// cluster already, the two clusters become one: the larger one (or the
    /// one with the smaller id) keeps its id and its values, and takes the
    /// other's values for fields it has none for.
    pub fn link(
        &mut self,
        a: &str,
        b: &str,
        who: &str,
        when: Timestamp,
    ) -> Result<Change, LinkError> {
        for id in [a, b] {
            if article_of(id).is_none() {
                return Err(LinkError::BadEventId(id.to_string()));
            }
        }
        if a == b {
            return Err(LinkError::SameEvent(a.to_string()));
        }
        let member = |event: &str| Member {
            event: event.to_string(),
            linked_by: who.to_string(),
            linked_at: when,
        };
        match (self.by_event.get(a).cloned(), self.by_event.get(b).cloned()) {
            (None, None) => {
                let id = self.new_cluster_id(a, b);
                let change = Change {
                    before: vec![(id.clone(), None)],
                };
                let mut members = vec![member(a), member(b)];
                members.sort_by(|x, y| x.event.cmp(&y.event));
                self.insert_cluster(Cluster {
                    id,
                    members,
                    values: Vec::new(),
                });
                Ok(change)
            }
            (Some(id), None) => Ok(self.add_member(&id, member(b))),
            (None, Some(id)) => Ok(self.add_member(&id, member(a))),
            (Some(x), Some(y)) if x == y => Err(LinkError::AlreadyLinked(
                a.to_string(),
                b.to_string(),
                x.to_string(),
            )),
            (Some(x), Some(y)) => Ok(self.merge(&x, &y)),
        }
    }

    /// Takes `event` out of its cluster. A cluster left with one member
    /// is dissolved: one event alone is not a link.
    pub fn unlink(&mut self, event: &str) -> Result<Change, LinkError> {
        let id = self
            .by_event
            .get(event)
            .cloned()
            .ok_or_else(|| LinkError::NotLinked(event.to_string()))?;
        let Some(mut cluster) = self.remove_cluster(&id) else {
            return Err(LinkError::NotLinked(event.to_string()));
        };
        let change = Change {
            before: vec![(id, Some(cluster.clone()))],
        };
        cluster.members.retain(|m| m.event != event);
        if cluster.members.len() >= 2 {
            self.insert_cluster(cluster);
        }
        Ok(change)
    }

    /// Sets the cluster's value of `field` as the analyst's own; an empty
    /// value removes it (the field follows its default rule again).
    pub fn set_value(
        &mut self,
        cluster_or_event: &str,
        field: Field,
        value: &str,
        who: &str,
        when: Timestamp,
    ) -> Result<Change, LinkError> {
        self.record_value(cluster_or_event, field, value, Rule::Analyst, who, when)
    }

    /// Records the cluster's value of `field` and the rule that gave it
    /// (the analyst's own, or a default rule's result the analyst accepted).
    pub fn record_value(
        &mut self,
        cluster_or_event: &str,
        field: Field,
        value: &str,
        rule: Rule,
        who: &str,
        when: Timestamp,
    ) -> Result<Change, LinkError> {
        let id = self
            .find(cluster_or_event)
            .map(|c| c.id.clone())
            .ok_or_else(|| LinkError::NoCluster(cluster_or_event.to_string()))?;
        let value = if value.trim().is_empty() {
            None
        } else {
            Some(validated(field, value)?)
        };
        let Some(cluster) = self.clusters.get_mut(&id) else {
            return Err(LinkError::NoCluster(cluster_or_event.to_string()));
        };
        let change = Change {
            before: vec![(id, Some(cluster.clone()))],
        };
        cluster.values.retain(|v| v.field != field);
        if let Some(value) = value {
            cluster.values.push(ClusterValue {
                field,
                value,
                rule,
                set_by: who.to_string(),
                set_at: when,
            });
            cluster.values.sort_by_key(|v| v.field);
        }
        Ok(change)
    }

    /// The step a change just made: what it replaced and what is there now.
    pub fn step(&self, change: Change) -> LinkStep {
        let after = change
            .before
            .iter()
            .map(|(id, _)| (id.clone(), self.clusters.get(id).cloned()))
            .collect();
        LinkStep {
            before: change,
            after: Change { before: after },
        }
    }

    /// Puts back the clusters of `target`, provided those of `expected`
    /// are still as they were: links changed since (by `factdesk link`, a
    /// merge, a hand edit) are never overwritten by an old snapshot.
    pub fn restore(&mut self, expected: &Change, target: &Change) -> Result<(), LinkError> {
        for (id, cluster) in &expected.before {
            if self.clusters.get(id) != cluster.as_ref() {
                return Err(LinkError::Changed(id.clone()));
            }
        }
        self.revert(target.clone());
        Ok(())
    }

    /// Undoes `change`; returns the change that redoes it.
    pub fn revert(&mut self, change: Change) -> Change {
        let mut after = Vec::with_capacity(change.before.len());
        for (id, before) in change.before {
            let current = self.remove_cluster(&id);
            if let Some(cluster) = before {
                self.insert_cluster(cluster);
            }
            after.push((id, current));
        }
        Change { before: after }
    }

    fn add_member(&mut self, id: &str, member: Member) -> Change {
        let Some(cluster) = self.clusters.get_mut(id) else {
            return Change::default();
        };
        let change = Change {
            before: vec![(id.to_string(), Some(cluster.clone()))],
        };
        self.by_event.insert(member.event.clone(), id.to_string());
        let at = cluster
            .members
            .partition_point(|m| m.event.as_str() < member.event.as_str());
        cluster.members.insert(at, member);
        change
    }

    fn merge(&mut self, x: &str, y: &str) -> Change {
        let size = |id: &str| self.clusters.get(id).map_or(0, |c| c.members.len());
        // The larger cluster survives; on a tie, the smaller id.
        let (keep, fold) = if (size(y), x) > (size(x), y) {
            (y, x)
        } else {
            (x, y)
        };
        let (Some(mut kept), Some(folded)) = (self.remove_cluster(keep), self.remove_cluster(fold))
        else {
            return Change::default();
        };
        let change = Change {
            before: vec![
                (keep.to_string(), Some(kept.clone())),
                (fold.to_string(), Some(folded.clone())),
            ],
        };
        kept.members.extend(folded.members);
        kept.members.sort_by(|a, b| a.event.cmp(&b.event));
        for value in folded.values {
            if kept.value(value.field).is_none() {
                kept.values.push(value);
            }
        }
        kept.values.sort_by_key(|v| v.field);
        self.insert_cluster(kept);
        change
    }

    fn insert_cluster(&mut self, cluster: Cluster) {
        for member in &cluster.members {
            self.by_event
                .insert(member.event.clone(), cluster.id.clone());
        }
        self.clusters.insert(cluster.id.clone(), cluster);
    }

    fn remove_cluster(&mut self, id: &str) -> Option<Cluster> {
        let cluster = self.clusters.remove(id)?;
        for member in &cluster.members {
            if self.by_event.get(&member.event).is_some_and(|c| c == id) {
                self.by_event.remove(&member.event);
            }
        }
        Some(cluster)
    }

    /// A new cluster's id: a short hash of its first two members, so two
    /// analysts linking different events on separate copies of a desk
    /// never produce the same id, and the same link gives the same id.
    fn new_cluster_id(&self, a: &str, b: &str) -> String {
        let (first, second) = if a <= b { (a, b) } else { (b, a) };
        let base = format!("c-{:012x}", fnv1a(&[first, second]) >> 16);
        let mut id = base.clone();
        let mut n = 2;
        while self.clusters.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Where `key` (a cluster id or member event id) was in the loaded
    /// file, or the top of the file for things added since.
    fn problem_at(&self, key: &str, message: String) -> Problem {
        let (line, column) = self.positions.get(key).copied().unwrap_or((1, 1));
        Problem {
            path: self.path.clone(),
            line,
            column,
            message,
        }
    }
}

/// The article part of an event id, `None` if `id` is not `<article>#<tag>`.
pub(crate) fn article_of(id: &str) -> Option<&str> {
    let (article, tag) = id.split_once('#')?;
    (!article.is_empty() && !tag.is_empty()).then_some(article)
}

/// `value` checked and normalised as the field's own value would be.
fn validated(field: Field, value: &str) -> Result<String, crate::model::FieldError> {
    let mut scratch = EventFields::default();
    scratch.set(field, value)?;
    Ok(scratch.get(field).unwrap_or_default())
}

/// Links that no longer hold: members whose article or event is gone
/// (e.g. after re-extraction with `--force` dropped a tag), and clusters
/// of fewer than two events. Reads only the articles that links name.
pub fn check_links(desk: &Desk, links: &Links) -> Vec<Problem> {
    let mut by_article: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut problems = Vec::new();
    for cluster in links.clusters() {
        if cluster.members.len() < 2 {
            problems.push(links.problem_at(
                &cluster.id,
                format!(
                    "cluster `{}` has {} member(s); a link needs two events",
                    cluster.id,
                    cluster.members.len()
                ),
            ));
        }
        for event in cluster.member_ids() {
            if let Some(article) = article_of(event) {
                by_article.entry(article).or_default().push(event);
            }
        }
    }
    let gone: Vec<Problem> = by_article
        .into_par_iter()
        .flat_map_iter(|(article, events)| missing_events(desk, links, article, &events))
        .collect();
    problems.extend(gone);
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

fn missing_events(desk: &Desk, links: &Links, article: &str, events: &[&str]) -> Vec<Problem> {
    if desk.article_index(article).is_none() {
        return events
            .iter()
            .map(|event| {
                links.problem_at(
                    event,
                    format!("linked event `{event}`: there is no article `{article}`"),
                )
            })
            .collect();
    }
    let known = match desk.load_events(article) {
        Ok(known) => known,
        Err(err) => {
            return events
                .iter()
                .map(|event| {
                    links.problem_at(
                        event,
                        format!("linked event `{event}`: cannot read its article's events: {err}"),
                    )
                })
                .collect();
        }
    };
    events
        .iter()
        .filter(|event| !known.iter().any(|e| e.id() == **event))
        .map(|event| {
            links.problem_at(
                event,
                format!(
                    "linked event `{event}` no longer exists in article `{article}` \
                     (re-extracted?); unlink it with `factdesk link remove {event}`"
                ),
            )
        })
        .collect()
}

/// `factdesk check` for links: loads `links.toml` and checks it; a file
/// that does not parse is one problem.
pub fn check_desk_links(desk: &Desk) -> Vec<Problem> {
    match Links::load(desk) {
        Ok(links) => check_links(desk, &links),
        Err(DeskError::Problem(problem)) => vec![problem],
        Err(err) => vec![Problem::whole_file(&desk.links_path(), err.to_string())],
    }
}

const HEADER: &str = "# Events that are one real-world event, written by factdesk \
(`factdesk link`, or `l` in the review screen).\n\
# Each [[cluster]] lists its member events (<article>#<tag>) and any value an analyst \
chose for it, with the rule used.\n\n";

#[derive(Serialize)]
struct FileOut<'a> {
    cluster: Vec<&'a Cluster>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    cluster: Vec<RawCluster>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCluster {
    id: Spanned<String>,
    #[serde(default)]
    member: Vec<RawMember>,
    #[serde(default)]
    value: Vec<RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    event: Spanned<String>,
    linked_by: String,
    linked_at: Timestamp,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    field: Spanned<Field>,
    value: Spanned<String>,
    rule: Rule,
    set_by: String,
    set_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::{CandidateFile, Desk};
    use crate::model::{Candidate, Provenance};

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + seconds).unwrap()
    }

    fn ids(cluster: &Cluster) -> Vec<&str> {
        cluster.member_ids().collect()
    }

    #[test]
    fn linking_makes_and_grows_a_cluster() {
        let mut links = Links::default();
        links.link("en#x1", "fr#x3", "alice", at(0)).unwrap();
        links.link("es#x2", "en#x1", "bob", at(5)).unwrap();
        let cluster = links.cluster_of("fr#x3").unwrap();
        assert_eq!(ids(cluster), ["en#x1", "es#x2", "fr#x3"]);
        assert_eq!(cluster.members[1].linked_by, "bob");
        assert_eq!(links.cluster_of("es#x2").unwrap().id, cluster.id);
        assert!(links.cluster_of("en#x9").is_none());
    }

    #[test]
    fn refuses_self_links_bad_ids_and_repeats() {
        let mut links = Links::default();
        assert_eq!(
            links.link("a#x1", "a#x1", "r", at(0)),
            Err(LinkError::SameEvent("a#x1".into()))
        );
        assert!(matches!(
            links.link("a", "b#x1", "r", at(0)),
            Err(LinkError::BadEventId(_))
        ));
        links.link("a#x1", "b#x1", "r", at(0)).unwrap();
        assert!(matches!(
            links.link("b#x1", "a#x1", "r", at(0)),
            Err(LinkError::AlreadyLinked(..))
        ));
        assert!(links.unlink("c#x1").is_err());
    }

    #[test]
    fn linking_members_of_two_clusters_merges_them() {
        let mut links = Links::default();
        links.link("a#x1", "b#x1", "r", at(0)).unwrap();
        links.link("c#x1", "d#x1", "r", at(0)).unwrap();
        links.link("c#x1", "e#x1", "r", at(0)).unwrap();
        links
            .set_value("a#x1", Field::Fatalities, "17", "r", at(1))
            .unwrap();
        links
            .set_value("c#x1", Field::Fatalities, "18", "r", at(1))
            .unwrap();
        links
            .set_value("d#x1", Field::Location, "Koutougou", "r", at(1))
            .unwrap();
        let big = links.cluster_of("c#x1").unwrap().id.clone();
        links.link("b#x1", "d#x1", "r", at(2)).unwrap();
        assert_eq!(links.clusters().len(), 1);
        let merged = links.cluster_of("a#x1").unwrap();
        assert_eq!(merged.id, big, "the larger cluster keeps its id");
        assert_eq!(ids(merged), ["a#x1", "b#x1", "c#x1", "d#x1", "e#x1"]);
        assert_eq!(merged.value(Field::Fatalities).unwrap().value, "18");
        assert_eq!(merged.value(Field::Location).unwrap().value, "Koutougou");
    }

    #[test]
    fn unlinking_the_second_last_member_dissolves_the_cluster() {
        let mut links = Links::default();
        links.link("a#x1", "b#x1", "r", at(0)).unwrap();
        links.link("a#x1", "c#x1", "r", at(0)).unwrap();
        links.unlink("b#x1").unwrap();
        assert_eq!(ids(links.cluster_of("a#x1").unwrap()), ["a#x1", "c#x1"]);
        links.unlink("c#x1").unwrap();
        assert!(links.is_empty());
        assert!(links.cluster_of("a#x1").is_none());
    }

    #[test]
    fn every_change_reverts_and_re_applies() {
        let mut links = Links::default();
        links.link("a#x1", "b#x1", "r", at(0)).unwrap();
        links.link("c#x1", "d#x1", "r", at(0)).unwrap();
        let start = links.render().unwrap();
        let merge = links.link("a#x1", "c#x1", "r", at(1)).unwrap();
        let merged = links.render().unwrap();
        let redo = links.revert(merge);
        assert_eq!(links.render().unwrap(), start);
        assert_eq!(links.cluster_of("d#x1").unwrap().members.len(), 2);
        links.revert(redo);
        assert_eq!(links.render().unwrap(), merged);

        let set = links
            .set_value("a#x1", Field::Fatalities, "17", "r", at(2))
            .unwrap();
        links.revert(set);
        assert_eq!(links.render().unwrap(), merged);
        let unlink = links.unlink("a#x1").unwrap();
        links.revert(unlink);
        assert_eq!(links.render().unwrap(), merged);
    }

    #[test]
    fn values_are_validated_normalised_and_cleared() {
        let mut links = Links::default();
        links.link("a#x1", "b#x1", "r", at(0)).unwrap();
        assert!(matches!(
            links.set_value("a#x1", Field::Fatalities, "many", "r", at(1)),
            Err(LinkError::Value(_))
        ));
        assert!(matches!(
            links.set_value("z#x1", Field::Fatalities, "3", "r", at(1)),
            Err(LinkError::NoCluster(_))
        ));
        let id = links.cluster_of("a#x1").unwrap().id.clone();
        links
            .set_value(&id, Field::Latitude, "13.123456", "r", at(1))
            .unwrap();
        let value = links.cluster(&id).unwrap().value(Field::Latitude).unwrap();
        assert_eq!(
            (value.value.as_str(), value.rule),
            ("13.1235", Rule::Analyst)
        );
        links
            .set_value(&id, Field::Latitude, "", "r", at(2))
            .unwrap();
        assert!(links.cluster(&id).unwrap().values.is_empty());
    }

    #[test]
    fn the_file_round_trips_in_a_stable_order() {
        let mut links = Links::default();
        links.link("z#x1", "b#x1", "alice", at(0)).unwrap();
        links.link("m#x1", "a#x2", "bob", at(9)).unwrap();
        links
            .record_value("m#x1", Field::Fatalities, "17", Rule::Lowest, "bob", at(10))
            .unwrap();
        links
            .set_value("m#x1", Field::EventDate, "2023-08-15", "bob", at(11))
            .unwrap();
        let text = links.render().unwrap();
        let again = Links::parse(Path::new("links.toml"), &text).unwrap();
        assert_eq!(again.render().unwrap(), text);
        assert!(text.contains("rule = \"lowest\""), "{text}");
        assert!(text.contains("event = \"a#x2\""), "{text}");
        // Members in id order; values in field order (date before fatalities).
        assert!(text.find("a#x2").unwrap() < text.find("m#x1").unwrap());
        assert!(text.find("event_date").unwrap() < text.find("\"fatalities\"").unwrap());
        // Clusters in id order.
        let cluster_ids: Vec<&str> = again.clusters().map(|c| c.id.as_str()).collect();
        let mut sorted = cluster_ids.clone();
        sorted.sort_unstable();
        assert_eq!(cluster_ids, sorted);
    }

    #[test]
    fn cluster_ids_are_stable_and_distinct() {
        let mut one = Links::default();
        let mut two = Links::default();
        one.link("a#x1", "b#x1", "r", at(0)).unwrap();
        two.link("b#x1", "a#x1", "s", at(7)).unwrap();
        let id = one.cluster_of("a#x1").unwrap().id.clone();
        assert_eq!(two.cluster_of("a#x1").unwrap().id, id);
        assert!(id.starts_with("c-"), "{id}");
        one.link("a#x1", "c#x1", "r", at(1)).unwrap();
        assert_eq!(one.cluster_of("c#x1").unwrap().id, id, "ids do not move");
    }

    fn bad(text: &str) -> String {
        Links::parse(Path::new("d/links.toml"), text)
            .unwrap_err()
            .to_string()
    }

    const MEMBER: &str = "linked_by = \"r\"\nlinked_at = \"2023-11-14T22:13:20Z\"\n";

    #[test]
    fn bad_files_are_located() {
        let twice = format!(
            "[[cluster]]\nid = \"c-1\"\n[[cluster.member]]\nevent = \"a#x1\"\n{MEMBER}\
             [[cluster]]\nid = \"c-2\"\n[[cluster.member]]\nevent = \"a#x1\"\n{MEMBER}"
        );
        let err = bad(&twice);
        assert!(
            err.starts_with("d/links.toml:10:9: event `a#x1` is already a member"),
            "{err}"
        );
        let value = "[[cluster]]\nid = \"c-1\"\n[[cluster.value]]\nfield = \"fatalities\"\nvalue = \"x\"\n\
             rule = \"analyst\"\nset_by = \"r\"\nset_at = \"2023-11-14T22:13:20Z\"\n";
        let err = bad(value);
        assert!(err.starts_with("d/links.toml:5:9: fatalities"), "{err}");
        let err = bad("[[cluster]]\nid = \"c-1\"\ncolour = 3\n");
        assert!(err.starts_with("d/links.toml:3:1:"), "{err}");
        let err = bad(&format!(
            "[[cluster]]\nid = \"c-1\"\n[[cluster.member]]\nevent = \"nohash\"\n{MEMBER}"
        ));
        assert!(err.starts_with("d/links.toml:4:9:"), "{err}");
    }

    fn desk_with_events() -> (tempfile::TempDir, Desk) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles")).unwrap();
        for article in ["a", "b"] {
            std::fs::write(dir.path().join(format!("articles/{article}.txt")), "Text").unwrap();
        }
        let desk = Desk::open(dir.path()).unwrap();
        for article in ["a", "b"] {
            desk.save_candidates(&CandidateFile {
                article: article.into(),
                extractor: Provenance::builtin(),
                events: vec![Candidate {
                    id: format!("{article}#x1"),
                    background: false,
                    confidence: 0.5,
                    fields: EventFields::default(),
                    evidence: Default::default(),
                    field_confidence: Default::default(),
                    casualties: Default::default(),
                }],
            })
            .unwrap();
        }
        (dir, desk)
    }

    #[test]
    fn save_load_and_check() {
        let (_dir, desk) = desk_with_events();
        assert!(Links::load(&desk).unwrap().is_empty());
        assert!(check_desk_links(&desk).is_empty());
        let mut links = Links::default();
        links.link("a#x1", "b#x1", "r", at(0)).unwrap();
        links.link("a#x1", "b#x7", "r", at(0)).unwrap();
        links.link("a#x1", "gone#x1", "r", at(0)).unwrap();
        links.save(&desk).unwrap();
        let loaded = Links::load(&desk).unwrap();
        assert_eq!(loaded.render().unwrap(), links.render().unwrap());
        let problems: Vec<String> = check_desk_links(&desk)
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        let text = std::fs::read_to_string(desk.links_path()).unwrap();
        let line_of = |event: &str| {
            let needle = format!("event = \"{event}\"");
            text.lines().position(|l| l == needle).unwrap() + 1
        };
        let path = desk.links_path().display().to_string();
        let expected = format!(
            "{path}:{}:9: linked event `b#x7` no longer",
            line_of("b#x7")
        );
        assert!(problems[0].starts_with(&expected), "{problems:#?}");
        let expected = format!(
            ":{}:9: linked event `gone#x1`: there is no",
            line_of("gone#x1")
        );
        assert!(problems[1].contains(&expected), "{problems:#?}");
    }

    #[test]
    fn a_lone_member_is_reported() {
        let (_dir, desk) = desk_with_events();
        let text =
            format!("[[cluster]]\nid = \"c-1\"\n[[cluster.member]]\nevent = \"a#x1\"\n{MEMBER}");
        std::fs::write(desk.links_path(), text).unwrap();
        let problems = check_desk_links(&desk);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .to_string()
                .contains(":2:6: cluster `c-1` has 1 member")
        );
    }
}
