//! Numbered [`Brief`]s as the kept summary writes them: the routines' names once
//! each, and the sessions as one string of numbers, read back in one pass (a start
//! reads a dense log's last days: 1,221 sessions for the 1M test log, so each
//! costs a few hundred instructions or the start grows with the log).
//!
//! Each number is written as `history::packed` writes numbers: base 32, one
//! base64 character a digit, no separators, so the text needs no escaping in
//! JSON and reading a number is a table lookup and a shift a character. A
//! session is these numbers, in this order:
//!
//! 1. its number, as what it adds to the session before's (the first's, to 0;
//!    modulo 2^64);
//! 2. what it is: bits 0-1 the kind (0 routine, 1 ice, 2 heat, 3 contrast), bit
//!    2 it did enough to count, bit 3 it has an end, bit 4 a start, bit 5 the
//!    end has nanoseconds, bit 6 the start has, bit 7 it walked, bit 8 it has
//!    applications (a routine has neither, and most sessions then take one
//!    character here);
//! 3. the routine: 0 none, else its index in the names plus 1;
//! 4. with an end: the seconds from the last end written before (from 1970 for
//!    the first) to its own, zigzag (0, -1, 1, -2, ... as 0, 1, 2, 3, ...), then
//!    its nanoseconds zigzag if it has them; a session's times are most of what
//!    it says, and as differences they are two or three characters each;
//! 5. with a start: the seconds from that reference (the end, when it has one)
//!    back to its own, zigzag, then its nanoseconds zigzag if it has them;
//! 6. the pain before and after: 0 none, else the score plus 1;
//! 7. if it walked, the seconds walked;
//! 8. if it has applications: the applications done, 0 none, else plus 1; how
//!    many applications' times on follow, then each.
//!
//! Whether a session did enough and what it walked are Today's rules
//! (worked out from a record by `impl Session for Record` in `brief.rs`, and
//! read through [`crate::today::enough`] and [`crate::today::walked_in`]) as
//! this version of supple makes them: a change of either rule needs a new version of the
//! kept summary (a test holds the rules to the version).
//!
//! Anything else (a character outside the alphabet, a number past its type, a
//! session cut short, a time out of range) is an error, never a guess: the kept
//! summary is then made again from the log.

use std::rc::Rc;

use jiff::Timestamp;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Brief, Session};
use crate::history::SessionKind;
use crate::history::packed::{self, Numbers};

/// Sessions as kept text: what the summary's file holds until they are read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptText {
    routines: Vec<String>,
    sessions: String,
    /// How many sessions `sessions` holds, to size what they are read into.
    #[serde(default)]
    count: usize,
}

const ENOUGH: u64 = 1 << 2;
const END: u64 = 1 << 3;
const START: u64 = 1 << 4;
const END_NS: u64 = 1 << 5;
const START_NS: u64 = 1 << 6;
const _: () = assert!(END_NS == END << 2 && START_NS == START << 2);
const WALKED: u64 = 1 << 7;
const APPLICATIONS: u64 = 1 << 8;

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

impl KeptText {
    /// `briefs` as kept text, in their order.
    pub fn write<'a>(briefs: impl IntoIterator<Item = &'a (u64, Brief)>) -> KeptText {
        let mut w = Writer::default();
        let mut count = 0;
        for (n, b) in briefs {
            w.session(*n, b);
            count += 1;
        }
        KeptText {
            count,
            routines: w.routines,
            // Only characters of the alphabet.
            sessions: String::from_utf8_lossy(&w.out).into_owned(),
        }
    }

    /// How many sessions the text says it holds, to size what they are read
    /// into: no more than it has room for (a session takes 5 characters or
    /// more), whatever the file says.
    pub fn len_hint(&self) -> usize {
        self.count.min(self.sessions.len() / 5)
    }

    /// Hands each session to `f`, in order; what is wrong with the first that
    /// does not read as the error (the sessions before it were handed on).
    pub fn read(&self, mut f: impl FnMut(u64, Brief)) -> Result<(), String> {
        let routines: Vec<Rc<str>> = self.routines.iter().map(|r| Rc::from(r.as_str())).collect();
        let mut r = Reader {
            numbers: Numbers::new(self.sessions.as_bytes()),
            number: 0,
            base: 0,
        };
        let mut count = 0usize;
        while r.numbers.left() > 0 {
            let Some((n, b)) = r.session(&routines) else {
                return Err(format!(
                    "kept session {} (from character {}) cannot be read",
                    count + 1,
                    r.numbers.at()
                ));
            };
            f(n, b);
            count += 1;
        }
        Ok(())
    }
}

