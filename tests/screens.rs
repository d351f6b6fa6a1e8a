#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every screen state, drawn on a `TestBackend` at 80x24 and 120x40 and compared
//! with insta snapshots. States are reached through the engine with fake time.
//! Snapshots hold text only; the colour checks at the end use `Buffer` cells.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use supple::app::{Action, App, Home, Keymap, Launch, Settings};
use supple::core::moment::Moment;
use supple::core::pack::{Advice, Plan, Treatment};
use supple::core::timeline::{Kind, Timeline};
use supple::store::library::{BUNDLED, Entry, Source, bundled, load_str};
use supple::ui::{self, theme::Theme};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Every size a person may run it at, from the smallest supple lays out for to a
/// large screen: the screens someone follows from the floor are kept at each.
const EVERY_SIZE: [(u16, u16); 6] = [
    (40, 12),
    (60, 18),
    (80, 24),
    (100, 30),
    (120, 40),
    (200, 60),
];

fn entries() -> Vec<Entry> {
    let mut out: Vec<Entry> = BUNDLED.iter().map(|(n, _)| bundled(n).unwrap()).collect();
    let broken = "name = \"Mine\"\n[[exercise]]\nname = \"Knee hug\"\nhodl = \"10s\"\n";
    out.insert(
        0,
        Entry {
            name: "mine".into(),
            source: Source::User("/home/me/.config/supple/routines/mine.toml".into()),
            shadows_bundled: false,
            text: Some(broken.into()),
            routine: load_str("mine.toml", broken).map(|_| unreachable!()),
        },
    );
    out
}

fn app() -> App {
    App::new(
        Home::new(entries(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    )
}

/// The app started for one screen, asking about pain before and after.
fn pain_app() -> App {
    App::new(
        Home::new(entries(), Vec::new()),
        Settings {
            pain: true,
            ..Settings::default()
        },
        Launch::Direct,
    )
}

/// The app started for one screen (`supple play`, `supple ice`).
fn direct() -> App {
    App::new(
        Home::new(entries(), Vec::new()),
        Settings::default(),
        Launch::Direct,
    )
}

fn timeline(name: &str) -> Timeline {
    Timeline::new(bundled(name).unwrap().routine.unwrap())
}

fn at(ms: u64) -> Moment {
    Moment::from_origin(Duration::from_millis(ms))
}

/// The start (in ms) of the first segment of `kind` in `t`.
fn start_of(t: &Timeline, kind: Kind) -> u64 {
    let seg = t.segments().iter().find(|s| s.kind == kind).unwrap();
    seg.start.as_millis() as u64
}

fn draw(app: &App, now: Moment, (w, h): (u16, u16), theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| ui::draw(&mut ui::Frame::new(f.buffer_mut()), app, now, theme))
        .unwrap();
    terminal
}

fn snap(name: &str, app: &App, now: Moment) {
    snap_at(name, app, now, &SIZES);
}

/// The screen's text at `w` x `h`.
fn render(app: &App, now: Moment, w: u16, h: u16) -> String {
    draw(app, now, (w, h), &Theme::COLOR).backend().to_string()
}

fn snap_every_size(name: &str, app: &App, now: Moment) {
    snap_at(name, app, now, &EVERY_SIZE);
}

fn snap_at(name: &str, app: &App, now: Moment, sizes: &[(u16, u16)]) {
    for &size in sizes {
        let terminal = draw(app, now, size, &Theme::COLOR);
        insta::assert_snapshot!(format!("{name}-{}x{}", size.0, size.1), terminal.backend());
    }
}

/// The player on back-spasm-relief, `ms` after it started, never touched.
fn playing(ms: u64) -> (App, Moment) {
    let mut app = direct();
    app.play(timeline("back-spasm-relief"), at(0));
    app.tick(at(ms));
    (app, at(ms))
}

#[test]
fn home() {
    let app = app();
    snap("home", &app, at(0));
    // At 40 columns the tagline gives way to the safety line rather than run into it.
    let terminal = draw(&app, at(0), (40, 12), &Theme::COLOR);
    insta::assert_snapshot!("home-40x12", terminal.backend());
}

#[test]
fn home_with_the_broken_routine_selected_shows_its_error() {
    let mut app = app();
    app.handle(Action::Top, at(0));
    assert_eq!(app.home().selected(), 0);
    let terminal = draw(&app, at(0), (120, 40), &Theme::COLOR);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("unknown key 'hodl'"), "{screen}");
    snap("home-broken", &app, at(0));
}

#[test]
fn home_filter_finds_a_routine_by_an_exercise_and_ctrl_u_clears_it() {
    let mut app = app();
    app.handle(Action::StartFilter, at(0));
    for c in "cat".chars() {
        app.handle(Action::FilterChar(c), at(0));
    }
    let names: Vec<String> = app
        .home()
        .visible()
        .iter()
        .filter_map(|&i| match &app.home().items()[i] {
            supple::app::HomeItem::Routine(e) => Some(e.name.clone()),
            supple::app::HomeItem::Timer(_) | supple::app::HomeItem::Task(_) => None,
        })
        .collect();
    assert_eq!(names, ["back-spasm-relief"], "Cat-Cow is in it");
    let before = draw(&app, at(0), (100, 30), &Theme::COLOR)
        .backend()
        .to_string();
    let column = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("back-spasm-relief") && l.contains("5m"))
            .and_then(|l| l.find("5m"))
    };
    app.handle(Action::FilterClear, at(0));
    assert_eq!(app.keymap(), Keymap::HomeFilter, "still typing");
    assert_eq!(app.home().filter(), "");
    let after = draw(&app, at(0), (100, 30), &Theme::COLOR)
        .backend()
        .to_string();
    assert_eq!(column(&before), column(&after), "the columns stay put");
}

#[test]
fn home_filtered_by_tag() {
    let mut app = app();
    app.handle(Action::StartFilter, at(0));
    for c in "desk".chars() {
        app.handle(Action::FilterChar(c), at(0));
    }
    assert_eq!(app.keymap(), Keymap::HomeFilter);
    assert_eq!(app.home().visible().len(), 1);
    snap("home-filter", &app, at(0));
}

#[test]
fn home_timer_entry() {
    let mut app = app();
    app.handle(Action::Bottom, at(0));
    snap("home-timer", &app, at(0));
}

#[test]
fn get_ready() {
    let (app, now) = playing(2_000);
    snap("get-ready", &app, now);
}

#[test]
fn phase_with_the_breathing_bar() {
    // Cat-Cow starts after the 10 s lead-in; 2.5 s into the first inhale.
    let (app, now) = playing(12_500);
    let seg = app.player().unwrap().session().current().unwrap().clone();
    assert_eq!(seg.kind, Kind::Phase);
    snap_every_size("phase", &app, now);
    // 2 s into the exhale the bar is emptying.
    let (app, now) = playing(16_000);
    snap("phase-exhale", &app, now);
}

