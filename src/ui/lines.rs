//! Lines, boxes and lists written straight into the buffer, for what every
//! start draws (the home screen, its Today panel, the weekly check over it).
//! ratatui's `Paragraph`, `Block` and `List` split every line into graphemes
//! with unicode-segmentation, measure each one and style every cell of their
//! area, even with no style to give: most of what a frame of plain text costs.
//! Here text made only of characters that are each one grapheme one column
//! wide is written a cell at a time; anything else (wide, zero-width,
//! combining, emoji; a title or list item that is not left-aligned) is drawn
//! by the ratatui widget itself. Each function draws exactly what the widget
//! it names draws, every symbol and style (the tests compare them).

use std::ops::Range;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListState, Paragraph, StatefulWidget, Widget, Wrap};

/// The characters besides printable ASCII that supple's own text uses and
/// that are each a grapheme of their own beside any other simple character,
/// one column wide (a test checks each of them, in pairs, against ratatui's
/// segmentation and widths).
const PUNCTUATION: &[char] = &[
    '·', '…', '•', '▸', '←', '↑', '→', '↓', '✓', '×', 'é', '–', '—', '‘', '’', '“', '”', '›',
];

/// True for a character drawn in a cell of its own, as itself.
fn simple(c: char) -> bool {
    matches!(c, ' '..='~') || (!c.is_ascii() && PUNCTUATION.contains(&c))
}

/// True when `line` can be written a character a cell: every character
/// [`simple`].
fn plain(line: &Line<'_>) -> bool {
    line.spans.iter().all(|s| s.content.chars().all(simple))
}

/// `lines` in `area`, as `Paragraph::new(lines)` with no style of its own,
/// `.wrap(wrap)` when there is one and `.alignment(alignment)`, draws them:
/// from the top, each cut at the area's edge or wrapped at words, the rows
/// past its bottom not drawn.
pub(crate) fn paragraph(
    buf: &mut Buffer,
    area: Rect,
    lines: &[Line<'_>],
    wrap: Option<Wrap>,
    alignment: Alignment,
) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let mut y = area.top();
    for line in lines {
        if y >= area.bottom() {
            return;
        }
        let align = line.alignment.unwrap_or(alignment);
        if !plain(line) {
            // A paragraph lays out each of its lines on its own: this line
            // alone from this row down is what the whole paragraph draws there.
            let rest = Rect {
                y,
                height: area.bottom() - y,
                ..area
            };
            let alone = Paragraph::new(line.clone()).alignment(alignment);
            let (alone, rows) = match wrap {
                Some(wrap) => {
                    let alone = alone.wrap(wrap);
                    let rows = alone.line_count(area.width);
                    (alone, rows)
                }
                None => (alone, 1),
            };
            alone.render(rest, buf);
            y = y.saturating_add(u16::try_from(rows).unwrap_or(u16::MAX));
            continue;
        }
        match wrap {
            None => {
                // Cut at the edge; only a row placed from the right or the
                // middle needs its width first.
                let n = match align {
                    Alignment::Left => 0,
                    _ => line.spans.iter().map(|s| s.content.chars().count()).sum(),
                };
                let mut slots = row(buf, area, y, n, align).iter_mut();
                'spans: for span in &line.spans {
                    let style = line.style.patch(span.style);
                    for c in span.content.chars() {
                        let Some(cell) = slots.next() else {
                            break 'spans;
                        };
                        cell.set_char(c).set_style(style);
                    }
                }
                y += 1;
            }
            Some(Wrap { trim }) => {
                let count = line.spans.iter().map(|s| s.content.len()).sum();
                let mut all = Vec::with_capacity(count);
                for span in &line.spans {
                    let style = line.style.patch(span.style);
                    all.extend(span.content.chars().map(|c| (c, style)));
                }
                for wrapped in word_wrap(&all, usize::from(area.width), trim) {
                    if y >= area.bottom() {
                        return;
                    }
                    let cells = all.get(wrapped).unwrap_or_default();
                    let slots = row(buf, area, y, cells.len(), align);
                    for (cell, &(c, style)) in slots.iter_mut().zip(cells) {
                        cell.set_char(c).set_style(style);
                    }
                    y += 1;
                }
            }
        }
    }
}

