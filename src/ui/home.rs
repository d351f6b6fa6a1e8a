//! The home screen: routines and timers on the left, the selected one on the right.

use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::home_detail::draw_detail;
use super::theme::{Theme, Tone};
use super::{lines, split};
use crate::app::{App, HomeItem, TodayPanel};
use crate::core::duration;
use crate::core::library::Source;
use crate::core::moment::Moment;
use crate::core::routine::Totals;
use crate::ui::Frame;

pub fn draw(frame: &mut Frame, app: &App, now: Moment, theme: &Theme) {
    let area = frame.area();
    // The warnings (another terminal's session, a broken file, a kept summary
    // made again) above Today's safety line (when to see someone), in a quarter
    // of the window at most: see `notes`.
    let home = app.home();
    let safety_line = home.today().and_then(|t| t.safety().first());
    let budget = usize::from(area.height / 4).max(2);
    let (warning_lines, safety_lines) = notes(
        home.warnings(),
        safety_line,
        usize::from(area.width),
        budget,
    );
    let shown_rows = if home.filtering() || !home.filter().is_empty() {
        1
    } else {
        u16::try_from(warning_lines.len() + safety_lines.len())
            .unwrap_or(u16::MAX)
            .max(1)
    };
    let [header, main, filter, footer] = rows(area, shown_rows);
    // The safety line always shows; the tagline only where both fit without overlapping.
    let safety = format!("{} ", crate::core::guidance::STOP_IF_SHORT);
    let tagline = "  stretch routines and ice/heat timers";
    let badge = " supple ";
    let mut title = vec![Span::styled(badge, theme.badge(Tone::Work))];
    if usize::from(header.width) >= badge.len() + tagline.len() + 1 + safety.len() {
        title.push(Span::raw(tagline));
    }
    // The header's and the warning's lines straight into the buffer, as
    // their paragraphs drew them (see ui/lines.rs).
    let buf = frame.buffer_mut();
    lines::paragraph(buf, header, &[Line::from(title)], None, Alignment::Left);
    lines::paragraph(
        buf,
        header,
        &[Line::styled(safety, theme.warning())],
        None,
        Alignment::Right,
    );
    let wide = main.width >= 80;
    let (list_area, detail_area) = if wide {
        split::left_percent(main, 45)
    } else {
        // A short window with Today keeps its rows for the list: the detail goes.
        let detail = if home.today().is_some() && main.height < 10 {
            0
        } else {
            5
        };
        split::bottom(main, detail)
    };
    // A red-flag answer that stands leads, above everything else in the list column
    // (the whole width where the detail pane is beside it).
    let (list_area, detail_area) = match home.today().and_then(TodayPanel::alert) {
        Some(alert) => {
            let area = if wide { main } else { list_area };
            let lines = alert.lines(false, "press c");
            let inner = usize::from(area.width.saturating_sub(2)).max(1);
            let rows: usize = lines
                .iter()
                .map(|l| crate::core::text::wrap(l, inner).len())
                .sum();
            // It takes what it needs first: the routines get what is left.
            let want = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
            let height = want.min(area.height);
            let (boxed, rest) = split::top(area, height);
            draw_alert(frame, boxed, alert, theme);
            if wide {
                split::left_percent(rest, 45)
            } else {
                (rest, detail_area)
            }
        }
        None => (list_area, detail_area),
    };
    // While an episode is open, today's items sit above the routines.
    let tasks = home
        .visible()
        .iter()
        .filter(|&&i| matches!(home.items()[i], HomeItem::Task(_)))
        .count();
    // The detail pane under the list (a narrow window) gives way first: the
    // lists keep a row each (three rows a box) before it has any.
    let lists_need = 3 + if tasks > 0 { 3 } else { 0 };
    let (list_area, detail_area) = if !wide && list_area.height < lists_need {
        let merged = Rect {
            height: list_area.height + detail_area.height,
            ..list_area
        };
        (
            merged,
            Rect {
                height: 0,
                ..detail_area
            },
        )
    } else {
        (list_area, detail_area)
    };
    let list_area = match home.today() {
        Some(panel) if tasks > 0 => {
            let want = u16::try_from(tasks).unwrap_or(u16::MAX).saturating_add(2);
            // Today first, but the routines always keep three rows (a title, one
            // line, the border), so the box is never there with nothing in it;
            // Today then scrolls to its chosen row. In a window too short for
            // both, Today alone.
            let room = if list_area.height >= 3 + 3 {
                list_area.height - 3
            } else {
                list_area.height
            };
            let (today, rest) = split::top(list_area, want.min(room));
            draw_today(frame, today, app, panel, theme, tasks);
            rest
        }
        _ => list_area,
    };
    draw_list(frame, list_area, app, theme, wide, tasks);
    // The Today box's title says the day and the stage when it fits; the detail
    // then does not say them again.
    let heading_shown = home.today().is_some_and(|panel| {
        crate::core::text::width(&format!(" Today: {} ", panel.heading())) + 2
            <= usize::from(list_area.width)
    });
    let status_shown = home
        .today()
        .is_some_and(|panel| statuses_fit(panel, list_area.width));
    draw_detail(
        frame,
        detail_area,
        app,
        theme,
        (wide, heading_shown, status_shown),
    );

    if home.filtering() || !home.filter().is_empty() {
        let hint = if home.filtering() {
            "   Enter keep · Esc clear"
        } else {
            "   / change · q clear"
        };
        // The filter keeps its end in view; the hint goes where it does not fit.
        let width = usize::from(filter.width);
        let mut spans = super::entry::field(" / ", home.filter(), home.filtering(), width, theme);
        let used: usize = spans.iter().map(|s| s.width()).sum();
        if used + hint.chars().count() <= width {
            spans.push(Span::styled(hint, theme.dim()));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), filter);
    } else {
        let rows = u16::try_from(warning_lines.len()).unwrap_or(u16::MAX);
        let (warning_area, safety_area) = split::top(filter, rows);
        for (texts, at) in [(warning_lines, warning_area), (safety_lines, safety_area)] {
            let lines: Vec<Line> = texts
                .into_iter()
                .map(|t| Line::styled(t, theme.warning()))
                .collect();
            lines::paragraph(frame.buffer_mut(), at, &lines, None, Alignment::Left);
        }
    }
    super::footer(
        frame,
        footer,
        app,
        now,
        theme,
        &if let Some(crate::app::Modal::Episode(q)) = app.modal() {
            // The questions' own keys, not the list's behind them.
            match q.asking {
                crate::app::Asking::When(_) => {
                    vec![("↑↓", "choose"), ("Enter", "next"), ("Esc", "cancel")]
                }
                crate::app::Asking::Said(_) | crate::app::Asking::SaidTogether => {
                    vec![("Enter", "go on")]
                }
                _ => {
                    let esc = match q.purpose {
                        crate::app::Purpose::Start => "cancel",
                        crate::app::Purpose::Checked => "not yet",
                        crate::app::Purpose::Missing | crate::app::Purpose::Reask => "later",
                    };
                    vec![("y", "yes"), ("n", "no"), ("Esc", esc)]
                }
            }
        } else if app.can_record_checked() {
            vec![
                ("c", "I've been checked"),
                ("↑↓", "choose"),
                ("Enter", "start"),
                ("?", "keys and safety"),
                ("q", "quit"),
            ]
        } else if app.can_start_episode() {
            vec![
                ("↑↓", "choose"),
                ("Enter", "start"),
                ("e", "my back hurts"),
                ("/", "filter"),
                ("?", "keys and safety"),
                ("q", "quit"),
            ]
        } else {
            vec![
                ("↑↓", "choose"),
                ("Enter", "start"),
                ("/", "filter"),
                ("?", "keys and safety"),
                ("q", "quit"),
            ]
        },
    );
}

