#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! The session engine with fake time: no test here sleeps.

use std::time::Duration;

use supple::core::moment::Moment;
use supple::core::routine::parse;
use supple::core::session::{Command, Cue, ExerciseState, Outcome, Session, Status};
use supple::core::timeline::{Kind, Timeline};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn at(s: u64) -> Moment {
    Moment::from_secs(s)
}

fn session(src: &str) -> Session {
    Session::new(Timeline::new(parse(src).expect("valid routine")))
}

fn started(src: &str) -> Session {
    let mut s = session(src);
    s.apply(Command::Start, at(0));
    s
}

fn segment_cues(cues: &[Cue]) -> Vec<usize> {
    cues.iter()
        .filter_map(|c| match c {
            Cue::Segment { index } => Some(*index),
            _ => None,
        })
        .collect()
}

/// lead-in 5s, then "a": 3 holds of 10s with 2s between, then rest 10s, then "b": 20s.
const BASIC: &str = r#"
name = "basic"
lead_in = "5s"
rest = "10s"
[[exercise]]
name = "a"
reps = 3
hold = "10s"
rep_rest = "2s"
[[exercise]]
name = "b"
hold = "20s"
"#;

#[test]
fn a_new_session_waits_for_start() {
    let s = session(BASIC);
    assert_eq!(s.status(), Status::Ready);
    assert_eq!(s.next_deadline(), None);
    assert_eq!(s.remaining(at(100)), Some(secs(5)));
    assert_eq!(s.remaining_total(at(100)), secs(5 + 34 + 10 + 20));
}

#[test]
fn segments_end_on_their_deadlines() {
    let mut s = started(BASIC);
    assert_eq!(s.current().unwrap().kind, Kind::LeadIn);
    assert_eq!(
        s.next_deadline(),
        Some(at(2)),
        "first countdown second: 5s - 3s"
    );
    assert_eq!(s.tick(at(2)), vec![Cue::Countdown { secs: 3 }]);
    assert_eq!(s.next_deadline(), Some(at(3)));
    assert_eq!(s.tick(at(3)), vec![Cue::Countdown { secs: 2 }]);
    assert_eq!(s.tick(at(4)), vec![Cue::Countdown { secs: 1 }]);
    assert_eq!(s.next_deadline(), Some(at(5)));
    let cues = s.tick(at(5));
    assert_eq!(cues, vec![Cue::Segment { index: 1 }]);
    assert_eq!(s.current().unwrap().kind, Kind::Hold);
    assert_eq!(s.remaining(at(5)), Some(secs(10)));
    assert_eq!(s.remaining(at(8)), Some(secs(7)));
}

#[test]
fn ticks_between_deadlines_change_nothing() {
    let mut s = started(BASIC);
    for ms in (0..2000).step_by(100) {
        assert!(
            s.tick(Moment::from_origin(Duration::from_millis(ms)))
                .is_empty()
        );
    }
    assert_eq!(s.index(), 0);
}

#[test]
fn one_late_tick_crosses_many_segments() {
    let mut s = started(BASIC);
    // 5 + 10 + 2 + 10 = 27: the second rep-rest has just begun at 27.
    let cues = s.tick(at(28));
    assert_eq!(segment_cues(&cues), vec![1, 2, 3, 4]);
    assert_eq!(s.current().unwrap().kind, Kind::RepRest);
    assert_eq!(
        s.remaining(at(28)),
        Some(secs(1)),
        "deadline chained from 27, not from 28"
    );
    // No countdown for the segments that ended while we were late.
    assert!(!cues.iter().any(|c| matches!(c, Cue::Countdown { .. })));
}

#[test]
fn a_tick_far_past_the_end_finishes_with_every_cue_once() {
    let mut s = started(BASIC);
    let cues = s.tick(at(10_000));
    assert_eq!(segment_cues(&cues).len(), s.timeline().len() - 1);
    assert_eq!(cues.last(), Some(&Cue::Finished));
    assert_eq!(
        cues.iter()
            .filter(|c| matches!(c, Cue::ExerciseDone { .. }))
            .count(),
        2
    );
    assert_eq!(s.status(), Status::Finished);
    assert_eq!(
        s.active_time(at(10_000)),
        secs(69),
        "ends at the last deadline"
    );
    assert!(s.tick(at(20_000)).is_empty());
    assert_eq!(s.next_deadline(), None);
}

