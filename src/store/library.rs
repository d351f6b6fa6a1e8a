//! Finding routines: the bundled ones (embedded in the binary), the user's own
//! (`$XDG_CONFIG_HOME/supple/routines/*.toml`) and any `.toml` path.
//!
//! This is the only part of `routine` that touches the disk. Files are checked before
//! they are read (a directory or a FIFO is refused instead of blocking) and read with
//! a size limit.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::routine::{Routine, parse};
use crate::core::text::sanitize;
use crate::core::toml_check::{LoadError, Problem};
use crate::store::file;

/// The largest routine file read, in bytes. Real routines are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = file::ROUTINE.max;

/// The routines that ship inside the binary: (name, TOML text).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "back-spasm-relief",
        include_str!("../../routines/back-spasm-relief.toml"),
    ),
    (
        "core-strength",
        include_str!("../../routines/core-strength.toml"),
    ),
    ("desk-break", include_str!("../../routines/desk-break.toml")),
    ("breathing", include_str!("../../routines/breathing.toml")),
    ("walk", include_str!("../../routines/walk.toml")),
];

pub use crate::core::library::{Entry, Source};

/// Why a ROUTINE argument named nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub name: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "there is no routine named '{}'", self.name)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean '{s}'?")?;
        }
        write!(
            f,
            "\n  = help: `supple list` shows every routine; a file path must end in .toml"
        )
    }
}

/// The bundled routines plus one folder of user routines.
#[derive(Debug, Clone)]
pub struct Library {
    user_dir: Option<PathBuf>,
}

impl Library {
    /// The library with the user folder from the XDG environment.
    pub fn from_env() -> Library {
        Library {
            user_dir: crate::store::paths::routines_dir(),
        }
    }

    pub fn with_user_dir(user_dir: Option<PathBuf>) -> Library {
        Library { user_dir }
    }

    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// Every routine: user ones first (sorted by name), then the bundled ones not
    /// shadowed by a user file. The second list holds problems with the folder itself.
    pub fn entries(&self) -> (Vec<Entry>, Vec<String>) {
        let (user_files, warnings) = self.user_files();
        let mut out: Vec<Entry> = user_files
            .into_iter()
            .map(|(name, path)| {
                let shadows = bundled_text(&name).is_some();
                let mut entry = load_path(&path, Source::User(path.clone()));
                entry.name = sanitize(&name).into_owned();
                entry.shadows_bundled = shadows;
                entry
            })
            .collect();
        for (name, _) in BUNDLED {
            if !out.iter().any(|e| e.name == *name) {
                out.push(bundled(name).unwrap_or_else(|| missing_bundled(name)));
            }
        }
        (out, warnings)
    }

    /// Whether [`Library::resolve`] finds `arg`, without reading or checking the
    /// routine (a plan's check that its routines exist, at every start with an
    /// episode, read and parsed each of them before).
    pub fn contains(&self, arg: &str) -> bool {
        looks_like_path(arg)
            || self
                .user_dir
                .as_ref()
                .is_some_and(|dir| dir.join(format!("{arg}.toml")).exists())
            || bundled_text(arg).is_some()
    }

    /// The names [`Library::entries`] lists, without reading the routines.
    pub fn names(&self) -> Vec<String> {
        let (user_files, _) = self.user_files();
        let mut out: Vec<String> = user_files
            .into_iter()
            .map(|(name, _)| sanitize(&name).into_owned())
            .collect();
        for (name, _) in BUNDLED {
            if !out.iter().any(|n| n == name) {
                out.push((*name).to_owned());
            }
        }
        out
    }

    /// Finds a routine by bundled name, user routine name or `.toml` path.
    pub fn resolve(&self, arg: &str) -> Result<Entry, NotFound> {
        if looks_like_path(arg) {
            let path = PathBuf::from(arg);
            return Ok(load_path(&path, Source::File(path.clone())));
        }
        if let Some(dir) = &self.user_dir {
            let path = dir.join(format!("{arg}.toml"));
            if path.exists() {
                let mut entry = load_path(&path, Source::User(path.clone()));
                entry.shadows_bundled = bundled_text(arg).is_some();
                return Ok(entry);
            }
        }
        if let Some(entry) = bundled(arg) {
            return Ok(entry);
        }
        let (user_files, _) = self.user_files();
        let names: Vec<String> = user_files
            .into_iter()
            .map(|(n, _)| n)
            .chain(BUNDLED.iter().map(|(n, _)| (*n).to_owned()))
            .collect();
        let lower = arg.to_lowercase().replace(' ', "-");
        let suggestion = names
            .iter()
            .find(|n| n.to_lowercase() == lower)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.contains(&lower) || lower.contains(n.as_str()))
            })
            .cloned();
        Err(NotFound {
            name: arg.to_owned(),
            suggestion,
        })
    }

    /// The `.toml` files in the user folder, as (stem, path), sorted.
    /// What the user folder holds now, cheaply (one directory read and a look at
    /// each `.toml` file's size and time): when it differs from an earlier stamp,
    /// a routine was added, removed or edited.
    pub fn stamp(&self) -> Stamp {
        let (files, _) = self.user_files();
        Stamp(
            files
                .into_iter()
                .map(|(_, path)| {
                    let meta = fs::metadata(&path).ok();
                    let modified = meta.as_ref().and_then(|m| m.modified().ok());
                    let len = meta.map_or(0, |m| m.len());
                    (path, modified, len)
                })
                .collect(),
        )
    }

    fn user_files(&self) -> (Vec<(String, PathBuf)>, Vec<String>) {
        match &self.user_dir {
            Some(dir) => toml_files(dir, "routines"),
            None => (Vec::new(), Vec::new()),
        }
    }
}

