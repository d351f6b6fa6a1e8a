#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Property tests for the loader, the timeline and the engine.

use std::fmt::Write as _;
use std::time::Duration;

use proptest::prelude::*;
use supple::core::duration;
use supple::core::moment::Moment;
use supple::core::routine::Totals;
use supple::core::routine::{LIMITS, Work, parse};
use supple::core::session::{Command, Session, Status};
use supple::core::text::{find_forbidden, sanitize};
use supple::core::timeline::Timeline;

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
        let report = supple::store::library::load_str("evil.toml", &evil)
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

// ---------------------------------------------------------------------------
// Routines near and past the limits.
//
// `routine_text` above only makes valid routines. The generator below makes routines
// whose values sit anywhere in their range, often on its edges, and in a quarter of
// the cases breaks one of them (past a limit, wrong type, unknown key, hostile text). About
// 40% of what it makes is valid (`share_of_valid_edgy_routines` reports the figure),
// so both the accepting and the refusing paths of the loader are exercised.

/// `key = value` lines of one table, values as TOML text.
type Table = Vec<(String, String)>;

fn set(table: &mut Table, key: &str, value: String) {
    match table.iter_mut().find(|(k, _)| k == key) {
        Some(entry) => entry.1 = value,
        None => table.push((key.to_owned(), value)),
    }
}

/// A duration within 0..=max seconds, leaning to the ends of the range.
fn edgy_dur(max_secs: u64) -> impl Strategy<Value = String> {
    prop_oneof![
        24 => dur(max_secs.min(120)),
        1 => Just(format!("{max_secs}s")),
        1 => Just(format!("{}m", max_secs / 60)),
    ]
}

fn edgy_count(lo: u32, hi: u32, usual: u32) -> impl Strategy<Value = u32> {
    prop_oneof![12 => lo..=usual, 1 => Just(lo), 1 => Just(hi), 1 => lo..=hi]
}

fn edgy_text(max_chars: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => name().prop_filter("empty", |s| !s.is_empty()),
        1 => Just("é".repeat(max_chars)),
        1 => "[a-zA-Z0-9 ,.'()-]{1,40}".prop_filter("blank", |s| !s.trim().is_empty()),
    ]
    .prop_map(|s| format!("{s:?}"))
}

fn edgy_exercise() -> impl Strategy<Value = Table> {
    let single = duration::MAX_SINGLE.as_secs();
    (
        edgy_text(LIMITS.name_chars),
        0..3usize,
        edgy_count(LIMITS.reps.0, LIMITS.reps.1, 12),
        edgy_count(LIMITS.sets.0, LIMITS.sets.1, 3),
        prop::collection::vec(edgy_dur(single), 4),
        0..=LIMITS.sides,
        prop::collection::vec(
            (1..=120u64, edgy_text(LIMITS.text_chars)),
            1..=LIMITS.phases,
        ),
        prop::collection::vec(edgy_text(LIMITS.text_chars), 0..=3),
        prop::option::of((0..=LIMITS.reps.1, 1..=5u32)),
    )
        .prop_map(
            |(name, work, reps, sets, rests, sides, phases, cues, grow)| {
                let mut t = Table::new();
                set(&mut t, "name", name);
                match work {
                    0 => set(&mut t, "hold", format!("\"{}s\"", phases[0].0)),
                    1 => {
                        let list: Vec<String> = phases
                            .iter()
                            .map(|(s, cue)| format!("{{ cue = {cue}, time = \"{s}s\" }}"))
                            .collect();
                        set(&mut t, "phases", format!("[{}]", list.join(", ")));
                    }
                    _ => {}
                }
                set(&mut t, "reps", reps.to_string());
                set(&mut t, "sets", sets.to_string());
                for (key, value) in ["rep_rest", "set_rest", "rest", "switch"].iter().zip(rests) {
                    if !value.starts_with('0') {
                        set(&mut t, key, format!("{value:?}"));
                    }
                }
                if sides > 0 {
                    let list: Vec<String> = (0..sides).map(|i| format!("\"side {i}\"")).collect();
                    set(&mut t, "sides", format!("[{}]", list.join(", ")));
                }
                if !cues.is_empty() {
                    set(&mut t, "cues", format!("[{}]", cues.join(", ")));
                }
                if let Some((extra, step)) = grow {
                    let target = reps.saturating_add(extra).min(LIMITS.reps.1);
                    set(
                        &mut t,
                        "progression",
                        format!("{{ target = {target}, step = {step} }}"),
                    );
                }
                t
            },
        )
}

