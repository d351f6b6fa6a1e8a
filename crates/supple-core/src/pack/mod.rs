//! Cold and heat packs: the schedule (20 minutes on, 20 off, a few times) and the
//! state machine that walks it. Pure, like the routine engine: time comes in as
//! [`Moment`]s, deadlines are stored and chained, nothing counts down per tick.
//!
//! The shell feeds it a clock that keeps counting while the computer sleeps or the
//! process is stopped, so after a long absence [`Session::tick`] reports each
//! switch that passed with how late it is noticed; the shell shows those as missed
//! instead of ringing for each.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::duration;

/// Guidance: an ice application of up to 20 minutes at a time.
pub const ICE_LIMIT: Duration = Duration::from_secs(20 * 60);
/// The longest ice application: `+` stops here and `--on` may not ask for more.
/// The guidance is up to 20 minutes at a time; a few minutes more are allowed, so
/// a person can finish what they are doing, but never an hour by accident.
pub const ICE_MAX: Duration = Duration::from_secs(30 * 60);
/// The longest heat application unless `[pack] heat_max` in the config file
/// says otherwise (the guidance: 15-20 minutes at a time).
pub const HEAT_MAX: Duration = Duration::from_secs(30 * 60);
/// The most `[pack] heat_max` may allow.
pub const HEAT_MAX_LIMIT: Duration = Duration::from_secs(60 * 60);
pub const DEFAULT_ON: Duration = Duration::from_secs(20 * 60);
pub const DEFAULT_OFF: Duration = Duration::from_secs(20 * 60);
pub const DEFAULT_CYCLES: u32 = 3;
pub const MAX_CYCLES: u32 = 12;
/// The longest single phase accepted.
pub const MAX_PHASE: Duration = Duration::from_secs(4 * 3600);
/// What `+` and `-` change.
pub const STEP: Duration = Duration::from_secs(60);
/// A switch noticed later than this happened while the person was away.
pub const AWAY_AFTER: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Treatment {
    Ice,
    Heat,
    /// Ice, then heat, then ice...
    Contrast,
}

impl Treatment {
    pub fn name(self) -> &'static str {
        match self {
            Treatment::Ice => "ice",
            Treatment::Heat => "heat",
            Treatment::Contrast => "contrast",
        }
    }

    /// For a line of text: "Ice", "Heat", "Heat and ice".
    pub fn title(self) -> &'static str {
        match self {
            Treatment::Ice => "Ice",
            Treatment::Heat => "Heat",
            Treatment::Contrast => "Heat and ice",
        }
    }
}

/// What goes on the skin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pack {
    Ice,
    Heat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseKind {
    On(Pack),
    Off,
}

impl PhaseKind {
    /// The big label: `ICE ON`, `HEAT ON`, `OFF - skin rest`.
    pub fn label(self) -> &'static str {
        match self {
            PhaseKind::On(Pack::Ice) => "ICE ON",
            PhaseKind::On(Pack::Heat) => "HEAT ON",
            PhaseKind::Off => "OFF - skin rest",
        }
    }
}

impl fmt::Display for PhaseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    pub duration: Duration,
    /// Which application this phase belongs to (1-based); an off phase belongs to
    /// the application before it.
    pub cycle: u32,
}

/// A session's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub mode: Treatment,
    pub on: Duration,
    pub off: Duration,
    pub cycles: u32,
    /// The longest a heat application may grow to (`[pack] heat_max`).
    pub heat_max: Duration,
}

impl Plan {
    pub fn new(mode: Treatment) -> Plan {
        Plan {
            mode,
            on: DEFAULT_ON,
            off: DEFAULT_OFF,
            cycles: DEFAULT_CYCLES,
            heat_max: HEAT_MAX,
        }
    }

    /// The longest one application of `pack` may last.
    pub fn limit(&self, pack: Pack) -> Duration {
        match pack {
            Pack::Ice => ICE_MAX,
            Pack::Heat => self.heat_max,
        }
    }

    /// The longest an application of this plan may last (contrast: the shorter).
    pub fn on_limit(&self) -> Duration {
        match self.mode {
            Treatment::Ice => ICE_MAX,
            Treatment::Heat => self.heat_max,
            Treatment::Contrast => ICE_MAX.min(self.heat_max),
        }
    }

    /// This plan with `on` cut to what an application may last, and why, when it
    /// was cut (an `on` from the config file longer than the limit).
    pub fn within_limit(mut self) -> (Plan, Option<String>) {
        match self.too_long() {
            Some(why) => {
                self.on = self.on_limit();
                let note = format!("{why}; each application lasts {}", duration::human(self.on));
                (self, Some(note))
            }
            None => (self, None),
        }
    }

