//! `supple remind fire NAME`: what the timer runs. Whether anyone is there,
//! whether what it asks for is done, then the notification (with its buttons
//! where the notification service shows them) and the reminder hook.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use super::WAIT;
use super::units::{load, starts_command, supple_command};
use crate::cmd::{CliError, Ctx, line, session, with_today};
use crate::core::announce;
use crate::core::remind::{Reminder, Schedule, Starts};
use crate::core::text::sanitize;
use crate::core::today::Next;
use crate::store::library::Library;
use crate::store::reminders;

/// What a reminder says now, or why it says nothing.
enum Say {
    Notify { title: String, body: String },
    Quiet(String),
}

pub(super) fn fire(
    ctx: &Ctx,
    out: &mut dyn Write,
    config: &Path,
    name: &str,
) -> Result<ExitCode, CliError> {
    let all = load(config)?;
    let Some(reminder) = all.iter().find(|r| r.name == name) else {
        return Err(CliError::failed(format!(
            "there is no reminder named '{}' in {} (its timer can go: supple remind remove {})",
            sanitize(name),
            reminders::file_path(config).display(),
            sanitize(name)
        )));
    };
    let state = ctx.state.clone();
    if let Some(quiet) = presence(ctx, out, reminder, state.as_deref())? {
        line(out, &format!("{name}: nothing to remind ({quiet})."))?;
        return Ok(ExitCode::SUCCESS);
    }
    let say = what_to_say(ctx, reminder)?;
    let (title, body) = match say {
        Say::Quiet(why) => {
            line(out, &format!("{name}: nothing to remind ({why})."))?;
            return Ok(ExitCode::SUCCESS);
        }
        Say::Notify { title, body } => (title, body),
    };
    line(out, &format!("{title}: {body}"))?;
    // The notification and the hook together take at most WAIT.
    let deadline = ctx.deadline(WAIT);
    let mut hooks = session::hooks(ctx);
    let announced = announce::reminder(&reminder.name, reminder.starts.word(), title, body);
    if let Some(hook) = &announced.hook {
        hooks.run(hook);
    }
    let (title, body) = (announced.title, announced.body);
    let notifier = crate::shell::alerts::Notifier::find();
    // Under cron there is no session bus address; the user's bus is in a known place.
    let env = crate::shell::desktop::session_bus_env();
    // Buttons where the notification service shows them: put off, skip, start.
    let terminal = crate::shell::desktop::terminal();
    let sent =
        if crate::shell::presence::notifications_have_actions(&env) && notifier.takes_actions() {
            let mut actions = vec![("later", "In 10 minutes"), ("skip", "Skip")];
            if terminal.is_some() {
                actions.push(("start", "Start"));
            }
            match notifier.ask(&title, &body, &actions, &env, ACTIONS_WAIT) {
                Ok(Some(key)) => {
                    let done = act(ctx, &key, reminder, state.as_deref(), terminal);
                    line(out, &done)?;
                    Ok(())
                }
                Ok(None) => Ok(()),
                Err(e) => Err(e),
            }
        } else {
            notifier.send_and_wait(&title, &body, &env, ctx.left_until(deadline))
        };
    let has_hook = hooks.has(crate::core::hook::Trigger::Reminder);
    let hook_ran = hooks.finish(deadline);
    let mut hook_failed = None;
    while let Some(problem) = hooks.problem() {
        hook_failed.get_or_insert(problem);
    }
    if let Some(problem) = &hook_failed {
        let _ = writeln!(ctx.err(), "supple: warning: {problem}");
    }
    match sent {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // The person's own reminder hook may be how they hear it.
        Err(why) if has_hook && hook_ran => {
            line(out, &format!("({why}; the reminder hook ran.)"))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(why) => Err(CliError::failed(why)),
    }
}

/// How long a notification with buttons waits for one to be pressed.
const ACTIONS_WAIT: Duration = Duration::from_secs(5 * 60);

/// How long "In 10 minutes" puts a reminder off.
const LATER: Duration = Duration::from_secs(10 * 60);

/// Asks the session whether anyone is there, for an `--every` reminder that is
/// not `--always`: why it stays quiet (away, or back from a break that restarts
/// the interval), or `None` to go on. Says once when no signal answers here.
fn presence(
    ctx: &Ctx,
    out: &mut dyn Write,
    reminder: &Reminder,
    state: Option<&Path>,
) -> Result<Option<String>, CliError> {
    let (library, now, tz) = (&ctx.library, ctx.now, &ctx.tz);
    use crate::core::presence::{Verdict, decide};
    let Schedule::Every { every, .. } = &reminder.schedule else {
        return Ok(None);
    };
    if reminder.always {
        return Ok(None);
    }
    let at = |t: jiff::Timestamp| crate::core::moment::time_of_day(t, tz);
    let memory = state
        .map(|d| reminders::memory(d, &reminder.name))
        .unwrap_or_default();
    let readings = crate::shell::presence::readings();
    let (verdict, next) = decide(
        &readings,
        &memory,
        *every,
        break_length(reminder, library),
        now,
    );
    if let Some(dir) = state
        && let Err(e) = reminders::remember(dir, &reminder.name, &next)
    {
        let _ = writeln!(
            ctx.err(),
            "supple: warning: could not keep what reminder {} remembers: {}",
            reminder.name,
            crate::store::file::io_reason(&e)
        );
    }
    Ok(match verdict {
        Verdict::Away { since } => Some(format!(
            "nobody at the computer since {}: idle or locked",
            at(since)
        )),
        Verdict::Rested { back, due, .. } if memory.skipped == Some(back) => Some(format!(
            "skipped at {}; the next is due at {}",
            at(back),
            at(due)
        )),
        Verdict::Rested { away, back, due } => Some(format!(
            "back at {} after {} away, which counts as a break; the next is due at {}",
            at(back),
            crate::core::duration::spoken(away),
            at(due)
        )),
        Verdict::NotifyBlind => {
            if !memory.said_no_signal {
                line(
                    out,
                    "(No idle or lock signal answers here, so this reminder comes on the clock; `supple remind list` shows the signals.)",
                )?;
            }
            None
        }
        Verdict::Notify => None,
    })
}

/// How long the break a reminder starts lasts: its routine's timed length, else
/// five minutes.
fn break_length(reminder: &Reminder, library: &Library) -> Duration {
    match &reminder.starts {
        Starts::Routine(name) => library
            .resolve(name)
            .ok()
            .and_then(|e| e.routine.ok())
            .and_then(|r| crate::core::routine::Totals::of(&r))
            .map(|t| t.timed)
            .filter(|d| !d.is_zero()),
        _ => None,
    }
    .unwrap_or(Duration::from_secs(5 * 60))
}

/// Carries out the button pressed on a reminder's notification; what happened,
/// in words.
fn act(
    ctx: &Ctx,
    key: &str,
    reminder: &Reminder,
    state: Option<&Path>,
    terminal: Option<PathBuf>,
) -> String {
    let (now, tz) = (ctx.now, &ctx.tz);
    let at = |t: jiff::Timestamp| crate::core::moment::time_of_day(t, tz);
    let name = &reminder.name;
    let Ok(mut command) = supple_command(ctx) else {
        return "supple's own path cannot go into a command line, so the button did nothing"
            .to_owned();
    };
    match key {
        "later" => {
            // A one-off timer of the person's own systemd, named for the reminder
            // and the moment, so two put-offs never clash.
            let mut run = std::process::Command::new("systemd-run");
            run.arg("--user")
                .arg(format!("--on-active={}s", LATER.as_secs()))
                .arg(format!(
                    "--unit=supple-remind-{name}-later-{}",
                    now.as_second()
                ))
                .arg(format!("--description=supple reminder {name}, put off"))
                .arg("--")
                .args(&command)
                .args(["remind", "fire", name]);
            let back = now + jiff::SignedDuration::try_from(LATER).unwrap_or_default();
            match crate::shell::run::run(run, WAIT) {
                Ok(_) => format!("Put off: it comes back at {}.", at(back)),
                Err(e) => format!("Could not put it off ({e})."),
            }
        }
        "skip" => {
            let Some(dir) = state else {
                return "Skipped.".to_owned();
            };
            let mut memory = reminders::memory(dir, name);
            memory.break_ended = Some(now);
            memory.skipped = Some(now);
            match reminders::remember(dir, name, &memory) {
                Ok(()) => format!("Skipped at {}: recorded.", at(now)),
                Err(e) => format!(
                    "Skipped, but it could not be recorded: {}",
                    crate::store::file::io_reason(&e)
                ),
            }
        }
        "start" => {
            let Some(terminal) = terminal else {
                return "No terminal to start it in ($TERMINAL is not set).".to_owned();
            };
            command.extend(starts_args(&reminder.starts));
            // The person's own terminal window: started on its own and never waited
            // for or stopped (it is theirs to close), unlike every helper program.
            let mut open = std::process::Command::new(&terminal);
            open.arg("-e")
                .args(&command)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null());
            std::os::unix::process::CommandExt::process_group(&mut open, 0);
            match open.spawn() {
                Ok(_) => format!(
                    "Started in {}: {}",
                    terminal.display(),
                    starts_command(&reminder.starts)
                ),
                Err(e) => format!(
                    "Could not start {}: {}",
                    terminal.display(),
                    crate::store::file::io_reason(&e)
                ),
            }
        }
        _ => String::new(),
    }
}

