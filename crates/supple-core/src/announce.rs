//! What supple announces at each cue, in every shell: one [`Announcement`] per
//! cue of the engines (a step of a routine, its end, an ice/heat switch, a
//! session's end) and per reminder, with the notification's title and body, the
//! spoken line, the sound and the hook's values. The full-screen app, the line
//! mode and `supple remind fire` all announce from here, so they say the same
//! words; each shell only decides how (a notification, a voice, a line).

use std::time::Duration;

use crate::hook::{self, HookEvent, Trigger};
use crate::pack::{self, Pack, PhaseKind, Plan, Treatment};
use crate::sound::Sound;
use crate::timeline::{Kind, Timeline};

/// What one cue announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    /// The notification's title and body, also the line a shell prints.
    pub title: String,
    pub body: String,
    /// Whether the desktop is told (a notification with the title and body): a
    /// person may be away from the screen.
    pub notify: bool,
    /// The spoken line, where there is one (spoken when the voice is on).
    pub voice: Option<String>,
    /// The sound, where there is one (played unless muted).
    pub sound: Option<Sound>,
    /// What the person's `[hooks]` command is given, where a hook runs.
    pub hook: Option<HookEvent>,
}

/// A step of a routine starting (segment `index` of `t`): the chime, the step
/// hook, the spoken name, and a notification for a hold of a minute or more (a
/// leg of a walk may find the person away from the screen).
pub fn step(t: &Timeline, index: usize) -> Option<Announcement> {
    let seg = t.get(index)?;
    let long_hold = seg.kind == Kind::Hold && seg.duration.is_some_and(|d| d >= LONG_HOLD);
    Some(Announcement {
        title: format!("supple: {}", t.exercise_name(seg)),
        body: t.cues(seg).join(". "),
        notify: long_hold,
        voice: spoken(t, index),
        sound: Some(Sound::Step),
        hook: hook::step(t, index),
    })
}

/// A hold at least this long gets a notification.
const LONG_HOLD: Duration = Duration::from_secs(60);

/// A routine run to its end. (The finished hook runs when its record is saved,
/// with the record's values: [`hook::ended`].)
pub fn routine_end(t: &Timeline) -> Announcement {
    Announcement {
        title: "supple: done".to_owned(),
        body: format!("{} is finished. Well done.", t.routine.name),
        notify: true,
        voice: Some("Routine complete. Well done.".to_owned()),
        sound: None,
        hook: None,
    }
}

/// What the voice says when segment `index` of `t` starts, if anything.
fn spoken(t: &Timeline, index: usize) -> Option<String> {
    let seg = t.get(index)?;
    let name = t.exercise_name(seg);
    let side = t
        .side_name(seg)
        .map(|s| format!(", {s} side"))
        .unwrap_or_default();
    let after_switch = index > 0 && t.get(index - 1).is_some_and(|p| p.kind == Kind::Switch);
    let first_of_exercise = index == t.exercise_start(seg.exercise) || after_switch;
    match seg.kind {
        Kind::LeadIn => Some(format!("Get ready. {name}")),
        Kind::Rest => Some(format!("Rest. Next, {name}")),
        Kind::SetRest => Some("Rest".into()),
        Kind::Switch => Some("Switch sides".into()),
        _ if first_of_exercise => Some(format!("{name}{side}")),
        _ => None,
    }
}

/// An ice/heat session switching to phase `index` of `session`, `late` after
/// the switch was due; `until` is the time of day of the next switch when the
/// shell knows it ("14:35"). The first application, started by a key, is only
/// spoken; every later switch, and one noticed late, is also rung and notified.
pub fn pack_switch(
    session: &pack::Session,
    index: usize,
    late: Duration,
    until: Option<&str>,
) -> Option<Announcement> {
    let phase = session.phases().get(index)?;
    let plan = session.plan();
    let (title, voice) = switch_words(phase.kind);
    let alert = index > 0 || late >= pack::AWAY_AFTER;
    Some(Announcement {
        title: title.to_owned(),
        body: phase_instruction(phase.kind, until),
        notify: alert,
        voice: Some(voice.to_owned()),
        sound: alert.then_some(Sound::Switch),
        hook: Some(hook::switch(plan.mode, phase, plan.cycles)),
    })
}

