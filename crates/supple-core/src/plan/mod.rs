//! Plans: what to do in each stage of an episode of back pain. A plan is a TOML
//! file (docs/plan-format.md) of stages, each a range of time since the pain
//! began, with a few lines of advice and the items to do: a routine, an ice or
//! heat session or a walk, so many times a day or a week. [`parse`] turns the text
//! into a [`Plan`] or every error in it; the stage for a moment is
//! [`Plan::stage_at`]. Pure: files are read by [`crate::store::plans`].

use std::ops::Range;
use std::time::Duration;

use crate::pack::Treatment;

mod items;
pub mod parse;
mod values;

pub use parse::{LIMITS, parse};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub name: String,
    pub description: Option<String>,
    /// A short line for each day of an episode (reassurance and self-management):
    /// day 1 shows the first, and past the last they go round again.
    pub daily: Vec<String>,
    /// In order, the first from 0h, each starting where the one before ends.
    pub stages: Vec<Stage>,
    /// The `on` of a pack item that gives none: the config file's `[pack] on`,
    /// else 20 minutes. Not in the file: whoever loads the plan for an episode
    /// sets it ([`Plan::with_pack_on`]), so Today counts what the timer runs.
    pub pack_on: Duration,
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
    /// Offered only once the last pain score logged since the pain began is
    /// this or less (`pain_at_most = 3`: once the pain has settled).
    pub pain_at_most: Option<u8>,
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
    /// What it starts; for `pack = "heat or ice"`, what it starts when the person
    /// has not chosen yet (heat: the evidence is strongest for it).
    pub treatment: Treatment,
    /// `pack = "heat or ice"`: either counts, and the last one the person used
    /// is the one it starts (`core::today::pack_choice`).
    pub either: bool,
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

/// A stage boundary as a person says it: "48h" in the first days, "7d" in the first
/// two weeks, "12w" after that (hours when it is not a whole day or week).
pub fn bound(d: Duration) -> String {
    const DAY: u64 = 24 * 3600;
    let s = d.as_secs();
    if s >= 14 * DAY && s.is_multiple_of(7 * DAY) {
        format!("{}w", s / (7 * DAY))
    } else if s >= 4 * DAY && s.is_multiple_of(DAY) {
        format!("{}d", s / DAY)
    } else if s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else {
        crate::duration::human(d)
    }
}

/// Whether `text` is a plan rather than a routine: it has stages and no exercises.
pub fn is_plan(text: &str) -> bool {
    match toml::de::DeTable::parse(text) {
        Ok(doc) => doc.get_ref().get("stage").is_some() && doc.get_ref().get("exercise").is_none(),
        Err(_) => text
            .lines()
            .any(|l| l.trim_start().starts_with("[[stage]]")),
    }
}

impl Plan {
    /// The plan with `on` (the config file's `[pack] on`, if set) as the length
    /// of a pack item's application where the item gives none.
    pub fn with_pack_on(mut self, on: Option<Duration>) -> Plan {
        if let Some(on) = on {
            self.pack_on = on;
        }
        self
    }

    /// The daily line for `day` (1 for the day the pain began), if the plan has any.
    pub fn daily_line(&self, day: u64) -> Option<&str> {
        let n = u64::try_from(self.daily.len()).ok().filter(|n| *n > 0)?;
        let i = usize::try_from(day.saturating_sub(1) % n).ok()?;
        self.daily.get(i).map(String::as_str)
    }

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
            Activity::Pack(p) if p.either => "Heat or ice".to_owned(),
            Activity::Pack(p) => crate::text::capitalize(p.treatment.name()),
            Activity::Walk(d) => format!("Walk {}", crate::duration::human(*d)),
        }
    }
}
