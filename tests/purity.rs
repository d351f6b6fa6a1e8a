#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The pure core stays pure: no file under `src/core/` touches the file system, the
//! environment, a process, a standard stream or a clock, or imports a module outside
//! the core (the shells, the store, the app). Comments may name them.
//!
//! And the layers of docs/architecture.md hold: a module imports only its own folder
//! or the layers below it, so none imports one above it and no two import each
//! other; the modules of the core do not import each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What no line of code in the core may contain, and why.
const FORBIDDEN: &[(&str, &str)] = &[
    ("std::fs", "the file system (read files in crate::store)"),
    ("fs::", "the file system (read files in crate::store)"),
    ("std::env", "the environment"),
    ("env::var", "the environment"),
    ("std::process", "processes"),
    ("Command::new", "processes"),
    ("Instant::now", "a clock (take a Moment)"),
    ("SystemTime", "a clock (take a Moment)"),
    (
        "Timestamp::now",
        "a clock (take the wall time as a parameter)",
    ),
    ("Zoned::now", "a clock"),
    (
        "TimeZone::system",
        "the environment's time zone (take a TimeZone)",
    ),
    (
        "stdout",
        "standard output (write to a &mut dyn Write given in)",
    ),
    ("stdin", "standard input"),
    ("stderr", "standard error"),
    ("println!", "standard output"),
    ("eprintln!", "standard error"),
    ("print!", "standard output"),
    ("thread::", "threads"),
    ("crate::store", "the store, a layer above"),
    ("crate::app", "the app, a layer above"),
    ("crate::ui", "the views, a layer above"),
    ("crate::tui", "the full-screen shell"),
    ("crate::plain", "the line shell"),
    ("crate::cli", "the command line"),
    ("crate::commands", "a shell"),
    ("crate::clock", "the clock"),
    ("crate::alerts", "the shell's alerts"),
    ("crate::paths", "the environment's folders"),
    ("crate::config", "the config file"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn nothing_under_src_core_reaches_outside_the_core() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    assert!(files.len() >= 10, "{files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        // Unit tests may use anything; the code above them may not.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for (needle, what) in FORBIDDEN {
                if line.contains(needle) {
                    found.push(format!(
                        "{}:{}: {what}: {line}",
                        file.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                            .unwrap()
                            .display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core reaches outside:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    // The needles are real: a line that reads a file or the clock is caught.
    let caught = |line: &str| FORBIDDEN.iter().any(|(needle, _)| line.contains(needle));
    assert!(caught("let t = std::fs::read(path)?;"));
    assert!(caught("let now = Instant::now();"));
    assert!(caught("let t = jiff::Timestamp::now();"));
    assert!(caught("use crate::store::file;"));
    assert!(!caught("let left = deadline.since(now);"));
}

/// Each top-level module and its layer, from the bottom. Modules on one layer do
/// not import each other.
const LAYERS: &[(&str, u8)] = &[
    ("core", 0),
    ("store", 1),
    ("shell", 1),
    ("app", 2),
    ("ui", 3),
    ("plain", 3),
    ("tui", 4),
    ("cmd", 5),
    ("cli", 6),
];

/// The code of a file above its unit tests, without comment lines.
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let above_tests = text.split("#[cfg(test)]").next().unwrap_or_default();
    above_tests
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::a::b` named in `code`, as `(a, b)` (`b` empty if none).
fn crate_paths(code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let word = |s: &str| -> String {
            s.chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect()
        };
        let first = word(rest);
        let second = rest
            .get(first.len()..)
            .and_then(|r| r.strip_prefix("::"))
            .map(word)
            .unwrap_or_default();
        if !first.is_empty() {
            out.push((first, second));
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a file belongs to (`None` for lib.rs and main.rs).
fn top(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).unwrap();
    let mut parts = rel.components();
    let first = parts.next()?.as_os_str().to_str()?.to_owned();
    if parts.next().is_none() {
        let stem = first.strip_suffix(".rs")?;
        return (stem != "lib" && stem != "main").then(|| stem.to_owned());
    }
    Some(first)
}

#[test]
fn no_module_imports_a_layer_above_its_own_or_beside_it() {
    let rank: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut found = Vec::new();
    for file in &files {
        let Some(module) = top(file) else { continue };
        let Some(&mine) = rank.get(module.as_str()) else {
            found.push(format!("{module}: not in LAYERS (add it to the table)"));
            continue;
        };
        for (other, _) in crate_paths(&code(file)) {
            if other == module {
                continue;
            }
            let theirs = rank.get(other.as_str()).copied().unwrap_or(u8::MAX);
            if theirs >= mine {
                found.push(format!(
                    "{}: {module} (layer {mine}) imports crate::{other} (layer {theirs})",
                    file.strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "imports against the layers:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_modules_do_not_import_each_other_in_a_circle() {
    let core = src().join("core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    // core::a -> the core modules its files name (crate::core::b or super::b).
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(&core).unwrap();
        let name = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
            .trim_end_matches(".rs")
            .to_owned();
        if name == "mod" {
            continue;
        }
        let text = code(file);
        let mut uses: BTreeSet<String> = crate_paths(&text)
            .into_iter()
            .filter(|(first, _)| first == "core")
            .map(|(_, second)| second)
            .collect();
        // `super::x` from a file directly under core/ names core::x.
        if rel.components().count() == 1 {
            for (i, _) in text.match_indices("super::") {
                let rest = &text[i + "super::".len()..];
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                uses.insert(word);
            }
        }
        uses.remove(&name);
        uses.remove("");
        graph.entry(name).or_default().extend(uses);
    }
    assert!(graph.len() >= 10, "{graph:?}");
    // Depth-first search for a path back to where it started.
    fn back_to(
        graph: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        at: &str,
        path: &mut Vec<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if path.contains(next) {
                continue;
            }
            path.push(next.clone());
            if back_to(graph, start, next, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    for start in graph.keys() {
        let mut path = vec![start.clone()];
        assert!(
            !back_to(&graph, start, start, &mut path),
            "a circle in the core: {}",
            path.join(" -> ")
        );
    }
}

#[test]
fn the_checks_see_what_they_look_for() {
    assert_eq!(
        crate_paths("use crate::core::pack::{self};\nlet x = crate::app::App::new();"),
        [
            ("core".into(), "pack".into()),
            ("app".into(), String::new())
        ]
    );
    assert_eq!(top(&src().join("app/mod.rs")).as_deref(), Some("app"));
    assert_eq!(top(&src().join("lib.rs")), None);
}
