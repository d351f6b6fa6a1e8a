//! `supple pain`: the day's average pain, a record of its own kind in the
//! history log ([`crate::core::history::mark`]).

use std::process::ExitCode;

use super::{CliError, Ctx};

/// Your average pain over the last 24 hours, 0 (none) to 10 (the worst you can
/// imagine); `supple report` draws it day by day.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 0 to 10.
    #[arg(value_name = "0-10", value_parser = clap::value_parser!(u8).range(0..=10))]
    pub pain: u8,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let pain = args.pain;
    if pain > 10 {
        return Err(CliError::failed(
            "pain is 0 (none) to 10 (the worst you can imagine)",
        ));
    }
    let dir = super::data_dir(ctx)?;
    super::activities::record_pain(ctx, &mut *ctx.out(), dir, pain)?;
    Ok(ExitCode::SUCCESS)
}
