//! Unit tests' own folders: made fresh in the temporary folder and removed when
//! the test lets go of them, passed or failed, so a test run leaves nothing
//! behind (the integration tests' homes are under `target/tmp` instead).

use std::fs;
use std::path::{Path, PathBuf};

/// A folder `supple-NAME-PID` in the temporary folder, empty when made and
/// removed with the value.
pub(crate) struct Scratch(PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("supple-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}
