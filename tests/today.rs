#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Today, with fake time: what is done and needed across midnight and time zones,
//! min_gap, the week from Monday, the rule for a stopped session, the next step and
//! the safety lines from the log.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use supple::core::episode::{Answers, DEFAULT_PLAN, Episode, Round, Screening};
use supple::core::history::{ExerciseRecord, Outcome, Record, SessionKind, VERSION};
use supple::core::plan::{Plan, parse};
use supple::core::red_flags::{Sign, Tier};
use supple::core::today::{Next, safety, today};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn episode(onset: &str) -> Episode {
    Episode {
        onset: ts(onset),
        ended: None,
        plan: DEFAULT_PLAN.into(),
        screening: Screening::default(),
    }
}

const PLAN: &str = r#"
name = "Test"
[[stage]]
name = "Early"
from = "0h"
until = "48h"
items = [
  { pack = "ice", per_day = 3, min_gap = "2h" },
  { routine = "back-spasm-relief", per_day = 1 },
  { walk = "5m", per_day = 2 },
]
[[stage]]
name = "Later"
from = "48h"
items = [ { routine = "core-strength", per_week = 3 } ]
"#;

/// No sessions (Today reads any `Session`: these are records).
const NO_SESSIONS: &[Record] = &[];

fn plan() -> Plan {
    parse(PLAN).unwrap()
}

fn session(kind: SessionKind, routine: Option<&str>, start: &str, end: &str) -> Record {
    Record {
        v: VERSION,
        kind,
        name: "x".into(),
        routine: routine.map(String::from),
        hash: None,
        start: start.into(),
        end: end.into(),
        active_seconds: 60,
        outcome: Outcome::Finished,
        stopped_at: None,
        exercises: Vec::new(),
        pain_before: None,
        pain_after: None,
        applications_done: None,
        applications_planned: None,
        applications_skipped: None,
        applied_seconds: Vec::new(),
        missed_switches: Vec::new(),
    }
}

fn ice(end: &str, applications: u32) -> Record {
    Record {
        applications_done: Some(applications),
        applications_planned: Some(applications),
        ..session(SessionKind::Ice, None, end, end)
    }
}

fn routine(name: &str, end: &str) -> Record {
    session(SessionKind::Routine, Some(name), end, end)
}

/// A walk of `minutes`, finished, ending at `end`.
fn walk(minutes: u64, end: &str) -> Record {
    Record {
        active_seconds: minutes * 60,
        ..routine("walk", end)
    }
}

/// An ice session whose applications were on for these many seconds each.
fn ice_on(end: &str, seconds: &[u64]) -> Record {
    Record {
        applied_seconds: seconds.to_vec(),
        ..ice(end, u32::try_from(seconds.len()).unwrap())
    }
}

#[test]
fn ice_applications_count_today_and_min_gap_says_when_next() {
    let plan = plan();
    let tz = TimeZone::UTC;
    let e = episode("2026-12-01T06:00:00Z");
    let log = [
        ice("2026-12-01T09:00:00Z", 1),
        ice("2026-12-01T12:20:00Z", 1),
    ];
    let now = ts("2026-12-01T13:00:00Z");
    let t = today(&plan, &e, &log, now, &tz);
    assert_eq!(t.day, 1);
    assert_eq!(t.stage.unwrap().1.name, "Early");
    let ice = &t.items[0];
    assert_eq!((ice.done, ice.needed), (2, 3));
    assert_eq!(ice.ready_at, Some(ts("2026-12-01T14:20:00Z")));
    assert_eq!(ice.text("Ice", &tz), "Ice: 2 of 3 today, next after 14:20");
    // The ice waits, so the next step is the routine.
    assert_eq!(t.next, Next::Item(1));
    // One session of three applications is three.
    let t = today(&plan, &e, &[ice_three()], now, &tz);
    assert!(t.items[0].complete());
}

fn ice_three() -> Record {
    ice("2026-12-01T11:00:00Z", 3)
}

