//! The history screen: the sessions in the log, their totals and the pain scores.
//! Its list is read from the log a page at a time as it scrolls (the shell reads
//! each [`PageRequest`]), so the screen never holds every record: before the
//! first frame, only the rows the window shows (the window's size comes first).

use super::{Action, Effect, Go, Reply};
use crate::core::history::stats::Stats;
use crate::core::history::{Placed, Snapshot};

/// Sessions read from the log at a time.
pub const PAGE: usize = 128;
/// Rows the list keeps loaded at most (pages further away are let go).
const KEPT: usize = 4 * PAGE;
/// Rows kept loaded past the first one shown: more than a screen's height.
const AHEAD: usize = 80;
/// Rows PgUp and PgDn move.
const PAGE_KEY: usize = 10;

/// The smallest window the history screen draws its two charts in: 60 columns
/// by 18 rows.
pub const CHARTS_WIDTH: u16 = 60;
/// See [`CHARTS_WIDTH`].
pub const CHARTS_HEIGHT: u16 = 18;
/// Rows a chart box needs to say anything (its borders, five rows of plot and axis).
const CHART_ROWS: u16 = 7;

/// The rows of the table of last sessions, its borders included, in a window
/// `width` by `height`, and whether the charts are drawn below it. The header,
/// the line of routines and the footer take three rows; the table has as many
/// rows as there are sessions, up to a third of what is left (at least 6),
/// and the charts the rest, at least [`CHART_ROWS`]. A window too small for
/// the charts gives the table all but the one row that says why.
pub fn table_rows(width: u16, height: u16, sessions: usize) -> (u16, bool) {
    let lists = height.saturating_sub(3);
    if width < CHARTS_WIDTH || height < CHARTS_HEIGHT {
        return (lists.saturating_sub(1), false);
    }
    let most = usize::from((lists / 3).max(6));
    let wanted = u16::try_from(sessions.clamp(1, most)).unwrap_or(6) + 2;
    let charts = lists.saturating_sub(wanted).max(CHART_ROWS);
    (lists.saturating_sub(charts), true)
}

/// Sessions the table shows at once in a window `width` by `height`.
pub fn rows_shown(width: u16, height: u16, sessions: usize) -> usize {
    usize::from(table_rows(width, height, sessions).0.saturating_sub(2))
}

/// Which page of the list the screen needs from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAsk {
    /// The sessions before byte `before`, newest first; replacing the list when
    /// `from_top`.
    Older { before: u64, from_top: bool },
    /// The sessions from byte `after` on, oldest first.
    Newer { after: u64 },
    /// The oldest sessions, from the log's start.
    Oldest,
}

/// A page for the shell to read: which, from which log as the screen saw it,
/// of the sessions that started at `since` or later (every one without it),
/// up to `want` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub ask: PageAsk,
    pub log: Snapshot,
    pub since: Option<jiff::Timestamp>,
    pub want: usize,
}

/// The history screen's data, read by the shell.
#[derive(Debug, Clone)]
pub struct HistoryScreen {
    stats: Stats,
    /// "last 7 days", when limited.
    range: Option<String>,
    /// Sessions from this time on only (`--since`).
    since: Option<jiff::Timestamp>,
    /// The log as the figures were read from it: pages are read from the same
    /// file up to the same length, so the list agrees with the figures
    /// (`stats.sessions` sessions).
    log: Snapshot,
    /// The loaded part of the list: the newest first, in the order the log
    /// holds them (a session is written when it ends).
    rows: Vec<Placed>,
    /// The place in the whole list of `rows[0]`.
    first: usize,
    /// The first row shown (the view keeps it within the list).
    scroll: usize,
    /// A page was asked for and has not come: keys move `scroll` meanwhile,
    /// and the page that answers asks for the next one if they moved past it.
    waiting: bool,
    /// Rows the list had room for when last drawn (written by the view, as a
    /// ratatui list state is), or the window's size says: the last page starts
    /// that many rows from the end, so a key after End moves what is shown at once.
    room: std::cell::Cell<usize>,
    /// A key has moved the list: from then on the rows past those shown are
    /// read ahead (before, only the rows shown are read, for the first frame).
    moved: bool,
}

