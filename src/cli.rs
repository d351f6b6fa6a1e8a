//! The command line: clap definitions and the dispatch to each command.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use clap::{Parser, Subcommand};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, Home, Settings};
use crate::clock::{Clock, MonotonicClock};
use crate::commands;
use crate::plain::{self, Ending, Input};
use crate::routine::library::{Entry, Library, Source};
use crate::routine::{LoadError, Routine};
use crate::text::{sanitize, sanitize_lines};
use crate::timeline::Timeline;
use crate::tui;
use crate::ui::theme::Theme;

/// Guided stretch routines in the terminal.
///
/// supple steps you through timed stretch routines: what to do now, a countdown
/// for each hold, reps, sets and sides, rests, and what comes next. Routines are
/// TOML files you can write, check and share (see docs/routine-format.md).
///
/// Self-care support, not a diagnosis: stop any exercise that hurts, and see a
/// doctor for severe, lasting or unusual pain.
#[derive(Debug, Parser)]
#[command(name = "supple", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List every routine, bundled and your own, with its length.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check routine files for errors.
    ///
    /// Prints `FILE: ok (N exercises, total T)` for a valid routine and every error
    /// of an invalid one, with its line and column. Exits with status 1 if any
    /// routine is invalid.
    Check {
        /// Routine files (or names of bundled and user routines).
        #[arg(required = true, value_name = "ROUTINE")]
        routines: Vec<String>,
    },
    /// Show a routine step by step: when each step starts, how long it lasts, what to do.
    Plan {
        /// A bundled routine, one of yours (file name without .toml), or a .toml path.
        routine: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Play a routine in real time, full screen.
    ///
    /// Keys: Space pause, → or n next step, ← or p back, Enter a rep done at your own
    /// pace, r restart the exercise, m sounds on/off, ? help, q quit.
    ///
    /// With --plain (or when standard output is not a terminal), one line per step as
    /// it starts: type Enter to confirm a rep, p to pause, n to skip, b to go back, q
    /// to stop (each followed by Enter). Ctrl-C stops.
    Play {
        /// A bundled routine, one of yours (file name without .toml), or a .toml path.
        routine: String,
        /// Line output for scripts, logs and screen readers.
        #[arg(long)]
        plain: bool,
        /// No bell at each step and no ticks in the last seconds of a hold.
        #[arg(long)]
        quiet: bool,
        /// Speak the exercise names, "switch sides", "rest" and the 3-2-1 (needs
        /// espeak-ng, spd-say or say).
        #[arg(long)]
        voice: bool,
    },
}

/// Exit status for "stopped by the user", as shells report Ctrl-C.
pub const EXIT_STOPPED: u8 = 130;

/// Runs the command line. Returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let library = Library::from_env();
    let result = match cli.command {
        None => home(&library),
        Some(Cmd::List { json }) => list(&library, json),
        Some(Cmd::Check { routines }) => check(&library, &routines),
        Some(Cmd::Plan { routine, json }) => plan(&library, &routine, json),
        Some(Cmd::Play {
            routine,
            plain,
            quiet,
            voice,
        }) => play(
            &library,
            &routine,
            plain,
            Settings {
                muted: quiet,
                voice,
            },
        ),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`supple plan x | head -1`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            fail(&format!("cannot write output: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Prints an error to stderr, sanitised.
fn fail(message: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "supple: error: {}", sanitize_lines(message));
}

fn warn_all(warnings: &[String]) {
    let mut err = io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "supple: warning: {}", sanitize(w));
    }
}

