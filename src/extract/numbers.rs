//! Counts of people in English and French news text: "17", "1 500",
//! "seventeen", "vingt-neuf", "dozens", "au moins 29", "between 10 and 15".
//!
//! [`find_quantities`] reads a sentence (or a whole text) and returns every
//! count it finds, with the byte span of the whole phrase, qualifier
//! included, so the desk can highlight it as evidence. Numbers that are not
//! counts are skipped: years ("in 2015", and any bare 1800-2100 not after a
//! qualifier: counts that large are written "2,000" or "2 000"), dates
//! ("26 July", "le 2 octobre", "les 2 et 3 octobre"),
//! times ("10:30", "18h"), percentages, money, distances and other measures
//! ("60 km", "three days"), ordinals ("17th", "1er") and identifiers ("G5",
//! "F-16", "Resolution 2719"). Which noun a count belongs to ("17 soldiers")
//! is the caller's business.
//!
//! Vague quantities follow ACLED's fatality rules: the lowest reported
//! number, "tens" 10, "dozens" 12, "hundreds" 100, "and so on"; the words
//! ACLED gives no number for are coded by the same lowest-plausible rule.
//! All of them live in one table, [`VAGUE`].

use std::sync::OnceLock;

use crate::extract::Language;
use crate::extract::dates;
use crate::model::Span;

/// A count found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The whole phrase, qualifier included ("at least 17", "des dizaines").
    pub span: Span,
    /// The count to code: for a range or an approximation, the lowest
    /// number the words support (ACLED's rule).
    pub value: u32,
    /// A conventional value for a vague word ("dozens" = 12), not a number
    /// the text states.
    pub vague: bool,
    pub qualifier: Qualifier,
}

/// What the text says about how exact a count is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// "17", "dozens": no qualifying words.
    Exact,
    /// "at least", "au moins", "no fewer than".
    AtLeast,
    /// "more than", "over", "plus de".
    MoreThan,
    /// "about", "around", "some", "nearly", "environ", "près de", "quelque".
    About,
    /// "up to", "as many as", "jusqu'à".
    UpTo,
    /// "fewer than", "under", "moins de".
    LessThan,
    /// "between 10 and 15", "10 to 15", "10-15", "entre 10 et 15": the
    /// quantity's value is the low end, `high` the other.
    Range { high: u32 },
}

/// Finds every count of people in `text`, in text order, without overlaps.
pub fn find_quantities(text: &str, lang: Language) -> Vec<Quantity> {
    let words = Words::new(text);
    // Dates are read first so that their numbers ("26 July", "2023-08-15")
    // are not taken for counts; every such date has digits.
    let dates = if words.toks.iter().any(|t| t.kind == Kind::Digits) {
        dates::scan(&words, lang, dates::Mode::Digits)
    } else {
        Vec::new()
    };
    let mut dates = dates.iter().map(|d| d.span).peekable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let start = words.toks[i].start;
        while dates.peek().is_some_and(|d| d.end <= start) {
            dates.next();
        }
        let date = dates.peek().copied();
        if let Some(date) = date
            && date.start <= start
        {
            i = words.first_at_or_after(date.end);
            continue;
        }
        match read_count(&words, i, lang) {
            // "15-16 August": a count that runs into a date is part of it.
            Some(Read::Count(q, _)) if date.is_some_and(|d| d.overlaps(&q.span)) => {
                i = words.first_at_or_after(date.map_or(0, |d| d.end));
            }
            Some(Read::Count(q, next)) => {
                // "Cinquante-quatre (54) militaires": the digits repeat the
                // words; one count over both.
                match out.last_mut() {
                    Some(last) if repeats(text, last, &q) => last.span.end = q.span.end + 1,
                    _ => out.push(q),
                }
                i = next;
            }
            Some(Read::Skip(next)) => i = next.max(i + 1),
            None => i += 1,
        }
    }
    out
}

/// Whether `second` is `first` again in digits in brackets right after it:
/// "vingt-neuf (29)", "seventeen (17)".
fn repeats(text: &str, first: &Quantity, second: &Quantity) -> bool {
    first.value == second.value
        && text[first.span.end..second.span.start].trim_end() == " ("
        && text[second.span.end..].starts_with(')')
}

/// Reads a count written in words or digits, in either language, when it
/// is the whole of `s`: "17", "1,500", "seventeen", "Twenty-one",
/// "quatre-vingt-dix", "soixante et onze", "cent", "mille", "dozens"; for
/// a count an analyst types.
pub fn parse_count(s: &str) -> Option<u32> {
    let s = s.trim();
    let words = Words::new(s);
    [Language::En, Language::Fr]
        .into_iter()
        .find_map(|lang| match read_count(&words, 0, lang) {
            Some(Read::Count(q, next))
                if next == words.len() && q.span == Span::new(0, s.len()) =>
            {
                Some(q.value)
            }
            _ => None,
        })
}

/// Reads a number written in words ("seventeen", "vingt-neuf",
/// "one hundred and five") that fills all of `s`; digits and vague words
/// are not number words. The date reader uses it ("il y a deux jours").
pub fn parse_count_word(s: &str) -> Option<u32> {
    let s = s.trim();
    let words = Words::new(s);
    [Language::En, Language::Fr].into_iter().find_map(|lang| {
        let number = compose(&words, 0, lang)?;
        (number.next == words.len() && !number.lone_article)
            .then_some(number.value)
            .and_then(|v| u32::try_from(v).ok())
    })
}

// ---------------------------------------------------------------------------
// Words: a cheap tokenizer shared with the date reader.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (any script).
    Word,
    /// A run of ASCII digits.
    Digits,
    /// Any other single non-space character.
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// For words, FNV-1a of the lowercased word: computed once, it lets
    /// every [`Lexicon`] reject the words it does not hold at once.
    hash: u64,
    ascii: bool,
}

/// The tokens of a text, with the helpers both readers match phrases with.
/// Spaces are not tokens; whether two tokens touch is [`Words::joined`].
pub(crate) struct Words<'t> {
    pub(crate) text: &'t str,
    pub(crate) toks: Vec<Token>,
}

