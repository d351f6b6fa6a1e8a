//! What is shown over a screen: help, "stop?", the pain question (in `pain.rs`)
//! and the calm panel; and how "stop?" is answered.

use super::{Action, App, Ctx, Effect, PainStage, Question, Screen};
use crate::core::moment::Moment;

/// What is shown over the screen, taking the keys until it closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// The keys and the safety text, scrolled down `scroll` lines (a small window
    /// shows it a part at a time).
    Help { scroll: u16 },
    /// Asking whether to stop; remembers whether the session was running.
    ConfirmQuit { was_running: bool },
    /// "Pain now, 0-10?"
    Pain(Question),
    /// Pain went up: stop for today, and when to see a doctor.
    /// `head`: what the pain scores said (`guidance::calm_head`).
    Calm {
        then: Then,
        scroll: u16,
        head: &'static str,
    },
    /// Starting an episode: when it began, then the red-flag questions.
    Episode(super::EpisodeQuestions),
    /// A line typed: a note, an activity's name or its rating.
    Entry(Box<super::Entry>),
}

/// What follows a modal once it is answered or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// The screen behind it stays.
    Stay,
    /// The screen is left (the routine was stopped).
    Leave,
}

impl App {
    /// "Stop this session?": yes leaves (a routine asks how the pain is first), no
    /// carries on where it was.
    pub(super) fn confirm(
        &mut self,
        action: Action,
        was_running: bool,
        now: Moment,
    ) -> Vec<Effect> {
        match action {
            Action::Confirm | Action::Quit => {
                if self.settings.pain
                    && let Screen::Player(p) = &mut self.screen
                    && p.ask_after(true)
                {
                    self.modal = Some(Modal::Pain(Question::new(PainStage::After, Then::Leave)));
                    return Vec::new();
                }
                self.leave(now)
            }
            Action::Cancel | Action::CloseModal => {
                if !was_running {
                    return Vec::new();
                }
                let ctx = Ctx {
                    settings: &self.settings,
                    wall: &self.wall,
                };
                match &mut self.screen {
                    Screen::Pack(p) => {
                        let reply = p.resume(now, &ctx);
                        self.reply(reply, now)
                    }
                    Screen::Player(p) => p.resume(now, ctx.settings),
                    Screen::Home | Screen::History(_) => Vec::new(),
                }
            }
            _ => {
                self.modal = Some(Modal::ConfirmQuit { was_running });
                Vec::new()
            }
        }
    }
}
