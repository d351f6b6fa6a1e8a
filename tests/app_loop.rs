#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real event loop, in memory: a `TestBackend`, a fake clock that moves only when
//! the loop waits, scripted keys and signals, and outputs that are recorded.

use std::cell::Cell;
use std::io;
use std::rc::Rc;
use std::time::Duration;

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use supple::app::{App, Home, Launch, Settings};
use supple::core::moment::Moment;
use supple::core::pack::{Pack, PhaseKind, Plan, Treatment};
use supple::core::routine::parse;
use supple::core::session::Status;
use supple::core::sound::Sound;
use supple::core::timeline::Timeline;
use supple::shell::clock::Clock;
use supple::tui::paint::Painter;
use supple::tui::{self, Exit, Input, Inputs, Outputs};
use supple::ui::theme::Theme;

#[derive(Clone, Default)]
struct FakeClock(Rc<Cell<Moment>>);

impl Clock for FakeClock {
    fn now(&self) -> Moment {
        self.0.get()
    }
}

/// Inputs at given moments; waiting moves the fake clock.
struct Script {
    clock: FakeClock,
    events: Vec<(Moment, Input)>,
    /// Every wait the loop asked for.
    waits: Vec<(Moment, Duration)>,
    /// The computer sleeps at this moment for this long (the clock jumps).
    sleep: Option<(Moment, Duration)>,
}

impl Inputs for Script {
    fn slept(&mut self) -> Option<Duration> {
        let (at, d) = self.sleep?;
        if self.clock.now() < at.plus(d) {
            return None;
        }
        self.sleep = None;
        Some(d)
    }

    fn next(&mut self, timeout: Duration) -> Option<Input> {
        let now = self.clock.now();
        if let Some((at, d)) = self.sleep
            && at < now.plus(timeout)
        {
            // The computer sleeps during this wait: the clock (which counts sleep)
            // jumps, and the loop wakes up afterwards.
            self.waits.push((now, timeout));
            self.clock.0.set(at.plus(d));
            return None;
        }
        self.waits.push((now, timeout));
        assert!(self.waits.len() < 100_000, "the loop never ended");
        if let Some((at, _)) = self.events.first()
            && *at <= now.plus(timeout)
        {
            let (at, input) = self.events.remove(0);
            self.clock.0.set(at.max(now));
            return Some(input);
        }
        self.clock.0.set(now.plus(timeout));
        None
    }
}

#[derive(Default)]
struct Recorded {
    /// When each sound was made, and which.
    sounds: Vec<(Moment, Sound)>,
    titles: Vec<String>,
    spoken: Vec<String>,
    notified: Vec<(String, String)>,
    logged: Vec<supple::core::history::Record>,
    suspends: usize,
}

struct Record<'a>(&'a mut Recorded, FakeClock);

impl Outputs for Record<'_> {
    fn sound(&mut self, sound: Sound) {
        self.0.sounds.push((self.1.now(), sound));
    }
    fn title(&mut self, title: &str) {
        self.0.titles.push(title.to_owned());
    }
    fn speak(&mut self, text: &str) {
        self.0.spoken.push(text.to_owned());
    }
    fn log(&mut self, record: &supple::core::history::Record) {
        self.0.logged.push(record.clone());
    }
    fn episode(&mut self, _: &supple::core::episode::EpisodeRecord) {
        // No test here starts an episode; tests/screens.rs does, through the app.
    }
    fn notify(&mut self, title: &str, body: &str) {
        self.0.notified.push((title.to_owned(), body.to_owned()));
    }
    fn suspend(&mut self) -> io::Result<()> {
        self.0.suspends += 1;
        Ok(())
    }
}

fn key(c: char) -> Input {
    Input::Event(Event::Key(KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }))
}

fn secs(s: u64) -> Moment {
    Moment::from_secs(s)
}

struct Run {
    exit: Exit,
    app: App,
    script: Script,
    out: Recorded,
    screen: String,
}

fn run(src: &str, settings: Settings, events: Vec<(Moment, Input)>) -> Run {
    let clock = FakeClock::default();
    let mut app = App::new(Home::new(Vec::new(), Vec::new()), settings, Launch::Direct);
    app.play(Timeline::new(parse(src).unwrap()), clock.now());
    run_app(app, clock, events, None)
}

