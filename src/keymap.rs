//! Keys to command lines, read from `keymap.toml`.
//!
//! The default keymap is the repository's `keymap.toml`, compiled in. A user
//! file with the same layout replaces bindings key by key. Every `run` is
//! parsed with the same parser as the `:` command line, so an unknown
//! command, a bad argument, a malformed key or a key bound twice in one file
//! is an error at `path:line:column` before the desk opens.
//!
//! Keys are plain data here; the TUI translates terminal key events to them.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;
use toml::Spanned;

use crate::desk::Problem;
use crate::review::{Command, parse_command_line};

/// The default keymap, as shipped at the repository root.
pub const DEFAULT_KEYMAP: &str = include_str!("../keymap.toml");
const DEFAULT_NAME: &str = "keymap.toml (built in)";

/// A key that is not a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

const NAMED_KEYS: [(&str, KeyCode); 15] = [
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Space", KeyCode::Char(' ')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
];

/// A key with its modifiers. Shift is part of the character (`J`), or of
/// the code (`BackTab`), never a separate flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn new(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn ctrl(c: char) -> Key {
        Key {
            ctrl: true,
            ..Key::new(KeyCode::Char(c))
        }
    }
}

impl FromStr for Key {
    type Err = String;

    /// `j`, `?`, `<C-r>`, `<A-j>`, `<S-Tab>`, `<Enter>`, `<F5>`.
    fn from_str(text: &str) -> Result<Key, String> {
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return match c {
                c if c.is_control() => {
                    Err(format!("`{}` is a control character", c.escape_default()))
                }
                c => Ok(Key::new(KeyCode::Char(c))),
            };
        }
        let inner = text
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a key (write one character, or a name like <C-r> or <Enter>)"
                )
            })?;
        let mut key = Key::new(KeyCode::Esc);
        let mut shift = false;
        let mut rest = inner;
        while let Some((modifier, tail)) = rest
            .split_once('-')
            .filter(|(m, t)| m.len() == 1 && !t.is_empty())
        {
            match modifier {
                "C" => key.ctrl = true,
                "A" => key.alt = true,
                "S" => shift = true,
                _ => {
                    return Err(format!(
                        "`{text}`: unknown modifier `{modifier}-` (use C-, A- or S-)"
                    ));
                }
            }
            rest = tail;
        }
        key.code = key_code(rest).ok_or_else(|| format!("`{text}`: unknown key name `{rest}`"))?;
        match (shift, key.code) {
            (false, _) => Ok(key),
            (true, KeyCode::Tab) => Ok(Key {
                code: KeyCode::BackTab,
                ..key
            }),
            (true, KeyCode::Char(c)) if c.is_lowercase() => Ok(Key {
                code: KeyCode::Char(c.to_uppercase().next().unwrap_or(c)),
                ..key
            }),
            (true, _) => Err(format!(
                "`{text}`: S- only goes with <Tab> or a letter (write `J` for shift-j)"
            )),
        }
    }
}

fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    if let Some((_, code)) = NAMED_KEYS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
    {
        return Some(*code);
    }
    let number: u8 = name.strip_prefix(['F', 'f'])?.parse().ok()?;
    (1..=12).contains(&number).then_some(KeyCode::F(number))
}

/// Writes the key the way the keymap file spells it.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if !self.ctrl && !self.alt => return write!(f, "{c}"),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED_KEYS
                .iter()
                .find(|(_, c)| *c == code)
                .map_or("?", |(n, _)| n)
                .to_string(),
        };
        let ctrl = if self.ctrl { "C-" } else { "" };
        let alt = if self.alt { "A-" } else { "" };
        write!(f, "<{ctrl}{alt}{name}>")
    }
}

/// One key bound to a command.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub key: Key,
    pub command: Command,
    /// What the key does, for help.
    pub desc: String,
}

/// The keys of the review screen.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<Binding>,
    by_key: HashMap<Key, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    review: Option<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    #[serde(default)]
    keymap: Vec<RawBinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: Spanned<String>,
    run: Spanned<String>,
    #[serde(default)]
    desc: Option<String>,
}

