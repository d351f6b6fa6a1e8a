//! Plan files to [`Plan`] values: every key checked, every error found at once,
//! each with its place in the file and how to fix it (the routine format's rules
//! and messages, checked with [`crate::toml_check`]).

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::DeTable;

use super::{Plan, Stage};
use crate::duration;
use crate::pack;
use crate::toml_check::{self, Diagnostic, Value};

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
pub(super) const ITEM_KEYS: &[&str] = &[
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

pub(super) struct Checker {
    pub(super) diags: Vec<Diagnostic>,
}

impl Checker {
    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diags
            .push(Diagnostic::new(span, message).with_help(help.into()));
    }

    pub(super) fn unknown_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], scope: &str) {
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
}