#[test]
fn pause_freezes_time_exactly() {
    let mut s = started(BASIC);
    s.tick(at(5));
    let at_7_5 = Moment::from_origin(Duration::from_millis(7_500));
    assert_eq!(s.apply(Command::Pause, at_7_5), vec![Cue::Paused]);
    assert_eq!(s.next_deadline(), None);
    // An hour later nothing has moved.
    assert!(s.tick(at(3_600)).is_empty());
    assert_eq!(s.remaining(at(3_600)), Some(Duration::from_millis(7_500)));
    let cues = s.apply(Command::Resume, at(3_600));
    assert_eq!(cues, vec![Cue::Resumed]);
    assert_eq!(s.remaining(at(3_601)), Some(Duration::from_millis(6_500)));
    // The hold now ends 7.5 s after the resume.
    let end = at(3_600).plus(Duration::from_millis(7_500));
    assert_eq!(s.index(), 1);
    s.tick(end.minus(Duration::from_millis(1)));
    assert_eq!(s.index(), 1);
    s.tick(end);
    assert_eq!(s.index(), 2);
    // Pauses are not active time.
    assert_eq!(s.active_time(end), secs(15));
}

#[test]
fn toggle_pause_flips() {
    let mut s = started(BASIC);
    assert_eq!(s.apply(Command::TogglePause, at(1)), vec![Cue::Paused]);
    assert_eq!(s.status(), Status::Paused);
    assert_eq!(s.apply(Command::TogglePause, at(9)), vec![Cue::Resumed]);
    assert_eq!(s.status(), Status::Running);
    assert_eq!(s.remaining(at(9)), Some(secs(4)));
}

#[test]
fn next_skips_and_restarts_the_clock_for_the_new_segment() {
    let mut s = started(BASIC);
    s.tick(at(5));
    let cues = s.apply(Command::Next, at(6));
    assert_eq!(segment_cues(&cues), vec![2]);
    assert_eq!(s.outcomes()[1], Outcome::Skipped);
    assert_eq!(s.remaining(at(6)), Some(secs(2)));
}

#[test]
fn next_on_the_last_segment_finishes() {
    let mut s = started(BASIC);
    s.tick(at(50));
    assert_eq!(s.current().unwrap().exercise, 1);
    let cues = s.apply(Command::Next, at(51));
    assert_eq!(cues, vec![Cue::ExerciseDone { exercise: 1 }, Cue::Finished]);
    assert_eq!(s.exercise_state(0), ExerciseState::Completed);
    assert_eq!(s.exercise_state(1), ExerciseState::Skipped);
}

#[test]
fn back_restarts_or_goes_to_the_previous_segment() {
    let mut s = started(BASIC);
    s.tick(at(5));
    // 5 s into the hold: back restarts it.
    let cues = s.apply(Command::Back, at(10));
    assert_eq!(segment_cues(&cues), vec![1]);
    assert_eq!(s.remaining(at(10)), Some(secs(10)));
    // Just restarted: back now goes to the lead-in.
    s.apply(Command::Back, at(11));
    assert_eq!(s.index(), 0);
    assert_eq!(s.remaining(at(11)), Some(secs(5)));
    // On the first segment, back restarts it.
    s.apply(Command::Back, at(11));
    assert_eq!(s.index(), 0);
}

#[test]
fn back_while_paused_stays_paused_with_a_fresh_segment() {
    let mut s = started(BASIC);
    s.tick(at(5));
    s.apply(Command::Pause, at(9));
    s.apply(Command::Back, at(20));
    assert_eq!(s.status(), Status::Paused);
    assert_eq!(s.index(), 1);
    assert_eq!(s.remaining(at(500)), Some(secs(10)));
}

#[test]
fn back_resets_the_outcome_of_what_is_redone() {
    let mut s = started(BASIC);
    s.tick(at(5));
    s.apply(Command::Next, at(5));
    assert_eq!(s.outcomes()[1], Outcome::Skipped);
    s.apply(Command::Back, at(5));
    assert_eq!(s.index(), 1);
    assert_eq!(s.outcomes()[1], Outcome::Pending);
}

#[test]
fn restart_exercise_goes_to_its_first_step() {
    let mut s = started(BASIC);
    s.tick(at(20)); // in the second hold of "a"
    assert_eq!(s.index(), 3);
    s.apply(Command::RestartExercise, at(20));
    assert_eq!(s.index(), 1);
    // During the rest after "a", restart means "a" again.
    s.tick(at(20 + 35));
    assert_eq!(s.current().unwrap().kind, Kind::Rest);
    s.apply(Command::RestartExercise, at(55));
    assert_eq!(s.index(), 1);
    assert!(s.outcomes()[1..].iter().all(|o| *o == Outcome::Pending));
}

