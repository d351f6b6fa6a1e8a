//! The history screen's [`Figures`] as the kept file writes them: the routines'
//! names once each, the pain points' start times as one string, and every number
//! as one packed text read in one pass. A start reads this file each time; as
//! serde's map of dates and list of pain points it cost about 280,000
//! instructions (a date parsed from its text, a map entry and an allocation
//! each), a good part of what the screen with sessions adds to an empty one.
//!
//! Each number is written in base 32, lowest digits first, one character a digit
//! from the base64 alphabet (`A`-`Z`, `a`-`z`, `0`-`9`, `+`, `/`): the low five
//! bits of a character's value are the digit, the sixth says another digit
//! follows (as the home screen's kept sessions are, in `brief/kept.rs`). A date
//! is one number: `(year + 10000) * 512 + month * 32 + day`. The numbers, in
//! order:
//!
//! 1. the lines folded, the sessions, the finished ones, the active seconds;
//! 2. how many pain points are kept: 0 every one, else the count plus 1;
//! 3. the first date of the detail: 0 none, else the date plus 1;
//! 4. how many dates of detail, then each date (ascending), its sessions and its
//!    active seconds;
//! 5. how many runs of older dates, then each run's first and last date;
//! 6. the sessions of each name, in the order of `names`;
//! 7. how many pain points, then each one's start's length in bytes (its text
//!    is the next that many bytes of `starts`), its pain before and after (0
//!    none, else the score plus 1);
//! 8. a checksum of the names, the starts and the numbers before it.
//!
//! Anything else (a character outside the alphabet, a number past its type, an
//! invalid or unordered date, a pain score past 10, text left over, a checksum
//! that differs) is an error, never a guess: the figures are then made again
//! from the log.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Figures, PainPoint, Tally};
use crate::history::Skips;
use crate::history::packed::{self, Numbers};

/// [`Figures`] as the kept file holds them.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptFigures {
    names: Vec<String>,
    starts: String,
    numbers: String,
    skips: Skips,
}

fn date_number(d: Date) -> u64 {
    // A year of jiff's is within -9999..=9999.
    let year = u64::try_from(i32::from(d.year()) + 10_000).unwrap_or(0);
    let month = u64::try_from(d.month()).unwrap_or(0);
    let day = u64::try_from(d.day()).unwrap_or(0);
    year * 512 + month * 32 + day
}

fn number_date(n: u64) -> Option<Date> {
    let year = i16::try_from(i64::try_from(n / 512).ok()? - 10_000).ok()?;
    let month = i8::try_from((n / 32) % 16).ok()?;
    let day = i8::try_from(n % 32).ok()?;
    Date::new(year, month, day).ok()
}

/// A checksum of `parts`, eight bytes at a time (FNV-1a's constants): any
/// change to a kept file's text shows, not only one that breaks its form.
fn checksum(parts: &[&[u8]]) -> u64 {
    let mut h = packed::FNV_START;
    for part in parts {
        // Its bytes, then where it ends and the next begins (FNV-1a's step).
        h = (packed::fnv_words(h, part) ^ part.len() as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn number(&mut self, n: u64) {
        packed::write(&mut self.out, n);
    }

    fn len(&mut self, n: usize) {
        self.number(n as u64);
    }

    fn date(&mut self, d: Date) {
        self.number(date_number(d));
    }

    fn maybe(&mut self, n: Option<u64>) {
        packed::write_opt(&mut self.out, n);
    }
}

struct Reader<'a> {
    numbers: Numbers<'a>,
}

impl Reader<'_> {
    fn number(&mut self) -> Option<u64> {
        self.numbers.next()
    }

    fn date(&mut self) -> Option<Date> {
        number_date(self.number()?)
    }

    fn score(&mut self) -> Option<Option<u8>> {
        match self.numbers.opt::<u8>()? {
            Some(p) if p > 10 => None,
            score => Some(score),
        }
    }
}

impl From<Figures> for KeptFigures {
    fn from(f: Figures) -> KeptFigures {
        let Figures {
            lines,
            tally,
            skips,
            zone: _,
        } = f;
        let mut w = Writer::default();
        w.len(lines);
        w.len(tally.sessions);
        w.len(tally.finished);
        w.number(tally.active_seconds);
        w.maybe(tally.pain_kept.map(|n| n as u64));
        w.maybe(tally.detail_from.map(date_number));
        w.len(tally.per_date.len());
        for (d, (sessions, seconds)) in &tally.per_date {
            w.date(*d);
            w.number(u64::from(*sessions));
            w.number(*seconds);
        }
        w.len(tally.older.len());
        for (first, last) in &tally.older {
            w.date(*first);
            w.date(*last);
        }
        let mut names = Vec::with_capacity(tally.per_name.len());
        for (name, n) in tally.per_name {
            w.number(u64::from(n));
            names.push(name);
        }
        w.len(tally.pain.len());
        let mut starts = String::new();
        for p in tally.pain {
            w.len(p.start.len());
            starts.push_str(&p.start);
            w.maybe(p.before.map(u64::from));
            w.maybe(p.after.map(u64::from));
        }
        let sum = checksum(&[names.join("\0").as_bytes(), starts.as_bytes(), &w.out]);
        w.number(sum);
        KeptFigures {
            names,
            starts,
            // Only characters of the alphabet.
            numbers: String::from_utf8_lossy(&w.out).into_owned(),
            skips,
        }
    }
}

