//! `supple episode`: when the back pain began, which day of it this is, and its end.

use std::io::Write;
use std::process::ExitCode;

use super::complete;
use super::{CliError, Ctx, data_dir, line, questions, readable_log, resume, routines, write_json};
use crate::core::duration::spoken;
use crate::core::episode::{self as ep, Answers, Episode, EpisodeRecord};
use crate::core::today::Brief;
use crate::core::history::build::rfc3339 as stamp;
use crate::core::plan::bound;
use crate::core::red_flags::{Sign, Tier};

/// The episode of back pain: when it began, which day of it this is.
///
/// `supple episode start` when the pain begins (asks the red-flag questions, one
/// sign at a time), `supple episode` to see the day and stage, `supple episode
/// checked` once a doctor or nurse has seen you after a "yes", `supple episode
/// end` when it has settled, `supple episode list` for the past ones. During the
/// episode supple asks the emergency signs again once a week and on day 14.
#[derive(Debug, clap::Args)]
#[command(after_help = crate::core::red_flags::help_footer())]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<EpisodeCmd>,
}

#[derive(Debug, clap::Subcommand)]
pub enum EpisodeCmd {
    /// The pain began now (or --ago, or --at): the plan counts from then.
    Start {
        /// How long ago it began (for example 30h, 2d).
        #[arg(long, value_name = "DURATION", value_parser = super::values::since, conflicts_with = "at")]
        ago: Option<std::time::Duration>,
        /// When it began: "2026-11-30 18:00" (local time), "18:00" (the last one), or RFC 3339.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// The plan to follow (default back-spasm; `supple plans` lists them).
        #[arg(long, value_name = "PLAN", add = complete::plan())]
        plan: Option<String>,
    },
    /// It has settled: the open episode ends now.
    End,
    /// You have been checked by a doctor or a nurse since answering yes to a
    /// red-flag question: Today offers the plan again.
    Checked,
    /// Every episode, newest first, with how long it lasted.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let action = args.action;
    let dir = data_dir(ctx)?;
    let records = readable_log(ctx)?
        .map(crate::ctx::ReadLog::episodes)
        .unwrap_or_default();
    // Starting or ending one: under the episode lock, from the log as it is now.
    let (_lock, fresh);
    let records = if matches!(
        action,
        Some(EpisodeCmd::Start { .. } | EpisodeCmd::End | EpisodeCmd::Checked)
    ) {
        (_lock, fresh) = super::episodes_locked(ctx, dir)?;
        fresh.as_slice()
    } else {
        records
    };
    let (now, tz) = (ctx.now, &ctx.tz);
    let mut out = ctx.out();
    let out = &mut *out;
    match action {
        None => {
            let log = readable_log(ctx)?;
            let sessions = log.map(|l| l.sessions(ctx.now)).unwrap_or_default();
            let mut open = ep::open(records);
            if let Some(e) = &mut open {
                questions::ask_due(ctx, out, dir, e)?;
            }
            show(ctx, out, open.as_ref(), &sessions)
        }
        Some(EpisodeCmd::Checked) => {
            let Some(open) = ep::open(records) else {
                return Err(CliError::failed(
                    "no episode is open, so there is no answer to mark as checked",
                ));
            };
            if open.screening.tier().is_none() {
                line(
                    out,
                    "No red-flag answer of this episode is waiting for a check; nothing recorded.",
                )?;
                return Ok(ExitCode::SUCCESS);
            }
            questions::append(dir, &EpisodeRecord::checked(&stamp(now, tz)))?;
            line(
                out,
                "Recorded: you have been checked. Today offers the plan again; supple asks the emergency questions again in a week.",
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(EpisodeCmd::List { json }) => list(out, &ep::episodes(records), now, tz, json),
        Some(EpisodeCmd::End) => {
            let Some(open) = ep::open(records) else {
                return Err(CliError::failed(
                    "no episode is open (`supple episode list` shows the past ones)",
                ));
            };
            questions::append(dir, &EpisodeRecord::end(&stamp(now, tz)))?;
            line(
                out,
                &format!(
                    "Episode ended, after {}. `supple episode list` keeps it; `supple episode start` if it comes back.",
                    spoken(open.since(now))
                ),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(EpisodeCmd::Start { ago, at, plan }) => {
            if let Some(open) = ep::open(records) {
                return Err(CliError::failed(format!(
                    "an episode is already open: day {}, the pain began {}. `supple episode end` first if this is a new one",
                    open.day(now),
                    when(open.onset, now, tz)
                )));
            }
            let onset = match (ago, at) {
                (Some(ago), _) => {
                    if ago > ep::MAX_AGO {
                        return Err(CliError::usage(
                            "--ago is over a year: an episode is one bout of pain, counted from when it began",
                        ));
                    }
                    let back = jiff::SignedDuration::try_from(ago).unwrap_or_default();
                    now.checked_sub(back).unwrap_or(now)
                }
                (None, Some(at)) => ep::parse_onset(&at, now, tz)
                    .map_err(|e| CliError::usage(format!("--at {e}")))?,
                (None, None) => now,
            };
            let plan_name = plan.unwrap_or_else(|| ep::DEFAULT_PLAN.to_owned());
            let plan = match ctx.plans.resolve(&plan_name, &ctx.library) {
                Some(entry) => match entry.plan {
                    Ok(p) => p,
                    Err(e) => return Err(routines::diagnosed(&e, &entry.source, "plan")),
                },
                None => {
                    return Err(CliError::failed(format!(
                        "there is no plan '{plan_name}' (`supple plans` lists them)"
                    )));
                }
            };
            // The start first ("not asked" until answered), then each round of
            // answers as it is given: a "yes" is never held back.
            let record = EpisodeRecord::start(
                &stamp(now, tz),
                &stamp(onset, tz),
                (plan_name != ep::DEFAULT_PLAN).then_some(plan_name.as_str()),
                Answers::not_asked(),
            );
            questions::append(dir, &record)?;
            questions::questions(ctx, out, &Sign::ALL, &mut |answers| {
                questions::append(dir, &EpisodeRecord::answers(&stamp(now, tz), answers))
            })?;
            let episode = ep::episodes(std::slice::from_ref(&record)).pop();
            let Some(episode) = episode else {
                return Err(CliError::failed(format!(
                    "the episode's start was recorded in {} but cannot be read back; `supple episode` shows what the log holds",
                    dir.display()
                )));
            };
            line(out, "")?;
            line(
                out,
                &format!(
                    "Episode started: the pain began {}. This is day {}.",
                    when(onset, now, tz),
                    episode.day(now)
                ),
            )?;
            if let Some((_, stage)) = plan.stage_at(episode.since(now)) {
                line(out, &format!("Stage: {} ({}).", stage.name, plan.name))?;
            }
            line(
                out,
                "`supple today` (or `supple`) shows what to do today; `supple episode end` when it has settled.",
            )?;
            // Only once the start is said: the activities are optional.
            super::activities::name_new(ctx, out, dir, 0)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn show(
    ctx: &Ctx,
    out: &mut dyn Write,
    open: Option<&Episode>,
    sessions: &[Brief],
) -> Result<ExitCode, CliError> {
    let (now, tz) = (ctx.now, &ctx.tz);
    let Some(e) = open else {
        line(out, "No episode is open.")?;
        line(
            out,
            "When back pain begins: supple episode start (or --ago 30h, or --at \"2026-11-30 18:00\"), and supple shows what to do each day.",
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    line(
        out,
        &format!(
            "Day {} of this episode: the pain began {}.",
            e.day(now),
            when(e.onset, now, tz)
        ),
    )?;
    match ctx.plans.resolve(&e.plan, &ctx.library).map(|p| p.plan) {
        Some(Ok(plan)) => match plan.stage_at(e.since(now)) {
            Some((_, stage)) => {
                let until = stage.until.map_or_else(|| "on".to_owned(), bound);
                line(
                    out,
                    &format!(
                        "Stage: {} ({} to {}, plan '{}').",
                        stage.name,
                        bound(stage.from),
                        until,
                        e.plan
                    ),
                )?;
                for a in &stage.advice {
                    line(out, &format!("  - {a}"))?;
                }
            }
            None => line(
                out,
                &format!("The plan '{}' has no stage this late.", e.plan),
            )?,
        },
        Some(Err(err)) => line(
            out,
            &format!("The plan '{}' has errors: {}", e.plan, err.headline()),
        )?,
        None => line(
            out,
            &format!(
                "The plan '{}' is not there any more (`supple plans`).",
                e.plan
            ),
        )?,
    }
    if let Some(alert) = crate::core::today::alert(e, tz) {
        line(out, "")?;
        for l in alert.lines(true, "supple episode checked") {
            line(out, &format!("! {l}"))?;
        }
    }
    line(out, "")?;
    for (_, l) in e.screening.describe(tz) {
        line(out, &l)?;
    }
    for s in crate::core::today::safety(Some(e), sessions, now) {
        line(out, &format!("! {s}"))?;
    }
    line(out, "`supple today` shows what to do today.")?;
    Ok(ExitCode::SUCCESS)
}

#[derive(serde::Serialize)]
struct ListItem {
    onset: String,
    ended: Option<String>,
    seconds: u64,
    plan: String,
    red_flags: RedFlagsJson,
}

/// The red-flag questions of an episode, for `--json`: "not asked" is a state of
/// its own, never a list of no answers.
#[derive(serde::Serialize)]
struct RedFlagsJson {
    /// "asked", "not_asked", or "old_form" (combined questions of supple before
    /// version 2, asked again sign by sign at the next start).
    state: &'static str,
    first_asked: Option<String>,
    rounds: Vec<RoundJson>,
    old_form_yes: Vec<ep::LegacyFlag>,
    checked: Vec<String>,
    /// The most urgent tier of the answers that stand ("emergency", "same_day").
    standing: Option<&'static str>,
}

#[derive(serde::Serialize)]
struct RoundJson {
    at: String,
    asked: Vec<Sign>,
    yes: Vec<Sign>,
    together: bool,
}

fn red_flags_json(e: &Episode, tz: &jiff::tz::TimeZone) -> RedFlagsJson {
    let s = &e.screening;
    let state = if !s.rounds.is_empty() {
        "asked"
    } else if s.old_form {
        "old_form"
    } else {
        "not_asked"
    };
    RedFlagsJson {
        state,
        first_asked: s.first_asked().map(|t| stamp(t, tz)),
        rounds: s
            .rounds
            .iter()
            .map(|r| RoundJson {
                at: stamp(r.at, tz),
                asked: r.answers.asked.clone(),
                yes: r.answers.yes.clone(),
                together: r.answers.together,
            })
            .collect(),
        old_form_yes: s.legacy.clone(),
        checked: s.checked.iter().map(|t| stamp(*t, tz)).collect(),
        standing: s.tier().map(Tier::word),
    }
}

fn list(
    out: &mut dyn Write,
    all: &[Episode],
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
    json: bool,
) -> Result<ExitCode, CliError> {
    if json {
        let items: Vec<ListItem> = all
            .iter()
            .map(|e| ListItem {
                onset: stamp(e.onset, tz),
                ended: e.ended.map(|t| stamp(t, tz)),
                seconds: e.since(now).as_secs(),
                plan: e.plan.clone(),
                red_flags: red_flags_json(e, tz),
            })
            .collect();
        write_json(out, &items)?;
        return Ok(ExitCode::SUCCESS);
    }
    if all.is_empty() {
        line(
            out,
            "No episodes yet. `supple episode start` when back pain begins.",
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    // Each column as wide as its widest cell, so the columns line up.
    let rows: Vec<(String, String, String)> = all
        .iter()
        .rev()
        .map(|e| {
            let began = e
                .onset
                .to_zoned_datetime(tz.clone())
                .strftime("%a %d %b %Y %H:%M")
                .to_string();
            let lasted = match e.ended {
                Some(_) => spoken(e.since(now)),
                None => format!("open, day {}", e.day(now)),
            };
            let standing = e.screening.standing();
            let flags = if standing.is_empty() {
                String::new()
            } else {
                let said: Vec<&str> = standing.iter().map(|s| s.what.as_str()).collect();
                format!("  (said yes to: {})", said.join(", "))
            };
            (began, lasted, format!("{}{flags}", e.plan))
        })
        .collect();
    let width = |cells: &mut dyn Iterator<Item = &String>, head: &str| {
        cells
            .map(|c| crate::core::text::width(c))
            .chain([head.len()])
            .max()
            .unwrap_or(0)
    };
    let began_w = width(&mut rows.iter().map(|r| &r.0), "BEGAN");
    let lasted_w = width(&mut rows.iter().map(|r| &r.1), "LASTED");
    let pad = crate::core::text::pad;
    line(
        out,
        &format!(
            "{}  {}  PLAN",
            pad("BEGAN", began_w),
            pad("LASTED", lasted_w)
        ),
    )?;
    for (began, lasted, plan) in &rows {
        line(
            out,
            &format!("{}  {}  {plan}", pad(began, began_w), pad(lasted, lasted_w)),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// "30 hours ago, on Mon 30 Nov at 08:00" / "just now".
fn when(t: jiff::Timestamp, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let ago = std::time::Duration::try_from(now.duration_since(t)).unwrap_or_default();
    if ago < std::time::Duration::from_secs(60) {
        return "just now".into();
    }
    format!(
        "{} ago, {}",
        spoken(ago),
        resume::when_started_in(t, now, tz)
    )
}
