//! The terminal's backend: ratatui's crossterm backend, but for how a frame's
//! cells are written. Its `draw` formats every cell's text and every cursor
//! move through `core::fmt` (about 300 instructions each: a third of the
//! history screen's first frame went there); here they are gathered as bytes
//! and handed to the writer at once. The bytes are the same (a test compares
//! them). Colours and attributes are written as bytes too (a fifth of the
//! writing of the history screen's first frame went through crossterm's
//! formatting of them), but under `NO_COLOR`, which crossterm's colour
//! commands heed: there they still go through crossterm.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CColor, Colored, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

pub struct Bytes<W: Write> {
    backend: CrosstermBackend<W>,
    /// A frame's bytes, gathered before one write; kept from frame to frame
    /// rather than allocated again at each.
    frame: Vec<u8>,
}

impl<W: Write> Bytes<W> {
    pub fn new(writer: W) -> Bytes<W> {
        Bytes {
            backend: CrosstermBackend::new(writer),
            frame: Vec::with_capacity(16 * 1024),
        }
    }
}

/// `ESC [ row ; column H`, as crossterm's `MoveTo(x, y)` writes it.
fn move_to(w: &mut Vec<u8>, x: u16, y: u16) {
    let (row, column) = (u32::from(y) + 1, u32::from(x) + 1);
    if row < 100 && column < 1000 {
        // Any window up to 99 rows and 999 columns: the digits straight
        // (the first frame of a screen with data moves the cursor hundreds of times).
        let digit = |v: u32| b'0' + (v % 10) as u8;
        let mut buf = [0x1b, b'[', 0, 0, 0, 0, 0, 0, 0, 0];
        let mut n = 2;
        if row >= 10 {
            buf[n] = digit(row / 10);
            n += 1;
        }
        buf[n] = digit(row);
        buf[n + 1] = b';';
        n += 2;
        if column >= 100 {
            buf[n] = digit(column / 100);
            n += 1;
        }
        if column >= 10 {
            buf[n] = digit(column / 10);
            n += 1;
        }
        buf[n] = digit(column);
        buf[n + 1] = b'H';
        w.extend_from_slice(&buf[..n + 2]);
        return;
    }
    let mut buf = [0u8; 16];
    buf[0] = 0x1b;
    buf[1] = b'[';
    let mut n = 2 + decimal(&mut buf[2..], u32::from(y) + 1);
    buf[n] = b';';
    n += 1 + decimal(&mut buf[n + 1..], u32::from(x) + 1);
    buf[n] = b'H';
    w.extend_from_slice(&buf[..=n]);
}

/// `v` (at most 65,536) in decimal at the start of `to`; how many bytes.
fn decimal(to: &mut [u8], v: u32) -> usize {
    let len = match v {
        0..10 => 1,
        10..100 => 2,
        100..1000 => 3,
        1000..10000 => 4,
        _ => 5,
    };
    let mut v = v;
    for slot in to.iter_mut().take(len).rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
    }
    len
}

/// `ESC [ n m` for the attributes a cell's modifiers turn on and off, as
/// crossterm's `SetAttribute` writes them (its `sgr`, which allocates a string).
fn attribute(w: &mut Vec<u8>, a: Attribute) -> io::Result<()> {
    let sgr: &[u8] = match a {
        Attribute::Reset => b"0",
        Attribute::Bold => b"1",
        Attribute::Dim => b"2",
        Attribute::Italic => b"3",
        Attribute::Underlined => b"4",
        Attribute::SlowBlink => b"5",
        Attribute::RapidBlink => b"6",
        Attribute::Reverse => b"7",
        Attribute::Hidden => b"8",
        Attribute::CrossedOut => b"9",
        Attribute::NormalIntensity => b"22",
        Attribute::NoItalic => b"23",
        Attribute::NoUnderline => b"24",
        Attribute::NoBlink => b"25",
        Attribute::NoReverse => b"27",
        Attribute::NoHidden => b"28",
        Attribute::NotCrossedOut => b"29",
        // Not among a cell's modifiers: crossterm's way.
        _ => return queue!(w, SetAttribute(a)),
    };
    w.extend_from_slice(b"\x1b[");
    w.extend_from_slice(sgr);
    w.push(b'm');
    Ok(())
}

