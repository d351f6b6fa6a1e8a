//! The full-screen app's state: one screen at a time, at most one modal over it.
//!
//! Like the engines, it never reads a clock or the terminal. The shell (`tui`) maps
//! keys to [`Action`]s for the current [`Keymap`], passes them in with `now`, carries
//! out the [`Effect`]s that come back (log, state file, bell, speech, quit, suspend)
//! and asks [`App::next_wake`] when the screen will next change. Views read the
//! state and never change it.
//!
//! Each screen is a module that owns its state and its update (`home`, `player`,
//! `pack`, `history`; their views are the files of the same names under `ui/`). A
//! screen answers a key with a [`Reply`]: effects, maybe a notice, and where to
//! [`Go`] next; this module alone opens and leaves screens and modals, so every
//! way of leaving a screen writes its record first.

mod action;
mod entry;
mod episode;
pub mod help;
mod history;
mod home;
mod line;
mod modal;
mod pack;
mod pain;
mod player;
mod reply;
mod today;
mod update;
mod wall;

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::core::history::Record;
use crate::core::moment::Moment;
use crate::core::pack::{Plan, Session as PackSession, Treatment};
use crate::core::timeline::Timeline;

pub use crate::core::guidance::{PAIN_HIGH, PAIN_RISE, pain_rose};
pub use action::{Action, Effect, Keymap};
pub use entry::{Entry, NOTE_LINE, Round as EntryRound, Typing};
pub use episode::{Asking, EpisodeQuestions, EpisodeSetup, Purpose, WHEN};
pub use history::{
    CHARTS_HEIGHT, CHARTS_WIDTH, HistoryScreen, PAGE as HISTORY_PAGE, PageAsk, PageRequest,
    rows_shown, table_rows,
};
pub use home::{FILTER_MAX, Home, HomeItem};
pub use line::{TextLine, pasted};
pub use modal::{Modal, Then};
pub use pack::PackScreen;
pub use pain::{PAIN_SECOND_DIGIT, PAIN_SETTLE, PainStage, Question};
pub use player::{BREATH_STEPS_PER_SEC, PauseReason, Player, next_change};
pub(crate) use reply::{Ctx, Go, Reply};
pub use today::{TaskRow, TodayPanel, WALK_LENGTH, command as today_command};
pub use wall::Wall;

/// The smallest terminal the screens are laid out for; below it a running routine
/// pauses.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// How long a notice stays in the footer.
pub const NOTICE_FOR: Duration = Duration::from_secs(6);

/// The screen on show. Exactly one; the home list is kept aside while another is
/// open (see [`App::home`]).
#[derive(Debug, Clone)]
pub enum Screen {
    Home,
    Player(Box<Player>),
    Pack(Box<PackScreen>),
    History(Box<HistoryScreen>),
}

/// How the app was started, which decides where leaving a screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launch {
    /// `supple`: leaving a screen comes back to the list.
    Browse,
    /// `supple play`, `supple ice`, `supple history`: leaving the screen leaves the app.
    Direct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// No bell or ticks.
    pub muted: bool,
    /// Spoken cues, when a speech program exists.
    pub voice: bool,
    /// Ask "Pain now, 0-10?" before and after a routine.
    pub pain: bool,
}

#[derive(Debug, Clone)]
pub struct App {
    home: Home,
    screen: Screen,
    modal: Option<Modal>,
    launch: Launch,
    settings: Settings,
    notice: Option<(String, Moment)>,
    /// The ice/heat settings the home screen's timers start with.
    pack_base: Plan,
    wall: Wall,
    /// Enter and digits are ignored until this moment, so that the rest of a
    /// pain answer ("7" then Enter, "10" meant as one) never reaches the screen
    /// behind the question.
    settle_until: Option<Moment>,
    /// What `e` needs to start an episode from the home screen.
    episode_setup: Option<Box<EpisodeSetup>>,
    /// The day's pain is still to be asked (an episode is open and none was
    /// given today).
    daily_pain_due: bool,
    /// The cues of a routine started when the player opened, for the loop to
    /// carry out first (see [`App::take_started`]).
    started: Vec<Effect>,
    /// The activities to rate again this week (Patient-Specific Functional
    /// Scale), asked once after the day's pain.
    function_due: Vec<String>,
}