/// Writes kept sessions, remembering the last number and end written.
#[derive(Default)]
struct Writer {
    routines: Vec<String>,
    out: Vec<u8>,
    number: u64,
    base: i64,
}

impl Writer {
    fn number(&mut self, n: u64) {
        packed::write(&mut self.out, n);
    }

    fn session(&mut self, n: u64, b: &Brief) {
        // Numbers grow in a summary; as steps that wrap, any order reads back.
        self.number(n.wrapping_sub(self.number));
        self.number = n;
        let mut what = match b.kind {
            SessionKind::Routine => 0,
            SessionKind::Ice => 1,
            SessionKind::Heat => 2,
            SessionKind::Contrast => 3,
        };
        let nanos = |t: Option<Timestamp>| t.is_some_and(|t| t.subsec_nanosecond() != 0);
        let applications = b.applications_done.is_some() || !b.applied_seconds.is_empty();
        for (yes, bit) in [
            (b.enough, ENOUGH),
            (b.has_end, END),
            (b.has_start, START),
            (nanos(b.end()), END_NS),
            (nanos(b.start()), START_NS),
            (b.walked != 0, WALKED),
            (applications, APPLICATIONS),
        ] {
            if yes {
                what |= bit;
            }
        }
        self.number(what);
        let routine = match &b.routine {
            Some(r) => match self.routines.iter().position(|k| **k == **r) {
                Some(i) => i + 1,
                None => {
                    self.routines.push(r.to_string());
                    self.routines.len()
                }
            },
            None => 0,
        };
        self.number(routine as u64);
        if let Some(end) = b.end() {
            self.number(zigzag(end.as_second().wrapping_sub(self.base)));
            if end.subsec_nanosecond() != 0 {
                self.number(zigzag(i64::from(end.subsec_nanosecond())));
            }
            self.base = end.as_second();
        }
        if let Some(start) = b.start() {
            self.number(zigzag(self.base.wrapping_sub(start.as_second())));
            if start.subsec_nanosecond() != 0 {
                self.number(zigzag(i64::from(start.subsec_nanosecond())));
            }
        }
        for p in [b.pain_before, b.pain_after] {
            packed::write_opt(&mut self.out, p.map(u64::from));
        }
        if b.walked != 0 {
            self.number(b.walked);
        }
        if applications {
            packed::write_opt(&mut self.out, b.applications_done.map(u64::from));
            self.number(b.applied_seconds.len() as u64);
            for &a in &b.applied_seconds {
                self.number(a);
            }
        }
    }
}

/// Reads kept sessions in one pass.
struct Reader<'a> {
    numbers: Numbers<'a>,
    /// The number of the session before.
    number: u64,
    /// The last end read, in seconds since 1970.
    base: i64,
}

