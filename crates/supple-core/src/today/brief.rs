//! A session as Today reads it. Today, the safety lines and the heat-or-ice
//! choice read a few facts of each session (when it started and ended, its kind
//! and routine, its pain scores, whether it counts, the time walked, the time on
//! of each application): [`Session`] is those facts, and every rule of this
//! module reads a session through it. A [`Record`] gives them from its text; a
//! [`Brief`] holds only them, so the kept summary of the log
//! (`core::history::summary`) keeps the last days' sessions small and quick to
//! read back (a start reads them: issue 25).

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::counting::{applications_in, enough, walked_in};
use crate::history::{Record, SessionKind};

/// What Today reads of a session.
pub trait Session {
    fn kind(&self) -> SessionKind;
    /// The routine's library name, for routines.
    fn routine(&self) -> Option<&str>;
    /// Its start, if its text is a time.
    fn start(&self) -> Option<Timestamp>;
    /// Its end, if its text is a time.
    fn end(&self) -> Option<Timestamp>;
    fn pain_before(&self) -> Option<u8>;
    fn pain_after(&self) -> Option<u8>;
    /// Finished, or mostly done ([`super::enough`]).
    fn enough(&self) -> bool;
    /// The time walked, if it is a walk ([`super::walked_in`]).
    fn walked(&self) -> Duration;
    /// Its applications that count against `on` ([`super::applications_counted`]).
    fn applications(&self, on: Duration) -> u32;
    /// The same facts, held on their own.
    fn brief(&self) -> Brief;
}

impl Session for Record {
    fn kind(&self) -> SessionKind {
        self.kind
    }
    fn routine(&self) -> Option<&str> {
        self.routine.as_deref()
    }
    fn start(&self) -> Option<Timestamp> {
        self.start.parse().ok()
    }
    fn end(&self) -> Option<Timestamp> {
        self.end.parse().ok()
    }
    fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }
    fn pain_after(&self) -> Option<u8> {
        self.pain_after
    }
    fn enough(&self) -> bool {
        enough(self)
    }
    fn walked(&self) -> Duration {
        walked_in(self)
    }
    fn applications(&self, on: Duration) -> u32 {
        applications_in(self.applications_done, &self.applied_seconds, on)
    }
    fn brief(&self) -> Brief {
        Brief::of(self)
    }
}

/// What Today reads of a session, and nothing else: every [`Session`] method
/// gives what the record it was made from gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Wire", into = "Wire")]
pub struct Brief {
    kind: SessionKind,
    routine: Option<String>,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    enough: bool,
    walked: Duration,
    applications_done: Option<u32>,
    applied_seconds: Vec<u64>,
}

impl Brief {
    /// What Today reads of `r`.
    pub fn of(r: &Record) -> Brief {
        Brief {
            kind: r.kind,
            routine: r.routine.clone(),
            start: r.start.parse().ok(),
            end: r.end.parse().ok(),
            pain_before: r.pain_before,
            pain_after: r.pain_after,
            enough: enough(r),
            walked: walked_in(r),
            applications_done: r.applications_done,
            applied_seconds: r.applied_seconds.clone(),
        }
    }
}

impl Session for Brief {
    fn kind(&self) -> SessionKind {
        self.kind
    }
    fn routine(&self) -> Option<&str> {
        self.routine.as_deref()
    }
    fn start(&self) -> Option<Timestamp> {
        self.start
    }
    fn end(&self) -> Option<Timestamp> {
        self.end
    }
    fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }
    fn pain_after(&self) -> Option<u8> {
        self.pain_after
    }
    fn enough(&self) -> bool {
        self.enough
    }
    fn walked(&self) -> Duration {
        self.walked
    }
    fn applications(&self, on: Duration) -> u32 {
        applications_in(self.applications_done, &self.applied_seconds, on)
    }
    fn brief(&self) -> Brief {
        self.clone()
    }
}

/// A [`Brief`] as the kept summary writes it: an array of numbers where it can
/// (the kind 0 routine, 1 ice, 2 heat, 3 contrast; times as seconds and
/// nanoseconds since 1970; the time walked in seconds), read back with no text
/// parsed but the routine's name.
#[derive(Serialize, Deserialize)]
struct Wire(
    u8,
    Option<String>,
    Option<(i64, i32)>,
    Option<(i64, i32)>,
    Option<u8>,
    Option<u8>,
    bool,
    u64,
    Option<u32>,
    Vec<u64>,
);

impl From<Brief> for Wire {
    fn from(b: Brief) -> Wire {
        let kind = match b.kind {
            SessionKind::Routine => 0,
            SessionKind::Ice => 1,
            SessionKind::Heat => 2,
            SessionKind::Contrast => 3,
        };
        let time = |t: Timestamp| (t.as_second(), t.subsec_nanosecond());
        Wire(
            kind,
            b.routine,
            b.start.map(time),
            b.end.map(time),
            b.pain_before,
            b.pain_after,
            b.enough,
            b.walked.as_secs(),
            b.applications_done,
            b.applied_seconds,
        )
    }
}

impl TryFrom<Wire> for Brief {
    type Error = String;

    fn try_from(w: Wire) -> Result<Brief, String> {
        let kind = match w.0 {
            0 => SessionKind::Routine,
            1 => SessionKind::Ice,
            2 => SessionKind::Heat,
            3 => SessionKind::Contrast,
            n => return Err(format!("no session kind {n}")),
        };
        let time = |t: Option<(i64, i32)>| -> Result<Option<Timestamp>, String> {
            t.map(|(s, ns)| Timestamp::new(s, ns).map_err(|e| e.to_string()))
                .transpose()
        };
        Ok(Brief {
            kind,
            routine: w.1,
            start: time(w.2)?,
            end: time(w.3)?,
            pain_before: w.4,
            pain_after: w.5,
            enough: w.6,
            walked: Duration::from_secs(w.7),
            applications_done: w.8,
            applied_seconds: w.9,
        })
    }
}
