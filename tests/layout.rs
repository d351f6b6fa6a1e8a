#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Every screen says the right thing in the right place, at every size: the
//! rules of layout, each with a test, and the screens they shape snapshotted at
//! the four sizes a person tries first (40x12, 60x18, 100x30, 200x60).

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use supple::app::{App, HistoryScreen, Home, Launch, Settings};
use supple::core::history::{Outcome, Record, SessionKind, VERSION, stats};
use supple::core::moment::Moment;
use supple::ui::{self, theme::Theme};

mod support;
use support::TestHome;

const SIZES: [(u16, u16); 4] = [(40, 12), (60, 18), (100, 30), (200, 60)];

fn at(ms: u64) -> Moment {
    Moment::from_origin(Duration::from_millis(ms))
}

fn screen(app: &App, now: Moment, (w, h): (u16, u16)) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| ui::draw(&mut ui::Frame::new(f.buffer_mut()), app, now, &Theme::COLOR))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

fn snap(name: &str, app: &App, now: Moment) {
    for size in SIZES {
        let text = screen(app, now, size).join("\n");
        insta::assert_snapshot!(format!("{name}-{}x{}", size.0, size.1), text);
    }
}

/// A session of `name` that started at `start` and lasted `minutes`.
fn record(name: &str, start: &str, minutes: u64, pain: Option<(u8, u8)>) -> Record {
    let begun: jiff::Timestamp = start.parse().unwrap();
    let ice = name == "ice timer";
    Record {
        v: VERSION,
        kind: if ice {
            SessionKind::Ice
        } else {
            SessionKind::Routine
        },
        name: name.into(),
        routine: None,
        hash: None,
        start: begun.to_string(),
        end: (begun + jiff::SignedDuration::from_mins(minutes as i64)).to_string(),
        active_seconds: minutes * 60,
        outcome: Outcome::Finished,
        stopped_at: None,
        exercises: Vec::new(),
        pain_before: pain.map(|p| p.0),
        pain_after: pain.map(|p| p.1),
        applications_done: None,
        applications_planned: None,
        applications_skipped: None,
        missed_switches: Vec::new(),
        applied_seconds: Vec::new(),
    }
}

/// Sessions on three days: the first day the chart shows (27 days ago), the
/// middle one (13 days ago) and today, 2026-11-28; today an ice session that
/// started first and ended last.
fn three_days() -> Vec<Record> {
    vec![
        record("Back spasm relief", "2026-11-01T08:00:00Z", 6, Some((7, 5))),
        record("Back spasm relief", "2026-11-15T08:00:00Z", 9, Some((5, 4))),
        record("ice timer", "2026-11-28T02:10:00Z", 20, None),
        record("Desk break", "2026-11-28T02:12:00Z", 3, Some((4, 3))),
        record("Back spasm relief", "2026-11-28T02:16:00Z", 5, Some((4, 2))),
    ]
}

fn history(records: Vec<Record>) -> App {
    let refs: Vec<&Record> = records.iter().collect();
    let stats = stats::compute(
        &refs,
        jiff::civil::date(2026, 11, 28),
        &jiff::tz::TimeZone::UTC,
    );
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    );
    let _ = app.open_history(HistoryScreen::whole(stats, None, records), Moment::ZERO);
    app
}

#[test]
fn history_with_sessions_on_three_days() {
    snap("history-three-days", &history(three_days()), at(0));
}

/// The rows of the "Active minutes per day" box: its top border, plot rows and
/// the date row, as (first column inside the box, rows).
fn days_box(rows: &[String]) -> (usize, Vec<Vec<char>>) {
    let top = rows
        .iter()
        .position(|r| r.contains("Active minutes per day"))
        .unwrap();
    let left = rows[top].chars().position(|c| c == '┌').unwrap();
    let right = left
        + rows[top]
            .chars()
            .skip(left + 1)
            .position(|c| c == '┐')
            .unwrap()
        + 1;
    let inside: Vec<Vec<char>> = rows[top + 1..]
        .iter()
        .map(|r| r.chars().skip(left + 1).take(right - left - 1).collect())
        .take_while(|r: &Vec<char>| r.first() != Some(&'─'))
        .collect();
    (left + 1, inside)
}

