//! `supple function`: the activities the person finds hard because of their back,
//! rated 0-10 on the Patient-Specific Functional Scale ([`crate::core::function`]).
//! Listed, rated from a shell (`supple function "putting on socks" 4`), or asked
//! on the terminal (`--ask`, at `supple episode start`, and weekly by `supple
//! today`). Each rating is written to the log the moment it is given.

use super::*;
use crate::core::episode::Episode;
use crate::core::function::{self as psfs, HIGH, LOW, MAX_ACTIVITIES, NAME_ASK};
use crate::core::history::build::rfc3339 as stamp;
use crate::core::history::mark::Mark;

/// What `supple function` was asked to do.
#[derive(Debug, Clone)]
pub enum FunctionAction {
    /// The open episode's activities and their ratings.
    List,
    /// Ask on the terminal: each activity again, then new ones up to three.
    Ask,
    /// One rating, given on the command line.
    Rate { activity: String, score: u8 },
}

/// The open episode's activities (Patient-Specific Functional Scale) when they
/// are due to be rated again this week, else none.
pub(super) fn due(data: Option<&Path>) -> Vec<String> {
    let Some(log) = history_log(data) else {
        return Vec::new();
    };
    let Some(episode) = crate::core::episode::open(log.episodes()) else {
        return Vec::new();
    };
    if !crate::core::function::due(&log.summary.marks, &episode, jiff::Timestamp::now()) {
        return Vec::new();
    }
    crate::core::function::activities(&log.summary.marks, crate::core::function::since(&episode))
        .into_iter()
        .map(|(name, _, _)| name)
        .collect()
}

pub(crate) fn function(
    out: &mut dyn Write,
    data: Option<&Path>,
    action: FunctionAction,
) -> Result<u8, CliError> {
    let dir = data.ok_or_else(|| {
        CliError::failed("no folder for the history log ($HOME is not set); use --data-dir")
    })?;
    let log = readable_log(data)?;
    let episodes = log.map(|l| l.episodes()).unwrap_or_default();
    let marks = log.map(|l| l.summary.marks.as_slice()).unwrap_or_default();
    let Some(episode) = crate::core::episode::open(episodes) else {
        return Err(CliError::failed(
            "no episode is open: the activities you rate belong to an episode of back pain; `supple episode start` when it begins (it offers to name them)",
        ));
    };
    let now = jiff::Timestamp::now();
    let tz = jiff::tz::TimeZone::system();
    let named = psfs::activities(marks, psfs::since(&episode));
    match action {
        FunctionAction::List => list(out, marks, &episode, &tz),
        FunctionAction::Ask => {
            if named.is_empty() {
                name_new(out, dir, 0, now, &tz)?;
            } else {
                rate_named(out, dir, &named, now, &tz)?;
                name_new(out, dir, named.len(), now, &tz)?;
            }
            Ok(0)
        }
        FunctionAction::Rate { activity, score } => {
            let Some(activity) = crate::core::history::mark::clean_activity(&activity) else {
                return Err(CliError::usage(
                    "the activity is empty; name it in your words, for example: supple function \"putting on socks\" 4",
                ));
            };
            let known = named.iter().find(|(n, _, _)| psfs::same(n, &activity));
            if known.is_none() && named.len() >= MAX_ACTIVITIES {
                let names: Vec<&str> = named.iter().map(|(n, _, _)| n.as_str()).collect();
                return Err(CliError::usage(format!(
                    "this episode has three activities already ({}); rate one of those (the scale follows the same ones over time)",
                    names.join(", ")
                )));
            }
            // Rated under the name first given, so the report keeps one line.
            let name = known.map_or(activity, |(n, _, _)| n.clone());
            save(dir, &Mark::rating(&stamp(now, &tz), &name, score))?;
            line(out, &format!("Recorded: {name}, {score}/10."))?;
            Ok(0)
        }
    }
}

/// The episode's activities: the first rating and the latest, with their dates.
fn list(
    out: &mut dyn Write,
    marks: &[Mark],
    episode: &Episode,
    tz: &jiff::tz::TimeZone,
) -> Result<u8, CliError> {
    let since = psfs::since(episode);
    let named = psfs::activities(marks, since);
    if named.is_empty() {
        line(out, "No activity named in this episode yet.")?;
        line(
            out,
            "`supple function --ask` names up to three activities you find hard because of your back and rates each 0-10 (or: supple function \"putting on socks\" 4).",
        )?;
        return Ok(0);
    }
    line(
        out,
        &format!("Activities you find hard because of your back, rated 0-10 ({LOW}; {HIGH}):"),
    )?;
    let day = |t: jiff::Timestamp| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%a %-d %b")
            .to_string()
    };
    for (name, latest, at) in &named {
        let first = marks.iter().find_map(|m| match (m, m.time()) {
            (Mark::Function(r), Some(t)) if t >= since && psfs::same(&r.activity, name) => {
                Some((r.score, t))
            }
            _ => None,
        });
        let text = match first {
            Some((score, t)) if t < *at => format!(
                "  {name}: {score} on {} → {latest} on {} ({:+})",
                day(t),
                day(*at),
                i16::from(*latest) - i16::from(score)
            ),
            _ => format!("  {name}: {latest} on {}", day(*at)),
        };
        line(out, &text)?;
    }
    line(
        out,
        "`supple function --ask` rates them again; `supple report` shows how each changed.",
    )?;
    Ok(0)
}

