//! Every sentence or rule of the self-care guidance that more than one shell says,
//! in one place, so the full screen, line mode and the command line never drift
//! apart. The figures behind them are cited in docs/sources.md. When self-care is
//! not enough (the red flags, and not getting better) is [`crate::core::red_flags`].

/// Said when pain after sessions rose three times running.
pub const PAIN_RISING: &str = "Your pain after sessions has gone up three times running: do less, more gently, and see a doctor if it keeps rising.";

/// Said when pain after the last session was [`PAIN_HIGH`] or more.
pub const PAIN_HIGH_TEXT: &str =
    "Your pain after the last session was 7 or more: rest, and see a doctor if it stays this bad.";

/// How to use an ice or heat pack safely, said before the first application.
pub const PACK_SAFETY: &[&str] = &[
    "Wrap the pack in a thin cloth: never ice or heat straight on the skin.",
    "Take it off early if the skin is numb, burning or very red.",
    "Heat no higher than medium, and never sleep on a heating pad.",
    "Not on skin that is already numb.",
];

/// What to say when pain rose during a routine: the head line, then the advice.
pub const CALM_HEAD: &str = "Your pain went up. Stop for today.";
pub const CALM_ADVICE: &[&str] = &[
    "Rest in a comfortable position; gentle walking, ice or heat can help.",
    "Try again tomorrow, more gently, and stop any exercise that hurts.",
];

/// Pain after this high, or this much higher than before, brings the calm advice.
pub const PAIN_HIGH: u8 = 7;
pub const PAIN_RISE: u8 = 2;

/// Pain `after` a session calls for the calm advice: it is high, or it rose.
pub fn pain_rose(before: Option<u8>, after: u8) -> bool {
    after >= PAIN_HIGH || before.is_some_and(|b| after >= b.saturating_add(PAIN_RISE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pain_rule() {
        assert!(pain_rose(None, 7));
        assert!(!pain_rose(None, 6));
        assert!(pain_rose(Some(3), 5));
        assert!(!pain_rose(Some(3), 4));
        assert!(!pain_rose(Some(9), 6));
    }
}
