//! The Today panel at the top of the home screen while an episode is open: the day
//! and stage, its advice, each item of the plan with what is done, and the next
//! step. It keeps the plan, the episode and the recent sessions, so a session
//! finished in this app ticks its item off at once, and it is worked out again
//! when the day or a `min_gap` turns over.

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::core::episode::Episode;
use crate::core::history::Record;
use crate::core::pack::Treatment;
use crate::core::plan::{Activity, Item, Plan};
use crate::core::today::{self as day, Brief, Next, Session};

/// One row of the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    /// Index into the stage's items.
    pub item: usize,
    /// "Ice", "Back spasm relief", "Walk 10m".
    pub label: String,
    /// "1 of 3 today, next after 14:20".
    pub status: String,
    /// "1/3", for a narrow window.
    pub short: String,
    pub complete: bool,
    /// The suggested next step.
    pub next: bool,
    /// The command line that starts it, for the detail pane.
    pub command: String,
}

#[derive(Debug, Clone)]
pub struct TodayPanel {
    plan: Plan,
    episode: Episode,
    /// Sessions of the last days (and the last few with a pain score), oldest
    /// first, as Today reads them.
    recent: Vec<Brief>,
    /// Routine names and their titles, for labels.
    titles: Vec<(String, String)>,
    // Worked out by `refresh`:
    heading: String,
    advice: Vec<String>,
    rows: Vec<TaskRow>,
    next: String,
    safety: Vec<String>,
    /// The red-flag answers that stand: the panel leads with them.
    alert: Option<day::Alert>,
    /// When it must be worked out again (midnight, a min_gap ending).
    stale_at: Option<Timestamp>,
    /// The stage the rows belong to.
    stage: Option<usize>,
    /// What a "heat or ice" item starts: the one used last.
    pack_choice: Treatment,
}

/// What the panel keeps of a session it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    No,
    /// Among the recent ones ([`day::recent`]).
    Recent,
    /// Older, with one of the last pain scores.
    Older,
}

/// How far back the panel keeps sessions: a week and a day before that.
const KEEP: Duration = Duration::from_secs(9 * 24 * 3600);

