//! The red-flag questions in the full screen, for three purposes: starting an
//! episode from the home screen (`e`: when the pain began, then every sign, one
//! question each, the emergency tier first); asking the signs an open episode has
//! never been asked (not asked at its start, or asked by an older supple in a
//! combined form); and asking the emergency tier again, once a week and on day 14,
//! in one short screen. A "yes" is answered at once with its tier's screen (an
//! emergency: where to go, the emergency number, do not drive) before anything
//! else. `c` on Today records that the person has been checked.
//!
//! A "yes" is recorded the moment it is given, with the answers before it (a start
//! starts the episode then), so a closed terminal never loses it; Esc records
//! nothing more (a start with no "yes" starts no episode; the questions not
//! answered come again next time).

use std::time::Duration;

use super::{Action, App, Effect, Modal, TodayPanel};
use crate::core::episode::{Answers, DEFAULT_PLAN, Episode, EpisodeRecord, Round, Screening};
use crate::core::moment::Moment;
use crate::core::plan::Plan;
use crate::core::red_flags::Sign;
use crate::core::today::Brief;

/// When the pain began: the choices, with how long ago each is.
pub const WHEN: [(&str, Duration); 6] = [
    ("Just now", Duration::ZERO),
    ("A few hours ago", Duration::from_secs(3 * 3600)),
    ("Yesterday", Duration::from_secs(24 * 3600)),
    ("Two days ago", Duration::from_secs(48 * 3600)),
    ("Three days ago", Duration::from_secs(72 * 3600)),
    ("About a week ago", Duration::from_secs(7 * 24 * 3600)),
];

/// Why the questions are open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `e`: a new episode (when it began, then every sign).
    Start,
    /// The open episode's signs never asked.
    Missing,
    /// The emergency tier again, as one question.
    Reask,
    /// `c`: "have you been checked?"
    Checked,
}

/// Where the questions are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// Choosing when it began (the highlighted choice).
    When(usize),
    /// The question about `Sign::ALL[n]`.
    Sign(usize),
    /// The answer to a "yes" to `Sign::ALL[n]`, until a key.
    Said(usize),
    /// The emergency tier as one question.
    Together,
    /// The answer to a "yes" to it.
    SaidTogether,
    /// "Have you been checked?"
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeQuestions {
    pub purpose: Purpose,
    pub asking: Asking,
    /// The index into [`WHEN`], once chosen.
    pub when: usize,
    /// The signs to ask, as bits of [`Sign::ALL`].
    ask: u32,
    /// The signs asked so far, and those answered yes.
    asked: u32,
    yes: u32,
    /// The weekly question was answered yes: its signs are then asked one by one,
    /// so that the record says which.
    any: bool,
}

fn bit(n: usize) -> u32 {
    1u32.checked_shl(u32::try_from(n).unwrap_or(u32::MAX))
        .unwrap_or(0)
}

fn bits(signs: impl IntoIterator<Item = Sign>) -> u32 {
    signs
        .into_iter()
        .filter_map(|s| Sign::ALL.iter().position(|a| *a == s))
        .fold(0, |b, n| b | bit(n))
}

fn signs(bits: u32) -> Vec<Sign> {
    Sign::ALL
        .iter()
        .enumerate()
        .filter(|(n, _)| bits & bit(*n) != 0)
        .map(|(_, s)| *s)
        .collect()
}

impl EpisodeQuestions {
    /// A new episode: when it began, then every sign.
    pub fn new() -> EpisodeQuestions {
        EpisodeQuestions::asking(Purpose::Start, Asking::When(0), bits(Sign::ALL))
    }

    /// The signs `screening` has never asked, one at a time.
    pub fn missing(screening: &Screening) -> Option<EpisodeQuestions> {
        let ask = bits(screening.unasked());
        let first = Sign::ALL
            .iter()
            .position(|s| screening.unasked().contains(s))?;
        Some(EpisodeQuestions::asking(
            Purpose::Missing,
            Asking::Sign(first),
            ask,
        ))
    }

    /// The emergency signs that can come later, as one question.
    pub fn reask() -> EpisodeQuestions {
        EpisodeQuestions::asking(
            Purpose::Reask,
            Asking::Together,
            bits(crate::core::red_flags::reasked()),
        )
    }

    /// "Have you been checked?"
    pub fn checked() -> EpisodeQuestions {
        EpisodeQuestions::asking(Purpose::Checked, Asking::Check, 0)
    }

    fn asking(purpose: Purpose, asking: Asking, ask: u32) -> EpisodeQuestions {
        EpisodeQuestions {
            purpose,
            asking,
            when: 0,
            ask,
            asked: 0,
            yes: 0,
            any: false,
        }
    }

    /// The weekly question was answered yes, and its signs are being asked one by
    /// one to say which.
    pub fn which(&self) -> bool {
        self.any
    }

