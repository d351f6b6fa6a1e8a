//! `supple plans`: every plan, bundled and your own, with its stages.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CliError, Ctx, line, warn_all, write_json};
use crate::core::plan::{Plan, bound};
use crate::core::routine::LoadError;
use crate::core::text::pad;
use crate::store::plans::PlanEntry;

/// List every plan for an episode of back pain, bundled and your own, with its
/// stages. Your own go in ~/.config/supple/plans/ (`supple help plans` shows
/// the format).
#[derive(Debug, clap::Args)]
#[command(after_long_help = super::PLAN_FORMAT)]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let (entries, warnings) = ctx.plans.entries(&ctx.library);
    {
        let mut out = ctx.out();
        write(&mut *out, &entries, args.json)?;
        out.flush()?;
    }
    warn_all(ctx, &warnings);
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct PlanItem<'a> {
    name: &'a str,
    title: Option<&'a str>,
    source: &'static str,
    path: Option<String>,
    stages: Vec<StageItem<'a>>,
    error: Option<String>,
}

#[derive(Serialize)]
struct StageItem<'a> {
    name: &'a str,
    from_seconds: u64,
    until_seconds: Option<u64>,
}

/// One line per plan (or JSON), then each plan's stages when there are few plans.
pub fn write(out: &mut dyn Write, entries: &[PlanEntry], as_json: bool) -> io::Result<()> {
    if as_json {
        let items: Vec<PlanItem<'_>> = entries
            .iter()
            .map(|e| PlanItem {
                name: &e.name,
                title: e.plan.as_ref().ok().map(|p| p.name.as_str()),
                source: e.source.label(),
                path: e.source.path().map(|p| p.display().to_string()),
                stages: e.plan.as_ref().map_or_else(|_| Vec::new(), stages),
                error: e.plan.as_ref().err().map(LoadError::headline),
            })
            .collect();
        return write_json(out, &items);
    }
    let name_w = entries
        .iter()
        .map(|e| e.name.width())
        .max()
        .unwrap_or(4)
        .max(4);
    line(
        out,
        &format!(
            "{}  {:<8}  {:>6}  DESCRIPTION",
            pad("NAME", name_w),
            "SOURCE",
            "STAGES"
        ),
    )?;
    for e in entries {
        let rest = match &e.plan {
            Ok(p) => format!(
                "{:>6}  {}",
                p.stages.len(),
                p.description.as_deref().unwrap_or(&p.name)
            ),
            Err(err) => format!("{:>6}  error: {}", "-", err.headline()),
        };
        line(
            out,
            &format!("{}  {:<8}  {rest}", pad(&e.name, name_w), e.source.label()),
        )?;
    }
    for e in entries {
        if let Ok(p) = &e.plan {
            line(out, "")?;
            line(out, &format!("{} ({}):", e.name, p.name))?;
            for s in &p.stages {
                let until = s.until.map_or_else(|| "on".to_owned(), bound);
                line(
                    out,
                    &format!("  {:>5} - {:<5}  {}", bound(s.from), until, s.name),
                )?;
            }
        }
    }
    line(out, "")?;
    line(
        out,
        "Start an episode with one: supple episode start --plan NAME (the format: supple help plans)",
    )?;
    Ok(())
}

fn stages(p: &Plan) -> Vec<StageItem<'_>> {
    p.stages
        .iter()
        .map(|s| StageItem {
            name: &s.name,
            from_seconds: s.from.as_secs(),
            until_seconds: s.until.map(|u| u.as_secs()),
        })
        .collect()
}
