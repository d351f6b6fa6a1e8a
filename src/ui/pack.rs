//! The ice/heat screens: safety first, then the running timer, then the summary.

use std::time::Duration;

use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::bar::Bar;
use super::big_digits::BigDigits;
use super::theme::{Theme, Tone};
use crate::app::{App, PackScreen};
use crate::core::duration::{self, ceil_secs};
use crate::core::moment::Moment;
use crate::core::pack::{Pack, PhaseKind, Status, Treatment};
use crate::ui::Frame;

fn tone(kind: PhaseKind) -> Tone {
    match kind {
        PhaseKind::On(Pack::Ice) => Tone::Rest,
        PhaseKind::On(Pack::Heat) => Tone::Warning,
        PhaseKind::Off => Tone::Work,
    }
}

pub fn draw(frame: &mut Frame, app: &App, p: &PackScreen, now: Moment, theme: &Theme) {
    match p.session().status() {
        Status::Ready => draw_ready(frame, app, p, now, theme),
        Status::Finished => draw_finished(frame, app, p, now, theme),
        Status::Running | Status::Paused => draw_running(frame, app, p, now, theme),
    }
}

/// The plan in one line, in the longest form that fits `width` columns.
fn plan_line(p: &PackScreen, width: usize) -> String {
    let plan = p.session().plan();
    let what = match plan.mode {
        Treatment::Ice => "Ice",
        Treatment::Heat => "Heat",
        Treatment::Contrast => "Heat then ice, in turn",
    };
    let rhythm = plan.rhythm();
    let total = duration::human(plan.total());
    [
        format!("{what}: {rhythm} ({total} in all)"),
        format!("{rhythm} ({total})"),
        rhythm.clone(),
    ]
    .into_iter()
    .find(|line| crate::core::text::width(line) <= width)
    .unwrap_or_else(|| format!("{} on", duration::human(plan.on)))
}

fn draw_ready(frame: &mut Frame, app: &App, p: &PackScreen, now: Moment, theme: &Theme) {
    let area = frame.area();
    let [header, body, footer] = crate::ui::split::column(
        area,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ],
    );
    let label = p.session().plan().mode.name().to_uppercase();
    let room = usize::from(area.width).saturating_sub(label.chars().count() + 4);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {label} "), theme.badge(Tone::Rest)),
            Span::raw("  "),
            Span::styled(plan_line(p, room), theme.bold()),
        ])),
        header,
    );
    let width = usize::from(body.width);
    let ends = app
        .clock_time(now.plus(p.session().plan().total()))
        .map(|t| format!(" (ends about {t})"))
        .unwrap_or_default();
    // The safety notes, the notes on this session and the Enter line always show;
    // when the window is short the blank lines go first, then the red flags fold
    // into one line that says where they are.
    let ready = |spaced: bool, flags_whole: bool| -> Vec<Line<'static>> {
        let gap = |lines: &mut Vec<Line<'static>>| {
            if spaced {
                lines.push(Line::raw(""));
            }
        };
        let mut lines = Vec::new();
        gap(&mut lines);
        lines.push(Line::styled("Before you start:", theme.bold()));
        for s in crate::core::guidance::PACK_SAFETY {
            lines.extend(super::bullet(s, width, Style::default()));
        }
        if !p.notes().is_empty() {
            gap(&mut lines);
            for n in p.notes() {
                // The heat or ice advice is information, never a warning.
                lines.extend(if crate::core::pack::is_advice(n) {
                    super::bullet(n, width, Style::default())
                } else {
                    super::marked("!", n, width, theme.warning())
                });
            }
        }
        gap(&mut lines);
        if flags_whole {
            use crate::core::red_flags::Tier;
            lines.extend(super::red_flag_lines(theme, width, &[Tier::Emergency]));
            lines.pop();
            lines.push(Line::styled(RED_FLAGS_MORE, theme.dim()));
        } else {
            let folded = crate::core::red_flags::emergency_folded(RED_FLAGS_MORE);
            for l in crate::core::text::wrap(&folded, width) {
                lines.push(Line::styled(l, theme.warning()));
            }
        }
        gap(&mut lines);
        let enter = format!("Enter put the first pack on and start the timer{ends}");
        for (i, l) in crate::core::text::wrap(&enter, width)
            .into_iter()
            .enumerate()
        {
            match l.strip_prefix("Enter") {
                Some(rest) if i == 0 => lines.push(Line::from(vec![
                    Span::styled("Enter", theme.key()),
                    Span::raw(rest.to_owned()),
                ])),
                _ => lines.push(Line::raw(l)),
            }
        }
        lines
    };
    let rows = usize::from(body.height);
    let lines = [(true, true), (false, true), (false, false)]
        .into_iter()
        .map(|(spaced, whole)| ready(spaced, whole))
        .find(|lines| lines.len() <= rows)
        .unwrap_or_else(|| ready(false, false));
    // Still too long (a small window and several notes): it scrolls, and says so.
    let last = u16::try_from(lines.len().saturating_sub(rows)).unwrap_or(u16::MAX);
    let scroll = p.scroll().min(last);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    let mut keys = vec![("Enter", "start"), ("?", "help"), ("q", "back")];
    if scroll < last {
        keys.insert(0, ("↓", "more"));
    } else if last > 0 {
        keys.insert(0, ("↑", "back up"));
    }
    super::footer(frame, footer, app, now, theme, &keys);
}

