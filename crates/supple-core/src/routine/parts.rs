//! The parts of an exercise beyond its plain values: its breathing phases,
//! its progression, its sides and its drawing.

use super::parse::{LIMITS, Place, Value, Walker};
use super::values::article;
use super::{Phase, Progression};
use crate::poses;

const PHASE_KEYS: &[&str] = &["cue", "time"];
const PROGRESSION_KEYS: &[&str] = &["target", "step"];

impl Walker<'_> {
    pub(super) fn phases(&mut self, v: &Value<'_>, place: &Place) -> Option<Vec<Phase>> {
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

    pub(super) fn progression(&mut self, v: &Value<'_>, place: &Place) -> Option<Progression> {
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
            from: 1,
        })
    }

    pub(super) fn sides(&mut self, v: &Value<'_>, place: &Place) -> Option<Vec<String>> {
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

    pub(super) fn art(&mut self, v: &Value<'_>, place: &Place) -> Option<String> {
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
}