/// One way to break a routine: a key, a bad value, and whether it goes in an exercise.
fn fault() -> impl Strategy<Value = (bool, &'static str, String)> {
    let long = |n: usize| format!("\"{}\"", "x".repeat(n));
    let list = |n: usize| format!("[{}]", vec!["\"a\""; n].join(", "));
    let single = duration::MAX_SINGLE.as_secs();
    prop::sample::select(vec![
        (true, "reps", "0".to_owned()),
        (true, "reps", (LIMITS.reps.1 + 1).to_string()),
        (true, "reps", "-3".to_owned()),
        (true, "reps", "1.5".to_owned()),
        (true, "reps", "\"ten\"".to_owned()),
        (true, "reps", i64::MAX.to_string()),
        (true, "sets", "0".to_owned()),
        (true, "sets", (LIMITS.sets.1 + 1).to_string()),
        (true, "hold", "\"0s\"".to_owned()),
        (true, "hold", format!("\"{}s\"", single + 1)),
        (true, "hold", "\"soon\"".to_owned()),
        (true, "hold", "5".to_owned()),
        (true, "rest", "\"-1s\"".to_owned()),
        (true, "rep_rest", "\"18446744073709551615s\"".to_owned()),
        (true, "name", long(LIMITS.name_chars + 1)),
        (true, "name", "\"\"".to_owned()),
        (true, "name", "\"a\\u001b[31mred\"".to_owned()),
        (true, "name", "\"\\u202eevil\"".to_owned()),
        (true, "name", "\"zero\\u200bwidth\"".to_owned()),
        (true, "name", "\"c1\\u009bcontrol\"".to_owned()),
        (true, "sides", list(LIMITS.sides + 1)),
        (true, "sides", "\"left\"".to_owned()),
        (true, "cues", list(LIMITS.list_items + 1)),
        (true, "cues", format!("[{}]", long(LIMITS.text_chars + 1))),
        (true, "cues", format!("[{}]", long(10_000))),
        (true, "holdd", "\"5s\"".to_owned()),
        (true, "phases", "[]".to_owned()),
        (
            true,
            "phases",
            format!(
                "[{}]",
                vec!["{ cue = \"in\", time = \"1s\" }"; LIMITS.phases + 1].join(", ")
            ),
        ),
        (true, "phases", "[{ cue = \"in\" }]".to_owned()),
        (true, "progression", "{ target = 0, step = 1 }".to_owned()),
        (true, "progression", "{ target = 10 }".to_owned()),
        (true, "art", "\"no-such-drawing\"".to_owned()),
        (false, "lead_in", "\"2 fortnights\"".to_owned()),
        (false, "name", long(LIMITS.name_chars + 1)),
        (false, "tags", list(LIMITS.list_items + 1)),
        (
            false,
            "description",
            "\"\\u001b]0;title\\u0007\"".to_owned(),
        ),
        (false, "exercise", "3".to_owned()),
        (false, "colour", "\"red\"".to_owned()),
    ])
}

fn edgy_routine() -> impl Strategy<Value = String> {
    (
        edgy_text(LIMITS.name_chars),
        prop::collection::vec(edgy_dur(duration::MAX_SINGLE.as_secs()), 3),
        prop::collection::vec(edgy_exercise(), 1..5),
        prop::option::weighted(0.25, (any::<prop::sample::Index>(), fault())),
    )
        .prop_map(|(name, durs, mut exercises, fault)| {
            let mut top = Table::new();
            set(&mut top, "name", name);
            for (key, value) in ["lead_in", "rest", "switch"].iter().zip(durs) {
                if !value.starts_with('0') {
                    set(&mut top, key, format!("{value:?}"));
                }
            }
            match fault {
                Some((at, (true, key, value))) => {
                    let i = at.index(exercises.len());
                    set(&mut exercises[i], key, value);
                }
                Some((_, (false, key, value))) => set(&mut top, key, value),
                None => {}
            }
            let mut text = String::new();
            for (k, v) in &top {
                writeln!(text, "{k} = {v}").unwrap();
            }
            for ex in &exercises {
                text.push_str("\n[[exercise]]\n");
                for (k, v) in ex {
                    writeln!(text, "{k} = {v}").unwrap();
                }
            }
            text
        })
}

