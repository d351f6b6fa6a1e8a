//! Errors in supple's files (routines, plans, the config file, reminders),
//! rendered the way rustc renders them:
//!
//! ```text
//! knees.toml:14:8: error: 'hold' must be longer than 0s in exercise 'Knee-to-chest'
//!    |
//! 14 | hold = "0s"
//!    |        ^^^^
//!    = help: give the hold a length such as "10s", or remove it for self-paced reps
//! ```
//!
//! Everything quoted from the file passes [`crate::text::sanitize`].

use std::fmt;
use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::text::{count, sanitize};

/// One problem at one place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Byte range in the source text.
    pub span: Range<usize>,
    /// What is wrong, and where in the routine ("in exercise 'X'").
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A 1-based line and column (in characters) of a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Finds the line and column of `offset` in `source`. Offsets past the end, or
/// inside a multi-byte character, are moved back to the nearest valid place.
pub fn position(source: &str, offset: usize) -> Position {
    let offset = floor_char_boundary(source, offset);
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// How the file is named in messages: a path as the user gave it, or
    /// `back-spasm-relief.toml (bundled)`.
    pub origin: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file could not be read; the message says why and what to do.
    Unreadable(String),
    /// The file was read and has these errors, in source order.
    Invalid {
        source: String,
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    pub fn unreadable(origin: impl Into<String>, why: impl Into<String>) -> Self {
        LoadError {
            origin: origin.into(),
            problem: Problem::Unreadable(why.into()),
        }
    }

    /// How many separate errors this holds.
    pub fn count(&self) -> usize {
        match &self.problem {
            Problem::Unreadable(_) => 1,
            Problem::Invalid { diagnostics, .. } => diagnostics.len(),
        }
    }

    /// The first error on one line, for listings: `file:3:9: 'reps' must be...`.
    pub fn headline(&self) -> String {
        let origin = sanitize(&self.origin);
        let first = match &self.problem {
            Problem::Unreadable(why) => format!("{origin}: {}", sanitize(why)),
            Problem::Invalid {
                source,
                diagnostics,
            } => match diagnostics.first() {
                Some(d) => {
                    let at = position(source, d.span.start);
                    format!(
                        "{origin}:{}:{}: {}",
                        at.line,
                        at.column,
                        sanitize(&d.message)
                    )
                }
                None => format!("{origin}: invalid routine"),
            },
        };
        match self.count() {
            0 | 1 => first,
            n => format!("{first} (and {} more)", n - 1),
        }
    }
}

/// How many errors a report shows in full: past this, the first ones are usually the
/// cause of the rest, and a wall of text hides them.
pub const SHOWN: usize = 20;

impl fmt::Display for LoadError {
    /// The full rustc-style report of every error, ending with a newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = sanitize(&self.origin);
        match &self.problem {
            Problem::Unreadable(why) => writeln!(f, "{origin}: error: {}", sanitize(why)),
            Problem::Invalid {
                source,
                diagnostics,
            } => {
                for (i, d) in diagnostics.iter().take(SHOWN).enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    render(f, &origin, source, d)?;
                }
                match diagnostics.len().saturating_sub(SHOWN) {
                    0 => Ok(()),
                    n => writeln!(
                        f,
                        "\n{origin}: {} not shown; fix these and check again",
                        count(n as u64, "more error")
                    ),
                }
            }
        }
    }
}

fn render(f: &mut fmt::Formatter<'_>, origin: &str, source: &str, d: &Diagnostic) -> fmt::Result {
    let at = position(source, d.span.start);
    writeln!(
        f,
        "{origin}:{}:{}: error: {}",
        at.line,
        at.column,
        sanitize(&d.message)
    )?;
    let start = floor_char_boundary(source, d.span.start);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[line_start..line_end].trim_end_matches('\r');
    // A spot among trailing carriage returns is shown at the end of the line.
    let start = start.min(line_start + line.len());
    let split = start - line_start;
    let end = floor_char_boundary(source, d.span.end.clamp(start, line_start + line.len()));
    // A long line is cut around the spot, so the report stays readable.
    let long = visible(line).width() > 100;
    let (b, sp, af) = if long {
        (40, 60, 30)
    } else {
        (usize::MAX, usize::MAX, usize::MAX)
    };
    let shown_before = keep_end(&visible(&line[..split]), b);
    let shown_span = keep_start(&visible(&source[start..end]), sp);
    let end_in_line = (end - line_start).min(line.len());
    let shown_after = keep_start(&visible(&line[end_in_line..]), af);
    let gutter = at.line.to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(f, "{pad} |")?;
    writeln!(f, "{} | {shown_before}{shown_span}{shown_after}", at.line)?;
    writeln!(
        f,
        "{pad} | {}{}",
        " ".repeat(shown_before.width()),
        "^".repeat(shown_span.width().max(1))
    )?;
    if let Some(help) = &d.help {
        writeln!(f, "{pad} = help: {}", sanitize(help))?;
    }
    Ok(())
}

/// At most `n` characters from the end of `s`, with `…` where it was cut.
fn keep_end(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_owned();
    }
    let tail: String = s.chars().skip(count - n).collect();
    format!("…{tail}")
}

/// At most `n` characters from the start of `s`, with `…` where it was cut.
fn keep_start(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let head: String = s.chars().take(n).collect();
    format!("{head}…")
}

/// A source fragment as it is printed: tabs as four spaces, controls made visible.
fn visible(s: &str) -> String {
    sanitize(&s.replace('\t', "    ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let src = "a = 1\nné = \"x\"\n";
        assert_eq!(position(src, 0), Position { line: 1, column: 1 });
        let x = src.find('"').unwrap();
        assert_eq!(position(src, x), Position { line: 2, column: 6 });
        assert_eq!(position(src, 999).line, 3);
    }

    #[test]
    fn renders_like_rustc() {
        let src = "name = \"x\"\nhold = \"0s\"\n";
        let start = src.find("\"0s\"").unwrap();
        let err = LoadError {
            origin: "knees.toml".into(),
            problem: Problem::Invalid {
                source: src.into(),
                diagnostics: vec![
                    Diagnostic::new(start..start + 4, "'hold' must be longer than 0s")
                        .with_help("give it a length"),
                ],
            },
        };
        assert_eq!(
            err.to_string(),
            "knees.toml:2:8: error: 'hold' must be longer than 0s\n  |\n2 | hold = \"0s\"\n  |        ^^^^\n  = help: give it a length\n"
        );
        assert_eq!(
            err.headline(),
            "knees.toml:2:8: 'hold' must be longer than 0s"
        );
    }

    #[test]
    fn raw_escapes_in_the_source_are_made_visible() {
        let src = "name = \"\u{1b}[2J\"";
        let err = LoadError {
            origin: "evil\u{1b}.toml".into(),
            problem: Problem::Invalid {
                source: src.into(),
                diagnostics: vec![Diagnostic::new(7..src.len(), "bad")],
            },
        };
        let shown = err.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("^[[2J"));
    }
}
