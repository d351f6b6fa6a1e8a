//! The ice/heat screens: safety first, then the running timer, then the summary.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
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

fn plan_line(p: &PackScreen) -> String {
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
    format!(
        "{what}: {} on, {} off, {times} ({} in all)",
        duration::human(plan.on),
        duration::human(plan.off),
        duration::human(plan.total())
    )
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
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {label} "), theme.badge(Tone::Rest)),
            Span::raw("  "),
            Span::styled(plan_line(p), theme.bold()),
        ])),
        header,
    );
    let mut lines = vec![
        Line::raw(""),
        Line::styled("Before you start:", theme.bold()),
    ];
    for s in crate::core::guidance::PACK_SAFETY {
        lines.push(Line::raw(format!(" • {s}")));
    }
    if !p.notes().is_empty() {
        lines.push(Line::raw(""));
        for n in p.notes() {
            lines.push(Line::styled(format!(" ! {n}"), theme.warning()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        crate::core::guidance::SEE_A_DOCTOR,
        theme.warning(),
    ));
    for flag in crate::core::guidance::RED_FLAGS {
        lines.push(Line::raw(format!(" • {flag}")));
    }
    lines.push(Line::raw(""));
    let ends = app
        .clock_time(now.plus(p.session().plan().total()))
        .map(|t| format!(" (ends about {t})"))
        .unwrap_or_default();
    lines.push(Line::from(vec![
        Span::styled("Enter", theme.key()),
        Span::raw(format!(" put the first pack on and start the timer{ends}")),
    ]));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    super::footer(
        frame,
        footer,
        app,
        now,
        theme,
        &[("Enter", "start"), ("?", "help"), ("q", "back")],
    );
}

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
    let on: Duration = s
        .phases()
        .iter()
        .filter(|ph| matches!(ph.kind, PhaseKind::On(_)))
        .map(|ph| ph.duration)
        .sum();
    let mut lines = vec![
        Line::styled(" DONE ", theme.badge(Tone::Done)),
        Line::raw(""),
        Line::styled(
            format!(
                "{} session complete: take the pack off",
                capitalised(s.plan().mode.name())
            ),
            theme.strong(Tone::Done),
        ),
        Line::raw(""),
        Line::raw(format!(
            "{} of {} applications, {} on{}",
            s.applications_done(),
            s.applications(),
            duration::human(on),
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

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