/// The words after `supple` that start what a reminder starts.
fn starts_args(starts: &Starts) -> Vec<String> {
    starts_command(starts)
        .split_whitespace()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

fn what_to_say(ctx: &Ctx, reminder: &Reminder) -> Result<Say, CliError> {
    let (library, data, now, tz) = (&ctx.library, ctx.data(), ctx.now, &ctx.tz);
    let at = |t: jiff::Timestamp| crate::core::moment::time_of_day(t, tz);
    let since = reminder.fresh_since(now, tz);
    // A log that cannot be read is an error: never "not done yet" on a guess.
    let recent = || -> Result<Vec<crate::core::history::Record>, CliError> {
        match data.map(crate::store::log::log_path) {
            Some(p) => Ok(crate::store::today::read_tail(&p, since)
                .map_err(CliError::failed)?
                .sessions),
            None => Ok(Vec::new()),
        }
    };
    let running_pack = || {
        ctx.state
            .as_deref()
            .is_some_and(|dir| !crate::store::packs::running(dir).is_empty())
    };
    let command = starts_command(&reminder.starts);
    // A pack application counts as Today counts it: three quarters of the `on`.
    let pack_on = ctx
        .config()
        .config
        .pack_on
        .unwrap_or(crate::core::pack::DEFAULT_ON);
    Ok(match &reminder.starts {
        Starts::Routine(name) => {
            if let Some(done) = reminder.done_since(&recent()?, since, pack_on) {
                return Ok(Say::Quiet(format!("done at {}", at(done))));
            }
            let routine = library.resolve(name).ok().and_then(|e| e.routine.ok());
            let Some(routine) = routine else {
                let (title, body) = announce::unloadable_reminder(name);
                return Ok(Say::Notify { title, body });
            };
            let length = crate::core::routine::Totals::of(&routine)
                .map(|t| crate::core::duration::total_text(t.timed, t.self_paced))
                .unwrap_or_default();
            let (title, body) = announce::routine_reminder(&routine.name, &length, &command);
            Say::Notify { title, body }
        }
        Starts::Pack(mode) => {
            if running_pack() {
                return Ok(Say::Quiet("a pack timer is running".to_owned()));
            }
            if let Some(done) = reminder.done_since(&recent()?, since, pack_on) {
                return Ok(Say::Quiet(format!("done at {}", at(done))));
            }
            // What `command` will run: the config file's [pack] values.
            let plan = session::plan_from(*mode, &ctx.config().config, None, None, None);
            let (title, body) = announce::pack_reminder(*mode, plan, &command);
            Say::Notify { title, body }
        }
        Starts::Today => {
            if running_pack() {
                return Ok(Say::Quiet("a pack timer is running".to_owned()));
            }
            let told = with_today(ctx, |t| {
                let stage = t.stage.map(|(_, s)| s.name.clone()).unwrap_or_default();
                match t.next {
                    Next::Done => Say::Quiet("all of today's plan is done".to_owned()),
                    Next::Emergency => Say::Quiet(
                        "an emergency answer stands: no exercise until `supple episode checked`"
                            .to_owned(),
                    ),
                    Next::Wait(i, when) => Say::Quiet(format!(
                        "{} is next, after {}",
                        crate::store::today::label(t.items[i].item, library),
                        at(when)
                    )),
                    Next::Item(i) => {
                        let (title, body) = announce::today_reminder(
                            t.day,
                            &crate::store::today::label(t.items[i].item, library),
                            &stage,
                            &crate::app::today_command(t.items[i].item, t.pack_choice),
                        );
                        Say::Notify { title, body }
                    }
                }
            })?;
            told.unwrap_or_else(|| Say::Quiet("no episode is open".to_owned()))
        }
    })
}