/// The notification title and the spoken line for a switch to `kind`.
fn switch_words(kind: PhaseKind) -> (&'static str, &'static str) {
    match kind {
        PhaseKind::On(Pack::Ice) => ("Ice on", "Ice on. Wrap the pack in a thin cloth."),
        PhaseKind::On(Pack::Heat) => ("Heat on", "Heat on. No higher than medium."),
        PhaseKind::Off => ("Pack off", "Pack off. Let the skin rest."),
    }
}

/// What to do in a phase of `kind`, with the time of the next switch when known
/// ("Put the ice pack on, wrapped in a thin cloth. Remove it at 14:35").
pub fn phase_instruction(kind: PhaseKind, until: Option<&str>) -> String {
    match (kind, until) {
        (PhaseKind::On(Pack::Ice), Some(t)) => {
            format!("Put the ice pack on, wrapped in a thin cloth. Remove it at {t}")
        }
        (PhaseKind::On(Pack::Ice), None) => "Put the ice pack on, wrapped in a thin cloth".into(),
        (PhaseKind::On(Pack::Heat), Some(t)) => {
            format!("Put the heat pack on (no higher than medium). Remove it at {t}")
        }
        (PhaseKind::On(Pack::Heat), None) => "Put the heat pack on (no higher than medium)".into(),
        (PhaseKind::Off, Some(t)) => {
            format!("Pack off: let the skin rest. Next application at {t}")
        }
        (PhaseKind::Off, None) => "Pack off: let the skin rest".into(),
    }
}

/// An ice/heat session that ran to its end: "Session complete", or, when no
/// application ran its time, "Session ended, no application done"; either way,
/// take the pack off. (The finished hook runs when its record is saved.)
pub fn pack_end(session: &pack::Session) -> Announcement {
    let head = pack_end_title(session);
    Announcement {
        title: head.to_owned(),
        body: "Take the pack off.".to_owned(),
        notify: true,
        voice: Some(format!("{head}. Take the pack off.")),
        sound: Some(Sound::Switch),
        hook: None,
    }
}

/// The title of [`pack_end`].
pub fn pack_end_title(session: &pack::Session) -> &'static str {
    if crate::words::pack_complete(session) {
        "Session complete"
    } else {
        "Session ended, no application done"
    }
}

/// A reminder about to be sent (`supple remind fire`): `title` and `body` from
/// one of the reminder texts below, and the reminder hook's values (its name,
/// what it starts, the title, and the body as `SUPPLE_COMMAND`).
pub fn reminder(name: &str, starts: &str, title: String, body: String) -> Announcement {
    let hook = HookEvent::new(Trigger::Reminder)
        .with("SUPPLE_REMINDER", name)
        .with("SUPPLE_ROUTINE", starts)
        .with("SUPPLE_STEP", &title)
        .with("SUPPLE_COMMAND", &body);
    Announcement {
        title,
        body,
        notify: true,
        voice: None,
        sound: None,
        hook: Some(hook),
    }
}

/// The title and body of a reminder for an ice, heat or contrast session:
/// `plan` is what `command` starts (the config file's `[pack]` values), cut to
/// what an application may last as the session cuts it, so the reminder says
/// the rhythm the timer will really keep.
pub fn pack_reminder(mode: Treatment, plan: Plan, command: &str) -> (String, String) {
    let (plan, _) = plan.within_limit();
    (
        format!("Time for {}", mode.title().to_lowercase()),
        format!("{}. Start it with: {command}", plan.rhythm()),
    )
}

