//! The pain question, "Pain now, 0-10?", asked before a routine starts and after
//! it ends (finished or stopped), as a modal that carries what follows it.

use std::time::Duration;

use super::{Action, App, Effect, Modal, Screen, Then};
use crate::core::guidance::calm_head;
use crate::core::history::mark::Mark;
use crate::core::moment::Moment;

/// How long a `1` at the pain question waits for a second digit.
pub const PAIN_SECOND_DIGIT: Duration = Duration::from_millis(1500);

/// How long after a pain answer Enter and digits are ignored.
pub const PAIN_SETTLE: Duration = Duration::from_secs(1);

/// Which pain question is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PainStage {
    Before,
    After,
    /// Once a day in an episode: average pain over the last 24 hours.
    Daily,
}

/// The question on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub stage: PainStage,
    /// A `1` typed, waiting until this moment for a `0` (ten) or Enter.
    pub typed: Option<(u8, Moment)>,
    /// What happens once it is answered.
    pub then: Then,
}

impl Question {
    pub(super) fn new(stage: PainStage, then: Then) -> Question {
        Question {
            stage,
            typed: None,
            then,
        }
    }
}

impl App {
    /// Takes a key at the pain question: `1` waits a moment for a `0` (ten) or
    /// Enter; any other digit answers at once; Enter alone skips; `q` or Esc
    /// skips too (and, before the start, leaves).
    pub(super) fn pain_key(&mut self, q: Question, action: Action, now: Moment) -> Vec<Effect> {
        let answer = match (q.typed.map(|(d, _)| d), action) {
            (Some(1), Action::Pain(Some(0))) => Some(10),
            (Some(d), Action::Pain(_)) => Some(d),
            (None, Action::Pain(Some(1))) => {
                self.modal = Some(Modal::Pain(Question {
                    typed: Some((1, now.plus(PAIN_SECOND_DIGIT))),
                    ..q
                }));
                return Vec::new();
            }
            (_, Action::Pain(v)) => v,
            (_, Action::Quit) => None,
            _ => {
                self.modal = Some(Modal::Pain(Question { typed: None, ..q }));
                return Vec::new();
            }
        };
        self.pain_answer(q, answer, action == Action::Quit, now)
    }

    /// Takes an answer (`None`: skipped): the routine starts, or its record is
    /// written, and then comes what the question carried.
    pub(super) fn pain_answer(
        &mut self,
        q: Question,
        answer: Option<u8>,
        quit: bool,
        now: Moment,
    ) -> Vec<Effect> {
        if q.stage == PainStage::Daily {
            // Asked once: skipped or answered, not again until supple starts anew.
            self.daily_pain_due = false;
            // The week's ratings of the activities come next, when due, with a
            // moment's settling so that a key pressed twice does not skip them;
            // with nothing after it, the next key is the person's (Enter on
            // Today starts its step at once).
            self.ask_function_if_due();
            if self.modal.is_some() {
                self.settle_until = Some(now.plus(PAIN_SETTLE));
            }
            return answer
                .map(|p| vec![Effect::Mark(Box::new(Mark::pain(&self.stamp(now), p)))])
                .unwrap_or_default();
        }
        self.settle_until = Some(now.plus(PAIN_SETTLE));
        let Screen::Player(p) = &mut self.screen else {
            return Vec::new();
        };
        match q.stage {
            // Answered above, whatever the screen.
            PainStage::Daily => Vec::new(),
            PainStage::Before if quit => self.leave(now),
            PainStage::Before => {
                p.set_pain_before(answer);
                p.start(now, &self.settings)
            }
            PainStage::After => {
                p.set_pain_after(answer);
                let head = answer.and_then(|a| calm_head(p.pain_before(), a));
                let mut effects = self.log(now);
                if let Some(head) = head {
                    // The panel first; what the question carried follows it.
                    self.modal = Some(Modal::Calm {
                        then: q.then,
                        scroll: 0,
                        head,
                    });
                } else if q.then == Then::Leave {
                    effects.extend(self.leave(now));
                }
                effects
            }
        }
    }
}
