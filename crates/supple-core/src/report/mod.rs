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

use crate::episode::Episode;
use crate::history::mark::Mark;
use crate::history::{Log, Outcome, Record, SessionKind};
use crate::plan::{Often, Plan};

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
    /// What the answers that still stand ask of the person now.
    pub alert: Option<crate::today::Alert>,
    /// Each stage of its plan: name and the first and last day it covers (1-based).
    pub stages: Vec<(String, u64, Option<u64>)>,
}

/// Reps done of one exercise of one routine, session by session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// The routine's title.
    pub routine: String,
    /// The routine's file name, as logged (to find its prescription).
    pub routine_id: Option<String>,
    pub name: String,
    /// Each session's date and reps done.
    pub points: Vec<(Date, u32)>,
    /// Each session's reps planned (progression moves them on).
    pub planned: Vec<u32>,
    /// Each session: whether it stopped before its end (then its figures are not
    /// read as progress).
    pub stopped: Vec<bool>,
    /// The prescription from the routine's file: "2 × 5 × hold 5s" (sets, reps as
    /// last planned, each rep's work); `None` where the routine was not found.
    pub dose: Option<String>,
}

impl Exercise {
    /// Reps done against planned over every session, as a share (0 to 1).
    pub fn done_share(&self) -> Option<f64> {
        let done: u64 = self.points.iter().map(|p| u64::from(p.1)).sum();
        let planned: u64 = self.planned.iter().map(|p| u64::from(*p)).sum();
        (planned > 0).then(|| done.min(planned) as f64 / planned as f64)
    }

    /// Steps up and steps back of the reps planned, between sessions that ran to
    /// their end.
    pub fn steps(&self) -> (u32, u32) {
        let whole: Vec<u32> = self
            .planned
            .iter()
            .zip(&self.stopped)
            .filter(|(_, stopped)| !**stopped)
            .map(|(p, _)| *p)
            .collect();
        whole.windows(2).fold((0, 0), |(up, back), w| match w {
            [a, b] if b > a => (up + 1, back),
            [a, b] if b < a => (up, back + 1),
            _ => (up, back),
        })
    }
}

