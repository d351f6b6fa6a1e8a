#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Property tests for the loader, the timeline and the engine.

use std::fmt::Write as _;
use std::time::Duration;

use proptest::prelude::*;
use supple::duration;
use supple::moment::Moment;
use supple::routine::parse;
use supple::session::{Command, Session, Status};
use supple::text::{find_forbidden, sanitize};
use supple::timeline::{Timeline, Totals};

/// A duration string within the format's rules, sometimes zero.
fn dur(max_secs: u64) -> impl Strategy<Value = String> {
    (0..=max_secs, 0..3usize).prop_map(|(s, style)| match style {
        0 => format!("{s}s"),
        1 if s >= 60 => format!("{}m {}s", s / 60, s % 60),
        _ => format!("{s} seconds"),
    })
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z' -]{0,30}".prop_map(|s| s.trim().to_owned())
}

/// One `[[exercise]]` table whose values are all valid.
fn exercise() -> impl Strategy<Value = String> {
    (
        name(),
        0..3usize,
        1..=30u32,
        1..=4u32,
        prop::option::of(dur(30)),
        prop::option::of(dur(60)),
        prop::option::of(dur(60)),
        0..3usize,
        prop::collection::vec((1..=20u64, "[a-z ]{1,20}"), 1..4),
        prop::option::of(0..=20u32),
    )
        .prop_map(
            |(name, work, reps, sets, rep_rest, set_rest, rest, sides, phases, grow)| {
                let mut t = String::from("[[exercise]]\n");
                writeln!(t, "name = {name:?}").unwrap();
                writeln!(t, "reps = {reps}\nsets = {sets}").unwrap();
                match work {
                    0 => writeln!(t, "hold = \"{}s\"", phases[0].0).unwrap(),
                    1 => {
                        let list: Vec<String> = phases
                            .iter()
                            .map(|(s, cue)| format!("{{ cue = \"x{cue}\", time = \"{s}s\" }}"))
                            .collect();
                        writeln!(t, "phases = [{}]", list.join(", ")).unwrap();
                    }
                    _ => {}
                }
                for (key, value) in [
                    ("rep_rest", rep_rest),
                    ("set_rest", set_rest),
                    ("rest", rest),
                ] {
                    if let Some(v) = value {
                        writeln!(t, "{key} = {v:?}").unwrap();
                    }
                }
                match sides {
                    1 => t.push_str("sides = [\"left\", \"right\"]\n"),
                    2 => t.push_str("sides = [\"front\"]\n"),
                    _ => {}
                }
                if let Some(g) = grow {
                    writeln!(t, "progression = {{ target = {}, step = 1 }}", reps + g).unwrap();
                }
                t
            },
        )
}

fn routine_text() -> impl Strategy<Value = String> {
    (
        name(),
        prop::option::of(dur(30)),
        prop::option::of(dur(60)),
        prop::option::of(dur(20)),
        prop::collection::vec(exercise(), 1..6),
    )
        .prop_map(|(name, lead_in, rest, switch, exercises)| {
            let mut t = format!("name = {name:?}\n");
            for (key, value) in [("lead_in", lead_in), ("rest", rest), ("switch", switch)] {
                if let Some(v) = value {
                    writeln!(t, "{key} = {v:?}").unwrap();
                }
            }
            for e in exercises {
                t.push_str(&e);
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_valid_routines_load(text in routine_text()) {
        let parsed = parse(&text);
        prop_assert!(parsed.is_ok(), "{text}\n{:?}", parsed.err());
    }

    #[test]
    fn segment_starts_are_monotonic_and_the_total_is_the_sum(text in routine_text()) {
        let routine = parse(&text).unwrap();
        let totals = Totals::of(&routine).unwrap();
        let t = Timeline::new(routine);
        let mut expected_start = Duration::ZERO;
        for seg in t.segments() {
            prop_assert_eq!(seg.start, expected_start);
            prop_assert!(seg.duration.is_none_or(|d| !d.is_zero()), "zero-length segment kept");
            expected_start += seg.duration.unwrap_or_default();
        }
        prop_assert_eq!(t.total(), expected_start);
        prop_assert_eq!(totals.timed, t.total());
        prop_assert_eq!(totals.steps, t.len() as u64);
        prop_assert_eq!(totals.self_paced, t.self_paced() as u64);
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn the_loader_never_panics_on_damaged_routines(
        text in routine_text(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..8),
    ) {
        let mut chars: Vec<char> = text.chars().collect();
        for (at, c) in cuts {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        let damaged: String = chars.into_iter().collect();
        if let Err(diags) = parse(&damaged) {
            prop_assert!(!diags.is_empty());
            for d in diags {
                prop_assert!(d.span.start <= damaged.len());
            }
        }
    }

    #[test]
    fn error_reports_never_carry_raw_control_characters(text in routine_text(), junk in "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}]{1,4}") {
        let evil = text.replacen("name = \"", &format!("name = \"{junk}"), 1);
        let report = supple::routine::library::load_str("evil.toml", &evil)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        prop_assert!(report.lines().all(|l| find_forbidden(l).is_none()), "{report:?}");
    }

    #[test]
    fn durations_never_panic_and_respect_the_limit(text in any::<String>()) {
        if let Ok(d) = duration::parse(&text, duration::MAX_SINGLE) {
            prop_assert!(d <= duration::MAX_SINGLE);
            prop_assert_eq!(d.subsec_nanos(), 0);
        }
    }

    #[test]
    fn sanitized_text_is_clean(text in any::<String>()) {
        prop_assert!(find_forbidden(&sanitize(&text)).is_none());
    }

    #[test]
    fn the_engine_keeps_its_invariants_under_any_commands(
        text in routine_text(),
        steps in prop::collection::vec((0..20_000u64, 0..8usize), 0..60),
    ) {
        let t = Timeline::new(parse(&text).unwrap());
        let total = t.total();
        let len = t.len();
        let mut s = Session::new(t);
        let mut now = Moment::ZERO;
        s.apply(Command::Start, now);
        for (ms, c) in steps {
            now = now.plus(Duration::from_millis(ms));
            let command = [
                Command::Pause, Command::Resume, Command::TogglePause, Command::Next,
                Command::Back, Command::CompleteRep, Command::RestartExercise, Command::Start,
            ][c];
            let before = s.remaining_total(now);
            s.apply(command, now);
            prop_assert!(s.index() <= len);
            prop_assert!(s.remaining_total(now) <= total);
            prop_assert!(s.active_time(now) <= now.since(Moment::ZERO));
            if command == Command::Next || command == Command::CompleteRep {
                prop_assert!(s.remaining_total(now) <= before, "skipping added time");
            }
            if let Some(d) = s.next_deadline() {
                prop_assert!(s.status() == Status::Running);
                prop_assert!(d.since(now) <= duration::MAX_SINGLE);
            }
            if s.status() == Status::Finished {
                prop_assert_eq!(s.remaining_total(now), Duration::ZERO);
                prop_assert!(s.current().is_none());
            }
        }
        // Time alone brings any running routine without self-paced steps to its end.
        if s.status() == Status::Running && s.timeline().self_paced() == 0 {
            s.tick(now.plus(total).plus(Duration::from_secs(1)));
            prop_assert_eq!(s.status(), Status::Finished);
        }
    }
}
