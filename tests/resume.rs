#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Saved ice/heat state is untrusted input: checked against the flags' limits,
//! placed by the wall clock, never given more time than its phase.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use supple::core::moment::Moment;
use supple::core::pack::{Command, Cue, Plan, Session, Status, Treatment};
use supple::core::resume::Saved;
use supple::shell::clock::BEFORE_BOOT;

/// "Now" as the boot clock gives it: ten minutes after boot.
fn now() -> Moment {
    Moment::from_origin(BEFORE_BOOT + Duration::from_secs(600))
}

fn wall() -> Timestamp {
    "2026-12-01T12:00:00Z".parse().unwrap()
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

/// An ice session of 3 cycles, in its OFF phase, ending `end` from now.
fn saved(end: SignedDuration) -> Saved {
    Saved {
        v: 1,
        mode: Treatment::Ice,
        on: 1200,
        off: 1200,
        cycles: 3,
        planned: vec![1200; 5],
        index: 1,
        // The first application and this rest, before the phase end.
        started: wall() + end - mins(40),
        phase_end: Some(wall() + end),
        left: None,
        skipped: Vec::new(),
        heat_max: None,
    }
}

#[test]
fn values_beyond_the_flags_limits_are_refused_without_panic_or_allocation() {
    let huge = Saved {
        planned: vec![u64::MAX; 5],
        ..saved(mins(15))
    };
    assert!(huge.check().unwrap_err().contains("a phase lasts at most"));
    assert!(huge.restore(now(), wall()).is_none());
    let cycles = Saved {
        cycles: u32::MAX,
        ..saved(mins(15))
    };
    assert!(
        cycles
            .check()
            .unwrap_err()
            .contains("'cycles' is 4294967295")
    );
    for bad in [
        Saved {
            on: 0,
            ..saved(mins(15))
        },
        Saved {
            off: u64::MAX,
            ..saved(mins(15))
        },
        Saved {
            index: 9,
            ..saved(mins(15))
        },
        Saved {
            planned: vec![1200; 4],
            ..saved(mins(15))
        },
        Saved {
            phase_end: None,
            left: Some(5000),
            ..saved(mins(15))
        },
        Saved {
            phase_end: None,
            ..saved(mins(15))
        },
        Saved {
            v: 7,
            ..saved(mins(15))
        },
        Saved {
            skipped: vec![99],
            ..saved(mins(15))
        },
        Saved {
            heat_max: Some(u64::MAX),
            ..saved(mins(15))
        },
        Saved {
            heat_max: Some(0),
            ..saved(mins(15))
        },
        Saved {
            started: "9999-01-01T00:00:00Z".parse().unwrap(),
            ..saved(mins(15))
        },
    ] {
        assert!(bad.check().is_err(), "{bad:?}");
        assert!(bad.restore(now(), wall()).is_none(), "{bad:?}");
    }
    assert!(saved(mins(15)).check().is_ok());
}

#[test]
fn the_time_left_is_never_more_than_the_phase() {
    // A phase end five hours away, in a 20-minute phase (clock set back, or edited).
    let s = saved(mins(300)).restore(now(), wall()).unwrap();
    assert_eq!(s.remaining(now()), Some(Duration::from_secs(1200)));
    let s = saved(mins(15)).restore(now(), wall()).unwrap();
    assert_eq!(s.remaining(now()), Some(Duration::from_secs(900)));
}

#[test]
fn after_a_reboot_the_session_keeps_its_true_times() {
    // Cut off 90 minutes ago (the machine rebooted 10 minutes ago): the phase
    // ended 80 minutes before now, long before this boot.
    let cut = saved(-mins(80));
    let mut s = cut.restore(now(), wall()).unwrap();
    let cues = s.tick(now());
    // OFF ended 80 min ago; ON (cycle 2) 60; OFF 40; ON (cycle 3) ended 20 min ago:
    // the session is over, and ended then, not at boot and not now.
    assert_eq!(s.status(), Status::Finished);
    let end = cues
        .iter()
        .find_map(|c| match c {
            Cue::Finished { at, late } => Some((*at, *late)),
            _ => None,
        })
        .unwrap();
    assert_eq!(end.1, Duration::from_secs(20 * 60));
    assert_eq!(end.0, now().minus(Duration::from_secs(20 * 60)));
    // Never "put the ice back on": no switch is still ahead.
    assert!(s.current().is_none());

    // One that is still going after the reboot is in the right phase.
    let mut s = saved(-mins(5)).restore(now(), wall()).unwrap();
    s.tick(now());
    assert_eq!(s.index(), 2, "the second application, 5 minutes in");
    assert_eq!(s.remaining(now()), Some(Duration::from_secs(15 * 60)));
}

#[test]
fn a_paused_session_comes_back_paused_with_its_time_left() {
    let paused = Saved {
        phase_end: None,
        left: Some(300),
        ..saved(mins(15))
    };
    let s = paused.restore(now(), wall()).unwrap();
    assert_eq!(s.status(), Status::Paused);
    assert_eq!(s.remaining(now()), Some(Duration::from_secs(300)));
}

#[test]
fn skipped_applications_are_not_done_and_survive_a_resume() {
    let mut s = Session::new(Plan::new(Treatment::Ice));
    let t = |secs| Moment::from_secs(secs);
    s.apply(Command::Start, t(0));
    // n through the first application and the rest after it, 46 s in all.
    s.apply(Command::Next, t(20));
    s.apply(Command::Next, t(46));
    assert_eq!(s.index(), 2);
    assert_eq!(s.applications_done(), 0, "nothing ran its time");
    assert_eq!(s.applications_skipped(), 1);
    let saved = Saved::of(&s, t(50), wall()).unwrap();
    assert_eq!(saved.skipped, vec![0, 1]);
    let back = saved.restore(t(50), wall()).unwrap();
    assert_eq!(back.applications_skipped(), 1);
    // A whole application counts.
    let mut s = Session::new(Plan::new(Treatment::Ice));
    s.apply(Command::Start, t(0));
    s.tick(t(1200));
    assert_eq!(s.applications_done(), 1);
    assert_eq!(s.applications_skipped(), 0);
}

#[test]
fn a_state_file_round_trips_and_refuses_unknown_keys() {
    let s = saved(mins(15));
    let text = serde_json::to_string(&s).unwrap();
    let back: Saved = serde_json::from_str(&text).unwrap();
    assert_eq!(back, s);
    let extra = text.replacen('{', "{\"surprise\":1,", 1);
    assert!(serde_json::from_str::<Saved>(&extra).is_err());
}

#[test]
fn a_heat_limit_from_the_config_file_survives_a_resume() {
    let plan = Plan {
        heat_max: Duration::from_secs(45 * 60),
        ..Plan::new(Treatment::Heat)
    };
    let mut session = Session::new(plan);
    session.apply(Command::Start, now());
    let saved = Saved::of(&session, now(), wall()).unwrap();
    assert_eq!(saved.heat_max, Some(45 * 60));
    let back = saved.restore(now(), wall()).unwrap();
    assert_eq!(back.plan().heat_max, Duration::from_secs(45 * 60));
    // The default is not written, so files stay readable by older builds.
    let session = {
        let mut s = Session::new(Plan::new(Treatment::Heat));
        s.apply(Command::Start, now());
        s
    };
    assert_eq!(Saved::of(&session, now(), wall()).unwrap().heat_max, None);
}

#[test]
fn the_status_line_reads_a_running_session_from_its_state() {
    use supple::cmd::status::pack_status;
    let tz = jiff::tz::TimeZone::UTC;
    // Resting between applications, the next pack in 15 minutes.
    let off = pack_status(&saved(mins(15)), wall(), &tz).unwrap();
    assert_eq!(off.text, "OFF 15:00, next pack at 12:15");
    assert_eq!(off.class, "off");
    assert!(
        off.tooltip.starts_with("Ice: application 1 of 3"),
        "{}",
        off.tooltip
    );
    // On the second application, 12 minutes 30 left.
    let on = Saved {
        index: 2,
        started: wall() - mins(48),
        phase_end: Some(wall() + SignedDuration::from_secs(750)),
        ..saved(mins(15))
    };
    assert_eq!(
        pack_status(&on, wall(), &tz).unwrap().text,
        "ICE 12:30 left, off at 12:12"
    );
    // Paused: what is left, no clock time.
    let paused = Saved {
        phase_end: None,
        left: Some(600),
        ..saved(mins(15))
    };
    let p = pack_status(&paused, wall(), &tz).unwrap();
    assert_eq!(
        (p.text.as_str(), p.class),
        ("OFF paused, 10:00 left", "paused")
    );
    // The last application ends the session.
    let last = Saved {
        index: 4,
        phase_end: Some(wall() + mins(5)),
        ..saved(mins(15))
    };
    assert_eq!(
        pack_status(&last, wall(), &tz).unwrap().text,
        "ICE 05:00 left, done at 12:05"
    );
}
