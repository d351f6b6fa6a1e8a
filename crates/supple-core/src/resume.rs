//! Picking up an ice/heat session after its terminal was closed: the saved state
//! of a session, and the session rebuilt from it. Pure: the files live in
//! [`crate::store::packs`].
//!
//! A state file is untrusted input like any routine: it may be damaged, edited by
//! hand or written by another version. [`Saved::check`] holds it to the same limits
//! as the command-line flags before anything is built from it, and
//! [`Saved::restore`] places the session by the wall clock, never giving a phase
//! more time left than the phase has, and never bringing back a session that
//! should have ended already (even across a reboot: moments before this boot are
//! representable, see `clock::BEFORE_BOOT` in the shell).

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::moment::Moment;
use crate::pack::{self, MAX_CYCLES, MAX_PHASE, Plan, Session, Status};

/// The state format this build writes.
pub const VERSION: u32 = 1;

/// What the start screen asks when another session runs: it starts a second one.
pub const SECOND_PACK: &str =
    "Starting here puts a second pack on beside it: Enter starts it, q goes back.";

/// "An ice session started at 14:05 is running in another terminal, until 15:45."
/// (`now` tells today from another day.)
pub fn running_note(saved: &Saved, now: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let at = |t: Timestamp| crate::moment::time_of_day(t, tz);
    let local = saved.started.to_zoned_datetime(tz.clone());
    let started = if local.date() == now.to_zoned_datetime(tz.clone()).date() {
        format!("at {}", at(saved.started))
    } else {
        format!(
            "on {} at {}",
            local.strftime("%a %-d %b"),
            at(saved.started)
        )
    };
    let until = saved
        .ends()
        .map(|t| format!(", until {}", at(t)))
        .unwrap_or_default();
    let article = if saved.mode == pack::Treatment::Ice {
        "An"
    } else {
        "A"
    };
    format!(
        "{article} {} session started {started} is running in another terminal{until}.",
        saved.mode.name()
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    pub v: u32,
    pub mode: pack::Treatment,
    pub on: u64,
    pub off: u64,
    pub cycles: u32,
    /// Each phase's length in seconds, +/- and skips applied.
    pub planned: Vec<u64>,
    pub index: usize,
    /// When the first application began.
    pub started: Timestamp,
    /// When the current phase ends, while running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_end: Option<Timestamp>,
    /// Seconds left in the current phase, while paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<u64>,
    /// Phases ended early with `n`, by index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<usize>,
    /// The longest a heat application may grow to with `+`, in seconds, when the
    /// config file set one other than the default (older files lack it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heat_max: Option<u64>,
}

/// The earliest and latest times a state file may hold.
const EARLIEST: Timestamp = Timestamp::constant(946_684_800, 0); // 2000-01-01
const LATEST: Timestamp = Timestamp::constant(7_258_118_400, 0); // 2200-01-01

impl Saved {
    /// The state of `session` at moment `now`, which was wall time `wall`.
    pub fn of(session: &Session, now: Moment, wall: Timestamp) -> Option<Saved> {
        let at = |m: Moment| Some(crate::moment::wall_at(m, (now, wall)));
        let plan = session.plan();
        let (phase_end, left) = match session.status() {
            Status::Running => (session.next_deadline().and_then(at), None),
            Status::Paused => (None, session.remaining(now).map(|d| d.as_secs())),
            _ => return None,
        };
        Some(Saved {
            v: VERSION,
            mode: plan.mode,
            on: plan.on.as_secs(),
            off: plan.off.as_secs(),
            cycles: plan.cycles,
            planned: session.planned_all().iter().map(|d| d.as_secs()).collect(),
            index: session.index(),
            started: at(session.started()?)?,
            phase_end,
            left,
            skipped: session.skipped(),
            heat_max: (plan.heat_max != pack::HEAT_MAX).then_some(plan.heat_max.as_secs()),
        })
    }

    /// The plan it was started with.
    pub fn plan(&self) -> Plan {
        let heat_max = self.heat_max.map_or(pack::HEAT_MAX, Duration::from_secs);
        Plan {
            // Never below what was started, whatever the file says.
            heat_max: heat_max.max(Duration::from_secs(self.on)),
            mode: self.mode,
            on: Duration::from_secs(self.on),
            off: Duration::from_secs(self.off),
            cycles: self.cycles,
        }
    }

    /// Every value within the limits the flags have, and the parts fitting
    /// together; otherwise what is wrong, in words.
    pub fn check(&self) -> Result<(), String> {
        let max = MAX_PHASE.as_secs();
        if self.v != VERSION {
            return Err(format!(
                "state format {} is not one this supple reads ({VERSION})",
                self.v
            ));
        }
        if self.on == 0 || self.on > max {
            return Err(format!("'on' is {} s; it must be 1 to {max}", self.on));
        }
        if self.off > max {
            return Err(format!("'off' is {} s; it must be at most {max}", self.off));
        }
        if let Some(h) = self.heat_max {
            let limit = pack::HEAT_MAX_LIMIT.as_secs();
            if !(60..=limit).contains(&h) {
                return Err(format!("'heat_max' is {h} s; it must be 60 to {limit}"));
            }
        }
        if !(1..=MAX_CYCLES).contains(&self.cycles) {
            return Err(format!(
                "'cycles' is {}; it must be 1 to {MAX_CYCLES}",
                self.cycles
            ));
        }
        let phases = self.plan().phases().len();
        if self.planned.len() != phases {
            return Err(format!(
                "{} phase lengths for a session of {phases} phases",
                self.planned.len()
            ));
        }
        if let Some(p) = self.planned.iter().find(|p| **p > max) {
            return Err(format!("a phase of {p} s; a phase lasts at most {max} s"));
        }
        if self.index >= phases {
            return Err(format!(
                "phase {} of a session of {phases} phases",
                self.index
            ));
        }
        if self.skipped.iter().any(|&i| i >= phases) {
            return Err("a skipped phase that is not in the session".into());
        }
        match (self.phase_end, self.left) {
            (Some(_), Some(_)) | (None, None) => {
                return Err("it must be either running (phase_end) or paused (left)".into());
            }
            (None, Some(left)) if left > self.planned[self.index] => {
                return Err(format!(
                    "{left} s left in a phase of {} s",
                    self.planned[self.index]
                ));
            }
            _ => {}
        }
        for t in [Some(self.started), self.phase_end].into_iter().flatten() {
            if t < EARLIEST || t >= LATEST {
                return Err(format!("the time {t} is outside 2000-2199"));
            }
        }
        if self.phase_end.is_some_and(|end| end < self.started) {
            return Err("its phase ends before the session started".into());
        }
        Ok(())
    }

    /// The session again, at moment `now` which is wall time `wall`: a phase end
    /// that has passed lies in the past, so the first tick reports what was missed
    /// at the times it happened (the end too, if it came while the terminal was
    /// closed). The time left is never more than the phase. `None` if the state
    /// does not pass [`Saved::check`].
    pub fn restore(&self, now: Moment, wall: Timestamp) -> Option<Session> {
        self.check().ok()?;
        let moment_of = |t: Timestamp| -> Moment {
            let d = t.duration_since(wall);
            match Duration::try_from(d) {
                Ok(ahead) => now.plus(ahead),
                Err(_) => now.minus(Duration::try_from(-d).unwrap_or_default()),
            }
        };
        let phase = Duration::from_secs(*self.planned.get(self.index)?);
        let running = match (self.phase_end, self.left) {
            // A phase end further away than the whole phase (the clock was set
            // back, or the file was edited) is brought back to the phase's length.
            (Some(end), _) => Ok(moment_of(end).min(now.plus(phase))),
            (None, Some(left)) => Err(Duration::from_secs(left).min(phase)),
            (None, None) => return None,
        };
        let planned = self
            .planned
            .iter()
            .map(|s| Duration::from_secs(*s))
            .collect();
        // A session cannot have started in the future (the clock was set back).
        let started = moment_of(self.started).min(now);
        Session::restore(
            self.plan(),
            planned,
            self.index,
            started,
            running,
            &self.skipped,
        )
    }

    /// When the session would end if nothing is changed (running only).
    pub fn ends(&self) -> Option<Timestamp> {
        let after: u64 = self
            .planned
            .iter()
            .skip(self.index + 1)
            .fold(0u64, |sum, p| sum.saturating_add(*p));
        let after = jiff::SignedDuration::from_secs(i64::try_from(after).ok()?);
        self.phase_end?.checked_add(after).ok()
    }
}
