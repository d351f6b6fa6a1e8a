//! Plans: what to do in each stage of an episode of back pain. A plan is a TOML
//! file (docs/plan-format.md) of stages, each a range of time since the pain
//! began, with a few lines of advice and the items to do: a routine, an ice or
//! heat session or a walk, so many times a day or a week. [`parse`] turns the text
//! into a [`Plan`] or every error in it; the stage for a moment is
//! [`Plan::stage_at`]. Pure: files are read by [`crate::store::plans`].

use std::ops::Range;
use std::time::Duration;

use crate::core::pack::Treatment;

pub mod parse;

pub use parse::{LIMITS, parse};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub name: String,
    pub description: Option<String>,
    /// In order, the first from 0h, each starting where the one before ends.
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: String,
    /// Time since the pain began when this stage starts.
    pub from: Duration,
    /// When it ends; `None` for the last stage if it has no end.
    pub until: Option<Duration>,
    pub advice: Vec<String>,
    pub items: Vec<Item>,
}

/// Something to do, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub activity: Activity,
    pub often: Often,
    /// The least time between the end of one and the start of the next.
    pub min_gap: Option<Duration>,
    /// Where the activity is written in the file (for checks that need the disk,
    /// such as whether a routine exists).
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activity {
    /// A routine by name (bundled or the user's own) or a `.toml` path.
    Routine(String),
    Pack(PackItem),
    /// An easy walk this long.
    Walk(Duration),
}

/// An ice, heat or contrast session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackItem {
    pub treatment: Treatment,
    /// Unset: the config file's or the default.
    pub on: Option<Duration>,
    pub off: Option<Duration>,
    /// Applications in one session started from the plan.
    pub cycles: u32,
}

/// How often an item is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Often {
    PerDay(u32),
    /// Counted from Monday, as calendars in most of the world do (ISO 8601).
    PerWeek(u32),
}

impl Often {
    pub fn times(self) -> u32 {
        match self {
            Often::PerDay(n) | Often::PerWeek(n) => n,
        }
    }
}

impl Plan {
    /// The stage `since` the pain began, with its index: the one whose range holds
    /// it (`from` included, `until` not), or none past the end of the last one.
    pub fn stage_at(&self, since: Duration) -> Option<(usize, &Stage)> {
        self.stages
            .iter()
            .enumerate()
            .find(|(_, s)| since >= s.from && s.until.is_none_or(|u| since < u))
    }
}

impl Activity {
    /// What it is, for a list: "back-spasm-relief", "Ice", "Walk 5m".
    pub fn label(&self) -> String {
        match self {
            Activity::Routine(name) => name.clone(),
            Activity::Pack(p) => crate::core::text::capitalize(p.treatment.name()),
            Activity::Walk(d) => format!("Walk {}", crate::core::duration::human(*d)),
        }
    }
}
