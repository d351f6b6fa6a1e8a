//! What the start screens need from the log, folded one line at a time, so that a
//! start reads a kept summary and only the lines appended since instead of every
//! record (issue 25). The log stays the truth: a summary is only ever the fold of
//! its lines (the store keeps it beside the log's identity and rebuilds it from
//! the log whenever they disagree).
//!
//! What it keeps grows with what a person writes by hand (episode records and
//! activity ratings, a few a week), with how often a routine's progression
//! changed course and with the sessions of the last days, never with the number
//! of sessions:
//!
//! - the lines read and the lines skipped ([`Skips`]: a count and the first few);
//! - every episode record and activity rating, and of the daily pain scores only
//!   the latest by its time (a start asks only whether the day's pain was given
//!   since midnight: whether any score is that late is whether the latest is;
//!   the report draws the series and reads the log itself, as it does the notes,
//!   which no start reads; a long log holds thousands of both);
//! - the sessions Today and the safety lines look at: the last [`PAINS`] with a
//!   pain score after, the last ice, heat or contrast session, and the sessions
//!   back to the last one that ended [`KEEP_DAYS`] days before the newest end
//!   (see [`Summary::tail`]), each only as Today reads it (a [`Brief`]: a
//!   twentieth of a record's text, packed as in [`super::brief::kept`] and read
//!   back in one pass);
//! - per routine, its sessions as runs of what they said for progression
//!   ([`Summary::progress`] gives what [`super::progress::progress`] gives over
//!   every record).

use std::collections::{BTreeMap, VecDeque};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use super::brief::kept::KeptText;
use super::brief::{Brief, Session};
use super::progress::{PainSays, Progress};
use super::{Log, Outcome, Record, SessionKind, Skips, mark::Mark, parse_line};
use crate::episode::EpisodeRecord;
use crate::routine::Routine;

/// The last sessions with a pain score after that are kept: the safety lines read
/// four ([`super::Recent::PAINS`]).
pub const PAINS: usize = super::Recent::PAINS;

/// Sessions are kept back to the last one that ended this many days before the
/// newest end: the readers (the Today panel, `supple day`, the offer of an
/// episode) look 9 days back, and `core::today::recent` reads a day past that,
/// for clocks set back. No more: a start reads back every session kept, and a
/// dense log keeps a hundred a day.
pub const KEEP_DAYS: i64 = 10;

/// `recent` is pruned when it has doubled since, and at this length at least (so
/// pruning costs a constant per session); small in tests, so they prune often.
const PRUNE_MIN: usize = if cfg!(test) { 2 } else { 64 };

/// A fold of the log's lines, in the order they were written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Lines folded, numbered from 1 as a full read numbers them.
    pub lines: usize,
    /// Sessions read.
    pub sessions: u64,
    /// Lines that could not be read.
    pub skips: Skips,
    /// Every episode record, in order.
    pub episodes: Vec<EpisodeRecord>,
    /// Every activity rating, in order, and the daily pain score with the latest
    /// time (the first written of equal ones; none whose time does not read):
    /// what `supple function` and the daily pain question read. Not the notes.
    pub marks: Vec<Mark>,
    /// The newest end of any session read.
    newest_end: Option<Timestamp>,
    /// The number among the sessions of the last ice, heat or contrast session.
    last_pack: Option<u64>,
    /// The numbers of the last [`PAINS`] sessions with a pain score after, oldest first.
    pains: VecDeque<u64>,
    /// The sessions Today reads: read back from the kept text only when the
    /// fold or a reader first needs them (a start that shows no Today never does).
    kept: Sessions,
    /// How long `recent` may grow before it is pruned again.
    prune_at: usize,
    /// Per routine (its library name), its sessions as runs.
    routines: BTreeMap<String, Runs>,
}

