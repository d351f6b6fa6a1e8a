//! `supple episode`: when the back pain began, which day of it this is, and its end.

use super::*;
use crate::core::duration::spoken;
use crate::core::episode::{self as ep, Episode, EpisodeRecord, Flag};
use crate::core::history::build::rfc3339 as stamp;
use crate::core::plan::bound;
use crate::store::plans::Plans;

/// What `supple episode` was asked to do.
#[derive(Debug, Clone)]
pub enum EpisodeAction {
    /// The open episode, if any.
    Show,
    /// A new one, begun `ago` before now or `at` a time (else now), under `plan`.
    Start {
        ago: Option<std::time::Duration>,
        at: Option<String>,
        plan: Option<String>,
    },
    End,
    List {
        json: bool,
    },
}

pub(crate) fn episode(
    out: &mut dyn Write,
    library: &Library,
    action: EpisodeAction,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    let Some(dir) = data else {
        return Err(CliError::failed(
            "no folder for the history log ($HOME is not set); use --data-dir",
        ));
    };
    let records = readable_log(data)?
        .map(|l| l.episodes.as_slice())
        .unwrap_or_default();
    // Starting or ending one: under the episode lock, from the log as it is now.
    let (_lock, fresh);
    let records = if matches!(action, EpisodeAction::Start { .. } | EpisodeAction::End) {
        (_lock, fresh) = episodes_locked(dir)?;
        fresh.as_slice()
    } else {
        records
    };
    let now = jiff::Timestamp::now();
    let tz = jiff::tz::TimeZone::system();
    match action {
        EpisodeAction::Show => {
            let sessions = readable_log(data)?
                .map(|l| l.records.as_slice())
                .unwrap_or_default();
            show(out, library, ep::open(records).as_ref(), sessions, now, &tz)
        }
        EpisodeAction::List { json } => list(out, &ep::episodes(records), now, &tz, json),
        EpisodeAction::End => {
            let Some(open) = ep::open(records) else {
                return Err(CliError::failed(
                    "no episode is open (`supple episode list` shows the past ones)",
                ));
            };
            append(dir, &EpisodeRecord::end(&stamp(now, &tz)))?;
            line(
                out,
                &format!(
                    "Episode ended, after {}. `supple episode list` keeps it; `supple episode start` if it comes back.",
                    spoken(open.since(now))
                ),
            )?;
            Ok(0)
        }
        EpisodeAction::Start { ago, at, plan } => {
            if let Some(open) = ep::open(records) {
                return Err(CliError::failed(format!(
                    "an episode is already open: day {}, the pain began {}. `supple episode end` first if this is a new one",
                    open.day(now),
                    when(open.onset, now, &tz)
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
                (None, Some(at)) => ep::parse_onset(&at, now, &tz)
                    .map_err(|e| CliError::usage(format!("--at {e}")))?,
                (None, None) => now,
            };
            let plan_name = plan.unwrap_or_else(|| ep::DEFAULT_PLAN.to_owned());
            let plan = match Plans::from_env().resolve(&plan_name, library) {
                Some(entry) => match entry.plan {
                    Ok(p) => p,
                    Err(e) => {
                        report_plan(&e, &entry.source);
                        return Ok(1);
                    }
                },
                None => {
                    return Err(CliError::failed(format!(
                        "there is no plan '{plan_name}' (`supple plans` lists them)"
                    )));
                }
            };
            let flags = questions(out)?;
            let record = EpisodeRecord::start(
                &stamp(now, &tz),
                &stamp(onset, &tz),
                (plan_name != ep::DEFAULT_PLAN).then_some(plan_name.as_str()),
                flags,
            );
            append(dir, &record)?;
            let episode = ep::episodes(std::slice::from_ref(&record)).pop();
            let Some(episode) = episode else {
                return Ok(1);
            };
            line(out, "")?;
            line(
                out,
                &format!(
                    "Episode started: the pain began {}. This is day {}.",
                    when(onset, now, &tz),
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
            Ok(0)
        }
    }
}

/// The red-flag questions, one at a time; the ones answered yes. With nobody to
/// answer (standard input closed), the list is printed instead.
fn questions(out: &mut dyn Write) -> Result<Vec<Flag>, CliError> {
    let mut yes = Vec::new();
    {
        let mut err = io::stderr().lock();
        let _ = writeln!(
            err,
            "A few questions first, once (Enter is no). supple is self-care support, not a diagnosis."
        );
    }
    for flag in Flag::ALL {
        match ask(flag.question(), false) {
            Some(true) => {
                yes.push(flag);
                let mut err = io::stderr().lock();
                let _ = writeln!(err, "  {}", flag.advice());
            }
            Some(false) => {}
            None => {
                let mut err = io::stderr().lock();
                let _ = writeln!(err);
                let _ = writeln!(
                    err,
                    "Not asked (nothing to read the answers from). {}",
                    crate::core::guidance::SEE_A_DOCTOR
                );
                for f in crate::core::guidance::RED_FLAGS {
                    let _ = writeln!(err, "  - {f}");
                }
                break;
            }
        }
    }
    if yes.iter().any(|f| f.urgent()) {
        line(out, "")?;
        line(out, crate::core::guidance::EMERGENCY)?;
    } else if !yes.is_empty() {
        line(out, "")?;
        line(out, crate::core::guidance::FLAG_ANSWERED)?;
    }
    if !yes.is_empty() {
        line(
            out,
            "The episode is recorded with your answers, and Today keeps this in view.",
        )?;
    }
    Ok(yes)
}

fn show(
    out: &mut dyn Write,
    library: &Library,
    open: Option<&Episode>,
    sessions: &[Record],
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<u8, CliError> {
    let Some(e) = open else {
        line(out, "No episode is open.")?;
        line(
            out,
            "When back pain begins: supple episode start (or --ago 30h, or --at \"2026-11-30 18:00\"), and supple shows what to do each day.",
        )?;
        return Ok(0);
    };
    line(
        out,
        &format!(
            "Day {} of this episode: the pain began {}.",
            e.day(now),
            when(e.onset, now, tz)
        ),
    )?;
    match Plans::from_env().resolve(&e.plan, library).map(|p| p.plan) {
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
    for s in crate::core::today::safety(Some(e), sessions, now) {
        line(out, &format!("! {s}"))?;
    }
    line(out, "`supple today` shows what to do today.")?;
    Ok(0)
}

#[derive(serde::Serialize)]
struct ListItem {
    onset: String,
    ended: Option<String>,
    seconds: u64,
    plan: String,
    flags: Vec<Flag>,
}

fn list(
    out: &mut dyn Write,
    all: &[Episode],
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
    json: bool,
) -> Result<u8, CliError> {
    if json {
        let items: Vec<ListItem> = all
            .iter()
            .map(|e| ListItem {
                onset: stamp(e.onset, tz),
                ended: e.ended.map(|t| stamp(t, tz)),
                seconds: e.since(now).as_secs(),
                plan: e.plan.clone(),
                flags: e.flags.clone(),
            })
            .collect();
        write_json(out, &items)?;
        return Ok(0);
    }
    if all.is_empty() {
        line(
            out,
            "No episodes yet. `supple episode start` when back pain begins.",
        )?;
        return Ok(0);
    }
    line(out, "BEGAN              LASTED               PLAN")?;
    for e in all.iter().rev() {
        let began = e
            .onset
            .to_zoned_datetime(tz.clone())
            .strftime("%a %d %b %Y %H:%M")
            .to_string();
        let lasted = match e.ended {
            Some(_) => spoken(e.since(now)),
            None => format!("open, day {}", e.day(now)),
        };
        let flags = if e.flags.is_empty() {
            String::new()
        } else {
            let said: Vec<&str> = e.flags.iter().map(|f| f.label()).collect();
            format!("  (said yes to: {})", said.join(", "))
        };
        line(out, &format!("{began}  {lasted:<19}  {}{flags}", e.plan))?;
    }
    Ok(0)
}

/// "30 hours ago, on Mon 30 Nov at 08:00" / "just now".
fn when(t: jiff::Timestamp, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let ago = std::time::Duration::try_from(now.duration_since(t)).unwrap_or_default();
    if ago < std::time::Duration::from_secs(60) {
        return "just now".into();
    }
    format!("{} ago, {}", spoken(ago), when_started(t, tz))
}

fn append(dir: &Path, record: &EpisodeRecord) -> Result<(), CliError> {
    crate::store::log::append_episode(dir, record)
        .map(|_| ())
        .map_err(|e| CliError::failed(e.report().join("\n")))
}
