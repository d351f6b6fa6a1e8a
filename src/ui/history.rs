//! The history screen: how often, how long, and how pain moved.

use std::time::Duration;

use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

mod rows;
mod table;

use super::day_columns::DayColumns;
use super::pain_chart::Series;
use super::theme::{Theme, Tone};
use crate::app::{App, CHARTS_HEIGHT, CHARTS_WIDTH, HistoryScreen};
use crate::core::duration;
use crate::core::moment::Moment;
use crate::core::text::{count, grouped};
use crate::ui::Frame;

pub fn draw(frame: &mut Frame, app: &App, h: &HistoryScreen, now: Moment, theme: &Theme) {
    let area = frame.area();
    let (header, rest) = crate::ui::split::top(area, 1);
    let (body, footer) = crate::ui::split::bottom(rest, 1);
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
            format!(
                "{} · {active} · {}d streak",
                grouped(s.sessions as u64),
                s.streak_days
            ),
        ]
        .into_iter()
        .find(|t| crate::core::text::width(t) <= room)
        .unwrap_or_else(|| format!("{} · {}d streak", grouped(s.sessions as u64), s.streak_days));
        head.push(Span::styled(text, theme.bold()));
    }
    if let Some(range) = h.range() {
        head.push(Span::styled(format!("  ({range})"), theme.dim()));
    }
    rows::draw(
        frame.buffer_mut(),
        header,
        &[Line::from(head)],
        Style::new(),
    );
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
    let (lists, names) = crate::ui::split::bottom(body, 1);
    let (table, charts) = split(lists, h.total());
    table::draw(frame, table, h, theme);
    match charts {
        Charts::Drawn(charts) => {
            // 55 % of the width, rounded.
            let (days_area, pain_area) = crate::ui::split::left_percent(charts, 55);
            draw_days(frame, days_area, h, theme);
            draw_pain(frame, pain_area, h, theme);
        }
        Charts::TooSmall(row) => rows::draw(
            frame.buffer_mut(),
            row,
            &[Line::styled(
                crate::core::text::truncate(
                    &format!(
                        " Charts from {CHARTS_WIDTH}x{CHARTS_HEIGHT} (now {}x{})",
                        area.width, area.height
                    ),
                    usize::from(row.width),
                ),
                theme.dim(),
            )],
            Style::new(),
        ),
    }
    let per: Vec<String> = s
        .per_name
        .iter()
        .map(|(n, c)| format!("{n} {}", grouped(*c)))
        .collect();
    let per = format!(" Per routine: {}", per.join(" · "));
    rows::draw(
        frame.buffer_mut(),
        names,
        &[Line::styled(
            crate::core::text::truncate(&per, usize::from(names.width)),
            theme.dim(),
        )],
        Style::new(),
    );
}

enum Charts {
    Drawn(Rect),
    /// One row saying from which size the charts are drawn.
    TooSmall(Rect),
}

/// The table of last sessions first, then the charts below in what is left
/// ([`crate::app::table_rows`] says how many rows each gets); a window too
/// small for both keeps the table and says why the charts are not there.
fn split(area: Rect, records: usize) -> (Rect, Charts) {
    // The header, the per-routine line and the footer are the three rows
    // outside `area`.
    let window_rows = area.height.saturating_add(3);
    let (rows, drawn) = crate::app::table_rows(area.width, window_rows, records);
    let (table, rest) = crate::ui::split::top(area, rows);
    if drawn {
        (table, Charts::Drawn(rest))
    } else {
        (table, Charts::TooSmall(crate::ui::split::bottom(area, 1).1))
    }
}

/// A box with `title` on its top border, as `Block::bordered().title(title)`
/// draws it (a test compares them), without restyling every cell inside it
/// with the default style as the widget does (a tenth of the first frame);
/// the area inside it.
fn boxed(frame: &mut Frame, area: Rect, title: Line) -> Rect {
    let block = Block::bordered();
    let inner = block.inner(area);
    let area = area.intersection(frame.area());
    if area.width < 2 || area.height < 2 {
        frame.render_widget(block.title(title), area);
        return inner;
    }
    let buf = frame.buffer_mut();
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let set = ratatui::symbols::border::PLAIN;
    for y in top + 1..bottom {
        buf[(left, y)].set_symbol(set.vertical_left);
        buf[(right, y)].set_symbol(set.vertical_right);
    }
    for x in left + 1..right {
        buf[(x, top)].set_symbol(set.horizontal_top);
        buf[(x, bottom)].set_symbol(set.horizontal_bottom);
    }
    buf[(left, top)].set_symbol(set.top_left);
    buf[(right, top)].set_symbol(set.top_right);
    buf[(left, bottom)].set_symbol(set.bottom_left);
    buf[(right, bottom)].set_symbol(set.bottom_right);
    let room = area.width - 2;
    if room > 0 {
        let width = u16::try_from(title.width()).unwrap_or(u16::MAX).min(room);
        // Written as the paragraph writes a line (`rows::draw`), not through
        // `Line::render`'s grapheme segmentation of the whole title.
        let at = Rect::new(left + 1, top, width, 1);
        rows::draw(buf, at, std::slice::from_ref(&title), Style::new());
    }
    inner
}

