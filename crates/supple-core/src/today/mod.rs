//! Today: what a plan asks on this day of an episode, what the log says is done,
//! and the one next step. Pure: the plan, the episode, the sessions, the time and
//! the time zone come in as values.
//!
//! Counting rules, one for Today, the report and reminders (docs/plan-format.md,
//! "What counts as done"): a routine counts when finished, or stopped with at
//! least three quarters of its timed work done; a walk counts the minutes walked
//! that day against the minutes asked; a pack counts each application whose time
//! on reached three quarters of the item's `on`; a session started before the
//! item's `min_gap` has passed since the last one is not a new one. The onset day
//! and the day a stage begins ask only for what fits the waking hours left. A day
//! starts at local midnight, a week on Monday, and nothing from before the pain
//! began counts.

mod alert;
mod counting;

use std::time::Duration;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::episode::Episode;
use crate::history::SessionKind;
use crate::pack::Treatment;
use crate::plan::{Activity, Item, Often, Plan, Stage};
use crate::red_flags::Tier;

pub use crate::history::brief::{Brief, COUNTS_FROM, Session, WALK};
pub use alert::{Alert, alert, safety};
use counting::{Counts, counted};
pub use counting::{applications_counted, enough, recent, recent_at, routine_id, walked_in};

/// The waking day supple assumes when the onset day or a stage's first day asks
/// only for what fits the hours left: 07:00 to 23:00 (supple's own figure).
pub const WAKING_FROM_HOUR: i8 = 7;
pub const WAKING_UNTIL_HOUR: i8 = 23;

/// One item on this day.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemToday<'p> {
    pub item: &'p Item,
    /// Done in its window (today, or this week): for a walk, whole walks of its
    /// length in the minutes walked.
    pub done: u32,
    /// Asked in its window: the plan's figure, or what fits the hours left of
    /// the day the episode or the stage began; 0 while it waits for the pain to
    /// settle.
    pub needed: u32,
    /// For a walk, the time walked in its window.
    pub walked: Option<Duration>,
    /// `pain_at_most` not yet reached: the item waits (and is not asked).
    pub waits_for_pain: Option<u8>,
    /// When the last one ended (within a day of the window), for `min_gap`.
    pub last_end: Option<Timestamp>,
    /// Not before this, because of `min_gap` (only while it is in the future).
    pub ready_at: Option<Timestamp>,
}

impl ItemToday<'_> {
    pub fn complete(&self) -> bool {
        self.waits_for_pain.is_none() && self.done >= self.needed
    }

    /// Asked in its window: not waiting for the pain to settle.
    pub fn asked(&self) -> bool {
        self.waits_for_pain.is_none()
    }

    /// Still to do: asked and not complete.
    pub fn open(&self) -> bool {
        self.asked() && !self.complete()
    }

    /// "today" or "this week".
    pub fn window(&self) -> &'static str {
        match self.item.often {
            Often::PerDay(_) => "today",
            Often::PerWeek(_) => "this week",
        }
    }

    /// "Heat or ice: 1 of 3 today, next after 14:20"; "Walk 5m: 7 of 10 minutes
    /// today"; "Core strength: 1 of 3 this week, in progress"; "Core strength:
    /// once your pain has settled (3 or less)".
    pub fn text(&self, label: &str, tz: &TimeZone) -> String {
        if let Some(n) = self.waits_for_pain {
            return format!("{label}: once your pain has settled ({n} or less)");
        }
        let count = match (&self.item.activity, self.walked) {
            (Activity::Walk(length), Some(walked)) => format!(
                "{label}: {} of {} minutes {}",
                (walked.as_secs() / 60).min(u64::from(self.needed) * length.as_secs() / 60),
                u64::from(self.needed) * length.as_secs() / 60,
                self.window()
            ),
            _ => format!(
                "{label}: {} of {} {}",
                self.done.min(self.needed),
                self.needed,
                self.window()
            ),
        };
        match self.ready_at {
            _ if self.complete() => format!("{count}, done"),
            Some(at) => format!("{count}, next after {}", crate::moment::time_of_day(at, tz)),
            None if matches!(self.item.often, Often::PerWeek(_)) => {
                format!("{count}, in progress")
            }
            None => count,
        }
    }
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// This item (an index into [`Today::items`]) can be done now.
    Item(usize),
    /// Everything left waits for its `min_gap`: the first is ready at this time.
    Wait(usize, Timestamp),
    /// Everything the plan asks today is done.
    Done,
    /// An emergency answer stands: no exercise is offered until the person says
    /// they have been checked.
    Emergency,
}