/// The sessions a summary keeps, as Today reads them (a [`Brief`] of each: a
/// whole record is seven times the text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Kept {
    /// The sessions from the last one that ended [`KEEP_DAYS`] before the newest
    /// end, with their numbers.
    #[serde(with = "super::brief::kept")]
    recent: VecDeque<(u64, Brief)>,
    /// The sessions pruned from `recent` that `last_pack` or `pains` still name
    /// (each session is held once, never copied), in order.
    #[serde(with = "super::brief::kept")]
    held: Vec<(u64, Brief)>,
}

/// [`Kept`] as the kept summary's text holds it: read into sessions only when
/// first needed, and then in one pass (the text of the kept file is read once).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct KeptTexts {
    recent: KeptText,
    held: KeptText,
}

impl KeptTexts {
    fn read(&self) -> Option<Kept> {
        let mut recent = VecDeque::with_capacity(self.recent.len_hint());
        self.recent.read(|n, b| recent.push_back((n, b))).ok()?;
        let mut held = Vec::with_capacity(self.held.len_hint());
        self.held.read(|n, b| held.push((n, b))).ok()?;
        Some(Kept { recent, held })
    }
}

/// The kept sessions, as text until first needed.
#[derive(Debug, Clone)]
enum Sessions {
    Unread(KeptTexts),
    Read(Kept),
    /// The kept text does not read: the summary stands in for no session.
    Damaged,
}

impl Default for Sessions {
    fn default() -> Sessions {
        Sessions::Read(Kept::default())
    }
}

impl Sessions {
    /// The sessions, read from the kept text the first time; `None` when they
    /// do not read.
    fn open(&mut self) -> Option<&mut Kept> {
        if let Sessions::Unread(texts) = self {
            *self = match texts.read() {
                Some(kept) => Sessions::Read(kept),
                None => Sessions::Damaged,
            };
        }
        match self {
            Sessions::Read(kept) => Some(kept),
            Sessions::Unread(_) | Sessions::Damaged => None,
        }
    }

    /// The sessions without reading them into `self` (read from the kept text
    /// each time); `None` when they do not read.
    fn peek(&self) -> Option<std::borrow::Cow<'_, Kept>> {
        match self {
            Sessions::Unread(texts) => texts.read().map(std::borrow::Cow::Owned),
            Sessions::Read(kept) => Some(std::borrow::Cow::Borrowed(kept)),
            Sessions::Damaged => None,
        }
    }
}

impl PartialEq for Sessions {
    fn eq(&self, other: &Sessions) -> bool {
        self.peek() == other.peek()
    }
}

impl Eq for Sessions {}

impl Serialize for Sessions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Sessions::Unread(texts) => texts.serialize(s),
            Sessions::Read(kept) => kept.serialize(s),
            Sessions::Damaged => Err(serde::ser::Error::custom(
                "the kept sessions did not read: a summary without them is never kept",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Sessions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Sessions, D::Error> {
        KeptTexts::deserialize(d).map(Sessions::Unread)
    }
}

/// One routine's sessions as progression sees them: runs of sessions that said
/// the same (the same [`PainSays`], the same exercises finished in full); the
/// sessions that change nothing (a hold, or nothing finished in full) are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Runs {
    /// The exercise names seen finished in full, each once.
    names: Vec<String>,
    runs: Vec<Run>,
}

