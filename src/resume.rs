//! Picking up an ice/heat session after the terminal was closed.
//!
//! While a session runs, a small state file (`pack.json` in `$XDG_STATE_HOME/supple`)
//! says where it is, in wall-clock time; it is written to a temporary file and
//! renamed, so it is never half-written, and removed when the session ends. The next
//! `supple ice|heat|contrast` offers to resume it, placed by the clock.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::moment::Moment;
use crate::pack::{self, Plan, Session, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub v: u32,
    pub mode: pack::Mode,
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
}

impl Saved {
    /// The state of `session` at moment `now`, which was wall time `wall`.
    pub fn of(session: &Session, now: Moment, wall: Timestamp) -> Option<Saved> {
        let at = |m: Moment| Some(crate::clock::wall_at(m, (now, wall)));
        let plan = session.plan();
        let (phase_end, left) = match session.status() {
            Status::Running => (session.next_deadline().and_then(at), None),
            Status::Paused => (None, session.remaining(now).map(|d| d.as_secs())),
            _ => return None,
        };
        Some(Saved {
            v: 1,
            mode: plan.mode,
            on: plan.on.as_secs(),
            off: plan.off.as_secs(),
            cycles: plan.cycles,
            planned: session.planned_all().iter().map(|d| d.as_secs()).collect(),
            index: session.index(),
            started: at(session.started()?)?,
            phase_end,
            left,
        })
    }

    /// The session again, at moment `now` which is wall time `wall`: a phase end
    /// that has passed lies in the past, so the first tick reports what was missed.
    pub fn restore(&self, now: Moment, wall: Timestamp) -> Option<Session> {
        let plan = Plan {
            mode: self.mode,
            on: Duration::from_secs(self.on),
            off: Duration::from_secs(self.off),
            cycles: self.cycles,
        };
        let moment_of = |t: Timestamp| -> Moment {
            let d = t.duration_since(wall);
            match Duration::try_from(d) {
                Ok(ahead) => now.plus(ahead),
                Err(_) => now.minus(Duration::try_from(-d).unwrap_or_default()),
            }
        };
        let running = match (self.phase_end, self.left) {
            (Some(end), _) => Ok(moment_of(end)),
            (None, Some(left)) => Err(Duration::from_secs(left)),
            (None, None) => return None,
        };
        let planned = self
            .planned
            .iter()
            .map(|s| Duration::from_secs(*s))
            .collect();
        Session::restore(plan, planned, self.index, moment_of(self.started), running)
    }
}

/// `$XDG_STATE_HOME/supple/pack.json`.
pub fn path(dir: &Path) -> PathBuf {
    dir.join("pack.json")
}

pub fn save(dir: &Path, saved: &Saved) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let tmp = dir.join(".pack.json.tmp");
    fs::write(&tmp, serde_json::to_vec(saved).map_err(io::Error::other)?)?;
    fs::rename(tmp, path(dir))
}

pub fn load(dir: &Path) -> Option<Saved> {
    let bytes = fs::read(path(dir)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn clear(dir: &Path) {
    let _ = fs::remove_file(path(dir));
}
