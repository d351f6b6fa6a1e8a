//! What Today and the home screen lead with when safety calls for it: a
//! red-flag answer that stands, and the calm lines the log calls for.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::Session;
use crate::episode::Episode;
use crate::guidance;
use crate::red_flags::{self, Tier};

/// What Today and the home screen lead with while a red-flag answer stands: the
/// most urgent tier, what was said, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub tier: Tier,
    /// "you said yes to chest pain (Mon 7 Dec 09:12)."
    pub said: String,
    /// The signs answered yes, each with when: "chest pain (Mon 7 Dec 09:12)"
    /// (for a reader other than the person, such as the report's).
    pub signs: String,
    /// The tier's action: where to go.
    pub action: &'static str,
}

impl Alert {
    /// The alert's lines, in order: what was said (after the title, where a box
    /// does not say it already), what to do, and how to say it has been done
    /// (`checked`, such as "press c" or a command).
    pub fn lines(&self, titled: bool, checked: &str) -> Vec<String> {
        let said = if titled {
            format!("{}: {}", self.tier.title(), self.said)
        } else {
            let mut c = self.said.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        };
        let mut out = vec![said, self.action.to_owned()];
        if self.tier == Tier::Emergency {
            out.push(format!(
                "No exercise is offered until you have been checked. Once you have: {checked}."
            ));
        } else {
            out.push(format!(
                "Go gently until then. Once you have been checked: {checked}."
            ));
        }
        out
    }
}

/// The alert for the answers that stand in `episode`, if any.
pub fn alert(episode: &Episode, tz: &TimeZone) -> Option<Alert> {
    let standing = episode.screening.standing();
    let tier = standing.iter().map(|s| s.tier).max()?;
    let said: Vec<String> = standing
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                s.what,
                s.at.to_zoned_datetime(tz.clone())
                    .strftime("%a %-d %b %H:%M")
            )
        })
        .collect();
    let signs = said.join(", ");
    Some(Alert {
        tier,
        said: format!("you said yes to {signs}."),
        signs,
        action: tier.action(),
    })
}

/// The calm safety lines the log calls for (the red-flag answers are the
/// [`alert`], apart): an episode not easing after about two weeks, pain after
/// sessions rising three times running, pain after the last session 7 or more.
pub fn safety(episode: Option<&Episode>, sessions: &[impl Session], now: Timestamp) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = episode
        && e.since(now) >= red_flags::EASING_EXPECTED
    {
        out.push(red_flags::NOT_GETTING_BETTER.to_owned());
    }
    let last: Vec<u8> = sessions
        .iter()
        .rev()
        .filter_map(Session::pain_after)
        .take(4)
        .collect();
    if let Some(line) = guidance::pain_trend(&last) {
        out.push(line.to_owned());
    }
    out
}