#[test]
fn hold() {
    let t = timeline("back-spasm-relief");
    let (app, now) = playing(start_of(&t, Kind::Hold) + 12_000);
    snap_every_size("hold", &app, now);
}

#[test]
fn hold_in_its_last_seconds_shows_what_is_next() {
    let t = timeline("back-spasm-relief");
    let (app, now) = playing(start_of(&t, Kind::Hold) + 42_000);
    let screen = draw(&app, now, (80, 24), &Theme::COLOR)
        .backend()
        .to_string();
    assert!(
        screen.contains("Next: rest (15s), then Pelvic tilt"),
        "{screen}"
    );
}

#[test]
fn rest_with_next_up() {
    let t = timeline("back-spasm-relief");
    let (app, now) = playing(start_of(&t, Kind::Rest) + 3_000);
    snap_every_size("rest", &app, now);
}

#[test]
fn switch_sides() {
    let t = timeline("back-spasm-relief");
    let (app, now) = playing(start_of(&t, Kind::Switch) + 1_000);
    snap_every_size("switch", &app, now);
}

#[test]
fn self_paced_reps() {
    let mut app = app();
    let routine = supple::core::routine::parse(
        "name = \"Tilts\"\nlead_in = \"2s\"\n[[exercise]]\nname = \"Pelvic tilt\"\nreps = 10\ncues = [\"Flatten your back into the floor\"]\nart = \"pelvic-tilt\"\n",
    )
    .unwrap();
    app.play(Timeline::new(routine), at(0));
    app.tick(at(2_000));
    app.handle(Action::CompleteRep, at(5_000));
    app.handle(Action::CompleteRep, at(9_000));
    snap("self-paced", &app, at(10_000));
}

#[test]
fn paused() {
    let t = timeline("back-spasm-relief");
    let (mut app, now) = playing(start_of(&t, Kind::Hold) + 5_000);
    app.handle(Action::TogglePause, now);
    // Time passes while paused: nothing moves.
    snap("paused", &app, now.plus(Duration::from_secs(600)));
}

#[test]
fn paused_because_the_computer_slept() {
    let t = timeline("back-spasm-relief");
    let (mut app, now) = playing(start_of(&t, Kind::Hold) + 5_000);
    app.handle(Action::Slept(Duration::from_secs(600)), now);
    let screen = draw(&app, now, (80, 24), &Theme::COLOR)
        .backend()
        .to_string();
    assert!(
        screen.contains("Paused: the computer was asleep"),
        "{screen}"
    );
}

#[test]
fn help_overlay() {
    let (mut app, now) = playing(2_000);
    app.handle(Action::Help, now);
    assert_eq!(app.keymap(), Keymap::Help);
    snap_every_size("help", &app, now);
}

#[test]
fn quit_confirmation() {
    let (mut app, now) = playing(2_000);
    app.handle(Action::Quit, now);
    assert_eq!(app.keymap(), Keymap::ConfirmQuit);
    snap("confirm-quit", &app, now);
}

#[test]
fn finished() {
    let (mut app, _) = playing(0);
    // Skip one exercise's first step, then let the rest run out.
    app.tick(at(10_000));
    app.handle(Action::Next, at(10_000));
    app.tick(at(3_600_000));
    assert_eq!(app.keymap(), Keymap::Finished);
    snap("finished", &app, at(3_600_000));
}

#[test]
fn smallest_window_keeps_whole_key_hints_and_a_whole_quit_box() {
    // 40x12 is the smallest size supple draws in: hints that do not fit are left out
    // whole (help and quit stay), and the quit box keeps every word.
    let (mut app, now) = playing(2_000);
    let terminal = draw(&app, now, (40, 12), &Theme::COLOR);
    insta::assert_snapshot!("player-40x12", terminal.backend());
    app.handle(Action::Quit, now);
    let terminal = draw(&app, now, (40, 12), &Theme::COLOR);
    insta::assert_snapshot!("confirm-quit-40x12", terminal.backend());
}

#[test]
fn too_small() {
    let (app, now) = playing(2_000);
    let terminal = draw(&app, now, (30, 8), &Theme::COLOR);
    insta::assert_snapshot!("too-small-30x8", terminal.backend());
}

#[test]
fn nothing_panics_at_any_size() {
    let t = timeline("back-spasm-relief");
    let mut states = vec![app()];
    for ms in [
        0,
        12_500,
        start_of(&t, Kind::Hold) + 3_000,
        start_of(&t, Kind::Switch),
    ] {
        states.push(playing(ms).0);
    }
    let mut help = playing(0).0;
    help.handle(Action::Help, at(0));
    states.push(help);
    for app in &states {
        for w in (1..=130).step_by(7) {
            for h in (1..=45).step_by(4) {
                draw(app, at(20_000), (w, h), &Theme::COLOR);
                draw(app, at(20_000), (w, h), &Theme::MONO);
            }
        }
    }
}

#[test]
fn segment_kinds_have_their_colours_and_no_color_uses_none() {
    let t = timeline("back-spasm-relief");
    let cases = [
        (2_000, Color::Yellow),
        (start_of(&t, Kind::Hold) + 1_000, Color::Green),
        (start_of(&t, Kind::Rest) + 1_000, Color::Cyan),
        (start_of(&t, Kind::Switch) + 1_000, Color::Magenta),
    ];
    for (ms, color) in cases {
        let (app, now) = playing(ms);
        let colored = draw(&app, now, (80, 24), &Theme::COLOR);
        // The badge is the first cell of the screen.
        assert_eq!(colored.backend().buffer()[(0, 0)].bg, color, "at {ms} ms");
        let mono = draw(&app, now, (80, 24), &Theme::MONO);
        let cells = &mono.backend().buffer().content;
        assert!(
            cells
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
        );
    }
}

// ----- ice and heat -----

fn pack_app(plan: Plan, notes: Vec<String>) -> App {
    let mut app = App::new(
        Home::new(entries(), Vec::new()),
        Settings::default(),
        Launch::Direct,
    );
    // 14:00:00 UTC on the test day, at moment zero.
    app.set_wall(at(0), jiff::Timestamp::from_second(1_795_960_800).unwrap());
    let _ = app.open_pack(plan, notes, at(0));
    app
}

fn ice() -> Plan {
    Plan::new(Treatment::Ice)
}

#[test]
fn pack_ready_shows_safety_first() {
    let notes = vec![
        Advice::for_time_since(Duration::from_secs(30 * 3600))
            .text()
            .to_owned(),
    ];
    let app = pack_app(ice(), notes);
    assert_eq!(app.keymap(), Keymap::PackReady);
    snap_every_size("pack-ready", &app, at(0));
}

