//! The player: a routine stepping through its timeline, then its finished card.

use std::time::Duration;

use super::{Action, Ctx, Effect, Go, Reply, Settings};
use crate::core::announce;
use crate::core::duration::{self, ceil_secs};
use crate::core::history::Record;
use crate::core::history::build::{self as records, Span};
use crate::core::moment::Moment;
use crate::core::session::{Command, Cue, Session, Status};
use crate::core::text::sanitize;
use crate::core::timeline::{Kind, Timeline};

/// How finely the breathing bar moves: steps per second.
pub const BREATH_STEPS_PER_SEC: u32 = 8;

/// Why supple (not the person) paused a routine; said on the screen until they go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    /// The computer slept.
    Slept,
    /// The window was smaller than the screens are laid out for.
    TooSmall,
    /// The help was open.
    Help,
}

/// A routine being played.
#[derive(Debug, Clone)]
pub struct Player {
    session: Session,
    /// Why it was paused, when it was not the person (cleared when they go on).
    paused_by: Option<PauseReason>,
    /// When it started.
    started: Moment,
    /// The routine's name in the library and a hash of its file, for the log.
    id: Option<String>,
    hash: Option<String>,
    /// Already written to the history log.
    logged: bool,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    /// The after question has been asked (answered or skipped).
    asked_after: bool,
}

impl Player {
    /// The player on `timeline`, not started yet.
    pub(super) fn new(
        timeline: Timeline,
        id: Option<String>,
        hash: Option<String>,
        now: Moment,
    ) -> Player {
        Player {
            session: Session::new(timeline),
            paused_by: None,
            started: now,
            id,
            hash,
            logged: false,
            pain_before: None,
            pain_after: None,
            asked_after: false,
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Paused because the computer slept (not by the person).
    pub fn slept(&self) -> bool {
        self.paused_by == Some(PauseReason::Slept)
    }

    /// Why it is paused, when supple paused it (not the person).
    pub fn paused_by(&self) -> Option<PauseReason> {
        self.paused_by
            .filter(|_| self.session.status() == Status::Paused)
    }

    /// Pauses it for `why` if it runs.
    pub(super) fn pause_for(&mut self, why: PauseReason, now: Moment) {
        if self.pause(now) {
            self.paused_by = Some(why);
        }
    }

    pub fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }

    pub fn pain_after(&self) -> Option<u8> {
        self.pain_after
    }

    pub(super) fn finished(&self) -> bool {
        self.session.status() == Status::Finished
    }

    /// Starts the routine at `now` (after the pain question, if asked).
    pub(super) fn start(&mut self, now: Moment, settings: &Settings) -> Vec<Effect> {
        self.started = now;
        let cues = self.session.apply(Command::Start, now);
        self.effects(&cues, settings)
    }

    pub(super) fn set_pain_before(&mut self, answer: Option<u8>) {
        self.pain_before = answer;
    }

    pub(super) fn set_pain_after(&mut self, answer: Option<u8>) {
        self.pain_after = answer;
    }

    /// True the first time it is called once the routine has begun: the after
    /// question is asked once, whether the routine finished or was stopped.
    pub(super) fn ask_after(&mut self, stopped: bool) -> bool {
        let begun = if stopped {
            self.session.status() != Status::Ready
        } else {
            self.finished()
        };
        if self.asked_after || !begun {
            return false;
        }
        self.asked_after = true;
        true
    }

    /// Pauses it if it runs; true if it was running.
    pub(super) fn pause(&mut self, now: Moment) -> bool {
        if self.session.status() != Status::Running {
            return false;
        }
        self.session.apply(Command::Pause, now);
        true
    }

    /// The computer slept for `d` until `now`: paused where it was when it went to
    /// sleep, since nobody stretched meanwhile.
    pub(super) fn slept_for(&mut self, d: Duration, now: Moment) {
        if self.session.status() == Status::Running {
            self.session.apply(Command::Pause, now.minus(d));
            self.paused_by = Some(PauseReason::Slept);
        }
    }

    pub(super) fn resume(&mut self, now: Moment, settings: &Settings) -> Vec<Effect> {
        let cues = self.session.apply(Command::Resume, now);
        self.effects(&cues, settings)
    }

    pub(super) fn tick(&mut self, now: Moment, settings: &Settings) -> Vec<Effect> {
        let cues = self.session.tick(now);
        self.effects(&cues, settings)
    }

    /// Handles a key on the player or, once the routine is over, its finished card.
    pub(super) fn update(&mut self, action: Action, now: Moment, ctx: &Ctx) -> Reply {
        if self.finished() {
            return self.finished_update(action);
        }
        let command = match action {
            Action::TogglePause => Command::TogglePause,
            Action::Next => Command::Next,
            Action::Back => Command::Back,
            Action::CompleteRep | Action::Select => Command::CompleteRep,
            Action::RestartExercise => Command::RestartExercise,
            Action::Help => {
                // Nobody follows a step behind the help: it waits.
                self.pause_for(PauseReason::Help, now);
                return Reply::go(Go::Help);
            }
            Action::Quit => {
                let was_running = self.pause(now);
                return Reply::go(Go::ConfirmQuit { was_running });
            }
            _ => return Reply::default(),
        };
        if command == Command::TogglePause {
            self.paused_by = None;
        }
        let cues = self.session.apply(command, now);
        Reply::effects(self.effects(&cues, ctx.settings))
    }

    fn finished_update(&self, action: Action) -> Reply {
        match action {
            // Again, as the same routine of the library, so the log knows it.
            Action::Select => Reply::go(Go::Play {
                timeline: Box::new(self.session.timeline().clone()),
                id: self.id.clone(),
                hash: self.hash.clone(),
            }),
            Action::GoHome => Reply::go(Go::List),
            Action::Note => Reply::go(Go::Note),
            Action::Quit => Reply::go(Go::Quit),
            Action::Help => Reply::go(Go::Help),
            _ => Reply::default(),
        }
    }

    /// The history record, once: `None` when it has been written already.
    pub(super) fn record(&mut self, span: &dyn Fn(Moment) -> Span) -> Option<Record> {
        if self.logged {
            return None;
        }
        self.logged = true;
        let mut record = records::routine(
            &self.session,
            self.id.as_deref(),
            self.hash.as_deref(),
            &span(self.started),
        );
        record.pain_before = self.pain_before;
        record.pain_after = self.pain_after;
        Some(record)
    }

    /// The window title: the step and how long is left.
    pub(super) fn title(&self, now: Moment) -> String {
        let s = &self.session;
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
            Some(r) => duration::clock(Duration::from_secs(ceil_secs(r))),
            None => "your pace".into(),
        };
        let paused = if s.status() == Status::Paused {
            " (paused)"
        } else {
            ""
        };
        sanitize(&format!("supple: {what} {time}{paused}")).into_owned()
    }

