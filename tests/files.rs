#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Hostile files and folders: a routine that is a folder, a FIFO, a symlink loop,
//! not UTF-8 or unreadable; a routines folder that cannot be read; a history log on
//! a full disk or in a read-only folder. Each gives a clear message and loses
//! nothing (the other routines still list; a session's record goes to stderr).
//!
//! Permissions mean nothing to root, so when the tests run as root the commands
//! that need them run as `nobody` through `setpriv` (util-linux).

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use supple::core::history::Record;

mod support;
use support::{Ran, TestHome};

const VALID: &str = "name = \"Fine\"\n[[exercise]]\nname = \"a\"\nhold = \"1s\"\n";

#[test]
fn odd_routine_files_are_listed_as_broken_with_a_reason_and_the_rest_still_load() {
    let home = TestHome::new();
    let r = home.join("supple/routines");
    fs::write(r.join("fine.toml"), VALID).unwrap();
    fs::create_dir(r.join("a-folder.toml")).unwrap();
    let fifo = r.join("a-pipe.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink("loop-b.toml", r.join("loop-a.toml")).unwrap();
    symlink("loop-a.toml", r.join("loop-b.toml")).unwrap();
    fs::write(r.join("latin1.toml"), b"name = \"Caf\xe9\"\n[[exercise]]\n").unwrap();
    symlink("nowhere.toml", r.join("dangling.toml")).unwrap();

    let Ran {
        output: out,
        stdout,
        stderr,
        ..
    } = home.supple(&["list"]).run();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for (name, why) in [
        ("a-folder", "is a folder, not a routine file"),
        ("a-pipe", "is not a regular file (a pipe or a device?)"),
        (
            "loop-a",
            "too many levels of symbolic links (a symlink loop?)",
        ),
        (
            "latin1",
            "is not UTF-8 text (invalid byte at line 1, byte offset 11); save it as UTF-8",
        ),
        ("dangling", "no such file or folder"),
    ] {
        let line = stdout
            .lines()
            .chain(stderr.lines())
            .find(|l| l.contains(name) && l.contains(why));
        assert!(
            line.is_some(),
            "{name}: {why:?} missing:\n{stdout}\n{stderr}"
        );
    }
    // Nothing else is lost: the good file and every bundled routine are there.
    for name in ["fine", "back-spasm-relief", "core-strength", "desk-break"] {
        assert!(stdout.contains(name), "{name} missing:\n{stdout}");
    }

    // `check` on each names the problem and fails; `play` refuses before starting.
    for file in ["a-folder.toml", "a-pipe.toml", "loop-a.toml", "latin1.toml"] {
        let path = r.join(file);
        for cmd in ["check", "play"] {
            let Ran {
                output: out,
                stdout,
                stderr,
                ..
            } = home.supple(&[cmd, path.to_str().unwrap()]).run();
            assert_eq!(out.status.code(), Some(1), "{cmd} {file}: {stdout}{stderr}");
            assert!(stderr.contains("error:"), "{cmd} {file}: {stderr}");
        }
    }
}

#[test]
fn an_unreadable_routines_folder_and_file_are_named_and_bundled_routines_still_list() {
    let home = TestHome::new();
    let r = home.join("supple/routines");
    fs::write(r.join("secret.toml"), VALID).unwrap();
    fs::set_permissions(r.join("secret.toml"), fs::Permissions::from_mode(0o000)).unwrap();
    let Ran { stdout, stderr, .. } = home.supple(&["list"]).unprivileged().run();
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("secret") && all.contains("permission denied; check the file's permissions"),
        "{all}"
    );

    fs::set_permissions(&r, fs::Permissions::from_mode(0o000)).unwrap();
    let Ran {
        output: out,
        stdout,
        stderr,
        ..
    } = home.supple(&["list"]).unprivileged().run();
    fs::set_permissions(&r, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("cannot read the routines folder")
            && stderr.contains("permission denied; check the file's permissions"),
        "{stderr}"
    );
    assert!(stdout.contains("back-spasm-relief"), "{stdout}");
}