impl<'t> Words<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Words {
            text,
            toks: tokenize(text),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    pub(crate) fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The text of token `i`, empty past the end.
    pub(crate) fn str(&self, i: usize) -> &'t str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Whether token `i` is `pat` (lowercase), ignoring case. `'` stands
    /// for any apostrophe and `-` for any hyphen.
    pub(crate) fn is(&self, i: usize, pat: &str) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let bytes = self.text.as_bytes().get(t.start..t.end).unwrap_or(&[]);
        if bytes.len() == pat.len() && bytes.eq_ignore_ascii_case(pat.as_bytes()) {
            return true;
        }
        if t.ascii {
            return false;
        }
        let s = self.str(i);
        match pat.as_bytes() {
            b"'" => matches!(s, "\u{2019}" | "\u{2bc}"),
            b"-" => matches!(s, "\u{2010}" | "\u{2011}"),
            _ if s.is_ascii() || pat.is_ascii() => false,
            _ => s.chars().flat_map(char::to_lowercase).eq(pat.chars()),
        }
    }

    pub(crate) fn is_any(&self, i: usize, pats: &[&str]) -> bool {
        pats.iter().any(|p| self.is(i, p))
    }

    /// A hyphen or a dash between numbers ("10-15", "10 – 15").
    pub(crate) fn is_dash(&self, i: usize) -> bool {
        self.is(i, "-") || matches!(self.str(i), "\u{2012}" | "\u{2013}" | "\u{2014}")
    }

    /// The first token that starts at or after byte `at`.
    pub(crate) fn first_at_or_after(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }

    /// Whether token `i` touches the token before it (no space between).
    pub(crate) fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i - 1].end == self.toks[i].start
    }

    /// The text between token `i - 1` and token `i`.
    pub(crate) fn gap(&self, i: usize) -> &'t str {
        if i == 0 || i >= self.toks.len() {
            return "";
        }
        self.text
            .get(self.toks[i - 1].end..self.toks[i].start)
            .unwrap_or("")
    }

    /// The span from the start of token `first` to the end of token `last`.
    pub(crate) fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.toks[first].start, self.toks[last].end)
    }

    /// The words of `pat` start at token `i`; returns the token after them.
    pub(crate) fn seq(&self, i: usize, pat: &[&str]) -> Option<usize> {
        pat.iter()
            .enumerate()
            .all(|(k, p)| self.is(i + k, p))
            .then_some(i + pat.len())
    }

    /// The words of `pat` end just before token `end`; returns the first.
    pub(crate) fn seq_before(&self, end: usize, pat: &[&str]) -> Option<usize> {
        let first = end.checked_sub(pat.len())?;
        self.seq(first, pat).map(|_| first)
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            toks.push(Token {
                start,
                end: i,
                kind: Kind::Digits,
                hash: 0,
                ascii: true,
            });
            continue;
        }
        if b.is_ascii_alphabetic() {
            let mut hash = FNV_START;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                hash = fnv_step(hash, bytes[i].to_ascii_lowercase());
                i += 1;
            }
            if i >= bytes.len() || bytes[i] < 0x80 {
                toks.push(Token {
                    start,
                    end: i,
                    kind: Kind::Word,
                    hash,
                    ascii: true,
                });
                continue;
            }
            // A word that goes on with non-ASCII letters ("Mohamed", "près").
            i = start;
        }
        let (c, width) = char_at(text, i);
        i += width;
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphabetic() {
            toks.push(Token {
                start,
                end: i,
                kind: Kind::Punct,
                hash: 0,
                ascii: width == 1,
            });
            continue;
        }
        while i < bytes.len() {
            if bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            if bytes[i] < 0x80 {
                break;
            }
            let (c, width) = char_at(text, i);
            if !c.is_alphabetic() {
                break;
            }
            i += width;
        }
        let word = text.get(start..i).unwrap_or("");
        toks.push(Token {
            start,
            end: i,
            kind: Kind::Word,
            hash: fnv_lowercase_unicode(word),
            ascii: word.is_ascii(),
        });
    }
    toks
}

/// The char at byte `i` (a char boundary) and its width.
fn char_at(text: &str, i: usize) -> (char, usize) {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or((char::REPLACEMENT_CHARACTER, 1), |c| (c, c.len_utf8()))
}

/// A word table built once. Every word token carries the hash of its
/// lowercased text, so a look-up is a Bloom filter test (most words of a
/// text are in no table), then a search among the keys by hash, then one
/// case-insensitive comparison.
pub(crate) struct Lexicon<T: 'static> {
    /// Sorted by hash.
    entries: Vec<(u64, &'static str, T)>,
    bloom: [u64; BLOOM_WORDS],
}

const BLOOM_WORDS: usize = 64;
const BLOOM_BITS: u64 = (BLOOM_WORDS * 64) as u64;

impl<T: Copy> Lexicon<T> {
    /// `entries` are lowercase words; a word given twice keeps its first value.
    pub(crate) fn new(entries: Vec<(&'static str, T)>) -> Self {
        let mut entries: Vec<(u64, &'static str, T)> = entries
            .into_iter()
            .map(|(k, v)| (fnv_lowercase_unicode(k), k, v))
            .collect();
        entries.sort_by_key(|e| e.0);
        entries.dedup_by(|a, b| a.1 == b.1);
        let mut bloom = [0u64; BLOOM_WORDS];
        for (hash, ..) in &entries {
            for bit in bloom_bits(*hash) {
                bloom[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        Lexicon { entries, bloom }
    }

    /// The entries whose key hashes to `hash`.
    fn with_hash(&self, hash: u64) -> impl Iterator<Item = &(u64, &'static str, T)> {
        let maybe = bloom_bits(hash)
            .iter()
            .all(|&bit| self.bloom[(bit / 64) as usize] & (1 << (bit % 64)) != 0);
        let from = if maybe {
            self.entries.partition_point(|e| e.0 < hash)
        } else {
            self.entries.len()
        };
        self.entries[from..].iter().take_while(move |e| e.0 == hash)
    }

    /// The value of a lowercase `word`.
    pub(crate) fn get(&self, word: &str) -> Option<T> {
        self.with_hash(fnv_lowercase_unicode(word))
            .find(|e| e.1 == word)
            .map(|e| e.2)
    }

    /// The value of token `i` of `words`, whatever its case.
    pub(crate) fn token(&self, words: &Words, i: usize) -> Option<T> {
        let t = words.toks.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        self.with_hash(t.hash)
            .find(|e| words.is(i, e.1))
            .map(|e| e.2)
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte of FNV-1a.
fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// Indexes phrases by one of their words: each word maps to the bits of
/// the phrases (by position in their table) that have it there. Lets a
/// reader try only the phrases that can match, not a whole table, at
/// frequent words such as "the" or "en".
pub(crate) fn phrase_index(keys: impl IntoIterator<Item = (usize, &'static str)>) -> Lexicon<u64> {
    let mut entries: Vec<(&'static str, u64)> = Vec::new();
    for (k, word) in keys {
        let bit = 1u64 << k;
        match entries.iter_mut().find(|(w, _)| *w == word) {
            Some((_, bits)) => *bits |= bit,
            None => entries.push((word, bit)),
        }
    }
    Lexicon::new(entries)
}

impl Lexicon<u64> {
    /// The phrase bits of token `i` (apostrophes included), 0 for none.
    pub(crate) fn bits(&self, words: &Words, i: usize) -> u64 {
        if words.is(i, "'") {
            return self.get("'").unwrap_or(0);
        }
        self.token(words, i).unwrap_or(0)
    }
}

/// FNV-1a over the UTF-8 of the lowercased word.
fn fnv_lowercase_unicode(word: &str) -> u64 {
    let mut buf = [0u8; 4];
    word.chars()
        .flat_map(char::to_lowercase)
        .fold(FNV_START, |h, c| {
            c.encode_utf8(&mut buf).bytes().fold(h, fnv_step)
        })
}

fn bloom_bits(hash: u64) -> [u64; 2] {
    [hash % BLOOM_BITS, (hash >> 32) % BLOOM_BITS]
}

// ---------------------------------------------------------------------------
// Tables. Every word is lowercase; a lone `'` stands for any apostrophe.

/// A number word and how it combines with the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumWord {
    /// 0 to 9.
    Unit(u32),
    /// 10 to 19.
    Teen(u32),
    /// 20, 30, ... 90.
    Tens(u32),
    /// "two dozen": times twelve, after a number.
    Dozen,
    Hundred,
    Thousand,
    Million,
}

const EN_NUMBER_WORDS: &[(&str, NumWord)] = &[
    ("zero", NumWord::Unit(0)),
    ("one", NumWord::Unit(1)),
    ("two", NumWord::Unit(2)),
    ("three", NumWord::Unit(3)),
    ("four", NumWord::Unit(4)),
    ("five", NumWord::Unit(5)),
    ("six", NumWord::Unit(6)),
    ("seven", NumWord::Unit(7)),
    ("eight", NumWord::Unit(8)),
    ("nine", NumWord::Unit(9)),
    ("ten", NumWord::Teen(10)),
    ("eleven", NumWord::Teen(11)),
    ("twelve", NumWord::Teen(12)),
    ("thirteen", NumWord::Teen(13)),
    ("fourteen", NumWord::Teen(14)),
    ("fifteen", NumWord::Teen(15)),
    ("sixteen", NumWord::Teen(16)),
    ("seventeen", NumWord::Teen(17)),
    ("eighteen", NumWord::Teen(18)),
    ("nineteen", NumWord::Teen(19)),
    ("twenty", NumWord::Tens(20)),
    ("thirty", NumWord::Tens(30)),
    ("forty", NumWord::Tens(40)),
    ("fifty", NumWord::Tens(50)),
    ("sixty", NumWord::Tens(60)),
    ("seventy", NumWord::Tens(70)),
    ("eighty", NumWord::Tens(80)),
    ("ninety", NumWord::Tens(90)),
    ("dozen", NumWord::Dozen),
    ("hundred", NumWord::Hundred),
    ("thousand", NumWord::Thousand),
    ("million", NumWord::Million),
];

