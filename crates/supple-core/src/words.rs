//! What supple says about an ice/heat session in every shell, beside its cues
//! ([`crate::announce`]): a pause, the limit of an application, its end. The
//! full-screen app and the line mode say the same words.

use crate::pack;

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
