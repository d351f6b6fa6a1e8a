//! What a session run from a command needs around it: the config's pack plan,
//! sounds and hooks, the plain modes' inputs, and saving its record so that it is
//! never lost.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::{Ctx, fail};
use crate::core::history::{Record, build::Span};
use crate::core::moment::Moment;
use crate::core::pack::{Plan, Treatment};
use crate::plain::{self, Input};

/// Appends a session to the history log; if that fails, says so on the error
/// writer and writes the record there, so that it is not lost.
pub(crate) fn save(ctx: &Ctx, record: &Record) {
    let Some(dir) = ctx.data() else {
        let mut err = ctx.err();
        let _ = writeln!(
            err,
            "supple: error: no folder for the history log ($HOME is not set); use --data-dir"
        );
        let line = serde_json::to_string(record).unwrap_or_default();
        let _ = writeln!(err, "{}", crate::core::text::json_for_terminal(&line));
        return;
    };
    let mut hooks = hooks(ctx);
    hooks.run(&crate::core::hook::ended(record));
    if let Err(e) = crate::store::log::append(dir, record) {
        let mut err = ctx.err();
        for line in e.report() {
            let _ = writeln!(err, "{line}");
        }
    }
    // The finished or stopped hook gets its last moment, and its failure is said.
    hooks.finish_within(crate::shell::hooks::AT_EXIT);
    let mut out = ctx.out();
    while let Some(problem) = hooks.problem() {
        let _ = writeln!(out, "Note: {problem}.");
    }
    let _ = out.flush();
}

/// When a session started and ended, in wall-clock time, both from the run's one
/// reading of the wall clock, so a clock stepped during the session (NTP, a dual
/// boot) never puts its end before its start. `end` is the moment it ended.
pub(crate) fn span(ctx: &Ctx, start: Moment, end: Moment) -> Span {
    Span {
        start: ctx.wall_at(start),
        end: ctx.wall_at(end),
        end_moment: end,
        tz: ctx.tz.clone(),
    }
}

/// Flags win over the config file, which wins over the defaults.
pub(crate) fn plan_from(
    mode: Treatment,
    c: &crate::core::config::Config,
    on: Option<Duration>,
    off: Option<Duration>,
    cycles: Option<u32>,
) -> Plan {
    Plan {
        mode,
        on: on.or(c.pack_on).unwrap_or(crate::core::pack::DEFAULT_ON),
        off: off.or(c.pack_off).unwrap_or(crate::core::pack::DEFAULT_OFF),
        cycles: cycles
            .or(c.pack_cycles)
            .unwrap_or(crate::core::pack::DEFAULT_CYCLES),
        heat_max: c.pack_heat_max.unwrap_or(crate::core::pack::HEAT_MAX),
    }
}

/// Standard input lines and Ctrl-C, SIGTERM and SIGHUP, on one channel, for the
/// plain modes.
pub(crate) fn input_channel(ctx: &Ctx) -> mpsc::Receiver<Input> {
    let (tx, rx) = mpsc::channel();
    match Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(mut signals) => {
            let tx = tx.clone();
            thread::spawn(move || {
                for sig in signals.forever() {
                    if tx.send(Input::Signal(sig)).is_err() {
                        break;
                    }
                }
            });
        }
        Err(e) => fail(
            &mut *ctx.err(),
            &format!("cannot watch for Ctrl-C ({e}); use q and Enter to stop"),
        ),
    }
    plain::spawn_stdin_reader(tx);
    rx
}

/// `[hooks]` from the config file, ready to run.
pub(crate) fn hooks(ctx: &Ctx) -> crate::shell::hooks::Hooks {
    crate::shell::hooks::Hooks::new(ctx.config().config.hooks.clone())
}

/// `[sound]` from the config file, with its defaults.
pub(crate) fn sound_setup(ctx: &Ctx) -> crate::shell::sound::SoundSetup {
    let c = &ctx.config().config;
    crate::shell::sound::SoundSetup {
        chime: c.chime.unwrap_or(true),
        volume: c.volume.unwrap_or(crate::core::config::DEFAULT_VOLUME),
    }
}

/// Plays a routine (`supple play`, `supple walk`): full screen on a terminal,
/// else as lines; `holds` stretches its holds to that length (a walk's).
pub(crate) fn play_routine(
    ctx: &Ctx,
    arg: &str,
    holds: Option<Duration>,
    plain: bool,
    settings: crate::app::Settings,
) -> Result<std::process::ExitCode, super::CliError> {
    use crate::core::timeline::Timeline;
    let loaded = super::routines::load(&ctx.library, arg)?;
    let (routine, _) = super::routines::progressed(ctx, loaded.routine, &loaded.id);
    let routine = match holds {
        Some(d) => routine.stretched(d),
        None => routine,
    };
    let (id, hash) = (loaded.id, loaded.hash);
    if !plain {
        if ctx.full_screen() {
            let (entries, warnings) = ctx.library.entries();
            let mut app = super::screen::new_app(
                ctx,
                entries,
                warnings,
                settings,
                crate::app::Launch::Direct,
            );
            app.play_routine(Timeline::new(routine), Some(id), hash, ctx.moment());
            return super::screen::run(ctx, &mut app, None);
        }
        let _ = writeln!(
            ctx.err(),
            "supple: {}, so the routine plays as lines of text (--plain)",
            crate::tui::term::why_not()
        );
    }
    let rx = input_channel(ctx);
    let options = plain::Options {
        pain: settings.pain,
        voice: settings.voice,
        chime: (!settings.muted).then(|| sound_setup(ctx)),
        hooks: ctx.config().config.hooks.clone(),
        // Wrapped at words in a terminal; whole lines in a pipe or a file.
        width: Some(super::ask::width(ctx, super::ask::Stream::Out)).filter(|w| *w != usize::MAX),
    };
    let start = ctx.moment();
    let run = {
        let mut out = ctx.out();
        plain::play(Timeline::new(routine), &mut *out, &rx, ctx.clock(), options)?
    };
    let mut record = crate::core::history::build::routine(
        &run.session,
        Some(&id),
        hash.as_deref(),
        &span(ctx, start, ctx.moment()),
    );
    record.pain_before = run.pain_before;
    record.pain_after = run.pain_after;
    save(ctx, &record);
    if run.ending == plain::Ending::InputClosed {
        fail(
            &mut *ctx.err(),
            "standard input is closed, so a rep done at your own pace cannot be confirmed; \
             run `supple play` from a terminal, or give the exercise a 'hold' so it is timed",
        );
    }
    Ok(std::process::ExitCode::from(run.ending.exit_code()))
}