const FR_NUMBER_WORDS: &[(&str, NumWord)] = &[
    ("zéro", NumWord::Unit(0)),
    ("un", NumWord::Unit(1)),
    ("une", NumWord::Unit(1)),
    ("deux", NumWord::Unit(2)),
    ("trois", NumWord::Unit(3)),
    ("quatre", NumWord::Unit(4)),
    ("cinq", NumWord::Unit(5)),
    ("six", NumWord::Unit(6)),
    ("sept", NumWord::Unit(7)),
    ("huit", NumWord::Unit(8)),
    ("neuf", NumWord::Unit(9)),
    ("dix", NumWord::Teen(10)),
    ("onze", NumWord::Teen(11)),
    ("douze", NumWord::Teen(12)),
    ("treize", NumWord::Teen(13)),
    ("quatorze", NumWord::Teen(14)),
    ("quinze", NumWord::Teen(15)),
    ("seize", NumWord::Teen(16)),
    ("vingt", NumWord::Tens(20)),
    ("vingts", NumWord::Tens(20)),
    ("trente", NumWord::Tens(30)),
    ("quarante", NumWord::Tens(40)),
    ("cinquante", NumWord::Tens(50)),
    ("soixante", NumWord::Tens(60)),
    // Belgian and Swiss French.
    ("septante", NumWord::Tens(70)),
    ("huitante", NumWord::Tens(80)),
    ("octante", NumWord::Tens(80)),
    ("nonante", NumWord::Tens(90)),
    ("cent", NumWord::Hundred),
    ("cents", NumWord::Hundred),
    ("mille", NumWord::Thousand),
    ("million", NumWord::Million),
    ("millions", NumWord::Million),
];

/// One vague quantity: the words (a trailing "of"/"de" is required but left
/// out of the span) and the value coded for them.
struct Vague {
    lang: Language,
    words: &'static [&'static str],
    value: u32,
    /// A round number said approximately ("une vingtaine", about twenty):
    /// a number the source gives, as "about 20" is, not a conventional
    /// reading of a vague word; so against another report of the same
    /// dead the lowest of the two is kept.
    round: bool,
}

const fn vague(lang: Language, words: &'static [&'static str], value: u32) -> Vague {
    Vague {
        lang,
        words,
        value,
        round: false,
    }
}

const fn round(lang: Language, words: &'static [&'static str], value: u32) -> Vague {
    Vague {
        lang,
        words,
        value,
        round: true,
    }
}

/// The vague quantities and the count coded for each.
///
/// ACLED codes "tens" 10, "dozens" 12, "hundreds" 100 "and so on" (one unit
/// of the word), and otherwise the most conservative estimate. So the
/// plural of a unit word is one unit ("thousands" 1000, "scores of" 20,
/// "tens of thousands" 10 000), and French "des dizaines", which English
/// news renders as "dozens", is 12 as "dozens" is. Words ACLED gives no number
/// for take the lowest reading that is still plural in practice: "several",
/// "a few", "a handful", "plusieurs", "quelques" 3; "a couple of" 2. French
/// "une vingtaine" (about twenty) is its round number, a number the source
/// gives (see [`Vague::round`]).
const VAGUE: &[Vague] = &[
    vague(Language::En, &["tens", "of", "thousands"], 10_000),
    vague(Language::En, &["tens", "of", "millions"], 10_000_000),
    vague(Language::En, &["hundreds", "of", "thousands"], 100_000),
    vague(Language::En, &["tens", "of"], 10),
    vague(Language::En, &["dozens"], 12),
    vague(Language::En, &["several", "dozen"], 12),
    vague(Language::En, &["a", "few", "dozen"], 12),
    vague(Language::En, &["a", "dozen"], 12),
    vague(Language::En, &["half", "a", "dozen"], 6),
    vague(Language::En, &["scores", "of"], 20),
    vague(Language::En, &["hundreds"], 100),
    vague(Language::En, &["several", "hundred"], 100),
    vague(Language::En, &["a", "few", "hundred"], 100),
    vague(Language::En, &["thousands"], 1_000),
    vague(Language::En, &["several", "thousand"], 1_000),
    vague(Language::En, &["a", "few", "thousand"], 1_000),
    vague(Language::En, &["millions"], 1_000_000),
    vague(Language::En, &["several"], 3),
    vague(Language::En, &["a", "few"], 3),
    vague(Language::En, &["a", "handful", "of"], 3),
    vague(Language::En, &["a", "couple", "of"], 2),
    vague(Language::Fr, &["des", "dizaines", "de", "milliers"], 10_000),
    vague(
        Language::Fr,
        &["plusieurs", "dizaines", "de", "milliers"],
        10_000,
    ),
    vague(
        Language::Fr,
        &["des", "centaines", "de", "milliers"],
        100_000,
    ),
    vague(
        Language::Fr,
        &["plusieurs", "centaines", "de", "milliers"],
        100_000,
    ),
    vague(Language::Fr, &["des", "dizaines"], 12),
    vague(Language::Fr, &["plusieurs", "dizaines"], 12),
    vague(Language::Fr, &["quelques", "dizaines"], 12),
    vague(Language::Fr, &["dizaines"], 12),
    vague(Language::Fr, &["des", "douzaines"], 12),
    vague(Language::Fr, &["des", "centaines"], 100),
    vague(Language::Fr, &["plusieurs", "centaines"], 100),
    vague(Language::Fr, &["quelques", "centaines"], 100),
    vague(Language::Fr, &["centaines"], 100),
    vague(Language::Fr, &["des", "milliers"], 1_000),
    vague(Language::Fr, &["plusieurs", "milliers"], 1_000),
    vague(Language::Fr, &["quelques", "milliers"], 1_000),
    vague(Language::Fr, &["milliers"], 1_000),
    vague(Language::Fr, &["des", "millions"], 1_000_000),
    round(Language::Fr, &["une", "dizaine"], 10),
    round(Language::Fr, &["une", "douzaine"], 12),
    round(Language::Fr, &["une", "quinzaine"], 15),
    round(Language::Fr, &["une", "vingtaine"], 20),
    round(Language::Fr, &["une", "trentaine"], 30),
    round(Language::Fr, &["une", "quarantaine"], 40),
    round(Language::Fr, &["une", "cinquantaine"], 50),
    round(Language::Fr, &["une", "soixantaine"], 60),
    round(Language::Fr, &["une", "centaine"], 100),
    round(Language::Fr, &["un", "millier"], 1_000),
    vague(Language::Fr, &["plusieurs"], 3),
    vague(Language::Fr, &["quelques"], 3),
    vague(Language::Fr, &["une", "poignée", "de"], 3),
];

// Qualifiers are indexed by bits of a `u64`.
const _: () = assert!(QUALIFIERS.len() <= 64);

