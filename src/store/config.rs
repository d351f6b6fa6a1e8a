//! Reading the config file: where it is, and every valid setting in it with what
//! was wrong. The format: [`crate::core::config`].

use std::path::{Path, PathBuf};

use crate::core::config::{Config, parse};
use crate::core::toml_check::{LoadError, Problem};
use crate::store::file::{self, FileError};

/// Where the config file is looked for.
pub fn path() -> Option<PathBuf> {
    crate::store::paths::config_dir().map(|d| file_in(&d))
}

/// The config file in supple's config folder `dir`.
pub fn file_in(dir: &Path) -> PathBuf {
    dir.join("config.toml")
}

/// Whether something is at `path` (a file, a symlink, even a broken one).
pub fn there(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The config file as read: every valid setting, and what was wrong, if anything.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub problem: Option<LoadError>,
}

/// Reads the config file; a missing file is an empty config.
pub fn load() -> Loaded {
    match path() {
        Some(p) => load_from(&p),
        None => Loaded::default(),
    }
}

pub fn load_from(path: &Path) -> Loaded {
    let origin = path.display().to_string();
    let text = match file::read_text(path, file::CONFIG) {
        Ok(text) => text,
        Err(FileError::Missing) => return Loaded::default(),
        Err(why) => {
            return Loaded {
                config: Config::default(),
                problem: Some(LoadError::unreadable(&origin, why.to_string())),
            };
        }
    };
    let (config, diagnostics) = parse(&text);
    let problem = if diagnostics.is_empty() {
        None
    } else {
        Some(LoadError {
            origin,
            problem: Problem::Invalid {
                source: text,
                diagnostics,
            },
        })
    };
    Loaded { config, problem }
}
