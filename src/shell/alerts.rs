//! Alerts through other programs: spoken cues through a speech program, and desktop
//! notifications through `notify-send`, when they are installed. Neither ever
//! blocks: the program runs in the background and is reaped later. A new spoken
//! line cuts off an old one still speaking, so announcements never pile up.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::run::{Bounded, Outcome};

use crate::core::text::sanitize;

/// The longest a spoken line may take.
const SPEAKING: Duration = Duration::from_secs(30);

/// The longest `notify-send` may take to hand a notification over.
const SENDING: Duration = Duration::from_secs(10);

/// How long supple's exit lets a notification still being sent go on.
const AT_EXIT: Duration = Duration::from_millis(500);

/// The speech programs supple knows, in order of preference, with their arguments.
const PROGRAMS: &[(&str, &[&str])] = &[("espeak-ng", &[]), ("spd-say", &[]), ("say", &[])];

#[derive(Debug)]
pub struct Voice {
    program: PathBuf,
    args: &'static [&'static str],
    speaking: Option<Bounded>,
}

impl Voice {
    /// The first speech program found on `PATH`, if any.
    pub fn find() -> Option<Voice> {
        PROGRAMS.iter().find_map(|(name, args)| {
            find_program(name).map(|program| Voice {
                program,
                args,
                speaking: None,
            })
        })
    }

