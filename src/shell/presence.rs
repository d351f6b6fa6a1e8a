//! Asking the session whether anyone is there, through the engines it already
//! runs: logind on the system bus, GNOME's idle monitor and the freedesktop screen
//! saver on the session bus (each through `busctl`, systemd's own D-Bus client, on
//! a deadline), and the terminals' last input (the access time of the person's
//! ttys, as `w` shows it). Whatever answers is kept; what the readings mean is
//! [`crate::core::presence`].

use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::core::presence::{self as p, Reading, Source};

/// How long one question to the bus may take.
const ASK: Duration = Duration::from_secs(2);

/// Every signal that answers here now.
pub fn readings() -> Vec<Reading> {
    [logind(), mutter(), screen_saver(), terminals()]
        .into_iter()
        .flatten()
        .collect()
}

/// Runs `busctl ARGS` (`--user` for the session bus) and returns its output.
fn busctl(user: bool, args: &[&str]) -> Option<String> {
    let mut c = Command::new("busctl");
    if user {
        c.arg("--user");
    }
    c.arg("--timeout=1").args(args);
    crate::shell::run::run(c, ASK).ok()
}

/// logind's view of this user: idle since when, and whether the graphical
/// session is locked.
fn logind() -> Option<Reading> {
    const USER: &str = "/org/freedesktop/login1/user/self";
    const DEST: &str = "org.freedesktop.login1";
    let out = busctl(
        false,
        &[
            "get-property",
            DEST,
            USER,
            "org.freedesktop.login1.User",
            "IdleHint",
            "IdleSinceHint",
            "Display",
        ],
    )?;
    let lines: Vec<&str> = out.lines().collect();
    let idle_hint = p::bool_value(lines.first()?)?;
    let since_us = lines.get(1).and_then(|l| p::number_value(l)).unwrap_or(0);
    let idle = if idle_hint && since_us > 0 {
        let since = SystemTime::UNIX_EPOCH + Duration::from_micros(since_us);
        SystemTime::now().duration_since(since).unwrap_or_default()
    } else {
        Duration::ZERO
    };
    let locked = lines
        .get(2)
        .and_then(|l| p::display_session(l))
        .and_then(|session| {
            busctl(
                false,
                &[
                    "get-property",
                    DEST,
                    &session,
                    "org.freedesktop.login1.Session",
                    "LockedHint",
                ],
            )
        })
        .and_then(|l| p::bool_value(&l))
        .unwrap_or(false);
    Some(Reading {
        source: Source::Logind,
        idle,
        locked,
    })
}

/// GNOME's idle time (milliseconds since the last input).
fn mutter() -> Option<Reading> {
    let out = busctl(
        true,
        &[
            "call",
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor",
            "GetIdletime",
        ],
    )?;
    Some(Reading {
        source: Source::Mutter,
        idle: Duration::from_millis(p::number_value(&out)?),
        locked: false,
    })
}

/// The freedesktop screen saver: idle seconds, and whether it is on.
fn screen_saver() -> Option<Reading> {
    let call = |method: &str| {
        busctl(
            true,
            &[
                "call",
                "org.freedesktop.ScreenSaver",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver",
                method,
            ],
        )
    };
    let idle = p::number_value(&call("GetSessionIdleTime")?)?;
    let active = call("GetActive")
        .and_then(|o| p::bool_value(&o))
        .unwrap_or(false);
    Some(Reading {
        source: Source::ScreenSaver,
        idle: Duration::from_secs(idle),
        locked: active,
    })
}

/// The person's terminals: the newest input on a tty they own.
fn terminals() -> Option<Reading> {
    use std::os::unix::fs::MetadataExt;
    let uid = rustix::process::getuid().as_raw();
    let mut newest: Option<SystemTime> = None;
    for dir in ["/dev/pts", "/dev"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten().take(4096) {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let tty = dir == "/dev/pts" || (name.starts_with("tty") && name.len() > 3);
            if !tty || name == "ptmx" {
                continue;
            }
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.uid() != uid {
                continue;
            }
            if let Ok(at) = meta.accessed() {
                newest = Some(newest.map_or(at, |n| n.max(at)));
            }
        }
    }
    let idle = SystemTime::now()
        .duration_since(newest?)
        .unwrap_or_default();
    Some(Reading {
        source: Source::Terminals,
        idle,
        locked: false,
    })
}

/// Whether the notification service shows buttons (the `actions` capability).
pub fn notifications_have_actions(env: &[(&str, String)]) -> bool {
    let mut c = Command::new("busctl");
    c.args([
        "--user",
        "--timeout=1",
        "call",
        "org.freedesktop.Notifications",
        "/org/freedesktop/Notifications",
        "org.freedesktop.Notifications",
        "GetCapabilities",
    ]);
    for (k, v) in env {
        c.env(k, v);
    }
    crate::shell::run::run(c, ASK)
        .map(|out| p::strings_value(&out).iter().any(|c| c == "actions"))
        .unwrap_or(false)
}
