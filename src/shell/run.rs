//! Every other program supple starts runs on a deadline: a thread of its own
//! watches the process (not its pipes) and kills it, with its process group, when
//! the deadline passes, whether or not supple is looking. Dropping a [`Bounded`]
//! kills a process still running, so supple's exit never waits on one.
//! [`run`] runs a program to its end for a command that has nothing else to do:
//! `systemctl`, `notify-send` for `remind fire`.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// How often the watcher looks at its process.
const POLL: Duration = Duration::from_millis(20);

/// What came of a process so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Running,
    Exited(ExitStatus),
    /// Killed at its deadline.
    TimedOut,
    /// Killed because supple no longer wanted it (a newer sound, supple exiting).
    Stopped,
    /// It could not be waited for.
    Lost,
}

impl Outcome {
    /// Why it failed, in words; `None` when it ran or runs still.
    pub fn failure(self, limit: Duration) -> Option<String> {
        match self {
            Outcome::Running | Outcome::Stopped => None,
            Outcome::Exited(status) if status.success() => None,
            Outcome::Exited(status) => Some(match status.code() {
                Some(code) => format!("exit status {code}"),
                None => "stopped by a signal".to_owned(),
            }),
            Outcome::TimedOut => Some(format!(
                "still running after {}, so it was stopped",
                crate::core::duration::human(limit)
            )),
            Outcome::Lost => Some("it could not be waited for".to_owned()),
        }
    }
}

#[derive(Debug)]
struct State {
    child: Option<Child>,
    outcome: Outcome,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A process on a deadline.
#[derive(Debug)]
pub struct Bounded {
    shared: Arc<Shared>,
    pub limit: Duration,
}

/// Kills `child` and the process group it leads, and reaps it.
fn kill(child: &mut Child) {
    let _ = rustix::process::kill_process_group(
        rustix::process::Pid::from_child(child),
        rustix::process::Signal::KILL,
    );
    let _ = child.kill();
    let _ = child.wait();
}

impl Bounded {
    /// Starts `command` in a process group of its own, killed (with the group)
    /// once `limit` has passed.
    pub fn spawn(command: &mut Command, limit: Duration) -> std::io::Result<Bounded> {
        Bounded::watch(command.process_group(0).spawn()?, limit)
    }

    /// Puts `child` (started in a process group of its own) on a deadline.
    fn watch(child: Child, limit: Duration) -> std::io::Result<Bounded> {
        let deadline = Instant::now() + limit;
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                child: Some(child),
                outcome: Outcome::Running,
            }),
            changed: Condvar::new(),
        });
        let watched = Arc::clone(&shared);
        let watcher = thread::Builder::new()
            .name("supple-child".into())
            .spawn(move || watch(&watched, deadline));
        let bounded = Bounded { shared, limit };
        if let Err(e) = watcher {
            bounded.finish(Outcome::Stopped);
            return Err(e);
        }
        Ok(bounded)
    }

    /// What came of it so far, without waiting.
    pub fn outcome(&self) -> Outcome {
        self.shared.lock().outcome
    }

    /// Waits until it ends (at its deadline at the latest) or until `until`.
    pub fn wait_until(&self, until: Instant) -> Outcome {
        let mut state = self.shared.lock();
        loop {
            let now = Instant::now();
            if state.outcome != Outcome::Running || now >= until {
                return state.outcome;
            }
            state = match self.shared.changed.wait_timeout(state, until - now) {
                Ok((s, _)) => s,
                Err(e) => e.into_inner().0,
            };
        }
    }

    /// Kills it now if it still runs.
    pub fn stop(&self) {
        self.finish(Outcome::Stopped);
    }

    fn finish(&self, outcome: Outcome) {
        let mut state = self.shared.lock();
        if let Some(mut child) = state.child.take() {
            kill(&mut child);
            state.outcome = outcome;
            self.shared.changed.notify_all();
        }
    }

    /// Whether it still runs.
    pub fn running(&self) -> bool {
        self.outcome() == Outcome::Running
    }
}

impl Drop for Bounded {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The watcher: the process's end or its deadline, whichever comes first.
fn watch(shared: &Shared, deadline: Instant) {
    loop {
        {
            let mut state = shared.lock();
            let Some(child) = state.child.as_mut() else {
                return;
            };
            let outcome = match child.try_wait() {
                Ok(Some(status)) => Some(Outcome::Exited(status)),
                Ok(None) if Instant::now() >= deadline => {
                    kill(child);
                    Some(Outcome::TimedOut)
                }
                Ok(None) => None,
                Err(_) => {
                    kill(child);
                    Some(Outcome::Lost)
                }
            };
            if let Some(outcome) = outcome {
                state.child = None;
                state.outcome = outcome;
                shared.changed.notify_all();
                return;
            }
        }
        thread::sleep(POLL.min(deadline.saturating_duration_since(Instant::now())));
    }
}

/// Lets `children` end by themselves for up to `grace` (each within its own
/// deadline); whatever still runs then is killed when dropped.
pub fn settle<'a>(children: impl IntoIterator<Item = &'a Bounded>, grace: Duration) {
    let until = Instant::now() + grace;
    for child in children {
        child.wait_until(until);
    }
}