/// The title and body of a reminder for routine `title` (its display name),
/// `length` long ("12m"), started by `command`.
pub fn routine_reminder(title: &str, length: &str, command: &str) -> (String, String) {
    (
        format!("Time for {title}"),
        format!("{length}. Start it with: {command}"),
    )
}

/// The title and body of a reminder for routine `name` that cannot be loaded.
pub fn unloadable_reminder(name: &str) -> (String, String) {
    (
        format!("supple: {name}"),
        format!(
            "This reminder starts '{name}', which cannot be loaded now: `supple check {name}` says why"
        ),
    )
}

/// The title and body of a reminder for today's plan: day `day` of the
/// episode, in `stage`, with `next` (its label) next, started by `command`.
pub fn today_reminder(day: u64, next: &str, stage: &str, command: &str) -> (String, String) {
    (
        format!("Day {day}: next {next}"),
        format!("{stage}. Start it with: {command}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Session;

    fn plan(mode: Treatment, on: u64, off: u64, cycles: u32) -> Plan {
        Plan {
            on: Duration::from_secs(on * 60),
            off: Duration::from_secs(off * 60),
            cycles,
            ..Plan::new(mode)
        }
    }

    #[test]
    fn a_pack_reminder_says_the_rhythm_the_timer_keeps() {
        let (title, body) = pack_reminder(
            Treatment::Heat,
            plan(Treatment::Heat, 15, 25, 2),
            "supple heat",
        );
        assert_eq!(title, "Time for heat");
        assert_eq!(body, "15m on, 25m off, 2 times. Start it with: supple heat");
        // An `on` past the limit is cut as `supple ice` cuts it.
        let (_, body) = pack_reminder(
            Treatment::Ice,
            plan(Treatment::Ice, 45, 20, 3),
            "supple ice",
        );
        assert_eq!(body, "30m on, 20m off, 3 times. Start it with: supple ice");
    }

    #[test]
    fn the_first_application_is_spoken_and_later_switches_ring_and_notify() {
        let mut session = Session::new(plan(Treatment::Ice, 20, 20, 2));
        let at = crate::moment::Moment::ZERO;
        session.apply(pack::Command::Start, at);
        let first = pack_switch(&session, 0, Duration::ZERO, Some("10:20")).unwrap();
        assert_eq!(first.title, "Ice on");
        assert_eq!(
            first.body,
            "Put the ice pack on, wrapped in a thin cloth. Remove it at 10:20"
        );
        assert!(!first.notify);
        assert_eq!(first.sound, None);
        assert_eq!(
            first.voice.as_deref(),
            Some("Ice on. Wrap the pack in a thin cloth.")
        );
        let hook = first.hook.unwrap();
        assert_eq!(hook.get("SUPPLE_PHASE"), Some("ice"));
        assert_eq!(hook.get("SUPPLE_APPLICATION"), Some("1/2"));
        let off = pack_switch(&session, 1, Duration::ZERO, None).unwrap();
        assert_eq!(off.title, "Pack off");
        assert_eq!(off.body, "Pack off: let the skin rest");
        assert!(off.notify);
        assert_eq!(off.sound, Some(Sound::Switch));
        // Noticed late, the first is notified too.
        assert!(
            pack_switch(&session, 0, pack::AWAY_AFTER, None)
                .unwrap()
                .notify
        );
        assert!(pack_switch(&session, 9, Duration::ZERO, None).is_none());
    }

    #[test]
    fn a_reminder_hands_its_hook_the_title_and_body() {
        let (title, body) = routine_reminder("Desk break", "6m", "supple play desk-break");
        let a = reminder("morning", "routine", title, body);
        let hook = a.hook.unwrap();
        assert_eq!(hook.get("SUPPLE_EVENT"), Some("reminder"));
        assert_eq!(hook.get("SUPPLE_REMINDER"), Some("morning"));
        assert_eq!(hook.get("SUPPLE_STEP"), Some("Time for Desk break"));
        assert_eq!(
            hook.get("SUPPLE_COMMAND"),
            Some("6m. Start it with: supple play desk-break")
        );
    }
}
