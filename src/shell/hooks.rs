//! The person's own commands on supple's events (`[hooks]` in the config file).
//! Each is started without a shell, with no input and its output thrown away (a
//! hook must never draw over the screen), and what happened in `SUPPLE_*`
//! variables. Nothing waits on a hook: it runs beside supple and is reaped later.
//! A failure is noted once per event, never fatal.

use std::process::{Child, Command, Stdio};

use crate::core::hook::{HookEvent, Trigger};

/// At most this many hooks running at once; an event beyond that is let go.
const AT_ONCE: usize = 8;

#[derive(Debug, Default)]
pub struct Hooks {
    commands: Vec<(Trigger, Vec<String>)>,
    running: Vec<(Trigger, Child)>,
    /// Events whose failure was noted already.
    noted: Vec<Trigger>,
    problems: Vec<String>,
}

impl Hooks {
    pub fn new(commands: Vec<(Trigger, Vec<String>)>) -> Hooks {
        Hooks {
            commands,
            ..Hooks::default()
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
        let spawned = command
            .args(args)
            .envs(what.vars().iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match spawned {
            Ok(child) => self.running.push((what.trigger, child)),
            Err(e) => self.fail(what.trigger, format!("{program} could not start ({e})")),
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
        self.running
            .retain_mut(|(event, child)| match child.try_wait() {
                Ok(Some(status)) => {
                    if !status.success() {
                        let why = match status.code() {
                            Some(code) => format!("exit status {code}"),
                            None => "stopped by a signal".to_owned(),
                        };
                        failed.push((*event, why));
                    }
                    false
                }
                Ok(None) => true,
                Err(_) => false,
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

    /// Whether a hook is set for `event`.
    pub fn has(&self, event: Trigger) -> bool {
        self.commands.iter().any(|(e, _)| *e == event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::PathBuf;

    fn dir(test: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("supple-hooks-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn wait_all(h: &mut Hooks) {
        for (_, child) in &mut h.running {
            child.wait().unwrap();
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
        for (_, child) in &mut h.running {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
