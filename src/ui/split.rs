//! Areas split off others by plain arithmetic, where ratatui's constraint
//! solver (kasuari) gave the same areas at a fifth of the home screen's first
//! frame. The tests compare each with the `Layout` it stands for.

use ratatui::layout::Rect;

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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

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
}
