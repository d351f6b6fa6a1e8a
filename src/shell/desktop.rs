//! What a command started by a timer needs from the desktop around it: the
//! session bus to notify on (cron gives none), the person's terminal program, and
//! supple's own path for the timers to run.

use std::path::PathBuf;

/// The session bus's address for a notification: nothing to add when the
/// environment names it; under cron, the user's bus where systemd puts it.
pub fn session_bus_env() -> Vec<(&'static str, String)> {
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
    env
}

/// The terminal to start a routine in from a notification: `$TERMINAL`, else
/// Debian's `x-terminal-emulator`, found on the `PATH`.
pub fn terminal() -> Option<PathBuf> {
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

/// This program's own path, every link resolved (what a timer runs).
pub fn own_path() -> std::io::Result<PathBuf> {
    std::env::current_exe().and_then(std::fs::canonicalize)
}
