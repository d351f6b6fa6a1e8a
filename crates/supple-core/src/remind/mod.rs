//! Reminders: what one starts and when it is due, as values. The schedule
//! (`schedule`) becomes systemd `OnCalendar=` expressions or crontab lines, and
//! unit files (`units`); the reminders file (`file`,
//! `$XDG_CONFIG_HOME/supple/reminders.toml`) is parsed and written here. The
//! shell (`cmd::remind`) writes the unit files and asks systemd to run them.
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

mod file;
mod schedule;
mod units;

use std::time::Duration;

use crate::pack::Treatment;

pub use file::{parse, to_checked_toml, to_toml};
pub use schedule::{Days, Schedule, TimeOfDay};
pub use units::{cron_quote, service_unit, systemd_quote, timer_unit, unit_name};

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
            .filter_map(|r| crate::history::parse_time(&r.end).ok())
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
