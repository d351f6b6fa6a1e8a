//! Shell completion's values: the script `supple completions SHELL` prints, and
//! what fits where a routine, plan or reminder is typed (routine names with their
//! descriptions for `play`, `plan`, `check`, `export` and `edit`, a `.toml` file
//! once the word looks like a path). The command line answers a shell's request
//! (`crate::cli::complete`); clap's own flags and commands come from clap.

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::path::Path;
use std::sync::OnceLock;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, PathCompleter};
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::store::library::{Library, Source};

/// The environment variable the scripts set when they ask for completions.
pub const VAR: &str = "COMPLETE";

/// The shell asking for completions (`COMPLETE`), kept before clap clears it: a
/// completion run is a process of its own, asked once.
static ASKING: OnceLock<Option<OsString>> = OnceLock::new();

/// Keeps which shell is asking, before clap clears the variable.
pub fn asking(shell: Option<OsString>) {
    let _ = ASKING.set(shell);
}

/// The shells supple writes a completion script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Elvish,
    Fish,
    Powershell,
    Zsh,
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
    ArgValueCompleter::new(|current: &OsStr| for_shell(routines(current, false)))
}

/// One of the user's own routines (what `supple edit` opens), or a `.toml` path.
pub fn own_routine() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| for_shell(routines(current, true)))
}

/// A plan: bundled, the user's own, or a `.toml` path.
pub fn plan() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| for_shell(plans(current)))
}

/// A routine or a plan (`supple export`).
pub fn routine_or_plan() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let mut all = routines(current, false);
        if !looks_like_path(&current.to_string_lossy()) {
            let have: Vec<String> = all
                .iter()
                .map(|c| c.get_value().to_string_lossy().into_owned())
                .collect();
            all.extend(
                plans(current)
                    .into_iter()
                    .filter(|c| !have.contains(&c.get_value().to_string_lossy().into_owned())),
            );
        }
        for_shell(all)
    })
}

/// What a reminder starts: a routine, or one of the words for the timers and
/// today's plan.
pub fn starts() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let typed = current.to_string_lossy();
        let mut all: Vec<CompletionCandidate> = [
            ("today", "the plan's next open item"),
            ("ice", "the ice timer"),
            ("heat", "the heat timer"),
            ("contrast", "heat and ice in turn"),
        ]
        .into_iter()
        .filter(|(w, _)| w.starts_with(typed.as_ref()))
        .map(|(w, about)| CompletionCandidate::new(w).help(Some(about.into())))
        .collect();
        all.extend(routines(current, false));
        for_shell(all)
    })
}

fn plans(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    if looks_like_path(&typed) {
        return toml_paths(current);
    }
    let library = Library::from_env();
    let (entries, _) = crate::store::plans::Plans::from_env().entries(&library);
    entries
        .iter()
        .filter(|e| e.name.starts_with(typed.as_ref()))
        .map(|e| {
            let about = match &e.plan {
                Ok(p) => format!("plan: {}", p.name),
                Err(err) => format!("plan with errors: {}", err.headline()),
            };
            CompletionCandidate::new(&e.name).help(Some(about.into()))
        })
        .collect()
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

/// The candidates as the asking shell should insert them. Bash puts a candidate
/// on the command line as it is, so a routine file named `x;id.toml` would run
/// `id`: for bash every character the shell acts on is escaped. A name with a
/// control or disguising character, or not UTF-8, is offered to no shell.
fn for_shell(candidates: Vec<CompletionCandidate>) -> Vec<CompletionCandidate> {
    let bash = ASKING
        .get()
        .and_then(Option::as_ref)
        .is_some_and(|v| v == "bash");
    candidates
        .into_iter()
        .filter_map(|c| {
            let value = c.get_value().to_str()?;
            if crate::core::text::find_forbidden(value).is_some() {
                return None;
            }
            if !bash {
                return Some(c);
            }
            let escaped = crate::core::text::shell_escape(value);
            Some(CompletionCandidate::new(escaped).help(c.get_help().cloned()))
        })
        .collect()
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
