//! What is asked again and again in an episode, on the terminal: the day's pain
//! (`supple today`, once a day; `supple pain` records it the same way) and the
//! activities of the Patient-Specific Functional Scale ([`crate::core::function`]:
//! `supple function --ask`, `supple episode start` after the red-flag questions,
//! `supple today` once a week), and whether the home screen should ask them. Each
//! answer is written to the log the moment it is given.

use std::io::{BufRead, Read, Write};
use std::path::Path;

use super::ask::{self, Stream};
use super::{CliError, Ctx, line};
use crate::core::episode::Episode;
use crate::core::function::{self as psfs, HIGH, LOW, MAX_ACTIVITIES, NAME_ASK};
use crate::core::history::build::rfc3339 as stamp;
use crate::core::history::mark::Mark;

/// Appends one rating to the log in `dir`.
pub(crate) fn save(dir: &Path, mark: &Mark) -> Result<(), CliError> {
    crate::store::log::append_mark(dir, mark)
        .map(|_| ())
        .map_err(|e| CliError::failed(e.report().join("\n")))
}

/// Writes `text` on the error writer, wrapped to the terminal.
fn say(ctx: &Ctx, text: &str) {
    let rows = ask::wrapped(ctx, Stream::Err, text);
    let mut err = ctx.err();
    for row in rows {
        let _ = writeln!(err, "{row}");
    }
}