/// `area` (where it is inside the buffer) reset, as `Clear` resets it: a row
/// of cells at a time, not each cell found by its place (a modal's box is a
/// fifth of the screen, cleared at every frame it is up).
pub(crate) fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        let start = usize::from(y - buf.area.y) * usize::from(buf.area.width)
            + usize::from(area.x - buf.area.x);
        if let Some(row) = buf.content.get_mut(start..start + usize::from(area.width)) {
            row.fill(Cell::EMPTY);
        }
    }
}

/// The cells of row `y` of `area` (inside the buffer) a row `width` wide
/// takes when the paragraph places it, up to the area's right edge: one slice
/// of the buffer, not an index computed and checked for each cell.
fn row(buf: &mut Buffer, area: Rect, y: u16, width: usize, alignment: Alignment) -> &mut [Cell] {
    let width = u16::try_from(width).unwrap_or(u16::MAX).min(area.width);
    let offset = match alignment {
        Alignment::Center => (area.width / 2).saturating_sub(width / 2),
        Alignment::Right => area.width.saturating_sub(width),
        Alignment::Left => 0,
    };
    let x = area.x.saturating_add(offset);
    if x >= area.right() || !buf.area.contains((x, y).into()) {
        return &mut [];
    }
    let start =
        usize::from(y - buf.area.y) * usize::from(buf.area.width) + usize::from(x - buf.area.x);
    let end = start + usize::from(area.right().min(buf.area.right()) - x);
    buf.content.get_mut(start..end).unwrap_or_default()
}

/// `cells` (each one column wide, only ' ' a space) in rows of at most `max`
/// columns, as ratatui's word wrapper lays a paragraph's line out (its steps,
/// one by one, with every width one). Its pending line, word and spaces are
/// each a run of consecutive cells, kept here as their ranges; each row is one.
fn word_wrap(cells: &[(char, Style)], max: usize, trim: bool) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    // The pending line, the pending word and the pending spaces.
    let mut line: Option<Range<usize>> = None;
    let (mut word, mut space) = (0..0, 0..0);
    let mut after_word = false;
    // `run` put after `line` (both runs of cells, `run` right after it).
    let join = |line: Option<Range<usize>>, run: &Range<usize>| match line {
        _ if run.is_empty() => line,
        Some(l) => Some(l.start..run.end),
        None => Some(run.clone()),
    };
    for (i, cell) in cells.iter().enumerate() {
        let is_space = cell.0 == ' ';
        let word_found = after_word && is_space;
        let starting = line.is_none();
        let trimmed_overflow = starting && trim && word.len() + 1 > max;
        let space_overflow = starting && trim && space.len() + 1 > max;
        let untrimmed_overflow = starting && !trim && word.len() + space.len() + 1 > max;
        if word_found || trimmed_overflow || space_overflow || untrimmed_overflow {
            if line.is_some() || !trim {
                line = join(line, &space);
            }
            line = join(line, &word);
            space = i..i;
            word = i..i;
        }
        let line_width = line.as_ref().map_or(0, Range::len);
        if line_width >= max || line_width + space.len() + word.len() >= max {
            let remaining = max.saturating_sub(line_width);
            rows.push(line.take().unwrap_or(i..i));
            // The pending spaces that fitted on the row go with it.
            space.start += remaining.min(space.len());
            if is_space && space.is_empty() {
                continue;
            }
        }
        if is_space {
            if space.is_empty() {
                space = i..i;
            }
            space.end = i + 1;
        } else {
            if word.is_empty() {
                word = i..i;
            }
            word.end = i + 1;
        }
        after_word = !is_space;
    }
    if line.is_none() && word.is_empty() && !space.is_empty() && trim {
        rows.push(0..0);
    }
    if line.is_some() || !trim {
        line = join(line, &space);
    }
    line = join(line, &word);
    if let Some(line) = line {
        rows.push(line);
    }
    if rows.is_empty() {
        rows.push(0..0);
    }
    rows
}