/// Today's year (the last of the chart's days is today).
fn this_year(h: &HistoryScreen) -> &str {
    h.stats()
        .days
        .last()
        .and_then(|d| d.date.get(..4))
        .unwrap_or("")
}

/// "11-23" for a day of this year, "2025-11-23" for another year's.
fn day_label(start: &str, this_year: &str) -> String {
    let year_on = start.get(..4).is_some_and(|y| y != this_year);
    let day = if year_on {
        start.get(..10)
    } else {
        start.get(5..10)
    };
    day.unwrap_or("").to_owned()
}

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

fn draw_days(frame: &mut Frame, area: Rect, h: &HistoryScreen, theme: &Theme) {
    let days = &h.stats().days;
    let inner = boxed(frame, area, Line::from(" Active minutes per day "));
    // Minutes up the left, dates along the bottom, today at the right edge.
    let most = days
        .iter()
        .map(|d| d.active_seconds.div_ceil(60))
        .max()
        .unwrap_or(0);
    let top = format!("{most}m");
    let label_w = u16::try_from(top.len()).unwrap_or(4).max(2);
    let (plot, x_axis) = crate::ui::split::bottom(inner, 1);
    let (y_axis, bars_area) = crate::ui::split::left(plot, label_w + 1);
    if bars_area.width == 0 || bars_area.height == 0 {
        return;
    }
    let columns = DayColumns::new(days.len(), bars_area.width);
    let shown = &days[days.len().saturating_sub(columns.count)..];
    let buf = frame.buffer_mut();
    let eighths_high = u64::from(bars_area.height) * 8;
    for (i, d) in shown.iter().enumerate() {
        let minutes = d.active_seconds.div_ceil(60);
        if minutes == 0 {
            continue;
        }
        let eighths = (minutes * eighths_high).div_ceil(most.max(1)).max(1);
        let x0 = bars_area.x + columns.bar_x(i);
        for row in 0..bars_area.height {
            let below = u64::from(row) * 8;
            let fill = eighths.saturating_sub(below).min(8);
            let Ok(fill) = usize::try_from(fill) else {
                continue;
            };
            if fill == 0 {
                break;
            }
            let y = bars_area.bottom() - 1 - row;
            for x in x0..(x0 + columns.bar).min(bars_area.right()) {
                buf[(x, y)]
                    .set_symbol(EIGHTHS[fill])
                    .set_style(theme.gauge(Tone::Work));
            }
        }
    }
    if y_axis.height > 0 {
        let mut labels = vec![Line::raw(format!("{top:>w$}", w = usize::from(label_w)))];
        labels.extend((2..y_axis.height).map(|_| Line::raw("")));
        if y_axis.height > 1 {
            labels.push(Line::raw(format!("{:>w$}", "0", w = usize::from(label_w))));
        }
        rows::draw(frame.buffer_mut(), y_axis, &labels, theme.hint());
    }
    // The oldest day shown, the middle one and today, each under its own bar;
    // a label that would touch the one before is left out.
    let date = |i: usize| -> String {
        if i + 1 == shown.len() {
            return "today".to_owned();
        }
        shown
            .get(i)
            .map(|d| d.date.get(5..).unwrap_or(&d.date).to_owned())
            .unwrap_or_default()
    };
    let left = label_w + 1;
    let today_x = columns.label_x(shown.len().saturating_sub(1), 5, left, bars_area.width);
    let mut free_from = i32::MIN;
    for i in [0, shown.len() / 2, shown.len().saturating_sub(1)] {
        let text = date(i);
        let len = u16::try_from(text.len()).unwrap_or(u16::MAX);
        let x = columns.label_x(i, len, left, bars_area.width);
        let end = x + i32::from(len);
        // Today always shows; an earlier label gives way.
        if x < free_from || (i + 1 < shown.len() && end >= today_x) {
            continue;
        }
        free_from = end + 1;
        let Ok(x) = u16::try_from(i32::from(bars_area.x) + x) else {
            continue;
        };
        frame
            .buffer_mut()
            .set_stringn(x, x_axis.y, &text, usize::from(len), theme.hint());
    }
}

