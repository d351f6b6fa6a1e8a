//! Lines written straight into the buffer, one a row, cell for cell and style
//! for style as `Paragraph::new(lines).style(style)` draws them (no wrapping,
//! no scrolling; the tests compare the two), without the paragraph's passes
//! over the whole area, its line composer and a grapheme segmentation of text
//! that is plain ASCII (a third of the history screen's drawing went there).

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

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
    for (y, line) in (area.top()..area.bottom()).zip(lines) {
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        match line.alignment {
            None | Some(Alignment::Left) => left(buf, row, line),
            // Centred and right-aligned lines are rare here: the widget's way.
            Some(_) => Paragraph::new(line.clone()).render(row, buf),
        }
    }
}

/// One left-aligned line in `row`: `LineTruncator` then `render_line`.
fn left(buf: &mut Buffer, row: Rect, line: &Line<'_>) {
    let mut x = 0u16;
    let base = Style::default().patch(line.style);
    for span in &line.spans {
        let style = base.patch(span.style);
        let text: &str = span.content.as_ref();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A printable ASCII character followed by another ASCII one (or
            // the end) is a grapheme of one column: no rule joins it to the
            // next, and it joins to the one before only after a prepended
            // mark, which the text around non-ASCII ones below takes with it.
            // (A "\r\n" pair is one grapheme, but the paragraph leaves out
            // every grapheme holding a control character, so both go either way.)
            let run = bytes[i..].iter().position(|b| !b.is_ascii());
            let plain_end = match run {
                None => bytes.len(),
                Some(0) => i,
                // Its last character may take a combining mark after it.
                Some(n) => i + n - 1,
            };
            for (k, b) in bytes.iter().enumerate().take(plain_end).skip(i) {
                if b.is_ascii_control() {
                    continue;
                }
                let Some(symbol) = text.get(k..=k) else {
                    continue;
                };
                if !put(buf, row, &mut x, symbol, style) {
                    return;
                }
            }
            if plain_end == bytes.len() {
                break;
            }
            // The rest up to an ASCII character followed by ASCII or the end
            // (that one included): segmented as the paragraph segments it.
            let mut end = plain_end + 1;
            while end < bytes.len() && !(bytes[end - 1].is_ascii() && bytes[end].is_ascii()) {
                end += 1;
            }
            let Some(piece) = text.get(plain_end..end) else {
                return;
            };
            for g in Span::raw(piece).styled_graphemes(style) {
                if !put(buf, row, &mut x, g.symbol, g.style) {
                    return;
                }
            }
            i = end;
        }
    }
}

/// A grapheme at column `x` of `row`, as the paragraph places one: left out
/// when wider than the row, the line's end when it does not fit. False there.
fn put(buf: &mut Buffer, row: Rect, x: &mut u16, symbol: &str, style: Style) -> bool {
    let width = if symbol.len() == 1 {
        1
    } else {
        symbol.cell_width()
    };
    if width > row.width {
        return true;
    }
    if *x + width > row.width {
        return false;
    }
    if width > 0 {
        buf[(row.x + *x, row.y)].set_symbol(symbol).set_style(style);
    }
    *x += width;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};

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
