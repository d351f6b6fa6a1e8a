//! What a view draws on: one frame's buffer, the size of the window.
//!
//! ratatui's `Frame` can only be made by its `Terminal`, whose buffers and diff
//! are its own; supple paints frames itself (`tui::paint`), so its views draw on
//! this instead. It offers what they use of ratatui's: the area, the buffer and
//! `render_widget`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

pub struct Frame<'a> {
    buffer: &'a mut Buffer,
}

impl<'a> Frame<'a> {
    /// A frame over `buffer`: the window is the buffer's area.
    pub fn new(buffer: &'a mut Buffer) -> Frame<'a> {
        Frame { buffer }
    }

    /// The whole window.
    pub fn area(&self) -> Rect {
        self.buffer.area
    }

    pub fn buffer_mut(&mut self) -> &mut Buffer {
        self.buffer
    }

    /// Draws `widget` in `area`.
    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buffer);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::text::Line;

    use super::*;

    #[test]
    fn a_widget_is_drawn_where_it_is_told_in_the_buffer_it_was_given() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 6, 2));
        let mut frame = Frame::new(&mut buffer);
        assert_eq!(frame.area(), Rect::new(0, 0, 6, 2));
        frame.render_widget(Line::raw("hi"), Rect::new(2, 1, 4, 1));
        assert_eq!(buffer, Buffer::with_lines(["      ", "  hi  "]));
    }
}
