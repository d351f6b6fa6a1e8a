//! Text that tries to act on a terminal or to disguise itself, as found in the wild:
//! escape sequences (CSI, OSC titles, clipboard writes and hyperlinks, DCS), C1
//! controls, other C0 controls, bidi overrides and isolates, zero-width characters
//! and Unicode line separators.

pub const HOSTILE: &[(&str, &str)] = &[
    ("CSI clear screen", "\u{1b}[2J\u{1b}[Hgone"),
    ("CSI colour", "\u{1b}[31mred"),
    ("OSC title", "\u{1b}]0;pwned\u{7}"),
    ("OSC 52 clipboard", "\u{1b}]52;c;cm0gLXJmIH4=\u{7}"),
    (
        "OSC 8 hyperlink",
        "\u{1b}]8;;http://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    ),
    ("DCS", "\u{1b}Pq#0;2;0;0;0\u{1b}\\"),
    ("C1 CSI", "\u{9b}2Jgone"),
    ("C1 OSC", "\u{9d}0;pwned\u{9c}"),
    ("C1 next line", "a\u{85}b"),
    ("bell", "ding\u{7}"),
    ("backspaces", "abc\u{8}\u{8}\u{8}xyz"),
    ("carriage return", "safe\rEVIL"),
    ("delete", "x\u{7f}"),
    ("bidi override", "\u{202e}txt.exe"),
    ("bidi isolate", "\u{2066}abc\u{2069}"),
    ("zero-width space", "stre\u{200b}tch"),
    ("zero-width joiner", "a\u{200d}b"),
    ("byte order mark", "\u{feff}name"),
    ("line separator", "a\u{2028}b"),
];

/// `s` as a TOML basic string, every character outside printable ASCII escaped.
pub fn toml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}