impl TodayPanel {
    /// The panel for `episode` under `plan`, from the whole log's `sessions` (or
    /// what stands in for them: `ctx::ReadLog::sessions`), in log order; `titles`
    /// name the routines. It keeps those it reads, moved, not copied.
    pub fn new(
        plan: Plan,
        episode: Episode,
        sessions: Vec<Brief>,
        titles: Vec<(String, String)>,
        now: Timestamp,
    ) -> TodayPanel {
        let since = now - jiff::SignedDuration::try_from(KEEP).unwrap_or_default();
        // From the whole log: a choice made weeks ago is still the default.
        let pack_choice = day::pack_choice(&sessions);
        // The recent sessions, and the last pain scores (for the safety lines)
        // even if older; each kept once.
        let mut keep = vec![Keep::No; sessions.len()];
        for i in day::recent_at(&sessions, since) {
            keep[i] = Keep::Recent;
        }
        let pains = sessions
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, r)| r.pain_after().is_some())
            .take(crate::core::history::Recent::PAINS)
            .map(|(i, _)| i)
            .collect::<Vec<usize>>();
        for i in pains {
            if keep[i] == Keep::No {
                keep[i] = Keep::Older;
            }
        }
        // The older ones first, then the recent, each in log order: kept in the
        // list's own memory (a dense log's last days are 100 KB of sessions).
        let mut recent = sessions;
        let mut each = keep.iter();
        recent.retain(|_| each.next().is_some_and(|k| *k != Keep::No));
        let kinds: Vec<Keep> = keep.into_iter().filter(|k| *k != Keep::No).collect();
        // The older ones are before the recent unless a clock was set back.
        if !kinds.is_sorted_by_key(|k| *k == Keep::Recent) {
            let mut both: Vec<(Keep, Brief)> = kinds.into_iter().zip(recent).collect();
            both.sort_by_key(|(k, _)| *k == Keep::Recent);
            recent = both.into_iter().map(|(_, r)| r).collect();
        }
        TodayPanel {
            plan,
            episode,
            recent,
            titles,
            heading: String::new(),
            advice: Vec::new(),
            rows: Vec::new(),
            next: String::new(),
            safety: Vec::new(),
            alert: None,
            stale_at: None,
            stage: None,
            pack_choice,
        }
    }

    /// A session just logged: it counts at once.
    pub(super) fn add(&mut self, record: &Record) {
        self.recent.push(Brief::of(record));
    }

    /// Works the panel out for `now`.
    pub(super) fn refresh(&mut self, now: Timestamp, tz: &TimeZone) {
        let t = day::today(&self.plan, &self.episode, &self.recent, now, tz);
        self.safety = day::safety(Some(&self.episode), &self.recent, now);
        self.alert = day::alert(&self.episode, tz);
        self.rows.clear();
        self.advice.clear();
        self.stage = t.stage.map(|(i, _)| i);
        if let Some(choice) = day::last_pack(&self.recent) {
            self.pack_choice = choice;
        }
        let Some((_, stage)) = t.stage else {
            self.heading = format!("Day {}: the plan has no stage this late", t.day);
            self.next = String::new();
            self.stale_at = None;
            return;
        };
        self.heading = format!("Day {} · {}", t.day, stage.name);
        // The day's line first (reassurance, self-management), then the stage's.
        self.advice = self
            .plan
            .daily_line(t.day)
            .map(str::to_owned)
            .into_iter()
            .chain(stage.advice.iter().cloned())
            .collect();
        // An emergency answer stands: no exercise is offered until a check.
        let offered = if t.next == Next::Emergency {
            &[][..]
        } else {
            t.items.as_slice()
        };
        for (i, it) in offered.iter().enumerate() {
            let label = self.label(it.item);
            let full = it.text(&label, tz);
            let status = full
                .strip_prefix(&format!("{label}: "))
                .unwrap_or(&full)
                .to_owned();
            self.rows.push(TaskRow {
                item: i,
                label,
                status,
                short: if it.asked() {
                    format!("{}/{}", it.done.min(it.needed), it.needed)
                } else {
                    "later".to_owned()
                },
                complete: it.complete(),
                next: matches!(t.next, Next::Item(n) if n == i),
                command: command(it.item, self.pack_choice),
            });
        }
        self.next = match t.next {
            Next::Item(i) => format!("Next: {}", self.rows[i].label),
            Next::Wait(i, at) => format!(
                "Next: {} after {}",
                self.rows[i].label,
                crate::core::moment::time_of_day(at, tz)
            ),
            Next::Done => "All done for today. Keep moving gently.".to_owned(),
            Next::Emergency => String::new(),
        };
        let midnight = now
            .to_zoned_datetime(tz.clone())
            .tomorrow()
            .ok()
            .and_then(|z| z.start_of_day().ok())
            .map(|z| z.timestamp());
        let ready = t.items.iter().filter_map(|i| i.ready_at).min();
        // The stage itself may end before either.
        let stage_end = stage.until.and_then(|u| {
            let left = u.checked_sub(t.since)?;
            now.checked_add(jiff::SignedDuration::try_from(left).ok()?)
                .ok()
        });
        self.stale_at = [midnight, ready, stage_end].into_iter().flatten().min();
    }

    fn label(&self, item: &Item) -> String {
        match &item.activity {
            Activity::Routine(name) => self
                .titles
                .iter()
                .find(|(n, _)| n == name)
                .map_or_else(|| name.clone(), |(_, t)| t.clone()),
            other => other.label(),
        }
    }

    pub fn heading(&self) -> &str {
        &self.heading
    }

    pub fn advice(&self) -> &[String] {
        &self.advice
    }

    pub fn rows(&self) -> &[TaskRow] {
        &self.rows
    }

    pub fn next(&self) -> &str {
        &self.next
    }

    pub fn safety(&self) -> &[String] {
        &self.safety
    }

    /// The red-flag answers that stand, if any: Today leads with them.
    pub fn alert(&self) -> Option<&day::Alert> {
        self.alert.as_ref()
    }

    /// The open episode behind the panel.
    pub fn episode(&self) -> &Episode {
        &self.episode
    }

    /// Its red-flag questions, to record a new round or a check.
    pub(super) fn screening_mut(&mut self) -> &mut crate::core::episode::Screening {
        &mut self.episode.screening
    }

    /// When the panel must be worked out again.
    pub fn stale_at(&self) -> Option<Timestamp> {
        self.stale_at
    }

    /// What a "heat or ice" item starts: the one the person used last.
    pub fn pack_choice(&self) -> Treatment {
        self.pack_choice
    }

    /// The plan's item behind row `row` (of the stage the rows were worked out for).
    pub(super) fn task_item(&self, row: usize) -> Option<&Item> {
        let stage = self.plan.stages.get(self.stage?)?;
        stage.items.get(self.rows.get(row)?.item)
    }
}

