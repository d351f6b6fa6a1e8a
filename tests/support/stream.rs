//! Checks a byte stream written to a terminal: the only escape sequences in it are
//! the ones a TUI library writes on its own (cursor moves, clears, colours, modes,
//! and a window title whose text is clean), and no other character that a terminal
//! would act on or that would disguise the text (C0/C1 controls, bidi overrides,
//! zero-width characters) is anywhere in it.

use supple::core::text::find_forbidden;

/// Final bytes of the CSI sequences crossterm writes.
const CSI_FINALS: &str = "ABCDEFGHJKSTXdfhlmnqrstu";

pub fn assert_clean(stream: &[u8], what: &str) {
    let text = match std::str::from_utf8(stream) {
        Ok(t) => t,
        Err(e) => panic!("{what}: not UTF-8 at byte {}", e.valid_up_to()),
    };
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let context = || {
            let before: String = text[..at].chars().rev().take(40).collect();
            let after: String = text[at..].chars().take(40).collect();
            format!("{:?}", before.chars().rev().collect::<String>() + &after)
        };
        match c {
            '\u{1b}' => match chars.next() {
                Some((_, '[')) => {
                    let mut fin = None;
                    for (_, p) in chars.by_ref() {
                        if p.is_ascii_digit() || ";:?<=>".contains(p) {
                            continue;
                        }
                        fin = Some(p);
                        break;
                    }
                    let ok = fin.is_some_and(|f| CSI_FINALS.contains(f));
                    assert!(
                        ok,
                        "{what}: unexpected CSI ending {fin:?} near {}",
                        context()
                    );
                }
                Some((_, ']')) => {
                    // Only a title (OSC 0 or 2), ended by BEL or ST, with clean text.
                    let rest = &text[at + 2..];
                    let end = rest.find(['\u{7}', '\u{1b}']).unwrap_or(rest.len());
                    let body = &rest[..end];
                    assert!(
                        body.starts_with("0;") || body.starts_with("2;"),
                        "{what}: an OSC other than a title near {}",
                        context()
                    );
                    assert!(
                        find_forbidden(body).is_none(),
                        "{what}: raw text in the title {body:?}"
                    );
                    let skip = body.chars().count() + 1;
                    for _ in 0..skip {
                        chars.next();
                    }
                    if rest[end..].starts_with('\u{1b}') {
                        assert_eq!(chars.next().map(|(_, c)| c), Some('\\'), "{what}: bad ST");
                    }
                }
                // Keypad modes and cursor save/restore are harmless.
                Some((_, '=' | '>' | '7' | '8')) => {}
                other => panic!("{what}: unexpected escape {other:?} near {}", context()),
            },
            '\r' | '\n' => {}
            c => assert!(
                supple::core::text::forbidden_char(c).is_none(),
                "{what}: raw {:?} (U+{:04X}) reached the terminal near {}",
                c,
                u32::from(c),
                context()
            ),
        }
    }
}
