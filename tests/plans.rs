#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Plan files: every rule of the format has a fixture under fixtures/plans/invalid/
//! whose whole report is a snapshot; the bundled plan loads and follows the
//! guidance; any generated valid plan has ordered stages with no gap or overlap;
//! the loader never panics.

use std::fs;
use std::path::Path;
use std::time::Duration;

use proptest::prelude::*;
use supple::core::plan::{Activity, Often, parse};
use supple::core::text::find_forbidden;
use supple::store::library::Library;
use supple::store::plans::{BUNDLED, bundled, load_str};

fn library() -> Library {
    Library::with_user_dir(None)
}

fn hours(h: u64) -> Duration {
    Duration::from_secs(h * 3600)
}

#[test]
fn every_invalid_plan_fixture_is_reported_at_its_place() {
    let mut seen = 0;
    insta::glob!("fixtures/plans/invalid/*.toml", |path| {
        seen += 1;
        let text = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let err = load_str(&name, &text, &library()).expect_err("fixture must be invalid");
        let report = err.to_string();
        let first = report.lines().next().unwrap();
        // file:line:column, a caret under the place, and a fix.
        let place = first.strip_prefix(&format!("{name}:")).unwrap_or("");
        let mut parts = place.splitn(3, ':');
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{first}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{first}");
        assert!(report.contains('^'), "{report}");
        assert!(report.contains("help:"), "{report}");
        assert_eq!(report.lines().find_map(find_forbidden), None, "{report:?}");
        insta::assert_snapshot!(report);
    });
    assert!(seen >= 12, "only {seen} plan fixtures");
}

#[test]
fn every_error_in_a_plan_is_reported_at_once() {
    let text = fs::read_to_string("tests/fixtures/plans/invalid/many-errors.toml").unwrap();
    let err = load_str("many-errors.toml", &text, &library()).unwrap_err();
    assert!(err.count() >= 4, "{err}");
    let text = fs::read_to_string("tests/fixtures/plans/invalid/absurd-frequency.toml").unwrap();
    assert_eq!(
        load_str("a.toml", &text, &library()).unwrap_err().count(),
        3
    );
}

#[test]
fn the_bundled_plan_follows_the_guidance() {
    for (name, _) in BUNDLED {
        let entry = bundled(name, &library()).unwrap();
        if let Err(e) = &entry.plan {
            panic!("{e}");
        }
    }
    let plan = bundled("back-spasm", &library()).unwrap().plan.unwrap();
    let stage = |h: u64| plan.stage_at(hours(h)).unwrap().1;
    // Heat or ice from day 1, by the person's choice, in every stage that has a pack.
    let packs = |h: u64| -> Vec<String> {
        stage(h)
            .items
            .iter()
            .filter_map(|i| match &i.activity {
                Activity::Pack(_) => Some(i.activity.label()),
                _ => None,
            })
            .collect()
    };
    for h in [0, 30, 47, 50, 80, 8 * 24] {
        assert_eq!(packs(h), ["Heat or ice"], "{h}h");
    }
    // A daily line for every day: reassurance first.
    assert!(plan.daily_line(1).unwrap().contains("within a few weeks"));
    for day in 1..=90 {
        assert!(plan.daily_line(day).is_some());
    }
    // Slow breathing from day 1.
    assert!(
        stage(1)
            .items
            .iter()
            .any(|i| matches!(&i.activity, Activity::Routine(r) if r == "breathing"))
    );
    // Walks from the first day; the gentle routine too.
    let has = |h: u64, f: &dyn Fn(&Activity) -> bool| stage(h).items.iter().any(|i| f(&i.activity));
    assert!(has(
        1,
        &|a| matches!(a, Activity::Walk(d) if *d >= Duration::from_secs(300))
    ));
    assert!(has(
        1,
        &|a| matches!(a, Activity::Routine(r) if r == "back-spasm-relief")
    ));
    // No stage sets its own threshold for seeing a doctor: Today says the one
    // "not getting better" rule from the core (crates/supple-core/src/red_flags.rs).
    for h in [0, 50, 80, 8 * 24, 13 * 7 * 24] {
        assert!(
            stage(h).advice.iter().all(|a| !a.contains("see a doctor")),
            "{h}h"
        );
    }
    // After a week: core work three times a week, once the pain has settled.
    assert!(stage(8 * 24).items.iter().any(
        |i| matches!(&i.activity, Activity::Routine(r) if r == "core-strength")
            && i.often == Often::PerWeek(3)
            && i.pain_at_most == Some(3)
    ));
    assert!(
        stage(8 * 24)
            .advice
            .iter()
            .any(|a| a.contains("once the pain has settled") && a.contains("3 or less"))
    );
    // Beyond twelve weeks: long-lasting, and the stage never ends.
    assert!(stage(13 * 7 * 24).advice[0].contains("long-lasting"));
    assert!(plan.stage_at(hours(100_000)).is_some());
}

