//! What a history says: sessions per day, the current streak, time per routine,
//! how pain moved. Dates are the local dates of the sessions' starts in the time
//! zone given, so a session at 23:30 counts for that day wherever it was logged.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::{Log, Record, Skips};

mod kept;

/// How many days the per-day chart covers.
pub const DAYS: i64 = 28;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: String,
    pub sessions: u32,
    pub active_seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    let t = super::parse_time(&r.start).ok()?;
    Some(t.to_zoned_datetime(tz.clone()).date())
}

/// Records that started at or after `since`.
pub fn since(records: &[Record], since: Timestamp) -> Vec<&Record> {
    records
        .iter()
        .filter(|r| super::parse_time(&r.start).is_ok_and(|t| t >= since))
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
/// grows with the days and names in the log, not with its sessions; once
/// [`Tally::compact`]ed, with the days of the last [`DETAIL_DAYS`] and the gaps
/// between days with sessions before them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Sessions and active seconds per local date (since `detail_from`, once compacted).
    per_date: BTreeMap<Date, (u32, u64)>,
    /// The dates before `detail_from` with a session, as runs of consecutive
    /// dates (first, last), ascending and apart: what the streak needs of them.
    older: Vec<(Date, Date)>,
    /// Dates before this are in `older` only (none when never compacted).
    detail_from: Option<Date>,
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

    /// Whether the figures as of `today` can be told: false only when the chart's
    /// days reach back before the detail kept (a clock set weeks back).
    pub fn serves(&self, today: Date) -> bool {
        let first = today.checked_sub(jiff::Span::new().days(DAYS - 1)).ok();
        match (self.detail_from, first) {
            (None, _) => true,
            (Some(from), Some(first)) => first >= from,
            (Some(_), None) => false,
        }
    }

    /// Keeps the detail of only the last [`DETAIL_DAYS`] before the newest date
    /// (older dates become runs) and only the pain points kept.
    pub fn compact(&mut self) {
        if let Some(n) = self.pain_kept {
            let extra = self.pain.len().saturating_sub(n);
            self.pain.drain(..extra);
        }
        let Some(newest) = self.per_date.last_key_value().map(|(d, _)| *d) else {
            return;
        };
        let Ok(cut) = newest.checked_sub(jiff::Span::new().days(DETAIL_DAYS)) else {
            return;
        };
        let cut = self.detail_from.map_or(cut, |from| from.max(cut));
        let kept = self.per_date.split_off(&cut);
        let old = std::mem::replace(&mut self.per_date, kept);
        for d in old.into_keys() {
            add_to_runs(&mut self.older, d);
        }
        self.detail_from = Some(cut);
    }

    /// The figures as of `today`.
    pub fn stats(self, today: Date) -> Stats {
        let Tally {
            per_date,
            older,
            detail_from: _,
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
            older,
            per_name,
            pain,
            (sessions, finished, active_seconds),
            today,
        )
    }
}

