//! `supple today`: what the plan asks on this day of the episode, what is done,
//! and the next step (lines or JSON; the home screen shows the same panel).

use super::*;
use crate::core::episode::Episode;
use crate::core::plan::{Activity, Item, Plan};
use crate::core::today::{self as day, Next, Today};
use crate::store::plans::Plans;
use serde::Serialize;

/// `supple today`: the home screen with its Today panel on a terminal, else lines.
pub(crate) fn today_cmd(
    library: &Library,
    data: Option<&Path>,
    plain: bool,
    json: bool,
) -> Result<u8, CliError> {
    if !plain && !json && tui::term::available() {
        let (entries, warnings) = library.entries();
        let settings = Settings {
            pain: config_file().config.pain.unwrap_or(true),
            ..Settings::default()
        };
        let mut app = new_app(entries, warnings, settings, data, Launch::Browse);
        let clock = BootClock::new();
        add_today(&mut app, library, data, &clock);
        app.set_daily_pain_due(daily_pain_due(data));
        app.set_function_due(function::due(data));
        app.ask_if_due(clock.now());
        if app.home().today().is_none() {
            app.notify(
                "No episode is open: supple episode start, when back pain begins",
                clock.now(),
            );
        }
        return full_screen(&mut app, &clock, data, None);
    }
    today(&mut io::stdout().lock(), library, data, json)
}

pub(crate) fn today(
    out: &mut dyn Write,
    library: &Library,
    data: Option<&Path>,
    json: bool,
) -> Result<u8, CliError> {
    let now = jiff::Timestamp::now();
    let tz = jiff::tz::TimeZone::system();
    // Only the recent end of the log and its episodes are read (a long history
    // costs a scan, not a parse of every session).
    let since = now - jiff::SignedDuration::from_hours(9 * 24);
    let path = data.map(crate::store::log::log_path);
    let log = match path
        .as_deref()
        .map(|p| crate::store::log::read_recent(p, since))
    {
        Some(Ok(log)) => log,
        Some(Err(e)) => {
            return Err(CliError::failed(format!(
                "cannot read the history log: {e}"
            )));
        }
        None => crate::core::history::Log::default(),
    };
    // Lines that could not be read are said, as `supple history` says them.
    if let (false, Some(path)) = (json, &path) {
        let mut err = io::stderr().lock();
        for w in log.skips.warnings(path, 5) {
            let _ = writeln!(err, "supple: warning: {w}");
        }
    }
    let sessions = log.sessions.as_slice();
    let mut episode = crate::core::episode::open(&log.episodes);
    if let (false, Some(e), Some(dir)) = (json, &mut episode, data) {
        super::episode::ask_due(out, dir, e, now, &tz)?;
        super::note::ask_pain_due(out, dir, &log.marks, e, now, &tz)?;
        super::function::ask_due(out, dir, &log.marks, e, now, &tz)?;
    }
    let safety = day::safety(episode.as_ref(), sessions, now);
    let Some(episode) = episode else {
        if json {
            write_json(out, &Json::none(safety))?;
            return Ok(0);
        }
        line(out, "No episode is open, so there is no plan for today.")?;
        line(
            out,
            "When back pain begins: supple episode start (or --ago 30h), and this shows what to do each day.",
        )?;
        for s in &safety {
            line(out, &format!("! {s}"))?;
        }
        return Ok(0);
    };
    let plan = match episode_plan(library, &episode) {
        Ok(plan) => plan,
        Err(why) => return Err(CliError::failed(why)),
    };
    let t = day::today(&plan, &episode, sessions, now, &tz);
    if json {
        let mut json = Json::of(&t, &plan, library, &tz, safety);
        json.alert = day::alert(&episode, &tz).map(|a| AlertJson {
            tier: a.tier.word(),
            said: a.said,
            action: a.action,
        });
        write_json(out, &json)?;
        return Ok(0);
    }
    if let Some(alert) = day::alert(&episode, &tz) {
        for l in alert.lines(true, "supple episode checked") {
            line(out, &format!("! {l}"))?;
        }
        line(out, "")?;
    }
    for l in lines(&t, &plan, library, &tz, &safety) {
        line(out, &l)?;
    }
    Ok(0)
}

