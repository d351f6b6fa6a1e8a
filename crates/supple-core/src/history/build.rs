//! Records made from finished or stopped sessions.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{ExerciseRecord, Outcome, Record, SessionKind, VERSION};
use crate::moment::Moment;
use crate::pack;
use crate::session::{ExerciseState, Outcome as Step, Session, Status};

/// RFC 3339 with the offset of `tz`: `2026-11-23T14:05:16+01:00`.
pub fn rfc3339(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Where a session was and when, for a record.
#[derive(Debug, Clone)]
pub struct Span {
    pub start: Timestamp,
    pub end: Timestamp,
    pub end_moment: Moment,
    pub tz: TimeZone,
}

/// The record of a routine session, however far it got.
pub fn routine(
    session: &Session,
    routine_id: Option<&str>,
    hash: Option<&str>,
    span: &Span,
) -> Record {
    let t = session.timeline();
    let mut exercises: Vec<ExerciseRecord> = t
        .routine
        .exercises
        .iter()
        .map(|e| ExerciseRecord {
            name: e.name.clone(),
            reps_done: 0,
            reps_planned: 0,
            seconds_done: 0,
            seconds_planned: 0,
            skipped: false,
        })
        .collect();
    for (seg, outcome) in t.segments().iter().zip(session.outcomes()) {
        if !seg.kind.is_work() {
            continue;
        }
        let Some(ex) = exercises.get_mut(seg.exercise) else {
            continue;
        };
        let secs = seg.duration.map_or(0, |d| d.as_secs());
        let ends_rep = seg.phase.is_none_or(|p| p.n == p.of);
        ex.seconds_planned += secs;
        ex.reps_planned += u32::from(ends_rep);
        if *outcome == Step::Done {
            ex.seconds_done += secs;
            ex.reps_done += u32::from(ends_rep);
        }
    }
    for (i, ex) in exercises.iter_mut().enumerate() {
        ex.skipped = session.exercise_state(i) == ExerciseState::Skipped;
    }
    let finished = session.status() == Status::Finished;
    let stopped_at = session.current().map(|seg| {
        format!(
            "{}, exercise {} of {}",
            t.exercise_name(seg),
            seg.exercise + 1,
            t.routine.exercises.len()
        )
    });
    Record {
        v: VERSION,
        kind: SessionKind::Routine,
        name: t.routine.name.clone(),
        routine: routine_id.map(str::to_owned),
        hash: hash.map(str::to_owned),
        start: rfc3339(span.start, &span.tz),
        end: rfc3339(span.end, &span.tz),
        active_seconds: session.active_time(span.end_moment).as_secs(),
        outcome: if finished {
            Outcome::Finished
        } else {
            Outcome::Stopped
        },
        stopped_at: if finished { None } else { stopped_at },
        exercises,
        pain_before: None,
        pain_after: None,
        applications_done: None,
        applications_planned: None,
        applications_skipped: None,
        applied_seconds: Vec::new(),
        missed_switches: Vec::new(),
    }
}

/// The record of an ice/heat session, with the switches that were noticed late
/// (the computer slept or the process was stopped).
pub fn pack(session: &pack::Session, span: &Span) -> Record {
    let started = session.started().unwrap_or(span.end_moment);
    let missed: Vec<String> = session
        .switches()
        .iter()
        .filter(|sw| sw.late >= pack::AWAY_AFTER)
        .map(|sw| {
            let at = crate::moment::wall_at(sw.at, (started, span.start));
            let when = crate::moment::time_of_day(at, &span.tz);
            let what = sw
                .to
                .and_then(|i| session.phases().get(i))
                .map_or("the end".to_owned(), |p| p.kind.label().to_owned());
            format!("{what} at {when}")
        })
        .collect();
    let plan = session.plan();
    let kind = SessionKind::of(plan.mode);
    // Run to its end with nothing applied (every application skipped) is not
    // a finished session.
    let finished = crate::words::pack_complete(session);
    let active = session.active_time(span.end_moment).as_secs();
    Record {
        v: VERSION,
        kind,
        name: format!("{} timer", plan.mode.name()),
        routine: None,
        hash: None,
        start: rfc3339(span.start, &span.tz),
        end: rfc3339(span.end, &span.tz),
        active_seconds: active,
        outcome: if finished {
            Outcome::Finished
        } else {
            Outcome::Stopped
        },
        stopped_at: session
            .current()
            .map(|p| format!("{}, cycle {}", p.kind.label(), p.cycle)),
        exercises: Vec::new(),
        pain_before: None,
        pain_after: None,
        applications_done: u32::try_from(session.applications_done()).ok(),
        applications_planned: u32::try_from(session.applications()).ok(),
        applications_skipped: u32::try_from(session.applications_skipped())
            .ok()
            .filter(|n| *n > 0),
        applied_seconds: session
            .applied(span.end_moment)
            .iter()
            .map(std::time::Duration::as_secs)
            .collect(),
        missed_switches: missed,
    }
}
