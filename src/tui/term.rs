//! The real terminal: raw mode and the alternate screen, restored on every way out
//! (quit, panic, Ctrl-C, SIGINT, SIGTERM, SIGHUP), Ctrl-Z and SIGTSTP done the way a
//! shell expects, signals on a thread, and input through crossterm.

use std::io::{self, BufWriter, IsTerminal};
use std::os::fd::AsFd;
use std::panic;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, EnableBracketedPaste, EnableFocusChange,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use rustix::event::{PollFd, PollFlags};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use super::backend::Bytes;
use super::outputs::TtyOutputs;
use super::paint::Painter;
use super::{Exit, Input, Inputs, Outputs};
use crate::app::App;
use crate::shell::alerts::Voice;
use crate::shell::clock::{Clock, SleepWatch};
use crate::shell::hooks::Hooks;
use crate::shell::sound::SoundSetup;
use crate::store::packs::Slot;
use crate::ui::theme::Theme;

/// True when standard output is a terminal the full-screen app can use.
pub fn available() -> bool {
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

/// Why the full-screen app cannot run here, in words: which stream is not a terminal.
pub fn why_not() -> &'static str {
    match (io::stdin().is_terminal(), io::stdout().is_terminal()) {
        (false, false) => "neither standard input nor standard output is a terminal",
        (false, true) => "standard input is not a terminal",
        _ => "standard output is not a terminal",
    }
}

/// Takes the terminal: raw mode, alternate screen, cursor hidden.
/// Bracketed paste is on, so that a paste arrives as one event instead of a flood
/// of keys (a pasted `n` must not skip a step). Focus changes are reported, so
/// that coming back to the window shows routines made meanwhile.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Hide,
        EnableBracketedPaste,
        EnableFocusChange
    )
}

/// Gives the terminal back. Every step is tried even if an earlier one fails.
pub fn leave() -> io::Result<()> {
    let screen = execute!(
        io::stdout(),
        DisableFocusChange,
        DisableBracketedPaste,
        Show,
        LeaveAlternateScreen
    );
    let raw = disable_raw_mode();
    screen.and(raw)
}

/// Restores the terminal before the default panic message is printed.
fn install_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let _ = leave();
        previous(info);
    }));
}

/// How the full-screen app ended, and lines for stderr (sessions that could not be
/// saved, with their records so that nothing is lost).
pub struct Ended {
    pub exit: Exit,
    pub stderr: Vec<String>,
}

/// Runs the full-screen app on the real terminal. The terminal is restored
/// whatever happens inside. `slot` is the state file of a resumed ice/heat
/// session, kept under the same name and lock; `routines` reads the routines
/// again when their files change.
#[allow(clippy::too_many_arguments)]
pub fn run(
    app: &mut App,
    theme: &Theme,
    clock: &dyn Clock,
    data_dir: Option<PathBuf>,
    slot: Option<Slot>,
    sound: SoundSetup,
    hooks: Hooks,
    routines: Option<super::RoutineWatch>,
) -> io::Result<Ended> {
    install_panic_hook();
    let done = Arc::new(AtomicBool::new(false));
    enter()?;
    let mut feeds = Feeds::start(Arc::clone(&done));
    feeds.routines = routines;
    let result = (|| {
        let backend = Bytes::new(BufWriter::with_capacity(32 * 1024, io::stdout()));
        let mut painter = Painter::new(backend).map_err(io::Error::other)?;
        let mut outputs = TtyOutputs::new(app.settings().voice, sound, hooks, data_dir, slot);
        if app.settings().voice && outputs.voice.is_none() {
            let now = clock.now();
            app.notify(
                format!(
                    "No speech program found ({}): carrying on without voice",
                    Voice::known()
                ),
                now,
            );
        }
        let exit = super::run(&mut painter, app, clock, &mut feeds, &mut outputs, theme);
        // However it ended (quit, Ctrl-C, SIGTERM, a closed terminal), the session on
        // screen is saved. An ice/heat session cut off by a closed terminal is not
        // over: its state file stays, and the next start offers to resume it.
        // (An error from the loop is the terminal failing under it: gone too.)
        let hung_up = matches!(exit, Ok(Exit::TerminalGone | Exit::Signal(SIGHUP)) | Err(_));
        let pack_running = app.pack().is_some_and(crate::app::PackScreen::under_way);
        if !(hung_up && pack_running) {
            if let Some(record) = app.close(clock.now()) {
                outputs.log(&record);
            }
            if app.pack().is_some() {
                outputs.pack_state(None);
            }
        }
        exit.map(|exit| {
            let ended = Ended {
                exit,
                stderr: std::mem::take(&mut outputs.failures),
            };
            (ended, outputs)
        })
    })();
    let restored = leave();
    done.store(true, Ordering::SeqCst);
    // The terminal is back before the players and hooks still running are
    // given their last moment (and stopped): nothing on screen waits on them.
    let (ended, outputs) = result?;
    drop(outputs);
    // A terminal that is gone cannot be restored; that is not worth an error.
    if ended.exit != Exit::TerminalGone && ended.exit != Exit::Signal(SIGHUP) {
        restored?;
    }
    Ok(ended)
}

