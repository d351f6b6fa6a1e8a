//! How far back a report goes (`--since`), and the kinds adherence is counted in.

use jiff::civil::Date;

/// A kind of the plan's items ("exercise", "walking", "ice or heat"), done and
/// needed.
pub type Kind = (&'static str, u32, u32);

/// The longest period a report covers.
pub const MAX_DAYS: i64 = 366 * 2;

/// Why `--since` was refused, said in the report's own terms (its examples are
/// periods, its limit two years).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError(crate::duration::DurationError);

impl std::fmt::Display for PeriodError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            crate::duration::DurationError::TooLong { .. } => {
                f.write_str("is longer than two years, the most a report covers")
            }
            crate::duration::DurationError::CalendarUnit { .. } => {
                f.write_str("uses `M`, which could be months or minutes")
            }
            other => other.fmt(f),
        }
    }
}

impl PeriodError {
    /// How to write it instead.
    pub fn help(&self, written: &str) -> String {
        use crate::duration::DurationError as E;
        match &self.0 {
            E::TooLong { .. } => "use 2y, 24months or 104w at most".into(),
            E::CalendarUnit { .. } => format!(
                "write months as `{}`",
                written.trim().trim_end_matches('M').trim().to_owned() + "months"
            ),
            E::Empty | E::Unreadable(_) => {
                "write a number and a unit, for example 4w, 10d, 3months or 1y".into()
            }
            other => other.help(written),
        }
    }
}

/// How far back a report goes, as `--since` says it: a fixed length (`4w`,
/// `10d`) or whole calendar months back from today (`3months`, `2y`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Span(std::time::Duration),
    Months(u32),
}

impl Period {
    /// Reads `--since`: months and years (`3months`, `1 month`, `2y`, `1year`) as
    /// calendar spans; anything else as a duration (`4w`, `10d`), at most two years.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        Period::read(text).map_err(PeriodError)
    }

    fn read(text: &str) -> Result<Period, crate::duration::DurationError> {
        let trimmed = text.trim();
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        let unit = trimmed.get(digits.len()..).unwrap_or_default().trim();
        let per = match unit.to_lowercase().as_str() {
            // A lone capital M stays refused: it is nearly always minutes mistyped.
            _ if unit == "M" => None,
            "mo" | "month" | "months" => Some(1),
            "y" | "yr" | "yrs" | "year" | "years" => Some(12),
            _ => None,
        };
        if let (Some(per), Ok(n)) = (per, digits.parse::<u32>()) {
            let months = n.saturating_mul(per);
            if months == 0 {
                return Err(crate::duration::DurationError::Unreadable(
                    "a period is at least a day".into(),
                ));
            }
            if months > 24 {
                return Err(crate::duration::DurationError::TooLong {
                    value: std::time::Duration::from_secs(u64::from(months) * 30 * 86_400),
                    max: std::time::Duration::from_secs(2 * 365 * 86_400),
                });
            }
            return Ok(Period::Months(months));
        }
        crate::duration::parse(trimmed, std::time::Duration::from_secs(2 * 365 * 86_400))
            .map(Period::Span)
    }

    /// The days it covers up to `today` (today included), 1 to [`MAX_DAYS`]:
    /// `3months` on 7 December covers 7 September to 7 December.
    pub fn days(self, today: Date) -> i64 {
        let days = match self {
            Period::Span(d) => i64::try_from(d.as_secs().div_ceil(86_400)).unwrap_or(MAX_DAYS),
            Period::Months(m) => today
                .checked_sub(jiff::Span::new().months(i64::from(m)))
                .map_or(MAX_DAYS, |start| i64::from((today - start).get_days()) + 1),
        };
        days.clamp(1, MAX_DAYS)
    }
}
