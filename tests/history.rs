#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The history log: safe appends, forgiving reads, nothing lost.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::thread;

use supple::core::history::{ExerciseRecord, Outcome, Record, SessionKind, VERSION};

mod support;
use support::TestHome;

/// A folder for the store's own functions (the runs of supple use a `TestHome`).
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
        kind: SessionKind::Routine,
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
        applications_skipped: None,
        applied_seconds: Vec::new(),
        missed_switches: Vec::new(),
    }
}

#[test]
fn appended_records_read_back() {
    let d = dir("round-trip");
    let a = record("a", 0);
    let b = record("b", 10);
    supple::store::log::append(&d, &a).unwrap();
    let path = supple::store::log::append(&d, &b).unwrap();
    let (records, skipped) = supple::store::log::read(&path).unwrap();
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
                    supple::store::log::append(&d, &record(&format!("w{w}-{i}-"), 8 * 1024))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let (records, skipped) = supple::store::log::read(&supple::store::log::log_path(&d)).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(records.len(), 200);
}

#[test]
fn two_supple_processes_finishing_together_both_log() {
    let d = dir("two-processes");
    let home = TestHome::new();
    let spawn = || {
        home.supple(&[
            "play",
            "tests/fixtures/valid/quick.toml",
            "--plain",
            "--data-dir",
        ])
        .arg(&d)
        .command()
        .stdout(Stdio::null())
        .spawn()
        .unwrap()
    };
    let (mut one, mut two) = (spawn(), spawn());
    assert!(one.wait().unwrap().success());
    assert!(two.wait().unwrap().success());
    let (records, skipped) = supple::store::log::read(&supple::store::log::log_path(&d)).unwrap();
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
    let path = supple::store::log::log_path(&d);
    fs::write(&path, &bytes).unwrap();
    let (records, skipped) = supple::store::log::read(&path).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(skipped.iter().map(|s| s.line).collect::<Vec<_>>(), [2, 4]);
    assert_eq!(
        fs::read(&path).unwrap(),
        bytes.as_bytes(),
        "reading never changes the file"
    );
    // A record appended after the cut line starts on a line of its own, so it is
    // readable; everything before it is left byte for byte.
    supple::store::log::append(&d, &record("after", 0)).unwrap();
    let after = fs::read(&path).unwrap();
    assert!(after.starts_with(bytes.as_bytes()));
    let (records, skipped) = supple::store::log::read(&path).unwrap();
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
    let err = supple::store::log::append(&blocked, &record("lost?", 0)).unwrap_err();
    let report = err.report();
    assert!(
        report[0].contains("could not save this session"),
        "{report:?}"
    );
    let line: Record = serde_json::from_str(&report[1]).unwrap();
    assert_eq!(line.name, "lost?");

    let out = TestHome::new()
        .supple(&[
            "play",
            "tests/fixtures/valid/one-second.toml",
            "--plain",
            "--data-dir",
        ])
        .arg(&blocked)
        .run();
    assert!(out.status.success());
    let stderr = out.stderr;
    assert!(stderr.contains("could not save this session"), "{stderr}");
    let record_line = stderr.lines().last().unwrap();
    let saved: Record = serde_json::from_str(record_line).unwrap();
    assert_eq!(saved.name, "One second");
}

