//! The session log's records: one JSON object per line in `history.jsonl`. What a
//! record holds, how a line becomes a record (or a counted, explained skip), and
//! the checks a record must pass. Reading and appending the file: [`crate::store::log`].
//!
//! Writing never damages what is there: a record is serialised first, then written
//! with a single `write` of the whole line to a file opened for appending (so two
//! supple processes never interleave lines), then synced. Reading is forgiving: a
//! damaged or truncated line is skipped with a warning naming its line number, and
//! the file is never rewritten, truncated or "repaired".

use std::borrow::Cow;
use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::episode::EpisodeRecord;
use crate::text::sanitize;

pub mod build;
pub mod mark;
pub mod progress;
pub mod stats;

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
    fn make_displayable(&mut self) {
        let clean = |s: &mut String| {
            if let Cow::Owned(c) = sanitize(s) {
                *s = c;
            }
        };
        clean(&mut self.name);
        clean(&mut self.start);
        clean(&mut self.end);
        for s in [&mut self.routine, &mut self.hash, &mut self.stopped_at]
            .into_iter()
            .flatten()
        {
            clean(s);
        }
        self.exercises.iter_mut().for_each(|e| clean(&mut e.name));
        self.missed_switches.iter_mut().for_each(clean);
    }
}

/// A line of the log that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub why: String,
}

/// The lines that were skipped: all of them counted, the first few kept, so a
/// damaged log of a million lines gives a count and a few examples, not a million
/// warnings (or a million strings in memory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skips {
    shown: Vec<Skipped>,
    total: usize,
}

impl Skips {
    /// How many are kept with their reasons.
    pub const KEPT: usize = 20;

    pub fn push(&mut self, s: Skipped) {
        self.total += 1;
        if self.shown.len() < Self::KEPT {
            self.shown.push(s);
        }
    }

    /// Every line skipped.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The first [`Skips::KEPT`] of them.
    pub fn iter(&self) -> std::slice::Iter<'_, Skipped> {
        self.shown.iter()
    }

    /// Warning lines for `path`: the first `n` skipped lines and how many more.
    pub fn warnings(&self, path: &Path, n: usize) -> Vec<String> {
        let name = sanitize(&path.display().to_string()).into_owned();
        let mut out: Vec<String> = self
            .shown
            .iter()
            .take(n)
            .map(|s| format!("{name} line {} skipped: {}", s.line, sanitize(&s.why)))
            .collect();
        let rest = self.total.saturating_sub(out.len());
        if rest > 0 {
            let lines = if rest == 1 { "line" } else { "lines" };
            out.push(format!(
                "{name}: {rest} more {lines} skipped (`supple history --json` lists the first {}); the file is never changed",
                Self::KEPT
            ));
        }
        out
    }
}

/// The longest line read as a record. Real records are well under a kilobyte;
/// a longer line is skipped without being held in memory.
pub const MAX_LINE: usize = 1024 * 1024;

/// Everything read from the log: the sessions, the episode records (in the order
/// they were written) and the lines that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    pub sessions: Vec<Record>,
    pub episodes: Vec<EpisodeRecord>,
    /// Notes, daily pain scores and activities' ratings ([`mark`]), in the order
    /// they were written.
    pub marks: Vec<mark::Mark>,
    pub skips: Skips,
}

/// Parses log bytes, skipping what cannot be read.
pub fn parse_log(bytes: &[u8]) -> Log {
    let mut log = Log::default();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        if raw.len() > MAX_LINE {
            log.skips.push(Skipped {
                line: i + 1,
                why: format!(
                    "the line is longer than {MAX_LINE} bytes, so it is not a session record"
                ),
            });
            continue;
        }
        parse_line(raw, i + 1, &mut log);
    }
    log
}

/// The sessions in log bytes, and the lines skipped.
pub fn parse(bytes: &[u8]) -> (Vec<Record>, Skips) {
    let log = parse_log(bytes);
    (log.sessions, log.skips)
}

