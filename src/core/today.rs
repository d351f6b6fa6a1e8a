//! Today: what a plan asks on this day of an episode, what the log says is done,
//! and the one next step. Pure: the plan, the episode, the sessions, the time and
//! the time zone come in as values.
//!
//! Counting rules (docs/plan-format.md): a routine or a walk counts when finished,
//! or stopped with at least three quarters of its timed work done; a pack counts
//! its applications. A day starts at local midnight, a week on Monday, and nothing
//! from before the pain began counts.

use std::time::Duration;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::core::episode::Episode;
use crate::core::guidance;
use crate::core::history::{Outcome, Record, SessionKind};
use crate::core::plan::{Activity, Item, Often, Plan, Stage};

/// The share of a routine's timed work that makes a stopped session count.
pub const COUNTS_FROM: f64 = 0.75;

/// The routine a walk item plays (and whose sessions count as walks).
pub const WALK: &str = "walk";

/// One item on this day.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemToday<'p> {
    pub item: &'p Item,
    /// Done in its window (today, or this week).
    pub done: u32,
    pub needed: u32,
    /// When the last one ended (within a day of the window), for `min_gap`.
    pub last_end: Option<Timestamp>,
    /// Not before this, because of `min_gap` (only while it is in the future).
    pub ready_at: Option<Timestamp>,
}

impl ItemToday<'_> {
    pub fn complete(&self) -> bool {
        self.done >= self.needed
    }

    /// "today" or "this week".
    pub fn window(&self) -> &'static str {
        match self.item.often {
            Often::PerDay(_) => "today",
            Often::PerWeek(_) => "this week",
        }
    }

    /// "Ice: 1 of 3 today, next after 14:20"; "Walk 5m: 2 of 2 today, done".
    pub fn text(&self, label: &str, tz: &TimeZone) -> String {
        let count = format!(
            "{label}: {} of {} {}",
            self.done.min(self.needed),
            self.needed,
            self.window()
        );
        match self.ready_at {
            _ if self.complete() => format!("{count}, done"),
            Some(at) => format!(
                "{count}, next after {}",
                crate::core::moment::time_of_day(at, tz)
            ),
            None => count,
        }
    }
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// This item (an index into [`Today::items`]) can be done now.
    Item(usize),
    /// Everything left waits for its `min_gap`: the first is ready at this time.
    Wait(usize, Timestamp),
    /// Everything the plan asks today is done.
    Done,
}

/// One day of an episode.
#[derive(Debug, Clone, PartialEq)]
pub struct Today<'p> {
    pub day: u64,
    pub since: Duration,
    /// The stage and its index; `None` past the end of a plan whose last stage ends.
    pub stage: Option<(usize, &'p Stage)>,
    pub items: Vec<ItemToday<'p>>,
    pub next: Next,
}

/// The day of `episode` at `now`, under `plan`, with `sessions` from the log (in
/// log order; only the recent end is read, see [`recent`]).
pub fn today<'p>(
    plan: &'p Plan,
    episode: &Episode,
    sessions: &[Record],
    now: Timestamp,
    tz: &TimeZone,
) -> Today<'p> {
    let since = episode.since(now);
    let stage = plan.stage_at(since);
    let zoned = now.to_zoned_datetime(tz.clone());
    let midnight = zoned.start_of_day().map(|z| z.timestamp()).unwrap_or(now);
    let days_since_monday = i64::from(zoned.weekday().to_monday_zero_offset());
    let monday = zoned
        .date()
        .checked_sub(jiff::Span::new().days(days_since_monday))
        .ok()
        .and_then(|d| d.to_zoned_datetime(tz.clone()).ok())
        .and_then(|z| z.start_of_day().ok())
        .map_or(midnight, |z| z.timestamp());
    // A day before the week, for a min_gap reaching back over midnight.
    let earliest = monday.min(midnight) - SignedDuration::from_hours(24);
    let window = recent(sessions, earliest);
    let items: Vec<ItemToday<'p>> = stage
        .map(|(_, s)| s.items.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|item| {
            let from = match item.often {
                Often::PerDay(_) => midnight,
                Often::PerWeek(_) => monday,
            }
            .max(episode.onset);
            let mut done = 0u32;
            let mut last_end: Option<Timestamp> = None;
            for (r, end) in &window {
                let n = counted(item, r);
                if n == 0 || *end > now + SignedDuration::from_mins(5) {
                    continue;
                }
                if *end >= from {
                    done = done.saturating_add(n);
                }
                if *end >= episode.onset {
                    last_end = Some(last_end.map_or(*end, |l| l.max(*end)));
                }
            }
            let ready_at = match (item.min_gap, last_end) {
                (Some(gap), Some(end)) => SignedDuration::try_from(gap)
                    .ok()
                    .and_then(|g| end.checked_add(g).ok())
                    .filter(|at| *at > now),
                _ => None,
            };
            ItemToday {
                item,
                done,
                needed: item.often.times(),
                last_end,
                ready_at,
            }
        })
        .collect();
    let next = next(&items);
    Today {
        day: episode.day(now),
        since,
        stage,
        items,
        next,
    }
}

