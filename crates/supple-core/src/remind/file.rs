//! The reminders file (`$XDG_CONFIG_HOME/supple/reminders.toml`): read, with the
//! place of the first mistake, and written back by the toml serializer.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::schedule::DAY_NAMES;
use super::{Days, MAX_EVERY, MAX_REMINDERS, Reminder, Schedule, Starts, check_name};
use crate::duration;
use crate::toml_check::Diagnostic;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    starts: String,
    every: Option<toml::Spanned<String>>,
    between: Option<toml::Spanned<String>>,
    at: Option<toml::Spanned<String>>,
    days: Option<toml::Spanned<String>>,
    #[serde(default)]
    always: bool,
}

/// Parses the reminders file: every reminder, or the first mistake with its place.
pub fn parse(text: &str) -> Result<Vec<Reminder>, Diagnostic> {
    let raw: BTreeMap<toml::Spanned<String>, Raw> = toml::from_str(text).map_err(|e| {
        Diagnostic::new(e.span().unwrap_or(0..0), e.message().trim().to_owned())
            .with_help("`supple remind add` writes this file; see `supple remind add --help`")
    })?;
    if raw.len() > MAX_REMINDERS {
        return Err(Diagnostic::new(
            0..0,
            format!("{} reminders; at most {MAX_REMINDERS}", raw.len()),
        ));
    }
    raw.into_iter()
        .map(|(name, raw)| {
            let span = name.span();
            let name = name.into_inner();
            check_name(&name).map_err(|e| Diagnostic::new(span.clone(), e))?;
            let at_place = |s: &toml::Spanned<String>, e: String| Diagnostic::new(s.span(), e);
            let days = match &raw.days {
                Some(d) => Days::parse(d.get_ref()).map_err(|e| at_place(d, e))?,
                None => Days::EVERY,
            };
            let schedule = match (&raw.every, &raw.at) {
                (Some(every), None) => {
                    let d = duration::parse(every.get_ref(), MAX_EVERY)
                        .map_err(|e| at_place(every, format!("'every' {e}")))?;
                    Schedule::every(d, raw.between.as_ref().map(|b| b.get_ref().as_str()), days)
                        .map_err(|e| at_place(every, e))?
                }
                (None, Some(at)) => {
                    Schedule::at(at.get_ref(), days).map_err(|e| at_place(at, e))?
                }
                _ => {
                    return Err(Diagnostic::new(
                        span,
                        format!("reminder '{name}' needs either 'every' or 'at'"),
                    ));
                }
            };
            check_name(&raw.starts)
                .map_err(|e| Diagnostic::new(span.clone(), format!("'starts': {e}")))?;
            Ok(Reminder {
                name,
                starts: Starts::parse(&raw.starts),
                schedule,
                always: raw.always,
            })
        })
        .collect()
}

/// The reminders file's text for `reminders`, written by the toml serializer
/// (so every value is quoted as toml wants, whatever it holds).
pub fn to_toml(reminders: &[Reminder]) -> String {
    let mut table = toml::Table::new();
    for r in reminders {
        let mut entry = toml::Table::new();
        let mut put = |k: &str, v: String| {
            entry.insert(k.to_owned(), toml::Value::String(v));
        };
        put("starts", r.starts.word().to_owned());
        match &r.schedule {
            Schedule::Every {
                every,
                from,
                until,
                days,
            } => {
                put("every", duration::human(*every));
                put("between", format!("{from}-{until}"));
                put("days", days_word(*days));
            }
            Schedule::At { times, days } => {
                let times: Vec<String> = times.iter().map(ToString::to_string).collect();
                put("at", times.join(","));
                put("days", days_word(*days));
            }
        }
        if r.always {
            entry.insert("always".to_owned(), toml::Value::Boolean(true));
        }
        table.insert(r.name.clone(), toml::Value::Table(entry));
    }
    let body = toml::to_string(&table).unwrap_or_default();
    format!(
        "# supple's reminders. `supple remind add` and `remove` keep this file and the\n\
         # systemd timers in step; `supple remind list` shows them.\n\n{body}"
    )
}

/// The file's text for `reminders`, checked as supple will read it back: too
/// many reminders, or one the reader refuses, is an error before anything is
/// written, so supple never writes a file it then cannot read.
pub fn to_checked_toml(reminders: &[Reminder]) -> Result<String, String> {
    if reminders.len() > MAX_REMINDERS {
        return Err(format!(
            "there are {MAX_REMINDERS} reminders already, the most supple keeps; remove one first (`supple remind list` shows them)"
        ));
    }
    let text = to_toml(reminders);
    match parse(&text) {
        Ok(back) if back.len() == reminders.len() => Ok(text),
        Ok(_) => Err(
            "the reminders would not read back as written (a bug in supple: please report it)"
                .to_owned(),
        ),
        Err(d) => Err(d.message),
    }
}

/// Days as `Days::parse` reads them back: "mon-fri", "mon,wed", "daily".
fn days_word(days: Days) -> String {
    if days == Days::EVERY {
        return "daily".to_owned();
    }
    days.join(|d| DAY_NAMES[usize::from(d)].to_ascii_lowercase(), "-")
}
