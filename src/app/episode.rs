//! Starting an episode from the home screen (`e`): when the pain began, then the
//! five red-flag questions, one at a time, as `supple episode start` asks them. A
//! "yes" is answered plainly before the next question; the answers are recorded
//! with the episode, which starts whatever they are. Esc at any point starts none.

use std::time::Duration;

use super::{Action, App, Effect, Modal, TodayPanel};
use crate::core::episode::{DEFAULT_PLAN, Episode, EpisodeRecord, Flag};
use crate::core::history::Record;
use crate::core::moment::Moment;
use crate::core::plan::Plan;

/// When the pain began: the choices, with how long ago each is.
pub const WHEN: [(&str, Duration); 6] = [
    ("Just now", Duration::ZERO),
    ("A few hours ago", Duration::from_secs(3 * 3600)),
    ("Yesterday", Duration::from_secs(24 * 3600)),
    ("Two days ago", Duration::from_secs(48 * 3600)),
    ("Three days ago", Duration::from_secs(72 * 3600)),
    ("About a week ago", Duration::from_secs(7 * 24 * 3600)),
];

/// Where the questions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// Choosing when it began (the highlighted choice).
    When(usize),
    /// Red-flag question `n` (into [`Flag::ALL`]).
    Flag(usize),
    /// The plain answer to a "yes" to question `n`, until a key.
    Said(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeQuestions {
    pub asking: Asking,
    /// The index into [`WHEN`], once chosen.
    pub when: usize,
    /// The questions answered yes, as bits of [`Flag::ALL`].
    pub yes: u8,
}

impl EpisodeQuestions {
    pub fn new() -> EpisodeQuestions {
        EpisodeQuestions {
            asking: Asking::When(0),
            when: 0,
            yes: 0,
        }
    }

    /// The flags answered yes.
    pub fn flags(&self) -> Vec<Flag> {
        Flag::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| self.yes & (1 << i) != 0)
            .map(|(_, f)| *f)
            .collect()
    }
}

impl Default for EpisodeQuestions {
    fn default() -> Self {
        EpisodeQuestions::new()
    }
}

/// What the app needs to start an episode on its own: the plan (the bundled
/// one), the routines' titles and the sessions for Today.
#[derive(Debug, Clone)]
pub struct EpisodeSetup {
    pub plan: Plan,
    pub titles: Vec<(String, String)>,
    pub sessions: Vec<Record>,
}

impl App {
    /// Lets `e` on the home screen start an episode under `setup`'s plan.
    pub fn offer_episode(&mut self, setup: EpisodeSetup) {
        self.episode_setup = Some(Box::new(setup));
    }

    /// Whether `e` starts an episode here (none is open, and a plan is there).
    pub fn can_start_episode(&self) -> bool {
        self.episode_setup.is_some() && self.home.today().is_none()
    }

    /// A key while the questions are open.
    pub(super) fn episode_key(
        &mut self,
        mut q: EpisodeQuestions,
        action: Action,
        now: Moment,
    ) -> Vec<Effect> {
        let last = WHEN.len() - 1;
        q.asking = match (q.asking, action) {
            (_, Action::CloseModal | Action::Quit) => {
                self.notify("No episode started", now);
                return Vec::new();
            }
            (Asking::When(i), Action::Up) => Asking::When(i.saturating_sub(1)),
            (Asking::When(i), Action::Down) => Asking::When((i + 1).min(last)),
            (Asking::When(i), Action::Select) => {
                q.when = i;
                Asking::Flag(0)
            }
            (Asking::Flag(n), Action::Confirm) => {
                q.yes |= 1 << n;
                Asking::Said(n)
            }
            (
                Asking::Flag(n) | Asking::Said(n),
                Action::Cancel | Action::Select | Action::Confirm,
            ) => {
                if n + 1 >= Flag::ALL.len() {
                    return self.start_episode(q, now);
                }
                Asking::Flag(n + 1)
            }
            (other, _) => other,
        };
        self.modal = Some(Modal::Episode(q));
        Vec::new()
    }

    /// Records the episode and puts Today on the home screen.
    fn start_episode(&mut self, q: EpisodeQuestions, now: Moment) -> Vec<Effect> {
        let Some(setup) = self.episode_setup.take() else {
            return Vec::new();
        };
        let at = self.wall.timestamp_at(now);
        let ago = jiff::SignedDuration::try_from(WHEN[q.when].1).unwrap_or_default();
        let onset = at.checked_sub(ago).unwrap_or(at);
        let tz = self.wall.time_zone().clone();
        let stamp = |t: jiff::Timestamp| crate::core::history::build::rfc3339(t, &tz);
        let flags = q.flags();
        let record = EpisodeRecord::start(&stamp(at), &stamp(onset), None, flags.clone());
        let episode = Episode {
            onset,
            ended: None,
            plan: DEFAULT_PLAN.to_owned(),
            flags,
        };
        let day = episode.day(at);
        let panel = TodayPanel::new(setup.plan, episode, &setup.sessions, setup.titles, at);
        self.home.set_today(panel, at, &tz);
        self.notify(
            format!("Episode started: day {day}. Today is at the top"),
            now,
        );
        vec![Effect::Episode(Box::new(record))]
    }
}
