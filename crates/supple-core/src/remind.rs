//! Reminders: what one starts and when it is due, as values. The schedule becomes
//! systemd `OnCalendar=` expressions (or crontab lines); the reminders file
//! (`$XDG_CONFIG_HOME/supple/reminders.toml`) is parsed and written here. The shell
//! (`cmd::remind`) writes the unit files and asks systemd to run them.
//!
//! ```toml
//! [desk-break]
//! starts = "desk-break"     # a routine, "ice", "heat", "contrast" or "today"
//! every = "45m"
//! between = "09:00-17:30"
//! days = "mon-fri"
//!
//! [today]
//! starts = "today"
//! at = "09:00,13:00,19:00"
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::Deserialize;

use crate::duration;
use crate::pack::Treatment;
use crate::toml_check::Diagnostic;

/// The shortest gap between two reminders of one `--every` schedule.
pub const MIN_EVERY: Duration = Duration::from_secs(5 * 60);
/// The longest: twice a day.
pub const MAX_EVERY: Duration = Duration::from_secs(12 * 3600);
/// The most times a day one reminder may fire.
pub const MAX_TIMES: usize = 48;
/// The most reminders in the file.
pub const MAX_REMINDERS: usize = 64;
/// The longest reminder name (it becomes part of a unit file's name).
pub const MAX_NAME: usize = 40;

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

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

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
    fn systemd(self) -> String {
        if self == Days::EVERY {
            return String::new();
        }
        self.join(|d| DAY_NAMES[usize::from(d)].to_owned(), "..")
    }

    /// crontab's day-of-week field: "1-5", "0,6" (Sunday is 0), "*".
    fn cron(self) -> String {
        if self == Days::EVERY {
            return "*".to_owned();
        }
        self.join(|d| ((d + 1) % 7).to_string(), "-")
    }

    fn join(self, name: impl Fn(u8) -> String, range: &str) -> String {
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
    fn groups(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
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

/// A word that needs no quoting for systemd or sh: letters, digits and `/-_.=:,+@`.
fn plain_word(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.=:,+@".contains(&b))
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

/// What a reminder starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Starts {
    /// A routine, by name (bundled or the person's own).
    Routine(String),
    /// An ice, heat or contrast session.
    Pack(Treatment),
    /// Today's plan: its next open item.
    Today,
}

impl Starts {
    pub fn parse(text: &str) -> Starts {
        match text {
            "today" => Starts::Today,
            "ice" => Starts::Pack(Treatment::Ice),
            "heat" => Starts::Pack(Treatment::Heat),
            "contrast" => Starts::Pack(Treatment::Contrast),
            other => Starts::Routine(other.to_owned()),
        }
    }

    /// The word in the reminders file.
    pub fn word(&self) -> &str {
        match self {
            Starts::Routine(name) => name,
            Starts::Pack(t) => t.name(),
            Starts::Today => "today",
        }
    }
}

/// One reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub name: String,
    pub starts: Starts,
    pub schedule: Schedule,
    /// `--always`: an `--every` reminder fires on the clock, whether or not
    /// anyone is at the computer (by default it asks, see `core::presence`).
    pub always: bool,
}

impl Reminder {
    /// From when a session counts as "already done" for this reminder at `now`:
    /// the start of the day for one given at set times, one interval back for one
    /// given every so often (a desk break an hour ago does not answer this one).
    pub fn fresh_since(&self, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> jiff::Timestamp {
        match &self.schedule {
            Schedule::Every { every, .. } => {
                now - jiff::SignedDuration::try_from(*every).unwrap_or_default()
            }
            Schedule::At { .. } => now
                .to_zoned_datetime(tz.clone())
                .start_of_day()
                .map_or(now, |z| z.timestamp()),
        }
    }

    /// When what it starts was last done, if that was at or after `since`, by
    /// Today's rules (`core::today`): a routine finished (or mostly done), a pack
    /// with an application on for three quarters of `pack_on` (the config
    /// file's `[pack] on`, else 20 minutes). (`Starts::Today` asks the plan
    /// instead: `None`.)
    pub fn done_since(
        &self,
        sessions: &[crate::history::Record],
        since: jiff::Timestamp,
        pack_on: std::time::Duration,
    ) -> Option<jiff::Timestamp> {
        use crate::history::SessionKind;
        let counts = |r: &crate::history::Record| match &self.starts {
            Starts::Routine(name) => {
                r.kind == SessionKind::Routine
                    && r.routine.as_deref() == Some(crate::today::routine_id(name))
                    && crate::today::enough(r)
            }
            Starts::Pack(t) => {
                r.kind == SessionKind::of(*t) && crate::today::applications_counted(r, pack_on) > 0
            }
            Starts::Today => false,
        };
        sessions
            .iter()
            .filter(|r| counts(r))
            .filter_map(|r| r.end.parse::<jiff::Timestamp>().ok())
            .filter(|&end| end >= since)
            .max()
    }
}

/// Whether `name` can name a reminder (and a unit file): letters, digits, - and _.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !name.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{}' cannot name a reminder: use up to {MAX_NAME} letters, digits, - and _",
            crate::text::sanitize(name)
        ))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    starts: String,
    every: Option<toml::Spanned<String>>,
    between: Option<toml::Spanned<String>>,
    at: Option<toml::Spanned<String>>,
    days: Option<toml::Spanned<String>>,
    #[serde(default)]
    always: bool,
}

