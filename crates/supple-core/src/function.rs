//! Function, measured with the Patient-Specific Functional Scale (PSFS; Stratford
//! et al., Physiotherapy Canada 1995; free to use): the person names up to three
//! important activities they find hard because of their back, and rates each from
//! 0 (unable to perform activity) to 10 (able to perform activity at the same
//! level as before injury or problem). At later times the same activities are rated again.
//! Each rating is a record of its own kind in the log
//! ([`crate::history::mark::Rating`]); this module says which activities an
//! episode has, when they are due again, and how each changed.

use jiff::Timestamp;

use crate::episode::Episode;
use crate::history::mark::Mark;

/// The most activities the scale asks for.
pub const MAX_ACTIVITIES: usize = 3;

/// How often Today asks the activities again: once a week.
pub const EVERY: jiff::SignedDuration = jiff::SignedDuration::from_hours(7 * 24);

/// The scale's own anchors, word for word from the published form's scoring
/// scheme ("Unable to perform activity", "Able to perform activity at the same
/// level as before injury or problem").
pub const LOW: &str = "0 = unable to perform activity";
pub const HIGH: &str =
    "10 = able to perform activity at the same level as before injury or problem";

/// The question that names an activity: the form's initial assessment, its blank
/// filled with "back", and its "up to three important activities" after it.
pub const NAME_ASK: &str = "Today, are there any activities that you are unable to do or having difficulty with because of your back problem? (up to three important ones, one at a time)";

/// The question of a follow-up, before each activity named (the form's own).
pub const AGAIN_ASK: &str = "Today, do you still have difficulty with:";

/// The smallest change that is more than measurement error, in points (90 %
/// confidence): 3 for one activity, 2 for the average of the activities (the
/// published form, after Stratford et al. 1995).
pub const CHANGE_ONE: i16 = 3;
pub const CHANGE_AVERAGE: f64 = 2.0;

/// The sentence the report gives with those figures.
pub const CHANGE_SOURCE: &str = "Minimum detectable change (90 % confidence), from the scale's published form (after Stratford et al., Physiotherapy Canada 1995): 3 points for one activity, 2 for the average. A change at least that large is more than measurement error; it is a threshold of measurement, not of importance.";

/// Whether two names are the same activity (case and spacing aside).
pub fn same(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    key(a) == key(b)
}

/// When an episode's activities count from: when it was started (ratings are
/// given then or later), else its onset.
pub fn since(episode: &Episode) -> Timestamp {
    episode.screening.started.unwrap_or(episode.onset)
}

/// The activities rated at `since` or later, in the order they were first named,
/// at most [`MAX_ACTIVITIES`], each with its latest rating and when.
pub fn activities(marks: &[Mark], since: Timestamp) -> Vec<(String, u8, Timestamp)> {
    let mut out: Vec<(String, u8, Timestamp)> = Vec::new();
    for m in marks {
        let (Mark::Function(r), Some(t)) = (m, m.time()) else {
            continue;
        };
        if t < since {
            continue;
        }
        match out.iter().position(|(name, _, _)| same(name, &r.activity)) {
            Some(i) if t >= out[i].2 => {
                out[i].1 = r.score;
                out[i].2 = t;
            }
            Some(_) => {}
            None if out.len() < MAX_ACTIVITIES => out.push((r.activity.clone(), r.score, t)),
            None => {}
        }
    }
    out
}

/// Whether the open `episode`'s activities are due to be rated again at `now`:
/// some were named, and the last rating is a week old or more.
pub fn due(marks: &[Mark], episode: &Episode, now: Timestamp) -> bool {
    if episode.ended.is_some() {
        return false;
    }
    let named = activities(marks, since(episode));
    let Some(last) = named.iter().map(|(_, _, t)| *t).max() else {
        return false;
    };
    now >= last + EVERY
}

/// One activity's ratings over a period, and how it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub activity: String,
    /// Each rating: when (local date) and the score, oldest first.
    pub ratings: Vec<(jiff::civil::Date, u8)>,
}

impl Trend {
    pub fn first(&self) -> Option<(jiff::civil::Date, u8)> {
        self.ratings.first().copied()
    }

