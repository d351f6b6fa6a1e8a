//! What must hold for any bytes found where a plan file should be.
//!
//! Shared by the fuzz target `plan` and by `tests/fuzz_corpus.rs`. It panics, with
//! the reason, on the first broken promise: no panic on any input; a refused plan
//! gets at least one error, none with a raw control, bidi or zero-width character;
//! an accepted plan has stages in order from 0h, each starting where the one
//! before ended, and finds its stage for any time since the pain began.

use std::time::Duration;

use supple::core::plan::parse::parse;
use supple::core::text::find_forbidden;

/// The most a plan file may hold (as `store::file::PLAN`).
const MAX: usize = 1024 * 1024;

pub fn check(data: &[u8]) {
    if data.len() > MAX {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let plan = match parse(text) {
        Ok(plan) => plan,
        Err(errors) => {
            assert!(!errors.is_empty(), "refused without a reason");
            for d in &errors {
                for t in std::iter::once(&d.message).chain(d.help.iter()) {
                    for line in t.lines() {
                        assert!(find_forbidden(line).is_none(), "raw text: {line:?}");
                    }
                }
            }
            return;
        }
    };
    assert!(!plan.stages.is_empty(), "a plan with no stage");
    assert_eq!(
        plan.stages[0].from,
        Duration::ZERO,
        "the first stage starts later"
    );
    for pair in plan.stages.windows(2) {
        assert_eq!(
            pair[0].until,
            Some(pair[1].from),
            "a gap or overlap between stages"
        );
    }
    let texts = std::iter::once(&plan.name)
        .chain(plan.description.iter())
        .chain(plan.stages.iter().map(|s| &s.name))
        .chain(plan.stages.iter().flat_map(|s| s.advice.iter()));
    for t in texts {
        assert!(find_forbidden(t).is_none(), "raw text in a plan: {t:?}");
    }
    for hours in [0u64, 1, 30, 24 * 7, 24 * 90, 24 * 365 * 3] {
        let _ = plan.stage_at(Duration::from_secs(hours * 3600));
    }
}
