//! Whether anyone is at the computer, for reminders that should come when the
//! person is there (issue 27): what the session's signals say (logind, GNOME's idle
//! monitor, the freedesktop screen saver, the terminals' last input), and the
//! decision a `--every` reminder takes from them. Pure: the readings and the time
//! come in as values; `shell::presence` asks the system.
//!
//! The rule: idle or locked now, stay quiet. Back from being away (idle, locked or
//! suspended) for at least the break's length: that was a break, and the interval
//! starts again from the return. No signal answers: fire on the clock, as a timer
//! does, and say so once.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// No input for this long is "away": long enough that reading a page is not.
pub const IDLE_AFTER: Duration = Duration::from_secs(5 * 60);

/// Where a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// systemd-logind's IdleHint and LockedHint (the system bus).
    Logind,
    /// GNOME's org.gnome.Mutter.IdleMonitor.
    Mutter,
    /// org.freedesktop.ScreenSaver (KDE and others).
    ScreenSaver,
    /// The terminals' last input (a tty's access time, as `w` shows it).
    Terminals,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Logind => "logind",
            Source::Mutter => "GNOME idle monitor",
            Source::ScreenSaver => "screen saver",
            Source::Terminals => "terminal input",
        }
    }
}

/// What one signal says now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub source: Source,
    /// How long since the last input (zero when active now).
    pub idle: Duration,
    /// The screen is locked (or the screen saver is on).
    pub locked: bool,
}

/// What a reminder remembers between its firings (kept in supple's state folder).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Memory {
    /// When the person was first seen away, while they still are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub away_since: Option<Timestamp>,
    /// The last time the reminder looked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_look: Option<Timestamp>,
    /// When the interval starts again: the end of the last break (or a skip).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub break_ended: Option<Timestamp>,
    /// When the person pressed "Skip" on the last notification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<Timestamp>,
    /// "No signal answers here" was said.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub said_no_signal: bool,
}

/// What the reminder does now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Remind (the person is there, and the interval has passed).
    Notify,
    /// Remind, on the clock: no signal answers here.
    NotifyBlind,
    /// Stay quiet: away (idle or locked) since this time.
    Away { since: Timestamp },
    /// Stay quiet: back from a break of `away` at `back`; the next is due `due`.
    Rested {
        away: Duration,
        back: Timestamp,
        due: Timestamp,
    },
}

/// The decision for a `--every` reminder whose interval is `every` and whose break
/// lasts `break_len`, at `now`, from `readings` and what it remembered. Returns
/// the verdict and what to remember next time.
pub fn decide(
    readings: &[Reading],
    memory: &Memory,
    every: Duration,
    break_len: Duration,
    now: Timestamp,
) -> (Verdict, Memory) {
    let mut next = Memory {
        last_look: Some(now),
        ..memory.clone()
    };
    let ago = |d: Duration| now - SignedDuration::try_from(d).unwrap_or_default();
    // A terminal's last input says someone is there when it is recent, but an
    // old one says nothing: the person may be in other windows all along. Only a
    // signal of the whole session (logind, the desktop) can say nobody is there.
    let session = readings.iter().any(|r| r.source != Source::Terminals);
    let typing = readings
        .iter()
        .any(|r| r.source == Source::Terminals && r.idle < IDLE_AFTER);
    if !session && !typing {
        next.said_no_signal = true;
        return (Verdict::NotifyBlind, next);
    }
    // Present if any unlocked signal saw input lately; the least idle one says
    // when the last input was.
    let locked = readings.iter().any(|r| r.locked);
    let idle = readings
        .iter()
        .filter(|r| !r.locked)
        .map(|r| r.idle)
        .min()
        .unwrap_or(Duration::MAX);
    if locked || idle >= IDLE_AFTER {
        let since = if locked && idle == Duration::MAX {
            now
        } else {
            ago(idle.min(Duration::from_secs(366 * 24 * 3600)))
        };
        let since = memory.away_since.map_or(since, |s| s.min(since));
        next.away_since = Some(since);
        return (Verdict::Away { since }, next);
    }
    // Here now. Away since the last look, or the machine asleep or off between
    // two looks (a gap much longer than the interval), counts as a break.
    let back = ago(idle);
    let slept_from = memory.last_look.filter(|last| {
        let gap = Duration::try_from(now.duration_since(*last)).unwrap_or_default();
        gap >= every.saturating_add(break_len)
    });
    let away_from = match (memory.away_since, slept_from) {
        (Some(a), Some(s)) => Some(a.min(s)),
        (a, s) => a.or(s),
    };
    next.away_since = None;
    if let Some(from) = away_from {
        let away = Duration::try_from(back.duration_since(from)).unwrap_or_default();
        if away >= break_len {
            next.break_ended = Some(back);
        }
    }
    if let Some(ended) = next.break_ended {
        let due = ended + SignedDuration::try_from(every).unwrap_or_default();
        if now < due {
            let away = away_from
                .map(|f| Duration::try_from(back.duration_since(f)).unwrap_or_default())
                .unwrap_or_default();
            return (
                Verdict::Rested {
                    away,
                    back: ended,
                    due,
                },
                next,
            );
        }
    }
    (Verdict::Notify, next)
}

