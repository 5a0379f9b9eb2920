//! What a decision does to one event: confirm, reject, correct a field.
//!
//! The rules for the status, and for keeping the extractor's original value
//! beside a corrected one, live here and nowhere else.

use jiff::Timestamp;

use crate::model::{
    Candidate, Decision, EventFields, Field, Provenance, ReviewEvent, Span, Status,
};

/// An analyst's action on one event.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Confirm,
    /// Reject, with the analyst's reason when given.
    Reject(Option<String>),
    /// Set fields together (a place fills location, admin and coordinates
    /// at once); if any value is refused, none is set.
    Set(Vec<(Field, String)>),
    ToggleFlag,
    /// A free-text note; empty clears it.
    Note(String),
    /// New evidence for one field.
    Anchor(Field, Span),
}

/// Who decides and when: the reviewer's name, and a clock the driver reads
/// so the state machine itself stays deterministic.
#[derive(Clone, Copy, Debug)]
pub struct Signature<'a> {
    pub reviewer: &'a str,
    pub now: Timestamp,
}

/// The event's decision after `action`: `Ok(None)` when the action changes
/// nothing, `Err` with the reason when a value does not validate.
pub fn decide(
    event: &ReviewEvent,
    extractor: &Provenance,
    action: Action,
    signature: Signature<'_>,
) -> Result<Option<Decision>, String> {
    let mut decision = event
        .decision
        .clone()
        .unwrap_or_else(|| pending_decision(event, extractor, signature));
    let previous = decision.clone();
    match action {
        Action::Confirm => {
            reconcile(&mut decision, event.candidate.as_ref());
            decision.status = match decision.status {
                Status::Added => Status::Added,
                _ if decision.corrected.is_empty() => Status::Confirmed,
                _ => Status::Corrected,
            };
        }
        Action::Reject(reason) => {
            decision.status = Status::Rejected;
            if reason.is_some() {
                decision.reason = reason;
            }
        }
        Action::ToggleFlag => decision.flagged = !decision.flagged,
        Action::Anchor(field, span) => {
            decision.evidence.insert(field, vec![span]);
        }
        Action::Note(note) => {
            let note = note.trim();
            decision.note = (!note.is_empty()).then(|| note.to_string());
        }
        Action::Set(values) => {
            for (field, value) in &values {
                decision.fields.set(*field, value).map_err(refusal)?;
            }
            if decision.fields == previous.fields {
                return Ok(None);
            }
            reconcile(&mut decision, event.candidate.as_ref());
            decision.status = match decision.status {
                Status::Added | Status::Rejected => decision.status,
                _ if !decision.corrected.is_empty() => Status::Corrected,
                Status::Pending => Status::Pending,
                _ => Status::Confirmed,
            };
        }
    }
    if event.decision.is_some() && decision == previous {
        return Ok(None);
    }
    decision.reviewer = signature.reviewer.to_string();
    decision.decided_at = signature.now;
    Ok(Some(decision))
}

/// A decision that starts from the candidate as the extractor proposed it.
fn pending_decision(
    event: &ReviewEvent,
    extractor: &Provenance,
    signature: Signature<'_>,
) -> Decision {
    Decision {
        id: event.id().to_string(),
        status: Status::Pending,
        reviewer: signature.reviewer.to_string(),
        decided_at: signature.now,
        background: event.background(),
        flagged: false,
        reason: None,
        note: None,
        provenance: extractor.clone(),
        fields: event.fields().clone(),
        corrected: Vec::new(),
        original: EventFields::default(),
        evidence: event.evidence().clone(),
    }
}

/// Recomputes which fields differ from the extractor's proposal and keeps
/// the extractor's values of exactly those fields in `original`.
fn reconcile(decision: &mut Decision, candidate: Option<&Candidate>) {
    decision.original = EventFields::default();
    decision.corrected = match candidate {
        Some(candidate) => decision.fields.differing_fields(&candidate.fields),
        None => Vec::new(),
    };
    if let Some(candidate) = candidate {
        for &field in &decision.corrected {
            decision.original.copy_field(field, &candidate.fields);
        }
    }
}

