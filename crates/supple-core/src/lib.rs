//! supple's pure core: everything here is a value or a function of values. Nothing
//! in this crate touches the file system, the environment, a process, standard
//! output or a clock: time comes in as a [`moment::Moment`] or a timestamp passed
//! by the shell, and files come in as text read by the `supple` crate's store.
//!
//! The compiler keeps it so: this crate depends on no terminal, file, process or
//! clock crate (`Cargo.toml`), and clippy refuses the methods that would read the
//! clock, the time zone, the environment or a standard stream (`clippy.toml`,
//! denied below).

#![deny(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    clippy::disallowed_macros
)]

pub mod announce;
pub mod config;
pub mod countdown;
pub mod duration;
pub mod episode;
pub mod function;
pub mod guidance;
pub mod history;
pub mod hook;
pub mod library;
pub mod moment;
pub mod pack;
pub mod plan;
pub mod poses;
pub mod presence;
pub mod red_flags;
pub mod remind;
pub mod report;
pub mod resume;
pub mod routine;
pub mod session;
pub mod sound;
pub mod text;
pub mod timeline;
pub mod today;
pub mod toml_check;
pub mod words;
