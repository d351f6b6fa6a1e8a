//! The home screen: routines and timers on the left, the selected one on the right.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::theme::{Theme, Tone};
use crate::app::{App, HomeItem};
use crate::core::duration;
use crate::core::duration::total_text;
use crate::core::moment::Moment;
use crate::core::text::sanitize;
use crate::core::timeline::Totals;
use crate::store::library::Source;

pub fn draw(frame: &mut Frame, app: &App, now: Moment, theme: &Theme) {
    let area = frame.area();
    // A warning (another terminal's session, a broken file) gets the rows it needs,
    // up to three, so it is read whole in a narrow window.
    let home = app.home();
    let warning_rows = match home.warnings().first() {
        Some(w) if !home.filtering() && home.filter().is_empty() => {
            let text = format!(" {w}");
            let rows = crate::core::text::wrap(&text, usize::from(area.width.max(1))).len();
            u16::try_from(rows).unwrap_or(3).clamp(1, 3)
        }
        _ => 1,
    };
    let [header, main, filter, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(warning_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    // The safety line always shows; the tagline only where both fit without overlapping.
    let safety = "Stop any exercise that hurts ";
    let tagline = "  stretch routines and ice/heat timers";
    let badge = " supple ";
    let mut title = vec![Span::styled(badge, theme.badge(Tone::Work))];
    if usize::from(header.width) >= badge.len() + tagline.len() + 1 + safety.len() {
        title.push(Span::raw(tagline));
    }
    frame.render_widget(Paragraph::new(Line::from(title)), header);
    frame.render_widget(
        Paragraph::new(Line::styled(safety, theme.warning())).alignment(Alignment::Right),
        header,
    );
    let wide = main.width >= 80;
    let (list_area, detail_area) = if wide {
        let [l, d] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(main);
        (l, d)
    } else {
        let [l, d] = Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(main);
        (l, d)
    };
    draw_list(frame, list_area, app, theme, wide);
    draw_detail(frame, detail_area, app, theme, wide);

    if home.filtering() || !home.filter().is_empty() {
        let cursor = if home.filtering() { "▏" } else { "" };
        let hint = if home.filtering() {
            "   Enter keep · Esc clear"
        } else {
            "   / change · q clear"
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" / ", theme.key()),
                Span::styled(format!("{}{cursor}", home.filter()), theme.bold()),
                Span::styled(hint, theme.dim()),
            ])),
            filter,
        );
    } else if let Some(w) = home.warnings().first() {
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {w}"), theme.warning()))
                .wrap(Wrap { trim: true }),
            filter,
        );
    }
    super::footer(
        frame,
        footer,
        app,
        now,
        theme,
        &[
            ("↑↓", "choose"),
            ("Enter", "start"),
            ("/", "filter"),
            ("?", "keys and safety"),
            ("q", "quit"),
        ],
    );
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, wide: bool) {
    let home = app.home();
    let visible = home.visible();
    // Measured over every item, not the visible ones, so the columns stay put while
    // a filter narrows the list.
    let name_w = home
        .items()
        .iter()
        .filter_map(|item| match item {
            HomeItem::Routine(e) => Some(crate::core::text::width(&e.name)),
            HomeItem::Timer(_) => None,
        })
        .max()
        .unwrap_or(10)
        .max(10);
    let mut items = Vec::with_capacity(visible.len());
    for &i in &visible {
        let line = match &home.items()[i] {
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
        items.push(ListItem::new(line));
    }
    let title = if home.filter().is_empty() {
        " Routines and timers ".to_owned()
    } else {
        format!(" {} of {} match ", visible.len(), home.items().len())
    };
    let empty = visible.is_empty();
    let list = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(theme.selected());
    let mut state = ListState::default().with_selected((!empty).then_some(home.selected()));
    frame.render_stateful_widget(list, area, &mut state);
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

fn draw_detail(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, wide: bool) {
    let Some(item) = app.home().selected_item() else {
        frame.render_widget(Block::bordered(), area);
        return;
    };
    let (title, lines) = match item {
        HomeItem::Timer(kind) => (
            format!(" {} ", kind.name()),
            vec![
                Line::raw(timer_summary(*kind, app.pack_base())),
                Line::raw(""),
                Line::raw(
                    "Wrap the pack in a thin cloth. Remove it early if the skin is numb, burning or very red. Never sleep on a heating pad.",
                ),
                Line::raw(""),
                Line::styled("Enter shows the safety notes, then starts.", theme.dim()),
            ],
        ),
        HomeItem::Routine(entry) => match &entry.routine {
            Err(err) => {
                let mut lines = vec![Line::styled(
                    "This routine cannot be loaded:",
                    theme.warning(),
                )];
                lines.extend(err.to_string().lines().map(|l| Line::raw(l.to_owned())));
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "Fix the file, then run `supple check` on it.",
                    theme.dim(),
                ));
                (format!(" {} ", entry.name), lines)
            }
            Ok(r) => {
                let totals = Totals::of(r);
                let time = totals.map_or_else(String::new, |t| total_text(t.timed, t.self_paced));
                let mut lines = vec![Line::styled(r.name.clone(), theme.bold())];
                if let Some(d) = &r.description {
                    lines.push(Line::raw(d.clone()));
                }
                lines.push(Line::raw(""));
                lines.push(Line::raw(format!(
                    "{} exercises · {time}",
                    r.exercises.len()
                )));
                if !r.tags.is_empty() && wide {
                    lines.push(Line::styled(
                        format!("Tags: {}", r.tags.join(", ")),
                        theme.dim(),
                    ));
                }
                if wide {
                    lines.push(Line::raw(""));
                    for (i, e) in r.exercises.iter().enumerate() {
                        lines.push(Line::raw(format!("{:>2}. {}", i + 1, e.name)));
                    }
                    if let Some(path) = entry.source.path() {
                        lines.push(Line::raw(""));
                        lines.push(Line::styled(
                            sanitize(&path.display().to_string()).into_owned(),
                            theme.dim(),
                        ));
                    }
                }
                (format!(" {} ", entry.name), lines)
            }
        },
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        area,
    );
}

/// "Cold pack: 20m on, 20m off, 3 times (1h 40m in all)".
fn timer_summary(mode: crate::core::pack::Treatment, base: &crate::core::pack::Plan) -> String {
    let plan = crate::core::pack::Plan { mode, ..*base };
    let what = match mode {
        crate::core::pack::Treatment::Ice => "Cold pack",
        crate::core::pack::Treatment::Heat => "Heat pack",
        crate::core::pack::Treatment::Contrast => "Heat then ice, in turn",
    };
    format!(
        "{what}: {} on, {} off, {} times ({} in all)",
        duration::human(plan.on),
        duration::human(plan.off),
        plan.cycles,
        duration::human(plan.total())
    )
}
