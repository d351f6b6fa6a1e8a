#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `supple remind`: the unit files it writes (snapshots, and systemd-analyze where
//! it is installed), what it asks systemctl, and what `remind fire` says, with
//! stand-in `systemctl` and `notify-send` programs that record their arguments.

use std::fs;
use std::ops::Deref;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod support;
use support::program::write_program;
use support::{BIN, TestHome, skip};

/// A TestHome (with no config file: supple's defaults) whose `PATH` starts with a
/// folder of stand-in programs.
struct Home {
    home: TestHome,
    bin: PathBuf,
}

impl Deref for Home {
    type Target = TestHome;

    fn deref(&self) -> &TestHome {
        &self.home
    }
}

impl Home {
    /// A fresh home with stand-in programs: `systemctl` (exits `systemctl_exit`)
    /// and `notify-send`, each appending its arguments to `<name>.log`.
    fn new(systemctl_exit: i32) -> Home {
        let home = TestHome::new().without_config();
        let bin = home.join("bin");
        fs::create_dir_all(&bin).unwrap();
        for (name, exit) in [("systemctl", systemctl_exit), ("notify-send", 0)] {
            let log = home.join(format!("{name}.log"));
            let script = format!(
                "#!/bin/sh\necho \"$*\" >> '{}'\nexit {exit}\n",
                log.display()
            );
            write_program(&bin.join(name), &script);
        }
        let home = Home {
            home: home.env("PATH", format!("{}:/usr/bin:/bin", bin.display())),
            bin,
        };
        // Someone is at the computer, as far as the session's signals go (a test
        // of presence puts its own in place).
        presence_stand_in(&home, false, false, false);
        home
    }

    /// `supple` in this home, to be given its arguments and spawned.
    fn supple(&self) -> Command {
        self.home.supple(&[] as &[&str]).command()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.home.run(args).output
    }

    fn log(&self, program: &str) -> String {
        fs::read_to_string(self.join(format!("{program}.log"))).unwrap_or_default()
    }

    fn units(&self) -> PathBuf {
        self.join("systemd/user")
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// `supple remind add desk-break --every 45m --between 09:00-17:30 --days mon-fri`,
/// and `extra`.
fn desk_break_with(home: &Home, extra: &[&str]) -> Output {
    let mut args = vec![
        "remind",
        "add",
        "desk-break",
        "--every",
        "45m",
        "--between",
        "09:00-17:30",
        "--days",
        "mon-fri",
    ];
    args.extend_from_slice(extra);
    home.run(&args)
}

fn desk_break(home: &Home) -> Output {
    desk_break_with(home, &[])
}

#[test]
fn add_writes_a_timer_and_service_and_turns_the_timer_on() {
    let home = Home::new(0);
    let said = ok(&desk_break(&home));
    assert!(
        said.contains("Reminder desk-break added: Desk break, every 45m, 09:00-17:30, Mon-Fri"),
        "{said}"
    );
    assert!(said.contains("The timer is on"), "{said}");
    assert_eq!(
        home.log("systemctl"),
        "--user daemon-reload\n--user enable --now supple-remind-desk-break.timer\n"
    );
    let timer = fs::read_to_string(home.units().join("supple-remind-desk-break.timer")).unwrap();
    let service =
        fs::read_to_string(home.units().join("supple-remind-desk-break.service")).unwrap();
    insta::assert_snapshot!("desk_break_timer", timer);
    // The service names this binary by its full path, which differs by machine.
    let exe = fs::canonicalize(BIN).unwrap();
    insta::assert_snapshot!(
        "desk_break_service",
        service.replace(exe.to_str().unwrap(), "/path/to/supple")
    );
    let list = ok(&home.run(&["remind", "list"]));
    assert!(list.contains("desk-break  Desk break"), "{list}");
    assert_eq!(ok(&home.run(&["remind"])), list, "remind alone lists them");
}

#[test]
fn without_a_user_manager_it_says_how_to_turn_the_timer_on() {
    let home = Home::new(1);
    let said = ok(&desk_break(&home));
    assert!(said.contains("The timer is not on yet"), "{said}");
    assert!(
        said.contains("systemctl --user enable --now supple-remind-desk-break.timer"),
        "{said}"
    );
    assert!(said.contains("--cron"), "{said}");
    let list = ok(&home.run(&["remind", "list"]));
    assert!(list.contains("off"), "{list}");
}

#[test]
fn cron_prints_lines_that_fire_at_the_same_times() {
    let home = Home::new(0);
    let out = ok(&desk_break_with(&home, &["--cron"]));
    let lines: Vec<&str> = out.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("0,45 9,12,15 * * 1-5 /")
            && lines[0].ends_with(" remind fire desk-break"),
        "{out}"
    );
    assert!(home.log("systemctl").is_empty(), "cron needs no systemd");
    assert!(!home.units().join("supple-remind-desk-break.timer").exists());
}

#[test]
fn moving_a_reminder_to_cron_removes_its_timer() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    let out = ok(&desk_break_with(&home, &["--cron"]));
    assert!(
        out.contains("Its systemd timer is removed: cron runs it"),
        "{out}"
    );
    assert!(!home.units().join("supple-remind-desk-break.timer").exists());
    assert!(
        home.log("systemctl")
            .contains("--user disable --now supple-remind-desk-break.timer")
    );
}