/// Today's plan as of `now`, read from the end of the log only, handed to `f`;
/// `None` without an open episode. (`supple status` and `supple remind fire`.)
/// A log that cannot be read is an error, never "no episode".
pub(crate) fn with_today<R>(
    library: &Library,
    data: Option<&Path>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
    f: impl FnOnce(&crate::core::today::Today<'_>) -> R,
) -> Result<Option<R>, CliError> {
    // Today's sessions (and yesterday's, for a min_gap over midnight) first; the
    // week's only when the stage asks for something so many times a week.
    let Some(dir) = data else {
        return Ok(None);
    };
    let path = crate::store::log::log_path(dir);
    let midnight = now
        .to_zoned_datetime(tz.clone())
        .start_of_day()
        .map_or(now, |z| z.timestamp());
    let mut log = read_tail(&path, midnight - jiff::SignedDuration::from_hours(24))?;
    let Some(episode) = crate::core::episode::open(&log.episodes) else {
        return Ok(None);
    };
    let Ok(plan) = episode_plan(library, &episode) else {
        return Ok(None);
    };
    let weekly = plan.stage_at(episode.since(now)).is_some_and(|(_, s)| {
        s.items
            .iter()
            .any(|i| matches!(i.often, crate::core::plan::Often::PerWeek(_)))
    });
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

/// The end of the log at `path` (see [`crate::store::log::read_tail`]), or an
/// error that names it.
pub(crate) fn read_tail(
    path: &Path,
    since: jiff::Timestamp,
) -> Result<crate::core::history::Log, CliError> {
    crate::store::log::read_tail(path, since).map_err(|e| {
        CliError::failed(format!(
            "the history log {} cannot be read: {e}; move it away or fix it (supple never changes it)",
            path.display()
        ))
    })
}

/// The plan an episode follows, checked, its packs' `on` the config file's.
pub(crate) fn episode_plan(library: &Library, episode: &Episode) -> Result<Plan, String> {
    match Plans::from_env().resolve(&episode.plan, library) {
        Some(entry) => entry
            .plan
            .map(|p| p.with_pack_on(config_file().config.pack_on))
            .map_err(|e| {
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
pub(crate) fn label(item: &Item, library: &Library) -> String {
    match &item.activity {
        Activity::Routine(name) => library
            .resolve(name)
            .ok()
            .and_then(|e| e.routine.ok())
            .map_or_else(|| name.clone(), |r| r.name),
        other => other.label(),
    }
}

pub(crate) use crate::app::today_command as command;

fn lines(
    t: &Today<'_>,
    plan: &Plan,
    library: &Library,
    tz: &jiff::tz::TimeZone,
    safety: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    let Some((_, stage)) = t.stage else {
        out.push(format!(
            "Day {} of this episode: the plan '{}' has no stage this late.",
            t.day, plan.name
        ));
        return out;
    };
    out.push(format!("Day {} of this episode: {}", t.day, stage.name));
    if let Some(line) = plan.daily_line(t.day) {
        out.push(format!("  {line}"));
    }
    for a in &stage.advice {
        out.push(format!("  - {a}"));
    }
    out.push(String::new());
    for (i, it) in t.items.iter().enumerate() {
        let mark = if it.complete() { "[x]" } else { "[ ]" };
        let text = it.text(&label(it.item, library), tz);
        let here = if t.next == Next::Item(i) {
            "  <- next"
        } else {
            ""
        };
        out.push(format!("{mark} {text}{here}"));
        if it.open() {
            out.push(format!("      {}", command(it.item, t.pack_choice)));
        }
    }
    out.push(String::new());
    out.push(match t.next {
        Next::Item(i) => format!("Next: {}.", label(t.items[i].item, library)),
        Next::Wait(i, at) => format!(
            "Next: {} after {}.",
            label(t.items[i].item, library),
            crate::core::moment::time_of_day(at, tz)
        ),
        Next::Done => "All done for today. Keep moving gently.".to_owned(),
        Next::Emergency => "No exercise until you have been checked (see above).".to_owned(),
    });
    for s in safety {
        out.push(format!("! {s}"));
    }
    out
}

#[derive(Serialize)]
struct Json {
    episode: Option<EpisodeJson>,
    items: Vec<ItemJson>,
    next: Option<usize>,
    next_after: Option<String>,
    safety: Vec<String>,
    /// The red-flag answers that stand: what to do, and where.
    alert: Option<AlertJson>,
}

#[derive(Serialize)]
struct AlertJson {
    tier: &'static str,
    said: String,
    action: &'static str,
}

#[derive(Serialize)]
struct EpisodeJson {
    day: u64,
    seconds_since_onset: u64,
    plan: String,
    stage: Option<String>,
    /// The plan's line for this day.
    daily: Option<String>,
    advice: Vec<String>,
}

#[derive(Serialize)]
struct ItemJson {
    what: String,
    /// For a walk, whole walks of its length in the minutes walked.
    done: u32,
    needed: u32,
    /// For a walk, the minutes walked in its window.
    #[serde(skip_serializing_if = "Option::is_none")]
    minutes_walked: Option<u64>,
    /// Waiting for the pain to settle to this score or less (`pain_at_most`).
    #[serde(skip_serializing_if = "Option::is_none")]
    waits_for_pain: Option<u8>,
    window: &'static str,
    ready_at: Option<String>,
    command: String,
}

impl Json {
    fn none(safety: Vec<String>) -> Json {
        Json {
            episode: None,
            items: Vec::new(),
            next: None,
            next_after: None,
            safety,
            alert: None,
        }
    }

    fn of(
        t: &Today<'_>,
        plan: &Plan,
        library: &Library,
        tz: &jiff::tz::TimeZone,
        safety: Vec<String>,
    ) -> Json {
        let stamp = |at: jiff::Timestamp| crate::core::history::build::rfc3339(at, tz);
        Json {
            episode: Some(EpisodeJson {
                day: t.day,
                seconds_since_onset: t.since.as_secs(),
                plan: plan.name.clone(),
                stage: t.stage.map(|(_, s)| s.name.clone()),
                daily: plan.daily_line(t.day).map(str::to_owned),
                advice: t.stage.map(|(_, s)| s.advice.clone()).unwrap_or_default(),
            }),
            items: t
                .items
                .iter()
                .map(|i| ItemJson {
                    what: label(i.item, library),
                    done: i.done,
                    needed: i.needed,
                    minutes_walked: i.walked.map(|w| w.as_secs() / 60),
                    waits_for_pain: i.waits_for_pain,
                    window: i.window(),
                    ready_at: i.ready_at.map(stamp),
                    command: command(i.item, t.pack_choice),
                })
                .collect(),
            next: match t.next {
                Next::Item(i) | Next::Wait(i, _) => Some(i),
                Next::Done | Next::Emergency => None,
            },
            next_after: match t.next {
                Next::Wait(_, at) => Some(stamp(at)),
                _ => None,
            },
            safety,
            alert: None,
        }
    }
}
