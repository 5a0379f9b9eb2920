//! Language detection by function words: cheap, and enough to tell the
//! languages the extractor reads (English, French) from each other.

use serde::{Deserialize, Serialize};

/// The languages the extractor reads. Others are kept as their code and
/// get no candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Fr,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Some(Language::En),
            "fr" | "fra" | "fre" | "french" | "français" => Some(Language::Fr),
            _ => None,
        }
    }
}

const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "in", "was", "were", "had", "has", "have", "said", "by", "with",
    "that", "on", "at", "from", "it", "its", "killed",
];
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "un", "une", "dans", "est", "ont", "été", "sur",
    "pour", "par", "qui", "que", "au", "aux", "tués",
];

/// Guesses the language of `text` from its most common function words.
/// Reads at most the first 20 KB, so it costs the same on any article.
pub fn detect_language(text: &str) -> Language {
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut en, mut fr) = (0usize, 0usize);
    for word in text[..end]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        en += usize::from(ENGLISH.contains(&lower.as_str()));
        fr += usize::from(FRENCH.contains(&lower.as_str()));
    }
    if fr > en { Language::Fr } else { Language::En }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_french() {
        assert_eq!(
            detect_language("Gunmen killed five villagers in the north on Monday, the army said."),
            Language::En
        );
        assert_eq!(
            detect_language("Des hommes armés ont tué cinq villageois dans le nord lundi."),
            Language::Fr
        );
        assert_eq!(detect_language(""), Language::En);
    }
}
