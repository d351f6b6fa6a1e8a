//! Shell completion: the scripts `supple completions SHELL` prints call supple back
//! (`COMPLETE=bash supple -- supple play c`), and supple answers here with what
//! fits there ([`crate::cmd::complete`]'s completers, clap's own flags and
//! commands everywhere else).

pub use crate::cmd::complete::{Shell, VAR, registration};

/// Answers a completion request and exits, if this run is one (`COMPLETE` is set);
/// otherwise returns at once.
pub fn answer_if_asked() {
    // clap_complete clears the variable before asking the completers.
    crate::cmd::complete::asking(std::env::var_os(VAR));
    clap_complete::CompleteEnv::with_factory(super::definition)
        .var(VAR)
        .complete();
}
