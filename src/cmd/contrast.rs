//! `supple contrast`: the pack timer ([`super::timer`]).

use std::process::ExitCode;

use super::{CliError, Ctx, timer};

/// Heat and ice in turn (heat first), each application --on long, --off between.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub pack: timer::PackArgs,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    timer::run(ctx, crate::core::pack::Treatment::Contrast, args.pack)
}
