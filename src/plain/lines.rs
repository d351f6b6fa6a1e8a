//! Lines of plain output: each written whole and flushed, wrapped at words
//! under its lead in a terminal, and the knowledge that the reader went away.

use std::io::{self, Write};

/// The output of a plain run: the first write that fails (a closed pipe, a full
/// disk) is remembered and later writes are dropped, so the run can end the
/// session properly (logged, state cleared) instead of vanishing with an error.
pub struct Lines<'a> {
    inner: &'a mut dyn Write,
    failed: bool,
}

impl<'a> Lines<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Lines<'a> {
        Lines {
            inner,
            failed: false,
        }
    }

    /// A write has failed: nobody reads this output any more.
    pub fn closed(&self) -> bool {
        self.failed
    }
}

impl Write for Lines<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.failed {
            match self.inner.write(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
                Err(_) => self.failed = true,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.failed && self.inner.flush().is_err() {
            self.failed = true;
        }
        Ok(())
    }
}

/// `text` broken at words into lines of at most `width` columns, the lines after
/// the first indented under the text after its lead: a time stamp ("[00:10] ")
/// or a list mark ("  - ").
pub(super) fn hanging(text: &str, width: usize) -> Vec<String> {
    let lead = if text.starts_with('[')
        && let Some(end) = text.find("] ")
    {
        end + 2
    } else if text.starts_with("  - ") {
        4
    } else {
        0
    };
    let (head, rest) = text.split_at(lead.min(text.len()));
    let room = width.saturating_sub(head.len()).max(10);
    crate::core::text::wrap(rest, room)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let lead = if i == 0 {
                head.to_owned()
            } else {
                " ".repeat(head.len())
            };
            format!("{lead}{row}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::hanging;

    #[test]
    fn long_lines_wrap_at_words_under_their_text() {
        assert_eq!(
            hanging("[00:10] Knee-to-chest, left side: Hold (20s)", 30),
            ["[00:10] Knee-to-chest, left", "        side: Hold (20s)"]
        );
        assert_eq!(
            hanging("  - Draw one knee gently toward your chest", 24),
            ["  - Draw one knee gently", "    toward your chest"]
        );
        assert_eq!(hanging("short", 30), ["short"]);
    }
}
