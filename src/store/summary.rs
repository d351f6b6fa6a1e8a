//! The history log's summary ([`crate::core::history::summary::Summary`]), kept in
//! the cache folder so that a start reads it and only the bytes appended to the log
//! since, not every record.
//!
//! The log stays the truth. The kept file names the log's identity (device and
//! inode), the byte offset it covers (always just after a line break) and a
//! checksum of the covered bytes' first and last 4 KiB. A log that was replaced,
//! shrank or was edited there disagrees, and is read again from its start once; a
//! kept file that cannot be read, or was made from another log, or by another
//! version, is rebuilt the same way (with a note when it was damaged). It is
//! written with [`crate::store::file::write_atomic`] (a new file renamed over the
//! old one): two supples at once each write a whole summary of what they read,
//! readers never see half of one, and either one is the fold of a part of the log
//! that the next start checks again.

use std::io::{self, Seek, SeekFrom};
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::core::history::stats::Figures;
use crate::core::history::summary::Summary;
use crate::store::log::{Bounded, bounded_line};

/// A fold of the log's lines that can be kept in the cache folder and brought up
/// to date with the lines appended since: the start screens' [`Summary`], the
/// history screen's figures ([`crate::core::history::stats::Kept`]).
pub trait Fold: Default + Serialize + DeserializeOwned {
    /// What the kept file says it is; another text there is someone else's file.
    const FORMAT: &'static str;
    /// Changes whenever the fold or what it keeps changes: an older one is rebuilt.
    const VERSION: u32;
    /// The kept file's name begins with this.
    const NAME: &'static str;
    /// What the kept file is, in a note: "the kept summary of the history log".
    const NOUN: &'static str;
    /// What the kept file is, in a reason from `store::file`: "history summary".
    const FILE: &'static str;
    /// Folds one line of the log (without its line break).
    fn line(&mut self, raw: &[u8]);
    /// Folds a line too long to be a record (its bytes never held in memory).
    fn long_line(&mut self);
    /// Drops what no reader needs before it is kept.
    fn compact(&mut self) {}
    /// Reads back what it keeps unread until needed (before lines are folded
    /// into it); `false` when that does not read.
    fn open(&mut self) -> bool {
        true
    }
}

impl Fold for Summary {
    const FORMAT: &'static str = "supple history summary";
    const VERSION: u32 = 7;
    const NAME: &'static str = "history-summary";
    const NOUN: &'static str = "the kept summary of the history log";
    const FILE: &'static str = "history summary";
    fn line(&mut self, raw: &[u8]) {
        Summary::line(self, raw);
    }
    fn long_line(&mut self) {
        Summary::long_line(self);
    }
    fn compact(&mut self) {
        Summary::compact(self);
    }
    fn open(&mut self) -> bool {
        Summary::open(self)
    }
}

impl Fold for Figures {
    const FORMAT: &'static str = "supple history figures";
    /// 2: the figures as packed text (`stats/kept.rs`), not serde's map and list.
    const VERSION: u32 = 2;
    const NAME: &'static str = "history-figures";
    const NOUN: &'static str = "the file of the history screen's kept figures";
    const FILE: &'static str = "file of the history screen's figures";
    fn line(&mut self, raw: &[u8]) {
        Figures::line(self, raw);
    }
    fn long_line(&mut self) {
        Figures::long_line(self);
    }
    fn compact(&mut self) {
        Figures::compact(self);
    }
}

/// What the history screen's figures kept for `zone` are filed under: the zone's
/// name (or its fixed offset); `None` for a zone with neither (a POSIX TZ
/// string), whose figures are not kept.
pub fn zone_key(zone: &jiff::tz::TimeZone) -> Option<String> {
    if let Some(name) = zone.iana_name() {
        return Some(name.to_owned());
    }
    zone.to_fixed_offset().ok().map(|o| format!("offset {o}"))
}

/// A kept summary is small (it grows with episodes, activity ratings and the
/// turns of progression, not with sessions): a larger file is not one.
pub const SUMMARY: crate::store::file::Kind = crate::store::file::Kind {
    noun: "history summary",
    max: 64 * 1024 * 1024,
};

/// How many bytes at each end of the covered part the checksum reads.
const CHECKED: u64 = 4096;

#[derive(Serialize, Deserialize)]
#[serde(bound = "F: Fold")]
struct Kept<F: Fold> {
    format: String,
    version: u32,
    dev: u64,
    ino: u64,
    offset: u64,
    check: u64,
    summary: F,
}

