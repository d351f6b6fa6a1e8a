//! The red-flag questions over an episode: each round of answers, the checks, and
//! what still stands (split from `episode.rs`, which holds the records and the
//! episodes they describe).

use jiff::Timestamp;

use super::{Answers, LegacyFlag};
use crate::red_flags::{Sign, Tier};

/// One round of red-flag questions: when, what was asked, what was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub at: Timestamp,
    pub answers: Answers,
}

/// The red-flag questions over an episode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screening {
    /// Each round of answers, oldest first (the start's first, if it asked any).
    pub rounds: Vec<Round>,
    /// The start was recorded by supple before version 2 (its combined
    /// questions, "yes" answers in `legacy`).
    pub old_form: bool,
    pub legacy: Vec<LegacyFlag>,
    /// When the episode was started (when the old answers were given).
    pub started: Option<Timestamp>,
    /// When the person said they had been checked, oldest first.
    pub checked: Vec<Timestamp>,
}

/// A "yes" that still stands (no check recorded since): what was said, its tier,
/// and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub what: String,
    pub tier: Tier,
    pub at: Timestamp,
}

impl Screening {
    /// The signs never asked in this episode, in asking order: all of them when the
    /// questions could not be asked at the start or were asked in the old form.
    pub fn unasked(&self) -> Vec<Sign> {
        Sign::ALL
            .into_iter()
            .filter(|s| !self.rounds.iter().any(|r| r.answers.asked.contains(s)))
            .collect()
    }

    /// When the questions were first answered, if ever.
    pub fn first_asked(&self) -> Option<Timestamp> {
        self.rounds.first().map(|r| r.at)
    }

    /// When the emergency signs were last asked: the latest round that asked one
    /// of them, by which time every one of them had been asked.
    pub fn emergency_asked_at(&self) -> Option<Timestamp> {
        let mut seen: Vec<Sign> = Vec::new();
        let mut when = None;
        for r in &self.rounds {
            seen.extend(r.answers.asked.iter().copied());
            let asked_one = r.answers.asked.iter().any(|s| s.tier() == Tier::Emergency);
            if asked_one && Tier::Emergency.signs().all(|s| seen.contains(&s)) {
                when = Some(r.at);
            }
        }
        when
    }

    /// A check recorded at or after `at` (to the second: records keep whole seconds).
    fn checked_since(&self, at: Timestamp) -> bool {
        self.checked.iter().any(|c| c.as_second() >= at.as_second())
    }

    /// The answers that still stand, most urgent first: a "yes" with no check
    /// recorded since. An old-form "yes" stands at the most urgent tier it could
    /// mean until its signs have been asked one by one.
    pub fn standing(&self) -> Vec<Standing> {
        let mut out = Vec::new();
        if let Some(started) = self.started {
            for f in &self.legacy {
                let reasked = f.covers().iter().all(|s| {
                    self.rounds
                        .iter()
                        .any(|r| r.at >= started && r.answers.asked.contains(s))
                });
                if !reasked && !self.checked_since(started) {
                    out.push(Standing {
                        what: f.label().to_owned(),
                        tier: f.tier(),
                        at: started,
                    });
                }
            }
        }
        for r in &self.rounds {
            if self.checked_since(r.at) || r.answers.yes.is_empty() {
                continue;
            }
            if r.answers.together {
                let tier = r
                    .answers
                    .yes
                    .iter()
                    .map(|s| s.tier())
                    .max()
                    .unwrap_or(Tier::Emergency);
                out.push(Standing {
                    what: format!("one of the {} signs", tier.title().to_lowercase()),
                    tier,
                    at: r.at,
                });
                continue;
            }
            for s in &r.answers.yes {
                if !out.iter().any(|o| o.what == s.short()) {
                    out.push(Standing {
                        what: s.short().to_owned(),
                        tier: s.tier(),
                        at: r.at,
                    });
                }
            }
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.tier));
        out
    }

    /// The questions' story in plain lines, for `supple episode` and the report:
    /// when each round was asked and what was said, "not asked", checks. Each line
    /// says whether it is a "yes" (to highlight).
    pub fn describe(&self, tz: &jiff::tz::TimeZone) -> Vec<(bool, String)> {
        let when = |t: Timestamp| {
            t.to_zoned_datetime(tz.clone())
                .strftime("%a %-d %b %Y %H:%M")
                .to_string()
        };
        let mut out = Vec::new();
        if self.old_form {
            let said: Vec<&str> = self.legacy.iter().map(|f| f.label()).collect();
            let said = if said.is_empty() {
                "none answered yes".to_owned()
            } else {
                format!("yes to {}", said.join("; "))
            };
            out.push((
                !self.legacy.is_empty(),
                format!(
                    "Red-flag questions at the start{}: asked in an older, combined form ({said}).",
                    self.started
                        .map(|t| format!(", {}", when(t)))
                        .unwrap_or_default()
                ),
            ));
        }
        if self.rounds.is_empty() && self.old_form {
            out.push((
                true,
                "The signs one by one: not asked yet; supple asks them at its next interactive start.".to_owned(),
            ));
        } else if self.rounds.is_empty() {
            out.push((
                true,
                "Red-flag questions: not asked (nobody could answer when it was recorded); supple asks them at its next interactive start.".to_owned(),
            ));
        }
        for (i, r) in self.rounds.iter().enumerate() {
            let a = &r.answers;
            let what = if a.together {
                format!("the {} emergency signs, as one question", a.asked.len())
            } else if a.asked.len() == Sign::ALL.len() {
                format!("all {} signs, one by one", a.asked.len())
            } else {
                format!("{} signs, one by one", a.asked.len())
            };
            let said = if a.yes.is_empty() {
                "all no".to_owned()
            } else if a.together {
                "yes, one of them".to_owned()
            } else {
                let yes: Vec<&str> = a.yes.iter().map(|s| s.short()).collect();
                format!("yes to {}", yes.join(", "))
            };
            let head = if i == 0 {
                "Red-flag questions asked"
            } else {
                "Asked again"
            };
            out.push((
                !a.yes.is_empty(),
                format!("{head} {}: {what}; {said}.", when(r.at)),
            ));
        }
        for c in &self.checked {
            out.push((
                false,
                format!("Checked by a doctor or nurse, as recorded: {}.", when(*c)),
            ));
        }
        out
    }

    /// The most urgent tier of the answers that stand.
    pub fn tier(&self) -> Option<Tier> {
        self.standing().iter().map(|s| s.tier).max()
    }
}
