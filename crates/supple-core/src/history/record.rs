//! What a record of the log holds (a session, routine or pack) and the checks its
//! values must pass before it is believed.

use std::borrow::Cow;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::text::sanitize;

/// The record format this build writes.
pub const VERSION: u32 = 1;

/// What kind of session a record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SessionKind {
    Routine,
    Ice,
    Heat,
    Contrast,
}

impl SessionKind {
    /// The kind of an ice, heat or contrast session.
    pub fn of(treatment: crate::pack::Treatment) -> SessionKind {
        match treatment {
            crate::pack::Treatment::Ice => SessionKind::Ice,
            crate::pack::Treatment::Heat => SessionKind::Heat,
            crate::pack::Treatment::Contrast => SessionKind::Contrast,
        }
    }

    /// Every kind of session.
    pub const ALL: [SessionKind; 4] = [
        SessionKind::Routine,
        SessionKind::Ice,
        SessionKind::Heat,
        SessionKind::Contrast,
    ];

    /// The kind the log's word names (see [`SessionKind::word`]).
    pub fn from_word(word: &[u8]) -> Option<SessionKind> {
        SessionKind::ALL
            .into_iter()
            .find(|k| k.word().as_bytes() == word)
    }

    /// As the log writes it: "routine", "ice", "heat", "contrast".
    pub fn word(self) -> &'static str {
        match self {
            SessionKind::Routine => "routine",
            SessionKind::Ice => "ice",
            SessionKind::Heat => "heat",
            SessionKind::Contrast => "contrast",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Finished,
    Stopped,
}

/// How one exercise went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    pub name: String,
    pub reps_done: u32,
    pub reps_planned: u32,
    pub seconds_done: u64,
    pub seconds_planned: u64,
    pub skipped: bool,
}

/// One session, routine or pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The format version ([`VERSION`]).
    pub v: u32,
    pub kind: SessionKind,
    /// The routine's or the timer's display name.
    pub name: String,
    /// The routine's file name without `.toml` (or the bundled name), for routines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routine: Option<String>,
    /// A hash of the routine file's text, so a changed file can be told apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// RFC 3339 with the local offset.
    pub start: String,
    pub end: String,
    /// Running time, pauses excluded.
    pub active_seconds: u64,
    pub outcome: Outcome,
    /// Where it stopped early ("Knee-to-chest, exercise 4 of 6").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<ExerciseRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_before: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_after: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_done: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_planned: Option<u32>,
    /// Applications ended early with `n`: not done, and not counted as done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_skipped: Option<u32>,
    /// Each application's time on, in seconds, in order (those started; pauses
    /// excluded). Today counts one whose time on reached three quarters of the
    /// plan's `on` (`core::today::applications_counted`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applied_seconds: Vec<u64>,
    /// Switches that passed while the person was away ("OFF - skin rest at 14:35").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missed_switches: Vec<String>,
}

impl Record {
    /// Makes visible any character in the record's text that could act on a
    /// terminal (a hand-edited or damaged log can hold anything). The file itself
    /// is never rewritten; only what is read is cleaned.
    pub(crate) fn make_displayable(&mut self) {
        make_visible(&mut self.name);
        make_visible(&mut self.start);
        make_visible(&mut self.end);
        for s in [&mut self.routine, &mut self.hash, &mut self.stopped_at]
            .into_iter()
            .flatten()
        {
            make_visible(s);
        }
        self.exercises
            .iter_mut()
            .for_each(|e| make_visible(&mut e.name));
        self.missed_switches.iter_mut().for_each(make_visible);
    }
}

/// `s` as [`sanitize`] makes it, in place.
fn make_visible(s: &mut String) {
    if let Cow::Owned(c) = sanitize(s) {
        *s = c;
    }
}

/// The earliest and latest start a record may have.
pub(crate) const EARLIEST: Timestamp = Timestamp::constant(946_684_800, 0); // 2000-01-01
pub(crate) const LATEST: Timestamp = Timestamp::constant(7_258_118_400, 0); // 2200-01-01

/// The longest a session can last: 12 applications and 11 rests of 4 hours each
/// is 92 hours; a week is beyond anything supple runs.
pub const MAX_SESSION_SECS: u64 = 7 * 24 * 3600;

