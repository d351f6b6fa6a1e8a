#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The ice/heat state machine with fake time.

use std::time::Duration;

use supple::core::moment::Moment;
use supple::core::pack::{
    Advice, Command, Cue, ICE_MAX, Pack, PhaseKind, Plan, Session, Status, Treatment,
};

fn min(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

fn at_min(m: u64) -> Moment {
    Moment::from_secs(m * 60)
}

fn started(mode: Treatment) -> Session {
    let mut s = Session::new(Plan::new(mode));
    s.apply(Command::Start, Moment::ZERO);
    s
}

fn switched(cues: &[Cue]) -> Vec<(usize, Moment, Duration)> {
    cues.iter()
        .filter_map(|c| match c {
            Cue::Switched { index, at, late } => Some((*index, *at, *late)),
            _ => None,
        })
        .collect()
}

#[test]
fn waits_for_start_then_runs_twenty_on_twenty_off() {
    let mut s = Session::new(Plan::new(Treatment::Ice));
    assert_eq!(s.status(), Status::Ready);
    assert!(s.tick(at_min(100)).is_empty(), "nothing runs before start");
    let cues = s.apply(Command::Start, at_min(1));
    assert_eq!(switched(&cues), vec![(0, at_min(1), Duration::ZERO)]);
    assert_eq!(s.current().unwrap().kind, PhaseKind::On(Pack::Ice));
    assert_eq!(s.next_deadline(), Some(at_min(21)));
    assert_eq!(s.ends_at(at_min(1)), Some(at_min(101)));
    let cues = s.tick(at_min(21));
    assert_eq!(switched(&cues), vec![(1, at_min(21), Duration::ZERO)]);
    assert_eq!(s.current().unwrap().kind, PhaseKind::Off);
    s.tick(at_min(61));
    assert_eq!(s.index(), 3);
    s.tick(at_min(81));
    let cues = s.tick(at_min(101));
    assert_eq!(
        cues,
        vec![Cue::Finished {
            at: at_min(101),
            late: Duration::ZERO
        }]
    );
    assert_eq!(s.status(), Status::Finished);
    assert_eq!(s.applications_done(), 3);
}

#[test]
fn pause_stops_the_clock() {
    let mut s = started(Treatment::Heat);
    s.apply(Command::TogglePause, at_min(5));
    assert_eq!(s.next_deadline(), None);
    assert_eq!(s.remaining(at_min(50)), Some(min(15)));
    assert!(s.tick(at_min(50)).is_empty());
    s.apply(Command::TogglePause, at_min(50));
    assert_eq!(s.next_deadline(), Some(at_min(65)));
}

#[test]
fn skip_ends_the_phase_now() {
    let mut s = started(Treatment::Ice);
    let cues = s.apply(Command::Next, at_min(12));
    assert_eq!(switched(&cues), vec![(1, at_min(12), Duration::ZERO)]);
    assert_eq!(s.next_deadline(), Some(at_min(32)));
    // Off 20, on 20, off 20, on 20 to go.
    assert_eq!(s.remaining_total(at_min(12)), min(80));
}

#[test]
fn skip_while_paused_stays_paused_with_the_next_phase_full() {
    let mut s = started(Treatment::Ice);
    s.apply(Command::TogglePause, at_min(3));
    s.apply(Command::Next, at_min(4));
    assert_eq!(s.status(), Status::Paused);
    assert_eq!(s.current().unwrap().kind, PhaseKind::Off);
    assert_eq!(s.remaining(at_min(90)), Some(min(20)));
}

#[test]
fn plus_and_minus_move_the_switch_by_a_minute() {
    let mut s = started(Treatment::Ice);
    s.apply(Command::AddMinute, at_min(1));
    assert_eq!(s.next_deadline(), Some(at_min(21)));
    assert_eq!(s.planned(), Some(min(21)));
    s.apply(Command::RemoveMinute, at_min(2));
    s.apply(Command::RemoveMinute, at_min(2));
    assert_eq!(s.next_deadline(), Some(at_min(19)));
    // Paused: the minute goes to the time left.
    s.apply(Command::TogglePause, at_min(10));
    s.apply(Command::AddMinute, at_min(11));
    assert_eq!(s.remaining(at_min(11)), Some(min(10)));
}

#[test]
fn minus_never_goes_below_one_second() {
    let mut s = started(Treatment::Ice);
    let near_end = Moment::from_secs(20 * 60 - 30);
    s.apply(Command::RemoveMinute, near_end);
    assert_eq!(s.remaining(near_end), Some(Duration::from_secs(1)));
    assert_eq!(s.current().unwrap().kind, PhaseKind::On(Pack::Ice));
}

#[test]
fn a_thirty_minute_sleep_mid_phase_crosses_one_switch_and_says_how_late() {
    let mut s = started(Treatment::Ice);
    // Asleep for 30 minutes, from minute 5 to minute 35: the switch to OFF was at 20.
    s.tick(at_min(5));
    let cues = s.tick(at_min(35));
    assert_eq!(switched(&cues), vec![(1, at_min(20), min(15))]);
    assert_eq!(s.current().unwrap().kind, PhaseKind::Off);
    // The off phase still ends where the plan says: 20 minutes after the switch.
    assert_eq!(s.next_deadline(), Some(at_min(40)));
}

#[test]
fn a_long_absence_crosses_several_switches() {
    let mut s = started(Treatment::Contrast);
    let cues = s.tick(at_min(65));
    assert_eq!(
        switched(&cues),
        vec![
            (1, at_min(20), min(45)),
            (2, at_min(40), min(25)),
            (3, at_min(60), min(5)),
        ]
    );
    assert_eq!(s.current().unwrap().kind, PhaseKind::Off);
    assert_eq!(s.switches().len(), 4);
    // Far past the end: every remaining switch and the end, each once.
    let cues = s.tick(at_min(1000));
    assert_eq!(switched(&cues).len(), 1);
    assert!(matches!(cues.last(), Some(Cue::Finished { at, .. }) if *at == at_min(100)));
    assert!(s.tick(at_min(2000)).is_empty());
}

#[test]
fn no_drift_when_ticks_are_late() {
    let mut s = started(Treatment::Ice);
    while let Some(d) = s.next_deadline() {
        s.tick(d.plus(Duration::from_millis(900)));
    }
    let end = s.switches().last().unwrap().at;
    assert_eq!(end, at_min(100));
}

mod resume {
    use super::*;
    use supple::core::resume::Saved;

    #[test]
    fn a_saved_session_is_placed_by_the_clock() {
        let mut s = started(Treatment::Ice);
        s.tick(at_min(25)); // in the first OFF, which ends at minute 40
        let wall: jiff::Timestamp = "2026-11-23T14:25:00Z".parse().unwrap();
        let saved = Saved::of(&s, at_min(25), wall).unwrap();
        assert_eq!(saved.index, 1);
        assert_eq!(saved.phase_end.unwrap().to_string(), "2026-11-23T14:40:00Z");
        // The terminal closed; supple starts again at 14:52 with a new clock origin.
        let later: jiff::Timestamp = "2026-11-23T14:52:00Z".parse().unwrap();
        let now = Moment::from_secs(90_000);
        let mut back = saved.restore(now, later).unwrap();
        let cues = back.tick(now);
        // The switch to ICE ON at 14:40 was missed, 12 minutes late.
        assert_eq!(switched(&cues), vec![(2, now.minus(min(12)), min(12))]);
        assert_eq!(back.current().unwrap().kind, PhaseKind::On(Pack::Ice));
        // It ends where it would have: 14:40 + 20 minutes = 15:00, 8 minutes from now.
        assert_eq!(back.remaining(now), Some(min(8)));
    }

    #[test]
    fn a_paused_session_resumes_paused_with_its_time_left() {
        let mut s = started(Treatment::Heat);
        s.apply(Command::TogglePause, at_min(7));
        let wall: jiff::Timestamp = "2026-11-23T10:07:00Z".parse().unwrap();
        let saved = Saved::of(&s, at_min(7), wall).unwrap();
        let later: jiff::Timestamp = "2026-11-23T18:00:00Z".parse().unwrap();
        let back = saved.restore(Moment::ZERO, later).unwrap();
        assert_eq!(back.status(), Status::Paused);
        assert_eq!(back.remaining(Moment::ZERO), Some(min(13)));
    }
}

// ----- the plan, and what one application may last -----

#[test]
fn three_cycles_have_no_trailing_off() {
    let kinds: Vec<PhaseKind> = Plan::new(Treatment::Ice)
        .phases()
        .iter()
        .map(|p| p.kind)
        .collect();
    let (on, off) = (PhaseKind::On(Pack::Ice), PhaseKind::Off);
    assert_eq!(kinds, [on, off, on, off, on]);
    assert_eq!(Plan::new(Treatment::Ice).total(), min(100));
}

#[test]
fn contrast_alternates_starting_with_heat() {
    // Cleveland Clinic, "Acute mechanical back pain": heat 20 minutes, then ice.
    let plan = Plan {
        cycles: 4,
        ..Plan::new(Treatment::Contrast)
    };
    let packs: Vec<PhaseKind> = plan
        .phases()
        .iter()
        .map(|p| p.kind)
        .filter(|k| *k != PhaseKind::Off)
        .collect();
    let (i, h) = (PhaseKind::On(Pack::Ice), PhaseKind::On(Pack::Heat));
    assert_eq!(packs, [h, i, h, i]);
    assert_eq!(plan.phases().len(), 7);
}

#[test]
fn plus_stops_at_the_limit_of_one_application_and_says_why() {
    let mut s = Session::new(Plan::new(Treatment::Ice));
    s.apply(Command::Start, Moment::ZERO);
    let mut last = Vec::new();
    for _ in 0..15 {
        last = s.apply(Command::AddMinute, Moment::ZERO);
    }
    assert_eq!(s.planned(), Some(ICE_MAX));
    assert_eq!(
        last,
        [Cue::AtLimit {
            pack: Pack::Ice,
            limit: ICE_MAX
        }]
    );
    // Heat follows the plan's own limit (the config's heat_max).
    let heat = Plan {
        heat_max: min(25),
        ..Plan::new(Treatment::Heat)
    };
    let mut s = Session::new(heat);
    s.apply(Command::Start, Moment::ZERO);
    for _ in 0..10 {
        s.apply(Command::AddMinute, Moment::ZERO);
    }
    assert_eq!(s.planned(), Some(min(25)));
    // The rest between applications is not a pack on the skin: it may grow.
    let mut s = Session::new(Plan::new(Treatment::Ice));
    s.apply(Command::Start, Moment::ZERO);
    s.apply(Command::Next, Moment::ZERO);
    for _ in 0..15 {
        s.apply(Command::AddMinute, Moment::ZERO);
    }
    assert_eq!(s.planned(), Some(min(35)));
}

#[test]
fn an_on_longer_than_the_limit_is_cut_with_a_reason() {
    let long = Plan {
        on: min(45),
        ..Plan::new(Treatment::Ice)
    };
    assert!(long.too_long().unwrap().contains("30 minutes at most"));
    let (cut, why) = long.within_limit();
    assert_eq!(cut.on, ICE_MAX);
    assert!(why.is_some());
    assert_eq!(Plan::new(Treatment::Heat).within_limit().1, None);
}

#[test]
fn a_pause_longer_than_the_rest_offers_to_end() {
    let mut s = Session::new(Plan::new(Treatment::Heat));
    s.apply(Command::Start, Moment::ZERO);
    let at = Moment::ZERO.plus(min(5));
    s.apply(Command::TogglePause, at);
    assert_eq!(s.paused_long_at(), Some(at.plus(min(20))));
    assert!(!s.paused_long(at.plus(min(19))));
    assert!(s.paused_long(at.plus(min(20))));
    s.apply(Command::TogglePause, at.plus(min(21)));
    assert_eq!(s.paused_at(), None);
    assert!(!s.paused_long(at.plus(min(60))));
}

#[test]
fn one_cycle_and_zero_off() {
    let one = Plan {
        cycles: 1,
        ..Plan::new(Treatment::Heat)
    };
    assert_eq!(one.phases().len(), 1);
    let no_off = Plan {
        off: Duration::ZERO,
        ..Plan::new(Treatment::Heat)
    };
    assert_eq!(no_off.phases().len(), 3);
}

#[test]
fn advice_by_hours_since() {
    let h = |n: u64| Duration::from_secs(n * 3600);
    assert_eq!(Advice::for_time_since(h(0)), Advice::FirstDays);
    assert_eq!(Advice::for_time_since(h(30)), Advice::FirstDays);
    assert_eq!(Advice::for_time_since(h(71)), Advice::FirstDays);
    assert_eq!(Advice::for_time_since(h(72)), Advice::Later);
    // Heat or ice from day 1: the evidence for heat, the ice-first guides, and
    // no warning against either.
    for a in [Advice::FirstDays, Advice::Later] {
        let t = a.text();
        assert!(t.starts_with("Heat or ice, whichever feels better"), "{t}");
        assert!(t.contains("evidence is strongest for heat"), "{t}");
        for warning in ["usual advice", "not heat", "not ice", "anyway", "instead"] {
            assert!(!t.contains(warning), "{t}");
        }
    }
    assert!(
        Advice::FirstDays
            .text()
            .contains("ice for the first 2-3 days")
    );
    // Shown as information, not with a warning mark, alone or after the day.
    assert!(supple::core::pack::is_advice(Advice::Later.text()));
    assert!(supple::core::pack::is_advice(&format!(
        "Day 2 of this episode. {}",
        Advice::FirstDays.text()
    )));
    assert!(!supple::core::pack::is_advice("Over a week since it began"));
}

#[test]
fn long_ice_is_warned_about() {
    let plan = Plan {
        on: min(30),
        off: min(30),
        ..Plan::new(Treatment::Ice)
    };
    assert_eq!(plan.warnings().len(), 1);
    assert!(Plan::new(Treatment::Ice).warnings().is_empty());
    let heat = Plan {
        on: min(30),
        off: min(30),
        ..Plan::new(Treatment::Heat)
    };
    assert!(heat.warnings().is_empty());
}

#[test]
fn a_session_with_nothing_applied_is_not_complete_nor_finished() {
    use supple::core::history::Outcome;
    use supple::core::history::build::{Span, pack};
    use supple::core::words::{pack_applied, pack_complete, pack_end_head};
    let plan = Plan {
        cycles: 2,
        ..Plan::new(Treatment::Heat)
    };
    let mut s = Session::new(plan);
    s.apply(Command::Start, Moment::ZERO);
    // n on each phase: on, off, on, each a second in.
    for k in 1..=3u64 {
        s.apply(Command::Next, Moment::from_secs(k));
    }
    assert_eq!(s.status(), Status::Finished);
    assert!(!pack_complete(&s));
    let end = Moment::from_secs(3);
    assert_eq!(
        pack_applied(&s, end),
        "0 of 2 applications, 2 skipped, 2s on"
    );
    let head = pack_end_head(&s);
    assert!(!head.contains("complete"), "{head}");
    let t: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
    let span = Span {
        start: t,
        end: t + jiff::SignedDuration::from_secs(3),
        end_moment: end,
        tz: jiff::tz::TimeZone::UTC,
    };
    let record = pack(&s, &span);
    assert_eq!(record.outcome, Outcome::Stopped);
    assert_eq!(record.applications_done, Some(0));
    assert_eq!(record.applications_skipped, Some(2));
    assert_eq!(record.applied_seconds, [1, 1]);
    // Run in full: complete, finished, each application's time on kept.
    let mut s = started(Treatment::Ice);
    s.tick(at_min(200));
    assert!(pack_complete(&s));
    assert_eq!(pack_applied(&s, at_min(200)), "3 of 3 applications, 1h on");
    let record = pack(
        &s,
        &Span {
            end_moment: at_min(200),
            ..span
        },
    );
    assert_eq!(record.outcome, Outcome::Finished);
    assert_eq!(record.applied_seconds, [1200, 1200, 1200]);
}
