//! Hooks: what happened, as a value the shell hands to the person's own commands
//! (`[hooks]` in the config file), in `SUPPLE_*` environment variables.

use crate::text::sanitize;

/// What a hook runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trigger {
    /// A new step of a routine (an exercise, a rest, a side).
    Step,
    /// An ice/heat pack switch: on, or off between applications.
    Switch,
    /// A session ran to its end.
    Finished,
    /// A session was stopped before its end.
    Stopped,
    /// `supple remind fire` sent a reminder.
    Reminder,
}

impl Trigger {
    pub const ALL: [Trigger; 5] = [
        Trigger::Step,
        Trigger::Switch,
        Trigger::Finished,
        Trigger::Stopped,
        Trigger::Reminder,
    ];

    /// The key in `[hooks]` and the value of `SUPPLE_EVENT`.
    pub fn key(self) -> &'static str {
        match self {
            Trigger::Step => "step",
            Trigger::Switch => "switch",
            Trigger::Finished => "finished",
            Trigger::Stopped => "stopped",
            Trigger::Reminder => "reminder",
        }
    }
}

/// Every variable supple gives a hook. Those an event does not set are taken out
/// of the hook's environment, so one left in supple's own never misleads it.
pub const NAMES: &[&str] = &[
    "SUPPLE_EVENT",
    "SUPPLE_ROUTINE",
    "SUPPLE_STEP",
    "SUPPLE_PHASE",
    "SUPPLE_CUE",
    "SUPPLE_SIDE",
    "SUPPLE_SET",
    "SUPPLE_REP",
    "SUPPLE_SECONDS",
    "SUPPLE_APPLICATION",
    "SUPPLE_NAME",
    "SUPPLE_KIND",
    "SUPPLE_ACTIVE_SECONDS",
    "SUPPLE_PAIN_BEFORE",
    "SUPPLE_PAIN_AFTER",
    "SUPPLE_REMINDER",
    "SUPPLE_COMMAND",
];

/// The longest value a hook is given; longer text is cut.
pub const MAX_VALUE: usize = 512;

/// One event with what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookEvent {
    pub trigger: Trigger,
    /// `SUPPLE_EVENT` first, then the rest (`SUPPLE_ROUTINE`, `SUPPLE_STEP`, ...).
    vars: Vec<(&'static str, String)>,
}

impl HookEvent {
    pub fn new(trigger: Trigger) -> HookEvent {
        HookEvent {
            trigger,
            vars: vec![("SUPPLE_EVENT", trigger.key().to_owned())],
        }
    }

    /// Adds `name=value`: the value made safe (no control, bidi or invisible
    /// characters, in caret notation instead) and cut to [`MAX_VALUE`] bytes.
    pub fn with(mut self, name: &'static str, value: impl AsRef<str>) -> HookEvent {
        let mut clean = sanitize(value.as_ref()).into_owned();
        if clean.len() > MAX_VALUE {
            let mut end = MAX_VALUE;
            while !clean.is_char_boundary(end) {
                end -= 1;
            }
            clean.truncate(end);
        }
        self.vars.retain(|(n, _)| *n != name);
        self.vars.push((name, clean));
        self
    }

