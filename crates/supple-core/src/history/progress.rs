//! Progression: an exercise with `progression = { target, step }` starts at the
//! file's `reps` and gains `step` reps after each session in which it was finished
//! in full and pain after was no higher than pain before (or pain was not asked),
//! up to `target`. A session in which pain rose by [`PAIN_RISE`] or more steps it
//! back by one `step`, never below the file's `reps`. A session stopped early, or
//! one that skipped or cut the exercise short, does not grow it.
//! `supple plan --reset-progress` starts over from that moment: only sessions
//! after the latest reset count.

use jiff::Timestamp;

use super::{Outcome, Record, SessionKind};
use crate::guidance::PAIN_RISE;
use crate::routine::Routine;

/// What one session's pain says for progression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PainSays {
    /// Not asked, or no higher after: the exercise may grow.
    Grow,
    /// Higher after, by less than [`PAIN_RISE`]: it stays.
    Hold,
    /// Up by [`PAIN_RISE`] or more: one step back.
    StepBack,
}

impl PainSays {
    pub fn of(before: Option<u8>, after: Option<u8>) -> PainSays {
        match (before, after) {
            (Some(b), Some(a)) if a >= b.saturating_add(PAIN_RISE) => PainSays::StepBack,
            (Some(b), Some(a)) if a > b => PainSays::Hold,
            _ => PainSays::Grow,
        }
    }
}

/// How an exercise's reps were worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub exercise: String,
    pub base: u32,
    pub step: u32,
    pub target: u32,
    /// Sessions that grew it.
    pub finished: u32,
    /// Sessions in which pain rose enough to step it back.
    pub stepped_back: u32,
    pub reps: u32,
}

impl Progress {
    /// In plain words: "Glute bridge: next time 6 reps; it grows by one after
    /// each finished session that did not hurt more, up to 30".
    pub fn explain(&self) -> String {
        let by = match self.step {
            1 => "one".to_owned(),
            n => n.to_string(),
        };
        let rule = if self.reps >= self.target {
            format!("{} reps, as many as it grows to", self.reps)
        } else {
            format!(
                "{} reps; it grows by {by} after each finished session that did not hurt more, up to {}",
                self.reps, self.target
            )
        };
        let back = match self.stepped_back {
            0 => String::new(),
            1 => "; it went back once, after a session that hurt more (by 2 or more)".to_owned(),
            n => format!("; it went back {n} times, after sessions that hurt more (by 2 or more)"),
        };
        format!("{}: next time {rule}{back}", self.exercise)
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
            let base = e.reps;
            let top = p.target.max(base);
            let (mut reps, mut finished, mut stepped_back) = (base, 0u32, 0u32);
            let sessions = records
                .iter()
                .filter(|r| r.kind == SessionKind::Routine)
                .filter(|r| r.routine.as_deref() == Some(id))
                .filter(|r| reset.is_none_or(|t| super::parse_time(&r.start).is_ok_and(|s| s > t)));
            for r in sessions {
                let in_full = r.outcome == Outcome::Finished
                    && r.exercises.iter().any(|x| {
                        x.name == e.name
                            && !x.skipped
                            && x.reps_planned > 0
                            && x.reps_done == x.reps_planned
                    });
                match PainSays::of(r.pain_before, r.pain_after) {
                    PainSays::StepBack => {
                        reps = reps.saturating_sub(p.step).max(base);
                        stepped_back = stepped_back.saturating_add(1);
                    }
                    PainSays::Grow if in_full => {
                        reps = reps.saturating_add(p.step).min(top);
                        finished = finished.saturating_add(1);
                    }
                    PainSays::Grow | PainSays::Hold => {}
                }
            }
            Some(Progress {
                exercise: e.name.clone(),
                base,
                step: p.step,
                target: p.target,
                finished,
                stepped_back,
                reps,
            })
        })
        .collect()
}

/// What a session that just ended changes for the next one: for each progressing
/// exercise of `routine` (already at its current reps) the reps it moves to, as
/// "Glute bridge: 7 reps next session" (finished in full, pain no higher) or
/// "Glute bridge: back to 5 reps next session, as pain rose" (pain up by 2 or
/// more, whatever the outcome). Otherwise nothing changes.
pub fn after_session(
    routine: &Routine,
    finished: bool,
    pain: PainSays,
    finished_in_full: impl Fn(usize) -> bool,
) -> Vec<String> {
    routine
        .exercises
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let p = e.progression?;
            match pain {
                PainSays::StepBack => {
                    let back = e.reps.saturating_sub(p.step).max(p.from);
                    (back < e.reps).then(|| {
                        format!("{}: back to {back} reps next session, as pain rose", e.name)
                    })
                }
                PainSays::Grow if finished => {
                    let next = e.reps.saturating_add(p.step).min(p.target.max(e.reps));
                    (finished_in_full(i) && next > e.reps)
                        .then(|| format!("{}: {next} reps next session", e.name))
                }
                PainSays::Grow | PainSays::Hold => None,
            }
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
