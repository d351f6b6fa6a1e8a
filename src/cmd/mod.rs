//! The commands: one file per subcommand, each with its own clap `Args` and a
//! `run(&Ctx, Args) -> Result<ExitCode, CliError>`; what several of them share is
//! in the files without a command (`routines.rs`, `screen.rs`, `resume.rs`,
//! `session.rs`, `ask.rs`, `questions.rs`, `complete.rs`). The dispatch is in
//! [`crate::cli`], the one module above this one: nothing here imports it. A
//! command reads no clock, environment or standard stream itself: the run's
//! [`Ctx`] has them. `ice.rs` runs `supple ice`, `heat` and `contrast`.

use std::io::{self, Write};

use crate::core::text::{sanitize, sanitize_lines};
pub use crate::ctx::Ctx;

mod activities;
mod ask;
pub mod complete;
mod day;
mod error;
pub mod home;
mod questions;
mod resume;
mod routines;
mod screen;
mod session;
mod timer;

pub use error::CliError;

/// The commands, in the order `supple --help` lists them. Each line is a
/// subcommand (clap names `RedFlags` `red-flags`) and the file that is it:
/// `src/cmd/NAME.rs`, with its clap `Args` (whose doc comment is its help) and
/// `pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError>`. The macro
/// declares each module, the [`Cmd`] enum clap parses, and [`Cmd::run`]: adding
/// a command is its file and one line here.
macro_rules! commands {
    ($($variant:ident => $module:ident,)*) => {
        $(pub mod $module;)*

        /// A subcommand, as clap parsed it: its file's `Args`.
        #[derive(Debug, clap::Subcommand)]
        pub enum Cmd {
            $($variant($module::Args),)*
        }

        impl Cmd {
            /// Runs the command in the run's context.
            pub fn run(self, ctx: &Ctx) -> Result<std::process::ExitCode, CliError> {
                match self {
                    $(Cmd::$variant(args) => $module::run(ctx, args),)*
                }
            }
        }
    };
}

commands! {
    Plans => plans,
    List => list,
    Check => check,
    Plan => plan,
    Play => play,
    Walk => walk,
    Today => today,
    Status => status,
    Episode => episode,
    Remind => remind,
    Ice => ice,
    Heat => heat,
    Contrast => contrast,
    RedFlags => red_flags,
    Format => format,
    Export => export,
    New => new,
    Edit => edit,
    Completions => completions,
    Man => man,
    Config => config,
    Report => report,
    Note => note,
    Pain => pain,
    Function => function,
    History => history,
}

/// The routine format's reference, shipped in the binary (`supple format`).
pub const FORMAT: &str = include_str!("../../docs/routine-format.md");

/// The plan format's reference, shipped in the binary (`supple help plans`).
pub const PLAN_FORMAT: &str = include_str!("../../docs/plan-format.md");

/// The config file's reference, shipped in the binary (`supple help config`).
pub const CONFIG_FORMAT: &str = include_str!("../../docs/config.md");

/// Writes one line of possibly untrusted text, made safe.
fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", sanitize(text))
}

/// Writes `value` as pretty JSON and a line break. (Serialised first, so that a
/// closed pipe comes back as the io error it is.)
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    out.write_all(crate::core::text::json_for_terminal(&text).as_bytes())?;
    writeln!(out)
}

/// Writes a warning on the run's error writer, sanitised.
fn warn(ctx: &Ctx, message: &str) {
    let _ = writeln!(ctx.err(), "supple: warning: {}", sanitize(message));
}

fn warn_all(ctx: &Ctx, warnings: &[String]) {
    for w in warnings {
        warn(ctx, w);
    }
}

/// Writes an error on `err`, sanitised, every long word cut: what the dispatch
/// does with a command's [`CliError`], and what a command that goes on after a
/// failure (a session saved, an input closed) says.
pub fn fail(err: &mut dyn Write, message: &str) {
    // A message that says "supple: error:" itself (a record kept for the person)
    // is not given the prefix twice.
    let message = message.strip_prefix("supple: error: ").unwrap_or(message);
    let _ = writeln!(
        err,
        "supple: error: {}",
        sanitize_lines(&cut_long_words(message))
    );
}