/// Everything the loop waits for arrives on one channel, so that what it waits on
/// is exactly what the readers delivered (never the raw terminal behind crossterm's
/// back, which crossterm buffers):
/// - a thread owns crossterm's `read()` (its poll(2) reader, level-triggered, so a
///   paste is read to the end and a key after a resize is delivered at once) and
///   sends every event;
/// - a thread waits on the terminal for a hang-up only (no input events asked for),
///   because crossterm's reader spins on a terminal that is gone (crossterm#793);
/// - a signal-iterator thread sends SIGINT, SIGTERM, SIGHUP and SIGTSTP.
///
/// As a last resort a watchdog ends the process if the loop has not finished two
/// seconds after a signal that ends it.
struct Feeds {
    rx: Receiver<Input>,
    sleep: SleepWatch,
    signals: Option<signal_hook::iterator::Handle>,
    routines: Option<super::RoutineWatch>,
}

/// How long the watchdog waits for the loop to finish after SIGTERM or SIGHUP.
const WATCHDOG_GRACE: Duration = Duration::from_secs(2);

impl Feeds {
    fn start(done: Arc<AtomicBool>) -> Feeds {
        let (tx, rx) = mpsc::channel();
        let signals = match Signals::new([SIGINT, SIGTERM, SIGHUP, SIGTSTP]) {
            Ok(mut signals) => {
                let handle = signals.handle();
                let tx = tx.clone();
                thread::spawn(move || {
                    for sig in signals.forever() {
                        let input = if sig == SIGTSTP {
                            Input::Suspend
                        } else {
                            Input::Stop(sig)
                        };
                        let _ = tx.send(input);
                        if sig != SIGTSTP {
                            thread::sleep(WATCHDOG_GRACE);
                            if !done.load(Ordering::SeqCst) {
                                let _ = leave();
                                std::process::exit(128 + sig);
                            }
                            return;
                        }
                    }
                });
                Some(handle)
            }
            Err(_) => None,
        };
        let hang_up = tx.clone();
        thread::spawn(move || {
            let stdin = io::stdin();
            let tty = stdin.as_fd();
            loop {
                let mut fds = [PollFd::new(&tty, PollFlags::empty())];
                match rustix::event::poll(&mut fds, None) {
                    Err(rustix::io::Errno::INTR) => continue,
                    Ok(_) if fds[0].revents().is_empty() => continue,
                    _ => {
                        let _ = hang_up.send(Input::Gone);
                        return;
                    }
                }
            }
        });
        thread::spawn(move || {
            loop {
                let input = match event::read() {
                    Ok(ev) => Input::Event(ev),
                    Err(_) => Input::Gone,
                };
                let gone = input == Input::Gone;
                if tx.send(input).is_err() || gone {
                    return;
                }
            }
        });
        Feeds {
            rx,
            sleep: SleepWatch::new(),
            signals,
            routines: None,
        }
    }
}

impl Drop for Feeds {
    fn drop(&mut self) {
        if let Some(handle) = &self.signals {
            handle.close();
        }
    }
}

impl Inputs for Feeds {
    fn slept(&mut self) -> Option<Duration> {
        self.sleep.slept()
    }

    fn next(&mut self, timeout: Duration) -> Option<Input> {
        match self.rx.recv_timeout(timeout) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::Gone),
        }
    }

    fn ready(&mut self) -> Option<Input> {
        self.rx.try_recv().ok()
    }

    fn routines(&mut self) -> Option<Vec<crate::store::library::Entry>> {
        self.routines.as_mut().and_then(|watch| watch())
    }

    fn watches_routines(&self) -> bool {
        self.routines.is_some()
    }
}

/// The exit status for how the app ended: 0 for a quit, 128 + the signal otherwise.
pub fn exit_code(exit: Exit) -> u8 {
    match exit {
        Exit::Quit => 0,
        Exit::Interrupted => 130,
        Exit::Signal(sig) => u8::try_from(128 + sig).unwrap_or(1),
        Exit::TerminalGone => u8::try_from(128 + SIGHUP).unwrap_or(1),
    }
}