#[test]
fn remove_stops_the_timer_and_deletes_it() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    let said = ok(&home.run(&["remind", "remove", "desk-break"]));
    assert!(said.contains("Reminder desk-break removed"), "{said}");
    assert!(
        home.log("systemctl").contains(
            "--user disable --now supple-remind-desk-break.timer\n--user daemon-reload\n"
        ),
        "{}",
        home.log("systemctl")
    );
    assert!(!home.units().join("supple-remind-desk-break.timer").exists());
    assert!(
        !home
            .units()
            .join("supple-remind-desk-break.service")
            .exists()
    );
    let list = ok(&home.run(&["remind", "list"]));
    assert!(list.contains("No reminders yet"), "{list}");
    let again = home.run(&["remind", "remove", "desk-break"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("no reminder named 'desk-break'"));
}

#[test]
fn fire_names_the_next_step_and_its_command() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("Time for Desk break"), "{said}");
    let sent = home.log("notify-send");
    assert!(
        sent.starts_with("--app-name=supple -- Time for Desk break ")
            && sent.contains("Start it with: supple play desk-break"),
        "{sent}"
    );
}

/// A pack reminder says the rhythm the `supple heat` it suggests keeps: the
/// config file's `[pack]` values, not the defaults.
#[test]
fn fire_for_a_pack_says_the_config_files_on_and_off() {
    let home = Home::new(0);
    fs::create_dir_all(home.supple_config()).unwrap();
    fs::write(
        home.config_file(),
        "[pack]\non = \"15m\"\noff = \"25m\"\ncycles = 2\n",
    )
    .unwrap();
    ok(&home.run(&["remind", "add", "warm", "--starts", "heat", "--at", "10:00"]));
    let said = ok(&home.run(&["remind", "fire", "warm"]));
    assert!(
        said.contains("Time for heat: 15m on, 25m off, 2 times. Start it with: supple heat"),
        "{said}"
    );
    assert_eq!(
        home.log("notify-send").trim_end(),
        "--app-name=supple -- Time for heat 15m on, 25m off, 2 times. Start it with: supple heat"
    );
}

#[test]
fn fire_says_nothing_when_the_step_is_already_done() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    let end = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(10);
    let start = end - jiff::SignedDuration::from_mins(4);
    let dir = home.join("data/supple");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("history.jsonl"),
        format!(
            "{{\"v\":1,\"kind\":\"routine\",\"name\":\"Desk break\",\"routine\":\"desk-break\",\"start\":\"{start}\",\"end\":\"{end}\",\"active_seconds\":200,\"outcome\":\"finished\"}}\n"
        ),
    )
    .unwrap();
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("nothing to remind (done at"), "{said}");
    assert!(home.log("notify-send").is_empty());
}

