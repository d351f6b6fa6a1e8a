//! What the player shows, computed once per frame from the session: the words,
//! the numbers and the fills, before any layout.

use std::time::Duration;

use super::super::theme::Tone;
use crate::app::{BREATH_STEPS_PER_SEC, PauseReason, Player};
use crate::core::duration::{self, ceil_secs};
use crate::core::moment::Moment;
use crate::core::poses;
use crate::core::session::Status;
use crate::core::timeline::{Kind, Timeline};

/// "Next: ..." shows during the last this-many seconds of a work segment.
const NEXT_UP_WITHIN: Duration = Duration::from_secs(5);

/// Everything the player screen shows, computed once per frame from the session.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub routine: String,
    pub tone: Tone,
    pub label: &'static str,
    pub title: String,
    pub cue: String,
    /// Big text: the countdown (`mm:ss`) or, for self-paced reps, `3/10`.
    pub big: String,
    pub instruction: Option<String>,
    /// The segment's progress, 0 to 1.
    pub gauge: Option<f64>,
    /// Breathing bar fill (0 to 1) and whether it is an inhale.
    pub breath: Option<(f64, bool)>,
    pub position: Vec<String>,
    /// The rep as `2/8`, shown big beside the time on a large screen.
    pub rep: Option<String>,
    pub exercise_of: String,
    pub cues: Vec<String>,
    pub art: Option<Vec<&'static str>>,
    pub stop_if_hurts: bool,
    pub next: Option<String>,
    pub routine_done: f64,
    pub routine_left: String,
}

impl View {
    pub fn new(player: &Player, now: Moment) -> View {
        let s = &player.session();
        let t = s.timeline();
        let r = &t.routine;
        let Some(seg) = s.current() else {
            return View::finished(t);
        };
        let paused = s.status() == Status::Paused;
        let ex = r.exercises.get(seg.exercise);
        let remaining = s.remaining(now);
        let (label, mut tone) = match seg.kind {
            Kind::LeadIn => ("GET READY", Tone::Ready),
            Kind::Hold if t.is_walk(seg) => ("WALK", Tone::Work),
            Kind::Hold => ("HOLD", Tone::Work),
            Kind::Phase => ("MOVE", Tone::Work),
            Kind::SelfPaced => ("YOUR PACE", Tone::Work),
            Kind::RepRest => ("RELAX", Tone::Rest),
            Kind::SetRest | Kind::Rest => ("REST", Tone::Rest),
            Kind::Switch => ("SWITCH SIDES", Tone::Switch),
        };
        let label = if paused { "PAUSED" } else { label };
        if paused {
            tone = Tone::Paused;
        }
        let title = match seg.kind {
            Kind::Rest => "Rest".to_owned(),
            _ => t.exercise_name(seg).to_owned(),
        };
        let cue = match (seg.kind, paused, player.paused_by()) {
            (_, true, Some(PauseReason::Slept)) => {
                "Paused: the computer was asleep. Space to go on.".to_owned()
            }
            (_, true, Some(PauseReason::TooSmall)) => {
                "Paused while the window was too small. Space to go on.".to_owned()
            }
            (_, true, Some(PauseReason::Help)) => {
                "Paused while the help was open. Space to go on.".to_owned()
            }
            (_, true, None) => "Paused. Space to go on.".to_owned(),
            (Kind::Hold, _, _) => match t.side_name(seg) {
                Some(side) => format!("{}: {side} side", seg.cue),
                None => seg.cue.clone(),
            },
            (Kind::SelfPaced, _, _) => "At your own pace".to_owned(),
            _ => seg.cue.clone(),
        };
        let (big, instruction, gauge) = match (seg.duration, remaining) {
            (Some(d), Some(left)) => {
                let shown = Duration::from_secs(ceil_secs(left));
                let elapsed_whole = d.saturating_sub(shown);
                let ratio = ratio(elapsed_whole, d);
                (duration::clock(shown), None, Some(ratio))
            }
            _ => {
                let rep = seg
                    .rep
                    .map_or_else(String::new, |c| format!("{}/{}", c.n, c.of));
                (
                    rep,
                    Some("Press Enter when you finish a rep".to_owned()),
                    None,
                )
            }
        };
        let breath = match (seg.kind, seg.phase, seg.duration) {
            (Kind::Phase, Some(phase), Some(d)) => {
                let elapsed = s.elapsed_in_segment(now);
                let steps = u64::from(BREATH_STEPS_PER_SEC);
                let total_steps = (d.as_secs() * steps).max(1);
                let done = (elapsed.as_millis() as u64 * steps / 1000).min(total_steps);
                let fill = done as f64 / total_steps as f64;
                let inhale = phase.n % 2 == 1;
                Some((if inhale { fill } else { 1.0 - fill }, inhale))
            }
            _ => None,
        };
        let mut position = Vec::new();
        if let Some(side) = t.side_name(seg) {
            let mut side = side.to_owned();
            if let Some(first) = side.get(..1) {
                side = format!("{}{}", first.to_uppercase(), &side[1..]);
            }
            position.push(format!("{side} side"));
        }
        let (set, rep) = seg.under_way();
        if let Some(set) = set {
            position.push(format!("Set {}/{}", set.n, set.of));
        }
        if let Some(rep) = rep {
            position.push(format!("Rep {}/{}", rep.n, rep.of));
        }
        let in_last_seconds = remaining.is_some_and(|left| left <= NEXT_UP_WITHIN);
        let show_next = !seg.kind.is_work() || in_last_seconds;
        let next = if show_next {
            Some(next_text(t, s.index()))
        } else {
            None
        };
        let art = ex
            .and_then(|e| e.art.as_deref())
            .and_then(poses::get)
            .map(|pose| {
                let phase = seg.phase.map_or(0, |p| p.n as usize - 1);
                pose.frame(phase)
            });
        let total = t.total();
        let left = s.remaining_total(now);
        let left_shown = Duration::from_secs(ceil_secs(left));
        View {
            routine: r.name.clone(),
            tone,
            label,
            title,
            cue,
            big,
            instruction,
            gauge,
            breath,
            position,
            rep: seg
                .rep
                .filter(|c| c.of > 1 && seg.duration.is_some())
                .map(|c| format!("{}/{}", c.n, c.of)),
            exercise_of: format!("Exercise {} of {}", seg.exercise + 1, r.exercises.len()),
            cues: t.cues(seg),
            art,
            stop_if_hurts: seg.kind.is_work(),
            next,
            routine_done: ratio(total.saturating_sub(left_shown), total),
            routine_left: match t.self_paced_from(s.index()) {
                0 => format!("{} left", duration::clock(left_shown)),
                reps => format!("{} + {reps} reps", duration::clock(left_shown)),
            },
        }
    }