/// Plays a one-second routine in plain mode with `data` as the data folder and
/// returns the record printed on stderr.
fn play_and_recover_the_record(home: &TestHome, data: &Path, unprivileged: bool, reason: &str) {
    let args = [
        "play",
        "tests/fixtures/valid/one-second.toml",
        "--plain",
        "--data-dir",
        data.to_str().unwrap(),
    ];
    let mut supple = home.supple(&args);
    if unprivileged {
        supple = supple.unprivileged();
    }
    let Ran {
        output: out,
        stderr,
        ..
    } = supple.run();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("could not save this session"), "{stderr}");
    assert!(stderr.contains(reason), "{reason:?} missing: {stderr}");
    assert!(
        stderr.contains("Here is its record, so that it is not lost"),
        "{stderr}"
    );
    let line = stderr.lines().last().unwrap();
    let record: Record = serde_json::from_str(line).unwrap();
    assert_eq!(record.name, "One second");
}

#[test]
fn a_full_disk_loses_no_session_and_keeps_the_log_intact() {
    let home = TestHome::new();
    let data = home.join("data/supple");
    fs::create_dir_all(&data).unwrap();
    // A device in place of the log (/dev/full fails every write, as a full disk
    // does) is refused before anything is written to it.
    symlink("/dev/full", data.join("history.jsonl")).unwrap();
    play_and_recover_the_record(&home, &data, false, "is not a regular file");

    // A real full disk: a tiny tmpfs, filled up (needs root to mount).
    let mount = home.join("tiny");
    fs::create_dir_all(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mount)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        support::skip("the real full disk: cannot mount a tmpfs here (not root?)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mount.clone());
    let data = mount.join("supple");
    fs::create_dir_all(&data).unwrap();
    // A whole page, so that one more byte needs a page the disk does not have.
    let earlier = format!("{}\n", "x".repeat(4095));
    fs::write(data.join("history.jsonl"), &earlier).unwrap();
    let mut filler = fs::File::create(mount.join("filler")).unwrap();
    while filler.write_all(&[0u8; 4096]).is_ok() {}
    drop(filler);
    play_and_recover_the_record(&home, &data, false, "the disk is full; free some space");
    let kept = fs::read_to_string(data.join("history.jsonl")).unwrap();
    assert_eq!(kept, earlier, "the log is unchanged");
}

#[test]
fn a_read_only_data_folder_loses_no_session_and_changes_nothing() {
    let home = TestHome::new();
    let data = home.join("data/supple");
    fs::create_dir_all(&data).unwrap();
    let earlier = "{\"v\":1,\"kind\":\"routine\",\"name\":\"Earlier\",\"start\":\"2026-11-20T08:00:00+00:00\",\"end\":\"2026-11-20T08:05:00+00:00\",\"active_seconds\":300,\"outcome\":\"finished\"}\n";
    fs::write(data.join("history.jsonl"), earlier).unwrap();
    fs::set_permissions(
        data.join("history.jsonl"),
        fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    play_and_recover_the_record(
        &home,
        &data,
        true,
        "permission denied; is the folder read-only?",
    );
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        fs::read_to_string(data.join("history.jsonl")).unwrap(),
        earlier
    );
}

fn mkfifo(path: &Path) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn a_fifo_or_a_device_in_place_of_any_file_is_refused_never_waited_on() {
    // The history log.
    let home = TestHome::new();
    let log = home.join("data/supple/history.jsonl");
    mkfifo(&log);
    for args in [
        &["history", "--plain"][..],
        &["history", "--json"][..],
        &["plan", "core-strength"][..],
        &[][..],
    ] {
        let Ran {
            output: out,
            stdout,
            stderr,
            ..
        } = home.supple(args).run();
        let all = format!("{stdout}{stderr}");
        if args.first() == Some(&"history") {
            assert_eq!(out.status.code(), Some(1), "{args:?}: {all}");
            assert!(
                all.contains("cannot read the history log")
                    && all.contains("is not a regular file"),
                "{args:?}: {all}"
            );
        } else {
            assert_eq!(out.status.code(), Some(0), "{args:?}: {all}");
        }
    }
    // A session still ends well: the record is printed, not lost, and the FIFO
    // is never opened for writing (which would wait for a reader).
    let Ran {
        output: out,
        stderr,
        ..
    } = home
        .supple(&["play", "tests/fixtures/valid/one-second.toml", "--plain"])
        .run();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("is not a regular file"), "{stderr}");
    assert!(stderr.contains("Here is its record"), "{stderr}");

    // A device.
    let home = TestHome::new();
    fs::create_dir_all(home.join("data/supple")).unwrap();
    symlink("/dev/zero", home.join("data/supple/history.jsonl")).unwrap();
    let Ran {
        output: out,
        stderr,
        ..
    } = home.supple(&["history", "--plain"]).run();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("is not a regular file"), "{stderr}");

    // The config file: named as the config file, and supple goes on with defaults.
    let home = TestHome::new();
    fs::remove_file(home.join("supple/config.toml")).unwrap();
    mkfifo(&home.join("supple/config.toml"));
    let Ran {
        output: out,
        stdout,
        stderr,
        ..
    } = home
        .supple(&["ice", "--plain", "--on", "1s", "--cycles", "1"])
        .run();
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains("config.toml: error: is not a regular file (a pipe or a device?), so it cannot be the config file"),
        "{stderr}"
    );
    assert!(!stderr.contains("routine file"), "{stderr}");

    // The progress-reset file.
    let home = TestHome::new();
    mkfifo(&home.join("data/supple/progress-resets.json"));
    let Ran {
        output: out,
        stderr,
        ..
    } = home
        .supple(&["plan", "core-strength", "--reset-progress"])
        .run();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("progress-reset file") && stderr.contains("is not a regular file"),
        "{stderr}"
    );
}

