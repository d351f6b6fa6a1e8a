#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! One description of each cue (core::announce): the line mode, run as the real
//! binary with stand-ins for notify-send, the speech program and a hook, and the
//! full-screen app, run in memory, notify, speak and hand hooks the same text for
//! the same session.

mod support;

use std::fs;
use std::time::Duration;

use supple::app::{Action, App, Effect, Home, Launch, Settings};
use supple::core::moment::Moment;
use supple::core::pack::{Plan, Treatment};
use supple::core::routine::parse;
use supple::core::timeline::Timeline;
use support::TestHome;
use support::program::write_program;

/// What a session announced, in order: "notify TITLE|BODY", "say LINE" and
/// "hook EVENT|..." (the hook's values named in [`HOOK`]).
type Said = Vec<String>;

/// The hook's values each cue's hook line shows.
const HOOK: &str = "$SUPPLE_EVENT|$SUPPLE_ROUTINE|$SUPPLE_PHASE|$SUPPLE_APPLICATION|$SUPPLE_STEP|$SUPPLE_CUE|$SUPPLE_SECONDS";

/// A home whose `PATH` starts with stand-ins for notify-send and espeak-ng, and
/// whose step and switch hooks write what they are given: each one line per
/// call in `said.log`.
fn home() -> TestHome {
    let home = TestHome::new();
    let bin = home.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let log = home.join("said.log");
    let log = log.display();
    write_program(
        &bin.join("notify-send"),
        &format!("#!/bin/sh\nshift 2\nprintf 'notify %s|%s\\n' \"$1\" \"$2\" >> '{log}'\n"),
    );
    write_program(
        &bin.join("espeak-ng"),
        &format!("#!/bin/sh\nprintf 'say %s\\n' \"$1\" >> '{log}'\n"),
    );
    let hook = format!("printf 'hook %s\\n' \"{HOOK}\" >> '{log}'");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    home.env("PATH", path).config(&format!(
            "[player]\npain = false\n[hooks]\nswitch = [\"sh\", \"-c\", {hook:?}]\nstep = [\"sh\", \"-c\", {hook:?}]\n"
        ))
}

