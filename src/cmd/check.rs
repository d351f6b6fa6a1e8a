//! `supple check`: routine files checked, every error with its place.

use std::io::{self, Write};
use std::process::ExitCode;

use super::complete;
use super::{CliError, Ctx, fail, line};
use crate::core::duration::total_text;
use crate::core::library::Entry;
use crate::core::text::count;
use crate::core::routine::Totals;

/// Check routine and plan files for errors.
///
/// Prints `FILE: ok (N exercises, total T)` for a valid routine (`ok (plan, N
/// stages, M items)` for a plan) and every error of an invalid one, with its line
/// and column. Exits with status 1 if any is invalid.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Routine or plan files (or names of bundled and user routines and plans).
    #[arg(required = true, value_name = "ROUTINE", add = complete::any_routine())]
    pub routines: Vec<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let library = &ctx.library;
    let mut out = ctx.out();
    let mut err = ctx.err();
    let (out, err) = (&mut *out, &mut *err);
    let mut all_ok = true;
    for arg in &args.routines {
        let routine = library.resolve(arg);
        // A plan file is told by its [[stage]] tables; a name that is no routine
        // may be a plan's.
        let plan = match &routine {
            Ok(entry) => entry
                .text
                .as_deref()
                .filter(|t| crate::core::plan::is_plan(t))
                .map(|_| ctx.plans.resolve(arg, library)),
            Err(_) => Some(ctx.plans.resolve(arg, library)),
        };
        match (routine, plan) {
            (_, Some(Some(plan))) => all_ok &= write_plan(out, err, arg, &plan)?,
            (Ok(entry), _) => all_ok &= write(out, err, &[(arg.clone(), entry)])?,
            (Err(not_found), _) => {
                fail(err, &format!("{not_found} (plans: `supple plans`)"));
                all_ok = false;
            }
        }
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn write_plan(
    out: &mut dyn Write,
    err: &mut dyn Write,
    label: &str,
    entry: &crate::store::plans::PlanEntry,
) -> io::Result<bool> {
    match &entry.plan {
        Ok(p) => {
            let stages = count(p.stages.len() as u64, "stage");
            let items: usize = p.stages.iter().map(|s| s.items.len()).sum();
            line(
                out,
                &format!(
                    "{label}: ok (plan, {stages}, {})",
                    count(items as u64, "item")
                ),
            )?;
            out.flush()?;
            Ok(true)
        }
        Err(e) => {
            write!(err, "{e}")?;
            line(
                err,
                &format!("{label}: {}", count(e.count() as u64, "error")),
            )?;
            writeln!(err)?;
            Ok(false)
        }
    }
}

/// `supple check`: one verdict per routine. Errors go to `err`. Returns true if
/// all were valid.
pub fn write(
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
