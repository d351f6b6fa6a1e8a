//! `supple remind`: reminders that come when supple is not open. systemd runs them:
//! `add` writes a user timer and service and enables the timer; the service runs
//! `supple remind fire NAME`, which sends a desktop notification, or nothing when
//! what it asks for is already done. `--cron` prints crontab lines instead.

use super::*;
use crate::core::announce;
use crate::core::remind::{self, Days, Reminder, Schedule, Starts};
use crate::core::today::Next;
use crate::shell::run;
use crate::store::reminders;
use std::process::Command;
use std::time::Duration;

/// The longest supple waits for `systemctl` or `notify-send`.
const WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct AddFlags {
    pub name: String,
    pub starts: Option<String>,
    pub every: Option<Duration>,
    pub between: Option<String>,
    pub at: Option<String>,
    pub days: String,
    pub cron: bool,
    pub always: bool,
}

#[derive(Debug, Clone)]
pub enum RemindAction {
    Add(AddFlags),
    List { json: bool },
    Remove { name: String },
    Fire { name: String },
}

pub(crate) fn remind(
    out: &mut dyn Write,
    library: &Library,
    action: RemindAction,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    let config = crate::store::paths::config_dir().ok_or_else(|| {
        CliError::failed("no config folder ($HOME is not set): set HOME or XDG_CONFIG_HOME")
    })?;
    match action {
        RemindAction::Add(flags) => add(out, library, &config, flags, data),
        RemindAction::List { json } => list(out, library, &config, json),
        RemindAction::Remove { name } => remove(out, &config, &name),
        RemindAction::Fire { name } => fire(out, library, &config, &name, data),
    }
}