/// One day of an episode.
#[derive(Debug, Clone, PartialEq)]
pub struct Today<'p> {
    pub day: u64,
    pub since: Duration,
    /// The stage and its index; `None` past the end of a plan whose last stage ends.
    pub stage: Option<(usize, &'p Stage)>,
    pub items: Vec<ItemToday<'p>>,
    pub next: Next,
    /// What a "heat or ice" item starts: the one the person used last.
    pub pack_choice: Treatment,
}

/// The day of `episode` at `now`, under `plan`, with `sessions` from the log (in
/// log order; only the recent end is read, see [`recent`]).
pub fn today<'p, S: Session>(
    plan: &'p Plan,
    episode: &Episode,
    sessions: &[S],
    now: Timestamp,
    tz: &TimeZone,
) -> Today<'p> {
    let since = episode.since(now);
    let stage = plan.stage_at(since);
    let zoned = now.to_zoned_datetime(tz.clone());
    let midnight = zoned.start_of_day().map(|z| z.timestamp()).unwrap_or(now);
    let days_since_monday = i64::from(zoned.weekday().to_monday_zero_offset());
    let monday = zoned
        .date()
        .checked_sub(jiff::Span::new().days(days_since_monday))
        .ok()
        .and_then(|d| d.to_zoned_datetime(tz.clone()).ok())
        .and_then(|z| z.start_of_day().ok())
        .map_or(midnight, |z| z.timestamp());
    // A day before the week, for a min_gap reaching back over midnight.
    let earliest = monday.min(midnight) - SignedDuration::from_hours(24);
    let mut window = recent(sessions, earliest);
    // Oldest first, for min_gap; none from before the pain began, none ending
    // in the future (a clock set back).
    let latest = now + SignedDuration::from_mins(5);
    window.retain(|(_, end)| *end >= episode.onset && *end <= latest);
    window.reverse();
    window.sort_by_key(|(_, end)| *end);
    // When the stage began: the onset for the first, else onset + from.
    let stage_began = stage
        .and_then(|(_, s)| SignedDuration::try_from(s.from).ok())
        .and_then(|from| episode.onset.checked_add(from).ok())
        .unwrap_or(episode.onset);
    let last_pain = sessions
        .iter()
        .rev()
        .filter(|r| r.end().is_some_and(|end| end >= episode.onset))
        .find_map(|r| r.pain_after().or(r.pain_before()));
    let items: Vec<ItemToday<'p>> = stage
        .map(|(_, s)| s.items.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|item| {
            let window_start = match item.often {
                Often::PerDay(_) => midnight,
                Often::PerWeek(_) => monday,
            };
            let from = window_start.max(episode.onset);
            let reference_on = match &item.activity {
                Activity::Pack(p) => p.on.unwrap_or(plan.pack_on),
                _ => Duration::ZERO,
            };
            let gap = item
                .min_gap
                .and_then(|g| SignedDuration::try_from(g).ok())
                .unwrap_or(SignedDuration::ZERO);
            let counts = Counts::of(item);
            let mut done = 0u32;
            let mut walked = Duration::ZERO;
            let mut last_end: Option<Timestamp> = None;
            for (r, end) in &window {
                if let Activity::Walk(_) = item.activity {
                    let w = walked_in(*r);
                    if w.is_zero() {
                        continue;
                    }
                    if *end >= from {
                        walked = walked.saturating_add(w);
                    }
                    last_end = Some(*end);
                    continue;
                }
                let n = counted(&counts, *r, reference_on);
                if n == 0 {
                    continue;
                }
                // Started before min_gap had passed since the last one: not a new one.
                let start = r.start().unwrap_or(*end);
                let new = last_end.is_none_or(|l| start >= l + gap);
                if new && *end >= from {
                    done = done.saturating_add(n);
                }
                last_end = Some(last_end.map_or(*end, |l| l.max(*end)));
            }
            if let Activity::Walk(length) = item.activity
                && !length.is_zero()
            {
                done = u32::try_from(walked.as_secs() / length.as_secs()).unwrap_or(u32::MAX);
            }
            let ready_at = match (item.min_gap, last_end) {
                (Some(_), Some(end)) => end.checked_add(gap).ok().filter(|at| *at > now),
                _ => None,
            };
            let waits_for_pain = item
                .pain_at_most
                .filter(|most| last_pain.is_some_and(|p| p > *most));
            let needed = if waits_for_pain.is_some() {
                0
            } else {
                fits(item, stage_began.max(from), window_start, now, tz)
            };
            ItemToday {
                item,
                done,
                needed,
                walked: matches!(item.activity, Activity::Walk(_)).then_some(walked),
                waits_for_pain,
                last_end,
                ready_at,
            }
        })
        .collect();
    let next = if episode.screening.tier() == Some(Tier::Emergency) {
        Next::Emergency
    } else {
        next(&items)
    };
    Today {
        day: episode.day(now),
        since,
        stage,
        items,
        next,
        pack_choice: pack_choice(sessions),
    }
}