    fn finished(t: &Timeline) -> View {
        View {
            routine: t.routine.name.clone(),
            tone: Tone::Done,
            label: "DONE",
            title: t.routine.name.clone(),
            cue: String::new(),
            big: String::new(),
            instruction: None,
            gauge: None,
            breath: None,
            position: Vec::new(),
            exercise_of: String::new(),
            cues: Vec::new(),
            rep: None,
            art: None,
            stop_if_hurts: false,
            next: None,
            routine_done: 1.0,
            routine_left: String::new(),
        }
    }
}

fn ratio(part: Duration, whole: Duration) -> f64 {
    if whole.is_zero() {
        return 1.0;
    }
    (part.as_secs_f64() / whole.as_secs_f64()).clamp(0.0, 1.0)
}

/// "Next: Child's Pose (45s)": what the segment after `index` asks for.
pub fn next_text(t: &Timeline, index: usize) -> String {
    let Some(next) = t.get(index + 1) else {
        return "Next: finish".into();
    };
    let current = t.get(index);
    let name = t.exercise_name(next);
    let dur = next
        .duration
        .map(|d| format!(" ({})", duration::human(d)))
        .unwrap_or_default();
    let side = t
        .side_name(next)
        .map(|s| format!(", {s} side"))
        .unwrap_or_default();
    let new_exercise = current.is_none_or(|c| {
        c.exercise != next.exercise
            || !c.kind.is_work()
                && c.kind != Kind::RepRest
                && c.kind != Kind::SetRest
                && c.kind != Kind::Switch
    });
    match next.kind {
        Kind::Rest => {
            let then = t.exercise_name(next);
            format!("Next: rest{dur}, then {then}")
        }
        Kind::Switch => format!("Next: switch sides{dur}"),
        Kind::SetRest => format!("Next: rest{dur} before the next set"),
        Kind::RepRest => format!("Next: relax{dur}"),
        Kind::SelfPaced if new_exercise => format!("Next: {name}{side}, at your own pace"),
        Kind::SelfPaced => "Next: another rep at your own pace".into(),
        Kind::Hold | Kind::Phase if new_exercise => format!("Next: {name}{side}{dur}"),
        Kind::Hold => format!("Next: {}{dur}", t.step_word(next)),
        Kind::Phase => format!("Next: {}{dur}", next.cue),
        Kind::LeadIn => format!("Next: {name}"),
    }
}
