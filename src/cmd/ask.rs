//! Lines for a person at a terminal: wrapped at its width, and yes/no questions.

use std::io::{self, BufRead, Read};

use super::Ctx;
use crate::core::text::sanitize;

/// Which of the run's outputs a text goes to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    Out,
    Err,
}

/// The width to wrap lines printed on `stream` outside the full screen at: the
/// terminal's, between 20 and 100 columns; unlimited when `stream` is not a
/// terminal (a log or a pipe gets each message on one line).
pub(crate) fn width(ctx: &Ctx, stream: Stream) -> usize {
    let terminal = match stream {
        Stream::Out => ctx.terminals.stdout,
        Stream::Err => ctx.terminals.stderr,
    };
    if !terminal {
        return usize::MAX;
    }
    ctx.terminals.columns.map_or(80, usize::from).clamp(20, 100)
}

/// `text` as the lines to print on `stream`: in a terminal, wrapped at words to
/// its width, the lines after the first under the text when it starts with
/// spaces; elsewhere (a pipe, a file) one line.
pub(crate) fn wrapped(ctx: &Ctx, stream: Stream, text: &str) -> Vec<String> {
    let text = sanitize(text);
    let width = width(ctx, stream);
    if width == usize::MAX {
        return vec![text.into_owned()];
    }
    let body = text.trim_start();
    let lead = " ".repeat(text.len() - body.len());
    crate::core::text::wrap(body, width.saturating_sub(1 + lead.len()).max(10))
        .into_iter()
        .map(|row| format!("{lead}{row}"))
        .collect()
}

/// Asks a yes/no question on the error writer and reads the answer from
/// standard input (at most a short line: a paste cannot make it read without
/// end). Enter is yes; a closed input is no.
pub(crate) fn yes(ctx: &Ctx, question: &str) -> bool {
    ask(ctx, question, true).unwrap_or(false)
}

/// Asks a yes/no question; Enter gives `default`. `None` when standard input is
/// closed (nobody there to answer).
pub(crate) fn ask(ctx: &Ctx, question: &str, default: bool) -> Option<bool> {
    // Wrapped at the terminal's width between words, so no word is cut at the edge.
    let width = width(ctx, Stream::Err);
    let keys = if default { "[Y/n]" } else { "[y/N]" };
    let text = format!("{} {keys}", sanitize(question));
    let lines = crate::core::text::wrap(&text, width.saturating_sub(1));
    {
        let mut err = ctx.err();
        let (last, before) = lines
            .split_last()
            .map_or(("", &[][..]), |(l, b)| (l.as_str(), b));
        for line in before {
            let _ = writeln!(err, "{line}");
        }
        let _ = write!(err, "{last} ");
        let _ = err.flush();
    }
    let mut answer = Vec::new();
    let stdin = io::stdin();
    let read = stdin.lock().take(256).read_until(b'\n', &mut answer);
    match read {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let answer = String::from_utf8_lossy(&answer).trim().to_lowercase();
            Some(match answer.as_str() {
                "y" | "yes" => true,
                "n" | "no" => false,
                _ => default,
            })
        }
    }
}