/// Why a typed value is refused. The analyst's dates are read in more
/// forms than the model's ISO dates (`edit::values_to_set`): name them all.
fn refusal(err: crate::model::FieldError) -> String {
    match err {
        crate::model::FieldError::NotADate { field, value } => format!(
            "{field}: `{value}` is not a date (write 2023-08-15, 15/08/2023, 15 août 2023 or Aug 15)"
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::testing::candidate;

    fn signature() -> Signature<'static> {
        Signature {
            reviewer: "alice",
            now: Timestamp::from_second(1_700_000_000).unwrap(),
        }
    }

    fn set(field: Field, value: &str) -> Action {
        Action::Set(vec![(field, value.to_string())])
    }

    fn pending(id: &str) -> ReviewEvent {
        ReviewEvent {
            candidate: Some(candidate(id, 17)),
            decision: None,
        }
    }

    fn apply(event: &ReviewEvent, action: Action) -> Result<Option<Decision>, String> {
        decide(event, &Provenance::builtin(), action, signature())
    }

    #[test]
    fn confirm_records_reviewer_time_and_provenance() {
        let decision = apply(&pending("a#x1"), Action::Confirm).unwrap().unwrap();
        assert_eq!(decision.status, Status::Confirmed);
        assert_eq!(decision.reviewer, "alice");
        assert_eq!(decision.decided_at, signature().now);
        assert_eq!(decision.provenance, Provenance::builtin());
        assert_eq!(decision.fields.fatalities, Some(17));
        assert!(decision.corrected.is_empty());
        assert!(!decision.evidence.is_empty(), "evidence is kept");
    }

    #[test]
    fn correcting_keeps_the_original_beside_the_new_value() {
        let decision = apply(&pending("a#x1"), set(Field::Fatalities, "18"))
            .unwrap()
            .unwrap();
        assert_eq!(decision.status, Status::Corrected);
        assert_eq!(decision.fields.fatalities, Some(18));
        assert_eq!(decision.corrected, vec![Field::Fatalities]);
        assert_eq!(decision.original.fatalities, Some(17));
        assert_eq!(decision.original.location, None, "only corrected fields");
    }

    #[test]
    fn setting_back_the_original_value_is_a_confirmation() {
        let mut event = pending("a#x1");
        event.decision = apply(&event, set(Field::Fatalities, "18")).unwrap();
        assert_eq!(event.status(), Status::Corrected);
        assert_eq!(apply(&event, Action::Confirm), Ok(None), "already decided");
        let back = apply(&event, set(Field::Fatalities, "17"))
            .unwrap()
            .unwrap();
        assert_eq!(back.status, Status::Confirmed);
        assert!(back.corrected.is_empty());
        assert_eq!(back.original, EventFields::default());
    }

    #[test]
    fn an_invalid_value_is_refused_with_the_reason() {
        let err = apply(&pending("a#x1"), set(Field::Fatalities, "many")).unwrap_err();
        assert!(err.contains("fatalities") && err.contains("many"), "{err}");
        let err = apply(&pending("a#x1"), set(Field::EventDate, "2023-02-30")).unwrap_err();
        assert!(err.contains("not a date"), "{err}");
        assert!(
            err.contains("15 août 2023"),
            "the forms analysts may type: {err}"
        );
    }

    #[test]
    fn no_change_is_no_decision() {
        let event = pending("a#x1");
        assert_eq!(apply(&event, set(Field::Fatalities, "17")), Ok(None));
        let mut confirmed = event.clone();
        confirmed.decision = apply(&event, Action::Confirm).unwrap();
        assert_eq!(apply(&confirmed, Action::Confirm), Ok(None));
    }

    #[test]
    fn a_rejected_event_stays_rejected_when_corrected() {
        let mut event = pending("a#x1");
        event.decision = apply(&event, Action::Reject(None)).unwrap();
        let decision = apply(&event, set(Field::Wounded, "3")).unwrap().unwrap();
        assert_eq!(decision.status, Status::Rejected);
        assert_eq!(decision.corrected, vec![Field::Wounded]);
        let confirmed = apply(
            &ReviewEvent {
                decision: Some(decision),
                ..event
            },
            Action::Confirm,
        )
        .unwrap()
        .unwrap();
        assert_eq!(confirmed.status, Status::Corrected);
    }

    #[test]
    fn several_fields_are_set_together_or_not_at_all() {
        let event = pending("a#x1");
        let both = Action::Set(vec![
            (Field::Location, "Tabatol".into()),
            (Field::Latitude, "15.1".into()),
        ]);
        let decision = apply(&event, both).unwrap().unwrap();
        assert_eq!(decision.corrected, vec![Field::Location, Field::Latitude]);
        assert_eq!(decision.original.location.as_deref(), Some("Koutougou"));
        let refused = Action::Set(vec![
            (Field::Location, "Tabatol".into()),
            (Field::Latitude, "north".into()),
        ]);
        assert!(apply(&event, refused).is_err());
    }

    #[test]
    fn flag_note_and_reason_are_kept_without_changing_the_status() {
        let mut event = pending("a#x1");
        event.decision = apply(&event, Action::ToggleFlag).unwrap();
        assert_eq!(event.status(), Status::Pending);
        assert!(event.decision.as_ref().unwrap().flagged);
        event.decision = apply(&event, Action::Note(" check the toll ".into())).unwrap();
        let decision = event.decision.as_ref().unwrap();
        assert_eq!(decision.note.as_deref(), Some("check the toll"));
        event.decision = apply(&event, Action::Reject(Some("duplicate".into()))).unwrap();
        let decision = event.decision.as_ref().unwrap();
        assert_eq!(decision.status, Status::Rejected);
        assert_eq!(decision.reason.as_deref(), Some("duplicate"));
        assert!(decision.flagged);
        event.decision = apply(&event, Action::ToggleFlag).unwrap();
        assert!(!event.decision.unwrap().flagged);
    }
}
