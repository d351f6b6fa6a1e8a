//! Running another program to its end, never waiting on it for ever: `systemctl`,
//! `notify-send` from a command that has nothing else to do.

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Runs `command` with no input, waiting up to `timeout`; a program still running
/// then is killed. Returns its standard output, or why it failed in words (its
/// first line of standard error).
pub fn run(mut command: Command, timeout: Duration) -> Result<String, String> {
    let name = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{name} could not start ({e})"))?;
    // The pipes are read on threads, so a chatty program never fills one and stalls.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = thread::spawn(move || read_all(stdout.as_mut()));
    let err = thread::spawn(move || read_all(stderr.as_mut()));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("{name} could not be waited for ({e})")),
        }
    };
    let Some(status) = status else {
        // Not joined: a child of the killed program may still hold the pipes.
        return Err(format!(
            "{name} did not answer within {} s",
            timeout.as_secs_f64()
        ));
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    if status.success() {
        return Ok(out);
    }
    let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let why = crate::core::text::sanitize(first.trim()).into_owned();
    Err(match (why.is_empty(), status.code()) {
        (false, _) => format!("{name}: {why}"),
        (true, Some(code)) => format!("{name} failed (exit status {code})"),
        (true, None) => format!("{name} was stopped by a signal"),
    })
}

/// Up to 64 KiB of a pipe, as text.
fn read_all(pipe: Option<&mut impl Read>) -> String {
    let mut bytes = Vec::new();
    if let Some(pipe) = pipe {
        let _ = pipe.take(64 * 1024).read_to_end(&mut bytes);
        // Drain the rest so the program is never stalled on a full pipe.
        let _ = std::io::copy(pipe, &mut std::io::sink());
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_that_hangs_is_stopped() {
        let mut c = Command::new("sleep");
        c.arg("10");
        let started = Instant::now();
        let e = run(c, Duration::from_millis(200)).unwrap_err();
        assert!(e.contains("did not answer"), "{e}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_failure_says_why() {
        let mut c = Command::new("sh");
        c.args(["-c", "echo 'Failed to connect to bus' >&2; exit 1"]);
        assert_eq!(
            run(c, Duration::from_secs(5)).unwrap_err(),
            "sh: Failed to connect to bus"
        );
        let mut c = Command::new("sh");
        c.args(["-c", "echo hi"]);
        assert_eq!(run(c, Duration::from_secs(5)).unwrap(), "hi\n");
        let e = run(Command::new("/no/such/program"), Duration::from_secs(1)).unwrap_err();
        assert!(e.contains("could not start"), "{e}");
    }
}
