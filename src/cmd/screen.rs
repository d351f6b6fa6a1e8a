//! The full screen as the commands open it: the app with the config and the log
//! applied, the Today panel, and the run that turns how it ended into an exit
//! status.

use std::process::ExitCode;

use super::ask::{self, Stream};
use super::{CliError, Ctx, episode_plan, routines, session};
use crate::app::{App, Home, Launch, Settings};
use crate::core::library::Entry;
use crate::core::text::sanitize;
use crate::store::packs::Slot;
use crate::tui;
use crate::ui::theme::Theme;

/// The app with the user's config applied (a broken config file is reported in
/// the home screen's warning line, and the defaults are used).
pub(crate) fn new_app(
    ctx: &Ctx,
    mut entries: Vec<Entry>,
    mut warnings: Vec<String>,
    settings: Settings,
    launch: Launch,
) -> App {
    let loaded = ctx.config();
    if let Some(e) = &loaded.problem {
        warnings.push(format!(
            "config file (its other settings are used): {}",
            e.headline()
        ));
    }
    let base = session::plan_from(
        crate::core::pack::Treatment::Ice,
        &loaded.config,
        None,
        None,
        None,
    );
    if let Some(log) = ctx.log() {
        warnings.extend(log.problem.iter().chain(&log.note).cloned());
    }
    // Routines on the home screen start at their current progression.
    for entry in &mut entries {
        if let Ok(r) = &entry.routine {
            let (r, _) = routines::progressed(ctx, r.clone(), &entry.name);
            entry.routine = Ok(r);
        }
    }
    let mut app = App::new(Home::new(entries, warnings), settings, launch);
    app.set_pack_base(base);
    app.set_time_zone(ctx.tz.clone());
    app
}

/// The home screen's app, with the Today panel and the day's pain question.
pub(crate) fn home_app(ctx: &Ctx) -> App {
    let (entries, warnings) = ctx.library.entries();
    // The Today panel names routines by their titles: from the same reading
    // of the library as the list (reading it again parsed every routine twice).
    let titles: Vec<(String, String)> = entries
        .iter()
        .filter_map(|e| {
            e.routine
                .as_ref()
                .ok()
                .map(|r| (e.name.clone(), r.name.clone()))
        })
        .collect();
    let settings = Settings {
        pain: ctx.config().config.pain.unwrap_or(true),
        ..Settings::default()
    };
    let mut app = new_app(ctx, entries, warnings, settings, Launch::Browse);
    add_today(ctx, &mut app, titles);
    app.set_daily_pain_due(daily_pain_due(ctx));
    app.set_function_due(super::activities::due(ctx));
    app.ask_if_due(ctx.moment());
    app
}

/// Puts the Today panel on the home screen when an episode is open (a plan that
/// cannot be read is a warning on the screen instead); `titles` are the
/// library's routines as (name, title).
fn add_today(ctx: &Ctx, app: &mut App, titles: Vec<(String, String)>) {
    let Some(log) = ctx.log() else {
        return;
    };
    let Some(episode) = crate::core::episode::open(log.episodes()) else {
        // None open: `e` can start one under the bundled plan.
        let plan = crate::store::plans::bundled(crate::core::episode::DEFAULT_PLAN, &ctx.library)
            .and_then(|e| e.plan.ok())
            .map(|p| p.with_pack_on(ctx.config().config.pack_on));
        if let Some(plan) = plan {
            app.set_wall(ctx.moment(), ctx.now);
            app.offer_episode(crate::app::EpisodeSetup {
                plan,
                titles,
                sessions: log.sessions(ctx.now),
            });
        }
        return;
    };
    let plan = match episode_plan(ctx, &episode) {
        Ok(plan) => plan,
        Err(why) => {
            app.add_warnings([why]);
            return;
        }
    };
    app.set_wall(ctx.moment(), ctx.now);
    let panel = crate::app::TodayPanel::new(plan, episode, log.sessions(ctx.now), titles, ctx.now);
    app.set_today(panel, ctx.moment());
}

/// Whether the day's pain is still to be asked: an episode is open and no score
/// was given since local midnight (nor since the onset).
pub(crate) fn daily_pain_due(ctx: &Ctx) -> bool {
    let Some(log) = ctx.log() else {
        return false;
    };
    crate::core::episode::open(log.episodes())
        .is_some_and(|e| super::activities::pain_due(log.marks(), &e, ctx.now, &ctx.tz))
}

/// The episode of back pain open in the log, if any.
pub(crate) fn open_episode(ctx: &Ctx) -> Option<crate::core::episode::Episode> {
    crate::core::episode::open(ctx.log()?.episodes())
}

/// Runs the full-screen app and turns how it ended into an exit status.
pub(crate) fn run(ctx: &Ctx, app: &mut App, slot: Option<Slot>) -> Result<ExitCode, CliError> {
    let theme = Theme::new(ctx.no_color);
    let ended = tui::term::run(
        app,
        &theme,
        ctx.clock(),
        ctx.data.clone(),
        slot,
        session::sound_setup(ctx),
        session::hooks(ctx),
        // Only the home screen lists routines: a screen opened straight from the
        // shell never goes back to it, and needs no watch (nor the log it reads).
        (app.launch() == Launch::Browse).then(|| routines::watch(ctx)),
    )?;
    if let Some(line) = app.farewell(ctx.moment()) {
        let width = ask::width(ctx, Stream::Out).saturating_sub(1);
        let mut out = ctx.out();
        for part in crate::core::text::wrap(&sanitize(&line), width) {
            let _ = writeln!(out, "{part}");
        }
    }
    let mut err = ctx.err();
    for line in &ended.stderr {
        let _ = writeln!(err, "{line}");
    }
    Ok(ExitCode::from(tui::term::exit_code(ended.exit)))
}
