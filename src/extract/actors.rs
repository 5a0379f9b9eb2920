//! Actors: named armed groups from a word list the desk can extend, and the
//! ACLED names of state forces, civilians and unidentified armed men.
//!
//! The built-in list is `assets/actors.toml`, compiled into the binary; a
//! desk adds its own `DIR/actors.toml` in the same format, tried first.
//! An alias may stand for different groups in different countries (the
//! "Islamic State" is Islamic State (Sahel) in Niger and Islamic State
//! (West Africa) in Nigeria), so a mention is resolved with the event's
//! country. Names are ACLED's ("JNIM: Group for Support of Islam and
//! Muslims"), so that exports read as ACLED's.

use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use super::lexicon::{Lexicon, strip_accents};
use crate::desk::Problem;
use crate::model::Span;

const BUILTIN: &str = include_str!("../../assets/actors.toml");

/// One `[[group]]` entry of an actors file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    name: String,
    aliases: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    /// A pro-government or community militia (VDP, Dozo): its members
    /// killed make an armed clash, and it is often the victim.
    #[serde(default)]
    militia: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsFile {
    #[serde(default)]
    group: Vec<toml::Spanned<GroupEntry>>,
}

/// A named group found in a text; resolve it with [`ActorBook::resolve`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupMention {
    pub span: Span,
    alias: u32,
}

/// The named armed groups and their aliases.
pub struct ActorBook {
    groups: Vec<GroupEntry>,
    /// Per distinct alias spelling: the entries that list it, in order.
    alias_groups: Vec<Vec<u32>>,
    aliases: Lexicon<u32>,
}

impl ActorBook {
    /// The built-in list, compiled on first use.
    pub fn builtin() -> &'static ActorBook {
        static BOOK: OnceLock<ActorBook> = OnceLock::new();
        BOOK.get_or_init(|| {
            let entries = parse(Path::new("assets/actors.toml"), BUILTIN)
                .expect("the built-in actors.toml is valid (tested)");
            ActorBook::from_entries(entries)
        })
    }

    /// The built-in list extended by a desk's actors file, whose entries
    /// are tried first. Errors name `path:line:column`.
    pub fn with_desk_file(path: &Path) -> Result<ActorBook, Problem> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| Problem::whole_file(path, format!("cannot read: {err}")))?;
        Self::with_desk_text(path, &text)
    }

    /// Like [`ActorBook::with_desk_file`] on text already read.
    pub fn with_desk_text(path: &Path, text: &str) -> Result<ActorBook, Problem> {
        let mut entries = parse(path, text)?;
        entries.extend(ActorBook::builtin().groups.iter().cloned());
        Ok(ActorBook::from_entries(entries))
    }

    fn from_entries(groups: Vec<GroupEntry>) -> ActorBook {
        let mut keys: Vec<String> = Vec::new();
        let mut alias_groups: Vec<Vec<u32>> = Vec::new();
        let mut phrases: Vec<(String, u32)> = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            for alias in &group.aliases {
                let key = alias_key(alias);
                let index = match keys.iter().position(|k| *k == key) {
                    Some(i) => i,
                    None => {
                        keys.push(key);
                        alias_groups.push(Vec::new());
                        keys.len() - 1
                    }
                };
                // Every spelling is matched ("Al-Qaïda" and "al-Qaida"),
                // all standing for the same alias.
                phrases.push((alias.clone(), index as u32));
                if !alias_groups[index].contains(&(g as u32)) {
                    alias_groups[index].push(g as u32);
                }
            }
        }
        let aliases = Lexicon::new(phrases.iter().map(|(p, i)| (p.as_str(), *i)));
        ActorBook {
            groups,
            alias_groups,
            aliases,
        }
    }

    /// Every group alias in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<GroupMention> {
        self.aliases
            .find(text)
            .map(|(span, alias)| GroupMention { span, alias })
            .collect()
    }

    /// The group a mention stands for in an event in `country` (ISO code
    /// and English name; either may be empty): the first entry for that
    /// country, else the first entry valid anywhere.
    pub fn resolve(&self, mention: &GroupMention, country: (&str, &str)) -> Option<&str> {
        self.entry(mention, country).map(|g| g.name.as_str())
    }

    /// Whether a mention names a militia (in any country it may stand for).
    pub fn is_militia(&self, mention: &GroupMention) -> bool {
        self.alias_groups
            .get(mention.alias as usize)
            .is_some_and(|entries| entries.iter().any(|&g| self.groups[g as usize].militia))
    }

    fn entry(&self, mention: &GroupMention, country: (&str, &str)) -> Option<&GroupEntry> {
        let entries = self.alias_groups.get(mention.alias as usize)?;
        let in_country = |g: &GroupEntry| {
            g.countries.iter().any(|c| {
                (!country.0.is_empty() && c.eq_ignore_ascii_case(country.0))
                    || (!country.1.is_empty() && c.eq_ignore_ascii_case(country.1))
            })
        };
        let groups = entries.iter().map(|&g| &self.groups[g as usize]);
        groups
            .clone()
            .find(|g| in_country(g))
            .or_else(|| groups.clone().find(|g| g.countries.is_empty()))
    }
}

