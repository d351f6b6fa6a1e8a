#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary in a real pseudo-terminal: keys in, screen read back with a
//! terminal emulator (vt100), and the terminal's state checked after every way out.
//! Tests wait for text on screen; a fixed sleep is never the only wait.

use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

mod support;
use support::{TestHome, program, stream};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rustix::termios::{LocalModes, tcgetattr};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

const WAIT: Duration = Duration::from_secs(15);

struct Pty {
    /// Shared with the reader thread, which drops it (and its own copy of the
    /// master's descriptor) on `hang_up`, so the terminal really closes.
    master: Arc<Mutex<Option<Box<dyn MasterPty + Send>>>>,
    hang_up: Arc<AtomicBool>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte supple wrote to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    /// The test's folders (XDG config, data and state live under it).
    home: PathBuf,
}

impl Pty {
    fn spawn(home: &TestHome, args: &[&str]) -> Pty {
        Pty::spawn_with(home, args, &[])
    }

    /// Spawns with `programs` (name, script) first on its `PATH`; `--ask-pain` among
    /// `args` removes the config that turns the pain question off.
    fn spawn_with(home: &TestHome, args: &[&str], programs: &[(&str, &str)]) -> Pty {
        fs::create_dir_all(home.join("bin")).unwrap();
        for (name, script) in programs {
            program::write_program(&home.join("bin").join(name), script);
        }
        if args.contains(&"--ask-pain") {
            let _ = fs::remove_file(home.config_file());
        }
        let args: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| *a != "--ask-pain")
            .collect();
        let mut supple = home.supple(&args).env("TERM", "xterm-256color");
        if !programs.is_empty() {
            let path = std::env::var("PATH").unwrap_or_default();
            supple = supple.env("PATH", format!("{}:{path}", home.join("bin").display()));
        }
        let command = supple.command();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(command.get_program());
        cmd.args(command.get_args());
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            }
        }
        if let Some(dir) = command.get_current_dir() {
            cmd.cwd(dir);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(30), nz(100), 0)));
        let reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let master = Arc::new(Mutex::new(Some(pair.master)));
        let hang_up = Arc::new(AtomicBool::new(false));
        let feed = Arc::clone(&screen);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&raw);
        let (held, hang) = (Arc::clone(&master), Arc::clone(&hang_up));
        thread::spawn(move || {
            let mut reader = Some(reader);
            let mut buf = [0u8; 4096];
            while let Some(r) = reader.as_mut() {
                match r.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        feed.lock().unwrap().process(&buf[..n]);
                        keep.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                    _ => break,
                }
                if hang.load(Ordering::SeqCst) {
                    reader = None;
                    held.lock().unwrap().take();
                }
            }
        });
        Pty {
            master,
            hang_up,
            writer: Some(writer),
            child,
            screen,
            raw,
            home: home.to_path_buf(),
        }
    }

    /// The sessions in this test's history log.
    fn history(&self) -> Vec<supple::core::history::Record> {
        let log = self.home.join("data/supple/history.jsonl");
        let (records, skipped) = supple::store::log::read(&log).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        records
    }

    /// The one session in the log was stopped early, in `routine`.
    fn assert_logged_as_stopped(&self, routine: &str) {
        let records = self.history();
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].outcome, supple::core::history::Outcome::Stopped);
        assert_eq!(records[0].routine.as_deref(), Some(routine));
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.contents().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} never appeared; the screen:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Closes every descriptor of the master side, as closing a terminal window
    /// does (the kernel hangs the terminal up), and waits for supple to exit.
    /// Returns how long it took to exit.
    fn close_terminal(&mut self) -> Duration {
        self.writer = None;
        self.hang_up.store(true, Ordering::SeqCst);
        let start = Instant::now();
        let deadline = start + Duration::from_secs(5);
        while self.child.try_wait().unwrap().is_none() {
            assert!(
                Instant::now() < deadline,
                "supple {} still running after the terminal closed",
                self.pid()
            );
            thread::sleep(Duration::from_millis(5));
        }
        start.elapsed()
    }

    fn wait_for_gone(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while self.contents().contains(text) {
            assert!(Instant::now() < deadline, "{text:?} stayed on screen");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().unwrap();
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    fn resize(&self, rows: u16, cols: u16) {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master
            .lock()
            .unwrap()
            .as_ref()
            .unwrap()
            .resize(size)
            .unwrap();
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }

    /// Waits for the process to end and returns its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "supple did not exit:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn pid(&self) -> String {
        self.child.process_id().unwrap().to_string()
    }

    fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill")
            .args([sig, &self.pid()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    /// The terminal is as the shell left it: main screen, cursor shown, cooked mode.
    fn assert_restored(&self) {
        // Give the reader thread a moment to pass on the last bytes.
        let deadline = Instant::now() + WAIT;
        loop {
            let (alt, hidden) = {
                let parser = self.screen.lock().unwrap();
                (
                    parser.screen().alternate_screen(),
                    parser.screen().hide_cursor(),
                )
            };
            if !alt && !hidden {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "alternate screen {alt}, cursor hidden {hidden}"
            );
            thread::sleep(Duration::from_millis(20));
        }
        let tty = self
            .master
            .lock()
            .unwrap()
            .as_ref()
            .unwrap()
            .tty_name()
            .expect("a pty name");
        let slave = OpenOptions::new().read(true).write(true).open(tty).unwrap();
        let modes = tcgetattr(&slave).unwrap().local_modes;
        assert!(
            modes.contains(LocalModes::ICANON),
            "still in raw mode: {modes:?}"
        );
        assert!(
            modes.contains(LocalModes::ECHO),
            "echo still off: {modes:?}"
        );
    }
}

#[test]
fn play_pause_skip_and_quit() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "tests/fixtures/valid/quick.toml"]);
    pty.wait_for("GET READY");
    pty.wait_for("Get ready: Breathing");
    {
        let parser = pty.screen.lock().unwrap();
        assert!(parser.screen().alternate_screen());
        assert!(parser.screen().hide_cursor());
    }
    pty.send(" ");
    pty.wait_for("PAUSED");
    pty.wait_for("Paused. Space to go on.");
    pty.send(" ");
    pty.wait_for("Breathing");
    pty.send("n");
    pty.send("n");
    pty.wait_for("Side hold");
    pty.send("q");
    pty.wait_for("Stop this routine?");
    pty.send("y");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
    pty.assert_logged_as_stopped("quick");
}

