//! A session's facts without its text. Today, the safety lines and the
//! heat-or-ice choice (`core::today`) read a few facts of each session: when it
//! started and ended, its kind and routine, its pain scores, whether it was
//! finished, its exercises' timed work and reps (done and planned), its running
//! time, its applications. [`Session`] is those facts, and Today's rules read a
//! session through it. A [`Record`] gives them from its text; a [`Brief`] holds
//! only them, so the kept summary of the log ([`super::summary`]) keeps the last
//! days' sessions small and quick to read back (a start reads them: issue 25).

use std::sync::Arc;

use jiff::Timestamp;

use super::{Outcome, Record, SessionKind};

/// What Today reads of a session.
pub trait Session {
    fn kind(&self) -> SessionKind;
    /// The routine's library name, for routines.
    fn routine(&self) -> Option<&str>;
    /// Its start, if its text is a time.
    fn start(&self) -> Option<Timestamp>;
    /// Its end, if its text is a time.
    fn end(&self) -> Option<Timestamp>;
    fn pain_before(&self) -> Option<u8>;
    fn pain_after(&self) -> Option<u8>;
    /// Finished, not stopped.
    fn finished(&self) -> bool;
    /// Its exercises' timed work, done and planned, in seconds (each summed,
    /// saturating).
    fn timed(&self) -> (u64, u64);
    /// Its exercises' reps, done and planned (each summed, saturating).
    fn reps(&self) -> (u64, u64);
    /// Running time, pauses excluded.
    fn active_seconds(&self) -> u64;
    fn applications_done(&self) -> Option<u32>;
    /// Each application's time on, in seconds.
    fn applied_seconds(&self) -> &[u64];
    /// The same facts, held on their own.
    fn brief(&self) -> Brief;
}

impl Session for Record {
    fn kind(&self) -> SessionKind {
        self.kind
    }
    fn routine(&self) -> Option<&str> {
        self.routine.as_deref()
    }
    fn start(&self) -> Option<Timestamp> {
        self.start.parse().ok()
    }
    fn end(&self) -> Option<Timestamp> {
        self.end.parse().ok()
    }
    fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }
    fn pain_after(&self) -> Option<u8> {
        self.pain_after
    }
    fn finished(&self) -> bool {
        self.outcome == Outcome::Finished
    }
    fn timed(&self) -> (u64, u64) {
        self.exercises.iter().fold((0u64, 0u64), |(d, p), e| {
            (
                d.saturating_add(e.seconds_done),
                p.saturating_add(e.seconds_planned),
            )
        })
    }
    fn reps(&self) -> (u64, u64) {
        self.exercises.iter().fold((0u64, 0u64), |(d, p), e| {
            (
                d.saturating_add(u64::from(e.reps_done)),
                p.saturating_add(u64::from(e.reps_planned)),
            )
        })
    }
    fn active_seconds(&self) -> u64 {
        self.active_seconds
    }
    fn applications_done(&self) -> Option<u32> {
        self.applications_done
    }
    fn applied_seconds(&self) -> &[u64] {
        &self.applied_seconds
    }
    fn brief(&self) -> Brief {
        Brief::of(self)
    }
}

/// What Today reads of a session, and nothing else: every [`Session`] method
/// gives what the record it was made from gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    kind: SessionKind,
    /// Shared: the sessions of one routine name it once in a kept summary.
    routine: Option<Arc<str>>,
    start: Option<Timestamp>,
    end: Option<Timestamp>,
    pain_before: Option<u8>,
    pain_after: Option<u8>,
    finished: bool,
    timed: (u64, u64),
    reps: (u64, u64),
    active_seconds: u64,
    applications_done: Option<u32>,
    applied_seconds: Vec<u64>,
}

impl Brief {
    /// What Today reads of `r`.
    pub fn of(r: &Record) -> Brief {
        Brief {
            kind: r.kind,
            routine: r.routine.as_deref().map(Arc::from),
            start: r.start(),
            end: r.end(),
            pain_before: r.pain_before,
            pain_after: r.pain_after,
            finished: r.finished(),
            timed: r.timed(),
            reps: r.reps(),
            active_seconds: r.active_seconds,
            applications_done: r.applications_done,
            applied_seconds: r.applied_seconds.clone(),
        }
    }
}

