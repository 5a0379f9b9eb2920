//! Every action of the review desk is a named command with a doc string, in
//! one registry. The keymap binds keys to command lines, the `:` command line
//! parses them, and the help screen lists them: all three read [`COMMANDS`].

use std::fmt;

use crate::model::{Field, Span};

/// One user action, with its arguments parsed.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    NextEvent,
    PrevEvent,
    NextField,
    PrevField,
    NextArticle,
    PrevArticle,
    Confirm,
    /// Confirm, then go to the next pending event of the desk.
    ConfirmNext,
    /// Confirm every pending event of the article whose confidence is at
    /// least `min`, as one undoable step.
    ConfirmAll {
        min: f32,
    },
    Reject {
        reason: Option<String>,
    },
    ToggleFlag,
    /// A free-text note on the selected event; empty clears it.
    Note {
        text: String,
    },
    /// Edit the selected field: an editor, or a pick list for fixed values.
    Edit,
    NextPending,
    PrevPending,
    /// Open an article by its number (1-based) or id.
    Goto {
        article: String,
    },
    /// Select the article's event with this number (1 is the first).
    SelectEvent {
        number: usize,
    },
    SelectField {
        field: Field,
    },
    /// Add an event from the article's bytes; without a span, select them first.
    Add {
        span: Option<Span>,
    },
    /// New evidence for the selected field; without a span, select it first.
    Anchor {
        span: Option<Span>,
    },
    /// Delete an event the analyst added.
    Delete,
    /// Search the article's text; without a query, type one.
    Find {
        query: Option<String>,
    },
    /// Go to the next (or previous) match of the search in the article.
    NextMatch,
    PrevMatch,
    /// Open the article list with its fuzzy search.
    Articles,
    /// Show the desk's events counted per status, type and country.
    Stats,
    /// Show or hide the map of the events' places.
    ToggleMap,
    /// Open the link view for the selected event, or link it to `other`.
    Link {
        other: Option<String>,
    },
    /// Take the selected event out of its cluster of linked events.
    Unlink,
    /// Let the mouse select events and scroll (hides terminal text selection).
    ToggleMouse,
    Undo,
    Redo,
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    Help,
    CommandLine,
    /// Open the command line with `text` typed, for a key that starts a
    /// command and leaves its argument to the analyst (`type reject`).
    Type {
        text: String,
    },
    Quit,
    /// Correct one field of the selected event; an empty value clears it.
    Set {
        field: Field,
        value: String,
    },
}

/// A registry entry: the command's name, how to call it, what it does.
pub struct CommandSpec {
    pub name: &'static str,
    /// Other names the `:` command line accepts (`q` for `quit`).
    pub aliases: &'static [&'static str],
    /// Arguments as shown in help, e.g. `FIELD VALUE`; empty when none.
    pub args: &'static str,
    pub doc: &'static str,
    parse: fn(&str) -> Result<Command, String>,
}

impl CommandSpec {
    /// `name ARGS` as shown in help and completion.
    pub fn usage(&self) -> String {
        if self.args.is_empty() {
            self.name.to_string()
        } else {
            format!("{} {}", self.name, self.args)
        }
    }
}

/// An entry for a command without arguments.
macro_rules! simple {
    ($name:literal, $doc:literal, $command:expr) => {
        simple!($name, [], $doc, $command)
    };
    ($name:literal, [$($alias:literal),*], $doc:literal, $command:expr) => {
        CommandSpec {
            name: $name,
            aliases: &[$($alias),*],
            args: "",
            doc: $doc,
            parse: |args| no_arguments($name, args, $command),
        }
    };
}

