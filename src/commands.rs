//! The line-output commands: `list`, `check` and `plan`. Each writes to any
//! `Write`, so tests can capture it; every line passes the sanitiser.

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

use crate::core::duration;
use crate::core::duration::total_text;
use crate::core::routine::{LoadError, Routine};
use crate::core::text::{count, json_for_terminal, sanitize};
use crate::core::timeline::{Timeline, Totals};
use crate::plain::position_text;
use crate::store::library::{Entry, Library};

/// Writes one line of possibly untrusted text, made safe.
fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", sanitize(text))
}

/// Writes `value` as pretty JSON and a line break. (Serialised first, so that a
/// closed pipe comes back as the io error it is.)
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    out.write_all(json_for_terminal(&text).as_bytes())?;
    writeln!(out)
}

use crate::core::text::pad;

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
pub fn list(out: &mut dyn Write, library: &Library, as_json: bool) -> io::Result<Vec<String>> {
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
    let src_w = "user (shadows bundled)".len();
    line(
        out,
        &format!(
            "{}  {}  {:>9}  {:<26}  DESCRIPTION",
            pad("NAME", name_w),
            pad("SOURCE", src_w),
            "EXERCISES",
            "TIME"
        ),
    )?;
    for e in &entries {
        let source = if e.shadows_bundled {
            "user (shadows bundled)".to_owned()
        } else {
            e.source.label().to_owned()
        };
        let rest = match &e.routine {
            Ok(r) => {
                let totals = Totals::of(r);
                let time = totals.map_or_else(String::new, |t| total_text(t.timed, t.self_paced));
                format!(
                    "{:>9}  {:<26}  {}",
                    r.exercises.len(),
                    time,
                    r.description.as_deref().unwrap_or(&r.name)
                )
            }
            Err(err) => format!("{:>9}  {:<26}  error: {}", "-", "-", err.headline()),
        };
        line(
            out,
            &format!("{}  {}  {rest}", pad(&e.name, name_w), pad(&source, src_w)),
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

/// `supple check`: one verdict per routine. Errors go to `err`. Returns true if
/// all were valid.
pub fn check(
    out: &mut dyn Write,
    err: &mut dyn Write,
    entries: &[(String, Entry)],
) -> io::Result<bool> {
    let mut all_ok = true;
    for (label, entry) in entries {
        match &entry.routine {
            Ok(r) => {
                let totals = Totals::of(r);
                let time = totals.map_or_else(String::new, |t| total_text(t.timed, t.self_paced));
                let n = count(r.exercises.len() as u64, "exercise");
                line(out, &format!("{label}: ok ({n}, total {time})"))?;
            }
            Err(e) => {
                all_ok = false;
                write!(err, "{e}")?;
                let errors = count(e.count() as u64, "error");
                line(err, &format!("{label}: {errors}"))?;
                writeln!(err)?;
            }
        }
    }
    out.flush()?;
    Ok(all_ok)
}

/// `supple plan`: the timeline, one line per segment.
pub fn plan(out: &mut dyn Write, routine: &Routine, as_json: bool) -> io::Result<()> {
    let t = Timeline::new(routine.clone());
    if as_json {
        write_json(out, &plan_json(&t))?;
        return Ok(());
    }
    line(out, &routine.name)?;
    if let Some(d) = &routine.description {
        line(out, d)?;
    }
    writeln!(out)?;
    let ex_w = routine
        .exercises
        .iter()
        .map(|e| e.name.width())
        .max()
        .unwrap_or(8)
        .max("EXERCISE".len());
    let positions: Vec<String> = t.segments().iter().map(|s| position_text(&t, s)).collect();
    let pos_w = positions
        .iter()
        .map(|p| p.width())
        .max()
        .unwrap_or(0)
        .max("WHERE".len());
    line(
        out,
        &format!(
            "{:>7}  {:>6}  {:<9}  {}  {}  WHAT",
            "START",
            "TIME",
            "STEP",
            pad("EXERCISE", ex_w),
            pad("WHERE", pos_w)
        ),
    )?;
    for (seg, pos) in t.segments().iter().zip(&positions) {
        let time = seg
            .duration
            .map_or_else(|| "you".to_owned(), duration::human);
        line(
            out,
            &format!(
                "{:>7}  {:>6}  {:<9}  {}  {}  {}",
                duration::clock(seg.start),
                time,
                seg.kind.label(),
                pad(t.exercise_name(seg), ex_w),
                pad(pos, pos_w),
                seg.cue
            ),
        )?;
    }
    writeln!(out)?;
    let mut total = format!(
        "Total: {} in {}, {}",
        duration::human(t.total()),
        count(t.len() as u64, "step"),
        count(routine.exercises.len() as u64, "exercise")
    );
    if t.self_paced() > 0 {
        total.push_str(&format!(
            ", plus {} reps at your own pace (time not counted)",
            t.self_paced()
        ));
    }
    line(out, &format!("{total}."))
}

fn plan_json(t: &Timeline) -> serde_json::Value {
    let r = &t.routine;
    let segments: Vec<serde_json::Value> = t
        .segments()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "index": i,
                "start": s.start.as_secs(),
                "duration": s.duration.map(|d| d.as_secs()),
                "kind": s.kind,
                "exercise": t.exercise_name(s),
                "exercise_index": s.exercise,
                "side": t.side_name(s),
                "set": s.set.map(|c| c.n),
                "sets": s.set.map(|c| c.of),
                "rep": s.rep.map(|c| c.n),
                "reps": s.rep.map(|c| c.of),
                "phase": s.phase.map(|c| c.n),
                "cue": s.cue,
            })
        })
        .collect();
    json!({
        "name": r.name,
        "description": r.description,
        "tags": r.tags,
        "exercises": r.exercises.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        "total_seconds": t.total().as_secs(),
        "self_paced": t.self_paced(),
        "segments": segments,
    })
}

