#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The pure core stays pure. It is a crate of its own (crates/supple-core), so the
//! compiler refuses an import of the store, the shells or a crate it does not
//! depend on, and clippy refuses reading the clock, the time zone, the environment
//! or a standard stream there. These tests check what the compiler cannot: that
//! the core's manifest stays free of such crates and its lints stay on.
//!
//! And the layers of docs/architecture.md hold: a module imports only its own folder
//! or the layers below it, so none imports one above it and no two import each
//! other; the modules of the core do not import each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

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

/// The crates the core may depend on: values, time arithmetic and text formats.
/// The compiler refuses an import of anything else, so this list is what keeps a
/// terminal, file, process or clock crate out of the core's manifest.
const CORE_MAY_USE: &[&str] = &[
    "humantime",
    "jiff",
    "memchr",
    "serde",
    "serde_json",
    "toml",
    "unicode-width",
];

fn core_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/supple-core")
}

/// The names in one `[table]` of a manifest, one `name = ...` per line.
fn table_keys(manifest: &str, table: &str) -> Vec<String> {
    let header = format!("[{table}]");
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter_map(|l| {
            let l = l.trim();
            (!l.is_empty() && !l.starts_with('#'))
                .then(|| l.split('=').next().unwrap_or_default().trim().to_owned())
        })
        .collect()
}

#[test]
fn the_core_depends_only_on_value_crates() {
    let manifest = fs::read_to_string(core_dir().join("Cargo.toml")).unwrap();
    let deps = table_keys(&manifest, "dependencies");
    assert!(deps.len() >= 5, "{deps:?}");
    let strangers: Vec<_> = deps
        .iter()
        .filter(|d| !CORE_MAY_USE.contains(&d.as_str()))
        .collect();
    assert!(
        strangers.is_empty(),
        "the core's Cargo.toml names {strangers:?}: the core is values and functions \
         of values (docs/architecture.md); read files, the clock and the terminal in \
         the supple crate and pass the values in"
    );
    assert!(
        !manifest.contains("[build-dependencies]") && !core_dir().join("build.rs").exists(),
        "the core has no build script"
    );
}

#[test]
fn clippy_refuses_the_clock_and_the_environment_in_the_core() {
    // The lints are denied in lib.rs, and clippy.toml names what they refuse; a
    // test in the core would be the wrong place, since clippy, not rustc, checks.
    let lib = fs::read_to_string(core_dir().join("src/lib.rs")).unwrap();
    for lint in [
        "disallowed_methods",
        "disallowed_types",
        "disallowed_macros",
    ] {
        assert!(
            lib.contains(&format!("clippy::{lint}")),
            "lib.rs no longer denies clippy::{lint}"
        );
    }
    let config = fs::read_to_string(core_dir().join("clippy.toml")).unwrap();
    for refused in [
        "jiff::ZonedDateTime::now",
        "jiff::Timestamp::now",
        "jiff::tz::TimeZone::system",
        "jiff::tz::TimeZone::try_system",
        "std::time::SystemTime::now",
        "std::time::Instant::now",
        "std::env::var",
        "std::fs::read_to_string",
        "std::io::stdout",
        "std::process::Command",
        "std::println",
    ] {
        assert!(
            config.contains(&format!("\"{refused}\"")),
            "crates/supple-core/clippy.toml no longer refuses {refused}"
        );
    }
}

/// What each top-level module of the `supple` crate may import, besides its own
/// folder (docs/architecture.md's layers, written out): a view draws app state and
/// never reads a file; the app takes values and says what to do; the commands and
/// the command line sit on everything. Anything not named here is refused, so a
/// new module must be placed in the table.
const MAY_IMPORT: &[(&str, &[&str])] = &[
    ("store", &["core"]),
    ("shell", &["core"]),
    ("app", &["core"]),
    ("ui", &["core", "app"]),
    ("plain", &["core", "store", "shell"]),
    ("tui", &["core", "store", "shell", "app", "ui"]),
    // The context of one run (src/ctx.rs): the folders, files and clocks a
    // command is handed.
    ("ctx", &["core", "store", "shell"]),
    // The unit tests' own folders (src/scratch.rs, in test builds only).
    ("scratch", &[]),
    (
        "cmd",
        &["core", "store", "shell", "app", "ui", "plain", "tui", "ctx"],
    ),
    (
        "cli",
        &[
            "core", "store", "shell", "app", "ui", "plain", "tui", "ctx", "cmd",
        ],
    ),
];