/// The summary of a log, and what the reader should be told.
#[derive(Debug, Default)]
pub struct Summarised<F = Summary> {
    /// The fold of every line of the log, including a last line without its line
    /// break (which the kept file leaves out: it may still be being written).
    pub summary: F,
    /// The kept summary could not be used and was rebuilt (never an error).
    pub note: Option<String>,
    /// How many bytes of the log were read this time.
    pub read: u64,
    /// The log as it was read: what the fold covers.
    pub snapshot: crate::core::history::Snapshot,
}

/// Where the summary of the log at `log` is kept: in `cache`, under a name made
/// from the log's path (two data folders never share one).
pub fn summary_path(cache: &Path, log: &Path) -> PathBuf {
    kept_path::<Summary>(cache, log, "")
}

/// Where the fold `F` of the log at `log` is kept: in `cache`, under a name made
/// from the log's path and `key` (what else the fold depends on, such as a time
/// zone; empty when nothing).
pub fn kept_path<F: Fold>(cache: &Path, log: &Path, key: &str) -> PathBuf {
    let mut what = log.display().to_string();
    if !key.is_empty() {
        what.push('\0');
        what.push_str(key);
    }
    let name = crate::core::history::content_hash(&what);
    let name = name.trim_start_matches("fnv1a64:");
    cache.join(format!("{}-{name}.json", F::NAME))
}

/// The summary of the log at `log`, from the one kept in `cache` (when given)
/// and the bytes appended since; the kept one is brought up to date. A missing
/// log is an empty one. Errors are the log's own (it cannot be read); the kept
/// summary's problems are only ever a note.
pub fn summarise(log: &Path, cache: Option<&Path>) -> io::Result<Summarised> {
    fold(log, cache.map(|c| summary_path(c, log)), |_| {})
}

/// The fold `F` of the log at `log`, from the one kept at `kept_path` (when given)
/// and the bytes appended since, as [`summarise`] does for the [`Summary`].
/// `prepare` is given the fold before any line is folded into it, fresh or kept
/// (what it needs that is not kept, such as a time zone).
pub fn fold<F: Fold>(
    log: &Path,
    kept_path: Option<PathBuf>,
    prepare: impl Fn(&mut F),
) -> io::Result<Summarised<F>> {
    let (file, len) = match crate::store::file::open(log, crate::store::file::LOG) {
        Ok(found) => found,
        Err(crate::store::file::FileError::Missing) => {
            let mut summary = F::default();
            prepare(&mut summary);
            return Ok(Summarised {
                summary,
                note: None,
                read: 0,
                snapshot: crate::core::history::Snapshot::default(),
            });
        }
        Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e.to_string())),
    };
    let meta = file.metadata()?;
    let (dev, ino) = (meta.dev(), meta.ino());
    let mut note = None;
    let mut keep = true;
    let mut start = F::default();
    let mut offset = 0;
    if let Some(path) = &kept_path {
        match load::<F>(path) {
            Ok(Some(kept)) => {
                let same = kept.dev == dev
                    && kept.ino == ino
                    && kept.offset <= len
                    && checksum(&file, kept.offset).is_ok_and(|c| c == kept.check);
                if same {
                    start = kept.summary;
                    offset = kept.offset;
                    // What was appended is folded into what it keeps, which
                    // must read (the sessions of a Summary are read only then).
                    if len > offset && !start.open() {
                        note = Some(format!(
                            "{} ({}) is damaged (what it keeps does not read); it was made again from the log, which is unchanged",
                            F::NOUN,
                            path.display()
                        ));
                        start = F::default();
                        offset = 0;
                    }
                }
            }
            Ok(None) => {}
            Err(Unusable::Link(why)) => {
                // A link to something that is not a summary: someone else's
                // file, never written through.
                keep = false;
                note = Some(format!(
                    "{} ({}) is a link to a file that {why}; it is left as it is, and what it keeps was made from the log, which is unchanged",
                    F::NOUN,
                    path.display()
                ));
            }
            Err(Unusable::Here(why)) => {
                note = Some(format!(
                    "{} ({}) {why}; it was made again from the log, which is unchanged",
                    F::NOUN,
                    path.display()
                ));
            }
        }
    }
    let mut summary = start;
    prepare(&mut summary);
    let (mut covered, mut last) = fold_from(&file, offset, &mut summary)?;
    if matches!(last, Last::Line(_)) {
        // A last line with no line break may be another supple's append caught
        // half written: read on from there once more before calling it cut.
        (covered, last) = fold_from(&file, covered, &mut summary)?;
    }
    if let Some(path) = kept_path.filter(|_| keep && (covered > offset || note.is_some())) {
        summary.compact();
        let kept = Kept {
            format: F::FORMAT.to_owned(),
            version: F::VERSION,
            dev,
            ino,
            offset: covered,
            check: checksum(&file, covered)?,
            summary,
        };
        // A cache: a summary that cannot be written is made again next time.
        if let Ok(text) = serde_json::to_vec(&kept) {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = crate::store::file::write_atomic(&path, &text);
        }
        summary = kept.summary;
        // What `prepare` gave is not kept (it is skipped when written).
        prepare(&mut summary);
    }
    match last {
        Last::None => {}
        Last::Line(raw) => summary.line(&raw),
        Last::Long => summary.long_line(),
    }
    Ok(Summarised {
        summary,
        note,
        read: len.saturating_sub(offset),
        snapshot: crate::core::history::Snapshot {
            file: Some((dev, ino)),
            len,
        },
    })
}

