//! `supple plan`: a routine step by step, with its progression.

use super::*;
use crate::core::duration;
use crate::core::text::{count, pad};
use crate::plain::position_text;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

pub(crate) fn plan(
    out: &mut dyn Write,
    library: &Library,
    arg: &str,
    json: bool,
    reset_progress: bool,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    let Some((routine, id, _)) = load_entry(library, arg) else {
        return Ok(1);
    };
    if reset_progress {
        let Some(dir) = data else {
            return Err(CliError::failed(
                "no folder for the history log ($HOME is not set); use --data-dir",
            ));
        };
        if let Err(e) = crate::store::resets::reset(dir, &id, jiff::Timestamp::now()) {
            return Err(CliError::failed(format!(
                "cannot save the reset in {}: {e}",
                dir.display()
            )));
        }
    }
    let (routine, progress) = progressed(routine, &id, data);
    write(out, &routine, json)?;
    if !json && !progress.is_empty() {
        writeln!(out)?;
        writeln!(out, "Progression:")?;
        for p in &progress {
            writeln!(out, "  {}", sanitize(&p.explain()))?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// `supple plan`: the timeline, one line per segment.
pub fn write(out: &mut dyn Write, routine: &Routine, as_json: bool) -> io::Result<()> {
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
                t.step_word(seg),
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