fn add(
    out: &mut dyn Write,
    library: &Library,
    config: &Path,
    flags: AddFlags,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    remind::check_name(&flags.name).map_err(CliError::usage)?;
    let starts_word = flags.starts.as_deref().unwrap_or(&flags.name);
    // What the reminders file can hold, which is what `supple play NAME` finds in
    // the routines folder: a name, not a path.
    remind::check_name(starts_word).map_err(|_| {
        CliError::usage(format!(
            "--starts '{}': a reminder starts a routine by its name (letters, digits, - and _, as `supple list` shows them), ice, heat, contrast or today; copy a routine file into the routines folder under such a name first",
            crate::core::text::truncate(&sanitize(starts_word), 80)
        ))
    })?;
    let starts = Starts::parse(starts_word);
    if let Starts::Routine(name) = &starts {
        library.resolve(name).map_err(|e| {
            let what = if flags.starts.is_some() {
                format!("--starts {}: {e}", sanitize(name))
            } else {
                format!(
                    "'{}' is not a routine, ice, heat, contrast or today, so say what the reminder starts: --starts desk-break (`supple list` shows the routines)",
                    sanitize(name)
                )
            };
            CliError::usage(what)
        })?;
    }
    let days = Days::parse(&flags.days).map_err(|e| CliError::usage(format!("--days: {e}")))?;
    let schedule = match (flags.every, &flags.at) {
        (Some(every), None) => Schedule::every(every, flags.between.as_deref(), days),
        (None, Some(at)) => Schedule::at(at, days).map_err(|e| format!("--at: {e}")),
        _ => Err("give --every or --at".to_owned()),
    }
    .map_err(CliError::usage)?;
    let reminder = Reminder {
        name: flags.name.clone(),
        starts,
        schedule,
        always: flags.always,
    };
    let command = supple_command(data)?;
    // The file, the units and systemd change under one lock.
    let lock = reminders::lock(config).map_err(CliError::failed)?;
    let replaced = reminders::update(&lock, config, |all| {
        let old = all.iter().position(|r| r.name == reminder.name);
        match old {
            Some(i) => all[i] = reminder.clone(),
            None => all.push(reminder.clone()),
        }
        old.is_some()
    })
    .map_err(CliError::failed)?;
    let now = jiff::ZonedDateTime::now();
    let next = reminder
        .schedule
        .next_after(now.datetime())
        .map(|t| format!(" Next: {}.", t.strftime("%a %-d %b %H:%M")))
        .unwrap_or_default();
    let what = starts_label(&reminder.starts, library);
    let verb = if replaced { "changed" } else { "added" };
    if flags.cron {
        // A timer written before for this name would remind twice: it goes.
        let units = units_dir()?;
        if reminders::unit_state(&units, &reminder.name).0 {
            let not_told = stop_timer(&units, &reminder.name)?;
            writeln!(
                out,
                "# Its systemd timer is removed{}: cron runs it from now on.",
                if not_told.is_none() {
                    ""
                } else {
                    " (systemd was not told)"
                }
            )?;
        }
        line(
            out,
            &format!(
                "# supple reminder {} ({verb}): {what}, {}.{next}",
                reminder.name,
                reminder.schedule.summary()
            ),
        )?;
        line(
            out,
            "# Add these lines with `crontab -e` (or, keeping the lines already there: (crontab -l; supple remind add ... --cron) | crontab -).",
        )?;
        let fire: Vec<String> = command
            .iter()
            .map(|a| remind::cron_quote(a))
            .chain(["remind", "fire", reminder.name.as_str()].map(str::to_owned))
            .collect();
        if let Some(note) = build_copy(&command) {
            writeln!(out, "# {}", sanitize(&note))?;
        }
        for cron in reminder.schedule.cron(&fire.join(" ")) {
            line(out, &cron)?;
        }
        return Ok(0);
    }
    let units = units_dir()?;
    reminders::write_units(&units, &reminder, &command).map_err(|e| {
        CliError::failed(format!(
            "could not write the timer into {}: {}",
            units.display(),
            crate::store::file::io_reason(&e)
        ))
    })?;
    let unit = remind::unit_name(&reminder.name);
    let (timer, _) = reminders::unit_paths(&units, &reminder.name);
    line(
        out,
        &format!(
            "Reminder {} {verb}: {what}, {}.{next}",
            reminder.name,
            reminder.schedule.summary()
        ),
    )?;
    line(out, &format!("Wrote {} and its .service.", timer.display()))?;
    if let Some(note) = build_copy(&command) {
        line(out, &note)?;
    }
    let enabled = systemctl(&["daemon-reload"])
        .and_then(|_| systemctl(&["enable", "--now", &format!("{unit}.timer")]));
    match enabled {
        Ok(_) => line(
            out,
            &format!(
                "The timer is on: `systemctl --user list-timers '{}*'` shows it.",
                remind::unit_name("")
            ),
        )?,
        Err(why) => {
            line(out, &format!("The timer is not on yet: {why}."))?;
            line(
                out,
                "When a systemd user manager runs (your desktop session), turn it on with:",
            )?;
            line(out, "  systemctl --user daemon-reload")?;
            line(
                out,
                &format!("  systemctl --user enable --now {unit}.timer"),
            )?;
            line(
                out,
                "Or let cron run it: the same `supple remind add` with --cron prints the crontab lines.",
            )?;
        }
    }
    Ok(0)
}

/// The program and leading arguments the timer runs: this supple, by its full
/// path, and the data folder when it is not the default one.
fn supple_command(data: Option<&Path>) -> Result<Vec<String>, CliError> {
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| {
            CliError::failed(format!(
                "could not find supple's own path: {}",
                crate::store::file::io_reason(&e)
            ))
        })?;
    let exe = word_for_units(
        &exe,
        "supple's own path",
        "install supple in a folder without one",
    )?;
    let mut command = vec![exe];
    if let Some(dir) = data
        && crate::store::paths::data_dir().as_deref() != Some(dir)
    {
        command.push("--data-dir".to_owned());
        command.push(word_for_units(
            dir,
            "the data folder (--data-dir or SUPPLE_DATA_DIR)",
            "use a folder without one",
        )?);
    }
    Ok(command)
}

