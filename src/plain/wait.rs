//! The one wait of both line loops (routine and pack timer): the next input, or
//! nothing once the next deadline comes.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use super::Input;

/// Waits on the input channel. Standard input at its end (cron, nohup,
/// `</dev/null`) arrives as [`Input::Closed`] and the channel stays open for
/// signals, so SIGTERM still stops the run; a channel with no sender left is
/// said once as [`Input::Closed`] too, and then each wait just sleeps.
pub(super) struct Waiter<'a> {
    inputs: &'a Receiver<Input>,
    gone: bool,
}

impl<'a> Waiter<'a> {
    pub(super) fn new(inputs: &'a Receiver<Input>) -> Waiter<'a> {
        Waiter {
            inputs,
            gone: false,
        }
    }

    /// The next input within `timeout` (`None`: as long as it takes).
    pub(super) fn next(&mut self, timeout: Option<Duration>) -> Option<Input> {
        if self.gone {
            thread::sleep(timeout.unwrap_or_default());
            return None;
        }
        let received = match timeout {
            Some(t) => self.inputs.recv_timeout(t),
            None => self
                .inputs
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                self.gone = true;
                Some(Input::Closed)
            }
        }
    }

    /// Waits for a line (the pain question): `None` when the input is closed or a
    /// signal came, which is returned as the input.
    pub(super) fn line(&mut self) -> Result<String, Input> {
        loop {
            match self.next(None) {
                Some(Input::Line(line)) => return Ok(line),
                Some(other) => return Err(other),
                None if self.gone => return Err(Input::Closed),
                None => {}
            }
        }
    }
}