/// Parses one keymap file's bindings; `path` is for messages only.
pub fn parse_keymap(path: &Path, text: &str) -> Result<Vec<Binding>, Problem> {
    let raw: RawFile =
        toml::from_str(text).map_err(|err| Problem::from_toml(path, text, 0, &err))?;
    let mut bindings: Vec<Binding> = Vec::new();
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for entry in raw.review.map(|s| s.keymap).unwrap_or_default() {
        let at = |span: std::ops::Range<usize>, message: String| {
            Problem::at_offset(path, text, span.start, message)
        };
        let key: Key = entry
            .on
            .get_ref()
            .parse()
            .map_err(|m| at(entry.on.span(), m))?;
        if let Some(&first) = seen.get(&key) {
            let (line, _) = crate::desk::line_column(text, first);
            return Err(at(
                entry.on.span(),
                format!("key {key} is bound twice (first at line {line})"),
            ));
        }
        seen.insert(key, entry.on.span().start);
        let command =
            parse_command_line(entry.run.get_ref()).map_err(|m| at(entry.run.span(), m))?;
        let desc = match entry.desc {
            Some(desc) if !desc.trim().is_empty() => desc,
            _ => crate::review::command::lookup(command.name())
                .map_or_else(String::new, |s| s.doc.to_string()),
        };
        bindings.push(Binding { key, command, desc });
    }
    Ok(bindings)
}

/// Where the user's keymap is looked for when `--keymap` is not given.
pub fn user_keymap_path() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".config")))?;
    Some(config.join("factdesk").join("keymap.toml"))
}

impl Keymap {
    /// The built-in keymap alone.
    pub fn default_keys() -> Keymap {
        match parse_keymap(Path::new(DEFAULT_NAME), DEFAULT_KEYMAP) {
            Ok(bindings) => Keymap::from_bindings(bindings),
            // The default file is checked by a unit test; reaching this is a build mistake.
            Err(problem) => panic!("the built-in keymap is invalid: {problem}"),
        }
    }

    /// The defaults with `user` bindings laid over them key by key.
    pub fn with_overrides(user: Vec<Binding>) -> Keymap {
        let mut keymap = Keymap::default_keys();
        let overridden: Vec<Key> = user.iter().map(|b| b.key).collect();
        keymap.bindings.retain(|b| !overridden.contains(&b.key));
        keymap.bindings.extend(user);
        Keymap::from_bindings(keymap.bindings)
    }

