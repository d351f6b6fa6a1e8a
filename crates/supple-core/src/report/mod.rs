//! `supple report`: the weeks in figures, for the person and their
//! physiotherapist, from the history log alone. [`build`] turns the log into a
//! [`Report`] (dates in local time); [`html`] draws it as one self-contained page
//! with SVG charts, [`csv`] lists the sessions for a spreadsheet.

mod adherence;
pub mod csv;
mod dose;
pub mod html;
mod period;
mod svg;
mod window;

pub use dose::{Exercise, prescribe};
pub use period::{Kind, MAX_DAYS, Period};
pub use window::{InOrder, Lateness, Window};

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use crate::episode::Episode;
use crate::history::mark::Mark;
use crate::history::{Log, Outcome, Record};
use crate::plan::Plan;

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
    /// Where a stopped session stopped ("Pelvic tilt, exercise 2 of 3").
    pub stopped_at: Option<String>,
    /// The day of the episode it fell in (the first 24 hours are day 1), and the
    /// plan's stage then.
    pub episode_day: Option<u64>,
    pub stage: Option<String>,
    /// Each exercise as logged.
    pub exercises: Vec<crate::history::ExerciseRecord>,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub applications: Option<(u32, u32)>,
}

/// One day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    /// Exercise and walking (routines).
    pub active_seconds: u64,
    /// Lying with ice or heat (packs).
    pub pack_seconds: u64,
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
    /// When the red-flag questions were last answered (a round of them, or the
    /// older combined form at the start); `None`: never asked.
    pub flags_asked: Option<DateTime>,
    /// What the answers that still stand ask of the person now.
    pub alert: Option<crate::today::Alert>,
    /// Each stage of its plan: name and the first and last day it covers (1-based).
    pub stages: Vec<(String, u64, Option<u64>)>,
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
    /// The person's notes (`supple note`), oldest first.
    pub notes: Vec<(DateTime, String)>,
    /// Average pain over the last 24 hours (`supple pain`), one a day: the last
    /// given that day.
    pub daily_pain: Vec<(Date, u8)>,
    /// Each activity rated on the Patient-Specific Functional Scale (since the
    /// onset of the last episode in the period, if any), in the order first named.
    pub function: Vec<crate::function::Trend>,
    /// Whose report it is (`[report] name` in the config), for the header.
    pub name: Option<String>,
    /// The plan's items done and needed per kind ("exercise", "walking", "ice and
    /// heat") over the days in `adherence_days` (the last two weeks' full days of
    /// the episode), counted by [`crate::today::today`] day by day.
    pub adherence: Vec<Kind>,
    pub adherence_days: Option<(Date, Date)>,
    /// Log lines that could not be read (the report says so).
    pub skipped: usize,
}

/// The minimal important change in pain (0-10): 2 points or 30 % of where it
/// began, whichever is reached first (Ostelo et al., Spine 2008).
pub const MIC_POINTS: f64 = 2.0;
pub const MIC_SHARE: f64 = 0.30;

/// The day's pain then and now: the mean of the first three days with a score
/// (from the episode's onset, if one is open in the period) against the mean of
/// the last seven days of the period (days after those first three only).
#[derive(Debug, Clone, PartialEq)]
pub struct PainTrend {
    pub first: f64,
    pub first_days: (Date, Date),
    pub last: f64,
    /// The last seven days, from the day after the first three scores at the
    /// earliest, to the report's last day.
    pub last_days: (Date, Date),
    /// The days with a score among the last seven.
    pub last_count: usize,
    /// Points fallen (negative: risen).
    pub fall: f64,
    /// The fall as a share of `first` (0.5 is 50 %).
    pub share: f64,
}

impl PainTrend {
    /// Where pain must fall to from `first` for the change to matter.
    pub fn threshold(first: f64) -> f64 {
        first - MIC_POINTS.min(MIC_SHARE * first)
    }

    /// Whether the fall reaches the minimal important change.
    pub fn important(&self) -> bool {
        self.first > 0.0 && self.last <= Self::threshold(self.first) + 1e-9
    }
}

impl Report {
    /// The first day the episode's figures count: the onset of the last episode
    /// overlapping the period (or the period's first day).
    pub fn counted_from(&self) -> Date {
        self.episodes
            .last()
            .map_or(self.from, |e| e.onset.date().max(self.from))
    }