/// A sound player that never exits (it keeps a child of its own too): the keys
/// still work, and supple exits within two seconds of `q`.
#[test]
fn a_player_that_never_exits_holds_up_neither_keys_nor_exit() {
    let home = TestHome::new();
    let hang = "#!/bin/sh\nsleep 600 &\nexec sleep 600\n";
    let mut pty = Pty::spawn_with(
        &home,
        &["play", "tests/fixtures/valid/quick.toml"],
        &[
            ("pw-play", hang),
            ("paplay", hang),
            ("aplay", hang),
            ("afplay", hang),
        ],
    );
    pty.wait_for("Get ready: Breathing");
    pty.send("n");
    pty.send("n");
    pty.wait_for("Side hold");
    pty.send("q");
    pty.wait_for("Stop this routine?");
    pty.send("y");
    let asked = Instant::now();
    let deadline = asked + Duration::from_secs(2);
    while pty.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "still running 2 s after q");
        thread::sleep(Duration::from_millis(20));
    }
    pty.assert_restored();
    pty.assert_logged_as_stopped("quick");
}

#[test]
fn a_routine_plays_to_its_finished_screen() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(
        &home,
        &["play", "tests/fixtures/valid/quick.toml", "--quiet"],
    );
    pty.wait_for("Switch to the right side");
    pty.wait_for("DONE");
    pty.wait_for("Quick test finished");
    pty.wait_for("Exercises completed: 2 of 2");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn ctrl_c_quits_at_once_with_130() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
    pty.assert_logged_as_stopped("back-spasm-relief");
}

#[test]
fn sigterm_restores_the_terminal_and_logs_the_session() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    pty.signal("-TERM");
    assert_eq!(pty.exit_code(), 143);
    pty.assert_restored();
    pty.assert_logged_as_stopped("back-spasm-relief");
}

#[test]
fn sigint_restores_the_terminal_and_logs_the_session() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    pty.signal("-INT");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
    pty.assert_logged_as_stopped("back-spasm-relief");
}

