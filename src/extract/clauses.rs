//! Sentences that tell two incidents: where one clause ends and the other
//! begins, and how the second is placed in time.
//!
//! News often tells another incident inside the sentence about this one,
//! as its background or as more of the day's violence:
//!
//! - "The attack came a week after an IED killed four civilians near
//!   Lamu", "days after jihadists killed 20 soldiers", "Cette attaque
//!   survient trois jours après l'embuscade de X", "au lendemain de
//!   l'attaque de Y": an earlier incident, that long before (background);
//! - "This follows an ambush on Tuesday", "fait suite à": an earlier
//!   incident, how long before unsaid;
//! - "two days later, gunmen attacked Y", "deux jours plus tard": a later
//!   one;
//! - "the same day, four soldiers were killed in Y", "le même jour": one on
//!   the same day, elsewhere;
//! - "..., while in a separate attack ...", "..., par ailleurs, ...": a new
//!   one, marked as such.
//!
//! A clause is split off only when both sides have words of violence, so
//! that "a month after the military seized power" or "killed 40
//! assailants after repelling an attack" stay one incident. "The next day"
//! and "la veille" at the start of a sentence are read by the sentence
//! itself (see [`super::facts`]).

use super::triggers::{Cue, Sequel};
use crate::model::Span;

/// A part of a sentence read on its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clause {
    pub span: Span,
    pub kind: ClauseKind,
}

/// What a clause is to the sentence it was split from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ClauseKind {
    /// The sentence, or its first part.
    Main,
    /// "the deadliest attack since the one in May, which killed eight":
    /// an earlier incident of the kind the main clause names.
    Comparison,
    /// Another incident placed in time from the one told before it.
    Sequel(Relative),
}

/// When an incident happened, relative to the incident told before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relative {
    /// The words that say it ("a week after", "deux jours plus tard").
    pub span: Span,
    /// Days after the incident told before (negative: before it).
    pub days: i32,
    /// ACLED time precision at best (1 day, 2 week, 3 month).
    pub precision: u8,
    /// Told as context of the main incident ("came a week after ...").
    pub background: bool,
    /// "the same day": another incident only if it names a place.
    pub same_day: bool,
}

/// The clauses of `sentence` (whose cues, in text order, are `cues`):
/// the sentence itself, or its two parts.
pub fn split(text: &str, cues: &[(Span, Cue)], sentence: Span) -> Vec<Clause> {
    let start = cues.partition_point(|c| c.0.start < sentence.start);
    let end = start + cues[start..].partition_point(|c| c.0.end <= sentence.end);
    let inside = &cues[start..end];
    if let Some(at) = since_split(text, inside) {
        return vec![
            Clause {
                span: Span::new(sentence.start, at),
                kind: ClauseKind::Main,
            },
            Clause {
                span: Span::new(at, sentence.end),
                kind: ClauseKind::Comparison,
            },
        ];
    }
    let whole = |kind| {
        vec![Clause {
            span: sentence,
            kind,
        }]
    };
    let incident =
        |c: &(Span, Cue)| matches!(c.1, Cue::Outcome { .. } | Cue::Event { .. } | Cue::Toll);
    for (i, &(cue, what)) in inside.iter().enumerate() {
        let before = inside[..i].iter().any(incident);
        let after = inside[i + 1..].iter().any(incident);
        if !after {
            continue;
        }
        let two = |at: usize, kind| {
            vec![
                Clause {
                    span: Span::new(sentence.start, at),
                    kind: ClauseKind::Main,
                },
                Clause {
                    span: Span::new(at, sentence.end),
                    kind,
                },
            ]
        };
        let sequel = match what {
            Cue::Sequel(sequel) => sequel,
            // "..., while in a separate attack, ...": the new incident's
            // own words mark it.
            Cue::NewIncident | Cue::Previous if before => return two(cue.start, ClauseKind::Main),
            _ => continue,
        };
        let Some(time) = time_before(text, sentence.start, cue, sequel) else {
            continue;
        };
        let relative = |days: i32, background: bool| Relative {
            span: Span::new(time.start, cue.end),
            days,
            precision: time.precision,
            background,
            same_day: sequel == Sequel::SameDay,
        };
        // "came a week after X": X is an earlier incident, told as the
        // context of this one; "two days earlier, X": X is earlier too.
        let context = matches!(sequel, Sequel::After | Sequel::DayAfterOf | Sequel::Follows);
        if !context {
            let days = if sequel == Sequel::Earlier {
                -time.days
            } else {
                time.days
            };
            let kind = ClauseKind::Sequel(relative(days, false));
            // "..., and two days later gunmen attacked Y"; "Two days
            // later, gunmen attacked Y": the sentence is the other one.
            return if before {
                two(time.start, kind)
            } else {
                whole(kind)
            };
        }
        // The incident "after" governs: its words come before the next
        // comma ("days after jihadists killed 20 soldiers in Boni").
        let rest = &inside[i + 1..];
        let comma = text[cue.end..sentence.end]
            .find(',')
            .map(|at| cue.end + at + 1);
        let governed = rest
            .iter()
            .any(|c| incident(c) && c.0.end <= comma.unwrap_or(sentence.end));
        if !governed {
            continue;
        }
        if before {
            return two(time.start, ClauseKind::Sequel(relative(-time.days, true)));
        }
        if text[sentence.start..time.start].trim().is_empty() {
            // "Two days after the attack, gunmen killed five people in Y":
            // the words up to the comma refer back; the rest is the later
            // incident.
            return match comma {
                Some(comma) if rest.iter().any(|c| c.0.start >= comma && incident(c)) => {
                    two(comma, ClauseKind::Sequel(relative(time.days, false)))
                }
                _ => whole(ClauseKind::Main),
            };
        }
        // "It came two days after an IED killed four civilians": the
        // sentence is the earlier one.
        return whole(ClauseKind::Sequel(relative(-time.days, true)));
    }
    whole(ClauseKind::Main)
}

