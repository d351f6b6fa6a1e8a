//! Shell completion: the scripts `supple completions SHELL` prints call supple back
//! (`COMPLETE=bash supple -- supple play c`), and supple answers with what fits there:
//! routine names (with their descriptions) for `play`, `plan`, `check`, `export` and
//! `edit`, a `.toml` file once the word looks like a path, and clap's own flags and
//! commands everywhere else.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::Path;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, PathCompleter};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::store::library::{Library, Source};

/// The shells supple writes a completion script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Elvish,
    Fish,
    Powershell,
    Zsh,
}

/// The environment variable the scripts set when they ask for completions.
pub const VAR: &str = "COMPLETE";

/// Answers a completion request and exits, if this run is one (`COMPLETE` is set);
/// otherwise returns at once.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(super::definition)
        .var(VAR)
        .complete();
}

/// Writes the script that registers supple's completions with `shell`. It names
/// `supple` on the PATH, so it stays right when supple is reinstalled elsewhere.
pub fn registration(out: &mut dyn Write, shell: Shell) -> io::Result<()> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Elvish => &Elvish,
        Shell::Fish => &Fish,
        Shell::Powershell => &Powershell,
        Shell::Zsh => &Zsh,
    };
    completer.write_registration(VAR, "supple", "supple", "supple", out)
}

/// Any routine: bundled, the user's own, or a `.toml` path.
pub fn any_routine() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| routines(current, false))
}

/// One of the user's own routines (what `supple edit` opens), or a `.toml` path.
pub fn own_routine() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| routines(current, true))
}

/// A reminder's name, from the reminders file.
pub fn reminder() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let typed = current.to_string_lossy();
        crate::store::paths::config_dir()
            .and_then(|dir| crate::store::reminders::load(&dir).ok())
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.name.starts_with(typed.as_ref()))
            .map(|r| CompletionCandidate::new(&r.name).help(Some(r.schedule.summary().into())))
            .collect()
    })
}

fn routines(current: &OsStr, own_only: bool) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if looks_like_path(&typed) {
        return toml_paths(current);
    }
    let (entries, _) = Library::from_env().entries();
    entries
        .iter()
        .filter(|e| !own_only || matches!(e.source, Source::User(_)))
        .filter(|e| e.name.starts_with(typed.as_ref()))
        .map(|e| {
            let about = match &e.routine {
                Ok(r) => r.description.clone().unwrap_or_else(|| r.name.clone()),
                Err(err) => format!("has errors: {}", err.headline()),
            };
            CompletionCandidate::new(&e.name).help(Some(about.into()))
        })
        .collect()
}

/// A word is a path once it has a slash or starts like one (`.`, `~`).
fn looks_like_path(typed: &str) -> bool {
    typed.contains('/') || typed.starts_with('.') || typed.starts_with('~')
}

fn toml_paths(current: &OsStr) -> Vec<CompletionCandidate> {
    let wanted = |path: &Path| path.is_dir() || path.extension().is_some_and(|x| x == "toml");
    clap_complete::engine::ValueCompleter::complete(&PathCompleter::any().filter(wanted), current)
}