fn save(dir: &Path, mark: &Mark) -> Result<(), CliError> {
    crate::store::log::append_mark(dir, mark)
        .map(|_| ())
        .map_err(|e| CliError::failed(e.report().join("\n")))
}

/// Reads one line from standard input after `prompt` (on standard error), at most
/// 256 bytes, trimmed; `None` when nothing can be read (closed, not a terminal and
/// empty).
pub(super) fn ask_line(prompt: &str) -> Option<String> {
    use std::io::{BufRead, Read};
    {
        let mut err = io::stderr().lock();
        let rows = wrapped(&io::stderr(), prompt);
        let (last, before) = rows
            .split_last()
            .map_or(("", &[][..]), |(l, b)| (l.as_str(), b));
        for row in before {
            let _ = writeln!(err, "{row}");
        }
        let _ = write!(err, "{last} ");
        let _ = err.flush();
    }
    let mut answer = Vec::new();
    match io::stdin().lock().take(256).read_until(b'\n', &mut answer) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(String::from_utf8_lossy(&answer).trim().to_owned()),
    }
}

/// Asks a score for `activity`: 0-10, Enter skips (`None`); asked again, up to
/// three times, when the answer is not a number from 0 to 10.
fn ask_score(activity: &str) -> Option<u8> {
    let prompt = format!("  {activity}: 0-10? (Enter skips)");
    for _ in 0..3 {
        let answer = ask_line(&prompt)?;
        if answer.is_empty() {
            return None;
        }
        match answer.parse::<u8>() {
            Ok(score) if score <= 10 => return Some(score),
            _ => {
                let _ = writeln!(
                    io::stderr(),
                    "  A whole number from 0 to 10 ({LOW}; {HIGH}), or Enter to skip."
                );
            }
        }
    }
    None
}

/// The scale's anchors, before its questions.
fn anchors() {
    let mut err = io::stderr().lock();
    for text in [format!("  {LOW}"), format!("  {HIGH}")] {
        for row in wrapped(&io::stderr(), &text) {
            let _ = writeln!(err, "{row}");
        }
    }
}

/// Rates each named activity again (Enter skips one); each rating written at once.
/// Returns how many were rated.
fn rate_named(
    out: &mut dyn Write,
    dir: &Path,
    named: &[(String, u8, jiff::Timestamp)],
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<usize, CliError> {
    {
        let mut err = io::stderr().lock();
        let _ = writeln!(
            err,
            "The activities you named, again (Enter skips one). {}",
            psfs::AGAIN_ASK
        );
    }
    anchors();
    let mut rated = 0;
    for (name, _, _) in named {
        let Some(score) = ask_score(name) else {
            continue;
        };
        save(dir, &Mark::rating(&stamp(now, tz), name, score))?;
        rated += 1;
    }
    if rated > 0 {
        line(
            out,
            &format!(
                "Recorded: {} rated; `supple report` shows how each changed.",
                crate::core::text::count(rated as u64, "activity")
            ),
        )?;
    }
    Ok(rated)
}

/// Names new activities, up to three in all with the `have` already named, and
/// rates each (Enter on a name stops; nothing is required).
fn name_new(
    out: &mut dyn Write,
    dir: &Path,
    have: usize,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<usize, CliError> {
    if have >= MAX_ACTIVITIES {
        return Ok(0);
    }
    if have == 0 {
        let mut err = io::stderr().lock();
        for row in wrapped(
            &io::stderr(),
            "Optional, for you and your physiotherapist: up to three activities you find hard because of your back, each rated 0-10, to see them change over the episode (the Patient-Specific Functional Scale). Enter skips.",
        ) {
            let _ = writeln!(err, "{row}");
        }
        drop(err);
        anchors();
    }
    let mut named = 0;
    for i in have..MAX_ACTIVITIES {
        let prompt = format!("({}/{MAX_ACTIVITIES}) {NAME_ASK} (Enter: none)", i + 1);
        let Some(answer) = ask_line(&prompt) else {
            break;
        };
        let Some(name) = crate::core::history::mark::clean_activity(&answer) else {
            break;
        };
        let Some(score) = ask_score(&name) else {
            continue;
        };
        save(dir, &Mark::rating(&stamp(now, tz), &name, score))?;
        named += 1;
        line(out, &format!("Recorded: {name}, {score}/10."))?;
    }
    Ok(named)
}

/// At `supple episode start`, after the red-flag questions: the activities,
/// optional (read from standard input as the questions are; nothing more when it
/// is closed).
pub(crate) fn ask_start(
    out: &mut dyn Write,
    dir: &Path,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<(), CliError> {
    name_new(out, dir, 0, now, tz).map(|_| ())
}

/// For `supple today` on a terminal: the named activities again, once a week.
pub(crate) fn ask_due(
    out: &mut dyn Write,
    dir: &Path,
    marks: &[Mark],
    episode: &Episode,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<(), CliError> {
    if !io::stdin().is_terminal() || !psfs::due(marks, episode, now) {
        return Ok(());
    }
    let named = psfs::activities(marks, psfs::since(episode));
    rate_named(out, dir, &named, now, tz)?;
    line(out, "")?;
    Ok(())
}
