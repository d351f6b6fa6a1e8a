//! The routine format: TOML text in, a validated [`Routine`] or every error out.
//!
//! toml's parser gives a tree of values that each know their byte span; this module
//! walks that tree by hand instead of through serde derive, so that it can keep going
//! after the first problem and report all of them, each at the exact value, with the
//! exercise it belongs to and a hint. Syntax errors stop at the first (toml reports
//! only one), semantic errors are all collected.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::DeTable;

use super::values::article;
use super::{Diagnostic, Exercise, Progression, Routine, Work};
use crate::duration::{self, MAX_SINGLE};

/// The ranges a valid routine respects. They are documented in docs/routine-format.md.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub name_chars: usize,
    pub text_chars: usize,
    pub list_items: usize,
    pub reps: (u32, u32),
    pub sets: (u32, u32),
    pub sides: usize,
    pub phases: usize,
    pub exercises: usize,
    pub single: Duration,
    pub total: Duration,
    pub steps: u64,
}

pub const LIMITS: Limits = Limits {
    name_chars: 80,
    text_chars: 300,
    list_items: 20,
    reps: (1, 500),
    sets: (1, 50),
    sides: 4,
    phases: 12,
    exercises: 100,
    single: MAX_SINGLE,
    total: Duration::from_secs(24 * 3600),
    steps: 100_000,
};

const ROUTINE_KEYS: &[&str] = &[
    "name",
    "description",
    "tags",
    "lead_in",
    "rest",
    "switch",
    "exercise",
];
const EXERCISE_KEYS: &[&str] = &[
    "name",
    "description",
    "cues",
    "hold",
    "phases",
    "reps",
    "sets",
    "sides",
    "rep_rest",
    "set_rest",
    "rest",
    "switch",
    "art",
    "progression",
];

const DEFAULT_LEAD_IN: Duration = Duration::from_secs(5);
const DEFAULT_REST: Duration = Duration::from_secs(10);
const DEFAULT_SWITCH: Duration = Duration::from_secs(5);

pub(super) use crate::toml_check::Value;

/// Parses and validates one routine file. On failure, every error found, in source order.
pub fn parse(source: &str) -> Result<Routine, Vec<Diagnostic>> {
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(err) => {
            return Err(vec![crate::toml_check::not_toml(
                &err,
                "check quotes and brackets on this line; `supple help format` describes the routine format",
            )]);
        }
    };
    let mut walker = Walker {
        source,
        diags: Vec::new(),
    };
    let routine = walker.routine(doc.get_ref());
    let mut diags = walker.diags;
    if let Some(routine) = &routine {
        check_totals(routine, doc.get_ref(), &mut diags);
    }
    diags.sort_by_key(|d| d.span.start);
    match routine {
        Some(routine) if diags.is_empty() => Ok(routine),
        _ => Err(diags),
    }
}

fn check_totals(routine: &Routine, doc: &DeTable<'_>, diags: &mut Vec<Diagnostic>) {
    let span = doc
        .get("exercise")
        .map_or(0..0, |v| v.span().start..v.span().start);
    match super::Totals::of(routine) {
        Some(t) if t.steps > LIMITS.steps => diags.push(
            Diagnostic::new(
                span,
                format!(
                    "the routine unfolds into {} steps, more than the {} supported",
                    t.steps, LIMITS.steps
                ),
            )
            .with_help("lower 'reps', 'sets' or the number of sides or phases"),
        ),
        Some(t) if t.timed <= LIMITS.total => {}
        Some(t) => diags.push(
            Diagnostic::new(
                span,
                format!(
                    "the routine takes {}, longer than the {} limit for a whole routine",
                    duration::human(t.timed),
                    duration::human(LIMITS.total)
                ),
            )
            .with_help("shorten holds, rests or reps, or split it into several routines"),
        ),
        None => diags.push(
            Diagnostic::new(span, "the routine's total time is too large to count")
                .with_help("shorten holds, rests or reps"),
        ),
    }
}

/// Where a value sits, for messages: "" at the top, " in exercise 'Cat-Cow'", ...
#[derive(Clone)]
pub(super) struct Place(pub(super) String);

impl Place {
    pub(super) fn top() -> Place {
        Place(String::new())
    }

    /// "exercise 'Cat-Cow'", to nest a place inside this one.
    pub(super) fn of(&self) -> &str {
        self.0.trim_start().trim_start_matches("in ")
    }
}

pub(super) struct Walker<'s> {
    pub(super) source: &'s str,
    pub(super) diags: Vec<Diagnostic>,
}

