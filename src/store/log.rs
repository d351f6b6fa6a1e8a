//! The history log on disk: `history.jsonl` in the data folder.
//!
//! Writing never damages what is there: a record is serialised first, then written
//! with a single `write` of the whole line to a file opened for appending (so two
//! supple processes never interleave lines), then synced. Reading is forgiving: a
//! damaged or truncated line is skipped with a warning naming its line number, and
//! the file is never rewritten, truncated or "repaired".

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::core::episode::EpisodeRecord;
use crate::core::history::{Log, MAX_LINE, Recent, Record, Skips, long_line, parse_line};

mod stream;
pub use stream::{Item, Place};

/// The folder of the log: `--data-dir`, else `$SUPPLE_DATA_DIR`, else
/// `$XDG_DATA_HOME/supple` (`~/.local/share/supple`).
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("SUPPLE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    crate::store::paths::data_dir()
}

/// The log file in `dir`.
pub fn log_path(dir: &Path) -> PathBuf {
    dir.join("history.jsonl")
}

/// Why a record could not be written; the record itself, as a line, so that the
/// caller can print it rather than lose it.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: io::Error,
    pub line: String,
}

impl WriteError {
    /// What to print on stderr: the problem, then the record itself.
    pub fn report(&self) -> Vec<String> {
        vec![
            format!(
                "supple: error: could not save this session to {}: {}. Here is its record, so that it is not lost:",
                crate::core::text::sanitize(&self.path.display().to_string()),
                write_reason(&self.error)
            ),
            crate::core::text::json_for_terminal(self.line.trim_end()).into_owned(),
        ]
    }
}

/// Why a write failed, in words that say what to do.
fn write_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => "the disk is full; free some space".into(),
        io::ErrorKind::PermissionDenied => {
            "permission denied; is the folder read-only? (--data-dir picks another)".into()
        }
        io::ErrorKind::ReadOnlyFilesystem => {
            "the file system is read-only (--data-dir picks another folder)".into()
        }
        _ => crate::store::file::io_reason(e),
    }
}

/// Appends `record` to the log in `dir`, creating the folder if needed.
pub fn append(dir: &Path, record: &Record) -> Result<PathBuf, WriteError> {
    append_json(dir, serde_json::to_string(record).unwrap_or_default())
}

/// Appends an episode record, the same way.
pub fn append_episode(dir: &Path, record: &EpisodeRecord) -> Result<PathBuf, WriteError> {
    append_json(dir, serde_json::to_string(record).unwrap_or_default())
}

/// Appends a note or a daily pain score, the same way.
pub fn append_mark(
    dir: &Path,
    record: &crate::core::history::mark::Mark,
) -> Result<PathBuf, WriteError> {
    append_json(dir, serde_json::to_string(record).unwrap_or_default())
}

fn append_json(dir: &Path, mut line: String) -> Result<PathBuf, WriteError> {
    let path = log_path(dir);
    line.push('\n');
    match write_line(dir, &path, &line) {
        Ok(()) => Ok(path),
        Err(error) => Err(WriteError { path, error, line }),
    }
}

fn write_line(dir: &Path, path: &Path, line: &str) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    // Never waits on a FIFO and never writes into anything but a regular file.
    let mut file = crate::store::file::open_append(path)?;
    // A line cut short by a crash has no line break: start ours on a new line, so
    // that this record is not glued to the damaged one. The damaged bytes stay.
    let line = if ends_without_newline(&file) {
        format!("\n{line}")
    } else {
        line.to_owned()
    };
    // One write of the whole line: O_APPEND makes it land after everything else,
    // in one piece, even with another supple writing at the same time.
    let written = file.write(line.as_bytes())?;
    if written != line.len() {
        return Err(io::Error::new(
            io::ErrorKind::WriteZero,
            format!(
                "only {written} of {} bytes were written (is the disk full?)",
                line.len()
            ),
        ));
    }
    file.sync_all()
}

fn ends_without_newline(file: &fs::File) -> bool {
    use std::os::unix::fs::FileExt;
    let Ok(len) = file.metadata().map(|m| m.len()) else {
        return false;
    };
    let mut last = [0u8; 1];
    len > 0 && file.read_at(&mut last, len - 1).is_ok() && last[0] != b'\n'
}

/// The sessions in the log at `path`, and the lines skipped (see [`read_log`]).
pub fn read(path: &Path) -> io::Result<(Vec<Record>, Skips)> {
    read_log(path).map(|log| (log.sessions, log.skips))
}

/// Reads every record it can from `path`. A missing file is an empty history.
/// The file goes through the one checked path (a FIFO, a device or a folder there
/// is refused, never waited on) and is read line by line, each line bounded.
pub fn read_log(path: &Path) -> io::Result<Log> {
    let mut log = Log::default();
    each_line(path, &mut log, |line, number, log| {
        parse_line(line, number, log);
    })?;
    Ok(log)
}

/// Hands each session in the log at `path` to `f` as it is read, keeping none:
/// memory does not grow with the log (`supple history --json`). Returns the
/// lines skipped. A missing file is an empty history.
pub fn each_session(path: &Path, mut f: impl FnMut(Record)) -> io::Result<Skips> {
    let mut log = Log::default();
    each_line(path, &mut log, sessions_only(&mut f))?;
    Ok(log.skips)
}

