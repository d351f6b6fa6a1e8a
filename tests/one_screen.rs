#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The app shows one screen at a time: opening one closes the one before, so no
//! session on screen is ever dropped unlogged, and each modal closes by its own rule.

use std::time::Duration;

use supple::app::{Action, App, Effect, Home, Keymap, Launch, Modal, PauseReason, Settings, Then};
use supple::core::history::{Outcome, Record, SessionKind};
use supple::core::moment::Moment;
use supple::core::pack::{Plan, Treatment};
use supple::core::session::Status;
use supple::core::timeline::Timeline;
use supple::store::library::bundled;

fn at(ms: u64) -> Moment {
    Moment::from_origin(std::time::Duration::from_millis(ms))
}

fn timeline(name: &str) -> Timeline {
    Timeline::new(bundled(name).unwrap().routine.unwrap())
}

fn app(settings: Settings, launch: Launch) -> App {
    App::new(Home::new(Vec::new(), Vec::new()), settings, launch)
}

fn logged(effects: &[Effect]) -> Vec<&Record> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Log(r) => Some(&**r),
            _ => None,
        })
        .collect()
}

#[test]
fn opening_the_pack_timer_over_a_routine_logs_the_routine_first() {
    // The defect: play(..) then open_pack(..) kept both, and quitting wrote only
    // the pack's state, so the routine's record was lost.
    let mut app = app(Settings::default(), Launch::Browse);
    app.play(timeline("desk-break"), at(0));
    app.tick(at(30_000));
    let effects = app.open_pack(Plan::new(Treatment::Ice), Vec::new(), at(30_000));
    let records = logged(&effects);
    assert_eq!(records.len(), 1, "{effects:?}");
    assert_eq!(records[0].kind, SessionKind::Routine);
    assert_eq!(records[0].outcome, Outcome::Stopped);
    assert!(app.player().is_none());
    assert_eq!(app.keymap(), Keymap::PackReady);
    // Leaving the pack (never started) writes nothing more, and nothing twice.
    let effects = app.handle(Action::Quit, at(31_000));
    assert!(logged(&effects).is_empty(), "{effects:?}");
    assert!(app.close(at(32_000)).is_none());
    assert_eq!(app.keymap(), Keymap::Home);
}

#[test]
fn opening_a_routine_over_a_running_pack_logs_the_pack_and_drops_its_state() {
    let mut app = app(Settings::default(), Launch::Browse);
    let _ = app.open_pack(Plan::new(Treatment::Heat), Vec::new(), at(0));
    app.handle(Action::Select, at(0));
    assert_eq!(app.keymap(), Keymap::Pack);
    let effects = app.play(timeline("desk-break"), at(60_000));
    let records = logged(&effects);
    assert_eq!(records.len(), 1, "{effects:?}");
    assert_eq!(records[0].kind, SessionKind::Heat);
    assert!(effects.contains(&Effect::PackState(None)), "{effects:?}");
    assert!(app.pack().is_none());
    assert_eq!(app.keymap(), Keymap::Player);
}

#[test]
fn a_routine_started_again_from_its_card_keeps_its_name_in_the_log() {
    let mut app = app(Settings::default(), Launch::Browse);
    app.play_routine(
        timeline("desk-break"),
        Some("desk-break".into()),
        Some("abc".into()),
        at(0),
    );
    let effects = app.tick(at(3_600_000));
    assert_eq!(logged(&effects)[0].routine.as_deref(), Some("desk-break"));
    assert_eq!(app.keymap(), Keymap::Finished);
    app.handle(Action::Select, at(3_601_000));
    assert_eq!(app.keymap(), Keymap::Player);
    let effects = app.tick(at(7_200_000));
    let records = logged(&effects);
    assert_eq!(records.len(), 1, "{effects:?}");
    assert_eq!(records[0].routine.as_deref(), Some("desk-break"));
    assert_eq!(records[0].hash.as_deref(), Some("abc"));
}

