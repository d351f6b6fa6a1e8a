//! What changed between the frame a terminal shows and the next one: the cells
//! to write, in order, as `(x, y, cell)`.
//!
//! They are the cells ratatui's `Buffer::diff` gives, wide characters and all (a
//! property test holds the two together); what differs is the cost. ratatui
//! measures the width of every cell it looks at through unicode-width, about 85
//! instructions for each box-drawing, block or other multi-byte symbol: on the
//! history screen's first frame, a tenth of all the instructions to it. Here a
//! multi-byte symbol's width is measured the same way once and then looked up.

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::style::{Color, Modifier};

/// Styles a blank cell still shows: after a wide character in such a style is
/// replaced by a narrow one, its second column is written again.
const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

/// The cells of `next` that differ from `shown`, for a terminal that shows
/// `shown`. Both are of the same area (a frame and the one before it: the
/// painter makes them so); ratatui's diff refuses others. Given others, this
/// compares cells by their index as far as both go, and does not panic.
pub fn changes<'s, 'n>(shown: &'s Buffer, next: &'n Buffer) -> Changes<'s, 'n> {
    let len = shown.content.len().min(next.content.len());
    Changes {
        shown: &shown.content[..len],
        next: &next.content[..len],
        x: next.area.x,
        y: next.area.y,
        width: usize::from(next.area.width.min(shown.area.width)),
        pos: 0,
        trailing: None,
        widths: Widths::default(),
    }
}

pub struct Changes<'s, 'n> {
    shown: &'s [Cell],
    next: &'n [Cell],
    x: u16,
    y: u16,
    width: usize,
    /// The next cell to look at.
    pos: usize,
    /// The columns after a wide character still to look at.
    trailing: Option<Trailing>,
    widths: Widths,
}

/// The columns `from..end` after a wide character, which are written if they
/// changed (or, with `force`, whatever they hold: the character before them
/// left its style there).
#[derive(Clone, Copy)]
struct Trailing {
    from: usize,
    end: usize,
    force: bool,
}

impl<'n> Changes<'_, 'n> {
    fn at(&self, index: usize, cell: &'n Cell) -> (u16, u16, &'n Cell) {
        let column = index % self.width.max(1);
        let row = index / self.width.max(1);
        // A buffer's cells fit its area, whose corners are u16.
        let x = self
            .x
            .saturating_add(u16::try_from(column).unwrap_or(u16::MAX));
        let y = self
            .y
            .saturating_add(u16::try_from(row).unwrap_or(u16::MAX));
        (x, y, cell)
    }

    /// The next change among the columns after a wide character, if any.
    fn trailing(&mut self, mut t: Trailing) -> Option<(u16, u16, &'n Cell)> {
        let len = self.next.len();
        while t.from < t.end {
            let j = t.from;
            let (Some(next), Some(shown)) = (self.next.get(j), self.shown.get(j)) else {
                break;
            };
            // A wide character here has its own second column, passed over too.
            t.from += self.widths.of(next).max(1);
            t.end = t.end.max(t.from).min(len);
            if !skipped(next) && (t.force || shown.symbol() != next.symbol()) {
                self.trailing = Some(t);
                return Some(self.at(j, next));
            }
        }
        self.pos = t.end;
        None
    }
}