/// Runs `command` with no input, waiting up to `timeout`; a program still running
/// then is killed, with whatever it started. Returns its standard output, or why
/// it failed in words (its first line of standard error). A program that leaves
/// something behind holding its output open is not waited for past `timeout`.
pub fn run(mut command: Command, timeout: Duration) -> Result<String, String> {
    let name = command.get_program().to_string_lossy().into_owned();
    let name = crate::core::text::sanitize(&name).into_owned();
    let deadline = Instant::now() + timeout;
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut started = command
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{name} could not start ({})", reason(&e)))?;
    // The pipes are read on threads, so a chatty program never fills one and stalls.
    let (out, err) = (reader(started.stdout.take()), reader(started.stderr.take()));
    let child = Bounded::watch(started, timeout)
        .map_err(|e| format!("{name} could not be watched ({})", reason(&e)))?;
    let outcome = child.wait_until(deadline);
    match outcome {
        Outcome::Exited(_) => {}
        Outcome::Running | Outcome::TimedOut => {
            child.stop();
            return Err(format!(
                "{name} did not answer within {}",
                crate::core::duration::human(timeout)
            ));
        }
        Outcome::Stopped | Outcome::Lost => {
            return Err(format!("{name} could not be waited for"));
        }
    }
    // Its output: what is in the pipes by now, waiting a moment for their end
    // (something it left running may hold them open; that is not waited for).
    let settle = Instant::now() + Duration::from_millis(200);
    let out = out.take(settle);
    let err = err.take(settle);
    let Outcome::Exited(status) = outcome else {
        return Err(format!("{name} could not be waited for"));
    };
    if status.success() {
        return Ok(out);
    }
    let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let why = crate::core::text::sanitize(first.trim()).into_owned();
    Err(match (why.is_empty(), status.code()) {
        (false, _) => format!("{name}: {why}"),
        (true, Some(code)) => format!("{name} failed (exit status {code})"),
        (true, None) => format!("{name} was stopped by a signal"),
    })
}

/// Why a program could not start, in words (no raw OS error numbers).
pub fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found; is it installed?".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied; is it executable?".to_owned(),
        kind => kind.to_string(),
    }
}

/// A pipe read on a thread of its own, so a chatty program never fills one and
/// stalls, and a pipe held open by something else never holds supple up.
struct Pipe {
    bytes: Arc<Mutex<Vec<u8>>>,
    done: mpsc::Receiver<()>,
}

impl Pipe {
    /// What was read, once the pipe ended or `until` passed.
    fn take(self, until: Instant) -> String {
        let _ = self
            .done
            .recv_timeout(until.saturating_duration_since(Instant::now()));
        let bytes = self.bytes.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Up to 64 KiB of a pipe, read on a thread; the rest is drained.
fn reader(pipe: Option<impl Read + Send + 'static>) -> Pipe {
    let (tx, done) = mpsc::channel();
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&bytes);
    if let Some(mut pipe) = pipe {
        let _ = thread::Builder::new()
            .name("supple-pipe".into())
            .spawn(move || {
                let mut buf = [0u8; 4096];
                loop {
                    match pipe.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            if let Ok(mut b) = kept.lock() {
                                let room = (64 * 1024usize).saturating_sub(b.len());
                                b.extend_from_slice(&buf[..n.min(room)]);
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                let _ = tx.send(());
            });
    }
    Pipe { bytes, done }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_that_hangs_is_stopped() {
        let mut c = Command::new("sleep");
        c.arg("10");
        let started = Instant::now();
        let e = run(c, Duration::from_millis(200)).unwrap_err();
        assert!(e.contains("did not answer"), "{e}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn output_held_open_by_what_it_left_running_is_not_waited_for() {
        let mut c = Command::new("sh");
        c.args(["-c", "sleep 30 & echo sent"]);
        let started = Instant::now();
        assert_eq!(run(c, Duration::from_secs(10)).unwrap(), "sent\n");
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn a_process_is_killed_at_its_deadline_without_being_looked_at() {
        let mut c = Command::new("sleep");
        c.arg("30").stdin(Stdio::null());
        let child = Bounded::spawn(&mut c, Duration::from_millis(100)).unwrap();
        thread::sleep(Duration::from_millis(500));
        assert_eq!(child.outcome(), Outcome::TimedOut);
        let c = Bounded::spawn(Command::new("sleep").arg("30"), Duration::from_secs(60)).unwrap();
        let started = Instant::now();
        drop(c);
        assert!(started.elapsed() < Duration::from_secs(1), "dropping kills");
    }

    #[test]
    fn a_failure_says_why() {
        let mut c = Command::new("sh");
        c.args(["-c", "echo 'Failed to connect to bus' >&2; exit 1"]);
        assert_eq!(
            run(c, Duration::from_secs(5)).unwrap_err(),
            "sh: Failed to connect to bus"
        );
        let mut c = Command::new("sh");
        c.args(["-c", "echo hi"]);
        assert_eq!(run(c, Duration::from_secs(5)).unwrap(), "hi\n");
        let e = run(Command::new("/no/such/program"), Duration::from_secs(1)).unwrap_err();
        assert!(e.contains("could not start"), "{e}");
    }
}
