//! Durations as people write them (`"45s"`, `"1m 30s"`, `"2min"`) and as supple shows them.
//!
//! Parsing goes through humantime, then adds the checks humantime does not make:
//! whole seconds only, no month or year units (`"1M"` is a month to humantime), and an
//! upper bound that the caller chooses.

use std::fmt;
use std::time::Duration;

/// The longest single duration a routine may contain.
pub const MAX_SINGLE: Duration = Duration::from_secs(4 * 3600);

/// Why a duration string was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    Empty,
    /// humantime could not read it; its own explanation.
    Unreadable(String),
    /// A month or year unit, almost always a typo for minutes.
    CalendarUnit {
        unit: String,
    },
    /// Milliseconds or smaller that do not add up to whole seconds.
    Fractional,
    TooLong {
        value: Duration,
        max: Duration,
    },
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DurationError::Empty => f.write_str("is empty"),
            DurationError::Unreadable(why) => write!(f, "is not a duration ({why})"),
            DurationError::CalendarUnit { unit } => {
                write!(f, "uses '{unit}', a calendar unit (months or years)")
            }
            DurationError::Fractional => f.write_str("is not a whole number of seconds"),
            DurationError::TooLong { value, max } => {
                write!(
                    f,
                    "is {}, longer than the {} limit",
                    human(*value),
                    human(*max)
                )
            }
        }
    }
}

impl DurationError {
    /// How to fix it, for the `help:` line of an error.
    pub fn help(&self, written: &str) -> String {
        match self {
            DurationError::CalendarUnit { unit } if unit == "M" => format!(
                "did you mean `{}`? `M` means months; write minutes as `m` or `min`",
                written.replace('M', "m")
            ),
            DurationError::CalendarUnit { .. } => {
                "write minutes as `m` or `min` and hours as `h`, for example \"1m 30s\"".into()
            }
            DurationError::Fractional => {
                "supple counts whole seconds: round it, for example \"2s\" instead of \"1500ms\""
                    .into()
            }
            DurationError::TooLong { max, .. } => {
                format!("use a duration of {} or less", human(*max))
            }
            DurationError::Empty | DurationError::Unreadable(_) => {
                "write a number and a unit, for example \"45s\", \"1m 30s\" or \"2min\"".into()
            }
        }
    }
}

/// Parses a humantime duration and applies supple's rules. `max` is the largest
/// value accepted.
pub fn parse(text: &str, max: Duration) -> Result<Duration, DurationError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DurationError::Empty);
    }
    if trimmed.chars().all(|c| c.is_ascii_digit()) {
        return Err(DurationError::Unreadable("a number needs a unit".into()));
    }
    if let Some(unit) = calendar_unit(trimmed) {
        return Err(DurationError::CalendarUnit { unit });
    }
    // Units as people type them, in any case ("30H", "3 Days"); a lone "M" (months)
    // was refused above.
    let lowered = trimmed.to_lowercase();
    let value = humantime::parse_duration(&lowered)
        .map_err(|e| DurationError::Unreadable(unreadable(trimmed, &e)))?;
    if value.subsec_nanos() != 0 {
        return Err(DurationError::Fractional);
    }
    if value > max {
        return Err(DurationError::TooLong { value, max });
    }
    Ok(value)
}

/// What humantime could not read, in supple's words: its own messages list units supple
/// refuses (months, years) and speak of byte offsets.
fn unreadable(text: &str, e: &humantime::DurationError) -> String {
    use humantime::DurationError as E;
    match e {
        E::UnknownUnit { unit, .. } if unit.is_empty() => "a number needs a unit".into(),
        E::UnknownUnit { unit, .. } => {
            format!("\"{}\" is not a unit; use s, m or h", unit.escape_debug())
        }
        E::InvalidCharacter(at) => match text.get(*at..).and_then(|rest| rest.chars().next()) {
            Some(c) => format!("'{}' cannot be part of a duration", c.escape_debug()),
            None => "it has a character that cannot be part of a duration".into(),
        },
        E::NumberExpected(0) => "it must start with a number".into(),
        E::NumberExpected(_) => "each unit needs a number before it".into(),
        E::NumberOverflow => "the number is too large".into(),
        E::Empty => "it is empty".into(),
    }
}

/// The first month or year unit in a humantime string, if any.
fn calendar_unit(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .find(|word| {
            *word == "M"
                || matches!(
                    word.to_lowercase().as_str(),
                    "month" | "months" | "y" | "yr" | "yrs" | "year" | "years"
                )
        })
        .map(str::to_owned)
}

/// A duration the way a person says it: `45s`, `1m 30s`, `2m`, `1h 5m`.
pub fn human(d: Duration) -> String {
    let total = d.as_secs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    let mut parts = Vec::with_capacity(3);
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    parts.join(" ")
}