/// The user folder's routine files as a [`Library::stamp`] saw them: each path
/// with its modification time and size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp(Vec<(PathBuf, Option<std::time::SystemTime>, u64)>);

/// The `.toml` files in `dir` (the `what` folder, for messages), as (stem, path),
/// sorted; a missing folder is an empty one.
pub(crate) fn toml_files(dir: &Path, what: &str) -> (Vec<(String, PathBuf)>, Vec<String>) {
    let read = match fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(e) => {
            let why = io_reason(&e);
            return (
                Vec::new(),
                vec![format!(
                    "cannot read the {what} folder {}: {why}",
                    dir.display()
                )],
            );
        }
    };
    let mut files: Vec<(String, PathBuf)> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| {
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            Some((stem, p))
        })
        .collect();
    files.sort();
    (files, Vec::new())
}

pub(crate) fn looks_like_path(arg: &str) -> bool {
    arg.ends_with(".toml") || arg.contains(std::path::MAIN_SEPARATOR) || arg.contains('/')
}

fn bundled_text(name: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A bundled routine by name.
pub fn bundled(name: &str) -> Option<Entry> {
    let text = bundled_text(name)?;
    Some(Entry {
        name: name.to_owned(),
        source: Source::Bundled,
        shadows_bundled: false,
        text: Some(text.to_owned()),
        routine: load_str(&format!("{name}.toml (bundled)"), text),
    })
}

fn missing_bundled(name: &str) -> Entry {
    Entry {
        name: name.to_owned(),
        source: Source::Bundled,
        shadows_bundled: false,
        text: None,
        routine: Err(LoadError::unreadable(name, "missing from this build")),
    }
}

/// Validates routine text; `origin` names it in errors.
pub fn load_str(origin: &str, text: &str) -> Result<Routine, LoadError> {
    parse(text).map_err(|diagnostics| LoadError {
        origin: origin.to_owned(),
        problem: Problem::Invalid {
            source: text.to_owned(),
            diagnostics,
        },
    })
}

/// Reads and validates a routine file.
pub fn load_path(path: &Path, source: Source) -> Entry {
    let origin = path.display().to_string();
    // File names are shown on screen: anything in them that could act on the
    // terminal or disguise the name is made visible here, once.
    let name = path.file_stem().map_or_else(
        || sanitize(&origin).into_owned(),
        |s| sanitize(&s.to_string_lossy()).into_owned(),
    );
    let (text, routine) = match read_text(path) {
        Ok(text) => {
            let routine = load_str(&origin, &text);
            (Some(text), routine)
        }
        Err(why) => (None, Err(LoadError::unreadable(origin, why))),
    };
    Entry {
        name,
        source,
        shadows_bundled: false,
        text,
        routine,
    }
}

/// Reads a routine file through the one checked path ([`crate::store::file`]).
pub fn read_text(path: &Path) -> Result<String, String> {
    file::read_text(path, file::ROUTINE).map_err(|e| e.to_string())
}

pub use crate::store::file::{decode, io_reason};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_routine_loads() {
        for (name, _) in BUNDLED {
            let entry = bundled(name).unwrap();
            if let Err(e) = &entry.routine {
                panic!("{e}");
            }
        }
    }

    /// `contains` and `names` say what `resolve` and `entries` say, without
    /// reading a routine: a user file (even one that does not parse) shadowing a
    /// bundled name, a user routine of its own, paths, and unknown names.
    #[test]
    fn contains_and_names_agree_with_resolve_and_entries() {
        let dir = crate::scratch::Scratch::new("library");
        fs::write(dir.join("walk.toml"), "not = [toml").unwrap();
        fs::write(dir.join("my-stretch.toml"), BUNDLED[0].1).unwrap();
        fs::write(dir.join("notes.txt"), "").unwrap();
        for library in [
            Library::with_user_dir(Some(dir.to_path_buf())),
            Library::with_user_dir(None),
        ] {
            for arg in [
                "walk",
                "my-stretch",
                "back-spasm-relief",
                "notes",
                "nothing-here",
                "Walk",
                "./missing.toml",
                "a/b",
            ] {
                assert_eq!(library.contains(arg), library.resolve(arg).is_ok(), "{arg}");
            }
            let names: Vec<String> = library.entries().0.into_iter().map(|e| e.name).collect();
            assert_eq!(library.names(), names);
        }
    }
}
