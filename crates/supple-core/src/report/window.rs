//! The report's sessions one record at a time: which records fall in the period,
//! each as a [`Session`] with its episode's day and the plan's stage, and the
//! order they are listed in (by start), so the CSV can be written while the log
//! is read, never holding the period's sessions ([`build`](super::build) makes
//! its list with the same functions).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::{Session, session};
use crate::episode::{Episode, EpisodeRecord};
use crate::history::Record;
use crate::plan::Plan;

/// What a session's row needs besides its record: the period, the time zone,
/// every episode of the log and their plans.
pub struct Window<'a, 'p> {
    pub from: Date,
    pub to: Date,
    tz: TimeZone,
    episodes: Vec<Episode>,
    plan_of: &'a dyn Fn(&str) -> Option<&'p Plan>,
}

impl<'a, 'p> Window<'a, 'p> {
    /// The `days` days up to `now` (today included), as [`build`](super::build)
    /// counts them; `episodes`: every episode record of the log, in its order.
    pub fn new(
        episodes: &[EpisodeRecord],
        now: Timestamp,
        tz: &TimeZone,
        days: i64,
        plan_of: &'a dyn Fn(&str) -> Option<&'p Plan>,
    ) -> Window<'a, 'p> {
        let to = now.to_zoned_datetime(tz.clone()).date();
        let days = days.clamp(1, super::MAX_DAYS);
        let from = to
            .checked_sub(jiff::Span::new().days(days - 1))
            .unwrap_or(to);
        Window {
            from,
            to,
            tz: tz.clone(),
            episodes: crate::episode::episodes(episodes),
            plan_of,
        }
    }

    fn local(&self, t: Timestamp) -> DateTime {
        t.to_zoned_datetime(self.tz.clone()).datetime()
    }

    /// A record's start and end, when both can be read and it started (local
    /// date) in the period.
    pub fn times(&self, r: &Record) -> Option<(Timestamp, Timestamp)> {
        let start = crate::history::parse_time(&r.start).ok()?;
        let end = crate::history::parse_time(&r.end).ok()?;
        let date = self.local(start).date();
        (date >= self.from && date <= self.to).then_some((start, end))
    }

    /// The session of a record of the period (`start`, `end`: its [`Window::times`]),
    /// with the day of the episode it fell in and the plan's stage then.
    pub fn session(&self, r: &Record, start: Timestamp, end: Timestamp) -> Session {
        let mut x = session(r, self.local(start), self.local(end));
        if let Some(e) = self
            .episodes
            .iter()
            .find(|e| e.onset <= start && e.ended.is_none_or(|end| end >= start))
        {
            x.episode_day = Some(e.day(start));
            x.stage = (self.plan_of)(&e.plan)
                .and_then(|p| p.stage_at(e.since(start)).map(|(_, st)| st.name.clone()));
        }
        x
    }
}

/// How far back of the latest start before it any record of the period starts,
/// over the log in its order (zero when the log lists them by start): what
/// [`InOrder`] must hold back to list them by start, read once before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lateness {
    latest: Option<Timestamp>,
    most: SignedDuration,
}

impl Lateness {
    pub fn add(&mut self, start: Timestamp) {
        match self.latest {
            Some(latest) if start < latest => {
                self.most = self.most.max(latest.duration_since(start));
            }
            _ => self.latest = Some(start),
        }
    }

    /// The most a start was behind.
    pub fn most(&self) -> SignedDuration {
        self.most
    }
}

/// Items given in the log's order, handed on in the order of their start (equal
/// starts in the log's order, as a stable sort gives), holding only those that
/// a later one could still come before: given the [`Lateness`] of the same
/// records, an item is handed on once a start later than its own by more than
/// that has been seen. A log in order of start holds none.
pub struct InOrder<T> {
    late: SignedDuration,
    latest: Option<Timestamp>,
    held: BinaryHeap<Reverse<Held<T>>>,
    seq: u64,
}

struct Held<T> {
    start: Timestamp,
    seq: u64,
    item: T,
}

impl<T> PartialEq for Held<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.seq) == (other.start, other.seq)
    }
}
impl<T> Eq for Held<T> {}
impl<T> PartialOrd for Held<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Held<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.start, self.seq).cmp(&(other.start, other.seq))
    }
}

impl<T> InOrder<T> {
    pub fn new(lateness: Lateness) -> InOrder<T> {
        InOrder {
            late: lateness.most(),
            latest: None,
            held: BinaryHeap::new(),
            seq: 0,
        }
    }

    /// Takes the next item; hands `out` every item that nothing to come can precede.
    pub fn push(&mut self, start: Timestamp, item: T, out: &mut impl FnMut(T)) {
        self.held.push(Reverse(Held {
            start,
            seq: self.seq,
            item,
        }));
        self.seq += 1;
        let latest = self.latest.map_or(start, |l| l.max(start));
        self.latest = Some(latest);
        // Every start to come is at or after `latest - late`: an earlier one is
        // final. Equal to it is not (a later item may share it and must follow).
        let Some(bound) = latest.checked_sub(self.late).ok() else {
            return;
        };
        while self.held.peek().is_some_and(|h| h.0.start < bound) {
            if let Some(Reverse(h)) = self.held.pop() {
                out(h.item);
            }
        }
    }

    /// Hands `out` what is still held, in order.
    pub fn finish(mut self, out: &mut impl FnMut(T)) {
        while let Some(Reverse(h)) = self.held.pop() {
            out(h.item);
        }
    }

    /// How many items are held now.
    pub fn held(&self) -> usize {
        self.held.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_700_000_000 + secs).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// `starts` in the order given, through Lateness then InOrder, against a
    /// stable sort.
    fn check(starts: &[i64]) -> usize {
        let mut late = Lateness::default();
        for s in starts {
            late.add(t(*s));
        }
        let mut order = InOrder::new(late);
        let mut got = Vec::new();
        let mut most_held = 0;
        for (i, s) in starts.iter().enumerate() {
            order.push(t(*s), i, &mut |i| got.push(i));
            most_held = most_held.max(order.held());
        }
        order.finish(&mut |i| got.push(i));
        let mut want: Vec<usize> = (0..starts.len()).collect();
        want.sort_by_key(|i| starts[*i]);
        assert_eq!(got, want, "{starts:?}");
        most_held
    }

    #[test]
    fn in_order_sorts_as_a_stable_sort_does() {
        assert_eq!(check(&[]), 0);
        // In order: nothing waits but the latest (its equal may follow).
        assert_eq!(check(&[1, 2, 3, 4, 5]), 1);
        assert_eq!(check(&[1, 1, 2, 2, 2, 3]), 3);
        // A short session logged after a long one that began first.
        assert!(check(&[0, 100, 60, 200, 300, 250, 400]) <= 3);
        check(&[5, 4, 3, 2, 1]);
        check(&[3, 1, 3, 1, 2, 2, 0, 3]);
        // Every order of a few starts with ties.
        let base = [0, 1, 1, 2, 5];
        let mut idx = [0usize, 1, 2, 3, 4];
        loop {
            let starts: Vec<i64> = idx.iter().map(|i| base[*i]).collect();
            check(&starts);
            // The next permutation.
            let Some(i) = (0..idx.len() - 1).rev().find(|&i| idx[i] < idx[i + 1]) else {
                break;
            };
            let j = (i + 1..idx.len())
                .rev()
                .find(|&j| idx[j] > idx[i])
                .unwrap_or(i);
            idx.swap(i, j);
            idx[i + 1..].reverse();
        }
    }
}
