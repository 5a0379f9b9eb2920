//! The links as an analyst edits them in the review screen: one key links
//! or unlinks, cluster values are set or accepted. Each change leaves a
//! [`LinkStep`] that the review's undo history records beside decisions,
//! so `u` and Ctrl-r undo and redo it, across restarts. Pure: the driver
//! saves [`Links::render`] after each change.

use jiff::Timestamp;

use super::store::{Change, LinkError, LinkStep, Links};
use super::values::{Rule, default_rule, rule_value};
use crate::model::{EventFields, Field};

/// What the review asked of the links for its selected event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkRequest {
    /// Open the link view: suggestions for `event`.
    Open { event: String },
    /// Link `event` with the event `other` (`:link ID`).
    Link { event: String, other: String },
    /// Take `event` out of its cluster (`:unlink`).
    Unlink { event: String },
}

/// What one key did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Toggled {
    /// The two events are now in this cluster.
    Linked(String),
    /// The other event left the cluster (which may have dissolved).
    Unlinked(String),
}

/// The desk's links and the step the last change made.
#[derive(Clone, Debug, Default)]
pub struct LinkEditor {
    links: Links,
    last: Option<LinkStep>,
}

impl LinkEditor {
    pub fn new(links: Links) -> LinkEditor {
        LinkEditor { links, last: None }
    }

    /// The step the last change made, for the undo history; once.
    pub fn take_step(&mut self) -> Option<LinkStep> {
        self.last.take()
    }

    /// Undoes (or redoes) a step: `expected` must still be there.
    pub fn restore(&mut self, expected: &Change, target: &Change) -> Result<(), LinkError> {
        self.links.restore(expected, target)
    }

    pub fn links(&self) -> &Links {
        &self.links
    }

    /// Whether `a` and `b` are in one cluster.
    pub fn linked(&self, a: &str, b: &str) -> bool {
        self.links.cluster_of(a).is_some_and(|c| c.contains(b))
    }

    /// Links `other` to `event`, or, if they are already one cluster,
    /// takes `other` out of it.
    pub fn toggle(
        &mut self,
        event: &str,
        other: &str,
        who: &str,
        when: Timestamp,
    ) -> Result<Toggled, LinkError> {
        if self.linked(event, other) {
            let cluster = self.links.cluster_of(other).map(|c| c.id.clone());
            self.unlink(other)?;
            Ok(Toggled::Unlinked(cluster.unwrap_or_default()))
        } else {
            self.link(event, other, who, when)?;
            let cluster = self.links.cluster_of(event).map(|c| c.id.clone());
            Ok(Toggled::Linked(cluster.unwrap_or_default()))
        }
    }

    pub fn link(
        &mut self,
        event: &str,
        other: &str,
        who: &str,
        when: Timestamp,
    ) -> Result<(), LinkError> {
        let change = self.links.link(event, other, who, when)?;
        self.done(change);
        Ok(())
    }

    pub fn unlink(&mut self, event: &str) -> Result<(), LinkError> {
        let change = self.links.unlink(event)?;
        self.done(change);
        Ok(())
    }

    /// Sets the analyst's value of a field for the cluster of
    /// `cluster_or_event`; an empty value returns it to the default rule.
    pub fn set_value(
        &mut self,
        cluster_or_event: &str,
        field: Field,
        value: &str,
        who: &str,
        when: Timestamp,
    ) -> Result<(), LinkError> {
        let change = self
            .links
            .set_value(cluster_or_event, field, value, who, when)?;
        self.done(change);
        Ok(())
    }

    /// Records the value the field's default rule gives now from the
    /// members' fields; returns it with its rule.
    pub fn accept_default(
        &mut self,
        cluster_or_event: &str,
        field: Field,
        members: &[(&str, &EventFields)],
        who: &str,
        when: Timestamp,
    ) -> Result<(String, Rule), LinkError> {
        let cluster = self
            .links
            .find(cluster_or_event)
            .ok_or_else(|| LinkError::NoCluster(cluster_or_event.to_string()))?;
        let rule = default_rule(field);
        let value = rule_value(cluster, members, field).ok_or(LinkError::NoValue(field))?;
        let change = self
            .links
            .record_value(cluster_or_event, field, &value, rule, who, when)?;
        self.done(change);
        Ok((value, rule))
    }