#[test]
fn the_calm_panel_after_a_finished_routine_leaves_the_card_on_screen() {
    let settings = Settings {
        pain: true,
        ..Settings::default()
    };
    let mut app = app(settings, Launch::Direct);
    app.play(timeline("desk-break"), at(0));
    app.handle(Action::Pain(Some(2)), at(0));
    app.tick(at(3_600_000));
    assert_eq!(app.keymap(), Keymap::Pain);
    app.handle(Action::Pain(Some(6)), at(3_601_000));
    assert_eq!(
        app.modal(),
        Some(&Modal::Calm {
            then: Then::Stay,
            scroll: 0,
            head: supple::core::guidance::CALM_ROSE,
        })
    );
    // Closing it keeps the finished card; it does not leave (as a stopped one does).
    let effects = app.handle(Action::CloseModal, at(3_603_000));
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
    assert_eq!(app.keymap(), Keymap::Finished);
}

#[test]
fn help_and_a_window_too_small_pause_a_routine_and_say_so() {
    let mut app = app(Settings::default(), Launch::Browse);
    app.play(timeline("desk-break"), at(0));
    app.handle(Action::Help, at(2_000));
    // Nobody follows a step behind the help: an hour later it has not moved.
    let effects = app.tick(at(3_600_000));
    assert!(logged(&effects).is_empty(), "{effects:?}");
    app.handle(Action::CloseModal, at(3_601_000));
    assert_eq!(app.keymap(), Keymap::Player);
    let p = app.player().unwrap();
    assert_eq!(p.paused_by(), Some(PauseReason::Help));
    assert_eq!(
        p.session().active_time(at(3_601_000)),
        Duration::from_secs(2)
    );
    app.handle(Action::TogglePause, at(3_602_000));
    assert_eq!(app.player().unwrap().paused_by(), None);
    // A window too small to read pauses it too; a big enough one does not.
    app.handle(
        Action::Resized {
            width: 100,
            height: 30,
        },
        at(3_603_000),
    );
    assert_eq!(app.player().unwrap().session().status(), Status::Running);
    app.handle(
        Action::Resized {
            width: 30,
            height: 10,
        },
        at(3_604_000),
    );
    let p = app.player().unwrap();
    assert_eq!(p.paused_by(), Some(PauseReason::TooSmall));
    assert_eq!(p.session().status(), Status::Paused);
}

#[test]
fn the_pack_timer_keeps_time_behind_the_help_and_in_a_small_window() {
    let mut app = app(Settings::default(), Launch::Browse);
    let _ = app.open_pack(Plan::new(Treatment::Ice), Vec::new(), at(0));
    app.handle(Action::Select, at(0));
    app.handle(Action::Help, at(1_000));
    app.handle(
        Action::Resized {
            width: 30,
            height: 10,
        },
        at(2_000),
    );
    // The pack is on whether or not the screen shows it.
    assert_eq!(app.pack().unwrap().session().status(), Status::Running);
}

#[test]
fn a_walk_tells_the_desktop_when_to_turn_back_and_when_it_is_done() {
    use supple::app::Effect;
    let walk = supple::store::library::bundled("walk")
        .unwrap()
        .routine
        .unwrap();
    let t = supple::core::timeline::Timeline::new(walk);
    let total = t.total();
    let mut app = App::new(
        supple::app::Home::new(Vec::new(), Vec::new()),
        supple::app::Settings::default(),
        supple::app::Launch::Direct,
    );
    let start = supple::core::moment::Moment::ZERO;
    app.play(t, start);
    let mut notes = Vec::new();
    let mut ms = 0;
    while ms <= total.as_millis() as u64 + 1000 {
        for e in app.tick(start.plus(std::time::Duration::from_millis(ms))) {
            if let Effect::Notify { title, body } = e {
                notes.push(format!("{title}: {body}"));
            }
        }
        ms += 500;
    }
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("supple: Walk back: Turn round")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("Easy walk is finished")),
        "{notes:?}"
    );
}