/// Every value of an accepted routine is within its documented range.
fn assert_within_limits(r: &supple::core::routine::Routine) -> Result<(), TestCaseError> {
    let text_ok = |s: &str, max: usize| {
        !s.trim().is_empty() && s.chars().count() <= max && find_forbidden(s).is_none()
    };
    prop_assert!(text_ok(&r.name, LIMITS.name_chars));
    prop_assert!(
        r.description
            .as_deref()
            .is_none_or(|d| text_ok(d, LIMITS.text_chars))
    );
    prop_assert!(r.tags.len() <= LIMITS.list_items);
    prop_assert!(r.tags.iter().all(|t| text_ok(t, LIMITS.name_chars)));
    prop_assert!(r.lead_in <= LIMITS.single);
    prop_assert!((1..=LIMITS.exercises).contains(&r.exercises.len()));
    for e in &r.exercises {
        prop_assert!(text_ok(&e.name, LIMITS.name_chars));
        prop_assert!(
            (LIMITS.reps.0..=LIMITS.reps.1).contains(&e.reps),
            "reps {}",
            e.reps
        );
        prop_assert!(
            (LIMITS.sets.0..=LIMITS.sets.1).contains(&e.sets),
            "sets {}",
            e.sets
        );
        prop_assert!(e.sides.len() <= LIMITS.sides);
        prop_assert!(e.sides.iter().all(|s| text_ok(s, LIMITS.name_chars)));
        prop_assert!(e.cues.len() <= LIMITS.list_items);
        prop_assert!(e.cues.iter().all(|c| text_ok(c, LIMITS.text_chars)));
        for d in [e.rep_rest, e.set_rest, e.rest, e.switch] {
            prop_assert!(d <= LIMITS.single && d.subsec_nanos() == 0);
        }
        match &e.work {
            Work::Hold(d) => prop_assert!(!d.is_zero() && *d <= LIMITS.single),
            Work::Phases(phases) => {
                prop_assert!((1..=LIMITS.phases).contains(&phases.len()));
                for p in phases {
                    prop_assert!(!p.time.is_zero() && p.time <= LIMITS.single);
                    prop_assert!(text_ok(&p.cue, LIMITS.text_chars));
                }
            }
            Work::SelfPaced => {}
        }
        if let Some(p) = e.progression {
            prop_assert!((e.reps..=LIMITS.reps.1).contains(&p.target));
            prop_assert!((LIMITS.reps.0..=LIMITS.reps.1).contains(&p.step));
        }
    }
    let totals = Totals::of(r);
    prop_assert!(totals.is_some(), "an accepted routine's totals overflowed");
    let totals = totals.unwrap();
    prop_assert!(totals.timed <= LIMITS.total);
    prop_assert!(totals.steps <= LIMITS.steps);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn accepted_routines_respect_every_range_and_refusals_are_clean(text in edgy_routine()) {
        match supple::store::library::load_str("edgy.toml", &text) {
            Ok(r) => {
                assert_within_limits(&r)?;
                let t = Timeline::new(r);
                prop_assert_eq!(t.len() as u64, Totals::of(&t.routine).unwrap().steps);
            }
            Err(e) => {
                prop_assert!(e.count() > 0);
                let report = e.to_string();
                prop_assert!(report.lines().all(|l| find_forbidden(l).is_none()), "{report:?}");
                prop_assert!(report.contains("edgy.toml:"), "no file:line:col in {report}");
                prop_assert!(find_forbidden(&e.headline()).is_none());
            }
        }
    }

    /// `Totals::of` takes any `Routine`, validated or not: with counts and lengths up
    /// to the type's maximum it returns `None` rather than overflowing.
    #[test]
    fn totals_use_checked_arithmetic(
        text in routine_text(),
        reps in prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()],
        sets in prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()],
        secs in prop_oneof![Just(0u64), Just(u64::MAX), any::<u64>()],
        sides in 0..6usize,
    ) {
        let mut r = parse(&text).unwrap();
        r.lead_in = Duration::ZERO;
        for e in &mut r.exercises {
            e.reps = reps;
            e.sets = sets;
            e.rest = Duration::from_secs(secs);
            e.rep_rest = Duration::from_secs(secs);
            e.set_rest = Duration::ZERO;
            e.switch = Duration::ZERO;
            e.sides = vec!["s".to_owned(); sides];
            e.work = Work::Hold(Duration::from_secs(secs));
        }
        // The same sums, exactly, in 128 bits.
        let (secs, n) = (u128::from(secs), r.exercises.len() as u128);
        let per_rep = sides.max(1) as u128 * u128::from(sets);
        let rep_count = per_rep * u128::from(reps);
        let rep_rests = per_rep * u128::from(reps.saturating_sub(1));
        let live = u128::from(secs > 0);
        let timed = (|| {
            let each = secs.checked_mul(rep_count + rep_rests)?.checked_mul(n)?;
            each.checked_add((n - 1) * secs)
        })();
        let steps = live * (n * (rep_count + rep_rests) + (n - 1));
        let max = u128::from(u64::MAX);
        let expected = match timed {
            Some(timed) if timed <= max && steps <= max && rep_count <= max => {
                Some((timed as u64, steps as u64))
            }
            _ => None,
        };
        let got = Totals::of(&r).map(|t| (t.timed.as_secs(), t.steps));
        prop_assert_eq!(got, expected);
    }
}

