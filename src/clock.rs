//! The one place that reads the time, for the shells. The core takes [`Moment`]s.

use std::time::Instant;

use crate::moment::Moment;

/// A source of [`Moment`]s.
pub trait Clock {
    fn now(&self) -> Moment;
}

/// The process's monotonic clock, with its origin when the clock was made.
#[derive(Debug, Clone, Copy)]
pub struct MonotonicClock {
    origin: Instant,
}

impl MonotonicClock {
    pub fn new() -> MonotonicClock {
        MonotonicClock {
            origin: Instant::now(),
        }
    }
}

impl Default for MonotonicClock {
    fn default() -> Self {
        MonotonicClock::new()
    }
}

impl Clock for MonotonicClock {
    fn now(&self) -> Moment {
        Moment::from_origin(self.origin.elapsed())
    }
}

/// Notices that the computer slept: the boot-time clock, which keeps counting while
/// the machine is suspended, pulls ahead of the monotonic clock, which does not.
/// (On Linux `std::time::Instant` is the monotonic clock: rust-lang/rust#87906.)
#[derive(Debug, Clone)]
pub struct SleepWatch {
    gap: Option<std::time::Duration>,
}

/// A jump of the boot-time clock past the monotonic one longer than this is a sleep.
pub const SLEEP_THRESHOLD: std::time::Duration = std::time::Duration::from_secs(2);

impl SleepWatch {
    pub fn new() -> SleepWatch {
        SleepWatch { gap: suspend_gap() }
    }

    /// True if the computer slept since the last call (or since `new`).
    pub fn slept(&mut self) -> bool {
        let now = suspend_gap();
        let slept = match (self.gap, now) {
            (Some(before), Some(after)) => after.saturating_sub(before) > SLEEP_THRESHOLD,
            _ => false,
        };
        self.gap = now;
        slept
    }
}

impl Default for SleepWatch {
    fn default() -> Self {
        SleepWatch::new()
    }
}

/// Time spent suspended since boot: CLOCK_BOOTTIME minus CLOCK_MONOTONIC.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn suspend_gap() -> Option<std::time::Duration> {
    use rustix::time::{ClockId, clock_gettime};
    let to_duration = |t: rustix::time::Timespec| {
        let secs = u64::try_from(t.tv_sec).ok()?;
        let nanos = u32::try_from(t.tv_nsec).ok()?;
        Some(std::time::Duration::new(secs, nanos))
    };
    let boot = to_duration(clock_gettime(ClockId::Boottime))?;
    let mono = to_duration(clock_gettime(ClockId::Monotonic))?;
    Some(boot.saturating_sub(mono))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn suspend_gap() -> Option<std::time::Duration> {
    None
}
