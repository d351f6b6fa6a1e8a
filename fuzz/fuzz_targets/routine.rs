//! Feeds arbitrary bytes to the routine loader, as if they were a routine file.
//! Run with `cargo fuzz run -s none routine` on the stable toolchain (see fuzz/README.md).
#![no_main]

#[path = "../oracle.rs"]
mod oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| oracle::check(data));
