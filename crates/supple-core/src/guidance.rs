//! Every sentence or rule of the self-care guidance that more than one shell says,
//! in one place, so the full screen, line mode and the command line never drift
//! apart. The figures behind them are cited in docs/sources.md. When self-care is
//! not enough (the red flags, and not getting better) is [`crate::red_flags`].

/// Said when pain after sessions rose three times running: four scores, each
/// higher than the one before.
pub const PAIN_RISING: &str = "Your pain after sessions has gone up three times running: ease off the exercises and keep moving gently. See a GP if it keeps rising.";

/// Said when pain after the last session was [`PAIN_HIGH`] or more.
pub const PAIN_HIGH_TEXT: &str = "Your pain after the last session was 7 or more: ease off the exercises today and keep moving gently. See a GP if it stays this bad or gets worse.";

/// How to use an ice or heat pack safely, said before the first application.
pub const PACK_SAFETY: &[&str] = &[
    "Wrap the pack in a thin cloth: never ice or heat straight on the skin.",
    "Take it off early if the skin is numb, burning or very red.",
    "Heat no higher than medium, and never sleep on a heating pad.",
    "Not on skin that is already numb.",
];

/// The head of the calm advice when the pain rose during a routine
/// ([`PAIN_RISE`] or more): the words say what happened.
pub const CALM_ROSE: &str = "Your pain went up. Ease off the exercises for today.";
/// The head when the pain after a routine is [`PAIN_HIGH`] or more but did not
/// rise (8 before and 7 after is better, and still high).
pub const CALM_HIGH: &str = "Your pain is 7 or more. Ease off the exercises for today, and see a GP if it stays this bad or gets worse.";
/// What follows either head.
pub const CALM_ADVICE: &[&str] = &[
    "Keep moving gently: short, easy walks, and heat or ice if it helps.",
    "Try again tomorrow, more gently. See a GP if it keeps getting worse.",
    STOP_IF,
];

/// When to stop an exercise (NHS inform; Guy's and St Thomas' NHS): some
/// soreness is normal, and hurt does not mean harm.
pub const STOP_IF: &str =
    "Stop an exercise if it makes your pain worse or brings new pain, such as pain down a leg.";

/// The same, short enough for the home screen's header and the player's
/// always-visible line at 40 columns ("spreads": new pain, such as down a leg).
pub const STOP_IF_SHORT: &str = "Stop if pain worsens or spreads";

/// Pain after this high, or this much higher than before, brings the calm advice.
pub const PAIN_HIGH: u8 = 7;
pub const PAIN_RISE: u8 = 2;

/// Pain `after` a session calls for the calm advice: it is high, or it rose.
pub fn pain_rose(before: Option<u8>, after: u8) -> bool {
    calm_head(before, after).is_some()
}

/// The head of the calm advice for pain `before` and `after` a session, if the
/// scores call for it: [`CALM_ROSE`] only when the pain went up by [`PAIN_RISE`]
/// or more, else [`CALM_HIGH`] when it is [`PAIN_HIGH`] or more.
pub fn calm_head(before: Option<u8>, after: u8) -> Option<&'static str> {
    if before.is_some_and(|b| after >= b.saturating_add(PAIN_RISE)) {
        Some(CALM_ROSE)
    } else if after >= PAIN_HIGH {
        Some(CALM_HIGH)
    } else {
        None
    }
}

/// The safety line for the last pain scores after sessions, newest first:
/// [`PAIN_HIGH_TEXT`] when the last is [`PAIN_HIGH`] or more, else
/// [`PAIN_RISING`] when the last four rose three times running.
pub fn pain_trend(newest_first: &[u8]) -> Option<&'static str> {
    match newest_first {
        [last, ..] if *last >= PAIN_HIGH => Some(PAIN_HIGH_TEXT),
        [a, b, c, d, ..] if a > b && b > c && c > d => Some(PAIN_RISING),
        _ => None,
    }
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

    #[test]
    fn the_pain_words_say_what_happened() {
        // 8 then 7 is better: high, never "went up".
        assert_eq!(calm_head(Some(8), 7), Some(CALM_HIGH));
        assert!(!CALM_HIGH.contains("went up"));
        // 3 then 5 rose by two.
        assert_eq!(calm_head(Some(3), 5), Some(CALM_ROSE));
        // 7 then 7 did not rise, and is high.
        assert_eq!(calm_head(Some(7), 7), Some(CALM_HIGH));
        assert_eq!(calm_head(None, 7), Some(CALM_HIGH));
        assert_eq!(calm_head(Some(4), 5), None);
        // High pain: ease off the exercises, keep moving, a GP if it stays or worsens.
        for text in [CALM_HIGH, CALM_ROSE, PAIN_HIGH_TEXT] {
            assert!(!text.contains("rest"), "{text}");
            assert!(
                text.contains("Ease off") || text.contains("ease off"),
                "{text}"
            );
        }
        assert!(PAIN_HIGH_TEXT.contains("keep moving gently"));
        assert!(PAIN_HIGH_TEXT.contains("See a GP if it stays this bad or gets worse"));
        assert!(CALM_HIGH.contains("see a GP if it stays this bad or gets worse"));
        assert!(CALM_ADVICE[0].contains("Keep moving gently"));
    }

    #[test]
    fn three_times_running_means_three_rises() {
        // Newest first: 2 -> 3 -> 4 is two rises.
        assert_eq!(pain_trend(&[4, 3, 2]), None);
        assert_eq!(pain_trend(&[5, 4, 3, 3]), None);
        // 1 -> 2 -> 3 -> 4: three rises.
        assert_eq!(pain_trend(&[4, 3, 2, 1]), Some(PAIN_RISING));
        assert_eq!(pain_trend(&[8, 3]), Some(PAIN_HIGH_TEXT));
        assert_eq!(pain_trend(&[6, 6, 6, 6]), None);
    }
}
