//! The state files of ice/heat sessions, one per session, so that a session cut
//! off by a closed terminal can be resumed, and two sessions never share a file.
//!
//! The model: each running session owns a slot, `packs/<id>.json` in the state
//! folder (`$XDG_STATE_HOME/supple`), and holds an exclusive lock on
//! `packs/<id>.lock` for as long as its process lives. The lock is what tells a
//! live session from a cut-off one: the kernel drops it when the process ends,
//! however it ends. A later supple that finds a state file whose lock it can take
//! has found a session cut off; it keeps the lock while it asks (so a third supple
//! started meanwhile sees it as taken, never offers it too, and never logs it a
//! second time), and either carries the session on under the same slot or logs it
//! and removes the file. A state file it cannot read or that fails the checks is
//! set aside (renamed with `.bad-<time>`, never deleted) and said so.
//!
//! The single `pack.json` of earlier versions is read as a cut-off session too.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::file;
use crate::core::resume::Saved;

/// The folder of the slots.
pub fn folder(state_dir: &Path) -> PathBuf {
    state_dir.join("packs")
}

/// A session's place on disk, with its lock held.
#[derive(Debug)]
pub struct Slot {
    json: PathBuf,
    lock_path: PathBuf,
    _lock: File,
}

impl Slot {
    /// A new slot for a session starting now, locked.
    pub fn new(state_dir: &Path) -> io::Result<Slot> {
        let dir = folder(state_dir);
        fs::create_dir_all(&dir)?;
        let stamp = jiff::Timestamp::now().as_nanosecond();
        let id = format!("{stamp}-{}", std::process::id());
        let lock_path = dir.join(format!("{id}.lock"));
        match file::lock(&lock_path, false)? {
            Some(lock) => Ok(Slot {
                json: dir.join(format!("{id}.json")),
                lock_path,
                _lock: lock,
            }),
            None => Err(io::Error::other("a new state slot was already locked")),
        }
    }

    /// Saves the session's state (atomically: never half-written).
    pub fn save(&self, saved: &Saved) -> io::Result<()> {
        let bytes = serde_json::to_vec(saved).map_err(io::Error::other)?;
        file::write_atomic(&self.json, &bytes)
    }

    /// The session is over: its state file goes, then its lock.
    pub fn clear(self) {
        let _ = fs::remove_file(&self.json);
        let _ = fs::remove_file(&self.lock_path);
    }

    pub fn path(&self) -> &Path {
        &self.json
    }
}

/// A state file found at start.
#[derive(Debug)]
pub enum Found {
    /// A session whose process is gone: ours now (its lock is held), to resume or
    /// to log as stopped.
    CutOff { slot: Slot, saved: Saved },
    /// A session that is running in another supple right now (or being offered
    /// there).
    Running(Saved),
    /// A state file that could not be used, set aside under a new name.
    SetAside {
        path: PathBuf,
        moved_to: Option<PathBuf>,
        why: String,
    },
}

/// The state files (`*.json`) in the packs folder of `state_dir`, sorted by name
/// (oldest first: their names begin with the time they were made).
fn state_files(state_dir: &Path) -> Vec<PathBuf> {
    let mut jsons: Vec<PathBuf> = fs::read_dir(folder(state_dir))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    jsons.sort();
    jsons
}

/// Every state file in `state_dir`, oldest first.
pub fn scan(state_dir: &Path) -> Vec<Found> {
    let mut jsons = state_files(state_dir);
    let legacy = state_dir.join("pack.json");
    if fs::symlink_metadata(&legacy).is_ok() {
        jsons.insert(0, legacy);
    }
    jsons
        .into_iter()
        .filter_map(|json| look_at(&json))
        .collect()
}

/// The sessions running in a supple right now, only read: no lock is kept, no
/// file is renamed or removed (`supple status`, `remind fire`). A cut-off or
/// damaged state file is simply not running.
pub fn running(state_dir: &Path) -> Vec<Saved> {
    state_files(state_dir)
        .into_iter()
        .filter(|json| held(&lock_path_of(json)))
        .filter_map(|json| read(&json).ok().filter(|s| s.check().is_ok()))
        .collect()
}

/// Whether another process holds the lock at `lock_path`. Asked with a shared
/// lock taken and let go at once (a blink, never kept while anything else
/// happens); a missing lock file is not created.
fn held(lock_path: &Path) -> bool {
    let Ok(file) = fs::OpenOptions::new()
        .read(true)
        .custom_flags(i32::try_from(rustix::fs::OFlags::NONBLOCK.bits()).unwrap_or(0))
        .open(lock_path)
    else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockShared) {
        Ok(()) => {
            let _ = rustix::fs::flock(&file, rustix::fs::FlockOperation::Unlock);
            false
        }
        Err(_) => true,
    }
}

fn lock_path_of(json: &Path) -> PathBuf {
    json.with_extension("lock")
}

fn look_at(json: &Path) -> Option<Found> {
    let lock_path = lock_path_of(json);
    // A `supple status` looking (a shared lock for a blink) is not a session
    // running: asked again a moment later before it is called one.
    let taken = match file::lock(&lock_path, false) {
        Ok(None) => {
            std::thread::sleep(std::time::Duration::from_millis(30));
            file::lock(&lock_path, false)
        }
        other => other,
    };
    let lock = match taken {
        Ok(Some(lock)) => lock,
        Ok(None) => {
            // Live elsewhere: read it only to say what is running.
            return read(json).ok().map(Found::Running);
        }
        Err(e) => {
            return Some(set_aside(
                json,
                format!("its lock cannot be taken: {}", file::io_reason(&e)),
            ));
        }
    };
    // The lock was taken: make sure it is still the lock of this file (another
    // supple may have finished with it and removed both just now).
    let same = match (fs::metadata(&lock_path), lock.metadata()) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    };
    if !same {
        return None;
    }
    if fs::symlink_metadata(json).is_err() {
        // Its session is over (cleared just now): the lock, ours, goes too, so
        // none is left behind without its state file.
        let _ = fs::remove_file(&lock_path);
        return None;
    }
    match read(json).and_then(|saved| saved.check().map(|()| saved)) {
        Ok(saved) => Some(Found::CutOff {
            slot: Slot {
                json: json.to_path_buf(),
                lock_path,
                _lock: lock,
            },
            saved,
        }),
        Err(why) => {
            let found = set_aside(json, why);
            let _ = fs::remove_file(&lock_path);
            Some(found)
        }
    }
}

/// Reads a state file through the checked path, bounded.
fn read(json: &Path) -> Result<Saved, String> {
    let bytes = file::read(json, file::STATE).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| format!("it is not a state file ({e})"))
}

/// Renames a state file that cannot be used, so that it is never read again
/// and never lost.
fn set_aside(json: &Path, why: String) -> Found {
    let stamp = jiff::Timestamp::now().as_second();
    let name = json
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = json.with_file_name(format!("{name}.bad-{stamp}"));
    let moved_to = fs::rename(json, &target).ok().map(|()| target);
    Found::SetAside {
        path: json.to_path_buf(),
        moved_to,
        why,
    }
}