#[test]
fn each_date_label_sits_under_its_own_days_bar() {
    let app = history(three_days());
    for size in [(60, 18), (80, 24), (100, 30), (120, 40), (200, 60)] {
        let rows = screen(&app, at(0), size);
        let (_, inside) = days_box(&rows);
        let dates: String = inside.last().unwrap().iter().collect();
        let bottom = &inside[inside.len() - 2];
        // Each label is over a column where its day's bar stands, and each of the
        // three days with a session is named.
        let mut named = 0;
        for label in ["11-01", "11-15", "today"] {
            let Some(byte) = dates.find(label) else {
                continue;
            };
            let from = dates[..byte].chars().count();
            let under = from..from + label.chars().count();
            assert!(
                under.clone().any(|x| bottom[x] != ' '),
                "{size:?}: no bar under {label:?}\n{}",
                rows.join("\n")
            );
            named += 1;
        }
        assert!(named >= 2, "{size:?}\n{}", rows.join("\n"));
        assert!(dates.contains("today"), "{size:?}\n{}", rows.join("\n"));
        // And no bar stands where no label or session is: the bars are the three days.
        let bars = bottom
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != ' ' && **c != '0' && **c != 'm')
            .count();
        assert!(bars > 0, "{size:?}");
    }
}

#[test]
fn every_chart_is_drawn_or_says_why_from_60x18() {
    let app = history(three_days());
    for size in [(60, 18), (100, 30), (200, 60)] {
        let rows = screen(&app, at(0), size);
        let text = rows.join("\n");
        let (_, inside) = days_box(&rows);
        assert!(
            inside.iter().flatten().any(|c| "▁▂▃▄▅▆▇█".contains(*c)),
            "{size:?}: no bars\n{text}"
        );
        assert!(
            text.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c)),
            "{size:?}: no pain line\n{text}"
        );
    }
    let small = screen(&app, at(0), (40, 12)).join("\n");
    assert!(small.contains("Charts from 60x18"), "{small}");
}

#[test]
fn last_sessions_are_newest_first_by_start_time_and_scroll() {
    let mut app = history(three_days());
    let rows = screen(&app, at(0), (100, 30));
    let starts: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get(r.find("│ 11-")? + 4..))
        .map(|r| r.get(..11).unwrap_or(r))
        .collect();
    assert_eq!(
        starts,
        [
            "11-28 02:16",
            "11-28 02:12",
            "11-28 02:10",
            "11-15 08:00",
            "11-01 08:00"
        ]
    );
    // With more than fit, the list scrolls down to the oldest, and says where it is.
    let mut records = three_days();
    records.extend(
        (1..=8).map(|d| record("Desk break", &format!("2026-10-{d:02}T09:00:00Z"), 3, None)),
    );
    app = history(records);
    let first = screen(&app, at(0), (40, 12)).join("\n");
    assert!(first.contains("Last sessions 1-6 of 13"), "{first}");
    assert!(!first.contains("10-01 09:00"), "{first}");
    for _ in 0..20 {
        app.handle(supple::app::Action::Down, at(0));
    }
    let last = screen(&app, at(0), (40, 12)).join("\n");
    assert!(last.contains("10-01 09:00"), "{last}");
    assert!(last.contains("8-13 of 13"), "{last}");
    app.handle(supple::app::Action::Top, at(0));
    assert_eq!(screen(&app, at(0), (40, 12)).join("\n"), first);
}

#[test]
fn a_line_cut_at_the_edge_ends_with_an_ellipsis() {
    let app = history(three_days());
    let rows = screen(&app, at(0), (40, 12));
    let per = rows.iter().find(|r| r.contains("Per routine")).unwrap();
    assert!(per.trim_end().ends_with('…'), "{per}");
    let cut = rows.iter().find(|r| r.contains("11-28 02:16")).unwrap();
    assert!(cut.contains('…'), "{}", rows.join("\n"));
}

