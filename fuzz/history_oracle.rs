//! What must hold for any bytes found in the history log.
//!
//! Shared by the fuzz target `history` and by `tests/fuzz_corpus.rs`. It panics, with
//! the reason, on the first broken promise: no panic on any input; every line is a
//! record or is counted as skipped; every record read passes its checks and carries
//! no text that could act on a terminal; the totals never wrap; a line the plain
//! reader (`history::quick`) reads is read by serde_json as the same record.

use supple::core::history::{self, stats};
use supple::core::text::find_forbidden;

pub fn check(data: &[u8]) {
    let (records, skips) = history::parse(data);
    let lines = data
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    assert_eq!(
        records.len() + skips.len(),
        lines,
        "a line was neither read nor skipped"
    );
    for line in data.split(|&b| b == b'\n') {
        if let Some(quick) = history::quick::record(line) {
            let full = serde_json::from_slice::<history::Record>(line).ok();
            assert_eq!(
                full.as_ref(),
                Some(&quick),
                "the plain reader read {:?} as serde_json does not",
                String::from_utf8_lossy(line)
            );
        }
    }
    for r in &records {
        assert!(r.check().is_ok(), "an absurd record was read: {r:?}");
        let texts = [&r.name, &r.start, &r.end]
            .into_iter()
            .chain(r.routine.iter())
            .chain(r.stopped_at.iter())
            .chain(r.missed_switches.iter())
            .chain(r.exercises.iter().map(|e| &e.name));
        for t in texts {
            assert!(
                find_forbidden(t).is_none(),
                "raw text reached a record: {t:?}"
            );
        }
    }
    for s in skips.iter() {
        assert!(
            find_forbidden(&s.why).is_none(),
            "raw text in a reason: {:?}",
            s.why
        );
    }
    let refs: Vec<_> = records.iter().collect();
    let today = jiff::civil::date(2026, 12, 1);
    let st = stats::compute(&refs, today, &jiff::tz::TimeZone::UTC);
    let exact: u128 = records.iter().map(|r| u128::from(r.active_seconds)).sum();
    assert_eq!(
        u128::from(st.active_seconds),
        exact.min(u128::from(u64::MAX)),
        "the total wrapped"
    );
    assert_eq!(st.sessions, records.len());
}
