//! `supple export`: a routine's or a plan's TOML.

use std::process::ExitCode;

use super::complete;
use super::{CliError, Ctx, routines};
use crate::core::library::Source;
use crate::core::routine::LoadError;
use crate::core::text::sanitize_lines;

/// Print a routine's or a plan's TOML (bundled ones too), to start your own from
/// it: `supple export back-spasm-relief > mine.toml`, `supple export back-spasm`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A bundled routine or plan, one of yours, or a .toml path.
    #[arg(add = complete::routine_or_plan())]
    pub routine: String,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let arg = args.routine.as_str();
    match ctx.library.resolve(arg) {
        Ok(entry) => write_text(
            ctx,
            entry.text.as_deref(),
            &entry.routine,
            &entry.source,
            "routine",
        ),
        // Not a routine: a plan of that name, bundled or the user's.
        Err(not_found) => match ctx.plans.resolve(arg, &ctx.library) {
            Some(plan) => write_text(ctx, plan.text.as_deref(), &plan.plan, &plan.source, "plan"),
            None => Err(CliError::failed(format!(
                "{not_found} (plans: `supple plans`)"
            ))),
        },
    }
}

/// The file's text as it is, or why there is none.
fn write_text<T>(
    ctx: &Ctx,
    text: Option<&str>,
    loaded: &Result<T, LoadError>,
    source: &Source,
    noun: &str,
) -> Result<ExitCode, CliError> {
    match (text, loaded) {
        (Some(text), _) => {
            let mut out = ctx.out();
            out.write_all(sanitize_lines(text).as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        (None, Err(e)) => Err(routines::diagnosed(e, source, noun)),
        // Loaded without its text: nothing a person can be given to start from.
        (None, Ok(_)) => Err(CliError::failed(format!(
            "the {} {noun} has no text to print; `supple check` on it says more",
            source.label()
        ))),
    }
}
