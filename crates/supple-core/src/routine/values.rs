//! The typed values of a routine file, read with their place for messages: names,
//! single-line texts, lists, durations and counts, the type errors and unknown
//! keys (with the closest known key, [`crate::toml_check`]), and the span of one
//! offending character.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Duration;

use toml::de::DeTable;

use super::parse::{LIMITS, Place, Value, Walker};
use crate::duration::{self, DurationError};
use crate::text::{code_point, find_forbidden};
use crate::toml_check;

impl Walker<'_> {
    /// A routine or exercise name: 1-80 characters.
    pub(super) fn name(&mut self, v: &Value<'_>, key: &str, place: &Place) -> Option<String> {
        self.text(v, key, place, LIMITS.name_chars)
    }

    /// A non-empty single-line string with no control or disguising characters.
    pub(super) fn text(
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

    pub(super) fn text_list(
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
    pub(super) fn duration(
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
    pub(super) fn count(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &Place,
        (lo, hi): (u32, u32),
    ) -> Option<u32> {
        if !v.get_ref().is_integer() {
            self.type_error(v, key, place, "a whole number", &format!("{key} = {lo}"));
            return None;
        }
        match toml_check::whole(v.get_ref()).and_then(|n| u32::try_from(n).ok()) {
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

    pub(super) fn array<'a, 'i>(
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

    pub(super) fn type_error(
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

    pub(super) fn unknown_keys(
        &mut self,
        table: &DeTable<'_>,
        allowed: &[&str],
        place: &Place,
        scope: &str,
    ) {
        let found = toml_check::unknown_keys(table, allowed, scope, |k| {
            format!("unknown key '{k}'{}", place.0)
        });
        self.diags.extend(found);
    }

    /// An optional key: `Ok(None)` when absent, `Err(())` when present but invalid.
    pub(super) fn opt<T>(
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

    pub(super) fn required<T>(
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

    pub(super) fn duration_or(
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

    pub(super) fn count_or(
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
    pub(super) fn char_span(&self, span: Range<usize>, content: &str, c: char) -> Range<usize> {
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

pub(super) fn article(type_name: &str) -> Cow<'static, str> {
    match type_name {
        "integer" => "an integer".into(),
        "array" => "an array".into(),
        other => format!("a {other}").into(),
    }
}
