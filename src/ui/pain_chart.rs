//! The history screen's pain chart, drawn straight into the buffer: what
//! ratatui's `Chart` of two Braille line datasets drew (its layout, axes,
//! labels, points and lines, cell for cell and style for style: the tests
//! compare the two), without its canvas of boxed grids, a shape per segment and
//! a layer per dataset (a fifth of the history screen's first frame).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::braille::BRAILLE;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// The scores of one line of the chart (`(index, score)`, in order) and its colour.
pub struct Series<'a> {
    pub points: &'a [(f64, f64)],
    pub style: Style,
}

/// The chart in `area` (inside its box): scores 0 to 10 up the left (labels in
/// `axis`'s style, as the axis line), `first` and `last` under the ends of the
/// time axis, the points `0..=last_x` across, `before` drawn first, `after` over it.
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    [first, last]: [Line<'_>; 2],
    last_x: f64,
    axis: Style,
    series: [Series<'_>; 2],
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let y_labels = ["0", "5", "10"];
    // Chart::layout with two labels on each axis and no titles or legend.
    let mut x = area.left();
    let mut y = area.bottom() - 1;
    let mut label_x = None;
    if y > area.top() {
        label_x = Some(y);
        y -= 1;
    }
    let label_y = x;
    let widest = u16::try_from(first.width())
        .unwrap_or(u16::MAX)
        .saturating_sub(1);
    x += widest.max(2).min(area.width / 3);
    let mut axis_x = None;
    if y > area.top() {
        axis_x = Some(y);
        y -= 1;
    }
    let mut axis_y = None;
    if x + 1 < area.right() {
        axis_y = Some(x);
        x += 1;
    }
    let graph = Rect::new(
        x,
        area.top(),
        area.right().saturating_sub(x),
        y.saturating_sub(area.top()).saturating_add(1),
    );
    // The time axis's labels: the first right-aligned from the box's left
    // edge to the graph's, the last right-aligned in the last half.
    if let Some(y) = label_x {
        let between = graph.width / 2;
        let head = Rect::new(area.left(), y, graph.left() - area.left(), 1);
        first.right_aligned().render(head, buf);
        let tail = Rect::new(graph.right() - between, y, between, 1);
        last.right_aligned().render(tail, buf);
    }
    for (i, label) in (0u16..).zip(y_labels) {
        let dy = i * (graph.height - 1) / 2;
        if dy < graph.bottom() {
            let width = (graph.left() - area.left()).saturating_sub(1);
            let at = Rect::new(label_y, graph.bottom().saturating_sub(1) - dy, width, 1);
            Line::from(label).left_aligned().render(at, buf);
        }
    }
    if let Some(y) = axis_x {
        for x in graph.left()..graph.right() {
            buf[(x, y)]
                .set_symbol(ratatui::symbols::line::HORIZONTAL)
                .set_style(Style::new());
        }
    }
    if let Some(x) = axis_y {
        for y in graph.top()..graph.bottom() {
            buf[(x, y)]
                .set_symbol(ratatui::symbols::line::VERTICAL)
                .set_style(axis);
        }
    }
    if let (Some(y), Some(x)) = (axis_x, axis_y) {
        buf[(x, y)]
            .set_symbol(ratatui::symbols::line::BOTTOM_LEFT)
            .set_style(Style::new());
    }
    // The canvas: Braille dots, two columns and four rows a cell. (Its
    // background is the buffer's own, Reset, in a frame drawn afresh.)
    let (w, h) = (usize::from(graph.width), usize::from(graph.height));
    let resolution = (f64::from(graph.width) * 2.0, f64::from(graph.height) * 4.0);
    let dot = |x: f64, y: f64| -> Option<(usize, usize)> {
        if !(0.0..=last_x).contains(&x) || !(0.0..=10.0).contains(&y) || last_x <= 0.0 {
            return None;
        }
        let x = ((x - 0.0) * (resolution.0 - 1.0) / last_x).round() as usize;
        let y = ((10.0 - y) * (resolution.1 - 1.0) / 10.0).round() as usize;
        Some((x, y))
    };
    let mut cells = vec![0u8; w * h];
    let mut dots: Vec<Option<(usize, usize)>> = Vec::new();
    for line in series {
        cells.fill(0);
        let mut paint = |x: usize, y: usize| {
            if let Some(cell) = cells.get_mut((y / 4) * w + x / 2) {
                *cell |= 1u8 << ((x % 2) + 2 * (y % 4));
            }
        };
        // Each point's dot found once (the lines between them start and end there).
        dots.clear();
        dots.extend(line.points.iter().map(|&(x, y)| dot(x, y)));
        for &(x, y) in dots.iter().flatten() {
            paint(x, y);
        }
        for pair in dots.windows(2) {
            if let [Some((x1, y1)), Some((x2, y2))] = *pair {
                each_dot(x1, y1, x2, y2, &mut paint);
            }
        }
        let color = line.style.fg.unwrap_or(Color::Reset);
        for (i, &pattern) in cells.iter().enumerate() {
            if pattern == 0 {
                continue;
            }
            let (Ok(cx), Ok(cy)) = (u16::try_from(i % w), u16::try_from(i / w)) else {
                continue;
            };
            buf[(graph.left() + cx, graph.top() + cy)]
                .set_char(BRAILLE[usize::from(pattern)])
                .set_fg(color);
        }
    }
}

/// The dots of the line from one to the other, as ratatui's canvas draws it
/// (Bresenham's, from the end with the smaller coordinate along the longer axis).
fn each_dot(x1: usize, y1: usize, x2: usize, y2: usize, paint: &mut impl FnMut(usize, usize)) {
    let (dx, dy) = (x2.abs_diff(x1), y2.abs_diff(y1));
    if dx == 0 {
        (y1.min(y2)..=y1.max(y2)).for_each(|y| paint(x1, y));
    } else if dy == 0 {
        (x1.min(x2)..=x1.max(x2)).for_each(|x| paint(x, y1));
    } else if dy < dx {
        let ((x1, y1), (x2, y2)) = if x1 > x2 {
            ((x2, y2), (x1, y1))
        } else {
            ((x1, y1), (x2, y2))
        };
        let (dx, dy) = (dx as isize, dy as isize);
        let mut d = 2 * dy - dx;
        let mut y = y1;
        for x in x1..=x2 {
            paint(x, y);
            if d > 0 {
                y = if y1 > y2 { y.saturating_sub(1) } else { y + 1 };
                d -= 2 * dx;
            }
            d += 2 * dy;
        }
    } else {
        let ((x1, y1), (x2, y2)) = if y1 > y2 {
            ((x2, y2), (x1, y1))
        } else {
            ((x1, y1), (x2, y2))
        };
        let (dx, dy) = (dx as isize, dy as isize);
        let mut d = 2 * dx - dy;
        let mut x = x1;
        for y in y1..=y2 {
            paint(x, y);
            if d > 0 {
                x = if x1 > x2 { x.saturating_sub(1) } else { x + 1 };
                d -= 2 * dy;
            }
            d += 2 * dx;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::Modifier;
    use ratatui::symbols::Marker;
    use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

    /// A session's pain before and after.
    type Scores = (Option<u8>, Option<u8>);

    /// The points of one series: `(index, score)` where `pick` gives a score.
    fn series(pain: &[Scores], pick: fn(&Scores) -> Option<u8>) -> Vec<(f64, f64)> {
        pain.iter()
            .enumerate()
            .filter_map(|(i, p)| pick(p).map(|v| (i as f64, f64::from(v))))
            .collect()
    }

    /// The chart as ratatui's `Chart` drew it before (the history screen's
    /// code then), with its box.
    fn charted(area: Rect, pain: &[Scores], labels: [&str; 2]) -> Buffer {
        let (before, after) = (series(pain, |p| p.0), series(pain, |p| p.1));
        let datasets = vec![
            Dataset::default()
                .name("before")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(Color::Yellow))
                .data(&before),
            Dataset::default()
                .name("after")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD))
                .data(&after),
        ];
        let last = (pain.len().max(2) - 1) as f64;
        let mut buf = Buffer::empty(Rect::new(0, 0, area.right() + 2, area.bottom() + 1));
        Chart::new(datasets)
            .legend_position(None)
            .block(Block::bordered().title(" Pain "))
            .x_axis(
                Axis::default()
                    .bounds([0.0, last])
                    .labels(labels.map(str::to_owned))
                    .style(Style::new()),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, 10.0])
                    .labels(["0", "5", "10"])
                    .style(Style::new().add_modifier(Modifier::DIM)),
            )
            .render(area, &mut buf);
        buf
    }

    /// The same drawn by [`draw`].
    fn drawn(area: Rect, pain: &[Scores], labels: [&str; 2]) -> Buffer {
        let (before, after) = (series(pain, |p| p.0), series(pain, |p| p.1));
        let mut buf = Buffer::empty(Rect::new(0, 0, area.right() + 2, area.bottom() + 1));
        let block = Block::bordered().title(" Pain ");
        let inner = block.inner(area);
        block.render(area, &mut buf);
        draw(
            &mut buf,
            inner,
            labels.map(|l| Line::from(l.to_owned())),
            (pain.len().max(2) - 1) as f64,
            Style::new().add_modifier(Modifier::DIM),
            [
                Series {
                    points: &before,
                    style: Style::new().fg(Color::Yellow),
                },
                Series {
                    points: &after,
                    style: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                },
            ],
        );
        buf
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Every cell, its symbol and its style, as the chart drew it: the
        /// history screen's chart sizes and smaller and larger, any scores,
        /// gaps in either series, labels of a day and of a day with its year.
        #[test]
        fn the_cells_are_the_charts(
            pain in proptest::collection::vec(
                (proptest::option::of(0u8..=10), proptest::option::of(0u8..=10)),
                1..120,
            ),
            x in 0u16..3,
            y in 0u16..3,
            width in 4u16..130,
            height in 3u16..50,
            years in any::<(bool, bool)>(),
        ) {
            let area = Rect::new(x, y, width, height);
            let label = |year: bool| if year { "2025-12-08" } else { "12-08" };
            let labels = [label(years.0), label(years.1)];
            prop_assert_eq!(drawn(area, &pain, labels), charted(area, &pain, labels));
        }
    }

    #[test]
    fn a_single_score_and_a_flat_line_are_the_charts() {
        let area = Rect::new(0, 0, 54, 23);
        for pain in [
            vec![(Some(4), Some(2))],
            vec![(Some(5), None); 100],
            vec![(None, Some(10)), (None, Some(0)), (None, None)],
        ] {
            assert_eq!(
                drawn(area, &pain, ["12-01", "today"]),
                charted(area, &pain, ["12-01", "today"])
            );
        }
    }
}
