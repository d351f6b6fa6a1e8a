//! supple: guided stretch routines and an ice/heat session timer for the terminal.
//!
//! The crate is split the way data flows:
//! - [`routine`]: TOML routine files become a validated [`routine::Routine`];
//! - [`timeline`]: a routine unfolds into segments;
//! - [`session`]: a pure state machine walks the segments, with time passed in;
//! - [`plain`] and [`commands`]: the shells that read the clock and the input and
//!   print; [`cli`] is the command line.
//!
//! Everything printed outside a TUI passes [`text::sanitize`].

pub mod app;
pub mod cli;
pub mod commands;
pub mod core;
pub mod plain;
pub mod shell;
pub mod store;
pub mod tui;
pub mod ui;
