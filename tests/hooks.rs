#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `[hooks]` in the config file, run by the real binary: every switch of an ice
//! session reaches the switch hook, the end reaches the finished hook, and text
//! from a routine file reaches a hook's environment only made safe.

use std::fs;
use std::path::Path;

mod support;
use support::TestHome;

/// A fresh home whose config is `config`, with LOG standing for the hook log.
fn home(config: &str) -> TestHome {
    let home = TestHome::new()
        // Left in supple's own environment, it must not reach a switch hook.
        .env("SUPPLE_SIDE", "left");
    let config = config.replace("LOG", &home.join("hooks.log").display().to_string());
    home.config(&config)
}

/// The hook log, once `lines` lines are there (hooks run beside supple, so the
/// last may land a moment after it exits).
fn hook_log(dir: &Path, lines: usize) -> String {
    for _ in 0..500 {
        let text = fs::read_to_string(dir.join("hooks.log")).unwrap_or_default();
        if text.lines().count() >= lines {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    fs::read_to_string(dir.join("hooks.log")).unwrap_or_default()
}

const RECORD: &str = r#"
[player]
pain = false
[hooks]
switch = ["sh", "-c", "echo \"$SUPPLE_EVENT $SUPPLE_ROUTINE $SUPPLE_PHASE $SUPPLE_APPLICATION${SUPPLE_SIDE+ stale side}\" >> 'LOG'"]
finished = ["sh", "-c", "echo \"$SUPPLE_EVENT $SUPPLE_KIND\" >> 'LOG'"]
step = ["sh", "-c", "echo \"$SUPPLE_EVENT $SUPPLE_STEP|$SUPPLE_PHASE|$SUPPLE_CUE\" >> 'LOG'"]
"#;

#[test]
fn a_hook_logs_every_switch_of_an_ice_session() {
    let dir = home(RECORD);
    let out = dir.run(&[
        "ice", "--on", "1s", "--off", "1s", "--cycles", "2", "--plain",
    ]);
    assert!(out.status.success(), "{}", out.stderr);
    let log = hook_log(&dir, 4);
    let mut lines: Vec<&str> = log.lines().collect();
    // The finished hook starts last, but may write first.
    lines.sort();
    assert_eq!(
        lines,
        [
            "finished ice",
            "switch ice ice 1/2",
            "switch ice ice 2/2",
            "switch ice off 1/2"
        ],
        "{log}"
    );
}

/// Control characters never get into a routine (the file is refused, tests/hostile.rs);
/// what does get in, shell syntax included, reaches the hook as text: no shell
/// ever reads it.
#[test]
fn routine_text_reaches_a_hook_as_text_never_run() {
    let dir = home(RECORD);
    fs::write(
        dir.routines().join("sly.toml"),
        "name = \"Sly\"\nlead_in = \"0s\"\n[[exercise]]\nname = \"Cat $(touch pwned); `touch pwned2`\"\ncues = [\"x\"]\nhold = \"1s\"\n",
    )
    .unwrap();
    let out = dir.run(&["play", "sly", "--plain"]);
    assert!(out.status.success(), "{}", out.stderr);
    let log = hook_log(&dir, 2);
    let step = log
        .lines()
        .find(|l| l.starts_with("step "))
        .unwrap_or_else(|| panic!("{log}"));
    assert!(
        step.starts_with("step Cat $(touch pwned); `touch pwned2`|hold|"),
        "{step:?}"
    );
    assert!(!dir.join("pwned").exists() && !dir.join("pwned2").exists());
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join("pwned").exists());
}

#[test]
fn a_failing_hook_is_noted_once_and_the_session_goes_on() {
    let dir = home("[player]\npain = false\n[hooks]\nswitch = [\"/no/such/hook\"]\n");
    let out = dir.run(&[
        "ice", "--on", "1s", "--off", "1s", "--cycles", "2", "--plain",
    ]);
    assert!(out.status.success());
    let stdout = &out.stdout;
    assert_eq!(
        stdout.matches("The switch hook failed").count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("Session complete"), "{stdout}");
}

/// The finished hook starts as the session ends; in plain mode its failure is
/// still said (docs/config.md: "as a `Note:` line").
#[test]
fn plain_mode_says_when_the_finished_hook_fails() {
    let dir = home("[player]\npain = false\n[hooks]\nfinished = [\"sh\", \"-c\", \"exit 3\"]\n");
    let out = dir.run(&[
        "ice", "--on", "1s", "--off", "0s", "--cycles", "1", "--plain",
    ]);
    assert!(out.status.success());
    let stdout = &out.stdout;
    assert!(
        stdout.contains("Note: The finished hook failed: exit status 3"),
        "{stdout}"
    );
}

/// A hook that never ends is stopped: supple's exit waits on it for a moment only.
#[test]
fn a_hook_that_never_ends_does_not_hold_up_the_exit() {
    let dir = home("[player]\npain = false\n[hooks]\nfinished = [\"sleep\", \"600\"]\n");
    let started = std::time::Instant::now();
    let out = dir.run(&[
        "ice", "--on", "1s", "--off", "0s", "--cycles", "1", "--plain",
    ]);
    assert!(out.status.success());
    assert!(started.elapsed() < std::time::Duration::from_secs(6));
    let stdout = &out.stdout;
    assert!(
        stdout.contains("The finished hook failed: it did not finish in time"),
        "{stdout}"
    );
}
