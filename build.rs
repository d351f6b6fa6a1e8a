//! Links the code that runs at every start and while a timer waits next to each
//! other, so a running supple keeps fewer of its pages in memory (issue 25: the
//! binary's code was half of its memory at rest, because the kernel maps 64 KiB
//! around each code page touched and the code a start runs was spread over the
//! whole 3.7 MB). `build/hot-symbols.txt` lists that code's symbols, in the order
//! to link them; `scripts/hot-symbols.py` makes it again from a run under
//! callgrind. A symbol it names that a build no longer has is skipped, and code
//! it does not name is linked as before: a stale list costs memory, never
//! correctness.
//!
//! The list is given to the linker only where the linker is LLD, the one that
//! reads it: Rust 1.90 and later link x86_64-unknown-linux-gnu with LLD unless a
//! linker or linker flags are chosen (then nothing is passed, and the build is
//! as it always was).
//!
//! The symbols are stripped here, by the linker, not by the release profile:
//! the profile's `strip` changes every crate's hash, so the symbols of a build
//! that keeps them (`SUPPLE_KEEP_SYMBOLS=1`, which `scripts/hot-symbols.py`
//! reads) would not be the release's.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    println!("cargo:rerun-if-changed=build/hot-symbols.txt");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    println!("cargo:rerun-if-env-changed=SUPPLE_KEEP_SYMBOLS");
    if var("PROFILE") != "release" {
        return;
    }
    if var("CARGO_CFG_TARGET_OS") == "linux" && std::env::var_os("SUPPLE_KEEP_SYMBOLS").is_none() {
        println!("cargo:rustc-link-arg-bins=-Wl,--strip-all");
    }
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return;
    };
    let list = PathBuf::from(dir).join("build").join("hot-symbols.txt");
    // `-Wl,` splits its argument at commas.
    let Some(path) = list.to_str().filter(|p| !p.contains(',')) else {
        return;
    };
    if list.is_file() && links_with_lld() {
        println!("cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={path}");
        println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// An environment variable Cargo gives build scripts, empty when unset.
fn var(key: &str) -> String {
    std::env::var(key).unwrap_or_default()
}

/// Whether this build links with Rust's own LLD: the target whose default it
/// is, no linker chosen, no flags about linking, and a rustc of 1.90 or later.
fn links_with_lld() -> bool {
    if var("TARGET") != "x86_64-unknown-linux-gnu" || std::env::var_os("RUSTC_LINKER").is_some() {
        return false;
    }
    if var("CARGO_ENCODED_RUSTFLAGS").contains("link") {
        return false;
    }
    rustc_minor(&var("RUSTC")).is_some_and(|minor| minor >= 90)
}

/// The minor version of `rustc` (`rustc -vV`'s "release: 1.MINOR.PATCH"),
/// asked with a deadline.
fn rustc_minor(rustc: &str) -> Option<u32> {
    let rustc = if rustc.is_empty() { "rustc" } else { rustc };
    let mut child = Command::new(rustc)
        .arg("-vV")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let mut text = String::new();
    child
        .stdout
        .take()?
        .take(64 * 1024)
        .read_to_string(&mut text)
        .ok()?;
    let release = text.lines().find_map(|l| l.strip_prefix("release: "))?;
    let mut parts = release.split('.');
    (parts.next()? == "1").then_some(())?;
    parts.next()?.parse().ok()
}