/// Aliases that differ only in case, accents or apostrophe are one alias,
/// except capitals-only acronyms, which stay apart from words ("IS", "is").
fn alias_key(alias: &str) -> String {
    let alias = alias.trim();
    if alias.chars().all(|c| !c.is_lowercase()) {
        return alias.to_string();
    }
    strip_accents(alias).to_lowercase().replace('’', "'")
}

fn parse(path: &Path, text: &str) -> Result<Vec<GroupEntry>, Problem> {
    let file: ActorsFile =
        toml::from_str(text).map_err(|err| Problem::from_toml(path, text, 0, &err))?;
    let mut entries = Vec::with_capacity(file.group.len());
    for spanned in file.group {
        let span = spanned.span();
        let entry = spanned.into_inner();
        if entry.name.trim().is_empty() {
            return Err(Problem::at_offset(
                path,
                text,
                span.start,
                "group: empty name",
            ));
        }
        if entry.aliases.iter().all(|a| a.trim().is_empty()) {
            return Err(Problem::at_offset(
                path,
                text,
                span.start,
                format!("group `{}`: no aliases", entry.name),
            ));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// Problems in a desk's `actors.toml`, for `factdesk check` (none when the
/// desk has no such file).
pub fn check_desk_actors(desk_root: &Path) -> Vec<Problem> {
    let path = desk_root.join(DESK_FILE);
    if !path.exists() {
        return Vec::new();
    }
    match ActorBook::with_desk_file(&path) {
        Ok(_) => Vec::new(),
        Err(problem) => vec![problem],
    }
}

/// The desk's own list of armed groups, beside `gazetteer.toml`.
pub const DESK_FILE: &str = "actors.toml";

/// ACLED's name for a country's armed forces.
pub fn military_forces(country: &str) -> String {
    format!("Military Forces of {country}")
}

/// ACLED's name for a country's police (and gendarmerie).
pub fn police_forces(country: &str) -> String {
    format!("Police Forces of {country}")
}

/// ACLED's name for armed men no one has identified.
pub fn unidentified_armed_group(country: &str) -> String {
    format!("Unidentified Armed Group ({country})")
}

/// ACLED's name for the civilians of a country.
pub fn civilians(country: &str) -> String {
    format!("Civilians ({country})")
}

pub fn protesters(country: &str) -> String {
    format!("Protesters ({country})")
}

pub fn rioters(country: &str) -> String {
    format!("Rioters ({country})")
}

/// ACLED's name for a community militia no one has named.
pub fn unidentified_militia(country: &str) -> String {
    format!("Unidentified Communal Militia ({country})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(book: &ActorBook, text: &str, country: (&str, &str)) -> Vec<String> {
        book.find(text)
            .iter()
            .filter_map(|m| book.resolve(m, country).map(str::to_string))
            .collect()
    }

    #[test]
    fn builtin_list_parses_and_resolves_aliases() {
        let book = ActorBook::builtin();
        assert_eq!(
            names(book, "Le GSIM et l’EIGS ont combattu.", ("ML", "Mali")),
            vec![
                "JNIM: Group for Support of Islam and Muslims",
                "Islamic State (Sahel)"
            ]
        );
        assert_eq!(
            names(
                book,
                "an al-Qaeda affiliate claimed it",
                ("BF", "Burkina Faso")
            ),
            vec!["JNIM: Group for Support of Islam and Muslims"]
        );
    }

    #[test]
    fn generic_names_depend_on_the_country() {
        let book = ActorBook::builtin();
        let text = "fighters of the Islamic State group";
        assert_eq!(
            names(book, text, ("NE", "Niger")),
            vec!["Islamic State (Sahel)"]
        );
        assert_eq!(
            names(book, text, ("NG", "Nigeria")),
            vec!["Islamic State (West Africa)"]
        );
        assert_eq!(
            names(book, text, ("SY", "Syria")),
            vec!["Islamic State (Syria)"]
        );
        assert_eq!(names(book, text, ("YE", "Yemen")), vec!["Islamic State"]);
        assert_eq!(
            names(book, "Il est là; IS attaque", ("", "")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn check_reports_a_bad_desk_file_and_accepts_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_desk_actors(dir.path()).is_empty());
        std::fs::write(dir.path().join(DESK_FILE), "[[group]]\nname = \"X\"\n").unwrap();
        let problems = check_desk_actors(dir.path());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 1, "{}", problems[0]);
    }

    #[test]
    fn desk_entries_come_first_and_errors_have_positions() {
        let path = Path::new("desk/actors.toml");
        let book = ActorBook::with_desk_text(
            path,
            "[[group]]\nname = \"Katiba Serma\"\naliases = [\"Katiba Serma\", \"JNIM\"]\n",
        )
        .unwrap();
        assert_eq!(
            names(&book, "JNIM fighters", ("", "")),
            vec!["Katiba Serma"]
        );
        let err = ActorBook::with_desk_text(path, "[[group]]\nname = \"X\"\nalias = []\n")
            .err()
            .unwrap();
        assert_eq!((err.line, err.path.as_path()), (3, path));
        let err = ActorBook::with_desk_text(path, "[[group]]\nname = \"X\"\naliases = [\" \"]\n")
            .err()
            .unwrap();
        assert!(err.message.contains("no aliases"), "{err}");
    }
}