#[test]
fn stages_change_exactly_at_their_boundaries() {
    let plan = bundled("back-spasm", &library()).unwrap().plan.unwrap();
    let index = |d: Duration| plan.stage_at(d).unwrap().0;
    assert_eq!(index(Duration::ZERO), 0);
    assert_eq!(index(hours(72) - Duration::from_secs(1)), 0);
    assert_eq!(index(hours(72)), 1);
    assert_eq!(index(hours(7 * 24) - Duration::from_secs(1)), 1);
    assert_eq!(index(hours(7 * 24)), 2);
    assert_eq!(index(hours(12 * 7 * 24) - Duration::from_secs(1)), 2);
    assert_eq!(index(hours(12 * 7 * 24)), 3);
}

fn plan_text(bounds: &[u64], open_end: bool) -> String {
    let mut text = String::from("name = \"Generated\"\n");
    let mut from = 0;
    for (i, until) in bounds.iter().enumerate() {
        text.push_str(&format!("[[stage]]\nname = \"S{i}\"\nfrom = \"{from}h\"\n"));
        if !(open_end && i + 1 == bounds.len()) {
            text.push_str(&format!("until = \"{until}h\"\n"));
        }
        text.push_str("items = [ { walk = \"5m\", per_day = 1 } ]\n");
        from = *until;
    }
    text
}

proptest! {
    #[test]
    fn any_valid_plan_has_ordered_stages_without_gaps(
        steps in proptest::collection::vec(1u64..500, 1..8),
        open_end in any::<bool>(),
    ) {
        let bounds: Vec<u64> = steps.iter().scan(0, |t, s| { *t += s; Some(*t) }).collect();
        let plan = parse(&plan_text(&bounds, open_end)).unwrap();
        let mut expected = Duration::ZERO;
        for (i, s) in plan.stages.iter().enumerate() {
            prop_assert_eq!(s.from, expected);
            match s.until {
                Some(u) => { prop_assert!(u > s.from); expected = u; }
                None => prop_assert_eq!(i + 1, plan.stages.len()),
            }
        }
        // Every moment inside the plan has exactly one stage.
        for h in 0..expected.as_secs() / 3600 {
            let n = plan.stages.iter().filter(|s| hours(h) >= s.from && s.until.is_none_or(|u| hours(h) < u)).count();
            prop_assert_eq!(n, 1);
        }
    }

    #[test]
    fn the_plan_loader_never_panics(text in "\\PC{0,400}") {
        let _ = load_str("fuzz.toml", &text, &library());
    }

    #[test]
    fn shuffled_bounds_are_refused_not_accepted(a in 1u64..100, b in 1u64..100) {
        // A stage that ends before it starts, or starts before the one before ends.
        let text = format!("name = \"x\"\n[[stage]]\nname = \"a\"\nfrom = \"0h\"\nuntil = \"{}h\"\nitems = [ {{ walk = \"5m\", per_day = 1 }} ]\n[[stage]]\nname = \"b\"\nfrom = \"{}h\"\nitems = [ {{ walk = \"5m\", per_day = 1 }} ]\n", a + b, a);
        prop_assert!(parse(&text).is_err());
    }
}

#[test]
fn plan_files_are_found_by_name_and_path() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("plans-dir");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("mine.toml"), plan_text(&[24], true)).unwrap();
    let plans = supple::store::plans::Plans::with_user_dir(Some(dir.clone()));
    let (entries, warnings) = plans.entries(&library());
    assert!(warnings.is_empty());
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["mine", "back-spasm"]);
    assert!(plans.resolve("mine", &library()).unwrap().plan.is_ok());
    let path = dir.join("mine.toml");
    assert!(
        plans
            .resolve(path.to_str().unwrap(), &library())
            .unwrap()
            .plan
            .is_ok()
    );
    assert!(plans.resolve("nope", &library()).is_none());
}

#[test]
fn daily_lines_heat_or_ice_and_pain_at_most_are_read_and_checked() {
    let text = r#"
name = "Mine"
daily = ["One", "Two"]
[[stage]]
name = "All"
from = "0h"
items = [
  { pack = "ice or heat", per_day = 2 },
  { routine = "core-strength", per_week = 3, pain_at_most = 3 },
]
"#;
    let plan = parse(text).unwrap();
    assert_eq!(plan.daily_line(1), Some("One"));
    assert_eq!(plan.daily_line(2), Some("Two"));
    // Past the last line they go round again.
    assert_eq!(plan.daily_line(3), Some("One"));
    let items = &plan.stages[0].items;
    assert!(matches!(&items[0].activity, Activity::Pack(p) if p.either));
    assert_eq!(items[0].activity.label(), "Heat or ice");
    assert_eq!(items[1].pain_at_most, Some(3));
    // Without `daily`, no line; a score of 10 (always true) or text is refused.
    assert_eq!(
        parse(&text.replace("daily = [\"One\", \"Two\"]", ""))
            .unwrap()
            .daily_line(1),
        None
    );
    for bad in [
        "pain_at_most = 10",
        "pain_at_most = \"3\"",
        "pain_at_most = -1",
    ] {
        let errors = parse(&text.replace("pain_at_most = 3", bad)).unwrap_err();
        assert!(
            errors[0].message.contains("pain_at_most"),
            "{bad}: {errors:?}"
        );
    }
    let errors = parse(&text.replace("[\"One\", \"Two\"]", "\"One\"")).unwrap_err();
    assert!(
        errors[0].message.contains("'daily' must be a list"),
        "{errors:?}"
    );
}
