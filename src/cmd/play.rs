//! `supple play`: a routine, full screen or as lines.

use super::*;

pub(crate) fn play(
    library: &Library,
    arg: &str,
    plain: bool,
    settings: Settings,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    play_for(library, arg, None, plain, settings, data)
}

/// `supple walk [LENGTH]`: the walk routine, its holds stretched to `length`.
pub(crate) fn walk(
    library: &Library,
    length: Option<std::time::Duration>,
    plain: bool,
    settings: Settings,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    play_for(
        library,
        crate::core::today::WALK,
        length,
        plain,
        settings,
        data,
    )
}

fn play_for(
    library: &Library,
    arg: &str,
    holds: Option<std::time::Duration>,
    plain: bool,
    settings: Settings,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    let Some((routine, id, hash)) = load_entry(library, arg) else {
        return Ok(1);
    };
    let (routine, _) = progressed(routine, &id, data);
    let routine = match holds {
        Some(d) => routine.stretched(d),
        None => routine,
    };
    if !plain {
        if tui::term::available() {
            let (entries, warnings) = library.entries();
            let mut app = new_app(entries, warnings, settings, data, Launch::Direct);
            let clock = BootClock::new();
            app.play_routine(Timeline::new(routine), Some(id), hash, clock.now());
            return full_screen(&mut app, &clock, data, None);
        }
        let _ = writeln!(
            io::stderr(),
            "supple: {}, so the routine plays as lines of text (--plain)",
            tui::term::why_not()
        );
    }
    let rx = input_channel();
    let mut out = io::stdout().lock();
    let clock = BootClock::new();
    // The one reading of the wall clock the record's times come from.
    let origin = (clock.now(), jiff::Timestamp::now());
    let options = plain::Options {
        pain: settings.pain,
        voice: settings.voice,
        chime: (!settings.muted).then(sound_setup),
        hooks: config_file().config.hooks.clone(),
        // Wrapped at words in a terminal; whole lines in a pipe or a file.
        width: Some(terminal_width(&io::stdout())).filter(|w| *w != usize::MAX),
    };
    let run = plain::play(Timeline::new(routine), &mut out, &rx, &clock, options)?;
    let mut record = records::routine(
        &run.session,
        Some(&id),
        hash.as_deref(),
        &span(origin.0, clock.now(), origin),
    );
    record.pain_before = run.pain_before;
    record.pain_after = run.pain_after;
    save(data, &record);
    if run.ending == Ending::InputClosed {
        fail(
            "standard input is closed, so a rep done at your own pace cannot be confirmed; \
             run `supple play` from a terminal, or give the exercise a 'hold' so it is timed",
        );
    }
    Ok(run.ending.exit_code())
}
