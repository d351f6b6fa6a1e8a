//! `supple red-flags`: when to see a doctor; and `supple format`, a fixed text too.

use super::*;

/// Wrapped at 80 columns (fewer in a narrower terminal), each sign's later lines
/// under its first word.
pub(crate) fn red_flags(out: &mut dyn Write) -> Result<u8, CliError> {
    let width = terminal_width(&io::stdout()).min(80);
    for line in crate::core::red_flags::lines() {
        let (first, rest) = match line.strip_prefix("  - ") {
            Some(sign) => (sign, "    "),
            None => (line.as_str(), ""),
        };
        let wrapped = crate::core::text::wrap(first, width.saturating_sub(rest.len()).max(20));
        if wrapped.is_empty() {
            writeln!(out)?;
        }
        for (i, l) in wrapped.iter().enumerate() {
            let lead = match (i, rest.is_empty()) {
                (_, true) => "",
                (0, false) => "  - ",
                _ => rest,
            };
            writeln!(out, "{lead}{l}")?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// Writes a text shipped in the binary (`supple format`: the routine format).
pub(crate) fn text(out: &mut dyn Write, text: &str) -> Result<u8, CliError> {
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(0)
}