fn next(items: &[ItemToday<'_>]) -> Next {
    if let Some(i) = items
        .iter()
        .position(|i| !i.complete() && i.ready_at.is_none())
    {
        return Next::Item(i);
    }
    items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.complete())
        .filter_map(|(n, i)| i.ready_at.map(|at| (n, at)))
        .min_by_key(|(_, at)| *at)
        .map_or(Next::Done, |(n, at)| Next::Wait(n, at))
}

/// The sessions that ended at `earliest` or later, with their end times, read
/// from the end of the log back. The log is appended as sessions end, so it is in
/// order of end time but for clocks set back or two supples at once: the reading
/// stops a day past the first older one, not at it.
pub fn recent(sessions: &[Record], earliest: Timestamp) -> Vec<(&Record, Timestamp)> {
    let stop = earliest - SignedDuration::from_hours(24);
    let mut out = Vec::new();
    for r in sessions.iter().rev() {
        let Ok(end) = r.end.parse::<Timestamp>() else {
            continue;
        };
        if end < stop {
            break;
        }
        if end >= earliest {
            out.push((r, end));
        }
    }
    out
}

/// How many of `item` the session `r` is: a routine or walk once if it counts,
/// a pack its applications done.
fn counted(item: &Item, r: &Record) -> u32 {
    match &item.activity {
        Activity::Routine(name) => u32::from(
            r.kind == SessionKind::Routine
                && r.routine.as_deref() == Some(routine_id(name))
                && enough(r),
        ),
        Activity::Walk(_) => u32::from(
            r.kind == SessionKind::Routine && r.routine.as_deref() == Some(WALK) && enough(r),
        ),
        Activity::Pack(p) => {
            if r.kind == SessionKind::of(p.treatment) {
                r.applications_done.unwrap_or(0)
            } else {
                0
            }
        }
    }
}

/// The name a routine is logged under: a path's file stem, else the name.
pub fn routine_id(name: &str) -> &str {
    if name.ends_with(".toml") || name.contains('/') {
        std::path::Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(name)
    } else {
        name
    }
}

/// Finished, or stopped with at least [`COUNTS_FROM`] of its timed work done
/// (reps, for a self-paced routine).
pub fn enough(r: &Record) -> bool {
    if r.outcome == Outcome::Finished {
        return true;
    }
    let (done, planned) = r.exercises.iter().fold((0u64, 0u64), |(d, p), e| {
        (
            d.saturating_add(e.seconds_done),
            p.saturating_add(e.seconds_planned),
        )
    });
    let (done, planned) = if planned == 0 {
        r.exercises.iter().fold((0u64, 0u64), |(d, p), e| {
            (
                d.saturating_add(u64::from(e.reps_done)),
                p.saturating_add(u64::from(e.reps_planned)),
            )
        })
    } else {
        (done, planned)
    };
    planned > 0 && done as f64 >= planned as f64 * COUNTS_FROM
}

/// The calm safety lines the log calls for: an episode over a week (or twelve
/// weeks), red flags answered yes at its start, pain after sessions rising three
/// times running, pain after the last session 7 or more.
pub fn safety(episode: Option<&Episode>, sessions: &[Record], now: Timestamp) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = episode {
        let since = e.since(now);
        if since >= guidance::LONG_LASTING {
            out.push(guidance::LONG_LASTING_TEXT.to_owned());
        } else if since >= guidance::A_WEEK {
            out.push(guidance::OVER_A_WEEK.to_owned());
        }
        if e.flags.iter().any(|f| f.urgent()) {
            out.push(guidance::EMERGENCY.to_owned());
        } else if !e.flags.is_empty() {
            let said: Vec<&str> = e.flags.iter().map(|f| f.label()).collect();
            out.push(format!(
                "At the start you said yes to: {}. {}",
                said.join(", "),
                guidance::FLAG_ANSWERED
            ));
        }
    }
    let last: Vec<u8> = sessions
        .iter()
        .rev()
        .filter_map(|r| r.pain_after)
        .take(4)
        .collect();
    if let Some(line) = guidance::pain_trend(&last) {
        out.push(line.to_owned());
    }
    out
}