#[test]
fn a_day_starts_at_local_midnight() {
    let plan = plan();
    let paris = TimeZone::get("Europe/Paris").unwrap();
    let e = episode("2026-11-30T20:00:00Z");
    // 23:30 UTC on the 30th is 00:30 on the 1st in Paris: yesterday there.
    let log = [routine("back-spasm-relief", "2026-11-30T22:30:00Z")];
    let now = ts("2026-12-01T08:00:00Z");
    assert_eq!(today(&plan, &e, &log, now, &paris).items[1].done, 0);
    let log = [routine("back-spasm-relief", "2026-11-30T23:30:00Z")];
    assert_eq!(today(&plan, &e, &log, now, &paris).items[1].done, 1);
    // The same session in UTC was yesterday.
    assert_eq!(today(&plan, &e, &log, now, &TimeZone::UTC).items[1].done, 0);
}

#[test]
fn min_gap_reaches_back_over_midnight() {
    let plan = plan();
    let e = episode("2026-11-30T12:00:00Z");
    let log = [ice("2026-11-30T23:30:00Z", 1)];
    let t = today(&plan, &e, &log, ts("2026-12-01T00:30:00Z"), &TimeZone::UTC);
    assert_eq!(t.items[0].done, 0);
    assert_eq!(t.items[0].ready_at, Some(ts("2026-12-01T01:30:00Z")));
}

#[test]
fn a_week_counts_from_monday_and_nothing_before_the_pain_began() {
    let plan = plan();
    let tz = TimeZone::UTC;
    // 2026-11-30 is a Monday; the episode began on Thursday the 26th.
    let e = episode("2026-11-26T08:00:00Z");
    let log = [
        routine("core-strength", "2026-11-29T10:00:00Z"), // Sunday: last week
        routine("core-strength", "2026-11-30T10:00:00Z"), // Monday
        routine("core-strength", "2026-12-01T10:00:00Z"),
    ];
    let on_tuesday = today(&plan, &e, &log, ts("2026-12-01T18:00:00Z"), &tz);
    assert_eq!(on_tuesday.stage.unwrap().1.name, "Later");
    assert_eq!(on_tuesday.items[0].done, 2);
    assert_eq!(on_tuesday.items[0].window(), "this week");
    // On Sunday the 6th the week still holds Monday's and Tuesday's.
    let on_sunday = today(&plan, &e, &log, ts("2026-12-06T22:00:00Z"), &tz);
    assert_eq!(on_sunday.items[0].done, 2);
    // The next Monday starts again.
    let next_monday = today(&plan, &e, &log, ts("2026-12-07T09:00:00Z"), &tz);
    assert_eq!(next_monday.items[0].done, 0);
    // A session before the onset does not count, even this week.
    let late = episode("2026-11-30T12:00:00Z");
    let t = today(&plan, &late, &log, ts("2026-12-03T18:00:00Z"), &tz);
    assert_eq!(t.items[0].done, 1);
}

#[test]
fn a_stopped_session_counts_from_three_quarters_of_its_work() {
    let plan = plan();
    let e = episode("2026-12-01T06:00:00Z");
    let stopped = |done: u64| Record {
        outcome: Outcome::Stopped,
        exercises: vec![ExerciseRecord {
            name: "Cat-Cow".into(),
            reps_done: 1,
            reps_planned: 1,
            seconds_done: done,
            seconds_planned: 300,
            skipped: false,
        }],
        ..routine("back-spasm-relief", "2026-12-01T10:00:00Z")
    };
    let now = ts("2026-12-01T12:00:00Z");
    let done = |r: Record| today(&plan, &e, &[r], now, &TimeZone::UTC).items[1].done;
    assert_eq!(done(stopped(225)), 1);
    assert_eq!(done(stopped(224)), 0);
}