/// A colour's parameters after `38;` (foreground), `48;` (background) or
/// `58;` (underline), as crossterm's `Colored` writes the colour ratatui's
/// `into_crossterm` gives; `39`, `49` or `59` for `Reset`.
fn color(w: &mut Vec<u8>, layer: u8, c: Color) {
    let mut buf = [0u8; 8];
    let index = match c {
        Color::Reset => {
            let n = decimal(&mut buf, u32::from(layer) + 1);
            w.extend_from_slice(&buf[..n]);
            return;
        }
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Rgb(r, g, b) => {
            let n = decimal(&mut buf, u32::from(layer));
            w.extend_from_slice(&buf[..n]);
            w.extend_from_slice(b";2");
            for v in [r, g, b] {
                w.push(b';');
                let n = decimal(&mut buf, u32::from(v));
                w.extend_from_slice(&buf[..n]);
            }
            return;
        }
    };
    let n = decimal(&mut buf, u32::from(layer));
    w.extend_from_slice(&buf[..n]);
    w.extend_from_slice(b";5;");
    let n = decimal(&mut buf, u32::from(index));
    w.extend_from_slice(&buf[..n]);
}

/// The attributes that turn `from` into `to`, in the order ratatui's
/// crossterm backend sends them (its `ModifierDiff`).
fn modifiers(w: &mut Vec<u8>, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        attribute(w, Attribute::NoReverse)?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        // Normal intensity ends both bold and dim: what stays is set again.
        attribute(w, Attribute::NormalIntensity)?;
        if to.contains(Modifier::DIM) {
            attribute(w, Attribute::Dim)?;
        }
        if to.contains(Modifier::BOLD) {
            attribute(w, Attribute::Bold)?;
        }
    }
    let off = [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ];
    for (m, a) in off {
        if removed.contains(m) {
            attribute(w, a)?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        attribute(w, Attribute::NoBlink)?;
    }
    let added = to - from;
    let on = [
        (Modifier::REVERSED, Attribute::Reverse, true),
        (Modifier::BOLD, Attribute::Bold, !reset_intensity),
        (Modifier::ITALIC, Attribute::Italic, true),
        (Modifier::UNDERLINED, Attribute::Underlined, true),
        (Modifier::DIM, Attribute::Dim, !reset_intensity),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, true),
        (Modifier::HIDDEN, Attribute::Hidden, true),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, true),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, true),
    ];
    for (m, a, send) in on {
        if send && added.contains(m) {
            attribute(w, a)?;
        }
    }
    Ok(())
}

impl<W: Write> Backend for Bytes<W> {
    type Error = io::Error;