#[test]
fn fire_for_today_follows_the_plan_and_is_quiet_without_an_episode() {
    let home = Home::new(0);
    ok(&home.run(&["remind", "add", "today", "--at", "09:00,13:00,19:00"]));
    let said = ok(&home.run(&["remind", "fire", "today"]));
    assert!(said.contains("no episode is open"), "{said}");
    assert!(home.log("notify-send").is_empty());
    ok(&home.run(&["episode", "start", "--ago", "2h"]));
    let said = ok(&home.run(&["remind", "fire", "today"]));
    assert!(said.starts_with("Day 1: next "), "{said}");
    assert!(home.log("notify-send").contains("Start it with: supple"));
}

#[test]
fn a_missing_notification_service_is_an_error_that_says_what_to_install() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    fs::remove_file(home.bin.join("notify-send")).unwrap();
    let out = home.run(&["remind", "fire", "desk-break"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("notify-send is not installed"));
}

/// A notify-send that leaves something running with its output open: `remind
/// fire` does not wait for that (it waited for the pipe to close before).
#[test]
fn fire_does_not_wait_on_output_held_open() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    write_program(
        &home.bin.join("notify-send"),
        "#!/bin/sh\nsleep 60 &\necho sent\n",
    );
    let started = std::time::Instant::now();
    ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

