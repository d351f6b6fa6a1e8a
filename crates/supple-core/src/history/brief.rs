//! A session's facts without its text. Today, the safety lines and the
//! heat-or-ice choice (`core::today`) read a few facts of each session: when it
//! started and ended, its kind and routine, its pain scores, whether it did
//! enough to count ([`crate::today::enough`]), the time it walked
//! ([`crate::today::walked_in`]), its applications. [`Session`] is those facts,
//! and Today's rules read a session through it. A [`Record`] gives them from its text; a [`Brief`] holds
//! only them, so the kept summary of the log ([`super::summary`]) keeps the last
//! days' sessions small and quick to read back (a start reads them: issue 25).

use std::rc::Rc;

use jiff::Timestamp;

use super::{Outcome, Record, SessionKind};

/// The share of a routine's timed work, or of a pack application's `on`, that
/// makes it count (Today's rule: [`crate::today::enough`],
/// [`crate::today::applications_counted`]).
pub const COUNTS_FROM: f64 = 0.75;

/// The routine a walk item plays (and whose sessions count as walks).
pub const WALK: &str = "walk";

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
    /// Whether it did enough to count (the rule is `Record`'s impl below;
    /// Today reads it through [`crate::today::enough`]).
    fn enough(&self) -> bool;
    /// The seconds it walked, if it is a walk; else 0 (the rule is `Record`'s
    /// impl below; Today reads it through [`crate::today::walked_in`]).
    fn walked(&self) -> u64;
    fn applications_done(&self) -> Option<u32>;
    /// Each application's time on, in seconds.
    fn applied_seconds(&self) -> &[u64];
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
        super::parse_time(&self.start).ok()
    }
    fn end(&self) -> Option<Timestamp> {
        super::parse_time(&self.end).ok()
    }
    fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }
    fn pain_after(&self) -> Option<u8> {
        self.pain_after
    }
    fn enough(&self) -> bool {
        // Finished, or stopped with at least COUNTS_FROM of its timed work
        // done (reps, for a self-paced routine).
        if self.outcome == Outcome::Finished {
            return true;
        }
        let (done, planned) = match timed(self) {
            (_, 0) => reps(self),
            timed => timed,
        };
        planned > 0 && done as f64 >= planned as f64 * COUNTS_FROM
    }
    fn walked(&self) -> u64 {
        // A walk's timed work done (whether it was finished or stopped), else
        // its running time.
        if self.kind != SessionKind::Routine || self.routine.as_deref() != Some(WALK) {
            return 0;
        }
        let (timed, _) = timed(self);
        if timed > 0 {
            timed
        } else {
            self.active_seconds
        }
    }
    fn applications_done(&self) -> Option<u32> {
        self.applications_done
    }
    fn applied_seconds(&self) -> &[u64] {
        &self.applied_seconds
    }
    fn brief(&self) -> Brief {
        Brief::of(self)
    }
}

/// Its exercises' timed work, done and planned, in seconds (each summed,
/// saturating).
fn timed(r: &Record) -> (u64, u64) {
    r.exercises.iter().fold((0u64, 0u64), |(d, p), e| {
        (
            d.saturating_add(e.seconds_done),
            p.saturating_add(e.seconds_planned),
        )
    })
}

/// Its exercises' reps, done and planned (each summed, saturating).
fn reps(r: &Record) -> (u64, u64) {
    r.exercises.iter().fold((0u64, 0u64), |(d, p), e| {
        (
            d.saturating_add(u64::from(e.reps_done)),
            p.saturating_add(u64::from(e.reps_planned)),
        )
    })
}

/// What Today reads of a session, and nothing else: every [`Session`] method
/// gives what the record it was made from gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    kind: SessionKind,
    /// Shared: the sessions of one routine name it once in a kept summary. Not
    /// an `Arc`: a start reads a thousand sessions back, and each clone and
    /// drop of an `Arc` is an atomic operation; a session stays in one thread.
    routine: Option<Rc<str>>,
    // The times, each with whether it is there: 16 bytes and a flag where an
    // `Option<Timestamp>` takes 24 (a start reads a dense log's last days, a
    // thousand sessions). The time is the epoch when it is not there.
    start: Timestamp,
    end: Timestamp,
    has_start: bool,
    has_end: bool,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    enough: bool,
    walked: u64,
    applications_done: Option<u32>,
    applied_seconds: Vec<u64>,
}

impl Brief {
    /// What Today reads of `r`.
    pub fn of(r: &Record) -> Brief {
        let ((start, has_start), (end, has_end)) = (split(r.start()), split(r.end()));
        Brief {
            kind: r.kind,
            routine: r.routine.as_deref().map(Rc::from),
            start,
            end,
            has_start,
            has_end,
            pain_before: r.pain_before,
            pain_after: r.pain_after,
            enough: r.enough(),
            walked: r.walked(),
            applications_done: r.applications_done,
            applied_seconds: r.applied_seconds.clone(),
        }
    }
}

/// A time that may not be there as a [`Brief`] holds it.
fn split(t: Option<Timestamp>) -> (Timestamp, bool) {
    (t.unwrap_or(Timestamp::UNIX_EPOCH), t.is_some())
}

