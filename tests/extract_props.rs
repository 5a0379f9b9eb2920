//! Extraction never panics and every evidence range lies on char
//! boundaries inside the text, whatever the text.

use factdesk::extract::{ArticleText, Language, extract};
use factdesk::gazetteer::Gazetteer;
use factdesk::model::Candidate;
use proptest::prelude::*;

fn check(text: &str, language: Language) -> Vec<Candidate> {
    let article = ArticleText {
        id: "prop",
        text,
        language,
        published: Some(jiff::civil::date(2024, 3, 12)),
        title: None,
    };
    let events = extract(&article, Gazetteer::builtin());
    for (i, e) in events.iter().enumerate() {
        assert!(
            events[i + 1..].iter().all(|o| o.id != e.id),
            "duplicate id {}",
            e.id
        );
        assert!((0.0..=1.0).contains(&e.confidence));
        for (field, spans) in &e.evidence {
            for s in spans {
                assert!(
                    s.start <= s.end && s.slice(text).is_some(),
                    "{field}: {s:?} does not fit a text of {} bytes",
                    text.len()
                );
            }
        }
    }
    events
}

/// Words that make the extractor work: triggers, counts, places, dates,
/// groups, quotes and punctuation, in both languages and other scripts.
const WORDS: &[&str] = &[
    "killed",
    "tués",
    "wounded",
    "blessés",
    "soldiers",
    "soldats",
    "civilians",
    "civils",
    "ambush",
    "embuscade",
    "attack",
    "l'attaque",
    "IED",
    "kamikaze",
    "air strike",
    "protest",
    "manifestants",
    "17",
    "seventeen",
    "vingt-neuf",
    "dozens",
    "des dizaines",
    "at least",
    "au moins",
    "1 500",
    "2023",
    "on Tuesday",
    "lundi soir",
    "le mois dernier",
    "last month",
    "near",
    "près de",
    "km from",
    "Niamey",
    "Tillabéri",
    "Koutougou",
    "Niger",
    "Mali",
    "Burkina Faso",
    "nigérienne",
    "Nigerien",
    "army",
    "l'armée",
    "JNIM",
    "EIGS",
    "IS",
    "the village of",
    "including",
    "dont",
    "neutralised",
    "another attack",
    "since",
    "depuis",
    "said",
    "a déclaré",
    ".",
    ",",
    ";",
    "«",
    "»",
    "\"",
    "\n",
    " ",
    "é",
    "💥",
    "😀",
    "中文",
    "العربية",
    "\u{a0}",
    "\u{202f}",
    "M.",
    "Gen.",
    // Multi-byte characters a few bytes into a word that follows a
    // casualty noun: readers that compare fixed-length prefixes must not
    // cut them ("morts après" once panicked).
    "morts",
    "après",
    "près",
    "déjà",
    "d’après",
    "été",
    "à",
    "bilan",
    "passé",
    "ès",
    "d'",
    "de",
    "of",
    "le bilan est passé à",
    "the toll rose to",
    "a week after",
    "trois jours après",
    "two days later",
    "le même jour",
    "came",
    "survient",
    "hospital in",
    "à l'hôpital de",
    "Hassan",
];

fn article_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..120).prop_map(|w| w.join(" "))
}

fn language() -> impl Strategy<Value = Language> {
    prop_oneof![Just(Language::En), Just(Language::Fr)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text(text in any::<String>(), language in language()) {
        check(&text, language);
    }

    #[test]
    fn article_like_text(text in article_like(), language in language()) {
        check(&text, language);
    }

    #[test]
    fn glued_words_without_spaces(words in prop::collection::vec(prop::sample::select(WORDS), 0..60), language in language()) {
        check(&words.concat(), language);
    }

    #[test]
    fn digits_only(text in "[0-9 ,.]{0,400}", language in language()) {
        check(&text, language);
    }

    #[test]
    fn emoji_and_mixed_scripts(text in "(\\p{Emoji}|\\p{Han}|\\p{Arabic}|\\p{Cyrillic}|[a-zé ]|17|killed|tués){0,200}", language in language()) {
        check(&text, language);
    }
}

#[test]
fn a_casualty_noun_followed_by_an_accented_word() {
    for text in [
        "Le bilan est passé à sept morts après.",
        "sept morts d’après la police",
        "seven deaths of",
        "sept morts d’",
        "7 killed déjà",
    ] {
        check(text, Language::Fr);
        check(text, Language::En);
    }
    for after in ["après", "à", "été", "ès", "é", "décès de deux des blessés"] {
        for text in [
            format!("Le bilan est passé lundi à sept morts {after} le décès."),
            format!("Sept morts {after}"),
        ] {
            check(&text, Language::Fr);
        }
    }
}

/// A single line of 10 MB: no sentence ends, so the splitter's length
/// bound is what keeps the work linear.
#[test]
fn ten_megabytes_on_one_line() {
    // Mostly plain prose with an incident now and then, as in news; emoji,
    // other scripts and digits throughout.
    let unit = "the talks between the parties went on late into the evening 中文 💥 and \
                the delegates said 1 500 people attended while observers noted that \
                prices of rice rose by 12 percent over the year in the capital and in the \
                provinces where farmers complained about the weather and the roads \
                before gunmen killed 12 villagers near Niamey on Tuesday ";
    let text = unit.repeat(10_000_000 / unit.len() + 1);
    assert!(text.len() >= 10_000_000 && !text.contains('\n'));
    let events = check(&text, Language::En);
    assert!(!events.is_empty());
}

#[test]
fn ten_megabytes_of_digits() {
    let text = "0123456789".repeat(1_000_000);
    assert!(check(&text, Language::Fr).is_empty());
}
