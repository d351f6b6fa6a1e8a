//! The command line's definition for clap: the global flags, and the
//! subcommands ([`Cmd`], one line each in `src/cmd/mod.rs`, each with its own
//! `Args` and help in its file under `src/cmd/`). Nothing here runs a command.

use std::path::PathBuf;

use clap::Parser;

pub use crate::cmd::Cmd;

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