/// Parses the reminders file: every reminder, or the first mistake with its place.
pub fn parse(text: &str) -> Result<Vec<Reminder>, Diagnostic> {
    let raw: BTreeMap<toml::Spanned<String>, Raw> = toml::from_str(text).map_err(|e| {
        Diagnostic::new(e.span().unwrap_or(0..0), e.message().trim().to_owned())
            .with_help("`supple remind add` writes this file; see `supple remind add --help`")
    })?;
    if raw.len() > MAX_REMINDERS {
        return Err(Diagnostic::new(
            0..0,
            format!("{} reminders; at most {MAX_REMINDERS}", raw.len()),
        ));
    }
    raw.into_iter()
        .map(|(name, raw)| {
            let span = name.span();
            let name = name.into_inner();
            check_name(&name).map_err(|e| Diagnostic::new(span.clone(), e))?;
            let at_place = |s: &toml::Spanned<String>, e: String| Diagnostic::new(s.span(), e);
            let days = match &raw.days {
                Some(d) => Days::parse(d.get_ref()).map_err(|e| at_place(d, e))?,
                None => Days::EVERY,
            };
            let schedule = match (&raw.every, &raw.at) {
                (Some(every), None) => {
                    let d = duration::parse(every.get_ref(), MAX_EVERY)
                        .map_err(|e| at_place(every, format!("'every' {e}")))?;
                    Schedule::every(d, raw.between.as_ref().map(|b| b.get_ref().as_str()), days)
                        .map_err(|e| at_place(every, e))?
                }
                (None, Some(at)) => {
                    Schedule::at(at.get_ref(), days).map_err(|e| at_place(at, e))?
                }
                _ => {
                    return Err(Diagnostic::new(
                        span,
                        format!("reminder '{name}' needs either 'every' or 'at'"),
                    ));
                }
            };
            check_name(&raw.starts)
                .map_err(|e| Diagnostic::new(span.clone(), format!("'starts': {e}")))?;
            Ok(Reminder {
                name,
                starts: Starts::parse(&raw.starts),
                schedule,
                always: raw.always,
            })
        })
        .collect()
}

/// The reminders file's text for `reminders`, written by the toml serializer
/// (so every value is quoted as toml wants, whatever it holds).
pub fn to_toml(reminders: &[Reminder]) -> String {
    let mut table = toml::Table::new();
    for r in reminders {
        let mut entry = toml::Table::new();
        let mut put = |k: &str, v: String| {
            entry.insert(k.to_owned(), toml::Value::String(v));
        };
        put("starts", r.starts.word().to_owned());
        match &r.schedule {
            Schedule::Every {
                every,
                from,
                until,
                days,
            } => {
                put("every", duration::human(*every));
                put("between", format!("{from}-{until}"));
                put("days", days_word(*days));
            }
            Schedule::At { times, days } => {
                let times: Vec<String> = times.iter().map(ToString::to_string).collect();
                put("at", times.join(","));
                put("days", days_word(*days));
            }
        }
        if r.always {
            entry.insert("always".to_owned(), toml::Value::Boolean(true));
        }
        table.insert(r.name.clone(), toml::Value::Table(entry));
    }
    let body = toml::to_string(&table).unwrap_or_default();
    format!(
        "# supple's reminders. `supple remind add` and `remove` keep this file and the\n\
         # systemd timers in step; `supple remind list` shows them.\n\n{body}"
    )
}

/// The file's text for `reminders`, checked as supple will read it back: too
/// many reminders, or one the reader refuses, is an error before anything is
/// written, so supple never writes a file it then cannot read.
pub fn to_checked_toml(reminders: &[Reminder]) -> Result<String, String> {
    if reminders.len() > MAX_REMINDERS {
        return Err(format!(
            "there are {MAX_REMINDERS} reminders already, the most supple keeps; remove one first (`supple remind list` shows them)"
        ));
    }
    let text = to_toml(reminders);
    match parse(&text) {
        Ok(back) if back.len() == reminders.len() => Ok(text),
        Ok(_) => Err(
            "the reminders would not read back as written (a bug in supple: please report it)"
                .to_owned(),
        ),
        Err(d) => Err(d.message),
    }
}

