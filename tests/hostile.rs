#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Hostile text in routines, file names and the history log: refused with a clear
//! error where it is a routine's own text, and shown only as visible characters
//! everywhere else. The TUI is drawn through the real crossterm backend into memory
//! and every byte it writes is checked.

mod support;
use support::{TestHome, hostile, stream};

use std::cell::RefCell;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use hostile::{HOSTILE, toml_quoted};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use supple::app::{Action, App, HistoryScreen, Home, Launch, Settings};
use supple::core::moment::Moment;
use supple::core::text::find_forbidden;
use supple::store::library::{Library, load_str};
use supple::ui::{self, theme::Theme};

/// A valid routine with `{}` in place of one text value.
const PLACES: &[&str] = &[
    "name = {}\n[[exercise]]\nname = \"a\"\nhold = \"5s\"\n",
    "name = \"r\"\ndescription = {}\n[[exercise]]\nname = \"a\"\nhold = \"5s\"\n",
    "name = \"r\"\ntags = [\"back\", {}]\n[[exercise]]\nname = \"a\"\nhold = \"5s\"\n",
    "name = \"r\"\n[[exercise]]\nname = {}\nhold = \"5s\"\n",
    "name = \"r\"\n[[exercise]]\nname = \"a\"\ndescription = {}\nhold = \"5s\"\n",
    "name = \"r\"\n[[exercise]]\nname = \"a\"\ncues = [\"breathe\", {}]\nhold = \"5s\"\n",
    "name = \"r\"\n[[exercise]]\nname = \"a\"\nsides = [\"left\", {}]\nhold = \"5s\"\n",
    "name = \"r\"\n[[exercise]]\nname = \"a\"\nphases = [{ cue = {}, time = \"2s\" }]\n",
    "name = \"r\"\n[[exercise]]\nname = \"a\"\nart = {}\nhold = \"5s\"\n",
];

fn assert_refused_cleanly(source: &str, what: &str) -> String {
    let err = load_str("hostile.toml", source).expect_err(what);
    let report = err.to_string();
    for line in report.lines().chain([err.headline().as_str()]) {
        assert!(
            find_forbidden(line).is_none(),
            "{what}: raw text in {line:?}"
        );
    }
    assert!(report.starts_with("hostile.toml:"), "{what}: {report}");
    report
}

#[test]
fn hostile_text_in_any_field_is_refused_with_a_clean_error() {
    for place in PLACES {
        for (label, evil) in HOSTILE {
            // Written as TOML escapes...
            let source = place.replace("{}", &toml_quoted(evil));
            let report = assert_refused_cleanly(&source, label);
            assert!(
                report.contains("contains a") || report.contains("does not match"),
                "{label}: {report}"
            );
            // ...and as the raw characters, where TOML allows them in a string.
            let raw = place.replace("{}", &format!("\"{evil}\""));
            assert_refused_cleanly(&raw, label);
        }
        let long = place.replace("{}", &format!("\"{}\"", "x".repeat(10_000)));
        let report = assert_refused_cleanly(&long, "10,000 characters");
        assert!(report.contains("10000 characters long"), "{report}");
        assert!(report.lines().all(|l| l.chars().count() < 200), "{report}");
    }
}

/// A folder of user routines whose file names (and, for some, contents) are hostile.
fn hostile_folder(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for (i, (_, evil)) in HOSTILE.iter().enumerate() {
        let name = format!("{}{i}.toml", evil.replace('/', "-"));
        let text = if i % 2 == 0 {
            "name = \"Fine\"\n[[exercise]]\nname = \"a\"\nhold = \"5s\"\n".to_owned()
        } else {
            format!("name = \"x{evil}\"\n[[exercise]]\nname = \"a\"\nhold = \"5s\"\n")
        };
        fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// A writer whose bytes stay readable after the terminal takes it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Draws `app` with the real crossterm backend into memory and checks every byte.
fn draw_bytes(app: &App, what: &str) -> String {
    let written = Shared::default();
    let backend = CrosstermBackend::new(written.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, 100, 30));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    terminal
        .draw(|f| {
            ui::draw(
                &mut ui::Frame::new(f.buffer_mut()),
                app,
                Moment::ZERO,
                &Theme::COLOR,
            )
        })
        .unwrap();
    let bytes = written.0.borrow().clone();
    assert!(
        bytes.len() > 1000,
        "{what}: only {} bytes drawn",
        bytes.len()
    );
    stream::assert_clean(&bytes, what);
    String::from_utf8(bytes).unwrap()
}

#[test]
fn hostile_file_names_reach_the_home_screen_only_as_visible_text() {
    let dir = hostile_folder("home");
    let (entries, warnings) = Library::with_user_dir(Some(dir)).entries();
    assert!(entries.len() > HOSTILE.len());
    let count = entries.len();
    let mut app = App::new(
        Home::new(entries, warnings),
        Settings::default(),
        Launch::Browse,
    );
    let mut seen = String::new();
    // Each entry selected in turn, so its details panel is drawn too.
    for i in 0..count {
        seen.push_str(&draw_bytes(&app, &format!("home screen, entry {i}")));
        app.handle(Action::Down, Moment::ZERO);
    }
    assert!(seen.contains("^["), "the escape should be shown as ^[");
    assert!(
        seen.contains("\\u{202e}"),
        "the bidi override should be shown as \\u{{202e}}"
    );
}

#[test]
fn hostile_history_records_reach_the_history_screen_only_as_visible_text() {
    let mut log = String::new();
    for (i, (_, evil)) in HOSTILE.iter().enumerate() {
        let record = serde_json::json!({
            "v": 1, "kind": "routine", "name": format!("{evil} routine"),
            "routine": evil, "start": format!("2026-11-{:02}T08:00:00+00:00", 1 + i),
            "end": format!("2026-11-{:02}T08:05:00+00:00", 1 + i), "active_seconds": 300,
            "outcome": "stopped", "stopped_at": evil, "pain_before": 5, "pain_after": 3,
        });
        log.push_str(&record.to_string());
        log.push('\n');
    }
    let (records, skipped) = supple::core::history::parse(log.as_bytes());
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(records.len(), HOSTILE.len());
    let refs: Vec<_> = records.iter().collect();
    let stats = supple::core::history::stats::compute(
        &refs,
        jiff::civil::date(2026, 11, 23),
        &jiff::tz::TimeZone::UTC,
    );
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Browse,
    );
    let _ = app.open_history(HistoryScreen::whole(stats, None, records), Moment::ZERO);
    draw_bytes(&app, "history screen");
}

