//! Drawing. Views read the [`App`] and never change it.

pub mod bar;
pub mod big_digits;
mod day_columns;
mod entry;
mod episode;
mod frame;
pub mod history;
mod home;
mod home_detail;
mod lines;
pub mod pack;
mod pain_chart;
pub mod player;
mod split;
pub mod theme;

pub use frame::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Launch, Modal, PainStage, Screen};
use crate::core::guidance;
use crate::core::moment::Moment;
use crate::core::red_flags::Tier;
use theme::Theme;

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen for `app` at `now`.
pub fn draw(frame: &mut Frame, app: &App, now: Moment, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, theme);
        return;
    }
    match app.screen() {
        Screen::Home => home::draw(frame, app, now, theme),
        Screen::Player(p) if p.session().current().is_none() => {
            player::draw_finished(frame, app, p, now, theme)
        }
        Screen::Player(p) => player::draw(frame, app, p, now, theme),
        Screen::Pack(p) => pack::draw(frame, app, p, now, theme),
        Screen::History(h) => history::draw(frame, app, h, now, theme),
    }
    match app.modal() {
        Some(Modal::Help { scroll }) => help(frame, area, app, theme, *scroll),
        Some(Modal::ConfirmQuit { .. }) => confirm_quit(frame, area, app, theme),
        Some(Modal::Calm { scroll, head, .. }) => calm(frame, area, theme, *scroll, head),
        Some(Modal::Pain(q)) => pain_question(frame, area, q.stage, q.typed.map(|(d, _)| d), theme),
        Some(Modal::Episode(q)) => episode::draw(frame, area, q, theme),
        Some(Modal::Entry(e)) => entry::draw(frame, area, e, theme),
        None => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("Make the terminal larger", theme.bold()),
        Line::raw(format!(
            "(at least {MIN_WIDTH}x{MIN_HEIGHT}, now {}x{})",
            area.width, area.height
        )),
    ];
    let [_, middle, _] = split::column(
        area,
        [
            Constraint::Fill(1),
            Constraint::Length(4.min(area.height)),
            Constraint::Fill(1),
        ],
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}

/// The bottom line: a notice if there is one, else the keys.
pub(crate) fn footer(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    now: Moment,
    theme: &Theme,
    keys: &[(&str, &str)],
) {
    if let Some(text) = app.notice(now) {
        frame.render_widget(
            Paragraph::new(Line::styled(text.to_owned(), theme.bold()))
                .alignment(Alignment::Center),
            area,
        );
        return;
    }
    let shown = fitting_keys(keys, area.width);
    let mut spans = Vec::new();
    for (i, (key, what)) in shown.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(*key, theme.key()));
        spans.push(Span::styled(format!(" {what}"), theme.hint()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).alignment(Alignment::Center),
        area,
    );
}

/// The key hints that fit in `width` whole: when they do not all fit, the ones just before
/// the last two (help and quit, which every screen ends with) go first, so a hint is never
/// cut in the middle and the way to the full list and the way out stay.
fn fitting_keys<'a>(keys: &[(&'a str, &'a str)], width: u16) -> Vec<(&'a str, &'a str)> {
    let hint = |(key, what): &(&str, &str)| key.width() + 1 + what.width();
    let mut shown = keys.to_vec();
    let total = |shown: &[(&str, &str)]| {
        shown.iter().map(hint).sum::<usize>() + 2 * shown.len().saturating_sub(1)
    };
    while total(&shown) > usize::from(width) && shown.len() > 2 {
        shown.remove(shown.len() - 3);
    }
    shown
}

/// A list item: " • text" wrapped to `width` columns at word boundaries, the
/// lines after the first indented under the text, not under the bullet.
pub(crate) fn bullet(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    marked("•", text, width, style)
}

/// `text` after a one-column `mark` (" • ", " ! "), wrapped with a hanging indent.
pub(crate) fn marked(mark: &str, text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let indent = 3;
    crate::core::text::wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 {
                format!(" {mark} ")
            } else {
                "   ".to_owned()
            };
            Line::styled(format!("{lead}{l}"), style)
        })
        .collect()
}

