//! The player: what a person on the floor needs to see from a metre away.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::bar::Bar;
use super::big_digits::BigDigits;
use super::theme::{Theme, Tone};
use crate::app::{App, BREATH_STEPS_PER_SEC, PauseReason, Player};
use crate::core::duration::{self, ceil_secs};
use crate::core::moment::Moment;
use crate::core::poses;
use crate::core::session::{ExerciseState, Status};
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
                Some(side) => format!("Hold: {side} side"),
                None => "Hold".to_owned(),
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
        if let Some(set) = seg.set.filter(|c| c.of > 1) {
            position.push(format!("Set {}/{}", set.n, set.of));
        }
        if let Some(rep) = seg.rep.filter(|c| c.of > 1) {
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
        Kind::Hold => format!("Next: hold{dur}"),
        Kind::Phase => format!("Next: {}{dur}", next.cue),
        Kind::LeadIn => format!("Next: {name}"),
    }
}

/// Draws the running player.
pub fn draw(frame: &mut Frame, app: &App, player: &Player, now: Moment, theme: &Theme) {
    let view = View::new(player, now);
    let area = frame.area();
    // What matters from a metre away comes first: the cue, the time left, the
    // rep/side/set, the exercise, "Stop if it hurts."; the cues, the drawing and
    // the gaps take what is left, and go first when the window is small.
    let w = usize::from(area.width.max(1));
    let cue_rows = u16::try_from(wrapped_rows(&view.cue, w).min(3)).unwrap_or(3);
    let instruction_rows = u16::from(view.instruction.is_some());
    let breath_rows = u16::from(view.breath.is_some());
    let stop_rows = u16::from(view.stop_if_hurts);
    // header, title, cue, instruction, gauge, breath, stop, next, progress, footer
    let fixed = 1 + 1 + cue_rows + instruction_rows + 1 + breath_rows + stop_rows + 1 + 1 + 1;
    let spare = area.height.saturating_sub(fixed);
    let fits = |scale: u16| BigDigits::width(&view.big, scale) <= area.width;
    let scale = [3, 2, 1]
        .into_iter()
        .find(|&k| {
            // Big digits when they leave a few rows for the cues (more at larger scales).
            let body = if k == 1 { 1 } else { 6 * k };
            spare >= BigDigits::height(k) + body && fits(k)
        })
        .unwrap_or(0);
    let digits_rows = if scale > 0 {
        BigDigits::height(scale)
    } else {
        1
    };
    // A big rep count beside the time on a large screen.
    let rep_big = view.rep.as_ref().filter(|rep| {
        scale >= 2 && BigDigits::width(&format!("{}  {rep}", view.big), scale) + 8 <= area.width
    });
    // Room to spare spreads the blocks out instead of leaving it all at the bottom.
    let gap = match spare.saturating_sub(digits_rows) {
        n if n >= 30 => 4,
        n if n >= 16 => 2,
        n if n >= 8 => 1,
        _ => 0,
    };
    let [
        header,
        title,
        cue,
        _g1,
        digits,
        instruction,
        gauge,
        breath,
        stop,
        _g2,
        body,
        next,
        progress,
        footer,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(cue_rows),
        Constraint::Length(gap),
        Constraint::Length(digits_rows),
        Constraint::Length(instruction_rows),
        Constraint::Length(1),
        Constraint::Length(breath_rows),
        Constraint::Length(stop_rows),
        Constraint::Length(gap),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    // Header: badge, exercise count, where we are.
    let mut left = vec![
        Span::styled(format!(" {} ", view.label), theme.badge(view.tone)),
        Span::raw("  "),
        Span::styled(view.exercise_of.clone(), theme.dim()),
    ];
    if app.settings().muted {
        left.push(Span::styled("  muted", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), header);
    let position = view.position.join("  ·  ");
    frame.render_widget(
        Paragraph::new(Line::styled(position, theme.bold())).alignment(Alignment::Right),
        header,
    );

    frame.render_widget(
        Paragraph::new(Line::styled(view.title.clone(), theme.strong(view.tone)))
            .alignment(Alignment::Center),
        title,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(view.cue.clone(), theme.bold()))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        cue,
    );
    match (scale, rep_big) {
        (0, _) => frame.render_widget(
            Paragraph::new(Line::styled(view.big.clone(), theme.strong(view.tone)))
                .alignment(Alignment::Center),
            digits,
        ),
        (_, Some(rep)) => {
            // The time on the left half, the rep on the right, each centred and
            // named in the gap row above.
            let [time_area, rep_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(digits);
            let label_row = Rect {
                y: digits.y.saturating_sub(1),
                height: 1,
                ..digits
            };
            let [time_label, rep_label] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(label_row);
            for (text, at) in [("time left", time_label), ("rep", rep_label)] {
                frame.render_widget(
                    Paragraph::new(Line::styled(text, theme.hint())).alignment(Alignment::Center),
                    at,
                );
            }
            frame.render_widget(
                BigDigits::new(&view.big)
                    .scale(scale)
                    .style(theme.strong(view.tone)),
                time_area,
            );
            frame.render_widget(
                BigDigits::new(rep).scale(scale).style(theme.bold()),
                rep_area,
            );
        }
        _ => frame.render_widget(
            BigDigits::new(&view.big)
                .scale(scale)
                .style(theme.strong(view.tone)),
            digits,
        ),
    }
    if view.stop_if_hurts {
        frame.render_widget(
            Paragraph::new(Line::styled("Stop if it hurts.", theme.warning()))
                .alignment(Alignment::Center),
            stop,
        );
    }
    if let Some(text) = &view.instruction {
        frame.render_widget(
            Paragraph::new(Line::styled(text.clone(), theme.bold())).alignment(Alignment::Center),
            instruction,
        );
    }
    if let Some(r) = view.gauge {
        let inner = centered_width(gauge, 60);
        frame.render_widget(
            Bar::new(r)
                .filled(theme.gauge(view.tone))
                .track(theme.dim()),
            inner,
        );
    }
    if let Some((fill, inhale)) = view.breath {
        let word = if inhale { "breathe in " } else { "breathe out" };
        let inner = centered_width(breath, 60);
        let [label, bar] =
            Layout::horizontal([Constraint::Length(12), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(Paragraph::new(Span::styled(word, theme.dim())), label);
        frame.render_widget(
            Bar::new(fill)
                .filled(theme.gauge(Tone::Rest))
                .track(theme.dim()),
            bar,
        );
    }
    draw_body(frame, body, &view, theme);
    if let Some(text) = &view.next {
        let text = whole_words(text, usize::from(next.width));
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.bold())).alignment(Alignment::Center),
            next,
        );
    }
    let [p_label, p_bar, p_left] = Layout::horizontal([
        Constraint::Length(9),
        Constraint::Fill(1),
        Constraint::Length(crate::core::text::width(&view.routine_left) as u16 + 1),
    ])
    .areas(progress);
    frame.render_widget(
        Paragraph::new(Span::styled(" Routine ", theme.dim())),
        p_label,
    );
    frame.render_widget(
        Bar::new(view.routine_done)
            .filled(theme.bold())
            .track(theme.dim()),
        p_bar,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(view.routine_left.clone(), theme.dim()))
            .alignment(Alignment::Right),
        p_left,
    );
    super::footer(frame, footer, app, now, theme, &player_keys(player));
}

