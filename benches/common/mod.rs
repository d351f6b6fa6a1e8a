//! What the benchmarks share: one routine session, as the log holds thousands.

use supple::core::history::{self, ExerciseRecord, Outcome, Record, SessionKind, VERSION};

/// A finished back-spasm-relief session from `start` to `end`, with pain 5 -> 3.
pub fn session(start: String, end: String) -> Record {
    Record {
        v: VERSION,
        kind: SessionKind::Routine,
        name: "Back spasm relief".into(),
        routine: Some("back-spasm-relief".into()),
        hash: Some(history::content_hash("x")),
        start,
        end,
        active_seconds: 316,
        outcome: Outcome::Finished,
        stopped_at: None,
        exercises: vec![ExerciseRecord {
            name: "Cat-Cow".into(),
            reps_done: 8,
            reps_planned: 8,
            seconds_done: 64,
            seconds_planned: 64,
            skipped: false,
        }],
        pain_before: Some(5),
        pain_after: Some(3),
        applications_done: None,
        applications_planned: None,
        applications_skipped: None,
        missed_switches: Vec::new(),
    }
}
