//! Events the analyst adds from a selection of the article: the selection
//! is their evidence, and the extractor's readers prefill what they can
//! from it.

use crate::desk::Article;
use crate::extract::{ArticleText, Language, extract};
use crate::gazetteer::Gazetteer;
use crate::model::{EventFields, Evidence, Field, ReviewEvent, Span};

/// The longest note prefilled from a selection, in characters.
const NOTE_LIMIT: usize = 300;

/// `span` moved onto char boundaries of `text`; `None` if it is empty or
/// outside the text.
pub fn clamp_span(text: &str, span: Span) -> Option<Span> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(span.start), floor(span.end));
    (start < end).then_some(Span::new(start, end))
}

/// Fields and evidence read from the selected text: the extractor run on
/// the selection alone (its best event), the selection as the evidence of
/// every field it fills, and the selection itself as the note.
pub fn prefill(article: &Article, span: Span, gazetteer: &Gazetteer) -> (EventFields, Evidence) {
    let selected = &article.text[span.start..span.end];
    let language = Language::from_code(&article.meta.language).unwrap_or(Language::En);
    let view = ArticleText {
        id: &article.id,
        text: selected,
        language,
        published: article.meta.published,
        title: article.meta.title.as_deref(),
    };
    let best = extract(&view, gazetteer)
        .into_iter()
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence));
    let (mut fields, mut evidence) = match best {
        Some(candidate) => {
            let shifted = candidate
                .evidence
                .into_iter()
                .map(|(field, spans)| {
                    let spans = spans
                        .into_iter()
                        .map(|s| Span::new(s.start + span.start, s.end + span.start))
                        .collect();
                    (field, spans)
                })
                .collect();
            (candidate.fields, shifted)
        }
        None => (EventFields::default(), Evidence::new()),
    };
    let note: String = selected.split_whitespace().collect::<Vec<_>>().join(" ");
    let note: String = note.chars().take(NOTE_LIMIT).collect();
    if fields.notes.is_none() && !note.is_empty() {
        fields.notes = Some(note);
    }
    for field in Field::ALL {
        if fields.get(field).is_some() {
            evidence.entry(field).or_insert_with(|| vec![span]);
        }
    }
    (fields, evidence)
}

/// An id for a new event of `article` that no event there uses: `#a1`, `#a2`...
pub fn next_added_id(article: &str, events: &[ReviewEvent]) -> String {
    (1..)
        .map(|n| format!("{article}#a{n}"))
        .find(|id| events.iter().all(|e| e.id() != id))
        .unwrap_or_else(|| format!("{article}#a0"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Meta;

    fn article(text: &str) -> Article {
        Article {
            id: "art".into(),
            meta: Meta {
                language: "en".into(),
                published: jiff::civil::Date::new(2023, 8, 16).ok(),
                ..Meta::default()
            },
            text: text.into(),
        }
    }

    #[test]
    fn the_readers_prefill_from_the_selection_with_evidence_in_the_article() {
        let text = "Unrelated opening. On Tuesday 12 soldiers were killed in an attack near Niamey, the army said.";
        let start = text.find("On Tuesday").unwrap();
        let span = Span::new(start, text.len());
        let (fields, evidence) = prefill(&article(text), span, Gazetteer::builtin());
        assert_eq!(fields.fatalities, Some(12), "{fields:?}");
        assert_eq!(fields.get(Field::EventDate).as_deref(), Some("2023-08-15"));
        let fatalities = evidence[&Field::Fatalities][0];
        assert!(
            text[fatalities.start..fatalities.end].contains("12"),
            "evidence points into the article: {:?}",
            &text[fatalities.start..fatalities.end]
        );
        assert!(
            fields
                .notes
                .as_deref()
                .unwrap()
                .starts_with("On Tuesday 12 soldiers")
        );
        assert_eq!(evidence[&Field::Notes], vec![span]);
    }

    #[test]
    fn a_selection_without_facts_still_makes_an_event_with_a_note() {
        let text = "Le ministère n’a donné aucun détail.";
        let (fields, evidence) = prefill(
            &article(text),
            Span::new(0, text.len()),
            Gazetteer::builtin(),
        );
        assert_eq!(fields.notes.as_deref(), Some(text));
        assert_eq!(evidence.len(), 1);
    }

    #[test]
    fn spans_are_clamped_onto_characters() {
        let text = "été";
        assert_eq!(clamp_span(text, Span::new(1, 99)), Some(Span::new(0, 5)));
        assert_eq!(clamp_span(text, Span::new(3, 3)), None);
    }
}
