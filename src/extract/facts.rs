//! What one sentence says about an incident: counts of killed, wounded,
//! missing and abducted people and who they were, the triggers that name
//! the kind of violence, the actors, the dates and the places, each with
//! its span. [`super::assemble`] then groups sentences into incidents.
//!
//! Counts are tied to outcome words by how each language builds the
//! clause, not by distance alone:
//!
//! - passive participles take the count before them ("17 soldiers were
//!   killed", "29 soldats ont été tués"), active verbs the count after
//!   ("gunmen killed 12 villagers", "ont tué 12 soldats", "killing 17");
//! - nouns take the count right before ("17 dead", "12 morts") or after
//!   "of"/"de" ("the deaths of 12", "la mort de 12 soldats");
//! - a count after "including"/"dont" is part of the one before, not more;
//! - an agent after "by"/"par" is never the victims' count ("tués par des
//!   centaines de djihadistes").
//!
//! Who was counted is the party noun right after the count ("17 of its
//! soldiers", "plusieurs dizaines de terroristes").

use jiff::civil::Date;

use super::Language;
use super::actors::{ActorBook, GroupMention};
use super::clauses::Relative;
use super::dates::{self, DateMention};
use super::numbers::{Quantity, find_quantities};
use super::triggers::{Cue, Form, Outcome, Sequel, Side, Trigger};
use crate::gazetteer::{Gazetteer, PlaceKind, PlaceMatch};
use crate::model::Span;

/// Tolls from this many up ("thousands", "more than 8,000 people were
/// killed in 2023") describe a conflict or a period, not an incident.
const AGGREGATE: u32 = 1_000;

/// Words that make a toll a total over a country or many places ("11
/// people had died across the country"), not one incident's.
const NATIONWIDE: &[&str] = &[
    "across the country",
    "nationwide",
    "countrywide",
    "across the nation",
    "in several counties",
    "in several regions",
    "in several states",
    "à travers le pays",
    "dans tout le pays",
    "dans l'ensemble du pays",
    "dans l’ensemble du pays",
    "sur l'ensemble du territoire",
    "sur l’ensemble du territoire",
    "sur tout le territoire",
    "dans plusieurs régions",
    "dans plusieurs villes",
];

/// The word tokens of one sentence: runs of letters and digits.
pub struct Words {
    spans: Vec<Span>,
}

impl Words {
    pub fn new(text: &str, sentence: Span) -> Words {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text[sentence.start..sentence.end].char_indices() {
            let at = sentence.start + i;
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    spans.push(Span::new(s, at));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            spans.push(Span::new(s, sentence.end));
        }
        Words { spans }
    }

    /// Index of the first word that starts at or after `byte`.
    fn at_or_after(&self, byte: usize) -> usize {
        self.spans.partition_point(|w| w.start < byte)
    }

    /// How many words lie wholly between the end of `a` and the start of
    /// `b` (0 when adjacent or overlapping; `b` must not start before `a`).
    pub fn gap(&self, a: Span, b: Span) -> usize {
        let from = self.at_or_after(a.end);
        let to = self.at_or_after(b.start);
        to.saturating_sub(from)
    }

    /// The first word at or after byte `at`, if any.
    pub fn first_after(&self, at: usize) -> Option<Span> {
        self.spans.get(self.at_or_after(at)).copied()
    }

    /// The word right before byte `at`, if any.
    pub fn word_before(&self, at: usize) -> Option<Span> {
        let i = self.spans.partition_point(|w| w.end <= at);
        i.checked_sub(1).map(|i| self.spans[i])
    }
}

/// A count tied to an outcome.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Casualty {
    pub outcome: Outcome,
    pub side: Side,
    pub count: u32,
    pub vague: bool,
    /// A belligerent's claim of enemy losses ("said it killed",
    /// "neutralised", "dozens of terrorists"): labelled for the reviewer.
    pub claimed: bool,
    /// Told with a word that does not say the enemy died ("neutralised",
    /// "eliminated", "neutralisés": killed or captured).
    pub uncertain: bool,
    /// Part of another count of the sentence ("including five soldiers").
    pub subset: bool,
    pub quantity: Span,
    pub word: Span,
    pub party: Option<Span>,
    /// The latest toll ("the toll rose to 11"): replaces earlier counts.
    pub update: bool,
}

/// An actor named in a sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ActorRef {
    Party(Side),
    Group(GroupMention),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActorMention<'g> {
    pub span: Span,
    pub actor: ActorRef,
    /// For state forces: the country a demonym or name beside them gives
    /// ("l'armée nigérienne", "Malian soldiers", "Niger's army").
    pub country: Option<&'g str>,
    /// The agent of a killing or of the attack ("by insurgents", "gunmen
    /// killed"), as opposed to its victims.
    pub agent: bool,
}

/// What a date mention is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateRole {
    /// Next to the incident's words: when it happened.
    Event,
    /// Elsewhere in a sentence about the incident.
    Loose,
    /// When a statement was made ("on Wednesday said").
    Report,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DateFact {
    pub span: Span,
    pub date: Date,
    pub precision: u8,
    pub role: DateRole,
}

/// How a place is said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    /// "in X", "at X": the place itself.
    At,
    /// "near X", "près de X", "on the outskirts of X".
    Near(Span),
    /// "60 km from X", "à 30 km de X".
    Distance(Span),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceFact<'g> {
    pub span: Span,
    /// The gazetteer's place; `None` for a village the gazetteer lacks but
    /// the text introduces as one ("the village of Tinkim").
    pub place: Option<crate::gazetteer::Place<'g>>,
    pub modifier: Modifier,
    /// A country named as a neighbour ("near the Mali border").
    pub border: bool,
    /// A town's name used for the area around it ("Beni territory",
    /// "le cercle de Douentza"): the area, not the town.
    pub area: bool,
    /// Introduced as a village or town ("the village of X").
    pub introduced: bool,
    /// A district named after its seat ("the Tera department"): the seat,
    /// approximately.
    pub district: bool,
    /// Taken on the text's word alone ("in Hassan"), no country of the
    /// article vouching for it: low confidence.
    pub weak: bool,
}

impl PlaceFact<'_> {
    pub fn kind(&self) -> PlaceKind {
        self.place.map_or(PlaceKind::Town, |p| p.kind)
    }
}

/// Everything the extractor reads in one sentence.
#[derive(Clone, Debug)]
pub struct Facts<'g> {
    pub span: Span,
    pub casualties: Vec<Casualty>,
    /// Outcome words with no count, and the side they were said of ("the
    /// soldiers were killed").
    pub victims: Vec<(Side, Span)>,
    pub triggers: Vec<(Span, Trigger, bool)>,
    /// A trigger with a definite article ("the attack", "l'attaque"):
    /// this sentence is about an incident already told.
    pub anaphoric: bool,
    pub targets: Vec<(Span, Side)>,
    pub actors: Vec<ActorMention<'g>>,
    pub dates: Vec<DateFact>,
    pub places: Vec<PlaceFact<'g>>,
    pub new_incident: Option<Span>,
    /// "the next day", "la veille", "a week after ...": when, from the
    /// incident told before.
    pub relative: Option<Relative>,
    pub previous: bool,
    pub occurred: bool,
    pub also: bool,
    pub generic: bool,
    pub no_casualty: Option<Span>,
    /// "The toll rose to 11 on Monday": an update on the incident told.
    pub toll_update: bool,
    /// Any outcome word, counted or not.
    pub has_outcome: bool,
    /// A claim or an attribution ("claimed the attack", "blamed").
    pub claim: bool,
    /// Names an armed group and says it attacked, or claims it: a sentence
    /// that tells who did what the sentence before told.
    pub attribution: bool,
}

impl Facts<'_> {
    fn new(span: Span) -> Self {
        Facts {
            span,
            casualties: Vec::new(),
            victims: Vec::new(),
            triggers: Vec::new(),
            anaphoric: false,
            targets: Vec::new(),
            actors: Vec::new(),
            dates: Vec::new(),
            places: Vec::new(),
            new_incident: None,
            relative: None,
            previous: false,
            occurred: false,
            also: false,
            generic: false,
            no_casualty: None,
            toll_update: false,
            has_outcome: false,
            claim: false,
            attribution: false,
        }
    }

    /// Whether this sentence can start an incident on its own.
    pub fn is_anchor(&self) -> bool {
        !self.generic
            && (self.casualties.iter().any(|c| !c.subset)
                || self.no_casualty.is_some()
                || self.triggers.iter().any(|t| !t.2))
    }

    /// Whether this sentence says something about an incident.
    pub fn is_eventful(&self) -> bool {
        !self.generic && (self.is_anchor() || self.has_outcome || self.occurred || self.claim)
    }
}

