//! The history screen: the sessions in the log, their totals and the pain scores.
//! Its list is read from the log a page at a time as it scrolls (the shell reads
//! each [`PageAsk`]), so the screen never holds every record.

use super::{Action, Effect, Go, Reply};
use crate::core::history::Placed;
use crate::core::history::stats::Stats;

/// Sessions read from the log at a time.
pub const PAGE: usize = 128;
/// Rows the list keeps loaded at most (pages further away are let go).
const KEPT: usize = 4 * PAGE;
/// Rows kept loaded past the first one shown: more than a screen's height.
const AHEAD: usize = 80;
/// Rows PgUp and PgDn move.
const PAGE_KEY: usize = 10;

/// Which page of the list the screen needs from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAsk {
    /// The sessions before byte `before`, newest first; replacing the list when
    /// `from_top`.
    Older { before: u64, from_top: bool },
    /// The sessions from byte `after` to `upto`, oldest first.
    Newer { after: u64, upto: u64 },
    /// The oldest sessions, from the log's start to `upto`.
    Oldest { upto: u64 },
}

/// The history screen's data, read by the shell.
#[derive(Debug, Clone)]
pub struct HistoryScreen {
    stats: Stats,
    /// "last 7 days", when limited.
    range: Option<String>,
    /// Sessions from this time on only (`--since`).
    since: Option<jiff::Timestamp>,
    /// The log's length when the screen opened: pages are read up to it, so
    /// the list agrees with the figures (`stats.sessions` sessions).
    end: u64,
    /// The loaded part of the list, newest first by when they started.
    rows: Vec<Placed>,
    /// The place in the whole list of `rows[0]`.
    first: usize,
    /// The first row shown (the view keeps it within the list).
    scroll: usize,
    /// Rows the list had room for when last drawn (written by the view, as a
    /// ratatui list state is): the last page starts that many rows from the end,
    /// so a key after End moves what is shown at once.
    room: std::cell::Cell<usize>,
}

impl HistoryScreen {
    /// The screen with its figures and the list's first page (newest first), read
    /// from a log `end` bytes long.
    pub fn new(
        stats: Stats,
        range: Option<String>,
        since: Option<jiff::Timestamp>,
        end: u64,
        newest: Vec<Placed>,
    ) -> HistoryScreen {
        let mut screen = HistoryScreen {
            stats,
            range,
            since,
            end,
            rows: Vec::new(),
            first: 0,
            scroll: 0,
            room: std::cell::Cell::new(1),
        };
        screen.replace(newest, 0);
        screen
    }

    /// A screen whose whole list is given, oldest first (each record placed as
    /// one line of a log): a log read whole, as tests give it.
    pub fn whole(
        stats: Stats,
        range: Option<String>,
        records: Vec<crate::core::history::Record>,
    ) -> HistoryScreen {
        let end = records.len() as u64;
        let rows = (0u64..)
            .zip(records)
            .map(|(at, record)| Placed {
                at,
                end: at + 1,
                record,
            })
            .collect();
        HistoryScreen::new(stats, range, None, end, rows)
    }

    /// Sessions in the list, loaded or not.
    pub fn total(&self) -> usize {
        self.stats.sessions
    }

    /// Up to `n` rows of the list from `from` on, as far as they are loaded.
    pub fn rows(&self, from: usize, n: usize) -> &[Placed] {
        let start = from.saturating_sub(self.first).min(self.rows.len());
        let stop = start.saturating_add(n).min(self.rows.len());
        &self.rows[start..stop]
    }

    /// Where the rows shown start (the view keeps it within the list).
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    pub fn range(&self) -> Option<&str> {
        self.range.as_deref()
    }

    /// The view says how many rows the list had room for.
    pub fn set_room(&self, rows: usize) {
        self.room.set(rows.max(1));
    }

