//! The routine state machine: walks a [`Timeline`] as time passes and as the person
//! pauses, skips and goes back.
//!
//! It never reads a clock: every call takes `now`. It stores the deadline of the
//! current segment and, when a segment ends, chains the next deadline from the old
//! one (not from `now`), so a late or missed tick changes nothing about when later
//! segments end. [`Session::tick`] handles any number of expired segments at once and
//! returns the [`Cue`]s that happened; [`Session::next_deadline`] says when the
//! caller must call again.

use std::time::Duration;

use crate::countdown::Countdown;
use crate::duration::ceil_secs;
use crate::moment::Moment;
use crate::timeline::{Kind, Segment, Timeline};

/// How long into a segment "back" still means "the previous segment".
pub const BACK_GRACE: Duration = Duration::from_secs(2);

/// The countdown cues come in the last this-many seconds of a segment.
pub const COUNTDOWN_FROM: u32 = 3;

pub use crate::countdown::Status;

/// What the person (or the shell, for them) asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Start,
    Pause,
    Resume,
    TogglePause,
    /// Skip the rest of the current segment.
    Next,
    /// Restart the current segment, or go to the previous one if this one just started.
    Back,
    /// Confirm a self-paced rep.
    CompleteRep,
    /// Go back to the first step of the current exercise (or of the one just done,
    /// during the rest after it).
    RestartExercise,
}

/// Something that happened, for the shell to show or sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// Segment `index` began.
    Segment {
        index: usize,
    },
    /// `secs` seconds are left in the current segment (3, 2, 1). Not emitted for
    /// phases (a breathing rhythm should not beep) or segments of 3 s or less.
    Countdown {
        secs: u32,
    },
    /// The person left the last step of exercise `exercise`.
    ExerciseDone {
        exercise: usize,
    },
    Paused,
    Resumed,
    /// The routine is over.
    Finished,
}

/// What became of a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Done,
    Skipped,
}

/// What became of an exercise, from its work steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseState {
    NotReached,
    Completed,
    Skipped,
    /// Some steps done, some skipped or not reached.
    Partial,
}

#[derive(Debug, Clone)]
pub struct Session {
    timeline: Timeline,
    index: usize,
    status: Status,
    /// The current timed segment's time: running while the session runs, held
    /// while it is ready or paused; none for a self-paced step or once finished.
    timer: Option<Countdown>,
    /// The next countdown number to announce in this segment.
    next_countdown: Option<u32>,
    outcomes: Vec<Outcome>,
    /// Running time before the current run began.
    active: Duration,
    running_since: Option<Moment>,
}