fn run_app(
    mut app: App,
    clock: FakeClock,
    events: Vec<(Moment, Input)>,
    sleep: Option<(Moment, Duration)>,
) -> Run {
    let mut terminal = Painter::new(TestBackend::new(80, 24)).unwrap();
    let mut script = Script {
        clock: clock.clone(),
        events,
        waits: Vec::new(),
        sleep,
    };
    let mut out = Recorded::default();
    let exit = {
        let mut outputs = Record(&mut out, clock.clone());
        tui::run(
            &mut terminal,
            &mut app,
            &clock,
            &mut script,
            &mut outputs,
            &Theme::COLOR,
        )
        .unwrap()
    };
    let screen = terminal.backend().to_string();
    Run {
        exit,
        app,
        script,
        out,
        screen,
    }
}

const HOLD_60: &str =
    "name = \"One minute\"\nlead_in = \"0s\"\n[[exercise]]\nname = \"Hold\"\nhold = \"60s\"\n";

#[test]
fn a_one_minute_hold_wakes_about_once_a_second() {
    let r = run(HOLD_60, Settings::default(), vec![(secs(70), key('q'))]);
    assert_eq!(r.exit, Exit::Quit);
    assert_eq!(r.app.player().unwrap().session().status(), Status::Finished);
    // Wakeups during the hold: the 60 second boundaries (the countdown cues fall on them).
    let during: Vec<_> = r
        .script
        .waits
        .iter()
        .filter(|(at, _)| *at < secs(60))
        .collect();
    assert!(
        (59..=62).contains(&during.len()),
        "{} wakeups in 60 s: {:?}",
        during.len(),
        &during[..during.len().min(10)]
    );
    // Each wait ends exactly on the next second, so the display never lags.
    for (at, wait) in &during {
        let end = at.plus(*wait).since_origin();
        assert_eq!(end.subsec_nanos(), 0, "woke off the second at {end:?}");
    }
    assert!(r.screen.contains("DONE"), "{}", r.screen);
}

#[test]
fn the_bell_rings_at_each_step_and_ticks_the_last_three_seconds() {
    let src = "name = \"r\"\nlead_in = \"5s\"\n[[exercise]]\nname = \"a\"\nhold = \"10s\"\n";
    let r = run(src, Settings::default(), vec![(secs(30), key('q'))]);
    // The lead-in starts at 0 and ends at 5 (the step's chime each time), ticks at
    // 12, 13, 14: a sound unlike it.
    assert_eq!(
        r.out.sounds,
        vec![
            (secs(0), Sound::Step),
            (secs(5), Sound::Step),
            (secs(12), Sound::Tick),
            (secs(13), Sound::Tick),
            (secs(14), Sound::Tick)
        ]
    );
    assert!(
        r.out.titles.iter().any(|t| t == "supple: a 00:10"),
        "{:?}",
        r.out.titles
    );
    assert!(r.out.titles.iter().any(|t| t == "supple: Get ready 00:05"));
}

#[test]
fn muted_and_quiet_runs_do_not_ring() {
    let src = "name = \"r\"\nlead_in = \"5s\"\n[[exercise]]\nname = \"a\"\nhold = \"10s\"\n";
    let quiet = Settings {
        muted: true,
        voice: false,
        pain: false,
    };
    let r = run(src, quiet, vec![(secs(30), key('q'))]);
    assert!(r.out.sounds.is_empty());
    // `m` during the run mutes from then on.
    let r = run(
        src,
        Settings::default(),
        vec![(secs(6), key('m')), (secs(30), key('q'))],
    );
    assert_eq!(
        r.out.sounds,
        vec![(secs(0), Sound::Step), (secs(5), Sound::Step)]
    );
}

#[test]
fn the_voice_announces_exercises_switches_and_the_count() {
    let src = "name = \"r\"\nlead_in = \"2s\"\n[[exercise]]\nname = \"Knee hug\"\nsides = [\"left\", \"right\"]\nhold = \"5s\"\n";
    let voice = Settings {
        muted: false,
        voice: true,
        pain: false,
    };
    let r = run(src, voice, vec![(secs(60), key('q'))]);
    assert_eq!(
        r.out.spoken,
        [
            "Get ready. Knee hug",
            "Knee hug, left side",
            "3",
            "2",
            "1",
            "Switch sides",
            "Knee hug, right side",
            "3",
            "2",
            "1",
            "Routine complete. Well done."
        ]
    );
}

