//! What must hold for any bytes found where an ice/heat state file should be.
//!
//! Shared by the fuzz target `state` and by `tests/fuzz_corpus.rs`. It panics, with
//! the reason, on the first broken promise: no panic and no huge allocation on any
//! input; a state that fails its checks is never restored; a restored session never
//! has more time left than its phase, saves back to a state that passes the checks,
//! and ends by time alone.

use std::time::Duration;

use supple::core::moment::Moment;
use supple::core::pack::Status;
use supple::core::resume::Saved;
use supple::shell::clock::BEFORE_BOOT;

/// The most a state file may hold (as `store::file::STATE`).
const MAX: usize = 64 * 1024;

pub fn check(data: &[u8]) {
    if data.len() > MAX {
        return; // refused by its size before it is parsed
    }
    let Ok(saved) = serde_json::from_slice::<Saved>(data) else {
        return;
    };
    let valid = saved.check().is_ok();
    let wall: jiff::Timestamp = "2026-12-01T12:00:00Z".parse().unwrap_or_default();
    let now = Moment::from_origin(BEFORE_BOOT + Duration::from_secs(600));
    let Some(mut session) = saved.restore(now, wall) else {
        assert!(!valid, "a state that passes its checks was not restored");
        return;
    };
    assert!(
        valid,
        "a state that fails its checks was restored: {saved:?}"
    );
    let phase = session.planned().unwrap_or_default();
    if let Some(left) = session.remaining(now) {
        assert!(left <= phase, "{left:?} left in a phase of {phase:?}");
    }
    let _ = saved.ends();
    session.tick(now);
    if let Some(again) = Saved::of(&session, now, wall) {
        assert!(
            again.check().is_ok(),
            "a restored session saves to a state that fails its checks: {again:?}"
        );
    }
    if session.status() == Status::Running {
        let later = now.plus(Duration::from_secs(4 * 3600 * 24));
        session.tick(later);
        assert_eq!(
            session.status(),
            Status::Finished,
            "time alone did not end it"
        );
        let _ = session.applications_done();
        let _ = session.active_time(later);
    }
}
