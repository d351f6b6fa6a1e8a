//! The full-screen app's state: the home screen, the player, overlays and settings.
//!
//! Like the engine, it never reads a clock or the terminal. The shell (`tui`) maps
//! keys to [`Action`]s, passes them in with `now`, carries out the [`Effect`]s that
//! come back (bell, speech, quit, suspend) and asks [`App::next_wake`] when the screen
//! will next change. Views read the state and never change it.

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::core::duration::{self, ceil_secs};
use crate::core::history::Record;
use crate::core::history::build::{self as records, Span};
use crate::core::moment::Moment;
use crate::core::pack::{self, PhaseKind};
use crate::core::session::{Command, Cue, Session, Status};
use crate::core::text::sanitize;
use crate::core::timeline::{Kind, Timeline};
use crate::core::words::{announcement, switch_words};
use crate::store::library::Entry;

/// How finely the breathing bar moves: steps per second.
pub const BREATH_STEPS_PER_SEC: u32 = 8;

/// The longest filter on the home screen, in characters: longer would match
/// nothing, and a flood of keys must not grow it without end.
pub const FILTER_MAX: usize = 40;

/// How long a notice stays in the footer.
pub const NOTICE_FOR: Duration = Duration::from_secs(6);

/// What a key asks for, once mapped by the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    /// Enter on the home screen or the finished screen.
    Select,
    StartFilter,
    FilterChar(char),
    FilterBackspace,
    /// Enter while typing a filter: keep it and go back to the list.
    FilterDone,
    /// Esc while typing a filter: clear it.
    FilterCancel,
    TogglePause,
    Next,
    Back,
    CompleteRep,
    RestartExercise,
    ToggleMute,
    Help,
    /// Esc or `q` in an overlay.
    CloseOverlay,
    /// `q` or Esc: leave the current screen (asks first while a routine runs).
    Quit,
    /// Ctrl-C: leave at once.
    ForceQuit,
    Confirm,
    Cancel,
    /// From the finished screen back to the list.
    GoHome,
    /// Ctrl-Z: suspend to the shell.
    Suspend,
    /// An answer to "Pain now, 0-10?" (`None`: skipped).
    Pain(Option<u8>),
    /// The shell noticed that the computer slept this long (just now).
    Slept(Duration),
    /// `+`: a minute more of the current ice/heat phase.
    AddMinute,
    /// `-`: a minute less.
    RemoveMinute,
}

/// Something for the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save this session to the history log.
    Log(Box<Record>),
    /// Keep (or, with `None`, remove) the state file of a running ice/heat
    /// session, so that it can be resumed if the terminal is closed.
    PackState(Option<Box<crate::core::resume::Saved>>),
    Bell,
    Speak(String),
    /// A desktop notification.
    Notify {
        title: String,
        body: String,
    },
    Quit,
    /// Ctrl-C: quit, reported as an interruption.
    Interrupt,
    Suspend,
}

/// Which keys apply now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keymap {
    Home,
    HomeFilter,
    Player,
    Finished,
    /// The ice/heat start screen: safety first.
    PackReady,
    Pack,
    PackFinished,
    /// "Pain now, 0-10?"
    Pain,
    History,
    Help,
    ConfirmQuit,
}

/// One line of the home list.
#[derive(Debug, Clone)]
pub enum HomeItem {
    Routine(Box<Entry>),
    Timer(pack::Treatment),
}

#[derive(Debug, Clone)]
pub struct Home {
    pub items: Vec<HomeItem>,
    pub filter: String,
    pub filtering: bool,
    /// Index into [`Home::visible`].
    pub selected: usize,
    /// Problems with the user routines folder.
    pub warnings: Vec<String>,
}

impl Home {
    pub fn new(entries: Vec<Entry>, warnings: Vec<String>) -> Home {
        let mut items: Vec<HomeItem> = entries
            .into_iter()
            .map(|e| HomeItem::Routine(Box::new(e)))
            .collect();
        items.extend(
            [
                pack::Treatment::Ice,
                pack::Treatment::Heat,
                pack::Treatment::Contrast,
            ]
            .into_iter()
            .map(HomeItem::Timer),
        );
        Home {
            items,
            filter: String::new(),
            filtering: false,
            selected: 0,
            warnings,
        }
    }

    /// The items that match the filter (by name, title or tag), as indexes.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.filter.trim().to_lowercase();
        self.items
            .iter()
            .enumerate()
            .filter(|(_, item)| needle.is_empty() || matches(item, &needle))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn selected_item(&self) -> Option<&HomeItem> {
        let visible = self.visible();
        visible.get(self.selected).and_then(|&i| self.items.get(i))
    }

    fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }
}

