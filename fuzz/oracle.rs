//! What must hold for any bytes handed to the routine loader.
//!
//! Shared by the fuzz target (`fuzz/fuzz_targets/routine.rs`) and by the normal test
//! suite (`tests/fuzz_corpus.rs`), which replays the committed corpus and every past
//! crash with it. It panics, with the reason, on the first broken promise.

use std::time::Duration;

use supple::cmd::plan as plan_cmd;
use supple::core::moment::Moment;
use supple::core::routine::LIMITS;
use supple::core::routine::Totals;
use supple::core::session::{Command, Session, Status};
use supple::core::text::find_forbidden;
use supple::core::timeline::Timeline;
use supple::store::library::{self, MAX_FILE_BYTES};

fn assert_clean(what: &str, text: &str) {
    for line in text.lines() {
        if let Some((c, why)) = find_forbidden(line) {
            panic!(
                "{what} carries {} U+{:04X}: {line:?}",
                why.describe(),
                u32::from(c)
            );
        }
    }
}

pub fn check(data: &[u8]) {
    if data.len() as u64 > MAX_FILE_BYTES {
        return; // refused before decoding; covered by the loader's own tests
    }
    let text = match library::decode(data.to_vec()) {
        Ok(text) => text,
        Err(why) => return assert_clean("the UTF-8 error", &why),
    };
    let routine = match library::load_str("fuzz.toml", &text) {
        Ok(routine) => routine,
        Err(e) => {
            assert!(e.count() > 0, "refused without a reason");
            assert_clean("the error report", &e.to_string());
            assert_clean("the error headline", &e.headline());
            return;
        }
    };
    let Some(totals) = Totals::of(&routine) else {
        panic!("an accepted routine's totals overflow");
    };
    assert!(
        totals.timed <= LIMITS.total,
        "accepted {:?} of timed work",
        totals.timed
    );
    assert!(
        totals.steps <= LIMITS.steps,
        "accepted {} steps",
        totals.steps
    );

    let mut plan = Vec::new();
    if plan_cmd::write(&mut plan, &routine, false).is_err() {
        panic!("writing the plan to memory failed");
    }
    assert_clean("the plan", &String::from_utf8_lossy(&plan));

    let timeline = Timeline::new(routine);
    assert_eq!(
        timeline.len() as u64,
        totals.steps,
        "the timeline disagrees with the totals"
    );
    assert_eq!(
        timeline.total(),
        totals.timed,
        "the timeline disagrees with the totals"
    );
    let self_paced = timeline.self_paced();
    let mut session = Session::new(timeline);
    session.apply(Command::Start, Moment::ZERO);
    let end = Moment::ZERO.plus(totals.timed).plus(Duration::from_secs(1));
    session.tick(end);
    if self_paced == 0 {
        assert_eq!(
            session.status(),
            Status::Finished,
            "time alone did not end the routine"
        );
    }
}
