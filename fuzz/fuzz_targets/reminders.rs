//! Feeds arbitrary bytes to the reminders reader, as if they were the person's file.
//! Run with `cargo fuzz run -s none reminders` (fuzz/README.md).
#![no_main]

#[path = "../reminders_oracle.rs"]
mod reminders_oracle;

libfuzzer_sys::fuzz_target!(|data: &[u8]| reminders_oracle::check(data));