impl Session for Brief {
    fn kind(&self) -> SessionKind {
        self.kind
    }
    fn routine(&self) -> Option<&str> {
        self.routine.as_deref()
    }
    fn start(&self) -> Option<Timestamp> {
        self.has_start.then_some(self.start)
    }
    fn end(&self) -> Option<Timestamp> {
        self.has_end.then_some(self.end)
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
    fn walked(&self) -> u64 {
        self.walked
    }
    fn applications_done(&self) -> Option<u32> {
        self.applications_done
    }
    fn applied_seconds(&self) -> &[u64] {
        &self.applied_seconds
    }
    fn brief(&self) -> Brief {
        self.clone()
    }
}

pub mod kept;

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use crate::history::{ExerciseRecord, VERSION};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder(#[serde(with = "kept")] VecDeque<(u64, Brief)>);

    fn record(kind: SessionKind, routine: Option<&str>, start: &str, end: &str) -> Record {
        Record {
            v: VERSION,
            kind,
            name: "A name; with spaces".into(),
            routine: routine.map(str::to_owned),
            hash: None,
            start: start.into(),
            end: end.into(),
            active_seconds: 90,
            outcome: Outcome::Stopped,
            stopped_at: None,
            exercises: vec![ExerciseRecord {
                name: "Cat-Cow".into(),
                reps_done: 3,
                reps_planned: 8,
                seconds_done: 0,
                seconds_planned: 64,
                skipped: false,
            }],
            pain_before: Some(0),
            pain_after: None,
            applications_done: Some(2),
            applications_planned: None,
            applications_skipped: None,
            applied_seconds: vec![0, 1200, u64::MAX],
            missed_switches: Vec::new(),
        }
    }

    use serde::{Deserialize, Serialize};

    #[test]
    fn briefs_are_kept_and_read_back_as_they_were() {
        let briefs: VecDeque<(u64, Brief)> = [
            record(
                SessionKind::Routine,
                Some("walk"),
                "1969-12-31T23:59:59.5-01:00",
                "2026-01-01T00:00:00.000000001Z",
            ),
            record(
                SessionKind::Routine,
                Some("a name; with spaces \"and\" quotes"),
                "not a time",
                "",
            ),
            record(
                SessionKind::Contrast,
                None,
                "2199-12-31T23:59:59Z",
                "2000-01-01T00:00:00+14:00",
            ),
            record(
                SessionKind::Routine,
                Some("walk"),
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z",
            ),
        ]
        .iter()
        .enumerate()
        .map(|(n, r)| (u64::MAX - n as u64, Brief::of(r)))
        .collect();
        assert_eq!(briefs[0].1.start().map(|t| t.as_second()), Some(3599));
        assert_eq!(briefs[1].1.end(), None);
        let text = serde_json::to_string(&Holder(briefs.clone())).unwrap();
        let back: Holder = serde_json::from_str(&text).unwrap();
        assert_eq!(back.0, briefs);
        // The routine's name is kept once.
        assert_eq!(text.matches("walk").count(), 1, "{text}");
        let none: Holder = serde_json::from_str(r#"{"routines":[],"sessions":""}"#).unwrap();
        assert!(none.0.is_empty());
    }

    proptest::proptest! {
        /// Any briefs, in any order of numbers and times (a clock set back, a
        /// time before 1970, none at all), read back as they were written.
        #[test]
        fn any_briefs_read_back_as_written(
            sessions in proptest::collection::vec(
                (
                    proptest::num::u64::ANY,
                    0u8..4,
                    proptest::option::of(0usize..3),
                    proptest::option::of((-62_135_596_800i64..253_402_300_799, 0i32..1_000_000_000)),
                    proptest::option::of(proptest::num::i64::ANY),
                    (proptest::option::of(0u8..=10), proptest::option::of(proptest::num::u8::ANY)),
                    proptest::bool::ANY,
                    (proptest::num::u64::ANY, 0u64..100_000, proptest::num::u64::ANY),
                    proptest::option::of(proptest::num::u32::ANY),
                    proptest::collection::vec(proptest::num::u64::ANY, 0..4),
                ),
                0..40,
            )
        ) {
            let names = ["walk", "a name; with \"quotes\" and spaces", "core-strength"];
            let briefs: VecDeque<(u64, Brief)> = sessions
                .into_iter()
                .map(|(n, kind, routine, end, start, pains, finished, numbers, apps, applied)| {
                    let time = |(s, ns): (i64, i32)| {
                        // The sub-second part takes the sign of the time, as jiff keeps it.
                        jiff::Timestamp::new(s, if s < 0 { -ns } else { ns }).unwrap()
                    };
                    let (end, has_end) = split(end.map(time));
                    let (start, has_start) =
                        split(start.map(|s| s.rem_euclid(253_402_300_799)).map(|s| time((s, 7))));
                    (
                        n,
                        Brief {
                            kind: [SessionKind::Routine, SessionKind::Ice, SessionKind::Heat, SessionKind::Contrast][usize::from(kind)],
                            routine: routine.map(|i| Rc::from(names[i])),
                            start,
                            end,
                            has_start,
                            has_end,
                            pain_before: pains.0,
                            pain_after: pains.1,
                            enough: finished,
                            walked: if numbers.2 % 2 == 0 { numbers.0 } else { 0 },
                            applications_done: apps,
                            applied_seconds: applied,
                        },
                    )
                })
                .collect();
            let text = serde_json::to_string(&Holder(briefs.clone())).unwrap();
            let back: Holder = serde_json::from_str(&text).unwrap();
            proptest::prop_assert_eq!(back.0, briefs);
        }
    }
}