/// Runs the binary in line mode and returns what the stand-ins were given,
/// once `expected` lines are there (they run beside supple: the last may land a
/// moment after it exits).
fn plain(home: &TestHome, args: &[&str], expected: usize) -> Said {
    let ran = home
        .supple(args)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .run();
    assert!(ran.success(), "{}", ran.stderr);
    let log = home.join("said.log");
    for _ in 0..500 {
        if fs::read_to_string(&log).unwrap_or_default().lines().count() >= expected {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let text = fs::read_to_string(&log).unwrap_or_default();
    text.lines().map(without_time).collect()
}

/// The same announcements, from the full-screen app's effects.
fn full(effects: &[Effect], said: &mut Said) {
    for e in effects {
        match e {
            Effect::Notify { title, body } => {
                said.push(without_time(&format!("notify {title}|{body}")))
            }
            Effect::Speak(line) => said.push(format!("say {line}")),
            Effect::Hook(event) => {
                let value = |name: &str| event.get(name).unwrap_or("").to_owned();
                let values = HOOK
                    .split('|')
                    .map(|name| value(name.trim_start_matches('$')))
                    .collect::<Vec<_>>()
                    .join("|");
                said.push(format!("hook {values}"));
            }
            _ => {}
        }
    }
}

/// A line with its time of day cut ("Remove it at 14:35" becomes "Remove it
/// at"): the two runs start at different times.
fn without_time(line: &str) -> String {
    let cut = line.len().saturating_sub(5);
    let tail = line.get(cut..).unwrap_or("");
    let is_time = tail.len() == 5
        && tail.bytes().enumerate().all(|(i, b)| match i {
            2 => b == b':',
            _ => b.is_ascii_digit(),
        });
    if is_time && line[..cut].ends_with(" at ") {
        line[..cut].to_owned()
    } else {
        line.to_owned()
    }
}

/// The announcements as a sorted list: each kind keeps its order, the kinds are
/// compared apart (the stand-ins run in the background and may interleave).
fn sorted(said: &Said) -> (Vec<&String>, Vec<&String>, Vec<&String>) {
    let of = |kind: &str| said.iter().filter(|l| l.starts_with(kind)).collect();
    (of("notify "), of("say "), of("hook "))
}

fn at(ms: u64) -> Moment {
    Moment::from_origin(Duration::from_millis(ms))
}

fn app() -> App {
    let settings = Settings {
        voice: true,
        pain: false,
        ..Settings::default()
    };
    let mut app = App::new(Home::new(Vec::new(), Vec::new()), settings, Launch::Direct);
    app.set_time_zone(jiff::tz::TimeZone::UTC);
    app.set_wall(at(0), jiff::Timestamp::from_second(1_800_000_000).unwrap());
    app
}

#[test]
fn an_ice_session_announces_the_same_in_both_modes() {
    let home = home();
    let said = plain(
        &home,
        &[
            "ice", "--on", "1s", "--off", "1s", "--cycles", "2", "--plain", "--voice",
        ],
        // 3 switches (3 hooks, 3 voices, 2 notifications) and the end (1, 1).
        12,
    );
    let mut app = app();
    let plan = Plan {
        on: Duration::from_secs(1),
        off: Duration::from_secs(1),
        cycles: 2,
        ..Plan::new(Treatment::Ice)
    };
    let mut shown = Vec::new();
    full(&app.open_pack(plan, Vec::new(), at(0)), &mut shown);
    full(&app.handle(Action::Select, at(0)), &mut shown);
    for s in 1..=4 {
        full(&app.tick(at(s * 1000)), &mut shown);
    }
    let (notes, voices, hooks) = sorted(&said);
    assert_eq!(
        sorted(&shown),
        (notes.clone(), voices.clone(), hooks.clone())
    );
    // And what they say is the session's: the first application is spoken, not
    // notified; each switch after it is; the end says to take the pack off.
    assert_eq!(
        notes,
        [
            "notify Pack off|Pack off: let the skin rest. Next application at ",
            "notify Ice on|Put the ice pack on, wrapped in a thin cloth. Remove it at ",
            "notify Session complete|Take the pack off.",
        ]
    );
    assert_eq!(voices.len(), 4, "{voices:?}");
    assert_eq!(voices[3], "say Session complete. Take the pack off.");
    assert_eq!(hooks[0], "hook switch|ice|ice|1/2|||1");
}

#[test]
fn a_routine_announces_the_same_in_both_modes() {
    let src = "name = \"Short\"\nlead_in = \"1s\"\n[[exercise]]\nname = \"Knee hug\"\ncues = [\"Hug one knee\"]\nhold = \"1s\"\nsides = [\"left\", \"right\"]\n";
    let home = home().routine("short", src);
    let said = plain(
        &home,
        &["play", "short", "--plain", "--voice"],
        // 4 steps (lead-in, left, switch, right): 4 hooks, 4 voices; the end: 1, 1.
        10,
    );
    let mut app = app();
    let mut shown = Vec::new();
    full(
        &app.play(Timeline::new(parse(src).unwrap()), at(0)),
        &mut shown,
    );
    full(&app.take_started(), &mut shown);
    for s in 1..=60 {
        full(&app.tick(at(s * 500)), &mut shown);
    }
    let (notes, voices, hooks) = sorted(&said);
    assert_eq!(
        sorted(&shown),
        (notes.clone(), voices.clone(), hooks.clone())
    );
    assert_eq!(notes, ["notify supple: done|Short is finished. Well done."]);
    assert_eq!(
        voices.first().map(|s| s.as_str()),
        Some("say Get ready. Knee hug")
    );
    assert_eq!(
        voices.last().map(|s| s.as_str()),
        Some("say Routine complete. Well done.")
    );
    assert_eq!(
        hooks,
        [
            "hook step|Short|get ready||Knee hug|Get ready: Knee hug|1",
            "hook step|Short|hold||Knee hug|Hold|1",
            "hook step|Short|switch||Knee hug|Switch to the right side|5",
            "hook step|Short|hold||Knee hug|Hold|1",
        ]
    );
}
