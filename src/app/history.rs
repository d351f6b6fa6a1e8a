//! The history screen: the sessions in the log, their totals and the pain scores.

use super::{Action, Go, Reply};
use crate::core::history::Record;
use crate::core::history::stats::Stats;

/// The history screen's data, read by the shell.
#[derive(Debug, Clone)]
pub struct HistoryScreen {
    /// Oldest first.
    records: Vec<Record>,
    stats: Stats,
    /// "last 7 days", when limited.
    range: Option<String>,
    /// How far "Last sessions" is scrolled down (the view keeps it within the list).
    scroll: u16,
}

impl HistoryScreen {
    pub fn new(records: Vec<Record>, stats: Stats, range: Option<String>) -> HistoryScreen {
        HistoryScreen {
            records,
            stats,
            range,
            scroll: 0,
        }
    }

    /// Newest first by when they started, as the list shows them (records
    /// that started at the same time: the one written later first).
    pub fn newest_first(&self) -> Vec<&Record> {
        let started = |r: &Record| r.start.parse::<jiff::Timestamp>().ok();
        let mut newest: Vec<(usize, &Record)> = self.records.iter().enumerate().collect();
        newest.sort_by(|(i, a), (j, b)| started(b).cmp(&started(a)).then(j.cmp(i)));
        newest.into_iter().map(|(_, r)| r).collect()
    }

    /// Rows "Last sessions" is scrolled down.
    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    /// Oldest first.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    pub fn range(&self) -> Option<&str> {
        self.range.as_deref()
    }

    pub(super) fn update(&mut self, action: Action) -> Reply {
        match action {
            Action::Quit => Reply::go(Go::Leave),
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                let last = u16::try_from(self.records.len().saturating_sub(1)).unwrap_or(u16::MAX);
                self.scroll = match action {
                    Action::Bottom => last,
                    _ => super::update::scrolled(self.scroll, action).min(last),
                };
                Reply::default()
            }
            _ => Reply::default(),
        }
    }
}
