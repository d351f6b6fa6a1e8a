//! Routines as the commands load them: resolved in the library, their errors a
//! [`CliError`] that shows each in place, and their progressing exercises at the
//! reps the log says.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CliError, Ctx, line, warn, write_json};
use crate::core::duration::total_text;
use crate::core::history::progress::Progress;
use crate::core::library::Entry;
use crate::core::library::Source;
use crate::core::routine::Totals;
use crate::core::routine::{LoadError, Routine};
use crate::core::text::pad;
use crate::core::text::sanitize;
use crate::store::library::Library;

/// A routine resolved and loaded, with its library name and a hash of its text.
pub(crate) struct Loaded {
    pub routine: Routine,
    pub id: String,
    pub hash: Option<String>,
}

/// Resolves and loads a routine; a name that is none, or a file with errors, is
/// the error that says so.
pub(crate) fn load(library: &Library, arg: &str) -> Result<Loaded, CliError> {
    let entry = library
        .resolve(arg)
        .map_err(|not_found| CliError::failed(not_found.to_string()))?;
    let hash = entry
        .text
        .as_deref()
        .map(crate::core::history::content_hash);
    match entry.routine {
        Ok(routine) => Ok(Loaded {
            routine,
            id: entry.name,
            hash,
        }),
        Err(e) => Err(diagnosed(&e, &entry.source, "routine")),
    }
}

/// A routine's or a plan's file with errors: each in place, then what to do.
pub(crate) fn diagnosed(e: &LoadError, source: &Source, noun: &str) -> CliError {
    let count = e.count();
    let what = if count == 1 { "an error" } else { "errors" };
    CliError::Diagnosed {
        detail: e.to_string(),
        message: format!(
            "the {} {noun} {} has {what}; fix it and run `supple check` on it",
            source.label(),
            sanitize(&crate::core::text::truncate(&e.origin, 200)),
        ),
    }
}

/// The routine with its progressing exercises at their current reps, from the log.
pub(crate) fn progressed(ctx: &Ctx, routine: Routine, id: &str) -> (Routine, Vec<Progress>) {
    if routine.exercises.iter().all(|e| e.progression.is_none()) {
        return (routine, Vec::new());
    }
    let log = ctx.log();
    // Progression reads the log: one that cannot be read is said, never taken
    // for "no sessions yet" in silence.
    if let Some(log) = log.filter(|l| l.unreadable) {
        let why = log
            .problem
            .as_deref()
            .unwrap_or("the history log cannot be read");
        warn(
            ctx,
            &format!("{why}; this time the reps are the routine's own, not your progression"),
        );
    }
    let reset = ctx
        .data()
        .and_then(|d| crate::store::resets::last_reset(d, id));
    let progress = match log {
        Some(log) => log.progress(&routine, id, reset),
        None => crate::core::history::progress::progress(&routine, id, &[], reset),
    };
    (
        crate::core::history::progress::apply(routine, &progress),
        progress,
    )
}

/// Reads the routines again, at their current progression as at the start (the
/// log as the run read it), each time the user folder's files differ from when
/// last looked at. It runs inside the full screen's loop.
pub(crate) fn watch(ctx: &Ctx) -> crate::tui::RoutineWatch {
    let library = ctx.library.clone();
    let data: Option<PathBuf> = ctx.data.clone();
    let log = ctx.log().cloned();
    let mut seen = library.stamp();
    Box::new(move || {
        let now = library.stamp();
        if now == seen {
            return None;
        }
        seen = now;
        let (mut entries, _) = library.entries();
        for entry in &mut entries {
            let Ok(r) = &entry.routine else { continue };
            if r.exercises.iter().all(|e| e.progression.is_none()) {
                continue;
            }
            let reset = data
                .as_deref()
                .and_then(|d| crate::store::resets::last_reset(d, &entry.name));
            let progress = match &log {
                Some(log) => log.progress(r, &entry.name, reset),
                None => crate::core::history::progress::progress(r, &entry.name, &[], reset),
            };
            entry.routine = Ok(crate::core::history::progress::apply(r.clone(), &progress));
        }
        Some(entries)
    })
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

/// Every routine, loaded or not, as a table or JSON (`supple list`, and `supple`
/// outside a terminal). Returns the problems with the user folder, for the
/// caller to write as warnings.
pub fn write_list(
    out: &mut dyn Write,
    library: &Library,
    as_json: bool,
) -> io::Result<Vec<String>> {
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