/// A box with `title` on its top border, as `Block::bordered().title(title)`
/// draws it, and the area inside it. The block would first give every cell of
/// the box its style, which is none.
pub(crate) fn boxed(buf: &mut Buffer, area: Rect, title: &Line<'_>) -> Rect {
    bordered(buf, area, title, Style::default())
}

/// [`boxed`] with its border (and the title's cells) in `border`, as
/// `.border_style(border)` draws it.
fn bordered(buf: &mut Buffer, area: Rect, title: &Line<'_>, border: Style) -> Rect {
    let area = area.intersection(buf.area);
    let block = Block::bordered().border_style(border);
    let inner = block.inner(area);
    if area.width < 2 || area.height < 2 || !left_plain(title) {
        block.title(title.clone()).render(area, buf);
        return inner;
    }
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let set = ratatui::symbols::border::PLAIN;
    for y in top + 1..bottom {
        buf[(left, y)]
            .set_symbol(set.vertical_left)
            .set_style(border);
        buf[(right, y)]
            .set_symbol(set.vertical_right)
            .set_style(border);
    }
    for x in left + 1..right {
        buf[(x, top)]
            .set_symbol(set.horizontal_top)
            .set_style(border);
        buf[(x, bottom)]
            .set_symbol(set.horizontal_bottom)
            .set_style(border);
    }
    buf[(left, top)].set_symbol(set.top_left).set_style(border);
    buf[(right, top)]
        .set_symbol(set.top_right)
        .set_style(border);
    buf[(left, bottom)]
        .set_symbol(set.bottom_left)
        .set_style(border);
    buf[(right, bottom)]
        .set_symbol(set.bottom_right)
        .set_style(border);
    // The title in the room it is given on the border, as wide as it is.
    let width: usize = title.spans.iter().map(|s| s.content.chars().count()).sum();
    let shown = u16::try_from(width).unwrap_or(u16::MAX).min(area.width - 2);
    line_widget(buf, Rect::new(left + 1, top, shown, 1), title);
    inner
}

/// True for a line [`line_widget`] draws itself: plain and left-aligned.
fn left_plain(line: &Line<'_>) -> bool {
    matches!(line.alignment, None | Some(Alignment::Left)) && plain(line)
}

/// A [`left_plain`] line in `row` (one row, inside the buffer), as the `Line`
/// widget draws itself there: nothing when it is empty, else its style over
/// the whole row, then each span's characters in the span's style, cut at the
/// row's end.
fn line_widget(buf: &mut Buffer, row: Rect, line: &Line<'_>) {
    if row.is_empty() || line.spans.iter().all(|s| s.content.is_empty()) {
        return;
    }
    buf.set_style(row, line.style);
    let mut x = row.x;
    for span in &line.spans {
        for c in span.content.chars() {
            if x >= row.right() {
                return;
            }
            buf[(x, row.y)].set_char(c).set_style(span.style);
            x += 1;
        }
    }
}

