#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! When self-care is not enough is said from one place, `crates/supple-core/src/red_flags.rs`:
//! every output that names the tiers says the core's own text, and no other file
//! of the program writes it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use supple::core::red_flags::{self, EMERGENCY, NOT_GETTING_BETTER, SAME_DAY, SELF_CARE, Tier};

const BIN: &str = env!("CARGO_BIN_EXE_supple");

fn home(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("red-flags")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("supple")).unwrap();
    fs::write(dir.join("supple/config.toml"), "[player]\npain = false\n").unwrap();
    dir
}

fn run(home: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("SUPPLE_DATA_DIR")
        .env("COLUMNS", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Words only, one space apart: outputs wrap lines where they like.
fn flat(text: &str) -> String {
    // HTML entities and roff escapes (the man page) read as the text they stand for.
    text.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("\\-", "-")
        .replace("\\(aq", "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn says(output: &str, what: &str, text: &str) {
    assert!(
        flat(output).contains(&flat(text)),
        "{what} does not say the core's text:\n  {text}\nit says:\n{output}"
    );
}

/// The whole list: every tier with its signs, not getting better, what supple is.
fn says_every_tier(output: &str, what: &str) {
    for tier in Tier::ALL {
        says(output, what, tier.intro());
        says(output, what, tier.action());
        for sign in tier.signs() {
            says(output, what, sign.listed());
        }
    }
    says(output, what, NOT_GETTING_BETTER);
    says(output, what, SELF_CARE);
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn every_output_says_the_tiers_in_the_core_words() {
    let home = home("outputs");
    let listed = text(&run(&home, &["red-flags"], b"").stdout);
    says_every_tier(&listed, "supple red-flags");

    // --help and the man page: what supple is, then the emergency tier whole.
    for args in [&["--help"][..], &["-h"], &["episode", "--help"], &["man"]] {
        let out = text(&run(&home, args, b"").stdout);
        let what = format!("supple {}", args.join(" "));
        says(&out, &what, SELF_CARE);
        says(&out, &what, Tier::Emergency.intro());
        says(&out, &what, EMERGENCY);
        for sign in Tier::Emergency.signs() {
            says(&out, &what, sign.listed());
        }
    }

    // The questions, with nobody to answer: the whole list instead.
    let started = run(&home, &["episode", "start", "--ago", "15d"], b"");
    assert!(started.status.success(), "{}", text(&started.stderr));
    says_every_tier(&text(&started.stderr), "episode start (not asked)");

    // A "yes" to an emergency sign, then Today, `supple episode` and the report.
    let home = self::home("emergency");
    let out = run(&home, &["episode", "start", "--ago", "15d"], b"y\n");
    says(&text(&out.stderr), "the answer to a yes", EMERGENCY);
    says(&text(&out.stdout), "episode start", EMERGENCY);
    let today = text(&run(&home, &["today"], b"").stdout);
    says(&today, "supple today", EMERGENCY);
    says(&today, "supple today", NOT_GETTING_BETTER);
    says(
        &text(&run(&home, &["episode"], b"").stdout),
        "supple episode",
        EMERGENCY,
    );
    let page = home.join("report.html");
    let out = run(&home, &["report", "--out", page.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = fs::read_to_string(page).unwrap();
    says_every_tier(&page, "the report");

    // A same-day "yes": its tier's words.
    let home = self::home("same-day");
    let mut answers = b"n\n".repeat(Tier::Emergency.signs().count());
    answers.extend_from_slice(b"y\n");
    let out = run(&home, &["episode", "start"], &answers);
    says(&text(&out.stdout), "episode start", SAME_DAY);
    says(
        &text(&run(&home, &["today"], b"").stdout),
        "supple today",
        SAME_DAY,
    );
}

#[test]
fn the_readme_shows_what_supple_red_flags_prints() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- red-flags:")
        .expect("the README's red-flag block");
    let block = &readme[start..];
    let open = block.find("```text\n").unwrap() + "```text\n".len();
    let close = block[open..].find("```").unwrap();
    let shown = &block[open..open + close];
    let printed = text(&run(&home("readme"), &["red-flags"], b"").stdout);
    assert_eq!(
        shown, printed,
        "README.md's red-flag block is not what `supple red-flags` prints: paste its output"
    );
}

/// Fragments only the tiers' own text has.
const FRAGMENTS: &[&str] = &[
    "call 999",
    "A&E",
    "112 in the",
    "out-of-hours",
    "NHS 111",
    "drive yourself",
    "starts to ease",
    "ease within",
    "over a week",
    "urgent care",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_other_file_writes_the_tiers_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for dir in ["src", "crates/supple-core/src", "routines", "plans"] {
        files(&root.join(dir), &mut all);
    }
    // The docs shipped in the binary (the formats) too; docs/sources.md quotes the
    // sources and is not said by supple.
    all.push(root.join("docs/plan-format.md"));
    all.push(root.join("docs/routine-format.md"));
    let own = root.join("crates/supple-core/src/red_flags.rs");
    let mut found = Vec::new();
    for path in all.iter().filter(|p| **p != own) {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        for f in FRAGMENTS {
            if text.contains(f) {
                found.push(format!("{}: '{f}'", path.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the tiers' words belong to crates/supple-core/src/red_flags.rs alone:\n{}",
        found.join("\n")
    );
    // And the core's text has each of them, so the scan means something.
    let core = red_flags::lines().join(" ");
    for f in [
        "999",
        "A&E",
        "out-of-hours",
        "NHS 111",
        "drive yourself",
        "ease within",
    ] {
        assert!(core.contains(f), "{f}");
    }
}