/// "The attack is the deadliest since an ambush in December that killed
/// 29 soldiers": a clause opened by "since"/"depuis" that tells another
/// incident, after this one's words. Returns where it starts.
fn since_split(text: &str, cues: &[(Span, Cue)]) -> Option<usize> {
    let mut seen_incident = false;
    let mut since = None;
    for c in cues {
        let incident = matches!(c.1, Cue::Outcome { .. } | Cue::Event { .. });
        if c.1 == Cue::Since && seen_incident && since.is_none() && !from_a_place(text, c.0) {
            since = Some(c.0.start);
        } else if incident {
            if since.is_some() {
                return since;
            }
            seen_incident = true;
        }
    }
    None
}

/// "tirée depuis le Liban", "depuis Gao": French "depuis" before a name
/// says where from, not since when.
fn from_a_place(text: &str, since: Span) -> bool {
    let rest = text[since.end..].trim_start();
    let rest = ["le ", "la ", "les ", "l'", "l’"]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    rest.chars().next().is_some_and(char::is_uppercase)
}

/// A span of time said before a sequel word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SpanOfTime {
    /// Where the words of time start (the cue itself when there are none).
    start: usize,
    days: i32,
    precision: u8,
}

/// The span of time before the sequel word at `cue` ("a week", "trois
/// jours", "days", "hours"), or what the word says alone. `None` when the
/// word does not place another incident ("after repelling the attack",
/// "d'après des sources", "later on Monday", "earlier" alone).
fn time_before(text: &str, floor: usize, cue: Span, sequel: Sequel) -> Option<SpanOfTime> {
    let alone = |days, precision| {
        Some(SpanOfTime {
            start: cue.start,
            days,
            precision,
        })
    };
    match sequel {
        Sequel::SameDay => return alone(0, 1),
        Sequel::DayAfterOf => return alone(1, 1),
        Sequel::Follows => return alone(0, 3),
        Sequel::After | Sequel::Later | Sequel::Earlier => {}
    }
    let words = words_before(text, floor, cue.start, 6);
    let word = |i: usize| words.get(i).map(|w| text[w.start..w.end].to_lowercase());
    let Some((unit_days, unit_precision)) = word(0).as_deref().and_then(unit) else {
        // "came after", "survient après", "came just after": a verb of
        // sequence says an earlier incident, how long before unsaid.
        let verb = (0..2)
            .filter_map(word)
            .any(|w| SEQUENCE_VERBS.contains(&w.as_str()));
        return (sequel == Sequel::After && verb).then(|| SpanOfTime {
            start: words.first().map_or(cue.start, |w| w.start),
            days: 0,
            precision: 3,
        });
    };
    let unit_start = words[0].start;
    let (count, exact, start) = match word(1) {
        Some(w) => match w.as_str() {
            "a" | "an" | "one" | "the" | "un" | "une" | "d" => (1, true, words[1].start),
            "few" | "several" | "couple" | "quelques" | "plusieurs" => {
                // "a few days", "a couple of days": the article goes too.
                let article = matches!(word(2).as_deref(), Some("a"));
                let start = if article {
                    words[2].start
                } else {
                    words[1].start
                };
                (3, false, start)
            }
            // "a couple of days".
            "of" if word(2).as_deref() == Some("couple") => {
                let article = matches!(word(3).as_deref(), Some("a"));
                (2, false, words[if article { 3 } else { 2 }].start)
            }
            w => match w
                .parse::<u32>()
                .ok()
                .or_else(|| super::numbers::parse_count_word(w))
            {
                Some(n) => (n.min(400) as i32, true, words[1].start),
                None => (if unit_days == 0 { 0 } else { 3 }, false, unit_start),
            },
        },
        None => (if unit_days == 0 { 0 } else { 3 }, false, unit_start),
    };
    // "more than two years after", "moins d'une semaine après".
    let start = words
        .iter()
        .skip_while(|w| w.start > start)
        .skip(1)
        .take(2)
        .take_while(|w| {
            let w = text[w.start..w.end].to_lowercase();
            QUALIFIERS.contains(&w.as_str())
        })
        .last()
        .map_or(start, |w| w.start);
    let vague_days = unit_days == 1 && !exact;
    let precision = if vague_days { 2 } else { unit_precision };
    Some(SpanOfTime {
        start,
        days: count * unit_days,
        precision,
    })
}

