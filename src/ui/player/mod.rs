//! The player: what a person on the floor needs to see from a metre away.

use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::bar::Bar;
use super::big_digits::BigDigits;
use super::theme::{Theme, Tone};
use crate::app::{App, Player};
use crate::core::moment::Moment;
use crate::core::session::Status;
use crate::core::timeline::Kind;
use crate::ui::Frame;

mod finished;
mod view;

pub use finished::draw_finished;
pub use view::{View, next_text};

/// The always-visible safety line: the whole rule where it fits on one row of
/// `width`, else its short form (which fits 40 columns).
fn stop_line(width: usize) -> &'static str {
    let full = crate::core::guidance::STOP_IF;
    if full.chars().count() <= width {
        full
    } else {
        crate::core::guidance::STOP_IF_SHORT
    }
}

/// Draws the running player.
pub fn draw(frame: &mut Frame, app: &App, player: &Player, now: Moment, theme: &Theme) {
    let view = View::new(player, now);
    let area = frame.area();
    // What matters from a metre away comes first: the cue, the time left, the
    // rep/side/set, the exercise, the line on when to stop; the cues, the drawing and
    // the gaps take what is left, and go first when the window is small.
    let w = usize::from(area.width.max(1));
    let cue_rows = u16::try_from(wrapped_rows(&view.cue, w).min(3)).unwrap_or(3);
    let instruction_rows = u16::from(view.instruction.is_some());
    let breath_rows = u16::from(view.breath.is_some());
    let stop_rows = u16::from(view.stop_if_hurts);
    // header, title, cue, instruction, gauge, breath, stop, next, progress, footer
    let fixed = 1 + 1 + cue_rows + instruction_rows + 1 + breath_rows + stop_rows + 1 + 1 + 1;
    let spare = area.height.saturating_sub(fixed);
    let scale = BigDigits::biggest_scale(&view.big, area.width, spare);
    let digits_rows = if scale > 0 {
        BigDigits::height(scale)
    } else {
        1
    };
    // A big rep count beside the time on a large screen.
    let rep_big = view.rep.as_ref().filter(|rep| {
        scale >= 2 && BigDigits::width(&format!("{}  {rep}", view.big), scale) + 8 <= area.width
    });
    // Room to spare spreads the blocks out instead of leaving it all at the bottom.
    let gap = match spare.saturating_sub(digits_rows) {
        n if n >= 30 => 4,
        n if n >= 16 => 2,
        n if n >= 8 => 1,
        _ => 0,
    };
    let [
        header,
        title,
        cue,
        _g1,
        digits,
        instruction,
        gauge,
        breath,
        stop,
        _g2,
        body,
        next,
        progress,
        footer,
    ] = crate::ui::split::column(
        area,
        [
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(cue_rows),
            Constraint::Length(gap),
            Constraint::Length(digits_rows),
            Constraint::Length(instruction_rows),
            Constraint::Length(1),
            Constraint::Length(breath_rows),
            Constraint::Length(stop_rows),
            Constraint::Length(gap),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ],
    );

    // Header: badge, exercise count, where we are.
    let mut left = vec![
        Span::styled(format!(" {} ", view.label), theme.badge(view.tone)),
        Span::raw("  "),
        Span::styled(view.exercise_of.clone(), theme.dim()),
    ];
    if app.settings().muted {
        left.push(Span::styled("  muted", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), header);
    let position = view.position.join("  ·  ");
    frame.render_widget(
        Paragraph::new(Line::styled(position, theme.bold())).alignment(Alignment::Right),
        header,
    );

    frame.render_widget(
        Paragraph::new(Line::styled(view.title.clone(), theme.strong(view.tone)))
            .alignment(Alignment::Center),
        title,
    );
    frame.render_widget(
        Paragraph::new(Line::styled(view.cue.clone(), theme.bold()))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        cue,
    );
    match (scale, rep_big) {
        (0, _) => frame.render_widget(
            Paragraph::new(Line::styled(view.big.clone(), theme.strong(view.tone)))
                .alignment(Alignment::Center),
            digits,
        ),
        (_, Some(rep)) => {
            // The time on the left half, the rep on the right, each centred and
            // named in the gap row above.
            let [time_area, rep_area] =
                crate::ui::split::row(digits, [Constraint::Fill(1), Constraint::Fill(1)]);
            let label_row = Rect {
                y: digits.y.saturating_sub(1),
                height: 1,
                ..digits
            };
            let [time_label, rep_label] =
                crate::ui::split::row(label_row, [Constraint::Fill(1), Constraint::Fill(1)]);
            for (text, at) in [("time left", time_label), ("rep", rep_label)] {
                frame.render_widget(
                    Paragraph::new(Line::styled(text, theme.hint())).alignment(Alignment::Center),
                    at,
                );
            }
            frame.render_widget(
                BigDigits::new(&view.big)
                    .scale(scale)
                    .style(theme.strong(view.tone)),
                time_area,
            );
            frame.render_widget(
                BigDigits::new(rep).scale(scale).style(theme.bold()),
                rep_area,
            );
        }
        _ => frame.render_widget(
            BigDigits::new(&view.big)
                .scale(scale)
                .style(theme.strong(view.tone)),
            digits,
        ),
    }
    if view.stop_if_hurts {
        frame.render_widget(
            Paragraph::new(Line::styled(stop_line(w), theme.warning()))
                .alignment(Alignment::Center),
            stop,
        );
    }
    if let Some(text) = &view.instruction {
        frame.render_widget(
            Paragraph::new(Line::styled(text.clone(), theme.bold())).alignment(Alignment::Center),
            instruction,
        );
    }
    if let Some(r) = view.gauge {
        let inner = centered_width(gauge, 60);
        frame.render_widget(
            Bar::new(r)
                .filled(theme.gauge(view.tone))
                .track(theme.dim()),
            inner,
        );
    }
    if let Some((fill, inhale)) = view.breath {
        let word = if inhale { "breathe in " } else { "breathe out" };
        let inner = centered_width(breath, 60);
        let (label, bar) = crate::ui::split::left(inner, 12);
        frame.render_widget(Paragraph::new(Span::styled(word, theme.dim())), label);
        frame.render_widget(
            Bar::new(fill)
                .filled(theme.gauge(Tone::Rest))
                .track(theme.dim()),
            bar,
        );
    }
    draw_body(frame, body, &view, theme);
    if let Some(text) = &view.next {
        let text = whole_words(text, usize::from(next.width));
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.bold())).alignment(Alignment::Center),
            next,
        );
    }
    let [p_label, p_bar, p_left] = crate::ui::split::row(
        progress,
        [
            Constraint::Length(9),
            Constraint::Fill(1),
            Constraint::Length(crate::core::text::width(&view.routine_left) as u16 + 1),
        ],
    );
    frame.render_widget(
        Paragraph::new(Span::styled(" Routine ", theme.dim())),
        p_label,
    );
    frame.render_widget(
        Bar::new(view.routine_done)
            .filled(theme.bold())
            .track(theme.dim()),
        p_bar,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(view.routine_left.clone(), theme.dim()))
            .alignment(Alignment::Right),
        p_left,
    );
    super::footer(frame, footer, app, now, theme, &player_keys(player));
}