    /// The question number of `Sign::ALL[n]` among those asked, and how many.
    pub fn progress(&self, n: usize) -> (usize, usize) {
        let before = (0..n).filter(|i| self.ask & bit(*i) != 0).count();
        (before + 1, self.ask.count_ones() as usize)
    }

    /// The answers so far. The weekly question: its signs all "no", or the ones
    /// named yes one by one after a "yes, one of these" (that "yes" itself was
    /// recorded when it was given).
    pub fn answers(&self) -> Answers {
        if self.purpose != Purpose::Reask {
            return Answers {
                asked: signs(self.asked),
                yes: signs(self.yes),
                together: false,
            };
        }
        match (self.any, self.yes) {
            (false, _) => Answers {
                asked: signs(self.ask),
                yes: Vec::new(),
                together: true,
            },
            // The "yes" to them together is recorded when it is given.
            (true, 0) => Answers::not_asked(),
            (true, yes) => Answers {
                asked: signs(self.ask),
                yes: signs(yes),
                together: false,
            },
        }
    }

    /// The sign asked after `Sign::ALL[n]`, if any.
    fn after(&self, n: usize) -> Option<usize> {
        (n + 1..Sign::ALL.len()).find(|i| self.ask & bit(*i) != 0)
    }

    /// The signs these questions ask (the emergency tier, on the weekly screen).
    pub fn signs_asked(&self) -> Vec<Sign> {
        signs(self.ask)
    }
}

impl Default for EpisodeQuestions {
    fn default() -> Self {
        EpisodeQuestions::new()
    }
}

/// What the app needs to start an episode on its own: the plan (the bundled
/// one), the routines' titles and the sessions for Today (as
/// `ctx::ReadLog::sessions` gives them: the panel keeps what it reads).
#[derive(Debug, Clone)]
pub struct EpisodeSetup {
    pub plan: Plan,
    pub titles: Vec<(String, String)>,
    pub sessions: Vec<Brief>,
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

    /// Opens the questions the open episode is due, before anything else: the
    /// signs never asked, else the emergency tier's weekly question. Called when
    /// the home screen opens with Today.
    pub fn ask_if_due(&mut self, now: Moment) {
        if self.modal.is_some() {
            return;
        }
        let at = self.wall.timestamp_at(now);
        let Some(episode) = self.home.today().map(TodayPanel::episode) else {
            return;
        };
        if let Some(q) = EpisodeQuestions::missing(&episode.screening) {
            self.modal = Some(Modal::Episode(q));
        } else if episode.reask_due(at) {
            self.modal = Some(Modal::Episode(EpisodeQuestions::reask()));
        } else if self.daily_pain_due {
            self.modal = Some(Modal::Pain(super::Question::new(
                super::PainStage::Daily,
                super::Then::Stay,
            )));
        } else {
            self.ask_function_if_due();
        }
    }

    /// Opens the week's ratings of the activities, when due (once per run).
    pub(super) fn ask_function_if_due(&mut self) {
        if self.modal.is_some() {
            return;
        }
        if let Some(e) = super::Entry::weekly(std::mem::take(&mut self.function_due)) {
            self.modal = Some(Modal::Entry(Box::new(e)));
        }
    }