/// Reads one line from standard input after `prompt` (on the error writer), at
/// most 256 bytes, trimmed; `None` when nothing can be read (closed, not a
/// terminal and empty).
pub(crate) fn ask_line(ctx: &Ctx, prompt: &str) -> Option<String> {
    {
        let rows = ask::wrapped(ctx, Stream::Err, prompt);
        let mut err = ctx.err();
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
    match std::io::stdin()
        .lock()
        .take(256)
        .read_until(b'\n', &mut answer)
    {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(String::from_utf8_lossy(&answer).trim().to_owned()),
    }
}

/// Asks a score for `activity`: 0-10, Enter skips (`None`); asked again, up to
/// three times, when the answer is not a number from 0 to 10.
fn ask_score(ctx: &Ctx, activity: &str) -> Option<u8> {
    let prompt = format!("  {activity}: 0-10? (Enter skips)");
    for _ in 0..3 {
        let answer = ask_line(ctx, &prompt)?;
        if answer.is_empty() {
            return None;
        }
        match answer.parse::<u8>() {
            Ok(score) if score <= 10 => return Some(score),
            _ => {
                let _ = writeln!(
                    ctx.err(),
                    "  A whole number from 0 to 10 ({LOW}; {HIGH}), or Enter to skip."
                );
            }
        }
    }
    None
}

/// The scale's anchors, before its questions.
fn anchors(ctx: &Ctx) {
    say(ctx, &format!("  {LOW}"));
    say(ctx, &format!("  {HIGH}"));
}

/// Rates each named activity again (Enter skips one); each rating written at once.
/// Returns how many were rated.
pub(crate) fn rate_named(
    ctx: &Ctx,
    out: &mut dyn Write,
    dir: &Path,
    named: &[(String, u8, jiff::Timestamp)],
) -> Result<usize, CliError> {
    let _ = writeln!(
        ctx.err(),
        "The activities you named, again (Enter skips one). {}",
        psfs::AGAIN_ASK
    );
    anchors(ctx);
    let mut rated = 0;
    for (name, _, _) in named {
        let Some(score) = ask_score(ctx, name) else {
            continue;
        };
        save(dir, &Mark::rating(&stamp(ctx.now, &ctx.tz), name, score))?;
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
/// rates each (Enter on a name stops; nothing is required). At `supple episode
/// start` (with `have` 0), after the red-flag questions: read from standard
/// input as the questions are; nothing more when it is closed.
pub(crate) fn name_new(
    ctx: &Ctx,
    out: &mut dyn Write,
    dir: &Path,
    have: usize,
) -> Result<usize, CliError> {
    if have >= MAX_ACTIVITIES {
        return Ok(0);
    }
    if have == 0 {
        say(
            ctx,
            "Optional, for you and your physiotherapist: up to three activities you find hard because of your back, each rated 0-10, to see them change over the episode (the Patient-Specific Functional Scale). Enter skips.",
        );
        anchors(ctx);
    }
    let mut named = 0;
    for i in have..MAX_ACTIVITIES {
        let prompt = format!("({}/{MAX_ACTIVITIES}) {NAME_ASK} (Enter: none)", i + 1);
        let Some(answer) = ask_line(ctx, &prompt) else {
            break;
        };
        let Some(name) = crate::core::history::mark::clean_activity(&answer) else {
            break;
        };
        let Some(score) = ask_score(ctx, &name) else {
            continue;
        };
        save(dir, &Mark::rating(&stamp(ctx.now, &ctx.tz), &name, score))?;
        named += 1;
        line(out, &format!("Recorded: {name}, {score}/10."))?;
    }
    Ok(named)
}

/// For `supple today` on a terminal: the named activities again, once a week.
pub(crate) fn ask_due(
    ctx: &Ctx,
    out: &mut dyn Write,
    dir: &Path,
    marks: &[Mark],
    episode: &Episode,
) -> Result<(), CliError> {
    if !ctx.terminals.stdin || !psfs::due(marks, episode, ctx.now) {
        return Ok(());
    }
    let named = psfs::activities(marks, psfs::since(episode));
    rate_named(ctx, out, dir, &named)?;
    line(out, "")?;
    Ok(())
}

/// The open episode's activities when they are due to be rated again this week
/// (for the home screen to ask), else none.
pub(crate) fn due(ctx: &Ctx) -> Vec<String> {
    let Some(log) = ctx.log() else {
        return Vec::new();
    };
    let Some(episode) = crate::core::episode::open(log.episodes()) else {
        return Vec::new();
    };
    if !psfs::due(log.marks(), &episode, ctx.now) {
        return Vec::new();
    }
    psfs::activities(log.marks(), psfs::since(&episode))
        .into_iter()
        .map(|(name, _, _)| name)
        .collect()
}

/// Whether the day's pain is still to be asked: no score was given since local
/// midnight (nor since the episode's onset).
pub(crate) fn pain_due(
    marks: &[Mark],
    episode: &Episode,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> bool {
    let midnight = now
        .to_zoned_datetime(tz.clone())
        .start_of_day()
        .map_or(now, |z| z.timestamp())
        .max(episode.onset);
    !marks
        .iter()
        .any(|m| matches!(m, Mark::Pain(_)) && m.time().is_some_and(|t| t >= midnight))
}

/// Writes the day's average pain to the log in `dir`, and says so on `out`.
pub(crate) fn record_pain(
    ctx: &Ctx,
    out: &mut dyn Write,
    dir: &Path,
    pain: u8,
) -> Result<(), CliError> {
    save(dir, &Mark::pain(&stamp(ctx.now, &ctx.tz), pain))?;
    line(
        out,
        &format!("Recorded: average pain over the last 24 hours, {pain}/10."),
    )?;
    Ok(())
}

/// For `supple today` on a terminal, once a day in an open episode: the day's
/// pain, as the full screen asks it (Enter skips; nothing is written then).
pub(crate) fn ask_pain_due(
    ctx: &Ctx,
    out: &mut dyn Write,
    dir: &Path,
    marks: &[Mark],
    episode: &Episode,
) -> Result<(), CliError> {
    if !ctx.terminals.stdin || !pain_due(marks, episode, ctx.now, &ctx.tz) {
        return Ok(());
    }
    let Some(answer) = ask_line(
        ctx,
        "Your average pain over the last 24 hours, 0-10? (0 none, 5 moderate, 10 the worst you can imagine; Enter skips)",
    ) else {
        return Ok(());
    };
    if answer.is_empty() {
        return Ok(());
    }
    match answer.parse::<u8>() {
        Ok(p) if p <= 10 => record_pain(ctx, out, dir, p),
        _ => line(
            out,
            &format!(
                "'{}' is not a whole number from 0 to 10, so nothing was recorded; `supple pain N` records it.",
                crate::core::text::sanitize(&answer)
            ),
        )
        .map_err(CliError::from),
    }
}
