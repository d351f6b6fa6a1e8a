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

/// How far back the panel keeps sessions: a week and a day before that.
const KEEP: Duration = Duration::from_secs(9 * 24 * 3600);

impl TodayPanel {
    /// The panel for `episode` under `plan`, from the whole log's `sessions` (or
    /// what stands in for them: `ctx::ReadLog::sessions`); `titles` name the routines.
    pub fn new(
        plan: Plan,
        episode: Episode,
        sessions: &[impl Session],
        titles: Vec<(String, String)>,
        now: Timestamp,
    ) -> TodayPanel {
        let since = now - jiff::SignedDuration::try_from(KEEP).unwrap_or_default();
        let mut recent: Vec<Brief> = day::recent(sessions, since)
            .into_iter()
            .rev()
            .map(|(r, _)| r.brief())
            .collect();
        // The last pain scores, for the safety lines, even if older (those
        // not among the recent: a session is one of them exactly when its end
        // is, so comparing what Today reads of them tells them apart).
        let older_pains: Vec<Brief> = sessions
            .iter()
            .rev()
            .filter(|r| r.pain_after().is_some())
            .take(crate::core::history::Recent::PAINS)
            .map(Session::brief)
            .filter(|r| !recent.contains(r))
            .collect();
        for r in older_pains {
            recent.insert(0, r);
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
            // From the whole log: a choice made weeks ago is still the default.
            pack_choice: day::pack_choice(sessions),
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
