//! What a reminder's timer runs, and telling systemd: the units written and
//! removed, `systemctl --user`, and the words for what a reminder starts.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::WAIT;
use crate::cmd::{CliError, Ctx};
use crate::core::remind::{self, Reminder, Starts};
use crate::core::text::sanitize;
use crate::shell::run;
use crate::store::library::Library;
use crate::store::reminders;

/// The program and leading arguments the timer runs: this supple, by its full
/// path, and the data folder when it is not the default one.
pub(super) fn supple_command(ctx: &Ctx) -> Result<Vec<String>, CliError> {
    let exe = crate::shell::desktop::own_path().map_err(|e| {
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
    if let Some(dir) = ctx.data()
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
pub(super) fn word_for_units(path: &Path, what: &str, fix: &str) -> Result<String, CliError> {
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
pub(super) fn build_copy(command: &[String]) -> Option<String> {
    let exe = command.first()?;
    (exe.contains("/target/release/") || exe.contains("/target/debug/")).then(|| {
        format!(
            "Note: it runs {exe}, a build folder's copy; after `cargo install --path .`, add the reminder again so that it runs the installed supple."
        )
    })
}

/// Deletes the timer and service of `name`; whether there were any.
pub(super) fn delete_units(units: &Path, name: &str) -> Result<bool, CliError> {
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
pub(super) fn stop_timer(units: &Path, name: &str) -> Result<Option<String>, CliError> {
    let told = systemctl(&[
        "disable",
        "--now",
        &format!("{}.timer", remind::unit_name(name)),
    ]);
    delete_units(units, name)?;
    let _ = systemctl(&["daemon-reload"]);
    Ok(told.err())
}

pub(super) fn units_dir() -> Result<PathBuf, CliError> {
    crate::store::paths::systemd_user_dir().ok_or_else(|| {
        CliError::failed(
            "no folder for systemd units ($HOME is not set): set HOME or XDG_CONFIG_HOME",
        )
    })
}

/// `systemctl --user ARGS`, waited on for at most [`WAIT`].
pub(super) fn systemctl(args: &[&str]) -> Result<String, String> {
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
pub(super) fn starts_label(starts: &Starts, library: &Library) -> String {
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
pub(super) fn starts_command(starts: &Starts) -> String {
    match starts {
        Starts::Routine(name) => format!("supple play {name}"),
        Starts::Pack(t) => format!("supple {}", t.name()),
        Starts::Today => "supple today".to_owned(),
    }
}

pub(super) fn load(config: &Path) -> Result<Vec<Reminder>, CliError> {
    reminders::load(config).map_err(|e| {
        CliError::failed(format!(
            "the reminders file cannot be used, and is left as it is; fix it (or move it away and add the reminders again):\n{}",
            e.to_string().trim_end()
        ))
    })
}
