//! Episodes: one bout of back pain, from the moment it began until the person says
//! it has settled. An episode is two records in the history log (a start, later an
//! end), so nothing is ever rewritten: the episodes are what the records say, read
//! in order. Pure: the log lives in [`crate::store::log`].

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::core::guidance;

/// The record format this build writes for episodes (the same number sessions use).
pub const VERSION: u32 = 1;

/// The one `kind` an episode record has, so that a log line says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EpisodeKind {
    Episode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Event {
    /// The pain began (at `onset`); recorded at `at`.
    Start,
    /// It has settled.
    End,
}

/// A red-flag question answered "yes" when the episode was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    LegNumbness,
    BladderBowel,
    Fever,
    Injury,
    WeightLoss,
}

impl Flag {
    /// Asked in this order.
    pub const ALL: [Flag; 5] = [
        Flag::LegNumbness,
        Flag::BladderBowel,
        Flag::Fever,
        Flag::Injury,
        Flag::WeightLoss,
    ];

    /// The question, answered yes or no.
    pub fn question(self) -> &'static str {
        match self {
            Flag::LegNumbness => {
                "New numbness or weakness in a leg, the buttocks or around the groin?"
            }
            Flag::BladderBowel => "Any loss of bladder or bowel control?",
            Flag::Fever => "A fever with the back pain?",
            Flag::Injury => "Did it start with a fall, a car accident or another hard knock?",
            Flag::WeightLoss => "Weight loss you cannot explain?",
        }
    }

    /// What a "yes" means: an emergency, or a doctor soon.
    pub fn advice(self) -> &'static str {
        match self {
            Flag::BladderBowel => guidance::EMERGENCY,
            _ => guidance::FLAG_ANSWERED,
        }
    }

    /// The answer needs help at once.
    pub fn urgent(self) -> bool {
        self == Flag::BladderBowel
    }

    /// A short name for listings.
    pub fn label(self) -> &'static str {
        match self {
            Flag::LegNumbness => "numbness or weakness",
            Flag::BladderBowel => "bladder or bowel control",
            Flag::Fever => "fever",
            Flag::Injury => "after an injury",
            Flag::WeightLoss => "weight loss",
        }
    }
}

/// One line of the log about an episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EpisodeRecord {
    pub v: u32,
    pub kind: EpisodeKind,
    pub event: Event,
    /// When this was recorded (RFC 3339 with the local offset).
    pub at: String,
    /// When the pain began (start only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onset: Option<String>,
    /// The plan it follows (start only; the bundled one when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// The red-flag questions answered yes (start only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
}

/// The earliest and latest times a record may hold.
const EARLIEST: Timestamp = Timestamp::constant(946_684_800, 0); // 2000-01-01
const LATEST: Timestamp = Timestamp::constant(7_258_118_400, 0); // 2200-01-01

/// The plan an episode follows when it names none.
pub const DEFAULT_PLAN: &str = "back-spasm";

/// The longest plan name kept.
const MAX_NAME: usize = 100;

impl EpisodeRecord {
    /// The record for an episode that began at `onset`, recorded at `at`.
    pub fn start(at: &str, onset: &str, plan: Option<&str>, flags: Vec<Flag>) -> EpisodeRecord {
        EpisodeRecord {
            v: VERSION,
            kind: EpisodeKind::Episode,
            event: Event::Start,
            at: at.to_owned(),
            onset: Some(onset.to_owned()),
            plan: plan.map(str::to_owned),
            flags,
        }
    }

    /// The record that ends the open episode.
    pub fn end(at: &str) -> EpisodeRecord {
        EpisodeRecord {
            v: VERSION,
            kind: EpisodeKind::Episode,
            event: Event::End,
            at: at.to_owned(),
            onset: None,
            plan: None,
            flags: Vec::new(),
        }
    }

    /// Whether the values make sense (the log is untrusted): times that parse and
    /// lie in 2000-2199, an onset no later than the record, a start with an onset.
    pub fn check(&self) -> Result<(), String> {
        if self.v == 0 || self.v > VERSION {
            return Err(format!(
                "record format {} is not one this supple reads (it reads {VERSION})",
                self.v
            ));
        }
        let at = time("recorded", &self.at)?;
        match (self.event, &self.onset) {
            (Event::Start, None) => return Err("an episode start without its 'onset'".into()),
            (Event::Start, Some(onset)) => {
                // A little room for clocks that disagree.
                if time("onset", onset)? > at + jiff::SignedDuration::from_hours(1) {
                    return Err("the pain began after it was recorded".into());
                }
            }
            (Event::End, Some(_)) => return Err("an episode end with an 'onset'".into()),
            (Event::End, None) => {}
        }
        if self
            .plan
            .as_ref()
            .is_some_and(|p| p.chars().count() > MAX_NAME)
        {
            return Err(format!("a plan name longer than {MAX_NAME} characters"));
        }
        if self.flags.len() > Flag::ALL.len() {
            return Err("more red-flag answers than there are questions".into());
        }
        Ok(())
    }
}