    /// Loads the keymap: `explicit` (it must exist), else the user's file if
    /// there is one, over the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Keymap, Problem> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match user_keymap_path().filter(|p| p.is_file()) {
                Some(path) => path,
                None => return Ok(Keymap::default_keys()),
            },
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|err| Problem::whole_file(&path, format!("cannot read the keymap: {err}")))?;
        Ok(Keymap::with_overrides(parse_keymap(&path, &text)?))
    }

    fn from_bindings(bindings: Vec<Binding>) -> Keymap {
        let by_key = bindings
            .iter()
            .enumerate()
            .map(|(i, b)| (b.key, i))
            .collect();
        Keymap { bindings, by_key }
    }

    pub fn command(&self, key: &Key) -> Option<&Command> {
        self.by_key.get(key).map(|&i| &self.bindings[i].command)
    }

    /// Every binding, in file order (defaults first, then the user's).
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The keys that run exactly `command`, for help and hints.
    pub fn keys_for(&self, command: &Command) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| &b.command == command)
            .map(|b| b.key)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Binding>, Problem> {
        parse_keymap(Path::new("user.toml"), text)
    }

    #[test]
    fn the_default_keymap_binds_the_spec_keys_with_descriptions() {
        let bindings = parse_keymap(Path::new(DEFAULT_NAME), DEFAULT_KEYMAP).unwrap();
        assert!(bindings.iter().all(|b| !b.desc.is_empty()));
        assert!(
            DEFAULT_KEYMAP.matches("desc = ").count() == bindings.len(),
            "every entry has its own desc"
        );
        let keymap = Keymap::default_keys();
        for (key, command) in [
            ("j", Command::NextEvent),
            ("k", Command::PrevEvent),
            ("n", Command::NextArticle),
            ("p", Command::PrevArticle),
            ("c", Command::Confirm),
            ("x", Command::Reject { reason: None }),
            ("u", Command::Undo),
            ("<C-r>", Command::Redo),
            ("?", Command::Help),
            ("q", Command::Quit),
            (":", Command::CommandLine),
            ("<Tab>", Command::NextField),
            ("<S-Tab>", Command::PrevField),
        ] {
            assert_eq!(
                keymap.command(&key.parse().unwrap()),
                Some(&command),
                "{key}"
            );
        }
    }

    #[test]
    fn keys_parse_and_print_back() {
        for text in [
            "j",
            "J",
            "?",
            ":",
            "<C-r>",
            "<A-j>",
            "<S-Tab>",
            "<Enter>",
            "<Space>",
            "<F5>",
            "<PageDown>",
            "<End>",
            "é",
        ] {
            let key: Key = text.parse().unwrap();
            assert_eq!(key.to_string().parse::<Key>().unwrap(), key, "{text}");
        }
        assert_eq!("<S-j>".parse::<Key>().unwrap(), "J".parse().unwrap());
        assert_eq!("<C-r>".parse::<Key>().unwrap(), Key::ctrl('r'));
        assert_eq!("<tab>".parse::<Key>().unwrap(), Key::new(KeyCode::Tab));
        for bad in [
            "",
            "jj",
            "<>",
            "<C->",
            "<X-j>",
            "<Bogus>",
            "<F13>",
            "<S-Enter>",
            "\t",
        ] {
            assert!(bad.parse::<Key>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn user_keys_replace_defaults_key_by_key() {
        let user = parse(
            "[review]\nkeymap = [\n  { on = \"j\", run = \"next_article\" },\n  { on = \"<C-s>\", run = \"set fatalities 0\", desc = \"No deaths\" },\n]\n",
        )
        .unwrap();
        let keymap = Keymap::with_overrides(user);
        assert_eq!(
            keymap.command(&"j".parse().unwrap()),
            Some(&Command::NextArticle)
        );
        assert_eq!(
            keymap.command(&"k".parse().unwrap()),
            Some(&Command::PrevEvent),
            "untouched"
        );
        assert_eq!(
            keymap.command(&Key::ctrl('s')),
            Some(&Command::Set {
                field: crate::model::Field::Fatalities,
                value: "0".into()
            })
        );
        let j = keymap
            .bindings()
            .iter()
            .find(|b| b.key.to_string() == "j")
            .unwrap();
        assert_eq!(
            j.desc, "Open the next article of the desk",
            "desc falls back to the command's doc"
        );
        assert_eq!(
            keymap.keys_for(&Command::NextEvent),
            vec![Key::new(KeyCode::Down)]
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let err =
            parse("[review]\nkeymap = [\n  { on = \"j\", run = \"jump\" },\n]\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 21), "{err}");
        assert!(err.message.contains("unknown command `jump`"), "{err}");

        let err =
            parse("[review]\nkeymap = [\n  { on = \"<C-\", run = \"quit\" },\n]\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 10), "{err}");
        assert!(err.message.contains("not a key"), "{err}");

        let err = parse("[review]\nkeymap = [\n  { on = \"j\", run = \"quit\" },\n  { on = \"j\", run = \"help\" },\n]\n")
            .unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(
            err.message.contains("bound twice (first at line 3)"),
            "{err}"
        );

        let err = parse(
            "[review]\nkeymap = [\n  { on = \"j\", run = \"set fatalities\", bogus = 1 },\n]\n",
        )
        .unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("bogus"), "{err}");

        let err = parse("[review]\nkeymap = [\n  { on = \"j\", run = \"set fatality 2\" },\n]\n")
            .unwrap_err();
        assert!(err.message.contains("unknown field `fatality`"), "{err}");
        assert!(err.to_string().starts_with("user.toml:3:"), "{err}");
    }

    #[test]
    fn a_missing_explicit_keymap_is_an_error() {
        let err = Keymap::load(Some(Path::new("/nonexistent/keymap.toml"))).unwrap_err();
        assert!(err.to_string().contains("cannot read the keymap"), "{err}");
    }
}