#[test]
fn pack_ready_in_a_small_window_scrolls_to_the_red_flags_and_enter() {
    let notes = vec![
        Advice::for_time_since(Duration::from_secs(30 * 3600))
            .text()
            .to_owned(),
    ];
    let mut app = pack_app(ice(), notes);
    let first = render(&app, at(0), 40, 12);
    assert!(first.contains("↓ more"), "{first}");
    assert!(first.contains("Wrap the pack"), "{first}");
    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&render(&app, at(0), 40, 12));
        app.handle(Action::Down, at(0));
    }
    let last = render(&app, at(0), 40, 12);
    // The folded line names the whole emergency tier and where the rest is.
    let flat = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in supple::core::red_flags::Tier::Emergency.signs() {
        let short = s.short().split_whitespace().collect::<Vec<_>>().join(" ");
        let first = short.split(' ').next().unwrap_or_default();
        assert!(flat.contains(first), "{short} missing: {flat}");
    }
    assert!(flat.contains("999/112/911"), "{flat}");
    assert!(flat.contains("lists all the red"), "{flat}");
    assert!(last.contains("the timer (ends about"), "{last}");
    assert!(last.contains("↑ back up"), "{last}");
    // Where it all fits there is nothing to scroll.
    let big = render(&app, at(0), 100, 30);
    assert!(!big.contains("more") && !big.contains("back up"), "{big}");
}

#[test]
fn pack_ice_on() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    app.tick(at(5 * 60_000 + 12_000));
    snap_every_size("pack-ice-on", &app, at(5 * 60_000 + 12_000));
}

#[test]
fn pack_off_phase() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    app.tick(at(25 * 60_000));
    snap("pack-off", &app, at(25 * 60_000));
}

#[test]
fn pack_contrast_heat_on_with_a_minute_added() {
    let mut app = pack_app(Plan::new(Treatment::Contrast), Vec::new());
    // Contrast starts with heat.
    app.handle(Action::Select, at(0));
    app.tick(at(60_000));
    app.handle(Action::AddMinute, at(60_000));
    snap("pack-heat-on", &app, at(60_000));
}

#[test]
fn pack_paused() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    app.handle(Action::TogglePause, at(60_000));
    snap("pack-paused", &app, at(600_000));
}

#[test]
fn pack_paused_longer_than_a_rest_offers_to_end() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    app.handle(Action::TogglePause, at(60_000));
    // The screen wakes when the pause has lasted the 20 minutes of a rest.
    assert_eq!(app.next_wake(at(600_000)), Some(at(21 * 60_000)));
    snap("pack-paused-long", &app, at(25 * 60_000));
}

#[test]
fn pack_plus_stops_at_thirty_minutes_of_ice() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    for _ in 0..12 {
        app.handle(Action::AddMinute, at(60_000));
    }
    let p = app.pack().unwrap();
    assert_eq!(p.session().planned(), Some(Duration::from_secs(30 * 60)));
    snap("pack-at-limit", &app, at(60_000));
}

#[test]
fn pack_switches_missed_while_away() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    app.tick(at(10 * 60_000));
    // Back after 35 minutes away: the switches at 20 and 40 minutes were missed.
    app.tick(at(45 * 60_000));
    let screen = draw(&app, at(45 * 60_000), (80, 24), &Theme::COLOR)
        .backend()
        .to_string();
    assert!(
        screen.contains("Switched to OFF - skin rest at 14:20 while you were away"),
        "{screen}"
    );
    assert!(
        screen.contains("Switched to ICE ON at 14:40 while you were away"),
        "{screen}"
    );
    snap("pack-away", &app, at(45 * 60_000));
}

#[test]
fn pack_help_and_quit_confirmation() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    app.handle(Action::Help, at(1_000));
    snap("pack-help", &app, at(1_000));
    app.handle(Action::CloseModal, at(1_000));
    app.handle(Action::Quit, at(2_000));
    assert_eq!(app.keymap(), Keymap::ConfirmQuit);
    snap("pack-confirm-quit", &app, at(2_000));
}

#[test]
fn a_pack_session_with_every_application_skipped_says_so() {
    let plan = Plan {
        cycles: 2,
        ..Plan::new(Treatment::Heat)
    };
    let mut app = pack_app(plan, Vec::new());
    app.handle(Action::Select, at(0));
    for k in 1..=3 {
        app.handle(Action::Next, at(k * 1_000));
    }
    assert_eq!(app.keymap(), Keymap::PackFinished);
    let screen = render(&app, at(4_000), 80, 24);
    assert!(
        screen.contains("0 of 2 applications, 2 skipped, 2s on"),
        "{screen}"
    );
    assert!(!screen.contains("complete"), "{screen}");
}

#[test]
fn pack_finished() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    for minute in 1..=100 {
        app.tick(at(minute * 60_000));
    }
    assert_eq!(app.keymap(), Keymap::PackFinished);
    snap("pack-finished", &app, at(100 * 60_000 + 1_000));
}

#[test]
fn pack_too_small() {
    let mut app = pack_app(ice(), Vec::new());
    app.handle(Action::Select, at(0));
    let terminal = draw(&app, at(1_000), (30, 8), &Theme::COLOR);
    insta::assert_snapshot!("pack-too-small-30x8", terminal.backend());
}

// ----- history -----

fn history_app(n: usize) -> App {
    use supple::core::history::{Outcome, Record, SessionKind, VERSION, stats};
    let records: Vec<Record> = (0..n)
        .map(|i| Record {
            v: VERSION,
            kind: if i % 4 == 3 {
                SessionKind::Ice
            } else {
                SessionKind::Routine
            },
            name: if i % 4 == 3 {
                "ice timer".into()
            } else {
                "Back spasm relief".into()
            },
            routine: None,
            hash: None,
            start: format!(
                "{}-11-{:02}T{:02}:00:00+00:00",
                if n > 1000 && i == 0 { 2025 } else { 2026 },
                1 + i % 23,
                8 + (i % 3) * 5
            ),
            end: format!(
                "2026-11-{:02}T{:02}:06:00+00:00",
                1 + i % 23,
                8 + (i % 3) * 5
            ),
            active_seconds: 300 + (i as u64 % 7) * 40,
            outcome: if i % 5 == 4 {
                Outcome::Stopped
            } else {
                Outcome::Finished
            },
            stopped_at: None,
            exercises: Vec::new(),
            pain_before: (i % 4 != 3).then(|| 8u8.saturating_sub((i / 3) as u8)),
            pain_after: (i % 4 != 3).then(|| 6u8.saturating_sub((i / 3) as u8)),
            applications_done: None,
            applications_planned: None,
            applications_skipped: None,
            applied_seconds: Vec::new(),
            missed_switches: Vec::new(),
        })
        .collect();
    // Written as a log is: each session when it ends, the earliest first.
    let mut records = records;
    records.sort_by(|a, b| a.end.cmp(&b.end));
    let refs: Vec<&Record> = records.iter().collect();
    let stats = stats::compute(
        &refs,
        jiff::civil::date(2026, 11, 23),
        &jiff::tz::TimeZone::UTC,
    );
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    );
    let _ = app.open_history(
        supple::app::HistoryScreen::whole(stats, None, records),
        Moment::ZERO,
    );
    app
}

#[test]
fn history_empty_small_and_large() {
    let empty = history_app(0);
    assert_eq!(empty.keymap(), Keymap::History);
    snap("history-empty", &empty, at(0));
    snap("history-small", &history_app(3), at(0));
    snap_every_size("history-large", &history_app(60), at(0));
}

