//! The wall clock as the app knows it: one reading given by the shell.

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::core::history::build::Span;
use crate::core::moment::{self, Moment};

/// What the wall clock said at one moment (set by the shell), and the time zone:
/// enough to turn any moment into a time of day, for "at 14:35".
#[derive(Debug, Clone)]
pub struct Wall {
    reading: Option<(Moment, Timestamp)>,
    tz: TimeZone,
}

impl Wall {
    /// No reading yet, in UTC.
    pub(super) fn new() -> Wall {
        Wall {
            reading: None,
            tz: TimeZone::UTC,
        }
    }

    pub(super) fn set_time_zone(&mut self, tz: TimeZone) {
        self.tz = tz;
    }

    pub(super) fn set_reading(&mut self, now: Moment, wall: Timestamp) {
        self.reading = Some((now, wall));
    }

    /// The wall-clock time at `m`: from the shell's reading when there is one, else
    /// `m` after the Unix epoch (tests).
    pub fn timestamp_at(&self, m: Moment) -> Timestamp {
        let reference = self
            .reading
            .unwrap_or((Moment::ZERO, Timestamp::UNIX_EPOCH));
        moment::wall_at(m, reference)
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The moment the wall clock shows `t`, seen from `now` (for waking at a time
    /// of day).
    pub fn moment_of(&self, t: Timestamp, now: Moment) -> Moment {
        let here = self.timestamp_at(now);
        match Duration::try_from(t.duration_since(here)) {
            Ok(ahead) => now.plus(ahead),
            Err(_) => now,
        }
    }

    /// How long after `m` the wall clock shows the next minute, when it is known
    /// (a time of day on screen, such as an estimated end, changes then).
    pub fn to_next_minute(&self, m: Moment) -> Option<Duration> {
        let t = moment::wall_at(m, self.reading?);
        let into = u64::try_from(t.as_millisecond().rem_euclid(60_000)).unwrap_or(0);
        Some(Duration::from_millis(60_000 - into))
    }

    /// The time of day at `m`, as `14:35`, when the wall clock is known.
    pub fn clock_time(&self, m: Moment) -> Option<String> {
        let t = moment::wall_at(m, self.reading?);
        Some(moment::time_of_day(t, &self.tz))
    }

    /// " at 14:35" for a sentence ("switched to ICE ON at 14:35"), or nothing when
    /// the wall clock is not known.
    pub fn at(&self, m: Moment) -> String {
        self.clock_time(m)
            .map(|t| format!(" at {t}"))
            .unwrap_or_default()
    }

    /// From `start` to `end`, in wall-clock time, for a record.
    pub(super) fn span(&self, start: Moment, end: Moment) -> Span {
        Span {
            start: self.timestamp_at(start),
            end: self.timestamp_at(end),
            end_moment: end,
            tz: self.tz.clone(),
        }
    }
}
