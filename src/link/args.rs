//! The `factdesk link` command line, kept beside the linking it drives so
//! that `main.rs` only dispatches.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use jiff::Timestamp;

use super::eval::{Gold, evaluate};
use super::index::{LinkIndex, member_fields};
use super::score::{LinkEvent, reasons_line};
use super::store::{Change, LinkError, Links, article_of};
use super::values::{default_rule, disagreements, resolve, rule_value};
use crate::desk::{Desk, DeskLock, LockOutcome};
use crate::model::{EventFields, Field};

/// Link events that are the same real-world event across articles.
#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    #[command(subcommand)]
    pub command: LinkCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum LinkCommand {
    /// Rank events of other articles that may be the same real-world event,
    /// with scores and the reasons in words.
    Suggest {
        /// The event, as <article>#<tag>.
        event: String,
        /// The desk directory.
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
        /// How many suggestions.
        #[arg(long, default_value_t = 5)]
        limit: usize,
    },
    /// Link two events as one real-world event (their clusters merge).
    Add {
        event: String,
        other: String,
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// Name recorded with the link (default: $USER).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Take an event out of its cluster.
    Remove {
        event: String,
        #[arg(default_value = "data")]
        dir: PathBuf,
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Set a cluster's value of a field, overriding the default rule; an
    /// empty VALUE ("") goes back to the default rule.
    Set {
        /// A cluster id, or any of its members' event ids.
        cluster: String,
        #[arg(value_parser = parse_field)]
        field: Field,
        value: String,
        #[arg(default_value = "data")]
        dir: PathBuf,
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Accept the value a field's default rule gives now (lowest fatalities,
    /// most precise date or place) and record it as chosen.
    Accept {
        cluster: String,
        #[arg(value_parser = parse_field)]
        field: Field,
        #[arg(default_value = "data")]
        dir: PathBuf,
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Show a cluster: its members, its values with their rules and
    /// sources, and where members disagree.
    Show {
        cluster: String,
        #[arg(default_value = "data")]
        dir: PathBuf,
    },
    /// Measure suggestions against a gold file of incidents: top-1 and
    /// top-3 accuracy over events reported by more than one article.
    Eval {
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// The gold file (default: DIR/gold.toml).
        #[arg(long)]
        gold: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_field(text: &str) -> Result<Field, String> {
    text.parse()
        .map_err(|err: crate::model::FieldError| err.to_string())
}

impl LinkArgs {
    /// Runs the command, writing its report to `out`.
    pub fn run(&self, out: &mut dyn Write) -> anyhow::Result<()> {
        match &self.command {
            LinkCommand::Suggest {
                event,
                dir,
                json,
                limit,
            } => suggest(dir, event, *json, *limit, out),
            LinkCommand::Add {
                event,
                other,
                dir,
                reviewer,
            } => {
                let who = reviewer_name(reviewer.as_deref());
                let desk = open(dir)?;
                for id in [event, other] {
                    find_event(&desk, id)?;
                }
                change_links(&desk, &who, out, |links| {
                    links.link(event, other, &who, Timestamp::now())
                })
            }
            LinkCommand::Remove {
                event,
                dir,
                reviewer,
            } => {
                let who = reviewer_name(reviewer.as_deref());
                change_links(&open(dir)?, &who, out, |links| links.unlink(event))
            }
            LinkCommand::Set {
                cluster,
                field,
                value,
                dir,
                reviewer,
            } => {
                let who = reviewer_name(reviewer.as_deref());
                change_links(&open(dir)?, &who, out, |links| {
                    links.set_value(cluster, *field, value, &who, Timestamp::now())
                })
            }
            LinkCommand::Accept {
                cluster,
                field,
                dir,
                reviewer,
            } => {
                let who = reviewer_name(reviewer.as_deref());
                let desk = open(dir)?;
                let current = Links::load(&desk)?;
                let target = current.find(cluster).with_context(|| {
                    format!("`{cluster}` is neither a cluster nor a linked event")
                })?;
                let members = member_fields(&desk, target.member_ids())?;
                let borrowed: Vec<(&str, &EventFields)> =
                    members.iter().map(|(id, f)| (id.as_str(), f)).collect();
                let value = rule_value(target, &borrowed, *field)
                    .with_context(|| format!("no member reports {field}: nothing to accept"))?;
                change_links(&desk, &who, out, |links| {
                    links.record_value(
                        cluster,
                        *field,
                        &value,
                        default_rule(*field),
                        &who,
                        Timestamp::now(),
                    )
                })
            }
            LinkCommand::Show { cluster, dir } => show(&open(dir)?, cluster, out),
            LinkCommand::Eval { dir, gold, json } => {
                let desk = open(dir)?;
                let gold_path = gold
                    .clone()
                    .unwrap_or_else(|| desk.root().join("gold.toml"));
                let gold = Gold::load(&gold_path)?;
                let index = built_index(&desk);
                let report = evaluate(&index, &gold).map_err(anyhow::Error::msg)?;
                if *json {
                    writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
                } else {
                    write!(out, "{}: {report}", dir.display())?;
                }
                Ok(())
            }
        }
    }
}

fn open(dir: &Path) -> anyhow::Result<Desk> {
    Desk::open(dir).with_context(|| format!("opening {}", dir.display()))
}

/// Who to record: `--reviewer`, else `$USER`, else "analyst".
fn reviewer_name(reviewer: Option<&str>) -> String {
    reviewer
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "analyst".to_string())
}

fn lock(desk: &Desk, who: &str) -> anyhow::Result<DeskLock> {
    match desk.lock(who)? {
        LockOutcome::Acquired(lock) => Ok(lock),
        LockOutcome::HeldBy(holder) => bail!(
            "{} is in use by {holder}; links were not changed",
            desk.root().display()
        ),
    }
}

/// Takes the desk lock, applies one change to the links, saves them
/// atomically and durably, and says what the cluster now is.
fn change_links(
    desk: &Desk,
    who: &str,
    out: &mut dyn Write,
    change: impl FnOnce(&mut Links) -> Result<Change, LinkError>,
) -> anyhow::Result<()> {
    let _lock = lock(desk, who)?;
    let mut links = Links::load(desk)?;
    let applied = change(&mut links)?;
    links.save(desk)?;
    for id in applied.clusters() {
        match links.cluster(id) {
            Some(cluster) => {
                let members: Vec<&str> = cluster.member_ids().collect();
                writeln!(out, "cluster {id}: {}", members.join(", "))?;
                for value in &cluster.values {
                    writeln!(
                        out,
                        "  {} = {} ({}, set by {})",
                        value.field, value.value, value.rule, value.set_by
                    )?;
                }
            }
            None => writeln!(out, "cluster {id}: dissolved (fewer than two events)")?,
        }
    }
    Ok(())
}

/// The event with this id, as the linker sees it; an error names what is
/// missing.
fn find_event(desk: &Desk, id: &str) -> anyhow::Result<LinkEvent> {
    let article =
        article_of(id).with_context(|| format!("`{id}` is not an event id (<article>#<tag>)"))?;
    let found = desk.load_events(article)?;
    let event = found
        .iter()
        .find(|e| e.id() == id)
        .with_context(|| format!("article `{article}` has no event `{id}`"))?;
    Ok(LinkEvent::from_review(&desk.load_article(article)?, event))
}

/// The desk's index; articles that cannot be read are reported and skipped.
fn built_index(desk: &Desk) -> LinkIndex {
    let (index, errors) = LinkIndex::build(desk);
    report_skipped(&errors);
    index
}

fn report_skipped(errors: &[crate::desk::DeskError]) {
    for err in errors {
        eprintln!("factdesk: skipped: {err}");
    }
}

#[derive(serde::Serialize)]
struct SuggestReport<'a> {
    event: &'a str,
    summary: String,
    suggestions: Vec<SuggestionOut<'a>>,
}

#[derive(serde::Serialize)]
struct SuggestionOut<'a> {
    #[serde(flatten)]
    suggestion: &'a super::index::Suggestion,
    summary: String,
    /// The cluster the suggestion already belongs to with this event, if so.
    linked: Option<&'a str>,
}

fn suggest(
    dir: &Path,
    event: &str,
    json: bool,
    limit: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let desk = open(dir)?;
    let query = find_event(&desk, event)?;
    let links = Links::load(&desk)?;
    let (index, errors) = LinkIndex::around(&desk, &query);
    report_skipped(&errors);
    let suggestions = index.suggest(&query, limit);
    let own_cluster = links.cluster_of(event).map(|c| c.id.as_str());
    let report = SuggestReport {
        event,
        summary: query.summary(),
        suggestions: suggestions
            .iter()
            .map(|s| SuggestionOut {
                suggestion: s,
                summary: index
                    .get(&s.event)
                    .map(LinkEvent::summary)
                    .unwrap_or_default(),
                linked: links
                    .cluster_of(&s.event)
                    .map(|c| c.id.as_str())
                    .filter(|c| Some(*c) == own_cluster),
            })
            .collect(),
    };
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
        return Ok(());
    }
    writeln!(out, "{event}: {}", report.summary)?;
    if report.suggestions.is_empty() {
        writeln!(
            out,
            "  no events of other articles in the same country and months"
        )?;
    }
    for (rank, s) in report.suggestions.iter().enumerate() {
        let linked = s
            .linked
            .map_or(String::new(), |c| format!("  [linked, {c}]"));
        writeln!(
            out,
            "{:>3}. {:<32} score {:>5.1}{linked}\n     {}\n     {}",
            rank + 1,
            s.suggestion.event,
            s.suggestion.score,
            s.summary,
            reasons_line(&s.suggestion.reasons)
        )?;
    }
    Ok(())
}

fn show(desk: &Desk, cluster: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let links = Links::load(desk)?;
    let target = links
        .find(cluster)
        .with_context(|| format!("`{cluster}` is neither a cluster nor a linked event"))?;
    let members = member_fields(desk, target.member_ids())?;
    let borrowed: Vec<(&str, &EventFields)> =
        members.iter().map(|(id, f)| (id.as_str(), f)).collect();
    writeln!(out, "cluster {}", target.id)?;
    for member in &target.members {
        let missing = if borrowed.iter().any(|(id, _)| *id == member.event) {
            ""
        } else {
            "  (no longer in the desk)"
        };
        writeln!(
            out,
            "  {}  linked by {} at {}{missing}",
            member.event, member.linked_by, member.linked_at
        )?;
    }
    let record = resolve(target, &borrowed);
    writeln!(out, "values:")?;
    for (field, rule) in &record.rules {
        let value = record.fields.get(*field).unwrap_or_default();
        let sources = record
            .sources
            .get(field)
            .map_or(String::new(), |s| s.join(", "));
        writeln!(out, "  {field} = {value}  ({rule}; from {sources})")?;
    }
    let disagree = disagreements(&borrowed);
    if !disagree.is_empty() {
        writeln!(out, "members disagree on:")?;
        for (field, variants) in disagree {
            let shown: Vec<String> = variants
                .iter()
                .map(|v| format!("{} ({})", v.value, v.events.join(", ")))
                .collect();
            writeln!(out, "  {field}: {}", shown.join(" vs "))?;
        }
    }
    Ok(())
}
