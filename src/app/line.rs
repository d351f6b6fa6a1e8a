//! A line of text typed on a screen: the home screen's filter (`/`) and the line
//! typed over a screen ([`super::Entry`]: a note, an activity, its rating). Both
//! take the same keys (a character, Backspace, Ctrl-U) and the same pastes, and
//! both keep only what a line can show: no control characters, and no more than
//! their own length, however much arrives.

/// The text typed, at most `max` characters, none of them a control character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    text: String,
    max: usize,
}

impl TextLine {
    /// An empty line that takes at most `max` characters.
    pub const fn new(max: usize) -> TextLine {
        TextLine {
            text: String::new(),
            max,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The most characters it takes.
    pub fn max(&self) -> usize {
        self.max
    }

    /// Adds `c` at the end; false (and nothing added) for a control character or
    /// when the line is full.
    pub fn push(&mut self, c: char) -> bool {
        if c.is_control() || self.text.chars().count() >= self.max {
            return false;
        }
        self.text.push(c);
        true
    }

    /// Backspace: the last character goes.
    pub fn pop(&mut self) {
        self.text.pop();
    }

    /// Ctrl-U, or a new question: the line is empty again.
    pub fn clear(&mut self) {
        self.text.clear();
    }

    /// A new length (a new question): what is typed is cleared.
    pub fn reset(&mut self, max: usize) {
        self.text.clear();
        self.max = max;
    }
}

/// What of a paste goes into a line of at most `max` characters: line breaks and
/// tabs become one space each, other control characters (an escape sequence's
/// ESC) are dropped, and no more than `max` characters are given, so a paste of
/// any size costs at most `max` keys. With `first_line`, only the first line.
pub fn pasted(text: &str, max: usize, first_line: bool) -> impl Iterator<Item = char> + '_ {
    let text = if first_line {
        text.split(['\n', '\r']).next().unwrap_or_default()
    } else {
        text
    };
    let mut last_space = false;
    text.chars()
        .filter_map(move |c| {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            // "\r\n" and runs of breaks are one space.
            let space = c == ' ';
            let keep = !c.is_control() && (!space || !last_space);
            last_space = space;
            keep.then_some(c)
        })
        .take(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_drops_control_characters_and_stops_at_its_length() {
        let mut line = TextLine::new(3);
        assert!(line.push('a'));
        assert!(!line.push('\u{1b}'));
        assert!(!line.push('\n'));
        assert!(line.push('é'));
        assert!(line.push('c'));
        assert!(!line.push('d'));
        assert_eq!(line.as_str(), "aéc");
        line.pop();
        assert_eq!(line.as_str(), "aé");
        line.reset(2);
        assert!(line.is_empty());
        assert_eq!(line.max(), 2);
    }

    #[test]
    fn a_paste_is_one_line_of_visible_characters_bounded() {
        let text: String = pasted("flared\r\nafter\tlifting\u{1b}[31m", 100, false).collect();
        assert_eq!(text, "flared after lifting[31m");
        let first: String = pasted("cat\nsecond", 100, true).collect();
        assert_eq!(first, "cat");
        let huge = "x\n".repeat(50_000);
        assert_eq!(pasted(&huge, 500, false).count(), 500);
    }
}
