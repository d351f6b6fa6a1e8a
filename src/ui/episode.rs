//! The questions that start an episode from the home screen: when it began, then
//! each red-flag question, and the plain answer to a "yes".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{Asking, EpisodeQuestions, WHEN};
use crate::core::episode::Flag;

pub fn draw(frame: &mut Frame, area: Rect, q: &EpisodeQuestions, theme: &Theme) {
    let key = |k: &'static str| Span::styled(k, theme.key());
    let (title, lines) = match q.asking {
        Asking::When(chosen) => {
            let mut lines = vec![
                Line::styled("When did the pain begin?", theme.bold()),
                Line::raw(""),
            ];
            for (i, (label, _)) in WHEN.iter().enumerate() {
                let style = if i == chosen {
                    theme.selected()
                } else {
                    ratatui::style::Style::default()
                };
                let mark = if i == chosen { "▸ " } else { "  " };
                lines.push(Line::styled(format!("{mark}{label}"), style));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                key("↑↓"),
                Span::raw(" choose  "),
                key("Enter"),
                Span::raw(" next  "),
                key("Esc"),
                Span::raw(" cancel"),
            ]));
            (" My back hurts: start an episode ", lines)
        }
        Asking::Flag(n) => {
            let flag = Flag::ALL[n];
            let lines = vec![
                Line::styled(
                    format!("Question {} of {}", n + 1, Flag::ALL.len()),
                    theme.dim(),
                ),
                Line::raw(""),
                Line::styled(flag.question(), theme.bold()),
                Line::raw(""),
                Line::from(vec![
                    key("y"),
                    Span::raw(" yes   "),
                    key("n"),
                    Span::raw(" or "),
                    key("Enter"),
                    Span::raw(" no"),
                ]),
            ];
            (" A few questions, once ", lines)
        }
        Asking::Said(n) => {
            let flag = Flag::ALL[n];
            let style = if flag.urgent() {
                theme.warning()
            } else {
                theme.bold()
            };
            let lines = vec![
                Line::styled(flag.advice(), style),
                Line::raw(""),
                Line::raw("It is kept with the episode, and Today keeps it in view."),
                Line::raw(""),
                Line::from(vec![key("Enter"), Span::raw(" go on")]),
            ];
            (" Please see a doctor ", lines)
        }
    };
    // As tall as its lines once wrapped.
    let inner = usize::from(area.width.min(64).saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| crate::core::text::wrap(&l.to_string(), inner).len().max(1))
        .sum();
    let boxed = super::centered(
        area,
        64,
        u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2),
    );
    frame.render_widget(Clear, boxed);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        boxed,
    );
}