/// The command registry, in the order help lists it.
pub static COMMANDS: &[CommandSpec] = &[
    simple!(
        "next_event",
        "Select the next event of this article",
        Command::NextEvent
    ),
    simple!(
        "prev_event",
        "Select the previous event of this article",
        Command::PrevEvent
    ),
    simple!(
        "next_field",
        "Select the next field of the event and show its evidence",
        Command::NextField
    ),
    simple!(
        "prev_field",
        "Select the previous field of the event and show its evidence",
        Command::PrevField
    ),
    simple!(
        "next_article",
        "Open the next article of the desk",
        Command::NextArticle
    ),
    simple!(
        "prev_article",
        "Open the previous article of the desk",
        Command::PrevArticle
    ),
    simple!(
        "confirm",
        "Confirm the selected event as it stands",
        Command::Confirm
    ),
    simple!(
        "confirm_next",
        "Confirm the selected event and go to the next pending one",
        Command::ConfirmNext
    ),
    CommandSpec {
        name: "confirm_all",
        aliases: &[],
        args: "[MIN]",
        doc: "Confirm the article's pending events with confidence >= MIN (default 0.8), as one undoable step",
        parse: |args| match args.trim() {
            "" => Ok(Command::ConfirmAll { min: 0.8 }),
            min => match min.parse::<f32>() {
                Ok(min) if (0.0..=1.0).contains(&min) => Ok(Command::ConfirmAll { min }),
                _ => Err(format!(
                    "confirm_all: `{min}` is not a confidence between 0 and 1"
                )),
            },
        },
    },
    CommandSpec {
        name: "reject",
        aliases: &[],
        args: "[REASON]",
        doc: "Reject the selected event (not a real event), with an optional reason",
        parse: |args| {
            let reason = args.trim();
            Ok(Command::Reject {
                reason: (!reason.is_empty()).then(|| reason.to_string()),
            })
        },
    },
    simple!(
        "edit",
        "Edit the selected field (a pick list for fixed values)",
        Command::Edit
    ),
    CommandSpec {
        name: "set",
        aliases: &[],
        args: "FIELD VALUE",
        doc: "Correct a field of the selected event (`set fatalities 18`); an empty VALUE clears it",
        parse: parse_set,
    },
    simple!(
        "flag",
        "Flag the selected event for later, or unflag it",
        Command::ToggleFlag
    ),
    CommandSpec {
        name: "note",
        aliases: &[],
        args: "TEXT",
        doc: "Write a note on the selected event; an empty TEXT clears it",
        parse: |args| {
            Ok(Command::Note {
                text: args.trim().to_string(),
            })
        },
    },
    simple!(
        "next_pending",
        "Go to the next pending event, in this article or the next ones",
        Command::NextPending
    ),
    simple!(
        "prev_pending",
        "Go to the previous pending event, in this article or earlier ones",
        Command::PrevPending
    ),
    simple!(
        "articles",
        "List the desk's articles: fuzzy search over titles and ids, then every article's text; Tab all/pending/flagged; lang: country: since: until: filters",
        Command::Articles
    ),
    CommandSpec {
        name: "select",
        aliases: &[],
        args: "N",
        doc: "Select the event with this number in the article (1 is the first)",
        parse: |args| match args.trim().parse() {
            Ok(number) if number > 0 => Ok(Command::SelectEvent { number }),
            _ => Err("usage: select N (1 is the first event)".to_string()),
        },
    },
    CommandSpec {
        name: "field",
        aliases: &[],
        args: "FIELD",
        doc: "Select a field of the event and show its evidence",
        parse: |args| {
            let field = args.trim().parse().map_err(|err| format!("field: {err}"))?;
            Ok(Command::SelectField { field })
        },
    },
    CommandSpec {
        name: "add",
        aliases: &[],
        args: "[START END]",
        doc: "Add an event the extractor missed: select its text (Space marks, Enter adds), or give byte offsets",
        parse: |args| {
            Ok(Command::Add {
                span: parse_span("add", args)?,
            })
        },
    },
    CommandSpec {
        name: "anchor",
        aliases: &[],
        args: "[START END]",
        doc: "Re-anchor the selected field's evidence to a new selection of the text",
        parse: |args| {
            Ok(Command::Anchor {
                span: parse_span("anchor", args)?,
            })
        },
    },
    simple!(
        "delete",
        "Delete an event you added (the extractor's are rejected instead)",
        Command::Delete
    ),
    CommandSpec {
        name: "find",
        aliases: &[],
        args: "[TEXT]",
        doc: "Search the article's text, matches highlighted; without TEXT, type it",
        parse: |args| {
            let query = args.trim();
            Ok(Command::Find {
                query: (!query.is_empty()).then(|| query.to_string()),
            })
        },
    },
    simple!(
        "next_match",
        "Scroll to the next match of the search in the article",
        Command::NextMatch
    ),
    simple!(
        "prev_match",
        "Scroll to the previous match of the search in the article",
        Command::PrevMatch
    ),
    simple!(
        "stats",
        "Count the desk's events per status, type and country",
        Command::Stats
    ),
    CommandSpec {
        name: "link",
        aliases: &[],
        args: "[EVENT_ID]",
        doc: "Events of other articles that may be the same real-world event; with an id, link to it",
        parse: |args| {
            let other = args.trim();
            Ok(Command::Link {
                other: (!other.is_empty()).then(|| other.to_string()),
            })
        },
    },
    simple!(
        "unlink",
        "Take the selected event out of its cluster of linked events",
        Command::Unlink
    ),
    simple!(
        "map",
        "Show or hide the map of the selected event's place",
        Command::ToggleMap
    ),
    simple!(
        "mouse",
        "Mouse on or off: click events and fields, drag over the article to select text, wheel scrolls (off keeps the terminal's own text selection)",
        Command::ToggleMouse
    ),
    CommandSpec {
        name: "goto",
        aliases: &["article"],
        args: "N|ID",
        doc: "Open an article by its number (1 is the first), its id or the start of its id (Tab completes ids)",
        parse: |args| match args.trim() {
            "" => Err("usage: goto N|ID (e.g. `goto 12`)".to_string()),
            article => Ok(Command::Goto {
                article: article.to_string(),
            }),
        },
    },
    simple!(
        "undo",
        "Undo the last decision or link change, in any article",
        Command::Undo
    ),
    simple!("redo", "Redo the last undone change", Command::Redo),
    simple!(
        "scroll_down",
        "Scroll the article down one line",
        Command::ScrollDown
    ),
    simple!(
        "scroll_up",
        "Scroll the article up one line",
        Command::ScrollUp
    ),
    simple!(
        "page_down",
        "Scroll the article down one page",
        Command::PageDown
    ),
    simple!("page_up", "Scroll the article up one page", Command::PageUp),
    simple!("help", "Show every key and command", Command::Help),
    simple!(
        "command_line",
        "Type a command, e.g. `:set fatalities 18`",
        Command::CommandLine
    ),
    CommandSpec {
        name: "type",
        aliases: &[],
        args: "TEXT",
        doc: "Open the command line with TEXT typed, for keys that start a command (`type reject` asks the reason)",
        parse: |args| {
            let text = args.trim();
            if text.is_empty() {
                return Err("`type` needs the text to type, e.g. `type reject`".to_string());
            }
            Ok(Command::Type {
                text: text.to_string(),
            })
        },
    },
    simple!(
        "quit",
        ["q"],
        "Quit (every decision is already saved)",
        Command::Quit
    ),
];

