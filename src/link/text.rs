//! Names as the linker compares them: case and accents folded ("Tillabéri"
//! = "tillaberi"), country names in English or French brought to one name
//! ("Tchad" = "Chad", from the gazetteer's country table), and "near the
//! border with X" found in English and French sentences.

use crate::gazetteer::Gazetteer;

/// Lowercase, without diacritics, curly apostrophes straightened.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' => out.push('i'),
            'ñ' | 'ń' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            _ => out.push(c),
        }
    }
    out
}

/// A stable 64-bit hash (FNV-1a): stable across runs and builds, unlike
/// std's `DefaultHasher`, so it can name things in files.
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0xff;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// A key for a place or actor name that ignores case, accents,
/// punctuation and the language of compass words ("Nord-Kivu" = "North
/// Kivu"); `None` for a blank name.
pub fn name_key(name: &str) -> Option<u64> {
    let folded = fold(name);
    let words: Vec<&str> = words(&folded)
        .into_iter()
        .map(|word| match word {
            "nord" => "north",
            "sud" => "south",
            "est" => "east",
            "ouest" => "west",
            other => other,
        })
        .collect();
    (!words.is_empty()).then(|| fnv1a(&words))
}

/// The words of folded text: letters and digits, everything else a break.
fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The English name (as ACLED writes it) of a country named in English or
/// French, by name, abbreviation or demonym ("RDC", "Tchad", "malienne").
pub fn country(name: &str) -> Option<&'static str> {
    Gazetteer::builtin()
        .country_by_name_or_demonym(name.trim())
        .map(|c| c.name)
}

const BORDER_WORDS: &[&str] = &[
    "border",
    "borders",
    "bordering",
    "frontier",
    "frontiere",
    "frontieres",
    "frontalier",
    "frontaliere",
    "frontaliers",
    "frontalieres",
];

/// Words allowed between "border" and the country: "border with the",
/// "frontière avec le", "frontière du", "between X and Y".
const CONNECTORS: &[&str] = &[
    "with", "of", "the", "between", "and", "avec", "le", "la", "l", "les", "du", "de", "des", "d",
    "entre", "et", "au", "aux",
];

/// Countries a text says something is near the border of: "near the
/// Burkina Faso border", "an area that borders Burkina Faso", "près de la
/// frontière avec le Mali", "à la frontière malienne", "the Niger-Mali
/// border". English names, in order of mention, without repeats.
pub fn border_countries(text: &str) -> Vec<&'static str> {
    let spans = word_spans(text);
    let folded: Vec<String> = spans.iter().map(|&(a, b)| fold(&text[a..b])).collect();
    // Each country mention as the words it covers: (first, last + 1, name).
    let mentions: Vec<(usize, usize, &'static str)> = Gazetteer::builtin()
        .find_country_mentions(text)
        .into_iter()
        .filter_map(|m| {
            let first = spans.iter().position(|&(a, _)| a >= m.span.start)?;
            let end = spans.iter().rposition(|&(_, b)| b <= m.span.end)? + 1;
            (first < end).then_some((first, end, m.country.name))
        })
        .collect();
    let mut found: Vec<&'static str> = Vec::new();
    let mut push = |country: &'static str| {
        if !found.contains(&country) {
            found.push(country);
        }
    };
    for (i, word) in folded.iter().enumerate() {
        if !BORDER_WORDS.contains(&word.as_str()) {
            continue;
        }
        // "X border", "X-Y border": countries ending right before the word.
        let mut before = Vec::new();
        let mut end = i;
        while let Some(&(first, _, country)) = mentions.iter().find(|m| m.1 == end) {
            before.push(country);
            end = first;
        }
        before.into_iter().rev().for_each(&mut push);
        // "border with (the) X (and Y)", "la frontière malienne".
        let mut j = i + 1;
        while j < folded.len().min(i + 9) {
            if let Some(&(_, end, country)) = mentions.iter().find(|m| m.0 == j) {
                push(country);
                j = end;
            } else if CONNECTORS.contains(&folded[j].as_str()) {
                j += 1;
            } else {
                break;
            }
        }
    }
    found
}

/// Byte ranges of the words (runs of letters and digits) of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Tillabéri"), "tillaberi");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
    }

    #[test]
    fn name_keys_ignore_case_accents_and_compass_language() {
        assert_eq!(name_key("Nord-Kivu"), name_key("north kivu"));
        assert_eq!(name_key("Tillabéri"), name_key("TILLABERI"));
        assert_ne!(name_key("Tahoua"), name_key("Tillaberi"));
        assert_eq!(name_key(" - "), None);
    }

    #[test]
    fn countries_in_english_or_french_are_one() {
        assert_eq!(country("Tchad"), Some("Chad"));
        assert_eq!(country("chad"), Some("Chad"));
        assert_eq!(country("Côte d'Ivoire"), Some("Ivory Coast"));
        assert_eq!(country("Guinée-Bissau"), Some("Guinea-Bissau"));
        assert_eq!(country("Atlantis"), None);
    }

    #[test]
    fn finds_borders_in_english_and_french() {
        let cases: &[(&str, &[&str])] = &[
            (
                "17 soldiers killed in an ambush near the Burkina Faso border",
                &["Burkina Faso"],
            ),
            (
                "in a south-western area that borders Burkina Faso",
                &["Burkina Faso"],
            ),
            (
                "Au moins 17 soldats ont été tués le mois dernier lors d’une autre attaque \
                 près de la frontière avec le Burkina Faso.",
                &["Burkina Faso"],
            ),
            (
                "la contre-offensive près de la frontière avec le Mali",
                &["Mali"],
            ),
            ("clashes on the Niger-Mali border", &["Niger", "Mali"]),
            ("près de la frontière du Tchad", &["Chad"]),
            ("à la frontière malienne", &["Mali"]),
            (
                "near the Nigerian border, not the Nigerien one",
                &["Nigeria"],
            ),
            (
                "between the borders of Guinea-Bissau and Senegal",
                &["Guinea-Bissau", "Senegal"],
            ),
            (
                "killed 12 soldiers in south-western Niger near the border",
                &[],
            ),
            ("the so-called three borders area", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(border_countries(text), *expected, "{text}");
        }
    }
}