    fn done(&mut self, change: Change) {
        self.last = Some(self.links.step(change));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(seconds).unwrap()
    }

    /// Undoes a step, then redoes it, as the review's history does.
    fn undo(editor: &mut LinkEditor, step: &LinkStep) {
        editor.restore(&step.after, &step.before).unwrap();
    }

    fn redo(editor: &mut LinkEditor, step: &LinkStep) {
        editor.restore(&step.before, &step.after).unwrap();
    }

    #[test]
    fn one_key_links_and_unlinks_and_both_undo() {
        let mut editor = LinkEditor::default();
        let linked = editor.toggle("en#x1", "fr#x3", "r", at(0)).unwrap();
        assert!(matches!(linked, Toggled::Linked(ref id) if id.starts_with("c-")));
        assert!(editor.linked("fr#x3", "en#x1"));
        let link = editor.take_step().unwrap();
        assert_eq!(editor.take_step(), None);
        let unlinked = editor.toggle("en#x1", "fr#x3", "r", at(1)).unwrap();
        assert_eq!(
            unlinked,
            Toggled::Unlinked(match linked {
                Toggled::Linked(id) => id,
                Toggled::Unlinked(_) => unreachable!(),
            })
        );
        let unlink = editor.take_step().unwrap();
        assert!(editor.links().is_empty());
        // Out of order, a step refuses to overwrite what changed since.
        assert!(matches!(
            editor.restore(&link.after, &link.before),
            Err(LinkError::Changed(_))
        ));
        undo(&mut editor, &unlink);
        assert!(editor.linked("en#x1", "fr#x3"));
        undo(&mut editor, &link);
        assert!(editor.links().is_empty());
        redo(&mut editor, &link);
        assert!(editor.linked("en#x1", "fr#x3"));
    }

    #[test]
    fn a_step_survives_the_journal() {
        let mut editor = LinkEditor::default();
        editor.link("en#x1", "fr#x3", "r", at(0)).unwrap();
        editor.take_step();
        editor
            .set_value("en#x1", Field::Fatalities, "17", "r", at(1))
            .unwrap();
        let step = editor.take_step().unwrap();
        let json = serde_json::to_string(&step).unwrap();
        let read: LinkStep = serde_json::from_str(&json).unwrap();
        assert_eq!(read, step);
        undo(&mut editor, &read);
        let cluster = editor.links().cluster_of("en#x1").unwrap();
        assert_eq!(cluster.value(Field::Fatalities), None);
    }

    #[test]
    fn cluster_values_are_set_accepted_and_undone() {
        let mut editor = LinkEditor::default();
        editor.link("en#x1", "fr#x3", "r", at(0)).unwrap();
        let mut english = EventFields::default();
        english.set(Field::Fatalities, "117").unwrap();
        let mut french = EventFields::default();
        french.set(Field::Fatalities, "17").unwrap();
        let members = [("en#x1", &english), ("fr#x3", &french)];
        let (value, rule) = editor
            .accept_default("en#x1", Field::Fatalities, &members, "r", at(1))
            .unwrap();
        assert_eq!((value.as_str(), rule), ("17", Rule::Lowest));
        assert!(matches!(
            editor.accept_default("en#x1", Field::Wounded, &members, "r", at(1)),
            Err(LinkError::NoValue(Field::Wounded))
        ));
        editor
            .set_value("fr#x3", Field::Fatalities, "117", "r", at(2))
            .unwrap();
        let value = |e: &LinkEditor| {
            e.links()
                .cluster_of("en#x1")
                .and_then(|c| c.value(Field::Fatalities))
                .map(|v| (v.value.clone(), v.rule))
        };
        assert_eq!(value(&editor), Some(("117".to_string(), Rule::Analyst)));
        let step = editor.take_step().unwrap();
        undo(&mut editor, &step);
        assert_eq!(value(&editor), Some(("17".to_string(), Rule::Lowest)));
    }
}