fn no_arguments(name: &str, args: &str, command: Command) -> Result<Command, String> {
    if args.trim().is_empty() {
        Ok(command)
    } else {
        Err(format!("`{name}` takes no arguments"))
    }
}

/// An optional `START END` pair of byte offsets.
fn parse_span(name: &str, args: &str) -> Result<Option<Span>, String> {
    let numbers: Vec<&str> = args.split_whitespace().collect();
    match numbers.as_slice() {
        [] => Ok(None),
        [start, end] => match (start.parse(), end.parse()) {
            (Ok(start), Ok(end)) if start < end => Ok(Some(Span::new(start, end))),
            _ => Err(format!(
                "{name}: START and END are byte offsets, START < END"
            )),
        },
        _ => Err(format!("usage: {name} [START END]")),
    }
}

fn parse_set(args: &str) -> Result<Command, String> {
    let args = args.trim_start();
    if args.is_empty() {
        return Err("usage: set FIELD VALUE (e.g. `set fatalities 18`)".to_string());
    }
    let (field, value) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    let field: Field = field.parse().map_err(|err| format!("set: {err}"))?;
    Ok(Command::Set {
        field,
        value: value.trim().to_string(),
    })
}

/// Finds a command by name or alias.
pub fn lookup(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS
        .iter()
        .find(|spec| spec.name == name || spec.aliases.contains(&name))
}

