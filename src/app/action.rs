//! What passes between the app and its shell: the [`Action`]s a key or the clock
//! asks for, the [`Keymap`] that says which keys apply, and the [`Effect`]s the
//! shell carries out.

use std::time::Duration;

use crate::core::history::Record;

/// What a key asks for, once mapped by the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    /// A list's page up and down (the history screen's sessions).
    PageUp,
    PageDown,
    /// Enter on the home screen or the finished screen.
    Select,
    StartFilter,
    FilterChar(char),
    FilterBackspace,
    /// Enter while typing a filter: keep it and go back to the list.
    FilterDone,
    /// Esc while typing a filter: clear it.
    FilterCancel,
    /// Ctrl-U while typing a filter: clear it and go on typing.
    FilterClear,
    TogglePause,
    Next,
    Back,
    CompleteRep,
    RestartExercise,
    ToggleMute,
    Help,
    /// Esc, `q` or Enter in a modal.
    CloseModal,
    /// `q` or Esc: leave the current screen (asks first while a routine runs).
    Quit,
    /// Ctrl-C: leave at once.
    ForceQuit,
    Confirm,
    Cancel,
    /// From the finished screen back to the list.
    GoHome,
    /// Ctrl-Z: suspend to the shell.
    Suspend,
    /// An answer to "Pain now, 0-10?" (`None`: skipped).
    Pain(Option<u8>),
    /// The window has this size now (also said once at the start).
    Resized {
        width: u16,
        height: u16,
    },
    /// The shell noticed that the computer slept this long (just now).
    Slept(Duration),
    /// `+`: a minute more of the current ice/heat phase.
    AddMinute,
    /// `-`: a minute less.
    RemoveMinute,
    /// `e` on the home screen: my back hurts, start an episode.
    StartEpisode,
    /// `n` on a finished screen: a note for the physiotherapist.
    Note,
    /// `c` on the home screen while a red-flag answer stands: I have been checked.
    Checked,
}

/// Something for the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save this session to the history log.
    Log(Box<Record>),
    /// Keep (or, with `None`, remove) the state file of a running ice/heat
    /// session, so that it can be resumed if the terminal is closed.
    PackState(Option<Box<crate::core::resume::Saved>>),
    /// A chime (or the bell, where no player plays it).
    Sound(crate::core::sound::Sound),
    Speak(String),
    /// A desktop notification.
    Notify {
        title: String,
        body: String,
    },
    Quit,
    /// Ctrl-C: quit, reported as an interruption.
    Interrupt,
    Suspend,
    /// Append this episode record to the history log.
    Episode(Box<crate::core::episode::EpisodeRecord>),
    /// Log the day's pain (average over the last 24 hours, 0-10), a note or an
    /// activity's rating, each written as it is given.
    Mark(Box<crate::core::history::mark::Mark>),
    /// Run the person's hook for this event, if they set one.
    Hook(crate::core::hook::HookEvent),
    /// Read this page of the history screen's list from the log.
    HistoryPage(super::history::PageRequest),
}

/// Which keys apply now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keymap {
    Home,
    HomeFilter,
    Player,
    Finished,
    /// The ice/heat start screen: safety first.
    PackReady,
    Pack,
    PackFinished,
    /// "Pain now, 0-10?"
    Pain,
    History,
    /// Help and the calm panel: any closing key closes them.
    Help,
    ConfirmQuit,
    /// Starting an episode: ↑↓ and Enter for when, y or n for each question.
    Episode,
    /// A line typed: a note, an activity and its rating.
    Text,
}