impl App {
    /// The app on its home list.
    pub fn new(home: Home, settings: Settings, launch: Launch) -> App {
        App {
            home,
            screen: Screen::Home,
            modal: None,
            launch,
            settings,
            notice: None,
            pack_base: Plan::new(Treatment::Ice),
            wall: Wall::new(),
            settle_until: None,
            episode_setup: None,
            daily_pain_due: false,
            started: Vec::new(),
            function_due: Vec::new(),
        }
    }

    /// What the routine started by [`App::play_routine`] announces at its
    /// start (the first step's sound, hook and spoken line). The loop carries
    /// it out before anything else, however the player was opened: by a key,
    /// or by the shell before the loop began.
    pub fn take_started(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.started)
    }

    /// Whether to ask the day's pain ("average over the last 24 hours") at the
    /// next [`App::ask_if_due`]: the shell knows whether it was given today.
    pub fn set_daily_pain_due(&mut self, due: bool) {
        self.daily_pain_due = due;
    }

    /// The activities to rate again at the next [`App::ask_if_due`] (none: they
    /// are not due): the shell knows when they were last rated.
    pub fn set_function_due(&mut self, activities: Vec<String>) {
        self.function_due = activities;
    }

    // ----- set up by the shell -----

    /// The sessions running in other terminals now (the shell looks again each
    /// time the home screen may start one, so the note is true when shown).
    pub fn set_elsewhere(&mut self, notes: Vec<String>) {
        self.home.set_elsewhere(notes);
    }

    /// Whether the screen on show may start a pack (so the shell should say what
    /// runs elsewhere).
    pub fn may_start_pack(&self) -> bool {
        matches!(self.screen, Screen::Home)
    }

    /// The plan the home screen's timers start with.
    pub fn set_pack_base(&mut self, base: Plan) {
        self.pack_base = base;
    }

    pub fn set_time_zone(&mut self, tz: TimeZone) {
        self.wall.set_time_zone(tz);
    }

    /// The wall-clock time at `now`, read by the shell.
    pub fn set_wall(&mut self, now: Moment, wall: Timestamp) {
        self.wall.set_reading(now, wall);
    }

    /// Puts the Today panel on the home screen (an episode is open), worked out for
    /// `now`; call after [`App::set_wall`] and [`App::set_time_zone`].
    pub fn set_today(&mut self, panel: TodayPanel, now: Moment) {
        let at = self.wall.timestamp_at(now);
        self.home.set_today(panel, at, self.wall.time_zone());
    }

    pub fn add_warnings(&mut self, warnings: impl IntoIterator<Item = String>) {
        self.home.add_warnings(warnings);
    }

    /// True while the home screen's list is what a person sees (no other screen,
    /// no box over it): the moment a routine added or edited meanwhile should show.
    pub fn on_home(&self) -> bool {
        matches!(self.screen, Screen::Home) && self.modal.is_none()
    }

    /// The routines as they are now on disk, in place of the listed ones.
    pub fn set_routines(&mut self, entries: Vec<crate::core::library::Entry>) {
        self.home.set_routines(entries);
    }

    /// Shows `text` in the footer for a few seconds.
    pub fn notify(&mut self, text: impl Into<String>, now: Moment) {
        self.notice = Some((text.into(), now.plus(NOTICE_FOR)));
    }

    // ----- read by the views and the shell -----

    /// The list, kept while another screen is open.
    pub fn home(&self) -> &Home {
        &self.home
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    pub fn launch(&self) -> Launch {
        self.launch
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn pack_base(&self) -> &Plan {
        &self.pack_base
    }

    pub fn wall(&self) -> &Wall {
        &self.wall
    }

    /// The notice in the footer, while it lasts.
    pub fn notice(&self, now: Moment) -> Option<&str> {
        self.notice
            .as_ref()
            .filter(|(_, until)| *until > now)
            .map(|(text, _)| text.as_str())
    }

    pub fn player(&self) -> Option<&Player> {
        match &self.screen {
            Screen::Player(p) => Some(p),
            _ => None,
        }
    }

    /// Whether a routine's or the timer's finished card is on show.
    pub fn on_finished_card(&self) -> bool {
        match &self.screen {
            Screen::Player(p) => p.finished(),
            Screen::Pack(p) => p.session().status() == crate::core::pack::Status::Finished,
            Screen::Home | Screen::History(_) => false,
        }
    }

    pub fn pack(&self) -> Option<&PackScreen> {
        match &self.screen {
            Screen::Pack(p) => Some(p),
            _ => None,
        }
    }

    /// The time of day at `m`, as `14:35`, when the wall clock is known.
    pub fn clock_time(&self, m: Moment) -> Option<String> {
        self.wall.clock_time(m)
    }

    /// Which keys apply now: the modal's, else the screen's.
    pub fn keymap(&self) -> Keymap {
        match (&self.modal, &self.screen) {
            (Some(Modal::Help { .. } | Modal::Calm { .. }), _) => Keymap::Help,
            (Some(Modal::ConfirmQuit { .. }), _) => Keymap::ConfirmQuit,
            (Some(Modal::Pain(_)), _) => Keymap::Pain,
            (Some(Modal::Episode(_)), _) => Keymap::Episode,
            (Some(Modal::Entry(_)), _) => Keymap::Text,
            (None, Screen::Home) if self.home.filtering() => Keymap::HomeFilter,
            (None, Screen::Home) => Keymap::Home,
            (None, Screen::Player(p)) if p.finished() => Keymap::Finished,
            (None, Screen::Player(_)) => Keymap::Player,
            (None, Screen::Pack(p)) => match p.session().status() {
                crate::core::pack::Status::Ready => Keymap::PackReady,
                crate::core::pack::Status::Finished => Keymap::PackFinished,
                _ => Keymap::Pack,
            },
            (None, Screen::History(_)) => Keymap::History,
        }
    }

    /// A line for the normal screen after leaving the full-screen app: how the ice
    /// or heat session ended, so that it stays in the terminal's scrollback.
    pub fn farewell(&self, now: Moment) -> Option<String> {
        self.pack()?.farewell(now, &self.wall)
    }

    /// The terminal window title: what is on and how long is left.
    pub fn title(&self, now: Moment) -> String {
        match &self.screen {
            Screen::Pack(p) => p.title(now),
            Screen::Player(p) => p.title(now),
            Screen::Home | Screen::History(_) => "supple".into(),
        }
    }

    /// When the screen next changes or an engine next needs a tick.
    pub fn next_wake(&self, now: Moment) -> Option<Moment> {
        let notice = self.notice.as_ref().map(|(_, until)| *until);
        let typed = match &self.modal {
            Some(Modal::Pain(q)) => q.typed.map(|(_, until)| until),
            _ => None,
        };
        let screen = match &self.screen {
            Screen::Player(p) => next_change(p.session(), now),
            // The start screen's "ends about 15:40" stays true while it is read,
            // so that it is the time the timer then shows (both cut to the minute).
            Screen::Pack(p) if p.session().status() == crate::core::pack::Status::Ready => self
                .wall
                .to_next_minute(now.plus(p.session().plan().total()))
                .map(|wait| now.plus(wait)),
            Screen::Pack(p) => p.next_change(now),
            Screen::Home => self
                .home
                .today()
                .and_then(|t| t.stale_at())
                .map(|t| self.wall.moment_of(t, now)),
            Screen::History(_) => None,
        };
        [notice, typed, screen].into_iter().flatten().min()
    }

    // ----- opening screens -----

    /// Opens the player on `timeline` and starts it at `now`.
    pub fn play(&mut self, timeline: Timeline, now: Moment) -> Vec<Effect> {
        self.play_routine(timeline, None, None, now)
    }

    /// Opens the player on a routine from the library (`id`, and `hash` of its
    /// text, go into the history log). With the pain question on, the routine
    /// starts once it is answered. The screen it replaces is closed first: the
    /// effects returned are its closing; the start's are kept for
    /// [`App::take_started`].
    pub fn play_routine(
        &mut self,
        timeline: Timeline,
        id: Option<String>,
        hash: Option<String>,
        now: Moment,
    ) -> Vec<Effect> {
        let effects = self.close_screen(now);
        let mut player = Player::new(timeline, id, hash, now);
        self.modal = None;
        if self.settings.pain {
            self.modal = Some(Modal::Pain(Question::new(PainStage::Before, Then::Stay)));
        } else {
            self.started = player.start(now, &self.settings);
        }
        self.screen = Screen::Player(Box::new(player));
        effects
    }

    /// Opens the ice/heat start screen for `plan`; `notes` are shown before it
    /// starts. The screen it replaces is closed first.
    pub fn open_pack(&mut self, plan: Plan, notes: Vec<String>, now: Moment) -> Vec<Effect> {
        self.open(Screen::Pack(Box::new(PackScreen::new(plan, notes))), now)
    }

    /// Opens an ice/heat session restored from its state file, at `now`: switches
    /// that passed meanwhile are shown as missed by the first tick.
    pub fn resume_pack(&mut self, session: PackSession, now: Moment) -> Vec<Effect> {
        self.open(Screen::Pack(Box::new(PackScreen::resumed(session))), now)
    }

    pub fn open_history(&mut self, history: HistoryScreen, now: Moment) -> Vec<Effect> {
        self.open(Screen::History(Box::new(history)), now)
    }

    /// A page of the history screen's list, read for `ask` (`None`: it could
    /// not be read); the next page to read, if the keys moved past this one
    /// while it was read (nothing when the history screen is no longer shown).
    pub fn history_page(
        &mut self,
        ask: PageAsk,
        rows: Option<Vec<crate::core::history::Placed>>,
    ) -> Option<PageRequest> {
        match &mut self.screen {
            Screen::History(h) => h.page(ask, rows),
            _ => None,
        }
    }

    /// Shows `screen` instead of the current one, which is closed (logged) first.
    fn open(&mut self, screen: Screen, now: Moment) -> Vec<Effect> {
        let effects = self.close_screen(now);
        self.modal = None;
        self.screen = screen;
        effects
    }

    /// The effects of closing the screen on show: its record, once, and for a
    /// pack, its state file removed.
    fn close_screen(&mut self, now: Moment) -> Vec<Effect> {
        let is_pack = self.pack().is_some();
        let mut effects = self.log(now);
        if is_pack {
            effects.push(Effect::PackState(None));
        }
        effects
    }

    /// The record of the session on screen as an effect, once (see [`App::close`]).
    pub(super) fn log(&mut self, now: Moment) -> Vec<Effect> {
        self.close(now)
            .map(|r| Effect::Log(Box::new(r)))
            .into_iter()
            .collect()
    }

    /// The history record of the session on screen, once: when it has started and
    /// has not been written yet. Called when a session ends, is left, or the app
    /// stops (quit, Ctrl-C, SIGTERM, SIGHUP).
    pub fn close(&mut self, now: Moment) -> Option<Record> {
        let wall = &self.wall;
        let record = match &mut self.screen {
            // A pack that ran out before anyone looked ended then, not now.
            Screen::Pack(p) => {
                let end = p.session().ended_at(now);
                p.record(end, &|start: Moment| wall.span(start, end))
            }
            Screen::Player(p) => p.record(&|start: Moment| wall.span(start, now)),
            Screen::Home | Screen::History(_) => None,
        };
        // Today counts it at once.
        if let Some(r) = &record {
            let at = self.wall.timestamp_at(now);
            self.home.saw(r, at, self.wall.time_zone());
        }
        record
    }

    /// Leaves the current screen (logging its session): the app itself when it was
    /// started for it.
    pub(super) fn leave(&mut self, now: Moment) -> Vec<Effect> {
        let mut effects = self.close_screen(now);
        match self.launch {
            // The screen stays behind for the farewell line.
            Launch::Direct => effects.push(Effect::Quit),
            Launch::Browse => self.screen = Screen::Home,
        }
        effects
    }
}
