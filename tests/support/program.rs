//! Stand-in programs for tests (a player, notify-send, an editor).

use std::path::Path;
use std::process::{Command, Stdio};

/// Writes an executable script. Written by `sh`, not by the test process: a file
/// this multi-threaded process has open for writing can leak into another test's
/// fork, and running it then fails with "text file busy".
pub fn write_program(path: &Path, text: &str) {
    let mut writer = Command::new("sh")
        .args(["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh"])
        .arg(path)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(writer.stdin.as_mut().unwrap(), text.as_bytes()).unwrap();
    drop(writer.stdin.take());
    assert!(writer.wait().unwrap().success());
}
