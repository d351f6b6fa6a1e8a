//! What `supple today --json` does on a log of 100,000 sessions: read what Today
//! needs (the episodes, the recent sessions) and work the day out; and, for
//! comparison, the full parse every other command does.

#![allow(clippy::panic)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use supple::core::episode;
use supple::core::history;
use supple::store::library::Library;

fn today(c: &mut Criterion) {
    let bytes = common::log(100_000);
    let now = "2026-12-01T12:00:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let since = now - jiff::SignedDuration::from_hours(9 * 24);
    let tz = jiff::tz::TimeZone::UTC;
    let library = Library::with_user_dir(None);
    let Some(Ok(plan)) = supple::store::plans::bundled("back-spasm", &library).map(|e| e.plan)
    else {
        panic!("the bundled plan loads");
    };
    let mut group = c.benchmark_group("today");
    group.sample_size(20);
    group.bench_function("today on 100k records (recent read, the day)", |b| {
        b.iter(|| {
            let log = history::parse_recent(black_box(&bytes), since);
            let Some(e) = episode::open(&log.episodes) else {
                panic!("the episode is open");
            };
            let t = supple::core::today::today(&plan, &e, &log.sessions, now, &tz);
            let safety = supple::core::today::safety(Some(&e), &log.sessions, now);
            black_box((t.items.len(), safety.len()));
        })
    });
    group.bench_function("full parse of 100k records (for comparison)", |b| {
        b.iter(|| black_box(history::parse_log(black_box(&bytes)).sessions.len()))
    });
    // The home screen's first frame, as `supple` draws it, without and with the
    // Today panel (built from the same 100k log).
    let full = history::parse_log(&bytes);
    let entries = || {
        supple::store::library::BUNDLED
            .iter()
            .filter_map(|(n, _)| supple::store::library::bundled(n))
            .collect::<Vec<_>>()
    };
    let first_frame = |with_today: bool| {
        let mut app = supple::app::App::new(
            supple::app::Home::new(entries(), Vec::new()),
            supple::app::Settings::default(),
            supple::app::Launch::Browse,
        );
        let start = supple::core::moment::Moment::ZERO;
        app.set_wall(start, now);
        if with_today && let Some(e) = episode::open(&full.episodes) {
            let panel = supple::app::TodayPanel::new(
                plan.clone(),
                e,
                full.sessions
                    .iter()
                    .map(supple::core::today::Brief::of)
                    .collect(),
                Vec::new(),
                now,
            );
            app.set_today(panel, start);
        }
        let Ok(mut terminal) =
            supple::tui::paint::Painter::new(ratatui::backend::TestBackend::new(120, 40));
        let _ =
            terminal.draw(|f| supple::ui::draw(f, &app, start, &supple::ui::theme::Theme::COLOR));
    };
    // `supple status`, as a bar calls it: the end of the log file read back.
    let dir = std::env::temp_dir().join(format!("supple-bench-status-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = supple::store::log::log_path(&dir);
    let _ = std::fs::write(&path, &bytes);
    // Day one's stage asks only per day: today and yesterday are read.
    let status_since = now - jiff::SignedDuration::from_hours(36);
    group.bench_function("status: tail of a 100k-record log file, the day", |b| {
        b.iter(|| {
            let Ok(log) = supple::store::log::read_tail(black_box(&path), status_since) else {
                panic!("the log reads");
            };
            let Some(e) = episode::open(&log.episodes) else {
                panic!("the episode is open");
            };
            black_box(
                supple::core::today::today(&plan, &e, &log.sessions, now, &tz)
                    .items
                    .len(),
            );
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
    group.bench_function("home first frame, no episode", |b| {
        b.iter(|| first_frame(false))
    });
    group.bench_function("home first frame, with Today", |b| {
        b.iter(|| first_frame(true))
    });
    group.finish();
}

criterion_group!(benches, today);
criterion_main!(benches);
