//! Areas split off others by plain arithmetic, where ratatui's constraint
//! solver (kasuari) gave the same areas at a fifth of the home screen's first
//! frame. The tests compare each with the `Layout` it stands for.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// The first `n` rows of `area` and the rest: `Layout::vertical([Length(n),
/// Fill(1)])`.
pub(crate) fn top(area: Rect, n: u16) -> (Rect, Rect) {
    let n = n.min(area.height);
    let rest = Rect {
        y: area.y + n,
        height: area.height - n,
        ..area
    };
    (Rect { height: n, ..area }, rest)
}

/// `area` but its last `n` rows, and those rows: `Layout::vertical([Fill(1),
/// Length(n)])`.
pub(crate) fn bottom(area: Rect, n: u16) -> (Rect, Rect) {
    top(area, area.height - n.min(area.height))
}

/// The first `n` columns of `area` and the rest: `Layout::horizontal([Length(n),
/// Fill(1)])`.
pub(crate) fn left(area: Rect, n: u16) -> (Rect, Rect) {
    let n = n.min(area.width);
    let rest = Rect {
        x: area.x + n,
        width: area.width - n,
        ..area
    };
    (Rect { width: n, ..area }, rest)
}

/// The first `percent` of `area`'s columns (rounded half up) and the rest:
/// `Layout::horizontal([Percentage(percent), Fill(1)])`.
pub(crate) fn left_percent(area: Rect, percent: u16) -> (Rect, Rect) {
    let n = (u32::from(area.width) * u32::from(percent.min(100)) + 50) / 100;
    left(area, u16::try_from(n).unwrap_or(area.width))
}

/// `Layout::vertical(rows).areas(area)` for rows that are each a `Length` or a
/// `Fill(1)`, at least one a fill: by arithmetic where the lengths fit in
/// `area`, else by the solver, whose way of squeezing rows that do not fit is
/// its own. The player's fourteen rows cost the solver about 180 KB of scratch
/// tables, which stayed in the heap for the whole session, and over a third of
/// the instructions to its first frame; a window that fits them never runs it.
pub(crate) fn column<const N: usize>(area: Rect, rows: [Constraint; N]) -> [Rect; N] {
    along(area, rows, Direction::Vertical).unwrap_or_else(|| Layout::vertical(rows).areas(area))
}

/// [`column`] across: `Layout::horizontal(columns).areas(area)`.
pub(crate) fn row<const N: usize>(area: Rect, columns: [Constraint; N]) -> [Rect; N] {
    along(area, columns, Direction::Horizontal)
        .unwrap_or_else(|| Layout::horizontal(columns).areas(area))
}