/// Qualifiers, matched backwards from the number they qualify.
const QUALIFIERS: &[(Language, &[&str], Qualifier)] = &[
    (Language::En, &["at", "least"], Qualifier::AtLeast),
    (Language::En, &["at", "a", "minimum"], Qualifier::AtLeast),
    (Language::En, &["a", "minimum", "of"], Qualifier::AtLeast),
    (Language::En, &["no", "fewer", "than"], Qualifier::AtLeast),
    (Language::En, &["no", "less", "than"], Qualifier::AtLeast),
    (Language::En, &["not", "less", "than"], Qualifier::AtLeast),
    (Language::En, &["more", "than"], Qualifier::MoreThan),
    (Language::En, &["over"], Qualifier::MoreThan),
    (Language::En, &["upwards", "of"], Qualifier::MoreThan),
    (Language::En, &["in", "excess", "of"], Qualifier::MoreThan),
    (Language::En, &["about"], Qualifier::About),
    (Language::En, &["around"], Qualifier::About),
    (Language::En, &["some"], Qualifier::About),
    (Language::En, &["nearly"], Qualifier::About),
    (Language::En, &["almost"], Qualifier::About),
    (Language::En, &["approximately"], Qualifier::About),
    (Language::En, &["roughly"], Qualifier::About),
    (Language::En, &["an", "estimated"], Qualifier::About),
    (Language::En, &["close", "to"], Qualifier::About),
    (Language::En, &["up", "to"], Qualifier::UpTo),
    (Language::En, &["as", "many", "as"], Qualifier::UpTo),
    (Language::En, &["at", "most"], Qualifier::UpTo),
    (Language::En, &["fewer", "than"], Qualifier::LessThan),
    (Language::En, &["less", "than"], Qualifier::LessThan),
    (Language::En, &["under"], Qualifier::LessThan),
    (Language::Fr, &["au", "moins"], Qualifier::AtLeast),
    (Language::Fr, &["au", "minimum"], Qualifier::AtLeast),
    (Language::Fr, &["pas", "moins", "de"], Qualifier::AtLeast),
    (
        Language::Fr,
        &["pas", "moins", "d", "'"],
        Qualifier::AtLeast,
    ),
    (Language::Fr, &["plus", "de"], Qualifier::MoreThan),
    (Language::Fr, &["plus", "d", "'"], Qualifier::MoreThan),
    (Language::Fr, &["environ"], Qualifier::About),
    (Language::Fr, &["près", "de"], Qualifier::About),
    (Language::Fr, &["près", "d", "'"], Qualifier::About),
    (Language::Fr, &["quelque"], Qualifier::About),
    (Language::Fr, &["presque"], Qualifier::About),
    (Language::Fr, &["quasiment"], Qualifier::About),
    (Language::Fr, &["approximativement"], Qualifier::About),
    (Language::Fr, &["à", "peu", "près"], Qualifier::About),
    (Language::Fr, &["jusqu", "'", "à"], Qualifier::UpTo),
    (Language::Fr, &["moins", "de"], Qualifier::LessThan),
    (Language::Fr, &["moins", "d", "'"], Qualifier::LessThan),
];

/// Words after a number that make it a measure, not a count of people.
const UNIT_WORDS: &[&str] = &[
    // Distances, areas, weights.
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "kilomètre",
    "kilomètres",
    "mile",
    "miles",
    "m",
    "metre",
    "metres",
    "meter",
    "meters",
    "mètre",
    "mètres",
    "cm",
    "feet",
    "ft",
    "kg",
    "kilos",
    "kilogrammes",
    "kilograms",
    "tonnes",
    "tons",
    "t",
    "hectares",
    "ha",
    "degrees",
    "degrés",
    "km²",
    // Durations and times of day.
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "heure",
    "heures",
    "min",
    "minute",
    "minutes",
    "second",
    "seconds",
    "seconde",
    "secondes",
    "day",
    "days",
    "jour",
    "jours",
    "journée",
    "journées",
    "week",
    "weeks",
    "semaine",
    "semaines",
    "month",
    "months",
    "mois",
    "year",
    "years",
    "an",
    "ans",
    "année",
    "années",
    "decade",
    "decades",
    "décennie",
    "décennies",
    "am",
    "pm",
    // Percentages and money.
    "percent",
    "pourcent",
    "dollar",
    "dollars",
    "usd",
    "euro",
    "euros",
    "eur",
    "franc",
    "francs",
    "cfa",
    "fcfa",
    "naira",
    "cedis",
    "pound",
    "pounds",
    "sterling",
    "shillings",
    "dinars",
    "billion",
    "billions",
    "milliard",
    "milliards",
];

/// Words before a number that make it an identifier.
const ID_INTRO: &[&str] = &[
    "no",
    "n",
    "number",
    "numéro",
    "article",
    "articles",
    "resolution",
    "résolution",
    "route",
    "highway",
    "flight",
    "page",
    "chapter",
    "chapitre",
    "room",
    "section",
    "level",
    "niveau",
    "rn",
    "nr",
    "km",
    "pk",
    "code",
    "covid",
    "sars",
    "version",
    "type",
    "mark",
];

/// Number words, vague-quantity starts and units, per language.
#[derive(Clone, Copy, Debug, Default)]
struct Lex {
    number: Option<NumWord>,
    /// The [`VAGUE`] entries that start with this word, as bits.
    vague: u64,
}

// `Lex::vague` has a bit for each entry.
const _: () = assert!(VAGUE.len() <= 64);

fn lexicon(lang: Language) -> &'static Lexicon<Lex> {
    static EN: OnceLock<Lexicon<Lex>> = OnceLock::new();
    static FR: OnceLock<Lexicon<Lex>> = OnceLock::new();
    let (cell, numbers) = match lang {
        Language::En => (&EN, EN_NUMBER_WORDS),
        Language::Fr => (&FR, FR_NUMBER_WORDS),
    };
    cell.get_or_init(|| {
        let mut entries: Vec<(&'static str, Lex)> = numbers
            .iter()
            .map(|&(w, n)| {
                (
                    w,
                    Lex {
                        number: Some(n),
                        vague: 0,
                    },
                )
            })
            .collect();
        for (k, v) in VAGUE.iter().enumerate().filter(|(_, v)| v.lang == lang) {
            let first = v.words[0];
            let bit = 1u64 << k;
            match entries.iter_mut().find(|(w, _)| *w == first) {
                Some((_, lex)) => lex.vague |= bit,
                None => entries.push((
                    first,
                    Lex {
                        number: None,
                        vague: bit,
                    },
                )),
            }
        }
        // "a hundred", "a thousand": the article stands for one.
        if lang == Language::En {
            entries.push(("a", Lex::default()));
        }
        Lexicon::new(entries)
    })
}

fn is_unit_word(words: &Words, i: usize) -> bool {
    static UNITS: OnceLock<Lexicon<()>> = OnceLock::new();
    UNITS
        .get_or_init(|| Lexicon::new(UNIT_WORDS.iter().map(|&w| (w, ())).collect()))
        .token(words, i)
        .is_some()
}

// ---------------------------------------------------------------------------
// Reading counts.

enum Read {
    /// A count and the token after it.
    Count(Quantity, usize),
    /// A number that is not a count; go on from this token.
    Skip(usize),
}

/// A number read at a token: its value, and the tokens it covers.
#[derive(Clone, Copy, Debug)]
struct Number {
    /// `u64` so that long digit runs saturate instead of overflowing.
    value: u64,
    first: usize,
    /// The token after the number.
    next: usize,
    vague: bool,
    digits: bool,
    /// Digits with a decimal part and no multiplier ("2.5").
    fraction: bool,
    /// Thousands separators were read ("1,500"): not a year.
    grouped: bool,
    /// The number is a lone French article ("un", "une"), not a count.
    lone_article: bool,
}