    /// Turns engine cues into sounds and speech.
    fn effects(&self, cues: &[Cue], settings: &Settings) -> Vec<Effect> {
        let t = self.session.timeline();
        let sound = !settings.muted;
        let voice = settings.voice;
        let mut out = Vec::new();
        let mut rang = false;
        for cue in cues {
            match *cue {
                Cue::Segment { index } => {
                    let Some(a) = announce::step(t, index) else {
                        continue;
                    };
                    out.extend(a.hook.map(Effect::Hook));
                    if let Some(s) = a.sound
                        && sound
                        && !rang
                    {
                        out.push(Effect::Sound(s));
                        rang = true;
                    }
                    if a.notify {
                        out.push(Effect::Notify {
                            title: a.title,
                            body: a.body,
                        });
                    }
                    if let Some(line) = a.voice.filter(|_| voice) {
                        out.push(Effect::Speak(line));
                    }
                }
                Cue::Countdown { secs } => {
                    let on_hold = self.session.current().is_some_and(|s| s.kind == Kind::Hold);
                    if on_hold && sound {
                        out.push(Effect::Sound(crate::core::sound::Sound::Tick));
                    }
                    if on_hold && voice {
                        out.push(Effect::Speak(secs.to_string()));
                    }
                }
                Cue::Finished => {
                    let a = announce::routine_end(t);
                    out.push(Effect::Notify {
                        title: a.title,
                        body: a.body,
                    });
                    if let Some(line) = a.voice.filter(|_| voice) {
                        out.push(Effect::Speak(line));
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