/// Days as `Days::parse` reads them back: "mon-fri", "mon,wed", "daily".
fn days_word(days: Days) -> String {
    if days == Days::EVERY {
        return "daily".to_owned();
    }
    days.join(|d| DAY_NAMES[usize::from(d)].to_ascii_lowercase(), "-")
}

/// Quotes one argument for a systemd `ExecStart=` line: double quotes when it
/// needs them, `%` doubled (a specifier otherwise), `\` and `"` escaped.
pub fn systemd_quote(arg: &str) -> String {
    let escaped = arg
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    if plain_word(&escaped) {
        escaped
    } else {
        format!("\"{escaped}\"")
    }
}

/// The unit files' base name: `supple-remind-NAME`.
pub fn unit_name(name: &str) -> String {
    format!("supple-remind-{name}")
}

/// The timer unit for `reminder`.
pub fn timer_unit(reminder: &Reminder) -> String {
    let mut out = format!(
        "# Written by `supple remind add {name}`; `supple remind remove {name}` deletes it.\n\
         [Unit]\n\
         Description=supple reminder {name}: {summary}\n\
         \n\
         [Timer]\n",
        name = reminder.name,
        summary = reminder.schedule.summary(),
    );
    for expr in reminder.schedule.on_calendar() {
        out.push_str(&format!("OnCalendar={expr}\n"));
    }
    // A reminder missed while the computer was off is not worth giving late.
    out.push_str(&format!(
        "AccuracySec=30s\nUnit={}.service\n\n[Install]\nWantedBy=timers.target\n",
        unit_name(&reminder.name)
    ));
    out
}

/// The service unit the timer starts: `supple remind fire NAME`, with `command`
/// the program and its leading arguments (already absolute).
pub fn service_unit(reminder: &Reminder, command: &[String]) -> String {
    let exec: Vec<String> = command
        .iter()
        .map(|a| systemd_quote(a))
        .chain(["remind", "fire", reminder.name.as_str()].map(str::to_owned))
        .collect();
    format!(
        "# Written by `supple remind add {name}`; `supple remind remove {name}` deletes it.\n\
         [Unit]\n\
         Description=supple reminder {name}\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={exec}\n",
        name = reminder.name,
        exec = exec.join(" "),
    )
}