fn read_count(words: &Words, i: usize, lang: Language) -> Option<Read> {
    let first = read_number(words, i, lang)?;
    let (mut qual, mut qual_first) = qualifier_before(words, i, lang);
    let mut value = first.value;
    let mut vague = first.vague;
    let mut next = first.next;

    // Ranges: "between 10 and 15", "10 to 15", "10-15", "entre 10 et 15".
    let wants_and = matches!(qual, Some(QualKind::Between));
    let wants_to = matches!(qual, Some(QualKind::From));
    let marker = next;
    let is_marker = match lang {
        Language::En => {
            (wants_and && words.is(marker, "and"))
                || (!wants_and && words.is_any(marker, &["to", "or"]))
        }
        Language::Fr => {
            (wants_and && words.is(marker, "et"))
                || (!wants_and && words.is_any(marker, &["à", "ou"]))
        }
    } || (!wants_and && !first.vague && words.is_dash(marker));
    let mut high = None;
    if is_marker && let Some(second) = read_number(words, marker + 1, lang) {
        let dash = words.is_dash(marker);
        if is_year_like(&first) && is_year_like(&second) {
            return Some(Read::Skip(second.next));
        }
        if dash && second.value <= first.value && first.digits {
            // "2023-08", "3-0": not a range of counts.
            return Some(Read::Skip(second.next));
        }
        if !(second.lone_article || (wants_to && second.vague)) {
            high = Some(second.value.max(first.value));
            value = first.value.min(second.value);
            vague |= second.vague;
            next = second.next;
        }
    }
    if high.is_none() && matches!(qual, Some(QualKind::Between | QualKind::From)) {
        qual = None;
        qual_first = i;
    }
    if first.lone_article && high.is_none() {
        return Some(Read::Skip(first.next));
    }
    if first.fraction {
        return Some(Read::Skip(next));
    }
    let qualified = matches!(qual, Some(QualKind::Plain(_)));
    if let Some(skip) = not_a_count(words, &first, next, qualified, lang) {
        return Some(Read::Skip(skip));
    }
    let Ok(value) = u32::try_from(value) else {
        return Some(Read::Skip(next));
    };
    let qualifier = match (high, qual) {
        (Some(h), _) => Qualifier::Range {
            high: u32::try_from(h).unwrap_or(u32::MAX),
        },
        (None, Some(QualKind::Plain(q))) => q,
        (None, _) => Qualifier::Exact,
    };
    Some(Read::Count(
        Quantity {
            span: words.span(qual_first, next - 1),
            value,
            vague,
            qualifier,
        },
        next,
    ))
}

#[derive(Clone, Copy, Debug)]
enum QualKind {
    Plain(Qualifier),
    /// "between" / "entre": a range with "and" / "et" must follow.
    Between,
    /// "from" / "de": a range with "to" / "à" must follow.
    From,
}

/// The qualifier just before token `i`, and the token it starts at.
fn qualifier_before(words: &Words, i: usize, lang: Language) -> (Option<QualKind>, usize) {
    static BY_LAST_WORD: OnceLock<Lexicon<u64>> = OnceLock::new();
    let index = BY_LAST_WORD.get_or_init(|| {
        phrase_index(
            QUALIFIERS
                .iter()
                .enumerate()
                .filter_map(|(k, (_, pat, _))| Some((k, *pat.last()?))),
        )
    });
    let candidates = if i > 0 { index.bits(words, i - 1) } else { 0 };
    let mut best: Option<(QualKind, usize)> = None;
    for (_, (l, pat, q)) in QUALIFIERS
        .iter()
        .enumerate()
        .filter(|(k, _)| candidates & (1 << k) != 0)
    {
        if *l != lang {
            continue;
        }
        if let Some(start) = words.seq_before(i, pat)
            && best.is_none_or(|(_, s)| start < s)
        {
            best = Some((QualKind::Plain(*q), start));
        }
    }
    if best.is_none() {
        let (between, from) = match lang {
            Language::En => ("between", "from"),
            Language::Fr => ("entre", "de"),
        };
        if i > 0 && words.is(i - 1, between) {
            best = Some((QualKind::Between, i - 1));
        } else if i > 0 && words.is(i - 1, from) {
            best = Some((QualKind::From, i - 1));
        }
    }
    match best {
        Some((q, start)) => (Some(q), start),
        None => (None, i),
    }
}

/// Reads the number starting at token `i`: digits, number words or a
/// vague quantity.
fn read_number(words: &Words, i: usize, lang: Language) -> Option<Number> {
    match words.kind(i)? {
        Kind::Digits => Some(read_digits(words, i, lang)),
        Kind::Word => {
            let lex = lexicon(lang).token(words, i)?;
            let vague = read_vague(words, i, lex.vague);
            let composed = compose(words, i, lang);
            match (vague, composed) {
                (Some(v), Some(c)) if c.next > v.next => Some(c),
                (Some(v), _) => Some(v),
                (None, c) => c,
            }
        }
        Kind::Punct => None,
    }
}

/// The longest of the [`VAGUE`] entries in `entries` (bits) at token `i`.
fn read_vague(words: &Words, i: usize, entries: u64) -> Option<Number> {
    VAGUE
        .iter()
        .enumerate()
        .filter(|(k, _)| entries & (1 << k) != 0)
        .filter_map(|(_, v)| words.seq(i + 1, &v.words[1..]).map(|next| (v, next)))
        .max_by_key(|(_, next)| *next)
        .map(|(v, next)| {
            // A required trailing "of"/"de" is read but not consumed.
            let of = matches!(v.words.last(), Some(&("of" | "de")));
            Number {
                value: u64::from(v.value),
                first: i,
                next: if of { next - 1 } else { next },
                vague: !v.round,
                digits: false,
                fraction: false,
                grouped: false,
                lone_article: false,
            }
        })
}