#[test]
fn walks_count_the_minutes_walked_against_the_minutes_asked() {
    let plan = plan();
    let tz = TimeZone::UTC;
    let e = episode("2026-12-01T06:00:00Z");
    let now = ts("2026-12-01T12:00:00Z");
    // A 1-minute walk does not tick a 5-minute one.
    let t = today(&plan, &e, &[walk(1, "2026-12-01T09:00:00Z")], now, &tz);
    assert_eq!((t.items[2].done, t.items[2].needed), (0, 2));
    assert_eq!(
        t.items[2].text("Walk 5m", &tz),
        "Walk 5m: 1 of 10 minutes today"
    );
    // 3 and 4 minutes make one walk of 5 and 2 minutes towards the next.
    let log = [
        walk(3, "2026-12-01T09:00:00Z"),
        walk(4, "2026-12-01T10:00:00Z"),
    ];
    let t = today(&plan, &e, &log, now, &tz);
    assert_eq!(t.items[2].done, 1);
    assert_eq!(
        t.items[2].text("Walk 5m", &tz),
        "Walk 5m: 7 of 10 minutes today"
    );
    // A stopped walk counts what was walked.
    let stopped = Record {
        outcome: Outcome::Stopped,
        exercises: vec![ExerciseRecord {
            name: "Walk out".into(),
            reps_done: 1,
            reps_planned: 1,
            seconds_done: 150,
            seconds_planned: 150,
            skipped: false,
        }],
        ..walk(9, "2026-12-01T11:00:00Z")
    };
    let t = today(&plan, &e, &[stopped], now, &tz);
    assert_eq!(
        t.items[2].text("Walk 5m", &tz),
        "Walk 5m: 2 of 10 minutes today"
    );
    // Yesterday's minutes are yesterday's.
    let t = today(&plan, &e, &[walk(20, "2026-11-30T22:00:00Z")], now, &tz);
    assert_eq!(t.items[2].done, 0);
}

#[test]
fn a_pack_application_counts_from_three_quarters_of_its_on() {
    let tz = TimeZone::UTC;
    let e = episode("2026-12-01T06:00:00Z");
    let now = ts("2026-12-01T12:00:00Z");
    let plan = plan();
    let done = |plan: &Plan, r: Record| today(plan, &e, &[r], now, &tz).items[0].done;
    // 20 minutes asked: 15 count, 5 seconds and 14m59s do not.
    assert_eq!(done(&plan, ice_on("2026-12-01T10:00:00Z", &[5])), 0);
    assert_eq!(done(&plan, ice_on("2026-12-01T10:00:00Z", &[899])), 0);
    assert_eq!(done(&plan, ice_on("2026-12-01T10:00:00Z", &[900])), 1);
    assert_eq!(
        done(&plan, ice_on("2026-12-01T10:00:00Z", &[1200, 30, 1200])),
        2
    );
    // The config file's `on` (10 minutes) is what is asked when the item gives none.
    let ten = plan
        .clone()
        .with_pack_on(Some(std::time::Duration::from_secs(600)));
    assert_eq!(done(&ten, ice_on("2026-12-01T10:00:00Z", &[450])), 1);
    // The item's own `on` wins.
    let own =
        parse(&PLAN.replace("per_day = 3, min_gap", "per_day = 3, on = \"12m\", min_gap")).unwrap();
    assert_eq!(done(&own, ice_on("2026-12-01T10:00:00Z", &[540])), 1);
    assert_eq!(done(&own, ice_on("2026-12-01T10:00:00Z", &[539])), 0);
}

#[test]
fn an_application_before_min_gap_has_passed_is_not_a_new_one() {
    let plan = plan();
    let tz = TimeZone::UTC;
    let e = episode("2026-12-01T06:00:00Z");
    let now = ts("2026-12-01T16:00:00Z");
    // 09:00-09:20, then again from 09:40: the second started before the 2 hours.
    let first = Record {
        start: "2026-12-01T09:00:00Z".into(),
        ..ice_on("2026-12-01T09:20:00Z", &[1200])
    };
    let again = Record {
        start: "2026-12-01T09:40:00Z".into(),
        ..ice_on("2026-12-01T10:00:00Z", &[1200])
    };
    let t = today(&plan, &e, &[first.clone(), again], now, &tz);
    assert_eq!(t.items[0].done, 1);
    // From 12:00 (two hours after the last ended) a new one counts.
    let later = Record {
        start: "2026-12-01T12:00:00Z".into(),
        ..ice_on("2026-12-01T12:20:00Z", &[1200])
    };
    let t = today(&plan, &e, &[first, later], now, &tz);
    assert_eq!(t.items[0].done, 2);
}

