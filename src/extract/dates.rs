//! Date expressions in English and French news, resolved against the
//! publication date with ACLED's time precision (1 the day is known, 2 only
//! the week, 3 only the month).
//!
//! [`find_dates`] finds explicit dates ("2023-08-15", "15/08/2023",
//! "August 15, 2023", "le 1er octobre", "en août 2023") and relative ones
//! ("on Tuesday", "lundi soir", "jeudi dernier", "yesterday", "last month",
//! "à la mi-août", "dans la nuit de lundi à mardi"); [`resolve`] turns one
//! into a calendar date. Spans are tight: the words that say the date,
//! without "on", "in", "le" or "en", so the desk highlights just them.
//!
//! How vague periods resolve (ACLED codes a period by a day inside it, with
//! a precision saying how much of it is known; these are our choices of day):
//! - a weekday is its most recent occurrence before publication, or the
//!   publication day itself when the weekdays match ("on Wednesday" in a
//!   Wednesday paper is usually that day); "last Thursday" / "jeudi
//!   dernier" is always strictly before;
//! - "the night of Monday to Tuesday" is the Monday: the night began then,
//!   and that is the day the reports name first; likewise a run of days
//!   ("15-16 August", "du 2 au 4 octobre") is its first day;
//! - "next Monday" / "lundi prochain" are not read (no past event); a bare
//!   weekday cannot tell tense ("will meet on Thursday"): the caller can
//!   drop dates its sentence puts in the future;
//! - a week is its Thursday (the middle day of a Monday-to-Sunday week), a
//!   weekend its Saturday, precision 2;
//! - "early", "mid-" and "late" a month are its 5th, 15th and 25th,
//!   precision 2;
//! - a month is its 15th, precision 3;
//! - "this week" / "this month" are the middle of the part already past;
//! - nothing resolves to a day after publication except an explicit date,
//!   and a day and month without a year ("on 28 December") take the latest
//!   year that puts them no more than 31 days after publication.
//!
//! Without a publication date, only dates that carry their year resolve;
//! relative expressions give `None` rather than a guess.

use std::sync::OnceLock;

use jiff::civil::{Date, Weekday};

use crate::extract::Language;
use crate::extract::numbers::{Kind, Lexicon, Words, parse_count_word};
use crate::model::Span;

/// A date expression found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub expr: DateExpr,
}

/// What a date expression says, before it is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateExpr {
    /// "2023-08-15", "15/08/2023", "August 15, 2023", "15 août 2023".
    Full { year: i16, month: i8, day: i8 },
    /// "26 July", "Aug. 15", "le 1er octobre": the year comes from
    /// publication.
    DayMonth { month: i8, day: i8 },
    /// "August 2023", "en août 2023".
    MonthYear { year: i16, month: i8 },
    /// "in August", "en août"; `last`: "last August", "en août dernier".
    Month { month: i8, last: bool },
    /// "early August", "mid-August", "à la mi-août", "fin juillet 2023".
    PartOfMonth {
        part: MonthPart,
        month: i8,
        year: Option<i16>,
    },
    /// "on Tuesday", "mardi", "lundi soir"; `last`: "last Thursday",
    /// "jeudi dernier".
    Weekday { weekday: Weekday, last: bool },
    /// "dans la nuit de lundi à mardi", "the night of Monday to Tuesday".
    Night { from: Weekday, to: Weekday },
    /// Days before publication: "today" 0, "yesterday" / "last night" 1,
    /// "avant-hier" 2, "three days ago" 3.
    DaysAgo(u16),
    /// "a week ago", "il y a deux semaines".
    WeeksAgo(u16),
    /// "this week", "earlier this week", "cette semaine".
    ThisWeek,
    /// "last week", "la semaine dernière".
    LastWeek,
    /// "over the weekend", "ce week-end"; `last`: "last weekend".
    Weekend { last: bool },
    /// "earlier this month", "ce mois-ci".
    ThisMonth,
    /// "last month", "le mois dernier".
    LastMonth,
}

/// Which part of a month: the 5th, 15th or 25th, precision 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthPart {
    Early,
    Mid,
    Late,
}

/// A resolved date with its ACLED time precision (1 day, 2 week, 3 month).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolvedDate {
    pub date: Date,
    pub precision: u8,
}

/// Finds the date expressions of `text`, in text order, without overlaps.
pub fn find_dates(text: &str, lang: Language) -> Vec<DateMention> {
    scan(&Words::new(text), lang, Mode::Text)
}

/// Resolves `expr` against the publication date (see the module docs).
pub fn resolve(expr: &DateExpr, published: Option<Date>) -> Option<ResolvedDate> {
    let at = |date: Date, precision: u8| Some(ResolvedDate { date, precision });
    match *expr {
        DateExpr::Full { year, month, day } => return at(Date::new(year, month, day).ok()?, 1),
        DateExpr::MonthYear { year, month } => {
            let date = Date::new(year, month, 15).ok()?;
            return at(clamp(date, published), 3);
        }
        DateExpr::PartOfMonth {
            part,
            month,
            year: Some(year),
        } => {
            let date = Date::new(year, month, part_day(part)).ok()?;
            return at(clamp(date, published), 2);
        }
        _ => {}
    }
    let p = published?;
    match *expr {
        DateExpr::Full { .. } | DateExpr::MonthYear { .. } => None,
        DateExpr::DayMonth { month, day } => {
            let limit = add_days(p, 31)?;
            (-1..=1)
                .filter_map(|dy| Date::new(p.year().checked_add(dy)?, month, day).ok())
                .filter(|d| *d <= limit)
                .max()
                .and_then(|d| at(d, 1))
        }
        DateExpr::Month { month, last } => {
            let first = latest_month(p, month, last)?;
            at(clamp(first.with().day(15).build().ok()?, Some(p)), 3)
        }
        DateExpr::PartOfMonth { part, month, .. } => {
            let first = latest_month(p, month, false)?;
            at(
                clamp(first.with().day(part_day(part)).build().ok()?, Some(p)),
                2,
            )
        }
        DateExpr::Weekday { weekday, last } => at(weekday_before(p, weekday, last)?, 1),
        DateExpr::Night { from, to } => {
            if to == from.next() {
                let end = if p.weekday() == to {
                    p
                } else {
                    p.nth_weekday(-1, to).ok()?
                };
                at(end.yesterday().ok()?, 1)
            } else {
                at(weekday_before(p, from, false)?, 1)
            }
        }
        DateExpr::DaysAgo(n) => at(add_days(p, -i64::from(n))?, 1),
        DateExpr::WeeksAgo(n) => at(add_days(p, -7 * i64::from(n))?, 2),
        DateExpr::ThisWeek => {
            let past = i64::from(p.weekday().to_monday_zero_offset());
            at(add_days(p, -past + past / 2)?, 2)
        }
        DateExpr::LastWeek => {
            let monday = add_days(p, -i64::from(p.weekday().to_monday_zero_offset()))?;
            at(add_days(monday, -7 + 3)?, 2)
        }
        DateExpr::Weekend { last } => {
            let saturday = match p.weekday() {
                Weekday::Saturday => p,
                Weekday::Sunday => p.yesterday().ok()?,
                _ => p.nth_weekday(-1, Weekday::Saturday).ok()?,
            };
            let weekend_now = matches!(p.weekday(), Weekday::Saturday | Weekday::Sunday);
            let saturday = if last && weekend_now {
                add_days(saturday, -7)?
            } else {
                saturday
            };
            at(saturday, 2)
        }
        DateExpr::ThisMonth => {
            let past = i64::from(p.day()) - 1;
            at(add_days(p.first_of_month(), past / 2)?, 3)
        }
        DateExpr::LastMonth => {
            let previous = p.first_of_month().yesterday().ok()?.first_of_month();
            at(add_days(previous, 14)?, 3)
        }
    }
}