impl Reader<'_> {
    /// The next number ([`Numbers::next`]).
    #[inline(always)]
    fn number(&mut self) -> Option<u64> {
        self.numbers.next()
    }

    /// A time `seconds` from `base` (added, or taken away when `back`), with
    /// nanoseconds when `nanos`.
    #[inline(always)]
    fn time(&mut self, base: i64, back: bool, nanos: bool) -> Option<Timestamp> {
        let d = unzigzag(self.number()?);
        let s = if back {
            base.checked_sub(d)?
        } else {
            base.checked_add(d)?
        };
        let ns = if nanos {
            // Written only when not 0.
            i32::try_from(unzigzag(self.number()?))
                .ok()
                .filter(|&ns| ns != 0)?
        } else {
            0
        };
        if ns == 0 {
            Timestamp::from_second(s).ok()
        } else {
            Timestamp::new(s, ns).ok()
        }
    }

    #[inline(always)]
    fn session(&mut self, routines: &[Rc<str>]) -> Option<(u64, Brief)> {
        let n = self.number.wrapping_add(self.number()?);
        self.number = n;
        let what = self.number()?;
        if what >= 1 << 9 {
            return None;
        }
        let kind = match what & 0b11 {
            0 => SessionKind::Routine,
            1 => SessionKind::Ice,
            2 => SessionKind::Heat,
            _ => SessionKind::Contrast,
        };
        let routine = match self.numbers.small::<usize>()? {
            0 => None,
            i => Some(routines.get(i - 1)?.clone()),
        };
        // Nanoseconds said for a time that is not there (each nanoseconds bit is
        // its time's bit two places up).
        if what & ((!what & (END | START)) << 2) != 0 {
            return None;
        }
        let end = if what & END != 0 {
            let end = self.time(self.base, false, what & END_NS != 0)?;
            self.base = end.as_second();
            Some(end)
        } else {
            None
        };
        let start = if what & START != 0 {
            Some(self.time(self.base, true, what & START_NS != 0)?)
        } else {
            None
        };
        let pain_before = self.numbers.opt()?;
        let pain_after = self.numbers.opt()?;
        let walked = if what & WALKED != 0 {
            self.number()?
        } else {
            0
        };
        let (applications_done, applied_seconds) = if what & APPLICATIONS != 0 {
            let done = self.numbers.opt()?;
            let applied = self.numbers.small::<usize>()?;
            // Each takes a character at least: no more than the text has left.
            if applied > self.numbers.left() {
                return None;
            }
            let mut seconds = Vec::with_capacity(applied);
            for _ in 0..applied {
                seconds.push(self.number()?);
            }
            (done, seconds)
        } else {
            (None, Vec::new())
        };
        Some((
            n,
            Brief {
                kind,
                routine,
                start: start.unwrap_or(Timestamp::UNIX_EPOCH),
                end: end.unwrap_or(Timestamp::UNIX_EPOCH),
                has_start: start.is_some(),
                has_end: end.is_some(),
                pain_before,
                pain_after,
                enough: what & ENOUGH != 0,
                walked,
                applications_done,
                applied_seconds,
            },
        ))
    }
}

/// For `#[serde(with = "kept")]` on numbered briefs.
pub fn serialize<'a, S, I>(briefs: I, s: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    I: IntoIterator<Item = &'a (u64, Brief)>,
{
    KeptText::write(briefs).serialize(s)
}

