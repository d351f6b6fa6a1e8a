//! What a history says: sessions per day, the current streak, time per routine,
//! how pain moved. Dates are the local dates of the sessions' starts in the time
//! zone given, so a session at 23:30 counts for that day wherever it was logged.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use super::Record;

/// How many days the per-day chart covers.
pub const DAYS: i64 = 28;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: String,
    pub sessions: u32,
    pub active_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PainPoint {
    pub start: String,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub sessions: usize,
    pub finished: usize,
    pub active_seconds: u64,
    /// Days in a row with at least one session, up to today (or yesterday, when
    /// today has none yet).
    pub streak_days: u32,
    /// The last [`DAYS`] days, oldest first, today last.
    pub days: Vec<Day>,
    /// Sessions per routine or timer, most first.
    pub per_name: Vec<(String, u32)>,
    /// Sessions with a pain score, oldest first.
    pub pain: Vec<PainPoint>,
}

/// The local date a record started on, if its time can be read.
pub fn local_date(r: &Record, tz: &TimeZone) -> Option<Date> {
    let t: Timestamp = r.start.parse().ok()?;
    Some(t.to_zoned_datetime(tz.clone()).date())
}

/// Records that started at or after `since`.
pub fn since(records: &[Record], since: Timestamp) -> Vec<&Record> {
    records
        .iter()
        .filter(|r| r.start.parse::<Timestamp>().is_ok_and(|t| t >= since))
        .collect()
}

pub fn compute(records: &[&Record], today: Date, tz: &TimeZone) -> Stats {
    let mut tally = Tally::default();
    for r in records {
        tally.add(r, tz);
    }
    tally.stats(today)
}

/// The figures of [`Stats`] gathered one record at a time, so a reader of the
/// whole log never holds every record (`supple history --json`): what it keeps
/// grows with the days and names in the log, not with its sessions.
#[derive(Debug, Default)]
pub struct Tally {
    per_date: BTreeMap<Date, (u32, u64)>,
    per_name: BTreeMap<String, u32>,
    pain: Vec<PainPoint>,
    /// Keep only the last this many pain points (every one when `None`).
    pain_kept: Option<usize>,
    sessions: usize,
    finished: usize,
    active_seconds: u64,
}

impl Tally {
    /// A tally that keeps only the last `n` pain points, so that what it holds
    /// does not grow with the sessions that have a pain score (`supple history
    /// --plain` shows the last 14; `--json` writes them from a second reading).
    pub fn keeping_pain(n: usize) -> Tally {
        Tally {
            pain_kept: Some(n),
            ..Tally::default()
        }
    }

    pub fn add(&mut self, r: &Record, tz: &TimeZone) {
        if let Some(d) = local_date(r, tz) {
            let e = self.per_date.entry(d).or_default();
            e.0 = e.0.saturating_add(1);
            e.1 = e.1.saturating_add(r.active_seconds);
        }
        match self.per_name.get_mut(&r.name) {
            Some(n) => *n = n.saturating_add(1),
            None => {
                self.per_name.insert(r.name.clone(), 1);
            }
        }
        if r.pain_before.is_some() || r.pain_after.is_some() {
            self.pain.push(PainPoint {
                start: r.start.clone(),
                before: r.pain_before,
                after: r.pain_after,
            });
            if let Some(n) = self.pain_kept
                && self.pain.len() >= n.saturating_mul(2).max(64)
            {
                let extra = self.pain.len() - n;
                self.pain.drain(..extra);
            }
        }
        self.sessions += 1;
        self.finished += usize::from(r.outcome == super::Outcome::Finished);
        self.active_seconds = self.active_seconds.saturating_add(r.active_seconds);
    }

    /// The figures as of `today`.
    pub fn stats(self, today: Date) -> Stats {
        let Tally {
            per_date,
            per_name,
            mut pain,
            pain_kept,
            sessions,
            finished,
            active_seconds,
        } = self;
        if let Some(n) = pain_kept {
            let extra = pain.len().saturating_sub(n);
            pain.drain(..extra);
        }
        stats_of(
            per_date,
            per_name,
            pain,
            (sessions, finished, active_seconds),
            today,
        )
    }
}

fn stats_of(
    per_date: BTreeMap<Date, (u32, u64)>,
    per_name: BTreeMap<String, u32>,
    pain: Vec<PainPoint>,
    (sessions, finished, active_seconds): (usize, usize, u64),
    today: Date,
) -> Stats {
    let days = (0..DAYS)
        .rev()
        .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
        .map(|d| {
            let (sessions, active_seconds) = per_date.get(&d).copied().unwrap_or_default();
            Day {
                date: d.to_string(),
                sessions,
                active_seconds,
            }
        })
        .collect();
    let mut streak_days = 0;
    let mut day = if per_date.contains_key(&today) {
        Some(today)
    } else {
        today.yesterday().ok()
    };
    while let Some(d) = day
        && per_date.contains_key(&d)
    {
        streak_days += 1;
        day = d.yesterday().ok();
    }
    let mut per_name: Vec<(String, u32)> = per_name.into_iter().collect();
    per_name.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Stats {
        sessions,
        finished,
        active_seconds,
        streak_days,
        days,
        per_name,
        pain,
    }
}