/// The rows of the warnings and of the safety line, each wrapped to `width`
/// columns, in `budget` rows at most (three each at most), given out one at a
/// time in this order: the first warning's first row, the safety line's first,
/// each other warning's first, the safety line's second, the warnings' other
/// rows in turn, the safety line's third. So every warning shows while there is
/// a row for it, and a text cut short ends in "…" (the full safety line is on
/// the `?` page).
fn notes(
    warnings: &[String],
    safety: Option<&String>,
    width: usize,
    budget: usize,
) -> (Vec<String>, Vec<String>) {
    const MOST: usize = 3;
    let width = width.max(1);
    let wrapped: Vec<Vec<String>> = warnings
        .iter()
        .map(|w| crate::core::text::wrap(w, width))
        .collect();
    let safe = safety.map_or_else(Vec::new, |s| crate::core::text::wrap(s, width));
    let mut given = vec![0usize; wrapped.len()];
    let mut safe_given = 0usize;
    let mut left = budget;
    // One more row to warning `i`, if it has one and there is room.
    let to_warning = |i: usize, given: &mut [usize], left: &mut usize| {
        let total: usize = given.iter().sum();
        if *left > 0 && total < MOST && given[i] < wrapped[i].len() {
            given[i] += 1;
            *left -= 1;
        }
    };
    let to_safety = |upto: usize, safe_given: &mut usize, left: &mut usize| {
        if *left > 0 && *safe_given < upto.min(safe.len()) {
            *safe_given += 1;
            *left -= 1;
        }
    };
    if !wrapped.is_empty() {
        to_warning(0, &mut given, &mut left);
    }
    to_safety(1, &mut safe_given, &mut left);
    for i in 1..wrapped.len() {
        to_warning(i, &mut given, &mut left);
    }
    to_safety(2, &mut safe_given, &mut left);
    for i in 0..wrapped.len() {
        for _ in 1..MOST {
            to_warning(i, &mut given, &mut left);
        }
    }
    to_safety(MOST, &mut safe_given, &mut left);
    let cut = |rows: &[String], n: usize| -> Vec<String> {
        let mut out: Vec<String> = rows.iter().take(n).cloned().collect();
        if n < rows.len()
            && let Some(last) = out.last_mut()
        {
            // Whole words before the "…", where there is more than one.
            while crate::core::text::width(last) + 2 > width {
                match last.rfind(' ') {
                    Some(i) => last.truncate(i),
                    None => break,
                }
            }
            *last = crate::core::text::truncate(&format!("{last} …"), width);
        }
        out
    };
    let warning_rows = wrapped
        .iter()
        .zip(&given)
        .flat_map(|(rows, &n)| cut(rows, n))
        .collect();
    (warning_rows, cut(&safe, safe_given))
}