fn draw_pain(frame: &mut Frame, area: Rect, h: &HistoryScreen, theme: &Theme) {
    let pain = &h.stats().pain;
    // The title is the legend: each word in its line's colour (a legend box in
    // the plot would hide the lines under it).
    let head = if area.width >= 30 {
        " Pain 0-10: "
    } else {
        " Pain: "
    };
    let title = Line::from(vec![
        Span::raw(head),
        Span::styled("before", theme.gauge(Tone::Warning)),
        Span::raw(" · "),
        Span::styled("after", theme.gauge(Tone::Rest)),
        Span::raw(" "),
    ]);
    if pain.is_empty() {
        let block = Block::bordered().title(title);
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
    let last = (pain.len().max(2) - 1) as f64;
    let inner = boxed(frame, area, title);
    let label = |p: Option<&crate::core::history::stats::PainPoint>| {
        Line::from(p.map_or(String::new(), |p| day_label(&p.start, this_year(h))))
    };
    super::pain_chart::draw(
        frame.buffer_mut(),
        inner,
        [label(pain.first()), label(pain.last())],
        last,
        theme.dim(),
        [
            Series {
                points: &before,
                style: theme.gauge(Tone::Warning),
            },
            Series {
                points: &after,
                style: theme.gauge(Tone::Rest),
            },
        ],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    /// How the screen was split with ratatui's `Layout` before it was plain
    /// arithmetic: the areas must stay the same.
    fn solved(area: Rect, records: usize) -> [Rect; 6] {
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let [lists, names] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(body);
        if lists.width < CHARTS_WIDTH || area.height < CHARTS_HEIGHT {
            let [table, why] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(lists);
            return [header, footer, names, table, why, Rect::default()];
        }
        let most = usize::from((lists.height / 3).max(6));
        let wanted = u16::try_from(records.clamp(1, most)).unwrap_or(6) + 2;
        let charts = lists.height.saturating_sub(wanted).max(7);
        let [table, charts] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(charts)]).areas(lists);
        let [days, pain] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(charts);
        [header, footer, names, table, days, pain]
    }

    fn computed(area: Rect, records: usize) -> [Rect; 6] {
        let (header, rest) = crate::ui::split::top(area, 1);
        let (body, footer) = crate::ui::split::bottom(rest, 1);
        let (lists, names) = crate::ui::split::bottom(body, 1);
        match split(lists, records) {
            (table, Charts::TooSmall(why)) => [header, footer, names, table, why, Rect::default()],
            (table, Charts::Drawn(charts)) => {
                let (days, pain) = crate::ui::split::left_percent(charts, 55);
                [header, footer, names, table, days, pain]
            }
        }
    }

    #[test]
    fn the_areas_are_those_the_constraint_solver_gives() {
        for records in [1, 2, 5, 6, 7, 12, 13, 40, 1_000_000] {
            for height in 12..=160 {
                for width in [40, 59, 60, 61, 100, 120, 200] {
                    let area = Rect::new(3, 2, width, height);
                    assert_eq!(
                        computed(area, records),
                        solved(area, records),
                        "{width}x{height}, {records} records"
                    );
                }
            }
        }
        for width in 40..=600 {
            let area = Rect::new(1, 1, width, 40);
            assert_eq!(computed(area, 9), solved(area, 9), "{width}x40");
        }
    }

    /// Every cell of a box and its title, symbol and style, as `Block` draws them.
    #[test]
    fn boxes_are_the_blocks() {
        use ratatui::style::{Color, Style};
        let titles = [
            Line::from(" Last sessions 1-12 of 1,000,000 · ↑↓ "),
            Line::from(vec![
                Span::raw(" Pain 0-10: "),
                Span::styled("before", Style::new().fg(Color::Yellow)),
                Span::raw(" · "),
                Span::styled("after", Style::new().fg(Color::Cyan)),
                Span::raw(" "),
            ]),
            Line::from(""),
            Line::from("字字字字字字字字字字字字"),
        ];
        for title in titles {
            for (x, y) in [(0, 0), (3, 2), (38, 9)] {
                for width in 0..45 {
                    for height in 0..6 {
                        let area = Rect::new(x, y, width, height);
                        // Compared as a terminal shows them: a cell behind a
                        // wide character may differ in the buffers.
                        let mut ours =
                            ratatui::Terminal::new(ratatui::backend::TestBackend::new(40, 12))
                                .unwrap();
                        let mut theirs =
                            ratatui::Terminal::new(ratatui::backend::TestBackend::new(40, 12))
                                .unwrap();
                        let mut inner = (Rect::default(), Rect::default());
                        ours.draw(|f| {
                            inner.0 = boxed(&mut Frame::new(f.buffer_mut()), area, title.clone())
                        })
                        .unwrap();
                        theirs
                            .draw(|f| {
                                let block = Block::bordered().title(title.clone());
                                inner.1 = block.inner(area);
                                f.render_widget(block, area);
                            })
                            .unwrap();
                        assert_eq!(inner.0, inner.1);
                        assert_eq!(
                            ours.backend().buffer(),
                            theirs.backend().buffer(),
                            "{area:?} {title:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn columns_and_rows_split_off_as_the_solver_splits_them() {
        for size in 0..=30 {
            for n in 0..=32 {
                let area = Rect::new(2, 5, size, size);
                let [left, right] =
                    Layout::horizontal([Constraint::Length(n), Constraint::Fill(1)]).areas(area);
                assert_eq!(
                    crate::ui::split::left(area, n),
                    (left, right),
                    "{n} of {size}"
                );
                let [top, bottom] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Length(n)]).areas(area);
                assert_eq!(
                    crate::ui::split::bottom(area, n),
                    (top, bottom),
                    "{n} of {size}"
                );
            }
        }
    }
}
