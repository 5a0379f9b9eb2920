//! Names as the linker compares them: case and accents folded ("Tillabéri"
//! = "tillaberi"), country names in English or French brought to one name
//! ("Tchad" = "Chad"), and "near the border with X" found in English and
//! French sentences.

use std::sync::LazyLock;

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

/// Countries by their English name, with the other names reports use:
/// French names, short forms, and the adjectives of "the Malian border",
/// "la frontière malienne". Enough for the conflict regions news covers; a name
/// not listed simply compares as itself.
const COUNTRIES: &[(&str, &[&str])] = &[
    ("Afghanistan", &[]),
    (
        "Algeria",
        &["algerie", "algerian", "algerien", "algerienne"],
    ),
    ("Angola", &[]),
    ("Armenia", &["armenie"]),
    ("Azerbaijan", &["azerbaidjan"]),
    ("Bangladesh", &[]),
    ("Benin", &["beninese", "beninois", "beninoise"]),
    ("Botswana", &[]),
    ("Burkina Faso", &["burkina", "burkinabe"]),
    ("Burundi", &["burundian", "burundais", "burundaise"]),
    (
        "Cameroon",
        &["cameroun", "cameroonian", "camerounais", "camerounaise"],
    ),
    (
        "Central African Republic",
        &[
            "republique centrafricaine",
            "centrafrique",
            "car",
            "centrafricain",
            "centrafricaine",
        ],
    ),
    ("Chad", &["tchad", "chadian", "tchadien", "tchadienne"]),
    ("Colombia", &["colombie"]),
    (
        "Democratic Republic of Congo",
        &[
            "democratic republic of the congo",
            "drc",
            "dr congo",
            "rdc",
            "republique democratique du congo",
        ],
    ),
    ("Djibouti", &[]),
    ("Egypt", &["egypte", "egyptian", "egyptien", "egyptienne"]),
    ("Eritrea", &["erythree"]),
    (
        "Ethiopia",
        &["ethiopie", "ethiopian", "ethiopien", "ethiopienne"],
    ),
    ("Gabon", &[]),
    ("Gambia", &["gambie"]),
    ("Ghana", &["ghanaian", "ghaneen", "ghaneenne"]),
    ("Guinea", &["guinee", "guinean", "guineen", "guineenne"]),
    ("Guinea-Bissau", &["guinee bissau"]),
    ("Haiti", &[]),
    ("India", &["inde"]),
    ("Iraq", &["irak", "iraqi", "irakien", "irakienne"]),
    ("Israel", &["israeli", "israelien", "israelienne"]),
    (
        "Ivory Coast",
        &[
            "cote d ivoire",
            "cote divoire",
            "ivorian",
            "ivoirien",
            "ivoirienne",
        ],
    ),
    ("Kenya", &["kenyan", "kenyane"]),
    ("Lebanon", &["liban", "lebanese", "libanais", "libanaise"]),
    ("Liberia", &[]),
    ("Libya", &["libye", "libyan", "libyen", "libyenne"]),
    ("Mali", &["malian", "malien", "malienne"]),
    (
        "Mauritania",
        &["mauritanie", "mauritanian", "mauritanien", "mauritanienne"],
    ),
    ("Mexico", &["mexique"]),
    ("Morocco", &["maroc", "moroccan", "marocain", "marocaine"]),
    ("Mozambique", &["mozambican", "mozambicain", "mozambicaine"]),
    ("Myanmar", &["birmanie", "burma"]),
    ("Niger", &["nigerien", "nigerienne"]),
    ("Nigeria", &["nigerian", "nigeriane"]),
    ("Pakistan", &["pakistani", "pakistanais", "pakistanaise"]),
    ("Palestine", &[]),
    ("Republic of Congo", &["congo brazzaville", "congo"]),
    ("Russia", &["russie", "russian", "russe"]),
    ("Rwanda", &["rwandan", "rwandais", "rwandaise"]),
    ("Senegal", &["senegalese", "senegalais", "senegalaise"]),
    ("Sierra Leone", &[]),
    ("Somalia", &["somalie", "somali", "somalien", "somalienne"]),
    ("South Sudan", &["soudan du sud"]),
    ("Sudan", &["soudan", "sudanese", "soudanais", "soudanaise"]),
    ("Syria", &["syrie", "syrian", "syrien", "syrienne"]),
    (
        "Tanzania",
        &["tanzanie", "tanzanian", "tanzanien", "tanzanienne"],
    ),
    ("Togo", &["togolese", "togolais", "togolaise"]),
    (
        "Tunisia",
        &["tunisie", "tunisian", "tunisien", "tunisienne"],
    ),
    ("Turkey", &["turquie", "turkish", "turc", "turque"]),
    ("Uganda", &["ouganda", "ugandan", "ougandais", "ougandaise"]),
    ("Ukraine", &["ukrainian", "ukrainien", "ukrainienne"]),
    ("Western Sahara", &["sahara occidental"]),
    ("Yemen", &[]),
    ("Zambia", &["zambie"]),
    ("Zimbabwe", &[]),
];

