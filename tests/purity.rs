#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The pure core stays pure: no file under `src/core/` touches the file system, the
//! environment, a process, a standard stream or a clock, or imports a module outside
//! the core (the shells, the store, the app). Comments may name them.

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
