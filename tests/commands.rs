#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Commands run in process, as `supple` runs them, on a context with a fixed
//! time, the UTC time zone, a folder of their own and writers read back: what a
//! command prints at a given time, without a process, a terminal or the clock.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use clap::Parser;
use supple::cli::{Cli, run_in};
use supple::ctx::{Ctx, Folders, Terminals, Time};
use supple::shell::clock::BootClock;
use supple::store::config::Loaded;
use supple::store::library::Library;
use supple::store::plans::Plans;

/// A writer whose bytes the test reads back.
#[derive(Clone, Default)]
struct Written(Rc<RefCell<Vec<u8>>>);

impl Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Written {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

/// What one command printed, and its exit code.
struct Ran {
    code: ExitCode,
    out: String,
    err: String,
}

/// A folder under target/ of the test's own, empty.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("commands-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    dir
}

/// Runs `supple ARGS` in process at `now` (UTC), with `home`'s data folder, no
/// user routines, plans or config, and no terminal.
fn run(home: &Path, now: &str, args: &[&str]) -> Ran {
    run_in_zone(home, now, jiff::tz::TimeZone::UTC, args)
}

/// [`run`] in the time zone `tz`.
fn run_in_zone(home: &Path, now: &str, tz: jiff::tz::TimeZone, args: &[&str]) -> Ran {
    let cli = Cli::try_parse_from(std::iter::once("supple").chain(args.iter().copied())).unwrap();
    let (out, err) = (Written::default(), Written::default());
    let ctx = Ctx::new(
        Folders {
            library: Library::with_user_dir(None),
            plans: Plans::with_user_dir(None),
            data: Some(home.join("data")),
            config_dir: None,
            state: Some(home.join("state")),
            cache: Some(home.join("cache")),
        },
        Time {
            now: now.parse().unwrap(),
            tz,
            clock: Box::new(BootClock::new()),
        },
        Terminals::default(),
        supple::cli::definition,
        Box::new(out.clone()),
        Box::new(err.clone()),
    )
    .with_config(Loaded::default());
    let code = run_in(&ctx, cli.command);
    drop(ctx);
    Ran {
        code,
        out: out.text(),
        err: err.text(),
    }
}

fn write_log(home: &Path, lines: &[&str]) {
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(home.join("data/history.jsonl"), text).unwrap();
}

const EPISODE: &str = r#"{"v":1,"kind":"episode","event":"start","at":"2026-03-09T08:00:00Z","onset":"2026-03-09T08:00:00Z","plan":"back-spasm"}"#;
const ICE: &str = r#"{"v":1,"kind":"ice","name":"Ice","start":"2026-03-10T09:00:00Z","end":"2026-03-10T09:20:00Z","active_seconds":1200,"outcome":"finished","applications_done":1,"applications_planned":1,"applied_seconds":[1200]}"#;
const WALK: &str = r#"{"v":1,"kind":"routine","name":"Easy walk","routine":"walk","start":"2026-03-03T10:00:00Z","end":"2026-03-03T10:10:00Z","active_seconds":600,"outcome":"finished"}"#;

#[test]
fn today_on_a_fixed_day_of_an_episode() {
    let home = folder("today");
    write_log(&home, &[EPISODE, ICE]);
    let ran = run(&home, "2026-03-10T12:00:00Z", &["today", "--plain"]);
    assert_eq!(ran.code, ExitCode::SUCCESS, "{}", ran.err);
    assert_eq!(ran.err, "");
    let lines: Vec<&str> = ran.out.lines().collect();
    assert_eq!(lines[0], "Day 2 of this episode: First three days");
    assert!(
        lines.contains(&"[ ] Heat or ice: 1 of 3 today  <- next"),
        "{}",
        ran.out
    );
    assert!(
        lines.contains(&"[ ] Back spasm relief: 0 of 1 today"),
        "{}",
        ran.out
    );
    assert_eq!(lines.last(), Some(&"Next: Heat or ice."));
    // Past midnight of the fixed time zone yesterday's ice counts no more (the
    // episode's day counts 24 hours from the onset: still its second).
    let next_day = run(&home, "2026-03-11T00:30:00Z", &["today", "--plain"]);
    assert!(
        next_day
            .out
            .starts_with("Day 2 of this episode: First three days\n"),
        "{}",
        next_day.out
    );
    assert!(
        next_day
            .out
            .contains("[ ] Heat or ice: 0 of 3 today  <- next\n"),
        "{}",
        next_day.out
    );
}