/// `items` a row each in a box titled `title`, its border in `border`, the
/// `selected` one (if any) in `highlight` and scrolled into view: what
/// `List::new(items).block(Block::bordered().title(title).border_style(border))
/// .highlight_style(highlight)` draws with a new `ListState` that has
/// `selected`; the offset that state is left with (the first row shown).
pub(crate) fn list(
    buf: &mut Buffer,
    area: Rect,
    (title, border): (Line<'_>, Style),
    items: Vec<Line<'_>>,
    (selected, highlight): (Option<usize>, Style),
) -> usize {
    let inside = area.intersection(buf.area) == area;
    if !inside || !left_plain(&title) || !items.iter().all(left_plain) {
        let list = List::new(items)
            .block(Block::bordered().title(title).border_style(border))
            .highlight_style(highlight);
        let mut state = ListState::default().with_selected(selected);
        StatefulWidget::render(list, area, buf, &mut state);
        return state.offset();
    }
    let inner = bordered(buf, area, &title, border);
    if inner.is_empty() || items.is_empty() {
        return 0;
    }
    // A selection past the end is the last item; the rows start where the
    // selected one is the last shown, when it is below the first `height`.
    let selected = selected.map(|s| s.min(items.len() - 1));
    let height = usize::from(inner.height);
    let first = selected.map_or(0, |s| (s + 1).saturating_sub(height));
    for ((i, line), y) in items.iter().enumerate().skip(first).zip(inner.rows()) {
        line_widget(buf, y, line);
        if selected == Some(i) {
            buf.set_style(y, highlight);
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::Span;

    /// Characters from every family that draws differently: the simple ones,
    /// wide (CJK, emoji), zero-width (combining marks, ZWJ, variation
    /// selectors), controls, regional indicators.
    const CHARS: &[char] = &[
        'a',
        'Z',
        ' ',
        '~',
        '.',
        '·',
        '…',
        '•',
        '▸',
        '←',
        '↑',
        '→',
        '↓',
        '✓',
        '×',
        'é',
        '–',
        '—',
        '‘',
        '’',
        '“',
        '”',
        '›',
        '字',
        '🧘',
        '\u{301}',
        '\u{200d}',
        '\u{fe0f}',
        '\u{200b}',
        '\t',
        '\n',
        '\u{1b}',
        '\u{7f}',
        '\u{ad}',
        '\u{1f1eb}',
        '\u{1f1f7}',
        '♥',
        '█',
        'ñ',
    ];

    fn styles() -> impl Strategy<Value = Style> {
        prop_oneof![
            Just(Style::default()),
            Just(Style::new().fg(Color::Yellow)),
            Just(Style::new().add_modifier(Modifier::BOLD)),
            Just(
                Style::new()
                    .bg(Color::Blue)
                    .add_modifier(Modifier::REVERSED)
            ),
            Just(Style::new().remove_modifier(Modifier::BOLD).fg(Color::Red)),
        ]
    }

    /// Mostly text of simple characters only (the fast path), else a mix of
    /// every family.
    fn text() -> impl Strategy<Value = String> {
        let simple = prop::collection::vec(
            prop_oneof![3 => prop::sample::select(&CHARS[..23]), 2 => Just(' ')],
            0..24,
        );
        let mixed = prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(&CHARS[..23]),
                2 => Just(' '),
                1 => prop::sample::select(CHARS),
            ],
            0..24,
        );
        prop_oneof![6 => simple, 1 => mixed].prop_map(|c| c.into_iter().collect())
    }

    fn line() -> impl Strategy<Value = Line<'static>> {
        (
            prop::collection::vec((text(), styles()), 0..4),
            styles(),
            prop_oneof![
                4 => Just(None),
                1 => Just(Some(Alignment::Left)),
                1 => Just(Some(Alignment::Center)),
                1 => Just(Some(Alignment::Right)),
            ],
        )
            .prop_map(|(spans, style, alignment)| {
                let mut line = Line::from(
                    spans
                        .into_iter()
                        .map(|(t, s)| Span::styled(t, s))
                        .collect::<Vec<_>>(),
                )
                .style(style);
                line.alignment = alignment;
                line
            })
    }

    /// A buffer with something in every cell already, so that a cell left
    /// alone and a cell written differ.
    fn filled(area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let c = char::from(b'a' + u8::try_from((x + y) % 26).unwrap_or(0));
                buf[(x, y)]
                    .set_char(c)
                    .set_style(Style::new().fg(Color::Green).add_modifier(Modifier::ITALIC));
            }
        }
        buf
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn lines_are_what_a_paragraph_draws(
            lines in prop::collection::vec(line(), 0..6),
            (x, y, w, h) in (0u16..6, 0u16..4, 0u16..30, 0u16..8),
            wrap in prop_oneof![
                Just(None),
                Just(Some(Wrap { trim: false })),
                Just(Some(Wrap { trim: true })),
            ],
            alignment in prop_oneof![
                Just(Alignment::Left),
                Just(Alignment::Center),
                Just(Alignment::Right),
            ],
        ) {
            let screen = Rect::new(0, 0, 24, 9);
            let area = Rect::new(x, y, w, h);
            let mut ours = filled(screen);
            paragraph(&mut ours, area, &lines, wrap, alignment);
            let mut theirs = filled(screen);
            let widget = Paragraph::new(lines.clone()).alignment(alignment);
            let widget = match wrap {
                Some(wrap) => widget.wrap(wrap),
                None => widget,
            };
            widget.render(area, &mut theirs);
            prop_assert_eq!(ours, theirs, "{:?} in {:?}, {:?}", lines, area, wrap);
        }

        #[test]
        fn a_cleared_area_is_what_clear_leaves(
            (x, y, w, h) in (0u16..30, 0u16..12, 0u16..30, 0u16..12),
        ) {
            let screen = Rect::new(2, 1, 24, 9);
            let area = Rect::new(x, y, w, h);
            let mut ours = filled(screen);
            clear(&mut ours, area);
            let mut theirs = filled(screen);
            ratatui::widgets::Clear.render(area.intersection(screen), &mut theirs);
            prop_assert_eq!(ours, theirs, "{:?}", area);
        }

        #[test]
        fn boxes_are_what_a_block_draws(
            title in line(),
            (x, y, w, h) in (0u16..6, 0u16..4, 0u16..30, 0u16..8),
        ) {
            let screen = Rect::new(0, 0, 24, 9);
            let area = Rect::new(x, y, w, h);
            let mut ours = filled(screen);
            let inner = boxed(&mut ours, area, &title);
            let mut theirs = filled(screen);
            let block = Block::bordered().title(title.clone());
            let area = area.intersection(screen);
            prop_assert_eq!(inner, block.inner(area));
            block.render(area, &mut theirs);
            prop_assert_eq!(ours, theirs, "{:?} in {:?}", title, area);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn lists_are_what_a_list_draws(
            items in prop::collection::vec(line(), 0..14),
            title in line(),
            (border, highlight) in (styles(), styles()),
            selected in prop::option::of(0usize..16),
            (x, y, w, h) in (0u16..6, 0u16..4, 0u16..30, 0u16..12),
        ) {
            let screen = Rect::new(0, 0, 24, 12);
            let area = Rect::new(x, y, w, h);
            let mut ours = filled(screen);
            let offset = list(
                &mut ours,
                area,
                (title.clone(), border),
                items.clone(),
                (selected, highlight),
            );
            let mut theirs = filled(screen);
            let widget = List::new(items.clone())
                .block(Block::bordered().title(title.clone()).border_style(border))
                .highlight_style(highlight);
            let mut state = ListState::default().with_selected(selected);
            StatefulWidget::render(widget, area, &mut theirs, &mut state);
            prop_assert_eq!(offset, state.offset());
            prop_assert_eq!(ours, theirs, "{:?} {:?} in {:?}, {:?}", title, items, area, selected);
        }
    }

    /// Each simple character beside each other one (and itself) is two cells
    /// of one column, as ratatui's segmentation and widths draw them.
    #[test]
    fn simple_characters_are_each_a_cell_beside_any_other() {
        let all: Vec<char> = (' '..='~').chain(PUNCTUATION.iter().copied()).collect();
        assert!(all.iter().all(|&c| simple(c)));
        assert!(CHARS[23..].iter().all(|&c| !simple(c)));
        for &a in &all {
            for &b in &all {
                let text = format!("{a}{b}");
                let line = Line::raw(text.clone());
                let area = Rect::new(0, 0, 3, 1);
                let mut ours = filled(area);
                paragraph(
                    &mut ours,
                    area,
                    std::slice::from_ref(&line),
                    None,
                    Alignment::Left,
                );
                let mut theirs = filled(area);
                Paragraph::new(line).render(area, &mut theirs);
                assert_eq!(ours, theirs, "{text:?}");
                assert_eq!(theirs[(0, 0)].symbol(), a.to_string(), "{text:?}");
                assert_eq!(theirs[(1, 0)].symbol(), b.to_string(), "{text:?}");
            }
        }
    }
}
