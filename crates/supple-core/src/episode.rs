//! Episodes: one bout of back pain, from the moment it began until the person says
//! it has settled. An episode is two records in the history log (a start, later an
//! end), so nothing is ever rewritten: the episodes are what the records say, read
//! in order. Pure: the log lives in [`crate::store::log`].

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::red_flags::{Sign, Tier};

mod screening;
pub use screening::{Round, Screening, Standing};

/// The record format this build writes for episodes: 2 added the red-flag answers
/// sign by sign (`asked`, `yes`) and the `answers` and `checked` events; 1 is read.
pub const VERSION: u32 = 2;

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
    /// The red-flag questions were answered (again) during the open episode.
    Answers,
    /// The person says a doctor or nurse has checked them since their answers.
    Checked,
}

/// An answer recorded by supple before version 2, which asked five combined
/// questions and kept only the "yes" answers. Such an episode is asked again, sign
/// by sign, at the next interactive start; until then a "yes" stands at the most
/// urgent tier it could mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegacyFlag {
    LegNumbness,
    BladderBowel,
    Fever,
    Injury,
    WeightLoss,
}

impl LegacyFlag {
    /// The old question's words, for listings.
    pub fn label(self) -> &'static str {
        match self {
            LegacyFlag::LegNumbness => "numbness or weakness in a leg, the buttocks or the groin",
            LegacyFlag::BladderBowel => "bladder or bowel control",
            LegacyFlag::Fever => "fever",
            LegacyFlag::Injury => "after a fall, an accident or a knock",
            LegacyFlag::WeightLoss => "weight loss",
        }
    }

    /// The signs the old question mixed together.
    pub fn covers(self) -> &'static [Sign] {
        match self {
            LegacyFlag::LegNumbness => &[Sign::Saddle, Sign::BothLegs, Sign::OneLeg],
            LegacyFlag::BladderBowel => &[Sign::Peeing, Sign::Control],
            LegacyFlag::Fever => &[Sign::Fever],
            LegacyFlag::Injury => &[Sign::Accident, Sign::Fall],
            LegacyFlag::WeightLoss => &[Sign::WeightLoss],
        }
    }

    /// The most urgent tier among the signs it mixed.
    pub fn tier(self) -> Tier {
        self.covers()
            .iter()
            .map(|s| s.tier())
            .max()
            .unwrap_or(Tier::SameDay)
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
    /// Version 1's combined questions answered yes (start only; never written now).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<LegacyFlag>,
    /// The red-flag signs asked (start and answers). Empty on a start: not asked
    /// (nobody could answer). Absent on a start: a version 1 record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked: Option<Vec<Sign>>,
    /// Of those, the ones answered yes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub yes: Vec<Sign>,
    /// The signs were asked together, as one question ("any of these?"): a "yes"
    /// means one of them, and `yes` then holds them all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub together: bool,
}

/// What a round of red-flag questions found: the signs asked, those answered yes,
/// and whether they were asked as one question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub asked: Vec<Sign>,
    pub yes: Vec<Sign>,
    pub together: bool,
}

impl Answers {
    /// Nobody could answer: recorded as such, asked at the next chance.
    pub fn not_asked() -> Answers {
        Answers::default()
    }
}

/// The earliest and latest times a record may hold.
const EARLIEST: Timestamp = Timestamp::constant(946_684_800, 0); // 2000-01-01
const LATEST: Timestamp = Timestamp::constant(7_258_118_400, 0); // 2200-01-01

/// The plan an episode follows when it names none.
pub const DEFAULT_PLAN: &str = "back-spasm";

/// The longest plan name kept.
const MAX_NAME: usize = 100;

impl EpisodeRecord {
    fn new(event: Event, at: &str) -> EpisodeRecord {
        EpisodeRecord {
            v: VERSION,
            kind: EpisodeKind::Episode,
            event,
            at: at.to_owned(),
            onset: None,
            plan: None,
            flags: Vec::new(),
            asked: None,
            yes: Vec::new(),
            together: false,
        }
    }

