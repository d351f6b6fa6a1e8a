//! The plain values of a plan file, read with their place for messages: texts,
//! lists of lines, durations and counts.

use std::time::Duration;

use super::parse::{Checker, LIMITS};
use crate::duration::{self, DurationError};
use crate::toml_check::{self, Value};

impl Checker {
    pub(super) fn advice(&mut self, v: &Value<'_>, place: &str) -> Option<Vec<String>> {
        self.lines(v, "advice", place, LIMITS.advice)
    }

    /// A list of up to `max` lines of text (`advice`, `daily`).
    pub(super) fn lines(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &str,
        max: usize,
    ) -> Option<Vec<String>> {
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

    pub(super) fn text(
        &mut self,
        v: &Value<'_>,
        key: &str,
        place: &str,
        max: usize,
    ) -> Option<String> {
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

    pub(super) fn duration(
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

    pub(super) fn count(&mut self, v: &Value<'_>, key: &str, place: &str, hi: u32) -> Option<u32> {
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
