//! Folding text for place matching: lowercase, without diacritics, every run
//! of characters that cannot be part of a word turned into one space.
//!
//! Names and articles are folded the same way, so "Tillabéri", "TILLABERI"
//! and "Tillaberi" meet, "N'Djamena" meets "N’Djamena" and "Burkina\nFaso"
//! meets "Burkina Faso". Folding an article also records, for every folded
//! byte, where its character starts in the original text, which turns a match
//! in the folded text back into a span on the article's own char boundaries.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// An article folded for matching, with the map back to the original.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    /// Starts and ends with a space, so that `" name "` patterns match whole
    /// words only.
    pub text: String,
    /// `origin[i]` is the byte offset in the original text of the character
    /// that produced folded byte `i`; one more entry maps `text.len()` to the
    /// original length.
    pub origin: Vec<usize>,
}

/// Folds `text` into `out` (cleared first), keeping the offset map.
pub(crate) fn fold_into(text: &str, out: &mut Folded) {
    out.text.clear();
    out.origin.clear();
    out.text.reserve(text.len() + 2);
    out.origin.reserve(text.len() + 3);
    push_space(out, 0);
    for (at, c) in text.char_indices() {
        fold_char(c, |folded| match folded {
            Some(f) => {
                let before = out.text.len();
                out.text.push(f);
                out.origin
                    .extend(std::iter::repeat_n(at, out.text.len() - before));
            }
            None => push_space(out, at),
        });
    }
    push_space(out, text.len());
    out.origin.push(text.len());
}

/// Folds a name (no offset map needed): `" name "`, or `None` when nothing
/// word-like is left.
pub(crate) fn fold_name(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len() + 2);
    out.push(' ');
    for c in name.chars() {
        fold_char(c, |folded| match folded {
            Some(f) => out.push(f),
            None => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        });
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    (out.len() > 2).then_some(out)
}

/// Bit `i` is set when word `i` (up to 16, split as folding splits) of
/// `name` starts with a capital: "Les Attaques" -> 0b11, "région de Tahoua"
/// -> 0b100.
pub(crate) fn capital_mask(name: &str) -> u16 {
    let mut mask = 0;
    for (i, initial) in word_initials(name).take(16).enumerate() {
        if initial.is_uppercase() {
            mask |= 1 << i;
        }
    }
    mask
}

/// Words naming a kind of division, folded. News write them in lowercase
/// after a name ("Borno state", "Cabo Delgado province") where GeoNames
/// capitalises them ("Borno State").
const DIVISION_WORDS: [&str; 16] = [
    "state",
    "region",
    "province",
    "governorate",
    "department",
    "departement",
    "district",
    "county",
    "oblast",
    "prefecture",
    "territory",
    "territoire",
    "cercle",
    "division",
    "municipality",
    "commune",
];

/// Like [`capital_mask`], without the words that name a kind of division:
/// which words of a place name must be capitalised in the text. `folded`
/// is the name as [`fold_name`] folds it.
pub(crate) fn place_capital_mask(name: &str, folded: &str) -> u16 {
    let mut mask = capital_mask(name);
    for (i, word) in folded.split_whitespace().take(16).enumerate() {
        if DIVISION_WORDS.contains(&word) {
            mask &= !(1 << i);
        }
    }
    mask
}

/// Does `name` hold a word naming a kind of division ("Tillabéri Region")?
pub(crate) fn has_division_word(name: &str) -> bool {
    fold_name(name).is_some_and(|f| f.split_whitespace().any(|w| DIVISION_WORDS.contains(&w)))
}

/// The first char of every word of `text`, words split as folding splits.
pub(crate) fn word_initials(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut in_word = false;
    text.chars().filter(move |&c| {
        let mut word_char = None;
        fold_char(c, |folded| {
            word_char.get_or_insert(folded.is_some());
        });
        // Combining marks (None) neither start nor end a word.
        let starts = word_char == Some(true) && !in_word;
        if let Some(w) = word_char {
            in_word = w;
        }
        starts
    })
}

fn push_space(out: &mut Folded, at: usize) {
    if !out.text.ends_with(' ') {
        out.text.push(' ');
        out.origin.push(at);
    }
}

/// Calls `emit` with each folded char of `c` (`Some`), or once with `None`
/// when `c` separates words. Combining marks emit nothing: they belong to
/// the letter before them.
#[inline]
fn fold_char(c: char, mut emit: impl FnMut(Option<char>)) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            emit(Some(c.to_ascii_lowercase()));
        } else {
            emit(None);
        }
        return;
    }
    if is_combining_mark(c) {
        return;
    }
    // Spacing modifier letters (ʼ ʻ ˈ ...) are apostrophes in place names.
    if ('\u{2b0}'..='\u{2ff}').contains(&c) || !c.is_alphanumeric() {
        emit(None);
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        match d {
            'ß' => {
                emit(Some('s'));
                emit(Some('s'));
            }
            'æ' | 'Æ' => {
                emit(Some('a'));
                emit(Some('e'));
            }
            'œ' | 'Œ' => {
                emit(Some('o'));
                emit(Some('e'));
            }
            'ø' | 'Ø' => emit(Some('o')),
            'đ' | 'Đ' | 'ð' | 'Ð' => emit(Some('d')),
            'ł' | 'Ł' => emit(Some('l')),
            'ı' => emit(Some('i')),
            _ if d.is_alphanumeric() => {
                for l in d.to_lowercase() {
                    if !is_combining_mark(l) {
                        emit(Some(l));
                    }
                }
            }
            _ => emit(None),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Folded {
        let mut out = Folded::default();
        fold_into(text, &mut out);
        out
    }

    #[test]
    fn accents_case_and_punctuation_fold_away() {
        assert_eq!(folded("Tillabéri").text, " tillaberi ");
        assert_eq!(folded("N’Djaména, TCHAD!").text, " n djamena tchad ");
        assert_eq!(folded("Burkina\n  Faso").text, " burkina faso ");
        assert_eq!(
            fold_name("Straße Œuvre").as_deref(),
            Some(" strasse oeuvre ")
        );
        assert_eq!(fold_name("Karbalāʼ").as_deref(), Some(" karbala "));
        assert_eq!(fold_name("--"), None);
    }

    #[test]
    fn capital_masks_follow_the_words() {
        assert_eq!(capital_mask("Les Attaques"), 0b11);
        assert_eq!(capital_mask("région de Tahoua"), 0b100);
        assert_eq!(capital_mask("l’Agadez"), 0b10);
        assert_eq!(capital_mask("Tillabe\u{301}ri region"), 0b1);
        assert_eq!(word_initials("N'Djamena-Sud").collect::<String>(), "NDS");
    }

    #[test]
    fn division_words_need_no_capital() {
        let mask = |name| place_capital_mask(name, &fold_name(name).unwrap_or_default());
        assert_eq!(mask("Borno State"), 0b1);
        assert_eq!(mask("Cabo Delgado Province"), 0b11);
        assert_eq!(mask("Province du Soum"), 0b100);
        assert_eq!(mask("Niamey"), 0b1);
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        assert_eq!(folded("Tillabe\u{301}ri").text, folded("Tillabéri").text);
    }

    #[test]
    fn origin_maps_every_folded_byte_to_a_char_start() {
        let text = "« Niamey » 🙂 Tillabéri";
        let f = folded(text);
        assert_eq!(f.origin.len(), f.text.len() + 1);
        for &at in &f.origin {
            assert!(text.is_char_boundary(at));
        }
        let start = f.text.find("tillaberi").expect("folded name");
        assert_eq!(&text[f.origin[start]..], "Tillabéri");
    }
}
