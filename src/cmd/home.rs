//! `supple` with no command: the home screen, or the list when not on a terminal.

use super::*;

/// `supple` with no command: the home screen, or the list when not on a terminal.
pub(crate) fn home(library: &Library, data: Option<&Path>) -> Result<u8, CliError> {
    if tui::term::available() {
        let (entries, warnings) = library.entries();
        let pain = config_file().config.pain.unwrap_or(true);
        let settings = Settings {
            pain,
            ..Settings::default()
        };
        let mut app = new_app(entries, warnings, settings, data, Launch::Browse);
        let clock = BootClock::new();
        add_today(&mut app, library, data, &clock);
        app.set_daily_pain_due(daily_pain_due(data));
        app.set_function_due(function::due(data));
        app.ask_if_due(clock.now());
        // An ice/heat session cut off earlier is offered before the list opens;
        // resumed, it comes first, and the list is there after it.
        let (resumed, notes) = offer_resume(&clock, data);
        app.set_elsewhere(notes);
        let slot = resumed.map(|(session, slot)| {
            app.resume_pack(session, clock.now());
            slot
        });
        return full_screen(&mut app, &clock, data, slot);
    }
    let mut out = io::stdout().lock();
    // What to do today comes first, when an episode is open.
    if open_episode(data).is_some() {
        super::today::today(&mut out, library, data, false)?;
        writeln!(out)?;
    }
    let code = super::list::list(&mut out, library, false)?;
    writeln!(out)?;
    writeln!(
        out,
        "Start one:        supple play back-spasm-relief --plain"
    )?;
    writeln!(out, "See it first:     supple plan back-spasm-relief")?;
    if open_episode(data).is_none() {
        writeln!(
            out,
            "Back pain now:    supple episode start (then supple today, each day)"
        )?;
    }
    writeln!(
        out,
        "Write your own:   supple new NAME (the format: supple help format)"
    )?;
    if let Some(dir) = library.user_dir() {
        writeln!(
            out,
            "Your routines go in {}",
            sanitize(&dir.display().to_string())
        )?;
    }
    writeln!(out, "More: supple --help")?;
    out.flush()?;
    Ok(code)
}
