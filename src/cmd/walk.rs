//! `supple walk`: an easy walk, out and back, the walk routine's holds stretched
//! to its length.

use std::process::ExitCode;

use super::{CliError, Ctx, session};
use crate::app::Settings;

/// An easy walk, out and back (5 minutes, or LENGTH): the bell says when to turn
/// round and when you are back. Walks count toward Today's plan.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How long, out and back (for example 10m); 1m to 2h.
    #[arg(value_name = "LENGTH", value_parser = super::values::walk)]
    pub length: Option<std::time::Duration>,
    /// Line output for scripts, logs and screen readers.
    #[arg(long)]
    pub plain: bool,
    /// No bell at each step.
    #[arg(long)]
    pub quiet: bool,
    /// Speak "walk back" and the end (needs espeak-ng, spd-say or say).
    #[arg(long)]
    pub voice: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let settings = Settings {
        muted: args.quiet,
        voice: args.voice,
        pain: false,
    };
    session::play_routine(
        ctx,
        crate::core::today::WALK,
        args.length,
        args.plain,
        settings,
    )
}
