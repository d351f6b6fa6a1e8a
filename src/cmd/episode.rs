//! `supple episode`: when the back pain began, which day of it this is, and its end.

use super::*;
use crate::core::duration::spoken;
use crate::core::episode::{self as ep, Answers, Episode, EpisodeRecord};
use crate::core::history::build::rfc3339 as stamp;
use crate::core::plan::bound;
use crate::core::red_flags::{self, Sign, Tier};
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
    /// The person has been checked by a doctor or nurse since a "yes".
    Checked,
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
        .map(ReadLog::episodes)
        .unwrap_or_default();
    // Starting or ending one: under the episode lock, from the log as it is now.
    let (_lock, fresh);
    let records = if matches!(
        action,
        EpisodeAction::Start { .. } | EpisodeAction::End | EpisodeAction::Checked
    ) {
        (_lock, fresh) = episodes_locked(dir)?;
        fresh.as_slice()
    } else {
        records
    };
    let now = jiff::Timestamp::now();
    let tz = jiff::tz::TimeZone::system();
    match action {
        EpisodeAction::Show => {
            let log = readable_log(data)?;
            let sessions = log.map(|l| l.sessions(now)).unwrap_or_default();
            let mut open = ep::open(records);
            if let Some(e) = &mut open {
                ask_due(out, dir, e, now, &tz)?;
            }
            show(out, library, open.as_ref(), &sessions, now, &tz)
        }
        EpisodeAction::Checked => {
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
                return Ok(0);
            }
            append(dir, &EpisodeRecord::checked(&stamp(now, &tz)))?;
            line(
                out,
                "Recorded: you have been checked. Today offers the plan again; supple asks the emergency questions again in a week.",
            )?;
            Ok(0)
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
            // The start first ("not asked" until answered), then each round of
            // answers as it is given: a "yes" is never held back.
            let record = EpisodeRecord::start(
                &stamp(now, &tz),
                &stamp(onset, &tz),
                (plan_name != ep::DEFAULT_PLAN).then_some(plan_name.as_str()),
                Answers::not_asked(),
            );
            append(dir, &record)?;
            questions(out, &Sign::ALL, &mut |answers| {
                append(dir, &EpisodeRecord::answers(&stamp(now, &tz), answers))
            })?;
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
            // Only once the start is said: the activities are optional.
            super::function::ask_start(out, dir, now, &tz)?;
            Ok(0)
        }
    }
}

/// Asks `signs` one at a time on the terminal (standard error, answers from
/// standard input); a "yes" is answered at once with its tier's action. With nobody
/// to answer (standard input closed or not a terminal and empty), nothing is asked
/// and the result says so ([`Answers::not_asked`]); the list is printed instead.
/// `record` keeps each round: a "yes" with the answers before it at once (so that
/// a terminal closed before the last question loses nothing), then the rest.
pub(crate) fn questions(
    out: &mut dyn Write,
    signs: &[Sign],
    record: &mut dyn FnMut(Answers) -> Result<(), CliError>,
) -> Result<Answers, CliError> {
    let mut answers = Answers::not_asked();
    let mut pending = Answers::not_asked();
    {
        let intro = format!(
            "Questions about signs that need a doctor (Enter is no). {}",
            red_flags::SELF_CARE
        );
        let mut err = io::stderr().lock();
        for row in wrapped(&io::stderr(), &intro) {
            let _ = writeln!(err, "{row}");
        }
    }
    for (i, sign) in signs.iter().enumerate() {
        let question = format!("({}/{}) {}", i + 1, signs.len(), sign.question());
        match ask(&question, false) {
            Some(yes) => {
                answers.asked.push(*sign);
                pending.asked.push(*sign);
                if yes {
                    answers.yes.push(*sign);
                    pending.yes.push(*sign);
                    record(std::mem::take(&mut pending))?;
                    let mut err = io::stderr().lock();
                    let [meaning, action] = red_flags::answer(*sign);
                    for text in [meaning, action] {
                        for row in wrapped(&io::stderr(), &format!("  {text}")) {
                            let _ = writeln!(err, "{row}");
                        }
                    }
                }
            }
            None => {
                let mut err = io::stderr().lock();
                let _ = writeln!(err);
                let _ = writeln!(
                    err,
                    "Not asked (nothing to read the answers from): supple asks them next time it runs in a terminal."
                );
                for l in red_flags::lines() {
                    let _ = writeln!(err, "{l}");
                }
                break;
            }
        }
    }
    if !pending.asked.is_empty() {
        record(pending)?;
    }
    said(out, &answers)?;
    Ok(answers)
}

