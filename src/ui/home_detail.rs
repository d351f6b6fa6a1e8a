//! The home screen's detail pane: what the selected row is (a routine, a timer,
//! or a Today row with how to start it and the stage's advice).

use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Wrap};

use super::theme::Theme;
use crate::app::{App, HomeItem};
use crate::core::duration;
use crate::core::duration::total_text;
use crate::core::routine::Totals;
use crate::core::text::sanitize;
use crate::ui::Frame;

pub(super) fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    (wide, heading_shown, status_shown): (bool, bool, bool),
) {
    if area.height == 0 {
        return;
    }
    let Some(item) = app.home().selected_item() else {
        frame.render_widget(Block::bordered(), area);
        return;
    };
    let (title, lines) = match item {
        HomeItem::Task(row) => {
            let width = usize::from(area.width.saturating_sub(2));
            task_detail(app, *row, theme, width, (heading_shown, status_shown))
        }
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
    // As `Paragraph::new(lines).wrap(..).block(Block::bordered().title(..))`
    // draws it, straight into the buffer (see ui/lines.rs).
    let buf = frame.buffer_mut();
    let inner = super::lines::boxed(buf, area, &Line::raw(title));
    super::lines::paragraph(
        buf,
        inner,
        &lines,
        Some(Wrap { trim: false }),
        Alignment::Left,
    );
}

/// The detail of a Today row, under the row's name: how to start it, the
/// stage's advice and the safety lines. What the row says in full (when
/// `status_shown`) and the day and stage (in the Today box's title, when
/// `heading_shown`) are not said again.
fn task_detail(
    app: &App,
    row: usize,
    theme: &Theme,
    width: usize,
    (heading_shown, status_shown): (bool, bool),
) -> (String, Vec<Line<'static>>) {
    let Some(panel) = app.home().today() else {
        return (String::new(), Vec::new());
    };
    let mut lines = Vec::new();
    // The row itself says which step this is; the box is its detail.
    let title = " Today: this step ".to_owned();
    if let Some(r) = panel.rows().get(row) {
        if !status_shown {
            lines.push(Line::styled(r.status.clone(), theme.bold()));
            lines.push(Line::raw(""));
        }
        if !r.complete {
            lines.push(Line::from(vec![
                Span::styled("Enter", theme.key()),
                Span::raw(" starts it"),
                Span::styled(format!("  ({})", r.command), theme.dim()),
            ]));
        } else {
            lines.push(Line::from(vec![
                Span::raw("Done for now. "),
                Span::styled("Enter", theme.key()),
                Span::raw(" does it again."),
            ]));
        }
        lines.push(Line::raw(""));
    }
    if !heading_shown {
        lines.push(Line::styled(panel.heading().to_owned(), theme.bold()));
    }
    for a in panel.advice() {
        lines.extend(super::bullet(a, width, ratatui::style::Style::default()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(panel.next().to_owned(), theme.bold()));
    for s in panel.safety() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(s.clone(), theme.warning()));
    }
    (title, lines)
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
        "{what}: {} ({} in all)",
        plan.rhythm(),
        duration::human(plan.total())
    )
}
