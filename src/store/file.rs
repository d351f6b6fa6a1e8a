//! The one way supple reads and writes its files. Every file is untrusted: a
//! routine, the config, the history log, the pack state and the progress resets
//! may be a folder, a FIFO, a device, a link to one, huge, or not text. Each is
//! opened without blocking (`O_NONBLOCK`: a FIFO with no writer opens at once and
//! is then refused, it is never waited on), checked on the open descriptor (so a
//! file swapped after a check is still caught), and read up to a limit.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What kind of file it is, for messages ("the config file ... is a folder").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// "routine file", "config file", "history log", "pack state file".
    pub noun: &'static str,
    /// The most bytes read.
    pub max: u64,
}

pub const ROUTINE: Kind = Kind {
    noun: "routine file",
    max: 1024 * 1024,
};
pub const CONFIG: Kind = Kind {
    noun: "config file",
    max: 256 * 1024,
};
pub const STATE: Kind = Kind {
    noun: "pack state file",
    max: 64 * 1024,
};
pub const RESETS: Kind = Kind {
    noun: "progress-reset file",
    max: 1024 * 1024,
};
pub const REMINDERS: Kind = Kind {
    noun: "reminders file",
    max: 256 * 1024,
};
/// The history log grows by a few hundred bytes a session: a gigabyte is
/// millions of sessions, so a larger file is not supple's log.
pub const LOG: Kind = Kind {
    noun: "history log",
    max: 1024 * 1024 * 1024,
};

/// Why a file could not be read, in words that say what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// There is no file there (not an error for optional files).
    Missing,
    /// There is something, but not a file supple can read.
    Refused(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Missing => write!(f, "no such file or folder; check the path"),
            FileError::Refused(why) => write!(f, "{why}"),
        }
    }
}

fn flags() -> i32 {
    let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
    i32::try_from(flags.bits()).unwrap_or(0)
}

/// Opens `path` for reading without blocking and checks it is a regular file no
/// larger than `kind.max`. Returns the file and its length.
pub fn open(path: &Path, kind: Kind) -> Result<(File, u64), FileError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags())
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => FileError::Missing,
            _ => FileError::Refused(io_reason(&e)),
        })?;
    let meta = file
        .metadata()
        .map_err(|e| FileError::Refused(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(FileError::Refused(format!(
            "is a folder, not a {}",
            kind.noun
        )));
    }
    if !meta.is_file() {
        return Err(FileError::Refused(format!(
            "is not a regular file (a pipe or a device?), so it cannot be the {}",
            kind.noun
        )));
    }
    if meta.len() > kind.max {
        return Err(FileError::Refused(format!(
            "is {} bytes, more than the {} a {} may have; is it the right file?",
            meta.len(),
            kind.max,
            kind.noun
        )));
    }
    Ok((file, meta.len()))
}

/// Reads the whole of `path`, checked as [`open`] does.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, FileError> {
    let (file, len) = open(path, kind)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(1 << 20));
    file.take(kind.max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::Refused(io_reason(&e)))?;
    if bytes.len() as u64 > kind.max {
        return Err(FileError::Refused(format!(
            "grew past the {} bytes a {} may have while it was read",
            kind.max, kind.noun
        )));
    }
    Ok(bytes)
}

/// Reads `path` as UTF-8 text, or says where it stops being UTF-8.
pub fn read_text(path: &Path, kind: Kind) -> Result<String, FileError> {
    let bytes = read(path, kind)?;
    decode(bytes).map_err(FileError::Refused)
}

/// Turns a file's bytes into text, or says where it stops being UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!(
            "is not UTF-8 text (invalid byte at line {line}, byte offset {at}); save it as UTF-8"
        )
    })
}

/// Opens `path` to append to it (creating it), refusing anything but a regular
/// file: a FIFO there is never waited on and never written to.
pub fn open_append(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .custom_flags(flags())
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is not a regular file (a pipe, a device or a folder?); move it away",
        ));
    }
    Ok(file)
}

/// A temporary name beside `path`, unique to this process and call, so that two
/// supple processes writing the same file never share a temporary file.
pub fn temp_path(path: &Path) -> PathBuf {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Writes `bytes` to `path` through a temporary file and a rename, so the file is
/// never half-written, even with another supple writing it at the same moment.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = temp_path(path);
    let written = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// An exclusive lock on `path` (created if needed), held until the returned file
/// is dropped. `wait` false: `None` at once if another process holds it.
pub fn lock(path: &Path, wait: bool) -> io::Result<Option<File>> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .custom_flags(flags())
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the lock file is not a regular file; move it away",
        ));
    }
    let how = if wait {
        rustix::fs::FlockOperation::LockExclusive
    } else {
        rustix::fs::FlockOperation::NonBlockingLockExclusive
    };
    match rustix::fs::flock(&file, how) {
        Ok(()) => Ok(Some(file)),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// An I/O error in words: what happened and what to check.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder; check the path".into(),
        io::ErrorKind::PermissionDenied => "permission denied; check the file's permissions".into(),
        _ => {
            if e.raw_os_error() == Some(40) {
                "too many levels of symbolic links (a symlink loop?)".into()
            } else if e.raw_os_error() == Some(6) {
                // ENXIO: a FIFO or socket with nobody at the other end.
                "is not a regular file (a pipe or a socket?)".into()
            } else {
                e.to_string()
            }
        }
    }
}