fn matches(item: &HomeItem, needle: &str) -> bool {
    match item {
        HomeItem::Timer(kind) => kind.name().contains(needle) || "timer".contains(needle),
        HomeItem::Routine(entry) => {
            entry.name.to_lowercase().contains(needle)
                || entry.routine.as_ref().is_ok_and(|r| {
                    r.name.to_lowercase().contains(needle)
                        || r.tags.iter().any(|t| t.to_lowercase().contains(needle))
                })
        }
    }
}

/// A routine being played.
#[derive(Debug, Clone)]
pub struct Player {
    pub session: Session,
    /// Paused by the shell because the computer slept.
    pub slept: bool,
    /// When it started.
    pub started: Moment,
    /// The routine's name in the library and a hash of its file, for the log.
    pub id: Option<String>,
    pub hash: Option<String>,
    /// Already written to the history log.
    pub logged: bool,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    /// The after question has been asked (answered or skipped).
    pub asked_after: bool,
}

/// An ice/heat session on screen.
#[derive(Debug, Clone)]
pub struct PackScreen {
    pub session: pack::Session,
    /// Shown before the first application: advice against the chosen mode, warnings.
    pub notes: Vec<String>,
    /// Switches that passed while the person was away, shown until the next key.
    pub away: Vec<String>,
    /// Started from the command line: leave by itself this long after the end.
    pub leave_at: Option<Moment>,
    /// Already written to the history log.
    pub logged: bool,
}

/// The history screen's data, read by the shell.
#[derive(Debug, Clone)]
pub struct HistoryScreen {
    /// Oldest first.
    pub records: Vec<Record>,
    pub stats: crate::core::history::stats::Stats,
    /// "last 7 days", when limited.
    pub range: Option<String>,
}

/// How long the finished ice/heat screen stays before a command-line session exits.
pub const PACK_LINGER: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// Asking whether to stop; remembers whether the session was running.
    ConfirmQuit {
        was_running: bool,
    },
    /// Pain went up: stop for today, and when to see a doctor.
    Calm,
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

/// Which pain question is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PainStage {
    Before,
    After,
}

pub use crate::core::guidance::{PAIN_HIGH, PAIN_RISE, pain_rose};

#[derive(Debug, Clone)]
pub struct App {
    pub home: Home,
    pub player: Option<Player>,
    pub pack: Option<PackScreen>,
    pub history: Option<HistoryScreen>,
    pub overlay: Option<Overlay>,
    pub settings: Settings,
    /// Started with `supple play` or `supple ice`: leaving the screen leaves the app.
    pub exit_on_leave: bool,
    pub notice: Option<(String, Moment)>,
    /// The ice/heat settings the home screen's timers start with.
    pub pack_base: pack::Plan,
    /// The wall-clock time at a moment, set by the shell, for "at 14:35".
    pub wall: Option<(Moment, Timestamp)>,
    pub tz: TimeZone,
    /// The pain question on screen, if any.
    pub pain: Option<PainStage>,
    /// A stopped routine is waiting for its pain answer (and the calm panel, if
    /// any) before the screen is left.
    leave_after_pain: bool,
    /// A `1` typed at the pain question, waiting until this moment for a `0`
    /// (ten) or Enter.
    pub pain_typed: Option<(u8, Moment)>,
    /// Enter and digits are ignored until this moment, so that the rest of a
    /// pain answer ("7" then Enter, "10" meant as one) never reaches the screen
    /// behind the question.
    settle_until: Option<Moment>,
}

/// How long a `1` at the pain question waits for a second digit.
pub const PAIN_SECOND_DIGIT: Duration = Duration::from_millis(1500);

/// How long after a pain answer Enter and digits are ignored.
pub const PAIN_SETTLE: Duration = Duration::from_secs(1);

impl App {
    pub fn new(home: Home, settings: Settings) -> App {
        App {
            home,
            player: None,
            pack: None,
            history: None,
            overlay: None,
            settings,
            exit_on_leave: false,
            notice: None,
            pack_base: pack::Plan::new(pack::Treatment::Ice),
            wall: None,
            tz: TimeZone::UTC,
            pain: None,
            leave_after_pain: false,
            pain_typed: None,
            settle_until: None,
        }
    }

    /// Opens an ice/heat session restored from its state file, at `now`: switches
    /// that passed meanwhile are shown as missed by the first tick.
    pub fn resume_pack(&mut self, session: pack::Session) {
        self.pack = Some(PackScreen {
            session,
            notes: Vec::new(),
            away: Vec::new(),
            leave_at: None,
            logged: false,
        });
        self.overlay = None;
    }

