//! `supple edit`: a routine in the editor, checked on save.

use std::path::Path;
use std::process::ExitCode;


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
        let (status, signal) = crate::shell::editor::run(&editor, &path);
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
                let totals = crate::core::routine::Totals::of(&r);
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
