#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `[hooks]` in the config file, run by the real binary: every switch of an ice
//! session reaches the switch hook, the end reaches the finished hook, and text
//! from a routine file reaches a hook's environment only made safe.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_supple");

fn home(test: &str, config: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hooks")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("config/supple/routines")).unwrap();
    let config = config.replace("LOG", &dir.join("hooks.log").display().to_string());
    fs::write(dir.join("config/supple/config.toml"), config).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("SUPPLE_DATA_DIR")
        // Left in supple's own environment, it must not reach a switch hook.
        .env("SUPPLE_SIDE", "left")
        .stdin(Stdio::null())
        .output()
        .unwrap()
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
    let dir = home("ice", RECORD);
    let out = run(
        &dir,
        &[
            "ice", "--on", "1s", "--off", "1s", "--cycles", "2", "--plain",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    let dir = home("shell-text", RECORD);
    fs::write(
        dir.join("config/supple/routines/sly.toml"),
        "name = \"Sly\"\nlead_in = \"0s\"\n[[exercise]]\nname = \"Cat $(touch pwned); `touch pwned2`\"\ncues = [\"x\"]\nhold = \"1s\"\n",
    )
    .unwrap();
    let out = run(&dir, &["play", "sly", "--plain"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    let dir = home(
        "failing",
        "[player]\npain = false\n[hooks]\nswitch = [\"/no/such/hook\"]\n",
    );
    let out = run(
        &dir,
        &[
            "ice", "--on", "1s", "--off", "1s", "--cycles", "2", "--plain",
        ],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
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
    let dir = home(
        "failing-finished",
        "[player]\npain = false\n[hooks]\nfinished = [\"sh\", \"-c\", \"exit 3\"]\n",
    );
    let out = run(
        &dir,
        &[
            "ice", "--on", "1s", "--off", "0s", "--cycles", "1", "--plain",
        ],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Note: The finished hook failed: exit status 3"),
        "{stdout}"
    );
}

/// A hook that never ends is stopped: supple's exit waits on it for a moment only.
#[test]
fn a_hook_that_never_ends_does_not_hold_up_the_exit() {
    let dir = home(
        "hanging-finished",
        "[player]\npain = false\n[hooks]\nfinished = [\"sleep\", \"600\"]\n",
    );
    let started = std::time::Instant::now();
    let out = run(
        &dir,
        &[
            "ice", "--on", "1s", "--off", "0s", "--cycles", "1", "--plain",
        ],
    );
    assert!(out.status.success());
    assert!(started.elapsed() < std::time::Duration::from_secs(6));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("The finished hook failed: it did not finish in time"),
        "{stdout}"
    );
}