/// The parts of `area` along `direction` as the solver places them when each
/// `Length` fits: every length whole, and the room left shared by the fills,
/// each part ending where its share ends, rounded half up (two fills in 41
/// columns take 21 and 20); `None` for a part that is neither a `Length` nor a
/// `Fill(1)`, for no fill, or for lengths that do not fit.
fn along<const N: usize>(
    area: Rect,
    parts: [Constraint; N],
    direction: Direction,
) -> Option<[Rect; N]> {
    // As the solver measures it: up to the edge, which stops at u16::MAX.
    let (start, size) = match direction {
        Direction::Vertical => (area.y, area.bottom() - area.y),
        Direction::Horizontal => (area.x, area.right() - area.x),
    };
    // Each part's length, `None` for a fill.
    let mut lengths = [None; N];
    let (mut fixed, mut fills) = (0u32, 0u32);
    for (length, part) in lengths.iter_mut().zip(parts) {
        match part {
            Constraint::Length(n) => {
                fixed += u32::from(n);
                *length = Some(n);
            }
            Constraint::Fill(1) => fills += 1,
            _ => return None,
        }
    }
    let spare = u32::from(size).checked_sub(fixed).filter(|_| fills > 0)?;
    let (mut before, mut filled, mut at) = (0u32, 0u32, start);
    Some(lengths.map(|length| {
        match length {
            Some(n) => before += u32::from(n),
            None => filled += 1,
        }
        let share = (2 * spare * filled + fills) / (2 * fills);
        // At most `start + size`, which is at most u16::MAX.
        let end = u16::try_from(u32::from(start) + before + share).unwrap_or(u16::MAX);
        let length = end.saturating_sub(at);
        let rect = match direction {
            Direction::Vertical => Rect {
                y: at,
                height: length,
                ..area
            },
            Direction::Horizontal => Rect {
                x: at,
                width: length,
                ..area
            },
        };
        at = end;
        rect
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas() -> impl Iterator<Item = Rect> {
        let small = (0..=40).flat_map(|w| (0..=20).map(move |h| Rect::new(2, 3, w, h)));
        let wide = (40..=600).map(|w| Rect::new(1, 0, w, 40));
        let tall = (12..=160).flat_map(|h| [40, 99, 100, 120, 200].map(|w| Rect::new(0, 1, w, h)));
        small.chain(wide).chain(tall)
    }

    #[test]
    fn rows_split_off_as_the_solver_splits_them() {
        for area in areas() {
            for n in (0..=12).chain([area.height.saturating_sub(1), area.height, area.height + 1]) {
                let [a, b] =
                    Layout::vertical([Constraint::Length(n), Constraint::Fill(1)]).areas(area);
                assert_eq!(top(area, n), (a, b), "{n} of {area:?}");
                let [a, b] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Length(n)]).areas(area);
                assert_eq!(bottom(area, n), (a, b), "{n} of {area:?}");
            }
        }
    }

    #[test]
    fn columns_split_off_as_the_solver_splits_them() {
        for area in areas() {
            for percent in [0, 1, 33, 45, 50, 55, 99, 100] {
                let [a, b] =
                    Layout::horizontal([Constraint::Percentage(percent), Constraint::Fill(1)])
                        .areas(area);
                assert_eq!(
                    left_percent(area, percent),
                    (a, b),
                    "{percent}% of {area:?}"
                );
            }
        }
    }

    /// Columns and rows of 14, 8, 3, 2 and 1 parts, one to three of them fills,
    /// the rest lengths of 0-6 (0-20 where there are two or three), in windows of
    /// 0 to 80 rows or columns, and at the far edge of what a `Rect` can hold:
    /// the same areas as the solver gives, down and across. Where the lengths do
    /// not fit, both call the solver: that half checks only where the
    /// arithmetic stops.
    #[test]
    fn lengths_and_fills_are_split_as_the_solver_splits_them() {
        fn check<const N: usize>(seed: &mut u64, max: u64) {
            let mut next = || {
                *seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                *seed >> 33
            };
            for _ in 0..40 {
                let fills: Vec<usize> = (0..=next() % 3)
                    .map(|_| usize::try_from(next() % N as u64).unwrap())
                    .collect();
                let parts: [Constraint; N] = std::array::from_fn(|i| {
                    if fills.contains(&i) {
                        Constraint::Fill(1)
                    } else {
                        Constraint::Length(u16::try_from(next() % (max + 1)).unwrap())
                    }
                });
                for size in 0..=80 {
                    let area = Rect::new(3, 2, 40 + size % 7, size);
                    assert_eq!(
                        column(area, parts),
                        Layout::vertical(parts).areas(area),
                        "{parts:?} in {area:?}"
                    );
                    let area = Rect::new(2, 5, size, 3 + size % 5);
                    assert_eq!(
                        row(area, parts),
                        Layout::horizontal(parts).areas(area),
                        "{parts:?} across {area:?}"
                    );
                    // A window whose far edge would pass u16::MAX (a `Rect`
                    // written out, not made by `Rect::new`, which clips it).
                    let edge = Rect {
                        x: u16::MAX - 30,
                        y: u16::MAX - 30,
                        width: size,
                        height: size,
                    };
                    assert_eq!(column(edge, parts), Layout::vertical(parts).areas(edge));
                    assert_eq!(row(edge, parts), Layout::horizontal(parts).areas(edge));
                }
            }
        }
        let mut seed = 25;
        check::<14>(&mut seed, 6);
        check::<8>(&mut seed, 6);
        check::<3>(&mut seed, 20);
        check::<2>(&mut seed, 20);
        check::<1>(&mut seed, 0);
    }
}