/// `path` as a word for a systemd unit or a crontab line: UTF-8, with no line
/// break, control or disguising character (quoting cannot carry those safely into
/// every place the word goes: a unit, a crontab, a terminal).
fn word_for_units(path: &Path, what: &str, fix: &str) -> Result<String, CliError> {
    let text = path.to_str().ok_or_else(|| {
        CliError::failed(format!(
            "{what} is not UTF-8, so a timer cannot run it; {fix}"
        ))
    })?;
    if let Some((c, kind)) = crate::core::text::find_forbidden(text) {
        return Err(CliError::failed(format!(
            "{what} '{}' holds {} ({}), which cannot go into a systemd unit or a crontab line; {fix}",
            crate::core::text::truncate(&sanitize(text), 120),
            kind.describe(),
            crate::core::text::code_point(c)
        )));
    }
    Ok(text.to_owned())
}

/// A note when the timer would run a copy in cargo's build folder (`cargo run`),
/// which `cargo clean` deletes.
fn build_copy(command: &[String]) -> Option<String> {
    let exe = command.first()?;
    (exe.contains("/target/release/") || exe.contains("/target/debug/")).then(|| {
        format!(
            "Note: it runs {exe}, a build folder's copy; after `cargo install --path .`, add the reminder again so that it runs the installed supple."
        )
    })
}

/// Deletes the timer and service of `name`; whether there were any.
fn delete_units(units: &Path, name: &str) -> Result<bool, CliError> {
    reminders::remove_units(units, name).map_err(|e| {
        CliError::failed(format!(
            "could not delete the timer in {}: {}",
            units.display(),
            crate::store::file::io_reason(&e)
        ))
    })
}

/// Disables the timer of `name` (first, while systemd still knows it) and deletes
/// its units; why systemd was not told, if it was not.
fn stop_timer(units: &Path, name: &str) -> Result<Option<String>, CliError> {
    let told = systemctl(&[
        "disable",
        "--now",
        &format!("{}.timer", remind::unit_name(name)),
    ]);
    delete_units(units, name)?;
    let _ = systemctl(&["daemon-reload"]);
    Ok(told.err())
}

fn units_dir() -> Result<PathBuf, CliError> {
    crate::store::paths::systemd_user_dir().ok_or_else(|| {
        CliError::failed(
            "no folder for systemd units ($HOME is not set): set HOME or XDG_CONFIG_HOME",
        )
    })
}

/// `systemctl --user ARGS`, waited on for at most [`WAIT`].
fn systemctl(args: &[&str]) -> Result<String, String> {
    let mut command = Command::new("systemctl");
    command.arg("--user").args(args);
    run::run(command, WAIT).map_err(|e| {
        if e.contains("could not start") {
            "systemctl is not installed here".to_owned()
        } else {
            e
        }
    })
}

/// "Desk break", "Ice", "Today's plan".
fn starts_label(starts: &Starts, library: &Library) -> String {
    match starts {
        Starts::Routine(name) => library
            .resolve(name)
            .ok()
            .and_then(|e| e.routine.ok())
            .map_or_else(|| name.clone(), |r| r.name),
        Starts::Pack(t) => t.title().to_owned(),
        Starts::Today => "Today's plan".to_owned(),
    }
}

/// The command that starts it.
fn starts_command(starts: &Starts) -> String {
    match starts {
        Starts::Routine(name) => format!("supple play {name}"),
        Starts::Pack(t) => format!("supple {}", t.name()),
        Starts::Today => "supple today".to_owned(),
    }
}

fn load(config: &Path) -> Result<Vec<Reminder>, CliError> {
    reminders::load(config).map_err(|e| {
        CliError::failed(format!(
            "the reminders file cannot be used, and is left as it is; fix it (or move it away and add the reminders again):\n{}",
            e.to_string().trim_end()
        ))
    })
}

#[derive(serde::Serialize)]
struct Row {
    name: String,
    starts: String,
    command: String,
    when: String,
    next: Option<String>,
    /// "on", "off" (written, not enabled), "none" (cron, or not written).
    timer: &'static str,
    /// Whether it asks if anyone is there, and which signals answer here.
    presence: String,
}

