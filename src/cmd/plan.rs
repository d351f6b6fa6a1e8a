//! `supple plan`: a routine step by step, with its progression.

use std::io::{self, Write};
use std::process::ExitCode;

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::complete;
use super::{CliError, Ctx, data_dir, line, routines, write_json};
use crate::core::duration;
use crate::core::routine::Routine;
use crate::core::text::{count, pad, sanitize};
use crate::core::timeline::Timeline;
use crate::plain::position_text;

/// Show a routine step by step: when each step starts, how long it lasts, what to do.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A bundled routine, one of yours (file name without .toml), or a .toml path.
    #[arg(add = complete::any_routine())]
    pub routine: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Start the routine's progression over: reps go back to the file's `reps`.
    #[arg(long)]
    pub reset_progress: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let loaded = routines::load(&ctx.library, &args.routine)?;
    if args.reset_progress {
        let dir = data_dir(ctx)?;
        if let Err(e) = crate::store::resets::reset(dir, &loaded.id, ctx.now) {
            return Err(CliError::failed(format!(
                "cannot save the reset in {}: {e}",
                dir.display()
            )));
        }
    }
    let (routine, progress) = routines::progressed(ctx, loaded.routine, &loaded.id);
    let mut out = ctx.out();
    write(&mut *out, &routine, args.json)?;
    if !args.json && !progress.is_empty() {
        writeln!(out)?;
        writeln!(out, "Progression:")?;
        for p in &progress {
            writeln!(out, "  {}", sanitize(&p.explain()))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
