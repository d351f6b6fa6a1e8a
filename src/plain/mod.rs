//! Plain mode: a routine played as lines of text, for scripts, logs and screen
//! readers.
//!
//! One line per segment as it starts, flushed at once. Input is read a line at a
//! time: Enter confirms a self-paced rep, `p` pauses and resumes, `n` skips, `b`
//! goes back, `q` stops. Input matters only for those keys: with standard input
//! closed, a timed routine plays to the end; only a self-paced rep, which needs a
//! confirmation, ends the run.

mod input;
mod lines;
pub mod pack;
mod routine;
mod wait;

use wait::Waiter;

pub use input::{Input, LINE_MAX, read_lines, spawn_stdin_reader};
pub use lines::Lines;
use lines::hanging;
pub(crate) use routine::LAST_WORDS;
pub use routine::{Options, Run, play, position_text};

/// How a plain run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Finished,
    /// Stopped by the person (`q`).
    Stopped,
    /// SIGINT, SIGTERM, or SIGHUP under a routine.
    Signal(i32),
    /// A self-paced rep needed confirmation but standard input was closed.
    InputClosed,
    /// Standard output is closed (`supple ice --plain | head`) or failed: nobody
    /// can read the cues any more, so the session ends here, and is logged.
    OutputClosed,
    /// The terminal closed (SIGHUP) under an ice/heat session: it is not over, and
    /// the next start offers to resume it.
    HungUp,
}

impl Ending {
    /// The exit status, as the README lists them: 0 finished or stopped by the
    /// person, 1 input closed where it was needed, 128 + the signal otherwise
    /// (SIGINT 130, SIGTERM 143, SIGHUP 129), 141 for a closed output (as SIGPIPE).
    pub fn exit_code(self) -> u8 {
        match self {
            Ending::Finished | Ending::Stopped => 0,
            Ending::InputClosed => 1,
            Ending::Signal(sig) => u8::try_from(128 + sig).unwrap_or(1),
            Ending::HungUp => 129,
            Ending::OutputClosed => 141,
        }
    }
}
