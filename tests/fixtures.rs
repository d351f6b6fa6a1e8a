#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every file under fixtures/invalid/ breaks one rule; its first line says which
//! message it must produce (`# expect: ...`), and the whole rendered report is an
//! insta snapshot. Every file under fixtures/valid/ and every bundled routine loads.

use std::fs;
use std::path::Path;
use std::time::Duration;

use supple::core::text::find_forbidden;
use supple::core::timeline::Timeline;
use supple::store::library::{BUNDLED, bundled, load_str};

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_invalid_fixture_gives_its_precise_error() {
    let mut seen = 0;
    insta::glob!("fixtures/invalid/*.toml", |path| {
        seen += 1;
        let text = fs::read_to_string(path).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} has no '# expect:' first line", path.display()));
        let err = load_str(&file_name(path), &text).expect_err("fixture must be invalid");
        let report = err.to_string();
        assert!(
            report.contains(expect),
            "{}: expected {expect:?} in\n{report}",
            path.display()
        );
        // Nothing raw reaches the terminal: the only control character is the line break.
        let raw = report.lines().find_map(find_forbidden);
        assert_eq!(raw, None, "raw control character in:\n{report:?}");
        // Every error names the file, a line and a column.
        let first = report.lines().next().unwrap();
        let prefix = format!("{}:", file_name(path));
        assert!(first.starts_with(&prefix), "{first}");
        insta::assert_snapshot!(report);
    });
    assert!(seen >= 30, "only {seen} invalid fixtures");
}

#[test]
fn all_errors_in_a_file_are_reported() {
    let text = fs::read_to_string("tests/fixtures/invalid/many-errors.toml").unwrap();
    let err = load_str("many-errors.toml", &text).unwrap_err();
    assert_eq!(err.count(), 5, "{err}");
}

#[test]
fn every_valid_fixture_loads() {
    insta::glob!("fixtures/valid/*.toml", |path| {
        let text = fs::read_to_string(path).unwrap();
        if let Err(e) = load_str(&file_name(path), &text) {
            panic!("{e}");
        }
    });
}

#[test]
fn every_bundled_routine_loads_and_is_sensible() {
    for (name, _) in BUNDLED {
        let entry = bundled(name).unwrap();
        let routine = entry.routine.unwrap_or_else(|e| panic!("{e}"));
        let t = Timeline::new(routine.clone());
        assert!(t.total() >= Duration::from_secs(60), "{name} is too short");
        assert!(
            t.total() <= Duration::from_secs(30 * 60),
            "{name} is too long"
        );
        assert!(routine.description.is_some(), "{name} has no description");
        for ex in &routine.exercises {
            assert!(!ex.cues.is_empty(), "{name}: {} has no cues", ex.name);
            assert!(ex.art.is_some(), "{name}: {} has no drawing", ex.name);
        }
    }
}

#[test]
fn back_spasm_relief_has_what_the_mission_names() {
    let routine = bundled("back-spasm-relief").unwrap().routine.unwrap();
    let names: Vec<&str> = routine.exercises.iter().map(|e| e.name.as_str()).collect();
    for wanted in [
        "Cat-Cow",
        "Child's Pose",
        "Pelvic tilt",
        "Knee-to-chest",
        "Glute bridge",
    ] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
}

#[test]
fn desk_break_takes_three_to_five_minutes() {
    let routine = bundled("desk-break").unwrap().routine.unwrap();
    let total = Timeline::new(routine).total();
    assert!((180..=300).contains(&total.as_secs()), "{total:?}");
}

#[test]
fn core_strength_progresses_toward_thirty() {
    let routine = bundled("core-strength").unwrap().routine.unwrap();
    let progressing: Vec<_> = routine
        .exercises
        .iter()
        .filter_map(|e| e.progression)
        .collect();
    assert!(progressing.len() >= 2);
    assert!(progressing.iter().all(|p| p.target == 30));
}

#[test]
fn bundled_plans_are_stable() {
    for (name, _) in BUNDLED {
        let routine = bundled(name).unwrap().routine.unwrap();
        let mut out = Vec::new();
        supple::cmd::plan::write(&mut out, &routine, false).unwrap();
        insta::assert_snapshot!(format!("plan-{name}"), String::from_utf8(out).unwrap());
    }
}

#[test]
fn the_documented_example_loads_and_its_total_is_right() {
    let doc = fs::read_to_string("docs/routine-format.md").unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let routine = load_str("routine-format.md", &doc[start..end]).unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::new();
    supple::cmd::plan::write(&mut out, &routine, false).unwrap();
    let out = String::from_utf8(out).unwrap();
    let total = out.lines().last().unwrap();
    assert!(doc.contains(total), "the docs should quote: {total}");
}

#[test]
fn the_caret_sits_under_the_mistake_after_wide_characters() {
    let text = "name = \"Yoga\"\ntags = [\"🧘🧘\", 5]\n[[exercise]]\nname = \"a\"\nhold = \"1s\"\n";
    let err = supple::store::library::load_str("e.toml", text).unwrap_err();
    let report = err.to_string();
    let lines: Vec<&str> = report.lines().collect();
    let source = lines.iter().position(|l| l.contains("tags = [")).unwrap();
    let caret = lines[source + 1];
    let col = |s: &str, upto: usize| supple::core::text::width(&s[..upto]);
    let five = lines[source].rfind('5').unwrap();
    let mark = caret.find('^').unwrap();
    assert_eq!(col(caret, mark), col(lines[source], five), "\n{report}");
}
