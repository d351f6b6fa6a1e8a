//! The one way supple reads and writes its files. Every file is untrusted: a
//! routine, the config, the history log, the pack state and the progress resets
//! may be a folder, a FIFO, a device, a link to one, huge, or not text. Each is
//! opened without blocking (`O_NONBLOCK`: a FIFO with no writer opens at once and
//! is then refused, it is never waited on), checked on the open descriptor (so a
//! file swapped after a check is still caught), and read up to a limit.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
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
pub const PLAN: Kind = Kind {
    noun: "plan file",
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
/// What a reminder remembers between firings: a few times.
pub const REMINDER_STATE: Kind = Kind {
    noun: "reminder state file",
    max: 16 * 1024,
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

/// An unpredictable temporary name beside `path` (from the standard library's
/// randomly seeded hasher), so nobody can plant a file or a link there first.
fn temp_path(path: &Path) -> PathBuf {
    use std::hash::{BuildHasher, Hasher};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNT.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{:016x}.tmp", h.finish()))
}

/// Where a write to supple's own file `path` goes: the file itself, or the file
/// a symlink there points to (a reminders file kept in dotfiles stays a link).
/// Anything else there (a folder, a FIFO, a device, a dangling link) is refused.
fn own_target(path: &Path) -> io::Result<PathBuf> {
    let refuse = |why: &str| io::Error::new(io::ErrorKind::InvalidInput, why.to_owned());
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(e),
    };
    let (target, meta) = if meta.file_type().is_symlink() {
        let target = fs::canonicalize(path).map_err(|_| {
            refuse("is a symbolic link to nothing (or a loop); point it at a file, or remove it")
        })?;
        let meta = fs::metadata(&target)?;
        (target, meta)
    } else {
        (path.to_path_buf(), meta)
    };
    if meta.is_dir() {
        return Err(refuse("is a folder; move it away"));
    }
    if !meta.is_file() {
        return Err(refuse(
            "is not a regular file (a pipe or a device?); move it away",
        ));
    }
    Ok(target)
}

/// Makes the folder `dir` and those above it, as `mkdir -p` would.
pub fn create_folder(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)
}

/// Creates the file at `path`, which must not exist (a symlink there, even a
/// broken one, is refused: `O_EXCL`), and writes `bytes` into it.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Writes supple's own file `path` (state, reminders, units, resets, sounds)
/// atomically: `bytes` go into a temporary file created exclusively (`O_EXCL`,
/// `O_NOFOLLOW`, an unpredictable name) in the same folder, which is then
/// renamed over it, so the file is never half-written, even with another supple
/// writing it at the same moment. A symlink there is written through (the file
/// it points to is replaced, the link stays); the file keeps its permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let target = own_target(path)?;
    let mode = fs::metadata(&target).ok().map(|m| {
        use std::os::unix::fs::PermissionsExt;
        m.permissions().mode() & 0o7777
    });
    let nofollow = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::CLOEXEC;
    let mut attempts = 0;
    let (tmp, mut file) = loop {
        let tmp = temp_path(&target);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o666)
            .custom_flags(i32::try_from(nofollow.bits()).unwrap_or(0))
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 8 => attempts += 1,
            Err(e) => return Err(e),
        }
    };
    let written = (|| {
        use std::io::Write;
        if let Some(mode) = mode {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(fs::Permissions::from_mode(mode))?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Writes a file the person named (`report --out PATH`) into that path, as a
/// shell's `>` would: a regular file is truncated and written in place (its
/// permissions, owner and hard links kept); a device, a FIFO with a reader, or
/// `/dev/stdout` is written to; a symlink is followed. Nothing is ever renamed
/// over what is there. A new file is created with the usual permissions.
/// Returns what was written to.
pub fn write_to(path: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    use std::io::Write;
    let (mut file, meta) = open_to(path)?;
    file.write_all(bytes)?;
    file.flush()?;
    Ok(meta)
}

/// [`write_to`]'s file, opened (and a regular file emptied) to be written a
/// part at a time (`report --format csv` writes its rows as it reads the log).
pub fn open_to(path: &Path) -> io::Result<(fs::File, fs::Metadata)> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(flags())
        .open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a folder; give a file name",
        ));
    }
    // Opened without blocking (a FIFO with nobody reading is refused at once);
    // written blocking, so a slow reader gets every byte.
    let fl = rustix::fs::fcntl_getfl(&file)?;
    rustix::fs::fcntl_setfl(&file, fl - rustix::fs::OFlags::NONBLOCK)?;
    if meta.is_file() {
        file.set_len(0)?;
    }
    Ok((file, meta))
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
                // The OS's words without "(os error N)".
                let text = e.to_string();
                match text.rfind(" (os error ") {
                    Some(at) if e.raw_os_error().is_some() => text[..at].to_owned(),
                    _ => text,
                }
            }
        }
    }
}
