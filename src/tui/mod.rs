//! The full-screen shell: one event loop that reads the clock, waits for input until
//! the next moment the screen changes (no fixed tick), hands actions to the [`App`],
//! carries out its effects and draws.
//!
//! The loop is generic over the ratatui backend and takes its clock, input and
//! outputs as traits, so tests run the real loop on a `TestBackend` with fake time.

mod backend;
pub mod diff;
pub mod keys;
mod outputs;
pub mod paint;
pub mod term;

use std::io;
use std::time::Duration;

use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use crate::app::{Action, App, Effect};
use crate::shell::clock::Clock;
use crate::ui::{self, theme::Theme};
use paint::Painter;

/// The longest the loop sleeps while a timer runs, so that a suspend of the machine
/// is noticed within a second of waking. (Signals and keys wake it at once.)
pub const MAX_IDLE: Duration = Duration::from_secs(1);

/// How long the loop sleeps when nothing on screen is timed (home screen, paused).
pub const IDLE: Duration = Duration::from_secs(60);

/// The most inputs handled between two frames.
pub const BATCH: usize = 4096;

/// What the loop can receive while it waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    /// SIGINT, SIGTERM or SIGHUP: leave now.
    Stop(i32),
    /// SIGTSTP from outside: suspend like Ctrl-Z.
    Suspend,
    /// The terminal is gone (read error, end of input).
    Gone,
}

/// Where input comes from: waits at most `timeout`, `None` if nothing came.
pub trait Inputs {
    fn next(&mut self, timeout: Duration) -> Option<Input>;

    /// Input that has already arrived, without waiting. The loop takes all of it
    /// (up to [`BATCH`]) before it draws again, so a flood of keys is handled at
    /// the speed it is read, not one frame per key.
    fn ready(&mut self) -> Option<Input> {
        None
    }

    /// How long the computer slept since the last call, if it did. Asked before
    /// every tick, so that the player can pause where it was when the sleep began.
    fn slept(&mut self) -> Option<Duration> {
        None
    }

    /// The routines, when their files changed since the last call (a routine
    /// made with `supple new` or edited in another window). Asked while the home
    /// screen shows, at each key, on focus, and every [`HOME_LOOK`]; `None` when
    /// nothing changed, or nothing is watched.
    fn routines(&mut self) -> Option<Vec<crate::store::library::Entry>> {
        None
    }

    /// True when [`Inputs::routines`] watches the files (the home screen then
    /// looks every [`HOME_LOOK`]).
    fn watches_routines(&self) -> bool {
        false
    }
}

/// Reads the routines again when their files changed since the last call (the
/// real one looks at the folder's [`crate::store::library::Stamp`]).
pub type RoutineWatch = Box<dyn FnMut() -> Option<Vec<crate::store::library::Entry>>>;

/// How often the home screen looks at the routines folder while nothing else
/// wakes it (a directory read and a few file sizes: cheap).
pub const HOME_LOOK: Duration = Duration::from_secs(2);

/// What the loop does outside the drawn frame.
pub trait Outputs {
    /// A chime through the system's player, else the terminal bell.
    fn sound(&mut self, sound: crate::core::sound::Sound);
    fn title(&mut self, title: &str);
    fn speak(&mut self, text: &str);
    /// Saves a session to the history log.
    fn log(&mut self, record: &crate::core::history::Record);
    /// Saves an episode record to the history log.
    fn episode(&mut self, record: &crate::core::episode::EpisodeRecord);
    /// Saves the day's pain (average over the last 24 hours), a note or an
    /// activity's rating to the history log.
    fn mark(&mut self, _mark: &crate::core::history::mark::Mark) {}
    /// Keeps or removes the state file of a running ice/heat session.
    fn pack_state(&mut self, _saved: Option<&crate::core::resume::Saved>) {}
    /// A desktop notification, where the platform has a service for them.
    fn notify(&mut self, title: &str, body: &str);
    /// Runs the person's hook for an event (`[hooks]`), never waiting on it.
    fn hook(&mut self, _event: &crate::core::hook::HookEvent) {}
    /// Something that did not work (no notification service...), to say once.
    fn problem(&mut self) -> Option<String> {
        None
    }
    /// Give the terminal back, stop until continued, take it again.
    fn suspend(&mut self) -> io::Result<()>;
    /// A page of the history screen's list, read from the log; `None` when it
    /// cannot be read (said by [`Outputs::problem`]) or there is no log here.
    fn history_page(
        &mut self,
        _request: &crate::app::PageRequest,
    ) -> Option<Vec<crate::core::history::Placed>> {
        None
    }
    /// The ice/heat sessions running in other terminals now, as notes; `None`
    /// when that is not known here.
    fn elsewhere(&mut self) -> Option<Vec<String>> {
        None
    }
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// Ctrl-C.
    Interrupted,
    Signal(i32),
    TerminalGone,
}

