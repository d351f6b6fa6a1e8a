//! The keys each screen answers to, in words: the one list the help screen and the
//! manual (supple(1), KEYS) say. `tui::keys` maps the keys themselves; its tests
//! check that every key named here does something on its screen.

/// Keys and what they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyHelp {
    /// "Space or p", "↑ ↓ or j k".
    pub keys: &'static str,
    pub what: &'static str,
}

const fn k(keys: &'static str, what: &'static str) -> KeyHelp {
    KeyHelp { keys, what }
}

/// The home screen (the routines, the timers and Today).
pub const HOME: &[KeyHelp] = &[
    k("↑ ↓ or j k", "choose"),
    k("Enter", "start"),
    k("/", "filter by name, tag or exercise"),
    k("Ctrl-U", "clear the filter while typing it"),
    k("e", "my back hurts: start an episode (when none is open)"),
    k("c", "I have been checked (while a red-flag answer stands)"),
    k("q or Esc", "quit"),
];

/// A routine playing.
pub const PLAYER: &[KeyHelp] = &[
    k("Space or p", "pause / resume"),
    k("→ or n", "skip to the next step"),
    k("← or b", "restart this step (twice: the one before)"),
    k("Enter", "a rep done at your own pace"),
    k("r", "restart this exercise"),
    k("m", "sounds on / off"),
    k("q or Esc", "stop (asks first)"),
    k("Ctrl-Z", "suspend to the shell; fg to come back"),
];

/// The ice and heat timer.
pub const PACK: &[KeyHelp] = &[
    k("Space or p", "pause / resume"),
    k("n or →", "end this phase now"),
    k("+ or -", "a minute more or less of this phase"),
    k("m", "sounds on / off"),
    k("q or Esc", "stop (asks first)"),
    k("Ctrl-Z", "suspend to the shell; the timer keeps time"),
];

/// The card at the end of a routine or of the ice and heat timer.
pub const FINISHED: &[KeyHelp] = &[
    k("Enter", "start it again"),
    k("h", "back to the list"),
    k(
        "n",
        "a note for your physiotherapist, dated (supple report lists it)",
    ),
    k("q or Esc", "quit"),
];

/// Every list with the name of its screen, for the manual.
pub const ALL: &[(&str, &[KeyHelp])] = &[
    ("The home screen", HOME),
    ("Playing a routine", PLAYER),
    ("The ice and heat timer", PACK),
    ("The end of a routine or of the timer", FINISHED),
];
