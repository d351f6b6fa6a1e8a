#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The history screen's list read a page at a time (`store::pages`): backwards
//! from the log's end and forwards from any line, across the reader's chunks,
//! past damaged lines, a line longer than a record may be and a last line with
//! no line break, every session exactly once, each with its line's place.

use std::path::PathBuf;

use supple::core::history::{Placed, Record, parse};
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
            let page = before(&path, at, 128, &|_| true).unwrap();
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
            let page = after(&path, from, len, 100, &|_| true).unwrap();
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
    let page = before(&path, bytes.len() as u64, 1000, &even).unwrap();
    assert_eq!(page.len(), 250);
    assert!(page.iter().all(|p| even(&p.record)));
    // Forwards up to a line's start: nothing from that line on.
    let stop = page[100].at;
    let early = after(&path, 0, stop, 1000, &|_| true).unwrap();
    assert!(early.iter().all(|p| p.end <= stop));
    assert_eq!(early.len() as u64, page[100].record.active_seconds);
    // A missing log has no sessions.
    let gone = path.with_file_name("missing.jsonl");
    assert!(before(&gone, 100, 10, &|_| true).unwrap().is_empty());
}