/// Words that qualify a span of time ("more than", "just", "plus de").
const QUALIFIERS: &[&str] = &[
    "more",
    "less",
    "than",
    "nearly",
    "almost",
    "just",
    "only",
    "barely",
    "about",
    "plus",
    "moins",
    "de",
    "d",
    "près",
    "environ",
    "seulement",
    "juste",
    "peine",
];

/// Verbs that say one incident came after another.
const SEQUENCE_VERBS: &[&str] = &[
    "came",
    "comes",
    "coming",
    "come",
    "survient",
    "surviennent",
    "intervient",
    "interviennent",
    "arrive",
    "intervenue",
    "survenue",
];

/// A unit of time: its length in days and the precision it allows.
fn unit(word: &str) -> Option<(i32, u8)> {
    Some(match word {
        "hours" | "hour" | "heures" | "heure" | "minutes" | "moments" => (0, 1),
        "day" | "days" | "jour" | "jours" => (1, 1),
        "week" | "weeks" | "semaine" | "semaines" => (7, 2),
        "month" | "months" | "mois" => (30, 3),
        "year" | "years" | "an" | "ans" | "année" | "années" => (365, 3),
        _ => return None,
    })
}

/// Up to `n` words (runs of letters and digits) ending before `at` and
/// starting at or after `floor`, nearest first.
fn words_before(text: &str, floor: usize, at: usize, n: usize) -> Vec<Span> {
    let mut out = Vec::with_capacity(n);
    let mut end = None;
    for (i, c) in text[floor..at].char_indices().rev() {
        let i = floor + i;
        match (c.is_alphanumeric(), end) {
            (true, None) => end = Some(i + c.len_utf8()),
            (false, Some(e)) => {
                out.push(Span::new(i + c.len_utf8(), e));
                end = None;
                if out.len() == n {
                    return out;
                }
            }
            _ => {}
        }
    }
    if let Some(e) = end {
        out.push(Span::new(floor, e));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Language;
    use crate::extract::triggers::find_cues;

    fn clauses(text: &str, language: Language) -> Vec<(&str, ClauseKind)> {
        let cues = find_cues(text, language);
        split(text, &cues, Span::new(0, text.len()))
            .into_iter()
            .map(|c| (&text[c.span.start..c.span.end], c.kind))
            .collect()
    }

    fn sequel(kind: ClauseKind) -> Option<(i32, u8, bool)> {
        match kind {
            ClauseKind::Sequel(r) => Some((r.days, r.precision, r.background)),
            _ => None,
        }
    }

    #[test]
    fn an_earlier_incident_told_after_came_a_week_after() {
        let text = "The attack came a week after an IED killed four civilians near Lamu.";
        let found = clauses(text, Language::En);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "The attack came ");
        assert_eq!(
            found[1].0,
            "a week after an IED killed four civilians near Lamu."
        );
        assert_eq!(sequel(found[1].1), Some((-7, 2, true)));
    }

    #[test]
    fn french_days_after_and_the_day_after() {
        let text = "Cette attaque survient trois jours après l'embuscade de Tougan qui avait fait 12 morts.";
        let found = clauses(text, Language::Fr);
        assert_eq!(
            found[1].0,
            "trois jours après l'embuscade de Tougan qui avait fait 12 morts."
        );
        assert_eq!(sequel(found[1].1), Some((-3, 1, true)));
        let text = "L'attaque survient au lendemain de l'embuscade de Tougan qui a fait 12 morts.";
        let found = clauses(text, Language::Fr);
        assert_eq!(sequel(found[1].1), Some((-1, 1, true)));
    }

    #[test]
    fn vague_days_after_is_the_week() {
        let text = "Gunmen killed five villagers in Bankass on Sunday, days after jihadists killed 20 soldiers in Boni.";
        let found = clauses(text, Language::En);
        assert_eq!(
            found[1].0,
            "days after jihadists killed 20 soldiers in Boni."
        );
        assert_eq!(sequel(found[1].1), Some((-3, 2, true)));
    }

    #[test]
    fn later_and_same_day_are_not_background() {
        let text = "Two days later, gunmen killed three herders near Mopti.";
        let found = clauses(text, Language::En);
        assert_eq!(found.len(), 1);
        assert_eq!(sequel(found[0].1), Some((2, 1, false)));
        let text = "Des hommes armés ont tué cinq villageois à Bankass ; le même jour, quatre soldats ont été tués à Boni.";
        let found = clauses(text, Language::Fr);
        assert_eq!(
            found[1].0,
            "le même jour, quatre soldats ont été tués à Boni."
        );
        assert_eq!(sequel(found[1].1), Some((0, 1, false)));
    }

    #[test]
    fn days_earlier_is_before_but_not_context() {
        let text = "Trois jours plus tôt, des hommes armés avaient tué six civils à Kaya.";
        let found = clauses(text, Language::Fr);
        assert_eq!(sequel(found[0].1), Some((-3, 1, false)));
    }

    #[test]
    fn a_sentence_opened_by_after_is_the_later_incident() {
        let text = "Two days after the attack, gunmen killed five people in Gao.";
        let found = clauses(text, Language::En);
        assert_eq!(found[1].0, " gunmen killed five people in Gao.");
        assert_eq!(sequel(found[1].1), Some((2, 1, false)));
    }

    #[test]
    fn after_a_period_that_is_no_incident_keeps_the_sentence_whole() {
        let text = "Plus de deux ans après le début de l'invasion, le front est figé et l'armée multiplie les frappes.";
        let found = clauses(text, Language::Fr);
        assert_eq!(found, vec![(text, ClauseKind::Main)]);
    }

    #[test]
    fn after_without_a_span_of_time_keeps_the_sentence_whole() {
        for (text, language) in [
            (
                "The army said it had killed 40 terrorists after repelling an attack on its base.",
                Language::En,
            ),
            (
                "The toll rose to 11 on Monday after two of the wounded died.",
                Language::En,
            ),
            (
                "Thousands rallied in Niamey a month after the military seized power.",
                Language::En,
            ),
            (
                "Des émeutes ont éclaté lundi après la mort d'un jeune homme.",
                Language::Fr,
            ),
            (
                "D'après des sources locales, 12 civils ont été tués lundi.",
                Language::Fr,
            ),
        ] {
            let found = clauses(text, language);
            assert_eq!(found, vec![(text, ClauseKind::Main)], "{text}");
        }
    }

    #[test]
    fn came_after_and_follows_say_an_earlier_incident() {
        let text = "This follows an ambush on Tuesday that killed 12 soldiers.";
        let found = clauses(text, Language::En);
        assert_eq!(sequel(found[0].1), Some((0, 3, true)));
        let text = "The raid came just after militants killed 12 soldiers in Diffa.";
        let found = clauses(text, Language::En);
        assert_eq!(
            found[1].0,
            "just after militants killed 12 soldiers in Diffa."
        );
    }

    #[test]
    fn a_separate_attack_inside_a_sentence() {
        let text = "Gunmen killed three farmers in Kaya, while in a separate attack two soldiers died in Dori.";
        let found = clauses(text, Language::En);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[1].0,
            "in a separate attack two soldiers died in Dori."
        );
    }

    #[test]
    fn depuis_before_a_name_is_where_from() {
        let text = "Une roquette tirée depuis le Liban avait tué une soldate.";
        assert_eq!(clauses(text, Language::Fr).len(), 1);
        let text =
            "C'est l'attaque la plus meurtrière depuis l'embuscade qui avait tué 20 soldats.";
        assert_eq!(clauses(text, Language::Fr).len(), 2);
    }

    #[test]
    fn words_before_are_nearest_first() {
        let text = "came a week after";
        let words = words_before(text, 0, 12, 4);
        let words: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(words, vec!["week", "a", "came"]);
    }
}