    pub(super) fn update(&mut self, action: Action) -> Reply {
        let last = self.total().saturating_sub(self.room.get());
        self.scroll = match action {
            Action::Quit => return Reply::go(Go::Leave),
            Action::Up => self.scroll.min(last).saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1).min(last),
            Action::PageUp => self.scroll.min(last).saturating_sub(PAGE_KEY),
            Action::PageDown => self.scroll.saturating_add(PAGE_KEY).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return Reply::default(),
        };
        match self.wanted() {
            Some(ask) => Reply::effects(vec![Effect::HistoryPage(ask, self.since)]),
            None => Reply::default(),
        }
    }

    /// The page the rows around `scroll` need, if they are not loaded.
    fn wanted(&self) -> Option<PageAsk> {
        let loaded = self.first + self.rows.len();
        let (lo, hi) = self.span();
        if self.scroll == 0 && self.first > 0 {
            return Some(PageAsk::Older {
                before: self.end,
                from_top: true,
            });
        }
        if self.scroll < self.first {
            return Some(PageAsk::Newer {
                after: hi,
                upto: self.end,
            });
        }
        if self.scroll + AHEAD > loaded && loaded < self.total() {
            // The end of the list, far from what is loaded: read from the log's
            // start, not every page on the way.
            let near_end = self.total() - self.scroll <= PAGE;
            if near_end && self.total() - loaded > PAGE {
                return Some(PageAsk::Oldest { upto: self.end });
            }
            return Some(PageAsk::Older {
                before: lo,
                from_top: false,
            });
        }
        None
    }

    /// The bytes of the log the loaded rows come from: the first row's start and
    /// the last one's end.
    fn span(&self) -> (u64, u64) {
        let lo = self.rows.iter().map(|p| p.at).min().unwrap_or(self.end);
        let hi = self.rows.iter().map(|p| p.end).max().unwrap_or(self.end);
        (lo, hi)
    }

    /// A page the shell read.
    pub(super) fn page(&mut self, ask: PageAsk, mut rows: Vec<Placed>) {
        match ask {
            PageAsk::Older { from_top: true, .. } => self.replace(rows, 0),
            PageAsk::Oldest { .. } => {
                let first = self.total().saturating_sub(rows.len());
                rows.reverse();
                self.replace(rows, first);
            }
            PageAsk::Older { .. } => {
                self.rows.extend(rows);
                self.sort();
                let extra = self.rows.len().saturating_sub(KEPT);
                if extra > 0 {
                    self.rows.drain(..extra);
                    self.first += extra;
                }
            }
            PageAsk::Newer { .. } => {
                rows.reverse();
                self.first = self.first.saturating_sub(rows.len());
                rows.append(&mut self.rows);
                self.rows = rows;
                self.sort();
                self.rows.truncate(KEPT);
            }
        }
    }

    fn replace(&mut self, rows: Vec<Placed>, first: usize) {
        self.rows = rows;
        self.first = first;
        self.sort();
    }

    /// Newest first by when they started (as the list shows them): records that
    /// started at the same time, the one written later first. A page is sorted
    /// with the rows loaded around it.
    fn sort(&mut self) {
        let started = |p: &Placed| p.record.start.parse::<jiff::Timestamp>().ok();
        self.rows
            .sort_by(|a, b| started(b).cmp(&started(a)).then(b.at.cmp(&a.at)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::history::Record;

    /// A log of `n` sessions, line `i` at byte `i`, started in order but for
    /// pairs written out of order (as two supples at once write them).
    fn log(n: usize) -> Vec<Placed> {
        (0..n)
            .map(|i| {
                let minute = if i % 10 == 5 {
                    i + 1
                } else if i % 10 == 6 {
                    i - 1
                } else {
                    i
                };
                let start = jiff::Timestamp::constant(1_767_225_600 + 60 * minute as i64, 0);
                let record: Record = serde_json::from_value(serde_json::json!({
                    "v": 1, "kind": "routine", "name": format!("R{i}"),
                    "start": start.to_string(), "end": start.to_string(),
                    "active_seconds": 1, "outcome": "finished"
                }))
                .unwrap();
                Placed {
                    at: i as u64,
                    end: i as u64 + 1,
                    record,
                }
            })
            .collect()
    }

    /// What the shell reads for `ask` from `log`.
    fn read(log: &[Placed], ask: PageAsk) -> Vec<Placed> {
        match ask {
            PageAsk::Older { before, .. } => log
                .iter()
                .filter(|p| p.end <= before)
                .rev()
                .take(PAGE)
                .cloned()
                .collect(),
            PageAsk::Newer { after, upto } => log
                .iter()
                .filter(|p| p.at >= after && p.end <= upto)
                .take(PAGE)
                .cloned()
                .collect(),
            PageAsk::Oldest { upto } => log
                .iter()
                .filter(|p| p.end <= upto)
                .take(PAGE)
                .cloned()
                .collect(),
        }
    }

    #[test]
    fn the_rows_shown_are_the_whole_lists_wherever_it_scrolls() {
        let n = 2000;
        let log = log(n);
        let mut all: Vec<&Placed> = log.iter().collect();
        let started = |p: &Placed| p.record.start.parse::<jiff::Timestamp>().ok();
        all.sort_by(|a, b| started(b).cmp(&started(a)).then(b.at.cmp(&a.at)));
        let records: Vec<&Record> = log.iter().map(|p| &p.record).collect();
        let stats = crate::core::history::stats::compute(
            &records,
            jiff::civil::date(2026, 1, 2),
            &jiff::tz::TimeZone::UTC,
        );
        let newest = read(
            &log,
            PageAsk::Older {
                before: n as u64,
                from_top: true,
            },
        );
        let mut h = HistoryScreen::new(stats, None, None, n as u64, newest);
        let mut keys = Vec::new();
        keys.extend([Action::Down; 300]);
        keys.extend([Action::PageDown; 60]);
        keys.push(Action::Bottom);
        keys.extend([Action::Up; 150]);
        keys.extend([Action::PageUp; 40]);
        keys.push(Action::Top);
        keys.extend([Action::PageDown; 30]);
        keys.push(Action::Bottom);
        keys.push(Action::Top);
        let visible = 30;
        h.set_room(visible);
        for (i, key) in keys.into_iter().enumerate() {
            let reply = h.update(key);
            for e in reply.effects {
                let Effect::HistoryPage(ask, None) = e else {
                    panic!("{e:?}");
                };
                h.page(ask, read(&log, ask));
            }
            assert!(h.rows.len() <= KEPT, "key {i}: {} rows kept", h.rows.len());
            let s = h.scroll();
            assert!(s <= n - visible, "key {i}: scroll {s} past the last page");
            let shown: Vec<&str> = h
                .rows(s, visible)
                .iter()
                .map(|p| p.record.name.as_str())
                .collect();
            let want: Vec<&str> = all[s..s + visible]
                .iter()
                .map(|p| p.record.name.as_str())
                .collect();
            assert_eq!(shown, want, "key {i} ({key:?}), scroll {s}");
        }
    }
}
