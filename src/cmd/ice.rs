//! `supple ice`: the pack timer ([`super::timer`]).

use std::process::ExitCode;

use super::{CliError, Ctx, timer};

/// Ice pack timer: 20 minutes on, 20 off, 3 times, with an alert at each switch.
///
/// Keys: Space or p pause, n next phase, + and - a minute more or less, ? help, q quit.
/// The timer keeps time while the computer sleeps or the process is stopped, and
/// says what it switched while you were away.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub pack: timer::PackArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    timer::run(ctx, crate::core::pack::Treatment::Ice, args.pack)
}
