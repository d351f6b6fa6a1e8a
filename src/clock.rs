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
