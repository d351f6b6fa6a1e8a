//! Files: every read and write of supple's own files goes through [`file`](mod@file);
//! the ice/heat sessions' state files are kept by [`packs`].

pub mod config;
pub mod file;
pub mod library;
pub mod log;
pub mod packs;
pub mod pages;
pub mod paths;
pub mod plans;
pub mod reminders;
pub mod resets;
pub mod sounds;
pub mod summary;
pub mod today;
pub mod zone;