/// A box of `w` x `h` centred in `area`, clipped to it.
/// (Plain arithmetic: ratatui's constraint solver cost a fifth of drawing the
/// weekly check; a test checks it is the box `Layout` centres.)
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect {
        x: area.x + (area.width - w).div_ceil(2),
        y: area.y + (area.height - h).div_ceil(2),
        width: w,
        height: h,
    }
}

fn help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, scroll: u16) {
    let key_rows: &[crate::app::help::KeyHelp] = if app.on_finished_card() {
        crate::app::help::FINISHED
    } else if app.pack().is_some() {
        crate::app::help::PACK
    } else if app.player().is_some() {
        crate::app::help::PLAYER
    } else {
        crate::app::help::HOME
    };
    // Wrapped here at words, each row under its own column: a description
    // under the descriptions, a bullet's text under its text.
    let width = usize::from(area.width.min(78).saturating_sub(2)).max(1);
    let key_w = key_rows
        .iter()
        .map(|k| k.keys.width())
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let indent = key_w + 3;
    let mut lines = Vec::new();
    for crate::app::help::KeyHelp { keys: key, what } in key_rows {
        let pad = key_w.saturating_sub(key.width());
        for (i, row) in crate::core::text::wrap(what, width.saturating_sub(indent).max(1))
            .into_iter()
            .enumerate()
        {
            lines.push(if i == 0 {
                Line::from(vec![
                    Span::styled(format!(" {}{key}  ", " ".repeat(pad)), theme.key()),
                    Span::raw(row),
                ])
            } else {
                Line::raw(format!("{}{row}", " ".repeat(indent)))
            });
        }
    }
    let plain = |text: &str, style: Style| -> Vec<Line<'static>> {
        crate::core::text::wrap(text, width.saturating_sub(1).max(1))
            .into_iter()
            .map(|row| Line::styled(format!(" {row}"), style))
            .collect()
    };
    lines.push(Line::raw(""));
    if app.pack().is_some() {
        for s in guidance::PACK_SAFETY {
            lines.extend(bullet(s, width, Style::default()));
        }
    } else {
        lines.extend(plain(
            &format!("Move gently. {}", guidance::STOP_IF),
            theme.bold(),
        ));
    }
    lines.push(Line::raw(""));
    // The red flags' own lines, each one that starts at the edge wrapped here
    // one column in, like the rest of the box.
    for line in red_flag_lines(theme, box_width(area), &Tier::ALL) {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        if text.is_empty() || text.starts_with(' ') {
            lines.push(line);
        } else {
            let style = line
                .spans
                .first()
                .map_or(line.style, |span| line.style.patch(span.style));
            lines.extend(plain(&text, style));
        }
    }
    scrolling_box(
        frame,
        area,
        (" Keys and safety ", "? or Esc to close"),
        lines,
        scroll,
        theme,
    );
}

/// The red flags from the core: each of `tiers` with its intro, action and signs
/// (wrapped to `width` under their bullets); with every tier, "not getting better"
/// apart and what supple is.
pub(crate) fn red_flag_lines(theme: &Theme, width: usize, tiers: &[Tier]) -> Vec<Line<'static>> {
    use crate::core::red_flags::{NOT_GETTING_BETTER, SELF_CARE};
    let mut lines = Vec::new();
    for tier in tiers {
        lines.push(Line::styled(tier.intro(), theme.warning()));
        lines.push(Line::styled(tier.action(), theme.bold()));
        for sign in tier.signs() {
            lines.extend(bullet(sign.listed(), width, Style::default()));
        }
        lines.push(Line::raw(""));
    }
    if tiers.len() < Tier::ALL.len() {
        return lines;
    }
    lines.push(Line::raw(NOT_GETTING_BETTER));
    lines.push(Line::raw(SELF_CARE));
    lines
}