/// A list of 1,500 sessions: thousands set apart, and the oldest (a year
/// before today) with its year, found with End.
#[test]
fn history_long_list_ends_with_its_year() {
    let mut app = history_app(1500);
    let top = render(&app, at(0), 100, 30);
    assert!(top.contains("Last sessions 1-9 of 1,500"), "{top}");
    assert!(top.contains("1,500 sessions"), "{top}");
    // The pain chart starts at the oldest score, a year before: with its year.
    assert!(top.contains("│2025-11-01 "), "{top}");
    app.handle(Action::Bottom, at(0));
    let bottom = render(&app, at(0), 100, 30);
    assert!(
        bottom.contains("Last sessions 1,492-1,500 of 1,500"),
        "{bottom}"
    );
    assert!(
        bottom.contains(" 2025-11-01   Back spasm relief"),
        "{bottom}"
    );
}

#[test]
fn pain_question_and_calm_panel() {
    let mut app = pain_app();
    app.play(timeline("desk-break"), at(0));
    assert_eq!(app.keymap(), Keymap::Pain);
    snap("pain-before", &app, at(0));
    app.handle(Action::Pain(Some(3)), at(1_000));
    assert_eq!(app.keymap(), Keymap::Player);
    app.tick(at(3_600_000));
    assert_eq!(app.keymap(), Keymap::Pain, "asked again at the end");
    let effects = app.handle(Action::Pain(Some(6)), at(3_601_000));
    // Saved once answered, with both scores; a rise of 3 brings the calm panel.
    let logged: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            supple::app::Effect::Log(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(logged.len(), 1);
    assert_eq!(
        (logged[0].pain_before, logged[0].pain_after),
        (Some(3), Some(6))
    );
    snap("calm", &app, at(3_601_000));
}

#[test]
fn a_stopped_routine_asks_for_pain_then_leaves() {
    use supple::app::Effect;
    let stopped = || {
        let mut app = pain_app();
        app.play(timeline("desk-break"), at(0));
        app.handle(Action::Pain(Some(3)), at(0));
        app.handle(Action::Quit, at(30_000));
        assert!(app.handle(Action::Confirm, at(31_000)).is_empty());
        assert_eq!(app.keymap(), Keymap::Pain);
        app
    };
    // Pain about the same: saved as stopped, then the app leaves.
    let mut app = stopped();
    let effects = app.handle(Action::Pain(Some(4)), at(32_000));
    assert!(matches!(&effects[..], [Effect::Log(r), Effect::Quit]
        if r.outcome == supple::core::history::Outcome::Stopped && r.pain_after == Some(4)));
    // Pain up: the calm panel first, and leaving when it is closed.
    let mut app = stopped();
    let effects = app.handle(Action::Pain(Some(8)), at(32_000));
    assert!(matches!(&effects[..], [Effect::Log(_)]));
    assert_eq!(
        app.modal(),
        Some(&supple::app::Modal::Calm {
            then: supple::app::Then::Leave,
            scroll: 0,
            head: supple::core::guidance::CALM_ROSE,
        })
    );
    let effects = app.handle(Action::CloseModal, at(33_000));
    assert_eq!(effects, vec![Effect::Quit]);
}

#[test]
fn ten_is_typed_as_1_then_0_and_no_part_of_an_answer_leaks_behind() {
    use supple::app::Effect;
    let started = || {
        let mut app = pain_app();
        app.play(timeline("desk-break"), at(0));
        app
    };
    let logged = |effects: &[Effect]| {
        effects.iter().find_map(|e| match e {
            Effect::Log(r) => Some((r.pain_before, r.pain_after)),
            _ => None,
        })
    };
    // 1 then 0: ten, and the 0 does not reach the player.
    let mut app = started();
    app.handle(Action::Pain(Some(1)), at(100));
    assert_eq!(app.keymap(), Keymap::Pain, "a 1 waits for a second digit");
    snap("pain-typed-1", &app, at(100));
    // In the smallest window the box grows to keep its keys.
    let small = format!(
        "{:?}",
        draw(&app, at(100), (40, 12), &Theme::COLOR).backend()
    );
    assert!(small.contains("Enter for 1"), "{small}");
    app.handle(Action::Pain(Some(0)), at(400));
    assert_eq!(app.keymap(), Keymap::Player);
    app.handle(Action::Quit, at(10_000));
    app.handle(Action::Confirm, at(10_100));
    let effects = app.handle(Action::Pain(Some(5)), at(10_200));
    assert_eq!(logged(&effects), Some((Some(10), Some(5))));

    // A 1 alone is taken after a moment; Enter takes it at once.
    let mut app = started();
    app.handle(Action::Pain(Some(1)), at(0));
    assert_eq!(app.next_wake(at(0)), Some(at(1_500)));
    app.tick(at(1_500));
    assert_eq!(app.keymap(), Keymap::Player);
    let mut app = started();
    app.handle(Action::Pain(Some(1)), at(0));
    app.handle(Action::Pain(None), at(200));
    assert_eq!(app.keymap(), Keymap::Player);

    // 7 then Enter at the finished question: the Enter does not replay the routine.
    let mut app = started();
    app.handle(Action::Pain(Some(7)), at(0));
    app.tick(at(3_600_000));
    assert_eq!(app.keymap(), Keymap::Pain);
    app.handle(Action::Pain(Some(7)), at(3_600_100));
    let effects = app.handle(Action::Select, at(3_600_300));
    assert!(effects.is_empty(), "{effects:?}");
    assert_ne!(
        app.keymap(),
        Keymap::Player,
        "the Enter replayed the routine"
    );
}

#[test]
fn the_finished_card_says_the_pain_scores_and_what_grows_next_session() {
    let mut app = pain_app();
    app.play(timeline("core-strength"), at(0));
    app.handle(Action::Pain(Some(4)), at(0));
    // Every rep done, at whatever pace the steps ask for.
    let mut t = 0;
    while app.keymap() == Keymap::Player && t < 3_600_000 {
        t += 500;
        app.tick(at(t));
        app.handle(Action::CompleteRep, at(t));
    }
    assert_eq!(app.keymap(), Keymap::Pain);
    app.handle(Action::Pain(Some(2)), at(t + 1_000));
    assert_eq!(app.keymap(), Keymap::Finished);
    let screen = draw(&app, at(t + 3_000), (100, 30), &Theme::COLOR)
        .backend()
        .to_string();
    assert!(screen.contains("Pain: 4 before → 2 after"), "{screen}");
    assert!(screen.contains("reps next session"), "{screen}");
    // The keys once: on the card, not again in the footer.
    assert_eq!(screen.matches("q quit").count(), 1, "{screen}");
}

#[test]
fn help_in_a_small_window_scrolls_to_the_red_flags() {
    let (mut app, now) = playing(2_000);
    app.handle(Action::Help, now);
    let screen = |app: &App| {
        draw(app, now, (40, 12), &Theme::COLOR)
            .backend()
            .to_string()
    };
    assert!(screen(&app).contains("↓ more"), "{}", screen(&app));
    for _ in 0..120 {
        app.handle(Action::Down, now);
    }
    let end = screen(&app);
    assert!(end.contains("diagnosis."), "{end}");
    assert!(end.contains("↑ back"), "{end}");
    app.handle(Action::Top, now);
    assert!(screen(&app).contains("Space or p  pause / resume"));
    app.handle(Action::CloseModal, now);
    assert_eq!(app.keymap(), Keymap::Player);
}

#[test]
fn a_warning_on_the_home_screen_is_read_whole_in_a_narrow_window() {
    let warning = "an ice session is running in another terminal (started at 14:35)";
    let app = App::new(
        Home::new(entries(), vec![warning.to_owned()]),
        Settings::default(),
        Launch::Browse,
    );
    let screen = draw(&app, at(0), (40, 12), &Theme::COLOR)
        .backend()
        .to_string();
    let flat: String = screen
        .lines()
        .map(|l| l.trim_matches('"').trim())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("running in another terminal (started at 14:35)"),
        "{screen}"
    );
}