/// The countries an article names, most mentioned first: by name or
/// demonym, or through a place name found in one country only.
pub struct Context<'g> {
    pub names: Vec<&'g str>,
    /// Per country (same order): its first mention and how many there are.
    pub support: Vec<(Span, usize)>,
    /// The regions (country, admin1) the article's places name without
    /// doubt, to choose among towns of one name in one country ("El
    /// Papayo" in Guerrero, not the one in Oaxaca).
    pub regions: Vec<(&'g str, &'g str)>,
}

impl Context<'_> {
    /// Whether `country` is named by something other than the words at
    /// `span` alone.
    fn supports(&self, country: &str, span: Span) -> bool {
        self.names
            .iter()
            .zip(&self.support)
            .any(|(name, (first, count))| *name == country && (*count > 1 || *first != span))
    }
}

/// What the whole article shares with every sentence.
pub struct Reader<'a> {
    pub text: &'a str,
    /// End of the dateline ("ABUJA, Nigeria (AP) —"), 0 when there is
    /// none: where the story was filed, not where it happened.
    pub dateline: usize,
    pub language: Language,
    pub published: Option<Date>,
    pub gazetteer: &'a Gazetteer,
    pub actors: &'a ActorBook,
}

/// Places of one sentence before the article's countries are known.
pub struct RawPlaces<'g> {
    pub matches: Vec<PlaceMatch>,
    /// Countries named: by name, or by a demonym beside a force ("Nigerien
    /// soldiers", "l'armée malienne").
    pub countries: Vec<(Span, &'g str)>,
}

impl<'a> Reader<'a> {
    /// Place names and country mentions of `sentence` (whose cues are
    /// `cues`), spans on the text.
    pub fn raw_places(&self, sentence: Span, cues: &[(Span, Cue)]) -> RawPlaces<'a> {
        let slice = &self.text[sentence.start..sentence.end];
        let mut matches = self.gazetteer.find_places(slice);
        for m in &mut matches {
            m.span = Span::new(m.span.start + sentence.start, m.span.end + sentence.start);
        }
        let mut countries: Vec<(Span, &'a str)> = matches
            .iter()
            .filter_map(|m| {
                let place = self.gazetteer.place(*m.candidates.first()?);
                (place.kind == PlaceKind::Country).then_some((m.span, place.country))
            })
            .collect();
        for &(force, cue) in cues {
            if !matches!(cue, Cue::Party(Side::Military | Side::Police)) {
                continue;
            }
            for word in [
                word_before(self.text, force.start),
                word_after(self.text, force.end),
            ]
            .into_iter()
            .flatten()
            {
                // Names are place matches already; a two-letter word is
                // an article ("la", "de"), not a country code here.
                if word.len() <= 2 || matches.iter().any(|m| m.span.overlaps(&word)) {
                    continue;
                }
                if let Some(country) = self
                    .gazetteer
                    .country_by_name_or_demonym(&self.text[word.start..word.end])
                {
                    countries.push((word, country.name));
                }
            }
        }
        countries.sort_by_key(|c| c.0.start);
        countries.dedup_by_key(|c| c.0);
        RawPlaces { matches, countries }
    }

    /// Reads one sentence. `cues` and `groups` are the article's matches
    /// that fall inside it; `context` lists the article's countries, most
    /// mentioned first.
    pub fn read(
        &self,
        sentence: Span,
        cues: &[(Span, Cue)],
        groups: &[GroupMention],
        raw: &RawPlaces<'a>,
        context: &Context<'a>,
    ) -> Facts<'a> {
        let words = Words::new(self.text, sentence);
        let slice = &self.text[sentence.start..sentence.end];
        let shift = |s: Span| Span::new(s.start + sentence.start, s.end + sentence.start);
        let quantities: Vec<Quantity> = find_quantities(slice, self.language)
            .into_iter()
            .map(|mut q| {
                q.span = shift(q.span);
                q
            })
            .collect();
        let date_mentions: Vec<DateMention> = dates::find_dates(slice, self.language)
            .into_iter()
            .map(|mut d| {
                d.span = shift(d.span);
                d
            })
            .collect();