#[test]
fn a_fifo_or_a_bad_file_at_the_pack_state_is_set_aside_and_supple_starts() {
    let home = TestHome::new();
    // The old single state file, a FIFO; and a new-style one with absurd values.
    mkfifo(&home.join("state/supple/pack.json"));
    let packs = home.join("state/supple/packs");
    fs::create_dir_all(&packs).unwrap();
    let absurd = serde_json::json!({
        "v": 1, "mode": "ice", "on": 1200, "off": 1200, "cycles": 4294967295u32,
        "planned": [u64::MAX, u64::MAX], "index": 0,
        "started": "2026-11-30T10:00:00Z", "phase_end": "2026-11-30T10:20:00Z",
    });
    fs::write(packs.join("1-1.json"), absurd.to_string()).unwrap();
    fs::write(packs.join("2-2.json"), "{ not json").unwrap();
    fs::write(packs.join("3-3.json"), vec![b'x'; 100_000]).unwrap();
    for _ in 0..2 {
        let Ran {
            output: out,
            stdout,
            stderr,
            ..
        } = home
            .supple(&["ice", "--plain", "--on", "1s", "--cycles", "1"])
            .run();
        assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
        assert!(stdout.contains("Session complete"), "{stdout}");
    }
    // Each was said once and renamed, never deleted, never read again.
    let names: Vec<String> = fs::read_dir(&packs)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for stem in ["1-1.json", "2-2.json", "3-3.json"] {
        assert!(
            names.iter().any(|n| n.starts_with(&format!("{stem}.bad-"))),
            "{stem} not set aside: {names:?}"
        );
    }
    let old: Vec<_> = fs::read_dir(home.join("state/supple"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("pack.json.bad-"))
        .collect();
    assert_eq!(old.len(), 1, "the FIFO is set aside too");
}

#[test]
fn a_huge_damaged_log_is_counted_not_printed_line_by_line() {
    let home = TestHome::new();
    let data = home.join("data/supple");
    fs::create_dir_all(&data).unwrap();
    let good = "{\"v\":1,\"kind\":\"routine\",\"name\":\"Good\",\"start\":\"2026-11-20T08:00:00+00:00\",\"end\":\"2026-11-20T08:05:00+00:00\",\"active_seconds\":300,\"outcome\":\"finished\"}\n";
    let mut log = String::from(good);
    for _ in 0..200_000 {
        log.push_str("garbage\n");
    }
    // Absurd but well-formed records: skipped with a reason, never in a total.
    for (field, value) in [
        ("active_seconds", "18446744073709551615"),
        ("pain_after", "11"),
        ("start", "\"9999-01-01T00:00:00+00:00\""),
    ] {
        let record: serde_json::Value = serde_json::from_str(good).unwrap();
        let mut record = record.as_object().unwrap().clone();
        record.insert(field.into(), serde_json::from_str(value).unwrap());
        log.push_str(&serde_json::to_string(&record).unwrap());
        log.push('\n');
    }
    log.push_str(good);
    // A line without end, 5 MB long.
    log.push_str(&"x".repeat(5 * 1024 * 1024));
    fs::write(data.join("history.jsonl"), &log).unwrap();
    let Ran {
        output: out,
        stdout,
        stderr,
        ..
    } = home.supple(&["history", "--plain"]).run();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.starts_with("2 sessions (2 finished), 10m active."),
        "{stdout}"
    );
    assert!(stderr.lines().count() <= 6, "{stderr}");
    assert!(stderr.contains(": 199999 more lines skipped"), "{stderr}");
    let Ran { stdout, .. } = home.supple(&["history", "--json"]).run();
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["skipped_total"], 200_004);
    assert_eq!(doc["stats"]["active_seconds"], 600);
    // The absurd ones say why.
    let log = data.join("history.jsonl");
    let (records, skips) = supple::store::log::read(&log).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(skips.len(), 200_004);
}