/// The episode record among `effects` (a start, answers or a check), which must
/// be there: `what` says what was to be recorded.
fn episode_record(
    effects: &[supple::app::Effect],
    what: &str,
) -> Box<supple::core::episode::EpisodeRecord> {
    effects
        .iter()
        .find_map(|e| match e {
            supple::app::Effect::Episode(r) => Some(r.clone()),
            _ => None,
        })
        .expect(what)
}

/// Every red-flag question asked at `at`, all answered no.
fn all_no(at: jiff::Timestamp) -> supple::core::episode::Screening {
    use supple::core::episode::{Answers, Round, Screening};
    use supple::core::red_flags::Sign;
    Screening {
        rounds: vec![Round {
            at,
            answers: Answers {
                asked: Sign::ALL.to_vec(),
                yes: Vec::new(),
                together: false,
            },
        }],
        started: Some(at),
        ..Screening::default()
    }
}

/// The home screen with the Today panel of the bundled plan, on day `day` (hours
/// since onset `hours`), with `done` sessions in the log, at 14:00 UTC on
/// 2026-12-01.
fn today_app(hours: i64, done: &[(&str, i64)]) -> App {
    use supple::core::episode::{DEFAULT_PLAN, Episode};
    use supple::core::history::{Outcome, Record, SessionKind, VERSION};
    let now: jiff::Timestamp = "2026-12-01T14:00:00Z".parse().unwrap();
    let library = supple::store::library::Library::with_user_dir(None);
    let plan = supple::store::plans::bundled(DEFAULT_PLAN, &library)
        .unwrap()
        .plan
        .unwrap();
    let episode = Episode {
        onset: now - jiff::SignedDuration::from_hours(hours),
        ended: None,
        plan: DEFAULT_PLAN.into(),
        screening: all_no(now - jiff::SignedDuration::from_hours(hours)),
    };
    let records: Vec<Record> = done
        .iter()
        .map(|(what, mins_ago)| {
            let end = (now - jiff::SignedDuration::from_mins(*mins_ago)).to_string();
            let (kind, routine, apps) = match *what {
                "ice" => (SessionKind::Ice, None, Some(1)),
                "heat" => (SessionKind::Heat, None, Some(1)),
                r => (SessionKind::Routine, Some(r.to_owned()), None),
            };
            Record {
                v: VERSION,
                kind,
                name: (*what).into(),
                routine,
                hash: None,
                start: end.clone(),
                end,
                active_seconds: 300,
                outcome: Outcome::Finished,
                stopped_at: None,
                exercises: Vec::new(),
                pain_before: None,
                pain_after: None,
                applications_done: apps,
                applications_planned: apps,
                applications_skipped: None,
                applied_seconds: apps.map(|_| vec![1200]).unwrap_or_default(),
                missed_switches: Vec::new(),
            }
        })
        .collect();
    let titles = BUNDLED
        .iter()
        .map(|(n, _)| (n.to_string(), bundled(n).unwrap().routine.unwrap().name))
        .collect();
    let mut app = App::new(
        Home::new(
            BUNDLED.iter().map(|(n, _)| bundled(n).unwrap()).collect(),
            Vec::new(),
        ),
        Settings::default(),
        Launch::Browse,
    );
    app.set_wall(at(0), now);
    let briefs = records.iter().map(supple::core::today::Brief::of).collect();
    let panel = supple::app::TodayPanel::new(plan, episode, briefs, titles, now);
    app.set_today(panel, at(0));
    app
}

#[test]
fn today_on_the_home_screen() {
    // No episode: the home screen as it always was.
    assert!(app().home().today().is_none());
    // Day 1 began at 11:00, so the whole waking day is asked.
    snap_every_size("today-day1", &today_app(3, &[]), at(0));
    snap(
        "today-day3-some-done",
        &today_app(2 * 24 + 5, &[("ice", 30), ("walk", 100)]),
        at(0),
    );
    snap(
        "today-day5-some-done",
        &today_app(4 * 24 + 5, &[("heat", 30), ("back-spasm-relief", 240)]),
        at(0),
    );
    snap("today-day10", &today_app(9 * 24 + 5, &[]), at(0));
    snap("today-day20", &today_app(19 * 24 + 5, &[]), at(0));
}

#[test]
fn warnings_show_with_todays_safety_line_not_under_it() {
    // Day 20: Today's line on when to see someone, and two warnings (a timer
    // running elsewhere, a kept summary made again), each in rows of its own
    // above the footer, the warnings first.
    let mut app = today_app(19 * 24 + 5, &[]);
    let safety = app.home().today().unwrap().safety()[0].clone();
    assert!(safety.starts_with("Not getting better?"), "{safety}");
    app.add_warnings([
        "An ice session started at 13:40 is running in another terminal, until 14:20.".to_owned(),
        "the kept summary of the history log was made again from the log".to_owned(),
    ]);
    // The rows above the footer, as text.
    let above_footer = |w: u16, h: u16, n: usize| -> Vec<String> {
        let screen = render(&app, at(0), w, h);
        let rows: Vec<String> = screen
            .lines()
            .map(|l| l.trim_matches('"').trim_end().to_owned())
            .collect();
        rows[rows.len() - 1 - n..rows.len() - 1].to_vec()
    };
    // Room for both warnings whole and three rows of the safety line, the last
    // cut short with "…" (the whole of it is on the ? page).
    let rows = above_footer(100, 30, 5);
    assert_eq!(
        rows[..3],
        [
            "An ice session started at 13:40 is running in another terminal, until 14:20.",
            "the kept summary of the history log was made again from the log",
            "Not getting better? Most back pain starts to ease within about 2 weeks and settles within about 6.",
        ]
    );
    assert!(rows[4].ends_with('…'), "{rows:?}");
    // 40x12: a row each, each cut short.
    assert_eq!(
        above_footer(40, 12, 3),
        [
            "An ice session started at 13:40 is …",
            "the kept summary of the history log …",
            "Not getting better? Most back pain …",
        ]
    );
    snap_at(
        "today-warnings",
        &app,
        at(0),
        &[(40, 12), (60, 18), (100, 30), (200, 60)],
    );
}

