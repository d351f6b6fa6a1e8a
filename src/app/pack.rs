//! The ice/heat screen: the safety notes before it starts, the phases while it
//! runs, and its finished card.

use std::time::Duration;

use super::{Action, Ctx, Effect, Go, Reply, Wall};
use crate::core::announce::{self, Announcement};
use crate::core::duration::{self, ceil_secs};
use crate::core::history::Record;
use crate::core::history::build::{self as records, Span};
use crate::core::moment::Moment;
use crate::core::pack::{self, Command, Cue, PhaseKind, Plan, Session, Status};
use crate::core::resume::Saved;
use crate::core::words;

/// An ice/heat session on screen.
#[derive(Debug, Clone)]
pub struct PackScreen {
    session: Session,
    /// Shown before the first application: advice against the chosen mode, warnings.
    notes: Vec<String>,
    /// Switches that passed while the person was away, shown until the next key.
    away: Vec<String>,
    /// Already written to the history log.
    logged: bool,
    /// Rows the start screen is scrolled down (a window too short for its notes).
    scroll: u16,
}

impl PackScreen {
    /// The start screen for `plan`; `notes` are shown before it starts.
    pub(super) fn new(plan: Plan, mut notes: Vec<String>) -> PackScreen {
        let (plan, cut) = plan.within_limit();
        notes.extend(cut);
        notes.extend(plan.warnings());
        PackScreen::with(Session::new(plan), notes)
    }

    /// A session restored from its state file: switches that passed meanwhile are
    /// shown as missed by the first tick.
    pub(super) fn resumed(session: Session) -> PackScreen {
        PackScreen::with(session, Vec::new())
    }

    fn with(session: Session, notes: Vec<String>) -> PackScreen {
        PackScreen {
            session,
            notes,
            away: Vec::new(),
            logged: false,
            scroll: 0,
        }
    }

    /// How far the start screen is scrolled (the view keeps it within the text).
    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    pub fn away(&self) -> &[String] {
        &self.away
    }

    /// Running or paused: a session that a closed terminal cuts off.
    pub fn under_way(&self) -> bool {
        matches!(self.session.status(), Status::Running | Status::Paused)
    }

    pub(super) fn finished(&self) -> bool {
        self.session.status() == Status::Finished
    }

    /// The state-file effect: the session to keep while it runs, else none.
    pub(super) fn state(&self, now: Moment, wall: &Wall) -> Effect {
        let saved = if self.under_way() {
            Saved::of(&self.session, now, wall.timestamp_at(now)).map(Box::new)
        } else {
            None
        };
        Effect::PackState(saved)
    }

    /// Pauses it if it runs; true if it was running.
    pub(super) fn pause(&mut self, now: Moment) -> bool {
        if self.session.status() != Status::Running {
            return false;
        }
        self.session.apply(Command::TogglePause, now);
        true
    }

    pub(super) fn resume(&mut self, now: Moment, ctx: &Ctx) -> Reply {
        let cues = self.session.apply(Command::TogglePause, now);
        self.cue_reply(&cues, ctx)
    }

    /// Lets time pass: the alerts for the switches that happened, and whether
    /// anything did (so the state file is kept up to date).
    pub(super) fn tick(&mut self, now: Moment, ctx: &Ctx) -> (Reply, bool) {
        let cues = self.session.tick(now);
        (self.cue_reply(&cues, ctx), !cues.is_empty())
    }

    /// Handles a key on the start screen, the running timer or the finished card.
    pub(super) fn update(&mut self, action: Action, now: Moment, ctx: &Ctx) -> Reply {
        self.away.clear();
        let command = match (action, self.session.status()) {
            (Action::Help, _) => return Reply::go(Go::Help),
            (Action::Select, Status::Ready) => Command::Start,
            (Action::Up | Action::Down | Action::Top, Status::Ready) => {
                self.scroll = super::update::scrolled(self.scroll, action);
                return Reply::default();
            }
            (Action::Select, Status::Finished) => {
                return Reply::go(Go::Pack(*self.session.plan()));
            }
            (Action::GoHome, Status::Finished) => return Reply::go(Go::List),
            (Action::Note, Status::Finished) => return Reply::go(Go::Note),
            (Action::Quit, Status::Ready | Status::Finished) => return Reply::go(Go::Leave),
            (Action::Quit, _) => {
                let was_running = self.pause(now);
                return Reply::go(Go::ConfirmQuit { was_running });
            }
            (Action::TogglePause, _) => Command::TogglePause,
            (Action::Next, _) => Command::Next,
            (Action::AddMinute, _) => Command::AddMinute,
            (Action::RemoveMinute, _) => Command::RemoveMinute,
            _ => return Reply::default(),
        };
        let cues = self.session.apply(command, now);
        let mut reply = self.cue_reply(&cues, ctx);
        reply.effects.push(self.state(now, ctx.wall));
        reply
    }

    /// The history record, once, when it has started: `None` before its start or
    /// when written already.
    pub(super) fn record(&mut self, now: Moment, span: &dyn Fn(Moment) -> Span) -> Option<Record> {
        if self.logged || self.session.status() == Status::Ready {
            return None;
        }
        self.logged = true;
        let start = self.session.started().unwrap_or(now);
        Some(records::pack(&self.session, &span(start)))
    }

