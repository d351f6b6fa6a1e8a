//! How a line of the log becomes a record, an episode record, a note or pain score,
//! or a counted, explained skip; and the reader of only what Today needs.

use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Record, mark};
use crate::episode::EpisodeRecord;
use crate::text::sanitize;

/// A line of the log that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub line: usize,
    pub why: String,
}

/// The lines that were skipped: all of them counted, the first few kept, so a
/// damaged log of a million lines gives a count and a few examples, not a million
/// warnings (or a million strings in memory).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// Line `number`, skipped for being longer than [`MAX_LINE`].
pub fn long_line(number: usize) -> Skipped {
    Skipped {
        line: number,
        why: format!("the line is longer than {MAX_LINE} bytes, so it is not a session record"),
    }
}

/// Parses log bytes, skipping what cannot be read.
pub fn parse_log(bytes: &[u8]) -> Log {
    let mut log = Log::default();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        if raw.len() > MAX_LINE {
            log.skips.push(long_line(i + 1));
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
    // The plain form supple writes is read without serde (`quick`); any other
    // line, damaged or not, is serde_json's to read or refuse.
    // (Text that is printable ASCII, as nearly all is, needs nothing made
    // visible.)
    let (read, printable) = match super::quick::read(raw) {
        Some(q) => (Ok(q.record), q.printable),
        None => (serde_json::from_slice::<Record>(raw), false),
    };
    let why = match read {
        Ok(mut r) => match r.check() {
            Ok(()) => {
                if !printable {
                    r.make_displayable();
                }
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
            let end = super::parse_time(std::str::from_utf8(&rest[..close]).ok()?).ok()?;
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
