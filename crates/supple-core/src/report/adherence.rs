//! The plan's items done against needed: per week, and per kind over the last two
//! weeks, counted by Today's rules.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::{Day, Kind, Week};
use crate::episode::Episode;
use crate::history::Log;
use crate::plan::{Often, Plan};

/// Sessions per week, and the plan's items done and planned in it, by the rules
/// Today uses (`core::today`): each day's items at the end of that day, the
/// weekly ones at the end of the week. A window still in progress (today, this
/// week) counts what is done so far and nothing as missed.
pub(super) fn weeks<'p>(
    days: &[Day],
    log: &Log,
    episodes: &[&Episode],
    now: Timestamp,
    tz: &TimeZone,
    plan_of: &dyn Fn(&str) -> Option<&'p Plan>,
) -> Vec<Week> {
    let mut weeks: BTreeMap<Date, Week> = BTreeMap::new();
    for (i, day) in days.iter().enumerate() {
        let back = i64::from(day.date.weekday().to_monday_zero_offset());
        let monday = day
            .date
            .checked_sub(jiff::Span::new().days(back))
            .unwrap_or(day.date);
        let week = weeks.entry(monday).or_insert(Week {
            monday,
            sessions: 0,
            plan: None,
        });
        week.sessions += day.sessions;
        // The end of this day, or now for today.
        let end_of_day = day
            .date
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned_datetime(tz.clone()).ok())
            .map_or(now, |z| z.timestamp() - SignedDuration::from_secs(1))
            .min(now);
        let Some(episode) = episodes
            .iter()
            .find(|e| e.onset <= end_of_day && e.ended.is_none_or(|end| end >= end_of_day))
        else {
            continue;
        };
        let Some(plan) = plan_of(&episode.plan) else {
            continue;
        };
        let sunday = day.date.weekday() == jiff::civil::Weekday::Sunday;
        let last_of_week = sunday || i + 1 == days.len();
        // The day is over once its end is before now; the week with its Sunday.
        let day_over = end_of_day < now;
        let t = crate::today::today(plan, episode, &log.sessions, end_of_day, tz);
        let (mut done, mut needed) = week.plan.unwrap_or((0, 0));
        for item in &t.items {
            let (count, over) = match item.item.often {
                Often::PerDay(_) => (true, day_over),
                Often::PerWeek(_) => (last_of_week, sunday && day_over),
            };
            if count {
                let got = item.done.min(item.needed);
                done += got;
                // In progress: what is done so far is all that is asked yet.
                needed += if over { item.needed } else { got };
            }
        }
        week.plan = Some((done, needed));
    }
    weeks.into_values().collect()
}

/// The plan's items done against needed per kind, over the full days of the last
/// two weeks that the episode covers: the onset's day and today are left out (not
/// whole), each day's items counted at its end, the weekly ones at the end of a
/// week (Sunday) in those days.
pub(super) fn adherence<'p>(
    log: &Log,
    episode: &Episode,
    now: Timestamp,
    tz: &TimeZone,
    today: Date,
    plan_of: &dyn Fn(&str) -> Option<&'p Plan>,
) -> (Option<(Date, Date)>, Vec<Kind>) {
    use crate::plan::Activity;
    let Some(plan) = plan_of(&episode.plan) else {
        return (None, Vec::new());
    };
    let local = |t: Timestamp| t.to_zoned_datetime(tz.clone()).date();
    let after_onset = local(episode.onset).tomorrow().unwrap_or(today);
    let two_weeks = today
        .checked_sub(jiff::Span::new().days(14))
        .unwrap_or(today);
    let first = after_onset.max(two_weeks);
    let yesterday = today.yesterday().unwrap_or(today);
    let last = match episode.ended {
        Some(end) => yesterday.min(local(end).yesterday().unwrap_or(yesterday)),
        None => yesterday,
    };
    if first > last {
        return (None, Vec::new());
    }
    let kinds = ["exercise", "walking", "ice or heat"];
    let mut counts = [(0u32, 0u32); 3];
    let mut d = first;
    while d <= last {
        let end_of_day = d
            .tomorrow()
            .ok()
            .and_then(|n| n.to_zoned_datetime(tz.clone()).ok())
            .map_or(now, |z| z.timestamp() - SignedDuration::from_secs(1))
            .min(now);
        let t = crate::today::today(plan, episode, &log.sessions, end_of_day, tz);
        let sunday = d.weekday() == jiff::civil::Weekday::Sunday;
        for item in &t.items {
            if matches!(item.item.often, Often::PerWeek(_)) && !sunday {
                continue;
            }
            let k = match item.item.activity {
                Activity::Routine(_) => 0,
                Activity::Walk(_) => 1,
                Activity::Pack(_) => 2,
            };
            // A walk counts in minutes, as Today shows it ("5 of 30 minutes"):
            // a day's short walks add up, and count for what they were.
            let (done, needed) = match (&item.item.activity, item.walked) {
                (Activity::Walk(length), Some(walked)) => {
                    let asked = u64::from(item.needed) * length.as_secs() / 60;
                    let walked = (walked.as_secs() / 60).min(asked);
                    let minutes = |m: u64| u32::try_from(m).unwrap_or(u32::MAX);
                    (minutes(walked), minutes(asked))
                }
                _ => (item.done.min(item.needed), item.needed),
            };
            counts[k].0 += done;
            counts[k].1 += needed;
        }
        d = match d.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    let out = kinds
        .into_iter()
        .zip(counts)
        .filter(|(_, (_, needed))| *needed > 0)
        .map(|(k, (done, needed))| (k, done, needed))
        .collect();
    (Some((first, last)), out)
}
