#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The history screen's list read a page at a time (`store::pages`): backwards
//! from the log's end and forwards from any line, across the reader's chunks,
//! past damaged lines, a line longer than a record may be and a last line with
//! no line break, every session exactly once, each with its line's place.

use std::path::PathBuf;

use supple::core::history::{Placed, Record, Snapshot, parse};
use supple::store::pages::{after, before};

fn session(i: usize) -> String {
    // Lines of varying length, so the 64 KiB chunks fall anywhere in a line.
    let name = format!("Routine {i} {}", "x".repeat(i % 300));
    format!(
        r#"{{"v":1,"kind":"routine","name":"{name}","start":"2026-01-01T08:00:00Z","end":"2026-01-01T08:05:00Z","active_seconds":{i},"outcome":"finished"}}"#
    )
}

/// A log of `n` sessions with a damaged line every 50, a note every 70, a line
/// of 1.5 MiB at 1/3 and, when `cut`, no line break after the last session.
fn log(name: &str, n: usize, cut: bool) -> (PathBuf, Vec<u8>) {
    let mut text = String::new();
    for i in 0..n {
        if i % 50 == 7 {
            text.push_str("{\"v\":1,\"kind\":\"rou\n");
        }
        if i % 70 == 3 {
            text.push_str(r#"{"v":1,"kind":"note","time":"2026-01-01T09:00:00Z","text":"a note"}"#);
            text.push('\n');
        }
        if i == n / 3 {
            text.push_str(&"y".repeat(1536 * 1024));
            text.push('\n');
        }
        text.push_str(&session(i));
        if i + 1 < n || !cut {
            text.push('\n');
        }
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("pages-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("history.jsonl");
    std::fs::write(&path, &text).unwrap();
    (path, text.into_bytes())
}

/// The log at `path` as it is now, `len` bytes of it.
fn seen(path: &std::path::Path, len: u64) -> Snapshot {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).unwrap();
    Snapshot {
        file: Some((meta.dev(), meta.ino())),
        len,
    }
}

fn check_places(rows: &[Placed], bytes: &[u8]) {
    for p in rows {
        let line = &bytes[p.at as usize..p.end as usize];
        let (records, _) = parse(line);
        assert_eq!(records, vec![p.record.clone()], "the line at {}", p.at);
        assert!(p.at == 0 || bytes[p.at as usize - 1] == b'\n');
    }
}

#[test]
fn backwards_and_forwards_every_session_once() {
    for (name, cut) in [("whole", false), ("cut", true)] {
        let (path, bytes) = log(name, 2000, cut);
        let (all, _) = parse(&bytes);
        assert_eq!(all.len(), 2000);
        let len = bytes.len() as u64;
        // Backwards, a page at a time, from the end to the start.
        let mut got: Vec<Record> = Vec::new();
        let mut at = len;
        loop {
            let page = before(&path, &seen(&path, len), at, 128, &|_| true).unwrap();
            check_places(&page, &bytes);
            let Some(last) = page.last() else { break };
            at = last.at;
            got.extend(page.into_iter().map(|p| p.record));
        }
        got.reverse();
        assert_eq!(got, all, "{name}: backwards");
        // Forwards from the start.
        let mut got: Vec<Record> = Vec::new();
        let mut from = 0;
        loop {
            let page = after(&path, &seen(&path, len), from, 100, &|_| true).unwrap();
            check_places(&page, &bytes);
            let Some(last) = page.last() else { break };
            from = last.end;
            got.extend(page.into_iter().map(|p| p.record));
        }
        assert_eq!(got, all, "{name}: forwards");
    }
}

#[test]
fn only_what_is_kept_and_never_past_the_bounds() {
    let (path, bytes) = log("kept", 500, false);
    let even = |r: &Record| r.active_seconds.is_multiple_of(2);
    let len = bytes.len() as u64;
    let page = before(&path, &seen(&path, len), len, 1000, &even).unwrap();
    assert_eq!(page.len(), 250);
    assert!(page.iter().all(|p| even(&p.record)));
    // Forwards in a log seen shorter: nothing past that length.
    let stop = page[100].at;
    let early = after(&path, &seen(&path, stop), 0, 1000, &|_| true).unwrap();
    assert!(early.iter().all(|p| p.end <= stop));
    assert_eq!(early.len() as u64, page[100].record.active_seconds);
    // A missing log seen missing has no sessions.
    let gone = path.with_file_name("missing.jsonl");
    let none = Snapshot::default();
    assert!(before(&gone, &none, 100, 10, &|_| true).unwrap().is_empty());
}

/// A log replaced, shortened or removed since it was seen is said to have
/// changed, never read as if it were the same.
#[test]
fn a_log_changed_since_it_was_seen_is_refused() {
    let (path, bytes) = log("changed", 300, false);
    let len = bytes.len() as u64;
    let then = seen(&path, len);
    assert_eq!(before(&path, &then, len, 10, &|_| true).unwrap().len(), 10);
    let changed = |what: &str| {
        let e = before(&path, &then, len, 10, &|_| true).unwrap_err();
        assert!(
            e.to_string().contains("changed since this screen opened"),
            "{what}: {e}"
        );
        let e = after(&path, &then, 0, 10, &|_| true).unwrap_err();
        assert!(
            e.to_string().contains("changed since this screen opened"),
            "{what}: {e}"
        );
    };
    // Shortened in place.
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(len / 2).unwrap();
    changed("shortened");
    // Replaced by another file as long.
    let other = path.with_file_name("other.jsonl");
    std::fs::write(&other, &bytes).unwrap();
    std::fs::rename(&other, &path).unwrap();
    changed("replaced");
    std::fs::remove_file(&path).unwrap();
    changed("removed");
}

/// The history screen's figures kept in the cache folder: a start reads only
/// what was appended, a zone's figures are kept apart from another's, and a
/// link there to someone's file is left alone.
#[test]
fn kept_figures_read_only_what_was_appended() {
    use supple::core::history::stats::Figures;
    use supple::store::summary::{fold, kept_path};
    let (path, bytes) = log("figures", 300, false);
    let cache = path.with_file_name("cache");
    let today = jiff::civil::date(2026, 1, 1);
    let utc = jiff::tz::TimeZone::UTC;
    let read = |zone: &jiff::tz::TimeZone, key: &str| {
        let kept = kept_path::<Figures>(&cache, &path, key);
        fold::<Figures>(&path, Some(kept), |f| f.set_zone(zone.clone())).unwrap()
    };
    let first = read(&utc, "UTC");
    assert_eq!(first.read, bytes.len() as u64);
    assert_eq!(first.summary.stats(today).unwrap().sessions, 300);
    let mut more = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut more, format!("{}\n", session(300)).as_bytes()).unwrap();
    let second = read(&utc, "UTC");
    assert!(second.read < 1000, "read {} bytes", second.read);
    assert_eq!(second.summary.stats(today).unwrap().sessions, 301);
    // Another zone: its own file, read whole; the sessions at 08:00 UTC are on
    // the day before in UTC-10.
    let hawaii = jiff::tz::TimeZone::fixed(jiff::tz::offset(-10));
    let other = read(&hawaii, "offset -10");
    assert!(other.read > 100_000);
    let stats = other.summary.stats(today).unwrap();
    assert_eq!(stats.days.last().map(|d| d.sessions), Some(0));
    assert_eq!(stats.days[stats.days.len() - 2].sessions, 301);
    // A link to someone's file is never written through.
    let kept = kept_path::<Figures>(&cache, &path, "UTC");
    let notes = path.with_file_name("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    std::fs::remove_file(&kept).unwrap();
    std::os::unix::fs::symlink(&notes, &kept).unwrap();
    let linked = read(&utc, "UTC");
    assert!(linked.note.unwrap().contains("left as it is"));
    assert_eq!(linked.summary.stats(today).unwrap().sessions, 301);
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
}

/// A kept figures file that is damaged (cut in the middle, a character changed
/// in its packed numbers, another of the alphabet there, a FIFO in its place) is
/// made again from the log with a note, and one of the version before in
/// silence: every time the figures are what the log alone gives, nothing waits
/// on the FIFO (left in place), and nothing but the kept file is written.
#[test]
fn damaged_kept_figures_are_made_again_from_the_log() {
    use supple::core::history::stats::Figures;
    use supple::store::summary::{fold, kept_path};
    let (path, _) = log("damaged-figures", 120, false);
    let cache = path.with_file_name("cache");
    let today = jiff::civil::date(2026, 1, 1);
    let kept = kept_path::<Figures>(&cache, &path, "UTC");
    let read = || {
        fold::<Figures>(&path, Some(kept.clone()), |f| {
            f.set_zone(jiff::tz::TimeZone::UTC)
        })
        .unwrap()
    };
    let from_log = || {
        fold::<Figures>(&path, None, |f| f.set_zone(jiff::tz::TimeZone::UTC))
            .unwrap()
            .summary
            .stats(today)
    };
    let want = from_log().unwrap();
    assert_eq!(want.sessions, 120);
    let first = read();
    assert!(first.note.is_none());
    let good = std::fs::read_to_string(&kept).unwrap();
    assert!(good.contains("\"version\":2") && good.contains("\"numbers\":\""));
    let log_before = std::fs::read(&path).unwrap();
    let numbers_at = good.find("\"numbers\":\"").unwrap() + "\"numbers\":\"".len() + 3;
    let other = |c: u8| if c == b'A' { "B" } else { "A" };
    let damaged: Vec<(&str, String)> = vec![
        ("cut", good[..good.len() / 2].to_owned()),
        (
            "bad character",
            format!("{}*{}", &good[..numbers_at], &good[numbers_at + 1..]),
        ),
        (
            "another digit",
            format!(
                "{}{}{}",
                &good[..numbers_at],
                other(good.as_bytes()[numbers_at]),
                &good[numbers_at + 1..]
            ),
        ),
    ];
    for (what, text) in damaged {
        std::fs::write(&kept, &text).unwrap();
        let again = read();
        let note = again.note.unwrap_or_default();
        assert!(note.contains("made again from the log"), "{what}: {note}");
        assert_eq!(again.summary.stats(today).as_ref(), Some(&want), "{what}");
        // Written again whole: the next start reads it without a note.
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), good, "{what}");
        assert!(read().note.is_none(), "{what}");
    }
    // The version before: made again without a note.
    std::fs::write(&kept, good.replace("\"version\":2", "\"version\":1")).unwrap();
    let old = read();
    assert!(old.note.is_none());
    assert_eq!(old.summary.stats(today).as_ref(), Some(&want));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), good);
    // A FIFO where the file was: not read (nothing waits on it), replaced.
    std::fs::remove_file(&kept).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&kept)
        .status()
        .unwrap();
    assert!(made.success());
    for _ in 0..2 {
        let fifo = read();
        let note = fifo.note.unwrap_or_default();
        assert!(note.contains("made again from the log"), "{note}");
        assert_eq!(fifo.summary.stats(today).as_ref(), Some(&want));
        // Never replaced (the store's writers leave what is not a file).
        use std::os::unix::fs::FileTypeExt;
        let meta = std::fs::symlink_metadata(&kept).unwrap();
        assert!(meta.file_type().is_fifo());
    }
    // The log itself was never written, and the cache holds only the kept file.
    assert_eq!(std::fs::read(&path).unwrap(), log_before);
    let names: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![kept.file_name().unwrap().to_owned()]);
}