    /// The record for an episode that began at `onset`, recorded at `at`, with the
    /// red-flag answers given then (or [`Answers::not_asked`]).
    pub fn start(at: &str, onset: &str, plan: Option<&str>, answers: Answers) -> EpisodeRecord {
        EpisodeRecord {
            onset: Some(onset.to_owned()),
            plan: plan.map(str::to_owned),
            asked: Some(answers.asked),
            yes: answers.yes,
            together: answers.together,
            ..EpisodeRecord::new(Event::Start, at)
        }
    }

    /// The record that ends the open episode.
    pub fn end(at: &str) -> EpisodeRecord {
        EpisodeRecord::new(Event::End, at)
    }

    /// Red-flag questions answered during the open episode.
    pub fn answers(at: &str, answers: Answers) -> EpisodeRecord {
        EpisodeRecord {
            asked: Some(answers.asked),
            yes: answers.yes,
            together: answers.together,
            ..EpisodeRecord::new(Event::Answers, at)
        }
    }

    /// The person has been checked by a doctor or nurse since their answers.
    pub fn checked(at: &str) -> EpisodeRecord {
        EpisodeRecord::new(Event::Checked, at)
    }

    /// Whether the values make sense (the log is untrusted): times that parse and
    /// lie in 2000-2199, an onset no later than the record, a start with an onset,
    /// answers only where answers belong, and "yes" only to what was asked.
    pub fn check(&self) -> Result<(), String> {
        if self.v == 0 || self.v > VERSION {
            return Err(format!(
                "record format {} is not one this supple reads (it reads 1 to {VERSION})",
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
            (_, Some(_)) => return Err("only an episode start has an 'onset'".into()),
            (_, None) => {}
        }
        if self.event != Event::Start && (self.plan.is_some() || !self.flags.is_empty()) {
            return Err("only an episode start has a 'plan' or 'flags'".into());
        }
        let answers = matches!(self.event, Event::Start | Event::Answers);
        if !answers && (self.asked.is_some() || !self.yes.is_empty() || self.together) {
            return Err("red-flag answers on a record that holds none".into());
        }
        if self.event == Event::Answers && self.asked.as_ref().is_none_or(Vec::is_empty) {
            return Err("red-flag answers that asked nothing".into());
        }
        let asked = self.asked.as_deref().unwrap_or_default();
        if let Some(s) = self.yes.iter().find(|s| !asked.contains(s)) {
            return Err(format!("a yes to '{}', which was not asked", s.word()));
        }
        if asked.len() > Sign::ALL.len() * 2 || self.flags.len() > 5 {
            return Err("more red-flag answers than there are questions".into());
        }
        if self
            .plan
            .as_ref()
            .is_some_and(|p| p.chars().count() > MAX_NAME)
        {
            return Err(format!("a plan name longer than {MAX_NAME} characters"));
        }
        Ok(())
    }
}

fn time(what: &str, s: &str) -> Result<Timestamp, String> {
    let t: Timestamp = s.parse().map_err(|_| {
        format!(
            "its {what} time '{}' is not an RFC 3339 time",
            crate::text::sanitize(s)
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
                    crate::text::sanitize(text)
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
            crate::text::sanitize(text)
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
    /// The red-flag questions: when they were asked, what was said, and checks.
    pub screening: Screening,
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

    /// The emergency signs are due to be asked again at `now`: a week since they
    /// were last asked, or day 14 reached since then. The signs can come later in
    /// an episode, so asking once at the start is not enough.
    pub fn reask_due(&self, now: Timestamp) -> bool {
        if self.ended.is_some() || !self.screening.unasked().is_empty() {
            return false;
        }
        let Some(last) = self.screening.emergency_asked_at() else {
            return false;
        };
        let week = jiff::SignedDuration::from_hours(7 * 24);
        let day14 = self.onset + jiff::SignedDuration::from_hours(13 * 24);
        now >= last + week || (now >= day14 && last < day14)
    }
}

/// The episodes the records describe, oldest first. A start while one is open
/// ends that one where the new one begins (a person who forgot `episode end`); an
/// end, answers or a check with none open are ignored. Records that fail
/// [`EpisodeRecord::check`] are not here: the log reader skips them with a warning.
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
                let mut screening = Screening {
                    started: Some(at),
                    ..Screening::default()
                };
                match &r.asked {
                    None => {
                        screening.old_form = true;
                        screening.legacy = r.flags.clone();
                    }
                    Some(asked) if asked.is_empty() => {}
                    Some(asked) => screening.rounds.push(Round {
                        at,
                        answers: Answers {
                            asked: asked.clone(),
                            yes: r.yes.clone(),
                            together: r.together,
                        },
                    }),
                }
                out.push(Episode {
                    onset,
                    ended: None,
                    plan: r.plan.clone().unwrap_or_else(|| DEFAULT_PLAN.to_owned()),
                    screening,
                });
            }
            Event::End => {
                if let Some(open) = open {
                    open.ended = Some(at.max(open.onset));
                }
            }
            Event::Answers => {
                if let (Some(open), Some(asked)) = (open, &r.asked) {
                    open.screening.rounds.push(Round {
                        at,
                        answers: Answers {
                            asked: asked.clone(),
                            yes: r.yes.clone(),
                            together: r.together,
                        },
                    });
                }
            }
            Event::Checked => {
                if let Some(open) = open {
                    open.screening.checked.push(at);
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
            screening: Screening::default(),
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
            EpisodeRecord::start(
                "2026-11-02T00:00:00Z",
                "2026-11-01T20:00:00Z",
                None,
                Answers::not_asked(),
            ),
            EpisodeRecord::start(
                "2026-11-20T00:00:00Z",
                "2026-11-20T00:00:00Z",
                Some("mine"),
                Answers {
                    asked: Sign::ALL.to_vec(),
                    yes: vec![Sign::Fever],
                    together: false,
                },
            ),
        ];
        let all = episodes(&records);
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].ended, Some(ts("2026-11-20T00:00:00Z")));
        let open = open(&records).unwrap();
        assert_eq!(open.plan, "mine");
        assert_eq!(open.screening.tier(), Some(Tier::SameDay));
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
        // Paris in December, without reading the time zone database.
        let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(1));
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
        let mut r = EpisodeRecord::start(
            "2026-11-02T00:00:00Z",
            "2026-11-05T00:00:00Z",
            None,
            Answers::not_asked(),
        );
        assert!(r.check().unwrap_err().contains("began after"));
        r.onset = None;
        assert!(r.check().is_err());
        let mut r = EpisodeRecord::end("9999-01-01T00:00:00Z");
        assert!(r.check().is_err());
        r.at = "2026-11-05T00:00:00Z".into();
        assert!(r.check().is_ok());
        r.v = 3;
        assert!(r.check().is_err());
        // A yes to what was not asked, answers on an end, answers that asked nothing.
        let mut a = EpisodeRecord::answers(
            "2026-11-05T00:00:00Z",
            Answers {
                asked: vec![Sign::Fever],
                yes: vec![Sign::Saddle],
                together: false,
            },
        );
        assert!(a.check().unwrap_err().contains("not asked"));
        a.yes.clear();
        assert!(a.check().is_ok());
        a.asked = Some(Vec::new());
        assert!(a.check().is_err());
        let mut e = EpisodeRecord::end("2026-11-05T00:00:00Z");
        e.yes = vec![Sign::Fever];
        assert!(e.check().is_err());
    }

