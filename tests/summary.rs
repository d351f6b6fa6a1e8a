#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The history log's kept summary (issue 25): whatever happens to the log (lines
//! appended, cut short, damaged, the file shortened or replaced) and to the kept
//! file (damaged, someone else's, another log's), a start's summary says what a
//! full read of the log says.

mod support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use supple::core::history::summary::Summary;
use supple::core::history::{Log, Record};
use supple::core::today::Brief;
use supple::store::log::{log_path, read_log};
use supple::store::summary::{Fold, summarise, summary_path};

fn dir(test: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("summary")
        .join(test);
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

const ROUTINE: &str = r#"
name = "Test"
[[exercise]]
name = "Glute bridge"
reps = 5
hold = "5s"
progression = { target = 12, step = 1 }
[[exercise]]
name = "Bird dog"
reps = 4
hold = "5s"
progression = { target = 15, step = 3 }
"#;

/// Hours after 2026-01-01 00:00 UTC, in RFC 3339.
fn at(hour: u32) -> String {
    (jiff::Timestamp::constant(1_767_225_600, 0)
        + jiff::SignedDuration::from_hours(i64::from(hour)))
    .to_string()
}

fn session(hour: u32, routine: bool, done: u32, before: Option<u8>, after: Option<u8>) -> String {
    let mut v = serde_json::json!({
        "v": 1, "kind": if routine { "routine" } else { "ice" }, "name": "Test",
        "start": at(hour), "end": at(hour + 1), "active_seconds": 600, "outcome": "finished",
    });
    if routine {
        v["routine"] = "test".into();
        v["exercises"] = serde_json::json!([
            {"name": "Glute bridge", "reps_done": done, "reps_planned": 2,
             "seconds_done": 0, "seconds_planned": 0, "skipped": false},
            {"name": "Bird dog", "reps_done": 2, "reps_planned": 2,
             "seconds_done": 0, "seconds_planned": 0, "skipped": false},
        ]);
    }
    if let Some(b) = before {
        v["pain_before"] = b.into();
    }
    if let Some(a) = after {
        v["pain_after"] = a.into();
    }
    v.to_string()
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0u32..60 * 24, any::<bool>(), 1u32..=2, proptest::option::of(0u8..=10), proptest::option::of(0u8..=10))
            .prop_map(|(h, r, d, b, a)| session(h, r, d, b, a)),
        1 => (0u32..60 * 24).prop_map(|h| format!(
            r#"{{"v":1,"kind":"episode","event":"start","at":"{0}","onset":"{0}"}}"#, at(h))),
        1 => (0u32..60 * 24, 0u8..=10).prop_map(|(h, p)| format!(
            r#"{{"v":1,"kind":"pain","at":"{}","pain":{p}}}"#, at(h))),
        1 => (0u32..60 * 24).prop_map(|h| format!(
            r#"{{"v":1,"kind":"note","at":"{}","text":"flared"}}"#, at(h))),
        1 => "[a-z{}\":, ]{0,12}",
        1 => Just(String::new()),
    ]
}

#[derive(Debug, Clone)]
enum Op {
    /// Lines appended, each with its line break.
    Append(Vec<String>),
    /// A line cut short: appended with no line break (supple stopped mid-write).
    Cut(String),
    /// The log shortened to a share of its length (in thousandths).
    Shorten(u16),
    /// A new file renamed over the log.
    Replace(Vec<String>),
    /// A byte of the log changed in place, within its first or last 4 KiB.
    Edit(u16),
    /// The kept summary overwritten with junk.
    Damage,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => proptest::collection::vec(line(), 1..30).prop_map(Op::Append),
        1 => line().prop_map(Op::Cut),
        1 => (0u16..1000).prop_map(Op::Shorten),
        1 => proptest::collection::vec(line(), 0..30).prop_map(Op::Replace),
        1 => (0u16..1000).prop_map(Op::Edit),
        1 => Just(Op::Damage),
    ]
}

/// What a full read says, compared with the summary.
fn agrees(s: &Summary, full: &Log) -> Result<(), TestCaseError> {
    prop_assert_eq!(&s.episodes, &full.episodes);
    // The notes are left to the report, and of the daily pain scores only the
    // latest is kept (core::history::summary).
    use supple::core::history::mark::Mark;
    let ratings = |marks: &[Mark]| -> Vec<Mark> {
        marks
            .iter()
            .filter(|m| matches!(m, Mark::Function(_)))
            .cloned()
            .collect()
    };
    let latest_pain = |marks: &[Mark]| {
        marks
            .iter()
            .filter(|m| matches!(m, Mark::Pain(_)))
            .filter_map(Mark::time)
            .max()
    };
    prop_assert_eq!(ratings(&s.marks), ratings(&full.marks));
    prop_assert_eq!(latest_pain(&s.marks), latest_pain(&full.marks));
    prop_assert_eq!(&s.skips, &full.skips);
    prop_assert_eq!(s.sessions, full.sessions.len() as u64);
    let routine = supple::core::routine::parse(ROUTINE).unwrap();
    let whole = supple::core::history::progress::progress(&routine, "test", &full.sessions, None);
    prop_assert_eq!(s.progress(&routine, "test", None), Some(whole));
    let tail: Vec<Brief> = s.tail().unwrap();
    let now =
        jiff::Timestamp::constant(1_767_225_600, 0) + jiff::SignedDuration::from_hours(61 * 24);
    prop_assert!(s.covers(now));
    let since = now - jiff::SignedDuration::from_hours(9 * 24);
    let briefs = |recent: Vec<(&Brief, jiff::Timestamp)>| -> Vec<(Brief, jiff::Timestamp)> {
        recent
            .into_iter()
            .map(|(b, end)| (b.clone(), end))
            .collect()
    };
    let records = |recent: Vec<(&Record, jiff::Timestamp)>| -> Vec<(Brief, jiff::Timestamp)> {
        recent
            .into_iter()
            .map(|(r, end)| (Brief::of(r), end))
            .collect()
    };
    prop_assert_eq!(
        briefs(supple::core::today::recent(&tail, since)),
        records(supple::core::today::recent(&full.sessions, since))
    );
    // The Today panel on the home screen, from the summary and from every record.
    for hours in [0, 20, 24 * 5] {
        let now = now - jiff::SignedDuration::from_hours(hours);
        if s.covers(now) {
            prop_assert_eq!(
                today_panel(&tail, full, now),
                today_panel(&full.sessions, full, now)
            );
        }
    }
    prop_assert_eq!(
        supple::core::today::safety(None, &tail, now),
        supple::core::today::safety(None, &full.sessions, now)
    );
    prop_assert_eq!(
        supple::core::today::pack_choice(&tail),
        supple::core::today::pack_choice(&full.sessions)
    );
    Ok(())
}

/// A plan whose items count the sessions `session` writes.
const PLAN: &str = r#"
name = "Test plan"
[[stage]]
name = "First"
from = "0h"
until = "2w"
items = [
  { pack = "ice", per_day = 3, min_gap = "2h" },
  { routine = "test", per_day = 2, min_gap = "4h" },
]
[[stage]]
name = "Then"
from = "2w"
items = [
  { routine = "test", per_week = 3, min_gap = "20h", pain_at_most = 3 },
  { pack = "heat or ice", per_day = 1 },
]
"#;

/// What the Today panel shows: its heading, rows, next step, safety lines, when
/// it is worked out again, and the pack it starts.
type Shown = (
    String,
    Vec<supple::app::TaskRow>,
    String,
    Vec<String>,
    Option<jiff::Timestamp>,
    supple::core::pack::Treatment,
);

/// What the home screen's Today panel shows at `now` for the log's open episode
/// (or one begun 20 days before), its sessions given as `sessions`.
fn today_panel(
    sessions: &[impl supple::core::today::Session],
    full: &Log,
    now: jiff::Timestamp,
) -> Shown {
    use supple::app::{App, Home, Launch, Settings};
    let plan = supple::core::plan::parse(PLAN).unwrap();
    let episode = supple::core::episode::open(&full.episodes).unwrap_or_else(|| {
        supple::core::episode::Episode {
            onset: now - jiff::SignedDuration::from_hours(20 * 24),
            ended: None,
            plan: "test".into(),
            screening: Default::default(),
        }
    });
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    );
    let start = supple::core::moment::Moment::ZERO;
    app.set_wall(start, now);
    let briefs = sessions
        .iter()
        .map(supple::core::today::Session::brief)
        .collect();
    let panel = supple::app::TodayPanel::new(plan, episode, briefs, Vec::new(), now);
    app.set_today(panel, start);
    let p = app.home().today().unwrap();
    (
        p.heading().to_owned(),
        p.rows().to_vec(),
        p.next().to_owned(),
        p.safety().to_vec(),
        p.stale_at(),
        p.pack_choice(),
    )
}

fn append(path: &Path, text: &str) {
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_start_summarises_what_a_full_read_reads(ops in proptest::collection::vec(op(), 1..12)) {
        let d = dir("property");
        let (data, cache) = (d.join("data"), d.join("cache"));
        fs::create_dir_all(&data).unwrap();
        let log = log_path(&data);
        for op in ops {
            match op {
                Op::Append(lines) => append(&log, &lines.iter().map(|l| format!("{l}\n")).collect::<String>()),
                Op::Cut(line) => append(&log, &line[..line.len() / 2]),
                Op::Shorten(share) => {
                    let len = fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
                    if len > 0 {
                        let f = fs::OpenOptions::new().write(true).open(&log).unwrap();
                        f.set_len(len * u64::from(share) / 1000).unwrap();
                    }
                }
                Op::Replace(lines) => {
                    let new = data.join("new.jsonl");
                    fs::write(&new, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
                    fs::rename(&new, &log).unwrap();
                }
                Op::Edit(share) => {
                    let mut bytes = fs::read(&log).unwrap_or_default();
                    if !bytes.is_empty() {
                        // Within the checked ends: the first or last 4 KiB.
                        let n = bytes.len().min(4096);
                        let i = if share % 2 == 0 { usize::from(share) * n / 1000 } else { bytes.len() - 1 - usize::from(share) * n / 1000 };
                        bytes[i] = if bytes[i] == b'7' { b'8' } else { b'7' };
                        let f = fs::OpenOptions::new().write(true).open(&log).unwrap();
                        std::os::unix::fs::FileExt::write_all_at(&f, &bytes, 0).unwrap();
                    }
                }
                Op::Damage => {
                    fs::create_dir_all(&cache).unwrap();
                    fs::write(summary_path(&cache, &log), "{\"format\":\"supple history summary\",\"version\":1,\"dev\":").unwrap();
                }
            }
            let got = summarise(&log, Some(&cache)).unwrap();
            let full = read_log(&log).unwrap();
            agrees(&got.summary, &full)?;
        }
    }
}

#[test]
fn a_start_reads_only_what_was_appended_since() {
    let d = dir("appended");
    let (data, cache) = (d.join("data"), d.join("cache"));
    fs::create_dir_all(&data).unwrap();
    let log = log_path(&data);
    let first: String = (0..100)
        .map(|h| session(h, true, 2, None, None) + "\n")
        .collect();
    append(&log, &first);
    let built = summarise(&log, Some(&cache)).unwrap();
    assert_eq!(built.read, first.len() as u64);
    assert!(summary_path(&cache, &log).is_file());
    let more = session(200, true, 2, Some(3), Some(3)) + "\n";
    append(&log, &more);
    let next = summarise(&log, Some(&cache)).unwrap();
    assert_eq!(next.read, more.len() as u64);
    assert_eq!(next.summary.sessions, 101);
    assert_eq!(next.note, None);
    // Nothing new: nothing read.
    assert_eq!(summarise(&log, Some(&cache)).unwrap().read, 0);
}

#[test]
fn a_damaged_or_foreign_summary_is_rebuilt_with_a_note() {
    let d = dir("damaged");
    let (data, cache) = (d.join("data"), d.join("cache"));
    fs::create_dir_all(&data).unwrap();
    let log = log_path(&data);
    let text: String = (0..10)
        .map(|h| session(h, true, 2, None, None) + "\n")
        .collect();
    append(&log, &text);
    summarise(&log, Some(&cache)).unwrap();
    let current = <Summary as Fold>::VERSION;
    for junk in [
        format!("{{\"format\":\"supple history summary\",\"version\":{current}}}"),
        "not json".to_owned(),
        "{\"format\":\"someone else's\"}".to_owned(),
    ] {
        fs::write(summary_path(&cache, &log), junk).unwrap();
        let got = summarise(&log, Some(&cache)).unwrap();
        let note = got.note.expect("a note");
        assert!(
            note.contains("made again from the log, which is unchanged"),
            "{note}"
        );
        assert_eq!(got.read, text.len() as u64);
        assert_eq!(got.summary.sessions, 10);
        // Rebuilt: the next start trusts it again.
        let again = summarise(&log, Some(&cache)).unwrap();
        assert_eq!((again.read, again.note), (0, None));
    }
    // An older supple's summary (1 kept the notes, 2 every daily pain score, 3
    // the last days' sessions as whole records, 4 with whole times, 5 eleven
    // days of them, 6 their timed work and reps rather than whether they did
    // enough): made again, in silence.
    assert_eq!(current, 7);
    for version in [1, 2, 3, 4, 5, 6] {
        fs::write(
            summary_path(&cache, &log),
            format!("{{\"format\":\"supple history summary\",\"version\":{version}}}"),
        )
        .unwrap();
        let got = summarise(&log, Some(&cache)).unwrap();
        assert_eq!((got.read, got.note), (text.len() as u64, None));
    }
}

#[test]
fn a_summary_of_another_log_is_rebuilt() {
    let d = dir("another");
    let cache = d.join("cache");
    let (a, b) = (d.join("a"), d.join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    let (log_a, log_b) = (log_path(&a), log_path(&b));
    // The same bytes in both: only the identity tells them apart.
    let text: String = (0..10)
        .map(|h| session(h, true, 2, None, None) + "\n")
        .collect();
    append(&log_a, &text);
    append(&log_b, &text);
    summarise(&log_a, Some(&cache)).unwrap();
    fs::copy(summary_path(&cache, &log_a), summary_path(&cache, &log_b)).unwrap();
    append(&log_b, &(session(50, false, 2, None, None) + "\n"));
    let got = summarise(&log_b, Some(&cache)).unwrap();
    assert_eq!(
        got.read,
        fs::metadata(&log_b).unwrap().len(),
        "read from the start"
    );
    assert_eq!(got.summary.sessions, 11);
}

#[test]
fn a_fifo_where_the_summary_goes_is_neither_waited_on_nor_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let d = dir("fifo");
    let (data, cache) = (d.join("data"), d.join("cache"));
    fs::create_dir_all(&data).unwrap();
    fs::create_dir_all(&cache).unwrap();
    let log = log_path(&data);
    append(&log, &(session(1, true, 2, None, None) + "\n"));
    let kept = summary_path(&cache, &log);
    let made = std::process::Command::new("mkfifo").arg(&kept).status();
    if !made.is_ok_and(|s| s.success()) {
        support::skip("mkfifo could not make a FIFO here");
        return;
    }
    let got = summarise(&log, Some(&cache)).unwrap();
    assert_eq!(got.summary.sessions, 1);
    assert!(got.note.unwrap().contains("not a regular file"));
    assert!(fs::symlink_metadata(&kept).unwrap().file_type().is_fifo());
}

/// Two supples at once, each appending sessions through the store's writer and
/// summarising after each (one kept summary, one log): nothing is lost, no kept
/// summary is ever found damaged, and the last start's summary is a full read's.
#[test]
fn two_writers_appending_and_summarising_at_once_lose_nothing() {
    let d = dir("two-writers");
    let (data, cache) = (d.join("data"), d.join("cache"));
    fs::create_dir_all(&data).unwrap();
    let log = log_path(&data);
    const EACH: u32 = 150;
    std::thread::scope(|s| {
        for writer in 0..2u32 {
            let (data, cache, log) = (&data, &cache, &log);
            s.spawn(move || {
                for i in 0..EACH {
                    let text = session(writer * 1000 + i, true, 1 + i % 2, Some(3), Some(2));
                    let record: Record = serde_json::from_str(&text).unwrap();
                    supple::store::log::append(data, &record).unwrap();
                    let got = summarise(log, Some(cache)).unwrap();
                    assert_eq!(got.note, None, "a kept summary was found damaged");
                    // The other writer's line can be caught half written (one
                    // write, but a reader may see part of it): the last line, cut
                    // short for that instant, and never kept in the summary. Any
                    // other skip is a fault.
                    let skips = &got.summary.skips;
                    assert!(
                        skips.is_empty()
                            || (skips.len() == 1
                                && skips.iter().all(|k| k.why.contains("cut short"))),
                        "{skips:?}"
                    );
                    assert!(got.summary.sessions > u64::from(i));
                }
            });
        }
    });
    let got = summarise(&log, Some(&cache)).unwrap();
    let full = read_log(&log).unwrap();
    assert_eq!(full.sessions.len(), 2 * EACH as usize);
    assert_eq!(got.summary.sessions, u64::from(2 * EACH));
    assert_eq!(got.note, None);
    agrees(&got.summary, &full).unwrap();
    // And from nothing kept: the same.
    agrees(&summarise(&log, None).unwrap().summary, &full).unwrap();
}

/// A symlink where the summary is kept, to a file that is not a summary: that
/// file is someone else's and is never written through; the summary is made
/// from the log, with a note, each time.
#[test]
fn a_link_to_someone_elses_file_is_left_alone() {
    let d = dir("link");
    let (data, cache) = (d.join("data"), d.join("cache"));
    fs::create_dir_all(&data).unwrap();
    fs::create_dir_all(&cache).unwrap();
    let log = log_path(&data);
    let text: String = (0..10)
        .map(|h| session(h, true, 2, None, None) + "\n")
        .collect();
    append(&log, &text);
    let theirs = d.join("notes.txt");
    fs::write(&theirs, "my own notes\n").unwrap();
    std::os::unix::fs::symlink(&theirs, summary_path(&cache, &log)).unwrap();
    for _ in 0..2 {
        let got = summarise(&log, Some(&cache)).unwrap();
        assert_eq!(got.summary.sessions, 10);
        let note = got.note.expect("a note");
        assert!(note.contains("left as it is"), "{note}");
        assert_eq!(fs::read_to_string(&theirs).unwrap(), "my own notes\n");
        assert!(
            fs::symlink_metadata(summary_path(&cache, &log))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

/// The read log a start builds (`ctx::ReadLog`): its sessions are the kept
/// summary's while no session ends after now, and every record's, read again,
/// when one does (a clock set back), which the kept ones cannot stand in for.
#[test]
fn a_clock_set_back_reads_every_record_for_today() {
    use supple::ctx::{Ctx, Folders, Terminals, Time};
    let d = dir("set-back");
    let data = d.join("data");
    fs::create_dir_all(&data).unwrap();
    let log = log_path(&data);
    // One session an hour over 40 days; with a pain score every third.
    let text: String = (0..40 * 24)
        .map(|h| session(h, h % 2 == 0, 2, None, (h % 3 == 0).then_some(4)) + "\n")
        .collect();
    append(&log, &text);
    let full: Vec<Brief> = read_log(&log)
        .unwrap()
        .sessions
        .iter()
        .map(Brief::of)
        .collect();
    let ctx_at = |now: &str| {
        Ctx::new(
            Folders {
                library: supple::store::library::Library::with_user_dir(None),
                plans: supple::store::plans::Plans::with_user_dir(None),
                data: Some(data.clone()),
                config_dir: None,
                state: None,
                cache: Some(d.join("cache")),
            },
            Time {
                now: now.parse().unwrap(),
                tz: jiff::tz::TimeZone::UTC,
                clock: Box::new(supple::shell::clock::BootClock::new()),
            },
            Terminals::default(),
            supple::cli::definition,
            Box::new(std::io::sink()),
            Box::new(std::io::sink()),
        )
    };
    // After every session: the kept ones, a few of the log's.
    let later = ctx_at("2026-02-15T00:00:00Z");
    let read = later.log().unwrap();
    let kept = read.sessions(later.now);
    assert!(
        kept.len() < full.len() / 2,
        "{} of {}",
        kept.len(),
        full.len()
    );
    assert_eq!(kept[..], full[full.len() - kept.len()..]);
    // Before the last ones ended: every session, from the log.
    let earlier = ctx_at("2026-02-01T00:00:00Z");
    let read = earlier.log().unwrap();
    let all = read.sessions(earlier.now);
    assert_eq!(all[..], full[..]);
}

/// A kept summary whose sessions do not read (its text damaged inside, its JSON
/// whole): a start that needs no fold leaves them unread and Today reads the
/// log instead; one that folds an appended line makes the summary again, with
/// a note. Never an error, never a session lost.
#[test]
fn kept_sessions_that_do_not_read_are_read_from_the_log() {
    let d = dir("sessions-damaged");
    let (data, cache) = (d.join("data"), d.join("cache"));
    fs::create_dir_all(&data).unwrap();
    let log = log_path(&data);
    let text: String = (0..48)
        .map(|h| session(h, h % 2 == 0, 2, None, Some(3)) + "\n")
        .collect();
    append(&log, &text);
    summarise(&log, Some(&cache)).unwrap();
    let path = summary_path(&cache, &log);
    let mut kept: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let sessions = &mut kept["summary"]["kept"]["recent"]["sessions"];
    assert!(
        sessions.as_str().is_some_and(|l| l.len() > 48 * 8),
        "{kept}"
    );
    *sessions = "7 9 not a session".into();
    fs::write(&path, kept.to_string()).unwrap();
    // Nothing appended: read as it is; its sessions do not read.
    let got = summarise(&log, Some(&cache)).unwrap();
    assert_eq!((got.read, got.note.as_deref()), (0, None));
    assert_eq!(got.summary.tail(), None);
    assert_eq!(got.summary.sessions, 48);
    // Today reads the log instead.
    let ctx = supple::ctx::Ctx::new(
        supple::ctx::Folders {
            library: supple::store::library::Library::with_user_dir(None),
            plans: supple::store::plans::Plans::with_user_dir(None),
            data: Some(data.clone()),
            config_dir: None,
            state: None,
            cache: Some(cache.clone()),
        },
        supple::ctx::Time {
            now: "2026-03-01T00:00:00Z".parse().unwrap(),
            tz: jiff::tz::TimeZone::UTC,
            clock: Box::new(supple::shell::clock::BootClock::new()),
        },
        supple::ctx::Terminals::default(),
        supple::cli::definition,
        Box::new(std::io::sink()),
        Box::new(std::io::sink()),
    );
    let full = read_log(&log).unwrap();
    let sessions = ctx.log().unwrap().sessions(ctx.now);
    let every: Vec<Brief> = full.sessions.iter().map(Brief::of).collect();
    assert_eq!(sessions[..], every[..]);
    // A line appended: made again from the log, with a note.
    append(&log, &(session(50, true, 2, None, Some(2)) + "\n"));
    let got = summarise(&log, Some(&cache)).unwrap();
    let note = got.note.expect("a note");
    assert!(
        note.contains("is damaged") && note.contains("made again from the log"),
        "{note}"
    );
    agrees(&got.summary, &read_log(&log).unwrap()).unwrap();
    let again = summarise(&log, Some(&cache)).unwrap();
    assert_eq!((again.read, again.note), (0, None));
    assert!(again.summary.tail().is_some());
}

/// A kept session holds whether it did enough to count and the time it walked
/// as Today's rules made them when it was kept (core::history::brief::kept), not
/// the numbers they were made from: a change of either rule must come with a
/// new version of the kept summary, or a kept file would go on giving the old
/// rule's answers. These are the rules' answers at version 7.
#[test]
fn the_kept_summary_s_version_changes_with_today_s_rules() {
    let record = |routine: &str, outcome: &str, timed: (u64, u64), reps: (u32, u32)| {
        serde_json::json!({
            "v": 1, "kind": "routine", "name": "Test", "routine": routine,
            "start": at(0), "end": at(1), "active_seconds": 300, "outcome": outcome,
            "exercises": [{"name": "A", "reps_done": reps.0, "reps_planned": reps.1,
                           "seconds_done": timed.0, "seconds_planned": timed.1, "skipped": false}],
        })
        .to_string()
    };
    let lines = [
        record("test", "finished", (10, 100), (0, 0)),
        record("test", "stopped", (74, 100), (0, 0)),
        record("test", "stopped", (75, 100), (0, 0)),
        record("test", "stopped", (0, 0), (3, 4)),
        record("test", "stopped", (0, 0), (2, 4)),
        record("test", "stopped", (80, 100), (1, 4)),
        record("walk", "finished", (600, 600), (0, 0)),
        record("walk", "stopped", (0, 0), (0, 0)),
        record("walks", "stopped", (0, 0), (0, 0)),
    ];
    let log = supple::core::history::parse_log(lines.join("\n").as_bytes());
    let answers: Vec<(bool, u64)> = log
        .sessions
        .iter()
        .map(|r| {
            (
                supple::core::today::enough(r),
                supple::core::today::walked_in(r).as_secs(),
            )
        })
        .collect();
    assert_eq!(
        (Summary::VERSION, answers),
        (
            7,
            vec![
                (true, 0),
                (false, 0),
                (true, 0),
                (true, 0),
                (false, 0),
                (true, 0),
                (true, 600),
                (false, 300),
                (false, 0),
            ]
        ),
        "Today's rules changed: give the kept summary a new version (Summary's \
         Fold::VERSION in src/store/summary.rs) and these answers"
    );
}
