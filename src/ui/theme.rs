//! Colours and emphasis, with a monochrome variant for `NO_COLOR`.
//!
//! crossterm 0.29 answers `NO_COLOR` with a full attribute reset that also wipes bold
//! and reverse, so supple never relies on it: the theme itself decides, and without
//! colour it marks things with bold, reverse and underline instead. The colours are
//! from the 16-colour palette, so the layout reads in any terminal.

use ratatui::style::{Color, Modifier, Style};

/// What a part of the screen is about, which decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ready,
    Work,
    Rest,
    Switch,
    Paused,
    Done,
    Warning,
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless the shell was asked for none (`NO_COLOR`, read by the
    /// command line, never by a view).
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    pub const COLOR: Theme = Theme { color: true };
    pub const MONO: Theme = Theme { color: false };

    fn color_of(tone: Tone) -> Color {
        match tone {
            Tone::Ready => Color::Yellow,
            Tone::Work => Color::Green,
            Tone::Rest => Color::Cyan,
            Tone::Switch => Color::Magenta,
            Tone::Paused => Color::Red,
            Tone::Done => Color::Green,
            Tone::Warning => Color::Red,
            Tone::Plain => Color::Reset,
        }
    }

    /// A label badge such as ` HOLD `: coloured background, or reversed.
    pub fn badge(&self, tone: Tone) -> Style {
        let base = Style::new().add_modifier(Modifier::BOLD);
        if self.color && tone != Tone::Plain {
            base.fg(Color::Black).bg(Self::color_of(tone))
        } else {
            base.add_modifier(Modifier::REVERSED)
        }
    }

    /// Strong text in the tone's colour (or just bold).
    pub fn strong(&self, tone: Tone) -> Style {
        let base = Style::new().add_modifier(Modifier::BOLD);
        if self.color && tone != Tone::Plain {
            base.fg(Self::color_of(tone))
        } else {
            base
        }
    }

    /// The filled part of a gauge.
    pub fn gauge(&self, tone: Tone) -> Style {
        if self.color {
            Style::new().fg(Self::color_of(tone))
        } else {
            Style::new()
        }
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// Plain bold.
    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row of a list.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Keys in help text.
    /// What a key does, in the footer: the terminal's own foreground, never the
    /// low-contrast grey, so it reads from the floor.
    pub fn hint(&self) -> Style {
        Style::new()
    }

    pub fn key(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// Errors and red flags.
    pub fn warning(&self) -> Style {
        self.strong(Tone::Warning)
    }
}
