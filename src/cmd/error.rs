//! How a command fails: one error for all of them, whose `Display` is the message
//! the person reads and which says the exit status.

use std::fmt;
use std::io;

#[derive(Debug)]
pub enum CliError {
    /// The command could not do what was asked (exit status 1).
    Failed(String),
    /// A file has errors (exit status 1): `detail` is every error in place
    /// (file:line:column, as written by the format's renderer, printed as it is),
    /// `message` the line after them that says what to do.
    Diagnosed { detail: String, message: String },
    /// What was asked cannot be asked that way (exit status 2, like clap's).
    Usage(String),
    /// Writing the output failed.
    Output(io::Error),
}

impl CliError {
    pub fn failed(message: impl Into<String>) -> CliError {
        CliError::Failed(message.into())
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError::Usage(message.into())
    }

    /// What comes before the message: a file's errors, each in place.
    pub fn detail(&self) -> Option<&str> {
        match self {
            CliError::Diagnosed { detail, .. } => Some(detail),
            _ => None,
        }
    }

    /// The exit status; `None` for a closed output, which is the reader's choice
    /// (`supple plan x | head -1`), not an error.
    pub fn exit_code(&self) -> Option<u8> {
        match self {
            CliError::Failed(_) | CliError::Diagnosed { .. } => Some(1),
            CliError::Usage(_) => Some(2),
            CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => None,
            CliError::Output(_) => Some(1),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Failed(m) | CliError::Usage(m) | CliError::Diagnosed { message: m, .. } => {
                write!(f, "{m}")
            }
            CliError::Output(e) => write!(
                f,
                "cannot write output: {}",
                crate::store::file::io_reason(e)
            ),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> CliError {
        CliError::Output(e)
    }
}
