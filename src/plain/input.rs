//! What a plain run hears from outside: typed lines from standard input, read
//! on a thread, its end, and signals.

use std::io;
use std::sync::mpsc::Sender;
use std::thread;

/// What the player hears from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A line typed on standard input, without its line break.
    Line(String),
    /// Standard input reached its end or failed.
    Closed,
    /// SIGINT, SIGTERM or SIGHUP.
    Signal(i32),
}

/// The longest line of input taken: a person types a letter and Enter. Past this
/// the input is not a person typing (`</dev/zero`) and is read no more.
pub const LINE_MAX: usize = 64 * 1024;

/// Reads standard input on a thread and sends each line, then [`Input::Closed`].
pub fn spawn_stdin_reader(tx: Sender<Input>) {
    thread::spawn(move || {
        let stdin = io::stdin();
        read_lines(&mut stdin.lock(), &tx);
        let _ = tx.send(Input::Closed);
    });
}

/// Sends each line of `input` (at most [`LINE_MAX`] bytes; a longer one ends
/// the reading), until its end or until nobody listens.
pub fn read_lines(input: &mut dyn io::BufRead, tx: &Sender<Input>) {
    let mut line = Vec::new();
    loop {
        let buf = match input.fill_buf() {
            Ok([]) => break,
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let (part, used, ends) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        if line.len() + part.len() > LINE_MAX {
            return;
        }
        line.extend_from_slice(part);
        input.consume(used);
        if ends && !send_line(&mut line, tx) {
            return;
        }
    }
    if !line.is_empty() {
        send_line(&mut line, tx);
    }
}

/// Sends `line` (emptied) without its line ending; `false` when nobody listens.
fn send_line(line: &mut Vec<u8>, tx: &Sender<Input>) -> bool {
    let text = String::from_utf8_lossy(line)
        .trim_end_matches(['\n', '\r'])
        .to_owned();
    line.clear();
    tx.send(Input::Line(text)).is_ok()
}
