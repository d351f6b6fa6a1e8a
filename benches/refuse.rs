//! How long supple takes to refuse hostile routine files, from the path to the error text
//! a user reads: a 10 MB file, a file just under the 1 MiB limit holding one huge string,
//! 5,000 levels of nested arrays, and 100 exercises that are each wrong four ways.

#![allow(clippy::panic)]

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use supple::store::library::{MAX_FILE_BYTES, Source, load_path};

fn file(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if fs::write(&path, text).is_err() {
        panic!("cannot write {}", path.display());
    }
    path
}

/// The whole refusal: read, parse, validate, and render the error report.
fn refuse(path: &Path) -> String {
    match load_path(path, Source::File(path.to_path_buf())).routine {
        Ok(_) => panic!("{} was accepted", path.display()),
        Err(e) => e.to_string(),
    }
}

fn hostile_files(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("supple-bench-refuse-{}", std::process::id()));
    if fs::create_dir_all(&dir).is_err() {
        panic!("cannot create {}", dir.display());
    }
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let huge = format!("name = \"{}\"\n", "x".repeat(10 * 1024 * 1024));
    let long_string = format!("name = \"{}\"\n", "x".repeat(limit - 20));
    let nested = format!("name = {}1{}\n", "[".repeat(5000), "]".repeat(5000));
    // 100 exercises (the most a routine may have), each wrong four ways, with 8,930
    // characters of escape sequences in its name: every error is found and rendered.
    let mut wrong = String::from("name = \"Many\"\n");
    for _ in 0..100 {
        let name = "\\u001b]0;pwned\\u0007".repeat(470);
        wrong.push_str(&format!(
            "[[exercise]]\nname = \"{name}\"\nhold = \"5 parsecs\"\nreps = 0\nhodl = 1\n"
        ));
    }
    assert!(wrong.len() < limit, "{} bytes", wrong.len());
    let cases = [
        ("10 MB file", file(&dir, "huge.toml", huge.as_bytes())),
        (
            "1 MiB string",
            file(&dir, "long.toml", long_string.as_bytes()),
        ),
        (
            "5,000-deep arrays",
            file(&dir, "deep.toml", nested.as_bytes()),
        ),
        (
            "100 exercises, each wrong four ways",
            file(&dir, "wrong.toml", wrong.as_bytes()),
        ),
    ];
    let mut group = c.benchmark_group("refuse");
    group.sample_size(10);
    for (name, path) in &cases {
        group.bench_function(*name, |b| b.iter(|| refuse(black_box(path))));
    }
    group.finish();
    let _ = fs::remove_dir_all(&dir);
}

criterion_group!(benches, hostile_files);
criterion_main!(benches);
