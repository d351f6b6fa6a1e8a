//! Records that are not sessions nor episode events: a note for the physiotherapist
//! (`supple note`), the day's pain (`supple pain`, "average pain over the last
//! 24 hours", 0-10) and an activity's rating on the Patient-Specific Functional
//! Scale (`supple function`, 0 unable to 10 as before; [`crate::function`]). Each is
//! a line of its own kind in the history log:
//!
//! ```text
//! {"kind":"note","v":1,"at":"2026-11-23T18:05:00+01:00","text":"flared after lifting the shopping"}
//! {"kind":"pain","v":1,"at":"2026-11-23T09:00:00+01:00","pain":5}
//! {"kind":"function","v":1,"at":"2026-11-23T09:01:00+01:00","activity":"Putting on socks","score":3}
//! ```
//!
//! A supple older than these kinds skips such a line with a warning ("not a
//! session record (unknown variant `note`…)") and reads every other line as before.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::VERSION;
use super::record::{EARLIEST, LATEST};

/// The longest note kept, in characters.
pub const MAX_NOTE: usize = 2000;

/// The longest activity name kept, in characters.
pub const MAX_ACTIVITY: usize = 80;

/// An activity name as it is kept: one line, trimmed, at most [`MAX_ACTIVITY`]
/// characters, every control character gone; `None` when nothing is left.
pub fn clean_activity(text: &str) -> Option<String> {
    let one: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = one.split_whitespace().collect();
    let joined = words.join(" ");
    let kept: String = joined.chars().take(MAX_ACTIVITY).collect();
    let kept = kept.trim().to_owned();
    (!kept.is_empty()).then_some(kept)
}

/// A note, a daily pain score or an activity's rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Mark {
    Note(Note),
    Pain(DailyPain),
    Function(Rating),
}

/// A dated note, in the person's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub v: u32,
    /// RFC 3339 with the local offset.
    pub at: String,
    pub text: String,
}

/// Average pain over the last 24 hours, 0 (none) to 10 (the worst you can imagine).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyPain {
    pub v: u32,
    /// RFC 3339 with the local offset.
    pub at: String,
    pub pain: u8,
}

/// One activity rated on the Patient-Specific Functional Scale: 0 (unable to
/// perform activity) to 10 (able to perform activity at the same level as before
/// injury or problem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub v: u32,
    /// RFC 3339 with the local offset.
    pub at: String,
    /// The activity, in the person's words (one line, at most
    /// [`MAX_ACTIVITY`] characters).
    pub activity: String,
    pub score: u8,
}

impl Mark {
    pub fn note(at: &str, text: &str) -> Mark {
        Mark::Note(Note {
            v: VERSION,
            at: at.to_owned(),
            text: text.trim().chars().take(MAX_NOTE).collect(),
        })
    }

    pub fn pain(at: &str, pain: u8) -> Mark {
        Mark::Pain(DailyPain {
            v: VERSION,
            at: at.to_owned(),
            pain,
        })
    }

    /// An activity rated 0-10 (its name cleaned by [`clean_activity`]).
    pub fn rating(at: &str, activity: &str, score: u8) -> Mark {
        Mark::Function(Rating {
            v: VERSION,
            at: at.to_owned(),
            activity: clean_activity(activity).unwrap_or_default(),
            score,
        })
    }

    /// When it was written.
    pub fn at(&self) -> &str {
        match self {
            Mark::Note(n) => &n.at,
            Mark::Pain(p) => &p.at,
            Mark::Function(r) => &r.at,
        }
    }

    /// When it was written, if the time reads.
    pub fn time(&self) -> Option<Timestamp> {
        self.at().parse().ok()
    }

    /// Whether the values make sense (as [`super::Record::check`]).
    pub fn check(&self) -> Result<(), String> {
        let v = match self {
            Mark::Note(n) => n.v,
            Mark::Pain(p) => p.v,
            Mark::Function(r) => r.v,
        };
        if v == 0 || v > VERSION {
            return Err(format!(
                "record format {v} is not one this supple reads (it reads {VERSION}); a newer supple wrote it?"
            ));
        }
        let t: Timestamp = self.at().parse().map_err(|_| {
            format!(
                "its time '{}' is not an RFC 3339 time",
                crate::text::sanitize(self.at())
            )
        })?;
        if t < EARLIEST || t >= LATEST {
            return Err("its time is outside 2000-2199".into());
        }
        match self {
            Mark::Pain(p) if p.pain > 10 => Err(format!("pain {} is not 0-10", p.pain)),
            Mark::Note(n) if n.text.trim().is_empty() => Err("the note is empty".into()),
            Mark::Note(n) if n.text.chars().count() > MAX_NOTE => {
                Err(format!("the note is longer than {MAX_NOTE} characters"))
            }
            Mark::Function(r) if r.score > 10 => {
                Err(format!("the activity's score {} is not 0-10", r.score))
            }
            Mark::Function(r)
                if clean_activity(&r.activity).as_deref() != Some(r.activity.as_str()) =>
            {
                Err(format!(
                    "the activity's name is empty, longer than {} characters or more than one line",
                    MAX_ACTIVITY
                ))
            }
            _ => Ok(()),
        }
    }
}