impl Record {
    /// Whether the values make sense; a record that parses but is absurd (a date
    /// in the year 9999, pain 11, `active_seconds` near u64::MAX) is skipped with
    /// the reason, so it can neither vanish silently nor wrap a total.
    pub fn check(&self) -> Result<(), String> {
        if self.v == 0 || self.v > VERSION {
            return Err(format!(
                "record format {} is not one this supple reads (it reads {VERSION}); a newer supple wrote it?",
                self.v
            ));
        }
        let time = |what: &str, s: &str| -> Result<Timestamp, String> {
            let t = super::parse_time(s).map_err(|_| {
                format!("its {what} time '{}' is not an RFC 3339 time", sanitize(s))
            })?;
            if t < EARLIEST || t >= LATEST {
                return Err(format!(
                    "its {what} time {} is outside 2000-2199",
                    sanitize(s)
                ));
            }
            Ok(t)
        };
        let start = time("start", &self.start)?;
        let end = time("end", &self.end)?;
        let span = end.duration_since(start).as_secs();
        if span < 0 {
            return Err("it ends before it starts".into());
        }
        let span = u64::try_from(span).unwrap_or(0);
        if span > MAX_SESSION_SECS {
            return Err(format!("it lasts {span} s, longer than a week"));
        }
        // A little room for the wall clock being set while a session ran.
        if self.active_seconds > span.saturating_add(3600) {
            return Err(format!(
                "active_seconds {} is more than the {span} s between its start and end",
                self.active_seconds
            ));
        }
        for (what, pain) in [
            ("pain_before", self.pain_before),
            ("pain_after", self.pain_after),
        ] {
            if let Some(p) = pain.filter(|p| *p > 10) {
                return Err(format!("{what} {p} is not on the 0-10 scale"));
            }
        }
        let max_apps = crate::pack::MAX_CYCLES;
        match (self.applications_done, self.applications_planned) {
            (_, Some(p)) if p > max_apps => {
                return Err(format!("{p} applications planned, more than {max_apps}"));
            }
            (Some(d), Some(p)) if d > p => {
                return Err(format!("{d} applications done of {p} planned"));
            }
            (Some(d), None) if d > max_apps => {
                return Err(format!("{d} applications done, more than {max_apps}"));
            }
            _ if self.applications_skipped.is_some_and(|s| s > max_apps) => {
                return Err(format!("more than {max_apps} applications skipped"));
            }
            _ => {}
        }
        if self.exercises.len() > 1000 {
            return Err(format!(
                "{} exercises, more than a routine may have",
                self.exercises.len()
            ));
        }
        for e in &self.exercises {
            if e.reps_done > e.reps_planned || e.reps_planned > 1_000_000 {
                return Err(format!(
                    "exercise '{}': {} reps done of {} planned",
                    sanitize(&e.name),
                    e.reps_done,
                    e.reps_planned
                ));
            }
            if e.seconds_done > e.seconds_planned || e.seconds_planned > MAX_SESSION_SECS {
                return Err(format!(
                    "exercise '{}': {} s done of {} s planned",
                    sanitize(&e.name),
                    e.seconds_done,
                    e.seconds_planned
                ));
            }
        }
        Ok(())
    }
}

/// A 64-bit FNV-1a hash of a routine's text, as `fnv1a64:0123abcd...`. Not for
/// security: it tells whether a routine file changed between sessions.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The bytes' shortcut gives what `sanitize` gives, for any text
        /// (controls, DEL, C1, bidi and zero-width characters among others).
        #[test]
        fn made_visible_as_sanitize_makes_it(
            s in proptest::collection::vec(
                prop_oneof![
                    4 => proptest::char::range(' ', '~'),
                    1 => proptest::char::range('\u{0}', '\u{a0}'),
                    1 => proptest::sample::select(vec![
                        '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}', '\u{2028}', 'é', '→',
                    ]),
                ],
                0..24,
            ).prop_map(|c| c.into_iter().collect::<String>())
        ) {
            let mut made = s.clone();
            make_visible(&mut made);
            prop_assert_eq!(made, sanitize(&s).into_owned());
        }
    }
}