const SELF_PACED: &str = r#"
name = "sp"
lead_in = "2s"
[[exercise]]
name = "tilt"
reps = 2
rep_rest = "3s"
"#;

#[test]
fn self_paced_reps_wait_for_confirmation() {
    let mut s = started(SELF_PACED);
    s.tick(at(2));
    assert_eq!(s.current().unwrap().kind, Kind::SelfPaced);
    assert_eq!(s.next_deadline(), None);
    assert_eq!(s.remaining(at(2)), None);
    assert!(
        s.tick(at(1_000)).is_empty(),
        "time alone does not end a self-paced rep"
    );
    let cues = s.apply(Command::CompleteRep, at(1_000));
    assert_eq!(segment_cues(&cues), vec![2]);
    assert_eq!(s.current().unwrap().kind, Kind::RepRest);
    assert_eq!(s.remaining(at(1_001)), Some(secs(2)));
    s.tick(at(1_003));
    let cues = s.apply(Command::CompleteRep, at(1_010));
    assert_eq!(cues, vec![Cue::ExerciseDone { exercise: 0 }, Cue::Finished]);
    assert_eq!(s.exercise_state(0), ExerciseState::Completed);
}

#[test]
fn complete_rep_is_ignored_on_timed_segments_and_while_paused() {
    let mut s = started(SELF_PACED);
    assert!(s.apply(Command::CompleteRep, at(1)).is_empty());
    assert_eq!(s.index(), 0);
    s.tick(at(2));
    s.apply(Command::Pause, at(3));
    assert!(s.apply(Command::CompleteRep, at(4)).is_empty());
    assert_eq!(s.index(), 1);
}

#[test]
fn commands_before_start_or_after_finish_do_nothing() {
    let mut s = session(BASIC);
    for c in [
        Command::Pause,
        Command::Next,
        Command::Back,
        Command::CompleteRep,
    ] {
        assert!(s.apply(c, at(1)).is_empty());
    }
    assert_eq!(s.status(), Status::Ready);
    s.apply(Command::Start, at(0));
    s.tick(at(1_000));
    for c in [
        Command::Start,
        Command::Resume,
        Command::Next,
        Command::Back,
    ] {
        assert!(s.apply(c, at(1_001)).is_empty());
    }
}

#[test]
fn phases_do_not_count_down() {
    let mut s = started(
        "name = \"p\"\nlead_in = \"0s\"\n[[exercise]]\nname = \"cc\"\nphases = [{ cue = \"in\", time = \"6s\" }]\n",
    );
    assert_eq!(s.current().unwrap().kind, Kind::Phase);
    assert_eq!(s.next_deadline(), Some(at(6)));
    assert!(s.tick(at(5)).is_empty());
}

#[test]
fn a_late_tick_announces_only_the_current_countdown_second() {
    let mut s = started(BASIC);
    let late = Moment::from_origin(Duration::from_millis(4_200));
    assert_eq!(s.tick(late), vec![Cue::Countdown { secs: 1 }]);
    assert_eq!(s.next_deadline(), Some(at(5)));
}

#[test]
fn remaining_total_counts_down_with_the_clock() {
    let mut s = started(BASIC);
    let total = s.timeline().total();
    for t in [0, 3, 5, 17, 40, 68] {
        s.tick(at(t));
        assert_eq!(s.remaining_total(at(t)), total - secs(t), "at {t}s");
    }
}

#[test]
fn no_drift_over_ten_thousand_segments() {
    // 100 exercises x 100 reps of 1 s, plus 1 s rests between reps: 19,900+ segments.
    let mut src = String::from("name = \"long\"\nlead_in = \"1s\"\nrest = \"1s\"\n");
    for i in 0..100 {
        src.push_str(&format!(
            "[[exercise]]\nname = \"e{i}\"\nreps = 100\nhold = \"1s\"\nrep_rest = \"1s\"\n"
        ));
    }
    let mut s = started(&src);
    let n = s.timeline().len();
    assert!(n > 10_000, "{n} segments");
    let total = s.timeline().total();
    // Wake at every deadline, always 7 ms late, as a real loop would.
    let mut now = at(0);
    let mut wakeups = 0;
    while let Some(deadline) = s.next_deadline() {
        now = deadline.plus(Duration::from_millis(7));
        s.tick(now);
        wakeups += 1;
        assert!(wakeups < 100_000, "runaway loop");
    }
    assert_eq!(s.status(), Status::Finished);
    // Lateness never accumulates: the run ends exactly at the total.
    assert_eq!(s.active_time(now), total);
    assert_eq!(
        now,
        Moment::from_origin(total).plus(Duration::from_millis(7))
    );
}