#[test]
fn sigtstp_suspends_and_sigcont_comes_back_paused() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    pty.signal("-TSTP");
    // Suspended: the terminal is given back (main screen, cursor shown).
    let deadline = Instant::now() + WAIT;
    while pty.screen.lock().unwrap().screen().alternate_screen() {
        assert!(
            Instant::now() < deadline,
            "the alternate screen was not left"
        );
        thread::sleep(Duration::from_millis(20));
    }
    // The terminal is given back just before the process stops itself: wait for it.
    let state = || {
        let stat = fs::read_to_string(format!("/proc/{}/stat", pty.pid())).unwrap();
        let after = stat.rsplit(')').next().unwrap_or_default().to_owned();
        after
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    let deadline = Instant::now() + WAIT;
    while state() != "T" {
        assert!(
            Instant::now() < deadline,
            "the process never stopped: {}",
            state()
        );
        thread::sleep(Duration::from_millis(20));
    }
    pty.signal("-CONT");
    pty.wait_for("PAUSED");
    assert!(pty.screen.lock().unwrap().screen().alternate_screen());
    pty.send(" ");
    pty.wait_for("GET READY");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
    pty.assert_logged_as_stopped("back-spasm-relief");
}

#[test]
fn a_closed_terminal_ends_the_process_and_logs_the_session() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    let took = pty.close_terminal();
    // The issue's bound. A hang-up is seen by poll(2) at once, so a run near it
    // means the process spun or blocked: far from noise on any machine.
    assert!(
        took < Duration::from_secs(1),
        "took {took:?} to exit after the hang-up"
    );
    pty.assert_logged_as_stopped("back-spasm-relief");
}

#[test]
fn the_home_screen_starts_a_routine_and_goes_back() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &[]);
    pty.wait_for("Routines and timers");
    pty.wait_for("back-spasm-relief");
    pty.send("/desk");
    pty.wait_for("1 of 8 match");
    pty.send("\r");
    pty.send("\r");
    pty.wait_for("Get ready: Shoulder rolls");
    pty.send("q");
    pty.wait_for("Stop this routine?");
    pty.send("y");
    // Back on the list, still filtered.
    pty.wait_for("1 of 8 match");
    pty.send("?");
    pty.wait_for("Back pain with any of these is an emergency.");
    pty.send("\u{1b}");
    pty.wait_for_gone("is an emergency");
    // q first clears the filter, then quits.
    pty.send("q");
    pty.wait_for("Routines and timers");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn resizing_redraws_and_too_small_says_so() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    pty.resize(8, 30);
    pty.wait_for("Make the terminal larger");
    pty.resize(24, 80);
    // Nobody could read the steps meanwhile: the routine waited, and says so.
    pty.wait_for("Paused while the window was too small");
    pty.send(" ");
    pty.wait_for("GET READY");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
}

#[test]
fn an_ice_session_runs_its_phases_in_order_and_its_card_stays_until_q() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(
        &home,
        &[
            "ice", "--on", "2s", "--off", "1s", "--cycles", "2", "--quiet",
        ],
    );
    pty.wait_for("Before you start");
    pty.wait_for("999");
    pty.send("\r");
    pty.wait_for("ICE ON");
    pty.wait_for("Cycle 1/2");
    pty.wait_for("OFF - skin rest");
    pty.wait_for("Cycle 2/2");
    pty.wait_for("DONE");
    pty.wait_for("Ice session complete");
    // The card stays until a key; q leaves and says how it went on the normal screen.
    thread::sleep(Duration::from_millis(1_500));
    assert!(
        pty.child.try_wait().unwrap().is_none(),
        "the card left without a key:\n{}",
        pty.contents()
    );
    assert!(pty.contents().contains("Ice session complete"));
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
    pty.wait_for("ice session complete");
}

#[test]
fn a_stopped_process_shows_the_right_phase_when_continued() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(
        &home,
        &[
            "heat", "--on", "4s", "--off", "4s", "--cycles", "3", "--quiet",
        ],
    );
    pty.wait_for("Before you start");
    pty.send("\r");
    pty.wait_for("HEAT ON");
    pty.wait_for("Cycle 1/3");
    // Stopped for longer than a phase: 0-4 s on, 4-8 s off, 8-12 s on again.
    pty.signal("-STOP");
    thread::sleep(Duration::from_millis(9_000));
    pty.signal("-CONT");
    pty.wait_for("Cycle 2/3");
    pty.wait_for("HEAT ON");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
}