/// The header row, the lists, the warning's `warning_rows` and the footer row
/// (as `Layout::vertical([Length(1), Fill(1), Length(warning_rows),
/// Length(1)])` splits a window supple draws in; a test compares them).
fn rows(area: Rect, warning_rows: u16) -> [Rect; 4] {
    let (header, rest) = split::top(area, 1);
    let (rest, footer) = split::bottom(rest, 1);
    let (main, filter) = split::bottom(rest, warning_rows);
    [header, main, filter, footer]
}

fn label_width(panel: &TodayPanel) -> usize {
    panel
        .rows()
        .iter()
        .map(|r| crate::core::text::width(&r.label))
        .max()
        .unwrap_or(4)
}

/// True when the Today box, `width` wide, has room for each status in full
/// ("1 of 3 today"); else it shows "1/3", and the detail pane the rest.
fn statuses_fit(panel: &TodayPanel, width: u16) -> bool {
    let room = usize::from(width).saturating_sub(2 + 3 + label_width(panel) + 2);
    panel
        .rows()
        .iter()
        .all(|r| crate::core::text::width(&r.status) <= room)
}

/// The red-flag answers that stand: the tier, what was said, where to go, and
/// how to say it has been done.
fn draw_alert(frame: &mut Frame, area: Rect, alert: &crate::core::today::Alert, theme: &Theme) {
    let lines: Vec<Line<'_>> = alert
        .lines(false, "press c")
        .into_iter()
        .enumerate()
        .map(|(i, l)| match i {
            1 => Line::styled(l, theme.warning()),
            _ => Line::raw(l),
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_style(theme.warning())
                .title(Line::styled(
                    format!(" {} ", alert.tier.title()),
                    theme.warning(),
                )),
        ),
        area,
    );
}