    /// The state-file effect for the ice/heat session on screen.
    fn pack_state(&self, now: Moment) -> Option<Effect> {
        let p = self.pack.as_ref()?;
        let saved = match p.session.status() {
            pack::Status::Running | pack::Status::Paused => {
                crate::core::resume::Saved::of(&p.session, now, self.timestamp_at(now))
                    .map(Box::new)
            }
            _ => None,
        };
        Some(Effect::PackState(saved))
    }

    /// Opens the ice/heat start screen for `plan`; `notes` are shown before it starts.
    pub fn open_pack(&mut self, plan: pack::Plan, mut notes: Vec<String>) {
        notes.extend(plan.warnings());
        self.pack = Some(PackScreen {
            session: pack::Session::new(plan),
            notes,
            away: Vec::new(),
            leave_at: None,
            logged: false,
        });
        self.overlay = None;
    }

    /// A line for the normal screen after leaving the full-screen app: how the ice
    /// or heat session ended, so that it stays in the terminal's scrollback.
    pub fn farewell(&self, now: Moment) -> Option<String> {
        let p = self.pack.as_ref()?;
        let s = &p.session;
        let name = s.plan().mode.name();
        match s.status() {
            pack::Status::Ready => None,
            pack::Status::Finished => {
                let at = s
                    .switches()
                    .last()
                    .and_then(|sw| self.clock_time(sw.at))
                    .map(|t| format!(" at {t}"))
                    .unwrap_or_default();
                Some(format!(
                    "supple: {name} session complete{at}: {} of {} applications. Take the pack off.",
                    s.applications_done(),
                    s.applications()
                ))
            }
            _ => {
                let at = self
                    .clock_time(now)
                    .map(|t| format!(" at {t}"))
                    .unwrap_or_default();
                Some(format!(
                    "supple: {name} session stopped{at}: {} of {} applications done. Take the pack off.",
                    s.applications_done(),
                    s.applications()
                ))
            }
        }
    }

    /// The wall-clock time at `m`: from the shell's reading when there is one, else
    /// `m` after the Unix epoch (tests).
    pub fn timestamp_at(&self, m: Moment) -> Timestamp {
        let reference = self.wall.unwrap_or((Moment::ZERO, Timestamp::UNIX_EPOCH));
        crate::shell::clock::wall_at(m, reference)
    }

    /// The history record of the session on screen, once: when it has started and
    /// has not been written yet. Called when a session ends, is left, or the app
    /// stops (quit, Ctrl-C, SIGTERM, SIGHUP).
    pub fn close(&mut self, now: Moment) -> Option<Record> {
        let tz = self.tz.clone();
        if let Some(p) = &self.pack {
            if p.logged || p.session.status() == pack::Status::Ready {
                return None;
            }
            let start = p.session.started().unwrap_or(now);
            let span = Span {
                start: self.timestamp_at(start),
                end: self.timestamp_at(now),
                end_moment: now,
                tz,
            };
            let record = records::pack(&p.session, &span);
            if let Some(p) = &mut self.pack {
                p.logged = true;
            }
            return Some(record);
        }
        let p = self.player.as_ref()?;
        if p.logged {
            return None;
        }
        let span = Span {
            start: self.timestamp_at(p.started),
            end: self.timestamp_at(now),
            end_moment: now,
            tz,
        };
        let mut record = records::routine(&p.session, p.id.as_deref(), p.hash.as_deref(), &span);
        record.pain_before = p.pain_before;
        record.pain_after = p.pain_after;
        if let Some(p) = &mut self.player {
            p.logged = true;
        }
        Some(record)
    }

    /// Takes a key at the pain question: `1` waits a moment for a `0` (ten) or
    /// Enter; any other digit answers at once; Enter alone skips.
    fn pain_key(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        let typed = self.pain_typed.take().map(|(d, _)| d);
        match (typed, action) {
            (Some(1), Action::Pain(Some(0))) => self.pain_answer(Action::Pain(Some(10)), now),
            (Some(d), Action::Pain(_)) => self.pain_answer(Action::Pain(Some(d)), now),
            (None, Action::Pain(Some(1))) => {
                self.pain_typed = Some((1, now.plus(PAIN_SECOND_DIGIT)));
                Vec::new()
            }
            _ => self.pain_answer(action, now),
        }
    }

