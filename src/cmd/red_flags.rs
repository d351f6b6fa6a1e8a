//! `supple red-flags`: when to see a doctor.

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
