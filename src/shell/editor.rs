//! The person's editor, run for `supple edit`: a child process of its own that
//! SIGTERM and SIGHUP sent to supple are passed on to while it is open.

use std::io;
use std::path::Path;
use std::thread;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Runs the editor on `path` and waits for it. SIGTERM and SIGHUP sent to supple
/// meanwhile are passed on to the editor (so it can save and quit as it does for
/// them), and supple waits for it and checks the file instead of leaving it running
/// unchecked; Ctrl-C is the editor's own. Returns how it ended and the signal, if
/// one came.
pub fn run(editor: &str, path: &Path) -> (io::Result<std::process::ExitStatus>, Option<i32>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI32, Ordering};
    // Once the editor is gone these signals do what they always do (end supple);
    // while it is open they are the editor's. Registered once: a signal's
    // disposition belongs to the process, not to one edit.
    static ARMED: std::sync::OnceLock<Arc<std::sync::atomic::AtomicBool>> =
        std::sync::OnceLock::new();
    let armed = ARMED.get_or_init(|| {
        let armed = Arc::new(std::sync::atomic::AtomicBool::new(true));
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            let _ = signal_hook::flag::register_conditional_default(sig, Arc::clone(&armed));
        }
        armed
    });
    armed.store(false, Ordering::SeqCst);
    // Listened for before the editor starts: a signal that comes while it is
    // starting waits in `signals` and is passed on once it runs.
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT]);
    // Through the shell, so that an editor with arguments ("code --wait") works;
    // `exec`, so that the signal passed on reaches the editor itself.
    let child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("exec {editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            if let Ok(s) = &signals {
                s.handle().close();
            }
            armed.store(true, Ordering::SeqCst);
            return (Err(e), None);
        }
    };
    let got = Arc::new(AtomicI32::new(0));
    let handle = match signals {
        Ok(mut signals) => {
            let handle = signals.handle();
            let pid = rustix::process::Pid::from_child(&child);
            let got = Arc::clone(&got);
            thread::spawn(move || {
                for sig in signals.forever() {
                    if sig == SIGINT {
                        // From the keyboard, the editor has it already.
                        continue;
                    }
                    got.store(sig, Ordering::SeqCst);
                    if let Some(s) = rustix::process::Signal::from_named_raw(sig) {
                        let _ = rustix::process::kill_process(pid, s);
                    }
                }
            });
            Some(handle)
        }
        Err(_) => None,
    };
    let status = child.wait();
    if let Some(h) = handle {
        h.close();
    }
    armed.store(true, Ordering::SeqCst);
    let sig = got.load(Ordering::SeqCst);
    (status, (sig != 0).then_some(sig))
}
