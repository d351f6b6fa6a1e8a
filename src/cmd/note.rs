//! `supple note` and `supple pain`: a dated note for the physiotherapist and the
//! day's average pain, each a record of its own kind in the history log
//! ([`crate::core::history::mark`]).

use super::*;
use crate::core::history::mark::{MAX_NOTE, Mark};

fn save(data: Option<&Path>, mark: &Mark) -> Result<(), CliError> {
    let dir = data.ok_or_else(|| {
        CliError::failed("no folder for the history log ($HOME is not set); use --data-dir")
    })?;
    crate::store::log::append_mark(dir, mark)
        .map(|_| ())
        .map_err(|e| CliError::failed(e.report().join("\n")))
}

fn stamp() -> String {
    crate::core::history::build::rfc3339(jiff::Timestamp::now(), &jiff::tz::TimeZone::system())
}

pub(crate) fn note(out: &mut dyn Write, data: Option<&Path>, text: &str) -> Result<u8, CliError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CliError::failed(
            "the note is empty; write it after `supple note`, for example: supple note \"flared after lifting the shopping\"",
        ));
    }
    if text.chars().count() > MAX_NOTE {
        return Err(CliError::failed(format!(
            "the note is longer than {MAX_NOTE} characters; a few lines are enough for the report"
        )));
    }
    save(data, &Mark::note(&stamp(), text))?;
    line(
        out,
        "Noted, with today's date; `supple report` lists it for your physiotherapist.",
    )?;
    Ok(0)
}

pub(crate) fn pain(out: &mut dyn Write, data: Option<&Path>, pain: u8) -> Result<u8, CliError> {
    if pain > 10 {
        return Err(CliError::failed(
            "pain is 0 (none) to 10 (the worst imaginable)",
        ));
    }
    save(data, &Mark::pain(&stamp(), pain))?;
    line(
        out,
        &format!("Recorded: average pain over the last 24 hours, {pain}/10."),
    )?;
    Ok(0)
}

/// Whether the day's pain is still to be asked: no score was given since local
/// midnight (nor since the episode's onset).
pub(crate) fn pain_due(
    marks: &[Mark],
    episode: &crate::core::episode::Episode,
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

/// For `supple today` on a terminal, once a day in an open episode: the day's
/// pain, as the full screen asks it (Enter skips; nothing is written then).
pub(crate) fn ask_pain_due(
    out: &mut dyn Write,
    dir: &Path,
    marks: &[Mark],
    episode: &crate::core::episode::Episode,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<(), CliError> {
    if !io::stdin().is_terminal() || !pain_due(marks, episode, now, tz) {
        return Ok(());
    }
    let Some(answer) = super::function::ask_line(
        "Your average pain over the last 24 hours, 0-10? (0 none, 5 moderate, 10 the worst you can imagine; Enter skips)",
    ) else {
        return Ok(());
    };
    if answer.is_empty() {
        return Ok(());
    }
    match answer.parse::<u8>() {
        Ok(p) if p <= 10 => pain(out, Some(dir), p).map(|_| ()),
        _ => line(
            out,
            &format!(
                "'{}' is not a whole number from 0 to 10, so nothing was recorded; `supple pain N` records it.",
                sanitize(&answer)
            ),
        )
        .map_err(CliError::from),
    }
}