        let mut facts = Facts::new(sentence);
        self.read_markers(&words, cues, &mut facts);
        self.read_triggers(&words, cues, &mut facts);
        self.read_casualties(&words, cues, groups, &quantities, &mut facts);
        facts.actors = self.read_actors(&words, cues, groups, raw, &facts.casualties);
        facts.attribution = !groups.is_empty()
            && (facts.claim
                || facts
                    .actors
                    .iter()
                    .any(|m| m.actor == ActorRef::Party(Side::Attackers)));
        self.read_dates(&words, cues, &date_mentions, &mut facts);
        self.read_places(&words, cues, groups, raw, &quantities, context, &mut facts);
        facts
    }

    fn read_markers(&self, words: &Words, cues: &[(Span, Cue)], facts: &mut Facts<'a>) {
        let first_incident = cues
            .iter()
            .find(|(_, c)| matches!(c, Cue::Outcome { .. } | Cue::Event { .. } | Cue::Toll))
            .map(|(s, _)| *s);
        for &(span, cue) in cues {
            match cue {
                Cue::NewIncident | Cue::Sequel(Sequel::Earlier) => facts.new_incident = Some(span),
                Cue::Previous => {
                    facts.new_incident = Some(span);
                    facts.previous = true;
                }
                Cue::DayAfter(days) => {
                    facts.new_incident = Some(span);
                    facts.relative = Some(Relative {
                        span,
                        days: i32::from(days),
                        precision: 1,
                        background: false,
                        same_day: false,
                    });
                }
                Cue::Occurred => facts.occurred = true,
                Cue::Also => facts.also = true,
                Cue::NoCasualty => facts.no_casualty = Some(span),
                Cue::Claim => facts.claim = true,
                Cue::TollUpdate => facts.toll_update = true,
                // A statement about a period ("regularly", "the conflict
                // has killed") when it governs the incident words.
                Cue::Generic | Cue::Aggregate
                    if first_incident.is_none_or(|f| words.gap(f, span) <= 3) =>
                {
                    facts.generic = true;
                }
                // Deaths in an accident, a flood or an epidemic, unless the
                // sentence also names armed violence.
                Cue::NotViolence if !names_violence(cues) => facts.generic = true,
                _ => {}
            }
        }
    }

    fn read_triggers(&self, words: &Words, cues: &[(Span, Cue)], facts: &mut Facts<'a>) {
        for (i, &(span, cue)) in cues.iter().enumerate() {
            match cue {
                Cue::Event { trigger, plural } => {
                    if hypothetical_before(words, &cues[..i], span) {
                        continue;
                    }
                    if !plural && self.has_definite_article(words, span) {
                        facts.anaphoric = true;
                    }
                    facts.triggers.push((span, trigger, plural));
                }
                Cue::Target(side) => facts.targets.push((span, side)),
                _ => {}
            }
        }
    }

    /// "the attack", "this ambush", "l'attaque", "cette embuscade": the
    /// trigger refers to something told before. "The deadliest attack"
    /// is not: a superlative introduces.
    fn has_definite_article(&self, words: &Words, trigger: Span) -> bool {
        let Some(prev) = words.word_before(trigger.start) else {
            return false;
        };
        let word = self.text[prev.start..prev.end].to_lowercase();
        match self.language {
            Language::En => matches!(word.as_str(), "the" | "this" | "that"),
            Language::Fr => matches!(word.as_str(), "l" | "la" | "le" | "cette" | "cet" | "ce"),
        }
    }

    fn read_casualties(
        &self,
        words: &Words,
        cues: &[(Span, Cue)],
        groups: &[GroupMention],
        quantities: &[Quantity],
        facts: &mut Facts<'a>,
    ) {
        // Party nouns, and militias named ("six members of the VDP").
        let mut parties: Vec<(Span, Side)> = cues
            .iter()
            .filter_map(|&(s, c)| match c {
                Cue::Party(side) => Some((s, side)),
                _ => None,
            })
            .chain(
                groups
                    .iter()
                    .filter(|g| self.actors.is_militia(g))
                    .map(|g| (g.span, Side::Militia)),
            )
            .collect();
        parties.sort_by_key(|p| p.0.start);
        // Counts that detail another ("including two children", "dont 18
        // femmes", "five of them soldiers") are never a toll of their own.
        // But "killing 13 of them": the object of a killing verb is the
        // toll, whatever follows it.
        let subset: Vec<bool> = quantities
            .iter()
            .map(|q| {
                let object = cues.iter().any(|&(v, c)| {
                    matches!(
                        c,
                        Cue::Outcome {
                            form: Form::Active,
                            ..
                        }
                    ) && v.end <= q.span.start
                        && words.gap(v, q.span) == 0
                });
                cues.iter().any(|&(inc, c)| {
                    c == Cue::Including
                        && ((inc.end <= q.span.start && words.gap(inc, q.span) <= 1)
                            || (!object && inc.start >= q.span.end && words.gap(q.span, inc) == 0))
                })
            })
            .collect();
        // Taken: linked to an outcome already, or a subset.
        let mut taken = subset.clone();
        for (i, &(span, cue)) in cues.iter().enumerate() {
            let (outcome, form, claimed) = match cue {
                Cue::Outcome {
                    outcome,
                    form,
                    claimed,
                } => (outcome, form, claimed),
                Cue::Toll | Cue::TollUpdate => (Outcome::Killed, Form::Active, false),
                // "the massacre of 69 civilians", "le massacre de 69 civils".
                Cue::Event {
                    trigger: Trigger::Massacre,
                    plural: false,
                } => (Outcome::Killed, Form::Noun, false),
                _ => continue,
            };
            if hypothetical_before(words, &cues[..i], span) {
                continue;
            }
            facts.has_outcome = true;
            let passive = is_passive(words, &cues[..i], quantities, span);
            let claimed = claimed || (!passive && self.claims_own_kills(words, &cues[..i], span));
            let uncertain = claimed && is_uncertain_kill(&self.text[span.start..span.end]);
            // One person named by who they are ("a soldier", "un jeune homme").
            let one_person = |side: Side, party: Span, article: Span| Casualty {
                outcome,
                side,
                count: 1,
                vague: false,
                claimed,
                uncertain,
                subset: false,
                quantity: article,
                word: span,
                party: Some(party),
                update: false,
            };
            let reach_after = if matches!(cue, Cue::Toll | Cue::TollUpdate) {
                8
            } else {
                4
            };
            let found = match form {
                Form::Active => after(words, quantities, &taken, span, reach_after),
                Form::Intransitive => before(words, cues, quantities, &taken, span, 12),
                Form::Noun if matches!(cue, Cue::Event { .. }) => {
                    self.after_of(words, quantities, &taken, span)
                }
                Form::Noun => before(words, cues, quantities, &taken, span, 2)
                    .or_else(|| self.after_of(words, quantities, &taken, span)),
                Form::Participle if passive => before(words, cues, quantities, &taken, span, 16),
                Form::Participle => after(words, quantities, &taken, span, 4)
                    .or_else(|| before(words, cues, quantities, &taken, span, 8)),
            };
            let Some(q) = found else {
                // "the soldiers were killed", "killing villagers"; a noun
                // ("the dead included...") names no victims by itself.
                // "a protester died": the subject of an intransitive verb.
                let subject = passive || form == Form::Intransitive;
                if form != Form::Noun
                    && let Some((side, party)) =
                        victim_without_count(words, &parties, span, subject)
                {
                    facts.victims.push((side, party));
                    // "a soldier was killed", "un manifestant a été tué": one.
                    if let Some(article) = self.article_before_party(party).filter(|w| {
                        let a = &self.text[w.start..w.end];
                        // "the district head", "le chef du village":
                        // one person named by a role.
                        let one_role = matches!(side, Side::Civilians | Side::Protesters)
                            && (["le", "la", "l"].iter().any(|x| a.eq_ignore_ascii_case(x))
                                || (a.eq_ignore_ascii_case("the")
                                    && !self.text[party.start..party.end].ends_with('s')));
                        one_role
                            || ["a", "an", "one", "un", "une"]
                                .iter()
                                .any(|x| a.eq_ignore_ascii_case(x))
                    }) {
                        facts.casualties.push(one_person(side, party, article));
                    }
                }
                continue;
            };
            let listed = self.listed_with(words, cues, quantities, &taken, q);
            // "a farmer and his two sons", "two soldiers and a civilian":
            // one person listed beside the counts.
            let singles = match (listed.first(), listed.last()) {
                (Some(&first), Some(&last)) => {
                    let last_end = party_after(
                        self.text,
                        words,
                        &parties,
                        quantities,
                        quantities[last].span,
                    )
                    .map_or(quantities[last].span.end, |(s, _)| s.end);
                    self.singles_beside(&parties, quantities[first].span.start, last_end)
                }
                _ => Vec::new(),
            };
            let first_new = facts.casualties.len();
            for q in listed {
                taken[q] = true;
                let quantity = quantities[q];
                if quantity.value >= AGGREGATE || self.nationwide_near(words, span) {
                    continue;
                }
                let party = party_after(self.text, words, &parties, quantities, quantity.span);
                let side = match party {
                    Some((_, side)) => side,
                    None => self.unnamed_or_people(words, cues, quantity.span),
                };
                facts.casualties.push(Casualty {
                    outcome,
                    side,
                    count: quantity.value,
                    vague: quantity.vague,
                    claimed: claimed || (side == Side::Attackers && quantity.vague),
                    uncertain,
                    subset: false,
                    quantity: quantity.span,
                    word: span,
                    party: party.map(|(s, _)| s),
                    update: cue == Cue::TollUpdate,
                });
            }
            // Listed with a count of the same side, one more of it ("three
            // women and a man": four civilians); else a side of its own.
            for (side, party, article) in singles {
                match facts.casualties[first_new..]
                    .iter_mut()
                    .find(|c| c.side == side)
                {
                    Some(listed) => listed.count += 1,
                    None => facts.casualties.push(one_person(side, party, article)),
                }
            }
        }
        // Subsets still say who the victims were ("including five soldiers").
        for (q, quantity) in quantities.iter().enumerate() {
            if !subset[q] {
                continue;
            }
            let Some((party, side)) =
                party_after(self.text, words, &parties, quantities, quantity.span)
            else {
                continue;
            };
            let Some(word) = facts
                .casualties
                .iter()
                .rev()
                .find(|c| c.quantity.end <= quantity.span.start)
                .copied()
            else {
                continue;
            };
            facts.casualties.push(Casualty {
                side,
                count: quantity.value,
                vague: quantity.vague,
                subset: true,
                quantity: quantity.span,
                party: Some(party),
                ..word
            });
        }
    }

    /// One person named beside a list of counts that runs from `start` to
    /// `end`: "a farmer and his two sons" (before), "two soldiers and a
    /// civilian" (after). Each as its side, party noun and article.
    fn singles_beside(
        &self,
        parties: &[(Span, Side)],
        start: usize,
        end: usize,
    ) -> Vec<(Side, Span, Span)> {
        const JOINS: [&str; 5] = ["and", "et", ",", ", and", ", et"];
        const POSSESSIVES: [&str; 9] = [
            "his", "her", "their", "its", "son", "sa", "ses", "leur", "leurs",
        ];
        let single = |party: Span| {
            let article = self.article_before_party(party)?;
            let word = &self.text[article.start..article.end];
            ["a", "an", "one", "un", "une"]
                .iter()
                .any(|a| word.eq_ignore_ascii_case(a))
                .then_some(article)
        };
        let mut found = Vec::new();
        // Before: "a farmer and [his] two sons".
        if let Some(&(party, side)) = parties.iter().rev().find(|(p, _)| p.end <= start)
            && let Some(article) = single(party)
        {
            let between = self.text[party.end..start].trim();
            let between = POSSESSIVES
                .iter()
                .find_map(|p| {
                    between
                        .strip_suffix(p)
                        .filter(|rest| rest.ends_with(' '))
                        .map(str::trim_end)
                })
                .unwrap_or(between);
            if JOINS.contains(&between) {
                found.push((side, party, article));
            }
        }
        // After: "two soldiers and a civilian".
        if let Some(&(party, side)) = parties.iter().find(|(p, _)| p.start >= end)
            && let Some(article) = single(party)
            && article.start >= end
            && JOINS.contains(&self.text[end..article.start].trim())
        {
            found.push((side, party, article));
        }
        found
    }

    /// Whether the outcome word at `word` is said of a whole country or of
    /// many places: a phrase of [`NATIONWIDE`] within six words of it.
    fn nationwide_near(&self, words: &Words, word: Span) -> bool {
        static MATCHER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let matcher = MATCHER.get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(NATIONWIDE)
                .expect("a few short phrases build an automaton")
        });
        let (Some(first), Some(last)) = (words.spans.first(), words.spans.last()) else {
            return false;
        };
        let sentence = &self.text[first.start..last.end];
        matcher.find_iter(sentence).any(|found| {
            let phrase = Span::new(first.start + found.start(), first.start + found.end());
            let gap = if phrase.start >= word.end {
                words.gap(word, phrase)
            } else {
                words.gap(phrase, word)
            };
            gap <= 6
        })
    }

    /// The word before a party noun past up to two modifiers: adjectives
    /// ("un jeune manifestant"), a nationality ("a Colombian police
    /// officer"), an age ("a 45-year-old man"). The caller checks that it
    /// is an article.
    fn article_before_party(&self, party: Span) -> Option<Span> {
        let mut at = party.start;
        for _ in 0..3 {
            // A hyphenated compound is one word here ("45-year-old").
            let head = self.text[..at].trim_end_matches(' ');
            let start = head
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let w = match start < head.len() && head[start..].contains('-') {
                true => Span::new(start, head.len()),
                false => word_before(self.text, at)?,
            };
            let word = &self.text[w.start..w.end];
            let article = ["a", "an", "one", "un", "une", "the", "le", "la", "l"]
                .iter()
                .any(|a| word.eq_ignore_ascii_case(a));
            // Only letters and hyphens, or an age ("45-year-old"); not a
            // word of a phrase that counts ("une douzaine de", "a few").
            const NOT_MODIFIERS: [&str; 16] = [
                "de", "d", "du", "des", "of", "and", "et", "or", "ou", "dozen", "few", "couple",
                "handful", "number", "score", "douzaine",
            ];
            let modifier = (word.contains('-')
                || word.chars().all(|c| c.is_alphabetic() || c == '\''))
                && !NOT_MODIFIERS.iter().any(|n| word.eq_ignore_ascii_case(n));
            if article || !modifier {
                return Some(w);
            }
            at = w.start;
        }
        None
    }

    /// Who a count with no party noun counts: "five officers" are a group
    /// of their own (added to the others), "12 were killed", "12 dead",
    /// "12 people" are everyone (a total the sides may detail).
    fn unnamed_or_people(&self, words: &Words, cues: &[(Span, Cue)], quantity: Span) -> Side {
        let Some(next) = words.first_after(quantity.end) else {
            return Side::People;
        };
        let word = &self.text[next.start..next.end];
        let adjacent = self.text[quantity.end..next.start].trim().is_empty();
        let covered = cues.iter().any(|(c, _)| c.overlaps(&next));
        let letters = word.chars().all(char::is_alphabetic);
        let filler = COUNT_FILLERS.iter().any(|f| word.eq_ignore_ascii_case(f));
        if adjacent && letters && !covered && !filler {
            Side::Unnamed
        } else {
            Side::People
        }
    }

    /// "the army said Friday it had killed 40 terrorists", "l'armée a
    /// annoncé avoir neutralisé une trentaine de terroristes": a party's
    /// statement about the enemies it killed, a one-sided claim.
    fn claims_own_kills(&self, words: &Words, before: &[(Span, Cue)], word: Span) -> bool {
        before.iter().rev().take(6).any(|&(s, c)| {
            c == Cue::Reporting && words.gap(s, word) <= 4 && {
                self.text[s.end..word.start]
                    .split(|ch: char| !ch.is_alphanumeric())
                    .any(|w| matches!(w, "it" | "they" | "avoir" | "we" | "nous"))
            }
        })
    }

    /// The count at `q` and those listed with it: "15 soldiers and three
    /// militiamen", "14 soldats et 32 assaillants".
    fn listed_with(
        &self,
        words: &Words,
        cues: &[(Span, Cue)],
        quantities: &[Quantity],
        taken: &[bool],
        q: usize,
    ) -> Vec<usize> {
        let listed = |a: usize, b: usize| {
            let (first, second) = (quantities[a].span, quantities[b].span);
            let between = &self.text[first.end..second.start];
            let joined = between.contains(" and ")
                || between.contains(" et ")
                || between.contains(" as well as ")
                || between.contains(" ainsi que ")
                || between.trim_start().starts_with(',');
            let interrupted = cues.iter().any(|&(s, c)| {
                s.start >= first.end
                    && s.end <= second.start
                    && matches!(
                        c,
                        Cue::Outcome { .. } | Cue::Agent | Cue::Including | Cue::Toll
                    )
            });
            // Only the first count's people and the conjunction between:
            // "15 soldiers and three", not "five officers and freeing several".
            let party_words = cues
                .iter()
                .filter(|&&(s, c)| {
                    matches!(c, Cue::Party(_)) && s.start >= first.end && s.end <= second.start
                })
                .map(|&(s, _)| &self.text[s.start..s.end])
                .collect::<Vec<_>>()
                .join(" ");
            let foreign = between
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .any(|w| {
                    !party_words.split(' ').any(|p| p == w)
                        && !LIST_WORDS.iter().any(|l| w.eq_ignore_ascii_case(l))
                });
            !taken[a]
                && !taken[b]
                && joined
                && !interrupted
                && !foreign
                && words.gap(first, second) <= 6
        };
        let mut out = vec![q];
        let mut at = q;
        while at > 0 && listed(at - 1, at) {
            at -= 1;
            out.push(at);
        }
        let mut at = q;
        while at + 1 < quantities.len() && listed(at, at + 1) {
            at += 1;
            out.push(at);
        }
        out.sort_unstable();
        out
    }

    /// "the deaths of 17 soldiers", "la mort de 12 soldats".
    fn after_of(
        &self,
        words: &Words,
        quantities: &[Quantity],
        used: &[bool],
        noun: Span,
    ) -> Option<usize> {
        let rest = self.text[noun.end..].trim_start();
        let of = ["of ", "de ", "d'", "d’", "des "].iter().any(|p| {
            // Bytes, not a str slice: `p.len()` may fall inside a
            // character of `rest` ("après" against "d’").
            rest.as_bytes()
                .get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        });
        if !of {
            return None;
        }
        after(words, quantities, used, noun, 2)
    }

    fn read_actors(
        &self,
        words: &Words,
        cues: &[(Span, Cue)],
        groups: &[GroupMention],
        raw: &RawPlaces<'a>,
        casualties: &[Casualty],
    ) -> Vec<ActorMention<'a>> {
        let mut mentions: Vec<ActorMention<'a>> = Vec::new();
        for &(span, cue) in cues {
            if let Cue::Party(side) = cue {
                let country = if matches!(side, Side::Military | Side::Police) {
                    self.force_country(words, raw, span)
                } else {
                    None
                };
                mentions.push(ActorMention {
                    span,
                    actor: ActorRef::Party(side),
                    country,
                    agent: false,
                });
            }
        }
        for g in groups {
            mentions.push(ActorMention {
                span: g.span,
                actor: ActorRef::Group(*g),
                country: None,
                agent: false,
            });
        }
        mentions.sort_by_key(|m| m.span.start);
        // Agents: after "by"/"par", next to a claim of responsibility, or
        // the subject of an active killing verb.
        for &(span, cue) in cues {
            match cue {
                Cue::Agent if after_incident_word(words, cues, span) => {
                    if let Some(m) = mentions
                        .iter_mut()
                        .find(|m| m.span.start >= span.end && words.gap(span, m.span) <= 3)
                    {
                        m.agent = true;
                    }
                }
                Cue::Claim => {
                    if let Some(m) = mentions.iter_mut().find(|m| {
                        matches!(m.actor, ActorRef::Group(_))
                            && (words.gap(span, m.span) <= 4 || words.gap(m.span, span) <= 4)
                    }) {
                        m.agent = true;
                    }
                }
                Cue::Outcome { form, .. }
                    if form == Form::Active
                        || (form == Form::Participle
                            && casualties
                                .iter()
                                .any(|c| c.word == span && c.quantity.start >= span.end)) =>
                {
                    // The subject: every actor named in the words before
                    // the verb, back to the previous incident word
                    // ("Malian troops and Russian mercenaries killed").
                    let clause_start = cues
                        .iter()
                        .filter(|(s, c)| s.end <= span.start && matches!(c, Cue::Outcome { .. }))
                        .map(|(s, _)| s.end)
                        .max()
                        .unwrap_or(0);
                    // "Fighting between the army and M23 killed 15": the
                    // subject is the event; the actors named in it are not
                    // agents.
                    let first_actor = mentions
                        .iter()
                        .filter(|m| m.span.start >= clause_start && m.span.end <= span.start)
                        .map(|m| m.span.start)
                        .min()
                        .unwrap_or(span.start);
                    let event_subject = cues.iter().any(|&(s, c)| {
                        matches!(c, Cue::Event { .. })
                            && s.start >= clause_start
                            && s.end <= first_actor
                    });
                    for m in mentions.iter_mut().filter(|m| {
                        !event_subject
                            && m.span.start >= clause_start
                            && m.span.end <= span.start
                            && words.gap(m.span, span) <= 8
                    }) {
                        m.agent = true;
                    }
                }
                _ => {}
            }
        }
        mentions
    }

    /// The country of a force from a demonym or a country name beside it:
    /// "Nigerien soldiers", "l'armée nigérienne", "Niger's army",
    /// "l'armée du Niger".
    fn force_country(&self, words: &Words, raw: &RawPlaces<'a>, force: Span) -> Option<&'a str> {
        raw.countries
            .iter()
            .filter(|(c, _)| {
                let before = c.end <= force.start && words.gap(*c, force) <= 1;
                let after = c.start >= force.end && words.gap(force, *c) <= 2;
                before || after
            })
            .min_by_key(|(c, _)| {
                if c.end <= force.start {
                    force.start - c.end
                } else {
                    c.start - force.end
                }
            })
            .map(|(_, name)| *name)
    }

    fn read_dates(
        &self,
        words: &Words,
        cues: &[(Span, Cue)],
        mentions: &[DateMention],
        facts: &mut Facts<'a>,
    ) {
        for (i, mention) in mentions.iter().enumerate() {
            // "overnight on Friday": the vaguer first word gives way.
            let refined = mentions.get(i + 1).is_some_and(|next| {
                matches!(mention.expr, dates::DateExpr::DaysAgo(_))
                    && next.span.start >= mention.span.end
                    && words.gap(mention.span, next.span) <= 1
            });
            if refined {
                continue;
            }
            let Some(resolved) = dates::resolve(&mention.expr, self.published) else {
                continue;
            };
            if self.published.is_some_and(|p| resolved.date > p) {
                continue;
            }
            if self.follows_since(mention.span) || self.in_since_clause(cues, mention.span) {
                continue;
            }
            // "on Wednesday said", "said on Wednesday", "a annoncé mardi";
            // not "on Tuesday, said police": a comma closes the clause.
            let report = mention.span.end <= self.dateline
                || cues.iter().any(|&(_, c)| c == Cue::TollUpdate)
                || cues.iter().any(|&(s, c)| {
                    c == Cue::Reporting
                        && ((s.start >= mention.span.end
                            && words.gap(mention.span, s) == 0
                            && !self.text[mention.span.end..s.start].contains(','))
                            || (s.end <= mention.span.start
                                && words.gap(s, mention.span) <= 1
                                && !self.text[s.end..mention.span.start].contains(',')))
                });
            let near_incident = cues.iter().any(|&(s, c)| {
                matches!(
                    c,
                    Cue::Outcome { .. } | Cue::Event { .. } | Cue::Toll | Cue::Occurred
                ) && (words.gap(s, mention.span) <= 6 && s.end <= mention.span.start
                    || words.gap(mention.span, s) <= 6 && mention.span.end <= s.start)
            });
            let role = if report {
                DateRole::Report
            } else if near_incident {
                DateRole::Event
            } else {
                DateRole::Loose
            };
            facts.dates.push(DateFact {
                span: mention.span,
                date: resolved.date,
                precision: resolved.precision,
                role,
            });
        }
    }

    /// "the deadliest attack since the coup at the end of July", "depuis
    /// que l'armée a pris le pouvoir en juillet": a date in a clause opened
    /// by "since" after the incident's words dates something else.
    fn in_since_clause(&self, cues: &[(Span, Cue)], date: Span) -> bool {
        let Some(incident) = cues
            .iter()
            .find(|(_, c)| matches!(c, Cue::Outcome { .. } | Cue::Event { .. } | Cue::Toll))
            .map(|(s, _)| *s)
        else {
            return false;
        };
        if incident.end > date.start {
            return false;
        }
        self.text[incident.end..date.start]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("since") || w.eq_ignore_ascii_case("depuis"))
    }

    /// A date after "since", "depuis", "until" frames a period.
    fn follows_since(&self, date: Span) -> bool {
        const FRAMING: [&str; 6] = ["since", "depuis", "until", "jusqu", "before", "avant"];
        let head = &self.text[date.start..date.end];
        let starts_framed = FRAMING.iter().any(|f| {
            head.get(..f.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(f))
        });
        let before = word_before(self.text, date.start).map(|w| &self.text[w.start..w.end]);
        starts_framed || before.is_some_and(|w| FRAMING.iter().any(|f| w.eq_ignore_ascii_case(f)))
    }

    #[allow(clippy::too_many_arguments)]
    fn read_places(
        &self,
        words: &Words,
        cues: &[(Span, Cue)],
        groups: &[GroupMention],
        raw: &RawPlaces<'a>,
        quantities: &[Quantity],
        context: &Context<'a>,
        facts: &mut Facts<'a>,
    ) {
        let introduced = self.introduced_names(words, cues);
        let unknown = self.names_after_prepositions(words, cues);
        for m in &raw.matches {
            // "the Islamic State in the Sahel" names a group; a dateline
            // names where the story was filed.
            if m.span.end <= self.dateline
                || self.is_destination(words, cues, m.span)
                || self.is_person(words, cues, m.span)
                || groups.iter().any(|g| g.span.overlaps(&m.span))
            {
                continue;
            }
            let area_word = self.names_an_area(words, cues, m.span);
            let locative = area_word.is_some() || self.after_locative(words, cues, m.span);
            // "Moussa Diallo", "Hassan Ali said": a name followed by
            // another is a person's, unless the text says it is a place.
            if !locative && self.followed_by_name(words, cues, raw, m.span) {
                continue;
            }
            let place = if context.names.is_empty() {
                // Nothing tells which country: only a name that cannot be
                // another place is trusted, and a town only where the text
                // says it is one ("in X", "near X", "the village of X").
                match m.candidates.as_slice() {
                    [only] => Some(self.gazetteer.place(*only))
                        .filter(|p| p.kind == PlaceKind::Country || locative),
                    _ => None,
                }
            } else {
                self.gazetteer.resolve(m, &context.names).map(|chosen| {
                    // Of towns with this name in the country, the one in a
                    // region the article names.
                    let named = |p: &crate::gazetteer::Place<'_>| {
                        context.regions.contains(&(p.country, p.admin1))
                    };
                    if chosen.kind != PlaceKind::Town || named(&chosen) {
                        return chosen;
                    }
                    (m.candidates.iter())
                        .map(|&id| self.gazetteer.place(id))
                        .find(|p| {
                            p.kind == PlaceKind::Town && p.country == chosen.country && named(p)
                        })
                        .unwrap_or(chosen)
                })
            };
            let Some(mut place) = place else { continue };
            let weak = context.names.is_empty() && place.kind != PlaceKind::Country;
            let area = area_word.is_some();
            if area {
                // "Kaduna state", "la région de Tahoua": the region of that
                // name in the same country, if there is one.
                if let Some(region) = m
                    .candidates
                    .iter()
                    .map(|&id| self.gazetteer.place(id))
                    .find(|p| p.kind == PlaceKind::Region && p.country == place.country)
                {
                    place = region;
                }
            }
            // A village the text introduces, known only in a country
            // nothing else in the article names, is another village.
            if introduced.iter().any(|s| s.overlaps(&m.span))
                && !context.supports(place.country, m.span)
            {
                continue;
            }
            let modifier = modifier_before(words, cues, quantities, self.text, m.span);
            // "near the Mali border", "la frontière avec le Mali", "du
            // Burkina Faso et du Niger voisins".
            // A country listed after a neighbour is one too: "à la frontière
            // avec le Burkina Faso et le Niger".
            let listed_after_border = facts.places.last().is_some_and(|last| {
                last.border
                    && last.span.end <= m.span.start
                    && self.text[last.span.end..m.span.start]
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .all(|w| {
                            [
                                "and", "the", "et", "le", "la", "les", "l", "du", "de", "des",
                            ]
                            .iter()
                            .any(|x| w.eq_ignore_ascii_case(x))
                        })
            });
            let border = place.kind == PlaceKind::Country
                && (listed_after_border
                    || cues.iter().any(|&(s, c)| {
                        c == Cue::Border
                            && ((s.start >= m.span.end && words.gap(m.span, s) <= 4)
                                || (s.end <= m.span.start && words.gap(s, m.span) <= 3))
                    }));
            // "the Tera department", "Beni territory": a district named
            // after its seat is the seat, approximately.
            let district = area && place.kind == PlaceKind::Town;
            let modifier = match (district, area_word) {
                (true, Some(word)) => Modifier::Near(word),
                _ => modifier,
            };
            facts.places.push(PlaceFact {
                span: m.span,
                place: Some(place),
                modifier,
                border,
                area: false,
                introduced: introduced.iter().any(|s| s.overlaps(&m.span)),
                district,
                weak,
            });
        }
        self.regions_before_area_words(words, cues, context, facts);
        // A village the text introduces as one but the gazetteer does not
        // know (or knows only elsewhere): its name, without coordinates.
        for (span, strong) in introduced
            .iter()
            .map(|&s| (s, true))
            .chain(unknown.iter().map(|&s| (s, false)))
        {
            if facts.places.iter().any(|p| p.span.overlaps(&span))
                || groups.iter().any(|g| g.span.overlaps(&span))
                || self.is_destination(words, cues, span)
                || self.is_person(words, cues, span)
            {
                continue;
            }
            let modifier = modifier_before(words, cues, quantities, self.text, span);
            facts.places.push(PlaceFact {
                span,
                place: None,
                modifier,
                border: false,
                area: false,
                introduced: strong,
                district: false,
                weak: false,
            });
        }
        facts.places.sort_by_key(|p| p.span.start);
    }

    /// "Borno state", "Cabo Delgado province": a region named before an
    /// area word, which the place matcher may miss when the gazetteer's
    /// own name is "Borno State"; looked up by name.
    fn regions_before_area_words(
        &self,
        words: &Words,
        cues: &[(Span, Cue)],
        context: &Context<'a>,
        facts: &mut Facts<'a>,
    ) {
        if self.language != Language::En {
            return;
        }
        for &(area, cue) in cues {
            if cue != Cue::Area
                || facts
                    .places
                    .iter()
                    .any(|p| p.span.end <= area.start && words.gap(p.span, area) == 0)
            {
                continue;
            }
            let Some(last) = word_before(self.text, area.start) else {
                continue;
            };
            let two = word_before(self.text, last.start).map(|w| Span::new(w.start, last.end));
            for span in two.into_iter().chain([last]) {
                let name = &self.text[span.start..span.end];
                let capitalised = name
                    .split(' ')
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase));
                if !capitalised {
                    continue;
                }
                let region = self.gazetteer.lookup(name).into_iter().find(|p| {
                    p.kind == PlaceKind::Region
                        && (context.names.is_empty() || context.names.contains(&p.country))
                });
                if let Some(place) = region {
                    facts.places.push(PlaceFact {
                        span,
                        place: Some(place),
                        modifier: Modifier::At,
                        border: false,
                        area: false,
                        introduced: false,
                        district: false,
                        weak: false,
                    });
                    break;
                }
            }
        }
    }

    /// "Kaduna state", "Beni territory", "la province du Lac", "le cercle
    /// de Douentza": the name stands for an administrative area.
    fn names_an_area(&self, words: &Words, cues: &[(Span, Cue)], name: Span) -> Option<Span> {
        cues.iter()
            .find(|&&(s, c)| {
                c == Cue::Area
                    && ((s.start >= name.end
                        && words.gap(name, s) == 0
                        && self.language == Language::En)
                        || (s.end <= name.start && words.gap(s, name) == 0))
            })
            .map(|&(s, _)| s)
    }

    /// Whether a place name stands where the text says a place: after "in",
    /// "near", "à", "près de", "the village of", "N km from".
    fn after_locative(&self, words: &Words, cues: &[(Span, Cue)], name: Span) -> bool {
        let cue = cues.iter().any(|&(s, c)| {
            matches!(
                c,
                Cue::Near | Cue::Distance | Cue::Introducer | Cue::Area | Cue::Target(_)
            ) && s.end <= name.start
                && words.gap(s, name) == 0
        });
        cue || words.word_before(name.start).is_some_and(|w| {
            let word = self.text[w.start..w.end].to_lowercase();
            LOCATIVES.contains(&word.as_str())
        })
    }

    /// Whether the name at `name` is followed, on the same line, by a
    /// capitalised word that is neither a place, a word the lists know,
    /// nor a month or weekday: "Moussa Diallo", "Hassan Ali".
    fn followed_by_name(
        &self,
        words: &Words,
        cues: &[(Span, Cue)],
        raw: &RawPlaces<'_>,
        name: Span,
    ) -> bool {
        let Some(next) = words.first_after(name.end) else {
            return false;
        };
        let word = &self.text[next.start..next.end];
        self.text[name.end..next.start] == *" "
            && word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().any(char::is_lowercase)
            && !cues.iter().any(|(c, _)| c.overlaps(&next))
            && !raw.matches.iter().any(|m| m.span.overlaps(&next))
            && !NOT_PLACES.iter().any(|n| word.eq_ignore_ascii_case(n))
    }

    /// "evacuated to Ouallam", "ont fui vers Bunia", "taken to hospital in
    /// Malindi", "soignés à l'hôpital de Mopti": where people went, not
    /// where it happened (but "attacked a hospital in Goma" is).
    fn is_destination(&self, words: &Words, cues: &[(Span, Cue)], name: Span) -> bool {
        cues.iter().any(|&(s, c)| {
            let cared = c == Cue::Hospital && {
                let mut before = words.word_before(s.start);
                // "to a hospital", "à l'hôpital", "to the main hospital".
                for _ in 0..2 {
                    match before.map(|w| self.text[w.start..w.end].to_lowercase()) {
                        Some(w) if CARE_SKIPPED.contains(&w.as_str()) => {
                            before = before.and_then(|b| words.word_before(b.start));
                        }
                        _ => break,
                    }
                }
                before.is_some_and(|w| {
                    let w = self.text[w.start..w.end].to_lowercase();
                    CARE_PREPOSITIONS.contains(&w.as_str())
                })
            };
            (c == Cue::Destination || cared) && s.end <= name.start && words.gap(s, name) <= 1
        })
    }

    /// "Captain Abdi Ali", "spokesman Mansir Hassan", "M. Bazoum": a name
    /// after a title is a person, even when a town bears it.
    fn is_person(&self, words: &Words, cues: &[(Span, Cue)], name: Span) -> bool {
        cues.iter().any(|&(t, c)| {
            c == Cue::Title && t.end <= name.start && words.gap(t, name) <= 2 && {
                let between = &self.text[t.end..name.start];
                between
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            }
        })
    }

    /// Names right after "the village of", "la localité de" and the like,
    /// and capitalised words after "in", "near", "à", "près de" that no
    /// list knows: villages the gazetteer lacks ("its base in Boulkessi",
    /// "près de Fataki").
    fn introduced_names(&self, words: &Words, cues: &[(Span, Cue)]) -> Vec<Span> {
        let mut names: Vec<Span> = Vec::new();
        names.extend(
            cues.iter()
                .filter(|(_, c)| *c == Cue::Introducer)
                .filter_map(|&(intro, _)| {
                    let next = words.first_after(intro.end)?;
                    if words.gap(intro, next) > 0 {
                        return None;
                    }
                    let rest = &self.text[next.start..];
                    let len = proper_name(rest);
                    (len > 0).then(|| Span::new(next.start, next.start + len))
                }),
        );
        names.sort_by_key(|s| s.start);
        names.dedup();
        names
    }

    fn names_after_prepositions(&self, words: &Words, cues: &[(Span, Cue)]) -> Vec<Span> {
        let prepositions: &[&str] = match self.language {
            Language::En => &["in", "at", "near", "outside"],
            Language::Fr => &["à", "près de", "près d", "non loin de"],
        };
        let mut found = Vec::new();
        for (i, w) in words.spans.iter().enumerate() {
            let word = &self.text[w.start..w.end];
            let Some(next) = words.spans.get(i + 1) else {
                break;
            };
            let preposition = prepositions.iter().any(|p| {
                if let Some((first, second)) = p.split_once(' ') {
                    word.eq_ignore_ascii_case(second)
                        && i > 0
                        && self.text[words.spans[i - 1].start..words.spans[i - 1].end]
                            .eq_ignore_ascii_case(first)
                } else {
                    word.eq_ignore_ascii_case(p)
                }
            });
            let joined = self.text[w.end..next.start]
                .trim_matches(['\'', '’'])
                .trim()
                .is_empty();
            if !preposition || !joined {
                continue;
            }
            let len = proper_name(&self.text[next.start..]);
            if len == 0 {
                continue;
            }
            let span = Span::new(next.start, next.start + len);
            let name = &self.text[span.start..span.end];
            let known = cues.iter().any(|(c, _)| c.overlaps(&span))
                || NOT_PLACES.iter().any(|n| name.eq_ignore_ascii_case(n))
                || name.chars().all(|c| !c.is_lowercase());
            if !known {
                found.push(span);
            }
        }
        found
    }
}

