//! Plan files to [`Plan`] values: every key checked, every error found at once,
//! each with its place in the file and how to fix it (the routine format's rules
//! and messages, checked with [`crate::toml_check`]).

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::DeTable;

use super::{Activity, Item, Often, PackItem, Plan, Stage};
use crate::duration::{self, DurationError};
use crate::pack::{self, Treatment};
use crate::toml_check::{self, Diagnostic, closest};

use crate::toml_check::Value;

/// Where a stage's `from` and `until` are written.
type Bounds = (Range<usize>, Range<usize>);

/// How large a plan may be: far beyond any real one, small enough that a hostile
/// file costs nothing.
pub struct Limits {
    pub stages: usize,
    pub items: usize,
    pub advice: usize,
    /// Lines of `daily`, one a day.
    pub daily: usize,
    pub text_chars: usize,
    pub name_chars: usize,
    pub per_day: u32,
    pub per_week: u32,
    /// The latest a stage may start or end.
    pub horizon: Duration,
    pub min_gap: Duration,
    pub walk: Duration,
}

pub const LIMITS: Limits = Limits {
    stages: 20,
    items: 12,
    daily: 31,
    advice: 8,
    text_chars: 300,
    name_chars: 80,
    per_day: 12,
    per_week: 50,
    horizon: Duration::from_secs(2 * 365 * 24 * 3600),
    min_gap: Duration::from_secs(24 * 3600),
    walk: Duration::from_secs(2 * 3600),
};

const PLAN_KEYS: &[&str] = &["name", "description", "daily", "stage"];
const STAGE_KEYS: &[&str] = &["name", "from", "until", "advice", "items"];
const ITEM_KEYS: &[&str] = &[
    "routine",
    "pack",
    "walk",
    "per_day",
    "per_week",
    "min_gap",
    "on",
    "off",
    "cycles",
    "pain_at_most",
];

/// Parses and checks one plan file. On failure, every error found, in file order.
pub fn parse(source: &str) -> Result<Plan, Vec<Diagnostic>> {
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            return Err(vec![toml_check::not_toml(
                &e,
                "check quotes and brackets on this line; the plan format is in `supple help plans`",
            )]);
        }
    };
    let mut c = Checker { diags: Vec::new() };
    let plan = c.plan(doc.get_ref());
    let mut diags = c.diags;
    diags.sort_by_key(|d| d.span.start);
    match plan {
        Some(plan) if diags.is_empty() => Ok(plan),
        _ => Err(diags),
    }
}

struct Checker {
    diags: Vec<Diagnostic>,
}