/// The keys that do something now: Space says what it will do, Enter shows only on a
/// rep done at your own pace.
fn player_keys(player: &Player) -> Vec<(&'static str, &'static str)> {
    let s = player.session();
    let space = if s.status() == Status::Paused {
        "resume"
    } else {
        "pause"
    };
    let mut keys = vec![("Space", space), ("→", "next"), ("←", "step again")];
    if s.current().is_some_and(|seg| seg.kind == Kind::SelfPaced) {
        keys.push(("Enter", "rep done"));
    }
    keys.extend([
        ("r", "exercise again"),
        ("m", "mute"),
        ("?", "help"),
        ("q", "quit"),
    ]);
    keys
}

/// How many rows `text` takes wrapped at word boundaries in `width` columns.
fn wrapped_rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let (mut rows, mut used) = (0, 0);
    for word in text.split_whitespace() {
        let w = crate::core::text::width(word).max(1);
        if rows > 0 && used + 1 + w <= width {
            used += 1 + w;
        } else {
            // A new row; a word wider than the window takes several.
            let taken = w.div_ceil(width);
            rows += taken;
            used = w - (taken - 1) * width;
        }
    }
    rows.max(1)
}

/// `text` cut to `width` columns at a word boundary, with "…" when cut: never a
/// word cut in the middle.
fn whole_words(text: &str, width: usize) -> String {
    if crate::core::text::width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let candidate = if out.is_empty() {
            word.to_owned()
        } else {
            format!("{out} {word}")
        };
        if crate::core::text::width(&candidate) + 1 > width {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        return crate::core::text::truncate(text, width);
    }
    out.push('…');
    out
}

/// Cues on the left, the pose drawing on the right when there is room.
fn draw_body(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let art_w = view
        .art
        .as_ref()
        .map(|a| a.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u16 + 2)
        .unwrap_or(0);
    let art_h = view.art.as_ref().map_or(0, |a| a.len() as u16);
    let show_art = art_w > 0 && area.height >= art_h.min(8) && area.width >= art_w + 30;
    let [text_area, art_area] = if show_art {
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(art_w)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let lines: Vec<Line> = view
        .cues
        .iter()
        .map(|c| Line::from(vec![Span::styled(" • ", theme.dim()), Span::raw(c.clone())]))
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
    if show_art && let Some(art) = &view.art {
        let lines: Vec<Line> = art.iter().map(|l| Line::raw(*l)).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.dim()), art_area);
    }
}

/// A horizontally centred strip at most `max` wide.
fn centered_width(area: Rect, max: u16) -> Rect {
    let w = area.width.min(max);
    Rect {
        x: area.x + (area.width - w) / 2,
        width: w,
        ..area
    }
}

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
    let next = crate::core::history::progress::after_session(&t.routine, finished, |i| {
        states.get(i) == Some(&ExerciseState::Completed)
    });
    for line in next {
        lines.push(Line::styled(line, theme.strong(Tone::Done)));
    }
    super::summary_card(frame, app, now, theme, lines, None);
}