/// How many rows `lines` take once wrapped at `width` by the paragraph that shows
/// them (ratatui's own count), so a box is as tall as its text and scrolls to its
/// real end.
fn wrapped_rows(lines: &[Line<'_>], width: usize) -> usize {
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(u16::try_from(width).unwrap_or(u16::MAX))
}

/// The inner width of a [`scrolling_box`] in `area`.
fn box_width(area: Rect) -> usize {
    usize::from(area.width.min(78).saturating_sub(2)).max(1)
}

/// A box of `lines` centred in `area`, as tall as they are once wrapped or as the
/// window allows; when they do not fit they scroll (`scroll` lines down, stopped at
/// the end) and the bottom border says so. The closing keys stay on the border.
fn scrolling_box(
    frame: &mut Frame,
    area: Rect,
    (title, close): (&str, &str),
    lines: Vec<Line<'_>>,
    scroll: u16,
    theme: &Theme,
) {
    let inner = usize::from(area.width.min(78).saturating_sub(2)).max(1);
    let rows = wrapped_rows(&lines, inner);
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    let boxed = centered(area, 78, rows.saturating_add(2));
    let visible = boxed.height.saturating_sub(2);
    let last = rows.saturating_sub(visible);
    let scroll = scroll.min(last);
    let hint = if last == 0 {
        format!(" {close} ")
    } else if scroll < last {
        format!(" ↓ more · {close} ")
    } else {
        format!(" ↑ back · {close} ")
    };
    lines::clear(frame.buffer_mut(), boxed);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(title.to_owned())
                    .title_bottom(Line::styled(hint, theme.key()).centered()),
            ),
        boxed,
    );
}

fn pain_question(
    frame: &mut Frame,
    area: Rect,
    stage: PainStage,
    typed: Option<u8>,
    theme: &Theme,
) {
    let title = match stage {
        PainStage::Before => " Before you start ",
        PainStage::After => " Done: how is it now? ",
        PainStage::Daily => " Today's pain ",
    };
    let question = match stage {
        PainStage::Daily => "Your average pain over the last 24 hours, 0-10?",
        PainStage::Before | PainStage::After => "Pain now, 0-10?",
    };
    let keys = match typed {
        Some(d) => Line::from(vec![
            Span::styled(format!("{d}"), theme.bold()),
            Span::raw(" so far:   "),
            Span::styled("0", theme.key()),
            Span::raw(format!(" for {d}0   ")),
            Span::styled("Enter", theme.key()),
            Span::raw(format!(" for {d}")),
        ]),
        None => Line::from(vec![
            Span::styled("0-10", theme.key()),
            Span::raw(" answer   "),
            Span::styled("t", theme.key()),
            Span::raw(" for 10   "),
            Span::styled("Enter", theme.key()),
            Span::raw(" skip"),
        ]),
    };
    let lines = vec![
        Line::styled(question, theme.bold()),
        Line::raw("0 none · 5 moderate · 10 the worst you can imagine"),
        Line::raw(""),
        keys,
    ];
    // As tall as its lines once wrapped, so the keys stay in a narrow window.
    let inner = usize::from(area.width.min(60).saturating_sub(2)).max(1);
    let rows = wrapped_rows(&lines, inner);
    let boxed = centered(
        area,
        60,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
    );
    lines::clear(frame.buffer_mut(), boxed);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title)),
        boxed,
    );
}

fn calm(frame: &mut Frame, area: Rect, theme: &Theme, scroll: u16, head: &str) {
    let mut lines = vec![Line::styled(head.to_owned(), theme.bold())];
    lines.extend(guidance::CALM_ADVICE.iter().map(|l| Line::raw(*l)));
    lines.push(Line::raw(""));
    lines.extend(red_flag_lines(theme, box_width(area), &Tier::ALL));
    scrolling_box(
        frame,
        area,
        (" Take it easy ", "Enter or Esc to close"),
        lines,
        scroll,
        theme,
    );
}

fn confirm_quit(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let leave = if app.launch() == Launch::Direct {
        "quit supple"
    } else {
        "go back to the list"
    };
    let what = if app.pack().is_some() {
        "Stop this ice/heat session?"
    } else {
        "Stop this routine?"
    };
    let stop = format!("stop and {leave}");
    let key = |k: &'static str, text: String| {
        Line::from(vec![Span::styled(k, theme.key()), Span::raw(text)])
    };
    // Short lines, so the box fits whole down to the smallest window supple draws in.
    let lines = vec![
        Line::styled(what, theme.bold()),
        Line::raw("It is paused."),
        Line::raw(""),
        // Padded to one width, so the centred keys line up.
        key("y", format!("  {stop}")),
        key("n", format!("  {:<w$}", "carry on", w = stop.len())),
    ];
    let boxed = centered(area, 40, lines.len() as u16 + 2);
    lines::clear(frame.buffer_mut(), boxed);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
        boxed,
    );
}

