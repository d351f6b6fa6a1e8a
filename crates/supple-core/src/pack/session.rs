//! The ice/heat session: the state machine that walks a [`Plan`]'s phases, with
//! deadlines stored and chained, pauses, skips and minutes added or taken away.

use std::time::Duration;

use super::{MAX_PHASE, Phase, PhaseKind, Plan, STEP};
use crate::countdown::Countdown;
use crate::moment::Moment;

pub use crate::countdown::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Start,
    TogglePause,
    /// End the current phase now.
    Next,
    AddMinute,
    RemoveMinute,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// Phase `index` began at `at`, noticed `late` after it (a long `late` means the
    /// person was away: the computer slept or the process was stopped).
    Switched {
        index: usize,
        at: Moment,
        late: Duration,
    },
    /// The last phase ended at `at`.
    Finished {
        at: Moment,
        late: Duration,
    },
    Paused,
    Resumed,
    /// The current phase now lasts `planned` in all.
    Adjusted {
        planned: Duration,
    },
    /// `+` asked for more than an application of `pack` may last (`limit`).
    AtLimit {
        pack: super::Pack,
        limit: Duration,
    },
}

/// A switch that happened, for the log and the "while you were away" note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switch {
    pub to: Option<usize>,
    pub at: Moment,
    pub late: Duration,
}

#[derive(Debug, Clone)]
pub struct Session {
    plan: Plan,
    phases: Vec<Phase>,
    /// Each phase's length with +/- applied.
    planned: Vec<Duration>,
    index: usize,
    status: Status,
    /// The current phase's time: held while ready or paused, running otherwise;
    /// none once finished.
    timer: Option<Countdown>,
    switches: Vec<Switch>,
    started: Option<Moment>,
    /// Phases ended early with `n` (Next): an application skipped is not done.
    skipped: Vec<bool>,
    /// When it was paused, while it is (not known for a session restored paused).
    paused_at: Option<Moment>,
}