    /// Takes an answer to the pain question.
    fn pain_answer(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        let answer = match action {
            Action::Pain(v) => v,
            Action::Quit => None,
            _ => return Vec::new(),
        };
        self.pain_typed = None;
        self.settle_until = Some(now.plus(PAIN_SETTLE));
        let stage = self.pain.take();
        let Some(p) = &mut self.player else {
            return Vec::new();
        };
        match stage {
            Some(PainStage::Before) => {
                if action == Action::Quit {
                    return self.leave(now);
                }
                p.pain_before = answer;
                p.started = now;
                let cues = p.session.apply(Command::Start, now);
                self.effects(&cues)
            }
            Some(PainStage::After) => {
                p.pain_after = answer;
                let worse = answer.is_some_and(|a| pain_rose(p.pain_before, a));
                let mut effects: Vec<Effect> = self
                    .close(now)
                    .map(|r| Effect::Log(Box::new(r)))
                    .into_iter()
                    .collect();
                if worse {
                    // The panel first; leaving (if the routine was stopped) follows it.
                    self.overlay = Some(Overlay::Calm);
                } else if std::mem::take(&mut self.leave_after_pain) {
                    effects.extend(self.leave(now));
                }
                effects
            }
            None => Vec::new(),
        }
    }

    /// A Log effect if the session on screen has just finished.
    fn log_if_finished(&mut self, now: Moment) -> Option<Effect> {
        if self.pain.is_some() {
            return None;
        }
        if self.settings.pain
            && let Some(p) = &mut self.player
            && p.session.status() == Status::Finished
            && !p.asked_after
            && self.pack.is_none()
        {
            // Ask how it is now before saving the session.
            p.asked_after = true;
            self.pain = Some(PainStage::After);
            return None;
        }
        let finished = self
            .pack
            .as_ref()
            .map(|p| p.session.status() == pack::Status::Finished)
            .or_else(|| {
                self.player
                    .as_ref()
                    .map(|p| p.session.status() == Status::Finished)
            })?;
        if !finished {
            return None;
        }
        self.close(now).map(|r| Effect::Log(Box::new(r)))
    }

    /// The time of day at `m`, as `14:35`, when the wall clock is known.
    pub fn clock_time(&self, m: Moment) -> Option<String> {
        let t = crate::shell::clock::wall_at(m, self.wall?);
        Some(crate::shell::clock::time_of_day(t, &self.tz))
    }

    /// Opens the player on `timeline` and starts it at `now`.
    pub fn play(&mut self, timeline: Timeline, now: Moment) -> Vec<Effect> {
        self.play_routine(timeline, None, None, now)
    }

    /// Opens the player on a routine from the library (`id`, and `hash` of its text,
    /// go into the history log).
    pub fn play_routine(
        &mut self,
        timeline: Timeline,
        id: Option<String>,
        hash: Option<String>,
        now: Moment,
    ) -> Vec<Effect> {
        let mut session = Session::new(timeline);
        // With the pain question on, the routine starts once it is answered.
        let cues = if self.settings.pain {
            self.pain = Some(PainStage::Before);
            Vec::new()
        } else {
            session.apply(Command::Start, now)
        };
        self.player = Some(Player {
            session,
            slept: false,
            started: now,
            id,
            hash,
            logged: false,
            pain_before: None,
            pain_after: None,
            asked_after: false,
        });
        self.overlay = None;
        self.effects(&cues)
    }

    /// Shows `text` in the footer for a few seconds.
    pub fn notify(&mut self, text: impl Into<String>, now: Moment) {
        self.notice = Some((text.into(), now.plus(NOTICE_FOR)));
    }

    pub fn mode(&self) -> Keymap {
        if self.overlay.is_none() && self.pain.is_some() {
            return Keymap::Pain;
        }
        if self.overlay.is_none()
            && let Some(p) = &self.pack
        {
            return match p.session.status() {
                pack::Status::Ready => Keymap::PackReady,
                pack::Status::Finished => Keymap::PackFinished,
                _ => Keymap::Pack,
            };
        }
        if self.overlay.is_none() && self.player.is_none() && self.history.is_some() {
            return Keymap::History;
        }
        match (&self.overlay, &self.player) {
            (Some(Overlay::Help), _) => Keymap::Help,
            (Some(Overlay::ConfirmQuit { .. }), _) => Keymap::ConfirmQuit,
            (Some(Overlay::Calm), _) => Keymap::Help,
            (None, Some(p)) if p.session.status() == Status::Finished => Keymap::Finished,
            (None, Some(_)) => Keymap::Player,
            (None, None) if self.home.filtering => Keymap::HomeFilter,
            (None, None) => Keymap::Home,
        }
    }

