//! `supple red-flags`: when to see a doctor.

use std::process::ExitCode;

use super::ask::{self, Stream};
use super::{CliError, Ctx};

/// When self-care is not enough: the signs that are an emergency, those that need
/// a doctor the same day, and when to get help because it is not getting better.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Wrapped at 80 columns (fewer in a narrower terminal), each sign's later lines
/// under its first word.
pub fn run(ctx: &Ctx, _: Args) -> Result<ExitCode, CliError> {
    let width = ask::width(ctx, Stream::Out).min(80);
    let mut out = ctx.out();
    for line in crate::core::red_flags::lines() {
        let (first, rest) = match line.strip_prefix("  - ") {
            Some(sign) => (sign, "    "),
            None => (line.as_str(), ""),
        };
        let wrapped = crate::core::text::wrap(first, width.saturating_sub(rest.len()).max(20));
        if wrapped.is_empty() {
            writeln!(out)?;
        }
        for (i, l) in wrapped.iter().enumerate() {
            let lead = match (i, rest.is_empty()) {
                (_, true) => "",
                (0, false) => "  - ",
                _ => rest,
            };
            writeln!(out, "{lead}{l}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
