//! What the benchmarks share: one routine session, as the log holds thousands.

use supple::core::episode::EpisodeRecord;
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
        applied_seconds: Vec::new(),
        missed_switches: Vec::new(),
    }
}

/// A log of `n` sessions, one every 288 s from 2026-01-01 (to 2026-12-01 for
/// 100,000), with an episode begun 200 sessions before the end.
#[allow(dead_code)]
pub fn log(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let start = "2026-01-01T08:00:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    for i in 0..n {
        // Spread over the year up to 2026-12-01, in order.
        let end = start + jiff::SignedDuration::from_secs((i as i64) * 288);
        if i == n - 200 {
            let e = EpisodeRecord::start(
                &end.to_string(),
                &end.to_string(),
                None,
                supple::core::episode::Answers::not_asked(),
            );
            let Ok(line) = serde_json::to_string(&e) else {
                panic!("an episode serialises");
            };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        let r = session(end.to_string(), end.to_string());
        let Ok(line) = serde_json::to_string(&r) else {
            panic!("a record serialises");
        };
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}
