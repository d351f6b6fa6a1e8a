//! `supple report`: the weeks in figures, for the person and their
//! physiotherapist, from the history log alone. [`build`] turns the log into a
//! [`Report`] (dates in local time); [`html`] draws it as one self-contained page
//! with SVG charts, [`csv`] lists the sessions for a spreadsheet.

pub mod csv;
pub mod html;
mod svg;

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::core::episode::Episode;
use crate::core::history::{Log, Outcome, Record, SessionKind};
use crate::core::plan::{Often, Plan};

/// One session, in local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub start: DateTime,
    pub end: DateTime,
    /// "routine", "ice", "heat", "contrast".
    pub kind: &'static str,
    /// The routine's file name (`None` for a pack or an old record).
    pub routine: Option<String>,
    pub name: String,
    pub active_seconds: u64,
    pub finished: bool,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub applications: Option<(u32, u32)>,
}

/// One day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    pub active_seconds: u64,
    pub sessions: u32,
}

/// One week (Monday first) of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub monday: Date,
    pub sessions: u32,
    /// The plan's items done and planned this week, while an episode was open.
    pub plan: Option<(u32, u32)>,
}

/// An episode that overlaps the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeRow {
    pub onset: DateTime,
    pub ended: Option<DateTime>,
    pub plan: String,
    /// Which day of it the period's last day is (or its last day, if it ended).
    pub days: u64,
    /// The red-flag questions: when asked, what was said, checks (a line each,
    /// and whether it is a "yes").
    pub red_flags: Vec<(bool, String)>,
    /// What the answers that still stand ask of the person now.
    pub alert: Option<crate::core::today::Alert>,
    /// Each stage of its plan: name and the first and last day it covers (1-based).
    pub stages: Vec<(String, u64, Option<u64>)>,
}

/// Reps done of one exercise of one routine, session by session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// The routine's title.
    pub routine: String,
    pub name: String,
    pub points: Vec<(Date, u32)>,
}

/// Everything in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub from: Date,
    pub to: Date,
    pub generated: DateTime,
    pub sessions: Vec<Session>,
    pub days: Vec<Day>,
    pub weeks: Vec<Week>,
    pub episodes: Vec<EpisodeRow>,
    pub exercises: Vec<Exercise>,
    /// Log lines that could not be read (the report says so).
    pub skipped: usize,
}

/// The longest period a report covers.
pub const MAX_DAYS: i64 = 366 * 2;