fn time(what: &str, s: &str) -> Result<Timestamp, String> {
    let t: Timestamp = s.parse().map_err(|_| {
        format!(
            "its {what} time '{}' is not an RFC 3339 time",
            crate::core::text::sanitize(s)
        )
    })?;
    if t < EARLIEST || t >= LATEST {
        return Err(format!("its {what} time is outside 2000-2199"));
    }
    Ok(t)
}

/// The furthest back an onset may be given: a year.
pub const MAX_AGO: Duration = Duration::from_secs(366 * 24 * 3600);

/// When the pain began, from what a person types after `--at`: an RFC 3339 time
/// (`2026-11-30T18:00:00+01:00`), a local date and time (`2026-11-30 18:00`), a
/// date (its midnight), or a time of day (`18:00`: the last time the clock showed
/// it). `now` and `tz` place the local forms. Never in the future, never over a
/// year ago.
pub fn parse_onset(
    text: &str,
    now: Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<Timestamp, String> {
    let text = text.trim();
    let local = |dt: jiff::civil::DateTime| {
        dt.to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp())
            // jiff's own words name its internals ("Unix timestamp seconds"): not said.
            .map_err(|_| {
                format!(
                    "'{}' is not a time supple can place (a date past year 9999, or a time skipped by a clock change); give the time the pain began",
                    crate::core::text::sanitize(text)
                )
            })
    };
    let at = if let Ok(t) = text.parse::<Timestamp>() {
        t
    } else if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
        local(dt)?
    } else if let Ok(time) = text.parse::<jiff::civil::Time>() {
        let today = now.to_zoned_datetime(tz.clone()).date();
        let t = local(today.to_datetime(time))?;
        if t > now {
            let yesterday = today.yesterday().map_err(|e| e.to_string())?;
            local(yesterday.to_datetime(time))?
        } else {
            t
        }
    } else {
        return Err(format!(
            "'{}' is not a time supple reads: write it like 2026-11-30 18:00 (local time), 18:00 (the last one), or 2026-11-30T18:00:00+01:00",
            crate::core::text::sanitize(text)
        ));
    };
    if at > now + jiff::SignedDuration::from_mins(1) {
        return Err(format!(
            "{} is in the future: give the time the pain began",
            at.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M")
        ));
    }
    let back = Duration::try_from(now.duration_since(at)).unwrap_or_default();
    if back > MAX_AGO {
        return Err(
            "that is over a year ago: an episode is one bout of pain, counted from when it began"
                .into(),
        );
    }
    Ok(at.min(now))
}

/// One bout of back pain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Episode {
    /// When the pain began.
    pub onset: Timestamp,
    /// When it was recorded as settled; `None` while open.
    pub ended: Option<Timestamp>,
    /// The plan it follows.
    pub plan: String,
    /// The red-flag questions answered yes.
    pub flags: Vec<Flag>,
}

impl Episode {
    /// How long since the pain began, at `now` (zero if the clock says earlier).
    pub fn since(&self, now: Timestamp) -> Duration {
        let end = self.ended.map_or(now, |e| e.min(now));
        Duration::try_from(end.duration_since(self.onset)).unwrap_or_default()
    }

    /// Day N of the episode: the first 24 hours are day 1.
    pub fn day(&self, now: Timestamp) -> u64 {
        self.since(now).as_secs() / (24 * 3600) + 1
    }

    /// How long it lasted, once ended.
    pub fn length(&self) -> Option<Duration> {
        let end = self.ended?;
        Duration::try_from(end.duration_since(self.onset)).ok()
    }
}

