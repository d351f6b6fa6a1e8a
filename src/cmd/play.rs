//! `supple play`: a routine, full screen or as lines.

use std::process::ExitCode;

use super::complete;
use super::{CliError, Ctx, session};
use crate::app::Settings;

/// Play a routine in real time, full screen.
///
/// Keys: Space or p pause, → or n next step, ← or b back, Enter a rep done at your own
/// pace, r restart the exercise, m sounds on/off, ? help, q quit.
///
/// With --plain (or when standard output is not a terminal), one line per step as
/// it starts: type Enter to confirm a rep, p to pause, n to skip, b to go back, q
/// to stop (each followed by Enter). Ctrl-C stops.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A bundled routine, one of yours (file name without .toml), or a .toml path.
    #[arg(add = complete::any_routine())]
    pub routine: String,
    /// Line output for scripts, logs and screen readers.
    #[arg(long)]
    pub plain: bool,
    /// No bell at each step and no ticks in the last seconds of a hold.
    #[arg(long)]
    pub quiet: bool,
    /// Speak the exercise names, "switch sides", "rest" and the 3-2-1 (needs
    /// espeak-ng, spd-say or say).
    #[arg(long)]
    pub voice: bool,
    /// Do not ask "Pain now, 0-10?" before and after (also `[player] pain =
    /// false` in the config file).
    #[arg(long)]
    pub no_pain: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let settings = Settings {
        muted: args.quiet,
        voice: args.voice,
        pain: !args.no_pain && ctx.config().config.pain.unwrap_or(true),
    };
    session::play_routine(ctx, &args.routine, None, args.plain, settings)
}
