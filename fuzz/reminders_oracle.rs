//! What must hold for any bytes found where `reminders.toml` should be.
//!
//! Shared by the fuzz target `reminders` and by `tests/fuzz_corpus.rs`. It panics,
//! with the reason, on the first broken promise: no panic on any input; a refused
//! file gets a message with no raw control, bidi or zero-width character; an
//! accepted file holds at most 64 reminders, each with a name fit for a unit file,
//! and what supple writes back for them reads back as the same reminders (supple
//! never writes a file it then refuses); its systemd and cron lines are one line
//! each, with nothing a terminal would act on.

use supple::core::remind::{self, MAX_REMINDERS};
use supple::core::text::find_forbidden;

/// The most a reminders file may hold (as `store::file::REMINDERS`).
const MAX: usize = 256 * 1024;

pub fn check(data: &[u8]) {
    if data.len() > MAX {
        return; // refused by its size before it is parsed
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return; // refused as not UTF-8, with the offset (store::file::decode)
    };
    let reminders = match remind::parse(text) {
        Ok(r) => r,
        Err(d) => {
            for line in d.message.lines() {
                assert!(
                    find_forbidden(line).is_none(),
                    "raw text in the message: {line:?}"
                );
            }
            return;
        }
    };
    assert!(
        reminders.len() <= MAX_REMINDERS,
        "{} reminders",
        reminders.len()
    );
    for r in &reminders {
        assert!(remind::check_name(&r.name).is_ok(), "name {:?}", r.name);
        for line in r.schedule.on_calendar() {
            assert!(
                !line.contains('\n') && find_forbidden(&line).is_none(),
                "OnCalendar={line:?}"
            );
        }
        for line in r.schedule.cron("supple remind fire x") {
            assert!(
                !line.contains('\n') && find_forbidden(&line).is_none(),
                "cron {line:?}"
            );
        }
    }
    let written = remind::to_checked_toml(&reminders)
        .unwrap_or_else(|e| panic!("supple would not write what it read: {e}"));
    let back = remind::parse(&written)
        .unwrap_or_else(|d| panic!("what supple writes does not read back: {}", d.message));
    assert_eq!(back, reminders, "the reminders changed on the way back");
}
