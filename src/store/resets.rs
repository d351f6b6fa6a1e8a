//! The progress resets on disk: `progress-resets.json` in the data folder, a map
//! from routine to the time of its last `supple plan --reset-progress`.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::store::file::{self, FileError};

/// The file that remembers resets: `resets.json` in the data folder, a map from
/// routine to the time of its last reset.
fn resets_path(dir: &Path) -> PathBuf {
    dir.join("progress-resets.json")
}

/// The resets on file: a missing file is none; a file that is not a regular
/// file, too big or not a map of times is an error that says so.
fn read_resets(dir: &Path) -> io::Result<BTreeMap<String, String>> {
    let path = resets_path(dir);
    let bytes = match file::read(&path, file::RESETS) {
        Ok(b) => b,
        Err(FileError::Missing) => return Ok(BTreeMap::new()),
        Err(e) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the progress-reset file {} {e}", path.display()),
            ));
        }
    };
    serde_json::from_slice(&bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "the progress-reset file {} is damaged ({e}); move it away to start over",
                path.display()
            ),
        )
    })
}

/// When progress of routine `id` was last reset, if ever.
pub fn last_reset(dir: &Path, id: &str) -> Option<Timestamp> {
    read_resets(dir).ok()?.get(id)?.parse().ok()
}

/// Records a reset of routine `id` at `at`. Two supple processes doing this at once
/// take turns (a lock beside the file), and each writes through a temporary file of
/// its own and a rename, so no reset is lost and the file is never half-written.
/// A damaged file is not overwritten: the error says so.
pub fn reset(dir: &Path, id: &str, at: Timestamp) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let _lock = file::lock(&dir.join(".progress-resets.lock"), true)?;
    let mut map = read_resets(dir)?;
    map.insert(id.to_owned(), at.to_string());
    let text = serde_json::to_string_pretty(&map).map_err(io::Error::other)?;
    file::write_atomic(&resets_path(dir), text.as_bytes())
}