/// `supple history --plain`: the last sessions, the streak, minutes per day for
/// four weeks, sessions per routine and the pain trend, as lines.
pub fn history_plain(
    out: &mut dyn Write,
    records: &[&crate::core::history::Record],
    stats: &crate::core::history::stats::Stats,
) -> io::Result<()> {
    use crate::core::history::Outcome;
    if records.is_empty() {
        line(
            out,
            "No sessions yet. Every routine and ice/heat session you run is saved here.",
        )?;
        line(
            out,
            "Start one: supple play back-spasm-relief, or supple ice.",
        )?;
        return Ok(());
    }
    line(
        out,
        &format!(
            "{} ({} finished), {} active. Streak: {}.",
            count(stats.sessions as u64, "session"),
            stats.finished,
            duration::human(Duration::from_secs(stats.active_seconds)),
            count(u64::from(stats.streak_days), "day")
        ),
    )?;
    writeln!(out)?;
    line(out, "Last sessions:")?;
    for r in records.iter().rev().take(10) {
        let when = r.start.get(..16).unwrap_or(&r.start).replace('T', " ");
        let outcome = match r.outcome {
            Outcome::Finished => "finished".to_owned(),
            Outcome::Stopped => match &r.stopped_at {
                Some(at) => format!("stopped at {at}"),
                None => "stopped".to_owned(),
            },
        };
        let pain = match (r.pain_before, r.pain_after) {
            (Some(b), Some(a)) => format!("  pain {b} -> {a}"),
            (Some(b), None) => format!("  pain {b} before"),
            (None, Some(a)) => format!("  pain {a} after"),
            (None, None) => String::new(),
        };
        let active = duration::human(Duration::from_secs(r.active_seconds));
        line(
            out,
            &format!("  {when}  {}  {active}  {outcome}{pain}", r.name),
        )?;
        for m in &r.missed_switches {
            line(out, &format!("      missed while away: {m}"))?;
        }
    }
    writeln!(out)?;
    line(out, "Active minutes per day, last 4 weeks:")?;
    let most = stats
        .days
        .iter()
        .map(|d| d.active_seconds)
        .max()
        .unwrap_or(0)
        .max(60);
    for d in &stats.days {
        let minutes = d.active_seconds.div_ceil(60);
        let width = d.active_seconds.saturating_mul(30).div_ceil(most) as usize;
        line(
            out,
            &format!("  {}  {:<30} {minutes}", d.date, "#".repeat(width)),
        )?;
    }
    writeln!(out)?;
    line(out, "Sessions per routine:")?;
    for (name, n) in &stats.per_name {
        line(out, &format!("  {n:>4}  {name}"))?;
    }
    if !stats.pain.is_empty() {
        writeln!(out)?;
        line(out, "Pain (0-10), before -> after:")?;
        for p in stats.pain.iter().rev().take(14).rev() {
            let show = |v: Option<u8>| v.map_or("-".to_owned(), |n| n.to_string());
            let when = p.start.get(..10).unwrap_or(&p.start);
            line(
                out,
                &format!("  {when}  {} -> {}", show(p.before), show(p.after)),
            )?;
        }
    }
    Ok(())
}
