//! Progression: an exercise with `progression = { target, step }` starts at the
//! file's `reps` and gains `step` reps after each session in which it was finished
//! in full, up to `target`. A session stopped early, or one that skipped or cut the
//! exercise short, does not count. `supple plan --reset-progress` starts over from
//! that moment: only sessions after the latest reset count.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::{Kind, Outcome, Record};
use crate::core::routine::Routine;
use crate::store::file::{self, FileError};

/// How an exercise's reps were worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub exercise: String,
    pub base: u32,
    pub step: u32,
    pub target: u32,
    /// Sessions that count.
    pub finished: u32,
    pub reps: u32,
}

impl Progress {
    /// "10 reps: 5 + 5 finished sessions (target 30)".
    pub fn explain(&self) -> String {
        let sessions = if self.finished == 1 {
            "session"
        } else {
            "sessions"
        };
        let how = if self.step == 1 {
            format!("{} + {} finished {sessions}", self.base, self.finished)
        } else {
            format!(
                "{} + {} x {} finished {sessions}",
                self.base, self.step, self.finished
            )
        };
        let at_target = if self.reps >= self.target {
            ", the target"
        } else {
            ""
        };
        format!(
            "{}: {} reps next session ({how}; target {}{at_target})",
            self.exercise, self.reps, self.target
        )
    }
}

/// The reps each progressing exercise of `routine` (library name `id`) is at.
pub fn progress(
    routine: &Routine,
    id: &str,
    records: &[Record],
    reset: Option<Timestamp>,
) -> Vec<Progress> {
    routine
        .exercises
        .iter()
        .filter_map(|e| {
            let p = e.progression?;
            let finished = records
                .iter()
                .filter(|r| r.kind == Kind::Routine && r.outcome == Outcome::Finished)
                .filter(|r| r.routine.as_deref() == Some(id))
                .filter(|r| reset.is_none_or(|t| r.start.parse::<Timestamp>().is_ok_and(|s| s > t)))
                .filter(|r| {
                    r.exercises.iter().any(|x| {
                        x.name == e.name
                            && !x.skipped
                            && x.reps_planned > 0
                            && x.reps_done == x.reps_planned
                    })
                })
                .count();
            let finished = u32::try_from(finished).unwrap_or(u32::MAX);
            let reps = e
                .reps
                .saturating_add(finished.saturating_mul(p.step))
                .min(p.target.max(e.reps));
            Some(Progress {
                exercise: e.name.clone(),
                base: e.reps,
                step: p.step,
                target: p.target,
                finished,
                reps,
            })
        })
        .collect()
}

/// `routine` with each progressing exercise at its current reps.
pub fn apply(mut routine: Routine, progress: &[Progress]) -> Routine {
    for e in &mut routine.exercises {
        if let Some(p) = progress.iter().find(|p| p.exercise == e.name) {
            e.reps = p.reps;
        }
    }
    routine
}

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