#[test]
fn the_player_asks_for_pain_and_a_rise_brings_the_calm_panel() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(
        &home,
        &[
            "play",
            "tests/fixtures/valid/one-second.toml",
            "--quiet",
            "--ask-pain",
        ],
    );
    pty.wait_for("Pain now, 0-10?");
    pty.wait_for("Before you start");
    pty.send("3");
    pty.wait_for("Done: how is it now?");
    pty.send("t");
    pty.wait_for("Your pain went up. Ease off the exercises for today.");
    pty.wait_for("Back pain with any of these is an emergency.");
    pty.send("\u{1b}");
    pty.wait_for_gone("Your pain went up");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    let log = home.join("data/supple/history.jsonl");
    let (records, _) = supple::store::log::read(&log).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].pain_before, records[0].pain_after),
        (Some(3), Some(10))
    );
}

#[test]
fn an_ice_session_cut_off_by_a_closed_terminal_can_be_resumed() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(
        &home,
        &[
            "ice", "--on", "30s", "--off", "30s", "--cycles", "2", "--quiet",
        ],
    );
    pty.wait_for("Before you start");
    pty.send("\r");
    pty.wait_for("ICE ON");
    let state = wait_for_state(&home);
    pty.close_terminal();
    // Not over: the state stays for the next start, and nothing is logged yet.
    assert!(state.exists());
    assert!(!home.join("data/supple/history.jsonl").exists());
}

#[test]
fn the_home_screen_offers_a_cut_off_session_first() {
    let home = TestHome::new();
    // Cut one off...
    let mut pty = Pty::spawn(
        &home,
        &[
            "heat", "--on", "40s", "--off", "40s", "--cycles", "2", "--quiet",
        ],
    );
    pty.wait_for("Before you start");
    pty.send("\r");
    pty.wait_for("HEAT ON");
    let state = wait_for_state(&home);
    pty.close_terminal();
    // ...then open supple with the same folders: it asks, and resumes.
    let mut pty = Pty::spawn(&home, &[]);
    pty.wait_for("was cut off when its terminal closed");
    pty.send("y\r");
    pty.wait_for("HEAT ON");
    pty.wait_for("Cycle 1/2");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    assert!(
        !state.exists(),
        "stopped with Ctrl-C: the state goes, the session is logged"
    );
    let (records, _) = supple::store::log::read(&home.join("data/supple/history.jsonl")).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].kind, supple::core::history::SessionKind::Heat);
}

/// A session that ran out while its terminal was closed is not offered for
/// resuming: it is logged at its true times (never at the moment supple looked,
/// never in 2019), and a resumed one that ends on screen is logged at its true
/// start.
#[test]
fn a_session_that_ran_out_while_cut_off_is_logged_at_its_true_times() {
    let home = TestHome::new();
    let args = [
        "ice", "--on", "2s", "--off", "1s", "--cycles", "1", "--quiet",
    ];
    let mut pty = Pty::spawn(&home, &args);
    pty.wait_for("Before you start");
    pty.send("\r");
    pty.wait_for("ICE ON");
    let started = jiff::Timestamp::now();
    let ends = Instant::now() + Duration::from_secs(3);
    wait_for_state(&home);
    pty.close_terminal();
    // Until the session's 3 s (2 on, 1 off) have run out, and a little more.
    thread::sleep(ends.saturating_duration_since(Instant::now()) + Duration::from_millis(500));
    let mut pty = Pty::spawn(&home, &args);
    pty.wait_for("Before you start");
    assert!(!pty.contents().contains("Resume it"), "{}", pty.contents());
    pty.send("q");
    pty.exit_code();
    let records = pty.history();
    assert_eq!(records.len(), 1, "{records:?}");
    let r = &records[0];
    assert_eq!(r.outcome, supple::core::history::Outcome::Finished);
    let start: jiff::Timestamp = r.start.parse().unwrap();
    let end: jiff::Timestamp = r.end.parse().unwrap();
    assert!(
        start.duration_since(started).as_secs().abs() <= 2,
        "started {started}, logged {start}"
    );
    let took = end.duration_since(start).as_secs();
    assert!((1..=3).contains(&took), "{} to {}", r.start, r.end);

    // Resumed while it runs, it ends on screen: logged at its true start.
    let args = [
        "ice", "--on", "3s", "--off", "1s", "--cycles", "1", "--quiet",
    ];
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &args);
    pty.wait_for("Before you start");
    pty.send("\r");
    pty.wait_for("ICE ON");
    let started = jiff::Timestamp::now();
    wait_for_state(&home);
    pty.close_terminal();
    let mut pty = Pty::spawn(&home, &args);
    pty.wait_for("Resume it");
    pty.send("y\r");
    // The finished card stays until a key.
    pty.wait_for("DONE");
    pty.send("q");
    pty.exit_code();
    let records = pty.history();
    assert_eq!(records.len(), 1, "{records:?}");
    let start: jiff::Timestamp = records[0].start.parse().unwrap();
    assert!(
        start.duration_since(started).as_secs().abs() <= 2,
        "started {started}, logged {start}"
    );
}