    /// Sounds, notifications and notes for what the session did. Switches noticed
    /// late (the computer slept, the process was stopped) are gathered into one
    /// "while you were away" note with one alert, not replayed one by one.
    fn cue_reply(&mut self, cues: &[Cue], ctx: &Ctx) -> Reply {
        let mut reply = Reply::default();
        let mut missed = Vec::new();
        let mut alert: Option<Announcement> = None;
        for cue in cues {
            match *cue {
                Cue::Switched { index, at, late } => {
                    let until = self.until(index, ctx.wall);
                    let Some(a) =
                        announce::pack_switch(&self.session, index, late, until.as_deref())
                    else {
                        continue;
                    };
                    reply.effects.extend(a.hook.clone().map(Effect::Hook));
                    if late >= pack::AWAY_AFTER {
                        missed.push(format!(
                            "Switched to {}{} while you were away",
                            self.session.phases()[index].kind.label(),
                            ctx.wall.at(at)
                        ));
                    }
                    if a.notify {
                        alert = Some(a);
                    } else if let Some(say) = a.voice.filter(|_| ctx.settings.voice) {
                        reply.effects.push(Effect::Speak(say));
                    }
                }
                Cue::Finished { at, late } => {
                    if late >= pack::AWAY_AFTER {
                        missed.push(format!(
                            "The session ended{} while you were away",
                            ctx.wall.at(at)
                        ));
                    }
                    alert = Some(announce::pack_end(&self.session));
                }
                Cue::Adjusted { planned } => {
                    let is_ice = self
                        .session
                        .current()
                        .is_some_and(|ph| ph.kind == PhaseKind::On(pack::Pack::Ice));
                    reply.notice = Some(if is_ice && planned > pack::ICE_LIMIT {
                        "Over 20 minutes of ice: watch the skin, and stop if it is numb or very red"
                            .to_owned()
                    } else {
                        format!("This phase now lasts {}", duration::human(planned))
                    });
                }
                Cue::AtLimit { pack, limit } => {
                    reply.notice = Some(words::at_limit(pack, limit));
                }
                Cue::Paused | Cue::Resumed => {}
            }
        }
        if let Some(a) = alert {
            if let Some(sound) = a.sound.filter(|_| !ctx.settings.muted) {
                reply.effects.push(Effect::Sound(sound));
            }
            let body = if missed.is_empty() {
                a.body
            } else {
                format!("{}. {}", missed.join(". "), a.body)
            };
            reply.effects.push(Effect::Notify {
                title: a.title,
                body,
            });
            if let Some(say) = a.voice.filter(|_| ctx.settings.voice) {
                reply.effects.push(Effect::Speak(say));
            }
        }
        if !missed.is_empty() {
            self.away = missed;
        }
        reply
    }

    /// What to do in phase `index`, with the time of the next switch when known.
    pub fn phase_instruction(&self, index: usize, wall: &Wall) -> String {
        match self.session.phases().get(index) {
            Some(phase) => {
                announce::phase_instruction(phase.kind, self.until(index, wall).as_deref())
            }
            None => String::new(),
        }
    }

    /// The time of day phase `index` ends, when it is the current one and the
    /// wall clock is known.
    fn until(&self, index: usize, wall: &Wall) -> Option<String> {
        self.session
            .switch_at()
            .filter(|_| index == self.session.index())
            .and_then(|m| wall.clock_time(m))
    }

    /// A line for the normal screen after leaving the full-screen app: how the
    /// session ended, so that it stays in the terminal's scrollback.
    pub(super) fn farewell(&self, now: Moment, wall: &Wall) -> Option<String> {
        let s = &self.session;
        let name = s.plan().mode.name();
        match s.status() {
            Status::Ready => None,
            Status::Finished => {
                let end = s.switches().last().map(|sw| sw.at);
                Some(format!(
                    "supple: {name} session {}{}: {}. Take the pack off.",
                    if crate::core::words::pack_complete(s) {
                        "complete"
                    } else {
                        "ended, no application done"
                    },
                    end.map_or_else(String::new, |at| wall.at(at)),
                    crate::core::words::pack_applied(s, end.unwrap_or(now))
                ))
            }
            _ => Some(format!(
                "supple: {name} session stopped{}: {}. Take the pack off.",
                wall.at(now),
                crate::core::words::pack_applied(s, now)
            )),
        }
    }

    /// The window title: the phase and how long is left.
    pub(super) fn title(&self, now: Moment) -> String {
        let s = &self.session;
        match (s.current(), s.remaining(now)) {
            (Some(phase), Some(r)) => {
                let paused = if s.status() == Status::Paused {
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
        }
    }

    /// When the screen next changes: the countdown's next whole second, or the end
    /// of a long pause. The finished card stays until a key: a person lying with a
    /// pack on may look up minutes later.
    pub(super) fn next_change(&self, now: Moment) -> Option<Moment> {
        let second = self
            .session
            .remaining(now)
            .filter(|_| self.session.status() == Status::Running)
            .map(|r| {
                let whole = ceil_secs(r).saturating_sub(1);
                now.plus(r.saturating_sub(Duration::from_secs(whole)))
                    .max(now.plus(Duration::from_millis(1)))
            });
        // A long pause changes what the screen offers.
        let long_pause = self.session.paused_long_at().filter(|at| *at > now);
        [second, long_pause].into_iter().flatten().min()
    }
}