    fn all_no() -> Answers {
        Answers {
            asked: Sign::ALL.to_vec(),
            yes: Vec::new(),
            together: false,
        }
    }

    #[test]
    fn not_asked_is_a_state_and_asked_later_fills_it() {
        let start = EpisodeRecord::start(
            "2026-11-02T00:00:00Z",
            "2026-11-01T20:00:00Z",
            None,
            Answers::not_asked(),
        );
        let e = open(std::slice::from_ref(&start)).unwrap();
        assert_eq!(e.screening.unasked(), Sign::ALL.to_vec());
        assert_eq!(e.screening.first_asked(), None);
        assert!(!e.reask_due(ts("2026-12-01T00:00:00Z")));
        let later = EpisodeRecord::answers("2026-11-02T09:00:00Z", all_no());
        let e = open(&[start, later]).unwrap();
        assert!(e.screening.unasked().is_empty());
        assert_eq!(e.screening.first_asked(), Some(ts("2026-11-02T09:00:00Z")));
    }

    #[test]
    fn an_old_combined_record_is_asked_again_and_its_yes_stands_until_then() {
        let line = r#"{"v":1,"kind":"episode","event":"start","at":"2026-11-02T00:00:00Z","onset":"2026-11-01T20:00:00Z","flags":["leg_numbness"]}"#;
        let old: EpisodeRecord = serde_json::from_str(line).unwrap();
        assert!(old.check().is_ok());
        let e = open(std::slice::from_ref(&old)).unwrap();
        assert!(e.screening.old_form);
        assert_eq!(e.screening.unasked(), Sign::ALL.to_vec());
        // Never silently a "no": it stands at the most urgent tier it could mean.
        assert_eq!(e.screening.tier(), Some(Tier::Emergency));
        // An old start with no "yes" is asked again all the same.
        let quiet: EpisodeRecord = serde_json::from_str(
            r#"{"v":1,"kind":"episode","event":"start","at":"2026-11-02T00:00:00Z","onset":"2026-11-01T20:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(
            open(&[quiet]).unwrap().screening.unasked().len(),
            Sign::ALL.len()
        );
        // Asked again sign by sign, all "no": the split answers speak.
        let again = EpisodeRecord::answers("2026-11-02T10:00:00Z", all_no());
        let e = open(&[old, again]).unwrap();
        assert_eq!(e.screening.tier(), None);
    }