/// With an ice session running in one terminal, starting one from the home
/// screen in another says so on the start screen and asks; once that session is
/// over, the note is gone (it is looked at again, not remembered from the start).
#[test]
fn the_home_screen_says_a_pack_runs_elsewhere_before_starting_a_second() {
    let home = TestHome::new();
    let mut a = Pty::spawn(&home, &["ice", "--on", "5m", "--quiet"]);
    a.wait_for("Before you start");
    a.send("\r");
    a.wait_for("ICE ON");
    wait_for_state(&home);
    let mut b = Pty::spawn(&home, &[]);
    b.wait_for("running in another terminal");
    // The last item is contrast; ice is two above it.
    b.send("G");
    b.send("k");
    b.send("k");
    b.send("\r");
    b.wait_for("Before you start");
    b.wait_for("is running in another terminal");
    b.wait_for("second pack");
    b.send("q");
    b.wait_for_gone("Before you start");
    // A's session ends.
    a.send("q");
    a.wait_for("Stop");
    a.send("y");
    a.exit_code();
    b.send("\r");
    b.wait_for("Before you start");
    assert!(!b.contents().contains("second pack"), "{}", b.contents());
    assert!(
        !b.contents().contains("another terminal"),
        "{}",
        b.contents()
    );
    b.send("\u{3}");
    b.exit_code();
}

/// The state file of the one ice/heat session running in `home`, once it exists.
fn wait_for_state(home: &Path) -> PathBuf {
    let deadline = Instant::now() + WAIT;
    loop {
        let found = fs::read_dir(home.join("state/supple/packs"))
            .ok()
            .and_then(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .find(|p| p.extension().is_some_and(|x| x == "json"))
            });
        if let Some(path) = found {
            return path;
        }
        assert!(Instant::now() < deadline, "no state file appeared");
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_byte_written_is_a_known_sequence_or_visible_text_titles_included() {
    let home = TestHome::new();
    // A routine whose file name carries an escape sequence and a bidi override.
    let file = home.join("quick \u{1b}]0;pwned\u{7} \u{202e}x.toml");
    fs::copy("tests/fixtures/valid/quick.toml", &file).unwrap();
    let mut pty = Pty::spawn(&home, &["play", file.to_str().unwrap(), "--quiet"]);
    pty.wait_for("Get ready: Breathing");
    pty.send(" ");
    pty.wait_for("PAUSED");
    pty.send("?");
    pty.wait_for("Stop an exercise if it makes your pain worse");
    pty.send("q");
    pty.send("q");
    pty.wait_for("Stop this routine?");
    pty.send("y");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
    let raw = pty.raw.lock().unwrap().clone();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\u{1b}]0;supple: "),
        "no window title was set"
    );
    stream::assert_clean(&raw, "supple play");
}

/// CPU time (user + system) the process has used so far.
fn cpu_time(pid: &str) -> Duration {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    Duration::from_millis(ticks * 10)
}

impl Pty {
    /// Writes `bytes` from another thread (the terminal's input buffer holds only a
    /// few KB, so the write blocks until supple reads) and waits at most `WAIT`.
    fn paste_raw(&mut self, bytes: Vec<u8>) {
        let mut writer = self.writer.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        thread::spawn(move || {
            writer.write_all(&bytes).unwrap();
            writer.flush().unwrap();
            let _ = tx.send(writer);
        });
        let writer = rx
            .recv_timeout(WAIT)
            .expect("supple stopped reading its input during a paste");
        self.writer = Some(writer);
    }

    /// Asserts that, over two seconds, the process uses little CPU.
    fn assert_idle(&self) {
        let pid = self.pid();
        let before = cpu_time(&pid);
        thread::sleep(Duration::from_secs(2));
        let used = cpu_time(&pid) - before;
        assert!(
            used < Duration::from_millis(200),
            "supple used {used:?} of CPU in 2 s after a paste"
        );
    }
}

