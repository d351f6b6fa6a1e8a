#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The commands that read the whole log one record at a time (issue 25):
//! `supple history --json` and `supple report --format csv` write exactly what
//! a reading of the whole log into memory gives, on random logs with pain
//! scores, damaged and blank lines, lines cut short, sessions out of order,
//! episodes, notes and ratings, and text that must not reach a terminal as it is.
//! The commands run in process, at a fixed time, in a fixed time zone.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use clap::Parser;
use proptest::prelude::*;
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

struct Ran {
    code: ExitCode,
    out: Vec<u8>,
    err: String,
}

const NOW: &str = "2026-03-10T12:00:00Z";

fn now() -> jiff::Timestamp {
    NOW.parse().unwrap()
}

/// Five and a half hours east of UTC: local dates differ from UTC ones.
fn zone() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::Offset::from_seconds(5 * 3600 + 1800).unwrap())
}

fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("streaming-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    dir
}

/// `supple ARGS` in process at [`NOW`] in [`zone`], with `home`'s data folder.
fn run(home: &Path, args: &[&str]) -> Ran {
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
            now: now(),
            tz: zone(),
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
    let out = out.0.borrow().clone();
    let err = String::from_utf8_lossy(&err.0.borrow()).into_owned();
    Ran { code, out, err }
}

fn log_path(home: &Path) -> PathBuf {
    home.join("data/history.jsonl")
}

/// `supple history --json` as the whole log read into memory gives it (the
/// records of the window, the skipped lines, the figures with every pain score).
fn history_json_in_memory(home: &Path, since: Option<std::time::Duration>) -> Vec<u8> {
    use supple::core::text::json_for_terminal;
    let path = log_path(home);
    let (records, skipped) = supple::store::log::read(&path).unwrap();
    let from = since.map_or(jiff::Timestamp::MIN, |d| {
        now() - jiff::SignedDuration::try_from(d).unwrap()
    });
    let window: Vec<&supple::core::history::Record> = records
        .iter()
        .filter(|r| r.start.parse::<jiff::Timestamp>().is_ok_and(|t| t >= from))
        .collect();
    let head = serde_json::json!({ "path": path.display().to_string() }).to_string();
    let mut out = format!(
        "{},\n\"records\": [",
        json_for_terminal(head.strip_suffix('}').unwrap())
    );
    for (i, r) in window.iter().enumerate() {
        let sep = if i == 0 { "\n" } else { ",\n" };
        let line = serde_json::to_string(r).unwrap();
        write!(out, "{sep}{}", json_for_terminal(&line)).unwrap();
    }
    let today = now().to_zoned_datetime(zone()).date();
    let skipped_lines: Vec<serde_json::Value> = skipped
        .iter()
        .map(|s| serde_json::json!({ "line": s.line, "why": s.why }))
        .collect();
    let tail = serde_json::json!({
        "skipped": skipped_lines,
        "skipped_total": skipped.len(),
        "stats": supple::core::history::stats::compute(&window, today, &zone()),
    })
    .to_string();
    writeln!(
        out,
        "\n],\n{}",
        json_for_terminal(tail.strip_prefix('{').unwrap())
    )
    .unwrap();
    out.into_bytes()
}

