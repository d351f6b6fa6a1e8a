//! The finished card: how the routine went, the pain scores, what grows next time.

use std::time::Duration;

use ratatui::text::{Line, Span};

use super::super::theme::{Theme, Tone};
use crate::app::{App, Player};
use crate::core::duration;
use crate::core::moment::Moment;
use crate::core::session::{ExerciseState, Status};
use crate::ui::Frame;

/// Draws the finished screen: how it went and what to do next.
pub fn draw_finished(frame: &mut Frame, app: &App, player: &Player, now: Moment, theme: &Theme) {
    let s = &player.session();
    let t = s.timeline();
    let n = t.routine.exercises.len();
    let states: Vec<ExerciseState> = (0..n).map(|i| s.exercise_state(i)).collect();
    let completed = states
        .iter()
        .filter(|x| **x == ExerciseState::Completed)
        .count();
    let skipped = states
        .iter()
        .filter(|x| **x == ExerciseState::Skipped)
        .count();
    let partial = states
        .iter()
        .filter(|x| **x == ExerciseState::Partial)
        .count();
    let active = Duration::from_secs(s.active_time(now).as_secs());
    let mut lines = vec![
        Line::styled(" DONE ", theme.badge(Tone::Done)),
        Line::raw(""),
        Line::styled(
            format!("{} finished", t.routine.name),
            theme.strong(Tone::Done),
        ),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Time: "),
            Span::styled(duration::clock(active), theme.bold()),
            Span::raw(format!("   Exercises completed: {completed} of {n}")),
        ]),
    ];
    let mut extra = Vec::new();
    if skipped > 0 {
        extra.push(format!("skipped: {skipped}"));
    }
    if partial > 0 {
        extra.push(format!("partly done: {partial}"));
    }
    lines.push(Line::raw(extra.join("   ")));
    let pain = |v: Option<u8>| v.map_or("-".to_owned(), |n| n.to_string());
    if player.pain_before().is_some() || player.pain_after().is_some() {
        lines.push(Line::from(vec![
            Span::raw("Pain: "),
            Span::styled(
                format!(
                    "{} before → {} after",
                    pain(player.pain_before()),
                    pain(player.pain_after())
                ),
                theme.bold(),
            ),
        ]));
    }
    let finished = s.status() == Status::Finished;
    let pain =
        crate::core::history::progress::PainSays::of(player.pain_before(), player.pain_after());
    let next = crate::core::history::progress::after_session(&t.routine, finished, pain, |i| {
        states.get(i) == Some(&ExerciseState::Completed)
    });
    for line in next {
        lines.push(Line::styled(line, theme.strong(Tone::Done)));
    }
    super::super::summary_card(frame, app, now, theme, lines, None);
}