/// Reads a date an analyst typed: "2023-08-15", "15/08/2023",
/// "15 août 2023", "August 15, 2023", "Aug 15" (year from `reference`,
/// usually the publication date), "yesterday", "mardi dernier". The whole
/// input must be one date expression; case does not matter.
pub fn parse_date_input(s: &str, reference: Option<Date>) -> Option<Date> {
    let s = s.trim();
    let words = Words::new(s);
    [Language::En, Language::Fr].into_iter().find_map(|lang| {
        let found = scan(&words, lang, Mode::Input);
        match found.as_slice() {
            [one] if one.span == Span::new(0, s.len()) => {
                resolve(&one.expr, reference).map(|r| r.date)
            }
            _ => None,
        }
    })
}

fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// A date inside a period never lands after publication.
fn clamp(date: Date, published: Option<Date>) -> Date {
    match published {
        Some(p) if p < date => p,
        _ => date,
    }
}

fn part_day(part: MonthPart) -> i8 {
    match part {
        MonthPart::Early => 5,
        MonthPart::Mid => 15,
        MonthPart::Late => 25,
    }
}

/// The first day of the latest `month` that began on or before `p`
/// (strictly before `p`'s month when `strictly`).
fn latest_month(p: Date, month: i8, strictly: bool) -> Option<Date> {
    let this_year = month < p.month() || (month == p.month() && !strictly);
    let year = if this_year {
        p.year()
    } else {
        p.year().checked_sub(1)?
    };
    Date::new(year, month, 1).ok()
}

fn weekday_before(p: Date, weekday: Weekday, last: bool) -> Option<Date> {
    if p.weekday() == weekday && !last {
        Some(p)
    } else {
        p.nth_weekday(-1, weekday).ok()
    }
}

// ---------------------------------------------------------------------------
// Reading.

/// What [`scan`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Edited text: English month and weekday names are capitalized
    /// ("May" the month, "may" the verb).
    Text,
    /// What an analyst types in the editor: any case.
    Input,
    /// Only dates written with digits ("26 July", "2023-08-15"), for the
    /// count reader to skip their numbers.
    Digits,
}

/// What a word can be in a date.
#[derive(Clone, Copy, Debug, Default)]
struct DateWord {
    /// A month: its number, and whether this is an abbreviation ("Aug").
    month: Option<(i8, bool)>,
    weekday: Option<Weekday>,
    /// The [`RELATIVE`] phrases that start with this word, as bits.
    relative: u64,
    /// The [`MONTH_PARTS`] prefixes that start with this word, as bits.
    parts: u64,
    /// Starts "last Thursday", "this past Monday", a night, "il y a",
    /// "premier".
    trigger: bool,
}

const EN_MONTHS: &[(&str, i8, bool)] = &[
    ("january", 1, false),
    ("jan", 1, true),
    ("february", 2, false),
    ("feb", 2, true),
    ("march", 3, false),
    ("mar", 3, true),
    ("april", 4, false),
    ("apr", 4, true),
    ("may", 5, false),
    ("june", 6, false),
    ("jun", 6, true),
    ("july", 7, false),
    ("jul", 7, true),
    ("august", 8, false),
    ("aug", 8, true),
    ("september", 9, false),
    ("sep", 9, true),
    ("sept", 9, true),
    ("october", 10, false),
    ("oct", 10, true),
    ("november", 11, false),
    ("nov", 11, true),
    ("december", 12, false),
    ("dec", 12, true),
];

const FR_MONTHS: &[(&str, i8, bool)] = &[
    ("janvier", 1, false),
    ("janv", 1, true),
    ("février", 2, false),
    ("fevrier", 2, false),
    ("févr", 2, true),
    ("fevr", 2, true),
    ("mars", 3, false),
    ("avril", 4, false),
    ("avr", 4, true),
    ("mai", 5, false),
    ("juin", 6, false),
    ("juillet", 7, false),
    ("juil", 7, true),
    ("août", 8, false),
    ("aout", 8, false),
    ("septembre", 9, false),
    ("sept", 9, true),
    ("octobre", 10, false),
    ("oct", 10, true),
    ("novembre", 11, false),
    ("nov", 11, true),
    ("décembre", 12, false),
    ("decembre", 12, false),
    ("déc", 12, true),
    ("dec", 12, true),
];

const EN_WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

const FR_WEEKDAYS: &[(&str, Weekday)] = &[
    ("lundi", Weekday::Monday),
    ("mardi", Weekday::Tuesday),
    ("mercredi", Weekday::Wednesday),
    ("jeudi", Weekday::Thursday),
    ("vendredi", Weekday::Friday),
    ("samedi", Weekday::Saturday),
    ("dimanche", Weekday::Sunday),
];

