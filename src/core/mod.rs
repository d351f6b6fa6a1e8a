//! The pure core: everything here is a value or a function of values. Nothing in
//! this folder touches the file system, the environment, a process, standard
//! output or a clock (`tests/purity.rs` checks): time comes in as a [`moment::Moment`]
//! passed by the shell, files come in as text read by [`crate::store`].

pub mod config;
pub mod countdown;
pub mod duration;
pub mod episode;
pub mod guidance;
pub mod history;
pub mod hook;
pub mod moment;
pub mod pack;
pub mod plan;
pub mod poses;
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
pub mod words;
