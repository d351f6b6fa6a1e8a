//! `supple list`: every routine with its length.

use super::*;
use crate::core::duration::total_text;
use crate::core::routine::Totals;
use crate::core::text::pad;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

pub(crate) fn list(out: &mut dyn Write, library: &Library, json: bool) -> Result<u8, CliError> {
    let warnings = write(out, library, json)?;
    out.flush()?;
    warn_all(&warnings);
    Ok(0)
}

#[derive(Serialize)]
struct ListItem<'a> {
    name: &'a str,
    title: Option<&'a str>,
    source: &'static str,
    path: Option<String>,
    shadows_bundled: bool,
    exercises: Option<usize>,
    total_seconds: Option<u64>,
    self_paced: Option<u64>,
    description: Option<&'a str>,
    tags: Vec<&'a str>,
    error: Option<String>,
}

/// `supple list`: every routine, loaded or not. Returns the problems with the user
/// folder, for the caller to print to stderr.
pub fn write(out: &mut dyn Write, library: &Library, as_json: bool) -> io::Result<Vec<String>> {
    let (entries, warnings) = library.entries();
    if as_json {
        let items: Vec<ListItem<'_>> = entries.iter().map(list_item).collect();
        write_json(out, &items)?;
        return Ok(warnings);
    }
    let name_w = entries
        .iter()
        .map(|e| e.name.width())
        .max()
        .unwrap_or(4)
        .max(4);
    // Every column as wide as its widest cell.
    let source = |e: &Entry| {
        if e.shadows_bundled {
            "user (shadows bundled)".to_owned()
        } else {
            e.source.label().to_owned()
        }
    };
    let time = |e: &Entry| match &e.routine {
        Ok(r) => Totals::of(r).map_or_else(String::new, |t| total_text(t.timed, t.self_paced)),
        Err(_) => "-".to_owned(),
    };
    let src_w = entries
        .iter()
        .map(|e| source(e).width())
        .chain(["SOURCE".len()])
        .max()
        .unwrap_or(6);
    let time_w = entries
        .iter()
        .map(|e| time(e).width())
        .chain(["TIME".len()])
        .max()
        .unwrap_or(4);
    line(
        out,
        &format!(
            "{}  {}  {:>9}  {}  DESCRIPTION",
            pad("NAME", name_w),
            pad("SOURCE", src_w),
            "EXERCISES",
            pad("TIME", time_w)
        ),
    )?;
    for e in &entries {
        let rest = match &e.routine {
            Ok(r) => format!(
                "{:>9}  {}  {}",
                r.exercises.len(),
                pad(&time(e), time_w),
                r.description.as_deref().unwrap_or(&r.name)
            ),
            Err(err) => format!(
                "{:>9}  {}  error: {}",
                "-",
                pad("-", time_w),
                err.headline()
            ),
        };
        line(
            out,
            &format!(
                "{}  {}  {rest}",
                pad(&e.name, name_w),
                pad(&source(e), src_w)
            ),
        )?;
    }
    Ok(warnings)
}

fn list_item(e: &Entry) -> ListItem<'_> {
    let routine = e.routine.as_ref().ok();
    let totals = routine.and_then(Totals::of);
    ListItem {
        name: &e.name,
        title: routine.map(|r| r.name.as_str()),
        source: e.source.label(),
        path: e.source.path().map(|p| p.display().to_string()),
        shadows_bundled: e.shadows_bundled,
        exercises: routine.map(|r| r.exercises.len()),
        total_seconds: totals.map(|t| t.timed.as_secs()),
        self_paced: totals.map(|t| t.self_paced),
        description: routine.and_then(|r| r.description.as_deref()),
        tags: routine.map_or_else(Vec::new, |r| r.tags.iter().map(String::as_str).collect()),
        error: e.routine.as_ref().err().map(LoadError::headline),
    }
}
