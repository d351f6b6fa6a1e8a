//! The dose of each exercise: reps done against planned, session by session, its
//! prescription from the routine's file, and its progression steps.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

use super::Report;
use crate::history::{Outcome, Record, SessionKind};

/// Reps done of one exercise of one routine, session by session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// The routine's title.
    pub routine: String,
    /// The routine's file name, as logged (to find its prescription).
    pub routine_id: Option<String>,
    pub name: String,
    /// Each session's date and reps done.
    pub points: Vec<(Date, u32)>,
    /// Each session's reps planned (progression moves them on).
    pub planned: Vec<u32>,
    /// Each session: whether it stopped before its end (then its figures are not
    /// read as progress).
    pub stopped: Vec<bool>,
    /// The prescription from the routine's file: "2 × 5 × hold 5s" (sets, reps as
    /// last planned, each rep's work); `None` where the routine was not found.
    pub dose: Option<String>,
}

impl Exercise {
    /// Reps done against planned over every session, as a share (0 to 1).
    pub fn done_share(&self) -> Option<f64> {
        let done: u64 = self.points.iter().map(|p| u64::from(p.1)).sum();
        let planned: u64 = self.planned.iter().map(|p| u64::from(*p)).sum();
        (planned > 0).then(|| done.min(planned) as f64 / planned as f64)
    }

    /// Steps up and steps back of the reps planned, between sessions that ran to
    /// their end.
    pub fn steps(&self) -> (u32, u32) {
        let whole: Vec<u32> = self
            .planned
            .iter()
            .zip(&self.stopped)
            .filter(|(_, stopped)| !**stopped)
            .map(|(p, _)| *p)
            .collect();
        whole.windows(2).fold((0, 0), |(up, back), w| match w {
            [a, b] if b > a => (up + 1, back),
            [a, b] if b < a => (up, back + 1),
            _ => (up, back),
        })
    }
}

/// Fills each exercise's prescription (`dose`) from its routine, found by
/// `routine_of` (the routine's file name as logged).
pub fn prescribe(
    report: &mut Report,
    routine_of: &dyn Fn(&str) -> Option<crate::routine::Routine>,
) {
    use crate::routine::Work;
    let mut cache: BTreeMap<String, Option<crate::routine::Routine>> = BTreeMap::new();
    for e in &mut report.exercises {
        let Some(id) = e.routine_id.clone() else {
            continue;
        };
        let routine = cache.entry(id.clone()).or_insert_with(|| routine_of(&id));
        let Some(x) = routine
            .as_ref()
            .and_then(|r| r.exercises.iter().find(|x| x.name == e.name))
        else {
            continue;
        };
        let work = match &x.work {
            Work::Hold(d) => format!("hold {}", crate::duration::human(*d)),
            Work::Phases(p) => format!(
                "{} breath",
                crate::duration::human(p.iter().map(|p| p.time).sum())
            ),
            Work::SelfPaced => "own pace".to_owned(),
        };
        let sides = if x.sides.len() > 1 { ", each side" } else { "" };
        let reps = e.planned.last().copied().unwrap_or(x.reps);
        e.dose = Some(format!("{} × {reps} × {work}{sides}", x.sets));
    }
}

/// Reps done per exercise of each routine, in the order the sessions came.
pub(super) fn exercises(
    records: &[(Timestamp, Timestamp, &Record)],
    local: &dyn Fn(Timestamp) -> DateTime,
) -> Vec<Exercise> {
    let mut out: Vec<Exercise> = Vec::new();
    let routines = records
        .iter()
        .filter(|(_, _, r)| r.kind == SessionKind::Routine);
    for (t, _, r) in routines {
        // Shown by its title ("Back spasm relief"), as the person knows it.
        let routine = r.name.clone();
        let stopped = r.outcome == Outcome::Stopped;
        for e in r
            .exercises
            .iter()
            .filter(|e| e.reps_planned > 0 && !e.skipped)
        {
            let point = (local(*t).date(), e.reps_done);
            let x = match out
                .iter()
                .position(|x| x.routine == routine && x.name == e.name)
            {
                Some(i) => &mut out[i],
                None => {
                    out.push(Exercise {
                        routine: routine.clone(),
                        routine_id: r.routine.clone(),
                        name: e.name.clone(),
                        points: Vec::new(),
                        planned: Vec::new(),
                        stopped: Vec::new(),
                        dose: None,
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            x.points.push(point);
            x.planned.push(e.reps_planned);
            x.stopped.push(stopped);
        }
    }
    out
}
