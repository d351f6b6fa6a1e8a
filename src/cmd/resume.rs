//! Ice/heat sessions left by another supple: running in another terminal, cut
//! off by a closed one (offered to resume), or state files that cannot be used.

use super::{Ctx, ask, session, warn_all};
use crate::core::history::build as records;
use crate::core::history::build::Span;
use crate::core::pack::{Session, Status, Treatment};
use crate::core::text::sanitize;
use crate::store::packs::{self, Found, Slot};

/// Looks at the state files of ice/heat sessions: says which are running in
/// another terminal, sets aside any that cannot be used (and says so), and offers
/// to resume each session cut off by a closed terminal, newest last. Declining
/// logs it as stopped (once: the slot's lock makes sure no other supple does too).
/// Returns the session to resume, with its slot, and notes about sessions
/// running elsewhere (for the screen that opens next; also on the error writer).
pub(crate) fn offer(ctx: &Ctx) -> (Option<(Session, Slot)>, Vec<String>) {
    let mut notes = Vec::new();
    let Some(dir) = ctx.state.as_deref() else {
        return (None, notes);
    };
    let tz = &ctx.tz;
    let mut chosen = None;
    for found in packs::scan(dir) {
        match found {
            Found::Running(saved) => {
                let note = crate::core::resume::running_note(&saved, ctx.now, tz);
                let _ = writeln!(ctx.err(), "supple: note: {}", sanitize(&note));
                notes.push(note);
            }
            Found::SetAside {
                path,
                moved_to,
                why,
            } => {
                let moved = moved_to
                    .map(|m| format!("; it was renamed {}", m.display()))
                    .unwrap_or_default();
                warn_all(
                    ctx,
                    &[format!(
                        "the ice/heat state file {} cannot be used: {why}{moved}",
                        path.display()
                    )],
                );
            }
            Found::CutOff { slot, saved } if chosen.is_none() => {
                let now = ctx.moment();
                let wall = ctx.wall_at(now);
                let Some(session) = saved.restore(now, wall) else {
                    slot.clear();
                    continue;
                };
                let mut ended = session.clone();
                ended.tick(now);
                if ended.status() == Status::Finished {
                    // It ran out while its terminal was closed (or the machine was
                    // off): nothing is left to resume. Logged at its true end.
                    let end_moment = ended.ended_at(now);
                    let end = ctx.wall_at(end_moment);
                    let span = Span {
                        start: saved.started,
                        end,
                        end_moment,
                        tz: tz.clone(),
                    };
                    session::save(ctx, &records::pack(&ended, &span));
                    slot.clear();
                    let note = format!(
                        "{} {} session started {} was cut off when its terminal closed; it ended {}, so it is in your history as finished.",
                        crate::core::text::capitalize(article(saved.mode)),
                        saved.mode.name(),
                        when_started(ctx, saved.started),
                        when_started(ctx, end),
                    );
                    let _ = writeln!(ctx.err(), "supple: note: {}", sanitize(&note));
                    continue;
                }
                let question = format!(
                    "supple: {} {} session started {} was cut off when its terminal closed. Resume it where the clock says it is?",
                    article(saved.mode),
                    saved.mode.name(),
                    when_started(ctx, saved.started),
                );
                if ask::yes(ctx, &question) {
                    chosen = Some((session, slot));
                    continue;
                }
                let end_moment = ended.ended_at(now);
                let span = Span {
                    start: saved.started,
                    end: ctx.wall_at(end_moment),
                    end_moment,
                    tz: tz.clone(),
                };
                session::save(ctx, &records::pack(&ended, &span));
                slot.clear();
                let _ = writeln!(ctx.err(), "supple: logged it as stopped.");
            }
            // Offered next time: one session is resumed at a time.
            Found::CutOff { .. } => {}
        }
    }
    (chosen, notes)
}

/// When a session started, as a person would say it: "at 14:35" today, "on Mon 30
/// Nov at 14:35" another day.
pub(crate) fn when_started(ctx: &Ctx, started: jiff::Timestamp) -> String {
    when_started_in(started, ctx.now, &ctx.tz)
}

/// [`when_started`], today being the day of `now` in `tz`.
pub(crate) fn when_started_in(
    started: jiff::Timestamp,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> String {
    let local = started.to_zoned_datetime(tz.clone());
    let today = now.to_zoned_datetime(tz.clone()).date();
    let time = crate::core::moment::time_of_day(started, tz);
    if local.date() == today {
        format!("at {time}")
    } else {
        format!("on {} at {time}", local.strftime("%a %-d %b"))
    }
}

fn article(mode: Treatment) -> &'static str {
    if mode == Treatment::Ice { "an" } else { "a" }
}
