//! Routines: the TOML format, its validation and the library of bundled and user files.
//!
//! `parse` turns the text of one file into a validated [`Routine`] or a list of
//! [`Diagnostic`]s; `library` finds files (the only part that touches the disk);
//! `diagnostic` renders errors rustc-style.

pub mod diagnostic;
mod parse;
mod values;

use std::time::Duration;

use serde::Serialize;

pub use diagnostic::{Diagnostic, LoadError};
pub use parse::{LIMITS, parse};
pub(crate) use values::closest;

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
}

/// Durations in JSON are whole seconds.
mod secs {
    use std::time::Duration;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_secs())
    }
}
