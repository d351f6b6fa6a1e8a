//! The log's sessions a page at a time, read from a byte offset backwards (the
//! newest first) or forwards, so that the history screen's list never holds
//! every record: each line bounded by [`MAX_LINE`], a chunk of the file at a time.

use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::FileExt;
use std::path::Path;

use crate::core::history::{Log, MAX_LINE, Placed, Record, Snapshot, parse_line};
use crate::store::log::{Bounded, bounded_line};

/// How much of the file a backwards read takes at a time: the first read
/// [`FIRST_CHUNK`] (the history screen's first frame wants a dozen lines or
/// so, and a 64 KiB buffer is zeroed and copied whole), each next one twice
/// as much, up to this.
const CHUNK: u64 = 64 * 1024;
const FIRST_CHUNK: u64 = 8 * 1024;

/// Up to `want` sessions that `keep` keeps, read backwards from byte `before`
/// (a line's start, or the log's length) of the log `seen` says: the newest
/// first. A log that is no longer that one, or is shorter, is an error of kind
/// [`io::ErrorKind::NotFound`] saying so.
pub fn before(
    path: &Path,
    seen: &Snapshot,
    before: u64,
    want: usize,
    keep: &dyn Fn(&Record) -> bool,
) -> io::Result<Vec<Placed>> {
    let Some(file) = open(path, seen)? else {
        return Ok(Vec::new());
    };
    let len = seen.len;
    let mut found = Vec::new();
    let mut log = Log::default();
    // The bytes of the region [pos, head_end) not yet split into lines: the
    // start of a line whose beginning is further back.
    let mut pos = before.min(len);
    let mut head: Vec<u8> = Vec::new();
    // The line being passed over is longer than MAX_LINE: its bytes are dropped.
    let mut too_long = false;
    let mut chunk = FIRST_CHUNK;
    while found.len() < want && pos > 0 {
        let n = chunk.min(pos);
        chunk = (chunk * 2).min(CHUNK);
        pos -= n;
        let mut buf = vec![0u8; usize::try_from(n).unwrap_or(0)];
        file.read_exact_at(&mut buf, pos)?;
        buf.extend_from_slice(&head);
        head.clear();
        // `e`: the end of the line being looked at (its line break included).
        let mut e = buf.len();
        while e > 0 && found.len() < want {
            let body_end = if buf[e - 1] == b'\n' { e - 1 } else { e };
            let s = match memchr::memrchr(b'\n', &buf[..body_end]) {
                Some(i) => i + 1,
                None if pos == 0 => 0,
                None => {
                    // Its start is further back: read on.
                    if too_long || body_end > MAX_LINE {
                        too_long = true;
                    } else {
                        head = buf[..e].to_vec();
                    }
                    break;
                }
            };
            if !std::mem::take(&mut too_long) && body_end - s <= MAX_LINE {
                let place = (pos + s as u64, pos + e as u64);
                take_session(&buf[s..body_end], place, keep, &mut log, &mut found);
            }
            e = s;
        }
    }
    Ok(found)
}

/// Up to `want` sessions that `keep` keeps, read forwards from byte `from` (a
/// line's start) of the log `seen` says, up to its length then: the oldest first.
pub fn after(
    path: &Path,
    seen: &Snapshot,
    from: u64,
    want: usize,
    keep: &dyn Fn(&Record) -> bool,
) -> io::Result<Vec<Placed>> {
    let Some(mut file) = open(path, seen)? else {
        return Ok(Vec::new());
    };
    let upto = seen.len;
    file.seek(SeekFrom::Start(from))?;
    let mut reader = io::BufReader::with_capacity(64 * 1024, file.take(upto.saturating_sub(from)));
    let mut found = Vec::new();
    let mut log = Log::default();
    let mut line = Vec::new();
    let mut at = from;
    while found.len() < want {
        let Bounded {
            took,
            ended,
            too_long,
        } = bounded_line(&mut reader, &mut line)?;
        if took == 0 {
            break;
        }
        let end = at + took;
        if !too_long {
            take_session(&line, (at, end), keep, &mut log, &mut found);
        }
        at = end;
        if ended {
            break;
        }
    }
    Ok(found)
}

/// The session on the line `raw` at bytes `at..end`, if it is one and `keep`
/// keeps it, added to `found` (`log` is where the line is parsed, left empty).
fn take_session(
    raw: &[u8],
    (at, end): (u64, u64),
    keep: &dyn Fn(&Record) -> bool,
    log: &mut Log,
    found: &mut Vec<Placed>,
) {
    parse_line(raw, 0, log);
    found.extend(
        log.sessions
            .drain(..)
            .filter(|r| keep(r))
            .map(|record| Placed { at, end, record }),
    );
    log.episodes.clear();
    log.marks.clear();
}

/// The log at `path` if it is still the one `seen` says, at least as long;
/// `None` when there was none then and is none now.
fn open(path: &Path, seen: &Snapshot) -> io::Result<Option<std::fs::File>> {
    use std::os::unix::fs::MetadataExt;
    let changed = || {
        io::Error::new(
            io::ErrorKind::NotFound,
            "The history log changed since this screen opened (replaced, shortened or removed): open it again",
        )
    };
    match crate::store::file::open(path, crate::store::file::LOG) {
        Ok((file, len)) => {
            let meta = file.metadata()?;
            if seen.file != Some((meta.dev(), meta.ino())) || len < seen.len {
                return Err(changed());
            }
            Ok(Some(file))
        }
        Err(crate::store::file::FileError::Missing) if seen.file.is_none() => Ok(None),
        Err(crate::store::file::FileError::Missing) => Err(changed()),
        Err(e) => Err(io::Error::new(io::ErrorKind::InvalidData, e.to_string())),
    }
}