    /// `c` on Today: only while an answer stands.
    pub fn can_record_checked(&self) -> bool {
        // The panel's alert, worked out when it was refreshed (not at each frame).
        self.home.today().is_some_and(|t| t.alert().is_some())
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
            (_, Action::CloseModal | Action::Quit) => return self.close_questions(q, now),
            (Asking::When(i), Action::Up) => Asking::When(i.saturating_sub(1)),
            (Asking::When(i), Action::Down) => Asking::When((i + 1).min(last)),
            (Asking::When(i), Action::Select) => {
                q.when = i;
                match (0..Sign::ALL.len()).find(|n| q.ask & bit(*n) != 0) {
                    Some(n) => Asking::Sign(n),
                    None => return self.finish_questions(q, now),
                }
            }
            (Asking::Sign(n), Action::Confirm) if q.any => {
                // Which of the weekly signs: the emergency screen was said already.
                q.asked |= bit(n);
                q.yes |= bit(n);
                match q.after(n) {
                    Some(next) => Asking::Sign(next),
                    None => return self.finish_questions(q, now),
                }
            }
            (Asking::Sign(n), Action::Confirm) => {
                q.asked |= bit(n);
                q.yes |= bit(n);
                // A "yes" is recorded at once, with the answers so far (a closed
                // terminal must not lose it); the signs left are then asked as
                // the open episode's signs never asked.
                let effects = self.finish_questions(q, now);
                q.purpose = Purpose::Missing;
                q.ask &= !q.asked;
                q.asked = 0;
                q.yes = 0;
                q.asking = Asking::Said(n);
                self.modal = Some(Modal::Episode(q));
                return effects;
            }
            (Asking::Sign(n), Action::Cancel | Action::Select) => {
                q.asked |= bit(n);
                match q.after(n) {
                    Some(next) => Asking::Sign(next),
                    None => return self.finish_questions(q, now),
                }
            }
            (Asking::Said(n), Action::Select | Action::Cancel | Action::Confirm) => {
                match q.after(n) {
                    Some(next) => Asking::Sign(next),
                    None => return self.finish_questions(q, now),
                }
            }
            (Asking::Together, Action::Confirm) => {
                // Recorded at once, as one question; which sign it was comes next.
                q.any = true;
                let effects = self.record_round(
                    Answers {
                        asked: signs(q.ask),
                        yes: signs(q.ask),
                        together: true,
                    },
                    now,
                );
                q.asking = Asking::SaidTogether;
                self.modal = Some(Modal::Episode(q));
                return effects;
            }
            (Asking::Together, Action::Cancel | Action::Select) => {
                return self.finish_questions(q, now);
            }
            (Asking::SaidTogether, Action::Select | Action::Cancel | Action::Confirm) => {
                match (0..Sign::ALL.len()).find(|n| q.ask & bit(*n) != 0) {
                    Some(n) => Asking::Sign(n),
                    None => return self.finish_questions(q, now),
                }
            }
            (Asking::Check, Action::Confirm) => return self.record_checked(now),
            (Asking::Check, Action::Cancel | Action::Select) => return Vec::new(),
            (other, _) => other,
        };
        self.modal = Some(Modal::Episode(q));
        Vec::new()
    }

    /// Esc: nothing recorded unless a "yes" was given, which is never lost.
    fn close_questions(&mut self, q: EpisodeQuestions, now: Moment) -> Vec<Effect> {
        if q.yes != 0 || q.any {
            return self.finish_questions(q, now);
        }
        match q.purpose {
            Purpose::Start => self.notify("No episode started", now),
            Purpose::Missing | Purpose::Reask => {
                self.notify("Not answered: supple asks again next time", now)
            }
            Purpose::Checked => {}
        }
        Vec::new()
    }

    /// Records the answers: a new episode, or a round of the open one.
    fn finish_questions(&mut self, q: EpisodeQuestions, now: Moment) -> Vec<Effect> {
        if q.purpose == Purpose::Start {
            return self.start_episode(q, now);
        }
        let effects = self.record_round(q.answers(), now);
        // All no: what else is due at the start comes next (the day's pain, the
        // week's activities), after a moment, so that a key pressed twice does not
        // skip it.
        if q.yes == 0 && matches!(q.purpose, Purpose::Missing | Purpose::Reask) {
            self.settle_until = Some(now.plus(super::PAIN_SETTLE));
            self.ask_if_due(now);
        }
        effects
    }

    /// Records a round of answers on the open episode (none when nothing was asked).
    fn record_round(&mut self, answers: Answers, now: Moment) -> Vec<Effect> {
        if answers.asked.is_empty() {
            return Vec::new();
        }
        let at = self.wall.timestamp_at(now);
        let tz = self.wall.time_zone().clone();
        let record = EpisodeRecord::answers(
            &crate::core::history::build::rfc3339(at, &tz),
            answers.clone(),
        );
        self.home.with_episode(at, &tz, |s| {
            s.rounds.push(Round { at, answers });
        });
        self.notify("Your answers are recorded", now);
        vec![Effect::Episode(Box::new(record))]
    }

    /// `y` to "have you been checked?".
    fn record_checked(&mut self, now: Moment) -> Vec<Effect> {
        let at = self.wall.timestamp_at(now);
        let tz = self.wall.time_zone().clone();
        let record = EpisodeRecord::checked(&crate::core::history::build::rfc3339(at, &tz));
        self.home.with_episode(at, &tz, |s| s.checked.push(at));
        self.notify("Recorded: you have been checked", now);
        vec![Effect::Episode(Box::new(record))]
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
        let answers = q.answers();
        let record = EpisodeRecord::start(&stamp(at), &stamp(onset), None, answers.clone());
        let mut screening = Screening {
            started: Some(at),
            ..Screening::default()
        };
        if !answers.asked.is_empty() {
            screening.rounds.push(Round { at, answers });
        }
        let episode = Episode {
            onset,
            ended: None,
            plan: DEFAULT_PLAN.to_owned(),
            screening,
        };
        let day = episode.day(at);
        let panel = TodayPanel::new(setup.plan, episode, setup.sessions, setup.titles, at);
        self.home.set_today(panel, at, &tz);
        self.notify(
            format!("Episode started: day {day}. Today is at the top"),
            now,
        );
        // With no "yes" standing, the activities the person finds hard (optional).
        if q.yes == 0 {
            self.modal = Some(Modal::Entry(Box::new(super::Entry::start())));
        }
        vec![Effect::Episode(Box::new(record))]
    }
}
