//! supple: guided stretch routines and an ice/heat session timer for the terminal.
//!
//! The crate is in layers, each importing only from itself and the layers below
//! (docs/architecture.md):
//! - [`core`]: pure values and functions: the routine format, the timeline, the two
//!   engines (time passed in), records, stats, the config format;
//! - [`store`]: every file, read through one bounded, checked path;
//! - [`shell`]: the clock (the only place that reads the time) and the alerts;
//! - [`app`] and [`ui`]: the full-screen app's state and its views;
//! - [`tui`], [`plain`], [`commands`] and [`cli`]: the shells.
//!
//! Everything printed outside a TUI passes [`core::text::sanitize`].

pub mod app;
pub mod cli;
pub mod cmd;
pub mod ctx;
pub use supple_core as core;
pub mod plain;
#[cfg(test)]
pub(crate) mod scratch;
pub mod shell;
pub mod store;
pub mod tui;
pub mod ui;