/// The word (letters and digits) ending right before byte `at`, across
/// spaces and apostrophes.
fn word_before(text: &str, at: usize) -> Option<Span> {
    let head = text[..at].trim_end_matches([' ', '\'', '’']);
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < head.len()).then(|| Span::new(start, head.len()))
}

/// The word starting right after byte `at`, across spaces.
fn word_after(text: &str, at: usize) -> Option<Span> {
    let tail = &text[at..];
    let start = at + (tail.len() - tail.trim_start_matches(' ').len());
    let len = text[start..]
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len() - start);
    (len > 0).then(|| Span::new(start, start + len))
}

/// Words between a preposition and "hospital" ("to a hospital", "à
/// l'hôpital", "to the main hospital").
const CARE_SKIPPED: &[&str] = &[
    "a", "an", "the", "main", "local", "nearby", "general", "l", "le", "la", "un", "une",
];

/// Prepositions that make a hospital where people were taken or treated.
const CARE_PREPOSITIONS: &[&str] = &[
    "to", "at", "in", "into", "à", "au", "aux", "vers", "dans", "en",
];

/// Words right before a place name that say it is one.
const LOCATIVES: &[&str] = &[
    "in", "at", "near", "outside", "around", "from", "on", "of", "into", "across", "à", "dans",
    "de", "d", "du", "des", "près", "sur", "contre", "au", "aux", "en", "entre", "between",
];

