//! The ice/heat screens: safety first, then the running timer, then the summary.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
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
    let times = if plan.cycles == 1 {
        "once".to_owned()
    } else {
        format!("{} times", plan.cycles)
    };
    let (on, off) = (duration::human(plan.on), duration::human(plan.off));
    let total = duration::human(plan.total());
    [
        format!("{what}: {on} on, {off} off, {times} ({total} in all)"),
        format!("{on} on, {off} off, {times} ({total})"),
        format!("{on} on, {off} off, {times}"),
    ]
    .into_iter()
    .find(|line| crate::core::text::width(line) <= width)
    .unwrap_or_else(|| format!("{on} on, {off} off"))
}

fn draw_ready(frame: &mut Frame, app: &App, p: &PackScreen, now: Moment, theme: &Theme) {
    let area = frame.area();
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
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
            lines.push(Line::styled(
                crate::core::guidance::SEE_A_DOCTOR,
                theme.warning(),
            ));
            for flag in crate::core::guidance::RED_FLAGS {
                lines.extend(super::bullet(flag, width, Style::default()));
            }
        } else {
            for l in crate::core::text::wrap(RED_FLAGS_FOLDED, width) {
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
const RED_FLAGS_FOLDED: &str = "See a doctor for red flags (? lists them): pain over a week, numbness, loss of bladder control.";

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
    let big = area.height >= 18;
    let scale = if area.height >= 34 && area.width >= 70 {
        2
    } else {
        1
    };
    let digits_rows = if big { BigDigits::height(scale) } else { 1 };
    let gap = u16::from(area.height >= 20);
    let [header, label_row, _g1, digits, bar, _g2, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(gap),
        Constraint::Length(digits_rows),
        Constraint::Length(1),
        Constraint::Length(gap),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

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
        BigDigits::new(&duration::clock(left))
            .scale(scale)
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
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        body,
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
    let closing = p
        .leave_at()
        .map(|at| format!("Closing in {} s (q now)", ceil_secs(at.since(now))));
    super::summary_card(frame, app, now, theme, lines, closing);
}