fn stats_of(
    per_date: BTreeMap<Date, (u32, u64)>,
    older: Vec<(Date, Date)>,
    per_name: BTreeMap<String, u32>,
    pain: Vec<PainPoint>,
    (sessions, finished, active_seconds): (usize, usize, u64),
    today: Date,
) -> Stats {
    // The first day once, then a day at a time (a span subtracted for each day
    // and each date formatted through `Display` cost more than the rest).
    let first = today
        .checked_sub(jiff::Span::new().days(DAYS - 1))
        .unwrap_or(Date::MIN);
    let mut days = Vec::with_capacity(DAYS as usize);
    let mut day = Some(first);
    while let Some(d) = day.filter(|d| *d <= today) {
        let (sessions, active_seconds) = per_date.get(&d).copied().unwrap_or_default();
        days.push(Day {
            date: date_text(d),
            sessions,
            active_seconds,
        });
        day = d.tomorrow().ok();
    }
    let streak_days = streak(&per_date, &older, today);
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

/// `d` as `Display` writes it ("2026-12-07"), without the formatter for the
/// years 0-9999.
fn date_text(d: Date) -> String {
    let Ok(year) = u16::try_from(d.year()) else {
        return d.to_string();
    };
    if year > 9999 {
        return d.to_string();
    }
    let digit = |n: u16| char::from(b'0' + (n % 10) as u8);
    let (month, day) = (d.month().unsigned_abs(), d.day().unsigned_abs());
    let mut s = String::with_capacity(10);
    for n in [year / 1000, year / 100, year / 10, year] {
        s.push(digit(n));
    }
    s.push('-');
    s.push(digit(u16::from(month / 10)));
    s.push(digit(u16::from(month)));
    s.push('-');
    s.push(digit(u16::from(day / 10)));
    s.push(digit(u16::from(day)));
    s
}

/// Days of detail [`Tally::compact`] keeps before the newest date: the chart's
/// [`DAYS`] and a month more, for a clock set back.
pub const DETAIL_DAYS: i64 = 64;

/// Days in a row with a session (a date in `per_date` or in one of the runs
/// `older`), up to `today`, or up to yesterday when today has none yet. A run
/// of older dates counts whole at once, and the detail is walked down the map,
/// so a streak of years costs its runs, not its days.
fn streak(per_date: &BTreeMap<Date, (u32, u64)>, older: &[(Date, Date)], today: Date) -> u32 {
    let has = |d: Date| per_date.contains_key(&d) || in_runs(older, d);
    let mut day = if has(today) {
        Some(today)
    } else {
        today.yesterday().ok()
    };
    let mut days: u32 = 0;
    while let Some(d) = day {
        let i = older.partition_point(|(_, last)| *last < d);
        if let Some(&(first, _)) = older.get(i).filter(|(first, _)| *first <= d) {
            // `first..=d`, every one a date with a session.
            let run = first.until(d).map_or(0, |s| s.get_days()).saturating_add(1);
            days = days.saturating_add(u32::try_from(run).unwrap_or(0));
            day = first.yesterday().ok();
            continue;
        }
        // The dates of the detail before it, for as long as they follow on.
        let mut walked = false;
        for date in per_date.range(..=d).rev().map(|(date, _)| *date) {
            if day != Some(date) {
                break;
            }
            walked = true;
            days = days.saturating_add(1);
            day = date.yesterday().ok();
        }
        if !walked {
            break;
        }
    }
    days
}

/// Whether `d` is in one of `runs`.
fn in_runs(runs: &[(Date, Date)], d: Date) -> bool {
    let i = runs.partition_point(|(_, last)| *last < d);
    runs.get(i).is_some_and(|(first, _)| *first <= d)
}

/// Adds date `d` to `runs`, joining the runs it touches.
fn add_to_runs(runs: &mut Vec<(Date, Date)>, d: Date) {
    let i = runs.partition_point(|(_, last)| *last < d);
    if runs.get(i).is_some_and(|(first, _)| *first <= d) {
        return;
    }
    let after = |a: Date, b: Date| a.tomorrow().is_ok_and(|t| t == b);
    let joins_before = i > 0 && after(runs[i - 1].1, d);
    let joins_next = runs.get(i).is_some_and(|(first, _)| after(d, *first));
    match (joins_before, joins_next) {
        (true, true) => {
            runs[i - 1].1 = runs[i].1;
            runs.remove(i);
        }
        (true, false) => runs[i - 1].1 = d,
        (false, true) => runs[i].0 = d,
        (false, false) => runs.insert(i, (d, d)),
    }
}

/// How many pain points the history screen's chart draws: the last ones (a
/// chart a few dozen columns wide cannot show more).
pub const SCREEN_PAIN: usize = 100;

/// The history screen's figures, folded from the log's lines in the time zone
/// given (kept in the cache folder under that zone's name, by the store): a
/// start reads them instead of every record. Kept as packed text
/// (`stats/kept.rs`), read back in one pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "kept::KeptFigures", try_from = "kept::KeptFigures")]
pub struct Figures {
    /// Lines folded, numbered from 1 as a full read numbers them.
    lines: usize,
    tally: Tally,
    skips: Skips,
    /// The zone dates are told in (not kept: the store keeps a zone's figures
    /// under its name).
    zone: Option<TimeZone>,
}

impl Default for Figures {
    fn default() -> Figures {
        Figures {
            lines: 0,
            tally: Tally::keeping_pain(SCREEN_PAIN),
            skips: Skips::default(),
            zone: None,
        }
    }
}

impl Figures {
    /// The figures of the lines to come are told in `zone`.
    pub fn set_zone(&mut self, zone: TimeZone) {
        self.zone = Some(zone);
    }

    /// Folds one line of the log (without its line break), numbered next.
    pub fn line(&mut self, raw: &[u8]) {
        self.lines += 1;
        let mut one = Log::default();
        super::parse_line(raw, self.lines, &mut one);
        let utc = TimeZone::UTC;
        let zone = self.zone.as_ref().unwrap_or(&utc);
        for r in &one.sessions {
            self.tally.add(r, zone);
        }
        for s in one.skips.iter() {
            self.skips.push(s.clone());
        }
    }

    /// Folds a line too long to be a record.
    pub fn long_line(&mut self) {
        self.lines += 1;
        self.skips.push(super::long_line(self.lines));
    }

    pub fn compact(&mut self) {
        self.tally.compact();
    }

    /// The lines that could not be read.
    pub fn skips(&self) -> &Skips {
        &self.skips
    }

    /// The figures as of `today`; `None` when they reach back before the detail
    /// kept ([`Tally::serves`]): read the log instead.
    pub fn stats(self, today: Date) -> Option<Stats> {
        self.tally.serves(today).then(|| self.tally.stats(today))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Outcome, SessionKind, VERSION, parse_log};
    use super::*;
    use jiff::SignedDuration;
    use proptest::prelude::*;

    /// A log line: a session on one of 300 days (with gaps where none falls),
    /// one of three names, maybe pain scores; or a damaged line.
    fn line() -> impl Strategy<Value = String> {
        let session = (
            0u32..300 * 24,
            0usize..3,
            any::<bool>(),
            proptest::option::of(0u8..=10),
            proptest::option::of(0u8..=10),
            0u64..3600,
        )
            .prop_map(|(hour, name, finished, before, after, active)| {
                let start = Timestamp::constant(1_767_225_600, 0)
                    + SignedDuration::from_hours(i64::from(hour));
                let r = Record {
                    v: VERSION,
                    kind: SessionKind::Routine,
                    name: ["Cat-Cow", "Ice", "Walk"][name].into(),
                    routine: None,
                    hash: None,
                    start: start.to_string(),
                    end: (start + SignedDuration::from_mins(5)).to_string(),
                    active_seconds: active,
                    outcome: if finished {
                        Outcome::Finished
                    } else {
                        Outcome::Stopped
                    },
                    stopped_at: None,
                    exercises: Vec::new(),
                    pain_before: before,
                    pain_after: after,
                    applications_done: None,
                    applications_planned: None,
                    applications_skipped: None,
                    applied_seconds: Vec::new(),
                    missed_switches: Vec::new(),
                };
                serde_json::to_string(&r).unwrap()
            });
        prop_oneof![9 => session, 1 => Just("{\"v\":1,\"kind\":\"rou".to_owned())]
    }

    fn fold(lines: &[String], zone: &TimeZone) -> Figures {
        let mut f = Figures::default();
        f.set_zone(zone.clone());
        for l in lines {
            f.line(l.as_bytes());
        }
        f
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The figures kept (folded in two parts, compacted and written out
        /// between them) give what every record read at once gives, but for
        /// the pain points, of which the last [`SCREEN_PAIN`] are kept.
        #[test]
        fn kept_figures_are_a_full_read(
            lines in proptest::collection::vec(line(), 0..400),
            split in 0usize..400,
            zone in 0usize..3,
            today_back in -40i64..10,
        ) {
            let zone = [
                TimeZone::UTC,
                TimeZone::fixed(jiff::tz::offset(-8)),
                TimeZone::fixed(jiff::tz::Offset::from_seconds(5 * 3600 + 1800).unwrap()),
            ][zone].clone();
            let split = split.min(lines.len());
            let mut first = fold(&lines[..split], &zone);
            first.compact();
            let text = serde_json::to_string(&first).unwrap();
            let mut kept: Figures = serde_json::from_str(&text).unwrap();
            kept.set_zone(zone.clone());
            for l in &lines[split..] {
                kept.line(l.as_bytes());
            }
            kept.compact();
            let all = parse_log(lines.join("\n").as_bytes());
            let refs: Vec<&Record> = all.sessions.iter().collect();
            let newest = all
                .sessions
                .iter()
                .filter_map(|r| local_date(r, &zone))
                .max()
                .unwrap_or(jiff::civil::date(2026, 1, 1));
            let today = newest.checked_sub(jiff::Span::new().days(today_back)).unwrap();
            let mut want = compute(&refs, today, &zone);
            let extra = want.pain.len().saturating_sub(SCREEN_PAIN);
            want.pain.drain(..extra);
            prop_assert_eq!(kept.skips().len(), all.skips.len());
            match kept.stats(today) {
                Some(got) => prop_assert_eq!(got, want),
                // Only a clock set back past the detail kept.
                None => prop_assert!(today_back < -(DETAIL_DAYS - DAYS)),
            }
        }
    }

    /// The streak as it was first told: one day at a time, each looked up.
    fn streak_day_by_day(
        per_date: &BTreeMap<Date, (u32, u64)>,
        older: &[(Date, Date)],
        today: Date,
    ) -> u32 {
        let has = |d: Date| per_date.contains_key(&d) || in_runs(older, d);
        let mut day = if has(today) {
            Some(today)
        } else {
            today.yesterday().ok()
        };
        let mut days = 0;
        while let Some(d) = day
            && has(d)
        {
            days += 1;
            day = d.yesterday().ok();
        }
        days
    }

    fn days_back(today: Date, back: i64) -> Date {
        today.checked_sub(jiff::Span::new().days(back)).unwrap()
    }

    /// A session of a minute on the date `back` days before `today`, at noon UTC.
    fn on(today: Date, back: i64) -> Record {
        let start: Timestamp = format!("{}T12:00:00Z", days_back(today, back))
            .parse()
            .unwrap();
        serde_json::from_value(serde_json::json!({
            "v": 1, "kind": "routine", "name": "Cat-Cow",
            "start": start.to_string(), "end": (start + SignedDuration::from_mins(1)).to_string(),
            "active_seconds": 60, "outcome": "finished"
        }))
        .unwrap()
    }

    #[test]
    fn a_streak_of_years_counts_across_the_detail_and_the_runs() {
        let today = jiff::civil::date(2026, 12, 7);
        // 9,000 days in a row up to today, a gap 9,000 days back and one
        // more day before it; then, after the tally was compacted and kept,
        // sessions logged late on days long before the detail.
        let mut tally = Tally::default();
        for back in (0..9000).chain([9001]) {
            tally.add(&on(today, back), &TimeZone::UTC);
        }
        tally.compact();
        assert!(
            tally.older.len() == 2 && tally.per_date.len() == 65,
            "{tally:?}"
        );
        let mut kept: Tally =
            serde_json::from_str(&serde_json::to_string(&tally).unwrap()).unwrap();
        kept.add(&on(today, 5000), &TimeZone::UTC);
        assert_eq!(kept.clone().stats(today).streak_days, 9000);
        // The day the gap was, logged late: the streak joins the day before it.
        kept.add(&on(today, 9000), &TimeZone::UTC);
        assert_eq!(kept.clone().stats(today).streak_days, 9002);
        // Today without a session yet: up to yesterday.
        let tomorrow = today.tomorrow().unwrap();
        assert_eq!(kept.clone().stats(tomorrow).streak_days, 9002);
        // A day later with none: no streak.
        assert_eq!(kept.stats(tomorrow.tomorrow().unwrap()).streak_days, 0);
    }

    proptest! {
        /// Runs jumped whole and the detail walked down the map give the
        /// streak that looking up every day gives, wherever the detail and
        /// the runs meet or overlap.
        #[test]
        fn the_streak_is_the_days_in_a_row(
            detail in proptest::collection::btree_set(0i64..120, 0..100),
            runs in proptest::collection::vec(0i64..400, 0..300),
            today_back in -2i64..3,
        ) {
            let newest = jiff::civil::date(2026, 12, 7);
            let per_date: BTreeMap<Date, (u32, u64)> =
                detail.iter().map(|b| (days_back(newest, *b), (1, 60))).collect();
            let mut older = Vec::new();
            for b in runs {
                add_to_runs(&mut older, days_back(newest, b));
            }
            let today = days_back(newest, today_back);
            prop_assert_eq!(
                streak(&per_date, &older, today),
                streak_day_by_day(&per_date, &older, today)
            );
        }
    }

    #[test]
    fn dates_are_written_as_display_writes_them() {
        let mut d = jiff::civil::date(1999, 12, 1);
        for _ in 0..800 {
            assert_eq!(date_text(d), d.to_string());
            d = d.tomorrow().unwrap();
        }
        for d in [
            Date::MIN,
            Date::MAX,
            jiff::civil::date(0, 1, 1),
            jiff::civil::date(-1, 12, 31),
            jiff::civil::date(9, 3, 4),
            jiff::civil::date(999, 10, 10),
            jiff::civil::date(9999, 12, 31),
        ] {
            assert_eq!(date_text(d), d.to_string());
        }
    }

    #[test]
    fn the_chart_days_end_today_even_at_the_first_date() {
        let at = |today: Date| Tally::default().stats(today).days;
        let today = jiff::civil::date(2026, 3, 2);
        let days = at(today);
        assert_eq!(days.len(), 28);
        assert_eq!(days[0].date, "2026-02-03");
        assert_eq!(days[27].date, "2026-03-02");
        // Near the first date there is: the days there are.
        let early = Date::MIN.checked_add(jiff::Span::new().days(3)).unwrap();
        let days = at(early);
        assert_eq!(days.len(), 4);
        assert_eq!(days[3].date, early.to_string());
    }

    #[test]
    fn runs_join_and_tell_dates() {
        let d = |n: i8| jiff::civil::date(2026, 3, n);
        let mut runs = Vec::new();
        for n in [5, 7, 6, 1, 2, 10] {
            add_to_runs(&mut runs, d(n));
        }
        assert_eq!(runs, vec![(d(1), d(2)), (d(5), d(7)), (d(10), d(10))]);
        assert!(in_runs(&runs, d(6)) && in_runs(&runs, d(10)));
        assert!(!in_runs(&runs, d(3)) && !in_runs(&runs, d(9)) && !in_runs(&runs, d(11)));
        add_to_runs(&mut runs, d(3));
        add_to_runs(&mut runs, d(4));
        assert_eq!(runs, vec![(d(1), d(7)), (d(10), d(10))]);
    }
}