    pub fn vars(&self) -> &[(&'static str, String)] {
        &self.vars
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A step of a routine starting: `SUPPLE_ROUTINE` (its name), `SUPPLE_STEP` (the
/// exercise, or what comes next for a rest), `SUPPLE_PHASE` ("hold", "rest",
/// "switch", ...), `SUPPLE_CUE`, and where there are: `SUPPLE_SIDE`, `SUPPLE_SET`,
/// `SUPPLE_REP` ("2/5"), `SUPPLE_SECONDS`.
pub fn step(timeline: &crate::timeline::Timeline, index: usize) -> Option<HookEvent> {
    let seg = timeline.segments().get(index)?;
    let exercise = timeline.routine.exercises.get(seg.exercise)?;
    let mut e = HookEvent::new(Trigger::Step)
        .with("SUPPLE_ROUTINE", &timeline.routine.name)
        .with("SUPPLE_STEP", &exercise.name)
        .with("SUPPLE_PHASE", seg.kind.label())
        .with("SUPPLE_CUE", &seg.cue);
    let count = |c: crate::timeline::Counter| format!("{}/{}", c.n, c.of);
    if let Some(side) = seg.side {
        let name = exercise
            .sides
            .get(usize::try_from(side.n).unwrap_or(0).saturating_sub(1))
            .cloned()
            .unwrap_or_default();
        e = e.with("SUPPLE_SIDE", name);
    }
    if let Some(set) = seg.set {
        e = e.with("SUPPLE_SET", count(set));
    }
    if let Some(rep) = seg.rep {
        e = e.with("SUPPLE_REP", count(rep));
    }
    if let Some(d) = seg.duration {
        e = e.with("SUPPLE_SECONDS", d.as_secs().to_string());
    }
    Some(e)
}

/// An ice/heat pack switch: `SUPPLE_ROUTINE` ("ice", "heat", "contrast"),
/// `SUPPLE_PHASE` ("ice", "heat" or "off"), `SUPPLE_APPLICATION` ("2/3"),
/// `SUPPLE_SECONDS`.
pub fn switch(
    treatment: crate::pack::Treatment,
    phase: &crate::pack::Phase,
    cycles: u32,
) -> HookEvent {
    use crate::pack::{Pack, PhaseKind};
    let what = match phase.kind {
        PhaseKind::On(Pack::Ice) => "ice",
        PhaseKind::On(Pack::Heat) => "heat",
        PhaseKind::Off => "off",
    };
    HookEvent::new(Trigger::Switch)
        .with("SUPPLE_ROUTINE", treatment.name())
        .with("SUPPLE_PHASE", what)
        .with("SUPPLE_APPLICATION", format!("{}/{cycles}", phase.cycle))
        .with("SUPPLE_SECONDS", phase.duration.as_secs().to_string())
}

/// A session saved: `finished` or `stopped`, with `SUPPLE_ROUTINE` (the routine's
/// file name, or ice/heat/contrast), `SUPPLE_NAME`, `SUPPLE_KIND`,
/// `SUPPLE_ACTIVE_SECONDS`, and `SUPPLE_PAIN_BEFORE` / `_AFTER` when asked.
pub fn ended(record: &crate::history::Record) -> HookEvent {
    use crate::history::Outcome;
    let trigger = match record.outcome {
        Outcome::Finished => Trigger::Finished,
        Outcome::Stopped => Trigger::Stopped,
    };
    let kind = record.kind.word();
    let mut e = HookEvent::new(trigger)
        .with("SUPPLE_ROUTINE", record.routine.as_deref().unwrap_or(kind))
        .with("SUPPLE_NAME", &record.name)
        .with("SUPPLE_KIND", kind)
        .with("SUPPLE_ACTIVE_SECONDS", record.active_seconds.to_string());
    if let Some(p) = record.pain_before {
        e = e.with("SUPPLE_PAIN_BEFORE", p.to_string());
    }
    if let Some(p) = record.pain_after {
        e = e.with("SUPPLE_PAIN_AFTER", p.to_string());
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_made_safe_and_bounded() {
        let e = HookEvent::new(Trigger::Step)
            .with("SUPPLE_STEP", "Cat\u{1b}]0;pwned\u{7}\nCow\u{202e}")
            .with("SUPPLE_ROUTINE", "é".repeat(400));
        assert_eq!(e.get("SUPPLE_EVENT"), Some("step"));
        let step = e.get("SUPPLE_STEP").unwrap();
        assert!(crate::text::find_forbidden(step).is_none(), "{step:?}");
        assert!(!step.contains('\n'), "{step:?}");
        assert!(e.get("SUPPLE_ROUTINE").unwrap().len() <= MAX_VALUE);
        let again = e.with("SUPPLE_STEP", "Rest");
        assert_eq!(again.get("SUPPLE_STEP"), Some("Rest"));
        assert_eq!(again.vars().len(), 3);
    }
}