/// Reports, and keeps in a band, the share of `edgy_routine` output that is valid.
#[test]
fn share_of_valid_edgy_routines() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = edgy_routine();
    let n = 2_000;
    let valid = (0..n)
        .filter(|_| parse(&strategy.new_tree(&mut runner).unwrap().current()).is_ok())
        .count();
    let share = valid as f64 / n as f64;
    eprintln!(
        "edgy_routine: {valid} of {n} generated routines are valid ({:.0}%)",
        share * 100.0
    );
    assert!(
        (0.30..=0.70).contains(&share),
        "the generator's bias drifted: {:.0}% valid",
        share * 100.0
    );
}

proptest! {
    /// Whatever reminders `remind add` can make, the file supple writes for them
    /// reads back as the same reminders (the toml serializer quotes, and the
    /// limits are checked before writing).
    #[test]
    fn reminders_written_read_back_the_same(
        names in proptest::collection::btree_set("[a-zA-Z0-9_][a-zA-Z0-9_-]{0,39}", 1..8),
        starts in proptest::collection::vec("[a-z0-9_][a-z0-9_-]{0,20}|ice|heat|contrast|today", 8),
        minutes in proptest::collection::vec(0u16..1440, 1..6),
        every in 5u64..=720,
        days in "daily|weekends|mon-fri|mon,wed,fri|sat",
    ) {
        use supple::core::remind::{self, Days, Reminder, Schedule, Starts};
        let days = Days::parse(&days).unwrap();
        let at: Vec<String> = minutes.iter().map(|m| format!("{:02}:{:02}", m / 60, m % 60)).collect();
        let all: Vec<Reminder> = names
            .iter()
            .enumerate()
            .map(|(i, name)| Reminder {
                name: name.clone(),
                starts: Starts::parse(&starts[i % starts.len()]),
                schedule: if i % 2 == 0 {
                    Schedule::at(&at.join(","), days).unwrap()
                } else {
                    Schedule::every(Duration::from_secs(every * 60), Some("08:00-18:00"), days).unwrap()
                },
                always: i % 3 == 1,
            })
            .collect();
        let text = remind::to_checked_toml(&all).unwrap();
        let mut back = remind::parse(&text).unwrap();
        let mut want = all.clone();
        back.sort_by(|a, b| a.name.cmp(&b.name));
        want.sort_by(|a, b| a.name.cmp(&b.name));
        prop_assert_eq!(back, want);
    }
}