/// The red flags in one line, for a window too short for the list.
const RED_FLAGS_MORE: &str = "? lists all the red flags.";

fn draw_running(frame: &mut Frame, app: &App, p: &PackScreen, now: Moment, theme: &Theme) {
    let s = &p.session();
    let Some(phase) = s.current().copied() else {
        return;
    };
    let area = frame.area();
    let paused = s.status() == Status::Paused;
    let tone = if paused {
        Tone::Paused
    } else {
        tone(phase.kind)
    };
    let left = Duration::from_secs(ceil_secs(s.remaining(now).unwrap_or_default()));
    let planned = s.planned().unwrap_or(phase.duration);
    let big = duration::clock(left);
    let body = running_lines(app, p, now, phase, paused, theme);
    // Every row but the digits' is counted first (the body as it wraps); the
    // digits take the biggest size that fits what is left, by the player's rule.
    let width = usize::from(area.width.max(1));
    let body_rows: usize = body
        .iter()
        .map(|l| crate::core::text::wrap(&line_text(l), width).len())
        .sum();
    let body_rows = u16::try_from(body_rows).unwrap_or(u16::MAX);
    // header, label, bar, footer
    let spare = area.height.saturating_sub(4 + body_rows);
    let scale = BigDigits::biggest_scale(&big, area.width, spare);
    let digits_rows = if scale > 0 {
        BigDigits::height(scale)
    } else {
        1
    };
    // Room to spare goes in thirds above the digits, below the bar and at the
    // bottom, so the timer sits in the middle rather than at the top.
    let gap = spare.saturating_sub(digits_rows) / 3;
    let [header, label_row, _g1, digits, bar, _g2, body_area, footer] = crate::ui::split::column(
        area,
        [
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(gap),
            Constraint::Length(digits_rows),
            Constraint::Length(1),
            Constraint::Length(gap),
            Constraint::Fill(1),
            Constraint::Length(1),
        ],
    );

    let cycle = format!("Cycle {}/{}", phase.cycle, s.plan().cycles);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" {} ", s.plan().mode.name().to_uppercase()),
                theme.badge(Tone::Plain),
            ),
            Span::raw("  "),
            Span::styled(cycle, theme.bold()),
            Span::styled(
                if app.settings().muted { "  muted" } else { "" },
                theme.dim(),
            ),
        ])),
        header,
    );
    let ends = if paused {
        "paused".to_owned()
    } else {
        s.ends_at(now).and_then(|m| app.clock_time(m)).map_or_else(
            || format!("{} left", duration::clock(s.remaining_total(now))),
            |t| format!("Ends at {t}"),
        )
    };
    frame.render_widget(
        Paragraph::new(Line::styled(format!("{ends} "), theme.bold())).alignment(Alignment::Right),
        header,
    );
    let label = if paused {
        "PAUSED".to_owned()
    } else {
        phase.kind.label().to_owned()
    };
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {label} "), theme.badge(tone)))
            .alignment(Alignment::Center),
        label_row,
    );
    frame.render_widget(
        BigDigits::new(&big)
            .scale(scale.max(1))
            .style(theme.strong(tone)),
        digits,
    );
    let done = if planned.is_zero() {
        1.0
    } else {
        planned.saturating_sub(left).as_secs_f64() / planned.as_secs_f64()
    };
    let w = bar.width.min(60);
    let bar = Rect {
        x: bar.x + (bar.width - w) / 2,
        width: w,
        ..bar
    };
    frame.render_widget(
        Bar::new(done).filled(theme.gauge(tone)).track(theme.dim()),
        bar,
    );

    frame.render_widget(
        Paragraph::new(body)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        body_area,
    );
    super::footer(
        frame,
        footer,
        app,
        now,
        theme,
        &[
            ("Space", if paused { "resume" } else { "pause" }),
            ("n", "next phase"),
            ("+ -", "a minute"),
            ("m", "mute"),
            ("?", "help"),
            ("q", "quit"),
        ],
    );
}