impl Session for Brief {
    fn kind(&self) -> SessionKind {
        self.kind
    }
    fn routine(&self) -> Option<&str> {
        self.routine.as_deref()
    }
    fn start(&self) -> Option<Timestamp> {
        self.start
    }
    fn end(&self) -> Option<Timestamp> {
        self.end
    }
    fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }
    fn pain_after(&self) -> Option<u8> {
        self.pain_after
    }
    fn finished(&self) -> bool {
        self.finished
    }
    fn timed(&self) -> (u64, u64) {
        self.timed
    }
    fn reps(&self) -> (u64, u64) {
        self.reps
    }
    fn active_seconds(&self) -> u64 {
        self.active_seconds
    }
    fn applications_done(&self) -> Option<u32> {
        self.applications_done
    }
    fn applied_seconds(&self) -> &[u64] {
        &self.applied_seconds
    }
    fn brief(&self) -> Brief {
        self.clone()
    }
}

/// Numbered [`Brief`]s as the kept summary writes them: the routines' names
/// once each, and one line of numbers per session, read back by hand (as a
/// serde value per field, the 1,206 of a 1M log took twice as long: 0.4
/// against 0.2 ms, perf).
///
/// A line is `number kind routine start end pain_before pain_after finished
/// timed_done timed_planned reps_done reps_planned active_seconds
/// applications_done applied`, split by spaces, lines by `;`: the kind 0
/// routine, 1 ice, 2 heat, 3 contrast; the routine an index into `routines`; a
/// time `seconds.nanoseconds` since 1970; finished 0 or 1; the applications'
/// seconds on split by `,`; `-` for none.
pub mod kept {
    use std::sync::Arc;

    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Brief;
    use crate::history::SessionKind;

    #[derive(Serialize, Deserialize)]
    struct Kept {
        routines: Vec<String>,
        lines: String,
    }

    pub fn serialize<'a, S, I>(briefs: I, s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        I: IntoIterator<Item = &'a (u64, Brief)>,
    {
        use std::fmt::Write as _;
        let mut routines: Vec<String> = Vec::new();
        let mut lines = String::new();
        for (n, b) in briefs {
            if !lines.is_empty() {
                lines.push(';');
            }
            let kind = match b.kind {
                SessionKind::Routine => 0,
                SessionKind::Ice => 1,
                SessionKind::Heat => 2,
                SessionKind::Contrast => 3,
            };
            let _ = write!(lines, "{n} {kind} ");
            match &b.routine {
                Some(r) => {
                    let i = match routines.iter().position(|k| **k == **r) {
                        Some(i) => i,
                        None => {
                            routines.push(r.to_string());
                            routines.len() - 1
                        }
                    };
                    let _ = write!(lines, "{i}");
                }
                None => lines.push('-'),
            }
            for t in [b.start, b.end] {
                match t {
                    Some(t) => {
                        let _ = write!(lines, " {}.{}", t.as_second(), t.subsec_nanosecond());
                    }
                    None => lines.push_str(" -"),
                }
            }
            for p in [b.pain_before, b.pain_after] {
                match p {
                    Some(p) => {
                        let _ = write!(lines, " {p}");
                    }
                    None => lines.push_str(" -"),
                }
            }
            let _ = write!(
                lines,
                " {} {} {} {} {} {}",
                u8::from(b.finished),
                b.timed.0,
                b.timed.1,
                b.reps.0,
                b.reps.1,
                b.active_seconds
            );
            match b.applications_done {
                Some(d) => {
                    let _ = write!(lines, " {d}");
                }
                None => lines.push_str(" -"),
            }
            if b.applied_seconds.is_empty() {
                lines.push_str(" -");
            } else {
                for (i, a) in b.applied_seconds.iter().enumerate() {
                    let _ = write!(lines, "{}{a}", if i == 0 { ' ' } else { ',' });
                }
            }
        }
        Kept { routines, lines }.serialize(s)
    }

