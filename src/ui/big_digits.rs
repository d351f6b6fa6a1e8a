//! Large digits for the countdown, readable from across a room: a 3x5 pixel font
//! drawn with full blocks, each pixel two cells wide so it looks square.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// Rows in a glyph at scale 1.
pub const HEIGHT: u16 = 5;

/// Cells per pixel, across, at scale 1 (two cells look square).
const PIXEL_W: u16 = 2;

/// Each glyph: five rows of pixels, as strings of '#' and '.'.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#.", "##.", ".#.", ".#.", "###"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", "###", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => ["###", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", "..#", ".#.", ".#."],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "###"],
        ':' => [".", "#", ".", "#", "."],
        '/' => ["..#", "..#", ".#.", "#..", "#.."],
        ' ' => [".", ".", ".", ".", "."],
        _ => return None,
    })
}

/// Big text made of the characters above; anything else is left out.
#[derive(Debug, Clone)]
pub struct BigDigits<'a> {
    text: &'a str,
    style: Style,
    scale: u16,
}

impl<'a> BigDigits<'a> {
    pub fn new(text: &'a str) -> Self {
        BigDigits {
            text,
            style: Style::new(),
            scale: 1,
        }
    }

    /// Each pixel `scale` times larger each way (1 or more).
    pub fn scale(mut self, scale: u16) -> Self {
        self.scale = scale.max(1);
        self
    }

    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Width in cells at `scale`: two cells a pixel column, a gap between glyphs.
    pub fn width(text: &str, scale: u16) -> u16 {
        let glyphs: Vec<[&str; 5]> = text.chars().filter_map(glyph).collect();
        let columns: usize = glyphs.iter().map(|g| g[0].len()).sum();
        let gaps = glyphs.len().saturating_sub(1);
        let cells = columns * usize::from(PIXEL_W * scale) + gaps * usize::from(scale);
        u16::try_from(cells).unwrap_or(u16::MAX)
    }

    /// Height in rows at `scale`.
    pub fn height(scale: u16) -> u16 {
        HEIGHT * scale.max(1)
    }

    /// The one rule for how big a countdown is, the player's and the pack timer's
    /// alike: the biggest scale (3, 2 or 1) at which `text` fits `width` columns
    /// and `spare` rows (the rows left once everything else on the screen has its
    /// own) with a few rows to breathe (one at scale 1, six a step above it); 0
    /// when not even scale 1 fits, for the plain text.
    pub fn biggest_scale(text: &str, width: u16, spare: u16) -> u16 {
        [3, 2, 1]
            .into_iter()
            .find(|&k| {
                let room = if k == 1 { 1 } else { 6 * k };
                spare >= Self::height(k) + room && Self::width(text, k) <= width
            })
            .unwrap_or(0)
    }
}

impl Widget for BigDigits<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let scale = self.scale;
        let width = Self::width(self.text, scale);
        let height = Self::height(scale);
        if area.height < height || area.width < width {
            if scale > 1 {
                return self.scale(scale - 1).render(area, buf);
            }
            // Too small for big digits: the plain text, centred.
            let x = area.x + area.width.saturating_sub(self.text.width() as u16) / 2;
            let y = area.y + area.height.saturating_sub(1) / 2;
            if area.height > 0 {
                buf.set_stringn(x, y, self.text, area.width as usize, self.style);
            }
            return;
        }
        let pixel = "█".repeat(usize::from(PIXEL_W * scale));
        let x0 = area.x + (area.width - width) / 2;
        let y0 = area.y + (area.height - height) / 2;
        let mut x = x0;
        for g in self.text.chars().filter_map(glyph) {
            for (row, line) in g.iter().enumerate() {
                for (col, px) in line.chars().enumerate() {
                    if px != '#' {
                        continue;
                    }
                    let cx = x + col as u16 * PIXEL_W * scale;
                    for dy in 0..scale {
                        buf.set_string(cx, y0 + row as u16 * scale + dy, &pixel, self.style);
                    }
                }
            }
            x += g[0].len() as u16 * PIXEL_W * scale + scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_clock() {
        let area = Rect::new(0, 0, 30, 5);
        let mut buf = Buffer::empty(area);
        BigDigits::new("01:05").render(area, &mut buf);
        let expected = Buffer::with_lines([
            "██████   ██      ██████ ██████",
            "██  ██ ████   ██ ██  ██ ██    ",
            "██  ██   ██      ██  ██ ██████",
            "██  ██   ██   ██ ██  ██     ██",
            "██████ ██████    ██████ ██████",
        ]);
        assert_eq!(buf, expected);
        assert_eq!(BigDigits::width("01:05", 1), 6 * 4 + 2 + 4);
        assert_eq!(BigDigits::width("01:05", 2), 2 * (6 * 4 + 2 + 4));
    }

    #[test]
    fn scales_up_and_steps_down_when_it_does_not_fit() {
        let area = Rect::new(0, 0, 60, 10);
        let mut buf = Buffer::empty(area);
        BigDigits::new("00:00").scale(2).render(area, &mut buf);
        assert_eq!(buf.cell((0, 0)).unwrap().symbol(), "█");
        assert_eq!(buf.cell((0, 9)).unwrap().symbol(), "█");
        // Too small for scale 2: drawn at scale 1 instead.
        let area = Rect::new(0, 0, 30, 5);
        let mut small = Buffer::empty(area);
        BigDigits::new("00:00").scale(2).render(area, &mut small);
        let mut one = Buffer::empty(area);
        BigDigits::new("00:00").render(area, &mut one);
        assert_eq!(small, one);
    }

    #[test]
    fn falls_back_to_plain_text_when_small() {
        let area = Rect::new(0, 0, 10, 1);
        let mut buf = Buffer::empty(area);
        BigDigits::new("04:05").render(area, &mut buf);
        assert_eq!(buf, Buffer::with_lines(["  04:05   "]));
        // And never panics on nothing at all.
        let mut tiny = Buffer::empty(Rect::new(0, 0, 1, 1));
        BigDigits::new("04:05").render(Rect::new(0, 0, 1, 1), &mut tiny);
        BigDigits::new("04:05").render(Rect::new(0, 0, 0, 0), &mut tiny);
    }
}
