//! The history screen: how often, how long, and how pain moved.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Wrap};

use super::day_columns::DayColumns;
use super::theme::{Theme, Tone};
use crate::app::{App, HistoryScreen};
use crate::core::duration;
use crate::core::history::Outcome;
use crate::core::moment::Moment;
use crate::core::text::{count, grouped};

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
    let [lists, names] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(body);
    let (table, charts) = split(lists, h.total());
    draw_table(frame, table, h, theme);
    match charts {
        Charts::Drawn(charts) => {
            let [days_area, pain_area] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(charts);
            draw_days(frame, days_area, h, theme);
            draw_pain(frame, pain_area, h, theme);
        }
        Charts::TooSmall(row) => frame.render_widget(
            Paragraph::new(Line::styled(
                crate::core::text::truncate(
                    &format!(
                        " Charts from {CHARTS_WIDTH}x{CHARTS_HEIGHT} (now {}x{})",
                        area.width, area.height
                    ),
                    usize::from(row.width),
                ),
                theme.dim(),
            )),
            row,
        ),
    }
    let per: Vec<String> = s
        .per_name
        .iter()
        .map(|(n, c)| format!("{n} {}", grouped(*c)))
        .collect();
    let per = format!(" Per routine: {}", per.join(" · "));
    frame.render_widget(
        Paragraph::new(Line::styled(
            crate::core::text::truncate(&per, usize::from(names.width)),
            theme.dim(),
        )),
        names,
    );
}

/// The smallest window the two charts are drawn in: 60 columns by 18 rows.
pub const CHARTS_WIDTH: u16 = 60;
/// See [`CHARTS_WIDTH`].
pub const CHARTS_HEIGHT: u16 = 18;

/// Rows a chart box needs to say anything (its borders, five rows of plot and axis).
const CHART_ROWS: u16 = 7;

enum Charts {
    Drawn(Rect),
    /// One row saying from which size the charts are drawn.
    TooSmall(Rect),
}

/// The table of last sessions first, as many rows as it has (up to a third of the
/// room, at least 6), then the charts below in what is left, at least
/// [`CHART_ROWS`]; a window too small for both keeps the table and says why the
/// charts are not there.
fn split(area: Rect, records: usize) -> (Rect, Charts) {
    // The header, the per-routine line and the footer are the three rows
    // outside `area`.
    let window_rows = area.height.saturating_add(3);
    if area.width < CHARTS_WIDTH || window_rows < CHARTS_HEIGHT {
        let [table, why] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        return (table, Charts::TooSmall(why));
    }
    let most = usize::from((area.height / 3).max(6));
    let wanted = u16::try_from(records.clamp(1, most)).unwrap_or(6) + 2;
    let charts = area.height.saturating_sub(wanted).max(CHART_ROWS);
    let [table, charts] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(charts)]).areas(area);
    (table, Charts::Drawn(charts))
}

/// The cells (spans) that fit whole in `width` columns; when one is left out the
/// line ends with "…", so a cut line says so.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        if used < width {
            out.push(Span::raw("…"));
        } else if let Some(last) = out.pop() {
            let keep = last.width().saturating_sub(1);
            let cut = crate::core::text::truncate(last.content.trim_end(), keep);
            let cut = if cut.ends_with('…') {
                cut
            } else {
                format!("{cut}…")
            };
            out.push(Span::styled(cut, last.style));
        }
        break;
    }
    out
}

fn draw_table(frame: &mut Frame, area: Rect, h: &HistoryScreen, theme: &Theme) {
    let visible = usize::from(area.height.saturating_sub(2));
    h.set_room(visible);
    let total = h.total();
    let last = total.saturating_sub(visible);
    let scroll = h.scroll().min(last);
    let inner = usize::from(area.width.saturating_sub(2));
    let shown: Vec<&crate::core::history::Record> =
        h.rows(scroll, visible).iter().map(|p| &p.record).collect();
    let this_year = this_year(h);
    // Columns as wide as what is in them (the name up to 22).
    let active =
        |r: &crate::core::history::Record| duration::human(Duration::from_secs(r.active_seconds));
    let active_w = shown.iter().map(|r| active(r).len()).max().unwrap_or(0);
    // In a narrow window the name gives way to the time it took (" 11-23 13:00  "
    // is 14 columns, two spaces after the name and after the time, and "…").
    let pain_w = shown
        .iter()
        .map(|r| crate::core::text::width(&pain_text(r)))
        .max()
        .unwrap_or(0);
    let whole_room = inner.saturating_sub(14 + 2 + active_w + 2 + 8 + pain_w);
    let name_room = if whole_room >= 12 {
        whole_room
    } else {
        inner.saturating_sub(14 + 2 + active_w + 2 + 1).max(8)
    };
    let name_w = shown
        .iter()
        .map(|r| crate::core::text::width(&r.name))
        .max()
        .unwrap_or(0)
        .min(22)
        .min(name_room);
    let lines: Vec<Line> = shown
        .iter()
        .map(|r| {
            // The time it started, the same time the list is sorted by; the
            // date with its year instead in another year than today's.
            let when = if r.start.get(..4).is_some_and(|y| y == this_year) {
                r.start.get(5..16).unwrap_or(&r.start).replace('T', " ")
            } else {
                format!("{:<11}", r.start.get(..10).unwrap_or(&r.start))
            };
            let outcome = match r.outcome {
                Outcome::Finished => Span::styled("finished", theme.strong(Tone::Done)),
                Outcome::Stopped => Span::styled("stopped ", theme.dim()),
            };
            let pain = pain_text(r);
            let spans = vec![
                Span::raw(format!(" {when}  ")),
                Span::raw(format!(
                    "{}  ",
                    crate::core::text::pad(&crate::core::text::truncate(&r.name, name_w), name_w)
                )),
                Span::raw(format!("{:>active_w$}  ", active(r))),
                outcome,
                Span::raw(pain),
            ];
            Line::from(fit_spans(spans, inner))
        })
        .collect();
    let title = if last > 0 {
        let (a, b, n) = (
            grouped(scroll as u64 + 1),
            grouped((scroll + shown.len()) as u64),
            grouped(total as u64),
        );
        // Shorter forms in a narrow window, so the numbers are not cut.
        [
            format!(" Last sessions {a}-{b} of {n} · ↑↓ "),
            format!(" Sessions {a}-{b} of {n} "),
            format!(" {a}-{b} of {n} "),
        ]
        .into_iter()
        .find(|t| crate::core::text::width(t) <= inner)
        .unwrap_or_else(|| format!(" {a}-{b}/{n} "))
    } else {
        " Last sessions ".to_owned()
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        area,
    );
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

/// "  pain 4 → 2", or nothing without scores.
fn pain_text(r: &crate::core::history::Record) -> String {
    match (r.pain_before, r.pain_after) {
        (Some(b), Some(a)) => format!("  pain {b} → {a}"),
        (Some(b), None) => format!("  pain {b} before"),
        (None, Some(a)) => format!("  pain {a} after"),
        (None, None) => String::new(),
    }
}

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

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
        frame.render_widget(Paragraph::new(labels).style(theme.hint()), y_axis);
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
    let block = Block::bordered().title(title);
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
            .legend_position(None)
            .block(block)
            .x_axis(
                Axis::default()
                    .bounds([0.0, last])
                    .labels([
                        pain.first()
                            .map_or(String::new(), |p| day_label(&p.start, this_year(h))),
                        pain.last()
                            .map_or(String::new(), |p| day_label(&p.start, this_year(h))),
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
