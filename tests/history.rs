#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The history log: safe appends, forgiving reads, nothing lost.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;

use supple::history::{self, ExerciseRecord, Kind, Outcome, Record, VERSION};

const BIN: &str = env!("CARGO_BIN_EXE_supple");

fn dir(test: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("history")
        .join(test);
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

fn record(name: &str, padding: usize) -> Record {
    Record {
        v: VERSION,
        kind: Kind::Routine,
        name: format!("{name}{}", "x".repeat(padding)),
        routine: Some("desk-break".into()),
        hash: None,
        start: "2026-11-23T14:00:00+00:00".into(),
        end: "2026-11-23T14:03:29+00:00".into(),
        active_seconds: 209,
        outcome: Outcome::Finished,
        stopped_at: None,
        exercises: vec![ExerciseRecord {
            name: "Chest opener".into(),
            reps_done: 1,
            reps_planned: 1,
            seconds_done: 20,
            seconds_planned: 20,
            skipped: false,
        }],
        pain_before: None,
        pain_after: None,
        applications_done: None,
        applications_planned: None,
        missed_switches: Vec::new(),
    }
}

#[test]
fn appended_records_read_back() {
    let d = dir("round-trip");
    let a = record("a", 0);
    let b = record("b", 10);
    history::append(&d, &a).unwrap();
    let path = history::append(&d, &b).unwrap();
    let (records, skipped) = history::read(&path).unwrap();
    assert_eq!(records, vec![a, b]);
    assert!(skipped.is_empty());
}

#[test]
fn many_writers_at_once_never_interleave_lines() {
    let d = dir("concurrent");
    // Lines of 8 KiB, more than a pipe's atomic size, from 4 writers with their own
    // file descriptors (as separate processes have).
    let handles: Vec<_> = (0..4)
        .map(|w| {
            let d = d.clone();
            thread::spawn(move || {
                for i in 0..50 {
                    history::append(&d, &record(&format!("w{w}-{i}-"), 8 * 1024)).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let (records, skipped) = history::read(&history::log_path(&d)).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(records.len(), 200);
}

#[test]
fn two_supple_processes_finishing_together_both_log() {
    let d = dir("two-processes");
    let spawn = || {
        Command::new(BIN)
            .args([
                "play",
                "tests/fixtures/valid/quick.toml",
                "--plain",
                "--data-dir",
            ])
            .arg(&d)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut one, mut two) = (spawn(), spawn());
    assert!(one.wait().unwrap().success());
    assert!(two.wait().unwrap().success());
    let (records, skipped) = history::read(&history::log_path(&d)).unwrap();
    assert!(skipped.is_empty());
    assert_eq!(records.len(), 2);
    assert!(
        records
            .iter()
            .all(|r| r.outcome == Outcome::Finished && r.name == "Quick test")
    );
    let r = &records[0];
    assert_eq!(r.routine.as_deref(), Some("quick"));
    assert!(r.hash.as_deref().unwrap().starts_with("fnv1a64:"));
    assert_eq!(r.exercises.len(), 2);
    assert_eq!(
        r.exercises[1].reps_done, 2,
        "one rep per side: {:?}",
        r.exercises[1]
    );
    assert_eq!(r.active_seconds, 7);
}

#[test]
fn damaged_lines_are_skipped_and_the_file_is_left_alone() {
    let d = dir("damaged");
    let good = serde_json::to_string(&record("ok", 0)).unwrap();
    let bytes = format!("{good}\n{{\"v\":1,\"ki\n{good}\n{}", &good[..40]);
    let path = history::log_path(&d);
    fs::write(&path, &bytes).unwrap();
    let (records, skipped) = history::read(&path).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(skipped.iter().map(|s| s.line).collect::<Vec<_>>(), [2, 4]);
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes.as_bytes(),
        "reading never changes the file"
    );
    // A record appended after the cut line starts on a line of its own, so it is
    // readable; everything before it is left byte for byte.
    history::append(&d, &record("after", 0)).unwrap();
    let after = fs::read(&path).unwrap();
    assert!(after.starts_with(bytes.as_bytes()));
    let (records, skipped) = history::read(&path).unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!(records[2].name, "after");
    assert_eq!(skipped.len(), 2);
}

#[test]
fn an_unwritable_folder_gives_a_message_and_the_record_on_stderr() {
    let d = dir("unwritable");
    // A file where the folder should be: nothing can be created inside it.
    let blocked = d.join("not-a-folder");
    fs::write(&blocked, "x").unwrap();
    let err = history::append(&blocked, &record("lost?", 0)).unwrap_err();
    let report = err.report();
    assert!(
        report[0].contains("could not save this session"),
        "{report:?}"
    );
    let line: Record = serde_json::from_str(&report[1]).unwrap();
    assert_eq!(line.name, "lost?");

    let out = Command::new(BIN)
        .args([
            "play",
            "tests/fixtures/valid/quick.toml",
            "--plain",
            "--data-dir",
        ])
        .arg(&blocked)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("could not save this session"), "{stderr}");
    let record_line = stderr.lines().last().unwrap();
    let saved: Record = serde_json::from_str(record_line).unwrap();
    assert_eq!(saved.name, "Quick test");
}

#[test]
fn a_plain_session_stopped_early_is_logged_as_stopped() {
    let d = dir("stopped");
    let mut child = Command::new(BIN)
        .args(["play", "back-spasm-relief", "--plain", "--data-dir"])
        .arg(&d)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.as_mut().unwrap().write_all(b"q\n").unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(130));
    let (records, _) = history::read(&history::log_path(&d)).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].outcome, Outcome::Stopped);
    assert!(
        records[0]
            .stopped_at
            .as_deref()
            .unwrap()
            .starts_with("Cat-Cow, exercise 1 of 6")
    );
}
