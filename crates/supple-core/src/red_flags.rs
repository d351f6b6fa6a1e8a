//! When self-care is not enough: the red flags of back pain, in two tiers (an
//! emergency; a doctor the same day), and, said apart because it is not a red flag,
//! when to get help because the back is not getting better.
//!
//! This is the one place these words are written. `supple red-flags`, `supple
//! --help`, the man page, the help and pack screens, Today, the episode questions,
//! the plan's advice, the report and the README all say them from here (a test
//! collects them from every output and checks each against this file). Each sign's
//! source is in docs/sources.md.

use serde::{Deserialize, Serialize};

/// How soon a sign needs help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// A doctor today: a GP, urgent care, NHS 111 or the out-of-hours line.
    SameDay,
    /// A&E or the emergency number now.
    Emergency,
}

/// What to do for an emergency sign, and where.
pub const EMERGENCY: &str = "Go to A&E (the emergency department) now, or call 999 in the UK, 112 in the EU, 911 in the US, or your local emergency number. Do not drive yourself.";

/// What to do for a same-day sign, and where.
pub const SAME_DAY: &str = "See a doctor today: your GP, an urgent care centre, NHS 111, or your doctor's out-of-hours line.";

/// When to get help because it is not easing: not a red flag, and never listed with
/// them. The one threshold supple uses for "see someone".
pub const NOT_GETTING_BETTER: &str = "Not getting better? Most back pain starts to ease within about 2 weeks and settles within about 6. If yours is not starting to ease after about 2 weeks, or it is severe, getting worse or stopping you doing daily things, or you are worried or struggling to cope, see a GP or a physiotherapist (many physiotherapy services take self-referral).";

/// The threshold of [`NOT_GETTING_BETTER`]: about two weeks.
pub const EASING_EXPECTED: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);

/// What supple is, said wherever safety is.
pub const SELF_CARE: &str = "supple is self-care support, not a diagnosis.";

/// The emergency tier in one line, for a short window: every sign by its short
/// name, what to do, and where the whole list is.
pub const EMERGENCY_SHORT: &str = "Emergency (A&E now or 999/112/911, don't drive)";

impl Tier {
    /// Most urgent first.
    pub const ALL: [Tier; 2] = [Tier::Emergency, Tier::SameDay];

    /// What to do, and where ([`EMERGENCY`], [`SAME_DAY`]).
    pub fn action(self) -> &'static str {
        match self {
            Tier::Emergency => EMERGENCY,
            Tier::SameDay => SAME_DAY,
        }
    }

    /// The line before the tier's list of signs.
    pub fn intro(self) -> &'static str {
        match self {
            Tier::Emergency => "Back pain with any of these is an emergency.",
            Tier::SameDay => "Back pain with any of these needs a doctor the same day.",
        }
    }

    /// A title for a box or a heading.
    pub fn title(self) -> &'static str {
        match self {
            Tier::Emergency => "Emergency",
            Tier::SameDay => "See a doctor today",
        }
    }

    /// The signs of this tier, in the order they are asked.
    pub fn signs(self) -> impl Iterator<Item = Sign> {
        Sign::ALL.into_iter().filter(move |s| s.tier() == self)
    }

    /// The word kept in records and JSON.
    pub fn word(self) -> &'static str {
        match self {
            Tier::Emergency => "emergency",
            Tier::SameDay => "same_day",
        }
    }
}

/// One red flag, asked as one question. The emergency tier comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// The "saddle" area: genitals, back passage, buttocks.
    Saddle,
    Peeing,
    Control,
    BothLegs,
    Sexual,
    CannotMove,
    ChestPain,
    Accident,
    Fever,
    WeightLoss,
    Cancer,
    Fall,
    Night,
    Sneeze,
    UpperBack,
    OneLeg,
    Lump,
}

/// Each sign's tier, its short name, how a list says it, and its question.
struct Words {
    tier: Tier,
    short: &'static str,
    listed: &'static str,
    question: &'static str,
}

