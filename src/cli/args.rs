//! The command line's definition for clap: the global flags and one line per
//! command, naming the command's own `Args` (in its file under `src/cmd/`, with
//! its help). Nothing here runs a command.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::cmd;

/// Guided stretch routines and an ice and heat timer, in the terminal.
///
/// supple steps you through timed stretch routines: what to do now, a countdown
/// for each hold, reps, sets and sides, rests, and what comes next. Its 20-on,
/// 20-off ice and heat timer keeps time through sleep and closed terminals; an
/// episode of back pain gets a plan for each day. Routines and plans are TOML
/// files you can write, check and share (`supple format`, `supple help plans`).
#[derive(Debug, Parser)]
#[command(
    name = "supple",
    version,
    about,
    long_about,
    after_help = crate::core::red_flags::help_footer(),
)]
pub struct Cli {
    /// Where the history log is kept (default: $SUPPLE_DATA_DIR, else
    /// $XDG_DATA_HOME/supple, usually ~/.local/share/supple).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

/// The commands. Adding one: a file in `src/cmd/` with its `Args` and `run`, and
/// a line here (and in the dispatch's match, `cli::run`).
#[derive(Debug, Subcommand)]
pub enum Cmd {
    Plans(cmd::plans::Args),
    List(cmd::list::Args),
    Check(cmd::check::Args),
    Plan(cmd::plan::Args),
    Play(cmd::play::Args),
    Walk(cmd::walk::Args),
    Today(cmd::today::Args),
    Status(cmd::status::Args),
    Episode(cmd::episode::Args),
    Remind(cmd::remind::Args),
    Ice(cmd::ice::Args),
    Heat(cmd::heat::Args),
    Contrast(cmd::contrast::Args),
    RedFlags(cmd::red_flags::Args),
    Format(cmd::format::Args),
    Export(cmd::export::Args),
    New(cmd::new::Args),
    Edit(cmd::edit::Args),
    Completions(cmd::completions::Args),
    Man(cmd::man::Args),
    Config(cmd::config::Args),
    Report(cmd::report::Args),
    Note(cmd::note::Args),
    Pain(cmd::pain::Args),
    Function(cmd::function::Args),
    History(cmd::history::Args),
}
