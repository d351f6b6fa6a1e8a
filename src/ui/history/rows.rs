//! Lines one a row, cell for cell and style for style as
//! `Paragraph::new(lines).style(style)` draws them (no wrapping, no scrolling;
//! the tests compare the two): the paragraph's style set on the area, then the
//! lines as [`crate::ui::lines::paragraph`] writes them straight into the buffer.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

/// `lines` in `area` from its top row, each cut at the right edge, over
/// `style` set on every cell of `area` (as the paragraph's own style).
pub fn draw(buf: &mut Buffer, area: Rect, lines: &[Line<'_>], style: Style) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    if style != Style::default() {
        buf.set_style(area, style);
    }
    crate::ui::lines::paragraph(buf, area, lines, None, Alignment::Left);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    fn theirs(area: Rect, lines: &[Line<'static>], style: Style) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 8));
        // Something under the text, to see what is written over and what is kept.
        for (i, cell) in buf.content.iter_mut().enumerate() {
            cell.set_char(if i % 3 == 0 { '·' } else { 'x' })
                .set_fg(Color::Green);
        }
        let mut ours = buf.clone();
        Paragraph::new(lines.to_vec())
            .style(style)
            .render(area, &mut buf);
        draw(&mut ours, area, lines, style);
        assert_eq!(ours, buf, "{area:?} {lines:?} {style:?}");
        buf
    }

    const PIECES: [&str; 22] = [
        "\u{600}1",
        "1\u{fe0f}\u{20e3}",
        "🇫🇷🇩",
        "a\u{200d}",
        "\u{200d}b",
        "x\u{301}\u{301}yz",
        "ab\r",
        "\ncd\u{600}",
        "pain 4 → 2",
        " 11-23 13:00  ",
        "字",
        "e\u{301}",
        "a\r\nb",
        "\t",
        "👍🏽",
        "\u{200b}",
        "·",
        "finished",
        "",
        " ",
        "ｶﾞ",
        "☃\u{fe0f}x",
    ];
    const STYLES: [Style; 4] = [
        Style::new(),
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        Style::new().bg(Color::Red).remove_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::DIM),
    ];

    fn line(spans: &[(usize, usize)], line_style: usize, alignment: usize) -> Line<'static> {
        let mut line = Line::from(
            spans
                .iter()
                .map(|&(p, s)| Span::styled(PIECES[p], STYLES[s]))
                .collect::<Vec<_>>(),
        )
        .style(STYLES[line_style]);
        line.alignment = [None, Some(Alignment::Left), Some(Alignment::Center)][alignment];
        line
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        /// Every cell, symbol and style, as the paragraph draws it: any text
        /// (ASCII, wide, combining, zero-width, control characters), any
        /// styles of span, line and paragraph, any area in or out of the buffer.
        #[test]
        fn the_cells_are_the_paragraphs(
            lines in proptest::collection::vec(
                (
                    proptest::collection::vec((0..PIECES.len(), 0..STYLES.len()), 0..6),
                    0..STYLES.len(),
                    0usize..3,
                ),
                0..10,
            ),
            style in 0..STYLES.len(),
            x in 0u16..26,
            y in 0u16..9,
            width in 0u16..30,
            height in 0u16..10,
        ) {
            let lines: Vec<Line<'static>> =
                lines.iter().map(|(s, l, a)| line(s, *l, *a)).collect();
            theirs(Rect::new(x, y, width, height), &lines, STYLES[style]);
        }
    }

    #[test]
    fn a_table_row_and_a_cut_one_are_the_paragraphs() {
        let row = Line::from(vec![
            Span::raw(" 11-23 13:00  "),
            Span::raw("back-spasm-relief  "),
            Span::raw("12m 5s  "),
            Span::styled("finished", STYLES[1]),
            Span::raw("  pain 4 → 2"),
        ]);
        for width in 0..24 {
            let drawn = theirs(
                Rect::new(0, 1, width, 3),
                std::slice::from_ref(&row),
                Style::new(),
            );
            if width > 3 {
                assert_eq!(drawn[(1, 1)].symbol(), "1");
            }
        }
    }
}