#[test]
fn a_key_right_after_a_resize_acts_at_once() {
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    pty.resize(30, 120);
    thread::sleep(Duration::from_millis(100));
    // One n, and nothing after it: it must skip the lead-in by itself.
    pty.send("n");
    pty.wait_for_gone("GET READY");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);

    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["ice", "--quiet"]);
    pty.wait_for("Before you start");
    pty.send("\r");
    pty.wait_for("ICE ON");
    pty.resize(24, 80);
    thread::sleep(Duration::from_millis(100));
    pty.send("n");
    pty.wait_for("OFF - skin rest");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
}

#[test]
fn a_64_kb_paste_neither_spins_nor_stops_the_keys() {
    let home = TestHome::new();
    let paste = vec![b'x'; 64 * 1024];
    // Typed as keys (as tmux send-keys does), during a routine.
    let mut pty = Pty::spawn(&home, &["play", "back-spasm-relief"]);
    pty.wait_for("GET READY");
    pty.paste_raw(paste.clone());
    pty.assert_idle();
    pty.send("n");
    pty.wait_for_gone("GET READY");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
    pty.assert_logged_as_stopped("back-spasm-relief");

    // As a bracketed paste with an n and a q inside, during an ice session: ignored.
    let home = TestHome::new();
    let mut pty = Pty::spawn(&home, &["ice", "--quiet"]);
    pty.wait_for("Before you start");
    pty.send("\r");
    pty.wait_for("ICE ON");
    let mut bracketed = b"\x1b[200~".to_vec();
    bracketed.extend(b"n q y ".repeat(10 * 1024));
    bracketed.extend(b"\x1b[201~");
    pty.paste_raw(bracketed);
    pty.assert_idle();
    assert!(pty.contents().contains("ICE ON"), "{}", pty.contents());
    pty.paste_raw(paste);
    pty.assert_idle();
    pty.send("n");
    pty.wait_for("OFF - skin rest");
    pty.send("\u{3}");
    assert_eq!(pty.exit_code(), 130);
    pty.assert_restored();
}

#[test]
fn an_item_played_from_today_is_ticked_off() {
    // Played a few seconds before Today counts it: at midday, on the same day.
    let home = TestHome::new().at_local_hour(12);
    fs::create_dir_all(home.join("supple/plans")).unwrap();
    fs::write(
        home.join("supple/routines/quick.toml"),
        "name = \"Quick\"\nlead_in = \"1s\"\n[[exercise]]\nname = \"Hold\"\ncues = [\"Hold still\"]\nhold = \"2s\"\n",
    )
    .unwrap();
    fs::write(
        home.join("supple/plans/quick.toml"),
        "name = \"Quick plan\"\n[[stage]]\nname = \"All of it\"\nfrom = \"0h\"\nitems = [ { routine = \"quick\", per_day = 2 }, { walk = \"5m\", per_day = 1 } ]\n",
    )
    .unwrap();
    // The episode starts from the command line with nobody to answer: the red-flag
    // questions are recorded as not asked. It began yesterday: on the onset day
    // Today asks only what fits the waking hours left, which would depend on the
    // hour the test runs.
    let started = home.run(&["episode", "start", "--plan", "quick", "--ago", "30h"]);
    assert!(started.success(), "{}", started.stderr);
    // The next supple in a terminal asks them first, before Today.
    let mut pty = Pty::spawn(&home, &["today"]);
    pty.wait_for("First, the questions about signs that need a doctor");
    pty.wait_for("Question 1 of 17: signs of an emergency");
    for n in 2..=17 {
        pty.send("\r");
        pty.wait_for(&format!("Question {n} of 17"));
    }
    pty.send("\r");
    pty.wait_for("Your answers are recorded");
    // All no: the day's pain is asked next, and keys are let settle for a second
    // first, so that an Enter pressed twice does not skip it unseen.
    pty.wait_for("Your average pain over the last 24 hours");
    thread::sleep(supple::app::PAIN_SETTLE + Duration::from_millis(300));
    pty.send("\r");
    pty.wait_for_gone("Your average pain over the last 24 hours");
    // Skipped with nothing after it: the next Enter starts Today's step at once.
    pty.wait_for("Quick    0 of 2 today");
    pty.send("\r");
    pty.wait_for("DONE");
    pty.send("h");
    pty.wait_for("Quick    1 of 2 today");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    pty.assert_restored();
    let records = pty.history();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].routine.as_deref(), Some("quick"));
}