/// Capitalised words that follow "in" or "à" without being places.
const NOT_PLACES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "Le",
    "La",
    "Les",
    "Un",
    "Une",
    "Ce",
    "Cette",
    "Ces",
    "Son",
    "Sa",
    "Ses",
    "Leur",
    "Leurs",
    "Janvier",
    "Février",
    "Mars",
    "Avril",
    "Mai",
    "Juin",
    "Juillet",
    "Août",
    "Septembre",
    "Octobre",
    "Novembre",
    "Décembre",
    "English",
    "French",
    "Arabic",
    "Reuters",
    "Twitter",
    "Facebook",
    "Telegram",
];

/// Length in bytes of the capitalised name at the start of `text`: one or
/// two capitalised words ("Koutougou", "Bani Bangou").
fn proper_name(text: &str) -> usize {
    // A name ends at a line break ("near Boni.\nIn another attack"); it
    // is read within its first 200 bytes, however long the line.
    let mut bound = text.len().min(200);
    while !text.is_char_boundary(bound) {
        bound -= 1;
    }
    let line = text[..bound].split(['\n', '\r']).next().unwrap_or("");
    let mut end = 0;
    for (n, word) in line.split(' ').take(2).enumerate() {
        let clean: &str = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let capital = clean.chars().next().is_some_and(char::is_uppercase);
        let letters = clean
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
        if !capital || !letters || clean.chars().count() < 3 {
            break;
        }
        end = if n == 0 {
            clean.len()
        } else {
            end + 1 + clean.len()
        };
        if clean.len() != word.len() {
            break;
        }
    }
    end
}

