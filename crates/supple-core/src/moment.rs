//! A point in time for the pure core.
//!
//! The core never reads a clock. The shell turns whatever clock it trusts into a
//! [`Moment`] (the time elapsed since an origin it picked) and passes it in, so tests
//! can build any time they like from `Moment::ZERO` and durations, and the shell can
//! later choose a clock that keeps counting while the machine sleeps.

use std::time::Duration;

/// Time elapsed since an arbitrary origin chosen by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Moment(Duration);

impl Moment {
    /// The origin.
    pub const ZERO: Moment = Moment(Duration::ZERO);

    /// The moment `d` after the origin.
    pub const fn from_origin(d: Duration) -> Moment {
        Moment(d)
    }

    /// The moment `secs` seconds after the origin (handy in tests).
    pub const fn from_secs(secs: u64) -> Moment {
        Moment(Duration::from_secs(secs))
    }

    /// How long after the origin this is.
    pub const fn since_origin(self) -> Duration {
        self.0
    }

    /// `self + d`, saturating at the far end instead of overflowing.
    pub fn plus(self, d: Duration) -> Moment {
        Moment(self.0.saturating_add(d))
    }

    /// `self - d`, saturating at the origin.
    pub fn minus(self, d: Duration) -> Moment {
        Moment(self.0.saturating_sub(d))
    }

    /// How long from `earlier` to `self`; zero if `earlier` is later.
    pub fn since(self, earlier: Moment) -> Duration {
        self.0.saturating_sub(earlier.0)
    }
}

/// The wall-clock time at moment `m`, given that moment `at` was wall time `ts`.
/// Saturates at the ends of the representable range instead of failing.
pub fn wall_at(m: Moment, (at, ts): (Moment, jiff::Timestamp)) -> jiff::Timestamp {
    let forward = jiff::SignedDuration::try_from(m.since(at)).unwrap_or(jiff::SignedDuration::MAX);
    let back = jiff::SignedDuration::try_from(at.since(m)).unwrap_or(jiff::SignedDuration::MAX);
    ts.checked_add(forward)
        .and_then(|t| t.checked_sub(back))
        .unwrap_or(ts)
}

/// A wall-clock time as a time of day in `tz`: `14:35`.
pub fn time_of_day(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .strftime("%H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates() {
        let far = Moment::from_origin(Duration::MAX);
        assert_eq!(far.plus(Duration::from_secs(1)), far);
        assert_eq!(Moment::ZERO.minus(Duration::from_secs(1)), Moment::ZERO);
        assert_eq!(
            Moment::from_secs(3).since(Moment::from_secs(5)),
            Duration::ZERO
        );
        assert_eq!(
            Moment::from_secs(5).since(Moment::from_secs(3)),
            Duration::from_secs(2)
        );
    }
}
