//! How a screen's update answers the app: a [`Reply`] with where to [`Go`], and
//! the [`Ctx`] it may read.

use super::{Effect, Settings, Wall};
use crate::core::pack::Plan;
use crate::core::timeline::Timeline;

/// What a screen's update has for the app: effects, a notice, and where to go.
#[derive(Debug, Default)]
pub(crate) struct Reply {
    pub(super) effects: Vec<Effect>,
    pub(super) notice: Option<String>,
    pub(super) go: Go,
}

impl Reply {
    pub(super) fn go(go: Go) -> Reply {
        Reply {
            go,
            ..Reply::default()
        }
    }

    pub(super) fn effects(effects: Vec<Effect>) -> Reply {
        Reply {
            effects,
            ..Reply::default()
        }
    }

    pub(super) fn notice(text: &str) -> Reply {
        Reply {
            notice: Some(text.to_owned()),
            ..Reply::default()
        }
    }
}

/// Where a screen asks to go after a key.
#[derive(Debug, Default)]
pub(crate) enum Go {
    #[default]
    Stay,
    Help,
    ConfirmQuit {
        was_running: bool,
    },
    /// Leave this screen (its session ends and is logged): to the list, or out of
    /// the app when it was started for this screen.
    Leave,
    /// Back to the list from a finished card.
    List,
    Quit,
    Play {
        timeline: Box<Timeline>,
        id: Option<String>,
        hash: Option<String>,
    },
    Pack(Plan),
    /// `e`: start an episode (the questions open, if one can be started).
    Episode,
    /// `c`: "have you been checked?" (while a red-flag answer stands).
    Checked,
    /// `n` on a finished screen: a note for the physiotherapist.
    Note,
}

/// What a screen's update may read of the app.
pub(crate) struct Ctx<'a> {
    pub(super) settings: &'a Settings,
    pub(super) wall: &'a Wall,
}