/// The Today box: one row per item of the plan's stage, done or not, the next one
/// marked; the heading says the day and the stage.
fn draw_today(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    panel: &TodayPanel,
    theme: &Theme,
    tasks: usize,
) {
    let home = app.home();
    let label_w = label_width(panel);
    let full = statuses_fit(panel, area.width);
    let items: Vec<Line<'_>> = panel
        .rows()
        .iter()
        .map(|r| {
            let status = if full { &r.status } else { &r.short };
            let (mark, style) = if r.complete {
                ("✓", theme.dim())
            } else if r.next {
                ("▸", theme.bold())
            } else {
                ("·", ratatui::style::Style::default())
            };
            Line::from(vec![
                Span::styled(format!(" {mark} "), style),
                Span::styled(crate::core::text::pad(&r.label, label_w), style),
                Span::styled(format!("  {status}"), theme.dim()),
            ])
        })
        .collect();
    let selected = (home.selected() < tasks).then_some(home.selected());
    // The day and stage when they fit the border, else the day alone.
    let title = format!(" Today: {} ", panel.heading());
    let title = if crate::core::text::width(&title) + 2 <= usize::from(area.width) {
        title
    } else {
        format!(
            " Today: {} ",
            panel.heading().split(" · ").next().unwrap_or("")
        )
    };
    // As a List draws it, straight into the buffer (see ui/lines.rs).
    let offset = lines::list(
        frame.buffer_mut(),
        area,
        (Line::raw(title), theme.key()),
        items,
        (selected, theme.selected()),
    );
    more_on_border(frame, area, offset, tasks, theme);
}