#[test]
fn a_plain_session_stopped_early_is_logged_as_stopped() {
    let d = dir("stopped");
    let home = TestHome::new();
    let mut child = home
        .supple(&["play", "back-spasm-relief", "--plain", "--data-dir"])
        .arg(&d)
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.as_mut().unwrap().write_all(b"q\n").unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let (records, _) = supple::store::log::read(&supple::store::log::log_path(&d)).unwrap();
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

mod stats {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::{Offset, TimeZone};
    use supple::core::history::stats::{compute, since};

    fn at(start: &str, active: u64) -> Record {
        let mut r = record("s", 0);
        r.start = start.into();
        r.active_seconds = active;
        r
    }

    #[test]
    fn a_session_counts_for_its_local_date() {
        // 23:30 in UTC+2 is 21:30 UTC the same day; 00:30 in UTC+2 is the day before in UTC.
        let records = [
            at("2026-11-20T23:30:00+02:00", 60),
            at("2026-11-21T00:30:00+02:00", 120),
        ];
        let refs: Vec<&Record> = records.iter().collect();
        let plus2 = TimeZone::fixed(Offset::constant(2));
        let s = compute(&refs, date(2026, 11, 21), &plus2);
        let last = &s.days[s.days.len() - 2..];
        assert_eq!(
            (last[0].date.as_str(), last[0].active_seconds),
            ("2026-11-20", 60)
        );
        assert_eq!(
            (last[1].date.as_str(), last[1].active_seconds),
            ("2026-11-21", 120)
        );
        // Seen from UTC both are on the 20th.
        let s = compute(&refs, date(2026, 11, 21), &TimeZone::UTC);
        let last = &s.days[s.days.len() - 2..];
        assert_eq!((last[0].sessions, last[1].sessions), (2, 0));
        assert_eq!(s.days.len(), 28);
    }

    #[test]
    fn the_streak_counts_back_from_today_or_yesterday() {
        let records = [
            at("2026-11-18T09:00:00+00:00", 60),
            at("2026-11-20T09:00:00+00:00", 60),
            at("2026-11-21T09:00:00+00:00", 60),
            at("2026-11-21T20:00:00+00:00", 60),
        ];
        let refs: Vec<&Record> = records.iter().collect();
        let utc = TimeZone::UTC;
        assert_eq!(compute(&refs, date(2026, 11, 21), &utc).streak_days, 2);
        // Nothing yet today: yesterday's run still counts.
        assert_eq!(compute(&refs, date(2026, 11, 22), &utc).streak_days, 2);
        assert_eq!(compute(&refs, date(2026, 11, 23), &utc).streak_days, 0);
        assert_eq!(compute(&[], date(2026, 11, 23), &utc).streak_days, 0);
    }

    #[test]
    fn since_keeps_the_recent_ones_and_counts_per_name() {
        let mut a = at("2026-11-01T09:00:00+00:00", 60);
        a.name = "old".into();
        let b = at("2026-11-20T09:00:00+00:00", 60);
        let c = at("2026-11-21T09:00:00+00:00", 60);
        let records = [a, b, c];
        let from: jiff::Timestamp = "2026-11-14T00:00:00Z".parse().unwrap();
        let recent = since(&records, from);
        assert_eq!(recent.len(), 2);
        let s = compute(
            &records.iter().collect::<Vec<_>>(),
            date(2026, 11, 21),
            &TimeZone::UTC,
        );
        assert_eq!(s.per_name[0], ("s".to_owned(), 2));
        assert_eq!(s.per_name[1], ("old".to_owned(), 1));
    }
}

#[test]
fn the_history_command_prints_lines_json_and_a_first_run_message() {
    let d = dir("command");
    let home = TestHome::new();
    let run = |args: &[&str]| home.supple(args).arg("--data-dir").arg(&d).run();
    let out = run(&["history", "--plain"]);
    assert!(out.status.success());
    assert!(out.stdout.starts_with("No sessions yet."));
    let mut r = record("Desk break", 0);
    let now = jiff::Timestamp::now();
    r.start = now.to_string();
    r.end = (now + jiff::SignedDuration::from_secs(209)).to_string();
    r.pain_before = Some(5);
    r.pain_after = Some(3);
    supple::store::log::append(&d, &r).unwrap();
    fs::write(
        supple::store::log::log_path(&d),
        format!(
            "{}oops\n",
            fs::read_to_string(supple::store::log::log_path(&d)).unwrap()
        ),
    )
    .unwrap();
    let out = run(&["history", "--plain", "--since", "7d"]);
    let stdout = out.stdout;
    assert!(
        stdout.starts_with("1 session (1 finished), 3m 29s active. Streak: 1 day."),
        "{stdout}"
    );
    assert!(stdout.contains("pain 5 -> 3"), "{stdout}");
    let stderr = out.stderr;
    assert!(stderr.contains("line 2 skipped"), "{stderr}");
    let out = run(&["history", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["records"].as_array().unwrap().len(), 1);
    assert_eq!(doc["skipped"][0]["line"], 2);
    assert_eq!(doc["stats"]["streak_days"], 1);
}

mod progression {
    use super::*;
    use supple::core::history::progress::{apply, progress};
    use supple::store::library::bundled;

    fn session(outcome: Outcome, bridge_done: u32, bridge_planned: u32, skipped: bool) -> Record {
        let mut r = record("Core strength", 0);
        r.routine = Some("core-strength".into());
        r.outcome = outcome;
        r.exercises = vec![ExerciseRecord {
            name: "Glute bridge".into(),
            reps_done: bridge_done,
            reps_planned: bridge_planned,
            seconds_done: 0,
            seconds_planned: 0,
            skipped,
        }];
        r
    }

    #[test]
    fn reps_grow_only_with_sessions_finished_in_full() {
        let routine = bundled("core-strength").unwrap().routine.unwrap();
        let records = vec![
            session(Outcome::Finished, 5, 5, false),
            session(Outcome::Finished, 6, 6, false),
            session(Outcome::Stopped, 7, 7, false), // stopped early: no
            session(Outcome::Finished, 3, 7, false), // cut short: no
            session(Outcome::Finished, 0, 7, true), // skipped: no
            session(Outcome::Finished, 7, 7, false),
        ];
        let p = progress(&routine, "core-strength", &records, None);
        let bridge = p.iter().find(|p| p.exercise == "Glute bridge").unwrap();
        assert_eq!((bridge.finished, bridge.reps), (3, 8));
        assert_eq!(
            bridge.explain(),
            "Glute bridge: next time 8 reps; it grows by one after each finished session that did not hurt more, up to 30"
        );
        // Another routine's sessions do not count.
        let tilt = p.iter().find(|p| p.exercise == "Pelvic tilt").unwrap();
        assert_eq!(tilt.reps, 5);
        let grown = apply(routine, &p);
        let reps = grown
            .exercises
            .iter()
            .find(|e| e.name == "Glute bridge")
            .unwrap()
            .reps;
        assert_eq!(reps, 8);
    }

    fn with_pain(mut r: Record, before: u8, after: u8) -> Record {
        r.pain_before = Some(before);
        r.pain_after = Some(after);
        r
    }

    #[test]
    fn pain_decides_whether_reps_grow_or_step_back() {
        use supple::core::history::progress::{PainSays, after_session};
        let routine = bundled("core-strength").unwrap().routine.unwrap();
        let full = || session(Outcome::Finished, 5, 5, false);
        let records = vec![
            with_pain(full(), 4, 3), // pain fell: grows to 6
            full(),                  // not asked: grows to 7
            with_pain(full(), 3, 4), // pain up by 1: stays at 7
            with_pain(full(), 3, 5), // up by 2: one step back, to 6
            with_pain(session(Outcome::Stopped, 2, 6, false), 2, 6), // stopped, up by 4: back to 5
            with_pain(full(), 3, 6), // never below the file's 5
            with_pain(full(), 5, 5), // no higher: grows to 6
        ];
        let p = progress(&routine, "core-strength", &records, None);
        let bridge = p.iter().find(|p| p.exercise == "Glute bridge").unwrap();
        assert_eq!(
            (bridge.finished, bridge.stepped_back, bridge.reps),
            (3, 3, 6)
        );
        assert_eq!(
            bridge.explain(),
            "Glute bridge: next time 6 reps; it grows by one after each finished session that did not hurt more, up to 30; it went back 3 times, after sessions that hurt more (by 2 or more)"
        );
        // The finished card says the same, session by session.
        let at_seven = apply(
            routine.clone(),
            &[supple::core::history::progress::Progress {
                reps: 7,
                ..bridge.clone()
            }],
        );
        let says = |pain| after_session(&at_seven, true, pain, |_| true);
        assert!(
            says(PainSays::Grow)
                .iter()
                .any(|l| l == "Glute bridge: 8 reps next session")
        );
        assert!(
            !says(PainSays::Hold)
                .iter()
                .any(|l| l.starts_with("Glute bridge"))
        );
        assert!(
            says(PainSays::StepBack)
                .iter()
                .any(|l| l == "Glute bridge: back to 6 reps next session, as pain rose")
        );
        // At the file's reps there is no step below it.
        assert!(
            !after_session(&routine, true, PainSays::StepBack, |_| true)
                .iter()
                .any(|l| l.starts_with("Glute bridge"))
        );
        assert_eq!(PainSays::of(None, Some(9)), PainSays::Grow);
        assert_eq!(PainSays::of(Some(2), Some(4)), PainSays::StepBack);
    }

    #[test]
    fn reps_stop_at_the_target_and_a_reset_starts_over() {
        let routine = bundled("core-strength").unwrap().routine.unwrap();
        let records: Vec<Record> = (0..40)
            .map(|_| session(Outcome::Finished, 5, 5, false))
            .collect();
        let p = progress(&routine, "core-strength", &records, None);
        assert_eq!(
            p.iter()
                .find(|p| p.exercise == "Glute bridge")
                .unwrap()
                .reps,
            30
        );
        let after: jiff::Timestamp = "2030-01-01T00:00:00Z".parse().unwrap();
        let p = progress(&routine, "core-strength", &records, Some(after));
        assert_eq!(
            p.iter()
                .find(|p| p.exercise == "Glute bridge")
                .unwrap()
                .reps,
            5
        );
    }

    #[test]
    fn plan_shows_the_next_reps_and_why_and_resets() {
        let d = dir("plan-progress");
        for _ in 0..5 {
            let mut r = session(Outcome::Finished, 5, 5, false);
            r.start = "2026-11-20T09:00:00+00:00".into();
            supple::store::log::append(&d, &r).unwrap();
        }
        let home = TestHome::new();
        let plan = |extra: &[&str]| {
            let out = home
                .supple(&["plan", "core-strength", "--data-dir"])
                .arg(&d)
                .args(extra)
                .run();
            assert!(out.status.success());
            out.stdout
        };
        let text = plan(&[]);
        assert!(
            text.contains(
                "Glute bridge: next time 10 reps; it grows by one after each finished session"
            ),
            "{text}"
        );
        assert!(text.contains("rep 10/10"), "{text}");
        let text = plan(&["--reset-progress"]);
        assert!(text.contains("Glute bridge: next time 5 reps;"), "{text}");
        assert!(!text.contains("rep 10/10"));
    }
}

/// Two supple processes at once, each playing a routine five times: each start
/// reads the kept summary of the log and brings it up to date (written whole,
/// then renamed into place), each end appends its session. Nothing is lost: the
/// log holds all 16 sessions, and the kept summary, brought up to date once
/// more, agrees with a full read.
#[test]
fn two_processes_playing_and_summarising_at_once_lose_nothing() {
    // One rep of one second, with a progression: a start reads the log for it.
    let home = TestHome::new().routine(
        "one-rep",
        "name = \"One rep\"\nlead_in = \"0s\"\n[[exercise]]\nname = \"Stand tall\"\nreps = 1\nhold = \"1s\"\nprogression = { target = 3, step = 1 }\n",
    );
    thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..5 {
                    let out = home.run(&["play", "one-rep", "--plain"]);
                    assert!(out.success(), "{}", out.stderr);
                }
            });
        }
    });
    let log = home.log_file();
    let (records, skipped) = supple::store::log::read(&log).unwrap();
    assert_eq!(records.len(), 10);
    assert!(skipped.is_empty(), "{skipped:?}");
    let cache = home.path().join("cache/supple");
    assert!(supple::store::summary::summary_path(&cache, &log).exists());
    let kept = supple::store::summary::summarise(&log, Some(&cache)).unwrap();
    assert!(kept.note.is_none(), "{:?}", kept.note);
    assert_eq!(kept.summary.sessions, 10);
    let mut full = supple::core::history::summary::Summary::default();
    full.bytes(&fs::read(&log).unwrap());
    assert_eq!(kept.summary.sessions, full.sessions);
    assert_eq!(kept.summary.lines, full.lines);
}