/// What a "heat or ice" item starts: the treatment of the last ice, heat or
/// contrast session in `sessions`, else heat (the evidence is strongest for it).
pub fn pack_choice(sessions: &[impl Session]) -> Treatment {
    last_pack(sessions).unwrap_or(Treatment::Heat)
}

/// The treatment of the last ice, heat or contrast session in `sessions`.
pub fn last_pack(sessions: &[impl Session]) -> Option<Treatment> {
    sessions.iter().rev().find_map(|r| match r.kind() {
        SessionKind::Ice => Some(Treatment::Ice),
        SessionKind::Heat => Some(Treatment::Heat),
        SessionKind::Contrast => Some(Treatment::Contrast),
        SessionKind::Routine => None,
    })
}

/// How many of `item` its window asks for, when the window holds `began` (the
/// onset, or the moment the stage began) and the window opened at
/// `window_start`: the plan's figure if it began at or before the window opened,
/// else only the share that fits what is left: of the waking day
/// ([`WAKING_FROM_HOUR`]-[`WAKING_UNTIL_HOUR`]) for a daily item, of the days
/// to Sunday for a weekly one; at least one, and no more than `min_gap` allows.
fn fits(
    item: &Item,
    began: Timestamp,
    window_start: Timestamp,
    now: Timestamp,
    tz: &TimeZone,
) -> u32 {
    let n = item.often.times();
    if began <= window_start || began > now {
        return n;
    }
    let local = began.to_zoned_datetime(tz.clone());
    let (left, whole) = match item.often {
        Often::PerDay(_) => {
            let at = |hour: i8| {
                local
                    .with()
                    .hour(hour)
                    .minute(0)
                    .second(0)
                    .subsec_nanosecond(0)
                    .build()
                    .map_or(began, |z| z.timestamp())
            };
            let (wake, sleep) = (at(WAKING_FROM_HOUR), at(WAKING_UNTIL_HOUR));
            let left = sleep
                .duration_since(began.max(wake))
                .max(SignedDuration::ZERO);
            (left, sleep.duration_since(wake))
        }
        Often::PerWeek(_) => {
            let days = 7 - i64::from(local.weekday().to_monday_zero_offset());
            (
                SignedDuration::from_hours(24 * days),
                SignedDuration::from_hours(24 * 7),
            )
        }
    };
    let share = if whole.is_positive() {
        left.as_secs_f64() / whole.as_secs_f64()
    } else {
        1.0
    };
    let mut asked = ((f64::from(n) * share).ceil() as u32).clamp(1, n);
    if let (Often::PerDay(_), Some(gap)) = (item.often, item.min_gap)
        && gap.as_secs() > 0
    {
        let room = 1 + left.as_secs().max(0).unsigned_abs() / gap.as_secs();
        asked = asked.min(u32::try_from(room).unwrap_or(u32::MAX)).max(1);
    }
    asked
}

fn next(items: &[ItemToday<'_>]) -> Next {
    if let Some(i) = items.iter().position(|i| i.open() && i.ready_at.is_none()) {
        return Next::Item(i);
    }
    items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.open())
        .filter_map(|(n, i)| i.ready_at.map(|at| (n, at)))
        .min_by_key(|(_, at)| *at)
        .map_or(Next::Done, |(n, at)| Next::Wait(n, at))
}
