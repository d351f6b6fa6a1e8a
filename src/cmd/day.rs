//! Today's plan as lines or JSON: what the plan asks on this day of the episode,
//! what is done, and the next step (`supple today`; `supple` outside a
//! terminal; the home screen shows the same panel).

use serde::Serialize;

use super::{CliError, Ctx, episode_plan, line, questions, write_json};
use crate::core::plan::Plan;
use crate::core::today::{self as day, Next, Today};
use crate::store::library::Library;

/// Today's plan as lines (or JSON) on the run's output: `supple today`, and
/// `supple` outside a terminal.
pub(crate) fn write(ctx: &Ctx, json: bool) -> Result<(), CliError> {
    let (now, tz) = (ctx.now, &ctx.tz);
    let library = &ctx.library;
    let data = ctx.data();
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
        let mut err = ctx.err();
        for w in log.skips.warnings(path, 5) {
            let _ = writeln!(err, "supple: warning: {w}");
        }
    }
    let sessions = log.sessions.as_slice();
    let mut out = ctx.out();
    let out = &mut *out;
    let mut episode = crate::core::episode::open(&log.episodes);
    if let (false, Some(e), Some(dir)) = (json, &mut episode, data) {
        questions::ask_due(ctx, out, dir, e)?;
        super::activities::ask_pain_due(ctx, out, dir, &log.marks, e)?;
        super::activities::ask_due(ctx, out, dir, &log.marks, e)?;
    }
    let safety = day::safety(episode.as_ref(), sessions, now);
    let Some(episode) = episode else {
        if json {
            write_json(out, &Json::none(safety))?;
            return Ok(());
        }
        line(out, "No episode is open, so there is no plan for today.")?;
        line(
            out,
            "When back pain begins: supple episode start (or --ago 30h), and this shows what to do each day.",
        )?;
        for s in &safety {
            line(out, &format!("! {s}"))?;
        }
        return Ok(());
    };
    let plan = match episode_plan(ctx, &episode) {
        Ok(plan) => plan,
        Err(why) => return Err(CliError::failed(why)),
    };
    let t = day::today(&plan, &episode, sessions, now, tz);
    if json {
        let mut json = Json::of(&t, &plan, library, tz, safety);
        json.alert = day::alert(&episode, tz).map(|a| AlertJson {
            tier: a.tier.word(),
            said: a.said,
            action: a.action,
        });
        write_json(out, &json)?;
        return Ok(());
    }
    if let Some(alert) = day::alert(&episode, tz) {
        for l in alert.lines(true, "supple episode checked") {
            line(out, &format!("! {l}"))?;
        }
        line(out, "")?;
    }
    for l in lines(&t, &plan, library, tz, &safety) {
        line(out, &l)?;
    }
    Ok(())
}

use crate::app::today_command as command;
use crate::store::today::label;

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