    /// As `CrosstermBackend::draw` (ratatui-crossterm 0.1), with the symbols
    /// and the cursor moves written as bytes.
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut bytes = std::mem::take(&mut self.frame);
        bytes.clear();
        let w = &mut bytes;
        let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
        let mut modifier = Modifier::empty();
        let mut last: Option<(u16, u16)> = None;
        // Under NO_COLOR crossterm writes colour commands without their colours.
        let plain = Colored::ansi_color_disabled_memoized();
        for (x, y, cell) in content {
            if !matches!(last, Some((lx, ly)) if x == lx.wrapping_add(1) && y == ly) {
                move_to(w, x, y);
            }
            last = Some((x, y));
            if cell.modifier != modifier {
                modifiers(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg || cell.bg != bg {
                if plain {
                    let colors = Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
                    queue!(w, SetColors(colors))?;
                } else {
                    w.extend_from_slice(b"\x1b[");
                    color(w, 38, cell.fg);
                    w.push(b';');
                    color(w, 48, cell.bg);
                    w.push(b'm');
                }
                (fg, bg) = (cell.fg, cell.bg);
            }
            if cell.underline_color != underline {
                if plain {
                    queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
                } else {
                    w.extend_from_slice(b"\x1b[");
                    color(w, 58, cell.underline_color);
                    w.push(b'm');
                }
                underline = cell.underline_color;
            }
            // One byte (ASCII), two ('·', '×') or three (box drawing, bars,
            // Braille) copied in place: a copy of a length not known here is a
            // call to memcpy, and the first frame of a screen with data copies
            // thousands.
            match *cell.symbol().as_bytes() {
                [a] => w.push(a),
                [a, b] => w.extend_from_slice(&[a, b]),
                [a, b, c] => w.extend_from_slice(&[a, b, c]),
                ref other => w.extend_from_slice(other),
            }
        }
        if plain {
            queue!(
                w,
                SetForegroundColor(CColor::Reset),
                SetBackgroundColor(CColor::Reset),
                SetUnderlineColor(CColor::Reset),
            )?;
        } else {
            w.extend_from_slice(b"\x1b[39m\x1b[49m\x1b[59m");
        }
        attribute(w, Attribute::Reset)?;
        // The backend writes to its writer (its own accessor is unstable).
        let written = self.backend.write_all(&bytes);
        self.frame = bytes;
        written
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.backend.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.backend.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.backend.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.backend.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.backend.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.backend.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.backend.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.backend.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.backend.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.backend)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// Bytes written, read back after the backend has them.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// What each backend writes for the same cells.
    fn both(cells: &[(u16, u16, Cell)]) -> (Vec<u8>, Vec<u8>) {
        let (a, b) = (Shared::default(), Shared::default());
        let mut theirs = CrosstermBackend::new(a.clone());
        theirs
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
            .unwrap();
        let mut ours = Bytes::new(b.clone());
        ours.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
            .unwrap();
        (a.0.take(), b.0.take())
    }

    #[test]
    fn the_bytes_are_crossterms() {
        // Every named colour, indexed and RGB ones of one to three digits.
        let colors = [
            Color::Reset,
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
            Color::Indexed(0),
            Color::Indexed(9),
            Color::Indexed(208),
            Color::Indexed(255),
            Color::Rgb(1, 200, 33),
            Color::Rgb(0, 0, 0),
            Color::Rgb(255, 99, 10),
        ];
        let mods = [
            Modifier::empty(),
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::BOLD | Modifier::DIM | Modifier::ITALIC,
            Modifier::REVERSED | Modifier::UNDERLINED,
            Modifier::CROSSED_OUT | Modifier::HIDDEN | Modifier::SLOW_BLINK,
            Modifier::RAPID_BLINK | Modifier::BOLD,
            Modifier::all(),
        ];
        // Of one byte, two, three, four and more (each length is copied its own way).
        let symbols = ["a", " ", "·", "█", "⣿", "…", "字", "🏃", "e\u{301}"];
        // Cells in a row, then gaps, then other rows, at coordinates of one
        // to five digits, every colour, attribute and symbol in turns.
        let mut cells = Vec::new();
        let places = (0u16..40)
            .map(|x| (x, 0))
            .chain([
                (42, 0),
                (43, 0),
                (0, 1),
                (9, 9),
                (10, 9),
                (99, 99),
                (100, 99),
            ])
            .chain([(999, 1000), (9999, 12), (u16::MAX - 1, u16::MAX - 1)]);
        for (i, (x, y)) in places.enumerate() {
            let mut cell = Cell::new(symbols[i % symbols.len()]);
            cell.set_style(
                Style::new()
                    .fg(colors[i % colors.len()])
                    .bg(colors[(i / 2) % colors.len()])
                    .underline_color(colors[(i / 3) % colors.len()])
                    .add_modifier(mods[(i * 5) % mods.len()]),
            );
            cells.push((x, y, cell));
        }
        let (theirs, ours) = both(&cells);
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
        assert_eq!(both(&[]).0, both(&[]).1);
        // A whole frame's diff, as the terminal draws it.
        let area = Rect::new(0, 0, 30, 4);
        let mut frame = Buffer::empty(area);
        frame.set_string(2, 1, "Last sessions", Style::new().fg(Color::Cyan));
        frame.set_string(
            0,
            3,
            "pain 4 → 2",
            Style::new().add_modifier(Modifier::BOLD),
        );
        let diff: Vec<(u16, u16, Cell)> = Buffer::empty(area)
            .diff(&frame)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.clone()))
            .collect();
        let (theirs, ours) = both(&diff);
        assert_eq!(ours, theirs);
    }

    /// One backend drawing frame after frame (its buffer kept between them)
    /// writes for each what crossterm writes, nothing of the frame before.
    #[test]
    fn each_frame_is_written_alone() {
        let (a, b) = (Shared::default(), Shared::default());
        let mut theirs = CrosstermBackend::new(a.clone());
        let mut ours = Bytes::new(b.clone());
        for (i, text) in ["a long first frame", "2", "", "third"].iter().enumerate() {
            let cells: Vec<(u16, u16, Cell)> = text
                .chars()
                .enumerate()
                .map(|(x, ch)| {
                    let mut cell = Cell::default();
                    cell.set_char(ch);
                    (x as u16, i as u16, cell)
                })
                .collect();
            theirs
                .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
                .unwrap();
            ours.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
                .unwrap();
            assert_eq!(b.0.take(), a.0.take(), "frame {i}");
        }
    }

    /// Each attribute and each colour on each layer alone, as crossterm writes it.
    #[test]
    fn attributes_and_colours_are_crossterms() {
        // Crossterm leaves the colours out when the tests run under NO_COLOR;
        // what it writes with them is what this compares.
        ratatui::crossterm::style::force_color_output(true);
        for a in Attribute::iterator() {
            let mut ours = Vec::new();
            attribute(&mut ours, a).unwrap();
            let mut theirs = Vec::new();
            queue!(theirs, SetAttribute(a)).unwrap();
            assert_eq!(ours, theirs, "{a:?}");
        }
        let named = [Color::Reset, Color::Black, Color::DarkGray, Color::White];
        let all = named
            .into_iter()
            .chain((0..=255).map(Color::Indexed))
            .chain((0..=255).map(|v| Color::Rgb(v, 255 - v, v / 2)));
        for c in all {
            let cc = c.into_crossterm();
            let mut theirs = Vec::new();
            queue!(
                theirs,
                SetForegroundColor(cc),
                SetBackgroundColor(cc),
                SetUnderlineColor(cc)
            )
            .unwrap();
            let mut ours = Vec::new();
            for layer in [38, 48, 58] {
                ours.extend_from_slice(b"\x1b[");
                color(&mut ours, layer, c);
                ours.push(b'm');
            }
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs),
                "{c:?}"
            );
        }
    }

    /// Every cursor move in a window of up to 1,100 columns, on rows of one
    /// to three digits and the largest (crossterm overflows at 65,535), as it writes it.
    #[test]
    fn moves_are_crossterms() {
        for y in [0, 1, 8, 9, 10, 98, 99, 100, 998, 999, u16::MAX - 1] {
            for x in (0..1100).chain([9998, 9999, u16::MAX - 1]) {
                let mut ours = Vec::new();
                move_to(&mut ours, x, y);
                let mut theirs = Vec::new();
                queue!(theirs, ratatui::crossterm::cursor::MoveTo(x, y)).unwrap();
                assert_eq!(ours, theirs, "{x} {y}");
            }
        }
    }

    #[test]
    fn decimals_are_written_whole() {
        for v in [
            0u32, 1, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 65_535, 65_536,
        ] {
            let mut buf = [0u8; 8];
            let n = decimal(&mut buf, v);
            assert_eq!(&buf[..n], v.to_string().as_bytes());
        }
    }
}