impl TryFrom<KeptFigures> for Figures {
    type Error = String;

    fn try_from(k: KeptFigures) -> Result<Figures, String> {
        read(k).ok_or_else(|| "the kept figures do not read".to_owned())
    }
}

fn read(k: KeptFigures) -> Option<Figures> {
    let KeptFigures {
        names,
        starts,
        numbers,
        skips,
    } = k;
    let mut r = Reader {
        numbers: Numbers::new(numbers.as_bytes()),
    };
    let lines = r.numbers.small::<usize>()?;
    let sessions = r.numbers.small::<usize>()?;
    let finished = r.numbers.small::<usize>()?;
    let active_seconds = r.number()?;
    let pain_kept = match r.numbers.opt::<u64>()? {
        Some(n) => Some(usize::try_from(n).ok()?),
        None => None,
    };
    let detail_from = match r.numbers.opt::<u64>()? {
        Some(n) => Some(number_date(n)?),
        None => None,
    };
    if finished > sessions {
        return None;
    }
    let mut per_date = BTreeMap::new();
    let mut last: Option<Date> = None;
    for _ in 0..r.numbers.small::<usize>()? {
        let (d, n, seconds) = (r.date()?, r.numbers.small::<u32>()?, r.number()?);
        // Ascending, each with a session, none before the detail's first date.
        if last.is_some_and(|l| l >= d) || n == 0 || detail_from.is_some_and(|f| d < f) {
            return None;
        }
        last = Some(d);
        per_date.insert(d, (n, seconds));
    }
    let runs = r.numbers.small::<usize>()?;
    let mut older = Vec::with_capacity(runs.min(numbers.len()));
    let mut last: Option<Date> = None;
    for _ in 0..runs {
        let (first, end) = (r.date()?, r.date()?);
        // Ascending and apart, each before the detail.
        let apart = last.is_none_or(|l| l.tomorrow().is_ok_and(|t| t < first));
        if !apart || end < first || detail_from.is_none_or(|f| end >= f) {
            return None;
        }
        last = Some(end);
        older.push((first, end));
    }
    let mut counts = Vec::with_capacity(names.len());
    let mut previous: Option<&str> = None;
    for name in &names {
        let n = r.numbers.small::<u32>()?;
        // In order, each once, each with a session.
        if previous.is_some_and(|p| p >= name.as_str()) || n == 0 {
            return None;
        }
        previous = Some(name);
        counts.push(n);
    }
    let named: u64 = counts.iter().map(|n| u64::from(*n)).sum();
    if named != sessions as u64 {
        return None;
    }
    let points = r.numbers.small::<usize>()?;
    let mut pain = Vec::with_capacity(points.min(numbers.len()));
    let mut at = 0usize;
    for _ in 0..points {
        let len = r.numbers.small::<usize>()?;
        let start = starts.get(at..at.checked_add(len)?)?;
        at += len;
        let (before, after) = (r.score()?, r.score()?);
        if before.is_none() && after.is_none() {
            return None;
        }
        pain.push(PainPoint {
            start: start.to_owned(),
            before,
            after,
        });
    }
    let body = r.numbers.at();
    let sum = r.number()?;
    let whole = at == starts.len() && r.numbers.left() == 0;
    let joined = names.join("\0");
    let text = numbers.as_bytes().get(..body)?;
    if !whole || sum != checksum(&[joined.as_bytes(), starts.as_bytes(), text]) {
        return None;
    }
    // In order and each once, as checked above.
    let per_name: BTreeMap<String, u32> = names.into_iter().zip(counts).collect();
    Some(Figures {
        lines,
        tally: Tally {
            per_date,
            older,
            detail_from,
            per_name,
            pain,
            pain_kept,
            sessions,
            finished,
            active_seconds,
        },
        skips,
        zone: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    /// Figures of sessions on many days (some compacted into runs), three names
    /// (one not ASCII), pain points with one score or two, and a skipped line.
    fn figures() -> Figures {
        let mut f = Figures::default();
        f.set_zone(TimeZone::UTC);
        let names = ["Cat-Cow", "Ice pack", "Étirement"];
        for i in 0..400u32 {
            if i % 7 == 3 {
                continue;
            }
            let day = jiff::civil::date(2025, 1, 1)
                .checked_add(jiff::Span::new().days(i))
                .unwrap();
            let start = format!("{day}T08:00:0{}+00:00", i % 10);
            let end = format!("{day}T08:10:00+00:00");
            let mut line = serde_json::json!({
                "v": 1, "kind": "routine", "name": names[(i % 3) as usize],
                "start": start, "end": end, "active_seconds": 300 + i,
                "outcome": if i % 2 == 0 { "finished" } else { "stopped" },
            });
            if i % 3 == 0 {
                line["pain_before"] = serde_json::json!(i % 11);
            }
            if i % 4 == 0 {
                line["pain_after"] = serde_json::json!((i + 3) % 11);
            }
            f.line(line.to_string().as_bytes());
        }
        f.line(b"{\"v\":1,\"kind\":\"rou");
        f.compact();
        // The zone is not kept (the store files figures under it).
        f.zone = None;
        f
    }

    fn kept_text(f: &Figures) -> serde_json::Value {
        serde_json::to_value(f).unwrap()
    }

    fn reads(v: &serde_json::Value) -> Option<Figures> {
        serde_json::from_value::<Figures>(v.clone()).ok()
    }

    #[test]
    fn figures_read_back_as_they_were_kept() {
        let f = figures();
        assert!(f.tally.older.len() > 10 && f.tally.per_date.len() > 40);
        assert!(!f.tally.pain.is_empty() && f.skips.len() == 1);
        let back = reads(&kept_text(&f)).unwrap();
        assert_eq!(back, f);
        let empty = Figures::default();
        assert_eq!(reads(&kept_text(&empty)).unwrap(), empty);
    }

    #[test]
    fn damaged_numbers_are_refused() {
        let v = kept_text(&figures());
        let numbers = v["numbers"].as_str().unwrap().to_owned();
        for at in 0..numbers.len() {
            // Cut there.
            let mut cut = v.clone();
            cut["numbers"] = serde_json::json!(numbers[..at]);
            assert!(reads(&cut).is_none(), "cut at {at}");
            // Another character of the alphabet there, or one outside it.
            for with in ['A', '/', '9', '*', ' ', 'é'] {
                if numbers[at..].starts_with(with) {
                    continue;
                }
                let mut changed = v.clone();
                let text = format!("{}{with}{}", &numbers[..at], &numbers[at + 1..]);
                changed["numbers"] = serde_json::json!(text);
                assert!(reads(&changed).is_none(), "{with:?} at {at}");
            }
        }
        let mut longer = v.clone();
        longer["numbers"] = serde_json::json!(format!("{numbers}A"));
        assert!(reads(&longer).is_none());
    }

    #[test]
    fn damaged_names_and_starts_are_refused() {
        let v = kept_text(&figures());
        let starts = v["starts"].as_str().unwrap().to_owned();
        for (at, with) in [(0, "3"), (5, "x"), (starts.len() - 1, "1")] {
            let mut changed = v.clone();
            let text = format!("{}{with}{}", &starts[..at], &starts[at + 1..]);
            changed["starts"] = serde_json::json!(text);
            assert!(reads(&changed).is_none(), "{with:?} at {at}");
        }
        let mut short = v.clone();
        short["starts"] = serde_json::json!(starts[..starts.len() - 1]);
        assert!(reads(&short).is_none());
        let mut renamed = v.clone();
        renamed["names"][0] = serde_json::json!("Cat-Cov");
        assert!(reads(&renamed).is_none());
        let mut fewer = v.clone();
        fewer["names"].as_array_mut().unwrap().pop();
        assert!(reads(&fewer).is_none());
        let mut unknown = v.clone();
        unknown["more"] = serde_json::json!(1);
        assert!(reads(&unknown).is_none());
    }

    /// Text whose checksum agrees but whose values cannot be: refused too.
    #[test]
    fn impossible_values_are_refused() {
        let good = figures();
        let mut more_finished = good.clone();
        more_finished.tally.finished = more_finished.tally.sessions + 1;
        let mut no_score = good.clone();
        no_score.tally.pain[0].before = None;
        no_score.tally.pain[0].after = None;
        let mut past_ten = good.clone();
        past_ten.tally.pain[0].before = Some(11);
        let mut unordered_runs = good.clone();
        unordered_runs.tally.older.reverse();
        let mut detail_in_runs = good.clone();
        detail_in_runs.tally.detail_from = Some(jiff::civil::date(2025, 1, 2));
        let mut uncounted_name = good.clone();
        uncounted_name.tally.per_name.insert("Walk".into(), 0);
        for bad in [
            more_finished,
            no_score,
            past_ten,
            unordered_runs,
            detail_in_runs,
            uncounted_name,
        ] {
            assert!(reads(&kept_text(&bad)).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn dates_are_numbers_both_ways() {
        for d in [
            Date::MIN,
            Date::MAX,
            jiff::civil::date(2024, 2, 29),
            jiff::civil::date(1970, 1, 1),
        ] {
            assert_eq!(number_date(date_number(d)), Some(d));
        }
        // 2023-02-29 and month 13 are no dates.
        assert_eq!(number_date((2023 + 10_000) * 512 + 2 * 32 + 29), None);
        assert_eq!(number_date((2023 + 10_000) * 512 + 13 * 32 + 1), None);
        assert_eq!(number_date(5), None);
    }
}