// ----- the countdown's digits -----

fn timeline(name: &str) -> supple::core::timeline::Timeline {
    use supple::store::library::bundled;
    supple::core::timeline::Timeline::new(bundled(name).unwrap().routine.unwrap())
}

fn direct() -> App {
    App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Direct,
    )
}

/// The player on back-spasm-relief, 12 s into its first hold.
fn holding() -> (App, Moment) {
    use supple::core::timeline::Kind;
    let t = timeline("back-spasm-relief");
    let hold = t.segments().iter().find(|s| s.kind == Kind::Hold).unwrap();
    let now = at(hold.start.as_millis() as u64 + 12_000);
    let mut app = direct();
    app.play(t, at(0));
    app.tick(now);
    (app, now)
}

/// The ice timer, 5 min 12 s into its first application.
fn icing() -> (App, Moment) {
    use supple::core::pack::{Plan, Treatment};
    let mut app = direct();
    app.set_wall(at(0), jiff::Timestamp::from_second(1_795_960_800).unwrap());
    let _ = app.open_pack(Plan::new(Treatment::Ice), Vec::new(), at(0));
    app.handle(supple::app::Action::Select, at(0));
    let now = at(5 * 60_000 + 12_000);
    app.tick(now);
    (app, now)
}

/// Rows of big digits on a screen: rows of full blocks that are not a bar (a
/// bar has its empty track beside it, or the word "Routine").
fn digit_rows(rows: &[String]) -> usize {
    rows.iter()
        .filter(|r| r.contains("██") && !r.contains('░') && !r.contains("Routine"))
        .count()
}

#[test]
fn the_pack_timer_has_digits_at_least_as_big_as_the_players() {
    let (player, player_now) = holding();
    let (pack, pack_now) = icing();
    for size in [
        (40, 12),
        (60, 18),
        (80, 24),
        (100, 30),
        (120, 40),
        (200, 60),
    ] {
        let player_rows = digit_rows(&screen(&player, player_now, size));
        let pack_rows = digit_rows(&screen(&pack, pack_now, size));
        assert!(
            pack_rows >= player_rows,
            "{size:?}: pack {pack_rows} rows, player {player_rows}\n{}",
            screen(&pack, pack_now, size).join("\n")
        );
    }
    // And they are big where there is room: 10 rows at 100x30, 15 at 200x60.
    assert_eq!(digit_rows(&screen(&pack, pack_now, (100, 30))), 10);
    assert_eq!(digit_rows(&screen(&pack, pack_now, (200, 60))), 15);
}

#[test]
fn the_pack_timer_and_its_finished_card() {
    let (mut app, now) = icing();
    snap("pack-running", &app, now);
    for minute in 6..=100 {
        app.tick(at(minute * 60_000));
    }
    assert_eq!(app.keymap(), supple::app::Keymap::PackFinished);
    // It stays until a key, however long nobody looks.
    let later = at(5 * 3_600_000);
    app.tick(later);
    assert_eq!(app.keymap(), supple::app::Keymap::PackFinished);
    assert_eq!(app.next_wake(later), None);
    snap("pack-finished", &app, later);
}

// ----- a walk -----

#[test]
fn a_walk_step_says_walk() {
    use supple::core::timeline::Kind;
    let t = timeline("walk");
    let walk = t.segments().iter().find(|s| s.kind == Kind::Hold).unwrap();
    assert_eq!(walk.cue, "Walk");
    assert_eq!(t.step_word(walk), "walk");
    let now = at(walk.start.as_millis() as u64 + 20_000);
    let mut app = direct();
    app.play(t, at(0));
    app.tick(now);
    for size in SIZES {
        let text = screen(&app, now, size).join("\n");
        assert!(!text.to_lowercase().contains("hold"), "{size:?}\n{text}");
        assert!(text.contains("WALK"), "{size:?}\n{text}");
    }
    snap("walk", &app, now);
}

