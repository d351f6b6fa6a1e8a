//! The session log's records: one JSON object per line in `history.jsonl`. What a
//! record holds, how a line becomes a record (or a counted, explained skip), and
//! the checks a record must pass. Reading and appending the file: [`crate::store::log`].
//!
//! Writing never damages what is there: a record is serialised first, then written
//! with a single `write` of the whole line to a file opened for appending (so two
//! supple processes never interleave lines), then synced. Reading is forgiving: a
//! damaged or truncated line is skipped with a warning naming its line number, and
//! the file is never rewritten, truncated or "repaired".

pub mod brief;
pub mod build;
pub mod mark;
mod packed;
pub use packed::{FNV_START, fnv_words};
mod parse;
pub mod progress;
pub mod quick;
mod record;
pub mod stats;
pub mod summary;
mod time;
pub use time::parse_time;

pub use parse::*;
pub use record::*;

/// Which log a reading was made of and how long it was then: the history
/// screen's pages are read from the same file, up to the same length, so its
/// list agrees with its figures (a log replaced or shortened since is said, not
/// shown as if it were the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Snapshot {
    /// The file's device and inode (none: there was no log).
    pub file: Option<(u64, u64)>,
    /// Its length in bytes.
    pub len: u64,
}

/// A session and where its line is in the log: the history screen's list is
/// read a page at a time from there ([`crate::history::stats::Figures`] gives
/// its length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The byte offset of the line's first byte.
    pub at: u64,
    /// The byte offset just after the line (and its line break).
    pub end: u64,
    pub record: Record,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample(name: &str) -> Record {
        Record {
            v: VERSION,
            kind: SessionKind::Routine,
            name: name.into(),
            routine: Some("back-spasm-relief".into()),
            hash: Some(content_hash("x")),
            start: "2026-11-23T14:00:00+01:00".into(),
            end: "2026-11-23T14:05:16+01:00".into(),
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
            pain_before: Some(6),
            pain_after: Some(4),
            applications_done: None,
            applications_planned: None,
            applications_skipped: None,
            applied_seconds: Vec::new(),
            missed_switches: Vec::new(),
        }
    }

    #[test]
    fn records_round_trip() {
        let r = sample("Back spasm relief");
        let line = serde_json::to_string(&r).unwrap();
        assert!(!line.contains('\n'));
        let (back, skipped) = parse(line.as_bytes());
        assert_eq!(back, vec![r]);
        assert!(skipped.is_empty());
    }

    #[test]
    fn damaged_and_cut_lines_are_skipped_with_their_numbers() {
        let good = serde_json::to_string(&sample("a")).unwrap();
        let text = format!(
            "{good}\n{{\"v\":1,\"kind\":\"rou\n{good}\nnot json\n{}",
            &good[..good.len() / 2]
        );
        let (records, skipped) = parse(text.as_bytes());
        assert_eq!(records.len(), 2);
        let lines: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        let third = skipped.iter().nth(2).unwrap();
        assert!(third.why.contains("cut short"), "{third:?}");
    }

    #[test]
    fn the_hash_tells_texts_apart() {
        assert_eq!(content_hash("abc"), content_hash("abc"));
        assert_ne!(content_hash("abc"), content_hash("abd"));
        assert!(content_hash("").starts_with("fnv1a64:"));
    }
}