/// Digits with thousands separators, a decimal part and a multiplier word:
/// "17", "1,500" (English), "1.500" and "1 500" (French), "1 500" with
/// no-break spaces (both), "2.5 million", "2,5 millions".
fn read_digits(words: &Words, i: usize, lang: Language) -> Number {
    let mut value = digits_value(words.str(i));
    let mut next = i + 1;
    let mut grouped = false;
    let first_len = words.str(i).len();
    let (group_sep, decimal_sep) = match lang {
        Language::En => (",", "."),
        Language::Fr => (".", ","),
    };
    if first_len <= 3 {
        let mut sep: Option<&str> = None;
        loop {
            let joined_sep = words.str(next) == group_sep
                && words.joined(next)
                && words.joined(next + 1)
                && words.str(next + 1).len() == 3
                && words.kind(next + 1) == Some(Kind::Digits);
            let space_sep = words.kind(next) == Some(Kind::Digits)
                && words.str(next).len() == 3
                && matches!(words.gap(next), " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
                && !(words.is(next + 1, group_sep) && words.joined(next + 1));
            let this = if joined_sep {
                group_sep
            } else if space_sep {
                words.gap(next)
            } else {
                break;
            };
            if sep.is_some_and(|s| s != this) {
                break;
            }
            sep = Some(this);
            let group = if joined_sep { next + 1 } else { next };
            value = value
                .saturating_mul(1000)
                .saturating_add(digits_value(words.str(group)));
            next = group + 1;
            grouped = true;
        }
    }
    let mut fraction = None;
    if words.str(next) == decimal_sep
        && words.joined(next)
        && words.joined(next + 1)
        && words.kind(next + 1) == Some(Kind::Digits)
    {
        fraction = Some(words.str(next + 1));
        next += 2;
    }
    let multiplier = match lexicon(lang).token(words, next).and_then(|l| l.number) {
        Some(NumWord::Hundred) => Some(100),
        Some(NumWord::Thousand) => Some(1_000),
        Some(NumWord::Million) => Some(1_000_000),
        _ if words.is(next, "millions") => Some(1_000_000),
        _ => None,
    };
    if let Some(m) = multiplier {
        value = value.saturating_mul(m);
        if let Some(frac) = fraction {
            value = value.saturating_add(fraction_of(frac, m));
        }
        fraction = None;
        next += 1;
    }
    Number {
        value,
        first: i,
        next,
        vague: false,
        digits: true,
        fraction: fraction.is_some(),
        grouped,
        lone_article: false,
    }
}

fn digits_value(s: &str) -> u64 {
    s.bytes().fold(0u64, |v, b| {
        v.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    })
}

/// `0.frac * multiplier`, rounded down: "2.5 million" adds 500 000.
fn fraction_of(frac: &str, multiplier: u64) -> u64 {
    let mut scale = 1u64;
    let mut value = 0u64;
    for b in frac.bytes().take(9) {
        scale *= 10;
        value = value * 10 + u64::from(b - b'0');
    }
    value.saturating_mul(multiplier) / scale
}

/// Number words combined: "twenty-one", "one hundred and five",
/// "quatre-vingt-dix-sept", "soixante et onze", "deux mille trois cents".
fn compose(words: &Words, i: usize, lang: Language) -> Option<Number> {
    let lex = lexicon(lang);
    let (mut total, mut current) = (0u64, 0u64);
    // The smallest multiplier already folded into `total`.
    let mut level = u64::MAX;
    let mut j = i;
    let mut count = 0usize;
    let mut prev: Option<NumWord> = None;
    // "a hundred", "a thousand", "a million".
    if lang == Language::En && words.is(j, "a") {
        match lex.token(words, j + 1).and_then(|l| l.number) {
            Some(NumWord::Hundred | NumWord::Thousand | NumWord::Million) => j += 1,
            _ => return None,
        }
    }
    loop {
        let mut k = j;
        if count > 0 {
            // Connectors between number words: hyphens, "and", "et".
            if words.is(k, "-") && words.joined(k) && words.joined(k + 1) {
                k += 1;
            }
            let small = current % 100;
            let english_and = lang == Language::En
                && words.is(k, "and")
                && matches!(
                    prev,
                    Some(NumWord::Hundred | NumWord::Thousand | NumWord::Million)
                );
            // "vingt et un", "soixante et onze", "vingt-et-un".
            let french_et = lang == Language::Fr
                && words.is(k, "et")
                && (20..=70).contains(&small)
                && small % 10 == 0
                && words.is_any(
                    k + 1 + usize::from(words.is(k + 1, "-")),
                    &["un", "une", "onze"],
                );
            if english_and || french_et {
                k += 1;
            }
            if k > j && words.is(k, "-") && words.joined(k + 1) {
                k += 1;
            }
        }
        let Some(word) = lex.token(words, k).and_then(|l| l.number) else {
            break;
        };
        let small = current % 100;
        let ok = match word {
            NumWord::Unit(0) => count == 0,
            NumWord::Unit(u) => {
                let fits = small % 10 == 0
                    && !(lang == Language::En && small == 10)
                    && prev != Some(NumWord::Unit(0));
                if fits {
                    current += u64::from(u);
                }
                fits
            }
            NumWord::Teen(t) => {
                let fits = small == 0 || (lang == Language::Fr && (small == 60 || small == 80));
                if fits {
                    current += u64::from(t);
                }
                fits
            }
            NumWord::Tens(20)
                if lang == Language::Fr && small == 4 && prev == Some(NumWord::Unit(4)) =>
            {
                // "quatre-vingt(s)": four twenties.
                current += 76;
                true
            }
            NumWord::Tens(v) => {
                let fits = small == 0;
                if fits {
                    current += u64::from(v);
                }
                fits
            }
            NumWord::Dozen => {
                let fits = (1..100).contains(&current) && prev != Some(NumWord::Dozen);
                if fits {
                    current *= 12;
                }
                fits
            }
            NumWord::Hundred => {
                let fits = current < 100 && prev != Some(NumWord::Hundred);
                if fits {
                    current = current.max(1) * 100;
                }
                fits
            }
            NumWord::Thousand => {
                let fits = level > 1_000;
                if fits {
                    total += current.max(1) * 1_000;
                    current = 0;
                    level = 1_000;
                }
                fits
            }
            NumWord::Million => {
                let fits = level == u64::MAX;
                if fits {
                    total += current.max(1) * 1_000_000;
                    current = 0;
                    level = 1_000_000;
                }
                fits
            }
        };
        if !ok {
            break;
        }
        prev = Some(word);
        count += 1;
        j = k + 1;
    }
    if count == 0 {
        return None;
    }
    let lone = count == 1 && lang == Language::Fr && words.is_any(i, &["un", "une"]);
    Some(Number {
        value: total + current,
        first: i,
        next: j,
        vague: false,
        digits: false,
        fraction: false,
        grouped: false,
        lone_article: lone,
    })
}

/// Why the number read at `n` (ending before token `next`) is not a count;
/// `Some(token to go on from)` when it is not.
fn not_a_count(
    words: &Words,
    n: &Number,
    next: usize,
    qualified: bool,
    lang: Language,
) -> Option<usize> {
    let first = n.first;
    // Measures, money and percentages after the number: "60 km",
    // "three days", "dozens of kilometres", "5 millions de dollars",
    // "10 per cent", "10 pour cent", "5 a.m.", "10 %".
    let unit_at = match () {
        _ if words.is_any(next, &["of", "de"]) => next + 1,
        _ if words.is(next, "d") && words.is(next + 1, "'") => next + 2,
        _ => next,
    };
    if is_unit_word(words, next) || is_unit_word(words, unit_at) {
        return Some(unit_at + 1);
    }
    if words.is_any(next, &["per", "pour"]) && words.is(next + 1, "cent") {
        return Some(next + 2);
    }
    if words.is_any(next, &["%", "$", "€", "°", "\u{2030}"]) {
        return Some(next + 1);
    }
    if words.is_any(next, &["a", "p"]) && words.is(next + 1, ".") && words.is(next + 2, "m") {
        return Some(next + 3);
    }
    if words.is(next, "o") && words.is(next + 1, "'") && words.is(next + 2, "clock") {
        return Some(next + 3);
    }
    // Money before the number: "$5", "€ 200", "FCFA 5000".
    if first > 0 && words.is_any(first - 1, &["$", "€", "£", "¥", "#", "+", "№"]) {
        return Some(next);
    }
    if n.digits {
        // Touching letters: ordinals and units ("17th", "1er", "10km"),
        // identifiers ("G5", "AK47").
        if words.kind(next) == Some(Kind::Word) && words.joined(next) {
            return Some(next + 1);
        }
        if first > 0 && words.kind(first - 1) == Some(Kind::Word) && words.joined(first) {
            return Some(next);
        }
        // "F-16", "COVID-19".
        if first > 1
            && words.is(first - 1, "-")
            && words.joined(first)
            && words.joined(first - 1)
            && words.kind(first - 2) == Some(Kind::Word)
        {
            return Some(next);
        }
        // "17-year-old", "a 60-km drive"; "a 300-strong force" stays.
        if words.is_dash(next)
            && words.joined(next)
            && words.joined(next + 1)
            && is_unit_word(words, next + 1)
        {
            return Some(next + 2);
        }
        // Times, fractions, scores, dates: "10:30", "24/7", "3-0", "15.08".
        let touching = |k: usize, before: bool| {
            let (p, d) = if before {
                (k.wrapping_sub(1), k.wrapping_sub(2))
            } else {
                (k, k + 1)
            };
            words.is_any(p, &[":", "/", "."])
                && words.kind(d) == Some(Kind::Digits)
                && if before {
                    words.joined(k) && words.joined(p)
                } else {
                    words.joined(p) && words.joined(d)
                }
        };
        if touching(next, false) || (first > 1 && touching(first, true)) {
            return Some(next + 2);
        }
        // Years: "in 2015", "the 2019 offensive", "depuis 2012". Edited
        // news groups the digits of counts in the thousands ("2,000",
        // "2 000"), so a bare year-like number is a year unless a
        // qualifier makes it a count ("some 2000 people").
        if is_year_like(n) && !qualified {
            return Some(next);
        }
        // Identifiers: "Resolution 2719", "No. 5", "n° 12", "RN 1".
        if first > 0 && words.is_any(first - 1, ID_INTRO) {
            return Some(next);
        }
        if first > 1
            && words.is_any(first - 1, &[".", "°", "º"])
            && words.is_any(first - 2, &["no", "n", "nos"])
        {
            return Some(next);
        }
    }
    // "no one", "one of the"? "no one" is nobody.
    if lang == Language::En && first > 0 && words.is(first - 1, "no") && words.is(first, "one") {
        return Some(next);
    }
    None
}

/// Four ungrouped digits from 1800 to 2100.
fn is_year_like(n: &Number) -> bool {
    n.digits && !n.grouped && n.next == n.first + 1 && (1800..=2100).contains(&n.value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{En, Fr};
    use Qualifier::*;

    /// Each case: a text, its language, and every count found in it as
    /// (span text, value).
    type Case = (&'static str, Language, &'static [(&'static str, u32)]);

    fn check(cases: &[Case]) {
        for (text, lang, want) in cases {
            let got: Vec<(&str, u32)> = find_quantities(text, *lang)
                .iter()
                .map(|q| (q.span.slice(text).unwrap_or("<bad span>"), q.value))
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    /// The one count of `text`: (span text, value, vague, qualifier).
    fn one(text: &str, lang: Language) -> (&str, u32, bool, Qualifier) {
        let found = find_quantities(text, lang);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        let q = found[0];
        (
            q.span.slice(text).unwrap_or("<bad span>"),
            q.value,
            q.vague,
            q.qualifier,
        )
    }

    #[rustfmt::skip]
    #[test]
    fn words_repeated_in_digits_are_one_count() {
        check(&[
            ("Cinquante-quatre (54) militaires ont été tués.", Fr, &[("Cinquante-quatre (54)", 54)]),
            ("Seventeen (17) soldiers were killed.", En, &[("Seventeen (17)", 17)]),
            // Different numbers stay apart.
            ("Trois (4) blessés", Fr, &[("Trois", 3), ("4", 4)]),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn digits_with_separators_and_multipliers() {
        check(&[
            ("Gunmen killed 23 villagers.", En, &[("23", 23)]),
            ("Some 4,200 families fled.", En, &[("Some 4,200", 4200)]),
            ("More than 1,250,000 people need aid.", En, &[("More than 1,250,000", 1_250_000)]),
            ("The army sent 1\u{a0}200 troops.", En, &[("1\u{a0}200", 1200)]),
            ("L'ONU compte 2\u{202f}300 déplacés.", Fr, &[("2\u{202f}300", 2300)]),
            ("Le camp accueille 12 500 personnes.", Fr, &[("12 500", 12_500)]),
            ("Quelque 3.400 réfugiés sont arrivés.", Fr, &[("Quelque 3.400", 3400)]),
            ("Nearly 2.5 million people are displaced.", En, &[("Nearly 2.5 million", 2_500_000)]),
            ("Plus de 2,5 millions de personnes ont fui.", Fr, &[("Plus de 2,5 millions", 2_500_000)]),
            ("About 3 thousand protesters marched.", En, &[("About 3 thousand", 3000)]),
            // A list, not a grouped number.
            ("Tolls of 12, 300 and 45 were given.", En, &[("12", 12), ("300", 300), ("45", 45)]),
            // French decimals are not counts; an English decimal neither.
            ("1,5 soldat", Fr, &[]),
            ("It rose 2.5 points", En, &[]),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn number_words() {
        check(&[
            ("Seventeen soldiers died.", En, &[("Seventeen", 17)]),
            ("twenty-one bodies and twenty one graves", En, &[("twenty-one", 21), ("twenty one", 21)]),
            ("one hundred and five people", En, &[("one hundred and five", 105)]),
            ("a hundred civilians, a thousand mourners", En, &[("a hundred", 100), ("a thousand", 1000)]),
            ("two thousand three hundred and forty-two", En, &[("two thousand three hundred and forty-two", 2342)]),
            ("fifteen hundred troops", En, &[("fifteen hundred", 1500)]),
            ("two dozen hostages", En, &[("two dozen", 24)]),
            ("Five, six or seven", En, &[("Five", 5), ("six or seven", 6)]),
            ("no one was hurt, one was killed", En, &[("one", 1)]),
            ("vingt-neuf soldats", Fr, &[("vingt-neuf", 29)]),
            ("quatre-vingt-dix morts et quatre-vingts blessés", Fr, &[("quatre-vingt-dix", 90), ("quatre-vingts", 80)]),
            ("quatre-vingt-dix-sept otages", Fr, &[("quatre-vingt-dix-sept", 97)]),
            ("soixante et onze victimes", Fr, &[("soixante et onze", 71)]),
            ("soixante-dix civils, dix-sept gendarmes", Fr, &[("soixante-dix", 70), ("dix-sept", 17)]),
            ("vingt et un militaires, vingt-et-un policiers", Fr, &[("vingt et un", 21), ("vingt-et-un", 21)]),
            ("cent manifestants, deux cents blessés", Fr, &[("cent", 100), ("deux cents", 200)]),
            ("mille personnes", Fr, &[("mille", 1000)]),
            ("trois mille deux cent cinquante", Fr, &[("trois mille deux cent cinquante", 3250)]),
            ("Nonante civils", Fr, &[("Nonante", 90)]),
            ("un million de personnes", Fr, &[("un million", 1_000_000)]),
            // French articles are not counts.
            ("Une attaque a visé un camp militaire.", Fr, &[]),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn vague_quantities_follow_the_table() {
        check(&[
            ("dozens of houses burned", En, &[("dozens", 12)]),
            ("Hundreds of fighters attacked", En, &[("Hundreds", 100)]),
            ("thousands fled; millions are hungry", En, &[("thousands", 1000), ("millions", 1_000_000)]),
            ("tens of thousands fled", En, &[("tens of thousands", 10_000)]),
            ("hundreds of thousands fled", En, &[("hundreds of thousands", 100_000)]),
            ("tens of people", En, &[("tens", 10)]),
            ("a dozen gunmen, half a dozen police", En, &[("a dozen", 12), ("half a dozen", 6)]),
            ("scores of villagers", En, &[("scores", 20)]),
            ("several soldiers and a few gunmen", En, &[("several", 3), ("a few", 3)]),
            ("a handful of police, a couple of medics", En, &[("a handful", 3), ("a couple", 2)]),
            ("several hundred protesters", En, &[("several hundred", 100)]),
            ("a few thousand people", En, &[("a few thousand", 1000)]),
            ("plusieurs dizaines de terroristes", Fr, &[("plusieurs dizaines", 12)]),
            ("des dizaines de morts", Fr, &[("des dizaines", 12)]),
            ("la mort de dizaines de civils", Fr, &[("dizaines", 12)]),
            ("une douzaine d'assaillants", Fr, &[("une douzaine", 12)]),
            ("des centaines de djihadistes", Fr, &[("des centaines", 100)]),
            ("des milliers de déplacés", Fr, &[("des milliers", 1000)]),
            ("une trentaine de villageois", Fr, &[("une trentaine", 30)]),
            ("une cinquantaine de soldats", Fr, &[("une cinquantaine", 50)]),
            ("une centaine d'hommes et un millier de civils", Fr, &[("une centaine", 100), ("un millier", 1000)]),
            ("plusieurs soldats et quelques blessés", Fr, &[("plusieurs", 3), ("quelques", 3)]),
            ("des dizaines de milliers de réfugiés", Fr, &[("des dizaines de milliers", 10_000)]),
            // A vague word before a unit is a measure.
            ("for several weeks, plusieurs jours", En, &[]),
            ("pendant plusieurs semaines", Fr, &[]),
            ("des dizaines de kilomètres", Fr, &[]),
        ]);
        assert!(one("dozens", En).2);
        assert!(!one("twelve", En).2);
    }

    #[rustfmt::skip]
    #[test]
    fn qualifiers_are_in_the_span() {
        let cases: &[(&str, Language, &str, u32, Qualifier)] = &[
            ("at least 40 people died", En, "at least 40", 40, AtLeast),
            ("no fewer than 40 people", En, "no fewer than 40", 40, AtLeast),
            ("more than 100 assailants", En, "more than 100", 100, MoreThan),
            ("over 300 homes", En, "over 300", 300, MoreThan),
            ("more than a dozen", En, "more than a dozen", 12, MoreThan),
            ("nearly fifty wounded", En, "nearly fifty", 50, About),
            ("an estimated 7,000 people", En, "an estimated 7,000", 7000, About),
            ("some 2000 people", En, "some 2000", 2000, About),
            ("up to 60 hostages", En, "up to 60", 60, UpTo),
            ("as many as 60 hostages", En, "as many as 60", 60, UpTo),
            ("fewer than ten", En, "fewer than ten", 10, LessThan),
            ("Au moins 29 soldats", Fr, "Au moins 29", 29, AtLeast),
            ("plus de 100 assaillants", Fr, "plus de 100", 100, MoreThan),
            ("plus d'une centaine d'assaillants", Fr, "plus d'une centaine", 100, MoreThan),
            ("près de 200 déplacés", Fr, "près de 200", 200, About),
            ("près d\u{2019}un millier de déplacés", Fr, "près d\u{2019}un millier", 1000, About),
            ("environ 15 morts", Fr, "environ 15", 15, About),
            ("quelque 300 familles", Fr, "quelque 300", 300, About),
            ("jusqu'à 40 otages", Fr, "jusqu'à 40", 40, UpTo),
            ("jusqu\u{2019}à 40 otages", Fr, "jusqu\u{2019}à 40", 40, UpTo),
            ("moins de dix blessés", Fr, "moins de dix", 10, LessThan),
        ];
        for &(text, lang, span, value, qualifier) in cases {
            let (s, v, _, q) = one(text, lang);
            assert_eq!((s, v, q), (span, value, qualifier), "{text:?}");
        }
    }

    #[rustfmt::skip]
    #[test]
    fn ranges_take_the_lowest() {
        let cases: &[(&str, Language, &str, u32, u32)] = &[
            ("between 10 and 15 civilians", En, "between 10 and 15", 10, 15),
            ("10 to 15 civilians", En, "10 to 15", 10, 15),
            ("10-15 civilians", En, "10-15", 10, 15),
            ("10 \u{2013} 15 civilians", En, "10 \u{2013} 15", 10, 15),
            ("two or three soldiers", En, "two or three", 2, 3),
            ("from 20 to 30 rebels", En, "from 20 to 30", 20, 30),
            ("between 2,000 and 3,000 people", En, "between 2,000 and 3,000", 2000, 3000),
            ("entre 10 et 15 civils", Fr, "entre 10 et 15", 10, 15),
            ("de 20 à 30 rebelles", Fr, "de 20 à 30", 20, 30),
            ("3 000 à 5 000 manifestants", Fr, "3 000 à 5 000", 3000, 5000),
        ];
        for &(text, lang, span, low, high) in cases {
            let (s, v, _, q) = one(text, lang);
            assert_eq!((s, v, q), (span, low, Range { high }), "{text:?}");
        }
        // "de" alone is not part of a count.
        check(&[("la mort de 20 rebelles", Fr, &[("20", 20)])]);
    }

    #[rustfmt::skip]
    #[test]
    fn years_dates_and_times_are_not_counts() {
        check(&[
            ("The violence began in 2012 and spread in 2015.", En, &[]),
            ("Depuis 2012, le conflit s'étend.", Fr, &[]),
            ("2019 was the deadliest year; the 2020 offensive failed.", En, &[]),
            ("between 2012 and 2015", En, &[]),
            ("He was ousted on 26 July.", En, &[]),
            ("On July 26, 2023, troops seized power.", En, &[]),
            ("Fighting on 15-16 August killed 4.", En, &[("4", 4)]),
            ("Les 2 et 3 octobre, 11 civils ont été tués.", Fr, &[("11", 11)]),
            ("In August 15,000 people fled; on August 15, 300 more.", En, &[("15,000", 15_000), ("300", 300)]),
            ("En août 15.000 personnes ont fui.", Fr, &[("15.000", 15_000)]),
            ("Dans la nuit du samedi 4 au dimanche 5 mai, 30 maisons ont brûlé.", Fr, &[("30", 30)]),
            ("le 2 octobre 2023", Fr, &[]),
            ("le 1er octobre et le 1er bataillon", Fr, &[]),
            ("on 2023-08-15 at 10:30", En, &[]),
            ("vers 18h30 ou 18 h, à 18 heures", Fr, &[]),
            ("at 5 a.m. and 6 pm", En, &[]),
            ("the 1990s", En, &[]),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn measures_money_ordinals_and_names_are_not_counts() {
        check(&[
            ("about 60 kilometres from Niamey", En, &[]),
            ("à 60 km de Niamey", Fr, &[]),
            ("a 17-year-old boy aged 17 years", En, &[]),
            ("for three days", En, &[]),
            ("up 12 per cent, or 12%", En, &[]),
            ("10 pour cent", Fr, &[]),
            ("$500 and 300 dollars", En, &[]),
            ("5 millions de dollars", Fr, &[]),
            ("the 17th victim", En, &[]),
            ("la 2e compagnie", Fr, &[]),
            ("the G5 Sahel and F-16 jets", En, &[]),
            ("Resolution 2719 and No. 5", En, &[]),
            ("a 300-strong force", En, &[("300", 300)]),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn several_counts_in_one_sentence() {
        check(&[
            ("Eleven police were killed and 20 wounded, six seriously, while more than 40 attackers died.", En, &[("Eleven", 11), ("20", 20), ("six", 6), ("more than 40", 40)]),
            ("Au moins 31 gendarmes ont été tués et plusieurs dizaines d'assaillants neutralisés.", Fr, &[("Au moins 31", 31), ("plusieurs dizaines", 12)]),
        ]);
    }

    #[test]
    fn parse_helpers() {
        let words = [
            ("seventeen", Some(17)),
            ("Twenty-One", Some(21)),
            ("quatre-vingt-dix", Some(90)),
            ("soixante et onze", Some(71)),
            ("dix-sept", Some(17)),
            ("cent", Some(100)),
            ("mille", Some(1000)),
            ("une", None),
            ("soldiers", None),
            ("17", None),
        ];
        for (word, value) in words {
            assert_eq!(parse_count_word(word), value, "{word}");
        }
        for (text, value) in [
            ("1,500", Some(1500)),
            ("dozens", Some(12)),
            ("17 soldiers", None),
        ] {
            assert_eq!(parse_count(text), value, "{text}");
        }
    }

    #[rustfmt::skip]
    #[test]
    fn long_digit_runs_do_not_overflow() {
        check(&[
            ("99999999999999999999 people", En, &[]),
            ("4294967295 people", En, &[("4294967295", u32::MAX)]),
            ("4294967296 people", En, &[]),
            ("999,999,999,999,999,999,999 people", En, &[]),
            ("9999999999999999999999 million", En, &[]),
        ]);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_char_boundaries_inside_the_text(text in "\\PC*") {
            for lang in [En, Fr] {
                for q in find_quantities(&text, lang) {
                    proptest::prop_assert!(q.span.start < q.span.end);
                    proptest::prop_assert!(q.span.slice(&text).is_some());
                }
            }
        }


        #[test]
        fn number_soup_never_panics(text in "([0-9]{1,25}|[ ,.\\-/:\u{a0}\u{202f}’']|at least |plus d'|une |vingt|et|-|dix|hundred|and|a|dozen|thousand|million|s|km|%|É|é){0,30}") {
            for lang in [En, Fr] {
                for q in find_quantities(&text, lang) {
                    proptest::prop_assert!(q.span.slice(&text).is_some());
                }
            }
        }
    }
}
