//! Frames on the terminal: each is drawn into a buffer, and what changed since the
//! one before is written (`diff::changes`). This is the part of ratatui's
//! `Terminal` supple used, for a full screen; it is its own so that the diff is.

use std::mem;

use ratatui::backend::{Backend, ClearType};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};

use super::diff;
use crate::ui::Frame;

pub struct Painter<B: Backend> {
    backend: B,
    /// What the terminal shows: the last frame written, or blank cells after a
    /// clear.
    shown: Buffer,
    /// The next frame, drawn on blank cells.
    next: Buffer,
}

impl<B: Backend> Painter<B> {
    /// A painter for the whole of the terminal `backend` writes to, which it takes
    /// to be blank (as a new alternate screen is).
    pub fn new(backend: B) -> Result<Painter<B>, B::Error> {
        let area = Rect::from((Position::ORIGIN, backend.size()?));
        Ok(Painter {
            backend,
            shown: Buffer::empty(area),
            next: Buffer::empty(area),
        })
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    /// The terminal's size now.
    pub fn size(&self) -> Result<Size, B::Error> {
        self.backend.size()
    }

    /// Draws a frame with `view` and writes what changed. A terminal whose size
    /// changed since the last frame is cleared first and written whole.
    pub fn draw(&mut self, view: impl FnOnce(&mut Frame)) -> Result<(), B::Error> {
        let area = Rect::from((Position::ORIGIN, self.backend.size()?));
        if area != self.shown.area {
            self.clear_to(area)?;
        }
        view(&mut Frame::new(&mut self.next));
        self.backend.draw(diff::changes(&self.shown, &self.next))?;
        self.backend.hide_cursor()?;
        mem::swap(&mut self.shown, &mut self.next);
        self.next.reset();
        self.backend.flush()
    }

    /// Clears the terminal, so that the next frame is written whole (back from a
    /// suspend, when the shell may have written anything on it).
    pub fn clear(&mut self) -> Result<(), B::Error> {
        let area = Rect::from((Position::ORIGIN, self.backend.size()?));
        self.clear_to(area)
    }

    fn clear_to(&mut self, area: Rect) -> Result<(), B::Error> {
        self.backend.clear_region(ClearType::All)?;
        for buffer in [&mut self.shown, &mut self.next] {
            buffer.resize(area);
            buffer.reset();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;

    use super::*;

    fn lines(lines: &[&str]) -> impl FnOnce(&mut Frame) {
        let text: Vec<Line> = lines.iter().map(|l| Line::raw(l.to_string())).collect();
        move |frame: &mut Frame| {
            let area = frame.area();
            frame.render_widget(Paragraph::new(text), area);
        }
    }

    #[test]
    fn frames_show_as_ratatui_s_terminal_shows_them_through_resizes_and_clears() {
        let mut ours = Painter::new(TestBackend::new(12, 3)).unwrap();
        let mut theirs = Terminal::new(TestBackend::new(12, 3)).unwrap();
        let frames: [&[&str]; 5] = [
            &["one", "two 字字", "three"],
            &["one", "tw 字字字", ""],
            &["┌──┐ 🏃‍♀️", "│  │", "└──┘"],
            &["", "", ""],
            &["a", "b", "c"],
        ];
        for (n, frame) in frames.iter().enumerate() {
            if n == 2 {
                ours.backend_mut().resize(8, 4);
                theirs.backend_mut().resize(8, 4);
            }
            if n == 3 {
                ours.clear().unwrap();
                theirs.clear().unwrap();
            }
            ours.draw(lines(frame)).unwrap();
            theirs
                .draw(|f| lines(frame)(&mut Frame::new(f.buffer_mut())))
                .unwrap();
            assert_eq!(
                ours.backend().buffer(),
                theirs.backend().buffer(),
                "frame {n}"
            );
        }
    }

    #[test]
    fn an_unchanged_frame_writes_nothing() {
        let mut painter = Painter::new(TestBackend::new(5, 1)).unwrap();
        painter.draw(lines(&["abc"])).unwrap();
        // Written over by something else, which the painter does not know of:
        // the same frame again leaves it be.
        painter.backend_mut().clear().unwrap();
        painter.draw(lines(&["abc"])).unwrap();
        assert_eq!(*painter.backend().buffer(), Buffer::with_lines(["     "]));
    }
}
