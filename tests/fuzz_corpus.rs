#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Replays the fuzz corpus and every input that once crashed the routine loader,
//! with the same checks the fuzz target makes (`fuzz/oracle.rs`). Runs in the normal
//! `cargo test`, so a regression is caught without the fuzzer installed.

#[path = "../fuzz/oracle.rs"]
mod oracle;

use std::fs;
use std::path::Path;

fn replay(folder: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut n = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| oracle::check(&data));
        assert!(
            outcome.is_ok(),
            "{} breaks the loader's promises",
            path.display()
        );
        n += 1;
    }
    n
}

#[test]
fn every_past_crash_is_handled() {
    assert!(replay("fuzz/regressions/routine") >= 1);
}

#[test]
fn the_fuzz_corpus_is_handled() {
    let n = replay("fuzz/corpus/routine");
    assert!(n >= 50, "the committed corpus has only {n} inputs");
}

#[path = "../fuzz/state_oracle.rs"]
mod state_oracle;

#[path = "../fuzz/history_oracle.rs"]
mod history_oracle;

fn replay_with(folder: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut n = 0;
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(
            outcome.is_ok(),
            "{} breaks the reader's promises",
            path.display()
        );
        n += 1;
    }
    n
}

#[test]
fn the_state_file_corpus_and_past_crashes_are_handled() {
    assert!(replay_with("fuzz/corpus/state", state_oracle::check) >= 10);
    assert!(replay_with("fuzz/regressions/state", state_oracle::check) >= 1);
}

#[test]
fn the_history_log_corpus_and_past_crashes_are_handled() {
    assert!(replay_with("fuzz/corpus/history", history_oracle::check) >= 5);
    assert!(replay_with("fuzz/regressions/history", history_oracle::check) >= 1);
}

#[path = "../fuzz/reminders_oracle.rs"]
mod reminders_oracle;

#[path = "../fuzz/plan_oracle.rs"]
mod plan_oracle;

#[test]
fn the_reminders_corpus_and_past_crashes_are_handled() {
    assert!(replay_with("fuzz/corpus/reminders", reminders_oracle::check) >= 10);
    assert!(replay_with("fuzz/regressions/reminders", reminders_oracle::check) >= 1);
}

#[test]
fn the_plan_corpus_and_past_crashes_are_handled() {
    assert!(replay_with("fuzz/corpus/plan", plan_oracle::check) >= 10);
    assert!(replay_with("fuzz/regressions/plan", plan_oracle::check) >= 1);
}