/// One line of the log: a session or an episode record whose values make sense,
/// or a skipped line with the reason.
pub fn parse_line(raw: &[u8], number: usize, log: &mut Log) {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    let why = match serde_json::from_slice::<Record>(raw) {
        Ok(mut r) => match r.check() {
            Ok(()) => {
                r.make_displayable();
                log.sessions.push(r);
                return;
            }
            Err(why) => why,
        },
        Err(e) if e.is_eof() => {
            "the line is cut short (supple or the computer stopped while writing it?)".into()
        }
        // A note or a daily pain score.
        Err(_) if mark_kind(raw) => match serde_json::from_slice::<mark::Mark>(raw) {
            Ok(m) => match m.check() {
                Ok(()) => {
                    log.marks.push(m);
                    return;
                }
                Err(why) => why,
            },
            Err(e) => format!("not a note, pain or function record ({e})"),
        },
        // Not a session: an episode record, tried only when the session fails (they
        // are a few lines in thousands).
        Err(e) => match serde_json::from_slice::<EpisodeRecord>(raw) {
            Ok(r) => match r.check() {
                Ok(()) => {
                    log.episodes.push(r);
                    return;
                }
                Err(why) => why,
            },
            // A line that says it is an episode gets the episode's reason.
            Err(ep) if memchr::memmem::find(raw, b"\"episode\"").is_some() => {
                format!("not an episode record ({ep})")
            }
            Err(_) => format!("not a session record ({e})"),
        },
    };
    // serde's message quotes the line: whatever it holds is made visible here.
    let why = sanitize(&why).into_owned();
    log.skips.push(Skipped { line: number, why });
}

/// Whether a line says it is a note, a pain or a function record (`"kind":"note"`, spaces
/// allowed around the colon).
fn mark_kind(raw: &[u8]) -> bool {
    let Some(at) = memchr::memmem::find(raw, b"\"kind\"") else {
        return false;
    };
    let rest = raw.get(at + 6..).unwrap_or_default();
    let rest: Vec<u8> = rest
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace() || *b == b':')
        .take(10)
        .collect();
    rest.starts_with(b"\"note\"")
        || rest.starts_with(b"\"pain\"")
        || rest.starts_with(b"\"function\"")
}

/// Reading only what Today needs from a large log, line by line: episode lines
/// (they hold the word `"episode"`) are parsed, as are sessions whose `"end"` is
/// at `since` or later; any other session is passed over after reading its end
/// time, except the last [`Recent::PAINS`] with a pain score (kept aside, parsed at
/// the end). A line whose end cannot be found cheaply is parsed in full, so an
/// oddly written log is slower, never wrong.
pub struct Recent {
    since: Timestamp,
    /// A date two days before `since` ("2026-11-18"): an end on an earlier date
    /// is older whatever its offset, with no need to parse it.
    before: [u8; 10],
    pains: std::collections::VecDeque<(Vec<u8>, usize)>,
    episode: memchr::memmem::Finder<'static>,
    end: memchr::memmem::Finder<'static>,
    pain: memchr::memmem::Finder<'static>,
}

impl Recent {
    /// Four scores: three rises (`guidance::pain_trend`).
    pub const PAINS: usize = 4;

    pub fn new(since: Timestamp) -> Recent {
        let early = since - jiff::SignedDuration::from_hours(48);
        let mut before = [0u8; 10];
        let date = early.strftime("%Y-%m-%d").to_string();
        if date.len() == 10 {
            before.copy_from_slice(date.as_bytes());
        }
        Recent {
            since,
            before,
            pains: std::collections::VecDeque::new(),
            episode: memchr::memmem::Finder::new(b"\"episode\""),
            end: memchr::memmem::Finder::new(b"\"end\":"),
            pain: memchr::memmem::Finder::new(b"\"pain_after\""),
        }
    }

