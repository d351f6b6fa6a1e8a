//! The real terminal: raw mode and the alternate screen, restored on every way out
//! (quit, panic, Ctrl-C, SIGINT, SIGTERM, SIGHUP), Ctrl-Z and SIGTSTP done the way a
//! shell expects, signals on a thread, and input through crossterm.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::panic;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::thread;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, SetTitle, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use super::{Exit, Input, Inputs, Outputs};
use crate::app::App;
use crate::clock::{Clock, MonotonicClock, SleepWatch};
use crate::sound::Voice;
use crate::text::sanitize;
use crate::ui::theme::Theme;

/// True when standard output is a terminal the full-screen app can use.
pub fn available() -> bool {
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

/// Takes the terminal: raw mode, alternate screen, cursor hidden.
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, Hide)
}

/// Gives the terminal back. Every step is tried even if an earlier one fails.
pub fn leave() -> io::Result<()> {
    let screen = execute!(io::stdout(), Show, LeaveAlternateScreen);
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

/// Runs the full-screen app on the real terminal. The terminal is restored
/// whatever happens inside.
pub fn run(app: &mut App, theme: &Theme, clock: &MonotonicClock) -> io::Result<Exit> {
    install_panic_hook();
    let signals = SignalWatch::start();
    enter()?;
    let result = (|| {
        let backend = CrosstermBackend::new(BufWriter::with_capacity(32 * 1024, io::stdout()));
        let mut terminal = Terminal::new(backend).map_err(io::Error::other)?;
        let mut inputs = TtyInputs {
            signals,
            sleep: SleepWatch::new(),
        };
        let mut outputs = TtyOutputs::new(app.settings.voice);
        if app.settings.voice && outputs.voice.is_none() {
            let now = clock.now();
            app.notify(
                format!(
                    "No speech program found ({}): carrying on without voice",
                    Voice::known()
                ),
                now,
            );
        }
        super::run(&mut terminal, app, clock, &mut inputs, &mut outputs, theme)
    })();
    let restored = leave();
    let exit = result?;
    // A terminal that is gone cannot be restored; that is not worth an error.
    if exit != Exit::TerminalGone && exit != Exit::Signal(SIGHUP) {
        restored?;
    }
    Ok(exit)
}

/// Signals arrive on a thread of their own, which records them for the loop. It
/// ends after a signal that ends the app, so that a closed terminal (SIGHUP) can
/// never leave a thread or a poll spinning (crossterm#793).
struct SignalWatch {
    stop: Arc<AtomicI32>,
    suspend: Arc<AtomicBool>,
}

impl SignalWatch {
    fn start() -> SignalWatch {
        let stop = Arc::new(AtomicI32::new(0));
        let suspend = Arc::new(AtomicBool::new(false));
        if let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGTSTP]) {
            let (stop, suspend) = (Arc::clone(&stop), Arc::clone(&suspend));
            thread::spawn(move || {
                for sig in signals.forever() {
                    if sig == SIGTSTP {
                        suspend.store(true, Ordering::SeqCst);
                    } else {
                        stop.store(sig, Ordering::SeqCst);
                        break;
                    }
                }
            });
        }
        SignalWatch { stop, suspend }
    }

    fn pending(&self) -> Option<Input> {
        match self.stop.load(Ordering::SeqCst) {
            0 if self.suspend.swap(false, Ordering::SeqCst) => Some(Input::Suspend),
            0 => None,
            sig => Some(Input::Stop(sig)),
        }
    }
}

struct TtyInputs {
    signals: SignalWatch,
    sleep: SleepWatch,
}

impl Inputs for TtyInputs {
    fn next(&mut self, timeout: Duration) -> Option<Input> {
        if let Some(input) = self.signals.pending() {
            return Some(input);
        }
        if self.sleep.slept() {
            return Some(Input::Slept);
        }
        match event::poll(timeout) {
            Ok(true) => match event::read() {
                Ok(ev) => Some(Input::Event(ev)),
                Err(_) => Some(Input::Gone),
            },
            Ok(false) => self.signals.pending(),
            Err(_) => Some(Input::Gone),
        }
    }
}

struct TtyOutputs {
    voice: Option<Voice>,
}

impl TtyOutputs {
    fn new(voice: bool) -> TtyOutputs {
        TtyOutputs {
            voice: if voice { Voice::find() } else { None },
        }
    }
}

impl Outputs for TtyOutputs {
    fn bell(&mut self) {
        let mut out = io::stdout();
        let _ = out.write_all(b"\x07");
        let _ = out.flush();
    }

    fn title(&mut self, title: &str) {
        let _ = execute!(io::stdout(), SetTitle(sanitize(title)));
    }

    fn speak(&mut self, text: &str) {
        if let Some(voice) = &mut self.voice {
            voice.say(text);
        }
    }

    fn suspend(&mut self) -> io::Result<()> {
        if let Some(voice) = &mut self.voice {
            voice.stop();
        }
        leave()?;
        // SIGTSTP is ours (so that the terminal is restored first); stopping for it
        // is what the default action would have done.
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        // Here again after `fg` (SIGCONT).
        enter()
    }
}

/// The exit status for how the app ended: 0 for a quit, 128 + the signal otherwise.
pub fn exit_code(exit: Exit) -> u8 {
    match exit {
        Exit::Quit => 0,
        Exit::Signal(sig) => u8::try_from(128 + sig).unwrap_or(1),
        Exit::TerminalGone => u8::try_from(128 + SIGHUP).unwrap_or(1),
    }
}

/// Keeps `Stdout` referenced for the backend type in docs.
#[allow(dead_code)]
type Backend = CrosstermBackend<BufWriter<Stdout>>;
