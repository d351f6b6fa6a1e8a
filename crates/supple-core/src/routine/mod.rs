//! Routines: the TOML format, its validation and the library of bundled and user files.
//!
//! `parse` turns the text of one file into a validated [`Routine`] or a list of
//! [`Diagnostic`]s (the TOML checking toolkit, [`crate::toml_check`], renders
//! them rustc-style); `library` finds files (the only part that touches the disk).

mod parse;
mod parts;
mod totals;
mod values;

use std::time::Duration;

use serde::Serialize;

pub use crate::toml_check::{Diagnostic, LoadError};
pub use parse::{LIMITS, parse};
pub use totals::Totals;

/// In a cue, the side the exercise is on: `"draw your {side} knee in"`.
pub const SIDE: &str = "{side}";

/// A validated routine. Every value is within its documented range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Routine {
    pub name: String,
    pub description: Option<String>,
    pub tags: Vec<String>,
    #[serde(with = "secs")]
    pub lead_in: Duration,
    pub exercises: Vec<Exercise>,
}

/// One exercise, with the routine's defaults (rest, switch) already applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exercise {
    pub name: String,
    pub description: Option<String>,
    pub cues: Vec<String>,
    pub work: Work,
    pub reps: u32,
    pub sets: u32,
    /// Empty when the exercise is not done per side.
    pub sides: Vec<String>,
    #[serde(with = "secs")]
    pub rep_rest: Duration,
    #[serde(with = "secs")]
    pub set_rest: Duration,
    /// The rest after this exercise, before the next one.
    #[serde(with = "secs")]
    pub rest: Duration,
    /// The pause to switch sides.
    #[serde(with = "secs")]
    pub switch: Duration,
    pub art: Option<String>,
    pub progression: Option<Progression>,
}

impl Exercise {
    /// The drawing that marks a walk: a step of it is walked, not held.
    pub const WALK_ART: &'static str = "walk";

    /// True when the person walks through this exercise's timed steps (it is
    /// drawn as a walk), so the screens say "walk" where they would say "hold".
    pub fn is_walk(&self) -> bool {
        self.art.as_deref() == Some(Self::WALK_ART)
    }
}

/// What one rep consists of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    /// One timed hold.
    Hold(#[serde(with = "secs")] Duration),
    /// Timed phases walked in order, such as an inhale and an exhale.
    Phases(Vec<Phase>),
    /// No timer: the person confirms each rep.
    SelfPaced,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub cue: String,
    #[serde(with = "secs")]
    pub time: Duration,
}

/// Reps grow by `step` per fully finished session, up to `target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progression {
    pub target: u32,
    pub step: u32,
    /// The file's `reps`: a step back never goes below it (set by the parser, so
    /// it survives the reps being moved on).
    #[serde(skip)]
    pub from: u32,
}

/// Durations in JSON are whole seconds.
impl Routine {
    /// The routine with its timed holds lengthened or shortened in proportion, so
    /// that the holds of one pass (each exercise once, reps, sets and sides
    /// counted) add up to `holds` (a walk of ten minutes from the five-minute
    /// walk). Rests, phases and self-paced steps are kept as they are; each hold
    /// stays at least a second.
    pub fn stretched(mut self, holds: Duration) -> Routine {
        let passes = |e: &Exercise| {
            u64::from(e.reps)
                .saturating_mul(u64::from(e.sets))
                .saturating_mul(e.sides.len().max(1) as u64)
        };
        let now: u64 = self
            .exercises
            .iter()
            .filter_map(|e| match e.work {
                Work::Hold(d) => Some(d.as_secs().saturating_mul(passes(e))),
                _ => None,
            })
            .fold(0, u64::saturating_add);
        if now == 0 {
            return self;
        }
        let target = holds.as_secs();
        for e in &mut self.exercises {
            if let Work::Hold(d) = &mut e.work {
                let scaled = u128::from(d.as_secs()) * u128::from(target) / u128::from(now);
                *d = Duration::from_secs(u64::try_from(scaled).unwrap_or(u64::MAX).max(1));
            }
        }
        self
    }
}

mod secs {
    use std::time::Duration;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_secs())
    }
}