/// The emergency signs that can come later, as one question (the weekly check);
/// after a "yes", the emergency tier's action at once, then each sign one at a
/// time so that the record says which (none named: the "yes" to them together).
fn together(
    out: &mut dyn Write,
    record: &mut dyn FnMut(Answers) -> Result<(), CliError>,
) -> Result<Answers, CliError> {
    let signs: Vec<Sign> = red_flags::reasked().collect();
    {
        let mut err = io::stderr().lock();
        let _ = writeln!(
            err,
            "A weekly check. With your back pain, have any of these started, or got worse, since you were last asked?"
        );
        for s in &signs {
            let _ = writeln!(err, "  - {}", s.listed());
        }
        let _ = writeln!(err, "{}", red_flags::DO_NOT_WAIT);
    }
    let Some(any) = ask("Any of these?", false) else {
        return Ok(Answers::not_asked());
    };
    let as_one = Answers {
        asked: signs.clone(),
        yes: if any { signs.clone() } else { Vec::new() },
        together: true,
    };
    // Recorded at once; after a yes, which one it was is a round of its own.
    record(as_one.clone())?;
    if !any {
        return Ok(as_one);
    }
    {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "  {}", Tier::Emergency.action());
        let _ = writeln!(
            err,
            "Which was it? One at a time, so that your record says."
        );
    }
    let mut named = Vec::new();
    for s in &signs {
        match ask(s.question(), false) {
            Some(true) => named.push(*s),
            Some(false) => {}
            None => break,
        }
    }
    if !named.is_empty() {
        record(Answers {
            asked: signs,
            yes: named,
            together: false,
        })?;
    }
    said(out, &as_one)?;
    Ok(as_one)
}

/// After the questions: the most urgent tier's action again, on standard output.
fn said(out: &mut dyn Write, answers: &Answers) -> Result<(), CliError> {
    let tier = answers.yes.iter().map(|s| s.tier()).max();
    if let Some(tier) = tier {
        line(out, "")?;
        for row in wrapped(
            &io::stdout(),
            &format!("{}: {}", tier.title(), tier.action()),
        ) {
            line(out, &row)?;
        }
        line(
            out,
            "Your answers are recorded; Today keeps this at the top until `supple episode checked`.",
        )?;
    }
    Ok(())
}

/// Asks what the open episode is due, when a person is at the terminal: the
/// signs never asked (not asked at the start, or asked in the old combined form),
/// else the emergency tier's weekly question. The answers are recorded and
/// applied to `episode`.
pub(crate) fn ask_due(
    out: &mut dyn Write,
    dir: &Path,
    episode: &mut Episode,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() {
        return Ok(());
    }
    let unasked = episode.screening.unasked();
    let due = episode.reask_due(now);
    let mut rounds = Vec::new();
    let mut record = |answers: Answers| -> Result<(), CliError> {
        append(
            dir,
            &EpisodeRecord::answers(&stamp(now, tz), answers.clone()),
        )?;
        rounds.push(ep::Round { at: now, answers });
        Ok(())
    };
    if !unasked.is_empty() {
        questions(out, &unasked, &mut record)?;
    } else if due {
        together(out, &mut record)?;
    } else {
        return Ok(());
    }
    if rounds.is_empty() {
        return Ok(());
    }
    episode.screening.rounds.extend(rounds);
    line(out, "")?;
    Ok(())
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
    Ok(0)
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
) -> Result<u8, CliError> {
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
        return Ok(0);
    }
    if all.is_empty() {
        line(
            out,
            "No episodes yet. `supple episode start` when back pain begins.",
        )?;
        return Ok(0);
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
