//! One countdown, shared by both engines: either held with some time left (ready
//! or paused) or running towards a moment. The engines keep what a step means;
//! this keeps the arithmetic of time left, the same for a routine and a pack.

use std::time::Duration;

use super::moment::Moment;

/// Where a timed session is: the same four states for a routine and a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Created, waiting for the person to start it.
    Ready,
    Running,
    Paused,
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countdown {
    /// Not running: this much is left.
    Held { left: Duration },
    /// Running: it ends at this moment.
    Running { ends: Moment },
}

impl Countdown {
    /// Time left at `now` (zero once a running countdown has passed its end).
    pub fn remaining(&self, now: Moment) -> Duration {
        match *self {
            Countdown::Held { left } => left,
            Countdown::Running { ends } => ends.since(now),
        }
    }

    /// Starts (or resumes) it at `now`; a running one is left as it is.
    pub fn run(&mut self, now: Moment) {
        if let Countdown::Held { left } = *self {
            *self = Countdown::Running {
                ends: now.plus(left),
            };
        }
    }

    /// Holds it at `now` with what is left; a held one is left as it is.
    pub fn hold(&mut self, now: Moment) {
        if let Countdown::Running { .. } = *self {
            *self = Countdown::Held {
                left: self.remaining(now),
            };
        }
    }

    /// When it ends, while running.
    pub fn ends(&self) -> Option<Moment> {
        match *self {
            Countdown::Running { ends } => Some(ends),
            Countdown::Held { .. } => None,
        }
    }

    /// A running countdown whose end has come.
    pub fn expired(&self, now: Moment) -> bool {
        self.ends().is_some_and(|ends| ends <= now)
    }

    /// `d` longer (`longer`) or shorter, whether held or running.
    pub fn shift(&mut self, d: Duration, longer: bool) {
        *self = match *self {
            Countdown::Held { left } if longer => Countdown::Held {
                left: left.saturating_add(d),
            },
            Countdown::Held { left } => Countdown::Held {
                left: left.saturating_sub(d),
            },
            Countdown::Running { ends } if longer => Countdown::Running { ends: ends.plus(d) },
            Countdown::Running { ends } => Countdown::Running {
                ends: ends.minus(d),
            },
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_hold_and_shift() {
        let t = Moment::from_secs;
        let mut c = Countdown::Held {
            left: Duration::from_secs(20),
        };
        assert_eq!(c.remaining(t(100)), Duration::from_secs(20));
        c.run(t(100));
        assert_eq!(c.ends(), Some(t(120)));
        assert_eq!(c.remaining(t(105)), Duration::from_secs(15));
        c.hold(t(105));
        assert_eq!(c.remaining(t(500)), Duration::from_secs(15));
        c.shift(Duration::from_secs(60), true);
        c.run(t(500));
        assert_eq!(c.ends(), Some(t(575)));
        c.shift(Duration::from_secs(5), false);
        assert!(!c.expired(t(569)));
        assert!(c.expired(t(570)));
        assert_eq!(c.remaining(t(600)), Duration::ZERO);
    }
}
