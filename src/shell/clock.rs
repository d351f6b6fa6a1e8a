//! The one place that reads the time, for the shells. The core takes [`Moment`]s.

use std::time::Instant;

use crate::core::moment::Moment;

/// A source of [`Moment`]s.
pub trait Clock {
    fn now(&self) -> Moment;

    /// The wall-clock time now, for showing the time of day; `None` in tests.
    fn wall(&self) -> Option<jiff::Timestamp> {
        None
    }
}

/// A clock that keeps counting while the computer sleeps and while the process is
/// stopped (CLOCK_BOOTTIME on Linux), so that an ice or heat timer left in the
/// background ends on time. Elsewhere it falls back to the monotonic clock.
#[derive(Debug, Clone, Copy)]
pub struct BootClock {
    /// This system has a boot-time clock.
    available: bool,
    fallback: MonotonicClock,
}

impl BootClock {
    pub fn new() -> BootClock {
        BootClock {
            available: boot_time().is_some(),
            fallback: MonotonicClock::new(),
        }
    }
}

impl Default for BootClock {
    fn default() -> Self {
        BootClock::new()
    }
}

/// Where the boot clock's moments start: this long before boot. Moments are
/// never negative, so without it a session restored after a reboot (its times lie
/// before this boot) would be squeezed to the boot moment; with it, anything from
/// the last fifty years has its true place.
pub const BEFORE_BOOT: std::time::Duration = std::time::Duration::from_secs(50 * 365 * 24 * 3600);

impl Clock for BootClock {
    /// Time since boot (plus [`BEFORE_BOOT`]), so that moments from before this
    /// process started, or before this boot (a session resumed from its state
    /// file), can still be told.
    fn now(&self) -> Moment {
        let since = match boot_time().filter(|_| self.available) {
            Some(now) => now,
            None => self.fallback.now().since_origin(),
        };
        Moment::from_origin(BEFORE_BOOT.saturating_add(since))
    }

    fn wall(&self) -> Option<jiff::Timestamp> {
        Some(jiff::Timestamp::now())
    }
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

    /// How long the computer slept since the last call (or since `new`), if it did.
    pub fn slept(&mut self) -> Option<std::time::Duration> {
        let now = suspend_gap();
        let slept = match (self.gap, now) {
            (Some(before), Some(after)) => Some(after.saturating_sub(before)),
            _ => None,
        };
        self.gap = now;
        slept.filter(|d| *d > SLEEP_THRESHOLD)
    }
}

impl Default for SleepWatch {
    fn default() -> Self {
        SleepWatch::new()
    }
}

/// Time spent suspended since boot: CLOCK_BOOTTIME minus CLOCK_MONOTONIC.
fn suspend_gap() -> Option<std::time::Duration> {
    Some(boot_time()?.saturating_sub(monotonic_time()?))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn read(id: rustix::time::ClockId) -> Option<std::time::Duration> {
    let t = rustix::time::clock_gettime(id);
    let secs = u64::try_from(t.tv_sec).ok()?;
    let nanos = u32::try_from(t.tv_nsec).ok()?;
    Some(std::time::Duration::new(secs, nanos))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn boot_time() -> Option<std::time::Duration> {
    read(rustix::time::ClockId::Boottime)
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn monotonic_time() -> Option<std::time::Duration> {
    read(rustix::time::ClockId::Monotonic)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn boot_time() -> Option<std::time::Duration> {
    None
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn monotonic_time() -> Option<std::time::Duration> {
    None
}

pub use crate::core::moment::{time_of_day, wall_at};