/// How the place at `place` is said: after "near"/"près de" (with "the town
/// of" and the like between), or after "N km from"/"à N km de".
fn modifier_before(
    words: &Words,
    cues: &[(Span, Cue)],
    quantities: &[Quantity],
    text: &str,
    place: Span,
) -> Modifier {
    for &(span, cue) in cues.iter().rev() {
        if span.end > place.start {
            continue;
        }
        let gap = words.gap(span, place);
        match cue {
            // "près de 30 soldats" is a count's qualifier, not a place.
            Cue::Near if gap <= 4 && !quantities.iter().any(|q| q.span.overlaps(&span)) => {
                return Modifier::Near(span);
            }
            Cue::Distance if gap <= 4 => {
                let between = text[span.end..place.start].to_lowercase();
                let from = between.contains("from")
                    || between.contains("de ")
                    || between.contains("du ")
                    || between.contains("d'")
                    || between.contains("d’")
                    || between.contains("of ");
                if from {
                    return Modifier::Distance(span);
                }
            }
            _ => {}
        }
        if gap > 4 {
            break;
        }
    }
    Modifier::At
}

/// Whether the cues name armed violence or unrest (a trigger other than a
/// bare explosion, or an armed party).
fn names_violence(cues: &[(Span, Cue)]) -> bool {
    cues.iter().any(|(_, c)| match c {
        Cue::Event { trigger, .. } => *trigger != Trigger::Explosion,
        Cue::Party(side) => side.is_armed(),
        _ => false,
    })
}

