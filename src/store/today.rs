//! Today's plan as the files say it: the plan an episode follows, and what the
//! day asks as of a time, from the recent end of the log only. `supple today`,
//! `supple status`, `supple remind fire` and the home screen all read it here.

use std::path::Path;
use std::time::Duration;

use crate::core::episode::Episode;
use crate::core::plan::{Activity, Item, Often, Plan};
use crate::core::today::Today;
use crate::store::library::Library;
use crate::store::plans::Plans;

/// The plan an episode follows, checked, its packs' `on` the config file's
/// (`pack_on`); else why not, in words.
pub fn episode_plan(
    plans: &Plans,
    library: &Library,
    episode: &Episode,
    pack_on: Option<Duration>,
) -> Result<Plan, String> {
    match plans.resolve(&episode.plan, library) {
        Some(entry) => entry.plan.map(|p| p.with_pack_on(pack_on)).map_err(|e| {
            format!(
                "the plan '{}' has errors ({}); `supple check {}` shows them",
                episode.plan,
                e.headline(),
                episode.plan
            )
        }),
        None => Err(format!(
            "this episode follows the plan '{}', which is not there any more (`supple plans` lists them)",
            episode.plan
        )),
    }
}

/// An item's name as Today says it: the routine's title, "Ice", "Walk 10m".
pub fn label(item: &Item, library: &Library) -> String {
    match &item.activity {
        Activity::Routine(name) => library
            .resolve(name)
            .ok()
            .and_then(|e| e.routine.ok())
            .map_or_else(|| name.clone(), |r| r.name),
        other => other.label(),
    }
}

/// The end of the log at `path` (see [`crate::store::log::read_tail`]), or why
/// not, naming it.
pub fn read_tail(path: &Path, since: jiff::Timestamp) -> Result<crate::core::history::Log, String> {
    crate::store::log::read_tail(path, since).map_err(|e| {
        format!(
            "the history log {} cannot be read: {e}; move it away or fix it (supple never changes it)",
            path.display()
        )
    })
}

/// Today's plan as of `now`, read from the end of the log in `dir` only, handed
/// to `f`; `None` without an open episode or a plan it can follow (`plan_for`).
/// A log that cannot be read is an error, never "no episode".
pub fn with_today<R>(
    dir: &Path,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
    plan_for: impl FnOnce(&Episode) -> Option<Plan>,
    f: impl FnOnce(&Today<'_>) -> R,
) -> Result<Option<R>, String> {
    // Today's sessions (and yesterday's, for a min_gap over midnight) first; the
    // week's only when the stage asks for something so many times a week.
    let path = crate::store::log::log_path(dir);
    let midnight = now
        .to_zoned_datetime(tz.clone())
        .start_of_day()
        .map_or(now, |z| z.timestamp());
    let mut log = read_tail(&path, midnight - jiff::SignedDuration::from_hours(24))?;
    let Some(episode) = crate::core::episode::open(&log.episodes) else {
        return Ok(None);
    };
    let Some(plan) = plan_for(&episode) else {
        return Ok(None);
    };
    let weekly = plan
        .stage_at(episode.since(now))
        .is_some_and(|(_, s)| s.items.iter().any(|i| matches!(i.often, Often::PerWeek(_))));
    if weekly {
        log = read_tail(&path, now - jiff::SignedDuration::from_hours(8 * 24))?;
    }
    // Heat or ice: the one last used this episode, however long ago (read only
    // when these days hold none).
    if crate::core::today::last_pack(&log.sessions).is_none() {
        log = read_tail(&path, episode.onset)?;
    }
    Ok(Some(f(&crate::core::today::today(
        &plan,
        &episode,
        &log.sessions,
        now,
        tz,
    ))))
}