impl HistoryScreen {
    /// The screen with its figures and the list's first rows (newest first),
    /// read from the log `log` says. Without them (none read yet), the window's
    /// size ([`HistoryScreen::resized`]) asks for the rows it shows.
    pub fn new(
        stats: Stats,
        range: Option<String>,
        since: Option<jiff::Timestamp>,
        log: Snapshot,
        newest: Vec<Placed>,
    ) -> HistoryScreen {
        HistoryScreen {
            stats,
            range,
            since,
            log,
            rows: newest,
            first: 0,
            scroll: 0,
            waiting: false,
            room: std::cell::Cell::new(1),
            moved: false,
        }
    }

    /// A screen whose whole list is given, oldest first (each record placed as
    /// one line of a log): a log read whole, as tests give it.
    pub fn whole(
        stats: Stats,
        range: Option<String>,
        records: Vec<crate::core::history::Record>,
    ) -> HistoryScreen {
        let len = records.len() as u64;
        let mut rows: Vec<Placed> = (0u64..)
            .zip(records)
            .map(|(at, record)| Placed {
                at,
                end: at + 1,
                record,
            })
            .collect();
        rows.reverse();
        let log = Snapshot {
            file: Some((0, 0)),
            len,
        };
        HistoryScreen::new(stats, range, None, log, rows)
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

    /// The window is `width` by `height` now: the rows it shows, read if they
    /// are not loaded (at the start, only those: the first frame waits for them).
    pub(super) fn resized(&mut self, width: u16, height: u16) -> Option<PageRequest> {
        let room = rows_shown(width, height, self.total()).max(1);
        self.room.set(room);
        if self.waiting {
            return None;
        }
        let total = self.total();
        if self.rows.is_empty() && self.first == 0 && total > 0 {
            self.waiting = true;
            return Some(PageRequest {
                ask: PageAsk::Older {
                    before: self.log.len,
                    from_top: true,
                },
                log: self.log,
                since: self.since,
                want: room,
            });
        }
        let scroll = self.scroll.min(total.saturating_sub(room));
        let loaded = self.first + self.rows.len();
        if scroll < self.first || (scroll + room > loaded && loaded < total) {
            return self.wanted();
        }
        None
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
        self.moved = true;
        if self.waiting {
            return Reply::default();
        }
        match self.wanted() {
            Some(request) => Reply::effects(vec![Effect::HistoryPage(request)]),
            None => Reply::default(),
        }
    }

    /// The page the rows around `scroll` need, if they are not loaded (and
    /// notes that it was asked for).
    fn wanted(&mut self) -> Option<PageRequest> {
        let ask = self.ask()?;
        self.waiting = true;
        Some(PageRequest {
            ask,
            log: self.log,
            since: self.since,
            want: PAGE,
        })
    }

    fn ask(&self) -> Option<PageAsk> {
        let loaded = self.first + self.rows.len();
        let total = self.total();
        // The bytes of the log the loaded rows come from.
        let lo = self.rows.last().map_or(self.log.len, |p| p.at);
        let hi = self.rows.first().map_or(self.log.len, |p| p.end);
        // Far from what is loaded, at either end: read from that end of the log,
        // not every page on the way.
        if self.scroll < self.first && self.scroll < AHEAD {
            return Some(PageAsk::Older {
                before: self.log.len,
                from_top: true,
            });
        }
        if self.scroll < self.first {
            return Some(PageAsk::Newer { after: hi });
        }
        if self.scroll + AHEAD > loaded && loaded < total {
            if total - self.scroll <= PAGE && total - loaded > PAGE {
                return Some(PageAsk::Oldest);
            }
            return Some(PageAsk::Older {
                before: lo,
                from_top: false,
            });
        }
        None
    }

    /// The page the shell read for `ask` (`None`: it could not be read, and
    /// the shell says why); the next one to read if keys moved past it
    /// meanwhile, or to read ahead once a key has moved the list.
    pub(super) fn page(&mut self, ask: PageAsk, rows: Option<Vec<Placed>>) -> Option<PageRequest> {
        self.waiting = false;
        let mut rows = rows?;
        match ask {
            PageAsk::Older { from_top: true, .. } => {
                self.rows = rows;
                self.first = 0;
            }
            PageAsk::Oldest => {
                rows.reverse();
                self.first = self.total().saturating_sub(rows.len());
                self.rows = rows;
            }
            PageAsk::Older { .. } => {
                self.rows.extend(rows);
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
                self.rows.truncate(KEPT);
            }
        }
        if !self.moved {
            return None;
        }
        self.wanted()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::history::Record;

    /// A log of `n` sessions, line `i` at byte `i`, started in order but for
    /// pairs written out of order (as two supples at once write them) and one
    /// logged late, long after it started.
    fn log(n: usize) -> Vec<Placed> {
        (0..n)
            .map(|i| {
                let minute = match i % 10 {
                    5 => i + 1,
                    6 => i - 1,
                    _ if i == n - 3 => 7,
                    _ => i,
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

    /// The figures of `log` and the log as the screen saw it.
    fn seen(log: &[Placed]) -> (Stats, Snapshot) {
        let records: Vec<&Record> = log.iter().map(|p| &p.record).collect();
        let stats = crate::core::history::stats::compute(
            &records,
            jiff::civil::date(2026, 1, 2),
            &jiff::tz::TimeZone::UTC,
        );
        let snapshot = Snapshot {
            file: Some((1, 2)),
            len: log.len() as u64,
        };
        (stats, snapshot)
    }

    /// What the shell reads for `ask` from `log`, up to `want` sessions.
    fn read(log: &[Placed], ask: PageAsk, want: usize) -> Vec<Placed> {
        match ask {
            PageAsk::Older { before, .. } => log
                .iter()
                .filter(|p| p.end <= before)
                .rev()
                .take(want)
                .cloned()
                .collect(),
            PageAsk::Newer { after } => log
                .iter()
                .filter(|p| p.at >= after)
                .take(want)
                .cloned()
                .collect(),
            PageAsk::Oldest => log.iter().take(want).cloned().collect(),
        }
    }

    /// The keys, `batch` at a time before the pages they ask for are read (as
    /// keys that arrive together are): after each batch, the rows shown are the
    /// whole list's, newest written first.
    fn walk(batch: usize) {
        let n = 2000;
        let log = log(n);
        let all: Vec<&Placed> = log.iter().rev().collect();
        let (stats, snapshot) = seen(&log);
        let newest = read(
            &log,
            PageAsk::Older {
                before: n as u64,
                from_top: true,
            },
            PAGE,
        );
        let mut h = HistoryScreen::new(stats, None, None, snapshot, newest);
        let visible = 30;
        h.set_room(visible);
        let mut keys = Vec::new();
        keys.extend([Action::Down; 300]);
        keys.extend([Action::PageDown; 60]);
        keys.extend([Action::Bottom, Action::Top, Action::Bottom]);
        keys.extend([Action::Up; 150]);
        keys.extend([Action::PageUp; 40]);
        keys.push(Action::Top);
        keys.extend([Action::PageDown; 30]);
        keys.extend([Action::Bottom, Action::Top]);
        for (i, chunk) in keys.chunks(batch).enumerate() {
            let mut asked = Vec::new();
            for key in chunk {
                for e in h.update(*key).effects {
                    let Effect::HistoryPage(request) = e else {
                        panic!("{e:?}");
                    };
                    asked.push(request);
                }
            }
            assert!(asked.len() <= 1, "batch {i}: {asked:?}");
            let mut next = asked.pop();
            while let Some(request) = next {
                assert_eq!((request.log, request.since), (snapshot, None));
                assert_eq!(request.want, PAGE);
                next = h.page(request.ask, Some(read(&log, request.ask, PAGE)));
            }
            assert!(
                h.rows.len() <= KEPT,
                "batch {i}: {} rows kept",
                h.rows.len()
            );
            let s = h.scroll();
            assert!(s <= n - visible, "batch {i}: scroll {s} past the last page");
            let shown: Vec<&str> = h
                .rows(s, visible)
                .iter()
                .map(|p| p.record.name.as_str())
                .collect();
            let want: Vec<&str> = all[s..s + visible]
                .iter()
                .map(|p| p.record.name.as_str())
                .collect();
            assert_eq!(shown, want, "batch {i} of {batch}, scroll {s}");
        }
    }

    #[test]
    fn the_rows_shown_are_the_whole_lists_wherever_it_scrolls() {
        walk(1);
    }

    #[test]
    fn keys_that_come_together_ask_for_one_page_at_a_time() {
        for batch in [2, 7, 60, 300] {
            walk(batch);
        }
    }

    #[test]
    fn a_page_that_cannot_be_read_asks_again_at_the_next_key() {
        let log = log(1000);
        let (stats, snapshot) = seen(&log);
        let mut h = HistoryScreen::new(stats, None, None, snapshot, Vec::new());
        let asked = h.update(Action::Bottom).effects;
        assert_eq!(asked.len(), 1);
        assert_eq!(h.page(PageAsk::Oldest, None), None);
        assert_eq!(h.update(Action::Up).effects.len(), 1);
    }

    /// The screen as `supple history` opens it (no rows read) on `log`, in a
    /// window `width` by `height`: the rows it asks for before the first frame.
    fn opened(log: &[Placed], width: u16, height: u16) -> (HistoryScreen, Vec<PageRequest>) {
        let (stats, snapshot) = seen(log);
        let mut h = HistoryScreen::new(stats, None, None, snapshot, Vec::new());
        let mut asked = Vec::new();
        let mut next = h.resized(width, height);
        while let Some(request) = next {
            asked.push(request);
            next = h.page(request.ask, Some(read(log, request.ask, request.want)));
        }
        (h, asked)
    }

    #[test]
    fn the_first_frame_reads_only_the_rows_the_window_shows() {
        let log = log(2000);
        for (width, height) in [(40, 12), (60, 18), (100, 30), (120, 40), (200, 60)] {
            let shown = rows_shown(width, height, log.len());
            let (mut h, asked) = opened(&log, width, height);
            let first = PageAsk::Older {
                before: log.len() as u64,
                from_top: true,
            };
            assert_eq!(asked.len(), 1, "{width}x{height}: {asked:?}");
            assert_eq!((asked[0].ask, asked[0].want), (first, shown));
            assert_eq!(h.rows.len(), shown);
            // The same size again, or a smaller one, reads nothing more.
            assert_eq!(h.resized(width, height), None);
            assert_eq!(h.resized(40, 12), None);
            // A taller window reads what it shows more.
            let (w, t) = (width.max(60), height + 30);
            let request = h.resized(w, t);
            assert!(request.is_some(), "{width}x{height} then {w}x{t}");
            let _ = h.resized(width, height);
            // The first key reads ahead, as the list always did.
            let mut h = opened(&log, width, height).0;
            let asked = h.update(Action::Down).effects;
            assert!(
                matches!(asked.as_slice(), [Effect::HistoryPage(r)] if r.want == PAGE),
                "{asked:?}"
            );
        }
        // A log of fewer sessions than the window shows: every one, once.
        let short = &log[..5];
        let (h, asked) = opened(short, 120, 40);
        assert_eq!(asked.len(), 1);
        assert_eq!(h.rows.len(), 5);
        assert_eq!(h.rows(0, 20).len(), 5);
    }

    #[test]
    fn keys_while_the_first_rows_are_read_are_shown_when_they_come() {
        let log = log(2000);
        let all: Vec<&Placed> = log.iter().rev().collect();
        let (stats, snapshot) = seen(&log);
        let mut h = HistoryScreen::new(stats, None, None, snapshot, Vec::new());
        let Some(first) = h.resized(100, 30) else {
            panic!("the first rows are asked for");
        };
        // End pressed before they came: the page that answers asks for the oldest.
        assert!(h.update(Action::Bottom).effects.is_empty());
        let mut next = h.page(first.ask, Some(read(&log, first.ask, first.want)));
        assert!(next.is_some());
        while let Some(request) = next {
            next = h.page(request.ask, Some(read(&log, request.ask, request.want)));
        }
        let room = rows_shown(100, 30, log.len());
        let s = h.scroll();
        assert_eq!(s, log.len() - room);
        let shown: Vec<&str> = h
            .rows(s, room)
            .iter()
            .map(|p| p.record.name.as_str())
            .collect();
        let want: Vec<&str> = all[s..].iter().map(|p| p.record.name.as_str()).collect();
        assert_eq!(shown, want);
    }
}
