//! The history log's summary (issue 25): folding a whole log of 100,000 sessions
//! (the first start after an upgrade, or after the log was replaced), a start
//! that finds its kept summary and nothing appended, and one that folds only the
//! session appended since (through the store, as `supple` does it: the kept file
//! read, checked and written again).

#![allow(clippy::panic)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use supple::core::history::summary::Summary;

fn summary(c: &mut Criterion) {
    let bytes = common::log(100_000);
    let mut group = c.benchmark_group("summary");
    group.sample_size(10);
    group.bench_function("fold 100k records", |b| {
        b.iter(|| {
            let mut s = Summary::default();
            s.bytes(black_box(&bytes));
            s
        })
    });
    let dir = std::env::temp_dir().join(format!("supple-bench-summary-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (data, cache) = (dir.join("data"), dir.join("cache"));
    if std::fs::create_dir_all(&data).is_err() {
        panic!("cannot make {}", data.display());
    }
    let log = supple::store::log::log_path(&data);
    if std::fs::write(&log, &bytes).is_err() {
        panic!("cannot write {}", log.display());
    }
    let Ok(built) = supple::store::summary::summarise(&log, Some(&cache)) else {
        panic!("the summary is built");
    };
    assert_eq!(built.summary.sessions, 100_000);
    // What every start that shows Today pays at least: the kept summary read
    // back and its sessions of the last days read for Today (here 10 days at
    // 300 sessions a day: 3,000 of them).
    group.bench_function("start: kept summary, nothing appended (100k)", |b| {
        b.iter(|| {
            let Ok(read) = supple::store::summary::summarise(&log, Some(&cache)) else {
                panic!("the summary is read");
            };
            assert_eq!(read.read, 0, "the kept summary covers the log");
            read.summary.tail()
        })
    });
    let mut n = 0u64;
    group.bench_function("start: kept summary + one appended session (100k)", |b| {
        b.iter(|| {
            n += 1;
            let end = jiff::Timestamp::constant(1_790_000_000 + n as i64, 0).to_string();
            let r = common::session(end.clone(), end);
            if supple::store::log::append(&data, &r).is_err() {
                panic!("the session is appended");
            }
            let Ok(read) = supple::store::summary::summarise(&log, Some(&cache)) else {
                panic!("the summary is read");
            };
            assert!(
                read.read < 4096,
                "read {} bytes, not only the one appended",
                read.read
            );
            read
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, summary);
criterion_main!(benches);