    /// Lets time pass: returns the effects of the cues that happened.
    pub fn tick(&mut self, now: Moment) -> Vec<Effect> {
        if self.notice.as_ref().is_some_and(|(_, until)| *until <= now) {
            self.notice = None;
        }
        if let Some((digit, until)) = self.pain_typed
            && until <= now
        {
            return self.pain_answer(Action::Pain(Some(digit)), now);
        }
        if let Some(p) = &mut self.pack {
            if p.leave_at.is_some_and(|at| at <= now) {
                return vec![Effect::Quit];
            }
            let cues = p.session.tick(now);
            let mut effects = self.pack_effects(&cues, now);
            effects.extend(self.log_if_finished(now));
            if !cues.is_empty() {
                effects.extend(self.pack_state(now));
            }
            return effects;
        }
        let cues = match &mut self.player {
            Some(p) => p.session.tick(now),
            None => return Vec::new(),
        };
        let mut effects = self.effects(&cues);
        effects.extend(self.log_if_finished(now));
        effects
    }

    /// Handles one action at `now`.
    pub fn handle(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        if let Action::Slept(d) = action {
            // Pause the player where it was when the computer went to sleep: nobody
            // stretched meanwhile. (The ice/heat timer keeps going: its clock counts
            // the sleep, and the switches it missed are shown.)
            if let Some(p) = &mut self.player
                && p.session.status() == Status::Running
            {
                p.session.apply(Command::Pause, now.minus(d));
                p.slept = true;
            }
            return self.tick(now);
        }
        let mut effects = self.tick(now);
        let settling = self.settle_until.is_some_and(|t| now < t);
        if settling
            && matches!(
                action,
                Action::Select | Action::CompleteRep | Action::Pain(_)
            )
        {
            return effects;
        }
        match action {
            Action::ForceQuit => effects.push(Effect::Interrupt),
            Action::Suspend => {
                self.pause(now);
                effects.push(Effect::Suspend);
            }
            Action::ToggleMute => {
                self.settings.muted = !self.settings.muted;
                let text = if self.settings.muted {
                    "Sounds off (m to turn them on)"
                } else {
                    "Sounds on"
                };
                self.notify(text, now);
            }
            _ => match self.mode() {
                Keymap::Help => {
                    if matches!(action, Action::CloseOverlay | Action::Help | Action::Quit) {
                        self.overlay = None;
                        if std::mem::take(&mut self.leave_after_pain) {
                            effects.extend(self.leave(now));
                        }
                    }
                }
                Keymap::ConfirmQuit => effects.extend(self.confirm(action, now)),
                Keymap::Home | Keymap::HomeFilter => effects.extend(self.home_action(action, now)),
                Keymap::Player => effects.extend(self.player_action(action, now)),
                Keymap::Finished => effects.extend(self.finished_action(action, now)),
                Keymap::PackReady | Keymap::Pack | Keymap::PackFinished => {
                    effects.extend(self.pack_action(action, now))
                }
                Keymap::Pain => effects.extend(self.pain_key(action, now)),
                Keymap::History => {
                    if action == Action::Quit {
                        effects.extend(self.leave(now));
                        self.history = None;
                    }
                }
            },
        }
        effects.extend(self.log_if_finished(now));
        effects
    }

    /// When the screen next changes or the engine next needs a tick.
    pub fn next_wake(&self, now: Moment) -> Option<Moment> {
        let notice = self
            .notice
            .as_ref()
            .map(|(_, until)| *until)
            .into_iter()
            .chain(self.pain_typed.map(|(_, until)| until))
            .min();
        let player = self
            .player
            .as_ref()
            .and_then(|p| next_change(&p.session, now));
        let pack = self.pack.as_ref().and_then(|p| {
            let second = p
                .session
                .remaining(now)
                .filter(|_| p.session.status() == pack::Status::Running)
                .map(|r| {
                    let whole = ceil_secs(r).saturating_sub(1);
                    now.plus(r.saturating_sub(Duration::from_secs(whole)))
                        .max(now.plus(Duration::from_millis(1)))
                });
            [second, p.leave_at].into_iter().flatten().min()
        });
        [notice, player, pack].into_iter().flatten().min()
    }

    /// The terminal window title: what is on and how long is left.
    pub fn title(&self, now: Moment) -> String {
        if let Some(p) = &self.pack {
            let s = &p.session;
            let text = match (s.current(), s.remaining(now)) {
                (Some(phase), Some(r)) => {
                    let paused = if s.status() == pack::Status::Paused {
                        " (paused)"
                    } else {
                        ""
                    };
                    format!(
                        "supple: {} {}{paused}",
                        phase.kind.label(),
                        duration::clock(Duration::from_secs(ceil_secs(r)))
                    )
                }
                _ => format!("supple: {} done", s.plan().mode.name()),
            };
            return text;
        }
        let Some(p) = &self.player else {
            return "supple".into();
        };
        let s = &p.session;
        let Some(seg) = s.current() else {
            return format!("supple: {} done", s.timeline().routine.name);
        };
        let what = match seg.kind {
            Kind::LeadIn => "Get ready".to_owned(),
            Kind::Rest | Kind::SetRest | Kind::RepRest => "Rest".to_owned(),
            Kind::Switch => "Switch sides".to_owned(),
            _ => s.timeline().exercise_name(seg).to_owned(),
        };
        let time = match s.remaining(now) {
            Some(r) => crate::core::duration::clock(Duration::from_secs(ceil_secs(r))),
            None => "your pace".into(),
        };
        let paused = if s.status() == Status::Paused {
            " (paused)"
        } else {
            ""
        };
        sanitize(&format!("supple: {what} {time}{paused}")).into_owned()
    }