impl<'s> Walker<'s> {
    pub(super) fn error(&mut self, span: Range<usize>, message: String, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(span, message).with_help(help.into()));
    }

    fn routine(&mut self, doc: &DeTable<'_>) -> Option<Routine> {
        let top = Place::top();
        self.unknown_keys(doc, ROUTINE_KEYS, &top, "at the top of a routine");
        let name = match doc.get("name") {
            Some(v) => self.name(v, "name", &top),
            None => {
                self.error(
                    0..0,
                    "the routine has no 'name'".into(),
                    "add a line such as: name = \"Morning stretch\"",
                );
                None
            }
        };
        let description = self.opt(doc, "description", &top, |w, v, p| {
            w.text(v, "description", p, LIMITS.text_chars)
        });
        let tags = self.opt(doc, "tags", &top, |w, v, p| {
            w.text_list(v, "tags", p, LIMITS.name_chars)
        });
        let lead_in = self.duration_or(doc, "lead_in", &top, DEFAULT_LEAD_IN);
        let rest = self.duration_or(doc, "rest", &top, DEFAULT_REST);
        let switch = self.duration_or(doc, "switch", &top, DEFAULT_SWITCH);
        // Exercises are checked even when the defaults are broken, so that every
        // error shows at once.
        let defaults = Defaults {
            rest: rest.unwrap_or(DEFAULT_REST),
            switch: switch.unwrap_or(DEFAULT_SWITCH),
        };
        let exercises = self.exercises(doc, defaults);
        rest?;
        switch?;
        Some(Routine {
            name: name?,
            description: description.ok()?,
            tags: tags.ok()?.unwrap_or_default(),
            lead_in: lead_in?,
            exercises: exercises?,
        })
    }

    fn exercises(&mut self, doc: &DeTable<'_>, defaults: Defaults) -> Option<Vec<Exercise>> {
        let help = "add at least one exercise under an [[exercise]] header, with a name";
        let Some(list) = doc.get("exercise") else {
            self.error(0..0, "the routine has no exercises".into(), help);
            return None;
        };
        let span = list.span();
        let Some(items) = list.get_ref().as_array() else {
            let found = list.get_ref().type_str();
            self.error(
                span,
                format!(
                    "'exercise' must be a list of tables, found {}",
                    article(found)
                ),
                "write each exercise under its own [[exercise]] header (two brackets)",
            );
            return None;
        };
        if items.is_empty() {
            self.error(span, "the routine has no exercises".into(), help);
            return None;
        }
        if items.len() > LIMITS.exercises {
            self.error(
                span,
                format!(
                    "the routine has {} exercises, more than the {} supported",
                    items.len(),
                    LIMITS.exercises
                ),
                "split it into several routines",
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.exercise(item, i + 1, &defaults) {
                Some(e) => out.push(e),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn exercise(
        &mut self,
        item: &Value<'_>,
        number: usize,
        defaults: &Defaults,
    ) -> Option<Exercise> {
        let Some(table) = item.get_ref().as_table() else {
            let found = item.get_ref().type_str();
            self.error(
                item.span(),
                format!(
                    "exercise {number} must be a table, found {}",
                    article(found)
                ),
                "write each exercise under its own [[exercise]] header",
            );
            return None;
        };
        // The name first, so that every other message can say which exercise it is.
        let numbered = Place(format!(" in exercise {number}"));
        let name = match table.get("name") {
            Some(v) => self.name(v, "name", &numbered),
            None => {
                self.error(
                    item.span(),
                    format!("exercise {number} has no 'name'"),
                    "add a line such as: name = \"Child's Pose\"",
                );
                None
            }
        };
        let place = match &name {
            Some(n) => Place(format!(" in exercise '{n}'")),
            None => numbered,
        };
        self.unknown_keys(table, EXERCISE_KEYS, &place, "in an exercise");

        let description = self.opt(table, "description", &place, |w, v, p| {
            w.text(v, "description", p, LIMITS.text_chars)
        });
        let cues = self.opt(table, "cues", &place, |w, v, p| {
            w.text_list(v, "cues", p, LIMITS.text_chars)
        });
        let hold = self.opt(table, "hold", &place, |w, v, p| {
            w.duration(v, "hold", p, true)
        });
        let phases = self.opt(table, "phases", &place, |w, v, p| w.phases(v, p));
        let reps = self.count_or(table, "reps", &place, LIMITS.reps);
        let sets = self.count_or(table, "sets", &place, LIMITS.sets);
        let sides = self.opt(table, "sides", &place, |w, v, p| w.sides(v, p));
        let rest = self.duration_or(table, "rest", &place, defaults.rest);
        let rep_rest = self.duration_or(table, "rep_rest", &place, Duration::ZERO);
        let set_rest = self.duration_or(table, "set_rest", &place, rest.unwrap_or(defaults.rest));
        let switch = self.duration_or(table, "switch", &place, defaults.switch);
        let art = self.opt(table, "art", &place, |w, v, p| w.art(v, p));
        let progression = self.opt(table, "progression", &place, |w, v, p| w.progression(v, p));

        if let (Ok(Some(cues)), Ok(None) | Err(_)) = (&cues, &sides)
            && cues.iter().any(|c| c.contains(super::SIDE))
        {
            let span = table.get("cues").map_or(item.span(), Spanned::span);
            self.error(
                span,
                format!("a cue says {{side}}, but there are no 'sides'{}", place.0),
                "add sides = [\"left\", \"right\"], or write the cue without {side}",
            );
        }
        let work = match (hold, phases) {
            _ if table.get("hold").is_some() && table.get("phases").is_some() => {
                let span = table.get("phases").map_or(item.span(), Spanned::span);
                self.error(
                    span,
                    format!("'hold' and 'phases' cannot both be set{}", place.0),
                    "keep 'hold' for one timed hold per rep, or 'phases' for a timed sequence per rep",
                );
                None
            }
            (Ok(Some(hold)), Ok(None)) => Some(Work::Hold(hold)),
            (Ok(None), Ok(Some(phases))) => Some(Work::Phases(phases)),
            (Ok(None), Ok(None)) => Some(Work::SelfPaced),
            _ => None,
        };
        if let (Some(reps), Ok(Some(p))) = (reps, &progression)
            && p.target < reps
        {
            let span = table.get("progression").map_or(item.span(), Spanned::span);
            self.error(
                span,
                format!(
                    "'progression.target' is {}, below 'reps' ({reps}){}",
                    p.target, place.0
                ),
                format!("set the target to {reps} or more: reps grow from 'reps' toward it"),
            );
            return None;
        }
        Some(Exercise {
            name: name?,
            description: description.ok()?,
            cues: cues.ok()?.unwrap_or_default(),
            work: work?,
            reps: reps?,
            sets: sets?,
            sides: sides.ok()?.unwrap_or_default(),
            rep_rest: rep_rest?,
            set_rest: set_rest?,
            rest: rest?,
            switch: switch?,
            art: art.ok()?,
            progression: progression.ok()?.map(|p| Progression {
                from: reps.unwrap_or(1),
                ..p
            }),
        })
    }
}

#[derive(Clone, Copy)]
struct Defaults {
    rest: Duration,
    switch: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toml_check::closest;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(closest("hodl", EXERCISE_KEYS), Some("hold"));
        assert_eq!(closest("rep", EXERCISE_KEYS), Some("reps"));
        assert_eq!(closest("setrest", EXERCISE_KEYS), Some("set_rest"));
        assert_eq!(closest("zzzzzz", EXERCISE_KEYS), None);
    }

    #[test]
    fn minimal_routine_gets_defaults() {
        let r = parse("name = \"x\"\n[[exercise]]\nname = \"a\"\n").unwrap();
        assert_eq!(r.lead_in, Duration::from_secs(5));
        let e = &r.exercises[0];
        assert_eq!((e.reps, e.sets), (1, 1));
        assert_eq!(e.work, Work::SelfPaced);
        assert_eq!(e.rest, Duration::from_secs(10));
        assert_eq!(e.set_rest, Duration::from_secs(10));
        assert_eq!(e.switch, Duration::from_secs(5));
        assert_eq!(e.rep_rest, Duration::ZERO);
    }

    #[test]
    fn set_rest_defaults_to_the_exercise_rest() {
        let r = parse("name = \"x\"\nrest = \"7s\"\n[[exercise]]\nname = \"a\"\nrest = \"20s\"\n[[exercise]]\nname = \"b\"\n")
            .unwrap();
        assert_eq!(r.exercises[0].set_rest, Duration::from_secs(20));
        assert_eq!(r.exercises[1].set_rest, Duration::from_secs(7));
    }

    #[test]
    fn collects_every_error() {
        let errs = parse(
            "name = \"x\"\nlead_in = \"1M\"\n[[exercise]]\nname = \"a\"\nhodl = \"5s\"\nreps = 0\n[[exercise]]\nhold = \"0s\"\n",
        )
        .unwrap_err();
        let msgs: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 5, "{msgs:#?}");
    }
}