/// Fixed relative phrases. Longest match wins.
const RELATIVE: &[(Language, &[&str], DateExpr)] = &[
    (
        Language::En,
        &["the", "day", "before", "yesterday"],
        DateExpr::DaysAgo(2),
    ),
    (Language::En, &["yesterday"], DateExpr::DaysAgo(1)),
    (Language::En, &["today"], DateExpr::DaysAgo(0)),
    (Language::En, &["tonight"], DateExpr::DaysAgo(0)),
    (Language::En, &["earlier", "today"], DateExpr::DaysAgo(0)),
    (Language::En, &["this", "morning"], DateExpr::DaysAgo(0)),
    (Language::En, &["this", "afternoon"], DateExpr::DaysAgo(0)),
    (Language::En, &["this", "evening"], DateExpr::DaysAgo(0)),
    (Language::En, &["last", "night"], DateExpr::DaysAgo(1)),
    (Language::En, &["last", "evening"], DateExpr::DaysAgo(1)),
    (Language::En, &["overnight"], DateExpr::DaysAgo(1)),
    (Language::En, &["last", "week"], DateExpr::LastWeek),
    (
        Language::En,
        &["the", "previous", "week"],
        DateExpr::LastWeek,
    ),
    (Language::En, &["this", "week"], DateExpr::ThisWeek),
    (
        Language::En,
        &["earlier", "this", "week"],
        DateExpr::ThisWeek,
    ),
    (
        Language::En,
        &["last", "weekend"],
        DateExpr::Weekend { last: true },
    ),
    (
        Language::En,
        &["this", "weekend"],
        DateExpr::Weekend { last: false },
    ),
    (
        Language::En,
        &["over", "the", "weekend"],
        DateExpr::Weekend { last: false },
    ),
    (Language::En, &["last", "month"], DateExpr::LastMonth),
    (
        Language::En,
        &["the", "previous", "month"],
        DateExpr::LastMonth,
    ),
    (Language::En, &["this", "month"], DateExpr::ThisMonth),
    (
        Language::En,
        &["earlier", "this", "month"],
        DateExpr::ThisMonth,
    ),
    (Language::Fr, &["avant", "-", "hier"], DateExpr::DaysAgo(2)),
    (Language::Fr, &["hier"], DateExpr::DaysAgo(1)),
    (Language::Fr, &["aujourd", "'", "hui"], DateExpr::DaysAgo(0)),
    (Language::Fr, &["ce", "matin"], DateExpr::DaysAgo(0)),
    (
        Language::Fr,
        &["cet", "après", "-", "midi"],
        DateExpr::DaysAgo(0),
    ),
    (Language::Fr, &["ce", "soir"], DateExpr::DaysAgo(0)),
    (Language::Fr, &["cette", "nuit"], DateExpr::DaysAgo(1)),
    (Language::Fr, &["nuit", "dernière"], DateExpr::DaysAgo(1)),
    (Language::Fr, &["semaine", "dernière"], DateExpr::LastWeek),
    (Language::Fr, &["semaine", "passée"], DateExpr::LastWeek),
    (Language::Fr, &["cette", "semaine"], DateExpr::ThisWeek),
    (
        Language::Fr,
        &["plus", "tôt", "cette", "semaine"],
        DateExpr::ThisWeek,
    ),
    (
        Language::Fr,
        &["en", "début", "de", "semaine"],
        DateExpr::ThisWeek,
    ),
    (
        Language::Fr,
        &["week", "-", "end", "dernier"],
        DateExpr::Weekend { last: true },
    ),
    (
        Language::Fr,
        &["weekend", "dernier"],
        DateExpr::Weekend { last: true },
    ),
    (
        Language::Fr,
        &["ce", "week", "-", "end"],
        DateExpr::Weekend { last: false },
    ),
    (
        Language::Fr,
        &["ce", "weekend"],
        DateExpr::Weekend { last: false },
    ),
    (Language::Fr, &["mois", "dernier"], DateExpr::LastMonth),
    (Language::Fr, &["mois", "passé"], DateExpr::LastMonth),
    (
        Language::Fr,
        &["ce", "mois", "-", "ci"],
        DateExpr::ThisMonth,
    ),
    (
        Language::Fr,
        &["plus", "tôt", "ce", "mois", "-", "ci"],
        DateExpr::ThisMonth,
    ),
    (
        Language::Fr,
        &["plus", "tôt", "dans", "le", "mois"],
        DateExpr::ThisMonth,
    ),
];

/// Words before a month that say which part of it; `None` is the whole
/// month ("courant août").
const MONTH_PARTS: &[(Language, &[&str], Option<MonthPart>)] = &[
    (Language::En, &["early"], Some(MonthPart::Early)),
    (Language::En, &["beginning", "of"], Some(MonthPart::Early)),
    (Language::En, &["start", "of"], Some(MonthPart::Early)),
    (Language::En, &["mid"], Some(MonthPart::Mid)),
    (Language::En, &["mid", "-"], Some(MonthPart::Mid)),
    (Language::En, &["middle", "of"], Some(MonthPart::Mid)),
    (Language::En, &["late"], Some(MonthPart::Late)),
    (Language::En, &["end", "of"], Some(MonthPart::Late)),
    (Language::Fr, &["début"], Some(MonthPart::Early)),
    (Language::Fr, &["début", "d", "'"], Some(MonthPart::Early)),
    (Language::Fr, &["mi", "-"], Some(MonthPart::Mid)),
    (Language::Fr, &["fin"], Some(MonthPart::Late)),
    (Language::Fr, &["fin", "d", "'"], Some(MonthPart::Late)),
    (Language::Fr, &["courant"], None),
];

/// Times of day after a weekday or "yesterday": part of the date's span.
const EN_TIMES_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];
const FR_TIMES_OF_DAY: &[&[&str]] = &[
    &["matin"],
    &["midi"],
    &["soir"],
    &["soirée"],
    &["nuit"],
    &["après", "-", "midi"],
];

/// Words before a bare month name that make it a date ("in August").
const EN_MONTH_INTRO: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "by",
    "of",
    "from",
    "through",
    "before",
    "after",
    "throughout",
];
const FR_MONTH_INTRO: &[&str] = &[
    "en", "depuis", "de", "du", "avant", "après", "dès", "jusqu", "mois", "durant", "pendant",
];

fn lexicon(lang: Language) -> &'static Lexicon<DateWord> {
    static EN: OnceLock<Lexicon<DateWord>> = OnceLock::new();
    static FR: OnceLock<Lexicon<DateWord>> = OnceLock::new();
    let (cell, months, weekdays, extra) = match lang {
        Language::En => (
            &EN,
            EN_MONTHS,
            EN_WEEKDAYS,
            &["last", "past", "this", "night", "overnight"][..],
        ),
        Language::Fr => (&FR, FR_MONTHS, FR_WEEKDAYS, &["nuit", "il", "premier"][..]),
    };
    cell.get_or_init(|| {
        let mut map: Vec<(&'static str, DateWord)> = Vec::new();
        let mut set = |w: &'static str, f: &dyn Fn(&mut DateWord)| match map
            .iter_mut()
            .find(|(k, _)| *k == w)
        {
            Some((_, word)) => f(word),
            None => {
                let mut word = DateWord::default();
                f(&mut word);
                map.push((w, word));
            }
        };
        for &(w, m, abbrev) in months {
            set(w, &|d| d.month = Some((m, abbrev)));
        }
        for &(w, day) in weekdays {
            set(w, &|d| d.weekday = Some(day));
        }
        for (k, (l, pat, _)) in RELATIVE.iter().enumerate() {
            if *l == lang {
                set(pat[0], &|d| d.relative |= 1 << k);
            }
        }
        for (k, (l, pat, _)) in MONTH_PARTS.iter().enumerate() {
            if *l == lang {
                set(pat[0], &|d| d.parts |= 1 << k);
            }
        }
        for &w in extra {
            set(w, &|d| d.trigger = true);
        }
        Lexicon::new(map)
    })
}

// `DateWord` indexes these tables by bits of a `u64`.
const _: () = assert!(RELATIVE.len() <= 64 && MONTH_PARTS.len() <= 64);

/// A date expression read at some tokens.
#[derive(Clone, Copy, Debug)]
struct Match {
    expr: DateExpr,
    first: usize,
    /// The token after the expression.
    next: usize,
}

fn found(expr: DateExpr, first: usize, next: usize) -> Option<Match> {
    Some(Match { expr, first, next })
}

