//! Feeds arbitrary bytes to the history log reader, as if they were history.jsonl.
//! Run with `cargo fuzz run -s none history` (fuzz/README.md).
#![no_main]

#[path = "../history_oracle.rs"]
mod history_oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| history_oracle::check(data));