#[test]
fn absurd_records_are_skipped_with_their_reason() {
    let ok = "{\"v\":1,\"kind\":\"ice\",\"name\":\"ice timer\",\"start\":\"2026-11-20T08:00:00+00:00\",\"end\":\"2026-11-20T09:40:00+00:00\",\"active_seconds\":6000,\"outcome\":\"finished\",\"applications_done\":3,\"applications_planned\":3}";
    let base: serde_json::Value = serde_json::from_str(ok).unwrap();
    let with = |field: &str, value: serde_json::Value| {
        let mut r = base.as_object().unwrap().clone();
        r.insert(field.into(), value);
        serde_json::to_string(&r).unwrap()
    };
    let cases = [
        (with("active_seconds", u64::MAX.into()), "active_seconds"),
        (with("pain_before", 12.into()), "0-10 scale"),
        (
            with("end", "2026-11-19T08:00:00+00:00".into()),
            "ends before it starts",
        ),
        (
            with("end", "2027-11-19T08:00:00+00:00".into()),
            "longer than a week",
        ),
        (
            with("start", "1970-01-01T00:00:00+00:00".into()),
            "outside 2000-2199",
        ),
        (with("applications_done", 40.into()), "applications"),
        (with("v", 9.into()), "newer supple"),
    ];
    let mut text = format!("{ok}\n");
    for (line, _) in &cases {
        text.push_str(line);
        text.push('\n');
    }
    let (records, skips) = supple::core::history::parse(text.as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(skips.len(), cases.len());
    for (skip, (_, why)) in skips.iter().zip(&cases) {
        assert!(skip.why.contains(why), "{why:?} not in {skip:?}");
    }
}

/// supple's own files are replaced through a temporary file created exclusively
/// under a name nobody can guess: a symlink planted where the old, predictable
/// temporary name was is never followed.
#[test]
fn a_planted_temporary_symlink_is_never_followed() {
    let dir = TestHome::new();
    let victim = dir.join("victim");
    fs::write(&victim, "keep me").unwrap();
    let state = dir.join("state.json");
    for n in 0..4 {
        let planted = dir.join(format!(".state.json.{}.{n}.tmp", std::process::id()));
        symlink(&victim, planted).unwrap();
    }
    for _ in 0..4 {
        supple::store::file::write_atomic(&state, b"{}").unwrap();
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(fs::read_to_string(&state).unwrap(), "{}");
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") && !n.contains(&std::process::id().to_string()))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A symlinked own file (reminders.toml kept in dotfiles) is written through and
/// stays a link; a FIFO or a dangling link there is refused with a message and
/// left as it is.
#[test]
fn a_symlinked_own_file_is_written_through_and_never_replaced() {
    let home = TestHome::new();
    let dotfiles = home.join("dotfiles");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::write(dotfiles.join("reminders.toml"), "").unwrap();
    let link = home.join("supple/reminders.toml");
    symlink(dotfiles.join("reminders.toml"), &link).unwrap();
    let Ran {
        output: out,
        stderr: err,
        ..
    } = home
        .supple(&[
            "remind",
            "add",
            "stretch",
            "--starts",
            "desk-break",
            "--at",
            "09:00",
            "--cron",
        ])
        .run();
    assert!(out.status.success(), "{err}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let kept = fs::read_to_string(dotfiles.join("reminders.toml")).unwrap();
    assert!(kept.contains("stretch"), "{kept}");

    let fifo = home.join("fifo.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let e = supple::store::file::write_atomic(&fifo, b"{}").unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let dangling = home.join("dangling.json");
    symlink(home.join("nowhere/x"), &dangling).unwrap();
    let e = supple::store::file::write_atomic(&dangling, b"{}").unwrap_err();
    assert!(e.to_string().contains("symbolic link to nothing"), "{e}");
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// A log that cannot be read (a FIFO, over the size limit) is an error for every
/// command that acts on it, never "nothing there": `episode` does not say "No
/// episode is open", `episode start` appends nothing, `status` and `remind fire`
/// say why.
#[test]
fn an_unreadable_log_is_an_error_never_nothing_there() {
    let home = TestHome::new();
    let log_dir = home.join("data/supple");
    fs::create_dir_all(&log_dir).unwrap();
    let log = log_dir.join("history.jsonl");
    mkfifo(&log);
    let too_big = home.join("big");
    fs::create_dir_all(too_big.join("supple")).unwrap();
    let big_log = too_big.join("supple/history.jsonl");
    let f = fs::File::create(&big_log).unwrap();
    f.set_len(1100 * 1024 * 1024).unwrap();
    drop(f);
    for (data, why) in [
        (None, "not a regular file"),
        (Some(&too_big), "more than the"),
    ] {
        for args in [
            &["episode"][..],
            &["episode", "start"],
            &["episode", "end"],
            &["status"],
        ] {
            let mut supple = home.supple(args);
            if let Some(d) = data {
                supple = supple.env("XDG_DATA_HOME", d);
            }
            let Ran {
                output: out,
                stdout,
                stderr,
                ..
            } = supple.run();
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stdout}");
            assert!(stderr.contains("history log"), "{args:?}: {stderr}");
            assert!(stderr.contains(why), "{args:?}: {stderr}");
            assert!(!stdout.contains("No episode is open"), "{args:?}: {stdout}");
        }
    }
    // A routine whose reps progress (played or planned) says so, never taking the
    // log for "no sessions yet" in silence.
    let Ran { stdout, stderr, .. } = home.supple(&["plan", "core-strength"]).run();
    assert!(
        stderr.contains("this time the reps are the routine's own"),
        "{stderr}"
    );
    assert!(stdout.contains("Core strength"), "{stdout}");
    assert!(fs::symlink_metadata(&log).unwrap().file_type().is_fifo());
    assert_eq!(fs::metadata(&big_log).unwrap().len(), 1100 * 1024 * 1024);
}

/// Two `episode start` at once: the open episode is checked again under a lock,
/// so one starts it and the other says one is open.
#[test]
fn two_episode_starts_at_once_make_one_episode() {
    let home = TestHome::new();
    for round in 0..3 {
        let _ = fs::remove_dir_all(home.join("data"));
        let children: Vec<_> = (0..2)
            .map(|_| {
                home.supple(&["episode", "start"])
                    .command()
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let codes: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap().status.code())
            .collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(sorted, [Some(0), Some(1)], "round {round}: {codes:?}");
        let text = fs::read_to_string(home.join("data/supple/history.jsonl")).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
    }
}

/// `status` and `remind fire` read a bounded end of the log: a damaged line over
/// the line limit does not hide the open episode before it, and a 1 GB log of
/// nothing but damage is read in bounded memory and time.
#[test]
fn the_tail_of_the_log_passes_over_long_damaged_lines() {
    let home = TestHome::new();
    let Ran {
        output: out,
        stderr: err,
        ..
    } = home.supple(&["episode", "start", "--ago", "2h"]).run();
    assert!(out.status.success(), "{err}");
    let log = home.join("data/supple/history.jsonl");
    let mut f = fs::OpenOptions::new().append(true).open(&log).unwrap();
    f.write_all(&vec![b'x'; 3 * 1024 * 1024]).unwrap();
    f.write_all(b"\n").unwrap();
    drop(f);
    let Ran {
        output: out,
        stdout,
        stderr: err,
        ..
    } = home.supple(&["status"]).run();
    assert!(out.status.success(), "{stdout}{err}");
    assert!(stdout.starts_with("Today "), "{stdout}");

    // 1000 MB of zeros (sparse): status answers within its limits.
    let big = TestHome::new();
    fs::create_dir_all(big.join("data/supple")).unwrap();
    let f = fs::File::create(big.join("data/supple/history.jsonl")).unwrap();
    f.set_len(1000 * 1024 * 1024).unwrap();
    drop(f);
    for args in [&["status"][..], &["history", "--json"]] {
        let supple = big
            .supple(args)
            .through(&["sh", "-c", "ulimit -v 400000; exec \"$@\"", "sh"]);
        let started = Instant::now();
        let Ran {
            output: out,
            stdout,
            stderr: err,
            ..
        } = supple.run();
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {:?} {stdout}{err}",
            out.status
        );
        if args == ["status"] {
            assert!(started.elapsed() < Duration::from_secs(2), "{args:?}");
        }
    }
}

/// `status` only reads: a damaged state file and a cut-off one keep their names
/// and their locks.
#[test]
fn status_only_reads() {
    let home = TestHome::new();
    let packs = home.join("state/supple/packs");
    fs::create_dir_all(&packs).unwrap();
    fs::write(packs.join("1-1.json"), "damaged").unwrap();
    fs::write(packs.join("1-1.lock"), "").unwrap();
    let before: Vec<_> = {
        let mut v: Vec<_> = fs::read_dir(&packs)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let Ran { output: out, .. } = home.supple(&["status"]).run();
    assert_eq!(out.status.code(), Some(1));
    let mut after: Vec<_> = fs::read_dir(&packs)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    after.sort();
    assert_eq!(before, after);
}

/// `history --json` writes the records as it reads them: on a log of 150,000
/// sessions (about 25 MB) it runs under a 160 MB memory limit (the whole log held
/// as a tree of JSON values took about 400 MB; the binary alone maps 66 MB).
#[test]
fn history_json_streams_the_log() {
    let home = TestHome::new();
    let data = home.join("data/supple");
    fs::create_dir_all(&data).unwrap();
    let mut log = String::with_capacity(70 * 1024 * 1024);
    for i in 0..150_000u32 {
        let day = 1 + i % 28;
        let _ = writeln!(
            log,
            "{{\"v\":1,\"kind\":\"routine\",\"name\":\"Routine {}\",\"routine\":\"r{}\",\"start\":\"2026-11-{day:02}T08:00:00+00:00\",\"end\":\"2026-11-{day:02}T08:05:00+00:00\",\"active_seconds\":300,\"outcome\":\"finished\"}}",
            i % 7,
            i % 7
        );
    }
    fs::write(data.join("history.jsonl"), &log).unwrap();
    drop(log);
    let mut c = home
        .supple(&["history", "--json"])
        .through(&[
            "sh",
            "-c",
            "ulimit -v 160000; \"$@\" > out.json; echo $? > status",
            "sh",
        ])
        .command();
    c.current_dir(&home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Not `run`: a big log takes its time on a busy machine, and a regular file
    // never blocks.
    let out = c.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let status = fs::read_to_string(home.join("status")).unwrap();
    assert_eq!(status.trim(), "0", "{err}");
    let json = fs::read_to_string(home.join("out.json")).unwrap();
    let records = json.matches("\"kind\":\"routine\"").count();
    assert_eq!(records, 150_000);
    assert!(
        json.contains("\"sessions\":150000"),
        "{}",
        &json[json.len() - 300..]
    );
}

/// An episode started on the full screen takes the episode lock and looks at the
/// log again, as `supple episode start` does: a start made meanwhile in another
/// terminal wins, and a lock held by another supple is never waited for.
#[test]
fn a_start_from_the_full_screen_never_makes_a_second_open_episode() {
    use supple::core::episode::{Answers, EpisodeRecord};
    use supple::store::log::{append_episode, append_episode_start, lock_episodes};
    let home = TestHome::new();
    let data = home.join("data/supple");
    fs::create_dir_all(&data).unwrap();
    let start =
        |at: &str| EpisodeRecord::start(at, "2026-12-01T08:00:00Z", None, Answers::not_asked());
    // None open: recorded.
    assert!(append_episode_start(&data, &start("2026-12-01T09:00:00Z")).is_ok());
    // One open now (this one): a second is refused, and says why.
    let refused = append_episode_start(&data, &start("2026-12-01T10:00:00Z")).unwrap_err();
    assert!(
        refused.error.to_string().contains("another terminal"),
        "{}",
        refused.error
    );
    // Ended, but another supple holds the lock: refused at once, not waited for.
    append_episode(&data, &EpisodeRecord::end("2026-12-01T11:00:00Z")).unwrap();
    let held = lock_episodes(&data).unwrap();
    let busy = append_episode_start(&data, &start("2026-12-01T12:00:00Z")).unwrap_err();
    assert!(
        busy.error.to_string().contains("just now"),
        "{}",
        busy.error
    );
    drop(held);
    assert!(append_episode_start(&data, &start("2026-12-01T12:00:00Z")).is_ok());
    let log = fs::read_to_string(data.join("history.jsonl")).unwrap();
    assert_eq!(log.matches("\"event\":\"start\"").count(), 2, "{log}");
}