/// Finds the date expressions of already tokenized text.
pub(crate) fn scan(words: &Words, lang: Language, mode: Mode) -> Vec<DateMention> {
    let reader = Reader { words, lang, mode };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let best = match words.kind(i) {
            Some(Kind::Digits) => longest([
                reader.numeric_date(i),
                reader.day_month(i, i),
                reader.ago(i),
            ]),
            Some(Kind::Word) => reader.at_word(i),
            _ => None,
        };
        match best {
            Some(m) if m.next > m.first => {
                out.push(DateMention {
                    span: words.span(m.first, m.next - 1),
                    expr: m.expr,
                });
                i = m.next;
            }
            _ => i += 1,
        }
    }
    out
}

fn longest<const N: usize>(candidates: [Option<Match>; N]) -> Option<Match> {
    candidates
        .into_iter()
        .flatten()
        .fold(None, |best: Option<Match>, m| match best {
            Some(b) if b.next >= m.next => Some(b),
            _ => Some(m),
        })
}

struct Reader<'a, 't> {
    words: &'a Words<'t>,
    lang: Language,
    mode: Mode,
}

impl Reader<'_, '_> {
    fn at_word(&self, i: usize) -> Option<Match> {
        let ago = self.ago(i);
        let Some(word) = lexicon(self.lang).token(self.words, i) else {
            return ago;
        };
        if self.mode == Mode::Digits {
            return longest([
                word.month.and_then(|_| self.month_led(i)),
                word.weekday.and_then(|_| self.weekday_led(i)),
                word.trigger.then(|| self.night(i)).flatten(),
            ]);
        }
        let weekday = self.weekday_at(i).map(|(d, _)| d);
        longest([
            ago,
            weekday.and_then(|_| self.weekday_led(i)),
            word.month.and_then(|_| self.month_led(i)),
            (self.lang == Language::Fr && self.words.is(i, "premier"))
                .then(|| self.day_month(i, i))
                .flatten(),
            (word.parts != 0)
                .then(|| self.month_part(i, word.parts))
                .flatten(),
            (word.relative != 0)
                .then(|| self.relative(i, word.relative))
                .flatten(),
            word.trigger.then(|| self.last_something(i)).flatten(),
            word.trigger.then(|| self.night(i)).flatten(),
        ])
    }