const fn words(sign: Sign) -> Words {
    use Tier::{Emergency, SameDay};
    let (tier, short, listed, question) = match sign {
        Sign::Saddle => (
            Emergency,
            "numb bottom, genitals or inner thighs",
            "numbness, tingling or a changed feeling around the genitals, the back passage, the buttocks or the inner thighs, or when wiping after the toilet",
            "Numbness, tingling or a changed feeling around your genitals, back passage, buttocks or inner thighs, or when you wipe after the toilet?",
        ),
        Sign::Peeing => (
            Emergency,
            "trouble peeing",
            "new difficulty peeing (starting, stopping or a weak flow), not being able to pee at all, or not being able to feel when the bladder or bowel is full",
            "New difficulty peeing (starting, stopping or a weak flow), not being able to pee at all, or not being able to feel when your bladder or bowel is full?",
        ),
        Sign::Control => (
            Emergency,
            "bladder or bowel control",
            "loss of bladder or bowel control (wetting or soiling yourself)",
            "Any loss of bladder or bowel control (wetting or soiling yourself)?",
        ),
        Sign::BothLegs => (
            Emergency,
            "symptoms in both legs",
            "new or worsening pain, numbness, tingling or weakness in both legs",
            "New or worsening pain, numbness, tingling or weakness in both legs?",
        ),
        Sign::Sexual => (
            Emergency,
            "erection or genital feeling",
            "new problems getting or keeping an erection or ejaculating, or less feeling in the genitals during sex",
            "New problems getting or keeping an erection or ejaculating, or less feeling in your genitals during sex?",
        ),
        Sign::CannotMove => (
            Emergency,
            "weak legs or trouble walking",
            "legs that are suddenly weak or heavy or will not go where you want, new difficulty walking, or being unable to move a leg or an arm",
            "Are your legs suddenly weak or heavy, or not going where you want, is walking newly difficult, or can you not move a leg or an arm?",
        ),
        Sign::ChestPain => (Emergency, "chest pain", "chest pain", "Chest pain?"),
        Sign::Accident => (
            Emergency,
            "a serious accident",
            "pain that started after a serious accident, such as a car crash or a fall from a height",
            "Did it start after a serious accident, such as a car crash or a fall from a height?",
        ),
        Sign::Fever => (
            SameDay,
            "fever",
            "a high temperature, or feeling hot and shivery",
            "A high temperature, or feeling hot and shivery?",
        ),
        Sign::WeightLoss => (
            SameDay,
            "weight loss",
            "weight loss you cannot explain",
            "Have you lost weight without trying to?",
        ),
        Sign::Cancer => (
            SameDay,
            "had cancer",
            "new back pain after having had cancer",
            "Have you had cancer, now or in the past?",
        ),
        Sign::Fall => (
            SameDay,
            "a hard fall or blow",
            "pain that started after a hard fall or a blow to the back (or even a minor fall with osteoporosis or long-term steroid tablets)",
            "Did it start after a hard fall or a blow to the back (or even a minor fall, if you have osteoporosis or take steroid tablets long-term)?",
        ),
        Sign::Night => (
            SameDay,
            "worse at night",
            "pain much worse at night, or not eased by rest or changing position",
            "Is the pain much worse at night, or not eased by resting or changing position?",
        ),
        Sign::Sneeze => (
            SameDay,
            "worse when sneezing or coughing",
            "pain made worse by sneezing, coughing or pooing",
            "Is the pain made worse by sneezing, coughing or pooing?",
        ),
        Sign::UpperBack => (
            SameDay,
            "between the shoulder blades",
            "pain high in the back, between the shoulder blades",
            "Is the pain high in your back, between your shoulder blades?",
        ),
        Sign::OneLeg => (
            SameDay,
            "weakness in one leg",
            "new or worsening weakness in one leg, such as a foot that drags or a leg that gives way",
            "New or worsening weakness in one leg, such as a foot that drags or a leg that gives way?",
        ),
        Sign::Lump => (
            SameDay,
            "a lump on the back",
            "a lump or swelling on the back, or a change in its shape",
            "A lump or swelling on your back, or a change in its shape?",
        ),
    };
    Words {
        tier,
        short,
        listed,
        question,
    }
}

impl Sign {
    /// Asked in this order: the emergency tier first.
    pub const ALL: [Sign; 17] = [
        Sign::Saddle,
        Sign::Peeing,
        Sign::Control,
        Sign::BothLegs,
        Sign::Sexual,
        Sign::CannotMove,
        Sign::ChestPain,
        Sign::Accident,
        Sign::Fever,
        Sign::WeightLoss,
        Sign::Cancer,
        Sign::Fall,
        Sign::Night,
        Sign::Sneeze,
        Sign::UpperBack,
        Sign::OneLeg,
        Sign::Lump,
    ];

    pub fn tier(self) -> Tier {
        words(self).tier
    }

    /// A few words, for a folded list or a listing of answers.
    pub fn short(self) -> &'static str {
        words(self).short
    }

    /// As a list says it.
    pub fn listed(self) -> &'static str {
        words(self).listed
    }

    /// The question, answered yes or no.
    pub fn question(self) -> &'static str {
        words(self).question
    }

    /// The word kept in records and JSON.
    pub fn word(self) -> &'static str {
        match self {
            Sign::Saddle => "saddle",
            Sign::Peeing => "peeing",
            Sign::Control => "control",
            Sign::BothLegs => "both_legs",
            Sign::Sexual => "sexual",
            Sign::CannotMove => "cannot_move",
            Sign::ChestPain => "chest_pain",
            Sign::Accident => "accident",
            Sign::Fever => "fever",
            Sign::WeightLoss => "weight_loss",
            Sign::Cancer => "cancer",
            Sign::Fall => "fall",
            Sign::Night => "night",
            Sign::Sneeze => "sneeze",
            Sign::UpperBack => "upper_back",
            Sign::OneLeg => "one_leg",
            Sign::Lump => "lump",
        }
    }
}

