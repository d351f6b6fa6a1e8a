//! What systemd and cron are given for a reminder: unit files and quoting.

use super::Reminder;

/// Quotes one argument for a systemd `ExecStart=` line: double quotes when it
/// needs them, `%` doubled (a specifier otherwise), `\` and `"` escaped.
pub fn systemd_quote(arg: &str) -> String {
    let escaped = arg
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%")
        .replace('$', "$$");
    if plain_word(&escaped) {
        escaped
    } else {
        format!("\"{escaped}\"")
    }
}

/// The unit files' base name: `supple-remind-NAME`.
pub fn unit_name(name: &str) -> String {
    format!("supple-remind-{name}")
}

/// The timer unit for `reminder`.
pub fn timer_unit(reminder: &Reminder) -> String {
    let mut out = format!(
        "# Written by `supple remind add {name}`; `supple remind remove {name}` deletes it.\n\
         [Unit]\n\
         Description=supple reminder {name}: {summary}\n\
         \n\
         [Timer]\n",
        name = reminder.name,
        summary = reminder.schedule.summary(),
    );
    for expr in reminder.schedule.on_calendar() {
        out.push_str(&format!("OnCalendar={expr}\n"));
    }
    // A reminder missed while the computer was off is not worth giving late.
    out.push_str(&format!(
        "AccuracySec=30s\nUnit={}.service\n\n[Install]\nWantedBy=timers.target\n",
        unit_name(&reminder.name)
    ));
    out
}

/// The service unit the timer starts: `supple remind fire NAME`, with `command`
/// the program and its leading arguments (already absolute).
pub fn service_unit(reminder: &Reminder, command: &[String]) -> String {
    let exec: Vec<String> = command
        .iter()
        .map(|a| systemd_quote(a))
        .chain(["remind", "fire", reminder.name.as_str()].map(str::to_owned))
        .collect();
    format!(
        "# Written by `supple remind add {name}`; `supple remind remove {name}` deletes it.\n\
         [Unit]\n\
         Description=supple reminder {name}\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={exec}\n",
        name = reminder.name,
        exec = exec.join(" "),
    )
}

/// Quotes one word for a crontab command (run by `sh`; `%` means a new line to cron).
pub fn cron_quote(arg: &str) -> String {
    if plain_word(arg) {
        return arg.to_owned();
    }
    format!("'{}'", arg.replace('\'', "'\\''").replace('%', "\\%"))
}

/// A word that needs no quoting for systemd or sh: letters, digits and `/-_.=:,+@`.
fn plain_word(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.=:,+@".contains(&b))
}