/// The words under the running timer: what to do now, switches missed, what
/// comes next, and the safety line.
fn running_lines(
    app: &App,
    p: &PackScreen,
    now: Moment,
    phase: crate::core::pack::Phase,
    paused: bool,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let s = p.session();
    let mut lines = Vec::new();
    let instruction = if s.paused_long(now) {
        format!(
            "{} q ends the session, Space carries on.",
            crate::core::words::PACK_PAUSED_LONG
        )
    } else if paused {
        format!("{} Space to go on.", crate::core::words::PACK_PAUSED)
    } else {
        p.phase_instruction(s.index(), app.wall())
    };
    lines.push(Line::styled(instruction, theme.bold()));
    for a in p.away() {
        lines.push(Line::styled(a.clone(), theme.warning()));
    }
    if let Some(next) = s.upcoming() {
        let after = s
            .phases()
            .get(s.index() + 2)
            .map(|p| format!(", then {}", p.kind.label()))
            .unwrap_or_default();
        lines.push(Line::raw(format!(
            "Next: {} ({}){after}",
            next.kind.label(),
            duration::human(next.duration)
        )));
    } else {
        lines.push(Line::raw("This is the last phase."));
    }
    lines.push(Line::raw(""));
    let safety = match phase.kind {
        PhaseKind::On(Pack::Heat) => {
            "Thin cloth between pad and skin; no higher than medium; never sleep on it."
        }
        PhaseKind::On(Pack::Ice) => {
            "Thin cloth between pack and skin; off early if numb, burning or very red."
        }
        PhaseKind::Off => "Let the skin warm back to normal before the next application.",
    };
    lines.push(Line::styled(safety, theme.dim()));
    lines
}

/// A line's text, for counting the rows it wraps to.
fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn draw_finished(frame: &mut Frame, app: &App, p: &PackScreen, now: Moment, theme: &Theme) {
    let s = &p.session();
    let end = s.switches().last().map(|sw| sw.at);
    let mut lines = vec![
        Line::styled(" DONE ", theme.badge(Tone::Done)),
        Line::raw(""),
        Line::styled(
            crate::core::words::pack_end_head(s),
            theme.strong(Tone::Done),
        ),
        Line::raw(""),
        Line::raw(format!(
            "{}{}",
            crate::core::words::pack_applied(s, end.unwrap_or(now)),
            end.and_then(|m| app.clock_time(m))
                .map(|t| format!(", ended at {t}"))
                .unwrap_or_default()
        )),
    ];
    for a in p.away() {
        lines.push(Line::styled(a.clone(), theme.warning()));
    }
    super::summary_card(frame, app, now, theme, lines, None);
}
