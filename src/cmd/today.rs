//! `supple today`: what the plan asks on this day of the episode, what is done,
//! and the next step (the home screen with its Today panel on a terminal; lines
//! or JSON, `day.rs`, elsewhere).

use std::process::ExitCode;

use super::{CliError, Ctx, day, screen};

/// What to do today: the open episode's day and stage, its advice, each item
/// with what is done today (or this week), and the next step.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Lines of text instead of the full screen.
    #[arg(long)]
    pub plain: bool,
    /// Everything as JSON.
    #[arg(long, conflicts_with = "plain")]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    if !args.plain && !args.json && ctx.full_screen() {
        let mut app = screen::home_app(ctx);
        if app.home().today().is_none() {
            app.notify(
                "No episode is open: supple episode start, when back pain begins",
                ctx.moment(),
            );
        }
        return screen::run(ctx, &mut app, None);
    }
    day::write(ctx, args.json)?;
    Ok(ExitCode::SUCCESS)
}