/// `remind fire` says what became of the reminder hook: it waits for it (within
/// its limit), and never says "the reminder hook ran" when it did not.
#[test]
fn fire_reports_what_the_reminder_hook_did() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    let config = home.supple_config().join("config.toml");
    let marker = home.join("hook-ran");
    fs::write(
        &config,
        format!(
            "[hooks]\nreminder = [\"sh\", \"-c\", \"sleep 1; touch '{}'\"]\n",
            marker.display()
        ),
    )
    .unwrap();
    ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(marker.exists(), "waited for the hook");

    // No notification service, and a hook that cannot start: an error.
    fs::remove_file(home.bin.join("notify-send")).unwrap();
    fs::write(&config, "[hooks]\nreminder = [\"/no/such/hook\"]\n").unwrap();
    let out = home.run(&["remind", "fire", "desk-break"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(!text(&out.stdout).contains("the reminder hook ran"));
    assert!(
        text(&out.stderr).contains("The reminder hook failed: /no/such/hook could not start"),
        "{}",
        text(&out.stderr)
    );
}

/// A line break or an escape sequence in the data folder (or in supple's own
/// path) never reaches a unit, a crontab line or the terminal: it is refused,
/// and nothing is written.
#[test]
fn a_data_folder_with_a_line_break_is_refused_before_anything_is_written() {
    let home = Home::new(0);
    for dir in [
        "/tmp/a\nExecStartPre=/bin/touch /tmp/pwned",
        "/tmp/a\u{1b}]0;pwned\u{7}",
    ] {
        for cron in [false, true] {
            let mut args = vec![
                "remind",
                "add",
                "desk-break",
                "--at",
                "09:00",
                "--data-dir",
                dir,
            ];
            if cron {
                args.push("--cron");
            }
            let out = home.run(&args);
            assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
            let err = text(&out.stderr);
            assert!(
                err.contains("cannot go into a systemd unit or a crontab line"),
                "{err}"
            );
            assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
            let out = home
                .supple()
                .env("SUPPLE_DATA_DIR", dir)
                .args(&args[..5])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
        }
    }
    // supple's own path, with a line break in a folder's name.
    let odd = home.join("bin\nExecStartPre=x");
    fs::create_dir_all(&odd).unwrap();
    // Copied by cp: a file this process writes can leak into another test's fork.
    assert!(
        Command::new("cp")
            .arg(BIN)
            .arg(odd.join("supple"))
            .status()
            .unwrap()
            .success()
    );
    let mut copy = home.supple();
    copy.env("PATH", format!("{}:/usr/bin:/bin", home.bin.display()));
    let out = Command::new(odd.join("supple"))
        .envs(copy.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .args(["remind", "add", "desk-break", "--at", "09:00"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("supple's own path"),
        "{}",
        text(&out.stderr)
    );
    assert!(!home.units().exists());
    assert!(!home.supple_config().join("reminders.toml").exists());
}

/// A data folder with a space, quotes, `%` and `$` goes into the unit quoted as
/// systemd.syntax(7) says, and systemd-analyze reads it back as one word.
#[test]
fn a_data_folder_with_odd_characters_is_quoted_for_systemd() {
    let home = Home::new(0);
    let dir = home.join("my data \"%h\" $USER 'x'");
    ok(&home.run(&[
        "remind",
        "add",
        "desk-break",
        "--at",
        "09:00",
        "--data-dir",
        dir.to_str().unwrap(),
    ]));
    let service = home.units().join("supple-remind-desk-break.service");
    let Ok(out) = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&service)
        .output()
    else {
        skip("systemd-analyze is not installed (apt-get install systemd)");
        return;
    };
    assert!(out.status.success(), "{}", text(&out.stderr));
    let cron = ok(&home.run(&[
        "remind",
        "add",
        "desk-break",
        "--at",
        "09:00",
        "--data-dir",
        dir.to_str().unwrap(),
        "--cron",
    ]));
    // The crontab line, run by sh, gives the folder back as one word.
    let line = cron.lines().find(|l| l.starts_with("0 9 ")).unwrap();
    let command = line.splitn(6, ' ').nth(5).unwrap().replace("\\%", "%");
    let words = Command::new("sh")
        .args(["-c", &format!("printf '%s\\n' {}", command)])
        .output()
        .unwrap();
    assert!(
        text(&words.stdout)
            .lines()
            .any(|w| w == dir.to_str().unwrap()),
        "{}",
        text(&words.stdout)
    );
}

/// What `--starts` names must be what the reminders file can hold: a name with a
/// space, a dot, a quote, a non-ASCII letter or a path is refused before
/// anything is written, and every reminder keeps working.
#[test]
fn a_starts_the_file_cannot_hold_is_refused_and_nothing_breaks() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    for starts in [
        "morning stretch",
        "a.b",
        "say\"hi",
        "étirement",
        "./quick.toml",
        "/tmp/x",
    ] {
        let out = home.run(&[
            "remind", "add", "morning", "--starts", starts, "--at", "09:00",
        ]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{starts}: {}",
            text(&out.stdout)
        );
        assert!(
            text(&out.stderr).contains("a reminder starts a routine by its name"),
            "{}",
            text(&out.stderr)
        );
    }
    let listed = ok(&home.run(&["remind", "list"]));
    assert!(listed.contains("desk-break"), "{listed}");
    ok(&home.run(&["remind", "fire", "desk-break"]));
}

/// The 65th reminder is refused before anything is written: the file still has
/// 64 and still reads.
#[test]
fn a_reminder_past_the_limit_is_refused_before_writing() {
    let home = Home::new(0);
    let mut file = String::new();
    for i in 0..64 {
        file.push_str(&format!("[r{i}]\nstarts = \"ice\"\nat = \"09:00\"\n"));
    }
    let path = home.supple_config().join("reminders.toml");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, &file).unwrap();
    let out = home.run(&["remind", "add", "r64", "--starts", "ice", "--at", "10:00"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("64 reminders already"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), file);
    assert!(!home.units().join("supple-remind-r64.timer").exists());
    let listed = ok(&home.run(&["remind", "list"]));
    assert_eq!(listed.matches(" Ice ").count(), 64, "{listed}");
}

/// `remind add` and `remind remove` of one name at once take turns: afterwards
/// the timer is there exactly when the reminder is.
#[test]
fn add_and_remove_at_once_leave_no_timer_without_its_reminder() {
    let home = Home::new(0);
    for _ in 0..8 {
        let add = home
            .supple()
            .args(["remind", "add", "desk-break", "--at", "09:00"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let remove = home
            .supple()
            .args(["remind", "remove", "desk-break"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        for mut child in [add, remove] {
            child.wait().unwrap();
        }
        let listed = text(&home.run(&["remind", "list", "--json"]).stdout);
        let in_file = listed.contains("\"desk-break\"");
        let timer = home.units().join("supple-remind-desk-break.timer").exists();
        assert_eq!(in_file, timer, "reminder {in_file}, timer {timer}");
    }
}

/// The `--cron` hint never tells the person to replace their whole crontab.
#[test]
fn the_cron_hint_keeps_the_crontab() {
    let home = Home::new(0);
    let said = ok(&desk_break_with(&home, &["--cron"]));
    assert!(!said.contains("--cron | crontab -)"), "{said}");
    assert!(said.contains("crontab -l;"), "{said}");
}

#[test]
fn bad_requests_say_what_to_write() {
    let home = Home::new(0);
    for (args, says) in [
        (
            &["remind", "add", "x", "--at", "9:00"][..],
            "say what the reminder starts",
        ),
        (
            &["remind", "add", "desk-break", "--every", "3m"],
            "from 5m to 12h",
        ),
        (
            &["remind", "add", "desk-break", "--at", "25:00"],
            "not a time of day",
        ),
        (
            &[
                "remind",
                "add",
                "desk-break",
                "--at",
                "9",
                "--days",
                "funday",
            ],
            "not a day",
        ),
        (
            &["remind", "add", "../x", "--at", "9"],
            "cannot name a reminder",
        ),
        (&["remind", "fire", "nope"], "no reminder named 'nope'"),
    ] {
        let out = home.run(args);
        assert!(!out.status.success(), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(home.log("systemctl").is_empty());
}

#[test]
fn a_damaged_reminders_file_is_named_and_kept() {
    let home = Home::new(0);
    let file = home.supple_config().join("reminders.toml");
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(
        &file,
        "[desk-break]\nstarts = \"desk-break\"\nevery = \"often\"\n",
    )
    .unwrap();
    let out = home.run(&["remind", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("reminders.toml:3:"), "{err}");
    let out = desk_break(&home);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a damaged file is not overwritten"
    );
    assert!(fs::read_to_string(&file).unwrap().contains("often"));
}

/// systemd itself reads the units: `systemd-analyze verify` on the files and
/// `calendar` on each expression, whose next times must be ones supple planned.
#[test]
fn systemd_accepts_the_units() {
    let Ok(version) = Command::new("systemd-analyze").arg("--version").output() else {
        skip("systemd-analyze is not installed (apt-get install systemd)");
        return;
    };
    assert!(version.status.success());
    let home = Home::new(0);
    ok(&desk_break(&home));
    ok(&home.run(&[
        "remind",
        "add",
        "today",
        "--at",
        "07:30,13:00,19:45",
        "--days",
        "sat,sun",
    ]));
    for name in ["desk-break", "today"] {
        let timer = home.units().join(format!("supple-remind-{name}.timer"));
        let service = home.units().join(format!("supple-remind-{name}.service"));
        let out = Command::new("systemd-analyze")
            .arg("verify")
            .arg(&timer)
            .arg(&service)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "systemd-analyze verify {name}: {}",
            text(&out.stderr)
        );
        let unit = fs::read_to_string(&timer).unwrap();
        for expr in unit.lines().filter_map(|l| l.strip_prefix("OnCalendar=")) {
            let out = Command::new("systemd-analyze")
                .args(["calendar", "--iterations=20", expr])
                .env("TZ", "UTC")
                .output()
                .unwrap();
            let said = text(&out.stdout);
            assert!(out.status.success(), "{expr}: {}", text(&out.stderr));
            // "Next elapse: Wed 2026-12-02 09:00:00 UTC", "Iter. #2: ...".
            for when in said.lines().filter_map(|l| {
                l.split_once(": ")
                    .filter(|(k, _)| k.contains("Next elapse") || k.contains("Iter."))
                    .map(|(_, v)| v.trim().to_owned())
            }) {
                let words: Vec<&str> = when.split_whitespace().collect();
                let (day, time) = (words[0], words[2]);
                if name == "desk-break" {
                    assert!(!["Sat", "Sun"].contains(&day), "{expr} fires on {day}");
                    assert!(("09:00:00".."17:30:01").contains(&time), "{expr}: {time}");
                    let minutes =
                        time[..2].parse::<u32>().unwrap() * 60 + time[3..5].parse::<u32>().unwrap();
                    assert_eq!((minutes - 9 * 60) % 45, 0, "{expr}: {time}");
                } else {
                    assert!(["Sat", "Sun"].contains(&day), "{expr} fires on {day}");
                    assert!(
                        ["07:30:00", "13:00:00", "19:45:00"].contains(&time),
                        "{time}"
                    );
                }
            }
        }
    }
}

#[test]
fn fire_for_today_stays_quiet_while_an_emergency_answer_stands() {
    use supple::core::episode::{Answers, EpisodeRecord};
    use supple::core::red_flags::Sign;
    let home = Home::new(0);
    ok(&home.run(&["remind", "add", "today", "--at", "09:00,13:00,19:00"]));
    ok(&home.run(&["episode", "start", "--ago", "2h"]));
    // A "yes" to an emergency sign, recorded as the questions record it.
    let now = jiff::Timestamp::now().to_string();
    let record = EpisodeRecord::answers(
        &now,
        Answers {
            asked: Sign::ALL.to_vec(),
            yes: vec![Sign::Peeing],
            together: false,
        },
    );
    let log = home.join("data/supple/history.jsonl");
    let mut lines = fs::read_to_string(&log).unwrap();
    lines.push_str(&serde_json::to_string(&record).unwrap());
    lines.push('\n');
    fs::write(&log, lines).unwrap();
    let said = ok(&home.run(&["remind", "fire", "today"]));
    assert!(said.contains("an emergency answer stands"), "{said}");
    assert!(home.log("notify-send").is_empty());
    // Checked: the plan's reminders come back.
    ok(&home.run(&["episode", "checked"]));
    let said = ok(&home.run(&["remind", "fire", "today"]));
    assert!(said.starts_with("Day 1: next "), "{said}");
}

/// A stand-in `busctl` answering as a session that is `locked` (logind's
/// LockedHint) or not, and idle or not, recording what it was asked; and a
/// notification service with buttons when `actions`.
fn presence_stand_in(home: &Home, locked: bool, idle: bool, actions: bool) {
    let log = home.join("busctl.log");
    let since = if idle { "1000000" } else { "0" };
    let caps = if actions {
        "as 2 \"actions\" \"body\""
    } else {
        "as 1 \"body\""
    };
    let script = format!(
        "#!/bin/sh\necho \"$*\" >> '{}'\ncase \"$*\" in\n\
         *User*IdleHint*) printf 'b {idle}\\nt {since}\\n(so) \"2\" \"/org/freedesktop/login1/session/_32\"\\n' ;;\n\
         *LockedHint*) echo 'b {locked}' ;;\n\
         *GetCapabilities*) echo '{caps}' ;;\n\
         *) exit 1 ;;\nesac\n",
        log.display()
    );
    write_program(&home.bin.join("busctl"), &script);
}

#[test]
fn an_every_reminder_stays_quiet_while_the_session_is_locked() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    presence_stand_in(&home, true, false, false);
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("nobody at the computer"), "{said}");
    assert!(home.log("notify-send").is_empty());
    assert!(home.log("busctl").contains("LockedHint"));
    // `remind list` says which signals it asks here.
    let listed = ok(&home.run(&["remind", "list"]));
    assert!(listed.contains("desk-break: asks logind"), "{listed}");
    // --always fires on the clock, locked or not.
    ok(&home.run(&[
        "remind",
        "add",
        "stretch",
        "--starts",
        "desk-break",
        "--every",
        "45m",
        "--always",
    ]));
    let said = ok(&home.run(&["remind", "fire", "stretch"]));
    assert!(said.contains("Desk break"), "{said}");
    assert!(!home.log("notify-send").is_empty());
}

#[test]
fn an_hour_away_counts_as_a_break_and_the_interval_starts_from_the_return() {
    use supple::core::presence::Memory;
    let home = Home::new(0);
    ok(&desk_break(&home));
    presence_stand_in(&home, false, false, false);
    // What the reminder remembered: away for the last hour (it looked then).
    let now = jiff::Timestamp::now();
    let memory = Memory {
        away_since: Some(now - jiff::SignedDuration::from_hours(1)),
        last_look: Some(now - jiff::SignedDuration::from_mins(10)),
        ..Memory::default()
    };
    let dir = home.join("state/supple/reminders");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("desk-break.json"),
        serde_json::to_string(&memory).unwrap(),
    )
    .unwrap();
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("which counts as a break"), "{said}");
    assert!(home.log("notify-send").is_empty());
    // Present, and no break since the last look: it reminds.
    fs::remove_file(dir.join("desk-break.json")).unwrap();
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("Desk break"), "{said}");
    assert!(!home.log("notify-send").is_empty());
}

#[test]
fn in_10_minutes_on_the_notification_puts_it_off_through_systemd_run() {
    let home = Home::new(0);
    ok(&desk_break(&home));
    presence_stand_in(&home, false, false, true);
    // A notify-send that takes --action, and whose person presses "In 10 minutes".
    let log = home.join("notify-send.log");
    write_program(
        &home.bin.join("notify-send"),
        &format!(
            "#!/bin/sh\ncase \"$1\" in --help) echo '  -A, --action=[NAME=]Text...' ; exit 0 ;; esac\necho \"$*\" >> '{}'\necho later\n",
            log.display()
        ),
    );
    let runs = home.join("systemd-run.log");
    write_program(
        &home.bin.join("systemd-run"),
        &format!("#!/bin/sh\necho \"$*\" >> '{}'\n", runs.display()),
    );
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("Put off: it comes back at"), "{said}");
    let shown = home.log("notify-send");
    assert!(shown.contains("--action=later=In 10 minutes"), "{shown}");
    assert!(shown.contains("--action=skip=Skip"), "{shown}");
    let run = fs::read_to_string(&runs).unwrap();
    assert!(run.contains("--user --on-active=600s"), "{run}");
    assert!(
        run.contains("--unit=supple-remind-desk-break-later-"),
        "{run}"
    );
    assert!(run.trim_end().ends_with("remind fire desk-break"), "{run}");
    // Skip is recorded, and restarts the interval.
    write_program(
        &home.bin.join("notify-send"),
        "#!/bin/sh\ncase \"$1\" in --help) echo '--action' ; exit 0 ;; esac\necho skip\n",
    );
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("Skipped at"), "{said}");
    let said = ok(&home.run(&["remind", "fire", "desk-break"]));
    assert!(said.contains("skipped at"), "{said}");
}

#[test]
fn fire_for_today_starts_the_pack_last_chosen_however_long_ago() {
    let home = Home::new(0);
    ok(&home.run(&["remind", "add", "today", "--at", "09:00,13:00,19:00"]));
    ok(&home.run(&["episode", "start", "--ago", "5d"]));
    // Ice, four days ago: nothing since.
    let end = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(4 * 24);
    let start = end - jiff::SignedDuration::from_mins(20);
    let line = format!(
        "{{\"v\":1,\"kind\":\"ice\",\"name\":\"Ice\",\"start\":\"{start}\",\"end\":\"{end}\",\"active_seconds\":1200,\"outcome\":\"finished\",\"applications_done\":1,\"applications_planned\":1}}\n"
    );
    let log = home.join("data/supple/history.jsonl");
    let mut text = fs::read_to_string(&log).unwrap();
    text.push_str(&line);
    fs::write(&log, text).unwrap();
    let said = ok(&home.run(&["remind", "fire", "today"]));
    assert!(said.contains("Heat or ice"), "{said}");
    assert!(said.contains("Start it with: supple ice"), "{said}");
}
