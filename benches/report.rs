//! `supple report` on a log of 100,000 sessions: the figures for four weeks (the
//! weeks against the plan worked out day by day) and the page drawn.

#![allow(clippy::panic)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use supple::core::{history, report};
use supple::store::library::Library;

fn report(c: &mut Criterion) {
    let bytes = common::log(100_000);
    let now = "2026-12-01T12:00:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let tz = jiff::tz::TimeZone::UTC;
    let library = Library::with_user_dir(None);
    let Some(Ok(plan)) = supple::store::plans::bundled("back-spasm", &library).map(|e| e.plan)
    else {
        panic!("the bundled plan loads");
    };
    // What the command reads: the sessions of the period and the week before it.
    let log = history::parse_recent(&bytes, now - jiff::SignedDuration::from_hours(36 * 24));
    let plan_of = |name: &str| (name == "back-spasm").then_some(&plan);
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    group.bench_function("four weeks of a 100k log: figures", |b| {
        b.iter(|| report::build(black_box(&log), now, &tz, 28, &plan_of));
    });
    let built = report::build(&log, now, &tz, 28, &plan_of);
    group.bench_function("four weeks of a 100k log: the page", |b| {
        b.iter(|| report::html::render(black_box(&built)));
    });
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