/// The imports in `code` (a file of `module`) that the table refuses.
fn refused(module: &str, code: &str) -> Vec<String> {
    let Some((_, allowed)) = MAY_IMPORT.iter().find(|(m, _)| *m == module) else {
        return vec![format!("{module}: not in MAY_IMPORT (add it to the table)")];
    };
    let mut found: Vec<String> = crate_paths(code)
        .into_iter()
        .map(|(other, _)| other)
        .filter(|other| other != module && !allowed.contains(&other.as_str()))
        .map(|other| format!("{module} imports crate::{other}, which is not in its row"))
        .collect();
    found.dedup();
    found
}

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
        } else if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{store::log, app::App};`: each top-level item of the group.
            let mut depth = 0usize;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.extend(crate_paths(&format!("crate::{}", group[start..j].trim())));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.extend(crate_paths(&format!("crate::{}", group[start..j].trim())));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
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
fn each_module_imports_only_what_its_row_of_the_table_allows() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut found = Vec::new();
    for file in &files {
        let Some(module) = top(file) else { continue };
        for why in refused(&module, &code(file)) {
            found.push(format!(
                "{}: {why}",
                file.strip_prefix(src()).unwrap().display()
            ));
        }
    }
    assert!(
        found.is_empty(),
        "imports against the layers (tests/purity.rs, MAY_IMPORT):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_modules_do_not_import_each_other_in_a_circle() {
    let core = core_dir().join("src");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    // a -> the core modules its files name (crate::b or super::b).
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
        if name == "lib" {
            continue;
        }
        let text = code(file);
        // `crate::a` paths and `crate::{a, b}` groups alike.
        let mut uses: BTreeSet<String> = crate_paths(&text)
            .into_iter()
            .map(|(first, _)| first)
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

#[test]
fn the_layer_table_refuses_a_view_that_reads_the_store() {
    // The checker itself: what it must refuse, and what it must let through.
    assert_eq!(
        refused("ui", "use crate::store::library::Source;"),
        ["ui imports crate::store, which is not in its row"]
    );
    assert_eq!(
        refused("app", "fn f() { crate::store::log::append(); }"),
        ["app imports crate::store, which is not in its row"]
    );
    assert_eq!(
        refused("store", "use crate::{shell::run};"),
        ["store imports crate::shell, which is not in its row"]
    );
    assert_eq!(
        refused(
            "ui",
            "use crate::{\n    app::App,\n    store::{library::Source, log},\n};"
        ),
        ["ui imports crate::store, which is not in its row"]
    );
    assert_eq!(
        refused("theme", "use crate::core::pack;"),
        ["theme: not in MAY_IMPORT (add it to the table)"]
    );
    assert!(
        refused(
            "ui",
            "use crate::app::App;\nuse crate::core::pack;\nuse crate::ui::theme;"
        )
        .is_empty()
    );
    assert!(refused("cli", "use crate::cmd::status;").is_empty());
}

/// What a command never does itself (docs/architecture.md, "One run of a
/// command"): the run's `Ctx` read the clock and the time zone once, holds the
/// output and error writers, and the store reads and writes the files.
const COMMANDS_NEVER: &[(&str, &str)] = &[
    (
        "now()",
        "reads the clock: use ctx.now (or ctx.moment() for a timer)",
    ),
    ("Timestamp::now", "reads the clock: use ctx.now"),
    ("Zoned::now", "reads the clock: use ctx.now and ctx.tz"),
    ("TimeZone::system", "reads the time zone: use ctx.tz"),
    ("try_system", "reads the time zone: use ctx.tz"),
    ("SystemTime", "reads the clock: use ctx.now"),
    ("println!", "writes to stdout: write to ctx.out()"),
    ("print!(", "writes to stdout: write to ctx.out()"),
    (
        "eprintln!",
        "writes to stderr: write to ctx.err(), or return a CliError",
    ),
    (
        "eprint!(",
        "writes to stderr: write to ctx.err(), or return a CliError",
    ),
    ("io::stdout", "writes to stdout: write to ctx.out()"),
    ("io::stderr", "writes to stderr: write to ctx.err()"),
    (
        "std::env",
        "reads the environment: the Ctx has what a command needs",
    ),
    ("std::fs", "touches files itself: go through src/store"),
    ("File::open", "touches files itself: go through src/store"),
    ("File::create", "touches files itself: go through src/store"),
    ("OpenOptions", "touches files itself: go through src/store"),
    (
        "use super::*",
        "imports everything: name what the file uses",
    ),
    ("OnceLock", "a process-wide cache: keep it in the Ctx"),
    ("thread_local!", "a process-wide cache: keep it in the Ctx"),
];

/// The lines of `code` (a file of src/cmd) that do what a command never does.
fn command_breaks(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        for (what, why) in COMMANDS_NEVER {
            if line.contains(what) {
                found.push(format!("line {}: `{what}` {why}", n + 1));
            }
        }
        // `&'static str` is a type; `static NAME` is a global.
        if line.trim_start().starts_with("static ") || line.contains(" static ") {
            found.push(format!("line {}: a static: keep it in the Ctx", n + 1));
        }
    }
    found
}

#[test]
fn commands_read_no_clock_stream_environment_or_file_themselves() {
    let mut files = Vec::new();
    rust_files(&src().join("cmd"), &mut files);
    assert!(files.len() > 20, "src/cmd has its commands");
    let mut found = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(src()).unwrap();
        // A completion run is a process of its own that runs no command: clap
        // calls the completers with no context, so the asking shell is kept here.
        let allowed: &[&str] = if rel == Path::new("cmd/complete.rs") {
            &["OnceLock", "a static"]
        } else {
            &[]
        };
        for why in command_breaks(&code(file)) {
            if !allowed.iter().any(|a| why.contains(a)) {
                found.push(format!("{}: {why}", rel.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "src/cmd does itself what the Ctx and the store are for (tests/purity.rs, COMMANDS_NEVER):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_command_check_refuses_what_it_names() {
    assert_eq!(
        command_breaks("let now = jiff::Timestamp::now();"),
        [
            "line 1: `now()` reads the clock: use ctx.now (or ctx.moment() for a timer)",
            "line 1: `Timestamp::now` reads the clock: use ctx.now"
        ]
    );
    assert_eq!(
        command_breaks("fn f() {\n    println!(\"hi\");\n}"),
        ["line 2: `println!` writes to stdout: write to ctx.out()"]
    );
    assert_eq!(
        command_breaks("static LOG: Cache = Cache::new();"),
        ["line 1: a static: keep it in the Ctx"]
    );
    assert_eq!(
        command_breaks("let t = jiff::tz::TimeZone::system();"),
        ["line 1: `TimeZone::system` reads the time zone: use ctx.tz"]
    );
    assert!(command_breaks("fn f(x: &'static str) { writeln!(ctx.out(), \"{x}\")?; }").is_empty());
}