/// Parses a command line as typed after `:` or written in `run = "..."`:
/// the command name, then its arguments.
pub fn parse_command_line(line: &str) -> Result<Command, String> {
    let line = line.trim();
    if line.is_empty() {
        return Err("empty command".to_string());
    }
    let (name, args) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let spec = lookup(name).ok_or_else(|| format!("unknown command `{name}` (see `help`)"))?;
    (spec.parse)(args)
}

/// Completions of a partly typed command line, as whole lines: command
/// names for the first word, field names after `set`, pick-list values
/// are left to the editor.
pub fn complete(line: &str) -> Vec<String> {
    let trimmed = line.trim_start();
    match trimmed.split_once(char::is_whitespace) {
        None => {
            let mut names: Vec<String> = COMMANDS
                .iter()
                .flat_map(|spec| std::iter::once(spec.name).chain(spec.aliases.iter().copied()))
                .filter(|name| name.starts_with(trimmed))
                .map(str::to_string)
                .collect();
            names.sort_unstable();
            names
        }
        Some((command @ ("set" | "field"), rest))
            if !rest.trim_start().contains(char::is_whitespace) =>
        {
            let prefix = rest.trim_start();
            let space = if command == "set" { " " } else { "" };
            Field::ALL
                .iter()
                .filter(|f| f.name().starts_with(prefix))
                .map(|f| format!("{command} {}{space}", f.name()))
                .collect()
        }
        Some(_) => Vec::new(),
    }
}

/// The longest text every completion starts with.
pub fn common_prefix(completions: &[String]) -> String {
    let Some(first) = completions.first() else {
        return String::new();
    };
    let mut end = first.len();
    for other in &completions[1..] {
        end = first
            .char_indices()
            .zip(other.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(other.len()), |((i, _), _)| i.min(end));
    }
    first[..end].to_string()
}

impl Command {
    /// The registry name of this command.
    pub fn name(&self) -> &'static str {
        match self {
            Command::NextEvent => "next_event",
            Command::PrevEvent => "prev_event",
            Command::NextField => "next_field",
            Command::PrevField => "prev_field",
            Command::NextArticle => "next_article",
            Command::PrevArticle => "prev_article",
            Command::Confirm => "confirm",
            Command::ConfirmNext => "confirm_next",
            Command::ConfirmAll { .. } => "confirm_all",
            Command::Reject { .. } => "reject",
            Command::ToggleFlag => "flag",
            Command::Note { .. } => "note",
            Command::Edit => "edit",
            Command::NextPending => "next_pending",
            Command::PrevPending => "prev_pending",
            Command::Goto { .. } => "goto",
            Command::Articles => "articles",
            Command::Find { .. } => "find",
            Command::NextMatch => "next_match",
            Command::PrevMatch => "prev_match",
            Command::Add { .. } => "add",
            Command::Anchor { .. } => "anchor",
            Command::Delete => "delete",
            Command::SelectEvent { .. } => "select",
            Command::SelectField { .. } => "field",
            Command::Stats => "stats",
            Command::ToggleMap => "map",
            Command::Link { .. } => "link",
            Command::Unlink => "unlink",
            Command::ToggleMouse => "mouse",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::ScrollDown => "scroll_down",
            Command::ScrollUp => "scroll_up",
            Command::PageDown => "page_down",
            Command::PageUp => "page_up",
            Command::Help => "help",
            Command::CommandLine => "command_line",
            Command::Type { .. } => "type",
            Command::Quit => "quit",
            Command::Set { .. } => "set",
        }
    }
}