impl<'n> Iterator for Changes<'_, 'n> {
    type Item = (u16, u16, &'n Cell);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(t) = self.trailing.take()
            && let Some(change) = self.trailing(t)
        {
            return Some(change);
        }
        let len = self.next.len();
        while let (Some(next), Some(shown)) = (self.next.get(self.pos), self.shown.get(self.pos)) {
            let i = self.pos;
            self.pos += 1;
            if skipped(next) {
                continue;
            }
            if let CellDiffOption::ForcedWidth(width) = next.diff_option {
                self.pos = self.pos.saturating_add(usize::from(width.get()) - 1);
                if next != shown {
                    return Some(self.at(i, next));
                }
                continue;
            }
            let width = self.widths.of(next);
            if next.diff_option == CellDiffOption::None && next == shown {
                self.pos += width.saturating_sub(1);
                continue;
            }
            let was = self.widths.of(shown);
            if width > 1 && next.symbol().contains('\u{FE0F}') {
                // An emoji shown with VS16: some terminals leave its second
                // column as it was, so that column is written when it changed.
                self.trailing = Some(Trailing {
                    from: i + 1,
                    end: (i + width).min(len),
                    force: false,
                });
            } else if width > 1 {
                self.pos += width - 1;
            } else if was > width
                && (shown.bg != Color::Reset || shown.modifier.intersects(VISIBLE_ON_BLANK))
            {
                self.trailing = Some(Trailing {
                    from: i + 1,
                    end: i + was,
                    force: true,
                });
            }
            return Some(self.at(i, next));
        }
        None
    }
}

