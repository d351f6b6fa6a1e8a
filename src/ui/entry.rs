//! A line typed over the screen: a note for the physiotherapist, an activity the
//! person finds hard, its rating 0-10 (the Patient-Specific Functional Scale's
//! anchors under it). In a small window the lines that only explain go first; the
//! question, the line typed and the keys stay.

use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthChar;

use super::theme::Theme;
use crate::app::{Entry, EntryRound, Typing};
use crate::core::function::{AGAIN_ASK, HIGH, LOW, MAX_ACTIVITIES, NAME_ASK};
use crate::ui::Frame;

/// The box's widest.
const WIDE: u16 = 64;

/// The end of `text` that fits in `width` columns, after the prompt and before
/// the cursor.
fn tail(text: &str, width: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

/// A line being typed, as the home screen's filter and the box over a screen
/// show it: `prompt`, then as much of the end of `text` as fits in `width`
/// columns in all, then the cursor while it is typed.
pub(super) fn field(
    prompt: &'static str,
    text: &str,
    typing: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let room = width.saturating_sub(prompt.chars().count() + usize::from(typing));
    let mut spans = vec![
        Span::styled(prompt, theme.key()),
        Span::styled(tail(text, room), theme.bold()),
    ];
    if typing {
        spans.push(Span::styled("▏", theme.key()));
    }
    spans
}

pub fn draw(frame: &mut Frame, area: Rect, e: &Entry, theme: &Theme) {
    let key = |k: &'static str| Span::styled(k, theme.key());
    let inner = usize::from(area.width.min(WIDE).saturating_sub(2)).max(1);
    let field = Line::from(field(
        "› ",
        e.line.as_str(),
        true,
        inner.saturating_sub(1),
        theme,
    ));
    // (line, whether it may go in a short window)
    let mut rows: Vec<(Line<'static>, bool)> = Vec::new();
    let title = match (&e.typing, e.round) {
        (Typing::Note, _) => " A note for your physiotherapist ".to_owned(),
        (Typing::Name(i), _) => {
            format!(" Activities you find hard ({} of {MAX_ACTIVITIES}) ", i + 1)
        }
        (Typing::Score(_), EntryRound::Weekly) => " This week's ratings ".to_owned(),
        (Typing::Score(_), _) => " Rate it, 0-10 ".to_owned(),
    };
    match &e.typing {
        Typing::Note => {
            rows.push((
                Line::styled("In your words, dated today:", theme.bold()),
                false,
            ));
            rows.push((
                Line::raw("supple report lists it for your physiotherapist."),
                true,
            ));
            rows.push((field, false));
            rows.push((Line::raw(""), true));
            rows.push((
                Line::from(vec![
                    key("Enter"),
                    Span::raw(" save   "),
                    key("Esc"),
                    Span::raw(" cancel"),
                ]),
                false,
            ));
        }
        Typing::Name(i) => {
            if *i == 0 {
                rows.push((
                    Line::raw("Optional, for you and your physiotherapist: the Patient-Specific Functional Scale."),
                    true,
                ));
            }
            rows.push((Line::styled(NAME_ASK, theme.bold()), false));
            rows.push((field, false));
            rows.push((Line::raw(""), true));
            rows.push((
                Line::from(vec![
                    key("Enter"),
                    Span::raw(" next   "),
                    key("Enter"),
                    Span::raw(" on an empty line: no more   "),
                    key("Esc"),
                    Span::raw(" stop"),
                ]),
                false,
            ));
        }
        Typing::Score(_) => {
            let activity = e.rating().unwrap_or_default().to_owned();
            if e.round == EntryRound::Weekly {
                rows.push((Line::raw(AGAIN_ASK), false));
            }
            rows.push((Line::styled(activity, theme.bold()), false));
            rows.push((Line::raw(LOW), false));
            rows.push((Line::raw(HIGH), false));
            if e.wrong {
                rows.push((
                    Line::styled("A whole number from 0 to 10, please.", theme.warning()),
                    false,
                ));
            }
            rows.push((field, false));
            rows.push((Line::raw(""), true));
            rows.push((
                Line::from(vec![
                    key("0-10"),
                    Span::raw(" then "),
                    key("Enter"),
                    Span::raw("   "),
                    key("Enter"),
                    Span::raw(" alone skips   "),
                    key("Esc"),
                    Span::raw(" stop"),
                ]),
                false,
            ));
        }
    }
    // Drop the spare lines, last first, until the box fits.
    let fits = |rows: &[(Line<'static>, bool)]| {
        let lines: Vec<Line<'static>> = rows.iter().map(|(l, _)| l.clone()).collect();
        super::wrapped_rows(&lines, inner) + 2 <= usize::from(area.height)
    };
    while !fits(&rows) {
        match rows.iter().rposition(|(_, spare)| *spare) {
            Some(i) => {
                rows.remove(i);
            }
            None => break,
        }
    }
    let lines: Vec<Line<'static>> = rows.into_iter().map(|(l, _)| l).collect();
    let height = super::wrapped_rows(&lines, inner).saturating_add(2);
    let boxed = super::centered(area, WIDE, u16::try_from(height).unwrap_or(u16::MAX));
    // A column either side too, so no half word of the screen under it touches
    // the border.
    let margin = Rect {
        x: boxed.x.saturating_sub(1),
        width: boxed.width.saturating_add(2),
        ..boxed
    }
    .intersection(area);
    crate::ui::lines::clear(frame.buffer_mut(), margin);
    crate::ui::lines::clear(frame.buffer_mut(), boxed);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title)),
        boxed,
    );
}
