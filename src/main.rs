//! The `factdesk` command line: parses arguments and dispatches to the
//! library. Each subcommand's work lives in the library, not here.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use factdesk::desk::{Desk, check_desk};

/// Review machine-extracted conflict events from news articles.
///
/// With no subcommand, opens the review desk on `data/`.
#[derive(Parser)]
#[command(name = "factdesk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Review a desk's events in the terminal (the default).
    Review(ReviewArgs),
    /// Validate every file of a desk; prints `path:line:column: message`
    /// for each problem and exits non-zero if there is any.
    Check {
        /// The desk directory.
        #[arg(default_value = "data")]
        dir: PathBuf,
    },
    /// Propose candidate events for every article that has none yet
    /// (all of them with --force), on all cores.
    Extract {
        /// The desk directory.
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// Extract again the articles that already have candidates.
        #[arg(long)]
        force: bool,
    },
    /// Measure the extractor against the analysts' decisions: event
    /// precision and recall, accuracy field by field.
    Eval {
        /// The desk directory.
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Judge the candidates saved in extracted/ instead of running
        /// the built-in extractor afresh.
        #[arg(long)]
        saved: bool,
    },
    Export(factdesk::export::ExportArgs),
    /// Import candidate events from an external extractor (JSON Lines).
    ///
    /// Schema and example: docs/import.md. Bad lines are reported as
    /// `FILE:LINE:COLUMN: reason` and skipped, the good ones imported;
    /// decisions are never touched. Exits non-zero if a line was refused.
    Import(factdesk::import::ImportArgs),
    /// Where a desk stands: progress, counts, pace, most corrected fields.
    ///
    /// Events per status, event type, country and reviewer; progress
    /// (reviewed / total); decisions per active clock hour, from the
    /// recorded decision times; the fields analysts correct most often.
    Stats {
        /// The desk directory.
        #[arg(default_value = "data")]
        dir: PathBuf,
        /// Print JSON for scripts instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// Link events that are the same real-world event across articles:
    /// suggest, add, remove, set cluster values, show, eval.
    Link(factdesk::link::LinkArgs),
}

#[derive(clap::Args, Default)]
struct ReviewArgs {
    /// The desk directory.
    #[arg(default_value = "data")]
    dir: PathBuf,
    /// Name recorded with each decision (default: $USER).
    #[arg(long)]
    reviewer: Option<String>,
    /// A keymap file that overrides the default bindings key by key
    /// (default: $XDG_CONFIG_HOME/factdesk/keymap.toml if it exists).
    #[arg(long)]
    keymap: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // `factdesk export | head`: the reader left, which is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("factdesk: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command.unwrap_or(Command::Review(ReviewArgs {
        dir: PathBuf::from("data"),
        ..ReviewArgs::default()
    })) {
        Command::Review(args) => review(args),
        Command::Check { dir } => check(&dir),
        Command::Extract { dir, force } => extract(&dir, force),
        Command::Eval { dir, json, saved } => eval(&dir, json, saved),
        Command::Export(args) => export(&args),
        Command::Import(args) => import(&args),
        Command::Stats { dir, json } => stats(&dir, json),
        Command::Link(args) => {
            args.run(&mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn review(args: ReviewArgs) -> anyhow::Result<ExitCode> {
    let keymap = factdesk::keymap::Keymap::load(args.keymap.as_deref())?;
    let desk = Desk::open(&args.dir).with_context(|| format!("opening {}", args.dir.display()))?;
    let reviewer = args
        .reviewer
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "analyst".to_string());
    // A fresh desk opens on ready work: articles without candidates are
    // extracted first (one directory listing when every article has them).
    // Only the desk's writer extracts; a desk open elsewhere is left as it is
    // and the review below opens read-only.
    if let factdesk::desk::LockOutcome::Acquired(_lock) = desk.lock(&reviewer)? {
        let report = factdesk::extract::batch::extract_desk(&desk, false)?;
        for failure in &report.failed {
            eprintln!("factdesk: {failure}");
        }
    }
    let options = factdesk::tui::Options {
        reviewer,
        keymap,
        theme: factdesk::tui::Theme::from_env(),
    };
    factdesk::tui::run(desk, options)?;
    Ok(ExitCode::SUCCESS)
}

fn extract(dir: &std::path::Path, force: bool) -> anyhow::Result<ExitCode> {
    let desk = Desk::open(dir)?;
    let who = std::env::var("USER").unwrap_or_else(|_| "factdesk extract".to_string());
    let _lock = match desk.lock(&who)? {
        factdesk::desk::LockOutcome::Acquired(lock) => lock,
        factdesk::desk::LockOutcome::HeldBy(holder) => {
            anyhow::bail!(
                "{} is open by {holder}; try again when it is closed",
                dir.display()
            )
        }
    };
    let report = factdesk::extract::batch::extract_desk(&desk, force)?;
    for failure in &report.failed {
        eprintln!("{failure}");
    }
    eprintln!(
        "{}: {} articles extracted ({} events), {} already had candidates, {} in other languages, {} failed",
        dir.display(),
        report.extracted,
        report.events,
        report.skipped,
        report.unsupported,
        report.failed.len()
    );
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn eval(dir: &std::path::Path, json: bool, saved: bool) -> anyhow::Result<ExitCode> {
    use factdesk::eval::{Predictions, eval_desk, render_json, render_table};
    let desk = Desk::open(dir)?;
    let predictions = if saved {
        Predictions::Saved
    } else {
        Predictions::Fresh
    };
    let report = eval_desk(&desk, predictions)?;
    if json {
        println!("{}", render_json(&report));
    } else {
        print!("{}", render_table(&report));
    }
    Ok(ExitCode::SUCCESS)
}

fn check(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    let desk = Desk::open(dir)?;
    let mut problems = check_desk(&desk);
    problems.extend(factdesk::link::check_desk_links(&desk));
    problems.extend(factdesk::gazetteer::check_desk_gazetteer(&desk));
    problems.extend(factdesk::extract::actors::check_desk_actors(desk.root()));
    for problem in &problems {
        println!("{problem}");
    }
    if problems.is_empty() {
        eprintln!(
            "{}: {} articles, no problems",
            dir.display(),
            desk.article_ids().len()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{}: {} problem(s)", dir.display(), problems.len());
        Ok(ExitCode::FAILURE)
    }
}

fn export(args: &factdesk::export::ExportArgs) -> anyhow::Result<ExitCode> {
    let summary = args.run()?;
    eprintln!(
        "exported {} events from {} articles",
        summary.events, summary.articles
    );
    Ok(ExitCode::SUCCESS)
}

fn import(args: &factdesk::import::ImportArgs) -> anyhow::Result<ExitCode> {
    let report = args.run()?;
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    for (article, previous) in &report.replaced {
        eprintln!(
            "{article}: replaced the candidates from {}",
            factdesk::import::describe(previous)
        );
    }
    eprintln!(
        "imported {} events for {} articles; {} line(s) refused; {} decision(s) on events no longer proposed kept",
        report.events,
        report.articles,
        report.problems.len(),
        report.kept_decisions
    );
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn stats(dir: &std::path::Path, json: bool) -> anyhow::Result<ExitCode> {
    let desk = Desk::open(dir)?;
    let stats = factdesk::stats::desk_stats(&desk)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        print!("{}", factdesk::stats::render_text(&stats));
    }
    Ok(ExitCode::SUCCESS)
}
