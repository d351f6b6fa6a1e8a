//! The real terminal: raw mode and the alternate screen, restored on every way out
//! (quit, panic, Ctrl-C, SIGINT, SIGTERM, SIGHUP), Ctrl-Z and SIGTSTP done the way a
//! shell expects, signals on a thread, and input through crossterm.

use std::collections::VecDeque;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::panic;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
use rustix::event::{PollFd, PollFlags, Timespec};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use super::{Exit, Input, Inputs, Outputs};
use crate::alerts::{Notifier, Voice};
use crate::app::App;
use crate::clock::{Clock, SleepWatch};
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
/// How the full-screen app ended, and lines for stderr (sessions that could not be
/// saved, with their records so that nothing is lost).
pub struct Ended {
    pub exit: Exit,
    pub stderr: Vec<String>,
}

pub fn run(
    app: &mut App,
    theme: &Theme,
    clock: &dyn Clock,
    data_dir: Option<PathBuf>,
) -> io::Result<Ended> {
    install_panic_hook();
    let done = Arc::new(AtomicBool::new(false));
    let signals = SignalWatch::start(Arc::clone(&done));
    enter()?;
    let result = (|| {
        let backend = CrosstermBackend::new(BufWriter::with_capacity(32 * 1024, io::stdout()));
        let mut terminal = Terminal::new(backend).map_err(io::Error::other)?;
        let mut inputs = TtyInputs {
            signals,
            sleep: SleepWatch::new(),
            queue: VecDeque::new(),
        };
        let mut outputs = TtyOutputs::new(app.settings.voice, data_dir);
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
        let exit = super::run(&mut terminal, app, clock, &mut inputs, &mut outputs, theme);
        // However it ended (quit, Ctrl-C, SIGTERM, a closed terminal), the session on
        // screen is saved. An ice/heat session cut off by a closed terminal is not
        // over: its state file stays, and the next start offers to resume it.
        // (An error from the loop is the terminal failing under it: gone too.)
        let hung_up = matches!(exit, Ok(Exit::TerminalGone | Exit::Signal(SIGHUP)) | Err(_));
        let pack_running = app.pack.as_ref().is_some_and(|p| {
            matches!(
                p.session.status(),
                crate::pack::Status::Running | crate::pack::Status::Paused
            )
        });
        if !(hung_up && pack_running) {
            if let Some(record) = app.close(clock.now()) {
                outputs.log(&record);
            }
            if app.pack.is_some() {
                outputs.pack_state(None);
            }
        }
        exit.map(|exit| Ended {
            exit,
            stderr: std::mem::take(&mut outputs.failures),
        })
    })();
    let restored = leave();
    done.store(true, Ordering::SeqCst);
    let ended = result?;
    // A terminal that is gone cannot be restored; that is not worth an error.
    if ended.exit != Exit::TerminalGone && ended.exit != Exit::Signal(SIGHUP) {
        restored?;
    }
    Ok(ended)
}

/// Signals set flags (in the handler itself) and write a byte to a socket the input
/// wait also watches, so the loop wakes at once for SIGTERM, SIGHUP, SIGTSTP and a
/// resize. Input is waited for with `poll(2)` on the terminal and that socket, and
/// crossterm is asked to read only once the terminal has bytes: crossterm's reader
/// spins forever on a terminal that hung up (crossterm#793), so a hang-up must be
/// seen here first. As a last resort a watchdog thread ends the process if the loop
/// has not finished two seconds after a signal that ends it.
struct SignalWatch {
    stops: Vec<(i32, Arc<AtomicBool>)>,
    suspend: Arc<AtomicBool>,
    resize: Arc<AtomicBool>,
    wake: Option<UnixStream>,
}

/// How long the watchdog waits for the loop to finish after SIGTERM or SIGHUP.
const WATCHDOG_GRACE: Duration = Duration::from_secs(2);

impl SignalWatch {
    fn start(done: Arc<AtomicBool>) -> SignalWatch {
        let mut watch = SignalWatch {
            stops: [SIGINT, SIGTERM, SIGHUP]
                .into_iter()
                .map(|s| (s, Arc::new(AtomicBool::new(false))))
                .collect(),
            suspend: Arc::new(AtomicBool::new(false)),
            resize: Arc::new(AtomicBool::new(false)),
            wake: None,
        };
        let pair = UnixStream::pair().and_then(|(r, w)| {
            r.set_nonblocking(true)?;
            w.set_nonblocking(true)?;
            Ok((r, w))
        });
        let mut flags: Vec<(i32, Arc<AtomicBool>)> = watch.stops.clone();
        flags.push((SIGTSTP, Arc::clone(&watch.suspend)));
        flags.push((SIGWINCH, Arc::clone(&watch.resize)));
        for (sig, flag) in &flags {
            // The flag first, so that it is set when the wake byte arrives.
            let _ = signal_hook::flag::register(*sig, Arc::clone(flag));
        }
        if let Ok((read, write)) = pair {
            for (sig, _) in &flags {
                if let Ok(w) = write.try_clone() {
                    let _ = signal_hook::low_level::pipe::register(*sig, w);
                }
            }
            watch.wake = Some(read);
        }
        if let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    thread::sleep(WATCHDOG_GRACE);
                    if !done.load(Ordering::SeqCst) {
                        let _ = leave();
                        std::process::exit(128 + sig);
                    }
                }
            });
        }
        watch
    }

    fn pending(&self) -> Option<Input> {
        if let Some((sig, _)) = self.stops.iter().find(|(_, f)| f.load(Ordering::SeqCst)) {
            return Some(Input::Stop(*sig));
        }
        if self.suspend.swap(false, Ordering::SeqCst) {
            return Some(Input::Suspend);
        }
        if self.resize.swap(false, Ordering::SeqCst) {
            let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((0, 0));
            return Some(Input::Event(event::Event::Resize(w, h)));
        }
        None
    }

    fn drain_wake(&self) {
        if let Some(mut wake) = self.wake.as_ref() {
            let mut buf = [0u8; 64];
            while matches!(wake.read(&mut buf), Ok(n) if n > 0) {}
        }
    }
}