/// A long span as a person says it: "25 minutes", "30 hours", "4 days 6 hours",
/// "3 weeks 2 days" (for how long an episode has lasted).
pub fn spoken(d: Duration) -> String {
    use crate::text::count;
    let s = d.as_secs();
    let (hour, day, week) = (3600, 24 * 3600, 7 * 24 * 3600);
    let two = |big: u64, big_name: &str, small: u64, small_name: &str| {
        if small == 0 {
            count(big, big_name)
        } else {
            format!("{} {}", count(big, big_name), count(small, small_name))
        }
    };
    if s < hour {
        count(s / 60, "minute")
    } else if s < 2 * day {
        count(s / hour, "hour")
    } else if s < 2 * week {
        two(s / day, "day", s % day / hour, "hour")
    } else {
        two(s / week, "week", s % week / day, "day")
    }
}

/// A clock reading of whole seconds: `04:05`, or `1:02:03` from an hour up.
pub fn clock(d: Duration) -> String {
    let total = d.as_secs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// Whole seconds, rounded up: what a countdown shows (0.2 s left reads as 1).
pub fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// "9m 12s", or "9m 12s + 10 self-paced reps".
pub fn total_text(total: Duration, self_paced: u64) -> String {
    let mut s = human(total);
    if self_paced > 0 {
        s.push_str(&format!(" + {self_paced} self-paced reps"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> u64 {
        parse(s, MAX_SINGLE).unwrap().as_secs()
    }

    #[test]
    fn parses_what_people_write() {
        assert_eq!(ok("5s"), 5);
        assert_eq!(ok("1m 30s"), 90);
        assert_eq!(ok("2min"), 120);
        assert_eq!(ok(" 45s "), 45);
        assert_eq!(ok("0s"), 0);
        assert_eq!(ok("4h"), 4 * 3600);
        // Units in any case, and days and weeks spelt out, as people type them.
        assert_eq!(ok("3H"), 3 * 3600);
        assert_eq!(ok("2 Min"), 120);
        let long = Duration::from_secs(30 * 24 * 3600);
        assert_eq!(
            parse("3 days", long),
            Ok(Duration::from_secs(3 * 24 * 3600))
        );
        assert_eq!(
            parse("1 week", long),
            Ok(Duration::from_secs(7 * 24 * 3600))
        );
        assert_eq!(parse("30H", long), Ok(Duration::from_secs(30 * 3600)));
        // A month is still refused, however it is written.
        assert!(matches!(
            parse("1Month", long),
            Err(DurationError::CalendarUnit { .. })
        ));
    }

    #[test]
    fn rejects_calendar_units_with_a_hint() {
        let err = parse("1M", MAX_SINGLE).unwrap_err();
        assert_eq!(err, DurationError::CalendarUnit { unit: "M".into() });
        assert!(err.help("1M").contains("`1m`"));
        assert!(matches!(
            parse("2years", MAX_SINGLE),
            Err(DurationError::CalendarUnit { .. })
        ));
    }

    #[test]
    fn rejects_the_rest() {
        assert_eq!(parse("", MAX_SINGLE), Err(DurationError::Empty));
        assert_eq!(parse("1500ms", MAX_SINGLE), Err(DurationError::Fractional));
        assert!(matches!(
            parse("5h", MAX_SINGLE),
            Err(DurationError::TooLong { .. })
        ));
        assert!(matches!(
            parse("ten", MAX_SINGLE),
            Err(DurationError::Unreadable(_))
        ));
        assert!(matches!(
            parse("5", MAX_SINGLE),
            Err(DurationError::Unreadable(_))
        ));
        assert!(matches!(
            parse("0", MAX_SINGLE),
            Err(DurationError::Unreadable(_))
        ));
        assert!(parse("18446744073709551615s", MAX_SINGLE).is_err());
    }

    #[test]
    fn unreadable_durations_are_explained_in_supples_words() {
        let why = |text: &str| match parse(text, MAX_SINGLE) {
            Err(e @ DurationError::Unreadable(_)) => e.to_string(),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(
            why("10 parsecs"),
            "is not a duration (\"parsecs\" is not a unit; use s, m or h)"
        );
        assert_eq!(
            why("ten seconds"),
            "is not a duration (it must start with a number)"
        );
        assert_eq!(
            why("1m,30s"),
            "is not a duration (',' cannot be part of a duration)"
        );
        assert_eq!(
            why("1m sec"),
            "is not a duration (each unit needs a number before it)"
        );
        assert_eq!(why("5 min 3"), "is not a duration (a number needs a unit)");
        assert_eq!(
            why("99999999999999999999s"),
            "is not a duration (the number is too large)"
        );
        assert_eq!(
            why("1\u{1b}m"),
            "is not a duration ('\\u{1b}' cannot be part of a duration)"
        );
    }

    #[test]
    fn formats() {
        assert_eq!(human(Duration::from_secs(0)), "0s");
        assert_eq!(human(Duration::from_secs(45)), "45s");
        assert_eq!(human(Duration::from_secs(90)), "1m 30s");
        assert_eq!(human(Duration::from_secs(3900)), "1h 5m");
        assert_eq!(clock(Duration::from_secs(245)), "04:05");
        assert_eq!(clock(Duration::from_secs(3723)), "1:02:03");
        assert_eq!(ceil_secs(Duration::from_millis(200)), 1);
        assert_eq!(ceil_secs(Duration::from_secs(3)), 3);
    }
}