/// Runs the app until it quits. Returns why it stopped.
pub fn run<B: Backend>(
    painter: &mut Painter<B>,
    app: &mut App,
    clock: &dyn Clock,
    inputs: &mut dyn Inputs,
    outputs: &mut dyn Outputs,
    theme: &Theme,
) -> io::Result<Exit> {
    let mut title = String::new();
    // A routine opened before the loop began starts with its first cues.
    let mut pending: Vec<Effect> = app.take_started();
    // The wall clock is known before anything can end (a resumed session that ran
    // out meanwhile is logged by the first action).
    if let Some(wall) = clock.wall() {
        app.set_wall(clock.now(), wall);
    }
    // The size at the start, then each resize: a window too small pauses a routine.
    if let Ok(size) = painter.size() {
        let resized = Action::Resized {
            width: size.width,
            height: size.height,
        };
        pending.extend(app.handle(resized, clock.now()));
    }
    loop {
        // A routine opened by the last key starts with its first cues.
        pending.extend(app.take_started());
        let now = clock.now();
        if let Some(wall) = clock.wall() {
            app.set_wall(now, wall);
        }
        // On the home screen, what runs elsewhere is looked at again before each
        // draw and each batch of keys: a note is true when it is shown.
        if app.may_start_pack()
            && let Some(notes) = outputs.elsewhere()
        {
            app.set_elsewhere(notes);
        }
        match inputs.slept() {
            Some(d) => pending.extend(app.handle(Action::Slept(d), now)),
            None => pending.extend(app.tick(now)),
        }
        if app.on_home()
            && let Some(entries) = inputs.routines()
        {
            app.set_routines(entries);
        }
        for effect in pending.drain(..) {
            match effect {
                Effect::Log(record) => outputs.log(&record),
                Effect::Episode(record) => outputs.episode(&record),
                Effect::Mark(mark) => outputs.mark(&mark),
                Effect::PackState(saved) => outputs.pack_state(saved.as_deref()),
                Effect::Sound(sound) => outputs.sound(sound),
                Effect::Hook(event) => outputs.hook(&event),
                Effect::Speak(text) => outputs.speak(&text),
                Effect::Notify { title, body } => outputs.notify(&title, &body),
                Effect::HistoryPage(request) => {
                    // Each page read may ask for the next (keys moved past it
                    // while it was asked for); a page that cannot be read ends it.
                    let mut next = Some(request);
                    while let Some(request) = next.take() {
                        let rows = outputs.history_page(&request);
                        next = app.history_page(request.ask, rows);
                    }
                }
                Effect::Quit => return Ok(Exit::Quit),
                Effect::Interrupt => return Ok(Exit::Interrupted),
                Effect::Suspend => {
                    outputs.suspend()?;
                    // Back from the shell: clear and redraw everything.
                    painter
                        .clear()
                        .map_err(|e| io::Error::other(e.to_string()))?;
                }
            }
        }
        if let Some(problem) = outputs.problem() {
            app.notify(problem, now);
        }
        painter
            .draw(|frame| ui::draw(frame, app, now, theme))
            .map_err(|e| io::Error::other(e.to_string()))?;
        let new_title = app.title(now);
        if new_title != title {
            outputs.title(&new_title);
            title = new_title;
        }
        let mut wait = app
            .next_wake(now)
            .map_or(IDLE, |w| w.since(now).min(MAX_IDLE));
        if app.on_home() && inputs.watches_routines() {
            wait = wait.min(HOME_LOOK);
        }
        let Some(first) = inputs.next(wait) else {
            continue;
        };
        if app.may_start_pack()
            && let Some(notes) = outputs.elsewhere()
        {
            app.set_elsewhere(notes);
        }
        let mut input = Some(first);
        let mut handled = 0;
        while let Some(this) = input.take() {
            let now = clock.now();
            let before = pending.len();
            match this {
                Input::Event(Event::Key(key)) => {
                    if let Some(action) = keys::map(key, app.keymap()) {
                        pending.extend(app.handle(action, now));
                    }
                }
                Input::Event(Event::Paste(text)) => {
                    for action in keys::paste(&text, app.keymap()) {
                        pending.extend(app.handle(action, now));
                    }
                }
                Input::Event(Event::Resize(width, height)) => {
                    pending.extend(app.handle(Action::Resized { width, height }, now));
                }
                Input::Event(_) => {}
                Input::Stop(sig) => return Ok(Exit::Signal(sig)),
                Input::Gone => return Ok(Exit::TerminalGone),
                Input::Suspend => pending.extend(app.handle(Action::Suspend, now)),
            }
            handled += 1;
            // Effects that leave or suspend are carried out before more input.
            let leaving = pending[before..]
                .iter()
                .any(|e| matches!(e, Effect::Quit | Effect::Interrupt | Effect::Suspend));
            if handled < BATCH && !leaving {
                input = inputs.ready();
            }
        }
    }
}
