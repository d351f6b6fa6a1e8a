//! The totals of a routine (its timed length, its self-paced steps, its steps),
//! worked out from the routine itself, without laying it out as a timeline.

use std::time::Duration;

use super::{Routine, Work};

/// The totals of a routine, computed without laying it out, with checked arithmetic.
/// The loader uses this to refuse routines that are too long before expanding them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Sum of the timed segments.
    pub timed: Duration,
    /// Number of self-paced steps.
    pub self_paced: u64,
    /// Number of segments.
    pub steps: u64,
}

impl Totals {
    /// `None` if a sum overflows. Safe on any `Routine`, validated or not: every
    /// product and sum is checked, and zero counts give zero steps.
    pub fn of(routine: &Routine) -> Option<Totals> {
        let mut t = Acc::default();
        t.add(routine.lead_in, 1)?;
        for (i, ex) in routine.exercises.iter().enumerate() {
            if i > 0 {
                t.add(routine.exercises[i - 1].rest, 1)?;
            }
            let sides = u64::try_from(ex.sides.len().max(1)).ok()?;
            let sets = u64::from(ex.sets);
            let reps = u64::from(ex.reps);
            let rep_count = sides.checked_mul(sets)?.checked_mul(reps)?;
            t.add(ex.switch, sides - 1)?;
            t.add(ex.set_rest, sides.checked_mul(sets.saturating_sub(1))?)?;
            t.add(
                ex.rep_rest,
                sides
                    .checked_mul(sets)?
                    .checked_mul(reps.saturating_sub(1))?,
            )?;
            match &ex.work {
                Work::Hold(d) => t.add(*d, rep_count)?,
                Work::Phases(phases) => {
                    for p in phases {
                        t.add(p.time, rep_count)?;
                    }
                }
                Work::SelfPaced => {
                    t.self_paced = t.self_paced.checked_add(rep_count)?;
                    t.steps = t.steps.checked_add(rep_count)?;
                }
            }
        }
        Some(Totals {
            timed: Duration::from_secs(t.secs),
            self_paced: t.self_paced,
            steps: t.steps,
        })
    }
}

#[derive(Default)]
struct Acc {
    secs: u64,
    self_paced: u64,
    steps: u64,
}

impl Acc {
    /// Adds `count` segments of length `d`; zero-length ones are left out.
    fn add(&mut self, d: Duration, count: u64) -> Option<()> {
        if d.is_zero() || count == 0 {
            return Some(());
        }
        self.secs = self.secs.checked_add(d.as_secs().checked_mul(count)?)?;
        self.steps = self.steps.checked_add(count)?;
        Some(())
    }
}