fn list(out: &mut dyn Write, library: &Library, config: &Path, json: bool) -> Result<u8, CliError> {
    let all = load(config)?;
    let units = units_dir()?;
    let now = jiff::ZonedDateTime::now();
    // The signals an --every reminder asks here (only asked when one is listed).
    let asks = all
        .iter()
        .any(|r| matches!(r.schedule, Schedule::Every { .. }) && !r.always);
    // A terminal alone never says nobody is there (see core::presence), so it is
    // named only beside a signal of the whole session.
    let readings = if asks {
        crate::shell::presence::readings()
    } else {
        Vec::new()
    };
    let session = readings
        .iter()
        .any(|r| r.source != crate::core::presence::Source::Terminals);
    let signals: Vec<&str> = if session {
        readings.iter().map(|r| r.source.name()).collect()
    } else {
        Vec::new()
    };
    let presence = |r: &Reminder| -> String {
        match (&r.schedule, r.always) {
            (Schedule::At { .. }, _) => "at set times".to_owned(),
            (Schedule::Every { .. }, true) => "always (--always)".to_owned(),
            (Schedule::Every { .. }, false) if signals.is_empty() => {
                "no idle or lock signal here: on the clock".to_owned()
            }
            (Schedule::Every { .. }, false) => format!("asks {}", signals.join(", ")),
        }
    };
    let rows: Vec<Row> = all
        .iter()
        .map(|r| {
            let (written, enabled) = reminders::unit_state(&units, &r.name);
            Row {
                presence: presence(r),
                name: r.name.clone(),
                starts: starts_label(&r.starts, library),
                command: starts_command(&r.starts),
                when: r.schedule.summary(),
                next: r.schedule.next_after(now.datetime()).map(|t| t.to_string()),
                timer: match (written, enabled) {
                    (true, true) => "on",
                    (true, false) => "off",
                    (false, _) => "none",
                },
            }
        })
        .collect();
    if json {
        write_json(out, &rows)?;
        return Ok(0);
    }
    if rows.is_empty() {
        line(
            out,
            "No reminders yet. Add one: supple remind add desk-break --every 45m --between 09:00-17:30 --days mon-fri",
        )?;
        return Ok(0);
    }
    let width = |f: fn(&Row) -> &str, head: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0)
    };
    let (wn, ws, ww) = (
        width(|r| &r.name, "NAME"),
        width(|r| &r.starts, "STARTS"),
        width(|r| &r.when, "WHEN"),
    );
    line(
        out,
        &format!(
            "{:wn$}  {:ws$}  {:ww$}  {:16}  TIMER",
            "NAME", "STARTS", "WHEN", "NEXT"
        ),
    )?;
    for r in &rows {
        let next = r
            .next
            .as_deref()
            .and_then(|t| t.parse::<jiff::civil::DateTime>().ok())
            .map_or_else(
                || "-".to_owned(),
                |t| t.strftime("%a %-d %b %H:%M").to_string(),
            );
        let timer = match r.timer {
            "none" => "none (cron?)",
            other => other,
        };
        line(
            out,
            &format!(
                "{:wn$}  {:ws$}  {:ww$}  {next:16}  {timer}",
                r.name, r.starts, r.when
            ),
        )?;
    }
    for r in rows
        .iter()
        .filter(|r| r.presence.starts_with("asks") || r.presence.starts_with("no "))
    {
        line(out, &format!("{}: {}", r.name, r.presence))?;
    }
    if rows.iter().any(|r| r.timer == "off") {
        line(
            out,
            &format!(
                "A timer that is off is written but not on: systemctl --user enable --now {}NAME.timer",
                remind::unit_name("")
            ),
        )?;
    }
    Ok(0)
}