fn assert_plain_clean(text: &str, what: &str) {
    for line in text.lines() {
        assert!(
            find_forbidden(line).is_none(),
            "{what}: raw text in {line:?}"
        );
    }
}

#[test]
fn hostile_names_and_history_reach_plain_output_and_stderr_only_as_visible_text() {
    // Only the system's programs: nothing of the person's PATH.
    let config = TestHome::new().env("PATH", "/usr/bin:/bin");
    let routines = hostile_folder("cli-routines");
    fs::remove_dir(config.routines()).unwrap();
    fs::rename(&routines, config.routines()).unwrap();
    fs::create_dir_all(config.join("data/supple")).unwrap();
    let mut log = String::new();
    for (_, evil) in HOSTILE {
        let record = serde_json::json!({
            "v": 1, "kind": "routine", "name": evil, "routine": evil,
            "start": "2026-11-20T08:00:00+00:00", "end": "2026-11-20T08:05:00+00:00",
            "active_seconds": 300, "outcome": "stopped", "stopped_at": evil,
        });
        log.push_str(&format!("{record}\n"));
    }
    log.push_str("{\"v\":1,\"name\":\"\u{1b}]0;cut\n");
    fs::write(config.join("data/supple/history.jsonl"), log).unwrap();

    let files: Vec<PathBuf> = fs::read_dir(config.join("supple/routines"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let mut runs: Vec<Vec<String>> = vec![
        vec!["list".into()],
        vec!["list".into(), "--json".into()],
        vec!["history".into(), "--plain".into()],
        vec!["history".into(), "--json".into()],
    ];
    for file in &files {
        let path = file.to_str().unwrap().to_owned();
        for cmd in ["check", "plan", "export"] {
            runs.push(vec![cmd.into(), path.clone()]);
        }
    }
    // A full plain-mode session from a file with a hostile name, logged to history.
    let fine = files
        .iter()
        .find(|f| fs::read_to_string(f).unwrap().contains("Fine"))
        .unwrap();
    let short = fine.with_file_name("\u{1b}]0;pwned\u{7}short.toml");
    fs::write(
        &short,
        "name = \"Short\"\nlead_in = \"0s\"\n[[exercise]]\nname = \"a\"\nhold = \"1s\"\n",
    )
    .unwrap();
    runs.push(vec![
        "play".into(),
        short.to_str().unwrap().into(),
        "--plain".into(),
    ]);
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = config.run(&args);
        let what = format!("supple {}", sanitize_args(&args));
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{what}: {:?}",
            out.status
        );
        assert_plain_clean(&out.stdout, &format!("{what} (stdout)"));
        assert_plain_clean(&out.stderr, &format!("{what} (stderr)"));
    }
    // Every record comes out (the session just played too); the cut line is skipped.
    let out = config.run(&["history", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["records"].as_array().unwrap().len(), HOSTILE.len() + 1);
}

fn sanitize_args(args: &[&str]) -> String {
    supple::core::text::sanitize(&args.join(" ")).into_owned()
}

#[test]
fn the_stream_check_catches_what_it_should() {
    let caught =
        |bytes: &[u8]| std::panic::catch_unwind(|| stream::assert_clean(bytes, "t")).is_err();
    assert!(!caught(
        b"\x1b[2J\x1b[1;1Hhello\x1b[38;5;8mgrey\x1b[0m\x1b]0;supple: Cat-Cow\x07"
    ));
    for bad in [
        &b"\x1b]52;c;ZXZpbA==\x07"[..],
        b"\x1b]0;a\x1b[31mb\x07",
        b"\x1bPq\x1b\\",
        b"\xc2\x9b2J",
        b"x\xe2\x80\xaey",
        b"a\x07",
        b"\x1b[2",
    ] {
        assert!(caught(bad), "{bad:?} passed");
    }
}