impl Session {
    pub fn new(plan: Plan) -> Session {
        let phases = plan.phases();
        let planned = phases.iter().map(|p| p.duration).collect();
        let timer = phases.first().map(|p| Countdown::Held { left: p.duration });
        Session {
            plan,
            phases,
            planned,
            index: 0,
            status: Status::Ready,
            timer,
            switches: Vec::new(),
            started: None,
            skipped: vec![false; plan.phases().len()],
            paused_at: None,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    pub fn status(&self) -> Status {
        self.status
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn current(&self) -> Option<&Phase> {
        match self.status {
            Status::Finished => None,
            _ => self.phases.get(self.index),
        }
    }

    pub fn upcoming(&self) -> Option<&Phase> {
        self.current().and_then(|_| self.phases.get(self.index + 1))
    }

    /// The current phase's length with +/- applied.
    pub fn planned(&self) -> Option<Duration> {
        self.planned.get(self.index).copied()
    }

    pub fn switches(&self) -> &[Switch] {
        &self.switches
    }

    pub fn started(&self) -> Option<Moment> {
        self.started
    }

    /// When it ended, seen at `now`: the moment of its last switch once it is
    /// finished (it may have ended long before anyone looked: the terminal was
    /// closed, the machine was off), else `now`.
    pub fn ended_at(&self, now: Moment) -> Moment {
        match (self.status, self.switches.last()) {
            (Status::Finished, Some(last)) if last.at <= now => last.at,
            _ => now,
        }
    }

    /// Each phase's length as planned now (with +/- and skips applied).
    pub fn planned_all(&self) -> &[Duration] {
        &self.planned
    }

    /// Rebuilds a session that was running (or paused) in an earlier process:
    /// phase `index` of `plan`, with `planned` lengths, ending at `deadline` (which
    /// may have passed: the next tick then reports the switches missed meanwhile),
    /// or paused with `left` to go. `None` if the parts do not fit together.
    pub fn restore(
        plan: Plan,
        planned: Vec<Duration>,
        index: usize,
        started: Moment,
        running: Result<Moment, Duration>,
        skipped: &[usize],
    ) -> Option<Session> {
        let phases = plan.phases();
        if planned.len() != phases.len() || index >= phases.len() {
            return None;
        }
        let mut flags = vec![false; phases.len()];
        for &i in skipped {
            *flags.get_mut(i)? = true;
        }
        let (status, timer) = match running {
            Ok(ends) => (Status::Running, Countdown::Running { ends }),
            Err(left) => (Status::Paused, Countdown::Held { left }),
        };
        Some(Session {
            plan,
            phases,
            planned,
            index,
            status,
            timer: Some(timer),
            switches: Vec::new(),
            started: Some(started),
            skipped: flags,
            paused_at: None,
        })
    }

    /// The phases ended early with `n`, by index.
    pub fn skipped(&self) -> Vec<usize> {
        (0..self.skipped.len())
            .filter(|&i| self.skipped[i])
            .collect()
    }

    /// Applications (on phases) ended early with `n`.
    pub fn applications_skipped(&self) -> usize {
        self.phases
            .iter()
            .zip(&self.skipped)
            .filter(|(p, s)| **s && matches!(p.kind, PhaseKind::On(_)))
            .count()
    }

    /// Running time so far, pauses excluded: the phases behind, and what has passed
    /// of the current one.
    pub fn active_time(&self, now: Moment) -> Duration {
        let behind: Duration = self.planned.iter().take(self.index).sum();
        let current = match (self.planned(), self.remaining(now)) {
            (Some(p), Some(left)) if self.status != Status::Ready => p.saturating_sub(left),
            _ => Duration::ZERO,
        };
        behind.saturating_add(current)
    }

    /// The applications (on phases) finished so far: only those that ran their
    /// whole time count, not those skipped with `n`.
    pub fn applications_done(&self) -> usize {
        let end = match self.status {
            Status::Finished => self.phases.len(),
            _ => self.index,
        };
        self.phases
            .iter()
            .zip(&self.skipped)
            .take(end)
            .filter(|(p, skipped)| !**skipped && matches!(p.kind, PhaseKind::On(_)))
            .count()
    }

    /// Each application's time on so far, in order: those behind at their
    /// length (less if ended early with `n`), and the current one as far as it
    /// has run. Applications not started are left out.
    pub fn applied(&self, now: Moment) -> Vec<Duration> {
        let mut out = Vec::new();
        for (i, (p, planned)) in self.phases.iter().zip(&self.planned).enumerate() {
            if !matches!(p.kind, PhaseKind::On(_)) {
                continue;
            }
            let behind = self.status == Status::Finished || i < self.index;
            if behind {
                out.push(*planned);
            } else if i == self.index && self.status != Status::Ready {
                let left = self.remaining(now).unwrap_or(*planned);
                out.push(planned.saturating_sub(left));
            }
        }
        out
    }

    pub fn applications(&self) -> usize {
        self.phases
            .iter()
            .filter(|p| matches!(p.kind, PhaseKind::On(_)))
            .count()
    }

    /// When a pause began, while paused (`None` for a session restored paused).
    pub fn paused_at(&self) -> Option<Moment> {
        self.paused_at.filter(|_| self.status == Status::Paused)
    }

    /// Paused for longer than a rest between applications (the plan's `off`, at
    /// least a minute): the skin has rested, so ending the session is offered.
    pub fn paused_long(&self, now: Moment) -> bool {
        self.paused_at()
            .is_some_and(|at| now.since(at) >= self.plan.off.max(Duration::from_secs(60)))
    }

    /// When [`Session::paused_long`] becomes true, while paused and it is not yet.
    pub fn paused_long_at(&self) -> Option<Moment> {
        self.paused_at()
            .map(|at| at.plus(self.plan.off.max(Duration::from_secs(60))))
    }

    pub fn apply(&mut self, command: Command, now: Moment) -> Vec<Cue> {
        let mut cues = self.tick(now);
        match (command, self.status) {
            (Command::Start, Status::Ready) => {
                self.status = Status::Running;
                self.started = Some(now);
                if let Some(t) = &mut self.timer {
                    t.run(now);
                }
                self.switches.push(Switch {
                    to: Some(0),
                    at: now,
                    late: Duration::ZERO,
                });
                cues.push(Cue::Switched {
                    index: 0,
                    at: now,
                    late: Duration::ZERO,
                });
            }
            (Command::TogglePause, Status::Running) => {
                if let Some(t) = &mut self.timer {
                    t.hold(now);
                }
                self.status = Status::Paused;
                self.paused_at = Some(now);
                cues.push(Cue::Paused);
            }
            (Command::TogglePause, Status::Paused) => {
                if let Some(t) = &mut self.timer {
                    t.run(now);
                }
                self.status = Status::Running;
                cues.push(Cue::Resumed);
            }
            (Command::Next, Status::Running | Status::Paused) => {
                let paused = self.status == Status::Paused;
                let left = self.remaining(now).unwrap_or_default();
                if let Some(p) = self.planned.get_mut(self.index) {
                    *p = p.saturating_sub(left);
                }
                if !left.is_zero()
                    && let Some(s) = self.skipped.get_mut(self.index)
                {
                    *s = true;
                }
                self.advance(now, now, &mut cues);
                if paused && self.status != Status::Finished {
                    self.timer = self.planned().map(|left| Countdown::Held { left });
                }
            }
            (Command::AddMinute, Status::Running | Status::Paused) => {
                let pack = match self.current().map(|p| p.kind) {
                    Some(PhaseKind::On(pack)) => Some(pack),
                    _ => None,
                };
                let limit = pack.map_or(MAX_PHASE, |p| self.plan.limit(p));
                let room = limit.saturating_sub(self.planned().unwrap_or_default());
                match pack {
                    Some(pack) if room.is_zero() => cues.push(Cue::AtLimit { pack, limit }),
                    _ => {
                        self.shift(STEP.min(room), true);
                        cues.push(Cue::Adjusted {
                            planned: self.planned().unwrap_or_default(),
                        });
                    }
                }
            }
            (Command::RemoveMinute, Status::Running | Status::Paused) => {
                // Never below one second left, so the switch still comes with its alert.
                let left = self.remaining(now).unwrap_or_default();
                let cut = STEP.min(left.saturating_sub(Duration::from_secs(1)));
                self.shift(cut, false);
                cues.push(Cue::Adjusted {
                    planned: self.planned().unwrap_or_default(),
                });
            }
            _ => {}
        }
        cues
    }

    /// Lengthens (`add`) or shortens the current phase by `d`.
    fn shift(&mut self, d: Duration, add: bool) {
        let change = |x: Duration| {
            if add {
                x.saturating_add(d)
            } else {
                x.saturating_sub(d)
            }
        };
        if let Some(p) = self.planned.get_mut(self.index) {
            *p = change(*p);
        }
        if let Some(t) = &mut self.timer {
            t.shift(d, add);
        }
    }

    /// Ends every phase whose deadline has passed, chaining deadlines.
    pub fn tick(&mut self, now: Moment) -> Vec<Cue> {
        let mut cues = Vec::new();
        while self.status == Status::Running {
            let Some(deadline) = self.timer.and_then(|t| t.ends()) else {
                break;
            };
            if now < deadline {
                break;
            }
            self.advance(deadline, now, &mut cues);
        }
        cues
    }

    fn advance(&mut self, at: Moment, now: Moment, cues: &mut Vec<Cue>) {
        let late = now.since(at);
        self.index += 1;
        match self.planned.get(self.index) {
            Some(d) => {
                self.timer = Some(Countdown::Running { ends: at.plus(*d) });
                self.switches.push(Switch {
                    to: Some(self.index),
                    at,
                    late,
                });
                cues.push(Cue::Switched {
                    index: self.index,
                    at,
                    late,
                });
            }
            None => {
                self.status = Status::Finished;
                self.timer = None;
                self.switches.push(Switch { to: None, at, late });
                cues.push(Cue::Finished { at, late });
            }
        }
    }

    pub fn next_deadline(&self) -> Option<Moment> {
        match self.status {
            Status::Running => self.timer.and_then(|t| t.ends()),
            _ => None,
        }
    }

    /// Time left in the current phase.
    pub fn remaining(&self, now: Moment) -> Option<Duration> {
        match self.status {
            Status::Finished => None,
            _ => self.timer.map(|t| t.remaining(now)),
        }
    }

    /// Time left in the whole session.
    pub fn remaining_total(&self, now: Moment) -> Duration {
        let after: Duration = self.planned.iter().skip(self.index + 1).sum();
        self.remaining(now)
            .unwrap_or_default()
            .saturating_add(after)
    }

    /// When the current phase ends, if the clock is running.
    pub fn switch_at(&self) -> Option<Moment> {
        self.next_deadline()
    }

    /// When the session ends, if the clock is running.
    pub fn ends_at(&self, now: Moment) -> Option<Moment> {
        match self.status {
            Status::Running => Some(now.plus(self.remaining_total(now))),
            _ => None,
        }
    }
}
