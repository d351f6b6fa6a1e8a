//! A one-line progress bar whose empty part stays visible, in colour or not.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

const FULL: &str = "█";
const EIGHTHS: [&str; 8] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const TRACK: &str = "░";

#[derive(Debug, Clone, Copy)]
pub struct Bar {
    ratio: f64,
    filled: Style,
    track: Style,
}

impl Bar {
    /// A bar `ratio` full (clamped to 0..=1).
    pub fn new(ratio: f64) -> Bar {
        Bar {
            ratio: if ratio.is_finite() {
                ratio.clamp(0.0, 1.0)
            } else {
                0.0
            },
            filled: Style::new(),
            track: Style::new(),
        }
    }

    pub fn filled(mut self, style: Style) -> Bar {
        self.filled = style;
        self
    }

    pub fn track(mut self, style: Style) -> Bar {
        self.track = style;
        self
    }
}

impl Widget for Bar {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let eighths = (self.ratio * f64::from(area.width) * 8.0).round() as u32;
        let full = (eighths / 8) as u16;
        let part = (eighths % 8) as usize;
        for i in 0..area.width {
            let x = area.x + i;
            let (symbol, style) = if i < full {
                (FULL, self.filled)
            } else if i == full && part > 0 {
                (EIGHTHS[part], self.filled)
            } else {
                (TRACK, self.track)
            };
            if let Some(cell) = buf.cell_mut((x, area.y)) {
                cell.set_symbol(symbol).set_style(style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(ratio: f64, width: u16) -> Buffer {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        Bar::new(ratio).render(area, &mut buf);
        buf
    }

    #[test]
    fn fills_in_eighths_and_shows_the_track() {
        assert_eq!(render(0.0, 4), Buffer::with_lines(["░░░░"]));
        assert_eq!(render(0.5, 4), Buffer::with_lines(["██░░"]));
        assert_eq!(render(1.0, 4), Buffer::with_lines(["████"]));
        assert_eq!(render(0.0625, 4), Buffer::with_lines(["▎░░░"]));
        assert_eq!(render(f64::NAN, 2), Buffer::with_lines(["░░"]));
        assert_eq!(render(7.0, 2), Buffer::with_lines(["██"]));
    }
}