    /// One line of the log (numbered from 1).
    pub fn line(&mut self, raw: &[u8], number: usize, log: &mut Log) {
        if self.episode.find(raw).is_some() {
            return parse_line(raw, number, log);
        }
        let older = self.end.find(raw).and_then(|at| {
            // `"end":`, maybe spaces, then the quoted time.
            let rest = raw.get(at + 6..)?;
            let skip = rest.iter().position(|b| !b.is_ascii_whitespace())?;
            let rest = rest.get(skip..)?.strip_prefix(b"\"")?;
            // A date well before: older, unparsed. Otherwise the time decides.
            if rest.len() >= 10
                && rest[..10] < self.before[..]
                && rest[..4].iter().all(u8::is_ascii_digit)
            {
                return Some(true);
            }
            let close = memchr::memchr(b'"', rest)?;
            let end = std::str::from_utf8(&rest[..close])
                .ok()?
                .parse::<Timestamp>()
                .ok()?;
            Some(end < self.since)
        });
        match older {
            Some(true) => {
                if self.pain.find(raw).is_some() {
                    if self.pains.len() == Self::PAINS {
                        self.pains.pop_front();
                    }
                    self.pains.push_back((raw.to_vec(), number));
                }
            }
            _ => parse_line(raw, number, log),
        }
    }

    /// Puts the last sessions with a pain score, from before `since`, in front.
    pub fn finish(self, log: &mut Log) {
        let mut older = Log::default();
        for (raw, number) in &self.pains {
            parse_line(raw, *number, &mut older);
        }
        older.sessions.append(&mut log.sessions);
        log.sessions = older.sessions;
        for s in older.skips.iter() {
            log.skips.push(s.clone());
        }
    }
}

/// What Today needs from log bytes (see [`Recent`]).
pub fn parse_recent(bytes: &[u8], since: Timestamp) -> Log {
    let mut log = Log::default();
    let mut recent = Recent::new(since);
    let mut from = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (i, end) in ends.enumerate() {
        let raw = &bytes[from.min(end)..end];
        from = end + 1;
        if raw.len() <= MAX_LINE {
            recent.line(raw, i + 1, &mut log);
        }
    }
    recent.finish(&mut log);
    log
}

/// The earliest and latest start a record may have.
const EARLIEST: Timestamp = Timestamp::constant(946_684_800, 0); // 2000-01-01
const LATEST: Timestamp = Timestamp::constant(7_258_118_400, 0); // 2200-01-01

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
            let t: Timestamp = s.parse().map_err(|_| {
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

    pub fn sample(name: &str) -> Record {
        Record {
            v: VERSION,
            kind: SessionKind::Routine,
            name: name.into(),
            routine: Some("back-spasm-relief".into()),
            hash: Some(content_hash("x")),
            start: "2026-11-23T14:00:00+01:00".into(),
            end: "2026-11-23T14:05:16+01:00".into(),
            active_seconds: 316,
            outcome: Outcome::Finished,
            stopped_at: None,
            exercises: vec![ExerciseRecord {
                name: "Cat-Cow".into(),
                reps_done: 8,
                reps_planned: 8,
                seconds_done: 64,
                seconds_planned: 64,
                skipped: false,
            }],
            pain_before: Some(6),
            pain_after: Some(4),
            applications_done: None,
            applications_planned: None,
            applications_skipped: None,
            applied_seconds: Vec::new(),
            missed_switches: Vec::new(),
        }
    }

    #[test]
    fn records_round_trip() {
        let r = sample("Back spasm relief");
        let line = serde_json::to_string(&r).unwrap();
        assert!(!line.contains('\n'));
        let (back, skipped) = parse(line.as_bytes());
        assert_eq!(back, vec![r]);
        assert!(skipped.is_empty());
    }

    #[test]
    fn damaged_and_cut_lines_are_skipped_with_their_numbers() {
        let good = serde_json::to_string(&sample("a")).unwrap();
        let text = format!(
            "{good}\n{{\"v\":1,\"kind\":\"rou\n{good}\nnot json\n{}",
            &good[..good.len() / 2]
        );
        let (records, skipped) = parse(text.as_bytes());
        assert_eq!(records.len(), 2);
        let lines: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        let third = skipped.iter().nth(2).unwrap();
        assert!(third.why.contains("cut short"), "{third:?}");
    }

    #[test]
    fn the_hash_tells_texts_apart() {
        assert_eq!(content_hash("abc"), content_hash("abc"));
        assert_ne!(content_hash("abc"), content_hash("abd"));
        assert!(content_hash("").starts_with("fnv1a64:"));
    }
}
