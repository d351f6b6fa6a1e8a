//! The routine format: TOML text in, a validated [`Routine`] or every error out.
//!
//! toml's parser gives a tree of values that each know their byte span; this module
//! walks that tree by hand instead of through serde derive, so that it can keep going
//! after the first problem and report all of them, each at the exact value, with the
//! exercise it belongs to and a hint. Syntax errors stop at the first (toml reports
//! only one), semantic errors are all collected.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Diagnostic, Exercise, Phase, Progression, Routine, Work};
use crate::core::duration::{self, DurationError, MAX_SINGLE};
use crate::core::text::{code_point, find_forbidden};
use crate::core::{poses, timeline};

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
const PHASE_KEYS: &[&str] = &["cue", "time"];
const PROGRESSION_KEYS: &[&str] = &["target", "step"];

const DEFAULT_LEAD_IN: Duration = Duration::from_secs(5);
const DEFAULT_REST: Duration = Duration::from_secs(10);
const DEFAULT_SWITCH: Duration = Duration::from_secs(5);

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and validates one routine file. On failure, every error found, in source order.
pub fn parse(source: &str) -> Result<Routine, Vec<Diagnostic>> {
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(err) => return Err(vec![syntax_error(source, &err)]),
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

fn syntax_error(source: &str, err: &toml::de::Error) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim_end().replace('\n', "; ");
    let _ = source;
    Diagnostic::new(span, format!("this is not valid TOML: {message}")).with_help(
        "check quotes and brackets on this line; the routine format is described in docs/routine-format.md",
    )
}