/// Whether `span` ("by", "par") follows an outcome or a trigger closely:
/// "killed by", "an ambush by insurgents", "attaque perpétrée par".
fn after_incident_word(words: &Words, cues: &[(Span, Cue)], span: Span) -> bool {
    cues.iter().any(|&(s, c)| {
        matches!(c, Cue::Outcome { .. } | Cue::Event { .. } | Cue::Occurred)
            && s.end <= span.start
            && words.gap(s, span) <= 3
    })
}

/// Whether "will", "could", "threatened to" stands right before `span`.
fn hypothetical_before(words: &Words, before: &[(Span, Cue)], span: Span) -> bool {
    before
        .iter()
        .rev()
        .take(3)
        .any(|&(s, c)| c == Cue::Hypothetical && words.gap(s, span) <= 2)
}

/// A participle is passive after an auxiliary ("were killed", "ont été
/// tués") or right after its count ("17 killed", "12 soldats tués").
fn is_passive(words: &Words, before: &[(Span, Cue)], quantities: &[Quantity], word: Span) -> bool {
    let auxiliary = before
        .iter()
        .rev()
        .take(4)
        .any(|&(s, c)| c == Cue::Auxiliary && words.gap(s, word) <= 2);
    let counted = quantities
        .iter()
        .any(|q| q.span.end <= word.start && words.gap(q.span, word) <= 2);
    auxiliary || counted
}

/// The nearest count not taken ending before `word`, at most `reach`
/// words away, stopping at another outcome or an agent ("by").
fn before(
    words: &Words,
    cues: &[(Span, Cue)],
    quantities: &[Quantity],
    used: &[bool],
    word: Span,
    reach: usize,
) -> Option<usize> {
    let barrier = cues
        .iter()
        .filter(|(s, c)| s.end <= word.start && matches!(c, Cue::Outcome { .. } | Cue::Agent))
        .map(|(s, _)| s.end)
        .max()
        .unwrap_or(0);
    quantities
        .iter()
        .enumerate()
        .rev()
        .filter(|(i, q)| !used[*i] && q.span.end <= word.start && q.span.start >= barrier)
        .find(|(_, q)| words.gap(q.span, word) <= reach)
        .map(|(i, _)| i)
}

/// The nearest count not taken starting after `word`, at most `reach`
/// words on.
fn after(
    words: &Words,
    quantities: &[Quantity],
    used: &[bool],
    word: Span,
    reach: usize,
) -> Option<usize> {
    quantities
        .iter()
        .enumerate()
        .filter(|(i, q)| !used[*i] && q.span.start >= word.end)
        .find(|(_, q)| words.gap(word, q.span) <= reach)
        .map(|(i, _)| i)
}

/// Who a count counts: the party noun right after it ("17 of its
/// soldiers", "des dizaines de civils", "three members of a pro-army
/// militia"), before any other count.
fn party_after(
    text: &str,
    words: &Words,
    parties: &[(Span, Side)],
    quantities: &[Quantity],
    quantity: Span,
) -> Option<(Span, Side)> {
    let next_count = quantities
        .iter()
        .map(|q| q.span.start)
        .find(|&s| s >= quantity.end)
        .unwrap_or(usize::MAX);
    let first = parties
        .iter()
        .position(|(p, _)| p.start >= quantity.end && p.start < next_count)?;
    // "pro-army militia", "army detachment": the last noun is the head.
    let mut head = first;
    while head + 1 < parties.len() && words.gap(parties[head].0, parties[head + 1].0) == 0 {
        head += 1;
    }
    Some(parties[first])
        .filter(|(p, _)| !text[quantity.end..p.start].contains([',', ';', ':', '(', ')']))
        .filter(|(p, _)| {
            let gap = words.gap(quantity, *p);
            let members = words.first_after(quantity.end).is_some_and(|w| {
                MEMBERS
                    .iter()
                    .any(|m| text[w.start..w.end].eq_ignore_ascii_case(m))
            });
            gap <= 3 || (gap <= 5 && members)
        })
        .map(|_| parties[head])
}

/// Words that may stand between two counts of one list.
const LIST_WORDS: &[&str] = &[
    "and", "as", "well", "et", "ainsi", "que", "of", "de", "des", "d", "the", "les", "their",
    "its", "leurs", "ses", "other", "others", "autres", "members", "membres", "a", "an", "un",
    "une", "pro",
];

/// Words after a count that do not name who was counted.
const COUNT_FILLERS: &[&str] = &[
    "and",
    "or",
    "of",
    "others",
    "other",
    "more",
    "people",
    "persons",
    "were",
    "was",
    "have",
    "had",
    "are",
    "in",
    "on",
    "at",
    "when",
    "after",
    "as",
    "et",
    "ou",
    "de",
    "des",
    "du",
    "d",
    "autres",
    "personnes",
    "ont",
    "sont",
    "dans",
    "lors",
    "à",
    "au",
    "en",
    "par",
    "the",
    "les",
];

/// "members of", "membres de": a count of a group's members.
const MEMBERS: &[&str] = &["members", "membres", "elements", "éléments"];

/// "the soldiers were killed", "killing soldiers": a side with no count.
fn victim_without_count(
    words: &Words,
    parties: &[(Span, Side)],
    word: Span,
    passive: bool,
) -> Option<(Side, Span)> {
    if passive {
        parties
            .iter()
            .rev()
            .find(|(p, _)| p.end <= word.start && words.gap(*p, word) <= 3)
    } else {
        parties
            .iter()
            .find(|(p, _)| p.start >= word.end && words.gap(word, *p) <= 2)
    }
    .map(|&(span, side)| (side, span))
}

