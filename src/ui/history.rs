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
        let sessions = count(s.sessions as u64, "session");
        let active = duration::human(Duration::from_secs(s.active_seconds));
        // Shorter forms for a narrow window, so the streak is not the part cut off.
        let room = usize::from(area.width).saturating_sub(11);
        let text = [
            format!(
                "{sessions} · {active} active · streak {}",
                count(u64::from(s.streak_days), "day")
            ),
            format!("{sessions} · {active} · {}d streak", s.streak_days),
            format!("{} · {active} · {}d streak", s.sessions, s.streak_days),
        ]
        .into_iter()
        .find(|t| crate::core::text::width(t) <= room)
        .unwrap_or_else(|| format!("{} · {}d streak", s.sessions, s.streak_days));
        head.push(Span::styled(text, theme.bold()));
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
    // Newest first by when they ended (the log is in the order they were written,
    // and an ice session started earlier may end after a routine).
    let mut newest: Vec<_> = h.records().iter().enumerate().collect();
    let ended = |r: &crate::core::history::Record| r.end.parse::<jiff::Timestamp>().ok();
    newest.sort_by(|(i, a), (j, b)| ended(b).cmp(&ended(a)).then(j.cmp(i)));
    let lines: Vec<Line> = newest
        .into_iter()
        .map(|(_, r)| r)
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
    let block = Block::bordered().title(" Active minutes per day ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Minutes up the left, dates along the bottom, today at the right edge.
    let most = days
        .iter()
        .map(|d| d.active_seconds.div_ceil(60))
        .max()
        .unwrap_or(0);
    let top = format!("{most}m");
    let label_w = u16::try_from(top.len()).unwrap_or(4).max(2);
    let [plot, x_axis] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let [y_axis, bars_area] =
        Layout::horizontal([Constraint::Length(label_w + 1), Constraint::Fill(1)]).areas(plot);
    let [_, x_labels] =
        Layout::horizontal([Constraint::Length(label_w + 1), Constraint::Fill(1)]).areas(x_axis);
    let width = usize::from(bars_area.width);
    // As wide as the room allows: the bars fill it, the most recent days win.
    let fit = days.len().min(width.max(1));
    let shown = &days[days.len() - fit..];
    let cell = (width / fit.max(1)).max(1);
    let (bar_w, gap) = if cell >= 2 { (cell - 1, 1) } else { (1, 0) };
    let bars: Vec<Bar> = shown
        .iter()
        .map(|d| {
            Bar::default()
                .value(d.active_seconds.div_ceil(60))
                .text_value(String::new())
                .style(theme.gauge(Tone::Work))
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .max(most.max(1))
            .bar_width(u16::try_from(bar_w).unwrap_or(1))
            .bar_gap(u16::try_from(gap).unwrap_or(0)),
        bars_area,
    );
    if y_axis.height > 0 {
        let mut labels = vec![Line::raw(format!("{top:>w$}", w = usize::from(label_w)))];
        labels.extend((2..y_axis.height).map(|_| Line::raw("")));
        if y_axis.height > 1 {
            labels.push(Line::raw(format!("{:>w$}", "0", w = usize::from(label_w))));
        }
        frame.render_widget(Paragraph::new(labels).style(theme.hint()), y_axis);
    }
    let date = |d: &crate::core::history::stats::Day| d.date.get(5..).unwrap_or(&d.date).to_owned();
    let first = shown.first().map(date).unwrap_or_default();
    let middle = shown.get(shown.len() / 2).map(date).unwrap_or_default();
    let x = [
        (first, Alignment::Left),
        (middle, Alignment::Center),
        ("today".to_owned(), Alignment::Right),
    ];
    for (text, alignment) in x {
        if usize::from(x_labels.width) >= 20 || alignment != Alignment::Center {
            frame.render_widget(
                Paragraph::new(text)
                    .alignment(alignment)
                    .style(theme.hint()),
                x_labels,
            );
        }
    }
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
            .x_axis(
                Axis::default()
                    .bounds([0.0, last])
                    .labels([
                        pain.first()
                            .map_or("", |p| p.start.get(5..10).unwrap_or("")),
                        pain.last().map_or("", |p| p.start.get(5..10).unwrap_or("")),
                    ])
                    .style(Style::new()),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, 10.0])
                    .labels(["0", "5", "10"])
                    .style(theme.dim()),
            ),
        area,
    );
}
