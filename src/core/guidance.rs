//! Every sentence or rule of the self-care guidance that more than one shell says,
//! in one place, so the full screen, line mode and the command line never drift
//! apart. The figures behind them are cited in docs/sources.md.

/// The symptoms with back pain that mean: see a doctor.
pub const RED_FLAGS: &[&str] = &[
    "pain lasting over a week despite home care",
    "new or worse numbness or weakness in the legs or buttocks",
    "loss of bladder or bowel control, or a numb groin (an emergency)",
    "fever, or unexplained weight loss, with back pain",
    "pain after a fall, a car accident or another severe injury",
    "cannot move an arm or a leg, or loss of balance",
];

/// Said when the pain began over a week ago (`--since`): the first red flag.
pub const OVER_A_WEEK: &str = "Over a week since it began: pain lasting over a week despite home care is a reason to see a doctor.";

/// How long before [`OVER_A_WEEK`] is said.
pub const A_WEEK: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// What makes a red flag an emergency.
pub const EMERGENCY: &str = "Loss of bladder or bowel control, or numbness around the groin, is an emergency: get help at once.";

/// Said when an episode has lasted past [`LONG_LASTING`]: the ACP guideline calls
/// back pain beyond twelve weeks chronic.
pub const LONG_LASTING_TEXT: &str = "Over 12 weeks since it began: this is now long-lasting back pain, and a physiotherapist or doctor can help.";

/// When back pain counts as long-lasting (chronic).
pub const LONG_LASTING: std::time::Duration = std::time::Duration::from_secs(12 * 7 * 24 * 3600);

/// Said when pain after sessions rose three times running.
pub const PAIN_RISING: &str = "Your pain after sessions has gone up three times running: do less, more gently, and see a doctor if it keeps rising.";

/// Said when pain after the last session was [`PAIN_HIGH`] or more.
pub const PAIN_HIGH_TEXT: &str =
    "Your pain after the last session was 7 or more: rest, and see a doctor if it stays this bad.";

/// Said when an answer to a red-flag question is yes.
pub const FLAG_ANSWERED: &str = "That needs a doctor: please see one today, or call your doctor's out-of-hours line. supple is no substitute.";

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

/// The line before the red flags.
pub const SEE_A_DOCTOR: &str = "See a doctor for back pain with:";

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
