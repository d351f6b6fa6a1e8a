//! The reminders on disk: `reminders.toml` in the config folder (the format is in
//! [`crate::core::remind`]) and the systemd user units written from it, one timer
//! and one service per reminder in `$XDG_CONFIG_HOME/systemd/user/`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::remind::{self, Reminder};
use crate::core::toml_check::{LoadError, Problem};
use crate::store::file::{self, FileError};

/// `reminders.toml` in `config_dir`.
pub fn file_path(config_dir: &Path) -> PathBuf {
    config_dir.join("reminders.toml")
}

/// Every reminder on file; a missing file is none. A damaged one is an error that
/// names the place, and is never overwritten.
pub fn load(config_dir: &Path) -> Result<Vec<Reminder>, LoadError> {
    let path = file_path(config_dir);
    let origin = path.display().to_string();
    let text = match file::read_text(&path, file::REMINDERS) {
        Ok(text) => text,
        Err(FileError::Missing) => return Ok(Vec::new()),
        Err(why) => return Err(LoadError::unreadable(origin, why.to_string())),
    };
    remind::parse(&text).map_err(|diagnostic| LoadError {
        origin,
        problem: Problem::Invalid {
            source: text,
            diagnostics: vec![diagnostic],
        },
    })
}

/// The reminders' lock: every change (the file, the units, systemd) happens
/// while one is held, so two `supple remind` never interleave.
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

/// Takes the reminders' lock in `config_dir`, waiting for another supple.
pub fn lock(config_dir: &Path) -> Result<Lock, String> {
    fs::create_dir_all(config_dir).map_err(|e| {
        format!(
            "could not make the folder {}: {}",
            config_dir.display(),
            file::io_reason(&e)
        )
    })?;
    let path = config_dir.join(".reminders.lock");
    match file::lock(&path, true) {
        Ok(Some(file)) => Ok(Lock { _file: file }),
        Ok(None) => Err("could not lock the reminders file".to_owned()),
        Err(e) => Err(format!(
            "could not lock the reminders file ({}): {}",
            path.display(),
            file::io_reason(&e)
        )),
    }
}

/// Changes the reminders with `change` (under `_lock`) and writes the file,
/// checked first as supple will read it back; `change` returning `Err` writes
/// nothing. Returns what `change` returned.
pub fn update<T>(
    _lock: &Lock,
    config_dir: &Path,
    change: impl FnOnce(&mut Vec<Reminder>) -> T,
) -> Result<T, String> {
    let mut reminders = load(config_dir).map_err(|e| e.to_string())?;
    let result = change(&mut reminders);
    let path = file_path(config_dir);
    let text = remind::to_checked_toml(&reminders)?;
    file::write_atomic(&path, text.as_bytes()).map_err(|e| {
        format!(
            "could not write {}: {}",
            path.display(),
            file::io_reason(&e)
        )
    })?;
    Ok(result)
}

/// The timer's and the service's paths in `units_dir`.
pub fn unit_paths(units_dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let base = remind::unit_name(name);
    (
        units_dir.join(format!("{base}.timer")),
        units_dir.join(format!("{base}.service")),
    )
}

/// Writes the timer and service of `reminder`; `command` starts supple.
pub fn write_units(units_dir: &Path, reminder: &Reminder, command: &[String]) -> io::Result<()> {
    let (timer, service) = unit_paths(units_dir, &reminder.name);
    file::write_atomic(&service, remind::service_unit(reminder, command).as_bytes())?;
    file::write_atomic(&timer, remind::timer_unit(reminder).as_bytes())
}

/// Removes the timer and service of `name` (and an enable link left behind).
/// Returns whether there was anything to remove.
pub fn remove_units(units_dir: &Path, name: &str) -> io::Result<bool> {
    let (timer, service) = unit_paths(units_dir, name);
    let link = enable_link(units_dir, name);
    let mut any = false;
    for path in [link, timer, service] {
        match fs::remove_file(&path) {
            Ok(()) => any = true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(any)
}

/// Where `systemctl --user enable` links the timer.
pub fn enable_link(units_dir: &Path, name: &str) -> PathBuf {
    units_dir
        .join("timers.target.wants")
        .join(format!("{}.timer", remind::unit_name(name)))
}

/// Whether the timer of `name` is written, and whether it is enabled.
pub fn unit_state(units_dir: &Path, name: &str) -> (bool, bool) {
    let (timer, _) = unit_paths(units_dir, name);
    (
        timer.is_file(),
        fs::symlink_metadata(enable_link(units_dir, name)).is_ok(),
    )
}

/// Where reminder `name` keeps what it remembers between firings (whether the
/// person was away, the end of the last break): `$XDG_STATE_HOME/supple/reminders/`.
pub fn memory_path(state_dir: &Path, name: &str) -> PathBuf {
    state_dir.join("reminders").join(format!("{name}.json"))
}

/// What reminder `name` remembered; nothing, when there is no file or it cannot
/// be read (a damaged memory is forgotten, never an error: it holds only times).
pub fn memory(state_dir: &Path, name: &str) -> crate::core::presence::Memory {
    file::read_text(&memory_path(state_dir, name), file::REMINDER_STATE)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Keeps what reminder `name` remembers (replaced whole).
pub fn remember(
    state_dir: &Path,
    name: &str,
    memory: &crate::core::presence::Memory,
) -> io::Result<()> {
    let path = memory_path(state_dir, name);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_string(memory).map_err(io::Error::other)?;
    file::write_atomic(&path, text.as_bytes())
}
