//! Feeds arbitrary bytes to the plan reader, as if they were the person's file.
//! Run with `cargo fuzz run -s none plan` (fuzz/README.md).
#![no_main]

#[path = "../plan_oracle.rs"]
mod plan_oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| plan_oracle::check(data));