    /// A capitalized word, as English month and weekday names must be.
    fn capitalized(&self, i: usize) -> bool {
        self.mode == Mode::Input
            || self.lang == Language::Fr
            || self
                .words
                .str(i)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// A month name at token `i`: its number and the token after it (and
    /// after the abbreviation's period).
    fn month_at(&self, i: usize) -> Option<(i8, usize)> {
        let (month, abbrev) = lexicon(self.lang).token(self.words, i)?.month?;
        if !self.capitalized(i) {
            return None;
        }
        let dot = self.words.is(i + 1, ".") && self.words.joined(i + 1);
        if abbrev && self.lang == Language::Fr && !dot && self.mode != Mode::Input {
            // In running text "sept" is also seven: French abbreviations
            // need their period there.
            return None;
        }
        Some((month, if abbrev && dot { i + 2 } else { i + 1 }))
    }

    fn weekday_at(&self, i: usize) -> Option<(Weekday, usize)> {
        let day = lexicon(self.lang).token(self.words, i)?.weekday?;
        self.capitalized(i).then_some((day, i + 1))
    }

    /// A day of the month: "15", "1st", "1er", "2e", "premier".
    fn day_at(&self, i: usize) -> Option<(i8, usize)> {
        let w = self.words;
        if self.lang == Language::Fr && w.is(i, "premier") {
            return Some((1, i + 1));
        }
        if w.kind(i) != Some(Kind::Digits) || w.str(i).len() > 2 {
            return None;
        }
        let day: i8 = w.str(i).parse().ok()?;
        if !(1..=31).contains(&day) || (w.joined(i) && w.kind(i - 1) != Some(Kind::Punct)) {
            return None;
        }
        if w.is_any(i + 1, &[",", "."])
            && w.joined(i + 1)
            && w.joined(i + 2)
            && w.kind(i + 2) == Some(Kind::Digits)
        {
            // "15,000", "2.5": a number, not a day.
            return None;
        }
        if w.kind(i + 1) == Some(Kind::Word) && w.joined(i + 1) {
            let suffixes: &[&str] = match self.lang {
                Language::En => &["st", "nd", "rd", "th"],
                Language::Fr => &["er", "re", "e", "ème", "eme"],
            };
            return w.is_any(i + 1, suffixes).then_some((day, i + 2));
        }
        Some((day, i + 1))
    }

    /// A four-digit year, 1900 to 2100.
    fn year_at(&self, i: usize) -> Option<(i16, usize)> {
        let w = self.words;
        if w.kind(i) != Some(Kind::Digits) || w.str(i).len() != 4 {
            return None;
        }
        if w.kind(i + 1) == Some(Kind::Word) && w.joined(i + 1) {
            return None;
        }
        let year: i16 = w.str(i).parse().ok()?;
        (1900..=2100).contains(&year).then_some((year, i + 1))
    }

    /// A year right after a date: "15 August 2023", "August 15, 2023".
    fn year_after(&self, i: usize) -> Option<(i16, usize)> {
        self.year_at(i).or_else(|| {
            (self.words.is(i, ",") && self.lang == Language::En)
                .then(|| self.year_at(i + 1))
                .flatten()
        })
    }

    /// "2023-08-15", "2023/08/15", "15/08/2023", "15.08.2023", "15-08-23".
    fn numeric_date(&self, i: usize) -> Option<Match> {
        let w = self.words;
        let sep = w.str(i + 1);
        if !matches!(sep, "-" | "/" | ".")
            || w.str(i + 3) != sep
            || !(1..=4).all(|k| w.joined(i + k))
            || [i, i + 2, i + 4]
                .iter()
                .any(|&k| w.kind(k) != Some(Kind::Digits))
            || (w.joined(i) && w.kind(i - 1) != Some(Kind::Punct))
            || (w.joined(i + 5) && matches!(w.kind(i + 5), Some(Kind::Digits | Kind::Word)))
        {
            return None;
        }
        let (a, b, c) = (w.str(i), w.str(i + 2), w.str(i + 4));
        let num = |s: &str| s.parse::<i16>().ok();
        let small = |s: &str| {
            if s.len() <= 2 {
                s.parse::<i8>().ok()
            } else {
                None
            }
        };
        let date = if a.len() == 4 {
            Date::new(num(a)?, small(b)?, small(c)?).ok()?
        } else {
            let year = match c.len() {
                4 => num(c)?,
                2 => 2000 + num(c)?,
                _ => return None,
            };
            let (d, m) = (small(a)?, small(b)?);
            Date::new(year, m, d)
                .or_else(|_| Date::new(year, d, m))
                .ok()?
        };
        found(
            DateExpr::Full {
                year: date.year(),
                month: date.month(),
                day: date.day(),
            },
            i,
            i + 5,
        )
    }

    /// "15 August 2023", "15th of August", "1er octobre", "26 July",
    /// starting with the day at token `day`; the span starts at `first`.
    /// A run of days reads as its first: "15-16 August", "les 2 et 3
    /// octobre", "du 2 au 4 octobre".
    fn day_month(&self, first: usize, day: usize) -> Option<Match> {
        let (d, mut j) = self.day_at(day)?;
        if let Some((_, k)) = self.day_run_end(d, j) {
            j = k;
        }
        if self.lang == Language::En && self.words.is(j, "of") {
            j += 1;
        }
        let (month, j) = self.month_at(j)?;
        self.with_year(first, month, d, j)
    }

    /// The later day of a run that starts with day `from` and goes on at
    /// token `j` ("-16", "et 3", "au 4"), and the token after it.
    fn day_run_end(&self, from: i8, j: usize) -> Option<(i8, usize)> {
        let w = self.words;
        let joins: &[&str] = match self.lang {
            Language::En => &["and", "to"],
            Language::Fr => &["et", "au"],
        };
        if !(w.is_any(j, joins) || w.is_dash(j)) || w.kind(j + 1) != Some(Kind::Digits) {
            return None;
        }
        self.day_at(j + 1).filter(|&(to, _)| to > from)
    }

    /// A day and month, with the year that may follow.
    fn with_year(&self, first: usize, month: i8, day: i8, next: usize) -> Option<Match> {
        match self.year_after(next) {
            Some((year, next)) => {
                Date::new(year, month, day).ok()?;
                found(DateExpr::Full { year, month, day }, first, next)
            }
            None => {
                // Any year that has the day: 29 February needs a leap year.
                Date::new(2000, month, day).ok()?;
                found(DateExpr::DayMonth { month, day }, first, next)
            }
        }
    }

    /// "August 15, 2023", "Aug. 15", "August 2023", "in August".
    fn month_led(&self, i: usize) -> Option<Match> {
        let (month, j) = self.month_at(i)?;
        if let Some((day, k)) = self.day_at(j)
            && self.words.kind(j) == Some(Kind::Digits)
        {
            return self.with_year(i, month, day, k);
        }
        if let Some((year, k)) = self.year_at(j) {
            return found(DateExpr::MonthYear { year, month }, i, k);
        }
        let last = match self.lang {
            Language::En => false,
            Language::Fr => self.words.is(j, "dernier"),
        };
        let next = if last { j + 1 } else { j };
        self.month_intro(i)
            .then(|| found(DateExpr::Month { month, last }, i, next))
            .flatten()
    }

    /// Whether the words before a bare month make it a date.
    fn month_intro(&self, i: usize) -> bool {
        let w = self.words;
        if i == 0 {
            return false;
        }
        match self.lang {
            Language::En => w.is_any(i - 1, EN_MONTH_INTRO),
            Language::Fr => {
                w.is_any(i - 1, FR_MONTH_INTRO)
                    || (i > 1 && w.is(i - 1, "'") && w.is_any(i - 2, &["d", "jusqu"]))
            }
        }
    }

    /// "Monday, August 14", "lundi 2 octobre 2023", or a weekday alone
    /// ("Tuesday", "lundi soir", "jeudi dernier").
    fn weekday_led(&self, i: usize) -> Option<Match> {
        let w = self.words;
        let (weekday, mut j) = self.weekday_at(i)?;
        // "lundi 2 octobre", "Monday, August 14, 2023".
        let date_at = j + usize::from(w.is(j, ","));
        let explicit = self
            .month_led(date_at)
            .filter(|m| matches!(m.expr, DateExpr::Full { .. } | DateExpr::DayMonth { .. }));
        if let Some(m) = longest([self.day_month(i, date_at), explicit]) {
            return found(m.expr, i, m.next);
        }
        // "next Monday", "lundi prochain": not a past event.
        if i > 0 && w.is_any(i - 1, &["next", "coming", "prochain"]) || w.is(j, "prochain") {
            return None;
        }
        j = self.time_of_day(j);
        let last = self.lang == Language::Fr && w.is_any(j, &["dernier", "passé"]);
        if last {
            j += 1;
        }
        found(DateExpr::Weekday { weekday, last }, i, j)
    }

    /// Skips a time of day after a weekday or "yesterday".
    fn time_of_day(&self, j: usize) -> usize {
        let w = self.words;
        match self.lang {
            Language::En => j + usize::from(w.is_any(j, EN_TIMES_OF_DAY)),
            Language::Fr => FR_TIMES_OF_DAY
                .iter()
                .filter_map(|pat| w.seq(j, pat))
                .max()
                .unwrap_or(j),
        }
    }

    /// "last Thursday", "this past Monday", "last August".
    fn last_something(&self, i: usize) -> Option<Match> {
        let w = self.words;
        if self.lang != Language::En {
            return None;
        }
        let j = if w.is(i, "last") || w.is(i, "past") {
            i + 1
        } else if w.seq(i, &["this", "past"]).is_some() {
            i + 2
        } else {
            return None;
        };
        if let Some((weekday, k)) = self.weekday_at(j) {
            return found(
                Some(DateExpr::Weekday {
                    weekday,
                    last: true,
                })?,
                i,
                self.time_of_day(k),
            );
        }
        let (month, k) = self.month_at(j)?;
        (w.is(i, "last") && self.year_at(k).is_none() && self.day_at(k).is_none())
            .then(|| found(DateExpr::Month { month, last: true }, i, k))
            .flatten()
    }

    /// "mid-August", "early August 2023", "fin juillet", "à la mi-août".
    fn month_part(&self, i: usize, parts: u64) -> Option<Match> {
        MONTH_PARTS
            .iter()
            .enumerate()
            .filter(|(k, _)| parts & (1 << k) != 0)
            .filter_map(|(_, (_, pat, part))| {
                let j = self.words.seq(i + 1, &pat[1..])?;
                let (month, k) = self.month_at(j)?;
                let (year, k) = match self.year_at(k) {
                    Some((y, k)) => (Some(y), k),
                    None => (None, k),
                };
                let expr = match (part, year) {
                    (Some(part), year) => DateExpr::PartOfMonth {
                        part: *part,
                        month,
                        year,
                    },
                    (None, Some(year)) => DateExpr::MonthYear { year, month },
                    (None, None) => DateExpr::Month { month, last: false },
                };
                found(expr, i, k)
            })
            .max_by_key(|m| m.next)
    }

    /// The fixed phrases of [`RELATIVE`], with a time of day after
    /// "yesterday" or "hier".
    fn relative(&self, i: usize, phrases: u64) -> Option<Match> {
        let best = RELATIVE
            .iter()
            .enumerate()
            .filter(|(k, _)| phrases & (1 << k) != 0)
            .filter_map(|(_, (_, pat, expr))| {
                self.words.seq(i + 1, &pat[1..]).map(|next| (*expr, next))
            })
            .max_by_key(|(_, next)| *next)?;
        let next = match best.0 {
            DateExpr::DaysAgo(1 | 2) => self.time_of_day(best.1),
            _ => best.1,
        };
        found(best.0, i, next)
    }

    /// "dans la nuit de lundi à mardi", "the night of Monday to Tuesday",
    /// "overnight Monday", "overnight from Sunday to Monday".
    /// With days: "dans la nuit du samedi 4 au dimanche 5 mai" is the 4th.
    fn night(&self, i: usize) -> Option<Match> {
        let w = self.words;
        let (from_at, to_words): (usize, &[&str]) = match self.lang {
            Language::Fr if w.is(i, "nuit") && w.is_any(i + 1, &["de", "du"]) => {
                (i + 2, &["à", "au"])
            }
            Language::En if w.is(i, "night") && w.is(i + 1, "of") => (i + 2, &["to", "into"]),
            Language::En if w.is(i, "overnight") => {
                (i + 1 + usize::from(w.is(i + 1, "from")), &["to", "into"])
            }
            _ => return None,
        };
        let (from, j) = match self.weekday_at(from_at) {
            Some((from, j)) => (Some(from), j),
            None => (None, from_at),
        };
        if let Some(m) = self.night_days(i, j, to_words) {
            return Some(m);
        }
        let from = from?;
        if w.is_any(j, to_words)
            && let Some((to, k)) = self.weekday_at(j + 1)
        {
            return found(DateExpr::Night { from, to }, i, k);
        }
        found(
            DateExpr::Weekday {
                weekday: from,
                last: false,
            },
            i,
            j,
        )
    }

    /// The days of a night, from token `j` after "nuit du [samedi]":
    /// "4 au dimanche 5 mai", "29 février au 1er mars", "9 au 10 mars 2024".
    /// The night is its first day.
    fn night_days(&self, first: usize, j: usize, to_words: &[&str]) -> Option<Match> {
        let w = self.words;
        if w.kind(j) != Some(Kind::Digits) {
            return None;
        }
        let (day, j) = self.day_at(j)?;
        let (own_month, j) = match self.month_at(j) {
            Some((m, k)) => (Some(m), k),
            None => (None, j),
        };
        let (own_year, j) = match own_month.and(self.year_at(j)) {
            Some((y, k)) => (Some(y), k),
            None => (None, j),
        };
        if !w.is_any(j, to_words) {
            return None;
        }
        let k = self.weekday_at(j + 1).map_or(j + 1, |(_, k)| k);
        let (to_day, k) = self.day_at(k)?;
        let (to_month, k) = self.month_at(k)?;
        let to = self.with_year(first, to_month, to_day, k)?;
        // The night's first day is the day before its last.
        let before = |year: i16| -> Option<Date> {
            Date::new(year, to_month, to_day).ok()?.yesterday().ok()
        };
        // Without a year, a leap year and a common one ("28 février au
        // 1er mars" is a common year's night).
        let years = match to.expr {
            DateExpr::Full { year, .. } => [Some(year), None],
            _ => [Some(2024), Some(2023)],
        };
        let from = years.into_iter().flatten().filter_map(before).find(|f| {
            f.day() == day
                && own_month.is_none_or(|m| m == f.month())
                && own_year.is_none_or(|y| y == f.year())
        })?;
        let expr = match to.expr {
            DateExpr::Full { .. } => DateExpr::Full {
                year: from.year(),
                month: from.month(),
                day,
            },
            _ => DateExpr::DayMonth {
                month: from.month(),
                day,
            },
        };
        found(expr, first, to.next)
    }

    /// "three days ago", "2 weeks ago", "il y a deux jours".
    fn ago(&self, i: usize) -> Option<Match> {
        let w = self.words;
        let (count_at, unit_at) = match self.lang {
            Language::En if w.is(i + 2, "ago") => (i, i + 1),
            Language::En => return None,
            Language::Fr if w.seq(i, &["il", "y", "a"]).is_some() => (i + 3, i + 4),
            Language::Fr => return None,
        };
        let weeks = match self.lang {
            Language::En if w.is_any(unit_at, &["days", "day"]) => false,
            Language::En if w.is_any(unit_at, &["weeks", "week"]) => true,
            Language::Fr if w.is_any(unit_at, &["jours", "jour"]) => false,
            Language::Fr if w.is_any(unit_at, &["semaines", "semaine"]) => true,
            _ => return None,
        };
        let count = if w.is_any(count_at, &["a", "an", "un", "une"]) {
            1
        } else if w.kind(count_at) == Some(Kind::Digits) {
            w.str(count_at).parse::<u16>().ok()?
        } else {
            u16::try_from(parse_count_word(w.str(count_at))?).ok()?
        };
        if count > 400 {
            return None;
        }
        let next = if self.lang == Language::En {
            unit_at + 2
        } else {
            unit_at + 1
        };
        let expr = if weeks {
            DateExpr::WeeksAgo(count)
        } else {
            DateExpr::DaysAgo(count)
        };
        found(expr, i, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{En, Fr};
    use jiff::civil::date;

    // A Wednesday, a Monday, a Sunday, and the first days of a year.
    const WED: Date = date(2024, 3, 13);
    const MON: Date = date(2024, 3, 11);
    const SUN: Date = date(2024, 3, 17);
    const TUE: Date = date(2024, 3, 12);
    const NEW_YEAR: Date = date(2024, 1, 2);
    const OCT: Date = date(2023, 10, 3);

    /// Each case: a text, its language, the publication date, and its one
    /// date expression as (span text, resolved date, precision).
    type Case = (&'static str, Language, Date, &'static str, Date, u8);

    fn check(cases: &[Case]) {
        for &(text, lang, published, span, want, precision) in cases {
            let found = find_dates(text, lang);
            assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
            let m = found[0];
            let resolved = resolve(&m.expr, Some(published)).map(|r| (r.date, r.precision));
            assert_eq!(
                (m.span.slice(text), resolved),
                (Some(span), Some((want, precision))),
                "{text:?} ({:?})",
                m.expr
            );
        }
    }

    /// Texts with no date expression.
    fn none(texts: &[(&str, Language)]) {
        for (text, lang) in texts {
            assert_eq!(find_dates(text, *lang), [], "{text:?}");
        }
    }

    #[rustfmt::skip]
    #[test]
    fn explicit_numeric_dates() {
        check(&[
            ("Clashes broke out on 2022-11-03 in Gao.", En, WED, "2022-11-03", date(2022, 11, 3), 1),
            ("Les heurts du 03/11/2022 à Gao", Fr, WED, "03/11/2022", date(2022, 11, 3), 1),
            ("Les heurts du 3.11.2022 à Gao", Fr, WED, "3.11.2022", date(2022, 11, 3), 1),
            ("Les heurts du 3-11-22 à Gao", Fr, WED, "3-11-22", date(2022, 11, 3), 1),
            // Day first, unless only month first makes a date.
            ("report dated 11/25/2022", En, WED, "11/25/2022", date(2022, 11, 25), 1),
        ]);
        none(&[
            ("on 2022-02-30", En),
            ("1.500.000 people", Fr),
            ("score 3-0", En),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn explicit_written_dates() {
        check(&[
            ("The raid on March 4, 2023 killed nine.", En, WED, "March 4, 2023", date(2023, 3, 4), 1),
            ("The raid on 4 March 2023 killed nine.", En, WED, "4 March 2023", date(2023, 3, 4), 1),
            ("The raid on the 4th of March killed nine.", En, WED, "4th of March", date(2024, 3, 4), 1),
            ("Troops arrived Feb. 9 in Menaka.", En, WED, "Feb. 9", date(2024, 2, 9), 1),
            ("Troops arrived Feb 9th in Menaka.", En, WED, "Feb 9th", date(2024, 2, 9), 1),
            ("on Monday, March 4, 2024", En, WED, "Monday, March 4, 2024", date(2024, 3, 4), 1),
            ("Le raid du 4 mars 2023 a fait neuf morts.", Fr, WED, "4 mars 2023", date(2023, 3, 4), 1),
            ("Le 1er mars, des tirs ont visé le camp.", Fr, WED, "1er mars", date(2024, 3, 1), 1),
            ("le premier mars", Fr, WED, "premier mars", date(2024, 3, 1), 1),
            ("Arrivés le 9 févr. à Ménaka", Fr, WED, "9 févr.", date(2024, 2, 9), 1),
            ("Le 12 Mars, l'armée", Fr, WED, "12 Mars", date(2024, 3, 12), 1),
            ("lundi 4 mars", Fr, WED, "lundi 4 mars", date(2024, 3, 4), 1),
            // A run of days is its first.
            ("Fighting on 4-5 March killed 9.", En, WED, "4-5 March", date(2024, 3, 4), 1),
            ("les 4 et 5 mars", Fr, WED, "4 et 5 mars", date(2024, 3, 4), 1),
            ("du 4 au 6 mars 2023", Fr, WED, "4 au 6 mars 2023", date(2023, 3, 4), 1),
        ]);
        none(&[("sept soldats", Fr), ("9 sept soldats", Fr)]);
    }

    #[rustfmt::skip]
    #[test]
    fn day_and_month_take_the_year_that_fits_publication() {
        check(&[
            // Published 2 January: 28 December is last year's.
            ("Gunmen struck on 28 December.", En, NEW_YEAR, "28 December", date(2023, 12, 28), 1),
            ("le 31 décembre", Fr, NEW_YEAR, "31 décembre", date(2023, 12, 31), 1),
            // Within a month ahead it is this year's (an announced date).
            ("Elections are set for 20 January.", En, NEW_YEAR, "20 January", date(2024, 1, 20), 1),
            // 29 February exists only in leap years.
            ("on 29 February", En, date(2025, 3, 10), "29 February", date(2024, 2, 29), 1),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn months() {
        check(&[
            ("Fighting in August 2023 displaced thousands.", En, WED, "August 2023", date(2023, 8, 15), 3),
            ("des combats en août 2023", Fr, WED, "août 2023", date(2023, 8, 15), 3),
            // The most recent such month not after publication.
            ("Fighting in August displaced thousands.", En, WED, "August", date(2023, 8, 15), 3),
            ("depuis janvier", Fr, WED, "janvier", date(2024, 1, 15), 3),
            ("au mois d'août", Fr, WED, "août", date(2023, 8, 15), 3),
            // The publication month itself, no later than publication.
            ("in March", En, date(2024, 3, 9), "March", date(2024, 3, 9), 3),
            ("last March", En, date(2024, 3, 9), "last March", date(2023, 3, 15), 3),
            ("en mars dernier", Fr, date(2024, 3, 9), "mars dernier", date(2023, 3, 15), 3),
        ]);
        // "may" the verb, and a month with nothing to make it a date.
        none(&[("Troops may leave. August was calm.", En)]);
    }

    #[rustfmt::skip]
    #[test]
    fn parts_of_months() {
        check(&[
            ("Since mid-August the town is besieged.", En, OCT, "mid-August", date(2023, 8, 15), 2),
            ("à la mi-août", Fr, OCT, "mi-août", date(2023, 8, 15), 2),
            ("in early September", En, OCT, "early September", date(2023, 9, 5), 2),
            ("late September 2022", En, WED, "late September 2022", date(2022, 9, 25), 2),
            ("at the end of July", En, OCT, "end of July", date(2023, 7, 25), 2),
            ("début septembre", Fr, OCT, "début septembre", date(2023, 9, 5), 2),
            ("fin juillet", Fr, OCT, "fin juillet", date(2023, 7, 25), 2),
            // Not after publication.
            ("fin octobre", Fr, OCT, "fin octobre", OCT, 2),
            ("courant août", Fr, OCT, "courant août", date(2023, 8, 15), 3),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn weekdays_before_publication() {
        check(&[
            // Published on a Wednesday.
            ("The convoy was hit on Tuesday.", En, WED, "Tuesday", TUE, 1),
            ("The ministry said on Wednesday", En, WED, "Wednesday", WED, 1),
            ("on Thursday", En, WED, "Thursday", date(2024, 3, 7), 1),
            ("last Wednesday", En, WED, "last Wednesday", date(2024, 3, 6), 1),
            ("this past Monday", En, WED, "this past Monday", MON, 1),
            ("Monday night's attack", En, WED, "Monday night", MON, 1),
            ("l'attaque de lundi soir", Fr, WED, "lundi soir", MON, 1),
            ("Jeudi dernier, des militants", Fr, WED, "Jeudi dernier", date(2024, 3, 7), 1),
            ("mercredi dernier", Fr, WED, "mercredi dernier", date(2024, 3, 6), 1),
            // Published on a Monday: Sunday is the day before.
            ("on Sunday", En, MON, "Sunday", date(2024, 3, 10), 1),
            ("dimanche après-midi", Fr, MON, "dimanche après-midi", date(2024, 3, 10), 1),
            ("samedi", Fr, MON, "samedi", date(2024, 3, 9), 1),
            // Published on a Sunday.
            ("on Monday", En, SUN, "Monday", MON, 1),
            ("on Sunday", En, SUN, "Sunday", SUN, 1),
            // Across a year boundary.
            ("on Friday", En, NEW_YEAR, "Friday", date(2023, 12, 29), 1),
        ]);
        // Future weekdays and lowercase English ones are not read.
        none(&[("next Monday", En), ("lundi prochain", Fr), ("monday", En)]);
    }

    #[rustfmt::skip]
    #[test]
    fn nights() {
        check(&[
            ("dans la nuit de lundi à mardi", Fr, TUE, "nuit de lundi à mardi", MON, 1),
            ("dans la nuit du lundi au mardi", Fr, WED, "nuit du lundi au mardi", MON, 1),
            ("dans la nuit de dimanche", Fr, TUE, "nuit de dimanche", date(2024, 3, 10), 1),
            ("on the night of Sunday to Monday", En, MON, "night of Sunday to Monday", date(2024, 3, 10), 1),
            ("overnight Saturday", En, MON, "overnight Saturday", date(2024, 3, 9), 1),
            ("Gunmen attacked overnight.", En, MON, "overnight", date(2024, 3, 10), 1),
            ("dans la nuit du samedi 9 au dimanche 10 mars", Fr, MON, "nuit du samedi 9 au dimanche 10 mars", date(2024, 3, 9), 1),
            ("dans la nuit du 9 au 10 mars 2024", Fr, MON, "nuit du 9 au 10 mars 2024", date(2024, 3, 9), 1),
            ("dans la nuit du 29 février au 1er mars", Fr, MON, "nuit du 29 février au 1er mars", date(2024, 2, 29), 1),
            ("dans la nuit du 28 février au 1er mars", Fr, date(2025, 3, 3), "nuit du 28 février au 1er mars", date(2025, 2, 28), 1),
            ("dans la nuit du 31 décembre 2023 au 1er janvier 2024", Fr, MON, "nuit du 31 décembre 2023 au 1er janvier 2024", date(2023, 12, 31), 1),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn days_relative_to_publication() {
        check(&[
            ("Yesterday, gunmen stormed a village.", En, MON, "Yesterday", date(2024, 3, 10), 1),
            ("yesterday morning", En, MON, "yesterday morning", date(2024, 3, 10), 1),
            ("hier soir", Fr, MON, "hier soir", date(2024, 3, 10), 1),
            ("avant-hier", Fr, MON, "avant-hier", date(2024, 3, 9), 1),
            ("the day before yesterday", En, MON, "the day before yesterday", date(2024, 3, 9), 1),
            ("Aujourd'hui, le calme est revenu.", Fr, MON, "Aujourd'hui", MON, 1),
            ("aujourd\u{2019}hui", Fr, MON, "aujourd\u{2019}hui", MON, 1),
            ("this morning", En, MON, "this morning", MON, 1),
            ("ce matin", Fr, MON, "ce matin", MON, 1),
            ("last night", En, NEW_YEAR, "last night", date(2024, 1, 1), 1),
            ("la nuit dernière", Fr, date(2024, 1, 1), "nuit dernière", date(2023, 12, 31), 1),
            ("three days ago", En, MON, "three days ago", date(2024, 3, 8), 1),
            ("il y a deux jours", Fr, MON, "il y a deux jours", date(2024, 3, 9), 1),
            ("il y a une semaine", Fr, MON, "il y a une semaine", date(2024, 3, 4), 2),
            ("2 weeks ago", En, MON, "2 weeks ago", date(2024, 2, 26), 2),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn weeks_and_weekends() {
        check(&[
            // Last week: the Thursday of the previous Monday-to-Sunday week.
            ("last week", En, WED, "last week", date(2024, 3, 7), 2),
            ("La semaine dernière, l'ambassadeur", Fr, MON, "semaine dernière", date(2024, 3, 7), 2),
            ("la semaine passée", Fr, SUN, "semaine passée", date(2024, 3, 7), 2),
            ("earlier this week", En, WED, "earlier this week", TUE, 2),
            ("cette semaine", Fr, SUN, "cette semaine", date(2024, 3, 14), 2),
            ("over the weekend", En, MON, "over the weekend", date(2024, 3, 9), 2),
            ("ce week-end", Fr, SUN, "ce week-end", date(2024, 3, 16), 2),
            ("le week-end dernier", Fr, SUN, "week-end dernier", date(2024, 3, 9), 2),
            ("last weekend", En, WED, "last weekend", date(2024, 3, 9), 2),
        ]);
    }

    #[rustfmt::skip]
    #[test]
    fn months_relative_to_publication() {
        check(&[
            ("last month", En, NEW_YEAR, "last month", date(2023, 12, 15), 3),
            ("Au moins 17 soldats ont été tués le mois dernier", Fr, OCT, "mois dernier", date(2023, 9, 15), 3),
            ("le mois passé", Fr, date(2024, 3, 31), "mois passé", date(2024, 2, 15), 3),
            ("earlier this month", En, date(2024, 3, 21), "earlier this month", date(2024, 3, 11), 3),
            ("plus tôt ce mois-ci", Fr, date(2024, 3, 21), "plus tôt ce mois-ci", date(2024, 3, 11), 3),
            ("ce mois-ci", Fr, date(2024, 3, 1), "ce mois-ci", date(2024, 3, 1), 3),
        ]);
    }

    #[test]
    fn relative_dates_need_a_publication_date() {
        for text in [
            "yesterday",
            "last month",
            "on Tuesday",
            "in August",
            "mid-August",
            "on 4 March",
        ] {
            let found = find_dates(text, En);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(resolve(&found[0].expr, None), None, "{text}");
        }
        let explicit = find_dates("on 4 March 2023", En);
        assert_eq!(
            resolve(&explicit[0].expr, None),
            Some(ResolvedDate {
                date: date(2023, 3, 4),
                precision: 1
            })
        );
    }

    #[test]
    fn several_dates_in_a_paragraph() {
        let text = "The ambush on Tuesday came a week after talks on 8 March; \
                    the army had warned last month, and again on Monday.";
        let spans: Vec<&str> = find_dates(text, En)
            .iter()
            .filter_map(|m| m.span.slice(text))
            .collect();
        assert_eq!(spans, ["Tuesday", "8 March", "last month", "Monday"]);
    }

    #[rustfmt::skip]
    #[test]
    fn editor_input() {
        let r = Some(date(2023, 8, 16));
        let cases = [
            ("2023-08-15", None, Some(date(2023, 8, 15))),
            (" 15/08/2023 ", None, Some(date(2023, 8, 15))),
            ("15 août 2023", None, Some(date(2023, 8, 15))),
            ("15 sept 2023", None, Some(date(2023, 9, 15))),
            ("august 15, 2023", None, Some(date(2023, 8, 15))),
            ("Aug 15", r, Some(date(2023, 8, 15))),
            ("aug 15", r, Some(date(2023, 8, 15))),
            ("Aug 15", None, None),
            ("yesterday", r, Some(date(2023, 8, 15))),
            ("mardi dernier", r, Some(date(2023, 8, 15))),
            ("15 août 2023 et plus", None, None),
            ("2023-02-30", None, None),
            ("", r, None),
        ];
        for (input, reference, want) in cases {
            assert_eq!(parse_date_input(input, reference), want, "{input:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn spans_are_char_boundaries_inside_the_text(text in "\\PC*") {
            for lang in [En, Fr] {
                for m in find_dates(&text, lang) {
                    proptest::prop_assert!(m.span.start < m.span.end);
                    proptest::prop_assert!(m.span.slice(&text).is_some());
                    for p in [None, Some(Date::MIN), Some(Date::MAX), Some(NEW_YEAR)] {
                        let _ = resolve(&m.expr, p);
                    }
                }
                let _ = parse_date_input(&text, Some(Date::MIN));
            }
        }


        #[test]
        fn date_soup_never_panics(text in "([0-9]{1,22}|[ ,./\\-'’]|août|August|Aug|mi|mid|le|1er|lundi|Tuesday|last|nuit|de|à|il y a|days|ago|dernier|2023|hier|avant|the|É){0,30}") {
            for lang in [En, Fr] {
                for m in find_dates(&text, lang) {
                    proptest::prop_assert!(m.span.slice(&text).is_some());
                    for p in [None, Some(Date::MIN), Some(Date::MAX), Some(date(2024, 2, 29))] {
                        let _ = resolve(&m.expr, p);
                    }
                }
            }
        }
    }
}
