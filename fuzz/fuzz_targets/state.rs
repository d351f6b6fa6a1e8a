//! Feeds arbitrary bytes to the ice/heat state reader, as if they were a state file
//! left by an earlier supple. Run with `cargo fuzz run -s none state` (fuzz/README.md).
#![no_main]

#[path = "../state_oracle.rs"]
mod state_oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| state_oracle::check(data));