    /// The names supple looks for, for messages.
    pub fn known() -> String {
        PROGRAMS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Says `text` in the background, cutting off whatever is still being said.
    pub fn say(&mut self, text: &str) {
        self.stop();
        let clean = sanitize(text);
        let mut command = Command::new(&self.program);
        command
            .args(self.args)
            .arg(clean.as_ref())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        self.speaking = Bounded::spawn(&mut command, SPEAKING).ok();
    }

    /// Lets the line being said finish, waiting up to `grace` (then it is
    /// stopped): a line mode that ends right after its last cue would cut off
    /// its last words ("Session complete. Take the pack off.").
    pub fn finish(&mut self, grace: Duration) {
        super::run::settle(&self.speaking, grace);
        self.stop();
    }

    /// Stops speaking (the process is killed and reaped).
    pub fn stop(&mut self) {
        self.speaking = None;
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The first executable called `name` on `PATH`.
pub(crate) fn find_program(name: &str) -> Option<PathBuf> {
    find_in(name, &env::var_os("PATH")?)
}

/// The first executable called `name` in the folders of `path` (as `PATH` lists them).
pub(crate) fn find_in(name: &str, path: &std::ffi::OsStr) -> Option<PathBuf> {
    env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// Desktop notifications through `notify-send` (libnotify), where there is one.
#[derive(Debug)]
pub struct Notifier {
    program: Option<PathBuf>,
    sent: Vec<Bounded>,
    /// A problem to tell the person about, once.
    problem: Option<String>,
    told: bool,
}

impl Notifier {
    pub fn find() -> Notifier {
        let program = find_program("notify-send");
        let problem = program.is_none().then(|| {
            "No desktop notifications here (notify-send not found): the bell and the window title will tell you".to_owned()
        });
        Notifier {
            program,
            sent: Vec::new(),
            problem,
            told: false,
        }
    }

    /// Shows a notification in the background.
    pub fn send(&mut self, title: &str, body: &str) {
        self.reap();
        let Some(program) = &self.program else {
            return;
        };
        let mut command = notify_send(program, title, body);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match Bounded::spawn(&mut command, SENDING) {
            Ok(child) => self.sent.push(child),
            Err(e) => {
                self.problem = Some(format!(
                    "Desktop notifications failed (notify-send could not start: {})",
                    super::run::reason(&e)
                ));
            }
        }
    }

    /// Shows a notification and waits (up to `timeout`) for the service to take
    /// it, for a command that has nothing else to do: `supple remind fire`. `env`
    /// is added to notify-send's environment (a session bus address under cron).
    pub fn send_and_wait(
        &self,
        title: &str,
        body: &str,
        env: &[(&str, String)],
        timeout: std::time::Duration,
    ) -> Result<(), String> {
        let Some(program) = &self.program else {
            return Err(
                "no desktop notifications here: notify-send is not installed (the libnotify-bin package on Debian and Ubuntu, libnotify elsewhere)"
                    .to_owned(),
            );
        };
        let mut command = notify_send(program, title, body);
        command.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        crate::shell::run::run(command, timeout)
            .map(drop)
            .map_err(|e| format!("the desktop notification was not shown: {e}"))
    }

    /// Shows a notification with buttons (`actions`: key and label) and waits up
    /// to `timeout` for one to be pressed: the key pressed, or `None` when the
    /// notification was closed or the time passed (notify-send is then stopped).
    pub fn ask(
        &self,
        title: &str,
        body: &str,
        actions: &[(&str, &str)],
        env: &[(&str, String)],
        timeout: std::time::Duration,
    ) -> Result<Option<String>, String> {
        let Some(program) = &self.program else {
            return Err(
                "no desktop notifications here: notify-send is not installed (the libnotify-bin package on Debian and Ubuntu, libnotify elsewhere)"
                    .to_owned(),
            );
        };
        let mut command = Command::new(program);
        command.arg("--app-name=supple");
        for (key, label) in actions {
            command.arg(format!("--action={key}={label}"));
        }
        command
            .arg("--")
            .arg(sanitize(title).as_ref())
            .arg(sanitize(body).as_ref());
        command.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        match crate::shell::run::run(command, timeout) {
            Ok(out) => {
                let key = out.trim();
                Ok(actions
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(k, _)| (*k).to_owned()))
            }
            Err(e) if e.contains("did not answer within") => Ok(None),
            Err(e) => Err(format!("the desktop notification was not shown: {e}")),
        }
    }

    /// Whether this notify-send takes `--action` (libnotify 0.7.10 and later).
    pub fn takes_actions(&self) -> bool {
        let Some(program) = &self.program else {
            return false;
        };
        let mut command = Command::new(program);
        command.arg("--help");
        crate::shell::run::run(command, std::time::Duration::from_secs(2))
            .is_ok_and(|help| help.contains("--action"))
    }

    /// Collects finished notify-send runs; one that failed means no service answered.
    fn reap(&mut self) {
        let mut failed = false;
        self.sent.retain(|child| {
            let outcome = child.outcome();
            failed |= outcome.failure(child.limit).is_some();
            outcome == Outcome::Running
        });
        if failed && self.problem.is_none() {
            self.problem = Some(
                "No desktop notification service answered: the bell and the window title will tell you"
                    .to_owned(),
            );
            self.program = None;
        }
    }

    /// The problem to report, the first time it is asked for.
    pub fn problem(&mut self) -> Option<String> {
        self.reap();
        if self.told {
            return None;
        }
        let problem = self.problem.clone();
        self.told = problem.is_some();
        problem
    }
}

/// `notify-send --app-name=supple -- TITLE BODY`, the text made safe.
fn notify_send(program: &Path, title: &str, body: &str) -> Command {
    let mut command = Command::new(program);
    command
        .args(["--app-name=supple", "--"])
        .arg(sanitize(title).as_ref())
        .arg(sanitize(body).as_ref());
    command
}

impl Drop for Notifier {
    /// A notification still being handed over is given [`AT_EXIT`], then stopped.
    fn drop(&mut self) {
        super::run::settle(&self.sent, AT_EXIT);
    }
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::scratch::Scratch;
    use std::fs;

    const HOSTILE: &str = "Ice \u{1b}]0;pwned\u{7} on \u{9b}2J \u{202e}gnorw\u{200b} \u{1b}[31mred";

    /// A stand-in program in `dir` that writes its arguments, one per line, to a
    /// log beside it: (the program, the log).
    pub(crate) fn recorder_in(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
        let log = dir.join(format!("{name}.args.log"));
        let program = dir.join(format!("{name}.recorder"));
        let script = format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '{}'\n",
            log.display()
        );
        write_program(&program, &script);
        (program, log)
    }

    /// [`recorder_in`] a folder of its own, kept while the first is.
    fn recorder(test: &str) -> (Scratch, PathBuf, PathBuf) {
        let dir = Scratch::new(&format!("alerts-{test}"));
        let (program, log) = recorder_in(&dir, "program");
        (dir, program, log)
    }

    /// Writes an executable script. Written by another process: a file this
    /// (multi-threaded) test process has open for writing can be inherited across
    /// another test's fork, and then running it fails with "text file busy".
    pub(crate) fn write_program(path: &Path, text: &str) {
        let mut writer = std::process::Command::new("sh")
            .args(["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh"])
            .arg(path)
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(writer.stdin.as_mut().unwrap(), text.as_bytes()).unwrap();
        drop(writer.stdin.take());
        assert!(writer.wait().unwrap().success());
    }

    fn assert_args_clean(log: &Path) -> String {
        let args = fs::read_to_string(log).unwrap();
        assert!(
            args.contains("pwned"),
            "the text itself should arrive: {args:?}"
        );
        for line in args.lines() {
            assert!(
                crate::core::text::find_forbidden(line).is_none(),
                "raw text in {line:?}"
            );
        }
        args
    }

    #[test]
    fn notifications_carry_no_raw_control_or_disguising_characters() {
        let (_dir, program, log) = recorder("notify");
        let mut n = Notifier {
            program: Some(program),
            sent: Vec::new(),
            problem: None,
            told: false,
        };
        n.send(HOSTILE, HOSTILE);
        super::super::run::settle(&n.sent, Duration::from_secs(10));
        let args = assert_args_clean(&log);
        assert!(args.starts_with("--app-name=supple\n--\n"), "{args:?}");
    }

    #[test]
    fn spoken_text_carries_no_raw_control_or_disguising_characters() {
        let (_dir, program, log) = recorder("voice");
        let mut v = Voice {
            program,
            args: &[],
            speaking: None,
        };
        v.say(HOSTILE);
        let speaking = v.speaking.take().unwrap();
        super::super::run::settle([&speaking], Duration::from_secs(10));
        assert_args_clean(&log);
    }
}