/// [`PainSays`] as the kept summary writes it: a number.
mod says_code {
    use super::PainSays;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(says: &PainSays, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(match says {
            PainSays::Grow => 0,
            PainSays::Hold => 1,
            PainSays::StepBack => 2,
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PainSays, D::Error> {
        match u8::deserialize(d)? {
            0 => Ok(PainSays::Grow),
            1 => Ok(PainSays::Hold),
            2 => Ok(PainSays::StepBack),
            n => Err(serde::de::Error::custom(format!("no such pain rule {n}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Run {
    /// What the sessions' pain says for progression (kept as 0 grow, 1 hold,
    /// 2 step back).
    #[serde(with = "says_code")]
    says: PainSays,
    /// Indices into `names` of the exercises finished in full (only when it grows:
    /// a hold or a step back is the same whatever was finished), ascending.
    full: Vec<u32>,
    count: u64,
    /// The earliest and latest start of its sessions: a reset of progress between
    /// them cannot be told apart within the run.
    first: Timestamp,
    last: Timestamp,
}

impl Summary {
    /// Folds one line of the log (without its line break), numbered next.
    pub fn line(&mut self, raw: &[u8]) {
        self.lines += 1;
        let mut one = Log::default();
        parse_line(raw, self.lines, &mut one);
        self.take(one);
    }

    /// Folds a line too long to be a record (its bytes never held in memory).
    pub fn long_line(&mut self) {
        self.lines += 1;
        self.skips.push(super::long_line(self.lines));
    }

    /// Folds every line of `bytes` (the whole log, or what follows the part
    /// already folded; a last line without a line break counts as a line).
    pub fn bytes(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let (raw, next) = match memchr::memchr(b'\n', rest) {
                Some(at) => (&rest[..at], &rest[at + 1..]),
                None => (rest, &rest[rest.len()..]),
            };
            if raw.len() > super::MAX_LINE {
                self.long_line();
            } else {
                self.line(raw);
            }
            rest = next;
        }
    }

    fn take(&mut self, one: Log) {
        for r in one.sessions {
            self.apply(r);
        }
        self.episodes.extend(one.episodes);
        for m in one.marks {
            match m {
                Mark::Note(_) => {}
                Mark::Function(_) => self.marks.push(m),
                Mark::Pain(_) => self.pain(m),
            }
        }
        for s in one.skips.iter() {
            self.skips.push(s.clone());
        }
    }

    /// Keeps the daily pain score `m` if it is later than the one kept.
    fn pain(&mut self, m: Mark) {
        let Some(t) = m.time() else {
            return;
        };
        let later = |k: &Mark| matches!(k, Mark::Pain(_)) && k.time().is_some_and(|k| k >= t);
        if self.marks.iter().any(later) {
            return;
        }
        self.marks.retain(|k| !matches!(k, Mark::Pain(_)));
        self.marks.push(m);
    }

    /// Folds one session record (checked and made displayable, as read).
    pub fn apply(&mut self, r: Record) {
        let n = self.sessions;
        self.sessions += 1;
        if r.kind == SessionKind::Routine
            && let Some(id) = &r.routine
        {
            let runs = match self.routines.get_mut(id.as_str()) {
                Some(runs) => runs,
                None => self.routines.entry(id.clone()).or_default(),
            };
            runs.add(&r);
        }
        if r.kind != SessionKind::Routine {
            self.last_pack = Some(n);
        }
        if r.pain_after.is_some() {
            if self.pains.len() == PAINS {
                self.pains.pop_front();
            }
            self.pains.push_back(n);
        }
        let brief = Brief::of(&r);
        if let Some(end) = brief.end() {
            self.newest_end = Some(self.newest_end.map_or(end, |t| t.max(end)));
        }
        let Some(kept) = self.kept.open() else {
            return;
        };
        kept.recent.push_back((n, brief));
        if kept.recent.len() >= self.prune_at {
            self.compact();
        }
    }

    /// Reads back the kept sessions (a summary read from its kept text holds
    /// them unread); `false` when they do not read, and the summary cannot be
    /// folded on: it is made again from the log.
    pub fn open(&mut self) -> bool {
        self.kept.open().is_some()
    }

    /// Drops the sessions that no reader needs (as the fold does from time to
    /// time): for a summary about to be kept, which is then as small as it can be.
    pub fn compact(&mut self) {
        self.prune();
        let len = self.kept.open().map_or(0, |k| k.recent.len());
        self.prune_at = (len * 2).max(PRUNE_MIN);
    }

    /// Drops the sessions before the last one that ended [`KEEP_DAYS`] before the
    /// newest end (that one is kept: a reader going back from the end stops at it).
    fn prune(&mut self) {
        let Some(newest) = self.newest_end else {
            return;
        };
        let old = newest - SignedDuration::from_hours(24 * KEEP_DAYS);
        let (pains, pack) = (&self.pains, self.last_pack);
        let Some(kept) = self.kept.open() else {
            return;
        };
        let last_old = kept
            .recent
            .iter()
            .rposition(|(_, r)| r.end().is_some_and(|end| end < old));
        let named = |n: &u64| pack == Some(*n) || pains.contains(n);
        kept.held.retain(|(n, _)| named(n));
        if let Some(at) = last_old {
            let gone = kept.recent.drain(..at).filter(|(n, _)| named(n));
            kept.held.extend(gone);
        }
    }

    /// The sessions, in the order they were written, as Today, the safety lines
    /// and the heat-or-ice choice read them, standing in for every session of the log:
    /// `core::today::recent(tail, since)` gives what it gives over every session
    /// when `since` is no more than [`KEEP_DAYS`] - 1 days before `now` and `now` is no
    /// earlier than the newest end ([`Summary::covers`]); `core::today::safety`
    /// and `core::today::pack_choice` give what they give over every session.
    ///
    /// `None` when the kept sessions do not read (the summary was read from a
    /// damaged kept text): the reader reads the log.
    pub fn tail(&self) -> Option<Vec<Brief>> {
        // In order as they are: `held` is what was pruned from the front of
        // `recent`, in order (the property tests check the tail against every
        // record).
        let named = |n: &u64| self.last_pack == Some(*n) || self.pains.contains(n);
        let mut tail;
        match &self.kept {
            // Read from the text straight into the tail (a start's case: a
            // dense log's last days are a thousand sessions and more).
            Sessions::Unread(texts) => {
                tail = Vec::with_capacity(texts.held.len_hint() + texts.recent.len_hint());
                texts
                    .held
                    .read(|n, b| {
                        if named(&n) {
                            tail.push(b);
                        }
                    })
                    .ok()?;
                texts.recent.read(|_, b| tail.push(b)).ok()?;
            }
            Sessions::Read(kept) => {
                tail = Vec::with_capacity(kept.held.len() + kept.recent.len());
                let held = kept.held.iter().filter(|(n, _)| named(n));
                tail.extend(held.chain(kept.recent.iter()).map(|(_, b)| b.clone()));
            }
            Sessions::Damaged => return None,
        }
        Some(tail)
    }

    /// Whether [`Summary::tail`] stands in for every session when Today looks back
    /// from `now`: no session ends after `now` (a clock set back).
    pub fn covers(&self, now: Timestamp) -> bool {
        self.newest_end.is_none_or(|t| t <= now)
    }

    /// What [`super::progress::progress`] gives for `routine` (library name `id`)
    /// over every session, or `None` when a reset of progress at `reset` falls
    /// within a run of sessions, and only every record can say which count.
    pub fn progress(
        &self,
        routine: &Routine,
        id: &str,
        reset: Option<Timestamp>,
    ) -> Option<Vec<Progress>> {
        let empty = Runs::default();
        let runs = self.routines.get(id).unwrap_or(&empty);
        // How many of each run's sessions started after the reset.
        let mut counts = Vec::with_capacity(runs.runs.len());
        for run in &runs.runs {
            counts.push(match reset {
                None => run.count,
                Some(t) if t < run.first => run.count,
                Some(t) if t >= run.last => 0,
                Some(_) => return None,
            });
        }
        let progress = routine
            .exercises
            .iter()
            .filter_map(|e| {
                let p = e.progression?;
                let base = e.reps;
                let top = p.target.max(base);
                let index = runs.names.iter().position(|n| *n == e.name);
                let (mut reps, mut finished, mut stepped_back) = (base, 0u32, 0u32);
                for (run, &n) in runs.runs.iter().zip(&counts) {
                    if n == 0 {
                        continue;
                    }
                    let times = u32::try_from(n).unwrap_or(u32::MAX);
                    let in_full = index
                        .is_some_and(|i| u32::try_from(i).is_ok_and(|i| run.full.contains(&i)));
                    match run.says {
                        PainSays::StepBack => {
                            reps = reps.saturating_sub(p.step.saturating_mul(times)).max(base);
                            stepped_back = stepped_back.saturating_add(times);
                        }
                        PainSays::Grow if in_full => {
                            reps = reps.saturating_add(p.step.saturating_mul(times)).min(top);
                            finished = finished.saturating_add(times);
                        }
                        PainSays::Grow | PainSays::Hold => {}
                    }
                }
                Some(Progress {
                    exercise: e.name.clone(),
                    base,
                    step: p.step,
                    target: p.target,
                    finished,
                    stepped_back,
                    reps,
                })
            })
            .collect();
        Some(progress)
    }
}

impl Runs {
    fn add(&mut self, r: &Record) {
        let Ok(start) = r.start.parse::<Timestamp>() else {
            return;
        };
        let says = PainSays::of(r.pain_before, r.pain_after);
        let mut full = Vec::new();
        if says == PainSays::Grow && r.outcome == Outcome::Finished {
            for x in &r.exercises {
                if x.skipped || x.reps_planned == 0 || x.reps_done != x.reps_planned {
                    continue;
                }
                let i = match self.names.iter().position(|n| *n == x.name) {
                    Some(i) => i,
                    None => {
                        self.names.push(x.name.clone());
                        self.names.len() - 1
                    }
                };
                if let Ok(i) = u32::try_from(i) {
                    full.push(i);
                }
            }
            full.sort_unstable();
            full.dedup();
        }
        // A session that neither grows nor steps back any exercise changes
        // nothing: it is not kept, so runs break only where progression turns.
        if says == PainSays::Hold || (says == PainSays::Grow && full.is_empty()) {
            return;
        }
        match self.runs.last_mut() {
            Some(run) if run.says == says && run.full == full => {
                run.count += 1;
                run.first = run.first.min(start);
                run.last = run.last.max(start);
            }
            _ => self.runs.push(Run {
                says,
                full,
                count: 1,
                first: start,
                last: start,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ExerciseRecord, VERSION, parse_log, progress::progress};
    use super::*;
    use proptest::prelude::*;

    /// Two progressing exercises (steps 1 and 3, one whose target is not a whole
    /// number of steps away) and one that does not progress.
    const ROUTINE: &str = r#"
name = "Test"
[[exercise]]
name = "Glute bridge"
reps = 5
hold = "5s"
progression = { target = 12, step = 1 }
[[exercise]]
name = "Bird dog"
reps = 4
hold = "5s"
progression = { target = 15, step = 3 }
[[exercise]]
name = "Pelvic tilt"
reps = 10
"#;

    fn routine() -> Routine {
        crate::routine::parse(ROUTINE).unwrap()
    }

    /// A line of a log: sessions of two routines and the pack timer, episode
    /// records, notes and daily pain, damaged and cut lines, blank lines.
    fn line() -> impl Strategy<Value = String> {
        // Kind and routine, start (hours, and a half second now and then),
        // minutes long, the local offset, finished, pains, exercises (reps and
        // seconds), and a pack's applications.
        let session = (
            (0u8..6, 0u32..40 * 24, any::<bool>(), 1i64..180, -2i8..3),
            any::<bool>(),
            proptest::option::of(0u8..=10),
            proptest::option::of(0u8..=10),
            proptest::collection::vec(
                (
                    0usize..3,
                    0u32..4,
                    0u32..4,
                    any::<bool>(),
                    0u64..400,
                    0u64..400,
                ),
                0..3,
            ),
            proptest::option::of(0u32..3),
            proptest::collection::vec(0u64..1500, 0..3),
        )
            .prop_map(
                |(
                    (kind, hour, half, mins, offset),
                    finished,
                    before,
                    after,
                    exercises,
                    done,
                    applied,
                )| {
                    let start =
                        Timestamp::constant(1_767_225_600, if half { 500_000_000 } else { 0 })
                            + SignedDuration::from_hours(i64::from(hour));
                    let end = start + SignedDuration::from_mins(mins);
                    let offset = jiff::tz::Offset::constant(offset);
                    let names = ["Glute bridge", "Bird dog", "Pelvic tilt"];
                    let kind_ = [
                        SessionKind::Routine,
                        SessionKind::Routine,
                        SessionKind::Routine,
                        SessionKind::Ice,
                        SessionKind::Heat,
                        SessionKind::Contrast,
                    ][usize::from(kind)];
                    let pack = kind_ != SessionKind::Routine;
                    let r = Record {
                        v: VERSION,
                        kind: kind_,
                        name: "Test".into(),
                        routine: ["test", "other", "walk"]
                            .get(usize::from(kind))
                            .map(|&id| id.to_owned()),
                        hash: None,
                        start: start.display_with_offset(offset).to_string(),
                        end: end.display_with_offset(offset).to_string(),
                        active_seconds: u64::try_from(mins * 60).unwrap(),
                        outcome: if finished {
                            Outcome::Finished
                        } else {
                            Outcome::Stopped
                        },
                        stopped_at: None,
                        exercises: exercises
                            .into_iter()
                            .filter(|_| !pack)
                            .map(|(i, done, more, skipped, secs, secs_more)| ExerciseRecord {
                                name: names[i].into(),
                                reps_done: done,
                                reps_planned: done + more % 2,
                                seconds_done: secs,
                                seconds_planned: secs + secs_more % 3 * 100,
                                skipped,
                            })
                            .collect(),
                        pain_before: before,
                        pain_after: after,
                        applications_done: done.filter(|_| pack),
                        applications_planned: done.filter(|_| pack).map(|d| d + 1),
                        applications_skipped: None,
                        applied_seconds: if pack { applied } else { Vec::new() },
                        missed_switches: Vec::new(),
                    };
                    serde_json::to_string(&r).unwrap()
                },
            );
        prop_oneof![
            8 => session,
            1 => (0u32..40 * 24).prop_map(|h| {
                let at = Timestamp::constant(1_767_225_600, 0)
                    + SignedDuration::from_hours(i64::from(h));
                format!(r#"{{"v":1,"kind":"episode","event":"start","at":"{at}","onset":"{at}"}}"#)
            }),
            1 => (0u32..40 * 24, 0u8..=10).prop_map(|(h, p)| {
                let at = Timestamp::constant(1_767_225_600, 0)
                    + SignedDuration::from_hours(i64::from(h));
                format!(r#"{{"v":1,"kind":"pain","at":"{at}","pain":{p}}}"#)
            }),
            1 => "[a-z{}\":, ]{0,20}",
            1 => Just(r#"{"v":1,"kind":"routine","name":"cut"#.to_owned()),
            1 => Just(String::new()),
            1 => Just(r#"{"v":1,"kind":"note","at":"2026-01-02T00:00:00Z","text":"a note"}"#.to_owned()),
            1 => Just(r#"{"v":1,"kind":"psfs","at":"2026-01-02T00:00:00Z"}"#.to_owned()),
        ]
    }

    /// The latest time of a daily pain score.
    fn latest_pain(marks: &[Mark]) -> Option<Timestamp> {
        marks
            .iter()
            .filter(|m| matches!(m, Mark::Pain(_)))
            .filter_map(Mark::time)
            .max()
    }

    fn fold(text: &str) -> Summary {
        let mut s = Summary::default();
        s.bytes(text.as_bytes());
        s
    }

    /// What the summary says agrees with a full read of the same log.
    fn agrees(s: &Summary, text: &str, reset: Option<Timestamp>) -> Result<(), TestCaseError> {
        let full = parse_log(text.as_bytes());
        prop_assert_eq!(&s.episodes, &full.episodes);
        let ratings = |marks: &[Mark]| -> Vec<Mark> {
            marks
                .iter()
                .filter(|m| matches!(m, Mark::Function(_)))
                .cloned()
                .collect()
        };
        prop_assert_eq!(ratings(&s.marks), ratings(&full.marks));
        prop_assert_eq!(latest_pain(&s.marks), latest_pain(&full.marks));
        prop_assert!(
            s.marks
                .iter()
                .filter(|m| matches!(m, Mark::Pain(_)))
                .count()
                <= 1
        );
        prop_assert_eq!(&s.skips, &full.skips);
        prop_assert_eq!(s.sessions, full.sessions.len() as u64);
        let routine = routine();
        let whole = progress(&routine, "test", &full.sessions, reset);
        match s.progress(&routine, "test", reset) {
            Some(p) => prop_assert_eq!(p, whole),
            // Only a reset inside a run may leave it to the full read.
            None => prop_assert!(reset.is_some()),
        }
        prop_assert_eq!(
            s.progress(&routine, "test", None),
            Some(progress(&routine, "test", &full.sessions, None))
        );
        let tail = s.tail().unwrap();
        prop_assert_eq!(
            crate::today::pack_choice(&tail),
            crate::today::pack_choice(&full.sessions)
        );
        let newest = full
            .sessions
            .iter()
            .filter_map(|r| r.end.parse::<Timestamp>().ok())
            .max()
            .unwrap_or(Timestamp::constant(1_767_225_600, 0));
        for later in [0, 1, 30, 24 * 9, 24 * 12] {
            let now = newest + SignedDuration::from_hours(later);
            prop_assert!(s.covers(now));
            for back in [KEEP_DAYS - 1, 2] {
                let since = now - SignedDuration::from_hours(24 * back);
                let a: Vec<(Brief, Timestamp)> = crate::today::recent(&tail, since)
                    .into_iter()
                    .map(|(r, end)| (r.clone(), end))
                    .collect();
                let b: Vec<(Brief, Timestamp)> = crate::today::recent(&full.sessions, since)
                    .into_iter()
                    .map(|(r, end)| (Brief::of(r), end))
                    .collect();
                prop_assert_eq!(a, b);
            }
            prop_assert_eq!(
                crate::today::safety(None, &tail, now),
                crate::today::safety(None, &full.sessions, now)
            );
        }
        reads_as_the_records(&full.sessions, newest)
    }

    /// A plan whose items read every fact Today reads of a session: routines
    /// (finished or mostly done), walks, packs of either kind and of one kind
    /// (their applications' time on), `min_gap`, `pain_at_most`, per week.
    const PLAN: &str = r#"
name = "Test plan"
[[stage]]
name = "First"
from = "0h"
until = "4d"
items = [
  { pack = "heat or ice", per_day = 3, min_gap = "2h" },
  { routine = "test", per_day = 2, min_gap = "4h" },
  { walk = "5m", per_day = 3, min_gap = "1h" },
  { pack = "ice", per_day = 2, on = "15m" },
]
[[stage]]
name = "Then"
from = "4d"
items = [
  { routine = "test", per_week = 3, min_gap = "20h", pain_at_most = 3 },
  { walk = "30m", per_week = 5, min_gap = "20h" },
  { pack = "contrast", per_day = 1 },
]
"#;

    /// Today over the sessions' briefs (what the kept summary holds) is Today
    /// over the records themselves, for episodes and times around the newest.
    fn reads_as_the_records(records: &[Record], newest: Timestamp) -> Result<(), TestCaseError> {
        let plan = crate::plan::parse(PLAN).unwrap();
        let briefs: Vec<Brief> = records.iter().map(Brief::of).collect();
        for days in [1, 3, 6] {
            let episode = crate::episode::Episode {
                onset: newest - SignedDuration::from_hours(24 * days),
                ended: None,
                plan: "test".into(),
                screening: crate::episode::Screening::default(),
            };
            for later in [0, 2, 30] {
                let now = newest + SignedDuration::from_hours(later);
                let tz = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(1));
                prop_assert_eq!(
                    crate::today::today(&plan, &episode, &briefs, now, &tz),
                    crate::today::today(&plan, &episode, records, now, &tz)
                );
            }
        }
        for r in records {
            let b = Brief::of(r);
            prop_assert_eq!(
                (
                    b.kind(),
                    b.routine(),
                    b.start(),
                    b.end(),
                    b.pain_before(),
                    b.pain_after()
                ),
                (
                    r.kind(),
                    r.routine(),
                    r.start(),
                    r.end(),
                    r.pain_before(),
                    r.pain_after()
                )
            );
            prop_assert_eq!(
                (b.applications_done(), b.applied_seconds()),
                (r.applications_done(), r.applied_seconds())
            );
            prop_assert_eq!(
                (crate::today::enough(&b), crate::today::walked_in(&b)),
                (crate::today::enough(r), crate::today::walked_in(r))
            );
            for on in [0, 600, 900, 1200] {
                let on = std::time::Duration::from_secs(on);
                prop_assert_eq!(
                    crate::today::applications_counted(&b, on),
                    crate::today::applications_counted(r, on)
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A summary of every line, one of the first lines continued with the rest,
        /// and one kept as JSON and read back, all give what a full read gives.
        #[test]
        fn the_summary_gives_what_a_full_read_gives(
            lines in proptest::collection::vec(line(), 0..120),
            cut in any::<prop::sample::Index>(),
            reset_hour in proptest::option::of(0u32..40 * 24),
            newline_at_end in any::<bool>(),
        ) {
            let mut text = lines.join("\n");
            if newline_at_end && !text.is_empty() {
                text.push('\n');
            }
            let reset = reset_hour.map(|h| {
                Timestamp::constant(1_767_225_600, 0) + SignedDuration::from_hours(i64::from(h))
            });
            let whole = fold(&text);
            agrees(&whole, &text, reset)?;
            // Read from its kept text, its sessions unread until asked for.
            let unread: Summary = serde_json::from_str(&serde_json::to_string(&whole).unwrap()).unwrap();
            prop_assert_eq!(unread.tail(), whole.tail());
            let mut opened = unread.clone();
            prop_assert!(opened.open());
            prop_assert_eq!(&opened, &whole);
            prop_assert_eq!(opened.tail(), whole.tail());
            // Folded in two parts, cut at a line break, through JSON between them.
            let k = if lines.is_empty() { 0 } else { cut.index(lines.len()) };
            let head: String = lines[..k].iter().map(|l| format!("{l}\n")).collect();
            let kept = serde_json::to_string(&fold(&head)).unwrap();
            let mut again: Summary = serde_json::from_str(&kept).unwrap();
            again.bytes(&text.as_bytes()[head.len()..]);
            prop_assert_eq!(&again, &whole);
        }
    }

    #[test]
    fn a_reset_inside_a_run_is_left_to_the_full_read() {
        let mut s = Summary::default();
        for h in [0, 1, 2] {
            let start = Timestamp::constant(1_767_225_600, 0) + SignedDuration::from_hours(h);
            let line = format!(
                r#"{{"v":1,"kind":"routine","name":"Test","routine":"test","start":"{start}","end":"{start}","active_seconds":0,"outcome":"finished","exercises":[{{"name":"Glute bridge","reps_done":5,"reps_planned":5,"seconds_done":0,"seconds_planned":0,"skipped":false}}]}}"#
            );
            s.line(line.as_bytes());
        }
        let inside = Timestamp::constant(1_767_225_600, 0) + SignedDuration::from_mins(90);
        assert_eq!(s.progress(&routine(), "test", Some(inside)), None);
        let grown = s.progress(&routine(), "test", None).unwrap();
        assert_eq!((grown[0].reps, grown[0].finished), (8, 3));
    }
}