#[test]
fn the_onset_day_asks_only_for_what_fits_the_hours_left() {
    let plan = plan();
    let tz = TimeZone::UTC;
    // Began at 18:30: four and a half waking hours are left (to 23:00).
    let e = episode("2026-12-01T18:30:00Z");
    let t = today(&plan, &e, NO_SESSIONS, ts("2026-12-01T18:40:00Z"), &tz);
    let needed: Vec<u32> = t.items.iter().map(|i| i.needed).collect();
    assert_eq!(needed, [1, 1, 1]);
    // Began at 13:00: ten of sixteen waking hours are left.
    let e = episode("2026-12-01T13:00:00Z");
    let t = today(&plan, &e, NO_SESSIONS, ts("2026-12-01T13:10:00Z"), &tz);
    let needed: Vec<u32> = t.items.iter().map(|i| i.needed).collect();
    assert_eq!(needed, [2, 1, 2]);
    // Began before waking hours: the whole day; and the next day asks it all.
    let e = episode("2026-12-01T05:00:00Z");
    assert_eq!(
        today(&plan, &e, NO_SESSIONS, ts("2026-12-01T06:00:00Z"), &tz).items[0].needed,
        3
    );
    let e = episode("2026-12-01T18:30:00Z");
    assert_eq!(
        today(&plan, &e, NO_SESSIONS, ts("2026-12-02T08:00:00Z"), &tz).items[0].needed,
        3
    );
}

#[test]
fn the_day_a_stage_begins_asks_only_for_what_fits_and_a_week_is_in_progress() {
    const STAGES: &str = r#"
name = "Test"
[[stage]]
name = "Early"
from = "0h"
until = "48h"
items = [ { pack = "ice", per_day = 3 } ]
[[stage]]
name = "Later"
from = "48h"
items = [
  { pack = "heat or ice", per_day = 2, min_gap = "2h" },
  { routine = "core-strength", per_week = 3 },
]
"#;
    let plan = parse(STAGES).unwrap();
    let tz = TimeZone::UTC;
    // 2026-12-02 is a Wednesday; the stage "Later" begins at 19:00 that day.
    let e = episode("2026-11-30T19:00:00Z");
    let t = today(&plan, &e, NO_SESSIONS, ts("2026-12-02T19:30:00Z"), &tz);
    assert_eq!(t.stage.unwrap().1.name, "Later");
    assert_eq!(t.items[0].needed, 1);
    // Wednesday to Sunday is five days of seven: three a week still fits.
    assert_eq!(t.items[1].needed, 3);
    // The morning's ice of the stage before counts for "heat or ice".
    let log = [ice_on("2026-12-02T09:00:00Z", &[1200])];
    assert_eq!(
        today(&plan, &e, &log, ts("2026-12-02T19:30:00Z"), &tz).items[0].done,
        1
    );
    // The next day asks the stage's whole day.
    let t = today(&plan, &e, NO_SESSIONS, ts("2026-12-03T08:00:00Z"), &tz);
    assert_eq!(t.items[0].needed, 2);
    // A week's item is in progress until the week ends, never missed on Monday.
    let monday = today(&plan, &e, NO_SESSIONS, ts("2026-12-07T08:00:00Z"), &tz);
    let text = monday.items[1].text("Core strength", &tz);
    assert_eq!(text, "Core strength: 0 of 3 this week, in progress");
    assert!(!text.contains("missed"));
    let e = episode("2026-11-26T19:00:00Z");
    // Began on a Saturday (the 28th): two days of seven, one of three fits.
    let t = today(&plan, &e, NO_SESSIONS, ts("2026-11-28T20:00:00Z"), &tz);
    assert_eq!(t.items[1].needed, 1);
}