    // ----- per mode -----

    fn home_action(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        if action == Action::Select {
            return self.open_selected(now);
        }
        let home = &mut self.home;
        let n = home.visible().len();
        match action {
            Action::Up => home.selected = home.selected.saturating_sub(1),
            Action::Down => home.selected = (home.selected + 1).min(n.saturating_sub(1)),
            Action::Top => home.selected = 0,
            Action::Bottom => home.selected = n.saturating_sub(1),
            Action::StartFilter => home.filtering = true,
            Action::FilterChar(c) if home.filter.chars().count() < FILTER_MAX => {
                home.filter.push(c);
                home.selected = 0;
            }
            Action::FilterBackspace => {
                home.filter.pop();
                home.clamp();
            }
            Action::FilterDone => home.filtering = false,
            Action::FilterCancel => {
                home.filtering = false;
                home.filter.clear();
                home.clamp();
            }
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Quit => {
                if home.filter.is_empty() {
                    return vec![Effect::Quit];
                }
                home.filter.clear();
                home.clamp();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Enter on the home screen: plays the selected routine, or says why not.
    fn open_selected(&mut self, now: Moment) -> Vec<Effect> {
        match self.home.selected_item() {
            None => Vec::new(),
            Some(HomeItem::Routine(entry)) => match &entry.routine {
                Ok(r) => {
                    let id = Some(entry.name.clone());
                    let hash = entry
                        .text
                        .as_deref()
                        .map(crate::core::history::content_hash);
                    let timeline = Timeline::new(r.clone());
                    self.play_routine(timeline, id, hash, now)
                }
                Err(_) => {
                    self.notify(
                        "This routine has errors (shown on the right): fix the file first",
                        now,
                    );
                    Vec::new()
                }
            },
            Some(HomeItem::Timer(mode)) => {
                let plan = pack::Plan {
                    mode: *mode,
                    ..self.pack_base
                };
                self.open_pack(plan, Vec::new());
                Vec::new()
            }
        }
    }

    fn player_action(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        let command = match action {
            Action::TogglePause => Command::TogglePause,
            Action::Next => Command::Next,
            Action::Back => Command::Back,
            Action::CompleteRep | Action::Select => Command::CompleteRep,
            Action::RestartExercise => Command::RestartExercise,
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                return Vec::new();
            }
            Action::Quit => {
                let was_running = self.pause(now);
                self.overlay = Some(Overlay::ConfirmQuit { was_running });
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        let Some(p) = &mut self.player else {
            return Vec::new();
        };
        if command == Command::TogglePause {
            p.slept = false;
        }
        let cues = p.session.apply(command, now);
        self.effects(&cues)
    }

    fn finished_action(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        match action {
            Action::Select => {
                let timeline = self.player.as_ref().map(|p| p.session.timeline().clone());
                match timeline {
                    Some(t) => self.play(t, now),
                    None => Vec::new(),
                }
            }
            Action::GoHome => {
                self.player = None;
                Vec::new()
            }
            Action::Quit => vec![Effect::Quit],
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn confirm(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        let Some(Overlay::ConfirmQuit { was_running }) = self.overlay else {
            return Vec::new();
        };
        match action {
            Action::Confirm | Action::Quit => {
                self.overlay = None;
                // A routine stopped by the person ends too: ask how the pain is first.
                if self.settings.pain
                    && self.pack.is_none()
                    && let Some(p) = &mut self.player
                    && !p.asked_after
                    && p.session.status() != Status::Ready
                {
                    p.asked_after = true;
                    self.pain = Some(PainStage::After);
                    self.leave_after_pain = true;
                    return Vec::new();
                }
                self.leave(now)
            }
            Action::Cancel | Action::CloseOverlay => {
                self.overlay = None;
                let mut effects = Vec::new();
                if was_running && let Some(p) = &mut self.pack {
                    let cues = p.session.apply(pack::Command::TogglePause, now);
                    effects = self.pack_effects(&cues, now);
                } else if was_running && let Some(p) = &mut self.player {
                    let cues = p.session.apply(Command::Resume, now);
                    effects = self.effects(&cues);
                }
                effects
            }
            _ => Vec::new(),
        }
    }

    /// Pauses a running session (routine or pack); true if it was running.
    fn pause(&mut self, now: Moment) -> bool {
        if let Some(p) = &mut self.pack {
            if p.session.status() == pack::Status::Running {
                p.session.apply(pack::Command::TogglePause, now);
                return true;
            }
            return false;
        }
        match &mut self.player {
            Some(p) if p.session.status() == Status::Running => {
                p.session.apply(Command::Pause, now);
                true
            }
            _ => false,
        }
    }

    /// Leaves the current screen (logging its session): the app itself when it was
    /// started for it.
    fn leave(&mut self, now: Moment) -> Vec<Effect> {
        let mut effects: Vec<Effect> = self
            .close(now)
            .map(|r| Effect::Log(Box::new(r)))
            .into_iter()
            .collect();
        if self.pack.is_some() {
            effects.push(Effect::PackState(None));
        }
        if self.exit_on_leave {
            effects.push(Effect::Quit);
            return effects;
        }
        self.player = None;
        self.pack = None;
        effects
    }

    fn pack_action(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        let Some(p) = &mut self.pack else {
            return Vec::new();
        };
        p.away.clear();
        let command = match (action, p.session.status()) {
            (Action::Help, _) => {
                self.overlay = Some(Overlay::Help);
                return Vec::new();
            }
            (Action::Select, pack::Status::Ready) => pack::Command::Start,
            (Action::Select, pack::Status::Finished) => {
                let plan = *p.session.plan();
                self.open_pack(plan, Vec::new());
                return Vec::new();
            }
            (Action::GoHome, pack::Status::Finished) => {
                self.pack = None;
                return Vec::new();
            }
            (Action::Quit, pack::Status::Ready | pack::Status::Finished) => return self.leave(now),
            (Action::Quit, _) => {
                let was_running = self.pause(now);
                self.overlay = Some(Overlay::ConfirmQuit { was_running });
                return Vec::new();
            }
            (Action::TogglePause, _) => pack::Command::TogglePause,
            (Action::Next, _) => pack::Command::Next,
            (Action::AddMinute, _) => pack::Command::AddMinute,
            (Action::RemoveMinute, _) => pack::Command::RemoveMinute,
            _ => return Vec::new(),
        };
        let cues = p.session.apply(command, now);
        let mut effects = self.pack_effects(&cues, now);
        effects.extend(self.pack_state(now));
        effects
    }

    /// Sounds, notifications and notes for what the ice/heat session did. Switches
    /// noticed late (the computer slept, the process was stopped) are gathered into
    /// one "while you were away" note with one alert, not replayed one by one.
    fn pack_effects(&mut self, cues: &[pack::Cue], now: Moment) -> Vec<Effect> {
        let mut out = Vec::new();
        let mut missed = Vec::new();
        let mut alert: Option<(String, String, String)> = None;
        for cue in cues {
            match *cue {
                pack::Cue::Switched { index, at, late } => {
                    let Some(p) = &self.pack else { continue };
                    let Some(phase) = p.session.phases().get(index).copied() else {
                        continue;
                    };
                    let (title, say) = switch_words(phase.kind);
                    if late >= pack::AWAY_AFTER {
                        let when = self
                            .clock_time(at)
                            .map(|t| format!(" at {t}"))
                            .unwrap_or_default();
                        missed.push(format!(
                            "Switched to {}{when} while you were away",
                            phase.kind.label()
                        ));
                    }
                    if index > 0 || late >= pack::AWAY_AFTER {
                        let body = self.phase_instruction(index, now);
                        alert = Some((title.to_owned(), body, say.to_owned()));
                    } else if self.settings.voice {
                        out.push(Effect::Speak(say.to_owned()));
                    }
                }
                pack::Cue::Finished { at, late } => {
                    if late >= pack::AWAY_AFTER {
                        let when = self
                            .clock_time(at)
                            .map(|t| format!(" at {t}"))
                            .unwrap_or_default();
                        missed.push(format!("The session ended{when} while you were away"));
                    }
                    let body = "Session complete. Take the pack off.".to_owned();
                    alert = Some(("Session complete".into(), body, "Session complete.".into()));
                    if self.exit_on_leave
                        && let Some(p) = &mut self.pack
                    {
                        p.leave_at = Some(now.plus(PACK_LINGER));
                    }
                }
                pack::Cue::Adjusted { planned } => {
                    let is_ice = self
                        .pack
                        .as_ref()
                        .and_then(|p| p.session.current())
                        .is_some_and(|ph| ph.kind == PhaseKind::On(pack::Pack::Ice));
                    if is_ice && planned > pack::ICE_LIMIT {
                        self.notify("Over 20 minutes of ice: watch the skin, and stop if it is numb or very red", now);
                    } else {
                        self.notify(
                            format!("This phase now lasts {}", duration::human(planned)),
                            now,
                        );
                    }
                }
                pack::Cue::Paused | pack::Cue::Resumed => {}
            }
        }
        if let Some((title, body, say)) = alert {
            if !self.settings.muted {
                out.push(Effect::Bell);
            }
            let body = if missed.is_empty() {
                body
            } else {
                format!("{}. {body}", missed.join(". "))
            };
            out.push(Effect::Notify { title, body });
            if self.settings.voice {
                out.push(Effect::Speak(say));
            }
        }
        if !missed.is_empty()
            && let Some(p) = &mut self.pack
        {
            p.away = missed;
        }
        out
    }

    /// What to do in phase `index`, with the time of the next switch when known.
    pub fn phase_instruction(&self, index: usize, now: Moment) -> String {
        let Some(p) = &self.pack else {
            return String::new();
        };
        let Some(phase) = p.session.phases().get(index) else {
            return String::new();
        };
        let until = p
            .session
            .switch_at()
            .filter(|_| index == p.session.index())
            .and_then(|m| self.clock_time(m));
        let _ = now;
        match (phase.kind, until) {
            (PhaseKind::On(pack::Pack::Ice), Some(t)) => {
                format!("Put the ice pack on, wrapped in a thin cloth. Remove it at {t}")
            }
            (PhaseKind::On(pack::Pack::Ice), None) => {
                "Put the ice pack on, wrapped in a thin cloth".into()
            }
            (PhaseKind::On(pack::Pack::Heat), Some(t)) => {
                format!("Put the heat pack on (no higher than medium). Remove it at {t}")
            }
            (PhaseKind::On(pack::Pack::Heat), None) => {
                "Put the heat pack on (no higher than medium)".into()
            }
            (PhaseKind::Off, Some(t)) => {
                format!("Pack off: let the skin rest. Next application at {t}")
            }
            (PhaseKind::Off, None) => "Pack off: let the skin rest".into(),
        }
    }

    /// Turns engine cues into sounds and speech.
    fn effects(&self, cues: &[Cue]) -> Vec<Effect> {
        let Some(p) = &self.player else {
            return Vec::new();
        };
        let t = p.session.timeline();
        let sound = !self.settings.muted;
        let voice = self.settings.voice;
        let mut out = Vec::new();
        let mut rang = false;
        for cue in cues {
            match *cue {
                Cue::Segment { index } => {
                    if sound && !rang {
                        out.push(Effect::Bell);
                        rang = true;
                    }
                    if voice && let Some(line) = announcement(t, index) {
                        out.push(Effect::Speak(line));
                    }
                }
                Cue::Countdown { secs } => {
                    let on_hold = p.session.current().is_some_and(|s| s.kind == Kind::Hold);
                    if on_hold && sound {
                        out.push(Effect::Bell);
                    }
                    if on_hold && voice {
                        out.push(Effect::Speak(secs.to_string()));
                    }
                }
                Cue::Finished => {
                    if voice {
                        out.push(Effect::Speak("Routine complete. Well done.".into()));
                    }
                }
                Cue::ExerciseDone { .. } | Cue::Paused | Cue::Resumed => {}
            }
        }
        // Only the last spoken line of a burst matters (a late tick may cross several).
        if let Some(last) = out.iter().rposition(|e| matches!(e, Effect::Speak(_))) {
            let mut i = 0;
            out.retain(|e| {
                let keep = !matches!(e, Effect::Speak(_)) || i == last;
                i += 1;
                keep
            });
        }
        out
    }
}

/// The next moment at which something on the player screen changes: the countdown's
/// next whole second, the breathing bar's next step, or an engine deadline.
pub fn next_change(session: &Session, now: Moment) -> Option<Moment> {
    if session.status() != Status::Running {
        return None;
    }
    let remaining = session.remaining(now)?;
    let whole = ceil_secs(remaining).saturating_sub(1);
    let next_second = now.plus(remaining.saturating_sub(Duration::from_secs(whole)));
    let mut wake = next_second;
    if session.current().is_some_and(|s| s.kind == Kind::Phase) {
        let step = Duration::from_secs(1) / BREATH_STEPS_PER_SEC;
        let elapsed = session.elapsed_in_segment(now);
        let into_step = Duration::from_nanos((elapsed.as_nanos() % step.as_nanos()) as u64);
        wake = wake.min(now.plus(step.saturating_sub(into_step)));
    }
    if let Some(d) = session.next_deadline() {
        wake = wake.min(d);
    }
    Some(wake.max(now.plus(Duration::from_millis(1))))
}
