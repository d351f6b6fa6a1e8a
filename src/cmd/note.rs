//! `supple note`: a dated note for the physiotherapist, a record of its own kind
//! in the history log ([`crate::core::history::mark`]).

use std::process::ExitCode;

use super::{CliError, Ctx, line};
use crate::core::history::mark::{MAX_NOTE, Mark};

/// A dated note for your physiotherapist, in your words (for example
/// "flared after lifting the shopping"); `supple report` lists them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to note; several words need no quotes.
    #[arg(required = true, num_args = 1.., value_name = "TEXT")]
    pub text: Vec<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let text = args.text.join(" ");
    let text = text.trim();
    if text.is_empty() {
        return Err(CliError::failed(
            "the note is empty; write it after `supple note`, for example: supple note \"flared after lifting the shopping\"",
        ));
    }
    if text.chars().count() > MAX_NOTE {
        return Err(CliError::failed(format!(
            "the note is longer than {MAX_NOTE} characters; a few lines are enough for the report"
        )));
    }
    save(ctx, &Mark::note(&stamp(ctx), text))?;
    line(
        &mut *ctx.out(),
        "Noted, with today's date; `supple report` lists it for your physiotherapist.",
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Appends the note to the log.
fn save(ctx: &Ctx, mark: &Mark) -> Result<(), CliError> {
    let dir = super::data_dir(ctx)?;
    crate::store::log::append_mark(dir, mark)
        .map(|_| ())
        .map_err(|e| CliError::failed(e.report().join("\n")))
}

/// The run's time, as the log writes it.
fn stamp(ctx: &Ctx) -> String {
    crate::core::history::build::rfc3339(ctx.now, &ctx.tz)
}
