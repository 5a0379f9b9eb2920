//! Extraction throughput (SPEC: 10 MB of article text per second per core
//! or more), on a generated corpus of English and French news: event
//! reports (tolls, places, dates, actors) mixed with the politics and
//! background that make up most of an article.
//!
//! Run: `cargo bench --bench extract`; criterion reports MB/s, the median
//! in target/criterion/extract/articles/new/estimates.json. Samples are
//! this thread's CPU time (see `support`), single-threaded.

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::extract::{ArticleText, Language, extract};
use factdesk::gazetteer::Gazetteer;
use support::timed;

/// A small deterministic generator (xorshift), so every run reads the same
/// corpus.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.roll(items.len())]
    }
}

const EN_EVENTS: &[&str] = &[
    "Gunmen killed {n} villagers in an attack on {place} on {day}, local officials said.",
    "At least {n} soldiers were killed and {m} wounded when their convoy hit an improvised explosive device near {place} on {day}, the army said.",
    "Suspected jihadists ambushed a patrol near {place} on {day}, killing {n} soldiers, security sources told AFP.",
    "A drone strike killed {n} fighters of the Islamic State group near {place} on {day}, the military said in a statement.",
    "Thousands of people marched in {place} on {day} to protest against the rising cost of living.",
    "Armed men abducted {n} people, most of them women, from a village near {place} on {day}.",
    "The attack took place about 30 kilometres from {place}, the ministry said.",
    "Police fired tear gas to disperse hundreds of protesters in {place} on {day}.",
];
const EN_FILLER: &[&str] = &[
    "The junta has promised a return to civilian rule but has not set a date for elections.",
    "Regional leaders will meet next month to discuss the transition and the lifting of sanctions.",
    "The country is one of the poorest in the world and relies heavily on foreign aid.",
    "Humanitarian agencies say more than two million people have been displaced by the violence.",
    "The government has expelled several foreign journalists and suspended two radio stations.",
    "Prices of rice and fuel have doubled since the start of the year, traders said.",
    "\"We are living in fear,\" a resident told reporters by telephone.",
    "Officials did not respond to requests for comment on Wednesday evening.",
];
const FR_EVENTS: &[&str] = &[
    "Au moins {n} soldats ont été tués et {m} blessés {jour} dans une embuscade près de {place}, a annoncé l'armée.",
    "Des hommes armés ont tué {n} civils {jour} dans le village de Tinkim, près de {place}, selon des sources locales.",
    "Une frappe de drone a neutralisé des dizaines de terroristes {jour} près de {place}, selon l'état-major.",
    "Des centaines de manifestants se sont rassemblés {jour} à {place} pour soutenir la transition.",
    "Un engin explosif improvisé a explosé au passage d'un convoi près de {place} {jour}, sans faire de victime.",
    "L'attaque s'est produite à une trentaine de kilomètres de {place}, a précisé le ministère.",
];
const FR_FILLER: &[&str] = &[
    "La junte a promis un retour à l'ordre constitutionnel mais n'a pas fixé de date pour les élections.",
    "Les chefs d'État de la région se réuniront le mois prochain pour discuter de la transition.",
    "Le pays figure parmi les plus pauvres du monde et dépend largement de l'aide extérieure.",
    "Selon les Nations unies, plus de deux millions de personnes ont dû fuir leur foyer.",
    "« Nous vivons dans la peur », a confié un habitant joint par téléphone.",
    "Le prix du riz et du carburant a doublé depuis le début de l'année, selon des commerçants.",
];
const PLACES: &[&str] = &[
    "Djibo",
    "Dori",
    "Ayorou",
    "Gao",
    "Mopti",
    "Niamey",
    "Tillabéri",
    "Kaya",
    "Maiduguri",
    "Gwoza",
    "Bunia",
    "Ménaka",
    "Diffa",
    "Ouallam",
    "Sebba",
];
const EN_DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const FR_DAYS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche soir",
];
const NUMBERS: &[&str] = &[
    "3",
    "7",
    "12",
    "seventeen",
    "29",
    "dozens of",
    "41",
    "une trentaine de",
];

fn fill(template: &str, dice: &mut Dice, days: &[&str]) -> String {
    template
        .replace("{n}", dice.pick(NUMBERS))
        .replace("{m}", dice.pick(&["2", "five", "14"]))
        .replace("{place}", dice.pick(PLACES))
        .replace("{day}", dice.pick(days))
        .replace("{jour}", dice.pick(days))
}

/// About `bytes` of articles of 6 to 16 sentences, a third of them events.
fn corpus(bytes: usize) -> Vec<(String, Language)> {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let french = dice.roll(2) == 0;
        let (events, filler, days, language) = if french {
            (FR_EVENTS, FR_FILLER, FR_DAYS, Language::Fr)
        } else {
            (EN_EVENTS, EN_FILLER, EN_DAYS, Language::En)
        };
        let mut text = String::new();
        for _ in 0..6 + dice.roll(11) {
            let sentence = if dice.roll(3) == 0 {
                fill(dice.pick(events), &mut dice, days)
            } else {
                dice.pick(filler).to_string()
            };
            text.push_str(&sentence);
            text.push(if dice.roll(3) == 0 { '\n' } else { ' ' });
        }
        total += text.len();
        out.push((text, language));
    }
    out
}

fn extraction(c: &mut Criterion) {
    let articles = corpus(2 << 20);
    let bytes: usize = articles.iter().map(|(t, _)| t.len()).sum();
    let gazetteer = Gazetteer::builtin();
    let published = jiff::civil::date(2024, 3, 12);
    let texts: Vec<ArticleText<'_>> = articles
        .iter()
        .enumerate()
        .map(|(i, (text, language))| ArticleText {
            id: if i % 2 == 0 { "even" } else { "odd" },
            text,
            language: *language,
            published: Some(published),
            title: None,
        })
        .collect();
    // Build the lexicons and the gazetteer's automata outside the samples.
    black_box(extract(&texts[0], gazetteer));
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("articles", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                texts
                    .iter()
                    .map(|t| extract(t, gazetteer).len())
                    .sum::<usize>()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