    pub fn deserialize<'de, D, C>(d: D) -> Result<C, D::Error>
    where
        D: Deserializer<'de>,
        C: From<Vec<(u64, Brief)>>,
    {
        // The text borrowed from the kept summary's where it can be (it holds no
        // escapes), not copied.
        let kept = Borrowed::deserialize(d)?;
        let routines: Vec<Arc<str>> = kept.routines.into_iter().map(Arc::from).collect();
        let text = kept.lines.as_bytes();
        let mut out = Vec::with_capacity(memchr::memchr_iter(b';', text).count() + 1);
        let mut from = 0;
        while from < text.len() {
            let rest = &text[from..];
            let end = memchr::memchr(b';', rest).unwrap_or(rest.len());
            // Every `;` is followed by a line.
            let last = from + end + 1 >= text.len();
            match line(&rest[..end], &routines).filter(|_| !last || end == rest.len()) {
                Some(b) => out.push(b),
                None => {
                    return Err(D::Error::custom(format!(
                        "a session kept as '{}' cannot be read",
                        String::from_utf8_lossy(&rest[..end])
                    )));
                }
            }
            from += end + 1;
        }
        Ok(C::from(out))
    }

    /// [`Kept`] as read back: its text borrowed when the reader allows.
    #[derive(Deserialize)]
    struct Borrowed<'a> {
        routines: Vec<String>,
        #[serde(borrow)]
        lines: std::borrow::Cow<'a, str>,
    }

    /// A whole number without a sign, as `str::parse` reads one, never past
    /// `u64`.
    fn uint(f: &[u8]) -> Option<u64> {
        // Up to 19 digits cannot overflow: no check a digit (a start reads
        // some 20,000 numbers from a dense log's last days).
        if f.is_empty() || f.len() > 19 {
            return wide(f);
        }
        let mut n: u64 = 0;
        for &b in f {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            n = n.wrapping_mul(10).wrapping_add(u64::from(digit));
        }
        Some(n)
    }

    /// [`uint`] for 20 digits or more, checked a digit.
    fn wide(f: &[u8]) -> Option<u64> {
        if f.is_empty() {
            return None;
        }
        let mut n: u64 = 0;
        for &b in f {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            n = n.checked_mul(10)?.checked_add(u64::from(digit))?;
        }
        Some(n)
    }

    /// A whole number of type `T` (a leading minus for a signed one), never
    /// past its type's range.
    fn int<T: TryFrom<u64> + TryFrom<i64>>(f: &[u8]) -> Option<T> {
        match f {
            [b'-', digits @ ..] => {
                let n = uint(digits)?;
                let n = if n == 1 << 63 {
                    i64::MIN
                } else {
                    -i64::try_from(n).ok()?
                };
                T::try_from(n).ok()
            }
            _ => T::try_from(uint(f)?).ok(),
        }
    }

    fn opt<T: TryFrom<u64> + TryFrom<i64>>(f: &[u8]) -> Option<Option<T>> {
        if f == b"-" {
            Some(None)
        } else {
            int(f).map(Some)
        }
    }

    fn time(f: &[u8]) -> Option<Option<jiff::Timestamp>> {
        if f == b"-" {
            return Some(None);
        }
        let dot = f.iter().position(|&b| b == b'.')?;
        let (s, ns) = (int(&f[..dot])?, int(&f[dot + 1..])?);
        jiff::Timestamp::new(s, ns).ok().map(Some)
    }

    /// One kept session: its fields, each followed by a space but the last.
    fn line(text: &[u8], routines: &[Arc<str>]) -> Option<(u64, Brief)> {
        let mut fields = text.split(|&b| b == b' ');
        let mut next = || fields.next();
        let n = uint(next()?)?;
        let kind = match next()? {
            b"0" => SessionKind::Routine,
            b"1" => SessionKind::Ice,
            b"2" => SessionKind::Heat,
            b"3" => SessionKind::Contrast,
            _ => return None,
        };
        let routine = match opt::<usize>(next()?)? {
            Some(i) => Some(routines.get(i)?.clone()),
            None => None,
        };
        let start = time(next()?)?;
        let end = time(next()?)?;
        let pain_before = opt(next()?)?;
        let pain_after = opt(next()?)?;
        let finished = match next()? {
            b"0" => false,
            b"1" => true,
            _ => return None,
        };
        let timed = (uint(next()?)?, uint(next()?)?);
        let reps = (uint(next()?)?, uint(next()?)?);
        let active_seconds = uint(next()?)?;
        let applications_done = opt(next()?)?;
        let applied_seconds = match next()? {
            b"-" => Vec::new(),
            list => list
                .split(|&b| b == b',')
                .map(uint)
                .collect::<Option<_>>()?,
        };
        if next().is_some() {
            return None;
        }
        Some((
            n,
            Brief {
                kind,
                routine,
                start,
                end,
                pain_before,
                pain_after,
                finished,
                timed,
                reps,
                active_seconds,
                applications_done,
                applied_seconds,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use crate::history::{ExerciseRecord, VERSION};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder(#[serde(with = "kept")] VecDeque<(u64, Brief)>);

    fn record(kind: SessionKind, routine: Option<&str>, start: &str, end: &str) -> Record {
        Record {
            v: VERSION,
            kind,
            name: "A name; with spaces".into(),
            routine: routine.map(str::to_owned),
            hash: None,
            start: start.into(),
            end: end.into(),
            active_seconds: 90,
            outcome: Outcome::Stopped,
            stopped_at: None,
            exercises: vec![ExerciseRecord {
                name: "Cat-Cow".into(),
                reps_done: 3,
                reps_planned: 8,
                seconds_done: 0,
                seconds_planned: 64,
                skipped: false,
            }],
            pain_before: Some(0),
            pain_after: None,
            applications_done: Some(2),
            applications_planned: None,
            applications_skipped: None,
            applied_seconds: vec![0, 1200, u64::MAX],
            missed_switches: Vec::new(),
        }
    }

    use serde::{Deserialize, Serialize};

    #[test]
    fn briefs_are_kept_and_read_back_as_they_were() {
        let briefs: VecDeque<(u64, Brief)> = [
            record(
                SessionKind::Routine,
                Some("walk"),
                "1969-12-31T23:59:59.5-01:00",
                "2026-01-01T00:00:00.000000001Z",
            ),
            record(
                SessionKind::Routine,
                Some("a name; with spaces \"and\" quotes"),
                "not a time",
                "",
            ),
            record(
                SessionKind::Contrast,
                None,
                "2199-12-31T23:59:59Z",
                "2000-01-01T00:00:00+14:00",
            ),
            record(
                SessionKind::Routine,
                Some("walk"),
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z",
            ),
        ]
        .iter()
        .enumerate()
        .map(|(n, r)| (u64::MAX - n as u64, Brief::of(r)))
        .collect();
        assert_eq!(briefs[0].1.start().map(|t| t.as_second()), Some(3599));
        assert_eq!(briefs[1].1.end(), None);
        let text = serde_json::to_string(&Holder(briefs.clone())).unwrap();
        let back: Holder = serde_json::from_str(&text).unwrap();
        assert_eq!(back.0, briefs);
        // The routine's name is kept once.
        assert_eq!(text.matches("walk").count(), 1, "{text}");
        let none: Holder = serde_json::from_str(r#"{"routines":[],"lines":""}"#).unwrap();
        assert!(none.0.is_empty());
    }

    #[test]
    fn a_damaged_kept_session_is_an_error_not_a_guess() {
        let good = "7 0 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 - -";
        let read = |lines: &str| {
            serde_json::from_str::<Holder>(&format!(r#"{{"routines":["walk"],"lines":"{lines}"}}"#))
        };
        assert_eq!(read(good).unwrap().0.len(), 1);
        assert_eq!(read(&format!("{good};{good}")).unwrap().0.len(), 2);
        // Text with an escape is read from a copy, the same.
        let escaped = read(&good.replacen(' ', "\\u0020", 1)).unwrap().0;
        assert_eq!(escaped, read(good).unwrap().0);
        for bad in [
            "7 0 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 -",
            "7 0 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 - - 9",
            "7 4 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 - -",
            "7 0 1 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 - -",
            "7 0 0 1767225600 1767225900.0 3 - 1 0 0 5 5 300 - -",
            "7 0 0 1767225600.0 1767225900.0 300 - 1 0 0 5 5 300 - -",
            "7 0 0 1767225600.0 1767225900.0 3 - 2 0 0 5 5 300 - -",
            "7 0 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 -300 - -",
            "7 0 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 - 1,,2",
            "7 0 0 99999999999999999.0 1767225900.0 3 - 1 0 0 5 5 300 - -",
            "-7 0 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 - -",
            "7 0 0 1767225600.0 1767225900.0 3 - 1 0 0 5 5 300 - -;",
            "",
        ] {
            let lines = if bad.is_empty() {
                format!("{good};")
            } else {
                bad.to_owned()
            };
            let err = read(&lines).map(|h| h.0).unwrap_err().to_string();
            assert!(err.contains("cannot be read"), "{lines}: {err}");
        }
    }
}