#[test]
fn the_emergency_signs_are_asked_again_a_week_on_in_one_short_screen() {
    use supple::core::red_flags::Tier;
    // Asked at the onset, all no: nothing is due on day 7.
    let mut app = today_app(6 * 24, &[]);
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Home);
    // A week on (day 8): the emergency signs, as one question, before Today.
    let mut app = today_app(7 * 24 + 5, &[]);
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Episode);
    let screen = render(&app, at(0), 100, 30);
    assert!(screen.contains("A weekly check"), "{screen}");
    snap_at("weekly-check", &app, at(0), &[(40, 12), (100, 30)]);
    // None of these: recorded as the emergency tier asked together, all no.
    let effects = app.handle(Action::Cancel, at(0));
    let record = episode_record(&effects, "the answers are recorded");
    assert!(record.together && record.yes.is_empty());
    assert_eq!(
        record.asked.clone().unwrap_or_default(),
        supple::core::red_flags::reasked().collect::<Vec<_>>()
    );
    assert!(!record.asked.clone().unwrap_or_default().is_empty());
    assert!(
        record
            .asked
            .clone()
            .unwrap_or_default()
            .iter()
            .all(|s| s.tier() == Tier::Emergency)
    );
    assert_eq!(app.keymap(), Keymap::Home);
    // Answered: not asked again the same day.
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Home);
    // A yes: the emergency screen at once, and the plan is held.
    let mut app = today_app(7 * 24 + 5, &[]);
    app.ask_if_due(at(0));
    app.handle(Action::Confirm, at(0));
    let said = render(&app, at(0), 100, 30);
    assert!(said.contains("Do not drive yourself"), "{said}");
    // Then which one, so that the record says: both legs.
    app.handle(Action::Select, at(0));
    assert!(render(&app, at(0), 100, 30).contains("Which was it?"));
    let mut effects = Vec::new();
    for s in supple::core::red_flags::reasked() {
        let key = if s == supple::core::red_flags::Sign::BothLegs {
            Action::Confirm
        } else {
            Action::Cancel
        };
        effects = app.handle(key, at(0));
    }
    let record = episode_record(&effects, "the answers are recorded");
    assert_eq!(record.yes, [supple::core::red_flags::Sign::BothLegs]);
    assert!(!record.together);
    assert!(app.can_record_checked());
    assert!(!render(&app, at(0), 100, 30).contains("Next:"));
}

#[test]
fn a_same_day_yes_says_see_a_doctor_today() {
    use supple::app::EpisodeSetup;
    let library = supple::store::library::Library::with_user_dir(None);
    let mut app = app();
    app.set_wall(at(0), "2026-12-01T14:00:00Z".parse().unwrap());
    app.offer_episode(EpisodeSetup {
        plan: supple::store::plans::bundled("back-spasm", &library)
            .unwrap()
            .plan
            .unwrap(),
        titles: Vec::new(),
        sessions: Vec::new(),
    });
    app.handle(Action::StartEpisode, at(0));
    app.handle(Action::Select, at(0)); // just now
    for _ in 0..8 {
        app.handle(Action::Cancel, at(0)); // the emergency signs: no
    }
    assert!(
        render(&app, at(0), 100, 30).contains("Question 9 of 17: signs that need a doctor today")
    );
    app.handle(Action::Confirm, at(0)); // a fever: yes
    let said = render(&app, at(0), 100, 30);
    assert!(
        said.contains(supple::core::red_flags::SAME_DAY.split(':').next().unwrap()),
        "{said}"
    );
    snap_at("episode-said-same-day", &app, at(0), &[(40, 12), (100, 30)]);
    for _ in 0..9 {
        app.handle(Action::Select, at(0));
    }
    // The box leads, and the plan goes on beside it.
    let home = render(&app, at(0), 100, 30);
    assert!(home.contains("See a doctor today"), "{home}");
    assert!(home.contains("Next:") || home.contains("▸"), "{home}");
}

#[test]
fn enter_on_a_today_row_starts_it_and_finishing_ticks_it_off() {
    let mut app = today_app(3, &[]);
    // The next step is selected: heat or ice, heat before any choice.
    assert_eq!(app.keymap(), Keymap::Home);
    let first = render(&app, at(0), 80, 24);
    assert!(first.contains("▸ Heat or ice"), "{first}");
    app.handle(Action::Select, at(0));
    assert!(app.pack().is_some());
    assert_eq!(app.pack().unwrap().session().plan().cycles, 1);
    assert_eq!(
        app.pack().unwrap().session().plan().mode,
        supple::core::pack::Treatment::Heat
    );
    // Back, then the routine row: it plays, and its finish counts.
    app.handle(Action::Quit, at(0));
    app.handle(Action::Down, at(0));
    app.handle(Action::Select, at(0));
    assert!(app.player().is_some());
    let end = app.player().unwrap().session().timeline().total();
    let t = at(end.as_millis() as u64 + 1000);
    app.tick(t);
    app.handle(Action::GoHome, t);
    let after = render(&app, t, 80, 24);
    assert!(after.contains("✓ Back spasm relief"), "{after}");
    assert!(after.contains("1 of 1 today"), "{after}");
}

#[test]
fn heat_or_ice_starts_the_one_chosen_last_even_weeks_ago() {
    // Ice twelve days ago, before this episode: still the person's choice.
    let mut app = today_app(3, &[("ice", 12 * 24 * 60)]);
    let first = render(&app, at(0), 120, 40);
    assert!(
        first.contains("supple ice --cycles 1, or supple heat"),
        "{first}"
    );
    app.handle(Action::Select, at(0));
    assert_eq!(
        app.pack().unwrap().session().plan().mode,
        supple::core::pack::Treatment::Ice
    );
}