fn check_totals(routine: &Routine, doc: &DeTable<'_>, diags: &mut Vec<Diagnostic>) {
    let span = doc
        .get("exercise")
        .map_or(0..0, |v| v.span().start..v.span().start);
    match timeline::Totals::of(routine) {
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
struct Place(String);

impl Place {
    fn top() -> Place {
        Place(String::new())
    }

    /// "exercise 'Cat-Cow'", to nest a place inside this one.
    fn of(&self) -> &str {
        self.0.trim_start().trim_start_matches("in ")
    }
}

struct Walker<'s> {
    source: &'s str,
    diags: Vec<Diagnostic>,
}

impl<'s> Walker<'s> {
    fn error(&mut self, span: Range<usize>, message: String, help: impl Into<String>) {
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
            progression: progression.ok()?,
        })
    }

    fn phases(&mut self, v: &Value<'_>, place: &Place) -> Option<Vec<Phase>> {
        let items = self.array(v, "phases", place, "a list of phases")?;
        if items.is_empty() {
            self.error(
                v.span(),
                format!("'phases' is empty{}", place.0),
                "list at least one phase, such as { cue = \"Breathe in\", time = \"4s\" }, or remove 'phases'",
            );
            return None;
        }
        if items.len() > LIMITS.phases {
            self.error(
                v.span(),
                format!(
                    "'phases' has {} phases, more than the {} supported{}",
                    items.len(),
                    LIMITS.phases,
                    place.0
                ),
                "keep a rep to a short sequence; use more reps instead",
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let inner = Place(format!(" in phase {} of {}", i + 1, place.of()));
            let Some(table) = item.get_ref().as_table() else {
                let found = item.get_ref().type_str();
                self.error(
                    item.span(),
                    format!(
                        "phase {} must be a table, found {}{}",
                        i + 1,
                        article(found),
                        place.0
                    ),
                    "write a phase as { cue = \"Breathe in\", time = \"4s\" }",
                );
                ok = false;
                continue;
            };
            self.unknown_keys(table, PHASE_KEYS, &inner, "in a phase");
            let cue = self.required(
                table,
                item,
                "cue",
                &inner,
                "cue = \"Breathe in\"",
                |w, v, p| w.text(v, "cue", p, LIMITS.text_chars),
            );
            let time = self.required(table, item, "time", &inner, "time = \"4s\"", |w, v, p| {
                w.duration(v, "time", p, true)
            });
            match (cue, time) {
                (Some(cue), Some(time)) => out.push(Phase { cue, time }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn progression(&mut self, v: &Value<'_>, place: &Place) -> Option<Progression> {
        let Some(table) = v.get_ref().as_table() else {
            self.type_error(
                v,
                "progression",
                place,
                "a table",
                "progression = { target = 30, step = 1 }",
            );
            return None;
        };
        let inner = Place(format!(" in 'progression' of {}", place.of()));
        self.unknown_keys(table, PROGRESSION_KEYS, &inner, "in 'progression'");
        let target = self.required(table, v, "target", &inner, "target = 30", |w, v, p| {
            w.count(v, "target", p, LIMITS.reps)
        });
        let step = self.required(table, v, "step", &inner, "step = 1", |w, v, p| {
            w.count(v, "step", p, LIMITS.reps)
        });
        Some(Progression {
            target: target?,
            step: step?,
        })
    }

    fn sides(&mut self, v: &Value<'_>, place: &Place) -> Option<Vec<String>> {
        let items = self.array(v, "sides", place, "a list of side names")?;
        if items.is_empty() {
            self.error(
                v.span(),
                format!("'sides' is empty{}", place.0),
                "name the sides, such as sides = [\"left\", \"right\"], or remove 'sides'",
            );
            return None;
        }
        if items.len() > LIMITS.sides {
            self.error(
                v.span(),
                format!(
                    "'sides' has {} entries, more than the {} supported{}",
                    items.len(),
                    LIMITS.sides,
                    place.0
                ),
                "list each side once, such as [\"left\", \"right\"]",
            );
            return None;
        }
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            let Some(side) = self.text(item, "sides", place, LIMITS.name_chars) else {
                ok = false;
                continue;
            };
            if out.iter().any(|s| s.eq_ignore_ascii_case(&side)) {
                self.error(
                    item.span(),
                    format!("side '{side}' is listed twice in 'sides'{}", place.0),
                    "list each side once, such as [\"left\", \"right\"]",
                );
                ok = false;
                continue;
            }
            out.push(side);
        }
        ok.then_some(out)
    }

    fn art(&mut self, v: &Value<'_>, place: &Place) -> Option<String> {
        let name = self.text(v, "art", place, LIMITS.name_chars)?;
        if poses::get(&name).is_none() {
            let known = poses::names().collect::<Vec<_>>().join(", ");
            self.error(
                v.span(),
                format!("there is no pose drawing named '{name}'{}", place.0),
                format!("use one of: {known}; or remove 'art'"),
            );
            return None;
        }
        Some(name)
    }

    // ----- values -----

    /// A routine or exercise name: 1-80 characters.
    fn name(&mut self, v: &Value<'_>, key: &str, place: &Place) -> Option<String> {
        self.text(v, key, place, LIMITS.name_chars)
    }

    /// A non-empty single-line string with no control or disguising characters.
    fn text(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &Place,
        max_chars: usize,
    ) -> Option<String> {
        let Some(s) = v.get_ref().as_str() else {
            self.type_error(v, key, place, "a string", "\"some text\"");
            return None;
        };
        if let Some((c, why)) = find_forbidden(s) {
            let span = self.char_span(v.span(), s, c);
            let help = if c == '\n' || c == '\r' || c == '\t' {
                "write it on one line; line breaks and tabs are not allowed in routine text"
            } else {
                "remove it: routine text may not contain characters that change or disguise what the terminal shows"
            };
            self.error(
                span,
                format!(
                    "'{key}' contains {} ({}){}",
                    why.describe(),
                    code_point(c),
                    place.0
                ),
                help,
            );
            return None;
        }
        if s.trim().is_empty() {
            self.error(
                v.span(),
                format!("'{key}' is empty{}", place.0),
                format!("write some text, or remove '{key}'"),
            );
            return None;
        }
        let chars = s.chars().count();
        if chars > max_chars {
            self.error(
                v.span(),
                format!(
                    "'{key}' is {chars} characters long, more than the {max_chars} allowed{}",
                    place.0
                ),
                "shorten it",
            );
            return None;
        }
        Some(s.trim().to_owned())
    }

    fn text_list(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &Place,
        max_chars: usize,
    ) -> Option<Vec<String>> {
        let items = self.array(v, key, place, "a list of strings")?;
        if items.len() > LIMITS.list_items {
            self.error(
                v.span(),
                format!(
                    "'{key}' has {} entries, more than the {} allowed{}",
                    items.len(),
                    LIMITS.list_items,
                    place.0
                ),
                "keep it short",
            );
            return None;
        }
        let texts: Vec<Option<String>> = items
            .iter()
            .map(|item| self.text(item, key, place, max_chars))
            .collect();
        texts.into_iter().collect()
    }

    /// A duration string. `positive` rejects zero.
    fn duration(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &Place,
        positive: bool,
    ) -> Option<Duration> {
        let Some(s) = v.get_ref().as_str() else {
            self.type_error(v, key, place, "a duration string", "\"45s\"");
            return None;
        };
        match duration::parse(s, LIMITS.single) {
            Ok(d) if positive && d.is_zero() => {
                let help = if key == "hold" {
                    "give the hold a length such as \"10s\", or remove 'hold' for self-paced reps"
                } else {
                    "give it a length such as \"4s\""
                };
                self.error(
                    v.span(),
                    format!("'{key}' must be longer than 0s{}", place.0),
                    help,
                );
                None
            }
            Ok(d) => Some(d),
            Err(err) => {
                let help = err.help(s);
                let what = match err {
                    DurationError::TooLong { value, max } => format!(
                        "is {}, longer than the {} limit for any single duration",
                        duration::human(value),
                        duration::human(max)
                    ),
                    other => other.to_string(),
                };
                self.error(v.span(), format!("'{key}' {what}{}", place.0), help);
                None
            }
        }
    }

    /// A whole number within `range`.
    fn count(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &Place,
        (lo, hi): (u32, u32),
    ) -> Option<u32> {
        let Some(int) = v.get_ref().as_integer() else {
            self.type_error(v, key, place, "a whole number", &format!("{key} = {lo}"));
            return None;
        };
        let value = i64::from_str_radix(int.as_str(), int.radix()).ok();
        match value.and_then(|n| u32::try_from(n).ok()) {
            Some(n) if (lo..=hi).contains(&n) => Some(n),
            _ => {
                self.error(
                    v.span(),
                    format!("'{key}' must be between {lo} and {hi}{}", place.0),
                    format!("use a whole number from {lo} to {hi}"),
                );
                None
            }
        }
    }

    fn array<'a, 'i>(
        &mut self,
        v: &'a Value<'i>,
        key: &str,
        place: &Place,
        expected: &str,
    ) -> Option<&'a [Value<'i>]> {
        match v.get_ref().as_array() {
            Some(items) => Some(items),
            None => {
                let example = match key {
                    "sides" => "[\"left\", \"right\"]",
                    "phases" => "[{ cue = \"Breathe in\", time = \"4s\" }]",
                    _ => "[\"first\", \"second\"]",
                };
                self.type_error(v, key, place, expected, example);
                None
            }
        }
    }

    fn type_error(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &Place,
        expected: &str,
        example: &str,
    ) {
        let found = v.get_ref().type_str();
        let mut help = format!("write it like: {example}");
        if expected.contains("duration") && v.get_ref().is_integer() {
            help = "a duration needs quotes and a unit, for example \"30s\"".into();
        }
        self.error(
            v.span(),
            format!(
                "'{key}' must be {expected}, found {}{}",
                article(found),
                place.0
            ),
            help,
        );
    }

    // ----- tables -----

    fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], place: &Place, scope: &str) {
        for (key, _) in table.iter() {
            let k: &str = key.get_ref();
            if allowed.contains(&k) {
                continue;
            }
            let help = match closest(k, allowed) {
                Some(best) => format!(
                    "did you mean '{best}'? Keys allowed {scope}: {}",
                    allowed.join(", ")
                ),
                None => format!("keys allowed {scope}: {}", allowed.join(", ")),
            };
            self.error(key.span(), format!("unknown key '{k}'{}", place.0), help);
        }
    }

    /// An optional key: `Ok(None)` when absent, `Err(())` when present but invalid.
    fn opt<T>(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        place: &Place,
        read: impl FnOnce(&mut Self, &Value<'_>, &Place) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match table.get(key) {
            None => Ok(None),
            Some(v) => read(self, v, place).map(Some).ok_or(()),
        }
    }

    fn required<T>(
        &mut self,
        table: &DeTable<'_>,
        owner: &Value<'_>,
        key: &str,
        place: &Place,
        example: &str,
        read: impl FnOnce(&mut Self, &Value<'_>, &Place) -> Option<T>,
    ) -> Option<T> {
        match table.get(key) {
            Some(v) => read(self, v, place),
            None => {
                self.error(
                    owner.span(),
                    format!("missing '{key}'{}", place.0),
                    format!("add {example}"),
                );
                None
            }
        }
    }

    fn duration_or(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        place: &Place,
        default: Duration,
    ) -> Option<Duration> {
        self.opt(table, key, place, |w, v, p| w.duration(v, key, p, false))
            .ok()
            .map(|d| d.unwrap_or(default))
    }

    fn count_or(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        place: &Place,
        range: (u32, u32),
    ) -> Option<u32> {
        self.opt(table, key, place, |w, v, p| w.count(v, key, p, range))
            .ok()
            .map(|n| n.unwrap_or(1))
    }

    /// The span of character `c` inside a string value, when the source spells the
    /// string literally; otherwise the whole value.
    fn char_span(&self, span: Range<usize>, content: &str, c: char) -> Range<usize> {
        let raw = self.source.get(span.clone()).unwrap_or_default();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        match (inner == content, content.find(c)) {
            (true, Some(i)) => {
                let start = span.start + 1 + i;
                start..start + c.len_utf8()
            }
            _ => span,
        }
    }
}

#[derive(Clone, Copy)]
struct Defaults {
    rest: Duration,
    switch: Duration,
}

fn article(type_name: &str) -> Cow<'static, str> {
    match type_name {
        "integer" => "an integer".into(),
        "array" => "an array".into(),
        other => format!("a {other}").into(),
    }
}

/// The allowed key closest to a typo, if any is close enough.
pub(crate) fn closest<'a>(typo: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|k| (edit_distance(&typo.to_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, counting an adjacent swap as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

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