    /// Why `on` is too long for this plan, if it is: what the person reads.
    pub fn too_long(&self) -> Option<String> {
        let limit = self.on_limit();
        (self.on > limit).then(|| {
            let what = match self.mode {
                Treatment::Ice | Treatment::Contrast if limit == ICE_MAX => {
                    "ice goes on for 30 minutes at most at a time: cold can damage the skin"
                        .to_owned()
                }
                _ => format!(
                    "heat goes on for {} at most at a time; [pack] heat_max in the config file sets this (up to 1 hour)",
                    duration::human(self.heat_max)
                ),
            };
            format!("{} is too long: {what}", duration::human(self.on))
        })
    }

    /// `on, off, on, off, on` for 3 cycles: no off after the last application.
    /// Contrast alternates heat and ice, starting with heat (Cleveland Clinic: heat
    /// 20 minutes, then ice 20 minutes). A zero `off` is left out.
    pub fn phases(&self) -> Vec<Phase> {
        let mut out = Vec::new();
        for cycle in 1..=self.cycles {
            let pack = match self.mode {
                Treatment::Ice => Pack::Ice,
                Treatment::Heat => Pack::Heat,
                Treatment::Contrast if cycle % 2 == 1 => Pack::Heat,
                Treatment::Contrast => Pack::Ice,
            };
            out.push(Phase {
                kind: PhaseKind::On(pack),
                duration: self.on,
                cycle,
            });
            if cycle < self.cycles && !self.off.is_zero() {
                out.push(Phase {
                    kind: PhaseKind::Off,
                    duration: self.off,
                    cycle,
                });
            }
        }
        out
    }

    /// "20m on, 20m off, 3 times", or "20m on, once": the off time only where
    /// there is one (between applications).
    pub fn rhythm(&self) -> String {
        let on = crate::duration::human(self.on);
        let has_off = self.phases().iter().any(|p| p.kind == PhaseKind::Off);
        match (self.cycles, has_off) {
            (1, _) => format!("{on} on, once"),
            (n, true) => format!(
                "{on} on, {} off, {n} times",
                crate::duration::human(self.off)
            ),
            (n, false) => format!("{on} on, {n} times in a row"),
        }
    }

    pub fn total(&self) -> Duration {
        self.phases().iter().map(|p| p.duration).sum()
    }

    /// Warnings about the plan itself, for the start screen.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if matches!(self.mode, Treatment::Ice | Treatment::Contrast) && self.on > ICE_LIMIT {
            out.push(format!(
                "Ice for {} at a time is longer than the usual 20 minutes: cold can damage the skin. Consider --on 20m.",
                duration::human(self.on)
            ));
        }
        if self.off < self.on && self.cycles > 1 {
            out.push(format!(
                "The skin gets {} off between applications, less than the {} on; the usual advice is at least as long off as on.",
                duration::human(self.off),
                duration::human(self.on)
            ));
        }
        out
    }
}

/// What supple says about heat and ice for the time since the pain began. Never a
/// warning against either: the evidence is strongest for heat (ACP 2017, moderate
/// quality; Cochrane finds too little for cold), the NHS says hot or cold packs,
/// and many guides, the one supple grew from too, suggest ice for the first 2-3
/// days. The person chooses. (docs/sources.md, "Cold and heat".)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// The first three days: the ice-first guides are mentioned.
    FirstDays,
    /// Later: heat or ice, whichever helps.
    Later,
}

/// How long the ice-first guides speak of: 2-3 days (72 hours at most).
pub const ICE_FIRST_GUIDES: Duration = Duration::from_secs(72 * 3600);

impl Advice {
    pub fn for_time_since(since: Duration) -> Advice {
        if since < ICE_FIRST_GUIDES {
            Advice::FirstDays
        } else {
            Advice::Later
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Advice::FirstDays => HEAT_OR_ICE_FIRST_DAYS,
            Advice::Later => HEAT_OR_ICE,
        }
    }
}

/// Said from day 1 (Today, `supple ice/heat/contrast --since`, the episode).
pub const HEAT_OR_ICE_FIRST_DAYS: &str = "Heat or ice, whichever feels better: the evidence is strongest for heat, and many guides (the one supple grew from too) suggest ice for the first 2-3 days. Up to 20 minutes on, 20 off, wrapped in a cloth.";

/// Whether a note before a session is this advice (possibly after "Day 2 of
/// this episode."): information, shown without a warning mark.
pub fn is_advice(note: &str) -> bool {
    note.ends_with(HEAT_OR_ICE_FIRST_DAYS) || note.ends_with(HEAT_OR_ICE)
}

/// Said after the first three days.
pub const HEAT_OR_ICE: &str = "Heat or ice, whichever feels better (the evidence is strongest for heat). Up to 20 minutes on, 20 off, wrapped in a cloth.";

mod session;

pub use session::{Command, Cue, Session, Status, Switch};