#[test]
fn starting_an_episode_on_the_home_screen_asks_the_red_flag_questions() {
    use supple::app::{Effect, EpisodeSetup};
    use supple::core::red_flags::Sign;
    let now: jiff::Timestamp = "2026-12-01T14:00:00Z".parse().unwrap();
    let library = supple::store::library::Library::with_user_dir(None);
    let plan = supple::store::plans::bundled("back-spasm", &library)
        .unwrap()
        .plan
        .unwrap();
    let mut app = app();
    app.set_wall(at(0), now);
    app.offer_episode(EpisodeSetup {
        plan,
        titles: Vec::new(),
        sessions: Vec::new(),
    });
    assert!(render(&app, at(0), 100, 30).contains("e my back hurts"));
    app.handle(Action::StartEpisode, at(0));
    assert_eq!(app.keymap(), Keymap::Episode);
    snap("episode-when", &app, at(0));
    app.handle(Action::Down, at(0));
    app.handle(Action::Down, at(0)); // Yesterday
    app.handle(Action::Select, at(0));
    let first = render(&app, at(0), 80, 24);
    assert!(first.contains("Question 1 of 17"), "{first}");
    assert!(first.contains("genitals"), "{first}");
    snap("episode-question", &app, at(0));
    app.handle(Action::Cancel, at(0)); // saddle: no
    app.handle(Action::Cancel, at(0)); // peeing: no
    // Bladder or bowel control: yes. The episode is recorded at once, with the
    // answers so far, so a terminal closed now loses nothing.
    let effects = app.handle(Action::Confirm, at(0));
    let start = episode_record(&effects, "the episode is recorded at the yes");
    assert_eq!(start.yes, [Sign::Control]);
    assert_eq!(start.asked.as_ref().map(Vec::len), Some(3));
    assert_eq!(start.onset.as_deref(), Some("2026-11-30T14:00:00+00:00"));
    let said = render(&app, at(0), 80, 24);
    assert!(said.contains("Emergency"), "{said}");
    assert!(said.contains("999"), "{said}");
    assert!(said.contains("Do not drive yourself"), "{said}");
    snap("episode-said-yes", &app, at(0));
    snap_at("episode-said-yes", &app, at(0), &[(40, 12), (100, 30)]);
    app.handle(Action::Select, at(0)); // go on
    // The other fourteen: Enter is no.
    let mut effects = Vec::new();
    for _ in 0..14 {
        effects = app.handle(Action::Select, at(0));
    }
    // The other fourteen answers are a round of their own on that episode.
    let record = episode_record(&effects, "the rest are recorded");
    assert_eq!(record.event, supple::core::episode::Event::Answers);
    assert!(record.yes.is_empty());
    assert_eq!(record.asked.as_ref().map(Vec::len), Some(14));
    // The home screen now leads with the emergency, and offers no exercise.
    let home = render(&app, at(0), 100, 30);
    assert!(home.contains("Emergency"), "{home}");
    assert!(home.contains("A&E"), "{home}");
    assert!(!home.contains("Next:"), "{home}");
    assert!(app.can_record_checked());
    snap_at("today-emergency", &app, at(0), &[(40, 12), (100, 30)]);
    // c: "have you been checked?", y records it with its time, and the plan is back.
    app.handle(Action::Checked, at(0));
    assert!(render(&app, at(0), 80, 24).contains("Have you been checked"));
    let effects = app.handle(Action::Confirm, at(0));
    let checked = episode_record(&effects, "the check is recorded");
    assert_eq!(checked.event, supple::core::episode::Event::Checked);
    assert!(!app.can_record_checked());
    let home = render(&app, at(0), 100, 30);
    assert!(!home.contains("A&E"), "{home}");
    assert!(home.contains("Today: Day 2 · First three days"), "{home}");
    assert!(!app.can_start_episode());
    // Esc on the first question starts none.
    let mut app = self::app();
    app.offer_episode(EpisodeSetup {
        plan: supple::store::plans::bundled("back-spasm", &library)
            .unwrap()
            .plan
            .unwrap(),
        titles: Vec::new(),
        sessions: Vec::new(),
    });
    app.handle(Action::StartEpisode, at(0));
    let effects = app.handle(Action::CloseModal, at(0));
    assert!(effects.iter().all(|e| !matches!(e, Effect::Episode(_))));
    assert!(app.home().today().is_none());
}

#[test]
fn the_help_and_pack_screens_say_the_tiers_in_the_core_words() {
    use supple::core::red_flags::{NOT_GETTING_BETTER, Tier};
    let flat = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // The help screen: every tier whole, then "not getting better".
    let (mut app, now) = playing(2_000);
    app.handle(Action::Help, now);
    // What is inside the box, row by row (the screen behind shows at its sides).
    let inside = |screen: String| -> String {
        screen
            .lines()
            .filter_map(|l| {
                let (a, b) = (l.find('│')?, l.rfind('│')?);
                (b > a).then(|| l[a + '│'.len_utf8()..b].to_owned())
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let help = flat(inside(render(&app, now, 200, 60)));
    for tier in Tier::ALL {
        assert!(help.contains(&words(tier.action())), "{tier:?}");
        for s in tier.signs() {
            assert!(help.contains(&words(s.listed())), "{s:?}");
        }
    }
    assert!(
        help.contains(&words(NOT_GETTING_BETTER)),
        "not getting better"
    );
    // The pack's start screen: the emergency tier whole where it fits.
    let app = pack_app(ice(), Vec::new());
    let pack = flat(render(&app, at(0), 200, 60));
    assert!(pack.contains(&words(Tier::Emergency.action())), "emergency");
    for s in Tier::Emergency.signs() {
        assert!(pack.contains(&words(s.listed())), "{s:?}");
    }
}

/// Once a day in an episode, the day's pain ("average over the last 24 hours")
/// is asked when supple opens: a digit logs it, Enter skips, and either way it is
/// not asked again in that run.
#[test]
fn the_days_pain_is_asked_once_and_enter_skips() {
    use supple::app::Effect;
    use supple::core::history::mark::Mark;
    // Day 4, nothing due from the red-flag questions: the day's pain.
    let mut app = today_app(80, &[]);
    app.set_daily_pain_due(true);
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Pain);
    let screen = render(&app, at(0), 100, 30);
    assert!(
        screen.contains("Your average pain over the last 24 hours, 0-10?"),
        "{screen}"
    );
    let effects = app.handle(Action::Pain(Some(4)), at(0));
    assert!(
        matches!(&effects[..], [Effect::Mark(m)] if matches!(&**m, Mark::Pain(p) if p.pain == 4)),
        "{effects:?}"
    );
    assert_eq!(app.keymap(), Keymap::Home);
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Home);
    // Enter skips: nothing logged.
    let mut app = today_app(80, &[]);
    app.set_daily_pain_due(true);
    app.ask_if_due(at(0));
    let effects = app.handle(Action::Pain(None), at(0));
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.keymap(), Keymap::Home);
    // Not due (given today, or no episode): not asked.
    let mut app = today_app(80, &[]);
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Home);
}