/// Fills each exercise's prescription (`dose`) from its routine, found by
/// `routine_of` (the routine's file name as logged).
pub fn prescribe(
    report: &mut Report,
    routine_of: &dyn Fn(&str) -> Option<crate::routine::Routine>,
) {
    use crate::routine::Work;
    let mut cache: BTreeMap<String, Option<crate::routine::Routine>> = BTreeMap::new();
    for e in &mut report.exercises {
        let Some(id) = e.routine_id.clone() else {
            continue;
        };
        let routine = cache.entry(id.clone()).or_insert_with(|| routine_of(&id));
        let Some(x) = routine
            .as_ref()
            .and_then(|r| r.exercises.iter().find(|x| x.name == e.name))
        else {
            continue;
        };
        let work = match &x.work {
            Work::Hold(d) => format!("hold {}", crate::duration::human(*d)),
            Work::Phases(p) => format!(
                "{} breath",
                crate::duration::human(p.iter().map(|p| p.time).sum())
            ),
            Work::SelfPaced => "own pace".to_owned(),
        };
        let sides = if x.sides.len() > 1 { ", each side" } else { "" };
        let reps = e.planned.last().copied().unwrap_or(x.reps);
        e.dose = Some(format!("{} × {reps} × {work}{sides}", x.sets));
    }
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

/// A kind of the plan's items ("exercise", "walking", "ice and heat"), done and
/// needed.
pub type Kind = (&'static str, u32, u32);

/// The longest period a report covers.
pub const MAX_DAYS: i64 = 366 * 2;

/// How far back a report goes, as `--since` says it: a fixed length (`4w`,
/// `10d`) or whole calendar months back from today (`3months`, `2y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Span(std::time::Duration),
    Months(u32),
}

impl Period {
    /// Reads `--since`: months and years (`3months`, `1 month`, `2y`, `1year`) as
    /// calendar spans; anything else as a duration (`4w`, `10d`), at most two years.
    pub fn parse(text: &str) -> Result<Period, crate::duration::DurationError> {
        let trimmed = text.trim();
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        let unit = trimmed.get(digits.len()..).unwrap_or_default().trim();
        let per = match unit.to_lowercase().as_str() {
            // A lone capital M stays refused: it is nearly always minutes mistyped.
            _ if unit == "M" => None,
            "mo" | "month" | "months" => Some(1),
            "y" | "yr" | "yrs" | "year" | "years" => Some(12),
            _ => None,
        };
        if let (Some(per), Ok(n)) = (per, digits.parse::<u32>()) {
            let months = n.saturating_mul(per);
            if months == 0 {
                return Err(crate::duration::DurationError::Unreadable(
                    "a period is at least a day".into(),
                ));
            }
            if months > 24 {
                return Err(crate::duration::DurationError::TooLong {
                    value: std::time::Duration::from_secs(u64::from(months) * 30 * 86_400),
                    max: std::time::Duration::from_secs(2 * 365 * 86_400),
                });
            }
            return Ok(Period::Months(months));
        }
        crate::duration::parse(trimmed, std::time::Duration::from_secs(2 * 365 * 86_400))
            .map(Period::Span)
    }

    /// The days it covers up to `today` (today included), 1 to [`MAX_DAYS`]:
    /// `3months` on 7 December covers 7 September to 7 December.
    pub fn days(self, today: Date) -> i64 {
        let days = match self {
            Period::Span(d) => i64::try_from(d.as_secs().div_ceil(86_400)).unwrap_or(MAX_DAYS),
            Period::Months(m) => today
                .checked_sub(jiff::Span::new().months(i64::from(m)))
                .map_or(MAX_DAYS, |start| i64::from((today - start).get_days()) + 1),
        };
        days.clamp(1, MAX_DAYS)
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

    // The period's sessions, with their times, in the order they began.
    let mut records: Vec<(Timestamp, Timestamp, &Record)> = log
        .sessions
        .iter()
        .filter_map(|r| Some((r.start.parse().ok()?, r.end.parse().ok()?, r)))
        .filter(|(start, _, _)| in_period(local(*start).date()))
        .collect();
    records.sort_by_key(|(start, _, _)| *start);
    let all_episodes = crate::episode::episodes(&log.episodes);
    let sessions: Vec<Session> = records
        .iter()
        .map(|(start, end, r)| {
            let mut x = session(r, local(*start), local(*end));
            if let Some(e) = all_episodes
                .iter()
                .find(|e| e.onset <= *start && e.ended.is_none_or(|end| end >= *start))
            {
                x.episode_day = Some(e.day(*start));
                x.stage = plan_of(&e.plan)
                    .and_then(|p| p.stage_at(e.since(*start)).map(|(_, st)| st.name.clone()));
            }
            x
        })
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

    let mut notes = Vec::new();
    let mut daily_pain: BTreeMap<Date, (Timestamp, u8)> = BTreeMap::new();
    for m in &log.marks {
        let Some(t) = m.time() else { continue };
        let at = local(t);
        if !in_period(at.date()) {
            continue;
        }
        match m {
            Mark::Note(n) => notes.push((t, at, n.text.clone())),
            Mark::Pain(p) => {
                let day = daily_pain.entry(at.date()).or_insert((t, p.pain));
                if t >= day.0 {
                    *day = (t, p.pain);
                }
            }
        }
    }
    notes.sort_by_key(|(t, _, _)| *t);

    let (adherence_days, adherence) = match overlapping.last() {
        Some(e) => adherence(log, e, now, tz, to, plan_of),
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
        name: None,
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
        stopped_at: r.stopped_at.clone(),
        episode_day: None,
        stage: None,
        exercises: r.exercises.clone(),
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
        let t = crate::today::today(plan, episode, &log.sessions, end_of_day, tz);
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

/// The plan's items done against needed per kind, over the full days of the last
/// two weeks that the episode covers: the onset's day and today are left out (not
/// whole), each day's items counted at its end, the weekly ones at the end of a
/// week (Sunday) in those days.
fn adherence<'p>(
    log: &Log,
    episode: &Episode,
    now: Timestamp,
    tz: &TimeZone,
    today: Date,
    plan_of: &dyn Fn(&str) -> Option<&'p Plan>,
) -> (Option<(Date, Date)>, Vec<Kind>) {
    use crate::plan::Activity;
    let Some(plan) = plan_of(&episode.plan) else {
        return (None, Vec::new());
    };
    let local = |t: Timestamp| t.to_zoned_datetime(tz.clone()).date();
    let after_onset = local(episode.onset).tomorrow().unwrap_or(today);
    let two_weeks = today
        .checked_sub(jiff::Span::new().days(14))
        .unwrap_or(today);
    let first = after_onset.max(two_weeks);
    let yesterday = today.yesterday().unwrap_or(today);
    let last = match episode.ended {
        Some(end) => yesterday.min(local(end).yesterday().unwrap_or(yesterday)),
        None => yesterday,
    };
    if first > last {
        return (None, Vec::new());
    }
    let kinds = ["exercise", "walking", "ice and heat"];
    let mut counts = [(0u32, 0u32); 3];
    let mut d = first;
    while d <= last {
        let end_of_day = d
            .tomorrow()
            .ok()
            .and_then(|n| n.to_zoned_datetime(tz.clone()).ok())
            .map_or(now, |z| z.timestamp() - SignedDuration::from_secs(1))
            .min(now);
        let t = crate::today::today(plan, episode, &log.sessions, end_of_day, tz);
        let sunday = d.weekday() == jiff::civil::Weekday::Sunday;
        for item in &t.items {
            if matches!(item.item.often, Often::PerWeek(_)) && !sunday {
                continue;
            }
            let k = match item.item.activity {
                Activity::Routine(_) => 0,
                Activity::Walk(_) => 1,
                Activity::Pack(_) => 2,
            };
            counts[k].0 += item.done.min(item.needed);
            counts[k].1 += item.needed;
        }
        d = match d.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    let out = kinds
        .into_iter()
        .zip(counts)
        .filter(|(_, (_, needed))| *needed > 0)
        .map(|(k, (done, needed))| (k, done, needed))
        .collect();
    (Some((first, last)), out)
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
        let stopped = r.outcome == Outcome::Stopped;
        for e in r
            .exercises
            .iter()
            .filter(|e| e.reps_planned > 0 && !e.skipped)
        {
            let point = (local(*t).date(), e.reps_done);
            let x = match out
                .iter()
                .position(|x| x.routine == routine && x.name == e.name)
            {
                Some(i) => &mut out[i],
                None => {
                    out.push(Exercise {
                        routine: routine.clone(),
                        routine_id: r.routine.clone(),
                        name: e.name.clone(),
                        points: Vec::new(),
                        planned: Vec::new(),
                        stopped: Vec::new(),
                        dose: None,
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            x.points.push(point);
            x.planned.push(e.reps_planned);
            x.stopped.push(stopped);
        }
    }
    out
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