/// Whether a cell is left as the terminal has it.
#[allow(deprecated)] // `skip` is how a cell said so before `CellDiffOption::Skip`.
fn skipped(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// The widths of the multi-byte symbols of up to 7 bytes met so far, each in the
/// slot its bytes hash to. A slot holds the symbol's bytes with its length in the
/// last byte, so no other symbol matches it; the slots start as the empty
/// symbol's, whose width is 0.
#[derive(Default)]
struct Widths {
    slots: [(u64, u16); 16],
}

impl Widths {
    /// How many columns `cell` takes, as ratatui's `CellWidth` says.
    fn of(&mut self, cell: &Cell) -> usize {
        if let CellDiffOption::ForcedWidth(width) = cell.diff_option {
            return usize::from(width.get());
        }
        let symbol = cell.symbol();
        let bytes = symbol.as_bytes();
        if bytes.len() == 1 {
            return 1;
        }
        if bytes.len() > 7 {
            return usize::from(symbol.cell_width());
        }
        let mut key = [0u8; 8];
        key[..bytes.len()].copy_from_slice(bytes);
        key[7] = bytes.len() as u8;
        let key = u64::from_le_bytes(key);
        let slot = &mut self.slots[(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize];
        if slot.0 != key {
            *slot = (key, symbol.cell_width());
        }
        usize::from(slot.1)
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    use super::*;

    /// Symbols of every kind the diff tells apart: one byte, box drawing and
    /// blocks (narrow, several bytes), wide, an emoji with VS16, halfwidth
    /// katakana with its sound mark (which ratatui counts as a column of its
    /// own), a combining accent, a zero-width space, a family emoji (more
    /// than 7 bytes).
    const SYMBOLS: [&str; 14] = [
        "a",
        " ",
        "─",
        "│",
        "█",
        "▏",
        "字",
        "あ",
        "🏃",
        "❤\u{FE0F}",
        "ｶﾞ",
        "e\u{301}",
        "\u{200B}",
        "👩\u{200D}👩\u{200D}👧",
    ];
    const COLORS: [Color; 3] = [Color::Reset, Color::Red, Color::Blue];
    const MODIFIERS: [Modifier; 4] = [
        Modifier::empty(),
        Modifier::BOLD,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
    ];

    /// Text written at a place in a style, as views write it (`set_string`,
    /// which never lets a wide character cross the edge).
    #[derive(Debug, Clone)]
    struct Run {
        x: u16,
        y: u16,
        symbols: Vec<usize>,
        fg: usize,
        bg: usize,
        modifier: usize,
    }

    /// A cell told how to be diffed: 0 skip (the old flag), 1 skip, 2 always
    /// update, 3 and 4 a forced width of 1 and 2.
    #[derive(Debug, Clone)]
    struct Option_ {
        at: usize,
        kind: u8,
    }

    fn run() -> impl Strategy<Value = Run> {
        (
            0u16..12,
            0u16..4,
            prop::collection::vec(0..SYMBOLS.len(), 0..8),
            0..COLORS.len(),
            0..COLORS.len(),
            0..MODIFIERS.len(),
        )
            .prop_map(|(x, y, symbols, fg, bg, modifier)| Run {
                x,
                y,
                symbols,
                fg,
                bg,
                modifier,
            })
    }

    fn options() -> impl Strategy<Value = Vec<Option_>> {
        prop::collection::vec(
            (0usize..48, 0u8..5).prop_map(|(at, kind)| Option_ { at, kind }),
            0..3,
        )
    }

    #[allow(deprecated)]
    fn buffer(area: Rect, runs: &[&[Run]], options: &[Option_]) -> Buffer {
        let mut buffer = Buffer::empty(area);
        for run in runs.iter().flat_map(|r| r.iter()) {
            let text: String = run.symbols.iter().map(|&s| SYMBOLS[s]).collect();
            let style = Style::new()
                .fg(COLORS[run.fg])
                .bg(COLORS[run.bg])
                .add_modifier(MODIFIERS[run.modifier]);
            if run.x < area.width && run.y < area.height {
                buffer.set_string(run.x, run.y, text, style);
            }
        }
        let len = buffer.content.len();
        for option in options {
            let at = option.at % len;
            // Two columns forced on the last cell leave the buffer, where
            // ratatui's diff reads past its end (ours stops there).
            if option.kind == 4 && at == len - 1 {
                continue;
            }
            let cell = &mut buffer.content[at];
            match option.kind {
                0 => cell.skip = true,
                1 => cell.diff_option = CellDiffOption::Skip,
                2 => cell.diff_option = CellDiffOption::AlwaysUpdate,
                kind => {
                    let width = NonZeroU16::new(u16::from(kind) - 2).unwrap();
                    cell.diff_option = CellDiffOption::ForcedWidth(width);
                }
            }
        }
        buffer
    }

    fn owned<'a>(changes: impl Iterator<Item = (u16, u16, &'a Cell)>) -> Vec<(u16, u16, Cell)> {
        changes.map(|(x, y, cell)| (x, y, cell.clone())).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_changes_are_those_ratatui_s_diff_gives(
            (width, height) in (1u16..12, 1u16..4),
            (x, y) in (0u16..3, 0u16..3),
            both in prop::collection::vec(run(), 0..6),
            shown_only in prop::collection::vec(run(), 0..4),
            next_only in prop::collection::vec(run(), 0..4),
            shown_options in options(),
            next_options in options(),
        ) {
            let area = Rect::new(x, y, width, height);
            let local = Rect::new(0, 0, width, height);
            let mut shown = buffer(local, &[&both, &shown_only], &shown_options);
            let mut next = buffer(local, &[&both, &next_only], &next_options);
            shown.area = area;
            next.area = area;
            prop_assert_eq!(owned(changes(&shown, &next)), owned(shown.diff(&next).into_iter()));
        }
    }

    #[test]
    fn a_width_that_leaves_the_buffer_ends_the_changes() {
        let mut shown = Buffer::with_lines(["ab"]);
        shown.content[1].diff_option =
            CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1));
        shown.content[1].bg = Color::Red;
        let next = Buffer::with_lines(["ac"]);
        let changes: Vec<_> = changes(&shown, &next)
            .map(|(x, y, c)| (x, y, c.symbol()))
            .collect();
        assert_eq!(changes, [(1, 0, "c")]);
    }

    #[test]
    fn a_symbol_s_width_is_ratatui_s_whatever_the_table_held_before() {
        let mut widths = Widths::default();
        // Twice over, so that the second round reads what the first put in the
        // slots, after every other symbol has had its turn at them.
        for _ in 0..2 {
            for symbol in SYMBOLS.iter().chain(&["", "ab", "─a", "字字", "\u{FF9E}"]) {
                let mut cell = Cell::default();
                cell.set_symbol(symbol);
                assert_eq!(
                    widths.of(&cell),
                    usize::from(symbol.cell_width()),
                    "{symbol:?}"
                );
            }
        }
    }
}
