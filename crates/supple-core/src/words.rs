//! What supple says at a cue, in every shell: the spoken line when a step of a
//! routine starts, and the notification title and spoken line when an ice/heat
//! session switches. The full-screen app and the line mode say the same words.

use crate::pack::{self, PhaseKind};
use crate::timeline::{Kind, Timeline};

/// The notification title and the spoken line for a switch to `kind`.
pub fn switch_words(kind: PhaseKind) -> (&'static str, &'static str) {
    match kind {
        PhaseKind::On(pack::Pack::Ice) => ("Ice on", "Ice on. Wrap the pack in a thin cloth."),
        PhaseKind::On(pack::Pack::Heat) => ("Heat on", "Heat on. No higher than medium."),
        PhaseKind::Off => ("Pack off", "Pack off. Let the skin rest."),
    }
}

/// What the voice says when segment `index` starts, if anything.
pub fn announcement(t: &Timeline, index: usize) -> Option<String> {
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

/// What a paused ice/heat session says: a pause is no reason to keep a pack on.
pub const PACK_PAUSED: &str = "Paused: take the pack off now if you are not carrying on.";

/// What it says once the pause is longer than a rest between applications.
pub const PACK_PAUSED_LONG: &str = "Paused longer than a rest between applications:";

/// Why `+` did nothing: an application of `pack` lasts `limit` at most.
pub fn at_limit(pack: pack::Pack, limit: std::time::Duration) -> String {
    let limit = crate::duration::human(limit);
    match pack {
        pack::Pack::Ice => {
            format!("Ice stays on {limit} at most at a time: cold can damage the skin")
        }
        pack::Pack::Heat => {
            format!("Heat stays on {limit} at most at a time ([pack] heat_max in the config file)")
        }
    }
}

/// Whether an ice/heat session that ran to its end may be called complete: at
/// least one application ran its time (three skipped with `n` are not).
pub fn pack_complete(session: &pack::Session) -> bool {
    session.status() == pack::Status::Finished && session.applications_done() > 0
}

/// The head of an ice/heat session's end: "Heat session complete: take the
/// pack off", or, when no application ran its time, "Heat session ended, no
/// application done: take the pack off".
pub fn pack_end_head(session: &pack::Session) -> String {
    let name = crate::text::capitalize(session.plan().mode.name());
    if pack_complete(session) {
        format!("{name} session complete: take the pack off")
    } else if session.status() == pack::Status::Finished {
        format!("{name} session ended, no application done: take the pack off")
    } else {
        format!("{name} session stopped: take the pack off")
    }
}

/// What was applied, as the finished screen and the line mode say it: "1 of 2
/// applications, 1 skipped, 20m on" (the time the packs were really on).
pub fn pack_applied(session: &pack::Session, now: crate::moment::Moment) -> String {
    let on: std::time::Duration = session.applied(now).iter().sum();
    let skipped = session.applications_skipped();
    let skipped = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    format!(
        "{} of {} applications{skipped}, {} on",
        session.applications_done(),
        session.applications(),
        crate::duration::human(on)
    )
}
