//! Opening the history screen on a large log: reading 100,000 records, the figures
//! for the last four weeks, and the first frame.

#![allow(clippy::panic)]

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use supple::app::{App, HistoryScreen, Home, Launch, Settings};
use supple::core::history::{self, Record, stats};
use supple::core::moment::Moment;
use supple::ui::{self, theme::Theme};

fn log(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        let day = 1 + i % 28;
        let r = common::session(
            format!("2026-11-{day:02}T08:00:00+01:00"),
            format!("2026-11-{day:02}T08:05:16+01:00"),
        );
        let Ok(line) = serde_json::to_string(&r) else {
            panic!("a record serialises");
        };
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

fn open_history(c: &mut Criterion) {
    let bytes = log(100_000);
    let tz = jiff::tz::TimeZone::UTC;
    let today = jiff::civil::date(2026, 11, 28);
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    group.bench_function("open 100k records (read, figures, first frame)", |b| {
        b.iter(|| {
            let (records, _) = history::parse(black_box(&bytes));
            let refs: Vec<&Record> = records.iter().collect();
            let figures = stats::compute(&refs, today, &tz);
            let mut app = App::new(
                Home::new(Vec::new(), Vec::new()),
                Settings::default(),
                Launch::Browse,
            );
            let _ = app.open_history(HistoryScreen::new(records, figures, None), Moment::ZERO);
            let Ok(mut terminal) = Terminal::new(TestBackend::new(120, 40));
            let _ = terminal.draw(|f| ui::draw(f, &app, Moment::ZERO, &Theme::COLOR));
        })
    });
    group.finish();
}

criterion_group!(benches, open_history);
criterion_main!(benches);