impl Session {
    pub fn new(timeline: Timeline) -> Session {
        let outcomes = vec![Outcome::Pending; timeline.len()];
        let timer = timeline
            .get(0)
            .and_then(|s| s.duration)
            .map(|left| Countdown::Held { left });
        Session {
            timeline,
            index: 0,
            status: Status::Ready,
            timer,
            next_countdown: None,
            outcomes,
            active: Duration::ZERO,
            running_since: None,
        }
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// The index of the current segment (equal to the number of segments once finished).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The current segment; `None` once finished.
    pub fn current(&self) -> Option<&Segment> {
        match self.status {
            Status::Finished => None,
            _ => self.timeline.get(self.index),
        }
    }

    /// The segment after the current one.
    pub fn upcoming(&self) -> Option<&Segment> {
        self.current()
            .and_then(|_| self.timeline.get(self.index + 1))
    }

    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// Applies a command at `now`. Expired segments are settled first, so a command
    /// always acts on the segment that is current at `now`.
    pub fn apply(&mut self, command: Command, now: Moment) -> Vec<Cue> {
        let mut cues = self.tick(now);
        match (command, self.status) {
            (Command::Start, Status::Ready) => {
                self.status = Status::Running;
                self.running_since = Some(now);
                self.enter(0, now, &mut cues);
                self.countdown(now, &mut cues);
            }
            (Command::Pause | Command::TogglePause, Status::Running) => {
                if let Some(t) = &mut self.timer {
                    t.hold(now);
                }
                self.stop_running(now);
                self.status = Status::Paused;
                cues.push(Cue::Paused);
            }
            (Command::Resume | Command::TogglePause, Status::Paused) => {
                self.status = Status::Running;
                self.running_since = Some(now);
                if let Some(t) = &mut self.timer {
                    t.run(now);
                }
                cues.push(Cue::Resumed);
                self.countdown(now, &mut cues);
            }
            (Command::Next, Status::Running | Status::Paused) => {
                self.settle(Outcome::Skipped);
                self.leave(now, &mut cues);
            }
            (Command::CompleteRep, Status::Running)
                if self.current().is_some_and(|s| s.kind == Kind::SelfPaced) =>
            {
                self.settle(Outcome::Done);
                self.leave(now, &mut cues);
            }
            (Command::Back, Status::Running | Status::Paused) => {
                let timed = self.current().and_then(|s| s.duration);
                let into = match (timed, self.remaining(now)) {
                    (Some(d), Some(left)) => d.saturating_sub(left),
                    _ => Duration::ZERO,
                };
                let target = if into >= BACK_GRACE || self.index == 0 {
                    self.index
                } else {
                    self.index - 1
                };
                self.go_to(target, now, &mut cues);
            }
            (Command::RestartExercise, Status::Running | Status::Paused) => {
                if let Some(seg) = self.current() {
                    let target = match seg.kind {
                        Kind::LeadIn => 0,
                        Kind::Rest => self.timeline.exercise_start(seg.exercise.saturating_sub(1)),
                        _ => self.timeline.exercise_start(seg.exercise),
                    };
                    self.go_to(target, now, &mut cues);
                }
            }
            _ => {}
        }
        cues
    }

    /// Moves time forward to `now`: ends every segment whose deadline has passed,
    /// chaining deadlines, and announces the countdown. Returns what happened.
    pub fn tick(&mut self, now: Moment) -> Vec<Cue> {
        let mut cues = Vec::new();
        while self.status == Status::Running {
            let Some(deadline) = self.deadline() else {
                break;
            };
            if now < deadline {
                break;
            }
            self.settle(Outcome::Done);
            self.leave(deadline, &mut cues);
        }
        self.countdown(now, &mut cues);
        cues
    }

    /// When the caller must call [`Session::tick`] next: the end of the current
    /// segment or the next countdown second. `None` while nothing is timed (ready,
    /// paused, finished or waiting for a self-paced rep).
    pub fn next_deadline(&self) -> Option<Moment> {
        let deadline = self.deadline()?;
        Some(match self.next_countdown {
            Some(n) => deadline.minus(Duration::from_secs(u64::from(n))),
            None => deadline,
        })
    }

    /// Time left in the current segment; `None` for a self-paced step or once finished.
    pub fn remaining(&self, now: Moment) -> Option<Duration> {
        self.timer.map(|t| t.remaining(now))
    }

    /// When the current segment ends, while running.
    fn deadline(&self) -> Option<Moment> {
        match self.status {
            Status::Running => self.timer.and_then(|t| t.ends()),
            _ => None,
        }
    }

    /// How far into the current timed segment we are.
    pub fn elapsed_in_segment(&self, now: Moment) -> Duration {
        match (self.current().and_then(|s| s.duration), self.remaining(now)) {
            (Some(d), Some(left)) => d.saturating_sub(left),
            _ => Duration::ZERO,
        }
    }

    /// Timed time left in the whole routine, self-paced steps not counted.
    pub fn remaining_total(&self, now: Moment) -> Duration {
        match self.status {
            Status::Finished => Duration::ZERO,
            _ => self
                .remaining(now)
                .unwrap_or_default()
                .saturating_add(self.timeline.remaining_after(self.index)),
        }
    }

    /// Time spent running (pauses excluded).
    pub fn active_time(&self, now: Moment) -> Duration {
        match self.running_since {
            Some(since) => self.active.saturating_add(now.since(since)),
            None => self.active,
        }
    }

    /// What became of exercise `exercise`, judged by its work steps.
    pub fn exercise_state(&self, exercise: usize) -> ExerciseState {
        let (mut done, mut skipped, mut pending) = (0, 0, 0);
        for (seg, outcome) in self.timeline.segments().iter().zip(&self.outcomes) {
            if seg.exercise != exercise || !seg.kind.is_work() {
                continue;
            }
            match outcome {
                Outcome::Done => done += 1,
                Outcome::Skipped => skipped += 1,
                Outcome::Pending => pending += 1,
            }
        }
        match (done, skipped, pending) {
            (0, 0, _) => ExerciseState::NotReached,
            (_, 0, 0) => ExerciseState::Completed,
            (0, _, 0) => ExerciseState::Skipped,
            _ => ExerciseState::Partial,
        }
    }

    // ----- internals -----

    fn settle(&mut self, outcome: Outcome) {
        if let Some(o) = self.outcomes.get_mut(self.index) {
            *o = outcome;
        }
    }

    /// Leaves the current segment, which ended at `ended`; the next one starts then.
    fn leave(&mut self, ended: Moment, cues: &mut Vec<Cue>) {
        let finished_exercise = self.current().and_then(|seg| {
            let next = self.timeline.get(self.index + 1);
            let last_of_exercise =
                next.is_none_or(|n| n.exercise != seg.exercise || n.kind == Kind::Rest);
            (seg.kind != Kind::LeadIn && seg.kind != Kind::Rest && last_of_exercise)
                .then_some(seg.exercise)
        });
        if let Some(exercise) = finished_exercise {
            cues.push(Cue::ExerciseDone { exercise });
        }
        let next = self.index + 1;
        if next >= self.timeline.len() {
            self.finish(ended, cues);
        } else {
            self.enter(next, ended, cues);
        }
    }

    /// Makes segment `index` current, starting at `start`.
    fn enter(&mut self, index: usize, start: Moment, cues: &mut Vec<Cue>) {
        self.index = index;
        let Some(seg) = self.timeline.get(index) else {
            return;
        };
        let duration = seg.duration;
        self.next_countdown = match duration {
            Some(d)
                if seg.kind != Kind::Phase
                    && d > Duration::from_secs(u64::from(COUNTDOWN_FROM)) =>
            {
                Some(COUNTDOWN_FROM)
            }
            _ => None,
        };
        self.timer = duration.map(|d| match self.status {
            Status::Running => Countdown::Running {
                ends: start.plus(d),
            },
            _ => Countdown::Held { left: d },
        });
        cues.push(Cue::Segment { index });
    }

    /// Jumps to `target` (at or before the current segment) and starts it afresh.
    fn go_to(&mut self, target: usize, now: Moment, cues: &mut Vec<Cue>) {
        let end = (self.index + 1).min(self.outcomes.len());
        for o in self.outcomes.get_mut(target..end).unwrap_or_default() {
            *o = Outcome::Pending;
        }
        self.enter(target, now, cues);
        self.countdown(now, cues);
    }

    fn finish(&mut self, now: Moment, cues: &mut Vec<Cue>) {
        self.stop_running(now);
        self.status = Status::Finished;
        self.index = self.timeline.len();
        self.timer = None;
        self.next_countdown = None;
        cues.push(Cue::Finished);
    }

    fn stop_running(&mut self, now: Moment) {
        if let Some(since) = self.running_since.take() {
            self.active = self.active.saturating_add(now.since(since));
        }
    }

    /// Announces the countdown second we are in, once, if it is due.
    fn countdown(&mut self, now: Moment, cues: &mut Vec<Cue>) {
        if self.status != Status::Running {
            return;
        }
        let (Some(deadline), Some(n)) = (self.deadline(), self.next_countdown) else {
            return;
        };
        let left = deadline.since(now);
        if left.is_zero() || left > Duration::from_secs(u64::from(n)) {
            return;
        }
        let secs = u32::try_from(ceil_secs(left)).unwrap_or(n).min(n);
        cues.push(Cue::Countdown { secs });
        self.next_countdown = secs.checked_sub(1).filter(|&s| s > 0);
    }
}