#[test]
fn heat_or_ice_counts_either_and_starts_the_last_one_chosen() {
    use supple::core::pack::Treatment;
    use supple::core::today::pack_choice;
    const EITHER: &str = r#"
name = "Test"
[[stage]]
name = "All"
from = "0h"
items = [ { pack = "heat or ice", per_day = 3 } ]
"#;
    let plan = parse(EITHER).unwrap();
    let tz = TimeZone::UTC;
    let e = episode("2026-12-01T06:00:00Z");
    let heat = Record {
        kind: SessionKind::Heat,
        ..ice_on("2026-12-01T10:00:00Z", &[1200])
    };
    let log = [ice_on("2026-12-01T09:00:00Z", &[1200]), heat.clone()];
    let t = today(&plan, &e, &log, ts("2026-12-01T12:00:00Z"), &tz);
    assert_eq!(t.items[0].done, 2);
    assert_eq!(t.items[0].item.activity.label(), "Heat or ice");
    // The last one used is the one it starts; heat before any choice.
    assert_eq!(t.pack_choice, Treatment::Heat);
    assert_eq!(pack_choice(&log[..1]), Treatment::Ice);
    assert_eq!(pack_choice(NO_SESSIONS), Treatment::Heat);
    assert_eq!(
        supple::app::today_command(t.items[0].item, Treatment::Ice),
        "supple ice --cycles 1, or supple heat"
    );
}

#[test]
fn everything_done_is_done() {
    let plan = plan();
    let e = episode("2026-12-01T06:00:00Z");
    let log = [
        ice_three(),
        routine("back-spasm-relief", "2026-12-01T11:30:00Z"),
        walk(5, "2026-12-01T11:40:00Z"),
        walk(5, "2026-12-01T11:50:00Z"),
    ];
    let t = today(&plan, &e, &log, ts("2026-12-01T12:00:00Z"), &TimeZone::UTC);
    assert_eq!(t.next, Next::Done);
    assert_eq!(
        t.items[2].text("Walk 5m", &TimeZone::UTC),
        "Walk 5m: 10 of 10 minutes today, done"
    );
}

fn pained(after: u8) -> Record {
    Record {
        pain_after: Some(after),
        ..routine("back-spasm-relief", "2026-12-01T11:30:00Z")
    }
}

#[test]
fn the_safety_lines_come_from_the_log() {
    let now = ts("2026-12-09T12:00:00Z");
    assert!(safety(Some(&episode("2026-12-08T12:00:00Z")), NO_SESSIONS, now).is_empty());
    // Under two weeks: nothing; from two weeks: the one "not getting better" rule.
    assert!(safety(Some(&episode("2026-11-26T12:00:01Z")), NO_SESSIONS, now).is_empty());
    let fortnight = safety(Some(&episode("2026-11-25T12:00:00Z")), NO_SESSIONS, now);
    assert_eq!(fortnight, [supple::core::red_flags::NOT_GETTING_BETTER]);
    // Pain after rising three times running (four scores), then a 7; two
    // rises are not three.
    let rising = safety(None, &[pained(1), pained(2), pained(3), pained(5)], now);
    assert!(rising[0].contains("three times running"), "{rising:?}");
    assert!(safety(None, &[pained(2), pained(3), pained(5)], now).is_empty());
    assert!(safety(None, &[pained(3), pained(3), pained(4), pained(5)], now).is_empty());
    let high = safety(None, &[pained(2), pained(7)], now);
    assert!(high[0].contains("7 or more"), "{high:?}");
}

fn answered(e: &mut Episode, at: &str, yes: &[Sign]) {
    e.screening.rounds.push(Round {
        at: ts(at),
        answers: Answers {
            asked: Sign::ALL.to_vec(),
            yes: yes.to_vec(),
            together: false,
        },
    });
}