/// A busctl value line: `b true` / `b false`.
pub fn bool_value(text: &str) -> Option<bool> {
    match text.trim().strip_prefix("b ")?.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A busctl number: `t 123`, `u 45`, `x -1`.
pub fn number_value(text: &str) -> Option<u64> {
    let text = text.trim();
    let (kind, value) = text.split_once(' ')?;
    if !matches!(kind, "t" | "u" | "x" | "i") {
        return None;
    }
    value.trim().parse().ok()
}

/// busctl's array of strings: `as 3 "actions" "body" "icon-static"`.
pub fn strings_value(text: &str) -> Vec<String> {
    let Some(rest) = text.trim().strip_prefix("as ") else {
        return Vec::new();
    };
    rest.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The session path in logind's `Display` property: `(so) "2" "/org/…/session/_32"`.
pub fn display_session(text: &str) -> Option<String> {
    let path = text.split('"').nth(3)?;
    path.starts_with("/org/freedesktop/login1/session/")
        .then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    const EVERY: Duration = Duration::from_secs(45 * 60);
    const BREAK: Duration = Duration::from_secs(210);

    fn here(idle_secs: u64) -> Reading {
        Reading {
            source: Source::Logind,
            idle: Duration::from_secs(idle_secs),
            locked: false,
        }
    }

    #[test]
    fn no_signal_fires_on_the_clock() {
        let (v, m) = decide(
            &[],
            &Memory::default(),
            EVERY,
            BREAK,
            ts("2026-12-07T10:00:00Z"),
        );
        assert_eq!(v, Verdict::NotifyBlind);
        assert!(m.said_no_signal);
    }

    #[test]
    fn a_terminal_says_who_is_there_never_who_is_not() {
        let now = ts("2026-12-07T10:00:00Z");
        let tty = |secs| Reading {
            source: Source::Terminals,
            ..here(secs)
        };
        // Typing in a terminal a minute ago: there.
        assert_eq!(
            decide(&[tty(60)], &Memory::default(), EVERY, BREAK, now).0,
            Verdict::Notify
        );
        // No terminal input for days, and nothing else answers: not known, so on
        // the clock (the person may be in other windows).
        assert_eq!(
            decide(&[tty(3 * 24 * 3600)], &Memory::default(), EVERY, BREAK, now).0,
            Verdict::NotifyBlind
        );
        // The session says idle and the terminals agree: away.
        assert!(matches!(
            decide(
                &[tty(3600), here(3600)],
                &Memory::default(),
                EVERY,
                BREAK,
                now
            )
            .0,
            Verdict::Away { .. }
        ));
    }

    #[test]
    fn idle_or_locked_stays_quiet() {
        let now = ts("2026-12-07T10:00:00Z");
        let (v, m) = decide(&[here(600)], &Memory::default(), EVERY, BREAK, now);
        assert_eq!(
            v,
            Verdict::Away {
                since: ts("2026-12-07T09:50:00Z")
            }
        );
        assert_eq!(m.away_since, Some(ts("2026-12-07T09:50:00Z")));
        let locked = Reading {
            locked: true,
            ..here(0)
        };
        assert!(matches!(
            decide(&[locked], &Memory::default(), EVERY, BREAK, now).0,
            Verdict::Away { .. }
        ));
        // Reading a page (a minute without input) is being there.
        assert_eq!(
            decide(&[here(60)], &Memory::default(), EVERY, BREAK, now).0,
            Verdict::Notify
        );
        // One signal active is enough, whatever the terminals say.
        let tty = Reading {
            source: Source::Terminals,
            ..here(3600)
        };
        assert_eq!(
            decide(&[tty, here(5)], &Memory::default(), EVERY, BREAK, now).0,
            Verdict::Notify
        );
    }

    #[test]
    fn an_hour_away_is_a_break_and_the_interval_starts_from_the_return() {
        // Away from 09:00 (seen at 09:45), back at 10:00, asked at 10:05.
        let mut memory = Memory::default();
        let (_, m) = decide(
            &[here(45 * 60)],
            &memory,
            EVERY,
            BREAK,
            ts("2026-12-07T09:45:00Z"),
        );
        memory = m;
        let (v, m) = decide(
            &[here(300 - 1)],
            &memory,
            EVERY,
            BREAK,
            ts("2026-12-07T10:04:59Z"),
        );
        assert_eq!(
            v,
            Verdict::Rested {
                away: Duration::from_secs(3600),
                back: ts("2026-12-07T10:00:00Z"),
                due: ts("2026-12-07T10:45:00Z"),
            }
        );
        // 10:45: the interval since the return has passed.
        let (v, _) = decide(&[here(2)], &m, EVERY, BREAK, ts("2026-12-07T10:45:30Z"));
        assert_eq!(v, Verdict::Notify);
    }

    #[test]
    fn a_short_absence_is_no_break() {
        let memory = Memory {
            away_since: Some(ts("2026-12-07T09:58:00Z")),
            last_look: Some(ts("2026-12-07T09:59:00Z")),
            ..Memory::default()
        };
        // Away two minutes, less than the break's three and a half.
        let (v, m) = decide(
            &[here(60)],
            &memory,
            EVERY,
            BREAK,
            ts("2026-12-07T10:01:00Z"),
        );
        assert_eq!(v, Verdict::Notify);
        assert_eq!(m.away_since, None);
        assert_eq!(m.break_ended, None);
    }

    #[test]
    fn a_suspended_machine_counts_as_away() {
        // Last looked at 09:00; the lid was shut until 11:00; input at 11:00.
        let memory = Memory {
            last_look: Some(ts("2026-12-07T09:00:00Z")),
            ..Memory::default()
        };
        let (v, _) = decide(
            &[here(10)],
            &memory,
            EVERY,
            BREAK,
            ts("2026-12-07T11:00:10Z"),
        );
        assert!(matches!(v, Verdict::Rested { due, .. } if due == ts("2026-12-07T11:45:00Z")));
    }

    #[test]
    fn busctl_values_are_read() {
        assert_eq!(bool_value("b true\n"), Some(true));
        assert_eq!(bool_value("b false"), Some(false));
        assert_eq!(bool_value("s \"x\""), None);
        assert_eq!(
            number_value("t 1733563200000000"),
            Some(1_733_563_200_000_000)
        );
        assert_eq!(number_value("u 42"), Some(42));
        assert_eq!(number_value("nope"), None);
        assert_eq!(
            strings_value("as 3 \"actions\" \"body\" \"icon-static\""),
            ["actions", "body", "icon-static"]
        );
        assert_eq!(
            display_session("(so) \"2\" \"/org/freedesktop/login1/session/_32\"").as_deref(),
            Some("/org/freedesktop/login1/session/_32")
        );
        assert_eq!(display_session("(so) \"\" \"/\""), None);
    }
}