/// A line's session, if it is one, handed to `f` and not kept (nor any other
/// record): what the streaming readers parse each line with.
fn sessions_only(f: &mut impl FnMut(Record)) -> impl FnMut(&[u8], usize, &mut Log) {
    move |line, number, log| {
        parse_line(line, number, log);
        for r in log.sessions.drain(..) {
            f(r);
        }
        log.episodes.clear();
        log.marks.clear();
    }
}

/// The log opened once, to be read more than once with the same bytes: each
/// reading gives the lines of the first `len` bytes of the same file, whatever is
/// appended or renamed over it meanwhile (`supple history --json` reads it twice
/// so that it never holds every record).
pub struct Opened {
    file: fs::File,
    len: u64,
}

impl Opened {
    /// The log at `path`; `None` when there is none.
    pub fn open(path: &Path) -> Result<Option<Opened>, crate::store::file::FileError> {
        match crate::store::file::open(path, crate::store::file::LOG) {
            Ok((file, len)) => Ok(Some(Opened { file, len })),
            Err(crate::store::file::FileError::Missing) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The log as it was opened: its file and the length read.
    pub fn snapshot(&self) -> io::Result<crate::core::history::Snapshot> {
        use std::os::unix::fs::MetadataExt;
        let meta = self.file.metadata()?;
        Ok(crate::core::history::Snapshot {
            file: Some((meta.dev(), meta.ino())),
            len: self.len,
        })
    }

    /// Hands each session to `f` as it is read, keeping none; returns the lines
    /// skipped.
    pub fn each_session(&self, mut f: impl FnMut(Record)) -> io::Result<Skips> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = self.file.try_clone()?;
        file.seek(SeekFrom::Start(0))?;
        let mut log = Log::default();
        lines_of(file.take(self.len), &mut log, sessions_only(&mut f))?;
        Ok(log.skips)
    }
}

/// Reads what Today needs from `path`: every episode record, the sessions that
/// ended at `since` or later, and the last few with a pain score; the other
/// sessions are passed over without being parsed (see [`Recent`]).
pub fn read_recent(path: &Path, since: jiff::Timestamp) -> io::Result<Log> {
    let mut log = Log::default();
    let mut recent = Recent::new(since);
    each_line(path, &mut log, |line, number, log| {
        recent.line(line, number, log);
    })?;
    recent.finish(&mut log);
    Ok(log)
}

/// How far back from the end [`read_tail`] looks for the newest episode record
/// once it has the sessions it was asked for: years of sessions.
pub const TAIL_MAX: u64 = 16 * 1024 * 1024;

/// Appends an episode start made on the full screen (`e`), under the episode
/// lock and only when no episode is open in the log now: another supple may have
/// started one since this one read the log. The lock is never waited for (a
/// `supple episode start` holding it may be waiting for answers): busy, it is an
/// error that says so, and the record is kept for the person by the caller.
pub fn append_episode_start(dir: &Path, record: &EpisodeRecord) -> Result<PathBuf, WriteError> {
    let path = log_path(dir);
    let fail = |error: io::Error| WriteError {
        path: path.clone(),
        error,
        line: serde_json::to_string(record).unwrap_or_default(),
    };
    let _lock = crate::store::file::lock(&dir.join(".episode.lock"), false)
        .map_err(fail)?
        .ok_or_else(|| {
            fail(io::Error::other(
                "another supple is starting or ending an episode just now",
            ))
        })?;
    let cache = crate::store::paths::cache_dir();
    let read = crate::store::summary::summarise(&path, cache.as_deref()).map_err(fail)?;
    if crate::core::episode::open(&read.summary.episodes).is_some() {
        return Err(fail(io::Error::other(
            "an episode was started in another terminal meanwhile (`supple episode` shows it)",
        )));
    }
    append_episode(dir, record)
}

/// A lock on the log's episodes, held while an episode is started or ended: the
/// open episode is checked again under it, so two starts at once never both
/// succeed.
pub fn lock_episodes(dir: &Path) -> io::Result<fs::File> {
    crate::store::file::lock(&dir.join(".episode.lock"), true)?
        .ok_or_else(|| io::Error::other("the episode lock was not given"))
}

/// Reads from the end of the log back, for a status bar called every few seconds:
/// the sessions that ended at `since` or later, and the episode records back to
/// the newest start or end (enough to know whether one is open, since when, and
/// its red-flag answers). Reading stops once both
/// are known, so its cost is that of the recent days, not of the whole log. An
/// episode start older than everything read is found by reading further back.
pub fn read_tail(path: &Path, since: jiff::Timestamp) -> io::Result<Log> {
    use std::io::{Read, Seek, SeekFrom};
    let (mut file, len) = match crate::store::file::open(path, crate::store::file::LOG) {
        Ok(found) => found,
        Err(crate::store::file::FileError::Missing) => return Ok(Log::default()),
        Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e.to_string())),
    };
    const CHUNK: u64 = 64 * 1024;
    let mut log = Log::default();
    let mut end = len;
    // Bytes of a line cut by the chunk boundary, waiting for the rest before them.
    let mut carry: Vec<u8> = Vec::new();
    // Inside a line too long to be a record (damage): its bytes are passed over
    // until the line break before it.
    let mut skipping = false;
    let mut passed_window = false;
    let mut episode_known = false;
    let episode = memchr::memmem::Finder::new(b"\"episode\"");
    loop {
        let start = end.saturating_sub(CHUNK);
        let mut chunk = vec![0u8; usize::try_from(end - start).unwrap_or(0)];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut chunk)?;
        if skipping {
            match memchr::memrchr(b'\n', &chunk) {
                // What follows the last line break is the long line's start.
                Some(at) => {
                    chunk.truncate(at);
                    skipping = false;
                }
                None => {
                    if start == 0 || len - start > TAIL_MAX {
                        break;
                    }
                    end = start;
                    continue;
                }
            }
        } else {
            chunk.extend_from_slice(&carry);
        }
        // Every whole line in the chunk, last first; the first one may be cut.
        let mut lines: Vec<&[u8]> = chunk.split(|&b| b == b'\n').collect();
        let first = if start > 0 {
            lines.remove(0).to_vec()
        } else {
            Vec::new()
        };
        for raw in lines.into_iter().rev() {
            if raw.len() > MAX_LINE || raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if episode.find(raw).is_some() {
                // Back to the newest start or end: the answers and checks after a
                // start belong to its episode.
                if !episode_known {
                    parse_line(raw, 0, &mut log);
                    episode_known = log.episodes.last().is_some_and(|e| {
                        matches!(
                            e.event,
                            crate::core::episode::Event::Start | crate::core::episode::Event::End
                        )
                    });
                }
                continue;
            }
            if passed_window {
                continue;
            }
            let mut one = Log::default();
            parse_line(raw, 0, &mut one);
            for r in one.sessions {
                match crate::core::history::parse_time(&r.end) {
                    // A day's margin for clocks set back (see core::today::recent).
                    Ok(t) if t < since - jiff::SignedDuration::from_hours(24) => {
                        passed_window = true
                    }
                    Ok(t) if t < since => {}
                    _ => log.sessions.push(r),
                }
            }
        }
        carry = first;
        if carry.len() > MAX_LINE {
            carry.clear();
            skipping = true;
        }
        // Past the window, the episode records are looked for within TAIL_MAX of
        // the end only: a status bar's cost never grows with the log.
        let done = passed_window && (episode_known || len - start > TAIL_MAX);
        if start == 0 || done {
            break;
        }
        end = start;
    }
    log.sessions.reverse();
    log.episodes.reverse();
    Ok(log)
}

