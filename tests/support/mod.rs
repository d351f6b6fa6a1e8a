//! What the integration tests share: a clean home to run the real binary in
//! (`home.rs`), stand-in programs (`program.rs`), hostile text (`hostile.rs`) and a
//! check of what reaches a terminal (`stream.rs`). A test file takes what it needs;
//! the rest is unused there.
#![allow(dead_code, unused_imports)]

pub mod home;
pub mod hostile;
pub mod program;
pub mod stream;

pub use home::{BIN, Ran, TestHome, is_root, skip};