/// The keys that do something now: Space says what it will do, Enter shows only on a
/// rep done at your own pace.
fn player_keys(player: &Player) -> Vec<(&'static str, &'static str)> {
    let s = player.session();
    let space = if s.status() == Status::Paused {
        "resume"
    } else {
        "pause"
    };
    let mut keys = vec![("Space", space), ("→", "next"), ("←", "step again")];
    if s.current().is_some_and(|seg| seg.kind == Kind::SelfPaced) {
        keys.push(("Enter", "rep done"));
    }
    keys.extend([
        ("r", "exercise again"),
        ("m", "mute"),
        ("?", "help"),
        ("q", "quit"),
    ]);
    keys
}

/// How many rows `text` takes wrapped at word boundaries in `width` columns.
fn wrapped_rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let (mut rows, mut used) = (0, 0);
    for word in text.split_whitespace() {
        let w = crate::core::text::width(word).max(1);
        if rows > 0 && used + 1 + w <= width {
            used += 1 + w;
        } else {
            // A new row; a word wider than the window takes several.
            let taken = w.div_ceil(width);
            rows += taken;
            used = w - (taken - 1) * width;
        }
    }
    rows.max(1)
}

/// `text` cut to `width` columns at a word boundary, with "…" when cut: never a
/// word cut in the middle.
fn whole_words(text: &str, width: usize) -> String {
    if crate::core::text::width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let candidate = if out.is_empty() {
            word.to_owned()
        } else {
            format!("{out} {word}")
        };
        if crate::core::text::width(&candidate) + 1 > width {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        return crate::core::text::truncate(text, width);
    }
    out.push('…');
    out
}

/// Cues on the left, the pose drawing on the right when there is room.
fn draw_body(frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let art_w = view
        .art
        .as_ref()
        .map(|a| a.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u16 + 2)
        .unwrap_or(0);
    let art_h = view.art.as_ref().map_or(0, |a| a.len() as u16);
    let show_art = art_w > 0 && area.height >= art_h.min(8) && area.width >= art_w + 30;
    let [text_area, art_area] = if show_art {
        crate::ui::split::row(area, [Constraint::Fill(1), Constraint::Length(art_w)])
    } else {
        [area, Rect::default()]
    };
    // Each cue wrapped at words under its own text, not under the bullet; when
    // they do not all fit, the last row shown ends with "…".
    let width = usize::from(text_area.width.saturating_sub(3)).max(1);
    let mut lines: Vec<Line> = Vec::new();
    for cue in &view.cues {
        for (i, row) in crate::core::text::wrap(cue, width).into_iter().enumerate() {
            let lead = if i == 0 { " • " } else { "   " };
            lines.push(Line::from(vec![
                Span::styled(lead, theme.dim()),
                Span::raw(row),
            ]));
        }
    }
    let rows = usize::from(text_area.height);
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut()
            && let Some(text) = last.spans.last_mut()
        {
            let cut = whole_words(&format!("{} …", text.content), width);
            let cut = if cut.ends_with('…') {
                cut
            } else {
                format!("{cut}…")
            };
            text.content = cut.into();
        }
    }
    frame.render_widget(Paragraph::new(lines), text_area);
    if show_art && let Some(art) = &view.art {
        let lines: Vec<Line> = art.iter().map(|l| Line::raw(*l)).collect();
        frame.render_widget(Paragraph::new(lines).style(theme.dim()), art_area);
    }
}

/// A horizontally centred strip at most `max` wide.
fn centered_width(area: Rect, max: u16) -> Rect {
    let w = area.width.min(max);
    Rect {
        x: area.x + (area.width - w) / 2,
        width: w,
        ..area
    }
}
