//! `supple list`: every routine with its length.

use super::*;

pub(crate) fn list(library: &Library, json: bool) -> Result<u8, CliError> {
    let mut out = io::stdout().lock();
    let warnings = commands::list(&mut out, library, json)?;
    out.flush()?;
    warn_all(&warnings);
    Ok(0)
}