#[test]
fn a_rest_between_reps_says_rest_and_not_the_rep_under_way() {
    use supple::core::timeline::Kind;
    let t = timeline("core-strength");
    let rest = t
        .segments()
        .iter()
        .find(|s| s.kind == Kind::RepRest)
        .unwrap();
    assert_eq!(rest.under_way().1, None);
    let now = at(rest.start.as_millis() as u64 + 500);
    let mut app = direct();
    app.play(t, at(0));
    // Every self-paced rep before it done, at once.
    for _ in 0..200 {
        app.tick(now);
        if app
            .player()
            .and_then(|p| p.session().current())
            .is_some_and(|s| s.kind == Kind::RepRest)
        {
            break;
        }
        app.handle(supple::app::Action::Next, now);
    }
    let text = screen(&app, now, (100, 30)).join("\n");
    assert!(text.contains("RELAX"), "{text}");
    assert!(!text.contains("Rep "), "{text}");
}

// ----- small truths -----

#[test]
fn the_estimated_end_is_the_time_the_timer_then_shows() {
    use supple::core::pack::{Plan, Treatment};
    let mut app = direct();
    // 14:00:30 at moment zero; 1h 40m of ice in all.
    app.set_wall(at(0), jiff::Timestamp::from_second(1_795_960_830).unwrap());
    let _ = app.open_pack(Plan::new(Treatment::Ice), Vec::new(), at(0));
    let ready = screen(&app, at(0), (100, 30)).join("\n");
    assert!(ready.contains("ends about 15:40"), "{ready}");
    // The screen is drawn again when the minute turns, while it is read.
    assert_eq!(app.next_wake(at(0)), Some(at(30_000)));
    let read = screen(&app, at(40_000), (100, 30)).join("\n");
    assert!(read.contains("ends about 15:41"), "{read}");
    app.handle(supple::app::Action::Select, at(40_000));
    let running = screen(&app, at(40_000), (100, 30)).join("\n");
    assert!(running.contains("Ends at 15:41"), "{running}");
}

/// What supple says (standard output, then error) in a fresh home with no config.
fn supple(args: &[&str]) -> String {
    let out = TestHome::new().without_config().run(args);
    out.stdout + &out.stderr
}

#[test]
fn help_and_config_point_at_what_an_installed_binary_has() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["config"],
        &["plans", "-h"],
        // No command and no terminal: the home screen as lines.
        &[],
    ] {
        let text = supple(args);
        assert!(!text.contains("docs/"), "{args:?}: {text}");
        assert!(!text.contains("is below"), "{args:?}: {text}");
    }
    assert!(supple(&["help", "config"]).contains("# The config file"));
    assert!(supple(&["config"]).contains("Every key: supple help config"));
}

#[test]
fn list_columns_are_as_wide_as_their_content() {
    let text = supple(&["list"]);
    let header = text.lines().next().unwrap();
    let time_at = header.find("TIME").unwrap();
    let description_at = header.find("DESCRIPTION").unwrap();
    // The widest time is "6m 12s"; the gap after it is two spaces.
    assert_eq!(description_at - time_at, "6m 12s".len() + 2, "{text}");
}

#[test]
fn a_single_application_says_no_off_time() {
    use supple::core::pack::{Plan, Treatment};
    let once = Plan {
        cycles: 1,
        ..Plan::new(Treatment::Ice)
    };
    assert_eq!(once.rhythm(), "20m on, once");
    assert_eq!(
        Plan::new(Treatment::Ice).rhythm(),
        "20m on, 20m off, 3 times"
    );
    let mut app = direct();
    let _ = app.open_pack(once, Vec::new(), at(0));
    let text = screen(&app, at(0), (100, 30)).join("\n");
    assert!(text.contains("Ice: 20m on, once (20m in all)"), "{text}");
    assert!(!text.contains("off, once"), "{text}");
}

// ----- the help, and what the player says after it -----

