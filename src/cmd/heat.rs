//! `supple heat`: the pack timer ([`super::timer`]).

use std::process::ExitCode;

use super::{CliError, Ctx, timer};

/// Heat pack timer: 20 minutes on, 20 off, 3 times.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub pack: timer::PackArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    timer::run(ctx, crate::core::pack::Treatment::Heat, args.pack)
}
