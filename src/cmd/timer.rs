//! The ice and heat pack timer (`supple ice`, `heat` and `contrast`): full
//! screen or as lines, its flags shared by the three.

use std::process::ExitCode;

use super::{CliError, Ctx, resume, screen, session};
use crate::app::{Launch, Settings};
use crate::core::history::build as records;
use crate::core::pack::Advice;
use crate::plain::{self, Ending};

/// The timer's flags: `supple ice --on 15m --plain`, and so on.
#[derive(Debug, Clone, clap::Args)]
pub struct PackArgs {
    /// How long each application lasts (default 20m, or [pack] on in the config file).
    #[arg(long, value_name = "DURATION", value_parser = super::values::on)]
    pub on: Option<std::time::Duration>,
    /// The rest between applications (default 20m, or [pack] off).
    #[arg(long, value_name = "DURATION", value_parser = super::values::off)]
    pub off: Option<std::time::Duration>,
    /// How many applications, 1 to 12 (default 3, or [pack] cycles).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=12))]
    pub cycles: Option<u32>,
    /// Time since the pain began (for example 30h or 3days): supple says what the
    /// sources say about heat and ice for that time (either is fine).
    #[arg(long, value_name = "DURATION", value_parser = super::values::since)]
    pub since: Option<std::time::Duration>,
    /// Line output for a log, a script or a screen reader.
    #[arg(long)]
    pub plain: bool,
    /// No bell.
    #[arg(long)]
    pub quiet: bool,
    /// Speak each switch (needs espeak-ng, spd-say or say).
    #[arg(long)]
    pub voice: bool,
}

/// Runs the timer for `mode`.
pub(crate) fn run(
    ctx: &Ctx,
    mode: crate::core::pack::Treatment,
    args: PackArgs,
) -> Result<ExitCode, CliError> {
    let c = &ctx.config().config;
    let plan = session::plan_from(mode, c, args.on, args.off, args.cycles);
    if let (Some(_), Some(why)) = (args.on, plan.too_long()) {
        return Err(CliError::usage(format!("--on {why}")));
    }
    let (resumed, mut notes) = resume::offer(ctx);
    let running_elsewhere = !notes.is_empty();
    // The flag wins; without it, the open episode says how long it has been.
    let episode = args
        .since
        .is_none()
        .then(|| screen::open_episode(ctx))
        .flatten();
    let now = ctx.now;
    let since = args.since.or(episode.as_ref().map(|e| e.since(now)));
    if let Some(since) = since {
        // The same words whichever was chosen: never a warning against it.
        let note = Advice::for_time_since(since).text().to_owned();
        notes.push(match &episode {
            Some(e) => format!("Day {} of this episode. {note}", e.day(now)),
            None => note,
        });
        if since >= crate::core::red_flags::EASING_EXPECTED {
            notes.push(crate::core::red_flags::NOT_GETTING_BETTER.to_owned());
        }
    }
    let settings = Settings {
        muted: args.quiet,
        voice: args.voice,
        pain: false,
    };
    if !args.plain && ctx.full_screen() {
        // Another session running: the start screen says so, and asks.
        if running_elsewhere {
            notes.push(crate::core::resume::SECOND_PACK.to_owned());
        }
        let (entries, warnings) = ctx.library.entries();
        let mut app = screen::new_app(ctx, entries, warnings, settings, Launch::Direct);
        let slot = match resumed {
            Some((session, slot)) => {
                app.resume_pack(session, ctx.moment());
                Some(slot)
            }
            None => {
                app.open_pack(plan, notes, ctx.moment());
                None
            }
        };
        return screen::run(ctx, &mut app, slot);
    }
    if !args.plain {
        let _ = writeln!(
            ctx.err(),
            "supple: {}, so the timer prints lines of text (--plain)",
            crate::tui::term::why_not()
        );
    }
    let rx = session::input_channel(ctx);
    let setup = plain::pack::Setup {
        alerts: plain::pack::Alerts {
            bell: !args.quiet && ctx.terminals.stdout,
            voice: args.voice,
            chime: (!args.quiet).then(|| session::sound_setup(ctx)),
        },
        hooks: c.hooks.clone(),
        tz: ctx.tz.clone(),
        state_dir: ctx.state.clone(),
    };
    let begun = ctx.moment();
    let (ending, ran) = {
        let mut out = ctx.out();
        plain::pack::play(plan, &notes, &mut *out, &rx, ctx.clock(), setup, resumed)?
    };
    if ending != Ending::HungUp {
        let now = ctx.moment();
        let start = ran.started().unwrap_or(begun);
        session::save(
            ctx,
            &records::pack(&ran, &session::span(ctx, start, ran.ended_at(now))),
        );
    }
    Ok(ExitCode::from(ending.exit_code()))
}