    pub fn latest(&self) -> Option<(jiff::civil::Date, u8)> {
        self.ratings.last().copied()
    }

    /// Latest minus first (positive: better), when rated twice or more.
    pub fn change(&self) -> Option<i16> {
        if self.ratings.len() < 2 {
            return None;
        }
        Some(i16::from(self.latest()?.1) - i16::from(self.first()?.1))
    }

    /// Whether the change is more than measurement error ([`CHANGE_ONE`]).
    pub fn beyond_error(&self) -> bool {
        self.change().is_some_and(|c| c.abs() >= CHANGE_ONE)
    }
}

/// The average of the first ratings against the average of the latest, over the
/// activities rated twice or more: (how many, first, latest, change). `None`
/// unless two or more were: the average of one activity is that activity, whose
/// own threshold (3 points) is not the average's (2).
pub fn average(trends: &[Trend]) -> Option<(usize, f64, f64, f64)> {
    let pairs: Vec<(u8, u8)> = trends
        .iter()
        .filter(|t| t.change().is_some())
        .filter_map(|t| Some((t.first()?.1, t.latest()?.1)))
        .collect();
    if pairs.len() < 2 {
        return None;
    }
    let n = pairs.len() as f64;
    let first = pairs.iter().map(|p| f64::from(p.0)).sum::<f64>() / n;
    let latest = pairs.iter().map(|p| f64::from(p.1)).sum::<f64>() / n;
    Some((pairs.len(), first, latest, latest - first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::mark::{MAX_ACTIVITY, clean_activity};

    fn rating(at: &str, activity: &str, score: u8) -> Mark {
        Mark::rating(at, activity, score)
    }

    #[test]
    fn names_are_one_clean_line() {
        assert_eq!(
            clean_activity("  putting on\n socks \u{1b}[2J "),
            Some("putting on socks [2J".into())
        );
        assert_eq!(clean_activity(" \t\n"), None);
        assert_eq!(
            clean_activity(&"a".repeat(200)).map(|s| s.chars().count()),
            Some(MAX_ACTIVITY)
        );
        assert!(same("Putting on  socks", "putting on socks"));
    }

    #[test]
    fn activities_are_the_first_three_named_with_their_latest_rating() {
        let since: Timestamp = "2026-11-01T08:00:00Z".parse().unwrap();
        let marks = [
            rating("2026-10-30T08:00:00Z", "Old", 1),
            rating("2026-11-01T08:00:00Z", "Socks", 2),
            rating("2026-11-01T08:00:10Z", "Sitting", 3),
            rating("2026-11-01T08:00:20Z", "Lifting", 4),
            rating("2026-11-01T08:00:30Z", "Fourth", 5),
            rating("2026-11-08T08:00:00Z", "socks", 6),
        ];
        let got = activities(&marks, since);
        let names: Vec<&str> = got.iter().map(|a| a.0.as_str()).collect();
        assert_eq!(names, ["Socks", "Sitting", "Lifting"]);
        assert_eq!(got[0].1, 6);
    }

    #[test]
    fn a_trend_says_its_change_and_whether_it_is_beyond_error() {
        let d = |day: i8| jiff::civil::date(2026, 11, day);
        let socks = Trend {
            activity: "Socks".into(),
            ratings: vec![(d(1), 2), (d(8), 4), (d(15), 7)],
        };
        assert_eq!(socks.change(), Some(5));
        assert!(socks.beyond_error());
        let sitting = Trend {
            activity: "Sitting".into(),
            ratings: vec![(d(1), 5), (d(15), 7)],
        };
        assert_eq!(sitting.change(), Some(2));
        assert!(!sitting.beyond_error());
        let once = Trend {
            activity: "Once".into(),
            ratings: vec![(d(1), 5)],
        };
        assert_eq!(once.change(), None);
        // (2 + 5) / 2 = 3.5 first, (7 + 7) / 2 = 7 latest, +3.5; "Once" is left out.
        assert_eq!(
            average(&[socks.clone(), sitting, once.clone()]),
            Some((2, 3.5, 7.0, 3.5))
        );
        // One activity rated twice has no average to judge by the average's threshold.
        assert_eq!(average(&[socks, once]), None);
    }
}