#[test]
fn space_pauses_and_the_loop_then_idles() {
    let r = run(
        HOLD_60,
        Settings::default(),
        vec![
            (secs(10), key(' ')),
            (secs(300), key(' ')),
            (secs(400), key('q')),
        ],
    );
    // While paused (10 s to 300 s) nothing is timed: the loop sleeps long.
    let paused: Vec<_> = r
        .script
        .waits
        .iter()
        .filter(|(at, _)| *at > secs(11) && *at < secs(299))
        .collect();
    assert!(paused.len() <= 5, "{} wakeups while paused", paused.len());
    assert!(paused.iter().all(|(_, w)| *w == tui::IDLE));
    // The hold resumed with 50 s left and ended at 350 s.
    let p = r.app.player().unwrap();
    assert_eq!(p.session().status(), Status::Finished);
    assert_eq!(p.session().active_time(secs(400)), Duration::from_secs(60));
}

#[test]
fn quit_asks_first_then_leaves() {
    let r = run(
        HOLD_60,
        Settings::default(),
        vec![
            (secs(5), key('q')),
            (secs(6), key('n')),
            (secs(8), key('q')),
            (secs(9), key('y')),
        ],
    );
    assert_eq!(r.exit, Exit::Quit);
    // Leaving logs the session as stopped, where it was.
    assert_eq!(r.out.logged.len(), 1);
    let record = &r.out.logged[0];
    assert_eq!(record.outcome, supple::core::history::Outcome::Stopped);
    assert_eq!(record.active_seconds, 7);
    assert_eq!(record.stopped_at.as_deref(), Some("Hold, exercise 1 of 1"));
    // 5 s before the first q, 2 s between n and the second q.
    assert_eq!(
        r.app.player().unwrap().session().active_time(secs(9)),
        Duration::from_secs(7)
    );
}

#[test]
fn signals_end_the_loop() {
    let r = run(
        HOLD_60,
        Settings::default(),
        vec![(secs(3), Input::Stop(15))],
    );
    assert_eq!(r.exit, Exit::Signal(15));
    let r = run(HOLD_60, Settings::default(), vec![(secs(3), Input::Gone)]);
    assert_eq!(r.exit, Exit::TerminalGone);
}

#[test]
fn suspend_pauses_and_comes_back_to_a_paused_player() {
    let r = run(
        HOLD_60,
        Settings::default(),
        vec![
            (secs(3), Input::Suspend),
            (secs(100), key('x')),
            (secs(101), Input::Stop(15)),
        ],
    );
    assert_eq!(r.out.suspends, 1);
    assert_eq!(r.app.player().unwrap().session().status(), Status::Paused);
    assert!(r.screen.contains("PAUSED"), "{}", r.screen);
}

#[test]
fn a_sleeping_computer_pauses_the_player_where_the_sleep_began() {
    let clock = FakeClock::default();
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Direct,
    );
    app.play(Timeline::new(parse(HOLD_60).unwrap()), clock.now());
    // Asleep for 10 minutes from 20 s in: the clock (which counts sleep) jumps.
    let sleep = Some((secs(20), Duration::from_secs(600)));
    let r = run_app(app, clock, vec![(secs(700), Input::Stop(15))], sleep);
    let p = r.app.player().unwrap();
    assert_eq!(p.session().status(), Status::Paused);
    assert!(p.slept());
    assert_eq!(
        p.session().remaining(secs(700)),
        Some(Duration::from_secs(40))
    );
    assert!(r.screen.contains("the computer was asleep"), "{}", r.screen);
}

fn pack_app(plan: Plan, clock: &FakeClock) -> App {
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Direct,
    );
    let _ = app.open_pack(plan, Vec::new(), clock.now());
    app
}

fn enter() -> Input {
    Input::Event(Event::Key(KeyEvent {
        code: KeyCode::Enter,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }))
}