/// The report of the `days` days up to `now` (today included), from `log`.
/// `plan_of` gives an episode's plan by name, for the weeks against the plan.
pub fn build<'p>(
    log: &Log,
    now: Timestamp,
    tz: &TimeZone,
    days: i64,
    plan_of: &dyn Fn(&str) -> Option<&'p Plan>,
) -> Report {
    let local = |t: Timestamp| t.to_zoned_datetime(tz.clone()).datetime();
    let to = local(now).date();
    let days = days.clamp(1, MAX_DAYS);
    let from = to
        .checked_sub(jiff::Span::new().days(days - 1))
        .unwrap_or(to);
    let in_period = |d: Date| d >= from && d <= to;

    // The period's sessions, with their times, in the order they began.
    let mut records: Vec<(Timestamp, Timestamp, &Record)> = log
        .sessions
        .iter()
        .filter_map(|r| Some((r.start.parse().ok()?, r.end.parse().ok()?, r)))
        .filter(|(start, _, _)| in_period(local(*start).date()))
        .collect();
    records.sort_by_key(|(start, _, _)| *start);
    let sessions: Vec<Session> = records
        .iter()
        .map(|(start, end, r)| session(r, local(*start), local(*end)))
        .collect();

    let mut days_out = Vec::new();
    let mut d = from;
    while d <= to {
        let of_day = sessions.iter().filter(|s| s.start.date() == d);
        days_out.push(Day {
            date: d,
            active_seconds: of_day.clone().map(|s| s.active_seconds).sum(),
            sessions: u32::try_from(of_day.count()).unwrap_or(u32::MAX),
        });
        d = match d.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }

    let episodes = crate::core::episode::episodes(&log.episodes);
    let overlapping: Vec<&Episode> = episodes
        .iter()
        .filter(|e| {
            local(e.onset).date() <= to && e.ended.is_none_or(|end| local(end).date() >= from)
        })
        .collect();
    let weeks = weeks(&days_out, log, &overlapping, now, tz, plan_of);
    let episode_rows = overlapping
        .iter()
        .map(|e| {
            let last = e.ended.unwrap_or(now).min(now);
            EpisodeRow {
                onset: local(e.onset),
                ended: e.ended.map(local),
                plan: e.plan.clone(),
                days: e.day(last),
                red_flags: e.screening.describe(tz),
                alert: crate::core::today::alert(e, tz),
                stages: plan_of(&e.plan)
                    .map(|p| {
                        p.stages
                            .iter()
                            .map(|s| {
                                let day = |d: std::time::Duration| d.as_secs() / 86_400 + 1;
                                (
                                    s.name.clone(),
                                    day(s.from),
                                    s.until.map(|u| day(u).saturating_sub(1).max(day(s.from))),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();

    Report {
        from,
        to,
        generated: local(now),
        exercises: exercises(&records, &local),
        sessions,
        days: days_out,
        weeks,
        episodes: episode_rows,
        skipped: log.skips.len(),
    }
}

fn session(r: &Record, start: DateTime, end: DateTime) -> Session {
    Session {
        start,
        end,
        kind: r.kind.word(),
        routine: r.routine.clone(),
        name: r.name.clone(),
        active_seconds: r.active_seconds,
        finished: r.outcome == Outcome::Finished,
        pain_before: r.pain_before,
        pain_after: r.pain_after,
        applications: r.applications_done.zip(r.applications_planned),
    }
}

/// Sessions per week, and the plan's items done and planned in it, by the rules
/// Today uses (`core::today`): each day's items at the end of that day, the
/// weekly ones at the end of the week. A window still in progress (today, this
/// week) counts what is done so far and nothing as missed.
fn weeks<'p>(
    days: &[Day],
    log: &Log,
    episodes: &[&Episode],
    now: Timestamp,
    tz: &TimeZone,
    plan_of: &dyn Fn(&str) -> Option<&'p Plan>,
) -> Vec<Week> {
    let mut weeks: BTreeMap<Date, Week> = BTreeMap::new();
    for (i, day) in days.iter().enumerate() {
        let back = i64::from(day.date.weekday().to_monday_zero_offset());
        let monday = day
            .date
            .checked_sub(jiff::Span::new().days(back))
            .unwrap_or(day.date);
        let week = weeks.entry(monday).or_insert(Week {
            monday,
            sessions: 0,
            plan: None,
        });
        week.sessions += day.sessions;
        // The end of this day, or now for today.
        let end_of_day = day
            .date
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned_datetime(tz.clone()).ok())
            .map_or(now, |z| z.timestamp() - SignedDuration::from_secs(1))
            .min(now);
        let Some(episode) = episodes
            .iter()
            .find(|e| e.onset <= end_of_day && e.ended.is_none_or(|end| end >= end_of_day))
        else {
            continue;
        };
        let Some(plan) = plan_of(&episode.plan) else {
            continue;
        };
        let sunday = day.date.weekday() == jiff::civil::Weekday::Sunday;
        let last_of_week = sunday || i + 1 == days.len();
        // The day is over once its end is before now; the week with its Sunday.
        let day_over = end_of_day < now;
        let t = crate::core::today::today(plan, episode, &log.sessions, end_of_day, tz);
        let (mut done, mut needed) = week.plan.unwrap_or((0, 0));
        for item in &t.items {
            let (count, over) = match item.item.often {
                Often::PerDay(_) => (true, day_over),
                Often::PerWeek(_) => (last_of_week, sunday && day_over),
            };
            if count {
                let got = item.done.min(item.needed);
                done += got;
                // In progress: what is done so far is all that is asked yet.
                needed += if over { item.needed } else { got };
            }
        }
        week.plan = Some((done, needed));
    }
    weeks.into_values().collect()
}

/// Reps done per exercise of each routine, in the order the sessions came.
fn exercises(
    records: &[(Timestamp, Timestamp, &Record)],
    local: &dyn Fn(Timestamp) -> DateTime,
) -> Vec<Exercise> {
    let mut out: Vec<Exercise> = Vec::new();
    let routines = records
        .iter()
        .filter(|(_, _, r)| r.kind == SessionKind::Routine);
    for (t, _, r) in routines {
        // Shown by its title ("Back spasm relief"), as the person knows it.
        let routine = r.name.clone();
        for e in r
            .exercises
            .iter()
            .filter(|e| e.reps_planned > 0 && !e.skipped)
        {
            let point = (local(*t).date(), e.reps_done);
            match out
                .iter_mut()
                .find(|x| x.routine == routine && x.name == e.name)
            {
                Some(x) => x.points.push(point),
                None => out.push(Exercise {
                    routine: routine.clone(),
                    name: e.name.clone(),
                    points: vec![point],
                }),
            }
        }
    }
    out
}

/// Escapes text for HTML (element content and quoted attributes).
pub(crate) fn escape(text: &str) -> String {
    let clean = crate::core::text::sanitize(text);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
