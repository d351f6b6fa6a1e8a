//! `supple ice`, `heat` and `contrast`: the pack timer, full screen or as lines.

use super::*;

/// How the timer was asked for: `supple ice --on 15m --plain`, and so on.
#[derive(Debug, Clone, Copy, Default)]
pub struct PackFlags {
    pub on: Option<std::time::Duration>,
    pub off: Option<std::time::Duration>,
    pub cycles: Option<u32>,
    /// Time since the pain began.
    pub since: Option<std::time::Duration>,
    pub plain: bool,
    pub quiet: bool,
    pub voice: bool,
}

pub(crate) fn pack_timer(
    library: &Library,
    mode: crate::core::pack::Treatment,
    args: PackFlags,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    let c = &config_file().config;
    let plan = plan_from(mode, c, args.on, args.off, args.cycles);
    if let (Some(_), Some(why)) = (args.on, plan.too_long()) {
        return Err(CliError::usage(format!("--on {why}")));
    }
    let clock = BootClock::new();
    let (resumed, mut notes) = offer_resume(&clock, data);
    let running_elsewhere = !notes.is_empty();
    // The flag wins; without it, the open episode says how long it has been.
    let episode = args.since.is_none().then(|| open_episode(data)).flatten();
    let now = jiff::Timestamp::now();
    let since = args.since.or(episode.as_ref().map(|e| e.since(now)));
    if let Some(since) = since {
        // The same words whichever was chosen: never a warning against it.
        let note = Advice::for_time_since(since).text().to_owned();
        notes.push(match &episode {
            Some(e) => format!("Day {} of this episode. {note}", e.day(now)),
            None => note,
        });
        if since >= crate::core::red_flags::EASING_EXPECTED {
            notes.push(crate::core::red_flags::NOT_GETTING_BETTER.to_owned());
        }
    }
    let settings = Settings {
        muted: args.quiet,
        voice: args.voice,
        pain: false,
    };
    if !args.plain && tui::term::available() {
        // Another session running: the start screen says so, and asks.
        if running_elsewhere {
            notes.push(crate::core::resume::SECOND_PACK.to_owned());
        }
        let (entries, warnings) = library.entries();
        let mut app = new_app(entries, warnings, settings, data, Launch::Direct);
        let slot = match resumed {
            Some((session, slot)) => {
                app.resume_pack(session, clock.now());
                Some(slot)
            }
            None => {
                app.open_pack(plan, notes, clock.now());
                None
            }
        };
        return full_screen(&mut app, &clock, data, slot);
    }
    if !args.plain {
        let _ = writeln!(
            io::stderr(),
            "supple: {}, so the timer prints lines of text (--plain)",
            tui::term::why_not()
        );
    }
    let rx = input_channel();
    let mut out = io::stdout().lock();
    // The one reading of the wall clock the record's times come from.
    let origin = (clock.now(), jiff::Timestamp::now());
    let setup = plain::pack::Setup {
        alerts: plain::pack::Alerts {
            bell: !args.quiet && io::stdout().is_terminal(),
            voice: args.voice,
            chime: (!args.quiet).then(sound_setup),
        },
        hooks: c.hooks.clone(),
        tz: jiff::tz::TimeZone::system(),
        state_dir: crate::store::paths::state_dir(),
    };
    let (ending, session) = plain::pack::play(plan, &notes, &mut out, &rx, &clock, setup, resumed)?;
    if ending != Ending::HungUp {
        let now = clock.now();
        let start = session.started().unwrap_or(origin.0);
        save(
            data,
            &records::pack(&session, &span(start, session.ended_at(now), origin)),
        );
    }
    Ok(ending.exit_code())
}