#[test]
fn an_emergency_answer_leads_and_holds_the_plan_until_checked() {
    use supple::core::today::{Next, alert, today};
    let tz = jiff::tz::TimeZone::UTC;
    let now = ts("2026-12-01T14:00:00Z");
    let plan = plan();
    let mut e = episode("2026-12-01T06:00:00Z");
    answered(&mut e, "2026-12-01T06:30:00Z", &[Sign::Saddle]);
    let a = alert(&e, &tz).unwrap();
    assert_eq!(a.tier, Tier::Emergency);
    assert_eq!(a.action, supple::core::red_flags::EMERGENCY);
    assert!(
        a.said.contains("numb bottom, genitals or inner thighs"),
        "{}",
        a.said
    );
    assert_eq!(
        today(&plan, &e, NO_SESSIONS, now, &tz).next,
        Next::Emergency
    );
    // Checked: the plan is back.
    e.screening.checked.push(ts("2026-12-01T12:00:00Z"));
    assert!(alert(&e, &tz).is_none());
    assert!(matches!(
        today(&plan, &e, NO_SESSIONS, now, &tz).next,
        Next::Item(_)
    ));
}

#[test]
fn a_same_day_answer_leads_every_day_until_checked_but_the_plan_goes_on() {
    use supple::core::today::{Next, alert, today};
    let tz = jiff::tz::TimeZone::UTC;
    let plan = plan();
    let mut e = episode("2026-12-01T06:00:00Z");
    answered(&mut e, "2026-12-01T06:30:00Z", &[Sign::Fever]);
    for day in [
        "2026-12-01T14:00:00Z",
        "2026-12-03T14:00:00Z",
        "2026-12-09T14:00:00Z",
    ] {
        let a = alert(&e, &tz).unwrap();
        assert_eq!(a.tier, Tier::SameDay, "{day}");
        assert!(matches!(
            today(&plan, &e, NO_SESSIONS, ts(day), &tz).next,
            Next::Item(_)
        ));
    }
    e.screening.checked.push(ts("2026-12-09T15:00:00Z"));
    assert!(alert(&e, &tz).is_none());
}

#[test]
fn reading_only_the_recent_log_finds_what_a_full_read_finds() {
    use supple::core::episode::EpisodeRecord;
    use supple::core::history::{parse_log, parse_recent};
    let mut lines = Vec::new();
    lines.push(
        serde_json::to_string(&EpisodeRecord::start(
            "2026-10-01T08:00:00Z",
            "2026-10-01T07:00:00Z",
            None,
            Answers::not_asked(),
        ))
        .unwrap(),
    );
    for day in 1..=60 {
        let month_day = if day <= 31 {
            format!("2026-10-{day:02}")
        } else {
            format!("2026-11-{:02}", day - 31)
        };
        let mut r = routine("back-spasm-relief", &format!("{month_day}T09:00:00Z"));
        if day % 7 == 0 {
            r.pain_after = Some(u8::try_from(day % 10).unwrap());
        }
        lines.push(serde_json::to_string(&r).unwrap());
    }
    lines.push("damaged {".into());
    let bytes = lines.join("\n");
    let since = ts("2026-11-20T00:00:00Z");
    let full = parse_log(bytes.as_bytes());
    let recent = parse_recent(bytes.as_bytes(), since);
    assert_eq!(recent.episodes, full.episodes);
    let wanted: Vec<&Record> = full
        .sessions
        .iter()
        .filter(|r| ts(&r.end) >= since)
        .collect();
    let got: Vec<&Record> = recent
        .sessions
        .iter()
        .filter(|r| ts(&r.end) >= since)
        .collect();
    assert_eq!(got, wanted);
    // The last four pain scores from before (three rises), in order, for the
    // safety lines.
    let pains: Vec<u8> = recent
        .sessions
        .iter()
        .filter(|r| ts(&r.end) < since)
        .filter_map(|r| r.pain_after)
        .collect();
    let all: Vec<u8> = full
        .sessions
        .iter()
        .filter(|r| ts(&r.end) < since)
        .filter_map(|r| r.pain_after)
        .collect();
    assert_eq!(pains, all[all.len() - 4..]);
    assert_eq!(recent.skips.len(), 1);
}