/// The real event loop on a `TestBackend` of 100x30, opened as `supple
/// history` opens it (no rows read), the keys `keys` then q: the last frame
/// drawn and the pages the loop asked for (what, how many).
fn screen_after(
    path: &std::path::Path,
    bytes: &[u8],
    keys: &[ratatui::crossterm::event::KeyCode],
) -> (String, Vec<(supple::app::PageAsk, usize)>) {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    use supple::app::{App, HistoryScreen, Home, Launch, PageAsk, PageRequest, Settings};
    use supple::core::moment::Moment;
    use supple::tui::{Input, Inputs, Outputs};

    struct Keys(Vec<KeyCode>);
    impl Inputs for Keys {
        fn next(&mut self, _: std::time::Duration) -> Option<Input> {
            let code = if self.0.is_empty() {
                KeyCode::Char('q')
            } else {
                self.0.remove(0)
            };
            Some(Input::Event(Event::Key(KeyEvent::from(code))))
        }
    }
    struct Pages(PathBuf, Vec<(PageAsk, usize)>);
    impl Outputs for Pages {
        fn sound(&mut self, _: supple::core::sound::Sound) {}
        fn title(&mut self, _: &str) {}
        fn speak(&mut self, _: &str) {}
        fn log(&mut self, _: &Record) {}
        fn episode(&mut self, _: &supple::core::episode::EpisodeRecord) {}
        fn notify(&mut self, _: &str, _: &str) {}
        fn suspend(&mut self) -> std::io::Result<()> {
            Ok(())
        }
        // As the terminal's outputs read them (src/tui/outputs.rs).
        fn history_page(&mut self, request: &PageRequest) -> Option<Vec<Placed>> {
            self.1.push((request.ask, request.want));
            let (log, want) = (&request.log, request.want);
            let read = match request.ask {
                PageAsk::Older { before: at, .. } => before(&self.0, log, at, want, &|_| true),
                PageAsk::Newer { after: from } => after(&self.0, log, from, want, &|_| true),
                PageAsk::Oldest => after(&self.0, log, 0, want, &|_| true),
            };
            Some(read.unwrap())
        }
    }
    struct Still;
    impl supple::shell::clock::Clock for Still {
        fn now(&self) -> Moment {
            Moment::ZERO
        }
    }

    let (records, _) = parse(bytes);
    let refs: Vec<&Record> = records.iter().collect();
    let stats = supple::core::history::stats::compute(
        &refs,
        jiff::civil::date(2026, 1, 1),
        &jiff::tz::TimeZone::UTC,
    );
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Direct,
    );
    let screen = HistoryScreen::new(
        stats,
        None,
        None,
        seen(path, bytes.len() as u64),
        Vec::new(),
    );
    let _ = app.open_history(screen, Moment::ZERO);
    let mut terminal =
        supple::tui::paint::Painter::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    let mut outputs = Pages(path.to_path_buf(), Vec::new());
    let exit = supple::tui::run(
        &mut terminal,
        &mut app,
        &Still,
        &mut Keys(keys.to_vec()),
        &mut outputs,
        &supple::ui::theme::Theme::COLOR,
    )
    .unwrap();
    assert_eq!(exit, supple::tui::Exit::Quit);
    (terminal.backend().to_string(), outputs.1)
}