fn remove(out: &mut dyn Write, config: &Path, name: &str) -> Result<u8, CliError> {
    remind::check_name(name).map_err(CliError::usage)?;
    let units = units_dir()?;
    // The file, the units and systemd change under one lock.
    let lock = reminders::lock(config).map_err(CliError::failed)?;
    let written = reminders::unit_state(&units, name).0;
    let not_told = if written {
        stop_timer(&units, name)?
    } else {
        None
    };
    // A service left without its timer goes too.
    let removed_units = delete_units(&units, name)? || written;
    let forgotten = reminders::update(&lock, config, |all| {
        let before = all.len();
        all.retain(|r| r.name != name);
        before != all.len()
    })
    .map_err(CliError::failed)?;
    if !removed_units && !forgotten {
        return Err(CliError::failed(format!(
            "there is no reminder named '{}' (`supple remind list` shows them)",
            sanitize(name)
        )));
    }
    line(out, &format!("Reminder {name} removed."))?;
    if let Some(why) = not_told {
        line(
            out,
            &format!(
                "(systemd was not told, {why}; its timer files are gone, so it will not run again.)"
            ),
        )?;
    }
    if forgotten && !removed_units {
        line(
            out,
            "If cron runs it, delete its lines with `crontab -e` too.",
        )?;
    }
    Ok(0)
}

/// What a reminder says now, or why it says nothing.
enum Say {
    Notify { title: String, body: String },
    Quiet(String),
}