/// A time `minutes` before [`NOW`], in RFC 3339 (some with an offset).
fn at(minutes: u32, offset: bool) -> String {
    let t = now() - jiff::SignedDuration::from_mins(i64::from(minutes));
    if offset {
        t.to_zoned_datetime(zone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    } else {
        t.to_string()
    }
}

/// Names a routine may have in a log: plain, with commas and quotes, a
/// formula, and characters that must not reach a terminal or a spreadsheet.
const NAMES: &[&str] = &[
    "Back spasm relief",
    "Desk break",
    "Cat, \"cow\"",
    "=HYPERLINK(1)",
    "bell\u{7}",
    "left\u{202e}right",
    "Étirement; dos",
];

#[derive(Debug, Clone)]
struct Session {
    minutes_ago: u32,
    length: u32,
    name: usize,
    kind: u8,
    finished: bool,
    pain: (Option<u8>, Option<u8>),
    offset: bool,
    reps: Vec<(u32, u32)>,
}

fn session_line(s: &Session) -> String {
    let start = s.minutes_ago.max(s.length);
    let kind = ["routine", "ice", "heat"][usize::from(s.kind % 3)];
    let mut v = serde_json::json!({
        "v": 1, "kind": kind, "name": NAMES[s.name % NAMES.len()],
        "start": at(start, s.offset), "end": at(start - s.length, s.offset),
        "active_seconds": s.length * 60,
        "outcome": if s.finished { "finished" } else { "stopped" },
    });
    if kind == "routine" {
        v["routine"] = ["back-spasm-relief", "desk-break", "a,b"][s.name % 3].into();
        v["exercises"] = s
            .reps
            .iter()
            .enumerate()
            .map(|(i, (done, planned))| {
                serde_json::json!({"name": NAMES[(s.name + i) % NAMES.len()],
                    "reps_done": done, "reps_planned": planned, "seconds_done": 5,
                    "seconds_planned": 5, "skipped": i == 2})
            })
            .collect();
        if !s.finished {
            v["stopped_at"] = "Cat-Cow, exercise 1 of 2".into();
        }
    } else {
        v["applications_done"] = 1.into();
        v["applications_planned"] = 2.into();
    }
    if let Some(b) = s.pain.0 {
        v["pain_before"] = b.into();
    }
    if let Some(a) = s.pain.1 {
        v["pain_after"] = a.into();
    }
    v.to_string()
}

/// About 40 days of minutes: the default report period and a --since window
/// both cut through it.
const SPAN: u32 = 40 * 24 * 60;

fn session() -> impl Strategy<Value = Session> {
    (
        (0..SPAN, 1u32..90, 0usize..20, 0u8..6, any::<bool>()),
        (
            proptest::option::of(0u8..=10),
            proptest::option::of(0u8..=10),
            any::<bool>(),
            proptest::collection::vec((0u32..12, 0u32..12), 0..4),
        ),
    )
        .prop_map(
            |((minutes_ago, length, name, kind, finished), (before, after, offset, reps))| {
                Session {
                    minutes_ago,
                    length,
                    name,
                    kind,
                    finished,
                    pain: (before, after),
                    offset,
                    reps,
                }
            },
        )
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => session().prop_map(|s| session_line(&s)),
        1 => (0..SPAN).prop_map(|m| format!(
            r#"{{"v":1,"kind":"episode","event":"start","at":"{0}","onset":"{0}","plan":"back-spasm"}}"#,
            at(m, false))),
        1 => (0..SPAN).prop_map(|m| format!(
            r#"{{"v":1,"kind":"episode","event":"end","at":"{}"}}"#, at(m, false))),
        1 => (0..SPAN, 0u8..=10).prop_map(|(m, p)| format!(
            r#"{{"v":1,"kind":"pain","at":"{}","pain":{p}}}"#, at(m, true))),
        1 => (0..SPAN, 0u8..=10, 0usize..3).prop_map(|(m, p, a)| format!(
            r#"{{"v":1,"kind":"function","at":"{}","activity":"{}","score":{p}}}"#,
            at(m, false), ["Sitting", "Walking, uphill", "=lifting"][a])),
        1 => (0..SPAN).prop_map(|m| format!(
            r#"{{"v":1,"kind":"note","at":"{}","text":"flared"}}"#, at(m, false))),
        // Damage: a session with pain 11, one that ends before it starts, junk.
        1 => (0..SPAN).prop_map(|m| session_line(&Session {
            minutes_ago: m, length: 5, name: 0, kind: 0, finished: true,
            pain: (Some(11), None), offset: false, reps: vec![] })),
        1 => (0..SPAN).prop_map(|m| format!(
            r#"{{"v":1,"kind":"ice","name":"Ice","start":"{}","end":"{}","active_seconds":1,"outcome":"finished","pain_after":3}}"#,
            at(m, false), at(m + 10, false))),
        1 => "[a-z{}\":, ]{0,12}",
        1 => Just(String::new()),
    ]
}

/// Lines into a log, the last one maybe cut short (no line break).
fn write_log(home: &Path, lines: &[String], cut: bool) {
    let mut text = lines.join("\n");
    if cut {
        let keep = text.len() - text.len().min(7);
        let keep = (0..=keep)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap();
        text.truncate(keep);
    } else if !text.is_empty() {
        text.push('\n');
    }
    std::fs::write(log_path(home), text).unwrap();
}

fn check_history_json(home: &Path) {
    for (args, since) in [
        (&["history", "--json"][..], None),
        (
            &["history", "--json", "--since", "9d"][..],
            Some(std::time::Duration::from_secs(9 * 86_400)),
        ),
    ] {
        let ran = run(home, args);
        assert_eq!(ran.code, ExitCode::SUCCESS, "{}", ran.err);
        let want = history_json_in_memory(home, since);
        assert_eq!(
            String::from_utf8_lossy(&ran.out),
            String::from_utf8_lossy(&want),
            "{args:?}"
        );
        assert_eq!(ran.out, want);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn history_json_is_what_a_whole_reading_gives(
        lines in proptest::collection::vec(line(), 0..60),
        cut in any::<bool>(),
    ) {
        let home = folder("history-json-random");
        write_log(&home, &lines, cut);
        check_history_json(&home);
    }
}

#[test]
fn history_json_keeps_its_pain_scores_and_skipped_lines() {
    let home = folder("history-json-fixed");
    let mut lines: Vec<String> = (0..300u32)
        .map(|i| {
            session_line(&Session {
                minutes_ago: SPAN - i * 190,
                length: 20,
                name: i as usize,
                kind: (i % 4) as u8,
                finished: i % 5 != 0,
                pain: (
                    (i % 3 == 0).then_some((i % 11) as u8),
                    (i % 2 == 0).then_some((i % 7) as u8),
                ),
                offset: i % 2 == 1,
                reps: vec![(3, 5)],
            })
        })
        .collect();
    lines.insert(17, "not json".into());
    lines.insert(40, String::new());
    lines.insert(90, r#"{"v":1,"kind":"routine","name":"x""#.into());
    write_log(&home, &lines, false);
    check_history_json(&home);
    // The figures hold every pain score of the window, none outside it.
    let ran = run(&home, &["history", "--json", "--since", "9d"]);
    let doc: serde_json::Value = serde_json::from_slice(&ran.out).unwrap();
    let pain = doc["stats"]["pain"].as_array().unwrap();
    let records = doc["records"].as_array().unwrap();
    let scored = records
        .iter()
        .filter(|r| r.get("pain_before").is_some() || r.get("pain_after").is_some())
        .count();
    assert!(scored > 10 && scored < 200, "{scored}");
    assert_eq!(pain.len(), scored);
    assert_eq!(doc["skipped_total"], 2);
}

/// `supple report --format csv --rows ROWS --since SINCE` as a reading of the
/// whole log into memory gives it: every record, the report built from them,
/// then rendered.
fn report_csv_in_memory(home: &Path, rows: &str, since: &str) -> Vec<u8> {
    use supple::core::report;
    let log = supple::store::log::read_log(&log_path(home)).unwrap();
    let library = Library::with_user_dir(None);
    let plans = Plans::with_user_dir(None);
    let pack_on = Loaded::default().config.pack_on;
    let mut loaded = std::collections::HashMap::new();
    for e in supple::core::episode::episodes(&log.episodes) {
        if let Some(Ok(plan)) = plans.resolve(&e.plan, &library).map(|p| p.plan) {
            loaded.insert(e.plan.clone(), plan.with_pack_on(pack_on));
        }
    }
    let today = now().to_zoned_datetime(zone()).date();
    let days = report::Period::parse(since).unwrap().days(today);
    let built = report::build(&log, now(), &zone(), days, &|name| loaded.get(name));
    match rows {
        "sessions" => report::csv::render(&built),
        "exercises" => report::csv::render_exercises(&built),
        "pain" => report::csv::render_daily_pain(&built),
        _ => report::csv::render_function(&built),
    }
    .into_bytes()
}

fn check_report_csv(home: &Path) {
    for since in ["4w", "9d", "2y"] {
        for rows in ["sessions", "exercises", "pain", "function"] {
            let args = [
                "report", "--format", "csv", "--rows", rows, "--since", since, "--out", "-",
            ];
            let ran = run(home, &args);
            assert_eq!(ran.code, ExitCode::SUCCESS, "{}", ran.err);
            let want = report_csv_in_memory(home, rows, since);
            assert_eq!(
                String::from_utf8_lossy(&ran.out),
                String::from_utf8_lossy(&want),
                "{args:?}"
            );
            assert_eq!(ran.out, want);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// The rows written as the log is read are those of the report built from
    /// the whole log, in the same order, however out of order the log is.
    #[test]
    fn report_csv_is_what_a_whole_reading_gives(
        lines in proptest::collection::vec(line(), 0..60),
        cut in any::<bool>(),
    ) {
        let home = folder("report-csv-random");
        write_log(&home, &lines, cut);
        check_report_csv(&home);
    }
}

#[test]
fn report_csv_in_order_and_not() {
    let home = folder("report-csv-fixed");
    let mut lines: Vec<String> = Vec::new();
    lines.push(format!(
        r#"{{"v":1,"kind":"episode","event":"start","at":"{0}","onset":"{0}","plan":"back-spasm"}}"#,
        at(20 * 24 * 60, false)
    ));
    for i in 0..200u32 {
        let mut s = Session {
            minutes_ago: SPAN - i * 280,
            length: 20,
            name: i as usize,
            kind: (i % 3) as u8,
            finished: i % 4 != 0,
            pain: ((i % 3 == 0).then_some(4), (i % 2 == 0).then_some(2)),
            offset: i % 2 == 0,
            reps: vec![(3, 5), (5, 5)],
        };
        lines.push(session_line(&s));
        // Now and then a session in another terminal began before the last
        // three and ended last.
        if i % 25 == 7 {
            s.minutes_ago += 700;
            s.length = 650;
            lines.push(session_line(&s));
        }
        if i % 10 == 0 {
            lines.push(format!(
                r#"{{"v":1,"kind":"pain","at":"{}","pain":{}}}"#,
                at(SPAN - i * 280, true),
                i % 11
            ));
            lines.push(format!(
                r#"{{"v":1,"kind":"function","at":"{}","activity":"Sitting","score":{}}}"#,
                at(SPAN - i * 280, false),
                i % 9
            ));
        }
    }
    lines.insert(33, "damaged".into());
    write_log(&home, &lines, false);
    check_report_csv(&home);
    let ran = run(
        &home,
        &["report", "--format", "csv", "--since", "2y", "--out", "-"],
    );
    let rows = String::from_utf8(ran.out).unwrap().lines().count();
    assert_eq!(rows, 1 + 200 + 8, "a header and every session");
    assert!(ran.err.contains("line 34 skipped"), "{}", ran.err);
}