    #[test]
    fn a_yes_stands_until_checked_and_a_later_yes_stands_again() {
        let mut answers = all_no();
        answers.yes = vec![Sign::Saddle];
        let start = EpisodeRecord::start(
            "2026-11-02T00:00:00Z",
            "2026-11-01T20:00:00Z",
            None,
            answers,
        );
        let e = open(std::slice::from_ref(&start)).unwrap();
        assert_eq!(e.screening.tier(), Some(Tier::Emergency));
        assert_eq!(e.screening.standing()[0].what, Sign::Saddle.short());
        let checked = EpisodeRecord::checked("2026-11-02T06:00:00Z");
        let e = open(&[start.clone(), checked.clone()]).unwrap();
        assert_eq!(e.screening.tier(), None);
        let week = EpisodeRecord::answers(
            "2026-11-09T06:00:00Z",
            Answers {
                asked: Tier::Emergency.signs().collect(),
                yes: Tier::Emergency.signs().collect(),
                together: true,
            },
        );
        let e = open(&[start, checked, week]).unwrap();
        let standing = e.screening.standing();
        assert_eq!(standing.len(), 1);
        assert_eq!(standing[0].tier, Tier::Emergency);
        assert_eq!(standing[0].what, "one of the emergency signs");
    }

    #[test]
    fn the_emergency_signs_are_asked_again_weekly_and_on_day_14() {
        let start = EpisodeRecord::start(
            "2026-11-01T20:00:00Z",
            "2026-11-01T20:00:00Z",
            None,
            all_no(),
        );
        let e = open(std::slice::from_ref(&start)).unwrap();
        assert!(!e.reask_due(ts("2026-11-08T19:59:00Z")));
        assert!(e.reask_due(ts("2026-11-08T20:00:00Z")));
        let week = EpisodeRecord::answers(
            "2026-11-10T08:00:00Z",
            Answers {
                asked: Tier::Emergency.signs().collect(),
                yes: Vec::new(),
                together: true,
            },
        );
        let e = open(&[start, week]).unwrap();
        assert!(!e.reask_due(ts("2026-11-13T08:00:00Z")));
        // Day 14 begins 13 days after the onset: asked then, though not a week since.
        assert!(e.reask_due(ts("2026-11-14T20:00:00Z")));
    }
}