/// The English name of a country named in English or French, if listed.
pub fn country(name: &str) -> Option<&'static str> {
    let folded = fold(name);
    let key = words(&folded).join(" ");
    COUNTRY_NAMES
        .iter()
        .find(|(words, _)| words.join(" ") == key)
        .map(|(_, english)| *english)
}

/// Every country name as words, longest first so "guinea bissau" wins
/// over "guinea"; built once.
static COUNTRY_NAMES: LazyLock<Vec<(Vec<String>, &'static str)>> = LazyLock::new(|| {
    let mut names: Vec<(Vec<String>, &'static str)> = COUNTRIES
        .iter()
        .flat_map(|(english, others)| {
            std::iter::once(fold(english))
                .chain(others.iter().map(|o| o.to_string()))
                .map(move |name| {
                    (
                        words(&name).into_iter().map(String::from).collect(),
                        *english,
                    )
                })
        })
        .collect();
    names.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    names
});

fn country_at(words: &[&str], at: usize) -> Option<(&'static str, usize)> {
    COUNTRY_NAMES.iter().find_map(|(name, english)| {
        let end = at + name.len();
        (end <= words.len() && words[at..end].iter().zip(name).all(|(w, n)| w == n))
            .then_some((*english, name.len()))
    })
}

/// A country name whose last word is right before `end`, and where it starts.
fn country_ending_at(words: &[&str], end: usize) -> Option<(&'static str, usize)> {
    (end.saturating_sub(4)..end).find_map(|start| {
        country_at(words, start)
            .filter(|(_, len)| start + len == end)
            .map(|(country, _)| (country, start))
    })
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
/// frontière avec le Mali", "the Niger-Mali border". English names, in
/// order of mention, without repeats.
pub fn border_countries(text: &str) -> Vec<&'static str> {
    let folded = fold(text);
    let words = words(&folded);
    let mut found: Vec<&'static str> = Vec::new();
    let mut push = |country: &'static str| {
        if !found.contains(&country) {
            found.push(country);
        }
    };
    for (i, word) in words.iter().enumerate() {
        if !BORDER_WORDS.contains(word) {
            continue;
        }
        // "X border", "X-Y border": countries ending right before the word.
        let mut before = Vec::new();
        let mut end = i;
        while let Some((country, start)) = country_ending_at(&words, end) {
            before.push(country);
            end = start;
        }
        before.into_iter().rev().for_each(&mut push);
        // "border with (the) X (and Y)".
        let mut j = i + 1;
        let limit = (i + 9).min(words.len());
        while j < limit {
            if CONNECTORS.contains(&words[j]) {
                j += 1;
            } else if let Some((country, len)) = country_at(&words, j) {
                push(country);
                j += len;
            } else {
                break;
            }
        }
    }
    found
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