#[test]
fn the_help_wraps_each_key_under_its_own_column_and_the_player_then_says_why_it_paused() {
    let (mut app, now) = holding();
    app.handle(supple::app::Action::Help, now);
    snap("help", &app, now);
    for size in SIZES {
        let rows = screen(&app, now, size);
        // No row of the box starts its text at the border: a wrapped description
        // sits under its description, not at column 0.
        for r in &rows {
            let inside: String = r.chars().skip_while(|c| *c != '│').skip(1).collect();
            let text = inside.trim_end_matches(['│', ' ']);
            assert!(
                text.is_empty() || text.starts_with(' '),
                "{size:?}: {r:?}\n{}",
                rows.join("\n")
            );
        }
    }
    app.handle(supple::app::Action::CloseModal, now);
    for size in SIZES {
        let text = screen(&app, now, size).join(" ");
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("Paused while the help was open. Space to go on."),
            "{size:?}\n{}",
            screen(&app, now, size).join("\n")
        );
    }
}

// ----- home with an open episode -----

/// The home screen on day 2 of an episode in which every red-flag question was
/// asked at its start and these answered yes, at 14:00 UTC on 2026-12-01.
fn home_on_day_2(yes: Vec<supple::core::red_flags::Sign>) -> App {
    use supple::core::episode::{Answers, Round, Screening};
    use supple::core::episode::{DEFAULT_PLAN, Episode};
    use supple::core::red_flags::Sign;
    use supple::store::library::{BUNDLED, bundled};
    let now: jiff::Timestamp = "2026-12-01T14:00:00Z".parse().unwrap();
    let library = supple::store::library::Library::with_user_dir(None);
    let plan = supple::store::plans::bundled(DEFAULT_PLAN, &library)
        .unwrap()
        .plan
        .unwrap();
    let onset = now - jiff::SignedDuration::from_hours(30);
    let episode = Episode {
        onset,
        ended: None,
        plan: DEFAULT_PLAN.into(),
        screening: Screening {
            rounds: vec![Round {
                at: onset,
                answers: Answers {
                    asked: Sign::ALL.to_vec(),
                    yes,
                    together: false,
                },
            }],
            started: Some(onset),
            ..Screening::default()
        },
    };
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
    let panel = supple::app::TodayPanel::new(plan, episode, Vec::new(), titles, now);
    app.set_today(panel, at(0));
    app
}

/// ... in which a red-flag question was answered yes.
fn home_with_an_episode() -> App {
    home_on_day_2(vec![supple::core::red_flags::Sign::Control])
}

#[test]
fn home_with_an_open_episode_never_draws_an_empty_list_box() {
    let app = home_with_an_episode();
    let quiet = home_on_day_2(Vec::new());
    // A list box is drawn with at least one of its rows, or not at all. The
    // emergency answer takes the Today box's place at every size (no exercise is
    // offered) and the whole screen at 40x12, as issue 21 has it; with no red flag
    // standing, Today is drawn from 60x18 up.
    let cases: [(&App, &str, u16); 3] = [
        (&app, "Routines and timers", 60),
        (&quiet, "Routines and timers", 40),
        (&quiet, "Today: Day 2", 60),
    ];
    for (app, title, drawn_from) in cases {
        for size in SIZES {
            let rows = screen(app, at(0), size);
            let Some(top) = rows.iter().position(|r| r.contains(title)) else {
                // Missing where it should be drawn would check nothing.
                assert!(
                    size.0 < drawn_from,
                    "{size:?}: {title} is not drawn\n{}",
                    rows.join("\n")
                );
                continue;
            };
            let next = rows[top + 1].trim_start();
            assert!(
                next.starts_with('│') && next.trim_matches(['│', ' ']).chars().count() > 1,
                "{size:?}: {title} is empty\n{}",
                rows.join("\n")
            );
        }
    }
    // With no red-flag answer standing, the routines keep a row at 40x12 too.
    let rows = screen(&home_on_day_2(Vec::new()), at(0), (40, 12));
    let top = rows
        .iter()
        .position(|r| r.contains("Routines and timers"))
        .unwrap_or_else(|| panic!("{}", rows.join("\n")));
    assert!(
        rows[top + 1].contains("back-spasm-relief"),
        "{}",
        rows.join("\n")
    );
    assert!(rows.iter().any(|r| r.contains('▸')), "{}", rows.join("\n"));
    snap("home-episode", &app, at(0));
}

