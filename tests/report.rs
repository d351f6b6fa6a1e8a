#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `supple report`: the page and the CSV for four synthetic weeks (snapshots, fixed
//! time, UTC), the command as a person runs it, and the page in a real browser:
//! headless Chromium draws it to a PNG, which must not be blank.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use supple::core::history::parse_log;
use supple::core::report;
use supple::store::library::Library;

const BIN: &str = env!("CARGO_BIN_EXE_supple");

fn now() -> Timestamp {
    "2026-12-01T17:00:00Z".parse().unwrap()
}

fn routine_line(
    start: Timestamp,
    mins: i64,
    routine: &str,
    name: &str,
    ex: &[(&str, u32, u32)],
    pain: Option<(u8, u8)>,
    finished: bool,
) -> String {
    let end = start + SignedDuration::from_mins(mins);
    let exercises: Vec<String> = ex
        .iter()
        .map(|(n, done, planned)| {
            format!(
                r#"{{"name":"{n}","reps_done":{done},"reps_planned":{planned},"seconds_done":60,"seconds_planned":60,"skipped":false}}"#
            )
        })
        .collect();
    let pain = pain
        .map(|(b, a)| format!(r#","pain_before":{b},"pain_after":{a}"#))
        .unwrap_or_default();
    format!(
        r#"{{"v":1,"kind":"routine","name":"{name}","routine":"{routine}","start":"{start}","end":"{end}","active_seconds":{},"outcome":"{}","exercises":[{}]{pain}}}"#,
        mins * 60,
        if finished { "finished" } else { "stopped" },
        exercises.join(",")
    )
}

fn pack_line(start: Timestamp, kind: &str, apps: u32) -> String {
    let end = start + SignedDuration::from_mins(i64::from(apps) * 40 - 20);
    format!(
        r#"{{"v":1,"kind":"{kind}","name":"{}","start":"{start}","end":"{end}","active_seconds":{},"outcome":"finished","applications_done":{apps},"applications_planned":{apps}}}"#,
        if kind == "ice" { "Ice" } else { "Heat" },
        apps * 20 * 60
    )
}

/// Four weeks: desk breaks and a core routine before the episode; from nine days
/// ago a back spasm, with ice, then heat, walks and the gentle routine, pain
/// falling from 7 to 3 and reps rising.
pub fn synthetic_log() -> String {
    let day0 = now() - SignedDuration::from_hours(27 * 24);
    let at = |day: i64, hour: i64| {
        day0 + SignedDuration::from_hours(day * 24 + hour) - SignedDuration::from_hours(17)
    };
    let mut lines = Vec::new();
    for day in 0..18 {
        if day % 2 == 0 {
            lines.push(routine_line(
                at(day, 11),
                4,
                "desk-break",
                "Desk break",
                &[("Shoulder rolls", 5, 5)],
                None,
                true,
            ));
        }
        if day % 4 == 1 {
            let reps = 8 + u32::try_from(day / 4).unwrap();
            lines.push(routine_line(
                at(day, 19),
                12,
                "core-strength",
                "Core strength",
                &[("Bird dog", reps, reps), ("Dead bug", reps - 2, reps - 2)],
                None,
                day != 13,
            ));
        }
    }
    let onset = at(18, 9) - SignedDuration::from_hours(1);
    lines.push(format!(
        r#"{{"v":1,"kind":"episode","event":"start","at":"{}","onset":"{onset}","plan":"back-spasm","flags":["leg_numbness"]}}"#,
        at(18, 9)
    ));
    for day in 18..28 {
        let d = day - 18;
        let pain_before = u8::try_from(7 - (d * 4 / 9).min(4)).unwrap();
        if d < 2 {
            lines.push(pack_line(at(day, 10), "ice", 2));
            lines.push(pack_line(at(day, 15), "ice", 1));
        } else {
            lines.push(pack_line(at(day, 10), "heat", 1));
        }
        if d >= 1 {
            lines.push(routine_line(
                at(day, 12),
                5,
                "walk",
                "Walk",
                &[],
                None,
                true,
            ));
        }
        if d >= 2 {
            let reps = 5 + u32::try_from(d / 2).unwrap();
            lines.push(routine_line(
                at(day, 17),
                7,
                "back-spasm-relief",
                "Back spasm relief",
                &[
                    ("Cat-Cow", reps + 2, reps + 2),
                    ("Pelvic tilt", reps, reps),
                    ("Glute bridge", reps - 1, reps),
                ],
                Some((pain_before, pain_before.saturating_sub(1 + u8::from(d > 5)))),
                true,
            ));
        }
    }
    lines.push("this line is damaged".to_owned());
    lines.join("\n") + "\n"
}

fn built() -> report::Report {
    let log = parse_log(synthetic_log().as_bytes());
    let library = Library::with_user_dir(None);
    let plan = supple::store::plans::bundled("back-spasm", &library)
        .unwrap()
        .plan
        .unwrap();
    report::build(&log, now(), &jiff::tz::TimeZone::UTC, 28, &|name| {
        (name == "back-spasm").then_some(&plan)
    })
}

#[test]
fn the_figures_add_up() {
    let r = built();
    assert_eq!(r.days.len(), 28);
    assert_eq!(r.from.to_string(), "2026-11-04");
    assert_eq!(r.to.to_string(), "2026-12-01");
    assert_eq!(r.skipped, 1);
    let active: u64 = r.days.iter().map(|d| d.active_seconds).sum();
    assert_eq!(
        active,
        r.sessions.iter().map(|s| s.active_seconds).sum::<u64>()
    );
    let weekly: u32 = r.weeks.iter().map(|w| w.sessions).sum();
    assert_eq!(weekly as usize, r.sessions.len());
    assert_eq!(r.episodes.len(), 1);
    assert_eq!(r.episodes[0].days, 10);
    // No plan before the episode; the plan's items from its week on.
    assert!(r.weeks[0].plan.is_none());
    let (done, planned) = r.weeks.last().unwrap().plan.unwrap();
    assert!(planned > 0 && done <= planned, "{done}/{planned}");
    let cat = r.exercises.iter().find(|e| e.name == "Cat-Cow").unwrap();
    assert_eq!(cat.points.first().unwrap().1, 8);
    assert_eq!(cat.points.last().unwrap().1, 11);
}

#[test]
fn the_page_and_the_csv_for_four_weeks() {
    let r = built();
    let html = report::html::render(&r);
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing from the network"
    );
    insta::assert_snapshot!("report_html", html);
    insta::assert_snapshot!("report_csv", report::csv::render(&r));
}

fn run(home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("SUPPLE_DATA_DIR")
        .current_dir(home)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn home_with_log(test: &str) -> PathBuf {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("report")
        .join(test);
    let _ = fs::remove_dir_all(&home);
    fs::create_dir_all(home.join("data/supple")).unwrap();
    // The synthetic weeks moved to end now, so that the command (which reads the
    // real clock) sees them as the last four weeks.
    let shift = Timestamp::now().duration_since(now());
    let moved: Vec<String> = synthetic_log()
        .lines()
        .map(|l| {
            let mut out = l.to_owned();
            for key in ["start", "end", "at", "onset"] {
                let pat = format!("\"{key}\":\"");
                if let Some(i) = out.find(&pat) {
                    let from = i + pat.len();
                    let to = from + out[from..].find('"').unwrap();
                    let t: Timestamp = out[from..to].parse().unwrap();
                    out.replace_range(from..to, &(t + shift).to_string());
                }
            }
            out
        })
        .collect();
    fs::write(
        home.join("data/supple/history.jsonl"),
        moved.join("\n") + "\n",
    )
    .unwrap();
    home
}

#[test]
fn the_command_writes_the_page_and_the_csv() {
    let home = home_with_log("command");
    let out = run(&home, &["report", "--out", "r.html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("Wrote the report of 28 days to r.html"),
        "{said}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 45 skipped"));
    let page = fs::read_to_string(home.join("r.html")).unwrap();
    assert!(page.contains("Cat-Cow") && page.contains("<svg"));

    let out = run(&home, &["report", "--format", "csv", "--since", "1w"]);
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.starts_with("date,start,end,kind,routine,name,active_minutes,"),
        "{csv}"
    );
    assert!(csv.lines().count() > 7, "{csv}");

    let out = run(&home, &["report", "--since", "forever"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Chromium, where one is installed (`.ci/run` installs it as root).
fn chromium() -> Option<&'static str> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .into_iter()
    .find(|b| {
        Command::new(b)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Draws `page` to `png` with headless Chromium, killed after a minute.
fn screenshot(browser: &str, page: &Path, png: &Path) {
    let _ = fs::remove_file(png);
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=794,1800",
        ])
        .arg(format!(
            "--user-data-dir={}",
            png.with_extension("profile").display()
        ))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_page_renders_in_a_real_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium here (as root, .ci/run installs it with apt-get)");
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report/browser");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    fs::write(&page, report::html::render(&built())).unwrap();
    let blank = dir.join("blank.html");
    fs::write(&blank, "<!DOCTYPE html><html><body></body></html>").unwrap();
    screenshot(browser, &page, &dir.join("report.png"));
    screenshot(browser, &blank, &dir.join("blank.png"));
    let size = |p: &str| fs::metadata(dir.join(p)).map(|m| m.len()).unwrap_or(0);
    let (report, empty) = (size("report.png"), size("blank.png"));
    assert!(
        report > 0 && empty > 0,
        "Chromium wrote no PNG (report {report}, blank {empty} bytes)"
    );
    // A white page compresses to almost nothing; text and charts do not.
    assert!(
        report > empty * 10,
        "the report's PNG ({report} bytes) is no bigger than a blank page's ({empty}): {}",
        dir.join("report.png").display()
    );
    eprintln!(
        "report drawn by {browser}: {}",
        dir.join("report.png").display()
    );
}

/// `--out` writes into the path given, as a shell's `>` would, and never renames
/// anything over it: a device node (a `mknod` copy of /dev/null, never the real
/// one), a FIFO with a reader, a symlink, a hard link and a private file all stay
/// what they were; `-` and `/dev/stdout` are standard output.
#[test]
fn out_writes_into_the_path_and_never_replaces_it() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    let home = home_with_log("out-targets");
    let csv = ["report", "--format", "csv", "--out"];
    let with = |target: &str| {
        let mut args = csv.to_vec();
        args.push(target);
        run(&home, &args)
    };

    // A private file keeps its mode, its inode and its other name.
    let private = home.join("private.csv");
    fs::write(&private, "old").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    fs::hard_link(&private, home.join("other-name.csv")).unwrap();
    let before = fs::metadata(&private).unwrap();
    let out = with("private.csv");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = fs::metadata(&private).unwrap();
    assert_eq!(after.permissions().mode() & 0o777, 0o600);
    assert_eq!(after.ino(), before.ino());
    let text = fs::read_to_string(home.join("other-name.csv")).unwrap();
    assert!(text.starts_with("date,start"), "{text}");

    // A symlink stays a symlink; its file gets the report.
    fs::write(home.join("real.csv"), "").unwrap();
    std::os::unix::fs::symlink("real.csv", home.join("link.csv")).unwrap();
    assert!(with("link.csv").status.success());
    assert!(
        fs::symlink_metadata(home.join("link.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(home.join("real.csv"))
            .unwrap()
            .starts_with("date,start")
    );

    // A device node stays a device node.
    let null = home.join("null");
    let made = Command::new("mknod")
        .args(["-m", "666"])
        .arg(&null)
        .args(["c", "1", "3"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        let out = with("null");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            fs::symlink_metadata(&null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    } else if std::env::var_os("CI").is_some_and(|v| v == "true") {
        panic!("mknod failed under CI=true");
    } else {
        eprintln!("skipped the device node: mknod needs root");
    }

    // A FIFO with a reader gets the report; without one, a clear error, at once.
    let fifo = home.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = with("fifo");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("nobody is reading it"), "{said}");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = with("fifo");
    // The reader may not be there yet when supple opens it; then try again.
    let out = if out.status.success() {
        out
    } else {
        std::thread::sleep(std::time::Duration::from_millis(300));
        with("fifo")
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(reader.join().unwrap().starts_with("date,start"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    // Standard output, by name or as `-`, gets the report and nothing else.
    for target in ["-", "/dev/stdout"] {
        let out = with(target);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with("date,start"), "{target}: {text}");
        assert!(!text.contains("Wrote"), "{target}: {text}");
    }
}

#[test]
fn a_week_in_progress_is_never_missed() {
    // Monday 7 December 2026, 08:00: the episode began eleven days before, so
    // the plan asks core work three times a week; the week has only begun.
    let monday: Timestamp = "2026-12-07T08:00:00Z".parse().unwrap();
    let onset = monday - SignedDuration::from_hours(11 * 24);
    let text = format!(
        r#"{{"v":1,"kind":"episode","event":"start","at":"{onset}","onset":"{onset}","plan":"back-spasm"}}"#
    ) + "\n";
    let log = parse_log(text.as_bytes());
    let library = Library::with_user_dir(None);
    let plan = supple::store::plans::bundled("back-spasm", &library)
        .unwrap()
        .plan
        .unwrap();
    let r = report::build(&log, monday, &jiff::tz::TimeZone::UTC, 14, &|name| {
        (name == "back-spasm").then_some(&plan)
    });
    // This week: nothing asked yet, so nothing missed.
    assert_eq!(r.weeks.last().unwrap().plan, Some((0, 0)));
    // Last week, which has ended, asked for its days and its core work.
    let (done, asked) = r.weeks[r.weeks.len() - 2].plan.unwrap();
    assert_eq!(done, 0);
    assert!(asked >= 3, "{asked}");
}