/// Why a kept summary cannot be used.
enum Unusable {
    /// What is at the path itself: made again over it.
    Here(String),
    /// The path is a symlink to what is not a summary: left alone.
    Link(String),
}

/// The kept summary at `path`: `None` when there is none (or it is another
/// version's: made again in silence), else what is wrong with it.
fn load<F: Fold>(path: &Path) -> Result<Option<Kept<F>>, Unusable> {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let wrong = |why: String| {
        if link {
            Unusable::Link(why)
        } else {
            Unusable::Here(why)
        }
    };
    let kind = crate::store::file::Kind {
        noun: F::FILE,
        ..SUMMARY
    };
    let bytes = match crate::store::file::read(path, kind) {
        Ok(bytes) => bytes,
        Err(crate::store::file::FileError::Missing) if !link => return Ok(None),
        Err(e) => return Err(wrong(e.to_string())),
    };
    // Read once as this version's (what a start finds, every time); only what
    // is not is read again for what it says it is.
    let damage = match serde_json::from_slice::<Kept<F>>(&bytes) {
        Ok(kept) if kept.format == F::FORMAT && kept.version == F::VERSION => {
            return Ok(Some(kept));
        }
        Ok(_) => None,
        Err(e) => Some(e),
    };
    #[derive(Deserialize)]
    struct Head {
        format: String,
        version: u32,
    }
    match serde_json::from_slice::<Head>(&bytes) {
        Ok(h) if h.format == F::FORMAT && h.version != F::VERSION => Ok(None),
        // supple's own, damaged: made again, through a link too.
        Ok(h) if h.format == F::FORMAT => Err(Unusable::Here(match damage {
            Some(e) => format!("is damaged ({e})"),
            None => "is damaged".to_owned(),
        })),
        _ => Err(wrong("is not a summary supple wrote".to_owned())),
    }
}

/// A hash of the first and last [`CHECKED`] bytes before `offset`
/// ([`crate::core::history::fnv_words`]: a start of a dense log reads it).
fn checksum(file: &std::fs::File, offset: u64) -> io::Result<u64> {
    let mut h = crate::core::history::FNV_START;
    let head = offset.min(CHECKED);
    let tail = offset.saturating_sub(CHECKED).max(head);
    for (from, to) in [(0, head), (tail, offset)] {
        let mut buf = vec![0u8; usize::try_from(to - from).unwrap_or(0)];
        file.read_exact_at(&mut buf, from)?;
        h = crate::core::history::fnv_words(h, &buf);
    }
    Ok(h ^ offset)
}

/// A last line with no line break after it.
enum Last {
    None,
    Line(Vec<u8>),
    Long,
}

/// Folds the whole lines from `offset` on into `summary`, each line bounded by
/// [`crate::core::history::MAX_LINE`] (a longer one is skipped without being held). Returns the offset
/// just after the last line break, and the line after it, if any.
fn fold_from<F: Fold>(
    file: &std::fs::File,
    offset: u64,
    summary: &mut F,
) -> io::Result<(u64, Last)> {
    let mut file = file.try_clone()?;
    file.seek(SeekFrom::Start(offset))?;
    let mut reader = io::BufReader::with_capacity(64 * 1024, file);
    let mut covered = offset;
    let mut line = Vec::new();
    loop {
        let Bounded {
            took,
            ended,
            too_long,
        } = bounded_line(&mut reader, &mut line)?;
        if ended {
            // What follows the last line break: not covered, read each time.
            return Ok((
                covered,
                match (took, too_long) {
                    (0, _) => Last::None,
                    (_, true) => Last::Long,
                    (_, false) => Last::Line(std::mem::take(&mut line)),
                },
            ));
        }
        covered += took;
        if too_long {
            summary.long_line();
        } else {
            // With its line break, as the full read (`store::log::read_log`) gives
            // it, so a line's reason for a skip is word for word the same.
            summary.line(&line);
        }
    }
}