// ----- nothing said twice -----

/// The phrases of a screen: runs of text between box borders and wide gaps, of
/// three words or more (labels such as "q quit" are shorter).
fn phrases(rows: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for row in rows {
        let cleaned: String = row
            .chars()
            .map(|c| {
                if "│┌┐└┘─•▸·█░▏▎▍▌▋▊▉".contains(c) {
                    '\t'
                } else {
                    c
                }
            })
            .collect();
        for part in cleaned.split('\t') {
            for phrase in part.split("   ") {
                let phrase = phrase.trim();
                if phrase.split_whitespace().count() >= 3 {
                    out.push(phrase.to_owned());
                }
            }
        }
    }
    out
}

fn said_twice(rows: &[String]) -> Vec<String> {
    let all = phrases(rows);
    let mut twice: Vec<String> = all
        .iter()
        .filter(|p| all.iter().filter(|q| q == p).count() > 1)
        .cloned()
        .collect();
    twice.dedup();
    twice
}

#[test]
fn no_screen_says_the_same_thing_twice() {
    let (player, player_now) = holding();
    let (pack, pack_now) = icing();
    let mut ready = direct();
    let _ = ready.open_pack(
        supple::core::pack::Plan::new(supple::core::pack::Treatment::Ice),
        Vec::new(),
        at(0),
    );
    let mut help = holding();
    help.0.handle(supple::app::Action::Help, help.1);
    let walk = {
        let t = timeline("walk");
        let mut app = direct();
        app.play(t, at(0));
        app.tick(at(30_000));
        app
    };
    // The rule finds a phrase said twice, in a box or not.
    assert_eq!(
        said_twice(&[
            "│ Stop if it hurts now │".to_owned(),
            "   Stop if it hurts now".to_owned()
        ]),
        ["Stop if it hurts now"]
    );
    let past = history(three_days());
    let episode = home_on_day_2(Vec::new());
    let alert = home_with_an_episode();
    let mut finished = icing().0;
    for minute in 6..=100 {
        finished.tick(at(minute * 60_000));
    }
    let screens: Vec<(&str, &App, Moment)> = vec![
        ("player", &player, player_now),
        ("pack", &pack, pack_now),
        ("pack ready", &ready, at(0)),
        ("help", &help.0, help.1),
        ("walk", &walk, at(30_000)),
        ("history", &past, at(0)),
        ("home with an episode", &episode, at(0)),
        ("home with a red-flag answer", &alert, at(0)),
        ("pack finished", &finished, at(100 * 60_000)),
    ];
    for (name, app, now) in screens {
        for size in SIZES {
            let rows = screen(app, now, size);
            let twice = said_twice(&rows);
            assert!(
                twice.is_empty(),
                "{name} {size:?} says twice: {twice:?}\n{}",
                rows.join("\n")
            );
        }
    }
}

// ----- the home list sees new routines -----

/// The loop's inputs on the home screen: nothing for a while, a routine file
/// appearing meanwhile, then `q`.
struct HomeInputs {
    now: std::rc::Rc<std::cell::Cell<Moment>>,
    waits: Vec<Duration>,
    new_routine: Option<Vec<supple::store::library::Entry>>,
}

impl supple::tui::Inputs for HomeInputs {
    fn next(&mut self, timeout: Duration) -> Option<supple::tui::Input> {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        self.waits.push(timeout);
        self.now.set(self.now.get().plus(timeout));
        // Three waits with nothing, then q.
        (self.waits.len() > 3).then(|| {
            supple::tui::Input::Event(Event::Key(KeyEvent::new(
                KeyCode::Char('q'),
                KeyModifiers::NONE,
            )))
        })
    }

    fn routines(&mut self) -> Option<Vec<supple::store::library::Entry>> {
        // The file appears after the first wait.
        if self.waits.len() == 1 {
            self.new_routine.take()
        } else {
            None
        }
    }

    fn watches_routines(&self) -> bool {
        true
    }
}

struct Quiet;

