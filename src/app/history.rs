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
}

impl HistoryScreen {
    pub fn new(records: Vec<Record>, stats: Stats, range: Option<String>) -> HistoryScreen {
        HistoryScreen {
            records,
            stats,
            range,
        }
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

    pub(super) fn update(&self, action: Action) -> Reply {
        match action {
            Action::Quit => Reply::go(Go::Leave),
            _ => Reply::default(),
        }
    }
}
