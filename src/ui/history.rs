//! The history screen: how often, how long, and how pain moved.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Wrap,
};

use super::theme::{Theme, Tone};
use crate::app::{App, HistoryScreen};
use crate::core::duration;
use crate::core::history::Outcome;
use crate::core::moment::Moment;
use crate::core::text::count;

pub fn draw(frame: &mut Frame, app: &App, h: &HistoryScreen, now: Moment, theme: &Theme) {
    let area = frame.area();
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let s = h.stats();
    let mut head = vec![
        Span::styled(" HISTORY ", theme.badge(Tone::Work)),
        Span::raw("  "),
    ];
    if s.sessions > 0 {
        head.push(Span::styled(
            format!(
                "{} · {} active · streak {}",
                count(s.sessions as u64, "session"),
                duration::human(Duration::from_secs(s.active_seconds)),
                count(u64::from(s.streak_days), "day")
            ),
            theme.bold(),
        ));
    }
    if let Some(range) = h.range() {
        head.push(Span::styled(format!("  ({range})"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(head)), header);
    super::footer(frame, footer, app, now, theme, &[("q", "quit")]);
    if s.sessions == 0 {
        let text = vec![
            Line::raw(""),
            Line::styled("No sessions yet.", theme.bold()),
            Line::raw(""),
            Line::raw(
                "Every routine and every ice or heat session you run is saved here: how long,",
            ),
            Line::raw("how far you got, and your pain before and after when you give it."),
            Line::raw(""),
            Line::raw("Start one with:  supple play back-spasm-relief   or   supple ice"),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            body,
        );
        return;
    }
    let table_rows = (h.records().len() as u16).clamp(1, 8) + 2;
    let [table, charts, names] = Layout::vertical([
        Constraint::Length(table_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(body);
    draw_table(frame, table, h, theme);
    let (days_area, pain_area) = if charts.width >= 100 {
        let [a, b] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(charts);
        (a, b)
    } else {
        let [a, b] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(charts);
        (a, b)
    };
    draw_days(frame, days_area, h, theme);
    draw_pain(frame, pain_area, h, theme);
    let per: Vec<String> = s.per_name.iter().map(|(n, c)| format!("{n} {c}")).collect();
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(" Per routine: {}", per.join(" · ")),
            theme.dim(),
        )),
        names,
    );
}

fn draw_table(frame: &mut Frame, area: Rect, h: &HistoryScreen, theme: &Theme) {
    let visible = area.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = h
        .records()
        .iter()
        .rev()
        .take(visible)
        .map(|r| {
            let when = r.start.get(5..16).unwrap_or(&r.start).replace('T', " ");
            let outcome = match r.outcome {
                Outcome::Finished => Span::styled("finished", theme.strong(Tone::Done)),
                Outcome::Stopped => Span::styled("stopped ", theme.dim()),
            };
            let pain = match (r.pain_before, r.pain_after) {
                (Some(b), Some(a)) => format!("  pain {b} → {a}"),
                (Some(b), None) => format!("  pain {b} before"),
                (None, Some(a)) => format!("  pain {a} after"),
                (None, None) => String::new(),
            };
            Line::from(vec![
                Span::raw(format!(" {when}  ")),
                Span::raw(format!(
                    "{} ",
                    crate::core::text::pad(&crate::core::text::truncate(&r.name, 22), 22)
                )),
                Span::raw(format!(
                    "{:>8}  ",
                    duration::human(Duration::from_secs(r.active_seconds))
                )),
                outcome,
                Span::raw(pain),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Last sessions ")),
        area,
    );
}

fn draw_days(frame: &mut Frame, area: Rect, h: &HistoryScreen, theme: &Theme) {
    let days = &h.stats().days;
    let inner_w = area.width.saturating_sub(2) as usize;
    // Two cells a day when there is room, one otherwise; the most recent days win.
    let (bar_w, gap) = if inner_w >= days.len() * 2 {
        (1, 1)
    } else {
        (1, 0)
    };
    let fit = inner_w / (bar_w + gap) as usize;
    let shown = &days[days.len().saturating_sub(fit.max(1))..];
    let bars: Vec<Bar> = shown
        .iter()
        .map(|d| {
            Bar::default()
                .value(d.active_seconds.div_ceil(60))
                .text_value(String::new())
                .style(theme.gauge(Tone::Work))
        })
        .collect();
    let title = format!(
        " Active minutes per day, {} to {} ",
        shown
            .first()
            .map_or("", |d| d.date.get(5..).unwrap_or(&d.date)),
        shown
            .last()
            .map_or("", |d| d.date.get(5..).unwrap_or(&d.date))
    );
    frame.render_widget(
        BarChart::default()
            .block(Block::bordered().title(title))
            .data(BarGroup::default().bars(&bars))
            .bar_width(bar_w as u16)
            .bar_gap(gap as u16),
        area,
    );
}

fn draw_pain(frame: &mut Frame, area: Rect, h: &HistoryScreen, theme: &Theme) {
    let pain = &h.stats().pain;
    let block = Block::bordered().title(" Pain 0-10: before · after ");
    if pain.is_empty() {
        frame.render_widget(
            Paragraph::new("No pain scores yet: supple asks before and after a routine.")
                .wrap(Wrap { trim: true })
                .style(theme.dim())
                .block(block),
            area,
        );
        return;
    }
    let before: Vec<(f64, f64)> = pain
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.before.map(|v| (i as f64, f64::from(v))))
        .collect();
    let after: Vec<(f64, f64)> = pain
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.after.map(|v| (i as f64, f64::from(v))))
        .collect();
    let datasets = vec![
        Dataset::default()
            .name("before")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.gauge(Tone::Warning))
            .data(&before),
        Dataset::default()
            .name("after")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.gauge(Tone::Rest))
            .data(&after),
    ];
    let last = (pain.len().max(2) - 1) as f64;
    frame.render_widget(
        Chart::new(datasets)
            .block(block)
            .x_axis(Axis::default().bounds([0.0, last]).style(Style::new()))
            .y_axis(
                Axis::default()
                    .bounds([0.0, 10.0])
                    .labels(["0", "5", "10"])
                    .style(theme.dim()),
            ),
        area,
    );
}
