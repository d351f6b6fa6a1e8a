//! The items of a plan's stage: a routine, an ice or heat session or a walk,
//! how often, and when it is not to be done.

use std::time::Duration;

use toml::Spanned;
use toml::de::DeTable;

use super::parse::{Checker, ITEM_KEYS, LIMITS};
use super::{Activity, Item, Often, PackItem};
use crate::duration;
use crate::pack::{self, Treatment};
use crate::toml_check::{Value, closest};

impl Checker {
    pub(super) fn items(&mut self, v: &Value<'_>, place: &str) -> Option<Vec<Item>> {
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

    pub(super) fn item(&mut self, v: &Value<'_>, place: &str) -> Option<Item> {
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

    pub(super) fn activity(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        place: &str,
    ) -> Option<Activity> {
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
}