    /// Pain then and now, from the daily scores (see [`PainTrend`]).
    pub fn pain_trend(&self) -> Option<PainTrend> {
        let start = self.counted_from();
        let scored: Vec<&(Date, u8)> = self
            .daily_pain
            .iter()
            .filter(|(d, _)| *d >= start)
            .collect();
        let first = scored.get(..3)?;
        let (first_from, first_to) = (first.first()?.0, first.last()?.0);
        let week = self.to.checked_sub(jiff::Span::new().days(6)).ok()?;
        let last: Vec<u8> = scored
            .iter()
            .filter(|(d, _)| *d >= week && *d > first_to)
            .map(|(_, p)| *p)
            .collect();
        if last.is_empty() {
            return None;
        }
        let mean =
            |v: &mut dyn Iterator<Item = u8>, n: usize| v.map(f64::from).sum::<f64>() / n as f64;
        let first_mean = mean(&mut first.iter().map(|(_, p)| *p), first.len());
        let last_mean = mean(&mut last.iter().copied(), last.len());
        let fall = first_mean - last_mean;
        Some(PainTrend {
            first: first_mean,
            first_days: (first_from, first_to),
            last: last_mean,
            last_days: (week.max(first_to.tomorrow().unwrap_or(first_to)), self.to),
            last_count: last.len(),
            fall,
            share: if first_mean > 0.0 {
                fall / first_mean
            } else {
                0.0
            },
        })
    }
}

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

    // The period's sessions, with their times, in the order they began (as
    // `supple report --format csv` lists them while it reads the log).
    let window = Window::new(&log.episodes, now, tz, days, plan_of);
    let mut records: Vec<(Timestamp, Timestamp, &Record)> = log
        .sessions
        .iter()
        .filter_map(|r| window.times(r).map(|(start, end)| (start, end, r)))
        .collect();
    records.sort_by_key(|(start, _, _)| *start);
    let sessions: Vec<Session> = records
        .iter()
        .map(|(start, end, r)| window.session(r, *start, *end))
        .collect();

    let mut days_out = Vec::new();
    let mut d = from;
    while d <= to {
        let of_day = sessions.iter().filter(|s| s.start.date() == d);
        days_out.push(Day {
            date: d,
            active_seconds: of_day
                .clone()
                .filter(|s| s.kind == "routine")
                .map(|s| s.active_seconds)
                .sum(),
            pack_seconds: of_day
                .clone()
                .filter(|s| s.kind != "routine")
                .map(|s| s.active_seconds)
                .sum(),
            sessions: u32::try_from(of_day.count()).unwrap_or(u32::MAX),
        });
        d = match d.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }

    let episodes = crate::episode::episodes(&log.episodes);
    let overlapping: Vec<&Episode> = episodes
        .iter()
        .filter(|e| {
            local(e.onset).date() <= to && e.ended.is_none_or(|end| local(end).date() >= from)
        })
        .collect();
    let weeks = adherence::weeks(&days_out, log, &overlapping, now, tz, plan_of);
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
                flags_asked: e
                    .screening
                    .rounds
                    .last()
                    .map(|r| r.at)
                    .or(e.screening.started.filter(|_| e.screening.old_form))
                    .map(local),
                alert: crate::today::alert(e, tz),
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

    // An episode's activities are those rated since it began, from their first
    // rating even when that is before the period (`--since 1w` keeps the baseline).
    let function_from = overlapping
        .last()
        .map(|e| crate::function::since(e).min(e.onset));
    let mut function: Vec<crate::function::Trend> = Vec::new();
    let mut notes = Vec::new();
    let mut daily_pain: BTreeMap<Date, (Timestamp, u8)> = BTreeMap::new();
    for m in &log.marks {
        let Some(t) = m.time() else { continue };
        let at = local(t);
        let in_this = in_period(at.date());
        match m {
            Mark::Note(n) if in_this => notes.push((t, at, n.text.clone())),
            // The episode's first rating is the baseline, whatever the period.
            Mark::Function(r) if function_from.map_or(in_this, |from| t >= from) => {
                match function
                    .iter_mut()
                    .find(|f| crate::function::same(&f.activity, &r.activity))
                {
                    Some(f) => f.ratings.push((at.date(), r.score)),
                    None => function.push(crate::function::Trend {
                        activity: r.activity.clone(),
                        ratings: vec![(at.date(), r.score)],
                    }),
                }
            }
            Mark::Pain(p) if in_this => {
                let day = daily_pain.entry(at.date()).or_insert((t, p.pain));
                if t >= day.0 {
                    *day = (t, p.pain);
                }
            }
            _ => {}
        }
    }
    notes.sort_by_key(|(t, _, _)| *t);
    for f in &mut function {
        f.ratings.sort_by_key(|(d, _)| *d);
    }

    let (adherence_days, adherence) = match overlapping.last() {
        Some(e) => adherence::adherence(log, e, now, tz, to, plan_of),
        None => (None, Vec::new()),
    };

    Report {
        from,
        to,
        generated: local(now),
        adherence,
        adherence_days,
        notes: notes.into_iter().map(|(_, at, text)| (at, text)).collect(),
        daily_pain: daily_pain.into_iter().map(|(d, (_, p))| (d, p)).collect(),
        function,
        name: None,
        exercises: dose::exercises(&records, &local),
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
        stopped_at: r.stopped_at.clone(),
        episode_day: None,
        stage: None,
        exercises: r.exercises.clone(),
        pain_before: r.pain_before,
        pain_after: r.pain_after,
        applications: r.applications_done.zip(r.applications_planned),
    }
}

/// Escapes text for HTML (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    let clean = crate::text::sanitize(text);
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