/// Writes the command back as a command line that parses to it again.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Set { field, value } if value.is_empty() => write!(f, "set {field}"),
            Command::Set { field, value } => write!(f, "set {field} {value}"),
            Command::Reject {
                reason: Some(reason),
            } => write!(f, "reject {reason}"),
            Command::Note { text } if !text.is_empty() => write!(f, "note {text}"),
            Command::Goto { article } => write!(f, "goto {article}"),
            Command::SelectEvent { number } => write!(f, "select {number}"),
            Command::Find { query: Some(query) } => write!(f, "find {query}"),
            Command::ConfirmAll { min } => write!(f, "confirm_all {min}"),
            Command::Add { span: Some(s) } => write!(f, "add {} {}", s.start, s.end),
            Command::Anchor { span: Some(s) } => write!(f, "anchor {} {}", s.start, s.end),
            Command::SelectField { field } => write!(f, "field {field}"),
            Command::Type { text } => write!(f, "type {text}"),
            Command::Link { other: Some(other) } => write!(f, "link {other}"),
            other => f.write_str(other.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_name_is_unique_and_documented() {
        let mut names: Vec<&str> = COMMANDS
            .iter()
            .flat_map(|s| std::iter::once(s.name).chain(s.aliases.iter().copied()))
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a name or alias is registered twice");
        for spec in COMMANDS {
            assert!(!spec.doc.is_empty(), "{} has no doc", spec.name);
        }
    }

    #[test]
    fn every_command_parses_back_from_its_name() {
        for spec in COMMANDS.iter().filter(|s| s.args.is_empty()) {
            let command = parse_command_line(spec.name).unwrap();
            assert_eq!(command.name(), spec.name);
            assert_eq!(parse_command_line(&command.to_string()).unwrap(), command);
        }
    }

    #[test]
    fn set_takes_a_field_and_the_rest_of_the_line() {
        assert_eq!(
            parse_command_line("set fatalities 18").unwrap(),
            Command::Set {
                field: Field::Fatalities,
                value: "18".into()
            }
        );
        assert_eq!(
            parse_command_line("  set   location  Ouro Gueladjo ").unwrap(),
            Command::Set {
                field: Field::Location,
                value: "Ouro Gueladjo".into()
            }
        );
        assert_eq!(
            parse_command_line("set notes").unwrap(),
            Command::Set {
                field: Field::Notes,
                value: String::new()
            }
        );
        let round_trip = Command::Set {
            field: Field::Location,
            value: "Ouro Gueladjo".into(),
        };
        assert_eq!(
            parse_command_line(&round_trip.to_string()).unwrap(),
            round_trip
        );
    }

    #[test]
    fn bad_command_lines_say_why() {
        assert!(parse_command_line("").unwrap_err().contains("empty"));
        assert!(
            parse_command_line("frobnicate")
                .unwrap_err()
                .contains("unknown command `frobnicate`")
        );
        assert!(parse_command_line("set").unwrap_err().contains("usage"));
        assert!(
            parse_command_line("set fatality 3")
                .unwrap_err()
                .contains("unknown field `fatality`")
        );
        assert!(
            parse_command_line("confirm now")
                .unwrap_err()
                .contains("takes no arguments")
        );
        assert_eq!(parse_command_line("q").unwrap(), Command::Quit);
        assert!(parse_command_line("goto").unwrap_err().contains("usage"));
    }

    #[test]
    fn completes_command_and_field_names() {
        assert_eq!(complete("con"), ["confirm", "confirm_all", "confirm_next"]);
        assert_eq!(common_prefix(&complete("con")), "confirm");
        assert_eq!(complete("set fat"), ["set fatalities "]);
        assert_eq!(complete("set a").len(), 4, "admin1, admin2, actor1, actor2");
        assert_eq!(common_prefix(&complete("set ad")), "set admin");
        assert!(complete("set fatalities 1").is_empty());
        assert_eq!(complete("field geo"), ["field geo_precision"]);
        assert!(complete("zzz").is_empty());
        assert_eq!(
            complete("").len(),
            COMMANDS.len() + 2,
            "every name and alias"
        );
        assert_eq!(common_prefix(&["été".into(), "étage".into()]), "ét");
    }

    #[test]
    fn optional_and_free_text_arguments() {
        assert_eq!(
            parse_command_line("reject duplicate of x1").unwrap(),
            Command::Reject {
                reason: Some("duplicate of x1".into())
            }
        );
        assert_eq!(
            parse_command_line("reject").unwrap(),
            Command::Reject { reason: None }
        );
        for line in [
            "reject duplicate",
            "note toll disputed",
            "goto 12",
            "note",
            "select 2",
            "find lundi soir",
            "confirm_all 0.75",
            "add 3 10",
            "anchor 0 4",
            "field wounded",
        ] {
            let command = parse_command_line(line).unwrap();
            assert_eq!(command.to_string(), line);
        }
    }
}