/// The end-of-session card: `lines` centred, then the keys (or `closing`, when the
/// app is about to leave by itself), and the footer.
pub(crate) fn summary_card(
    frame: &mut Frame,
    app: &App,
    now: Moment,
    theme: &Theme,
    mut lines: Vec<Line<'static>>,
    closing: Option<String>,
) {
    let area = frame.area();
    lines.push(Line::raw(""));
    lines.push(match closing {
        Some(text) => Line::styled(text, theme.dim()),
        None => {
            // The keys that fit whole, help and quit last to go; a note for the
            // physiotherapist stays at 40 columns, in short words.
            let wide = area.width >= 80;
            let keys = [
                ("Enter", if wide { "start again" } else { "repeat" }),
                ("n", if wide { "note for your physio" } else { "note" }),
                ("h", "home"),
                ("?", "help"),
                ("q", "quit"),
            ];
            let mut spans = Vec::new();
            for (i, (key, what)) in fitting_keys(&keys, area.width).into_iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw("  "));
                }
                spans.push(Span::styled(key, theme.key()));
                spans.push(Span::raw(format!(" {what}")));
            }
            Line::from(spans)
        }
    });
    // As tall as its lines once wrapped, and one row under them for the footer.
    let width = usize::from(area.width.max(1));
    let rows: usize = lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::core::text::wrap(&text, width).len()
        })
        .sum();
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(1);
    let [_, body, rest] = split::column(
        area,
        [
            Constraint::Fill(1),
            Constraint::Length(height),
            Constraint::Fill(1),
        ],
    );
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        body,
    );
    let (_, foot) = split::bottom(rest, 1);
    // The keys are on the card, once; the footer line is for notices.
    footer(frame, foot, app, now, theme, &[]);
}

#[cfg(test)]
mod tests {
    use super::fitting_keys;

    const KEYS: &[(&str, &str)] = &[
        ("Space", "pause"),
        ("→", "next"),
        ("m", "mute"),
        ("?", "help"),
        ("q", "quit"),
    ];

    /// The box is the one ratatui's `Layout` centres, at every size.
    #[test]
    fn centred_boxes_are_where_the_constraint_solver_puts_them() {
        use ratatui::layout::{Constraint, Flex, Layout, Rect};
        let solved = |area: Rect, w: u16, h: u16| {
            let [row] = Layout::vertical([Constraint::Length(h.min(area.height))])
                .flex(Flex::Center)
                .areas(area);
            let [cell] = Layout::horizontal([Constraint::Length(w.min(area.width))])
                .flex(Flex::Center)
                .areas(row);
            cell
        };
        for size in 0..=130 {
            for (x, y) in [(0, 0), (3, 7)] {
                let area = Rect::new(x, y, size + 70, size);
                for n in 0..=size + 72 {
                    let (w, h) = (n, n / 2);
                    assert_eq!(
                        super::centered(area, w, h),
                        solved(area, w, h),
                        "{w}x{h} in {area:?}"
                    );
                    assert_eq!(
                        super::centered(area, h, n),
                        solved(area, h, n),
                        "{h}x{n} in {area:?}"
                    );
                }
            }
        }
        for width in 0..=600 {
            let area = Rect::new(1, 2, width, 160);
            for w in [0, 1, 2, 40, 60, 63, 64, 78, 599, 600, 601] {
                assert_eq!(
                    super::centered(area, w, 33),
                    solved(area, w, 33),
                    "{w} in {area:?}"
                );
            }
        }
    }

    #[test]
    fn key_hints_that_do_not_fit_drop_whole_from_before_help_and_quit() {
        // "Space pause  → next  m mute  ? help  q quit" is 43 columns.
        assert_eq!(fitting_keys(KEYS, 43), KEYS);
        let names = |w| -> Vec<&str> { fitting_keys(KEYS, w).iter().map(|k| k.0).collect() };
        assert_eq!(names(42), ["Space", "→", "?", "q"]);
        assert_eq!(names(28), ["Space", "?", "q"]);
        assert_eq!(names(5), ["?", "q"]);
    }
}