impl Checker {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(span, message).with_help(help.into()));
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], scope: &str) {
        let found = toml_check::unknown_keys(table, allowed, scope, |k| {
            format!("unknown key '{k}' {scope}")
        });
        self.diags.extend(found);
    }

    fn plan(&mut self, doc: &DeTable<'_>) -> Option<Plan> {
        self.unknown_keys(doc, PLAN_KEYS, "at the top of a plan");
        let name = match doc.get("name") {
            Some(v) => self.text(v, "name", "", LIMITS.name_chars),
            None => {
                self.error(
                    0..0,
                    "the plan has no 'name'",
                    "add a line such as: name = \"Back spasm: the first weeks\"",
                );
                None
            }
        };
        let description = match doc.get("description") {
            Some(v) => self.text(v, "description", "", LIMITS.text_chars).map(Some),
            None => Some(None),
        };
        let daily = match doc.get("daily") {
            Some(v) => self.lines(v, "daily", "", LIMITS.daily),
            None => Some(Vec::new()),
        };
        let stages = self.stages(doc);
        Some(Plan {
            name: name?,
            description: description?,
            daily: daily?,
            stages: stages?,
            pack_on: pack::DEFAULT_ON,
        })
    }

    fn stages(&mut self, doc: &DeTable<'_>) -> Option<Vec<Stage>> {
        let help = "add a stage under a [[stage]] header, with a name, from, until and items";
        let Some(list) = doc.get("stage") else {
            self.error(0..0, "the plan has no stages", help);
            return None;
        };
        let Some(items) = list.get_ref().as_array() else {
            self.error(
                list.span(),
                "'stage' must be a list of tables",
                "write each stage under its own [[stage]] header (two brackets)",
            );
            return None;
        };
        if items.is_empty() {
            self.error(list.span(), "the plan has no stages", help);
            return None;
        }
        if items.len() > LIMITS.stages {
            self.error(
                list.span(),
                format!(
                    "the plan has {} stages, more than the {} supported",
                    items.len(),
                    LIMITS.stages
                ),
                "join some stages together",
            );
            return None;
        }
        let mut stages = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            // The ordering errors point at the stage's own 'from' and 'until'.
            let at = |key: &str| {
                item.get_ref()
                    .as_table()
                    .and_then(|t| t.get(key))
                    .map_or(item.span(), Spanned::span)
            };
            match self.stage(item, i + 1) {
                Some(s) => stages.push((s, (at("from"), at("until")))),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        self.order(&stages);
        Some(stages.into_iter().map(|(s, _)| s).collect())
    }

    /// Stages in order, each from where the one before ends, only the last open.
    fn order(&mut self, stages: &[(Stage, Bounds)]) {
        let mut expected = Duration::ZERO;
        for (i, (stage, (from_at, until_at))) in stages.iter().enumerate() {
            if stage.from != expected {
                let (what, help) = if i == 0 {
                    (
                        format!("the first stage, '{}', starts at {}; it must start at 0h", stage.name, duration::human(stage.from)),
                        "write from = \"0h\": the plan covers the time from the moment the pain began".to_owned(),
                    )
                } else if stage.from < expected {
                    (
                        format!(
                            "stage '{}' starts at {}, before the stage before it ends ({}): stages may not overlap",
                            stage.name,
                            duration::human(stage.from),
                            duration::human(expected)
                        ),
                        format!(
                            "start it at from = \"{}\", or move the stages into time order",
                            duration::human(expected).replace(' ', "")
                        ),
                    )
                } else {
                    (
                        format!(
                            "stage '{}' starts at {}, but the stage before ends at {}: there is a gap with nothing to do",
                            stage.name,
                            duration::human(stage.from),
                            duration::human(expected)
                        ),
                        format!(
                            "start it at from = \"{}\"",
                            duration::human(expected).replace(' ', "")
                        ),
                    )
                };
                self.error(from_at.clone(), what, help);
            }
            match stage.until {
                Some(until) if until <= stage.from => self.error(
                    until_at.clone(),
                    format!(
                        "stage '{}' ends at {}, not after it starts ({})",
                        stage.name,
                        duration::human(until),
                        duration::human(stage.from)
                    ),
                    "'until' must be later than 'from'",
                ),
                Some(until) => expected = until,
                None if i + 1 < stages.len() => {
                    self.error(
                        from_at.clone(),
                        format!("stage '{}' has no 'until', but another stage follows it", stage.name),
                        "only the last stage may be open-ended: give this one an end, such as until = \"72h\"",
                    );
                    return;
                }
                None => {}
            }
        }
    }

    fn stage(&mut self, item: &Value<'_>, number: usize) -> Option<Stage> {
        let Some(table) = item.get_ref().as_table() else {
            self.error(
                item.span(),
                format!("stage {number} must be a table"),
                "write each stage under its own [[stage]] header",
            );
            return None;
        };
        let name = match table.get("name") {
            Some(v) => self.text(v, "name", &format!(" in stage {number}"), LIMITS.name_chars),
            None => {
                self.error(
                    item.span(),
                    format!("stage {number} has no 'name'"),
                    "add a line such as: name = \"First two days\"",
                );
                None
            }
        };
        let place = match &name {
            Some(n) => format!(" in stage '{n}'"),
            None => format!(" in stage {number}"),
        };
        self.unknown_keys(table, STAGE_KEYS, "in a stage");
        let from = match table.get("from") {
            Some(v) => self.duration(v, "from", &place, LIMITS.horizon),
            None => {
                self.error(
                    item.span(),
                    format!("no 'from'{place}"),
                    "say when the stage starts, as time since the pain began: from = \"0h\"",
                );
                None
            }
        };
        let until = match table.get("until") {
            Some(v) => self.duration(v, "until", &place, LIMITS.horizon).map(Some),
            None => Some(None),
        };
        let advice = match table.get("advice") {
            Some(v) => self.advice(v, &place),
            None => Some(Vec::new()),
        };
        let items = match table.get("items") {
            Some(v) => self.items(v, &place),
            None => {
                self.error(
                    item.span(),
                    format!("no 'items'{place}"),
                    "say what to do, for example: items = [ { walk = \"5m\", per_day = 2 } ]",
                );
                None
            }
        };
        Some(Stage {
            name: name?,
            from: from?,
            until: until?,
            advice: advice?,
            items: items?,
        })
    }

    fn advice(&mut self, v: &Value<'_>, place: &str) -> Option<Vec<String>> {
        self.lines(v, "advice", place, LIMITS.advice)
    }

    /// A list of up to `max` lines of text (`advice`, `daily`).
    fn lines(&mut self, v: &Value<'_>, key: &str, place: &str, max: usize) -> Option<Vec<String>> {
        let Some(list) = v.get_ref().as_array() else {
            self.error(
                v.span(),
                format!("'{key}' must be a list of lines{place}"),
                format!("write it as {key} = [\"Keep moving gently\", \"Heat or ice, 20 minutes at a time\"]"),
            );
            return None;
        };
        if list.len() > max {
            self.error(
                v.span(),
                format!(
                    "{} lines of {key}{place}, more than the {max} shown",
                    list.len(),
                ),
                "keep the few that matter most",
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for line in list {
            match self.text(line, key, place, LIMITS.text_chars) {
                Some(t) => out.push(t),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn items(&mut self, v: &Value<'_>, place: &str) -> Option<Vec<Item>> {
        let Some(list) = v.get_ref().as_array() else {
            self.error(
                v.span(),
                format!("'items' must be a list{place}"),
                "write it as items = [ { routine = \"back-spasm-relief\", per_day = 1 } ]",
            );
            return None;
        };
        if list.is_empty() {
            self.error(
                v.span(),
                format!("a stage with nothing to do{place}"),
                "add at least one item, such as { walk = \"5m\", per_day = 2 }",
            );
            return None;
        }
        if list.len() > LIMITS.items {
            self.error(
                v.span(),
                format!(
                    "{} items{place}, more than the {} supported",
                    list.len(),
                    LIMITS.items
                ),
                "keep the ones that matter most",
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in list.iter().enumerate() {
            match self.item(item, &format!(" in item {}{place}", i + 1)) {
                Some(item) => out.push(item),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn item(&mut self, v: &Value<'_>, place: &str) -> Option<Item> {
        let Some(table) = v.get_ref().as_table() else {
            self.error(
                v.span(),
                format!("an item must be a table{place}"),
                "write it in braces: { walk = \"5m\", per_day = 2 }",
            );
            return None;
        };
        self.unknown_keys(table, ITEM_KEYS, "in an item");
        let whats: Vec<&str> = ["routine", "pack", "walk"]
            .into_iter()
            .filter(|k| table.get(*k).is_some())
            .collect();
        let activity = match whats.as_slice() {
            [] => {
                self.error(v.span(), format!("nothing to do{place}"), "give it one of: routine = \"NAME\", pack = \"ice\" (or heat, contrast), walk = \"5m\"");
                None
            }
            [one] => self.activity(table, one, place),
            [_, second, ..] => {
                let span = table.get(*second).map_or(v.span(), Spanned::span);
                self.error(
                    span,
                    format!(
                        "an item is one thing to do, but this one has {}{place}",
                        whats.join(" and ")
                    ),
                    "split it into two items",
                );
                None
            }
        };
        let often = match (table.get("per_day"), table.get("per_week")) {
            (Some(d), None) => self
                .count(d, "per_day", place, LIMITS.per_day)
                .map(Often::PerDay),
            (None, Some(w)) => self
                .count(w, "per_week", place, LIMITS.per_week)
                .map(Often::PerWeek),
            (Some(_), Some(w)) => {
                self.error(
                    w.span(),
                    format!("both 'per_day' and 'per_week'{place}"),
                    "keep one of them",
                );
                None
            }
            (None, None) => {
                self.error(
                    v.span(),
                    format!("no 'per_day' or 'per_week'{place}"),
                    "say how often, such as per_day = 2 or per_week = 3",
                );
                None
            }
        };
        let min_gap = match table.get("min_gap") {
            Some(g) => self.duration(g, "min_gap", place, LIMITS.min_gap).map(Some),
            None => Some(None),
        };
        if matches!(activity, Some(Activity::Routine(_) | Activity::Walk(_))) {
            for key in ["on", "off", "cycles"] {
                if let Some(x) = table.get(key) {
                    self.error(
                        x.span(),
                        format!("'{key}' is for ice and heat items{place}"),
                        "remove it, or make the item a pack = \"ice\"",
                    );
                }
            }
        }
        // Offered once the pain has settled: a score of 0-9 (10 would always hold).
        let pain_at_most = match table.get("pain_at_most") {
            Some(x) => self
                .count(x, "pain_at_most", place, 9)
                .and_then(|n| u8::try_from(n).ok())
                .map(Some),
            None => Some(None),
        };
        let span = ["routine", "pack", "walk"]
            .into_iter()
            .find_map(|k| table.get(k))
            .map_or(v.span(), Spanned::span);
        Some(Item {
            activity: activity?,
            often: often?,
            min_gap: min_gap?,
            pain_at_most: pain_at_most?,
            span,
        })
    }

    fn activity(&mut self, table: &DeTable<'_>, key: &str, place: &str) -> Option<Activity> {
        let v = table.get(key)?;
        match key {
            "routine" => self
                .text(v, "routine", place, LIMITS.name_chars.max(255))
                .map(Activity::Routine),
            "walk" => {
                let d = self.duration(v, "walk", place, LIMITS.walk)?;
                if d < Duration::from_secs(60) {
                    self.error(
                        v.span(),
                        format!("a walk of {}{place}", duration::human(d)),
                        "make it a minute or more: walk = \"5m\"",
                    );
                    return None;
                }
                Some(Activity::Walk(d))
            }
            _ => {
                let (treatment, either) = match v.get_ref().as_str() {
                    Some("ice") => (Treatment::Ice, false),
                    Some("heat") => (Treatment::Heat, false),
                    Some("contrast") => (Treatment::Contrast, false),
                    Some("heat or ice" | "ice or heat") => (Treatment::Heat, true),
                    _ => {
                        let said = v
                            .get_ref()
                            .as_str()
                            .map(|s| closest(s, &["ice", "heat", "contrast", "heat or ice"]));
                        let help = match said.flatten() {
                            Some(best) => format!(
                                "did you mean \"{best}\"? It is one of \"ice\", \"heat\", \"heat or ice\", \"contrast\""
                            ),
                            None => {
                                "write one of: pack = \"heat or ice\", pack = \"ice\", pack = \"heat\", pack = \"contrast\""
                                    .to_owned()
                            }
                        };
                        self.error(
                            v.span(),
                            format!("'pack' must be \"heat or ice\", \"ice\", \"heat\" or \"contrast\"{place}"),
                            help,
                        );
                        return None;
                    }
                };
                // Ice never past its limit; heat to the most the config file may allow
                // (the timer still holds it to the config's own).
                let limit = match treatment {
                    Treatment::Heat if !either => pack::HEAT_MAX_LIMIT,
                    Treatment::Heat => pack::ICE_MAX,
                    Treatment::Ice | Treatment::Contrast => pack::ICE_MAX,
                };
                let on = match table.get("on") {
                    Some(x) => self.duration(x, "on", place, limit).map(Some),
                    None => Some(None),
                };
                let off = match table.get("off") {
                    Some(x) => self.duration(x, "off", place, pack::MAX_PHASE).map(Some),
                    None => Some(None),
                };
                let cycles = match table.get("cycles") {
                    Some(x) => self.count(x, "cycles", place, pack::MAX_CYCLES),
                    None => Some(1),
                };
                if on? == Some(Duration::ZERO) {
                    self.error(
                        table.get("on")?.span(),
                        format!("'on' must be longer than 0s{place}"),
                        "the usual application is on = \"20m\"",
                    );
                    return None;
                }
                Some(Activity::Pack(PackItem {
                    treatment,
                    either,
                    on: on?,
                    off: off?,
                    cycles: cycles?,
                }))
            }
        }
    }

    fn text(&mut self, v: &Value<'_>, key: &str, place: &str, max: usize) -> Option<String> {
        let Some(s) = v.get_ref().as_str() else {
            self.error(
                v.span(),
                format!("'{key}' must be text in quotes{place}"),
                format!("write it as {key} = \"...\""),
            );
            return None;
        };
        let s = s.trim();
        if s.is_empty() {
            self.error(
                v.span(),
                format!("'{key}' is empty{place}"),
                "write some text, or remove the line",
            );
            return None;
        }
        if s.chars().count() > max {
            self.error(
                v.span(),
                format!("'{key}' is longer than {max} characters{place}"),
                "shorten it",
            );
            return None;
        }
        Some(crate::text::sanitize(s).into_owned())
    }

    fn duration(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &str,
        max: Duration,
    ) -> Option<Duration> {
        let Some(s) = v.get_ref().as_str() else {
            self.error(
                v.span(),
                format!("'{key}' must be a duration in quotes{place}"),
                format!("write it with a unit, such as {key} = \"48h\""),
            );
            return None;
        };
        match duration::parse(s, max) {
            Ok(d) => Some(d),
            Err(err) => {
                let what = match &err {
                    DurationError::TooLong { value, max } => format!(
                        "is {}, more than the {} allowed",
                        duration::human(*value),
                        duration::human(*max)
                    ),
                    other => other.to_string(),
                };
                self.error(v.span(), format!("'{key}' {what}{place}"), err.help(s));
                None
            }
        }
    }

    fn count(&mut self, v: &Value<'_>, key: &str, place: &str, hi: u32) -> Option<u32> {
        let n = toml_check::whole(v.get_ref()).and_then(|n| u32::try_from(n).ok());
        match n {
            Some(n) if (1..=hi).contains(&n) => Some(n),
            _ => {
                self.error(
                    v.span(),
                    format!("'{key}' must be a whole number from 1 to {hi}{place}"),
                    format!("for example: {key} = 2"),
                );
                None
            }
        }
    }
}