/// `supple` with no command: the home screen, or the list when not on a terminal.
fn home(library: &Library) -> io::Result<u8> {
    if tui::term::available() {
        let (entries, warnings) = library.entries();
        let mut app = App::new(Home::new(entries, warnings), Settings::default());
        return full_screen(&mut app, &MonotonicClock::new());
    }
    let code = list(library, false)?;
    let mut out = io::stdout().lock();
    writeln!(out)?;
    writeln!(
        out,
        "Start one:        supple play back-spasm-relief --plain"
    )?;
    writeln!(out, "See it first:     supple plan back-spasm-relief")?;
    writeln!(
        out,
        "Write your own:   docs/routine-format.md, then supple check FILE"
    )?;
    if let Some(dir) = library.user_dir() {
        writeln!(
            out,
            "Your routines go in {}",
            sanitize(&dir.display().to_string())
        )?;
    }
    writeln!(out, "More: supple --help")?;
    out.flush()?;
    Ok(code)
}

fn list(library: &Library, json: bool) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    let warnings = commands::list(&mut out, library, json)?;
    out.flush()?;
    warn_all(&warnings);
    Ok(0)
}

fn check(library: &Library, args: &[String]) -> io::Result<u8> {
    let mut entries: Vec<(String, Entry)> = Vec::with_capacity(args.len());
    let mut missing = false;
    for arg in args {
        match library.resolve(arg) {
            Ok(entry) => entries.push((arg.clone(), entry)),
            Err(not_found) => {
                fail(&not_found.to_string());
                missing = true;
            }
        }
    }
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let ok = commands::check(&mut out, &mut err, &entries)?;
    Ok(if ok && !missing { 0 } else { 1 })
}

/// Resolves and loads a routine, printing the problem if there is one.
fn load(library: &Library, arg: &str) -> Option<Routine> {
    let entry = match library.resolve(arg) {
        Ok(entry) => entry,
        Err(not_found) => {
            fail(&not_found.to_string());
            return None;
        }
    };
    match entry.routine {
        Ok(routine) => Some(routine),
        Err(e) => {
            report(&e, &entry.source);
            None
        }
    }
}

fn report(e: &LoadError, source: &Source) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{e}");
    let count = e.count();
    let what = if count == 1 { "an error" } else { "errors" };
    let _ = writeln!(
        err,
        "supple: error: the {} routine {} has {what}; fix it and run `supple check` on it",
        source.label(),
        sanitize(&e.origin),
    );
}

fn plan(library: &Library, arg: &str, json: bool) -> io::Result<u8> {
    let Some(routine) = load(library, arg) else {
        return Ok(1);
    };
    let mut out = io::stdout().lock();
    commands::plan(&mut out, &routine, json)?;
    out.flush()?;
    Ok(0)
}

/// Runs the full-screen app and turns how it ended into an exit code.
fn full_screen(app: &mut App, clock: &MonotonicClock) -> io::Result<u8> {
    let exit = tui::term::run(app, &Theme::from_env(), clock)?;
    Ok(tui::term::exit_code(exit))
}

fn play(library: &Library, arg: &str, plain: bool, settings: Settings) -> io::Result<u8> {
    let Some(routine) = load(library, arg) else {
        return Ok(1);
    };
    if !plain {
        if tui::term::available() {
            let (entries, warnings) = library.entries();
            let mut app = App::new(Home::new(entries, warnings), settings);
            app.exit_with_player = true;
            let clock = MonotonicClock::new();
            app.play(Timeline::new(routine), clock.now());
            return full_screen(&mut app, &clock);
        }
        let _ = writeln!(
            io::stderr(),
            "supple: standard output is not a terminal, so the routine plays as lines of text (--plain)"
        );
    }
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
        Err(e) => fail(&format!(
            "cannot watch for Ctrl-C ({e}); use q and Enter to stop"
        )),
    }
    plain::spawn_stdin_reader(tx);
    let mut out = io::stdout().lock();
    let ending = plain::play(
        Timeline::new(routine),
        &mut out,
        &rx,
        &MonotonicClock::new(),
    )?;
    Ok(match ending {
        Ending::Finished => 0,
        Ending::Stopped => EXIT_STOPPED,
        Ending::InputClosed => {
            fail(
                "standard input is closed, so a rep done at your own pace cannot be confirmed; \
                 run `supple play` from a terminal, or give the exercise a 'hold' so it is timed",
            );
            1
        }
    })
}
