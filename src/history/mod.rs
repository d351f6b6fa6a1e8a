//! The session log: one JSON object per line in `history.jsonl`.
//!
//! Writing never damages what is there: a record is serialised first, then written
//! with a single `write` of the whole line to a file opened for appending (so two
//! supple processes never interleave lines), then synced. Reading is forgiving: a
//! damaged or truncated line is skipped with a warning naming its line number, and
//! the file is never rewritten, truncated or "repaired".

use std::borrow::Cow;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::text::sanitize;

pub mod build;
pub mod progress;
pub mod stats;

/// The record format this build writes.
pub const VERSION: u32 = 1;

/// What kind of session a record is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Routine,
    Ice,
    Heat,
    Contrast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Finished,
    Stopped,
}

/// How one exercise went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    pub name: String,
    pub reps_done: u32,
    pub reps_planned: u32,
    pub seconds_done: u64,
    pub seconds_planned: u64,
    pub skipped: bool,
}

/// One session, routine or pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The format version ([`VERSION`]).
    pub v: u32,
    pub kind: Kind,
    /// The routine's or the timer's display name.
    pub name: String,
    /// The routine's file name without `.toml` (or the bundled name), for routines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routine: Option<String>,
    /// A hash of the routine file's text, so a changed file can be told apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// RFC 3339 with the local offset.
    pub start: String,
    pub end: String,
    /// Running time, pauses excluded.
    pub active_seconds: u64,
    pub outcome: Outcome,
    /// Where it stopped early ("Knee-to-chest, exercise 4 of 6").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<ExerciseRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_before: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_after: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_done: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_planned: Option<u32>,
    /// Switches that passed while the person was away ("OFF - skin rest at 14:35").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missed_switches: Vec<String>,
}

impl Record {
    /// Makes visible any character in the record's text that could act on a
    /// terminal (a hand-edited or damaged log can hold anything). The file itself
    /// is never rewritten; only what is read is cleaned.
    fn make_displayable(&mut self) {
        let clean = |s: &mut String| {
            if let Cow::Owned(c) = sanitize(s) {
                *s = c;
            }
        };
        clean(&mut self.name);
        clean(&mut self.start);
        clean(&mut self.end);
        for s in [&mut self.routine, &mut self.hash, &mut self.stopped_at]
            .into_iter()
            .flatten()
        {
            clean(s);
        }
        self.exercises.iter_mut().for_each(|e| clean(&mut e.name));
        self.missed_switches.iter_mut().for_each(clean);
    }
}

/// The folder of the log: `--data-dir`, else `$SUPPLE_DATA_DIR`, else
/// `$XDG_DATA_HOME/supple` (`~/.local/share/supple`).
pub fn data_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("SUPPLE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    crate::paths::data_dir()
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
                crate::text::sanitize(&self.path.display().to_string()),
                write_reason(&self.error)
            ),
            crate::commands::json_for_terminal(self.line.trim_end()).into_owned(),
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
        _ => e.to_string(),
    }
}

/// Appends `record` to the log in `dir`, creating the folder if needed.
pub fn append(dir: &Path, record: &Record) -> Result<PathBuf, WriteError> {
    let path = log_path(dir);
    let mut line = serde_json::to_string(record).unwrap_or_default();
    line.push('\n');
    match write_line(dir, &path, &line) {
        Ok(()) => Ok(path),
        Err(error) => Err(WriteError { path, error, line }),
    }
}

fn write_line(dir: &Path, path: &Path, line: &str) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut file = OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)?;
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

/// A line of the log that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub why: String,
}

/// Reads every record it can from `path`. A missing file is an empty history.
pub fn read(path: &Path) -> io::Result<(Vec<Record>, Vec<Skipped>)> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e),
    };
    Ok(parse(&bytes))
}

/// Parses log bytes, skipping what cannot be read.
pub fn parse(bytes: &[u8]) -> (Vec<Record>, Vec<Skipped>) {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(raw) {
            Ok(mut r) => {
                r.make_displayable();
                records.push(r);
            }
            Err(e) => skipped.push(Skipped {
                line: i + 1,
                why: if e.is_eof() {
                    "the line is cut short (supple or the computer stopped while writing it?)"
                        .into()
                } else {
                    format!("not a session record ({e})")
                },
            }),
        }
    }
    (records, skipped)
}

/// A 64-bit FNV-1a hash of a routine's text, as `fnv1a64:0123abcd...`. Not for
/// security: it tells whether a routine file changed between sessions.
pub fn content_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample(name: &str) -> Record {
        Record {
            v: VERSION,
            kind: Kind::Routine,
            name: name.into(),
            routine: Some("back-spasm-relief".into()),
            hash: Some(content_hash("x")),
            start: "2026-11-23T14:00:00+01:00".into(),
            end: "2026-11-23T14:05:16+01:00".into(),
            active_seconds: 316,
            outcome: Outcome::Finished,
            stopped_at: None,
            exercises: vec![ExerciseRecord {
                name: "Cat-Cow".into(),
                reps_done: 8,
                reps_planned: 8,
                seconds_done: 64,
                seconds_planned: 64,
                skipped: false,
            }],
            pain_before: Some(6),
            pain_after: Some(4),
            applications_done: None,
            applications_planned: None,
            missed_switches: Vec::new(),
        }
    }

    #[test]
    fn records_round_trip() {
        let r = sample("Back spasm relief");
        let line = serde_json::to_string(&r).unwrap();
        assert!(!line.contains('\n'));
        let (back, skipped) = parse(line.as_bytes());
        assert_eq!(back, vec![r]);
        assert!(skipped.is_empty());
    }

    #[test]
    fn damaged_and_cut_lines_are_skipped_with_their_numbers() {
        let good = serde_json::to_string(&sample("a")).unwrap();
        let text = format!(
            "{good}\n{{\"v\":1,\"kind\":\"rou\n{good}\nnot json\n{}",
            &good[..good.len() / 2]
        );
        let (records, skipped) = parse(text.as_bytes());
        assert_eq!(records.len(), 2);
        let lines: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 4, 5]);
        assert!(skipped[2].why.contains("cut short"), "{:?}", skipped[2]);
    }

    #[test]
    fn the_hash_tells_texts_apart() {
        assert_eq!(content_hash("abc"), content_hash("abc"));
        assert_ne!(content_hash("abc"), content_hash("abd"));
        assert!(content_hash("").starts_with("fnv1a64:"));
    }
}
