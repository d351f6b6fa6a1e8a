//! What counts as done, one rule for Today, the report and reminders (see the
//! module above): a routine finished or mostly done, a pack's applications on
//! long enough, the minutes walked.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::{COUNTS_FROM, Session};
use crate::history::SessionKind;
use crate::plan::{Activity, Item};

/// The sessions that ended at `earliest` or later, with their end times, read
/// from the end of the log back. The log is appended as sessions end, so it is in
/// order of end time but for clocks set back or two supples at once: the reading
/// stops a day past the first older one, not at it.
pub fn recent<S: Session>(sessions: &[S], earliest: Timestamp) -> Vec<(&S, Timestamp)> {
    reading_back(sessions, earliest)
        .map(|(_, r, end)| (r, end))
        .collect()
}

/// Where in `sessions` the ones [`recent`] gives are, in the same order: for a
/// reader that keeps them without copying them (nor listing them first).
pub fn recent_at<S: Session>(
    sessions: &[S],
    earliest: Timestamp,
) -> impl Iterator<Item = usize> + '_ {
    reading_back(sessions, earliest).map(|(i, _, _)| i)
}

/// [`recent`]'s reading, each session with its place.
fn reading_back<S: Session>(
    sessions: &[S],
    earliest: Timestamp,
) -> impl Iterator<Item = (usize, &S, Timestamp)> {
    let stop = earliest - SignedDuration::from_hours(24);
    sessions
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, r)| r.end().map(|end| (i, r, end)))
        .take_while(move |(_, _, end)| *end >= stop)
        .filter(move |(_, _, end)| *end >= earliest)
}

/// What a session must be to count for an item, worked out once for the item
/// (a week's window is read once for each item).
pub(super) enum Counts<'a> {
    /// A routine by the name it is logged under.
    Routine(&'a str),
    Walk,
    /// A pack of this kind, or of any kind when `None`.
    Pack(Option<SessionKind>),
}

impl<'a> Counts<'a> {
    pub(super) fn of(item: &'a Item) -> Counts<'a> {
        match &item.activity {
            Activity::Routine(name) => Counts::Routine(routine_id(name)),
            Activity::Walk(_) => Counts::Walk,
            Activity::Pack(p) => Counts::Pack((!p.either).then(|| SessionKind::of(p.treatment))),
        }
    }
}

/// How many of an item (what [`Counts`] it) the session `r` is: a routine once
/// if it counts ([`enough`]), a pack its applications that count
/// ([`applications_counted`] against `on`). Walks count minutes instead
/// ([`walked_in`]).
pub(super) fn counted(counts: &Counts<'_>, r: &impl Session, on: Duration) -> u32 {
    match counts {
        Counts::Routine(id) => {
            u32::from(r.kind() == SessionKind::Routine && r.routine() == Some(*id) && enough(r))
        }
        Counts::Walk => 0,
        Counts::Pack(kind) => {
            let kind = match kind {
                Some(kind) => r.kind() == *kind,
                None => matches!(
                    r.kind(),
                    SessionKind::Ice | SessionKind::Heat | SessionKind::Contrast
                ),
            };
            if kind { applications_counted(r, on) } else { 0 }
        }
    }
}

/// The applications of a pack session that count: those whose time on reached
/// [`COUNTS_FROM`] of `on`. A record from before supple kept each application's
/// time counts the applications it says were done.
pub fn applications_counted(r: &impl Session, on: Duration) -> u32 {
    let applied = r.applied_seconds();
    if applied.is_empty() {
        return r.applications_done().unwrap_or(0);
    }
    let least = on.as_secs_f64() * COUNTS_FROM;
    let n = applied.iter().filter(|s| **s as f64 >= least).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The time walked in `r`, if it is a walk: its timed work done (whether it
/// was finished or stopped), else its running time.
pub fn walked_in(r: &impl Session) -> Duration {
    Duration::from_secs(r.walked())
}

/// The name a routine is logged under: a path's file stem, else the name.
pub fn routine_id(name: &str) -> &str {
    if name.ends_with(".toml") || name.contains('/') {
        std::path::Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(name)
    } else {
        name
    }
}

/// Finished, or stopped with at least [`COUNTS_FROM`] of its timed work done
/// (reps, for a self-paced routine).
pub fn enough(r: &impl Session) -> bool {
    r.enough()
}
