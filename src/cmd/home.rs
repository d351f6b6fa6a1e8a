//! `supple` with no command: the home screen, or the list when not on a terminal.

use std::process::ExitCode;

use super::{CliError, Ctx, day, resume, routines, screen, warn_all};
use crate::core::text::sanitize;

/// `supple` with no command: the home screen, or the list when not on a terminal.
pub fn run(ctx: &Ctx) -> Result<ExitCode, CliError> {
    if ctx.full_screen() {
        let mut app = screen::home_app(ctx);
        // An ice/heat session cut off earlier is offered before the list opens;
        // resumed, it comes first, and the list is there after it.
        let (resumed, notes) = resume::offer(ctx);
        app.set_elsewhere(notes);
        let slot = resumed.map(|(session, slot)| {
            app.resume_pack(session, ctx.moment());
            slot
        });
        return screen::run(ctx, &mut app, slot);
    }
    let open = screen::open_episode(ctx).is_some();
    // What to do today comes first, when an episode is open.
    if open {
        day::write(ctx, false)?;
        writeln!(ctx.out())?;
    }
    let warnings = routines::write_list(&mut *ctx.out(), &ctx.library, false)?;
    ctx.out().flush()?;
    warn_all(ctx, &warnings);
    let mut out = ctx.out();
    writeln!(out)?;
    writeln!(
        out,
        "Start one:        supple play back-spasm-relief --plain"
    )?;
    writeln!(out, "See it first:     supple plan back-spasm-relief")?;
    if !open {
        writeln!(
            out,
            "Back pain now:    supple episode start (then supple today, each day)"
        )?;
    }
    writeln!(
        out,
        "Write your own:   supple new NAME (the format: supple help format)"
    )?;
    if let Some(dir) = ctx.library.user_dir() {
        writeln!(
            out,
            "Your routines go in {}",
            sanitize(&dir.display().to_string())
        )?;
    }
    writeln!(out, "More: supple --help")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
