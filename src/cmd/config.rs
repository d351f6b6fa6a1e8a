//! `supple config`: the config file and every setting in effect.

use super::*;

/// `supple config --path`: the path alone, for scripts. `supple config`: the path,
/// whether the file is there, and every setting in effect with where it comes from
/// (the errors, if any, are printed on standard error by the reading itself).
pub(crate) fn config_cmd(out: &mut dyn Write, path_only: bool) -> Result<u8, CliError> {
    let Some(path) = crate::store::config::path() else {
        return Err(CliError::failed(
            "no config folder: set $XDG_CONFIG_HOME or $HOME",
        ));
    };
    let shown = sanitize(&path.display().to_string()).into_owned();
    if path_only {
        writeln!(out, "{shown}")?;
        return Ok(0);
    }
    let loaded = config_file();
    let c = &loaded.config;
    let there = std::fs::symlink_metadata(&path).is_ok();
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
    let plan = plan_from(crate::core::pack::Treatment::Ice, c, None, None, None);
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
    Ok(u8::from(loaded.problem.is_some()))
}
