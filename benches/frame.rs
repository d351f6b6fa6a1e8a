#![allow(clippy::panic)]
//! Drawing one full player frame, and the work done before the first frame:
//! loading a routine and laying it out.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::TestBackend;
use supple::app::{App, Home, Launch, Settings};
use supple::core::moment::Moment;
use supple::core::routine::parse;
use supple::core::timeline::{Kind, Timeline};
use supple::store::library::{BUNDLED, bundled};
use supple::tui::paint::Painter;
use supple::ui::{self, theme::Theme};

/// back-spasm-relief, 2.5 s into its first breathing phase (bar, art, cues, next-up).
fn player() -> (App, Moment) {
    let routine = bundled("back-spasm-relief").and_then(|e| e.routine.ok());
    let Some(routine) = routine else {
        panic!("the bundled routine loads");
    };
    let timeline = Timeline::new(routine);
    let phase = timeline
        .segments()
        .iter()
        .find(|s| s.kind == Kind::Phase)
        .map_or(Duration::ZERO, |s| s.start);
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    );
    app.play(timeline, Moment::ZERO);
    let now = Moment::from_origin(phase + Duration::from_millis(2_500));
    app.tick(now);
    (app, now)
}

fn frames(c: &mut Criterion) {
    let (app, now) = player();
    for (w, h) in [(120, 40), (80, 24)] {
        let Ok(mut terminal) = Painter::new(TestBackend::new(w, h));
        c.bench_function(&format!("player frame {w}x{h}"), |b| {
            b.iter(|| {
                let _ = terminal.draw(|f| ui::draw(f, black_box(&app), now, &Theme::COLOR));
            })
        });
    }
}

fn loading(c: &mut Criterion) {
    let (_, text) = BUNDLED[0];
    c.bench_function("parse back-spasm-relief", |b| {
        b.iter(|| parse(black_box(text)))
    });
    let Ok(routine) = parse(text) else {
        panic!("the bundled routine loads");
    };
    c.bench_function("lay out back-spasm-relief", |b| {
        b.iter(|| Timeline::new(black_box(routine.clone())))
    });
}

/// What changed from a blank screen to the player's frame: supple's diff, and
/// ratatui's, which it gives the same cells as (src/tui/diff.rs).
fn diffs(c: &mut Criterion) {
    let (app, now) = player();
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let blank = ratatui::buffer::Buffer::empty(area);
    let mut frame = blank.clone();
    ui::draw(&mut ui::Frame::new(&mut frame), &app, now, &Theme::COLOR);
    c.bench_function("diff of a first player frame 120x40", |b| {
        b.iter(|| supple::tui::diff::changes(black_box(&blank), black_box(&frame)).count())
    });
    c.bench_function("ratatui's diff of a first player frame 120x40", |b| {
        b.iter(|| black_box(&blank).diff(black_box(&frame)).len())
    });
}

criterion_group!(benches, frames, diffs, loading);
criterion_main!(benches);