fn fire(
    out: &mut dyn Write,
    library: &Library,
    config: &Path,
    name: &str,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    let all = load(config)?;
    let Some(reminder) = all.iter().find(|r| r.name == name) else {
        return Err(CliError::failed(format!(
            "there is no reminder named '{}' in {} (its timer can go: supple remind remove {})",
            sanitize(name),
            reminders::file_path(config).display(),
            sanitize(name)
        )));
    };
    let now = jiff::Timestamp::now();
    let tz = jiff::tz::TimeZone::system();
    let state = crate::store::paths::state_dir();
    if let Some(quiet) = presence(out, reminder, library, state.as_deref(), now, &tz)? {
        line(out, &format!("{name}: nothing to remind ({quiet})."))?;
        return Ok(0);
    }
    let say = what_to_say(reminder, library, data, now, &tz)?;
    let (title, body) = match say {
        Say::Quiet(why) => {
            line(out, &format!("{name}: nothing to remind ({why})."))?;
            return Ok(0);
        }
        Say::Notify { title, body } => (title, body),
    };
    line(out, &format!("{title}: {body}"))?;
    // The notification and the hook together take at most WAIT.
    let deadline = std::time::Instant::now() + WAIT;
    let mut hooks = super::hooks();
    let announced = announce::reminder(&reminder.name, reminder.starts.word(), title, body);
    if let Some(hook) = &announced.hook {
        hooks.run(hook);
    }
    let (title, body) = (announced.title, announced.body);
    let notifier = crate::shell::alerts::Notifier::find();
    // Under cron there is no session bus address; the user's bus is in a known place.
    let mut env = Vec::new();
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        let bus = PathBuf::from(format!(
            "/run/user/{}/bus",
            rustix::process::getuid().as_raw()
        ));
        if bus.exists() {
            env.push((
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", bus.display()),
            ));
        }
    }
    // Buttons where the notification service shows them: put off, skip, start.
    let terminal = terminal();
    let sent =
        if crate::shell::presence::notifications_have_actions(&env) && notifier.takes_actions() {
            let mut actions = vec![("later", "In 10 minutes"), ("skip", "Skip")];
            if terminal.is_some() {
                actions.push(("start", "Start"));
            }
            match notifier.ask(&title, &body, &actions, &env, ACTIONS_WAIT) {
                Ok(Some(key)) => {
                    let done = act(&key, reminder, data, state.as_deref(), terminal, now, &tz);
                    line(out, &done)?;
                    Ok(())
                }
                Ok(None) => Ok(()),
                Err(e) => Err(e),
            }
        } else {
            notifier.send_and_wait(
                &title,
                &body,
                &env,
                deadline.saturating_duration_since(std::time::Instant::now()),
            )
        };
    let has_hook = hooks.has(crate::core::hook::Trigger::Reminder);
    let hook_ran = hooks.finish(deadline);
    let mut hook_failed = None;
    while let Some(problem) = hooks.problem() {
        hook_failed.get_or_insert(problem);
    }
    if let Some(problem) = &hook_failed {
        let _ = writeln!(io::stderr(), "supple: warning: {problem}");
    }
    match sent {
        Ok(()) => Ok(0),
        // The person's own reminder hook may be how they hear it.
        Err(why) if has_hook && hook_ran => {
            line(out, &format!("({why}; the reminder hook ran.)"))?;
            Ok(0)
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
    out: &mut dyn Write,
    reminder: &Reminder,
    library: &Library,
    state: Option<&Path>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<Option<String>, CliError> {
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
            io::stderr(),
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

/// The terminal to start a routine in from a notification: `$TERMINAL`, else
/// Debian's `x-terminal-emulator`.
fn terminal() -> Option<PathBuf> {
    let named = std::env::var_os("TERMINAL").filter(|t| !t.is_empty());
    let name = named.unwrap_or_else(|| "x-terminal-emulator".into());
    let path = PathBuf::from(&name);
    if path.is_absolute() {
        return path.is_file().then_some(path);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(&path))
            .find(|p| p.is_file())
    })
}

/// Carries out the button pressed on a reminder's notification; what happened,
/// in words.
fn act(
    key: &str,
    reminder: &Reminder,
    data: Option<&Path>,
    state: Option<&Path>,
    terminal: Option<PathBuf>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> String {
    let at = |t: jiff::Timestamp| crate::core::moment::time_of_day(t, tz);
    let name = &reminder.name;
    let Ok(mut command) = supple_command(data) else {
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

fn what_to_say(
    reminder: &Reminder,
    library: &Library,
    data: Option<&Path>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<Say, CliError> {
    let at = |t: jiff::Timestamp| crate::core::moment::time_of_day(t, tz);
    let since = reminder.fresh_since(now, tz);
    // A log that cannot be read is an error: never "not done yet" on a guess.
    let recent = || -> Result<Vec<crate::core::history::Record>, CliError> {
        match data.map(crate::store::log::log_path) {
            Some(p) => Ok(super::today::read_tail(&p, since)?.sessions),
            None => Ok(Vec::new()),
        }
    };
    let running_pack = || {
        crate::store::paths::state_dir()
            .and_then(|dir| super::status::running_pack(&dir))
            .is_some()
    };
    let command = starts_command(&reminder.starts);
    // A pack application counts as Today counts it: three quarters of the `on`.
    let pack_on = config_file()
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
            let plan = super::plan_from(*mode, &config_file().config, None, None, None);
            let (title, body) = announce::pack_reminder(*mode, plan, &command);
            Say::Notify { title, body }
        }
        Starts::Today => {
            if running_pack() {
                return Ok(Say::Quiet("a pack timer is running".to_owned()));
            }
            let told = super::today::with_today(library, data, now, tz, |t| {
                let stage = t.stage.map(|(_, s)| s.name.clone()).unwrap_or_default();
                match t.next {
                    Next::Done => Say::Quiet("all of today's plan is done".to_owned()),
                    Next::Emergency => Say::Quiet(
                        "an emergency answer stands: no exercise until `supple episode checked`"
                            .to_owned(),
                    ),
                    Next::Wait(i, when) => Say::Quiet(format!(
                        "{} is next, after {}",
                        super::today::label(t.items[i].item, library),
                        at(when)
                    )),
                    Next::Item(i) => {
                        let (title, body) = announce::today_reminder(
                            t.day,
                            &super::today::label(t.items[i].item, library),
                            &stage,
                            &super::today::command(t.items[i].item, t.pack_choice),
                        );
                        Say::Notify { title, body }
                    }
                }
            })?;
            told.unwrap_or_else(|| Say::Quiet("no episode is open".to_owned()))
        }
    })
}
