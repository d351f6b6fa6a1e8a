//! A line of text typed over the screen: a note for the physiotherapist (`n` on a
//! finished screen), and the activities of the Patient-Specific Functional Scale
//! (named and rated when an episode starts with `e`, rated again once a week when
//! Today opens). Every note and every rating is written the moment Enter gives it
//! ([`Effect::Mark`]); Esc closes, keeping what was already given.

use super::{Action, App, Effect, Modal, TextLine};
use crate::core::function::MAX_ACTIVITIES;
use crate::core::history::mark::{MAX_NOTE, Mark};
use crate::core::moment::Moment;

/// The longest line typed or pasted into a note (a note from `supple note` may be
/// longer; a line on a screen is enough for the report).
pub const NOTE_LINE: usize = 500;

/// What the line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typing {
    /// A note for the physiotherapist.
    Note,
    /// The name of the `n`th activity (from 0), when an episode starts.
    Name(usize),
    /// The score of the `n`th activity of [`Entry::activities`].
    Score(usize),
}

/// Why the activities are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// A note only.
    Note,
    /// An episode's start: name up to three, rate each.
    Start,
    /// Once a week: the named ones again.
    Weekly,
}

/// The line being typed and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub round: Round,
    pub typing: Typing,
    /// What is typed (as long as [`Entry::max`] allows).
    pub line: TextLine,
    /// The activities named (at the start) or to rate again (weekly).
    pub activities: Vec<String>,
    /// How many ratings were given.
    pub rated: usize,
    /// The last score typed was not 0-10.
    pub wrong: bool,
}

impl Entry {
    /// A note for the physiotherapist.
    pub fn note() -> Entry {
        Entry::new(Round::Note, Typing::Note, Vec::new())
    }

    /// At an episode's start: the first activity's name.
    pub fn start() -> Entry {
        Entry::new(Round::Start, Typing::Name(0), Vec::new())
    }

    /// The week's ratings of `activities` (none: nothing to ask).
    pub fn weekly(activities: Vec<String>) -> Option<Entry> {
        (!activities.is_empty()).then(|| Entry::new(Round::Weekly, Typing::Score(0), activities))
    }

    fn new(round: Round, typing: Typing, activities: Vec<String>) -> Entry {
        Entry {
            line: TextLine::new(Entry::max(&typing)),
            round,
            typing,
            activities,
            rated: 0,
            wrong: false,
        }
    }

    /// The most characters a line for `typing` takes.
    pub fn max(typing: &Typing) -> usize {
        match typing {
            Typing::Note => NOTE_LINE.min(MAX_NOTE),
            Typing::Name(_) => crate::core::history::mark::MAX_ACTIVITY,
            Typing::Score(_) => 2,
        }
    }

    /// The next question: its own line, empty.
    fn ask(&mut self, typing: Typing) {
        self.line.reset(Entry::max(&typing));
        self.typing = typing;
    }

    /// The activity being rated, if a score is asked.
    pub fn rating(&self) -> Option<&str> {
        match self.typing {
            Typing::Score(i) => self.activities.get(i).map(String::as_str),
            _ => None,
        }
    }

    /// Adds a typed character, when it fits (a score takes digits only).
    fn push(&mut self, c: char) {
        if matches!(self.typing, Typing::Score(_)) && !c.is_ascii_digit() {
            return;
        }
        if self.line.push(c) {
            self.wrong = false;
        }
    }
}

impl App {
    /// `now` as a record's time (RFC 3339 with the local offset).
    pub(super) fn stamp(&self, now: Moment) -> String {
        let at = self.wall.timestamp_at(now);
        crate::core::history::build::rfc3339(at, self.wall.time_zone())
    }

    /// Opens a note for the physiotherapist (`n` on a finished screen).
    pub(super) fn open_note(&mut self) {
        self.modal = Some(Modal::Entry(Box::new(Entry::note())));
    }

    /// A key while a line is typed.
    pub(super) fn entry_key(
        &mut self,
        mut e: Box<Entry>,
        action: Action,
        now: Moment,
    ) -> Vec<Effect> {
        match action {
            Action::FilterChar(c) => e.push(c),
            Action::FilterBackspace => e.line.pop(),
            Action::FilterClear => e.line.clear(),
            Action::FilterCancel | Action::Quit | Action::CloseModal => {
                return self.close_entry(&e, now);
            }
            Action::FilterDone => return self.enter(e, now),
            _ => {}
        }
        self.modal = Some(Modal::Entry(e));
        Vec::new()
    }

    /// Esc: what was given is kept (written already); the rest is not asked.
    fn close_entry(&mut self, e: &Entry, now: Moment) -> Vec<Effect> {
        let text = match (e.round, e.rated) {
            (Round::Note, _) => "No note saved",
            (_, 0) => "Not rated: supple function --ask rates them any time",
            _ => "Your ratings are saved",
        };
        self.notify(text, now);
        Vec::new()
    }

    /// Enter: the note or the rating is written at once; then the next question.
    fn enter(&mut self, mut e: Box<Entry>, now: Moment) -> Vec<Effect> {
        let stamp = self.stamp(now);
        let text = e.line.as_str().trim().to_owned();
        e.line.clear();
        e.wrong = false;
        let mut effects = Vec::new();
        let next = match e.typing {
            Typing::Note if text.is_empty() => {
                self.notify("No note saved", now);
                return effects;
            }
            Typing::Note => {
                effects.push(Effect::Mark(Box::new(Mark::note(&stamp, &text))));
                self.notify("Note saved; supple report lists it", now);
                return effects;
            }
            // Enter on an empty name: no more activities.
            Typing::Name(_) => match crate::core::history::mark::clean_activity(&text) {
                None => return self.close_entry(&e, now),
                Some(name) => {
                    e.activities.push(name);
                    Some(Typing::Score(e.activities.len() - 1))
                }
            },
            Typing::Score(i) => {
                let score = text.parse::<u8>().ok();
                match (text.is_empty(), score) {
                    (false, Some(s)) if s <= 10 => {
                        if let Some(name) = e.activities.get(i) {
                            effects.push(Effect::Mark(Box::new(Mark::rating(&stamp, name, s))));
                            e.rated += 1;
                        }
                    }
                    // Skipped: at the start, the activity is not kept.
                    (true, _) => {
                        if e.round == Round::Start {
                            e.activities.truncate(i);
                        }
                    }
                    _ => {
                        e.wrong = true;
                        self.modal = Some(Modal::Entry(e));
                        return effects;
                    }
                }
                match e.round {
                    Round::Start if e.activities.len() < MAX_ACTIVITIES => {
                        Some(Typing::Name(e.activities.len()))
                    }
                    Round::Weekly if i + 1 < e.activities.len() => Some(Typing::Score(i + 1)),
                    _ => None,
                }
            }
        };
        match next {
            Some(typing) => {
                e.ask(typing);
                self.modal = Some(Modal::Entry(e));
            }
            None => {
                effects.extend(self.close_entry(&e, now));
            }
        }
        effects
    }
}
