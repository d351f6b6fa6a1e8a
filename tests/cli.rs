#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary, run as a user would. Each test gets its own config folder.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod support;
use support::{BIN, TestHome};

/// Leaves `state` where an earlier supple's single state file was.
fn write_old_state(home: &Path, state: &serde_json::Value) {
    fs::create_dir_all(home.join("state/supple")).unwrap();
    fs::write(home.join("state/supple/pack.json"), state.to_string()).unwrap();
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn list_shows_bundled_user_and_broken_routines() {
    let home = TestHome::new();
    let routines = home.join("supple/routines");
    fs::write(
        routines.join("mine.toml"),
        "name = \"Mine\"\n[[exercise]]\nname = \"a\"\nhold = \"30s\"\n",
    )
    .unwrap();
    fs::write(
        routines.join("desk-break.toml"),
        "name = \"My desk break\"\n[[exercise]]\nname = \"a\"\nhold = \"1m\"\n",
    )
    .unwrap();
    fs::write(
        routines.join("broken.toml"),
        "name = \"B\"\n[[exercise]]\nname = \"a\"\nhodl = \"5s\"\n",
    )
    .unwrap();
    fs::write(routines.join("notes.txt"), "not a routine").unwrap();

    let out = home.run(&["list"]);
    assert!(out.status.success());
    let stdout = out.stdout.clone();
    for wanted in [
        "back-spasm-relief",
        "core-strength",
        "mine",
        "user (shadows bundled)",
    ] {
        assert!(stdout.contains(wanted), "{wanted} missing:\n{stdout}");
    }
    assert!(
        stdout.contains("broken.toml:4:1: unknown key 'hodl'"),
        "{stdout}"
    );
    assert!(!stdout.contains("notes"));
    // The shadowed bundled routine is listed once, as the user's.
    assert_eq!(stdout.matches("desk-break").count(), 1, "{stdout}");

    let out = home.run(&["list", "--json"]);
    let items: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let items = items.as_array().unwrap();
    let mine = items.iter().find(|i| i["name"] == "mine").unwrap();
    assert_eq!(mine["source"], "user");
    assert_eq!(mine["total_seconds"], 35);
    assert_eq!(mine["exercises"], 1);
    let broken = items.iter().find(|i| i["name"] == "broken").unwrap();
    assert!(broken["error"].as_str().unwrap().contains("hodl"));
    let desk = items.iter().find(|i| i["name"] == "desk-break").unwrap();
    assert_eq!(desk["shadows_bundled"], true);
}

#[test]
fn plan_and_play_use_a_user_routine_over_the_bundled_one() {
    let home = TestHome::new();
    fs::write(
        home.join("supple/routines/desk-break.toml"),
        "name = \"My desk break\"\n[[exercise]]\nname = \"a\"\nhold = \"1m\"\n",
    )
    .unwrap();
    let out = home.run(&["plan", "desk-break"]);
    assert!(out.stdout.clone().starts_with("My desk break"));
}

#[test]
fn check_reports_ok_and_every_error_with_status() {
    let home = TestHome::new();
    let out = home.run(&["check", "tests/fixtures/valid/issue-example.toml"]);
    assert!(out.status.success(), "{}", out.stderr.clone());
    // lead-in 5 + Cat-Cow 8x8 + rest 10 + Child's Pose 45 + rest 10
    // + Knee-to-chest 2 sides x (3x10 + 2x3) + switch 5 + rest 10
    // + Glute bridge 2 sets x (5x5 + 4x2) + set rest 30 + its own rest 20 = 337 s.
    assert_eq!(
        out.stdout.clone(),
        "tests/fixtures/valid/issue-example.toml: ok (5 exercises, total 5m 37s + 10 self-paced reps)\n"
    );

    let out = home.run(&[
        "check",
        "back-spasm-relief",
        "tests/fixtures/invalid/many-errors.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout
            .clone()
            .starts_with("back-spasm-relief: ok (6 exercises")
    );
    let stderr = out.stderr.clone();
    assert_eq!(stderr.matches(": error: ").count(), 5, "{stderr}");
    assert!(
        stderr.contains(
            "many-errors.toml:7:1: error: unknown key 'hodl' in exercise 'Knee-to-chest'"
        )
    );
    assert!(stderr.contains("tests/fixtures/invalid/many-errors.toml: 5 errors"));
}

#[test]
fn check_names_missing_and_unreadable_files() {
    let home = TestHome::new();
    let out = home.run(&["check", "nowhere.toml", "tests/fixtures"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = out.stderr.clone();
    assert!(
        stderr.contains("nowhere.toml: error: no such file or folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tests/fixtures: error: is a folder"),
        "{stderr}"
    );
    let out = home.run(&["check", "no-such-routine"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr
            .clone()
            .contains("there is no routine named 'no-such-routine'")
    );
}

#[test]
fn plan_json_has_the_timeline() {
    let home = TestHome::new();
    let out = home.run(&["plan", "tests/fixtures/valid/issue-example.toml", "--json"]);
    assert!(out.status.success());
    let plan: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let segments = plan["segments"].as_array().unwrap();
    let sum: u64 = segments.iter().filter_map(|s| s["duration"].as_u64()).sum();
    assert_eq!(plan["total_seconds"].as_u64(), Some(sum));
    assert_eq!(plan["self_paced"], 10);
    let first = &segments[0];
    assert_eq!(first["kind"], "lead_in");
    assert_eq!(first["start"], 0);
    let knee = segments
        .iter()
        .find(|s| s["exercise"] == "Knee-to-chest" && s["kind"] == "hold")
        .unwrap();
    assert_eq!(knee["side"], "left");
    assert_eq!(knee["rep"], 1);
    assert_eq!(knee["set"], 1);
    assert_eq!(knee["duration"], 10);
    for key in [
        "start", "duration", "kind", "exercise", "side", "set", "rep", "cue",
    ] {
        assert!(first.get(key).is_some(), "segment lacks {key}");
    }
    let tilt = segments.last().unwrap();
    assert_eq!(tilt["kind"], "self_paced");
    assert_eq!(tilt["duration"], serde_json::Value::Null);
}

#[test]
fn plan_prints_a_table_and_the_total() {
    let home = TestHome::new();
    let out = home.run(&["plan", "back-spasm-relief"]);
    assert!(out.status.success());
    let stdout = out.stdout.clone();
    assert!(stdout.starts_with("Back spasm relief\n"));
    assert!(stdout.contains("get ready  Cat-Cow"));
    assert!(stdout.contains("Switch to the right side"));
    assert!(stdout.lines().last().unwrap().starts_with("Total: "));
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let home = TestHome::new();
    let mut child = home
        .supple(&["plan", "back-spasm-relief"])
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 8];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn usage_errors_exit_2_and_help_works() {
    let home = TestHome::new();
    assert_eq!(home.run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(home.run(&["check"]).status.code(), Some(2));
    let out = home.run(&["--version"]);
    assert!(out.stdout.clone().starts_with("supple "));
    for sub in ["list", "check", "plan", "play"] {
        let out = home.run(&[sub, "--help"]);
        assert!(out.status.success(), "{sub} --help");
    }
}

#[test]
fn no_arguments_lists_the_routines_and_how_to_start() {
    let home = TestHome::new();
    let out = home.run::<&str>(&[]);
    assert!(out.status.success());
    let stdout = out.stdout.clone();
    assert!(stdout.contains("back-spasm-relief"));
    assert!(stdout.contains("supple play"));
}

#[test]
fn play_plain_runs_a_timed_routine_to_the_end_with_stdin_closed() {
    let home = TestHome::new();
    let started = Instant::now();
    let out = home.run(&["play", "tests/fixtures/valid/quick.toml", "--plain"]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr.clone());
    let stdout = out.stdout.clone();
    let expected = [
        "[00:00] Get ready: Breathing (1s)",
        "[00:01] Breathing: Breathe in (1s)",
        "[00:02] Breathing: Breathe out (1s)",
        "[00:03] Rest. Next: Side hold (1s)",
        "[00:04] Side hold, left side: Hold (1s)",
        "[00:05] Switch to the right side (1s)",
        "[00:06] Side hold, right side: Hold (1s)",
        "[00:07] Done: Quick test. 2 of 2 exercises completed, 0 skipped",
    ];
    let mut rest = stdout.as_str();
    for line in expected {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing or out of order in:\n{stdout}"));
        rest = &rest[at + line.len()..];
    }
    // Real time: the 7 s routine takes 7 s (a loose bound; this is no benchmark).
    assert!(took >= Duration::from_secs(7), "{took:?}");
}

#[test]
fn play_plain_stops_on_a_closed_input_only_for_self_paced_reps() {
    let home = TestHome::new();
    let out = home.run(&["play", "tests/fixtures/valid/self-paced.toml", "--plain"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.clone().contains("standard input is closed"));
    assert!(out.stdout.clone().contains("Stopped at Pelvic tilt"));
}

fn spawn_play(home: &TestHome, routine: &str) -> std::process::Child {
    let child = home
        .supple(&["play", routine, "--plain"])
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A test waiting for output that never comes fails instead of hanging: the
    // child is killed after a while, which ends its output.
    let pid = child.id().to_string();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(60));
        let _ = Command::new("kill").args(["-9", &pid]).status();
    });
    child
}

/// Reads the child's stdout until `needle` shows up (or 10 s pass).
fn wait_for(child: &mut std::process::Child, seen: &mut String, needle: &str) {
    let stdout = child.stdout.as_mut().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 256];
    while !seen.contains(needle) {
        assert!(Instant::now() < deadline, "{needle:?} never came:\n{seen}");
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "output ended before {needle:?}:\n{seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

#[test]
fn play_plain_confirms_self_paced_reps_with_enter() {
    let home = TestHome::new();
    let mut child = spawn_play(&home, "tests/fixtures/valid/self-paced.toml");
    let mut seen = String::new();
    wait_for(&mut child, &mut seen, "rep 1/2");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"\n").unwrap();
    wait_for(&mut child, &mut seen, "rep 2/2");
    stdin.write_all(b"\n").unwrap();
    let out = child.wait_with_output().unwrap();
    seen.push_str(&text(&out.stdout));
    assert_eq!(out.status.code(), Some(0), "{seen}");
    assert!(
        seen.contains("Done: Self-paced test. 1 of 1 exercises completed"),
        "{seen}"
    );
}

#[test]
fn play_plain_q_stops_with_a_summary_and_0() {
    let home = TestHome::new();
    let mut child = spawn_play(&home, "back-spasm-relief");
    let mut seen = String::new();
    wait_for(&mut child, &mut seen, "Get ready");
    child.stdin.as_mut().unwrap().write_all(b"q\n").unwrap();
    let out = child.wait_with_output().unwrap();
    seen.push_str(&text(&out.stdout));
    // A stop the person asked for is not an interrupt.
    assert_eq!(out.status.code(), Some(0));
    assert!(
        seen.contains("Stopped at Cat-Cow (exercise 1 of 6)"),
        "{seen}"
    );
}

#[test]
fn play_plain_pause_and_skip_by_line() {
    let home = TestHome::new();
    let mut child = spawn_play(&home, "back-spasm-relief");
    let mut seen = String::new();
    wait_for(&mut child, &mut seen, "Get ready");
    let stdin = child.stdin.as_mut().unwrap();
    stdin.write_all(b"p\n").unwrap();
    wait_for(&mut child, &mut seen, "Paused");
    let stdin = child.stdin.as_mut().unwrap();
    stdin.write_all(b"p\nn\n").unwrap();
    wait_for(&mut child, &mut seen, "Cat-Cow, rep 1/8: Breathe in");
    child.stdin.as_mut().unwrap().write_all(b"q\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(seen.contains("Resumed"));
}

#[test]
fn play_plain_ctrl_c_stops_with_a_summary_and_130() {
    let home = TestHome::new();
    let mut child = spawn_play(&home, "back-spasm-relief");
    let mut seen = String::new();
    wait_for(&mut child, &mut seen, "Get ready");
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    seen.push_str(&text(&out.stdout));
    assert_eq!(out.status.code(), Some(130), "{seen}");
    assert!(seen.contains("Stopped at Cat-Cow"), "{seen}");
}

#[test]
fn play_refuses_a_broken_routine_before_starting() {
    let home = TestHome::new();
    let out = home.run(&["play", "tests/fixtures/invalid/zero-hold.toml", "--plain"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = out.stderr.clone();
    assert!(
        stderr.contains("zero-hold.toml:5:8: error: 'hold' must be longer than 0s"),
        "{stderr}"
    );
    assert_eq!(out.stdout.clone(), "");
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let home = TestHome::new();
    for fixture in ["raw-escape-byte", "control-escape-unicode", "bidi-override"] {
        let path = format!("tests/fixtures/invalid/{fixture}.toml");
        for args in [vec!["check", path.as_str()], vec!["plan", path.as_str()]] {
            let out = home.run(&args);
            for stream in [&out.stdout, &out.stderr] {
                let s = stream;
                assert!(
                    s.lines()
                        .all(|l| supple::core::text::find_forbidden(l).is_none()),
                    "{args:?}: {s:?}"
                );
            }
        }
    }
    // A hostile file name is made visible too.
    let evil = home.join("evil\u{1b}[2J.toml");
    fs::write(&evil, "nope").unwrap();
    let out = home.run(&["check", evil.to_str().unwrap()]);
    assert!(!out.stderr.clone().contains('\u{1b}'));
}

#[test]
fn red_flags_are_one_command_away() {
    let home = TestHome::new();
    let out = home.run(&["red-flags"]);
    assert!(out.status.success());
    let stdout = out.stdout.clone();
    for said in [
        "is an emergency",
        "999",
        "Do not drive yourself",
        "genitals",
        "bladder or bowel control",
        "both legs",
        "needs a doctor the same day",
        "NHS 111",
        "Not getting better",
        "self-care support, not a diagnosis",
    ] {
        assert!(stdout.contains(said), "{said} missing:\n{stdout}");
    }
    assert!(!stdout.contains("over a week"), "{stdout}");
}

#[test]
fn ice_plain_runs_to_the_end_and_prints_each_switch() {
    let home = TestHome::new();
    let out = home.run(&[
        "ice", "--on", "1s", "--off", "1s", "--cycles", "2", "--plain",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", out.stderr.clone());
    let stdout = out.stdout.clone();
    let order = [
        "Ice: 1s on, 1s off, 2 times (3s in all).",
        "Wrap the pack in a thin cloth",
        "ICE ON (cycle 1/2): Put the ice pack on, wrapped in a thin cloth. Remove it at",
        "OFF - skin rest (cycle 1/2): Pack off: let the skin rest",
        "ICE ON (cycle 2/2)",
        "Session complete: 2 of 2 applications, 2s on. Take the pack off.",
    ];
    let mut rest = stdout.as_str();
    for line in order {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing or out of order:\n{stdout}"));
        rest = &rest[at..];
    }
    // Plain output to a file or pipe carries no bell.
    assert!(!stdout.contains('\u{7}'));
}

#[test]
fn contrast_plain_alternates_and_since_gives_advice() {
    let home = TestHome::new();
    let out = home.run(&[
        "contrast", "--on", "1s", "--off", "0s", "--cycles", "3", "--since", "30h", "--plain",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = out.stdout.clone();
    assert!(
        stdout.contains(supple::core::pack::HEAT_OR_ICE_FIRST_DAYS),
        "{stdout}"
    );
    let packs: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split("] ").nth(1))
        .filter_map(|l| l.split(" (cycle").next())
        .filter(|l| l.ends_with(" ON"))
        .collect();
    // Heat first, then ice (Cleveland Clinic, "Acute mechanical back pain").
    assert_eq!(packs, ["HEAT ON", "ICE ON", "HEAT ON"], "{stdout}");
}

/// Words that would warn a person away from heat or ice.
const WARNINGS: &[&str] = &[
    "usual advice",
    "not heat",
    "not ice",
    "anyway",
    "instead",
    "avoid heat",
    "avoid ice",
    "no heat",
    "no ice",
];

fn no_warning(said: &str) {
    for w in WARNINGS {
        assert!(!said.to_lowercase().contains(w), "'{w}' in:\n{said}");
    }
}

#[test]
fn no_command_warns_against_heat_or_ice() {
    let times = ["1h", "30h", "50h", "80h", "10d", "13w"];
    // Each timer runs for a real second, 36 of them: each time since onset gets a
    // home of its own for the timers alone and one for the episode's stage, and the
    // twelve homes run at once (made here, so that each is named after this test).
    let timers: Vec<TestHome> = times.iter().map(|_| TestHome::new()).collect();
    let stages: Vec<TestHome> = times.iter().map(|_| TestHome::new()).collect();
    std::thread::scope(|s| {
        for (home, since) in timers.iter().zip(times) {
            s.spawn(move || {
                for mode in ["ice", "heat", "contrast"] {
                    let out = home.run(&[
                        mode, "--on", "1s", "--off", "0s", "--cycles", "1", "--since", since,
                        "--plain",
                    ]);
                    assert_eq!(out.status.code(), Some(0), "{}", out.stderr);
                    let said = out.stdout + &out.stderr;
                    // Said as information, without the warning mark.
                    assert!(
                        said.contains("- Heat or ice, whichever feels better"),
                        "{said}"
                    );
                    assert!(!said.contains("! Heat or ice"), "{said}");
                    no_warning(&said);
                }
            });
        }
        // Every stage of the bundled plan: the episode, Today and the timers.
        for (home, ago) in stages.iter().zip(times) {
            s.spawn(move || {
                let start = home.run(&["episode", "start", "--ago", ago]);
                assert!(start.status.success(), "{}", start.stderr);
                no_warning(&(start.stdout + &start.stderr));
                for args in [
                    &["today"][..],
                    &["today", "--json"],
                    &["episode"],
                    &["status"],
                    &[
                        "ice", "--on", "1s", "--off", "0s", "--cycles", "1", "--plain",
                    ],
                    &[
                        "heat", "--on", "1s", "--off", "0s", "--cycles", "1", "--plain",
                    ],
                    &[
                        "contrast", "--on", "1s", "--off", "0s", "--cycles", "1", "--plain",
                    ],
                ] {
                    let out = home.run(args);
                    assert!(out.success(), "{args:?}: {}", out.stderr);
                    no_warning(&(out.stdout + &out.stderr));
                }
                assert!(home.run(&["episode", "end"]).status.success());
            });
        }
    });
    let plan = TestHome::new().run(&["export", "back-spasm"]);
    assert!(
        plan.success() && plan.stdout.contains("[[stage]]"),
        "{plan:?}"
    );
    no_warning(&plan.stdout);
}

#[test]
fn flags_win_over_the_config_file_which_wins_over_defaults() {
    let home = TestHome::new();
    fs::write(
        home.join("supple/config.toml"),
        "[pack]\non = \"1s\"\noff = \"1s\"\ncycles = 1\n",
    )
    .unwrap();
    let out = home.run(&["heat", "--plain"]);
    assert!(
        out.stdout
            .clone()
            .starts_with("Heat: 1s on, once (1s in all)."),
        "{}",
        out.stdout.clone()
    );
    let out = home.run(&["heat", "--plain", "--cycles", "2", "--off", "0s"]);
    assert!(
        out.stdout
            .clone()
            .starts_with("Heat: 1s on, 2 times in a row (2s in all)."),
        "{}",
        out.stdout.clone()
    );
}

#[test]
fn a_broken_config_file_is_reported_with_its_place() {
    let home = TestHome::new();
    fs::write(
        home.join("supple/config.toml"),
        "[pack]\nonn = \"5m\"\ncycles = 99\noff = \"1s\"\n[player]\npain = false\n",
    )
    .unwrap();
    // The valid settings are kept (off = 1s), the errors shown, and it runs.
    let out = home.run(&["ice", "--plain", "--on", "1s", "--cycles", "2"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = out.stdout.clone();
    assert!(
        stdout.contains("Ice: 1s on, 1s off, 2 times (3s in all)."),
        "{stdout}"
    );
    let stderr = out.stderr.clone();
    assert!(stderr.contains("its other settings are used"), "{stderr}");
    assert!(
        stderr.contains("config.toml:2:1: error: unknown key 'onn' in the config file"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean 'on'?"), "{stderr}");
    assert!(
        stderr
            .contains("config.toml:3:10: error: 'pack.cycles' must be a whole number from 1 to 12"),
        "{stderr}"
    );
}

#[test]
fn bad_timer_flags_are_usage_errors() {
    let home = TestHome::new();
    for args in [
        vec!["ice", "--on", "0s"],
        vec!["ice", "--cycles", "13"],
        vec!["ice", "--cycles", "0"],
        vec!["heat", "--off", "soon"],
    ] {
        assert_eq!(home.run(&args).status.code(), Some(2), "{args:?}");
    }
    let out = home.run(&["ice", "--on", "1M"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stderr.clone().contains("did you mean `1m`?"),
        "{}",
        out.stderr.clone()
    );
}

#[test]
fn plain_mode_asks_for_pain_before_and_after_and_logs_it() {
    let home = TestHome::new();
    fs::remove_file(home.join("supple/config.toml")).unwrap();
    let mut child = spawn_play(&home, "tests/fixtures/valid/one-second.toml");
    let mut seen = String::new();
    wait_for(&mut child, &mut seen, "Pain now, 0-10?");
    child.stdin.as_mut().unwrap().write_all(b"4\n").unwrap();
    wait_for(&mut child, &mut seen, "Done: One second");
    wait_for(&mut child, &mut seen, "Pain now, 0-10?");
    child.stdin.as_mut().unwrap().write_all(b"8\n").unwrap();
    let out = child.wait_with_output().unwrap();
    seen.push_str(&text(&out.stdout));
    assert_eq!(out.status.code(), Some(0), "{seen}");
    assert!(
        seen.contains("Your pain went up. Ease off the exercises for today"),
        "{seen}"
    );
    let log = home.join("data/supple/history.jsonl");
    let (records, _) = supple::store::log::read(&log).unwrap();
    assert_eq!(
        (records[0].pain_before, records[0].pain_after),
        (Some(4), Some(8))
    );
}

fn cut_off_ice_session(home: &Path) {
    // An ice session started 25 minutes ago, in its OFF phase until 15 minutes from
    // now, as the full-screen timer leaves it when its terminal closes.
    let now = jiff::Timestamp::now();
    let started = now - jiff::SignedDuration::from_mins(25);
    let phase_end = now + jiff::SignedDuration::from_mins(15);
    let state = serde_json::json!({
        "v": 1, "mode": "ice", "on": 1200, "off": 1200, "cycles": 2,
        "planned": [1200, 1200, 1200], "index": 1,
        "started": started.to_string(), "phase_end": phase_end.to_string(),
    });
    write_old_state(home, &state);
}

#[test]
fn declining_to_resume_logs_the_old_session_as_stopped() {
    let home = TestHome::new();
    cut_off_ice_session(&home);
    let out = home.run_typed(&["ice", "--plain", "--on", "1s", "--cycles", "1"], b"n\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr
            .clone()
            .contains("was cut off when its terminal closed")
    );
    assert!(!home.join("state/supple/pack.json").exists());
    let (records, _) = supple::store::log::read(&home.join("data/supple/history.jsonl")).unwrap();
    // The old one, stopped after one application, then the new one.
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].outcome, supple::core::history::Outcome::Stopped);
    assert_eq!(records[0].applications_done, Some(1));
    assert_eq!(records[1].outcome, supple::core::history::Outcome::Finished);
}

#[test]
fn resuming_places_the_session_by_the_clock() {
    let home = TestHome::new();
    cut_off_ice_session(&home);
    let out = home.run_typed(&["ice", "--plain"], b"y\nq\n");
    let stdout = out.stdout.clone();
    assert!(
        stdout.contains("Resuming where the clock says it is: OFF - skin rest, cycle 1/2."),
        "{stdout}"
    );
    assert!(
        stdout.contains("Stopped: 1 of 2 applications, "),
        "{stdout}"
    );
}

#[test]
fn a_plain_ice_session_keeps_its_state_while_it_runs_and_clears_it_at_the_end() {
    let home = TestHome::new();
    let child = home
        .supple(&[
            "ice", "--plain", "--on", "3s", "--off", "1s", "--cycles", "1",
        ])
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while state_files(&home).is_empty() {
        assert!(Instant::now() < deadline, "no state file while running");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let left = state_files(&home);
    assert!(
        left.is_empty(),
        "the state file goes when the session ends: {left:?}"
    );
}

/// Standard input that never ends a line (`</dev/zero`) is read into a bounded
/// buffer: under a 1 GB address-space limit the session runs to its end.
#[test]
fn endless_input_without_a_line_end_is_bounded() {
    let home = TestHome::new();
    let mut c = Command::new("sh");
    c.args([
        "-c",
        "ulimit -v 1000000; exec \"$0\" ice --plain --on 2s --off 0s --cycles 1 </dev/zero",
    ])
    .arg(BIN);
    for (k, v) in home.supple::<&str>(&[]).command().get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    let out = c.current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Session complete"));
}

#[test]
fn new_writes_a_valid_template_and_never_overwrites() {
    let home = TestHome::new();
    let out = home.run(&["new", "morning"]);
    assert!(out.status.success(), "{}", out.stderr.clone());
    let path = home.join("supple/routines/morning.toml");
    assert_eq!(out.stdout.clone().trim(), path.display().to_string());
    // What to do next, for the person (standard output stays the path alone).
    assert!(
        out.stderr.clone().contains("Next: supple edit morning"),
        "{}",
        out.stderr.clone()
    );
    // The format reference comes with the binary.
    for args in [&["format"][..], &["help", "format"]] {
        let out = home.run(args);
        assert!(out.status.success());
        assert!(
            out.stdout.clone().contains("# The routine format"),
            "{args:?}"
        );
    }
    let out = home.run(&["check", "morning"]);
    assert!(
        out.status.success(),
        "the template must be valid: {}",
        out.stderr.clone()
    );
    // Named as asked, with no placeholder description for `supple list` to show.
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.contains("name = \"Morning\""), "{written}");
    assert!(!written.contains("docs/"), "{written}");
    let list = home.run(&["list"]).stdout;
    let line = list.lines().find(|l| l.contains("morning")).unwrap();
    assert!(!line.contains("What it is for"), "{list}");
    fs::write(&path, "name = \"edited\"\n[[exercise]]\nname = \"a\"\n").unwrap();
    let out = home.run(&["new", "morning"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.clone().contains("will not overwrite"));
    assert!(fs::read_to_string(&path).unwrap().contains("edited"));
    assert_eq!(home.run(&["new", "../escape"]).status.code(), Some(2));
}

#[test]
fn export_prints_a_routine_that_loads_again() {
    let home = TestHome::new();
    let out = home.run(&["export", "back-spasm-relief"]);
    assert!(out.status.success());
    let copy = home.join("supple/routines/mine.toml");
    fs::write(&copy, &out.stdout).unwrap();
    let out = home.run(&["check", "mine"]);
    assert!(
        out.stdout.clone().contains("ok (6 exercises"),
        "{}",
        out.stderr.clone()
    );
    assert_eq!(home.run(&["export", "nope"]).status.code(), Some(1));
}

/// What the shell gets back when it asks for completions of `words` (fish's format:
/// one `value<TAB>help` per line).
fn completed(home: &TestHome, words: &[&str]) -> Vec<String> {
    let out = home
        .supple(&["--", "supple"])
        .args(words)
        .env("COMPLETE", "fish")
        .run();
    assert!(out.status.success(), "{}", out.stderr);
    out.stdout.lines().map(String::from).collect()
}

#[test]
fn completion_offers_routine_names_where_a_routine_goes() {
    let home = TestHome::new();
    fs::write(
        home.join("supple/routines/hips.toml"),
        "name = \"Hips\"\ndescription = \"Hips after work\"\n[[exercise]]\nname = \"Hip\"\nhold = \"30s\"\n",
    )
    .unwrap();
    for command in ["play", "plan", "export", "check"] {
        let offered = completed(&home, &[command, ""]);
        for name in ["hips", "back-spasm-relief", "core-strength", "desk-break"] {
            assert!(
                offered.iter().any(|l| l.split('\t').next() == Some(name)),
                "{command}: {offered:?}"
            );
        }
    }
    // The description rides along, and the typed start narrows the list.
    let offered = completed(&home, &["play", "h"]);
    assert_eq!(offered, ["hips\tHips after work"]);
    // `edit` opens only your own routines.
    let offered = completed(&home, &["edit", ""]);
    assert!(
        offered.iter().any(|l| l.starts_with("hips\t")),
        "{offered:?}"
    );
    assert!(
        !offered.iter().any(|l| l.starts_with("back-spasm")),
        "{offered:?}"
    );
    // A path gets .toml files and folders only.
    let offered = completed(&home, &["check", "./routines/"]);
    assert!(
        offered
            .iter()
            .any(|l| l.starts_with("./routines/back-spasm-relief.toml")),
        "{offered:?}"
    );
    assert!(
        offered
            .iter()
            .all(|l| l.contains(".toml") || l.contains("/\t") || l.ends_with('/')),
        "{offered:?}"
    );
    // Commands complete as before.
    assert!(
        completed(&home, &["pl"])
            .iter()
            .any(|l| l.starts_with("play\t"))
    );
}

#[test]
fn completion_offers_plans_and_what_a_reminder_starts() {
    let home = TestHome::new();
    fs::create_dir_all(home.join("supple/plans")).unwrap();
    fs::write(
        home.join("supple/plans/mine.toml"),
        "name = \"Mine\"\n[[stage]]\nname = \"All\"\nfrom = \"0h\"\nitems = [ { walk = \"5m\", per_day = 1 } ]\n",
    )
    .unwrap();
    let first = |lines: Vec<String>| -> Vec<String> {
        lines
            .iter()
            .map(|l| l.split('\t').next().unwrap_or_default().to_owned())
            .collect()
    };
    let plans = first(completed(&home, &["episode", "start", "--plan", ""]));
    assert!(plans.contains(&"back-spasm".to_owned()), "{plans:?}");
    assert!(plans.contains(&"mine".to_owned()), "{plans:?}");
    let export = first(completed(&home, &["export", "back-spasm"]));
    assert!(export.contains(&"back-spasm".to_owned()), "{export:?}");
    assert!(
        export.contains(&"back-spasm-relief".to_owned()),
        "{export:?}"
    );
    for words in [
        &["remind", "add", "x", "--starts", ""][..],
        &["remind", "add", ""],
    ] {
        let starts = first(completed(&home, words));
        for w in [
            "today",
            "ice",
            "heat",
            "contrast",
            "desk-break",
            "walk",
            "breathing",
        ] {
            assert!(starts.contains(&w.to_owned()), "{words:?}: {starts:?}");
        }
    }
}

#[test]
fn a_routine_name_as_a_command_says_how_to_play_it() {
    let home = TestHome::new();
    let out = home.run(&["breathing"]);
    assert_eq!(out.status.code(), Some(2));
    let said = out.stderr.clone();
    assert!(said.contains("`supple play breathing`"), "{said}");
    assert!(!said.contains("remind"), "{said}");
    // Anything else is clap's own error, with its suggestion.
    let out = home.run(&["histroy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.clone().contains("history"));
}

/// A routine file named `x;id.toml`, completed by bash's own completion script
/// and the line then run by bash: the name arrives as one word and `id` never runs.
#[test]
fn bash_completion_inserts_a_routine_name_as_text() {
    let home = TestHome::new();
    let routine = "name = \"X\"\n[[exercise]]\nname = \"Hip\"\nhold = \"30s\"\n";
    for name in ["x;id", "x y$(id)"] {
        fs::write(home.join(format!("supple/routines/{name}.toml")), routine).unwrap();
    }
    let bin_dir = Path::new(BIN).parent().unwrap();
    let script = r#"
        source <(supple completions bash)
        id() { echo INJECTED; }
        COMP_WORDS=(supple play x); COMP_CWORD=2
        _clap_complete_supple supple x supple
        for c in "${COMPREPLY[@]}"; do eval "printf '<%s>\n' $c"; done
    "#;
    let base = home.supple::<&str>(&[]).command();
    let out = Command::new("bash")
        .args(["-c", script])
        .envs(base.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        )
        .env_remove("COMPLETE")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let said = text(&out.stdout);
    assert!(!said.contains("INJECTED"), "{said}");
    assert!(said.contains("<x;id>"), "{said}{}", text(&out.stderr));
    assert!(said.contains("<x y$(id)>"), "{said}");
}

#[test]
fn completions_man_page_and_config_path() {
    let home = TestHome::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = home.run(&["completions", shell]);
        assert!(out.status.success());
        // The script calls supple back, which answers through the COMPLETE variable.
        let script = out.stdout.clone();
        assert!(
            script.contains("COMPLETE") && script.contains("supple"),
            "{shell}"
        );
    }
    let out = home.run(&["man"]);
    assert!(out.status.success());
    assert!(out.stdout.clone().contains(".TH supple 1"));
    // One page per command, each path printed, so `man supple-play` works as well.
    let pages = home.join("man/man1");
    let out = home.run(&["man", "--dir", pages.to_str().unwrap()]);
    assert!(out.status.success(), "{}", out.stderr.clone());
    let listed: Vec<String> = out.stdout.clone().lines().map(String::from).collect();
    assert!(listed.len() > 10, "{listed:?}");
    for page in &listed {
        assert!(
            fs::read_to_string(page).unwrap().starts_with(".ie"),
            "{page}"
        );
    }
    let play = fs::read_to_string(pages.join("supple-play.1")).unwrap();
    assert!(
        play.contains(".TH supple-play 1") && play.contains("no\\-pain"),
        "{play}"
    );
    let mut written: Vec<_> = fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    written.sort();
    let mut expected: Vec<_> = listed.iter().map(PathBuf::from).collect();
    expected.sort();
    assert_eq!(written, expected);
    let blocked = home.join("blocked");
    fs::write(&blocked, "a file, not a folder").unwrap();
    let out = home.run(&["man", "--dir", blocked.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr
            .clone()
            .contains("cannot write the manual pages into")
    );
    let out = home.run(&["config", "--path"]);
    assert_eq!(
        out.stdout.clone().trim(),
        home.join("supple/config.toml").display().to_string()
    );
}

/// `supple edit mine` with `editor` as $VISUAL and `input` typed at its questions.
fn edit_typed(home: &TestHome, editor: &Path, input: &[u8]) -> support::Ran {
    home.supple(&["edit", "mine"])
        .env("VISUAL", editor)
        .stdin(input)
        .run()
}

#[test]
fn edit_opens_the_editor_and_checks_on_save() {
    let home = TestHome::new();
    assert!(home.run(&["new", "mine"]).status.success());
    // An "editor" that breaks the file, then one that fixes it.
    let breaker = home.join("break.sh");
    fs::write(&breaker, "#!/bin/sh\nprintf 'name = \"x\"\\n[[exercise]]\\nname = \"a\"\\nhodl = \"5s\"\\n' > \"$1\"\n").unwrap();
    let fixer = home.join("fix.sh");
    fs::write(&fixer, "#!/bin/sh\nprintf 'name = \"x\"\\n[[exercise]]\\nname = \"a\"\\nhold = \"5s\"\\n' > \"$1\"\n").unwrap();
    for f in [&breaker, &fixer] {
        Command::new("chmod").arg("+x").arg(f).status().unwrap();
    }
    let out = edit_typed(&home, &breaker, b"n\n");
    assert_eq!(out.status.code(), Some(1));
    let stderr = out.stderr.clone();
    assert!(stderr.contains("unknown key 'hodl'"), "{stderr}");
    assert!(stderr.contains("Edit it again? [Y/n]"), "{stderr}");
    // Broken again from a valid file: no more editing, and the version from before
    // is put back.
    let good = fs::read_to_string(home.join("supple/routines/mine.toml")).unwrap();
    assert!(good.contains("hodl"), "the file was kept broken");
    let out = home.supple(&["edit", "mine"]).env("VISUAL", &fixer).run();
    assert!(out.status.success());
    let valid = fs::read_to_string(home.join("supple/routines/mine.toml")).unwrap();
    let out = edit_typed(&home, &breaker, b"n\ny\n");
    let stderr = out.stderr.clone();
    assert!(
        stderr.contains("put back the version from before this edit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("is back as it was before this edit"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(home.join("supple/routines/mine.toml")).unwrap(),
        valid
    );
    // Broken on purpose again, for what follows.
    fs::write(home.join("supple/routines/mine.toml"), &good).unwrap();
    let out = home.supple(&["edit", "mine"]).env("VISUAL", &fixer).run();
    assert!(out.status.success(), "{}", out.stderr.clone());
    assert!(
        out.stdout
            .clone()
            .contains("mine.toml: ok (1 exercise, total 10s)"),
        "{}",
        out.stdout.clone()
    );
    let out = home.run(&["edit", "desk-break"]);
    assert_eq!(out.status.code(), Some(1));
    let routines = home.join("supple/routines");
    assert!(
        out.stderr.clone().contains(&format!(
            "make it yours first: supple export desk-break > {}",
            routines.join("desk-break.toml").display()
        )),
        "{}",
        out.stderr.clone()
    );
}

#[test]
fn huge_and_deeply_nested_files_are_refused_with_clear_errors() {
    let home = TestHome::new();
    let big = home.join("big.toml");
    fs::write(
        &big,
        format!("name = \"{}\"\n", "x".repeat(10 * 1024 * 1024)),
    )
    .unwrap();
    let out = home.run(&["check", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr
            .clone()
            .contains("bytes, more than the 1048576 a routine file may have"),
        "{}",
        out.stderr.clone()
    );
    let deep = home.join("deep.toml");
    fs::write(
        &deep,
        format!("name = {}1{}\n", "[".repeat(5000), "]".repeat(5000)),
    )
    .unwrap();
    let out = home.run(&["check", deep.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = out.stderr.clone();
    assert!(stderr.contains("deep.toml:1:"), "{stderr}");
    assert!(
        stderr.lines().all(|l| l.chars().count() < 400),
        "error lines stay readable"
    );
    let long = home.join("long.toml");
    fs::write(
        &long,
        format!(
            "name = \"{}\"\n[[exercise]]\nname = \"a\"\n",
            "y".repeat(10_000)
        ),
    )
    .unwrap();
    let out = home.run(&["check", long.to_str().unwrap()]);
    assert!(
        out.stderr
            .clone()
            .contains("'name' is 10000 characters long, more than the 80 allowed")
    );
}

#[test]
fn a_reader_that_stops_early_ends_output_quietly() {
    // `supple man | head -3`: the reader closes the pipe; supple stops, with no panic and no
    // error, and exits 0 the way other Unix tools do.
    let home = TestHome::new();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["plan", "back-spasm-relief"],
        &["export", "back-spasm-relief"],
        &["check", "back-spasm-relief"],
        &["completions", "bash"],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["man"],
        &["history", "--plain"],
        &["history", "--json"],
        &["config", "--path"],
        &["--help"],
        &["--version"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = home
            .supple(args)
            .command()
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn a_file_with_many_errors_shows_the_first_twenty_and_counts_the_rest() {
    let home = TestHome::new();
    let mut text_of = String::from("name = \"Many\"\n");
    for i in 0..30 {
        text_of.push_str(&format!("[[exercise]]\nname = \"e{i}\"\nhodl = \"5s\"\n"));
    }
    let path = home.join("many.toml");
    fs::write(&path, text_of).unwrap();
    let out = home.run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = out.stderr.clone();
    assert_eq!(stderr.matches("unknown key 'hodl'").count(), 20, "{stderr}");
    assert!(stderr.contains("many.toml: 10 more errors not shown; fix these and check again"));
    assert!(stderr.contains("many.toml: 30 errors"), "{stderr}");
}

/// Starts `args` with standard input at its end (as cron, nohup and systemd run
/// it), waits until its output shows `ready`, sends `signal` and returns the output.
fn signal_with_stdin_closed(home: &TestHome, args: &[&str], ready: &str, signal: &str) -> Output {
    let mut child = home
        .supple(args)
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    let guard = pid.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(30));
        let _ = Command::new("kill").args(["-9", &guard]).status();
    });
    let mut seen = String::new();
    wait_for(&mut child, &mut seen, ready);
    // Give it a moment to be waiting, as it would be a minute later.
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success()
    );
    let mut out = child.wait_with_output().unwrap();
    let mut all = seen.into_bytes();
    all.extend(out.stdout);
    out.stdout = all;
    out
}

/// The files in the ice/heat state folder (state files and their locks; not the
/// temporary files a state is written through).
fn state_files(home: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(home.join("state/supple/packs"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    !p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect()
        })
        .unwrap_or_default();
    if home.join("state/supple/pack.json").exists() {
        files.push(home.join("state/supple/pack.json"));
    }
    files.sort();
    files
}

/// Starts every one of `runs` at once (standard input closed) and checks that
/// each exits 0.
fn all_at_once_succeed(home: &TestHome, runs: &[&[&str]]) {
    let children: Vec<_> = runs
        .iter()
        .map(|args| {
            home.supple(args)
                .command()
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
}

fn records(home: &Path) -> Vec<supple::core::history::Record> {
    let (records, skipped) =
        supple::store::log::read(&home.join("data/supple/history.jsonl")).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    records
}

#[test]
fn signals_stop_plain_sessions_whatever_standard_input_is() {
    let home = TestHome::new();
    let ice = ["ice", "--plain", "--on", "5m"];
    let out = signal_with_stdin_closed(&home, &ice, "ICE ON", "-TERM");
    assert_eq!(out.status.code(), Some(143), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("Stopped: 0 of 3 applications, "));
    assert_eq!(records(&home).len(), 1);

    let out = signal_with_stdin_closed(&home, &ice, "ICE ON", "-INT");
    assert_eq!(out.status.code(), Some(130));
    assert_eq!(records(&home).len(), 2);

    // A hang-up leaves the pack session to be resumed, and says so in its status.
    let out = signal_with_stdin_closed(&home, &ice, "ICE ON", "-HUP");
    assert_eq!(out.status.code(), Some(129));
    assert_eq!(records(&home).len(), 2);

    let play = ["play", "back-spasm-relief", "--plain"];
    let out = signal_with_stdin_closed(&home, &play, "Get ready", "-TERM");
    assert_eq!(out.status.code(), Some(143));
    let out = signal_with_stdin_closed(&home, &play, "Get ready", "-HUP");
    assert_eq!(out.status.code(), Some(129));
    let all = records(&home);
    assert_eq!(all.len(), 4);
    assert!(
        all[2..]
            .iter()
            .all(|r| r.outcome == supple::core::history::Outcome::Stopped)
    );
}

#[test]
fn a_closed_output_ends_the_session_and_logs_it() {
    let home = TestHome::new();
    for (args, ready) in [
        (&["ice", "--plain", "--on", "5m"][..], "ICE ON"),
        (&["play", "back-spasm-relief", "--plain"][..], "Get ready"),
    ] {
        let mut child = home
            .supple(args)
            .command()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut seen = String::new();
        wait_for(&mut child, &mut seen, ready);
        // The reader goes away, as `| head -5` does.
        drop(child.stdout.take());
        // Something to print: a pause.
        child.stdin.as_mut().unwrap().write_all(b"p\n").unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(141), "{}", text(&out.stderr));
    }
    let all = records(&home);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all.iter()
            .all(|r| r.outcome == supple::core::history::Outcome::Stopped)
    );
    let left = state_files(&home);
    assert!(left.is_empty(), "state left behind: {left:?}");
}

#[test]
fn plain_q_asks_how_the_pain_is_before_it_leaves() {
    let home = TestHome::new();
    fs::write(home.join("supple/config.toml"), "").unwrap();
    let mut child = spawn_play(&home, "back-spasm-relief");
    let mut seen = String::new();
    wait_for(&mut child, &mut seen, "Pain now, 0-10?");
    child.stdin.as_mut().unwrap().write_all(b"3\n").unwrap();
    wait_for(&mut child, &mut seen, "Get ready");
    child.stdin.as_mut().unwrap().write_all(b"q\n").unwrap();
    wait_for(&mut child, &mut seen, "Stopped at");
    wait_for(&mut child, &mut seen, "Pain now, 0-10?");
    child.stdin.as_mut().unwrap().write_all(b"10\n").unwrap();
    let out = child.wait_with_output().unwrap();
    seen.push_str(&text(&out.stdout));
    assert_eq!(out.status.code(), Some(0), "{seen}");
    assert!(seen.contains("Your pain went up"), "{seen}");
    let all = records(&home);
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].pain_before, all[0].pain_after), (Some(3), Some(10)));
}

#[test]
fn voice_without_a_speech_program_says_so_once_in_plain_mode() {
    let home = TestHome::new();
    let out = home
        .supple(&[
            "play",
            "tests/fixtures/valid/quick.toml",
            "--plain",
            "--voice",
        ])
        .env("PATH", "/nonexistent")
        .run();
    let stdout = out.stdout.clone();
    assert_eq!(
        stdout.matches("no speech program found").count(),
        1,
        "{stdout}"
    );
    let out = home
        .supple(&["ice", "--plain", "--voice", "--on", "1s", "--cycles", "1"])
        .env("PATH", "/nonexistent")
        .run();
    let stdout = out.stdout.clone();
    assert_eq!(
        stdout.matches("no speech program found").count(),
        1,
        "{stdout}"
    );
}

#[test]
fn the_fallback_to_lines_names_the_stream_that_is_not_a_terminal() {
    let home = TestHome::new();
    let out = home.run(&["play", "tests/fixtures/valid/one-second.toml"]);
    let stderr = out.stderr.clone();
    assert!(
        stderr.contains("neither standard input nor standard output is a terminal"),
        "{stderr}"
    );
}

#[test]
fn two_pack_sessions_at_once_keep_their_own_state_and_are_logged_once() {
    let home = TestHome::new();
    // A: an ice session in one terminal.
    let mut ice = home
        .supple(&["ice", "--plain", "--on", "5m"])
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut seen = String::new();
    wait_for(&mut ice, &mut seen, "ICE ON");
    let deadline = Instant::now() + Duration::from_secs(10);
    // The lock comes first, the state file a moment later: both, before going on.
    while !state_files(&home)
        .iter()
        .any(|p| p.extension().is_some_and(|x| x == "json"))
    {
        assert!(
            Instant::now() < deadline,
            "no state file for the ice session"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let ice_state = state_files(&home);

    // B: a heat session in another, run to its end. The ice session is named as
    // running elsewhere, never offered as cut off.
    let out = home.run(&["heat", "--plain", "--on", "1s", "--cycles", "1"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = out.stderr.clone();
    assert!(
        stderr.contains("is running in another terminal"),
        "{stderr}"
    );
    assert!(!stderr.contains("cut off"), "{stderr}");
    // B's end removed B's state only.
    assert_eq!(state_files(&home), ice_state);

    // A's terminal closes: its state stays, to be resumed.
    assert!(
        Command::new("kill")
            .args(["-HUP", &ice.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(ice.wait().unwrap().code(), Some(129));
    assert_eq!(state_files(&home), ice_state);
    assert_eq!(records(&home).len(), 1, "only the heat session so far");

    // Four supples start at once; each would log the cut-off session if it
    // declined (standard input closed): it is logged exactly once.
    let ice: &[&str] = &["ice", "--plain", "--on", "1s", "--cycles", "1"];
    all_at_once_succeed(&home, &[ice; 4]);
    let all = records(&home);
    let cut_off: Vec<_> = all
        .iter()
        .filter(|r| {
            r.applications_planned == Some(3)
                && r.outcome == supple::core::history::Outcome::Stopped
        })
        .collect();
    assert_eq!(cut_off.len(), 1, "{all:?}");
    assert_eq!(all.len(), 1 + 1 + 4);
    assert!(state_files(&home).is_empty(), "{:?}", state_files(&home));
}

#[test]
fn parallel_progress_resets_never_fail_and_never_lose_one() {
    let home = TestHome::new();
    let core: &[&str] = &["plan", "core-strength", "--reset-progress"];
    let back: &[&str] = &["plan", "back-spasm-relief", "--reset-progress"];
    let runs: Vec<&[&str]> = (0..12)
        .map(|i| if i % 2 == 0 { core } else { back })
        .collect();
    all_at_once_succeed(&home, &runs);
    let text = fs::read_to_string(home.join("data/supple/progress-resets.json")).unwrap();
    let map: std::collections::BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    assert_eq!(map.len(), 2, "{map:?}");
    let leftovers: Vec<_> = fs::read_dir(home.join("data/supple"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_resume_question_names_the_day_of_a_session_from_another_day() {
    let home = TestHome::new();
    let now = jiff::Timestamp::now();
    let started = now - jiff::SignedDuration::from_hours(49);
    let state = serde_json::json!({
        "v": 1, "mode": "heat", "on": 1200, "off": 1200, "cycles": 1,
        "planned": [1200], "index": 0,
        "started": started.to_string(), "left": 600,
    });
    write_old_state(&home, &state);
    let out = home.run(&["heat", "--plain", "--on", "1s", "--cycles", "1"]);
    let stderr = out.stderr.clone();
    let day = started
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("on %a %-d %b at ")
        .to_string();
    assert!(stderr.contains(&day), "{day:?} missing: {stderr}");
}

#[test]
fn resuming_in_plain_mode_prints_the_resumed_plan_not_the_defaults() {
    let home = TestHome::new();
    let now = jiff::Timestamp::now();
    let state = serde_json::json!({
        "v": 1, "mode": "contrast", "on": 600, "off": 300, "cycles": 2,
        "planned": [600, 300, 600], "index": 2,
        "started": (now - jiff::SignedDuration::from_mins(16)).to_string(),
        "phase_end": (now + jiff::SignedDuration::from_mins(9)).to_string(),
    });
    write_old_state(&home, &state);
    let out = home.run_typed(&["ice", "--plain"], b"y\nq\n");
    let stdout = out.stdout.clone();
    assert!(
        stdout.starts_with("Contrast: 10m on, 5m off, 2 times (25m in all)."),
        "{stdout}"
    );
    assert!(
        stdout.contains("Resuming where the clock says it is: ICE ON, cycle 2/2."),
        "{stdout}"
    );
}

#[test]
fn sigterm_during_edit_reaches_the_editor_and_the_file_is_checked() {
    let home = TestHome::new();
    assert!(home.run(&["new", "mine"]).status.success());
    // An editor that writes a valid file and then waits, as an open editor does.
    let editor = home.join("slow.sh");
    fs::write(
        &editor,
        "#!/bin/sh\nprintf 'name = \"x\"\\n[[exercise]]\\nname = \"a\"\\nhold = \"5s\"\\n' > \"$1\"\necho $$ > \"$1.pid\"\nexec sleep 30\n",
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&editor)
        .status()
        .unwrap();
    let child = home
        .supple(&["edit", "mine"])
        .command()
        .env("VISUAL", &editor)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid_file = home.join("supple/routines/mine.toml.pid");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !pid_file.exists() || fs::read_to_string(&pid_file).unwrap().trim().is_empty() {
        assert!(Instant::now() < deadline, "the editor never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    let editor_pid = fs::read_to_string(&pid_file).unwrap().trim().to_owned();
    let started = Instant::now();
    assert!(
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(out.status.code(), Some(143), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("mine.toml: ok (1 exercise"),
        "{}",
        text(&out.stdout)
    );
    // The editor got the signal too: it is not left running.
    let alive = Path::new(&format!("/proc/{editor_pid}")).exists()
        && !fs::read_to_string(format!("/proc/{editor_pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ");
    assert!(!alive, "the editor is still running");
}

#[test]
fn config_shows_every_setting_and_where_it_comes_from() {
    let home = TestHome::new();
    fs::write(
        home.join("supple/config.toml"),
        "[player]\npain = false\n[pack]\non = \"15m\"\ncolour = 1\n",
    )
    .unwrap();
    let out = home.run(&["config"]);
    let stdout = out.stdout.clone();
    assert!(
        stdout.contains("[player] pain = false   (config file)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[pack] on = \"15m\"   (config file)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[pack] off = \"20m\"   (default)"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "the file has an error");
    assert!(out.stderr.clone().contains("unknown key 'colour'"));
    let out = home.run(&["config", "--path"]);
    assert_eq!(
        out.stdout.clone().trim(),
        home.join("supple/config.toml").display().to_string()
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn one_application_cannot_grow_past_its_limit() {
    let home = TestHome::new();
    // Asked for on the command line: refused, with why and what to do.
    let out = home.run(&["ice", "--on", "45m", "--plain"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = out.stderr.clone();
    assert!(
        stderr.contains("--on 45m is too long: ice goes on for 30 minutes at most"),
        "{stderr}"
    );
    // From the config file: cut to the limit, and said so.
    fs::write(home.join("supple/config.toml"), "[pack]\non = \"45m\"\n").unwrap();
    let out = home.run_typed(&["ice", "--plain", "--cycles", "1"], b"q\n");
    let stdout = out.stdout.clone();
    assert!(stdout.starts_with("Ice: 30m on"), "{stdout}");
    assert!(stdout.contains("each application lasts 30m"), "{stdout}");
    // `+` stops at the limit and says why.
    fs::write(home.join("supple/config.toml"), "").unwrap();
    let mut keys = b"+\n".repeat(12);
    keys.extend_from_slice(b"q\n");
    let out = home.run_typed(&["ice", "--plain", "--cycles", "1"], &keys);
    let stdout = out.stdout.clone();
    assert!(stdout.contains("This phase now lasts 30m."), "{stdout}");
    assert!(
        stdout.contains("Ice stays on 30m at most at a time: cold can damage the skin."),
        "{stdout}"
    );
    // Heat follows [pack] heat_max.
    fs::write(
        home.join("supple/config.toml"),
        "[pack]\nheat_max = \"22m\"\n",
    )
    .unwrap();
    let mut keys = b"+\n".repeat(4);
    keys.extend_from_slice(b"q\n");
    let out = home.run_typed(&["heat", "--plain", "--cycles", "1"], &keys);
    let stdout = out.stdout.clone();
    assert!(stdout.contains("Heat stays on 22m at most"), "{stdout}");
}

#[test]
fn since_takes_what_people_type_and_says_a_week_is_a_reason_to_see_a_doctor() {
    // Five one-second timers, each in a home of its own, run at once.
    let since = ["30H", "4 Days", "1 week", "10 days", "15 days"];
    let homes: Vec<TestHome> = since.iter().map(|_| TestHome::new()).collect();
    let outs: Vec<support::Ran> = std::thread::scope(|s| {
        let runs: Vec<_> = homes
            .iter()
            .zip(since)
            .map(|(home, since)| {
                s.spawn(move || {
                    home.run(&[
                        "heat", "--since", since, "--on", "1s", "--cycles", "1", "--plain",
                    ])
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    for (out, advice) in outs.iter().zip([
        supple::core::pack::HEAT_OR_ICE_FIRST_DAYS,
        supple::core::pack::HEAT_OR_ICE,
        supple::core::pack::HEAT_OR_ICE,
    ]) {
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(out.stdout.contains(advice), "{out:?}");
    }
    // One threshold for "see someone": about two weeks, never "over a week".
    let ten = &outs[3];
    assert_eq!(ten.status.code(), Some(0), "{ten:?}");
    assert!(!ten.stdout.contains("Not getting better"), "{ten:?}");
    assert!(!ten.stdout.contains("over a week"), "{ten:?}");
    let out = &outs[4];
    assert!(
        out.stdout
            .contains(supple::core::red_flags::NOT_GETTING_BETTER),
        "{out:?}"
    );
}

/// Appends lines to this test's history log, as earlier sessions would have.
fn append_log(home: &Path, lines: &[String]) {
    let dir = home.join("data/supple");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("history.jsonl");
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    fs::write(path, text).unwrap();
}

/// A finished session of `routine` (or an ice session when `routine` is "ice")
/// that ended a minute ago.
fn done_just_now(routine: &str) -> String {
    let end = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(1);
    let start = end - jiff::SignedDuration::from_mins(5);
    if routine == "ice" {
        format!(
            r#"{{"v":1,"kind":"ice","name":"Ice","start":"{start}","end":"{end}","active_seconds":1200,"outcome":"finished","applications_done":1,"applications_planned":1,"applied_seconds":[1200]}}"#
        )
    } else {
        format!(
            r#"{{"v":1,"kind":"routine","name":"x","routine":"{routine}","start":"{start}","end":"{end}","active_seconds":300,"outcome":"finished"}}"#
        )
    }
}

#[test]
fn an_episode_drives_today_and_sessions_tick_it_off() {
    // Sessions are logged up to half an hour before now: at midday, so that
    // they fall on today however late the test runs.
    let home = TestHome::new().at_local_hour(12);
    let out = home.run(&["today"]);
    assert!(
        out.stdout.clone().contains("No episode is open"),
        "{}",
        out.stdout.clone()
    );
    // Nobody to answer: the questions are not asked, the red flags are listed.
    let out = home.run(&["episode", "start", "--ago", "30h"]);
    assert!(out.status.success(), "{}", out.stderr.clone());
    assert!(
        out.stderr.clone().contains("Not asked"),
        "{}",
        out.stderr.clone()
    );
    assert!(
        out.stderr.clone().contains("around the genitals"),
        "{}",
        out.stderr.clone()
    );
    let said = out.stdout.clone();
    assert!(said.contains("This is day 2"), "{said}");
    assert!(said.contains("First three days"), "{said}");
    // A second start while one is open is refused.
    let again = home.run(&["episode", "start"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(again.stderr.clone().contains("already open"));
    // Day 2: heat or ice (and why), the gentle routine, walks and slow
    // breathing, none done.
    let today = home.run(&["today"]).stdout;
    assert!(
        today.contains("Day 2 of this episode: First three days"),
        "{today}"
    );
    assert!(
        today.contains("[ ] Heat or ice: 0 of 3 today  <- next"),
        "{today}"
    );
    assert!(
        today.contains("the evidence is strongest for heat"),
        "{today}"
    );
    assert!(
        today.contains("supple heat --cycles 1, or supple ice"),
        "{today}"
    );
    assert!(
        today.contains("[ ] Back spasm relief: 0 of 1 today"),
        "{today}"
    );
    assert!(
        today.contains("[ ] Walk 5m: 0 of 15 minutes today"),
        "{today}"
    );
    assert!(today.contains("supple walk"), "{today}");
    // A 1-minute walk and a 5-second ice run do not tick anything off.
    let end = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(30);
    append_log(
        &home,
        &[
            format!(
                r#"{{"v":1,"kind":"routine","name":"Easy walk","routine":"walk","start":"{end}","end":"{end}","active_seconds":60,"outcome":"stopped"}}"#
            ),
            format!(
                r#"{{"v":1,"kind":"ice","name":"ice timer","start":"{end}","end":"{end}","active_seconds":5,"outcome":"finished","applications_done":1,"applications_planned":1,"applied_seconds":[5]}}"#
            ),
        ],
    );
    let today = home.run(&["today"]).stdout;
    assert!(today.contains("[ ] Heat or ice: 0 of 3 today"), "{today}");
    assert!(
        today.contains("[ ] Walk 5m: 1 of 15 minutes today"),
        "{today}"
    );
    // Doing them ticks them off; the ice waits two hours for the next, and is
    // what "heat or ice" starts now.
    append_log(
        &home,
        &[
            done_just_now("ice"),
            done_just_now("back-spasm-relief"),
            done_just_now("walk"),
        ],
    );
    let today = home.run(&["today"]).stdout;
    assert!(
        today.contains("[ ] Heat or ice: 1 of 3 today, next after"),
        "{today}"
    );
    assert!(
        today.contains("supple ice --cycles 1, or supple heat"),
        "{today}"
    );
    assert!(
        today.contains("[x] Back spasm relief: 1 of 1 today, done"),
        "{today}"
    );
    assert!(
        today.contains("[ ] Walk 5m: 6 of 15 minutes today, next after"),
        "{today}"
    );
    assert!(today.contains("Next: Slow breathing."), "{today}");
    let json: serde_json::Value =
        serde_json::from_str(&home.run(&["today", "--json"]).stdout).unwrap();
    assert_eq!(json["episode"]["day"], 2);
    assert_eq!(json["items"][1]["done"], 1);
    assert_eq!(json["items"][2]["minutes_walked"], 6);
    assert_eq!(json["next"], 3);
    assert!(json["next_after"].is_null());
    // The pack timer takes the episode's time since onset.
    let ice = home.run_typed(&["ice", "--plain", "--on", "1s", "--cycles", "1"], b"");
    assert!(
        ice.stdout.clone().contains("Day 2 of this episode"),
        "{}",
        ice.stdout.clone()
    );
    // The episode ends, and is listed.
    let end = home.run(&["episode", "end"]);
    assert!(
        end.stdout.clone().contains("Episode ended, after 30 hours"),
        "{}",
        end.stdout.clone()
    );
    let list = home.run(&["episode", "list"]).stdout;
    assert!(
        list.contains("30 hours") && list.contains("back-spasm"),
        "{list}"
    );
    assert_eq!(home.run(&["episode", "end"]).status.code(), Some(1));
}

/// The newest episode's red-flag questions, as `supple episode list --json` gives them.
fn red_flags_json(home: &TestHome) -> serde_json::Value {
    let list = home.run(&["episode", "list", "--json"]);
    let all: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    all[all.as_array().unwrap().len() - 1]["red_flags"].clone()
}

#[test]
fn a_same_day_answer_is_said_recorded_and_kept_in_view_until_checked() {
    use supple::core::red_flags::{NOT_GETTING_BETTER, SAME_DAY};
    let home = TestHome::new();
    // Eight emergency signs: no; a fever: yes; the rest: Enter.
    let out = home.run_typed(
        &["episode", "start", "--ago", "15d"],
        b"n\nn\nn\nn\nn\nn\nn\nn\ny\n\n\n\n\n\n\n\n\n",
    );
    assert!(out.status.success(), "{}", out.stderr.clone());
    assert!(
        out.stderr.clone().contains("(17/17)"),
        "{}",
        out.stderr.clone()
    );
    assert!(
        out.stdout.clone().contains(SAME_DAY),
        "{}",
        out.stdout.clone()
    );
    let today = home.run(&["today"]).stdout;
    assert!(
        today.starts_with("! See a doctor today: you said yes to fever"),
        "{today}"
    );
    assert!(today.contains("Next: "), "{today}");
    assert!(today.contains(NOT_GETTING_BETTER), "{today}");
    assert!(!today.contains("over a week"), "{today}");
    let flags = red_flags_json(&home);
    assert_eq!(flags["state"], "asked", "{flags}");
    assert_eq!(
        flags["rounds"][0]["yes"],
        serde_json::json!(["fever"]),
        "{flags}"
    );
    assert_eq!(flags["standing"], "same_day", "{flags}");
    // Checked: recorded with its time, and Today no longer leads with it.
    let checked = home.run(&["episode", "checked"]);
    assert!(checked.status.success(), "{}", checked.stderr.clone());
    let today = home.run(&["today"]).stdout;
    assert!(!today.contains("you said yes"), "{today}");
    let flags = red_flags_json(&home);
    assert_eq!(
        flags["checked"].as_array().map(Vec::len),
        Some(1),
        "{flags}"
    );
    assert!(flags["standing"].is_null(), "{flags}");
}

#[test]
fn an_emergency_answer_says_where_to_go_and_holds_the_plan_until_checked() {
    use supple::core::red_flags::EMERGENCY;
    let home = TestHome::new();
    // Numbness around the genitals or buttocks: the first question.
    let out = home.run_typed(&["episode", "start"], b"y\n");
    assert!(out.status.success(), "{}", out.stderr.clone());
    let said = out.stdout.clone();
    assert!(said.contains(&format!("Emergency: {EMERGENCY}")), "{said}");
    assert!(
        said.contains("999") && said.contains("Do not drive yourself"),
        "{said}"
    );
    // At once, before the next question.
    let asked = out.stderr.clone();
    let first_answer = asked.find(EMERGENCY).unwrap();
    assert!(
        first_answer < asked.find("(2/17)").unwrap_or(usize::MAX),
        "{asked}"
    );
    // Today leads with it and offers no exercise; status says it too.
    let today = home.run(&["today"]).stdout;
    assert!(
        today.starts_with("! Emergency: you said yes to numb bottom"),
        "{today}"
    );
    assert!(!today.contains("<- next"), "{today}");
    assert!(
        today.contains("No exercise until you have been checked"),
        "{today}"
    );
    let status = home.run(&["status"]).stdout;
    assert!(status.contains("A&E"), "{status}");
    // The rest were never asked: the next supple in a terminal asks them.
    assert_eq!(red_flags_json(&home)["standing"], "emergency");
    home.run(&["episode", "checked"]);
    let today = home.run(&["today"]).stdout;
    assert!(today.contains("<- next"), "{today}");
}

#[test]
fn questions_nobody_could_answer_are_recorded_as_not_asked() {
    let home = TestHome::new();
    let out = home.run(&["episode", "start", "--ago", "2h"]);
    assert!(out.status.success(), "{}", out.stderr.clone());
    let flags = red_flags_json(&home);
    assert_eq!(flags["state"], "not_asked", "{flags}");
    assert!(flags["first_asked"].is_null(), "{flags}");
    let shown = home.run(&["episode"]).stdout;
    assert!(shown.contains("not asked"), "{shown}");
    assert!(!shown.contains("none answered yes"), "{shown}");
    let report = home.join("report.html");
    let out = home.run(&["report", "--out", report.to_str().unwrap()]);
    assert!(out.status.success(), "{}", out.stderr.clone());
    let page = fs::read_to_string(&report).unwrap();
    assert!(page.contains("not asked"), "the report says not asked");
    assert!(!page.contains("none answered yes"));
}

#[test]
fn episode_times_are_read_as_people_type_them() {
    let home = TestHome::new();
    let out = home.run_typed(&["episode", "start", "--at", "tomorrow"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stderr
            .clone()
            .contains("write it like 2026-11-30 18:00"),
        "{}",
        out.stderr.clone()
    );
    let yesterday = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(25))
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    let out = home.run_typed(&["episode", "start", "--at", &yesterday], b"");
    assert!(out.status.success(), "{}", out.stderr.clone());
    assert!(
        out.stdout.clone().contains("This is day 2"),
        "{}",
        out.stdout.clone()
    );
    let out = home.run_typed(&["episode", "start", "--plan", "nope"], b"");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn status_is_one_line_for_a_bar_and_empty_when_nothing_is_due() {
    // An ice session is logged a minute before now: at midday, it is today's.
    let home = TestHome::new().at_local_hour(12);
    let out = home.run(&["status"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let out = home.run(&["status", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        out.stdout.clone().trim(),
        r#"{"text":"","tooltip":"","class":"none"}"#
    );
    assert!(
        home.run(&["episode", "start", "--ago", "30h"])
            .status
            .success()
    );
    let out = home.run(&["status"]);
    assert!(out.status.success());
    assert_eq!(out.stdout.clone(), "Today 0/4: next Heat or ice\n");
    append_log(&home, &[done_just_now("ice")]);
    let out = home.run(&["status", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["class"], "today");
    assert_eq!(json["text"], "Today 0/4: next Back spasm relief");
    assert_eq!(json["tooltip"], "Day 2 of this episode: First three days");
    assert_eq!(out.stdout.clone().lines().count(), 1);
}

#[test]
fn today_names_the_log_lines_it_could_not_read() {
    let home = TestHome::new();
    assert!(
        home.run(&["episode", "start", "--ago", "3h"])
            .status
            .success()
    );
    append_log(
        &home,
        &[
            r#"{"v":1,"kind":"episode","event":"end"}"#.into(),
            "\u{1b}]0;pwned\u{7}".into(),
        ],
    );
    let out = home.run(&["today", "--plain"]);
    assert!(out.status.success());
    let err = out.stderr.clone();
    assert!(
        err.contains("line 2 skipped: not an episode record (missing field `at`"),
        "{err}"
    );
    assert!(err.contains("line 3 skipped"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    // The damaged end closes nothing: the episode is still open.
    assert!(
        out.stdout.clone().starts_with("Day 1 of this episode"),
        "{}",
        out.stdout.clone()
    );
}

#[test]
fn the_readme_names_every_bundled_routine_and_plan() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for (name, _) in supple::store::library::BUNDLED {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md never names {name}"
        );
    }
    for (name, _) in supple::store::plans::BUNDLED {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md never names {name}"
        );
    }
}

#[test]
fn the_man_page_has_keys_exit_status_files_environment_and_examples() {
    let home = TestHome::new();
    let page = home.run(&["man"]).stdout;
    for section in [
        ".SH KEYS",
        ".SH \"EXIT STATUS\"",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    // KEYS is the help screen's own list.
    for k in supple::app::help::HOME {
        assert!(
            page.contains(&k.what.replace('-', "\\-")),
            "{} missing",
            k.what
        );
    }
    // The folder of pages: supple.1 carries them too.
    let dir = home.join("man1");
    assert!(
        home.run(&["man", "--dir", dir.to_str().unwrap()])
            .status
            .success()
    );
    let top = fs::read_to_string(dir.join("supple.1")).unwrap();
    assert!(top.contains(".SH FILES"));
    assert!(
        !fs::read_to_string(dir.join("supple-play.1"))
            .unwrap()
            .contains(".SH FILES")
    );
}

/// Messages name the thing once, with no library or OS error text, and cut long
/// values: no "supple: error: supple: error:", no "(os error N)", no jiff
/// overflow text, a plan never called a routine, a 100,000-character value
/// never echoed whole.
#[test]
fn messages_name_the_thing_once_without_library_text() {
    let home = TestHome::new();
    fs::create_dir_all(home.join("supple/plans")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(home.join("supple/plans/p.toml"))
            .status()
            .unwrap()
            .success()
    );
    let long = "a".repeat(100_000);
    let cases: Vec<Vec<&str>> = vec![
        vec!["episode", "start", "--at", "9999-12-31"],
        vec!["play", &long],
        vec!["plans"],
        vec!["episode", "start", "--plan", "p"],
        vec!["report", "--format", "csv", "--out", "/proc/version"],
        vec!["new", "x", "--data-dir", "/proc/1/nope"],
    ];
    for args in cases {
        let out = home.run(&args);
        let said = format!("{}{}", out.stdout.clone(), out.stderr.clone());
        let shown: Vec<&str> = args.iter().map(|a| &a[..a.len().min(20)]).collect();
        assert!(!said.contains("error: supple: error"), "{shown:?}: {said}");
        assert!(!said.contains("os error"), "{shown:?}: {said}");
        assert!(!said.contains("Unix timestamp"), "{shown:?}: {said}");
        assert!(!said.contains("routine file"), "{shown:?}: {said}");
        assert!(said.len() < 2_000, "{shown:?}: {} bytes", said.len());
    }
}

/// A status bar asking `supple status` all the time never makes a session cut off
/// by a closed terminal look "running in another terminal": it is offered.
#[test]
fn a_polling_status_bar_never_hides_a_cut_off_session() {
    let home = TestHome::new();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let (home, stop) = (home.clone(), stop.clone());
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let _ = home.run(&["status"]);
            }
        })
    };
    for round in 0..5 {
        let now = jiff::Timestamp::now();
        let state = serde_json::json!({
            "v": 1, "mode": "ice", "on": 1200, "off": 1200, "cycles": 2,
            "planned": [1200, 1200, 1200], "index": 1,
            "started": (now - jiff::SignedDuration::from_mins(25)).to_string(),
            "phase_end": (now + jiff::SignedDuration::from_mins(15)).to_string(),
        });
        let packs = home.join("state/supple/packs");
        fs::create_dir_all(&packs).unwrap();
        fs::write(packs.join(format!("{round}-1.lock")), "").unwrap();
        fs::write(packs.join(format!("{round}-1.json")), state.to_string()).unwrap();
        let out = home.run_typed(&["ice", "--plain", "--on", "1s", "--cycles", "1"], b"n\n");
        let err = out.stderr.clone();
        assert!(err.contains("was cut off"), "round {round}: {err}");
        assert!(!err.contains("another terminal"), "round {round}: {err}");
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    poller.join().unwrap();
}

/// A "yes" is written to the log the moment it is given: the terminal closed
/// (the process killed) before the last question loses nothing.
#[test]
fn a_yes_is_kept_when_supple_is_killed_before_the_last_question() {
    let home = TestHome::new();
    let mut child = home
        .supple(&["episode", "start"])
        .command()
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"n\ny\n").unwrap();
    let log = home.join("data/supple/history.jsonl");
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut text = String::new();
    while Instant::now() < deadline && !text.contains("\"yes\":[\"peeing\"]") {
        std::thread::sleep(Duration::from_millis(20));
        text = fs::read_to_string(&log).unwrap_or_default();
    }
    child.kill().unwrap();
    let _ = child.wait();
    drop(stdin);
    assert!(text.contains("\"event\":\"start\""), "{text}");
    assert!(
        text.contains("\"asked\":[\"saddle\",\"peeing\"],\"yes\":[\"peeing\"]"),
        "{text}"
    );
    let flags = red_flags_json(&home);
    assert_eq!(flags["standing"], "emergency", "{flags}");
}