/// Whether an outcome word leaves open that the enemy survived:
/// "neutralised" and "eliminated" (and the French "neutralisés",
/// "éliminés") are used for the killed and the captured alike.
fn is_uncertain_kill(word: &str) -> bool {
    let word = word.to_lowercase();
    ["neutralis", "neutraliz", "eliminat", "élimin"]
        .iter()
        .any(|stem| word.starts_with(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_count_words_between() {
        let text = "Gunmen killed at least 12 villagers.";
        let words = Words::new(text, Span::new(0, text.len()));
        assert_eq!(words.gap(Span::new(0, 6), Span::new(7, 13)), 0);
        assert_eq!(words.gap(Span::new(7, 13), Span::new(26, 35)), 3);
        assert_eq!(words.word_before(7), Some(Span::new(0, 6)));
    }

    /// The facts of `text` read as one sentence, in an article about the
    /// `context` countries.
    fn read_one<'t>(text: &'t str, language: Language, context: &[&'t str]) -> Facts<'t> {
        let reader = Reader {
            text,
            dateline: 0,
            language,
            published: Some(jiff::civil::date(2024, 5, 7)),
            gazetteer: crate::gazetteer::Gazetteer::builtin(),
            actors: ActorBook::builtin(),
        };
        let sentence = Span::new(0, text.len());
        let cues = super::super::triggers::find_cues(text, language);
        let groups = reader.actors.find(text);
        let raw = reader.raw_places(sentence, &cues);
        let context = Context {
            names: context.to_vec(),
            support: context.iter().map(|_| (Span::new(0, 0), 3)).collect(),
            regions: Vec::new(),
        };
        reader.read(sentence, &cues, &groups, &raw, &context)
    }

    /// The casualties one sentence states, as (side, count).
    fn tolls(text: &str, language: Language) -> Vec<(Side, u32, bool)> {
        read_one(text, language, &[])
            .casualties
            .iter()
            .map(|c| (c.side, c.count, c.subset))
            .collect()
    }

    #[test]
    fn the_object_of_a_killing_is_the_toll_even_before_of_them() {
        let found = tolls(
            "Gunmen attacked the post, killing 13 of them.",
            Language::En,
        );
        assert_eq!(found, vec![(Side::People, 13, false)]);
        let found = tolls("Eight people died, five of them soldiers.", Language::En);
        assert!(found.contains(&(Side::People, 8, false)), "{found:?}");
    }

    #[test]
    fn one_victim_named_by_a_role_or_as_the_subject_of_died() {
        let found = tolls(
            "A protester died after being hit by a canister.",
            Language::En,
        );
        assert_eq!(found, vec![(Side::Protesters, 1, false)]);
        let found = tolls("Une roquette a tué une soldate israélienne.", Language::Fr);
        assert_eq!(found, vec![(Side::Military, 1, false)]);
    }

    #[test]
    fn one_victim_past_a_nationality_an_age_or_adjectives() {
        let one = |text: &str, language: Language, side: Side| {
            assert_eq!(tolls(text, language), vec![(side, 1, false)], "{text}");
        };
        one(
            "A Colombian police officer was killed in the raid.",
            Language::En,
            Side::Police,
        );
        one(
            "A 45-year-old man was shot dead on Monday.",
            Language::En,
            Side::Civilians,
        );
        one("A local vigilante was killed.", Language::En, Side::Militia);
        one(
            "Un jeune homme a été tué par balle.",
            Language::Fr,
            Side::Civilians,
        );
        one(
            "Un berger peul a été abattu près du puits.",
            Language::Fr,
            Side::Civilians,
        );
        // A phrase that counts is not one person.
        let found = tolls("Une douzaine de villageois ont été tués.", Language::Fr);
        assert_eq!(found, vec![(Side::Civilians, 12, false)]);
        let found = tolls("A dozen soldiers were killed.", Language::En);
        assert_eq!(found, vec![(Side::Military, 12, false)]);
    }

    #[test]
    fn one_person_listed_beside_a_count_is_added() {
        let found = tolls("Gunmen killed a farmer and his two sons.", Language::En);
        assert_eq!(
            found,
            vec![(Side::Unnamed, 2, false), (Side::Civilians, 1, false)]
        );
        let found = tolls("Two soldiers and a civilian were killed.", Language::En);
        assert_eq!(
            found,
            vec![(Side::Military, 2, false), (Side::Civilians, 1, false)]
        );
        let found = tolls("Trois femmes et un homme ont été tués.", Language::Fr);
        assert_eq!(found, vec![(Side::Civilians, 4, false)]);
        // Not listed: another clause.
        let found = tolls(
            "Two soldiers were killed, police said, and a civilian was wounded.",
            Language::En,
        );
        assert!(found.contains(&(Side::Military, 2, false)), "{found:?}");
        assert!(!found.contains(&(Side::Military, 3, false)), "{found:?}");
    }

    #[test]
    fn a_toll_across_the_country_is_not_an_incident_toll() {
        let found = tolls(
            "The minister said 11 people had died across the country during the protests.",
            Language::En,
        );
        assert!(found.is_empty(), "{found:?}");
        let found = tolls(
            "Au total, 23 personnes ont été tuées dans l’ensemble du pays depuis lundi.",
            Language::Fr,
        );
        assert!(found.is_empty(), "{found:?}");
        let found = tolls(
            "Police killed two protesters in Kisumu as demonstrations spread across the country.",
            Language::En,
        );
        assert_eq!(
            found,
            vec![(Side::Protesters, 2, false)],
            "far from the toll"
        );
    }

    /// The places read in `text` as (name, border).
    fn places(text: &str, language: Language, context: &str) -> Vec<(String, bool)> {
        (read_one(text, language, &[context]).places.iter())
            .map(|p| (text[p.span.start..p.span.end].to_string(), p.border))
            .collect()
    }

    #[test]
    fn a_claim_of_neutralising_reads_its_object() {
        let found = tolls(
            "Des frappes aériennes ont permis de neutraliser plusieurs dizaines de terroristes.",
            Language::Fr,
        );
        assert_eq!(found, vec![(Side::Attackers, 12, false)]);
        let found = tolls(
            "The army said its troops repelled the assault, neutralising 20 terrorists.",
            Language::En,
        );
        assert_eq!(found, vec![(Side::Attackers, 20, false)]);
    }

    #[test]
    fn the_day_a_statement_was_published_is_not_the_incident_s() {
        for (text, language) in [
            (
                "Selon un communiqué publié lundi soir, l'attaque a commencé vers 5 heures.",
                Language::Fr,
            ),
            (
                "In a statement released on Monday, the army said the attack began at dawn.",
                Language::En,
            ),
        ] {
            let facts = read_one(text, language, &[]);
            assert!(!facts.dates.is_empty(), "{text}");
            assert!(
                facts.dates.iter().all(|d| d.role == DateRole::Report),
                "{text}: {:?}",
                facts.dates
            );
        }
    }

    #[test]
    fn martyred_is_killed() {
        let found = tolls(
            "Four policemen were martyred and two others injured in the attack.",
            Language::En,
        );
        assert!(found.contains(&(Side::Police, 4, false)), "{found:?}");
    }

    #[test]
    fn countries_listed_with_a_border_are_neighbours() {
        let found = places(
            "28 militaires ont été tués à la frontière avec le Burkina Faso et le Niger.",
            Language::Fr,
            "Benin",
        );
        assert_eq!(
            found,
            vec![
                ("Burkina Faso".to_string(), true),
                ("Niger".to_string(), true)
            ]
        );
        let found = places(
            "Soldiers were killed near the border with Mali and Niger.",
            Language::En,
            "Burkina Faso",
        );
        assert!(found.iter().all(|(_, border)| *border), "{found:?}");
        // A country after a town is not made a neighbour.
        let found = places(
            "Gunmen attacked Djibo in Burkina Faso.",
            Language::En,
            "Burkina Faso",
        );
        assert!(found.iter().all(|(_, border)| !border), "{found:?}");
    }

    #[test]
    fn proper_names_are_capitalised_words() {
        assert_eq!(proper_name("Koutougou in the"), "Koutougou".len());
        assert_eq!(proper_name("Bani Bangou, where"), "Bani Bangou".len());
        assert_eq!(proper_name("the town"), 0);
        assert_eq!(proper_name("Ab"), 0);
        assert_eq!(proper_name("Boni.\nDans une autre"), "Boni".len());
    }

    #[test]
    fn neutralised_does_not_say_the_enemy_died() {
        for word in [
            "neutralised",
            "Neutralized",
            "eliminated",
            "neutralisés",
            "éliminés",
        ] {
            assert!(super::is_uncertain_kill(word), "{word}");
        }
        for word in ["killed", "tués", "said it killed"] {
            assert!(!super::is_uncertain_kill(word), "{word}");
        }
    }
}
