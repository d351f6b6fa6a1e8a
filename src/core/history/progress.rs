//! Progression: an exercise with `progression = { target, step }` starts at the
//! file's `reps` and gains `step` reps after each session in which it was finished
//! in full, up to `target`. A session stopped early, or one that skipped or cut the
//! exercise short, does not count. `supple plan --reset-progress` starts over from
//! that moment: only sessions after the latest reset count.

use jiff::Timestamp;

use super::{Outcome, Record, SessionKind};
use crate::core::routine::Routine;

/// How an exercise's reps were worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub exercise: String,
    pub base: u32,
    pub step: u32,
    pub target: u32,
    /// Sessions that count.
    pub finished: u32,
    pub reps: u32,
}

impl Progress {
    /// "10 reps: 5 + 5 finished sessions (target 30)".
    pub fn explain(&self) -> String {
        let sessions = if self.finished == 1 {
            "session"
        } else {
            "sessions"
        };
        let how = if self.step == 1 {
            format!("{} + {} finished {sessions}", self.base, self.finished)
        } else {
            format!(
                "{} + {} x {} finished {sessions}",
                self.base, self.step, self.finished
            )
        };
        let at_target = if self.reps >= self.target {
            ", the target"
        } else {
            ""
        };
        format!(
            "{}: {} reps next session ({how}; target {}{at_target})",
            self.exercise, self.reps, self.target
        )
    }
}

/// The reps each progressing exercise of `routine` (library name `id`) is at.
pub fn progress(
    routine: &Routine,
    id: &str,
    records: &[Record],
    reset: Option<Timestamp>,
) -> Vec<Progress> {
    routine
        .exercises
        .iter()
        .filter_map(|e| {
            let p = e.progression?;
            let finished = records
                .iter()
                .filter(|r| r.kind == SessionKind::Routine && r.outcome == Outcome::Finished)
                .filter(|r| r.routine.as_deref() == Some(id))
                .filter(|r| reset.is_none_or(|t| r.start.parse::<Timestamp>().is_ok_and(|s| s > t)))
                .filter(|r| {
                    r.exercises.iter().any(|x| {
                        x.name == e.name
                            && !x.skipped
                            && x.reps_planned > 0
                            && x.reps_done == x.reps_planned
                    })
                })
                .count();
            let finished = u32::try_from(finished).unwrap_or(u32::MAX);
            let reps = e
                .reps
                .saturating_add(finished.saturating_mul(p.step))
                .min(p.target.max(e.reps));
            Some(Progress {
                exercise: e.name.clone(),
                base: e.reps,
                step: p.step,
                target: p.target,
                finished,
                reps,
            })
        })
        .collect()
}

/// What a session that just ended changes for the next one: for each progressing
/// exercise of `routine` (already at its current reps) that `finished_in_full`, the
/// reps it moves to, as "Glute bridge: 7 reps next session". A stopped session
/// changes nothing.
pub fn after_session(
    routine: &Routine,
    finished: bool,
    finished_in_full: impl Fn(usize) -> bool,
) -> Vec<String> {
    if !finished {
        return Vec::new();
    }
    routine
        .exercises
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let p = e.progression?;
            let next = e.reps.saturating_add(p.step).min(p.target.max(e.reps));
            (finished_in_full(i) && next > e.reps)
                .then(|| format!("{}: {next} reps next session", e.name))
        })
        .collect()
}

/// `routine` with each progressing exercise at its current reps.
pub fn apply(mut routine: Routine, progress: &[Progress]) -> Routine {
    for e in &mut routine.exercises {
        if let Some(p) = progress.iter().find(|p| p.exercise == e.name) {
            e.reps = p.reps;
        }
    }
    routine
}