/// The command line that starts an item, as `supple today` prints it; a "heat
/// or ice" item starts `choice` (the one used last), and says the other is fine.
pub fn command(item: &Item, choice: Treatment) -> String {
    let short = |d: Duration| crate::core::duration::human(d).replace(' ', "");
    match &item.activity {
        Activity::Routine(name) => format!("supple play {name}"),
        Activity::Walk(d) if *d == WALK_LENGTH => "supple walk".to_owned(),
        Activity::Walk(d) => format!("supple walk {}", short(*d)),
        Activity::Pack(p) => {
            let treatment = if p.either { choice } else { p.treatment };
            let mut c = format!("supple {} --cycles {}", treatment.name(), p.cycles);
            if let Some(on) = p.on {
                c.push_str(&format!(" --on {}", short(on)));
            }
            if let Some(off) = p.off {
                c.push_str(&format!(" --off {}", short(off)));
            }
            if p.either {
                let other = match treatment {
                    Treatment::Ice => "heat",
                    Treatment::Heat | Treatment::Contrast => "ice",
                };
                c.push_str(&format!(", or supple {other}"));
            }
            c
        }
    }
}

/// The length of the bundled walk's holds: a walk item this long plays it as it is.
pub const WALK_LENGTH: Duration = Duration::from_secs(300);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::history::{Outcome, SessionKind, VERSION};

    fn session(kind: SessionKind, end: &str, pain_after: Option<u8>) -> Brief {
        Brief::of(&Record {
            v: VERSION,
            kind,
            name: "A session".into(),
            routine: (kind == SessionKind::Routine).then(|| "walk".into()),
            hash: None,
            start: end.into(),
            end: end.into(),
            active_seconds: 60,
            outcome: Outcome::Finished,
            stopped_at: None,
            exercises: Vec::new(),
            pain_before: None,
            pain_after,
            applications_done: None,
            applications_planned: None,
            applications_skipped: None,
            applied_seconds: Vec::new(),
            missed_switches: Vec::new(),
        })
    }

    /// The panel keeps the sessions of its days and the last pain scores before
    /// them, older first, each in log order, and none twice; it takes the
    /// heat-or-ice choice from every session it is given.
    #[test]
    fn the_panel_keeps_its_days_and_the_last_pains_in_log_order() {
        let now: Timestamp = "2026-12-07T12:00:00Z".parse().unwrap();
        let sessions = vec![
            session(SessionKind::Ice, "2026-11-10T09:00:00Z", None),
            session(SessionKind::Routine, "2026-11-15T09:00:00Z", Some(5)),
            session(SessionKind::Routine, "2026-11-20T09:00:00Z", None),
            session(SessionKind::Routine, "2026-11-25T09:00:00Z", Some(6)),
            session(SessionKind::Routine, "2026-12-05T09:00:00Z", None),
            session(SessionKind::Routine, "not a time", Some(9)),
            session(SessionKind::Routine, "2026-12-07T11:00:00Z", Some(3)),
        ];
        let plan = crate::core::plan::parse(
            r#"
name = "Test"
[[stage]]
name = "First"
from = "0h"
items = [{ routine = "walk", per_day = 1 }]
"#,
        )
        .unwrap();
        let episode = Episode {
            onset: "2026-12-01T00:00:00Z".parse().unwrap(),
            ended: None,
            plan: "test".into(),
            screening: Default::default(),
        };
        let panel = TodayPanel::new(
            plan.clone(),
            episode.clone(),
            sessions.clone(),
            Vec::new(),
            now,
        );
        // The last four with a pain score after: 6, 5 (older), 9 (no end: not
        // among the recent, kept as older) and 3 (recent).
        let expected = [1, 3, 5, 4, 6].map(|i| sessions[i].clone());
        assert_eq!(panel.recent, expected);
        assert_eq!(panel.pack_choice, Treatment::Ice);
        // Only the list's end kept, an older pain score among it: that one first.
        let end: Vec<Brief> = [0, 2, 4, 5, 6].map(|i| sessions[i].clone()).into();
        let panel = TodayPanel::new(plan, episode, end.clone(), Vec::new(), now);
        assert_eq!(panel.recent, [3, 2, 4].map(|i| end[i].clone()));
        assert_eq!(panel.pack_choice, Treatment::Ice);
    }
}