/// For `#[serde(with = "kept")]` on numbered briefs.
pub fn deserialize<'de, D, C>(d: D) -> Result<C, D::Error>
where
    D: Deserializer<'de>,
    C: From<Vec<(u64, Brief)>>,
{
    let text = KeptText::deserialize(d)?;
    let mut out = Vec::with_capacity(text.len_hint());
    text.read(|n, b| out.push((n, b)))
        .map_err(D::Error::custom)?;
    Ok(C::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(end: i64, start: i64) -> Brief {
        Brief {
            kind: SessionKind::Heat,
            routine: Some(Rc::from("walk")),
            start: Timestamp::new(start, 0).unwrap(),
            end: Timestamp::new(end, 0).unwrap(),
            has_start: true,
            has_end: true,
            pain_before: Some(3),
            pain_after: None,
            enough: true,
            walked: 0,
            applications_done: Some(2),
            applied_seconds: vec![1200, 1200],
        }
    }

    fn read(text: &KeptText) -> Result<Vec<(u64, Brief)>, String> {
        let mut out = Vec::new();
        text.read(|n, b| out.push((n, b))).map(|()| out)
    }

    #[test]
    fn a_session_is_a_few_characters_of_steps() {
        let sessions = [
            (7, brief(1_767_225_900, 1_767_225_600)),
            (8, brief(1_767_226_700, 1_767_226_400)),
        ];
        let text = KeptText::write(&sessions);
        assert_eq!(read(&text).unwrap(), sessions);
        // The second session's number, end and start are small steps: 19
        // characters in all, where its numbers in decimal and spaces take 33
        // ("1 286 1 800 300 4 0 3 2 1200 1200"), and its record 400.
        let first = KeptText::write(&sessions[..1]).sessions.len();
        assert_eq!(text.sessions.len() - first, 19, "{}", text.sessions);
        assert!(text.sessions.bytes().all(|b| packed::ALPHABET.contains(&b)));
        assert_eq!(text.routines, ["walk"]);
    }

    #[test]
    fn a_damaged_kept_session_is_an_error_not_a_guess() {
        let sessions = [
            (7, brief(1_767_225_900, 1_767_225_600)),
            (8, brief(1_767_226_700, 1_767_226_400)),
        ];
        let good = KeptText::write(&sessions);
        let with = |sessions: &str| KeptText {
            routines: good.routines.clone(),
            sessions: sessions.to_owned(),
            count: 2,
        };
        let one = KeptText::write(&sessions[..1]).sessions.len();
        // Cut anywhere but between sessions.
        for cut in 1..good.sessions.len() {
            let got = read(&with(&good.sessions[..cut]));
            if cut == one {
                assert_eq!(got.unwrap().len(), 1);
            } else {
                assert!(got.unwrap_err().contains("cannot be read"), "cut at {cut}");
            }
        }
        // A character outside the alphabet, anywhere.
        for at in 0..good.sessions.len() {
            for bad in ["=", " ", "-", "é", ";"] {
                let mut s = good.sessions.clone();
                s.replace_range(at..=at, bad);
                assert!(read(&with(&s)).is_err(), "{bad} at {at}");
            }
        }
        // Numbers past their type: a number past 64 bits, a pain past 255, a
        // routine that is not named, a kind with bits it does not have, nanoseconds
        // said but 0, a time past jiff's range.
        let mut w = Writer::default();
        let session = |w: &mut Writer, numbers: &[u64]| {
            for &n in numbers {
                w.number(n);
            }
        };
        let fields = |what: u64, routine: u64, pain: u64, end: u64| {
            vec![1, what, routine, end, 600, pain, 0]
        };
        let ok = fields(END | START, 1, 4, 3_534_451_800);
        session(&mut w, &ok);
        let fine = KeptText {
            routines: good.routines.clone(),
            sessions: String::from_utf8(w.out.clone()).unwrap(),
            count: 1,
        };
        assert_eq!(read(&fine).unwrap()[0].1.pain_before, Some(3));
        for numbers in [
            fields(END | START, 1, 257, 3_534_451_800),
            fields(END | START, 2, 4, 3_534_451_800),
            fields(END | START | 1 << 9, 1, 4, 3_534_451_800),
            // Nanoseconds for a time that is not there (each a whole session
            // without them).
            vec![1, START | END_NS, 1, 1200, 4, 0],
            vec![1, END | START_NS, 1, 3_534_451_800, 4, 0],
            fields(END | START, 1, 4, zigzag(999_999_999_999_999)),
        ] {
            let mut w = Writer::default();
            session(&mut w, &numbers);
            let text = String::from_utf8(w.out).unwrap();
            assert!(read(&with(&text)).is_err(), "{numbers:?}");
        }
        let mut nanos = fields(END | START | END_NS, 1, 4, 3_534_451_800);
        nanos.insert(4, 0);
        let mut w = Writer::default();
        session(&mut w, &nanos);
        assert!(read(&with(&String::from_utf8(w.out).unwrap())).is_err());
        // A number past 64 bits (where a number ends: packed's tests).
        assert!(read(&with(&format!("B{}Q", "/".repeat(12)))).is_err());
        let mut w = Writer::default();
        w.number(u64::MAX);
        assert_eq!(w.out.len(), 13);
        let mut r = Reader {
            numbers: Numbers::new(&w.out),
            number: 0,
            base: 0,
        };
        assert_eq!(r.number(), Some(u64::MAX));
        // More applications than characters left.
        let mut many = ok.clone();
        *many.last_mut().unwrap() = 1 << 40;
        let mut w = Writer::default();
        session(&mut w, &many);
        assert!(read(&with(&String::from_utf8(w.out).unwrap())).is_err());
        // None at all.
        assert_eq!(read(&with("")).unwrap(), Vec::new());
    }

    #[test]
    fn zigzag_goes_both_ways() {
        for n in [
            0,
            1,
            -1,
            2,
            -2,
            i64::MAX,
            i64::MIN,
            1_767_225_900,
            -1_767_225_900,
        ] {
            assert_eq!(unzigzag(zigzag(n)), n);
        }
        assert_eq!([0, -1, 1, -2].map(zigzag), [0, 1, 2, 3]);
    }
}