/// Quotes one word for a crontab command (run by `sh`; `%` means a new line to cron).
pub fn cron_quote(arg: &str) -> String {
    if plain_word(arg) {
        return arg.to_owned();
    }
    format!("'{}'", arg.replace('\'', "'\\''").replace('%', "\\%"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u8, m: u8) -> TimeOfDay {
        TimeOfDay::new(h, m).unwrap()
    }

    #[test]
    fn a_desk_break_every_45_minutes_is_three_calendar_lines() {
        let s = Schedule::every(
            Duration::from_secs(45 * 60),
            Some("09:00-17:30"),
            Days::parse("mon-fri").unwrap(),
        )
        .unwrap();
        let times = s.times();
        assert_eq!(times.first(), Some(&t(9, 0)));
        assert_eq!(times.last(), Some(&t(17, 15)));
        assert_eq!(times.len(), 12);
        assert_eq!(
            s.on_calendar(),
            [
                "Mon..Fri *-*-* 09,12,15:00,45:00",
                "Mon..Fri *-*-* 10,13,16:30:00",
                "Mon..Fri *-*-* 11,14,17:15:00",
            ]
        );
        assert_eq!(s.summary(), "every 45m, 09:00-17:30, Mon-Fri");
        let cron = s.cron("supple remind fire x");
        assert_eq!(cron[0], "0,45 9,12,15 * * 1-5 supple remind fire x");
    }

    #[test]
    fn every_calendar_line_together_fires_at_exactly_the_times() {
        for (every, window) in [
            (45, "09:00-17:30"),
            (20, "08:10-12:00"),
            (90, "00:00-23:59"),
        ] {
            let s = Schedule::every(Duration::from_secs(every * 60), Some(window), Days::EVERY)
                .unwrap();
            let mut fired: Vec<TimeOfDay> = s
                .groups()
                .iter()
                .flat_map(|(ms, hs)| {
                    hs.iter()
                        .flat_map(move |&h| ms.iter().map(move |&m| t(h, m)))
                })
                .collect();
            fired.sort();
            assert_eq!(fired, s.times(), "every {every}m {window}");
        }
    }

    #[test]
    fn days_read_as_people_write_them() {
        assert_eq!(Days::parse("mon-fri").unwrap().to_string(), "Mon-Fri");
        assert_eq!(
            Days::parse("Mon,Wed,Fri").unwrap().to_string(),
            "Mon, Wed, Fri"
        );
        assert_eq!(Days::parse("fri-mon").unwrap().to_string(), "Mon, Fri-Sun");
        assert_eq!(Days::parse("weekends").unwrap().systemd(), "Sat,Sun");
        assert_eq!(Days::parse("tuesday").unwrap().systemd(), "Tue");
        assert_eq!(Days::parse("daily").unwrap(), Days::EVERY);
        assert_eq!(Days::parse("mon..fri").unwrap().cron(), "1-5");
        assert_eq!(Days::parse("thu-sun").unwrap().cron(), "4,5,6,0");
        assert!(Days::parse("funday").is_err());
        assert!(Days::parse("m").is_err());
        assert!(Days::parse("").is_err());
    }

    #[test]
    fn bad_schedules_say_what_to_write() {
        let every = |secs, w| Schedule::every(Duration::from_secs(secs), w, Days::EVERY);
        assert!(every(90, None).unwrap_err().contains("whole minutes"));
        assert!(every(60, None).unwrap_err().contains("from 5m to 12h"));
        assert!(
            every(600, Some("17:00-09:00"))
                .unwrap_err()
                .contains("earlier time first")
        );
        assert!(
            every(600, Some("9-5pm"))
                .unwrap_err()
                .contains("not a time of day")
        );
        assert!(Schedule::at("25:00", Days::EVERY).is_err());
        let at = Schedule::at("19:00, 9:00,13:00,09:00", Days::EVERY).unwrap();
        assert_eq!(at.times(), [t(9, 0), t(13, 0), t(19, 0)]);
        assert_eq!(at.on_calendar(), ["*-*-* 09,13,19:00:00"]);
    }

    #[test]
    fn the_next_time_skips_the_days_it_is_not_due() {
        let s = Schedule::at("09:00,13:00", Days::parse("mon-fri").unwrap()).unwrap();
        // Friday 2026-12-04 at 14:00: next is Monday 09:00.
        let fri = jiff::civil::date(2026, 12, 4).at(14, 0, 0, 0);
        assert_eq!(
            s.next_after(fri),
            Some(jiff::civil::date(2026, 12, 7).at(9, 0, 0, 0))
        );
        let mon = jiff::civil::date(2026, 12, 7).at(9, 0, 0, 0);
        assert_eq!(
            s.next_after(mon),
            Some(jiff::civil::date(2026, 12, 7).at(13, 0, 0, 0))
        );
    }

    #[test]
    fn the_file_reads_back_what_it_wrote() {
        let reminders = vec![
            Reminder {
                name: "desk-break".into(),
                starts: Starts::Routine("desk-break".into()),
                schedule: Schedule::every(
                    Duration::from_secs(2700),
                    Some("09:00-17:30"),
                    Days::parse("mon-fri").unwrap(),
                )
                .unwrap(),
                always: false,
            },
            Reminder {
                name: "plan".into(),
                starts: Starts::Today,
                schedule: Schedule::at("09:00,13:00,19:00", Days::parse("sat,sun,wed").unwrap())
                    .unwrap(),
                always: true,
            },
        ];
        let text = to_toml(&reminders);
        assert_eq!(parse(&text).unwrap(), reminders, "{text}");
    }

    #[test]
    fn a_bad_file_names_the_place() {
        let err = parse("[x]\nstarts = \"today\"\nat = \"9:00\"\ncolour = 1\n").unwrap_err();
        assert!(err.message.contains("unknown field"), "{err:?}");
        let text = "[x]\nstarts = \"today\"\nat = \"nine\"\n";
        let err = parse(text).unwrap_err();
        assert_eq!(&text[err.span.clone()], "\"nine\"");
        let err = parse("[\"bad name\"]\nstarts = \"today\"\nat = \"9:00\"\n").unwrap_err();
        assert!(err.message.contains("cannot name a reminder"));
        let err = parse("[x]\nstarts = \"today\"\n").unwrap_err();
        assert!(err.message.contains("either 'every' or 'at'"));
    }

    #[test]
    fn exec_arguments_are_quoted_for_systemd() {
        assert_eq!(systemd_quote("/usr/bin/supple"), "/usr/bin/supple");
        assert_eq!(systemd_quote("/home/a b/supple"), "\"/home/a b/supple\"");
        assert_eq!(systemd_quote("/x/100%"), "\"/x/100%%\"");
        assert_eq!(systemd_quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(cron_quote("/home/a b/it's"), "'/home/a b/it'\\''s'");
        assert_eq!(cron_quote("50%"), "'50\\%'");
    }
}
