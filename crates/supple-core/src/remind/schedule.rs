//! When a reminder is due: a time of day, the days of the week, and a schedule
//! (every so often between two times, or at set times), with what systemd's
//! `OnCalendar=` and cron make of it.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use super::{MAX_EVERY, MAX_TIMES, MIN_EVERY};
use crate::duration;

/// A time of day, to the minute, in local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub fn new(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then(|| TimeOfDay(u16::from(hour) * 60 + u16::from(minute)))
    }
    pub fn hour(self) -> u8 {
        u8::try_from(self.0 / 60).unwrap_or(0)
    }
    pub fn minute(self) -> u8 {
        u8::try_from(self.0 % 60).unwrap_or(0)
    }
    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// "9:00", "09:00" or "9" (an hour).
    pub fn parse(text: &str) -> Result<TimeOfDay, String> {
        let text = text.trim();
        let (h, m) = text.split_once(':').unwrap_or((text, "0"));
        let number = |s: &str| {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u8>().ok())
                .flatten()
        };
        number(h)
            .zip(number(m))
            .and_then(|(h, m)| TimeOfDay::new(h, m))
            .ok_or_else(|| format!("'{text}' is not a time of day: write it as 09:00 or 17:30"))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

pub(super) const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Days of the week, Monday first (bit 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(u8);

impl Days {
    pub const EVERY: Days = Days(0b111_1111);

    /// Whether `day` (0 = Monday) is one of them.
    pub fn has(self, day: u8) -> bool {
        day < 7 && self.0 & (1 << day) != 0
    }

    /// "mon-fri", "mon,wed,fri", "sat-sun", "fri-mon", "weekdays", "weekends",
    /// "daily" (or "every day").
    pub fn parse(text: &str) -> Result<Days, String> {
        let lower = text.trim().to_ascii_lowercase();
        let help = "write days as mon-fri, mon,wed,fri, weekends or daily";
        match lower.as_str() {
            "" => return Err(format!("no days given: {help}")),
            "daily" | "every day" | "all" | "mon-sun" => return Ok(Days::EVERY),
            "weekdays" => return Ok(Days(0b001_1111)),
            "weekends" => return Ok(Days(0b110_0000)),
            _ => {}
        }
        let day = |s: &str| -> Result<u8, String> {
            const FULL: [&str; 7] = [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ];
            let s = s.trim();
            // Two letters are enough to tell the days apart: "mo", "th", "sa".
            FULL.iter()
                .position(|full| s.len() >= 2 && full.starts_with(s))
                .and_then(|i| u8::try_from(i).ok())
                .ok_or_else(|| format!("'{s}' is not a day of the week: {help}"))
        };
        let mut bits = 0u8;
        for part in lower.split(',') {
            match part.split_once(['-', '.']) {
                Some((a, b)) => {
                    let (a, b) = (day(a)?, day(b.trim_start_matches('.'))?);
                    let mut d = a;
                    loop {
                        bits |= 1 << d;
                        if d == b {
                            break;
                        }
                        d = (d + 1) % 7;
                    }
                }
                None => bits |= 1 << day(part)?,
            }
        }
        Ok(Days(bits))
    }

    /// The runs of consecutive days, Monday first: [(0, 4)] for Mon-Fri.
    fn runs(self) -> Vec<(u8, u8)> {
        let mut runs: Vec<(u8, u8)> = Vec::new();
        for d in (0..7).filter(|&d| self.has(d)) {
            match runs.last_mut() {
                Some((_, end)) if *end + 1 == d => *end = d,
                _ => runs.push((d, d)),
            }
        }
        runs
    }

    /// systemd's weekday part: "Mon..Fri", "Mon,Wed,Fri"; empty for every day.
    pub(super) fn systemd(self) -> String {
        if self == Days::EVERY {
            return String::new();
        }
        self.join(|d| DAY_NAMES[usize::from(d)].to_owned(), "..")
    }

    /// crontab's day-of-week field: "1-5", "0,6" (Sunday is 0), "*".
    pub(super) fn cron(self) -> String {
        if self == Days::EVERY {
            return "*".to_owned();
        }
        self.join(|d| ((d + 1) % 7).to_string(), "-")
    }

    pub(super) fn join(self, name: impl Fn(u8) -> String, range: &str) -> String {
        self.runs()
            .iter()
            .map(|&(a, b)| match b - a {
                0 => name(a),
                1 => format!("{},{}", name(a), name(b)),
                _ if range == "-" && b == 6 => {
                    // cron counts Sunday as 0: "1-6,0" reads oddly, list it.
                    (a..=b).map(&name).collect::<Vec<_>>().join(",")
                }
                _ => format!("{}{range}{}", name(a), name(b)),
            })
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl fmt::Display for Days {
    /// "Mon-Fri", "Mon, Wed, Fri", "every day".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Days::EVERY {
            return write!(f, "every day");
        }
        let text = self
            .runs()
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (DAY_NAMES[usize::from(a)], DAY_NAMES[usize::from(b)]);
                if a == b {
                    a.to_owned()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        write!(f, "{text}")
    }
}

/// When a reminder is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// Every `every` from `from` until `until` (a desk break).
    Every {
        every: Duration,
        from: TimeOfDay,
        until: TimeOfDay,
        days: Days,
    },
    /// At these times (today's plan, a routine on its days).
    At { times: Vec<TimeOfDay>, days: Days },
}

impl Schedule {
    /// `--every` and `--between`: every must be whole minutes, 5m to 12h; the
    /// window defaults to the whole day.
    pub fn every(every: Duration, between: Option<&str>, days: Days) -> Result<Schedule, String> {
        if !every.as_secs().is_multiple_of(60) || every.subsec_nanos() != 0 {
            return Err(format!(
                "--every {} is not whole minutes: write it as 45m or 1h30m",
                duration::human(every)
            ));
        }
        if !(MIN_EVERY..=MAX_EVERY).contains(&every) {
            return Err(format!(
                "--every {} is out of range: from 5m to 12h",
                duration::human(every)
            ));
        }
        let (from, until) = match between {
            Some(text) => window(text)?,
            None => (TimeOfDay(0), TimeOfDay(23 * 60 + 59)),
        };
        Ok(Schedule::Every {
            every,
            from,
            until,
            days,
        })
    }

    /// `--at 09:00,13:00`: sorted, each once.
    pub fn at(text: &str, days: Days) -> Result<Schedule, String> {
        let mut times = text
            .split(',')
            .map(TimeOfDay::parse)
            .collect::<Result<Vec<_>, _>>()?;
        times.sort();
        times.dedup();
        if times.len() > MAX_TIMES {
            return Err(format!(
                "--at gives {} times; at most {MAX_TIMES} a day",
                times.len()
            ));
        }
        Ok(Schedule::At { times, days })
    }

    pub fn days(&self) -> Days {
        match self {
            Schedule::Every { days, .. } | Schedule::At { days, .. } => *days,
        }
    }

    /// Every time of day it is due, in order.
    pub fn times(&self) -> Vec<TimeOfDay> {
        match self {
            Schedule::At { times, .. } => times.clone(),
            Schedule::Every {
                every, from, until, ..
            } => {
                let step = u16::try_from(every.as_secs() / 60)
                    .unwrap_or(u16::MAX)
                    .max(1);
                (from.0..=until.0)
                    .step_by(usize::from(step))
                    .map(TimeOfDay)
                    .collect()
            }
        }
    }

    /// The times grouped for a calendar: for each set of minutes, the hours it
    /// falls in. `[([0, 45], [9, 12, 15]), ([30], [10, 13, 16]), ...]`.
    pub(super) fn groups(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut hours_of: BTreeMap<u8, Vec<u8>> = BTreeMap::new();
        for t in self.times() {
            hours_of.entry(t.minute()).or_default().push(t.hour());
        }
        let mut groups: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for (minute, hours) in hours_of {
            match groups.iter_mut().find(|(_, h)| *h == hours) {
                Some((minutes, _)) => minutes.push(minute),
                None => groups.push((vec![minute], hours)),
            }
        }
        groups.sort_by_key(|(m, h)| (h.first().copied(), m.first().copied()));
        groups
    }

    /// The `OnCalendar=` expressions that fire at exactly these times:
    /// "Mon..Fri *-*-* 09,12,15:00,45:00".
    pub fn on_calendar(&self) -> Vec<String> {
        let days = self.days().systemd();
        let prefix = if days.is_empty() {
            String::new()
        } else {
            format!("{days} ")
        };
        self.groups()
            .iter()
            .map(|(minutes, hours)| {
                format!(
                    "{prefix}*-*-* {}:{}:00",
                    list(hours, true),
                    list(minutes, true)
                )
            })
            .collect()
    }

    /// crontab lines that run `command` at exactly these times.
    pub fn cron(&self, command: &str) -> Vec<String> {
        let days = self.days().cron();
        self.groups()
            .iter()
            .map(|(minutes, hours)| {
                format!(
                    "{} {} * * {days} {command}",
                    list(minutes, false),
                    list(hours, false)
                )
            })
            .collect()
    }

    /// The first time due strictly after `now` (local), within the next 8 days.
    pub fn next_after(&self, now: jiff::civil::DateTime) -> Option<jiff::civil::DateTime> {
        let times = self.times();
        let days = self.days();
        (0..8).find_map(|offset| {
            let date = now
                .date()
                .checked_add(jiff::Span::new().days(offset))
                .ok()?;
            let weekday = u8::try_from(date.weekday().to_monday_zero_offset()).ok()?;
            if !days.has(weekday) {
                return None;
            }
            times.iter().find_map(|t| {
                let at = date.at(
                    i8::try_from(t.hour()).ok()?,
                    i8::try_from(t.minute()).ok()?,
                    0,
                    0,
                );
                (at > now).then_some(at)
            })
        })
    }

    /// "every 45m, 09:00-17:30, Mon-Fri", "at 09:00, 13:00, every day".
    pub fn summary(&self) -> String {
        match self {
            Schedule::Every {
                every,
                from,
                until,
                days,
            } => {
                let window = if from.0 == 0 && until.0 == 23 * 60 + 59 {
                    "all day".to_owned()
                } else {
                    format!("{from}-{until}")
                };
                format!("every {}, {window}, {days}", duration::human(*every))
            }
            Schedule::At { times, days } => {
                let times: Vec<String> = times.iter().map(ToString::to_string).collect();
                format!("at {}, {days}", times.join(", "))
            }
        }
    }
}

/// "09,12,15" from [9, 12, 15].
/// "9,12,15", or with `pad` "09,12,15".
fn list(values: &[u8], pad: bool) -> String {
    values
        .iter()
        .map(|v| {
            if pad {
                format!("{v:02}")
            } else {
                v.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// "09:00-17:30": the first time before the second.
fn window(text: &str) -> Result<(TimeOfDay, TimeOfDay), String> {
    let (a, b) = text
        .split_once('-')
        .ok_or_else(|| format!("--between '{text}' is not a window: write it as 09:00-17:30"))?;
    let (from, until) = (TimeOfDay::parse(a)?, TimeOfDay::parse(b)?);
    if from >= until {
        return Err(format!(
            "--between {from}-{until} ends before it starts: write the earlier time first"
        ));
    }
    Ok((from, until))
}
