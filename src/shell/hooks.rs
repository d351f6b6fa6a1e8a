//! The person's own commands on supple's events (`[hooks]` in the config file).
//! Each is started without a shell, with no input and its output thrown away (a
//! hook must never draw over the screen), and what happened in `SUPPLE_*`
//! variables. Nothing waits on a hook: it runs beside supple and is reaped later,
//! and one still running after [`LIMIT`] is stopped; at supple's exit a hook
//! still running is given [`AT_EXIT`], then stopped. A failure is noted once per
//! event, never fatal.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::run::{Bounded, Outcome};

use crate::core::hook::{HookEvent, Trigger};

/// At most this many hooks running at once; an event beyond that is let go.
const AT_ONCE: usize = 8;

/// How long a hook may run.
pub const LIMIT: Duration = Duration::from_secs(60);

/// How long supple's exit lets hooks still running go on.
pub const AT_EXIT: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub struct Hooks {
    commands: Vec<(Trigger, Vec<String>)>,
    running: Vec<(Trigger, Bounded)>,
    /// Events whose failure was noted already.
    noted: Vec<Trigger>,
    problems: Vec<String>,
}

impl Hooks {
    pub fn new(commands: Vec<(Trigger, Vec<String>)>) -> Hooks {
        Hooks {
            commands,
            running: Vec::new(),
            noted: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Starts the hook of `what.trigger`, if there is one.
    pub fn run(&mut self, what: &HookEvent) {
        self.reap();
        let Some((_, words)) = self.commands.iter().find(|(e, _)| *e == what.trigger) else {
            return;
        };
        let Some((program, args)) = words.split_first() else {
            return;
        };
        if self.running.len() >= AT_ONCE {
            self.fail(
                what.trigger,
                format!("{AT_ONCE} hooks are still running, so this one was not started"),
            );
            return;
        }
        let mut command = Command::new(program);
        for name in crate::core::hook::NAMES {
            if what.get(name).is_none() {
                command.env_remove(name);
            }
        }
        command
            .args(args)
            .envs(what.vars().iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match Bounded::spawn(&mut command, LIMIT) {
            Ok(child) => self.running.push((what.trigger, child)),
            Err(e) => self.fail(
                what.trigger,
                format!("{program} could not start ({})", super::run::reason(&e)),
            ),
        }
    }

    fn fail(&mut self, event: Trigger, why: String) {
        if !self.noted.contains(&event) {
            self.noted.push(event);
            self.problems.push(format!(
                "The {} hook failed: {} (see [hooks] in the config file)",
                event.key(),
                crate::core::text::sanitize(&why)
            ));
        }
    }

    /// Collects finished hooks, noting the ones that failed.
    fn reap(&mut self) {
        let mut failed = Vec::new();
        self.running.retain(|(event, child)| {
            let outcome = child.outcome();
            if let Some(why) = outcome.failure(child.limit) {
                failed.push((*event, why));
            }
            outcome == Outcome::Running
        });
        for (event, why) in failed {
            self.fail(event, why);
        }
    }

    /// A failure not yet told, oldest first.
    pub fn problem(&mut self) -> Option<String> {
        self.reap();
        (!self.problems.is_empty()).then(|| self.problems.remove(0))
    }

    /// Waits for the hooks still running, until `until` at the latest; those
    /// still running then are stopped, and noted as failed. For a command that
    /// has nothing else to do (`remind fire`). `true` when every hook started
    /// ran to a good end.
    pub fn finish(&mut self, until: Instant) -> bool {
        self.finish_until(until)
    }

    /// [`Hooks::finish`], `within` from now (the shell reads the clock, so a
    /// command does not).
    pub fn finish_within(&mut self, within: std::time::Duration) -> bool {
        self.finish_until(Instant::now() + within)
    }

    fn finish_until(&mut self, until: Instant) -> bool {
        for (_, child) in &self.running {
            child.wait_until(until);
        }
        let late: Vec<Trigger> = self
            .running
            .iter()
            .filter(|(_, c)| c.running())
            .map(|(e, _)| *e)
            .collect();
        for event in late {
            self.fail(
                event,
                "it did not finish in time, so it was stopped".to_owned(),
            );
        }
        self.running.retain(|(_, c)| !c.running());
        self.reap();
        self.problems.is_empty()
    }

    /// Whether a hook is set for `event`.
    pub fn has(&self, event: Trigger) -> bool {
        self.commands.iter().any(|(e, _)| *e == event)
    }
}

impl Drop for Hooks {
    /// Hooks still running are given [`AT_EXIT`] to end, then stopped.
    fn drop(&mut self) {
        super::run::settle(self.running.iter().map(|(_, c)| c), AT_EXIT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn dir(test: &str) -> crate::scratch::Scratch {
        crate::scratch::Scratch::new(&format!("hooks-{test}"))
    }

    fn wait_all(h: &mut Hooks) {
        for (_, child) in &h.running {
            child.wait_until(Instant::now() + Duration::from_secs(10));
        }
    }

    #[test]
    fn a_hook_gets_the_event_in_its_environment_without_a_shell() {
        let d = dir("env");
        let out = d.join("env.txt");
        // `sh -c` here is the hook's own choice of program: supple adds no shell,
        // so the `$(...)` in the argument reaches it as text.
        let mut h = Hooks::new(vec![(
            Trigger::Switch,
            vec![
                "sh".into(),
                "-c".into(),
                format!(
                    "env | grep ^SUPPLE_ | sort > '{}'; printf '%s' \"$1\" >> '{}'",
                    out.display(),
                    out.display()
                ),
                "sh".into(),
                "$(touch pwned)".into(),
            ],
        )]);
        let e = HookEvent::new(Trigger::Switch)
            .with("SUPPLE_PHASE", "ice")
            .with("SUPPLE_ROUTINE", "Ice \u{1b}]0;x\u{7}");
        h.run(&e);
        h.run(&HookEvent::new(Trigger::Step));
        assert_eq!(h.running.len(), 1, "no hook for step");
        wait_all(&mut h);
        let env = fs::read_to_string(&out).unwrap();
        assert!(
            env.starts_with("SUPPLE_EVENT=switch\nSUPPLE_PHASE=ice\nSUPPLE_ROUTINE=Ice ^[]0;x^G\n"),
            "{env:?}"
        );
        assert!(env.ends_with("$(touch pwned)"), "{env:?}");
        assert_eq!(h.problem(), None);
    }

    #[test]
    fn failures_are_noted_once_per_event_and_never_fatal() {
        let mut h = Hooks::new(vec![
            (Trigger::Step, vec!["false".into()]),
            (Trigger::Finished, vec!["/no/such/hook".into()]),
        ]);
        for _ in 0..3 {
            h.run(&HookEvent::new(Trigger::Step));
            wait_all(&mut h);
        }
        h.run(&HookEvent::new(Trigger::Finished));
        let first = h.problem().unwrap();
        assert!(
            first.contains("The step hook failed: exit status 1"),
            "{first}"
        );
        let second = h.problem().unwrap();
        assert!(
            second.contains("The finished hook failed: /no/such/hook could not start"),
            "{second}"
        );
        assert_eq!(h.problem(), None, "each said once");
    }

    #[test]
    fn a_hook_that_hangs_holds_nothing_up() {
        let mut h = Hooks::new(vec![(Trigger::Step, vec!["sleep".into(), "30".into()])]);
        for _ in 0..10 {
            h.run(&HookEvent::new(Trigger::Step));
        }
        assert_eq!(h.running.len(), AT_ONCE);
        assert!(h.problem().unwrap().contains("still running"));
        let started = Instant::now();
        drop(h);
        assert!(started.elapsed() < AT_EXIT + Duration::from_secs(1));
    }
}