/// Says on the bottom border of a list box `area` how many of its `total` rows,
/// scrolled down `offset`, it has no room for: " ↓ 3 more ".
fn more_on_border(frame: &mut Frame, area: Rect, offset: usize, total: usize, theme: &Theme) {
    let shown = usize::from(area.height.saturating_sub(2));
    let below = total.saturating_sub(offset + shown);
    if shown == 0 || (offset == 0 && below == 0) {
        return;
    }
    let text = match (offset, below) {
        (0, n) => format!(" ↓ {n} more "),
        (n, 0) => format!(" ↑ {n} more "),
        (a, b) => format!(" ↑ {a} · ↓ {b} more "),
    };
    frame.buffer_mut().set_stringn(
        area.x + 2,
        area.bottom().saturating_sub(1),
        text,
        usize::from(area.width.saturating_sub(4)),
        theme.key(),
    );
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, wide: bool, tasks: usize) {
    let home = app.home();
    let visible: Vec<usize> = home.visible().into_iter().skip(tasks).collect();
    // Measured over every item, not the visible ones, so the columns stay put while
    // a filter narrows the list.
    let name_w = home
        .items()
        .iter()
        .filter_map(|item| match item {
            HomeItem::Routine(e) => Some(crate::core::text::width(&e.name)),
            HomeItem::Timer(_) | HomeItem::Task(_) => None,
        })
        .max()
        .unwrap_or(10)
        .max(10);
    let mut items = Vec::with_capacity(visible.len());
    for &i in &visible {
        let line = match &home.items()[i] {
            HomeItem::Task(_) => continue,
            HomeItem::Routine(e) => match &e.routine {
                Ok(r) => {
                    let time = Totals::of(r).map_or_else(String::new, |t| {
                        if t.self_paced > 0 {
                            format!("{} +{} reps", duration::human(t.timed), t.self_paced)
                        } else {
                            duration::human(t.timed)
                        }
                    });
                    let tag = match (&e.source, e.shadows_bundled) {
                        (Source::Bundled, _) => "",
                        (_, true) => " (yours, replaces bundled)",
                        _ => " (yours)",
                    };
                    let mut spans = vec![Span::raw(format!(
                        " {}  ",
                        crate::core::text::pad(&e.name, name_w)
                    ))];
                    spans.push(Span::styled(format!("{time:>12}"), theme.dim()));
                    if wide {
                        spans.push(Span::styled(tag, theme.dim()));
                    }
                    Line::from(spans)
                }
                Err(_) => Line::from(vec![
                    Span::raw(format!(" {}  ", crate::core::text::pad(&e.name, name_w))),
                    Span::styled("cannot load", theme.warning()),
                ]),
            },
            HomeItem::Timer(kind) => Line::from(vec![
                Span::raw(format!(
                    " {}  ",
                    crate::core::text::pad(kind.name(), name_w)
                )),
                Span::styled(format!("{:>12}", "timer"), theme.dim()),
            ]),
        };
        items.push(line);
    }
    let title = if home.filter().is_empty() {
        " Routines and timers ".to_owned()
    } else {
        let all = home
            .items()
            .iter()
            .filter(|i| !matches!(i, HomeItem::Task(_)))
            .count();
        format!(" {} of {all} match ", visible.len())
    };
    let empty = visible.is_empty();
    let selected = home.selected().checked_sub(tasks);
    let offset = lines::list(
        frame.buffer_mut(),
        area,
        (Line::raw(title), ratatui::style::Style::default()),
        items,
        (selected.filter(|_| !empty), theme.selected()),
    );
    more_on_border(frame, area, offset, visible.len(), theme);
    if empty {
        let inner = Block::bordered().inner(area);
        frame.render_widget(
            Paragraph::new(format!(
                "Nothing matches '{}'. Esc clears the filter.",
                home.filter()
            ))
            .wrap(Wrap { trim: true }),
            inner,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    #[test]
    fn every_warning_shows_while_there_is_a_row_for_it() {
        let warnings = [
            "An ice session started at 13:40 is running in another terminal, until 14:20."
                .to_owned(),
            "the kept summary was made again from the log".to_owned(),
        ];
        // Any text: the safety line's own words are red_flags.rs's alone.
        let safety = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu \
                      xi omicron pi rho sigma"
            .to_owned();
        // A 40x12 window: three rows, one for each warning and one for the
        // safety line, each cut short with "…" after a whole word.
        let (w, s) = notes(&warnings, Some(&safety), 40, 3);
        assert_eq!(
            w,
            [
                "An ice session started at 13:40 is …",
                "the kept summary was made again from …"
            ]
        );
        assert_eq!(s, ["alpha beta gamma delta epsilon zeta …"]);
        // Four rows: the safety line gets its second before a warning its second.
        let (w, s) = notes(&warnings, Some(&safety), 40, 4);
        assert_eq!(w.len(), 2);
        assert_eq!(
            s,
            [
                "alpha beta gamma delta epsilon zeta eta",
                "theta iota kappa lambda mu nu xi …"
            ]
        );
        // Room for all: every row, nothing cut.
        let (w, s) = notes(&warnings, Some(&safety), 60, 7);
        assert_eq!(
            w,
            [
                "An ice session started at 13:40 is running in another",
                "terminal, until 14:20.",
                "the kept summary was made again from the log"
            ]
        );
        assert_eq!(s.len(), 2);
        assert!(!s.concat().contains('…'));
        // The fewest rows there are, two: the first warning and the safety line.
        let (w, s) = notes(&warnings, Some(&safety), 40, 2);
        assert_eq!((w.len(), s.len()), (1, 1));
        // Three rows of warnings at most; none, nothing.
        let many: Vec<String> = (0..5).map(|i| format!("warning {i}")).collect();
        assert_eq!(notes(&many, None, 40, 10).0.len(), 3);
        assert_eq!(notes(&[], None, 40, 10), (Vec::new(), Vec::new()));
    }

    #[test]
    fn the_screen_rows_are_those_the_constraint_solver_gives() {
        for width in (40..=600).step_by(7).chain([599, 600]) {
            for height in super::super::MIN_HEIGHT..=160 {
                for warning_rows in 1..=3 {
                    let area = Rect::new(0, 0, width, height);
                    let solved = Layout::vertical([
                        Constraint::Length(1),
                        Constraint::Fill(1),
                        Constraint::Length(warning_rows),
                        Constraint::Length(1),
                    ])
                    .areas(area);
                    assert_eq!(rows(area, warning_rows), solved, "{width}x{height}");
                }
            }
        }
    }
}