#[test]
fn status_on_a_fixed_day_of_an_episode() {
    let home = folder("status");
    write_log(&home, &[EPISODE, ICE]);
    let ran = run(&home, "2026-03-10T12:00:00Z", &["status"]);
    assert_eq!(ran.code, ExitCode::SUCCESS, "{}", ran.err);
    assert_eq!(ran.out, "Today 0/4: next Heat or ice\n");
    assert_eq!(ran.err, "");
}

#[test]
fn status_says_nothing_without_an_episode() {
    let home = folder("status-none");
    let ran = run(&home, "2026-03-10T12:00:00Z", &["status", "--json"]);
    assert_eq!(ran.code, ExitCode::FAILURE);
    assert_eq!(
        ran.out,
        "{\"text\":\"\",\"tooltip\":\"\",\"class\":\"none\"}\n"
    );
    assert_eq!(ran.err, "");
}

#[test]
fn report_csv_counts_the_period_from_the_fixed_now() {
    let home = folder("report");
    write_log(&home, &[WALK, EPISODE, ICE]);
    let ran = run(
        &home,
        "2026-03-10T12:00:00Z",
        &["report", "--format", "csv", "--since", "7d", "--out", "-"],
    );
    assert_eq!(ran.code, ExitCode::SUCCESS, "{}", ran.err);
    // The walk of March 3 is before the 7 days back from the fixed now.
    assert_eq!(
        ran.out,
        "date,start,end,kind,routine,name,active_minutes,outcome,pain_before,pain_after,applications_done,applications_planned,episode_day,stage,stopped_at,pack_minutes\r\n\
         2026-03-10,09:00,09:20,ice,,Ice,,finished,,,1,1,2,First three days,,20.0\r\n"
    );
    assert_eq!(ran.err, "");
}

#[test]
fn history_from_the_fixed_now() {
    let home = folder("history");
    write_log(&home, &[WALK, EPISODE, ICE]);
    let ran = run(&home, "2026-03-10T12:00:00Z", &["history"]);
    assert_eq!(ran.code, ExitCode::SUCCESS, "{}", ran.err);
    let lines: Vec<&str> = ran.out.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "2 sessions (2 finished), 30m active. Streak: 1 day.",
            "",
            "Last sessions:",
            "  2026-03-10 09:00  Ice  20m  finished",
            "  2026-03-03 10:00  Easy walk  10m  finished",
        ]
    );
    // The four weeks end on the fixed day.
    let days = lines
        .iter()
        .skip_while(|l| !l.starts_with("Active minutes per day"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>();
    assert_eq!(days.len(), 28);
    assert!(days[0].starts_with("  2026-02-11 "), "{}", days[0]);
    assert_eq!(
        days[20].trim_end(),
        "  2026-03-03  ###############                10"
    );
    assert_eq!(
        days[27].trim_end(),
        "  2026-03-10  ############################## 20"
    );
}

#[test]
fn a_pain_score_is_stamped_with_the_runs_time_in_its_zone() {
    let home = folder("pain");
    let plus_two = jiff::tz::TimeZone::fixed(jiff::tz::offset(2));
    let ran = run_in_zone(&home, "2026-03-10T23:30:00Z", plus_two, &["pain", "4"]);
    assert_eq!(ran.code, ExitCode::SUCCESS, "{}", ran.err);
    assert_eq!(
        ran.out,
        "Recorded: average pain over the last 24 hours, 4/10.\n"
    );
    let log = std::fs::read_to_string(home.join("data/history.jsonl")).unwrap();
    assert!(log.contains(r#""at":"2026-03-11T01:30:00+02:00""#), "{log}");
}