/// The whole list as lines of text: each tier's action, its intro and its signs
/// (as "  - sign"), then the "not getting better" rule apart, then what supple is.
/// `supple red-flags`, the help screen, the calm modal and plain mode print this.
pub fn lines() -> Vec<String> {
    let mut out = Vec::new();
    for tier in Tier::ALL {
        out.push(tier.intro().to_owned());
        out.push(tier.action().to_owned());
        for s in tier.signs() {
            out.push(format!("  - {}", s.listed()));
        }
        out.push(String::new());
    }
    out.push(NOT_GETTING_BETTER.to_owned());
    out.push(String::new());
    out.push(SELF_CARE.to_owned());
    out
}

/// The emergency tier folded into one line for a short window: what to do, every
/// sign by its short name, and where the rest is (`more`, such as "? shows all").
pub fn emergency_folded(more: &str) -> String {
    let signs: Vec<&str> = Tier::Emergency.signs().map(Sign::short).collect();
    format!("{EMERGENCY_SHORT}: {}. {more}", signs.join(", "))
}

/// The end of `supple --help`: what supple is, then the emergency tier whole.
pub fn help_footer() -> String {
    let mut s = format!(
        "{SELF_CARE} {}\n\n{}\n{}\n",
        crate::guidance::STOP_IF,
        Tier::Emergency.intro(),
        Tier::Emergency.action()
    );
    for sign in Tier::Emergency.signs() {
        s.push_str(&format!("  - {}\n", sign.listed()));
    }
    s.push_str("\n`supple red-flags` lists the signs that need a doctor today too.");
    s
}

/// What to say at once after a "yes" to `sign`: what it may mean, then where.
pub fn answer(sign: Sign) -> [&'static str; 2] {
    match (sign.tier(), sign) {
        (Tier::Emergency, _) => [
            "That can be a sign of a serious problem that needs checking straight away.",
            EMERGENCY,
        ],
        (Tier::SameDay, Sign::Cancer) => [
            "New back pain after cancer should be checked soon: contact your GP or your cancer team today, and tell them about your cancer.",
            SAME_DAY,
        ],
        (Tier::SameDay, _) => ["That needs a doctor's check today.", SAME_DAY],
    }
}

/// Asked again during an episode: the emergency signs that can come later (a
/// serious accident at its start cannot).
pub fn reasked() -> impl Iterator<Item = Sign> {
    Tier::Emergency.signs().filter(|s| *s != Sign::Accident)
}

/// Said on the weekly check: the signs are not to wait for it.
pub const DO_NOT_WAIT: &str =
    "If one of these starts at any time, act on it straight away: do not wait for this check.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_emergency_tier_is_asked_first_and_every_sign_has_words() {
        let first_same_day = Sign::ALL
            .iter()
            .position(|s| s.tier() == Tier::SameDay)
            .unwrap_or(0);
        assert!(
            Sign::ALL[..first_same_day]
                .iter()
                .all(|s| s.tier() == Tier::Emergency)
        );
        assert!(
            Sign::ALL[first_same_day..]
                .iter()
                .all(|s| s.tier() == Tier::SameDay)
        );
        for s in Sign::ALL {
            assert!(s.question().ends_with('?'), "{s:?}");
            assert!(!s.listed().is_empty() && !s.short().is_empty());
        }
        let words: std::collections::HashSet<&str> = Sign::ALL.iter().map(|s| s.word()).collect();
        assert_eq!(words.len(), Sign::ALL.len());
    }

    #[test]
    fn the_saddle_and_bladder_signs_are_emergencies() {
        for s in [Sign::Saddle, Sign::Peeing, Sign::Control, Sign::BothLegs] {
            assert_eq!(s.tier(), Tier::Emergency);
            assert_eq!(answer(s)[1], EMERGENCY);
        }
        assert!(EMERGENCY.contains("A&E") && EMERGENCY.contains("999"));
        assert!(EMERGENCY.contains("Do not drive yourself"));
    }

    #[test]
    fn the_folded_line_names_the_whole_emergency_tier() {
        let line = emergency_folded("? shows all.");
        for s in Tier::Emergency.signs() {
            assert!(line.contains(s.short()), "{s:?}");
        }
    }

    #[test]
    fn serde_words_are_the_words() {
        for s in Sign::ALL {
            let json = serde_json::to_string(&s).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", s.word()));
        }
    }
}
