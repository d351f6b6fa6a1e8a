//! `supple format`: the routine format's reference, shipped in the binary.

use std::process::ExitCode;

use super::{CliError, Ctx};

/// How to write a routine file: every key, with an example (also `supple help format`).
#[derive(Debug, clap::Args)]
#[command(after_long_help = super::FORMAT)]
pub struct Args {}

pub fn run(ctx: &Ctx, _: Args) -> Result<ExitCode, CliError> {
    let mut out = ctx.out();
    out.write_all(super::FORMAT.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
