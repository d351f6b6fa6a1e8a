//! `supple edit`: a routine in the editor, checked on save.

use std::io;
use std::path::Path;
use std::process::ExitCode;
use std::thread;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::complete;
use super::{CliError, Ctx, ask};
use crate::core::text::sanitize;

/// Open one of your routines in $VISUAL or $EDITOR; it is checked when you save.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One of your routines (file name without .toml), or a .toml path.
    #[arg(add = complete::own_routine())]
    pub routine: String,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let arg = args.routine.as_str();
    let entry = match ctx.library.resolve(arg) {
        Ok(e) => e,
        Err(not_found) => {
            return Err(CliError::failed(not_found.to_string()));
        }
    };
    let Some(path) = entry.source.path().map(Path::to_path_buf) else {
        let how = match ctx.library.user_dir() {
            None => format!("supple export {arg} > {arg}.toml"),
            Some(dir) => {
                let file = dir.join(format!("{arg}.toml"));
                let export = format!("supple export {arg} > {}", file.display());
                if dir.is_dir() {
                    export
                } else {
                    format!("mkdir -p {} && {export}", dir.display())
                }
            }
        };
        return Err(CliError::failed(format!(
            "'{arg}' is bundled and cannot be edited; make it yours first: {how}"
        )));
    };
    let editor = ctx.editor.clone();
    // The version before this edit, when it had no errors: offered back if the
    // edit leaves the file broken.
    let before = entry.text.clone().filter(|_| entry.routine.is_ok());
    loop {
        let (status, signal) = run_editor(&editor, &path);
        match status {
            Ok(_) if signal.is_some() => {}
            Ok(s) if s.success() => {}
            Ok(s) => {
                return Err(CliError::failed(format!(
                    "the editor ({editor}) ended with {s}; the file is as it left it"
                )));
            }
            Err(e) => {
                return Err(CliError::failed(format!(
                    "cannot start the editor ({editor}): {}; set $VISUAL or $EDITOR",
                    crate::store::file::io_reason(&e)
                )));
            }
        }
        let checked = crate::store::library::load_path(&path, entry.source.clone());
        let label = path.display().to_string();
        match checked.routine {
            Ok(r) => {
                let totals = crate::core::timeline::Totals::of(&r);
                let time = totals.map_or_else(String::new, |t| {
                    crate::core::duration::total_text(t.timed, t.self_paced)
                });
                writeln!(
                    ctx.out(),
                    "{}: ok ({}, total {time})",
                    sanitize(&label),
                    crate::core::text::count(r.exercises.len() as u64, "exercise")
                )?;
                return Ok(ExitCode::from(
                    signal.map_or(0, |sig| u8::try_from(128 + sig).unwrap_or(1)),
                ));
            }
            Err(e) => {
                if let Some(sig) = signal {
                    // Stopped by a signal: its exit status, 128 + the signal, as a shell gives.
                    let mut err = ctx.err();
                    let _ = write!(err, "{e}");
                    let _ = writeln!(
                        err,
                        "supple: stopped (signal {sig}) while the editor was open; {} is kept as it is, with these errors",
                        sanitize(&label)
                    );
                    return Ok(ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)));
                }
                let _ = write!(ctx.err(), "{e}");
                let again = ask::yes(ctx, &format!("supple: {label} has errors. Edit it again?"));
                if !again {
                    let restore = before.as_ref().filter(|_| {
                        ask::yes(
                            ctx,
                            "supple: put back the version from before this edit (it had no errors)?",
                        )
                    });
                    if let Some(text) = restore {
                        return match crate::store::file::write_atomic(&path, text.as_bytes()) {
                            Ok(()) => Err(CliError::failed(format!(
                                "{label} had errors, so it is back as it was before this edit; `supple edit {arg}` to try again"
                            ))),
                            Err(e) => Err(CliError::failed(format!(
                                "cannot put back {}: {}; it is kept with its errors",
                                label,
                                crate::store::file::io_reason(&e)
                            ))),
                        };
                    }
                    return Err(CliError::failed(format!(
                        "{label} is kept as it is, with its errors; it will be listed with them until it is fixed (`supple edit {arg}`, then `supple check {arg}`)"
                    )));
                }
            }
        }
    }
}

/// Runs the editor on `path` and waits for it. SIGTERM and SIGHUP sent to supple
/// meanwhile are passed on to the editor (so it can save and quit as it does for
/// them), and supple waits for it and checks the file instead of leaving it running
/// unchecked; Ctrl-C is the editor's own. Returns how it ended and the signal, if
/// one came.
pub(crate) fn run_editor(
    editor: &str,
    path: &Path,
) -> (io::Result<std::process::ExitStatus>, Option<i32>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI32, Ordering};
    // Once the editor is gone these signals do what they always do (end supple);
    // while it is open they are the editor's.
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