/// Every run of more than 200 characters without a space cut to 200, with `…`:
/// a value given on the command line is echoed, never 100,000 characters of it.
fn cut_long_words(text: &str) -> std::borrow::Cow<'_, str> {
    const LONGEST: usize = 200;
    let long = text
        .split(char::is_whitespace)
        .any(|w| w.chars().nth(LONGEST).is_some());
    if !long {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(4096));
    let mut run = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run == LONGEST + 1 {
                out.push('…');
            }
            if run > LONGEST {
                continue;
            }
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The data folder, or the error every command that writes the log gives without one.
fn data_dir(ctx: &Ctx) -> Result<&std::path::Path, CliError> {
    ctx.data().ok_or_else(|| {
        CliError::failed("no folder for the history log ($HOME is not set); use --data-dir")
    })
}

/// The values the command line's flags take, checked by clap as it parses them.
pub(crate) mod values {
    use crate::core::pack;
    use crate::core::text::sanitize;
    use std::time::Duration;

    fn parse_with(s: &str, max: Duration) -> Result<Duration, String> {
        crate::core::duration::parse(s, max)
            .map_err(|e| format!("'{}' {e}; {}", sanitize(s), e.help(s)))
    }

    pub(crate) fn on(s: &str) -> Result<Duration, String> {
        match parse_with(s, pack::MAX_PHASE)? {
            d if d.is_zero() => {
                Err("an application must be longer than 0s, for example 20m".into())
            }
            d => Ok(d),
        }
    }

    pub(crate) fn walk(s: &str) -> Result<Duration, String> {
        match parse_with(s, Duration::from_secs(2 * 3600))? {
            d if d < Duration::from_secs(60) => {
                Err("a walk is a minute or more, for example 10m".into())
            }
            d => Ok(d),
        }
    }

    pub(crate) fn every(s: &str) -> Result<Duration, String> {
        parse_with(s, crate::core::remind::MAX_EVERY)
    }

    pub(crate) fn off(s: &str) -> Result<Duration, String> {
        parse_with(s, pack::MAX_PHASE)
    }

    pub(crate) fn period(s: &str) -> Result<crate::core::report::Period, String> {
        crate::core::report::Period::parse(s)
            .map_err(|e| format!("'{}' {e}; {}", sanitize(s), e.help(s)))
    }

    pub(crate) fn since(s: &str) -> Result<Duration, String> {
        parse_with(s, Duration::from_secs(5 * 365 * 24 * 3600))
    }
}

/// The plan the episode follows, as the run's folders and config say it.
fn episode_plan(
    ctx: &Ctx,
    episode: &crate::core::episode::Episode,
) -> Result<crate::core::plan::Plan, String> {
    crate::store::today::episode_plan(
        &ctx.plans,
        &ctx.library,
        episode,
        ctx.config().config.pack_on,
    )
}

/// Today's plan as of the run's time, from the end of the log, handed to `f`;
/// `None` without a data folder, an open episode or a plan it can follow.
fn with_today<R>(
    ctx: &Ctx,
    f: impl FnOnce(&crate::core::today::Today<'_>) -> R,
) -> Result<Option<R>, CliError> {
    let Some(dir) = ctx.data() else {
        return Ok(None);
    };
    crate::store::today::with_today(dir, ctx.now, &ctx.tz, |e| episode_plan(ctx, e).ok(), f)
        .map_err(CliError::failed)
}

/// The history log, for a command that acts on what it holds: a log that cannot
/// be read (a FIFO there, over the size limit, no permission) is an error that
/// says so, never "nothing there". `None` when there is no data folder.
fn readable_log(ctx: &Ctx) -> Result<Option<&crate::ctx::ReadLog>, CliError> {
    match ctx.log() {
        Some(log) if log.unreadable => {
            Err(CliError::failed(log.problem.clone().unwrap_or_else(|| {
                "the history log cannot be read".to_owned()
            })))
        }
        found => Ok(found),
    }
}

/// Takes the episode lock in `dir` and reads the episode records as they are
/// now (another supple may have started or ended one since this one read the
/// log). Held until the returned lock is dropped.
fn episodes_locked(
    ctx: &Ctx,
    dir: &std::path::Path,
) -> Result<(impl Sized, Vec<crate::core::episode::EpisodeRecord>), CliError> {
    let lock = crate::store::log::lock_episodes(dir).map_err(|e| {
        CliError::failed(format!(
            "could not lock the episodes in {}: {}",
            dir.display(),
            crate::store::file::io_reason(&e)
        ))
    })?;
    let path = crate::store::log::log_path(dir);
    let read = crate::store::summary::summarise(&path, ctx.cache.as_deref()).map_err(|e| {
        CliError::failed(format!(
            "the history log {} cannot be read: {e}; move it away or fix it (supple never changes it)",
            path.display()
        ))
    })?;
    Ok((lock, read.summary.episodes))
}
