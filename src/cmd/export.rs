//! `supple export`: a routine's TOML.

use super::*;

pub(crate) fn export(out: &mut dyn Write, library: &Library, arg: &str) -> Result<u8, CliError> {
    let entry = match library.resolve(arg) {
        Ok(e) => e,
        Err(not_found) => {
            return Err(CliError::failed(not_found.to_string()));
        }
    };
    match (&entry.text, &entry.routine) {
        (Some(text), _) => {
            out.write_all(sanitize_lines(text).as_bytes())?;
            out.flush()?;
            Ok(0)
        }
        (None, Err(e)) => {
            report(e, &entry.source);
            Ok(1)
        }
        (None, Ok(_)) => Ok(1),
    }
}
