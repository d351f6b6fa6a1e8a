//! `supple status`: one short line for a status bar or a prompt about what is
//! running or due: the ice/heat timer from its state file, else today's plan,
//! else nothing (exit status 1, so a bar can hide it). Called every few seconds,
//! so it reads only the state files and the end of the log.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::{CliError, Ctx, line, with_today};
use crate::core::duration::clock as clock_text;
use crate::core::pack::PhaseKind;
use crate::core::resume::Saved;
use crate::core::today::{self as day, Next};
use crate::store::library::Library;

/// One short line for a status bar or a prompt: the ice/heat timer running now
/// ("ICE 12:31 left, off at 14:35"), else today's plan ("Today 1/3: next Ice"),
/// else nothing, with exit status 1 so a bar can hide it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// {"text", "tooltip", "class"}, for waybar and other bars that read JSON.
    #[arg(long)]
    pub json: bool,
}

/// What a bar shows: the line, a longer tooltip, and a class to style it by.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tooltip: String,
    /// "ice", "heat", "off" (between applications), "paused", "today", "done".
    pub class: &'static str,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    // Only read: a status bar asking never takes a session's lock, renames or
    // removes a file.
    let running = ctx
        .state
        .as_deref()
        .and_then(|dir| crate::store::packs::running(dir).into_iter().next())
        .and_then(|saved| pack_status(&saved, ctx.now, &ctx.tz));
    let found = match running {
        Some(status) => Some(status),
        None => with_today(ctx, |t| today_line(t, &ctx.library, &ctx.tz))?,
    };
    let mut out = ctx.out();
    let Some(status) = found else {
        if args.json {
            // Bars that read JSON hide an empty text.
            json_line(
                &mut *out,
                &Status {
                    text: String::new(),
                    tooltip: String::new(),
                    class: "none",
                },
            )?;
        }
        // Nothing to show is an answer, not a failure: status 1 lets a bar hide.
        return Ok(ExitCode::FAILURE);
    };
    if args.json {
        json_line(&mut *out, &status)?;
    } else {
        line(&mut *out, &status.text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One line of JSON, as bars read it.
fn json_line(out: &mut dyn Write, status: &Status) -> io::Result<()> {
    let text = serde_json::to_string(status).unwrap_or_default();
    writeln!(out, "{text}")?;
    out.flush()
}

/// "ICE 12:31 left, off at 14:35".
pub fn pack_status(saved: &Saved, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> Option<Status> {
    let phases = saved.plan().phases();
    let phase = phases.get(saved.index)?;
    let at = |t: jiff::Timestamp| crate::core::moment::time_of_day(t, tz);
    let (left, end) = match (saved.phase_end, saved.left) {
        (Some(end), _) => (
            std::time::Duration::try_from(end.duration_since(now)).unwrap_or_default(),
            Some(end),
        ),
        (None, Some(left)) => (std::time::Duration::from_secs(left), None),
        (None, None) => return None,
    };
    let left_text = clock_text(std::time::Duration::from_secs(
        crate::core::duration::ceil_secs(left),
    ));
    let name = match phase.kind {
        PhaseKind::On(crate::core::pack::Pack::Ice) => "ICE".to_owned(),
        PhaseKind::On(crate::core::pack::Pack::Heat) => "HEAT".to_owned(),
        PhaseKind::Off => "OFF".to_owned(),
    };
    let last = saved.index + 1 >= phases.len();
    let (text, class) = match (end, phase.kind) {
        (None, _) => (format!("{name} paused, {left_text} left"), "paused"),
        (Some(end), PhaseKind::On(p)) => {
            let then = if last { "done" } else { "off" };
            let class = match p {
                crate::core::pack::Pack::Ice => "ice",
                crate::core::pack::Pack::Heat => "heat",
            };
            (
                format!("{name} {left_text} left, {then} at {}", at(end)),
                class,
            )
        }
        (Some(end), PhaseKind::Off) => {
            (format!("OFF {left_text}, next pack at {}", at(end)), "off")
        }
    };
    let what = saved.mode.title();
    let tooltip = format!(
        "{what}: application {} of {}{}",
        phase.cycle,
        saved.cycles,
        saved
            .ends()
            .map(|t| format!(", ends at {}", at(t)))
            .unwrap_or_default()
    );
    Some(Status {
        text,
        tooltip,
        class,
    })
}

fn today_line(t: &day::Today<'_>, library: &Library, tz: &jiff::tz::TimeZone) -> Status {
    // An item waiting for the pain to settle is not asked today.
    let done = t.items.iter().filter(|i| i.complete()).count();
    let asked = t.items.iter().filter(|i| i.asked()).count();
    let count = format!("{done}/{asked}");
    let label = |i: usize| crate::store::today::label(t.items[i].item, library);
    let (text, class) = match t.next {
        Next::Item(i) => (format!("Today {count}: next {}", label(i)), "today"),
        Next::Wait(i, at) => (
            format!(
                "Today {count}: {} after {}",
                label(i),
                crate::core::moment::time_of_day(at, tz)
            ),
            "today",
        ),
        Next::Done => (format!("Today {count}: all done"), "done"),
        Next::Emergency => (
            crate::core::red_flags::EMERGENCY_SHORT.to_owned(),
            "emergency",
        ),
    };
    let stage = t.stage.map(|(_, s)| s.name.as_str()).unwrap_or("");
    let tooltip = format!("Day {} of this episode: {stage}", t.day);
    Status {
        text,
        tooltip,
        class,
    }
}