#[test]
fn the_screen_reads_the_rows_its_window_shows_first_and_the_rest_as_keys_move() {
    use ratatui::crossterm::event::KeyCode;
    use supple::app::{HISTORY_PAGE, PageAsk, rows_shown};
    let n = 300;
    let (path, bytes) = log("loop", n, false);
    let shown = rows_shown(100, 30, n);
    // Row `i` of the list (from 0, newest first) shows session n - 1 - i.
    let row = |screen: &str, i: usize| {
        let line = screen.lines().nth(2 + i).unwrap_or("").to_owned();
        assert!(line.contains("Routine "), "row {i}:\n{screen}");
        line
    };
    let has = |line: &str, session: usize| line.contains(&format!("Routine {session} "));

    // The first frame: the newest rows, read alone.
    let (screen, asked) = screen_after(&path, &bytes, &[]);
    let first = PageAsk::Older {
        before: bytes.len() as u64,
        from_top: true,
    };
    assert_eq!(asked, vec![(first, shown)], "{screen}");
    for i in 0..shown {
        assert!(has(&row(&screen, i), n - 1 - i), "row {i}:\n{screen}");
    }
    assert!(
        screen.contains(&format!("Last sessions 1-{shown} of {n}")),
        "{screen}"
    );

    // Three rows down: the page after them read ahead at the first key.
    let (screen, asked) = screen_after(&path, &bytes, &[KeyCode::Char('j'); 3]);
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert_eq!(asked[1].1, HISTORY_PAGE);
    for i in 0..shown {
        assert!(has(&row(&screen, i), n - 4 - i), "row {i}:\n{screen}");
    }
    assert!(
        screen.contains(&format!("4-{} of {n}", shown + 3)),
        "{screen}"
    );

    // End: the oldest at the bottom; Home: the newest again.
    let (screen, _) = screen_after(&path, &bytes, &[KeyCode::End]);
    assert!(has(&row(&screen, shown - 1), 0), "{screen}");
    assert!(
        screen.contains(&format!("{}-{n} of {n}", n - shown + 1)),
        "{screen}"
    );
    let (screen, _) = screen_after(
        &path,
        &bytes,
        &[KeyCode::End, KeyCode::PageUp, KeyCode::Home],
    );
    assert!(has(&row(&screen, 0), n - 1), "{screen}");
}
