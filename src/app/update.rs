//! How the app changes: time passing ([`App::tick`]) and an action
//! ([`App::handle`]), given to the modal if one is open, else to the screen, whose
//! [`Reply`] is carried out here.

use super::{
    Action, App, Ctx, Effect, Go, MIN_HEIGHT, MIN_WIDTH, Modal, PainStage, PauseReason, Question,
    Reply, Screen, Then,
};
use crate::core::moment::Moment;

impl App {
    /// Lets time pass: returns the effects of the cues that happened.
    pub fn tick(&mut self, now: Moment) -> Vec<Effect> {
        if self.notice.as_ref().is_some_and(|(_, until)| *until <= now) {
            self.notice = None;
        }
        if let Some(Modal::Pain(q)) = &self.modal
            && let Some((digit, until)) = q.typed
            && until <= now
        {
            let q = *q;
            self.modal = None;
            return self.pain_answer(q, Some(digit), false, now);
        }
        if let (Screen::Home, Some(stale)) =
            (&self.screen, self.home.today().and_then(|t| t.stale_at()))
            && self.wall.timestamp_at(now) >= stale
        {
            let at = self.wall.timestamp_at(now);
            self.home.refresh_today(at, self.wall.time_zone());
        }
        let ctx = Ctx {
            settings: &self.settings,
            wall: &self.wall,
        };
        let mut effects = match &mut self.screen {
            Screen::Pack(p) => {
                let (reply, changed) = p.tick(now, &ctx);
                let mut effects = self.reply(reply, now);
                effects.extend(self.after_step(now));
                if changed && let Screen::Pack(p) = &self.screen {
                    effects.push(p.state(now, &self.wall));
                }
                return effects;
            }
            Screen::Player(p) => p.tick(now, ctx.settings),
            Screen::Home | Screen::History(_) => return Vec::new(),
        };
        effects.extend(self.after_step(now));
        effects
    }

    /// Handles one action at `now`.
    pub fn handle(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        if let Action::Resized { width, height } = action {
            // Too small to read: a running routine waits (the ice/heat timer keeps
            // time, since the pack is on whether or not the screen shows it).
            if (width < MIN_WIDTH || height < MIN_HEIGHT)
                && let Screen::Player(p) = &mut self.screen
            {
                p.pause_for(PauseReason::TooSmall, now);
            }
            let mut effects = self.tick(now);
            // The history screen reads the rows the window shows.
            if let Screen::History(h) = &mut self.screen
                && let Some(request) = h.resized(width, height)
            {
                effects.push(Effect::HistoryPage(request));
            }
            return effects;
        }
        if let Action::Slept(d) = action {
            // The player pauses where it was when the computer went to sleep. (The
            // ice/heat timer keeps going: its clock counts the sleep, and the
            // switches it missed are shown.)
            if let Screen::Player(p) = &mut self.screen {
                p.slept_for(d, now);
            }
            return self.tick(now);
        }
        let mut effects = self.tick(now);
        let settling = self.settle_until.is_some_and(|t| now < t);
        if settling
            && matches!(
                action,
                Action::Select | Action::CompleteRep | Action::Pain(_) | Action::FilterDone
            )
        {
            return effects;
        }
        match action {
            Action::ForceQuit => effects.push(Effect::Interrupt),
            Action::Suspend => {
                self.pause(now);
                effects.push(Effect::Suspend);
            }
            Action::ToggleMute => {
                self.settings.muted = !self.settings.muted;
                let text = if self.settings.muted {
                    "Sounds off (m to turn them on)"
                } else {
                    "Sounds on"
                };
                self.notify(text, now);
            }
            _ => effects.extend(self.key(action, now)),
        }
        effects.extend(self.after_step(now));
        effects
    }

