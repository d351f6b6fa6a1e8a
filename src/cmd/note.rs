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