/// The episodes the records describe, oldest first. A start while one is open
/// ends that one where the new one begins (a person who forgot `episode end`); an
/// end with none open is ignored. Records that fail [`EpisodeRecord::check`] are
/// not here: the log reader skips them with a warning.
pub fn episodes(records: &[EpisodeRecord]) -> Vec<Episode> {
    let mut out: Vec<Episode> = Vec::new();
    for r in records {
        let Ok(at) = r.at.parse::<Timestamp>() else {
            continue;
        };
        let open = out.last_mut().filter(|e| e.ended.is_none());
        match r.event {
            Event::Start => {
                let Some(onset) = r.onset.as_deref().and_then(|o| o.parse().ok()) else {
                    continue;
                };
                if let Some(open) = open {
                    open.ended = Some(at.max(open.onset));
                }
                out.push(Episode {
                    onset,
                    ended: None,
                    plan: r.plan.clone().unwrap_or_else(|| DEFAULT_PLAN.to_owned()),
                    flags: r.flags.clone(),
                });
            }
            Event::End => {
                if let Some(open) = open {
                    open.ended = Some(at.max(open.onset));
                }
            }
        }
    }
    out
}

/// The open episode, if any.
pub fn open(records: &[EpisodeRecord]) -> Option<Episode> {
    episodes(records).pop().filter(|e| e.ended.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn day_one_is_the_first_24_hours() {
        let e = Episode {
            onset: ts("2026-11-30T18:00:00Z"),
            ended: None,
            plan: DEFAULT_PLAN.into(),
            flags: Vec::new(),
        };
        assert_eq!(e.day(ts("2026-11-30T18:00:00Z")), 1);
        assert_eq!(e.day(ts("2026-12-01T17:59:59Z")), 1);
        assert_eq!(e.day(ts("2026-12-01T18:00:00Z")), 2);
        // A clock before the onset is day 1, never a panic or day 0.
        assert_eq!(e.day(ts("2026-11-01T00:00:00Z")), 1);
    }

    #[test]
    fn a_new_start_ends_the_open_one_and_a_stray_end_is_ignored() {
        let records = [
            EpisodeRecord::end("2026-11-01T00:00:00Z"),
            EpisodeRecord::start("2026-11-02T00:00:00Z", "2026-11-01T20:00:00Z", None, vec![]),
            EpisodeRecord::start(
                "2026-11-20T00:00:00Z",
                "2026-11-20T00:00:00Z",
                Some("mine"),
                vec![Flag::Fever],
            ),
        ];
        let all = episodes(&records);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].ended, Some(ts("2026-11-20T00:00:00Z")));
        let open = open(&records).unwrap();
        assert_eq!(open.plan, "mine");
        assert_eq!(open.flags, [Flag::Fever]);
        let mut closed = records.to_vec();
        closed.push(EpisodeRecord::end("2026-11-25T00:00:00Z"));
        assert!(super::open(&closed).is_none());
        assert_eq!(
            episodes(&closed)[1].length(),
            Some(Duration::from_secs(5 * 24 * 3600))
        );
    }

    #[test]
    fn onsets_in_the_forms_people_type() {
        let tz = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
        let now = ts("2026-12-01T10:00:00Z"); // 11:00 in Paris
        let local = |s: &str| parse_onset(s, now, &tz).map(|t| t.to_string());
        assert_eq!(local("2026-11-30 18:00").unwrap(), "2026-11-30T17:00:00Z");
        assert_eq!(local("2026-11-30T18:00").unwrap(), "2026-11-30T17:00:00Z");
        assert_eq!(
            local("2026-11-30T18:00:00+00:00").unwrap(),
            "2026-11-30T18:00:00Z"
        );
        // A time of day is the last one: 09:00 today, 18:00 yesterday.
        assert_eq!(local("09:00").unwrap(), "2026-12-01T08:00:00Z");
        assert_eq!(local("18:00").unwrap(), "2026-11-30T17:00:00Z");
        assert!(local("2026-12-02 09:00").unwrap_err().contains("future"));
        assert!(
            local("2020-01-01 09:00")
                .unwrap_err()
                .contains("over a year")
        );
        assert!(
            local("yesterday-ish")
                .unwrap_err()
                .contains("write it like")
        );
    }

    #[test]
    fn absurd_records_are_refused() {
        let mut r =
            EpisodeRecord::start("2026-11-02T00:00:00Z", "2026-11-05T00:00:00Z", None, vec![]);
        assert!(r.check().unwrap_err().contains("began after"));
        r.onset = None;
        assert!(r.check().is_err());
        let mut r = EpisodeRecord::end("9999-01-01T00:00:00Z");
        assert!(r.check().is_err());
        r.at = "2026-11-05T00:00:00Z".into();
        assert!(r.check().is_ok());
        r.v = 2;
        assert!(r.check().is_err());
    }
}
