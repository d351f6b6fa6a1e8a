//! What the routine library holds, as values: where a routine comes from and one
//! routine found, loaded or not. The store finds them (`store::library`); the app
//! and its views show them without reading a file.

use std::path::{Path, PathBuf};

use crate::routine::Routine;
use crate::toml_check::LoadError;

/// Where a routine comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Bundled,
    /// A file in the user routines folder.
    User(PathBuf),
    /// A file named by its path.
    File(PathBuf),
}

impl Source {
    pub fn label(&self) -> &'static str {
        match self {
            Source::Bundled => "bundled",
            Source::User(_) => "user",
            Source::File(_) => "file",
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Bundled => None,
            Source::User(p) | Source::File(p) => Some(p),
        }
    }
}

/// One routine found in the library, loaded or not.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What to type to use it: the file stem, or the bundled name.
    pub name: String,
    pub source: Source,
    /// A user routine with the same name as a bundled one hides the bundled one.
    pub shadows_bundled: bool,
    /// The file's text, when it could be read.
    pub text: Option<String>,
    pub routine: Result<Routine, LoadError>,
}