/// The activities a person finds hard (Patient-Specific Functional Scale): offered
/// when an episode starts with `e` and no "yes" stands; each named, then rated
/// 0-10 under the scale's anchors, each rating logged as it is given; Enter on an
/// empty name ends it, Enter on an empty score skips that activity.
#[test]
fn starting_an_episode_offers_the_activities_and_logs_each_rating() {
    use supple::app::{Effect, EpisodeSetup};
    use supple::core::history::mark::Mark;
    let now: jiff::Timestamp = "2026-12-01T14:00:00Z".parse().unwrap();
    let library = supple::store::library::Library::with_user_dir(None);
    let plan = supple::store::plans::bundled("back-spasm", &library)
        .unwrap()
        .plan
        .unwrap();
    let mut app = app();
    app.set_wall(at(0), now);
    app.offer_episode(EpisodeSetup {
        plan,
        titles: Vec::new(),
        sessions: Vec::new(),
    });
    app.handle(Action::StartEpisode, at(0));
    app.handle(Action::Select, at(0)); // just now
    for _ in 0..17 {
        app.handle(Action::Select, at(0)); // Enter is no
    }
    assert_eq!(app.keymap(), Keymap::Text);
    let asked = render(&app, at(0), 100, 30);
    assert!(
        asked.contains("Activities you find hard (1 of 3)"),
        "{asked}"
    );
    assert!(
        asked.contains("Patient-Specific Functional Scale"),
        "{asked}"
    );
    for c in "Putting on socks".chars() {
        app.handle(Action::FilterChar(c), at(0));
    }
    snap_at("function-name", &app, at(0), &[(40, 12), (100, 30)]);
    // Enter gives the name; its score is asked next.
    assert!(app.handle(Action::FilterDone, at(0)).is_empty());
    let score = render(&app, at(0), 100, 30);
    assert!(score.contains("0 = unable to perform activity"), "{score}");
    assert!(
        score.contains("10 = able to perform activity at the same level as before"),
        "{score}"
    );
    // Letters are not a score; 11 is refused with a word, and asked again.
    app.handle(Action::FilterChar('x'), at(0));
    app.handle(Action::FilterChar('1'), at(0));
    app.handle(Action::FilterChar('1'), at(0));
    assert!(app.handle(Action::FilterDone, at(0)).is_empty());
    assert!(render(&app, at(0), 100, 30).contains("A whole number from 0 to 10"));
    app.handle(Action::FilterChar('3'), at(0));
    snap_at("function-score", &app, at(0), &[(40, 12), (100, 30)]);
    let effects = app.handle(Action::FilterDone, at(0));
    let rating = effects.iter().find_map(|e| match e {
        Effect::Mark(m) => match m.as_ref() {
            Mark::Function(r) => Some(r.clone()),
            _ => None,
        },
        _ => None,
    });
    let rating = rating.expect("the rating is logged when it is given");
    assert_eq!(
        (rating.activity.as_str(), rating.score),
        ("Putting on socks", 3)
    );
    assert_eq!(rating.at, "2026-12-01T14:00:00+00:00");
    // The second: named, then skipped (not kept); Enter on an empty name ends.
    assert!(render(&app, at(0), 100, 30).contains("(2 of 3)"));
    for c in "Sitting".chars() {
        app.handle(Action::FilterChar(c), at(0));
    }
    app.handle(Action::FilterDone, at(0));
    assert!(app.handle(Action::FilterDone, at(0)).is_empty());
    assert!(render(&app, at(0), 100, 30).contains("(2 of 3)"));
    assert!(app.handle(Action::FilterDone, at(0)).is_empty());
    assert_eq!(app.keymap(), Keymap::Home);
}

/// Once a week, after the day's pain, Today asks the named activities again
/// (skippable); Esc keeps what was given.
#[test]
fn the_activities_are_asked_again_weekly_after_the_days_pain() {
    use supple::app::Effect;
    let mut app = today_app(80, &[]);
    app.set_daily_pain_due(true);
    app.set_function_due(vec![
        "Putting on socks".into(),
        "Sitting for an hour".into(),
    ]);
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Pain);
    app.handle(Action::Pain(Some(4)), at(0));
    assert_eq!(app.keymap(), Keymap::Text);
    let weekly = render(&app, at(0), 100, 30);
    assert!(
        weekly.contains("Today, do you still have difficulty with:"),
        "{weekly}"
    );
    assert!(weekly.contains("Putting on socks"), "{weekly}");
    // Enter just after the pain answer is not taken as a skip.
    let later = at(2_000);
    app.handle(Action::FilterChar('6'), later);
    let effects = app.handle(Action::FilterDone, later);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Mark(_))),
        "{effects:?}"
    );
    assert!(render(&app, later, 100, 30).contains("Sitting for an hour"));
    // Esc: the second is not rated; nothing more is logged, and not asked again.
    assert!(app.handle(Action::FilterCancel, later).is_empty());
    assert_eq!(app.keymap(), Keymap::Home);
    app.ask_if_due(later);
    assert_eq!(app.keymap(), Keymap::Home);
}

/// The red-flag questions come first when they are due; answered all no, the
/// day's pain follows in the same run (after a moment: an Enter pressed twice
/// does not skip it).
#[test]
fn the_days_pain_follows_the_red_flag_questions() {
    use supple::app::Effect;
    // Eight days in: the emergency signs' weekly question is due.
    let mut app = today_app(8 * 24 + 1, &[]);
    app.set_daily_pain_due(true);
    app.ask_if_due(at(0));
    assert_eq!(app.keymap(), Keymap::Episode);
    let effects = app.handle(Action::Cancel, at(0)); // none of these
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Episode(_))),
        "{effects:?}"
    );
    assert_eq!(app.keymap(), Keymap::Pain);
    // A second Enter at once is not a skip.
    app.handle(Action::Select, at(100));
    assert_eq!(app.keymap(), Keymap::Pain);
    let screen = render(&app, at(2_000), 100, 30);
    assert!(
        screen.contains("Your average pain over the last 24 hours, 0-10?"),
        "{screen}"
    );
    let effects = app.handle(Action::Pain(Some(3)), at(2_000));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Mark(_))),
        "{effects:?}"
    );
}

/// The day's pain is asked after a session started straight from the shell
/// (`supple play`, `supple ice`) when it is still due that day: after the
/// session's own "pain now" question, once, and a digit logs it.
#[test]
fn the_days_pain_follows_a_session_started_from_the_shell() {
    use supple::app::Effect;
    use supple::core::history::mark::Mark;
    let mut app = pain_app();
    app.set_daily_pain_due(true);
    app.play(timeline("core-strength"), at(0));
    // Its own question first: pain now, before it starts.
    assert_eq!(app.keymap(), Keymap::Pain);
    app.handle(Action::Pain(Some(4)), at(0));
    let mut t = 0;
    while app.keymap() == Keymap::Player && t < 3_600_000 {
        t += 500;
        app.tick(at(t));
        app.handle(Action::CompleteRep, at(t));
    }
    // Pain now, after it; then the day's average.
    assert_eq!(app.keymap(), Keymap::Pain);
    app.handle(Action::Pain(Some(2)), at(t + 1_000));
    assert_eq!(app.keymap(), Keymap::Pain);
    let screen = render(&app, at(t + 1_000), 100, 30);
    assert!(
        screen.contains("Your average pain over the last 24 hours, 0-10?"),
        "{screen}"
    );
    let effects = app.handle(Action::Pain(Some(3)), at(t + 3_000));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Mark(m) if matches!(&**m, Mark::Pain(p) if p.pain == 3))),
        "{effects:?}"
    );
    assert_eq!(app.keymap(), Keymap::Finished);
    // Once: not again on the next key or tick.
    app.tick(at(t + 10_000));
    app.handle(Action::Help, at(t + 10_000));
    app.handle(Action::CloseModal, at(t + 10_000));
    assert_eq!(app.keymap(), Keymap::Finished);
}
