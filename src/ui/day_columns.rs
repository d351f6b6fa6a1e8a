//! Where the history screen's day chart puts each day's bar and its date label.

/// Where the days go in a plot `width` columns wide: the most recent `count`
/// days that fit, each `cell` columns apart with a bar `bar` columns wide, the
/// last at the right edge. Bars and their date labels are both placed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayColumns {
    /// Days shown (the most recent ones).
    pub count: usize,
    /// Columns from one day's bar to the next.
    pub cell: u16,
    /// Columns of one bar.
    pub bar: u16,
    /// Columns left empty before the first bar.
    pub offset: u16,
}

impl DayColumns {
    pub fn new(days: usize, width: u16) -> DayColumns {
        let count = days.min(usize::from(width)).max(1);
        let cell = u16::try_from(usize::from(width) / count)
            .unwrap_or(1)
            .clamp(1, 4);
        let bar = if cell >= 2 { cell - 1 } else { 1 };
        let used = u16::try_from(count)
            .unwrap_or(u16::MAX)
            .saturating_mul(cell);
        DayColumns {
            count,
            cell,
            bar,
            offset: width.saturating_sub(used),
        }
    }

    /// The first column of day `i`'s bar (0 is the oldest shown), from the plot's left.
    pub fn bar_x(&self, i: usize) -> u16 {
        let i = u16::try_from(i).unwrap_or(u16::MAX);
        self.offset.saturating_add(i.saturating_mul(self.cell))
    }

    /// Where a label `len` columns wide for day `i` starts: centred on the bar,
    /// kept inside `0..width + left` (the plot plus the `left` columns of the
    /// minute labels before it), as a column from the plot's left (may be negative).
    pub fn label_x(&self, i: usize, len: u16, left: u16, width: u16) -> i32 {
        let centre = i32::from(self.bar_x(i)) + i32::from(self.bar) / 2;
        let x = centre - i32::from(len) / 2;
        x.clamp(-i32::from(left), i32::from(width) - i32::from(len))
    }
}
