//! `supple list`: every routine with its length.

use std::process::ExitCode;

use super::{CliError, Ctx, routines, warn_all};

/// List every routine, bundled and your own, with its length.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let warnings = {
        let mut out = ctx.out();
        let warnings = routines::write_list(&mut *out, &ctx.library, args.json)?;
        out.flush()?;
        warnings
    };
    warn_all(ctx, &warnings);
    Ok(ExitCode::SUCCESS)
}