#[test]
fn the_recent_read_takes_logs_written_with_spaces_too() {
    use supple::core::history::parse_recent;
    let old = serde_json::to_string(&routine("walk", "2026-10-01T09:00:00Z"))
        .unwrap()
        .replace("\":", "\": ");
    let new = serde_json::to_string(&routine("walk", "2026-11-29T09:00:00Z"))
        .unwrap()
        .replace("\":", "\":  ");
    let log = parse_recent(
        format!("{old}\n{new}\n").as_bytes(),
        ts("2026-11-20T00:00:00Z"),
    );
    assert_eq!(log.sessions.len(), 1);
    assert_eq!(log.sessions[0].end, "2026-11-29T09:00:00Z");
    assert!(log.skips.is_empty());
}

#[test]
fn the_tail_read_finds_the_newest_episode_and_the_window_across_chunks() {
    use supple::core::episode::{EpisodeRecord, open};
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tail-read");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let start = EpisodeRecord::start(
        "2026-09-01T08:00:00Z",
        "2026-09-01T07:00:00Z",
        None,
        Answers::not_asked(),
    );
    let mut lines = vec![serde_json::to_string(&start).unwrap()];
    // Three months of sessions, 20 a day: well over one 64 KiB chunk.
    let first = ts("2026-09-01T09:00:00Z");
    for i in 0..(91 * 20) {
        let end = first + jiff::SignedDuration::from_mins(72 * i);
        lines.push(serde_json::to_string(&routine("walk", &end.to_string())).unwrap());
    }
    let path = dir.join("history.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let since = ts("2026-11-28T00:00:00Z");
    let tail = supple::store::log::read_tail(&path, since).unwrap();
    let full = supple::store::log::read_log(&path).unwrap();
    let wanted: Vec<&Record> = full
        .sessions
        .iter()
        .filter(|r| ts(&r.end) >= since)
        .collect();
    let got: Vec<&Record> = tail.sessions.iter().collect();
    assert_eq!(got, wanted);
    assert!(!got.is_empty());
    // The episode, three months back, is found; an end after it closes it.
    assert_eq!(
        open(&tail.episodes).unwrap().onset,
        ts("2026-09-01T07:00:00Z")
    );
    lines.push(serde_json::to_string(&EpisodeRecord::end("2026-11-30T08:00:00Z")).unwrap());
    std::fs::write(&path, lines.join("\n")).unwrap();
    assert!(
        open(
            &supple::store::log::read_tail(&path, since)
                .unwrap()
                .episodes
        )
        .is_none()
    );
    // A missing log is an empty one.
    assert!(
        supple::store::log::read_tail(&dir.join("none.jsonl"), since)
            .unwrap()
            .sessions
            .is_empty()
    );
}

#[test]
fn core_work_waits_until_the_pain_has_settled() {
    const SETTLED: &str = r#"
name = "Test"
[[stage]]
name = "All"
from = "0h"
items = [
  { routine = "core-strength", per_week = 3, pain_at_most = 3 },
  { walk = "5m", per_day = 1 },
]
"#;
    let plan = parse(SETTLED).unwrap();
    let tz = TimeZone::UTC;
    let e = episode("2026-11-20T06:00:00Z");
    let now = ts("2026-12-01T12:00:00Z");
    let scored = |after: u8| Record {
        pain_after: Some(after),
        ..routine("back-spasm-relief", "2026-12-01T10:00:00Z")
    };
    let t = today(&plan, &e, &[scored(5)], now, &tz);
    assert_eq!(t.items[0].waits_for_pain, Some(3));
    assert_eq!(t.items[0].needed, 0);
    assert!(!t.items[0].complete());
    assert_eq!(
        t.items[0].text("Core strength", &tz),
        "Core strength: once your pain has settled (3 or less)"
    );
    assert_eq!(t.next, Next::Item(1));
    // Settled: offered. No score logged: offered too.
    let t = today(&plan, &e, &[scored(3)], now, &tz);
    assert_eq!((t.items[0].waits_for_pain, t.items[0].needed), (None, 3));
    assert_eq!(t.next, Next::Item(0));
    assert_eq!(today(&plan, &e, NO_SESSIONS, now, &tz).items[0].needed, 3);
}
