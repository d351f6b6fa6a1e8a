//! Opening the history screen on a large log (issue 25): the first start, which
//! folds every record into the screen's figures and keeps them; a start that
//! finds them kept (the kept figures read, the lines appended since folded, the
//! rows a 120x40 window shows read from the log's end once the window's size is
//! said, the first frame drawn); and the same from an empty log, the figure a
//! start should stay within.

#![allow(clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use supple::app::{Action, App, Effect, HistoryScreen, Home, Launch, PageAsk, Settings};
use supple::core::history::stats::Figures;
use supple::core::moment::Moment;
use supple::store::summary::{fold, kept_path};
use supple::tui::paint::Painter;
use supple::ui::{self, theme::Theme};

/// What `supple history` does before its first frame, with the figures kept in
/// `cache` (none: every record folded).
fn open(log: &Path, cache: Option<&Path>) -> App {
    let tz = jiff::tz::TimeZone::UTC;
    let today = jiff::civil::date(2026, 11, 28);
    let kept = cache.map(|c| kept_path::<Figures>(c, log, "UTC"));
    let Ok(read) = fold::<Figures>(log, kept, |f| f.set_zone(tz.clone())) else {
        panic!("the figures are read");
    };
    let seen = read.snapshot;
    let Some(stats) = read.summary.stats(today) else {
        panic!("the kept figures serve today");
    };
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    );
    let _ = app.open_history(
        HistoryScreen::new(stats, None, None, seen, Vec::new()),
        Moment::ZERO,
    );
    // The loop says the window's size first; the screen asks for its rows.
    let resized = Action::Resized {
        width: 120,
        height: 40,
    };
    for effect in app.handle(resized, Moment::ZERO) {
        let Effect::HistoryPage(request) = effect else {
            continue;
        };
        let PageAsk::Older { before, .. } = request.ask else {
            panic!("the first rows are the newest: {request:?}");
        };
        let Ok(rows) = supple::store::pages::before(log, &seen, before, request.want, &|_| true)
        else {
            panic!("the first rows are read");
        };
        let _ = app.history_page(request.ask, Some(rows));
    }
    let Ok(mut terminal) = Painter::new(TestBackend::new(120, 40));
    let _ = terminal.draw(|f| ui::draw(f, &app, Moment::ZERO, &Theme::COLOR));
    app
}

fn folder(name: &str, sessions: usize) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "supple-bench-history-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let (data, cache) = (dir.join("data"), dir.join("cache"));
    if std::fs::create_dir_all(&data).is_err() {
        panic!("cannot make {}", data.display());
    }
    let log = supple::store::log::log_path(&data);
    if std::fs::write(&log, common::log(sessions)).is_err() {
        panic!("cannot write {}", log.display());
    }
    (log, cache)
}

fn open_history(c: &mut Criterion) {
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    let (big, cache) = folder("100k", 100_000);
    group.bench_function("first start, 100k records (every record folded)", |b| {
        b.iter(|| open(&big, None))
    });
    // The kept figures made once, as the first start makes them.
    let _ = open(&big, Some(&cache));
    group.bench_function("start, 100k records (kept figures, the rows shown)", |b| {
        b.iter(|| open(&big, Some(&cache)))
    });
    let (empty, empty_cache) = folder("0", 0);
    group.bench_function("start, empty log", |b| {
        b.iter(|| open(&empty, Some(&empty_cache)))
    });
    group.finish();
    for log in [big, empty] {
        if let Some(dir) = log.parent().and_then(Path::parent) {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

criterion_group!(benches, open_history);
criterion_main!(benches);