    /// A key for the modal, if one is open, else for the screen.
    fn key(&mut self, action: Action, now: Moment) -> Vec<Effect> {
        let closing = matches!(action, Action::CloseModal | Action::Help | Action::Quit);
        match self.modal.take() {
            Some(Modal::Help { .. }) if closing => Vec::new(),
            Some(Modal::Help { scroll }) => {
                self.modal = Some(Modal::Help {
                    scroll: scrolled(scroll, action),
                });
                Vec::new()
            }
            Some(Modal::Calm { then, scroll, head }) if !closing => {
                self.modal = Some(Modal::Calm {
                    then,
                    scroll: scrolled(scroll, action),
                    head,
                });
                Vec::new()
            }
            Some(Modal::Calm { then, .. }) => match then {
                Then::Leave => self.leave(now),
                Then::Stay => Vec::new(),
            },
            Some(Modal::ConfirmQuit { was_running }) => self.confirm(action, was_running, now),
            Some(Modal::Pain(q)) => self.pain_key(q, action, now),
            Some(Modal::Episode(q)) => self.episode_key(q, action, now),
            Some(Modal::Entry(e)) => self.entry_key(e, action, now),
            None => {
                let ctx = Ctx {
                    settings: &self.settings,
                    wall: &self.wall,
                };
                let reply = match &mut self.screen {
                    Screen::Home => self.home.update(action, self.pack_base),
                    Screen::Player(p) => p.update(action, now, &ctx),
                    Screen::Pack(p) => p.update(action, now, &ctx),
                    Screen::History(h) => h.update(action),
                };
                self.reply(reply, now)
            }
        }
    }

    /// Carries out what a screen's update asked for.
    pub(super) fn reply(&mut self, reply: Reply, now: Moment) -> Vec<Effect> {
        let mut effects = reply.effects;
        if let Some(text) = reply.notice {
            self.notify(text, now);
        }
        match reply.go {
            Go::Stay => {}
            Go::Help => self.modal = Some(Modal::Help { scroll: 0 }),
            Go::ConfirmQuit { was_running } => {
                self.modal = Some(Modal::ConfirmQuit { was_running })
            }
            Go::Leave => effects.extend(self.leave(now)),
            Go::List => {
                effects.extend(self.close_screen(now));
                self.screen = Screen::Home;
            }
            Go::Quit => effects.push(Effect::Quit),
            Go::Play { timeline, id, hash } => {
                effects.extend(self.play_routine(*timeline, id, hash, now))
            }
            Go::Pack(plan) => {
                // Another session running: the start screen says so and asks.
                let mut notes = self.home.elsewhere().to_vec();
                if !notes.is_empty() {
                    notes.push(crate::core::resume::SECOND_PACK.to_owned());
                }
                effects.extend(self.open_pack(plan, notes, now));
            }
            Go::Episode => {
                if self.can_start_episode() {
                    self.modal = Some(Modal::Episode(super::EpisodeQuestions::new()));
                }
            }
            Go::Note => self.open_note(),
            Go::Checked => {
                if self.can_record_checked() {
                    self.modal = Some(Modal::Episode(super::EpisodeQuestions::checked()));
                }
            }
        }
        effects
    }

    /// Pauses a running session (routine or pack); true if it was running.
    pub(super) fn pause(&mut self, now: Moment) -> bool {
        match &mut self.screen {
            Screen::Pack(p) => p.pause(now),
            Screen::Player(p) => p.pause(now),
            Screen::Home | Screen::History(_) => false,
        }
    }

    /// After time passed or a key: a session that has just finished asks the pain
    /// question (once no other modal is open) or is logged.
    fn after_step(&mut self, now: Moment) -> Option<Effect> {
        match &mut self.screen {
            Screen::Player(p) if p.finished() && self.settings.pain => {
                // Asked once no other modal is open; logged once it is answered.
                if self.modal.is_some() {
                    return None;
                }
                if p.ask_after(false) {
                    self.modal = Some(Modal::Pain(Question::new(PainStage::After, Then::Stay)));
                    return None;
                }
            }
            Screen::Player(p) if p.finished() => {}
            Screen::Pack(p) if p.finished() => {}
            _ => return None,
        }
        let logged = self.close(now).map(|r| Effect::Log(Box::new(r)));
        self.ask_daily_pain_after_session();
        logged
    }

    /// After a session that ran to its end (and its own pain question), the day's
    /// pain when it is still due: asked once a day, the first time supple opens or
    /// a session ends, wherever it was started.
    fn ask_daily_pain_after_session(&mut self) {
        if self.daily_pain_due && self.modal.is_none() {
            self.modal = Some(Modal::Pain(Question::new(PainStage::Daily, Then::Stay)));
        }
    }
}

/// A modal's scroll after `action`: up and down a line, to the top and the bottom
/// (the view stops it at the last line).
pub(super) fn scrolled(scroll: u16, action: Action) -> u16 {
    match action {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1).min(200),
        Action::Top => 0,
        _ => scroll,
    }
}
