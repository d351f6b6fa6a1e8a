//! `supple config`: the config file and every setting in effect.

use std::process::ExitCode;

use super::{CliError, Ctx, line};
use crate::core::text::sanitize;

/// The config file: where it is looked for, and every setting in effect with
/// where it comes from (exit status 1 if the file has errors).
#[derive(Debug, clap::Args)]
#[command(after_long_help = super::CONFIG_FORMAT)]
pub struct Args {
    /// Print only the path of the config file.
    #[arg(long)]
    pub path: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let Some(path) = ctx.config_dir.as_deref().map(crate::store::config::file_in) else {
        return Err(CliError::failed(
            "no config folder: set $XDG_CONFIG_HOME or $HOME",
        ));
    };
    let mut out = ctx.out();
    let out = &mut *out;
    let shown = sanitize(&path.display().to_string()).into_owned();
    if args.path {
        writeln!(out, "{shown}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let loaded = ctx.config();
    let c = &loaded.config;
    let there = crate::store::config::there(&path);
    writeln!(
        out,
        "{shown}{}",
        if there {
            ""
        } else {
            " (not there: every default applies)"
        }
    )?;
    let from = |set: bool| if set { "config file" } else { "default" };
    writeln!(
        out,
        "[player] pain = {}   ({})",
        c.pain.unwrap_or(true),
        from(c.pain.is_some())
    )?;
    let plan = super::session::plan_from(crate::core::pack::Treatment::Ice, c, None, None, None);
    writeln!(
        out,
        "[pack] on = \"{}\"   ({})",
        crate::core::duration::human(plan.on),
        from(c.pack_on.is_some())
    )?;
    writeln!(
        out,
        "[pack] off = \"{}\"   ({})",
        crate::core::duration::human(plan.off),
        from(c.pack_off.is_some())
    )?;
    writeln!(
        out,
        "[pack] cycles = {}   ({})",
        plan.cycles,
        from(c.pack_cycles.is_some())
    )?;
    writeln!(
        out,
        "[pack] heat_max = \"{}\"   ({})",
        crate::core::duration::human(plan.heat_max),
        from(c.pack_heat_max.is_some())
    )?;
    writeln!(
        out,
        "[sound] chime = {}   ({})",
        c.chime.unwrap_or(true),
        from(c.chime.is_some())
    )?;
    writeln!(
        out,
        "[sound] volume = {}   ({})",
        c.volume.unwrap_or(crate::core::config::DEFAULT_VOLUME),
        from(c.volume.is_some())
    )?;
    for (event, words) in &c.hooks {
        let words: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
        line(
            out,
            &format!(
                "[hooks] {} = [{}]   (config file)",
                event.key(),
                words.join(", ")
            ),
        )?;
    }
    if c.hooks.is_empty() {
        writeln!(out, "[hooks] none   (default)")?;
    }
    writeln!(out, "Every key: supple help config")?;
    out.flush()?;
    Ok(ExitCode::from(u8::from(loaded.problem.is_some())))
}