/// Calls `f` with each line of the file (without its line break) and its number;
/// a line over [`MAX_LINE`] is skipped with a warning, never held in memory.
fn each_line(path: &Path, log: &mut Log, f: impl FnMut(&[u8], usize, &mut Log)) -> io::Result<()> {
    let file = match crate::store::file::open(path, crate::store::file::LOG) {
        Ok((file, _)) => file,
        Err(crate::store::file::FileError::Missing) => return Ok(()),
        Err(e) => {
            return Err(io::Error::new(io::ErrorKind::InvalidData, e.to_string()));
        }
    };
    lines_of(file, log, f)
}

/// What [`bounded_line`] read.
pub(crate) struct Bounded {
    /// The bytes it took from the reader, the line break included.
    pub took: u64,
    /// The reader ended before a line break.
    pub ended: bool,
    /// The line is longer than [`MAX_LINE`] (only its first bytes are kept).
    pub too_long: bool,
}

/// Reads one line into `line` (emptied first), keeping at most [`MAX_LINE`] + 1
/// bytes of it however long it is: a line with no end never grows the memory.
pub(crate) fn bounded_line(
    reader: &mut impl io::BufRead,
    line: &mut Vec<u8>,
) -> io::Result<Bounded> {
    line.clear();
    let mut read = Bounded {
        took: 0,
        ended: false,
        too_long: false,
    };
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            read.ended = true;
            return Ok(read);
        }
        let (take, found) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if line.len() <= MAX_LINE {
            let room = (MAX_LINE + 1 - line.len()).min(take);
            line.extend_from_slice(&chunk[..room]);
        }
        read.too_long |= line.len() > MAX_LINE;
        reader.consume(take);
        read.took += take as u64;
        if found {
            return Ok(read);
        }
    }
}

/// [`each_line`] over what `read` gives.
fn lines_of(
    read: impl io::Read,
    log: &mut Log,
    mut f: impl FnMut(&[u8], usize, &mut Log),
) -> io::Result<()> {
    let mut reader = io::BufReader::with_capacity(64 * 1024, read);
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        let Bounded {
            ended, too_long, ..
        } = bounded_line(&mut reader, &mut line)?;
        if ended && line.is_empty() {
            break;
        }
        number += 1;
        if too_long {
            log.skips.push(long_line(number));
        } else {
            f(&line, number, log);
        }
        if ended {
            break;
        }
    }
    Ok(())
}
