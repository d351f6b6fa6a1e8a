#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `supple report`: the page and the CSV for four synthetic weeks (snapshots, fixed
//! time, UTC), the command as a person runs it, and the page in a real browser:
//! headless Chromium draws it to a PNG, which must not be blank.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use supple::core::history::parse_log;
use supple::core::report;
use supple::store::library::Library;

mod support;
use support::{TestHome, skip};

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

/// Average pain over the last 24 hours, each day of the episode (`supple pain`).
const DAILY_PAIN: [u8; 10] = [8, 8, 7, 6, 6, 5, 4, 3, 2, 2];

/// Four weeks: desk breaks and a core routine before the episode; from nine days
/// ago a back spasm, with ice, then heat (dropped after five days), walks and the
/// gentle routine, pain falling from 8 to 2 (daily) and reps rising; one session
/// stopped halfway, one flare, two notes.
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
        // Average pain over the last 24 hours, each morning.
        lines.push(format!(
            r#"{{"kind":"pain","v":1,"at":"{}","pain":{}}}"#,
            at(day, 9) + SignedDuration::from_mins(30),
            DAILY_PAIN[usize::try_from(d).unwrap()]
        ));
        if d < 2 {
            lines.push(pack_line(at(day, 10), "ice", 2));
            lines.push(pack_line(at(day, 15), "ice", 1));
        } else if d < 7 {
            // Heat dropped after the fifth day of it.
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
            // Day 4 of the episode stopped at the pelvic tilt; day 6 flared (5 → 7).
            let stopped = d == 3;
            let after = if d == 5 {
                pain_before + 2
            } else {
                pain_before.saturating_sub(1 + u8::from(d > 5))
            };
            let line = routine_line(
                at(day, 17),
                if stopped { 3 } else { 7 },
                "back-spasm-relief",
                "Back spasm relief",
                &[
                    ("Cat-Cow", reps + 2, reps + 2),
                    ("Pelvic tilt", if stopped { 2 } else { reps }, reps),
                    ("Glute bridge", if stopped { 0 } else { reps - 1 }, reps),
                ],
                Some((pain_before, after)),
                !stopped,
            );
            lines.push(if stopped {
                line.replace(
                    r#""outcome":"stopped""#,
                    r#""outcome":"stopped","stopped_at":"Pelvic tilt, exercise 2 of 3""#,
                )
            } else {
                line
            });
        }
        // Two activities on the Patient-Specific Functional Scale, named on the
        // first day and rated again a week later: socks 2 → 6 (beyond the 3
        // points of one activity's measurement error), sitting 3 → 4 (within it),
        // their average 2.5 → 5.0 (beyond the average's 2).
        if d == 0 || d == 7 {
            for (activity, first, later) in
                [("Putting on socks", 2, 6), ("Sitting for an hour", 3, 4)]
            {
                lines.push(format!(
                    r#"{{"kind":"function","v":1,"at":"{}","activity":"{activity}","score":{}}}"#,
                    at(day, 9) + SignedDuration::from_mins(31),
                    if d == 0 { first } else { later }
                ));
            }
        }
        if d == 5 {
            lines.push(format!(
                r#"{{"kind":"note","v":1,"at":"{}","text":"flared after lifting the shopping"}}"#,
                at(day, 18)
            ));
        }
        if d == 8 {
            lines.push(format!(
                r#"{{"kind":"note","v":1,"at":"{}","text":"walked to the shop & back without stopping <3"}}"#,
                at(day, 13)
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
    let mut r = report::build(&log, now(), &jiff::tz::TimeZone::UTC, 28, &|name| {
        (name == "back-spasm").then_some(&plan)
    });
    report::prescribe(&mut r, &|id| {
        library.resolve(id).ok().and_then(|e| e.routine.ok())
    });
    r
}

#[test]
fn the_figures_add_up() {
    let r = built();
    assert_eq!(r.days.len(), 28);
    assert_eq!(r.from.to_string(), "2026-11-04");
    assert_eq!(r.to.to_string(), "2026-12-01");
    assert_eq!(r.skipped, 1);
    // Exercise and walking, and packs apart, add up to every session's time.
    let active: u64 = r
        .days
        .iter()
        .map(|d| d.active_seconds + d.pack_seconds)
        .sum();
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
    // The summary's figures, worked out by hand from synthetic_log().
    // Daily pain: the first three days 8, 8, 7 (mean 23/3 = 7.67); the last seven
    // (25 Nov to 1 Dec) 6, 6, 5, 4, 3, 2, 2 (mean 28/7 = 4.0): down 3.67 points,
    // 47.8 %, more than 2 points, so an important change.
    let t = r.pain_trend().unwrap();
    assert!((t.first - 23.0 / 3.0).abs() < 1e-9, "{t:?}");
    assert!((t.last - 4.0).abs() < 1e-9 && t.last_count == 7, "{t:?}");
    assert!((t.fall - 11.0 / 3.0).abs() < 1e-9, "{t:?}");
    assert!((t.share - 11.0 / 23.0).abs() < 1e-9, "{t:?}");
    assert!(t.important());
    assert_eq!(t.first_days.0.to_string(), "2026-11-22");
    // Adherence, 23 to 30 Nov (onset day and today left out), by the plan's stages
    // (first three days to 25 Nov 08:00, days four to seven to 29 Nov 08:00, then
    // weeks two to twelve) and Today's counting rules:
    // exercise (the relief routine and breathing; core on Sunday): 23rd 0/2, 24th
    // 1/2, 25th-28th 1/3 each (two relief routines and breathing asked; the 25th's
    // stopped one did its timed work, so counts), 29th 1/1 and core 0/1 (the stage
    // began that Sunday, so one of the week's three fits), 30th 1/1: 7 of 19.
    // walking, in minutes as Today counts them (5 walked a day, 40 in all):
    // against 3 × 5 = 15 asked on the 23rd and 24th, 3 × 10 = 30 on the
    // 25th-28th, 15 on the 29th and 30th: 40 of 30 + 120 + 30 = 180.
    // heat or ice, in applications: 23rd 3/3 (ice 2 + 1, two hours apart), 24th
    // 1/3, 25th-28th 1/2 each, 29th-30th 0/1 (heat dropped): 8 of 16.
    assert_eq!(
        r.adherence,
        [
            ("exercise", 7, 19),
            ("walking", 40, 180),
            ("ice or heat", 8, 16)
        ]
    );
    let (first, last) = r.adherence_days.unwrap();
    assert_eq!(
        (first.to_string().as_str(), last.to_string().as_str()),
        ("2026-11-23", "2026-11-30")
    );
    let html = report::html::render(&r);
    for said in [
        "<b>day 10</b> on Tue 1 Dec",
        "stage now: <b>Weeks two to twelve: building strength</b>",
        // 8 + 8 + 7 over the first three scores; the 2-point change is the smaller
        // (30 % of 7.7 is 2.3), so that is the criterion said.
        "7.7 over the first three daily scores (Sun 22 Nov to Tue 24 Nov)",
        "against 4.0 over the last seven days (Wed 25 Nov to Tue 1 Dec, 7 scores): down 3.7 points (48 %), <b>at least the minimal important change</b> (at least 2 points: Ostelo et al. 2008)",
        "exercise <b>37 %</b>, 7 of the 19 routine sessions asked (a session counts",
        "walking <b>22 %</b>, 40 of the 180 minutes of walking asked;",
        "ice or heat <b>50 %</b>, 8 of the 16 applications asked (each",
        // The flare on the 27th; the day after, the person gave 4.
        "Fri 27 Nov Back spasm relief, 5 → 7 (the next day's score: 4)",
        // Asked in the old combined form at the start, with a yes that stands.
        "<b class=\"alarm\">Emergency sign:</b> the person answered yes to numbness or weakness in a leg, the buttocks or the groin (Sun 22 Nov 09:00); no check by a doctor or nurse is recorded since",
        // Bird dog was done only in the week before the pain began.
        "Bird dog (before the onset) 8 → 12 reps (3 up)",
        // Planned 6, 6, 7, 7, 8, 8, 9, 9 (the stopped 6 left out): three steps.
        "Pelvic tilt 6 → 9 reps (3 up)",
        // Since the onset: 26 sessions; walks 9 × 5 min and the routine 7 × 7 + 3
        // min = 97 min; ice 6 applications and heat 5, 20 min each = 220 min.
        "<b>26</b><span>sessions since the onset, Sun 22 Nov (25 to the end)",
        "<b>1 h 37 min</b><span>exercise and walking",
        "<b>3 h 40 min</b><span>with ice or heat on",
        "<b>10 of 10</b><span>days with a session",
        // The Patient-Specific Functional Scale, rated on 22 and 29 Nov: socks
        // 2 → 6 (+4, at least the 3 points of one activity's measurement error),
        // sitting 3 → 4 (+1, within it); the average 2.5 → 5.0 (+2.5, at least 2).
        "Putting on socks 2 → 6 (+4, <b>more than measurement error</b>)",
        "Sitting for an hour 3 → 4 (+1, within measurement error)",
        "average of the 2 activities rated twice or more 2.5 → 5.0 (+2.5, <b>more than measurement error</b>)",
        // What the person wrote, in the summary.
        "<b>Notes from the person</b> (2, all in full below): Fri 27 Nov “flared after lifting the shopping”; Mon 30 Nov “walked to the shop &amp; back without stopping &lt;3”.",
    ] {
        assert!(html.contains(said), "{said}");
    }
    // A change within measurement error is never called meaningful or important.
    assert!(!html.contains("meaningful"));
    // The dose table: the glute bridge planned 6, 6, 7, 7, 8, 8, 9, 9 (60 reps),
    // done one short each time and 0 in the stopped session: 47 of 60 (78 %); the
    // pelvic tilt 2 of 6 in the stopped one, else all: 56 of 60 (93 %). Three steps
    // up each (6 → 7 → 8 → 9), the stopped session not read as a step.
    let ex = |name: &str| r.exercises.iter().find(|e| e.name == name).unwrap();
    assert!((ex("Glute bridge").done_share().unwrap() - 47.0 / 60.0).abs() < 1e-9);
    assert!((ex("Pelvic tilt").done_share().unwrap() - 56.0 / 60.0).abs() < 1e-9);
    assert_eq!(ex("Pelvic tilt").steps(), (3, 0));
    assert_eq!(ex("Shoulder rolls").steps(), (0, 0));
    assert_eq!(ex("Pelvic tilt").dose.as_deref(), Some("1 × 9 × hold 5s"));
    let html_dose = report::html::render(&r);
    assert!(html_dose.contains("stopped at Pelvic tilt, exercise 2 of 3"));
    assert!(
        html_dose
            .contains("<p><b>Unchanged</b> (the same reps planned every session): Shoulder rolls")
    );
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
    // The sources as addresses a clinician can type, not a file of the project.
    assert!(html.contains("www.nice.org.uk/guidance/ng59") && !html.contains("docs/sources.md"));
    insta::assert_snapshot!("report_html", html);
    insta::assert_snapshot!("report_csv", report::csv::render(&r));
    insta::assert_snapshot!("report_csv_exercises", report::csv::render_exercises(&r));
    insta::assert_snapshot!("report_csv_pain", report::csv::render_daily_pain(&r));
    insta::assert_snapshot!("report_csv_function", report::csv::render_function(&r));
}

/// The CSV rows as `supple report --format csv` writes them while it reads the
/// log (one record at a time, in the log's order, through the core's
/// [`report::Window`], [`report::Lateness`] and [`report::InOrder`]): the same
/// bytes as the snapshots of the report built in memory, in order or not.
#[test]
fn the_csv_rows_one_record_at_a_time_are_the_snapshots() {
    let log = parse_log(synthetic_log().as_bytes());
    let library = Library::with_user_dir(None);
    let plan = supple::store::plans::bundled("back-spasm", &library)
        .unwrap()
        .plan
        .unwrap();
    let plan_of = |name: &str| (name == "back-spasm").then_some(&plan);
    let tz = jiff::tz::TimeZone::UTC;
    let window = report::Window::new(&log.episodes, now(), &tz, 28, &plan_of);
    let stream = |records: &[&supple::core::history::Record]| {
        let mut late = report::Lateness::default();
        for r in records {
            if let Some((start, _)) = window.times(r) {
                late.add(start);
            }
        }
        let mut order = report::InOrder::new(late);
        let (mut sessions, mut exercises) = (report::csv::header(), report::csv::exercise_header());
        let mut emit = |(start, end, r): (Timestamp, Timestamp, &supple::core::history::Record)| {
            let s = window.session(r, start, end);
            report::csv::session_row(&s, &mut sessions);
            report::csv::exercise_rows(&s, &mut exercises);
        };
        for r in records {
            if let Some((start, end)) = window.times(r) {
                order.push(start, (start, end, *r), &mut emit);
            }
        }
        order.finish(&mut emit);
        (sessions, exercises)
    };
    let r = built();
    let whole = (report::csv::render(&r), report::csv::render_exercises(&r));
    let in_order: Vec<&supple::core::history::Record> = log.sessions.iter().collect();
    assert_eq!(stream(&in_order), whole);
    // Logged out of order (each pair swapped, the last first): the same rows.
    let mut shuffled = in_order.clone();
    for pair in shuffled.chunks_mut(2) {
        pair.reverse();
    }
    shuffled.rotate_right(1);
    assert_eq!(stream(&shuffled), whole);
    assert!(whole.0.lines().count() > 20, "{}", whole.0);
}

/// `supple args` in `home`, run from the home itself (`--out r.html` lands there).
fn run(home: &TestHome, args: &[&str]) -> Output {
    home.supple(args).current_dir(home.path()).run().output
}

/// A home with no config file whose log holds the synthetic weeks.
fn home_with_log() -> TestHome {
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
    TestHome::new()
        .without_config()
        .log_text(&(moved.join("\n") + "\n"))
}

#[test]
fn the_command_writes_the_page_and_the_csv() {
    let home = home_with_log();
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
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 58 skipped"));
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
    let out = run(
        &home,
        &[
            "report",
            "--format",
            "csv",
            "--rows",
            "exercises",
            "--since",
            "1w",
        ],
    );
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.starts_with("date,start,routine,name,episode_day,exercise,reps_planned,reps_done,"),
        "{csv}"
    );
    assert!(
        csv.contains(",Pelvic tilt,6,2,60,60,false,stopped"),
        "{csv}"
    );
    assert_eq!(
        run(&home, &["report", "--rows", "exercises"]).status.code(),
        Some(2)
    );
    let out = run(
        &home,
        &[
            "report", "--format", "csv", "--rows", "pain", "--since", "1w",
        ],
    );
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    // The last week of DAILY_PAIN (moved to end now), one row a day.
    assert!(csv.starts_with("date,average_pain_24h\r\n"), "{csv}");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!((6..=8).contains(&rows.len()), "{csv}");
    assert!(
        rows.iter()
            .all(|r| r.len() == 12 && r.ends_with(|c: char| c.is_ascii_digit())),
        "{csv}"
    );

    let out = run(&home, &["report", "--since", "forever"]);
    assert_eq!(out.status.code(), Some(2));

    // A note and the day's pain from the shell, each a record of its own kind; the
    // page lists the note, under the name the config gives.
    let out = run(&home, &["note", "bent", "to", "tie", "my", "shoes"]);
    assert!(out.status.success(), "{out:?}");
    let out = run(&home, &["pain", "3"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("3/10"));
    assert_eq!(run(&home, &["pain", "11"]).status.code(), Some(2));
    let log = fs::read_to_string(home.join("data/supple/history.jsonl")).unwrap();
    assert!(log.contains(r#""kind":"note""#) && log.contains(r#""kind":"pain","v":1"#));
    fs::write(home.config_file(), "[report]\nname = \"Sam Taylor\"\n").unwrap();
    let out = run(&home, &["report", "--out", "-"]);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.contains("bent to tie my shoes"), "{page}");
    assert!(page.contains("<h1>Back care report: Sam Taylor</h1>"));
    assert!(page.contains("flared after lifting the shopping"));

    // What the help shows: months and years as calendar spans from today.
    for since in ["3months", "2y", "1 month", "4w"] {
        let out = run(&home, &["report", "--since", since, "--out", "-"]);
        assert!(
            out.status.success(),
            "{since}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(&home, &["report", "--since", "3y"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

#[test]
fn since_counts_months_and_years_on_the_calendar() {
    use report::Period;
    let today: jiff::civil::Date = "2026-12-07".parse().unwrap();
    let days = |s: &str| Period::parse(s).unwrap().days(today);
    // 7 September to 7 December, both counted.
    assert_eq!(days("3months"), 92);
    assert_eq!(days("1 month"), 31);
    assert_eq!(days("1y"), 366);
    assert_eq!(days("2y"), 731);
    assert_eq!(days("4w"), 28);
    assert_eq!(days("10d"), 10);
    // A lone M is still minutes mistyped, and three years is too far.
    assert!(Period::parse("3M").is_err());
    assert!(Period::parse("25months").is_err());
    assert!(Period::parse("0y").is_err());
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
        skip("Chromium is not installed (as root, .ci/run installs it with apt-get)");
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
    let home = home_with_log();
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
    } else {
        skip("the device node: mknod needs root");
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

/// Notes and daily pain are records of their own kinds: read into `marks`, never
/// mistaken for sessions; an absurd one is skipped with its reason, as a session is.
#[test]
fn notes_and_daily_pain_are_records_of_their_own() {
    use supple::core::history::mark::Mark;
    let log = parse_log(
        concat!(
            r#"{"kind":"note","v":1,"at":"2026-11-27T18:00:00+01:00","text":"flared"}"#,
            "\n",
            r#"{"kind":"pain","v":1,"at":"2026-11-28T09:00:00+01:00","pain":4}"#,
            "\n",
            r#"{"kind":"pain","v":1,"at":"2026-11-28T09:00:00+01:00","pain":11}"#,
            "\n",
            r#"{"kind":"note","v":1,"at":"2026-11-28T09:00:00+01:00","text":"  "}"#,
            "\n",
        )
        .as_bytes(),
    );
    assert!(log.sessions.is_empty() && log.episodes.is_empty());
    assert_eq!(log.marks.len(), 2);
    assert!(matches!(&log.marks[0], Mark::Note(n) if n.text == "flared"));
    assert!(matches!(&log.marks[1], Mark::Pain(p) if p.pain == 4));
    let why: Vec<&str> = log.skips.iter().map(|s| s.why.as_str()).collect();
    assert_eq!(why, ["pain 11 is not 0-10", "the note is empty"]);
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

/// A short period keeps each activity's first rating of the episode: the
/// baseline a clinician compares with does not move with `--since`.
#[test]
fn a_short_period_keeps_the_episodes_first_rating() {
    let log = parse_log(synthetic_log().as_bytes());
    let plan = |_: &str| None;
    // The last three days (29 Nov to 1 Dec); the first ratings were on 22 Nov.
    let r = report::build(&log, now(), &jiff::tz::TimeZone::UTC, 3, &plan);
    assert_eq!(r.from.to_string(), "2026-11-29");
    let socks = r
        .function
        .iter()
        .find(|t| t.activity == "Putting on socks")
        .expect("the activity");
    let dates: Vec<String> = socks.ratings.iter().map(|(d, _)| d.to_string()).collect();
    assert_eq!(dates, ["2026-11-22", "2026-11-29"]);
    assert_eq!(socks.change(), Some(4));
}
