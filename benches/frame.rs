#![allow(clippy::panic)]
//! Drawing one full player frame, and the work done before the first frame:
//! loading a routine and laying it out.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use supple::app::{App, Home, Launch, Settings};
use supple::core::moment::Moment;
use supple::core::routine::parse;
use supple::core::timeline::{Kind, Timeline};
use supple::store::library::{BUNDLED, bundled};
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
        let Ok(mut terminal) = Terminal::new(TestBackend::new(w, h));
        c.bench_function(&format!("player frame {w}x{h}"), |b| {
            b.iter(|| {
                let _ = terminal.draw(|f| {
                    ui::draw(
                        &mut ui::Frame::new(f.buffer_mut()),
                        black_box(&app),
                        now,
                        &Theme::COLOR,
                    )
                });
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

criterion_group!(benches, frames, loading);
criterion_main!(benches);
