//! `supple red-flags`: when to see a doctor; and `supple format`, a fixed text too.

use super::*;

pub(crate) fn red_flags(out: &mut dyn Write) -> Result<u8, CliError> {
    writeln!(out, "See a doctor if you have back pain with any of these:")?;
    for flag in crate::core::guidance::RED_FLAGS {
        writeln!(out, "  - {flag}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", crate::core::guidance::EMERGENCY)?;
    writeln!(out, "supple is self-care support, not a diagnosis.")?;
    out.flush()?;
    Ok(0)
}

/// Writes a text shipped in the binary (`supple format`: the routine format).
pub(crate) fn text(out: &mut dyn Write, text: &str) -> Result<u8, CliError> {
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(0)
}
