//! `supple remind`: reminders that come when supple is not open. systemd runs them:
//! `add` writes a user timer and service and enables the timer; the service runs
//! `supple remind fire NAME` (`fire.rs`), which sends a desktop notification, or
//! nothing when what it asks for is already done. `--cron` prints crontab lines
//! instead. What the timers run and how systemd is told: `units.rs`.

mod fire;
mod units;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::complete;
use super::{CliError, Ctx, line, write_json};
use crate::core::remind::{self, Days, Reminder, Schedule, Starts};
use crate::core::text::sanitize;
use crate::store::reminders;
use units::{
    build_copy, delete_units, load, starts_command, starts_label, stop_timer, supple_command,
    systemctl, units_dir,
};

/// The longest supple waits for `systemctl` or `notify-send`.
const WAIT: Duration = Duration::from_secs(10);

/// Reminders that come when supple is not open: a desk break every 45 minutes,
/// today's plan at set times. systemd user timers run them (or cron, with --cron).
///
/// `supple remind add desk-break --every 45m --between 09:00-17:30 --days mon-fri`,
/// `supple remind add today --at 09:00,13:00,19:00`, `supple remind` (or `remind
/// list`) to see them, `supple remind remove desk-break`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Without one: `list`.
    #[command(subcommand)]
    pub action: Option<RemindCmd>,
}

#[derive(Debug, clap::Subcommand)]
pub enum RemindCmd {
    /// Add a reminder (or change the one of that name) and start its timer.
    ///
    /// It writes a systemd user timer and service to ~/.config/systemd/user/ and
    /// enables the timer when a user manager is running (else it says how). At each
    /// time the service runs `supple remind fire NAME`: a desktop notification naming
    /// what to do and the command that starts it, or nothing when that is already
    /// done (today, for --at; within the interval, for --every).
    #[command(group(clap::ArgGroup::new("when").required(true).args(["every", "at"])))]
    Add {
        /// The reminder's name: letters, digits, - and _. A routine's name, ice,
        /// heat, contrast or today also says what it starts.
        #[arg(add = complete::starts())]
        name: String,
        /// What it starts: a routine, ice, heat, contrast, or today (the plan's next
        /// open item). Default: the name.
        #[arg(long, value_name = "WHAT", add = complete::starts())]
        starts: Option<String>,
        /// How often (for example 45m, 1h30m): 5m to 12h.
        #[arg(long, value_name = "DURATION", value_parser = super::values::every)]
        every: Option<std::time::Duration>,
        /// The hours it comes in, with --every (for example 09:00-17:30; default all day).
        #[arg(long, value_name = "FROM-TO", requires = "every")]
        between: Option<String>,
        /// Times of day instead (for example 09:00,13:00,19:00).
        #[arg(long, value_name = "TIMES")]
        at: Option<String>,
        /// Which days (for example mon-fri, mon,wed,fri, weekends; default daily).
        #[arg(long, value_name = "DAYS", default_value = "daily")]
        days: String,
        /// Print crontab lines instead of writing systemd units.
        #[arg(long)]
        cron: bool,
        /// With --every: fire on the clock even when nobody is at the computer. By
        /// default an --every reminder stays quiet while the session is idle or
        /// locked, and time away (idle, locked or asleep) as long as the break
        /// counts as one: the interval starts again from the return.
        #[arg(long, requires = "every")]
        always: bool,
    },
    /// Every reminder: what it starts, when, the next time, and its timer.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Stop a reminder: disable and delete its timer and forget it.
    Remove {
        /// The reminder's name (`supple remind list` shows them).
        #[arg(add = complete::reminder())]
        name: String,
    },
    /// What the timer runs: sends the reminder's notification now (nothing when it
    /// is already done).
    Fire {
        /// The reminder's name.
        #[arg(add = complete::reminder())]
        name: String,
    },
}

/// `remind add`'s flags.
struct AddFlags {
    name: String,
    starts: Option<String>,
    every: Option<Duration>,
    between: Option<String>,
    at: Option<String>,
    days: String,
    cron: bool,
    always: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let config = ctx.config_dir.clone().ok_or_else(|| {
        CliError::failed("no config folder ($HOME is not set): set HOME or XDG_CONFIG_HOME")
    })?;
    let mut out = ctx.out();
    let out = &mut *out;
    match args.action.unwrap_or(RemindCmd::List { json: false }) {
        RemindCmd::Add {
            name,
            starts,
            every,
            between,
            at,
            days,
            cron,
            always,
        } => add(
            ctx,
            out,
            &config,
            AddFlags {
                name,
                starts,
                every,
                between,
                at,
                days,
                cron,
                always,
            },
        ),
        RemindCmd::List { json } => list(ctx, out, &config, json),
        RemindCmd::Remove { name } => remove(out, &config, &name),
        RemindCmd::Fire { name } => fire::fire(ctx, out, &config, &name),
    }
}

fn add(
    ctx: &Ctx,
    out: &mut dyn Write,
    config: &Path,
    flags: AddFlags,
) -> Result<ExitCode, CliError> {
    let library = &ctx.library;
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
    let command = supple_command(ctx)?;
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
    let now = ctx.now.to_zoned_datetime(ctx.tz.clone());
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
        return Ok(ExitCode::SUCCESS);
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
    Ok(ExitCode::SUCCESS)
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

fn list(ctx: &Ctx, out: &mut dyn Write, config: &Path, json: bool) -> Result<ExitCode, CliError> {
    let library = &ctx.library;
    let all = load(config)?;
    let units = units_dir()?;
    let now = ctx.now.to_zoned_datetime(ctx.tz.clone());
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
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        line(
            out,
            "No reminders yet. Add one: supple remind add desk-break --every 45m --between 09:00-17:30 --days mon-fri",
        )?;
        return Ok(ExitCode::SUCCESS);
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
    Ok(ExitCode::SUCCESS)
}

fn remove(out: &mut dyn Write, config: &Path, name: &str) -> Result<ExitCode, CliError> {
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
    Ok(ExitCode::SUCCESS)
}