struct TtyInputs {
    signals: SignalWatch,
    sleep: SleepWatch,
    queue: VecDeque<Input>,
}

impl Inputs for TtyInputs {
    fn slept(&mut self) -> Option<Duration> {
        self.sleep.slept()
    }

    fn next(&mut self, timeout: Duration) -> Option<Input> {
        if let Some(input) = self.signals.pending().or_else(|| self.queue.pop_front()) {
            return Some(input);
        }
        let stdin = io::stdin();
        let tty = stdin.as_fd();
        let timeout = Timespec {
            tv_sec: timeout.as_secs().try_into().unwrap_or(i64::MAX),
            tv_nsec: timeout.subsec_nanos().into(),
        };
        let mut fds = vec![PollFd::new(&tty, PollFlags::IN)];
        if let Some(wake) = &self.signals.wake {
            fds.push(PollFd::new(wake, PollFlags::IN));
        }
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return self.signals.pending(),
            Err(_) => return Some(Input::Gone),
        }
        let tty_events = fds[0].revents();
        drop(fds);
        self.signals.drain_wake();
        if tty_events.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            return Some(Input::Gone);
        }
        if tty_events.contains(PollFlags::IN) {
            // The terminal has bytes: let crossterm parse all it can without waiting.
            loop {
                match event::poll(Duration::ZERO) {
                    Ok(true) => match event::read() {
                        Ok(ev) => self.queue.push_back(Input::Event(ev)),
                        Err(_) => {
                            self.queue.push_back(Input::Gone);
                            break;
                        }
                    },
                    Ok(false) => break,
                    Err(_) => {
                        self.queue.push_back(Input::Gone);
                        break;
                    }
                }
            }
        }
        self.signals.pending().or_else(|| self.queue.pop_front())
    }
}

struct TtyOutputs {
    voice: Option<Voice>,
    notifier: Option<Notifier>,
    data_dir: Option<PathBuf>,
    /// Lines for stderr once the terminal is back.
    failures: Vec<String>,
    problem: Option<String>,
}

impl TtyOutputs {
    fn new(voice: bool, data_dir: Option<PathBuf>) -> TtyOutputs {
        TtyOutputs {
            voice: if voice { Voice::find() } else { None },
            notifier: None,
            data_dir,
            failures: Vec::new(),
            problem: None,
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

    fn log(&mut self, record: &crate::history::Record) {
        let Some(dir) = &self.data_dir else {
            self.failures.push(
                "supple: error: no folder for the history log ($HOME is not set); use --data-dir"
                    .into(),
            );
            self.failures
                .push(serde_json::to_string(record).unwrap_or_default());
            return;
        };
        if let Err(e) = crate::history::append(dir, record) {
            self.problem = Some(format!("Could not save this session: {}", e.error));
            self.failures.extend(e.report());
        }
    }

    fn pack_state(&mut self, saved: Option<&crate::resume::Saved>) {
        let Some(dir) = crate::paths::state_dir() else {
            return;
        };
        match saved {
            Some(s) => {
                if let Err(e) = crate::resume::save(&dir, s) {
                    self.problem = Some(format!(
                        "Could not save the timer's state for resuming: {e}"
                    ));
                }
            }
            None => crate::resume::clear(&dir),
        }
    }

    fn notify(&mut self, title: &str, body: &str) {
        // Looked for at the first notification, so routines never pay for it.
        self.notifier
            .get_or_insert_with(Notifier::find)
            .send(title, body);
    }

    fn problem(&mut self) -> Option<String> {
        self.problem
            .take()
            .or_else(|| self.notifier.as_mut().and_then(Notifier::problem))
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
        Exit::Interrupted => 130,
        Exit::Signal(sig) => u8::try_from(128 + sig).unwrap_or(1),
        Exit::TerminalGone => u8::try_from(128 + SIGHUP).unwrap_or(1),
    }
}
