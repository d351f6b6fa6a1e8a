#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! When self-care is not enough is said from one place, `crates/supple-core/src/red_flags.rs`:
//! every output that names the tiers says the core's own text, and no other file
//! of the program writes it.

use std::fs;
use std::path::{Path, PathBuf};

use supple::core::red_flags::{self, EMERGENCY, NOT_GETTING_BETTER, SAME_DAY, SELF_CARE, Tier};

mod support;
use support::TestHome;

/// A fresh home whose outputs wrap at 80 columns.
fn fresh_home() -> TestHome {
    TestHome::new().env("COLUMNS", "80")
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

#[test]
fn every_output_says_the_tiers_in_the_core_words() {
    let home = fresh_home();
    let listed = home.run_typed(&["red-flags"], b"").stdout;
    says_every_tier(&listed, "supple red-flags");

    // --help and the man page: what supple is, then the emergency tier whole.
    for args in [&["--help"][..], &["-h"], &["episode", "--help"], &["man"]] {
        let out = home.run_typed(args, b"").stdout;
        let what = format!("supple {}", args.join(" "));
        says(&out, &what, SELF_CARE);
        says(&out, &what, Tier::Emergency.intro());
        says(&out, &what, EMERGENCY);
        for sign in Tier::Emergency.signs() {
            says(&out, &what, sign.listed());
        }
    }

    // The questions, with nobody to answer: the whole list instead.
    let started = home.run_typed(&["episode", "start", "--ago", "15d"], b"");
    assert!(started.status.success(), "{}", started.stderr.clone());
    says_every_tier(&started.stderr.clone(), "episode start (not asked)");

    // A "yes" to an emergency sign, then Today, `supple episode` and the report.
    let home = fresh_home();
    let out = home.run_typed(&["episode", "start", "--ago", "15d"], b"y\n");
    says(&out.stderr.clone(), "the answer to a yes", EMERGENCY);
    says(&out.stdout.clone(), "episode start", EMERGENCY);
    let today = home.run_typed(&["today"], b"").stdout;
    says(&today, "supple today", EMERGENCY);
    says(&today, "supple today", NOT_GETTING_BETTER);
    says(
        &home.run_typed(&["episode"], b"").stdout,
        "supple episode",
        EMERGENCY,
    );
    let page = home.join("report.html");
    let out = home.run_typed(&["report", "--out", page.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", out.stderr.clone());
    let page = fs::read_to_string(page).unwrap();
    says_every_tier(&page, "the report");

    // A same-day "yes": its tier's words.
    let home = fresh_home();
    let mut answers = b"n\n".repeat(Tier::Emergency.signs().count());
    answers.extend_from_slice(b"y\n");
    let out = home.run_typed(&["episode", "start"], &answers);
    says(&out.stdout.clone(), "episode start", SAME_DAY);
    says(
        &home.run_typed(&["today"], b"").stdout,
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
    let printed = fresh_home().run_typed(&["red-flags"], b"").stdout;
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
        // Every file named is read: one that cannot be is a failure, not a pass.
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