#[test]
fn an_ice_session_alerts_at_each_switch_and_its_card_stays_until_a_key() {
    let plan = Plan {
        mode: Treatment::Ice,
        on: Duration::from_secs(120),
        off: Duration::from_secs(60),
        cycles: 2,
        ..Plan::new(Treatment::Ice)
    };
    let clock = FakeClock::default();
    let app = pack_app(plan, &clock);
    // Enter at 5 s starts the first application: switches at 125 and 185, end at 305.
    // The card stays until a key: q ten minutes after the end.
    let r = run_app(
        app,
        clock,
        vec![(secs(5), enter()), (secs(905), key('q'))],
        None,
    );
    assert_eq!(r.exit, Exit::Quit);
    assert_eq!(
        r.out.sounds,
        vec![
            (secs(125), Sound::Switch),
            (secs(185), Sound::Switch),
            (secs(305), Sound::Switch)
        ]
    );
    // Logged once, when it finished.
    assert_eq!(r.out.logged.len(), 1);
    let record = &r.out.logged[0];
    assert_eq!(record.outcome, supple::core::history::Outcome::Finished);
    assert_eq!(record.kind, supple::core::history::SessionKind::Ice);
    assert_eq!(record.applications_done, Some(2));
    assert_eq!(record.active_seconds, 300);
    let titles: Vec<&str> = r.out.notified.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["Pack off", "Ice on", "Session complete"]);
    // Between the end and the key the loop only idles (a minute at a time).
    let ticking = r
        .script
        .waits
        .iter()
        .filter(|(at, wait)| *at > secs(306) && *at < secs(905) && *wait < Duration::from_secs(60))
        .count();
    assert_eq!(ticking, 0, "{:?}", r.script.waits);
    // While counting whole seconds the loop wakes about once a second.
    let counting = r
        .script
        .waits
        .iter()
        .filter(|(at, _)| *at > secs(6) && *at < secs(300))
        .count();
    assert!(counting <= 2 * 295, "{counting} wakeups in 295 s");
    assert!(
        r.out
            .titles
            .iter()
            .any(|t| t.starts_with("supple: ICE ON 0")),
        "{:?}",
        r.out.titles
    );
}

#[test]
fn switches_missed_while_asleep_are_told_once() {
    let clock = FakeClock::default();
    let app = pack_app(Plan::new(Treatment::Contrast), &clock);
    // Start at 1 s; asleep from minute 10 for 45 minutes: switches at 20, 40 and 60
    // minutes (+1 s) passed meanwhile... the first two of them.
    let sleep = Some((secs(600), Duration::from_secs(45 * 60)));
    let r = run_app(
        app,
        clock,
        vec![(secs(1), enter()), (secs(3400), Input::Stop(15))],
        sleep,
    );
    let p = r.app.pack().unwrap();
    // Contrast starts with heat, so the second application is ice.
    assert_eq!(
        p.session().current().unwrap().kind,
        PhaseKind::On(Pack::Ice)
    );
    assert_eq!(p.away().len(), 2, "{:?}", p.away());
    assert!(p.away()[0].contains("while you were away"));
    // One alert for the lot, not one per missed switch.
    assert_eq!(r.out.sounds, vec![(secs(600 + 45 * 60), Sound::Switch)]);
    // Stopped by a signal: the shell closes the session, and the record lists what
    // was missed.
    let mut app = r.app.clone();
    let record = app.close(secs(3400)).unwrap();
    assert_eq!(record.outcome, supple::core::history::Outcome::Stopped);
    assert_eq!(
        record.missed_switches.len(),
        2,
        "{:?}",
        record.missed_switches
    );
    assert!(app.close(secs(3401)).is_none(), "a session is logged once");
    assert!(r.screen.contains("while you were away"), "{}", r.screen);
}

#[test]
fn breathing_phases_wake_at_most_twelve_times_a_second() {
    let src = "name = \"b\"\nlead_in = \"0s\"\n[[exercise]]\nname = \"Breath\"\nreps = 10\nphases = [{ cue = \"in\", time = \"4s\" }, { cue = \"out\", time = \"4s\" }]\n";
    let r = run(src, Settings::default(), vec![(secs(100), key('q'))]);
    let during = r
        .script
        .waits
        .iter()
        .filter(|(at, _)| *at < secs(80))
        .count();
    let per_sec = during as f64 / 80.0;
    assert!(per_sec <= 12.0, "{per_sec} wakeups/s");
    assert!(
        per_sec >= 7.0,
        "the bar should move smoothly: {per_sec} wakeups/s"
    );
}