impl supple::tui::Outputs for Quiet {
    fn sound(&mut self, _: supple::core::sound::Sound) {}
    fn title(&mut self, _: &str) {}
    fn speak(&mut self, _: &str) {}
    fn log(&mut self, _: &Record) {}
    fn episode(&mut self, _: &supple::core::episode::EpisodeRecord) {}
    fn notify(&mut self, _: &str, _: &str) {}
    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Ticking(std::rc::Rc<std::cell::Cell<Moment>>);

impl supple::shell::clock::Clock for Ticking {
    fn now(&self) -> Moment {
        self.0.get()
    }
}

#[test]
fn the_home_list_shows_a_routine_made_while_it_is_open() {
    use supple::store::library::{BUNDLED, Entry, Source, bundled, load_str};
    let text = "name = \"Morning\"\n[[exercise]]\nname = \"Knee hug\"\nhold = \"10s\"\n";
    let morning = Entry {
        name: "morning".into(),
        source: Source::User("/home/me/.config/supple/routines/morning.toml".into()),
        shadows_bundled: false,
        text: Some(text.into()),
        routine: load_str("morning.toml", text),
    };
    let bundled_entries =
        || -> Vec<Entry> { BUNDLED.iter().map(|(n, _)| bundled(n).unwrap()).collect() };
    let mut now_on_disk = vec![morning];
    now_on_disk.extend(bundled_entries());
    let mut app = App::new(
        Home::new(bundled_entries(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    );
    // The second line chosen: it stays chosen when the list changes above it.
    app.handle(supple::app::Action::Down, at(0));
    let time = std::rc::Rc::new(std::cell::Cell::new(Moment::ZERO));
    let mut inputs = HomeInputs {
        now: time.clone(),
        waits: Vec::new(),
        new_routine: Some(now_on_disk),
    };
    let mut terminal = supple::tui::paint::Painter::new(TestBackend::new(100, 30)).unwrap();
    let exit = supple::tui::run(
        &mut terminal,
        &mut app,
        &Ticking(time.clone()),
        &mut inputs,
        &mut Quiet,
        &Theme::COLOR,
    )
    .unwrap();
    assert_eq!(exit, supple::tui::Exit::Quit);
    let shown = terminal.backend().to_string();
    assert!(shown.contains("morning"), "{shown}");
    assert!(shown.contains("(yours)"), "{shown}");
    assert!(
        matches!(app.home().selected_item(), Some(supple::app::HomeItem::Routine(e)) if e.name == "core-strength"),
        "{:?}",
        app.home().selected()
    );
    // While the home screen shows, the loop looks at the folder every 2 s.
    assert!(
        inputs.waits.iter().all(|w| *w <= supple::tui::HOME_LOOK),
        "{:?}",
        inputs.waits
    );
}

#[test]
fn the_folder_stamp_changes_when_a_routine_is_added_or_edited() {
    use supple::store::library::Library;
    let home = support::TestHome::new();
    let dir = home.path().join("stamp");
    let library = Library::with_user_dir(Some(dir.clone()));
    // No folder yet: an empty one.
    let nothing = library.stamp();
    std::fs::create_dir_all(&dir).unwrap();
    assert_eq!(library.stamp(), nothing);
    let file = dir.join("morning.toml");
    std::fs::write(&file, "name = \"Morning\"\n").unwrap();
    let added = library.stamp();
    assert_ne!(added, nothing);
    assert_eq!(library.stamp(), added, "the same when nothing changed");
    std::fs::write(&file, "name = \"Morning, longer\"\n").unwrap();
    assert_ne!(library.stamp(), added, "an edit that changes the size");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_finished_card_keeps_its_keys_whole_in_the_smallest_window() {
    let mut app = direct();
    app.play(timeline("back-spasm-relief"), at(0));
    app.tick(at(3_600_000));
    assert_eq!(app.keymap(), supple::app::Keymap::Finished);
    for size in SIZES {
        let rows = screen(&app, at(3_600_000), size);
        let text = rows.join("\n");
        assert!(text.contains("DONE"), "{size:?}\n{text}");
        assert!(text.contains("q quit"), "{size:?}\n{text}");
        assert!(text.contains("? help"), "{size:?}\n{text}");
    }
}

#[test]
fn the_reshaped_screens_draw_at_any_size_without_panicking() {
    let (pack, pack_now) = icing();
    let mut finished = icing().0;
    for minute in 6..=100 {
        finished.tick(at(minute * 60_000));
    }
    let past = history(three_days());
    let empty_days = history(vec![record("Desk break", "2026-11-28T09:00:00Z", 0, None)]);
    let home = home_with_an_episode();
    let quiet_home = home_on_day_2(Vec::new());
    for (app, now) in [
        (&pack, pack_now),
        (&finished, at(100 * 60_000)),
        (&past, at(0)),
        (&empty_days, at(0)),
        (&home, at(0)),
        (&quiet_home, at(0)),
    ] {
        for w in (1..=210).step_by(13) {
            for h in (1..=62).step_by(5) {
                screen(app, now, (w, h));
            }
        }
    }
}

// ----- a note for the physiotherapist from the finished cards -----

#[test]
fn n_on_a_finished_card_writes_a_dated_note() {
    use supple::app::{Action, Effect, Keymap};
    use supple::core::history::mark::Mark;
    let (mut app, _) = icing();
    for minute in 6..=100 {
        app.tick(at(minute * 60_000));
    }
    let now = at(100 * 60_000);
    assert_eq!(app.keymap(), Keymap::PackFinished);
    app.handle(Action::Note, now);
    assert_eq!(app.keymap(), Keymap::Text);
    // A paste is its visible characters, its lines joined by a space.
    let pasted =
        supple::tui::keys::paste("flared after lifting\r\nthe\u{7} shopping", Keymap::Text);
    assert_eq!(pasted.len(), "flared after lifting the shopping".len());
    for action in pasted {
        app.handle(action, now);
    }
    snap("note", &app, now);
    let effects = app.handle(Action::FilterDone, now);
    let note = effects.iter().find_map(|e| match e {
        Effect::Mark(m) => match m.as_ref() {
            Mark::Note(n) => Some(n.clone()),
            _ => None,
        },
        _ => None,
    });
    let note = note.expect("Enter saves the note at once");
    assert_eq!(note.text, "flared after lifting the shopping");
    assert!(note.at.starts_with("2026-"), "{}", note.at);
    assert_eq!(app.keymap(), Keymap::PackFinished);
    // The card says it was saved.
    let card = screen(&app, now, (100, 30)).join("\n");
    assert!(card.contains("Note saved"), "{card}");
    // A long paste stops at the line's length; Esc saves nothing.
    app.handle(Action::Note, now);
    for action in supple::tui::keys::paste(&"y".repeat(900), Keymap::Text) {
        app.handle(action, now);
    }
    let shown = screen(&app, now, (100, 30)).join("\n");
    assert!(shown.contains("yyyy▏"), "{shown}");
    assert!(app.handle(Action::FilterCancel, now).is_empty());
    assert_eq!(app.keymap(), Keymap::PackFinished);
    let card = screen(&app, now, (100, 30)).join("\n");
    assert!(card.contains("No note saved"), "{card}");
    // The help screen on the card names the key.
    app.handle(Action::Help, now);
    let help = screen(&app, now, (100, 30)).join("\n");
    assert!(help.contains("a note for your physiotherapist"), "{help}");
}

#[test]
fn n_on_the_routines_finished_card_opens_the_note_too() {
    use supple::app::{Action, Effect, Keymap};
    let (mut app, _) = holding();
    let end = at(3_600_000);
    app.tick(end);
    assert_eq!(app.keymap(), Keymap::Finished, "the routine ran to its end");
    app.handle(Action::Note, end);
    assert_eq!(app.keymap(), Keymap::Text);
    for c in "knee-to-chest eased it".chars() {
        app.handle(Action::FilterChar(c), end);
    }
    snap("routine-note", &app, end);
    let effects = app.handle(Action::FilterDone, end);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Mark(_))),
        "{effects:?}"
    );
    assert_eq!(app.keymap(), Keymap::Finished);
}
